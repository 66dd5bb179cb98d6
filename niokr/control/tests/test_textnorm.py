"""Text normalisation for control (:mod:`niokr.control.indicators.textnorm`) and the purpose
classifier of NK-07 reading normalised text, with the agreement's subject (version 3)."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import purpose, textnorm
from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.relations import INDICATORS
from niokr.control.indicators.textnorm import analyse, normalise

NK07 = next(i for i in INDICATORS if i.code == "NK-07")

RU = [
    "Оплата за выполненные научно-исследовательские работы по договору № 5, этап 2",
    "Ремонт помещений лаборатории кернового анализа",
    "НИОКР: разработка технологии извлечения ванадия из шлаков",
    "Командировочные расходы главного инженера, г. Атырау",
    "Поставка труб ПНД 110 мм, в т.ч. НДС 12%",
    "Эксперимент «Ёмкость» — отчёт, НИР",
]
KK = [
    "Ғылыми-зерттеу жұмыстарына ақы төлеу, 2-кезең",
    "Керн талдау зертханасының үй-жайларын жөндеу",
    "ҒЗТКЖ шарты бойынша аударым үшін банк комиссиясы",
]


def _utf8_as_cp1251(text: str) -> str:
    """UTF-8 bytes shown as Windows-1251, its undefined 0x98 lost and the no-break space turned into a space."""
    return text.encode("utf-8").decode("cp1251", errors="ignore").replace("\u00a0", " ")


def _utf8_as_latin1(text: str) -> str:
    """UTF-8 bytes shown as Windows-1252 (Latin-1's C1 controls where 1252 has no character)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# -- mojibake ------------------------------------------------------------------------------------------


def test_the_briefs_mojibake_is_repaired():
    assert normalise("РќРРћРљР ") == "НИОКР"  # 0x98 of «И» lost, the no-break space of «Р» a space
    assert analyse("РќРРћРљР ").repaired == "utf8_as_cp1251"
    assert normalise("Ð½Ð°ÑƒÑ‡") == "науч"
    assert analyse("Ð½Ð°ÑƒÑ‡Ð½Ñ‹Ðµ Ñ€Ð°Ð±Ð¾Ñ‚Ñ‹").text == "научные работы"
    assert normalise("Îïëàòà çà ðåìîíò") == "Оплата за ремонт"  # Windows-1251 read as Latin-1


@pytest.mark.parametrize("text", RU + KK)
def test_mojibake_of_either_kind_decodes_back(text):
    clean = normalise(text)
    assert normalise(_utf8_as_cp1251(text)) == clean
    assert normalise(_utf8_as_latin1(text)) == clean
    assert normalise(_utf8_as_latin1(_utf8_as_latin1(text))) == clean  # twice wrong
    if all(c in "№«»—" or c.encode("cp1251", errors="ignore") for c in text):
        assert normalise(text.encode("cp1251").decode("latin-1")) == clean


def test_mojibake_that_does_not_decode_cleanly_is_marked_garbled_not_guessed():
    found = analyse("Р°Р±С Р° Р± РІ")  # bytes missing in the middle
    assert found.garbled and found.repaired is None
    assert analyse("�� оплата").garbled


@pytest.mark.parametrize("text", [
    "РФ, С учетом НДС", "Сізге ҒЗТКЖ бойынша", "НИР по теме «ДНТ»", "ТОО «Рудный» — С.Т.", "Уәлиханов көшесі", "С» Р«",
    "Müller GmbH", "Café Astana", "ÄÖÜ test",
])
def test_honest_text_is_not_taken_for_mojibake(text):
    found = analyse(text)
    assert found.repaired is None and not found.garbled
    assert found.text == text


# -- characters, NFKC, whitespace --------------------------------------------------------------------


def test_nul_controls_and_invisible_characters_go_whitespace_collapses():
    assert normalise("Ремонт\x00 \x01кровли\u00ad\t\n  склада\u200b") == "Ремонт кровли склада"
    assert normalise("  оплата\u2028НИР\r\n") == "оплата НИР"
    assert normalise("ре\u200bмо\u200dнт") == "ремонт"
    assert [w.kind for w in analyse("ре\u200bмонт кровли").words] == ["invisible"]


def test_nfkc_but_the_number_sign_stays():
    assert normalise("ＮＩＯＫＲ ﬁnal") == "НИОКР final"
    assert normalise("Оплата №5 от 01.02.2024 …") == "Оплата №5 от 01.02.2024 ..."
    assert normalise("𝐑𝐞𝐩𝐚𝐢𝐫 of the office") == "Repair of the office"
    assert normalise("е\u0301мкость") == "емкость"  # a stress mark dropped


def test_letters_typed_apart_are_joined_and_a_zero_among_letters_is_o():
    assert normalise("Оплата за р е м о н т кровли") == "Оплата за ремонт кровли"
    assert normalise("рем0нт, НИ0КР, w0rk") == "ремонт, НИОКР, work"
    assert normalise("в т ч НДС, Ст3сп, 09Г2С, А0") == "в т ч НДС, Ст3сп, 09Г2С, А0"


# -- look-alike letters, mixed scripts ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "read"), [
    ("Оплата за pемонт", "Оплата за ремонт"),
    ("HИОКР, этап 2", "НИОКР, этап 2"),
    ("Оплaта за нaучно-исслeдовательские работы", "Оплата за научно-исследовательские работы"),
    ("Оплата за PEMOHT кровли", "Оплата за РЕМОНТ кровли"),  # a word of look-alikes takes the text's script
    ("Rеpair of the office", "Repair of the office"),  # a Cyrillic е in an English word
    ("Оплата за ΡΕΜΟΗΤ", "Оплата за РЕМОНТ"),  # Greek capitals
    ("бiлiм беру", "білім беру"),  # a Latin i in a Kazakh word is the keyboard's і
])
def test_look_alike_letters_are_read_in_each_words_script(text, read):
    assert normalise(text) == read


