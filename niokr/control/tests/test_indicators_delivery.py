"""NK-36 one acceptance act paid twice, NK-37 one result claimed by two projects, NK-38 a stage report reused
between projects — and the ``stage_reports`` frame read from the database."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import catalogue, delivery
from niokr.control.indicators.base import FRAME_SCHEMAS, SUBJECT_TYPES, Frames, evaluate, explain
from niokr.control.indicators.delivery import NK36, NK37, NK38, act_references, reference_key

AS_OF = date(2026, 1, 1)
PAYER, OTHER_PAYER, INSTITUTE, UNIVERSITY = 1, 2, 10, 11
ORGS = [
    {"org_id": PAYER, "bin": "150340000109", "kind": "subsoil_user", "name": "ТОО «Бір Мұнай»"},
    {"org_id": OTHER_PAYER, "bin": "160440000208", "kind": "subsoil_user", "name": "ТОО «Екі Газ»"},
    {"org_id": INSTITUTE, "bin": "050140000456", "kind": "research_institute", "name": "НИИ «Зерттеу»"},
    {"org_id": UNIVERSITY, "bin": "070340000678", "kind": "university", "name": "Университет «Ғылым»"},
]
LANGS = ("kk", "ru", "en")


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which each indicator of the module fires (for the reading test of the whole catalogue)."""
    return {"NK-36": nk36_scenario(), "NK-37": nk37_scenario(), "NK-38": nk38_scenario()}


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


# -- NK-36 -------------------------------------------------------------------------------------------

STAGE = 100_000_000_00


def _agreement(agreement_id=1, payer=PAYER, performer=INSTITUTE, project=None, number="НИОКР-2024/017") -> dict:
    return {"agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": number, "signed_on": date(2024, 1, 10),
            "period_start": date(2024, 1, 10), "period_end": date(2025, 12, 31), "amount": 3 * STAGE, "project_id": project, "subject": "НИОКР"}


def _act(act_id, signed_on, amount=STAGE, agreement_id=1, number=None) -> dict:
    return {"act_id": act_id, "stage_id": act_id, "agreement_id": agreement_id, "number": number or f"АКТ-2024/{act_id:06d}", "signed_on": signed_on, "amount": amount}


def _stage(stage_id, amount=STAGE, agreement_id=1) -> dict:
    return {"stage_id": stage_id, "agreement_id": agreement_id, "number": stage_id, "start_date": date(2024, 1, 10), "end_date": date(2025, 12, 31),
            "amount": amount, "status": "accepted"}


def _pay(payment_id, paid_on, amount=STAGE, number=None, purpose="Оплата НИОКР по договору № НИОКР-2024/017", agreement_id=1) -> dict:
    return {"payment_id": payment_id, "agreement_id": agreement_id, "payer_id": PAYER, "performer_id": INSTITUTE, "right_id": 1, "paid_on": paid_on,
            "amount": amount, "document_number": number or f"ПП-{payment_id}", "purpose": purpose, "year": paid_on.year}


def _nk36(payments, acts, stages=None, agreements=None, **overrides) -> pl.DataFrame:
    frames = Frames.build(AS_OF, agreements=agreements or [_agreement()], payments=payments, acts=acts, stages=stages, organisations=ORGS)
    return evaluate(NK36, frames, overrides)


def nk36_scenario() -> Frames:
    """Frames on which NK-36 fires (for the reading test of the catalogue)."""
    acts = [_act(1, date(2024, 4, 1)), _act(2, date(2024, 8, 1))]
    payments = [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 8, 6)), _pay(3, date(2024, 9, 12), number="ПП-0777")]
    return Frames.build(AS_OF, agreements=[_agreement()], payments=payments, acts=acts, organisations=ORGS)


def test_act_references_read_the_acts_a_purpose_names():
    assert act_references("Оплата по акту № АКТ-2024/000011 от 01.04.2024") == {"2024/11"}
    assert act_references("Төлем, актісі № 7, 2024 ж.") == {"7"} and act_references("Payment under act No 12.") == {"12"}
    assert act_references("Оплата этапа 2 по договору № 5") == frozenset()


def test_a_second_payment_of_an_acts_amount_with_its_own_document_is_flagged():
    out = evaluate(NK36, nk36_scenario())
    row = out.row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == STAGE
    evidence = json.loads(row["evidence"])
    assert evidence["acts_paid_twice"] == 1 and evidence["act_numbers"] == ["АКТ-2024/000002"] and evidence["payment_ids"] == [2, 3]
    texts = {lang: explain(NK36, row["evidence"], lang) for lang in LANGS}
    assert "акт № АКТ-2024/000002 от 01.08.2024" in texts["ru"] and "оплачен 2 платежами на его сумму" in texts["ru"] and "№ ПП-0777 от 12.09.2024" in texts["ru"]
    assert "оның сомасындағы 2 төлеммен төленген" in texts["kk"] and "№ ПП-0777, 12.09.2024 ж." in texts["kk"]
    assert "was paid by 2 payments of its amount" in texts["en"] and "Paid beyond the acts: ₸100,000,000.00" in texts["en"]


