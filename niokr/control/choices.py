"""Choices of the control app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectType(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    AGREEMENT = "agreement", _("Agreement")
    PERFORMER = "performer", _("Performer")
    PAYER_YEAR = "payer_year", _("Subsoil user and year")
    RIGHT_YEAR = "right_year", _("Right and year")
    PROJECT = "project", _("R&D project")
    COUNCIL_DECISION = "council_decision", _("Council decision")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents requested")
    UNDER_REVIEW = "under_review", _("Under review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")

    @classmethod
    def closed(cls) -> tuple[str, ...]:
        return (cls.CONFIRMED, cls.DISMISSED)


class ItemDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class NoticeKind(models.TextChoices):
    DOCUMENT_REQUEST = "document_request", _("Documents requested")
    CASE_CONFIRMED = "case_confirmed", _("Violation confirmed")
    CASE_DISMISSED = "case_dismissed", _("Case closed without findings")
