"""Who may see and do what in a Delphi exercise — the rules, written once.

* **The moderator** of an exercise (``Exercise.moderator``, holding the ``foresight_moderator`` role)
  and **administrators** run it, and are the only ones who may link a panellist to an answer.
* **A panellist** (the ``panellist`` role and a :class:`~niokr.foresight.models.Panellist` seat) sees
  the exercises they sit on, their own answers (this round's and the previous rounds') and the group's
  frozen statistics with the anonymous comments.
* **Readers of results** (``regulator``, ``policy_secretariat``, ``policy_analyst``, ``tcc_analyst``,
  ``auditor``) see the frozen results of closed rounds only: statistics, never identities or
  individual answers.
* Everyone else: the exercise does not exist for them (404).

Views, exports and the generator ask these predicates; every POST asks them again.
"""

from __future__ import annotations

from django.db.models import Q

from niokr.accounts.choices import Role
from niokr.accounts.scoping import held_roles

__all__ = [
    "READER_ROLES", "roles_of", "is_administrator", "is_moderator_role", "is_panellist_role", "is_reader",
    "may_use_foresight", "may_create_exercise", "exercises_visible_to", "may_see_exercise", "may_moderate",
    "may_see_identities", "seat_of", "may_see_round_results", "may_answer", "may_read_results_only",
]

#: The roles that read the frozen results of closed rounds (no identities, no individual answers).
READER_ROLES = frozenset({Role.REGULATOR, Role.POLICY_SECRETARIAT, Role.POLICY_ANALYST, Role.TCC_ANALYST, Role.AUDITOR})


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


def roles_of(user) -> frozenset[str]:
    """The roles of the user's memberships in force today (read once per request)."""
    return held_roles(user)


def is_administrator(user) -> bool:
    return _signed_in(user) and (bool(user.is_superuser) or Role.ADMINISTRATOR in roles_of(user))


def is_moderator_role(user) -> bool:
    return _signed_in(user) and Role.FORESIGHT_MODERATOR in roles_of(user)


def is_panellist_role(user) -> bool:
    return _signed_in(user) and Role.PANELLIST in roles_of(user)


def is_reader(user) -> bool:
    """Whether the user holds one of :data:`READER_ROLES`."""
    return bool(READER_ROLES & roles_of(user))


def may_use_foresight(user) -> bool:
    """The menu entry "Foresight": whoever may see at least the list (moderators, panellists, readers, administrators)."""
    return is_administrator(user) or is_moderator_role(user) or is_panellist_role(user) or is_reader(user)


def may_create_exercise(user) -> bool:
    """Administrators and foresight moderators start exercises."""
    return is_administrator(user) or is_moderator_role(user)


def exercises_visible_to(user):
    """The exercises ``user`` may open: moderated, sat on, or (readers) with a closed round."""
    from niokr.foresight.models import Exercise, RoundStatus

    if not _signed_in(user):
        return Exercise.objects.none()
    if is_administrator(user):
        return Exercise.objects.all()
    q = Q(pk__in=[])
    if is_moderator_role(user):
        q |= Q(moderator=user)
    if is_panellist_role(user):
        q |= Q(panellists__user=user)
    if is_reader(user):
        q |= Q(rounds__status=RoundStatus.CLOSED)
    return Exercise.objects.filter(q).distinct()


def may_moderate(user, exercise) -> bool:
    """The exercise's own moderator (holding the role today) or an administrator."""
    if not _signed_in(user):
        return False
    if is_administrator(user):
        return True
    return exercise.moderator_id == user.pk and is_moderator_role(user)


def may_see_identities(user, exercise) -> bool:
    """Only those who run the exercise may link a panellist to an answer."""
    return may_moderate(user, exercise)


def seat_of(user, exercise):
    """The user's :class:`Panellist` seat on ``exercise`` (with the ``panellist`` role in force), or ``None``."""
    from niokr.foresight.models import Panellist

    if not is_panellist_role(user):
        return None
    cache = user.__dict__.setdefault("_foresight_seats", {})
    if exercise.pk not in cache:
        cache[exercise.pk] = Panellist.objects.filter(exercise=exercise, user=user).select_related("panel").first()
    return cache[exercise.pk]


def may_read_results_only(user, exercise) -> bool:
    """A reader of results who neither runs nor sits on the exercise."""
    return not may_moderate(user, exercise) and seat_of(user, exercise) is None and is_reader(user)


def may_see_exercise(user, exercise) -> bool:
    if may_moderate(user, exercise) or seat_of(user, exercise) is not None:
        return True
    return is_reader(user) and exercise.rounds.filter(status="closed").exists()


def may_see_round_results(user, round_) -> bool:
    """A closed round's frozen results: the moderator, the exercise's panellists and the readers."""
    if round_.status != "closed":
        return False
    exercise = round_.exercise
    return may_moderate(user, exercise) or seat_of(user, exercise) is not None or is_reader(user)


def may_answer(user, round_) -> bool:
    """A panellist still on the panel answers an open round."""
    seat = seat_of(user, round_.exercise)
    return seat is not None and seat.withdrew_at is None and round_.status == "open"
