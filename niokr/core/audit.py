"""Writing and verifying the hash-chained audit trail, the ledger's seals and the chain's anchors.

``record_event`` must be called inside the transaction of the change it records: the event and the
change commit or roll back together. ``seal_ledger`` is called by every path that writes ledger
entries, in the same transaction, after the writes: it appends a ``seal_ledger`` event whose digest
covers exactly the entries that transaction wrote, so an entry edited, deleted or slipped in
afterwards no longer matches the chain. The chain itself is anchored twice: in the database (a
counter the application only moves forward, ``database_anchor``) and in files written outside it
(``write_anchor``). ``verify_trail`` checks all of it; see ``docs/ledger.md`` §8 and ADR 9.
"""

from __future__ import annotations

import bisect
import contextvars
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.models import AuditChainHead, AuditEvent, LedgerSeal

__all__ = [
    "record_event",
    "verify_chain",
    "verify_trail",
    "seal_ledger",
    "ledger_cleared",
    "write_anchor",
    "database_anchor",
    "ChainProblem",
    "TrailReport",
    "current_request_id",
    "canonical_json",
    "SYSTEM_ACTOR",
    "ACTION_LABELS",
    "action_label",
    "register_action_labels",
    "object_type_label",
]

GENESIS = "0" * 64
SYSTEM_ACTOR = "system"

#: Every action the trail records, as a person reads it (kk/ru/en through the catalogs). The
#: stored key stays as it is: it is part of each event's hash.
ACTION_LABELS = {
    "create": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    "generate": _("Synthetic data generated"),
    "receive_submission": _("Report received"),
    "commit_submission": _("Report entered into the ledger"),
    "commit_failed": _("Report not entered: an error"),
    "assign_regime": _("Regime assigned"),
    "record_base_figure": _("Base figure recorded"),
    "record_transfer": _("Transfer recorded"),
    "confirm_transfer": _("Transfer confirmed"),
    "post_entry": _("Ledger entry posted"),
    "reverse_entry": _("Ledger entry reversed"),
    "recompute": _("Obligations recomputed"),
    "seal_ledger": _("Ledger entries sealed"),
    "clear_ledger": _("Ledger cleared"),
    "control_run": _("Control run"),
    "open_case": _("Case opened"),
    "assign_case": _("Assigned"),
    "request_documents": _("Documents requested"),
    "answer_request": _("Answer received"),
    "record_findings": _("Findings recorded"),
    "confirm_case": _("Closed: violation confirmed"),
    "dismiss_case": _("Closed without findings"),
}


def register_action_labels(labels) -> None:
    """Add the labels of an app's own actions (an app above ``core`` registers them in ``ready()``)."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    """The action as a person reads it in the active language (an unknown key as it is stored)."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


#: What events are about that is no installed model, as a person reads it.
OBJECT_LABELS = {"synthetic.Country": _("Synthetic country")}


