"""The programmes API: scoped list and detail by reference, create, edit, submit, withdraw, refusals as 400/403 with the reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from niokr.projects.choices import ProgrammeStatus
from niokr.projects.lifecycle import programmes as services
from niokr.projects.lifecycle.tests.programme_world import build_programme_world
from niokr.projects.models import Programme, ProgrammeVersion

pytestmark = pytest.mark.django_db

LIST = reverse("lifecycle-api:programme-list")


@pytest.fixture
def world(build):
    return build_programme_world(build)


def detail(p):
    return reverse("lifecycle-api:programme-detail", args=[p.reference])


def _create(world):
    return services.create_programme(actor=world.user("holding_staff"), applicant=world.holding, raw=world.data())


def test_a_company_creates_edits_and_submits_through_the_api(world):
    client = world.client("holding_staff", language="en")
    body = {**world.data(), "applicant": world.holding.bin}
    response = client.post(LIST, body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["reference"].startswith("PRG-") and data["status"] == "draft" and data["authority_display"]
    assert data["versions"][0]["rights"] == [world.right_solid.number]
    assert data["versions"][0]["budget"] == [{"year": 2026, "amount": "150000000.00"}, {"year": 2027, "amount": "200000000.50"}]
    assert data["versions"][0]["priority_direction_display"] == "GreenTech" or data["versions"][0]["priority_direction_display"]
    steps = {s["name"]: s for s in data["steps"]}
    assert steps["submit"]["allowed"] is True
    url = reverse("lifecycle-api:programme-detail", args=[data["reference"]])
    assert client.patch(url, {"trl_target": "7"}, content_type="application/json").json()["versions"][0]["trl_target"] == 7
    submitted = client.post(reverse("lifecycle-api:programme-submit", args=[data["reference"]]))
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    edited = client.patch(url, {"title_en": "A second edition"}, content_type="application/json").json()
    assert [v["number"] for v in edited["versions"]] == [1, 2]


def test_wrong_input_is_400_with_messages_per_field_and_nothing_written(world):
    client = world.client("holding_staff", language="ru")
    body = {**world.data(title_en="Программа", budget=[{"year": "2026", "amount": "-1"}]), "applicant": world.holding.bin}
    response = client.post(LIST, body, content_type="application/json")
    assert response.status_code == 400
    detail_ = response.json()["error"]["detail"]
    assert "title_en" in detail_ and "budget" in detail_
    assert Programme.objects.count() == 0


def test_rights_of_two_ministries_are_refused_with_the_reason(world):
    client = world.client("holding_staff", language="en")
    body = {**world.data(rights=[world.right_solid.number, world.right_hc.number]), "applicant": world.holding.bin}
    response = client.post(LIST, body, content_type="application/json")
    assert response.status_code == 400 and "ministries" in response.json()["error"]["message"]


def test_applying_for_another_company_is_403(world):
    client = world.client("other_staff")
    response = client.post(LIST, {**world.data(), "applicant": world.holding.bin}, content_type="application/json")
    assert response.status_code == 403
    assert Programme.objects.count() == 0


def test_a_step_the_state_forbids_is_400_and_one_the_role_forbids_is_403_with_the_reason_and_nothing_changes(world):
    programme = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.IN_COUNCIL)
    versions = ProgrammeVersion.objects.count()
    company = world.client("holding_staff", language="en")
    response = company.patch(detail(programme), {"trl_target": "8"}, content_type="application/json")
    assert response.status_code == 400 and "agenda" in response.json()["error"]["message"]
    response = company.post(reverse("lifecycle-api:programme-withdraw", args=[programme.reference]))
    assert response.status_code == 400 and response.json()["error"]["message"]
    regulator = world.client("regulator_industry", language="en")
    response = regulator.post(reverse("lifecycle-api:programme-withdraw", args=[programme.reference]))
    assert response.status_code == 403 and response.json()["error"]["message"]
    assert ProgrammeVersion.objects.count() == versions
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.IN_COUNCIL


def test_the_list_is_scoped_and_another_company_gets_404(world):
    draft = _create(world)
    assert [p["reference"] for p in world.client("holding_staff").get(LIST).json()["results"]] == [draft.reference]
    assert world.client("regulator_industry").get(LIST).json()["results"] == []  # a draft is the company's own
    assert world.client("other_staff").get(detail(draft)).status_code == 404
    assert world.client("other_staff").patch(detail(draft), {"trl_target": "8"}, content_type="application/json").status_code == 404
