"""The purpose classifier of NK-07: its corpus, its held-out figures, the examiners' classes of
miss, requisites that must not change a verdict, and the explanation kept in the evidence."""

from __future__ import annotations

import io
import json
from datetime import date

import numpy as np
import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import purpose
from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.purpose import classify, classify_text, corpus, evaluate_held_out, normalise
from niokr.control.indicators.relations import INDICATORS

NK07 = next(i for i in INDICATORS if i.code == "NK-07")
KNOWN = {t.lower() for t in corpus()["text"]}

# -- the corpus ------------------------------------------------------------------------------------


def test_the_corpus_is_large_labelled_trilingual_and_holds_out_a_fixed_fifth():
    """The held-out lines were written once, before any fit, and do not change (323 lines); the
    train lines grow with the classes found missing, so the held-out share is a fifth or more."""
    lines = corpus()
    assert lines.height >= 1300
    assert set(lines["label"]) == {"rd", "non_rd"} and set(lines["lang"]) == {"kk", "ru", "en"} and set(lines["split"]) == {"train", "test"}
    assert lines.filter(pl.col("split") == "test").height == 323
    assert lines.filter(pl.col("split") == "test").height >= 0.2 * lines.height
    assert lines["text"].str.to_lowercase().n_unique() == lines.height
    assert lines["text"].str.strip_chars().str.len_chars().min() > 0
    for (split, lang, label), part in lines.group_by(["split", "lang", "label"]):
        assert part.height >= 30, (split, lang, label)


# -- held-out figures (a floor measured once; the held-out lines are never used for tuning) ------


def test_held_out_precision_and_recall_of_non_rd():
    figures, errors = evaluate_held_out()
    overall = figures[0]
    assert overall.lang == "all" and overall.lines == corpus().filter(pl.col("split") == "test").height
    assert overall.precision >= 0.95 and overall.recall >= 0.95, overall
    for by_lang in figures[1:]:
        assert by_lang.precision >= 0.9 and by_lang.recall >= 0.9, by_lang
    assert errors.height == overall.false_positives + overall.false_negatives


def test_the_evaluation_command_prints_the_figures(capsys):
    out = io.StringIO()
    call_command("purpose_eval", "--json", "--errors", stdout=out)
    data = json.loads(out.getvalue())
    assert [f["lang"] for f in data["figures"]] == ["all", "kk", "ru", "en"]
    assert data["figures"][0]["recall"] >= 0.95 and data["min_score"] == purpose.DEFAULT_MIN_SCORE
    assert len(data["errors"]) == data["figures"][0]["false_positives"] + data["figures"][0]["false_negatives"]
    table = io.StringIO()
    call_command("purpose_eval", stdout=table)
    assert "precision" in table.getvalue() and "kk" in table.getvalue()
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("purpose_eval", "--min-score", "1.5")


# -- the examiners' classes, in texts the corpus does not hold -------------------------------------

NOT_RD = {
    "travel": [
        "Оплата командировочных расходов главного инженера в г. Караганда",
        "Возмещение расходов на служебную командировку в Павлодар (проезд, суточные)",
        "Іссапар шығыстары: бас инженердің Атырауға сапары",
        "Business travel of the chief geologist to Atyrau, per diem and hotel",
    ],
    "pipes": [
        "Поставка труб ПНД 110 мм по договору № 12-П от 05.05.2025",
        "Оплата за трубы бурильные 127 мм",
        "Бұрғылау құбырларын жеткізу",
        "Supply of drill pipes 127 mm",
    ],
    "reagents": [
        "Закуп реагентов для лаборатории анализа нефти",
        "Оплата за химреактивы (соляная кислота) для испытательной лаборатории",
        "Мұнай талдау зертханасына реагенттер сатып алу",
        "Purchase of reagents for the oil analysis laboratory",
    ],
    "catering": [
        "Оплата услуг по организации питания на буровой",
        "Питание сотрудников в столовой вахтового поселка за май",
        "Бұрғылау алаңындағы жұмысшыларды тамақтандыру",
        "Catering for drilling crew at the rig",
    ],
    "security": [
        "Услуги охраны административного корпуса, апрель",
        "Оплата охранных услуг на складе ВВ",
        "Әкімшілік корпусты күзету қызметі, сәуір",
        "Guard services at the explosives warehouse",
    ],
    "repair of a laboratory": [
        "Ремонт помещений лаборатории кернового анализа",
        "Текущий ремонт помещений научной лаборатории университета",
        "Керн талдау зертханасының үй-жайларын жөндеу",
        "Refurbishment of the core analysis laboratory rooms",
    ],
    "sponsorship of science": [
        "Спонсорская помощь Институту научных исследований",
        "Спонсорская помощь научной организации на проведение юбилея",
        "Ғылыми-зерттеу институтына демеушілік көмек",
        "Sponsorship support to a scientific research institute",
    ],
    "fuel": [
        "Оплата за дизельное топливо для буровых установок",
        "Бұрғылау қондырғыларына дизель отыны",
        "Diesel fuel for drilling rigs",
    ],
}

