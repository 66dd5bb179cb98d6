"""The Delphi import (latest frozen figures per item and scale), the matrix, the technology-level table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from niokr.ranking import analysis, services
from niokr.ranking.models import Candidate, Score

pytestmark = pytest.mark.django_db


def test_import_takes_each_item_as_a_candidate_with_its_latest_round_figures(world, ranking):
    candidates = {c.code: c for c in ranking.candidates.all()}
    assert set(candidates) == {"T1", "T2", "T3", "T4"}
    t2 = candidates["T2"]
    assert t2.item == world.items["T2"] and t2.name_ru == "Технология T2" and t2.name_kk == "Технология T2 (қазақша)"
    assert t2.delphi["round"] == 2
    importance = t2.delphi["scales"]["importance"]
    assert (importance["median"], importance["q1"], importance["q3"], importance["consensus"], importance["round"]) == ("7.50", "7.00", "8.00", "reached", 2)
    assert t2.delphi["scales"]["capability"]["median"] == "35.00"


def test_import_scores_the_delphi_criteria_from_the_medians_with_their_consensus(world, ranking):
    score = Score.objects.get(candidate__code="T2", criterion__code="need")
    assert score.value == Decimal("7.50") and score.source == "delphi_importance"
    assert score.detail["consensus"] == "reached" and score.detail["round"] == 2
    assert Score.objects.get(candidate__code="T3", criterion__code="uncertainty").value == Decimal("2.50")
    assert Score.objects.get(candidate__code="T1", criterion__code="capability").value == Decimal("65.00")
    assert not Score.objects.filter(criterion__code="market").exists()  # the analyst's to enter


def test_importing_again_updates_and_keeps_the_analysts_entries(world, ranking):
    services.set_scores(ranking=ranking, values={("T1", "need"): "9"}, actor=world.users["analyst"])
    counts = services.import_from_foresight(ranking=ranking, actor=world.users["analyst"])
    assert counts["candidates"] == 0 and counts["updated"] == 4
    assert Candidate.objects.filter(ranking=ranking).count() == 4
    entered = Score.objects.get(candidate__code="T1", criterion__code="need")
    assert entered.value == Decimal("9.00") and entered.source == "analyst"
    services.set_scores(ranking=ranking, values={("T1", "need"): ""}, actor=world.users["analyst"])
    assert Score.objects.get(candidate__code="T1", criterion__code="need").source == "delphi_importance"


def test_import_refuses_an_exercise_without_a_closed_round(world):
    from niokr.foresight.models import Exercise

    open_exercise = Exercise.objects.create(code="AGRI", title_kk="Агро", title_ru="Агро", priority_direction="agritech", moderator=world.users["moderator"])
    ranking = services.create_ranking(code="AGRI-R", title_kk="А", title_ru="А", priority_direction="agritech", foresight_exercise=open_exercise, actor=world.users["analyst"])
    with pytest.raises(ValidationError) as refused:
        services.import_from_foresight(ranking=ranking, actor=world.users["analyst"])
    assert refused.value.code == "no_closed_round"
    assert not ranking.candidates.exists()


def test_the_matrix_places_each_candidate_in_its_quadrant(world, ranking):
    points, missing = analysis.importance_capability(ranking)
    quadrants = {p.code: p.quadrant for p in points}
    assert quadrants == {"T1": "strength", "T2": "catch_up", "T3": "niche", "T4": "watch"}
    assert missing == []


def test_the_level_table_derives_the_gap_from_the_band_or_takes_the_entered_figure(world, ranking):
    year, rows = analysis.technology_levels(ranking)
    assert year == 2026
    by_code = {r.code: r for r in rows}
    assert by_code["T1"].gap_years == Decimal("2.0") and by_code["T1"].gap_method == "band"  # band 1: midway 2026–2030 = 2028
    assert by_code["T2"].gap_years == Decimal("7.0")  # band 2: 2033
    assert by_code["T3"].gap_years == Decimal("9.5")  # band 2.5: 2035.5
    assert by_code["T4"].gap_years == Decimal("17.0")  # band 4: 2043
    services.set_gap(candidate=ranking.candidates.get(code="T4"), gap_years="12,5", note="Экспертная оценка КИСТЕП-методикой", actor=world.users["analyst"])
    _year, rows = analysis.technology_levels(ranking)
    t4 = next(r for r in rows if r.code == "T4")
    assert (t4.gap_years, t4.gap_method, t4.gap_note) == (Decimal("12.5"), "entered", "Экспертная оценка КИСТЕП-методикой")


@pytest.mark.parametrize("value", ["-1", "101", "abc", "NaN", "Infinity"])
def test_a_gap_out_of_range_is_refused(world, ranking, value):
    with pytest.raises(ValidationError):
        services.set_gap(candidate=ranking.candidates.get(code="T1"), gap_years=value, note="x", actor=world.users["analyst"])
    assert ranking.candidates.get(code="T1").gap_years is None


@given(st.decimals(min_value=1, max_value=4, places=2), st.integers(min_value=2020, max_value=2045))
def test_the_band_gap_is_never_negative_and_grows_with_the_band(median, year):
    gap = analysis.gap_from_band(median, year)
    assert gap is not None and gap >= 0
    later = analysis.gap_from_band(min(Decimal(4), median + Decimal("0.5")), year)
    assert later >= gap


def test_a_band_towards_never_gives_no_gap():
    assert analysis.gap_from_band(Decimal("4.5"), 2026) is None
    assert analysis.gap_from_band(None, 2026) is None


def test_maturity_comes_from_the_linked_projects_trl(world, ranking, build):
    from datetime import date

    from niokr.projects.models import Project

    performer = build.org(kind="research_institute", name="НИИ «Мед»")
    project = Project.objects.create(code="P-MED-1", title_kk="Жоба", title_ru="Проект", title_en="Project", performer=performer, priority_direction="medtech",
                                     trl_start=3, trl_reached=5, start_date=date(2024, 1, 1), end_date=date(2026, 12, 31), status="active")
    candidate = ranking.candidates.get(code="T1")
    candidate.projects.add(project)
    services.refresh_scores(ranking=ranking, actor=world.users["analyst"])
    score = Score.objects.get(candidate=candidate, criterion__code="maturity")
    assert score.value == Decimal("5.00") and score.detail["projects"][0]["project"] == "P-MED-1"
