"""Who owns an organisation over time: its beneficial owners, Kazakh or foreign.

A row says that ``name`` — a natural person or a legal entity of ``country`` — owned ``share`` per
cent of ``organisation`` from ``valid_from`` to ``valid_to``. A Kazakh owner is identified by its
IIN (a person) or BIN (a legal entity); a foreign one by the number its own country gave it, where
known. A legal-entity owner that is itself in the registry (its BIN) is looked through: its own
owners are the organisation's owners further up (control indicator NK-45). Ownership between two
registered organisations may also be recorded as an ``owner`` affiliation; both are read.

Every database constraint has a validation rule before it (:meth:`BeneficialOwner.clean`) whose
message names the field, in the user's language.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.bin import BinError, validate_bin, validate_iin
from niokr.registry.choices import OwnerKind
from niokr.registry.countries import ISO_3166_ALPHA2, KAZAKHSTAN, validate_country
from niokr.registry.models.organisation import Organisation

__all__ = ["BeneficialOwner", "identifier_problem"]

#: The fifth digit of a BIN names the kind of entity (4 resident, 5 non-resident legal entity, 6 joint
#: individual entrepreneurship); of an IIN it is the tens of the day of birth (0–3).
BIN_TYPE_DIGITS = "456"


def identifier_problem(value: str, kind: str):
    """Why ``value`` cannot identify an owner of ``kind`` (a message), or ``None`` when it can.

    A natural person has an IIN (check digit, date of birth, century digit); a legal entity a BIN
    (check digit, fifth digit 4, 5 or 6). Empty is allowed here: whether an owner must be
    identified is :meth:`BeneficialOwner.clean`'s rule.
    """
    if not value:
        return None
    try:
        if kind == OwnerKind.NATURAL_PERSON:
            validate_iin(value)
        else:
            validate_bin(value)
    except BinError as exc:
        return str(exc)
    if kind == OwnerKind.LEGAL_ENTITY and value[4] not in BIN_TYPE_DIGITS:
        return _("%(value)s begins with a date of birth, so it is an IIN: a legal entity is identified by its BIN, whose fifth digit is 4, 5 or 6.") % {"value": value}
    return None


class BeneficialOwner(models.Model):
    """An owner of an organisation over a period: a natural person or a legal entity, of a country."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="beneficial_owners", verbose_name=_("organisation"))
    name = models.CharField(_("owner's name"), max_length=300, help_text=_("The person's full name or the entity's name, as the register writes it"))
    kind = models.CharField(_("kind of owner"), max_length=16, choices=OwnerKind.choices)
    identifier = models.CharField(
        _("IIN or BIN"), max_length=12, blank=True,
        help_text=_("A natural person's IIN or a legal entity's BIN; required for an owner from Kazakhstan"),
    )
    foreign_identifier = models.CharField(
        _("foreign identifier"), max_length=64, blank=True, help_text=_("The number a foreign owner's own country gave it (registration or tax number), where known"),
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country], help_text=_("Two letters of ISO 3166: KZ for Kazakhstan"))
    share = models.DecimalField(_("share, %"), max_digits=6, decimal_places=3, null=True, blank=True, help_text=_("Empty: not recorded"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty: open-ended"))
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Where the owner is recorded from, e.g. the register extract or the organisation's statement"))

    class Meta:
        verbose_name = _("beneficial owner")
        verbose_name_plural = _("beneficial owners")
        ordering = ["organisation", "valid_from", "name"]
        indexes = [models.Index(fields=["organisation", "valid_from"], name="beneficial_owner_org_idx"), models.Index(fields=["identifier"], name="beneficial_owner_id_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OwnerKind.values), name="beneficial_owner_kind_known",
                violation_error_message=_("Say whether the owner is a natural person or a legal entity."),
            ),
            models.CheckConstraint(
                condition=Q(country__in=sorted(ISO_3166_ALPHA2)), name="beneficial_owner_country_code",
                violation_error_message=_("The country is the two letters of ISO 3166, e.g. KZ."),
            ),
            models.CheckConstraint(
                condition=~Q(country=KAZAKHSTAN) | ~Q(identifier=""), name="beneficial_owner_kazakh_identified",
                violation_error_message=_("An owner from Kazakhstan is identified by its IIN or BIN."),
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=100)), name="beneficial_owner_share_range",
                violation_error_message=_("A share is above 0 and at most 100 per cent."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name="beneficial_owner_period_ordered",
                violation_error_message=_("The end of the validity period is before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country}) → {self.organisation_id}"

    @property
    def is_foreign(self) -> bool:
        return self.country != KAZAKHSTAN

    def is_valid_on(self, day: date) -> bool:
        """Whether the ownership holds on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        """The rules behind each constraint, with a message at the field; and the identifier's form."""
        super().clean()
        errors: dict[str, list] = {}
        self.name = (self.name or "").strip()
        self.identifier = (self.identifier or "").strip()
        self.foreign_identifier = (self.foreign_identifier or "").strip()
        self.country = (self.country or "").strip().upper()
        if self.kind and self.kind not in OwnerKind.values:
            errors.setdefault("kind", []).append(_("Say whether the owner is a natural person or a legal entity."))
        if self.country == KAZAKHSTAN and not self.identifier:
            errors.setdefault("identifier", []).append(_("An owner from Kazakhstan is identified by its IIN or BIN."))
        if self.identifier and self.kind in OwnerKind.values:
            problem = identifier_problem(self.identifier, self.kind)
            if problem:
                errors.setdefault("identifier", []).append(problem)
        if self.identifier and self.organisation_id is not None and self.identifier == getattr(self.organisation, "bin", None):
            errors.setdefault("identifier", []).append(_("An organisation is not its own owner."))
        if self.share is not None and not (0 < self.share <= 100):
            errors.setdefault("share", []).append(_("A share is above 0 and at most 100 per cent."))
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors.setdefault("valid_to", []).append(_("The end of the validity period is before its start."))
        if errors:
            raise ValidationError(errors)
