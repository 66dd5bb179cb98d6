"""The council objects of the web tests' small country: the Ministry of Industry's council (company A's
ministry) with three voting members and a secretary, a programme of company A, and a closed session
that decided it (attendance, votes, the result written).

Built through the council's services, so the objects are what the pages and the API meet in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.projects.lifecycle import councils
from niokr.projects.models import AgendaItem, Council, CouncilMember, CouncilSession, Programme, ProgrammeBudget, ProgrammeVersion, Vote

__all__ = ["CouncilObjects", "build_council"]


@dataclass
class CouncilObjects:
    session_a: CouncilSession
    item_a: AgendaItem
    vote_a: Vote
    programme_a: Programme


#: The council's members: first and last name in Russian, the name in Kazakh and English.
MEMBERS = (
    ("Арман", "Сейткали", "Арман Сейітқали", "Arman Seitkali"),
    ("Салтанат", "Жакупова", "Салтанат Жақыпова", "Saltanat Zhakupova"),
    ("Данияр", "Толеубаев", "Данияр Төлеубаев", "Daniyar Toleubayev"),
)


def build_council(*, company_a, seat_org, authority: str, password: str) -> CouncilObjects:
    User = get_user_model()
    council, _ = Council.objects.get_or_create(authority=authority, defaults={
        "name_kk": "Өнеркәсіп министрлігінің ғылыми-техникалық кеңесі", "name_ru": "Научно-технический совет Министерства промышленности",
        "name_en": "Scientific-technical council of the Ministry of Industry",
    })
    secretary = User.objects.create_user(username="matrix_secretary", password=password, first_name="Гульнара", last_name="Тулегенова", name_kk="Гүлнар Төлегенова", name_en="Gulnara Tulegenova")
    Membership.objects.create(user=secretary, organisation=seat_org, role=Role.COUNCIL_SECRETARY, authority=authority)
    members = []
    for n in range(3):
        first, last, kk, en = MEMBERS[n]
        user = User.objects.create_user(username=f"matrix_member_{n}", password=password, first_name=first, last_name=last, name_kk=kk, name_en=en)
        Membership.objects.create(user=user, organisation=seat_org, role=Role.COUNCIL_MEMBER, authority=authority)
        members.append(CouncilMember.objects.create(council=council, user=user, organisation=seat_org, term_from=date(2020, 1, 1)))
    programme = Programme.objects.create(reference="PRG-MATRIX-0001", applicant=company_a, authority=authority, status="submitted")
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk="Бағдарлама", title_ru="Программа", title_en="Programme", abstract="—",
        priority_direction="medtech", trl_start=3, trl_target=6, submitted_at=timezone.now(),
    )
    ProgrammeBudget.objects.create(version=version, year=2026, amount=Decimal("1000000.00"))
    session = councils.plan_session(actor=secretary, council=council, held_on=timezone.localdate())
    item = councils.put_on_agenda(actor=secretary, session=session, programme=programme)
    councils.record_attendance(actor=secretary, session=session, present_ids=[m.pk for m in members])
    councils.open_vote(actor=secretary, session=session)
    session.refresh_from_db()
    voters = [m for m in members if not item.recusals.filter(member=m).exists()]
    vote = None
    for member in voters:
        cast = councils.cast_vote(actor=member.user, session=session, item=item, choice="for")
        vote = vote or cast
    councils.close_vote(actor=secretary, session=session)
    session.refresh_from_db()
    item.refresh_from_db()
    return CouncilObjects(session_a=session, item_a=item, vote_a=vote, programme_a=programme)
