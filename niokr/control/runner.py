"""A control run: extract the frames, evaluate every indicator, score, write flags and coverage.

The evaluation is pure (``indicators/``); this module is the database around it. The run row is
created first and committed, so a failure is recorded on it; flags, coverage gaps, coverage counts
and scores are then written in one transaction, replacing the detail of the earlier run of the
same scope (a national run replaces every earlier run's detail).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from niokr.control.choices import RunStatus
from niokr.control.extract import extract_frames
from niokr.control.indicators import catalogue, evaluate, purpose
from niokr.control.indicators.agg_obligations import DOUBT_CODES, DOUBT_FRAME, doubt_of
from niokr.control.indicators.base import Frames
from niokr.control.indicators.risk import score
from niokr.control.models import ControlRun, Coverage, CoverageGap, Flag, RiskScore
from niokr.core.audit import record_event
from niokr.core.bulk import copy_frame

__all__ = ["run_control", "evaluate_frames", "Evaluation", "LOOSE_MIN_SUBJECTS"]

#: An indicator is called too loose only when it judged at least this many subjects (a company's
#: dozen transfers with two unmatched says nothing about the threshold).
LOOSE_MIN_SUBJECTS = 100


@dataclass
class Evaluation:
    """Everything a run computes, before it is written."""

    outcomes: pl.DataFrame  # indicator, version + the outcome schema
    flags: pl.DataFrame
    scores: pl.DataFrame
    counts: dict[str, dict[str, int]]
    warnings: list[dict]
    seconds: float


#: Indicators that judge each payment by itself alone: a one-company run gives them its own payments
#: only (the purpose classifier of NK-07 is the costliest reading of a payment).
OWN_PAYMENTS_ONLY = ("NK-07",)
#: Indicators that read purposes with the classifier.
PURPOSE_READERS = ("NK-07",)
#: Indicators that net the findings of NK-06 and NK-07 out of fulfilment: handed them in ``DOUBT_FRAME``.
DOUBT_USERS = ("NK-12",)

#: Indicators evaluated at once (one per core, at least two).
EVALUATE_THREADS = max(2, os.cpu_count() or 2)


def _money(col: str) -> pl.Expr:
    """Tiyn as a decimal string for COPY ("1234.56", "-0.05")."""
    t = pl.col(col)
    sign = pl.when(t < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    whole = (t.abs() // 100).cast(pl.Utf8)
    frac = (t.abs() % 100).cast(pl.Utf8).str.zfill(2)
    return pl.when(t.is_null()).then(None).otherwise(pl.concat_str([sign, whole, pl.lit("."), frac]))


def evaluate_frames(frames: Frames, *, payer_id: int | None = None, overrides: Mapping[str, Mapping] | None = None, loose_share: float | None = None, on_indicator: Callable[[str], None] | None = None) -> Evaluation:
    """Evaluate the catalogue over ``frames``; with ``payer_id`` keep that subsoil user's subjects only."""
    started = time.perf_counter()
    overrides = overrides if overrides is not None else settings.NIOKR_CONTROL_THRESHOLDS
    loose = settings.NIOKR_CONTROL_LOOSE_SHARE if loose_share is None else loose_share

    by_code = {indicator.code: indicator for indicator in catalogue()}
    own = frames
    if payer_id is not None and frames.has("payments"):
        # The other payers' payments read with this one's (the copies NK-06 compares) are no subject of this run.
        own = Frames({**frames.frames, "payments": frames["payments"].filter(pl.col("payer_id") == payer_id)}, frames.as_of)

    def outcome_of(indicator) -> pl.DataFrame:
        return evaluate(indicator, own if indicator.code in OWN_PAYMENTS_ONLY else frames, overrides.get(indicator.code))

    # Indicators are pure functions of the frames; polars releases the GIL while it computes, so
    # they are evaluated side by side (results kept in catalogue order). NK-06 and NK-07 are started
    # first: NK-12 nets their findings out of fulfilment (DOUBT_FRAME) and waits for them instead of
    # evaluating them again.
    with ThreadPoolExecutor(max_workers=EVALUATE_THREADS) as pool:
        doubt = {code: pool.submit(outcome_of, by_code[code]) for code in DOUBT_CODES if code in by_code}

        def judged(indicator) -> pl.DataFrame:
            if indicator.code in doubt:
                result = doubt[indicator.code].result()
            elif indicator.code in DOUBT_USERS and len(doubt) == len(DOUBT_CODES) and frames.has("payments"):
                in_doubt = doubt_of({code: future.result() for code, future in doubt.items()}, frames["payments"])
                result = evaluate(indicator, Frames({**frames.frames, DOUBT_FRAME: in_doubt}, frames.as_of), overrides.get(indicator.code))
            else:
                result = outcome_of(indicator)
            if payer_id is not None:
                result = result.filter(pl.col("payer_id") == payer_id)
            return result.with_columns(pl.lit(indicator.code).alias("indicator"), pl.lit(indicator.version).alias("version"), pl.lit(indicator.subject_type).alias("subject_type"))

        parts = []
        for indicator, result in zip(catalogue(), pool.map(judged, catalogue()), strict=True):
            parts.append(result)
            if on_indicator:
                on_indicator(indicator.code)
    outcomes = pl.concat(parts, how="vertical_relaxed")

    counts: dict[str, dict[str, int]] = {}
    warnings: list[dict] = []
    tallies = outcomes.group_by("indicator", "status").agg(pl.len().alias("n"))
    for code, status, n in tallies.iter_rows():
        counts.setdefault(code, {"flagged": 0, "clear": 0, "not_computable": 0})[status] = n
    for indicator in catalogue():
        c = counts.setdefault(indicator.code, {"flagged": 0, "clear": 0, "not_computable": 0})
        judged = c["flagged"] + c["clear"]
        c["subjects"] = judged + c["not_computable"]
        if judged >= LOOSE_MIN_SUBJECTS and c["flagged"] / judged > loose:
            warnings.append({"indicator": indicator.code, "share": round(c["flagged"] / judged, 4), "limit": loose})

    flags = outcomes.filter(pl.col("status") == "flagged")
    year_of = pl.concat([
        frames["payments"].select(pl.lit("payment").alias("subject_type"), pl.col("payment_id").alias("subject_id"), pl.col("year").alias("_y")),
        frames["agreements"].select(pl.lit("agreement").alias("subject_type"), pl.col("agreement_id").alias("subject_id"), pl.col("signed_on").dt.year().cast(pl.Int32).alias("_y")),
    ]).unique(["subject_type", "subject_id"])
    flags = flags.join(year_of, on=["subject_type", "subject_id"], how="left").with_columns(pl.coalesce("year", "_y").alias("year")).drop("_y")
    weights = {i.code: i.weight for i in catalogue()}
    scores = score(flags.select("indicator", "subject_type", "subject_id", "year", "payer_id", "amount"), weights, frames["payments"], frames["agreements"])
    if payer_id is not None:
        scores = scores.filter(pl.col("payer_id") == payer_id)
    return Evaluation(outcomes, flags, scores, counts, warnings, time.perf_counter() - started)


