"""The API of stages, acts and results: the same services and refusals as the pages (400/403 with detail), scoped."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from niokr.core.models import AuditEvent
from niokr.projects.lifecycle.tests.delivery_world import build_world, pdf
from niokr.projects.models import AcceptanceAct, Payment, Result, Stage

pytestmark = pytest.mark.django_db

BASE = "/api/v1/lifecycle"


@pytest.fixture
def world(build, settings, tmp_path):
    return build_world(build, settings, tmp_path)


def api(world, persona: str, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    user = world.users[persona]
    user.language = language
    user.save(update_fields=["language"])
    client.force_authenticate(user)
    return client


def reason(response) -> str:
    """The reason of a refusal: the API's error envelope carries it as the message (and in detail)."""
    return response.json()["error"]["message"]


def test_stages_are_listed_in_scope_with_labels(world):
    data = api(world, "company_a").get(f"{BASE}/stages/", {"agreement": world.ap.pk}).json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["number"] for r in rows] == [1, 2] and rows[0]["status_display"] == "Planned" and rows[0]["payer"]["bin"] == world.a.bin
    other = api(world, "company_b").get(f"{BASE}/stages/").json()
    assert (other["results"] if isinstance(other, dict) else other) == []
    assert api(world, "company_b").get(f"{BASE}/stages/{world.s1.pk}/").status_code == 404


def test_the_whole_delivery_through_the_api(world):
    performer, payer = api(world, "performer_p"), api(world, "company_a")
    response = performer.post(f"{BASE}/stages/{world.s1.pk}/submit/", {"report": pdf()}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    response = payer.post(f"{BASE}/stages/{world.s1.pk}/accept/", {"number": "АКТ-1", "signed_on": "2024-01-15", "amount": "1999999.99"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["act"]["amount"] == "1999999.99"
    acts = api(world, "regulator_industry").get(f"{BASE}/acts/").json()
    assert [a["number"] for a in (acts["results"] if isinstance(acts, dict) else acts)] == ["АКТ-1"]
    response = payer.post(f"{BASE}/stages/{world.s1.pk}/link/", {"payment": world.pay_a1.pk}, format="json")
    assert response.status_code == 200 and response.json()["paid"] == "1200000.00"


def test_refusals_are_400_or_403_with_a_reason_and_nothing_changed(world):
    Stage.objects.filter(pk=world.s1.pk).update(status="submitted", report_name="r.pdf", report_sha256="a" * 64)
    events = AuditEvent.objects.count()
    above = api(world, "company_a").post(f"{BASE}/stages/{world.s1.pk}/accept/", {"number": "А", "signed_on": "2024-01-15", "amount": "2000000.01"}, format="json")
    assert above.status_code == 400 and "more than the stage's amount" in reason(above)
    by_performer = api(world, "performer_p").post(f"{BASE}/stages/{world.s1.pk}/accept/", {"number": "А", "signed_on": "2024-01-15", "amount": "1"}, format="json")
    assert by_performer.status_code == 403 and reason(by_performer)
    ru = api(world, "company_a", "ru").post(f"{BASE}/stages/{world.s1.pk}/accept/", {"number": "А", "signed_on": "2024-01-15", "amount": "9000000"}, format="json")
    assert ru.status_code == 400 and "больше суммы этапа" in reason(ru)
    plan = api(world, "company_a").post(f"{BASE}/stages/", {"agreement": world.ap.pk, "number": 3, "title": "x", "start_date": "2025-01-01", "end_date": "2025-02-01", "amount": "1"}, format="json")
    assert plan.status_code == 400 and "agreement's amount" in reason(plan)
    foreign = api(world, "company_b").post(f"{BASE}/stages/", {"agreement": world.ap.pk, "number": 3, "title": "x", "start_date": "2025-01-01", "end_date": "2025-02-01", "amount": "1"}, format="json")
    assert foreign.status_code == 404
    link = api(world, "company_a").post(f"{BASE}/stages/{world.s1.pk}/link/", {"payment": world.pay_bp.pk}, format="json")
    assert link.status_code == 404
    assert not AcceptanceAct.objects.exists() and Stage.objects.filter(agreement=world.ap).count() == 2 and AuditEvent.objects.count() == events
    assert Payment.objects.filter(stage__isnull=False).count() == 0


def test_results_through_the_api(world):
    performer = api(world, "performer_p")
    bad = performer.post(f"{BASE}/results/", {"project": "PRJ-2023-001", "kind": "publication", "title": "Ф", "year": 2024, "doi": "nope", "indexing": "scopus"}, format="json")
    assert bad.status_code == 400 and "doi" in bad.json()["error"]["detail"]
    office = performer.post(f"{BASE}/results/", {"project": "PRJ-2023-001", "kind": "patent", "title": "П", "year": 2024, "patent_office": "uspto", "patent_number": "1", "achieved_on": "2024-01-01"}, format="json")
    assert office.status_code == 400 and "patent_office" in office.json()["error"]["detail"]
    negative = performer.post(f"{BASE}/results/", {"project": "PRJ-2023-001", "kind": "revenue", "title": "Д", "year": 2024, "revenue": "-5"}, format="json")
    assert negative.status_code == 400
    forbidden = api(world, "company_a").post(f"{BASE}/results/", {"project": "PRJ-2023-001", "kind": "jobs", "title": "J", "year": 2024, "jobs": 3}, format="json")
    assert forbidden.status_code == 403 and reason(forbidden)
    assert not Result.objects.exists()
    created = performer.post(f"{BASE}/results/", {"project": "PRJ-2023-001", "kind": "patent", "title": "П", "year": 2024, "patent_office": "eapo", "patent_number": "EA 045123", "achieved_on": "2024-01-01"}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["reference"] == "PRJ-2023-001-R01" and body["patent_office_display"] == "Eurasian Patent Office (EAPO)" and body["has_evidence"] is False
    payer = api(world, "company_a")
    refused = payer.post(f"{BASE}/results/{body['reference']}/verify/", {}, format="json")
    assert refused.status_code == 400 and "evidence" in reason(refused)
    assert performer.post(f"{BASE}/results/{body['reference']}/evidence/", {"file": pdf("p.pdf")}, format="multipart").status_code == 200
    assert payer.post(f"{BASE}/results/{body['reference']}/verify/", {"note": "ok"}, format="json").json()["status"] == "verified"
    assert api(world, "performer_q").get(f"{BASE}/results/{body['reference']}/").status_code == 404
    found = api(world, "regulator_energy").get(f"{BASE}/results/", {"q": "EA 045123"}).json()
    assert [r["reference"] for r in (found["results"] if isinstance(found, dict) else found)] == [body["reference"]]
