"""Technology audits: who starts which, scores and archetypes on submission, aggregates and comparisons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from niokr.capability import queries, services
from niokr.capability.models import Audit, AuditAnswer, AuditDimensionScore, Question
from niokr.capability.models.common import Frozen
from niokr.capability.tests.world import answer_all, submitted_audit
from niokr.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _by_dimension(scores: dict[str, int], default: int = 2):
    return lambda q: scores.get(q.dimension.code, default)


def test_an_organisations_staff_fill_in_its_self_assessment(world):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="self", actor=world.users["performer_p"], audit_date=date(2024, 3, 1))
    answer_all(audit, lambda q: 3, world.users["performer_p"])
    done = services.submit_audit(audit=audit, actor=world.users["performer_p"])
    assert (done.status, done.overall_score, done.archetype) == ("submitted", Decimal("3.00"), "strategic")
    assert AuditDimensionScore.objects.filter(audit=done).count() == 9


@pytest.mark.parametrize("persona", ["performer_x", "company_c", "regulator", "policy_analyst", "outsider"])
def test_nobody_else_self_assesses_an_organisation(world, persona):
    with pytest.raises(PermissionDenied):
        services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="self", actor=world.users[persona], audit_date=date(2024, 3, 1))
    assert not Audit.objects.exists()


@pytest.mark.parametrize("persona", ["performer_p", "auditor", "regulator", "tcc_analyst"])
def test_only_assessors_make_assessor_audits(world, persona):
    with pytest.raises(PermissionDenied):
        services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users[persona], audit_date=date(2024, 3, 1))
    assert not Audit.objects.exists()


def test_scores_are_dimension_means_and_the_archetype_is_stored(world):
    scores = {"awareness": 4, "searching": 4, "competencies": 4, "strategy": 4, "assessing": 4, "acquiring": 3, "implementing": 3, "learning": 3, "linkages": 3}
    audit = submitted_audit(world, world.orgs["p"], _by_dimension(scores))
    # (5 × 4 + 4 × 3) / 9 = 3.555… → 3.56; weakest 3 ≥ 2.5 → creative
    assert audit.overall_score == Decimal("3.56") and audit.archetype == "creative"
    stored = dict(audit.dimension_scores.values_list("dimension_code", "score"))
    assert stored["strategy"] == Decimal("4.00") and stored["linkages"] == Decimal("3.00")
    assert list(AuditEvent.objects.filter(object_type="capability.Audit").values_list("action", flat=True)) == [
        "capability.audit.start", "capability.audit.answers", "capability.audit.submit",
    ]


def test_a_submitted_audit_never_changes(world):
    audit = submitted_audit(world, world.orgs["p"], lambda q: 2)
    answer = AuditAnswer.objects.filter(audit=audit).first()
    with pytest.raises(ValidationError) as refused:
        services.save_audit_answers(audit=audit, answers={answer.question_id: services.AnswerInput(4)}, actor=world.users["assessor"])
    assert refused.value.code == "submitted"
    answer.score = 4
    with pytest.raises(Frozen):
        answer.save()
    with pytest.raises(Frozen):
        Audit.objects.get(pk=audit.pk).delete()
    with pytest.raises(Frozen):
        AuditDimensionScore.objects.filter(audit=audit).first().delete()
    assert AuditAnswer.objects.get(pk=answer.pk).score == 2


def test_an_incomplete_audit_is_not_submitted(world):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    first = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    services.save_audit_answers(audit=audit, answers={first.pk: services.AnswerInput(3)}, actor=world.users["assessor"])
    with pytest.raises(ValidationError) as refused:
        services.submit_audit(audit=audit, actor=world.users["assessor"])
    assert refused.value.code == "unanswered"
    assert Audit.objects.get(pk=audit.pk).status == "draft"


@pytest.mark.parametrize("score", [0, 5, -1, True])
def test_a_score_off_the_scale_is_refused(world, score):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    first = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    with pytest.raises(ValidationError):
        services.save_audit_answers(audit=audit, answers={first.pk: services.AnswerInput(score)}, actor=world.users["assessor"])
    assert not audit.answers.exists()


def test_hostile_comments_and_evidence_are_refused(world):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    first = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    for answer in (
        services.AnswerInput(3, comment="a\x00b"),
        services.AnswerInput(3, comment="x" * 2001),
        services.AnswerInput(3, evidence=services.Evidence(name="../../etc/passwd", sha256="0" * 64)),
        services.AnswerInput(3, evidence=services.Evidence(name="report.pdf", sha256="not-a-hash")),
    ):
        with pytest.raises(ValidationError):
            services.save_audit_answers(audit=audit, answers={first.pk: answer}, actor=world.users["assessor"])
    assert not audit.answers.exists()


def test_a_project_link_needs_a_party_and_a_phase(world):
    actor = world.users["assessor"]
    kwargs = {"questionnaire": world.questionnaire, "kind": "assessor", "actor": actor, "audit_date": date(2024, 3, 1)}
    with pytest.raises(ValidationError) as no_phase:
        services.start_audit(organisation=world.orgs["p"], project=world.projects["p1"], **kwargs)
    assert "phase" in no_phase.value.message_dict
    with pytest.raises(ValidationError) as stranger:
        services.start_audit(organisation=world.orgs["u"], project=world.projects["p1"], phase="before", **kwargs)
    assert "project" in stranger.value.message_dict
    # the payer of the project's agreement is a party too
    assert services.start_audit(organisation=world.orgs["c"], project=world.projects["p1"], phase="before", **kwargs).phase == "before"


def test_before_and_after_audits_pair_up_for_a_project(world):
    project = world.projects["p1"]
    submitted_audit(world, world.orgs["p"], lambda q: 2, day=date(2022, 2, 1), project=project, phase="before")
    submitted_audit(world, world.orgs["p"], lambda q: 3, day=date(2025, 12, 1), project=project, phase="after")
    pairs = queries.before_after(project)
    assert len(pairs) == 1 and pairs[0]["delta"] == Decimal("1.00")


def test_aggregates_count_each_organisation_once_with_its_latest_audit(world):
    submitted_audit(world, world.orgs["p"], lambda q: 1, day=date(2022, 1, 1))
    submitted_audit(world, world.orgs["p"], lambda q: 3, day=date(2024, 1, 1))
    submitted_audit(world, world.orgs["q"], lambda q: 2, day=date(2024, 1, 1))
    submitted_audit(world, world.orgs["x"], lambda q: 4, day=date(2024, 1, 1))
    medtech = queries.capability_score(priority="medtech")
    assert (medtech.organisations, medtech.overall) == (2, Decimal("2.50"))
    assert medtech.dimensions["strategy"] == Decimal("2.50")
    assert queries.capability_score(tcc_sector="agro").overall == Decimal("4.00")
    assert queries.capability_score(organisation_ids=[world.orgs["p"].pk]).overall == Decimal("3.00")
    by_region = queries.aggregate_potential("region")
    assert by_region["almaty_city"].organisations == 2 and by_region["karaganda"].overall == Decimal("4.00")
    by_priority = queries.capability_by_priority()
    assert set(by_priority) == {"medtech", "agritech"}
    assert queries.capability_score().organisations == 3


def test_an_organisation_is_compared_with_its_sector_peers_without_itself(world):
    submitted_audit(world, world.orgs["p"], lambda q: 4)
    submitted_audit(world, world.orgs["q"], lambda q: 2)
    axis, sector, peers = queries.sector_comparison(world.orgs["p"])
    assert (axis, sector, peers.organisations, peers.overall) == ("tcc_sector", "healthcare", 1, Decimal("2.00"))
    axis, sector, peers = queries.sector_comparison(world.orgs["u"])  # no projects: compared by kind
    assert (axis, sector) == ("kind", "university")
