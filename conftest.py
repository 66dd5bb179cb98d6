"""Shared pytest fixtures: role personas, small builders for registry data, the browser for Playwright."""

from __future__ import annotations

import itertools
import os
from datetime import date

import pytest

from niokr import settings as production_settings
from niokr.core.bin import check_digit

_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _fixed_current_year(settings):
    """Tests compute up to 2026 whatever the calendar says."""
    settings.NIOKR_CURRENT_YEAR = 2026


@pytest.fixture(autouse=True)
def _anchors_outside_the_repository(settings, tmp_path_factory):
    """Published audit anchors go to a folder of the test session, never to the repository's var/."""
    settings.NIOKR_AUDIT_ANCHOR_DIR = str(tmp_path_factory.getbasetemp() / "anchors")


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test starts in the settings' language, whatever the test before it activated.

    A request through the test client activates the reader's language on the thread and leaves it
    there; with the files spread over workers (ADR 15) the test that runs next is not always the
    same, so no test may depend on a language another one left behind.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def _item_uses_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server", "live_world", "world", "django_db_reset_sequences"} & set(getattr(item, "fixturenames", ()))
    )


def _uses_the_database(request) -> bool:
    return _item_uses_the_database(request.node)


def _seed_if_flushed() -> None:
    import importlib

    from django.apps import apps

    from niokr.capability.catalogue import ensure_catalogue
    from niokr.obligations.models import RuleRegime

    if not RuleRegime.objects.exists():
        importlib.import_module("niokr.obligations.migrations.0002_seed_regimes").seed(apps, None)
        ensure_catalogue(apps)


@pytest.fixture(autouse=True, scope="module")
def _seeded_data_for_the_module(request, django_db_blocker):
    """A module's own fixtures (a country, a loaded evaluation set) find the data the migrations seed.

    The rule regimes (obligations 0002) and the capability questionnaire and readiness sets (capability
    0002) are written by data migrations; a transactional test ends with a flush of every table. In one
    process pytest-django runs those tests last, but with the files spread over workers (ADR 15) the
    next file of the same worker would find the tables empty.
    """
    if any(_item_uses_the_database(item) for item in request.session.items if getattr(item, "module", None) is request.module):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            _seed_if_flushed()
    yield


@pytest.fixture(autouse=True)
def _seeded_data_after_a_flush(request, django_db_blocker):
    """The same for each test that uses the database (a transactional test of the same module flushed it)."""
    if _uses_the_database(request):
        with django_db_blocker.unblock():
            _seed_if_flushed()
    yield


#: The production hashers (Argon2 first), for the tests that check them.
PRODUCTION_PASSWORD_HASHERS = list(production_settings.PASSWORD_HASHERS)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Passwords hashed with MD5 in tests, as Django's testing documentation advises.

    Argon2 as configured (100 MiB, two passes) takes a tenth of a second a hash; the suite creates
    and signs in thousands of users. ``niokr/accounts/tests/test_passwords.py`` checks the
    production hashers themselves.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_PASSWORD_HASHERS]


def make_bin(prefix: str = "1503", entity: str = "4") -> str:
    """A fresh valid BIN: registration YYMM, entity type, head unit, serial and check digit."""
    while True:
        first11 = f"{prefix}{entity}0{next(_serial):05d}"
        k = check_digit(first11)
        if k is not None:
            return first11 + str(k)


@pytest.fixture
def build():
    """Builders for registry and obligation data (each returns a saved object)."""
    from niokr.registry.models import Organisation, OrganisationAttribute, SubsoilRight

    class Build:
        def org(self, *, kind="subsoil_user", name="ТОО «Тест»", region="atyrau", **attrs):
            org = Organisation.objects.create(bin=make_bin(), name_kk=name, name_ru=name, name_en=name, kind=kind, region=region, registered_on=date(2015, 3, 1))
            for attr, (vfrom, vto) in attrs.items():
                OrganisationAttribute.objects.create(organisation=org, kind=attr, valid_from=vfrom, valid_to=vto)
            return org

        def right(self, holder, *, number=None, mineral_group="hydrocarbons", right_type="hc_production", production_start=date(2019, 4, 10), signed_on=date(2018, 7, 1)):
            return SubsoilRight.objects.create(
                number=number or f"R-{next(_serial)}",
                holder=holder,
                mineral_group=mineral_group,
                right_type=right_type,
                region="atyrau",
                signed_on=signed_on,
                production_start=production_start,
            )

    return Build()


CHROMIUM = os.environ.get("NIOKR_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives Debian's Chromium: a browser build cannot be downloaded on a closed network.

    ``--no-sandbox``: CI runs as root, where Chromium's sandbox refuses to start.
    """
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}
