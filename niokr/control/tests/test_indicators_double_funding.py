"""NK-33 the same work funded by two subsoil users, NK-34 the same work counted toward two rights, NK-35 a
direct payment that is the same money as a budget transfer — and how a subject is read."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import catalogue, double_funding
from niokr.control.indicators.base import SUBJECT_TYPES, Frames, evaluate, explain, format_money
from niokr.control.indicators.double_funding import NK33, NK34, NK35, TextSpace, fold, mentions_budget, names_in, read_text

AS_OF = date(2025, 6, 1)
ONE, TWO, THREE, INSTITUTE, SISTER, OTHER_INSTITUTE = 1, 2, 3, 10, 11, 12
ORGS = [
    {"org_id": ONE, "bin": "150340000109", "kind": "subsoil_user", "name": "ТОО «Бір Мұнай»"},
    {"org_id": TWO, "bin": "160440000208", "kind": "subsoil_user", "name": "ТОО «Екі Газ»"},
    {"org_id": THREE, "bin": "170540000307", "kind": "subsoil_user", "name": "АО «Үш Кен»"},
    {"org_id": INSTITUTE, "bin": "050140000456", "kind": "research_institute", "name": "НИИ «Зерттеу»"},
    {"org_id": SISTER, "bin": "060240000567", "kind": "company", "name": "ТОО «Зерттеу Сервис»"},
    {"org_id": OTHER_INSTITUTE, "bin": "070340000678", "kind": "university", "name": "Университет «Ғылым»"},
]
LANGS = ("kk", "ru", "en")

#: One topic at one field, as a schemer writes it again (the same work) …
RU = "Выполнение научно-исследовательских и опытно-конструкторских работ по теме «Разработка технологии полимерного заводнения для повышения нефтеотдачи пластов (месторождение Кумколь)», 2024 год"
REORDERED = "НИОКР 2025: технология полимерного заводнения, разработка — повышение нефтеотдачи пластов месторождения Кумколь"
KK = "Мұнай бергіштікті арттыру үшін полимерлі су айдау технологиясын әзірлеу (Құмкөл кен орны)"
EN = "R&D works on “Polymer flooding technology for enhanced oil recovery (Kumkol field)”"
LATIN = "Razrabotka tekhnologii polimernogo zavodneniya dlya povysheniya nefteotdachi plastov (mestorozhdenie Kumkol')"
HOMOGLYPHS = "Рaзрaботкa технологии полимерного зaводнения для повышения нефтеотдaчи плaстов (месторождение Кумколь)"  # Latin «a» typed
#: … and look-alikes that are other works.
OTHER_FIELD = "Выполнение НИОКР по теме «Разработка технологии полимерного заводнения для повышения нефтеотдачи пластов (месторождение Сарыбулак Южный)»"
OTHER_TOPIC = "Выполнение НИОКР по теме «Разработка системы мониторинга коррозии промысловых трубопроводов (месторождение Кумколь)»"
FOLLOW_UP = "Продолжение работ по договору № НИОКР-0001: разработка технологии полимерного заводнения для повышения нефтеотдачи пластов (месторождение Кумколь)"
BACKGROUND = [
    "Выполнение НИОКР по теме «Очистка и повторное использование пластовой воды (месторождение Каратобе)»",
    "Выполнение НИОКР по теме «Создание цифрового двойника месторождения для оптимизации режимов добычи (месторождение Акжар)»",
    "Выполнение НИОКР по теме «Кучное выщелачивание золота из бедных окисленных руд (месторождение Бестау)»",
    "Выполнение НИОКР по теме «Телемедицинская платформа для работников вахтовых посёлков (Атырауская область)»",
]


def _agreement(agreement_id, payer, subject, *, performer=INSTITUTE, signed=date(2024, 2, 1), end=date(2024, 12, 31), number=None,
               amount=150_000_000_00, project=None) -> dict:
    return {
        "agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": number or f"НИОКР-{agreement_id}",
        "signed_on": signed, "period_start": signed, "period_end": end, "amount": amount, "project_id": project, "subject": subject,
    }


def _background(first_id=900) -> list[dict]:
    return [_agreement(first_id + i, THREE, text, performer=OTHER_INSTITUTE) for i, text in enumerate(BACKGROUND)]


def _payment(payment_id, agreement_id, payer, amount, paid_on, *, right=1, right_number="1613-УВС", number=None, purpose="Оплата НИОКР", performer=INSTITUTE) -> dict:
    return {
        "payment_id": payment_id, "agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "right_id": right, "right_number": right_number,
        "paid_on": paid_on, "amount": amount, "document_number": number or f"ПП-{payment_id}", "purpose": purpose, "year": paid_on.year,
    }


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which each indicator of the module fires (for the reading test of the whole catalogue)."""
    return {
        "NK-33": Frames.build(AS_OF, organisations=ORGS, agreements=[_agreement(1, ONE, RU), _agreement(2, TWO, KK, signed=date(2024, 3, 15)), *_background()]),
        "NK-34": Frames.build(AS_OF, organisations=ORGS, agreements=[_agreement(1, ONE, RU), _agreement(2, ONE, EN, signed=date(2024, 2, 20))], payments=[
            _payment(1, 1, ONE, 75_000_000_00, date(2024, 6, 3), right=1, right_number="1613-УВС"), _payment(2, 2, ONE, 75_000_000_00, date(2024, 6, 20), right=2, right_number="1699-УВС"),
        ]),
        "NK-35": Frames.build(AS_OF, organisations=ORGS, payments=[_payment(1, 1, ONE, 328_443_100_00, date(2025, 3, 14), number="123")],
                              transfers=[_transfer(1, ONE, "ПП-2025-000123", date(2025, 3, 12), 328_443_100_00)]),
    }


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def _evidence(out: pl.DataFrame, subject: int) -> dict:
    return json.loads(out.filter(pl.col("subject_id") == subject)["evidence"][0])


