"""What a user may see: computed once per user from memberships, applied by every ``visible_to``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.core.choices import Authority

__all__ = ["Scope", "scope_for", "active_memberships", "held_roles", "forget_memberships"]


@dataclass(frozen=True)
class Scope:
    """The visibility of one user.

    Attributes:
        everything: administrators and auditors read everything.
        mineral_groups: a regulator's competence (rights of these mineral groups and their holders).
        organisation_ids: the organisations the user belongs to as company or performer staff.
        company_ids: of those, the ones the user belongs to as company staff (a subsoil user's
            own people, who answer for it: document requests of audit cases).
    """

    everything: bool = False
    mineral_groups: frozenset[str] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    company_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.mineral_groups or self.organisation_ids)


def active_memberships(user) -> list:
    """The user's memberships in force today (read once per request and cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_niokr_memberships", None)
    if cached is None:
        today = timezone.localdate()
        cached = [m for m in user.memberships.all() if m.is_active_on(today)]
        user._niokr_memberships = cached
    return cached


def held_roles(user) -> frozenset[str]:
    """The roles of ``user``'s memberships in force today (none for a visitor or an inactive account)."""
    return frozenset(m.role for m in active_memberships(user))


def forget_memberships(user) -> None:
    """Drop what this request read of ``user``'s memberships and scope: a write re-checks them as they are now."""
    if user is not None:
        for name in ("_niokr_memberships", "_niokr_scope"):
            user.__dict__.pop(name, None)


def scope_for(user) -> Scope:
    """Compute the :class:`Scope` of ``user`` (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_niokr_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True)
    else:
        everything = False
        minerals: set[str] = set()
        orgs: set[int] = set()
        companies: set[int] = set()
        for m in active_memberships(user):
            if m.role in (Role.AUDITOR, Role.ADMINISTRATOR):
                everything = True
            elif m.role == Role.REGULATOR:
                minerals.update(Authority(m.authority).mineral_groups())
            elif m.role in (Role.COMPANY, Role.PERFORMER):
                orgs.add(m.organisation_id)
                if m.role == Role.COMPANY:
                    companies.add(m.organisation_id)
        scope = Scope(everything=everything, mineral_groups=frozenset(minerals), organisation_ids=frozenset(orgs), company_ids=frozenset(companies))
    user._niokr_scope = scope
    return scope
