"""Writing and verifying the hash-chained audit trail.

``record_event`` must be called inside the transaction of the change it records: the event and the
change commit or roll back together.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from niokr.core.models import AuditChainHead, AuditEvent

__all__ = ["record_event", "verify_chain", "ChainProblem", "current_request_id", "canonical_json", "SYSTEM_ACTOR"]

GENESIS = "0" * 64
SYSTEM_ACTOR = "system"
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
    return event


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold."""

    seq: int
    event_id: int | None
    message: str


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
