"""Scoring the engine against labelled problems (the synthetic country's truth file).

A problem is *found* when an indicator that lists its code (``Indicator.truth_codes``) flagged its
subject: a payment (a duplicate: either copy), an agreement, a subsoil-user-year or a right-year.
Per indicator, precision is the share of its flags whose subject carries one of its codes; per
code, recall is the share of its problems found. Overall precision pools every labelled
indicator's flags; overall recall pools every problem (a code no indicator lists counts as missed).
The false-positive rate on clean subjects is, per subject type, the share of unlabelled subjects
that any indicator flagged; per indicator, the share of the unlabelled subjects of its type that it
flagged (``fp_clean`` of them). Items auditors dismissed in closed cases are counted beside.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["load_truth", "score_flags", "Scorecard", "subject_keys"]

Key = tuple


def subject_keys(problem: Mapping) -> list[Key]:
    """The subject keys a problem can be found under."""
    s = problem["subject"]
    kind = problem["subject_type"]
    if kind == "payment":
        ids = s.get("payment_ids") or [s["payment_id"]]
        return [("payment", int(i), None) for i in ids]
    if kind == "agreement":
        return [("agreement", int(s["agreement_id"]), None)]
    if kind == "payer_year":
        return [("payer_year", int(s["payer_id"]), int(s["year"]))]
    if kind == "right_year":
        return [("right_year", int(s["right_id"]), int(s["year"]))]
    if kind == "project":
        return [("project", int(s["project_id"]), None)]
    if kind == "council_decision":
        return [("council_decision", int(s["item_id"]), None)]
    raise ValueError(f"unknown subject type {kind!r}")


def flag_key(subject_type: str, subject_id: int, year: int | None) -> Key:
    return (subject_type, int(subject_id), int(year) if subject_type in ("payer_year", "right_year") and year is not None else None)


def load_truth(path: Path) -> list[dict]:
    """The problems of a truth file (a JSON document with a ``problems`` list, or a bare list)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = data.get("problems", data) if isinstance(data, dict) else data
    if not isinstance(problems, list):
        raise ValueError("the truth file holds no list of problems")
    return problems


@dataclass
class Scorecard:
    indicators: list[dict] = field(default_factory=list)  # code, truth_codes, flags, tp, precision, recall, f1, fp_clean, fp_rate
    codes: list[dict] = field(default_factory=list)  # code, problems, found, recall, indicators
    overall: dict = field(default_factory=dict)
    clean: list[dict] = field(default_factory=list)  # subject_type, clean subjects, flagged, rate
    dismissed: dict = field(default_factory=dict)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_flags(
    flags: Iterable[tuple[str, str, int, int | None]],
    problems: list[dict],
    truth_codes: Mapping[str, tuple[str, ...]],
    subject_counts: Mapping[str, int],
    dismissed: Mapping[str, int] | None = None,
) -> Scorecard:
    """Score ``flags`` (indicator, subject_type, subject_id, year) against ``problems``.

    ``truth_codes``: per indicator code, the problem codes it is scored on; ``subject_counts``: how
    many subjects of each type exist (for the false-positive rate on clean subjects).
    """
    labels: dict[Key, set[str]] = defaultdict(set)
    by_code: dict[str, list[list[Key]]] = defaultdict(list)
    for p in problems:
        keys = subject_keys(p)
        by_code[p["code"]].append(keys)
        for k in keys:
            labels[k].add(p["code"])
    flagged: dict[str, set[Key]] = defaultdict(set)
    for code, stype, sid, year in flags:
        flagged[code].add(flag_key(stype, sid, year))

    card = Scorecard(dismissed=dict(dismissed or {}))
    labelled_of: dict[str, int] = defaultdict(int)
    for k in labels:
        labelled_of[k[0]] += 1
    tp_all = n_all = 0
    for code in sorted(set(truth_codes) | set(flagged)):
        own = truth_codes.get(code, ())
        subjects = flagged.get(code, set())
        row = {"indicator": code, "truth_codes": list(own), "flags": len(subjects)}
        fp_clean = [k for k in subjects if k not in labels]
        types = {k[0] for k in subjects}
        clean_of_type = sum(max(0, subject_counts.get(t, 0) - labelled_of[t]) for t in types)
        row.update(fp_clean=len(fp_clean), fp_rate=_ratio(len(fp_clean), clean_of_type) if subjects else 0.0)
        if own:
            tp = sum(1 for k in subjects if labels.get(k, set()) & set(own))
            problems_of = [keys for c in own for keys in by_code.get(c, [])]
            found = sum(1 for keys in problems_of if any(k in subjects for k in keys))
            precision, recall = _ratio(tp, len(subjects)), _ratio(found, len(problems_of))
            f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else None
            row.update(tp=tp, precision=precision, problems=len(problems_of), found=found, recall=recall, f1=f1)
            tp_all += tp
            n_all += len(subjects)
        card.indicators.append(row)

    found_all = total_all = 0
    for code in sorted(by_code):
        listing = sorted(c for c, own in truth_codes.items() if code in own)
        union: set[Key] = set().union(*(flagged.get(c, set()) for c in listing)) if listing else set()
        found = sum(1 for keys in by_code[code] if any(k in union for k in keys))
        card.codes.append({"code": code, "problems": len(by_code[code]), "found": found, "recall": _ratio(found, len(by_code[code])), "indicators": listing})
        found_all += found
        total_all += len(by_code[code])
    precision, recall = _ratio(tp_all, n_all), _ratio(found_all, total_all)
    card.overall = {
        "flags": n_all, "tp": tp_all, "precision": precision, "problems": total_all, "found": found_all, "recall": recall,
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision and recall else None,
    }

    any_flag: dict[str, set[Key]] = defaultdict(set)
    for subjects in flagged.values():
        for k in subjects:
            any_flag[k[0]].add(k)
    for stype in sorted(set(subject_counts) | set(any_flag)):
        labelled = sum(1 for k in labels if k[0] == stype)
        clean_total = max(0, subject_counts.get(stype, 0) - labelled)
        fp = sum(1 for k in any_flag.get(stype, ()) if k not in labels)
        card.clean.append({"subject_type": stype, "clean": clean_total, "flagged": fp, "rate": _ratio(fp, clean_total)})
    return card
