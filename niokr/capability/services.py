"""The capability app's operations: versions of questionnaires and question sets, audits, readiness assessments.

Every operation is a keyword-only function that owns its transaction, re-checks who may do it
(:mod:`niokr.capability.access`) on the rows it has locked, refuses with a ``ValidationError``
(translated message, an :class:`~niokr.capability.errors.Error` code) before any database constraint
would, and writes an audit-trail event in the same transaction. Views, the generator and tests call
these functions; nothing else writes the capability tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.capability import access, engine
from niokr.capability.choices import AnswerType, AssessmentStatus, AuditKind, AuditStatus, ProjectPhase, VersionStatus
from niokr.capability.errors import Error
from niokr.capability.models import (
    Assessment,
    AssessmentAnswer,
    Audit,
    AuditAnswer,
    AuditDimensionScore,
    Dimension,
    Question,
    Questionnaire,
    ReadinessQuestion,
    ReadinessQuestionSet,
)
from niokr.capability.models.audit import COMMENT_MAX
from niokr.capability.models.common import SHA256, validate_trilingual
from niokr.capability.models.questionnaire import validate_anchors
from niokr.core.audit import record_event

__all__ = [
    "Evidence",
    "AnswerInput",
    "EARLIEST_DATE",
    "draft_questionnaire_version",
    "edit_question",
    "publish_questionnaire",
    "draft_question_set_version",
    "edit_readiness_question",
    "publish_question_set",
    "start_audit",
    "save_audit_answers",
    "submit_audit",
    "start_assessment",
    "save_assessment_answers",
    "submit_assessment",
    "correct_assessment",
    "level_of",
]

#: No audit or assessment is dated before this day (the system's records start in 2012).
EARLIEST_DATE = date(2012, 1, 1)


@dataclass(frozen=True)
class Evidence:
    """A file supporting an answer: its name as sent, SHA-256 and size (the file kept by content, or only named)."""

    name: str
    sha256: str
    size: int | None = None


@dataclass(frozen=True)
class AnswerInput:
    """One answer as sent: a score 1–4 (audit) or a percentage 0–100 (readiness), a comment, evidence."""

    value: int
    comment: str = ""
    evidence: Evidence | None = None


def _refuse(message: str, code: Error, field: str | None = None):
    error = ValidationError(message, code=code.value)
    raise ValidationError({field: error}) if field else error


def _forbid(user, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def _check_date(day, field: str) -> None:
    if not isinstance(day, date):
        _refuse(_("Give the date."), Error.DATE_MISSING, field)
    if day > timezone.localdate():
        _refuse(_("The date is in the future."), Error.DATE_IN_FUTURE, field)
    if day < EARLIEST_DATE:
        _refuse(_("The date is before %(day)s.") % {"day": EARLIEST_DATE.strftime("%d.%m.%Y")}, Error.DATE_TOO_EARLY, field)


def _check_comment(text: str) -> str:
    text = (text or "").strip()
    if "\x00" in text:
        _refuse(_("The text holds a character that is not allowed."), Error.BAD_TEXT, "comment")
    if len(text) > COMMENT_MAX:
        _refuse(_("A comment is at most %(max)s characters.") % {"max": COMMENT_MAX}, Error.BAD_TEXT, "comment")
    return text


def _check_evidence(evidence: Evidence | None) -> dict:
    if evidence is None:
        return {"evidence_name": "", "evidence_sha256": "", "evidence_size": None}
    name = (evidence.name or "").strip()
    if not name or len(name) > 255 or "\x00" in name or "/" in name or "\\" in name:
        _refuse(_("The evidence file's name is not acceptable."), Error.BAD_EVIDENCE, "evidence")
    if not SHA256.match(evidence.sha256 or ""):
        _refuse(_("A SHA-256 is 64 hexadecimal digits."), Error.BAD_EVIDENCE, "evidence")
    if evidence.size is not None and evidence.size < 0:
        _refuse(_("The evidence file's name is not acceptable."), Error.BAD_EVIDENCE, "evidence")
    return {"evidence_name": name, "evidence_sha256": evidence.sha256, "evidence_size": evidence.size}


def _snapshot(version) -> dict:
    return {"code": version.code, "version": version.version, "status": version.status}


# --------------------------------------------------------------------------------------------------
# Questionnaire versions
# --------------------------------------------------------------------------------------------------


def draft_questionnaire_version(*, source: Questionnaire, actor) -> Questionnaire:
    """A new draft version of ``source``'s questionnaire, a copy of ``source`` (numbered after the latest)."""
    _forbid(actor, access.may_manage_versions(actor))
    with transaction.atomic():
        # Lock the code's versions: two drafts made at once cannot take the same number.
        list(Questionnaire.objects.select_for_update().filter(code=source.code).values_list("pk", flat=True))
        if Questionnaire.objects.filter(code=source.code, status=VersionStatus.DRAFT).exists():
            _refuse(_("A draft of this questionnaire exists already: finish or publish it."), Error.DRAFT_EXISTS)
        number = (Questionnaire.objects.filter(code=source.code).aggregate(m=Max("version"))["m"] or 0) + 1
        draft = Questionnaire.objects.create(
            code=source.code, version=number, status=VersionStatus.DRAFT, valid_from=timezone.localdate(), title=source.title, based_on=source,
        )
        for dimension in source.dimensions.order_by("order").prefetch_related("questions"):
            copy = Dimension.objects.create(questionnaire=draft, code=dimension.code, order=dimension.order, title=dimension.title)
            Question.objects.bulk_create(
                Question(dimension=copy, code=q.code, order=q.order, text=q.text, anchors=q.anchors) for q in dimension.questions.order_by("order")
            )
        record_event(action="capability.questionnaire.draft", object_type="capability.Questionnaire", object_id=draft.pk, after=_snapshot(draft), actor=actor)
    return draft


