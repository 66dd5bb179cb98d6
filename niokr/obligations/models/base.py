"""Base figures per right-year: aggregate annual income and production costs, with revisions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.obligations.choices import BaseSource, BaseStatus, BaseType
from niokr.obligations.querysets import RightScopedQuerySet
from niokr.registry.models.trilingual import check_translations


class BaseFigure(models.Model):
    """One revision of a right's base figure for a year (the year the figure describes, N−1).

    A change of a figure is a new revision; earlier revisions stay. The engine uses the latest
    accepted revision, else the latest draft (and says so).
    """

    right = models.ForeignKey("registry.SubsoilRight", on_delete=models.PROTECT, related_name="base_figures", verbose_name=_("subsoil-use right"))
    year = models.PositiveSmallIntegerField(_("year"))
    base_type = models.CharField(_("base type"), max_length=32, choices=BaseType.choices)
    amount = models.DecimalField(_("amount, KZT"), max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES)
    source = models.CharField(_("source"), max_length=16, choices=BaseSource.choices)
    document = models.CharField(_("source document"), max_length=200, blank=True)
    document_kk = models.CharField(_("source document (Kazakh)"), max_length=200, blank=True, default="", db_default="")
    document_en = models.CharField(_("source document (English)"), max_length=200, blank=True, default="", db_default="")
    status = models.CharField(_("status"), max_length=16, choices=BaseStatus.choices, default=BaseStatus.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RightScopedQuerySet.as_manager()

    class Meta:
        ordering = ["right", "year", "base_type", "revision"]
        verbose_name = _("base figure")
        verbose_name_plural = _("base figures")
        constraints = [
            models.UniqueConstraint(fields=["right", "year", "base_type", "revision"], name="base_figure_revision_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="base_figure_not_negative", violation_error_message=_("A base figure cannot be negative.")),
            models.CheckConstraint(condition=Q(year__gte=1990) & Q(year__lte=2100), name="base_figure_year_range", violation_error_message=_("The year is out of range.")),
        ]

    def __str__(self) -> str:
        return f"{self.right_id} {self.year} {self.base_type} r{self.revision}"

    @property
    def document_ru(self) -> str:
        """The document's name in Russian (``document``), for the ``localized`` filter."""
        return self.document

    def clean(self) -> None:
        super().clean()
        check_translations(self, {"document": ("document_kk", "document_en")})
