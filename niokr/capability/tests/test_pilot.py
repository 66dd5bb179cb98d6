"""The synthetic country's capability pilot: it builds through the services, deterministically."""

from __future__ import annotations

import pytest

from niokr.capability import queries
from niokr.capability.models import Assessment, AssessmentAnswer, Audit, AuditAnswer, AuditDimensionScore
from niokr.synthetic import capability_pilot

pytestmark = pytest.mark.django_db


def _snapshot():
    audits = list(Audit.objects.order_by("organisation_id", "audit_date", "kind", "phase").values_list("organisation_id", "audit_date", "kind", "phase", "overall_score", "archetype"))
    assessments = list(Assessment.objects.order_by("project_id", "kind", "assessment_date", "id").values_list("project_id", "kind", "technology_type", "assessment_date", "level"))
    return audits, assessments


def _clear():
    # QuerySet deletes bypass the frozen-row guard: only this test's clean-up uses them.
    AssessmentAnswer.objects.all().delete()
    Assessment.objects.filter(corrects__isnull=False).delete()
    Assessment.objects.all().delete()
    AuditAnswer.objects.all().delete()
    AuditDimensionScore.objects.all().delete()
    Audit.objects.all().delete()


def test_the_pilot_audits_the_medtech_performers_and_assesses_their_projects(world):
    counts = capability_pilot.build(7)
    assert counts["audits"] >= 2 and counts["assessments"] >= 4 and counts["projects_assessed"] == 3
    assert set(Audit.objects.values_list("organisation_id", flat=True)) >= {world.orgs["p"].pk, world.orgs["q"].pk}
    assert Audit.objects.filter(kind="self", organisation=world.orgs["p"]).exists()  # its staff's self-assessment
    assert all(a.status == "submitted" for a in Audit.objects.all())
    for project in world.projects.values():
        history = queries.trl_history(project)
        assert len(history) >= 2
        effective = [p.level for p in history if not p.corrected]
        assert effective == sorted(effective)
    assert queries.capability_score(priority="medtech").organisations == 2


def test_the_pilot_is_deterministic(world):
    capability_pilot.build(11)
    first = _snapshot()
    _clear()
    capability_pilot.build(11)
    assert _snapshot() == first
    _clear()
    capability_pilot.build(12)
    assert _snapshot() != first
