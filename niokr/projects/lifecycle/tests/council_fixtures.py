"""A council of the Ministry of Industry with six voting members, a secretary and two programmes.

The affiliation graph (for the automatic recusal):

    Holding ──owner──▶ Applicant            (the applicant of programme P1; P2's applicant is unrelated)
    Holding ──owner──▶ Institute            (member ``m_two_hops`` comes from it: 2 hops to the applicant)
    Far ──common_director── Institute2 ──owner──▶ Holding   (member ``m_three_hops``: 3 hops away)

Import with ``from niokr.projects.lifecycle.tests.council_fixtures import board  # noqa: F401``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.projects.choices import CouncilPosition, ProgrammeStatus
from niokr.projects.models import Council, CouncilMember, Programme, ProgrammeBudget, ProgrammeVersion
from niokr.registry.models import Affiliation

PASSWORD = "x-very-long-pass"


@dataclass
class Board:
    council: Council
    ministry: object
    applicant: object
    holding: object
    performer: object
    secretary: object
    members: dict = field(default_factory=dict)  # name -> CouncilMember
    programmes: list = field(default_factory=list)
    users: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)

    def client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    def user(self, name):
        return self.users[name]


def make_user(username: str, *, language="en", role=None, organisation=None, authority=""):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, language=language, first_name=username.title(), last_name="Тестов", email=f"{username}@niokr.example")
    if role:
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
    return user


def make_programme(applicant, *, authority="industry", performer=None, reference=None, status=ProgrammeStatus.SUBMITTED, right=None):
    n = Programme.objects.count() + 1
    programme = Programme.objects.create(reference=reference or f"PRG-T-{n:04d}", applicant=applicant, authority=authority, status=status)
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk=f"Бағдарлама {n}", title_ru=f"Программа {n}", title_en=f"Programme {n}", abstract="Аннотация",
        priority_direction="medtech", trl_start=3, trl_target=6, performer=performer, submitted_at=timezone.now(),
    )
    ProgrammeBudget.objects.create(version=version, year=2026, amount=Decimal("1000000.00"))
    if right is not None:
        version.rights.add(right)
    return programme


@pytest.fixture
def board(build) -> Board:
    ministry = build.org(kind="state_body", name="Министерство промышленности")
    holding = build.org(kind="company", name="Холдинг «Альфа»")
    applicant = build.org(name="ТОО «Заявитель»")
    performer = build.org(kind="research_institute", name="НИИ «Исполнитель»")
    institute = build.org(kind="research_institute", name="Институт «Дочерний»")
    institute2 = build.org(kind="research_institute", name="Институт «Второй»")
    far = build.org(kind="university", name="Университет «Дальний»")
    neutral = build.org(kind="university", name="Университет «Нейтральный»")
    day = date(2020, 1, 1)
    Affiliation.objects.create(source=holding, target=applicant, kind="owner", valid_from=day)
    Affiliation.objects.create(source=holding, target=institute, kind="owner", valid_from=day)
    Affiliation.objects.create(source=institute2, target=holding, kind="owner", valid_from=day)
    Affiliation.objects.create(source=far, target=institute2, kind="common_director", valid_from=day)
    council = Council.objects.create(authority="industry", name_kk="Өнеркәсіп министрлігінің ҒТК", name_ru="НТС Министерства промышленности", name_en="STC of the Ministry of Industry")
    secretary = make_user("secretary", role=Role.COUNCIL_SECRETARY, organisation=ministry, authority="industry")
    b = Board(council=council, ministry=ministry, applicant=applicant, holding=holding, performer=performer, secretary=secretary)
    b.orgs = {"institute": institute, "institute2": institute2, "far": far, "neutral": neutral}
    b.users["secretary"] = secretary
    seats = [
        ("chair", CouncilPosition.CHAIR, neutral),
        ("m_two_hops", CouncilPosition.MEMBER, institute),
        ("m_three_hops", CouncilPosition.MEMBER, far),
        ("m_four", CouncilPosition.MEMBER, neutral),
        ("m_five", CouncilPosition.MEMBER, neutral),
        ("m_six", CouncilPosition.DEPUTY, neutral),
    ]
    for name, position, org in seats:
        user = make_user(name, role=Role.COUNCIL_MEMBER, organisation=org, authority="industry")
        b.users[name] = user
        b.members[name] = CouncilMember.objects.create(council=council, user=user, organisation=org, position=position, term_from=date(2024, 1, 1))
    # The secretary also holds a (non-voting) seat; a former member's term ended.
    CouncilMember.objects.create(council=council, user=secretary, organisation=ministry, position=CouncilPosition.SECRETARY, term_from=date(2024, 1, 1))
    former = make_user("former")
    b.users["former"] = former
    CouncilMember.objects.create(council=council, user=former, organisation=neutral, term_from=date(2020, 1, 1), term_to=date(2023, 12, 31))
    b.users["company"] = make_user("company", role=Role.COMPANY, organisation=applicant)
    b.users["regulator"] = make_user("regulator", role=Role.REGULATOR, organisation=ministry, authority="industry")
    b.users["regulator_energy"] = make_user("regulator_energy", role=Role.REGULATOR, organisation=ministry, authority="energy")
    b.users["auditor"] = make_user("auditor", role=Role.AUDITOR, organisation=ministry)
    b.users["outsider"] = make_user("outsider")
    other = build.org(name="ТОО «Второй заявитель»")
    b.orgs["other_applicant"] = other
    b.users["other_company"] = make_user("other_company", role=Role.COMPANY, organisation=other)
    b.programmes = [
        make_programme(applicant, performer=performer, reference="PRG-T-0001", right=build.right(applicant, mineral_group="solid", right_type="lic_solid_mining")),
        make_programme(other, performer=None, reference="PRG-T-0002", right=build.right(other, mineral_group="solid", right_type="lic_solid_mining")),
    ]
    return b


def today_session(b: Board, **kwargs):
    from niokr.projects.lifecycle import councils

    return councils.plan_session(actor=b.secretary, council=b.council, held_on=timezone.localdate(), **kwargs)


def voting_session(b: Board, *, present=None, programmes=None, **kwargs):
    """A session with the programmes on its agenda, attendance recorded (default: all present) and the vote open."""
    from niokr.projects.lifecycle import councils

    session = today_session(b, **kwargs)
    for programme in programmes if programmes is not None else b.programmes:
        councils.put_on_agenda(actor=b.secretary, session=session, programme=programme)
    names = list(b.members) if present is None else present
    councils.record_attendance(actor=b.secretary, session=session, present_ids=[b.members[n].pk for n in names])
    councils.open_vote(actor=b.secretary, session=session)
    session.refresh_from_db()
    return session


def later(minutes=5):
    return timezone.now() + timedelta(minutes=minutes)