def object_type_label(object_type: str) -> str:
    """What an event is about (``control.AuditCase``) as the model's name in the active language."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        label = OBJECT_LABELS.get(object_type)
        return str(label) if label is not None else object_type
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("niokr_request_id", default="")


def _plain(value):
    """Make a value JSON-safe and stable: Decimals and dates become strings."""
    if isinstance(value, Decimal):
        return f"{value}"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set) else items
    return value


def canonical_json(value) -> str:
    """Serialise with sorted keys and no whitespace, so equal content gives equal text."""
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _digest(*, seq, created_at, actor_id, actor_name, request_id, action, object_type, object_id, before, after, reason, prev_hash) -> str:
    payload = canonical_json(
        {
            "seq": seq,
            "created_at": created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor_id": actor_id,
            "actor_name": actor_name,
            "request_id": request_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "before": before,
            "after": after,
            "reason": reason,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_event(
    *,
    action: str,
    object_type: str,
    object_id: object = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    actor=None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction.

    Args:
        action: a verb such as ``create``, ``update``, ``post_entry``, ``recompute``.
        object_type: ``app.Model`` of the changed object.
        object_id: its primary key or natural key.
        before: the relevant fields before the change (``None`` on create).
        after: the relevant fields after the change (``None`` on delete).
        reason: why, in the actor's words or the system's.
        actor: a user, or ``None`` for the system.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction of the change it records")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    seq = head.last_seq + 1
    created_at = timezone.now()
    fields = {
        "seq": seq,
        "created_at": created_at,
        "actor_id": getattr(actor, "pk", None),
        "actor_name": (actor.get_username() if actor is not None else SYSTEM_ACTOR)[:150],
        "request_id": current_request_id.get()[:64],
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id)[:64],
        "before": _plain(before) if before is not None else None,
        "after": _plain(after) if after is not None else None,
        "reason": reason,
        "prev_hash": head.last_hash,
    }
    digest = _digest(**fields)
    event = AuditEvent.objects.create(hash=digest, **fields)
    head.last_seq = seq
    head.last_hash = digest
    head.save(update_fields=["last_seq", "last_hash"])
    if connection.vendor == "postgresql" and not any(entry[1] is _advance_database_anchor for entry in connection.run_on_commit):
        # robust: a failure to move the anchor must not turn a committed change into an error.
        transaction.on_commit(_advance_database_anchor, robust=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the trail does not hold.

    ``kind`` is ``chain`` (an event), ``anchor`` (the chain contradicts an anchor: emptied or cut
    short) or ``ledger`` (a ledger entry differs from its seal); ``seq`` names the event concerned.
    """

    seq: int
    event_id: int | None
    message: str
    kind: str = "chain"


def verify_chain(*, batch_size: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order and return ``(events checked, first problem or None)``."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    while True:
        events = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size])
        if not events:
            break
        for event in events:
            if event.seq != expected_seq:
                return checked, ChainProblem(expected_seq, None, f"event #{expected_seq} is missing (next stored event is #{event.seq}, id {event.pk})")
            if event.prev_hash != expected_prev:
                return checked, ChainProblem(event.seq, event.pk, f"event #{event.seq} (id {event.pk}, {event.action} {event.object_type}:{event.object_id}) does not link to the previous event's hash")
            digest = _digest(
                seq=event.seq,
                created_at=event.created_at,
                actor_id=event.actor_id,
                actor_name=event.actor_name,
                request_id=event.request_id,
                action=event.action,
                object_type=event.object_type,
                object_id=event.object_id,
                before=event.before,
                after=event.after,
                reason=event.reason,
                prev_hash=event.prev_hash,
            )
            if digest != event.hash:
                return checked, ChainProblem(event.seq, event.pk, f"event #{event.seq} (id {event.pk}, {event.action} {event.object_type}:{event.object_id}) was altered: its content no longer matches its hash")
            expected_prev = event.hash
            expected_seq += 1
            checked += 1
            last_seq = event.seq
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_seq != last_seq:
        return checked, ChainProblem(head.last_seq, None, f"event #{head.last_seq} is missing: the chain head names it but the last stored event is #{last_seq}")
    if head is not None and head.last_seq and head.last_hash != expected_prev:
        return checked, ChainProblem(head.last_seq, None, f"the chain head's hash does not match event #{last_seq}")
    if head is None and checked:
        return checked, ChainProblem(0, None, "the chain head row is missing")
    return checked, None


# The database anchor ---------------------------------------------------------------------------

#: PostgreSQL sequence holding the id of the last committed event (created by core migration 0003).
ANCHOR_SEQUENCE = "core_audit_anchor"


def _advance_database_anchor() -> None:
    """After a commit that wrote events: raise the anchor to the last committed event's id, never lower it."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval('{ANCHOR_SEQUENCE}', GREATEST((SELECT COALESCE(max(id), 0) FROM {table}), (SELECT last_value FROM {ANCHOR_SEQUENCE})))")


def database_anchor() -> int:
    """The id of the last audit event the database counted as written (0 before the first).

    PostgreSQL: the ``core_audit_anchor`` sequence, moved after each commit that wrote events.
    SQLite: ``sqlite_sequence`` of the events table, which ``AUTOINCREMENT`` keeps in the same
    transaction as the event and which deleting events does not lower.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT last_value FROM {ANCHOR_SEQUENCE}")
        else:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [AuditEvent._meta.db_table])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


