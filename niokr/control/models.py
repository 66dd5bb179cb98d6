"""Control: evaluation runs with their flags, coverage and risk scores; audit cases and notices.

A run's flags, coverage gaps and scores are its own rows: a later run of the same scope replaces
the detail of the earlier one (the run row and its counts stay as history). A case keeps its own
copy of every flag it was opened from (``CaseItem``), so it survives later runs; the decision on
each item (confirmed or dismissed) is what the evaluation of the engine reads back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.control.choices import CaseStatus, ItemDecision, NoticeKind, RunStatus, SubjectType
from niokr.control.querysets import (
    CaseItemQuerySet,
    CaseQuerySet,
    CoverageQuerySet,
    FlagQuerySet,
    NoticeQuerySet,
    RiskScoreQuerySet,
    RunQuerySet,
)
from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}


class ControlRun(models.Model):
    """One evaluation of the catalogue: national (``payer`` empty) or for one subsoil user."""

    payer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="control_runs", verbose_name=_("subsoil user"))
    as_of = models.DateField(_("evaluated as of"))
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.CharField(_("started by"), max_length=150, blank=True)
    catalogue = models.JSONField(_("indicator versions"), default=dict)
    parameters = models.JSONField(_("thresholds in force"), default=dict)
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Per indicator: subjects, flagged, clear, not computable"))
    warnings = models.JSONField(_("warnings"), default=list)
    phases = models.JSONField(_("phase timings, s"), default=dict)
    error = models.TextField(_("error"), blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("control run")
        verbose_name_plural = _("control runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.as_of}"


class Flag(models.Model):
    """An indicator that fired on a subject, with the evidence and the threshold it fired at."""

    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="flags", db_index=False, verbose_name=_("control run"))
    indicator = models.CharField(_("indicator"), max_length=8)
    version = models.PositiveSmallIntegerField(_("version"))
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.BigIntegerField(_("subject"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    payer = models.ForeignKey("registry.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+", verbose_name=_("subsoil user"), db_index=False)
    amount = models.DecimalField(_("amount at stake"), null=True, blank=True, **MONEY)
    evidence = models.JSONField(_("evidence"), default=dict)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        indexes = [
            models.Index(fields=["run", "indicator"], name="flag_run_indicator_idx"),
            models.Index(fields=["payer", "run"], name="flag_payer_run_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="flag_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.subject_type} {self.subject_id}"


class CoverageGap(models.Model):
    """A subject an indicator could not be computed for, and why."""

    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="gaps", db_index=False, verbose_name=_("control run"))
    indicator = models.CharField(_("indicator"), max_length=8)
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.BigIntegerField(_("subject"), null=True, blank=True, help_text=_("Empty: the whole scope (an input was missing)"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    payer = models.ForeignKey("registry.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+", verbose_name=_("subsoil user"))
    reason = models.CharField(_("reason"), max_length=64)

    class Meta:
        verbose_name = _("coverage gap")
        verbose_name_plural = _("coverage gaps")
        indexes = [models.Index(fields=["run", "indicator"], name="gap_run_indicator_idx"), models.Index(fields=["subject_type", "subject_id"], name="gap_subject_idx")]


class Coverage(models.Model):
    """Per run, indicator and subsoil user: how many subjects were flagged, clear, not computable."""

    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="coverage", db_index=False, verbose_name=_("control run"))
    indicator = models.CharField(_("indicator"), max_length=8)
    payer = models.ForeignKey("registry.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+", verbose_name=_("subsoil user"))
    flagged = models.PositiveIntegerField(_("flagged"))
    clear = models.PositiveIntegerField(_("clear"))
    not_computable = models.PositiveIntegerField(_("not computable"))

    objects = CoverageQuerySet.as_manager()

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        indexes = [models.Index(fields=["run", "payer"], name="coverage_run_payer_idx")]


class RiskScore(models.Model):
    """A risk score 0–100 of a payment, agreement, performer or subsoil-user-year, with its reasons."""

    run = models.ForeignKey(ControlRun, on_delete=models.CASCADE, related_name="scores", db_index=False, verbose_name=_("control run"))
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.BigIntegerField(_("subject"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    payer = models.ForeignKey("registry.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+", verbose_name=_("subsoil user"), db_index=False)
    score = models.PositiveSmallIntegerField(_("risk score"))
    flags = models.PositiveIntegerField(_("flags"))
    amount = models.DecimalField(_("amount at stake"), null=True, blank=True, **MONEY)
    contributions = models.JSONField(_("contributions"), default=list, help_text=_("Per indicator: weight, materiality, flags, amount, points"))

    objects = RiskScoreQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "-id"]
        verbose_name = _("risk score")
        verbose_name_plural = _("risk scores")
        indexes = [
            models.Index(fields=["run", "subject_type", "-score"], name="score_run_type_idx"),
            models.Index(fields=["payer", "run"], name="score_payer_run_idx"),
        ]


class AuditCase(models.Model):
    """An audit of one subsoil user, opened from flags, closed as confirmed or dismissed."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    payer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="audit_cases", verbose_name=_("subsoil user"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assigned_cases", verbose_name=_("assigned to"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opened_cases", verbose_name=_("opened by"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    findings = models.TextField(_("findings"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    excluded_total = models.DecimalField(_("amount excluded"), default=0, **MONEY)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("audit case")
        verbose_name_plural = _("audit cases")
        indexes = [models.Index(fields=["payer", "status"], name="case_payer_status_idx")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status in CaseStatus.closed()


class CaseItem(models.Model):
    """A flag taken into a case (a copy: it outlives the run), and the decision on it."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="items", verbose_name=_("audit case"))
    indicator = models.CharField(_("indicator"), max_length=8)
    version = models.PositiveSmallIntegerField(_("version"))
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.BigIntegerField(_("subject"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    amount = models.DecimalField(_("amount at stake"), null=True, blank=True, **MONEY)
    evidence = models.JSONField(_("evidence"), default=dict)
    decision = models.CharField(_("decision"), max_length=16, choices=ItemDecision.choices, default=ItemDecision.PENDING)
    excluded = models.DecimalField(_("amount excluded"), default=0, **MONEY)

    objects = CaseItemQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("case item")
        verbose_name_plural = _("case items")
        constraints = [
            # A subject once per case and indicator; a year-subject (right-year, payer-year) once per year.
            models.UniqueConstraint(fields=["case", "indicator", "subject_type", "subject_id"], condition=Q(year__isnull=True), name="case_item_once"),
            models.UniqueConstraint(fields=["case", "indicator", "subject_type", "subject_id", "year"], condition=Q(year__isnull=False), name="case_item_once_a_year"),
        ]
        indexes = [models.Index(fields=["indicator", "subject_type", "subject_id"], name="case_item_subject_idx")]


class DocumentRequest(models.Model):
    """Documents an auditor asks the company for, and the company's answer."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="requests", verbose_name=_("audit case"))
    text = models.TextField(_("documents requested"))
    due_on = models.DateField(_("answer by"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answer_file = models.CharField(_("attached file"), max_length=255, blank=True, help_text=_("Name of the attached file"))
    answer_sha256 = models.CharField(max_length=64, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")


class Notice(models.Model):
    """A notice to an organisation (rendered in the reader's language from ``kind`` and ``params``)."""

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="notices", verbose_name=_("organisation"))
    case = models.ForeignKey(AuditCase, on_delete=models.PROTECT, null=True, blank=True, related_name="notices", verbose_name=_("audit case"))
    kind = models.CharField(_("kind"), max_length=24, choices=NoticeKind.choices)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
