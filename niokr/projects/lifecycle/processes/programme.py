"""The review of a programme or technical assignment: draft → council → state expertise → decision.

| transition | from | to | roles | guards |
|---|---|---|---|---|
| submit | draft | submitted | company | complete |
| withdraw | draft, submitted | withdrawn | company | — |
| schedule | submitted | in_council | council_secretary | on an open agenda |
| council_approve | in_council | in_expertise | council_secretary, system | the council approved this version |
| council_reject | in_council | rejected | council_secretary, system | the council rejected this version |
| council_defer | in_council | submitted | council_secretary, system | no quorum, or the session was cancelled |
| expertise_positive | in_expertise | approved | expert | a positive conclusion confirmed |
| expertise_negative | in_expertise | rejected | expert | a negative conclusion confirmed |

The council's transitions are taken by the service that closes a session (or cancels it), item by
item; the expertise's by the service that confirms a conclusion. ``context["item"]`` and
``context["expertise"]`` carry the decision the guard reads.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.projects.choices import Outcome, ProgrammeStatus
from niokr.projects.lifecycle.access import SYSTEM, programme_roles
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

S = ProgrammeStatus

__all__ = ["PROGRAMME"]


def complete(programme, context) -> str | None:
    """The current version has titles, an abstract, a budget and the rights it covers."""
    version = programme.current
    if version is None:
        return _("The programme has no text yet.")
    missing = []
    if not (version.title_kk.strip() and version.title_ru.strip() and version.title_en.strip()):
        missing.append(_("the title in Kazakh, Russian and English"))
    if not version.abstract.strip():
        missing.append(_("the abstract"))
    if not version.budget.exists():
        missing.append(_("the budget by year"))
    if not version.rights.exists():
        missing.append(_("the subsoil-use rights whose obligation it covers"))
    if missing:
        return _("The programme cannot be submitted without %(missing)s.") % {"missing": ", ".join(str(m) for m in missing)}
    return None


def _item(programme, context):
    item = context.get("item")
    if item is None or item.version.programme_id != programme.pk:
        return None
    return item


def on_an_agenda(programme, context) -> str | None:
    """The programme's current version is on the agenda of a planned session of its ministry's council."""
    item = _item(programme, context)
    if item is None:
        return _("Put the programme on a session's agenda to schedule it.")
    if item.session.council.authority != programme.authority:
        return _("The session belongs to another ministry's council.")
    if item.session.status != "planned":
        return _("The session's agenda is closed.")
    return None


def _decided(outcome: str):
    def guard(programme, context) -> str | None:
        item = _item(programme, context)
        if item is None or item.decided_at is None:
            return _("The council has not decided on this programme yet.")
        if item.version_id != getattr(programme.current, "pk", None):
            return _("The decision was taken on an earlier version of the programme.")
        if item.outcome != outcome:
            return _("The council's result is «%(result)s».") % {"result": Outcome(item.outcome).label}
        return None

    guard.__doc__ = f"the council's result on the current version is {outcome}"
    return guard


def deferred(programme, context) -> str | None:
    """No quorum on the item, or its session cancelled."""
    item = _item(programme, context)
    if item is None:
        return _("The council has not decided on this programme yet.")
    if item.session.status == "cancelled" or item.outcome == Outcome.NO_QUORUM:
        return None
    return _("The council decided on this programme; it cannot be deferred.")


def _concluded(positive: bool):
    def guard(programme, context) -> str | None:
        expertise = context.get("expertise")
        if expertise is None or getattr(expertise, "confirmed_at", None) is None:
            return _("The state expertise has not concluded yet.")
        if bool(expertise.positive) != positive:
            return _("The expertise concluded otherwise.")
        return None

    guard.__doc__ = f"a {'positive' if positive else 'negative'} conclusion of the state expertise, confirmed"
    return guard


def _mark_submitted(programme, context) -> None:
    version = programme.current
    if version is not None and version.submitted_at is None:
        version.submitted_at = timezone.now()
        version.save(update_fields=["submitted_at"])


def _secretaries(programme, context):
    from niokr.accounts.models import Membership

    secretaries = Membership.objects.active_on().filter(role=Role.COUNCIL_SECRETARY, authority=programme.authority).select_related("user")
    params = {"programme": programme.reference, "link": f"/lifecycle/programmes/{programme.reference}/"}
    return [(m.user, "lifecycle.programme_submitted", params) for m in secretaries]


def _applicant_staff(kind: str):
    def recipients(programme, context):
        from niokr.accounts.models import Membership

        staff = Membership.objects.active_on().filter(role=Role.COMPANY, organisation_id=programme.applicant_id).select_related("user")
        params = {"programme": programme.reference, "link": f"/lifecycle/programmes/{programme.reference}/"}
        return [(m.user, kind, params) for m in staff]

    return recipients


PROGRAMME = register(
    Workflow(
        name="programme",
        model="projects.Programme",
        states=ProgrammeStatus,
        start=S.DRAFT,
        finals=frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN}),
        roles_of=lambda programme, user: programme_roles(programme, user),
        transitions=(
            Transition("submit", (S.DRAFT,), S.SUBMITTED, frozenset({Role.COMPANY}), gettext_lazy("Submit to the council"), guards=(complete,), effect=_mark_submitted, notify=_secretaries),
            Transition("withdraw", (S.DRAFT, S.SUBMITTED), S.WITHDRAWN, frozenset({Role.COMPANY}), gettext_lazy("Withdraw")),
            Transition("schedule", (S.SUBMITTED,), S.IN_COUNCIL, frozenset({Role.COUNCIL_SECRETARY}), gettext_lazy("Put on the agenda"), guards=(on_an_agenda,)),
            Transition(
                "council_approve", (S.IN_COUNCIL,), S.IN_EXPERTISE, frozenset({Role.COUNCIL_SECRETARY, SYSTEM}), gettext_lazy("Approved by the council"),
                guards=(_decided(Outcome.APPROVED),), notify=_applicant_staff("lifecycle.council_approved"),
            ),
            Transition(
                "council_reject", (S.IN_COUNCIL,), S.REJECTED, frozenset({Role.COUNCIL_SECRETARY, SYSTEM}), gettext_lazy("Rejected by the council"),
                guards=(_decided(Outcome.REJECTED),), notify=_applicant_staff("lifecycle.council_rejected"),
            ),
            Transition(
                "council_defer", (S.IN_COUNCIL,), S.SUBMITTED, frozenset({Role.COUNCIL_SECRETARY, SYSTEM}), gettext_lazy("Back to the next session"),
                guards=(deferred,), notify=_applicant_staff("lifecycle.council_deferred"),
            ),
            Transition(
                "expertise_positive", (S.IN_EXPERTISE,), S.APPROVED, frozenset({Role.EXPERT}), gettext_lazy("Positive conclusion"),
                guards=(_concluded(True),), notify=_applicant_staff("lifecycle.expertise_positive"),
            ),
            Transition(
                "expertise_negative", (S.IN_EXPERTISE,), S.REJECTED, frozenset({Role.EXPERT}), gettext_lazy("Negative conclusion"),
                guards=(_concluded(False),), notify=_applicant_staff("lifecycle.expertise_negative"),
            ),
        ),
    )
)