# The ledger's seals ----------------------------------------------------------------------------

#: The ledger columns a seal covers, in this order; amounts as whole tiyn. ``created_at`` (when the
#: row was written, not a figure) is left out.
LEDGER_COLUMNS = (
    "id", "right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer_id", "reverses_id",
    "source_type", "source_id", "regime_code", "regime_version", "base_figure_id", "reference", "idempotency_key",
)
#: Bytes of each entry's SHA-256 kept in ``LedgerSeal.entry_hashes`` (enough to name the entry that
#: differs; the event's ``digest`` covers the full hashes).
SHORT_HASH = 8

# PostgreSQL's COPY text format, which the lines of both databases follow.
_COPY_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"})

# A row written by this transaction or one of its savepoints: its 32-bit xmin, widened to 64 bits
# in the epoch nearest this transaction's id, is still in progress. Rows others committed (a
# hand-made INSERT included) are never sealed by a transaction that did not write them.
_XMIN_OFFSET = "(xmin::text::bigint - ((SELECT pg_current_xact_id()::text::bigint) & 4294967295))"
_OWN_ROW = (
    "pg_xact_status(CAST(CAST((SELECT pg_current_xact_id()::text::bigint) + "
    f"CASE WHEN {_XMIN_OFFSET} > 2147483647 THEN {_XMIN_OFFSET} - 4294967296 "
    f"WHEN {_XMIN_OFFSET} < -2147483648 THEN {_XMIN_OFFSET} + 4294967296 ELSE {_XMIN_OFFSET} END"
    " AS text) AS xid8)) = 'in progress'"
)


def _ledger_table() -> str:
    # Looked up by name: core stands below obligations and does not import it.
    return apps.get_model("obligations", "LedgerEntry")._meta.db_table


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_TEXT_ESCAPES)
    return str(value)


def _ledger_lines(where: str, params: list) -> Iterator[tuple[int, str, int, bytes]]:
    """``(id, kind, amount in tiyn, canonical line)`` of the ledger rows matching ``where``, by id.

    The line is the row's :data:`LEDGER_COLUMNS` in PostgreSQL's COPY text format (tab-separated,
    ``\\N`` for null, dates ``YYYY-MM-DD``, amounts in tiyn), produced by ``COPY … TO STDOUT`` on
    PostgreSQL and rebuilt byte for byte on SQLite.
    """
    if connection.vendor == "postgresql":
        tiyn, day = "CAST(ROUND(amount * 100) AS BIGINT)", "to_char(entry_date, 'YYYY-MM-DD')"
    else:
        tiyn, day = "CAST(ROUND(amount * 100) AS INTEGER)", "entry_date"
    columns = ", ".join(tiyn if c == "amount" else day if c == "entry_date" else c for c in LEDGER_COLUMNS)
    sql = f"SELECT {columns} FROM {_ledger_table()} WHERE {where} ORDER BY id"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            query = raw.mogrify(sql, params) if params else sql
            with raw.copy(f"COPY ({query}) TO STDOUT") as copy:
                tail = b""
                kinds: dict[bytes, str] = {}
                for block in copy:
                    lines = (tail + bytes(block)).split(b"\n")
                    tail = lines.pop()
                    for line in lines:
                        pk, _right, _year, kind, _target, _channel, tiyn, _rest = line.split(b"\t", 7)
                        yield int(pk), kinds.get(kind) or kinds.setdefault(kind, kind.decode()), int(tiyn), line
            return
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            for row in rows:
                yield row[0], row[3], row[6], "\t".join(map(_copy_text, row)).encode()


