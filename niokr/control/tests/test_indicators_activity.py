"""NK-22: a performer whose principal activity (OKED) is not research, paid without science accreditation."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.activity import NK22, NON_RESEARCH_DIVISIONS, OKED_SECTIONS, divisions
from niokr.control.indicators.base import Frames, evaluate, explain

AS_OF = date(2026, 1, 1)
TRADER, BANK, INSTITUTE, UNKNOWN_CODE, ACCREDITED_TRADER, CATERER = 1, 2, 3, 4, 5, 6
ORGS = [
    {"org_id": 100, "bin": "150340000109", "kind": "subsoil_user", "oked": "06.10"},
    {"org_id": TRADER, "bin": "180340000104", "kind": "company", "oked": "46.75"},
    {"org_id": BANK, "bin": "990940001234", "kind": "company", "oked": "64.19"},
    {"org_id": INSTITUTE, "bin": "050140000456", "kind": "research_institute", "oked": "72.19"},
    {"org_id": UNKNOWN_CODE, "bin": "120540000555", "kind": "company", "oked": ""},
    {"org_id": ACCREDITED_TRADER, "bin": "170240000888", "kind": "company", "oked": "46.69.0"},
    {"org_id": CATERER, "bin": "020540000477", "kind": "company", "oked": "56.29"},
]
ATTRIBUTES = [
    {"org_id": TRADER, "kind": "kazakhstani_supplier", "valid_from": date(2010, 1, 1), "valid_to": None},
    {"org_id": ACCREDITED_TRADER, "kind": "science_accreditation", "valid_from": date(2023, 1, 1), "valid_to": date(2024, 12, 31)},
]


def _payment(payment_id: int, performer_id: int, paid_on=date(2024, 5, 6), **more) -> dict:
    row = {"payment_id": payment_id, "payer_id": 100, "performer_id": performer_id, "paid_on": paid_on, "amount": 250_000_00,
           "document_number": f"ПП-{payment_id}", "purpose": "Поставка химических реагентов для НИР по договору № 5"}
    row.update(more)
    return row


def _run(payments, **overrides) -> pl.DataFrame:
    return evaluate(NK22, Frames.build(AS_OF, payments=payments, organisations=ORGS, attributes=ATTRIBUTES), overrides)


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def test_a_trading_house_with_a_supplier_status_paid_for_research_reagents_is_flagged():
    out = _run([_payment(1, TRADER), _payment(2, BANK), _payment(3, CATERER, purpose="Организация питания участников научного семинара")])
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged", 3: "flagged"}
    row = out.filter(pl.col("subject_id") == 1).row(0, named=True)
    assert row["amount"] == 250_000_00
    evidence = json.loads(row["evidence"])
    assert evidence["oked"] == "46.75" and evidence["division"] == 46 and evidence["activity_en"] == "G — wholesale and retail trade"
    texts = {lang: explain(NK22, row["evidence"], lang) for lang in ("kk", "ru", "en")}
    assert "OKED 46.75 is G — wholesale and retail trade, not research" in texts["en"] and "₸250,000.00" in texts["en"] and "6 May 2024" in texts["en"]
    assert "ОКЭД 46.75 — G — оптовая и розничная торговля" in texts["ru"] and "ПП-1" in texts["ru"] and "180340000104" in texts["ru"]
    assert "ЭҚЖЖ 46.75 бойынша — G — көтерме және бөлшек сауда" in texts["kk"] and "реагентов" in texts["kk"]
    assert "финансовая и страховая" in explain(NK22, out.filter(pl.col("subject_id") == 2)["evidence"][0], "ru")


def test_research_performers_accredited_traders_and_unknown_codes():
    out = _run([
        _payment(1, INSTITUTE), _payment(2, ACCREDITED_TRADER, paid_on=date(2024, 6, 1)), _payment(3, ACCREDITED_TRADER, paid_on=date(2025, 6, 1)),
        _payment(4, UNKNOWN_CODE), _payment(5, 404), _payment(6, TRADER, paid_on=None),
    ])
    assert _status(out) == {
        1: ("clear", None), 2: ("clear", None), 3: ("flagged", None),  # the accreditation had lapsed
        4: ("not_computable", "no_activity_code"), 5: ("not_computable", "performer_unknown"), 6: ("not_computable", "no_payment_date"),
    }


def test_the_divisions_are_a_threshold():
    out = _run([_payment(1, TRADER), _payment(2, BANK)], non_research_divisions="64-66")
    assert _status(out) == {1: ("clear", None), 2: ("flagged", None)}
    assert json.loads(out.filter(pl.col("subject_id") == 2)["evidence"][0])["non_research_divisions"] == "64-66"


def test_division_lists_are_read_and_bad_ones_refused():
    assert divisions("45-47, 64,68") == [45, 46, 47, 64, 68]
    assert {45, 46, 47, 64, 65, 66}.issubset(divisions(NON_RESEARCH_DIVISIONS)) and 72 not in divisions(NON_RESEARCH_DIVISIONS)
    for bad in ("47-45", "0-3", "100", "x"):
        with pytest.raises(ValueError):
            divisions(bad)


def test_every_division_belongs_to_one_section():
    covered = [d for first, last, *_ in OKED_SECTIONS for d in range(first, last + 1)]
    assert len(covered) == len(set(covered)) and set(divisions(NON_RESEARCH_DIVISIONS)) <= set(covered)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([TRADER, BANK, INSTITUTE, UNKNOWN_CODE, ACCREDITED_TRADER, CATERER, 404, None]), st.dates(date(2020, 1, 1), date(2026, 1, 1))), max_size=15))
def test_one_row_per_payment_and_every_flag_explained(rows):
    out = _run([_payment(i + 1, performer, paid_on=day) for i, (performer, day) in enumerate(rows)])
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
    for evidence in out.filter(pl.col("status") == "flagged")["evidence"]:
        assert all(explain(NK22, evidence, lang) for lang in ("kk", "ru", "en"))
