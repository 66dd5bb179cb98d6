"""Competitive selection for the budget channel (MSHE): calls, sealed applications, awards from the pool.

A :class:`Call` offers an amount of the KBK 401103 pool for a year to programmes in some priority
directions until a deadline. An :class:`Application` (an approved programme, by its applicant) is
*sealed* until the call's deadline: nobody but the applicant reads its content before then — the
rule lives in :meth:`ApplicationQuerySet.readable_by`, which every page, API view and admin uses.
After the deadline the applications are ranked by the score of their state expertise; the decision
awards them in ranking order while the amount lasts, and each award reserves its amount from the pool
(:class:`PoolReservation`, by year and priority direction).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection
from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.projects.choices import ApplicationStatus, CallStatus

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}


class CallQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Calls ``user`` may read: see :func:`niokr.projects.lifecycle.review_access.calls_q`."""
        from niokr.projects.lifecycle.review_access import calls_q

        q = calls_q(user)
        return self if q is None else self.filter(q)


class Call(models.Model):
    """A call for applications: priority directions, the amount from the pool, the deadline."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    year = models.PositiveSmallIntegerField(_("pool year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    #: The priority directions (``PriorityDirection`` values) the call is open to.
    directions = models.JSONField(_("priority directions"), default=list)
    amount = models.DecimalField(_("amount available, KZT"), **MONEY)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="call_amount_positive", violation_error_message=_("The amount is above zero."))]

    def __str__(self) -> str:
        return self.reference

    def sealed(self, now=None) -> bool:
        """Whether the applications are still sealed (the deadline has not passed)."""
        return (now or timezone.now()) < self.deadline

    def direction_labels(self) -> list[str]:
        """The priority directions in the reader's language."""
        from niokr.core.templatetags.niokr import label

        return [label(d, "core.PriorityDirection") for d in self.directions if d in PriorityDirection.values]


class ApplicationQuerySet(models.QuerySet):
    def unsealed(self, now=None):
        """Applications whose call's deadline has passed."""
        return self.filter(call__deadline__lte=now or timezone.now())

    def readable_by(self, user, now=None):
        """The applications whose content ``user`` may read (see :func:`niokr.projects.lifecycle.review_access.applications_q`).

        Before the deadline: only the applicant's own staff — never the regulator, the selection
        officer, an administrator or an auditor.
        """
        from niokr.projects.lifecycle.review_access import applications_q

        return self.filter(applications_q(user, now or timezone.now()))

    visible_to = readable_by


class Application(models.Model):
    """An approved programme put forward to a call by its applicant; sealed until the deadline."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call for applications"))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    programme = models.ForeignKey("projects.Programme", on_delete=models.PROTECT, related_name="applications", verbose_name=_("R&D programme"))
    version = models.ForeignKey("projects.ProgrammeVersion", on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme version"))
    applicant = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="call_applications", verbose_name=_("applicant"))
    amount = models.DecimalField(_("amount requested, KZT"), **MONEY)
    statement = models.TextField(_("statement"), max_length=20_000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    #: Written when the call closes: the expertise score at that moment and the place in the ranking.
    score = models.DecimalField(_("expertise score, %"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    amount_awarded = models.DecimalField(_("amount awarded, KZT"), null=True, blank=True, **MONEY)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["call", "rank", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "programme"], name="application_once_per_call", violation_error_message=_("The programme has already applied to this call.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="application_amount_positive", violation_error_message=_("The amount is above zero.")),
        ]

    def __str__(self) -> str:
        return self.reference


class PoolReservation(models.Model):
    """An amount of the KBK 401103 pool reserved for an awarded application."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("call for applications"))
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="reservation", verbose_name=_("application"))
    year = models.PositiveSmallIntegerField(_("pool year"))
    direction = models.CharField(_("priority direction"), max_length=16, choices=PriorityDirection.choices)
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    created_at = models.DateTimeField(_("reserved"), default=timezone.now)

    class Meta:
        ordering = ["year", "direction", "id"]
        verbose_name = _("pool reservation")
        verbose_name_plural = _("pool reservations")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="pool_reservation_positive", violation_error_message=_("The amount is above zero."))]

    def __str__(self) -> str:
        return f"{self.call} · {self.application}"
