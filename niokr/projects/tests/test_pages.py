"""The projects pages: agreements, payments and the performer page, each role seeing its own scope.

The world is the registry tests' ``country``: company A (solid minerals) pays performer P; company
B (hydrocarbons) pays P and Q.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from niokr.projects.models import Payment
from niokr.registry.tests.test_pages import INJECTION, build_country, csv_rows, table, text, xlsx_rows

pytestmark = pytest.mark.django_db

AGREEMENTS = reverse("projects:agreement-list")
PAYMENTS = reverse("projects:payment-list")


@pytest.fixture
def country(build):
    return build_country(build)


def agreement_page(agreement) -> str:
    return reverse("projects:agreement-detail", args=[agreement.pk])


def performer_page(org) -> str:
    return reverse("projects:performer-detail", args=[org.pk])


def numbers_in(page: str, country, keys) -> set[str]:
    return {k for k in keys if country.objects[k].number in page}


def documents_in(page: str, country) -> set[str]:
    return {k for k in ("pay_a1", "pay_a2", "pay_bp", "pay_bq") if country.objects[k].document_number in page}


# --- who sees what -----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(country):
    for url in (AGREEMENTS, PAYMENTS, agreement_page(country.ap), performer_page(country.p)):
        response = country.client("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "agreements", "payments"),
    [
        ("auditor", {"ap", "bp", "bq"}, {"pay_a1", "pay_a2", "pay_bp", "pay_bq"}),
        ("company_a", {"ap"}, {"pay_a1", "pay_a2"}),
        ("company_b", {"bp", "bq"}, {"pay_bp", "pay_bq"}),
        ("performer_p", {"ap", "bp"}, {"pay_a1", "pay_a2", "pay_bp"}),
        ("performer_q", {"bq"}, {"pay_bq"}),
        ("regulator_energy", {"bp", "bq"}, {"pay_bp", "pay_bq"}),
        ("regulator_industry", {"ap"}, {"pay_a1", "pay_a2"}),
        ("outsider", set(), set()),
    ],
)
def test_each_role_sees_the_agreements_and_payments_of_its_scope(country, persona, agreements, payments):
    client = country.client(persona)
    assert numbers_in(table(client.get(AGREEMENTS)), country, ("ap", "bp", "bq")) == agreements
    assert documents_in(table(client.get(PAYMENTS)), country) == payments
    exported = {row[5] for row in csv_rows(client.get(PAYMENTS, {"export": "csv"}))[1:]}
    assert exported == {country.objects[k].document_number for k in payments}


def test_a_company_user_never_sees_another_companys_agreements_or_payments(country):
    client = country.client("company_a")
    assert client.get(agreement_page(country.bp)).status_code == 404
    assert client.get(agreement_page(country.bp), {"export": "xlsx"}).status_code == 404
    assert client.get(performer_page(country.q)).status_code == 404
    assert documents_in(table(client.get(PAYMENTS, {"payer": country.b.bin})), country) == set()
    assert numbers_in(table(client.get(AGREEMENTS, {"payer": "Мунай Бета"})), country, ("bp", "bq")) == set()
    assert country.b.name_ru not in client.get(AGREEMENTS, {"export": "csv"}).content.decode("utf-8-sig")


def test_a_performer_sees_only_its_own_performer_page(country):
    client = country.client("performer_p")
    assert client.get(performer_page(country.q)).status_code == 404
    assert "Институт Пи" in text(client.get(performer_page(country.p)))


def test_a_guessed_agreement_id_gives_not_found(country):
    assert country.client("auditor").get(reverse("projects:agreement-detail", args=[10**9])).status_code == 404


# --- filters and sorting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"payer": "BIN_B"}, {"bp", "bq"}),
        ({"payer": "Кен Альфа"}, {"ap"}),
        ({"performer": "Университет"}, {"bq"}),
        ({"direction": "greentech"}, {"bp"}),
        ({"year": "2024"}, {"bp", "bq"}),
        ({"right": "a-100-ТПИ"}, {"ap"}),
        ({"amount_min": "4000000", "amount_max": "6000000"}, {"ap"}),
        ({"signed_after": "2024-04-01"}, {"bq"}),
        ({"number": "B1"}, {"bp"}),
    ],
)
def test_the_agreement_filters_narrow_the_list(country, params, expected):
    params = {k: country.b.bin if v == "BIN_B" else v for k, v in params.items()}
    page = table(country.client("auditor").get(AGREEMENTS, params))
    assert numbers_in(page, country, ("ap", "bp", "bq")) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"payer": "BIN_A"}, {"pay_a1", "pay_a2"}),
        ({"performer": "Институт Пи"}, {"pay_a1", "pay_a2", "pay_bp"}),
        ({"direction": "agritech"}, {"pay_bq"}),
        ({"year": "2024"}, {"pay_a2", "pay_bp"}),
        ({"for_year": "2023"}, {"pay_a1"}),
        ({"right": "B-200-УВС"}, {"pay_bp", "pay_bq"}),
        ({"currency": "usd"}, {"pay_a2"}),
        ({"amount_min": "1000000"}, {"pay_a1", "pay_bp"}),
        ({"amount_max": "1000000"}, {"pay_a2", "pay_bq"}),
        ({"paid_after": "2024-01-01", "paid_before": "2024-12-31"}, {"pay_a2", "pay_bp"}),
        ({"submission": "41"}, {"pay_a1"}),
    ],
)
def test_the_payment_filters_narrow_the_list(country, params, expected):
    params = {k: country.a.bin if v == "BIN_A" else v for k, v in params.items()}
    assert documents_in(table(country.client("auditor").get(PAYMENTS, params)), country) == expected


def test_an_invalid_year_shows_no_rows_and_says_why(country):
    page = text(country.client("auditor").get(PAYMENTS, {"year": "20x4"}))
    assert documents_in(table(country.client("auditor").get(PAYMENTS, {"year": "20x4"})), country) == set()
    assert "invalid-feedback" in page


def test_payments_come_latest_first_and_sort_by_amount(country):
    client = country.client("company_b")
    page = table(client.get(PAYMENTS))
    assert page.index("ПП-B-2") < page.index("ПП-B-1")
    ordered = table(client.get(PAYMENTS, {"sort": "amount"}))
    assert ordered.index("ПП-B-2") < ordered.index("ПП-B-1")
    ordered = table(client.get(PAYMENTS, {"sort": "-amount"}))
    assert ordered.index("ПП-B-1") < ordered.index("ПП-B-2")


def test_agreements_sort_by_amount_both_ways(country):
    client = country.client("auditor")
    up, down = table(client.get(AGREEMENTS, {"sort": "amount"})), table(client.get(AGREEMENTS, {"sort": "-amount"}))
    assert up.index("НИР-B2") < up.index("НИР-A1") < up.index("НИР-B1")
    assert down.index("НИР-B1") < down.index("НИР-A1") < down.index("НИР-B2")


def test_the_payment_list_pages_without_counting(country, django_assert_max_num_queries):
    Payment.objects.bulk_create(
        Payment(agreement=country.ap, right=country.right_a, paid_on=date(2022, 1, 1), amount=Decimal("10.00"), purpose="Оплата", document_number=f"ПП-X-{n:03d}")
        for n in range(60)
    )
    client = country.client("auditor")
    first = text(client.get(PAYMENTS))
    assert "page=2" in first and "row-count" not in first
    second = table(client.get(PAYMENTS, {"page": 2}))
    assert second.count("<tr") == 14  # 64 payments: 50 on the first page, 14 on the second
    with django_assert_max_num_queries(6):
        client.get(PAYMENTS, {"page": 2})


# --- detail pages ------------------------------------------------------------------------------


def test_the_agreement_page_shows_parties_terms_and_payments(country):
    page = text(country.client("company_a").get(agreement_page(country.ap)))
    for expected in ("НИР-A1", "ТОО «Кен Альфа»", "Институт Пи", "Исследование НИР-A1", "5\u202f000\u202f000,00\u00a0₸", "ПП-A-1", "ПП-A-2", "1\u202f670\u202f500,50\u00a0₸"):
        assert expected in page, expected
    assert reverse("projects:performer-detail", args=[country.p.pk]) in page


def test_the_agreement_page_exports_its_payments(country):
    rows = csv_rows(country.client("company_a").get(agreement_page(country.ap), {"export": "csv"}))
    assert sorted(row[5] for row in rows[1:]) == ["ПП-A-1", "ПП-A-2"]


def test_the_performer_page_totals_what_it_received_by_year_and_by_subsoil_user(country):
    page = text(country.client("performer_p").get(performer_page(country.p)))
    for expected in ("2023", "1\u202f200\u202f000,00\u00a0₸", "2024", "2\u202f970\u202f500,50\u00a0₸", "ТОО «Кен Альфа»", "ТОО «Мунай Бета»", "НИР-A1", "НИР-B1", "4\u202f170\u202f500,50\u00a0₸"):
        assert expected in page, expected


def test_a_company_sees_a_performer_only_through_its_own_agreements(country):
    page = text(country.client("company_a").get(performer_page(country.p)))
    assert "НИР-A1" in page and "ПП-A-1" in page
    assert "НИР-B1" not in page and "ПП-B-1" not in page and "Мунай Бета" not in page


def test_a_regulator_sees_a_performers_receipts_from_its_competence(country):
    page = text(country.client("regulator_energy").get(performer_page(country.p)))
    assert "НИР-B1" in page and "ПП-B-1" in page
    assert "НИР-A1" not in page and "ПП-A-1" not in page and "Кен Альфа" not in page


def test_the_performer_page_exports_the_payments_received(country):
    rows = xlsx_rows(country.client("auditor").get(performer_page(country.p), {"export": "xlsx"}))
    assert sorted(row[5] for row in rows[1:]) == ["ПП-A-1", "ПП-A-2", "ПП-B-1"]


# --- exports ------------------------------------------------------------------------------------


def test_the_payment_export_is_typed_and_carries_the_foreign_currency(country):
    rows = xlsx_rows(country.client("auditor", language="en").get(PAYMENTS, {"currency": "USD", "export": "xlsx"}))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    record = dict(zip(header, row))
    assert record["Amount, KZT"] == pytest.approx(470500.50) and record["Amount in currency"] == pytest.approx(1000.0)
    assert record["Exchange rate"] == pytest.approx(470.5005) and record["Currency"] == "USD"
    assert record["Date"] == date(2024, 2, 15)
    assert record["Payer BIN"] == country.a.bin and record["Performer BIN"] == country.p.bin


def test_the_payment_export_is_injection_safe(country):
    client = country.client("auditor")
    csv_purposes = [row[-1] for row in csv_rows(client.get(PAYMENTS, {"currency": "USD", "export": "csv"}))[1:]]
    xlsx_purposes = [row[-1] for row in xlsx_rows(client.get(PAYMENTS, {"currency": "USD", "export": "xlsx"}))[1:]]
    assert csv_purposes == ["'" + INJECTION] and xlsx_purposes == ["'" + INJECTION]


def test_the_csv_writes_money_as_a_two_decimal_number_and_dates_as_iso(country):
    rows = csv_rows(country.client("auditor", language="en").get(PAYMENTS, {"currency": "USD", "export": "csv"}))
    record = dict(zip(rows[0], rows[1]))
    assert record["Amount, KZT"] == "470500.50" and record["Date"] == "2024-02-15"


def test_the_agreement_export_holds_the_filtered_rows(country):
    rows = xlsx_rows(country.client("auditor", language="en").get(AGREEMENTS, {"performer": country.p.bin, "export": "xlsx"}))
    header = rows[0]
    numbers = sorted(dict(zip(header, row))["Number"] for row in rows[1:])
    assert numbers == ["НИР-A1", "НИР-B1"]
    assert "Period start" in header and "Period" not in header


# --- queries ------------------------------------------------------------------------------------


def _more(country, n=40):
    from niokr.projects.models import Agreement

    for i in range(n):
        agreement = Agreement.objects.create(
            payer=country.b, performer=country.q if i % 2 else country.p, number=f"EXTRA-{i}", signed_on=date(2022, 1, 1), subject="Тема",
            amount=Decimal("100.00"), period_start=date(2022, 1, 1), period_end=date(2022, 12, 31),
        )
        Payment.objects.create(agreement=agreement, right=country.right_b, paid_on=date(2022, 2, 1), amount=Decimal("50.00"), purpose="Оплата", document_number=f"D-{i}")


@pytest.mark.parametrize("url", [AGREEMENTS, PAYMENTS])
@pytest.mark.parametrize("persona", ["auditor", "regulator_energy", "company_b", "performer_p"])
def test_the_list_pages_run_a_bounded_number_of_queries(country, django_assert_max_num_queries, url, persona):
    _more(country)
    client = country.client(persona)
    # The menu asks once more for a performer: whether its organisation passes money on (then it reports).
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_performer_page_runs_a_bounded_number_of_queries(country, django_assert_max_num_queries):
    _more(country)
    client = country.client("auditor")
    with django_assert_max_num_queries(16):
        assert client.get(performer_page(country.p)).status_code == 200
