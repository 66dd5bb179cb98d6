"""Operations of the intake app: loading the registry context and validating a file."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from niokr.core.audit import record_event
from niokr.core.models import CurrencyRate
from niokr.core.progress import Progress
from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import Submission
from niokr.intake.formats import Kind, form_for
from niokr.intake.parsing import read_table
from niokr.intake.validation import Context, ValidationResult, period_bounds, validate_table
from niokr.projects.models import Agreement
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["load_context", "validate_file", "receive_submission", "Received", "problem_dict"]


def load_context(*, kind: str, organisation: Organisation | None, period_year: int, period_quarter: int | None = None) -> Context:
    """Everything the validator checks against, in a few set-wise queries."""
    form = form_for(kind)
    context = Context(organisation_id=organisation.pk if organisation else 0, period_year=period_year, period_quarter=period_quarter)
    rights = SubsoilRight.objects.all()
    if form.kind is not Kind.TREASURY and organisation is not None:
        rights = rights.filter(holder=organisation)
    context.rights = {number: (pk, holder) for number, pk, holder in rights.values_list("number", "id", "holder_id")}
    if form.kind is not Kind.BASE_FIGURES:
        context.orgs_by_bin = dict(Organisation.objects.values_list("bin", "id"))
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
        start, end = period_bounds(period_year, period_quarter)
        context.rates = set(CurrencyRate.objects.filter(on_date__range=(start, end)).values_list("currency", "on_date"))
    return context


def validate_file(source: bytes | Path, *, kind: str, organisation: Organisation | None, period_year: int, period_quarter: int | None = None, filename: str = "", progress: bool = False) -> ValidationResult:
    """Parse and validate a file without writing anything (the company's pre-check).

    With ``progress`` a bar on standard error shows the stages (reading, the registry, the checks).
    """
    with Progress("validating", total=3, enabled=progress) as bar:
        table = read_table(source, kind=kind, filename=filename, max_bytes=settings.NIOKR_INTAKE_MAX_BYTES, max_rows=settings.NIOKR_INTAKE_MAX_ROWS)
        bar.advance(1)
        context = load_context(kind=kind, organisation=organisation, period_year=period_year, period_quarter=period_quarter)
        bar.advance(1)
        result = validate_table(table, kind=kind, context=context)
        bar.advance(1)
    return result


PROBLEMS_KEPT = 1000


@dataclass(frozen=True)
class Received:
    """The outcome of receiving a file: the submission, whether it had been received before, and
    (for a new one) its validation, which a commit in the same call reuses."""

    submission: Submission
    duplicate: bool
    result: ValidationResult | None = None


def _sha256(source: bytes | Path) -> str:
    if isinstance(source, Path):
        digest = hashlib.sha256()
        with source.open("rb") as stream:
            while chunk := stream.read(1 << 22):
                digest.update(chunk)
        return digest.hexdigest()
    return hashlib.sha256(source).hexdigest()


def _store(source: bytes | Path, digest: str) -> Path:
    """Keep the raw bytes under ``DATA_DIR/submissions/<sha256>``; atomic (a crash leaves no
    half-written file under the final name)."""
    store = Path(settings.DATA_DIR) / "submissions"
    store.mkdir(parents=True, exist_ok=True)
    target = store / digest
    if not target.exists():
        tmp = target.with_suffix(f".part{os.getpid()}")
        if isinstance(source, Path):
            shutil.copyfile(source, tmp)
        else:
            tmp.write_bytes(source)
        os.replace(tmp, target)
    return target


def receive_submission(*, organisation: Organisation, kind: str, data: bytes | Path, filename: str, period_year: int, period_quarter: int | None = None, actor=None, progress: bool = False) -> Received:
    """Store a file with its SHA-256, validate it and record the outcome.

    ``data`` is the file's content or its path (a large file is then hashed and stored without
    being held in memory twice). Sending an identical file again (same organisation, kind and
    content) changes nothing and says so. The raw bytes are kept under
    ``DATA_DIR/submissions/<sha256>`` whatever the outcome, so nothing a company sent is ever lost.
    """
    digest = _sha256(data)
    existing = Submission.objects.filter(organisation=organisation, kind=kind, sha256=digest).first()
    if existing is not None:
        return Received(existing, True)
    stored = _store(data, digest)
    size = stored.stat().st_size
    result = validate_file(stored if isinstance(data, Path) else data, kind=kind, organisation=organisation, period_year=period_year, period_quarter=period_quarter, filename=filename, progress=progress)
    with transaction.atomic():
        submission = Submission.objects.create(
            organisation=organisation,
            kind=kind,
            period_year=period_year,
            period_quarter=period_quarter,
            filename=filename[:255],
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
    return {"severity": p.severity, "code": p.code, "sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value, "params": {k: str(v) for k, v in p.params.items()}}


def submission_error_report(*, submission: Submission, language: str = "ru") -> bytes:
    """The downloadable XLSX error report of a received submission, offending cells marked."""
    from niokr.intake.reports import error_report_xlsx

    data = (Path(settings.DATA_DIR) / "submissions" / submission.sha256).read_bytes()
    return error_report_xlsx(data=data, kind=submission.kind, problems=submission.problems, language=language)