def test_mixed_words_are_reported_with_their_letters_of_the_other_script():
    found = analyse("Оплaта за рeмонт, бiлiм, Toyota, СO2")
    words = {w.written: w for w in found.words}
    assert words["Оплaта"].kind == "mixed" and words["Оплaта"].foreign == 1
    assert words["рeмонт"].read == "ремонт"
    assert words["бiлiм"].foreign == 0  # not counted against the writer
    assert words["СO"].near_digit  # a formula
    assert "Toyota" not in words


@pytest.mark.parametrize("text", [
    "Приобретение автомобиля Toyota Land Cruiser", "Внедрение ERP-системы SAP", "Сертификация по ISO 9001", "Улавливание CO2 и H2SO4",
    "Оплата услуг резидента Astana Hub", "Мощность 5 MW, 10 kWh", "Подписка на Web of Science", "Расчеты в MATLAB и ANSYS",
    "Выставка Astana EXPO", "Research & Development", "Payment under contract No. NTR-5, stage 2",
])
def test_honest_latin_stays_latin(text):
    assert normalise(text) == text
    assert not [w for w in analyse(text).words if w.kind != "mixed"]


# -- Kazakh Latin, Russian transliteration --------------------------------------------------------------


@pytest.mark.parametrize(("text", "read"), [
    ("Ğylymi-zertteu jūmystaryna töleu, 2-kezeñ", "Ғылыми-зерттеу жұмыстарына төлеу, 2-кезең"),  # 2021
    ("Ǵylymı-zertteý jumystaryna tóleý", "Ғылыми-зерттеу жұмыстарына төлеу"),  # 2018: ı for и, ý for у, u for ұ
    ("G'ylymi'-zertteý jumystaryna to'ley'", "Ғылыми-зерттеу жұмыстарына төлеу"),  # 2017: apostrophes
    ("Jöndeu jūmystary üşın töleu", "Жөндеу жұмыстары үшін төлеу"),
    ("Bılım beru boiynşa qyzmet", "Білім беру бойынша қызмет"),
])
def test_kazakh_latin_is_written_in_cyrillic(text, read):
    found = analyse(text)
    assert found.text == read
    assert found.latin_mode.startswith("kazakh_latin") and {w.kind for w in found.words} == {"kazakh_latin"}


@pytest.mark.parametrize(("text", "read"), [
    ("nauchno-issledovatelskie raboty", "научно-исследователские работы"),
    ("Oplata za NIOKR po dogovoru 5", "Оплата за НИОКР по договору 5"),
    ("razrabotka tekhnologii, etap 2", "разработка технологии, этап 2"),
    ("OPLATA ZA REMONT KRYSHI", "ОПЛАТА ЗА РЕМОНТ КРЫШИ"),
    ("komandirovochnye raskhody, sutochnye", "командировочные расходы, суточные"),
    ("Оплата за remont кровли", "Оплата за ремонт кровли"),  # one Russian word in Latin inside Russian
    ("Payment for remont of the roof", "Payment for ремонт of the roof"),
])
def test_russian_in_latin_transliteration_is_written_in_cyrillic(text, read):
    assert normalise(text) == read
    assert "transliterated" in {w.kind for w in analyse(text).words}


