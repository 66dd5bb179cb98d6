"""The navigation bar: entries per user, worked out once per request; the search box, help and icon."""

from __future__ import annotations

import struct
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory
from django.urls import reverse

from niokr.core import favicon, navigation


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("nav-admin", password="x" * 12)


@pytest.mark.django_db
def test_menu_lists_installed_pages_and_marks_the_current_one(admin_user):
    request = RequestFactory().get("/registry/organisations/")
    request.user = admin_user
    menu = navigation.navigation(request)["menu"]
    urls = [entry["url"] for entry in menu]
    assert "/registry/organisations/" in urls
    assert [entry["url"] for entry in menu if entry["active"]] == ["/registry/organisations/"]


@pytest.mark.django_db
def test_an_entry_is_current_anywhere_in_its_section(admin_user):
    request = RequestFactory().get(reverse("projects:payment-list"))
    request.user = admin_user
    active = [entry["name"] for entry in navigation.navigation(request)["menu"] if entry["active"]]
    assert active == ["projects:agreement-list"]


@pytest.mark.django_db
def test_menu_is_worked_out_once_per_request(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    with mock.patch.object(navigation, "reverse", wraps=navigation.reverse) as reverse_:
        first = navigation.navigation(request)
        calls = reverse_.call_count
        second = navigation.navigation(request)
    assert calls > 0 and reverse_.call_count == calls
    assert first == second


@pytest.mark.django_db
def test_an_entry_whose_page_is_not_installed_is_left_out_and_one_for_others_is_hidden(admin_user, monkeypatch):
    monkeypatch.setattr(navigation, "MENU", [
        navigation.Entry("nowhere:page", "Nowhere"),
        navigation.Entry("registry:right-list", "Rights", who="niokr.help.audience.works_for_organisations"),
        navigation.Entry("registry:organisation-list", "Registry", badge="niokr.core.tests.test_navigation.seven"),
    ])
    request = RequestFactory().get("/")
    request.user = admin_user
    menu = navigation.navigation(request)["menu"]
    assert [(entry["name"], entry["badge"]) for entry in menu] == [("registry:organisation-list", 7)]


def seven(user) -> int:
    return 7


@pytest.mark.django_db
def test_the_bar_names_the_search_and_help_pages(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    bar = navigation.navigation(request)
    assert (bar["search_url"], bar["help_url"], bar["glossary_url"]) == (reverse("search:results"), reverse("help:index"), reverse("help:glossary"))


def test_anonymous_visitors_have_no_menu():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert navigation.navigation(request) == {"menu": []}


@pytest.mark.django_db
def test_every_page_shows_the_search_box_and_the_help_link(admin_user):
    client = Client()
    client.force_login(admin_user)
    page = client.get(reverse("registry:organisation-list")).content.decode()
    assert f'action="{reverse("search:results")}"' in page and 'name="q"' in page
    assert f'href="{reverse("help:index")}"' in page


# --- The icon ---------------------------------------------------------------------------------------------


def test_the_static_icon_is_the_drawing():
    path = finders.find("core/favicon.svg")
    assert path and Path(path).read_text(encoding="utf-8") == favicon.svg()


@pytest.mark.django_db
def test_every_page_links_the_icon_and_favicon_ico_answers_anyone():
    login = Client().get(reverse("accounts:login")).content.decode()
    assert '<link rel="icon" href="/static/core/favicon.svg" type="image/svg+xml">' in login
    assert Client().get("/static/core/favicon.svg").status_code == 200
    response = Client().get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert Client().post("/favicon.ico").status_code == 405


def test_the_ico_holds_png_images_of_16_32_and_48_pixels():
    data = favicon.ico()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 3)
    sizes = []
    for i in range(count):
        width, height, _colours, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        image = data[offset : offset + length]
        assert image.startswith(b"\x89PNG\r\n\x1a\n") and bits == 32
        assert struct.unpack(">II", image[16:24]) == (width, height)
        sizes.append(width)
    assert sizes == [16, 32, 48]


def test_the_drawing_is_the_tile_and_its_gold_bar():
    pixels = favicon._pixels(32, samples=1)
    assert pixels[2][16] == (15, 41, 66, 255)  # the tile (#0f2942)
    assert pixels[10][23] == (242, 182, 50, 255)  # the highest bar, gold (#f2b632)
    assert pixels[0][0][3] < 255  # a rounded corner lets the page show through
