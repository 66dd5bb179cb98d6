"""Security properties of every page: strict CSP with nothing inline, lockout, cookies, CSRF, DEBUG.

Pages are discovered from the resolver (:mod:`niokr.web_tests.routes`) and filled with company A's
objects as in the authorization matrix; every HTML page the administrator can open is parsed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from niokr.web_tests.personas import PASSWORD
from niokr.web_tests.routes import discover
from niokr.web_tests.test_authorization_matrix import expected, url_of

pytestmark = pytest.mark.django_db

ROUTES = discover()
HTML_AREAS = ("page", "docs", "admin")


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block or what needs ``'unsafe-inline'``.

    Inline ``<script>`` (without ``src``; JSON data blocks are inert and allowed), ``<style>``
    elements, ``style="…"`` attributes, ``on…="…"`` event handlers, htmx's ``hx-on`` (evaluated
    code), ``javascript:`` URLs, and scripts, styles or images from another server (the system runs
    on closed networks: nothing from a CDN).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._line = ""

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        where = f"line {self.getpos()[0]}: <{tag}"
        if tag == "script" and not names.get("src") and (names.get("type") or "text/javascript") not in ("application/json", "application/ld+json"):
            self.found.append(f"{where}> inline script")
        if tag == "style":
            self.found.append(f"{where}> inline style element")
        for attr, value in attrs:
            if attr == "style":
                self.found.append(f"{where} style={value!r}>")
            elif attr.startswith("on"):
                self.found.append(f"{where} {attr}=…> inline event handler")
            elif attr.startswith("hx-on"):
                self.found.append(f"{where} {attr}=…> htmx inline handler")
            elif attr in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{where} {attr}=javascript:…>")
        resource = names.get("src") if tag in ("script", "img", "iframe") else names.get("href") if tag == "link" else None
        if resource and resource.strip().lower().startswith(("http:", "https:", "//")):
            self.found.append(f"{where} {resource}> loaded from another server")


def inline_code(content: bytes, *, inline_styles: bool = False) -> list[str]:
    parser = InlineCode()
    parser.feed(content.decode("utf-8", errors="replace"))
    parser.close()
    if inline_styles:
        return [f for f in parser.found if not f.endswith("inline style element") and " style=" not in f]
    return parser.found


#: The API documentation viewers (Swagger UI, Redoc) insert their styles at run time: their pages
#: alone may allow inline styles. Scripts stay ``'self'`` everywhere.
INLINE_STYLES_ALLOWED = {"api-docs", "api-redoc"}


def csp_problems(header: str, *, inline_styles: bool = False) -> list[str]:
    """What makes a Content-Security-Policy header less than strict."""
    directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}
    if inline_styles:
        directives["style-src"] = [v for v in directives.get("style-src", []) if v != "'unsafe-inline'"]
    problems = [f"{d}: {v}" for d, values in directives.items() for v in values if v in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:")]
    for directive, want in (("default-src", "'self'"), ("script-src", "'self'"), ("style-src", "'self'"), ("object-src", "'none'"), ("frame-ancestors", "'none'")):
        if directives.get(directive) != [want]:
            problems.append(f"{directive} is {directives.get(directive)}, expected [{want}]")
    return problems


def admin_pages(world) -> list[tuple[str, object, bool]]:
    """Every HTML page the administrator opens (status 200): URL, response, inline styles allowed."""
    client = world.client("admin")
    pages = []
    for route in ROUTES:
        if route.area not in HTML_AREAS or not route.answers_get or expected(world, route, "admin") != {200}:
            continue
        url, _ = url_of(world, route)
        response = client.get(url)
        assert response.status_code == 200, f"GET {url}: {response.status_code}"
        if response.get("Content-Type", "").startswith("text/html"):
            pages.append((url, response, route.name in INLINE_STYLES_ALLOWED))
    return pages


def test_every_page_sends_a_strict_content_security_policy(world):
    pages = admin_pages(world) + [(reverse("accounts:login"), Client().get(reverse("accounts:login")), False)]
    problems = {}
    for url, response, inline_styles in pages:
        header = response.get("Content-Security-Policy")
        problems[url] = csp_problems(header, inline_styles=inline_styles) if header else ["no Content-Security-Policy header"]
    assert {url: p for url, p in problems.items() if p} == {}
    assert len(pages) >= 3


def test_no_page_holds_inline_script_style_event_handlers_or_foreign_resources(world):
    pages = admin_pages(world) + [(reverse("accounts:login"), Client().get(reverse("accounts:login")), False)]
    found = {url: inline_code(response.content, inline_styles=inline_styles) for url, response, inline_styles in pages}
    assert {url: f for url, f in found.items() if f} == {}


def test_the_inline_code_finder_finds_what_csp_blocks():
    page = b'<p style="color:red" onclick="x()">a</p><script>alert(1)</script><script src="/s.js"></script><a hx-on:click="y()" href="javascript:z()">b</a><script type="application/json">{}</script>'
    page += b'<link rel="stylesheet" href="https://fonts.example/css"><img src="/static/core/x.svg">'
    assert len(inline_code(page)) == 6
    assert len(inline_code(page, inline_styles=True)) == 5
    assert csp_problems("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'", inline_styles=True) == []
    assert csp_problems("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; object-src 'none'; frame-ancestors 'none'", inline_styles=True)


def test_pages_refuse_framing_and_sniffing(world):
    response = world.client("company_a").get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def failed_login(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": "wrong-password-1"}, HTTP_ACCEPT_LANGUAGE="en")


def test_five_failed_logins_lock_the_account_even_for_the_right_password(world):
    username = world.users["company_a"].username
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = failed_login(client, username)
        assert response.status_code == 200 and b"The login or password is wrong." in response.content
    locked = failed_login(client, username)
    assert locked.status_code == 429
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert b"Access locked" in response.content and b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_a_locked_account_does_not_lock_another_user(world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, world.users["company_a"].username)
    response = client.post(reverse("accounts:login"), {"username": world.users["company_b"].username, "password": PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(world.users["company_b"].pk)


def test_logging_in_through_the_form_sets_an_httponly_session_cookie(world):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(reverse("accounts:login"), {"username": world.users["company_a"].username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert client.session.get("_auth_user_id") == str(world.users["company_a"].pk)


def post_routes():
    """Every page, form and API endpoint a browser could POST to (every non-API page, and the API
    operations that take a POST)."""
    return [r for r in ROUTES if r.area in ("page", "accounts") or (r.area == "api" and "post" in r.actions)]


@pytest.mark.parametrize("route", post_routes(), ids=lambda r: r.name)
def test_a_post_without_the_csrf_token_is_refused(world, route):
    client = world.client("company_a", enforce_csrf_checks=True)
    url, _ = url_of(world, route)
    language = world.users["company_a"].language
    response = client.post(url, {"language": "en" if language != "en" else "kk", "username": "company", "password": PASSWORD})
    assert response.status_code == 403, f"POST {url}: {response.status_code}"
    assert b"CSRF" in response.content
    world.users["company_a"].refresh_from_db()
    assert world.users["company_a"].language == language


def test_state_changing_routes_refuse_a_get(world):
    client = world.client("admin")
    post_only = [route for route in ROUTES if not route.answers_get and route.area != "api"]
    assert post_only
    for route in post_only:
        url, _ = url_of(world, route)
        assert client.get(url).status_code == 405, url


def settings_of(env: dict, expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    proc = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "niokr.settings"}, capture_output=True, text=True, cwd=settings.BASE_DIR)
    return proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]


def test_debug_is_off_unless_switched_on():
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIOKR_") and k != "PYTEST_CURRENT_TEST"}
    assert settings_of(env, "settings.DEBUG") == "False"
    assert settings_of({**env, "NIOKR_DEBUG": "1"}, "settings.DEBUG") == "True"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIOKR_") and k != "PYTEST_CURRENT_TEST"}
    assert "NIOKR_SECRET_KEY must be set" in settings_of({**env, "NIOKR_SECURE": "1"}, "settings.SECRET_KEY")
