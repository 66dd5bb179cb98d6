"""State expertise: the conclusion's arithmetic, sheet versions, conflicts, the workflow's guards and audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.accounts.models import Notification
from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import expertise as svc
from niokr.projects.lifecycle.scoring import CriterionRule, conclude
from niokr.projects.lifecycle.tests.review_world import build_review_world, run_expertise, scores
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import CriteriaSheet, Criterion, Expertise, ExpertScore
from niokr.projects.models.expertise import SheetInUse


# --- the arithmetic: a reference written here, apart from the engine ---------------------------------


def reference_conclusion(rules, given, threshold):
    """Fractions, criterion by criterion, as a person would do it on paper."""
    from fractions import Fraction

    total_w, total = Fraction(0), Fraction(0)
    ok_min = True
    for code, weight, minimum, maximum, _na in rules:
        marks = [s for s in given[code] if s is not None]
        if not marks:
            continue
        mean = Fraction(sum(marks), len(marks))
        if mean < minimum:
            ok_min = False
        total += Fraction(weight) * mean / maximum
        total_w += Fraction(weight)
    if total_w == 0:
        return None, False
    pct = total / total_w * 100
    return pct, (pct >= Fraction(threshold)) and ok_min


@st.composite
def sheets_and_scores(draw):
    n = draw(st.integers(1, 5))
    experts = draw(st.integers(1, 4))
    rules, given = [], {}
    for i in range(n):
        maximum = draw(st.integers(1, 10))
        minimum = draw(st.integers(0, maximum))
        weight = draw(st.integers(1, 20))
        na = draw(st.booleans())
        rules.append((f"c{i}", weight, minimum, maximum, na))
        marks = [draw(st.one_of(st.integers(0, maximum), st.none()) if na else st.integers(0, maximum)) for _ in range(experts)]
        given[f"c{i}"] = marks
    threshold = draw(st.integers(0, 100))
    return rules, given, threshold


@given(sheets_and_scores())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_the_conclusion_agrees_with_a_reference_computed_by_hand(case):
    rules, given, threshold = case
    result = conclude([CriterionRule(c, Decimal(w), mn, mx, na) for c, w, mn, mx, na in rules], given, Decimal(threshold))
    pct, positive = reference_conclusion(rules, given, threshold)
    assert result.positive == positive
    if pct is None:
        assert result.score is None
    else:
        assert result.exact == pct
        assert abs(result.score - Decimal(pct.numerator) / Decimal(pct.denominator)) <= Decimal("0.005")


R = [CriterionRule("a", Decimal(3), 4, 10), CriterionRule("b", Decimal(2), 3, 10), CriterionRule("c", Decimal(1), 0, 5, True)]


@pytest.mark.parametrize(
    "given, threshold, score, positive, failing",
    [
        # (3·0.8 + 2·0.6 + 1·0.8) / 6 = 4.4 / 6 = 73.33 %
        ({"a": [8], "b": [6], "c": [4]}, 60, Decimal("73.33"), True, ()),
        # c not applicable: its weight is redistributed: (3·0.8 + 2·0.6) / 5 = 72 %
        ({"a": [8], "b": [6], "c": [None]}, 60, Decimal("72.00"), True, ()),
        # exactly at the pass mark: 72 % ≥ 72 %
        ({"a": [8], "b": [6], "c": [None]}, 72, Decimal("72.00"), True, ()),
        # one tenth of a point below it
        ({"a": [8], "b": [6], "c": [None]}, Decimal("72.01"), Decimal("72.00"), False, ()),
        # a high average, but b's mean 2.5 is below its minimum 3
        ({"a": [10, 10], "b": [2, 3], "c": [5, 5]}, 50, Decimal("75.00"), False, ("b",)),
        # exactly at a minimum: a = 4 passes (mean of 3 and 5)
        ({"a": [3, 5], "b": [10, 10], "c": [None, 5]}, 50, Decimal("70.00"), True, ()),
        # one expert marks c not applicable, the other scores it: the mean of the scores given (4)
        ({"a": [8, 8], "b": [6, 6], "c": [None, 4]}, 60, Decimal("73.33"), True, ()),
    ],
)
def test_hand_computed_conclusions(given, threshold, score, positive, failing):
    result = conclude(R, given, Decimal(threshold))
    assert (result.score, result.positive, result.failing) == (score, positive, failing)


def test_not_applicable_where_the_sheet_forbids_it_is_an_error():
    with pytest.raises(ValueError):
        conclude(R, {"a": [None], "b": [5], "c": [1]}, Decimal(50))


def test_every_criterion_not_applicable_is_negative_with_no_score():
    result = conclude([CriterionRule("c", Decimal(1), 0, 5, True)], {"c": [None, None]}, Decimal(0))
    assert (result.score, result.positive) == (None, False)


# --- the service ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _in_english():
    """Reasons read in English here (their Kazakh and Russian are checked on the pages)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def world(build, db):
    return build_review_world(build)


