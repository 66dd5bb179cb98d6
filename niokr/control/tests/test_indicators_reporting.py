"""NK-41 quarterly reports that do not add up to the annual one, NK-42 a report corrected with changed
amounts and no reason, NK-43 one payment reported twice under different document fields."""

from __future__ import annotations

import json
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.relations import INDICATORS as RELATIONS
from niokr.control.indicators.reporting import NK41, NK42, NK43, number_form, number_forms
from niokr.synthetic.numbers import DOCUMENT_STYLES, document_key, document_number

AS_OF = date(2026, 6, 1)
PAYER, PAYER_BIN = 100, "150340000109"
OTHER_PAYER = 200
INSTITUTE, INSTITUTE_BIN = 1, "050140000456"
LAB = 2
RIGHT, RIGHT_B = 7, 8
M = 1_000_000_00  # a million tenge in tiyn
NK06 = next(i for i in RELATIONS if i.code == "NK-06")
ORGS = [
    {"org_id": PAYER, "bin": PAYER_BIN, "kind": "subsoil_user", "name": "АО «Каспий Мұнай»"},
    {"org_id": OTHER_PAYER, "bin": "120540000555", "kind": "subsoil_user", "name": "ТОО «Другой»"},
    {"org_id": INSTITUTE, "bin": INSTITUTE_BIN, "kind": "research_institute", "name": "НИИ «Зерттеу»"},
    {"org_id": LAB, "bin": "180340000104", "kind": "company", "name": "ТОО «Лаборатория»"},
]


def _texts(indicator, evidence: str) -> dict[str, str]:
    return {lang: explain(indicator, evidence, lang) for lang in ("kk", "ru", "en")}


def _report(sid: int, year: int, quarter: int | None, cells: list[tuple], *, status: str = "superseded", supersedes: int | None = None,
            superseded_in: int | None = None, committed_on: date | None = None, reason: str | None = None, payer: int = PAYER) -> list[dict]:
    """A spending report's rows: ``cells`` are (right, credited year, quarter paid, lines, amount)."""
    head = {
        "submission_id": sid, "payer_id": payer, "reference": f"SUB-{year + 1 if quarter is None else year}-{sid:06d}", "period_year": year,
        "period_quarter": quarter, "status": status, "supersedes": supersedes, "superseded_in": superseded_in,
        "received_on": committed_on, "committed_on": committed_on, "reason": reason,
    }
    if not cells:
        return [{**head, "lines": 0, "amount": 0}]
    return [{**head, "right_id": r, "year": y, "paid_quarter": q, "lines": n, "amount": a} for r, y, q, n, a in cells]


def _row(out: pl.DataFrame, year: int, payer: int = PAYER) -> dict:
    return out.filter((pl.col("subject_id") == payer) & (pl.col("year") == year)).row(0, named=True)


# -- NK-41 -------------------------------------------------------------------------------------------


def _quarters_and_annual(annual_cells: list[tuple] | None = None) -> list[dict]:
    """2025: three quarterly reports of 30 M ₸ each (quarter 2 corrected once), replaced by the annual report 10."""
    rows = _report(1, 2025, 1, [(RIGHT, 2025, 1, 3, 30 * M)], superseded_in=10, committed_on=date(2025, 4, 20))
    rows += _report(2, 2025, 2, [(RIGHT, 2025, 2, 2, 20 * M)], superseded_in=4, committed_on=date(2025, 7, 20))
    rows += _report(4, 2025, 2, [(RIGHT, 2025, 2, 3, 30 * M)], supersedes=2, superseded_in=10, committed_on=date(2025, 7, 25))
    rows += _report(3, 2025, 3, [(RIGHT, 2025, 3, 2, 20 * M), (RIGHT_B, 2025, 3, 1, 10 * M)], superseded_in=10, committed_on=date(2025, 10, 20))
    cells = annual_cells if annual_cells is not None else [
        (RIGHT, 2025, 1, 3, 30 * M), (RIGHT, 2025, 2, 3, 30 * M), (RIGHT, 2025, 3, 2, 20 * M), (RIGHT_B, 2025, 3, 1, 10 * M), (RIGHT, 2025, 4, 5, 70 * M),
    ]
    rows += _report(10, 2025, None, cells, status="committed", supersedes=3, committed_on=date(2026, 2, 10))
    return rows


