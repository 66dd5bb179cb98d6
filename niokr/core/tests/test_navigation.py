"""The main menu: entries per user, worked out once per request."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from niokr.core import navigation


@pytest.mark.django_db
def test_menu_lists_installed_pages_and_marks_the_current_one(django_user_model):
    request = RequestFactory().get("/registry/organisations/")
    request.user = django_user_model.objects.create_user("nav-user", password="x" * 12)
    menu = navigation.navigation(request)["menu"]
    urls = [entry["url"] for entry in menu]
    assert "/registry/organisations/" in urls
    assert [entry["url"] for entry in menu if entry["active"]] == ["/registry/organisations/"]


@pytest.mark.django_db
def test_menu_is_worked_out_once_per_request(django_user_model):
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_user("nav-user2", password="x" * 12)
    with mock.patch.object(navigation, "reverse", wraps=navigation.reverse) as reverse:
        first = navigation.navigation(request)
        calls = reverse.call_count
        second = navigation.navigation(request)
    assert calls > 0 and reverse.call_count == calls
    assert first == second


def test_anonymous_visitors_have_no_menu():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert navigation.navigation(request) == {"menu": []}
