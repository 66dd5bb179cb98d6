"""The ranking's operations: create, criteria, candidates, Delphi import, comparisons, scores, compute, roadmap.

Every operation is a keyword-only function that owns its transaction, validates before it writes
(``ValidationError`` with a :class:`~niokr.ranking.errors.RankingError` code and a translated
message) and records an audit event. Views, the generator and the tests all call these.

The mathematics is :mod:`niokr.ranking.mcda` (AHP, TOPSIS, weighted sum, sensitivity); this module
only gathers the inputs, refuses what cannot be computed and freezes the result as a
:class:`~niokr.ranking.models.RankingRun`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from niokr.core.audit import record_event
from niokr.core.choices import PriorityDirection
from niokr.core.formatting import number_text
from niokr.ranking import mcda, potential
from niokr.ranking.errors import RankingError
from niokr.ranking.models import (
    DELPHI_SOURCES,
    Candidate,
    Criterion,
    Direction,
    Method,
    PairwiseComparison,
    RankingExercise,
    RankingRun,
    RankingStatus,
    RoadmapEntry,
    RoadmapLayer,
    Saaty,
    Score,
    Source,
    saaty_fraction,
)

__all__ = [
    "MAX_CRITERIA", "MAX_CANDIDATES", "CR_LIMIT", "DEFAULT_CRITERIA", "SOURCE_RANGE", "NORMALISATION",
    "InconsistentComparisons", "create_ranking", "add_criterion", "remove_criterion", "add_candidate",
    "import_from_foresight", "refresh_scores", "set_comparisons", "comparison_matrix", "set_scores",
    "set_gap", "check_computable", "compute_run", "finalise", "add_roadmap_entry", "remove_roadmap_entry",
    "clean_text", "upper_pairs", "is_code",
]

#: Bounds set before anything is allocated.
MAX_CRITERIA = 10  # Saaty's random index (mcda.RANDOM_INDEX) is tabled for n ≤ 10
MAX_CANDIDATES = 200
#: Saaty's limit on the consistency ratio.
CR_LIMIT = 0.1
#: The normalisation each method pins (recorded on every run).
NORMALISATION = {Method.TOPSIS: "vector", Method.WEIGHTED_SUM: "minmax"}

#: The range a score on each source's scale takes (analysts' entries are checked against it).
SOURCE_RANGE: dict[str, tuple[Decimal, Decimal]] = {
    Source.DELPHI_IMPORTANCE: (Decimal(1), Decimal(9)),
    Source.DELPHI_FEASIBILITY: (Decimal(1), Decimal(9)),
    Source.DELPHI_CAPABILITY: (Decimal(0), Decimal(100)),
    Source.DELPHI_REALISATION: (Decimal(1), Decimal(5)),
    Source.AUDIT_CAPABILITY: (Decimal(1), Decimal(4)),
    Source.MATURITY: (Decimal(1), Decimal(9)),
    Source.ANALYST: (Decimal(1), Decimal(9)),
}

#: The default criteria: (code, kk, ru, en, direction, source).
DEFAULT_CRITERIA = [
    ("market", "Нарықтық тартымдылық", "Рыночная привлекательность", "Market attractiveness", Direction.BENEFIT, Source.ANALYST),
    ("value_added", "Қосылған құн", "Добавленная стоимость", "Added value", Direction.BENEFIT, Source.ANALYST),
    ("capability", "Ұлттық әлеует", "Национальный потенциал", "National capability", Direction.BENEFIT, Source.DELPHI_CAPABILITY),
    ("maturity", "Жетілу деңгейі (ТДД)", "Зрелость (УГТ)", "Maturity (TRL)", Direction.BENEFIT, Source.MATURITY),
    ("need", "Қоғамдық қажеттілік", "Общественная потребность", "Societal need", Direction.BENEFIT, Source.DELPHI_IMPORTANCE),
    ("feasibility", "Жүзеге асырылу мүмкіндігі", "Осуществимость", "Feasibility", Direction.BENEFIT, Source.DELPHI_FEASIBILITY),
    ("regulatory", "Реттеушілік жолдың жеңілдігі", "Простота регуляторного пути", "Regulatory path", Direction.BENEFIT, Source.ANALYST),
    ("uncertainty", "Белгісіздік (іске асыру мерзімі)", "Неопределённость (срок реализации)", "Uncertainty (time to realisation)", Direction.COST, Source.DELPHI_REALISATION),
]

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InconsistentComparisons(ValidationError):
    """The comparisons' consistency ratio is above 0.1: nothing is computed; ``pairs`` are the ones to revisit.

    ``pairs`` is a list of ``(criterion a, criterion b, entered, suggested)`` best revisited first,
    where ``suggested`` is the Saaty value nearest the ratio of the weights.
    """

    def __init__(self, *, cr: float, pairs: list[tuple[Criterion, Criterion, str, str]]):
        super().__init__(_("The comparisons are inconsistent: the consistency ratio is %(cr)s, above 0.1. Revisit the pairs listed.") % {"cr": number_text(cr, 3, (get_language() or "ru")[:2])}, code=RankingError.INCONSISTENT)
        self.cr = cr
        self.pairs = pairs


# --------------------------------------------------------------------------------------------
# Text and codes
# --------------------------------------------------------------------------------------------


def clean_text(value, *, limit: int, required: bool = False, field: str = "") -> str:
    """Text as stored: stripped, no control characters (NUL and the like refused), at most ``limit`` characters."""
    text = "" if value is None else str(value).strip()
    if _CONTROL.search(text):
        raise ValidationError(_("The text holds control characters."), code=RankingError.TEXT)
    if len(text) > limit:
        raise ValidationError(_("The text is longer than %(limit)s characters.") % {"limit": limit}, code=RankingError.TEXT)
    if required and not text:
        raise ValidationError(_("This text is required."), code=RankingError.TITLE_MISSING)
    return text


def is_code(value) -> bool:
    """Whether ``value`` has the shape of a code (what a URL may name)."""
    return isinstance(value, str) and bool(_CODE.match(value))


def _check_code(code) -> str:
    code = clean_text(code, limit=32, required=True)
    if not _CODE.match(code) or code.lower() == "new":  # "new" is the creation page's address
        raise ValidationError(_("A code is up to 32 Latin letters, digits, dots, hyphens or underscores."), code=RankingError.BAD_CODE)
    return code


def _check_draft(ranking: RankingExercise) -> None:
    if ranking.is_final:
        raise ValidationError(_("The ranking is final: its inputs no longer change."), code=RankingError.FINAL)


def _locked(ranking: RankingExercise) -> RankingExercise:
    locked = RankingExercise.objects.select_for_update().get(pk=ranking.pk)
    _check_draft(locked)
    return locked


# --------------------------------------------------------------------------------------------
# Rankings, criteria, candidates
# --------------------------------------------------------------------------------------------


def create_ranking(*, code: str, title_kk: str, title_ru: str, title_en: str = "", priority_direction: str, actor, foresight_exercise=None, method: str = Method.TOPSIS, default_criteria: bool = True) -> RankingExercise:
    """Create a draft ranking (with the default criteria unless ``default_criteria`` is false)."""
    code = _check_code(code)
    titles = {
        "title_kk": clean_text(title_kk, limit=300, required=True),
        "title_ru": clean_text(title_ru, limit=300, required=True),
        "title_en": clean_text(title_en, limit=300),
    }
    if priority_direction not in PriorityDirection.values:
        raise ValidationError(_("Choose a priority direction."), code=RankingError.TEXT)
    if method not in Method.values:
        raise ValidationError(_("Choose a method."), code=RankingError.TEXT)
    with transaction.atomic():
        if RankingExercise.objects.filter(code=code).exists():
            raise ValidationError(_("A ranking with this code already exists."), code=RankingError.CODE_TAKEN)
        ranking = RankingExercise.objects.create(
            code=code, priority_direction=priority_direction, foresight_exercise=foresight_exercise, method=method,
            normalisation=NORMALISATION[Method(method)], created_by=actor, **titles,
        )
        if default_criteria:
            for order, (c_code, kk, ru, en, direction, source) in enumerate(DEFAULT_CRITERIA, start=1):
                Criterion.objects.create(ranking=ranking, code=c_code, name_kk=kk, name_ru=ru, name_en=en, direction=direction, source=source, order=order)
        record_event(action="ranking.create", object_type="ranking.RankingExercise", object_id=ranking.code, after={"code": code, "method": method, "foresight": getattr(foresight_exercise, "code", None), **titles}, actor=actor)
    return ranking


def add_criterion(*, ranking: RankingExercise, code: str, name_kk: str, name_ru: str, name_en: str = "", direction: str, source: str, actor) -> Criterion:
    """Add a criterion to a draft ranking (its comparisons are then to be entered)."""
    code = _check_code(code)
    names = {"name_kk": clean_text(name_kk, limit=200, required=True), "name_ru": clean_text(name_ru, limit=200, required=True), "name_en": clean_text(name_en, limit=200)}
    if direction not in Direction.values or source not in Source.values:
        raise ValidationError(_("Choose the direction and the source."), code=RankingError.TEXT)
    with transaction.atomic():
        ranking = _locked(ranking)
        if ranking.criteria.count() >= MAX_CRITERIA:
            raise ValidationError(_("A ranking has at most %(n)s criteria.") % {"n": MAX_CRITERIA}, code=RankingError.TOO_MANY_CRITERIA)
        if ranking.criteria.filter(code=code).exists():
            raise ValidationError(_("The ranking already has a criterion with this code."), code=RankingError.CODE_TAKEN)
        order = (ranking.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
        criterion = Criterion.objects.create(ranking=ranking, code=code, direction=direction, source=source, order=order, **names)
        _fill_automatic_scores(ranking, [criterion], actor)
        record_event(action="ranking.criterion", object_type="ranking.Criterion", object_id=f"{ranking.code}/{code}", after={"direction": direction, "source": source, **names}, actor=actor)
    return criterion


def remove_criterion(*, criterion: Criterion, actor) -> None:
    """Remove a criterion of a draft ranking, with its comparisons and scores (the runs keep their snapshot)."""
    with transaction.atomic():
        ranking = _locked(criterion.ranking)
        before = {"code": criterion.code, "source": criterion.source, "direction": criterion.direction}
        PairwiseComparison.objects.filter(ranking=ranking, criterion_a=criterion).delete()
        PairwiseComparison.objects.filter(ranking=ranking, criterion_b=criterion).delete()
        criterion.delete()
        record_event(action="ranking.criterion_removed", object_type="ranking.Criterion", object_id=f"{ranking.code}/{before['code']}", before=before, actor=actor)


def add_candidate(*, ranking: RankingExercise, code: str, name_kk: str, name_ru: str, name_en: str = "", product: dict | None = None, market: dict | None = None, projects=(), actor) -> Candidate:
    """Add a candidate technology or product entered by the analyst."""
    code = _check_code(code)[:16]
    fields = {"name_kk": clean_text(name_kk, limit=500, required=True), "name_ru": clean_text(name_ru, limit=500, required=True), "name_en": clean_text(name_en, limit=500)}
    for stem, texts in (("product", product or {}), ("market", market or {})):
        for language in ("kk", "ru", "en"):
            fields[f"{stem}_{language}"] = clean_text(texts.get(language, ""), limit=300)
    with transaction.atomic():
        ranking = _locked(ranking)
        if ranking.candidates.count() >= MAX_CANDIDATES:
            raise ValidationError(_("A ranking has at most %(n)s candidates.") % {"n": MAX_CANDIDATES}, code=RankingError.TOO_MANY_CANDIDATES)
        if ranking.candidates.filter(code=code).exists():
            raise ValidationError(_("The ranking already has a candidate with this code."), code=RankingError.CODE_TAKEN)
        order = (ranking.candidates.aggregate(m=Max("order"))["m"] or 0) + 1
        candidate = Candidate.objects.create(ranking=ranking, code=code, order=order, **fields)
        if projects:
            candidate.projects.set(projects)
        _fill_automatic_scores(ranking, list(ranking.criteria.all()), actor, candidates=[candidate])
        record_event(action="ranking.candidate", object_type="ranking.Candidate", object_id=f"{ranking.code}/{code}", after={k: v for k, v in fields.items() if v}, actor=actor)
    return candidate


# --------------------------------------------------------------------------------------------
# The Delphi's frozen results
# --------------------------------------------------------------------------------------------


def _latest_results(exercise) -> tuple[int | None, dict[int, dict[str, dict]]]:
    """The latest closed round's number and, per item, each scale's figures from the last closed round that rated it."""
    from niokr.foresight.models import ItemResult, RoundStatus

    results = (
        ItemResult.objects.filter(round__exercise=exercise, round__status=RoundStatus.CLOSED)
        .select_related("round")
        .order_by("item_id", "scale", "round__number")
    )
    latest_round = exercise.rounds.filter(status=RoundStatus.CLOSED).aggregate(m=Max("number"))["m"]
    figures: dict[int, dict[str, dict]] = {}
    for result in results:  # ordered by round: the last one wins
        figures.setdefault(result.item_id, {})[result.scale] = {
            "round": result.round.number,
            "median": _num(result.median), "q1": _num(result.q1), "q3": _num(result.q3),
            "answered": result.answered, "dont_know": result.dont_know, "consensus": result.consensus,
        }
    return latest_round, figures


def _num(value) -> str | None:
    return None if value is None else str(value)


def import_from_foresight(*, ranking: RankingExercise, actor) -> dict[str, int]:
    """Take the Delphi exercise's items as candidates and their latest frozen figures as scores.

    Items in the questionnaire with frozen results become candidates (an item already taken is
    updated, not duplicated). Each candidate keeps its figures per scale (median, quartiles,
    consensus, the round), and the criteria whose source is a Delphi scale get the median as score,
    unless the analyst entered one. Returns counts: ``candidates`` added, ``updated``, ``scores``.
    """
    from niokr.foresight.models import ItemStatus

    exercise = ranking.foresight_exercise
    if exercise is None:
        raise ValidationError(_("The ranking is not linked to a foresight exercise."), code=RankingError.NO_FORESIGHT)
    with transaction.atomic():
        ranking = _locked(ranking)
        latest_round, figures = _latest_results(exercise)
        if latest_round is None:
            raise ValidationError(_("The foresight exercise has no closed round: there are no frozen results to import."), code=RankingError.NO_CLOSED_ROUND)
        existing = {c.item_id: c for c in ranking.candidates.filter(item__isnull=False)}
        codes = set(ranking.candidates.values_list("code", flat=True))
        order = ranking.candidates.aggregate(m=Max("order"))["m"] or 0
        added = updated = 0
        items = exercise.items.filter(status=ItemStatus.ACCEPTED, pk__in=list(figures)).order_by("order", "code")
        for item in items:
            delphi = {"round": latest_round, "scales": figures[item.pk]}
            candidate = existing.get(item.pk)
            if candidate is None:
                if len(codes) >= MAX_CANDIDATES:
                    raise ValidationError(_("A ranking has at most %(n)s candidates.") % {"n": MAX_CANDIDATES}, code=RankingError.TOO_MANY_CANDIDATES)
                code = item.code[:16]
                if code in codes:
                    raise ValidationError(_("The ranking already has a candidate with the code %(code)s.") % {"code": code}, code=RankingError.CODE_TAKEN)
                order += 1
                candidate = Candidate.objects.create(
                    ranking=ranking, code=code, item=item, order=order, delphi=delphi,
                    name_kk=item.statement_kk[:500], name_ru=item.statement_ru[:500], name_en=item.statement_en[:500],
                )
                codes.add(code)
                added += 1
            else:
                candidate.delphi = delphi
                candidate.save(update_fields=["delphi"])
                updated += 1
        scores = _fill_automatic_scores(ranking, list(ranking.criteria.all()), actor)
        counts = {"candidates": added, "updated": updated, "scores": scores}
        record_event(action="ranking.import_delphi", object_type="ranking.RankingExercise", object_id=ranking.code, after={"exercise": exercise.code, "round": latest_round, **counts}, actor=actor)
    return counts


def refresh_scores(*, ranking: RankingExercise, actor) -> int:
    """Recompute every automatic score (Delphi, audit, maturity) of a draft ranking; the analyst's entries stay."""
    with transaction.atomic():
        ranking = _locked(ranking)
        return _fill_automatic_scores(ranking, list(ranking.criteria.all()), actor)


