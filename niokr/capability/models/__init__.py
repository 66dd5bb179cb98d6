"""The capability app's tables: audit questionnaires and audits, readiness question sets and assessments."""

from niokr.capability.models.audit import Audit, AuditAnswer, AuditDimensionScore
from niokr.capability.models.questionnaire import Dimension, Question, Questionnaire
from niokr.capability.models.readiness import Assessment, AssessmentAnswer, ReadinessQuestion, ReadinessQuestionSet

__all__ = [
    "Questionnaire",
    "Dimension",
    "Question",
    "Audit",
    "AuditAnswer",
    "AuditDimensionScore",
    "ReadinessQuestionSet",
    "ReadinessQuestion",
    "Assessment",
    "AssessmentAnswer",
]
