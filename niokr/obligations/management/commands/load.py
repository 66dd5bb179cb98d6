"""``niokr load FILE``: load organisations, affiliations, rights, regime assignments and base figures (all or nothing)."""

import json

from django.core.management.base import BaseCommand, CommandError

from niokr.obligations.loader import LoadError, load_registry


class Command(BaseCommand):
    help = "Load registry data and base figures from JSON (docs/formats/registry.md). Nothing is written on any error."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate fully, then roll back")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            with open(file, encoding="utf-8") as fh:
                document = json.load(fh)
        except OSError as exc:
            raise CommandError(f"file: cannot read {file!r}: {exc.strerror}", returncode=2) from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"file: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", returncode=2) from None
        try:
            summary = load_registry(document, dry_run=dry_run)
        except LoadError as exc:
            self.stderr.write(json.dumps({"error": {"field": exc.field, "value": exc.value if isinstance(exc.value, (str, int, float, type(None))) else str(exc.value), "message": exc.message}}, ensure_ascii=False))
            raise CommandError(f"{exc} — nothing was written", returncode=2) from None
        verb = "validated (dry run, nothing written)" if dry_run else "loaded"
        self.stdout.write(
            f"{verb}: {summary.organisations} organisations, {summary.attributes} statuses, {summary.affiliations} affiliations, {summary.rights} rights, "
            f"{summary.assignments} regime assignments, {summary.bases} base figures"
        )
