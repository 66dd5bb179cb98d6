"""Indicators of relations and eligibility (NK-01 … NK-07, NK-20): when each fires, when it does not,
when it cannot tell, and what it tells the auditor in Kazakh, Russian and English."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.base import STATUSES, Frames, evaluate, explain, format_day
from niokr.control.indicators.relations import ANY_REGIME, ELIGIBLE_STATUSES, INDICATORS
from niokr.obligations.catalogue import REGIMES

BY_CODE = {i.code: i for i in INDICATORS}
AS_OF = date(2026, 1, 1)
NBSP, NNBSP = "\u00a0", "\u202f"

PAYER, HOLDING, INSTITUTE, FOREIGN, HUB, ACCREDITED, SISTER, STRANGER, OTHER_PAYER = 1, 2, 3, 4, 5, 6, 7, 8, 9
ORGANISATIONS = [
    {"org_id": PAYER, "bin": "150340000109", "kind": "subsoil_user", "name": "ТОО «Мұнай»"},
    {"org_id": HOLDING, "bin": "010140000011", "kind": "national_company", "name": "АО «НК»"},
    {"org_id": INSTITUTE, "bin": "990940001234", "kind": "research_institute", "name": "НИИ «Зерттеу»"},
    {"org_id": FOREIGN, "bin": "130750001231", "kind": "foreign", "name": "Foreign GmbH"},
    {"org_id": HUB, "bin": "180440000321", "kind": "hub_participant", "name": "ТОО «Хаб»"},
    {"org_id": ACCREDITED, "bin": "050140000456", "kind": "university", "name": "Университет"},
    {"org_id": SISTER, "bin": "120540000555", "kind": "company", "name": "ТОО «Сестра»"},
    {"org_id": STRANGER, "bin": "170240000888", "kind": "company", "name": "ТОО «Чужой»"},
    {"org_id": OTHER_PAYER, "bin": "020540000477", "kind": "subsoil_user", "name": "ТОО «Другой»"},
]
ATTRIBUTES = [
    {"org_id": INSTITUTE, "kind": "kazakhstani_supplier", "valid_from": date(2010, 1, 1), "valid_to": date(2023, 12, 31)},
    {"org_id": INSTITUTE, "kind": "kazakhstani_supplier", "valid_from": date(2024, 6, 1), "valid_to": None},
    {"org_id": FOREIGN, "kind": "foreign_permission", "valid_from": date(2014, 1, 1), "valid_to": date(2016, 12, 31)},
    {"org_id": FOREIGN, "kind": "foreign_permission", "valid_from": date(2024, 1, 1), "valid_to": date(2024, 12, 31)},
    {"org_id": HUB, "kind": "astana_hub", "valid_from": date(2013, 1, 1), "valid_to": None},
    {"org_id": ACCREDITED, "kind": "science_accreditation", "valid_from": date(2015, 1, 1), "valid_to": date(2024, 12, 31)},
    {"org_id": SISTER, "kind": "kazakhstani_supplier", "valid_from": date(2010, 1, 1), "valid_to": None},
    {"org_id": STRANGER, "kind": "kazakhstani_supplier", "valid_from": date(2010, 1, 1), "valid_to": None},
]
AFFILIATIONS = [
    {"source_id": HOLDING, "target_id": PAYER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None},
    {"source_id": HOLDING, "target_id": SISTER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None},
]
AGREEMENTS = [
    {"agreement_id": 10, "payer_id": PAYER, "performer_id": INSTITUTE, "number": "НИР-2024/001", "signed_on": date(2024, 2, 1),
     "period_start": date(2024, 2, 1), "period_end": date(2024, 12, 31), "amount": 500_000_000},
]


def _payment(payment_id: int = 1, **values) -> dict:
    row = {
        "payment_id": payment_id, "agreement_id": 10, "right_id": 50, "payer_id": PAYER, "performer_id": INSTITUTE, "paid_on": date(2024, 7, 15),
        "amount": 123_456_789, "purpose": "Оплата НИР по договору № НИР-2024/001, этап 1", "document_number": f"ПП-2024-{payment_id:06d}",
        "year": 2024, "regime_code": "CODE2017_COSTS", "requires_accreditation": False,
    }
    row.update(values)
    return row


def _frames(payments=(), agreements=AGREEMENTS, affiliations=AFFILIATIONS, **more) -> Frames:
    return Frames.build(
        AS_OF, payments=list(payments), agreements=list(agreements), organisations=ORGANISATIONS, attributes=ATTRIBUTES, affiliations=list(affiliations), **more,
    )


def _run(code: str, frames: Frames, **overrides) -> pl.DataFrame:
    return evaluate(BY_CODE[code], frames, overrides)


def _row(outcome: pl.DataFrame, subject_id: int) -> dict:
    rows = outcome.filter(pl.col("subject_id") == subject_id).to_dicts()
    assert len(rows) == 1, outcome
    return rows[0]


def _texts(code: str, row: dict) -> dict[str, str]:
    return {lang: explain(BY_CODE[code], row["evidence"], lang) for lang in ("kk", "ru", "en")}


def _assert_payment_named(texts: dict[str, str], document: str, tenge_ru: str, tenge_en: str, day: str, bin_: str) -> None:
    """Each language names the document, the amount in tenge, the date (as the language writes it) and the performer's BIN."""
    for lang, text in texts.items():
        assert document in text and format_day(day, lang) in text and bin_ in text, (lang, text)
        assert (tenge_en if lang == "en" else tenge_ru) in text, (lang, text)


