"""Request-scoped context and the answers every response owes: request ids, caching, API errors.

* :class:`RequestIdMiddleware` gives every request an id of our own (a uuid4) that audit events and
  log lines carry. A client's ``X-Request-ID`` never becomes that id: it is kept apart (the log key
  ``client_request_id``, :mod:`niokr.core.requestlog`), and only when the request comes from a proxy listed in
  ``NIOKR_TRUSTED_PROXIES`` (none by default).
* :class:`NoStoreMiddleware` marks every response the application makes ``Cache-Control: private,
  no-store`` (pages, exports, PDFs, the API): they hold a signed-in user's data or a CSRF token.
  Static files never reach it (WhiteNoise answers them first, cacheable).
* :class:`ApiErrorMiddleware` makes every error under ``/api/`` an answer in the API's JSON error
  format (:func:`niokr.core.api.exception_handler`), including an unexpected exception (500), a
  URL that resolves to nothing and an error a renderer raises: never an HTML page.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import uuid
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from niokr.core.audit import current_request_id
from niokr.core.requestlog import client_request_id

__all__ = [
    "RequestIdMiddleware",
    "NoStoreMiddleware",
    "ApiErrorMiddleware",
    "trusted_proxy",
    "API_PREFIX",
    "NO_STORE",
]

logger = logging.getLogger(__name__)

#: What a client's request id may hold: a uuid, a trace id; anything else is dropped.
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,64}")


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def trusted_proxy(address: str | None) -> bool:
    """Whether ``address`` (the peer of the connection) is a proxy of ``NIOKR_TRUSTED_PROXIES``."""
    proxies = tuple(getattr(settings, "NIOKR_TRUSTED_PROXIES", ()) or ())
    if not proxies or not address:
        return False
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in network for network in _networks(proxies))


class RequestIdMiddleware:
    """Give every request our own id (``X-Request-ID`` of the response, the audit events' ``request_id``).

    A trusted proxy's ``X-Request-ID`` (a plain token of at most 64 characters) is kept as
    ``request.client_request_id`` and the log key ``client_request_id``, never as our id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = uuid.uuid4().hex
        given = request.headers.get("X-Request-ID", "") if trusted_proxy(request.META.get("REMOTE_ADDR")) else ""
        client = given if _CLIENT_ID.fullmatch(given) else ""
        request.request_id, request.client_request_id = rid, client
        token, client_token = current_request_id.set(rid), client_request_id.set(client)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
            client_request_id.reset(client_token)
        response["X-Request-ID"] = rid
        return response


#: The caching a response of the application gets: none anywhere, by no shared cache.
NO_STORE = "private, no-store"


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response the application makes.

    A signed-in user's page, export, PDF or API answer must not stay in a browser's or a proxy's
    cache. A response whose view already forbids storing (``never_cache``: the login page) keeps
    its header; any other header is replaced, a public one included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = NO_STORE
        return response


#: The URL prefix of the REST API, its schema and its documentation.
API_PREFIX = "/api/"
#: The error codes of the API by HTTP status, for errors that do not come from a DRF view.
_CODES = {400: "parse_error", 401: "not_authenticated", 403: "permission_denied", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable", 413: "request_too_large", 415: "unsupported_media_type", 429: "throttled"}


#: Exceptions Django answers with a status of their own (404, 403, 400), not a server error.
_ANSWERED_BY_DJANGO = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)


def api_error(status: int, *, code: str | None = None, message: str | None = None) -> JsonResponse:
    """An answer in the API's error format: ``{"error": {"code", "message", "detail"}}``."""
    code = code or _CODES.get(status, "server_error" if status >= 500 else "error")
    if message is None and status == 403:
        message = _("You do not have permission to perform this action.")
    if message is None:
        message = _("A server error occurred.") if status >= 500 else _("Not found.") if status == 404 else _("The request could not be answered.")
    return JsonResponse({"error": {"code": code, "message": str(message), "detail": {"detail": str(message)}, "request_id": current_request_id.get()}}, status=status)


class ApiErrorMiddleware:
    """Every error under ``/api/`` in the API's JSON error format, never an HTML page.

    DRF's views answer their own errors (:func:`niokr.core.api.exception_handler`); this catches
    what reaches Django instead: an exception the handler does not know (500), one raised while a
    response renders, and an HTML error page (an unknown URL's 404, a refused upload's 413).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 400 and request.path_info.startswith(API_PREFIX) and "json" not in response.get("Content-Type", ""):
            return api_error(response.status_code)
        return response

    def process_exception(self, request, exception):
        # What Django answers itself (404, 403, 400 for a bad or suspicious request) becomes its
        # status in the JSON format on the way out (``__call__``); anything else is unexpected.
        if not request.path_info.startswith(API_PREFIX) or isinstance(exception, _ANSWERED_BY_DJANGO):
            return None
        logger.exception("unexpected error in %s %s", request.method, request.path_info)
        return api_error(500)
