"""A small audited company: two payments to an institute in 2025, one of them flagged; the personas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from niokr.accounts.models import Membership
from niokr.control.models import ControlRun, Flag
from niokr.obligations import services
from niokr.projects.models import Agreement, Payment


@dataclass
class Audited:
    company: object
    other: object
    institute: object
    right: object
    agreement: object
    payments: list
    run: object
    flags: list
    auditor: object
    staff: object
    other_staff: object
    regulator: object
    outsider: object


def _user(name, role=None, organisation=None, authority=""):
    user = get_user_model().objects.create_user(username=name, password="x-very-long-pass", language="en")
    if role:
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
    return user


@pytest.fixture
def audited(build) -> Audited:
    company = build.org(name="ТОО «Аудит Мұнай»")
    other = build.org(name="ТОО «Другая»")
    institute = build.org(kind="research_institute", name="НИИ «Зерттеу»", region="almaty_city", kazakhstani_supplier=(date(2010, 1, 1), None))
    chamber = build.org(kind="state_body", name="Аудиторская палата", region="astana")
    ministry = build.org(kind="state_body", name="Министерство энергетики", region="astana")
    right = build.right(company, number="HC-AUD-1")
    build.right(other, number="HC-OTH-1")
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code of 27.12.2017, art. 129")
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("10000000.00"), source="report")
    agreement = Agreement.objects.create(
        payer=company, performer=institute, number="НИР-2025/001", signed_on=date(2025, 1, 15), subject="Исследование коррозии",
        amount=Decimal("200000.00"), period_start=date(2025, 1, 15), period_end=date(2025, 12, 31), priority_direction="other",
    )
    payments = []
    for n, (day, amount, purpose) in enumerate(((date(2025, 3, 1), "60000.00", "Оплата НИР, этап 1"), (date(2025, 6, 1), "50000.00", "Приобретение оборудования"))):
        p = Payment.objects.create(agreement=agreement, right=right, paid_on=day, amount=Decimal(amount), purpose=purpose, document_number=f"PP-{n + 1}", for_year=2025)
        services.post_entry(right=right, year=2025, kind="direct_spend", amount=Decimal(amount), entry_date=day, idempotency_key=f"test:pay:{p.pk}", channel="direct", performer=institute, source_type="projects.Payment", source_id=str(p.pk))
        payments.append(p)
    services.recompute()
    run = ControlRun.objects.create(as_of=date(2026, 11, 20), status="completed", finished_at=timezone.now())
    flags = [
        Flag.objects.create(run=run, indicator="NK-07", version=1, subject_type="payment", subject_id=payments[1].pk, year=2025, payer=company, amount=Decimal("50000.00"), evidence={"matched": ["оборудования"], "document_number": "PP-2"}),
        Flag.objects.create(run=run, indicator="NK-08", version=1, subject_type="payer_year", subject_id=company.pk, year=2025, payer=company, amount=None, evidence={"december_share": 0.7}),
    ]
    return Audited(
        company=company, other=other, institute=institute, right=right, agreement=agreement, payments=payments, run=run, flags=flags,
        auditor=_user("auditor-1", "auditor", chamber), staff=_user("staff-1", "company", company), other_staff=_user("staff-2", "company", other),
        regulator=_user("regulator-1", "regulator", ministry, authority="energy"), outsider=_user("outsider-1"),
    )