def _automatic_value(candidate: Candidate, criterion: Criterion) -> tuple[Decimal | None, dict]:
    """The candidate's value on an automatically scored criterion, and what it was taken from."""
    source = criterion.source
    if source in DELPHI_SOURCES:
        figures = (candidate.delphi or {}).get("scales", {}).get(DELPHI_SOURCES[source])
        if not figures or figures.get("median") is None:
            return None, {}
        return Decimal(figures["median"]), {"round": figures.get("round"), "consensus": figures.get("consensus", ""), "q1": figures.get("q1"), "q3": figures.get("q3")}
    if source == Source.MATURITY:
        levels = []
        for project in candidate.projects.order_by("code"):
            level, origin = potential.project_trl(project)
            if level is not None:
                levels.append({"project": project.code, "trl": level, "origin": origin})
        if not levels:
            return None, {}
        return Decimal(max(entry["trl"] for entry in levels)), {"projects": levels}
    if source == Source.AUDIT_CAPABILITY:
        performers = sorted(set(candidate.projects.values_list("performer_id", flat=True)))
        score, audited = potential.audit_capability(performers)
        if score is None:
            return None, {}
        return score, {"organisations_audited": audited}
    return None, {}


def _fill_automatic_scores(ranking: RankingExercise, criteria: list[Criterion], actor, candidates=None) -> int:
    """Write the automatic scores of ``criteria`` (not overwriting the analyst's entries); how many were written."""
    written = 0
    candidates = list(candidates if candidates is not None else ranking.candidates.prefetch_related("projects").order_by("order", "code"))
    automatic = [c for c in criteria if c.source != Source.ANALYST]
    if not automatic:
        return 0
    entered = {(s.candidate_id, s.criterion_id) for s in Score.objects.filter(criterion__in=automatic, source=Source.ANALYST)}
    for candidate in candidates:
        for criterion in automatic:
            if (candidate.pk, criterion.pk) in entered:
                continue
            value, detail = _automatic_value(candidate, criterion)
            if value is None:
                Score.objects.filter(candidate=candidate, criterion=criterion).delete()
                continue
            Score.objects.update_or_create(candidate=candidate, criterion=criterion, defaults={"value": value, "source": criterion.source, "detail": detail, "recorded_by": None, "recorded_at": timezone.now()})
            written += 1
    return written


