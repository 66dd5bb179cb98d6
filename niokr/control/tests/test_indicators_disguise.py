"""NK-50: a payment purpose disguised by look-alike letters, mixed alphabets or transliteration."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import textnorm
from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.disguise import NK50, WATCH_WORDS, disguise_of, watched

AS_OF = date(2026, 1, 1)
PERFORMER_BIN = "990940001234"
RD_SUBJECT = "Выполнение научно-исследовательских и опытно-конструкторских работ по теме «Технология переработки шлаков»"
SUPPLY = "Поставка бурового оборудования"


def _frames(*purposes, subjects=None, agreements=True) -> Frames:
    payments = [
        {"payment_id": i, "agreement_id": 10 + (i % 2 if subjects else 0), "right_id": 50, "payer_id": 1, "performer_id": 2,
         "paid_on": date(2024, 3, 12), "amount": 1_000_000 * i, "purpose": text, "document_number": f"ПП-{i}", "year": 2024}
        for i, text in enumerate(purposes, start=1)
    ]
    subjects = subjects or {10: RD_SUBJECT}
    rows = [{"agreement_id": a, "payer_id": 1, "performer_id": 2, "number": f"Д-{a}", "subject": s} for a, s in subjects.items()]
    return Frames.build(
        AS_OF, payments=payments, agreements=rows if agreements else None,
        organisations=[{"org_id": 2, "bin": PERFORMER_BIN, "kind": "company", "name": "ТОО «Ғылым»"}],
    )


def _run(*purposes, **kw) -> pl.DataFrame:
    overrides = kw.pop("overrides", None)
    return evaluate(NK50, _frames(*purposes, **kw), overrides).sort("subject_id")


def _statuses(*purposes, **kw) -> list[str]:
    return _run(*purposes, **kw)["status"].to_list()


# -- it fires ----------------------------------------------------------------------------------------


def test_a_disguised_non_rd_purpose_is_flagged_with_the_words_as_written_and_as_read():
    out = _run("Оплата за pемонт кровли склада")
    row = out.row(0, named=True)
    assert row["status"] == "flagged" and row["amount"] == 1_000_000
    evidence = json.loads(row["evidence"])
    assert evidence["disguised"] == ["pемонт → ремонт"] and evidence["letters"] == 1 and evidence["key_terms"] == ["pемонт"]
    assert evidence["purpose_read"] == "Оплата за ремонт кровли склада" and evidence["non_rd_score"] >= 0.5
    texts = {lang: explain(NK50, row["evidence"], lang) for lang in ("kk", "ru", "en")}
    assert "«Оплата за pемонт кровли склада»" in texts["en"] and "pемонт → ремонт" in texts["en"]
    assert "letters of another alphabet inside words" in texts["en"] and "a reviewer searches for: ремонт" in texts["en"]
    assert "ТОО «Ғылым» (BIN 990940001234)" in texts["en"] and "₸10,000.00" in texts["en"] and "12 Mar 2024" in texts["en"]
    assert "буквы другого алфавита внутри слов" in texts["ru"] and "которые ищет проверяющий: ремонт" in texts["ru"] and "12.03.2024" in texts["ru"]
    assert "басқа әліпбидің әріптері" in texts["kk"] and "тексеруші іздейтін сөздерге" in texts["kk"] and "БСН 990940001234" in texts["kk"]


@pytest.mark.parametrize(("purpose", "kind"), [
    ("Оплата за PEMOHT кровли склада", "lookalike"),
    ("Оплата за remont кровли склада", "transliterated"),
    ("Oplata za remont krovli sklada", "transliterated"),
    ("Оплата за рем0нт кровли склада", "zero"),
    ("Оплата за р е м о н т кровли склада", "spaced"),
    ("Оплата за ре\u200bмонт кровли склада", "invisible"),
    ("Оплaта зa рeмонт кровли склада", "mixed"),
    ("Оплата за ΡΕΜΟΗΤ кровли склада", "lookalike"),
    ("Командирoвочные расхoды, суточные", "mixed"),
    ("Іссaпap шығыстары, бас инженер", "mixed"),
    ("Cаtеring services for the drilling crew", "mixed"),
])
def test_each_form_of_disguise_is_caught(purpose, kind):
    row = _run(purpose).row(0, named=True)
    assert row["status"] == "flagged", purpose
    evidence = json.loads(row["evidence"])
    assert kind in evidence["disguise_kinds"].split(",")
    assert all(explain(NK50, evidence, lang) for lang in ("kk", "ru", "en"))


def test_a_disguise_on_a_watched_word_is_caught_even_when_r_and_d_words_dress_it():
    row = _run("Pемонт лаборатории в рамках НИОКР, научно-исследовательские работы").row(0, named=True)
    evidence = json.loads(row["evidence"])
    assert row["status"] == "flagged" and evidence["non_rd_score"] < 0.5 and evidence["key_terms"] == ["Pемонт"]
    assert "it describes spending" not in explain(NK50, evidence, "en")


def test_a_purpose_that_names_no_work_is_read_with_the_agreements_subject():
    out = _run("Oplata po dogovoru № 5, etap 2", "Oplata po dogovoru № 5, etap 2", subjects={10: RD_SUBJECT, 11: SUPPLY})
    assert out["status"].to_list() == ["flagged", "clear"]  # payment 1 is under the supply agreement (11)
    evidence = json.loads(out["evidence"][0])
    assert evidence["subject"] == SUPPLY and "agreement's subject describes spending that is not R&D" in explain(NK50, evidence, "en")


# -- it stays quiet ----------------------------------------------------------------------------------

HONEST = [
    "Подписка на базу данных Scopus для НИОКР по договору № 5",
    "Оплата НИОКР: сертификация опытного образца по ISO 9001",
    "НИР: улавливание CO2 и очистка от H2SO4, этап 2",
    "Оплата услуг резидента Astana Hub по договору НИОКР",
    "ОКР: испытания установки 5 MW, 10 kWh, этап 1",
    "Разработка модуля для ERP-системы SAP, НИОКР",
    "Оплата НИОКР по договору NIOKR-2024/005, этап 2",
    "Приобретение автомобиля Toyota Land Cruiser",  # not R&D, but no disguise: NK-07's
    "Ғылыми-зерттеу жұмыстарына ақы төлеу, 2-кезең",
    "Ğylymi-zertteu jūmystaryna töleu, 2-kezeñ",
    "Jöndeu jūmystary üşın töleu, qoima",  # Kazakh Latin, not R&D: NK-07's, not a disguise
    "Ǵylymı-zertteý jumystaryna tóleý",
    "бiлiм беру бағдарламасы бойынша ҒЗТКЖ, 1-кезең",  # a Latin i for the Kazakh і
    "Payment for research and development works, stage 2",
    "Business travel of the chief geologist to Atyrau",  # English, not R&D: NK-07's
    "Оплата за нaучно-исследовательские работы, этап 2",  # one slip in an R&D purpose
    "Oplata za NIOKR po dogovoru № 5, etap 2",  # a whole R&D purpose in Latin (a foreign bank's SWIFT)
]


@pytest.mark.parametrize("purpose", HONEST)
def test_honest_latin_kazakh_latin_and_slips_stay_clear(purpose):
    assert _statuses(purpose) == ["clear"], purpose


@pytest.mark.parametrize("purpose", [
    "Ремонт кровли склада", "Оплата за ремонт кровли склада", "Командировочные расходы главного инженера",
])
def test_mojibake_is_repaired_and_read_not_taken_for_a_disguise(purpose):
    cp1251 = purpose.encode("utf-8").decode("cp1251", errors="ignore")
    latin = purpose.encode("utf-8").decode("latin-1")
    for garbled in (cp1251, latin, purpose.encode("cp1251").decode("latin-1")):
        assert textnorm.normalise(garbled) == purpose
        assert _statuses(garbled) == ["clear"], garbled


def test_a_single_slip_off_the_watched_words_is_below_the_letters_threshold():
    # Not R&D, but one Latin letter in «Оплата» is a slip of the keyboard, not a disguise of «гостиницы».
    assert _statuses("Оплaта услуг гостиницы", "Оплата услуг гостиницы") == ["clear", "clear"]
    assert _statuses("Оплата услуг гoстиницы") == ["flagged"]  # on the watched word itself


# -- not computable, thresholds ---------------------------------------------------------------------


def test_an_empty_or_garbled_purpose_is_not_computable():
    out = _run("", None, "Р°Р±С Р° Р± РІ Рґ", "Оплата за pемонт")
    assert out["status"].to_list() == ["not_computable", "not_computable", "not_computable", "flagged"]
    assert out["reason"].to_list()[:3] == ["no_purpose", "no_purpose", "garbled_purpose"]
    missing = evaluate(NK50, Frames.build(AS_OF))
    assert missing["reason"].to_list() == ["frame_missing:payments"]


def test_the_thresholds_decide():
    two_letters = "Оплaта услуг по оргaнизации мероприятия"  # not R&D; no watched word
    assert _statuses(two_letters) == ["flagged"]
    assert _statuses(two_letters, overrides={"min_letters": 3}) == ["clear"]
    assert _statuses("Оплaта услуг по организации мероприятия") == ["clear"]  # one letter
    assert _statuses(two_letters, overrides={"min_score": 1.0}) == ["clear"]
    evidence = json.loads(_run(two_letters).row(0, named=True)["evidence"])
    assert evidence["min_letters"] == 2 and evidence["min_score"] == 0.5


def test_without_agreements_the_purpose_is_read_alone():
    assert _statuses("Oplata po dogovoru № 5, etap 2", agreements=False) == ["clear"]


def test_the_watch_list_and_the_disguised_words():
    assert watched("ремонта") and watched("іссапар") and watched("catering") and watched("cars") and not watched("carbon")
    assert not watched("научно") and not watched("исследовательские") and not watched("ниокр")
    assert all(w == w.lower() for w in WATCH_WORDS)
    found = disguise_of(textnorm.analyse("Оплата за PEMOHT, EXPO, СO2, бiлiм"), frozenset({"ремонт"}))
    assert [w.written for w in found] == ["PEMOHT"]  # a brand of look-alikes, a formula and the Kazakh i are no disguise


# -- properties --------------------------------------------------------------------------------------

NON_RD = ["Оплата за ремонт кровли склада", "Командировочные расходы главного инженера", "Услуги охраны административного корпуса",
          "Поставка дизельного топлива для буровых", "Спонсорская помощь фонду", "Іссапар шығыстары, бас инженер", "Repair of the office roof"]
RD = ["Оплата НИОКР по договору № 5, этап 2", "Разработка технологии переработки шлаков, НИР", "Ғылыми-зерттеу жұмыстарына ақы төлеу",
      "Research and development works, stage 2", "Опытно-конструкторские работы по созданию установки"]
LOOKALIKE = dict(zip("аеорсухАЕОРСХКМНТВ", "aeopcyxAEOPCXKMHTB"))


def _disguise(text: str, how: int, where: int) -> str:
    words = text.split(" ")
    i = max(range(len(words)), key=lambda k: watched(words[k].strip(",.").lower()))  # the watched word
    word = words[i]
    if how == 0:
        spots = [k for k, c in enumerate(word) if c in LOOKALIKE]
        if not spots:
            return text
        k = spots[where % len(spots)]
        word = word[:k] + LOOKALIKE[word[k]] + word[k + 1:]
    elif how == 1:
        word = "".join(LOOKALIKE.get(c, c) for c in word)
    elif how == 2:
        word = word[:2] + "\u200b" + word[2:]
    else:
        word = " ".join(word)
    words[i] = word
    return " ".join(words)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(NON_RD[:-1]), st.integers(0, 3), st.integers(0, 20))
def test_a_disguised_watched_word_is_always_caught(text, how, where):
    disguised = _disguise(text, how, where)
    if disguised != text:
        assert _statuses(disguised) == ["flagged"], disguised


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NON_RD + RD + HONEST), min_size=1, max_size=8))
def test_one_row_per_payment_undisguised_text_never_flagged_every_flag_explained(texts):
    out = _run(*texts)
    assert out["subject_id"].to_list() == list(range(1, len(texts) + 1))
    for text, row in zip(texts, out.iter_rows(named=True), strict=True):
        if text in NON_RD + RD + HONEST:
            assert row["status"] == "clear", text
    for evidence in out.filter(pl.col("status") == "flagged")["evidence"]:
        assert all(explain(NK50, evidence, lang) for lang in ("kk", "ru", "en"))


def test_kazakh_latin_counts_only_when_configured():
    text = "Issapar shyǵyndary: táýliktik aqy jáne qonaq úıde turý"  # travel costs, 2018 Kazakh Latin
    rd = "Ǵylymı-zertteý jumysynyń 1-kezeńi: qabat sýlarynyń úılesimdiligin zertteý"
    assert _statuses(text, rd) == ["clear", "clear"]
    out = _run(text, rd, overrides={"kazakh_latin": 1})
    assert out["status"].to_list() == ["flagged", "clear"]
    evidence = json.loads(out["evidence"][0])
    assert "kazakh_latin" in evidence["disguise_kinds"] and "Kazakh words written in the Latin alphabet" in explain(NK50, evidence, "en")


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which NK-50 fires (for the catalogue-wide reading test)."""
    return {"NK-50": _frames("Oплaтa за pемонт кровли склада по договору № 5")}