# -- reading a subject -------------------------------------------------------------------------------


def test_a_subject_is_read_the_same_in_three_languages_in_latin_letters_and_with_look_alike_letters():
    assert fold("Рaзработка") == fold("Разработка") == fold("Razrabotka") == "rasrabotka"
    assert read_text(HOMOGLYPHS)[:2] == read_text(RU.replace(", 2024 год", "").replace("Выполнение научно-исследовательских и опытно-конструкторских работ по теме «", "").replace("»", ""))[:2]
    words, names, count = read_text(KK)
    assert {"develop", "technology", "polymer", "flooding", "oilrecovery"} <= set(words.split()) and names == "kmkl" and count >= 6
    assert read_text("НИОКР 2024")[2] == 0 and read_text("Научно-исследовательские работы")[2] == 0
    space = TextSpace([RU, REORDERED, KK, EN, LATIN, HOMOGLYPHS, OTHER_FIELD, OTHER_TOPIC, *BACKGROUND])
    words, names = space.scores([RU] * 7, [REORDERED, KK, EN, LATIN, HOMOGLYPHS, OTHER_FIELD, OTHER_TOPIC])
    assert all(w >= 0.75 and n >= 0.5 for w, n in zip(words[:5], names[:5], strict=True)), (words, names)
    assert names[5] < 0.5 and words[6] < 0.5  # the same topic at another field; another topic at the same field


def test_names_in_finds_an_agreement_number_or_a_project_code():
    assert names_in("Продолжение работ по договору № НИОКР-000017 от 01.02.2023", "НИОКР-17")
    assert names_in("Второй этап проекта PRJ-2023-000123", None, "PRJ-2023-000123")
    assert not names_in("Полимерное заводнение, 2024", "НИОКР-17", "PRJ-2023-000123")


def test_a_purpose_naming_the_budget():
    assert mentions_budget("Перечисление 1% в республиканский бюджет, КБК 401103")
    assert mentions_budget("Ғылымға 1 % бюджетке аудару")
    assert not mentions_budget("Оплата НИОКР согласно бюджету проекта") and not mentions_budget("Оплата по договору № 5")


# -- NK-33 -------------------------------------------------------------------------------------------


def _nk33(agreements, payments=None, affiliations=None, projects=None, **overrides) -> pl.DataFrame:
    frames = Frames.build(AS_OF, agreements=[*agreements, *_background()], payments=payments, affiliations=affiliations, projects=projects, organisations=ORGS)
    return evaluate(NK33, frames, overrides)


