"""Programme services: who may apply and for what, versions on edit after submission, refusals that change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings as hsettings, strategies as st

from niokr.core.models import AuditEvent
from niokr.projects.choices import ProgrammeStatus
from niokr.projects.lifecycle import programmes as services
from niokr.projects.lifecycle.tests.programme_world import build_programme_world
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import Programme, ProgrammeBudget, ProgrammeVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(build):
    return build_programme_world(build)


def _create(world, who="holding_staff", applicant=None, **changes):
    return services.create_programme(actor=world.user(who), applicant=applicant or world.holding, raw=world.data(**changes))


def _snapshot():
    return (
        list(Programme.objects.values_list("reference", "status", "authority").order_by("pk")),
        list(ProgrammeVersion.objects.values_list("programme_id", "number", "title_ru", "trl_target", "submitted_at").order_by("pk")),
        list(ProgrammeBudget.objects.values_list("version_id", "year", "amount").order_by("pk")),
        AuditEvent.objects.count(),
    )


def test_it_creates_a_draft_with_a_reference_the_ministry_of_its_rights_and_an_audit_event(world):
    programme = _create(world)
    assert programme.reference.startswith("PRG-") and programme.status == ProgrammeStatus.DRAFT
    assert programme.authority == "industry"
    version = programme.current
    assert version.number == 1 and version.submitted_at is None
    assert [(b.year, b.amount) for b in version.budget.all()] == [(2026, Decimal("150000000.00")), (2027, Decimal("200000000.50"))]
    assert [r.number for r in version.rights.all()] == [world.right_solid.number]
    assert AuditEvent.objects.filter(action="programme.create", object_id=programme.reference).exists()


def test_a_holding_applies_for_its_subsidiary_with_the_subsidiarys_rights(world):
    assert set(services.applicants_for(world.user("holding_staff"))) == {world.holding, world.subsidiary}
    programme = _create(world, applicant=world.subsidiary, rights=[world.right_sub.number])
    assert programme.applicant == world.subsidiary
    assert world.right_sub in services.rights_open_to(world.holding)


def test_a_subsidiary_does_not_apply_for_its_holding(world):
    assert set(services.applicants_for(world.user("subsidiary_staff"))) == {world.subsidiary}
    before = _snapshot()
    with pytest.raises(TransitionRefused):
        _create(world, who="subsidiary_staff", applicant=world.holding)
    assert _snapshot() == before


def test_it_refuses_rights_of_two_ministries_with_both_named(world):
    before = _snapshot()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _create(world, rights=[world.right_solid.number, world.right_hc.number])
    message = " ".join(refused.value.message_dict["rights"])
    assert "different ministries" in message
    assert _snapshot() == before


def test_it_refuses_a_right_the_applicant_does_not_hold(world):
    before = _snapshot()
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        _create(world, rights=[world.right_other.number])
    assert world.right_other.number in " ".join(refused.value.message_dict["rights"])
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_kk": "Digital programme"}, "title_kk"),
        ({"title_ru": ""}, "title_ru"),
        ({"title_en": "Программа"}, "title_en"),
        ({"trl_start": 0}, "trl_start"),
        ({"trl_start": "10"}, "trl_start"),
        ({"trl_start": 6, "trl_target": 4}, "trl_target"),
        ({"budget": []}, "budget"),
        ({"budget": [{"year": 2026, "amount": "-5"}]}, "budget"),
        ({"budget": [{"year": 2026, "amount": "0"}]}, "budget"),
        ({"budget": [{"year": 2026, "amount": "1.234"}]}, "budget"),
        ({"budget": [{"year": 2026, "amount": "1"}, {"year": 2026, "amount": "2"}]}, "budget"),
        ({"budget": [{"year": 1990, "amount": "1"}]}, "budget"),
        ({"priority_direction": "space"}, "priority_direction"),
        ({"rights": ["NO-SUCH-RIGHT"]}, "rights"),
        ({"performer": "123"}, "performer"),
    ],
)
def test_it_refuses_what_is_wrong_before_the_database_in_the_users_language(world, changes, field):
    before = _snapshot()
    with translation.override("kk"), pytest.raises(ValidationError) as refused:
        _create(world, **changes)
    assert field in refused.value.message_dict
    assert _snapshot() == before


def test_amounts_are_read_as_people_type_them(world):
    programme = _create(world, budget=[{"year": "2026", "amount": "1 500 000,25"}])
    assert programme.current.budget.get().amount == Decimal("1500000.25")


def test_a_draft_is_edited_in_place(world):
    programme = _create(world)
    version = services.edit_programme(actor=world.user("holding_staff"), programme=programme, raw={"trl_target": 7})
    assert version.number == 1 and programme.versions.count() == 1
    assert version.trl_target == 7
    assert AuditEvent.objects.filter(action="programme.edit", object_id=programme.reference).exists()


def test_an_edit_after_submission_writes_a_new_version_and_keeps_the_submitted_one(world):
    programme = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    programme.refresh_from_db()
    first = programme.current
    frozen = services.comparable_of(first)
    version = services.edit_programme(
        actor=world.user("holding_staff"), programme=programme, raw={"title_en": "Digital field management programme, second edition", "budget": [{"year": 2026, "amount": "1.00"}]}
    )
    assert version.number == 2 and version.submitted_at is not None
    first.refresh_from_db()
    assert services.comparable_of(first) == frozen
    assert [r.number for r in version.rights.all()] == [world.right_solid.number]  # copied
    assert version.performer == world.institute
    changes = {c.field for c in services.version_diff(first, version)}
    assert changes == {"title_en", "budget"}
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="programme.new_version", object_id=programme.reference).exists()


def test_an_edit_that_changes_nothing_is_refused(world):
    programme = _create(world)
    before = _snapshot()
    with pytest.raises(ValidationError):
        services.edit_programme(actor=world.user("holding_staff"), programme=programme, raw={})
    assert _snapshot() == before


@pytest.mark.parametrize("status", ["in_council", "in_expertise", "approved", "rejected", "withdrawn"])
def test_an_edit_on_the_agenda_or_later_is_refused_with_the_reason_and_nothing_changes(world, status):
    programme = _create(world)
    Programme.objects.filter(pk=programme.pk).update(status=status)
    programme.refresh_from_db()
    before = _snapshot()
    with translation.override("ru"), pytest.raises(TransitionRefused) as refused:
        services.edit_programme(actor=world.user("holding_staff"), programme=programme, raw={"trl_target": 8})
    assert refused.value.reason
    assert _snapshot() == before


def test_another_companys_staff_may_not_edit_submit_or_withdraw(world):
    programme = _create(world)
    before = _snapshot()
    with pytest.raises(TransitionRefused):
        services.edit_programme(actor=world.user("other_staff"), programme=programme, raw={"trl_target": 8})
    with pytest.raises(TransitionRefused):
        services.submit_programme(actor=world.user("other_staff"), programme=programme)
    with pytest.raises(TransitionRefused):
        services.withdraw_programme(actor=world.user("regulator_industry"), programme=programme)
    assert _snapshot() == before


def test_submitting_notifies_the_ministrys_council_secretary_and_a_submitted_programme_changes_ministry_never(world):
    programme = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    secretary = world.user("secretary_industry")
    assert secretary.notifications.filter(kind="lifecycle.programme_submitted").count() == 1
    programme.refresh_from_db()
    before = _snapshot()
    with pytest.raises(ValidationError):
        # A hydrocarbon right alone would move the programme to another ministry's council.
        services.edit_programme(actor=world.user("holding_staff"), programme=programme, raw={"rights": [world.right_hc.number]})
    assert _snapshot() == before


def test_withdrawing_a_submitted_programme(world):
    programme = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    services.withdraw_programme(actor=world.user("holding_staff"), programme=programme)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.WITHDRAWN


@hsettings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_any_amount_text_is_read_or_refused_never_crashes(text):
    try:
        amount = services.parse_amount(text)
    except ValueError:
        return
    assert amount == amount.quantize(Decimal("0.01"))


@hsettings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["title_kk", "title_ru", "title_en", "trl_start", "trl_target", "budget", "priority_direction", "tcc_sector", "kind"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.text(max_size=5), max_size=3))))
def test_any_input_is_checked_into_messages_never_an_exception_of_another_kind(raw):
    try:
        services.clean_programme(raw, applicant=None)
    except ValidationError as refused:
        assert refused.message_dict