def test_payments_naming_an_act_beyond_its_amount_are_flagged():
    named = "Оплата по акту № АКТ-2024/000001 от 01.04.2024"
    out = _nk36([_pay(1, date(2024, 4, 5), 100_000_000_00, purpose=named), _pay(2, date(2024, 5, 5), 20_000_000_00, purpose=named.replace("№ АКТ-2024/000001", "2024/1"))],
                [_act(1, date(2024, 4, 1))])
    row = out.row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == 20_000_000_00
    assert "платежами со ссылкой на него выплачено" in explain(NK36, row["evidence"], "ru") and "total ₸120,000,000.00" in explain(NK36, row["evidence"], "en")
    # two instalments naming the act, a little above it: beyond acceptance (NK-23), not paid twice
    halves = [_pay(1, date(2024, 4, 5), 60_000_000_00, purpose=named), _pay(2, date(2024, 5, 5), 60_000_000_00, purpose=named)]
    assert _status(_nk36(halves, [_act(1, date(2024, 4, 1))])) == {1: ("clear", None)}


def test_look_alikes_of_an_act_paid_twice_stay_quiet():
    acts = [_act(1, date(2024, 4, 1)), _act(2, date(2024, 8, 1)), _act(3, date(2024, 11, 1), amount=50_000_000_00)]
    cases = {
        "equal stages, each paid once": [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 8, 6))],
        "the second stage paid ahead of its act": [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 7, 20))],
        "an advance before the act, nothing after": [_pay(1, date(2024, 3, 20)), _pay(2, date(2024, 8, 6))],
        "a copy of one document (NK-06's)": [_pay(1, date(2024, 4, 5), number="ПП-000123"), _pay(2, date(2024, 4, 5), number="пп 123"), _pay(3, date(2024, 8, 6))],
        "the same payment retyped days later (NK-06's)": [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 4, 9), number="ПП-9999"), _pay(3, date(2024, 8, 6))],
        "instalments": [_pay(1, date(2024, 4, 5), 50_000_000_00), _pay(2, date(2024, 5, 5), 50_000_000_00), _pay(3, date(2024, 11, 5), 50_000_000_00)],
        "repeat payments of another amount": [_pay(i, date(2024, 4, 5) + timedelta(days=30 * i), 10_000_000_00) for i in range(1, 8)],
    }
    for name, payments in cases.items():
        assert _status(_nk36(payments, acts)) == {1: ("clear", None)}, name
    # an advance for a stage not yet accepted is not a second payment of an accepted one
    ahead = [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 8, 6)), _pay(3, date(2024, 10, 1))]
    assert _status(_nk36(ahead, acts[:2], stages=[_stage(1), _stage(2), _stage(4)])) == {1: ("clear", None)}
    assert _status(_nk36(ahead, acts[:2], stages=[_stage(1), _stage(2)])) == {1: ("flagged", None)}
    # within NK-06's window but for another purpose: a second payment, not a copy
    other = [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 4, 9), number="ПП-9999", purpose="Вознаграждение исполнителю за опытный образец, этап 1")]
    assert _status(_nk36(other, acts[:1])) == {1: ("flagged", None)}


def _linked(*pairs) -> list[dict]:
    """A stage_reports frame recording which payments pay which stage."""
    stages: dict[int, list[int]] = {}
    for payment_id, stage_id in pairs:
        stages.setdefault(stage_id, []).append(payment_id)
    return [{"stage_id": sid, "agreement_id": 1, "project_id": None, "number": sid, "title": "", "deliverables": "", "report_name": "", "report_sha256": "",
             "submitted_on": None, "act_report_sha256": "", "act_signed_on": None, "report_text": "", "payment_ids": ids} for sid, ids in stages.items()]


