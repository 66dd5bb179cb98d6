"""A closed round's statistics, computed once and frozen (:class:`ItemResult`, :class:`RoundSummary`).

Called by :func:`niokr.foresight.services.close_round` inside its transaction. Only submitted
responses count (a draft is not an answer). "Don't know" is counted apart and kept out of every
statistic (:mod:`niokr.foresight.stats`). Panellists are keyed by their seat's id while computing;
nothing frozen names a panellist: the comments are stored in the order of their text (which says
nothing about who wrote them), drop-out and stability are counts and shares.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from niokr.foresight import stats
from niokr.foresight.models import LIKERT_SCALES, Answer, ItemResult, Panellist, Response, Round, RoundStatus, RoundSummary, Scale
from niokr.foresight.rules import rules_of

__all__ = ["freeze", "VERDICTS", "bins_of", "BAND_EDGES"]

#: The verdict as stored (``ItemResult.consensus``, 16 characters at most).
VERDICTS = {
    stats.VerdictStatus.REACHED: "reached",
    stats.VerdictStatus.NOT_REACHED: "not_reached",
    stats.VerdictStatus.NOT_ENOUGH_ANSWERS: "too_few",
}
#: The bands of a 1–9 scale reported with each Likert result.
LIKERT_BANDS = (("low", 1, 3), ("middle", 4, 6), ("high", 7, 9))
#: The capability scale (0–100 %) is shown in ten bins.
BAND_EDGES = tuple(range(0, 101, 10))


def bins_of(scale: str) -> list[tuple[int, int]]:
    """The distribution's bins of a scale: one per value on 1–9 and 1–5; 0–9, 10–19 … 90–100 for %."""
    if scale in LIKERT_SCALES:
        return [(v, v) for v in range(1, 10)]
    if scale == Scale.REALISATION:
        return [(v, v) for v in range(1, 6)]
    return [(low, low + 9 if low < 90 else 100) for low in BAND_EDGES[:-1]]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(round(float(value), 2)))


def _invited(round_: Round, responded: set[int]) -> set[int]:
    """The panellists asked in the round: on the panel when it opened (or who answered it)."""
    seats = Panellist.objects.filter(exercise=round_.exercise).values_list("pk", "withdrew_at", "invited_at")
    invited = set(responded)
    for pk, withdrew_at, invited_at in seats:
        if (withdrew_at is None or withdrew_at > round_.opened_at) and (round_.closed_at is None or invited_at <= round_.closed_at):
            invited.add(pk)
    return invited


def _answers_of(round_: Round) -> tuple[dict[tuple[int, str], dict[int, int | None]], dict[tuple[int, str], list[str]], set[int]]:
    """(item, scale) → {seat → value or None}, (item, scale) → comments, and who submitted."""
    submitted = set(Response.objects.filter(round=round_, submitted_at__isnull=False).values_list("panellist_id", flat=True))
    values: dict[tuple[int, str], dict[int, int | None]] = defaultdict(dict)
    comments: dict[tuple[int, str], list[str]] = defaultdict(list)
    rows = Answer.objects.filter(response__round=round_, response__submitted_at__isnull=False).values_list(
        "response__panellist_id", "item_id", "scale", "value", "dont_know", "comment")
    for seat, item_id, scale, value, dont_know, comment in rows:
        values[(item_id, scale)][seat] = None if dont_know else value
        if comment:
            comments[(item_id, scale)].append(comment)
    return values, comments, submitted


def _figures(scale: str, answers: dict[int, int | None], rules) -> tuple[dict, str]:
    vals = list(answers.values())
    summary = stats.summarise(vals)
    valid = [v for v in vals if v is not None]
    distribution = [sum(1 for v in valid if low <= v <= high) for low, high in bins_of(scale)]
    figures = {
        "summary": summary.to_dict(),
        "mean": (sum(valid) / len(valid)) if valid else None,
        "cv": stats.coefficient_of_variation(vals),
        "distribution": distribution,
        "bins": [list(b) for b in bins_of(scale)],
    }
    verdict_code = ""
    if scale in LIKERT_SCALES:
        figures["shares"] = {name: stats.percent_in(vals, low, high) for name, low, high in LIKERT_BANDS}
        verdict = stats.consensus(vals, rules)
        figures["verdict"] = verdict.to_dict()
        verdict_code = VERDICTS[verdict.status]
    elif scale == Scale.REALISATION:
        figures["shares"] = {str(v): stats.percent_in(vals, v, v) for v in range(1, 6)}
    return figures, verdict_code


