"""The technology policy's objects in the personas' world: what the generated pilot made.

The small country's pilot (``niokr generate``) holds the MedTech Delphi with two closed rounds, the
MedTech ranking, audits of performers and readiness assessments of projects. The matrix addresses
one of each; an audit of the persona performer's own organisation is added so that its staff's view
of their own audit is checked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from niokr.accounts.choices import Role
from niokr.capability import services as capability
from niokr.capability.models import Assessment, Audit, Questionnaire, ReadinessQuestion, ReadinessQuestionSet
from niokr.foresight.models import Exercise, RoundStatus
from niokr.projects.models import Agreement
from niokr.ranking.models import RankingExercise, RoadmapEntry

__all__ = ["PolicyWorld", "build_policy"]


@dataclass
class PolicyWorld:
    exercise: Exercise
    round_number: int
    ranking: RankingExercise
    run_number: int
    criterion_code: str
    roadmap_entry: object
    audit: Audit
    audit_question_id: int
    assessment: Assessment
    assessment_question_id: int
    questionnaire: Questionnaire
    question_set: ReadinessQuestionSet
    readiness_question: ReadinessQuestion
    project_parties: frozenset[int]


def build_policy(*, performer_org) -> PolicyWorld:
    exercise = Exercise.objects.filter(priority_direction="medtech").order_by("code").first()
    closed = exercise.rounds.filter(status=RoundStatus.CLOSED).order_by("number").first()
    ranking = RankingExercise.objects.order_by("code").first()
    run = ranking.runs.order_by("number").first()
    questionnaire = Questionnaire.objects.filter(status="published").order_by("pk").first()
    assessor = get_user_model().objects.filter(memberships__role=Role.ASSESSOR).order_by("pk").first()
    audit = capability.start_audit(organisation=performer_org, questionnaire=questionnaire, kind="assessor", actor=assessor, audit_date=date(2026, 3, 2))
    questions = list(questionnaire.dimensions.order_by("order").values_list("questions__pk", flat=True))
    answers = {q: capability.AnswerInput(value=2 + (i % 3)) for i, q in enumerate(questions)}
    capability.save_audit_answers(audit=audit, answers=answers, actor=assessor)
    capability.submit_audit(audit=audit, actor=assessor)
    assessment = Assessment.objects.filter(status="submitted").order_by("pk").first()
    parties = {assessment.project.performer_id, *Agreement.objects.filter(project=assessment.project).values_list("payer_id", flat=True)}
    question_set = assessment.question_set
    return PolicyWorld(
        exercise=exercise,
        round_number=closed.number,
        ranking=ranking,
        run_number=run.number,
        criterion_code=ranking.criteria.order_by("code").first().code,
        roadmap_entry=RoadmapEntry.objects.filter(candidate__ranking=ranking).order_by("pk").first(),
        audit=audit,
        audit_question_id=questions[0],
        assessment=assessment,
        assessment_question_id=question_set.questions.order_by("pk").first().pk,
        questionnaire=questionnaire,
        question_set=question_set,
        readiness_question=question_set.questions.order_by("pk").first(),
        project_parties=frozenset(parties),
    )
