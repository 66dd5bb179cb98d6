"""Operations of the intake app: loading the registry context, validating and receiving a file,
and who may send or commit one. Committing is :mod:`niokr.intake.commit`, which builds on this
module (never the other way round)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.accounts.choices import Role
from niokr.accounts.scoping import active_memberships, forget_memberships
from niokr.core.audit import record_event
from niokr.core.files import keep_file, kept_path, sha256_of
from niokr.core.models import CurrencyRate
from niokr.core.progress import Progress
from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import Submission
from niokr.intake.formats import Kind, form_for
from niokr.intake.project_forms import PROJECT_KINDS
from niokr.intake.messages import render, typed_value
from niokr.intake.parsing import read_table
from niokr.intake.parsing.model import visible
from niokr.intake.validation import Context, ValidationResult, period_bounds, validate_table
from niokr.projects.models import Agreement, Project
from niokr.registry.choices import OrganisationKind
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "load_context",
    "validate_file",
    "receive_submission",
    "Received",
    "problem_dict",
    "submission_error_report",
    "may_submit",
    "may_recompute",
    "check_may_submit",
    "submitting_organisations",
    "submittable_kinds",
    "StoredUpload",
    "store_upload",
    "submit_file",
    "check_may_credit",
    "describe_problems",
]


#: The kinds whose annual report holds every line of the year's quarterly reports: committing the
#: annual one supersedes the committed quarterly ones of its year, and a quarterly one of a year
#: whose annual report is committed is refused (``annual_report_committed``), so that no payment is
#: posted twice. Base figures are revisions of a year's figure and post nothing to the ledger.
ANNUAL_SUPERSEDES_QUARTERS = frozenset({Kind.SPENDING, Kind.TREASURY})


def load_context(*, kind: str, organisation: Organisation | None, period_year: int, period_quarter: int | None = None, viewer=None) -> Context:
    """Everything the validator checks against, in a few set-wise queries.

    A treasury file names payers and rights of any company. With a ``viewer`` (the user sending
    or committing it) only the payers and rights the viewer may see are known, so that a
    regulator learns nothing from the problems about another competence: a payer or a right
    outside it reads exactly like one that does not exist.
    """
    form = form_for(kind)
    context = Context(organisation_id=organisation.pk if organisation else 0, period_year=period_year, period_quarter=period_quarter)
    if period_quarter is not None and organisation is not None and form.kind in ANNUAL_SUPERSEDES_QUARTERS:
        context.annual_committed = Submission.objects.filter(organisation=organisation, kind=kind, period_year=period_year, period_quarter__isnull=True,
                                                             status=SubmissionStatus.COMMITTED).exists()
    rights = SubsoilRight.objects.all()
    organisations = Organisation.objects.all()
    if form.kind is Kind.TREASURY and viewer is not None:
        rights, organisations = rights.visible_to(viewer), organisations.visible_to(viewer)
    if form.kind is not Kind.TREASURY and organisation is not None:
        rights = rights.filter(holder=organisation)
    context.rights = {number: (pk, holder) for number, pk, holder in rights.values_list("number", "id", "holder_id")}
    if form.kind is not Kind.BASE_FIGURES:
        context.orgs_by_bin = dict(organisations.values_list("bin", "id"))
    if form.kind is Kind.SPENDING and organisation is not None:
        bins = {pk: bin_ for bin_, pk in context.orgs_by_bin.items()}
        for a in Agreement.objects.filter(payer=organisation).values("number", "signed_on", "performer_id", "amount", "period_start", "period_end"):
            context.agreements[a["number"]] = {
                "agreement_date": a["signed_on"],
                "performer_bin": bins.get(a["performer_id"]),
                "agreement_amount": a["amount"],
                "period_start": a["period_start"],
                "period_end": a["period_end"],
            }
        context.projects = dict(Project.objects.values_list("code", "performer_id"))
        start, end = period_bounds(period_year, period_quarter)
        context.rates = set(CurrencyRate.objects.filter(on_date__range=(start, end)).values_list("currency", "on_date"))
    if form.kind in PROJECT_KINDS:
        from niokr.intake.project_intake import load_lifecycle

        load_lifecycle(context, kind=kind, organisation=organisation, period_year=period_year, period_quarter=period_quarter)
    return context


def validate_file(source: bytes | Path, *, kind: str, organisation: Organisation | None, period_year: int, period_quarter: int | None = None, filename: str = "", progress: bool = False, viewer=None) -> ValidationResult:
    """Parse and validate a file without writing anything (the company's pre-check).

    With ``progress`` a bar on standard error shows the stages (reading, the registry, the checks);
    ``viewer`` is the user it is checked for (:func:`load_context`).
    """
    with Progress("validating", total=3, enabled=progress) as bar:
        table = read_table(source, kind=kind, filename=filename, max_bytes=settings.NIOKR_INTAKE_MAX_BYTES, max_rows=settings.NIOKR_INTAKE_MAX_ROWS,
                           max_columns=settings.NIOKR_INTAKE_MAX_COLUMNS)
        bar.advance(1)
        context = load_context(kind=kind, organisation=organisation, period_year=period_year, period_quarter=period_quarter, viewer=viewer)
        bar.advance(1)
        result = validate_table(table, kind=kind, context=context)
        bar.advance(1)
    return result


PROBLEMS_KEPT = 1000


#: Where submitted files are kept, under ``DATA_DIR`` (:func:`niokr.core.files.keep_file`).
SUBMISSIONS_FOLDER = "submissions"


@dataclass(frozen=True)
class Received:
    """The outcome of receiving a file: the submission, whether it had been received before, and
    (for a new one) its validation, which a commit in the same call reuses."""

    submission: Submission
    duplicate: bool
    result: ValidationResult | None = None


def receive_submission(*, organisation: Organisation, kind: str, data: bytes | Path, filename: str, period_year: int, period_quarter: int | None = None, actor=None, progress: bool = False) -> Received:
    """Store a file with its SHA-256, validate it and record the outcome.

    ``data`` is the file's content or its path (a large file is then hashed and stored without
    being held in memory twice). Sending an identical file again (same organisation, kind and
    content) changes nothing and says so. The raw bytes are kept under
    ``DATA_DIR/submissions/<sha256>`` whatever the outcome, so nothing a company sent is ever lost.
    """
    digest = sha256_of(data)
    existing = Submission.objects.filter(organisation=organisation, kind=kind, sha256=digest).first()
    if existing is not None:
        return Received(existing, True)
    # The record names what was kept (and is validated). An upload stored as it arrived
    # (:func:`store_upload`) is already kept under its hash and is not copied again.
    digest, stored = keep_file(SUBMISSIONS_FOLDER, data, digest=digest)
    size = stored.stat().st_size
    result = validate_file(stored if isinstance(data, Path) else data, kind=kind, organisation=organisation, period_year=period_year, period_quarter=period_quarter, filename=filename, progress=progress, viewer=actor)
    with transaction.atomic():
        submission = Submission.objects.create(
            organisation=organisation,
            kind=kind,
            period_year=period_year,
            period_quarter=period_quarter,
            filename=visible(filename)[:255],
            sha256=digest,
            size=size,
            status=SubmissionStatus.INVALID if result.errors else SubmissionStatus.VALID,
            rows=result.rows,
            errors=result.errors,
            warnings=result.warnings,
            problems=[problem_dict(p) for p in result.problems[:PROBLEMS_KEPT]],
            created_by=actor.get_username() if actor is not None else "system",
        )
        record_event(
            action="receive_submission",
            object_type="intake.Submission",
            object_id=submission.pk,
            after={"organisation": organisation.bin, "kind": kind, "period": [period_year, period_quarter], "sha256": digest, "status": submission.status, "rows": result.rows, "errors": result.errors},
            actor=actor,
        )
    return Received(submission, False, result)


def problem_dict(p) -> dict:
    """A problem as stored and exported: where, what, and the code's parameters."""
    return {"severity": p.severity, "code": p.code, "sheet": visible(p.sheet or ""), "row": p.row, "column": p.column, "value": None if p.value is None else visible(p.value),
            "params": {k: visible(v if isinstance(v, str) else ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)) for k, v in p.params.items()}}


