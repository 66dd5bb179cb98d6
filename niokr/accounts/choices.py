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
    # The technology-policy layer: the foresight's moderator and panellists, the assessor of
    # organisations' capability and technologies' readiness, the policy analyst (portfolios,
    # rankings) and the secretariat of the Council on Technology Policy (reads the results).
    FORESIGHT_MODERATOR = "foresight_moderator"
    PANELLIST = "panellist"
    ASSESSOR = "assessor"
    POLICY_ANALYST = "policy_analyst"
    POLICY_SECRETARIAT = "policy_secretariat"
    ADMINISTRATOR = "administrator"