RD = [
    # the forms of the synthetic country's R&D payments, with requisites
    "Оплата по договору № НИОКР-2024/003 от 15.01.2024 на выполнение НИОКР, этап 2",
    "Оплата за выполненные научно-исследовательские работы по договору № 5 от 01.01.2024, этап 1",
    "Оплата опытно-конструкторских работ по договору № 12 от 03.03.2023 (этап 3)",
    "Оплата НИР согласно акту выполненных работ по этапу 3, договор № 7 от 02.02.2024",
    "Аванс по договору № 5 от 01.01.2024 на выполнение научно-технических работ, этап 2",
    "15.01.2024 № НИР-2024/003 шартқа сәйкес ғылыми-зерттеу жұмыстарына ақы төлеу, 1-кезең",
    "01.02.2024 № 7 шарт бойынша ҒЗТКЖ орындағаны үшін төлем, 3-кезең",
    "Payment under R&D agreement No 17 of 01.02.2024, stage 2",
    "Research and development works, stage 1, agreement No 9 dated 11.11.2023",
    # R&D whose topic names something that is not R&D when bought
    "Разработка технологии извлечения ванадия из шлаков, НИОКР, этап 2",
    "Опытно-промышленные испытания новой конструкции гидроциклона по договору НИОКР",
    "Научно-исследовательская работа по изучению коррозии обсадных труб",
    "Исследование режимов работы охранной сигнализации на основе ИИ, НИР",
    "Кендегі сутегі технологиясын әзірлеу бойынша ҒЗТКЖ, 2-кезең",
    "Ұңғыма құбырларының коррозиясын ғылыми зерттеу",
    "Pilot testing of a new hydrocyclone design under the R&D agreement",
    "Experimental design of a hydrogen electrolyser prototype, stage 2",
    "Research into the corrosion of casing pipes",
    "ОПЛАТА ЗА НИОКР ЭТАП 2",
    "оплата ниокр, в т.ч. НДС 12%",
]


@pytest.mark.parametrize(("kind", "text"), [(kind, text) for kind, texts in NOT_RD.items() for text in texts])
def test_it_catches_the_examiners_classes_of_non_rd_spending(kind, text):
    assert text.lower() not in KNOWN  # a wording the model has not seen
    found = classify_text(text)
    assert found.non_rd, (kind, found)
    assert found.non_rd_terms and found.score >= purpose.DEFAULT_MIN_SCORE


@pytest.mark.parametrize("text", RD)
def test_it_keeps_true_rd_clean(text):
    assert text.lower() not in KNOWN
    found = classify_text(text)
    assert not found.non_rd, found
    assert found.rd_terms


def test_one_rd_word_does_not_cancel_the_spending():
    """The lexicon's failure: «лаборатории», «научной» weighed as much as «ремонт», «спонсорская»."""
    for text in ("Ремонт помещений лаборатории", "Спонсорская помощь научной организации", "Закуп реагентов для лаборатории"):
        found = classify_text(text)
        assert found.non_rd and found.score > 0.8, (text, found)


