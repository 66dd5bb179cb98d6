"""A job whose worker died does not stay "running": the next worker of the machine fails it.

The fast test leaves rows as a killed worker leaves them (the queue's task and the job's record
running, claimed by a process that has exited) and starts ``niokr worker``; the slow one kills a
real worker with SIGKILL in the middle of a job and starts another.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_tasks import task
from django_tasks_db.models import DBTaskResult, get_date_max

from niokr.intake import jobs
from niokr.intake.models import JobRecord

ROOT = Path(__file__).resolve().parents[2]
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def sleeping_job(marker: str, seconds: float, job_id: int | None = None) -> dict:
    """A job that says it has started (a file at ``marker``) and then works for ``seconds``."""

    def work() -> dict:
        Path(marker).write_text("started")
        time.sleep(seconds)
        return {"slept": seconds}

    return jobs.run(job_id, work)


def dead_pid() -> int:
    """The id of a process of this machine that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def left_running(user, worker: str) -> tuple[JobRecord, DBTaskResult]:
    """A job and its task as a worker killed in the middle of it leaves them."""
    record = JobRecord.objects.create(kind="recompute", started_by=user, status="running")
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"right_ids": None, "actor_id": user.pk, "job_id": record.pk}},
        task_path="niokr.intake.tasks.recompute_job",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status="RUNNING",
        worker_ids=[worker],
    )
    JobRecord.objects.filter(pk=record.pk).update(task_id=str(result.id))
    return record, result


def test_a_worker_id_names_the_machine_and_the_process():
    worker = jobs.worker_id()
    host, pid, token = worker.split(":")
    assert host and int(pid) == os.getpid() and token and len(worker) <= 64


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_fails_the_jobs_its_machines_dead_workers_left_running(settings):
    settings.TASKS = DATABASE
    user = get_user_model().objects.create_user("worker-owner", password="a-long-password-1")
    host = jobs.worker_id().split(":")[0]
    lost, lost_task = left_running(user, f"{host}:{dead_pid()}:deadbeef")
    alive, alive_task = left_running(user, f"{host}:{os.getppid()}:cafe")  # a process that runs
    elsewhere, elsewhere_task = left_running(user, f"another-machine:{dead_pid()}:beef")
    foreign, foreign_task = left_running(user, "a-worker-id-of-another-form")

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    for record in (lost, alive, elsewhere, foreign):
        record.refresh_from_db()
    lost_task.refresh_from_db()
    assert lost.status == "failed" and lost.finished_at is not None and lost.error == jobs.WORKER_LOST
    assert lost_task.status == "FAILED" and lost_task.exception_class_path.endswith(".WorkerLost")
    assert [r.status for r in (alive, elsewhere, foreign)] == ["running"] * 3
    assert {t.status for t in DBTaskResult.objects.filter(pk__in=[alive_task.pk, elsewhere_task.pk, foreign_task.pk])} == {"RUNNING"}

    client = Client()
    client.force_login(user)
    page = client.get(f"/intake/jobs/{lost.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "WorkerLost" in page and "hx-trigger" not in page
    api = client.get(f"/api/v1/intake/jobs/{lost.pk}/").json()
    assert api["status"] == "failed"

    # A second start finds nothing more to fail.
    assert jobs.fail_lost_tasks() == []


@pytest.mark.slow
def test_a_job_whose_worker_is_killed_is_failed_when_a_worker_starts(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}", "NIOKR_DATA_DIR": str(tmp_path), "NIOKR_TASKS_IMMEDIATE": "0", "NIOKR_DEBUG": "0"}
    env.pop("PYTEST_CURRENT_TEST", None)

    def django(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def shell(code: str) -> str:
        """What ``code`` prints (the last line: the shell may say what it imported first)."""
        return django("shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1]

    def job_status(job: int) -> str:
        return shell(f"from niokr.intake.models import JobRecord; print(JobRecord.objects.get(pk={job}).status)")

    django("migrate", "-v0")
    marker = tmp_path / "started"
    job = int(shell((
        "from niokr.intake import jobs; from niokr.web_tests.test_job_recovery import sleeping_job; "
        "record = jobs.create_record(kind='recompute', user=None); "
        f"result = sleeping_job.enqueue(marker={str(marker)!r}, seconds=600, job_id=record.pk); "
        "record.task_id = str(result.id); record.save(update_fields=['task_id']); print(record.pk)"
    )))
    worker = subprocess.Popen([sys.executable, "-m", "niokr.cli", "worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), "the worker started the job"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert job_status(job) == "running"  # what a killed worker leaves behind

    restarted = subprocess.run([sys.executable, "-m", "niokr.cli", "worker", "--batch", "--no-startup-delay", "--no-reload"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert restarted.returncode == 0, restarted.stderr
    assert "1 job(s) left running by a worker that is gone marked failed" in restarted.stdout
    assert job_status(job) == "failed"
    state = shell(f"from niokr.intake.models import JobRecord; import uuid; from django_tasks_db.models import DBTaskResult; r = JobRecord.objects.get(pk={job}); print(r.error, DBTaskResult.objects.get(id=uuid.UUID(r.task_id)).status)").split()
    assert state == [jobs.WORKER_LOST, "FAILED"]
