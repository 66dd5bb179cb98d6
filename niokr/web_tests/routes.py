"""Every URL of the project, discovered from the resolver, with what each one needs to be requested.

The web tests iterate over :func:`discover` instead of a hand-kept list, so a page or an endpoint
added later is checked (and a URL whose path parameters the matrix cannot fill fails the matrix).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

__all__ = ["Route", "discover", "CONTRACT", "API_CONTRACT", "DOCS", "PUBLIC"]

#: The URL names the issue promises (pages, downloads and API namespaces).
CONTRACT = (
    "registry:organisation-list",
    "registry:organisation-detail",
    "registry:right-list",
    "obligations:dashboard",
    "obligations:holder-detail",
    "obligations:right-detail",
    "obligations:regime-list",
    "obligations:regime-detail",
    "obligations:statement-pdf",
    "projects:agreement-list",
    "projects:agreement-detail",
    "projects:payment-list",
    "projects:performer-detail",
    "intake:submission-list",
    "intake:submission-upload",
    "intake:submission-detail",
    "intake:submission-report",
    "intake:submission-commit",
    "intake:organisation-submissions",
    "intake:template",
    "intake:job-list",
    "intake:job-detail",
    "control:flag-list",
    "control:flag-detail",
    "control:indicator-list",
    "control:score-list",
    "control:risk-panel",
    "control:case-list",
    "control:case-detail",
    "control:case-open",
    "control:request-answer",
    "control:notice-list",
    "control:run-list",
    "control:run-start",
    "lifecycle:programme-list",
    "lifecycle:programme-create",
    "lifecycle:programme-detail",
    "lifecycle:programme-edit",
    "accounts:notifications",
    "search:results",
    "help:index",
    "help:glossary",
    "favicon",
)
#: The API's namespaces and the models each one lists.
API_CONTRACT = {
    "registry-api": ("registry.Organisation", "registry.SubsoilRight"),
    "obligations-api": ("obligations.RuleRegime", "obligations.BaseFigure", "obligations.RightYearBalance", "obligations.LedgerEntry"),
    "projects-api": ("projects.Agreement", "projects.Payment"),
    "intake-api": ("intake.Submission",),
    "control-api": ("control.Flag", "control.RiskScore", "control.AuditCase", "control.Notice"),
    "lifecycle-api": ("projects.Programme",),
    "accounts-api": ("accounts.Notification",),
}

#: Documentation of the API: the schema and its two viewers.
DOCS = {"api-schema", "api-docs", "api-redoc"}
#: What anyone may fetch, signed in or not, that holds no data: the site's icon.
PUBLIC = {"favicon"}
HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


@dataclass(frozen=True)
class Route:
    """One URL pattern of the project.

    Attributes:
        name: the namespaced URL name (``registry:organisation-detail``; empty when unnamed).
        pattern: the full pattern, for messages.
        params: the names of its path parameters.
        namespace: the outermost namespace (``registry``, ``registry-api``, ``admin``).
        callback: the view function the resolver calls.
    """

    name: str
    pattern: str
    params: tuple[str, ...]
    namespace: str = ""
    callback: object = field(compare=False, repr=False, default=None)

    @property
    def area(self) -> str:
        """``api``, ``docs``, ``public``, ``admin``, ``accounts`` or ``page``."""
        if self.name in PUBLIC:
            return "public"
        if self.namespace.endswith("-api"):
            return "api"
        if self.name in DOCS:
            return "docs"
        if self.namespace == "admin":
            return "admin"
        if self.namespace == "accounts":
            return "accounts"
        return "page"

    @property
    def view_class(self):
        """The class-based view (Django ``view_class`` or DRF ``cls``), if any."""
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def actions(self) -> dict:
        """A DRF viewset route's method → action map (``{"get": "list", "post": "create"}``)."""
        return dict(getattr(self.callback, "actions", None) or {})

    @property
    def answers_get(self) -> bool:
        """Whether a GET is one of the route's operations."""
        if self.actions:
            return "get" in self.actions
        cls = self.view_class
        if cls is not None and hasattr(cls, "http_method_names"):
            return hasattr(cls, "get") and "get" in cls.http_method_names
        methods = declared_methods(self.callback)
        return methods is None or "GET" in methods

    @property
    def is_api_list(self) -> bool:
        return self.area == "api" and self.actions.get("get") == "list"

    @cached_property
    def model(self):
        """The model the route's view reads, where the view names it."""
        cls = self.view_class
        if cls is None:
            return None
        queryset = getattr(cls, "queryset", None)
        if queryset is not None:
            return queryset.model
        if getattr(cls, "model", None) is not None:
            return cls.model
        serializer = getattr(cls, "serializer_class", None)
        meta = getattr(serializer, "Meta", None)
        if getattr(meta, "model", None) is not None:
            return meta.model
        return self._model_of_queryset(cls)

    def _model_of_queryset(self, cls):
        """The model of the view's ``get_queryset()`` for an anonymous request (lazy: no query runs)."""
        if not hasattr(cls, "get_queryset"):
            return None
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        view = cls(**(getattr(self.callback, "initkwargs", None) or {}))
        view.request, view.args, view.kwargs = request, (), {}
        view.action = self.actions.get("get", "list")
        view.format_kwarg = None
        try:
            return view.get_queryset().model
        except Exception:  # noqa: BLE001 - a view that needs more than a request names no model here
            return None

    def __str__(self) -> str:
        return f"{self.name} (/{self.pattern})"


def declared_methods(func) -> set[str] | None:
    """The methods a function view accepts by ``require_http_methods`` (``require_POST`` …), if any.

    The decorator keeps its list in the closure of the function it returns; decorators stacked
    with ``functools.wraps`` are followed through ``__wrapped__``.
    """
    for _ in range(10):
        if func is None:
            return None
        for cell in getattr(func, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, (list, tuple, set, frozenset)) and value and all(isinstance(m, str) and m in HTTP_METHODS for m in value):
                return set(value)
        func = getattr(func, "__wrapped__", None)
    return None


def _walk(patterns, prefix: str, namespace: str | None, params: tuple[str, ...]):
    for entry in patterns:
        found = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns, params + found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(name=name, pattern=prefix + str(entry.pattern), params=params + found, namespace=(namespace or "").split(":")[0], callback=entry.callback)


def discover() -> list[Route]:
    """Every URL of the project that a person or a client requests.

    Left out: the admin's internals (its index ``/admin/`` stays: it is the entry point), and the
    API's format-suffix twins (``…/organisations.json``), which serve the same view as the route
    without the suffix.
    """
    routes = []
    for route in _walk(get_resolver().url_patterns, "", None, ()):
        if route.namespace == "admin" and route.name != "admin:index":
            continue
        if "format" in route.params:
            continue
        routes.append(route)
    return routes
