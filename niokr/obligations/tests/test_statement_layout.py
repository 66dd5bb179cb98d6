"""The PDF statement fits its pages: every column of every table, every line of text, in kk, ru and en.

The statement is laid out by WeasyPrint; its layout boxes (``document.pages[i]._page_box`` and
their descendants) give each box's position and width. No box may reach past the right edge of
the page's content area, and no text may run out of its table cell (a column pushed off the page
or an amount cut by its neighbour is exactly what a regulator could not read). The stress case
has the largest amounts a statement meets (a base of trillions of tenge), a long right number
and a right with no balance.

The rendered PDFs are kept in ``artifacts/pdf/`` and, where ``pdftoppm`` (poppler-utils) is
installed, PNGs of their first two pages in ``artifacts/screenshots/`` (both git-ignored); the
test does not need ``pdftoppm``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from niokr.core.formatting import money_text, rate_text
from niokr.obligations import services
from niokr.obligations.statement import statement_document

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
#: Rounding slack of the layout, in CSS pixels (1/96 inch).
SLACK = 0.5
MM = 96 / 25.4


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _descendants(child)


def _right_edge(box) -> float:
    """Where ``box``'s border box ends on the page, in CSS pixels."""
    return box.position_x + box.margin_width() - (box.margin_right or 0)


def _content_right(page_box) -> float:
    return page_box.content_box_x() + page_box.width


@pytest.fixture
def wide_statement(country, build):
    """The oil company with three more rights: the largest amounts, a long number, one without a balance."""
    big = build.right(country.oil, number="HC-OIL-2/2018-ЖҚ-1234", mineral_group="hydrocarbons", right_type="hc_production")
    small = build.right(country.oil, number="HC-OIL-3", mineral_group="solid", right_type="lic_solid_mining")
    build.right(country.oil, number="HC-OIL-4", mineral_group="hydrocarbons", right_type="hc_exploration", production_start=None)
    for right in (big, small):
        services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code of 27.12.2017, art. 129")
    for year in (2023, 2024):
        services.record_base_figure(right=big, year=year, base_type="production_costs", amount=Decimal("8765432109876.54"), source="report")
        services.record_base_figure(right=small, year=year, base_type="production_costs", amount=Decimal("1234.56"), source="report")
    # No performer named: the whole amount is not counted, and the obligation stays owed.
    services.post_entry(right=big, year=2025, kind="direct_spend", amount=Decimal("76543210987.65"), entry_date=date(2025, 5, 10), idempotency_key="t:big:1", channel="direct", performer=None, source_type="test", reference="t:big:1")
    services.recompute()
    return country.oil


def _overflows(document) -> list[str]:
    """Every box past the page's content edge and every text past its table cell, with its text."""
    problems = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = _content_right(page_box)
        for box in _descendants(page_box):
            if box is page_box or type(box).__name__.startswith("Margin"):
                continue  # the page itself and its margin boxes (reference, page number)
            if type(box).__name__ == "TableBox" and _right_edge(box) > right + SLACK:
                problems.append(f"page {number}: a table ends at {_right_edge(box):.1f}px, the page at {right:.1f}px")
            elif _right_edge(box) > right + SLACK:
                problems.append(f"page {number}: {type(box).__name__} {getattr(box, 'text', '')!r} ends at {_right_edge(box):.1f}px, the page at {right:.1f}px")
            if type(box).__name__ == "TableCellBox":
                cell_right = box.content_box_x() + box.width
                for inner in _descendants(box):
                    if type(inner).__name__ == "TextBox" and _right_edge(inner) > cell_right + SLACK:
                        problems.append(f"page {number}: {inner.text!r} runs out of its cell by {_right_edge(inner) - cell_right:.1f}px")
    return problems


def _widest_table(document) -> tuple[float, float]:
    """(the widest table's right edge, the page content's right edge) on the statement's first page, in mm from the content's left."""
    page_box = document.pages[0]._page_box
    left = page_box.content_box_x()
    tables = [b for b in _descendants(page_box) if type(b).__name__ == "TableBox"]
    return max((_right_edge(t) - left) / MM for t in tables), page_box.width / MM


def _flat(text: str) -> str:
    """Text with every run of spaces (no-break and narrow ones too) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def _text(pdf: bytes) -> str:
    return _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _keep(pdf: bytes, language: str) -> None:
    """The PDF into artifacts/pdf/, and PNGs of its first pages into artifacts/screenshots/ if pdftoppm is there."""
    (ARTIFACTS / "pdf").mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "pdf" / f"statement-{language}.pdf"
    path.write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
        subprocess.run([pdftoppm, "-r", "110", "-png", "-f", "1", "-l", "2", str(path), str(ARTIFACTS / "screenshots" / f"statement-{language}")], check=False, timeout=120)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_column_and_every_amount_of_the_statement_is_on_the_page(wide_statement, language):
    document = statement_document(organisation=wide_statement, year=2025, language=language)
    assert _overflows(document) == []
    widest, page = _widest_table(document)
    assert widest <= page + 0.1 and page > 260  # landscape A4: 297 mm less the margins
    pdf = document.write_pdf()
    _keep(pdf, language)
    text = _text(pdf)
    # The per-right table's last columns are on the page, with the largest amounts in full.
    # The obligation and the arrears (the last money column) of the largest right are both there in full.
    assert text.count(_flat(money_text(Decimal("87654321098.77"), language))) >= 2  # 1 % of 8.77 trillion, rounded half up
    assert _flat(money_text(Decimal("76543210987.65"), language)) in text  # not counted
    assert _flat(rate_text(Decimal("0.01"), language)) in text
    assert {"kk": "Мәртебе", "ru": "Статус", "en": "Status"}[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explanations_write_amounts_rates_and_dates_as_the_pages_do(country, language):
    document = statement_document(organisation=country.oil, year=2025, language=language)
    text = _text(document.write_pdf())
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date in the statement"
    assert not re.search(r"\b\d{5,}\.\d{2}\b", text), "an ungrouped amount in the statement"
    assert "0.010000" not in text and "0,010000" not in text
    expected = {"kk": ("6 000,00 ₸", "1,00 %", "31.12.2025"), "ru": ("6 000,00 ₸", "1,00 %", "31.12.2025"), "en": ("₸6,000.00", "1.00 %", "31 Dec 2025")}[language]
    for part in expected:
        assert part in text, (part, text[:1500])
    generated = {"kk": r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", "ru": r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", "en": r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}"}[language]
    assert re.search(generated, text), "the statement's date-time is not written as the language writes it"
