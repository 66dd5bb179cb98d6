"""Results: typed validation per kind, recording by the performer, evidence, verification by a payer or a regulator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from niokr.accounts.models import Notification
from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import results
from niokr.projects.lifecycle.documents import EVIDENCE, keep_document
from niokr.projects.lifecycle.processes.results import RESULT
from niokr.projects.lifecycle.tests.delivery_world import build_world, pdf
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import Result
from niokr.projects.models.results import DOI_PATTERN, normalise_doi

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The reasons are read in English here (the pages' tests read them in kk and ru)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(build, settings, tmp_path):
    return build_world(build, settings, tmp_path)


def record(world, kind="patent", persona="performer_p", **fields):
    defaults = {
        "patent": {"patent_office": "kazpatent", "patent_number": "KZ 36512", "achieved_on": date(2024, 5, 2)},
        "publication": {"doi": "10.1016/j.mineng.2024.108765", "indexing": "scopus"},
        "trl": {"trl_level": 5, "trl_methodology": "ГОСТ Р 58048-2017"},
        "implementation": {"implemented_at": "Обогатительная фабрика №2", "achieved_on": date(2024, 9, 1), "economic_effect": Decimal("12500000")},
        "revenue": {"revenue": Decimal("4000000")},
        "jobs": {"jobs": 12},
    }[kind]
    return results.record_result(project=world.project, kind=kind, title="Способ флотации", year=2024, actor=world.users[persona], **(defaults | fields))


def snapshot():
    return (list(Result.objects.order_by("pk").values_list("pk", "status", "evidence_note")), AuditEvent.objects.count(), Notification.objects.count())


def refused(call):
    before = snapshot()
    with pytest.raises((TransitionRefused, ValidationError)) as caught:
        call()
    assert snapshot() == before
    return caught.value


def test_the_result_workflow_is_sound():
    assert RESULT.problems() == []


@pytest.mark.parametrize("kind", ["patent", "publication", "trl", "implementation", "revenue", "jobs"])
def test_the_performer_records_a_result_of_each_kind(world, kind):
    result = record(world, kind)
    assert result.status == "claimed" and result.reference == "PRJ-2023-001-R01" and not result.has_evidence
    event = AuditEvent.objects.get(action="result.claim")
    assert event.after["kind"] == kind and event.after["evidence"] is False
    assert Notification.objects.filter(user=world.users["company_a"], kind="lifecycle.result_claimed").exists()
    assert record(world, kind).reference == "PRJ-2023-001-R02"


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        ("publication", {"doi": "not-a-doi"}, "doi"),
        ("publication", {"doi": "10.12/abc"}, "doi"),
        ("publication", {"doi": ""}, "doi"),
        ("publication", {"indexing": ""}, "indexing"),
        ("publication", {"indexing": "google"}, "indexing"),
        ("patent", {"patent_office": "uspto"}, "patent_office"),
        ("patent", {"patent_number": " "}, "patent_number"),
        ("patent", {"achieved_on": None}, "achieved_on"),
        ("trl", {"trl_level": 10}, "trl_level"),
        ("trl", {"trl_level": None}, "trl_level"),
        ("trl", {"trl_methodology": ""}, "trl_methodology"),
        ("implementation", {"economic_effect": Decimal("-1")}, "economic_effect"),
        ("implementation", {"implemented_at": ""}, "implemented_at"),
        ("revenue", {"revenue": Decimal("-100")}, "revenue"),
        ("revenue", {"revenue": Decimal("0")}, "revenue"),
        ("jobs", {"jobs": 0}, "jobs"),
    ],
)
def test_a_result_with_a_missing_or_malformed_field_is_refused(world, kind, fields, field):
    error = refused(lambda: record(world, kind, **fields))
    assert field in error.message_dict, error.message_dict


def test_a_doi_given_as_a_link_is_kept_bare(world):
    assert record(world, "publication", doi=" https://doi.org/10.1016/j.mineng.2024.108765 ").doi == "10.1016/j.mineng.2024.108765"


@pytest.mark.parametrize("persona", ["company_a", "performer_q", "regulator_industry", "auditor", "outsider"])
def test_only_the_performers_staff_record_results(world, persona):
    error = refused(lambda: record(world, persona=persona))
    assert error.code == "forbidden"


def test_the_database_refuses_a_patent_without_its_number(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.create(reference="X-1", project=world.project, kind="patent", title="t", year=2024, patent_office="eapo", achieved_on=date(2024, 1, 1))


def test_a_result_is_verified_only_on_evidence(world):
    result = record(world)
    error = refused(lambda: results.verify_result(result=result, actor=world.users["company_a"]))
    assert "evidence" in error.reason
    kept = keep_document(EVIDENCE, pdf("patent.pdf"))
    results.add_evidence(result=result, actor=world.users["performer_p"], reference="https://kazpatent.kz/36512", evidence=kept)
    result.refresh_from_db()
    assert result.has_evidence and result.evidence_name == "patent.pdf"
    results.verify_result(result=result, actor=world.users["company_a"], note="Сверено с реестром")
    result.refresh_from_db()
    assert result.status == "verified" and result.decided_by == world.users["company_a"]
    assert AuditEvent.objects.filter(action="result.verify", object_id=str(result.pk)).exists()
    assert Notification.objects.filter(user=world.users["performer_p"], kind="lifecycle.result_verified").exists()


def test_a_regulator_of_the_payers_competence_rejects_with_a_reason(world):
    result = record(world, evidence_note="Патент выдан")
    refused(lambda: results.reject_result(result=result, actor=world.users["regulator_industry"], reason=""))
    refused(lambda: results.reject_result(result=result, actor=world.users["regulator_energy"], reason="нет"))
    refused(lambda: results.reject_result(result=result, actor=world.users["performer_p"], reason="нет"))
    results.reject_result(result=result, actor=world.users["regulator_industry"], reason="Патент на другое лицо")
    result.refresh_from_db()
    assert result.status == "rejected" and result.decision_note == "Патент на другое лицо"
    refused(lambda: results.verify_result(result=result, actor=world.users["company_a"]))


def test_results_without_evidence_are_marked(world):
    bare = record(world)
    backed = record(world, evidence_reference="Акт внедрения №5")
    assert set(Result.objects.without_evidence()) == {bare}
    assert backed.has_evidence


@pytest.mark.parametrize("doi", ["10.1000/182", "10.1016/j.energy.2024.130001", "10.1109/5.771073", "10.12345678/abc-(def)_1"])
def test_valid_dois(doi):
    assert DOI_PATTERN.match(normalise_doi(doi))


@given(st.text(max_size=40))
def test_a_doi_is_accepted_only_with_its_prefix_and_a_registrant_of_four_to_nine_digits(text):
    if DOI_PATTERN.match(text):
        registrant = text[3:].split("/", 1)[0]
        assert text.startswith("10.") and registrant.isdigit() and 4 <= len(registrant) <= 9


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(revenue=st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=2, allow_nan=False, allow_infinity=False))
def test_revenue_is_recorded_exactly_when_above_zero(world, revenue):
    try:
        result = record(world, "revenue", revenue=revenue)
    except ValidationError as exc:
        assert revenue <= 0 and "revenue" in exc.message_dict
    else:
        assert revenue > 0 and result.revenue == revenue