def test_a_full_expertise_concludes_positive_and_approves_the_programme(world):
    exp = run_expertise(world, world.programme, {"e1": scores(8, 6, 4), "e2": scores(8, 6)})
    world.programme.refresh_from_db()
    assert exp.status == "concluded" and exp.positive is True and exp.score == Decimal("73.33")
    assert exp.confirmed_by == world.users["coordinator"] and exp.conclusion
    assert world.programme.status == "approved"
    actions = list(AuditEvent.objects.filter(object_type="projects.Expertise", object_id=str(exp.pk)).values_list("action", flat=True))
    assert {"expertise.opened", "expertise.expert_assigned", "expertise.start_scoring", "expertise.scored", "expertise.conclude"} <= set(actions)
    assert AuditEvent.objects.filter(object_type="projects.Programme", action="programme.expertise_positive").count() == 1
    # the experts were told when assigned, the applicant at the conclusion
    assert Notification.objects.filter(user=world.users["e1"], kind="lifecycle.expertise_assigned").exists()
    assert Notification.objects.filter(user=world.users["applicant_staff"], kind="lifecycle.expertise_positive").exists()


def test_a_criterion_below_its_minimum_makes_it_negative_and_rejects_the_programme(world):
    exp = run_expertise(world, world.programme, {"e1": scores(10, 2, 5), "e2": scores(10, 2, 5)})
    world.programme.refresh_from_db()
    assert exp.positive is False and world.programme.status == "rejected"
    assert AuditEvent.objects.filter(action="programme.expertise_negative").count() == 1


def test_an_expert_two_links_from_the_applicant_is_refused_with_the_path(world):
    exp = svc.open_expertise(programme=world.programme, actor=world.user("coordinator"))
    before = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused) as refused:
        svc.assign_expert(expertise=exp, expert=world.experts["e_near"], actor=world.user("coordinator"))
    assert "Университет" in refused.value.reason and "Заявитель" in refused.value.reason
    assert refused.value.code == "conflict"
    assert not exp.assignments.exists() and AuditEvent.objects.count() == before
    with pytest.raises(TransitionRefused):
        svc.assign_expert(expertise=exp, expert=world.experts["e_self"], actor=world.user("coordinator"))


def test_the_guards_refuse_with_reasons_and_change_nothing(world):
    c = world.user("coordinator")
    exp = svc.open_expertise(programme=world.programme, actor=c)
    svc.assign_expert(expertise=exp, expert=world.experts["e1"], actor=c)
    with pytest.raises(TransitionRefused, match="2"):
        svc.take(exp, "start_scoring", world.user("coordinator"))
    svc.assign_expert(expertise=exp, expert=world.experts["e2"], actor=world.user("coordinator"))
    svc.take(exp, "start_scoring", world.user("coordinator"))
    svc.record_scores(expertise=exp, actor=world.user("e1"), scores=scores(8, 6))
    with pytest.raises(TransitionRefused) as refused:
        svc.take(exp, "conclude", world.user("coordinator"), conclusion="Текст")
    assert "E2" in refused.value.reason
    svc.record_scores(expertise=exp, actor=world.user("e2"), scores=scores(8, 6))
    with pytest.raises(TransitionRefused):
        svc.take(exp, "conclude", world.user("coordinator"), conclusion="  ")
    # an assigned expert cannot confirm; nor can the applicant
    with pytest.raises(TransitionRefused):
        svc.take(exp, "conclude", world.user("e1"), conclusion="Текст")
    exp.refresh_from_db()
    assert exp.status == "scoring" and exp.confirmed_at is None