# --------------------------------------------------------------------------------------------
# Pairwise comparisons
# --------------------------------------------------------------------------------------------


def upper_pairs(criteria: list[Criterion]) -> list[tuple[Criterion, Criterion]]:
    """The pairs of the upper triangle, in the criteria's order (row before column)."""
    return [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1:]]


def set_comparisons(*, ranking: RankingExercise, values: dict[tuple[str, str], str], actor) -> int:
    """Store the analyst's judgements of the upper triangle: ``{(code a, code b): "1/9"…"9"}``.

    Every key must be a pair of the triangle (row before column) and every value on Saaty's scale;
    the whole set is refused otherwise, and nothing changes. Pairs left out keep their value.
    """
    with transaction.atomic():
        ranking = _locked(ranking)
        criteria = list(ranking.criteria.order_by("order", "code"))
        pairs = {(a.code, b.code): (a, b) for a, b in upper_pairs(criteria)}
        errors = []
        for key, value in values.items():
            if key not in pairs:
                errors.append(ValidationError(_("%(a)s and %(b)s are not a pair of this ranking's criteria in order.") % {"a": str(key[0])[:32], "b": str(key[1])[:32]}, code=RankingError.UNKNOWN_PAIR))
            elif value not in Saaty.values:
                errors.append(ValidationError(_("The judgement of %(a)s against %(b)s is not on Saaty's scale (1/9 to 9).") % {"a": key[0], "b": key[1]}, code=RankingError.NOT_ON_SAATY_SCALE))
        if errors:
            raise ValidationError(errors)
        existing = {(c.criterion_a_id, c.criterion_b_id): c for c in PairwiseComparison.objects.filter(ranking=ranking)}
        changed = {}
        for key, value in values.items():
            a, b = pairs[key]
            current = existing.get((a.pk, b.pk))
            if current is None:
                PairwiseComparison.objects.create(ranking=ranking, criterion_a=a, criterion_b=b, value=value, entered_by=actor)
            elif current.value != value:
                current.value, current.entered_by, current.entered_at = value, actor, timezone.now()
                current.save(update_fields=["value", "entered_by", "entered_at"])
            else:
                continue
            changed[f"{a.code}:{b.code}"] = value
        if changed:
            record_event(action="ranking.comparisons", object_type="ranking.RankingExercise", object_id=ranking.code, after=changed, actor=actor)
    return len(changed)