def _nk41(rows, **overrides) -> pl.DataFrame:
    return evaluate(NK41, Frames.build(AS_OF, submissions=rows, organisations=ORGS), overrides)


def test_nk41_an_annual_report_that_adds_to_one_quarter_and_moves_another_is_flagged():
    # Quarter 2 grows from 30 to 45 M ₸; in quarter 3 the 10 M ₸ of right B are moved to right A.
    annual = [(RIGHT, 2025, 1, 3, 30 * M), (RIGHT, 2025, 2, 4, 45 * M), (RIGHT, 2025, 3, 3, 30 * M), (RIGHT, 2025, 4, 5, 70 * M)]
    row = _row(_nk41(_quarters_and_annual(annual)), 2025)
    assert (row["status"], row["amount"]) == ("flagged", 25 * M)
    ev = json.loads(row["evidence"])
    assert ev["quarter_references"] == ["SUB-2025-000001", "SUB-2025-000004", "SUB-2025-000003"] and ev["annual_reference"] == "SUB-2026-000010"
    assert (ev["quarterly_tiyn"], ev["annual_tiyn"], ev["added_tiyn"], ev["removed_tiyn"], ev["quarters_filed"]) == (90 * M, 105 * M, 25 * M, 10 * M, 3)
    assert (ev["quarterly_lines"], ev["annual_lines"]) == (9, 10)
    texts = _texts(NK41, row["evidence"])
    assert "quarter 2: quarterly report SUB-2025-000004 ₸30,000,000.00 (3 lines), the annual report for the same quarter ₸45,000,000.00" in texts["en"]
    assert "quarter 3" in texts["en"] and "quarter 1" not in texts["en"] and "₸25,000,000.00 only in the annual report" in texts["en"]
    assert "2 квартал: квартальный отчёт SUB-2025-000004" in texts["ru"] and "АО «Каспий Мұнай»" in texts["ru"]
    assert "2-тоқсан: тоқсандық есеп SUB-2025-000004" in texts["kk"] and "жылдық есеп (SUB-2026-000010)" in texts["kk"]


def test_nk41_quiet_when_the_quarters_add_up_within_the_tolerance_whatever_the_later_quarters_hold():
    assert _row(_nk41(_quarters_and_annual()), 2025)["status"] == "clear"
    # 500 tenge in quarter 1 is within the tolerance (0.1 % of the quarter: 30 000 tenge); 100 000 tenge is not.
    cells = [(RIGHT, 2025, 1, 3, 30 * M + 500_00), (RIGHT, 2025, 2, 3, 30 * M), (RIGHT, 2025, 3, 2, 20 * M), (RIGHT_B, 2025, 3, 1, 10 * M)]
    assert _row(_nk41(_quarters_and_annual(cells)), 2025)["status"] == "clear"
    cells[0] = (RIGHT, 2025, 1, 3, 30 * M + 100_000_00)
    assert _row(_nk41(_quarters_and_annual(cells)), 2025)["status"] == "flagged"
    # An annual report alone, with no quarterly report, is out of scope.
    assert _nk41(_report(20, 2024, None, [(RIGHT, 2024, 1, 1, M)], status="committed")).filter(pl.col("year") == 2024).is_empty()


def test_nk41_the_quarter_compared_is_its_last_version_and_an_empty_quarter_counts():
    # The first version of quarter 2 (20 M ₸) was corrected before the annual report: it is not compared.
    # A quarterly report with no line for quarter 4 against an annual report paying 70 M ₸ in it does not add up.
    rows = _quarters_and_annual() + _report(5, 2025, 4, [], superseded_in=10, committed_on=date(2026, 1, 15))
    row = _row(_nk41(rows), 2025)
    ev = json.loads(row["evidence"])
    assert row["status"] == "flagged" and (ev["added_tiyn"], ev["removed_tiyn"], ev["quarters_filed"]) == (70 * M, 0, 4)


