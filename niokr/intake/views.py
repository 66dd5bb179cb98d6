"""Pages of the intake app: sending a report, its validation, committing it, and the jobs.

Views parse, authorise and call :mod:`niokr.intake.services` (or queue the same work through
:mod:`niokr.intake.tasks` when it is large). Every object is looked up inside its
``visible_to(user)`` queryset: what a user may not see is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from niokr.core.tables import BoundedRequestConfig
from niokr.core.templatetags.niokr import number
from niokr.core.views import ScopedTableView
from niokr.intake import commit, jobs, services, tasks
from niokr.intake.choices import SubmissionKind, SubmissionStatus
from niokr.intake.filtersets import JobFilterSet, SubmissionFilterSet
from niokr.intake.forms import UploadForm
from niokr.intake.messages import render as render_message
from niokr.intake.models import JobRecord, JobStatus, Submission
from niokr.intake.naming import job_label, job_title, period_text, submission_label, submission_title
from niokr.intake.tables import JOB_BADGES, STATUS_BADGES, JobTable, ProblemTable, SubmissionTable, organisation_url
from niokr.intake.templates_xlsx import build_template, template_filename
from niokr.registry.models import Organisation

__all__ = [
    "SubmissionListView",
    "submission_upload",
    "submission_detail",
    "submission_report",
    "submission_commit",
    "organisation_submissions",
    "template_download",
    "JobListView",
    "job_detail",
    "recompute_start",
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PANEL_ROWS = 10


def language_of(request) -> str:
    """``kk``, ``ru`` or ``en``: the language the request is answered in."""
    language = (getattr(request, "LANGUAGE_CODE", None) or get_language() or "ru")[:2]
    return language if language in ("kk", "ru", "en") else "ru"


def _kinds() -> list[dict]:
    return [{"value": value, "label": label} for value, label in SubmissionKind.choices]


class SubmissionListView(ScopedTableView):
    """Every submission the user may see: filters, sorting, pages, XLSX/CSV export."""

    model = Submission
    filterset_class = SubmissionFilterSet
    table_class = SubmissionTable
    template_name = "intake/submission_list.html"
    title = gettext_lazy("Submissions")
    export_name = "submissions"

    def get_base_queryset(self):
        return Submission.objects.visible_to(self.request.user).select_related("organisation").defer("problems")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = _kinds()
        context["can_upload"] = services.submitting_organisations(self.request.user).exists()
        return context


@login_required
def submission_upload(request):
    """Send a file: small ones are validated at once, larger ones by a background job."""
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            return _receive(request, form)
    else:
        form = UploadForm(user=request.user, initial={"period_year": timezone.localdate().year - 1})
    return render(request, "intake/submission_upload.html", {"form": form, "kinds": _kinds(), "title": _("Send a report")})


def _receive(request, form):
    data = form.cleaned_data
    upload = data["file"]
    organisation, kind = data["organisation"], data["kind"]
    year, quarter = data["period_year"], data["period_quarter"]
    filename = upload.name or "upload"
    stored = services.store_upload(upload.chunks())
    if not jobs.is_small(size=stored.size, rows=stored.rows_estimate):
        record = tasks.start_validation(actor=request.user, organisation=organisation, kind=kind, year=year, quarter=quarter, filename=filename, stored=stored)
        messages.info(request, _("The file is large: it is validated in the background. This page shows the progress."))
        return redirect("intake:job-detail", record.pk)
    try:
        received = services.submit_file(actor=request.user, organisation=organisation, kind=kind, data=stored.path, filename=filename, period_year=year, period_quarter=quarter)
    except PermissionDenied:
        form.add_error("kind", _("You may not send this kind of file for this organisation."))
        return render(request, "intake/submission_upload.html", {"form": form, "kinds": _kinds(), "title": _("Send a report")}, status=403)
    _say_received(request, received.submission, received.duplicate)
    return redirect("intake:submission-detail", received.submission.pk)


def _say_received(request, submission: Submission, duplicate: bool) -> None:
    if duplicate:
        link = reverse("intake:submission-detail", args=[submission.pk])
        messages.warning(request, format_html(
            _('This file was received before as <a href="{}">submission {}</a>; nothing changed.'), link, submission_label(submission)
        ))
    elif submission.status == SubmissionStatus.VALID:
        rows = ngettext("%(count)s row", "%(count)s rows", submission.rows) % {"count": number(submission.rows)}
        warnings = ngettext("%(count)s warning", "%(count)s warnings", submission.warnings) % {"count": number(submission.warnings)}
        messages.success(request, _("The file is valid: %(rows)s, %(warnings)s. Commit it to post it to the ledger.") % {"rows": rows, "warnings": warnings})
    else:
        messages.error(request, ngettext(
            "The file has %(errors)s error; nothing can be committed. Correct the cells listed below and send it again.",
            "The file has %(errors)s errors; nothing can be committed. Correct the cells listed below and send it again.",
            submission.errors,
        ) % {"errors": number(submission.errors)})


@login_required
def submission_detail(request, pk: int):
    """One submission: its file, counts, problems (paginated), report, commit and corrections."""
    submission = get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("organisation", "supersedes__organisation").defer("supersedes__problems"), pk=pk
    )
    successor = Submission.objects.visible_to(request.user).filter(Q(supersedes=submission) | Q(pk=submission.superseded_in_id)).select_related("organisation").defer("problems").first()
    language = language_of(request)
    problems = services.describe_problems(submission.problems, kind=submission.kind, language=language)
    table = ProblemTable(problems)
    BoundedRequestConfig(request, paginate={"per_page": 50}).configure(table)
    can_commit = submission.status in commit.COMMITTABLE and services.may_submit(request.user, submission.organisation, submission.kind)
    running = JobRecord.objects.visible_to(request.user).filter(submission=submission, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).only("pk", "reference", "kind", "status", "created_at", "started_at").first()
    context = {
        "title": submission_title(submission),
        "submission": submission,
        "period": period_text(submission.period_year, submission.period_quarter),
        "status_badge": STATUS_BADGES.get(submission.status, "text-bg-light"),
        "organisation_url": organisation_url(submission.organisation_id),
        "successor": successor,
        "table": table,
        "listed": len(problems),
        "found": submission.errors + submission.warnings,
        "can_commit": can_commit,
        "failure": render_message("commit_failed", {}, language) if submission.status == SubmissionStatus.FAILED else "",
        "running_job": running,
        "running_job_label": job_label(running) if running else "",
        "supersedes_label": submission_label(submission.supersedes) if submission.supersedes else "",
        "successor_label": submission_label(successor) if successor else "",
    }
    return render(request, "intake/submission_detail.html", context)


@login_required
def submission_report(request, pk: int):
    """The XLSX error report: every problem listed, the offending cells marked on the data."""
    submission = get_object_or_404(Submission.objects.visible_to(request.user), pk=pk)
    try:
        data = services.submission_error_report(submission=submission, language=language_of(request))
    except FileNotFoundError:
        raise Http404("the stored file is missing") from None
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{submission.reference}-report.xlsx"'
    return response


@login_required
@require_POST
def submission_commit(request, pk: int):
    """Commit a valid submission: at once when it is small, else as a job."""
    submission = get_object_or_404(Submission.objects.visible_to(request.user).select_related("organisation").defer("problems"), pk=pk)
    if not services.may_submit(request.user, submission.organisation, submission.kind):
        raise PermissionDenied(_("You may not commit this submission."))
    if submission.status not in commit.COMMITTABLE:
        messages.error(request, _("Only a valid submission that is not committed yet can be committed."))
        return redirect("intake:submission-detail", submission.pk)
    if not jobs.is_small(size=submission.size, rows=submission.rows):
        record = tasks.start_commit(actor=request.user, submission=submission)
        messages.info(request, _("The submission is large: it is committed in the background. This page shows the progress."))
        return redirect("intake:job-detail", record.pk)
    try:
        summary = commit.commit_for(submission=submission, actor=request.user)
    except ValidationError as exc:
        messages.error(request, jobs.refusal_text(exc))
        return redirect("intake:submission-detail", submission.pk)
    lines = ngettext("%(lines)s line", "%(lines)s lines", summary.lines) % {"lines": number(summary.lines)}
    entries = ngettext("%(count)s ledger entry posted", "%(count)s ledger entries posted", summary.entries_posted) % {"count": number(summary.entries_posted)}
    text = _("Committed: %(lines)s, %(entries)s.") % {"lines": lines, "entries": entries}
    if summary.superseded:
        corrected = Submission.objects.filter(pk=summary.superseded).values_list("reference", flat=True).first() or ""
        text += " " + ngettext(
            "It corrects submission %(reference)s, whose %(reversed)s entry was reversed.",
            "It corrects submission %(reference)s, whose %(reversed)s entries were reversed.",
            summary.entries_reversed,
        ) % {"reference": corrected, "reversed": number(summary.entries_reversed)}
    messages.success(request, text)
    return redirect("intake:submission-detail", submission.pk)


@login_required
def organisation_submissions(request, pk: int):
    """An htmx panel: the latest submissions of one organisation (for its registry page)."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    submissions = Submission.objects.visible_to(request.user).filter(organisation=organisation).defer("problems")
    latest = list(submissions[: PANEL_ROWS + 1])
    rows = [
        {"submission": s, "period": period_text(s.period_year, s.period_quarter), "badge": STATUS_BADGES.get(s.status, "text-bg-light")}
        for s in latest[:PANEL_ROWS]
    ]
    context = {
        "organisation": organisation,
        "rows": rows,
        "more": len(latest) > PANEL_ROWS,
        "list_url": reverse("intake:submission-list") + f"?organisation={organisation.pk}",
        "can_upload": any(services.may_submit(request.user, organisation, kind) for kind in SubmissionKind.values),
    }
    return render(request, "intake/organisation_submissions.html", context)


