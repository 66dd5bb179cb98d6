"""The expertise and selection objects of the web tests' small country.

A programme of company A (Ministry of Industry) with a concluded positive state expertise by two
experts from an organisation outside the affiliation graph; a call of the pool's year to which A
applied; the call's deadline has passed and it is closed and ranked (so the application is read by
A's staff, the regulators, the auditor and the administrator, and by nobody else). Built through the
services, as in use; the deadline is moved into the past as time would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.projects.lifecycle import expertise as ex
from niokr.projects.lifecycle import selection as sel
from niokr.projects.models import Application, Call, Expertise, Programme, ProgrammeBudget, ProgrammeVersion, StateExpert

__all__ = ["ReviewObjects", "build_review"]

CRITERIA = [
    {"code": "novelty", "name_kk": "Жаңалығы", "name_ru": "Новизна", "name_en": "Novelty", "weight": "2", "min_score": 3, "max_score": 10},
    {"code": "feasibility", "name_kk": "Орындалуы", "name_ru": "Реализуемость", "name_en": "Feasibility", "weight": "1", "min_score": 3, "max_score": 10},
]


#: The expertise's and the selection's people: first and last name in Russian, the name in Kazakh and English.
PEOPLE = {
    "matrix_ncste": ("Асель", "Нургалиева", "Әсел Нұрғалиева", "Assel Nurgaliyeva"),
    "matrix_expert_0": ("Марат", "Шакенов", "Марат Шәкенов", "Marat Shakenov"),
    "matrix_expert_1": ("Айжан", "Садыкова", "Айжан Садықова", "Aizhan Sadykova"),
    "matrix_officer": ("Ержан", "Кудайбергенов", "Ержан Құдайбергенов", "Yerzhan Kudaibergenov"),
}


@dataclass
class ReviewObjects:
    expertise_a: Expertise
    expertise_programme: Programme
    call_a: Call
    application_a: Application


def build_review(*, company_a, seat_org, right_a, password: str) -> ReviewObjects:
    from niokr.obligations.models import BudgetTransfer

    User = get_user_model()

    def person(name, role):
        first, last, kk, en = PEOPLE[name]
        user = User.objects.create_user(username=name, password=password, first_name=first, last_name=last, name_kk=kk, name_en=en)
        Membership.objects.create(user=user, organisation=seat_org, role=role)
        return user

    coordinator = person("matrix_ncste", Role.EXPERT)
    StateExpert.objects.create(user=coordinator, organisation=seat_org, position="coordinator", term_from=date(2020, 1, 1))
    experts = []
    for n in range(2):
        user = person(f"matrix_expert_{n}", Role.EXPERT)
        experts.append(StateExpert.objects.create(user=user, organisation=seat_org, term_from=date(2020, 1, 1)))
    officer = person("matrix_officer", Role.SELECTION_OFFICER)

    programme = Programme.objects.create(reference="PRG-MATRIX-0002", applicant=company_a, authority="industry", status="in_expertise")
    version = ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk="Сараптама бағдарламасы", title_ru="Программа на экспертизе", title_en="Programme in expertise", abstract="—",
        priority_direction="greentech", trl_start=3, trl_target=6, submitted_at=timezone.now(),
    )
    ProgrammeBudget.objects.create(version=version, year=2026, amount=Decimal("1000000.00"))
    sheet = ex.create_sheet(code="НЦГНТЭ-М", titles={"kk": "Парақ", "ru": "Лист", "en": "Sheet"}, threshold="50", min_experts=2, criteria=CRITERIA, actor=None)
    expertise = ex.open_expertise(programme=programme, actor=User.objects.get(pk=coordinator.pk), sheet=sheet)
    for expert in experts:
        ex.assign_expert(expertise=expertise, expert=expert, actor=User.objects.get(pk=coordinator.pk))
    ex.take(expertise, "start_scoring", User.objects.get(pk=coordinator.pk))
    for expert in experts:
        ex.record_scores(expertise=expertise, actor=User.objects.get(pk=expert.user_id), scores={"novelty": {"score": 8}, "feasibility": {"score": 7}})
    ex.take(expertise, "conclude", User.objects.get(pk=coordinator.pk), conclusion="Положительное заключение.")

    year = timezone.localdate().year
    if sel.pool_free(year) < Decimal("1000000.00"):
        BudgetTransfer.objects.create(
            payer=company_a, right=right_a, order_number="MATRIX-POOL-1", paid_on=date(year, 1, 10), amount=Decimal("5000000.00"),
            treasury_confirmed=True, confirmed_on=date(year, 1, 12), confirmation="TRY-MATRIX",
        )
    call = sel.create_call(
        reference="CALL-MATRIX-1", titles={"kk": "Байқау", "ru": "Конкурс", "en": "Call"}, year=year, directions=["greentech"], amount="1000000.00",
        deadline=timezone.now() + timedelta(days=5), actor=officer,
    )
    sel.take_call(call, "open", User.objects.get(pk=officer.pk))
    staff = Membership.objects.filter(organisation=company_a, role=Role.COMPANY).select_related("user").first().user
    application = sel.apply(call=call, programme=programme, amount="500000.00", statement="—", actor=User.objects.get(pk=staff.pk))
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    sel.take_call(Call.objects.get(pk=call.pk), "close", User.objects.get(pk=officer.pk))
    return ReviewObjects(expertise_a=Expertise.objects.get(pk=expertise.pk), expertise_programme=programme, call_a=Call.objects.get(pk=call.pk), application_a=Application.objects.get(pk=application.pk))