def test_nk41_not_computable_until_an_annual_report_replaces_the_quarters():
    rows = _report(1, 2026, 1, [(RIGHT, 2026, 1, 3, 30 * M)], status="committed", committed_on=date(2026, 4, 20))
    assert _row(_nk41(rows), 2026)["reason"] == "no_annual_report"
    assert evaluate(NK41, Frames.build(AS_OF, organisations=ORGS))["reason"].to_list() == ["frame_missing:submissions"]


# -- NK-42 -------------------------------------------------------------------------------------------


def _years(fulfilled: int, obligation: int = 100 * M) -> list[dict]:
    return [{"right_id": RIGHT, "payer_id": PAYER, "year": 2024, "channel": "direct", "obligation": obligation, "credit_in": 0, "fulfilled": fulfilled,
             "status": "fulfilled" if fulfilled >= obligation else "partly", "right_number": "1613-УВС"}]


def _corrected(on: date, after: int, *, reason: str | None = None, lines: int = 9) -> list[dict]:
    """The 2024 annual report (80 M ₸ in 8 lines, committed 10.02.2025) corrected on ``on`` to ``after``."""
    rows = _report(1, 2024, None, [(RIGHT, 2024, q, 2, 20 * M) for q in (1, 2, 3, 4)], superseded_in=2, committed_on=date(2025, 2, 10))
    share = after // 4
    rows += _report(2, 2024, None, [(RIGHT, 2024, q, 2 + (q == 4) * (lines - 8), share) for q in (1, 2, 3, 4)], status="committed", supersedes=1,
                    committed_on=on, reason=reason)
    return rows


def _nk42(rows, years=None, **overrides) -> pl.DataFrame:
    return evaluate(NK42, Frames.build(AS_OF, submissions=rows, right_years=years, organisations=ORGS), overrides)


def test_nk42_a_closed_years_report_raised_to_the_obligation_with_no_reason_is_flagged():
    row = _row(_nk42(_corrected(date(2025, 6, 15), 100 * M), _years(100 * M)), 2024)
    assert (row["status"], row["amount"]) == ("flagged", 20 * M)
    ev = json.loads(row["evidence"])
    assert (ev["before_tiyn"], ev["after_tiyn"], ev["changed_tiyn"], ev["corrections"], ev["closed_on"]) == (80 * M, 100 * M, 20 * M, 1, "31.03.2025")
    assert ev["correction_references"] == ["SUB-2025-000002"] and ev["corrected_references"] == ["SUB-2025-000001"] and ev["reason_recorded"] is False
    texts = _texts(NK42, row["evidence"])
    assert "report SUB-2025-000002 (committed 15 Jun 2025) corrected report SUB-2025-000001: ₸80,000,000.00 → ₸100,000,000.00 (8 → 9 lines)" in texts["en"]
    assert "under right 1613-УВС the year 2024 was below its obligation and counts as met after the correction" in texts["en"]
    assert "отчёт SUB-2025-000002 (внесён 15.06.2025) исправил отчёт SUB-2025-000001" in texts["ru"] and "без указания причины" in texts["ru"]
    assert "SUB-2025-000001 есебін түзеткен" in texts["kk"] and "себебін көрсетпей" in texts["kk"]


def test_nk42_a_cut_below_the_obligation_reads_as_such():
    # 2024 met at 110 M ₸ of 100 M ₸ owed, corrected after the year closed down to 80 M ₸.
    rows = _report(1, 2024, None, [(RIGHT, 2024, 4, 8, 110 * M)], superseded_in=2, committed_on=date(2025, 2, 10))
    rows += _report(2, 2024, None, [(RIGHT, 2024, 4, 6, 80 * M)], status="committed", supersedes=1, committed_on=date(2025, 9, 1))
    row = _row(_nk42(rows, _years(80 * M)), 2024)
    assert row["status"] == "flagged" and row["amount"] == 30 * M
    assert "met its obligation and fell below it after the correction" in explain(NK42, row["evidence"], "en")