@pytest.mark.parametrize("rewritten", [REORDERED, KK, EN, LATIN, HOMOGLYPHS], ids=["reworded", "kazakh", "english", "transliterated", "look-alike letters"])
def test_the_same_work_funded_by_two_subsoil_users_is_flagged_on_the_later_agreement(rewritten):
    out = _nk33([_agreement(1, ONE, RU), _agreement(2, TWO, rewritten, signed=date(2024, 3, 15), end=date(2025, 3, 31), amount=140_000_000_00)])
    status = _status(out)
    assert status[1] == ("flagged", None) and status[2] == ("flagged", None)  # both payers counted it; the later is at stake
    first = out.filter(pl.col("subject_id") == 1).row(0, named=True)
    assert first["amount"] == 0 and _evidence(out, 1)["first_occurrence"] is True and _evidence(out, 1)["other_agreement_id"] == 2
    row = out.filter(pl.col("subject_id") == 2).row(0, named=True)
    assert row["amount"] == 140_000_000_00 and row["payer_id"] == TWO
    evidence = _evidence(out, 2)
    assert evidence["other_agreement_id"] == 1 and evidence["other_payer_bin"] == "150340000109" and evidence["overlap_days"] == 292
    assert evidence["first_occurrence"] is False and evidence["gap_days"] == 0
    assert evidence["similarity"] >= 0.75 and evidence["names_score"] >= 0.5
    texts = {lang: explain(NK33, row["evidence"], lang) for lang in LANGS}
    assert "НИОКР-2" in texts["ru"] and "НИОКР-1" in texts["ru"] and "01.02.2024" in texts["ru"] and "одну работу финансируют два недропользователя" in texts["ru"]
    assert "бір жұмысты екі жер қойнауын пайдаланушы қаржыландырады" in texts["kk"] and "292 күн" in texts["kk"]
    assert "этот договор — более ранний" in explain(NK33, first["evidence"], "ru")
    assert "one work funded by two subsoil users" in texts["en"] and "₸140,000,000.00" in texts["en"] and "160440000208" in texts["en"]


def test_an_affiliate_of_the_performer_counts_as_the_performer():
    owner = [{"source_id": INSTITUTE, "target_id": SISTER, "kind": "owner", "valid_from": date(2020, 1, 1), "valid_to": None, "share": 100.0}]
    agreements = [_agreement(1, ONE, RU), _agreement(2, TWO, EN, performer=SISTER, signed=date(2024, 4, 1))]
    assert _status(_nk33(agreements, affiliations=owner))[2] == ("flagged", None)
    assert _status(_nk33(agreements))[2] == ("clear", None)  # unrelated performers: two studies


def test_unrelated_performers_quoting_the_same_figures_are_one_work_and_other_figures_two():
    subject = "Разработка методики прогноза устойчивости бортов карьера глубиной {} м"
    english = "A method for predicting the stability of the walls of an open pit {} m deep"
    agreements = [_agreement(1, ONE, subject.format(420)), _agreement(2, TWO, english.format(420), performer=OTHER_INSTITUTE, signed=date(2024, 4, 1)),
                  _agreement(3, THREE, subject.format(560), performer=SISTER, signed=date(2024, 4, 1))]
    assert {k: v[0] for k, v in _status(_nk33(agreements)).items() if k < 900} == {1: "flagged", 2: "flagged", 3: "clear"}


