"""Business operations of the obligations app. Each owns its transaction and writes the audit trail."""

from __future__ import annotations

import gc
import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from niokr.core.audit import canonical_json, record_event, seal_ledger
from niokr.core.bulk import bulk_load
from niokr.core.formatting import day_text
from niokr.core.money import format_money, quantize_money
from niokr.core.progress import Progress
from niokr.obligations import engine
from niokr.obligations.choices import BaseStatus, EntryKind
from niokr.obligations.errors import ObligationError
from niokr.obligations.extract import load_rights
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RightYearBalance, RuleRegime
from niokr.registry.models import RegimeAssignment, SubsoilRight

__all__ = [
    "assign_regime",
    "add_regime_version",
    "check_regime_life",
    "confirm_transfer",
    "record_transfer",
    "record_base_figure",
    "post_entry",
    "reverse_entry",
    "recompute",
    "explain_right",
    "RecomputeSummary",
    "current_year",
]

FIRST_YEAR = 2012


def current_year() -> int:
    """The last year computed: ``NIOKR_CURRENT_YEAR`` if set, else this calendar year."""
    return settings.NIOKR_CURRENT_YEAR or timezone.localdate().year


def check_regime_life(code: str, on: date) -> RuleRegime:
    """Precondition: a version of regime ``code`` is in force on ``on`` (the regime's life holds it).

    Returns that version; raises ``ValidationError`` (field ``valid_from``) in the user's language.
    """
    versions = list(RuleRegime.objects.filter(code=code).order_by("effective_from", "version"))
    if not versions:
        raise ValidationError({"regime_code": _("Unknown regime %(code)s.") % {"code": code}}, code=ObligationError.UNKNOWN_REGIME)
    version = versions[0].version_on(on)
    if version is not None:
        return version
    first = versions[0]
    if on < first.effective_from:
        message = _("Regime %(code)s is in force from %(start)s; an assignment cannot start on %(date)s.") % {"code": code, "start": day_text(first.effective_from, get_language()), "date": day_text(on, get_language())}
    else:
        ended = max((v.effective_to for v in versions if v.effective_to is not None and v.effective_to < on), default=on)
        message = _("Regime %(code)s ended on %(end)s; an assignment cannot start on %(date)s.") % {"code": code, "end": day_text(ended, get_language()), "date": day_text(on, get_language())}
    raise ValidationError({"valid_from": message}, code=ObligationError.OUTSIDE_REGIME_LIFE)


def check_regime_code(code: str, mineral_group: str | None = None, on: date | None = None) -> RuleRegime:
    """Precondition: ``code`` names a regime of the catalogue, applicable to the mineral group.

    With ``on``, the regime must also be in force on that day (:func:`check_regime_life`).
    """
    regime = RuleRegime.objects.filter(code=code).order_by("-version").first()
    if regime is None:
        known = ", ".join(sorted(set(RuleRegime.objects.values_list("code", flat=True))))
        raise ValidationError({"regime_code": f"unknown regime {code!r} (known: {known})"}, code=ObligationError.UNKNOWN_REGIME)
    if mineral_group and regime.mineral_groups and mineral_group not in regime.mineral_groups:
        raise ValidationError({"regime_code": f"regime {code} does not apply to {mineral_group}"}, code=ObligationError.REGIME_NOT_FOR_MINERAL)
    if on is not None:
        return check_regime_life(code, on)
    return regime


@transaction.atomic
def assign_regime(*, right: SubsoilRight, regime_code: str, valid_from: date, legal_reason: str, actor=None, manual_override: bool = False, legal_reason_kk: str = "", legal_reason_en: str = "") -> RegimeAssignment:
    """Put ``right`` under ``regime_code`` from ``valid_from``; the open assignment before it is closed.

    The regime must be in force on ``valid_from`` (an assignment cannot start before the regime's
    first version or after its last one ended).
    """
    if valid_from is None:
        raise ValidationError({"valid_from": _("Give the date the assignment starts.")}, code="required")
    check_regime_code(regime_code, right.mineral_group, on=valid_from)
    previous = RegimeAssignment.objects.select_for_update().filter(right=right, valid_from__lt=valid_from, valid_to__isnull=True).order_by("-valid_from").first()
    if previous is not None:
        previous.valid_to = date.fromordinal(valid_from.toordinal() - 1)
        previous.save(update_fields=["valid_to"])
    assignment = RegimeAssignment(
        right=right, regime_code=regime_code, valid_from=valid_from, legal_reason=legal_reason, manual_override=manual_override,
        legal_reason_kk=legal_reason_kk, legal_reason_en=legal_reason_en,
    )
    assignment.full_clean()
    assignment.save()
    record_event(
        action="assign_regime",
        object_type="registry.RegimeAssignment",
        object_id=assignment.pk,
        after={"right": right.number, "regime": regime_code, "valid_from": valid_from, "legal_reason": legal_reason},
        actor=actor,
    )
    return assignment


