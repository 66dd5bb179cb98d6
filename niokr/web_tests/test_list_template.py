"""The one list template of core (``core/list.html`` and its parts) on a page outside the registry.

A table page built on :class:`~niokr.core.views.ScopedTableView` alone (the regime catalogue) gets
the same filter form as the registry's :class:`~niokr.core.views.ListPage` pages: the sort the user
picked rides along with the filter, Reset clears both, and the export links download.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from niokr.core.views import ListPage, ScopedTableView
from niokr.obligations.views import RegimeListView

pytestmark = pytest.mark.django_db


def test_the_regime_catalogue_is_a_scoped_table_page_but_not_a_list_page():
    assert issubclass(RegimeListView, ScopedTableView) and not issubclass(RegimeListView, ListPage)


def test_a_table_page_outside_the_registry_keeps_the_sort_in_its_filter_form(client):
    user = get_user_model().objects.create_user(username="reader", password="x")
    client.force_login(user)
    url = reverse("obligations:regime-list")
    page = client.get(url + "?sort=-version&channel=budget").content.decode()
    assert 'class="row g-2 align-items-end mb-3 filter-form"' in page
    assert '<input type="hidden" name="sort" value="-version">' in page
    assert f'href="{url}">' in page  # Reset: the page without filter or sort
    assert "sort=-version&amp;channel=budget&amp;export=csv" in page and " download>" in page
    unsorted = client.get(url).content.decode()
    assert 'name="sort"' not in unsorted