def test_nk42_quiet_on_corrections_of_an_open_year_unchanged_amounts_a_stated_reason_and_the_annual_report_replacing_quarters():
    assert _row(_nk42(_corrected(date(2025, 3, 20), 100 * M)), 2024)["status"] == "clear"  # the year was still open
    assert _row(_nk42(_corrected(date(2025, 6, 15), 80 * M, lines=8)), 2024)["status"] == "clear"  # the same amounts
    assert _row(_nk42(_corrected(date(2025, 6, 15), 80 * M + 400_00)), 2024)["status"] == "clear"  # rounding
    assert _row(_nk42(_corrected(date(2025, 6, 15), 100 * M, reason="Банк подтвердил платёж ПП-77 от 28.12.2024")), 2024)["status"] == "clear"
    quarters = _report(1, 2025, 4, [(RIGHT, 2025, 4, 3, 30 * M)], superseded_in=2, committed_on=date(2026, 1, 10))
    quarters += _report(2, 2025, None, [(RIGHT, 2025, 4, 5, 60 * M)], status="committed", supersedes=1, committed_on=date(2026, 5, 10))
    assert _nk42(quarters).is_empty()  # an annual report replacing a quarter is NK-41's
    # With after_close_only off, an open year's correction without a reason is flagged too.
    assert _row(_nk42(_corrected(date(2025, 3, 20), 100 * M), after_close_only=0), 2024)["status"] == "flagged"


def test_nk42_not_computable_when_a_correction_has_no_date():
    rows = _corrected(date(2025, 6, 15), 100 * M)
    for r in rows:
        if r["submission_id"] == 2:
            r["committed_on"] = r["received_on"] = None
    assert _row(_nk42(rows), 2024)["reason"] == "correction_undated"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 700), st.booleans()), min_size=1, max_size=5))
def test_nk42_one_row_per_corrected_payer_year_and_flags_only_unexplained_changes(chain):
    rows, previous = [], None
    for i, (amount_m, day, with_reason) in enumerate(chain):
        sid = i + 1
        last = i == len(chain) - 1
        rows += _report(sid, 2024, None, [(RIGHT, 2024, 4, 1, amount_m * M)], status="committed" if last else "superseded", supersedes=previous,
                        superseded_in=None if last else sid + 1, committed_on=date(2025, 1, 1) + timedelta(days=day), reason="Ошибка банка" if with_reason else None)
        previous = sid
    out = _nk42(rows)
    assert out.height == (1 if len(chain) > 1 else 0)
    for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        ev = json.loads(r["evidence"])
        assert ev["changed_tiyn"] > 0 and r["amount"] == ev["changed_tiyn"] and all(_texts(NK42, r["evidence"]).values())


# -- NK-43 -------------------------------------------------------------------------------------------


def _pay(n: int, number: str | None, paid_on: date, amount: int = 25 * M, *, agreement: int = 501, purpose: str = "Оплата НИР по договору НИР-1",
         performer: int = INSTITUTE, payer: int = PAYER, right: int = RIGHT) -> dict:
    return {"payment_id": n, "agreement_id": agreement, "right_id": right, "right_number": {RIGHT: "1613-УВС", RIGHT_B: "1699-УВС"}.get(right), "payer_id": payer,
            "performer_id": performer, "paid_on": paid_on, "amount": amount, "document_number": number, "purpose": purpose, "year": paid_on.year}


def _nk43(payments, **overrides) -> pl.DataFrame:
    return evaluate(NK43, Frames.build(AS_OF, payments=payments, organisations=ORGS), overrides)


