"""The filter kinds every list page and API list uses, on django-filter's and Django's public interface.

:class:`PageFilterSet` is the base of every FilterSet of the apps: it gives the form Bootstrap
classes, ISO date inputs and choice labels in the active language (from ``core.reference``, the
same labels the tables show), and its form is written by :class:`PlainWidgets` (a Django form
renderer) rather than a template per widget and per option. One FilterSet serves the page and the
API.
"""

from __future__ import annotations

from collections.abc import Callable

import django_filters
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from niokr.core.reference import label

__all__ = ["ANY", "PlainWidgets", "PLAIN_WIDGETS", "PlainWidgetsFilterSet", "PageFilterSet", "IntegerFilter", "SearchFilter", "ID_BOUNDS", "YEAR_BOUNDS", "is_filtered", "labelled_choices"]


#: The empty choice of a select filter.
ANY = _("Any")


def labelled_choices(enum) -> Callable[[], list[tuple[str, str]]]:
    """Choices of a ``TextChoices`` enum with the ``core.reference`` labels of the active language."""

    def choices() -> list[tuple[str, str]]:
        return sorted(((value, label(value, enum=enum)) for value in enum.values), key=lambda pair: pair[1])

    return choices


def _attributes(attrs: dict) -> str:
    """HTML attributes as ``django/forms/widgets/attrs.html`` writes them (``False`` left out, ``True`` bare)."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{escape("%s" % (value,))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html`` (the file's own line end included)."""
    value = "" if widget["value"] is None else f' value="{escape("%s" % (widget["value"],))}"'
    return f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}{_attributes(widget["attrs"])}>\n'


def _select(widget: dict) -> str:
    """``django/forms/widgets/select.html`` with its ``select_option.html`` per option."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            value = escape("%s" % (option["value"],))
            parts.append(f'\n  <option value="{value}"{_attributes(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _range(widget: dict) -> str:
    """django-filters' ``multiwidget.html``: the two inputs of a range with a hyphen between them."""
    return "".join(_WRITERS[sub["template_name"]](sub) + ("-" if n == 0 else "") for n, sub in enumerate(widget["subwidgets"])) + "\n"


#: The widget templates written in Python, by template name (an input type's template includes
#: ``input.html`` and ends a line of its own).
_WRITERS: dict[str, Callable[[dict], str]] = {
    **{f"django/forms/widgets/{kind}.html": (lambda widget: _input(widget) + "\n") for kind in ("text", "number", "date", "hidden")},
    "django/forms/widgets/select.html": _select,
    "django_filters/widgets/multiwidget.html": _range,
}


class PlainWidgets(DjangoTemplates):
    """A form renderer that writes text, number, date and hidden inputs, selects and ranges in Python.

    Django renders every widget through templates, a ``<select>`` with one included template per
    ``<option>``: a filter form spends milliseconds of each list page on it. These widgets are
    written with the same markup from the same widget context (names, ids, values, which option
    is selected); any other widget keeps its template.
    """

    def render(self, template_name, context, request=None):
        write = _WRITERS.get(template_name)
        if write is None:
            return super().render(template_name, context, request)
        return write(context["widget"]).strip()


#: The renderer of the filter forms.
PLAIN_WIDGETS = PlainWidgets()


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


class PlainWidgetsFilterSet(django_filters.FilterSet):
    """A FilterSet whose form is written by :class:`PlainWidgets` (the API never renders it)."""

    @property
    def form(self):
        form = super().form
        form.renderer = PLAIN_WIDGETS
        return form


class PageFilterSet(PlainWidgetsFilterSet):
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
