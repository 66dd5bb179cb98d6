"""Roles a membership grants (DESIGN.md §1)."""

from django.db import models

from niokr.core.labelled import reference_labels


@reference_labels
class Role(models.TextChoices):
    REGULATOR = "regulator"
    COMPANY = "company"
    PERFORMER = "performer"
    COUNCIL_MEMBER = "council_member"
    COUNCIL_SECRETARY = "council_secretary"
    EXPERT = "expert"
    TCC_ANALYST = "tcc_analyst"
    SELECTION_OFFICER = "selection_officer"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"
