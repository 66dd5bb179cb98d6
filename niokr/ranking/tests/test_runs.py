"""Runs: computed from consistent comparisons, frozen, never overwritten; refused above CR 0.1 with the pairs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from niokr.core.models import AuditEvent
from niokr.ranking import services
from niokr.ranking.models import Method, PairwiseComparison, RankingRun

pytestmark = pytest.mark.django_db


def test_a_run_records_the_weights_consistency_method_and_inputs(world, computable):
    run = services.compute_run(ranking=computable, actor=world.users["analyst"])
    assert run.number == 1
    assert run.method == Method.TOPSIS and run.normalisation == "vector"
    assert abs(sum(c["weight"] for c in run.criteria) - 1) < 1e-6
    assert run.cr <= 0.1 and run.lambda_max >= len(run.criteria) - 1e-9
    assert [r["rank"] for r in run.results] == sorted(r["rank"] for r in run.results)
    assert {r["code"] for r in run.results} == {"T1", "T2", "T3", "T4"}
    assert run.inputs["criteria"] == [c["code"] for c in run.criteria]
    assert len(run.inputs["decision"]) == 4 and len(run.inputs["judgements"]) == 28
    assert run.sensitivity["cases"] and run.sensitivity["flips"]
    assert AuditEvent.objects.filter(action="ranking.compute", object_id="MED-RANK/1").exists()


def test_computing_again_writes_a_new_run_and_leaves_the_old_one_as_it_was(world, computable):
    first = services.compute_run(ranking=computable, actor=world.users["analyst"])
    frozen = (first.criteria, first.results, first.cr)
    criteria = list(computable.criteria.order_by("order"))
    services.set_comparisons(ranking=computable, values={(criteria[0].code, criteria[1].code): "2"}, actor=world.users["analyst"])
    second = services.compute_run(ranking=computable, actor=world.users["analyst"])
    assert second.number == 2
    first.refresh_from_db()
    assert (first.criteria, first.results, first.cr) == frozen
    assert second.criteria != first.criteria


def test_a_stored_run_refuses_to_be_changed_or_deleted(world, computable):
    run = services.compute_run(ranking=computable, actor=world.users["analyst"])
    run.cr = 0.0
    with pytest.raises(ValidationError):
        run.save()
    with pytest.raises(ValidationError):
        run.delete()
    assert RankingRun.objects.filter(pk=run.pk, cr=RankingRun.objects.get(pk=run.pk).cr).count() == 1


def test_inconsistent_comparisons_are_refused_with_the_pairs_to_revisit(world, computable):
    criteria = list(computable.criteria.order_by("order"))
    # market ≫ value_added ≫ capability but capability ≫ market: a cycle.
    services.set_comparisons(ranking=computable, values={
        (criteria[0].code, criteria[1].code): "9", (criteria[1].code, criteria[2].code): "9", (criteria[0].code, criteria[2].code): "1/9",
    }, actor=world.users["analyst"])
    with pytest.raises(services.InconsistentComparisons) as refused:
        services.compute_run(ranking=computable, actor=world.users["analyst"])
    assert refused.value.cr > 0.1
    pairs = {(a.code, b.code) for a, b, _entered, _suggested in refused.value.pairs}
    assert pairs & {("market", "value_added"), ("value_added", "capability"), ("market", "capability")}
    assert all(entered in ("9", "1/9") or entered for _a, _b, entered, _s in refused.value.pairs)
    assert RankingRun.objects.count() == 0


def test_it_refuses_to_compute_with_a_pair_missing(world, ranking):
    criteria = list(ranking.criteria.order_by("order"))
    services.set_comparisons(ranking=ranking, values={(criteria[0].code, criteria[1].code): "3"}, actor=world.users["analyst"])
    with pytest.raises(ValidationError) as refused:
        services.compute_run(ranking=ranking, actor=world.users["analyst"])
    assert "comparisons_incomplete" in {e.code for e in refused.value.error_list}
    assert RankingRun.objects.count() == 0


def test_it_refuses_a_judgement_off_saatys_scale_and_changes_nothing(world, ranking):
    criteria = list(ranking.criteria.order_by("order"))
    for value in ("10", "0", "-3", "2.5", "1/10", "\x00", "9" * 10_000):
        with pytest.raises(ValidationError):
            services.set_comparisons(ranking=ranking, values={(criteria[0].code, criteria[1].code): value}, actor=world.users["analyst"])
    with pytest.raises(ValidationError):
        services.set_comparisons(ranking=ranking, values={(criteria[1].code, criteria[0].code): "3"}, actor=world.users["analyst"])
    assert PairwiseComparison.objects.count() == 0


def test_weighted_sum_pins_min_max_normalisation(world, computable):
    computable.method = Method.WEIGHTED_SUM
    computable.save(update_fields=["method"])
    run = services.compute_run(ranking=computable, actor=world.users["analyst"])
    assert run.method == Method.WEIGHTED_SUM and run.normalisation == "minmax"


def test_a_final_ranking_takes_no_new_inputs(world, computable):
    services.compute_run(ranking=computable, actor=world.users["analyst"])
    services.finalise(ranking=computable, actor=world.users["analyst"])
    criteria = list(computable.criteria.order_by("order"))
    with pytest.raises(ValidationError):
        services.set_comparisons(ranking=computable, values={(criteria[0].code, criteria[1].code): "2"}, actor=world.users["analyst"])
    with pytest.raises(ValidationError):
        services.compute_run(ranking=computable, actor=world.users["analyst"])
