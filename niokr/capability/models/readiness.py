"""Readiness (TRL, MRL, CRL) question sets and the assessments of projects made with them.

A question set is versioned like the audit questionnaire: a published version never changes. An
assessment is never overwritten: once submitted it and its answers are frozen, and a correction is
a new assessment that names the one it corrects (``corrects``). A project's readiness history is
the sequence of its submitted assessments.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.capability.choices import AnswerType, AssessmentStatus, ReadinessKind, TechnologyType, VersionStatus
from niokr.capability.models.audit import COMMENT_MAX
from niokr.capability.models.common import EvidenceFields, Frozen, in_language, validate_trilingual
from niokr.capability.models.questionnaire import validate_code

__all__ = ["ReadinessQuestionSet", "ReadinessQuestion", "Assessment", "AssessmentAnswer", "MAX_LEVEL"]

#: The highest level any readiness scale has (MRL has ten).
MAX_LEVEL = 10


class ReadinessQuestionSetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)


class ReadinessQuestionSet(models.Model):
    """One version of the questions for a readiness scale (TRL, MRL or CRL) and technology type."""

    code = models.CharField(_("code"), max_length=48, validators=[validate_code])
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("scale"), max_length=8, choices=ReadinessKind.choices)
    technology_type = models.CharField(_("technology type"), max_length=24, choices=TechnologyType.choices)
    max_level = models.PositiveSmallIntegerField(_("top level"), validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)])
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    valid_from = models.DateField(_("valid from"))
    title = models.JSONField(_("title"), validators=[validate_trilingual])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("based on"))

    objects = ReadinessQuestionSetQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "technology_type", "code", "-version"]
        verbose_name = _("readiness question set")
        verbose_name_plural = _("readiness question sets")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cap_qset_version_unique", violation_error_message=_("This version of the question set exists already.")),
            models.CheckConstraint(condition=Q(max_level__gte=1, max_level__lte=MAX_LEVEL), name="cap_qset_max_level_range", violation_error_message=_("The top level is between 1 and 10.")),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="cap_qset_published_dated", violation_error_message=_("A published version records when it was published."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def title_text(self) -> str:
        return in_language(self.title)

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, status=VersionStatus.PUBLISHED).exists():
            raise Frozen(_("A published version never changes: make a new version."), code="published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise Frozen(_("A published version never changes: make a new version."), code="published")
        return super().delete(*args, **kwargs)


class ReadinessQuestion(models.Model):
    """A question of a set at one level; met when the answer (0–100 %, "yes" = 100) reaches ``threshold``."""

    question_set = models.ForeignKey(ReadinessQuestionSet, on_delete=models.CASCADE, related_name="questions", verbose_name=_("question set"))
    code = models.CharField(_("code"), max_length=48, validators=[validate_code])
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)])
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.JSONField(_("question"), validators=[validate_trilingual])
    answer_type = models.CharField(_("answer"), max_length=16, choices=AnswerType.choices, default=AnswerType.YES_NO)
    threshold = models.PositiveSmallIntegerField(_("threshold, %"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        ordering = ["question_set", "level", "order"]
        verbose_name = _("readiness question")
        verbose_name_plural = _("readiness questions")
        constraints = [
            models.UniqueConstraint(fields=["question_set", "code"], name="cap_rquestion_code_unique", violation_error_message=_("A question with this code exists in the set already.")),
            models.UniqueConstraint(fields=["question_set", "level", "order"], name="cap_rquestion_order_unique", violation_error_message=_("Two questions of a level cannot share a place.")),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=MAX_LEVEL), name="cap_rquestion_level_range", violation_error_message=_("A level is between 1 and 10.")),
            models.CheckConstraint(condition=Q(threshold__gte=1, threshold__lte=100), name="cap_rquestion_threshold_range", violation_error_message=_("A threshold is between 1 and 100 per cent.")),
            models.CheckConstraint(condition=~Q(answer_type="yes_no") | Q(threshold=100), name="cap_rquestion_yes_no_threshold", violation_error_message=_("A yes-or-no question is met by a yes.")),
        ]

    def __str__(self) -> str:
        return self.code

    def text_in_language(self) -> str:
        return in_language(self.text)

    def clean(self) -> None:
        super().clean()
        if self.question_set_id and self.level and self.level > self.question_set.max_level:
            raise ValidationError({"level": ValidationError(_("The level is above the top of the scale."), code="level_above_top")})

    def _refuse_if_published(self) -> None:
        if ReadinessQuestionSet.objects.filter(pk=self.question_set_id, status=VersionStatus.PUBLISHED).exists():
            raise Frozen(_("A published version never changes: make a new version."), code="published")

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)


class AssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AssessmentStatus.SUBMITTED)


class Assessment(models.Model):
    """A readiness assessment of a project with one question-set version; never overwritten.

    ``level`` is computed by :func:`niokr.capability.engine.readiness_level` when the assessment is
    submitted, and frozen with it. A correction is a new assessment with ``corrects`` set.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="readiness_assessments", verbose_name=_("R&D project"))
    question_set = models.ForeignKey(ReadinessQuestionSet, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("question set"))
    kind = models.CharField(_("scale"), max_length=8, choices=ReadinessKind.choices)
    technology_type = models.CharField(_("technology type"), max_length=24, choices=TechnologyType.choices)
    assessment_date = models.DateField(_("assessment date"))
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="readiness_assessments", verbose_name=_("assessor"))
    status = models.CharField(_("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    level = models.PositiveSmallIntegerField(_("level reached"), null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)])
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("corrects"))
    note = models.TextField(_("note"), blank=True, max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessment_date", "-id"]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        indexes = [models.Index(fields=["project", "kind", "status", "assessment_date"], name="cap_assessment_project_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(submitted_at__isnull=False) & Q(level__isnull=False)),
                name="cap_assessment_submitted_levelled", violation_error_message=_("A submitted assessment carries its level."),
            ),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__lte=MAX_LEVEL), name="cap_assessment_level_range", violation_error_message=_("A level is between 0 and 10.")),
            models.CheckConstraint(condition=~Q(corrects=models.F("id")), name="cap_assessment_not_self_correcting", violation_error_message=_("An assessment cannot correct itself.")),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.assessment_date}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, status=AssessmentStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted assessment is never changed: correct it with a new assessment."), code="submitted")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, status=AssessmentStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted assessment is never changed: correct it with a new assessment."), code="submitted")
        return super().delete(*args, **kwargs)


class AssessmentAnswer(EvidenceFields):
    """The answer an assessment gives one question: a percentage (yes = 100, no = 0), a comment, evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment"))
    question = models.ForeignKey(ReadinessQuestion, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    value = models.PositiveSmallIntegerField(_("answer, %"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX)

    class Meta:
        ordering = ["assessment", "question__level", "question__order"]
        verbose_name = _("assessment answer")
        verbose_name_plural = _("assessment answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="cap_assessment_answer_unique", violation_error_message=_("The question is answered once in an assessment.")),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="cap_assessment_answer_range", violation_error_message=_("An answer is between 0 and 100 per cent.")),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_id}: {self.value}"

    def _refuse_if_submitted(self) -> None:
        if Assessment.objects.filter(pk=self.assessment_id, status=AssessmentStatus.SUBMITTED).exists():
            raise Frozen(_("A submitted assessment is never changed: correct it with a new assessment."), code="submitted")

    def save(self, *args, **kwargs):
        self._refuse_if_submitted()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_submitted()
        return super().delete(*args, **kwargs)
