"""Scoped querysets of the obligations app: every read goes through ``visible_to(user)``.

Base figures, balances, ledger entries and budget transfers belong to a subsoil-use right and are
visible exactly when the right is (``registry.SubsoilRight.objects.visible_to``): regulators by the
mineral groups in their competence, company staff their own organisation's rights, auditors and
administrators everything. Rule regimes are the published law: every signed-in user reads them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from niokr.accounts.scoping import scope_for

__all__ = ["RightScopedQuerySet", "RuleRegimeQuerySet"]


class RightScopedQuerySet(models.QuerySet):
    """A queryset of rows that hang off a right (``right`` foreign key)."""

    def visible_to(self, user):
        """Rows of the rights ``user`` may see; nothing for a user without a scope."""
        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.nothing:
            return self.none()
        return self.filter(Q(right__mineral_group__in=scope.mineral_groups) | Q(right__holder_id__in=scope.organisation_ids))


class RuleRegimeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The regime catalogue: every active signed-in user, nobody else."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self
