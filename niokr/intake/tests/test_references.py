"""Submissions and jobs are named by their reference (SUB-2026-000042, JOB-2026-000007) and the business
facts around them, never by a database number: on the pages, in the exports and in the API, in kk, ru and en."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import transaction
from django.utils import timezone, translation
from rest_framework.test import APIClient

from niokr.core.numbering import normalise_reference, yearly_reference
from niokr.intake.models import JobRecord, Submission
from niokr.intake.naming import job_label, submission_label
from niokr.intake.tests.test_jobs import immediate, large  # noqa: F401 - fixtures
from niokr.intake.tests.test_pages import body, persona, report, upload, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

SUBMISSION_REFERENCE = re.compile(r"^SUB-\d{4}-\d{6}$")
JOB_REFERENCE = re.compile(r"^JOB-\d{4}-\d{6}$")
#: A database number as people must not see it: "#12", "# 12", "№12", "№ 12".
DATABASE_NUMBER = re.compile(r"(?:#|№)\s*\d")
RECEIVED = {"kk": "қабылданған", "ru": "получен", "en": "received"}


def visible_text(html: str) -> str:
    """What a person reads on a page: no scripts, styles, tags or attributes (colours, anchors)."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return unescape(re.sub(r"(?s)<[^>]+>", " ", html))


def test_a_reference_is_assigned_on_create_and_unique(world):
    with transaction.atomic():
        made = [
            Submission.objects.create(organisation=world["company"], kind="spending", period_year=2025, filename=f"{i}.csv", sha256=f"{i:064d}", size=1, status="valid", created_by="t")
            for i in range(5)
        ]
    references = [s.reference for s in made]
    assert all(SUBMISSION_REFERENCE.match(r) for r in references) and len(set(references)) == 5
    assert list(Submission.objects.order_by("pk").values_list("reference", flat=True)) == references
    year = timezone.localtime(made[0].created_at).year
    assert references[0] == yearly_reference("SUB", made[0].created_at, made[0].pk) and references[0].startswith(f"SUB-{year}-")
    job = JobRecord.objects.create(kind="recompute")
    assert JOB_REFERENCE.match(job.reference) and JobRecord.objects.get(pk=job.pk).reference == job.reference
    # saving again keeps it; no placeholder is left behind
    made[0].status = "invalid"
    made[0].save()
    assert Submission.objects.get(pk=made[0].pk).reference == references[0]
    assert not Submission.objects.filter(reference__startswith="pending").exists()


def test_a_reference_typed_in_another_way_reads_as_stored():
    assert normalise_reference("sub 2026 42") == "SUB-2026-000042"
    assert normalise_reference(" SUB-2026-000042 ") == "SUB-2026-000042"
    assert normalise_reference("job-2026-7") == "JOB-2026-000007"
    assert normalise_reference("ТОО «Альфа»") is None


@pytest.fixture
def history(world, large, immediate, django_capture_on_commit_callbacks):  # noqa: F811
    """A report and its correction, each validated and committed by a job."""
    sender = persona("sender", world["company"], "company")
    submissions = []
    for name, amounts in (("first.csv", ("1 000 000,00", "2 000 000,00")), ("corrected.csv", ("1 000 000,00", "500 000,00"))):
        with django_capture_on_commit_callbacks(execute=True):
            upload(sender, world["company"], report(world, *amounts), name=name)
        submission = Submission.objects.get(filename=name)
        with django_capture_on_commit_callbacks(execute=True):
            sender.post(f"/intake/submissions/{submission.pk}/commit/")
        submissions.append(submission)
    first, correction = (Submission.objects.select_related("organisation").get(pk=s.pk) for s in submissions)
    assert first.status == "superseded" and correction.supersedes_id == first.pk
    jobs = list(JobRecord.objects.order_by("pk"))
    assert [j.kind for j in jobs] == ["validate", "commit", "validate", "commit"] and all(j.status == "succeeded" for j in jobs)
    return {"first": first, "correction": correction, "jobs": jobs, "sender": sender}


