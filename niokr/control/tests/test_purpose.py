"""The purpose classifier: non-R&D wordings in three languages, R&D wordings, and the weighing rule."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.purpose import classify, classify_text, normalise


@pytest.mark.parametrize(
    "text",
    [
        "Приобретение оборудования для производственного участка",
        "Закуп спецтехники для карьера",
        "Обучение персонала: курсы повышения квалификации",
        "Спонсорская помощь областному фонду",
        "Благотворительная помощь ко Дню шахтёра",
        "Вознаграждение работникам за рационализаторские предложения",
        "Строительство спортивной площадки в посёлке",
        "Капитальный ремонт административного здания",
        "Премия сотрудникам по итогам года",
        "Оплата консалтинговых услуг по аудиту финансовой отчётности",
        "Организация корпоративного мероприятия",
        "Қызметкерлердің біліктілігін арттыру курстары",
        "Жарнама қызметтері үшін төлем",
        "Әкімшілік ғимаратты жөндеу",
        "Sponsorship of a regional football club",
        "Purchase of equipment for the workshop",
        "Staff training course",
    ],
)
def test_it_recognises_spending_that_is_not_rd(text):
    found = classify_text(text)
    assert found.non_rd, found
    assert found.non_rd_terms


@pytest.mark.parametrize(
    "text",
    [
        "Оплата по договору № НИОКР-2024/003 от 15.01.2024 на выполнение НИОКР, этап 2",
        "Оплата за выполненные научно-исследовательские работы, этап 1",
        "Оплата опытно-конструкторских работ (этап 3)",
        "15.01.2024 № НИР-2024/003 шартқа сәйкес ғылыми-зерттеу жұмыстарына ақы төлеу, 1-кезең",
        "ҒЗТКЖ орындағаны үшін төлем",
        "Research and development works, stage 2",
        "Payment under R&D agreement No 7 of 01.02.2024",
        "Разработка системы управления флотацией на основе машинного обучения",
        "Машиналық оқыту негізіндегі жүйені әзірлеу",
    ],
)
def test_it_leaves_rd_wording_alone(text):
    assert not classify_text(text).non_rd


def test_rd_wording_that_outweighs_a_purchase_keeps_the_purpose():
    found = classify_text("Приобретение оборудования для экспериментальных исследований")
    assert found.non_rd_terms == ("приобретение", "оборудования")
    assert found.rd_terms == ("экспериментальных", "исследований")
    assert not found.non_rd


def test_non_rd_wording_must_outnumber_rd_wording():
    assert not classify_text("Ремонт лабораторного стенда").non_rd  # one against one
    assert classify_text("Ремонт и покраска здания лаборатории за счёт премии").non_rd


def test_an_agreement_number_does_not_vouch_for_the_purpose():
    found = classify_text("Ремонт кровли по договору № НИР-2023/005")
    assert found.rd_terms == ()
    assert found.non_rd


def test_matching_starts_at_a_word_and_is_case_and_yo_insensitive():
    assert classify_text("ОТЧЁТНОСТЬ: АУДИТ ФИНАНСОВОЙ ОТЧЕТНОСТИ").non_rd
    assert classify_text("Ресурсные испытания").non_rd_terms == ()  # «ресурс» is not «курс»
    assert normalise("  Отчётность   АУДИТ ") == "отчетность аудит"


def test_the_minimum_number_of_non_rd_words_is_a_parameter():
    assert classify_text("Ремонт здания").non_rd
    assert not classify_text("Ремонт здания", min_non_rd_terms=2).non_rd
    assert classify_text("Ремонт и строительство здания", min_non_rd_terms=2).non_rd


def test_empty_purposes_are_not_classified():
    found = classify(pl.Series(["", "   ", None, "Ремонт"], dtype=pl.Utf8))
    assert found["text"].to_list() == ["Ремонт"]
    assert classify_text("  ").non_rd is False


def test_purposes_differing_only_in_numbers_share_the_verdict():
    found = classify(pl.Series(["Оплата НИР, этап 1", "Оплата НИР, этап 2", "Ремонт 12 кабинетов", "Ремонт 3 кабинетов"]))
    verdicts = dict(zip(found["text"].to_list(), found["non_rd"].to_list(), strict=True))
    assert verdicts == {"Оплата НИР, этап 1": False, "Оплата НИР, этап 2": False, "Ремонт 12 кабинетов": True, "Ремонт 3 кабинетов": True}


WORDS = st.sampled_from(["оплата", "ремонт", "НИОКР", "зерттеу", "training", "research", "по", "договору", "этап", "спонсорская", "помощь", "ҒЗТКЖ", "Ё"])


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8), st.integers(0, 9999))
def test_the_verdict_follows_the_rule_and_ignores_case_and_digits(words, number):
    text = " ".join(words)
    found = classify_text(text)
    assert found.non_rd == (len(found.non_rd_terms) >= 1 and len(found.non_rd_terms) > len(found.rd_terms))
    assert classify_text(text.upper()).non_rd == found.non_rd
    assert classify_text(f"{text} {number}").non_rd == found.non_rd
