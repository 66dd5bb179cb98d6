"""Scoped querysets of the registry: every read goes through ``visible_to(user)``."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from niokr.accounts.scoping import scope_for

#: Organisation kinds that hold subsoil-use rights rather than perform R&D.
HOLDER_KINDS = ("subsoil_user", "national_company")


def _in_force(day: date) -> Q:
    """Periods (``valid_from``/``valid_to``, open-ended when empty) that include ``day``."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


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
            q |= Exists(holds) | ~Q(kind__in=HOLDER_KINDS)
        return self.filter(q)

    def search(self, text: str):
        """Organisations whose BIN is ``text`` or whose name in any language contains it."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(bin=text) | Q(name_ru__icontains=text) | Q(name_kk__icontains=text) | Q(name_en__icontains=text))

    def holding(self, attribute: str, day: date | None = None):
        """Organisations holding status ``attribute`` (an ``AttributeKind``) on ``day`` (today)."""
        from niokr.registry.models import OrganisationAttribute

        day = day or timezone.localdate()
        held = OrganisationAttribute.objects.filter(_in_force(day), organisation=OuterRef("pk"), kind=attribute)
        return self.filter(Exists(held))

    def holding_rights_of(self, mineral_groups):
        """Organisations holding at least one right of the given mineral groups."""
        from niokr.registry.models import SubsoilRight

        return self.filter(Exists(SubsoilRight.objects.filter(holder=OuterRef("pk"), mineral_group__in=list(mineral_groups))))

    def with_rights_count(self, user):
        """Annotate ``rights_count``: the rights of each organisation that ``user`` may see."""
        from niokr.registry.models import SubsoilRight

        rights = (
            SubsoilRight.objects.visible_to(user).filter(holder=OuterRef("pk")).order_by().values("holder").annotate(n=Count("pk")).values("n")
        )
        return self.annotate(rights_count=Coalesce(Subquery(rights, output_field=models.IntegerField()), 0))


class SubsoilRightQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rights ``user`` may see: regulators by mineral group, companies their own."""
        scope = scope_for(user)
        if scope.everything:
            return self
        return self.filter(Q(mineral_group__in=scope.mineral_groups) | Q(holder_id__in=scope.organisation_ids))

    def search(self, text: str):
        """Rights whose number contains ``text`` or whose holder has BIN ``text`` or a name containing it."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(number__icontains=text)
            | Q(holder__bin=text)
            | Q(holder__name_ru__icontains=text)
            | Q(holder__name_kk__icontains=text)
            | Q(holder__name_en__icontains=text)
        )

    def under_regime(self, regime_code: str, day: date | None = None):
        """Rights whose regime assignment in force on ``day`` (today) is ``regime_code``."""
        from niokr.registry.models import RegimeAssignment

        day = day or timezone.localdate()
        assigned = RegimeAssignment.objects.filter(_in_force(day), right=OuterRef("pk"), regime_code=regime_code)
        return self.filter(Exists(assigned))

    def with_current_regime(self, day: date | None = None):
        """Annotate ``current_regime``: the code of the regime assignment in force on ``day`` (today)."""
        from niokr.registry.models import RegimeAssignment

        day = day or timezone.localdate()
        current = RegimeAssignment.objects.filter(_in_force(day), right=OuterRef("pk")).order_by("-valid_from").values("regime_code")[:1]
        return self.annotate(current_regime=Subquery(current, output_field=models.CharField()))


def regime_codes() -> list[str]:
    """Every regime code assigned to some right, sorted (the choices of the regime filter)."""
    from niokr.registry.models import RegimeAssignment

    return list(RegimeAssignment.objects.order_by("regime_code").values_list("regime_code", flat=True).distinct())
