"""NK-39 payment credited to a closed year, NK-40 year-end dump spread across the New Year."""

from __future__ import annotations

import json
from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.aggregates import INDICATORS as AGGREGATES
from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.crediting import NK39, NK40

AS_OF = date(2026, 6, 1)
PAYER, PAYER_BIN = 100, "150340000109"
INSTITUTE, INSTITUTE_BIN = 1, "050140000456"
LAB, LAB_BIN = 2, "180340000104"
THIRD, THIRD_BIN = 3, "990940001234"
RIGHT = 7
NK08 = next(i for i in AGGREGATES if i.code == "NK-08")
ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "name": "АО «Каспий Мұнай»"},
    {"org_id": INSTITUTE, "bin": INSTITUTE_BIN, "kind": "research_institute", "name": "НИИ «Зерттеу»"},
    {"org_id": LAB, "bin": LAB_BIN, "kind": "company", "name": "ТОО «Лаборатория»"},
    {"org_id": THIRD, "bin": THIRD_BIN, "kind": "company", "name": "ТОО «Третий»"},
]
M = 1_000_000_00  # a million tenge in tiyn


def _pay(n: int, paid_on: date | None, amount: int, *, year: int | None = None, performer: int = INSTITUTE, right: int | None = RIGHT, agreement: int | None = None) -> dict:
    return {
        "payment_id": n, "agreement_id": agreement if agreement is not None else 500 + performer, "right_id": right, "payer_id": PAYER,
        "performer_id": performer, "paid_on": paid_on, "amount": amount, "document_number": f"ПП-{n}",
        "year": year if year is not None else (paid_on.year if paid_on else None), "right_number": "1613-УВС" if right == RIGHT else None,
        "purpose": "Оплата НИР",
    }


def _year(year: int, obligation: int, fulfilled: int, *, status: str = "fulfilled", right: int = RIGHT, channel: str = "direct", credit_in: int = 0) -> dict:
    return {"right_id": right, "payer_id": PAYER, "year": year, "channel": channel, "obligation": obligation, "credit_in": credit_in,
            "fulfilled": fulfilled, "status": status, "arrears": None if obligation is None else max(0, obligation - credit_in - fulfilled), "right_number": "1613-УВС"}


def _status(out: pl.DataFrame) -> dict:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def _texts(indicator, evidence: str) -> dict[str, str]:
    return {lang: explain(indicator, evidence, lang) for lang in ("kk", "ru", "en")}


# -- NK-39 -------------------------------------------------------------------------------------------


def _nk39(payments, years, **overrides) -> pl.DataFrame:
    return evaluate(NK39, Frames.build(AS_OF, payments=payments, right_years=years, organisations=ORGS), overrides)


def test_nk39_a_payment_made_in_2025_for_2023_that_fills_2023s_arrears_is_flagged():
    # 2023 owes 100 M ₸: 60 M ₸ paid in 2023, 40 M ₸ paid on 03.06.2025 "for 2023" — 14 months after the year closed.
    out = _nk39([_pay(1, date(2023, 6, 3), 60 * M), _pay(2, date(2025, 6, 3), 40 * M, year=2023)], [_year(2023, 100 * M, 100 * M)])
    assert _status(out) == {1: ("clear", None), 2: ("flagged", None)}
    row = out.filter(pl.col("subject_id") == 2).row(0, named=True)
    assert row["amount"] == 40 * M and row["payer_id"] == PAYER
    ev = json.loads(row["evidence"])
    assert (ev["year"], ev["closed_on"], ev["shortfall_tiyn"], ev["covered_tiyn"], ev["late_credit_count"], ev["direct_grace_days"]) == (2023, "30.03.2024", 40 * M, 40 * M, 1, 90)
    assert ev["days_after_close"] == (date(2025, 6, 3) - date(2024, 3, 30)).days
    texts = _texts(NK39, row["evidence"])
    assert "credited to 2023, though it was paid 430 days after that year closed" in texts["en"] and "₸40,000,000.00" in texts["en"] and "1613-УВС" in texts["en"]
    assert "зачтён в 2023 год" in texts["ru"] and "ПП-2" in texts["ru"] and "НИИ «Зерттеу»" in texts["ru"]
    assert "2023 жылға есепке жатқызылған" in texts["kk"] and "жабылғаннан" in texts["kk"] and PAYER_BIN in texts["kk"]


