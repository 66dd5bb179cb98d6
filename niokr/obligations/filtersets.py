"""One FilterSet per model: the same filters serve the pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import MineralGroup, Region
from niokr.obligations.choices import BaseStatus, BaseType, Channel, CreditRule, EntryKind, YearStatus
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime

__all__ = ["RuleRegimeFilterSet", "BaseFigureFilterSet", "RightYearBalanceFilterSet", "LedgerEntryFilterSet", "DashboardFilterSet"]

_SELECT = {"class": "form-select form-select-sm"}
_INPUT = {"class": "form-control form-control-sm"}


class RuleRegimeFilterSet(django_filters.FilterSet):
    """The regime catalogue: by code, base, channel, credit rule and the day a version is in force."""

    code = django_filters.CharFilter(label=_("Code"), lookup_expr="icontains", widget=forms.TextInput(attrs=_INPUT))
    base_type = django_filters.ChoiceFilter(label=_("Base"), choices=BaseType.choices, widget=forms.Select(attrs=_SELECT))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices, widget=forms.Select(attrs=_SELECT))
    credit_rule = django_filters.ChoiceFilter(label=_("Credit rule"), choices=CreditRule.choices, widget=forms.Select(attrs=_SELECT))
    in_force_on = django_filters.DateFilter(label=_("In force on"), method="filter_in_force_on", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))

    class Meta:
        model = RuleRegime
        fields = ["code", "base_type", "channel", "credit_rule", "in_force_on"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.filter(Q(effective_from__lte=value) & (Q(effective_to__isnull=True) | Q(effective_to__gte=value)))


class BaseFigureFilterSet(django_filters.FilterSet):
    """Base figures by right, year, type and status."""

    right = django_filters.NumberFilter(label=_("Right"), field_name="right_id")
    year = django_filters.NumberFilter(label=_("Year"))
    type = django_filters.ChoiceFilter(label=_("Base type"), field_name="base_type", choices=BaseType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BaseStatus.choices)

    class Meta:
        model = BaseFigure
        fields = ["right", "year", "type", "status"]


class RightYearBalanceFilterSet(django_filters.FilterSet):
    """Balances by right, subsoil user, year (or a range of years), status, mineral group and region."""

    right = django_filters.NumberFilter(label=_("Right"), field_name="right_id")
    holder = django_filters.NumberFilter(label=_("Subsoil user"), field_name="right__holder_id")
    year = django_filters.NumberFilter(label=_("Year"))
    year_from = django_filters.NumberFilter(label=_("From year"), field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(label=_("To year"), field_name="year", lookup_expr="lte")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=YearStatus.choices)
    mineral_group = django_filters.ChoiceFilter(label=_("Mineral group"), field_name="right__mineral_group", choices=MineralGroup.choices)
    region = django_filters.ChoiceFilter(label=_("Region"), field_name="right__region", choices=Region.choices)
    regime = django_filters.CharFilter(label=_("Regime"), field_name="regime_code")

    class Meta:
        model = RightYearBalance
        fields = ["right", "holder", "year", "year_from", "year_to", "status", "mineral_group", "region", "regime"]


class LedgerEntryFilterSet(django_filters.FilterSet):
    """Ledger entries by right, year, kind, channel and date range; ``entry`` finds an entry and its reversal."""

    right = django_filters.NumberFilter(label=_("Right"), field_name="right_id")
    year = django_filters.NumberFilter(label=_("Year"), widget=forms.NumberInput(attrs=_INPUT))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices, widget=forms.Select(attrs=_SELECT))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices, widget=forms.Select(attrs=_SELECT))
    date_from = django_filters.DateFilter(label=_("From date"), field_name="entry_date", lookup_expr="gte", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))
    date_to = django_filters.DateFilter(label=_("To date"), field_name="entry_date", lookup_expr="lte", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))
    entry = django_filters.NumberFilter(label=_("Entry"), method="filter_entry", widget=forms.NumberInput(attrs=_INPUT))

    class Meta:
        model = LedgerEntry
        fields = ["right", "year", "kind", "channel", "date_from", "date_to", "entry"]

    def filter_entry(self, queryset, name, value):
        return queryset.filter(Q(pk=value) | Q(reverses_id=value))


class DashboardFilterSet(django_filters.FilterSet):
    """The dashboard's filters: mineral group and region narrow every figure; ``year`` picks the breakdowns' year."""

    year = django_filters.TypedChoiceFilter(label=_("Year"), method="keep", coerce=int, widget=forms.Select(attrs=_SELECT))
    mineral_group = django_filters.ChoiceFilter(label=_("Mineral group"), field_name="right__mineral_group", choices=MineralGroup.choices, widget=forms.Select(attrs=_SELECT))
    region = django_filters.ChoiceFilter(label=_("Region"), field_name="right__region", choices=Region.choices, widget=forms.Select(attrs=_SELECT))

    class Meta:
        model = RightYearBalance
        fields = ["year", "mineral_group", "region"]

    def __init__(self, *args, years: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in reversed(years or [])]

    def keep(self, queryset, name, value):
        return queryset
