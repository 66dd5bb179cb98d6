"""A result a project claims: claimed → verified or rejected, by a payer's staff or a regulator.

| transition | from | to | roles | guards |
|---|---|---|---|---|
| verify | claimed | verified | company (a payer's staff), regulator | the result has evidence |
| reject | claimed | rejected | company (a payer's staff), regulator | a reason given |

A result is recorded (claimed) by the performer's staff through
:func:`niokr.projects.lifecycle.results.record_result`; ``context["note"]`` carries the decision's words.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.accounts.notifications import kind
from niokr.projects.choices import ResultStatus
from niokr.projects.lifecycle.parties import result_roles, staff_of
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

S = ResultStatus

kind("lifecycle.result_claimed", gettext_lazy("A result to verify"), gettext_lazy("Project %(project)s claims result %(result)s: verify it or reject it."))
kind("lifecycle.result_verified", gettext_lazy("A result is verified"), gettext_lazy("Result %(result)s of project %(project)s is verified."))
kind("lifecycle.result_rejected", gettext_lazy("A result is rejected"), gettext_lazy("Result %(result)s of project %(project)s is rejected."))

__all__ = ["RESULT", "result_link"]


def result_link(result) -> str:
    return f"/lifecycle/results/{result.reference}/"


def has_evidence(result, context) -> str | None:
    """the result has evidence (a note, a reference or a file)"""
    if not result.has_evidence:
        return _("A result is verified on its evidence: none is attached to this one.")
    return None


def reason_given(result, context) -> str | None:
    """a reason for the rejection is given"""
    if not str(context.get("note") or "").strip():
        return _("Say why the result is rejected.")
    return None


def _decide(result, context) -> None:
    result.decided_by = context.get("user")
    result.decided_at = timezone.now()
    result.decision_note = str(context.get("note") or "").strip()
    result.save(update_fields=["decided_by", "decided_at", "decision_note"])


def _performer_staff(kind: str):
    def recipients(result, context):
        params = {"result": result.reference, "project": result.project.code, "link": result_link(result)}
        return [(user, kind, params) for user in staff_of([result.project.performer_id], Role.PERFORMER, Role.COMPANY)]

    return recipients


RESULT = register(
    Workflow(
        name="result",
        model="projects.Result",
        states=ResultStatus,
        start=S.CLAIMED,
        finals=frozenset({S.VERIFIED, S.REJECTED}),
        roles_of=lambda result, user: result_roles(result, user),
        transitions=(
            Transition(
                "verify", (S.CLAIMED,), S.VERIFIED, frozenset({Role.COMPANY, Role.REGULATOR}), gettext_lazy("Verify"),
                guards=(has_evidence,), effect=_decide, notify=_performer_staff("lifecycle.result_verified"),
            ),
            Transition(
                "reject", (S.CLAIMED,), S.REJECTED, frozenset({Role.COMPANY, Role.REGULATOR}), gettext_lazy("Reject"),
                guards=(reason_given,), effect=_decide, notify=_performer_staff("lifecycle.result_rejected"),
            ),
        ),
    )
)
