"""``niokr generate --scale small|national|x10 --seed N [--truth PATH] [--replace]``: a synthetic country.

Thin: parses the arguments, calls :func:`niokr.synthetic.generate_country` and prints its summary
(counts, the national 1% per year, labelled problems, the truth file, the demo logins).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from niokr.synthetic import SCALES, GenerationError, generate_country


class Command(BaseCommand):
    help = "Generate a synthetic country (organisations, rights, bases, projects, payments) with labelled injected problems."

    def add_arguments(self, parser):
        parser.add_argument("--scale", required=True, choices=sorted(SCALES), help="small (seconds), national (≈1.5 M payment lines) or x10")
        parser.add_argument("--seed", type=int, required=True, help="seed of the random stream: the same seed gives the same country")
        parser.add_argument("--truth", type=Path, help="where to write the truth file (default: DATA_DIR/truth-<scale>-<seed>.json)")
        parser.add_argument("--replace", action="store_true", help="delete the generated data (organisations and everything under them) first")

    def handle(self, *args, scale, seed, truth=None, replace=False, **options):
        truth_path = truth or Path(settings.DATA_DIR) / f"truth-{scale}-{seed}.json"
        try:
            summary = generate_country(scale=scale, seed=seed, truth_path=truth_path, progress=True, replace=replace)
        except GenerationError as exc:
            raise CommandError(str(exc)) from exc
        out = self.stdout
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in summary.timings.items())
        out.write(f"Synthetic country: scale {summary.scale}, seed {summary.seed} — {summary.seconds:.1f} s ({steps})")
        out.write("Rows:")
        for label, n in summary.counts.items():
            out.write(f"  {label:<34}{n:>12,}")
        out.write("National 1% by year (sum of due right-years' obligations, bn KZT):")
        for year, amount in summary.one_percent_by_year.items():
            out.write(f"  {year}  {amount / 1_000_000_000:>8.2f}")
        out.write("Labelled problems (truth file):")
        for code, n in summary.problems_by_code.items():
            out.write(f"  {code:<34}{n:>12,}")
        out.write(f"Truth file: {summary.truth_path} (sha256 {summary.truth_sha256})")
        out.write(f"Demo logins: {', '.join(summary.users)} (password: NIOKR_DEMO_PASSWORD, default niokr-demo-2026)")
