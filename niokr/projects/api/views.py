"""Endpoints of the projects API: agreements and payments, read-only, scoped to the caller.

The FilterSets are those of the pages; objects are looked up inside ``visible_to`` (404 for what
the caller may not see). Payments are paginated without a count and, unless the caller orders
them, come latest first (``PaymentQuerySet.latest_first``).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from niokr.core.api import UncountedPagination
from niokr.core.filtersets import is_filtered
from niokr.projects.api.serializers import AgreementSerializer, PaymentSerializer
from niokr.projects.filtersets import AgreementFilterSet, PaymentFilterSet
from niokr.projects.models import Agreement, Payment
from niokr.projects.querysets import broad_scope

__all__ = ["AgreementViewSet", "PaymentViewSet"]


@extend_schema_view(
    list=extend_schema(summary="R&D agreements you may see", description="Filter by payer or performer (BIN or name), number, priority direction, year signed, right paid to, amount and date ranges."),
    retrieve=extend_schema(summary="One R&D agreement"),
)
class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """R&D agreements between payers (subsoil users) and performers."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering_fields = ["id", "number", "signed_on", "amount", "period_start", "period_end"]
    ordering = ["-signed_on", "-id"]

    def get_queryset(self):
        return Agreement.objects.visible_to(self.request.user).select_related("payer", "performer", "project")


@extend_schema_view(
    list=extend_schema(
        summary="Payments you may see",
        description="Latest first unless `ordering` is given. Pages carry `next` and `previous` links but no count. "
        "Filter by payer or performer (BIN or name), priority direction, year paid or credited, right number, currency, amount and date ranges, submission, agreement id.",
    ),
    retrieve=extend_schema(summary="One payment"),
)
class PaymentViewSet(viewsets.ReadOnlyModelViewSet):
    """Payments under R&D agreements."""

    serializer_class = PaymentSerializer
    filterset_class = PaymentFilterSet
    pagination_class = UncountedPagination
    ordering_fields = ["id", "paid_on", "amount", "for_year"]

    def get_queryset(self):
        return Payment.objects.visible_to(self.request.user).listed()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.query.order_by or self.action != "list":
            return queryset  # the caller's ``ordering``
        filterset = self.filterset_class(self.request.query_params, queryset=queryset, request=self.request)
        return queryset.latest_first(broad=broad_scope(self.request.user) and not is_filtered(filterset))
