"""Rule regimes: the law as versioned, effective-dated data (DOMAIN.md "Implications" 1)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.formatting import day_text
from niokr.obligations.choices import BaseType, Channel, CreditRule, FirstDueRule, RateKind, Rounding
from niokr.obligations.querysets import RuleRegimeQuerySet


class RuleRegime(models.Model):
    """One version of a rule regime. Versions of a code never change once used; a new version is added.

    A version is in force from its ``effective_from`` until the next version of the code starts, or
    until its own ``effective_to``; the engine computes each year under the version in force on
    31 December. A version is *used* once an obligation or a balance names it (``is_used``).

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
        db_default=False,
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

    #: What an administrator may still change on a used version: nothing that decides a figure.
    RULE_FIELDS = (
        "code", "version", "effective_from", "effective_to", "mineral_groups", "base_type", "rate", "rate_kind", "first_due_rule", "channel",
        "eligible_performers", "requires_accreditation", "credit_rule", "credit_from_year", "rounding", "count_direct_before_change",
    )

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def is_used(self) -> bool:
        """Whether an obligation entry or a balance was computed under this version."""
        if self.pk is None:
            return False
        from niokr.obligations.models.ledger import LedgerEntry, RightYearBalance

        named = {"regime_code": self.code, "regime_version": self.version}
        return RightYearBalance.objects.filter(**named).exists() or LedgerEntry.objects.filter(kind="obligation", **named).exists()

    def clean(self):
        """A version starts after the versions before it and before the versions after it."""
        super().clean()
        if not self.code or self.effective_from is None or self.version is None:
            return
        others = RuleRegime.objects.filter(code=self.code).exclude(pk=self.pk)
        earlier = others.filter(version__lt=self.version, effective_from__gte=self.effective_from).order_by("version").first()
        if earlier is not None:
            raise ValidationError(
                {"effective_from": _("Version %(version)s of %(code)s starts on %(date)s; a later version must start after it.") % {"version": earlier.version, "code": self.code, "date": day_text(earlier.effective_from, get_language())}},
                code="regime_version_out_of_order",
            )
        later = others.filter(version__gt=self.version, effective_from__lte=self.effective_from).order_by("version").first()
        if later is not None:
            raise ValidationError(
                {"effective_from": _("Version %(version)s of %(code)s starts on %(date)s; an earlier version must start before it.") % {"version": later.version, "code": self.code, "date": day_text(later.effective_from, get_language())}},
                code="regime_version_out_of_order",
            )
        if self._changes_a_used_version():
            raise ValidationError(_("This regime version has been used to compute obligations and cannot be changed; add a new version from a date."), code="regime_version_used")

    def save(self, *args, **kwargs):
        if self._changes_a_used_version():
            raise ValidationError(_("This regime version has been used to compute obligations and cannot be changed; add a new version from a date."), code="regime_version_used")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_used():
            raise ValidationError(_("This regime version has been used to compute obligations and cannot be deleted."), code="regime_version_used")
        return super().delete(*args, **kwargs)

    def _changes_a_used_version(self) -> bool:
        if self.pk is None:
            return False
        stored = RuleRegime.objects.filter(pk=self.pk).values(*self.RULE_FIELDS).first()
        if stored is None:
            return False
        changed = any(_normal(stored[f]) != _normal(getattr(self, f)) for f in self.RULE_FIELDS)
        if not changed:
            return False
        # The stored row decides whether it was used (its code and version, not the edited ones).
        return RuleRegime(pk=self.pk, code=stored["code"], version=stored["version"]).is_used()

    def version_on(self, day: date) -> "RuleRegime | None":
        """The version of this code in force on ``day`` (latest start on or before it, not ended)."""
        current = RuleRegime.objects.filter(code=self.code, effective_from__lte=day).order_by("-effective_from", "-version").first()
        if current is None or (current.effective_to is not None and current.effective_to < day):
            return None
        return current

    def title(self, language: str = "ru") -> str:
        return getattr(self, f"title_{language}", "") or self.title_ru


def _normal(value):
    """Compare a stored and an edited value alike (a rate typed as text, a date as a string)."""
    if isinstance(value, str):
        try:
            return Decimal(value) if value.replace(".", "", 1).isdigit() else value
        except ArithmeticError:
            return value
    if isinstance(value, float):
        return Decimal(str(value))
    return value
