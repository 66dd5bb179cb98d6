"""A frozen run as the page and the report read it: labels in the reader's language, no raw keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from niokr.ranking.models import Direction, Method, RankingRun, Source

__all__ = ["RunView", "run_view", "normalisation_label", "consensus_label"]


def normalisation_label(value: str) -> str:
    return {
        "vector": _("vector normalisation (x / √Σx²)"),
        "minmax": _("min–max normalisation"),
    }.get(value, "—")


def consensus_label(value: str) -> str:
    return {
        "reached": _("consensus reached"),
        "not_reached": _("no consensus"),
        "too_few": _("too few answers"),
    }.get(value or "", "—")


def _name(names: dict, language: str) -> str:
    return names.get(language) or names.get("ru") or names.get("en") or ""


@dataclass
class RunView:
    run: RankingRun
    method: str
    normalisation: str
    criteria: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    perturbation: list[dict] = field(default_factory=list)
    flips: list[dict] = field(default_factory=list)
    stable: bool = True
    delta_percent: int = 0


def run_view(run: RankingRun, language: str) -> RunView:
    """The run's figures with every label in ``language`` (the active translation is used for the fixed words)."""
    by_code = {c["code"]: c for c in run.criteria}
    names = {r["code"]: _name(r["name"], language) for r in run.results}
    view = RunView(run=run, method=str(Method(run.method).label), normalisation=normalisation_label(run.normalisation))
    for c in run.criteria:
        view.criteria.append({
            "code": c["code"], "label": _name(c["name"], language), "weight": c["weight"], "weight_percent": c["weight"] * 100,
            "direction": str(Direction(c["direction"]).label), "source": str(Source(c["source"]).label) if c["source"] in Source.values else "—",
        })
    for r in run.results:
        view.results.append({"rank": r["rank"], "code": r["code"], "name": names[r["code"]], "score": r["score"]})
    sensitivity = run.sensitivity or {}
    view.stable = bool(sensitivity.get("stable", True))
    view.delta_percent = round(float(sensitivity.get("delta", 0)) * 100)
    cases: dict[str, dict] = {}
    for case in sensitivity.get("cases", []):
        row = cases.setdefault(case["criterion"], {"label": _name(by_code.get(case["criterion"], {}).get("name", {}), language)})
        side = "down" if case["change"] < 0 else "up"
        row[side] = {"weight_percent": case["weight"] * 100, "changed": case["changed"], "top_changed": case["top_changed"], "top": ", ".join(case["top"])}
    view.perturbation = list(cases.values())
    for flip in sensitivity.get("flips", []):
        view.flips.append({
            "code": flip["criterion"],
            "label": _name(by_code.get(flip["criterion"], {}).get("name", {}), language),
            "weight_percent": flip["weight"] * 100,
            "top": ", ".join(flip["top"]),
            "lower_percent": None if flip["lower"] is None else flip["lower"] * 100,
            "lower_top": ", ".join(flip["lower_top"] or []),
            "upper_percent": None if flip["upper"] is None else flip["upper"] * 100,
            "upper_top": ", ".join(flip["upper_top"] or []),
        })
    flips = {f["code"]: f for f in view.flips}
    for code, row in cases.items():
        row["flip"] = flips.get(code, {})
    return view
