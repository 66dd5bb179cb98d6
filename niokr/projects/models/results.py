"""What a project produced: one :class:`Result` per claim, typed by its kind, with its evidence.

One model with a ``kind`` and the fields of every kind (empty where the kind has none), rather than a
model per kind: the registry, the exports, the control indicators and the "what our 1% produced"
page read every kind in one query, and a new kind is one enumeration value, one check constraint and
one branch of :meth:`Result.clean`. Each kind's required fields are enforced three times — by
:meth:`Result.clean` (a message per field), by a named check constraint per kind, and by the
service that records a result (:func:`niokr.projects.lifecycle.results.record_result`).

==============  ==========================================================================
kind            fields
==============  ==========================================================================
trl             ``trl_level`` (1–9), ``trl_methodology`` (the methodology's version)
patent          ``patent_office`` (Kazpatent/NIIS, EAPO, PCT), ``patent_number``, ``achieved_on``
publication     ``doi`` (``10.<registrant>/<suffix>``), ``indexing`` (Scopus, WoS, RSCI, other)
implementation  ``implemented_at`` (where), ``achieved_on``, ``economic_effect`` (KZT, ≥ 0)
revenue         ``revenue`` (KZT, > 0) in ``year``
jobs            ``jobs`` (≥ 1)
==============  ==========================================================================

Evidence (a note, a reference — a URL or a document's number — and/or a file kept by content under
``DATA_DIR/result-evidence``) is optional: a result without it is recorded and marked
(:attr:`Result.has_evidence`; control flags it). A claim is verified or rejected by the payer or a
regulator through the ``result`` workflow (:mod:`niokr.projects.lifecycle.processes.results`).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.projects.choices import Indexing, PatentOffice, ResultKind, ResultStatus

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}

__all__ = ["Result", "ResultQuerySet", "DOI_PATTERN", "normalise_doi"]

#: A DOI as Crossref recommends matching it: ``10.`` + a registrant of 4–9 digits + ``/`` + a suffix.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")


def normalise_doi(text: str) -> str:
    """A DOI without its ``https://doi.org/`` or ``doi:`` prefix and surrounding blanks."""
    value = (text or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "doi.org/"):
        if value.lower().startswith(prefix.lower()):
            value = value[len(prefix):].strip()
            break
    return value


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Results of the projects ``user`` may see (:meth:`ProjectQuerySet.visible_to`)."""
        from niokr.projects.models import Project

        projects = Project.objects.visible_to(user)
        if not projects.query.has_filters():
            return self  # every project: no subquery, so the registry's order can come from its index
        return self.filter(project__in=projects.values("pk"))

    def without_evidence(self):
        """Results claimed with no evidence at all (no note, no reference, no file)."""
        return self.filter(evidence_note="", evidence_reference="", evidence_sha256="")


class Result(models.Model):
    """A result a project claims (see the module docstring for the fields of each kind)."""

    reference = models.CharField(_("reference"), max_length=48, unique=True)
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="results", verbose_name=_("R&D project"))
    stage = models.ForeignKey("projects.Stage", on_delete=models.SET_NULL, null=True, blank=True, related_name="results", verbose_name=_("agreement stage"))
    kind = models.CharField(_("kind of result"), max_length=16, choices=ResultKind.choices)
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    achieved_on = models.DateField(_("date"), null=True, blank=True)
    # trl
    trl_level = models.PositiveSmallIntegerField(_("TRL reached"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)])
    trl_methodology = models.CharField(_("TRL methodology version"), max_length=100, blank=True)
    # patent
    patent_office = models.CharField(_("patent office"), max_length=16, choices=PatentOffice.choices, blank=True)
    patent_number = models.CharField(_("patent number"), max_length=64, blank=True)
    # publication
    doi = models.CharField(_("DOI"), max_length=255, blank=True)
    indexing = models.CharField(_("indexing"), max_length=16, choices=Indexing.choices, blank=True)
    # implementation
    implemented_at = models.CharField(_("implemented at"), max_length=500, blank=True)
    economic_effect = models.DecimalField(_("economic effect, KZT"), null=True, blank=True, **MONEY)
    # revenue
    revenue = models.DecimalField(_("revenue, KZT"), null=True, blank=True, **MONEY)
    # jobs
    jobs = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    # evidence
    evidence_note = models.TextField(_("evidence"), blank=True, max_length=20_000)
    evidence_reference = models.CharField(_("evidence reference"), max_length=500, blank=True, help_text=_("A link or a document's number"))
    evidence_name = models.CharField(_("evidence file"), max_length=255, blank=True)
    evidence_sha256 = models.CharField(_("evidence SHA-256"), max_length=64, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("evidence size, bytes"), null=True, blank=True)
    # the claim and its verification
    status = models.CharField(_("status"), max_length=16, choices=ResultStatus.choices, default=ResultStatus.CLAIMED)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("claimed by"))
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True, max_length=5000)
    source_submission = models.PositiveBigIntegerField(_("submission"), null=True, blank=True, help_text=_("The intake submission the result came from"))

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "reference"]
        verbose_name = _("R&D result")
        verbose_name_plural = _("R&D results")
        indexes = [
            models.Index(fields=["kind", "year"], name="result_kind_year_idx"),
            models.Index(fields=["-year", "reference"], name="result_registry_order_idx"),
            models.Index(fields=["patent_number"], name="result_patent_number_idx"),
            models.Index(fields=["doi"], name="result_doi_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="trl") | Q(trl_level__gte=1, trl_level__lte=9), name="result_trl_level", violation_error_message=_("A TRL result names the level reached (1 to 9).")),
            models.CheckConstraint(
                condition=~Q(kind="patent") | (~Q(patent_office="") & ~Q(patent_number="") & Q(achieved_on__isnull=False)),
                name="result_patent_fields", violation_error_message=_("A patent names its office, number and date."),
            ),
            models.CheckConstraint(condition=~Q(kind="publication") | (~Q(doi="") & ~Q(indexing="")), name="result_publication_fields", violation_error_message=_("A publication names its DOI and indexing.")),
            models.CheckConstraint(
                condition=~Q(kind="implementation") | (~Q(implemented_at="") & Q(achieved_on__isnull=False)),
                name="result_implementation_fields", violation_error_message=_("An implementation names where and when."),
            ),
            models.CheckConstraint(condition=~Q(kind="revenue") | Q(revenue__gt=0), name="result_revenue_positive", violation_error_message=_("Revenue is above zero.")),
            models.CheckConstraint(condition=~Q(kind="jobs") | Q(jobs__gte=1), name="result_jobs_positive", violation_error_message=_("Jobs created: at least one.")),
            models.CheckConstraint(condition=Q(economic_effect__isnull=True) | Q(economic_effect__gte=0), name="result_effect_not_negative", violation_error_message=_("The economic effect is not negative.")),
            models.CheckConstraint(condition=Q(revenue__isnull=True) | Q(revenue__gte=0), name="result_revenue_not_negative", violation_error_message=_("Revenue is not negative.")),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_note.strip() or self.evidence_reference.strip() or self.evidence_sha256)

    def clean(self) -> None:
        """Each kind's fields present and well formed (see the module docstring); a message per field."""
        errors: dict[str, list] = {}

        def need(field: str, message) -> None:
            value = getattr(self, field)
            if value is None or (isinstance(value, str) and not value.strip()):
                errors.setdefault(field, []).append(message)

        kind = self.kind
        if kind == ResultKind.TRL:
            need("trl_level", _("Give the TRL reached (1 to 9)."))
            need("trl_methodology", _("Give the version of the TRL methodology used."))
        elif kind == ResultKind.PATENT:
            need("patent_office", _("Choose the patent office."))
            need("patent_number", _("Give the patent number."))
            need("achieved_on", _("Give the date of the patent."))
            if self.patent_office and self.patent_office not in PatentOffice.values:
                errors.setdefault("patent_office", []).append(_("Choose the patent office: Kazpatent (NIIS), EAPO or PCT."))
        elif kind == ResultKind.PUBLICATION:
            need("doi", _("Give the publication's DOI."))
            need("indexing", _("Choose where the publication is indexed."))
            if self.doi and not DOI_PATTERN.match(normalise_doi(self.doi)):
                errors.setdefault("doi", []).append(_("A DOI reads 10.NNNN/suffix, for example 10.1016/j.energy.2024.130001."))
        elif kind == ResultKind.IMPLEMENTATION:
            need("implemented_at", _("Say where the result was implemented."))
            need("achieved_on", _("Give the date of the implementation."))
        elif kind == ResultKind.REVENUE:
            need("revenue", _("Give the revenue in tenge."))
            if self.revenue is not None and self.revenue <= 0:
                errors.setdefault("revenue", []).append(_("Revenue is above zero."))
        elif kind == ResultKind.JOBS:
            need("jobs", _("Give the number of jobs created."))
            if self.jobs is not None and self.jobs < 1:
                errors.setdefault("jobs", []).append(_("Jobs created: at least one."))
        elif kind:
            errors.setdefault("kind", []).append(_("Choose the kind of result."))
        if self.economic_effect is not None and self.economic_effect < 0:
            errors.setdefault("economic_effect", []).append(_("The economic effect is not negative."))
        if self.stage_id and self.project_id and getattr(self.stage, "agreement", None) is not None and self.stage.agreement.project_id != self.project_id:
            errors.setdefault("stage", []).append(_("The stage belongs to an agreement of another project."))
        if errors:
            raise ValidationError(errors)
