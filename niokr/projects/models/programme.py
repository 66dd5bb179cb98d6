"""R&D programmes and technical assignments a subsoil user (or its holding) puts to a ministry's council.

A programme is the record that moves through the review (:class:`ProgrammeStatus`); what it says is
held by its :class:`ProgrammeVersion`\\ s. A draft is edited in place; an edit after submission is a
new version, and every decision (an agenda item of the council, an expertise) points to the exact
version it was taken on.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import Authority, PriorityDirection, TCCSector
from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.projects.choices import ProgrammeKind, ProgrammeStatus

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}
TRL = [MinValueValidator(1), MaxValueValidator(9)]


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programmes ``user`` may read: see :func:`niokr.projects.lifecycle.access.programmes_q`."""
        from niokr.projects.lifecycle.access import programmes_q

        q = programmes_q(user)
        return self if q is None else self.filter(q).distinct()


class Programme(models.Model):
    """A programme or technical assignment under review (its words are in its versions)."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices, default=ProgrammeKind.PROGRAMME)
    applicant = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("applicant"))
    authority = models.CharField(_("council of"), max_length=16, choices=Authority.choices, help_text=_("The ministry whose scientific-technical council reviews it"))
    status = models.CharField(_("status"), max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    project = models.OneToOneField("projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="programme", verbose_name=_("R&D project"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("R&D programme")
        verbose_name_plural = _("R&D programmes")

    def __str__(self) -> str:
        return self.reference

    @property
    def current(self) -> "ProgrammeVersion | None":
        """The latest version (what an edit changes and a new decision is taken on)."""
        return self.versions.order_by("-number").first()


class ProgrammeVersion(models.Model):
    """What a programme says at one moment; never changed once submitted."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions", verbose_name=_("R&D programme"))
    number = models.PositiveSmallIntegerField(_("version"))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    abstract = models.TextField(_("abstract"), max_length=20_000)
    priority_direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices)
    tcc_sector = models.CharField(_("TCC sector"), max_length=16, choices=TCCSector.choices, blank=True)
    trl_start = models.PositiveSmallIntegerField(_("TRL at start"), validators=TRL)
    trl_target = models.PositiveSmallIntegerField(_("target TRL"), validators=TRL)
    performer = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="proposed_programmes", verbose_name=_("proposed performer")
    )
    rights = models.ManyToManyField("registry.SubsoilRight", related_name="programme_versions", verbose_name=_("subsoil-use rights covered"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("written by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_version_unique", violation_error_message=_("This version already exists.")),
            models.CheckConstraint(
                condition=Q(trl_target__gte=models.F("trl_start")), name="programme_trl_ordered", violation_error_message=_("The target TRL is below the starting TRL.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.reference} v{self.number}"

    @property
    def budget_total(self):
        return sum((line.amount for line in self.budget.all()), start=0)


class ProgrammeBudget(models.Model):
    """The amount a version plans for one year."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="budget", verbose_name=_("programme version"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.DecimalField(_("amount, KZT"), **MONEY)

    class Meta:
        ordering = ["version", "year"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["version", "year"], name="programme_budget_year_unique", violation_error_message=_("The year is already in the budget.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="programme_budget_positive", violation_error_message=_("The amount is above zero.")),
        ]