def edit_question(*, question: Question, text: dict, anchors: list, actor) -> Question:
    """Change a draft version's question text and score descriptions (a published one is refused)."""
    _forbid(actor, access.may_manage_versions(actor))
    validate_trilingual(text)
    validate_anchors(anchors)
    with transaction.atomic():
        version = Questionnaire.objects.select_for_update().get(pk=question.dimension.questionnaire_id)
        if version.is_published:
            _refuse(_("A published version never changes: make a new version."), Error.PUBLISHED)
        before = {"text": question.text, "anchors": question.anchors}
        question.text, question.anchors = text, anchors
        question.save(update_fields=["text", "anchors"])
        record_event(action="capability.questionnaire.edit_question", object_type="capability.Question", object_id=question.pk, before=before, after={"text": text, "anchors": anchors}, actor=actor)
    return question


def publish_questionnaire(*, questionnaire: Questionnaire, actor, valid_from: date | None = None) -> Questionnaire:
    """Publish a draft: from then on it never changes and audits may use it."""
    _forbid(actor, access.may_manage_versions(actor))
    with transaction.atomic():
        version = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if version.is_published:
            _refuse(_("This version is published already."), Error.PUBLISHED)
        dimensions = list(version.dimensions.prefetch_related("questions"))
        if not dimensions or any(not list(d.questions.all()) for d in dimensions):
            _refuse(_("Every dimension needs at least one question before the version is published."), Error.INCOMPLETE_VERSION)
        version.status, version.published_at = VersionStatus.PUBLISHED, timezone.now()
        if valid_from is not None:
            version.valid_from = valid_from
        version.save()
        record_event(action="capability.questionnaire.publish", object_type="capability.Questionnaire", object_id=version.pk, after=_snapshot(version), actor=actor)
    return version


# --------------------------------------------------------------------------------------------------
# Readiness question-set versions
# --------------------------------------------------------------------------------------------------