REGIME_COPY_EXCLUDE = {"id", "version", "effective_from", "effective_to"}


@transaction.atomic
def add_regime_version(*, code: str, effective_from: date, changes: dict | None = None, actor=None) -> RuleRegime:
    """A change of a regime: a new version of ``code`` from ``effective_from``, copying the latest.

    Earlier versions are never edited: each keeps governing the years it was in force for. The
    new version must start after the latest one.
    """
    latest = RuleRegime.objects.select_for_update().filter(code=code).order_by("-version").first()
    if latest is None:
        raise ValidationError({"code": _("Unknown regime %(code)s.") % {"code": code}}, code=ObligationError.UNKNOWN_REGIME)
    fields = {f.name: getattr(latest, f.name) for f in RuleRegime._meta.concrete_fields if f.name not in REGIME_COPY_EXCLUDE}
    unknown = sorted(set(changes or {}) - set(fields) - {"effective_to"})
    if unknown:
        raise ValidationError({unknown[0]: f"not a field of a rule regime: {unknown[0]}"}, code="unknown_field")
    fields.update(changes or {})
    version = RuleRegime(**fields, version=latest.version + 1, effective_from=effective_from, effective_to=(changes or {}).get("effective_to"))
    version.full_clean()
    version.save()
    record_event(
        action="create",
        object_type="obligations.RuleRegime",
        object_id=version.pk,
        before={"code": code, "version": latest.version},
        after={"code": code, "version": version.version, "effective_from": effective_from, "changes": {k: str(v) for k, v in (changes or {}).items()}},
        reason="new regime version",
        actor=actor,
    )
    return version


@transaction.atomic
def record_transfer(*, payer, right: SubsoilRight, order_number: str, paid_on: date, amount: Decimal, for_year: int | None = None, confirmed_on: date | None = None, confirmation: str = "", actor=None) -> BudgetTransfer:
    """Record a budget transfer under KBK 401103; it fulfils the obligation only once confirmed.

    With ``confirmed_on`` the treasury has confirmed it: the ``budget_transfer`` entry is posted at
    once (:func:`confirm_transfer`). Without, the transfer is pending and posts nothing.
    """
    transfer = BudgetTransfer(payer=payer, right=right, order_number=order_number, paid_on=paid_on, amount=quantize_money(amount), for_year=for_year)
    transfer.full_clean()
    transfer.save()
    record_event(
        action="record_transfer",
        object_type="obligations.BudgetTransfer",
        object_id=transfer.pk,
        after={"right": right.number, "order_number": order_number, "paid_on": paid_on, "amount": transfer.amount, "for_year": for_year},
        actor=actor,
    )
    if confirmed_on is not None:
        confirm_transfer(transfer=transfer, confirmed_on=confirmed_on, confirmation=confirmation, actor=actor, recompute_right=False)
        transfer.refresh_from_db()
    return transfer


