"""The change of channel of 23.02.2026 (ADR 3): by default the regime on 31 December decides the
year; with ``count_direct_before_change`` direct spending before the change date counts too."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from niokr.obligations import engine, services
from niokr.obligations.catalogue import REGIMES
from niokr.obligations.models import RightYearBalance, RuleRegime
from niokr.obligations.simulate import regime_from_params, run_scenario

CAT = {r["code"]: regime_from_params(r) for r in REGIMES}
KZ = engine.Performer(kazakhstani_supplier=True)
NOBODY = engine.Performer()
CHANGE = date(2026, 2, 23)


def _right(*, transition: bool, lines) -> engine.Right:
    budget = dataclasses.replace(CAT["BUDGET2026_COSTS"], count_direct_before_change=transition)
    return engine.Right(
        id="T", mineral_group="hydrocarbons", right_type="hc_production", production_start=date(2019, 4, 10),
        assignments=(engine.Assignment(CAT["CODE2017_COSTS"], date(2018, 6, 29), CHANGE - date.resolution), engine.Assignment(budget, CHANGE)),
        bases={2025: engine.Base(production_costs=Decimal("1000000.00")), 2026: engine.Base(production_costs=Decimal("1000000.00"))},
        lines=tuple(lines),
    )


LINES = (
    engine.Line("before", date(2026, 1, 20), Decimal("3000.00"), "direct", performer=KZ),
    engine.Line("before-ineligible", date(2026, 2, 1), Decimal("500.00"), "direct", performer=NOBODY),
    engine.Line("after", date(2026, 3, 10), Decimal("1000.00"), "direct", performer=KZ),
    engine.Line("transfer", date(2026, 5, 1), Decimal("8000.00"), "budget"),
    engine.Line("next-year", date(2027, 1, 15), Decimal("2000.00"), "direct", performer=KZ),
)


def _years(transition: bool) -> dict[int, engine.YearResult]:
    return {r.year: r for r in engine.compute_right(_right(transition=transition, lines=LINES), [2026, 2027])}


def test_off_the_regime_on_31_december_decides_the_whole_year():
    r = _years(False)[2026]
    assert (r.regime, r.obligation, r.fulfilled, r.arrears, r.status) == ("BUDGET2026_COSTS", Decimal("10000.00"), Decimal("8000.00"), Decimal("2000.00"), "partly")
    assert {(i.ref, i.reason) for i in r.ineligible} == {("before", "channel_not_allowed"), ("before-ineligible", "channel_not_allowed"), ("after", "channel_not_allowed")}
    assert not any(x.code == "direct_before_change_counted" for x in r.reasons)


def test_on_direct_spending_before_the_change_counts_alongside_transfers():
    years = _years(True)
    r = years[2026]
    assert (r.fulfilled, r.arrears, r.credit_out, r.status) == (Decimal("11000.00"), Decimal("0.00"), Decimal("1000.00"), "fulfilled")
    # judged under the direct regime of its date: an ineligible performer stays ineligible
    assert {(i.ref, i.reason) for i in r.ineligible} == {("before-ineligible", "performer_not_kazakhstani_no_permission"), ("after", "channel_not_allowed")}
    assert engine.Reason("direct_before_change_counted", {"amount": "3000.00", "lines": 1, "change": "2026-02-23"}) in r.reasons
    # only in the year of the change
    assert {(i.ref, i.reason) for i in years[2027].ineligible} == {("next-year", "channel_not_allowed")}


def test_the_parameter_needs_a_direct_regime_before_the_change():
    budget = dataclasses.replace(CAT["BUDGET2026_COSTS"], count_direct_before_change=True)
    right = engine.Right(
        id="N", mineral_group="solid", right_type="lic_solid_mining", production_start=date(2024, 1, 1),
        assignments=(engine.Assignment(budget, CHANGE),), bases={2025: engine.Base(production_costs=Decimal("1000000.00"))}, lines=LINES[:1],
    )
    r = engine.compute_right(right, [2026])[0]
    assert r.fulfilled == Decimal("0.00") and r.ineligible[0].reason == "channel_not_allowed"


def test_simulate_takes_the_parameter_from_a_scenario():
    scenario = {
        "years": [2026],
        "regimes": [{"code": "BUDGET2026_COSTS", "count_direct_before_change": True}],
        "rights": [{
            "id": "R", "mineral_group": "hydrocarbons", "right_type": "hc_production", "production_start": "2019-04-10",
            "regimes": [{"code": "CODE2017_COSTS", "from": "2018-06-29"}, {"code": "BUDGET2026_COSTS", "from": "2026-02-23"}],
            "bases": {"2025": {"production_costs": "1000000.00"}},
            "lines": [
                {"date": "2026-01-20", "amount": "3000.00", "channel": "direct", "performer": {"kazakhstani": True}},
                {"date": "2026-05-01", "amount": "8000.00", "channel": "budget"},
            ],
        }],
    }
    on = run_scenario(scenario)["results"][0]
    assert on["fulfilled"] == "11000.00" and any(r["code"] == "direct_before_change_counted" for r in on["reasons"])
    scenario["regimes"] = []
    assert run_scenario(scenario)["results"][0]["fulfilled"] == "8000.00"


@pytest.mark.django_db
@pytest.mark.parametrize("transition", [False, True], ids=["off", "on"])
def test_the_recompute_splits_the_year_at_the_change_date(build, settings, transition):
    """Lines of one performer before and after the change are never summed into one judged line."""
    settings.NIOKR_CURRENT_YEAR = 2026
    RuleRegime.objects.filter(code="BUDGET2026_COSTS").update(count_direct_before_change=transition)
    performer = build.org(kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None))
    right = build.right(build.org(name="ТОО «Переход»"))
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="contract")
    services.assign_regime(right=right, regime_code="BUDGET2026_COSTS", valid_from=CHANGE, legal_reason="joint order No 37604")
    services.record_base_figure(right=right, year=2025, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    for key, day, amount, channel in (("d1", date(2026, 1, 20), "3000.00", "direct"), ("d2", date(2026, 3, 10), "1000.00", "direct"), ("t1", date(2026, 5, 1), "8000.00", "budget")):
        services.post_entry(
            right=right, year=2026, kind="direct_spend" if channel == "direct" else "budget_transfer", amount=Decimal(amount), entry_date=day,
            idempotency_key=f"transition:{key}", channel=channel, performer=performer if channel == "direct" else None,
        )
    services.recompute()
    balance = RightYearBalance.objects.get(right=right, year=2026)
    if transition:
        assert (balance.fulfilled, balance.ineligible, balance.arrears) == (Decimal("11000.00"), Decimal("1000.00"), Decimal("0.00"))
    else:
        assert (balance.fulfilled, balance.ineligible, balance.arrears) == (Decimal("8000.00"), Decimal("4000.00"), Decimal("2000.00"))
    explained = {r.year: r for r in services.explain_right(right=right, years=[2026])}[2026]
    assert explained.fulfilled == balance.fulfilled


@pytest.mark.django_db
def test_the_regime_page_and_the_api_show_the_parameter(country, personas):
    budget = RuleRegime.objects.get(code="BUDGET2026_COSTS")
    client = personas.client(None, None)
    page = client.get(f"/obligations/regimes/{budget.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Direct spending before the change of channel counts" in page
    data = client.get(f"/api/v1/obligations/regimes/{budget.pk}/", HTTP_ACCEPT="application/json").json()
    assert data["count_direct_before_change"] is False