def submission_error_report(*, submission: Submission, language: str = "ru") -> bytes:
    """The downloadable XLSX error report of a received submission, offending cells marked."""
    from niokr.intake.reports import error_report_xlsx

    data = kept_path(SUBMISSIONS_FOLDER, submission.sha256).read_bytes()
    return error_report_xlsx(data=data, kind=submission.kind, problems=submission.problems, language=language)


# --- who may write ------------------------------------------------------------------------------

COMPANY_KINDS = frozenset({Kind.BASE_FIGURES.value, Kind.SPENDING.value, Kind.RD_ACTS.value})
REGULATOR_KINDS = frozenset({Kind.TREASURY.value})
#: The sections of the R&D projects report a performer sends about its own work: its projects, the
#: stages of the agreements it carries out, its results (docs/formats/projects.md). The acts are the
#: payer's (a company's, :data:`COMPANY_KINDS`).
PERFORMER_KINDS = frozenset({Kind.RD_PROJECTS.value, Kind.RD_STAGES.value, Kind.RD_RESULTS.value})


def _active_roles(user) -> set[tuple[str, int]]:
    """``(role, organisation id)`` of the user's memberships valid today (read once per request)."""
    return {(m.role, m.organisation_id) for m in active_memberships(user)}


def _aggregators_of(user):
    """The aggregators ``user`` works for (performer staff): they report onward agreements."""
    return Organisation.objects.filter(pk__in=[org for role, org in _active_roles(user) if role == Role.PERFORMER], kind=OrganisationKind.AGGREGATOR)


