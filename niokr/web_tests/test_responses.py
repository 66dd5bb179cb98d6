"""What every response owes: the API's JSON error format, no caching of private answers, our own request id.

* The API answers every error in its format ``{"error": {"code", "message", …}}``: an unexpected
  exception, an error while a response renders, a URL that resolves to nothing. Every API list
  opens in DRF's browsable API (``?format=api``) too.
* Pages, exports, PDFs and API answers carry ``Cache-Control: private, no-store``; static files stay
  cacheable.
* ``X-Request-ID`` is ours (a uuid4) on every response and in every audit event; a client's id is
  ignored unless it comes from a proxy of ``NIOKR_TRUSTED_PROXIES``, and is then kept apart.
"""

from __future__ import annotations

import logging
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from niokr.core.middleware import NO_STORE
from niokr.core.models import AuditEvent
from niokr.web_tests.routes import discover
from niokr.web_tests.test_authorization_matrix import expected, url_of

pytestmark = pytest.mark.django_db

ROUTES = discover()
API_LISTS = [r for r in ROUTES if r.is_api_list]


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    return body["error"]


@pytest.mark.parametrize("route", API_LISTS, ids=lambda r: r.name)
def test_every_api_list_opens_in_the_browsable_api(world, route):
    url, _ = url_of(world, route)
    response = world.client("admin").get(url, {"format": "api"})
    assert response.status_code == 200, f"{url}?format=api: {response.status_code}"
    assert response["Content-Type"].startswith("text/html")


def test_the_indicator_catalogue_opens_in_the_browsable_api(world):
    response = world.client("auditor").get("/api/v1/control/indicators/", {"format": "api"})
    assert response.status_code == 200 and b"NK-01" in response.content


def test_an_unexpected_exception_in_an_api_view_is_a_json_500(world, monkeypatch):
    from niokr.control.api import views

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(views.IndicatorViewSet, "list", broken)
    response = world.client("auditor").get("/api/v1/control/indicators/")
    assert response.status_code == 500
    error = _error(response)
    assert error["code"] == "server_error" and "foresaw" not in error["message"]
    assert error["request_id"] == response["X-Request-ID"]


def test_an_error_while_a_response_renders_is_a_json_500(world, monkeypatch):
    from rest_framework.renderers import JSONRenderer

    def broken(self, data, accepted_media_type=None, renderer_context=None):
        raise ValueError("cannot render")

    monkeypatch.setattr(JSONRenderer, "render", broken)
    response = world.client("auditor").get("/api/v1/registry/organisations/")
    monkeypatch.undo()
    assert response.status_code == 500 and _error(response)["code"] == "server_error"


def test_an_unknown_api_url_is_a_json_404(world):
    response = world.client("auditor").get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and _error(response)["code"] == "not_found"
    anonymous = Client().get("/api/v1/no-such-thing/")
    assert anonymous.status_code == 404 and _error(anonymous)["code"] == "not_found"