def _write(run: ControlRun, ev: Evaluation) -> dict[str, int]:
    flags = ev.flags.select(
        pl.lit(run.pk).alias("run_id"), "indicator", "version", "subject_type", "subject_id", "year", "payer_id",
        _money("amount").alias("amount"), pl.col("evidence").fill_null("{}").alias("evidence"),
    )
    gaps = ev.outcomes.filter(pl.col("status") == "not_computable").select(
        pl.lit(run.pk).alias("run_id"), "indicator", "subject_type", "subject_id", "year", "payer_id", pl.col("reason").fill_null("unknown").str.slice(0, 64).alias("reason"),
    )
    coverage = (
        ev.outcomes.group_by("indicator", "payer_id")
        .agg(
            (pl.col("status") == "flagged").sum().alias("flagged"),
            (pl.col("status") == "clear").sum().alias("clear"),
            (pl.col("status") == "not_computable").sum().alias("not_computable"),
        )
        .select(pl.lit(run.pk).alias("run_id"), "indicator", "payer_id", "flagged", "clear", "not_computable")
    )
    scores = ev.scores.select(
        pl.lit(run.pk).alias("run_id"), "subject_type", "subject_id", "year", "payer_id", "score", "flags", _money("amount").alias("amount"), "contributions",
    )
    return {
        "flags": copy_frame(Flag, flags),
        "gaps": copy_frame(CoverageGap, gaps),
        "coverage": copy_frame(Coverage, coverage),
        "scores": copy_frame(RiskScore, scores),
    }