def _tenge(tiyn: int) -> str:
    return f"{Decimal(tiyn).scaleb(-2)}"


def _runs(ids: list[int]) -> list[list[int]]:
    """Ascending ids as ``[first, last]`` runs of consecutive integers."""
    runs: list[list[int]] = []
    for pk in ids:
        if runs and runs[-1][1] == pk - 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


def _seal_detail_digest(runs, hashes: bytes) -> str:
    return hashlib.sha256(canonical_json(runs).encode() + b"\n" + hashes).hexdigest()


def _database_clock() -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extract(epoch FROM clock_timestamp())")
        return float(cursor.fetchone()[0])


def _oldest_other_transaction() -> float | None:
    """When the oldest open transaction of another session began (PostgreSQL), or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT extract(epoch FROM min(xact_start)) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database() AND xact_start IS NOT NULL"
        )
        value = cursor.fetchone()[0]
    return float(value) if value is not None else None


def _next_gaps(gaps: list, runs: list[list[int]], through: int, new_through: int) -> list:
    """The ids below the new mark still to look at: old gaps less what was sealed, plus new holes.

    A hole is an id no visible row holds: a rolled-back insert, or an insert of a transaction
    still open (PostgreSQL), which will seal it itself. A hole noted at database time ``t`` is kept
    while some other transaction begun before ``t`` is still open; SQLite has one writer at a
    time, so its holes are final at once.
    """
    if connection.vendor != "postgresql":
        return []
    starts = [lo for lo, _ in runs]
    kept = []
    for lo, hi, noted in gaps:
        piece = lo
        i = max(bisect.bisect_right(starts, lo) - 1, 0)
        while i < len(runs) and runs[i][0] <= hi:
            run_lo, run_hi = runs[i]
            if run_hi >= piece:
                if run_lo > piece:
                    kept.append([piece, min(run_lo - 1, hi), noted])
                piece = max(piece, run_hi + 1)
            i += 1
        if piece <= hi:
            kept.append([piece, hi, noted])
    now = _database_clock()
    previous = through
    for lo, hi in runs:
        if hi <= through:
            continue
        start = max(lo, through + 1)
        if start > previous + 1:
            kept.append([previous + 1, start - 1, now])
        previous = hi
    if previous < new_through:
        kept.append([previous + 1, new_through, now])
    oldest = _oldest_other_transaction()
    return [g for g in kept if oldest is not None and oldest < g[2]]


def seal_ledger(*, operation: str, source: object = "", actor=None, adopt_existing: bool = False) -> AuditEvent | None:
    """Seal into the chain the ledger entries this transaction wrote; call it after every ledger write.

    ``adopt_existing`` (only :func:`seal_existing_ledger`) seals every unsealed row, whoever wrote it.

    Appends one ``seal_ledger`` event whose ``after`` holds the count, the id range, the total and
    the totals by kind (in tenge), the SHA-256 over the entries' hashes in id order, and the
    SHA-256 of the :class:`LedgerSeal` row that keeps each entry's short hash. The entries are read
    back set-wise (``COPY … TO STDOUT`` on PostgreSQL), never one query per entry. Returns the
    event, or None if the transaction wrote no entry since its last seal.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("seal_ledger must run inside the transaction that wrote the entries")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    through = head.ledger_sealed_through
    gaps = [list(g) for g in head.ledger_gaps or []]
    where = " OR ".join(["id > %s", *["id BETWEEN %s AND %s"] * len(gaps)])
    params = [through, *(bound for lo, hi, _noted in gaps for bound in (lo, hi))]
    if connection.vendor == "postgresql" and not adopt_existing:
        where = f"({where}) AND {_OWN_ROW}"
    ids: list[int] = []
    hashes = bytearray()
    digest = hashlib.sha256()
    total = 0
    by_kind: dict[str, list[int]] = {}
    sha256 = hashlib.sha256
    for pk, kind, tiyn, line in _ledger_lines(where, params):
        full = sha256(line).digest()
        ids.append(pk)
        hashes += full[:SHORT_HASH]
        digest.update(full)
        total += tiyn
        tally = by_kind.get(kind)
        if tally is None:
            tally = by_kind[kind] = [0, 0]
        tally[0] += 1
        tally[1] += tiyn
    if not ids:
        return None
    runs = _runs(ids)
    detail = bytes(hashes)
    event = record_event(
        action="seal_ledger",
        object_type="obligations.LedgerEntry",
        object_id=f"{ids[0]}-{ids[-1]}",
        after={
            "operation": operation,
            "source": str(source),
            "count": len(ids),
            "first_id": ids[0],
            "last_id": ids[-1],
            "total": _tenge(total),
            "by_kind": {kind: {"count": n, "total": _tenge(t)} for kind, (n, t) in sorted(by_kind.items())},
            "digest": digest.hexdigest(),
            "detail_sha256": _seal_detail_digest(runs, detail),
        },
        actor=actor,
    )
    LedgerSeal.objects.create(seq=event.seq, runs=runs, entry_hashes=detail)
    new_through = max(through, ids[-1])
    AuditChainHead.objects.filter(id=1).update(ledger_sealed_through=new_through, ledger_gaps=_next_gaps(gaps, runs, through, new_through))
    return event


