"""The ranking of candidate technologies and products: criteria, AHP comparisons, scores, frozen runs, the roadmap.

A :class:`RankingExercise` (under a priority direction, fed by a Delphi :class:`~niokr.foresight.models.Exercise`)
holds its :class:`Criterion` rows (benefit or cost, each with the source its scores come from), the
analyst's :class:`PairwiseComparison` of the criteria on Saaty's 1/9…9 scale (the upper triangle of
the matrix), the :class:`Candidate` technologies or products and their :class:`Score` on each
criterion. A computation is a :class:`RankingRun`: the weights, λmax, CI and CR, the method and the
normalisation, the scores, the ranks and the sensitivity, with a snapshot of every input. A run is
frozen: it is never changed or deleted; computing again writes a new run. :class:`RoadmapEntry` rows
lay the candidates out by year in three lanes (technology → product → market).

No panellist is named anywhere here: the Delphi figures are the frozen group statistics.
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection
from niokr.foresight.models import Trilingual

#: The years a roadmap may span.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class RankingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Method(models.TextChoices):
    """How the candidates' scores and the AHP weights are combined."""

    TOPSIS = "topsis", _("TOPSIS (closeness to the ideal solution)")
    WEIGHTED_SUM = "weighted_sum", _("Weighted sum")


class Direction(models.TextChoices):
    BENEFIT = "benefit", _("Benefit (more is better)")
    COST = "cost", _("Cost (less is better)")


class Source(models.TextChoices):
    """Where a criterion's scores come from."""

    DELPHI_IMPORTANCE = "delphi_importance", _("Delphi: importance, latest median")
    DELPHI_FEASIBILITY = "delphi_feasibility", _("Delphi: feasibility, latest median")
    DELPHI_CAPABILITY = "delphi_capability", _("Delphi: capability, per cent of the world leader, latest median")
    DELPHI_REALISATION = "delphi_realisation", _("Delphi: time to realisation, latest median band")
    AUDIT_CAPABILITY = "audit_capability", _("Technology audit: capability of the performers")
    MATURITY = "maturity", _("Maturity: technology readiness level (TRL)")
    ANALYST = "analyst", _("Entered by the analyst (1–9)")


#: The Delphi sources and the scale of the frozen results each reads.
DELPHI_SOURCES = {
    Source.DELPHI_IMPORTANCE: "importance",
    Source.DELPHI_FEASIBILITY: "feasibility",
    Source.DELPHI_CAPABILITY: "capability",
    Source.DELPHI_REALISATION: "realisation",
}


class Saaty(models.TextChoices):
    """Saaty's fundamental scale: how much more important the row's criterion is than the column's."""

    NINE_INV = "1/9", _("1/9 — extremely less important")
    EIGHT_INV = "1/8", _("1/8")
    SEVEN_INV = "1/7", _("1/7 — very strongly less important")
    SIX_INV = "1/6", _("1/6")
    FIVE_INV = "1/5", _("1/5 — strongly less important")
    FOUR_INV = "1/4", _("1/4")
    THREE_INV = "1/3", _("1/3 — moderately less important")
    TWO_INV = "1/2", _("1/2")
    ONE = "1", _("1 — equally important")
    TWO = "2", _("2")
    THREE = "3", _("3 — moderately more important")
    FOUR = "4", _("4")
    FIVE = "5", _("5 — strongly more important")
    SIX = "6", _("6")
    SEVEN = "7", _("7 — very strongly more important")
    EIGHT = "8", _("8")
    NINE = "9", _("9 — extremely more important")


def saaty_fraction(value: str) -> Fraction:
    """The exact value of a :class:`Saaty` choice (``"1/3"`` → 1/3)."""
    if value not in Saaty.values:
        raise ValueError(value)
    return Fraction(value)


