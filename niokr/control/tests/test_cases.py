"""Audit cases: the workflow, its permissions, and what a decision does to the ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from niokr.control import services
from niokr.control.models import AuditCase, CaseItem, Notice
from niokr.core.models import AuditEvent
from niokr.obligations.models import LedgerEntry, RightYearBalance

pytestmark = pytest.mark.django_db


def _balance(right, year=2025):
    return RightYearBalance.objects.get(right=right, year=year)


def _open(a):
    return services.open_case(actor=a.auditor, flag_ids=[f.pk for f in a.flags], title="Purchase of equipment")


def test_a_case_opened_from_flags_copies_them(audited):
    case = _open(audited)
    assert case.reference.startswith(f"CASE-{timezone.localdate().year}-")
    assert case.payer == audited.company and case.status == "open" and case.assignee == audited.auditor
    items = list(case.items.order_by("indicator"))
    assert [(i.indicator, i.subject_type, i.subject_id) for i in items] == [("NK-07", "payment", audited.payments[1].pk), ("NK-08", "payer_year", audited.company.pk)]
    assert items[0].evidence["document_number"] == "PP-2"
    assert AuditEvent.objects.filter(action="open_case", object_id=str(case.pk)).exists()


def test_only_the_control_body_and_the_competent_regulator_open_cases(audited):
    for user in (audited.staff, audited.outsider):
        with pytest.raises(PermissionDenied):
            services.open_case(actor=user, flag_ids=[audited.flags[0].pk])
    assert not AuditCase.objects.exists()
    assert services.can_open_case(audited.regulator) and not services.can_open_case(audited.staff)


def test_a_regulator_opens_a_case_on_a_subsoil_user_of_its_competence_and_it_waits_for_the_control_body(audited):
    # The company holds a hydrocarbon right: the Ministry of Energy is competent.
    case = services.open_case(actor=audited.regulator, flag_ids=[f.pk for f in audited.flags], title="Referred by the ministry")
    assert case.payer == audited.company and case.opened_by == audited.regulator and case.assignee is None
    assert AuditEvent.objects.filter(action="open_case", object_id=str(case.pk), actor_id=audited.regulator.pk).exists()
    with pytest.raises(PermissionDenied):  # the control body works the case
        services.request_documents(actor=audited.regulator, case=case, text="Acts", due_on=timezone.localdate())
    services.assign_case(actor=audited.auditor, case=case, assignee=audited.auditor)


def test_a_regulator_of_another_ministry_cannot_open_a_case_on_the_company(audited):
    from django.contrib.auth import get_user_model

    from niokr.accounts.models import Membership

    industry = get_user_model().objects.create_user(username="regulator-mic", password="x-very-long-pass", language="en")
    Membership.objects.create(user=industry, organisation=audited.regulator.memberships.get().organisation, role="regulator", authority="industry")
    assert services.can_open_case(industry) and not services.may_open_case_on(industry, audited.company.pk)
    with pytest.raises((PermissionDenied, ValidationError)):
        services.open_case(actor=industry, flag_ids=[audited.flags[0].pk])
    assert not AuditCase.objects.exists()


def test_a_case_concerns_one_subsoil_user(audited):
    from niokr.control.models import Flag

    stray = Flag.objects.create(run=audited.run, indicator="NK-07", version=1, subject_type="payment", subject_id=999, year=2025, payer=audited.other, evidence={})
    with pytest.raises(ValidationError) as exc:
        services.open_case(actor=audited.auditor, flag_ids=[audited.flags[0].pk, stray.pk])
    assert exc.value.code == "several_payers"
    with pytest.raises(ValidationError) as exc:
        services.open_case(actor=audited.auditor, flag_ids=[])
    assert exc.value.code == "no_flags"
    with pytest.raises(ValidationError) as exc:
        services.open_case(actor=audited.auditor, flag_ids=[123456])
    assert exc.value.code == "flag_unknown"


def test_document_request_and_answer(audited):
    case = _open(audited)
    due = timezone.localdate() + timedelta(days=10)
    req = services.request_documents(actor=audited.auditor, case=case, text="Acts of acceptance and the technical assignment", due_on=due)
    case.refresh_from_db()
    assert case.status == "documents_requested"
    notice = Notice.objects.get(case=case)
    assert notice.organisation == audited.company and notice.kind == "document_request" and notice.params["due_on"] == due.isoformat()
    with pytest.raises(PermissionDenied):
        services.answer_request(actor=audited.other_staff, request=req, answer="not ours")
    with pytest.raises(PermissionDenied):
        services.answer_request(actor=audited.auditor, request=req, answer="I am not the company")
    with pytest.raises(ValidationError):
        services.answer_request(actor=audited.staff, request=req, answer="  ")
    services.answer_request(actor=audited.staff, request=req, answer="Attached: act No. 5", file_name="act.pdf", file_sha256="a" * 64)
    req.refresh_from_db()
    case.refresh_from_db()
    assert req.answered_by == audited.staff and req.answer_file == "act.pdf" and case.status == "under_review"
    with pytest.raises(ValidationError) as exc:
        services.answer_request(actor=audited.staff, request=req, answer="again")
    assert exc.value.code == "already_answered"


def test_a_request_cannot_be_due_in_the_past(audited):
    case = _open(audited)
    with pytest.raises(ValidationError) as exc:
        services.request_documents(actor=audited.auditor, case=case, text="x", due_on=date(2000, 1, 1))
    assert exc.value.code == "due_in_past"


def test_confirmed_case_changes_the_balance_by_exactly_the_excluded_amount(audited):
    before = _balance(audited.right)
    case = _open(audited)
    services.record_findings(actor=audited.auditor, case=case, findings="The payment bought equipment, not research.")
    services.confirm_case(actor=audited.auditor, case=case, reason="Equipment is not R&D (Code art. 129)")
    after = _balance(audited.right)
    assert before.fulfilled - after.fulfilled == Decimal("50000.00")
    # Fulfilment less obligation moves by the same amount; the surplus of 10 000 turns into arrears of 40 000.
    assert (before.fulfilled - before.obligation) - (after.fulfilled - after.obligation) == Decimal("50000.00")
    assert (before.arrears, after.arrears) == (Decimal("0.00"), Decimal("40000.00"))
    entry = LedgerEntry.objects.get(kind="exclusion", reference=case.reference)
    assert entry.amount == Decimal("50000.00") and entry.right == audited.right and entry.year == 2025 and entry.performer == audited.institute
    assert entry.entry_date == audited.payments[1].paid_on
    case.refresh_from_db()
    assert case.status == "confirmed" and case.excluded_total == Decimal("50000.00") and case.closed_at is not None
    assert {i.indicator: (i.decision, i.excluded) for i in case.items.all()} == {"NK-07": ("confirmed", Decimal("50000.00")), "NK-08": ("confirmed", Decimal("0.00"))}
    assert Notice.objects.filter(case=case, kind="case_confirmed", organisation=audited.company).exists()
    assert AuditEvent.objects.filter(action="confirm_case", object_id=str(case.pk)).exists()
    # A closed case takes no more actions.
    with pytest.raises(ValidationError):
        services.dismiss_case(actor=audited.auditor, case=case, reason="changed my mind")


def test_a_partial_exclusion_and_a_dismissed_item(audited):
    before = _balance(audited.right)
    case = _open(audited)
    items = {i.indicator: i for i in case.items.all()}
    services.confirm_case(actor=audited.auditor, case=case, reason="Half of it was equipment", amounts={items["NK-07"].pk: Decimal("20000.00")}, dismissed_items=[items["NK-08"].pk])
    assert before.fulfilled - _balance(audited.right).fulfilled == Decimal("20000.00")
    assert CaseItem.objects.get(pk=items["NK-08"].pk).decision == "dismissed"
    with pytest.raises(ValidationError):
        other = services.open_case(actor=audited.auditor, flag_ids=[audited.flags[0].pk])
        services.confirm_case(actor=audited.auditor, case=other, reason="too much", amounts={other.items.get().pk: Decimal("999999.00")})


def test_dismissed_case_changes_no_balance(audited):
    before = _balance(audited.right)
    entries = LedgerEntry.objects.count()
    case = _open(audited)
    with pytest.raises(ValidationError):
        services.dismiss_case(actor=audited.auditor, case=case, reason="")
    services.dismiss_case(actor=audited.auditor, case=case, reason="The equipment was a prototype built under the agreement")
    after = _balance(audited.right)
    assert (after.fulfilled, after.arrears, after.credit_out) == (before.fulfilled, before.arrears, before.credit_out)
    assert LedgerEntry.objects.count() == entries
    assert set(case.items.values_list("decision", flat=True)) == {"dismissed"}
    assert Notice.objects.filter(case=case, kind="case_dismissed").exists()


def test_assignment_goes_to_auditors_only(audited):
    case = _open(audited)
    with pytest.raises(ValidationError):
        services.assign_case(actor=audited.auditor, case=case, assignee=audited.staff)
    with pytest.raises(PermissionDenied):
        services.assign_case(actor=audited.staff, case=case, assignee=audited.auditor)


def test_company_sees_its_case_only_once_written_to(audited):
    case = _open(audited)
    assert not AuditCase.objects.visible_to(audited.staff).exists()
    services.request_documents(actor=audited.auditor, case=case, text="Acts", due_on=timezone.localdate() + timedelta(days=5))
    assert list(AuditCase.objects.visible_to(audited.staff)) == [case]
    assert not AuditCase.objects.visible_to(audited.other_staff).exists()
    assert not AuditCase.objects.visible_to(audited.outsider).exists()
    assert list(AuditCase.objects.visible_to(audited.regulator)) == [case]  # hydrocarbons: the energy ministry
    assert list(Notice.objects.visible_to(audited.staff)) == list(Notice.objects.filter(case=case))
    assert not Notice.objects.visible_to(audited.other_staff).exists()


def test_flags_are_never_shown_to_companies(audited):
    from niokr.control.models import Flag

    assert Flag.objects.visible_to(audited.staff).count() == 0
    assert Flag.objects.visible_to(audited.outsider).count() == 0
    assert Flag.objects.visible_to(audited.auditor).count() == 2
    assert Flag.objects.visible_to(audited.regulator).count() == 2


def test_year_flags_of_one_subject_stay_apart(audited):
    from niokr.control.models import Flag

    earlier = Flag.objects.create(run=audited.run, indicator="NK-08", version=1, subject_type="payer_year", subject_id=audited.company.pk, year=2024, payer=audited.company, evidence={})
    case = services.open_case(actor=audited.auditor, flag_ids=[audited.flags[1].pk, earlier.pk])
    assert sorted(case.items.values_list("year", flat=True)) == [2024, 2025]


def test_references_are_unique_by_construction(audited):
    first = _open(audited)
    second = _open(audited)
    assert first.reference == f"CASE-{first.opened_at.year}-{first.pk:06d}" and first.reference != second.reference


def test_the_case_waits_for_every_request_to_be_answered(audited):
    case = _open(audited)
    due = timezone.localdate() + timedelta(days=10)
    one = services.request_documents(actor=audited.auditor, case=case, text="Acts", due_on=due)
    two = services.request_documents(actor=audited.auditor, case=case, text="Technical assignment", due_on=due)
    services.answer_request(actor=audited.staff, request=one, answer="Acts attached")
    case.refresh_from_db()
    assert case.status == "documents_requested"
    services.answer_request(actor=audited.staff, request=two, answer="Assignment attached")
    case.refresh_from_db()
    assert case.status == "under_review"
    event = AuditEvent.objects.filter(action="answer_request").order_by("-seq").first()
    assert event.after["answer"] == "Assignment attached"
