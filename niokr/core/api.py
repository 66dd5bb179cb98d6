"""Shared pieces of the REST API: one error format with codes, pagination."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import ManyRelatedField, PKOnlyObject, RelatedField
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from niokr.core.paging import beyond_any_table, max_page_size

__all__ = ["Pagination", "UncountedPagination", "CompiledRepresentation", "exception_handler"]

_GENERIC = object()


class CompiledRepresentation:
    """A read-only serializer's ``to_representation`` with the per-field work done once per serializer.

    DRF's ``Serializer.to_representation`` walks the readable fields and, for each field of each
    row, goes through ``Field.get_attribute`` (a lookup that handles mappings, callables, missing
    relations and defaults) before the field's own ``to_representation``. A list of 50 rows with
    nested organisations makes thousands of such steps. Here each field's source is read as plain
    attributes where it is a plain attribute path, and the field's ``to_representation`` makes the
    value exactly as DRF would; anything else (relations, ``source="*"``, method fields, a value
    that turns out to be a mapping, a callable or missing) takes DRF's own path. Put the mixin
    before ``serializers.ModelSerializer``; ``drf_representation`` gives DRF's result for comparison.
    """

    @cached_property
    def _steps(self) -> list[tuple]:
        steps = []
        for field in self._readable_fields:
            plain = field.source != "*" and not isinstance(field, (RelatedField, ManyRelatedField, serializers.SerializerMethodField))
            steps.append((field.field_name, field, tuple(field.source_attrs) if plain else None))
        return steps

    def to_representation(self, instance):
        result = {}
        for name, field, attrs in self._steps:
            value = _GENERIC if attrs is None else _plain_attribute(instance, attrs)
            if value is _GENERIC:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                check = value.pk if isinstance(value, PKOnlyObject) else value
                result[name] = None if check is None else field.to_representation(value)
                continue
            result[name] = None if value is None else field.to_representation(value)
        return result

    def drf_representation(self, instance):
        """DRF's own ``to_representation`` of ``instance`` (what the compiled one must equal)."""
        return super().to_representation(instance)


def _plain_attribute(instance, attrs: tuple):
    """The value at ``attrs`` read as plain attributes, ``None`` past an empty link, or ``_GENERIC``."""
    for attr in attrs:
        if instance is None:
            return None
        if isinstance(instance, Mapping):
            return _GENERIC
        try:
            instance = getattr(instance, attr)
        except Exception:  # noqa: BLE001 - a missing relation or attribute: DRF's path decides
            return _GENERIC
        if callable(instance):
            return _GENERIC
    return instance


class Pagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (at most ``NIOKR_MAX_PAGE_SIZE`` rows a page, as on the web pages)."""

    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return max_page_size()


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
        if beyond_any_table(number, size):  # past any table's end, and past what a database offset can hold
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="that page contains no results"))
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
