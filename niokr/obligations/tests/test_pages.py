"""The subsoil-user page, the right page and the regime catalogue: content, scope, exports, query counts."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from python_calamine import CalamineWorkbook

from niokr.obligations.models import RuleRegime

pytestmark = pytest.mark.django_db


def holder_url(org):
    return reverse("obligations:holder-detail", args=[org.pk])


def right_url(right):
    return reverse("obligations:right-detail", args=[right.pk])


def assert_csp_clean(page: str):
    """No inline style attributes, no inline scripts, no inline event handlers (the CSP would block them)."""
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\son[a-z]+=", page)


# --- The subsoil-user page --------------------------------------------------------------------


def test_a_company_user_sees_its_rights_with_per_year_figures_and_their_reasons(country, personas):
    page = personas.client("company", country.oil).get(holder_url(country.oil)).content.decode()
    assert "Kazakh Oil Refining LLP" in page and country.oil.bin in page
    assert "HC-OIL-1" in page and reverse("obligations:right-detail", args=[country.oil_right.pk]) in page
    assert "Partly fulfilled" in page and "Arrears of ₸6,000.00 remain for this year." in page
    assert "Obligation = 1.00\u00a0% × production costs of the previous year of 2024 (₸2,000,000.00) = ₸20,000.00" in page
    assert "<details>" in page and "The performer is neither a Kazakhstani supplier" in page
    assert reverse("obligations:statement-pdf", args=[country.oil.pk, 2025]) in page
    regime = RuleRegime.objects.get(code="CODE2017_COSTS")
    assert reverse("obligations:regime-detail", args=[regime.pk]) in page
    assert_csp_clean(page)


def test_the_reasons_are_written_in_the_users_language(country, personas):
    page = personas.client("company", country.oil, language="kk").get(holder_url(country.oil)).content.decode()
    assert "Осы жыл үшін 6\u202f000,00\u00a0₸ берешек қалады." in page


def test_the_subsoil_user_page_totals_each_year(country, personas):
    page = personas.client("auditor", country.chamber).get(holder_url(country.oil)).content.decode()
    totals = page[page.index('id="totals"') : page.index('id="rights"')]
    assert "20,000.00" in totals and "6,000.00" in totals and "25,000.00" in totals


def test_the_submissions_panel_loads_with_htmx(country, personas):
    page = personas.client("company", country.oil).get(holder_url(country.oil)).content.decode()
    panel = reverse("intake:organisation-submissions", args=[country.oil.pk])
    assert f'hx-get="{panel}"' in page and 'hx-trigger="load"' in page


def test_a_company_user_never_sees_another_company(country, personas):
    client = personas.client("company", country.oil)
    assert client.get(holder_url(country.mine)).status_code == 404
    assert client.get(right_url(country.mine_right)).status_code == 404
    assert client.get(holder_url(country.mine) + "?export=csv&table=balances").status_code == 404
    assert client.get(right_url(country.mine_right) + "?export=xlsx&table=ledger").status_code == 404


def test_a_regulator_sees_only_holders_in_its_competence(country, personas):
    energy = personas.client("regulator", country.ministry_energy, authority="energy")
    industry = personas.client("regulator", country.ministry_industry, authority="industry")
    assert energy.get(holder_url(country.oil)).status_code == 200
    assert energy.get(holder_url(country.mine)).status_code == 404
    assert industry.get(holder_url(country.oil)).status_code == 404
    assert industry.get(right_url(country.mine_right)).status_code == 200
    assert industry.get(right_url(country.oil_right)).status_code == 404


def test_an_outsider_and_an_anonymous_visitor_see_no_subsoil_user(country, personas):
    assert personas.client(None, None).get(holder_url(country.oil)).status_code == 404
    response = Client().get(holder_url(country.oil))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_subsoil_user_page_exports_its_balances(country, personas):
    client = personas.client("company", country.oil)
    response = client.get(holder_url(country.oil) + "?export=csv&table=balances")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "HC-OIL-1;2025" in text and ";20000.00;" in text and ";6000.00;" in text
    assert client.get(holder_url(country.oil) + "?export=pdf&table=balances").status_code == 404
    assert client.get(holder_url(country.oil) + "?export=csv&table=nothing").status_code == 404


def test_the_subsoil_user_page_needs_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("auditor", country.chamber)
    with django_assert_max_num_queries(12):
        assert client.get(holder_url(country.oil)).status_code == 200


# --- The right page ---------------------------------------------------------------------------


def test_the_right_page_shows_regime_history_balances_base_revisions_and_ledger(country, personas):
    page = personas.client("company", country.oil).get(right_url(country.oil_right)).content.decode()
    assert "Code of 27.12.2017, art. 129" in page and "Joint order of December 2025" in page
    assert "BUDGET2026_COSTS" in page and "Fulfilled" in page
    assert "confirmed by the audit" not in page  # the note is not a column; the audit revision is
    assert "Audit or inspection" in page
    ledger = page[page.index('id="ledger"') :]
    assert ledger.index("25,000.00") < ledger.index("15,000.00")  # newest first
    assert f"?entry={country.reversed_entry.pk}#ledger" in ledger and "reversed on " in ledger and "reverses the entry of 1 Jul 2025" in ledger
    assert_csp_clean(page)


def test_the_ledger_filter_finds_an_entry_and_its_reversal(country, personas):
    page = personas.client("company", country.oil).get(right_url(country.oil_right) + f"?entry={country.reversed_entry.pk}").content.decode()
    ledger = page[page.index('id="ledger"') :]
    assert f'id="entry-{country.reversed_entry.pk}"' in ledger and f'id="entry-{country.reversal.pk}"' in ledger
    assert "15,000.00" not in ledger


def test_the_right_page_exports_balances_ledger_and_base_figures(country, personas):
    client = personas.client("company", country.oil)
    book = CalamineWorkbook.from_filelike(io.BytesIO(client.get(right_url(country.oil_right) + "?export=xlsx&table=ledger").content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][:5] == ["Date", "Year", "Kind", "Channel", "Amount"] and len(rows) == 1 + 9  # obligations of 2024–2026, five postings, one exclusion, one reversal
    assert "Performer BIN" in rows[0] and "№" not in rows[0]  # the entry's id is not a column
    amounts = sorted(r[4] for r in rows[1:])
    assert 25000 in amounts and 15000 in amounts
    balances = client.get(right_url(country.oil_right) + "?export=csv&table=balances").content.decode("utf-8-sig")
    assert "HC-OIL-1;2025;production_costs;2024;2000000.00;CODE2017_COSTS;1;20000.00;14000.00;3000.00" in balances
    assert "Arrears of ₸6,000.00 remain for this year." in balances
    figures = client.get(right_url(country.oil_right) + "?export=csv&table=base_figures").content.decode("utf-8-sig")
    assert figures.count("\r\n") == 1 + 4  # 2023, 2024 (two revisions), 2025


def test_the_right_page_needs_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("auditor", country.chamber)
    with django_assert_max_num_queries(12):
        assert client.get(right_url(country.oil_right)).status_code == 200


# --- The regime catalogue ---------------------------------------------------------------------


def test_every_signed_in_user_reads_the_regime_catalogue(country, personas):
    for client in (personas.client(None, None), personas.client("company", country.oil), personas.client("performer", country.institute)):
        page = client.get(reverse("obligations:regime-list")).content.decode()
        assert "CODE2017_COSTS" in page and "BUDGET2026_COSTS" in page and "LAW2010_SGD" in page
    response = Client().get(reverse("obligations:regime-list"))
    assert response.status_code == 302


def test_the_regime_page_shows_its_legal_basis_in_the_users_language(country, personas):
    regime = RuleRegime.objects.get(code="CODE2017_COSTS")
    english = personas.client(None, None, language="en").get(reverse("obligations:regime-detail", args=[regime.pk])).content.decode()
    assert escape(regime.legal_basis_en) in english and "17096" in english and "Production costs of the previous year" in english
    assert "From the 2nd calendar year of production" in english and "Over-fulfilment is not carried forward" in english
    russian = personas.client(None, None, language="ru").get(reverse("obligations:regime-detail", args=[regime.pk])).content.decode()
    assert escape(regime.legal_basis_ru) in russian
    assert_csp_clean(english)


def test_the_regime_catalogue_exports_and_filters(country, personas, django_assert_max_num_queries):
    client = personas.client(None, None)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("obligations:regime-list") + "?channel=budget").content.decode()
    table = page[page.index("<table") :]
    assert "BUDGET2026_COSTS" in table and "CODE2017_COSTS" not in table  # the filter's select names every regime
    text = client.get(reverse("obligations:regime-list") + "?export=csv").content.decode("utf-8-sig")
    assert text.count("\r\n") == 1 + RuleRegime.objects.count()


def test_an_unknown_regime_is_not_found(country, personas):
    assert personas.client(None, None).get(reverse("obligations:regime-detail", args=[999999])).status_code == 404


def test_the_ledger_speaks_the_users_language(country, personas):
    page = personas.client("company", country.oil, language="ru").get(right_url(country.oil_right)).content.decode()
    ledger = page[page.index('id="ledger"') :]
    assert "Прямые расходы на НИОКР" in ledger and "Перечисление в бюджет (КБК 401103)" in ledger and "Сторно" in ledger
    assert "25\u202f000,00\u00a0₸" in ledger