def test_payments_linked_to_a_stage_after_it_was_paid_in_full_are_flagged_and_a_linked_payment_is_judged_by_its_link():
    acts = [_act(1, date(2024, 4, 1)), _act(2, date(2024, 8, 1))]
    # the act paid in full, then again in parts
    payments = [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 5, 5), 60_000_000_00), _pay(3, date(2024, 6, 5), 40_000_000_00), _pay(4, date(2024, 8, 6))]
    frames = Frames.build(AS_OF, agreements=[_agreement()], payments=payments, acts=acts, stage_reports=_linked((1, 1), (2, 1), (3, 1), (4, 2)), organisations=ORGS)
    out = evaluate(NK36, frames)
    row = out.row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == STAGE
    assert "платежами, привязанными к его этапу, выплачено" in explain(NK36, row["evidence"], "ru")
    # an act accepting a little less than its two instalments is NK-23's (beyond acceptance), not an act paid twice
    short = [_act(1, date(2024, 4, 1), amount=STAGE - 2_000_000_00)]
    instalments = [_pay(1, date(2024, 4, 5), 70_000_000_00), _pay(2, date(2024, 5, 5), 30_000_000_00)]
    frames = Frames.build(AS_OF, agreements=[_agreement()], payments=instalments, acts=short, stage_reports=_linked((1, 1), (2, 1)), organisations=ORGS)
    assert _status(evaluate(NK36, frames)) == {1: ("clear", None)}
    # a payment of act 1's amount, recorded as paying a stage not yet accepted, is no second payment of act 1
    ahead = [_pay(1, date(2024, 4, 5)), _pay(2, date(2024, 6, 5))]
    frames = Frames.build(AS_OF, agreements=[_agreement()], payments=ahead, acts=acts[:1], stage_reports=_linked((1, 1), (2, 3)), organisations=ORGS)
    assert _status(evaluate(NK36, frames)) == {1: ("clear", None)}
    assert _status(_nk36(ahead, acts[:1])) == {1: ("flagged", None)}  # without the link, its amount says it pays act 1 again
    # a payment of act 1's amount not linked, after act 1 was paid by its linked payment: act 1 paid again
    frames = Frames.build(AS_OF, agreements=[_agreement()], payments=ahead, acts=acts[:1], stage_reports=_linked((1, 1)), organisations=ORGS)
    assert _status(evaluate(NK36, frames)) == {1: ("flagged", None)}


def test_an_agreement_without_acts_is_not_computable():
    out = _nk36([_pay(1, date(2024, 4, 5))], [_act(1, date(2026, 3, 1))])  # signed after the evaluation date
    assert _status(out) == {1: ("not_computable", "no_acts")}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from([STAGE, STAGE // 2, STAGE + 50]), st.sampled_from(["ПП-1", "ПП-2", "ПП-3", "ПП-4", "ПП-5"])), max_size=10),
       st.lists(st.integers(0, 400), min_size=1, max_size=3))
def test_nk36_at_stake_never_exceeds_what_was_paid_beyond_the_acts(rows, act_days):
    payments = [_pay(i + 1, date(2024, 1, 15) + timedelta(days=d), amount, number=number) for i, (d, amount, number) in enumerate(rows)]
    acts = [_act(i + 1, date(2024, 1, 15) + timedelta(days=d)) for i, d in enumerate(act_days)]
    out = _nk36(payments, acts)
    assert out["subject_id"].to_list() == [1]
    row = out.row(0, named=True)
    if row["status"] == "flagged":
        assert 0 < row["amount"] <= sum(p["amount"] for p in payments)
        assert all(explain(NK36, row["evidence"], lang) for lang in LANGS)


# -- NK-37 -------------------------------------------------------------------------------------------


def _project(project_id, code, performer=INSTITUTE) -> dict:
    return {"project_id": project_id, "performer_id": performer, "priority_direction": "greentech", "start_date": date(2022, 1, 1),
            "end_date": date(2025, 12, 31), "status": "completed", "code": code}


PROJECTS = [_project(1, "PRJ-2022-000101"), _project(2, "PRJ-2023-000202", UNIVERSITY), _project(3, "PRJ-2023-000303"), _project(4, "PRJ-2024-000404", UNIVERSITY)]


def _result(result_id, project_id, kind="publication", title="", year=2024, reference="", achieved=None, status="claimed") -> dict:
    return {"result_id": result_id, "project_id": project_id, "reference": f"РЕЗ-{year}-{result_id:06d}", "kind": kind, "title": title, "year": year,
            "achieved_on": achieved, "status": status, "trl_level": 5 if kind == "trl" else None, "evidence_note": "", "evidence_reference": reference,
            "evidence_file": False}


def _nk37(results, **overrides) -> pl.DataFrame:
    agreements = [_agreement(i, PAYER if i % 2 else OTHER_PAYER, project=i) for i in (1, 2, 3, 4)]
    frames = Frames.build(AS_OF, results=results, projects=PROJECTS, agreements=agreements, organisations=ORGS)
    return evaluate(NK37, frames, overrides)


PAPER = "Полимерное заводнение высоковязкой нефти месторождения Кумколь: лабораторные исследования на керне"


def nk37_scenario() -> Frames:
    results = [_result(1, 1, title=PAPER, year=2023, reference="https://doi.org/10.1016/j.petrol.2023.11104"),
               _result(2, 2, title="Статья по проекту", year=2024, reference="doi:10.1016/J.PETROL.2023.11104")]
    agreements = [_agreement(i, PAYER if i % 2 else OTHER_PAYER, project=i) for i in (1, 2)]
    return Frames.build(AS_OF, results=results, projects=PROJECTS, agreements=agreements, organisations=ORGS)


def test_reference_key_knows_dois_links_and_patents_and_nothing_else():
    assert reference_key("https://doi.org/10.1016/j.petrol.2023.11104") == reference_key("DOI 10.1016/J.PETROL.2023.11104.") == "doi:10.1016/j.petrol.2023.11104"
    assert reference_key("KZ 36512") == reference_key("kz-36512") == reference_key("Патент № 36512") == reference_key("патент РК KZ 36512") == "patent:36512"
    assert reference_key("RU 2712345 C1") == "patent:2712345" and reference_key("doi:10.5555/KZMR.2024.77") == "doi:10.5555/kzmr.2024.77"
    assert reference_key("www.example.kz/report/5/") == "url:example.kz/report/5"
    assert reference_key("Протокол оценки УГТ № 3") is None and reference_key("Акт внедрения № 154") is None and reference_key("") is None


def test_the_same_evidence_claimed_by_a_later_project_is_flagged():
    out = evaluate(NK37, nk37_scenario())
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None)}  # both projects claim it; the first claim is marked so
    first = json.loads(out.filter(pl.col("subject_id") == 1)["evidence"][0])
    assert first["first_occurrence"] is True and first["other_project_code"] == "PRJ-2023-000202"
    assert "результат РЕЗ-2023-000001 (2023) позже заявлен снова проектом PRJ-2023-000202 как результат РЕЗ-2024-000002 (2024)" in explain(NK37, first, "ru")
    row = out.filter(pl.col("subject_id") == 2).row(0, named=True)
    assert row["payer_id"] == OTHER_PAYER
    evidence = json.loads(row["evidence"])
    assert evidence["other_project_code"] == "PRJ-2022-000101" and evidence["other_reference"] == "РЕЗ-2023-000001" and evidence["claimed_twice"] == 1
    texts = {lang: explain(NK37, row["evidence"], lang) for lang in LANGS}
    assert "результат РЕЗ-2024-000002 (2024) повторяет результат РЕЗ-2023-000001 проекта PRJ-2022-000101 (2023): та же ссылка на доказательство" in texts["ru"]
    assert "дәлелге сілтеме бірдей" in texts["kk"] and "the same evidence reference (doi:10.1016/J.PETROL.2023.11104)" in texts["en"]


