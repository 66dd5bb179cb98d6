"""``niokr intake validate|submit FILE --kind K --year N [--quarter Q] [--org BIN] [--json]``.

``validate`` is the pre-check a company runs before sending: nothing is written. ``submit`` stores
the file, validates it and, when it is valid, commits it (a correction supersedes the earlier
submission of the period). Exit 0 valid (and committed), 1 invalid, 2 misuse.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from niokr.core.bin import BinError, validate_bin
from niokr.intake.formats import Kind
from niokr.intake.messages import render, typed_value
from niokr.intake.commit import commit_submission
from niokr.intake.models import Submission
from niokr.intake.services import receive_submission, validate_file
from niokr.registry.models import Organisation


class Command(BaseCommand):
    help = "Validate a submission file (XLSX, CSV) without writing anything."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["validate", "submit"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=[k.value for k in Kind])
        parser.add_argument("--year", type=int, required=True, help="reporting year")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="reporting quarter (empty: annual)")
        parser.add_argument("--org", help="BIN of the submitting organisation (required for base_figures and spending)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--language", choices=["kk", "ru", "en"], default="ru")
        parser.add_argument("--report", type=Path, help="validate: also write the XLSX error report (offending cells marked) here")

    def handle(self, *args, action, file, kind, year, quarter, org, json: bool, language, report=None, **options):
        organisation = None
        if org:
            try:
                validate_bin(org)
            except BinError as exc:
                raise CommandError(f"--org: {exc}", returncode=2) from None
            organisation = Organisation.objects.filter(bin=org).first()
            if organisation is None:
                raise CommandError(f"--org: no organisation with BIN {org} is registered", returncode=2)
        elif kind != Kind.TREASURY or action == "submit":
            raise CommandError(f"--org is required for {kind}" + (" submissions" if action == "submit" else ""), returncode=2)
        file = Path(file)
        if not file.is_file():
            raise CommandError(f"file: {file} does not exist", returncode=2)
        if action == "submit":
            return self._submit(file, kind, organisation, year, quarter, language)
        result = validate_file(file, kind=kind, organisation=organisation, period_year=year, period_quarter=quarter, filename=file.name, progress=True)
        problems = [
            {
                "severity": p.severity,
                "code": p.code,
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column,
                "value": typed_value(p.value, p.params, language),
                "message": render(p.code, p.params, language, kind=kind, value=p.value),
            }
            for p in result.problems
        ]
        if report is not None:
            from niokr.intake.reports import error_report_xlsx
            from niokr.intake.services import problem_dict

            Path(report).write_bytes(error_report_xlsx(data=file.read_bytes(), kind=kind, problems=[problem_dict(p) for p in result.problems], language=language))
        if json:
            self.stdout.write(_json({"valid": result.errors == 0, "rows": result.rows, "errors": result.errors, "warnings": result.warnings, "problems": problems}))
        else:
            for p in problems:
                where = f"{p['sheet'] + '!' if p['sheet'] else ''}{p['column'] or ''}{p['row'] or ''}"
                self.stdout.write(f"{p['severity'].upper():<8}{where:<12}{p['code']:<34}{p['message']}" + (f"  [{p['value']}]" if p["value"] is not None else ""))
            self.stdout.write(f"{result.rows} rows, {result.errors} errors, {result.warnings} warnings: {'VALID' if result.errors == 0 else 'INVALID'}")
        if result.errors:
            raise CommandError("the file is not valid", returncode=1)


    def _submit(self, file, kind, organisation, year, quarter, language):
        received = receive_submission(organisation=organisation, kind=kind, data=file, filename=file.name, period_year=year, period_quarter=quarter, progress=True)
        submission = received.submission
        if received.duplicate and submission.status not in ("valid", "failed"):
            self.stdout.write(f"identical file already received as submission {submission.reference} ({submission.status}): nothing changed")
            if submission.status == "invalid":
                raise CommandError("the file is not valid", returncode=1)
            return
        if received.duplicate:
            # Received and valid but never committed (e.g. the process was stopped), or its commit
            # failed (the cause may be removed since): commit it now, validated afresh.
            self.stdout.write(f"identical file already received as submission {submission.reference} ({submission.status}), not yet committed: committing")
        if submission.status not in ("valid", "failed"):
            for p in submission.problems:
                self.stdout.write(f"{p['severity'].upper():<8}{(p['column'] or '') + str(p['row'] or ''):<12}{p['code']:<34}{render(p['code'], p['params'], language, kind=kind, value=p.get('value'))}")
            self.stdout.write(f"submission {submission.reference}: {submission.errors} errors — nothing committed")
            raise CommandError("the file is not valid", returncode=1)
        try:
            summary = commit_submission(submission=submission, validated=received.result)
        except ValidationError as exc:
            submission.refresh_from_db()
            if submission.status == "failed":
                self.stdout.write(f"{'ERROR':<8}{'commit_failed':<34}{render('commit_failed', {}, language)} ({submission.failure_reason})")
            raise CommandError(f"submission {submission.reference}: {'; '.join(exc.messages)}", returncode=1) from None
        superseded = Submission.objects.filter(pk=summary.superseded).values_list("reference", flat=True).first() if summary.superseded else None
        self.stdout.write(
            f"submission {submission.reference} committed: {summary.lines} lines, {summary.entries_posted} ledger entries posted"
            + (f", submission {superseded} superseded ({summary.entries_reversed} entries reversed)" if summary.superseded else "")
        )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)