def test_nk39_shares_the_shortfall_among_the_late_payments_in_date_order():
    # Without the two late payments 2023 was 30 M ₸ short: the first covers 20 M ₸, the second 10 M ₸.
    pays = [_pay(1, date(2023, 5, 1), 80 * M), _pay(2, date(2024, 9, 1), 20 * M, year=2023), _pay(3, date(2024, 11, 1), 20 * M, year=2023)]
    out = _nk39(pays, [_year(2023, 110 * M, 120 * M)])
    assert {r["subject_id"]: r["amount"] for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True)} == {2: 20 * M, 3: 10 * M}
    # Had 2023 been short by 5 M ₸ only, the second late payment covers nothing.
    out = _nk39(pays, [_year(2023, 85 * M, 120 * M)])
    assert _status(out)[3] == ("clear", None) and out.filter(pl.col("subject_id") == 2)["amount"][0] == 5 * M


def test_nk39_quiet_on_payments_within_the_grace_period_met_years_budget_years_and_rounding():
    pays = [
        _pay(1, date(2024, 1, 20), 30 * M, year=2023),  # January payment for a December act: the year is still open
        _pay(2, date(2024, 3, 30), 30 * M, year=2023),  # the last day of the grace period
        _pay(3, date(2023, 11, 3), 60 * M),
        _pay(4, date(2025, 8, 1), 10 * M, year=2022),  # 2022 was met without it (over-fulfilled)
        _pay(5, date(2025, 8, 1), 10 * M, year=2021, right=8),  # a budget-channel year takes no direct spending
        _pay(6, date(2025, 8, 1), 10 * M, year=2020, right=9),  # covers a 100-tenge rounding gap only
        _pay(7, date(2025, 8, 1), 10 * M, year=2026),  # credited forward, not back
    ]
    years = [
        _year(2023, 120 * M, 120 * M), _year(2022, 50 * M, 70 * M), _year(2021, 40 * M, 10 * M, right=8, channel="budget", status="partly"),
        _year(2020, 50 * M, 60 * M, right=9, credit_in=0),
    ]
    years[-1]["fulfilled"] = 50 * M - 100_00 + 10 * M
    out = _nk39(pays, years)
    assert {k: v[0] for k, v in _status(out).items()} == {i: "clear" for i in range(1, 8)}
    # The grace period is a threshold: with 30 days the February payment is late, and 2023 was short without both.
    assert _status(_nk39(pays, years, direct_grace_days=30))[2] == ("flagged", None)


def test_nk39_not_computable_without_a_date_a_right_a_balance_or_a_base():
    pays = [
        _pay(1, None, 10 * M, year=2023), _pay(2, date(2025, 8, 1), 10 * M, year=2023, right=None),
        _pay(3, date(2025, 8, 1), 10 * M, year=2022), _pay(4, date(2025, 8, 1), 10 * M, year=2021, right=8), _pay(5, date(2023, 8, 1), 10 * M),
    ]
    years = [_year(2021, None, 10 * M, right=8, status="base_missing")]
    assert _status(_nk39(pays, years)) == {
        1: ("not_computable", "no_payment_date"), 2: ("not_computable", "no_right"), 3: ("not_computable", "no_balance"),
        4: ("not_computable", "no_base"), 5: ("clear", None),
    }
    assert evaluate(NK39, Frames.build(AS_OF, payments=pays))["reason"].to_list() == ["frame_missing:right_years"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1400), st.integers(2019, 2025), st.integers(1, 50)), max_size=14), st.integers(0, 300))
def test_nk39_covers_no_more_than_each_years_shortfall(rows, obligation_m):
    pays = [_pay(i + 1, date(2020, 1, 1) + timedelta(days=d), m * M, year=y) for i, (d, y, m) in enumerate(rows)]
    credited: dict[int, int] = {}
    for p in pays:
        credited[p["year"]] = credited.get(p["year"], 0) + p["amount"]
    years = [_year(y, obligation_m * M, credited.get(y, 0), status="fulfilled" if credited.get(y, 0) >= obligation_m * M else "partly") for y in range(2019, 2026)]
    out = _nk39(pays, years)
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(pays) + 1))
    flagged = out.filter(pl.col("status") == "flagged")
    for year in range(2019, 2026):
        ids = [p["payment_id"] for p in pays if p["year"] == year]
        covered = flagged.filter(pl.col("subject_id").is_in(ids))["amount"].sum()
        assert covered <= max(0, obligation_m * M - (credited.get(year, 0) - sum(
            p["amount"] for p in pays if p["year"] == year and p["paid_on"] > date(year, 12, 31) + timedelta(days=90) and p["paid_on"].year > year)))
    for evidence in flagged["evidence"]:
        ev = json.loads(evidence)
        assert ev["days_after_close"] > 0 and ev["covered_tiyn"] > 0 and all(_texts(NK39, evidence).values())


