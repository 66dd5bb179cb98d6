"""A confirmed agreement's exclusion lands in the years and rights of the payments it comes from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from niokr.control import services
from niokr.control.models import Flag
from niokr.control.services import _allocate
from niokr.obligations import services as ledger
from niokr.obligations.models import LedgerEntry, RightYearBalance
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanning(audited, build):
    """An agreement paid in 2024 on one right and in 2025 on another, both counted."""
    second = build.right(audited.company, number="HC-AUD-2")
    ledger.assign_regime(right=second, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code of 27.12.2017, art. 129")
    for right in (audited.right, second):
        ledger.record_base_figure(right=right, year=2023, base_type="production_costs", amount=Decimal("10000000.00"), source="report")
    ledger.record_base_figure(right=second, year=2024, base_type="production_costs", amount=Decimal("10000000.00"), source="report")
    agreement = Agreement.objects.create(
        payer=audited.company, performer=audited.institute, number="НИР-2024/007", signed_on=date(2024, 9, 1), subject="Испытания",
        amount=Decimal("70000.00"), period_start=date(2024, 9, 1), period_end=date(2025, 6, 30), priority_direction="other",
    )
    payments = []
    for n, (right, day, amount) in enumerate(((audited.right, date(2024, 11, 5), "30000.00"), (second, date(2025, 4, 10), "40000.00"))):
        p = Payment.objects.create(agreement=agreement, right=right, paid_on=day, amount=Decimal(amount), purpose="Оплата НИР", document_number=f"PP-S{n}", for_year=day.year)
        ledger.post_entry(right=right, year=day.year, kind="direct_spend", amount=Decimal(amount), entry_date=day, idempotency_key=f"test:span:{p.pk}", channel="direct", performer=audited.institute, source_type="projects.Payment", source_id=str(p.pk))
        payments.append(p)
    ledger.recompute()
    flag = Flag.objects.create(run=audited.run, indicator="NK-16", version=1, subject_type="agreement", subject_id=agreement.pk, year=2025, payer=audited.company, amount=Decimal("70000.00"), evidence={})
    return audited, second, agreement, payments, flag


def _fulfilled(right, year) -> Decimal:
    return RightYearBalance.objects.get(right=right, year=year).fulfilled


def test_an_exclusion_spanning_two_years_lands_in_both(spanning):
    audited, second, _agreement, payments, flag = spanning
    assert (_fulfilled(audited.right, 2024), _fulfilled(second, 2025)) == (Decimal("30000.00"), Decimal("40000.00"))
    case = services.open_case(actor=audited.auditor, flag_ids=[flag.pk])
    services.confirm_case(actor=audited.auditor, case=case, reason="No project behind the agreement")

    exclusions = LedgerEntry.objects.filter(kind="exclusion", reference=case.reference).order_by("entry_date")
    assert [(e.right_id, e.year, e.entry_date, e.amount) for e in exclusions] == [
        (audited.right.pk, 2024, payments[0].paid_on, Decimal("30000.00")),
        (second.pk, 2025, payments[1].paid_on, Decimal("40000.00")),
    ]
    assert (_fulfilled(audited.right, 2024), _fulfilled(second, 2025)) == (Decimal("0.00"), Decimal("0.00"))
    # the other right's 2025 spending (the fixture's agreement) is untouched
    assert _fulfilled(audited.right, 2025) == Decimal("110000.00")
    case.refresh_from_db()
    assert case.excluded_total == Decimal("70000.00") and case.items.get().excluded == Decimal("70000.00")


def test_a_partial_agreement_exclusion_is_shared_in_proportion(spanning):
    audited, second, _agreement, _payments, flag = spanning
    case = services.open_case(actor=audited.auditor, flag_ids=[flag.pk])
    item = case.items.get()
    services.confirm_case(actor=audited.auditor, case=case, reason="Part of it", amounts={item.pk: Decimal("35000.00")})
    parts = sorted(LedgerEntry.objects.filter(kind="exclusion", reference=case.reference).values_list("year", "amount"))
    assert parts == [(2024, Decimal("15000.00")), (2025, Decimal("20000.00"))]
    assert (_fulfilled(audited.right, 2024), _fulfilled(second, 2025)) == (Decimal("15000.00"), Decimal("20000.00"))


def test_more_than_was_paid_under_the_agreement_is_refused(spanning):
    audited, _second, _agreement, _payments, flag = spanning
    case = services.open_case(actor=audited.auditor, flag_ids=[flag.pk])
    with pytest.raises(ValidationError) as exc:
        services.confirm_case(actor=audited.auditor, case=case, reason="too much", amounts={case.items.get().pk: Decimal("70000.01")})
    assert exc.value.code == "exclusion_above_payment"
    assert not LedgerEntry.objects.filter(kind="exclusion").exists()


@pytest.mark.parametrize(
    ("value", "amounts", "expected"),
    [
        ("70000.00", ["30000.00", "40000.00"], ["30000.00", "40000.00"]),
        ("0.03", ["0.01", "0.01", "0.01"], ["0.01", "0.01", "0.01"]),
        ("1.00", ["0.01", "2.00", "1.00"], ["0.00", "0.66", "0.34"]),
        ("10.00", ["3.33", "3.33", "3.34"], ["3.33", "3.33", "3.34"]),
    ],
)
def test_shares_add_up_and_never_exceed_a_payment(value, amounts, expected):
    payments = [Payment(amount=Decimal(a)) for a in amounts]
    shares = _allocate(Decimal(value), payments)
    assert shares == [Decimal(e) for e in expected]
    assert sum(shares) == Decimal(value)
    assert all(s <= p.amount for s, p in zip(shares, payments, strict=True))