def confirm_transfer(*, transfer: BudgetTransfer, confirmed_on: date, confirmation: str = "", actor=None, recompute_right: bool = True) -> LedgerEntry:
    """The treasury received ``transfer``: mark it confirmed and post its ``budget_transfer`` entry.

    The entry (key ``transfer:<id>``) counts toward the year the transfer names, on its payment
    date. A transfer whose money the treasury already reported in a file of its own (a confirmed
    transfer of the same payer, order number, date and amount) is refused, so money is never
    counted twice. The right is recomputed in the same transaction unless ``recompute_right`` is
    false.
    """
    with transaction.atomic():
        transfer = BudgetTransfer.objects.select_for_update().select_related("right").get(pk=transfer.pk)
        if transfer.treasury_confirmed:
            raise ValidationError(_("This transfer is already confirmed by the treasury."), code="transfer_already_confirmed")
        twin = BudgetTransfer.objects.filter(
            payer_id=transfer.payer_id, order_number=transfer.order_number, paid_on=transfer.paid_on, amount=transfer.amount, treasury_confirmed=True,
        ).exclude(pk=transfer.pk).first()
        if twin is not None:
            raise ValidationError(
                _("The treasury has already reported this payment order (%(confirmation)s); it is counted there.") % {"confirmation": twin.confirmation or f"#{twin.pk}"},
                code="transfer_received_elsewhere",
            )
        transfer.treasury_confirmed, transfer.confirmed_on, transfer.confirmation = True, confirmed_on, (confirmation or "")[:64]
        transfer.full_clean()
        transfer.save(update_fields=["treasury_confirmed", "confirmed_on", "confirmation"])
        year = transfer.for_year if transfer.for_year is not None else transfer.paid_on.year
        entry, _created = post_entry(
            right=transfer.right, year=year, kind=EntryKind.BUDGET_TRANSFER, amount=transfer.amount, entry_date=transfer.paid_on,
            idempotency_key=f"transfer:{transfer.pk}", channel="budget", source_type="obligations.BudgetTransfer", source_id=str(transfer.pk),
            reference=f"№{transfer.order_number}"[:200], actor=actor, audit=False,
        )
        record_event(
            action="confirm_transfer",
            object_type="obligations.BudgetTransfer",
            object_id=transfer.pk,
            before={"treasury_confirmed": False},
            after={"treasury_confirmed": True, "confirmed_on": confirmed_on, "confirmation": transfer.confirmation, "entry": entry.pk, "amount": transfer.amount, "year": year},
            actor=actor,
        )
        if recompute_right:
            recompute(right_ids=[transfer.right_id], actor=actor)
        return entry


@transaction.atomic
def record_base_figure(*, right: SubsoilRight, year: int, base_type: str, amount: Decimal, source: str, status: str = BaseStatus.ACCEPTED, document: str = "", note: str = "", actor=None, document_kk: str = "", document_en: str = "") -> BaseFigure:
    """Record a base figure as a new revision (earlier revisions stay, for the history).

    ``document`` names the source document in Russian; ``document_kk`` and ``document_en`` the same in Kazakh and English.
    """
    if not isinstance(amount, Decimal):
        raise ValidationError({"amount": f"amount must be a Decimal, got {type(amount).__name__} {amount!r}"}, code=ObligationError.NEGATIVE_BASE)
    if amount < 0:
        raise ValidationError({"amount": f"a base figure cannot be negative: {amount}"}, code=ObligationError.NEGATIVE_BASE)
    last = BaseFigure.objects.select_for_update().filter(right=right, year=year, base_type=base_type).order_by("-revision").first()
    figure = BaseFigure(
        right=right,
        year=year,
        base_type=base_type,
        amount=quantize_money(amount),
        source=source,
        status=status,
        document=document,
        document_kk=document_kk,
        document_en=document_en,
        note=note,
        revision=(last.revision + 1) if last else 1,
    )
    figure.full_clean()
    figure.save()
    record_event(
        action="record_base_figure",
        object_type="obligations.BaseFigure",
        object_id=figure.pk,
        before={"amount": last.amount, "revision": last.revision, "status": last.status} if last else None,
        after={"right": right.number, "year": year, "base_type": base_type, "amount": figure.amount, "revision": figure.revision, "status": status, "source": source},
        actor=actor,
    )
    return figure


def post_entry(*, right: SubsoilRight, year: int, kind: str, amount: Decimal, entry_date: date, idempotency_key: str, channel: str = "", performer=None, source_type: str = "", source_id: str = "", reference: str = "", actor=None, audit: bool = True) -> tuple[LedgerEntry, bool]:
    """Append one ledger entry unless an entry with ``idempotency_key`` exists.

    Returns:
        ``(entry, created)``; a repeated call with the same key returns the first entry and False.
    """
    if kind == EntryKind.REVERSAL:
        raise ValidationError({"kind": "use reverse_entry for reversals"}, code=ObligationError.REVERSING_A_REVERSAL)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": f"a ledger amount must be above zero: {amount}"}, code=ObligationError.AMOUNT_NOT_POSITIVE)
    with transaction.atomic():
        existing = LedgerEntry.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
        entry = LedgerEntry.objects.create(
            right=right,
            year=year,
            kind=kind,
            target_kind=kind,
            channel=channel,
            amount=quantize_money(amount),
            entry_date=entry_date,
            performer=performer,
            source_type=source_type,
            source_id=source_id,
            reference=reference,
            idempotency_key=idempotency_key,
        )
        seal_ledger(operation="post_entry", source=idempotency_key, actor=actor)
        if audit:
            record_event(
                action="post_entry",
                object_type="obligations.LedgerEntry",
                object_id=entry.pk,
                after={"right": right.pk, "year": year, "kind": kind, "channel": channel, "amount": entry.amount, "key": idempotency_key, "reference": reference},
                actor=actor,
            )
        return entry, True


