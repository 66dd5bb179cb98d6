"""The audit trail: append-only events chained by SHA-256 hashes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One state change, written in the same transaction as the change itself.

    ``seq`` is gap-free (assigned under a lock on :class:`AuditChainHead`), so a deleted row is
    detectable; ``hash`` covers every field and the previous event's hash, so an edited row is
    detectable. ``niokr audit verify`` checks both.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, help_text="Actor's name frozen at the time of the event")
    request_id = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The single row naming the last event of the chain; locked while an event is appended."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # Where the next ledger seal looks for entries (see core.audit.seal_ledger); a hint for sealing,
    # never trusted by verification: a wrong value leaves entries unsealed, which verify reports.
    ledger_sealed_through = models.BigIntegerField(default=0, help_text="Highest ledger entry id sealed so far")
    ledger_gaps = models.JSONField(default=list, blank=True, help_text="Ledger ids below the mark not yet seen: [first, last, database time] each")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]
        verbose_name = _("head of the audit chain")
        verbose_name_plural = _("heads of the audit chain")


class LedgerSeal(models.Model):
    """What one ``seal_ledger`` event sealed: the entry ids and a short hash of each entry.

    The event itself (``AuditEvent`` with ``action = "seal_ledger"`` and the same ``seq``) carries
    the count, the total, the digest over the full entry hashes and the SHA-256 of this row's
    ``runs`` and ``entry_hashes``, so this row is covered by the chain; it lets verification name
    the one entry that differs.
    """

    seq = models.PositiveBigIntegerField(unique=True, help_text="The seq of the seal_ledger event")
    runs = models.JSONField(help_text="The sealed entry ids as [first, last] runs of consecutive ids, ascending")
    entry_hashes = models.BinaryField(help_text="The first 8 bytes of each sealed entry's SHA-256, in id order")

    class Meta:
        ordering = ["seq"]
        verbose_name = _("ledger seal")
        verbose_name_plural = _("ledger seals")

    def __str__(self) -> str:
        return f"seal #{self.seq}"