def draft_question_set_version(*, source: ReadinessQuestionSet, actor) -> ReadinessQuestionSet:
    """A new draft version of ``source``'s question set, a copy of ``source``."""
    _forbid(actor, access.may_manage_versions(actor))
    with transaction.atomic():
        list(ReadinessQuestionSet.objects.select_for_update().filter(code=source.code).values_list("pk", flat=True))
        if ReadinessQuestionSet.objects.filter(code=source.code, status=VersionStatus.DRAFT).exists():
            _refuse(_("A draft of this question set exists already: finish or publish it."), Error.DRAFT_EXISTS)
        number = (ReadinessQuestionSet.objects.filter(code=source.code).aggregate(m=Max("version"))["m"] or 0) + 1
        draft = ReadinessQuestionSet.objects.create(
            code=source.code, version=number, kind=source.kind, technology_type=source.technology_type, max_level=source.max_level,
            status=VersionStatus.DRAFT, valid_from=timezone.localdate(), title=source.title, based_on=source,
        )
        ReadinessQuestion.objects.bulk_create(
            ReadinessQuestion(question_set=draft, code=q.code, level=q.level, order=q.order, text=q.text, answer_type=q.answer_type, threshold=q.threshold)
            for q in source.questions.order_by("level", "order")
        )
        record_event(action="capability.question_set.draft", object_type="capability.ReadinessQuestionSet", object_id=draft.pk, after=_snapshot(draft), actor=actor)
    return draft


def edit_readiness_question(*, question: ReadinessQuestion, text: dict, answer_type: str, threshold: int, actor) -> ReadinessQuestion:
    """Change a draft set's question: its text, how it is answered and its threshold."""
    _forbid(actor, access.may_manage_versions(actor))
    validate_trilingual(text)
    if answer_type not in AnswerType.values:
        _refuse(_("Choose how the question is answered."), Error.BAD_ANSWER, "answer_type")
    if answer_type == AnswerType.YES_NO:
        threshold = 100
    if not isinstance(threshold, int) or not 1 <= threshold <= 100:
        _refuse(_("A threshold is between 1 and 100 per cent."), Error.BAD_ANSWER, "threshold")
    with transaction.atomic():
        version = ReadinessQuestionSet.objects.select_for_update().get(pk=question.question_set_id)
        if version.is_published:
            _refuse(_("A published version never changes: make a new version."), Error.PUBLISHED)
        before = {"text": question.text, "answer_type": question.answer_type, "threshold": question.threshold}
        question.text, question.answer_type, question.threshold = text, answer_type, threshold
        question.save(update_fields=["text", "answer_type", "threshold"])
        record_event(
            action="capability.question_set.edit_question", object_type="capability.ReadinessQuestion", object_id=question.pk,
            before=before, after={"text": text, "answer_type": answer_type, "threshold": threshold}, actor=actor,
        )
    return question


def publish_question_set(*, question_set: ReadinessQuestionSet, actor, valid_from: date | None = None) -> ReadinessQuestionSet:
    """Publish a draft set: every level 1..top must hold a question (a gap would stop every climb)."""
    _forbid(actor, access.may_manage_versions(actor))
    with transaction.atomic():
        version = ReadinessQuestionSet.objects.select_for_update().get(pk=question_set.pk)
        if version.is_published:
            _refuse(_("This version is published already."), Error.PUBLISHED)
        levels = set(version.questions.values_list("level", flat=True))
        missing = [level for level in range(1, version.max_level + 1) if level not in levels]
        if missing:
            _refuse(_("Levels without a question: %(levels)s.") % {"levels": ", ".join(map(str, missing))}, Error.INCOMPLETE_VERSION)
        version.status, version.published_at = VersionStatus.PUBLISHED, timezone.now()
        if valid_from is not None:
            version.valid_from = valid_from
        version.save()
        record_event(action="capability.question_set.publish", object_type="capability.ReadinessQuestionSet", object_id=version.pk, after=_snapshot(version), actor=actor)
    return version


# --------------------------------------------------------------------------------------------------
# Audits
# --------------------------------------------------------------------------------------------------


def _project_parties(project) -> set[int]:
    from niokr.projects.models import Agreement

    return {project.performer_id, *Agreement.objects.filter(project=project).values_list("payer_id", flat=True)}


