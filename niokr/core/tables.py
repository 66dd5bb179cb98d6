"""The table kinds every list page uses, on django-tables2's public interface.

Cells render as the active language writes them (names in kk/ru/en, reference labels, money and
dates per language); an export (:func:`export_cells`) writes typed values — ``Decimal`` amounts,
dates, whole numbers — and plain text for names and labels, never markup, reading the rows from
the database in chunks. A list page's body is written by :class:`PlainRowsTable`, without
django-tables2's per-cell template machinery.

Only django-tables2's public interface is used: ``Table`` and ``Column`` and what they document
(``render``/``value`` methods, ``order_by``, ``attrs``, ``empty_values``, ``default``,
``localize``), the bound columns and rows its own templates read (``name``, ``header``,
``accessor``, ``attrs``, ``order_by``, ``record``), ``A``, ``RequestConfig`` and the paginators.

:class:`BoundedRequestConfig` sorts and paginates a table from the request like django-tables2's
``RequestConfig``, with the page size capped (:mod:`niokr.core.paging`) and bad paging answered with
the first page or a 404, never a server error.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.http import Http404
from django.template import Context
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize as localize_filter
from django.templatetags.l10n import unlocalize
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_tables2 import A, RequestConfig

from niokr.core.paging import beyond_any_table, bounded_page_size, page_number
from niokr.core.templatetags.niokr import day, label, localized, money, number, one_language

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "BoundedRequestConfig",
    "url_or_none",
    "url_maker",
    "link",
    "PLAIN_TABLE_TEMPLATE",
    "PlainRowsTable",
    "TextColumn",
    "TypedColumn",
    "LabelColumn",
    "LocalizedColumn",
    "MoneyColumn",
    "NumberColumn",
    "DayColumn",
    "YearColumn",
    "EXPORT_CHUNK",
    "sorted_as_shown",
    "export_cells",
]

#: Rows a list page shows when the request names no page size.
DEFAULT_PAGE_SIZE = 50


class BoundedRequestConfig(RequestConfig):
    """``RequestConfig`` whose page size and page number from the request stay within bounds.

    ``?per_page=`` above ``NIOKR_MAX_PAGE_SIZE`` gives pages of that size; a size or a page number
    that is not a whole number of at least one gives the default size or the first page; a page past
    the end of the rows (or past what a database offset holds) is a 404, as in the API.
    """

    def configure(self, table):
        paginate = self.paginate
        RequestConfig(self.request, paginate=False).configure(table)  # the sort, from the request
        if not paginate:
            return table
        options = dict(paginate) if hasattr(paginate, "items") else {}
        options.pop("silent", None)
        default = options.pop("per_page", None) or DEFAULT_PAGE_SIZE
        options.pop("page", None)
        size = bounded_page_size(self.request.GET.get(table.prefixed_per_page_field), default)
        number = page_number(self.request.GET.get(table.prefixed_page_field))
        if beyond_any_table(number, size):
            raise Http404("page past the end of any table")
        try:
            table.paginate(per_page=size, page=number, **options)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(str(exc)) from exc
        return table


# A number's cell keeps to one line; its header may wrap, so a table of figures fits a laptop's width.
_NUM = {"th": {"class": "num text-wrap"}, "td": {"class": "num"}}


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


#: The ordering of a localised column by the field it sorts on (one per field and language).
_ORDERS: dict[str, object] = {}


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
        field = f"{prefix}{self.field}_{_lang()}"
        if field not in _ORDERS:
            # A column made with ``order_by`` holds the ordering django-tables2 expects, from plain names.
            _ORDERS[field] = tables.Column(order_by=(field, "pk")).order_by
        return _ORDERS[field]

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
PLAIN_TABLE_TEMPLATE = "core/_plain_table.html"
_MISSING = object()
#: What a cell's ``render`` method may ask for (django-tables2's optional cell arguments).
_CELL_ARGUMENTS = frozenset({"value", "record", "column", "bound_column", "bound_row", "table"})
#: The context a table template writes a cell in (autoescaped, localised, local time).
_CELL_CONTEXT = Context()
_PARITY = ("even", "odd")


def _signature(function) -> tuple[tuple[str, ...], str | None]:
    """The argument names of ``function`` and the name of its ``**`` catch-all, as django-tables2 reads a render method."""
    names, catch_all = [], None
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind == parameter.VAR_KEYWORD:
            catch_all = parameter.name
        elif parameter.kind != parameter.VAR_POSITIONAL:
            names.append(parameter.name)
    return tuple(names), catch_all


def _model_field(record, bits: tuple[str, ...]):
    """The model field at the end of ``bits`` from ``record``'s model (``None`` where there is none)."""
    model = type(record)
    field = None
    for bit in bits:
        meta = getattr(model, "_meta", None)
        if meta is None:
            return None
        try:
            field = meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field