def reverse_entry(*, entry: LedgerEntry, reason: str, actor=None, idempotency_key: str | None = None, audit: bool = True) -> LedgerEntry:
    """Undo ``entry`` with a reversal entry (the ledger is append-only)."""
    with transaction.atomic():
        entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.kind == EntryKind.REVERSAL:
            raise ValidationError({"entry": f"entry {entry.pk} is itself a reversal"}, code=ObligationError.REVERSING_A_REVERSAL)
        if LedgerEntry.objects.filter(reverses=entry).exists():
            raise ValidationError({"entry": f"entry {entry.pk} is already reversed"}, code=ObligationError.ALREADY_REVERSED)
        reversal = LedgerEntry.objects.create(**_reversal_fields(entry, reason, idempotency_key))
        seal_ledger(operation="reverse_entry", source=reversal.idempotency_key, actor=actor)
        if audit:
            record_event(action="reverse_entry", object_type="obligations.LedgerEntry", object_id=reversal.pk, before={"entry": entry.pk, "amount": entry.amount}, after={"reverses": entry.pk}, reason=reason, actor=actor)
        return reversal


REVERSAL_FIELDS = (
    "right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer_id", "reverses_id", "source_type", "source_id",
    "regime_code", "regime_version", "base_figure_id", "reference", "idempotency_key", "created_at",
)


def _reversal_fields(entry: LedgerEntry, reason: str, idempotency_key: str | None) -> dict:
    return {
        "right_id": entry.right_id,
        "year": entry.year,
        "kind": EntryKind.REVERSAL,
        "target_kind": entry.kind,
        "channel": entry.channel,
        "amount": entry.amount,
        "entry_date": entry.entry_date,
        "performer_id": entry.performer_id,
        "reverses": entry,
        "source_type": entry.source_type,
        "source_id": entry.source_id,
        "regime_code": entry.regime_code,
        "regime_version": entry.regime_version,
        "base_figure_id": entry.base_figure_id,
        "reference": reason[:200],
        "idempotency_key": idempotency_key or f"reversal:{entry.pk}",
    }


@dataclass
class RecomputeSummary:
    """What a recompute did."""

    rights: int = 0
    right_years: int = 0
    obligations_posted: int = 0
    obligations_reversed: int = 0
    balances_written: int = 0
    by_status: dict = field(default_factory=dict)
    digest: str = ""
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


def _obligation_key(r: engine.YearResult) -> str:
    return f"obligation:{r.right}:{r.year}:{r.regime}:v{r.regime_version}:{r.base_ref}:{r.obligation:.2f}"


def _first_base_id(ref: str | None) -> int | None:
    """The BaseFigure id behind a result's ``base_ref``."""
    return int(ref) if ref else None


def recompute(*, right_ids: list[int] | None = None, actor=None, progress: bool = False, dry_run: bool = False) -> RecomputeSummary:
    """Recompute every right-year from the ledger and the bases; post obligation changes; rebuild balances.

    Idempotent: a second run with no new data posts nothing and writes identical balances.
    Runs in one transaction; with ``dry_run`` it is rolled back after computing.
    """
    started = time.monotonic()
    summary = RecomputeSummary()
    last_year = current_year()
    years = list(range(FIRST_YEAR, last_year + 1))
    # Hundreds of thousands of small immutable objects, none cyclic: the cyclic garbage collector
    # would rescan them over and over for nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        _recompute(summary, right_ids=right_ids, actor=actor, progress=progress, dry_run=dry_run, years=years)
    finally:
        if gc_was_enabled:
            gc.enable()
    summary.seconds = time.monotonic() - started
    return summary