# -- requisites and spelling -----------------------------------------------------------------------

DAYS = st.dates(date(2005, 1, 1), date(2030, 12, 31))
CODES = st.one_of(st.integers(1, 99999).map(str), st.tuples(st.sampled_from(["НИР", "ОКР", "НИОКР", "П", "ПП", "R&D", "ҒЗТКЖ"]), st.integers(1, 9999), st.integers(2005, 2030)).map(lambda t: f"{t[0]}-{t[2]}/{t[1]:03d}"))
REQUISITES = st.one_of(
    st.tuples(CODES, DAYS).map(lambda t: f" по договору № {t[0]} от {t[1]:%d.%m.%Y}"),
    st.tuples(CODES, DAYS).map(lambda t: f", договор №{t[0]} от {t[1]:%d.%m.%Y} г."),
    st.tuples(CODES, DAYS).map(lambda t: f" under contract No. {t[0]} dated {t[1]:%d.%m.%Y}"),
    st.tuples(CODES, DAYS).map(lambda t: f", {t[1]:%d.%m.%Y} № {t[0]} шарт бойынша"),
    st.tuples(CODES, DAYS).map(lambda t: f", счет-фактура № {t[0]} от {t[1]:%d.%m.%Y}"),
    st.integers(1, 10**9).map(lambda n: f", сумма {n:,} тенге".replace(",", " ")),
    st.sampled_from([
        ", в т.ч. НДС 12%", " (в том числе НДС 12 %)", ", без НДС", ", НДС не облагается", ", incl. VAT 12%",
        ", VAT exempt", " (no VAT)", ", ҚҚС-пен", ", ҚҚС-сыз", ", ҚҚС 12% қоса алғанда",
    ]),
)
BASES = st.sampled_from([text for texts in NOT_RD.values() for text in texts] + RD)


@settings(max_examples=150, deadline=None)
@given(BASES, st.lists(REQUISITES, min_size=1, max_size=3), st.booleans())
def test_requisites_do_not_change_the_verdict(text, requisites, prepend):
    dressed = ("".join(requisites).lstrip(", ") + " " + text) if prepend else text + "".join(requisites)
    assert normalise(dressed) == normalise(text), dressed
    assert classify_text(dressed).non_rd == classify_text(text).non_rd
    assert classify_text(dressed).score == classify_text(text).score


@settings(max_examples=100, deadline=None)
@given(BASES, st.lists(st.integers(0, 10**6), min_size=1, max_size=4))
def test_every_run_of_digits_is_read_alike(text, numbers):
    """classify() normalises each digit-folded text once; that is only right if the digits' values never matter."""
    import re

    values = iter(numbers * 20)
    changed = re.sub(r"\d+", lambda _: str(next(values)), text)
    assert normalise(changed) == normalise(text) == normalise(re.sub(r"\d+", "0", text))


def test_an_agreement_number_does_not_vouch_for_the_purpose():
    assert normalise("Ремонт кровли по договору № НИР-2023/005") == "ремонт кровли"
    assert classify_text("Ремонт кровли по договору № НИР-2023/005").non_rd


def test_case_yo_and_latin_look_alikes_are_the_same_text():
    assert normalise("  ОТЧЁТ   по НИОКР ") == "отчет по ниокр"
    assert normalise("HИОКР, этап 2") == normalise("НИОКР, этап 2") == "ниокр этап"  # Latin H
    assert normalise("Оплата за pемонт") == "оплата за ремонт"  # Latin p
    assert normalise("Research & Development") == "research & development"  # Latin words stay Latin


@settings(max_examples=60, deadline=None)
@given(BASES)
def test_upper_case_does_not_change_the_verdict(text):
    assert classify_text(text.upper()).non_rd == classify_text(text).non_rd


# -- set-wise classification, explanation, the model --------------------------------------------


