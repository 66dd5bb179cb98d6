"""The first page sends each role where its work is: the dashboard, the own subsoil-user page, the performer page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_the_login_page():
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role, authority", [("regulator", "energy"), ("auditor", ""), ("administrator", "")])
def test_regulators_auditors_and_administrators_land_on_the_dashboard(country, personas, role, authority):
    response = personas.client(role, country.chamber, authority=authority).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("obligations:dashboard")


def test_a_company_user_lands_on_its_own_subsoil_user_page(country, personas):
    response = personas.client("company", country.mine).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("obligations:holder-detail", args=[country.mine.pk])


def test_a_performer_user_lands_on_its_performer_page(country, personas):
    response = personas.client("performer", country.institute).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("projects:performer-detail", args=[country.institute.pk])


def test_a_user_of_several_organisations_chooses_among_its_own_only(country, personas):
    client = personas.client("company", country.oil, extra=[("company", country.mine)])
    page = client.get("/").content.decode()
    assert reverse("obligations:holder-detail", args=[country.oil.pk]) in page
    assert reverse("obligations:holder-detail", args=[country.mine.pk]) in page
    assert "ТОО «Уран Тест»" not in page and reverse("obligations:holder-detail", args=[country.uranium.pk]) not in page
    # The status of the last closed year (2025; 2026 is still open on the tests' day).
    assert "2025: Partly fulfilled" in page and "2025: Fulfilled" in page and "2026:" not in page


def test_a_user_without_membership_sees_no_organisation(country, personas):
    response = personas.client(None, None).get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ТОО «Кен Тест»" not in page and "ТОО «Казахская Нефтепереработка»" not in page
    assert "no organisation" in page


def test_the_chooser_needs_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("company", country.oil, extra=[("company", country.mine), ("performer", country.institute)])
    # Session, user, scope, pending requests, latest year, statuses, names, and the navigation bar's.
    with django_assert_max_num_queries(13):
        assert client.get("/").status_code == 200