class LedgerAlreadySealed(RuntimeError):
    """The ledger has seals already: an unsealed entry now is evidence, not history to adopt."""


@transaction.atomic
def seal_existing_ledger(*, actor=None) -> AuditEvent | None:
    """Seal, once, the ledger a database held before it had seals (an upgrade): the baseline.

    The event says so (``operation`` ``baseline``): what the ledger held then is taken as found.
    Refused as soon as any seal exists, since from then on an unsealed entry is what ``verify``
    must report, never something to bless.
    """
    if LedgerSeal.objects.exists() or AuditEvent.objects.filter(action="seal_ledger").exists():
        raise LedgerAlreadySealed("the ledger is sealed already; an unsealed entry is reported by `niokr audit verify`, not adopted")
    return seal_ledger(operation="baseline", source="entries written before the ledger was sealed", actor=actor, adopt_existing=True)


def ledger_cleared(*, reason: str, actor=None) -> AuditEvent:
    """Record that the whole ledger was deleted on purpose (``niokr generate --replace``).

    Seals before this event no longer apply; entries written afterwards are sealed afresh (their
    ids may start again from 1).
    """
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    event = record_event(action="clear_ledger", object_type="obligations.LedgerEntry", object_id="all", before={"sealed_through": head.ledger_sealed_through}, reason=reason, actor=actor)
    AuditChainHead.objects.filter(id=1).update(ledger_sealed_through=0, ledger_gaps=[])
    return event


# Anchors published outside the database --------------------------------------------------------


def anchor_directory() -> Path:
    """Where ``niokr audit anchor`` writes and ``verify`` reads anchors (``NIOKR_AUDIT_ANCHOR_DIR``)."""
    configured = settings.NIOKR_AUDIT_ANCHOR_DIR
    return Path(configured) if configured else Path(settings.DATA_DIR) / "anchors"


def write_anchor(directory: Path | str | None = None) -> tuple[Path, dict]:
    """Write the chain's last event (seq and hash) and the ledger's size to a new file outside the database.

    Copy the file somewhere the database's administrators cannot write (a daily signed report, a
    write-once store); ``verify`` fails if the chain no longer holds the event a file names.
    """
    directory = Path(directory) if directory else anchor_directory()
    directory.mkdir(parents=True, exist_ok=True)
    last = AuditEvent.objects.order_by("-seq").first()
    head = AuditChainHead.objects.filter(id=1).first()
    written_at = timezone.now().astimezone(UTC)
    seq = last.seq if last else 0
    anchor = {
        "seq": seq,
        "hash": last.hash if last else GENESIS,
        "event_created_at": last.created_at.astimezone(UTC).isoformat() if last else None,
        "ledger_entries": apps.get_model("obligations", "LedgerEntry").objects.count(),
        "ledger_sealed_through": head.ledger_sealed_through if head else 0,
        "written_at": written_at.isoformat(),
    }
    path = directory / f"anchor-{written_at:%Y%m%dT%H%M%S%fZ}-{seq:012d}.json"
    temp = path.with_name(path.name + ".partial")
    temp.write_text(json.dumps(anchor, indent=2) + "\n", encoding="utf-8")
    os.replace(temp, path)
    return path, anchor