# -- NK-40 -------------------------------------------------------------------------------------------


def _through_2024(n0: int = 100) -> list[dict]:
    """A year of ordinary stage payments: ten of 10 M ₸, February to November."""
    return [_pay(n0 + i, date(2024, 2 + i, 10), 10 * M, performer=THIRD) for i in range(10)]


def _spread(dec: tuple[int, int] = (20, 20), jan: tuple[int, int] = (20, 20), *, jan_year: int | None = None) -> list[dict]:
    """40 M ₸ in 20–28 December 2024 and 40 M ₸ in 5–12 January 2025, to the institute and the lab."""
    return [
        _pay(1, date(2024, 12, 20), dec[0] * M, performer=INSTITUTE), _pay(2, date(2024, 12, 28), dec[1] * M, performer=LAB),
        _pay(3, date(2025, 1, 5), jan[0] * M, performer=INSTITUTE, year=jan_year), _pay(4, date(2025, 1, 12), jan[1] * M, performer=LAB, year=jan_year),
    ]


def _nk40(payments, as_of: date = AS_OF, **frames_and_overrides):
    frames = {k: frames_and_overrides.pop(k) for k in ("agreements", "stages", "acts") if k in frames_and_overrides}
    return evaluate(NK40, Frames.build(as_of, payments=payments, organisations=ORGS, **frames), frames_and_overrides)


def _row(out: pl.DataFrame, year: int) -> dict:
    return out.filter((pl.col("subject_id") == PAYER) & (pl.col("year") == year)).row(0, named=True)


def test_nk40_a_dump_split_between_late_december_and_early_january_is_flagged_where_nk08_is_quiet():
    payments = _through_2024() + _spread()
    row = _row(_nk40(payments), 2024)
    assert row["status"] == "flagged" and row["amount"] == 80 * M
    ev = json.loads(row["evidence"])
    # 2024's spending: 100 M ₸ through the year + 40 M ₸ of December; the January payments (credited to 2025) join it: 180 M ₸.
    assert (ev["spread_tiyn"], ev["total_tiyn"], ev["december_tiyn"], ev["january_tiyn"], ev["performers"]) == (80 * M, 180 * M, 40 * M, 40 * M, 2)
    assert (ev["spread_pct"], ev["december_pct"], ev["threshold_pct"], ev["window_from"], ev["window_to"]) == (44.4, 22.2, 40.0, "17.12.2024", "15.01.2025")
    assert set(ev["performer_bins"]) == {INSTITUTE_BIN, LAB_BIN}
    texts = _texts(NK40, row["evidence"])
    assert "on both sides of the New Year" in texts["en"] and "₸80,000,000.00" in texts["en"] and INSTITUTE_BIN in texts["en"]
    assert "по обе стороны Нового года" in texts["ru"] and "44,4" in texts["ru"] and LAB_BIN in texts["ru"] and "АО «Каспий Мұнай»" in texts["ru"]
    assert "Жаңа жылдың екі жағында" in texts["kk"] and "2025 жылдың басынан" in texts["kk"]
    # NK-08 sees December alone: 40 of 140 M ₸, under half.
    nk08 = evaluate(NK08, Frames.build(AS_OF, payments=payments, organisations=ORGS))
    assert _row(nk08, 2024)["status"] == "clear"


def test_nk40_january_payments_credited_back_to_the_year_count_in_it_once():
    row = _row(_nk40(_through_2024() + _spread(jan_year=2024)), 2024)
    ev = json.loads(row["evidence"])
    assert row["status"] == "flagged" and ev["total_tiyn"] == 180 * M and ev["january_tiyn"] == 40 * M


