"""Filters of the registry: one FilterSet per model serves the page and the API.

The filter kinds and the FilterSet base they build on are :mod:`niokr.core.filtersets`.
"""

from __future__ import annotations

import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import MineralGroup, Region, RightType
from niokr.core.filtersets import ANY, ID_BOUNDS, IntegerFilter, PageFilterSet, SearchFilter, labelled_choices
from niokr.registry.choices import AttributeKind, OrganisationKind
from niokr.registry.models import Organisation, SubsoilRight
from niokr.registry.querysets import regime_codes
from niokr.registry.regimes import regime_choices

__all__ = ["OrganisationFilterSet", "SubsoilRightFilterSet"]


class OrganisationFilterSet(PageFilterSet):
    """Search by BIN or name; kind, region, status held today, mineral group of rights held."""

    q = SearchFilter(label=_("BIN or name"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=labelled_choices(OrganisationKind), empty_label=ANY)
    region = django_filters.ChoiceFilter(label=_("Region"), choices=labelled_choices(Region), empty_label=ANY)
    attribute = django_filters.ChoiceFilter(label=_("Status held"), choices=labelled_choices(AttributeKind), empty_label=ANY, method="filter_attribute")
    mineral_group = django_filters.ChoiceFilter(label=_("Holds rights in"), choices=labelled_choices(MineralGroup), empty_label=ANY, method="filter_mineral_group")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "region", "attribute", "mineral_group"]

    def filter_attribute(self, qs, name, value: str):
        return qs.holding(value)

    def filter_mineral_group(self, qs, name, value: str):
        return qs.holding_rights_of([value])


class SubsoilRightFilterSet(PageFilterSet):
    """Search by number or holder (BIN or name); mineral group, right type, region, regime in force."""

    q = SearchFilter(label=_("Number, holder BIN or name"))
    mineral_group = django_filters.ChoiceFilter(label=_("Mineral group"), choices=labelled_choices(MineralGroup), empty_label=ANY)
    right_type = django_filters.ChoiceFilter(label=_("Right type"), choices=labelled_choices(RightType), empty_label=ANY)
    region = django_filters.ChoiceFilter(label=_("Region"), choices=labelled_choices(Region), empty_label=ANY)
    # A code filter with a select of the codes in use: the API schema stays independent of the data.
    regime = django_filters.CharFilter(label=_("Regime in force"), method="filter_regime", widget=forms.Select(choices=lambda: [("", ANY)] + regime_choices(regime_codes())))
    holder = IntegerFilter(field_name="holder_id", label=_("Holder"), widget=forms.HiddenInput, **ID_BOUNDS)

    class Meta:
        model = SubsoilRight
        fields = ["q", "mineral_group", "right_type", "region", "regime", "holder"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The codes are read from the database once per form: a select reads its choices more than once as it renders.
        # Each is shown by the regime's name; the value sent (and the API's parameter) stays the code.
        codes = functools.cache(lambda: [("", ANY)] + regime_choices(regime_codes()))
        self.filters["regime"].extra["widget"] = forms.Select(choices=codes)

    def filter_regime(self, qs, name, value: str):
        return qs.under_regime(value)
