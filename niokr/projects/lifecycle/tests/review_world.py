"""A small world for the expertise and selection tests.

* ``applicant`` (a subsoil user) owns 100 % of ``institute_near`` (so an expert from it is conflicted
  one link away); ``university`` is owned by ``institute_near`` (two links: conflicted too); ``far``
  is unrelated; ``performer`` is the proposed performer; ``rival`` is another company.
* ``programme`` (applicant's, in expertise, direction greentech), ``rival_programme`` (rival's).
* register: ``coordinator`` (NCSTE, coordinator), experts ``e1``, ``e2`` (from ``far``),
  ``e_near`` (from ``university``: two links from the applicant).
* logins also: ``applicant_staff``, ``rival_staff``, ``officer`` (selection), ``regulator``,
  ``auditor``, ``admin`` (administrator membership), ``superuser``, ``outsider``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.registry.models import Affiliation

CRITERIA = [
    {"code": "novelty", "name_kk": "Жаңалығы", "name_ru": "Новизна", "name_en": "Novelty", "weight": "3", "min_score": 4, "max_score": 10},
    {"code": "feasibility", "name_kk": "Орындалуы", "name_ru": "Реализуемость", "name_en": "Feasibility", "weight": "2", "min_score": 3, "max_score": 10},
    {"code": "export", "name_kk": "Экспорттық әлеуеті", "name_ru": "Экспортный потенциал", "name_en": "Export potential", "weight": "1", "min_score": 0, "max_score": 5, "not_applicable_allowed": True},
]


@dataclass
class ReviewWorld:
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    experts: dict = field(default_factory=dict)
    programme: object = None
    rival_programme: object = None
    sheet: object = None

    def user(self, who: str):
        """A fresh copy of the user (no per-request caches)."""
        return get_user_model().objects.get(pk=self.users[who].pk)

    def client(self, who: str, language: str | None = None) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(self.users[who])
        if language:
            client.cookies["django_language"] = language
        return client


def make_programme(applicant, performer, reference, *, status="in_expertise", direction="greentech"):
    from niokr.projects.models import Programme, ProgrammeBudget, ProgrammeVersion

    programme = Programme.objects.create(reference=reference, applicant=applicant, authority="industry", status=status)
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk=f"{reference} бағдарламасы", title_ru=f"Программа {reference}", title_en=f"Programme {reference}",
        abstract="Аннотация", priority_direction=direction, trl_start=3, trl_target=6, performer=performer, submitted_at=timezone.now(),
    )
    ProgrammeBudget.objects.create(version=version, year=2026, amount=Decimal("100000000.00"))
    return programme


def build_review_world(build) -> ReviewWorld:
    from niokr.projects.lifecycle.expertise import create_sheet
    from niokr.projects.models import StateExpert

    w = ReviewWorld()
    o = w.orgs
    o["applicant"] = build.org(name="АО «Заявитель»")
    o["rival"] = build.org(name="ТОО «Соперник»")
    o["near"] = build.org(kind="performer", name="Институт при заявителе")
    o["university"] = build.org(kind="performer", name="Университет")
    o["far"] = build.org(kind="performer", name="Далёкий университет")
    o["performer"] = build.org(kind="performer", name="Исполнитель")
    o["ncste"] = build.org(kind="performer", name="НЦГНТЭ")
    Affiliation.objects.create(source=o["applicant"], target=o["near"], kind="owner", share=100, valid_from=date(2010, 1, 1))
    Affiliation.objects.create(source=o["near"], target=o["university"], kind="owner", share=60, valid_from=date(2010, 1, 1))
    User = get_user_model()

    def user(name, role=None, org=None, authority="", language="ru", **extra):
        u = User.objects.create_user(username=name, password="x", email=f"{name}@niokr.example", language=language, first_name=name.title(), last_name="Тестов", **extra)
        if role:
            Membership.objects.create(user=u, organisation=org or o["ncste"], role=role, authority=authority)
        w.users[name] = u
        return u

    for name, org, position in (("coordinator", "ncste", "coordinator"), ("e1", "far", "expert"), ("e2", "far", "expert"), ("e_near", "university", "expert"), ("e_self", "applicant", "expert")):
        u = user(name, Role.EXPERT, o["ncste"])
        w.experts[name] = StateExpert.objects.create(user=u, organisation=o[org], position=position, term_from=date(2020, 1, 1))
    user("applicant_staff", Role.COMPANY, o["applicant"])
    user("rival_staff", Role.COMPANY, o["rival"], language="kk")
    user("officer", Role.SELECTION_OFFICER, o["ncste"])
    user("regulator", Role.REGULATOR, o["ncste"], authority="industry")
    user("auditor", Role.AUDITOR, o["ncste"])
    user("admin", Role.ADMINISTRATOR, o["ncste"], is_staff=True)
    user("superuser", is_staff=True, is_superuser=True)
    user("outsider")
    w.programme = make_programme(o["applicant"], o["performer"], "PRG-0001")
    w.rival_programme = make_programme(o["rival"], o["performer"], "PRG-0002")
    w.sheet = create_sheet(
        code="ncste", titles={"kk": "Сараптама парағы", "ru": "Лист экспертизы", "en": "Expertise sheet"}, threshold="60", min_experts=2,
        criteria=CRITERIA, actor=w.user("coordinator"),
    )
    return w


def run_expertise(w, programme, scores_by_expert: dict, conclusion="Заключение экспертизы.", who="coordinator"):
    """Open, assign, score and conclude an expertise of ``programme``; returns it."""
    from niokr.projects.lifecycle import expertise as svc

    coordinator = w.user(who)
    exp = svc.open_expertise(programme=programme, actor=coordinator)
    for name in scores_by_expert:
        svc.assign_expert(expertise=exp, expert=w.experts[name], actor=w.user(who))
    svc.take(exp, "start_scoring", w.user(who))
    for name, scores in scores_by_expert.items():
        svc.record_scores(expertise=exp, actor=w.user(name), scores=scores)
    svc.take(exp, "conclude", w.user(who), conclusion=conclusion)
    exp.refresh_from_db()
    return exp


def scores(novelty, feasibility, export=None):
    return {
        "novelty": {"score": novelty, "comment": "ok"},
        "feasibility": {"score": feasibility},
        "export": {"not_applicable": True} if export is None else {"score": export},
    }


def add_transfer(payer, right, amount, paid_on):
    from niokr.obligations.models import BudgetTransfer

    return BudgetTransfer.objects.create(payer=payer, right=right, order_number=f"PO-{paid_on}-{amount}", paid_on=paid_on, amount=Decimal(amount), treasury_confirmed=True, confirmed_on=paid_on, confirmation="TRY-1")


def past(days=1):
    return timezone.now() - timedelta(days=days)


def future(days=10):
    return timezone.now() + timedelta(days=days)
