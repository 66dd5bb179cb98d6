"""The walk (``test_walk.py``), the administrator: every page of the menu in kk, ru and en."""

from __future__ import annotations

import pytest

from niokr.web_tests.test_walk import walk_part


@pytest.mark.browser
def test_every_page_of_the_administrators_menu_reads_as_the_users_language(live_server, live_world, browser):
    walk_part("admin", live_server, live_world, browser)