def test_classify_judges_each_distinct_text_once_and_leaves_blanks_out():
    texts = pl.Series(
        ["Оплата НИР, этап 1", "Оплата НИР, этап 2", "Ремонт 12 кабинетов", "Ремонт 3 кабинетов", "", "  ", None, "№ 5 от 01.02.2024", "Оплата НИР, этап 1"],
        dtype=pl.Utf8,
    )
    found = classify(texts)
    assert sorted(found["text"].to_list()) == sorted(["Оплата НИР, этап 1", "Оплата НИР, этап 2", "Ремонт 12 кабинетов", "Ремонт 3 кабинетов", "№ 5 от 01.02.2024"])
    verdicts = {row["text"]: row for row in found.iter_rows(named=True)}
    assert verdicts["Оплата НИР, этап 1"]["non_rd"] is False and verdicts["Ремонт 3 кабинетов"]["non_rd"] is True
    assert verdicts["Оплата НИР, этап 1"]["non_rd_score"] == verdicts["Оплата НИР, этап 2"]["non_rd_score"]
    assert verdicts["№ 5 от 01.02.2024"]["non_rd"] is None and verdicts["№ 5 от 01.02.2024"]["non_rd_score"] is None
    assert verdicts["Ремонт 12 кабинетов"]["non_rd_terms"] and verdicts["Оплата НИР, этап 1"]["non_rd_terms"] is None
    assert classify(pl.Series([], dtype=pl.Utf8)).height == 0
    assert classify_text("  ") == purpose.Classification(False, None, (), ())


def test_the_threshold_decides():
    text = "Спонсорская помощь Институту научных исследований"
    score = classify_text(text).score
    assert classify_text(text, min_score=score).non_rd and not classify_text(text, min_score=min(1.0, score + 0.001)).non_rd


def test_the_evidence_names_the_words_that_weighed_most_as_written():
    found = classify_text("Оплата командировочных расходов главного инженера в г. Караганда")
    assert "командировочных" in found.non_rd_terms
    assert len(found.non_rd_terms) <= purpose.TOP_TERMS and len(found.rd_terms) <= purpose.TOP_TERMS
    assert "г" not in found.non_rd_terms + found.rd_terms  # words of one or two letters explain nothing
    rd = classify_text("15.01.2024 № НИР-2024/003 шартқа сәйкес ғылыми-зерттеу жұмыстарына ақы төлеу, 1-кезең")
    assert {"ғылыми", "зерттеу"} <= set(rd.rd_terms)
    mixed = classify_text("Ремонт помещений ЛАБОРАТОРИИ")
    assert "Ремонт" in mixed.non_rd_terms  # the word as the text writes it
    for term in mixed.non_rd_terms + mixed.rd_terms:
        assert term in "Ремонт помещений ЛАБОРАТОРИИ"


def test_the_word_contributions_add_up_to_the_score():
    m = purpose.model()
    key = normalise("Закуп реагентов для лаборатории, в т.ч. НДС 12%")
    margin = sum(m.contributions([key])[0].values()) + m.intercept
    assert 1 / (1 + np.exp(-margin)) == pytest.approx(m.scores([key])[0])


def test_the_fast_features_equal_the_pipelines():
    from scipy import sparse

    m = purpose.model()
    keys = [normalise(t) for t in corpus()["text"].to_list()[:300]]
    fast = sparse.hstack(m.features(keys)).tocsr()
    assert abs(fast - m.pipeline.named_steps["features"].transform(keys)).max() < 1e-12
    assert np.allclose(m.scores(keys), m.pipeline.predict_proba(keys)[:, 1])


def test_the_model_is_fitted_once_deterministically_from_the_corpus():
    assert purpose.model() is purpose.model()
    train = corpus().filter(pl.col("split") == "train")
    assert np.array_equal(purpose.fit(train).weights, purpose.fit(train).weights)
    assert np.array_equal(purpose.fit(train).weights, purpose.model().weights)


# -- NK-07 -------------------------------------------------------------------------------------------


def _payments(*purposes: str) -> Frames:
    rows = [
        {"payment_id": i, "agreement_id": 10, "right_id": 50, "payer_id": 1, "performer_id": 2, "paid_on": date(2024, 3, 12),
         "amount": 100_000, "purpose": text, "document_number": f"ПП-{i}", "year": 2024}
        for i, text in enumerate(purposes, start=1)
    ]
    return Frames.build(date(2026, 1, 1), payments=rows)


