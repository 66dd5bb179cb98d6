"""The priority classifier: reproducible evaluation on its held-out lines, suggestions in bulk."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from niokr.portfolio import classifier
from niokr.portfolio.models import PriorityTag
from niokr.portfolio.services import suggest_tags


def test_the_corpus_is_large_trilingual_and_its_held_out_part_is_apart():
    lines = classifier.corpus()
    assert len(lines) >= 300
    assert {line.lang for line in lines} == {"kk", "ru", "en"}
    assert {line.direction for line in lines} == set(classifier.DIRECTIONS)
    test = [line for line in lines if line.split == "test"]
    assert len(test) >= 60 and {line.direction for line in test} == set(classifier.DIRECTIONS)
    assert len({line.text for line in lines}) == len(lines)


def test_the_evaluation_is_reproducible_and_says_what_the_docs_say():
    first = classifier.evaluate()
    classifier._fitted.clear()
    second = classifier.evaluate()
    assert first == second
    assert first.lines == sum(sum(row) for row in first.confusion)
    assert first.accuracy == sum(first.confusion[i][i] for i in range(4)) / first.lines
    assert first.accuracy >= 0.6  # far above chance (0.25) on subjects it has never seen
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[3] / "docs" / "portfolio.md").read_text(encoding="utf-8")
    assert f"{first.accuracy * 100:.1f}" in docs


def test_the_command_prints_the_figures(capsys):
    out = StringIO()
    call_command("portfolio_classifier", "evaluate", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["accuracy"] == round(classifier.evaluate().accuracy, 4)
    assert len(data["confusion"]["matrix"]) == 4


def test_empty_and_hostile_texts_get_no_suggestion():
    got = classifier.suggest(["", "   ", "№ 12/2024 от 01.02.2024", "x" * 100000, "a\x00b"])
    assert [g.direction for g in got[:3]] == ["", "", ""]
    assert all(0.0 <= g.confidence <= 1.0 for g in got)


@pytest.mark.django_db
def test_suggest_fills_untagged_records_once(country):
    written = suggest_tags(chunk=2)
    # Untagged: the project without a direction, the bare agreement, the untagged project's agreement,
    # their payments and the untagged project's result.
    assert written["project"] == 1 and written["agreement"] == 2 and written["result"] == 1 and written["payment"] == 2
    tag = PriorityTag.objects.get(subject_kind="agreement", subject_id=country.a_bare.pk)
    assert tag.suggested_direction == "medtech" and tag.confirmed_at is None and tag.direction == ""
    assert suggest_tags() == {"project": 0, "agreement": 0, "payment": 0, "result": 0}


@pytest.mark.django_db
def test_the_pilot_suggests_and_confirms_part_of_the_untagged_records(country, personas):
    from niokr.synthetic import portfolio_pilot

    analyst = personas.user("policy_analyst", country.state_body)
    counts = portfolio_pilot.build(1)
    assert counts["portfolio.suggested_agreement"] == 2 and counts["portfolio.suggested_result"] == 1
    confirmed = PriorityTag.objects.exclude(confirmed_at=None)
    assert confirmed.count() == counts["portfolio.confirmed"] + counts["portfolio.corrected"]
    assert all(t.confirmed_by_id == analyst.pk for t in confirmed)
    assert portfolio_pilot.build(1)["portfolio.suggested_agreement"] == 0


def test_the_stored_figures_the_pages_show_are_the_current_classifiers():
    """``evaluate --write`` keeps the held-out figures for the pages; a change of the corpus or the model
    without writing them again fails here (the pages would fit the model at first use instead)."""
    import json

    stored = json.loads(classifier.MEASURED.read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(classifier.stored_figures(classifier.evaluate())))
    classifier._evaluations.clear()
    assert classifier.cached_evaluation().accuracy == stored["accuracy"]
