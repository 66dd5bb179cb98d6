"""Enumerations of the registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    SUBSOIL_USER = "subsoil_user", _("Subsoil user")
    NATIONAL_COMPANY = "national_company", _("National company")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University")
    COMPANY = "company", _("Commercial performer")
    ASTANA_HUB_PARTICIPANT = "hub_participant", _("Astana Hub participant company")
    AGGREGATOR = "aggregator", _("Aggregator or cluster fund")
    FOREIGN = "foreign", _("Foreign organisation")
    STATE_BODY = "state_body", _("State body")


class AttributeKind(models.TextChoices):
    """Time-bounded statuses that decide whether spending with a performer counts."""

    KAZAKHSTANI_SUPPLIER = "kazakhstani_supplier", _("Kazakhstani supplier")
    SCIENCE_ACCREDITATION = "science_accreditation", _("Accredited subject of scientific activity")
    ASTANA_HUB = "astana_hub", _("Astana Hub participant")
    FOREIGN_PERMISSION = "foreign_permission", _("Permission to engage a foreign performer")


class AffiliationKind(models.TextChoices):
    OWNER = "owner", _("Owner (shareholder or participant)")
    COMMON_FOUNDER = "common_founder", _("Common founder")
    COMMON_DIRECTOR = "common_director", _("Common director")
