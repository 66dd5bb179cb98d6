"""The projects API: agreements and payments, read-only, scoped like the pages; money as decimal strings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from niokr.projects.models import Payment
from niokr.registry.tests.test_pages import build_country

pytestmark = pytest.mark.django_db

AGREEMENTS = "/api/v1/projects/agreements/"
PAYMENTS = "/api/v1/projects/payments/"


@pytest.fixture
def country(build):
    return build_country(build)


def api(country, persona: str) -> APIClient:
    client = APIClient()
    if persona != "anonymous":
        client.force_authenticate(country.users[persona])
    return client


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def documents(payload) -> set[str]:
    return {row["document_number"] for row in payload["results"]}


def numbers(payload) -> set[str]:
    return {row["number"] for row in payload["results"]}


def test_an_anonymous_caller_is_refused_in_the_error_format(country):
    for url in (AGREEMENTS, PAYMENTS):
        response = api(country, "anonymous").get(url)
        assert response.status_code in (401, 403) and response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("persona", "agreements", "payments"),
    [
        ("auditor", {"НИР-A1", "НИР-B1", "НИР-B2"}, {"ПП-A-1", "ПП-A-2", "ПП-B-1", "ПП-B-2"}),
        ("company_a", {"НИР-A1"}, {"ПП-A-1", "ПП-A-2"}),
        ("performer_p", {"НИР-A1", "НИР-B1"}, {"ПП-A-1", "ПП-A-2", "ПП-B-1"}),
        ("regulator_energy", {"НИР-B1", "НИР-B2"}, {"ПП-B-1", "ПП-B-2"}),
        ("regulator_industry", {"НИР-A1"}, {"ПП-A-1", "ПП-A-2"}),
        ("outsider", set(), set()),
    ],
)
def test_each_role_lists_the_agreements_and_payments_of_its_scope(country, persona, agreements, payments):
    client = api(country, persona)
    assert numbers(ok(client.get(AGREEMENTS))) == agreements
    assert documents(ok(client.get(PAYMENTS))) == payments


def test_a_company_user_never_sees_another_companys_agreements_or_payments(country):
    client = api(country, "company_a")
    for url in (f"{AGREEMENTS}{country.bp.pk}/", f"{PAYMENTS}{country.pay_bp.pk}/", f"{PAYMENTS}{10**12}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert ok(client.get(PAYMENTS, {"payer": country.b.bin}))["results"] == []
    assert ok(client.get(AGREEMENTS, {"payer": "Мунай Бета"}))["results"] == []


def test_an_agreement_carries_its_parties_and_money_as_a_decimal_string(country):
    row = ok(api(country, "company_a").get(f"{AGREEMENTS}{country.ap.pk}/"))
    assert row["amount"] == "5000000.00" and row["number"] == "НИР-A1" and row["signed_on"] == "2023-02-01"
    assert row["payer"]["bin"] == country.a.bin and row["performer"]["bin"] == country.p.bin
    assert row["priority_direction"] == "medtech" and row["project_code"] is None


def test_a_foreign_payment_carries_currency_original_amount_and_rate(country):
    row = ok(api(country, "company_a").get(f"{PAYMENTS}{country.pay_a2.pk}/"))
    assert (row["amount"], row["currency"], row["original_amount"], row["rate"]) == ("470500.50", "USD", "1000.00", "470.500500")
    assert row["agreement"] == country.ap.pk and row["agreement_number"] == "НИР-A1"
    assert row["right"] == country.right_a.pk and row["right_number"] == country.right_a.number
    assert row["payer"]["bin"] == country.a.bin and row["performer"]["bin"] == country.p.bin
    assert row["paid_on"] == "2024-02-15"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"payer": "BIN_B"}, {"ПП-B-1", "ПП-B-2"}),
        ({"performer": "Университет Кью"}, {"ПП-B-2"}),
        ({"year": 2024}, {"ПП-A-2", "ПП-B-1"}),
        ({"for_year": 2023}, {"ПП-A-1"}),
        ({"right": "A-100-ТПИ"}, {"ПП-A-1", "ПП-A-2"}),
        ({"amount_min": "1000000.00", "amount_max": "2000000"}, {"ПП-A-1"}),
        ({"paid_after": "2025-01-01"}, {"ПП-B-2"}),
        ({"direction": "greentech"}, {"ПП-B-1"}),
        ({"agreement": "AGREEMENT_BQ"}, {"ПП-B-2"}),
    ],
)
def test_the_payment_filters_are_those_of_the_page(country, params, expected):
    params = {k: {"BIN_B": country.b.bin, "AGREEMENT_BQ": country.bq.pk}.get(v, v) for k, v in params.items()}
    assert documents(ok(api(country, "auditor").get(PAYMENTS, params))) == expected


@pytest.mark.parametrize(("params", "expected"), [({"performer": "BIN_P"}, {"НИР-A1", "НИР-B1"}), ({"year": 2024, "direction": "agritech"}, {"НИР-B2"})])
def test_the_agreement_filters_are_those_of_the_page(country, params, expected):
    params = {k: country.p.bin if v == "BIN_P" else v for k, v in params.items()}
    assert numbers(ok(api(country, "auditor").get(AGREEMENTS, params))) == expected


@pytest.mark.parametrize("params", [{"year": "1.5"}, {"year": "100000"}, {"amount_min": "abc"}, {"paid_after": "2024-13-01"}, {"agreement": "0"}])
def test_an_invalid_filter_is_a_bad_request_in_the_error_format(country, params):
    response = api(country, "auditor").get(PAYMENTS, params)
    assert response.status_code == 400
    assert set(response.json()["error"]["detail"]) <= {"year", "amount", "paid", "agreement"}


def test_payments_come_latest_first_unless_ordered(country):
    client = api(country, "company_b")
    assert [r["document_number"] for r in ok(client.get(PAYMENTS))["results"]] == ["ПП-B-2", "ПП-B-1"]
    assert [r["document_number"] for r in ok(client.get(PAYMENTS, {"ordering": "amount"}))["results"]] == ["ПП-B-2", "ПП-B-1"]
    assert [r["document_number"] for r in ok(client.get(PAYMENTS, {"ordering": "-amount"}))["results"]] == ["ПП-B-1", "ПП-B-2"]


def test_the_payment_list_is_paginated_with_links_and_no_count(country):
    client = api(country, "auditor")
    first = ok(client.get(PAYMENTS, {"page_size": 3}))
    assert "count" not in first and first["previous"] is None and "page=2" in first["next"] and len(first["results"]) == 3
    second = ok(client.get(PAYMENTS, {"page_size": 3, "page": 2}))
    assert second["next"] is None and "page=" not in second["previous"] and len(second["results"]) == 1
    assert documents(first) | documents(second) == {"ПП-A-1", "ПП-A-2", "ПП-B-1", "ПП-B-2"}
    # Past the end, not a page, and so far past the end that the offset would not fit in 64 bits.
    for page in ("3", "0", "x", str(10**21), str(2**63 // 3 + 1)):
        response = client.get(PAYMENTS, {"page_size": 3, "page": page})
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_the_agreement_list_is_paginated_with_a_count(country):
    payload = ok(api(country, "auditor").get(AGREEMENTS, {"page_size": 2}))
    assert payload["count"] == 3 and len(payload["results"]) == 2 and payload["next"]


@pytest.mark.parametrize("url", [AGREEMENTS, PAYMENTS])
@pytest.mark.parametrize("persona", ["auditor", "regulator_energy", "company_b"])
def test_the_api_lists_run_a_bounded_number_of_queries(country, django_assert_max_num_queries, url, persona):
    from niokr.projects.models import Agreement

    for i in range(30):
        agreement = Agreement.objects.create(
            payer=country.b, performer=country.q, number=f"EXTRA-{i}", signed_on=date(2022, 1, 1), subject="Тема",
            amount=Decimal("100.00"), period_start=date(2022, 1, 1), period_end=date(2022, 12, 31),
        )
        Payment.objects.create(agreement=agreement, right=country.right_b, paid_on=date(2022, 2, 1), amount=Decimal("50.00"), purpose="Оплата", document_number=f"D-{i}")
    client = api(country, persona)
    with django_assert_max_num_queries(3):
        assert len(ok(client.get(url))["results"]) >= 30
