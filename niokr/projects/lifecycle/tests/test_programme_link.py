"""The project that carries out an approved programme: the service, the programme's and the project's pages, the API."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from niokr.core.models import AuditEvent
from niokr.projects.choices import ProgrammeStatus
from niokr.projects.lifecycle import programmes as services
from niokr.projects.lifecycle.tests.programme_world import build_programme_world
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import Agreement, Programme, Project

pytestmark = pytest.mark.django_db


def _project(code, performer, **trl):
    return Project.objects.create(
        code=code, title_kk="Цифрлық кен орны", title_ru="Цифровое месторождение", title_en="Digital field", performer=performer,
        priority_direction="greentech", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31), status="in_progress", **trl,
    )


def _agreement(payer, performer, project, number):
    return Agreement.objects.create(
        payer=payer, performer=performer, number=number, signed_on=date(2026, 2, 1), subject="НИОКР", amount=Decimal("5000000.00"),
        period_start=date(2026, 2, 1), period_end=date(2027, 12, 31), project=project,
    )


class World:
    def __init__(self, build):
        self.w = build_programme_world(build)
        w = self.w
        self.programme = services.create_programme(actor=w.user("holding_staff"), applicant=w.holding, raw=w.data())
        Programme.objects.filter(pk=self.programme.pk).update(status=ProgrammeStatus.APPROVED)
        self.programme.refresh_from_db()
        # funded by the subsidiary (inside the applicant's group), TRL not reported
        self.funded = _project("PRJ-LINK-1", w.institute)
        _agreement(w.subsidiary, w.institute, self.funded, "Д-1")
        # the proposed performer's project without an agreement
        self.unfunded = _project("PRJ-LINK-2", w.institute, trl_start=2, trl_target=4)
        # paid by an unrelated company
        self.foreign = _project("PRJ-LINK-3", w.institute)
        _agreement(w.other, w.institute, self.foreign, "Д-3")


@pytest.fixture
def world(build):
    return World(build)


def _state():
    return (
        list(Programme.objects.values_list("pk", "project_id").order_by("pk")),
        list(Project.objects.values_list("pk", "trl_start", "trl_target").order_by("pk")),
        AuditEvent.objects.filter(action="programme.link_project").count(),
    )


def test_the_applicants_staff_link_a_funded_project_its_trl_filled_from_the_programme_and_one_audit_event(world):
    assert services.link_project(world.programme, world.funded, world.w.user("holding_staff")) is True
    world.programme.refresh_from_db()
    world.funded.refresh_from_db()
    assert world.programme.project == world.funded
    assert (world.funded.trl_start, world.funded.trl_target) == (3, 6)
    [event] = AuditEvent.objects.filter(action="programme.link_project")
    assert event.object_id == world.programme.reference
    assert event.before["project"] is None and event.after["project"] == "PRJ-LINK-1" and event.after["trl_start"] == 3
    # again: nothing changes
    assert services.link_project(world.programme, world.funded, world.w.user("holding_staff")) is False
    assert AuditEvent.objects.filter(action="programme.link_project").count() == 1


def test_the_proposed_performers_project_without_an_agreement_keeps_its_own_trl(world):
    services.link_project(world.programme, world.unfunded, world.w.user("holding_staff"))
    world.unfunded.refresh_from_db()
    assert (world.unfunded.trl_start, world.unfunded.trl_target) == (2, 4)
    assert set(p.code for p in services.eligible_projects(Programme.objects.get(pk=world.programme.pk))) == set()


@pytest.mark.parametrize("case", ["not_staff", "subsidiary_staff", "not_approved", "foreign", "programme_linked", "project_linked"])
def test_refusals_say_why_in_the_users_language_and_change_nothing(world, build, case):
    w = world.w
    who = "holding_staff"
    project = world.funded
    if case == "not_staff":
        who = "performer_staff"
    elif case == "subsidiary_staff":
        who = "subsidiary_staff"  # a subsidiary's staff do not act for the holding's programme
    elif case == "not_approved":
        Programme.objects.filter(pk=world.programme.pk).update(status=ProgrammeStatus.IN_EXPERTISE)
        world.programme.refresh_from_db()
    elif case == "foreign":
        project = world.foreign
    elif case == "programme_linked":
        services.link_project(world.programme, world.unfunded, w.user("holding_staff"))
        world.programme.refresh_from_db()
    elif case == "project_linked":
        second = services.create_programme(actor=w.user("holding_staff"), applicant=w.holding, raw=w.data())
        Programme.objects.filter(pk=second.pk).update(status=ProgrammeStatus.APPROVED)
        second.refresh_from_db()
        services.link_project(second, world.funded, w.user("holding_staff"))
    before = _state()
    with translation.override("ru"), pytest.raises(TransitionRefused) as refused:
        services.link_project(world.programme, project, w.user(who))
    assert _state() == before
    reason = refused.value.reason
    assert reason and "_" not in reason
    assert any("а" <= ch <= "я" for ch in reason.lower()), reason
    if case in ("not_staff", "subsidiary_staff"):
        assert refused.value.code == "forbidden"
    with translation.override("kk"), pytest.raises(TransitionRefused) as refused_kk:
        services.link_project(world.programme, project, w.user(who))
    assert refused_kk.value.reason != reason


def test_the_rule_is_pure_and_reads_the_group():
    base = dict(status="approved", programme_id=1, linked_project_id=None, project_id=7, project_programme_id=None, applicant_id=10,
                proposed_performer_id=20, project_performer_id=20, payers={})
    assert services.link_refusal(**base) is None  # the proposed performer's, no agreement
    assert services.link_refusal(**{**base, "payers": {11: frozenset({11, 10})}}) is None  # a subsidiary pays
    assert services.link_refusal(**{**base, "payers": {30: frozenset({30})}}) == "not_funded"  # someone else pays
    assert services.link_refusal(**{**base, "project_performer_id": 21}) == "not_funded"
    assert services.link_refusal(**{**base, "status": "in_expertise"}) == "not_approved"
    assert services.link_refusal(**{**base, "linked_project_id": 8}) == "programme_linked"
    assert services.link_refusal(**{**base, "linked_project_id": 7}) is None
    assert services.link_refusal(**{**base, "project_programme_id": 2}) == "project_linked"


def test_the_programme_page_lists_the_eligible_projects_and_links_one(world):
    client = world.w.client("holding_staff", language="ru")
    url = reverse("lifecycle:programme-detail", args=[world.programme.reference])
    page = client.get(url).content.decode()
    assert "link-project-form" in page and "PRJ-LINK-1" in page and "PRJ-LINK-2" in page and "PRJ-LINK-3" not in page
    # a refusal is shown with its reason, nothing changed
    before = _state()
    response = client.post(reverse("lifecycle:programme-link-project", args=[world.programme.reference]), {"project": "PRJ-LINK-3"}, follow=True)
    assert _state() == before and "PRJ-LINK-3" in response.content.decode()
    response = client.post(reverse("lifecycle:programme-link-project", args=[world.programme.reference]), {"project": "PRJ-LINK-1"}, follow=True)
    page = response.content.decode()
    assert Programme.objects.get(pk=world.programme.pk).project == world.funded
    assert "link-project-form" not in page and "PRJ-LINK-1" in page
    # the performer (who sees the project and its agreement) reads the link and the agreement on the programme's page
    page = world.w.client("performer_staff", language="en").get(url).content.decode()
    assert reverse("projects:project-detail", args=[world.funded.pk]) in page and "Д-1" in page
    # the project's page names the programme it carries out
    project_page = world.w.client("performer_staff", language="kk").get(reverse("projects:project-detail", args=[world.funded.pk])).content.decode()
    assert world.programme.reference in project_page and reverse("lifecycle:programme-detail", args=[world.programme.reference]) in project_page
    assert "Бағдарламаны" in project_page or "бағдарлама" in project_page.lower()


def test_others_get_no_form_and_are_refused(world):
    url = reverse("lifecycle:programme-detail", args=[world.programme.reference])
    page = world.w.client("performer_staff").get(url).content.decode()
    assert "link-project-form" not in page
    before = _state()
    world.w.client("performer_staff").post(reverse("lifecycle:programme-link-project", args=[world.programme.reference]), {"project": "PRJ-LINK-1"})
    assert _state() == before
    assert world.w.client("outsider").post(reverse("lifecycle:programme-link-project", args=[world.programme.reference]), {"project": "PRJ-LINK-1"}).status_code == 404


def test_the_api_links_and_refuses_with_400_and_403(world):
    url = reverse("lifecycle-api:programme-link-project", args=[world.programme.reference])
    company = world.w.client("holding_staff", language="en")
    before = _state()
    response = company.post(url, json.dumps({"project": "PRJ-LINK-3"}), content_type="application/json")
    assert response.status_code == 400 and "PRJ-LINK-3" in response.content.decode()
    response = company.post(url, json.dumps({"project": "NO-SUCH"}), content_type="application/json")
    assert response.status_code == 400
    response = company.post(url, json.dumps({}), content_type="application/json")
    assert response.status_code == 400
    response = world.w.client("performer_staff").post(url, json.dumps({"project": "PRJ-LINK-1"}), content_type="application/json")
    assert response.status_code == 403
    assert _state() == before
    response = company.post(url, json.dumps({"project": "PRJ-LINK-1"}), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["project"] == "PRJ-LINK-1"
    assert Programme.objects.get(pk=world.programme.pk).project == world.funded
