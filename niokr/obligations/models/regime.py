"""Rule regimes: the law as versioned, effective-dated data (DOMAIN.md "Implications" 1)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.obligations.choices import BaseType, Channel, CreditRule, FirstDueRule, RateKind, Rounding
from niokr.obligations.querysets import RuleRegimeQuerySet


class RuleRegime(models.Model):
    """One version of a rule regime. Versions of a code never change once used; a new version is added.

    ``eligible_performers`` is a list of ``{"attribute": ..., "from": "YYYY-MM-DD" | null}``: a direct
    payment counts when the performer holds one of the attributes on the payment date and the date
    is on or after ``from``. ``gaps`` records what the law leaves open and the default chosen.
    """

    code = models.CharField(_("code"), max_length=32)
    version = models.PositiveIntegerField(_("version"), default=1)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    legal_basis_kk = models.TextField(_("legal basis (Kazakh)"))
    legal_basis_ru = models.TextField(_("legal basis (Russian)"))
    legal_basis_en = models.TextField(_("legal basis (English)"))
    act_date = models.DateField(_("act date"), null=True, blank=True)
    act_number = models.CharField(_("act number"), max_length=100, blank=True)
    moj_registration = models.CharField(_("MoJ registration"), max_length=100, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    mineral_groups = models.JSONField(_("mineral groups"), default=list)
    base_type = models.CharField(_("base"), max_length=32, choices=BaseType.choices)
    rate = models.DecimalField(_("rate"), max_digits=7, decimal_places=6, default=Decimal("0.01"))
    rate_kind = models.CharField(_("rate kind"), max_length=8, choices=RateKind.choices, default=RateKind.FLOOR)
    first_due_rule = models.CharField(_("first due year"), max_length=32, choices=FirstDueRule.choices)
    channel = models.CharField(_("fulfilment channel"), max_length=8, choices=Channel.choices)
    eligible_performers = models.JSONField(_("eligible performers"), default=list, blank=True)
    requires_accreditation = models.BooleanField(_("performer must be accredited"), default=False)
    credit_rule = models.CharField(_("credit rule"), max_length=16, choices=CreditRule.choices)
    credit_from_year = models.PositiveIntegerField(_("credit from year"), null=True, blank=True, help_text=_("Excesses arising in this year or later are credited"))
    rounding = models.CharField(_("rounding"), max_length=8, choices=Rounding.choices, default=Rounding.TIYN)
    reporting_frequency = models.CharField(_("reporting frequency"), max_length=16, default="annual")
    count_direct_before_change = models.BooleanField(
        _("count direct spending before the change of channel"),
        default=False,
        help_text=_("In the year a right moves to this budget regime from a direct one, direct spending made before the change date counts alongside budget transfers"),
    )
    gaps = models.TextField(_("open legal questions and defaults"), blank=True)

    objects = RuleRegimeQuerySet.as_manager()

    class Meta:
        ordering = ["code", "version"]
        verbose_name = _("rule regime")
        verbose_name_plural = _("rule regimes")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="regime_code_version_unique"),
            models.CheckConstraint(condition=Q(rate__gt=0) & Q(rate__lt=1), name="regime_rate_range", violation_error_message=_("The rate is a fraction between 0 and 1.")),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="regime_effective_period_ordered",
                violation_error_message=_("A regime version cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def title(self, language: str = "ru") -> str:
        return getattr(self, f"title_{language}", "") or self.title_ru