@pytest.mark.parametrize("title", [
    PAPER,
    "Лабораторные исследования на керне: полимерное заводнение высоковязкой нефти, месторождение Кумколь",
    "Polimernoe zavodnenie vysokovyazkoi nefti mestorozhdeniya Kumkol': laboratornye issledovaniya na kerne",
], ids=["copied", "reordered", "transliterated"])
def test_a_title_that_reads_the_same_is_the_same_result(title):
    out = _nk37([_result(1, 1, title=PAPER, year=2023), _result(2, 3, title=title, year=2024), _result(3, 4, title="Технология очистки пластовой воды", year=2024)])
    assert _status(out) == {1: ("flagged", None), 3: ("flagged", None), 4: ("clear", None)}
    assert "названия совпадают почти дословно" in explain(NK37, out.filter(pl.col("subject_id") == 3)["evidence"][0], "ru")


def test_a_title_copied_with_the_other_projects_code_is_the_same_result():
    titles = {1: "Патент на изобретение по проекту PRJ-2022-000101", 2: "Патент на изобретение по проекту PRJ-2023-000202",
              3: "Патент на изобретение по проекту PRJ-2023-000303", 4: "Патент на изобретение по проекту PRJ-2024-000404"}
    results = [_result(pid, pid, "patent", title, year=2024, achieved=date(2024, 3, pid)) for pid, title in titles.items()]
    assert set(_nk37(results)["status"].to_list()) == {"clear"}  # each titled after its own project
    copied = _result(5, 4, "patent", titles[1], year=2025, achieved=date(2025, 2, 1))
    assert _status(_nk37([*results, copied]))[4] == ("flagged", None)


def test_the_same_evidence_file_is_the_same_result_where_the_frame_carries_its_hash():
    results = Frames.build(AS_OF, results=[_result(1, 1, "patent", "Способ заводнения", year=2023), _result(2, 2, "patent", "Патент на изобретение", year=2025)])["results"]
    frames = Frames({**Frames.build(AS_OF, projects=PROJECTS, organisations=ORGS).frames, "results": results.with_columns(pl.lit("ab" * 32).alias("evidence_sha256"))}, AS_OF)
    out = evaluate(NK37, frames)
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None)}
    assert "тот же файл доказательства" in explain(NK37, out.filter(pl.col("subject_id") == 2)["evidence"][0], "ru")