def test_nk07_flags_the_examiners_classes_with_the_words_and_the_score():
    texts = [NOT_RD["travel"][0], NOT_RD["repair of a laboratory"][0], RD[0], RD[5]]
    out = evaluate(NK07, _payments(*texts)).sort("subject_id")
    assert out["status"].to_list() == ["flagged", "flagged", "clear", "clear"]
    evidence = json.loads(out["evidence"][0])
    assert "командировочных" in evidence["non_rd_terms"] and evidence["min_score"] == purpose.DEFAULT_MIN_SCORE
    assert evidence["non_rd_score"] >= 0.5
    english = explain(NK07, evidence, "en")
    assert "командировочных" in english and "probability of non-R&D" in english
    assert "вероятность" in explain(NK07, evidence, "ru") and "ықтималдығы" in explain(NK07, evidence, "kk")


def test_nk07_threshold_is_configuration():
    text = NOT_RD["sponsorship of science"][2]
    score = classify_text(text).score
    assert evaluate(NK07, _payments(text))["status"].to_list() == ["flagged"]
    assert evaluate(NK07, _payments(text), {"min_score": min(1.0, score + 0.01)})["status"].to_list() == ["clear"]
    assert NK07.version == 2 and [t.name for t in NK07.thresholds] == ["min_score"]


# -- services and goods bought around R&D (a non-R&D head noun whose object is the R&D) -----------
# Written before the corpus held this class, in wordings of their own, and never trained on: the
# examiners' «изготовление буклетов … по результатам НИОКР» and «банковская комиссия … по договору
# НИОКР» lost to the R&D abbreviation while taxi, laptops and hall rental were caught.

AROUND_RD = [
    "Печать брошюр с итогами НИОКР, тираж 300 экз.",
    "Изготовление роллапа для презентации результатов научно-исследовательской работы",
    "Сувенирные кружки с логотипом проекта НИР",
    "Комиссия банка за валютный платеж исполнителю НИОКР",
    "Конвертация тенге в евро для оплаты зарубежному исполнителю ОКР",
    "Нотариальное заверение копии договора на выполнение НИР",
    "Перевод на английский язык отчета о НИОКР, 120 страниц",
    "Экспресс-доставка образцов и отчета по НИР в Алматы",
    "Почтовые расходы на отправку актов по договору НИОКР",
    "Проживание в гостинице участников научной экспедиции по НИР",
    "Регистрационный взнос за участие сотрудника в конференции по результатам НИОКР",
    "Кофе-брейк на семинаре по итогам научно-исследовательских работ",
    "Страхование аналитического оборудования научной лаборатории",
    "Юридическое сопровождение заключения договора НИОКР",
    "Услуги патентного поверенного по заявке на изобретение, полученное в ходе НИР",
    "Годовая подписка на базу научных публикаций для отдела НИОКР",
    "Продление лицензии на программу моделирования для научной лаборатории",
    "Аренда офиса проектной группы НИОКР за март",
    "Электроэнергия и водоснабжение научной лаборатории за февраль",
    "Типографские услуги: печать отчета о НИР в твердом переплете",
    "ҒЗТКЖ нәтижелері бойынша буклеттер басып шығару",
    "ҒЗТКЖ шарты бойынша аударым үшін банк комиссиясы",
    "Ғылыми-зерттеу жұмысының есебін ағылшын тіліне аудару",
    "ҒЗЖ жобасы бойынша конференцияға тіркеу жарнасы",
    "Ғылыми зертхана жабдығын сақтандыру",
    "ҒЗТКЖ шартын нотариаттық куәландыру",
    "Ғылыми экспедиция қатысушыларының қонақүйде тұруы",
    "ҒЗТКЖ есептерін курьерлік жеткізу",
    "Ғылыми зертхананың коммуналдық қызметтері, наурыз",
    "ҒЗЖ бойынша семинарға кофе-брейк ұйымдастыру",
    "Printing of posters presenting the R&D results",
    "Bank charges for the transfer under the R&D contract",
    "Currency exchange fee for paying the foreign R&D contractor",
    "Courier delivery of the research report to the client",
    "Hotel accommodation for researchers attending the R&D project meeting",
    "Registration fee for staff at a conference on the research findings",
    "Legal advice on the R&D agreement terms",
    "Patent attorney fees for filing an application on the research outcome",
    "Annual licence renewal of lab data software for the R&D team",
    "Branded souvenirs for the R&D project kick-off",
]