def test_one_agreement_registered_by_both_payers_is_co_funding_unless_each_paid_the_whole():
    shared = {"number": "ТР-5/2024", "signed": date(2024, 2, 1)}
    agreements = [_agreement(1, ONE, RU, amount=100_000_000_00, **shared), _agreement(2, TWO, RU, amount=100_000_000_00, **shared)]
    shares = [_payment(1, 1, ONE, 60_000_000_00, date(2024, 5, 1)), _payment(2, 2, TWO, 40_000_000_00, date(2024, 5, 3))]
    assert set(_nk33(agreements, shares)["status"].to_list()) == {"clear"}
    whole = [_payment(1, 1, ONE, 100_000_000_00, date(2024, 5, 1)), _payment(2, 2, TWO, 100_000_000_00, date(2024, 5, 3))]
    out = _nk33(agreements, whole)
    assert _status(out)[2] == ("flagged", None) and out.filter(pl.col("subject_id") == 2)["amount"][0] == 100_000_000_00
    assert _status(out)[1] == ("flagged", None) and out.filter(pl.col("subject_id") == 1)["amount"][0] == 0
    evidence = _evidence(out, 2)
    assert "similarity" not in evidence and "оба" not in evidence["finding_ru"] and "зарегистрированный обоими недропользователями" in evidence["finding_ru"]
    assert "₸200,000,000.00" in explain(NK33, evidence, "en")


def test_look_alikes_of_double_funding_stay_quiet():
    out = _nk33([
        _agreement(1, ONE, RU), _agreement(2, TWO, OTHER_FIELD, signed=date(2024, 3, 1)),  # the same topic at another field
        _agreement(3, TWO, OTHER_TOPIC, signed=date(2024, 3, 1)),  # another topic at the same field
        # a follow-up of another payer naming its predecessor
        _agreement(5, THREE, FOLLOW_UP, signed=date(2024, 6, 1), end=date(2025, 5, 31)),
        _agreement(6, THREE, KK, signed=date(2026, 3, 1), end=date(2026, 12, 31)),  # the same work two years on: beyond the gap
    ])
    assert {k: v[0] for k, v in _status(out).items() if k < 900} == {1: "clear", 2: "clear", 3: "clear", 5: "clear", 6: "clear"}
    # a subcontract: the first performer passes the work on as a payer itself (NK-20's question, not a second funder)
    pit = "Разработка методики прогноза устойчивости бортов карьера глубиной 420 м"
    onward = [_agreement(1, ONE, pit), _agreement(2, INSTITUTE, "Субподряд: " + pit, performer=SISTER, signed=date(2024, 3, 1))]
    assert {k: v for k, v in _status(_nk33(onward)).items() if k < 900} == {1: ("clear", None), 2: ("clear", None)}
    second = [_agreement(1, ONE, pit), _agreement(2, TWO, "Субподряд: " + pit, performer=SISTER, signed=date(2024, 3, 1))]  # another payer: a second funder
    assert {k: v for k, v in _status(_nk33(second)).items() if k < 900} == {1: ("flagged", None), 2: ("flagged", None)}
    # the same payer twice is NK-34's question
    assert _status(_nk33([_agreement(1, ONE, RU), _agreement(4, ONE, EN, signed=date(2024, 4, 1))]))[4] == ("clear", None)
    # the follow-up reads as the same work: only naming its predecessor keeps it quiet
    assert _status(_nk33([_agreement(1, ONE, RU), _agreement(5, THREE, FOLLOW_UP.replace("по договору № НИОКР-0001", ""), signed=date(2024, 6, 1))]))[5][0] == "flagged"


def test_two_stages_of_one_project_are_two_works():
    stage = "Полимерное заводнение для повышения нефтеотдачи пластов, месторождение Кумколь, этап {}"
    out = _nk33([_agreement(1, ONE, stage.format(1), project=7), _agreement(2, TWO, stage.format(2), project=7, signed=date(2024, 3, 1))])
    assert _status(out)[2] == ("clear", None)