def speaking(history, language: str):
    """The sender of the reports (a user sees the jobs they started), reading in ``language``."""
    sender = history["sender"]
    sender.user.language = language
    sender.user.save(update_fields=["language"])
    return sender


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_intake_pages_name_submissions_and_jobs_by_reference_and_show_no_database_number(world, history, language):
    reader = speaking(history, language)
    first, correction, jobs = history["first"], history["correction"], history["jobs"]
    pages = {
        "submission list": "/intake/submissions/",
        "first submission": f"/intake/submissions/{first.pk}/",
        "correction": f"/intake/submissions/{correction.pk}/",
        "job list": "/intake/jobs/",
        **{f"job {job.kind} {job.pk}": f"/intake/jobs/{job.pk}/" for job in jobs},
        "organisation panel": f"/intake/organisations/{world['company'].pk}/submissions/",
    }
    texts = {}
    for name, url in pages.items():
        response = reader.get(url)
        assert response.status_code == 200, (name, url)
        texts[name] = visible_text(response.content.decode())
        assert not DATABASE_NUMBER.search(texts[name]), (name, DATABASE_NUMBER.search(texts[name]), texts[name][:3000])
    with translation.override(language):
        first_label, correction_label = submission_label(first), submission_label(correction)
    assert RECEIVED[language] in first_label and first.organisation.bin in first_label
    # the title: reference, kind and period; the corrections: the other submission by its full name
    assert first.reference in texts["first submission"] and correction_label in texts["first submission"]
    assert first_label in texts["correction"]
    assert first.reference in texts["submission list"] and correction.reference in texts["submission list"]
    assert all(job.reference in texts["job list"] for job in jobs)
    assert correction.reference in texts["job list"]
    for job in jobs:
        page = texts[f"job {job.kind} {job.pk}"]
        assert job.reference in page
        assert (first_label if job.submission_id == first.pk else correction_label) in page
    last_commit = jobs[-1]
    assert first_label in texts[f"job commit {last_commit.pk}"]  # "corrects submission …"
    assert first.reference in texts["organisation panel"]


def test_the_exports_name_submissions_and_jobs_by_reference(world, history):
    reader = speaking(history, "ru")
    submissions = body(reader.get("/intake/submissions/?export=csv")).decode("utf-8-sig")
    jobs = body(reader.get("/intake/jobs/?export=csv")).decode("utf-8-sig")
    assert history["first"].reference in submissions and history["correction"].reference in submissions
    assert all(job.reference in jobs for job in history["jobs"])
    with translation.override("ru"):
        assert submission_label(history["first"]) in jobs
    for text in (submissions, jobs):
        assert not DATABASE_NUMBER.search(text), text
        assert text.splitlines()[0].split(";")[0] == "Учётный номер"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_api_names_submissions_and_jobs_in_the_users_language_and_keeps_ids_for_programs(world, history, language):
    reader = speaking(history, language)
    client = APIClient()
    client.force_authenticate(reader.user)
    first, correction = history["first"], history["correction"]
    listed = {row["id"]: row for row in client.get("/api/v1/intake/submissions/").json()["results"]}
    with translation.override(language):
        first_label, correction_label = submission_label(first), submission_label(correction)
        job_labels = {job.pk: job_label(JobRecord.objects.get(pk=job.pk)) for job in history["jobs"]}
    assert listed[first.pk]["reference"] == first.reference and listed[first.pk]["display"] == first_label
    assert listed[first.pk]["superseded_by"] == correction.pk and listed[first.pk]["superseded_by_reference"] == correction.reference
    assert listed[correction.pk]["supersedes"] == first.pk and listed[correction.pk]["supersedes_reference"] == first.reference
    single = client.get(f"/api/v1/intake/submissions/{correction.pk}/").json()
    assert single["display"] == correction_label
    for job in history["jobs"]:
        answer = client.get(f"/api/v1/intake/jobs/{job.pk}/").json()
        assert answer["id"] == job.pk and answer["reference"] == job.reference and answer["display"] == job_labels[job.pk]
        assert answer["submission"] == job.submission_id and answer["submission_reference"] == job.submission.reference
        assert answer["submission_display"] in (first_label, correction_label)
        assert not DATABASE_NUMBER.search(answer["display"] + answer["submission_display"])


def test_the_list_and_the_api_find_a_submission_by_its_reference_however_typed(world, history):
    reader = speaking(history, "en")
    first, correction = history["first"], history["correction"]
    number = int(first.reference.rsplit("-", 1)[1])
    typed = f"sub {first.reference.split('-')[1]} {number}"
    page = visible_text(reader.get("/intake/submissions/", {"reference": typed}).content.decode())
    assert first.reference in page and correction.reference not in page
    client = APIClient()
    client.force_authenticate(reader.user)
    found = client.get("/api/v1/intake/submissions/", {"reference": correction.reference.lower()}).json()["results"]
    assert [row["id"] for row in found] == [correction.pk]