# -- NK-01 ----------------------------------------------------------------------------------------


def test_nk01_flags_a_domestic_performer_with_no_status_on_the_payment_date():
    frames = _frames([_payment(1, paid_on=date(2024, 3, 12), regime_code="LAW2010_SGD")])
    row = _row(_run("NK-01", frames), 1)
    assert row["status"] == "flagged" and row["amount"] == 123_456_789
    evidence = json.loads(row["evidence"])
    assert evidence["held"] == [] and evidence["accepted"] == ["astana_hub", "foreign_permission", "kazakhstani_supplier"]
    texts = _texts("NK-01", row)
    _assert_payment_named(texts, "ПП-2024-000001", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "12.03.2024", "990940001234")
    assert "Kazakhstani-supplier status" in texts["en"] and "foreign-performer permission" in texts["en"] and "statuses it held: none" in texts["en"]
    assert "статус казахстанского поставщика" in texts["ru"] and "имевшиеся статусы: нет" in texts["ru"]
    assert "қазақстандық өнім беруші мәртебесі" in texts["kk"] and "болған мәртебелер: жоқ" in texts["kk"]


def test_nk01_clears_a_kazakhstani_supplier_with_a_valid_status():
    frames = _frames([_payment(1, paid_on=date(2024, 6, 1)), _payment(2, paid_on=date(2023, 12, 31))])
    out = _run("NK-01", frames)
    assert _row(out, 1)["status"] == "clear" and _row(out, 2)["status"] == "clear"
    assert _row(out, 1)["evidence"] is None


def test_nk01_flags_a_foreign_performer_outside_its_permission():
    frames = _frames([_payment(1, performer_id=FOREIGN, paid_on=date(2024, 3, 1)), _payment(2, performer_id=FOREIGN, paid_on=date(2025, 3, 1))])
    out = _run("NK-01", frames)
    assert _row(out, 1)["status"] == "clear"
    assert _row(out, 2)["status"] == "flagged"
    assert json.loads(_row(out, 2)["evidence"])["performer_kind"] == "foreign"


def test_nk01_accepts_each_status_only_under_the_regimes_and_from_the_dates_that_accept_it():
    frames = _frames([
        _payment(1, performer_id=ACCREDITED, regime_code="CODE2017_COSTS"),
        _payment(2, performer_id=ACCREDITED, regime_code="LAW2010_SGD"),
        _payment(3, performer_id=FOREIGN, paid_on=date(2014, 6, 1), year=2014, regime_code="LAW2010_SGD"),
        _payment(4, performer_id=FOREIGN, paid_on=date(2015, 6, 1), year=2015, regime_code="LAW2010_SGD"),
        _payment(5, performer_id=FOREIGN, paid_on=date(2024, 6, 1), regime_code="MODEL2026_SGD"),
        _payment(6, performer_id=HUB, paid_on=date(2014, 6, 9), year=2014, regime_code="LAW2010_SGD"),
        _payment(7, performer_id=HUB, paid_on=date(2014, 6, 10), year=2014, regime_code="LAW2010_SGD"),
    ])
    out = _run("NK-01", frames)
    statuses = {i: _row(out, i)["status"] for i in range(1, 8)}
    assert statuses == {1: "clear", 2: "flagged", 3: "flagged", 4: "clear", 5: "flagged", 6: "flagged", 7: "clear"}
    held = json.loads(_row(out, 2)["evidence"])
    assert held["held"] == ["science_accreditation"] and held["regime"] == "LAW2010_SGD"
    assert "science accreditation" in explain(BY_CODE["NK-01"], _row(out, 2)["evidence"], "en")


def test_nk01_without_a_regime_accepts_any_status_and_flags_only_a_performer_with_none():
    frames = _frames([
        _payment(1, performer_id=ACCREDITED, regime_code=None, requires_accreditation=None),
        _payment(2, performer_id=INSTITUTE, paid_on=date(2024, 3, 1), regime_code="BUDGET2026_COSTS"),
    ])
    out = _run("NK-01", frames)
    assert _row(out, 1)["status"] == "clear"
    assert _row(out, 2)["status"] == "flagged"


def test_nk01_cannot_judge_a_performer_missing_from_the_registry():
    out = _run("NK-01", _frames([_payment(1, performer_id=404)]))
    assert (_row(out, 1)["status"], _row(out, 1)["reason"]) == ("not_computable", "performer_unknown")


def test_nk01_mirrors_the_regime_catalogue():
    for regime in REGIMES:
        rules = tuple((e["attribute"], date.fromisoformat(e["from"]) if e["from"] else None) for e in regime["eligible_performers"])
        if regime["channel"] == "direct":
            assert ELIGIBLE_STATUSES[regime["code"]] == rules, regime["code"]
        else:
            assert regime["code"] not in ELIGIBLE_STATUSES and rules == ()
    assert ANY_REGIME not in ELIGIBLE_STATUSES


# -- NK-02 ----------------------------------------------------------------------------------------