def test_look_alikes_of_a_result_claimed_twice_stay_quiet():
    results = [
        *[_result(i, 1 + i % 4, "implementation", "Внедрение технологии", year=2024) for i in range(1, 9)],  # a template title
        *[_result(10 + i, 1 + i % 4, "trl", "УГТ 5", year=2024, reference="Протокол оценки УГТ № 3") for i in range(4)],  # a measure, a generic reference
        _result(20, 1, title=PAPER, year=2023),
        _result(21, 3, title="Полимерное заводнение высоковязкой нефти: опытно-промышленные испытания на месторождении Кумколь (продолжение проекта PRJ-2022-000101)", year=2025),
        _result(22, 2, title=PAPER, year=2024, status="rejected"),  # rejected: not a claim
    ]
    assert set(_nk37(results)["status"].to_list()) == {"clear"}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4]), st.sampled_from(["publication", "patent", "trl"]), st.sampled_from([PAPER, "Технология очистки пластовой воды", "УГТ 5", ""]),
                          st.sampled_from(["", "KZ 36512", "https://doi.org/10.1/x.1", "Протокол № 3"]), st.integers(2022, 2025)), max_size=10))
def test_nk37_judges_every_claiming_project_once_and_names_another_project(rows):
    results = [_result(i + 1, pid, kind, title, year=year, reference=ref) for i, (pid, kind, title, ref, year) in enumerate(rows)]
    out = _nk37(results)
    assert sorted(out["subject_id"].to_list()) == sorted({r["project_id"] for r in results})
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert evidence["other_project_code"] != next(p["code"] for p in PROJECTS if p["project_id"] == row["subject_id"])
        assert all(explain(NK37, evidence, lang) for lang in LANGS)


# -- NK-38 -------------------------------------------------------------------------------------------

SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64
DELIVERABLES = ("Отчёт о НИР: результаты лабораторных испытаний полимерного раствора на керне месторождения Кумколь, "
                "оценка прироста коэффициента нефтеотдачи, рекомендации по закачке оторочки")


def _report(stage_id, project_id, agreement_id, number=1, sha="", submitted=None, deliverables="Научно-технический отчёт этапа", act_sha="", act_on=None, text="") -> dict:
    return {"stage_id": stage_id, "agreement_id": agreement_id, "project_id": project_id, "number": number, "title": f"Этап {number}",
            "deliverables": deliverables, "report_name": f"report-{stage_id}.docx" if sha else "", "report_sha256": sha, "submitted_on": submitted,
            "act_report_sha256": act_sha, "act_signed_on": act_on, "report_text": text, "payment_ids": []}


#: The text of a stage report as an institute writes it (a template of its own around the work).
REPORT = """Каспийский институт нефтегазовых исследований
Научно-технический отчёт о научно-исследовательской работе
«{topic}»
Договор № {number} от 20.01.2025, заказчик — {payer}
Проект {code}. Этап 1: Лабораторные исследования
Реферат. В отчёте изложены цели, методика и результаты этапа 1 «Лабораторные исследования» согласно календарному плану и техническому заданию.
{body}"""
FLOODING = ("Исследование технологии циклического заводнения", "Проведены фильтрационные опыты на насыпных моделях пласта месторождения Кумколь: "
            "циклическое заводнение увеличило коэффициент вытеснения нефти на 4 процента по сравнению со стационарным режимом; подобраны полупериоды закачки.")
CORROSION = ("Мониторинг коррозии промысловых трубопроводов", "Установлены датчики скорости коррозии на выкидных линиях месторождения Акжар: "
             "определены участки локальной коррозии, предложен ингибитор и график его дозирования, оценена остаточная толщина стенки труб.")


def test_a_report_whose_text_was_copied_into_another_file_is_reuse():
    original = REPORT.format(topic=FLOODING[0], number="АТМ-01/2025", payer="ТОО «Атырау Терең Мұнай»", code="PRJ-2022-000101", body=FLOODING[1])
    copied = original.replace("АТМ-01/2025", "ЕГ-07/2025").replace("ТОО «Атырау Терең Мұнай»", "ТОО «Екі Газ»")  # re-saved, another contract named
    own = REPORT.format(topic=CORROSION[0], number="ЕГ-08/2025", payer="ТОО «Екі Газ»", code="PRJ-2024-000404", body=CORROSION[1])  # the same institute's template
    out = _nk38([
        _report(1, 1, 1, sha=SHA_A, submitted=date(2025, 5, 1), text=original), _report(2, 3, 3, sha=SHA_B, submitted=date(2025, 9, 1), text=copied),
        _report(3, 4, 4, sha=SHA_C, submitted=date(2025, 9, 1), text=own),
    ])
    assert _status(out) == {1: ("flagged", None), 3: ("flagged", None), 4: ("clear", None)}
    assert "текст отчёта и описания результатов этапа 1 почти дословно повторяет текст этапа 1 проекта PRJ-2022-000101" in explain(NK38, out.filter(pl.col("subject_id") == 3)["evidence"][0], "ru")