def _status(out: pl.DataFrame) -> dict:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def test_number_forms():
    for order in ("ПП-2024-000451", "451", "000451", "2024/451", "ПП-451", "№ 451", "п/п 4512/24", "PP-000123", "700/1", "ПП 45 67"):
        assert number_form(order) == "order", order
    for bank in ("241212000451977", "S24121200045", "FT24347X0012345678", "8a3f2c1e-9b7d-4c2a-8e1f-0a1b2c3d4e5f", "Референс 120000451977", "1 2000 0451 977"):
        assert number_form(bank) == "bank", bank
    assert number_form("б/н") is None and number_form("  ") is None and number_form(None) is None
    assert number_form("ПП-12345678", min_digits=8) == "bank"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="0123456789 -/№ПпPAFTSabcdefб.\u00a0", max_size=24), st.none()), max_size=30))
def test_the_column_reading_of_number_forms_is_the_functions(numbers):
    for digits in (8, 9):
        column = pl.DataFrame({"n": numbers}, schema={"n": pl.Utf8}).select(number_forms(pl.col("n"), digits).alias("f"))["f"].to_list()
        assert column == [number_form(n, digits) for n in numbers]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(DOCUMENT_STYLES) - 1), st.integers(2010, 2030), st.integers(1, 999_999))
def test_every_payers_order_number_style_reads_as_an_order_number(style, year, serial):
    assert number_form(document_number(document_key(style, year, serial))) == "order"


def test_nk43_an_order_and_the_banks_record_of_it_two_days_later_are_flagged_where_nk06_is_quiet():
    # The accountant's order of 10.12.2024 under agreement НИР-1, and the bank's record of it (value date 12.12.2024)
    # under the performer's other agreement, with the bank's wording of the purpose.
    payments = [
        _pay(1, "ПП-2024-000451", date(2024, 12, 10)),
        _pay(2, "241212000451977", date(2024, 12, 12), agreement=502, purpose="Перевод по счёту 45 от 02.12.2024, без НДС", right=RIGHT_B),
        _pay(3, "ПП-2024-000390", date(2024, 10, 1), 12 * M),
    ]
    out = _nk43(payments)
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("clear", None)}
    assert {r["subject_id"]: r["amount"] for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True)} == {1: 0, 2: 25 * M}
    ev = json.loads(out.filter(pl.col("subject_id") == 2)["evidence"][0])
    assert (ev["other_document_number"], ev["other_paid_on"], ev["days_apart"], ev["first_occurrence"], ev["value_date_window_days"]) == ("ПП-2024-000451", "10.12.2024", 2, False, 10)
    assert ev["other_copies"] == ["ПП-2024-000451 10.12.2024 (1613-УВС)"] and ev["other_payment_ids"] == [1]
    texts = _texts(NK43, out.filter(pl.col("subject_id") == 2)["evidence"][0])
    assert "one gives the bank's reference, the other the payment-order (accounting) number, 2 days apart" in texts["en"] and "₸25,000,000.00" in texts["en"]
    assert "в одном — референс банка, в другом — номер платёжного поручения (бухгалтерский)" in texts["ru"] and "НИИ «Зерттеу»" in texts["ru"]
    assert "банктің референсі" in texts["kk"] and "241212000451977" in texts["kk"]
    assert set(evaluate(NK06, Frames.build(AS_OF, payments=payments))["status"].to_list()) == {"clear"}


def test_nk43_leaves_to_nk06_the_copies_it_joins_already():
    # The same agreement and purpose, another number, two days apart: NK-06's retyped payment.
    payments = [_pay(1, "ПП-2024-000451", date(2024, 12, 10)), _pay(2, "241212000451977", date(2024, 12, 12))]
    assert set(evaluate(NK06, Frames.build(AS_OF, payments=payments))["status"].to_list()) == {"flagged"}
    assert set(_nk43(payments)["status"].to_list()) == {"clear"}


