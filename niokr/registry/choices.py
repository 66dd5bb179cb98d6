"""Enumerations of the registry."""

from django.db import models

from niokr.core.labelled import reference_labels


@reference_labels
class OrganisationKind(models.TextChoices):
    SUBSOIL_USER = "subsoil_user"
    NATIONAL_COMPANY = "national_company"
    RESEARCH_INSTITUTE = "research_institute"
    UNIVERSITY = "university"
    COMPANY = "company"
    ASTANA_HUB_PARTICIPANT = "hub_participant"
    AGGREGATOR = "aggregator"
    FOREIGN = "foreign"
    STATE_BODY = "state_body"


@reference_labels
class AttributeKind(models.TextChoices):
    """Time-bounded statuses that decide whether spending with a performer counts."""

    KAZAKHSTANI_SUPPLIER = "kazakhstani_supplier"
    SCIENCE_ACCREDITATION = "science_accreditation"
    ASTANA_HUB = "astana_hub"
    FOREIGN_PERMISSION = "foreign_permission"


@reference_labels
class AffiliationKind(models.TextChoices):
    OWNER = "owner"
    COMMON_FOUNDER = "common_founder"
    COMMON_DIRECTOR = "common_director"
