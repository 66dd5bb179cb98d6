"""Stages and acceptance acts: the services, their refusals (nothing changed), payment linking, the audit trail."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from niokr.accounts.models import Notification
from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import delivery
from niokr.projects.lifecycle.documents import REPORTS, check_document, document_path, keep_document
from niokr.projects.lifecycle.processes.delivery import STAGE
from niokr.projects.lifecycle.tests.delivery_world import DOCX, build_world, pdf
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import AcceptanceAct, Payment, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The reasons are read in English here (the pages' tests read them in kk and ru)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(build, settings, tmp_path):
    return build_world(build, settings, tmp_path)


def report():
    return keep_document(REPORTS, pdf())


def snapshot():
    return (
        list(Stage.objects.order_by("pk").values_list("pk", "status", "report_sha256", "return_reason", "amount")),
        AcceptanceAct.objects.count(), AuditEvent.objects.count(), Notification.objects.count(),
        list(Payment.objects.order_by("pk").values_list("pk", "stage_id")),
    )


def refused(call, *, code=None):
    before = snapshot()
    with pytest.raises((TransitionRefused, ValidationError)) as caught:
        call()
    assert snapshot() == before, "a refusal changed something"
    if code is not None:
        assert getattr(caught.value, "code", None) == code
    return caught.value


def submitted(world, stage=None):
    stage = stage or world.s1
    delivery.submit_stage_report(stage=stage, report=report(), actor=world.users["performer_p"])
    stage.refresh_from_db()
    return stage


def test_the_stage_workflow_is_sound():
    assert STAGE.problems() == []


def test_a_performer_submits_a_report_and_the_payer_is_asked_to_sign(world):
    stage = submitted(world)
    assert stage.status == "submitted" and stage.report_name == "report.pdf" and len(stage.report_sha256) == 64
    assert document_path(REPORTS, stage.report_sha256).read_bytes().startswith(b"%PDF")
    note = Notification.objects.get(user=world.users["company_a"])
    assert note.kind == "lifecycle.act_to_sign" and note.params["agreement"] == "НИР-A1"
    event = AuditEvent.objects.get(action="stage.submit")
    assert event.before == {"status": "planned"} and event.after["status"] == "submitted"


def test_the_payer_signs_an_act_and_the_performer_is_told(world):
    stage = submitted(world)
    delivery.sign_act(stage=stage, number="АКТ-1", signed_on=date(2024, 1, 15), amount=Decimal("1900000.00"), actor=world.users["company_a"])
    stage.refresh_from_db()
    assert stage.status == "accepted"
    act = stage.act
    assert act.amount == Decimal("1900000.00") and act.signed_by == world.users["company_a"] and act.report_sha256 == stage.report_sha256
    assert Notification.objects.filter(user=world.users["performer_p"], kind="lifecycle.stage_accepted").exists()
    assert AuditEvent.objects.get(action="stage.accept").after["amount_accepted"] == "1900000.00"
    assert verify_chain()[1] is None


def test_an_act_above_the_stage_amount_is_refused_with_nothing_changed(world):
    stage = submitted(world)
    error = refused(lambda: delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("2000000.01"), actor=world.users["company_a"]))
    assert "more than the stage's amount" in error.reason and "₸2,000,000.01" in error.reason


@pytest.mark.parametrize("persona", ["performer_p", "company_b", "regulator_industry", "auditor", "outsider"])
def test_only_the_payers_staff_sign_an_act(world, persona):
    stage = submitted(world)
    error = refused(lambda: delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("1000"), actor=world.users[persona]))
    assert "role" in error.reason


def test_an_act_needs_a_report(world):
    stage = world.s1
    # The stage is put to "submitted" without a report (as imported data may be): the act still needs one.
    Stage.objects.filter(pk=stage.pk).update(status="submitted")
    stage.refresh_from_db()
    error = refused(lambda: delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("1000"), actor=world.users["company_a"]))
    assert "report" in error.reason
    delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("1000"), actor=world.users["company_a"], report=report())
    assert Stage.objects.get(pk=stage.pk).status == "accepted"


def test_a_report_is_required_to_submit(world):
    error = refused(lambda: delivery.submit_stage_report(stage=world.s1, report={}, actor=world.users["performer_p"]))
    assert "report" in error.reason


@pytest.mark.parametrize(
    ("act", "words"),
    [
        ({"number": ""}, "number"),
        ({"signed_on": None}, "date"),
        ({"signed_on": timezone.localdate() + timedelta(days=1)}, "future"),
        ({"signed_on": date(2022, 1, 1)}, "before the agreement"),
        ({"amount": Decimal("0")}, "above zero"),
        ({"amount": Decimal("-5")}, "above zero"),
    ],
)
def test_an_act_with_a_missing_or_wrong_field_is_refused(world, act, words):
    stage = submitted(world)
    fields = {"number": "А-1", "signed_on": date(2024, 1, 15), "amount": Decimal("1000")} | act
    error = refused(lambda: delivery.sign_act(stage=stage, actor=world.users["company_a"], **fields))
    assert words in error.reason


def test_a_stage_returned_goes_back_to_the_performer_and_can_be_submitted_again(world):
    stage = submitted(world)
    refused(lambda: delivery.return_stage(stage=stage, reason="  ", actor=world.users["company_a"]))
    delivery.return_stage(stage=stage, reason="Нет протоколов испытаний", actor=world.users["company_a"])
    stage.refresh_from_db()
    assert stage.status == "returned" and stage.return_reason == "Нет протоколов испытаний"
    assert Notification.objects.filter(user=world.users["performer_p"], kind="lifecycle.stage_returned").exists()
    assert AuditEvent.objects.get(action="stage.return").reason == "Нет протоколов испытаний"
    stage = submitted(world, stage)
    assert stage.status == "submitted"


def test_an_accepted_stage_cannot_be_submitted_or_returned(world):
    stage = submitted(world)
    delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("1000"), actor=world.users["company_a"])
    stage.refresh_from_db()
    refused(lambda: delivery.return_stage(stage=stage, reason="x", actor=world.users["company_a"]))
    refused(lambda: delivery.submit_stage_report(stage=stage, report=report(), actor=world.users["performer_p"]))


def test_stages_cannot_exceed_the_agreement_amount(world):
    # The agreement is 5 000 000; stages 1 and 2 already plan 5 000 000.
    error = refused(lambda: delivery.plan_stage(
        agreement=world.ap, number=3, title="Ещё", start_date=date(2025, 1, 1), end_date=date(2025, 6, 30), amount=Decimal("0.01"), actor=world.users["company_a"],
    ))
    assert "agreement" in error.reason


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"number": 1}, "already"),
        ({"number": 0}, "from 1"),
        ({"title": " "}, "title"),
        ({"amount": Decimal("-1")}, "above zero"),
        ({"end_date": date(2023, 1, 1)}, "ends before"),
        ({"end_date": date(2030, 1, 1)}, "outside"),
    ],
)
def test_a_stage_that_does_not_fit_is_refused(world, fields, words):
    Stage.objects.filter(pk=world.s2.pk).update(amount=Decimal("1000000.00"))
    args = {"agreement": world.ap, "number": 3, "title": "Этап 3", "start_date": date(2025, 1, 1), "end_date": date(2025, 6, 30), "amount": Decimal("100"), "actor": world.users["performer_p"]} | fields
    error = refused(lambda: delivery.plan_stage(**args))
    assert words in error.reason


def test_only_the_parties_plan_stages(world):
    Stage.objects.filter(pk=world.s2.pk).update(amount=Decimal("1000000.00"))
    for persona in ("company_b", "performer_q", "regulator_industry", "outsider"):
        error = refused(lambda persona=persona: delivery.plan_stage(
            agreement=world.ap, number=3, title="Этап 3", start_date=date(2025, 1, 1), end_date=date(2025, 6, 30), amount=Decimal("100"), actor=world.users[persona],
        ), code="forbidden")
        assert error.reason
    stage = delivery.plan_stage(agreement=world.ap, number=3, title="Этап 3", start_date=date(2025, 1, 1), end_date=date(2025, 6, 30), amount=Decimal("2000000"), actor=world.users["company_a"])
    assert stage.status == "planned" and AuditEvent.objects.filter(action="stage.plan", object_id=str(stage.pk)).exists()


def test_a_payment_is_linked_to_a_stage_of_its_own_agreement_only(world):
    payment = world.pay_a1
    foreign = Stage.objects.create(agreement=world.bp, number=1, title="B", start_date=date(2024, 3, 1), end_date=date(2024, 12, 31), amount=Decimal("100"))
    error = refused(lambda: delivery.link_payment_to_stage(payment=payment, stage=foreign, actor=world.users["company_a"]))
    assert "another agreement" in error.reason
    refused(lambda: delivery.link_payment_to_stage(payment=payment, stage=world.s1, actor=world.users["performer_p"]), code="forbidden")
    delivery.link_payment_to_stage(payment=payment, stage=world.s1, actor=world.users["company_a"])
    assert Payment.objects.get(pk=payment.pk).stage == world.s1
    event = AuditEvent.objects.get(action="payment.link_stage")
    assert event.before == {"stage": None} and event.after["stage"] == 1
    delivery.link_payment_to_stage(payment=payment, stage=None, actor=world.users["company_a"])
    assert Payment.objects.get(pk=payment.pk).stage is None


def test_the_plan_shows_planned_accepted_and_paid_per_stage(world):
    stage = submitted(world)
    delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=Decimal("1500000"), actor=world.users["company_a"])
    delivery.link_payment_to_stage(payment=world.pay_a1, stage=world.s1, actor=world.users["company_a"])
    plan = delivery.stage_plan(world.ap, world.users["company_a"])
    assert [s.number for s in plan.rows] == [1, 2]
    assert plan.rows[0].accepted == Decimal("1500000") and plan.rows[0].paid == Decimal("1200000.00") and plan.rows[1].paid == 0
    assert plan.planned == Decimal("5000000.00") and plan.accepted == Decimal("1500000") and plan.paid_unlinked == Decimal("470500.50")
    assert plan.paid_beyond_accepted == Decimal("170500.50")
    # Another company sees none of the agreement's payments.
    assert delivery.stage_plan(world.ap, world.users["company_b"]).paid == 0


# --- documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("report.exe", b"MZ" + b"0" * 50, "file_kind"),
        ("report.pdf", b"", "file_empty"),
        ("report.pdf", b"PK\x03\x04" + b"0" * 50, "file_content"),
        ("report.docx", b"%PDF-1.4" + b"0" * 50, "file_content"),
    ],
)
def test_a_report_of_another_kind_is_refused(name, content, code):
    with pytest.raises(ValidationError) as caught:
        check_document(pdf(name, content))
    assert caught.value.code == code


def test_a_report_above_the_size_limit_is_refused(settings):
    settings.NIOKR_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        check_document(pdf())
    assert caught.value.code == "too_large"


def test_a_docx_report_is_kept_by_its_hash(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    kept = keep_document(REPORTS, pdf("отчёт.docx", DOCX))
    assert kept["name"] == "отчёт.docx" and kept["size"] == len(DOCX) and document_path(REPORTS, kept["sha256"]).read_bytes() == DOCX


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=st.decimals(min_value=Decimal("-10"), max_value=Decimal("3000000"), places=2, allow_nan=False, allow_infinity=False))
def test_an_act_is_signed_exactly_when_its_amount_is_above_zero_and_within_the_stage(world, amount):
    stage = Stage.objects.get(pk=world.s1.pk)
    if stage.status != "submitted":
        AcceptanceAct.objects.filter(stage=stage).delete()
        Stage.objects.filter(pk=stage.pk).update(status="submitted", report_name="r.pdf", report_sha256="0" * 64)
        stage.refresh_from_db()
    ok = Decimal(0) < amount <= stage.amount
    try:
        delivery.sign_act(stage=stage, number="А-1", signed_on=date(2024, 1, 15), amount=amount, actor=world.users["company_a"])
    except TransitionRefused:
        assert not ok
        assert Stage.objects.get(pk=stage.pk).status == "submitted"
    else:
        assert ok and Stage.objects.get(pk=stage.pk).act.amount == amount