def _nk38(reports, **overrides) -> pl.DataFrame:
    agreements = [_agreement(i, PAYER if i % 2 else OTHER_PAYER, project=i if i <= 4 else None, number=f"НИОКР-{i}") for i in range(1, 7)]
    frames = Frames.build(AS_OF, stage_reports=reports, projects=PROJECTS, agreements=agreements, organisations=ORGS)
    return evaluate(NK38, frames, overrides)


def nk38_scenario() -> Frames:
    reports = [_report(1, 1, 1, sha=SHA_A, submitted=date(2024, 3, 1)), _report(2, 2, 2, number=2, sha=SHA_A, submitted=date(2024, 9, 1))]
    agreements = [_agreement(i, PAYER if i % 2 else OTHER_PAYER, project=i) for i in (1, 2)]
    return Frames.build(AS_OF, stage_reports=reports, projects=PROJECTS, agreements=agreements, organisations=ORGS)


def test_the_same_report_file_handed_in_for_another_project_is_flagged():
    out = evaluate(NK38, nk38_scenario())
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None)}
    first = json.loads(out.filter(pl.col("subject_id") == 1)["evidence"][0])
    assert first["first_occurrence"] is True and "отчёт этапа 1 (сдан 01.03.2024) позже сдан снова как отчёт этапа 2 проекта PRJ-2023-000202 (01.09.2024)" in explain(NK38, first, "ru")
    evidence = json.loads(out.filter(pl.col("subject_id") == 2)["evidence"][0])
    assert evidence["stage_number"] == 2 and evidence["other_project_code"] == "PRJ-2022-000101" and evidence["other_stage_number"] == 1
    texts = {lang: explain(NK38, evidence, lang) for lang in LANGS}
    assert "отчёт этапа 2 (сдан 01.09.2024) — тот же файл, что и отчёт этапа 1 проекта PRJ-2022-000101 (сдан 01.03.2024)" in texts["ru"]
    assert "PRJ-2022-000101 жобасының 1-кезеңінің есебімен бір файл" in texts["kk"] and "is the same file as the report of stage 1 of project PRJ-2022-000101" in texts["en"]


def test_an_acts_report_and_deliverables_that_read_the_same_are_reuse_too():
    out = _nk38([
        _report(1, 1, 1, act_sha=SHA_B, act_on=date(2024, 4, 1), deliverables=DELIVERABLES, submitted=date(2024, 3, 20)),
        _report(2, 3, 3, sha=SHA_B, submitted=date(2024, 10, 1)),  # the act's report handed in again as a stage report
        _report(3, 4, 4, deliverables=DELIVERABLES.replace("Отчёт о НИР: ", "Отчет о НИР — ").upper(), submitted=date(2025, 2, 1)),
        _report(4, 2, 2, deliverables="Отчёт о НИР: испытания системы мониторинга коррозии промысловых трубопроводов месторождения Акжар, рекомендации по ингибиторам",
                submitted=date(2025, 2, 1)),
    ])
    assert _status(out) == {1: ("flagged", None), 2: ("clear", None), 3: ("flagged", None), 4: ("flagged", None)}
    assert "почти дословно повторяет текст этапа 1 проекта PRJ-2022-000101" in explain(NK38, out.filter(pl.col("subject_id") == 4)["evidence"][0], "ru")


def test_a_report_first_handed_in_under_an_agreement_without_a_project_counts_as_the_first_use():
    out = _nk38([_report(1, None, 5, sha=SHA_C, submitted=date(2024, 2, 1)), _report(2, 1, 1, sha=SHA_C, submitted=date(2024, 6, 1))])
    assert _status(out) == {1: ("flagged", None)}
    assert "тот же файл, что и отчёт этапа 1 договора НИОКР-5" in explain(NK38, out["evidence"][0], "ru")


