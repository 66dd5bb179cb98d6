"""``niokr control run [--payer BIN] [--as-of DATE] [--json]``, ``niokr control evaluate --truth FILE | --holdout [DIR]``,
``niokr control frames --out DIR [--payer BIN]``.

``run`` evaluates the indicator catalogue — nationally, or for one subsoil user — and writes the
flags, coverage and risk scores. ``evaluate`` scores the engine against a truth file of labelled
problems (``niokr generate`` writes one): it evaluates in memory as of the truth file's date (or
``--stored``: the flags of the current stored runs) and prints precision, recall and F1 per
indicator and per problem code, overall, and the false-positive rate on clean subjects; with ``--holdout``
it scores the hand-labelled evaluation set instead (``niokr.control.holdout``). ``frames``
writes the engine's input frames as Parquet files, for analysts and for the benchmark's floor.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models.functions import Coalesce, ExtractYear

from niokr.control.evaluation import load_truth, score_flags
from niokr.control.extract import extract_frames
from niokr.control.indicators import catalogue
from niokr.control.models import CaseItem, Flag
from niokr.control.runner import evaluate_frames, run_control
from niokr.core.bin import BinError, validate_bin
from niokr.obligations.models import RightYearBalance
from niokr.projects.models import AgendaItem, Agreement, Payment, Project
from niokr.registry.models import Organisation


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}", returncode=2) from None


class Command(BaseCommand):
    help = "Run the control indicators, or score them against labelled problems."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["run", "evaluate", "frames"])
        parser.add_argument("--payer", help="run: BIN of one subsoil user (default: the whole country)")
        parser.add_argument("--as-of", help="run: the evaluation date (default: today)")
        parser.add_argument("--truth", type=Path, help="evaluate: the truth file of labelled problems")
        parser.add_argument("--stored", action="store_true", help="evaluate: score the flags of the current stored runs")
        parser.add_argument("--holdout", nargs="?", const="", type=str, metavar="DIR", help="evaluate: score on the hand-labelled evaluation set (default: the packaged one), loaded into this database, which must be empty")
        parser.add_argument("--json", action="store_true", help="run, evaluate: print the result as JSON")
        parser.add_argument("--out", type=Path, help="frames: the directory to write <frame>.parquet into")

    def handle(self, *args, action, payer=None, as_of=None, truth=None, stored=False, json=False, out=None, holdout=None, **options):
        if action == "run":
            return self._run(payer, _date(as_of) if as_of else None, json)
        if action == "frames":
            if out is None:
                raise CommandError("frames needs --out DIR", returncode=2)
            return self._frames(out, payer, _date(as_of) if as_of else None)
        if holdout is not None:
            from niokr.control.holdout import evaluate_holdout_command

            return evaluate_holdout_command(self, holdout or None, _date(as_of) if as_of else None, stored, json)
        if truth is None:
            raise CommandError("evaluate needs --truth FILE or --holdout [DIR]", returncode=2)
        if not Path(truth).is_file():
            raise CommandError(f"--truth: {truth} does not exist", returncode=2)
        return self._evaluate(Path(truth), stored, json)

    def _payer(self, payer_bin: str | None):
        payer = None
        if payer_bin:
            try:
                validate_bin(payer_bin)
            except BinError as exc:
                raise CommandError(f"--payer: {exc}", returncode=2) from None
            payer = Organisation.objects.filter(bin=payer_bin).first()
            if payer is None:
                raise CommandError(f"--payer: no organisation with BIN {payer_bin} is registered", returncode=2)
        return payer

    def _frames(self, out: Path, payer_bin: str | None, as_of: date | None) -> None:
        from django.utils import timezone

        payer = self._payer(payer_bin)
        frames = extract_frames(as_of=as_of or timezone.localdate(), payer_id=payer.pk if payer else None)
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.frames.items():
            frame.write_parquet(out / f"{name}.parquet")
            self.stdout.write(f"{name:<14}{frame.height:>12,} rows  {out / (name + '.parquet')}")

    def _run(self, payer_bin: str | None, as_of: date | None, as_json: bool = False) -> None:
        payer = self._payer(payer_bin)
        started = time.perf_counter()
        run = run_control(payer=payer, as_of=as_of)
        took = time.perf_counter() - started
        if as_json:
            flagged = sum(c["flagged"] for c in run.counts.values())
            self.stdout.write(json.dumps({"run": run.pk, "seconds": round(took, 3), "phases": run.phases, "flags": flagged, "warnings": run.warnings}))
            return
        self.stdout.write(f"control run #{run.pk} as of {run.as_of}" + (f" for {payer.bin}" if payer else " (national)") + f": {took:.2f} s ({', '.join(f'{k} {v:.2f} s' for k, v in run.phases.items())})")
        self.stdout.write(f"{'indicator':<10}{'subjects':>10}{'flagged':>10}{'clear':>10}{'n/c':>10}")
        for code, c in sorted(run.counts.items()):
            self.stdout.write(f"{code:<10}{c.get('subjects', 0):>10,}{c['flagged']:>10,}{c['clear']:>10,}{c['not_computable']:>10,}")
        for w in run.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {w['indicator']} flags {w['share']:.1%} of its subjects (above {w['limit']:.0%}): its thresholds may be too loose"))

    def _evaluate(self, truth: Path, stored: bool, as_json: bool) -> None:
        try:
            problems = load_truth(truth)
            head = json_head(truth)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"--truth: not a truth file: {exc}", returncode=2) from None
        if stored:
            flags = list(Flag.objects.current().values_list("indicator", "subject_type", "subject_id", "year"))
        else:
            as_of = _date(head["as_of"]) if head.get("as_of") else None
            if as_of is None:
                raise CommandError("--truth: the file does not say its date (as_of)", returncode=2)
            ev = evaluate_frames(extract_frames(as_of=as_of))
            flags = ev.flags.select("indicator", "subject_type", "subject_id", "year").rows()
        counts = {
            "payment": Payment.objects.count(),
            "agreement": Agreement.objects.count(),
            "right_year": RightYearBalance.objects.count(),
            # A payer-year is the contract-year a payment is credited to, as the indicators count it.
            "payer_year": Payment.objects.annotate(credited=Coalesce("for_year", ExtractYear("paid_on"))).values("agreement__payer_id", "credited").distinct().count(),
            "project": Project.objects.count(),
            "council_decision": AgendaItem.objects.count(),
        }
        dismissed: dict[str, int] = {}
        for code in CaseItem.objects.filter(decision="dismissed").values_list("indicator", flat=True):
            dismissed[code] = dismissed.get(code, 0) + 1
        card = score_flags(flags, problems, {i.code: i.truth_codes for i in catalogue() if i.truth_codes}, counts, dismissed)
        if as_json:
            self.stdout.write(json.dumps({"indicators": card.indicators, "codes": card.codes, "overall": card.overall, "clean": card.clean, "dismissed": card.dismissed}, ensure_ascii=False, indent=1))
            return
        fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
        self.stdout.write(f"{'indicator':<10}{'flags':>9}{'true':>9}{'precision':>11}{'problems':>10}{'found':>9}{'recall':>9}{'F1':>8}{'FP clean':>10}{'FP rate':>9}  codes")
        for r in card.indicators:
            if r["truth_codes"]:
                self.stdout.write(
                    f"{r['indicator']:<10}{r['flags']:>9,}{r['tp']:>9,}{fmt(r['precision']):>11}{r['problems']:>10,}{r['found']:>9,}{fmt(r['recall']):>9}{fmt(r['f1']):>8}"
                    f"{r['fp_clean']:>10,}{fmt(r['fp_rate']):>9}  {', '.join(r['truth_codes'])}"
                )
            else:
                self.stdout.write(f"{r['indicator']:<10}{r['flags']:>9,}{'':>9}{'(unlabelled)':>11}")
        self.stdout.write("")
        self.stdout.write(f"{'problem code':<28}{'problems':>10}{'found':>9}{'recall':>9}  indicators")
        for r in card.codes:
            self.stdout.write(f"{r['code']:<28}{r['problems']:>10,}{r['found']:>9,}{fmt(r['recall']):>9}  {', '.join(r['indicators']) or '— none —'}")
        o = card.overall
        self.stdout.write(f"\noverall: precision {fmt(o['precision'])} ({o['tp']:,} of {o['flags']:,} flags), recall {fmt(o['recall'])} ({o['found']:,} of {o['problems']:,} problems), F1 {fmt(o['f1'])}")
        self.stdout.write("false positives on clean subjects (any indicator):")
        for r in card.clean:
            self.stdout.write(f"  {r['subject_type']:<12}{r['flagged']:>9,} of {r['clean']:>10,} clean  rate {fmt(r['rate'])}")
        if card.dismissed:
            self.stdout.write("dismissed by auditors: " + ", ".join(f"{k} {v}" for k, v in sorted(card.dismissed.items())))


def json_head(path: Path) -> dict:
    """The truth file's head (scale, seed, as_of)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k != "problems"} if isinstance(data, dict) else {}
