"""The ledger, the regimes and the balances speak the business's words in the user's language.

A ledger entry says what it came from ("Payment No ПП-1234 of 12.03.2025", a budget transfer, the
calculation of the obligation, an audit case) — never ``projects.Payment 7936`` or an id — on the
right's page, in its export and in the API's ``source_display``. A regime is named by its name
(the code small beside it where experts need it) in lists, filters and explanations; its
reporting frequency and open legal questions are in the page's language.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from niokr.obligations import services
from niokr.obligations.catalogue import NAMES, NOTES, REGIMES
from niokr.obligations.describe import describe_sources, regime_label
from niokr.obligations.models import LedgerEntry, RuleRegime
from niokr.obligations.reasons import render_reason
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def right_url(right, **query) -> str:
    url = reverse("obligations:right-detail", args=[right.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def sourced(country):
    """The oil right's 2025 ledger with entries from a payment, a transfer, a case and a recalculation."""
    agreement = Agreement.objects.create(
        payer=country.oil, performer=country.institute, number="НИР-1", signed_on=date(2025, 1, 10), subject="Исследование",
        amount=Decimal("90000.00"), period_start=date(2025, 1, 10), period_end=date(2025, 12, 31),
    )
    payment = Payment.objects.create(pk=880077, agreement=agreement, right=country.oil_right, paid_on=date(2025, 3, 12), amount=Decimal("7000.00"), purpose="Оплата", document_number="ПП-1234")
    paid, _ = services.post_entry(
        right=country.oil_right, year=2025, kind="direct_spend", amount=payment.amount, entry_date=payment.paid_on, idempotency_key=f"payment:{payment.pk}",
        channel="direct", performer=country.institute, source_type="projects.Payment", source_id=str(payment.pk),
    )
    transfer = services.record_transfer(payer=country.oil, right=country.oil_right, order_number="77", paid_on=date(2026, 2, 5), amount=Decimal("100.00"), for_year=2026, confirmed_on=date(2026, 2, 6))
    transferred = LedgerEntry.objects.get(source_type="obligations.BudgetTransfer", source_id=str(transfer.pk))
    excluded, _ = services.post_entry(
        right=country.oil_right, year=2025, kind="exclusion", amount=Decimal("50.00"), entry_date=date(2025, 3, 12), idempotency_key="exclusion:АП-2026-0001:1",
        channel="direct", performer=country.institute, source_type="control.CaseItem", source_id="987654", reference="АП-2026-0001",
    )
    calculated = LedgerEntry.objects.filter(right=country.oil_right, kind="obligation", source_type="obligations.recompute").exclude(regime_code="").first()
    reversal = services.reverse_entry(entry=paid, reason="recompute: obligation changed")
    return {"payment": payment, "paid": paid, "transfer": transfer, "transferred": transferred, "excluded": excluded, "calculated": calculated, "reversal": reversal}


