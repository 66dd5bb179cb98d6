"""Recompute: obligations posted to the ledger, balances derived from entries, idempotency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent
from niokr.obligations import services
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance

pytestmark = pytest.mark.django_db

ALWAYS = (date(2000, 1, 1), None)


@pytest.fixture
def hc(build):
    """An HC contract under the Code, then the budget channel, with a Kazakhstani performer."""
    company = build.org(name="ТОО «Каспий»")
    performer = build.org(kind="research_institute", kazakhstani_supplier=ALWAYS)
    right = build.right(company)
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="contract")
    services.assign_regime(right=right, regime_code="BUDGET2026_COSTS", valid_from=date(2026, 2, 23), legal_reason="joint order No 37604")
    return right, performer


def spend(right, performer, day, amount, key, *, for_year=None, channel="direct"):
    kind = "direct_spend" if channel == "direct" else "budget_transfer"
    return services.post_entry(
        right=right, year=for_year or day.year, kind=kind, channel=channel, amount=Decimal(amount), entry_date=day,
        performer=performer if channel == "direct" else None, idempotency_key=key,
    )[0]


def balance(right, year):
    return RightYearBalance.objects.get(right=right, year=year)


def test_recompute_posts_obligations_and_derives_balances(hc):
    right, performer = hc
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    services.record_base_figure(right=right, year=2025, base_type="production_costs", amount=Decimal("12345678900.00"), source="report")
    spend(right, performer, date(2025, 6, 1), "12000.00", "p1")
    spend(right, None, date(2026, 5, 20), "130000000.00", "t1", channel="budget")

    summary = services.recompute()

    assert balance(right, 2025).status == "fulfilled"
    assert balance(right, 2025).obligation == Decimal("10000.00")
    b26 = balance(right, 2026)
    assert (b26.obligation, b26.fulfilled, b26.credit_out, b26.status) == (Decimal("123456789.00"), Decimal("130000000.00"), Decimal("6543211.00"), "fulfilled")
    assert balance(right, 2020).status == "base_missing"
    # the obligation in the balance is the sum of the active obligation entries
    active = LedgerEntry.objects.filter(right=right, year=2026, kind="obligation", reversed_by__isnull=True)
    assert [e.amount for e in active] == [b26.obligation]
    assert active[0].regime_code == "BUDGET2026_COSTS"
    assert summary.obligations_posted == 2


def test_recompute_is_idempotent(hc):
    right, performer = hc
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    spend(right, performer, date(2025, 6, 1), "12000.00", "p1")
    first = services.recompute()
    entries = LedgerEntry.objects.count()
    digest = services.balance_digest()

    second = services.recompute()

    assert second.obligations_posted == 0 and second.obligations_reversed == 0
    assert LedgerEntry.objects.count() == entries
    assert services.balance_digest() == digest
    assert first.digest == second.digest


def test_a_revised_base_reverses_the_old_obligation_and_posts_the_new(hc):
    right, _ = hc
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    services.recompute()
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("2000000.00"), source="audit")

    summary = services.recompute()

    assert (summary.obligations_posted, summary.obligations_reversed) == (1, 1)
    assert balance(right, 2025).obligation == Decimal("20000.00")
    entries = LedgerEntry.objects.filter(right=right, year=2025).order_by("id")
    assert [e.kind for e in entries] == ["obligation", "reversal", "obligation"]
    assert BaseFigure.objects.filter(right=right, year=2024).count() == 2


def test_going_back_to_an_earlier_base_keeps_the_ledger_append_only(hc):
    right, _ = hc
    for amount in ("1000000.00", "2000000.00", "1000000.00"):
        services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal(amount), source="report")
        services.recompute()
    assert balance(right, 2025).obligation == Decimal("10000.00")
    assert LedgerEntry.objects.filter(right=right, year=2025, kind="obligation").count() == 3


def test_an_exclusion_removes_fulfilment_and_its_reversal_restores_it(hc):
    right, performer = hc
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    line = spend(right, performer, date(2025, 6, 1), "12000.00", "p1")
    exclusion, _ = services.post_entry(right=right, year=2025, kind="exclusion", channel="direct", amount=Decimal("12000.00"), entry_date=line.entry_date, performer=performer, idempotency_key="case-1", reference="CASE-1")
    services.recompute()
    assert balance(right, 2025).status == "unfulfilled"
    services.reverse_entry(entry=exclusion, reason="case reopened")
    services.recompute()
    assert balance(right, 2025).status == "fulfilled"


def test_posting_twice_with_one_key_writes_one_entry(hc):
    right, performer = hc
    a = spend(right, performer, date(2025, 6, 1), "100.00", "same")
    b = spend(right, performer, date(2025, 6, 1), "100.00", "same")
    assert a.pk == b.pk and LedgerEntry.objects.filter(idempotency_key="same").count() == 1


def test_a_reversed_entry_cannot_be_reversed_again(hc):
    right, performer = hc
    entry = spend(right, performer, date(2025, 6, 1), "100.00", "x")
    services.reverse_entry(entry=entry, reason="error")
    with pytest.raises(ValidationError):
        services.reverse_entry(entry=entry, reason="again")


def test_a_negative_base_is_refused_and_nothing_is_written(hc):
    right, _ = hc
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("-5.00"), source="report")
    assert "-5.00" in str(exc.value)
    assert BaseFigure.objects.count() == 0 and AuditEvent.objects.count() == events


def test_an_unknown_regime_code_is_refused_and_nothing_is_written(hc):
    right, _ = hc
    with pytest.raises(ValidationError) as exc:
        services.assign_regime(right=right, regime_code="LAW1999", valid_from=date(2020, 1, 1), legal_reason="x")
    assert "LAW1999" in str(exc.value)
    assert right.regime_assignments.count() == 2


def test_ineligible_lines_are_kept_with_their_reason(hc, build):
    right, _ = hc
    foreign = build.org(kind="foreign", region="foreign")
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    spend(right, foreign, date(2025, 6, 1), "7000.00", "f1")
    services.recompute()
    b = balance(right, 2025)
    assert b.ineligible == Decimal("7000.00")
    assert b.ineligible_detail == [{"amount": "7000.00", "reason": "performer_not_kazakhstani_no_permission", "lines": 1}]
    detailed = {r.year: r for r in services.explain_right(right=right)}
    assert [(i.ref, i.reason) for i in detailed[2025].ineligible] == [(str(LedgerEntry.objects.get(idempotency_key="f1").pk), "performer_not_kazakhstani_no_permission")]


def test_performer_status_is_judged_on_the_payment_date(hc, build):
    right, _ = hc
    lapsing = build.org(kind="company", kazakhstani_supplier=(date(2020, 1, 1), date(2025, 6, 30)))
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    spend(right, lapsing, date(2025, 6, 30), "6000.00", "in")
    spend(right, lapsing, date(2025, 7, 1), "6000.00", "out")
    services.recompute()
    b = balance(right, 2025)
    assert (b.fulfilled, b.ineligible, b.status) == (Decimal("6000.00"), Decimal("6000.00"), "partly")


def test_every_service_call_is_in_the_audit_chain(hc):
    right, _ = hc
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1.00"), source="report")
    services.recompute()
    checked, problem = verify_chain()
    assert problem is None
    # The obligation entry the run posted is sealed into the chain with its amount (ADR 9).
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["assign_regime", "assign_regime", "record_base_figure", "seal_ledger", "recompute"]
    assert checked == 5


def test_an_obligation_names_the_base_figure_of_its_own_base_type(hc):
    right, _ = hc
    costs = services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    services.record_base_figure(right=right, year=2024, base_type="aggregate_income", amount=Decimal("3000000.00"), source="report")
    services.recompute()
    entry = LedgerEntry.objects.get(right=right, year=2025, kind="obligation")
    assert entry.base_figure_id == costs.pk and balance(right, 2025).base_figure_id == costs.pk
    # a revision of the base type the regime does not use changes nothing in the ledger
    services.record_base_figure(right=right, year=2024, base_type="aggregate_income", amount=Decimal("4000000.00"), source="audit")
    summary = services.recompute()
    assert (summary.obligations_posted, summary.obligations_reversed) == (0, 0)


def test_a_lower_current_year_leaves_later_years_alone(hc, settings):
    right, _ = hc
    for year in (2024, 2025):
        services.record_base_figure(right=right, year=year, base_type="production_costs", amount=Decimal("1000000.00"), source="report")
    services.recompute()
    settings.NIOKR_CURRENT_YEAR = 2025
    summary = services.recompute()
    assert summary.obligations_reversed == 0
    assert balance(right, 2026).obligation == Decimal("10000.00")