def start_audit(*, organisation, questionnaire: Questionnaire, kind: str, actor, audit_date: date, project=None, phase: str = "") -> Audit:
    """Start a draft audit of ``organisation``.

    An assessor (or an administrator) starts an assessor's audit of any organisation; the
    organisation's own staff start its self-assessment. The questionnaire must be published and in
    force on the audit date; a linked project must be one the organisation performs or pays for,
    with the phase (before or after it) named.
    """
    if kind == AuditKind.ASSESSOR:
        _forbid(actor, access.may_assess(actor))
    elif kind == AuditKind.SELF:
        _forbid(actor, access.may_self_assess(actor, organisation.pk) or access.is_administrator(actor))
    else:
        _refuse(_("Choose who fills in the audit."), Error.BAD_KIND, "kind")
    _check_date(audit_date, "audit_date")
    if not questionnaire.is_published:
        _refuse(_("Only a published questionnaire is used for an audit."), Error.NOT_PUBLISHED, "questionnaire")
    if questionnaire.valid_from > audit_date:
        _refuse(_("The questionnaire version is not yet in force on the audit date."), Error.NOT_IN_FORCE, "questionnaire")
    if project is None and phase:
        _refuse(_("Choose the project the audit is made before or after."), Error.PHASE_WITHOUT_PROJECT, "phase")
    if project is not None:
        if phase not in ProjectPhase.values:
            _refuse(_("An audit linked to a project says whether it was made before or after it."), Error.PHASE_MISSING, "phase")
        if organisation.pk not in _project_parties(project):
            _refuse(_("The organisation neither performs nor pays for this project."), Error.NOT_A_PARTY, "project")
    with transaction.atomic():
        audit = Audit.objects.create(
            organisation=organisation, questionnaire=questionnaire, kind=kind, assessor=actor, audit_date=audit_date, project=project, phase=phase if project else "",
        )
        record_event(
            action="capability.audit.start", object_type="capability.Audit", object_id=audit.pk, actor=actor,
            after={"organisation": organisation.bin, "questionnaire": str(questionnaire), "kind": kind, "date": audit_date, "project": getattr(project, "code", ""), "phase": audit.phase},
        )
    return audit


def _locked_audit(audit: Audit, actor) -> Audit:
    locked = Audit.objects.select_for_update().get(pk=audit.pk)
    if locked.status != AuditStatus.DRAFT:
        _refuse(_("A submitted audit never changes."), Error.SUBMITTED)
    _forbid(actor, access.may_edit_audit(actor, locked))
    return locked


def save_audit_answers(*, audit: Audit, answers: Mapping[int, AnswerInput], actor) -> Audit:
    """Record or change a draft audit's answers (question id → :class:`AnswerInput`); others stay as they are."""
    with transaction.atomic():
        locked = _locked_audit(audit, actor)
        questions = {q.pk: q for q in Question.objects.filter(dimension__questionnaire_id=locked.questionnaire_id)}
        rows = {}
        for question_id, answer in answers.items():
            if question_id not in questions:
                _refuse(_("The question is not one of this audit's questionnaire."), Error.FOREIGN_QUESTION)
            if not isinstance(answer.value, int) or isinstance(answer.value, bool) or not engine.SCORE_MIN <= answer.value <= engine.SCORE_MAX:
                _refuse(_("A score is between 1 and 4."), Error.BAD_ANSWER, "score")
            rows[question_id] = {"score": answer.value, "comment": _check_comment(answer.comment), **_check_evidence(answer.evidence)}
        existing = {a.question_id: a for a in AuditAnswer.objects.filter(audit=locked, question_id__in=list(rows))}
        for question_id, values in rows.items():
            answer = existing.get(question_id)
            if answer is None:
                AuditAnswer.objects.create(audit=locked, question_id=question_id, **values)
                continue
            if values["evidence_sha256"] == "" and answer.evidence_sha256:
                # An answer re-sent without a file keeps the evidence it has.
                values = {**values, "evidence_name": answer.evidence_name, "evidence_sha256": answer.evidence_sha256, "evidence_size": answer.evidence_size}
            for field, value in values.items():
                setattr(answer, field, value)
            answer.save()
        if rows:
            record_event(
                action="capability.audit.answers", object_type="capability.Audit", object_id=locked.pk, actor=actor,
                after={"answers": {questions[qid].code: values["score"] for qid, values in rows.items()}},
            )
    return locked


