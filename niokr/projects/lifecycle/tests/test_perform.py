"""``perform``: the one service that takes a transition — checks, changes, audits, notifies, or refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership, Notification, User
from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent
from niokr.projects.lifecycle.processes.programme import PROGRAMME
from niokr.projects.lifecycle.workflow import TransitionRefused, available, perform
from niokr.projects.models import Programme, ProgrammeBudget, ProgrammeVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(build):
    company = build.org(name="ТОО «Недра-Тест»")
    right = build.right(company, number="1701-УВС")
    staff = User.objects.create_user("staff", email="staff@example.kz", language="kk")
    Membership.objects.create(user=staff, organisation=company, role=Role.COMPANY)
    ministry = build.org(kind="state_body", name="Министерство энергетики")
    secretary = User.objects.create_user("secretary", email="secretary@example.kz", language="ru")
    Membership.objects.create(user=secretary, organisation=ministry, role=Role.COUNCIL_SECRETARY, authority="energy")
    stranger = User.objects.create_user("stranger")
    Membership.objects.create(user=stranger, organisation=build.org(name="ТОО «Другая»"), role=Role.COMPANY)
    programme = Programme.objects.create(reference="PRG-2026-000001", applicant=company, authority="energy", created_by=staff)
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk="Ұңғыма", title_ru="Скважина", title_en="Well", abstract="",
        priority_direction="greentech", trl_start=3, trl_target=6,
    )
    return {"company": company, "right": right, "staff": staff, "secretary": secretary, "stranger": stranger, "programme": programme, "version": version}


def _state(programme):
    return Programme.objects.get(pk=programme.pk).status, AuditEvent.objects.count(), Notification.objects.count()


def test_a_guard_refuses_with_every_missing_part_named_and_nothing_changes(world):
    before = _state(world["programme"])
    with translation.override("ru"), pytest.raises(TransitionRefused) as refused:
        perform(PROGRAMME, world["programme"], "submit", world["staff"])
    assert "аннотации" in refused.value.reason and "бюджета по годам" in refused.value.reason and "прав недропользования" in refused.value.reason
    assert _state(world["programme"]) == before


def test_a_role_the_transition_does_not_name_is_refused(world):
    _complete(world)
    before = _state(world["programme"])
    for user in (world["stranger"], world["secretary"]):
        with translation.override("en"), pytest.raises(TransitionRefused) as refused:
            perform(PROGRAMME, world["programme"], "submit", user)
        assert refused.value.reason == "Your role does not allow this step."
    assert _state(world["programme"]) == before


def test_a_step_from_another_state_is_refused(world):
    with translation.override("kk"), pytest.raises(TransitionRefused) as refused:
        perform(PROGRAMME, world["programme"], "council_approve", world["secretary"])
    assert "Жоба" in refused.value.reason  # the status as the reader reads it


def _complete(world):
    world["version"].abstract = "Исследование"
    world["version"].save()
    ProgrammeBudget.objects.create(version=world["version"], year=2027, amount=Decimal("150000000.00"))
    world["version"].rights.add(world["right"])


def test_a_transition_changes_the_status_writes_one_audit_event_and_tells_the_secretary_in_their_language(world, django_capture_on_commit_callbacks):
    _complete(world)
    events = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = perform(PROGRAMME, world["programme"], "submit", world["staff"], reason="готово")
    assert (outcome.before, outcome.after) == ("draft", "submitted")
    assert Programme.objects.get(pk=world["programme"].pk).status == "submitted"
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.before, event.after["status"], event.actor_id) == ("programme.submit", {"status": "draft"}, "submitted", world["staff"].pk)
    assert ProgrammeVersion.objects.get(pk=world["version"].pk).submitted_at is not None
    note = Notification.objects.get(user=world["secretary"])
    assert note.link == "/lifecycle/programmes/PRG-2026-000001/"
    assert [m.to for m in mail.outbox] == [["secretary@example.kz"]]
    assert "PRG-2026-000001" in mail.outbox[0].body and "направлена в совет" in mail.outbox[0].body
    assert verify_chain()[1] is None


def test_the_steps_a_user_may_take_are_listed_with_the_reason_when_refused(world):
    with translation.override("en"):
        steps = {t.name: why for t, why in available(PROGRAMME, world["programme"], world["staff"])}
    assert set(steps) == {"submit", "withdraw"}
    assert steps["withdraw"] is None and "abstract" in steps["submit"]
    assert available(PROGRAMME, world["programme"], world["stranger"]) == []


def test_the_applicant_is_the_only_company_that_may_withdraw(world):
    perform(PROGRAMME, world["programme"], "withdraw", world["staff"])
    assert Programme.objects.get(pk=world["programme"].pk).status == "withdrawn"
    assert available(PROGRAMME, Programme.objects.get(pk=world["programme"].pk), world["staff"]) == []