def _recompute(summary: RecomputeSummary, *, right_ids, actor, progress, dry_run, years) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(7701)")
        t0 = time.monotonic()
        rights, _regimes = load_rights(right_ids=right_ids)
        summary.timings["extract"] = time.monotonic() - t0

        t0 = time.monotonic()
        results: list[engine.YearResult] = []
        with Progress("recompute", total=len(rights), enabled=progress) as bar:
            for i, right in enumerate(rights):
                results.extend(engine.compute_right(right, years, strict_years=False))
                if i % 500 == 0:
                    bar.advance(min(500, len(rights) - i))
        summary.timings["engine"] = time.monotonic() - t0
        summary.rights = len(rights)
        summary.right_years = len(results)

        t0 = time.monotonic()
        _sync_obligation_entries(results, right_ids, summary)
        seal_ledger(operation="recompute", actor=actor)
        summary.timings["ledger"] = time.monotonic() - t0
        t0 = time.monotonic()
        _write_balances(results, right_ids, summary)
        summary.timings["balances"] = time.monotonic() - t0

        digest = hashlib.sha256()
        for r in results:
            digest.update(f"{r.right}|{r.year}|{r.status}|{r.obligation}|{r.fulfilled}|{r.credit_in}|{r.credit_out}|{r.arrears}\n".encode())
        summary.digest = digest.hexdigest()
        for r in results:
            summary.by_status[r.status] = summary.by_status.get(r.status, 0) + 1
        record_event(
            action="recompute",
            object_type="obligations.RightYearBalance",
            object_id="all" if right_ids is None else ",".join(map(str, right_ids))[:64],
            after={
                "rights": summary.rights,
                "right_years": summary.right_years,
                "obligations_posted": summary.obligations_posted,
                "obligations_reversed": summary.obligations_reversed,
                "digest": summary.digest,
                "years": [years[0], years[-1]],
            },
            actor=actor,
        )
        if dry_run:
            transaction.set_rollback(True)