def test_nk43_quiet_on_repeat_payments_with_their_own_documents():
    payments = [
        # Monthly fees of one amount, each with its own order number: the same form, two payments.
        *[_pay(i, f"ПП-2024-0004{i:02d}", date(2024, 3 + i, 5), 5 * M, purpose="Ежемесячная оплата НИР") for i in range(1, 5)],
        # An order and a bank reference of the same amount three weeks apart: two transfers.
        _pay(10, "ПП-2024-000600", date(2024, 9, 2), 7 * M, agreement=502), _pay(11, "240923000600123", date(2024, 9, 23), 7 * M, agreement=503),
        # Two stages of one amount a day apart, one by order number and one by bank reference, naming different stages.
        _pay(20, "ПП-2024-000700", date(2024, 11, 4), 9 * M, agreement=504, purpose="Оплата 2 этапа"),
        _pay(21, "241105000700456", date(2024, 11, 5), 9 * M, agreement=505, purpose="Оплата 3 этапа"),
        # The same amount to another performer, and by another payer.
        _pay(30, "ПП-2024-000800", date(2024, 6, 3), 4 * M, agreement=506), _pay(31, "240604000800789", date(2024, 6, 4), 4 * M, agreement=507, performer=LAB),
        _pay(32, "240604000800790", date(2024, 6, 4), 4 * M, agreement=508, payer=OTHER_PAYER),
    ]
    assert {v[0] for v in _status(_nk43(payments)).values()} == {"clear"}


def test_nk43_pairs_each_payment_once_nearest_first():
    # One bank record and two equal orders: the bank record belongs to the nearer order; the other order is its own payment.
    payments = [_pay(1, "ПП-2024-000451", date(2024, 12, 2), agreement=502), _pay(2, "ПП-2024-000452", date(2024, 12, 9), agreement=503),
                _pay(3, "241210000452111", date(2024, 12, 10), agreement=504, purpose="Перевод по счёту")]
    assert _status(_nk43(payments)) == {1: ("clear", None), 2: ("flagged", None), 3: ("flagged", None)}
    # The window is a threshold.
    assert {v[0] for v in _status(_nk43(payments, value_date_window_days=0)).values()} == {"clear"}


