"""One FilterSet per model: the same filters serve the pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import MineralGroup, Region
from niokr.core.filtersets import ANY, PlainWidgetsFilterSet, labelled_choices
from niokr.obligations.choices import BaseStatus, BaseType, Channel, CreditRule, EntryKind, YearStatus
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime
from niokr.registry.regimes import regime_choices

__all__ = ["RuleRegimeFilterSet", "BaseFigureFilterSet", "RightYearBalanceFilterSet", "LedgerEntryFilterSet", "DashboardFilterSet"]

# Bounds of the integer filters: an id fits a 64-bit key, a year four digits; a value outside is a
# form error (400 in the API) rather than a number the database cannot hold.
MAX_ID = 2**63 - 1
YEAR_BOUNDS = {"min_value": 1, "max_value": 9999}
ID_BOUNDS = {"min_value": 1, "max_value": MAX_ID}

_SELECT = {"class": "form-select form-select-sm"}
_INPUT = {"class": "form-control form-control-sm"}


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (an id, a year): ``NumberFilter`` would accept any decimal."""

    field_class = forms.IntegerField


def _regime_codes() -> list[tuple[str, str]]:
    """The regime select: "any", then every code of the catalogue by its name."""
    return [("", ANY)] + regime_choices(RuleRegime.objects.order_by().values_list("code", flat=True).distinct())


class RuleRegimeFilterSet(django_filters.FilterSet):
    """The regime catalogue: by regime (chosen by name; ``code`` also takes part of a code), base, channel, credit rule and the day a version is in force."""

    code = django_filters.CharFilter(label=_("Regime"), lookup_expr="icontains", widget=forms.Select(attrs=_SELECT, choices=_regime_codes))
    base_type = django_filters.ChoiceFilter(label=_("Base"), choices=labelled_choices(BaseType), empty_label=ANY, widget=forms.Select(attrs=_SELECT))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=labelled_choices(Channel), empty_label=ANY, widget=forms.Select(attrs=_SELECT))
    credit_rule = django_filters.ChoiceFilter(label=_("Credit rule"), choices=labelled_choices(CreditRule), empty_label=ANY, widget=forms.Select(attrs=_SELECT))
    in_force_on = django_filters.DateFilter(label=_("In force on"), method="filter_in_force_on", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))

    class Meta:
        model = RuleRegime
        fields = ["code", "base_type", "channel", "credit_rule", "in_force_on"]

    def filter_in_force_on(self, queryset, name, value):
        return queryset.filter(Q(effective_from__lte=value) & (Q(effective_to__isnull=True) | Q(effective_to__gte=value)))


class BaseFigureFilterSet(django_filters.FilterSet):
    """Base figures by right, year, type and status."""

    right = IntegerFilter(label=_("Right"), field_name="right_id", **ID_BOUNDS)
    year = IntegerFilter(label=_("Year"), **YEAR_BOUNDS)
    type = django_filters.ChoiceFilter(label=_("Base type"), field_name="base_type", choices=BaseType.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BaseStatus.choices)

    class Meta:
        model = BaseFigure
        fields = ["right", "year", "type", "status"]


class RightYearBalanceFilterSet(django_filters.FilterSet):
    """Balances by right, subsoil user, year (or a range of years), status, mineral group and region."""

    right = IntegerFilter(label=_("Right"), field_name="right_id", **ID_BOUNDS)
    holder = IntegerFilter(label=_("Subsoil user"), field_name="right__holder_id", **ID_BOUNDS)
    year = IntegerFilter(label=_("Year"), **YEAR_BOUNDS)
    year_from = IntegerFilter(label=_("From year"), field_name="year", lookup_expr="gte", **YEAR_BOUNDS)
    year_to = IntegerFilter(label=_("To year"), field_name="year", lookup_expr="lte", **YEAR_BOUNDS)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=YearStatus.choices)
    mineral_group = django_filters.ChoiceFilter(label=_("Mineral group"), field_name="right__mineral_group", choices=MineralGroup.choices)
    region = django_filters.ChoiceFilter(label=_("Region"), field_name="right__region", choices=Region.choices)
    regime = django_filters.CharFilter(label=_("Regime"), field_name="regime_code")

    class Meta:
        model = RightYearBalance
        fields = ["right", "holder", "year", "year_from", "year_to", "status", "mineral_group", "region", "regime"]


class LedgerEntryFilterSet(PlainWidgetsFilterSet):
    """Ledger entries by right, year, kind, channel and date range; ``entry`` finds an entry and its reversal."""

    right = IntegerFilter(label=_("Right"), field_name="right_id", **ID_BOUNDS)
    year = IntegerFilter(label=_("Year"), widget=forms.NumberInput(attrs=_INPUT), **YEAR_BOUNDS)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=labelled_choices(EntryKind), empty_label=ANY, widget=forms.Select(attrs=_SELECT))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=labelled_choices(Channel), empty_label=ANY, widget=forms.Select(attrs=_SELECT))
    date_from = django_filters.DateFilter(label=_("From date"), field_name="entry_date", lookup_expr="gte", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))
    date_to = django_filters.DateFilter(label=_("To date"), field_name="entry_date", lookup_expr="lte", widget=forms.DateInput(attrs={**_INPUT, "type": "date"}))
    # Set by the links between an entry and its reversal; not a field a person types (ids are not shown).
    entry = IntegerFilter(label=_("Entry"), method="filter_entry", widget=forms.HiddenInput, **ID_BOUNDS)

    class Meta:
        model = LedgerEntry
        fields = ["right", "year", "kind", "channel", "date_from", "date_to", "entry"]

    def filter_entry(self, queryset, name, value):
        return queryset.filter(Q(pk=value) | Q(reverses_id=value))


class DashboardFilterSet(PlainWidgetsFilterSet):
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
