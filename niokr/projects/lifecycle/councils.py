"""Services of a ministry's scientific-technical council: plan a session, set its agenda, record
attendance, declare a conflict, cast a vote, open, close and cancel.

Every function here owns its transaction and refuses with
:class:`~niokr.projects.lifecycle.workflow.TransitionRefused` — the reason in the reader's language,
``code="forbidden"`` when the person holds no role for the act (the API answers 403), else
``code="refused"`` (400) — and then changes nothing. Status changes go through
:func:`~niokr.projects.lifecycle.workflow.perform` with the session workflow
(:mod:`niokr.projects.lifecycle.processes.council`); every other write records an audit event.

The vote's arithmetic is :func:`niokr.projects.lifecycle.votes.tally`: **members** are the council's
voting members serving on the session's day, **recused** members leave the denominator, **present**
counts the present members who are not recused from the item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.core.audit import record_event
from niokr.projects.choices import MajorityBase, Outcome, RecusalSource, SessionStatus, VoteChoice, VoteSource
from niokr.projects.lifecycle.access import authorities_of, council_seats, is_administrator
from niokr.projects.lifecycle.conflicts import conflicts_of
from niokr.projects.lifecycle.votes import Policy, tally
from niokr.projects.lifecycle.workflow import TransitionRefused, perform

__all__ = [
    "FORBIDDEN", "voting_members", "is_secretary", "seat_of", "plan_session", "put_on_agenda", "record_attendance", "declare_conflict",
    "vote_refusal", "cast_vote", "open_vote", "close_vote", "cancel_session", "close_due", "record_automatic_recusals", "decide_items",
    "defer_items", "vote_opened_recipients", "path_text", "session_link", "policy_text", "ImportedRow", "ImportReport", "import_votes", "tally_item",
]

FORBIDDEN = "forbidden"
#: The longest note a member writes when declaring a conflict (``Recusal.note``).
NOTE_LENGTH = 500


def _session_model():
    from niokr.projects.models import CouncilSession

    return CouncilSession


def session_link(session) -> str:
    return f"/lifecycle/sessions/{session.reference}/"


def programme_link(programme) -> str:
    return f"/lifecycle/programmes/{programme.reference}/"


# --- who ------------------------------------------------------------------------------------------


def voting_members(session, day: date | None = None) -> list:
    """The council's voting members serving on the session's day (the secretary does not vote)."""
    from niokr.projects.models import CouncilMember

    day = day or session.held_on
    return list(CouncilMember.objects.filter(council_id=session.council_id).serving_on(day).voting().select_related("user", "organisation").order_by("position", "pk"))


def is_secretary(user, council) -> bool:
    """Whether ``user`` is the secretary of ``council`` (the ``council_secretary`` role for its ministry)."""
    return council.authority in authorities_of(user, Role.COUNCIL_SECRETARY)


def seat_of(user, session):
    """``user``'s voting seat on the session's council on the session's day (``None``: none)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from niokr.projects.models import CouncilMember

    return CouncilMember.objects.filter(council_id=session.council_id, user=user).serving_on(session.held_on).voting().select_related("organisation").first()


def _require_secretary(user, council) -> None:
    if not is_secretary(user, council):
        raise TransitionRefused(_("Only the secretary of this council does this."), code=FORBIDDEN)


def _locked(session):
    return _session_model().objects.select_for_update().select_related("council").get(pk=session.pk)


# --- planning -------------------------------------------------------------------------------------