# Verification of the whole trail ---------------------------------------------------------------


@dataclass
class TrailReport:
    """What ``verify_trail`` checked, and the first problem found (None if the trail holds)."""

    events: int = 0
    seals: int = 0
    entries: int = 0
    anchors: int = 0
    problem: ChainProblem | None = None


def verify_trail(*, anchor_dir: Path | str | None = None) -> TrailReport:
    """Check the chain, its anchors (database and files) and every ledger entry against its seal.

    Stops at the first problem, in this order: the chain (:func:`verify_chain`), the database
    anchor, the published anchors, the ledger (entries in id order).
    """
    report = TrailReport()
    report.events, report.problem = verify_chain()
    if report.problem is None:
        report.problem = _check_database_anchor(report)
    if report.problem is None:
        report.problem = _check_file_anchors(Path(anchor_dir) if anchor_dir else anchor_directory(), report)
    if report.problem is None:
        report.problem = _check_ledger(report)
    return report


def _check_database_anchor(report: TrailReport) -> ChainProblem | None:
    anchored = database_anchor()
    last = AuditEvent.objects.order_by("-id").values("id", "seq").first()
    if last is None and anchored > 0:
        return ChainProblem(0, None, f"the audit trail is empty, but the database anchor records that events up to id {anchored} were written: the trail was emptied", "anchor")
    if last is not None and anchored > last["id"]:
        return ChainProblem(
            last["seq"], last["id"],
            f"the database anchor records that events up to id {anchored} were written, but the last stored event is id {last['id']} (#{last['seq']}): the trail was cut short after it",
            "anchor",
        )
    return None


def _check_file_anchors(directory: Path, report: TrailReport) -> ChainProblem | None:
    if not directory.is_dir():
        return None
    anchors = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            anchors.append((int(data["seq"]), str(data["hash"]), path))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return ChainProblem(0, None, f"the anchor {path} cannot be read: {exc}", "anchor")
    for seq, digest, path in sorted(anchors):
        report.anchors += 1
        if seq == 0:
            continue
        stored = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
        if stored is None:
            state = "emptied" if report.events == 0 else f"cut short at event #{report.events}"
            return ChainProblem(seq, None, f"the anchor {path.name} names event #{seq} (hash {digest[:16]}…), which no longer exists: the trail was {state}", "anchor")
        if stored != digest:
            return ChainProblem(seq, None, f"the anchor {path.name} names event #{seq} with hash {digest[:16]}…, but the stored event #{seq} has hash {stored[:16]}…: the chain was rewritten", "anchor")
    return None


def _describe(line: bytes) -> str:
    parts = line.decode().split("\t")
    fields = dict(zip(LEDGER_COLUMNS, parts, strict=True))
    amount = _tenge(int(fields["amount"]))
    return f"key {fields['idempotency_key']}: {fields['kind']}, right {fields['right_id']}, year {fields['year']}, amount {amount}"


@dataclass
class _Seal:
    seq: int
    event_id: int
    digest: str
    hashes: bytes


