"""``niokr purpose_eval [--min-score P] [--errors] [--json]``: the purpose classifier on its held-out lines.

Fits the classifier of NK-07 on the ``train`` lines of its corpus (as every process does at first
use) and prints precision, recall and F1 of ``non_rd`` on the ``test`` lines — never used to
choose the model — overall and per language; ``--errors`` lists the lines it got wrong.
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError

from niokr.control.indicators import purpose


class Command(BaseCommand):
    help = "Score the payment purpose classifier (NK-07) on the held-out part of its corpus."

    def add_arguments(self, parser):
        parser.add_argument("--min-score", type=float, default=purpose.DEFAULT_MIN_SCORE,
                            help=f"probability of non-R&D from which a purpose is flagged (default {purpose.DEFAULT_MIN_SCORE})")
        parser.add_argument("--errors", action="store_true", help="list the held-out lines the classifier got wrong")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, min_score, errors=False, json=False, **options):
        if not 0.0 <= min_score <= 1.0:
            raise CommandError(f"--min-score must be between 0 and 1, not {min_score}", returncode=2)
        started = time.perf_counter()
        purpose.model()
        fitted = time.perf_counter() - started
        figures, wrong = purpose.evaluate_held_out(min_score=min_score)
        if json:
            self.stdout.write(_json({
                "min_score": min_score, "fit_seconds": round(fitted, 3),
                "figures": [{
                    "lang": f.lang, "lines": f.lines, "non_rd": f.non_rd, "true_positives": f.true_positives,
                    "false_positives": f.false_positives, "false_negatives": f.false_negatives,
                    "precision": round(f.precision, 3), "recall": round(f.recall, 3), "f1": round(f.f1, 3),
                } for f in figures],
                "errors": wrong.to_dicts() if errors else None,
            }))
            return
        self.stdout.write(f"Purpose classifier (NK-07), held-out lines, non_rd flagged from p ≥ {min_score} (fitted in {fitted:.2f} s)")
        self.stdout.write(f"{'lang':<5} {'lines':>5} {'non_rd':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>6} {'F1':>6}")
        for f in figures:
            self.stdout.write(
                f"{f.lang:<5} {f.lines:>5} {f.non_rd:>6} {f.true_positives:>4} {f.false_positives:>4} {f.false_negatives:>4} "
                f"{f.precision:>9.3f} {f.recall:>6.3f} {f.f1:>6.3f}"
            )
        if errors:
            self.stdout.write("")
            for row in wrong.iter_rows(named=True):
                self.stdout.write(f"{row['label']:<7} {row['lang']}  p={row['non_rd_score']}  {row['text']}")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
