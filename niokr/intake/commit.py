"""Committing a validated submission: one transaction that posts it to the ledger.

* A submission committed later than it was received is re-read from its stored file and
  re-validated against the registry as it is at commit time; one error and nothing is written.
  ``niokr intake submit`` commits in the same call from the validation it has just made.
* Payments, transfers and their ledger entries are written set-wise (PostgreSQL ``COPY`` from
  polars frames, with primary keys reserved in one block), so that a million lines post in seconds.
* Spending lines become agreements (new numbers only), payments and ``direct_spend`` entries;
  treasury lines become budget transfers and ``budget_transfer`` entries; base-figure lines become
  new base revisions.
* A committed submission for the same organisation, kind and period is superseded: every entry it
  posted is reversed, the new entries are posted, and both versions stay viewable. An annual
  spending or treasury report also supersedes the committed quarterly ones of its year (it holds
  their lines); a quarterly one of a year whose annual report is committed is refused in validation.
* The affected rights are recomputed in the same transaction, so balances never lag the ledger.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.audit import record_event, seal_ledger
from niokr.core.bulk import copy_frame, reserve_ids
from niokr.core.files import kept_path
from niokr.core.models import CurrencyRate
from niokr.core.money import quantize_money
from niokr.intake.choices import SubmissionKind, SubmissionStatus
from niokr.intake.models import Submission
from niokr.intake.project_forms import PROJECT_KINDS
from niokr.intake.services import ANNUAL_SUPERSEDES_QUARTERS, SUBMISSIONS_FOLDER, check_may_credit, check_may_submit, validate_file
from niokr.intake.validation import MONEY, ValidationResult
from niokr.obligations import services as obligation_services
from niokr.obligations.choices import EntryKind
from niokr.obligations.models import BudgetTransfer, LedgerEntry
from niokr.projects.choices import ProjectStatus
from niokr.projects.models import Agreement, Payment, Project

__all__ = ["commit_for", "commit_submission", "CommitSummary", "COMMIT_REFUSALS", "COMMITTABLE", "stored_file"]


@dataclass
class CommitSummary:
    submission: int
    lines: int
    entries_posted: int
    entries_reversed: int
    superseded: int | None
    rights_recomputed: int
    superseded_all: tuple[int, ...] = ()  # every submission superseded (an annual report: also its year's quarters)


def _reference(submission: Submission) -> str:
    """The ledger's key of a submission's entries (``SUB-<id>``, kept as it was first written so that a
    later correction finds and reverses them). People see :attr:`Submission.reference`."""
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


COMMIT_REFUSALS = {
    "already_committed": _("This submission is already committed."),
    "not_valid": _("Only a valid submission is committed."),
    "no_longer_valid": _("The file no longer passes validation against the registry as it is now; nothing was committed."),
    "commit_failed": _("The database refused the commit and nothing was posted; the submission is marked as a failed commit with the reason, and can be committed again once the cause is removed."),
}

#: The statuses a commit starts from: a valid submission, or one whose commit the database refused
#: (committed again once the cause is removed; the stored file is then validated afresh).
COMMITTABLE = (SubmissionStatus.VALID, SubmissionStatus.FAILED)


def commit_for(*, submission: Submission, actor) -> CommitSummary:
    """Commit ``submission`` on behalf of ``actor``: :func:`commit_submission` with the actor's rights.

    Inside the commit's transaction the submission must still be visible to the actor and the actor
    allowed to submit for its organisation (else ``PermissionDenied``), and a regulator's treasury
    file may only credit rights in the regulator's competence (:func:`check_may_credit`).
    """
    return _commit(submission.pk, actor=actor, validated=None, on_behalf=True)


def commit_submission(*, submission: Submission, actor=None, validated: ValidationResult | None = None) -> CommitSummary:
    """Post a valid submission to the ledger (see the module docstring), as the system.

    ``validated`` is the validation of this submission made by :func:`receive_submission` in the
    same call (``niokr intake submit``): the file is then not read and checked a second time.
    Without it the stored file is re-validated against the registry as it is now.

    Every database constraint a commit can meet has its validation rule first. Should the database
    refuse a commit all the same, nothing is posted, the submission is marked ``failed`` with the
    reason (``failure_reason``, an audit event ``commit_failed``) and
    ``ValidationError(code="commit_failed")`` is raised: it is never left valid but uncommittable,
    and once the cause is removed it is committed again.
    """
    return _commit(submission.pk, actor=actor, validated=validated, on_behalf=False)


def _commit(pk: int, *, actor, validated: ValidationResult | None, on_behalf: bool) -> CommitSummary:
    """The one path of every commit: the checks, then the posting in a savepoint of the same
    transaction, so that a refusal by the database is recorded while the submission stays locked."""
    with transaction.atomic():
        submission, result = _checked(pk, actor=actor, validated=validated, on_behalf=on_behalf)
        try:
            with transaction.atomic():
                return _post(submission, result, actor=actor)
        except DatabaseError as exc:
            refused = exc
            _mark_failed(pk, exc, actor=actor)
    raise ValidationError(COMMIT_REFUSALS["commit_failed"], code="commit_failed") from refused


def _checked(pk: int, *, actor, validated: ValidationResult | None, on_behalf: bool) -> tuple[Submission, ValidationResult]:
    """Every check made before a commit, written once: the submission locked (and, on behalf of
    ``actor``, visible to them and theirs to send), committable, its file still valid against the
    registry as it is now, and (on behalf of ``actor``) crediting only rights they may credit.
    A refusal raises before anything is written."""
    submissions = Submission.objects.visible_to(actor) if on_behalf else Submission.objects.all()
    submission = submissions.select_for_update().filter(pk=pk).first()
    if submission is None:
        if on_behalf:
            raise PermissionDenied(_("You may not commit this submission."))
        raise Submission.DoesNotExist(f"submission {pk} does not exist")
    if on_behalf:
        check_may_submit(actor=actor, organisation=submission.organisation, kind=submission.kind)
    if submission.status in (SubmissionStatus.COMMITTED, SubmissionStatus.SUPERSEDED):
        raise ValidationError(COMMIT_REFUSALS["already_committed"], code="already_committed")
    if submission.status not in COMMITTABLE:
        raise ValidationError(COMMIT_REFUSALS["not_valid"], code="not_valid")
    result = validated if submission.status == SubmissionStatus.VALID else None
    if result is None:
        result = validate_file(stored_file(submission), kind=submission.kind, organisation=submission.organisation, period_year=submission.period_year,
                               period_quarter=submission.period_quarter, filename=submission.filename)
    if result.errors or result.frame is None:
        raise ValidationError(COMMIT_REFUSALS["no_longer_valid"], code="no_longer_valid")
    if on_behalf and result.frame.height and "right_id" in result.frame.columns:
        check_may_credit(actor=actor, kind=submission.kind, right_ids=set(result.frame["right_id"].unique().to_list()))
    return submission, result


def _mark_failed(pk: int, exc: DatabaseError, *, actor) -> None:
    """Record why the database refused the commit of submission ``pk`` (its savepoint is gone)."""
    reason = " ".join(str(exc).split())[:300] or type(exc).__name__
    submission = Submission.objects.select_for_update().get(pk=pk)
    before = submission.status
    submission.status = SubmissionStatus.FAILED
    submission.failure_reason = reason
    submission.save(update_fields=["status", "failure_reason"])
    record_event(action="commit_failed", object_type="intake.Submission", object_id=pk, before={"status": before},
                 after={"status": submission.status, "reason": reason}, actor=actor)


def _post(submission: Submission, result: ValidationResult, *, actor) -> CommitSummary:
    """Supersede, post, seal and recompute (the checks are made: :func:`_checked`)."""
    superseded = _superseded_by(submission)
    # ``supersedes`` names one: the report of the same period, else the latest quarter the annual one replaces.
    previous = next((s for s in superseded if s.period_quarter == submission.period_quarter), superseded[-1] if superseded else None)
    reversed_count = 0
    rights: set[int] = set()
    for earlier in superseded:
        reversed_count += _reverse_submission(earlier, reason=f"superseded by {_reference(submission)}", rights=rights)
        earlier.status = SubmissionStatus.SUPERSEDED
        earlier.superseded_in = submission
        earlier.save(update_fields=["status", "superseded_in"])
    submission.supersedes = previous

    frame = result.frame
    if submission.kind == SubmissionKind.SPENDING:
        posted = _post_spending(submission, frame, rights)
    elif submission.kind == SubmissionKind.TREASURY:
        posted = _post_treasury(submission, frame, rights)
    elif submission.kind in PROJECT_KINDS:
        from niokr.intake.project_intake import post_section

        # Projects, stages, acts and results post nothing to the ledger; what the earlier version
        # brought is corrected by its natural keys (niokr.intake.project_intake).
        post_section(submission, frame, replaced=[s.pk for s in superseded], actor=actor)
        posted = 0
    else:
        posted = _post_bases(submission, result.lines, rights, actor)
    seal_ledger(operation="commit_submission", source=_reference(submission), actor=actor)
    _pause_for_fault_test()

    failed_before = submission.status == SubmissionStatus.FAILED
    submission.status = SubmissionStatus.COMMITTED
    submission.committed_at = timezone.now()
    submission.failure_reason = ""
    submission.save(update_fields=["status", "committed_at", "supersedes", "failure_reason"])
    record_event(
        action="commit_submission",
        object_type="intake.Submission",
        object_id=submission.pk,
        after={"lines": frame.height, "entries_posted": posted, "entries_reversed": reversed_count, "supersedes": previous.pk if previous else None,
               "superseded": [s.pk for s in superseded], **({"after_failure": True} if failed_before else {})},
        actor=actor,
    )
    if rights:
        obligation_services.recompute(right_ids=sorted(rights), actor=actor)
    return CommitSummary(submission.pk, frame.height, posted, reversed_count, previous.pk if previous else None, len(rights), tuple(s.pk for s in superseded))


def _superseded_by(submission: Submission) -> list[Submission]:
    """The committed submissions that committing ``submission`` supersedes, locked, by quarter.

    The one of the same organisation, kind, year and quarter (empty included); and for an annual
    spending or treasury report also the quarterly ones of its year, whose lines the annual report
    holds (:data:`~niokr.intake.services.ANNUAL_SUPERSEDES_QUARTERS`), so no payment stays posted twice.
    """
    same = Submission.objects.filter(organisation=submission.organisation, kind=submission.kind, period_year=submission.period_year, status=SubmissionStatus.COMMITTED)
    if not (submission.period_quarter is None and submission.kind in ANNUAL_SUPERSEDES_QUARTERS):
        same = same.filter(period_quarter=submission.period_quarter) if submission.period_quarter is not None else same.filter(period_quarter__isnull=True)
    return list(same.exclude(pk=submission.pk).select_for_update().order_by(F("period_quarter").asc(nulls_last=True), "pk"))


def stored_file(submission: Submission) -> Path:
    """Where the raw bytes of ``submission`` are kept (named by their SHA-256)."""
    return kept_path(SUBMISSIONS_FOLDER, submission.sha256)


def _reverse_submission(previous: Submission, *, reason: str, rights: set[int]) -> int:
    """Reverse every entry ``previous`` posted that is not reversed yet, in one statement."""
    table = LedgerEntry._meta.db_table
    reference = _reference(previous)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT right_id FROM {table} WHERE reference = %s", [reference])
        rights.update(r for (r,) in cursor.fetchall())
        cursor.execute(
            f"INSERT INTO {table} (right_id, year, kind, target_kind, channel, amount, entry_date, performer_id, reverses_id, source_type, source_id, "
            f"regime_code, regime_version, base_figure_id, reference, idempotency_key, created_at) "
            f"SELECT e.right_id, e.year, %s, e.kind, e.channel, e.amount, e.entry_date, e.performer_id, e.id, e.source_type, e.source_id, "
            f"e.regime_code, e.regime_version, e.base_figure_id, %s, %s || e.id, %s FROM {table} e "
            f"WHERE e.reference = %s AND e.kind <> %s AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.reverses_id = e.id) ORDER BY e.id",
            [EntryKind.REVERSAL, reason[:200], "reversal:", timezone.now(), reference, EntryKind.REVERSAL],
        )
        return cursor.rowcount


def _money_text(column: str) -> pl.Expr:
    """A money column as the decimal text COPY takes ("123.45")."""
    return pl.col(column).cast(pl.String)


def _now_text() -> str:
    return timezone.now().astimezone(UTC).isoformat(sep=" ")


def _ledger_frame(frame: pl.DataFrame, *, submission: Submission, kind: str, channel: str, date_column: str, amount_column: str, performer: bool) -> pl.DataFrame:
    """The submission's ledger entries: one per right, credited year, performer and date.

    The engine judges a line by its channel, date and performer (what the performer held on that
    date), so the payments of one day to one performer for one right-year post as one entry; the
    payments themselves keep ``source_submission``, and the entry names the submission.
    """
    keys = ["right_id", "year", *(["performer_id"] if performer else []), date_column]
    year = pl.coalesce([pl.col("for_year"), pl.col(date_column).dt.year().cast(pl.Int64)])
    grouped = frame.with_columns(year.alias("year")).group_by(keys, maintain_order=True).agg(pl.col(amount_column).sum().alias("total"))
    prefix = f"{kind}:SUB-{submission.pk}:"
    key = pl.concat_str([pl.lit(prefix), pl.col("right_id"), pl.lit(":"), pl.col("year"), pl.lit(":"), *([pl.col("performer_id").fill_null(0), pl.lit(":")] if performer else []), pl.col(date_column).cast(pl.String)])
    return grouped.select(
        pl.col("right_id"),
        pl.col("year"),
        pl.lit(kind).alias("kind"),
        pl.lit(kind).alias("target_kind"),
        pl.lit(channel).alias("channel"),
        _money_text("total").alias("amount"),
        pl.col(date_column).alias("entry_date"),
        *([pl.col("performer_id")] if performer else []),
        pl.lit("intake.Submission").alias("source_type"),
        pl.lit(str(submission.pk)).alias("source_id"),
        pl.lit("").alias("regime_code"),
        pl.lit(_reference(submission)).alias("reference"),
        key.alias("idempotency_key"),
        pl.lit(_now_text()).alias("created_at"),
    )


def _post_spending(submission: Submission, frame: pl.DataFrame, rights: set[int]) -> int:
    payer = submission.organisation
    known = {number: (pk, performer) for number, pk, performer in Agreement.objects.filter(payer=payer).values_list("number", "id", "performer_id")}
    firsts = frame.filter(pl.col("agreement_number").is_in(pl.Series(list(known), dtype=pl.String).implode()).not_()).unique("agreement_number", keep="first", maintain_order=True)
    project_of = _projects_named(submission, frame)
    # The validator has checked every field and the database constraints guard the rest; a
    # per-object full_clean() would cost several queries per agreement.
    Agreement.objects.bulk_create(
        [
            Agreement(payer=payer, performer_id=a["performer_id"], number=a["agreement_number"], signed_on=a["agreement_date"], subject=a["subject"],
                      amount=a["agreement_amount"], period_start=a["period_start"], period_end=a["period_end"], priority_direction=a["direction"] or "",
                      project_id=project_of.get(a["agreement_number"]))
            for a in firsts.iter_rows(named=True)
        ],
        batch_size=5000,
    )
    pending = {known[number][0]: project for number, project in project_of.items() if number in known}
    if pending:  # a registered agreement without a project gets the one a report names
        bare = Agreement.objects.filter(pk__in=list(pending), project__isnull=True).values_list("pk", flat=True)
        Agreement.objects.bulk_update([Agreement(pk=pk, project_id=pending[pk]) for pk in bare], ["project"], batch_size=1000)
    if firsts.height:
        known.update({n: (pk, perf) for n, pk, perf in Agreement.objects.filter(payer=payer, number__in=firsts["agreement_number"].to_list()).values_list("number", "id", "performer_id")})
    frame = frame.filter(pl.col("payment_date").is_not_null())  # rows describing an agreement only post nothing
    if not frame.height:
        return 0
    numbers = list(known)
    frame = frame.with_columns(
        pl.col("agreement_number").replace_strict(numbers, [known[n][0] for n in numbers], return_dtype=pl.Int64).alias("agreement_id"),
        pl.col("agreement_number").replace_strict(numbers, [known[n][1] for n in numbers], return_dtype=pl.Int64).alias("performer_id"),
        pl.col("currency").fill_null("KZT"),
    )
    frame = _in_tenge(frame)
    first = reserve_ids(Payment, frame.height)
    frame = frame.with_columns(pl.int_range(first, first + frame.height, dtype=pl.Int64).alias("id"), _money_text("amount_kzt").alias("amount_text"))
    copy_frame(Payment, frame.select(
        "id", "agreement_id", "right_id", pl.col("payment_date").alias("paid_on"), pl.col("amount_text").alias("amount"), "currency",
        "original_amount", "rate", "purpose", "document_number", "for_year", pl.lit(submission.pk, dtype=pl.Int64).alias("source_submission"),
    ))
    rights.update(frame["right_id"].unique().to_list())
    ledger = _ledger_frame(frame, submission=submission, kind="direct_spend", channel="direct", date_column="payment_date", amount_column="amount_kzt", performer=True)
    return copy_frame(LedgerEntry, ledger)


def _projects_named(submission: Submission, frame: pl.DataFrame) -> dict[str, int]:
    """Agreement number → the project its rows name by ``project_code`` (the first code given).

    A registered project is found by its code (the validator has made sure it is the agreement
    performer's); a code not registered yet becomes a project of that performer, "in progress",
    titled by the agreement's subject, over the agreement's period, in its priority direction. A
    report does not say the project's readiness level: such a project is entered with no TRL
    (not reported, never a made-up level) and says so in its abstract, for the performer to complete.
    """
    named = frame.filter(pl.col("project_code").is_not_null()).unique("agreement_number", keep="first", maintain_order=True)
    if not named.height:
        return {}
    codes = named["project_code"].unique().to_list()
    projects = dict(Project.objects.filter(code__in=codes).values_list("code", "id"))
    new = named.filter(pl.col("project_code").is_in(pl.Series(list(projects), dtype=pl.String).implode()).not_()).unique("project_code", keep="first", maintain_order=True)
    if new.height:
        note = f"Registered from the R&D spending report {submission.reference}: the readiness level (TRL) was not reported."
        Project.objects.bulk_create(
            [
                Project(code=p["project_code"], title_kk=p["subject"], title_ru=p["subject"], title_en=p["subject"], abstract=note, performer_id=p["performer_id"],
                        priority_direction=p["direction"] or "other", trl_start=None, trl_target=None, start_date=p["period_start"], end_date=p["period_end"], status=ProjectStatus.IN_PROGRESS)
                for p in new.iter_rows(named=True)
            ],
            batch_size=5000,
        )
        projects.update(Project.objects.filter(code__in=new["project_code"].to_list()).values_list("code", "id"))
    return {number: projects[code] for number, code in named.select("agreement_number", "project_code").iter_rows()}


def _in_tenge(frame: pl.DataFrame) -> pl.DataFrame:
    """``amount_kzt``, and for a foreign payment its ``original_amount`` and ``rate`` (text).

    A foreign amount is converted at the rate of the payment date (the validator has made sure it
    exists), rounded half up to the tiyn.
    """
    foreign = frame.filter(pl.col("currency") != "KZT")
    if foreign.height == 0:
        return frame.with_columns(pl.col("amount").alias("amount_kzt"), pl.lit(None, dtype=pl.String).alias("original_amount"), pl.lit(None, dtype=pl.String).alias("rate"))
    days = set(foreign["payment_date"].to_list())
    rates = {(c, d): r for c, d, r in CurrencyRate.objects.filter(on_date__in=days).values_list("currency", "on_date", "rate")}
    converted = {}
    for pos, currency, day, original in foreign.select("_row", "currency", "payment_date", "amount").iter_rows():
        rate = rates[(currency, day)]
        converted[pos] = (quantize_money(original * rate), format(original, "f"), format(rate, "f"))
    rows = list(converted)
    return frame.with_columns(
        pl.col("_row").replace_strict(rows, [converted[r][0] for r in rows], default=pl.col("amount"), return_dtype=MONEY).alias("amount_kzt"),
        pl.col("_row").replace_strict(rows, [converted[r][1] for r in rows], default=None, return_dtype=pl.String).alias("original_amount"),
        pl.col("_row").replace_strict(rows, [converted[r][2] for r in rows], default=None, return_dtype=pl.String).alias("rate"),
    )


def _post_treasury(submission: Submission, frame: pl.DataFrame, rights: set[int]) -> int:
    first = reserve_ids(BudgetTransfer, frame.height)
    frame = frame.with_columns(pl.int_range(first, first + frame.height, dtype=pl.Int64).alias("id"), _money_text("amount").alias("amount_text"))
    copy_frame(BudgetTransfer, frame.select(
        "id", "payer_id", "right_id", "order_number", "paid_on", pl.col("amount_text").alias("amount"), "kbk", "for_year",
        # A treasury file is the treasury's own statement of what it received (only regulators send
        # one): its lines are confirmed receipts and fulfil at once (docs/adr/0003, "Budget transfers").
        pl.lit(True).alias("treasury_confirmed"), pl.lit(timezone.localdate()).alias("confirmed_on"), pl.lit(submission.reference).alias("confirmation"),
        pl.lit(submission.pk, dtype=pl.Int64).alias("source_submission"), pl.lit(_now_text()).alias("created_at"),
    ))
    rights.update(frame["right_id"].unique().to_list())
    ledger = _ledger_frame(frame, submission=submission, kind="budget_transfer", channel="budget", date_column="paid_on", amount_column="amount", performer=False)
    return copy_frame(LedgerEntry, ledger)


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
