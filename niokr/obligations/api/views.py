"""API views of the obligations app: read-only, scoped with ``visible_to``, filtered by the app's FilterSets."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from niokr.core.api import UncountedPagination
from niokr.obligations.api.serializers import BaseFigureSerializer, LedgerEntrySerializer, RightYearBalanceSerializer, RuleRegimeSerializer
from niokr.obligations.describe import describe_sources
from niokr.obligations.filtersets import BaseFigureFilterSet, LedgerEntryFilterSet, RightYearBalanceFilterSet, RuleRegimeFilterSet
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime

__all__ = ["RegimeViewSet", "BaseFigureViewSet", "BalanceViewSet", "LedgerEntryViewSet"]


class RegimeViewSet(viewsets.ReadOnlyModelViewSet):
    """The rule regime catalogue (every version), readable by every signed-in user."""

    serializer_class = RuleRegimeSerializer
    filterset_class = RuleRegimeFilterSet
    ordering_fields = ["code", "version", "effective_from", "id"]
    ordering = ["code", "version"]
    queryset = RuleRegime.objects.none()

    def get_queryset(self):
        return RuleRegime.objects.visible_to(self.request.user)


class BaseFigureViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Base figures (every revision) of the rights the user may see."""

    serializer_class = BaseFigureSerializer
    filterset_class = BaseFigureFilterSet
    ordering_fields = ["id", "year", "revision", "amount"]
    ordering = ["id"]
    queryset = BaseFigure.objects.none()

    def get_queryset(self):
        return BaseFigure.objects.visible_to(self.request.user)


class BalanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Right-year balances with their reasons, for the rights the user may see."""

    serializer_class = RightYearBalanceSerializer
    filterset_class = RightYearBalanceFilterSet
    ordering_fields = ["id", "year", "obligation", "fulfilled", "arrears"]
    ordering = ["id"]
    queryset = RightYearBalance.objects.none()

    def get_queryset(self):
        return RightYearBalance.objects.visible_to(self.request.user).select_related("right")


class LedgerEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Ledger entries of the rights the user may see, newest first by default."""

    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet
    pagination_class = UncountedPagination  # the national ledger has millions of rows: no count
    ordering_fields = ["id", "entry_date", "amount"]
    ordering = ["-id"]
    queryset = LedgerEntry.objects.none()

    def get_queryset(self):
        return LedgerEntry.objects.visible_to(self.request.user).select_related("reversed_by", "performer")

    def get_serializer(self, *args, **kwargs):
        """A page of entries is described at once (:func:`describe_sources`: a few queries, not one per entry)."""
        if kwargs.get("many") and args:
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["sources"] = describe_sources(list(args[0]))
        return super().get_serializer(*args, **kwargs)
