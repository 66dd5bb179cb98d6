"""The control API: flags, scores, cases (and opening one), the catalogue, notices — scoped as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from niokr.control import services
from niokr.control.models import AuditCase, Flag
from niokr.control.tests.test_pages import fake_catalogue, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

API = "/api/v1/control"


def api(user, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _written_to(world) -> AuditCase:
    case = services.open_case(actor=world.auditor, flag_ids=[f.pk for f in world.flags])
    services.request_documents(actor=world.auditor, case=case, text="Acts", due_on=timezone.localdate() + timedelta(days=5))
    services.record_findings(actor=world.auditor, case=case, findings="Working notes")
    return case


def test_the_auditor_lists_flags_with_their_explanation_in_the_request_language(world):
    flags = {f["indicator"]: f for f in results(api(world.auditor).get(f"{API}/flags/"))}
    assert set(flags) == {"NK-07", "NK-08"}
    nk07 = flags["NK-07"]
    assert nk07["title"] == "Equipment paid as R&D" and nk07["explanation"] == "Payment PP-2 pays for: оборудования"
    assert nk07["payer"]["bin"] == world.company.bin and nk07["amount"] == "50000.00" and nk07["evidence"]["document_number"] == "PP-2"
    russian = api(world.auditor, "ru").get(f"{API}/flags/{world.flags[0].pk}/").json()
    assert russian["title"] == "Оборудование под видом НИОКР" and russian["explanation"] == "Платёж PP-2 оплачивает: оборудования"


def test_flags_name_their_subject_and_evidence_as_people_read_them(world):
    nk07 = {f["indicator"]: f for f in results(api(world.auditor).get(f"{API}/flags/"))}["NK-07"]
    assert nk07["subject_display"] == "Payment PP-2 of 1 Jun 2025" and nk07["subject_type_display"] == "Payment"
    assert {"key": "document_number", "label": "Payment document number", "value": "PP-2"} in nk07["evidence_display"]
    russian = api(world.auditor, "ru").get(f"{API}/flags/{world.flags[1].pk}/").json()
    assert russian["subject_display"] == f"{world.company.name_ru}, 2025"
    assert [i["label"] for i in russian["evidence_display"]] == ["Порог доли декабря"] and russian["evidence_display"][0]["value"] == "70\u00a0%"
    score = results(api(world.auditor).get(f"{API}/scores/", {"subject_type": "payment"}))[0]
    assert score["subject_display"] == "Payment PP-2 of 1 Jun 2025"
    case = _written_to(world)
    items = api(world.staff, "kk").get(f"{API}/cases/{case.pk}/").json()["items"]
    assert {i["decision_display"] for i in items} and all("#" not in i["subject_display"] for i in items)


def test_flags_filter_as_on_the_page_and_report_bad_filters_in_the_api_error_format(world):
    assert [f["indicator"] for f in results(api(world.auditor).get(f"{API}/flags/", {"subject_type": "payer_year"}))] == ["NK-08"]
    assert results(api(world.auditor).get(f"{API}/flags/", {"payer": world.other.bin})) == []
    response = api(world.auditor).get(f"{API}/flags/", {"year": "soon"})
    assert response.status_code == 400 and "error" in response.json()


@pytest.mark.parametrize("persona", ["staff", "other_staff", "outsider"])
def test_companies_receive_no_flags_or_scores(world, persona):
    user = getattr(world, persona)
    assert results(api(user).get(f"{API}/flags/")) == []
    assert results(api(user).get(f"{API}/scores/")) == []
    assert results(api(user).get(f"{API}/indicators/")) == []
    assert api(user).get(f"{API}/flags/{world.flags[0].pk}/").status_code == 404


def test_scores_are_subsoil_user_years_by_default_with_their_contributions(world):
    scores = results(api(world.auditor).get(f"{API}/scores/"))
    assert [(s["subject_type"], s["score"]) for s in scores] == [("payer_year", 76)]
    assert [(c["indicator"], c["points"]) for c in scores[0]["contributions"]] == [("NK-07", 60.0), ("NK-08", 16.0)]
    assert [s["subject_type"] for s in results(api(world.auditor).get(f"{API}/scores/", {"subject_type": "payment"}))] == ["payment"]
    assert results(api(world.industry).get(f"{API}/scores/")) == []


def test_an_auditor_opens_a_case_through_the_api(world):
    response = api(world.auditor).post(f"{API}/cases/", {"flags": [f.pk for f in world.flags], "title": "From the ERP"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "From the ERP" and body["payer"]["id"] == world.company.pk and body["status"] == "open"
    assert sorted(i["indicator"] for i in body["items"]) == ["NK-07", "NK-08"]
    assert AuditCase.objects.get().reference == body["reference"]


def test_opening_a_case_is_refused_with_the_services_code(world):
    stray = Flag.objects.create(run=world.run, indicator="NK-07", version=2, subject_type="payment", subject_id=999, year=2025, payer=world.other, evidence={})
    response = api(world.auditor).post(f"{API}/cases/", {"flags": [world.flags[0].pk, stray.pk]}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "several_payers"
    response = api(world.auditor).post(f"{API}/cases/", {"flags": []}, format="json")
    assert response.status_code == 400
    for user in (world.staff, world.outsider):
        assert api(user).post(f"{API}/cases/", {"flags": [world.flags[0].pk]}, format="json").status_code == 403
    assert not AuditCase.objects.exists()
    # The regulator of the competent ministry opens one; it waits, unassigned, for the control body.
    response = api(world.regulator).post(f"{API}/cases/", {"flags": [world.flags[0].pk]}, format="json")
    assert response.status_code == 201 and response.json()["assignee"] is None


def test_the_company_reads_its_case_without_the_working_notes_until_it_is_closed(world):
    case = _written_to(world)
    listed = results(api(world.staff).get(f"{API}/cases/"))
    assert [c["reference"] for c in listed] == [case.reference]
    detail = api(world.staff).get(f"{API}/cases/{case.pk}/").json()
    assert detail["findings"] == "" and detail["requests"][0]["text"] == "Acts" and len(detail["items"]) == 2
    assert api(world.auditor).get(f"{API}/cases/{case.pk}/").json()["findings"] == "Working notes"
    assert api(world.other_staff).get(f"{API}/cases/{case.pk}/").status_code == 404
    services.dismiss_case(actor=world.auditor, case=case, reason="Fine")
    assert api(world.staff).get(f"{API}/cases/{case.pk}/").json()["findings"] == "Working notes"


def test_notices_are_worded_in_the_request_language(world):
    case = _written_to(world)
    notices = results(api(world.staff).get(f"{API}/notices/"))
    assert [(n["kind"], n["case_reference"]) for n in notices] == [("document_request", case.reference)]
    assert "Acts" in notices[0]["text"] and notices[0]["organisation"]["id"] == world.company.pk
    assert results(api(world.other_staff).get(f"{API}/notices/")) == []


def test_the_catalogue_lists_each_indicator_with_the_latest_national_runs_figures(world):
    rows = {r["code"]: r for r in results(api(world.auditor).get(f"{API}/indicators/"))}
    assert set(rows) == {"NK-07", "NK-08"}
    assert rows["NK-07"]["thresholds"] == [{
        "name": "min_words", "label": "min_words", "default": 1, "value": 1, "default_display": "1", "value_display": "1", "description": "Purpose words that must match",
    }]
    assert (rows["NK-07"]["flagged"], rows["NK-07"]["share_flagged"], rows["NK-07"]["too_loose"]) == (1, 0.5, False)
    assert rows["NK-08"]["too_loose"] is True and rows["NK-08"]["legal_basis"] == "Rules, item 12"
    assert results(api(world.regulator, "kk").get(f"{API}/indicators/"))[1]["title"] == "Желтоқсандағы шоғырлану"
