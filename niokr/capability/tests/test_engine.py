"""The pure engines: the readiness level from answers and thresholds, and the audit's scores and archetypes.

Hand-computed fixtures first, then the laws pinned by hypothesis: meeting more questions never lowers
the level; a question failed at level k caps the level at k − 1; the level is sound and maximal.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.capability.engine import (
    LevelQuestion,
    ScoredAnswer,
    archetype_of,
    audit_scores,
    met,
    readiness_level,
    to_decimal,
)

# ---- fixtures ------------------------------------------------------------------------------------

QUESTIONS = [
    LevelQuestion("1a", 1), LevelQuestion("1b", 1),
    LevelQuestion("2a", 2), LevelQuestion("2b", 2, threshold=80),
    LevelQuestion("3a", 3),
]


def test_no_answer_reaches_no_level():
    result = readiness_level(QUESTIONS, {}, max_level=3)
    assert result.level == 0 and result.next_level == 1 and result.blocking == ("1a", "1b")
    assert result.unanswered == ("1a", "1b", "2a", "2b", "3a")


def test_a_percentage_at_the_threshold_meets_it_and_one_below_does_not():
    answers = {"1a": 100, "1b": 100, "2a": 100, "2b": 80}
    assert readiness_level(QUESTIONS, answers, max_level=3).level == 2
    assert readiness_level(QUESTIONS, {**answers, "2b": 79}, max_level=3).level == 1


def test_a_question_failed_low_caps_the_level_however_much_is_met_above():
    answers = {"1a": 100, "1b": 0, "2a": 100, "2b": 100, "3a": 100}
    result = readiness_level(QUESTIONS, answers, max_level=3)
    assert result.level == 0 and result.blocking == ("1b",)


def test_every_question_met_reaches_the_top():
    answers = {q.key: 100 for q in QUESTIONS}
    result = readiness_level(QUESTIONS, answers, max_level=3)
    assert result.level == 3 and result.next_level is None and result.blocking == ()


def test_a_level_without_questions_stops_the_climb():
    questions = [LevelQuestion("1", 1), LevelQuestion("3", 3)]
    result = readiness_level(questions, {"1": 100, "3": 100}, max_level=3)
    assert result.level == 1 and result.next_level == 2 and result.blocking == ()


def test_questions_above_the_top_are_ignored():
    questions = [LevelQuestion("1", 1), LevelQuestion("11", 11)]
    assert readiness_level(questions, {"1": 100}, max_level=1).level == 1


def test_an_unanswered_question_is_not_met():
    assert not met(LevelQuestion("a", 1, 1), None)
    assert met(LevelQuestion("a", 1, 1), 1)


def test_audit_scores_are_dimension_means_and_the_overall_weighs_dimensions_equally():
    answers = [ScoredAnswer("a", 1), ScoredAnswer("a", 2), ScoredAnswer("a", 4), ScoredAnswer("b", 4)]
    scores = audit_scores(answers, expected=["a", "b"])
    assert scores.dimensions == {"a": Fraction(7, 3), "b": Fraction(4)}
    assert scores.overall == Fraction(19, 6)  # (7/3 + 4) / 2, not the mean of the four answers (11/4)
    assert to_decimal(scores.overall) == to_decimal(Fraction(317, 100))


def test_rounding_is_half_up():
    assert str(to_decimal(Fraction(1, 8))) == "0.13"  # 0.125 → 0.13
    assert str(to_decimal(Fraction(5, 2))) == "2.50"


@pytest.mark.parametrize("dimensions, expected", [
    ({"strategy": Fraction(4), "a": Fraction(4), "b": Fraction(5, 2)}, "creative"),        # overall 3.5, weakest 2.5
    ({"strategy": Fraction(4), "a": Fraction(4), "b": Fraction(9, 4)}, "strategic"),       # weakest below 2.5
    ({"strategy": Fraction(9, 4), "a": Fraction(4), "b": Fraction(4)}, "reactive"),        # overall 3.42 but strategy < 2.5
    ({"strategy": Fraction(5, 2), "a": Fraction(5, 2), "b": Fraction(5, 2)}, "strategic"),
    ({"strategy": Fraction(7, 4), "a": Fraction(7, 4)}, "reactive"),
    ({"strategy": Fraction(3, 2), "a": Fraction(2)}, "reactive"),                            # overall exactly 1.75
    ({"strategy": Fraction(1), "a": Fraction(2)}, "passive"),
])
def test_archetypes_follow_the_documented_thresholds(dimensions, expected):
    assert archetype_of(dimensions) == expected


def test_an_incomplete_audit_has_no_archetype():
    assert audit_scores([ScoredAnswer("a", 4)], expected=["a", "b"]).archetype is None


def test_a_score_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        audit_scores([ScoredAnswer("a", 5)])
    with pytest.raises(ValueError):
        audit_scores([ScoredAnswer("a", 0)])


# ---- properties ----------------------------------------------------------------------------------


@st.composite
def question_sets(draw):
    top = draw(st.integers(1, 10))
    questions = []
    for level in range(1, top + 1):
        for k in range(draw(st.integers(0 if level > 1 else 1, 4))):
            questions.append(LevelQuestion(f"{level}.{k}", level, draw(st.integers(1, 100))))
    answers = {q.key: draw(st.one_of(st.none(), st.integers(0, 100))) for q in questions}
    return top, questions, answers


@settings(max_examples=400, deadline=None)
@given(data=question_sets(), more=st.data())
def test_meeting_more_questions_never_lowers_the_level(data, more):
    top, questions, answers = data
    before = readiness_level(questions, answers, max_level=top).level
    raised = dict(answers)
    for q in questions:
        if more.draw(st.booleans(), label=f"raise {q.key}"):
            raised[q.key] = max(raised[q.key] or 0, more.draw(st.integers(0, 100)))
    assert readiness_level(questions, raised, max_level=top).level >= before


@settings(max_examples=400, deadline=None)
@given(data=question_sets(), pick=st.data())
def test_a_failed_question_at_level_k_caps_the_level_at_k_minus_one(data, pick):
    top, questions, answers = data
    question = pick.draw(st.sampled_from(questions))
    failed = {**answers, question.key: pick.draw(st.one_of(st.none(), st.integers(0, question.threshold - 1)))}
    assert readiness_level(questions, failed, max_level=top).level <= question.level - 1


@settings(max_examples=400, deadline=None)
@given(data=question_sets())
def test_the_level_is_sound_and_maximal(data):
    top, questions, answers = data
    result = readiness_level(questions, answers, max_level=top)
    assert all(met(q, answers.get(q.key)) for q in questions if q.level <= result.level)
    assert all(any(q.level == level for q in questions) for level in range(1, result.level + 1))
    if result.level < top:
        above = [q for q in questions if q.level == result.level + 1]
        assert not above or not all(met(q, answers.get(q.key)) for q in above)
        assert set(result.blocking) == {q.key for q in above if not met(q, answers.get(q.key))}


@settings(max_examples=300, deadline=None)
@given(scores=st.lists(st.tuples(st.sampled_from(["strategy", "a", "b", "c"]), st.integers(1, 4)), min_size=1, max_size=30), seed=st.randoms())
def test_audit_scores_stay_on_the_scale_and_ignore_the_order_of_answers(scores, seed):
    answers = [ScoredAnswer(d, s) for d, s in scores]
    first = audit_scores(answers)
    shuffled = list(answers)
    seed.shuffle(shuffled)
    assert audit_scores(shuffled) == first
    assert 1 <= first.overall <= 4 and all(1 <= v <= 4 for v in first.dimensions.values())
    assert min(first.dimensions.values()) <= first.overall <= max(first.dimensions.values())


@settings(max_examples=300, deadline=None)
@given(base=st.dictionaries(st.sampled_from(["strategy", "a", "b", "c", "d"]), st.integers(4, 16).map(lambda n: Fraction(n, 4)), min_size=1), bump=st.sampled_from(["strategy", "a", "b", "c", "d"]))
def test_a_higher_dimension_score_never_lowers_the_archetype(base, bump):
    order = ["passive", "reactive", "strategic", "creative"]
    higher = dict(base)
    if bump in higher:
        higher[bump] = min(Fraction(4), higher[bump] + Fraction(1, 4))
    assert order.index(archetype_of(higher)) >= order.index(archetype_of(base))