def test_nk02_flags_a_performer_owned_by_the_payers_holding():
    frames = _frames([_payment(1, performer_id=SISTER, paid_on=date(2024, 3, 12))])
    row = _row(_run("NK-02", frames), 1)
    assert row["status"] == "flagged" and row["amount"] == 123_456_789
    evidence = json.loads(row["evidence"])
    assert evidence["hops"] == 2 and evidence["path_bins"] == ["150340000109", "010140000011", "120540000555"]
    assert evidence["path_relations"] == ["owned_by", "owns"]
    texts = _texts("NK-02", row)
    _assert_payment_named(texts, "ПП-2024-000001", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "12.03.2024", "120540000555")
    assert "ТОО «Мұнай» (BIN 150340000109) — is owned by — АО «НК» (BIN 010140000011) — owns — ТОО «Сестра» (BIN 120540000555)" in texts["en"]
    assert "ТОО «Мұнай» (БИН 150340000109) — принадлежит — АО «НК» (БИН 010140000011) — владеет — ТОО «Сестра» (БИН 120540000555)" in texts["ru"] and "аффилирован" in texts["ru"]
    assert "(БСН 150340000109) — тиесілі — АО «НК» (БСН 010140000011) — иеленеді — ТОО «Сестра» (БСН 120540000555)" in texts["kk"] and "үлестес" in texts["kk"]


def test_nk02_clears_unrelated_performers_and_links_not_valid_on_the_date():
    ended = [{**AFFILIATIONS[0]}, {**AFFILIATIONS[1], "valid_to": date(2023, 12, 31)}]
    out = _run("NK-02", _frames([_payment(1, performer_id=STRANGER), _payment(2, performer_id=SISTER)], affiliations=ended))
    assert _row(out, 1)["status"] == "clear" and _row(out, 2)["status"] == "clear"


def test_nk02_with_one_hop_ignores_a_common_founder_but_not_the_group():
    founder = [{**AFFILIATIONS[0], "kind": "common_founder"}, {**AFFILIATIONS[1], "kind": "common_founder"}]
    frames = _frames([_payment(1, performer_id=SISTER)], affiliations=founder)
    assert _row(_run("NK-02", frames), 1)["status"] == "flagged"
    assert _row(_run("NK-02", frames, max_hops=1), 1)["status"] == "clear"
    # Ownership is followed whatever the hop limit: the sister company is in the payer's group.
    assert _row(_run("NK-02", _frames([_payment(1, performer_id=SISTER)]), max_hops=1), 1)["status"] == "flagged"


# The group of the payer, five levels deep: HOLDING owns PAYER and SUBHOLDING; SUBHOLDING owns
# DAUGHTER (from 2020), DAUGHTER owns GRANDDAUGHTER (a 40 % stake), which owns GREAT (5 %).
SUBHOLDING, DAUGHTER, GRANDDAUGHTER, GREAT = 21, 22, 23, 24
DEEP_ORGS = [
    *ORGANISATIONS,
    {"org_id": SUBHOLDING, "bin": "210140000001", "kind": "company", "name": "АО «Суб»"},
    {"org_id": DAUGHTER, "bin": "210140000002", "kind": "company", "name": "ТОО «Дочь»"},
    {"org_id": GRANDDAUGHTER, "bin": "210140000003", "kind": "company", "name": "ТОО «Внучка»"},
    {"org_id": GREAT, "bin": "210140000004", "kind": "company", "name": "ТОО «Правнучка»"},
]
DEEP = [
    AFFILIATIONS[0],
    {"source_id": HOLDING, "target_id": SUBHOLDING, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 100.0},
    {"source_id": SUBHOLDING, "target_id": DAUGHTER, "kind": "owner", "valid_from": date(2020, 1, 1), "valid_to": None, "share": 51.0},
    {"source_id": DAUGHTER, "target_id": GRANDDAUGHTER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 40.0},
    {"source_id": GRANDDAUGHTER, "target_id": GREAT, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 5.0},
]


def test_nk02_follows_the_ownership_tree_to_any_depth_on_the_payment_date():
    frames = Frames.build(AS_OF, payments=[
        _payment(1, performer_id=GRANDDAUGHTER, paid_on=date(2024, 3, 12)),
        _payment(2, performer_id=GRANDDAUGHTER, paid_on=date(2019, 3, 12)),  # before the subholding bought the daughter
        _payment(3, performer_id=GREAT, paid_on=date(2024, 3, 12)),  # a 5 % stake does not make a group
    ], organisations=DEEP_ORGS, attributes=ATTRIBUTES, affiliations=DEEP)
    out = _run("NK-02", frames)
    row = _row(out, 1)
    assert row["status"] == "flagged" and _row(out, 2)["status"] == "clear" and _row(out, 3)["status"] == "clear"
    evidence = json.loads(row["evidence"])
    assert evidence["hops"] == 4 and evidence["path_relations"] == ["owned_by", "owns", "owns", "owns"]
    assert evidence["path_bins"] == ["150340000109", "010140000011", "210140000001", "210140000002", "210140000003"]
    texts = _texts("NK-02", row)
    assert "(BIN 150340000109) — is owned by — АО «НК» (BIN 010140000011) — owns — АО «Суб» (BIN 210140000001) — owns — ТОО «Дочь» (BIN 210140000002) — owns — ТОО «Внучка» (BIN 210140000003)" in texts["en"]
    assert "(БИН 210140000002) — владеет — ТОО «Внучка» (БИН 210140000003)" in texts["ru"] and "(БСН 210140000002) — иеленеді — ТОО «Внучка» (БСН 210140000003)" in texts["kk"]
    assert _row(_run("NK-02", frames, min_owner_share=0.0), 3)["status"] == "flagged"