def comparison_matrix(ranking: RankingExercise, criteria: list[Criterion]) -> tuple[list[list[float]], list[tuple[Criterion, Criterion]]]:
    """The full reciprocal matrix from the stored upper triangle, and the pairs still missing."""
    index = {c.pk: i for i, c in enumerate(criteria)}
    n = len(criteria)
    matrix = [[1.0] * n for _ in range(n)]
    known = set()
    for comparison in PairwiseComparison.objects.filter(ranking=ranking):
        i, j = index.get(comparison.criterion_a_id), index.get(comparison.criterion_b_id)
        if i is None or j is None:
            continue
        value = saaty_fraction(comparison.value)
        matrix[i][j], matrix[j][i] = float(value), float(1 / value)
        known.add((min(i, j), max(i, j)))
    missing = [(criteria[i], criteria[j]) for i in range(n) for j in range(i + 1, n) if (i, j) not in known]
    return matrix, missing


# --------------------------------------------------------------------------------------------
# Scores and the gap
# --------------------------------------------------------------------------------------------


def _decimal(value) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter a number."), code=RankingError.SCORE_OUT_OF_RANGE) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."), code=RankingError.SCORE_OUT_OF_RANGE)
    return number


def set_scores(*, ranking: RankingExercise, values: dict[tuple[str, str], object], actor) -> int:
    """Store the analyst's scores ``{(candidate code, criterion code): value}``; an empty value clears the entry.

    A value is checked against its criterion's scale (:data:`SOURCE_RANGE`) and kept to two
    decimals. An entry on an automatically scored criterion replaces the automatic value; clearing
    it brings the automatic value back.
    """
    with transaction.atomic():
        ranking = _locked(ranking)
        candidates = {c.code: c for c in ranking.candidates.all()}
        criteria = {c.code: c for c in ranking.criteria.all()}
        parsed: dict[tuple[Candidate, Criterion], Decimal | None] = {}
        errors = []
        for (candidate_code, criterion_code), raw in values.items():
            candidate, criterion = candidates.get(candidate_code), criteria.get(criterion_code)
            if candidate is None or criterion is None:
                errors.append(ValidationError(_("Unknown candidate or criterion."), code=RankingError.UNKNOWN_PAIR))
                continue
            if raw is None or str(raw).strip() == "":
                parsed[(candidate, criterion)] = None
                continue
            try:
                number = _decimal(raw)
            except ValidationError as error:
                errors.append(error)
                continue
            low, high = SOURCE_RANGE[Source(criterion.source)]
            if not low <= number <= high:
                errors.append(ValidationError(_("%(candidate)s, %(criterion)s: the score is from %(low)s to %(high)s.") % {"candidate": candidate.code, "criterion": criterion.name, "low": low, "high": high}, code=RankingError.SCORE_OUT_OF_RANGE))
                continue
            parsed[(candidate, criterion)] = number.quantize(Decimal("0.01"))
        if errors:
            raise ValidationError(errors)
        changed = {}
        cleared_automatic = []
        for (candidate, criterion), number in parsed.items():
            current = Score.objects.filter(candidate=candidate, criterion=criterion).first()
            if number is None:
                if current is not None and current.source == Source.ANALYST:
                    current.delete()
                    changed[f"{candidate.code}:{criterion.code}"] = None
                    if criterion.source != Source.ANALYST:
                        cleared_automatic.append(candidate)
                continue
            if current is not None and current.value == number and current.source == Source.ANALYST:
                continue
            Score.objects.update_or_create(candidate=candidate, criterion=criterion, defaults={"value": number, "source": Source.ANALYST, "detail": {}, "recorded_by": actor, "recorded_at": timezone.now()})
            changed[f"{candidate.code}:{criterion.code}"] = str(number)
        if cleared_automatic:
            _fill_automatic_scores(ranking, [c for c in criteria.values() if c.source != Source.ANALYST], actor, candidates=cleared_automatic)
        if changed:
            record_event(action="ranking.scores", object_type="ranking.RankingExercise", object_id=ranking.code, after=changed, actor=actor)
    return len(changed)