def test_nk43_not_computable_without_a_readable_number():
    payments = [_pay(1, None, date(2024, 5, 5)), _pay(2, "  ", date(2024, 5, 5)), _pay(3, "б/н", date(2024, 5, 6)), _pay(4, "ПП-1", date(2024, 5, 7))]
    assert _status(_nk43(payments)) == {
        1: ("not_computable", "no_document_number"), 2: ("not_computable", "no_document_number"), 3: ("not_computable", "number_unreadable"), 4: ("clear", None),
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 60), st.sampled_from([5 * M, 5 * M + 50, 7 * M]), st.integers(500, 503)), max_size=14))
def test_nk43_one_row_per_payment_and_flags_come_in_pairs(rows):
    payments = [
        _pay(i + 1, f"24{1000000 + i:07d}{i:04d}" if bank else f"ПП-{i + 1}", date(2024, 3, 1) + timedelta(days=d), amount, agreement=agreement, purpose="НИР")
        for i, (bank, d, amount, agreement) in enumerate(rows)
    ]
    out = _nk43(payments)
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(payments) + 1))
    flagged = {r["subject_id"]: json.loads(r["evidence"]) for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True)}
    for pid, ev in flagged.items():
        other = ev["other_payment_ids"][0]
        assert flagged[other]["other_payment_ids"] == [pid] and ev["first_occurrence"] != flagged[other]["first_occurrence"]
        assert ev["days_apart"] <= 10 and all(_texts(NK43, json.dumps(ev)).values())


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which NK-41, NK-42 and NK-43 fire (for the catalogue-wide reading test)."""
    annual = [(RIGHT, 2025, 1, 3, 30 * M), (RIGHT, 2025, 2, 4, 45 * M), (RIGHT, 2025, 3, 3, 30 * M), (RIGHT, 2025, 4, 5, 70 * M)]
    return {
        "NK-41": Frames.build(AS_OF, submissions=_quarters_and_annual(annual), organisations=ORGS),
        "NK-42": Frames.build(AS_OF, submissions=_corrected(date(2025, 6, 15), 100 * M), right_years=_years(100 * M), organisations=ORGS),
        "NK-43": Frames.build(AS_OF, payments=[
            _pay(1, "ПП-2024-000451", date(2024, 12, 10)),
            _pay(2, "241212000451977", date(2024, 12, 12), agreement=502, purpose="Перевод по счёту 45 от 02.12.2024, без НДС", right=RIGHT_B),
        ], organisations=ORGS),
    }


@pytest.mark.parametrize("code", ["NK-41", "NK-42", "NK-43"])
def test_the_scenarios_fire(code):
    indicator = {"NK-41": NK41, "NK-42": NK42, "NK-43": NK43}[code]
    assert "flagged" in evaluate(indicator, frames_that_fire()[code])["status"].to_list()


# -- through intake and the database -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_submissions_frame_keeps_the_figures_of_replaced_reports_as_intake_commits_them(build, settings, tmp_path):
    from datetime import UTC, datetime

    from niokr.control.extract import extract_frames
    from niokr.intake.commit import commit_submission
    from niokr.intake.models import Submission
    from niokr.intake.services import receive_submission
    from niokr.intake.tests.test_commit import company_with_right
    from niokr.intake.tests.test_validation import csv_bytes, spending_row

    settings.DATA_DIR = tmp_path
    world = company_with_right(build, build.org(kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None)), "КТ-2020-01")

    def line(number, day, amount="1 000 000,00"):
        return spending_row(world, **{"Номер платёжного документа": number, "Дата платежа": day, "Сумма платежа": amount})

    def send(rows, quarter=None):
        received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename=f"q{quarter}.csv", period_year=2025, period_quarter=quarter)
        assert received.submission.status == "valid", received.submission.problems
        commit_submission(submission=received.submission, validated=received.result)
        return received.submission

    q3 = send([line("ПП-1", "15.08.2025")], quarter=3)
    q4 = send([line("ПП-2", "15.11.2025")], quarter=4)
    # The annual report adds a payment to the third quarter that its quarterly report did not hold.
    annual = send([line("ПП-1", "15.08.2025"), line("ПП-5", "20.09.2025", "4 000 000,00"), line("ПП-2", "15.11.2025")])
    frames = extract_frames(as_of=date(2026, 11, 20))
    subs = frames["submissions"].sort("submission_id", "paid_quarter")
    assert subs.select("submission_id", "period_quarter", "status", "superseded_in", "paid_quarter", "lines", "amount").rows() == [
        (q3.pk, 3, "superseded", annual.pk, 3, 1, 1_000_000_00), (q4.pk, 4, "superseded", annual.pk, 4, 1, 1_000_000_00),
        (annual.pk, None, "committed", None, 3, 2, 5_000_000_00), (annual.pk, None, "committed", None, 4, 1, 1_000_000_00),
    ]
    assert subs["reference"][0] == q3.reference and subs["right_id"].unique().to_list() == [world["right"].pk] and subs["reason"].null_count() == 4
    assert frames["payments"].height == 3  # the payments frame keeps the reports in force only
    row = _row(evaluate(NK41, frames), 2025, world["company"].pk)
    assert row["status"] == "flagged" and json.loads(row["evidence"])["added_tiyn"] == 4_000_000_00

    # The annual report corrected after 2025 closed (31.03.2026), one payment raised, no reason given.
    fixed = send([line("ПП-1", "15.08.2025"), line("ПП-5", "20.09.2025", "6 000 000,00"), line("ПП-2", "15.11.2025")])
    Submission.objects.filter(pk=fixed.pk).update(committed_at=datetime(2026, 5, 4, 9, 0, tzinfo=UTC))
    for payer in (None, world["company"].pk):
        frames = extract_frames(as_of=date(2026, 11, 20), payer_id=payer)
        row = _row(evaluate(NK42, frames), 2025, world["company"].pk)
        ev = json.loads(row["evidence"])
        assert row["status"] == "flagged" and ev["changed_tiyn"] == 2_000_000_00 and ev["correction_references"] == [fixed.reference]
        assert ev["corrected_references"] == [annual.reference] and ev["before_tiyn"] == 6_000_000_00 and ev["after_tiyn"] == 8_000_000_00
        # NK-41 still compares the quarters with the annual report that replaced them.
        assert _row(evaluate(NK41, frames), 2025, world["company"].pk)["status"] == "flagged"
