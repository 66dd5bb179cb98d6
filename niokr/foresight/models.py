"""Delphi foresight: exercises, panels and panellists, items, rounds, answers and frozen results.

An :class:`Exercise` (a topic under a priority direction) is run by its moderator. Its consensus rules
are stored with it and locked before round 1 opens (:attr:`Exercise.rules_locked_at`); they never
change afterwards. Panellists (:class:`Panellist`, in :class:`Panel`\\ s) rate :class:`Item`\\ s
(statements or technologies) on the exercise's scales (:class:`Scale`) in numbered
:class:`Round`\\ s. A panellist's :class:`Response` to a round holds one :class:`Answer` per item and
scale; "don't know" is kept apart from the values and out of every statistic. When a round closes its
statistics are computed once and frozen (:class:`ItemResult`, :class:`RoundSummary`); a round is never
deleted, and nor are its answers.

Anonymity: only the exercise's moderator (and an administrator) may link a panellist to an answer;
the group's statistics and the comments are shown without names (:mod:`niokr.foresight.access`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection


class ExerciseStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    RUNNING = "running", _("Under way")
    CLOSED = "closed", _("Completed")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed, results frozen")


class Scale(models.TextChoices):
    """What an item is rated on. The first two are 1–9 Likert scales (consensus is judged on them)."""

    IMPORTANCE = "importance", _("Importance for Kazakhstan")
    FEASIBILITY = "feasibility", _("Feasibility")
    REALISATION = "realisation", _("Time to realisation")
    CAPABILITY = "capability", _("Kazakhstan's capability (per cent of the world leader)")


#: The scales judged for consensus (1–9 Likert).
LIKERT_SCALES = (Scale.IMPORTANCE, Scale.FEASIBILITY)


class RealisationBand(models.IntegerChoices):
    """Time to realisation in year bands (stored as 1–5 so that the statistics apply)."""

    BY_2030 = 1, _("by 2030")
    BY_2035 = 2, _("2031–2035")
    BY_2040 = 3, _("2036–2040")
    AFTER_2040 = 4, _("after 2040")
    NEVER = 5, _("never")


class ItemKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    TECHNOLOGY = "technology", _("Technology")
    PRODUCT = "product", _("Product")


class ItemStatus(models.TextChoices):
    ACCEPTED = "accepted", _("In the questionnaire")
    PROPOSED = "proposed", _("Proposed by a panellist")
    DECLINED = "declined", _("Not taken into the questionnaire")


class Trilingual(models.Model):
    """Text held in the three languages, read in the reader's."""

    class Meta:
        abstract = True

    def text_in(self, stem: str, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        value = getattr(self, f"{stem}_{language}", "") if language in ("kk", "ru", "en") else ""
        return value or getattr(self, f"{stem}_ru", "") or getattr(self, f"{stem}_en", "")


class Exercise(Trilingual):
    """A Delphi exercise: a topic under a priority direction, with its locked consensus rules."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    priority_direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderated_exercises", verbose_name=_("moderator"))
    status = models.CharField(_("status"), max_length=16, choices=ExerciseStatus.choices, default=ExerciseStatus.DRAFT)
    #: The consensus rules (:class:`niokr.foresight.stats.ConsensusRules` as a dict).
    consensus_rules = models.JSONField(_("consensus rules"), default=dict)
    rules_locked_at = models.DateTimeField(_("rules locked"), null=True, blank=True)
    rules_locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("rules locked by"))
    #: The scales the items are rated on (``Scale`` values), chosen before the rules are locked.
    scales = models.JSONField(_("scales"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("foresight exercise")
        verbose_name_plural = _("foresight exercises")

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return self.text_in("title")

    @property
    def rules_locked(self) -> bool:
        return self.rules_locked_at is not None


class Panel(Trilingual):
    """A group of panellists (e.g. clinicians, industry, researchers)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="panels", verbose_name=_("exercise"))
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["exercise", "id"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return self.text_in("name")

    @property
    def name(self) -> str:
        return self.text_in("name")


class Panellist(models.Model):
    """A person on an exercise's panel, with the expertise they rate themselves at (1–5)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="panellists", verbose_name=_("exercise"))
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="panellists", verbose_name=_("panel"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats", verbose_name=_("person"))
    expertise = models.PositiveSmallIntegerField(_("self-rated expertise (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    withdrew_at = models.DateTimeField(_("withdrew"), null=True, blank=True)

    class Meta:
        ordering = ["exercise", "id"]
        verbose_name = _("panellist")
        verbose_name_plural = _("panellists")
        constraints = [
            models.UniqueConstraint(fields=["exercise", "user"], name="panellist_once_per_exercise"),
            models.CheckConstraint(condition=Q(expertise__gte=1, expertise__lte=5), name="panellist_expertise_range", violation_error_message=_("Expertise is rated from 1 to 5.")),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id}:{self.pk}"


class Round(models.Model):
    """A numbered round. Closed rounds keep their answers and frozen results for ever."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("exercise"))
    number = models.PositiveSmallIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.PLANNED)
    deadline = models.DateField(_("answers due"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["exercise", "number"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="round_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive", violation_error_message=_("Rounds are numbered from 1.")),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} / {self.number}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A round is never deleted: its answers and results are the exercise's record."))


class Item(Trilingual):
    """A statement or technology the panel rates; panellists may propose items in round 1."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="items", verbose_name=_("exercise"))
    code = models.CharField(_("code"), max_length=16)
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices, default=ItemKind.TECHNOLOGY)
    statement_kk = models.TextField(_("statement (Kazakh)"), max_length=2000)
    statement_ru = models.TextField(_("statement (Russian)"), max_length=2000)
    statement_en = models.TextField(_("statement (English)"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.ACCEPTED)
    proposed_by = models.ForeignKey(Panellist, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name=_("proposed by"))
    #: The round from which the item is rated (1 for the prepared questionnaire; 2 for one proposed in round 1).
    first_round = models.PositiveSmallIntegerField(_("rated from round"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["exercise", "order", "code"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [models.UniqueConstraint(fields=["exercise", "code"], name="item_code_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def statement(self) -> str:
        return self.text_in("statement")


class Response(models.Model):
    """A panellist's answers to one round (a draft until submitted)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses", verbose_name=_("round"))
    panellist = models.ForeignKey(Panellist, on_delete=models.PROTECT, related_name="responses", verbose_name=_("panellist"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [models.UniqueConstraint(fields=["round", "panellist"], name="response_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.panellist_id}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A round's answers and results are never deleted: they are the exercise's record."))


class Answer(models.Model):
    """One rating: a value on the scale, or "don't know" (no value), with an optional comment."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers", verbose_name=_("response"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("item"))
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices)
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    dont_know = models.BooleanField(_("don't know"), default=False)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item", "scale"], name="answer_once_per_scale"),
            models.CheckConstraint(
                condition=(Q(dont_know=True) & Q(value__isnull=True)) | (Q(dont_know=False) & Q(value__isnull=False)),
                name="answer_value_or_dont_know",
                violation_error_message=_("An answer is a value or “don't know”, not both."),
            ),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=100), name="answer_value_range", violation_error_message=_("The value is outside the scale.")),
        ]

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A round's answers and results are never deleted: they are the exercise's record."))


class ItemResult(models.Model):
    """An item's statistics on one scale in one round, computed when the round closed (frozen)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="results", verbose_name=_("round"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="results", verbose_name=_("item"))
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices)
    answered = models.PositiveIntegerField(_("answers with a value"))
    dont_know = models.PositiveIntegerField(_("“don't know” answers"))
    median = models.DecimalField(_("median"), max_digits=6, decimal_places=2, null=True)
    q1 = models.DecimalField(_("lower quartile"), max_digits=6, decimal_places=2, null=True)
    q3 = models.DecimalField(_("upper quartile"), max_digits=6, decimal_places=2, null=True)
    #: Consensus verdict on a Likert scale: "reached", "not_reached", "too_few"; empty on other scales.
    consensus = models.CharField(_("consensus"), max_length=16, blank=True)
    #: Every figure behind the verdict (shares in the bands, IQR, CV, the distribution), for the report.
    figures = models.JSONField(_("figures"), default=dict)
    #: The round's comments on the item, anonymous and in a fixed order (no panellist named).
    comments = models.JSONField(_("comments"), default=list)

    class Meta:
        ordering = ["round", "item", "scale"]
        verbose_name = _("item result")
        verbose_name_plural = _("item results")
        constraints = [models.UniqueConstraint(fields=["round", "item", "scale"], name="item_result_once")]

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A round's answers and results are never deleted: they are the exercise's record."))

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("A closed round's results are frozen: they are never changed."))
        super().save(*args, **kwargs)


class RoundSummary(models.Model):
    """A closed round's participation and agreement: invited, answered, dropped out; Kendall's W;
    the drop-out warning (items whose verdict would change on the panellists who stayed)."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="summary", verbose_name=_("round"))
    invited = models.PositiveIntegerField(_("invited"))
    responded = models.PositiveIntegerField(_("answered"))
    dropped = models.PositiveIntegerField(_("dropped out since the previous round"))
    figures = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("round summary")
        verbose_name_plural = _("round summaries")

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A round's answers and results are never deleted: they are the exercise's record."))

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("A closed round's results are frozen: they are never changed."))
        super().save(*args, **kwargs)


class Reminder(models.Model):
    """A reminder sent to a panellist who had not answered an open round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("round"))
    panellist = models.ForeignKey(Panellist, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("panellist"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