#: R&D whose topic is one of those services: the head of the phrase is research.
RD_ABOUT_THEM = [
    "НИР: разработка методики банковского скоринга малого бизнеса, этап 1",
    "НИОКР по созданию технологии печати гибкой электроники",
    "Научное исследование систем машинного перевода для казахского языка, этап 2",
    "Разработка алгоритма оптимизации курьерской логистики, ОКР",
    "Банктік скорингтің жаңа әдістемесін әзірлеу бойынша ҒЗЖ",
    "Research on insurance risk models for laboratory equipment, stage 2",
    "R&D: development of a printing process for solar cell films",
    "Experimental development of a hotel energy management system, R&D stage 1",
]


def test_the_around_rd_check_set_is_not_in_the_corpus():
    assert len(AROUND_RD) == 40 and len(set(AROUND_RD)) == 40
    assert not {t.lower() for t in AROUND_RD + RD_ABOUT_THEM} & KNOWN


def test_it_catches_services_and_goods_bought_around_rd():
    found = classify(pl.Series(AROUND_RD), explain=False)
    missed = found.filter(~pl.col("non_rd"))["text"].to_list()
    assert found.height == 40
    assert 1 - len(missed) / 40 >= 0.9, missed


def test_rd_about_such_services_stays_rd():
    found = classify(pl.Series(RD_ABOUT_THEM), explain=False)
    assert found.filter(pl.col("non_rd"))["text"].to_list() == []


# -- R&D whose topic names a non-R&D activity (the head of the phrase is the research) ---------------
# Written before the corpus held this class, in wordings of their own, and never trained on: the
# synthetic country's «НИР по договору № ДНТ-2024/041 … по теме «Производство строительных
# материалов …»» was flagged because the topic's «производство» outweighed «НИР».

