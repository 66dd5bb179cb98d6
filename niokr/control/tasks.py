"""The control app's background task (django-tasks): a control run, and the call that queues it.

The task takes ids (they travel through the database queue as JSON) and looks its objects up
again. ``actor_id`` is the auditor on whose behalf the run is made; the right to start a run is
checked again when the task runs. Running the task twice makes two runs: the later one replaces the
earlier one's detail, so nothing is counted twice.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from niokr.control import runner
from niokr.control.services import can_audit
from niokr.registry.models import Organisation

__all__ = ["control_run_job", "start_run"]


def _refuse_unless_auditor(actor) -> None:
    if actor is not None and not can_audit(actor):
        raise PermissionDenied(_("Only auditors and administrators start a control run."))


@task()
def control_run_job(payer_id: int | None, actor_id: int | None, as_of: str | None = None) -> dict:
    """Evaluate the catalogue nationally (``payer_id`` ``None``) or for one subsoil user."""
    actor = None
    if actor_id is not None:
        actor = get_user_model().objects.filter(pk=actor_id, is_active=True).first()
        if actor is None:
            raise PermissionDenied(_("The user who started this run can no longer act."))
    _refuse_unless_auditor(actor)
    payer = Organisation.objects.get(pk=payer_id) if payer_id is not None else None
    run = runner.run_control(payer=payer, actor=actor, as_of=date.fromisoformat(as_of) if as_of else None)
    return {"run": run.pk, "status": run.status, "flagged": sum(c.get("flagged", 0) for c in run.counts.values()), "warnings": [w["indicator"] for w in run.warnings]}


def start_run(*, actor, payer: Organisation | None = None) -> None:
    """Queue a run (once the current transaction commits); the run appears in the runs list when it starts."""
    _refuse_unless_auditor(actor)
    payer_id = payer.pk if payer is not None else None
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    transaction.on_commit(lambda: control_run_job.enqueue(payer_id=payer_id, actor_id=actor_id))
