"""Risk scores: the combination rule, materiality, and contributions that add up to the score."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.base import FRAME_SCHEMAS
from niokr.control.indicators.risk import score

PAYMENTS = pl.DataFrame(
    [
        {"payment_id": 1, "agreement_id": 10, "right_id": 5, "payer_id": 100, "performer_id": 200, "paid_on": date(2024, 3, 1), "amount": 1_000_000, "year": 2024},
        {"payment_id": 2, "agreement_id": 10, "right_id": 5, "payer_id": 100, "performer_id": 200, "paid_on": date(2024, 12, 20), "amount": 9_000_000, "year": 2024},
        {"payment_id": 3, "agreement_id": 11, "right_id": 5, "payer_id": 100, "performer_id": 201, "paid_on": date(2024, 5, 1), "amount": 90_000_000, "year": 2024},
    ],
    schema={k: v for k, v in FRAME_SCHEMAS["payments"].items() if k in ("payment_id", "agreement_id", "right_id", "payer_id", "performer_id", "paid_on", "amount", "year")},
)
AGREEMENTS = pl.DataFrame(
    [{"agreement_id": 10, "payer_id": 100, "performer_id": 200, "signed_on": date(2024, 1, 10)}, {"agreement_id": 11, "payer_id": 100, "performer_id": 201, "signed_on": date(2024, 1, 10)}],
    schema={"agreement_id": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64, "signed_on": pl.Date},
)
WEIGHTS = {"NK-01": 90, "NK-07": 50, "NK-08": 40}


def _flags(rows):
    return pl.DataFrame(rows, schema={"indicator": pl.Utf8, "subject_type": pl.Utf8, "subject_id": pl.Int64, "year": pl.Int32, "payer_id": pl.Int64, "amount": pl.Int64})


def _by(scores, subject_type, subject_id, year=None):
    rows = scores.filter((pl.col("subject_type") == subject_type) & (pl.col("subject_id") == subject_id))
    if year is not None:
        rows = rows.filter(pl.col("year") == year)
    return rows.to_dicts()[0]


def test_a_payment_combines_its_indicators_like_independent_signals():
    flags = _flags([
        {"indicator": "NK-01", "subject_type": "payment", "subject_id": 2, "year": 2024, "payer_id": 100, "amount": 9_000_000},
        {"indicator": "NK-07", "subject_type": "payment", "subject_id": 2, "year": 2024, "payer_id": 100, "amount": 9_000_000},
    ])
    s = _by(score(flags, WEIGHTS, PAYMENTS, AGREEMENTS), "payment", 2)
    assert s["score"] == 95  # 1 - 0.1 × 0.5
    contributions = json.loads(s["contributions"])
    assert [c["indicator"] for c in contributions] == ["NK-01", "NK-07"]
    assert [c["points"] for c in contributions] == [90.0, 5.0]
    assert sum(c["points"] for c in contributions) == s["score"]


def test_materiality_scales_payment_flags_in_a_payer_year():
    # 1 of 100 million flagged: 1 % of the year, half of the full share (2 %): NK-07 counts at 0.5.
    flags = _flags([{"indicator": "NK-07", "subject_type": "payment", "subject_id": 1, "year": 2024, "payer_id": 100, "amount": 1_000_000}])
    scores = score(flags, WEIGHTS, PAYMENTS, AGREEMENTS)
    year = _by(scores, "payer_year", 100, 2024)
    assert year["score"] == 25 and json.loads(year["contributions"])[0]["materiality"] == 0.5
    # The agreement (10 million paid) has 10 % of its money flagged: fully material.
    assert _by(scores, "agreement", 10)["score"] == 50
    # The performer received 10 million: the same.
    assert _by(scores, "performer", 200)["score"] == 50
    # A year-level flag is fully material.
    flags = _flags([{"indicator": "NK-08", "subject_type": "payer_year", "subject_id": 100, "year": 2024, "payer_id": 100, "amount": None}])
    assert _by(score(flags, WEIGHTS, PAYMENTS, AGREEMENTS), "payer_year", 100, 2024)["score"] == 40


def test_no_flags_no_scores():
    assert score(_flags([]), WEIGHTS, PAYMENTS, AGREEMENTS).height == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(WEIGHTS)), st.sampled_from([1, 2, 3])), min_size=1, max_size=8))
def test_scores_are_bounded_and_contributions_add_up(picks):
    flags = _flags([{"indicator": code, "subject_type": "payment", "subject_id": pid, "year": 2024, "payer_id": 100, "amount": None} for code, pid in picks])
    scores = score(flags, WEIGHTS, PAYMENTS, AGREEMENTS)
    for row in scores.to_dicts():
        assert 0 <= row["score"] <= 100
        points = sum(c["points"] for c in json.loads(row["contributions"]))
        assert abs(points - row["score"]) <= 0.5 + 0.05 * len(json.loads(row["contributions"]))
