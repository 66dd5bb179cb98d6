"""Hostile requests get bounded answers: capped page sizes, bad paging as the first page or a 404.

Every list page built on :class:`~niokr.core.views.ScopedTableView` is found from the resolver and
asked for a million rows a page, a negative page size, page numbers that are not numbers, below one
or past what a database offset can hold. None may answer with a server error or a page larger than
``NIOKR_MAX_PAGE_SIZE``.
"""

from __future__ import annotations

import pytest

from niokr.core.views import ScopedTableView
from niokr.web_tests.routes import discover
from niokr.web_tests.test_authorization_matrix import expected, url_of

pytestmark = pytest.mark.django_db

TABLE_ROUTES = [r for r in discover() if r.area == "page" and r.answers_get and r.view_class is not None and issubclass(r.view_class, ScopedTableView)]


def route_id(route) -> str:
    return route.name


def test_the_list_pages_are_found():
    names = {r.name for r in TABLE_ROUTES}
    assert {"registry:organisation-list", "projects:payment-list", "intake:job-list", "control:flag-list", "obligations:regime-list"} <= names


def _page(response):
    """The table's current page (django-tables2 sets ``table.page`` when it paginates)."""
    return response.context["table"].page


@pytest.mark.parametrize("route", TABLE_ROUTES, ids=route_id)
def test_a_list_page_caps_the_page_size_and_answers_bad_paging_without_an_error(world, route, settings):
    settings.NIOKR_MAX_PAGE_SIZE = 2
    client = world.client("admin")
    url, _ = url_of(world, route)
    assert expected(world, route, "admin") == {200}

    huge = client.get(url, {"per_page": 1_000_000})
    assert huge.status_code == 200, f"{url}?per_page=1000000: {huge.status_code}"
    assert _page(huge).paginator.per_page == 2 and len(_page(huge).object_list) <= 2

    for per_page in ("-5", "0", "abc", "1e9", ""):
        response = client.get(url, {"per_page": per_page})
        assert response.status_code == 200, f"{url}?per_page={per_page}: {response.status_code}"
        assert _page(response).paginator.per_page == 2  # the default (50) capped

    for page in ("-5", "0", "abc", "1.5"):
        response = client.get(url, {"page": page})
        assert response.status_code == 200, f"{url}?page={page}: {response.status_code}"
        assert _page(response).number == 1, f"{url}?page={page} is the first page"

    for page in ("9223372036854775807", "99999999999999999999999", "100000"):
        response = client.get(url, {"page": page, "per_page": 500})
        assert response.status_code == 404, f"{url}?page={page}: {response.status_code}"

    settings.NIOKR_MAX_PAGE_SIZE = 500
    one = client.get(url, {"per_page": 1})
    assert one.status_code == 200 and _page(one).paginator.per_page == 1


def test_the_api_caps_its_page_size_with_the_same_setting(world, settings):
    settings.NIOKR_MAX_PAGE_SIZE = 3
    client = world.client("admin")
    for path in ("/api/v1/registry/organisations/", "/api/v1/projects/payments/"):
        response = client.get(path, {"page_size": 1_000_000})
        assert response.status_code == 200, path
        assert len(response.json()["results"]) == 3
        for page in ("9223372036854775807", "-5"):
            bad = client.get(path, {"page": page})
            assert bad.status_code == 404 and bad.json()["error"]["code"] == "not_found", f"{path}?page={page}"


@pytest.mark.parametrize("path", ["intake:submission-detail", "obligations:right-detail"])
def test_the_tables_inside_detail_pages_are_bounded_too(world, path, settings):
    settings.NIOKR_MAX_PAGE_SIZE = 2
    route = next(r for r in discover() if r.name == path)
    url, _ = url_of(world, route)
    client = world.client("admin")
    assert client.get(url, {"per_page": 1_000_000}).status_code == 200
    assert client.get(url, {"per_page": -5, "page": "abc"}).status_code == 200
    assert client.get(url, {"page": "9223372036854775807"}).status_code == 404