def submit_audit(*, audit: Audit, actor) -> Audit:
    """Submit a draft audit whose every question is answered: its scores and archetype are computed and frozen."""
    with transaction.atomic():
        locked = _locked_audit(audit, actor)
        dimensions = list(Dimension.objects.filter(questionnaire_id=locked.questionnaire_id).order_by("order"))
        total = Question.objects.filter(dimension__questionnaire_id=locked.questionnaire_id).count()
        answers = list(AuditAnswer.objects.filter(audit=locked).select_related("question__dimension"))
        if len(answers) < total:
            _refuse(_("Answer every question before submitting: %(missing)s left.") % {"missing": total - len(answers)}, Error.UNANSWERED)
        scores = engine.audit_scores(
            (engine.ScoredAnswer(a.question.dimension.code, a.score) for a in answers), expected=[d.code for d in dimensions],
        )
        AuditDimensionScore.objects.bulk_create(
            AuditDimensionScore(audit=locked, dimension=d, dimension_code=d.code, score=engine.to_decimal(scores.dimensions[d.code])) for d in dimensions
        )
        locked.status, locked.submitted_at = AuditStatus.SUBMITTED, timezone.now()
        locked.overall_score, locked.archetype = engine.to_decimal(scores.overall), scores.archetype
        # The frozen-row guard reads the stored status (still draft): this is the last write.
        locked.save()
        record_event(
            action="capability.audit.submit", object_type="capability.Audit", object_id=locked.pk, actor=actor,
            after={"overall": locked.overall_score, "archetype": locked.archetype, "dimensions": {code: engine.to_decimal(v) for code, v in scores.dimensions.items()}},
        )
    return locked


# --------------------------------------------------------------------------------------------------
# Readiness assessments
# --------------------------------------------------------------------------------------------------


def start_assessment(*, project, question_set: ReadinessQuestionSet, actor, assessment_date: date, corrects: Assessment | None = None, note: str = "") -> Assessment:
    """Start a draft readiness assessment of ``project`` (assessors and administrators).

    With ``corrects``, the new assessment corrects an earlier submitted one of the same project and
    scale (the earlier one stays as it was); a correction says why (``note``) and starts with the
    earlier answers.
    """
    _forbid(actor, access.may_assess(actor))
    _check_date(assessment_date, "assessment_date")
    note = _check_comment(note)
    if not question_set.is_published:
        _refuse(_("Only a published question set is used for an assessment."), Error.NOT_PUBLISHED, "question_set")
    if question_set.valid_from > assessment_date:
        _refuse(_("The question set is not yet in force on the assessment date."), Error.NOT_IN_FORCE, "question_set")
    if corrects is not None:
        if corrects.status != AssessmentStatus.SUBMITTED:
            _refuse(_("Only a submitted assessment is corrected; change the draft itself."), Error.NOT_SUBMITTED)
        if corrects.project_id != project.pk or corrects.kind != question_set.kind:
            _refuse(_("A correction assesses the same project on the same scale."), Error.CORRECTION_MISMATCH)
        if not note:
            _refuse(_("Say why the assessment is corrected."), Error.REASON_MISSING, "note")
    with transaction.atomic():
        assessment = Assessment.objects.create(
            project=project, question_set=question_set, kind=question_set.kind, technology_type=question_set.technology_type,
            assessment_date=assessment_date, assessor=actor, corrects=corrects, note=note,
        )
        if corrects is not None and corrects.question_set_id == question_set.pk:
            AssessmentAnswer.objects.bulk_create(
                AssessmentAnswer(
                    assessment=assessment, question_id=a.question_id, value=a.value, comment=a.comment,
                    evidence_name=a.evidence_name, evidence_sha256=a.evidence_sha256, evidence_size=a.evidence_size,
                )
                for a in corrects.answers.all()
            )
        record_event(
            action="capability.assessment.correct" if corrects else "capability.assessment.start", object_type="capability.Assessment", object_id=assessment.pk, actor=actor,
            after={"project": project.code, "question_set": str(question_set), "date": assessment_date, "corrects": getattr(corrects, "pk", None)}, reason=note,
        )
    return assessment


