"""Submissions: every file a company sends, kept with its content hash and validation result;
and the background jobs that validate, commit and recompute."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.numbering import assign_reference, pending_reference
from niokr.intake.choices import SubmissionKind, SubmissionStatus
from niokr.intake.querysets import JobRecordQuerySet, SubmissionQuerySet


class Submission(models.Model):
    """One received file. The raw bytes are stored under ``DATA_DIR/submissions/<sha256>``.

    Sending an identical file again finds this row (same organisation, kind and SHA-256) and changes
    nothing. A correction for the same period supersedes the committed submission: its entries are
    reversed and the new ones posted, both versions kept; an annual spending or treasury report
    supersedes the quarterly ones of its year the same way. A commit the database refuses leaves
    the submission ``failed`` with the reason; it is committed again once the cause is removed.
    """

    reference = models.CharField(
        _("reference"), max_length=32, unique=True, editable=False,
        help_text=_("The submission's number people quote and search by: SUB, the year it was received and a number (SUB-2026-000042)"),
    )
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=16, choices=SubmissionKind.choices)
    period_year = models.PositiveSmallIntegerField(_("reporting year"))
    period_quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, help_text=_("Empty for an annual report"))
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    status = models.CharField(_("status"), max_length=16, choices=SubmissionStatus.choices)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by", verbose_name=_("corrects"))
    superseded_in = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("superseded by"),
        help_text=_("The submission whose commit superseded this one: a correction of the same period, or the annual report of its year"),
    )
    rows = models.PositiveIntegerField(_("data rows"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    problems = models.JSONField(_("problems"), default=list, help_text=_("The first problems found, with sheet, row, column, value and code"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(_("sent by"), max_length=150)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    failure_reason = models.TextField(
        _("reason the commit failed"), blank=True, help_text=_("Why the database refused the last commit of this submission (while its status is commit failed)")
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "sha256"], name="submission_same_file_once"),
            models.CheckConstraint(condition=Q(period_quarter__isnull=True) | Q(period_quarter__gte=1, period_quarter__lte=4), name="submission_quarter_range", violation_error_message=_("A quarter is 1 to 4.")),
        ]
        indexes = [models.Index(fields=["organisation", "kind", "period_year", "status"], name="submission_period_idx")]

    REFERENCE_PREFIX = "SUB"

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if self._state.adding and not self.reference:
            self.reference = pending_reference()
            super().save(*args, **kwargs)
            assign_reference(self, self.REFERENCE_PREFIX)
            return
        super().save(*args, **kwargs)


class JobKind(models.TextChoices):
    VALIDATE = "validate", _("Validation of a received file")
    COMMIT = "commit", _("Commit of a submission")
    RECOMPUTE = "recompute", _("Recompute of obligations and balances")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class JobRecord(models.Model):
    """A background job a user started: who, what for, and what came of it.

    The queue itself is django-tasks-db's ``DBTaskResult`` (``task_id``); this record is what the
    job pages show and scope by (a user sees the jobs they started). The job function writes its
    own progress here (running, then succeeded with its outcome or failed with a message), so the
    record is complete on any task backend, also one that keeps no results.
    """

    reference = models.CharField(
        _("reference"), max_length=32, unique=True, editable=False,
        help_text=_("The job's number people quote: JOB, the year it was started and a number (JOB-2026-000007)"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="intake_jobs", verbose_name=_("started by"))
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("organisation"))
    submission = models.ForeignKey(Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs", verbose_name=_("submission"))
    task_id = models.CharField(_("task id"), max_length=64, blank=True, help_text=_("The id of the queued task (django-tasks)"))
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True, help_text=_("Counts and ids the job produced"))
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_user_created_idx")]

    REFERENCE_PREFIX = "JOB"

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if self._state.adding and not self.reference:
            self.reference = pending_reference()
            super().save(*args, **kwargs)
            assign_reference(self, self.REFERENCE_PREFIX)
            return
        super().save(*args, **kwargs)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
