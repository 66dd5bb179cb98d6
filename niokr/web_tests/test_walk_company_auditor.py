"""The walk (``test_walk.py``), the company's accountant and the auditor: every page of their menus in kk, ru and en."""

from __future__ import annotations

import pytest

from niokr.web_tests.test_walk import walk_part


@pytest.mark.browser
def test_every_page_of_the_company_and_auditor_menus_reads_as_the_users_language(live_server, live_world, browser):
    walk_part("company-auditor", live_server, live_world, browser)
