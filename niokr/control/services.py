"""Audit cases: open from flags, assign, request documents, answer, record findings, close.

Every write re-checks the actor's right inside its transaction and is recorded in the audit
trail. Confirming a case posts one ledger exclusion per confirmed money item (the case reference
on each), recomputes the affected rights and sends the company a notice; dismissing changes no
balance and marks the items dismissed (the evaluation of the engine reads them back).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.accounts.scoping import scope_for
from niokr.control.choices import CaseStatus, ItemDecision, NoticeKind
from niokr.control.models import AuditCase, CaseItem, DocumentRequest, Flag, Notice
from niokr.core.audit import record_event
from niokr.core.money import quantize_money
from niokr.obligations import services as ledger
from niokr.obligations.choices import Channel, EntryKind
from niokr.projects.models import Agreement, Payment
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "can_audit", "can_open_case", "may_open_case_on", "can_answer", "open_case", "assign_case", "request_documents", "answer_request",
    "record_findings", "confirm_case", "dismiss_case", "Exclusion",
]


def can_audit(user) -> bool:
    """Auditors and administrators run cases (regulators read them)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    today = timezone.localdate()
    return any(m.role in (Role.AUDITOR, Role.ADMINISTRATOR) and m.is_active_on(today) for m in user.memberships.all())


def can_open_case(user) -> bool:
    """Who opens audit cases: auditors and administrators, and the regulators of a competent ministry.

    A regulator opens cases only on the subsoil users of its competence (those holding a right of a
    mineral group its ministry supervises, :func:`may_open_case_on`); the control body (auditors and
    administrators) then works the case: assigns it, requests documents and decides.
    """
    return can_audit(user) or bool(scope_for(user).mineral_groups)


def may_open_case_on(user, payer_id: int | None) -> bool:
    """Whether ``user`` may open a case on the subsoil user ``payer_id`` (see :func:`can_open_case`)."""
    if payer_id is None:
        return False
    if can_audit(user):
        return True
    groups = scope_for(user).mineral_groups
    return bool(groups) and SubsoilRight.objects.filter(holder_id=payer_id, mineral_group__in=groups).exists()