def set_gap(*, candidate: Candidate, gap_years, note: str, actor) -> Candidate:
    """Enter (or clear, with an empty value) the candidate's technology gap to the world leader in years."""
    note = clean_text(note, limit=300)
    value = None
    if gap_years is not None and str(gap_years).strip() != "":
        value = _decimal(gap_years)
        if not Decimal(0) <= value <= Decimal(100):
            raise ValidationError(_("The gap is between 0 and 100 years."), code=RankingError.SCORE_OUT_OF_RANGE)
        value = value.quantize(Decimal("0.1"))
        if not note:
            raise ValidationError(_("Say where the gap figure comes from."), code=RankingError.TEXT)
    with transaction.atomic():
        _locked(candidate.ranking)
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        before = {"gap_years": _num(candidate.gap_years), "gap_note": candidate.gap_note}
        candidate.gap_years, candidate.gap_note = value, note if value is not None else ""
        candidate.save(update_fields=["gap_years", "gap_note"])
        record_event(action="ranking.gap", object_type="ranking.Candidate", object_id=f"{candidate.ranking.code}/{candidate.code}", before=before, after={"gap_years": _num(value), "gap_note": candidate.gap_note}, actor=actor)
    return candidate


# --------------------------------------------------------------------------------------------
# Computing a run
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Everything a run is computed from, read and checked."""

    criteria: list[Criterion]
    candidates: list[Candidate]
    matrix: list[list[float]]
    decision: list[list[float]]
    sources: dict[str, dict]


def check_computable(ranking: RankingExercise) -> Inputs:
    """Gather the inputs of a run, refusing with every reason at once what cannot be computed."""
    criteria = list(ranking.criteria.order_by("order", "code"))
    candidates = list(ranking.candidates.order_by("order", "code"))
    errors = []
    if len(criteria) < 2:
        errors.append(ValidationError(_("Rank on at least two criteria."), code=RankingError.TOO_FEW_CRITERIA))
    if len(criteria) > MAX_CRITERIA:
        errors.append(ValidationError(_("A ranking has at most %(n)s criteria.") % {"n": MAX_CRITERIA}, code=RankingError.TOO_MANY_CRITERIA))
    if len(candidates) < 2:
        errors.append(ValidationError(_("Rank at least two candidates."), code=RankingError.TOO_FEW_CANDIDATES))
    if len(candidates) > MAX_CANDIDATES:
        errors.append(ValidationError(_("A ranking has at most %(n)s candidates.") % {"n": MAX_CANDIDATES}, code=RankingError.TOO_MANY_CANDIDATES))
    if errors:
        raise ValidationError(errors)
    matrix, missing = comparison_matrix(ranking, criteria)
    if missing:
        names = "; ".join(f"{a.name} — {b.name}" for a, b in missing[:10])
        errors.append(ValidationError(_("Compare every pair of criteria; missing: %(pairs)s.") % {"pairs": names}, code=RankingError.COMPARISONS_INCOMPLETE))
    scores = {(s.candidate_id, s.criterion_id): s for s in Score.objects.filter(candidate__ranking=ranking)}
    decision, sources, missing_scores = [], {}, []
    for candidate in candidates:
        row = []
        for criterion in criteria:
            score = scores.get((candidate.pk, criterion.pk))
            if score is None:
                missing_scores.append(f"{candidate.code} — {criterion.name}")
                row.append(0.0)
                continue
            row.append(float(score.value))
            sources[f"{candidate.code}:{criterion.code}"] = {"value": str(score.value), "source": score.source, "detail": score.detail}
        decision.append(row)
    if missing_scores:
        errors.append(ValidationError(_("Score every candidate on every criterion; missing: %(cells)s.") % {"cells": "; ".join(missing_scores[:10]) + (" …" if len(missing_scores) > 10 else "")}, code=RankingError.SCORES_INCOMPLETE))
    if errors:
        raise ValidationError(errors)
    return Inputs(criteria, candidates, matrix, decision, sources)


def _trilingual(obj, stem: str) -> dict[str, str]:
    return {language: getattr(obj, f"{stem}_{language}") for language in ("kk", "ru", "en")}


def compute_run(*, ranking: RankingExercise, actor) -> RankingRun:
    """Compute the AHP weights and the ranking, and freeze them as a new run.

    Refuses (:class:`InconsistentComparisons`, nothing written) when the consistency ratio is above
    0.1, naming the pairs to revisit. The method and the normalisation are the ranking's, recorded
    on the run with every input; a previous run is never touched.
    """
    with transaction.atomic():
        ranking = _locked(ranking)
        inputs = check_computable(ranking)
        try:
            weights = mcda.ahp(inputs.matrix, threshold=CR_LIMIT, max_pairs=5)
        except mcda.McdaError as error:
            raise ValidationError(_("The comparisons cannot be computed: every judgement must be on Saaty's scale."), code=RankingError.NOT_ON_SAATY_SCALE) from error
        if not weights.acceptable:
            pairs = [(inputs.criteria[p.i], inputs.criteria[p.j], _saaty_text(p.given), str(p.suggested)) for p in weights.pairs_to_revisit]
            raise InconsistentComparisons(cr=weights.cr, pairs=pairs)
        benefit = [c.direction == Direction.BENEFIT for c in inputs.criteria]
        method = Method(ranking.method)
        normalisation = NORMALISATION[method]
        try:
            result = mcda.rank_alternatives(inputs.decision, weights.weights, benefit, method=mcda.Method(method), normalisation=mcda.Normalisation(normalisation))
            sensitivity = _sensitivity(inputs, weights.weights, benefit, method, normalisation)
        except mcda.McdaError as error:
            raise ValidationError(_("The scores cannot be ranked: every score must be a number from 0 to 100."), code=RankingError.SCORE_OUT_OF_RANGE) from error
        order = sorted(range(len(inputs.candidates)), key=lambda k: (result.ranks[k], inputs.candidates[k].order, inputs.candidates[k].code))
        number = (RankingRun.objects.filter(ranking=ranking).aggregate(m=Max("number"))["m"] or 0) + 1
        run = RankingRun.objects.create(
            ranking=ranking, number=number, method=method, normalisation=normalisation,
            criteria=[
                {"code": c.code, "name": _trilingual(c, "name"), "direction": c.direction, "source": c.source, "weight": round(w, 6)}
                for c, w in zip(inputs.criteria, weights.weights, strict=True)
            ],
            lambda_max=weights.lambda_max, ci=weights.ci, cr=weights.cr,
            results=[
                {"code": inputs.candidates[k].code, "name": _trilingual(inputs.candidates[k], "name"), "score": round(result.scores[k], 6), "rank": result.ranks[k]}
                for k in order
            ],
            sensitivity=sensitivity,
            inputs={
                "comparisons": [[round(v, 6) for v in row] for row in inputs.matrix],
                "judgements": {f"{a.code}:{b.code}": pc for (a, b), pc in _judgements(ranking, inputs.criteria).items()},
                "decision": inputs.decision,
                "scores": inputs.sources,
                "criteria": [c.code for c in inputs.criteria],
                "candidates": [c.code for c in inputs.candidates],
                "foresight_exercise": getattr(ranking.foresight_exercise, "code", None),
            },
            computed_by=actor,
        )
        record_event(action="ranking.compute", object_type="ranking.RankingRun", object_id=f"{ranking.code}/{number}", after={"method": method, "normalisation": normalisation, "cr": round(weights.cr, 6), "first": run.results[0]["code"]}, actor=actor)
    return run


def _saaty_text(value: float) -> str:
    """A judgement as Saaty's scale writes it (``3``, ``1/5``)."""
    from fractions import Fraction

    return str(Fraction(value).limit_denominator(9))


