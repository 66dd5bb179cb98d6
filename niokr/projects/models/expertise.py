"""The state scientific-technical expertise (NCSTE) of a programme version.

A :class:`CriteriaSheet` is the scoring form: criteria with their weights, the minimum score each
must reach, the maximum score, and whether an expert may mark it "not applicable". A sheet is
identified by its code and version; once an expertise has used a version, neither the sheet nor its
criteria change again (a change is a new version, :func:`niokr.projects.lifecycle.expertise.new_sheet_version`).

An :class:`Expertise` points to the exact :class:`~niokr.projects.models.ProgrammeVersion` it
judges and the sheet it is scored on; :class:`ExpertAssignment` names the experts (checked for
conflicts in the affiliation graph, as council members are), :class:`ExpertScore` holds each
expert's score and comment per criterion. The conclusion is computed from the sheet
(:mod:`niokr.projects.lifecycle.scoring`) and confirmed by a coordinator with its text.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.projects.choices import ExpertiseStatus, ExpertPosition


class SheetInUse(ValueError):
    """A criteria sheet version already used by an expertise was about to change."""


class StateExpertQuerySet(models.QuerySet):
    def serving_on(self, day):
        """Experts whose term in the register covers ``day``."""
        return self.filter(Q(term_from__lte=day), Q(term_to__isnull=True) | Q(term_to__gte=day))


class StateExpert(models.Model):
    """A person in the NCSTE register of state experts, with the organisation they come from (for conflicts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_registrations", verbose_name=_("person"))
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="state_experts", verbose_name=_("organisation"))
    position = models.CharField(_("position"), max_length=16, choices=ExpertPosition.choices, default=ExpertPosition.EXPERT)
    field = models.CharField(_("field of expertise"), max_length=300, blank=True)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True)

    objects = StateExpertQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("state expert")
        verbose_name_plural = _("state experts")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "term_from"], name="state_expert_unique", violation_error_message=_("The expert is already registered for this term.")),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=models.F("term_from")), name="state_expert_term_ordered",
                violation_error_message=_("The term ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        from niokr.accounts.people import person_name

        return person_name(self.user)


class CriteriaSheet(models.Model):
    """One version of a scoring form; frozen once an expertise uses it."""

    code = models.CharField(_("code"), max_length=32)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    threshold = models.DecimalField(
        _("pass mark, %"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The weighted average of the criteria, as a percentage of their maximum scores, needed for a positive conclusion"),
    )
    min_experts = models.PositiveSmallIntegerField(_("experts needed"), default=2, validators=[MinValueValidator(1)])
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("criteria sheet")
        verbose_name_plural = _("criteria sheets")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="criteria_sheet_version_unique", violation_error_message=_("This version of the sheet already exists."))]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def in_use(self) -> bool:
        return bool(self.pk) and self.expertises.exists()

    def save(self, *args, **kwargs):
        if self.in_use:
            raise SheetInUse("a criteria sheet version in use never changes; make a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.in_use:
            raise SheetInUse("a criteria sheet version in use is never deleted")
        return super().delete(*args, **kwargs)


class Criterion(models.Model):
    """One line of a sheet: its names, weight, minimum and maximum score, and the "not applicable" rule.

    When ``not_applicable_allowed`` and every expert marks the criterion not applicable, it leaves the
    weighted average and its weight is shared among the other criteria in proportion to their weights
    (the average is divided by the sum of the remaining weights); its minimum is not checked.
    """

    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("criteria sheet"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    code = models.CharField(_("code"), max_length=32)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, validators=[MinValueValidator(0)])
    min_score = models.PositiveSmallIntegerField(_("minimum score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10, validators=[MinValueValidator(1)])
    not_applicable_allowed = models.BooleanField(_("may be marked not applicable"), default=False)

    class Meta:
        ordering = ["sheet", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="criterion_code_unique", violation_error_message=_("The sheet already has a criterion with this code.")),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive", violation_error_message=_("A criterion's weight is above zero.")),
            models.CheckConstraint(condition=Q(min_score__lte=models.F("max_score")), name="criterion_min_within_max", violation_error_message=_("The minimum score is above the maximum.")),
        ]

    def __str__(self) -> str:
        return f"{self.sheet} · {self.code}"

    def save(self, *args, **kwargs):
        if self.sheet_id and CriteriaSheet.objects.get(pk=self.sheet_id).in_use:
            raise SheetInUse("a criteria sheet version in use never changes; make a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.sheet.in_use:
            raise SheetInUse("a criteria sheet version in use never changes; make a new version")
        return super().delete(*args, **kwargs)


class ExpertiseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Expertises ``user`` may read: see :func:`niokr.projects.lifecycle.review_access.expertises_q`."""
        from niokr.projects.lifecycle.review_access import expertises_q

        q = expertises_q(user)
        return self if q is None else self.filter(q).distinct()


class Expertise(models.Model):
    """The state expertise of one programme version, scored on one sheet version."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    version = models.OneToOneField("projects.ProgrammeVersion", on_delete=models.PROTECT, related_name="expertise", verbose_name=_("programme version"))
    sheet = models.ForeignKey(CriteriaSheet, on_delete=models.PROTECT, related_name="expertises", verbose_name=_("criteria sheet"))
    status = models.CharField(_("status"), max_length=16, choices=ExpertiseStatus.choices, default=ExpertiseStatus.ASSIGNED)
    min_experts = models.PositiveSmallIntegerField(_("experts needed"), validators=[MinValueValidator(1)])
    #: The computed result, written when the conclusion is confirmed.
    score = models.DecimalField(_("weighted score, %"), max_digits=6, decimal_places=2, null=True, blank=True)
    positive = models.BooleanField(_("positive"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), max_length=20_000, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opened by"))
    created_at = models.DateTimeField(_("opened"), default=timezone.now)

    objects = ExpertiseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("state expertise")
        verbose_name_plural = _("state expertises")

    def __str__(self) -> str:
        return self.reference

    @property
    def programme(self):
        return self.version.programme


class ExpertAssignment(models.Model):
    """An expert assigned to an expertise (refused when their organisation is too close to a party)."""

    expertise = models.ForeignKey(Expertise, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("state expertise"))
    expert = models.ForeignKey(StateExpert, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("state expert"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        ordering = ["expertise", "id"]
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [models.UniqueConstraint(fields=["expertise", "expert"], name="expert_assignment_unique", violation_error_message=_("The expert is already assigned to this expertise."))]

    def __str__(self) -> str:
        return f"{self.expertise} · {self.expert}"


class ExpertScore(models.Model):
    """One expert's score and comment on one criterion (or "not applicable" where the sheet allows it)."""

    assignment = models.ForeignKey(ExpertAssignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("expert assignment"))
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(_("comment"), max_length=5_000, blank=True)
    scored_at = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        ordering = ["assignment", "criterion__order"]
        verbose_name = _("expert's score")
        verbose_name_plural = _("experts' scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="expert_score_unique", violation_error_message=_("The expert has already scored this criterion.")),
            models.CheckConstraint(
                condition=Q(not_applicable=True, score__isnull=True) | Q(not_applicable=False, score__isnull=False), name="expert_score_or_not_applicable",
                violation_error_message=_("A criterion is either scored or marked not applicable."),
            ),
        ]
