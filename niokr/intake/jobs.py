"""Background jobs: when work goes to the queue, and the life of a job's record.

A job is one call of a django-tasks task (:mod:`niokr.intake.tasks`) with a
:class:`~niokr.intake.models.JobRecord` beside it. The record is created in the request's
transaction; the task is enqueued when that transaction commits, so a worker never sees a job
whose record or inputs are not saved. The task function marks the record running, then succeeded
with its outcome or failed with a message. django-tasks-db's ``DBTaskResult`` is the queue: the job
page shows its queue times and worker, and :func:`reconcile` fails a record whose task failed
before the function could say so (a task that could not be imported, say).

A worker that dies in the middle of a job (killed, out of memory, the machine lost) cannot mark
anything. Each worker's id names its machine and process (:func:`worker_id`); a worker that starts
first fails the tasks left running by a worker of its machine whose process is gone
(:func:`fail_lost_tasks`), and their records with them, so no job stays "running" for ever.

Small work runs in the request: a file of at most ``NIOKR_INTAKE_SYNC_MAX_ROWS`` rows or at most
``NIOKR_INTAKE_SYNC_MAX_BYTES`` bytes (20,000 rows, 5 MiB by default) is validated and committed
while the user waits; anything larger goes to the queue.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from niokr.intake.models import JobRecord, JobStatus
from niokr.intake.commit import COMMIT_REFUSALS

__all__ = [
    "sync_max_bytes",
    "sync_max_rows",
    "is_small",
    "create_record",
    "schedule",
    "run",
    "reconcile",
    "worker_id",
    "fail_lost_tasks",
    "queue_state",
    "received_outcome",
    "commit_outcome",
    "recompute_outcome",
    "refusal_text",
]

logger = logging.getLogger(__name__)

SYNC_MAX_BYTES = 5 * 1024 * 1024
SYNC_MAX_ROWS = 20_000

# Error codes a failed job records; the page words them in the reader's language.
ERROR_DENIED = "permission_denied"
ERROR_REFUSED = "refused"
ERROR_FAILED = "failed"

REFUSALS = COMMIT_REFUSALS


def refusal_text(exc: ValidationError) -> str:
    """What a user reads when an operation is refused with ``exc``."""
    code = _first_code(exc)
    return str(REFUSALS[code]) if code in REFUSALS else "; ".join(exc.messages)


def _first_code(exc: ValidationError) -> str | None:
    if hasattr(exc, "error_dict"):
        for errors in exc.error_dict.values():
            for error in errors:
                return error.code
    for error in getattr(exc, "error_list", [exc]):
        return error.code
    return None


def sync_max_bytes() -> int:
    return int(getattr(settings, "NIOKR_INTAKE_SYNC_MAX_BYTES", SYNC_MAX_BYTES))


def sync_max_rows() -> int:
    return int(getattr(settings, "NIOKR_INTAKE_SYNC_MAX_ROWS", SYNC_MAX_ROWS))


def is_small(*, size: int, rows: int | None = None) -> bool:
    """Whether a file of ``size`` bytes and ``rows`` rows (``None``: not known) is handled at once."""
    return size <= sync_max_bytes() or (rows is not None and rows <= sync_max_rows())


def create_record(*, kind: str, user, organisation=None, submission=None, parameters: dict | None = None) -> JobRecord:
    """A queued job's record (call inside the transaction that decides to run it)."""
    return JobRecord.objects.create(
        kind=kind,
        started_by=user if user is not None and getattr(user, "is_authenticated", False) else None,
        organisation=organisation,
        submission=submission,
        parameters=parameters or {},
    )


def schedule(record: JobRecord, task, **kwargs) -> None:
    """Enqueue ``task(**kwargs, job_id=record.pk)`` once the current transaction commits.

    The task's id is saved on the record. If the queue refuses the task, the record fails at once
    (the user sees it on the job page) instead of staying queued for ever.
    """
    job_id = record.pk

    def enqueue() -> None:
        try:
            result = task.enqueue(**kwargs, job_id=job_id)
        except Exception as exc:  # noqa: BLE001 - any refusal of the queue fails the job visibly
            logger.exception("job %s could not be enqueued", job_id)
            JobRecord.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000], outcome={"error_code": ERROR_FAILED}
            )
            return
        JobRecord.objects.filter(pk=job_id).update(task_id=str(result.id))

    transaction.on_commit(enqueue)


def run(job_id: int | None, work: Callable[[], dict]) -> dict:
    """Run a job's ``work`` and record what came of it on the job's record.

    Idempotent: a job whose record says it succeeded returns that outcome without working again.
    An exception is recorded (with a message a user may read) and raised again, so the queue
    marks the task failed too and keeps the traceback for the administrators.
    """
    if job_id is not None:
        record = JobRecord.objects.filter(pk=job_id).only("status", "outcome").first()
        if record is not None and record.status == JobStatus.SUCCEEDED:
            return record.outcome
        JobRecord.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now(), finished_at=None, error="")
    try:
        outcome = work()
    except Exception as exc:
        if job_id is not None:
            outcome, message = _describe(exc)
            JobRecord.objects.filter(pk=job_id).update(status=JobStatus.FAILED, finished_at=timezone.now(), error=message, outcome=outcome)
        raise
    if job_id is not None:
        changes = {"status": JobStatus.SUCCEEDED, "finished_at": timezone.now(), "outcome": outcome}
        if outcome.get("submission"):
            changes["submission_id"] = outcome["submission"]
        JobRecord.objects.filter(pk=job_id).update(**changes)
    return outcome


