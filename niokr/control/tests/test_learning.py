"""The learned queue's parts on hand-made data: features without future leakage, the time split, the
measures, the kept model's exact explanation, the reasons' sentences, and the synthetic auditor.

The learned ranking on a generated country (and the page) is tested in ``test_learning_country.py``.
"""

from __future__ import annotations

import io
import re
from datetime import date

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control import learning
from niokr.control.learning import Spec, explain, features, fit_spec, precision_at, predict, ranking, reason_lines, time_split
from niokr.synthetic.verdicts import FlagFact, confirm_probability, past_cases

PAYER, OTHER = 10, 11


def _row(row_id: int, indicator: str = "NK-07", *, year: int = 2022, payer: int = PAYER, amount: int | None = 5_000_000_00, subject_type: str = "payment",
         subject_id: int | None = None, performer: int | None = 500, weight: int = 75, rule: int = 75) -> dict:
    return {
        "row_id": row_id, "indicator": indicator, "subject_type": subject_type, "subject_id": subject_id or row_id, "key_year": year, "year": year,
        "payer_id": payer, "amount": amount, "performer_id": performer, "weight": weight, "rule_score": rule,
    }


CONTEXT = {
    "spending": [(PAYER, y, 100_000_000_00) for y in range(2015, 2027)],
    "performers": [(500, "research_institute", date(2010, 3, 1)), (501, "company", date(2021, 6, 1))],
}


def _features(rows, verdicts, coflags=None):
    return features(rows, coflags=coflags if coflags is not None else [], verdicts=verdicts, **CONTEXT)


# --- no leakage ------------------------------------------------------------------------------------