def test_nk02_group_membership_survives_an_ownership_cycle():
    cycle = [*DEEP, {"source_id": GRANDDAUGHTER, "target_id": SUBHOLDING, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 20.0}]
    frames = Frames.build(AS_OF, payments=[_payment(1, performer_id=STRANGER), _payment(2, performer_id=DAUGHTER)], organisations=DEEP_ORGS, attributes=ATTRIBUTES, affiliations=cycle)
    out = _run("NK-02", frames)
    assert _row(out, 1)["status"] == "clear" and _row(out, 2)["status"] == "flagged"


def test_nk02_a_small_stake_links_nobody_on_a_path_of_several_edges():
    # The holding owns the payer and 4 % of the institute: a two-edge path payer ← holding → institute
    # whose second link is below the 10 % floor; at 15 % the path counts.
    small = [AFFILIATIONS[0], {"source_id": HOLDING, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 4.0}]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=small)), 1)["status"] == "clear"
    larger = [AFFILIATIONS[0], {**small[1], "share": 15.0}]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=larger)), 1)["status"] == "flagged"
    # The payer itself holding 7 % of the institute is no one-edge link either.
    direct = [{"source_id": PAYER, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 7.0}]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=direct)), 1)["status"] == "clear"


def test_nk02_adds_up_the_small_stakes_of_one_group():
    # The holding owns the payer, the sister company wholly and a stranger company at 50 %. The sister
    # holds 7 % of the institute and the holding 4 %: 11 % for the group, flagged. The stranger's 7 %
    # counts at half (3.5 %) beside the holding's 4 %: 7.5 %, clear.
    edges = [
        AFFILIATIONS[0],
        {"source_id": HOLDING, "target_id": SISTER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 100.0},
        {"source_id": SISTER, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2015, 1, 1), "valid_to": None, "share": 7.0},
        {"source_id": HOLDING, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 4.0},
    ]
    frames = _frames([_payment(1), _payment(2, paid_on=date(2014, 3, 3))], affiliations=edges)
    out = _run("NK-02", frames)
    assert _row(out, 1)["status"] == "flagged" and _row(out, 2)["status"] == "clear"  # in 2014 the sister held nothing yet
    assert _row(_run("NK-02", frames, min_owner_share=12.0), 1)["status"] == "clear"
    halved = [AFFILIATIONS[0], {**edges[1], "target_id": STRANGER, "share": 50.0}, {**edges[2], "source_id": STRANGER}, edges[3]]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=halved)), 1)["status"] == "clear"
    # Two subsidiaries with 6 % each: 12 % for the group.
    twins = [
        AFFILIATIONS[0],
        {"source_id": HOLDING, "target_id": SISTER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 100.0},
        {"source_id": HOLDING, "target_id": STRANGER, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 60.0},
        {"source_id": SISTER, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 6.0},
        {"source_id": STRANGER, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 6.0},
    ]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=twins)), 1)["status"] == "clear"  # 6 + 0.6 × 6 = 9.6 %
    twins[2] = {**twins[2], "share": 100.0}
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=twins)), 1)["status"] == "flagged"


def test_nk02_cannot_judge_a_payment_without_a_performer():
    out = _run("NK-02", _frames([_payment(1, performer_id=None)]))
    assert (_row(out, 1)["status"], _row(out, 1)["reason"]) == ("not_computable", "performer_unknown")


# -- NK-03 ----------------------------------------------------------------------------------------


def test_nk03_flags_an_unaccredited_performer_where_the_regime_requires_accreditation():
    frames = _frames([_payment(1, performer_id=SISTER, paid_on=date(2024, 3, 12), requires_accreditation=True)])
    row = _row(_run("NK-03", frames), 1)
    assert row["status"] == "flagged"
    texts = _texts("NK-03", row)
    _assert_payment_named(texts, "ПП-2024-000001", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "12.03.2024", "120540000555")
    assert "CODE2017_COSTS" in texts["en"] and "accreditation" in texts["en"]
    assert "аккредитации" in texts["ru"] and "аккредиттеу" in texts["kk"]


def test_nk03_clears_accredited_performers_and_regimes_that_do_not_require_it():
    frames = _frames([
        _payment(1, performer_id=ACCREDITED, requires_accreditation=True),
        _payment(2, performer_id=SISTER, requires_accreditation=False),
        _payment(3, performer_id=ACCREDITED, paid_on=date(2025, 1, 1), requires_accreditation=True),
    ])
    out = _run("NK-03", frames)
    assert [_row(out, i)["status"] for i in (1, 2, 3)] == ["clear", "clear", "flagged"]


def test_nk03_cannot_judge_a_payment_without_a_regime():
    out = _run("NK-03", _frames([_payment(1, regime_code=None, requires_accreditation=None)]))
    assert (_row(out, 1)["status"], _row(out, 1)["reason"]) == ("not_computable", "no_regime")


FUND, INSTITUTE_2026 = 31, 32
TAX_ORGS = [
    *ORGANISATIONS,
    {"org_id": FUND, "bin": "160940000123", "kind": "aggregator", "name": "Фонд «Инновации»"},
    {"org_id": INSTITUTE_2026, "bin": "970340000456", "kind": "research_institute", "name": "НИИ «Жаңа»"},
]
TAX_ATTRIBUTES = [
    *ATTRIBUTES,
    {"org_id": FUND, "kind": "kazakhstani_supplier", "valid_from": date(2015, 1, 1), "valid_to": None},
    {"org_id": INSTITUTE_2026, "kind": "kazakhstani_supplier", "valid_from": date(2015, 1, 1), "valid_to": None},
    {"org_id": INSTITUTE_2026, "kind": "science_accreditation", "valid_from": date(2020, 1, 1), "valid_to": date(2026, 3, 31)},
]


