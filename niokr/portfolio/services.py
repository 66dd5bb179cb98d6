"""The portfolio's operations: suggesting tags in bulk, confirming and correcting them, the policy target.

Every write owns its transaction, re-checks the actor's permission inside it and records an audit
event (:func:`niokr.core.audit.record_event`). Views, the command and the synthetic pilot call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.core.audit import record_event
from niokr.core.choices import PriorityDirection, TCCSector
from niokr.portfolio import classifier
from niokr.portfolio.access import may_review_tags, may_set_target
from niokr.portfolio.choices import SubjectKind
from niokr.portfolio.models import DEFAULT_TARGET_PERCENT, PolicyTarget, PriorityTag
from niokr.projects.models import Agreement, Payment, Project, Result

__all__ = [
    "CHUNK", "BULK_CONFIRM_MAX", "untagged", "subject_texts", "suggest_tags", "confirm_tag", "bulk_confirm",
    "set_policy_target", "policy_target", "policy_targets", "validate_tag",
]

#: Records classified per transaction: memory stays bounded however many there are.
CHUNK = 2000
#: Suggestions confirmed at most in one bulk confirmation (a page of the review list).
BULK_CONFIRM_MAX = 100
NOTE_MAX = 2000

_MODELS = {SubjectKind.PROJECT: Project, SubjectKind.AGREEMENT: Agreement, SubjectKind.PAYMENT: Payment, SubjectKind.RESULT: Result}


def _confirmed(kind: str, ref: str = "pk"):
    return Exists(PriorityTag.objects.filter(subject_kind=kind, subject_id=OuterRef(ref)).exclude(direction=""))


def untagged(kind: str):
    """The records of ``kind`` that no confirmed tag and no source column tags (directly or by inheritance).

    A project: no confirmed tag and no priority direction of its own. An agreement: none of its own
    and an untagged project (or none). A payment: none of its own and an untagged agreement. A
    result: none of its own and an untagged project.
    """
    projects_untagged = Project.objects.filter(priority_direction="").exclude(_confirmed(SubjectKind.PROJECT))
    if kind == SubjectKind.PROJECT:
        return projects_untagged
    agreements_untagged = (
        Agreement.objects.filter(priority_direction="").exclude(_confirmed(SubjectKind.AGREEMENT))
        .filter(Q(project__isnull=True) | Q(project__in=projects_untagged.values("pk")))
    )
    if kind == SubjectKind.AGREEMENT:
        return agreements_untagged
    if kind == SubjectKind.PAYMENT:
        return Payment.objects.filter(agreement__in=agreements_untagged.values("pk")).exclude(_confirmed(SubjectKind.PAYMENT))
    if kind == SubjectKind.RESULT:
        return Result.objects.filter(project__in=projects_untagged.values("pk")).exclude(_confirmed(SubjectKind.RESULT))
    raise ValueError(f"unknown kind {kind!r}")


def subject_texts(kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The text the classifier reads for each record: a project's titles, an agreement's subject, a
    payment's purpose, a result's title."""
    ids = list(ids)
    if kind == SubjectKind.PROJECT:
        return {pk: " ".join(t for t in (ru, kk, en) if t) for pk, ru, kk, en in Project.objects.filter(pk__in=ids).values_list("pk", "title_ru", "title_kk", "title_en")}
    field = {SubjectKind.AGREEMENT: "subject", SubjectKind.PAYMENT: "purpose", SubjectKind.RESULT: "title"}[kind]
    return dict(_MODELS[kind].objects.filter(pk__in=ids).values_list("pk", field))