def test_thresholds_and_not_computable():
    agreements = [_agreement(1, ONE, RU), _agreement(2, TWO, KK, signed=date(2024, 3, 1)), _agreement(3, TWO, "НИОКР"), _agreement(4, TWO, RU, performer=None)]
    out = _nk33(agreements)
    assert _status(out)[3] == ("not_computable", "no_subject") and _status(out)[4] == ("not_computable", "performer_unknown")
    # a one-company run reads no other payer's subject: its agreements cannot be compared with theirs
    unread = _nk33([_agreement(1, ONE, RU), _agreement(2, TWO, "", signed=date(2024, 3, 1))])
    assert _status(unread)[1] == ("not_computable", "other_subject_unknown") and _status(unread)[2] == ("not_computable", "no_subject")
    assert _status(_nk33(agreements, subject_similarity=0.999))[2] == ("clear", None)
    assert json.loads(evaluate(NK33, Frames.build(AS_OF, agreements=agreements), {"max_gap_days": 30}).filter(pl.col("status") == "flagged")["evidence"][0])["max_gap_days"] == 30
    later = [_agreement(1, ONE, RU), _agreement(2, TWO, KK, signed=date(2025, 3, 1), end=date(2025, 12, 31))]  # sold again 60 days after
    assert _status(_nk33(later))[2] == ("flagged", None) and _status(_nk33(later, max_gap_days=30))[2] == ("clear", None)
    assert "более поздний начался через 60 дн. после окончания более раннего" in explain(NK33, _nk33(later).filter(pl.col("subject_id") == 2)["evidence"][0], "ru")
    missing = evaluate(NK33, Frames.build(AS_OF, payments=[]))
    assert missing["reason"].to_list() == ["frame_missing:agreements"]


# -- NK-34 -------------------------------------------------------------------------------------------

R1, R2 = (1, "1613-УВС"), (2, "1699-УВС")


def _nk34(agreements, payments, **overrides) -> pl.DataFrame:
    frames = Frames.build(AS_OF, agreements=[*agreements, *_background()], payments=payments, organisations=ORGS)
    return evaluate(NK34, frames, overrides)


def test_the_same_work_registered_once_per_right_is_flagged():
    agreements = [_agreement(1, ONE, RU), _agreement(2, ONE, LATIN, signed=date(2024, 2, 20), number="НИОКР-2/У")]
    payments = [
        _payment(1, 1, ONE, 75_000_000_00, date(2024, 6, 3), right=R1[0], right_number=R1[1]),
        _payment(2, 2, ONE, 75_000_000_00, date(2024, 6, 20), right=R2[0], right_number=R2[1]),
    ]
    out = _nk34(agreements, payments)
    assert _status(out)[1] == ("flagged", None) and _status(out)[2] == ("flagged", None)
    assert out.filter(pl.col("subject_id") == 1)["amount"][0] == 0
    row = out.filter(pl.col("subject_id") == 2).row(0, named=True)
    evidence = json.loads(row["evidence"])
    assert evidence["right_numbers"] == ["1699-УВС"] and evidence["other_right_numbers"] == ["1613-УВС"] and row["amount"] == 75_000_000_00
    texts = {lang: explain(NK34, row["evidence"], lang) for lang in LANGS}
    assert "засчитанный по правам недропользования 1699-УВС" in texts["ru"] and "одна работа засчитана по двум правам" in texts["ru"] and "НИОКР-1" in texts["ru"]
    assert "бір жұмыс екі құқық бойынша есептелген" in texts["kk"]
    assert "one work counted toward two rights" in texts["en"] and "(1613-УВС)" in texts["en"]


def test_one_agreement_paid_in_full_under_each_of_two_rights_is_flagged():
    agreements = [_agreement(1, ONE, RU, amount=100_000_000_00)]
    payments = [
        _payment(1, 1, ONE, 50_000_000_00, date(2024, 4, 1), right=R1[0], right_number=R1[1]),
        _payment(2, 1, ONE, 50_000_000_00, date(2024, 9, 1), right=R1[0], right_number=R1[1]),
        _payment(3, 1, ONE, 100_000_000_00, date(2024, 10, 1), right=R2[0], right_number=R2[1], number="ПП-9001"),
    ]
    out = _nk34(agreements, payments)
    row = out.filter(pl.col("subject_id") == 1).row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == 100_000_000_00
    evidence = json.loads(row["evidence"])
    assert evidence["rights_count"] == 2 and evidence["right_numbers"] == ["1613-УВС", "1699-УВС"]
    money = format_money(100_000_000_00, "ru")
    assert f"весь договор засчитан по каждому из 2 прав: № 1613-УВС — {money}; № 1699-УВС — {money}" in explain(NK34, evidence, "ru")
    assert "бүкіл шарт 2 құқықтың әрқайсысы бойынша есептелген" in explain(NK34, evidence, "kk")


