"""Scoped querysets of the registry: every read goes through ``visible_to(user)``."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from niokr.accounts.scoping import scope_for


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisations ``user`` may see.

        Administrators and auditors: all. Regulators: holders of rights in their competence and
        every organisation that is not a subsoil user (performers are a public registry).
        Company and performer staff: their own organisations.
        """
        scope = scope_for(user)
        if scope.everything:
            return self
        q = Q(pk__in=scope.organisation_ids)
        if scope.mineral_groups:
            from niokr.registry.models import SubsoilRight

            holds = SubsoilRight.objects.filter(holder=OuterRef("pk"), mineral_group__in=scope.mineral_groups)
            q |= Exists(holds) | ~Q(kind__in=["subsoil_user", "national_company"])
        return self.filter(q)


class SubsoilRightQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rights ``user`` may see: regulators by mineral group, companies their own."""
        scope = scope_for(user)
        if scope.everything:
            return self
        return self.filter(Q(mineral_group__in=scope.mineral_groups) | Q(holder_id__in=scope.organisation_ids))
