"""Enumerations of the capability app: questionnaire and question-set statuses, audit and assessment kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "VersionStatus",
    "AuditKind",
    "AuditStatus",
    "ProjectPhase",
    "Archetype",
    "TechnologyType",
    "ReadinessKind",
    "AnswerType",
    "AssessmentStatus",
]


class VersionStatus(models.TextChoices):
    """A questionnaire or question set: a draft is edited; a published version never changes."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class AuditKind(models.TextChoices):
    SELF = "self", _("self-assessment")
    ASSESSOR = "assessor", _("assessment by an assessor")


class AuditStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class ProjectPhase(models.TextChoices):
    """When an audit linked to a funded project was made: before the project or after it."""

    BEFORE = "before", _("before the project")
    AFTER = "after", _("after the project")


class Archetype(models.TextChoices):
    """The four maturity archetypes of the Rush–Bessant–Hobday audit (thresholds: ``engine.ARCHETYPE_RULES``)."""

    PASSIVE = "passive", _("unaware or passive")
    REACTIVE = "reactive", _("reactive")
    STRATEGIC = "strategic", _("strategic")
    CREATIVE = "creative", _("creative")


class TechnologyType(models.TextChoices):
    HARDWARE = "hardware", _("hardware")
    SOFTWARE = "software", _("software")
    PROCESS = "process", _("process")
    MEDICAL_DEVICE = "medical_device", _("medical device")
    AGRICULTURAL = "agricultural", _("agricultural technology")
    GENERAL = "general", _("any technology")


class ReadinessKind(models.TextChoices):
    TRL = "trl", _("technology readiness (TRL)")
    MRL = "mrl", _("manufacturing readiness (MRL)")
    CRL = "crl", _("commercial readiness (CRL)")


class AnswerType(models.TextChoices):
    """How a readiness question is answered: yes or no (yes counts as 100 %), or a percentage complete."""

    YES_NO = "yes_no", _("yes or no")
    PERCENT = "percent", _("percentage complete")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
