"""The table kinds every list page uses, on django-tables2's public API.

:class:`BoundedRequestConfig` sorts and paginates a table from the request like django-tables2's
``RequestConfig``, with the page size capped (:mod:`niokr.core.paging`) and bad paging answered with
the first page or a 404, never a server error.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404
from django_tables2 import RequestConfig

from niokr.core.paging import beyond_any_table, bounded_page_size, page_number

__all__ = ["DEFAULT_PAGE_SIZE", "BoundedRequestConfig"]

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
