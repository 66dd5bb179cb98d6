"""Who may see and do what with the rankings — the rules, written once.

* **Policy analysts** (``policy_analyst``) and **administrators** (and superusers) create rankings,
  enter the comparisons and the scores, compute runs, make a ranking final and edit the roadmap.
* **Foresight moderators** (``foresight_moderator``) read every ranking, drafts included.
* **Readers of results** (``regulator``, ``policy_secretariat``, ``tcc_analyst``, ``auditor``) read
  final rankings only (their runs, the matrix, the roadmap and the foresight report).
* Everyone else: no ranking exists for them (404).

No rule here ever shows a panellist's identity: the rankings hold only the Delphi's frozen group
statistics. Views, exports and the generator ask these predicates; every POST asks them again.
"""

from __future__ import annotations

from niokr.accounts.choices import Role
from niokr.accounts.scoping import held_roles

__all__ = [
    "MANAGER_ROLES", "DRAFT_READER_ROLES", "RESULT_READER_ROLES",
    "roles_of", "may_manage_rankings", "may_read_drafts", "may_read_rankings", "rankings_visible_to",
    "may_see_ranking", "may_edit_ranking",
]

#: Roles that create and compute rankings (with administrators and superusers).
MANAGER_ROLES = frozenset({Role.POLICY_ANALYST, Role.ADMINISTRATOR})
#: Roles that read every ranking, drafts included (besides the managers).
DRAFT_READER_ROLES = frozenset({Role.FORESIGHT_MODERATOR})
#: Roles that read final rankings only.
RESULT_READER_ROLES = frozenset({Role.REGULATOR, Role.POLICY_SECRETARIAT, Role.TCC_ANALYST, Role.AUDITOR})


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


def roles_of(user) -> frozenset[str]:
    """The roles of the user's memberships in force today (read once per request)."""
    return held_roles(user)


def may_manage_rankings(user) -> bool:
    """Create rankings, enter comparisons and scores, compute, make final, edit the roadmap."""
    return _signed_in(user) and (bool(user.is_superuser) or bool(MANAGER_ROLES & roles_of(user)))


def may_read_drafts(user) -> bool:
    """Read every ranking, drafts included."""
    return may_manage_rankings(user) or bool(DRAFT_READER_ROLES & roles_of(user))


def may_read_rankings(user) -> bool:
    """Whether the user reads any ranking at all (the menu entry's predicate)."""
    return may_read_drafts(user) or bool(RESULT_READER_ROLES & roles_of(user))


def rankings_visible_to(user):
    """The rankings ``user`` may read: all for managers and moderators, the final ones for readers."""
    from niokr.ranking.models import RankingExercise, RankingStatus

    if may_read_drafts(user):
        return RankingExercise.objects.all()
    if RESULT_READER_ROLES & roles_of(user):
        return RankingExercise.objects.filter(status=RankingStatus.FINAL)
    return RankingExercise.objects.none()


def may_see_ranking(user, ranking) -> bool:
    if may_read_drafts(user):
        return True
    return bool(RESULT_READER_ROLES & roles_of(user)) and ranking.is_final


def may_edit_ranking(user, ranking) -> bool:
    """Change the ranking's inputs: a manager, while the ranking is a draft."""
    return may_manage_rankings(user) and not ranking.is_final