def can_answer(user, case: AuditCase) -> bool:
    """Staff of the audited company answer its document requests."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return case.payer_id in scope_for(user).company_ids


def _require_auditor(actor) -> None:
    if not can_audit(actor):
        raise PermissionDenied(_("Only auditors and administrators can work on audit cases."))


def _locked(case: AuditCase) -> AuditCase:
    case = AuditCase.objects.select_for_update().get(pk=case.pk)
    if case.is_closed:
        raise ValidationError(_("Case %(ref)s is closed.") % {"ref": case.reference}, code="case_closed")
    return case


def _reference(case: AuditCase) -> str:
    """``CASE-<year>-<id>``: unique by construction (the id), readable (the year it was opened)."""
    return f"CASE-{case.opened_at.astimezone(timezone.get_current_timezone()).year}-{case.pk:06d}"


def open_case(*, actor, flag_ids: Iterable[int], title: str = "") -> AuditCase:
    """Open a case from flags of one subsoil user (current or not: a flag is copied into the case).

    An auditor or administrator who opens it is its assignee; a case a regulator opens waits,
    unassigned, for the control body. The right to open it on this subsoil user is checked again
    inside the transaction.
    """
    if not can_open_case(actor):
        raise PermissionDenied(_("Only auditors, administrators and the regulators of the competent ministry open audit cases."))
    ids = sorted(set(int(i) for i in flag_ids))
    if not ids:
        raise ValidationError(_("Choose at least one flag."), code="no_flags")
    with transaction.atomic():
        flags = list(Flag.objects.visible_to(actor).filter(pk__in=ids).order_by("pk"))
        if len(flags) != len(ids):
            raise ValidationError(_("Some of the chosen flags do not exist or are not visible to you."), code="flag_unknown")
        payers = {f.payer_id for f in flags}
        if len(payers) != 1 or None in payers:
            raise ValidationError(_("A case concerns one subsoil user: choose flags of one subsoil user."), code="several_payers")
        payer_id = payers.pop()
        if not may_open_case_on(actor, payer_id):
            raise PermissionDenied(_("A regulator opens cases only on the subsoil users of its ministry's competence."))
        case = AuditCase.objects.create(
            reference=f"pending-{uuid.uuid4().hex[:24]}", payer_id=payer_id,
            title=(title or _("Audit of flagged spending")).strip()[:300], opened_by=actor, assignee=actor if can_audit(actor) else None,
        )
        case.reference = _reference(case)
        case.save(update_fields=["reference"])
        seen = set()
        items = []
        for f in flags:
            key = (f.indicator, f.subject_type, f.subject_id, f.year)
            if key in seen:
                continue
            seen.add(key)
            items.append(CaseItem(case=case, indicator=f.indicator, version=f.version, subject_type=f.subject_type, subject_id=f.subject_id, year=f.year, amount=f.amount, evidence=f.evidence))
        CaseItem.objects.bulk_create(items)
        record_event(action="open_case", object_type="control.AuditCase", object_id=case.pk, actor=actor, after={"reference": case.reference, "payer": case.payer_id, "flags": ids})
    return case


def assign_case(*, actor, case: AuditCase, assignee) -> AuditCase:
    _require_auditor(actor)
    if not can_audit(assignee):
        raise ValidationError(_("A case can be assigned to an auditor or administrator only."), code="assignee_not_auditor")
    with transaction.atomic():
        case = _locked(case)
        before = case.assignee_id
        case.assignee = assignee
        case.save(update_fields=["assignee"])
        record_event(action="assign_case", object_type="control.AuditCase", object_id=case.pk, actor=actor, before={"assignee": before}, after={"assignee": assignee.pk})
    return case


def request_documents(*, actor, case: AuditCase, text: str, due_on: date) -> DocumentRequest:
    """Ask the company for documents; it sees the request in its pages (and a notice)."""
    _require_auditor(actor)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Say which documents are requested."), code="request_empty")
    if due_on < timezone.localdate():
        raise ValidationError(_("The answer date cannot be in the past."), code="due_in_past")
    with transaction.atomic():
        case = _locked(case)
        req = DocumentRequest.objects.create(case=case, text=text, due_on=due_on, requested_by=actor)
        case.status = CaseStatus.DOCUMENTS_REQUESTED
        case.save(update_fields=["status"])
        Notice.objects.create(organisation_id=case.payer_id, case=case, kind=NoticeKind.DOCUMENT_REQUEST, params={"reference": case.reference, "due_on": due_on.isoformat(), "text": text})
        record_event(action="request_documents", object_type="control.AuditCase", object_id=case.pk, actor=actor, after={"request": req.pk, "due_on": due_on, "text": text})
    return req


def answer_request(*, actor, request: DocumentRequest, answer: str, file_name: str = "", file_sha256: str = "") -> DocumentRequest:
    """The company's answer (text, and the name and hash of a stored attachment)."""
    with transaction.atomic():
        req = DocumentRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
        if not can_answer(actor, req.case):
            raise PermissionDenied(_("Only staff of the audited company can answer its document requests."))
        if req.case.is_closed:
            raise ValidationError(_("Case %(ref)s is closed.") % {"ref": req.case.reference}, code="case_closed")
        if req.answered_at is not None:
            raise ValidationError(_("This request has already been answered."), code="already_answered")
        answer = (answer or "").strip()
        if not answer and not file_name:
            raise ValidationError(_("Write an answer or attach a file."), code="answer_empty")
        req.answer, req.answer_file, req.answer_sha256 = answer, file_name[:255], file_sha256
        req.answered_by, req.answered_at = actor, timezone.now()
        req.save(update_fields=["answer", "answer_file", "answer_sha256", "answered_by", "answered_at"])
        case = req.case
        if not case.requests.filter(answered_at__isnull=True).exists():
            case.status = CaseStatus.UNDER_REVIEW  # every request answered: the auditor's turn
            case.save(update_fields=["status"])
        record_event(action="answer_request", object_type="control.DocumentRequest", object_id=req.pk, actor=actor, after={"case": case.reference, "answer": answer, "file": file_name, "sha256": file_sha256})
    return req