def _check_ledger(report: TrailReport) -> ChainProblem | None:
    """Every ledger entry must be the entry a seal recorded, and every sealed entry must be there."""
    cleared = AuditEvent.objects.filter(action="clear_ledger").order_by("-seq").values_list("seq", flat=True).first() or 0
    events = AuditEvent.objects.filter(action="seal_ledger", seq__gt=cleared).order_by("seq").values_list("id", "seq", "after")
    details = {d.seq: d for d in LedgerSeal.objects.filter(seq__gt=cleared)}
    seals: list[_Seal] = []
    runs: list[tuple[int, int, int, int]] = []
    for event_id, seq, after in events.iterator(chunk_size=2000):
        after = after or {}
        detail = details.get(seq)
        if detail is None:
            return ChainProblem(seq, event_id, f"the entries sealed by event #{seq} cannot be checked: the seal's detail row (core.LedgerSeal) was deleted", "ledger")
        hashes = bytes(detail.entry_hashes)
        if _seal_detail_digest(detail.runs, hashes) != after.get("detail_sha256"):
            return ChainProblem(seq, event_id, f"the seal's detail row (core.LedgerSeal) of event #{seq} was altered: it no longer matches the event", "ledger")
        offset = 0
        for lo, hi in detail.runs:
            runs.append((lo, hi, len(seals), offset))
            offset += hi - lo + 1
        if offset != after.get("count") or len(hashes) != SHORT_HASH * offset:
            return ChainProblem(seq, event_id, f"the seal's detail row (core.LedgerSeal) of event #{seq} does not cover the {after.get('count')} entries the event names", "ledger")
        seals.append(_Seal(seq, event_id, after.get("digest", ""), hashes))
    report.seals = len(seals)
    runs.sort()
    for before, after_run in zip(runs, runs[1:]):
        if after_run[0] <= before[1]:
            first, second = seals[before[2]], seals[after_run[2]]
            return ChainProblem(second.seq, second.event_id, f"ledger entry id {after_run[0]} is sealed twice, by events #{first.seq} and #{second.seq}", "ledger")

    def missing(pk: int, run) -> ChainProblem:
        seal = seals[run[2]]
        return ChainProblem(seal.seq, seal.event_id, f"ledger entry id {pk}, sealed by event #{seal.seq}, is missing: it was deleted", "ledger")

    problem: ChainProblem | None = None
    hashers = [hashlib.sha256() for _ in seals]
    r = 0
    expect = runs[0][0] if runs else None
    for pk, _kind, _tiyn, line in _ledger_lines("1 = 1", []):
        if problem is not None:
            continue  # drain the stream
        report.entries += 1
        while r < len(runs) and runs[r][1] < pk:
            if expect <= runs[r][1]:
                problem = missing(expect, runs[r])
                break
            r += 1
            expect = runs[r][0] if r < len(runs) else None
        if problem is not None:
            continue
        if r == len(runs) or pk < runs[r][0]:
            if not seals and report.events == 0:
                problem = ChainProblem(0, None, f"ledger entry id {pk} ({_describe(line)}) is not sealed, and the audit trail holds no event: the trail was emptied", "ledger")
            else:
                problem = ChainProblem(0, None, f"ledger entry id {pk} ({_describe(line)}) is not sealed by any event: it was written outside the application", "ledger")
            continue
        if pk > expect:
            problem = missing(expect, runs[r])
            continue
        lo, _hi, index, offset = runs[r]
        seal = seals[index]
        full = hashlib.sha256(line).digest()
        position = SHORT_HASH * (offset + pk - lo)
        if full[:SHORT_HASH] != seal.hashes[position : position + SHORT_HASH]:
            problem = ChainProblem(seal.seq, seal.event_id, f"ledger entry id {pk} differs from what event #{seal.seq} sealed: it now reads {_describe(line)}; it was changed after it was written", "ledger")
            continue
        hashers[index].update(full)
        expect = pk + 1
    if problem is not None:
        return problem
    while r < len(runs):
        if expect <= runs[r][1]:
            return missing(expect, runs[r])
        r += 1
        expect = runs[r][0] if r < len(runs) else None
    for seal, hasher in zip(seals, hashers, strict=True):
        if hasher.hexdigest() != seal.digest:
            return ChainProblem(seal.seq, seal.event_id, f"the entries sealed by event #{seal.seq} no longer match its digest", "ledger")
    return None