def test_english_is_not_taken_for_transliteration():
    for text in ("Purchase of reagents for the laboratory", "Business travel of the chief geologist to Atyrau", "Repair of the office, stage 2",
                 "Research on the topic \"Transportation of heavy oil\"", "Legal aspects of notarial e-services", "Flights Almaty — Aktau"):
        assert normalise(text) == text, text


def test_no_russian_stem_starts_an_english_word_of_the_corpus():
    english = {w.lower() for t in purpose.corpus().filter(pl.col("lang") == "en")["text"] for w in re.findall(r"[A-Za-z]+", t)}
    assert not [(s, w) for s in textnorm._RU_STEMS for w in english if w.startswith(s)]


# -- the corpus reads as before ------------------------------------------------------------------------


def test_the_corpus_is_left_as_written_but_for_its_look_alike_lines():
    changed = {}
    for text in purpose.corpus()["text"].to_list():
        if normalise(text) != " ".join(text.split()):
            changed[text] = normalise(text)
    assert changed == {
        "Оплата за НИОКp по дог. 12 (опечатка в назначении)": "Оплата за НИОКр по дог. 12 (опечатка в назначении)",
        "Оплaта за научно исследовательские работы этап 2": "Оплата за научно исследовательские работы этап 2",
        "Оплата HИОКР (латиница в назначении) по договору 5": "Оплата НИОКР (латиница в назначении) по договору 5",
        "Оплата за pемонт (латиница) помещения": "Оплата за ремонт (латиница) помещения",
        "Оплата за НИОКP (в назначении латинская P) по договору 9": "Оплата за НИОКР (в назначении латинская P) по договору 9",
    }


# -- properties ----------------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list(
    "аеорсухкмнтвиАЕОРСУХКМНТВИәғқңөұүһіӘҒҚҢӨҰҮҺІaeopcyxkmhtbAEOPCYXKMHTBiIsnrlzäğıñöşūüáǵńóúýİ'’ΑΒΕΟΡΤΗΚο0123456789 -./№«»,"
    "\x00\x01\t\n\u00a0\u00ad\u200b\u200d\ufeff\u0301РСТУÐÑќћљЋ°±µ¶·ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЏђ‘’“”•–—™›њџ\x98\x81\x90½ƒ‡ˆ˜Îïëàòçðåìîí\ufffdﬁＡ𝐑"
))
TEXTS = st.one_of(
    st.text(ALPHABET, max_size=60),
    st.text(max_size=40),
    st.sampled_from(RU + KK).map(_utf8_as_cp1251),
    st.sampled_from(RU + KK).map(_utf8_as_latin1),
    st.lists(st.sampled_from(["Оплата", "за", "remont", "pемонт", "PEMOHT", "NIOKR", "po", "dogovoru", "Ğylymi", "töleu", "ISO", "9001", "Astana", "Hub",
                              "рем0нт", "р е м", "СO2", "the", "repair", "Rеpair", "бiлiм", "РќРРћРљР", "Ð½Ð°ÑƒÑ‡"]), max_size=8).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_normalisation_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTS, st.binary(max_size=40), st.none(), st.integers(), st.floats(), st.lists(st.integers(), max_size=3)))
def test_normalisation_never_raises_and_returns_text(value):
    found = analyse(value)
    assert isinstance(found.text, str) and found.text == found.text.strip()
    assert "\x00" not in found.text and "  " not in found.text


def test_an_unprintable_object_reads_as_empty():
    class Broken:
        def __str__(self):
            raise RuntimeError("no")

    assert normalise(Broken()) == "" and normalise(None) == ""


def test_time_is_bounded_on_huge_input():
    huge = ("Оплата за pемонт remont РќРРћРљР  Ð½Ð°ÑƒÑ‡ \x00\u200b " * 200_000)[:5_000_000]
    started = time.perf_counter()
    found = analyse(huge)
    assert time.perf_counter() - started < 5
    assert found.cut and len(found.text) <= textnorm.MAX_CHARS


def test_the_format_characters_are_those_of_the_unicode_database():
    dropped = re.compile("[" + textnorm._FORMAT + "]")
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cf", "Cs") and ch != "\u00ad":
            assert dropped.match(ch), hex(code)


# -- NK-07 reads normalised text, and the agreement's subject with a purpose that names no work ------


def test_the_classifier_reads_disguised_purposes_as_their_plain_form():
    plain = purpose.classify_text("Оплата за ремонт кровли склада")
    for disguised in ("Оплата за pемонт кровли склада", "Оплата за PEMOHT кровли склада", "Oplata za remont krovli sklada",
                      "Оплата за рем0нт кровли склада", "РћРїР»Р°С‚Р° Р·Р° СЂРµРјРѕРЅС‚ РєСЂРѕРІР»Рё СЃРєР»Р°РґР°"):
        found = purpose.classify_text(disguised)
        assert found.non_rd and found.score == plain.score, disguised
    assert "remont" in purpose.classify_text("Oplata za remont krovli sklada").non_rd_terms  # the word as typed
    assert purpose.normalise("Ğylymi-zertteu jūmystaryna töleu, 2-kezeñ") == purpose.normalise("Ғылыми-зерттеу жұмыстарына төлеу, 2-кезең")


