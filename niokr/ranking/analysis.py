"""What the ranking pages and the report show beside the run: the importance × capability matrix, the
KISTEP-style technology-level table and the roadmap's lanes.

Pure reading of the stored figures (the candidates' frozen Delphi figures, the entered gaps, the
roadmap entries); nothing here writes.

**The matrix.** Each candidate is placed by the Delphi's latest median of importance (1–9, vertical)
and of Kazakhstan's capability in % of the world leader (0–100, horizontal). The quadrants are cut
at importance 7 (the lower bound of the agreement band "important", 7–9) and at capability 50 %:

* important, capable (≥ 7, ≥ 50 %) — *build on strength*;
* important, behind (≥ 7, < 50 %) — *catch up: invest in capability*;
* less important, capable (< 7, ≥ 50 %) — *maintain, niche*;
* less important, behind (< 7, < 50 %) — *watch*.

**The technology-level table (after KISTEP's technology-level survey).** Per candidate: the level
in % of the world leader (the Delphi capability median) and the technology gap in years. The gap is
the figure the analyst entered with its source when there is one; otherwise it is derived from the
time-to-realisation band: the band median is turned into an expected year of realisation in
Kazakhstan (band midpoints — by 2030: midway between the survey year and 2030; 2031–2035: 2033;
2036–2040: 2038; after 2040: 2043 — interpolated linearly between bands for a fractional median),
and the gap is that year minus the survey year (the year the round closed), taking the world leader
to have the technology at the time of the survey. A median beyond "after 2040" (towards "never")
gives no figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.ranking.models import RankingExercise, RoadmapLayer

__all__ = [
    "IMPORTANCE_CUT", "CAPABILITY_CUT", "QUADRANTS", "MatrixPoint", "importance_capability",
    "band_year", "gap_from_band", "LevelRow", "technology_levels", "survey_year", "roadmap_lanes",
]

IMPORTANCE_CUT = Decimal(7)
CAPABILITY_CUT = Decimal(50)

QUADRANTS = {
    "strength": _("Build on strength"),
    "catch_up": _("Catch up: invest in capability"),
    "niche": _("Maintain, niche"),
    "watch": _("Watch"),
}


@dataclass(frozen=True)
class MatrixPoint:
    code: str
    name: str
    importance: Decimal
    capability: Decimal
    consensus: str
    quadrant: str

    @property
    def quadrant_label(self) -> str:
        return str(QUADRANTS[self.quadrant])


def _median(candidate, scale: str) -> Decimal | None:
    figures = (candidate.delphi or {}).get("scales", {}).get(scale) or {}
    value = figures.get("median")
    return None if value is None else Decimal(str(value))


def quadrant_of(importance: Decimal, capability: Decimal) -> str:
    if importance >= IMPORTANCE_CUT:
        return "strength" if capability >= CAPABILITY_CUT else "catch_up"
    return "niche" if capability >= CAPABILITY_CUT else "watch"


def importance_capability(ranking: RankingExercise) -> tuple[list[MatrixPoint], list[str]]:
    """The candidates placed on the matrix, and the codes of those without both medians (left off)."""
    points, missing = [], []
    for candidate in ranking.candidates.order_by("order", "code"):
        importance, capability = _median(candidate, "importance"), _median(candidate, "capability")
        if importance is None or capability is None:
            missing.append(candidate.code)
            continue
        consensus = ((candidate.delphi or {}).get("scales", {}).get("importance") or {}).get("consensus", "")
        points.append(MatrixPoint(candidate.code, candidate.name, importance, capability, consensus, quadrant_of(importance, capability)))
    return points, missing


def survey_year(ranking: RankingExercise) -> int:
    """The year the foresight exercise's latest closed round closed (else this year)."""
    from niokr.foresight.models import RoundStatus

    exercise = ranking.foresight_exercise
    if exercise is not None:
        closed = exercise.rounds.filter(status=RoundStatus.CLOSED, closed_at__isnull=False).order_by("-number").first()
        if closed is not None:
            return timezone.localtime(closed.closed_at).year
    return timezone.localdate().year


def band_year(median: Decimal, year: int) -> Decimal | None:
    """The expected year of realisation for a band median (1–4; above 4 gives None)."""
    if median is None or median < 1 or median > 4:
        return None
    first = Decimal(year + 2030) / 2 if year <= 2030 else Decimal(year)
    anchors = [first, Decimal(2033), Decimal(2038), Decimal(2043)]
    lower = int(median)  # 1…4
    if lower >= 4:
        return anchors[3]
    share = median - lower
    return anchors[lower - 1] + share * (anchors[lower] - anchors[lower - 1])


def gap_from_band(median: Decimal | None, year: int) -> Decimal | None:
    expected = band_year(median, year) if median is not None else None
    if expected is None:
        return None
    return max(Decimal(0), expected - year).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class LevelRow:
    code: str
    name: str
    capability: Decimal | None
    band_median: Decimal | None
    gap_years: Decimal | None
    gap_method: str  # "entered", "band" or "" (no figure)
    gap_note: str

    @property
    def gap_method_label(self) -> str:
        return {"entered": str(_("entered by the analyst")), "band": str(_("from the time-to-realisation band")), "": str(_("no figure"))}[self.gap_method]


def technology_levels(ranking: RankingExercise) -> tuple[int, list[LevelRow]]:
    """The survey year and the table's rows (the candidates' order)."""
    year = survey_year(ranking)
    rows = []
    for candidate in ranking.candidates.order_by("order", "code"):
        capability, band = _median(candidate, "capability"), _median(candidate, "realisation")
        if candidate.gap_years is not None:
            gap, method = candidate.gap_years, "entered"
        else:
            gap = gap_from_band(band, year)
            method = "band" if gap is not None else ""
        rows.append(LevelRow(candidate.code, candidate.name, capability, band, gap, method, candidate.gap_note if method == "entered" else ""))
    return year, rows


def roadmap_lanes(ranking: RankingExercise) -> list[tuple[str, str, list]]:
    """The roadmap's entries by lane, in the lanes' order technology → product → market."""
    from niokr.ranking.models import RoadmapEntry

    entries = list(RoadmapEntry.objects.filter(candidate__ranking=ranking).select_related("candidate").order_by("year_from", "candidate__order", "id"))
    return [(layer.value, str(layer.label), [e for e in entries if e.layer == layer.value]) for layer in RoadmapLayer]
