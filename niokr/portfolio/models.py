"""Priority tags (the suggested one kept apart from the confirmed one) and the policy target."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection, TCCSector
from niokr.portfolio.choices import SubjectKind

__all__ = ["PriorityTag", "PolicyTarget"]


class PriorityTag(models.Model):
    """The priority direction and TCC sector of one record (a project, agreement, payment or result).

    Two tags live side by side and are never mixed: the classifier's **suggestion**
    (``suggested_*``, with its confidence and the classifier's version) and the tag a person
    **confirmed** or corrected (``direction``, ``sector``, ``confirmed_by``, ``confirmed_at``). Only
    the confirmed tag counts (:mod:`niokr.portfolio.queries`): a record with a suggestion alone is
    shown as "suggested only", apart from the priorities' shares. One row per record.

    The record is named by its kind and id rather than by a foreign key per kind, so that one table
    and one index serve the four kinds and the national aggregation joins it once per level.
    """

    subject_kind = models.CharField(_("kind of record"), max_length=16, choices=SubjectKind.choices)
    subject_id = models.BigIntegerField(_("record"))
    # The classifier's suggestion.
    suggested_direction = models.CharField(_("suggested direction"), max_length=16, choices=PriorityDirection.choices, blank=True)
    suggested_sector = models.CharField(_("suggested TCC sector"), max_length=16, choices=TCCSector.choices, blank=True)
    confidence = models.DecimalField(_("confidence"), max_digits=4, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))])
    classifier_version = models.CharField(_("classifier version"), max_length=32, blank=True)
    suggested_at = models.DateTimeField(_("suggested"), null=True, blank=True)
    # The tag a person confirmed (or corrected).
    direction = models.CharField(_("confirmed direction"), max_length=16, choices=PriorityDirection.choices, blank=True)
    sector = models.CharField(_("confirmed TCC sector"), max_length=16, choices=TCCSector.choices, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["subject_kind", "subject_id"]
        verbose_name = _("priority tag")
        verbose_name_plural = _("priority tags")
        constraints = [
            models.UniqueConstraint(fields=["subject_kind", "subject_id"], name="priority_tag_one_per_record", violation_error_message=_("The record already has a priority tag.")),
            models.CheckConstraint(
                condition=Q(subject_kind__in=SubjectKind.values), name="priority_tag_kind_known", violation_error_message=_("Choose the kind of record."),
            ),
            models.CheckConstraint(
                condition=(Q(confirmed_at__isnull=True) & Q(direction="") & Q(sector="")) | (Q(confirmed_at__isnull=False) & ~Q(direction="")),
                name="priority_tag_confirmed_has_direction", violation_error_message=_("A confirmed tag names its direction; an unconfirmed one names none."),
            ),
            models.CheckConstraint(
                condition=(Q(suggested_at__isnull=True) & Q(suggested_direction="")) | (Q(suggested_at__isnull=False) & ~Q(suggested_direction="")),
                name="priority_tag_suggestion_complete", violation_error_message=_("A suggestion names its direction and when it was made."),
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1), name="priority_tag_confidence_range", violation_error_message=_("The confidence is between 0 and 1."),
            ),
        ]
        indexes = [
            # The review queue: suggested, not yet confirmed, by kind.
            models.Index(fields=["subject_kind", "suggested_direction"], condition=Q(confirmed_at__isnull=True) & ~Q(suggested_direction=""), name="priority_tag_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class PolicyTarget(models.Model):
    """The policy target: the least share of the 1% money that should go to the three priorities.

    A row applies from ``from_year`` until the next row's year; without any row the default is
    :data:`DEFAULT_TARGET_PERCENT` ("at least 50% of the 1% to the three priorities", the focus
    policy the Council considered). Rows are added by an administrator, never edited: the history
    of the target is kept.
    """

    from_year = models.PositiveSmallIntegerField(_("from year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    share_percent = models.DecimalField(_("least share to the three priorities, %"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    basis = models.CharField(_("basis"), max_length=500, blank=True, help_text=_("The decision that set the target"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("set by"))
    set_at = models.DateTimeField(_("set"), default=timezone.now)

    class Meta:
        ordering = ["from_year", "set_at"]
        verbose_name = _("policy target")
        verbose_name_plural = _("policy targets")
        constraints = [
            models.CheckConstraint(condition=Q(share_percent__gte=0, share_percent__lte=100), name="policy_target_share_range", violation_error_message=_("The share is between 0 and 100%.")),
            models.CheckConstraint(condition=Q(from_year__gte=2000, from_year__lte=2100), name="policy_target_year_range", violation_error_message=_("The year is between 2000 and 2100.")),
        ]

    def __str__(self) -> str:
        return f"{self.from_year}: {self.share_percent}%"


#: The target when no :class:`PolicyTarget` row applies: at least half of the 1% to the three priorities.
DEFAULT_TARGET_PERCENT = Decimal("50")