def _sync_obligation_entries(results: list[engine.YearResult], right_ids: list[int] | None, summary: RecomputeSummary) -> None:
    """Make the active obligation entries match the computed obligations: post new, reverse stale."""
    # Only the years this run computed: a lower NIOKR_CURRENT_YEAR must not undo later years.
    table = LedgerEntry._meta.db_table
    sql = f"""
        SELECT e.id, e.right_id, e.year, e.idempotency_key, r.id IS NOT NULL
        FROM {table} e LEFT JOIN {table} r ON r.reverses_id = e.id
        WHERE e.kind = 'obligation' AND e.year BETWEEN %s AND %s"""
    params: list = [FIRST_YEAR, current_year()]
    if right_ids is not None:
        sql += " AND e.right_id IN (" + ",".join(["%s"] * len(right_ids)) + ")"
        params += list(right_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    active: dict[tuple[int, int], list[tuple[int, str]]] = {}
    used_keys: set[str] = set()
    for pk, rid, year, key, reversed_ in rows:
        used_keys.add(key)
        if not reversed_:
            active.setdefault((rid, year), []).append((pk, key))
    wanted: dict[tuple[int, int], engine.YearResult] = {}
    for r in results:
        # Zero obligations (a zero base) are not posted: the balance shows them, the ledger needs no entry.
        if r.obligation is not None and r.obligation > 0 and r.status != "not_due":
            wanted[(int(r.right), r.year)] = r

    to_reverse: list[int] = []
    to_post: list[engine.YearResult] = []
    for key, r in wanted.items():
        entries = active.pop(key, [])
        desired = _obligation_key(r)
        keep = [pk for pk, k in entries if k.split("#")[0] == desired]
        to_reverse.extend(pk for pk, k in entries if k.split("#")[0] != desired)
        if not keep:
            to_post.append(r)
    for entries in active.values():
        to_reverse.extend(pk for pk, _ in entries)

    now = timezone.now()
    if to_reverse:
        reversals = []
        for entry in LedgerEntry.objects.filter(pk__in=to_reverse).iterator(chunk_size=5000):
            fields = _reversal_fields(entry, "recompute: obligation changed", None)
            fields["reverses_id"] = fields.pop("reverses").pk
            fields["created_at"] = now
            reversals.append(tuple(fields[f] for f in REVERSAL_FIELDS))
        bulk_load(LedgerEntry, list(REVERSAL_FIELDS), reversals)
    if to_post:
        # A key used before (an obligation that was reversed and is now due again) gets a suffix:
        # the ledger keeps the old entry, its reversal and the new one.
        final_key = {}
        for r in to_post:
            key = _obligation_key(r)
            n, candidate = 1, key
            while candidate in used_keys:
                candidate, n = f"{key}#{n}", n + 1
            final_key[key] = candidate
        bulk_load(
            LedgerEntry,
            ["right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "regime_code", "regime_version", "base_figure_id",
             "source_type", "source_id", "reference", "idempotency_key", "created_at"],
            (
                (int(r.right), r.year, EntryKind.OBLIGATION, EntryKind.OBLIGATION, "", r.obligation, date(r.year, 12, 31), r.regime, r.regime_version,
                 _first_base_id(r.base_ref), "obligations.recompute", "", "", final_key[_obligation_key(r)], now)
                for r in to_post
            ),
            batch_rows=5000,
        )
    summary.obligations_posted = len(to_post)
    summary.obligations_reversed = len(to_reverse)


BALANCE_FIELDS = [
    "right_id", "year", "regime_code", "regime_version", "base_type", "base_year", "base_amount", "base_figure_id", "obligation", "fulfilled",
    "ineligible", "credit_in", "credit_out", "arrears", "status", "reasons", "ineligible_detail", "fingerprint", "computed_at",
]


def _balance_row(r: engine.YearResult, now) -> tuple:
    """One balance row; JSON is serialised once, for the row and for its fingerprint."""
    reasons = json.dumps([x.as_dict() for x in r.reasons], ensure_ascii=False, separators=(",", ":"))
    detail = json.dumps([{"amount": format_money(i.amount), "reason": i.reason, "lines": i.count} for i in r.ineligible], separators=(",", ":"))
    head = (int(r.right), r.year, r.regime, r.regime_version, r.base_type, r.base_year, r.base, _first_base_id(r.base_ref), r.obligation, r.fulfilled,
            r.ineligible_total, r.credit_in, r.credit_out, r.arrears, r.status)
    fingerprint = hashlib.md5(f"{head}|{reasons}|{detail}".encode(), usedforsecurity=False).hexdigest()
    return (*head, reasons, detail, fingerprint, now)


def _write_balances(results: list[engine.YearResult], right_ids: list[int] | None, summary: RecomputeSummary) -> None:
    """Bring the balance projection in line with ``results``, rewriting only rows that changed.

    Each row carries a digest of its figures and reasons; rows whose digest is unchanged are kept,
    so a repeated recompute writes nothing and ``computed_at`` says when a figure last changed.
    """
    qs = RightYearBalance.objects.filter(year__gte=FIRST_YEAR, year__lte=current_year())
    if right_ids is not None:
        qs = qs.filter(right_id__in=right_ids)
    existing = {(rid, year): (pk, fp) for pk, rid, year, fp in qs.values_list("id", "right_id", "year", "fingerprint").iterator(chunk_size=20000)}
    now = timezone.now()
    if not existing:
        # Nothing to compare with: stream the rows straight into COPY, so that the database
        # ingests one batch while the next is being formatted.
        summary.balances_written = bulk_load(RightYearBalance, BALANCE_FIELDS, (_balance_row(r, now) for r in results), batch_rows=5000)
        return
    fresh = []
    stale: list[int] = []
    for r in results:
        row = _balance_row(r, now)
        old = existing.pop((row[0], row[1]), None)
        if old is not None and old[1] == row[-2]:
            continue
        if old is not None:
            stale.append(old[0])
        fresh.append(row)
    stale.extend(pk for pk, _ in existing.values())
    for i in range(0, len(stale), 5000):
        RightYearBalance.objects.filter(pk__in=stale[i : i + 5000])._raw_delete(qs.db)
    bulk_load(RightYearBalance, BALANCE_FIELDS, fresh, batch_rows=5000)
    summary.balances_written = len(fresh)


def explain_right(*, right: SubsoilRight, years: list[int] | None = None) -> list[engine.YearResult]:
    """Compute one right line by line (not aggregated): every ineligible ledger line with its reason."""
    rights, _ = load_rights(right_ids=[right.pk], aggregate=False)
    if not rights:
        return []
    wanted = years or list(range(FIRST_YEAR, current_year() + 1))
    return engine.compute_right(rights[0], wanted, strict_years=False)


def balance_digest() -> str:
    """A digest of every stored balance, for idempotency checks."""
    digest = hashlib.sha256()
    for row in RightYearBalance.objects.order_by("right_id", "year").values_list("right_id", "year", "status", "obligation", "fulfilled", "credit_in", "credit_out", "arrears"):
        digest.update(canonical_json([str(v) for v in row]).encode())
    return digest.hexdigest()
