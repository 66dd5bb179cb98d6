"""The portfolio pages per role, the confirmation flow, exports and hostile inputs."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from niokr.core.audit import AuditEvent
from niokr.portfolio.models import PolicyTarget, PriorityTag
from niokr.portfolio.tests.conftest import YEAR

pytestmark = pytest.mark.django_db

INDEX = reverse("portfolio:index")


def pending(kind, pk, direction="medtech", sector="healthcare"):
    return PriorityTag.objects.create(subject_kind=kind, subject_id=pk, suggested_direction=direction, suggested_sector=sector, suggested_at=timezone.now(), confidence=Decimal("0.812"), classifier_version="test")


@pytest.mark.parametrize("role,authority,org", [
    ("administrator", "", "state_body"), ("auditor", "", "state_body"), ("policy_analyst", "", "state_body"),
    ("policy_secretariat", "", "state_body"), ("tcc_analyst", "", "state_body"), ("regulator", "energy", "state_body"), ("company", "", "oil"),
])
def test_each_reading_role_gets_its_portfolio(country, personas, role, authority, org):
    client = personas.client(personas.user(role, getattr(country, org), authority=authority))
    response = client.get(INDEX, {"year": YEAR})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="target"' in body and "<svg" in body
    # Aggregates only: no company name anywhere on the page.
    assert "Мұнай Портфель" not in body and "Кен Портфель" not in body


@pytest.mark.parametrize("role", ["performer", None])
def test_a_user_without_a_portfolio_sees_a_page_without_figures(country, personas, role):
    client = personas.client(personas.user(role, country.institute if role else None))
    response = client.get(INDEX)
    assert response.status_code == 200
    assert 'id="target"' not in response.content.decode()
    assert client.get(INDEX, {"export": "csv", "table": "target"}).status_code == 404


def test_anonymous_is_sent_to_sign_in(country, client):
    response = client.get(INDEX)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_direction_page_and_an_unknown_direction(country, personas):
    client = personas.client(personas.user(superuser=True))
    assert client.get(reverse("portfolio:direction", args=["medtech"])).status_code == 200
    assert client.get(reverse("portfolio:direction", args=["oil"])).status_code == 404


def test_the_csv_export_holds_the_dashboards_money_to_the_tiyn(country, personas):
    client = personas.client(personas.user(superuser=True))
    response = client.get(INDEX, {"year": YEAR, "export": "csv", "table": "target"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")), delimiter=";"))
    by_year = {r[0]: r for r in rows[1:]}
    assert by_year[str(YEAR)][1] == "2146.40"
    assert by_year[str(YEAR)][2] == "560.60"  # MedTech 150.60 + AgriTech 410.00
    assert by_year[str(YEAR)][4] == "50.00"  # the default target


def test_the_xlsx_export_is_a_workbook(country, personas):
    client = personas.client(personas.user(superuser=True))
    response = client.get(INDEX, {"year": YEAR, "export": "xlsx", "table": "by_mineral"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:2] == b"PK"


@pytest.mark.parametrize("params", [
    {"year": "abc"}, {"year": "99999999999999999999"}, {"year": "-1"}, {"year": "2025\x00"}, {"year": ""},
    {"export": "pdf", "table": "target"}, {"export": "csv", "table": "<script>"}, {"export": "csv"},
])
def test_hostile_filters_never_reach_a_500(country, personas, params):
    client = personas.client(personas.user("policy_analyst", country.state_body))
    response = client.get(INDEX, params)
    assert response.status_code in (200, 404)


def test_hostile_review_filters_are_ignored(country, personas):
    client = personas.client(personas.user("policy_analyst", country.state_body))
    for params in ({"kind": "x" * 5000}, {"direction": "\x00"}, {"page": "-5"}, {"page": "9" * 40}, {"kind": "payment", "direction": "medtech"}):
        assert client.get(reverse("portfolio:review"), params).status_code == 200


def test_an_analyst_confirms_and_corrects_a_suggestion_with_an_audit_event(country, personas):
    analyst = personas.user("policy_analyst", country.state_body)
    client = personas.client(analyst)
    tag = pending("agreement", country.a_bare.pk)
    page = client.get(reverse("portfolio:review"))
    assert page.status_code == 200 and "радиофармпрепаратов" in page.content.decode()
    events = AuditEvent.objects.count()
    response = client.post(reverse("portfolio:confirm"), {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech", f"t{tag.pk}-sector": "nuclear", f"t{tag.pk}-note": "изотопы"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.direction, tag.sector, tag.confirmed_by, tag.note) == ("medtech", "nuclear", analyst, "изотопы")
    assert (tag.suggested_direction, tag.suggested_sector) == ("medtech", "healthcare")  # the suggestion is kept apart
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == events + 1 and event.action == "portfolio.correct" and event.actor_id == analyst.pk


def test_a_non_analyst_post_is_refused_and_changes_nothing(country, personas):
    tag = pending("agreement", country.a_bare.pk)
    events = AuditEvent.objects.count()
    for user in (personas.user("regulator", country.state_body, authority="energy"), personas.user("policy_secretariat", country.state_body), personas.user("company", country.oil)):
        client = personas.client(user)
        assert client.post(reverse("portfolio:confirm"), {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech"}).status_code == 403
        assert client.post(reverse("portfolio:bulk-confirm"), {"tags": str(tag.pk)}).status_code == 403
        assert client.post(reverse("portfolio:target"), {"from_year": 2025, "share_percent": "10"}).status_code == 403
    tag.refresh_from_db()
    assert tag.confirmed_at is None and tag.direction == ""
    assert AuditEvent.objects.count() == events and not PolicyTarget.objects.exists()


def test_confirm_needs_csrf(country, personas):
    from django.test import Client

    analyst = personas.user("policy_analyst", country.state_body)
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    tag = pending("agreement", country.a_bare.pk)
    assert client.post(reverse("portfolio:confirm"), {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech"}).status_code == 403
    tag.refresh_from_db()
    assert tag.confirmed_at is None


def test_hostile_confirmations_change_nothing(country, personas):
    client = personas.client(personas.user("policy_analyst", country.state_body))
    tag = pending("agreement", country.a_bare.pk)
    for data in (
        {"tag": "abc"}, {"tag": "9" * 40}, {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "oil"},
        {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech", f"t{tag.pk}-sector": "mars"},
        {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech", f"t{tag.pk}-note": "x" * 3000},
        {"tag": tag.pk, f"t{tag.pk}-tag": tag.pk, f"t{tag.pk}-direction": "medtech", f"t{tag.pk}-note": "a\x00b"},
    ):
        assert client.post(reverse("portfolio:confirm"), data).status_code in (302, 404)
    assert client.post(reverse("portfolio:confirm"), {"tag": 10**12}).status_code == 404
    for tags in ("", "1,2,x", ",".join(str(i) for i in range(1, 200)), "-1"):
        assert client.post(reverse("portfolio:bulk-confirm"), {"tags": tags}).status_code == 302
    tag.refresh_from_db()
    assert tag.confirmed_at is None


def test_bulk_confirm_confirms_a_page_as_suggested(country, personas):
    admin = personas.user("administrator", country.state_body)
    client = personas.client(admin)
    tags = [pending("agreement", country.a_bare.pk), pending("result", country.results["jobs"].pk, "agritech", "agro")]
    response = client.post(reverse("portfolio:bulk-confirm"), {"tags": ",".join(str(t.pk) for t in tags)})
    assert response.status_code == 302
    got = {t.subject_kind: (t.direction, t.sector, t.confirmed_by_id) for t in PriorityTag.objects.all()}
    assert got == {"agreement": ("medtech", "healthcare", admin.pk), "result": ("agritech", "agro", admin.pk)}


def test_an_administrator_sets_the_target_and_the_gap_follows(country, personas):
    admin = personas.user(superuser=True)
    client = personas.client(admin)
    assert client.post(reverse("portfolio:target"), {"from_year": YEAR, "share_percent": "30", "basis": "Решение Совета"}).status_code == 302
    assert client.post(reverse("portfolio:target"), {"from_year": YEAR, "share_percent": "130"}).status_code == 302
    assert list(PolicyTarget.objects.values_list("share_percent", flat=True)) == [Decimal("30.00")]
    response = client.get(INDEX, {"year": YEAR, "export": "csv", "table": "target"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")), delimiter=";"))
    row = {r[0]: r for r in rows[1:]}[str(YEAR)]
    assert row[4] == "30.00" and row[5] == "-3.90"  # 560.60 / 2146.40 = 26.1 %


def test_the_portfolio_page_needs_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries):
    client = personas.client(personas.user("policy_analyst", country.state_body))
    with django_assert_max_num_queries(30):
        assert client.get(INDEX, {"year": YEAR}).status_code == 200
