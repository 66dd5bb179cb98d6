"""Who a page is for: the roles a user acts in, and the predicates the main menu names.

The menu (:mod:`niokr.core.navigation`) offers each user the pages they have a use for; these
predicates decide it from the user's scope (:func:`niokr.accounts.scoping.scope_for`) and from what
the apps let them do. They only choose what to offer: every page still reads through its model's
``visible_to(user)`` and refuses what the user may not see, whatever the menu shows.
"""

from __future__ import annotations

from django.urls import reverse

from niokr.accounts.choices import Role
from niokr.accounts.scoping import active_memberships, scope_for
from niokr.control.pending import pending_requests_for
from niokr.intake.services import may_recompute, submittable_kinds

__all__ = [
    "ROLES",
    "roles_of",
    "has_scope",
    "reads_obligations",
    "reads_registry",
    "reads_submissions",
    "has_jobs",
    "works_for_organisations",
    "own_page",
    "is_staff",
    "pending_requests",
    "uses_policy",
    "policy_page",
]

#: The roles with a help page, in the order a user with several sees them.
ROLES = (
    Role.ADMINISTRATOR, Role.AUDITOR, Role.REGULATOR, Role.COMPANY, Role.PERFORMER,
    Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.EXPERT, Role.SELECTION_OFFICER,
    Role.FORESIGHT_MODERATOR, Role.PANELLIST, Role.ASSESSOR, Role.POLICY_ANALYST, Role.POLICY_SECRETARIAT,
)


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def roles_of(user) -> list[str]:
    """The roles ``user`` acts in today (a superuser is an administrator), in :data:`ROLES` order."""
    if not _signed_in(user):
        return []
    held = {m.role for m in active_memberships(user)}
    if user.is_superuser:
        held.add(Role.ADMINISTRATOR)
    return [role.value for role in ROLES if role in held]


def has_scope(user) -> bool:
    """Whether ``user`` sees any organisation's data at all (an outsider sees none)."""
    return _signed_in(user) and not scope_for(user).nothing


def reads_obligations(user) -> bool:
    """The obligation pages (dashboard, rights, regimes): the control body, regulators and the
    subsoil users' own staff. A performer holds no right: its dashboard would be zeros."""
    scope = scope_for(user)
    return scope.everything or bool(scope.mineral_groups) or bool(scope.company_ids)


def reads_registry(user) -> bool:
    """The registry of organisations: those who see more organisations than their own."""
    scope = scope_for(user)
    return scope.everything or bool(scope.mineral_groups)


def reads_submissions(user) -> bool:
    """Reports: whoever may send one, and whoever reads other organisations' reports."""
    return reads_registry(user) or bool(submittable_kinds(user))


def has_jobs(user) -> bool:
    """Background jobs: started by sending a large report or a recompute (or read by the control body)."""
    return scope_for(user).everything or bool(submittable_kinds(user)) or may_recompute(user)


def works_for_organisations(user) -> bool:
    """Company or performer staff: their own organisation's page is their start page."""
    return bool(scope_for(user).organisation_ids)


def own_page(user) -> str:
    """The page of the organisation ``user`` works for; with several, the start page that lists them.

    Company staff: the subsoil user's page; performer staff: the performer's page (as the start
    page, ``home``, sends them).
    """
    scope = scope_for(user)
    if len(scope.organisation_ids) != 1:
        return reverse("home")
    (organisation,) = scope.organisation_ids
    if organisation in scope.company_ids:
        return reverse("obligations:holder-detail", args=[organisation])
    return reverse("projects:performer-detail", args=[organisation])


def is_staff(user) -> bool:
    """The administration site (Django's admin) is for staff accounts."""
    return _signed_in(user) and user.is_staff



def pending_requests(user) -> int:
    """The document requests ``user``'s companies have still to answer (the count beside Control)."""
    return pending_requests_for(user).count()


def _policy_areas(user) -> list[str]:
    """The URLs of the technology policy's areas ``user`` may use, in the tabs' order."""
    from django.utils.module_loading import import_string

    from niokr.core.navigation import POLICY_TABS

    if not _signed_in(user):
        return []
    return [reverse(tab.name) for tab in POLICY_TABS if import_string(tab.who)(user)]


def uses_policy(user) -> bool:
    """The technology policy (portfolios, audit and TRL, foresight, ranking): whoever may use one of its areas."""
    return bool(_policy_areas(user))


def policy_page(user) -> str:
    """The technology policy's first area ``user`` may use (the menu entry's page)."""
    areas = _policy_areas(user)
    return areas[0] if areas else ""
