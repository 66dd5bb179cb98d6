"""R&D projects, agreements between payers and performers, and payments under them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection, TCCSector
from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.projects.choices import ProjectStatus
from niokr.projects.querysets import AgreementQuerySet, PaymentQuerySet, ProjectQuerySet

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}
TRL = [MinValueValidator(1), MaxValueValidator(9)]


class Project(models.Model):
    """An R&D project with its priority direction, TCC sector and technology readiness levels
    (each may be empty: not reported — never a made-up level)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    performer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="projects", verbose_name=_("performer"))
    priority_direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices)
    tcc_sector = models.CharField(_("TCC sector"), max_length=16, choices=TCCSector.choices, blank=True)
    # Empty: not reported (a project registered from a spending report, which carries no TRL).
    trl_start = models.PositiveSmallIntegerField(_("TRL at start"), null=True, blank=True, validators=TRL)
    trl_target = models.PositiveSmallIntegerField(_("target TRL"), null=True, blank=True, validators=TRL)
    trl_reached = models.PositiveSmallIntegerField(_("TRL reached"), null=True, blank=True, validators=TRL)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=16, choices=ProjectStatus.choices)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("R&D project")
        verbose_name_plural = _("R&D projects")
        constraints = [
            models.CheckConstraint(
                condition=(Q(trl_start__isnull=True) | Q(trl_start__gte=1, trl_start__lte=9)) & (Q(trl_target__isnull=True) | Q(trl_target__gte=1, trl_target__lte=9)),
                name="project_trl_range", violation_error_message=_("TRL is between 1 and 9."),
            ),
            models.CheckConstraint(
                condition=Q(trl_start__isnull=True) | Q(trl_target__isnull=True) | Q(trl_target__gte=models.F("trl_start")),
                name="project_trl_target_not_below_start", violation_error_message=_("The target TRL is below the starting TRL."),
            ),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="project_period_ordered", violation_error_message=_("The project ends before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_ru[:60]}"

    @property
    def trl_start_display(self) -> str:
        """The starting TRL as read: its number, or "not reported"."""
        return trl_text(self.trl_start)

    @property
    def trl_target_display(self) -> str:
        return trl_text(self.trl_target)

    @property
    def trl_reached_display(self) -> str:
        return trl_text(self.trl_reached)


def trl_text(level: int | None) -> str:
    """A readiness level as shown: the number, or "not reported" in the reader's language."""
    return str(_("not reported")) if level is None else str(level)


class Agreement(models.Model):
    """An R&D agreement: the payer (subsoil user) engages the performer for an amount and a period."""

    payer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="agreements_paid", verbose_name=_("payer"))
    performer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="agreements_performed", verbose_name=_("performer"))
    number = models.CharField(_("number"), max_length=64)
    signed_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=500)
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements", verbose_name=_("project"))
    priority_direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["payer", "signed_on"]
        verbose_name = _("R&D agreement")
        verbose_name_plural = _("R&D agreements")
        indexes = [models.Index(fields=["performer"], name="agreement_performer_idx")]
        constraints = [
            models.UniqueConstraint(fields=["payer", "number"], name="agreement_number_unique_per_payer"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="agreement_amount_positive", violation_error_message=_("The agreement amount is positive.")),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="agreement_period_ordered", violation_error_message=_("The agreement period ends before it starts.")),
            models.CheckConstraint(condition=~Q(payer=models.F("performer")), name="agreement_parties_differ", violation_error_message=_("The payer and the performer are the same organisation.")),
        ]

    def __str__(self) -> str:
        return f"№{self.number} {self.signed_on}"


class Payment(models.Model):
    """A payment under an agreement, credited to a right and (optionally) a named contract-year.

    Amounts are in KZT; a foreign-currency payment keeps the original amount, currency and rate.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="payments", verbose_name=_("agreement"))
    right = models.ForeignKey("registry.SubsoilRight", on_delete=models.PROTECT, related_name="payments", verbose_name=_("subsoil-use right"))
    paid_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="KZT")
    original_amount = models.DecimalField(_("amount in currency"), null=True, blank=True, **MONEY)
    rate = models.DecimalField(_("exchange rate"), max_digits=14, decimal_places=6, null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500)
    document_number = models.CharField(_("document number"), max_length=64)
    for_year = models.PositiveSmallIntegerField(_("year credited"), null=True, blank=True)
    source_submission = models.PositiveBigIntegerField(_("submission"), null=True, blank=True, help_text=_("The intake submission the payment came from (a correction keeps the earlier version's rows)"))
    # The stage of the agreement's calendar plan the payment pays (link_payment_to_stage checks it is the same agreement's).
    stage = models.ForeignKey("projects.Stage", on_delete=models.SET_NULL, null=True, blank=True, related_name="payments", verbose_name=_("agreement stage"))

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [
            models.Index(fields=["right", "paid_on"], name="payment_right_date_idx"),
            # The same payment claimed twice (control indicator NK-06): looked up by document and date.
            models.Index(fields=["document_number", "paid_on"], name="payment_document_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive", violation_error_message=_("A payment amount is positive.")),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.paid_on} {self.amount}"
