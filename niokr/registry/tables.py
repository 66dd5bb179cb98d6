"""Tables of the registry, and the column kinds every table of the registry and the apps above it uses.

Cells render as the active language writes them (names in kk/ru/en, reference labels, money and
dates per language); an export (:func:`export_cells`) writes typed values — ``Decimal`` amounts,
dates, whole numbers — and plain text for names and labels, never markup.
"""

from __future__ import annotations

from collections.abc import Iterator

import django_tables2 as tables
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableData
from django_tables2.utils import A, OrderByTuple

from niokr.core.templatetags.niokr import day, label, localized, money, number
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "url_or_none",
    "TextColumn",
    "LabelColumn",
    "LocalizedColumn",
    "MoneyColumn",
    "NumberColumn",
    "DayColumn",
    "YearColumn",
    "StreamedRows",
    "export_cells",
    "OrganisationTable",
    "SubsoilRightTable",
]

_NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


def url_or_none(name: str, *args) -> str | None:
    """``reverse(name, args=args)``, or ``None`` where no page of that name is installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def link(url: str | None, text) -> str:
    """``text`` as a link to ``url`` (plain text when there is no page)."""
    return format_html('<a href="{}">{}</a>', url, text) if url else text


def _lang() -> str:
    return (get_language() or "ru")[:2]


class TextColumn(tables.Column):
    """Text; exported as the text the cell shows."""

    def export(self, record, accessor: A):
        """The cell's value in an export, computed straight from the record (no rendering machinery)."""
        value = accessor.resolve(record, quiet=True)
        return "" if value is None else str(value)