class _ColumnWriter:
    """How one column writes its cells, with everything that does not depend on the row worked out once.

    The same steps as django-tables2's cell rendering and its template, through the table's and
    the column's public interface: the accessor's value (a choices field's display text), the
    column's default for an empty value, the table's ``render_<name>`` or the column's ``render``
    called with the arguments it names, and the value localised and escaped as ``{{ cell }}``
    writes it. A linked column (``linkify``) is not written here: link in ``render_<name>``.
    """

    def __init__(self, table: tables.Table, bound_column):
        column = bound_column.column
        declared = {**table.attrs, **column.attrs}
        if any(callable(v) for v in declared.get("td", declared.get("cell", {})).values()):
            raise ImproperlyConfigured(f"{type(table).__name__}.{bound_column.name}: a plain-rows table needs cell attributes that do not depend on the row")
        if getattr(column, "link", None):
            raise ImproperlyConfigured(f"{type(table).__name__}.{bound_column.name}: a plain-rows table links in render_{bound_column.name}, not with linkify")
        self.table = table
        self.bound_column = bound_column
        self.column = column
        self.opening = f"<td {bound_column.attrs['td'].as_html()}>"
        self.accessor = A(bound_column.accessor)
        self.bits = tuple(str(bound_column.accessor).replace("__", ".").split("."))
        default = column.default if column.default is not None else table.default
        self.default = default
        self.render = getattr(table, f"render_{bound_column.name}", column.render)
        wanted, catch_all = _signature(self.render)
        self.arguments = None if catch_all else wanted
        # django-tables2 leaves the cell empty (None) when the method asks for an argument it does not have.
        self.renders = catch_all is not None or _CELL_ARGUMENTS.issuperset(wanted)
        self.wants_value = catch_all is not None or "value" in wanted
        self.display: bool | None = None  # whether the value is a choices field's display text (known at the first row)
        self.localize = column.localize

    def _shows_display(self, record) -> bool:
        """Whether the cell's value is a choices field's display text, as django-tables2 makes it.

        A render method that does not take the value (``LabelColumn``: it reads the stored code)
        only needs to know whether the value is empty; the display text is empty exactly when the
        stored code is, unless a choice has an empty label, so the code is used and the display
        text (a translated label looked up per cell) is not made.
        """
        field = _model_field(record, self.bits)
        choices = getattr(field, "flatchoices", None) if getattr(field, "choices", None) else None
        if not choices:
            return False
        return self.wants_value or any(str(text) == "" for _code, text in choices)

    def value(self, record):
        if self.display is None:
            self.display = self._shows_display(record)
        if self.display:
            holder = record
            for bit in self.bits[:-1]:
                holder = getattr(holder, bit, None)
            shown = getattr(holder, f"get_{self.bits[-1]}_display", None) if isinstance(holder, models.Model) else None
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
        """The ``<tr>`` rows of the table's body (this page's rows); empty when there are none.

        A table without rows shows one line saying so and why (``core/_empty_row.html``).
        """
        if self.row_attrs:
            raise ImproperlyConfigured(f"{type(self).__name__}: a plain-rows table has no row attributes")
        writers = [_ColumnWriter(self, column) for column in self.columns]
        # A row's only attribute is django-tables2's class: "even" for the first row of a page, then "odd", ….
        with one_language():
            rows = [f'<tr class="{_PARITY[n % 2]}">{"".join([w.cell(row) for w in writers])}</tr>' for n, row in enumerate(self.paginated_rows)]
        return mark_safe("".join(rows))  # noqa: S308 - every cell is escaped by render_value_in_context


#: Rows read from the database at a time by an export.
EXPORT_CHUNK = 2000


