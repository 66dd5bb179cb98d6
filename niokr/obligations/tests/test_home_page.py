"""The first page: subsoil users with their obligation status, scoped to the user's role."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.db import connection
from django.test.utils import CaptureQueriesContext

from niokr.accounts.models import Membership
from niokr.obligations import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def country(build):
    oil = build.org(name="ТОО «Мұнай Тест»")
    mine = build.org(name="ТОО «Кен Тест»", region="karaganda")
    ministry = build.org(kind="state_body", name="Министерство энергетики")
    for holder, mineral, rtype in ((oil, "hydrocarbons", "hc_production"), (mine, "solid", "lic_solid_mining")):
        right = build.right(holder, mineral_group=mineral, right_type=rtype)
        services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code")
        services.record_base_figure(right=right, year=2025, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    services.recompute()
    return {"oil": oil, "mine": mine, "ministry": ministry}


def login(role, org, *, authority=""):
    user = get_user_model().objects.create_user(username=f"{role}-{org.pk}", password="x-very-long-pass")
    if role:
        Membership.objects.create(user=user, organisation=org, role=role, authority=authority)
    client = Client()
    client.force_login(user)
    return client


def test_an_anonymous_visitor_is_sent_to_the_login_page():
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_energy_regulator_sees_hydrocarbon_holders_only(country):
    page = login("regulator", country["ministry"], authority="energy").get("/").content.decode()
    assert "ТОО «Мұнай Тест»" in page and "ТОО «Кен Тест»" not in page


def test_a_company_sees_only_itself(country):
    page = login("company", country["mine"]).get("/").content.decode()
    assert "ТОО «Кен Тест»" in page and "ТОО «Мұнай Тест»" not in page


def test_a_user_without_membership_sees_nothing(country):
    page = login(None, country["mine"]).get("/").content.decode()
    assert "ТОО «Кен Тест»" not in page and "ТОО «Мұнай Тест»" not in page


def test_an_auditor_sees_everyone_with_a_bounded_number_of_queries(country):
    client = login("auditor", country["ministry"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert "ТОО «Кен Тест»" in page and "ТОО «Мұнай Тест»" in page
    assert "— 2026" in page and "Unfulfilled" in page
    assert len(queries) <= 8