@login_required
def template_download(request, kind: str):
    """The XLSX template of a report kind (trilingual headers, drop-downs, instructions)."""
    if kind not in SubmissionKind.values:
        raise Http404("unknown kind")
    response = HttpResponse(build_template(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{template_filename(kind)}"'
    return response


class JobListView(ScopedTableView):
    """The user's background jobs (administrators and auditors: every job)."""

    model = JobRecord
    filterset_class = JobFilterSet
    table_class = JobTable
    template_name = "intake/job_list.html"
    title = gettext_lazy("Jobs")
    export_name = "jobs"

    def get_base_queryset(self):
        return JobRecord.objects.visible_to(self.request.user).select_related("organisation", "started_by", "submission__organisation").defer("submission__problems")

    def get(self, request, *args, **kwargs):
        unfinished = JobRecord.objects.visible_to(request.user).filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).exclude(task_id="").only("pk", "status", "task_id")[:200]
        jobs.reconcile(list(unfinished))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_recompute"] = services.may_recompute(self.request.user)
        return context


@login_required
def job_detail(request, pk: int):
    """A job's status, times and outcome; the status part polls itself (htmx) until the job ends."""
    record = get_object_or_404(JobRecord.objects.visible_to(request.user).select_related("organisation", "started_by"), pk=pk)
    jobs.reconcile([record])
    context = {
        "title": job_title(record),
        "job": record,
        "badge": JOB_BADGES.get(record.status, "text-bg-light"),
        "queue": jobs.queue_state(record),
        "error_text": _job_error(record),
        "organisation_url": organisation_url(record.organisation_id) if record.organisation_id else None,
        **_outcome_submissions(request.user, record),
    }
    if request.htmx:
        return render(request, "intake/job_status.html", context)
    return render(request, "intake/job_detail.html", context)


def _outcome_submissions(user, record: JobRecord) -> dict:
    """The submission a job worked on and the one its commit corrected, named as people name them."""
    outcome = record.outcome or {}
    ids = {key: outcome.get(key) for key in ("submission", "superseded") if isinstance(outcome.get(key), int)}
    found = {s.pk: s for s in Submission.objects.visible_to(user).filter(pk__in=ids.values()).select_related("organisation").defer("problems")}
    context = {}
    for key, name in (("submission", "outcome_submission"), ("superseded", "superseded_submission")):
        submission = found.get(ids.get(key))
        context[name] = submission
        context[f"{name}_label"] = submission_label(submission) if submission else ""
    return context


def _job_error(record: JobRecord) -> str:
    if record.status != JobStatus.FAILED:
        return ""
    code = (record.outcome or {}).get("error_code")
    if code == jobs.ERROR_DENIED:
        return _("The job was refused: its user may not act for this organisation.")
    if code == jobs.ERROR_REFUSED:
        refusal = (record.outcome or {}).get("refusal")
        return str(jobs.REFUSALS[refusal]) if refusal in jobs.REFUSALS else record.error
    return _("The job stopped with an error (%(error)s). Nothing of it was saved; the administrators see the details in the task queue.") % {"error": record.error or "?"}


@login_required
@require_POST
def recompute_start(request):
    """Start a national recompute of obligations and balances (administrators)."""
    if not services.may_recompute(request.user):
        raise PermissionDenied(_("Only an administrator starts a recompute."))
    record = tasks.start_recompute(actor=request.user)
    messages.info(request, _("The recompute has started."))
    return redirect("intake:job-detail", record.pk)
