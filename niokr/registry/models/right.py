"""Subsoil-use rights (contracts and licences) and the rule regime assigned to each over time."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import Authority, MineralGroup, Region, RightType
from niokr.registry.models.organisation import Organisation
from niokr.registry.models.trilingual import check_translations
from niokr.registry.querysets import SubsoilRightQuerySet


class SubsoilRight(models.Model):
    """A contract or licence: the unit the R&D obligation is computed for, year by year.

    For a solid-minerals mining licence ``production_start`` holds the licence issue date, because
    the duty runs from the second year of the licence (DOMAIN.md §1.2).
    """

    number = models.CharField(_("number"), max_length=64, unique=True)
    holder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="rights")
    mineral_group = models.CharField(_("mineral group"), max_length=16, choices=MineralGroup.choices)
    right_type = models.CharField(_("right type"), max_length=32, choices=RightType.choices)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    signed_on = models.DateField(_("signed or issued on"))
    production_start = models.DateField(_("production start"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    stability_clause = models.BooleanField(_("stability clause"), default=False)
    stability_note = models.TextField(_("stability clause text"), blank=True)
    stability_note_kk = models.TextField(_("stability clause text (Kazakh)"), blank=True, default="", db_default="")
    stability_note_en = models.TextField(_("stability clause text (English)"), blank=True, default="", db_default="")
    field_name = models.CharField(_("field or deposit"), max_length=200, blank=True)
    field_name_kk = models.CharField(_("field or deposit (Kazakh)"), max_length=200, blank=True, default="", db_default="")
    field_name_en = models.CharField(_("field or deposit (English)"), max_length=200, blank=True, default="", db_default="")

    objects = SubsoilRightQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("subsoil-use right")
        verbose_name_plural = _("subsoil-use rights")
        indexes = [models.Index(fields=["holder"], name="right_holder_idx"), models.Index(fields=["mineral_group"], name="right_mineral_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("signed_on")),
                name="right_end_after_signing",
                violation_error_message=_("The right ends before it was signed or issued."),
            )
        ]

    def __str__(self) -> str:
        return self.number

    # The Russian texts keep their first names (``field_name``, ``stability_note``); these aliases let
    # the ``localized`` filter read ``<field>_kk`` / ``_ru`` / ``_en`` alike.
    @property
    def field_name_ru(self) -> str:
        return self.field_name

    @property
    def stability_note_ru(self) -> str:
        return self.stability_note

    def clean(self) -> None:
        super().clean()
        check_translations(self, {"field_name": ("field_name_kk", "field_name_en"), "stability_note": ("stability_note_kk", "stability_note_en")})

    @property
    def authority(self) -> str:
        """The competent authority for this right's mineral group."""
        return Authority.for_mineral_group(self.mineral_group)

    @property
    def is_licence(self) -> bool:
        return self.right_type not in RightType.contracts()


class RegimeAssignment(models.Model):
    """Which rule regime governs a right from a date, and why (contract clause, law, additional agreement).

    ``regime_code`` names a regime of the obligations catalogue; assignments are checked against it
    by ``obligations.services.assign_regime``. The regime in force for year N is the assignment
    valid on 31 December of N.
    """

    right = models.ForeignKey(SubsoilRight, on_delete=models.CASCADE, related_name="regime_assignments")
    regime_code = models.CharField(_("regime"), max_length=32)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_reason = models.TextField(_("legal reason"), help_text=_("The clause, act or additional agreement that makes this regime apply"))
    legal_reason_kk = models.TextField(_("legal reason (Kazakh)"), blank=True, default="", db_default="")
    legal_reason_en = models.TextField(_("legal reason (English)"), blank=True, default="", db_default="")
    manual_override = models.BooleanField(_("manual override"), default=False)

    class Meta:
        ordering = ["right", "valid_from"]
        verbose_name = _("regime assignment")
        verbose_name_plural = _("regime assignments")
        constraints = [
            models.UniqueConstraint(fields=["right", "valid_from"], name="regime_assignment_unique_start"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="regime_assignment_period_ordered",
                violation_error_message=_("The end of the assignment is before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.right_id}: {self.regime_code} from {self.valid_from}"

    @property
    def legal_reason_ru(self) -> str:
        """The Russian reason (``legal_reason``), for the ``localized`` filter."""
        return self.legal_reason

    def clean(self) -> None:
        super().clean()
        check_translations(self, {"legal_reason": ("legal_reason_kk", "legal_reason_en")})