def _tax_frames(payments) -> Frames:
    return Frames.build(date(2026, 12, 1), payments=payments, organisations=TAX_ORGS, attributes=TAX_ATTRIBUTES, affiliations=[])


def test_nk03_judges_money_placed_with_a_research_organisation_or_fund_under_the_tax_codes_deduction_rule():
    frames = _tax_frames([
        _payment(1, performer_id=FUND, paid_on=date(2026, 5, 4), regime_code="MODEL2026_SGD"),
        _payment(2, performer_id=FUND, paid_on=date(2025, 12, 30), regime_code="LAW2010_SGD"),  # before the Tax Code of 2025
        _payment(3, performer_id=INSTITUTE_2026, paid_on=date(2026, 3, 1), regime_code=None, requires_accreditation=None),  # accredited then
        _payment(4, performer_id=INSTITUTE_2026, paid_on=date(2026, 6, 1), regime_code=None, requires_accreditation=None),  # lapsed
        _payment(5, performer_id=SISTER, paid_on=date(2026, 6, 1), regime_code="MODEL2026_SGD"),  # a company's contract work: not a transfer
        _payment(6, performer_id=HUB, paid_on=date(2026, 6, 1), regime_code="MODEL2026_SGD"),
    ])
    out = _run("NK-03", frames)
    assert [_row(out, i)["status"] for i in (1, 2, 3, 4, 5, 6)] == ["flagged", "clear", "clear", "flagged", "clear", "clear"]
    row = _row(out, 1)
    assert json.loads(row["evidence"])["rule"] == "tax_deduction"
    texts = _texts("NK-03", row)
    assert "from 1 Jan 2026 the Tax Code (art. 302) lets money placed with a research organisation or fund be deducted only if the recipient is accredited" in texts["en"]
    assert "с 01.01.2026 по ст. 302 Налогового кодекса" in texts["ru"] and "302-бабы" in texts["kk"] and "160940000123" in texts["kk"]
    # The Astana Hub cluster fund is accepted without accreditation; the rule's start and kinds are thresholds.
    hub_fund = Frames.build(date(2026, 12, 1), payments=[_payment(1, performer_id=FUND, paid_on=date(2026, 5, 4))], organisations=TAX_ORGS,
                            attributes=[*TAX_ATTRIBUTES, {"org_id": FUND, "kind": "astana_hub", "valid_from": date(2020, 1, 1), "valid_to": None}], affiliations=[])
    assert _row(_run("NK-03", hub_fund), 1)["status"] == "clear"
    assert _row(_run("NK-03", frames, deduction_from="2027-01-01"), 1)["status"] == "clear"
    assert _row(_run("NK-03", frames, deduction_kinds="company"), 5)["status"] == "flagged"


# -- NK-04 ----------------------------------------------------------------------------------------


def test_nk04_flags_a_payment_before_the_agreement_was_signed():
    frames = _frames([_payment(1, paid_on=date(2024, 1, 20))])
    row = _row(_run("NK-04", frames), 1)
    assert row["status"] == "flagged" and row["amount"] == 123_456_789
    assert json.loads(row["evidence"])["days_before"] == 12
    texts = _texts("NK-04", row)
    _assert_payment_named(texts, "ПП-2024-000001", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "20.01.2024", "990940001234")
    assert "12 days before agreement НИР-2024/001 was signed" in texts["en"] and "1 Feb 2024" in texts["en"]
    assert "за 12 дн. до подписания договора НИР-2024/001" in texts["ru"]
    assert "НИР-2024/001 шартына қол қойылғанға дейін 12 күн бұрын" in texts["kk"]


def test_nk04_flags_a_payment_after_the_agreement_ended():
    row = _row(_run("NK-04", _frames([_payment(1, paid_on=date(2025, 1, 10))])), 1)
    assert row["status"] == "flagged"
    assert json.loads(row["evidence"])["days_after"] == 10
    assert "10 days after agreement НИР-2024/001 ended" in explain(BY_CODE["NK-04"], row["evidence"], "en")


def test_nk04_clears_payments_within_the_agreement_or_the_grace():
    frames = _frames([_payment(1, paid_on=date(2024, 2, 1)), _payment(2, paid_on=date(2024, 12, 31)), _payment(3, paid_on=date(2024, 1, 25))])
    out = _run("NK-04", frames)
    assert [_row(out, i)["status"] for i in (1, 2, 3)] == ["clear", "clear", "flagged"]
    assert _row(_run("NK-04", frames, grace_days=7), 3)["status"] == "clear"


def test_nk04_cannot_judge_a_payment_without_its_agreement_or_its_date():
    undated = [{**AGREEMENTS[0], "agreement_id": 11, "signed_on": None}]
    out = _run("NK-04", _frames([_payment(1, agreement_id=99), _payment(2, agreement_id=11)], agreements=AGREEMENTS + undated))
    assert (_row(out, 1)["status"], _row(out, 1)["reason"]) == ("not_computable", "no_agreement")
    assert (_row(out, 2)["status"], _row(out, 2)["reason"]) == ("not_computable", "no_agreement_date")


# -- NK-05 ----------------------------------------------------------------------------------------


