"""Readiness assessments: the level at submission, the never-overwrite rule, corrections and the history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from niokr.capability import queries, services
from niokr.capability.models import Assessment, AssessmentAnswer
from niokr.capability.models.common import Frozen
from niokr.capability.tests.world import submitted_assessment

pytestmark = pytest.mark.django_db


def test_the_level_is_computed_by_the_engine_when_submitted(world):
    assessment = submitted_assessment(world, world.projects["p1"], 6)
    assert assessment.level == 6 and assessment.status == "submitted"
    assert queries.current_trl(world.projects["p1"]) == 6


def test_a_percentage_below_its_threshold_stops_the_level(world):
    actor = world.users["assessor"]
    question_set = world.question_set()
    assessment = services.start_assessment(project=world.projects["p1"], question_set=question_set, actor=actor, assessment_date=date(2024, 6, 1))
    answers = {q.pk: services.AnswerInput(100) for q in question_set.questions.all()}
    percent = question_set.questions.get(level=6, answer_type="percent")
    answers[percent.pk] = services.AnswerInput(percent.threshold - 1)
    services.save_assessment_answers(assessment=assessment, answers=answers, actor=actor)
    assert services.submit_assessment(assessment=assessment, actor=actor).level == 5


def test_a_submitted_assessment_is_never_overwritten(world):
    assessment = submitted_assessment(world, world.projects["p1"], 4)
    answer = AssessmentAnswer.objects.filter(assessment=assessment).first()
    with pytest.raises(ValidationError) as refused:
        services.save_assessment_answers(assessment=assessment, answers={answer.question_id: services.AnswerInput(0)}, actor=world.users["assessor"])
    assert refused.value.code == "submitted"
    with pytest.raises(ValidationError):
        services.submit_assessment(assessment=assessment, actor=world.users["assessor"])
    stored = Assessment.objects.get(pk=assessment.pk)
    stored.level = 9
    with pytest.raises(Frozen):
        stored.save()
    with pytest.raises(Frozen):
        stored.delete()
    answer.value = 0
    with pytest.raises(Frozen):
        answer.save()
    with pytest.raises(Frozen):
        answer.delete()
    assert Assessment.objects.get(pk=assessment.pk).level == 4
    assert AssessmentAnswer.objects.get(pk=answer.pk).value == 100


def test_a_correction_is_a_new_assessment_that_names_the_earlier_one(world):
    first = submitted_assessment(world, world.projects["p1"], 7, day=date(2024, 6, 1))
    with pytest.raises(ValidationError) as no_reason:
        services.correct_assessment(previous=first, actor=world.users["assessor"], note="  ")
    assert no_reason.value.message_dict["note"]
    correction = services.correct_assessment(previous=first, actor=world.users["assessor"], note="Разрешение на испытания не было получено", assessment_date=date(2024, 6, 2))
    assert correction.pk != first.pk and correction.corrects_id == first.pk and correction.status == "draft"
    assert correction.answers.count() == first.answers.count()  # it starts with the earlier answers
    permission = correction.answers.get(question__level=7, question__order=2)
    services.save_assessment_answers(assessment=correction, answers={permission.question_id: services.AnswerInput(0)}, actor=world.users["assessor"])
    services.submit_assessment(assessment=correction, actor=world.users["assessor"])
    assert Assessment.objects.get(pk=first.pk).level == 7  # the earlier one is as it was
    assert queries.current_trl(world.projects["p1"]) == 6
    history = queries.trl_history(world.projects["p1"])
    assert [(p.level, p.corrected, p.corrects_id) for p in history] == [(7, True, None), (6, False, first.pk)]


def test_a_draft_cannot_be_corrected_nor_a_correction_cross_projects(world):
    actor = world.users["assessor"]
    draft = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=actor, assessment_date=date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.correct_assessment(previous=draft, actor=actor, note="ошибка")
    assert refused.value.code == "not_submitted"
    done = submitted_assessment(world, world.projects["p1"], 3)
    with pytest.raises(ValidationError) as crossed:
        services.start_assessment(project=world.projects["q1"], question_set=world.question_set(), actor=actor, assessment_date=date(2024, 7, 1), corrects=done, note="x")
    assert crossed.value.code == "correction_mismatch"


def test_the_history_runs_oldest_first_and_the_current_level_is_the_latest(world):
    project = world.projects["q1"]
    submitted_assessment(world, project, 5, day=date(2025, 3, 1))
    submitted_assessment(world, project, 3, day=date(2023, 3, 1))
    submitted_assessment(world, project, 4, day=date(2024, 3, 1))
    assert [p.level for p in queries.trl_history(project)] == [3, 4, 5]
    assert queries.current_trl(project) == 5
    assert queries.current_levels([project.pk, world.projects["x1"].pk]) == {project.pk: 5}
    assert queries.current_trl(project, "mrl") is None


def test_mrl_is_kept_apart_from_trl(world):
    submitted_assessment(world, world.projects["p1"], 6)
    submitted_assessment(world, world.projects["p1"], 4, code="mrl-general")
    assert queries.current_trl(world.projects["p1"]) == 6
    assert queries.current_trl(world.projects["p1"], "mrl") == 4


def test_submitting_with_questions_unanswered_is_refused(world):
    actor = world.users["assessor"]
    assessment = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=actor, assessment_date=date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.submit_assessment(assessment=assessment, actor=actor)
    assert refused.value.code == "unanswered"
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"


@pytest.mark.parametrize("value", [-1, 101, 50, True])
def test_a_yes_no_answer_is_only_yes_or_no(world, value):
    actor = world.users["assessor"]
    assessment = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=actor, assessment_date=date(2024, 1, 1))
    question = world.question_set().questions.get(level=1, order=1)
    with pytest.raises(ValidationError):
        services.save_assessment_answers(assessment=assessment, answers={question.pk: services.AnswerInput(value)}, actor=actor)
    assert not assessment.answers.exists()


def test_dates_in_the_future_or_before_2012_are_refused(world):
    actor = world.users["assessor"]
    for day in (timezone.localdate() + timedelta(days=1), date(2011, 12, 31)):
        with pytest.raises(ValidationError):
            services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=actor, assessment_date=day)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("persona", ["performer_p", "company_c", "regulator", "policy_analyst", "auditor", "tcc_analyst", "outsider"])
def test_only_assessors_start_assessments(world, persona):
    with pytest.raises(PermissionDenied):
        services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=world.users[persona], assessment_date=date(2024, 1, 1))
    assert not Assessment.objects.exists()


def test_another_assessor_cannot_change_a_draft(world, build):
    from niokr.capability.tests.world import _user

    other = _user("assessor2", world.orgs["state"], "assessor")
    assessment = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=world.users["assessor"], assessment_date=date(2024, 1, 1))
    question = world.question_set().questions.get(level=1, order=1)
    with pytest.raises(PermissionDenied):
        services.save_assessment_answers(assessment=assessment, answers={question.pk: services.AnswerInput(100)}, actor=other)
    assert not assessment.answers.exists()


def test_a_question_of_another_set_is_refused(world):
    actor = world.users["assessor"]
    assessment = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=actor, assessment_date=date(2024, 1, 1))
    foreign = world.question_set("trl-software").questions.first()
    with pytest.raises(ValidationError) as refused:
        services.save_assessment_answers(assessment=assessment, answers={foreign.pk: services.AnswerInput(100)}, actor=actor)
    assert refused.value.code == "foreign_question"