class RoadmapLayer(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology")
    PRODUCT = "product", _("Product")
    MARKET = "market", _("Market")


class RankingExercise(Trilingual):
    """A ranking of candidate technologies or products under a priority direction.

    Its scores may come from the frozen results of a Delphi exercise (``foresight_exercise``).
    ``method`` and ``normalisation`` are what the next run computes with; each run records its own.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    priority_direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices)
    foresight_exercise = models.ForeignKey("foresight.Exercise", on_delete=models.PROTECT, null=True, blank=True, related_name="rankings", verbose_name=_("foresight exercise"))
    status = models.CharField(_("status"), max_length=16, choices=RankingStatus.choices, default=RankingStatus.DRAFT)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices, default=Method.TOPSIS)
    normalisation = models.CharField(_("normalisation"), max_length=16, default="vector")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finalised_at = models.DateTimeField(_("made final"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        constraints = [
            models.CheckConstraint(condition=Q(status="draft") | Q(finalised_at__isnull=False), name="ranking_final_has_date", violation_error_message=_("A final ranking records when it was made final.")),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return self.text_in("title")

    @property
    def is_final(self) -> bool:
        return self.status == RankingStatus.FINAL

    def latest_run(self):
        return self.runs.order_by("-number").first()


class Criterion(Trilingual):
    """A criterion the candidates are ranked on: benefit or cost, with the source of its scores."""

    ranking = models.ForeignKey(RankingExercise, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("ranking"))
    code = models.CharField(_("code"), max_length=32)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices, default=Direction.BENEFIT)
    source = models.CharField(_("source of the scores"), max_length=24, choices=Source.choices, default=Source.ANALYST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ranking", "order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["ranking", "code"], name="ranking_criterion_code_unique", violation_error_message=_("The ranking already has a criterion with this code."))]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.text_in("name")


class PairwiseComparison(models.Model):
    """The analyst's judgement of criterion ``a`` against criterion ``b`` (``a`` before ``b``: the upper triangle)."""

    ranking = models.ForeignKey(RankingExercise, on_delete=models.CASCADE, related_name="comparisons", verbose_name=_("ranking"))
    criterion_a = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion"))
    criterion_b = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("compared with"))
    value = models.CharField(_("judgement"), max_length=4, choices=Saaty.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)

    class Meta:
        ordering = ["ranking", "criterion_a__order", "criterion_b__order"]
        verbose_name = _("pairwise comparison")
        verbose_name_plural = _("pairwise comparisons")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "criterion_a", "criterion_b"], name="ranking_comparison_once", violation_error_message=_("The pair is already compared.")),
            models.CheckConstraint(condition=~Q(criterion_a=F("criterion_b")), name="ranking_comparison_two_criteria", violation_error_message=_("A criterion is not compared with itself.")),
            models.CheckConstraint(condition=Q(value__in=Saaty.values), name="ranking_comparison_saaty_scale", violation_error_message=_("The judgement is not on Saaty's scale (1/9 to 9).")),
        ]

    @property
    def fraction(self) -> Fraction:
        return saaty_fraction(self.value)