EXPECTED = {
    "en": {"paid": "Payment No ПП-1234 of 12 Mar 2025", "transferred": "Budget transfer No 77 of 5 Feb 2026", "excluded": "Exclusion by audit case АП-2026-0001"},
    "ru": {"paid": "Платёж № ПП-1234 от 12.03.2025", "transferred": "Перечисление в бюджет № 77 от 05.02.2026", "excluded": "Исключение по делу проверки АП-2026-0001"},
    "kk": {"paid": "12.03.2025 күнгі № ПП-1234 төлем", "transferred": "05.02.2026 күнгі № 77 бюджетке аударым", "excluded": "АП-2026-0001 тексеру ісі бойынша алып тастау"},
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_ledger_entry_says_what_it_came_from_in_each_language(country, sourced, language):
    with translation.override(language):
        texts = describe_sources([sourced[k] for k in ("paid", "transferred", "excluded", "calculated", "reversal")])
        regime = regime_label(sourced["calculated"].regime_code)
    for key, expected in EXPECTED[language].items():
        assert texts[sourced[key].pk] == expected
    assert texts[sourced["reversal"].pk] == EXPECTED[language]["paid"]  # a reversal names what it undoes
    assert regime in texts[sourced["calculated"].pk] and sourced["calculated"].regime_code not in texts[sourced["calculated"].pk]
    for text in texts.values():
        assert "projects." not in text and "obligations." not in text and "control." not in text
        numbers = re.findall(r"\d+", text)
        assert str(sourced["payment"].pk) not in numbers and "987654" not in numbers


def test_the_right_page_and_its_export_show_sources_without_ids(country, sourced, personas):
    client = personas.client("company", country.oil, language="ru")
    page = client.get(right_url(country.oil_right)).content.decode()
    ledger = page[page.index('id="ledger"') :]
    assert "Платёж № ПП-1234 от 12.03.2025" in ledger and "Перерасчёт: обязательство изменилось" in ledger
    assert "projects.Payment" not in ledger and "obligations.recompute" not in ledger and "recompute: obligation changed" not in ledger
    assert f"БИН {country.institute.bin}" in ledger  # the performer with its BIN beside
    assert re.search(r"№\s*\d+<", ledger) is None  # no entry is numbered by its id
    rows = list(csv.reader(io.StringIO(client.get(right_url(country.oil_right, export="csv", table="ledger")).content.decode("utf-8-sig")), delimiter=";"))
    source = rows[0].index("Источник")
    assert "Платёж № ПП-1234 от 12.03.2025" in {row[source] for row in rows[1:]}
    assert not any(cell in ("projects.Payment", "obligations.recompute") or cell.startswith("projects.Payment ") for row in rows for cell in row)


def test_the_api_describes_each_entry_of_a_page(country, sourced, personas):
    client = personas.client("company", country.oil, language="en")
    results = client.get("/api/v1/obligations/ledger/", {"right": country.oil_right.pk, "page_size": 100}).json()["results"]
    by_id = {row["id"]: row for row in results}
    paid = by_id[sourced["paid"].pk]
    assert paid["source_display"] == "Payment No ПП-1234 of 12 Mar 2025"
    assert paid["performer_display"] == f"{country.institute.name_en}, BIN {country.institute.bin}"
    assert by_id[sourced["reversal"].pk]["reference_display"] == "Recalculation: the obligation changed"
    for row in results:
        for key in ("source_display", "performer_display"):
            assert str(row["id"]) not in re.findall(r"\d+", row[key]) and "880077" not in row[key] and "projects." not in row[key]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_regime_is_named_in_the_reasons_of_a_balance(language):
    text = render_reason({"code": "regime", "regime": "LAW2010_SGD", "version": 1, "on": "2025-12-31", "assignment_from": "2012-01-01"}, language)
    assert NAMES["LAW2010_SGD"][language] in text and "LAW2010_SGD" not in text


def test_every_regime_of_the_catalogue_has_a_name_and_its_legal_notes_in_three_languages():
    for spec in REGIMES:
        assert {"kk", "ru", "en"} <= set(NAMES[spec["code"]])
        notes = NOTES[(spec["code"], spec["version"])]
        assert notes["en"] == spec["gaps"]
        assert CYRILLIC.search(notes["ru"]) and CYRILLIC.search(notes["kk"])
        assert re.search("[ӘәҒғҚқҢңӨөҰұҮүІі]", notes["kk"]), spec["code"]  # Kazakh, not Russian


@pytest.mark.parametrize(("language", "frequency", "notes_word"), [("ru", "Ежеквартально", "Начало обязанности"), ("kk", "Тоқсан сайын", "Міндеттің басталуы"), ("en", "Quarterly", "Start of the duty")])
def test_the_regime_page_is_in_the_page_language(country, personas, language, frequency, notes_word):
    regime = RuleRegime.objects.get(code="LAW2010_SGD", version=1)
    page = personas.client(None, None, language=language).get(reverse("obligations:regime-detail", args=[regime.pk])).content.decode()
    assert f"<h1 class=\"h3 mb-1\">{NAMES['LAW2010_SGD'][language]}</h1>" in page
    assert frequency in page and "quarterly" not in page
    notes = page[page.index('class="mb-0 legal-notes"') :]
    assert notes_word in notes[:200]
    if language != "en":
        assert "Start of the duty" not in page


def test_the_regime_list_and_filter_show_names_with_the_code_small_beside(country, personas):
    page = personas.client(None, None, language="ru").get(reverse("obligations:regime-list")).content.decode()
    assert '<option value="CODE2017_COSTS">Кодекс 2017 г.: 1% затрат на добычу</option>' in page
    table = page[page.index("<tbody") :]
    assert "Кодекс 2017 г.: 1% затрат на добычу за предыдущий год" in table and '<div class="small muted"><span class="code">CODE2017_COSTS</span> · версия 1</div>' in table
    assert "---------" not in page


def test_the_rights_list_names_the_regime_in_force(country, personas):
    page = personas.client("company", country.oil, language="en").get(reverse("registry:right-list")).content.decode()
    table = page[page.index("<tbody") :]
    assert NAMES["BUDGET2026_COSTS"]["en"] in table and '<div class="small muted code">BUDGET2026_COSTS</div>' in table
    assert f'<option value="BUDGET2026_COSTS">{NAMES["BUDGET2026_COSTS"]["en"]}</option>' in page


def test_the_balances_name_their_regime_and_mark_arrears(country, personas):
    page = personas.client("company", country.oil, language="en").get(right_url(country.oil_right)).content.decode()
    balances = page[page.index('id="balances"') : page.index('id="base-figures"')]
    assert NAMES["CODE2017_COSTS"]["en"] in balances and '<span class="code">CODE2017_COSTS</span> v1' in balances
    assert 'class="num arrears text-danger fw-semibold">₸6,000.00' in balances  # 2025: arrears in red
    assert 'class="num arrears">₸0.00' in balances  # a year without arrears is not red


def test_an_empty_table_on_the_right_page_says_why(country, personas):
    right = country.mine_right
    page = personas.client("company", country.mine, language="en").get(right_url(right, year="1999")).content.decode()
    ledger = page[page.index('id="ledger"') :]
    assert "No ledger entries: nothing has been posted for this right with these filters." in ledger


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_regime_api_names_a_regime_and_its_legal_notes_in_the_language_asked(country, personas, language):
    rows = personas.client(None, None, language=language).get("/api/v1/obligations/regimes/", {"code": "LAW2010_SGD"}).json()["results"]
    row = next(r for r in rows if r["code"] == "LAW2010_SGD" and r["version"] == 1)
    assert row["name_display"] == NAMES["LAW2010_SGD"][language]
    assert row["gaps_display"] == NOTES[("LAW2010_SGD", 1)][language] and row["gaps"] == NOTES[("LAW2010_SGD", 1)]["en"]
    assert row["reporting_frequency_display"] == {"en": "Quarterly", "ru": "Ежеквартально", "kk": "Тоқсан сайын"}[language]
    balances = personas.client("company", country.oil, language=language).get("/api/v1/obligations/balances/", {"right": country.oil_right.pk}).json()["results"]
    assert {b["regime_display"] for b in balances} == {NAMES[code][language] for code in {b["regime_code"] for b in balances}}