class TypedColumn(tables.Column):
    """A value exported as itself (number, ``Decimal``, date) and rendered per language."""

    def export(self, record, accessor: A):
        return accessor.resolve(record, quiet=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", _NUM)
        super().__init__(*args, **kwargs)


class MoneyColumn(TypedColumn):
    """An amount in tenge: ``1 234,50 ₸`` / ``₸1,234.50``."""

    def render(self, value):
        return money(value)


class NumberColumn(TypedColumn):
    """A whole number with thousands groups (``places`` decimals when given)."""

    def __init__(self, *args, places: int = 0, **kwargs):
        self.places = places
        super().__init__(*args, **kwargs)

    def render(self, value):
        return number(value, self.places)


class YearColumn(TypedColumn):
    """A year, written without thousands groups."""

    def render(self, value):
        return str(value)


class DayColumn(TypedColumn):
    """A date: ``23.02.2026`` in Kazakh and Russian, ``23 Feb 2026`` in English."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return day(value)


class LabelColumn(TextColumn):
    """A reference code shown (and exported) with its kk/ru/en label; sorted by the code."""

    def __init__(self, enum: str, *args, **kwargs):
        self.enum = enum
        super().__init__(*args, **kwargs)

    def render(self, record, bound_column):
        # The stored code, not the model's get_FOO_display() that django-tables2 would pass as value.
        return label(bound_column.accessor.resolve(record, quiet=True), self.enum)

    def export(self, record, accessor: A):
        value = accessor.resolve(record, quiet=True)
        return "" if value in (None, "") else label(value, self.enum)


class LocalizedColumn(TextColumn):
    """``<path>.<field>_<language>`` (a name or title in kk/ru/en), sorted by the active language's field.

    Args:
        path: the related object (``"payer"``, ``"agreement__performer"``); empty for the row itself.
        field: the trilingual field's stem (``"name"``, ``"title"``).
    """

    def __init__(self, *args, path: str = "", field: str = "name", **kwargs):
        self.path, self.field = path, field
        kwargs.setdefault("accessor", f"{path}__{field}_ru" if path else f"{field}_ru")
        super().__init__(*args, **kwargs)

    @property
    def order_by(self):
        prefix = f"{self.path}__" if self.path else ""
        return OrderByTuple((f"{prefix}{self.field}_{_lang()}", "pk"))

    @order_by.setter
    def order_by(self, value):
        """The order follows the active language; a fixed ``order_by`` is not accepted."""

    def target(self, record):
        """The object whose name the cell shows."""
        obj = record
        for part in self.path.split("__") if self.path else ():
            obj = getattr(obj, part, None)
        return obj

    def render(self, record):
        return localized(self.target(record), self.field)

    def export(self, record, accessor: A):
        target = self.target(record)
        return "" if target is None else localized(target, self.field)


class StreamedRows(TableData):
    """Table data for an export: the queryset is read in chunks, never held in memory whole."""

    def __iter__(self) -> Iterator:
        return self.data.iterator(chunk_size=2000)

    def __len__(self) -> int:
        return self.data.count()


def export_cells(table) -> tuple[list[str], Iterator[list]]:
    """The headers and rows of ``table`` for an XLSX/CSV export (every row of its data).

    Typed columns give their raw value (``Decimal``, ``date``, ``int``); the others give the text
    the cell shows, without markup. Columns named in ``Meta.exclude_from_export`` are left out;
    hidden columns named in ``Meta.export_only`` are written.
    Each column's ``export()`` reads the record directly: django-tables2's per-cell rendering
    would cost a second per few thousand rows.
    """
    excluded = set(getattr(table.Meta, "exclude_from_export", ()))
    export_only = set(getattr(table.Meta, "export_only", ()))
    columns = [c for c in table.columns.iterall() if (c.visible or c.name in export_only) and c.name not in excluded]
    headers = [str(c.header) for c in columns]
    getters = [(c.column.export, A(c.accessor)) if hasattr(c.column, "export") else (None, c.name) for c in columns]

    def rows():
        for row in table.rows:
            record = row.record
            yield [get(record, accessor) if get else _rendered(row, accessor) for get, accessor in getters]

    return headers, rows()


def _rendered(row, name: str) -> str:
    value = row.get_cell_value(name)
    return "" if value is None else str(value)


class OrganisationTable(tables.Table):
    """The organisation registry: name, BIN, kind, region, registration date, rights visible."""

    name = LocalizedColumn(verbose_name=_("Name"))
    bin = TextColumn(verbose_name=_("BIN"))
    kind = LabelColumn("registry.OrganisationKind", verbose_name=_("Kind"))
    region = LabelColumn("core.Region", verbose_name=_("Region"))
    registered_on = DayColumn(verbose_name=_("Registered"))
    rights_count = NumberColumn(verbose_name=_("Rights"), order_by=("rights_count", "pk"))

    class Meta:
        model = Organisation
        fields = ("name", "bin", "kind", "region", "registered_on", "rights_count")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No organisations match.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_name(self, record, column):
        return link(reverse("registry:organisation-detail", args=[record.pk]), column.render(record))


class SubsoilRightTable(tables.Table):
    """Rights: number (to the right's page), holder, mineral group, type, region, signing date, regime."""

    number = TextColumn(verbose_name=_("Number"), attrs={"td": {"class": "text-nowrap"}})
    holder = LocalizedColumn(path="holder", verbose_name=_("Holder"))
    holder_bin = TextColumn(accessor="holder__bin", verbose_name=_("Holder BIN"), order_by=("holder__bin", "pk"))
    mineral_group = LabelColumn("core.MineralGroup", verbose_name=_("Mineral group"))
    right_type = LabelColumn("core.RightType", verbose_name=_("Right type"))
    region = LabelColumn("core.Region", verbose_name=_("Region"))
    signed_on = DayColumn(verbose_name=_("Signed or issued"))
    current_regime = TextColumn(verbose_name=_("Regime in force"), order_by=("current_regime", "pk"))

    class Meta:
        model = SubsoilRight
        fields = ("number", "holder", "holder_bin", "mineral_group", "right_type", "region", "signed_on", "current_regime")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No rights match.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_number(self, record, value):
        return link(url_or_none("obligations:right-detail", record.pk), value)

    def render_holder(self, record, column):
        return link(reverse("registry:organisation-detail", args=[record.holder_id]), column.render(record))