verdict = st.tuples(
    st.sampled_from([PAYER, OTHER]), st.integers(2016, 2025), st.dates(date(2016, 1, 1), date(2026, 11, 30)), st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(verdicts=st.lists(verdict, max_size=40), year=st.integers(2017, 2025))
def test_a_flags_prior_record_reads_only_verdicts_on_earlier_years_closed_by_its_date(verdicts, year):
    """Any verdict from the flag's own year or later, or closed after the flag's date, changes nothing."""
    rows = [_row(1, year=year), _row(2, "NK-02", year=year, payer=OTHER)]
    end = date(year, 12, 31)
    known = [v for v in verdicts if v[1] < year and v[2] <= end]
    everything = _features(rows, verdicts)
    assert everything.equals(_features(rows, known))
    for r, payer in zip(everything.iter_rows(named=True), (PAYER, OTHER), strict=True):
        mine = [v for v in known if v[0] == payer]
        assert r["prior_confirmed"] == sum(1 for v in mine if v[3])
        assert r["prior_dismissed"] == sum(1 for v in mine if not v[3])


def test_the_flags_own_verdict_never_reaches_its_features():
    """A case on the flag's year closed before the year ends (a mid-year audit) is still its own year: left out."""
    row = _row(1, year=2023)
    own = [(PAYER, 2023, date(2023, 9, 1), True)]
    earlier = [(PAYER, 2022, date(2023, 3, 1), True), (PAYER, 2021, date(2022, 5, 1), False)]
    later_closed = [(PAYER, 2022, date(2024, 2, 1), True)]  # an earlier year, decided after the flag's date
    raw = _features([row], own + earlier + later_closed)
    assert (raw["prior_confirmed"][0], raw["prior_dismissed"][0]) == (1, 1)


def test_co_flags_count_the_other_indicators_on_the_subject_and_on_the_payer_year():
    rows = [_row(1, "NK-07", subject_id=70)]
    coflags = [
        ("NK-07", "payment", 70, 2022, 2022, PAYER), ("NK-02", "payment", 70, 2022, 2022, PAYER), ("NK-01", "payment", 70, 2022, 2022, PAYER),
        ("NK-08", "payer_year", PAYER, 2022, 2022, PAYER), ("NK-09", "payer_year", PAYER, 2021, 2021, PAYER), ("NK-02", "payment", 71, 2022, 2022, OTHER),
    ]
    raw = _features(rows, [], coflags)
    assert raw["co_subject"][0] == 2  # NK-02 and NK-01 on the same payment; its own NK-07 is not counted
    assert raw["co_payer_year"][0] == 3  # NK-02, NK-01, NK-08 on the payer's 2022; NK-09 is 2021, the other payer is not this one


def test_materiality_is_the_share_of_the_years_spending_and_the_performers_age_is_at_the_flags_date():
    raw = _features([_row(1, amount=25_000_000_00, performer=501), _row(2, amount=None, performer=None)], [])
    assert raw["share"][0] == pytest.approx(0.25) and raw["share"][1] is None
    assert raw["performer_kind"].to_list() == ["company", ""]
    assert raw["performer_age"][0] == pytest.approx((date(2022, 12, 31) - date(2021, 6, 1)).days / 365.25)


# --- the time split and the measures -----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(years=st.lists(st.integers(2012, 2025), min_size=2, max_size=200).filter(lambda ys: len(set(ys)) >= 2))
def test_the_time_split_is_a_split_earlier_years_to_fit_later_years_to_test(years):
    train, test, first = time_split(years)
    assert (train ^ test).all()  # every row on exactly one side
    assert max(np.asarray(years)[train]) < first <= min(np.asarray(years)[test])
    assert train.any() and test.any()


def test_a_split_year_can_be_given_and_one_year_cannot_be_split():
    train, test, first = time_split([2019, 2020, 2021, 2022, 2023], split_year=2021)
    assert first == 2021 and train.tolist() == [True, True, False, False, False]
    with pytest.raises(learning.NotEnoughVerdicts):
        time_split([2020, 2020, 2020])
    with pytest.raises(learning.NotEnoughVerdicts):
        time_split([2020, 2021], split_year=2030)


def test_precision_at_k_reads_the_first_k_of_the_order_ties_by_amount_then_row():
    order = ranking([0.9, 0.9, 0.1, 0.5], [10, 20, 99, None], [1, 2, 3, 4])
    assert order.tolist() == [1, 0, 3, 2]
    assert precision_at(order, [0, 1, 1, 0], 2) == 0.5
    assert precision_at(order, [0, 1, 1, 0], 100) == 0.5  # fewer rows than k: all of them
    assert precision_at(np.array([], dtype=int), [], 20) is None


# --- the kept model ----------------------------------------------------------------------------------


def _training_set(n: int = 240, seed: int = 3):
    rng = np.random.default_rng(seed)
    rows, y = [], []
    codes = ["NK-02", "NK-06", "NK-09", "NK-07"]
    for i in range(n):
        code = codes[i % 4]
        amount = int(rng.integers(1, 60)) * 1_000_000_00
        rows.append(_row(i + 1, code, year=2016 + i % 9, amount=amount, performer=500 + i % 2, weight=60))
        logit = {"NK-06": 1.5, "NK-09": -1.5}.get(code, 0.0) + 0.04 * amount / 1_000_000_00 - 1.0
        y.append(int(rng.random() < 1 / (1 + np.exp(-logit))))
    return rows, y


def test_the_explanation_is_exact_the_contributions_add_up_to_the_log_odds():
    rows, y = _training_set()
    raw = _features(rows, [])
    spec = Spec.from_dict(fit_spec(raw, y).as_dict())  # through JSON numbers, as the database keeps it
    p = predict(spec, raw)
    z = spec.standardised(raw)
    parts = (z - np.asarray(spec.means)) * np.asarray(spec.coef)
    average = spec.intercept + float(np.asarray(spec.means) @ np.asarray(spec.coef))
    assert np.allclose(np.log(p / (1 - p)), average + parts.sum(axis=1))
    reasons = explain(spec, raw)
    assert all(len(r) <= learning.REASONS for r in reasons)
    strongest = [abs(r[0]["effect"]) for r in reasons if r]
    assert all(abs(x["effect"]) <= s + 1e-9 for r, s in zip([r for r in reasons if r], strongest, strict=True) for x in r)
    # The duplicate (NK-06, confirmed far more often) is said to raise the probability; NK-09 to lower it.
    every = explain(spec, raw, top=99)
    by_code = {rows[i]["indicator"]: every[i] for i in range(len(rows))}
    duplicate = next(r for r in by_code["NK-06"] if r["reason"] == "indicator")
    assert duplicate["code"] == "NK-06" and duplicate["effect"] > 0
    assert next(r for r in by_code["NK-09"] if r["reason"] == "indicator")["effect"] < 0


def test_evaluate_measures_both_models_and_the_risk_score_on_the_later_years():
    rows, y = _training_set(360)
    result = learning.evaluate(_features(rows, []), y)
    assert result["test_years"][0] == result["split_year"] > result["train_years"][1]
    assert set(result["models"]) == {"logistic", "boosting", "rule"}
    assert all(0 <= m["p20"] <= 1 and 0 <= m["p100"] <= 1 for m in result["models"].values())
    assert result["train"] + result["test"] == 360


def test_a_code_the_model_never_saw_reads_as_no_indicator_column():
    rows, y = _training_set()
    spec = fit_spec(_features(rows, []), y)
    unseen = _features([_row(999, "NK-50")], [])
    assert 0 < predict(spec, unseen)[0] < 1


# --- the reasons as read ---------------------------------------------------------------------------

LATIN = re.compile(r"[A-Za-z]")
REASONS_ALL = [
    {"reason": "indicator", "code": "NK-06", "effect": 1.2}, {"reason": "subject_type", "subject_type": "payment", "effect": -0.2},
    {"reason": "performer_kind", "kind": "research_institute", "effect": -0.4}, {"reason": "performer_kind", "kind": "", "effect": 0.1},
    {"reason": "weight", "weight": 90, "effect": 0.3}, {"reason": "rule_score", "score": 87, "effect": -0.1},
    {"reason": "amount", "amount_tiyn": 1_234_567_00, "share": 0.0432, "effect": 0.2}, {"reason": "amount", "amount_tiyn": None, "share": None, "effect": -0.2},
    {"reason": "amount", "amount_tiyn": 5_000_00, "share": None, "effect": 0.5},
    {"reason": "co_subject", "count": 2, "effect": 0.3}, {"reason": "co_payer_year", "count": 5, "year": 2024, "effect": 0.3},
    {"reason": "prior", "confirmed": 7, "dismissed": 2, "effect": 0.8}, {"reason": "prior", "confirmed": 0, "dismissed": 0, "effect": -0.1},
    {"reason": "performer_age", "years": 1.5, "performer": True, "effect": 0.6}, {"reason": "performer_age", "years": None, "performer": True, "effect": 0.1},
    {"reason": "performer_age", "years": None, "performer": False, "effect": -0.1},
]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_reason_reads_in_kazakh_and_russian_without_english_or_row_ids(lang):
    lines = reason_lines(REASONS_ALL, lang)
    assert len(lines) == len(REASONS_ALL)
    for direction, text in lines:
        assert direction in ("up", "down")
        assert not LATIN.search(text), text
        assert "{" not in text and "#" not in text
    texts = [t for _d, t in lines]
    assert any("7" in t and "9" in t for t in texts)  # 7 of 9 items confirmed
    assert any("1\u202f234\u202f567" in t for t in texts)  # money in the language's groups


def test_the_english_reasons_name_the_indicator_and_the_record():
    lines = dict((t, d) for d, t in reason_lines(REASONS_ALL, "en"))
    assert lines["Auditors' earlier verdicts on «Same payment claimed twice»"] == "up"
    assert lines["Earlier audits of the subsoil user: 7 of 9 items confirmed"] == "up"
    assert "No earlier audits of the subsoil user" in lines and "No performer" in lines
    assert "Amount at stake: ₸1,234,567, 4.32\u00a0% of the subsoil user's R&D spending of the year" in lines


# --- the synthetic auditor -------------------------------------------------------------------------


def _facts(n: int = 600) -> list[FlagFact]:
    out = []
    for i in range(n):
        kind = i % 3
        out.append(FlagFact(
            flag_id=i, indicator=["NK-06", "NK-09", "NK-18"][i % 3], year=2014 + i % 12, payer_id=100 + i % 7, amount=(i % 50 + 1) * 1_000_000_00,
            share=(i % 50 + 1) / 400, performer_kind="company", performer_age=5.0, own=kind == 0, other=kind == 1,
        ))
    return out


def test_the_synthetic_verdicts_are_reproducible_and_close_before_today():
    today = date(2026, 11, 20)
    one = past_cases(_facts(), seed=7, today=today)
    assert one == past_cases(_facts(), seed=7, today=today)
    assert one != past_cases(_facts(), seed=8, today=today)
    for case in one:
        assert case.opened_on.year == case.year + 1 and case.opened_on < case.closed_on < today
        assert len(case.items) <= 40 and len({f for f, _v in case.items}) == len(case.items)
    assert {c.year for c in one} <= set(range(2014, 2026))


def test_the_synthetic_auditor_confirms_labelled_problems_and_dismisses_clean_flags_mostly():
    cases = past_cases(_facts(3000), seed=1, today=date(2026, 11, 20), audit_share=1.0, max_items=1000)
    facts = {f.flag_id: f for f in _facts(3000)}
    rates = {}
    for name, test in (("own", lambda f: f.own), ("other", lambda f: f.other), ("clean", lambda f: not f.own and not f.other)):
        decided = [v for c in cases for fid, v in c.items if test(facts[fid])]
        rates[name] = sum(decided) / len(decided)
    assert rates["own"] > 0.6 and rates["clean"] < 0.35 and rates["own"] > rates["other"] > rates["clean"]


def test_money_and_the_payers_trait_raise_the_probability():
    base = FlagFact(flag_id=1, indicator="NK-07", year=2020, payer_id=1, share=0.001, own=True)
    big = FlagFact(flag_id=1, indicator="NK-07", year=2020, payer_id=1, share=0.3, own=True)
    assert confirm_probability(big, practice=0.0, trait=0.0) > confirm_probability(base, practice=0.0, trait=0.0)
    assert confirm_probability(base, practice=0.0, trait=1.0) > confirm_probability(base, practice=0.0, trait=-1.0)


# --- the command without verdicts --------------------------------------------------------------------


@pytest.mark.django_db
def test_learn_says_plainly_when_there_are_too_few_verdicts():
    with pytest.raises(CommandError, match="decided flags in closed cases"):
        call_command("control", "learn", stdout=io.StringIO())
    assert learning.kept_model() is None


@pytest.mark.django_db
def test_the_queue_lists_flags_without_a_priority_row_last_never_leaves_them_out(audited):
    from niokr.control.models import Flag, FlagPriority

    current = Flag.objects.current()
    FlagPriority.objects.create(flag=audited.flags[1], run=audited.run, rule_score=40, probability=0.2)
    orders = {order: list(learning.queue(current, order).values_list("pk", flat=True)) for order in learning.ORDERS}
    assert all(sorted(pks) == sorted(f.pk for f in audited.flags) for pks in orders.values())
    assert orders["learned"][0] == audited.flags[1].pk and orders["risk"][0] == audited.flags[1].pk
    assert orders["amount"][0] == audited.flags[0].pk