TOPIC_RD = [
    "НИР по договору № ДНТ-2024/041 от 12.02.2024 по теме «Производство строительных материалов из отходов горно-металлургического производства», этап 2",
    "НИОКР по теме «Технология ремонта скважин без подъёма труб», этап 1",
    "Оплата НИР по теме «Строительство энергоэффективных жилых домов из местного сырья»",
    "НИОКР по теме «Транспортировка высоковязкой нефти по трубопроводам в зимний период»",
    "НИР по теме «Методика обучения операторов буровых установок на тренажёрах»",
    "Научно-исследовательская работа по теме «Маркетинговая аналитика розничных продаж топлива»",
    "НИОКР по теме «Технология производства функциональных продуктов питания для вахтовиков»",
    "НИР по теме «Системы охраны периметра промышленных объектов с применением тепловизоров», этап 3",
    "ОКР по теме «Присадки к дизельному топливу для холодного климата»",
    "НИОКР «Поставка электроэнергии в изолированные сети: модели и алгоритмы», этап 1",
    "Оплата НИР по теме «Ремонт и восстановление лопаток газовых турбин методом наплавки»",
    "НИР по теме «Уборка и утилизация нефтешламов биологическим способом»",
    "Выполнение НИОКР по теме «Монтаж и эксплуатация солнечных электростанций в степной зоне»",
    "НТР по теме «Аренда и совместное использование научного оборудования: организационная модель»",
    "НИР по теме «Производство цемента с пониженным выбросом СО2», акт этапа 2",
    "ОТР по теме «Переработка отходов общественного питания в биогаз»",
    "Аванс по НИОКР по теме «Строительство подводных переходов трубопроводов методом ГНБ»",
    "ҒЗТКЖ тақырыбы: «Құрылыс материалдарын өнеркәсіп қалдықтарынан өндіру технологиясы», 2-кезең",
    "Зерттеу: құрылыс материалдарын өндіру технологиясы",
    "«Ұңғымаларды құбырларды көтермей жөндеу технологиясы» тақырыбы бойынша ҒЗТКЖ",
    "«Ауыр мұнайды құбыр арқылы тасымалдау» тақырыбындағы ғылыми-зерттеу жұмысы, 1-кезең",
    "ҒЗЖ: «Бұрғылау операторларын оқыту әдістемесі» тақырыбы бойынша төлем",
    "«Қоғамдық тамақтану қалдықтарын қайта өңдеу» тақырыбы бойынша ҒЗТКЖ, аванс",
    "ҒЗТКЖ: «Өндірістік нысандарды күзету жүйелері» тақырыбы, 3-кезең",
    "«Дизель отынына арналған қоспалар» тақырыбы бойынша тәжірибелік-конструкторлық жұмыс",
    "ҒЗЖ «Цемент өндірісінде шлакты пайдалану» тақырыбы бойынша, 2-кезең",
    "«Жол құрылысында полимерлерді қолдану» тақырыбындағы ҒЗТКЖ үшін төлем",
    "R&D on a catering waste recycling process, stage 2",
    "Research on the topic \"Production of building materials from mining waste\", stage 1",
    "R&D project \"Well repair technology without pulling tubing\", phase 2",
    "Research work on the topic \"Transportation of heavy oil in winter conditions\"",
    "R&D: \"Training methods for drilling rig operators using simulators\", stage 1",
    "Research on marketing analytics for retail fuel sales, final stage",
    "R&D on the topic \"Perimeter security systems with thermal imaging\"",
    "Research and development: fuel additives for cold climate diesel, stage 3",
    "R&D on the topic \"Construction of energy-efficient houses from local materials\"",
    "Research on the topic \"Installation of solar power plants in the steppe\", stage 2",
    "Research works on the topic \"Cleaning of oil sludge by bacteria\", advance",
    "R&D on food processing technology for shift camps, stage 1",
    "Research on the topic \"Cement production with lower CO2 emissions\", acceptance act",
]

#: Genuine non-R&D look-alikes: the head is the service or the good, the R&D only its occasion.
TOPIC_LOOKALIKES = [
    "Ремонт скважины № 12 по договору подряда",
    "Производство и поставка строительных материалов для лаборатории НИОКР",
    "Строительство склада для опытной установки по договору НИОКР",
    "Транспортные услуги по доставке керна по договору НИР",
    "Обучение персонала на курсах повышения квалификации, проект НИОКР",
    "Ұңғыманы жөндеу жұмыстары, мердігерлік шарт бойынша",
    "ҒЗТКЖ жобасы бойынша зертхана ғимаратын салу",
    "Catering services for the R&D project team, March",
    "Security guard services at the research site under the R&D contract",
    "Purchase of diesel fuel additives for the pilot plant",
]


def test_the_topic_check_set_is_not_in_the_corpus():
    assert len(TOPIC_RD) == 40 and len(set(TOPIC_RD)) == 40
    assert len(TOPIC_LOOKALIKES) == 10 and len(set(TOPIC_LOOKALIKES)) == 10
    assert not {t.lower() for t in TOPIC_RD + TOPIC_LOOKALIKES} & KNOWN


def test_rd_whose_topic_names_a_non_rd_activity_stays_rd():
    found = classify(pl.Series(TOPIC_RD), explain=False)
    flagged = found.filter(pl.col("non_rd"))["text"].to_list()
    assert found.height == 40
    assert len(flagged) / 40 <= 0.1, flagged


def test_a_non_rd_head_around_an_rd_topic_is_still_flagged():
    found = classify(pl.Series(TOPIC_LOOKALIKES), explain=False)
    missed = found.filter(~pl.col("non_rd"))["text"].to_list()
    assert found.height == 10
    assert len(missed) / 10 <= 0.1, missed