class Candidate(Trilingual):
    """A technology or product ranked: from a Delphi item or entered by the analyst.

    ``delphi`` holds the item's latest frozen Delphi figures per scale (median, quartiles, consensus,
    the round they come from), copied when they were imported. ``projects`` are the R&D projects
    developing it (their TRL is the maturity; their performers' audits the capability).
    ``gap_years``, when entered, is the technology gap to the world leader in years and replaces the
    figure derived from the realisation band (``gap_note`` says where it comes from).
    """

    ranking = models.ForeignKey(RankingExercise, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("ranking"))
    code = models.CharField(_("code"), max_length=16)
    item = models.ForeignKey("foresight.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Delphi item"))
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    product_kk = models.CharField(_("product (Kazakh)"), max_length=300, blank=True)
    product_ru = models.CharField(_("product (Russian)"), max_length=300, blank=True)
    product_en = models.CharField(_("product (English)"), max_length=300, blank=True)
    market_kk = models.CharField(_("market (Kazakh)"), max_length=300, blank=True)
    market_ru = models.CharField(_("market (Russian)"), max_length=300, blank=True)
    market_en = models.CharField(_("market (English)"), max_length=300, blank=True)
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="+", verbose_name=_("R&D projects"))
    delphi = models.JSONField(_("Delphi figures"), default=dict, blank=True)
    gap_years = models.DecimalField(_("technology gap, years (entered)"), max_digits=4, decimal_places=1, null=True, blank=True)
    gap_note = models.CharField(_("source of the gap figure"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ranking", "order", "code"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "code"], name="ranking_candidate_code_unique", violation_error_message=_("The ranking already has a candidate with this code.")),
            models.CheckConstraint(condition=Q(gap_years__isnull=True) | Q(gap_years__gte=0, gap_years__lte=100), name="ranking_candidate_gap_range", violation_error_message=_("The gap is between 0 and 100 years.")),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return self.text_in("name")

    @property
    def product(self) -> str:
        return self.text_in("product")

    @property
    def market(self) -> str:
        return self.text_in("market")


class Score(models.Model):
    """A candidate's value on a criterion, with where it came from (``source`` and ``detail``)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores", verbose_name=_("candidate"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion"))
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=2)
    source = models.CharField(_("source"), max_length=24, choices=Source.choices)
    #: What the value was taken from (the Delphi round and its consensus, the projects, the audits).
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["candidate", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="ranking_score_once", violation_error_message=_("The candidate already has a score on this criterion.")),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=100), name="ranking_score_range", violation_error_message=_("A score is between 0 and 100.")),
        ]


class RankingRun(models.Model):
    """One computation, frozen: the weights, the consistency, the method's result and its inputs.

    Never changed and never deleted: computing again writes run ``number + 1``.
    """

    ranking = models.ForeignKey(RankingExercise, on_delete=models.PROTECT, related_name="runs", verbose_name=_("ranking"))
    number = models.PositiveIntegerField(_("run"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    normalisation = models.CharField(_("normalisation"), max_length=16)
    #: ``[{"code", "name": {kk,ru,en}, "direction", "source", "weight"}]`` in the criteria's order.
    criteria = models.JSONField(_("criteria and weights"))
    lambda_max = models.FloatField(_("λmax"))
    ci = models.FloatField(_("consistency index"))
    cr = models.FloatField(_("consistency ratio"))
    #: ``[{"code", "name": {kk,ru,en}, "score", "rank"}]`` best first.
    results = models.JSONField(_("results"))
    #: The sensitivity analysis (weight perturbation and flip points).
    sensitivity = models.JSONField(_("sensitivity"), default=dict)
    #: Every input: the comparison matrix, the decision matrix, the scores' sources.
    inputs = models.JSONField(_("inputs"))
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("computed by"))

    class Meta:
        ordering = ["ranking", "-number"]
        verbose_name = _("ranking run")
        verbose_name_plural = _("ranking runs")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "number"], name="ranking_run_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="ranking_run_number_positive", violation_error_message=_("Runs are numbered from 1.")),
            models.CheckConstraint(condition=Q(cr__lte=0.1), name="ranking_run_consistent", violation_error_message=_("A run is computed only from comparisons with a consistency ratio of at most 0.1.")),
        ]

    def __str__(self) -> str:
        return f"{self.ranking_id}/{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("A computed run is frozen: compute again for a new run."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A computed run is never deleted."))


class RoadmapEntry(Trilingual):
    """A candidate's step on the roadmap: a lane (technology, product, market) over a span of years."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="roadmap", verbose_name=_("candidate"))
    layer = models.CharField(_("lane"), max_length=16, choices=RoadmapLayer.choices)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    description_kk = models.CharField(_("description (Kazakh)"), max_length=500)
    description_ru = models.CharField(_("description (Russian)"), max_length=500)
    description_en = models.CharField(_("description (English)"), max_length=500, blank=True)

    class Meta:
        ordering = ["candidate__ranking", "layer", "year_from", "candidate__order", "id"]
        verbose_name = _("roadmap entry")
        verbose_name_plural = _("roadmap entries")
        constraints = [
            models.CheckConstraint(condition=Q(year_from__gte=FIRST_YEAR, year_to__lte=LAST_YEAR), name="ranking_roadmap_years_range", violation_error_message=_("The years are between 2000 and 2100.")),
            models.CheckConstraint(condition=Q(year_to__gte=F("year_from")), name="ranking_roadmap_years_ordered", violation_error_message=_("The last year is before the first.")),
        ]

    @property
    def description(self) -> str:
        return self.text_in("description")
