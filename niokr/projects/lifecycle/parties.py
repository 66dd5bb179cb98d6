"""Who holds which role for an agreement, its stages and a project's results, and whom to tell.

* ``company`` — staff of the agreement's payer (the subsoil user): they sign acceptance acts,
  return a stage for revision, verify or reject a result of a project they pay for;
* ``performer`` — staff of the agreement's (or project's) performer: they plan stages with the
  payer, submit stage reports and record results;
* ``regulator`` — a regulator whose competence covers a right the payer holds: verifies or rejects
  results;
* ``administrator`` — administrators (plan stages, link payments; never sign for a payer).
"""

from __future__ import annotations

from django.db.models import Q

from niokr.accounts.choices import Role
from niokr.accounts.scoping import scope_for
from niokr.projects.lifecycle.access import is_administrator, memberships

__all__ = ["agreement_roles", "stage_roles", "project_roles", "result_roles", "staff_of", "payers_of_project"]


def _regulates(user, payer_ids) -> bool:
    from niokr.registry.models import SubsoilRight

    groups = scope_for(user).mineral_groups
    return bool(groups) and SubsoilRight.objects.filter(holder_id__in=list(payer_ids), mineral_group__in=groups).exists()


def _performer_orgs(user) -> set[int]:
    return {m.organisation_id for m in memberships(user, Role.PERFORMER, Role.COMPANY) if m.organisation_id}


def agreement_roles(agreement, user) -> set[str]:
    """The roles ``user`` holds for ``agreement`` (see the module docstring)."""
    if user is None:
        return set()
    held: set[str] = set()
    if agreement.payer_id in scope_for(user).company_ids:
        held.add(Role.COMPANY)
    if agreement.performer_id in _performer_orgs(user):
        held.add(Role.PERFORMER)
    if memberships(user, Role.REGULATOR) and _regulates(user, [agreement.payer_id]):
        held.add(Role.REGULATOR)
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def stage_roles(stage, user) -> set[str]:
    return agreement_roles(stage.agreement, user)


def payers_of_project(project) -> set[int]:
    """The organisations paying for ``project`` under an agreement."""
    return set(project.agreements.values_list("payer_id", flat=True))


def project_roles(project, user) -> set[str]:
    """The roles ``user`` holds for ``project``: ``performer`` (its performer's staff), ``company`` (a payer's staff), ``regulator``."""
    if user is None:
        return set()
    held: set[str] = set()
    if project.performer_id in _performer_orgs(user):
        held.add(Role.PERFORMER)
    payers = payers_of_project(project)
    if payers & set(scope_for(user).company_ids):
        held.add(Role.COMPANY)
    if memberships(user, Role.REGULATOR) and payers and _regulates(user, payers):
        held.add(Role.REGULATOR)
    if is_administrator(user):
        held.add(Role.ADMINISTRATOR)
    return held


def result_roles(result, user) -> set[str]:
    return project_roles(result.project, user)


def staff_of(organisation_ids, *roles: str):
    """The users holding one of ``roles`` today in one of ``organisation_ids`` (each once)."""
    from niokr.accounts.models import Membership

    ids = [i for i in organisation_ids if i]
    if not ids:
        return []
    found = Membership.objects.active_on().filter(Q(organisation_id__in=ids) & Q(role__in=roles), user__is_active=True).select_related("user").order_by("user_id")
    seen, out = set(), []
    for m in found:
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append(m.user)
    return out
