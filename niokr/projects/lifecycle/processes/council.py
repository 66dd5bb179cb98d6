"""A sitting of a ministry's scientific-technical council: planned → voting → closed (or cancelled).

| transition | from | to | roles | guards | effect |
|---|---|---|---|---|---|
| open_vote | planned | voting | council_secretary | the agenda is not empty; attendance recorded for every voting member | automatic recusals from the affiliation graph; "vote opened" to the present voting members, "recusal" to the recused |
| close_vote | voting | closed | council_secretary, system | the system closes only once ``vote_closes_at`` has passed | each item tallied under the session's policy and its result written once; each programme approved, rejected or deferred |
| cancel | planned | cancelled | council_secretary | — | each programme on the agenda goes back to the next session |

The secretary of a council is whoever holds the ``council_secretary`` role for its ministry
(:func:`niokr.projects.lifecycle.access.authorities_of`); ``system`` is the command that closes the
votes whose time has passed (``niokr lifecycle close-due``). The effects run inside
:func:`~niokr.projects.lifecycle.workflow.perform`'s transaction: a programme transition refused
there rolls the whole session transition back.

A transition may be given ``context={"audit": {}}``: the effects fill that dictionary (recusals
found, results written) and :func:`perform` writes it into the audit event.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.projects.choices import Outcome, SessionStatus
from niokr.projects.lifecycle.access import SYSTEM, authorities_of, is_administrator
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

S = SessionStatus

__all__ = ["SESSION", "session_roles"]


def session_roles(session, user) -> set[str]:
    """The roles ``user`` holds for ``session``: its council's secretary, or the system (``user`` ``None``)."""
    if user is None:
        return {SYSTEM}
    held: set[str] = set()
    if session.council.authority in authorities_of(user, Role.COUNCIL_SECRETARY):
        held.add(Role.COUNCIL_SECRETARY)
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def agenda_not_empty(session, context) -> str | None:
    """The agenda holds at least one programme."""
    if not session.items.exists():
        return _("The agenda is empty: put at least one programme on it first.")
    return None


def attendance_recorded(session, context) -> str | None:
    """Attendance is recorded for every voting member serving on the session's day."""
    from niokr.projects.lifecycle import councils

    members = councils.voting_members(session)
    if not members:
        return _("The council has no voting member serving on the session's day.")
    marked = set(session.attendance.values_list("member_id", flat=True))
    missing = [m for m in members if m.pk not in marked]
    if missing:
        return _("Record the attendance first: voting members not marked present or absent: %(count)s.") % {"count": len(missing)}
    return None


def due_for_the_system(session, context) -> str | None:
    """The system closes the vote only once its closing time has passed."""
    if context.get("user") is not None:
        return None
    if session.vote_closes_at is None:
        return _("The secretary closes this vote: it has no closing time.")
    if session.vote_closes_at > (context.get("now") or timezone.now()):
        return _("The vote closes at its time, not before.")
    return None


def _open(session, context) -> None:
    from niokr.projects.lifecycle import councils

    found = councils.record_automatic_recusals(session)
    audit = context.get("audit")
    if isinstance(audit, dict):
        audit["recusals"] = found


def _close(session, context) -> None:
    from niokr.projects.lifecycle import councils

    results = councils.decide_items(session, context.get("user"))
    audit = context.get("audit")
    if isinstance(audit, dict):
        audit["results"] = results


def _cancel(session, context) -> None:
    from niokr.projects.lifecycle import councils

    councils.defer_items(session, context.get("user"))


def _vote_opened(session, context):
    from niokr.projects.lifecycle import councils

    return councils.vote_opened_recipients(session)


SESSION = register(
    Workflow(
        name="council_session",
        model="projects.CouncilSession",
        states=SessionStatus,
        start=S.PLANNED,
        finals=frozenset({S.CLOSED, S.CANCELLED}),
        roles_of=session_roles,
        transitions=(
            Transition(
                "open_vote", (S.PLANNED,), S.VOTING, frozenset({Role.COUNCIL_SECRETARY}), gettext_lazy("Open the vote"),
                guards=(agenda_not_empty, attendance_recorded), effect=_open, notify=_vote_opened,
            ),
            Transition(
                "close_vote", (S.VOTING,), S.CLOSED, frozenset({Role.COUNCIL_SECRETARY, SYSTEM}), gettext_lazy("Close the vote"),
                guards=(due_for_the_system,), effect=_close,
            ),
            Transition("cancel", (S.PLANNED,), S.CANCELLED, frozenset({Role.COUNCIL_SECRETARY}), gettext_lazy("Cancel the session"), effect=_cancel),
        ),
    )
)

#: The programme transition each result leads to.
PROGRAMME_STEP = {Outcome.APPROVED: "council_approve", Outcome.REJECTED: "council_reject", Outcome.NO_QUORUM: "council_defer"}
