"""Who holds which role *for an object* of the lifecycle, and what they may read.

A membership's role is not enough: the secretary of the Ministry of Energy's council is not the
secretary of the Agency's, and the staff of one company do not submit another's programme. Each
function here answers for one object, and every workflow's ``roles_of`` is built from them.

The role names are :class:`niokr.accounts.choices.Role` values, plus ``system`` for what the system
itself does (a vote that closes at its time).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.scoping import active_memberships, scope_for

__all__ = ["SYSTEM", "memberships", "authorities_of", "council_seats", "applicant_ids", "subsidiaries_of", "programme_roles", "programmes_q"]

SYSTEM = "system"


def memberships(user, *roles: str):
    """The user's memberships in force today with one of ``roles`` (all with none), read once per request."""
    return [m for m in active_memberships(user) if not roles or m.role in roles]


def authorities_of(user, role: str) -> set[str]:
    """The ministries (competent authorities) for which ``user`` holds ``role``."""
    return {m.authority for m in memberships(user, role) if m.authority}


def council_seats(user, day=None):
    """The council seats the user holds on ``day`` (default today)."""
    from niokr.projects.models import CouncilMember

    if user is None or not getattr(user, "is_authenticated", False):
        return CouncilMember.objects.none()
    return CouncilMember.objects.serving_on(day or timezone.localdate()).filter(user=user).select_related("council", "organisation")


def is_administrator(user) -> bool:
    return bool(user is not None and getattr(user, "is_superuser", False)) or bool(memberships(user, Role.ADMINISTRATOR))


#: Ownership above this share (per cent) makes an organisation a subsidiary (as ``registry.graph.holding_groups``).
CONTROL_SHARE = 50


def subsidiaries_of(organisation_ids, day=None) -> set[int]:
    """The organisations owned by ``organisation_ids``, directly or through subsidiaries, on ``day``.

    An ownership edge (``Affiliation`` of kind ``owner``) counts when it is in force and its share is
    above :data:`CONTROL_SHARE` per cent or not given: the holding controls the subsidiary. One query
    per level of the group.
    """
    from niokr.registry.models import Affiliation

    day = day or timezone.localdate()
    found: set[int] = set()
    frontier = set(organisation_ids)
    while frontier:
        edges = (
            Affiliation.objects.filter(kind="owner", source_id__in=frontier, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .filter(Q(share__isnull=True) | Q(share__gt=CONTROL_SHARE))
            .values_list("target_id", flat=True)
        )
        frontier = set(edges) - found - set(organisation_ids)
        found |= frontier
    return found


def applicant_ids(user) -> frozenset[int]:
    """The organisations ``user`` may act for as an applicant: their companies and those companies' subsidiaries.

    A holding's staff apply for the subsidiaries it controls (DOMAIN §1.3); a subsidiary's staff
    do not act for the holding. Cached on the user for the request.
    """
    cached = getattr(user, "_niokr_applicants", None) if user is not None else None
    if cached is None:
        companies = scope_for(user).company_ids
        cached = frozenset(companies | subsidiaries_of(companies)) if companies else frozenset()
        if user is not None:
            user._niokr_applicants = cached
    return cached


def programme_roles(programme, user) -> set[str]:
    """The roles ``user`` holds for ``programme`` (see the module docstring)."""
    if user is None:
        return {SYSTEM}
    held: set[str] = set()
    scope = scope_for(user)
    if programme.applicant_id in scope.company_ids or (scope.company_ids and programme.applicant_id in applicant_ids(user)):
        held.add(Role.COMPANY)
    if programme.authority in authorities_of(user, Role.COUNCIL_SECRETARY):
        held.add(Role.COUNCIL_SECRETARY)
    if programme.authority in authorities_of(user, Role.REGULATOR):
        held.add(Role.REGULATOR)
    if any(seat.council.authority == programme.authority for seat in council_seats(user)):
        held.add(Role.COUNCIL_MEMBER)
    if memberships(user, Role.EXPERT):
        held.add(Role.EXPERT)
    if memberships(user, Role.SELECTION_OFFICER):
        held.add(Role.SELECTION_OFFICER)
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def programmes_q(user) -> Q | None:
    """The programmes ``user`` may read (``None``: all of them).

    Auditors and administrators: all. Company staff: their organisation's (and its subsidiaries'),
    as applicant or proposed performer; performer staff: those proposing them as performer. A regulator, a council's members
    and its secretary: the programmes put to their ministry's council, once submitted. State experts
    and selection officers: programmes past the council (in expertise or approved).
    """
    scope = scope_for(user)
    if scope.everything or is_administrator(user):
        return None
    q = Q(pk__in=[])
    if scope.organisation_ids:
        q |= Q(applicant_id__in=scope.organisation_ids | applicant_ids(user)) | Q(versions__performer_id__in=scope.organisation_ids)
    authorities = authorities_of(user, Role.REGULATOR) | authorities_of(user, Role.COUNCIL_SECRETARY)
    authorities |= {seat.council.authority for seat in council_seats(user)}
    if authorities:
        q |= Q(authority__in=authorities) & ~Q(status="draft")
    if memberships(user, Role.EXPERT, Role.SELECTION_OFFICER):
        from niokr.projects.lifecycle.review_access import assigned_programmes_q, is_coordinator

        # Coordinators of the expertise and selection officers: every programme past the council;
        # a state expert: only the programmes whose expertise they are assigned to.
        if is_coordinator(user) or memberships(user, Role.SELECTION_OFFICER):
            q |= Q(status__in=["in_expertise", "approved"])
        else:
            q |= assigned_programmes_q(user)
    return q
