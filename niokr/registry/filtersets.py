"""Filters of the registry: one FilterSet per model serves the page and the API.

:class:`PageFilterSet` is the base of every FilterSet of the registry and the apps above it: it
gives the form Bootstrap classes, ISO date inputs and choice labels in the active language (from
``core.reference``, the same labels the tables show).
"""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from niokr.core.choices import MineralGroup, Region, RightType
from niokr.core.reference import label
from niokr.registry.choices import AttributeKind, OrganisationKind
from niokr.registry.models import Organisation, SubsoilRight
from niokr.registry.querysets import regime_codes

__all__ = ["ANY", "PageFilterSet", "IntegerFilter", "ID_BOUNDS", "YEAR_BOUNDS", "is_filtered", "labelled_choices", "OrganisationFilterSet", "SubsoilRightFilterSet"]


#: The empty choice of a select filter.
ANY = _("Any")


def labelled_choices(enum) -> Callable[[], list[tuple[str, str]]]:
    """Choices of a ``TextChoices`` enum with the ``core.reference`` labels of the active language."""

    def choices() -> list[tuple[str, str]]:
        return sorted(((value, label(value, enum=enum)) for value in enum.values), key=lambda pair: pair[1])

    return choices


def _style(widget: forms.Widget) -> None:
    if isinstance(widget, forms.MultiWidget):
        for sub, placeholder in zip(widget.widgets, (_("from"), _("to"))):
            if isinstance(widget, DateRangeWidget):
                sub.input_type = "date"
            else:
                sub.attrs["placeholder"] = placeholder
            _style(sub)
            sub.attrs["class"] += " d-inline-block w-auto"
        return
    if isinstance(widget, forms.HiddenInput):
        return
    if isinstance(widget, forms.DateInput):
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    css = "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
    widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def is_filtered(filterset) -> bool:
    """Whether the request narrows the rows with at least one valid filter value."""
    if not filterset.is_bound or not filterset.is_valid():
        return False
    return any(value not in (None, "", [], ()) for value in filterset.form.cleaned_data.values())


class PageFilterSet(django_filters.FilterSet):
    """A FilterSet whose form renders with Bootstrap classes (the API ignores the widgets)."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                _style(field.widget)
            form._styled = True
        return form


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """A whole number within bounds (``min_value``/``max_value``): ids, years."""

    field_class = forms.IntegerField


#: The bounds of an id (a database ``bigint``).
ID_BOUNDS = {"min_value": 1, "max_value": 2**63 - 1}
#: The bounds of a calendar year the database can compare dates with.
YEAR_BOUNDS = {"min_value": 1, "max_value": 9999}


class SearchFilter(django_filters.CharFilter):
    """Free-text search through the queryset's own ``search()`` method."""

    def filter(self, qs, value):
        return qs.search(value) if value else qs


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
    regime = django_filters.CharFilter(label=_("Regime in force"), method="filter_regime", widget=forms.Select(choices=lambda: [("", ANY)] + [(code, code) for code in regime_codes()]))
    holder = IntegerFilter(field_name="holder_id", label=_("Holder"), widget=forms.HiddenInput, **ID_BOUNDS)

    class Meta:
        model = SubsoilRight
        fields = ["q", "mineral_group", "right_type", "region", "regime", "holder"]

    def filter_regime(self, qs, name, value: str):
        return qs.under_regime(value)
