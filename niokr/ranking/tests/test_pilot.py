"""The synthetic MedTech ranking: built from the MedTech Delphi, consistent, computed, final, deterministic."""

from __future__ import annotations

import pytest

from niokr.ranking.models import RankingExercise, RankingRun, RoadmapEntry
from niokr.synthetic import ranking_pilot

pytestmark = pytest.mark.django_db


def _snapshot():
    run = RankingRun.objects.get(ranking__code=ranking_pilot.CODE)
    return run.criteria, run.results, run.cr, list(RoadmapEntry.objects.order_by("candidate__code", "layer").values_list("candidate__code", "layer", "year_from", "year_to"))


def test_the_pilot_builds_a_final_consistent_ranking_with_a_roadmap(world):
    counts = ranking_pilot.build(7, {"analyst": world.users["analyst"]})
    assert counts == {"rankings": 1, "candidates": 4, "scores": 32, "comparisons": 28, "runs": 1, "roadmap_entries": 9}
    ranking = RankingExercise.objects.get(code=ranking_pilot.CODE)
    assert ranking.is_final and ranking.foresight_exercise == world.exercise
    assert ranking.latest_run().cr < 0.1


def test_the_pilot_is_deterministic(world):
    ranking_pilot.build(7, {"analyst": world.users["analyst"]})
    first = _snapshot()
    RoadmapEntry.objects.all().delete()
    RankingRun.objects.all()._raw_delete(RankingRun.objects.db)  # runs refuse delete(): clear the table for the rebuild
    RankingExercise.objects.filter(code=ranking_pilot.CODE).delete()
    ranking_pilot.build(7, {"analyst": world.users["analyst"]})
    assert _snapshot() == first


def test_the_pilot_does_nothing_without_a_closed_medtech_delphi(db, build):
    from .conftest import make_users

    users = make_users(build)
    assert ranking_pilot.build(7, {"analyst": users["analyst"]})["rankings"] == 0
