"""Who holds which role for an expertise or a call, and what they may read (the sealed rule included).

* **Coordinators of the state expertise** — people in the NCSTE register of experts with the
  position "coordinator" *and* an expert's membership — open expertises, assign experts, start the
  scoring and confirm conclusions; they read every expertise. They hold ``expert`` for an expertise.
* **State experts** read only the expertises (and programmes) they are assigned to, and score them.
* **Selection officers** (MSHE) run calls; they read expertises of programmes past the council.
* **Applications are sealed until the call's deadline**: before it, the applicant's own staff (its
  holding's included) read their application; nobody else — not the regulator, the selection
  officer, an administrator or an auditor. After it, selection officers, regulators, auditors and
  administrators read all of a call's applications.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.scoping import scope_for
from niokr.projects.choices import ExpertPosition
from niokr.projects.lifecycle.access import SYSTEM, is_administrator, memberships

__all__ = [
    "expert_records", "is_coordinator", "expertise_roles", "expertises_q", "assigned_programmes_q",
    "call_roles", "calls_q", "applications_q", "application_roles", "applicant_org_ids",
]


def expert_records(user):
    """The user's entries in the register of state experts in force today (cached on the user)."""
    from niokr.projects.models import StateExpert

    if user is None or not getattr(user, "is_authenticated", False) or not memberships(user, Role.EXPERT):
        return []
    cached = getattr(user, "_niokr_expert_records", None)
    if cached is None:
        cached = list(StateExpert.objects.serving_on(timezone.localdate()).filter(user=user).select_related("organisation"))
        user._niokr_expert_records = cached
    return cached


def is_coordinator(user) -> bool:
    return any(r.position == ExpertPosition.COORDINATOR for r in expert_records(user))


def expertise_roles(expertise, user) -> set[str]:
    """``expert`` for a coordinator, ``assigned_expert`` for an expert assigned to it, ``system`` for ``None``."""
    if user is None:
        return {SYSTEM}
    held: set[str] = set()
    if is_coordinator(user):
        held.add(Role.EXPERT)
    ids = {r.pk for r in expert_records(user)}
    if ids and expertise.pk and expertise.assignments.filter(expert_id__in=ids).exists():
        held.add("assigned_expert")
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def applicant_org_ids(user) -> frozenset[int]:
    """The organisations the user acts for as an applicant (their companies and subsidiaries)."""
    from niokr.projects.lifecycle import access

    helper = getattr(access, "applicant_ids", None)
    if helper is not None:
        return frozenset(helper(user))
    return frozenset(scope_for(user).company_ids)


def assigned_programmes_q(user, prefix: str = "") -> Q:
    """Programmes (through ``prefix``) whose expertise the user is assigned to as an expert."""
    ids = [r.pk for r in expert_records(user)]
    if not ids:
        return Q(pk__in=[])
    return Q(**{f"{prefix}versions__expertise__assignments__expert_id__in": ids})


def expertises_q(user) -> Q | None:
    """The expertises ``user`` may read (``None``: all of them)."""
    scope = scope_for(user)
    if scope.everything or is_administrator(user) or is_coordinator(user):
        return None
    q = Q(pk__in=[])
    ids = [r.pk for r in expert_records(user)]
    if ids:
        q |= Q(assignments__expert_id__in=ids)
    applicants = applicant_org_ids(user)
    if applicants:
        q |= Q(version__programme__applicant_id__in=applicants)
    regulated = {m.authority for m in memberships(user, Role.REGULATOR) if m.authority}
    if regulated:
        q |= Q(version__programme__authority__in=regulated)
    if memberships(user, Role.SELECTION_OFFICER):
        q |= Q(pk__isnull=False)
    return q


def call_roles(call, user) -> set[str]:
    if user is None:
        return {SYSTEM}
    held: set[str] = set()
    if memberships(user, Role.SELECTION_OFFICER):
        held.add(Role.SELECTION_OFFICER)
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def calls_q(user) -> Q | None:
    """Calls ``user`` may read: drafts only to selection officers, administrators and auditors; the rest to anyone signed in."""
    scope = scope_for(user)
    if scope.everything or is_administrator(user) or memberships(user, Role.SELECTION_OFFICER):
        return None
    if user is None or not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return ~Q(status="draft")


def application_roles(application, user) -> set[str]:
    if user is None:
        return {SYSTEM}
    held: set[str] = set()
    if application.applicant_id in applicant_org_ids(user):
        held.add(Role.COMPANY)
    if memberships(user, Role.SELECTION_OFFICER):
        held.add(Role.SELECTION_OFFICER)
    return held


def applications_q(user, now=None) -> Q:
    """The applications whose content ``user`` may read at ``now`` (the sealed rule; see the module docstring)."""
    now = now or timezone.now()
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    applicants = applicant_org_ids(user)
    if applicants:
        q |= Q(applicant_id__in=applicants)
    scope = scope_for(user)
    if scope.everything or is_administrator(user) or memberships(user, Role.SELECTION_OFFICER, Role.REGULATOR):
        q |= Q(call__deadline__lte=now)
    return q