def test_nk05_flags_payments_above_the_agreement_amount():
    frames = _frames([_payment(1, amount=300_000_000), _payment(2, amount=250_000_050)])
    row = _row(_run("NK-05", frames), 10)
    assert row["status"] == "flagged" and row["amount"] == 50_000_050
    texts = _texts("NK-05", row)
    assert "НИР-2024/001" in texts["en"] and "1 Feb 2024" in texts["en"] and "990940001234" in texts["en"]
    assert "₸5,000,000.00" in texts["en"] and "₸5,500,000.50" in texts["en"] and "₸500,000.50" in texts["en"]
    assert f"5{NNBSP}500{NNBSP}000,50{NBSP}₸" in texts["ru"] and f"500{NNBSP}000,50{NBSP}₸" in texts["ru"] and "больше суммы договора" in texts["ru"]
    assert f"5{NNBSP}500{NNBSP}000,50{NBSP}₸" in texts["kk"] and "шарт сомасынан" in texts["kk"]


def test_nk05_clears_payments_up_to_the_amount_and_within_the_tolerance():
    assert _row(_run("NK-05", _frames([_payment(1, amount=500_000_000)])), 10)["status"] == "clear"
    over = _frames([_payment(1, amount=520_000_000)])
    assert _row(_run("NK-05", over), 10)["status"] == "flagged"
    assert _row(_run("NK-05", over, tolerance=0.05), 10)["status"] == "clear"
    assert _row(_run("NK-05", _frames([])), 10)["status"] == "clear"


def test_nk05_cannot_judge_an_agreement_without_an_amount():
    out = _run("NK-05", _frames([_payment(1)], agreements=[{**AGREEMENTS[0], "amount": None}]))
    assert (_row(out, 10)["status"], _row(out, 10)["reason"]) == ("not_computable", "no_agreement_amount")


# -- NK-06 ----------------------------------------------------------------------------------------


def test_nk06_flags_every_copy_of_a_payment_and_puts_the_later_ones_at_stake():
    frames = _frames([
        _payment(1, document_number="ПП-2024-000123", paid_on=date(2024, 3, 12), right_number="КН-0042"),
        _payment(2, document_number=" пп-2024-000123 ", paid_on=date(2024, 3, 12), right_id=51, right_number="КН-0043"),
        _payment(3, document_number="ПП-2024-000124", paid_on=date(2024, 5, 12)),
    ])
    out = _run("NK-06", frames)
    first, copy = _row(out, 1), _row(out, 2)
    assert (first["status"], first["amount"]) == ("flagged", 0)
    assert (copy["status"], copy["amount"]) == ("flagged", 123_456_789)
    assert _row(out, 3)["status"] == "clear"
    evidence = json.loads(copy["evidence"])
    assert evidence["other_payment_ids"] == [1] and evidence["right_ids"] == [50, 51] and evidence["scope"] == "one_report"
    texts = _texts("NK-06", first)
    _assert_payment_named(texts, "ПП-2024-000123", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "12.03.2024", "990940001234")
    assert "claimed 2 times (in one report): the other copies (number, date, subsoil use right) — пп-2024-000123 12 Mar 2024 (КН-0043); subsoil users: ТОО «Мұнай» (BIN 150340000109)" in texts["en"]
    assert "заявлен повторно (в одном отчёте; копий всего: 2)" in texts["ru"] and "2 рет мәлімделген (бір есепте)" in texts["kk"]
    for text in texts.values():  # business words only: no database ids
        assert "#" not in text and " 51" not in text


@pytest.mark.parametrize("written", ["ПП-123", "ПП 123", "пп123", "000123", "№ 123", "№123", "No. 123", "no 123", "123.", " 123 ", "PP-00123", "ПП–0123", "ПП-2024-000123", "123-ПП"])
def test_nk06_reads_a_document_number_the_way_accountants_vary_it(written):
    frames = _frames([_payment(1, document_number="123"), _payment(2, document_number=written, payer_id=OTHER_PAYER)])
    out = _run("NK-06", frames)
    assert _row(out, 2)["status"] == "flagged", written
    assert json.loads(_row(out, 2)["evidence"])["other_copies"] == ["123 15.07.2024 (#50)"]


def test_nk06_numbers_with_different_series_or_years_stay_apart():
    frames = _frames([_payment(1, document_number="ПП-2024-000123"), _payment(2, document_number="ПП-2023-000123", payer_id=OTHER_PAYER, agreement_id=11), _payment(3, document_number="124", payer_id=OTHER_PAYER, agreement_id=12)])
    assert set(_run("NK-06", frames)["status"].to_list()) == {"clear"}


def test_nk06_document_key_folds_look_alikes_and_keeps_distinct_numbers_apart():
    from niokr.control.indicators.relations import document_key

    assert document_key("АВ-7") == document_key("AB 007") == "7"
    assert document_key("б/н") == document_key("Б/Н") != document_key("АКТ")
    assert document_key("АКТ") == document_key("AKT")  # Cyrillic letters typed as Latin
    assert document_key("2024/15") != document_key("2024/16") and document_key("  ") is None and document_key(None) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**9), st.sampled_from(["ПП-", "пп ", "№ ", "No.", "", "PP"]), st.integers(0, 6))
def test_nk06_document_key_ignores_prefix_and_leading_zeros(number, prefix, zeros):
    from niokr.control.indicators.relations import document_key

    assert document_key(f"{prefix}{'0' * zeros}{number}. ") == str(number)


