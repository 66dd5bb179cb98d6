"""Audits of organisations: who assessed whom with which questionnaire version, the answers and the scores."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.capability.choices import Archetype, AuditKind, AuditStatus, ProjectPhase
from niokr.capability.models.common import EvidenceFields, Frozen
from niokr.capability.models.questionnaire import Dimension, Question, Questionnaire

__all__ = ["Audit", "AuditAnswer", "AuditDimensionScore", "COMMENT_MAX"]

#: The longest comment an answer may carry.
COMMENT_MAX = 2000
SCORE = [MinValueValidator(1), MaxValueValidator(4)]


class AuditQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AuditStatus.SUBMITTED)


class Audit(models.Model):
    """A technology-capability audit of one organisation with one questionnaire version.

    A self-assessment is filled in by the organisation's own staff; an assessor's audit by a person
    holding the ``assessor`` role. An audit may be linked to a funded project, made before or after
    it (the pair shows what the project changed). Submitted, the audit and its answers never change;
    its scores are stored on submission (``overall_score``, ``archetype``, :class:`AuditDimensionScore`).
    """

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="capability_audits", verbose_name=_("organisation"))
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="audits", verbose_name=_("questionnaire"))
    kind = models.CharField(_("kind"), max_length=16, choices=AuditKind.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="capability_audits", verbose_name=_("filled in by"))
    audit_date = models.DateField(_("audit date"))
    status = models.CharField(_("status"), max_length=16, choices=AuditStatus.choices, default=AuditStatus.DRAFT)
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="capability_audits", verbose_name=_("funded project"))
    phase = models.CharField(_("phase"), max_length=16, choices=ProjectPhase.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    overall_score = models.DecimalField(_("overall score"), max_digits=3, decimal_places=2, null=True, blank=True)
    archetype = models.CharField(_("archetype"), max_length=16, choices=Archetype.choices, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-audit_date", "-id"]
        verbose_name = _("technology audit")
        verbose_name_plural = _("technology audits")
        indexes = [models.Index(fields=["organisation", "status", "audit_date"], name="cap_audit_org_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(project__isnull=True) & Q(phase="")) | (Q(project__isnull=False) & Q(phase__in=["before", "after"])),
                name="cap_audit_phase_with_project", violation_error_message=_("An audit linked to a project says whether it was made before or after it."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(submitted_at__isnull=False) & Q(overall_score__isnull=False) & ~Q(archetype="")),
                name="cap_audit_submitted_scored", violation_error_message=_("A submitted audit carries its scores."),
            ),
            models.CheckConstraint(
                condition=Q(overall_score__isnull=True) | Q(overall_score__gte=1, overall_score__lte=4),
                name="cap_audit_score_range", violation_error_message=_("A score is between 1 and 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.audit_date}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AuditStatus.SUBMITTED

    def clean(self) -> None:
        super().clean()
        if self.project_id and not self.phase:
            raise ValidationError({"phase": ValidationError(_("An audit linked to a project says whether it was made before or after it."), code="phase")})
        if self.phase and not self.project_id:
            raise ValidationError({"phase": ValidationError(_("Choose the project the audit is made before or after."), code="phase_without_project")})

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, status=AuditStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted audit never changes."), code="submitted")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, status=AuditStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted audit never changes."), code="submitted")
        return super().delete(*args, **kwargs)


class _AuditPart(models.Model):
    class Meta:
        abstract = True

    def _refuse_if_submitted(self) -> None:
        if Audit.objects.filter(pk=self.audit_id, status=AuditStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted audit never changes."), code="submitted")

    def save(self, *args, **kwargs):
        self._refuse_if_submitted()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_submitted()
        return super().delete(*args, **kwargs)


class AuditAnswer(EvidenceFields, _AuditPart):
    """The score (1–4) an audit gives one question, with a comment and optional evidence."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers", verbose_name=_("audit"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX)

    class Meta:
        ordering = ["audit", "question__dimension__order", "question__order"]
        verbose_name = _("audit answer")
        verbose_name_plural = _("audit answers")
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="cap_audit_answer_unique", violation_error_message=_("The question is answered once in an audit.")),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="cap_audit_answer_score_range", violation_error_message=_("A score is between 1 and 4.")),
        ]

    def __str__(self) -> str:
        return f"{self.audit_id}/{self.question_id}: {self.score}"


class AuditDimensionScore(_AuditPart):
    """A submitted audit's score of one dimension (the mean of its questions' scores), written on submission."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="dimension_scores", verbose_name=_("audit"))
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="scores", verbose_name=_("dimension"))
    #: The dimension's code, kept beside it: aggregates compare the same dimension across versions.
    dimension_code = models.CharField(_("dimension code"), max_length=48)
    score = models.DecimalField(_("score"), max_digits=3, decimal_places=2)

    class Meta:
        ordering = ["audit", "dimension__order"]
        verbose_name = _("dimension score")
        verbose_name_plural = _("dimension scores")
        indexes = [models.Index(fields=["dimension_code"], name="cap_dimscore_code_idx")]
        constraints = [
            models.UniqueConstraint(fields=["audit", "dimension"], name="cap_dimension_score_unique", violation_error_message=_("A dimension is scored once in an audit.")),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="cap_dimension_score_range", violation_error_message=_("A score is between 1 and 4.")),
        ]

    def __str__(self) -> str:
        return f"{self.audit_id}/{self.dimension_code}: {self.score}"
