"""Fixtures of the web tests: the small country with its personas, once per module.

``world`` is generated inside a transaction that is rolled back after the module (as in
niokr/projects/tests/test_generate.py); every test runs in a savepoint of it. Browser tests run
against the live server thread and need committed data: they use ``live_world`` (function scope,
``transactional_db``).
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from niokr.web_tests.personas import build_world


def pytest_collection_modifyitems(config, items):
    """Browser scenarios run once per ``make test``: on the SQLite run.

    What they add over the matrix is the browser (forms, htmx, downloads, screenshots), which does
    not depend on the database; the pages' queries run on PostgreSQL in the matrix and the other
    web tests. ``NIOKR_BROWSER_TESTS=always`` runs them on PostgreSQL too.
    """
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3") or os.environ.get("NIOKR_BROWSER_TESTS") == "always":
        return
    skip = pytest.mark.skip(reason="browser scenarios run on the SQLite run of `make test` (NIOKR_BROWSER_TESTS=always runs them here too)")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small country of seed 1 with every persona (rolled back after the module)."""
    data_dir = tmp_path_factory.mktemp("data")
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir, NIOKR_CURRENT_YEAR=2026):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def live_world(transactional_db, settings, tmp_path):
    """The same country committed for the live server thread (flushed after the test)."""
    settings.DATA_DIR = tmp_path
    return build_world()