@pytest.mark.parametrize(("key", "nothing"), [
    ("оплата по договору", True), ("аванс", True), ("оплата ниокр этап", True), ("payment under the r&d agreement stage", True),
    ("ғзткж шарты бойынша төлем", True), ("", True), ("ремонт кровли", False), ("оплата за поставку оборудования", False),
    ("разработка технологии переработки шлаков", False), ("catering services", False),
])
def test_a_purpose_that_names_no_work_of_its_own(key, nothing):
    assert purpose.says_nothing(key) is nothing


SUPPLY = "Поставка бурового оборудования и запасных частей"
RD_SUBJECT = "Выполнение научно-исследовательских и опытно-конструкторских работ по теме «Технология переработки шлаков»"


def _frames(*rows: tuple[int, str | None, int], subjects=None) -> Frames:
    subjects = subjects or {10: SUPPLY, 11: RD_SUBJECT, 12: " "}
    payments = [
        {"payment_id": i, "agreement_id": agreement, "right_id": 50, "payer_id": 1, "performer_id": 2, "paid_on": date(2024, 3, 12),
         "amount": 100_000, "purpose": text, "document_number": f"ПП-{i}", "year": 2024}
        for i, text, agreement in rows
    ]
    agreements = [{"agreement_id": a, "payer_id": 1, "performer_id": 2, "number": f"Д-{a}", "subject": s} for a, s in subjects.items()]
    return Frames.build(date(2026, 1, 1), payments=payments, agreements=agreements)


def test_nk07_reads_the_subject_of_the_agreement_when_the_purpose_names_no_work():
    out = evaluate(NK07, _frames(
        (1, "Оплата по договору № 12 от 01.02.2024", 10), (2, "Оплата НИОКР, этап 2", 10), (3, "Оплата по договору № 12 от 01.02.2024", 11),
        (4, "Ремонт кровли склада", 11), (5, "Разработка технологии переработки шлаков, НИР, этап 1", 10), (6, "", 10), (7, None, 12),
    )).sort("subject_id")
    assert out["status"].to_list() == ["flagged", "flagged", "clear", "flagged", "clear", "flagged", "not_computable"]
    assert out["reason"][6] == "no_purpose"
    evidence = json.loads(out["evidence"][0])
    assert evidence["subject"] == SUPPLY and "Поставка" in evidence["non_rd_terms"]
    texts = {lang: explain(NK07, evidence, lang) for lang in ("kk", "ru", "en")}
    assert f"the agreement's subject «{SUPPLY}» describes spending that is not R&D" in texts["en"]
    assert f"предмет договора «{SUPPLY}»" in texts["ru"] and f"шарт нысанасы «{SUPPLY}»" in texts["kk"]
    own = json.loads(out["evidence"][3])
    assert own.get("subject") is None and "it describes spending that is not R&D" in explain(NK07, own, "en")
    assert NK07.version == 3 and NK07.needs == ("payments",)


def test_nk07_without_agreements_judges_the_purpose_alone_as_before():
    frames = _frames((1, "Оплата НИОКР, этап 2", 10), (2, "Ремонт кровли склада", 10))
    alone = Frames({"payments": frames["payments"]}, frames.as_of)
    assert evaluate(NK07, alone).sort("subject_id")["status"].to_list() == ["clear", "flagged"]


def test_judge_keeps_one_row_per_pair_and_the_text_it_read():
    found = purpose.judge(pl.Series(["Оплата по договору № 7", "Оплата по договору № 7", "Ремонт кровли"]), pl.Series([SUPPLY, RD_SUBJECT, SUPPLY]))
    rows = {(r["purpose"], r["subject"]): r for r in found.iter_rows(named=True)}
    assert len(rows) == 3
    assert rows[("Оплата по договору № 7", SUPPLY)]["read"] == "subject" and rows[("Оплата по договору № 7", SUPPLY)]["non_rd"]
    assert rows[("Оплата по договору № 7", RD_SUBJECT)]["non_rd"] is False
    assert rows[("Ремонт кровли", SUPPLY)]["read"] == "purpose"
    assert purpose.judge(pl.Series([], dtype=pl.Utf8), pl.Series([], dtype=pl.Utf8)).height == 0