def _stability(previous: Round | None, key, answers: dict[int, int | None], prev_values) -> dict | None:
    if previous is None or key not in prev_values:
        return None
    result = stats.item_stability(prev_values[key], answers)
    return {
        "cv_previous": result.cv_previous, "cv_current": result.cv_current, "cv_change": result.cv_change,
        "stability": result.stability, "one_minus_cv": result.one_minus_cv, "compared": result.compared,
        "changed": result.changed, "changed_percent": result.changed_percent, "stable": result.stable,
    }


def freeze(round_: Round) -> RoundSummary:
    """Compute and store the round's results; the round must just have been closed (in this transaction)."""
    if round_.status != RoundStatus.CLOSED:
        raise ValueError("freeze a closed round only")
    exercise = round_.exercise
    rules = rules_of(exercise)
    previous = exercise.rounds.filter(number=round_.number - 1, status=RoundStatus.CLOSED).first() if round_.number > 1 else None
    values, comments, submitted = _answers_of(round_)
    if previous is not None:
        prev_values, _prev_comments, prev_submitted = _answers_of(previous)
    else:
        prev_values, prev_submitted = {}, set()
    from niokr.foresight.services import rated_items

    items = list(rated_items(exercise, round_.number))
    results = []
    stability_rows: dict[str, dict] = {}
    reached: set[int] = set()  # the items with consensus on at least one 1–9 scale (an item is counted once)
    for item in items:
        for scale in exercise.scales:
            key = (item.pk, scale)
            answers = values.get(key, {})
            figures, verdict = _figures(scale, answers, rules)
            summary = figures["summary"]
            stability = _stability(previous, key, answers, prev_values) if scale in LIKERT_SCALES else None
            if stability is not None:
                figures["stability"] = stability
                stability_rows.setdefault(item.code, {})[scale] = stability
            if verdict == "reached":
                reached.add(item.pk)
            results.append(ItemResult(
                round=round_, item=item, scale=scale, answered=summary["n_valid"], dont_know=summary["n_dont_know"],
                median=_decimal(summary["median"]), q1=_decimal(summary["q1"]), q3=_decimal(summary["q3"]),
                consensus=verdict, figures=figures, comments=sorted(comments.get(key, []), key=lambda text: (text.casefold(), text)),
            ))
    ItemResult.objects.bulk_create(results)

    invited = _invited(round_, submitted)
    response = stats.round_response(round_number=round_.number, invited=invited, responded=submitted,
                                    previous_responded=prev_submitted if previous is not None else None)
    # Kendall's W over importance: panellists who rated every item of the round (listwise).
    matrix = [[values.get((item.pk, Scale.IMPORTANCE), {}).get(seat) for item in items] for seat in sorted(submitted)]
    kendall = stats.kendalls_w(matrix).to_dict() if items else None
    dropout = None
    if previous is not None:
        flagged = []
        for scale in LIKERT_SCALES:
            if scale not in exercise.scales:
                continue
            codes = {item.pk: item.code for item in items}
            before = {item.pk: prev_values.get((item.pk, scale), {}) for item in items if (item.pk, scale) in prev_values}
            after = {item_id: values.get((item_id, scale), {}) for item_id in before}
            bias = stats.dropout_bias(before, after, rules, current_respondents=submitted)
            for check in bias.items:
                if check.flagged:
                    flagged.append({
                        "item": codes[check.item], "scale": scale,
                        "all": {"status": VERDICTS[check.verdict_all.status], "median": check.verdict_all.median, "n": check.verdict_all.n_valid},
                        "stayed": {"status": VERDICTS[check.verdict_stayed.status], "median": check.verdict_stayed.median, "n": check.verdict_stayed.n_valid},
                        "verdict_changed": check.verdict_changed, "median_changed": check.median_changed,
                    })
        dropout = {"warning": bool(flagged), "items": flagged, "stayed": len(prev_submitted & submitted), "dropped": len(prev_submitted - submitted)}
    figures = {
        "response_percent": response.response_percent,
        "returned": len(response.returned),
        "items": len(items),
        "consensus_reached": len(reached),
        "kendall": kendall,
        "stability": stability_rows,
        "dropout": dropout,
        "rules": exercise.consensus_rules,
        "quantile_method": stats.QUANTILE_METHOD,
    }
    return RoundSummary.objects.create(round=round_, invited=response.invited, responded=response.responded, dropped=response.dropped_count, figures=figures)
