"""The pure engines of the capability app: a readiness level from answers, and an audit's scores.

Nothing here imports Django: plain data in, plain data out, so the rules can be pinned by property
tests and called by a service, a page, the generator or another app alike.

**Readiness level** (TRL, MRL, CRL — the AFRL/NASA calculators' rule): the level is the highest
``L`` such that *every* question at levels ``1..L`` meets its threshold. A level that holds no
question stops the climb (a gap in a question set never lets a level be reached unasked). An
answer is a percentage 0–100 (a "yes" is 100, a "no" 0); it meets its question when it is at least
the question's threshold; an unanswered question is not met.

**Audit scores** (Rush–Bessant–Hobday technology-capability audit): each dimension's score is the
mean of its questions' scores (1–4); the overall score is the mean of the dimension scores (each
dimension weighs the same, whatever its number of questions); the archetype follows from the
overall score, the weakest dimension and the technology-strategy dimension by
:data:`ARCHETYPE_RULES`. Means are computed exactly (fractions) and rounded half up to two places
only for display and storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

__all__ = [
    "LevelQuestion",
    "LevelResult",
    "readiness_level",
    "met",
    "ScoredAnswer",
    "AuditScores",
    "audit_scores",
    "archetype_of",
    "ARCHETYPE_RULES",
    "STRATEGY_DIMENSION",
    "SCORE_MIN",
    "SCORE_MAX",
    "to_decimal",
]

#: The audit's scale.
SCORE_MIN, SCORE_MAX = 1, 4


# --------------------------------------------------------------------------------------------------
# Readiness level
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelQuestion:
    """One question of a readiness set: its key, the level it belongs to and its threshold (1–100 %)."""

    key: str
    level: int
    threshold: int = 100


@dataclass(frozen=True)
class LevelResult:
    """The level reached and why not higher.

    Attributes:
        level: the highest level whose questions and those of every level below are met (0: none).
        next_level: the level above it, if the set has one.
        blocking: the keys of the questions of ``next_level`` that are not met (why not higher).
        unanswered: the keys of the set's questions with no answer, in level order.
    """

    level: int
    next_level: int | None
    blocking: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()


def met(question: LevelQuestion, answer: int | None) -> bool:
    """Whether ``answer`` (a percentage, ``None``: not answered) meets ``question``'s threshold."""
    return answer is not None and answer >= question.threshold


def readiness_level(questions: Iterable[LevelQuestion], answers: Mapping[str, int | None], *, max_level: int = 9) -> LevelResult:
    """The readiness level ``questions`` and ``answers`` give (see the module docstring).

    Args:
        questions: the set's questions (any order).
        answers: question key → percentage 0–100 (``None`` or absent: not answered).
        max_level: the top of the scale (9 for TRL and CRL, 10 for MRL); questions above it are ignored.
    """
    by_level: dict[int, list[LevelQuestion]] = {}
    for question in questions:
        if 1 <= question.level <= max_level:
            by_level.setdefault(question.level, []).append(question)
    unanswered = tuple(q.key for level in sorted(by_level) for q in sorted(by_level[level], key=lambda q: q.key) if answers.get(q.key) is None)
    reached = 0
    for level in range(1, max_level + 1):
        asked = by_level.get(level)
        failing = tuple(sorted(q.key for q in asked or () if not met(q, answers.get(q.key))))
        if not asked or failing:
            return LevelResult(level=reached, next_level=level, blocking=failing, unanswered=unanswered)
        reached = level
    return LevelResult(level=reached, next_level=None, unanswered=unanswered)


# --------------------------------------------------------------------------------------------------
# Audit scores and archetypes
# --------------------------------------------------------------------------------------------------

#: The dimension whose score separates a strategic firm from a reactive one.
STRATEGY_DIMENSION = "strategy"

#: The archetype rules, tried from the top: the first whose conditions hold is the archetype.
#: ``overall``: the least overall score; ``weakest``: the least score of any dimension;
#: ``strategy``: the least score of the technology-strategy dimension (when the questionnaire has it).
ARCHETYPE_RULES: tuple[tuple[str, dict[str, Fraction]], ...] = (
    ("creative", {"overall": Fraction(13, 4), "weakest": Fraction(5, 2)}),
    ("strategic", {"overall": Fraction(5, 2), "strategy": Fraction(5, 2)}),
    ("reactive", {"overall": Fraction(7, 4)}),
    ("passive", {}),
)


@dataclass(frozen=True)
class ScoredAnswer:
    """One answered audit question: its dimension's key and its score (1–4)."""

    dimension: str
    score: int


@dataclass(frozen=True)
class AuditScores:
    """An audit's scores (exact fractions; :func:`to_decimal` rounds them for display).

    Attributes:
        dimensions: dimension key → mean score of its answered questions (dimensions with no answer absent).
        overall: the mean of the dimension scores (``None`` with no answer).
        archetype: the archetype (``None`` unless every dimension in ``expected`` has a score).
    """

    dimensions: dict[str, Fraction] = field(default_factory=dict)
    overall: Fraction | None = None
    archetype: str | None = None


def archetype_of(dimensions: Mapping[str, Fraction]) -> str:
    """The archetype of complete dimension scores by :data:`ARCHETYPE_RULES`."""
    if not dimensions:
        raise ValueError("no dimension scores")
    values = {
        "overall": sum(dimensions.values(), Fraction(0)) / len(dimensions),
        "weakest": min(dimensions.values()),
        "strategy": dimensions.get(STRATEGY_DIMENSION, sum(dimensions.values(), Fraction(0)) / len(dimensions)),
    }
    for name, conditions in ARCHETYPE_RULES:
        if all(values[key] >= bound for key, bound in conditions.items()):
            return name
    raise AssertionError("the last rule has no condition")  # pragma: no cover


def audit_scores(answers: Iterable[ScoredAnswer], *, expected: Iterable[str] = ()) -> AuditScores:
    """Score an audit's answers (see the module docstring).

    Args:
        answers: the answered questions; a score outside 1–4 is refused (``ValueError``).
        expected: the questionnaire's dimension keys; the archetype is given only when each has a score.
    """
    sums: dict[str, list[int]] = {}
    for answer in answers:
        if not (SCORE_MIN <= answer.score <= SCORE_MAX):
            raise ValueError(f"score {answer.score} is outside {SCORE_MIN}–{SCORE_MAX}")
        sums.setdefault(answer.dimension, []).append(answer.score)
    dimensions = {key: Fraction(sum(scores), len(scores)) for key, scores in sums.items()}
    if not dimensions:
        return AuditScores()
    overall = sum(dimensions.values(), Fraction(0)) / len(dimensions)
    expected = set(expected)
    complete = expected <= set(dimensions) if expected else True
    return AuditScores(dimensions=dimensions, overall=overall, archetype=archetype_of(dimensions) if complete else None)


def to_decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A fraction rounded half up to ``places`` decimal places (``None`` stays ``None``)."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)
