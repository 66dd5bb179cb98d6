"""The audit questionnaire: versions, their dimensions and questions (scored 1–4 with an anchor per score)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.capability.choices import VersionStatus
from niokr.capability.models.common import Frozen, in_language, validate_trilingual

__all__ = ["Questionnaire", "Dimension", "Question", "CODE_PATTERN"]

CODE_PATTERN = r"^[a-z0-9][a-z0-9.\-]{0,47}$"


def validate_code(value: str) -> None:
    """Refuse a code that is not a short lower-case slug."""
    if not re.fullmatch(CODE_PATTERN, value or ""):
        raise ValidationError(_("A code is lower-case Latin letters, digits, dots and hyphens (at most 48)."), code="code")


class QuestionnaireQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)


class Questionnaire(models.Model):
    """One version of an audit questionnaire. Published, it never changes: a change is a new version."""

    code = models.CharField(_("code"), max_length=48, validators=[validate_code])
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    valid_from = models.DateField(_("valid from"))
    title = models.JSONField(_("title"), validators=[validate_trilingual])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("based on"))

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("audit questionnaire")
        verbose_name_plural = _("audit questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cap_questionnaire_version_unique", violation_error_message=_("This version of the questionnaire exists already.")),
            models.CheckConstraint(condition=Q(version__gte=1), name="cap_questionnaire_version_positive", violation_error_message=_("A version number is at least 1.")),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="cap_questionnaire_published_dated", violation_error_message=_("A published version records when it was published."),
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
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == VersionStatus.PUBLISHED:
                raise Frozen(_("A published version never changes: make a new version."), code="published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise Frozen(_("A published version never changes: make a new version."), code="published")
        return super().delete(*args, **kwargs)


class _VersionPart(models.Model):
    """A part of a questionnaire version: writable only while the version is a draft."""

    class Meta:
        abstract = True

    def _version(self) -> Questionnaire:
        raise NotImplementedError

    def _refuse_if_published(self) -> None:
        version = self._version()
        if version is not None and Questionnaire.objects.filter(pk=version.pk, status=VersionStatus.PUBLISHED).exists():
            raise Frozen(_("A published version never changes: make a new version."), code="published")

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)


class Dimension(_VersionPart):
    """A capability dimension of a questionnaire version (e.g. "technology strategy")."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("questionnaire"))
    code = models.CharField(_("code"), max_length=48, validators=[validate_code])
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.JSONField(_("title"), validators=[validate_trilingual])

    class Meta:
        ordering = ["questionnaire", "order"]
        verbose_name = _("audit dimension")
        verbose_name_plural = _("audit dimensions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="cap_dimension_code_unique", violation_error_message=_("A dimension with this code exists in the version already.")),
            models.UniqueConstraint(fields=["questionnaire", "order"], name="cap_dimension_order_unique", violation_error_message=_("Two dimensions of a version cannot share a place.")),
        ]

    def __str__(self) -> str:
        return self.code

    def _version(self):
        return self.questionnaire

    def title_text(self) -> str:
        return in_language(self.title)


def validate_anchors(value) -> None:
    """Four trilingual anchors: what a score of 1, 2, 3 and 4 looks like."""
    if not isinstance(value, list) or len(value) != 4:
        raise ValidationError(_("Describe each of the four scores, 1 to 4."), code="anchors")
    for anchor in value:
        validate_trilingual(anchor)


class Question(_VersionPart):
    """A question of a dimension, scored 1–4; ``anchors`` describe each score in kk/ru/en."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dimension"))
    code = models.CharField(_("code"), max_length=48, validators=[validate_code])
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.JSONField(_("question"), validators=[validate_trilingual])
    anchors = models.JSONField(_("descriptions of the scores"), validators=[validate_anchors])

    class Meta:
        ordering = ["dimension__order", "order"]
        verbose_name = _("audit question")
        verbose_name_plural = _("audit questions")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "order"], name="cap_question_order_unique", violation_error_message=_("Two questions of a dimension cannot share a place.")),
            models.UniqueConstraint(fields=["dimension", "code"], name="cap_question_code_unique", violation_error_message=_("A question with this code exists in the dimension already.")),
        ]

    def __str__(self) -> str:
        return self.code

    def _version(self):
        return self.dimension.questionnaire

    def text_in_language(self) -> str:
        return in_language(self.text)

    def anchor_texts(self) -> list[tuple[int, str]]:
        """``[(1, text), … (4, text)]`` in the reader's language."""
        return [(score, in_language(anchor)) for score, anchor in enumerate(self.anchors or [], start=1)]
