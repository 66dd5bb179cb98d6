"""The lifecycle's actions in the audit trail, as a person reads them (kk/ru/en through the catalogs).

A workflow transition writes ``<workflow>.<transition>`` (or its own ``action``) and reads as the
transition's label; the services' other actions are listed here. Registered with
:func:`niokr.core.audit.register_action_labels` when the app is ready.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "register"]

#: The actions the lifecycle's services record outside a workflow transition.
ACTIONS = {
    "programme.create": _("Programme created"),
    "programme.link_project": _("Programme linked to its project"),
    "council_session.plan": _("Council session planned"),
    "council_session.agenda": _("Put on the council's agenda"),
    "council_session.attendance": _("Attendance recorded"),
    "council_session.declare_conflict": _("Conflict of interest declared"),
    "council_session.vote": _("Vote cast"),
    "council_session.import_votes": _("Votes imported"),
    "expertise.sheet_created": _("Scoring sheet created"),
    "expertise.opened": _("Expertise opened"),
    "expertise.expert_assigned": _("Expert assigned"),
    "expertise.scored": _("Expert's scores recorded"),
    "call.created": _("Call created"),
    "application.submitted": _("Application submitted"),
    "stage.plan": _("Stage planned"),
    "payment.link_stage": _("Payment linked to its stage"),
    "result.claim": _("Result recorded"),
    "result.evidence": _("Evidence added to a result"),
}


def register() -> None:
    """Register :data:`ACTIONS` and every workflow transition's action with its label."""
    from niokr.core.audit import register_action_labels
    from niokr.projects.lifecycle.workflow import workflows

    labels = dict(ACTIONS)
    for workflow in workflows().values():
        for transition in workflow.transitions:
            labels.setdefault(transition.action or f"{workflow.name}.{transition.name}", transition.label)
    register_action_labels(labels)
