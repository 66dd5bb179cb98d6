"""Delphi statistics against hand-computed fixtures and published worked examples (no database)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import friedmanchisquare

from niokr.foresight.stats import (
    ConsensusRules,
    RulesError,
    StatsError,
    VerdictStatus,
    coefficient_of_variation,
    consensus,
    count_dont_know,
    dropout_bias,
    iqr,
    item_stability,
    kendalls_w,
    median,
    panellist_changes,
    percent_in,
    quartiles,
    response_series,
    round_response,
    summarise,
)

ratings = st.lists(st.one_of(st.none(), st.integers(1, 9)), max_size=40)


# --- quantiles: Hyndman–Fan type 7, h = (n − 1)p, hand-computed --------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # even n: h = 0.75, 1.5, 2.25 → 1 + .75, 2 + .5, 3 + .25 (type 6 would give 1.25 / 3.75)
        ([4, 1, 3, 2], (1.75, 2.5, 3.25)),
        # odd n: h = 1, 2, 3 fall on order statistics
        ([5, 3, 1, 4, 2], (2.0, 3.0, 4.0)),
        # ties: sorted 7 7 7 8 9 9, h = 1.25 → 7; 2.5 → 7.5; 3.75 → 8 + .75·1
        ([9, 7, 8, 7, 9, 7], (7.0, 7.5, 8.75)),
        # a single value is its own three quartiles
        ([6], (6.0, 6.0, 6.0)),
        # don't know is left out: valid 3, 9 → h = .25 → 3 + .25·6
        ([None, 3, None, 9], (4.5, 6.0, 7.5)),
    ],
)
def test_quartiles_follow_type_7_on_hand_computed_fixtures(values, expected):
    assert quartiles(values) == pytest.approx(expected)
    assert median(values) == pytest.approx(expected[1])
    assert iqr(values) == pytest.approx(expected[2] - expected[0])


def test_statistics_of_no_valid_answer_are_none_and_dont_know_is_counted():
    assert median([None, None]) is None
    assert quartiles([]) is None
    assert iqr([None]) is None
    assert percent_in([None], 7, 9) is None
    assert count_dont_know([None, 5, None]) == 2
    summary = summarise([None, None, 8])
    assert (summary.n_valid, summary.n_dont_know, summary.median, summary.iqr) == (1, 2, 8.0, 0.0)


@given(ratings)
def test_quartiles_match_numpy_linear_and_are_ordered(values):
    answers = [v for v in values if v is not None]
    if not answers:
        assert quartiles(values) is None
        return
    q1, q2, q3 = quartiles(values)
    expected = np.quantile(answers, [0.25, 0.5, 0.75], method="linear")
    assert (q1, q2, q3) == pytest.approx(tuple(expected), abs=1e-12)
    assert min(answers) <= q1 <= q2 <= q3 <= max(answers)


def test_percent_in_counts_valid_answers_in_a_closed_band():
    values = [7, 8, 9, 1, None, 5]
    assert percent_in(values, 7, 9) == pytest.approx(60.0)
    assert percent_in(values, 1, 3) == pytest.approx(20.0)
    with pytest.raises(StatsError):
        percent_in(values, 9, 7)


@pytest.mark.parametrize("bad", [True, float("nan"), float("inf"), "7"])
def test_it_refuses_a_rating_that_is_not_a_finite_number(bad):
    with pytest.raises(StatsError):
        median([5, bad])


# --- consensus rules -------------------------------------------------------------------------


def test_default_rules_are_the_issue_defaults():
    rules = ConsensusRules()
    assert (rules.agreement_low, rules.agreement_high, rules.min_agreement_percent) == (7, 9, 70)
    assert (rules.disagreement_low, rules.disagreement_high, rules.max_disagreement_percent) == (1, 3, 15)
    assert rules.max_iqr == 2 and rules.min_valid == 3 and rules.combine == "all"


def test_consensus_is_reached_at_exactly_70_percent_agreement():
    # sorted 5 5 6 7 7 7 8 8 9 9: 7/10 in 7–9, none in 1–3, Q1 = 6 + .25 = 6.25, Q3 = 8 → IQR 1.75
    verdict = consensus([7, 7, 7, 8, 8, 9, 9, 5, 5, 6])
    assert verdict.status is VerdictStatus.REACHED and verdict.reached
    by_name = {c.name: c for c in verdict.criteria}
    assert by_name["agreement"].value == 70.0 and by_name["agreement"].passed
    assert by_name["disagreement"].value == 0.0
    assert by_name["iqr"].value == pytest.approx(1.75)
    assert (verdict.median, verdict.q1, verdict.q3) == (7.0, 6.25, 8.0)


def test_exactly_15_percent_disagreement_fails_the_strict_limit():
    # 20 answers: 3 in 1–3 (15 %), 15 in 7–9 (75 %); Q1 = 6 + .75 = 6.75, Q3 = 8 + .25 = 8.25
    values = [1, 2, 3, 5, 6] + [7] * 5 + [8] * 5 + [9] * 5
    verdict = consensus(values)
    by_name = {c.name: c for c in verdict.criteria}
    assert by_name["agreement"].passed and by_name["iqr"].passed
    assert by_name["disagreement"].value == 15.0 and not by_name["disagreement"].passed
    assert verdict.status is VerdictStatus.NOT_REACHED


def test_a_wide_iqr_blocks_consensus_despite_agreement():
    # sorted 4 5 6 7 7 7 9 9 9 9: agreement 70 %, Q1 = 6 + .25 = 6.25, Q3 = 9 → IQR 2.75 > 2
    verdict = consensus([4, 5, 6, 7, 7, 7, 9, 9, 9, 9])
    by_name = {c.name: c for c in verdict.criteria}
    assert by_name["agreement"].passed and by_name["disagreement"].passed
    assert by_name["iqr"].value == pytest.approx(2.75) and not by_name["iqr"].passed
    assert verdict.status is VerdictStatus.NOT_REACHED


def test_too_few_valid_answers_is_its_own_verdict_even_when_all_agree():
    verdict = consensus([9, 9, None, None])
    assert verdict.status is VerdictStatus.NOT_ENOUGH_ANSWERS
    assert (verdict.n_valid, verdict.n_dont_know) == (2, 2)
    assert all(c.passed for c in verdict.criteria)


def test_dont_know_does_not_dilute_agreement():
    assert consensus([7, 8, 9] + [None] * 10).status is VerdictStatus.REACHED
    assert consensus([]).status is VerdictStatus.NOT_ENOUGH_ANSWERS


def test_thresholds_are_compared_exactly():
    # IQR exactly 0.5 under a 0.5 limit passes; 2 of 3 (66.66… %) fails a 66.67 % agreement rule
    rules = ConsensusRules(max_iqr=0.5, min_agreement_percent=66.67)
    assert {c.name: c.passed for c in consensus([7, 7, 8], rules).criteria}["iqr"]  # Q1 7, Q3 7.5
    assert not {c.name: c.passed for c in consensus([7, 8, 5], rules).criteria}["agreement"]


def test_a_disabled_criterion_is_not_judged():
    verdict = consensus([4, 5, 6, 7, 7, 7, 9, 9, 9, 9], ConsensusRules(max_iqr=None))
    assert [c.name for c in verdict.criteria] == ["agreement", "disagreement"]
    assert verdict.reached


def test_ratings_outside_the_scale_are_refused():
    with pytest.raises(StatsError) as error:
        consensus([7, 10])
    assert error.value.code == "rating_out_of_scale"


def test_rules_survive_a_round_trip_through_a_dict():
    rules = ConsensusRules(min_agreement_percent=75, max_iqr=1, min_valid=5)
    stored = rules.to_dict()
    assert stored["version"] == 1 and stored["combine"] == "all"
    assert ConsensusRules.from_dict(stored) == rules
    assert consensus([8, 8, 8, 9, 9], rules).to_dict()["rules"] == stored


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"agreement_low": 3}, "bands_overlap"),
        ({"agreement_high": 10}, "agreement_band_out_of_scale"),
        ({"min_agreement_percent": 0}, "agreement_percent_out_of_range"),
        ({"min_agreement_percent": 150}, "agreement_percent_out_of_range"),
        ({"max_disagreement_percent": -1}, "disagreement_percent_out_of_range"),
        ({"max_iqr": 9}, "iqr_out_of_range"),
        ({"min_valid": 0}, "min_valid_out_of_range"),
        ({"min_valid": 3.0}, "rule_not_an_integer"),
        ({"max_iqr": True}, "rule_not_a_number"),
        ({"max_iqr": float("nan")}, "rule_not_a_number"),
        ({"combine": "any"}, "unknown_combination"),
        ({"scale_min": 9}, "scale_reversed"),
    ],
)
def test_it_refuses_inconsistent_rules(change, code):
    with pytest.raises(RulesError) as error:
        ConsensusRules(**change)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d.pop("max_iqr"), "missing_rule"),
        (lambda d: d.update(extra=1), "unknown_rule"),
        (lambda d: d.update(version=2), "unknown_version"),
    ],
)
def test_from_dict_refuses_incomplete_or_foreign_rules(mutate, code):
    data = ConsensusRules().to_dict()
    mutate(data)
    with pytest.raises(RulesError) as error:
        ConsensusRules.from_dict(data)
    assert error.value.code == code


@given(ratings, st.integers(0, 5))
def test_adding_dont_know_never_changes_a_verdict_but_its_count(values, extra):
    before = consensus(values)
    after = consensus(values + [None] * extra)
    assert (after.status, after.median, after.iqr, after.criteria) == (
        before.status, before.median, before.iqr, before.criteria)
    assert after.n_dont_know == before.n_dont_know + extra


# --- Kendall's W -------------------------------------------------------------------------------


def test_kendalls_w_on_siegel_1956_three_executives_six_applicants():
    # Siegel (1956), Nonparametric Statistics for the Behavioral Sciences, ch. 9: R_j = 8 14 11 11
    # 11 8, s = 25.5, W = 12·25.5 / (3²·(6³ − 6)) = 0.162 (".16" in the book).
    matrix = [[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]]
    result = kendalls_w(matrix)
    assert result.w == pytest.approx(25.5 * 12 / (9 * 210))
    assert round(result.w, 2) == 0.16
    assert result.df == 5 and result.chi_square == pytest.approx(3 * 5 * result.w)


def test_kendalls_w_with_ties_matches_the_published_anxiety_example():
    # R irr::kendall / DescTools::KendallW(anxiety, correct=TRUE) documentation example: 20
    # subjects rated 1–6 by 3 raters, many ties. Published: W = 0.5396569, Kendall χ² = 30.76,
    # df = 19, p = 0.04288. (Without the tie correction W would be 0.5019.)
    rater1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3]
    rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
    rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
    result = kendalls_w([rater1, rater2, rater3])
    assert result.w == pytest.approx(0.5396569, abs=1e-7)
    assert result.chi_square == pytest.approx(30.76, abs=0.005)
    assert result.df == 19
    assert result.p_value == pytest.approx(0.04288, abs=5e-6)
    assert (result.raters_used, result.items, result.tie_corrected) == (3, 20, True)


def test_kendalls_w_matches_siegel_and_castellan_1988_travel_attributes():
    # Siegel & Castellan (1988), as reproduced in the DescTools::KendallW documentation: three
    # people rank eight attributes; published W = 0.6560847, χ² = 13.778, df = 7, p = 0.05528.
    matrix = [
        [5, 6, 7, 1, 2, 4, 3, 8],
        [1, 7, 6, 2, 3, 5, 4, 8],
        [4, 5, 1, 3, 2, 7, 6, 8],
    ]
    result = kendalls_w(matrix)
    assert result.w == pytest.approx(0.6560847, abs=1e-7)
    assert result.chi_square == pytest.approx(13.778, abs=5e-4)
    assert result.p_value == pytest.approx(0.05528, abs=5e-6)


def test_tie_correction_on_a_hand_computed_case():
    # rater 1 ratings 1 1 2 → ranks 1.5 1.5 3 (one tie of 2: T = 2³ − 2 = 6); rater 2 → 1 2 3.
    # R = 2.5 3.5 6, mean 4, S = 6.5; W = 12·6.5 / (2²·(27 − 3) − 2·6) = 78/84 = 13/14.
    result = kendalls_w([[1, 1, 2], [1, 2, 3]])
    assert result.w == pytest.approx(13 / 14)
    assert result.chi_square == pytest.approx(2 * 2 * 13 / 14)


def test_complete_agreement_is_one_and_reversal_is_zero():
    assert kendalls_w([[1, 2, 3, 4]] * 5).w == pytest.approx(1.0)
    assert kendalls_w([[1, 2, 3, 4], [4, 3, 2, 1]]).w == pytest.approx(0.0)


def test_raters_with_a_missing_answer_are_left_out_listwise():
    full = [[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]]
    with_gap = full + [[2, None, 3, 4, 5, 6]]
    result = kendalls_w(with_gap)
    assert (result.raters_used, result.raters_excluded) == (3, 1)
    assert result.w == pytest.approx(kendalls_w(full).w)


@pytest.mark.parametrize(
    ("matrix", "reason"),
    [
        ([[1, 2, 3], [None, 2, 3]], "too_few_raters"),
        ([[1], [2]], "too_few_items"),
        ([[5, 5, 5], [7, 7, 7]], "all_tied"),
        ([], "too_few_items"),
    ],
)
def test_w_is_undefined_with_a_reason(matrix, reason):
    result = kendalls_w(matrix)
    assert result.w is None and result.p_value is None and result.reason == reason


def test_a_ragged_matrix_is_refused():
    with pytest.raises(StatsError):
        kendalls_w([[1, 2, 3], [1, 2]])


matrices = st.integers(2, 6).flatmap(
    lambda m: st.integers(3, 8).flatmap(
        lambda n: st.lists(st.lists(st.integers(1, 9), min_size=n, max_size=n), min_size=m, max_size=m)))


@settings(max_examples=150)
@given(matrices)
def test_w_is_in_unit_interval_and_its_chi_square_is_friedmans(matrix):
    result = kendalls_w(matrix)
    if result.w is None:
        assert result.reason == "all_tied"
        return
    assert 0.0 <= result.w <= 1.0
    # scipy's Friedman test (items as treatments, raters as blocks) carries the same tie correction
    statistic, p_value = friedmanchisquare(*np.array(matrix, dtype=float).T)
    assert result.chi_square == pytest.approx(statistic, rel=1e-9, abs=1e-9)
    assert result.p_value == pytest.approx(p_value, rel=1e-9, abs=1e-12)
    # W depends on the raters, not their order
    assert kendalls_w(matrix[::-1]).w == pytest.approx(result.w)


# --- stability and drop-out ---------------------------------------------------------------------


def test_coefficient_of_variation_uses_the_sample_standard_deviation():
    assert coefficient_of_variation([7, 8, 9]) == pytest.approx(1 / 8)
    assert coefficient_of_variation([7, 7, 9, 9, None]) == pytest.approx(math.sqrt(4 / 3) / 8)
    assert coefficient_of_variation([5]) is None


def test_item_stability_between_rounds_on_a_hand_computed_case():
    previous = {"a": 5, "b": 7, "c": 9, "d": None}
    current = {"a": 7, "b": 7, "c": 9, "d": 8}
    result = item_stability(previous, current)
    cv_previous = 2 / 7  # 5 7 9: mean 7, s = 2
    cv_current = math.sqrt(2.75 / 3) / 7.75  # 7 7 9 8: mean 7.75, Σ(x − x̄)² = 2.75
    assert result.cv_previous == pytest.approx(cv_previous)
    assert result.cv_current == pytest.approx(cv_current)
    assert result.cv_change == pytest.approx(cv_current - cv_previous)
    assert result.stability == pytest.approx(1 - abs(cv_current - cv_previous))
    assert result.one_minus_cv == pytest.approx(1 - cv_current)
    # d moved from don't know to 8: not a rating change, not compared
    assert (result.compared, result.changed) == (3, 1)
    assert result.changed_percent == pytest.approx(100 / 3)
    assert result.stable is False
    assert item_stability({"a": 7, "b": 8}, {"a": 7, "b": 8}).stable is True


def test_panellist_changes_count_items_changed_per_panellist():
    previous = {"x": {"p1": 5, "p2": 7, "p3": None}, "y": {"p1": 3, "p2": 7}}
    current = {"x": {"p1": 6, "p2": 7, "p3": 8}, "y": {"p1": 4}}
    assert panellist_changes(previous, current) == {"p1": 2, "p2": 0}


def test_response_and_dropout_per_round():
    first, second = response_series([({1, 2, 3, 4, 5}, {1, 2, 3, 4}), ({1, 2, 3, 4, 5}, {1, 2, 5})])
    assert (first.invited, first.responded, first.response_percent, first.dropped_count) == (5, 4, 80.0, 0)
    assert (second.responded, second.response_percent) == (3, 60.0)
    assert second.dropped == {3, 4} and second.returned == {5}
    with pytest.raises(StatsError):
        round_response(round_number=1, invited={1}, responded={2})


def test_dropout_bias_warns_when_leavers_carried_the_previous_result():
    previous = {
        # all five: 3 of 5 in 7–9 (60 %) → not reached, median 7; stayers p1–p3: 100 %, median 8
        "x": {"p1": 9, "p2": 8, "p3": 7, "p4": 2, "p5": 1},
        "y": {"p1": 8, "p2": 8, "p3": 8, "p4": 8, "p5": 8},
    }
    current = {"x": {"p1": 9, "p2": 8, "p3": None}, "y": {"p1": 8}}
    check = dropout_bias(previous, current, ConsensusRules())
    assert (check.stayed, check.dropped) == (3, 2)
    assert check.warning and check.flagged_items == ("x",)
    x = check.items[0]
    assert x.verdict_all.status is VerdictStatus.NOT_REACHED and x.verdict_all.median == 7.0
    assert x.verdict_stayed.status is VerdictStatus.REACHED and x.verdict_stayed.median == 8.0
    assert x.verdict_changed and x.median_changed


def test_no_dropout_no_warning():
    previous = {"x": {"p1": 9, "p2": 8, "p3": 2}}
    check = dropout_bias(previous, {"x": {"p1": 9, "p2": 9, "p3": 9}}, current_respondents={"p1", "p2", "p3"})
    assert not check.warning and check.dropped == 0
