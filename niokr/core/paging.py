"""Page sizes and page numbers from a request, within bounds (the web lists and the API alike).

A page size comes from the client (``?per_page=`` on a page, ``?page_size=`` in the API); one
setting, ``NIOKR_MAX_PAGE_SIZE`` (500 by default), caps both, so a request cannot make a page of a
national table read every row. A page number that is not a whole number of at least one means the
first page; a page so far past the end that its offset would not fit a database's 64-bit
``OFFSET`` is past any table's end.
"""

from __future__ import annotations

from django.conf import settings

__all__ = ["DEFAULT_MAX_PAGE_SIZE", "MAX_OFFSET", "max_page_size", "bounded_page_size", "page_number", "beyond_any_table"]

#: ``NIOKR_MAX_PAGE_SIZE`` when it is not set.
DEFAULT_MAX_PAGE_SIZE = 500
#: The largest row offset a page may start at (PostgreSQL's OFFSET and LIMIT are 64-bit).
MAX_OFFSET = 2**63 - 1


def max_page_size() -> int:
    """The most rows a page of any list, on a page or in the API, may hold."""
    return max(1, int(getattr(settings, "NIOKR_MAX_PAGE_SIZE", DEFAULT_MAX_PAGE_SIZE)))


def _whole(raw) -> int | None:
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def bounded_page_size(raw, default: int) -> int:
    """The page size a client asked for (``raw``), capped; ``default`` when absent, not a number or below one."""
    size = _whole(raw) if raw not in (None, "") else None
    if size is None or size < 1:
        size = default
    return min(size, max_page_size())


def page_number(raw) -> int:
    """The page a client asked for (``raw``); the first page when absent, not a number or below one."""
    number = _whole(raw) if raw not in (None, "") else None
    return number if number is not None and number >= 1 else 1


def beyond_any_table(number: int, size: int) -> bool:
    """Whether page ``number`` of ``size`` rows (and the row read past it) starts beyond what a database offset holds."""
    return (number - 1) * size + size + 1 > MAX_OFFSET
