"""Tables of the registry, and the table and column kinds every table of the registry and the apps above it uses.

Cells render as the active language writes them (names in kk/ru/en, reference labels, money and
dates per language); an export (:func:`export_cells`) writes typed values — ``Decimal`` amounts,
dates, whole numbers — and plain text for names and labels, never markup.
A list page's body is written by :class:`PlainRowsTable`, without django-tables2's per-cell
template machinery.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator

import django_tables2 as tables
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.template import Context
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize as localize_filter
from django.templatetags.l10n import unlocalize
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableData
from django_tables2.utils import A, OrderByTuple, signature

from niokr.core.templatetags.niokr import day, label, localized, money, number, one_language
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "url_or_none",
    "url_maker",
    "PLAIN_TABLE_TEMPLATE",
    "PlainRowsTable",
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


#: A number that stands for the object's id in :func:`url_maker`; no URL prefix contains it.
_ID_MARK = 8_914_602_537_186_093_271


def url_maker(name: str) -> Callable[[object], str] | None:
    """``pk → reverse(name, args=[pk])`` at the cost of one ``reverse()``, or ``None`` where no page of that name is installed.

    A table links every row to a page of the same name; ``reverse()`` walks the URL resolver each
    time. The URL of an integer id is the URL of any other id with that id put in its place, so the
    URL is reversed once with a marker and the marker replaced. Make one per request: the URL
    carries the request's script prefix.
    """
    try:
        sample = reverse(name, args=[_ID_MARK])
    except NoReverseMatch:
        return None
    head, _mark, tail = sample.rpartition(str(_ID_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def link(url: str | None, text) -> str:
    """``text`` as a link to ``url`` (plain text when there is no page).

    ``format_html('<a href="{}">{}</a>', url, text)``, written out: a table makes hundreds per page.
    """
    if not url:
        return text
    return SafeString(f'<a href="{_escaped(url)}">{_escaped(text)}</a>')


def _escaped(text) -> str:
    """``conditional_escape(text)`` without its check for lazy arguments on every call."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))  # what django.utils.html.escape does


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


#: The template of :class:`PlainRowsTable`: django-tables2's Bootstrap 5 table with the body written in Python.
PLAIN_TABLE_TEMPLATE = "registry/_plain_table.html"
_MISSING = object()
#: What a cell's ``render`` method may ask for (django-tables2's optional cell arguments).
_CELL_ARGUMENTS = frozenset({"value", "record", "column", "bound_column", "bound_row", "table"})
#: The context a table template writes a cell in (autoescaped, localised, local time).
_CELL_CONTEXT = Context()


