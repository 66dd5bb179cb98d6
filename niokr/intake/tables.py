"""Tables of the intake pages (django-tables2): submissions, their problems, jobs."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from niokr.accounts.people import PersonColumn
from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import JobRecord, Submission
from niokr.intake.naming import organisation_text, period_text, submission_label

__all__ = ["SubmissionTable", "ProblemTable", "JobTable", "STATUS_BADGES", "JOB_BADGES", "SEVERITY_BADGES"]

STATUS_BADGES = {"invalid": "text-bg-danger", "valid": "text-bg-info", "committed": "text-bg-success", "superseded": "text-bg-secondary", "failed": "text-bg-warning"}
JOB_BADGES = {"queued": "text-bg-secondary", "running": "text-bg-primary", "succeeded": "text-bg-success", "failed": "text-bg-danger"}
SEVERITY_BADGES = {"error": "text-bg-danger", "warning": "text-bg-warning"}
NUMBER = {"td": {"class": "num"}, "th": {"class": "num"}}


def _badge(css: str, text) -> str:
    return format_html('<span class="badge {}">{}</span>', css, text)


def organisation_url(pk: int) -> str | None:
    """The registry's page of an organisation, when the registry pages are installed."""
    try:
        return reverse("registry:organisation-detail", args=[pk])
    except NoReverseMatch:
        return None


_organisation_text = organisation_text


def _organisation(organisation) -> str:
    name = _organisation_text(organisation)
    url = organisation_url(organisation.pk)
    return format_html('<a href="{}">{}</a>', url, name) if url else name


class SubmissionTable(tables.Table):
    reference = tables.Column(verbose_name=_("Reference"), linkify=("intake:submission-detail", [tables.A("pk")]), attrs={"td": {"class": "text-nowrap"}})
    created_at = tables.DateTimeColumn(verbose_name=_("Received"), short=True)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name_ru",))
    kind = tables.Column(verbose_name=_("Kind"))
    period = tables.Column(verbose_name=_("Period"), accessor="period_year", order_by=("period_year", "period_quarter"))
    filename = tables.Column(verbose_name=_("File"), linkify=("intake:submission-detail", [tables.A("pk")]))
    status = tables.Column(verbose_name=_("Status"))
    rows = tables.Column(verbose_name=_("Rows"), attrs=NUMBER)
    errors = tables.Column(verbose_name=_("Errors"), attrs=NUMBER)
    warnings = tables.Column(verbose_name=_("Warnings"), attrs=NUMBER)
    created_by = PersonColumn(verbose_name=_("Sent by"))

    class Meta:
        model = Submission
        fields = ("reference", "created_at", "organisation", "kind", "period", "filename", "status", "rows", "errors", "warnings", "created_by")
        attrs = {"class": "table table-sm table-hover align-middle submissions"}
        order_by = ("-created_at",)
        empty_text = _("No submissions.")

    def render_organisation(self, value):
        return _organisation(value)

    def value_organisation(self, value):
        return _organisation_text(value)

    def render_period(self, record):
        return period_text(record.period_year, record.period_quarter)

    def render_status(self, record):
        return _badge(STATUS_BADGES.get(record.status, "text-bg-light"), record.get_status_display())

    def value_status(self, record):
        """The status as exported: a failed commit with its reason."""
        if record.status == SubmissionStatus.FAILED and record.failure_reason:
            return f"{record.get_status_display()}: {record.failure_reason}"
        return record.get_status_display()


class ProblemTable(tables.Table):
    """The problems of one submission (:func:`niokr.intake.services.describe_problems` rows)."""

    severity = tables.Column(verbose_name=_("Severity"))
    sheet = tables.Column(verbose_name=_("Sheet"))
    cell = tables.Column(verbose_name=_("Cell"), attrs={"td": {"class": "font-monospace"}})
    header = tables.Column(verbose_name=_("Column"))
    value = tables.Column(verbose_name=_("Value"))
    message = tables.Column(verbose_name=_("Message"))

    class Meta:
        orderable = False
        attrs = {"class": "table table-sm align-middle problems"}
        empty_text = _("No problems found.")

    def render_severity(self, value):
        labels = {"error": _("error"), "warning": _("warning")}
        return _badge(SEVERITY_BADGES.get(value, "text-bg-light"), labels.get(value, value))


class JobTable(tables.Table):
    reference = tables.Column(verbose_name=_("Reference"), linkify=("intake:job-detail", [tables.A("pk")]), attrs={"td": {"class": "text-nowrap"}})
    kind = tables.Column(verbose_name=_("Job"), linkify=("intake:job-detail", [tables.A("pk")]))
    status = tables.Column(verbose_name=_("Status"))
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name_ru",))
    submission = tables.Column(verbose_name=_("Submission"), linkify=("intake:submission-detail", [tables.A("submission_id")]), order_by=("submission__reference",))
    started_by = PersonColumn(verbose_name=_("Started by"))
    created_at = tables.DateTimeColumn(verbose_name=_("Created"), short=True)
    finished_at = tables.DateTimeColumn(verbose_name=_("Finished"), short=True)

    class Meta:
        model = JobRecord
        fields = ("reference", "kind", "status", "organisation", "submission", "started_by", "created_at", "finished_at")
        attrs = {"class": "table table-sm table-hover align-middle jobs"}
        order_by = ("-created_at",)
        empty_text = _("No jobs.")

    def render_status(self, record):
        return _badge(JOB_BADGES.get(record.status, "text-bg-light"), record.get_status_display())

    def render_organisation(self, value):
        return _organisation(value)

    def value_organisation(self, value):
        # A recomputation and a refused file have no organisation or submission: the cell is empty.
        return _organisation_text(value) if value is not None else ""

    def render_submission(self, value):
        return value.reference

    def value_submission(self, value):
        """The submission as exported: its reference with kind, period, organisation and the day it was received."""
        return submission_label(value) if value is not None else ""
