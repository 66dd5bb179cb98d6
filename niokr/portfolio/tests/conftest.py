"""A small country for the portfolio: two subsoil users, tagged and untagged projects, payments posted
both ways the ledger knows (one entry per payment, and one entry per report line group), a reversal,
a budget transfer and spending no payment explains; and its personas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from niokr.accounts.models import Membership
from niokr.obligations import services as ledger
from niokr.projects.models import Agreement, Payment, Project, Result

YEAR = 2025


@dataclass
class Country:
    oil: object
    mine: object
    institute: object
    state_body: object
    oil_right: object
    mine_right: object
    medtech: object
    greentech: object
    untagged_project: object
    agritech: object
    a_medtech: object
    a_other: object
    a_bare: object
    a_untagged: object
    payments: dict
    results: dict


def _project(code, direction, sector, performer, title, trl=(3, 6, 5)):
    return Project.objects.create(
        code=code, title_kk=title, title_ru=title, title_en=title, performer=performer, priority_direction=direction, tcc_sector=sector,
        trl_start=trl[0], trl_target=trl[1], trl_reached=trl[2], start_date=date(2024, 1, 1), end_date=date(2026, 12, 31), status="active",
    )


def _agreement(payer, performer, number, subject, project=None, direction=""):
    return Agreement.objects.create(
        payer=payer, performer=performer, number=number, signed_on=date(2024, 2, 1), subject=subject, amount=Decimal("1000000.00"),
        period_start=date(2024, 2, 1), period_end=date(2026, 12, 31), project=project, priority_direction=direction,
    )


def _pay(agreement, right, amount, day, doc, purpose="Оплата по договору НИОКР", submission=None):
    return Payment.objects.create(agreement=agreement, right=right, paid_on=day, amount=Decimal(amount), purpose=purpose, document_number=doc, source_submission=submission, for_year=YEAR)


def _post_payment(payment):
    entry, _ = ledger.post_entry(
        right=payment.right, year=YEAR, kind="direct_spend", amount=payment.amount, entry_date=payment.paid_on, idempotency_key=f"payment:{payment.pk}",
        channel="direct", performer=payment.agreement.performer, source_type="projects.Payment", source_id=str(payment.pk),
    )
    return entry


@pytest.fixture
def country(build) -> Country:
    oil = build.org(name="ТОО «Мұнай Портфель»")
    mine = build.org(name="ТОО «Кен Портфель»", region="karaganda")
    institute = build.org(kind="research_institute", name="НИИ «Портфель»", region="almaty_city", kazakhstani_supplier=(date(2010, 1, 1), None))
    state_body = build.org(kind="state_body", name="Министерство науки", region="astana")
    oil_right = build.right(oil, number="HC-PF-1", mineral_group="hydrocarbons", right_type="hc_production")
    mine_right = build.right(mine, number="SM-PF-1", mineral_group="solid", right_type="lic_solid_mining")
    medtech = _project("PF-MED", "medtech", "healthcare", institute, "Телемедицинская платформа для вахтовых работников")
    greentech = _project("PF-GREEN", "greentech", "green", institute, "Очистка шахтных вод от тяжёлых металлов", trl=(2, 7, 4))
    untagged_project = _project("PF-NONE", "", "", institute, "Разработка вакцины против ящура для крупного рогатого скота", trl=(None, None, None))
    agritech = _project("PF-AGRO", "agritech", "agro", institute, "Гуминовые удобрения из окисленных углей")
    a_medtech = _agreement(oil, institute, "PF-1", "НИОКР по телемедицине", project=medtech)
    # The agreement's own direction (from its report) overrides its project's.
    a_other = _agreement(oil, institute, "PF-2", "НИОКР по очистке вод", project=greentech, direction="other")
    a_bare = _agreement(mine, institute, "PF-3", "Выполнение НИОКР по теме «Технология производства радиофармпрепаратов для ядерной медицины»")
    a_untagged = _agreement(mine, institute, "PF-4", "НИОКР по вакцине", project=untagged_project)
    day = date(YEAR, 5, 15)
    payments = {}
    payments["med"] = _pay(a_medtech, oil_right, "100.50", day, "P-1")
    _post_payment(payments["med"])
    # A spending report's convention: one entry per right, year, performer and day, for several payments.
    payments["rep_other"] = _pay(a_other, oil_right, "200.25", date(YEAR, 6, 1), "P-2", submission=777)
    payments["rep_med"] = _pay(a_medtech, oil_right, "50.10", date(YEAR, 6, 1), "P-3", submission=777)
    ledger.post_entry(
        right=oil_right, year=YEAR, kind="direct_spend", amount=Decimal("250.35"), entry_date=date(YEAR, 6, 1), idempotency_key="direct_spend:SUB-777:x",
        channel="direct", performer=institute, source_type="intake.Submission", source_id="777",
    )
    payments["bare"] = _pay(a_bare, mine_right, "300.00", day, "P-4")
    _post_payment(payments["bare"])
    payments["untagged"] = _pay(a_untagged, mine_right, "80.00", day, "P-5")
    _post_payment(payments["untagged"])
    payments["reversed"] = _pay(a_medtech, oil_right, "999.99", day, "P-6")
    ledger.reverse_entry(entry=_post_payment(payments["reversed"]), reason="test")
    payments["agro"] = _pay(_agreement(mine, institute, "PF-5", "НИОКР по удобрениям", project=agritech), mine_right, "410.00", date(YEAR, 7, 1), "P-7")
    _post_payment(payments["agro"])
    # A budget transfer (no agreement) and spending no payment explains.
    ledger.post_entry(right=oil_right, year=YEAR, kind="budget_transfer", amount=Decimal("1000.00"), entry_date=day, idempotency_key="transfer:pf", channel="budget", source_type="obligations.BudgetTransfer", source_id="1")
    ledger.post_entry(right=mine_right, year=YEAR, kind="direct_spend", amount=Decimal("5.55"), entry_date=day, idempotency_key="pf:orphan", channel="direct", performer=institute, source_type="test")
    # Another year, so the series has two.
    p_prev = _pay(a_medtech, oil_right, "70.00", date(YEAR - 1, 3, 1), "P-8")
    p_prev.for_year = YEAR - 1
    p_prev.save()
    ledger.post_entry(right=oil_right, year=YEAR - 1, kind="direct_spend", amount=Decimal("70.00"), entry_date=p_prev.paid_on, idempotency_key=f"payment:{p_prev.pk}", channel="direct", performer=institute, source_type="projects.Payment", source_id=str(p_prev.pk))
    results = {
        "patent": Result.objects.create(reference="R-PF-1", project=medtech, kind="patent", title="Патент на способ диагностики", year=YEAR, achieved_on=date(YEAR, 3, 1), patent_office="kazpatent", patent_number="123"),
        "jobs": Result.objects.create(reference="R-PF-2", project=untagged_project, kind="jobs", title="Рабочие места в производстве вакцины", year=YEAR, jobs=3),
    }
    return Country(oil, mine, institute, state_body, oil_right, mine_right, medtech, greentech, untagged_project, agritech, a_medtech, a_other, a_bare, a_untagged, payments, results)


class Personas:
    """Users per role: ``personas.user("regulator", org, authority="energy")``."""

    def __init__(self):
        self._n = 0

    def user(self, role=None, organisation=None, *, authority="", superuser=False):
        self._n += 1
        user = get_user_model().objects.create_user(username=f"{role or 'outsider'}-pf-{self._n}", password="x-very-long-pass", language="en", is_superuser=superuser)
        if role:
            Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
        return user

    def client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def personas() -> Personas:
    return Personas()
