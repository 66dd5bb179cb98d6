"""Scoring flags against labelled problems: matching rules, precision, recall, clean subjects."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from niokr.control.evaluation import load_truth, score_flags, subject_keys
from niokr.projects.models import Payment

PROBLEMS = [
    {"code": "affiliate_payment", "subject_type": "payment", "subject": {"payment_id": 1}, "detail": {}},
    {"code": "affiliate_payment", "subject_type": "payment", "subject": {"payment_id": 2}, "detail": {}},
    {"code": "duplicate_payment", "subject_type": "payment", "subject": {"payment_ids": [3, 4]}, "detail": {}},
    {"code": "december_dump", "subject_type": "payer_year", "subject": {"payer_id": 9, "year": 2024}, "detail": {}},
    {"code": "missing_base", "subject_type": "right_year", "subject": {"right_id": 5, "year": 2020}, "detail": {}},
]
CODES = {"NK-02": ("affiliate_payment",), "NK-06": ("duplicate_payment",), "NK-08": ("december_dump",)}


def test_subject_keys():
    assert subject_keys(PROBLEMS[2]) == [("payment", 3, None), ("payment", 4, None)]
    assert subject_keys(PROBLEMS[3]) == [("payer_year", 9, 2024)]
    with pytest.raises(ValueError):
        subject_keys({"subject_type": "galaxy", "subject": {}})


def test_precision_recall_and_clean_rate():
    flags = [
        ("NK-02", "payment", 1, 2024),  # true
        ("NK-02", "payment", 7, 2024),  # false: clean payment
        ("NK-06", "payment", 4, 2023),  # true: either copy counts
        ("NK-08", "payer_year", 9, 2024),  # true
        ("NK-08", "payer_year", 9, 2023),  # false: another year
        ("NK-16", "agreement", 11, None),  # unlabelled indicator
    ]
    card = score_flags(flags, PROBLEMS, CODES, {"payment": 100, "payer_year": 10, "agreement": 50, "right_year": 20})
    rows = {r["indicator"]: r for r in card.indicators}
    assert (rows["NK-02"]["precision"], rows["NK-02"]["recall"], rows["NK-02"]["f1"]) == (0.5, 0.5, 0.5)
    assert (rows["NK-06"]["precision"], rows["NK-06"]["recall"]) == (1.0, 1.0)
    assert rows["NK-16"]["truth_codes"] == [] and "precision" not in rows["NK-16"]
    codes = {r["code"]: r for r in card.codes}
    assert codes["missing_base"] == {"code": "missing_base", "problems": 1, "found": 0, "recall": 0.0, "indicators": []}
    assert card.overall == {"flags": 5, "tp": 3, "precision": 0.6, "problems": 5, "found": 3, "recall": 0.6, "f1": 0.6}
    clean = {r["subject_type"]: r for r in card.clean}
    assert clean["payment"] == {"subject_type": "payment", "clean": 96, "flagged": 1, "rate": round(1 / 96, 4)}
    assert clean["agreement"]["flagged"] == 1 and clean["right_year"]["flagged"] == 0


def test_no_flags_means_no_precision_and_zero_recall():
    card = score_flags([], PROBLEMS, CODES, {"payment": 10})
    assert card.overall["precision"] is None and card.overall["recall"] == 0.0


def test_truth_file_forms(tmp_path):
    doc = tmp_path / "truth.json"
    doc.write_text(json.dumps({"as_of": "2026-11-20", "problems": PROBLEMS}), encoding="utf-8")
    assert len(load_truth(doc)) == 5
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(PROBLEMS), encoding="utf-8")
    assert len(load_truth(bare)) == 5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"problems": 3}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_truth(bad)


@pytest.mark.django_db
def test_evaluate_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("control", "evaluate", "--truth", str(tmp_path / "none.json"))
    assert exc.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("control", "evaluate")


@pytest.mark.django_db
def test_evaluate_counts_payer_years_by_the_year_a_payment_is_credited_to(audited, tmp_path):
    # Paid in January 2026 for 2025: the same payer-year as the fixture's 2025 payments, as the indicators count it.
    Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2026, 1, 20), amount=Decimal("10.00"), purpose="НИР", document_number="PP-3", for_year=2025)
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps({"as_of": "2026-11-20", "problems": []}), encoding="utf-8")
    out = io.StringIO()
    call_command("control", "evaluate", "--truth", str(truth), "--stored", "--json", stdout=out)
    clean = {r["subject_type"]: r for r in json.loads(out.getvalue())["clean"]}
    assert clean["payer_year"]["clean"] == 1 and clean["payer_year"]["flagged"] == 1
