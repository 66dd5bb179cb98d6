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


def _sections(ranking, language: str) -> dict[str, str]:
    """The report's HTML by its numbered sections (``"6"`` is the roadmap)."""
    import re

    from django.template.loader import render_to_string
    from django.utils import translation

    from niokr.ranking.report import report_data

    with translation.override(language):
        html = render_to_string("ranking/report.html", {"data": report_data(ranking=ranking, language=language), "language": language})
    parts = re.split(r"<h2>(\d+)\. ", html)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _no_empty_table(sections: dict[str, str]) -> None:
    for number, html in sections.items():
        assert "<tbody></tbody>" not in html.replace("\n", ""), number


def test_an_empty_roadmap_prints_a_line_not_an_empty_table(ranking):
    sections = _sections(ranking, "en")
    assert "<table" not in sections["6"] and "No roadmap entry yet." in sections["6"]
    _no_empty_table(sections)
    assert "No roadmap entry yet." in _text(render_pdf(ranking=ranking, language="en"))


def test_every_empty_section_of_a_bare_ranking_prints_a_line(world):
    bare = services.create_ranking(code="BARE", title_kk="Бос рейтинг", title_ru="Пустой рейтинг", priority_direction="agritech", foresight_exercise=None, actor=world.users["analyst"])
    sections = _sections(bare, "en")
    _no_empty_table(sections)
    for number, line in (("3", "Not computed yet"), ("4", "No candidate has both Delphi medians yet."), ("5", "No candidate yet."), ("6", "No roadmap entry yet."), ("7", "No data yet.")):
        assert "<table" not in sections[number] and line in sections[number], number


def test_a_roadmap_with_entries_prints_its_table(reported):
    sections = _sections(reported, "ru")
    assert "<table" in sections["6"] and "Создание прототипа" in sections["6"]
    assert "No roadmap entry yet." not in sections["6"]