def test_look_alikes_of_a_reused_report_stay_quiet():
    out = _nk38([
        _report(1, 1, 1, number=1, sha=SHA_A, submitted=date(2024, 3, 1)),
        _report(2, 1, 6, number=1, sha=SHA_A, submitted=date(2024, 3, 5)),  # the co-funder's agreement of the same project
        _report(3, 1, 1, number=2, deliverables=DELIVERABLES, submitted=date(2024, 9, 1)),  # two stages of one project, alike
        _report(4, 1, 1, number=3, deliverables=DELIVERABLES + ", этап 3", submitted=date(2024, 12, 1)),
        # a follow-up naming its predecessor beside itself
        _report(5, 2, 2, deliverables=DELIVERABLES + ". Проект PRJ-2023-000202 продолжает проект PRJ-2022-000101", submitted=date(2025, 3, 1)),
        *[_report(10 + i, 1 + i % 4, 1 + i % 4, number=5) for i in range(4)],  # a template text, too short to say anything
    ])
    assert _status(out) == {1: ("clear", None), 2: ("clear", None), 3: ("not_computable", "no_reports"), 4: ("not_computable", "no_reports")}


def test_a_project_whose_stages_hold_no_report_is_not_computable():
    out = _nk38([_report(1, 1, 1), _report(2, 2, 2, sha=SHA_A)])
    assert _status(out) == {1: ("not_computable", "no_reports"), 2: ("clear", None)}
    assert evaluate(NK38, Frames.build(AS_OF, projects=PROJECTS))["reason"].to_list() == ["frame_missing:stage_reports"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4, None]), st.sampled_from(["", SHA_A, SHA_B]), st.sampled_from(["", DELIVERABLES, "Научно-технический отчёт этапа"]),
                          st.integers(0, 500)), max_size=10))
def test_nk38_judges_every_project_once_and_names_another_owner(rows):
    reports = [_report(i + 1, pid, pid or 5, sha=sha, deliverables=text, submitted=date(2024, 1, 1) + timedelta(days=d)) for i, (pid, sha, text, d) in enumerate(rows)]
    out = _nk38(reports)
    assert sorted(out["subject_id"].to_list()) == sorted({r["project_id"] for r in reports if r["project_id"] is not None})
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert evidence["other_project_code"] != next(p["code"] for p in PROJECTS if p["project_id"] == row["subject_id"])
        assert all(explain(NK38, evidence, lang) for lang in LANGS)


# -- the stage_reports frame read from the database -----------------------------------------------------


@pytest.mark.django_db
def test_the_stage_reports_frame_holds_the_reports_kept_for_each_stage(build, settings, tmp_path):
    from niokr.control.extract import extract_frames
    from niokr.control.holdout_lifecycle import report_docx
    from niokr.control.stage_reports import TEXTS
    from niokr.core.files import keep_file
    from niokr.projects.models import AcceptanceAct, Agreement, Payment, Project, Stage

    settings.DATA_DIR = tmp_path
    text = "Научно-технический отчёт\nЛабораторные испытания полимерного раствора на керне"
    kept, _path = keep_file("stage-reports", report_docx(text))

    payer, performer = build.org(), build.org(kind="research_institute", name="НИИ")
    project = Project.objects.create(code="SR-2025-01", title_kk="Жоба", title_ru="Проект", title_en="Project", performer=performer, priority_direction="greentech",
                                     start_date=date(2025, 1, 10), end_date=date(2025, 12, 31), status="in_progress")
    agreement = Agreement.objects.create(payer=payer, performer=performer, number="СР-1/2025", signed_on=date(2025, 1, 10), subject="НИР", amount=Decimal("5000000.00"),
                                         period_start=date(2025, 1, 10), period_end=date(2025, 12, 31), project=project)
    handed = Stage.objects.create(agreement=agreement, number=1, title="Лабораторные испытания", start_date=date(2025, 1, 10), end_date=date(2025, 6, 30),
                                  amount=Decimal("2000000.00"), deliverables=DELIVERABLES, report_name="Отчёт.docx", report_sha256=kept, status="accepted")
    Stage.objects.filter(pk=handed.pk).update(submitted_at=handed.created_at.replace(year=2025, month=6, day=20))
    AcceptanceAct.objects.create(stage=handed, number="АКТ-1", signed_on=date(2025, 7, 3), amount=Decimal("2000000.00"), report_name="Акт.pdf", report_sha256=SHA_B)
    planned = Stage.objects.create(agreement=agreement, number=2, title="Опытная установка", start_date=date(2025, 7, 1), end_date=date(2025, 12, 31), amount=Decimal("3000000.00"))
    paid = Payment.objects.create(agreement=agreement, right=build.right(payer), paid_on=date(2025, 7, 10), amount=Decimal("2000000.00"), purpose="Оплата этапа 1",
                                  document_number="ПП-17", stage=handed)
    Payment.objects.create(agreement=agreement, right=paid.right, paid_on=date(2025, 7, 12), amount=Decimal("10.00"), purpose="Комиссия", document_number="ПП-18")
    frame = extract_frames(as_of=date(2026, 1, 1))["stage_reports"]
    assert frame.schema == pl.Schema(FRAME_SCHEMAS["stage_reports"])
    rows = {r["stage_id"]: r for r in frame.iter_rows(named=True)}
    assert rows[handed.pk] == {
        "stage_id": handed.pk, "agreement_id": agreement.pk, "project_id": project.pk, "number": 1, "title": "Лабораторные испытания", "deliverables": DELIVERABLES,
        "report_name": "Отчёт.docx", "report_sha256": kept, "submitted_on": date(2025, 6, 20), "act_report_sha256": SHA_B, "act_signed_on": date(2025, 7, 3),
        "report_text": text, "payment_ids": [paid.pk],
    }
    assert (tmp_path / TEXTS / f"{kept}.txt").read_text(encoding="utf-8") == text  # read once, then from the cache
    assert rows[planned.pk]["report_sha256"] == "" and rows[planned.pk]["act_report_sha256"] == "" and rows[planned.pk]["submitted_on"] is None
    assert rows[planned.pk]["report_text"] == "" and rows[planned.pk]["payment_ids"] == []


