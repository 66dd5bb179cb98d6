"""``niokr simulate FILE``: compute a JSON scenario with the engine.

The regimes come from the built-in catalogue (no database is touched) or, with ``--regimes db``,
from the database's ``RuleRegime`` versions — the rules the recompute applies.
"""

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
        parser.add_argument(
            "--regimes", choices=["builtin", "db"], default="builtin",
            help="Regimes to start from: the built-in catalogue (default, no database) or every version stored in the database",
        )

    def handle(self, *args, file, language="en", regimes="builtin", **options):
        try:
            text = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except OSError as exc:
            raise CommandError(f"file: cannot read {file!r}: {exc.strerror}") from None
        base = _database_regimes() if regimes == "db" else None
        try:
            output = run_scenario(load_scenario_text(text), language, base)
        except EngineError as exc:
            self.stderr.write(json.dumps({"error": {"field": exc.field, "value": _jsonable(exc.value), "message": exc.message}}, ensure_ascii=False))
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))


def _database_regimes() -> list[dict]:
    """Every stored regime version in the catalogue's parameter form."""
    from django.db import DatabaseError

    from niokr.obligations.extract import regime_params
    from niokr.obligations.models import RuleRegime

    try:
        stored = [regime_params(r) for r in RuleRegime.objects.order_by("code", "version")]
    except DatabaseError as exc:
        raise CommandError(f"--regimes db: the database cannot be read ({exc.__class__.__name__}); run `niokr migrate` or use the built-in catalogue", returncode=2) from None
    if not stored:
        raise CommandError("--regimes db: the database holds no rule regimes", returncode=2)
    return stored


def _jsonable(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)
