"""Endpoints of the registry API: organisations and rights, read-only, scoped to the caller.

The FilterSets are those of the pages; objects are looked up inside ``visible_to`` (404 for what
the caller may not see).
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from niokr.registry.api.serializers import OrganisationSerializer, SubsoilRightSerializer
from niokr.registry.filtersets import OrganisationFilterSet, SubsoilRightFilterSet
from niokr.registry.models import Organisation, RegimeAssignment, SubsoilRight

__all__ = ["OrganisationViewSet", "SubsoilRightViewSet"]


@extend_schema_view(
    list=extend_schema(summary="Organisations you may see", description="Search by BIN or name (`q`); filter by kind, region, status held today, mineral group of rights held."),
    retrieve=extend_schema(summary="One organisation with its statuses"),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations of the registry."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["id", "bin", "name_kk", "name_ru", "name_en", "kind", "region", "registered_on", "rights_count"]
    ordering = ["name_ru", "id"]

    def get_queryset(self):
        user = self.request.user
        return Organisation.objects.visible_to(user).with_rights_count(user).prefetch_related("attributes")


@extend_schema_view(
    list=extend_schema(summary="Subsoil-use rights you may see", description="Search by number or holder BIN or name (`q`); filter by mineral group, right type, region, regime in force, holder id."),
    retrieve=extend_schema(summary="One right with its regime history"),
)
class SubsoilRightViewSet(viewsets.ReadOnlyModelViewSet):
    """Contracts and licences."""

    serializer_class = SubsoilRightSerializer
    filterset_class = SubsoilRightFilterSet
    ordering_fields = ["id", "number", "mineral_group", "right_type", "region", "signed_on", "production_start", "end_date"]
    ordering = ["number"]

    def get_queryset(self):
        history = Prefetch("regime_assignments", queryset=RegimeAssignment.objects.order_by("valid_from"))
        return SubsoilRight.objects.visible_to(self.request.user).select_related("holder").with_current_regime().prefetch_related(history)
