"""A ministry laptop (1366×768) shows a right's and a subsoil user's status and arrears without scrolling sideways.

Chromium opens the holder page and a right page of the demo company in Kazakh, Russian and
English (Kazakh labels are the longest); every balances table, the ledger and the totals must fit
the window: the page does not scroll sideways, no table's frame scrolls, and each year's status
and arrears cells end inside the window.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from niokr.web_tests.test_browser import TIMEOUT, log_in, shot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const width = window.innerWidth;
  const frames = Array.from(document.querySelectorAll('main .table-responsive')).filter(e => e.scrollWidth > e.clientWidth + 1).length;
  const cells = Array.from(document.querySelectorAll('table.balances td.status, table.balances td.arrears'));
  const outside = cells.filter(c => c.getBoundingClientRect().right > width + 1).length;
  return {page: document.documentElement.scrollWidth - width, frames: frames, cells: cells.length, outside: outside};
}"""


def test_status_and_arrears_are_on_screen_at_1366_in_every_language(live_server, live_world, browser):
    world = live_world
    user = world.users["company_a"]
    pages = {
        "holder": reverse("obligations:holder-detail", args=[world.company_a.pk]),
        "right": reverse("obligations:right-detail", args=[world.right_a.pk]),
    }
    seen = {}
    for language in ("kk", "ru", "en"):
        user.language = language
        user.save(update_fields=["language"])
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        log_in(page, live_server.url, user.username)
        for name, url in pages.items():
            assert page.goto(live_server.url + url).status == 200
            seen[(language, name)] = page.evaluate(MEASURE)
            shot(page, f"{name}-1366-{language}")
        context.close()
    for key, measured in seen.items():
        assert measured["cells"] > 0, key
        assert measured == {"page": 0, "frames": 0, "cells": measured["cells"], "outside": 0}, key
