"""The intake app's background tasks (django-tasks) and the calls that start them.

Each task takes ids and plain values (they travel through the database queue as JSON), looks its
objects up again, and is safe to run twice: a file already received is found by its hash, a
committed submission is not committed again, and a recompute of unchanged data changes nothing.
``job_id`` names the :class:`~niokr.intake.models.JobRecord` the task reports to
(:func:`niokr.intake.jobs.run`); without it the task just runs.

``actor_id`` is the user on whose behalf the task acts; the permission is checked again inside
the task's transaction. ``None`` is the system itself (a command run by an operator).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from niokr.intake import commit, jobs, services
from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import JobKind, JobRecord, Submission
from niokr.obligations import services as obligation_services
from niokr.registry.models import Organisation

__all__ = [
    "validate_submission_job",
    "commit_submission_job",
    "recompute_job",
    "start_validation",
    "start_commit",
    "start_recompute",
]


def _actor(actor_id: int | None):
    if actor_id is None:
        return None
    user = get_user_model().objects.filter(pk=actor_id, is_active=True).first()
    if user is None:
        raise PermissionDenied(_("The user who started this job can no longer act."))
    return user


@task()
def validate_submission_job(path: str, organisation_id: int, kind: str, year: int, quarter: int | None, filename: str, actor_id: int | None, job_id: int | None = None) -> dict:
    """Receive and validate the stored upload at ``path`` (:func:`services.submit_file`)."""

    def work() -> dict:
        actor = _actor(actor_id)
        organisation = Organisation.objects.get(pk=organisation_id)
        if actor is None:
            received = services.receive_submission(organisation=organisation, kind=kind, data=Path(path), filename=filename, period_year=year, period_quarter=quarter)
        else:
            received = services.submit_file(actor=actor, organisation=organisation, kind=kind, data=Path(path), filename=filename, period_year=year, period_quarter=quarter)
        return jobs.received_outcome(received)

    return jobs.run(job_id, work)


@task()
def commit_submission_job(submission_id: int, actor_id: int | None, job_id: int | None = None) -> dict:
    """Commit a valid submission, or one whose commit failed (:func:`commit.commit_for`); one already committed is left as it is."""

    def work() -> dict:
        actor = _actor(actor_id)
        submission = Submission.objects.get(pk=submission_id)
        if submission.status in (SubmissionStatus.COMMITTED, SubmissionStatus.SUPERSEDED):
            return {"submission": submission.pk, "already_committed": True}
        if actor is None:
            summary = commit.commit_submission(submission=submission)
        else:
            summary = commit.commit_for(submission=submission, actor=actor)
        return jobs.commit_outcome(summary)

    return jobs.run(job_id, work)


@task()
def recompute_job(right_ids: list[int] | None, actor_id: int | None, job_id: int | None = None) -> dict:
    """Recompute obligations and balances of ``right_ids`` (``None``: the whole country)."""

    def work() -> dict:
        actor = _actor(actor_id)
        if actor is not None and not services.may_recompute(actor):
            raise PermissionDenied(_("Only an administrator starts a recompute."))
        summary = obligation_services.recompute(right_ids=right_ids, actor=actor)
        return jobs.recompute_outcome(summary)

    return jobs.run(job_id, work)


def start_validation(*, actor, organisation: Organisation, kind: str, year: int, quarter: int | None, filename: str, stored: services.StoredUpload) -> JobRecord:
    """Queue the validation of an upload already stored (:func:`services.store_upload`)."""
    with transaction.atomic():
        record = jobs.create_record(
            kind=JobKind.VALIDATE, user=actor, organisation=organisation,
            parameters={"kind": kind, "year": year, "quarter": quarter, "filename": filename, "size": stored.size, "sha256": stored.sha256},
        )
        jobs.schedule(
            record, validate_submission_job,
            path=str(stored.path), organisation_id=organisation.pk, kind=kind, year=year, quarter=quarter, filename=filename, actor_id=_actor_id(actor),
        )
    return record


def start_commit(*, actor, submission: Submission) -> JobRecord:
    """Queue the commit of ``submission``."""
    with transaction.atomic():
        record = jobs.create_record(kind=JobKind.COMMIT, user=actor, organisation=submission.organisation, submission=submission, parameters={"submission": submission.pk})
        jobs.schedule(record, commit_submission_job, submission_id=submission.pk, actor_id=_actor_id(actor))
    return record


def start_recompute(*, actor, right_ids: list[int] | None = None) -> JobRecord:
    """Queue a recompute (``right_ids`` ``None``: national)."""
    if not services.may_recompute(actor):
        raise PermissionDenied(_("Only an administrator starts a recompute."))
    with transaction.atomic():
        record = jobs.create_record(kind=JobKind.RECOMPUTE, user=actor, parameters={"rights": len(right_ids) if right_ids is not None else None})
        jobs.schedule(record, recompute_job, right_ids=right_ids, actor_id=_actor_id(actor))
    return record


def _actor_id(actor) -> int | None:
    return actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