def test_look_alikes_of_two_rights_stay_quiet():
    agreements = [
        _agreement(1, ONE, RU, amount=100_000_000_00),
        _agreement(2, ONE, RU, signed=date(2025, 1, 15), end=date(2025, 12, 31)),  # next year's continuation: no overlap
        _agreement(3, ONE, KK, signed=date(2024, 2, 10)),  # the same work under the same right: not two rights
        _agreement(4, ONE, OTHER_FIELD, signed=date(2024, 2, 10)),  # another field, another right
    ]
    payments = [
        _payment(1, 1, ONE, 60_000_000_00, date(2024, 4, 1), right=R1[0], right_number=R1[1]),  # split between two rights
        _payment(2, 1, ONE, 40_000_000_00, date(2024, 9, 1), right=R2[0], right_number=R2[1]),
        _payment(3, 2, ONE, 50_000_000_00, date(2025, 3, 1), right=R2[0], right_number=R2[1]),
        _payment(4, 3, ONE, 50_000_000_00, date(2024, 5, 1), right=R1[0], right_number=R1[1]),
        _payment(5, 4, ONE, 50_000_000_00, date(2024, 5, 1), right=R2[0], right_number=R2[1]),
    ]
    assert {k: v for k, v in _status(_nk34(agreements, payments)).items() if k < 900} == {1: ("clear", None), 2: ("clear", None), 3: ("clear", None), 4: ("clear", None)}


def test_a_copy_of_one_document_under_another_right_is_nk06s_not_nk34s():
    agreements = [_agreement(1, ONE, RU, amount=100_000_000_00)]
    payments = [
        _payment(1, 1, ONE, 100_000_000_00, date(2024, 4, 1), right=R1[0], right_number=R1[1], number="ПП-000123"),
        _payment(2, 1, ONE, 100_000_000_00, date(2024, 4, 1), right=R2[0], right_number=R2[1], number="пп 123"),
    ]
    assert _status(_nk34(agreements, payments))[1] == ("clear", None)


def test_an_agreement_without_payments_is_not_computable():
    out = _nk34([_agreement(1, ONE, RU)], [])
    assert _status(out)[1] == ("not_computable", "no_payments")


# -- NK-35 -------------------------------------------------------------------------------------------


def _transfer(transfer_id, payer, number, paid_on, amount, *, right_number="1613-УВС", confirmed=True) -> dict:
    return {"transfer_id": transfer_id, "payer_id": payer, "right_id": 1, "order_number": number, "paid_on": paid_on, "amount": amount,
            "year": paid_on.year, "treasury_confirmed": confirmed, "right_number": right_number}


def _nk35(payments, transfers, **overrides) -> pl.DataFrame:
    return evaluate(NK35, Frames.build(AS_OF, payments=payments, transfers=transfers, organisations=ORGS), overrides)


def test_a_payment_with_the_transfers_number_and_amount_is_the_same_money():
    transfers = [_transfer(1, ONE, "ПП-2025-000123", date(2025, 3, 12), 328_443_100_00)]
    out = _nk35([_payment(1, 1, ONE, 328_443_100_00, date(2025, 3, 14), number="123")], transfers)
    row = out.row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == 328_443_100_00
    evidence = json.loads(row["evidence"])
    assert evidence["transfer_id"] == 1 and evidence["days_apart"] == 2 and evidence["treasury_confirmed"] is True
    texts = {lang: explain(NK35, row["evidence"], lang) for lang in LANGS}
    assert "перечисление в бюджет ПП-2025-000123" in texts["ru"] and "номер документа — номер поручения на перечисление (123 / ПП-2025-000123)" in texts["ru"]
    assert "суммы совпадают в пределах допуска, разница дат в днях: 2." in texts["ru"]
    assert "құжат нөмірі аударым тапсырмасының нөмірі" in texts["kk"] and "бюджетке аударымымен бір ақша" in texts["kk"]
    assert "is the same money as budget transfer ПП-2025-000123" in texts["en"] and "₸328,443,100.00" in texts["en"]