def test_nk40_quiet_on_a_december_stage_under_a_plan_signed_beforehand_and_on_january_payments_for_december_acts():
    payments = _through_2024() + _spread()
    agreements = [
        {"agreement_id": 500 + INSTITUTE, "payer_id": PAYER, "performer_id": INSTITUTE, "number": "НИР-1", "signed_on": date(2024, 3, 1), "amount": 200 * M},
        {"agreement_id": 500 + LAB, "payer_id": PAYER, "performer_id": LAB, "number": "НИР-2", "signed_on": date(2024, 3, 1), "amount": 200 * M},
    ]
    # The institute's December and the lab's December are final stages planned in March.
    stages = [
        {"stage_id": 1, "agreement_id": 500 + INSTITUTE, "number": 3, "start_date": date(2024, 9, 1), "end_date": date(2024, 12, 25), "amount": 20 * M, "status": "accepted"},
        {"stage_id": 2, "agreement_id": 500 + LAB, "number": 2, "start_date": date(2024, 9, 1), "end_date": date(2024, 12, 27), "amount": 20 * M, "status": "accepted"},
    ]
    row = _row(_nk40(payments, agreements=agreements, stages=stages), 2024)
    assert row["status"] == "clear"
    # A plan signed in December does not explain a December dump.
    late_plan = [{**a, "signed_on": date(2024, 12, 1)} for a in agreements]
    assert _row(_nk40(payments, agreements=late_plan, stages=stages), 2024)["status"] == "flagged"
    # The January payments pay acts signed in late December: only the December side is left, which is NK-08's.
    acts = [
        {"act_id": 1, "stage_id": 1, "agreement_id": 500 + INSTITUTE, "number": "А-1", "signed_on": date(2024, 12, 30), "amount": 40 * M},
        {"act_id": 2, "stage_id": 2, "agreement_id": 500 + LAB, "number": "А-2", "signed_on": date(2024, 12, 30), "amount": 40 * M},
    ]
    assert _row(_nk40(payments, agreements=late_plan, acts=acts), 2024)["status"] == "clear"


def test_nk40_quiet_on_different_performers_each_side_a_december_only_dump_and_an_ordinary_year():
    # December to the institute, January to the lab: not the same performers.
    other = [_pay(1, date(2024, 12, 20), 40 * M, performer=INSTITUTE), _pay(3, date(2025, 1, 5), 40 * M, performer=LAB)]
    assert _row(_nk40(_through_2024() + other), 2024)["status"] == "clear"
    # Most of the pair in December and a token January payment: a December dump (NK-08's), not a spread.
    assert _row(_nk40(_through_2024() + _spread(dec=(40, 40), jan=(1, 1))), 2024)["status"] == "clear"
    # Ordinary stage payments around the New Year.
    assert _row(_nk40(_through_2024() + _spread(dec=(5, 5), jan=(4, 4))), 2024)["status"] == "clear"
    # The window is a threshold: with the first three days of January only, the January side is outside it.
    assert _row(_nk40(_through_2024() + _spread(), january_days=3), 2024)["status"] == "clear"


def test_nk40_not_computable_until_the_january_window_ends_or_on_a_small_year():
    payments = _through_2024() + _spread()
    assert _row(_nk40(payments, as_of=date(2025, 1, 10)), 2024)["reason"] == "year_open"
    assert _row(_nk40(payments, as_of=date(2025, 1, 16)), 2024)["status"] == "flagged"
    small = [_pay(1, date(2024, 12, 20), 1 * M), _pay(3, date(2025, 1, 5), 1 * M), _pay(5, date(2024, 5, 5), 1 * M)]
    assert _row(_nk40(small), 2024)["reason"] == "sample_too_small"
    # A material year of few lines is judged.
    big = [_pay(1, date(2024, 12, 20), 40 * M), _pay(3, date(2025, 1, 5), 40 * M), _pay(5, date(2024, 5, 5), 40 * M)]
    assert _row(_nk40(big), 2024)["status"] == "flagged"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 800), st.sampled_from([INSTITUTE, LAB, THIRD]), st.integers(1, 60)), max_size=20))
def test_nk40_one_row_per_payer_year_and_every_flag_a_spread(rows):
    pays = [_pay(i + 1, date(2023, 6, 1) + timedelta(days=d), m * M, performer=p) for i, (d, p, m) in enumerate(rows)]
    out = _nk40(pays)
    years = {p["year"] for p in pays}
    assert sorted(out["year"].to_list()) == sorted(years) and set(out["subject_id"].to_list()) <= {PAYER}
    for evidence in out.filter(pl.col("status") == "flagged")["evidence"]:
        ev = json.loads(evidence)
        assert ev["december_tiyn"] > 0 and ev["january_tiyn"] > 0 and ev["spread_tiyn"] <= ev["total_tiyn"]
        assert ev["spread_pct"] >= 40.0 and all(_texts(NK40, evidence).values())


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which NK-39 and NK-40 fire (for the catalogue-wide reading test)."""
    return {
        "NK-39": Frames.build(AS_OF, payments=[_pay(1, date(2023, 6, 3), 60 * M), _pay(2, date(2025, 6, 3), 40 * M, year=2023)],
                              right_years=[_year(2023, 100 * M, 100 * M)], organisations=ORGS),
        "NK-40": Frames.build(AS_OF, payments=_through_2024() + _spread(), organisations=ORGS),
    }