def _is_administrator(user) -> bool:
    return user.is_superuser or any(role == Role.ADMINISTRATOR for role, _org in _active_roles(user))


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def may_submit(user, organisation: Organisation, kind: str) -> bool:
    """Whether ``user`` may send (and commit) a file of ``kind`` for ``organisation``.

    * Company staff: base figures and spending reports of their own organisation. A treasury file
      credits the payers it names, whoever they are, so a company never sends one.
    * Staff of an aggregator (a performer passing money on): its spending report, whose rows
      without a payment part are its onward agreements (it holds no right, so it posts nothing).
    * Regulators: treasury files (KBK 401103 confirmations from the Treasury), for an organisation
      they see; committing one is further limited to rights in their competence
      (:func:`check_may_credit`). Everything else they only read.
    * Performer staff: the R&D projects report's sections about their own work — projects, the
      stages of the agreements their organisation carries out, results (:data:`PERFORMER_KINDS`).
      The acceptance acts are sent by the payer's (company) staff.
    * Administrators: everything. Auditors: nothing (they read).
    """
    if not _signed_in(user) or organisation is None:
        return False
    if _is_administrator(user):
        return True
    roles = _active_roles(user)
    if kind in COMPANY_KINDS and (Role.COMPANY, organisation.pk) in roles:
        return True
    if kind == Kind.SPENDING and (Role.PERFORMER, organisation.pk) in roles and organisation.kind == OrganisationKind.AGGREGATOR:
        return True  # an aggregator reports its onward agreements (rows without a payment part)
    if kind in PERFORMER_KINDS and (Role.PERFORMER, organisation.pk) in roles:
        return True  # a performer reports its own projects, stages and results
    if kind in REGULATOR_KINDS and any(role == Role.REGULATOR for role, _org in roles):
        return Organisation.objects.visible_to(user).filter(pk=organisation.pk).exists()
    return False