# -- the module as catalogue entries -------------------------------------------------------------------


def test_the_entries_are_complete_in_three_languages_and_registered():
    codes = {i.code: i for i in catalogue()}
    for indicator, truth in ((NK36, "act_paid_twice"), (NK37, "result_claimed_twice"), (NK38, "stage_report_reused")):
        assert codes[indicator.code] is indicator and indicator.truth_codes == (truth,) and indicator.subject_type in SUBJECT_TYPES and 1 <= indicator.weight <= 100
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == set(LANGS) and all(texts[lang].strip() for lang in LANGS)
            assert set("әғқңөұүһі") & set(texts["kk"]) and re.search("[а-яё]", texts["ru"])
        fields = {lang: {n.removesuffix(f"_{lang}") for _t, n, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if n} for lang in LANGS}
        assert fields["kk"] == fields["ru"] == fields["en"], indicator.code
        for t in indicator.thresholds:
            assert set("әғқңөұүһі") & set(t.describe("kk")) and re.search("[а-яё]", t.describe("ru")) and not re.search("[а-яё]", t.describe("en"))


def test_the_module_imports_only_what_the_engine_may():
    tree = ast.parse(Path(delivery.__file__).read_text(encoding="utf-8"))
    allowed = {"polars", "numpy", "scipy", "sklearn", "__future__", "collections", "functools", "typing", "json", "re", "datetime"}
    for node in ast.walk(tree):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for module in modules:
            assert module.split(".")[0] in allowed or module.startswith(("niokr.control.indicators", "niokr.core.docnumbers")), module


def test_the_scenarios_fire():
    for code, frames in frames_that_fire().items():
        indicator = {i.code: i for i in delivery.INDICATORS}[code]
        out = evaluate(indicator, frames)
        assert out.filter(pl.col("status") == "flagged").height >= 1, code


def test_report_texts_are_read_from_docx_odt_and_rtf_and_kept_by_hash(settings, tmp_path):
    import io
    import zipfile

    from niokr.control.holdout_lifecycle import report_docx
    from niokr.control.stage_reports import LIMIT, TEXTS, text_of
    from niokr.core.files import keep_file

    settings.DATA_DIR = tmp_path
    docx, _p = keep_file("stage-reports", report_docx("Отчёт о НИР\nЭтап 1 &amp; этап 2 < 3"))
    assert text_of(docx) == "Отчёт о НИР\nЭтап 1 &amp; этап 2 < 3" and (tmp_path / TEXTS / f"{docx}.txt").is_file()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("content.xml", '<office:document-content><office:body><text:p>Полимерное заводнение</text:p><text:p>Кумколь</text:p></office:body></office:document-content>')
    odt, _p = keep_file("stage-reports", buf.getvalue())
    assert text_of(odt) == "Полимерное заводнение\nКумколь"
    rtf, _p = keep_file("stage-reports", rb"{\rtf1\ansi\ansicpg1251 {\fonttbl{\f0 Arial;}}\f0 \'ce\'f2\'f7\'b8\'f2\par \u1069?\u1090?\u1072?\u1087? 2}")
    assert text_of(rtf).endswith("Отчёт\nЭтап 2")
    pdf, _p = keep_file("stage-reports", b"%PDF-1.7 binary")
    assert text_of(pdf) == "" and text_of("../../etc/passwd") == "" and text_of("0" * 64) == ""  # not kept: no text, nothing cached
    assert not (tmp_path / TEXTS / f"{'0' * 64}.txt").exists()
    long, _p = keep_file("stage-reports", report_docx("слово " * 2000))
    assert len(text_of(long)) == LIMIT
