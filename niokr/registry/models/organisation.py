"""Organisations keyed by BIN, their time-bounded statuses and the affiliation graph."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.bin import BinError, validate_bin
from niokr.core.choices import Region
from niokr.registry.choices import AffiliationKind, AttributeKind, OrganisationKind
from niokr.registry.querysets import OrganisationQuerySet


def _validate_bin_field(value: str) -> None:
    try:
        validate_bin(value)
    except BinError as exc:
        raise ValidationError(str(exc), code="invalid_bin") from None


#: An OKED (ОКЭД, the national classifier of economic activities) code as registers write it: a
#: division of two digits, then optionally a group, a class and a subclass ("72", "72.1", "72.19",
#: "72.19.0"). Division 72 is scientific research and development.
OKED_PATTERN = r"^\d{2}(\.\d{1,2}(\.\d)?)?$"


def normalise_oked(value) -> str:
    """An OKED code as registers write it: trimmed, and digits alone dotted ("72190" → "72.19.0").

    Anything else is returned trimmed, for :func:`validate_oked` to judge.
    """
    text = str(value or "").strip().rstrip(".")
    if re.fullmatch(r"\d{2,5}", text):
        return ".".join(part for part in (text[:2], text[2:4], text[4:]) if part)
    return text


def validate_oked(value: str) -> None:
    """Refuse a principal activity code that is not an OKED code (empty means not known)."""
    if value and not re.fullmatch(OKED_PATTERN, value):
        raise ValidationError(
            _("%(value)s is not an OKED code: write two digits, then optionally the group, class and subclass, e.g. 72.19 or 72.19.0."),
            code="invalid_oked",
            params={"value": value},
        )


class Organisation(models.Model):
    """A legal entity: subsoil user, performer, aggregator or state body, keyed by its BIN."""

    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[_validate_bin_field])
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    registered_on = models.DateField(_("registration date"))
    authority = models.CharField(_("competent authority"), max_length=16, blank=True, help_text=_("For state bodies: the authority they are"))
    oked = models.CharField(
        _("principal activity (OKED)"),
        max_length=10,
        blank=True,
        db_default="",  # rows written by bulk loaders that do not name the column are "not known"
        validators=[validate_oked],
        help_text=_("The OKED code of the principal activity, e.g. 72.19 (scientific research and development); empty if not known"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind"], name="org_kind_idx")]

    def __str__(self) -> str:
        return f"{self.name_ru} ({self.bin})"

    def name(self, language: str = "ru") -> str:
        """The name in ``language`` (kk, ru or en), falling back to Russian."""
        return getattr(self, f"name_{language}", "") or self.name_ru


class OrganisationAttribute(models.Model):
    """A status an organisation holds over a period, with its evidence (certificate, permission…)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="attributes")
    kind = models.CharField(_("kind"), max_length=32, choices=AttributeKind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty: open-ended"))
    number = models.CharField(_("document number"), max_length=100, blank=True)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("E.g. share of Kazakh staff, CT-KZ certificate, permission letter"))
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisation attribute")
        verbose_name_plural = _("organisation attributes")
        ordering = ["organisation", "kind", "valid_from"]
        indexes = [models.Index(fields=["organisation", "kind"], name="org_attr_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="org_attr_period_ordered",
                violation_error_message=_("The end of the validity period is before its start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.valid_from}–{self.valid_to or '…'}"

    def is_valid_on(self, day: date) -> bool:
        """Whether the status holds on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Affiliation(models.Model):
    """An edge of the affiliation graph: ``source`` owns / shares a founder or director with ``target``."""

    source = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="affiliations_out")
    target = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="affiliations_in")
    kind = models.CharField(_("kind"), max_length=32, choices=AffiliationKind.choices)
    share = models.DecimalField(_("share, %"), max_digits=6, decimal_places=3, null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("E.g. the common founder's or director's name"))

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["source", "target"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="affiliation_not_self", violation_error_message=_("An organisation cannot be affiliated with itself.")),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=100)),
                name="affiliation_share_range",
                violation_error_message=_("A share is above 0 and at most 100 per cent."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="affiliation_period_ordered",
                violation_error_message=_("The end of the validity period is before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} -{self.kind}-> {self.target_id}"