def correct_assessment(*, previous: Assessment, actor, note: str, assessment_date: date | None = None) -> Assessment:
    """A new draft assessment correcting ``previous`` (same project, same question set, its answers copied)."""
    return start_assessment(
        project=previous.project, question_set=previous.question_set, actor=actor, assessment_date=assessment_date or timezone.localdate(), corrects=previous, note=note,
    )


def _locked_assessment(assessment: Assessment, actor) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.DRAFT:
        _refuse(_("A submitted assessment is never changed: correct it with a new assessment."), Error.SUBMITTED)
    _forbid(actor, access.may_edit_assessment(actor, locked))
    return locked


def save_assessment_answers(*, assessment: Assessment, answers: Mapping[int, AnswerInput], actor) -> Assessment:
    """Record or change a draft assessment's answers (question id → :class:`AnswerInput`, value 0–100)."""
    with transaction.atomic():
        locked = _locked_assessment(assessment, actor)
        questions = {q.pk: q for q in ReadinessQuestion.objects.filter(question_set_id=locked.question_set_id)}
        rows = {}
        for question_id, answer in answers.items():
            question = questions.get(question_id)
            if question is None:
                _refuse(_("The question is not one of this assessment's question set."), Error.FOREIGN_QUESTION)
            value = answer.value
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
                _refuse(_("An answer is between 0 and 100 per cent."), Error.BAD_ANSWER, "value")
            if question.answer_type == AnswerType.YES_NO and value not in (0, 100):
                _refuse(_("Answer this question yes or no."), Error.BAD_ANSWER, "value")
            rows[question_id] = {"value": value, "comment": _check_comment(answer.comment), **_check_evidence(answer.evidence)}
        existing = {a.question_id: a for a in AssessmentAnswer.objects.filter(assessment=locked, question_id__in=list(rows))}
        for question_id, values in rows.items():
            answer = existing.get(question_id)
            if answer is None:
                AssessmentAnswer.objects.create(assessment=locked, question_id=question_id, **values)
                continue
            if values["evidence_sha256"] == "" and answer.evidence_sha256:
                values = {**values, "evidence_name": answer.evidence_name, "evidence_sha256": answer.evidence_sha256, "evidence_size": answer.evidence_size}
            for field, value in values.items():
                setattr(answer, field, value)
            answer.save()
        if rows:
            record_event(
                action="capability.assessment.answers", object_type="capability.Assessment", object_id=locked.pk, actor=actor,
                after={"answers": {questions[qid].code: values["value"] for qid, values in rows.items()}},
            )
    return locked


def level_of(question_set: ReadinessQuestionSet, answers: Mapping[int, int | None], questions=None) -> engine.LevelResult:
    """The engine's level for ``answers`` (question id → percentage) on ``question_set``."""
    questions = list(questions if questions is not None else question_set.questions.all())
    return engine.readiness_level(
        [engine.LevelQuestion(key=str(q.pk), level=q.level, threshold=q.threshold) for q in questions],
        {str(qid): value for qid, value in answers.items()},
        max_level=question_set.max_level,
    )


def submit_assessment(*, assessment: Assessment, actor) -> Assessment:
    """Submit a draft whose every question is answered: the level is computed by the engine and frozen."""
    with transaction.atomic():
        locked = _locked_assessment(assessment, actor)
        questions = list(ReadinessQuestion.objects.filter(question_set_id=locked.question_set_id))
        answers = dict(AssessmentAnswer.objects.filter(assessment=locked).values_list("question_id", "value"))
        missing = len([q for q in questions if q.pk not in answers])
        if missing:
            _refuse(_("Answer every question before submitting: %(missing)s left.") % {"missing": missing}, Error.UNANSWERED)
        result = level_of(locked.question_set, answers, questions)
        locked.level, locked.status, locked.submitted_at = result.level, AssessmentStatus.SUBMITTED, timezone.now()
        locked.save()
        record_event(
            action="capability.assessment.submit", object_type="capability.Assessment", object_id=locked.pk, actor=actor,
            after={"project": locked.project.code, "kind": locked.kind, "level": result.level, "date": locked.assessment_date},
        )
    return locked