def test_nk06_matches_the_same_payer_performer_and_amount_within_the_date_window_whatever_the_numbers():
    frames = _frames([
        _payment(1, document_number="ПП-77", paid_on=date(2024, 3, 12)),
        _payment(2, document_number="платёжное поручение 1502", paid_on=date(2024, 3, 19), source_submission=8),
        _payment(3, document_number="ПП-91", paid_on=date(2024, 3, 30)),  # eleven days after the retyped one: another payment
        _payment(4, document_number="ПП-92", paid_on=date(2024, 3, 13), payer_id=OTHER_PAYER, agreement_id=12),  # another payer, another number
        _payment(5, document_number="ПП-78", paid_on=date(2024, 3, 12), agreement_id=11),  # another agreement's stage paid the same day
    ])
    out = _run("NK-06", frames)
    assert [_row(out, i)["status"] for i in (1, 2, 3, 4, 5)] == ["flagged", "flagged", "clear", "clear", "clear"]
    texts = _texts("NK-06", _row(out, 2))
    assert "ПП-77 12.03.2024" in texts["ru"] and "платёжное поручение 1502" in texts["en"] and "19.03.2024" in texts["kk"]
    assert json.loads(_row(out, 2)["evidence"])["date_window_days"] == 7
    out = _run("NK-06", frames, date_window_days=0)
    assert set(out["status"].to_list()) == {"clear"}


def test_nk06_tells_reports_and_payers_apart():
    frames = _frames([
        _payment(1, source_submission=7), _payment(2, source_submission=8, document_number="ПП-2024-000001"),
        _payment(3, document_number="X-1", paid_on=date(2024, 9, 1)), _payment(4, document_number="X-1", payer_id=OTHER_PAYER, paid_on=date(2024, 9, 1)),
    ])
    out = _run("NK-06", frames)
    assert json.loads(_row(out, 2)["evidence"])["scope"] == "several_reports"
    evidence = json.loads(_row(out, 4)["evidence"])
    assert evidence["scope"] == "several_payers" and evidence["payer_bins"] == ["020540000477", "150340000109"]
    assert "by several subsoil users" in explain(BY_CODE["NK-06"], _row(out, 4)["evidence"], "en")


def test_nk06_clears_payments_that_differ_in_amount_date_or_performer():
    frames = _frames([
        _payment(1, document_number="D"), _payment(2, document_number="D", amount=1), _payment(3, document_number="D", paid_on=date(2024, 8, 25)),
        _payment(4, document_number="D", performer_id=SISTER), _payment(5, document_number="D", payer_id=OTHER_PAYER, paid_on=date(2024, 7, 16)),
    ])
    assert set(_run("NK-06", frames)["status"].to_list()) == {"clear"}


def test_nk06_cannot_match_a_payment_without_a_document_number_outside_the_window():
    out = _run("NK-06", _frames([_payment(1, document_number=" "), _payment(2, document_number=" ", paid_on=date(2024, 9, 1))]))
    assert out["reason"].to_list() == ["no_document_number", "no_document_number"]


# -- NK-07 ----------------------------------------------------------------------------------------


def test_nk07_flags_a_purpose_that_is_not_rd():
    frames = _frames([_payment(1, paid_on=date(2024, 3, 12), purpose="Обучение персонала: курсы повышения квалификации")])
    row = _row(_run("NK-07", frames), 1)
    assert row["status"] == "flagged" and row["amount"] == 123_456_789
    evidence = json.loads(row["evidence"])
    assert "курсы" in evidence["non_rd_terms"] and evidence["non_rd_score"] >= evidence["min_score"] == 0.5
    texts = _texts("NK-07", row)
    _assert_payment_named(texts, "ПП-2024-000001", f"1{NNBSP}234{NNBSP}567,89{NBSP}₸", "₸1,234,567.89", "12.03.2024", "990940001234")
    for text in texts.values():
        assert "«Обучение персонала: курсы повышения квалификации»" in text and ", ".join(evidence["non_rd_terms"]) in text
    assert "not R&D" in texts["en"] and "не относящиеся к НИОКР" in texts["ru"] and "ҒЗТКЖ-ға жатпайтын" in texts["kk"]


def test_nk07_clears_rd_purposes():
    frames = _frames([_payment(1), _payment(2, purpose="Оплата ОКР: разработка и испытания опытного образца оборудования")])
    assert _run("NK-07", frames)["status"].to_list() == ["clear", "clear"]


def test_nk07_cannot_judge_an_empty_purpose_or_one_of_requisites_only():
    out = _run("NK-07", _frames([_payment(1, purpose=""), _payment(2, purpose=None), _payment(3, purpose="№ 45 от 01.02.2024, в т.ч. НДС 12%")]))
    assert out["reason"].to_list() == ["no_purpose", "no_purpose", "no_purpose"]


# -- NK-20 ----------------------------------------------------------------------------------------

ONWARD = {"agreement_id": 20, "payer_id": INSTITUTE, "performer_id": SISTER, "number": "СП-2024/07", "signed_on": date(2024, 5, 1),
          "period_start": date(2024, 5, 1), "period_end": date(2024, 11, 30), "amount": 450_000_000}


def test_nk20_flags_an_agreement_passed_on_to_an_affiliate_of_the_payer():
    out = _run("NK-20", _frames(agreements=[*AGREEMENTS, ONWARD]))
    row = _row(out, 10)
    assert row["status"] == "flagged" and row["amount"] == 450_000_000
    assert _row(out, 20)["status"] == "clear"
    texts = _texts("NK-20", row)
    for text in texts.values():
        assert "НИР-2024/001" in text and ("1 Feb 2024" if text is texts["en"] else "01.02.2024") in text and "СП-2024/07" in text and "120540000555" in text and "990940001234" in text
    assert "(BIN 150340000109) — is owned by — АО «НК» (BIN 010140000011) — owns — ТОО «Сестра» (BIN 120540000555)" in texts["en"] and "₸4,500,000.00" in texts["en"]
    assert "аффилированной" in texts["ru"] and f"4{NNBSP}500{NNBSP}000,00{NBSP}₸" in texts["ru"]
    assert "үлестес" in texts["kk"]


