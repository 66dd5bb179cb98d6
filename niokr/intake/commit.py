"""Committing a validated submission: one transaction that posts it to the ledger.

* A submission is re-read from its stored file and re-validated against the registry as it is at
  commit time; one error and nothing is written.
* Spending lines become agreements (new numbers only), payments and ``direct_spend`` entries;
  treasury lines become budget transfers and ``budget_transfer`` entries; base-figure lines become
  new base revisions.
* A committed submission for the same organisation, kind and period is superseded: every entry it
  posted is reversed, the new entries are posted, and both versions stay viewable.
* The affected rights are recomputed in the same transaction, so balances never lag the ledger.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from niokr.core.audit import record_event
from niokr.core.bulk import bulk_load
from niokr.core.models import CurrencyRate
from niokr.core.money import quantize_money
from niokr.intake.choices import SubmissionKind, SubmissionStatus
from niokr.intake.models import Submission
from niokr.intake.services import validate_file
from niokr.obligations import services as obligation_services
from niokr.obligations.models import BudgetTransfer, LedgerEntry
from niokr.projects.models import Agreement, Payment

__all__ = ["commit_submission", "CommitSummary"]


@dataclass
class CommitSummary:
    submission: int
    lines: int
    entries_posted: int
    entries_reversed: int
    superseded: int | None
    rights_recomputed: int


def _reference(submission: Submission) -> str:
    return f"SUB-{submission.pk}"


def _pause_for_fault_test() -> None:
    """Test hook: wait inside the transaction until a file appears (lets a test SIGKILL mid-commit)."""
    flag = os.environ.get("NIOKR_TEST_PAUSE_IN_COMMIT")
    if not flag:
        return
    Path(flag + ".ready").write_text("in transaction")
    deadline = time.monotonic() + 60
    while not Path(flag).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def commit_submission(*, submission: Submission, actor=None) -> CommitSummary:
    """Post a validated submission to the ledger (see the module docstring)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status == SubmissionStatus.COMMITTED:
            raise ValidationError({"submission": f"submission {submission.pk} is already committed"}, code="already_committed")
        if submission.status != SubmissionStatus.VALID:
            raise ValidationError({"submission": f"submission {submission.pk} is {submission.status}; only a valid submission is committed"}, code="not_valid")
        data = (Path(settings.DATA_DIR) / "submissions" / submission.sha256).read_bytes()
        result = validate_file(data, kind=submission.kind, organisation=submission.organisation, period_year=submission.period_year, period_quarter=submission.period_quarter, filename=submission.filename)
        if result.errors:
            raise ValidationError({"submission": f"submission {submission.pk} no longer validates: {result.errors} errors"}, code="no_longer_valid")

        previous = (
            Submission.objects.select_for_update()
            .filter(organisation=submission.organisation, kind=submission.kind, period_year=submission.period_year, period_quarter=submission.period_quarter, status=SubmissionStatus.COMMITTED)
            .exclude(pk=submission.pk)
            .first()
        )
        reversed_count = 0
        rights: set[int] = set()
        if previous is not None:
            for entry in LedgerEntry.objects.filter(reference=_reference(previous), reversed_by__isnull=True).exclude(kind="reversal"):
                obligation_services.reverse_entry(entry=entry, reason=f"superseded by {_reference(submission)}", actor=actor, audit=False)
                rights.add(entry.right_id)
                reversed_count += 1
            previous.status = SubmissionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
            submission.supersedes = previous

        if submission.kind == SubmissionKind.SPENDING:
            posted = _post_spending(submission, result.lines, rights)
        elif submission.kind == SubmissionKind.TREASURY:
            posted = _post_treasury(submission, result.lines, rights)
        else:
            posted = _post_bases(submission, result.lines, rights, actor)
        _pause_for_fault_test()

        submission.status = SubmissionStatus.COMMITTED
        submission.committed_at = timezone.now()
        submission.save(update_fields=["status", "committed_at", "supersedes"])
        record_event(
            action="commit_submission",
            object_type="intake.Submission",
            object_id=submission.pk,
            after={"lines": len(result.lines), "entries_posted": posted, "entries_reversed": reversed_count, "supersedes": previous.pk if previous else None},
            actor=actor,
        )
        if rights:
            obligation_services.recompute(right_ids=sorted(rights), actor=actor)
    return CommitSummary(submission.pk, len(result.lines), posted, reversed_count, previous.pk if previous else None, len(rights))