def sorted_as_shown(table, queryset):
    """``queryset`` in the order ``table`` shows its rows (the sort the request picked, else the queryset's own).

    The order comes from the table's ``order_by`` (what ``RequestConfig`` set from the request) and
    each sorted column's ``order_by`` accessors, as django-tables2 sorts a queryset.
    """
    fields = []
    for alias in table.order_by or ():
        name = str(alias).lstrip("-")
        if name not in table.columns:
            continue
        for accessor in table.columns[name].order_by:  # already reversed for a descending sort
            accessor = str(accessor)
            fields.append(("-" if accessor.startswith("-") else "") + accessor.lstrip("-").replace(".", "__"))
    return queryset.order_by(*fields) if fields else queryset


def export_cells(table, records: Iterable | None = None) -> tuple[list[str], Iterator[list]]:
    """The headers and rows of ``table`` for an XLSX/CSV export.

    ``records`` are the rows to write (an ordered queryset is read in chunks of
    :data:`EXPORT_CHUNK`, never held in memory whole); without it, the table's own rows.
    Typed columns give their raw value (``Decimal``, ``date``, ``int``); the others give the text
    the cell shows, without markup. Columns named in ``Meta.exclude_from_export`` are left out;
    hidden columns named in ``Meta.export_only`` are written.
    Each column's ``export()`` reads the record directly: django-tables2's per-cell rendering
    would cost a second per few thousand rows. A column without one gives its ``value()`` (or the
    table's ``value_<name>``/``render_<name>``), as django-tables2's own export does.
    """
    excluded = set(getattr(table.Meta, "exclude_from_export", ()))
    export_only = set(getattr(table.Meta, "export_only", ()))
    columns = [c for c in table.columns.iterall() if (c.visible or c.name in export_only) and c.name not in excluded]
    headers = [str(c.header) for c in columns]
    getters = [_exporter(table, c) for c in columns]
    if records is None:
        records = (row.record for row in table.rows)
    elif isinstance(records, models.QuerySet):
        records = records.iterator(chunk_size=EXPORT_CHUNK)

    def rows():
        with one_language():
            for record in records:
                yield [get(record) for get in getters]

    return headers, rows()


class _ExportAccessor(A):
    """``A`` whose ``resolve`` walks plain attributes at once (the steps worked out once per column).

    An export reads every cell of every row: django-tables2's ``Accessor.resolve`` splits the path
    and tries ``[]`` before each attribute on every call. A model instance has no ``[]``, so its
    attributes are read directly; anything else (a mapping, a method, a missing attribute) takes
    ``Accessor.resolve`` itself.
    """

    def __new__(cls, value):
        instance = super().__new__(cls, value)
        instance.steps = tuple(str(value).replace("__", ".").split("."))
        return instance

    def resolve(self, context, safe=True, quiet=False):
        current = context
        for step in self.steps:
            if current is None:
                return None
            if hasattr(type(current), "__getitem__"):
                return super().resolve(context, safe=safe, quiet=quiet)
            current = getattr(current, step, _MISSING)
            if current is _MISSING or callable(current):
                return super().resolve(context, safe=safe, quiet=quiet)
        return current


def _exporter(table, bound_column) -> Callable[[object], object]:
    """How a column gives a record's value in an export.

    A column kind of this module says itself (``export``). Another column gives the table's
    ``value_<name>`` where there is one, else the field's own value where it is a plain one (a
    number, a date, text), else the text its ``render_<name>`` or ``value`` shows, without markup.
    """
    column, accessor = bound_column.column, _ExportAccessor(bound_column.accessor)
    if hasattr(column, "export"):
        return lambda record: column.export(record, accessor)
    explicit = getattr(table, f"value_{bound_column.name}", None)
    method = explicit or getattr(table, f"render_{bound_column.name}", None) or column.value
    wanted, catch_all = _signature(method)

    def shown(record, raw):
        available = {"value": raw, "record": record, "column": column, "bound_column": bound_column, "bound_row": None, "table": table}
        if catch_all is None:
            if any(name not in available for name in wanted):
                return ""
            available = {name: available[name] for name in wanted}
        text = method(**available)
        if text is None:
            return ""
        if isinstance(text, (bool, int, float, Decimal, date)):
            return text
        text = strip_tags(str(text))
        return "" if text == "—" else text

    def value(record):
        try:
            raw = accessor.resolve(record)
        except Exception:  # noqa: BLE001 - a computed column has no field behind it
            raw = None
        if raw in column.empty_values:
            return "" if explicit is None else shown(record, raw)
        if explicit is None and not hasattr(raw, "_meta") and not callable(raw):
            return raw
        return shown(record, raw)

    return value