class _ColumnWriter:
    """How one column writes its cells, with everything that does not depend on the row worked out once.

    The same steps as django-tables2's ``BoundRow.get_cell`` and its template: the accessor's value
    (a choices field's display text), the column's default for an empty value, the
    ``render_<name>`` or ``Column.render`` method called with the arguments it names, the column's
    link, and the value localised and escaped as ``{{ cell }}`` writes it.
    """

    def __init__(self, table: tables.Table, bound_column):
        column = bound_column.column
        declared = {**table.attrs, **column.attrs}
        if any(callable(v) for v in declared.get("td", declared.get("cell", {})).values()):
            raise ImproperlyConfigured(f"{type(table).__name__}.{bound_column.name}: a plain-rows table needs cell attributes that do not depend on the row")
        self.table = table
        self.bound_column = bound_column
        self.column = column
        self.opening = f"<td {bound_column.attrs['td'].as_html()}>"
        self.accessor = A(bound_column.accessor)
        self.bits = self.accessor.bits
        self.default = bound_column.default
        self.render = bound_column.render
        wanted, catch_all = signature(self.render)
        self.arguments = None if catch_all else tuple(wanted)
        # django-tables2 leaves the cell empty (None) when the method asks for an argument it does not have.
        self.renders = catch_all is not None or _CELL_ARGUMENTS.issuperset(wanted)
        self.wants_value = catch_all is not None or "value" in wanted or bool(bound_column.link)
        self.display: bool | None = None  # whether the value is a choices field's display text (known at the first row)
        self.localize = bound_column.localize

    def _shows_display(self, record) -> bool:
        """Whether the cell's value is a choices field's display text, as django-tables2 makes it.

        A render method that does not take the value (``LabelColumn``: it reads the stored code)
        only needs to know whether the value is empty; the display text is empty exactly when the
        stored code is, unless a choice has an empty label, so the code is used and the display
        text (a translated label looked up per cell) is not made.
        """
        field = self.accessor.get_field(record)
        choices = getattr(field, "flatchoices", None) if getattr(field, "choices", None) else None
        if not choices:
            return False
        return self.wants_value or any(str(text) == "" for _code, text in choices)

    def value(self, record):
        if self.display is None:
            self.display = self._shows_display(record)
        if self.display:
            holder, name = self.accessor.penultimate(record)
            shown = getattr(holder, f"get_{name}_display", None) if isinstance(holder, models.Model) else None
            if shown is not None:
                return shown()
        current = record
        for bit in self.bits:
            # django-tables2 tries ``current[bit]`` first and reads the attribute when that fails; a
            # model instance has no ``[]``, so the attribute is read at once. Anything else (a
            # mapping, a method to call, a missing attribute) takes django-tables2's own path.
            if hasattr(type(current), "__getitem__"):
                return self._resolve(record)
            current = getattr(current, bit, _MISSING)
            if current is _MISSING or callable(current):
                return self._resolve(record)
            if current is None:
                break
        return current

    def _resolve(self, record):
        try:
            return self.accessor.resolve(record)
        except Exception:  # noqa: BLE001 - as django-tables2: a column without a field behind it shows its default
            return None

    def cell(self, row) -> str:
        """The ``<td>`` of ``row`` in this column."""
        record = row.record
        value = self.value(record)
        if value in self.column.empty_values:
            content = self.default
        else:
            available = {"value": value, "record": record, "column": self.column, "bound_column": self.bound_column, "bound_row": row, "table": self.table}
            content = None
            if self.renders:
                content = self.render(**(available if self.arguments is None else {name: available[name] for name in self.arguments}))
            if self.bound_column.link:
                content = self.bound_column.link(content, **available)
        if self.localize is True:
            content = localize_filter(content)
        elif self.localize is False:
            content = unlocalize(content)
        if type(content) is SafeString:
            return self.opening + content + "</td>"
        if type(content) is str:
            return self.opening + html.escape(content) + "</td>"  # what django.utils.html.escape does
        return self.opening + render_value_in_context(content, _CELL_CONTEXT) + "</td>"


class PlainRowsTable(tables.Table):
    """A django-tables2 table whose body rows are written in Python, without a template per cell.

    django-tables2 renders each cell through ``inspect.signature``, attribute dictionaries and a
    template node: on a page of 50 rows by a dozen columns that is most of the page's time. Here the
    header, the sorting links and the pagination stay django-tables2's, and :attr:`body_html` writes
    the rows with the same result (see :class:`_ColumnWriter`). Cell attributes must not depend on
    the row. Links to other pages are made with :meth:`url`, one ``reverse()`` per page and name.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("template_name", PLAIN_TABLE_TEMPLATE)
        super().__init__(*args, **kwargs)
        self._urls: dict[str, Callable[[object], str] | None] = {}

    def url(self, name: str, pk) -> str | None:
        """``reverse(name, args=[pk])``, or ``None`` where no page of that name is installed."""
        if name not in self._urls:
            self._urls[name] = url_maker(name)
        make = self._urls[name]
        return make(pk) if make else None

    @property
    def body_html(self) -> SafeString:
        """The ``<tr>`` rows of the table's body (this page's rows), or the empty text."""
        writers = [_ColumnWriter(self, column) for column in self.columns]
        # Without row attributes a row's only attribute is django-tables2's even/odd class.
        opening = (lambda row: f'<tr class="{row.get_even_odd_css_class()}">') if not self.row_attrs else (lambda row: f"<tr {row.attrs.as_html()}>")
        with one_language():
            rows = [f"{opening(row)}{''.join([w.cell(row) for w in writers])}</tr>" for row in self.paginated_rows]
        if not rows and self.empty_text:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(writers), self.empty_text)
        return mark_safe("".join(rows))  # noqa: S308 - every cell is escaped by render_value_in_context


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


class OrganisationTable(PlainRowsTable):
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
        return link(self.url("registry:organisation-detail", record.pk), column.render(record))


class SubsoilRightTable(PlainRowsTable):
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
        return link(self.url("obligations:right-detail", record.pk), value)

    def render_holder(self, record, column):
        return link(self.url("registry:organisation-detail", record.holder_id), column.render(record))
