"""Request ids on log lines: ours and, apart, a trusted proxy's (read by ``LOGGING`` before the apps load)."""

from __future__ import annotations

import contextvars
import logging

__all__ = ["client_request_id", "RequestContextFilter"]

#: The client's (a trusted proxy's) request id, kept apart from ours; empty when there is none.
client_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("niokr_client_request_id", default="")


def _our_request_id() -> str:
    try:
        from niokr.core.audit import current_request_id
    except Exception:  # noqa: BLE001 - a line logged while Django starts, before the apps load
        return ""
    return current_request_id.get()


class RequestContextFilter(logging.Filter):
    """Puts ``request_id`` (ours) and ``client_request_id`` (a trusted proxy's) on every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a response's status after the middleware has finished: read the request's own ids.
        request = getattr(record, "request", None)
        record.request_id = _our_request_id() or getattr(request, "request_id", "")
        record.client_request_id = client_request_id.get() or getattr(request, "client_request_id", "")
        return True
