"""Decision mathematics against published worked examples and hand-computed cases (no database)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from niokr.ranking.mcda import (
    RANDOM_INDEX,
    SAATY_VALUES,
    McdaError,
    Method,
    Normalisation,
    ahp,
    flip_points,
    normalise,
    rank_alternatives,
    rescale_weights,
    saaty_matrix,
    topsis,
    weight_perturbation,
    weighted_sum,
)

# --- AHP ---------------------------------------------------------------------------------------

# Saaty, T. L. (1990). How to make a decision: the Analytic Hierarchy Process. European Journal of
# Operational Research 48, 9–26 — the house example, pairwise comparison of the eight criteria:
# size, transportation, neighbourhood, age, yard space, modern facilities, general condition,
# financing. Published: priorities .173 .054 .188 .018 .031 .036 .167 .333, λmax = 9.669,
# C.I. = 0.238, C.R. = 0.169 (above 0.10).
SAATY_HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
SAATY_HOUSE_WEIGHTS = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def test_ahp_reproduces_saatys_house_example_and_refuses_it():
    result = ahp(SAATY_HOUSE)
    assert [round(w, 3) for w in result.weights] == SAATY_HOUSE_WEIGHTS
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.ci, 3) == 0.238
    assert result.ri == 1.41
    assert round(result.cr, 3) == 0.169
    assert not result.acceptable and result.threshold == 0.10


def test_the_pair_to_revisit_first_is_neighbourhood_against_general_condition():
    # The judgement a_37 = 6 says neighbourhood is strongly more important than general condition,
    # while the weights make them nearly equal (.188/.167 ≈ 1.13): the largest log-ratio error.
    result = ahp(SAATY_HOUSE)
    first = result.pairs_to_revisit[0]
    assert (first.i, first.j, first.given) == (2, 6, 6.0)
    assert first.implied == pytest.approx(1.1275, abs=1e-3)
    assert first.deviation == pytest.approx(math.log(6 / first.implied))
    assert first.suggested == Fraction(1)
    assert len(result.pairs_to_revisit) == 3
    assert [p.deviation for p in result.pairs_to_revisit] == sorted(
        (p.deviation for p in result.pairs_to_revisit), reverse=True)
    # taking the suggestion brings the matrix under the threshold (CR 0.088)
    revised = np.array(SAATY_HOUSE, dtype=float)
    revised[2, 6] = revised[6, 2] = 1.0
    assert ahp(revised).acceptable


def test_ahp_reproduces_saatys_size_of_house_comparison():
    # Saaty (1990), same paper: houses A, B, C compared on size. Published: .754 .181 .065,
    # λmax = 3.136, C.I. = 0.068, C.R. = 0.117.
    result = ahp([[1, 6, 8], [1 / 6, 1, 4], [1 / 8, 1 / 4, 1]])
    assert [round(w, 3) for w in result.weights] == [0.754, 0.181, 0.065]
    assert (round(result.lambda_max, 3), round(result.ci, 3), round(result.cr, 3)) == (3.136, 0.068, 0.117)
    assert not result.acceptable


def test_three_by_three_matches_the_closed_form():
    # For n = 3 the principal eigenvector is the normalised row geometric means, and
    # λmax = 1 + (b/(ac))^(1/3) + (ac/b)^(1/3) for a12 = a, a13 = b, a23 = c.
    a, b, c = 2, 4, 3
    result = ahp(saaty_matrix(3, {(0, 1): a, (0, 2): b, (1, 2): c}))
    geometric = np.array([(a * b) ** (1 / 3), (c / a) ** (1 / 3), (1 / (b * c)) ** (1 / 3)])
    assert result.weights == pytest.approx(tuple(geometric / geometric.sum()))
    r = (b / (a * c)) ** (1 / 3)
    lambda_max = 1 + r + 1 / r
    assert result.lambda_max == pytest.approx(lambda_max)
    assert result.cr == pytest.approx((lambda_max - 3) / 2 / 0.58)
    assert result.acceptable and result.pairs_to_revisit == ()


def test_a_perfectly_consistent_matrix_has_cr_zero_and_gives_back_its_weights():
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    matrix = weights[:, None] / weights[None, :]
    result = ahp(matrix)
    assert result.weights == pytest.approx(tuple(weights))
    assert result.lambda_max == pytest.approx(4.0)
    assert result.cr == pytest.approx(0.0, abs=1e-12) and result.acceptable


def test_random_index_is_saatys_1980_table():
    assert dict(RANDOM_INDEX) == {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32,
                                  8: 1.41, 9: 1.45, 10: 1.49}


def test_two_criteria_are_always_consistent():
    result = ahp(saaty_matrix(2, {(1, 0): 7}))
    assert result.weights == pytest.approx((1 / 8, 7 / 8))
    assert result.cr == 0.0 and result.acceptable


@pytest.mark.parametrize(
    ("n", "judgements", "code"),
    [
        (3, {(0, 1): 3, (0, 2): 5}, "missing_pairs"),
        (3, {(0, 1): 3, (1, 0): 3, (0, 2): 5, (1, 2): 2}, "repeated_pair"),
        (3, {(0, 1): 10, (0, 2): 5, (1, 2): 2}, "judgement_off_scale"),
        (3, {(0, 1): 0.3, (0, 2): 5, (1, 2): 2}, "judgement_off_scale"),
        (3, {(0, 1): True, (0, 2): 5, (1, 2): 2}, "judgement_not_a_number"),
        (3, {(0, 0): 1, (0, 2): 5, (1, 2): 2}, "bad_pair"),
        (3, {(0, 3): 1, (0, 2): 5, (1, 2): 2}, "bad_pair"),
        (11, {}, "order_out_of_range"),
    ],
)
def test_saaty_matrix_refuses_incomplete_or_off_scale_judgements(n, judgements, code):
    with pytest.raises(McdaError) as error:
        saaty_matrix(n, judgements)
    assert error.value.code == code


def test_saaty_matrix_accepts_reciprocals_as_fractions_or_floats():
    matrix = saaty_matrix(3, {(0, 1): Fraction(1, 3), (2, 0): 1 / 5, (1, 2): 2})
    assert matrix[0, 1] == pytest.approx(1 / 3) and matrix[0, 2] == pytest.approx(5)
    assert np.allclose(matrix * matrix.T, 1)


@pytest.mark.parametrize(
    ("matrix", "code"),
    [
        ([[1, 2], [2, 1]], "not_reciprocal"),
        ([[1, 2, 3], [0.5, 1, 2]], "matrix_not_square"),
        ([[2, 1], [1, 2]], "diagonal_not_one"),
        ([[1, -1], [-1, 1]], "matrix_not_positive"),
        ([[1, float("inf")], [0, 1]], "matrix_not_positive"),
    ],
)
def test_ahp_refuses_a_matrix_that_is_not_positive_reciprocal(matrix, code):
    with pytest.raises(McdaError) as error:
        ahp(matrix)
    assert error.value.code == code


@settings(max_examples=100)
@given(st.lists(st.floats(0.05, 20, allow_nan=False), min_size=3, max_size=10))
def test_consistent_matrices_from_random_weights_give_cr_zero_and_recover_the_weights(raw):
    weights = np.array(raw) / sum(raw)
    result = ahp(weights[:, None] / weights[None, :])
    # The eigen-solver's rounding grows with the spread of the weights (up to 400:1 here): 1e-6 is far
    # below any figure a person reads, and far above the solver's noise.
    assert result.cr == pytest.approx(0.0, abs=1e-6)
    assert result.weights == pytest.approx(tuple(weights), rel=1e-6, abs=1e-9)


@settings(max_examples=100)
@given(st.integers(3, 10).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.sampled_from(SAATY_VALUES), min_size=n * (n - 1) // 2,
                                             max_size=n * (n - 1) // 2))))
def test_weights_of_any_saaty_matrix_are_positive_and_sum_to_one(case):
    n, values = case
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    result = ahp(saaty_matrix(n, dict(zip(pairs, values, strict=True))))
    assert all(w > 0 for w in result.weights)
    assert sum(result.weights) == pytest.approx(1.0)
    assert result.lambda_max >= n - 1e-9 and result.cr >= 0
    assert result.acceptable == (result.cr <= 0.10)


# --- TOPSIS and weighted sum --------------------------------------------------------------------

# Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
# Springer (Lecture Notes in Economics and Mathematical Systems 186) — the fighter-aircraft example:
# max speed (Mach), ferry range (NM), max payload (lb), acquisition cost ($10⁶, a cost),
# reliability and manoeuvrability (interval scale: average 5, low 3, high 7, very high 9);
# weights .2 .1 .1 .1 .2 .3; vector normalisation. Published (4-decimal intermediate rounding):
# S⁺ = .0545 .1197 .0580 .1009, S⁻ = .0983 .0439 .0920 .0458, C* = .643 .268 .613 .312;
# order A1 > A3 > A4 > A2.
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_BENEFIT = [True, True, True, False, True, True]


def test_topsis_reproduces_hwang_and_yoons_fighter_aircraft_example():
    result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    assert result.normalisation is Normalisation.VECTOR and result.method is Method.TOPSIS
    assert result.scores == pytest.approx((0.643, 0.268, 0.613, 0.312), abs=1e-3)
    assert result.d_plus == pytest.approx((0.0545, 0.1197, 0.0580, 0.1009), abs=2e-4)
    assert result.d_minus == pytest.approx((0.0983, 0.0439, 0.0920, 0.0458), abs=2e-4)
    assert result.ranks == (1, 4, 2, 3)
    assert result.top == (0,)
    stored = result.to_dict()
    assert stored["normalisation"] == "vector" and stored["ranks"] == [1, 4, 2, 3]


def test_topsis_with_min_max_on_a_hand_computed_case():
    # c1 benefit, c2 cost, weights .75/.25. Min–max: c1 → 0 1 .5; c2 (cost) → 1 0 .5.
    # v = (0, .25), (.75, 0), (.375, .125); A⁺ = (.75, .25), A⁻ = (0, 0);
    # D⁺ = .75, .25, √.15625; D⁻ = .25, .75, √.15625 → C = .25, .75, .5.
    matrix = [[1, 1], [3, 3], [2, 2]]
    result = topsis(matrix, [0.75, 0.25], [True, False], normalisation=Normalisation.MINMAX)
    assert result.scores == pytest.approx((0.25, 0.75, 0.5))
    assert result.ranks == (3, 1, 2)
    assert result.normalisation is Normalisation.MINMAX
    assert weighted_sum(matrix, [0.75, 0.25], [True, False]).scores == pytest.approx((0.25, 0.75, 0.5))


def test_weighted_sum_records_min_max_and_rescales_weights():
    result = weighted_sum(AIRCRAFT, [2, 1, 1, 1, 2, 3], AIRCRAFT_BENEFIT)
    assert result.normalisation is Normalisation.MINMAX and result.method is Method.WEIGHTED_SUM
    assert result.weights == pytest.approx(tuple(AIRCRAFT_WEIGHTS))
    # A3: speed (1.8−1.8)/.7 = 0, range (2000−1500)/1200 = 5/12, payload 1, cost (6.5−4.5)/2 = 1,
    # reliability 1, manoeuvrability (7−5)/4 = .5
    assert result.scores[2] == pytest.approx(0.2 * 0 + 0.1 * 5 / 12 + 0.1 * 1 + 0.1 * 1 + 0.2 * 1 + 0.3 * 0.5)
    with pytest.raises(McdaError):
        rank_alternatives(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, method=Method.WEIGHTED_SUM,
                          normalisation=Normalisation.VECTOR)


def test_equal_alternatives_tie_at_one_half():
    result = topsis([[1, 2], [1, 2]], [0.5, 0.5], [True, True])
    assert result.scores == (0.5, 0.5) and result.ranks == (1, 1)


@pytest.mark.parametrize(
    ("matrix", "weights", "benefit", "code"),
    [
        ([[1, -2], [3, 4]], [0.5, 0.5], [True, True], "negative_scores"),
        ([[1, 2], [3, 4]], [0.5, -0.5], [True, True], "weights_invalid"),
        ([[1, 2], [3, 4]], [0, 0], [True, True], "weights_invalid"),
        ([[1, 2], [3, 4]], [1], [True, True], "weights_shape"),
        ([[1, 2], [3, 4]], [0.5, 0.5], [True], "benefit_shape"),
        ([[1, 2], [3, 4]], [0.5, 0.5], [1, 0], "benefit_shape"),
        ([[1, float("nan")], [3, 4]], [0.5, 0.5], [True, True], "matrix_not_finite"),
        ([], [0.5], [True], "matrix_shape"),
    ],
)
def test_topsis_refuses_malformed_problems(matrix, weights, benefit, code):
    with pytest.raises(McdaError) as error:
        topsis(matrix, weights, benefit)
    assert error.value.code == code


def test_normalisations_on_a_small_matrix():
    matrix = [[3, 10], [4, 20]]
    assert normalise(matrix, [True, False], Normalisation.VECTOR) == pytest.approx(
        np.array([[0.6, 10 / math.sqrt(500)], [0.8, 20 / math.sqrt(500)]]))
    assert normalise(matrix, [True, False], Normalisation.MINMAX) == pytest.approx(np.array([[0, 1], [1, 0]]))


problems = st.integers(2, 6).flatmap(lambda m: st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.floats(0.1, 1000, allow_nan=False), min_size=n, max_size=n), min_size=m, max_size=m),
    st.lists(st.floats(0.01, 1, allow_nan=False), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
)))


@settings(max_examples=150)
@given(problems, st.sampled_from(list(Normalisation)))
def test_topsis_closeness_lies_in_the_unit_interval(problem, normalisation):
    matrix, weights, benefit = problem
    result = topsis(matrix, weights, benefit, normalisation=normalisation)
    assert all(0.0 <= c <= 1.0 for c in result.scores)
    assert sorted(result.ranks)[0] == 1


@settings(max_examples=150)
@given(problems, st.integers(0, 4), st.floats(0.001, 1000, allow_nan=False))
def test_vector_topsis_is_invariant_to_scaling_a_criterion(problem, column, factor):
    matrix, weights, benefit = problem
    column %= len(weights)
    scaled = [row[:column] + [row[column] * factor] + row[column + 1:] for row in matrix]
    before = topsis(matrix, weights, benefit)
    after = topsis(scaled, weights, benefit)
    assert after.scores == pytest.approx(before.scores, abs=1e-9)


@settings(max_examples=150)
@given(problems, st.sampled_from([(Method.TOPSIS, Normalisation.VECTOR), (Method.TOPSIS, Normalisation.MINMAX),
                                  (Method.WEIGHTED_SUM, Normalisation.MINMAX)]))
def test_a_dominating_alternative_ranks_first_alone(problem, how):
    matrix, weights, benefit = problem
    x = np.array(matrix)
    # at least as good as the best on every criterion, and strictly better on each one
    best = np.where(benefit, x.max(axis=0) * 1.1 + 1, x.min(axis=0) * 0.9)
    assume(all(w > 0 for w in weights))
    result = rank_alternatives([*matrix, list(best)], weights, benefit, method=how[0], normalisation=how[1])
    assert result.ranks[-1] == 1 and result.top == (len(matrix),)


# --- sensitivity --------------------------------------------------------------------------------


def test_rescaling_keeps_the_other_weights_in_proportion():
    assert rescale_weights([0.5, 0.3, 0.2], 0, 0.6) == pytest.approx(np.array([0.6, 0.24, 0.16]))
    assert rescale_weights([1.0, 0.0, 0.0], 0, 0.5) == pytest.approx(np.array([0.5, 0.25, 0.25]))
    with pytest.raises(McdaError):
        rescale_weights([0.5, 0.5], 0, 1.5)


# Two alternatives, two benefit criteria: A = (1, 0), B = (0, 1) after min–max, so the weighted
# sum is w₁ for A and 1 − w₁ for B: A leads while w₁ > 0.5, B while w₁ < 0.5.
SWAP = [[1, 0], [0, 1]]


def test_one_at_a_time_perturbation_reports_rank_changes():
    small = weight_perturbation(SWAP, [0.6, 0.4], [True, True], method=Method.WEIGHTED_SUM, delta=0.1)
    assert small.stable and len(small.cases) == 4
    large = weight_perturbation(SWAP, [0.6, 0.4], [True, True], method=Method.WEIGHTED_SUM, delta=0.3)
    by_case = {(c.criterion, round(c.change, 2)): c for c in large.cases}
    # w₁ .6 → .42 and w₂ .4 → .52 both put B first; the other two moves do not
    assert by_case[(0, -0.3)].top_changed and by_case[(0, -0.3)].changed_alternatives == 2
    assert by_case[(0, -0.3)].weights == pytest.approx((0.42, 0.58))
    assert by_case[(1, 0.3)].top_changed and by_case[(1, 0.3)].weights == pytest.approx((0.48, 0.52))
    assert not by_case[(0, 0.3)].top_changed and not by_case[(1, -0.3)].top_changed
    assert not large.stable


def test_flip_points_find_the_hand_computed_crossing():
    first, second = flip_points(SWAP, [0.6, 0.4], [True, True], method=Method.WEIGHTED_SUM)
    assert first.top == (0,)
    assert first.lower == pytest.approx(0.5, abs=1e-5) and first.lower_top is not None
    assert 1 in first.lower_top and first.upper is None
    assert second.upper == pytest.approx(0.5, abs=1e-5) and 1 in second.upper_top and second.lower is None


def test_no_flip_when_one_alternative_dominates():
    points = flip_points([[2, 2, 2], [1, 1, 1], [1.5, 0.5, 1]], [0.2, 0.3, 0.5], [True, True, True],
                         method=Method.TOPSIS)
    assert all(point.no_flip for point in points)


def test_flip_points_on_the_aircraft_example_are_real_boundaries():
    points = flip_points(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, method=Method.TOPSIS)
    assert any(not point.no_flip for point in points)
    for point in points:
        for edge, new_top in ((point.lower, point.lower_top), (point.upper, point.upper_top)):
            if edge is None:
                continue
            moved = rescale_weights(AIRCRAFT_WEIGHTS, point.criterion, edge)
            assert topsis(AIRCRAFT, moved, AIRCRAFT_BENEFIT).top == new_top != point.top
            inside = edge + (1e-5 if edge < point.current_weight else -1e-5)
            back = rescale_weights(AIRCRAFT_WEIGHTS, point.criterion, inside)
            assert topsis(AIRCRAFT, back, AIRCRAFT_BENEFIT).top == point.top
