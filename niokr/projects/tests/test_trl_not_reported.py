"""A project's readiness level may be "not reported" (empty): shown as such, never read as TRL 1.

Projects registered from a spending report have no TRL (a report carries none); the pages and the
API say "not reported", and the control indicators that read the TRL (NK-18, NK-19) cannot judge
the level of such a project rather than take it for 1.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from niokr.control.indicators.base import Frames
from niokr.control.tests.test_agg_projects import _agreement, _peer_market, _project
from niokr.control.tests.test_indicators_aggregates import AS_OF, row, run
from niokr.projects.models import Project
from niokr.projects.models.project import trl_text
from niokr.projects.tests.test_api import api
from niokr.projects.tests.test_pages import agreement_page, country  # noqa: F401 - the fixture
from niokr.registry.tests.test_pages import text

pytestmark = pytest.mark.django_db


def unreported(performer, code="ПР-НЕТ") -> Project:
    return Project.objects.create(code=code, title_kk="Жоба", title_ru="Проект", title_en="Project", performer=performer, priority_direction="greentech",
                                  start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")


def test_a_project_may_have_no_trl_and_the_database_still_guards_a_given_one(country):
    project = unreported(country.p)
    assert (project.trl_start, project.trl_target, project.trl_reached) == (None, None, None)
    project.full_clean()
    for start, target in ((0, 5), (3, 10), (5, 3)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Project.objects.create(code=f"X-{start}-{target}", title_kk="Ж", title_ru="П", title_en="P", performer=country.p, priority_direction="other",
                                   trl_start=start, trl_target=target, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")
    Project.objects.create(code="ONLY-TARGET", title_kk="Ж", title_ru="П", title_en="P", performer=country.p, priority_direction="other",
                           trl_target=6, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")


def test_not_reported_reads_in_each_language():
    assert trl_text(4) == "4"
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert trl_text(None) and trl_text(None) != "1"


def test_the_agreement_page_says_the_trl_was_not_reported(country):
    country.ap.project = unreported(country.p)
    country.ap.save(update_fields=["project"])
    page = text(country.client("company_a", language="en").get(agreement_page(country.ap)))
    assert "TRL at start" in page and page.count("not reported") == 3


def test_the_agreement_api_gives_the_trl_and_its_display(country):
    country.ap.project = unreported(country.p)
    country.ap.save(update_fields=["project"])
    client = api(country, "company_a")
    body = client.get(f"/api/v1/projects/agreements/{country.ap.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["project_trl_start"] is None and body["project_trl_target"] is None
    assert body["project_trl_start_display"] == body["project_trl_target_display"] == trl_text(None)
    country.ap.project.trl_start, country.ap.project.trl_target = 3, 5
    country.ap.project.save()
    body = client.get(f"/api/v1/projects/agreements/{country.ap.pk}/").json()
    assert (body["project_trl_start"], body["project_trl_start_display"], body["project_trl_target_display"]) == (3, "3", "5")


def test_nk18_cannot_judge_the_level_of_a_project_whose_trl_was_not_reported():
    projects = [
        _project(25, trl_start=None, trl_target=None, trl_reached=None),  # nothing reported: not computable, never "no progress from 1"
        _project(26, trl_start=None, trl_target=None, trl_reached=None, acceptance_act=False),  # the act alone decides
        _project(27, trl_start=None, trl_target=None, trl_reached=None, acceptance_act=True),
    ]
    out = run("NK-18", Frames.build(AS_OF, agreements=[_agreement(1, project=25), _agreement(2, project=26), _agreement(3, project=27)], projects=projects))
    # NK-18 v2: with no results, no starting level, no calendar plan and no act, nothing is recorded to judge
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "nothing_recorded")
    assert row(out, 2)["status"] == "flagged" and row(out, 3)["status"] == "clear"


def test_nk19_leaves_a_project_without_a_reported_trl_out_of_the_peer_groups():
    agreements, projects = _peer_market(12_000_000_000)
    projects[-1] = {**projects[-1], "trl_start": None, "trl_target": None}
    out = run("NK-19", Frames.build(AS_OF, agreements=agreements, projects=projects))
    assert (row(out, 31)["status"], row(out, 31)["reason"]) == ("not_computable", "no_peer_group")


def test_the_migration_forgets_the_levels_an_earlier_intake_made_up_and_keeps_the_others(country):
    migration = import_module("niokr.projects.migrations.0005_trl_not_reported")
    made_up = Project.objects.create(code="ОТЧ-1", title_kk="Ж", title_ru="П", title_en="P", performer=country.p, priority_direction="other",
                                     abstract="Registered from the R&D spending report SUB-7: the readiness level (TRL) was not reported.",
                                     trl_start=1, trl_target=1, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")
    entered = Project.objects.create(code="ВВ-1", title_kk="Ж", title_ru="П", title_en="P", performer=country.p, priority_direction="other",
                                     trl_start=1, trl_target=1, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")
    from django.apps import apps

    migration.forget_made_up_levels(apps, None)
    made_up.refresh_from_db()
    entered.refresh_from_db()
    assert (made_up.trl_start, made_up.trl_target) == (None, None) and (entered.trl_start, entered.trl_target) == (1, 1)
