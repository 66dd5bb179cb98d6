"""The PDF compliance statement: in the user's language, with the Kazakh name, the figures and the chart."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from niokr.obligations.statement import render_statement
from niokr.obligations.tests.conftest import KAZAKH_NAME

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_statement_carries_the_kazakh_name_with_its_kazakh_letters(country):
    text = pdf_text(render_statement(organisation=country.oil, year=2025, language="en"))
    assert KAZAKH_NAME in text and set("ҚұөңӨ") & set(text)
    assert "Kazakh Oil Refining LLP" in text and country.oil.bin in text


def test_the_statement_gives_each_rights_figures_reasons_and_totals(country):
    text = pdf_text(render_statement(organisation=country.oil, year=2025, language="en"))
    flat = re.sub(r"\s+", " ", text)
    assert "HC-OIL-1" in flat and "CODE2017_COSTS v1" in flat and "Partly fulfilled" in flat
    assert "₸20,000.00" in flat and "₸14,000.00" in flat and "₸6,000.00" in flat
    assert "Arrears of ₸6,000.00 remain for this year." in flat
    assert re.search(r"Reference NIOKR-2025-" + country.oil.bin + r"-\d{8}-[0-9A-F]{8}", flat)
    assert "Obligation and eligible fulfilment by year" in flat and "2024" in flat  # the chart and its table


@pytest.mark.parametrize("language, phrase", [("kk", "берешек"), ("ru", "задолженность"), ("en", "Arrears")])
def test_the_statement_speaks_the_requested_language(country, language, phrase):
    text = pdf_text(render_statement(organisation=country.oil, year=2025, language=language))
    assert phrase in text and KAZAKH_NAME in text


def test_the_reference_changes_when_a_figure_changes(country):
    from decimal import Decimal

    from niokr.obligations import services

    def reference():
        return re.search(r"NIOKR-2025-\d{12}-\d{8}-[0-9A-F]{8}", pdf_text(render_statement(organisation=country.mine, year=2025, language="ru"))).group(0)

    before = reference()
    assert reference() == before
    services.record_base_figure(right=country.mine_right, year=2024, base_type="production_costs", amount=Decimal("1500000.00"), source="audit")
    services.recompute()
    assert reference() != before


def test_a_company_downloads_its_own_statement_only(country, personas):
    client = personas.client("company", country.oil, language="kk")
    response = client.get(reverse("obligations:statement-pdf", args=[country.oil.pk, 2025]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"niokr-statement-{country.oil.bin}-2025.pdf" in response["Content-Disposition"]
    assert "берешек" in pdf_text(response.content)
    assert client.get(reverse("obligations:statement-pdf", args=[country.mine.pk, 2025])).status_code == 404
    assert client.get(reverse("obligations:statement-pdf", args=[country.oil.pk, 1999])).status_code == 404


def test_a_regulators_statement_covers_its_competence(country, personas):
    client = personas.client("regulator", country.ministry_industry, authority="industry")
    assert client.get(reverse("obligations:statement-pdf", args=[country.oil.pk, 2025])).status_code == 404
    text = pdf_text(client.get(reverse("obligations:statement-pdf", args=[country.mine.pk, 2025])).content)
    assert "SM-MINE-1" in text


def test_the_statement_names_the_regime_and_shows_a_year_still_open_in_progress(country, monkeypatch):
    from datetime import date

    from niokr.obligations import queries
    from niokr.obligations.describe import regime_label
    from django.utils import translation

    with translation.override("en"):
        title = regime_label("CODE2017_COSTS")
    assert title and title != "CODE2017_COSTS"
    flat = re.sub(r"\s+", " ", pdf_text(render_statement(organisation=country.oil, year=2025, language="en")))
    assert re.sub(r"\s+", " ", title) in flat and "Partly fulfilled" in flat
    monkeypatch.setattr(queries, "today", lambda: date(2025, 6, 1))  # 2025 still open
    flat = re.sub(r"\s+", " ", pdf_text(render_statement(organisation=country.oil, year=2025, language="en")))
    assert "In progress" in flat and "Partly fulfilled" not in flat
