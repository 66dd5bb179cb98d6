"""The small world of the capability tests: organisations, projects, and one login per persona."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from niokr.accounts.models import Membership
from niokr.capability import services
from niokr.capability.models import Question, Questionnaire, ReadinessQuestionSet
from niokr.projects.models import Agreement, Project

PERSONAS = (
    "assessor", "admin", "auditor", "regulator", "policy_analyst", "policy_secretariat", "tcc_analyst",
    "performer_p", "company_c", "performer_x", "outsider",
)


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)

    @property
    def questionnaire(self) -> Questionnaire:
        return Questionnaire.objects.get(code="rbh-tca", version=1)

    def question_set(self, code: str = "trl-medical-device") -> ReadinessQuestionSet:
        return ReadinessQuestionSet.objects.get(code=code, version=1)


def _user(login: str, org=None, role: str | None = None, authority: str = "", superuser: bool = False):
    user = get_user_model().objects.create_user(username=login, password="pw", first_name=login, last_name="Тест", is_superuser=superuser, is_staff=superuser)
    if org is not None and role:
        Membership.objects.create(user=user, organisation=org, role=role, authority=authority)
    return user


def build_world(build) -> World:
    w = World()
    o = w.orgs
    o["state"] = build.org(kind="state_body", name="Министерство энергетики", region="astana")
    o["p"] = build.org(kind="research_institute", name="Институт Пи", region="almaty_city")
    o["q"] = build.org(kind="research_institute", name="Институт Кью", region="almaty_city")
    o["u"] = build.org(kind="university", name="Университет Ю", region="astana")
    o["x"] = build.org(kind="company", name="ТОО «Икс»", region="karaganda")
    o["c"] = build.org(kind="subsoil_user", name="ТОО «Кен»", region="atyrau")

    def project(code, performer, direction="medtech", sector="healthcare"):
        return Project.objects.create(
            code=code, title_kk=f"Жоба {code}", title_ru=f"Проект {code}", title_en=f"Project {code}", performer=performer,
            priority_direction=direction, tcc_sector=sector, trl_start=3, trl_target=7, start_date=date(2022, 1, 1), end_date=date(2025, 12, 31), status="in_progress",
        )

    w.projects["p1"] = project("MED-1", o["p"])
    w.projects["q1"] = project("MED-2", o["q"])
    w.projects["x1"] = project("AGR-1", o["x"], direction="agritech", sector="agro")
    Agreement.objects.create(
        payer=o["c"], performer=o["p"], number="НИР-1", signed_on=date(2022, 1, 10), subject="Исследование", amount=Decimal("1000000.00"),
        period_start=date(2022, 1, 10), period_end=date(2025, 12, 31), project=w.projects["p1"], priority_direction="medtech",
    )
    u = w.users
    u["assessor"] = _user("assessor", o["state"], "assessor")
    u["admin"] = _user("admin", superuser=True)
    u["auditor"] = _user("auditor", o["state"], "auditor")
    u["regulator"] = _user("regulator", o["state"], "regulator", authority="energy")
    u["policy_analyst"] = _user("policy_analyst", o["state"], "policy_analyst")
    u["policy_secretariat"] = _user("policy_secretariat", o["state"], "policy_secretariat")
    u["tcc_analyst"] = _user("tcc_analyst", o["state"], "tcc_analyst")
    u["performer_p"] = _user("performer_p", o["p"], "performer")
    u["company_c"] = _user("company_c", o["c"], "company")
    u["performer_x"] = _user("performer_x", o["x"], "performer")
    u["outsider"] = _user("outsider")
    return w


@pytest.fixture
def world(build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return build_world(build)


def answer_all(audit, score_of, actor):
    """Answer every question of ``audit``: ``score_of(question)`` gives its score."""
    questions = Question.objects.filter(dimension__questionnaire=audit.questionnaire).select_related("dimension")
    services.save_audit_answers(audit=audit, answers={q.pk: services.AnswerInput(score_of(q)) for q in questions}, actor=actor)


def submitted_audit(world, org, score_of, *, actor=None, day=date(2024, 5, 1), project=None, phase=""):
    actor = actor or world.users["assessor"]
    audit = services.start_audit(organisation=org, questionnaire=world.questionnaire, kind="assessor", actor=actor, audit_date=day, project=project, phase=phase)
    answer_all(audit, score_of, actor)
    return services.submit_audit(audit=audit, actor=actor)


def submitted_assessment(world, project, reached: int, *, code="trl-medical-device", day=date(2024, 6, 1), actor=None, corrects=None, note=""):
    """A submitted assessment meeting every question up to level ``reached`` and none above."""
    actor = actor or world.users["assessor"]
    question_set = world.question_set(code)
    assessment = services.start_assessment(project=project, question_set=question_set, actor=actor, assessment_date=day, corrects=corrects, note=note)
    answers = {q.pk: services.AnswerInput(100 if q.level <= reached else 0) for q in question_set.questions.all()}
    services.save_assessment_answers(assessment=assessment, answers=answers, actor=actor)
    return services.submit_assessment(assessment=assessment, actor=actor)
