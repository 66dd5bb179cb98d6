"""Competitive selection: the pool, opening within it, sealed applications, ranking, decisions within the amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import selection as svc
from niokr.projects.lifecycle.tests.review_world import add_transfer, build_review_world, future, make_programme, past, run_expertise, scores
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import Application, Call, PoolReservation

YEAR = timezone.now().year


@pytest.fixture(autouse=True)
def _in_english():
    """Reasons read in English here (their Kazakh and Russian are checked on the pages)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def world(build, db):
    return build_review_world(build)


@pytest.fixture
def selection_world(world, build):
    """Three approved programmes with expertise scores 73.33, 90 and 60; a pool of 1 000 000 000 this year."""
    right = build.right(world.orgs["applicant"])
    add_transfer(world.orgs["applicant"], right, "1000000000.00", date(YEAR, 1, 15))
    run_expertise(world, world.programme, {"e1": scores(8, 6, 4), "e2": scores(8, 6)})          # 73.33
    run_expertise(world, world.rival_programme, {"e1": scores(9, 9, 5), "e2": scores(9, 9, 4)})  # 90+
    third = make_programme(world.orgs["rival"], world.orgs["performer"], "PRG-0003")
    run_expertise(world, third, {"e1": scores(6, 6), "e2": scores(6, 6)})                        # 60
    world.third = third
    return world


def make_call(w, amount="500000000", deadline=None, reference="CALL-1"):
    call = svc.create_call(
        reference=reference, titles={"kk": "Конкурс", "ru": "Конкурс", "en": "Call"}, year=YEAR, directions=["greentech"],
        amount=amount, deadline=deadline or future(), actor=w.user("officer"),
    )
    svc.take_call(call, "open", w.user("officer"))
    call.refresh_from_db()
    return call


def apply(w, call, programme, who, amount):
    return svc.apply(call=call, programme=programme, amount=amount, statement="Секретное содержание", actor=w.user(who))


def expire(call):
    Call.objects.filter(pk=call.pk).update(deadline=past())
    call.refresh_from_db()


def test_a_call_opens_only_within_the_pools_free_money(selection_world):
    w = selection_world
    call = svc.create_call(reference="BIG", titles={"kk": "К", "ru": "К", "en": "C"}, year=YEAR, directions=["greentech"], amount="1000000000.01", deadline=future(), actor=w.user("officer"))
    with pytest.raises(TransitionRefused, match="free"):
        svc.take_call(call, "open", w.user("officer"))
    call.refresh_from_db()
    assert call.status == "draft"
    make_call(w, amount="600000000")
    assert svc.pool_free(YEAR) == Decimal("400000000.00")
    Call.objects.filter(pk=call.pk).update(amount=Decimal("400000000.01"))
    with pytest.raises(TransitionRefused):
        svc.take_call(Call.objects.get(pk=call.pk), "open", w.user("officer"))


def test_only_a_selection_officer_runs_a_call(selection_world):
    w = selection_world
    for who in ("regulator", "applicant_staff", "coordinator"):
        with pytest.raises(TransitionRefused) as refused:
            svc.create_call(reference="X", titles={"kk": "К", "ru": "К", "en": "C"}, year=YEAR, directions=["greentech"], amount="1", deadline=future(), actor=w.user(who))
        assert refused.value.code == "forbidden"
    call = make_call(w)
    with pytest.raises(TransitionRefused, match="role"):
        svc.take_call(call, "close", w.user("regulator"))


def test_applications_are_sealed_until_the_deadline_for_everyone_but_the_applicant(selection_world):
    w = selection_world
    call = make_call(w)
    mine = apply(w, call, w.programme, "applicant_staff", "200000000")
    apply(w, call, w.rival_programme, "rival_staff", "250000000")
    for who in ("officer", "regulator", "auditor", "admin", "superuser", "coordinator", "outsider"):
        assert not Application.objects.readable_by(w.user(who)).exists(), who
    assert list(Application.objects.readable_by(w.user("applicant_staff"))) == [mine]
    expire(call)
    for who in ("officer", "regulator", "auditor", "admin", "superuser"):
        assert Application.objects.readable_by(w.user(who)).count() == 2, who
    assert Application.objects.readable_by(w.user("outsider")).count() == 0


