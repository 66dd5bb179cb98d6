"""NK-12 arrears, NK-13 unconfirmed transfers, NK-14 missing or late transfer, NK-15 base drop, NK-21 missing base."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from niokr.control.indicators.base import Frames
from niokr.control.tests.test_indicators_aggregates import AS_OF, nb, org, row, run, sentences

PAYER, PAYER_BIN = 7, "020540000477"
RIGHT = 13


def _ry(year: int, status: str, *, right: int = RIGHT, channel: str = "direct", obligation: int | None = 3_000_000_000, fulfilled: int = 0, credit_in: int = 0, arrears: int | None = 0, base_amount: int | None = 300_000_000_000, base_type: str = "production_costs") -> dict:
    return {
        "right_id": right, "payer_id": PAYER, "year": year, "regime_code": "BUDGET2026_COSTS" if channel == "budget" else "CODE2017_COSTS", "channel": channel,
        "base_type": base_type, "base_year": year - 1, "base_amount": base_amount, "obligation": obligation, "fulfilled": fulfilled,
        "credit_in": credit_in, "arrears": arrears, "status": status,
    }


def _orgs() -> list[dict]:
    return [org(PAYER, PAYER_BIN, kind="subsoil_user")]


# -- NK-12 -----------------------------------------------------------------------------------------


def test_nk12_flags_a_closed_year_in_arrears_and_lists_the_right_s_years_in_arrears():
    # Given a right short in 2021 and in 2023, met in 2022
    years = [
        _ry(2021, "partly", fulfilled=1_000_000_000, arrears=2_000_000_000),
        _ry(2022, "fulfilled", fulfilled=3_100_000_000),
        _ry(2023, "unfulfilled", fulfilled=0, credit_in=500_000_000, arrears=2_500_000_000),
    ]
    out = run("NK-12", Frames.build(AS_OF, right_years=years, organisations=_orgs()))
    flagged = row(out, RIGHT, 2023)
    assert (flagged["status"], flagged["amount"], flagged["payer_id"]) == ("flagged", 2_500_000_000, PAYER)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["arrears_years"], evidence["arrears_count"]) == ([2021, 2023], 2)
    assert row(out, RIGHT, 2022)["status"] == "clear" and row(out, RIGHT, 2021)["status"] == "flagged"
    text = sentences("NK-12", flagged["evidence"])
    assert "#13" in text["en"] and PAYER_BIN in text["en"] and "year 2023" in text["en"] and "₸30,000,000.00" in text["en"] and "₸25,000,000.00" in text["en"] and "2021, 2023 (2 in all)" in text["en"]
    assert "№ 13" in text["ru"] and "2023 год" in text["ru"] and nb("25 000 000,00 ₸") in text["ru"] and "2021, 2023 (всего 2)" in text["ru"]
    assert "№ 13" in text["kk"] and "2023 жыл" in text["kk"] and "берешек " + nb("25 000 000,00 ₸") in text["kk"] and "2021, 2023 (барлығы 2)" in text["kk"]


def test_nk12_waits_for_the_year_to_close_before_calling_a_shortfall_arrears():
    # 2026 direct spending can still be credited until 31 March 2027; the 2026 budget contribution is due on 31 December 2026
    years = [_ry(2026, "partly", arrears=1_000_000_000), _ry(2026, "unfulfilled", right=14, channel="budget", arrears=3_000_000_000)]
    out = run("NK-12", Frames.build(AS_OF, right_years=years))
    assert (row(out, RIGHT, 2026)["status"], row(out, RIGHT, 2026)["reason"]) == ("not_computable", "year_open")
    assert row(out, 14, 2026)["reason"] == "year_open"
    later = run("NK-12", Frames.build(date(2027, 1, 15), right_years=years))
    assert row(later, 14, 2026)["status"] == "flagged" and row(later, RIGHT, 2026)["reason"] == "year_open"


def test_nk12_cannot_judge_a_year_without_a_base_and_clears_years_not_due():
    years = [_ry(2024, "base_missing", obligation=None, arrears=None, base_amount=None), _ry(2025, "not_due", obligation=0), _ry(2023, "partly", arrears=None)]
    out = run("NK-12", Frames.build(AS_OF, right_years=years))
    assert row(out, RIGHT, 2024)["reason"] == "no_base" and row(out, RIGHT, 2025)["status"] == "clear" and row(out, RIGHT, 2023)["reason"] == "no_balance"


# -- NK-13 -----------------------------------------------------------------------------------------


def _transfer(transfer_id: int, order: str, paid_on: date, amount: int, *, confirmed: bool, right: int = RIGHT, year: int = 2026) -> dict:
    return {"transfer_id": transfer_id, "payer_id": PAYER, "right_id": right, "order_number": order, "paid_on": paid_on, "amount": amount, "year": year, "treasury_confirmed": confirmed}


def test_nk13_flags_reported_transfers_with_no_or_a_different_treasury_receipt():
    transfers = [
        _transfer(1, "ПП-2026-000111", date(2026, 3, 12), 328_443_100, confirmed=False),  # never received
        _transfer(2, "ПП-2026-000115", date(2026, 4, 2), 500_000_000, confirmed=False),  # received 4 000 000 ₸ only
        _transfer(3, "пп-2026-000115 ", date(2026, 4, 3), 400_000_000, confirmed=True, right=99),
        _transfer(4, "ПП-2026-000120", date(2026, 5, 5), 200_000_000, confirmed=False, right=14),  # matched a day later
        _transfer(5, "ПП-2026-000120", date(2026, 5, 6), 200_000_000, confirmed=True, right=14),
    ]
    out = run("NK-13", Frames.build(AS_OF, transfers=transfers, organisations=_orgs()))
    flagged = row(out, RIGHT, 2026)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 328_443_100 + 100_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["unmatched_count"], evidence["unmatched_tiyn"], evidence["received_tiyn"]) == (2, 828_443_100, 400_000_000)
    assert row(out, 14, 2026)["status"] == "clear" and row(out, 99, 2026)["status"] == "clear"
    text = sentences("NK-13", flagged["evidence"])
    assert PAYER_BIN in text["en"] and "#13" in text["en"] and "₸8,284,431.00" in text["en"] and "ПП-2026-000111 (12 Mar 2026), ПП-2026-000115 (2 Apr 2026)" in text["en"] and "₸4,000,000.00" in text["en"] and "28 Nov 2026" in text["en"]
    assert "КБК 401103" in text["ru"] and nb("8 284 431,00 ₸") in text["ru"] and "ПП-2026-000111 (12.03.2026)" in text["ru"]
    assert "БСК 401103" in text["kk"] and nb("8 284 431,00 ₸") in text["kk"] and "ПП-2026-000115 (02.04.2026)" in text["kk"] and "28.11.2026 жағдай бойынша" in text["kk"]


def test_nk13_gives_the_treasury_time_to_confirm():
    recent = [_transfer(1, "ПП-1", date(2026, 11, 10), 100_000_000, confirmed=False), _transfer(2, "ПП-2", date(2026, 6, 1), 100_000_000, confirmed=True, right=14)]
    out = run("NK-13", Frames.build(AS_OF, transfers=recent))
    assert (row(out, RIGHT, 2026)["status"], row(out, RIGHT, 2026)["reason"]) == ("not_computable", "awaiting_treasury")
    assert row(run("NK-13", Frames.build(AS_OF, transfers=recent), confirmation_days=10), RIGHT, 2026)["status"] == "flagged"


# -- NK-14 -----------------------------------------------------------------------------------------


def test_nk14_flags_a_budget_year_with_nothing_transferred_as_the_deadline_nears():
    years = [_ry(2026, "unfulfilled", channel="budget", obligation=741_143_480, arrears=741_143_480)]
    out = run("NK-14", Frames.build(AS_OF, right_years=years, transfers=[], organisations=_orgs()))
    flagged = row(out, RIGHT, 2026)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 741_143_480)
    text = sentences("NK-14", flagged["evidence"])
    assert PAYER_BIN in text["en"] and "#13" in text["en"] and "₸7,411,434.80" in text["en"] and "31 Dec 2026" in text["en"] and "28 Nov 2026: ₸0.00" in text["en"] and "outstanding: ₸7,411,434.80" in text["en"]
    assert "КБК 401103" in text["ru"] and nb("7 411 434,80 ₸") in text["ru"] and "до 31.12.2026" in text["ru"] and "не перечислено " + nb("7 411 434,80 ₸") in text["ru"]
    assert "БСК 401103" in text["kk"] and nb("7 411 434,80 ₸") in text["kk"] and "31.12.2026" in text["kk"] and "аударылмағаны " + nb("7 411 434,80 ₸") in text["kk"]


def test_nk14_does_not_judge_an_empty_budget_year_long_before_the_deadline():
    years = [_ry(2026, "unfulfilled", channel="budget", arrears=3_000_000_000)]
    out = run("NK-14", Frames.build(date(2026, 6, 1), right_years=years, transfers=[]))
    assert (row(out, RIGHT, 2026)["status"], row(out, RIGHT, 2026)["reason"]) == ("not_computable", "deadline_ahead")


def test_nk14_flags_money_that_arrived_after_the_deadline_only_when_the_year_needed_it():
    years = [_ry(2026, "fulfilled", channel="budget"), _ry(2026, "fulfilled", right=14, channel="budget")]
    transfers = [
        _transfer(1, "ПП-1", date(2027, 1, 20), 3_000_000_000, confirmed=True),  # the whole contribution, late
        _transfer(2, "ПП-2", date(2026, 10, 1), 3_000_000_000, confirmed=True, right=14),  # on time, then a late top-up
        _transfer(3, "ПП-3", date(2027, 1, 20), 50_000_000, confirmed=True, right=14),
    ]
    out = run("NK-14", Frames.build(date(2027, 2, 1), right_years=years, transfers=transfers))
    late = row(out, RIGHT, 2026)
    assert (late["status"], late["amount"]) == ("flagged", 3_000_000_000)
    assert json.loads(late["evidence"])["late_tiyn"] == 3_000_000_000
    assert row(out, 14, 2026)["status"] == "clear"


def test_nk14_flags_a_part_transferred_as_the_deadline_nears_or_after_it():
    years = [_ry(2026, "partly", channel="budget"), _ry(2026, "fulfilled", right=14, channel="budget")]
    transfers = [
        _transfer(1, "ПП-1", date(2026, 9, 1), 900_000_000, confirmed=True),  # 9 of 30 million
        _transfer(2, "ПП-2", date(2026, 9, 1), 2_990_000_000, confirmed=True, right=14),  # short by a third of a per cent
    ]
    near = run("NK-14", Frames.build(AS_OF, right_years=years, transfers=transfers, organisations=_orgs()))
    flagged = row(near, RIGHT, 2026)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 2_100_000_000)
    assert "transferred by 28 Nov 2026: ₸9,000,000.00" in sentences("NK-14", flagged["evidence"])["en"]
    assert row(near, 14, 2026)["status"] == "clear"
    assert row(run("NK-14", Frames.build(date(2027, 3, 1), right_years=years, transfers=transfers)), RIGHT, 2026)["status"] == "flagged"
    early = run("NK-14", Frames.build(date(2026, 9, 15), right_years=years, transfers=transfers))
    assert row(early, RIGHT, 2026)["reason"] == "deadline_ahead"
    assert row(run("NK-14", Frames.build(AS_OF, right_years=years, transfers=transfers), min_short_share=0.75), RIGHT, 2026)["status"] == "clear"


def test_nk14_judges_budget_years_only_and_cannot_judge_one_without_a_base():
    years = [_ry(2026, "base_missing", channel="budget", obligation=None, arrears=None, base_amount=None), _ry(2025, "partly", right=14, arrears=5)]
    out = run("NK-14", Frames.build(AS_OF, right_years=years, transfers=[]))
    assert out.height == 1 and (row(out, RIGHT, 2026)["status"], row(out, RIGHT, 2026)["reason"]) == ("not_computable", "no_base")


def test_nk14_credit_brought_forward_can_cover_the_year():
    years = [_ry(2026, "fulfilled", channel="budget", obligation=1_000_000_000, credit_in=1_000_000_000)]
    assert row(run("NK-14", Frames.build(AS_OF, right_years=years, transfers=[])), RIGHT, 2026)["status"] == "clear"


# -- NK-15 -----------------------------------------------------------------------------------------


def _base(year: int, amount: int, note: str = "", base_type: str = "production_costs") -> dict:
    return {"right_id": RIGHT, "payer_id": PAYER, "year": year, "base_type": base_type, "amount": amount, "note": note}


def test_nk15_flags_a_base_that_halved_without_a_note():
    bases = [_base(2022, 531_177_349_729), _base(2023, 254_761_315_264), _base(2023, 900_000_000_000, base_type="aggregate_income")]
    out = run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled", base_amount=254_761_315_264)], base_figures=bases, organisations=_orgs()))
    flagged = row(out, RIGHT, 2024)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 2_764_160_345)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["drop_pct"], evidence["base_year"], evidence["prev_year"]) == (52.0, 2023, 2022)
    text = sentences("NK-15", flagged["evidence"])
    assert "#13" in text["en"] and "production costs" in text["en"] and "₸2,547,613,152.64" in text["en"] and "₸5,311,773,497.29" in text["en"] and "52.0\u00a0%" in text["en"] and "₸27,641,603.45" in text["en"]
    assert "расходы на добычу" in text["ru"] and nb("2 547 613 152,64 ₸") in text["ru"] and "52,0\u00a0%" in text["ru"] and "2024 года" in text["ru"]
    assert "өндіру шығындары" in text["kk"] and nb("5 311 773 497,29 ₸") in text["kk"] and "2023 жылғы" in text["kk"] and "2024 жылғы міндеттеме" in text["kk"]


def test_nk15_accepts_a_fall_that_is_explained_or_small():
    explained = [_base(2022, 1_000_000), _base(2023, 100_000, note="Добыча остановлена с 01.04.2023")]
    small = [_base(2022, 1_000_000), _base(2023, 700_000)]
    for bases in (explained, small):
        assert row(run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=bases)), RIGHT, 2024)["status"] == "clear"


def test_nk15_cannot_compare_without_both_years():
    no_prior = run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=[_base(2023, 100)]))
    no_base = run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "base_missing")], base_figures=[_base(2022, 100)]))
    assert row(no_prior, RIGHT, 2024)["reason"] == "no_prior_base" and row(no_base, RIGHT, 2024)["reason"] == "no_base"


def _revision(year: int, amount: int, revision: int, recorded_on: date, note: str = "") -> dict:
    return {**_base(year, amount, note), "revision": revision, "recorded_on": recorded_on}


def test_nk15_judges_the_revision_the_obligation_uses_not_the_largest():
    # 2023 was first stated at 1 000 000 ₸, then revised to a quarter in May 2024 (before the 2024 year closed):
    # the obligation uses the quarter, so the year-on-year fall from 2022 is what counts.
    bases = [_revision(2022, 100_000_000, 1, date(2023, 4, 1)), _revision(2023, 100_000_000, 1, date(2024, 4, 1)), _revision(2023, 25_000_000, 2, date(2024, 5, 20))]
    flagged = row(run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=bases, organisations=_orgs())), RIGHT, 2024)
    assert flagged["status"] == "flagged" and flagged["amount"] == 750_000
    evidence = json.loads(flagged["evidence"])
    assert (evidence["fell"], evidence["revised_down"], evidence["base_tiyn"], evidence["drop_pct"]) == (True, False, 25_000_000, 75.0)
    text = sentences("NK-15", flagged["evidence"])
    assert "the base for 2023 is ₸250,000.00 against ₸1,000,000.00 for 2022, a fall of 75.0\u00a0%" in text["en"]
    # An upward revision in use is not a fall, whatever an earlier revision said.
    upward = [_revision(2022, 100_000_000, 1, date(2023, 4, 1)), _revision(2023, 25_000_000, 1, date(2024, 4, 1)), _revision(2023, 100_000_000, 2, date(2024, 5, 20))]
    assert row(run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=upward)), RIGHT, 2024)["status"] == "clear"


def test_nk15_flags_a_large_downward_revision_recorded_after_the_obligation_year_closed_even_with_a_note():
    bases = [
        _revision(2022, 100_000_000, 1, date(2023, 4, 1)), _revision(2023, 98_000_000, 1, date(2024, 4, 1)),
        _revision(2023, 60_000_000, 2, date(2025, 3, 10), note="Корректировка по результатам аудита"),
    ]
    out = run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=bases, organisations=_orgs()))
    flagged = row(out, RIGHT, 2024)
    assert flagged["status"] == "flagged" and flagged["amount"] == 380_000
    evidence = json.loads(flagged["evidence"])
    assert (evidence["fell"], evidence["revised_down"], evidence["revision"], evidence["revised_on"], evidence["revised_from_revision"]) == (False, True, 2, "10.03.2025", 1)
    assert evidence["revision_drop_pct"] == 38.8 and evidence["note"] == "Корректировка по результатам аудита"
    text = sentences("NK-15", flagged["evidence"])
    assert "revision 2, recorded on 10 Mar 2025 after the 2024 obligation year closed, cut the base for 2023 from ₸980,000.00 (revision 1 of 1 Apr 2024) to ₸600,000.00, by 38.8\u00a0% (threshold 25.0\u00a0%)" in text["en"]
    assert "редакция 2, внесённая 10.03.2025, после закрытия 2024 года обязательства" in text["ru"] and nb("600 000,00 ₸") in text["ru"]
    assert "10.03.2025 тіркелген 2-түзету" in text["kk"]
    # The same cut before the year closed, a small cut after it, or a longer grace: clear.
    before = [*bases[:2], {**bases[2], "recorded_on": date(2024, 11, 30)}]
    small = [*bases[:2], {**bases[2], "amount": 90_000_000}]
    for figures, overrides in ((before, {}), (small, {}), (bases, {"revision_after_days": 90})):
        assert row(run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=figures), **overrides), RIGHT, 2024)["status"] == "clear"


def test_nk15_a_late_cut_is_judged_even_without_the_year_before():
    bases = [_revision(2023, 100_000_000, 1, date(2024, 4, 1)), _revision(2023, 10_000_000, 2, date(2025, 6, 1))]
    flagged = row(run("NK-15", Frames.build(AS_OF, right_years=[_ry(2024, "fulfilled")], base_figures=bases)), RIGHT, 2024)
    assert flagged["status"] == "flagged" and json.loads(flagged["evidence"])["prev_base_tiyn"] is None


# -- NK-21 -----------------------------------------------------------------------------------------


def test_nk21_flags_a_due_year_whose_base_was_never_reported():
    years = [_ry(2024, "fulfilled", obligation=764_931_163), _ry(2025, "base_missing", obligation=None, arrears=None, base_amount=None, base_type="aggregate_income")]
    out = run("NK-21", Frames.build(AS_OF, right_years=years, organisations=_orgs()))
    flagged = row(out, RIGHT, 2025)
    assert (flagged["status"], flagged["amount"]) == ("flagged", None)
    assert row(out, RIGHT, 2024)["status"] == "clear"
    text = sentences("NK-21", flagged["evidence"])
    assert "#13" in text["en"] and "aggregate annual income" in text["en"] and "for 2024" in text["en"] and "30 Apr 2025" in text["en"] and "₸7,649,311.63" in text["en"]
    assert "совокупный годовой доход" in text["ru"] and "за 2024 год" in text["ru"] and "30.04.2025" in text["ru"] and nb("7 649 311,63 ₸") in text["ru"]
    assert "жылдық жиынтық табыс" in text["kk"] and "2024 жылғы база" in text["kk"] and "(30.04.2025)" in text["kk"] and PAYER_BIN in text["kk"]


def test_nk21_waits_for_the_reporting_deadline():
    years = [_ry(2026, "base_missing", obligation=None, arrears=None, base_amount=None)]
    out = run("NK-21", Frames.build(date(2026, 3, 1), right_years=years))
    assert (row(out, RIGHT, 2026)["status"], row(out, RIGHT, 2026)["reason"]) == ("not_computable", "base_not_yet_due")
    assert row(run("NK-21", Frames.build(date(2026, 3, 1), right_years=years), report_days=30), RIGHT, 2026)["status"] == "flagged"


def test_nk21_leaves_years_not_due_clear():
    out = run("NK-21", Frames.build(AS_OF, right_years=[_ry(2025, "not_due", obligation=0, base_amount=None)]))
    assert out.select("status").to_series().to_list() == ["clear"] and out.filter(pl.col("reason").is_not_null()).height == 0