def _describe(exc: BaseException) -> tuple[dict, str]:
    """The outcome of a failed job (its error code) and the message kept with it.

    The page words a denial and a refused commit in the reader's language from the codes; the
    message keeps the original text. Any other exception is named by its class only: its
    traceback stays in the queue for the administrators.
    """
    if isinstance(exc, PermissionDenied):
        return {"error_code": ERROR_DENIED}, str(exc)
    if isinstance(exc, ValidationError):
        return {"error_code": ERROR_REFUSED, "refusal": _first_code(exc)}, "; ".join(exc.messages)[:2000]
    return {"error_code": ERROR_FAILED}, type(exc).__name__


def _task_ids(records: Iterable[JobRecord]) -> dict[uuid.UUID, JobRecord]:
    ids = {}
    for record in records:
        try:
            ids[uuid.UUID(record.task_id)] = record
        except (ValueError, TypeError):
            continue  # no task yet, or a backend whose ids are not database rows
    return ids


def reconcile(records: Iterable[JobRecord]) -> None:
    """Fail the unfinished ``records`` whose task the queue has failed (in one query).

    A task fails outside its function when the worker cannot load it or cannot store its result;
    the record would otherwise stay queued or running.
    """
    from django_tasks_db.models import DBTaskResult

    pending = _task_ids(r for r in records if not r.finished)
    if not pending:
        return
    for task_id, exception_class in DBTaskResult.objects.filter(id__in=list(pending), status="FAILED").values_list("id", "exception_class_path"):
        record = pending[task_id]
        now = timezone.now()
        changed = JobRecord.objects.filter(pk=record.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
            status=JobStatus.FAILED, finished_at=now, error=exception_class.rsplit(".", 1)[-1], outcome={"error_code": ERROR_FAILED}
        )
        if changed:
            record.status, record.finished_at, record.error, record.outcome = JobStatus.FAILED, now, exception_class.rsplit(".", 1)[-1], {"error_code": ERROR_FAILED}


#: The exception a task left running by a dead worker is failed with (the job page names it).
WORKER_LOST = "WorkerLost"


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished (killed, out of memory, machine lost)."""


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    """An id for a worker process that says where it runs: ``<host>:<pid>:<random>`` (at most 64 characters)."""
    return f"{_host()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _worker_process(worker: str) -> tuple[str, int] | None:
    """The machine and process id a :func:`worker_id` names (``None`` for an id of another form)."""
    host, _sep, rest = worker.partition(":")
    pid, _sep, _token = rest.partition(":")
    return (host, int(pid)) if host and pid.isdigit() else None


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_lost_tasks(*, backend_name: str = "default", alive: Callable[[int], bool] = process_alive) -> list[uuid.UUID]:
    """Fail the tasks a dead worker of this machine left running, and their job records.

    A task is lost when the worker that claimed it last (``DBTaskResult.worker_ids``) names this
    machine and a process that no longer runs. Its transaction died with the worker, so nothing of
    it was written; the record fails with :data:`WORKER_LOST` and the user starts the operation
    again (a file that killed its worker is not run a second time by itself). A worker id of
    another form, another machine's worker, or a process that still runs is left alone. Returns
    the ids of the tasks failed.
    """
    from django_tasks_db.models import DBTaskResult

    host, me = _host(), os.getpid()
    lost = []
    for task_id, workers in DBTaskResult.objects.filter(backend_name=backend_name, status="RUNNING").values_list("id", "worker_ids"):
        process = _worker_process(workers[-1]) if workers else None
        if process is None or process[0] != host or process[1] == me or alive(process[1]):
            continue
        changed = DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path=f"{__name__}.{WORKER_LOST}",
            traceback=f"{WORKER_LOST}: worker {workers[-1]} was no longer running when worker {host}:{me} started",
            return_value=None,
        )
        if changed:
            logger.warning("task %s failed: its worker %s is gone", task_id, workers[-1])
            lost.append(task_id)
    if lost:
        reconcile(JobRecord.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exclude(task_id=""))
    return lost


def queue_state(record: JobRecord):
    """The queue's ``DBTaskResult`` of ``record`` (``None`` when the backend keeps none)."""
    from django_tasks_db.models import DBTaskResult

    ids = _task_ids([record])
    if not ids:
        return None
    return DBTaskResult.objects.filter(id__in=list(ids)).defer("args_kwargs", "return_value", "traceback").first()


def received_outcome(received) -> dict:
    """A validation job's outcome: the submission and its counts."""
    s = received.submission
    return {"submission": s.pk, "duplicate": received.duplicate, "status": s.status, "rows": s.rows, "errors": s.errors, "warnings": s.warnings}


def commit_outcome(summary) -> dict:
    """A commit job's outcome (:class:`niokr.intake.commit.CommitSummary`)."""
    return {
        "submission": summary.submission,
        "lines": summary.lines,
        "entries_posted": summary.entries_posted,
        "entries_reversed": summary.entries_reversed,
        "superseded": summary.superseded,
        "rights_recomputed": summary.rights_recomputed,
    }


def recompute_outcome(summary) -> dict:
    """A recompute job's outcome (:class:`niokr.obligations.services.RecomputeSummary`)."""
    return {
        "rights": summary.rights,
        "right_years": summary.right_years,
        "obligations_posted": summary.obligations_posted,
        "obligations_reversed": summary.obligations_reversed,
        "balances_written": summary.balances_written,
        "seconds": round(summary.seconds, 1),
    }