def _superseded(run: ControlRun):
    earlier = ControlRun.objects.filter(id__lt=run.pk)
    return earlier if run.payer_id is None else earlier.filter(payer_id=run.payer_id)


def run_control(*, payer=None, as_of: date | None = None, actor=None, overrides: Mapping[str, Mapping] | None = None, on_phase: Callable[[str], None] | None = None) -> ControlRun:
    """Evaluate the catalogue (nationally, or for ``payer`` alone) and write the results."""
    as_of = as_of or timezone.localdate()
    overrides = overrides if overrides is not None else settings.NIOKR_CONTROL_THRESHOLDS
    run = ControlRun.objects.create(
        payer=payer, as_of=as_of, started_by=actor.get_username() if actor is not None else "system",
        catalogue={i.code: i.version for i in catalogue()},
        parameters={i.code: i.params(overrides.get(i.code)) for i in catalogue()},
    )
    phases: dict[str, float] = {}
    try:
        t = time.perf_counter()
        if any(indicator.code in PURPOSE_READERS for indicator in catalogue()):
            # The purpose classifier is fitted once per process (seconds): while the database reads.
            threading.Thread(target=purpose.model, daemon=True).start()
        frames = extract_frames(as_of=as_of, payer_id=payer.pk if payer is not None else None)
        phases["extract"] = round(time.perf_counter() - t, 3)
        if on_phase:
            on_phase("extract")
        ev = evaluate_frames(frames, payer_id=payer.pk if payer is not None else None, overrides=overrides)
        phases["evaluate"] = round(ev.seconds, 3)
        if on_phase:
            on_phase("evaluate")
        t = time.perf_counter()
        with transaction.atomic():
            # The superseded runs' ids, listed: the planner then probes the run index for each
            # instead of scanning the results of every run to join them with a subquery.
            old = list(_superseded(run).values_list("id", flat=True))
            for model in (Flag, CoverageGap, Coverage, RiskScore):
                if old:
                    model.objects.filter(run_id__in=old).delete()
            written = _write(run, ev)
            phases["write"] = round(time.perf_counter() - t, 3)
            run.status = RunStatus.COMPLETED
            run.finished_at = timezone.now()
            run.counts = ev.counts
            run.warnings = ev.warnings
            run.phases = phases
            run.save(update_fields=["status", "finished_at", "counts", "warnings", "phases"])
            record_event(
                action="control_run", object_type="control.ControlRun", object_id=run.pk, actor=actor,
                after={"payer": payer.pk if payer is not None else None, "as_of": as_of, "written": written, "warnings": [w["indicator"] for w in ev.warnings]},
            )
        if on_phase:
            on_phase("write")
    except Exception as exc:
        ControlRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, finished_at=timezone.now(), phases=phases, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return run


def evidence_of(flag_evidence) -> dict:
    """A flag's evidence as a dict (JSON text on some paths)."""
    return json.loads(flag_evidence) if isinstance(flag_evidence, str) else dict(flag_evidence or {})
