"""Who sees which portfolio and who confirms tags: the access rule of the app, written once.

=====================================  ==============================================================
who                                    sees
=====================================  ==============================================================
auditor, administrator, superuser      the whole country (``everything``), as on the dashboard
policy analyst, policy secretariat,    the whole country as aggregates only (``country``): no company
TCC analyst                            name, no record-level figure
regulator                              the money of the rights of its mineral groups (the dashboard's
                                       scope) and the projects that money funded (``mineral_groups``)
company staff                          their own company's money and the projects it funded
                                       (``companies``)
anyone else (a performer, an outsider) nothing: the pages say so and show no figure
=====================================  ==============================================================

Tags are confirmed or corrected by a policy analyst or an administrator (:func:`may_review_tags`);
the policy target is set by an administrator (:func:`may_set_target`). Every POST re-checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from niokr.accounts.choices import Role
from niokr.accounts.scoping import held_roles, scope_for

__all__ = [
    "PortfolioScope", "portfolio_scope", "may_view_portfolio", "may_review_tags", "may_set_target",
    "ledger_visible_to", "projects_visible_to", "results_visible_to", "COUNTRY_ROLES",
]

#: Roles that read the country's portfolio as aggregates (no scope in ``scope_for``: the rule is here).
COUNTRY_ROLES = frozenset({Role.POLICY_ANALYST, Role.POLICY_SECRETARIAT, Role.TCC_ANALYST})


@dataclass(frozen=True)
class PortfolioScope:
    """What one user's portfolio covers.

    Attributes:
        kind: ``everything``, ``country`` (aggregates of the whole country), ``mineral_groups``,
            ``companies`` or ``nothing``.
        mineral_groups: a regulator's competence.
        company_ids: the companies whose staff the user is.
    """

    kind: str = "nothing"
    mineral_groups: frozenset[str] = field(default_factory=frozenset)
    company_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def national(self) -> bool:
        return self.kind in ("everything", "country")

    @property
    def nothing(self) -> bool:
        return self.kind == "nothing"


def _roles(user) -> frozenset[str]:
    return held_roles(user)


def portfolio_scope(user) -> PortfolioScope:
    """The :class:`PortfolioScope` of ``user`` (the widest of their roles)."""
    scope = scope_for(user)
    if scope.everything:
        return PortfolioScope("everything")
    if _roles(user) & COUNTRY_ROLES:
        return PortfolioScope("country")
    if scope.mineral_groups:
        return PortfolioScope("mineral_groups", mineral_groups=scope.mineral_groups, company_ids=scope.company_ids)
    if scope.company_ids:
        return PortfolioScope("companies", company_ids=scope.company_ids)
    return PortfolioScope()


def may_view_portfolio(user) -> bool:
    """Whether ``user`` has a portfolio to see (the menu's predicate; the pages answer everyone signed in)."""
    return not portfolio_scope(user).nothing


def may_review_tags(user) -> bool:
    """Whether ``user`` confirms and corrects priority tags: a policy analyst or an administrator."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or bool(_roles(user) & {Role.POLICY_ANALYST, Role.ADMINISTRATOR})


def may_set_target(user) -> bool:
    """Whether ``user`` sets the policy target: an administrator."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or Role.ADMINISTRATOR in _roles(user)


def ledger_visible_to(user):
    """The ledger entries behind ``user``'s portfolio money.

    The dashboard's own scope (``LedgerEntry.objects.visible_to``) for regulators, company staff,
    auditors and administrators, so that the portfolio's totals equal the dashboard's; the whole
    ledger for the country-wide policy roles; nothing otherwise.
    """
    from niokr.obligations.models import LedgerEntry

    scope = portfolio_scope(user)
    if scope.nothing:
        return LedgerEntry.objects.none()
    if scope.national:
        return LedgerEntry.objects.all()
    return LedgerEntry.objects.visible_to(user)


def projects_visible_to(user):
    """The projects in ``user``'s portfolio: every project nationally, else those the scope's money paid."""
    from niokr.projects.models import Payment, Project

    scope = portfolio_scope(user)
    if scope.nothing:
        return Project.objects.none()
    if scope.national:
        return Project.objects.all()
    paid = Q(right__holder_id__in=scope.company_ids)
    if scope.mineral_groups:
        paid |= Q(right__mineral_group__in=scope.mineral_groups)
    return Project.objects.filter(Exists(Payment.objects.filter(paid, agreement__project_id=OuterRef("pk"))))


def results_visible_to(user):
    """The results of the projects in ``user``'s portfolio."""
    from niokr.projects.models import Result

    scope = portfolio_scope(user)
    if scope.nothing:
        return Result.objects.none()
    if scope.national:
        return Result.objects.all()
    return Result.objects.filter(project__in=projects_visible_to(user).values("pk"))