def test_an_application_is_refused_with_a_reason(selection_world):
    w = selection_world
    call = make_call(w)
    draft = make_programme(w.orgs["applicant"], w.orgs["far"], "PRG-DRAFT", status="draft")
    medtech = make_programme(w.orgs["applicant"], w.orgs["far"], "PRG-MED", status="approved", direction="medtech")
    cases = [
        (w.programme, "rival_staff", "1"),       # not their programme
        (draft, "applicant_staff", "1"),          # not approved
        (medtech, "applicant_staff", "1"),        # not the call's direction
        (w.programme, "applicant_staff", "0"),    # not above zero
        (w.programme, "applicant_staff", "abc"),  # not a number
        (w.programme, "applicant_staff", "500000000.01"),  # beyond the call
        (w.programme, "officer", "1"),            # not a company
    ]
    for programme, who, amount in cases:
        with pytest.raises(TransitionRefused) as refused:
            apply(w, call, programme, who, amount)
        assert refused.value.reason
    assert not Application.objects.exists()
    apply(w, call, w.programme, "applicant_staff", "1")
    with pytest.raises(TransitionRefused):
        apply(w, call, w.programme, "applicant_staff", "1")
    expire(call)
    with pytest.raises(TransitionRefused):
        apply(w, call, w.rival_programme, "rival_staff", "1")


def test_the_call_closes_only_after_the_deadline_and_ranks_by_expertise_score(selection_world):
    w = selection_world
    call = make_call(w)
    a = apply(w, call, w.programme, "applicant_staff", "200000000")
    b = apply(w, call, w.rival_programme, "rival_staff", "250000000")
    c = apply(w, call, w.third, "rival_staff", "100000000")
    with pytest.raises(TransitionRefused, match="sealed"):
        svc.take_call(call, "close", w.user("officer"))
    assert Application.objects.filter(rank__isnull=False).count() == 0
    expire(call)
    assert svc.close_due() == 1
    call.refresh_from_db()
    assert call.status == "closed"
    assert [x.reference for x in svc.ranking(call)] == [b.reference, a.reference, c.reference]
    assert svc.proposed_awards(call) == [b.reference, a.reference]  # 450 M of 500 M; the third (100 M) does not fit


def test_a_decision_beyond_the_amount_or_out_of_ranking_order_is_refused_and_changes_nothing(selection_world):
    w = selection_world
    call = make_call(w)
    a = apply(w, call, w.programme, "applicant_staff", "200000000")
    b = apply(w, call, w.rival_programme, "rival_staff", "250000000")
    c = apply(w, call, w.third, "rival_staff", "100000000")
    expire(call)
    svc.take_call(call, "close", w.user("officer"))
    before = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused) as refused:
        svc.take_call(call, "decide", w.user("officer"), awarded=[b.reference, a.reference, c.reference])
    assert "50" in refused.value.reason  # beyond by 50 000 000
    with pytest.raises(TransitionRefused, match="ranking"):
        svc.take_call(call, "decide", w.user("officer"), awarded=[b.reference, c.reference])
    with pytest.raises(TransitionRefused):
        svc.take_call(call, "decide", w.user("regulator"), awarded=[b.reference])
    call.refresh_from_db()
    assert call.status == "closed" and not PoolReservation.objects.exists() and AuditEvent.objects.count() == before
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted"}


def test_a_decision_within_the_amount_awards_in_order_reserves_the_pool_and_audits_each_step(selection_world):
    w = selection_world
    call = make_call(w)
    a = apply(w, call, w.programme, "applicant_staff", "200000000")
    b = apply(w, call, w.rival_programme, "rival_staff", "250000000")
    c = apply(w, call, w.third, "rival_staff", "100000000")
    expire(call)
    svc.take_call(call, "close", w.user("officer"))
    svc.take_call(call, "decide", w.user("officer"), awarded=svc.proposed_awards(call))
    call.refresh_from_db()
    assert call.status == "decided" and call.decided_by == w.users["officer"]
    statuses = dict(Application.objects.values_list("reference", "status"))
    assert statuses == {a.reference: "awarded", b.reference: "awarded", c.reference: "not_awarded"}
    assert PoolReservation.objects.aggregate_sum if False else sum(r.amount for r in PoolReservation.objects.all()) == Decimal("450000000.00")
    # the call's held amount is released and the awards reserved: 1 000 M − 450 M
    assert svc.pool_free(YEAR) == Decimal("550000000.00")
    row = [r for r in svc.pool_table() if r.year == YEAR][0]
    assert (row.received, row.awarded, row.by_direction["greentech"], row.held) == (Decimal("1000000000.00"), Decimal("450000000.00"), Decimal("450000000.00"), 0)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"call.created", "call.open", "call.close", "call.decide", "application.submitted", "application.award", "application.not_award"} <= actions


def test_the_applicant_withdraws_before_the_deadline_but_not_after(selection_world):
    w = selection_world
    call = make_call(w)
    a = apply(w, call, w.programme, "applicant_staff", "1")
    with pytest.raises(TransitionRefused):
        svc.withdraw(a, w.user("rival_staff"))
    b = apply(w, call, w.rival_programme, "rival_staff", "1")
    svc.withdraw(a, w.user("applicant_staff"))
    expire(call)
    with pytest.raises(TransitionRefused):
        svc.withdraw(Application.objects.get(pk=b.pk), w.user("rival_staff"))
