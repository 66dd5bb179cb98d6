"""The obligation engine: DOMAIN.md §1.6 worked examples and the laws it must keep."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.obligations import engine
from niokr.obligations.catalogue import REGIMES
from niokr.obligations.simulate import regime_from_params

CAT = {r["code"]: regime_from_params(r) for r in REGIMES}
KZ = engine.Performer(kazakhstani_supplier=True)
FOREIGN_PERMITTED = engine.Performer(foreign_permission=True)
NOBODY = engine.Performer()


def hc_right(*, lines=(), bases=None, production_start=date(2019, 4, 10)):
    return engine.Right(
        id="R1",
        mineral_group="hydrocarbons",
        right_type="hc_production",
        production_start=production_start,
        assignments=(
            engine.Assignment(CAT["CODE2017_COSTS"], date(2018, 6, 29), date(2026, 2, 22)),
            engine.Assignment(CAT["BUDGET2026_COSTS"], date(2026, 2, 23)),
        ),
        bases=bases or {},
        lines=tuple(lines),
    )


def by_year(results):
    return {r.year: r for r in results}


# --- DOMAIN.md §1.6 -------------------------------------------------------------------------------


def test_worked_example_hc_contract_pays_budget_and_carries_the_excess():
    # Given an HC contract in its 5th production year with 2025 production costs of 12,345,678,900.00
    right = hc_right(
        bases={2025: engine.Base(production_costs=Decimal("12345678900.00"))},
        lines=[engine.Line("pp-1", date(2026, 5, 20), Decimal("130000000.00"), "budget")],
    )
    # When 2026 is computed
    r = by_year(engine.compute_right(right, [2026]))[2026]
    # Then 1% is due to KBK 401103 and the excess is credited to 2027
    assert r.regime == "BUDGET2026_COSTS"
    assert r.obligation == Decimal("123456789.00")
    assert r.fulfilled == Decimal("130000000.00")
    assert r.credit_out == Decimal("6543211.00")
    assert r.arrears == Decimal("0.00")
    assert r.status == "fulfilled"


def test_worked_example_model_contract_floor_is_one_percent_of_sgd():
    right = engine.Right(
        id="S1",
        mineral_group="solid",
        right_type="legacy_contract",
        production_start=date(2005, 1, 1),
        assignments=(engine.Assignment(CAT["LAW2010_SGD"], date(2012, 1, 1), date(2026, 2, 13)), engine.Assignment(CAT["MODEL2026_SGD"], date(2026, 2, 14))),
        bases={2025: engine.Base(aggregate_income=Decimal("50000000000.00"))},
    )
    r = by_year(engine.compute_right(right, [2026]))[2026]
    assert r.regime == "MODEL2026_SGD"
    assert r.obligation == Decimal("500000000.00")
    assert r.status == "unfulfilled"
    assert r.arrears == Decimal("500000000.00")


# --- statuses ---------------------------------------------------------------------------------------


def test_it_is_not_due_in_the_first_production_year():
    right = hc_right(production_start=date(2024, 3, 1), bases={2023: engine.Base(production_costs=Decimal("100.00"))})
    r = by_year(engine.compute_right(right, [2024, 2025]))
    assert r[2024].status == "not_due"
    assert r[2025].status == "base_missing"


def test_it_reports_base_missing_never_a_silent_zero():
    r = by_year(engine.compute_right(hc_right(), [2025]))[2025]
    assert r.status == "base_missing"
    assert r.obligation is None and r.arrears is None


def test_a_zero_base_gives_no_obligation():
    r = by_year(engine.compute_right(hc_right(bases={2024: engine.Base(production_costs=Decimal("0.00"))}), [2025]))[2025]
    assert r.status == "no_obligation"
    assert r.obligation == Decimal("0.00")


def test_partly_and_unfulfilled():
    bases = {2023: engine.Base(production_costs=Decimal("1000000.00")), 2024: engine.Base(production_costs=Decimal("1000000.00"))}
    right = hc_right(bases=bases, lines=[engine.Line("a", date(2024, 6, 1), Decimal("4000.00"), "direct", performer=KZ)])
    r = by_year(engine.compute_right(right, [2024, 2025]))
    assert r[2024].status == "partly" and r[2024].arrears == Decimal("6000.00")
    assert r[2025].status == "unfulfilled" and r[2025].arrears == Decimal("10000.00")


def test_production_not_started_is_not_due():
    r = by_year(engine.compute_right(hc_right(production_start=None), [2025]))[2025]
    assert r.status == "not_due"
    assert r.reasons[-1].code == "production_not_started"


# --- eligibility -------------------------------------------------------------------------------------


def test_direct_spending_does_not_count_under_the_budget_regime():
    right = hc_right(
        bases={2025: engine.Base(production_costs=Decimal("1000000.00"))},
        lines=[engine.Line("d", date(2026, 3, 1), Decimal("10000.00"), "direct", performer=KZ)],
    )
    r = by_year(engine.compute_right(right, [2026]))[2026]
    assert r.fulfilled == Decimal("0.00")
    assert [(i.ref, i.reason) for i in r.ineligible] == [("d", "channel_not_allowed")]
    assert r.status == "unfulfilled"


def test_a_line_counts_toward_the_year_it_names():
    bases = {2024: engine.Base(production_costs=Decimal("1000000.00"))}
    right = hc_right(bases=bases, lines=[engine.Line("late", date(2026, 1, 15), Decimal("10000.00"), "direct", for_year=2025, performer=KZ)])
    r = by_year(engine.compute_right(right, [2025]))[2025]
    assert r.status == "fulfilled" and r.fulfilled == Decimal("10000.00")


def law2010_right(lines, bases):
    return engine.Right(
        id="L1",
        mineral_group="hydrocarbons",
        right_type="legacy_contract",
        production_start=date(2000, 1, 1),
        assignments=(engine.Assignment(CAT["LAW2010_SGD"], date(2012, 1, 1)),),
        bases=bases,
        lines=tuple(lines),
    )


def test_foreign_performer_with_permission_counts_only_from_2015_under_the_2010_law():
    bases = {2013: engine.Base(aggregate_income=Decimal("100000.00")), 2014: engine.Base(aggregate_income=Decimal("100000.00"))}
    lines = [
        engine.Line("f14", date(2014, 7, 1), Decimal("1000.00"), "direct", performer=FOREIGN_PERMITTED),
        engine.Line("f15", date(2015, 7, 1), Decimal("1000.00"), "direct", performer=FOREIGN_PERMITTED),
    ]
    r = by_year(engine.compute_right(law2010_right(lines, bases), [2014, 2015]))
    assert r[2014].fulfilled == Decimal("0.00")
    assert r[2014].ineligible[0].reason == "performer_status_not_accepted_on_date"
    assert r[2015].fulfilled == Decimal("1000.00")


def test_a_performer_with_no_status_does_not_count():
    bases = {2015: engine.Base(aggregate_income=Decimal("100000.00"))}
    r = by_year(engine.compute_right(law2010_right([engine.Line("x", date(2016, 1, 5), Decimal("5.00"), "direct", performer=NOBODY)], bases), [2016]))[2016]
    assert r.ineligible[0].reason == "performer_not_kazakhstani_no_permission"


def test_excess_before_2015_is_not_carried_under_the_2010_law():
    bases = {2013: engine.Base(aggregate_income=Decimal("100000.00")), 2014: engine.Base(aggregate_income=Decimal("100000.00"))}
    lines = [engine.Line("big", date(2014, 5, 1), Decimal("5000.00"), "direct", performer=KZ)]
    r = by_year(engine.compute_right(law2010_right(lines, bases), [2014, 2015]))
    assert r[2014].credit_out == Decimal("0.00")
    assert any(x.code == "excess_not_carried" for x in r[2014].reasons)
    assert r[2015].credit_in == Decimal("0.00")


def test_excess_from_2015_is_carried_until_used():
    bases = {y: engine.Base(aggregate_income=Decimal("100000.00")) for y in range(2014, 2018)}
    lines = [engine.Line("big", date(2015, 5, 1), Decimal("2500.00"), "direct", performer=KZ)]
    r = by_year(engine.compute_right(law2010_right(lines, bases), [2015, 2016, 2017, 2018]))
    assert r[2015].credit_out == Decimal("1500.00")
    assert r[2016].credit_in == Decimal("1500.00") and r[2016].credit_out == Decimal("500.00") and r[2016].status == "fulfilled"
    assert r[2017].credit_in == Decimal("500.00") and r[2017].arrears == Decimal("500.00") and r[2017].status == "partly"


def test_direct_credit_does_not_pay_a_budget_obligation():
    right = engine.Right(
        id="M",
        mineral_group="hydrocarbons",
        right_type="hc_production",
        production_start=date(2010, 1, 1),
        assignments=(engine.Assignment(CAT["LAW2010_SGD"], date(2012, 1, 1), date(2025, 12, 31)), engine.Assignment(CAT["BUDGET2026_COSTS"], date(2026, 1, 1))),
        bases={2024: engine.Base(aggregate_income=Decimal("100000.00")), 2025: engine.Base(production_costs=Decimal("100000.00"))},
        lines=(engine.Line("big", date(2025, 5, 1), Decimal("5000.00"), "direct", performer=KZ),),
    )
    r = by_year(engine.compute_right(right, [2025, 2026]))
    assert r[2025].credit_out == Decimal("4000.00")
    assert r[2026].credit_in == Decimal("0.00")
    assert any(x.code == "credit_not_transferable" for x in r[2026].reasons)


def test_a_requested_year_with_no_regime_is_an_error_naming_the_year():
    with pytest.raises(engine.EngineError) as exc:
        engine.compute_right(hc_right(), [2016])
    assert "2016" in str(exc.value) and exc.value.field == "rights[R1].regimes"


def test_a_negative_base_is_an_error_naming_the_field():
    with pytest.raises(engine.EngineError) as exc:
        engine.compute_right(hc_right(bases={2024: engine.Base(production_costs=Decimal("-1.00"))}), [2025])
    assert exc.value.field == "rights[R1].bases.2024.production_costs"


def test_tenge_rounding_rule():
    regime = engine.Regime(**{**CAT["CODE2017_COSTS"].__dict__, "rounding": "tenge"})
    right = engine.Right("T", "solid", "lic_solid_mining", date(2020, 1, 1), (engine.Assignment(regime, date(2020, 1, 1)),), {2022: engine.Base(production_costs=Decimal("12345.50"))})
    assert engine.compute_right(right, [2023])[0].obligation == Decimal("123.00")


# --- laws (property-based) ---------------------------------------------------------------------------

money = st.integers(min_value=0, max_value=10**13).map(lambda t: Decimal(t).scaleb(-2))
performers = st.builds(engine.Performer, st.booleans(), st.booleans(), st.booleans(), st.booleans())
years_range = st.integers(min_value=2012, max_value=2026)


@st.composite
def lines_strategy(draw):
    year = draw(years_range)
    day = date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    channel = draw(st.sampled_from(["direct", "budget"]))
    return engine.Line(
        ref=f"l{draw(st.integers(0, 10**6))}",
        date=day,
        amount=Decimal(draw(st.integers(1, 10**11))).scaleb(-2),
        channel=channel,
        for_year=draw(st.one_of(st.none(), st.just(year - 1), st.just(year))),
        performer=draw(performers) if channel == "direct" else None,
    )


@st.composite
def rights_strategy(draw):
    codes = draw(st.lists(st.sampled_from(sorted(CAT)), min_size=1, max_size=3))
    starts = sorted(draw(st.lists(st.dates(date(2012, 1, 1), date(2026, 6, 30)), min_size=len(codes), max_size=len(codes), unique=True)))
    assignments = []
    for i, (code, start) in enumerate(zip(codes, starts, strict=True)):
        end = date.fromordinal(starts[i + 1].toordinal() - 1) if i + 1 < len(starts) else None
        assignments.append(engine.Assignment(CAT[code], start, end))
    bases = {}
    for y in range(2011, 2026):
        if draw(st.booleans()) or draw(st.booleans()):
            bases[y] = engine.Base(aggregate_income=draw(money), production_costs=draw(money))
    return engine.Right(
        id="P",
        mineral_group=draw(st.sampled_from(["hydrocarbons", "uranium", "solid"])),
        right_type="hc_production",
        production_start=draw(st.one_of(st.none(), st.dates(date(2005, 1, 1), date(2026, 1, 1)))),
        assignments=tuple(assignments),
        bases=bases,
        lines=tuple(draw(st.lists(lines_strategy(), max_size=25))),
    )


YEARS = list(range(2012, 2027))
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def compute(right):
    return engine.compute_right(right, YEARS, strict_years=False)


@PROPS
@given(rights_strategy())
def test_law_credit_is_never_negative(right):
    for r in compute(right):
        assert r.credit_in >= 0 and r.credit_out >= 0


@PROPS
@given(rights_strategy())
def test_law_fulfilment_plus_credit_plus_arrears_covers_the_obligation(right):
    for r in compute(right):
        if r.obligation is not None and r.status != "not_due":
            assert r.fulfilled + r.credit_in + r.arrears >= r.obligation
            assert r.arrears == max(Decimal("0"), r.obligation - r.fulfilled - r.credit_in)


@PROPS
@given(rights_strategy(), st.randoms(use_true_random=False))
def test_law_the_order_of_lines_never_changes_a_balance(right, rnd):
    shuffled = list(right.lines)
    rnd.shuffle(shuffled)
    other = engine.Right(**{**right.__dict__, "lines": tuple(shuffled)})
    strip = lambda rs: [(r.year, r.status, r.obligation, r.fulfilled, r.credit_in, r.credit_out, r.arrears, r.ineligible_total) for r in rs]  # noqa: E731
    assert strip(compute(right)) == strip(compute(other))


@PROPS
@given(rights_strategy(), lines_strategy())
def test_law_adding_an_eligible_line_never_raises_arrears_or_lowers_credit_out(right, line):
    assignment = engine.regime_in_force(right.assignments, line.year)
    if assignment is None or engine.judge_line(line, assignment.regime) is not None:
        return
    before = {r.year: r for r in compute(right)}
    after = {r.year: r for r in compute(engine.Right(**{**right.__dict__, "lines": (*right.lines, line)}))}
    assert before.keys() == after.keys()
    for year, b in before.items():
        a = after[year]
        assert a.credit_out >= b.credit_out
        if a.arrears is not None and b.arrears is not None:
            assert a.arrears <= b.arrears


@PROPS
@given(rights_strategy())
def test_law_computing_twice_gives_the_same_result(right):
    assert compute(right) == compute(right)


# --- explanations ------------------------------------------------------------------------------------


def test_every_reason_code_the_engine_emits_has_a_message_in_three_languages():
    import inspect
    import re

    from niokr.obligations.reasons import INELIGIBLE, TEMPLATES

    source = inspect.getsource(engine)
    emitted = set(re.findall(r'Reason\("([a-z_]+)"', source))
    ineligible = set(re.findall(r'return "([a-z_]+)"', source))
    assert emitted <= set(TEMPLATES), emitted - set(TEMPLATES)
    assert ineligible <= set(INELIGIBLE), ineligible - set(INELIGIBLE)
    for table in (TEMPLATES, INELIGIBLE):
        for code, texts in table.items():
            assert set(texts) == {"kk", "ru", "en"} and all(texts.values()), code


def test_a_reason_renders_with_its_figures_and_labels():
    from niokr.obligations.reasons import render_reason

    text = render_reason({"code": "obligation", "base_year": 2025, "base_type": "production_costs", "base": "12345678900.00", "rate": "0.01", "rounding": "tiyn", "obligation": "123456789.00", "rate_kind": "exact"}, "ru")
    assert "123\u202f456\u202f789,00\u00a0₸" in text and "1,00\u00a0%" in text and "2025" in text and "production_costs" not in text
