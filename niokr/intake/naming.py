"""How a person names a submission or a job: its reference and the business facts around it.

A submission: ``SUB-2026-000042 — Quarterly spending report, 2026, quarter 1, ТОО «Alpha» (BIN),
received 12.07.2026``. A job: ``JOB-2026-000007 — Validation of a received file, started 12.07.2026 10:40``.
Every page, export and API display field of intake names them through these functions, in the
language of the page.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from niokr.core.formatting import day_text, moment_text

__all__ = ["period_text", "organisation_text", "submission_title", "submission_label", "job_title", "job_label"]


def _lang() -> str:
    lang = (get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


def period_text(year: int, quarter: int | None) -> str:
    """A reporting period as people write it: ``2025``, or ``2025, quarter 1`` in the page's language."""
    return str(year) if quarter is None else gettext("%(year)s, quarter %(quarter)s") % {"year": year, "quarter": quarter}


def organisation_text(organisation) -> str:
    """The organisation as plain text, "name (BIN)"."""
    return f"{organisation.name(_lang())} ({organisation.bin})"


def submission_title(submission) -> str:
    """The reference, the kind and the period: a page title (``SUB-2026-000042 — Annual report, 2025``)."""
    return f"{submission.reference} — {submission.get_kind_display()}, {period_text(submission.period_year, submission.period_quarter)}"


def submission_label(submission) -> str:
    """The reference with kind, period, organisation and the day it was received: a link's or an export's text."""
    facts = gettext("%(kind)s, %(period)s, %(organisation)s, received %(day)s") % {
        "kind": submission.get_kind_display(),
        "period": period_text(submission.period_year, submission.period_quarter),
        "organisation": organisation_text(submission.organisation),
        "day": day_text(submission.created_at, _lang()),
    }
    return f"{submission.reference} — {facts}"


def job_title(job) -> str:
    """The reference and the kind of a job: its page title."""
    return f"{job.reference} — {job.get_kind_display()}"


def job_label(job) -> str:
    """The reference, the kind and when the job started (or was queued, before it starts)."""
    if job.started_at:
        facts = gettext("%(kind)s, started %(moment)s") % {"kind": job.get_kind_display(), "moment": moment_text(job.started_at, _lang())}
    else:
        facts = gettext("%(kind)s, queued %(moment)s") % {"kind": job.get_kind_display(), "moment": moment_text(job.created_at, _lang())}
    return f"{job.reference} — {facts}"