#: Relative weight perturbation of the sensitivity analysis (±20 %), and the flip-point scan's grid.
PERTURBATION = 0.20
FLIP_STEPS = 400


def _sensitivity(inputs: Inputs, weights, benefit, method: str, normalisation: str) -> dict:
    """One-at-a-time perturbation (±20 % of each weight) and each criterion's flip points, as stored on the run."""
    codes = [c.code for c in inputs.candidates]
    criteria = [c.code for c in inputs.criteria]
    arguments = {"method": mcda.Method(method), "normalisation": mcda.Normalisation(normalisation)}
    report = mcda.weight_perturbation(inputs.decision, weights, benefit, delta=PERTURBATION, **arguments)
    flips = mcda.flip_points(inputs.decision, weights, benefit, steps=FLIP_STEPS, **arguments)
    return {
        "delta": PERTURBATION,
        "stable": report.stable,
        "base_ranks": dict(zip(codes, report.base_ranks, strict=True)),
        "cases": [
            {
                "criterion": criteria[case.criterion], "change": case.change,
                "weight": round(case.weights[case.criterion], 6),
                "changed": case.changed_alternatives, "top_changed": case.top_changed,
                "top": [codes[k] for k, r in enumerate(case.ranks) if r == 1],
            }
            for case in report.cases
        ],
        "flips": [
            {
                "criterion": criteria[point.criterion], "weight": round(point.current_weight, 6),
                "top": [codes[k] for k in point.top],
                "lower": None if point.lower is None else round(point.lower, 4),
                "lower_top": None if point.lower_top is None else [codes[k] for k in point.lower_top],
                "upper": None if point.upper is None else round(point.upper, 4),
                "upper_top": None if point.upper_top is None else [codes[k] for k in point.upper_top],
            }
            for point in flips
        ],
        "steps": FLIP_STEPS,
    }


