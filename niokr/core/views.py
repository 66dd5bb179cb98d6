"""The generic pages every app builds on: a scoped, filtered, sorted, paginated table with exports.

A list page names its model's ``visible_to`` queryset, its FilterSet (the same one the API uses)
and its django-tables2 table; ``?export=xlsx`` or ``?export=csv`` downloads every filtered row
(all pages, in the page's order, formula-injection safe) with the table's own column headers: the
CSV streamed, the XLSX up to ``NIOKR_EXPORT_XLSX_MAX_ROWS`` rows (:mod:`niokr.core.exports`).
:class:`ListPage` is the list page of the registry and of the apps above it, rendered by
``core/list.html`` and its parts (``core/_table.html``, ``core/_filters.html``, ``core/_export_links.html``).

:func:`favicon` answers ``/favicon.ico``, which browsers and tools ask for on pages that name no icon.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, RequestConfig, SingleTableMixin

from niokr.core import favicon as icon
from niokr.core.exports import EXPORT_FORMATS, export_response
from niokr.core.filtersets import is_filtered
from niokr.core.tables import BoundedRequestConfig, export_cells, sorted_as_shown

__all__ = ["ListPage", "ScopedTableView", "export_table", "favicon"]


@require_safe
def favicon(request):
    """The site's icon as an ICO file (:mod:`niokr.core.favicon`), for anyone, signed in or not."""
    return HttpResponse(icon.ico(), content_type="image/x-icon")


def export_table(table, fmt: str, filename: str, *, request=None):
    """Download a django-tables2 ``table`` (every row, not one page) as ``fmt`` (:func:`niokr.core.tables.export_cells`)."""
    headers, rows = export_cells(table)
    return export_response(fmt, filename=filename, headers=headers, rows=rows, request=request)


class ScopedTableView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """A list page: ``model.objects.visible_to(request.user)`` → FilterSet → table → page or export.

    Subclasses set ``model``, ``filterset_class``, ``table_class``, ``template_name`` (or use
    ``core/list.html``), ``title`` and ``export_name``; they may override :meth:`get_base_queryset`.
    """

    paginate_by = 50
    template_name = "core/list.html"
    title = ""
    export_name = "export"
    #: Whether the page shows its filter form (a detail page that lists rows of one object does not).
    show_filters = True

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
        return self.export(fmt)

    def export(self, fmt: str):
        """Every filtered row, in the order the page shows them, read from the database in chunks."""
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
        queryset = self.export_queryset(queryset, filterset)
        table = RequestConfig(self.request, paginate=False).configure(self.get_table_class()(queryset, **self.get_table_kwargs()))
        headers, rows = export_cells(table, sorted_as_shown(table, queryset))
        return export_response(fmt, filename=self.get_export_name(), headers=headers, rows=rows, request=self.request)

    def export_queryset(self, queryset, filterset):
        """The filtered rows an export writes, before the sort the request picked."""
        return queryset

    def get_export_name(self) -> str:
        return self.export_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        query = self.request.GET.copy()
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        context["show_filters"] = self.show_filters
        # The filter form carries the sort, so filtering keeps the order the user picked.
        context["sort"] = self.request.GET.get("sort", "")
        return context


class ListPage(ScopedTableView):
    """A scoped, filtered, sorted, paginated table with XLSX/CSV export of the filtered rows.

    Subclasses set ``model``, ``filterset_class``, ``table_class``, ``title`` and ``export_name``
    and may override :meth:`get_base_queryset` and :meth:`order_rows`; their tables take the
    ``user`` (columns and links depend on what the user may see). ``paginator_class = LazyPaginator``
    avoids any count of the rows (for the tables of millions); otherwise the page shows the count.
    """

    def get_table_kwargs(self):
        return {"user": self.request.user}

    def order_rows(self, queryset, *, filtered: bool):
        """The default order of the (filtered) rows; a sort the user picks replaces it."""
        return queryset

    def get_table_data(self):
        return self.order_rows(self.object_list, filtered=is_filtered(self.filterset))

    def export_queryset(self, queryset, filterset):
        return self.order_rows(queryset, filtered=is_filtered(filterset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counted"] = not issubclass(self.paginator_class, LazyPaginator)
        return context