def test_a_payment_whose_purpose_names_the_budget_is_the_same_money():
    transfers = [_transfer(1, ONE, "ПП-77", date(2025, 3, 12), 50_000_000_00)]
    out = _nk35([_payment(1, 1, ONE, 50_000_000_00, date(2025, 3, 15), number="ПП-78", purpose="Перечисление 1% в бюджет, КБК 401103")], transfers)
    assert _status(out)[1] == ("flagged", None)
    assert "в назначении платежа названо перечисление в бюджет" in explain(NK35, out["evidence"][0], "ru")


def test_a_part_of_a_transfer_reported_under_its_order_or_naming_it_is_the_same_money():
    transfers = [_transfer(1, ONE, "ПП-2026-000111", date(2026, 3, 2), 80_000_000_00)]
    payments = [
        _payment(1, 1, ONE, 40_000_000_00, date(2026, 3, 20), number="пп 2026-000111"),  # its order number written another way, a half
        _payment(2, 1, ONE, 30_000_000_00, date(2026, 3, 25), number="Д-77", purpose="R&D funding, budget classification code 401103, order ПП-2026-000111"),
        _payment(3, 1, ONE, 80_000_000_00, date(2026, 3, 6), number="Д-78", purpose="Перечисление на финансирование научных исследований через уполномоченный орган"),
        _payment(4, 1, ONE, 20_000_000_00, date(2026, 3, 4), number="111"),  # only its digits: a part needs the whole number
    ]
    out = _nk35(payments, transfers)
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("flagged", None), 4: ("clear", None)}
    assert "платёж — часть перечисления" in explain(NK35, out.filter(pl.col("subject_id") == 1)["evidence"][0], "ru")
    assert "the payment's purpose names the transfer order (ПП-2026-000111)" in explain(NK35, out.filter(pl.col("subject_id") == 2)["evidence"][0], "en")
    assert "в назначении платежа названо перечисление в бюджет" in explain(NK35, out.filter(pl.col("subject_id") == 3)["evidence"][0], "ru")


def test_look_alikes_of_the_same_money_stay_quiet():
    transfers = [_transfer(1, ONE, "ПП-500", date(2025, 3, 12), 50_000_000_00), _transfer(2, TWO, "ПП-600", date(2025, 3, 12), 70_000_000_00)]
    payments = [
        _payment(1, 1, ONE, 50_000_000_00, date(2025, 3, 12), number="ПП-501"),  # the same amount and day, its own document
        _payment(2, 1, ONE, 50_000_000_00, date(2025, 4, 12), number="ПП-502"),  # a repeat a month on
        _payment(3, 1, ONE, 51_000_000_00, date(2025, 3, 12), number="ПП-500"),  # the same number, another amount
        _payment(4, 1, ONE, 70_000_000_00, date(2025, 3, 12), number="ПП-600"),  # another payer's transfer
        _payment(5, 1, ONE, 50_000_000_00, date(2025, 5, 20), number="ПП-500"),  # the same number, months apart
        _payment(6, 1, ONE, 50_000_000_00, date(2025, 3, 25), number="ПП-503", purpose="Перечисление в бюджет"),  # beyond the window
    ]
    assert _status(_nk35(payments, transfers)) == {i: ("clear", None) for i in range(1, 7)}
    assert _status(_nk35(payments, transfers, purpose_window_days=14))[6] == ("flagged", None)


def test_a_payment_without_a_date_is_not_computable():
    out = _nk35([_payment(1, 1, ONE, 50_000_000_00, date(2025, 3, 12)) | {"paid_on": None}], [_transfer(1, ONE, "ПП-1", date(2025, 3, 12), 50_000_000_00)])
    assert _status(out) == {1: ("not_computable", "no_payment_date")}


# -- properties ---------------------------------------------------------------------------------------

SUBJECTS = [RU, REORDERED, KK, EN, LATIN, OTHER_FIELD, OTHER_TOPIC, *BACKGROUND, "НИОКР", ""]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([ONE, TWO, THREE]), st.sampled_from(SUBJECTS), st.integers(0, 700), st.integers(30, 400),
                          st.sampled_from([INSTITUTE, SISTER, None])), max_size=10))
