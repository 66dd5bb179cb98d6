"""Page-number pagination without a count, for tables of millions of rows."""

from __future__ import annotations

from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from niokr.core.api import Pagination

__all__ = ["UncountedPagination"]


class UncountedPagination(Pagination):
    """``?page=N&page_size=M`` like every list, but the response has no ``count``.

    Counting the filtered rows of a national payment table costs more than the page itself; a
    page reads one row past its end to know whether a next page exists.
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="not a page number"))
        offset = (number - 1) * size
        rows = list(queryset[offset : offset + size + 1])
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="that page contains no results"))
        self.number, self.has_next = number, len(rows) > size
        return rows[:size]

    def get_next_link(self):
        if not self.has_next:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number <= 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {"type": "object", "required": ["next", "previous", "results"], "properties": {"next": link, "previous": link, "results": schema}}