def may_recompute(user) -> bool:
    """Whether ``user`` may start a national recompute of obligations and balances (administrators)."""
    return _signed_in(user) and _is_administrator(user)


def check_may_submit(*, actor, organisation: Organisation, kind: str) -> None:
    """Raise ``PermissionDenied`` unless :func:`may_submit`, from the memberships as they are now."""
    forget_memberships(actor)
    if not may_submit(actor, organisation, kind):
        raise PermissionDenied(_("You may not submit or commit this kind of file for this organisation."))


def submittable_kinds(user) -> list[str]:
    """The kinds of file ``user`` may send for some organisation (the upload form's choices)."""
    if not _signed_in(user):
        return []
    if _is_administrator(user):
        return [k.value for k in Kind]
    roles = {role for role, _org in _active_roles(user)}
    kinds = set()
    if Role.COMPANY in roles:
        kinds |= COMPANY_KINDS
    if _aggregators_of(user).exists():
        kinds.add(Kind.SPENDING.value)
    if Role.PERFORMER in roles:
        kinds |= PERFORMER_KINDS
    if Role.REGULATOR in roles:
        kinds |= REGULATOR_KINDS
    return [k.value for k in Kind if k.value in kinds]


def submitting_organisations(user):
    """The organisations ``user`` may send some kind of file for (the upload form's choices)."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if _is_administrator(user):
        return Organisation.objects.all()
    roles = _active_roles(user)
    own = Organisation.objects.filter(Q(pk__in=[org for role, org in roles if role in (Role.COMPANY, Role.PERFORMER)]))
    if any(role == Role.REGULATOR for role, _org in roles):
        return Organisation.objects.filter(Q(pk__in=Organisation.objects.visible_to(user).values("pk")) | Q(pk__in=own.values("pk")))
    return own


# --- receiving an upload ------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredUpload:
    """An uploaded file kept under ``DATA_DIR/submissions/<sha256>``.

    Attributes:
        path: where it is kept (the name :func:`receive_submission` looks for).
        sha256: its content hash.
        size: bytes.
        rows_estimate: for a CSV file, its line breaks (at least its data rows); ``None`` for an
            XLSX workbook or a JSON document, whose rows are not known without reading them.
    """

    path: Path
    sha256: str
    size: int
    rows_estimate: int | None


def store_upload(chunks: Iterable[bytes]) -> StoredUpload:
    """Write an upload to the submission store while hashing it, without holding it in memory.

    The bytes land under their SHA-256, the name :func:`receive_submission` stores them under, so
    a job later validates the file where it is. The write is atomic (a temporary name, then a
    rename).
    """
    seen = {"size": 0, "lines": 0, "head": b""}
    head_size = 64

    def counted() -> Iterable[bytes]:
        for chunk in chunks:
            seen["size"] += len(chunk)
            seen["lines"] += chunk.count(b"\n")
            if len(seen["head"]) < head_size:
                seen["head"] += chunk[: head_size - len(seen["head"])]
            yield chunk

    digest, target = keep_file(SUBMISSIONS_FOLDER, counted())
    head, size, lines = seen["head"], seen["size"], seen["lines"]
    is_zip = head.startswith(b"PK\x03\x04")
    is_json = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))
    return StoredUpload(target, digest, size, None if is_zip or is_json else lines + 1)


def submit_file(*, actor, organisation: Organisation, kind: str, data: bytes | Path, filename: str, period_year: int, period_quarter: int | None = None) -> Received:
    """:func:`receive_submission` on behalf of ``actor``, who must be allowed to (:func:`may_submit`).

    The permission is checked inside the transaction that records the submission; a refusal
    raises ``PermissionDenied`` and writes nothing. Two identical files arriving at once give one
    submission: the second finds the first.
    """
    with transaction.atomic():
        check_may_submit(actor=actor, organisation=organisation, kind=kind)
        try:
            with transaction.atomic():
                return receive_submission(organisation=organisation, kind=kind, data=data, filename=filename, period_year=period_year, period_quarter=period_quarter, actor=actor)
        except IntegrityError:
            existing = Submission.objects.filter(organisation=organisation, kind=kind, sha256=sha256_of(data)).first()
            if existing is None:
                raise
            return Received(existing, True)


def check_may_credit(*, actor, kind: str, right_ids: set[int]) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may credit every right of ``right_ids``.

    A regulator's treasury file may only credit rights in the regulator's competence (an
    administrator commits one beyond it); other kinds are limited by :func:`may_submit`.
    """
    if kind != Kind.TREASURY or not right_ids or _is_administrator(actor):
        return
    if SubsoilRight.objects.visible_to(actor).filter(pk__in=right_ids).count() != len(right_ids):
        raise PermissionDenied(_("The file credits rights outside your competence; an administrator commits it."))