def _post_spending(submission: Submission, lines: list[dict], rights: set[int]) -> int:
    payer = submission.organisation
    known = {a.number: a for a in Agreement.objects.filter(payer=payer)}
    new = {}
    for line in lines:
        number = line["agreement_number"]
        if number not in known and number not in new:
            new[number] = Agreement(
                payer=payer, performer_id=line["performer_id"], number=number, signed_on=line["agreement_date"], subject=line["subject"],
                amount=line["agreement_amount"], period_start=line["period_start"], period_end=line["period_end"], priority_direction=line["direction"] or "",
            )
    # The validator has checked every field and the database constraints guard the rest; a
    # per-object full_clean() would cost several queries per agreement.
    Agreement.objects.bulk_create(new.values(), batch_size=5000)
    known.update({a.number: a for a in Agreement.objects.filter(payer=payer, number__in=list(new))})
    foreign_days = {line["payment_date"] for line in lines if (line["currency"] or "KZT") != "KZT"}
    rates = {(c, d): r for c, d, r in CurrencyRate.objects.filter(on_date__in=foreign_days).values_list("currency", "on_date", "rate")} if foreign_days else {}
    payments = []
    for line in lines:
        currency = line["currency"] or "KZT"
        if currency == "KZT":
            amount_kzt, original, rate = line["amount"], None, None
        else:
            rate = rates[(currency, line["payment_date"])]
            amount_kzt, original = quantize_money(line["amount"] * rate), line["amount"]
        payments.append(
            Payment(
                agreement=known[line["agreement_number"]], right_id=line["right_id"], paid_on=line["payment_date"], amount=amount_kzt, currency=currency,
                original_amount=original, rate=rate, purpose=line["purpose"], document_number=line["document_number"], for_year=line.get("for_year"),
                source_submission=submission.pk,
            )
        )
    Payment.objects.bulk_create(payments, batch_size=5000)
    if not payments or payments[0].pk is None:
        payments = list(Payment.objects.filter(source_submission=submission.pk).select_related("agreement").order_by("id"))
    now = timezone.now()
    reference = _reference(submission)
    rows = []
    for p in payments:
        rights.add(p.right_id)
        rows.append((p.right_id, p.for_year or p.paid_on.year, "direct_spend", "direct_spend", "direct", p.amount, p.paid_on, p.agreement.performer_id,
                     "projects.Payment", str(p.pk), "", reference, f"payment:{p.pk}", now))
    return bulk_load(LedgerEntry, ["right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer_id", "source_type", "source_id", "regime_code", "reference", "idempotency_key", "created_at"], rows, batch_rows=5000)


def _post_treasury(submission: Submission, lines: list[dict], rights: set[int]) -> int:
    transfers = [
        BudgetTransfer(payer_id=line["payer_id"], right_id=line["right_id"], order_number=line["order_number"], paid_on=line["paid_on"], amount=line["amount"],
                       kbk=line["kbk"], for_year=line["for_year"], treasury_confirmed=True, source_submission=submission.pk)
        for line in lines
    ]
    BudgetTransfer.objects.bulk_create(transfers, batch_size=5000)
    transfers = list(BudgetTransfer.objects.filter(source_submission=submission.pk).order_by("id"))
    now = timezone.now()
    reference = _reference(submission)
    rows = []
    for t in transfers:
        rights.add(t.right_id)
        rows.append((t.right_id, t.for_year or t.paid_on.year, "budget_transfer", "budget_transfer", "budget", t.amount, t.paid_on, "obligations.BudgetTransfer", str(t.pk), "", reference, f"transfer:{t.pk}", now))
    return bulk_load(LedgerEntry, ["right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "source_type", "source_id", "regime_code", "reference", "idempotency_key", "created_at"], rows, batch_rows=5000)


def _post_bases(submission: Submission, lines: list[dict], rights: set[int], actor) -> int:
    from niokr.registry.models import SubsoilRight

    by_id = SubsoilRight.objects.in_bulk([line["right_id"] for line in lines])
    for line in lines:
        obligation_services.record_base_figure(
            right=by_id[line["right_id"]], year=line["year"], base_type=line["base_type"], amount=line["amount"], source="report",
            document=line.get("document") or _reference(submission), actor=actor,
        )
        rights.add(line["right_id"])
    return 0
