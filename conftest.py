"""Shared pytest fixtures: role personas and small builders for registry data."""

import pytest


@pytest.fixture(autouse=True)
def _fixed_current_year(settings):
    """Tests compute up to 2026 whatever the calendar says."""
    settings.NIOKR_CURRENT_YEAR = 2026