# --- showing problems ---------------------------------------------------------------------------


# The column each row rule of the validator points at (``validation.py``), by the first code of
# the list that the kind's form has.
ROW_RULE_COLUMNS = {
    "right_not_yours": ("right_number",),
    "right_not_payers": ("right_number",),
    "duplicate_row": ("right_number",),
    "year_outside_period": ("year",),
    "performer_unknown": ("performer_bin",),
    "performer_is_payer": ("performer_bin",),
    "project_other_performer": ("project_code",),
    "payer_unknown": ("payer_bin",),
    "period_reversed": ("period_end",),
    "rate_missing": ("currency",),
    "date_outside_period": ("payment_date", "paid_on"),
    "duplicate_document_number": ("document_number", "order_number"),
    "duplicate_document_number_variant": ("document_number", "order_number"),
    "for_year_differs": ("for_year",),
    "agreement_number_variant": ("agreement_number",),
}


def describe_problems(problems: list[dict], *, kind: str, language: str) -> list[dict]:
    """Stored problems (:func:`problem_dict`) as a reader sees them.

    Each gets ``cell`` (``C7``; the row alone where there is no column), ``field`` (the form
    column's code where known) with its ``header`` as the file writes it (else the form's header
    in ``language``), ``value`` as the user typed it, and ``message`` rendered in ``language``. A stored problem names its column by letter; the form column is its ``column``
    parameter, else the column the rule checks, else the column other problems of the same
    letter name.
    """
    form = form_for(kind)
    codes = {column.code for column in form.columns}
    letters: dict[tuple[str, str], str] = {}
    for p in problems:
        params = p.get("params") or {}
        column = p.get("column")
        if isinstance(column, str) and column.isalpha() and column.isupper() and params.get("column") in codes:
            letters[(p.get("sheet") or "", column)] = params["column"]
    rows = []
    for p in problems:
        params = p.get("params") or {}
        code = p.get("code") or ""
        column, row = p.get("column"), p.get("row")
        is_letter = isinstance(column, str) and column.isalpha() and column.isupper()
        ruled = next((c for c in ROW_RULE_COLUMNS.get(code, ()) if c in codes), None)
        if params.get("column") in codes:
            field = params["column"]
        elif column in codes:
            field = column
        elif ruled:
            field = ruled
        elif params.get("field") in codes:
            field = params["field"]
        elif is_letter:
            field = letters.get((p.get("sheet") or "", column), "")
        else:
            field = ""
        header = params.get("header") or ""
        if field and not header:
            header = getattr(form.column(field), language, "") or form.column(field).en
        if is_letter and row:
            cell = f"{column}{row}"
        elif row:
            cell = str(row)
        else:
            cell = ""
        rows.append({
            "severity": p.get("severity") or "",
            "sheet": p.get("sheet") or "",
            "row": row,
            "column": column if is_letter else None,
            "cell": cell,
            "field": field,
            "header": header,
            "value": typed_value(p.get("value"), params, language),
            "code": code,
            "message": render(code, params, language, kind=kind, value=p.get("value")),
        })
    return rows
