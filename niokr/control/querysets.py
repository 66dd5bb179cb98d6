"""Who sees what of control, and which run's rows are current.

* auditors and administrators: everything;
* regulators: the flags, scores, cases and notices of subsoil users holding a right in their
  competence (mineral groups), read-only;
* company staff: the cases of their own organisation once the auditor has written to it
  (documents requested, or the case is closed), and the notices sent to it — never the flags or
  scores themselves (the indicators are the control body's working papers);
* performers and everyone else: nothing.

The *current* rows are those of the latest completed national run, except for a subsoil user
evaluated alone after it: that user's rows come from its own latest run.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from niokr.accounts.scoping import scope_for
from niokr.registry.models import SubsoilRight

__all__ = ["RunQuerySet", "FlagQuerySet", "RiskScoreQuerySet", "CoverageQuerySet", "CaseQuerySet", "CaseItemQuerySet", "NoticeQuerySet", "current_runs"]


def _competence(user, field: str) -> Q | None:
    """``Q`` over ``field`` (a subsoil-user id) for a regulator's competence; ``None``: nothing."""
    scope = scope_for(user)
    if scope.mineral_groups:
        return Q(Exists(SubsoilRight.objects.filter(holder=OuterRef(field), mineral_group__in=scope.mineral_groups)))
    return None


def current_runs() -> tuple[int | None, dict[int, int]]:
    """The latest completed national run's id and, per subsoil user evaluated alone since, its run's id."""
    from niokr.control.models import ControlRun

    done = ControlRun.objects.filter(status="completed")
    national = done.filter(payer__isnull=True).order_by("-id").values_list("id", flat=True).first()
    alone = done.filter(payer__isnull=False)
    if national is not None:
        alone = alone.filter(id__gt=national)
    latest: dict[int, int] = {}
    for payer_id, run_id in alone.order_by("id").values_list("payer_id", "id"):
        latest[payer_id] = run_id
    return national, latest


class _Current(models.QuerySet):
    def current(self):
        """Rows of the current runs (see the module docstring)."""
        national, alone = current_runs()
        q = Q(run_id__in=list(alone.values())) if alone else Q(pk__in=[])
        if national is not None:
            q |= Q(run_id=national) & ~Q(payer_id__in=list(alone))
        return self.filter(q)

    def visible_to(self, user):
        scope = scope_for(user)
        if scope.everything:
            return self
        q = _competence(user, "payer_id")
        return self.filter(q) if q is not None else self.none()


class FlagQuerySet(_Current):
    pass


class RiskScoreQuerySet(_Current):
    pass


class CoverageQuerySet(_Current):
    pass


class RunQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.mineral_groups:
            return self.filter(Q(payer__isnull=True) | Q(Exists(SubsoilRight.objects.filter(holder=OuterRef("payer_id"), mineral_group__in=scope.mineral_groups))))
        return self.none()


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.everything:
            return self
        q = Q(pk__in=[])
        competence = _competence(user, "payer_id")
        if competence is not None:
            q |= competence
        if scope.company_ids:
            q |= Q(payer_id__in=scope.company_ids) & (Q(requests__isnull=False) | Q(status__in=("confirmed", "dismissed")))
        return self.filter(q).distinct()


class CaseItemQuerySet(models.QuerySet):
    pass


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.everything:
            return self
        q = Q(pk__in=[])
        competence = _competence(user, "organisation_id")
        if competence is not None:
            q |= competence
        if scope.organisation_ids:
            q |= Q(organisation_id__in=scope.organisation_ids)
        return self.filter(q)
