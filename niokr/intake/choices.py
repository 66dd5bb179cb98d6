"""Enumerations of the intake app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    BASE_FIGURES = "base_figures", _("Base figures")
    SPENDING = "spending", _("R&D spending report")
    TREASURY = "treasury", _("Treasury payments, KBK 401103")
    RD_PROJECTS = "rd_projects", _("R&D projects")
    RD_STAGES = "rd_stages", _("Agreement stages (calendar plan)")
    RD_ACTS = "rd_acts", _("Stage acceptance acts")
    RD_RESULTS = "rd_results", _("R&D results")


class SubmissionStatus(models.TextChoices):
    INVALID = "invalid", _("Rejected by validation")
    VALID = "valid", _("Validated, not committed")
    COMMITTED = "committed", _("Committed")
    SUPERSEDED = "superseded", _("Superseded by a correction")
    FAILED = "failed", _("Commit failed")
