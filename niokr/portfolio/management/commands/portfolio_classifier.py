"""``niokr portfolio_classifier evaluate [--errors] [--json]`` and ``niokr portfolio_classifier suggest [--kind K] [--dry-run]``.

``evaluate`` fits the priority classifier on the ``train`` lines of its labelled corpus and prints
its accuracy, per-direction precision and recall and the confusion matrix on the held-out ``test``
lines (never used to fit or choose anything). ``suggest`` stores a suggestion for every untagged
project, agreement, payment and result, in chunks (bounded memory); a second run writes nothing.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from niokr.portfolio import classifier
from niokr.portfolio.choices import SubjectKind


class Command(BaseCommand):
    help = "The priority classifier: evaluate it on its held-out labelled subjects, or suggest tags for untagged records."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="accuracy, precision, recall and the confusion matrix on the held-out lines")
        evaluate.add_argument("--errors", action="store_true", help="list the held-out lines it got wrong")
        evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
        evaluate.add_argument("--write", action="store_true", help="store the figures for the pages (data/evaluation.json)")
        suggest = sub.add_parser("suggest", help="store suggestions for untagged records")
        suggest.add_argument("--kind", action="append", choices=SubjectKind.values, help="only this kind of record (repeatable; default all)")
        suggest.add_argument("--chunk", type=int, default=2000, help="records per transaction (100–20000)")
        suggest.add_argument("--dry-run", action="store_true", help="count what would be suggested, write nothing")

    def handle(self, *args, action, **options):
        if action == "evaluate":
            if options.get("write"):
                from niokr.portfolio import classifier

                figures = classifier.stored_figures(classifier.evaluate())
                classifier.MEASURED.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            return self._evaluate(errors=options["errors"], as_json=options["json"])
        return self._suggest(kinds=options.get("kind") or list(SubjectKind.values), chunk=options["chunk"], dry_run=options["dry_run"])

    def _evaluate(self, *, errors: bool, as_json: bool):
        e = classifier.evaluate()
        if as_json:
            self.stdout.write(json.dumps({
                "version": e.version, "held_out": e.lines, "train": e.train_lines, "accuracy": round(e.accuracy, 4),
                "sector_accuracy": round(e.sector_accuracy, 4), "by_language": {k: round(v, 4) for k, v in e.by_language.items()},
                "classes": [{"direction": c.direction, "support": c.support, "precision": round(c.precision, 4), "recall": round(c.recall, 4)} for c in e.classes],
                "confusion": {"rows_truth_columns_suggested": list(classifier.DIRECTIONS), "matrix": e.confusion},
                "errors": [{"text": t, "truth": a, "suggested": b} for t, a, b in e.errors] if errors else None,
            }, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Priority classifier {e.version}: fitted on {e.train_lines} lines, scored on {e.lines} held-out lines")
        self.stdout.write(f"accuracy (direction): {e.accuracy:.3f}   accuracy (TCC sector): {e.sector_accuracy:.3f}")
        self.stdout.write("by language: " + ", ".join(f"{k} {v:.3f}" for k, v in e.by_language.items()))
        self.stdout.write(f"{'direction':<10} {'n':>4} {'precision':>9} {'recall':>6}")
        for c in e.classes:
            self.stdout.write(f"{c.direction:<10} {c.support:>4} {c.precision:>9.3f} {c.recall:>6.3f}")
        self.stdout.write("confusion matrix (rows: labelled, columns: suggested)")
        self.stdout.write(" " * 10 + "".join(f"{d:>10}" for d in classifier.DIRECTIONS))
        for d, row in zip(classifier.DIRECTIONS, e.confusion, strict=True):
            self.stdout.write(f"{d:<10}" + "".join(f"{n:>10}" for n in row))
        if errors:
            self.stdout.write("")
            for text, truth, suggested in e.errors:
                self.stdout.write(f"{truth:<10} → {suggested:<10} {text}")

    def _suggest(self, *, kinds: list[str], chunk: int, dry_run: bool):
        from niokr.portfolio.services import suggest_tags

        if not 100 <= chunk <= 20000:
            raise CommandError("--chunk must be between 100 and 20000", returncode=2)
        written = suggest_tags(kinds=kinds, chunk=chunk, dry_run=dry_run)
        verb = "would suggest" if dry_run else "suggested"
        for kind, n in written.items():
            self.stdout.write(f"{kind}: {verb} {n}")
