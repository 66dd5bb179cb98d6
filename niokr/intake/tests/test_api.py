"""The intake API: uploads, problems with cell references, commits, templates, scoping, tokens."""

from __future__ import annotations

import io

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from niokr.intake.models import JobRecord, Submission
from niokr.intake.tests.test_pages import (  # noqa: F401 - fixtures
    auditor,
    company,
    many,
    regulator,
    report,
    rival,
    state,
    stored_files,
    treasury,
    world,
)
from niokr.intake.tests.test_validation import csv_bytes, spending_row
from niokr.obligations.models import LedgerEntry

pytestmark = pytest.mark.django_db

API = "/api/v1/intake"


def api(client_with_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(client_with_user.user)
    client.user = client_with_user.user
    return client


def send(client, organisation, data: bytes, *, kind="spending", year=2025, quarter=None, name="report.csv"):
    file = io.BytesIO(data)
    file.name = name
    body = {"kind": kind, "year": year, "organisation": organisation, "file": file}
    if quarter is not None:
        body["quarter"] = quarter
    return client.post(f"{API}/submissions/", body, format="multipart")


def test_an_erp_sends_a_valid_report_with_its_token_and_commits_it(world, company):
    token = Token.objects.create(user=company.user)
    erp = APIClient()
    erp.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = send(erp, world["company"].bin, report(world, "1 000 000,00", "2 000 000,00"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "valid" and body["duplicate"] is False and body["rows"] == 2 and body["errors"] == 0
    assert body["organisation_bin"] == world["company"].bin and len(body["sha256"]) == 64 and body["problems"] == []
    committed = erp.post(f"{API}/submissions/{body['id']}/commit/")
    assert committed.status_code == 200, committed.json()
    assert committed.json()["submission"]["status"] == "committed" and committed.json()["summary"]["lines"] == 2
    assert LedgerEntry.objects.filter(reference=f"SUB-{body['id']}").exists()


def test_a_request_without_credentials_is_refused_in_the_error_format(world):
    response = APIClient().get(f"{API}/submissions/")
    assert response.status_code in (401, 403) and set(response.json()["error"]) >= {"code", "message", "detail"}


def test_an_invalid_report_comes_back_with_its_problems_and_cells(world, company):
    client = api(company)
    response = send(client, str(world["company"].pk), report(world, "1 000 000,00", bin_="123456789012"))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "invalid" and body["errors"] >= 1
    problem = next(p for p in body["problems"] if p["code"] == "bin_invalid")
    assert (problem["cell"], problem["row"], problem["column"], problem["field"], problem["severity"]) == ("C3", 3, "C", "performer_bin", "error")
    assert problem["message"] == "BIN 123456789012: its last (check) digit is 2, but its first 11 digits give 3; check the number."
    foreign = csv_bytes([spending_row(world, **{"Номер контракта/лицензии": world["rival_right"].number})])
    rule = send(client, world["company"].bin, foreign).json()["problems"][0]
    assert (rule["code"], rule["cell"], rule["field"]) == ("right_not_yours", "O3", "right_number")
    retrieved = client.get(f"{API}/submissions/{body['id']}/").json()
    assert retrieved["problems"] == body["problems"]
    before = state()
    refused = client.post(f"{API}/submissions/{body['id']}/commit/")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "not_valid"
    assert state() == before


def test_the_same_file_again_answers_200_with_duplicate_and_changes_nothing(world, company):
    client = api(company)
    data = report(world, "1 000 000,00")
    first = send(client, world["company"].bin, data).json()
    before = state()
    again = send(client, world["company"].bin, data, name="copy.csv")
    assert again.status_code == 200 and again.json()["duplicate"] is True and again.json()["id"] == first["id"]
    assert state() == before


def test_committing_twice_is_refused_with_a_code(world, company):
    client = api(company)
    body = send(client, world["company"].bin, report(world, "1 000 000,00")).json()
    client.post(f"{API}/submissions/{body['id']}/commit/")
    before = state()
    response = client.post(f"{API}/submissions/{body['id']}/commit/")
    assert response.status_code == 400 and response.json()["error"]["code"] == "already_committed"
    assert state() == before


def test_a_correction_names_the_submission_it_supersedes(world, company):
    client = api(company)
    first = send(client, world["company"].bin, report(world, "1 000 000,00")).json()
    client.post(f"{API}/submissions/{first['id']}/commit/")
    second = send(client, world["company"].bin, report(world, "700 000,00"), name="fix.csv").json()
    committed = client.post(f"{API}/submissions/{second['id']}/commit/").json()
    assert committed["submission"]["supersedes"] == first["id"] and committed["summary"]["superseded"] == first["id"]
    old = client.get(f"{API}/submissions/{first['id']}/").json()
    assert old["status"] == "superseded" and old["superseded_by"] == second["id"]


def test_a_company_cannot_see_commit_or_send_for_another_company_and_nothing_changes(world, company, rival, settings):
    mine = send(api(company), world["company"].bin, report(world, "1 000 000,00")).json()
    other = api(rival)
    before, files = state(), stored_files(settings)
    assert other.get(f"{API}/submissions/{mine['id']}/").status_code == 404
    assert other.get(f"{API}/submissions/{mine['id'] + 999}/").status_code == 404
    assert other.post(f"{API}/submissions/{mine['id']}/commit/").status_code == 404
    assert mine["id"] not in [s["id"] for s in other.get(f"{API}/submissions/").json()["results"]]
    for organisation in (world["company"].bin, str(world["company"].pk)):
        response = send(other, organisation, report(world, "1 000 000,00", document="X"))
        assert response.status_code == 400 and response.json()["error"]["detail"]["organisation"]
    assert state() == before and stored_files(settings) == files


def test_a_regulator_may_not_send_a_spending_report_but_sends_treasury_files(world, regulator, settings):
    client = api(regulator)
    before, files = state(), stored_files(settings)
    response = send(client, world["company"].bin, report(world, "1 000 000,00"))
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert state() == before and stored_files(settings) == files
    response = send(client, world["ministry"].bin, treasury(world), kind="treasury", name="t.csv")
    assert response.status_code == 201 and response.json()["status"] == "valid"


def test_an_upload_with_missing_fields_is_refused_field_by_field(world, company):
    response = api(company).post(f"{API}/submissions/", {"kind": "nonsense"}, format="multipart")
    assert response.status_code == 400
    detail = response.json()["error"]["detail"]
    assert {"kind", "year", "organisation", "file"} <= set(detail)


def test_the_list_is_scoped_filtered_and_its_queries_bounded(world, company, auditor, django_assert_max_num_queries):
    many(world, 30)
    many(world, 4, world["rival"])
    with django_assert_max_num_queries(6):
        everything = api(auditor).get(f"{API}/submissions/?page_size=100").json()
    assert everything["count"] == 34 and "problems" not in everything["results"][0]
    own = api(company).get(f"{API}/submissions/?page_size=100").json()
    assert own["count"] == 30
    filtered = api(company).get(f"{API}/submissions/?kind=spending&year=2021&ordering=-rows").json()
    assert filtered["count"] == 3 and [r["rows"] for r in filtered["results"]] == sorted((r["rows"] for r in filtered["results"]), reverse=True)
    by_bin = api(auditor).get(f"{API}/submissions/?bin={world['rival'].bin}").json()
    assert by_bin["count"] == 4


def test_a_template_downloads_as_xlsx(company):
    client = api(company)
    response = client.get(f"{API}/templates/treasury/")
    assert response.status_code == 200 and response.content[:4] == b"PK\x03\x04"
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    accepted = client.get(f"{API}/templates/spending/", HTTP_ACCEPT="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert accepted.status_code == 200
    missing = client.get(f"{API}/templates/unknown/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_a_large_upload_is_accepted_as_a_job(world, company, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.NIOKR_INTAKE_SYNC_MAX_BYTES = 10
    settings.NIOKR_INTAKE_SYNC_MAX_ROWS = 0
    client = api(company)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, world["company"].bin, report(world, "1 000 000,00"))
    assert response.status_code == 202 and response["Location"].endswith(f"/api/v1/intake/jobs/{response.json()['id']}/")
    job = client.get(f"{API}/jobs/{response.json()['id']}/").json()
    assert job["status"] == "succeeded" and job["outcome"]["status"] == "valid"
    submission = Submission.objects.get()
    assert job["submission"] == submission.pk and job["outcome"]["submission"] == submission.pk
    with django_capture_on_commit_callbacks(execute=True):
        commit = client.post(f"{API}/submissions/{submission.pk}/commit/")
    assert commit.status_code == 202
    assert client.get(f"{API}/jobs/{commit.json()['id']}/").json()["status"] == "succeeded"
    submission.refresh_from_db()
    assert submission.status == "committed"


def test_jobs_are_visible_to_who_started_them_only(world, company, rival, auditor):
    record = JobRecord.objects.create(kind="recompute", started_by=company.user)
    assert api(company).get(f"{API}/jobs/{record.pk}/").status_code == 200
    assert api(rival).get(f"{API}/jobs/{record.pk}/").status_code == 404
    assert api(rival).get(f"{API}/jobs/").json()["count"] == 0
    assert api(auditor).get(f"{API}/jobs/").json()["count"] == 1


def test_the_schema_describes_the_upload_as_multipart_with_a_binary_file(company):
    schema = api(company).get("/api/schema/?format=json").json()
    upload = schema["paths"]["/api/v1/intake/submissions/"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert schema["components"]["schemas"][upload]["properties"]["file"] == {"type": "string", "format": "binary", "description": "XLSX, CSV or JSON in the layout of the template"}