def record_findings(*, actor, case: AuditCase, findings: str) -> AuditCase:
    _require_auditor(actor)
    with transaction.atomic():
        case = _locked(case)
        before = case.findings
        case.findings = (findings or "").strip()
        case.save(update_fields=["findings"])
        record_event(action="record_findings", object_type="control.AuditCase", object_id=case.pk, actor=actor, before={"findings": before}, after={"findings": case.findings})
    return case


@dataclass(frozen=True)
class Exclusion:
    """What confirming an item posts: the right, year, performer, date and amount.

    ``payment_id`` names the payment an agreement's exclusion was allocated to (``None`` for a
    payment item, whose exclusion is the payment's own).
    """

    right_id: int
    year: int
    performer_id: int
    entry_date: date
    amount: Decimal
    payment_id: int | None = None


def _counted_payments(agreement_id: int) -> list[Payment]:
    """The agreement's payments that count in the ledger: a superseded report's rows are left out."""
    from niokr.intake.choices import SubmissionStatus
    from niokr.intake.models import Submission

    superseded = Submission.objects.filter(status=SubmissionStatus.SUPERSEDED).values("pk")
    return list(Payment.objects.filter(agreement_id=agreement_id).exclude(source_submission__in=superseded).order_by("paid_on", "id"))


def _allocate(value: Decimal, payments: list[Payment]) -> list[Decimal]:
    """Share ``value`` among ``payments`` in proportion to their amounts, to the tiyn, never above one.

    The shares add up to ``value`` exactly; a leftover tiyn goes to the latest payments with room.
    """
    total = sum((p.amount for p in payments), Decimal(0))
    if total <= 0:
        return [Decimal(0) for _p in payments]
    tiyn = int(quantize_money(value) * 100)
    amounts = [int(p.amount * 100) for p in payments]
    shares = [tiyn * a // int(total * 100) for a in amounts]
    left = tiyn - sum(shares)
    for i in reversed(range(len(shares))):
        if left <= 0:
            break
        room = min(left, amounts[i] - shares[i])
        shares[i] += room
        left -= room
    return [Decimal(s).scaleb(-2) for s in shares]


def _exclusions_for(item: CaseItem, amount: Decimal | None) -> list[Exclusion]:
    """The ledger exclusions a confirmed item posts (none when the item carries no money).

    An agreement's exclusion is allocated to the payments it comes from — their rights, the years
    they count toward, their dates — in proportion to the amounts paid, so that each part nets
    against the spending it removes (posted whole to one year, the part above that year's
    fulfilment would be lost to the clamp).
    """
    if item.subject_type == "agreement":
        agreement = Agreement.objects.filter(pk=item.subject_id).first()
        payments = _counted_payments(item.subject_id) if agreement is not None else []
        if not payments:
            return []
        paid = sum((p.amount for p in payments), Decimal(0))
        if amount is not None and amount > paid:
            raise ValidationError(_("More than was paid under the agreement cannot be excluded (%(number)s).") % {"number": agreement.number}, code="exclusion_above_payment")
        value = min(item.amount or Decimal(0), paid) if amount is None else amount
        return [
            Exclusion(p.right_id, p.for_year or p.paid_on.year, agreement.performer_id, p.paid_on, share, p.pk)
            for p, share in zip(payments, _allocate(value, payments), strict=True)
            if share > 0
        ]
    exclusion = _exclusion_for(item, amount)
    return [exclusion] if exclusion is not None else []


def _exclusion_for(item: CaseItem, amount: Decimal | None) -> Exclusion | None:
    """The ledger exclusion a confirmed payment item posts, or ``None`` when the item carries no money."""
    if item.subject_type == "payment":
        p = Payment.objects.select_related("agreement").filter(pk=item.subject_id).first()
        if p is None:
            return None
        value = p.amount if amount is None else amount
        if value > p.amount:
            raise ValidationError(_("More than the payment's amount cannot be excluded (%(doc)s).") % {"doc": p.document_number}, code="exclusion_above_payment")
        return Exclusion(p.right_id, p.for_year or p.paid_on.year, p.agreement.performer_id, p.paid_on, value)
    return None


def confirm_case(*, actor, case: AuditCase, reason: str, amounts: Mapping[int, Decimal | None] | None = None, dismissed_items: Iterable[int] = ()) -> AuditCase:
    """Close as confirmed: exclusions with the case reference, balances recomputed, a notice sent.

    ``amounts`` may set the amount excluded per item id (default: the payment's amount, or for an
    agreement the amount at stake); items in ``dismissed_items`` are dismissed within the case.
    """
    _require_auditor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the decision."), code="reason_empty")
    amounts = dict(amounts or {})
    dismissed = set(int(i) for i in dismissed_items)
    with transaction.atomic():
        case = _locked(case)
        total = Decimal(0)
        rights: set[int] = set()
        items = list(case.items.order_by("pk"))
        if all(i.pk in dismissed for i in items):
            raise ValidationError(_("Confirm at least one item, or dismiss the case."), code="nothing_confirmed")
        for item in items:
            if item.pk in dismissed:
                item.decision, item.excluded = ItemDecision.DISMISSED, Decimal(0)
                item.save(update_fields=["decision", "excluded"])
                continue
            excluded = Decimal(0)
            for exclusion in _exclusions_for(item, amounts.get(item.pk)):
                if exclusion.amount <= 0:
                    continue
                part = quantize_money(exclusion.amount)
                key = f"exclusion:{case.reference}:{item.pk}" + (f":{exclusion.payment_id}" if exclusion.payment_id is not None else "")
                ledger.post_entry(
                    right=SubsoilRight.objects.get(pk=exclusion.right_id), year=exclusion.year, kind=EntryKind.EXCLUSION, amount=part,
                    entry_date=exclusion.entry_date, idempotency_key=key, channel=Channel.DIRECT,
                    performer=Organisation.objects.get(pk=exclusion.performer_id), source_type="control.CaseItem", source_id=str(item.pk),
                    reference=case.reference, actor=actor,
                )
                rights.add(exclusion.right_id)
                excluded += part
            total += excluded
            item.decision, item.excluded = ItemDecision.CONFIRMED, excluded
            item.save(update_fields=["decision", "excluded"])
        case.status, case.decision_reason, case.excluded_total, case.closed_at = CaseStatus.CONFIRMED, reason, total, timezone.now()
        case.save(update_fields=["status", "decision_reason", "excluded_total", "closed_at"])
        if rights:
            ledger.recompute(right_ids=sorted(rights), actor=actor)
        Notice.objects.create(organisation_id=case.payer_id, case=case, kind=NoticeKind.CASE_CONFIRMED, params={"reference": case.reference, "excluded": f"{total:.2f}", "reason": reason})
        record_event(action="confirm_case", object_type="control.AuditCase", object_id=case.pk, actor=actor, after={"excluded": total, "rights": sorted(rights), "dismissed_items": sorted(dismissed)}, reason=reason)
    return case


def dismiss_case(*, actor, case: AuditCase, reason: str) -> AuditCase:
    """Close without findings: no balance changes; every item is marked dismissed."""
    _require_auditor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the decision."), code="reason_empty")
    with transaction.atomic():
        case = _locked(case)
        case.items.update(decision=ItemDecision.DISMISSED, excluded=0)
        case.status, case.decision_reason, case.closed_at = CaseStatus.DISMISSED, reason, timezone.now()
        case.save(update_fields=["status", "decision_reason", "closed_at"])
        Notice.objects.create(organisation_id=case.payer_id, case=case, kind=NoticeKind.CASE_DISMISSED, params={"reference": case.reference, "reason": reason})
        record_event(action="dismiss_case", object_type="control.AuditCase", object_id=case.pk, actor=actor, after={"status": case.status}, reason=reason)
    return case
