"""Shared pieces of the REST API: one error format with codes, pagination."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

__all__ = ["Pagination", "exception_handler"]


class Pagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (at most 500 rows a page)."""

    page_size_query_param = "page_size"
    max_page_size = 500


def _codes(detail) -> object:
    if isinstance(detail, dict):
        return {k: _codes(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_codes(v) for v in detail]
    return getattr(detail, "code", "error")


def exception_handler(exc, context):
    """Every error as ``{"error": {"code", "message", "detail"}}`` with the HTTP status.

    A Django ``ValidationError`` raised by a service (with its enum code) becomes 400 with that
    code, so the API reports a refused operation exactly as the pages do.
    """
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        codes = {k: [getattr(e, "code", None) or "invalid" for e in v] for k, v in exc.error_dict.items()} if hasattr(exc, "error_dict") else {"non_field_errors": [getattr(e, "code", None) or "invalid" for e in exc.error_list]}
        first = next(iter(codes.values()))[0]
        return Response({"error": {"code": first, "message": "; ".join(m for ms in detail.values() for m in ms), "detail": detail, "codes": codes}}, status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(code, (dict, list)):
        codes, code = code, "invalid"
    else:
        codes = None
    message = detail.get("detail") if isinstance(detail, dict) and "detail" in detail else str(getattr(exc, "default_detail", "error"))
    response.data = {"error": {"code": code, "message": str(message), "detail": detail, **({"codes": codes} if codes else {})}}
    return response
