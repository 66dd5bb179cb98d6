"""Background jobs: large imports, commits and recomputes, run at once and through the real queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from niokr.accounts.models import Membership
from niokr.intake import tasks
from niokr.intake.models import JobRecord, Submission
from niokr.intake.services import store_upload
from niokr.intake.tests.test_pages import (  # noqa: F401 - fixtures
    admin,
    auditor,
    company,
    persona,
    regulator,
    report,
    rival,
    upload,
    world,
)
from niokr.obligations.models import LedgerEntry, RightYearBalance

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def large(settings):
    """Every file counts as large: it goes to a job."""
    settings.NIOKR_INTAKE_SYNC_MAX_BYTES = 10
    settings.NIOKR_INTAKE_SYNC_MAX_ROWS = 0


@pytest.fixture
def immediate(settings):
    """NIOKR_TASKS_IMMEDIATE=1: each job runs in the enqueuing process."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def queue(settings):
    """The database queue (the production backend)."""
    settings.TASKS = DATABASE


def job_of(response) -> JobRecord:
    assert response.status_code == 302 and "/intake/jobs/" in response["Location"], response
    return JobRecord.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_a_large_file_is_validated_by_a_job_whose_page_shows_the_outcome(world, company, large, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(company, world["company"], report(world, "1 000 000,00", "2 000 000,00"))
    job = job_of(response)
    job.refresh_from_db()
    submission = Submission.objects.get()
    assert job.kind == "validate" and job.status == "succeeded" and job.started_by == company.user
    assert job.outcome == {"submission": submission.pk, "duplicate": False, "status": "valid", "rows": 2, "errors": 0, "warnings": 0}
    assert job.submission == submission and job.started_at and job.finished_at and job.task_id
    page = company.get(response["Location"]).content.decode()
    assert "Succeeded" in page and f'href="/intake/submissions/{submission.pk}/"' in page
    assert "hx-trigger" not in page


def test_a_large_commit_runs_as_a_job(world, company, large, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(company, world["company"], report(world, "1 000 000,00"))
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = company.post(f"/intake/submissions/{submission.pk}/commit/")
    job = job_of(response)
    job.refresh_from_db()
    submission.refresh_from_db()
    assert job.kind == "commit" and job.status == "succeeded" and submission.status == "committed"
    assert job.outcome["lines"] == 1 and job.outcome["entries_posted"] == 1
    assert "ledger entries posted" in company.get(response["Location"]).content.decode()


def test_an_unfinished_job_polls_its_status_every_two_seconds_and_stops_when_done(world, company):
    job = JobRecord.objects.create(kind="validate", started_by=company.user, organisation=world["company"], parameters={"filename": "big.csv"})
    page = company.get(f"/intake/jobs/{job.pk}/").content.decode()
    assert f'hx-get="/intake/jobs/{job.pk}/"' in page and 'hx-trigger="every 2s"' in page and "<html" in page
    fragment = company.get(f"/intake/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'hx-trigger="every 2s"' in fragment and "Queued" in fragment
    JobRecord.objects.filter(pk=job.pk).update(status="failed", outcome={"error_code": "failed"}, error="OperationalError")
    done = company.get(f"/intake/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in done and "Failed" in done and "OperationalError" in done


def test_job_pages_show_a_user_only_their_own_jobs(world, company, rival, auditor, admin):
    mine = JobRecord.objects.create(kind="validate", started_by=company.user, organisation=world["company"])
    theirs = JobRecord.objects.create(kind="validate", started_by=rival.user, organisation=world["rival"])
    assert company.get(f"/intake/jobs/{mine.pk}/").status_code == 200
    assert company.get(f"/intake/jobs/{theirs.pk}/").status_code == 404
    assert company.get(f"/intake/jobs/{theirs.pk + 100}/").status_code == 404
    listing = company.get("/intake/jobs/").content.decode()
    assert f'href="/intake/jobs/{mine.pk}/"' in listing and f'href="/intake/jobs/{theirs.pk}/"' not in listing
    for everyone in (auditor, admin):
        listing = everyone.get("/intake/jobs/").content.decode()
        assert f'href="/intake/jobs/{mine.pk}/"' in listing and f'href="/intake/jobs/{theirs.pk}/"' in listing


def test_the_job_list_has_a_bounded_number_of_queries(world, company, auditor, django_assert_max_num_queries):
    for i in range(70):
        JobRecord.objects.create(kind="validate", started_by=company.user if i % 2 else auditor.user, organisation=world["company"], status="succeeded")
    with django_assert_max_num_queries(12):
        response = auditor.get("/intake/jobs/")
    assert response.status_code == 200 and response.content.decode().count('href="/intake/jobs/') >= 50


def test_an_administrator_starts_a_national_recompute(world, admin, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/intake/jobs/recompute/")
    job = job_of(response)
    job.refresh_from_db()
    assert job.kind == "recompute" and job.status == "succeeded" and job.outcome["rights"] == 2
    assert RightYearBalance.objects.filter(right=world["right"]).exists()
    assert "balances written" in admin.get(response["Location"]).content.decode()


def test_only_an_administrator_starts_a_recompute_and_a_refusal_queues_nothing(world, company, regulator, auditor):
    for client in (company, regulator, auditor):
        assert client.post("/intake/jobs/recompute/").status_code == 403
        assert "recompute-form" not in client.get("/intake/jobs/").content.decode()
    assert JobRecord.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_a_job_is_refused_when_its_user_lost_the_right_to_act(world, company, large, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(company, world["company"], report(world, "1 000 000,00"))
    # The membership ends between the upload and the job.
    Membership.objects.filter(user=company.user).delete()
    for callback in callbacks:
        callback()
    job = job_of(response)
    job.refresh_from_db()
    assert job.status == "failed" and job.outcome == {"error_code": "permission_denied"}
    assert Submission.objects.count() == 0


def test_jobs_are_idempotent(world, company):
    stored = store_upload([report(world, "1 000 000,00")])
    args = {"path": str(stored.path), "organisation_id": world["company"].pk, "kind": "spending", "year": 2025, "quarter": None, "filename": "r.csv", "actor_id": company.user.pk}
    first = tasks.validate_submission_job.call(**args)
    second = tasks.validate_submission_job.call(**args)
    assert first["submission"] == second["submission"] and second["duplicate"] is True and Submission.objects.count() == 1
    committed = tasks.commit_submission_job.call(submission_id=first["submission"], actor_id=company.user.pk)
    entries = LedgerEntry.objects.count()
    again = tasks.commit_submission_job.call(submission_id=first["submission"], actor_id=company.user.pk)
    assert committed["lines"] == 1 and again == {"submission": first["submission"], "already_committed": True}
    assert LedgerEntry.objects.count() == entries


def test_a_finished_job_is_not_run_again(world, company):
    job = JobRecord.objects.create(kind="recompute", started_by=company.user, status="succeeded", outcome={"rights": 7})
    assert tasks.recompute_job.call(right_ids=None, actor_id=None, job_id=job.pk) == {"rights": 7}
    assert RightYearBalance.objects.count() == 0


@pytest.fixture
def committed_world(transactional_db, build, settings, tmp_path):
    """A company with a right and a performer, committed (no regimes: a flushed database has none)."""
    settings.DATA_DIR = tmp_path
    company = build.org(name="ТОО «Очередь»")
    performer = build.org(kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None))
    return {"company": company, "performer": performer, "right": build.right(company, number="КТ-2020-01")}


@pytest.mark.django_db(transaction=True)
def test_the_real_queue_runs_a_large_import_with_the_worker(committed_world, large, queue):
    # Real transactions: the task is enqueued when the upload's transaction commits, and the
    # worker claims it in its own transaction, as in production.
    world = committed_world
    company = persona("queue-company", world["company"], "company")
    response = upload(company, world["company"], report(world, "1 000 000,00", "3 000 000,00"))
    job = job_of(response)
    job.refresh_from_db()
    task = DBTaskResult.objects.get(id=uuid.UUID(job.task_id))
    assert job.status == "queued" and task.status == "READY" and Submission.objects.count() == 0
    assert 'hx-trigger="every 2s"' in company.get(response["Location"]).content.decode()

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    task.refresh_from_db()
    submission = Submission.objects.get()
    assert task.status == "SUCCESSFUL" and task.return_value == job.outcome
    assert job.status == "succeeded" and job.outcome["submission"] == submission.pk and submission.status == "valid"
    page = company.get(response["Location"]).content.decode()
    assert "Succeeded" in page and "hx-trigger" not in page and task.worker_ids[0] in page


def test_a_task_the_queue_failed_shows_as_failed(world, company, queue):
    job = JobRecord.objects.create(kind="commit", started_by=company.user, organisation=world["company"], status="running")
    task = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="niokr.intake.tasks.gone", backend_name="default", status="FAILED", exception_class_path="builtins.ImportError", traceback="")
    JobRecord.objects.filter(pk=job.pk).update(task_id=str(task.id))
    page = company.get(f"/intake/jobs/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "ImportError" in page and "hx-trigger" not in page


def test_the_worker_refuses_to_run_without_the_database_queue(immediate):
    with pytest.raises(CommandError, match="not the database queue"):
        call_command("worker", "--batch")


@pytest.mark.slow
def test_the_worker_stops_gracefully_on_sigterm(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}", "NIOKR_DATA_DIR": str(tmp_path), "NIOKR_TASKS_IMMEDIATE": "0"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=Path(__file__).resolve().parents[3], env=env, check=True)
    worker = subprocess.Popen(
        [sys.executable, "-m", "niokr.cli", "worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=Path(__file__).resolve().parents[3], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        output = ""
        while "Starting worker" not in output and time.monotonic() < deadline:
            output += worker.stdout.readline()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
