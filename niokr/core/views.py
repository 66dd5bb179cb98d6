"""The generic pages every app builds on: a scoped, filtered, sorted, paginated table with exports.

A list page names its model's ``visible_to`` queryset, its FilterSet (the same one the API uses)
and its django-tables2 table; ``?export=xlsx`` or ``?export=csv`` downloads the filtered rows
(all pages, formula-injection safe) with the table's own column headers.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from niokr.core.exports import EXPORT_FORMATS, export_response
from niokr.core.tables import BoundedRequestConfig

__all__ = ["ScopedTableView", "export_table"]

EXPORT_ROW_LIMIT = 200_000


def export_table(table, fmt: str, filename: str):
    """Download a django-tables2 ``table`` (every row, not one page) as ``fmt``."""
    columns = [c for c in table.columns if c.visible and c.name not in getattr(table.Meta, "exclude_from_export", ())]
    headers = [str(c.header) for c in columns]

    def rows():
        for n, row in enumerate(table.rows):
            if n >= EXPORT_ROW_LIMIT:
                break
            yield [_plain(row.get_cell_value(c.name), row, c) for c in columns]

    return export_response(fmt, filename=filename, headers=headers, rows=rows())


def _plain(value, row, column):
    """The cell's value for a spreadsheet: the raw field value where the column has one."""
    accessor = getattr(column, "accessor", None)
    if accessor is not None:
        try:
            raw = accessor.resolve(row.record)
        except Exception:  # noqa: BLE001 - a computed column has no field behind it
            raw = None
        if raw is not None and not hasattr(raw, "_meta") and not callable(raw):
            return raw
    text = str(value)
    return "" if text == "—" else text


class ScopedTableView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """A list page: ``model.objects.visible_to(request.user)`` → FilterSet → table → page or export.

    Subclasses set ``model``, ``filterset_class``, ``table_class``, ``template_name`` (or use
    ``core/list.html``), ``title`` and ``export_name``; they may override :meth:`get_base_queryset`.
    """

    paginate_by = 50
    template_name = "core/list.html"
    title = ""
    export_name = "export"

    def get_base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_table(self, **kwargs):
        """The table sorted and paginated from the request, the page size capped (:class:`BoundedRequestConfig`)."""
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        return BoundedRequestConfig(self.request, paginate=self.get_table_pagination(table)).configure(table)

    def paginate_queryset(self, queryset, page_size):
        # The table paginates the rows itself, within bounds; ListView's own page would count them again.
        return None, None, queryset, False

    def get_queryset(self):
        return self.get_base_queryset()

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS:
            raise Http404("unknown export format")
        self.object_list = self.get_queryset()
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else self.object_list
        table = self.get_table_class()(queryset, request=request)
        return export_table(table, fmt, self.export_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        return context
