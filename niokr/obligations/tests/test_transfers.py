"""Budget transfers fulfil only once the treasury confirms them; until then they are pending."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from niokr.core.models import AuditEvent
from niokr.obligations import services
from niokr.obligations.models import BudgetTransfer, LedgerEntry, RightYearBalance
from niokr.obligations.reasons import render_reason

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _current_year(settings):
    settings.NIOKR_CURRENT_YEAR = 2026


@pytest.fixture
def budget_right(build):
    """A hydrocarbon right on the budget channel from 2026, owing 10,000 ₸ for 2026."""
    payer = build.org(name="ТОО «Бюджет»")
    right = build.right(payer)
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code art. 129")
    services.assign_regime(right=right, regime_code="BUDGET2026_COSTS", valid_from=date(2026, 2, 23), legal_reason="order No 37604")
    services.record_base_figure(right=right, year=2025, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    return payer, right


def _balance(right, year=2026) -> RightYearBalance:
    return RightYearBalance.objects.get(right=right, year=year)


def test_an_unconfirmed_transfer_does_not_fulfil_and_confirming_it_does(budget_right):
    payer, right = budget_right
    transfer = services.record_transfer(payer=payer, right=right, order_number="77", paid_on=date(2026, 5, 20), amount=Decimal("10000.00"), for_year=2026)
    services.recompute()
    pending = _balance(right)
    assert (pending.fulfilled, pending.arrears, pending.status) == (Decimal("0.00"), Decimal("10000.00"), "unfulfilled")
    assert {"code": "transfers_pending", "amount": "10000.00", "count": 1} in pending.reasons
    assert "await the treasury's confirmation" in render_reason({"code": "transfers_pending", "amount": "10000.00", "count": 1}, "en")
    assert not LedgerEntry.objects.filter(kind="budget_transfer").exists()

    entry = services.confirm_transfer(transfer=transfer, confirmed_on=date(2026, 5, 25), confirmation="treasury statement 5/25")
    transfer.refresh_from_db()
    assert (transfer.treasury_confirmed, transfer.confirmed_on, transfer.confirmation) == (True, date(2026, 5, 25), "treasury statement 5/25")
    assert (entry.kind, entry.year, entry.entry_date, entry.amount, entry.channel, entry.idempotency_key) == ("budget_transfer", 2026, date(2026, 5, 20), Decimal("10000.00"), "budget", f"transfer:{transfer.pk}")
    confirmed = _balance(right)  # recomputed in the same transaction
    assert (confirmed.fulfilled, confirmed.arrears, confirmed.status) == (Decimal("10000.00"), Decimal("0.00"), "fulfilled")
    assert not any(r["code"] == "transfers_pending" for r in confirmed.reasons)
    assert AuditEvent.objects.filter(action="confirm_transfer", object_id=str(transfer.pk)).exists()


def test_a_transfer_is_confirmed_once_and_never_counted_twice(budget_right):
    payer, right = budget_right
    confirmed = services.record_transfer(payer=payer, right=right, order_number="78", paid_on=date(2026, 6, 1), amount=Decimal("500.00"), for_year=2026, confirmed_on=date(2026, 6, 3), confirmation="SUB-1")
    assert confirmed.treasury_confirmed and LedgerEntry.objects.filter(idempotency_key=f"transfer:{confirmed.pk}").exists()
    with pytest.raises(ValidationError) as exc:
        services.confirm_transfer(transfer=confirmed, confirmed_on=date(2026, 6, 4))
    assert exc.value.code == "transfer_already_confirmed"
    # the payer's own report of the same order, already received in the treasury's file
    BudgetTransfer.objects.create(payer=payer, right=right, order_number="78", paid_on=date(2026, 6, 1), amount=Decimal("500.00"), for_year=2026, source_submission=99)
    report = BudgetTransfer.objects.get(source_submission=99)
    with pytest.raises(ValidationError) as exc:
        services.confirm_transfer(transfer=report, confirmed_on=date(2026, 6, 4))
    assert exc.value.code == "transfer_received_elsewhere" and "SUB-1" in exc.value.messages[0]
    assert LedgerEntry.objects.filter(kind="budget_transfer").count() == 1


def test_only_a_confirmed_transfer_carries_a_confirmation(budget_right):
    payer, right = budget_right
    transfer = BudgetTransfer(payer=payer, right=right, order_number="79", paid_on=date(2026, 6, 1), amount=Decimal("1.00"), confirmed_on=date(2026, 6, 2))
    with pytest.raises(ValidationError):
        transfer.full_clean()


def test_the_migration_reverses_fulfilment_posted_for_unconfirmed_transfers(budget_right):
    payer, right = budget_right
    pending = BudgetTransfer.objects.create(payer=payer, right=right, order_number="80", paid_on=date(2026, 7, 1), amount=Decimal("700.00"), for_year=2026)
    received = BudgetTransfer.objects.create(payer=payer, right=right, order_number="81", paid_on=date(2026, 7, 1), amount=Decimal("300.00"), for_year=2026, treasury_confirmed=True)
    for t in (pending, received):
        services.post_entry(right=right, year=2026, kind="budget_transfer", amount=t.amount, entry_date=t.paid_on, idempotency_key=f"transfer:{t.pk}", channel="budget", source_type="obligations.BudgetTransfer", source_id=str(t.pk))
    migration = importlib.import_module("niokr.obligations.migrations.0007_regime_versions")
    migration.reverse_unconfirmed_transfers(apps, None)
    migration.reverse_unconfirmed_transfers(apps, None)  # a second run changes nothing
    reversals = LedgerEntry.objects.filter(kind="reversal")
    assert [(r.reverses.idempotency_key, r.amount) for r in reversals] == [(f"transfer:{pending.pk}", Decimal("700.00"))]
    services.recompute()
    assert _balance(right).fulfilled == Decimal("300.00")


def test_the_admin_shows_pending_transfers_and_records_a_confirmation(budget_right):
    payer, right = budget_right
    transfer = services.record_transfer(payer=payer, right=right, order_number="82", paid_on=date(2026, 5, 20), amount=Decimal("10000.00"), for_year=2026)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.kz", "a-long-admin-pass", language="en"))
    listing = client.get("/admin/obligations/budgettransfer/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "pending: not counted until the treasury confirms it" in listing
    response = client.post("/admin/obligations/budgettransfer/", {"action": "confirm_by_treasury", "_selected_action": [transfer.pk]})
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.treasury_confirmed and transfer.confirmation == "admin:root"
    assert _balance(right).fulfilled == Decimal("10000.00")