def test_nk33_and_nk34_judge_every_agreement_once_and_put_only_the_later_at_stake(rows):
    agreements = [
        _agreement(i + 1, payer, subject, performer=performer, signed=date(2023, 1, 1) + timedelta(days=start), end=date(2023, 1, 1) + timedelta(days=start + length))
        for i, (payer, subject, start, length, performer) in enumerate(rows)
    ]
    payments = [_payment(i + 1, a["agreement_id"], a["payer_id"], 10_000_000_00, a["signed_on"], right=1 + i % 2, right_number=f"R-{1 + i % 2}") for i, a in enumerate(agreements)]
    by_id = {a["agreement_id"]: a for a in agreements}
    for indicator in (NK33, NK34):
        out = evaluate(indicator, Frames.build(AS_OF, agreements=agreements, payments=payments, organisations=ORGS))
        assert sorted(out["subject_id"].to_list()) == sorted(by_id)
        for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
            evidence = json.loads(row["evidence"])
            assert all(explain(indicator, evidence, lang) for lang in LANGS)
            if "other_agreement_id" in evidence:
                me, other = by_id[row["subject_id"]], by_id[evidence["other_agreement_id"]]
                earlier = (other["signed_on"], other["agreement_id"]) < (me["signed_on"], me["agreement_id"])
                if evidence["first_occurrence"]:
                    assert not earlier and row["amount"] == 0  # the earlier of its pair counts
                else:
                    assert earlier
                assert (other["payer_id"] == me["payer_id"]) is (indicator is NK34)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from([50_000_000_00, 50_000_000_50, 70_000_000_00]), st.sampled_from(["ПП-500", "500", "ПП-9", "ПП-2025-000500"]),
                          st.sampled_from(["Оплата НИОКР", "В бюджет КБК 401103"])), max_size=12))
def test_nk35_judges_every_payment_once_and_flags_only_matching_amounts(rows):
    transfers = [_transfer(1, ONE, "ПП-500", date(2025, 3, 12), 50_000_000_00)]
    payments = [_payment(i + 1, 1, ONE, amount, date(2025, 3, 1) + timedelta(days=day), number=number, purpose=purpose) for i, (day, amount, number, purpose) in enumerate(rows)]
    out = _nk35(payments, transfers)
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
    for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert abs(evidence["amount_tiyn"] - 50_000_000_00) <= 100 and evidence["days_apart"] <= 31
        assert all(explain(NK35, evidence, lang) for lang in LANGS)


# -- the module as catalogue entries -------------------------------------------------------------------


def test_the_entries_are_complete_in_three_languages_and_registered():
    codes = {i.code: i for i in catalogue()}
    for indicator, truth in ((NK33, "double_funding_two_payers"), (NK34, "same_work_two_rights"), (NK35, "direct_and_budget_same_money")):
        assert codes[indicator.code] is indicator and indicator.truth_codes == (truth,) and indicator.subject_type in SUBJECT_TYPES and 1 <= indicator.weight <= 100
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == set(LANGS) and all(texts[lang].strip() for lang in LANGS)
            assert set("әғқңөұүһі") & set(texts["kk"]) and re.search("[а-яё]", texts["ru"])
        fields = {lang: {n.removesuffix(f"_{lang}") for _t, n, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if n} for lang in LANGS}
        assert fields["kk"] == fields["ru"] == fields["en"], indicator.code
        for t in indicator.thresholds:
            assert set("әғқңөұүһі") & set(t.describe("kk")) and re.search("[а-яё]", t.describe("ru")) and not re.search("[а-яё]", t.describe("en"))


def test_the_module_imports_only_what_the_engine_may():
    tree = ast.parse(Path(double_funding.__file__).read_text(encoding="utf-8"))
    allowed = {"polars", "numpy", "scipy", "sklearn", "__future__", "collections", "functools", "typing", "json", "re", "datetime", "threading"}
    for node in ast.walk(tree):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for module in modules:
            assert module.split(".")[0] in allowed or module.startswith(("niokr.control.indicators", "niokr.core.docnumbers")), module


def test_the_scenarios_fire():
    for code, frames in frames_that_fire().items():
        indicator = {i.code: i for i in double_funding.INDICATORS}[code]
        out = evaluate(indicator, frames)
        assert out.filter(pl.col("status") == "flagged").height >= 1, code
