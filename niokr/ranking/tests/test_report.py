"""The foresight report: the PDF's text (pypdf) and the XLSX's sheets (python-calamine), in kk, ru and en."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from niokr.ranking import services
from niokr.ranking.models import RankingExercise
from niokr.ranking.report import render_pdf, render_xlsx

from .conftest import TITLE_KK, TITLE_RU

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def reported(world, computable):
    services.compute_run(ranking=computable, actor=world.users["analyst"])
    candidates = {c.code: c for c in computable.candidates.all()}
    services.add_roadmap_entry(candidate=candidates["T1"], layer="technology", year_from=2026, year_to=2028, description_kk="Прототип жасау", description_ru="Создание прототипа", actor=world.users["analyst"])
    services.add_roadmap_entry(candidate=candidates["T1"], layer="market", year_from=2030, year_to=2033, description_kk="ЕАЭО нарығы", description_ru="Рынок ЕАЭС", actor=world.users["analyst"])
    services.finalise(ranking=computable, actor=world.users["analyst"])
    return RankingExercise.objects.get(pk=computable.pk)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_pdf_holds_the_kazakh_and_russian_titles(reported, language):
    text = _text(render_pdf(ranking=reported, language=language))
    assert TITLE_KK in text
    assert TITLE_RU in text


def test_the_russian_pdf_holds_the_data_of_every_section(reported):
    text = _text(render_pdf(ranking=reported, language="ru"))
    for expected in ("Клиницисты", "Технология T1", "T4", "Создание прототипа", "Рынок ЕАЭС", "02.02.2026", "0,610", "Рейтинг МедТех"):
        assert expected in text, expected


def test_the_english_pdf_has_every_section(reported):
    text = _text(render_pdf(ranking=reported, language="en"))
    for expected in ("Method", "Consensus rules, locked before round 1", "The rules were locked on", "Response per round", "Round 1", "Round 2",
                     "Kendall's W", "Consistency ratio (CR)", "Sensitivity", "Flip points", "Importance × capability",
                     "Technology level (after KISTEP's survey)", "Roadmap", "Innovation potential by region", "consensus reached"):
        assert expected in text, expected


def test_the_report_names_no_panellist(world, reported):
    panellist = world.users["panellist"]
    panellist.first_name, panellist.last_name = "Зарина", "Уникальнова"
    panellist.save()
    for language in ("kk", "ru", "en"):
        text = _text(render_pdf(ranking=reported, language=language))
        assert "Уникальнова" not in text and "Зарина" not in text and panellist.username not in text
    book = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(ranking=reported, language="ru")))
    for index in range(len(book.sheet_names)):
        cells = " ".join(str(c) for row in book.get_sheet_by_index(index).to_python() for c in row)
        assert "Уникальнова" not in cells and panellist.username not in cells


def test_the_xlsx_has_a_sheet_per_section_with_numbers_as_numbers(reported):
    book = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(ranking=reported, language="ru")))
    names = book.sheet_names
    assert len(names) == 10
    title = book.get_sheet_by_index(0).to_python()
    flat = [str(cell) for row in title for cell in row]
    assert TITLE_KK in flat and TITLE_RU in flat
    ranking = book.get_sheet_by_index(4).to_python()
    assert ranking[1][1] in {"T1", "T2", "T3", "T4"}
    assert isinstance(ranking[1][3], float) and 0 <= ranking[1][3] <= 1
    results = book.get_sheet_by_index(3).to_python()
    assert len(results) == 1 + 2 * 4  # two rounds × four items
    rounds = book.get_sheet_by_index(2).to_python()
    assert [int(row[0]) for row in rounds[1:]] == [1, 2]
    assert isinstance(rounds[1][6], float)  # Kendall's W


@pytest.mark.parametrize("language", ["kk", "en"])
def test_the_xlsx_carries_both_titles_in_every_language(reported, language):
    book = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(ranking=reported, language=language)))
    flat = [str(cell) for row in book.get_sheet_by_index(0).to_python() for cell in row]
    assert TITLE_KK in flat and TITLE_RU in flat


def test_a_report_of_an_uncomputed_ranking_still_prints(world, ranking):
    text = _text(render_pdf(ranking=ranking, language="kk"))
    assert TITLE_KK in text and TITLE_RU in text
