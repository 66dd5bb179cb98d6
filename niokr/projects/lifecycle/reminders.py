"""Reminders of deadlines within a week: a small registry every part of the lifecycle adds its deadlines to.

A *source* is a function ``source(now, until) -> iterable of Due``: the people who still have to act
before a deadline falling between ``now`` and ``until``. :func:`send_reminders` (``niokr lifecycle
remind``, daily) asks every registered source and notifies each person once per thing and day: a
second run the same day sends nothing again (the reminder is found by its ``about`` key among the
person's notifications of that day).

Register a source with the decorator::

    @reminder("acts")
    def acts_to_sign(now, until):
        for act in Act.objects.filter(status="awaiting", due_on__lte=until.date()):
            yield Due(user=..., about=f"act:{act.reference}", kind="lifecycle.deadline",
                      params={"what": {"kk": …, "ru": …, "en": …}, "due": {"date": act.due_on.isoformat()}}, link=…)

The council's votes are registered here: members who have not voted on every item (they are not
recused from) of a session whose vote closes within the week.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

__all__ = ["DAYS", "Due", "reminder", "sources", "send_reminders"]

#: How far ahead a deadline is reminded of.
DAYS = 7


@dataclass(frozen=True)
class Due:
    """One person to remind of one thing: ``about`` identifies the thing (one reminder a day per person and thing)."""

    user: Any
    about: str
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)
    link: str = ""


Source = Callable[[datetime, datetime], Iterable[Due]]
_SOURCES: dict[str, Source] = {}


def reminder(name: str) -> Callable[[Source], Source]:
    """Register ``source`` under ``name`` (registered again under the same name: replaced)."""

    def register(source: Source) -> Source:
        _SOURCES[name] = source
        return source

    return register


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def _already(due: Due, day_start: datetime) -> bool:
    from niokr.accounts.models import Notification

    return Notification.objects.filter(user=due.user, kind=due.kind, params__about=due.about, created_at__gte=day_start).exists()


def send_reminders(*, now: datetime | None = None, days: int = DAYS, dry_run: bool = False) -> list[Due]:
    """Notify everyone with a deadline within ``days`` of ``now``, once per thing and day; what was (or would be) sent."""
    from niokr.accounts.notifications import notify

    now = now or timezone.now()
    until = now + timedelta(days=days)
    local = timezone.localtime(now)
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    sent: list[Due] = []
    for _name, source in sorted(_SOURCES.items()):
        for due in source(now, until):
            if due.user is None or not due.user.is_active or _already(due, day_start):
                continue
            sent.append(due)
            if not dry_run:
                with transaction.atomic():
                    notify(due.user, due.kind, {**dict(due.params), "about": due.about}, link=due.link)
    return sent


def _session_link(session) -> str:
    for name, key in (("lifecycle:session-detail", session.reference), ("lifecycle:session-detail", session.pk)):
        try:
            return reverse(name, args=[key])
        except NoReverseMatch:
            continue
    return ""


@reminder("council_votes")
def council_votes(now: datetime, until: datetime) -> Iterable[Due]:
    """Voting members of a session whose vote closes before ``until`` who have not voted on every item they may vote on."""
    from niokr.projects.choices import SessionStatus
    from niokr.projects.models import CouncilMember, CouncilSession

    sessions = CouncilSession.objects.filter(status=SessionStatus.VOTING, vote_closes_at__gt=now, vote_closes_at__lte=until).select_related("council")
    for session in sessions:
        items = list(session.items.filter(decided_at__isnull=True).prefetch_related("votes", "recusals"))
        if not items:
            continue
        absent = set(session.attendance.filter(present=False).values_list("member_id", flat=True))
        members = CouncilMember.objects.filter(council=session.council).serving_on(session.held_on).voting().select_related("user")
        for member in members:
            if member.pk in absent:
                continue
            waiting = [
                item for item in items
                if not any(r.member_id == member.pk for r in item.recusals.all()) and not any(v.member_id == member.pk for v in item.votes.all())
            ]
            if waiting:
                closes = timezone.localtime(session.vote_closes_at).date()
                yield Due(
                    user=member.user, about=f"session:{session.reference}", kind="lifecycle.deadline_vote",
                    params={"session": session.reference, "closes": {"date": closes.isoformat()}}, link=_session_link(session),
                )