def _next_reference(council, held_on: date) -> str:
    prefix = f"STC-{council.authority.upper()}-{held_on:%Y}-"
    taken = _session_model().objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(r[len(prefix):]) for r in taken if r[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def check_policy(*, quorum_num: int, quorum_den: int, majority_num: int, majority_den: int, majority_base: str, abstentions_count: bool) -> Policy:
    """The policy, or a refusal saying which share is wrong."""
    for label, num, den in ((_("The quorum"), quorum_num, quorum_den), (_("The majority"), majority_num, majority_den)):
        if not (isinstance(num, int) and isinstance(den, int)) or den < 1 or num < 1 or num > den or den > 100:
            raise TransitionRefused(_("%(what)s is a share above zero and at most one: a numerator from 1 to its denominator, a denominator from 1 to 100.") % {"what": label})
    if majority_base not in MajorityBase.values:
        raise TransitionRefused(_("Choose how the majority is counted."))
    return Policy(quorum_num, quorum_den, majority_num, majority_den, majority_base, bool(abstentions_count))


def plan_session(
    *, actor, council, held_on: date, vote_closes_at: datetime | None = None, quorum_num: int | None = None, quorum_den: int | None = None,
    majority_num: int | None = None, majority_den: int | None = None, majority_base: str | None = None, abstentions_count: bool | None = None,
    source: str = VoteSource.ELECTRONIC,
):
    """Plan a session of ``council`` on ``held_on`` under a voting policy (defaults: :class:`Policy`).

    Refused unless ``actor`` is the council's secretary, the policy's shares are between 0 and 1,
    and the closing time (when given) is after the session's day begins.
    """
    from niokr.projects.models import CouncilSession

    _require_secretary(actor, council)
    default = Policy()
    policy = check_policy(
        quorum_num=default.quorum_num if quorum_num is None else quorum_num,
        quorum_den=default.quorum_den if quorum_den is None else quorum_den,
        majority_num=default.majority_num if majority_num is None else majority_num,
        majority_den=default.majority_den if majority_den is None else majority_den,
        majority_base=default.majority_base if majority_base is None else majority_base,
        abstentions_count=default.abstentions_count if abstentions_count is None else abstentions_count,
    )
    if not isinstance(held_on, date):
        raise TransitionRefused(_("Give the session's date."))
    if vote_closes_at is not None and timezone.localtime(vote_closes_at).date() < held_on:
        raise TransitionRefused(_("The vote cannot close before the session's day."))
    if source not in VoteSource.values:
        raise TransitionRefused(_("Choose where the votes are cast."))
    with transaction.atomic():
        session = CouncilSession.objects.create(
            council=council, reference=_next_reference(council, held_on), held_on=held_on, vote_closes_at=vote_closes_at, source=source,
            quorum_num=policy.quorum_num, quorum_den=policy.quorum_den, majority_num=policy.majority_num, majority_den=policy.majority_den,
            majority_base=policy.majority_base, abstentions_count=policy.abstentions_count, created_by=actor,
        )
        record_event(
            action="council_session.plan", object_type="projects.CouncilSession", object_id=session.pk, before=None,
            after={"reference": session.reference, "held_on": held_on.isoformat(), "status": session.status, "source": source,
                   "vote_closes_at": vote_closes_at.isoformat() if vote_closes_at else None, "policy": policy.as_dict()},
            actor=actor,
        )
    return session


def put_on_agenda(*, actor, session, programme):
    """Put the programme's current version on a planned session's agenda (the programme's ``schedule``)."""
    from niokr.projects.lifecycle.processes.programme import PROGRAMME
    from niokr.projects.models import AgendaItem

    _require_secretary(actor, session.council)
    with transaction.atomic():
        session = _locked(session)
        if session.status != SessionStatus.PLANNED:
            raise TransitionRefused(_("The session's agenda is closed."))
        if programme.authority != session.council.authority:
            raise TransitionRefused(_("The programme is for another ministry's council."))
        version = programme.current
        if version is None:
            raise TransitionRefused(_("The programme has no text yet."))
        if AgendaItem.objects.filter(session=session, version=version).exists():
            raise TransitionRefused(_("The programme is already on this session's agenda."))
        order = (session.items.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem.objects.create(session=session, order=order, version=version)
        item.session = session
        perform(PROGRAMME, programme, "schedule", actor, context={"item": item, "audit": {"session": session.reference, "item": order}})
        record_event(
            action="council_session.agenda", object_type="projects.AgendaItem", object_id=item.pk, before=None,
            after={"session": session.reference, "order": order, "programme": programme.reference, "version": version.number}, actor=actor,
        )
    return item


def record_attendance(*, actor, session, present_ids) -> dict[int, bool]:
    """Mark every voting member serving on the session's day present (``present_ids``) or absent.

    Only while the session is planned (attendance is what the vote's quorum counts on).
    """
    from niokr.projects.models import Attendance

    _require_secretary(actor, session.council)
    present_ids = {int(i) for i in present_ids}
    with transaction.atomic():
        session = _locked(session)
        if session.status != SessionStatus.PLANNED:
            raise TransitionRefused(_("Attendance is recorded before the vote opens."))
        members = voting_members(session)
        unknown = present_ids - {m.pk for m in members}
        if unknown:
            raise TransitionRefused(_("Only the council's voting members serving on the session's day can be marked present."))
        before = dict(session.attendance.values_list("member_id", "present"))
        after = {m.pk: m.pk in present_ids for m in members}
        for member_id, present in after.items():
            Attendance.objects.update_or_create(session=session, member_id=member_id, defaults={"present": present})
        if before != after:
            record_event(
                action="council_session.attendance", object_type="projects.CouncilSession", object_id=session.pk,
                before={"present": sorted(k for k, v in before.items() if v), "absent": sorted(k for k, v in before.items() if not v)},
                after={"present": sorted(k for k, v in after.items() if v), "absent": sorted(k for k, v in after.items() if not v)}, actor=actor,
            )
    return after


def declare_conflict(*, actor, session, item, note: str):
    """A member recuses themself from an item, with a note saying why (before they vote on it)."""
    from niokr.projects.models import Recusal

    note = (note or "").strip()
    with transaction.atomic():
        session = _locked(session)
        seat = seat_of(actor, session)
        if seat is None:
            raise TransitionRefused(_("You are not a voting member of this council on the session's day."), code=FORBIDDEN)
        if item.session_id != session.pk:
            raise TransitionRefused(_("The item is not on this session's agenda."))
        if session.status not in (SessionStatus.PLANNED, SessionStatus.VOTING):
            raise TransitionRefused(_("The session is over: a conflict is declared before the vote closes."))
        if not note:
            raise TransitionRefused(_("Say in a few words what the conflict of interest is."))
        if len(note) > NOTE_LENGTH or "\x00" in note:
            raise TransitionRefused(_("The note is at most %(limit)s characters of plain text.") % {"limit": NOTE_LENGTH})
        if Recusal.objects.filter(item=item, member=seat).exists():
            raise TransitionRefused(_("You are already recused from this item."))
        if item.votes.filter(member=seat).exists():
            raise TransitionRefused(_("You have already voted on this item; a vote cast is not withdrawn."))
        recusal = Recusal.objects.create(item=item, member=seat, source=RecusalSource.DECLARED, note=note)
        record_event(
            action="council_session.declare_conflict", object_type="projects.Recusal", object_id=recusal.pk, before=None,
            after={"session": session.reference, "item": item.order, "member": seat.pk, "note": note}, actor=actor,
        )
    return recusal


# --- the vote -------------------------------------------------------------------------------------


def vote_refusal(*, session, item, user, now: datetime | None = None, seat=None) -> tuple[str, str] | None:
    """Why ``user`` may not vote on ``item`` now — ``(code, reason)`` — or ``None`` when they may.

    The order is the reader's: the session's state, its closing time, the seat, attendance,
    recusal, a vote already cast.
    """
    now = now or timezone.now()
    if session.status == SessionStatus.PLANNED:
        return "refused", _("The vote has not opened yet.")
    if session.status != SessionStatus.VOTING:
        return "refused", _("The vote is closed.")
    if session.source == VoteSource.IMPORTED:
        return "refused", _("The votes of this session come from the Single Window of the NIS: the secretary imports them.")
    if session.vote_closes_at is not None and session.vote_closes_at <= now:
        return "refused", _("The vote closed at %(moment)s.") % {"moment": _moment(session.vote_closes_at)}
    if item.session_id != session.pk:
        return "refused", _("The item is not on this session's agenda.")
    seat = seat if seat is not None else seat_of(user, session)
    if seat is None:
        return FORBIDDEN, _("You are not a serving voting member of this council.")
    if not session.attendance.filter(member=seat, present=True).exists():
        return "refused", _("You are recorded absent from this session: an absent member does not vote.")
    recusal = item.recusals.filter(member=seat).first()
    if recusal is not None:
        if recusal.source == RecusalSource.AUTOMATIC:
            return "refused", _("You are recused from this item: %(path)s.") % {"path": path_text(recusal.path)}
        return "refused", _("You are recused from this item: you declared a conflict of interest.")
    if item.votes.filter(member=seat).exists():
        return "refused", _("You have already voted on this item.")
    return None


def _moment(value) -> str:
    from niokr.core.formatting import moment_text

    return moment_text(value, translation.get_language())


def cast_vote(*, actor, session, item, choice: str):
    """``actor`` votes ``choice`` (for, against, abstain) on ``item``; refused with the reason otherwise."""
    from niokr.projects.models import AgendaItem, Vote

    if choice not in VoteChoice.values:
        raise TransitionRefused(_("Vote for, against or abstain."))
    with transaction.atomic():
        session = _locked(session)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        seat = seat_of(actor, session)
        why = vote_refusal(session=session, item=item, user=actor, seat=seat)
        if why:
            raise TransitionRefused(why[1], code=why[0])
        vote = Vote.objects.create(item=item, member=seat, choice=choice, source=VoteSource.ELECTRONIC)
        record_event(
            action="council_session.vote", object_type="projects.Vote", object_id=vote.pk, before=None,
            after={"session": session.reference, "item": item.order, "member": seat.pk, "choice": choice, "source": vote.source}, actor=actor,
        )
    return vote


# --- transitions ----------------------------------------------------------------------------------


def _transition(session, name: str, actor, reason: str = "", now: datetime | None = None):
    from niokr.projects.lifecycle.processes.council import SESSION

    t = SESSION.transition(name)
    if actor is not None and not (SESSION.roles_of(session, actor) & t.roles):
        raise TransitionRefused(_("Only the secretary of this council does this."), code=FORBIDDEN)
    audit: dict[str, Any] = {}
    return perform(SESSION, session, name, actor, reason=reason, context={"audit": audit, "now": now})


def open_vote(*, actor, session):
    """Open the vote (the secretary): recusals are found, the members notified."""
    return _transition(session, "open_vote", actor)


def close_vote(*, actor, session):
    """Close the vote (the secretary; ``actor=None``: the system, once the closing time has passed)."""
    return _transition(session, "close_vote", actor)


def cancel_session(*, actor, session, reason: str = ""):
    """Cancel a planned session: its programmes go back to the next session."""
    return _transition(session, "cancel", actor, reason)


def close_due(now: datetime | None = None) -> list[str]:
    """Close every vote whose closing time has passed (the system); the references closed."""
    now = now or timezone.now()
    closed = []
    due = _session_model().objects.filter(status=SessionStatus.VOTING, vote_closes_at__isnull=False, vote_closes_at__lte=now).order_by("vote_closes_at", "pk")
    for session in due:
        try:
            _transition(session, "close_vote", None, now=now)
        except TransitionRefused:
            continue
        closed.append(session.reference)
    return closed


# --- effects (called by the workflow inside perform's transaction) ---------------------------------


def _direction(path: list[dict]) -> list[dict]:
    """The path with each link's direction read from the graph (``forward``: the previous step is the source)."""
    from niokr.registry.models import Affiliation, Organisation

    ids = dict(Organisation.objects.filter(bin__in=[s["bin"] for s in path]).values_list("bin", "pk"))
    out = [dict(path[0])] if path else []
    for prev, step in zip(path, path[1:]):
        forward = Affiliation.objects.filter(source_id=ids.get(prev["bin"]), target_id=ids.get(step["bin"]), kind=step["link"]).exists()
        out.append({**step, "direction": "forward" if forward else "backward"})
    return out


def record_automatic_recusals(session) -> list[dict]:
    """Recuse every voting member within two hops of an item's applicant or proposed performer (with the path)."""
    from niokr.projects.models import Recusal

    members = voting_members(session)
    found = []
    for item in session.items.select_related("version__programme").order_by("order"):
        version = item.version
        parties = [version.programme.applicant_id, version.performer_id]
        declared = set(item.recusals.values_list("member_id", flat=True))
        for member_id, path in conflicts_of([m for m in members if m.pk not in declared], parties, session.held_on).items():
            path = _direction(path)
            Recusal.objects.create(item=item, member_id=member_id, source=RecusalSource.AUTOMATIC, path=path)
            found.append({"item": item.order, "member": member_id, "path": [s["bin"] for s in path]})
    return found


def _names(user) -> dict[str, str]:
    full = user.get_full_name() or user.get_username()
    return {"kk": user.name_kk or full, "ru": full, "en": user.name_en or full}


def _recusal_rows(item, member_ids: set[int]) -> list[dict]:
    rows = []
    for r in item.recusals.select_related("member__user", "member__organisation").order_by("pk"):
        if r.member_id not in member_ids:
            continue
        org = r.member.organisation
        rows.append({
            "member": r.member_id, "name": _names(r.member.user), "organisation": {"bin": org.bin, "kk": org.name_kk, "ru": org.name_ru, "en": org.name_en},
            "source": r.source, "path": r.path, "note": r.note,
        })
    return rows


def tally_item(session, item, members: list | None = None):
    """The tally of one item now, under the session's policy (pure arithmetic: :func:`votes.tally`)."""
    members = voting_members(session) if members is None else members
    member_ids = {m.pk for m in members}
    recused = set(item.recusals.filter(member_id__in=member_ids).values_list("member_id", flat=True))
    present = set(session.attendance.filter(present=True, member_id__in=member_ids).values_list("member_id", flat=True)) - recused
    counts = {c: 0 for c in VoteChoice.values}
    for member_id, choice in item.votes.filter(member_id__in=present).values_list("member_id", "choice"):
        counts[choice] += 1
    result = tally(
        members=len(member_ids), recused=len(recused), present=len(present),
        votes_for=counts[VoteChoice.FOR], against=counts[VoteChoice.AGAINST], abstain=counts[VoteChoice.ABSTAIN], policy=session.policy,
    )
    return result, _recusal_rows(item, member_ids)


def decide_items(session, user) -> list[dict]:
    """Write each item's result once, then take the programme's transition for it."""
    from niokr.projects.lifecycle.processes.council import PROGRAMME_STEP
    from niokr.projects.lifecycle.processes.programme import PROGRAMME

    members = voting_members(session)
    now = timezone.now()
    results = []
    session.closed_at = now
    session.save(update_fields=["closed_at"])
    for item in session.items.select_related("version__programme").order_by("order"):
        item.session = session
        if item.decided_at is not None:
            continue
        result, recusals = tally_item(session, item, members)
        item.outcome = result.outcome
        item.tally = {**result.as_dict(), "recusals": recusals, "members_serving": sorted(m.pk for m in members)}
        item.decided_at = now
        item.save(update_fields=["outcome", "tally", "decided_at"])
        programme = item.version.programme
        row = {"item": item.order, "programme": programme.reference, "outcome": result.outcome, "for": result.votes_for, "needed": result.needed_for}
        try:
            perform(PROGRAMME, programme, PROGRAMME_STEP[Outcome(result.outcome)], user, context={"item": item, "audit": {"session": session.reference}})
        except TransitionRefused as refused:
            row["programme_step_refused"] = refused.reason
        results.append(row)
    return results


def defer_items(session, user) -> None:
    """A cancelled session's programmes go back to the next session (the programme's ``council_defer``)."""
    from niokr.projects.lifecycle.processes.programme import PROGRAMME

    for item in session.items.select_related("version__programme").order_by("order"):
        item.session = session
        programme = item.version.programme
        if programme.status == "in_council":
            perform(PROGRAMME, programme, "council_defer", user, context={"item": item, "audit": {"session": session.reference}})


def vote_opened_recipients(session):
    """"Vote opened" to each present voting member with an item to vote on; "recusal" to each recused."""
    present = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    items = list(session.items.select_related("version__programme").order_by("order"))
    recused: dict[int, list] = {}
    for item in items:
        for r in item.recusals.all():
            recused.setdefault(r.member_id, []).append((item, r))
    link = session_link(session)
    out = []
    for member in voting_members(session):
        if member.pk in present and len(recused.get(member.pk, [])) < len(items):
            out.append((member.user, "lifecycle.vote_opened", {"session": session.reference, "items": len(items), "link": link}))
        for item, r in recused.get(member.pk, []):
            if r.source == RecusalSource.AUTOMATIC:
                out.append((member.user, "lifecycle.recusal", {"session": session.reference, "programme": item.version.programme.reference, "path": path_texts(r.path), "link": link}))
    return out


# --- words ----------------------------------------------------------------------------------------


def _link_words(kind: str, direction: str) -> str:
    if kind == "owner":
        return _("owner of") if direction == "forward" else _("owned by")
    if kind == "common_founder":
        return _("has a common founder with")
    if kind == "common_director":
        return _("has a common director with")
    return kind


def path_text(path: list[dict], lang: str | None = None) -> str:
    """"Org A (BIN) → owner of → Org B (BIN)" in the active language (or ``lang``)."""
    lang = lang or (translation.get_language() or "ru")[:2]
    if lang not in ("kk", "ru", "en"):
        lang = "ru"
    with translation.override(lang):
        parts = []
        for i, step in enumerate(path or []):
            if i:
                parts.append(_link_words(step.get("link", ""), step.get("direction", "forward")))
            parts.append(f"{step.get(f'name_{lang}') or step.get('name_ru') or ''} ({step.get('bin', '')})")
        if len(path or []) == 1:
            parts.append(_("is the party itself"))
        return " → ".join(parts)


def path_texts(path: list[dict]) -> dict[str, str]:
    return {lang: path_text(path, lang) for lang in ("kk", "ru", "en")}


def policy_text(policy: Policy) -> dict[str, str]:
    """The policy in words, sentence by sentence (for the session page and the minutes)."""
    base = _("of the members present and voting") if policy.majority_base == MajorityBase.PRESENT_VOTING else _("of all members not recused")
    return {
        "quorum": _("Quorum: at least %(num)s/%(den)s of the voting members not recused are present.") % {"num": policy.quorum_num, "den": policy.quorum_den},
        "majority": _("Majority: at least %(num)s/%(den)s of the votes for, %(base)s.") % {"num": policy.majority_num, "den": policy.majority_den, "base": base},
        "abstentions": _("Abstentions count as votes cast.") if policy.abstentions_count else _("Abstentions do not count as votes cast."),
        "recusals": _("Recused members leave every denominator; a tie is never a majority."),
    }


# --- votes imported from the Single Window of the NIS ------------------------------------------------


@dataclass(frozen=True)
class ImportedRow:
    """One row of a vote file, already read and typed (:mod:`niokr.intake.council_votes`)."""

    row: int
    session: str
    programme: str
    member: str
    attendance: str  # "present" or "absent"
    vote: str | None  # "for", "against", "abstain" or None


@dataclass
class ImportReport:
    """What an import did (``problems`` empty) or why it did nothing: ``(row, column code, message)``."""

    problems: list = field(default_factory=list)
    attendance: int = 0
    votes: int = 0
    unchanged: int = 0
    opened: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.attendance or self.votes or self.opened)


class _Rejected(Exception):
    def __init__(self, problems):
        super().__init__("rejected")
        self.problems = problems


def import_votes(*, actor, session, rows: list[ImportedRow], digest: str = "") -> ImportReport:
    """Record a session's attendance and votes from the Single Window (``source=imported``), or nothing.

    The rows are checked against the session (its reference), its agenda (the programmes' references),
    its council (the member's login of a voting member serving on the day), the attendance (one per
    member; a vote needs presence; once recorded it must agree) and the recusals (an automatic
    recusal is found when the vote opens — a planned session is opened by the import). A vote
    already recorded with the same choice is left as it is: the same file twice changes nothing.
    Any problem: nothing is written and every problem is reported.
    """
    from niokr.projects.models import Attendance, Vote

    _require_secretary(actor, session.council)
    report = ImportReport()
    try:
        with transaction.atomic():
            session = _locked(session)
            if session.status == SessionStatus.CANCELLED:
                raise _Rejected([(None, "session", _("The session is cancelled: there is nothing to import into."))])
            problems = []
            members = {m.user.get_username().casefold(): m for m in voting_members(session)}
            items = {i.version.programme.reference.casefold(): i for i in session.items.select_related("version__programme")}
            attendance: dict[int, tuple[bool, int]] = {}
            seen: dict[tuple[int, int], int] = {}
            votes = []
            for r in rows:
                if r.session.casefold() != session.reference.casefold():
                    problems.append((r.row, "session", _("The row is for session %(value)s, not %(session)s.") % {"value": r.session, "session": session.reference}))
                item = items.get(r.programme.casefold())
                if item is None:
                    problems.append((r.row, "programme", _("Programme %(value)s is not on this session's agenda.") % {"value": r.programme}))
                seat = members.get(r.member.casefold())
                if seat is None:
                    problems.append((r.row, "member", _("No voting member of this council with the login %(value)s serves on the session's day.") % {"value": r.member}))
                    continue
                present = r.attendance == "present"
                if seat.pk in attendance and attendance[seat.pk][0] != present:
                    problems.append((r.row, "attendance", _("The attendance of %(value)s differs from row %(first_row)s.") % {"value": r.member, "first_row": attendance[seat.pk][1]}))
                attendance.setdefault(seat.pk, (present, r.row))
                if r.vote and not present:
                    problems.append((r.row, "vote", _("%(value)s is absent: an absent member does not vote.") % {"value": r.member}))
                if item is None:
                    continue
                key = (item.pk, seat.pk)
                if key in seen:
                    problems.append((r.row, "member", _("%(value)s already has a row for this programme (row %(first_row)s).") % {"value": r.member, "first_row": seen[key]}))
                    continue
                seen[key] = r.row
                if r.vote:
                    votes.append((r, item, seat))
            recorded = dict(session.attendance.values_list("member_id", "present"))
            if session.status == SessionStatus.PLANNED:
                wanted = {m.pk: attendance.get(m.pk, (False, 0))[0] for m in members.values()}
                for member_id, present in wanted.items():
                    if recorded.get(member_id) != present:
                        Attendance.objects.update_or_create(session=session, member_id=member_id, defaults={"present": present})
                        report.attendance += 1
            else:
                for member_id, (present, row) in attendance.items():
                    if recorded.get(member_id, False) != present:
                        problems.append((row, "attendance", _("The attendance recorded for this member differs from the file's.")))
            if problems:
                raise _Rejected(problems)
            if session.source != VoteSource.IMPORTED and session.status != SessionStatus.CLOSED:
                session.source = VoteSource.IMPORTED
                session.save(update_fields=["source"])
            if session.status == SessionStatus.PLANNED:
                if report.attendance:
                    record_event(
                        action="council_session.attendance", object_type="projects.CouncilSession", object_id=session.pk,
                        before=None, after={"present": sorted(k for k, v in attendance.items() if v[0]), "source": VoteSource.IMPORTED}, actor=actor,
                    )
                try:
                    _transition(session, "open_vote", actor)
                except TransitionRefused as refused:
                    raise _Rejected([(None, "session", refused.reason)]) from None
                session = _locked(session)
                report.opened = True
            for r, item, seat in votes:
                existing = Vote.objects.filter(item=item, member=seat).first()
                if existing is not None:
                    if existing.choice == r.vote:
                        report.unchanged += 1
                    else:
                        problems.append((r.row, "vote", _("%(value)s's vote on this programme is already recorded otherwise.") % {"value": r.member}))
                    continue
                recusal = item.recusals.filter(member=seat).first()
                if recusal is not None:
                    why = path_text(recusal.path) if recusal.source == RecusalSource.AUTOMATIC else _("declared a conflict of interest")
                    problems.append((r.row, "vote", _("%(value)s is recused from this programme: %(why)s.") % {"value": r.member, "why": why}))
                    continue
                if session.status != SessionStatus.VOTING:
                    problems.append((r.row, "vote", _("The vote is closed: the file adds a vote not recorded.")))
                    continue
                Vote.objects.create(item=item, member=seat, choice=r.vote, source=VoteSource.IMPORTED)
                report.votes += 1
            if problems:
                raise _Rejected(problems)
            if report.changed:
                record_event(
                    action="council_session.import_votes", object_type="projects.CouncilSession", object_id=session.pk, before=None,
                    after={"rows": len(rows), "votes": report.votes, "attendance": report.attendance, "opened": report.opened, "sha256": digest}, actor=actor,
                )
    except _Rejected as rejected:
        return ImportReport(problems=rejected.problems)
    return report


# --- who reads what ---------------------------------------------------------------------------------


def readable_authorities(user) -> set[str] | None:
    """The ministries whose council ``user`` may read (``None``: every one — auditors, administrators).

    A council's members and secretary read their ministry's council; the regulators of that ministry
    read it too. Company staff read no session: they see the results on their own programmes.
    """
    from niokr.accounts.scoping import scope_for

    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if scope_for(user).everything or is_administrator(user):
        return None
    found = authorities_of(user, Role.REGULATOR) | authorities_of(user, Role.COUNCIL_SECRETARY) | authorities_of(user, Role.COUNCIL_MEMBER)
    found |= {seat.council.authority for seat in council_seats(user)}
    return found


def reads_councils(user) -> bool:
    """Whether the council pages have something for ``user`` (the menu's entry)."""
    authorities = readable_authorities(user)
    return authorities is None or bool(authorities)


def sits_on_council(user) -> bool:
    """Whether ``user`` is a council's secretary or member by membership (the menu's «Council» entry is
    theirs; read from the memberships already loaded for the page, no query of its own)."""
    return bool(authorities_of(user, Role.COUNCIL_SECRETARY) or authorities_of(user, Role.COUNCIL_MEMBER))
