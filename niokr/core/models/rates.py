"""Exchange rates: tenge per unit of a foreign currency on a date, with their source."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CurrencyRate(models.Model):
    """The official rate of ``currency`` on ``on_date`` (KZT per one unit). A missing rate is an error, never a guess."""

    currency = models.CharField(_("currency"), max_length=3)
    on_date = models.DateField(_("date"))
    rate = models.DecimalField(_("KZT per unit"), max_digits=14, decimal_places=6)
    source = models.CharField(_("source"), max_length=200, default="National Bank of Kazakhstan")

    class Meta:
        ordering = ["currency", "on_date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "on_date"], name="currency_rate_unique_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="currency_rate_positive", violation_error_message=_("A rate is positive.")),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.on_date}: {self.rate}"