def test_scores_are_checked_before_anything_is_written(world):
    c = world.user("coordinator")
    exp = svc.open_expertise(programme=world.programme, actor=c)
    svc.assign_expert(expertise=exp, expert=world.experts["e1"], actor=c)
    svc.assign_expert(expertise=exp, expert=world.experts["e2"], actor=world.user("coordinator"))
    svc.take(exp, "start_scoring", world.user("coordinator"))
    for bad in (
        {"novelty": {"score": 11}},
        {"novelty": {"not_applicable": True}},
        {"novelty": {"score": "abc"}},
        {"nonsense": {"score": 1}},
        {"novelty": {"score": 5}, "feasibility": {"score": -1}},
    ):
        with pytest.raises(TransitionRefused):
            svc.record_scores(expertise=exp, actor=world.user("e1"), scores=bad)
    assert not ExpertScore.objects.exists()
    with pytest.raises(TransitionRefused) as refused:
        svc.record_scores(expertise=exp, actor=world.user("e_near"), scores=scores(5, 5))
    assert refused.value.code == "forbidden"


def test_a_used_sheet_version_never_changes_and_a_new_version_is_made_instead(world):
    sheet = world.sheet
    sheet.threshold = Decimal(70)
    sheet.save()  # unused: may still be edited
    svc.open_expertise(programme=world.programme, actor=world.user("coordinator"))
    sheet.refresh_from_db()
    sheet.threshold = Decimal(50)
    with pytest.raises(SheetInUse):
        sheet.save()
    criterion = sheet.criteria.first()
    criterion.weight = Decimal(9)
    with pytest.raises(SheetInUse):
        criterion.save()
    with pytest.raises(SheetInUse):
        Criterion.objects.create(sheet=sheet, code="new", name_kk="ж", name_ru="н", name_en="n", weight=1)
    new = svc.new_sheet_version(sheet=sheet, actor=world.user("coordinator"), threshold=55)
    assert (new.code, new.version, new.threshold) == ("ncste", 2, Decimal(55))
    assert new.criteria.count() == sheet.criteria.count() == 3
    assert CriteriaSheet.objects.get(pk=sheet.pk).threshold == Decimal(70)
    assert svc.current_sheet("ncste") == new


def test_only_a_coordinator_opens_and_assigns(world):
    for who in ("e1", "officer", "applicant_staff", "regulator"):
        with pytest.raises(TransitionRefused) as refused:
            svc.open_expertise(programme=world.programme, actor=world.user(who))
        assert refused.value.code == "forbidden"
    assert not Expertise.objects.exists()


def test_an_expert_reads_only_the_expertises_and_programmes_assigned_to_them(world):
    from niokr.projects.models import Programme

    c = world.user("coordinator")
    exp = svc.open_expertise(programme=world.programme, actor=c)
    svc.open_expertise(programme=world.rival_programme, actor=world.user("coordinator"))
    svc.assign_expert(expertise=exp, expert=world.experts["e1"], actor=world.user("coordinator"))
    assert list(Expertise.objects.visible_to(world.user("e1"))) == [exp]
    assert list(Expertise.objects.visible_to(world.user("e2"))) == []
    assert Expertise.objects.visible_to(world.user("coordinator")).count() == 2
    assert list(Programme.objects.visible_to(world.user("e1"))) == [world.programme]
    assert list(Programme.objects.visible_to(world.user("e2"))) == []
    assert Programme.objects.visible_to(world.user("coordinator")).count() == 2
