"""Who may read and do what in the capability app — written once, used by the pages, the services and the generator.

Readers of everything (every audit, every assessment, the aggregates with every cell):

* administrators (and superusers) and auditors;
* assessors (who also fill in audits and assessments);
* regulators, policy analysts, the Council's secretariat and TCC analysts (read only).

An organisation's own staff (a ``company`` or ``performer`` membership) read their organisation's
audits and the assessments of the projects they may see, and may fill in a self-assessment of their
own organisation. Everyone else sees nothing: an object out of scope answers 404, a forbidden action
403. The aggregates page shows everyone signed in the national means, but to a user who is not a
reader of everything it hides the cells with fewer than :data:`MIN_CELL` organisations (a mean of
one or two organisations would disclose their scores).
"""

from __future__ import annotations

from django.db.models import Q

from niokr.accounts.choices import Role
from niokr.accounts.scoping import held_roles, scope_for
from niokr.capability.choices import AuditKind, AuditStatus

__all__ = [
    "MIN_CELL",
    "READER_ROLES",
    "is_administrator",
    "is_assessor",
    "may_read_all",
    "may_assess",
    "may_manage_versions",
    "staff_organisation_ids",
    "may_self_assess",
    "may_start_audit",
    "audits_visible_to",
    "assessments_visible_to",
    "may_edit_audit",
    "may_edit_assessment",
    "may_see_small_cells",
    "may_use_capability",
    "organisation_q",
]

#: The fewest organisations an aggregate cell needs to be shown to a user who does not read everything.
MIN_CELL = 3

#: Roles that read every audit and assessment (administrators and assessors too).
READER_ROLES = frozenset({Role.AUDITOR, Role.REGULATOR, Role.POLICY_ANALYST, Role.POLICY_SECRETARIAT, Role.TCC_ANALYST})


def _roles(user) -> frozenset[str]:
    return held_roles(user)


def is_administrator(user) -> bool:
    """Superusers and holders of the ``administrator`` role."""
    return bool(user is not None and getattr(user, "is_superuser", False) and user.is_active) or Role.ADMINISTRATOR in _roles(user)


def is_assessor(user) -> bool:
    return Role.ASSESSOR in _roles(user)


def may_read_all(user) -> bool:
    """Whether ``user`` reads every audit, every assessment and every aggregate cell."""
    return is_administrator(user) or is_assessor(user) or bool(_roles(user) & READER_ROLES)


def may_assess(user) -> bool:
    """Whether ``user`` fills in assessor audits and readiness assessments (assessors, administrators)."""
    return is_assessor(user) or is_administrator(user)


def may_manage_versions(user) -> bool:
    """Whether ``user`` drafts and publishes questionnaire and question-set versions."""
    return may_assess(user)


def staff_organisation_ids(user) -> frozenset[int]:
    """The organisations ``user`` works for as company or performer staff."""
    return scope_for(user).organisation_ids


def may_self_assess(user, organisation_id: int) -> bool:
    """Whether ``user`` may fill in a self-assessment of ``organisation_id`` (its own staff only)."""
    return organisation_id in staff_organisation_ids(user)


def may_start_audit(user) -> bool:
    """Whether the "new audit" page offers ``user`` anything to start."""
    return may_assess(user) or bool(staff_organisation_ids(user))


def audits_visible_to(user, queryset=None):
    """The audits ``user`` may read."""
    from niokr.capability.models import Audit

    queryset = Audit.objects.all() if queryset is None else queryset
    if may_read_all(user):
        return queryset
    orgs = staff_organisation_ids(user)
    if not orgs:
        return queryset.none()
    return queryset.filter(organisation_id__in=orgs)


def assessments_visible_to(user, queryset=None):
    """The readiness assessments ``user`` may read: all for readers; staff those of the projects they see."""
    from niokr.capability.models import Assessment
    from niokr.projects.models import Project

    queryset = Assessment.objects.all() if queryset is None else queryset
    if may_read_all(user):
        return queryset
    if not staff_organisation_ids(user):
        return queryset.none()
    return queryset.filter(project__in=Project.objects.visible_to(user).values("pk"))


def may_edit_audit(user, audit) -> bool:
    """Whether ``user`` may change ``audit``'s answers or submit it (a draft only).

    An assessor's audit: the assessor who started it, or an administrator. A self-assessment: the
    organisation's staff (a colleague may finish it), or an administrator.
    """
    if audit.status != AuditStatus.DRAFT or user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_administrator(user):
        return True
    if audit.kind == AuditKind.ASSESSOR:
        return audit.assessor_id == user.pk and is_assessor(user)
    return may_self_assess(user, audit.organisation_id)


def may_edit_assessment(user, assessment) -> bool:
    """Whether ``user`` may change a draft assessment: its assessor (still an assessor) or an administrator."""
    if assessment.status != AuditStatus.DRAFT or user is None or not getattr(user, "is_authenticated", False):
        return False
    return is_administrator(user) or (assessment.assessor_id == user.pk and is_assessor(user))


def may_use_capability(user) -> bool:
    """Whether the menu offers ``user`` the capability pages: the readers of everything and the staff
    of an organisation (who read their own audits and fill in its self-assessment)."""
    return may_read_all(user) or bool(staff_organisation_ids(user))


def may_see_small_cells(user) -> bool:
    """Whether aggregate cells of fewer than :data:`MIN_CELL` organisations are shown to ``user``."""
    return may_read_all(user)


def organisation_q(user) -> Q | None:
    """A filter on organisations whose capability pages ``user`` may open (``None``: every one)."""
    if may_read_all(user):
        return None
    return Q(pk__in=staff_organisation_ids(user))