def _chunks(queryset, size: int) -> Iterator[list[int]]:
    """Primary keys of ``queryset`` in ascending chunks (key paging: each chunk is one indexed query)."""
    last = 0
    while True:
        ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def suggest_tags(*, kinds: Iterable[str] = tuple(SubjectKind.values), actor=None, chunk: int = CHUNK, dry_run: bool = False, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Store the classifier's suggestion for every untagged record (:func:`untagged`) of ``kinds``.

    Records whose suggestion is of the current classifier version are skipped, so a second run
    writes nothing. Confirmed tags are never touched: a suggestion is written beside them only. One
    transaction and one audit event per chunk of ``chunk`` records.

    Returns:
        Suggestions written per kind.
    """
    current = classifier.version()
    written: dict[str, int] = {}
    for kind in kinds:
        if kind not in SubjectKind.values:
            raise ValidationError(_("Unknown kind of record."), code="unknown_kind")
        pending = untagged(kind).exclude(Exists(PriorityTag.objects.filter(subject_kind=kind, subject_id=OuterRef("pk"), classifier_version=current)))
        written[kind] = 0
        for ids in _chunks(pending, chunk):
            texts = subject_texts(kind, ids)
            order = [pk for pk in ids if (texts.get(pk) or "").strip()]
            suggestions = dict(zip(order, classifier.suggest([texts[pk] for pk in order]), strict=True))
            suggestions = {pk: s for pk, s in suggestions.items() if s.direction}
            if progress:
                progress(len(ids))
            if dry_run or not suggestions:
                written[kind] += len(suggestions)
                continue
            with transaction.atomic():
                now = timezone.now()
                existing = {t.subject_id: t for t in PriorityTag.objects.select_for_update().filter(subject_kind=kind, subject_id__in=list(suggestions))}
                new, changed = [], []
                for pk, s in suggestions.items():
                    tag = existing.get(pk) or PriorityTag(subject_kind=kind, subject_id=pk)
                    tag.suggested_direction, tag.suggested_sector = str(s.direction), str(s.sector)
                    tag.confidence, tag.classifier_version, tag.suggested_at, tag.changed_at = Decimal(str(s.confidence)), current, now, now
                    (changed if tag.pk else new).append(tag)
                PriorityTag.objects.bulk_create(new, batch_size=1000)
                PriorityTag.objects.bulk_update(changed, ["suggested_direction", "suggested_sector", "confidence", "classifier_version", "suggested_at", "changed_at"], batch_size=1000)
                record_event(action="portfolio.suggest", object_type="portfolio.PriorityTag", object_id=kind, after={"kind": kind, "suggested": len(suggestions), "first": ids[0], "last": ids[-1], "classifier": current}, actor=actor)
            written[kind] += len(suggestions)
    return written


def validate_tag(direction: str, sector: str) -> None:
    """A confirmed tag names a known direction and a known sector (or none)."""
    if direction not in PriorityDirection.values:
        raise ValidationError({"direction": _("Choose a priority direction.")}, code="direction_unknown")
    if sector and sector not in TCCSector.values:
        raise ValidationError({"sector": _("Choose a TCC sector from the list.")}, code="sector_unknown")


def _require_reviewer(actor) -> None:
    if not may_review_tags(actor):
        raise PermissionDenied(_("Only a policy analyst or an administrator confirms priority tags."))


def confirm_tag(*, actor, kind: str, subject_id: int, direction: str, sector: str = "", note: str = "") -> PriorityTag:
    """Confirm (or correct) the tag of one record: ``direction`` and ``sector`` become its confirmed tag.

    The suggestion stays as it was, beside it. Raises ``PermissionDenied`` for anyone but a policy
    analyst or an administrator, ``ValidationError`` for an unknown kind, record, direction or sector.
    """
    _require_reviewer(actor)
    if kind not in SubjectKind.values:
        raise ValidationError(_("Unknown kind of record."), code="unknown_kind")
    validate_tag(direction, sector)
    note = (note or "").replace("\x00", "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("The note is at most %(max)s characters.") % {"max": NOTE_MAX}}, code="note_too_long")
    with transaction.atomic():
        _require_reviewer(actor)
        if not _MODELS[kind].objects.filter(pk=subject_id).exists():
            raise ValidationError(_("The record does not exist."), code="unknown_record")
        tag = PriorityTag.objects.select_for_update().filter(subject_kind=kind, subject_id=subject_id).first()
        before = None
        if tag is None:
            tag = PriorityTag(subject_kind=kind, subject_id=subject_id)
        elif tag.is_confirmed:
            before = {"direction": tag.direction, "sector": tag.sector, "note": tag.note}
        now = timezone.now()
        tag.direction, tag.sector, tag.note = direction, sector, note
        tag.confirmed_by, tag.confirmed_at, tag.changed_at = actor, now, now
        tag.full_clean(validate_unique=False)
        tag.save()
        corrected = bool(tag.suggested_direction) and (tag.suggested_direction, tag.suggested_sector) != (direction, sector)
        record_event(
            action="portfolio.correct" if corrected else "portfolio.confirm", object_type="portfolio.PriorityTag", object_id=tag.pk, before=before,
            after={"kind": kind, "record": subject_id, "direction": direction, "sector": sector, "suggested": tag.suggested_direction, "suggested_sector": tag.suggested_sector, "note": note},
            actor=actor, reason=note,
        )
    return tag


def bulk_confirm(*, actor, tag_ids: Iterable[int]) -> int:
    """Confirm the suggestions of ``tag_ids`` as suggested (at most :data:`BULK_CONFIRM_MAX`); returns how many.

    Tags already confirmed, or without a suggestion, are left as they are.
    """
    _require_reviewer(actor)
    ids = sorted({int(i) for i in tag_ids})
    if len(ids) > BULK_CONFIRM_MAX:
        raise ValidationError(_("Confirm at most %(max)s tags at once.") % {"max": BULK_CONFIRM_MAX}, code="too_many")
    with transaction.atomic():
        _require_reviewer(actor)
        tags = list(PriorityTag.objects.select_for_update().filter(pk__in=ids, confirmed_at__isnull=True).exclude(suggested_direction="").order_by("pk"))
        now = timezone.now()
        for tag in tags:
            tag.direction, tag.sector, tag.confirmed_by, tag.confirmed_at, tag.changed_at = tag.suggested_direction, tag.suggested_sector, actor, now, now
        PriorityTag.objects.bulk_update(tags, ["direction", "sector", "confirmed_by", "confirmed_at", "changed_at"])
        if tags:
            record_event(action="portfolio.bulk_confirm", object_type="portfolio.PriorityTag", object_id=tags[0].pk, after={"tags": [t.pk for t in tags], "count": len(tags)}, actor=actor)
    return len(tags)


def policy_targets() -> list[tuple[int, Decimal]]:
    """Every target row as (from year, share), in force order (a later row of the same year wins)."""
    return list(PolicyTarget.objects.order_by("from_year", "set_at", "pk").values_list("from_year", "share_percent"))


def policy_target(year: int, rows: list[tuple[int, Decimal]] | None = None) -> Decimal:
    """The least share (per cent) of the 1% money to go to the three priorities in ``year``.

    ``rows`` (from :func:`policy_targets`) saves a query per year when a page asks for many years.
    """
    share = DEFAULT_TARGET_PERCENT
    for from_year, value in (policy_targets() if rows is None else rows):
        if from_year <= year:
            share = value
    return share


def set_policy_target(*, actor, from_year: int, share_percent, basis: str = "") -> PolicyTarget:
    """Set the policy target from ``from_year`` (a new row; the earlier ones stay as the history)."""
    if not may_set_target(actor):
        raise PermissionDenied(_("Only an administrator sets the policy target."))
    try:
        share = Decimal(str(share_percent)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"share_percent": _("Give the share as a number from 0 to 100.")}, code="share_invalid") from None
    if not (Decimal("0") <= share <= Decimal("100")):
        raise ValidationError({"share_percent": _("The share is between 0 and 100%.")}, code="share_range")
    if not isinstance(from_year, int) or not 2000 <= from_year <= 2100:
        raise ValidationError({"from_year": _("The year is between 2000 and 2100.")}, code="year_range")
    basis = (basis or "").replace("\x00", "").strip()[:500]
    with transaction.atomic():
        if not may_set_target(actor):
            raise PermissionDenied(_("Only an administrator sets the policy target."))
        before = policy_target(from_year)
        row = PolicyTarget.objects.create(from_year=from_year, share_percent=share, basis=basis, set_by=actor)
        record_event(action="portfolio.set_target", object_type="portfolio.PolicyTarget", object_id=row.pk, before={"share_percent": before}, after={"from_year": from_year, "share_percent": share, "basis": basis}, actor=actor)
    return row