def _judgements(ranking: RankingExercise, criteria: list[Criterion]) -> dict[tuple[Criterion, Criterion], str]:
    by_id = {c.pk: c for c in criteria}
    return {(by_id[p.criterion_a_id], by_id[p.criterion_b_id]): p.value for p in PairwiseComparison.objects.filter(ranking=ranking) if p.criterion_a_id in by_id and p.criterion_b_id in by_id}


def finalise(*, ranking: RankingExercise, actor) -> RankingExercise:
    """Make a ranking final (it then reads as its latest run, for the readers of results)."""
    with transaction.atomic():
        ranking = _locked(ranking)
        if not ranking.runs.exists():
            raise ValidationError(_("Compute the ranking before making it final."), code=RankingError.NO_RUN)
        ranking.status, ranking.finalised_at = RankingStatus.FINAL, timezone.now()
        ranking.save(update_fields=["status", "finalised_at"])
        record_event(action="ranking.finalise", object_type="ranking.RankingExercise", object_id=ranking.code, before={"status": "draft"}, after={"status": "final", "run": ranking.latest_run().number}, actor=actor)
    return ranking


# --------------------------------------------------------------------------------------------
# The roadmap
# --------------------------------------------------------------------------------------------


def add_roadmap_entry(*, candidate: Candidate, layer: str, year_from, year_to, description_kk: str, description_ru: str, description_en: str = "", actor) -> RoadmapEntry:
    """Put a candidate's step on the roadmap (a lane over a span of years)."""
    from niokr.ranking.models import FIRST_YEAR, LAST_YEAR

    if layer not in RoadmapLayer.values:
        raise ValidationError(_("Choose a lane."), code=RankingError.TEXT)
    try:
        start, end = int(str(year_from)), int(str(year_to))
    except (TypeError, ValueError):
        raise ValidationError(_("The years are between 2000 and 2100."), code=RankingError.YEARS) from None
    if not (FIRST_YEAR <= start <= LAST_YEAR and FIRST_YEAR <= end <= LAST_YEAR):
        raise ValidationError(_("The years are between 2000 and 2100."), code=RankingError.YEARS)
    if end < start:
        raise ValidationError(_("The last year is before the first."), code=RankingError.YEARS)
    texts = {"description_kk": clean_text(description_kk, limit=500, required=True), "description_ru": clean_text(description_ru, limit=500, required=True), "description_en": clean_text(description_en, limit=500)}
    with transaction.atomic():
        _locked(candidate.ranking)
        entry = RoadmapEntry.objects.create(candidate=candidate, layer=layer, year_from=start, year_to=end, **texts)
        record_event(action="ranking.roadmap", object_type="ranking.RoadmapEntry", object_id=entry.pk, after={"candidate": candidate.code, "layer": layer, "from": start, "to": end, **texts}, actor=actor)
    return entry


def remove_roadmap_entry(*, entry: RoadmapEntry, actor) -> None:
    with transaction.atomic():
        _locked(entry.candidate.ranking)
        before = {"candidate": entry.candidate.code, "layer": entry.layer, "from": entry.year_from, "to": entry.year_to}
        pk = entry.pk
        entry.delete()
        record_event(action="ranking.roadmap_removed", object_type="ranking.RoadmapEntry", object_id=pk, before=before, actor=actor)
