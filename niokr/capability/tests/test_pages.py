"""The capability pages per role: who reads what (404 for others' objects), who may act (403), hostile input, the SVG."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from niokr.capability import charts, services
from niokr.capability.models import Assessment, Audit, AuditAnswer, Question
from niokr.capability.tests.world import PERSONAS, submitted_assessment, submitted_audit

pytestmark = pytest.mark.django_db

READERS = {"assessor", "admin", "auditor", "regulator", "policy_analyst", "policy_secretariat", "tcc_analyst"}


def client_for(client, world, persona):
    client.force_login(world.users[persona])
    return client


@pytest.fixture
def objects(world):
    audit_p = submitted_audit(world, world.orgs["p"], lambda q: 3, project=world.projects["p1"], phase="before", day=date(2022, 2, 1))
    audit_x = submitted_audit(world, world.orgs["x"], lambda q: 2)
    assessment_p = submitted_assessment(world, world.projects["p1"], 5)
    assessment_x = submitted_assessment(world, world.projects["x1"], 3, code="trl-agricultural")
    return {"audit_p": audit_p, "audit_x": audit_x, "assessment_p": assessment_p, "assessment_x": assessment_x}


#: Persona → the objects of ``objects`` it may read (the rest answer 404).
SEES = {
    **{persona: {"audit_p", "audit_x", "assessment_p", "assessment_x", "project_p", "project_x", "org_p", "org_x"} for persona in READERS},
    "performer_p": {"audit_p", "assessment_p", "project_p", "org_p"},
    "company_c": {"assessment_p", "project_p"},  # the payer sees its project's assessments, not the performer's audit
    "performer_x": {"audit_x", "assessment_x", "project_x", "org_x"},
    "outsider": set(),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_what_its_role_and_organisation_allow(client, world, objects, persona):
    c = client_for(client, world, persona)
    urls = {
        "audit_p": reverse("capability:audit-detail", args=[objects["audit_p"].pk]),
        "audit_x": reverse("capability:audit-detail", args=[objects["audit_x"].pk]),
        "assessment_p": reverse("capability:assessment-detail", args=[objects["assessment_p"].pk]),
        "assessment_x": reverse("capability:assessment-detail", args=[objects["assessment_x"].pk]),
        "project_p": reverse("capability:project-detail", args=[world.projects["p1"].pk]),
        "project_x": reverse("capability:project-detail", args=[world.projects["x1"].pk]),
        "org_p": reverse("capability:organisation-detail", args=[world.orgs["p"].pk]),
        "org_x": reverse("capability:organisation-detail", args=[world.orgs["x"].pk]),
    }
    for name, url in urls.items():
        expected = 200 if name in SEES[persona] else 404
        assert c.get(url).status_code == expected, (persona, name)
    for name in ("audit-list", "assessment-list", "potential", "questionnaire-list", "question-set-list"):
        assert c.get(reverse(f"capability:{name}")).status_code == 200, (persona, name)
    listed = c.get(reverse("capability:audit-list")).content.decode()
    assert (reverse("capability:audit-detail", args=[objects["audit_x"].pk]) in listed) == ("audit_x" in SEES[persona])


def test_anonymous_users_are_sent_to_log_in(client, world, objects):
    for url in (reverse("capability:audit-list"), reverse("capability:audit-detail", args=[objects["audit_p"].pk]), reverse("capability:potential")):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_small_cells_of_the_aggregates_are_hidden_from_organisation_staff(client, world, objects):
    from django.utils import translation

    with translation.override("ru"):
        too_few = translation.gettext("too few organisations to show")
    staff = client_for(client, world, "performer_p").get(reverse("capability:potential") + "?axis=region").content.decode()
    assert too_few in staff
    reader = client_for(client, world, "policy_analyst").get(reverse("capability:potential") + "?axis=region").content.decode()
    assert too_few not in reader and "3,00" in reader


@pytest.mark.parametrize("persona", ["performer_x", "company_c", "regulator", "auditor", "policy_secretariat"])
def test_nobody_but_the_assessor_changes_a_draft_audit(client, world, persona):
    audit = services.start_audit(organisation=world.orgs["x"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    question = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    response = client_for(client, world, persona).post(reverse("capability:audit-answers", args=[audit.pk]), {f"score_{question.pk}": "4"})
    assert response.status_code in (403, 404)
    assert not AuditAnswer.objects.filter(audit=audit).exists()


def test_an_assessor_fills_in_and_submits_an_audit_through_the_page(client, world):
    c = client_for(client, world, "assessor")
    response = c.post(reverse("capability:audit-create"), {
        "organisation_bin": world.orgs["q"].bin, "kind": "assessor", "questionnaire": world.questionnaire.pk, "audit_date": "2024-04-01", "project_code": "", "phase": "",
    })
    assert response.status_code == 302
    audit = Audit.objects.get(organisation=world.orgs["q"])
    questions = Question.objects.filter(dimension__questionnaire=world.questionnaire)
    pdf = SimpleUploadedFile("отчёт.pdf", b"%PDF-1.7\n" + b"x" * 100, content_type="application/pdf")
    first = questions.first()
    data = {f"score_{q.pk}": "3" for q in questions} | {f"comment_{first.pk}": "Стратегия утверждена", f"evidence_{first.pk}": pdf, "submit": "1"}
    assert c.post(reverse("capability:audit-answers", args=[audit.pk]), data).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "submitted" and audit.archetype == "strategic"
    answer = audit.answers.get(question=first)
    assert answer.evidence_name == "отчёт.pdf" and len(answer.evidence_sha256) == 64
    download = c.get(reverse("capability:audit-evidence", args=[audit.pk, first.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    page = c.get(reverse("capability:audit-detail", args=[audit.pk])).content.decode()
    assert "capability-radar" in page and "<script" not in page.split("capability-radar")[1].split("</svg>")[0]


@pytest.mark.parametrize("bad", ["5", "0", "-1", "abc", "3\x00", "9" * 5000])
def test_hostile_scores_are_refused_without_a_500(client, world, bad):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    question = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    response = client_for(client, world, "assessor").post(reverse("capability:audit-answers", args=[audit.pk]), {f"score_{question.pk}": bad, "score_999999": "4"})
    assert response.status_code == 200 and "исправьте отмеченные поля" in response.content.decode()
    assert not AuditAnswer.objects.filter(audit=audit).exists()


def test_a_comment_too_long_or_a_wrong_file_is_refused_on_the_page(client, world):
    audit = services.start_audit(organisation=world.orgs["p"], questionnaire=world.questionnaire, kind="assessor", actor=world.users["assessor"], audit_date=date(2024, 3, 1))
    question = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    c = client_for(client, world, "assessor")
    assert c.post(reverse("capability:audit-answers", args=[audit.pk]), {f"score_{question.pk}": "3", f"comment_{question.pk}": "я" * 2001}).status_code == 200
    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"x" * 100)
    assert c.post(reverse("capability:audit-answers", args=[audit.pk]), {f"score_{question.pk}": "3", f"evidence_{question.pk}": exe}).status_code == 200
    assert not AuditAnswer.objects.filter(audit=audit).exists()


@pytest.mark.parametrize("payload", [
    {"organisation_bin": "12345", "kind": "assessor", "audit_date": "2024-01-01"},
    {"organisation_bin": "000000000000", "kind": "assessor", "audit_date": "2024-01-01"},
    {"organisation_bin": "\x00" * 12, "kind": "assessor", "audit_date": "2024-01-01"},
    {"organisation_bin": None, "kind": "self", "audit_date": "9999-99-99"},
    {"organisation_bin": None, "kind": "assessor", "audit_date": "2099-01-01"},
    {"organisation_bin": None, "kind": "assessor", "audit_date": "2024-01-01", "phase": "after"},
    {"organisation_bin": None, "kind": "assessor", "audit_date": "2024-01-01", "project_code": "NOPE", "phase": "before"},
])
def test_the_audit_form_refuses_hostile_input(client, world, payload):
    data = {"questionnaire": world.questionnaire.pk, "project_code": "", "phase": ""} | {k: v for k, v in payload.items() if v is not None}
    if payload["organisation_bin"] is None:
        data["organisation_bin"] = world.orgs["p"].bin
    response = client_for(client, world, "assessor").post(reverse("capability:audit-create"), data)
    assert response.status_code == 200
    assert not Audit.objects.exists()


def test_a_self_assessment_of_another_organisation_is_refused_on_the_page(client, world):
    response = client_for(client, world, "performer_p").post(reverse("capability:audit-create"), {
        "organisation_bin": world.orgs["x"].bin, "kind": "self", "questionnaire": world.questionnaire.pk, "audit_date": "2024-01-01",
    })
    assert response.status_code == 200 and not Audit.objects.exists()


def test_the_assessment_pages_refuse_to_change_a_submitted_one_and_correct_it_instead(client, world, objects):
    c = client_for(client, world, "assessor")
    assessment = objects["assessment_p"]
    question = assessment.question_set.questions.get(level=1, order=1)
    c.post(reverse("capability:assessment-answers", args=[assessment.pk]), {f"value_{question.pk}": "0"})
    assert Assessment.objects.get(pk=assessment.pk).level == 5 and assessment.answers.get(question=question).value == 100
    response = c.post(reverse("capability:assessment-correct", args=[assessment.pk]), {"note": "Ошибка в ответе", "assessment_date": "2024-07-01"})
    correction = Assessment.objects.get(corrects=assessment)
    assert response.status_code == 302 and response["Location"].endswith(f"/{correction.pk}/")


@pytest.mark.parametrize("value", ["101", "-5", "1e9", "\x00"])
def test_a_percentage_off_the_scale_is_refused_on_the_page(client, world, value):
    assessment = services.start_assessment(project=world.projects["p1"], question_set=world.question_set(), actor=world.users["assessor"], assessment_date=date(2024, 1, 1))
    question = world.question_set().questions.get(answer_type="percent")
    response = client_for(client, world, "assessor").post(reverse("capability:assessment-answers", args=[assessment.pk]), {f"value_{question.pk}": value})
    assert response.status_code == 200 and not assessment.answers.exists()


@pytest.mark.parametrize("persona", ["performer_p", "company_c", "regulator", "policy_analyst", "outsider"])
def test_only_assessors_open_the_assessment_form_and_correct(client, world, objects, persona):
    c = client_for(client, world, persona)
    page = c.get(reverse("capability:assessment-create"))
    assert page.status_code == 200 and "start-refusal" in page.content.decode()
    assert c.post(reverse("capability:assessment-create"), {"project_code": "MED-1"}).status_code == 403
    before = Assessment.objects.count()
    assert c.post(reverse("capability:assessment-correct", args=[objects["assessment_p"].pk]), {"note": "x", "assessment_date": "2024-07-01"}).status_code in (403, 404)
    assert Assessment.objects.count() == before


def test_the_project_page_draws_the_trl_timeline(client, world, objects):
    submitted_assessment(world, world.projects["p1"], 7, day=date(2025, 2, 1))
    page = client_for(client, world, "policy_analyst").get(reverse("capability:project-detail", args=[world.projects["p1"].pk])).content.decode()
    assert "capability-timeline" in page and 'class="current-level">7<' in page


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_speak_the_readers_language(client, world, objects, language):
    world.users["assessor"].language = language
    world.users["assessor"].save(update_fields=["language"])
    c = client_for(client, world, "assessor")
    page = c.get(reverse("capability:audit-detail", args=[objects["audit_p"].pk])).content.decode()
    expected = {"kk": "Технологиялық стратегия", "ru": "Технологическая стратегия", "en": "Technology strategy"}[language]
    assert expected in page


def test_the_radar_is_well_formed_svg_and_escapes_its_labels():
    svg = charts.radar_svg(["<script>alert(1)</script>", "B & C", "Д"], [charts.Series('"x"', [1, 2.5, None]), charts.Series("y", [4, 4, 4], dashed=True)], title="T<")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and "<script>" not in svg
    polygons = [el for el in root.iter() if el.tag.endswith("polygon")]
    assert len(polygons) == 4 + 2  # four rings (1..4) and two series


def test_the_timeline_is_well_formed_svg():
    svg = charts.timeline_svg([(date(2023, 1, 1), 3, "a", True), (date(2024, 1, 1), 5, "b", False)], title="TRL")
    ElementTree.fromstring(svg)
    assert svg.count("<circle") == 2


def test_the_version_pages_and_their_edits(client, world):
    c = client_for(client, world, "assessor")
    assert c.post(reverse("capability:questionnaire-new-version", args=[world.questionnaire.pk])).status_code == 302
    draft = world.questionnaire.__class__.objects.get(code="rbh-tca", version=2)
    question = Question.objects.filter(dimension__questionnaire=draft).first()
    form = {f"text_{lang}": f"Сұрақ {lang}" if lang != "en" else "Question" for lang in ("kk", "ru", "en")}
    form |= {f"anchor_{s}_{lang}": f"Деңгей {s}" if lang != "en" else f"Level {s}" for s in range(1, 5) for lang in ("kk", "ru", "en")}
    assert c.post(reverse("capability:question-edit", args=[question.pk]), form).status_code == 302
    assert Question.objects.get(pk=question.pk).text["en"] == "Question"
    published = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    assert c.post(reverse("capability:question-edit", args=[published.pk]), form).status_code == 200
    assert Question.objects.get(pk=published.pk).text["en"] != "Question"
    # drafts are not shown to those who do not manage versions
    assert client_for(client, world, "performer_p").get(reverse("capability:questionnaire-detail", args=[draft.pk])).status_code == 404
    assert client_for(client, world, "performer_p").post(reverse("capability:questionnaire-publish", args=[draft.pk])).status_code == 404
