"""``niokr simulate FILE``: compute a JSON scenario with the engine; no database is touched."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from niokr.obligations.engine import EngineError
from niokr.obligations.simulate import load_scenario_text, run_scenario


class Command(BaseCommand):
    help = "Compute a what-if scenario (JSON in, JSON out). See docs/formats/simulate.md."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="Scenario JSON file, or - for standard input")
        parser.add_argument("--language", choices=["kk", "ru", "en"], default="en", help="Language of the reason messages")

    def handle(self, *args, file, language="en", **options):
        try:
            text = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except OSError as exc:
            raise CommandError(f"file: cannot read {file!r}: {exc.strerror}") from None
        try:
            output = run_scenario(load_scenario_text(text), language)
        except EngineError as exc:
            self.stderr.write(json.dumps({"error": {"field": exc.field, "value": _jsonable(exc.value), "message": exc.message}}, ensure_ascii=False))
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))


def _jsonable(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)