def test_nk20_flags_money_passed_back_to_the_payer_itself():
    back = {**ONWARD, "performer_id": PAYER, "amount": 900_000_000}
    row = _row(_run("NK-20", _frames(agreements=[*AGREEMENTS, back])), 10)
    assert row["status"] == "flagged" and row["amount"] == 500_000_000
    assert "the subsoil user itself" in explain(BY_CODE["NK-20"], row["evidence"], "en")


def test_nk20_clears_onward_work_to_strangers_or_at_another_time():
    later = {**ONWARD, "signed_on": date(2025, 2, 1), "period_start": date(2025, 2, 1), "period_end": date(2025, 6, 30)}
    stranger = {**ONWARD, "agreement_id": 21, "performer_id": STRANGER}
    out = _run("NK-20", _frames(agreements=[*AGREEMENTS, later, stranger]))
    assert set(out["status"].to_list()) == {"clear"}


def test_nk20_cannot_judge_an_agreement_without_dates():
    undated = {**AGREEMENTS[0], "signed_on": None, "period_start": None}
    out = _run("NK-20", _frames(agreements=[undated, ONWARD]))
    assert (_row(out, 10)["status"], _row(out, 10)["reason"]) == ("not_computable", "no_agreement_period")


# -- the catalogue contract -----------------------------------------------------------------------


def test_every_indicator_is_complete_in_three_languages():
    assert [i.code for i in INDICATORS] == ["NK-01", "NK-02", "NK-03", "NK-04", "NK-05", "NK-06", "NK-07", "NK-20"]
    for indicator in INDICATORS:
        assert indicator.version >= 1 and 1 <= indicator.weight <= 100
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == {"kk", "ru", "en"} and all(texts.values())
        assert any(letter in indicator.explanation["kk"] + indicator.title["kk"] for letter in "әғқңөұүһі"), indicator.code


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_a_missing_frame_makes_the_indicator_not_computable(indicator):
    out = evaluate(indicator, Frames.build(AS_OF))
    assert out["status"].to_list() == ["not_computable"] and out["reason"][0] == f"frame_missing:{indicator.needs[0]}"


PERFORMERS = st.sampled_from([INSTITUTE, FOREIGN, HUB, ACCREDITED, SISTER, STRANGER, 404, None])
PURPOSES = st.sampled_from(["Оплата НИР, этап 1", "Ремонт здания", "", None, "Research works", "Спонсорская помощь"])
PAYMENT_ROWS = st.lists(
    st.fixed_dictionaries({
        "agreement_id": st.sampled_from([10, 11, 99]), "right_id": st.sampled_from([50, 51]), "payer_id": st.sampled_from([PAYER, OTHER_PAYER]),
        "performer_id": PERFORMERS, "paid_on": st.dates(date(2013, 1, 1), date(2025, 12, 31)), "amount": st.sampled_from([100, 200, 10**12]),
        "purpose": PURPOSES, "document_number": st.sampled_from(["A", "B", " ", None]), "source_submission": st.sampled_from([None, 1, 2]),
        "regime_code": st.sampled_from(["LAW2010_SGD", "CODE2017_COSTS", "MODEL2026_SGD", None]), "requires_accreditation": st.sampled_from([True, False, None]),
    }),
    max_size=25,
)
AGREEMENT_ROWS = [*AGREEMENTS, ONWARD, {**ONWARD, "agreement_id": 11, "payer_id": PAYER, "performer_id": SISTER, "amount": None}]


@settings(max_examples=40, deadline=None)
@given(PAYMENT_ROWS, st.randoms(use_true_random=False))
def test_every_indicator_keeps_one_row_per_subject_whatever_the_row_order(rows, rnd):
    payments = [{**row, "payment_id": i + 1, "year": row["paid_on"].year} for i, row in enumerate(rows)]
    shuffled = list(payments)
    rnd.shuffle(shuffled)
    for indicator in INDICATORS:
        out = evaluate(indicator, _frames(payments, agreements=AGREEMENT_ROWS))
        again = evaluate(indicator, _frames(shuffled, agreements=list(reversed(AGREEMENT_ROWS))))
        expected = [p["payment_id"] for p in payments] if indicator.subject_type == "payment" else [a["agreement_id"] for a in AGREEMENT_ROWS]
        assert sorted(out["subject_id"].to_list()) == sorted(expected), indicator.code
        assert set(out["status"].to_list()) <= set(STATUSES)
        flagged = out.filter(pl.col("status") == "flagged")
        assert flagged["evidence"].null_count() == 0 and all(isinstance(json.loads(e), dict) for e in flagged["evidence"])
        for evidence in flagged["evidence"]:
            assert all(explain(indicator, evidence, lang) for lang in ("kk", "ru", "en"))
        others = out.filter(pl.col("status") != "flagged")
        assert others["evidence"].null_count() == others.height
        assert (out.filter(pl.col("status") == "not_computable")["reason"].null_count()) == 0
        assert out.sort("subject_id").equals(again.sort("subject_id")), indicator.code
