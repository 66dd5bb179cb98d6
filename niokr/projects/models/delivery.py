"""An agreement's calendar plan: stages with their dates, amounts and deliverables, and the acts that accept them.

A :class:`Stage` is what the performer owes by a date for an amount; it moves through
:class:`~niokr.projects.choices.StageStatus` only by the ``stage`` workflow
(:mod:`niokr.projects.lifecycle.processes.delivery`): planned → submitted (the performer hands in
the scientific report) → accepted (the payer signs an :class:`AcceptanceAct`) or returned (for
revision, then submitted again). A payment may name the stage it pays (``Payment.stage``).

Files (the stage's report, the act's report) are kept by content under ``DATA_DIR/stage-reports``
(:mod:`niokr.core.files`): the record keeps the name as sent, the size and the SHA-256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.projects.choices import StageStatus

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}

__all__ = ["Stage", "AcceptanceAct", "StageQuerySet", "AcceptanceActQuerySet"]


class StageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Stages of the agreements ``user`` may see (:meth:`AgreementQuerySet.visible_to`)."""
        from niokr.projects.models import Agreement

        return self.filter(agreement__in=Agreement.objects.visible_to(user).values("pk"))


class AcceptanceActQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Acts of the stages ``user`` may see."""
        from niokr.projects.models import Agreement

        return self.filter(stage__agreement__in=Agreement.objects.visible_to(user).values("pk"))


class Stage(models.Model):
    """One stage of an agreement's calendar plan."""

    agreement = models.ForeignKey("projects.Agreement", on_delete=models.PROTECT, related_name="stages", verbose_name=_("agreement"))
    number = models.PositiveSmallIntegerField(_("stage number"))
    title = models.CharField(_("title"), max_length=500)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    deliverables = models.TextField(_("deliverables"), blank=True, max_length=20_000)
    status = models.CharField(_("status"), max_length=16, choices=StageStatus.choices, default=StageStatus.PLANNED)
    # The scientific report the performer handed in (the latest submission).
    report_name = models.CharField(_("report file"), max_length=255, blank=True)
    report_sha256 = models.CharField(_("report SHA-256"), max_length=64, blank=True)
    report_size = models.PositiveBigIntegerField(_("report size, bytes"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("report submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted by"))
    # Why the payer returned it last (kept until the next return; the trail keeps every one).
    return_reason = models.TextField(_("reason for return"), blank=True, max_length=5000)
    source_submission = models.PositiveBigIntegerField(_("submission"), null=True, blank=True, help_text=_("The intake submission the stage came from"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("agreement stage")
        verbose_name_plural = _("agreement stages")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="stage_number_unique_per_agreement", violation_error_message=_("The agreement already has a stage with this number.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="stage_amount_positive", violation_error_message=_("A stage's amount is above zero.")),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="stage_period_ordered", violation_error_message=_("The stage ends before it starts.")),
            models.CheckConstraint(condition=Q(number__gte=1), name="stage_number_positive", violation_error_message=_("Stages are numbered from 1.")),
        ]

    def __str__(self) -> str:
        return f"№{self.agreement.number} / {self.number}"

    @property
    def has_report(self) -> bool:
        return bool(self.report_sha256)


class AcceptanceAct(models.Model):
    """The act by which the payer accepts a stage: number, date, amount accepted, who signed, the report."""

    stage = models.OneToOneField(Stage, on_delete=models.PROTECT, related_name="act", verbose_name=_("agreement stage"))
    number = models.CharField(_("act number"), max_length=64)
    signed_on = models.DateField(_("date of the act"))
    amount = models.DecimalField(_("amount accepted, KZT"), **MONEY)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signed by"))
    report_name = models.CharField(_("report file"), max_length=255)
    report_sha256 = models.CharField(_("report SHA-256"), max_length=64)
    report_size = models.PositiveBigIntegerField(_("report size, bytes"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    source_submission = models.PositiveBigIntegerField(_("submission"), null=True, blank=True, help_text=_("The intake submission the act came from"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = AcceptanceActQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("acceptance act")
        verbose_name_plural = _("acceptance acts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="act_amount_positive", violation_error_message=_("The amount accepted is above zero.")),
            models.CheckConstraint(condition=~Q(report_sha256=""), name="act_report_required", violation_error_message=_("An act carries the scientific report.")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.signed_on}"
