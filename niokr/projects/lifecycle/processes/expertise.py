"""The state scientific-technical expertise (NCSTE) of a programme version.

| transition | from | to | roles | guards |
|---|---|---|---|---|
| start_scoring | assigned | scoring | expert (coordinator) | at least the sheet's number of experts assigned |
| conclude | scoring | concluded | expert (coordinator) | the version is the programme's current one, in expertise; every assigned expert scored every criterion; the conclusion's text is written |
| cancel | assigned, scoring | cancelled | expert (coordinator), administrator | — |

Assigning experts (with the conflict check) and recording scores are writes of
:mod:`niokr.projects.lifecycle.expertise`, not status changes. ``conclude`` computes the result from
the sheet (:mod:`niokr.projects.lifecycle.scoring`), records it with the coordinator's text, and
takes the programme's ``expertise_positive`` or ``expertise_negative`` in the same transaction.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.accounts.notifications import kind
from niokr.projects.choices import ExpertiseStatus, ProgrammeStatus
from niokr.projects.lifecycle.review_access import expertise_roles
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

S = ExpertiseStatus

__all__ = ["EXPERTISE"]

kind("lifecycle.expertise_assigned", gettext_lazy("A state expertise is assigned to you"), gettext_lazy("You are assigned as an expert to the state expertise %(expertise)s of programme %(programme)s."))
kind("lifecycle.expertise_scoring", gettext_lazy("A state expertise awaits your scores"), gettext_lazy("The scoring of the state expertise %(expertise)s of programme %(programme)s is open: score every criterion of the sheet."))


def enough_experts(expertise, context) -> str | None:
    """At least the required number of experts is assigned."""
    have = expertise.assignments.count()
    if have < expertise.min_experts:
        return _("At least %(needed)s experts must be assigned; %(have)s are.") % {"needed": expertise.min_experts, "have": have}
    return None


def programme_in_expertise(expertise, context) -> str | None:
    """The expertise's version is the programme's current one and the programme is in expertise."""
    programme = expertise.version.programme
    if programme.status != ProgrammeStatus.IN_EXPERTISE:
        return _("The programme is not in state expertise (its status is «%(status)s»).") % {"status": ProgrammeStatus(programme.status).label}
    current = programme.current
    if current is None or current.pk != expertise.version_id:
        return _("The expertise was opened on an earlier version of the programme.")
    return None


def every_criterion_scored(expertise, context) -> str | None:
    """Every assigned expert has scored (or marked not applicable) every criterion of the sheet."""
    from niokr.accounts.people import person_name
    from niokr.projects.models import ExpertScore

    criteria = expertise.sheet.criteria.count()
    missing = []
    for assignment in expertise.assignments.select_related("expert__user"):
        done = ExpertScore.objects.filter(assignment=assignment).count()
        if done < criteria:
            missing.append(_("%(expert)s (%(done)s of %(total)s)") % {"expert": person_name(assignment.expert.user), "done": done, "total": criteria})
    if missing:
        return _("Not every expert has scored every criterion: %(missing)s.") % {"missing": "; ".join(missing)}
    return None


def conclusion_written(expertise, context) -> str | None:
    """The coordinator's conclusion text is written."""
    if not str(context.get("conclusion") or "").strip():
        return _("Write the text of the conclusion.")
    return None


def _record_conclusion(expertise, context) -> None:
    from niokr.projects.lifecycle.expertise import compute
    from niokr.projects.lifecycle.processes.programme import PROGRAMME
    from niokr.projects.lifecycle.workflow import perform

    result = compute(expertise)
    expertise.score = result.score
    expertise.positive = result.positive
    expertise.conclusion = str(context["conclusion"]).strip()
    expertise.confirmed_by = context.get("user")
    expertise.confirmed_at = timezone.now()
    expertise.save(update_fields=["score", "positive", "conclusion", "confirmed_by", "confirmed_at"])
    perform(
        PROGRAMME, expertise.version.programme, "expertise_positive" if result.positive else "expertise_negative", context.get("user"),
        context={"expertise": expertise, "audit": {"expertise": expertise.reference, "score": str(result.score)}},
    )


def _assigned_experts(expertise, context):
    params = {"expertise": expertise.reference, "programme": expertise.version.programme.reference, "link": f"/lifecycle/expertise/{expertise.reference}/"}
    return [(a.expert.user, "lifecycle.expertise_scoring", params) for a in expertise.assignments.select_related("expert__user")]


EXPERTISE = register(
    Workflow(
        name="expertise",
        model="projects.Expertise",
        states=ExpertiseStatus,
        start=S.ASSIGNED,
        finals=frozenset({S.CONCLUDED, S.CANCELLED}),
        roles_of=expertise_roles,
        transitions=(
            Transition("start_scoring", (S.ASSIGNED,), S.SCORING, frozenset({Role.EXPERT}), gettext_lazy("Open the scoring"), guards=(enough_experts,), notify=_assigned_experts),
            Transition(
                "conclude", (S.SCORING,), S.CONCLUDED, frozenset({Role.EXPERT}), gettext_lazy("Confirm the conclusion"),
                guards=(programme_in_expertise, enough_experts, every_criterion_scored, conclusion_written), effect=_record_conclusion,
            ),
            Transition("cancel", (S.ASSIGNED, S.SCORING), S.CANCELLED, frozenset({Role.EXPERT, Role.ADMINISTRATOR}), gettext_lazy("Cancel the expertise")),
        ),
    )
)