def test_a_request_django_refuses_is_its_status_in_json_not_a_500(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = world.client("admin").post("/api/v1/control/cases/", {"flags": [str(n) for n in range(50)]})
    assert response.status_code == 400 and _error(response)["code"] == "parse_error"


def test_a_page_error_stays_a_page(world):
    response = world.client("auditor").get("/registry/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


# --- Cache-Control -------------------------------------------------------------------------------


def test_signed_in_pages_exports_pdfs_and_api_answers_are_not_stored(world):
    client = world.client("admin")
    checked = []
    for route in ROUTES:
        if route.area not in ("page", "api") or not route.answers_get or expected(world, route, "admin") != {200}:
            continue
        url, _ = url_of(world, route)
        response = client.get(url)
        assert response.get("Cache-Control") == NO_STORE, f"{url}: {response.get('Cache-Control')}"
        checked.append(response.get("Content-Type", ""))
    assert any(kind.startswith("application/pdf") for kind in checked), "the PDF statement is among them"
    assert any("json" in kind for kind in checked) and any(kind.startswith("text/html") for kind in checked)
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("registry:organisation-list"), {"export": fmt})
        assert "attachment" in export["Content-Disposition"] and export["Cache-Control"] == NO_STORE


def test_the_login_page_and_redirects_are_not_stored_and_static_files_are_cacheable(world):
    login = Client().get(reverse("accounts:login"))
    assert login.status_code == 200 and "no-store" in login["Cache-Control"]
    assert "no-store" in Client().get(reverse("registry:organisation-list"))["Cache-Control"]
    assert finders.find("core/niokr.css")
    static = Client().get("/static/core/niokr.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


# --- Request ids ---------------------------------------------------------------------------------


def test_a_clients_request_id_is_neither_echoed_nor_recorded(world):
    client = world.client("company_a")
    response = client.get("/", HTTP_X_REQUEST_ID="attacker-chosen\r\nX-Evil: 1")
    ours = response["X-Request-ID"]
    assert uuid.UUID(ours).version == 4 and "attacker" not in ours
    again = client.get("/", HTTP_X_REQUEST_ID="attacker-chosen")
    assert again["X-Request-ID"] != ours and again["X-Request-ID"] != "attacker-chosen"


def test_an_audit_event_carries_our_request_id_not_the_clients(settings):
    """Whatever a request records in the audit trail names our id, trusted proxy or not."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from niokr.core.audit import record_event
    from niokr.core.middleware import RequestIdMiddleware

    settings.NIOKR_TRUSTED_PROXIES = ["10.0.0.0/8"]
    recorded = []

    def view(request):
        recorded.append(record_event(action="probe", object_type="core.Probe", object_id="1"))
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    for address in ("192.0.2.7", "10.1.2.3"):
        request = RequestFactory().get("/", HTTP_X_REQUEST_ID="client-chosen-id", REMOTE_ADDR=address)
        response = middleware(request)
        event = AuditEvent.objects.get(pk=recorded[-1].pk)
        assert event.request_id == response["X-Request-ID"] == request.request_id
        assert uuid.UUID(event.request_id).version == 4
    assert request.client_request_id == "client-chosen-id"


def test_a_trusted_proxys_request_id_is_kept_apart_in_the_log(world, settings, caplog):
    settings.NIOKR_TRUSTED_PROXIES = ["10.0.0.0/8"]
    from niokr.core.requestlog import RequestContextFilter

    handler_filter = RequestContextFilter()
    seen = []

    class Probe(logging.Handler):
        def emit(self, record):
            handler_filter.filter(record)
            seen.append((record.request_id, record.client_request_id))

    probe = Probe()
    logging.getLogger("niokr.core.middleware").addHandler(probe)
    try:
        from niokr.control.api import views

        original = views.IndicatorViewSet.list
        views.IndicatorViewSet.list = lambda self, request, *a, **k: (_ for _ in ()).throw(RuntimeError("x"))
        try:
            trusted = world.client("auditor").get("/api/v1/control/indicators/", HTTP_X_REQUEST_ID="proxy-trace-42", REMOTE_ADDR="10.1.2.3")
            untrusted = world.client("auditor").get("/api/v1/control/indicators/", HTTP_X_REQUEST_ID="proxy-trace-43", REMOTE_ADDR="192.0.2.7")
        finally:
            views.IndicatorViewSet.list = original
    finally:
        logging.getLogger("niokr.core.middleware").removeHandler(probe)
    assert trusted["X-Request-ID"] != "proxy-trace-42" and uuid.UUID(trusted["X-Request-ID"]).version == 4
    assert seen == [(trusted["X-Request-ID"], "proxy-trace-42"), (untrusted["X-Request-ID"], "")]


def test_no_proxy_is_trusted_by_default_and_a_list_of_networks_is_read():
    from django.conf import settings as django_settings

    from niokr.core.middleware import trusted_proxy

    assert django_settings.NIOKR_TRUSTED_PROXIES == []
    assert not trusted_proxy("127.0.0.1")


def test_trusted_proxy_matches_addresses_and_networks(settings):
    from niokr.core.middleware import trusted_proxy

    settings.NIOKR_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1", "2001:db8::/32"]
    assert trusted_proxy("10.200.0.1") and trusted_proxy("192.0.2.1") and trusted_proxy("2001:db8::5")
    assert not trusted_proxy("192.0.2.2") and not trusted_proxy("not-an-address") and not trusted_proxy("")
