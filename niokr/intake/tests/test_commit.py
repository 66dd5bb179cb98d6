"""Committing submissions: ledger entries, idempotency, corrections that supersede."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from niokr.intake.commit import commit_submission
from niokr.intake.services import receive_submission
from niokr.intake.tests.test_validation import csv_bytes, spending_row
from niokr.obligations import services as obligation_services
from niokr.obligations.models import LedgerEntry, RightYearBalance
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db
ALWAYS = (date(2000, 1, 1), None)


def company_with_right(build, performer, number):
    company = build.org(name=f"ТОО «{number}»")
    right = build.right(company, number=number)
    obligation_services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="Code")
    obligation_services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("300000000.00"), source="report")
    return {"company": company, "performer": performer, "right": right}


@pytest.fixture
def performer(build):
    return build.org(kind="research_institute", kazakhstani_supplier=ALWAYS)


@pytest.fixture
def world(build, performer, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return company_with_right(build, performer, "КТ-2020-01")


def submit(world, rows):
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename="r.csv", period_year=2025)
    assert received.submission.status == "valid", received.submission.problems
    return received, commit_submission(submission=received.submission)


def rows_for(world, amounts):
    number = world["right"].number
    return [spending_row(world, **{"Номер платёжного документа": f"ПП-{i}", "Сумма платежа": a, "Номер контракта/лицензии": number}) for i, a in enumerate(amounts, 1)]


def figures(right, year=2025):
    b = RightYearBalance.objects.get(right=right, year=year)
    return (b.obligation, b.fulfilled, b.credit_out, b.arrears, b.status)


def test_a_committed_report_posts_payments_and_ledger_entries_and_recomputes(world):
    _, summary = submit(world, rows_for(world, ["1 000 000,00", "2 000 000,00"]))
    # Two payments of one day to one performer for one right-year: one ledger entry of their sum.
    assert summary.lines == 2 and summary.entries_posted == 1
    assert Agreement.objects.filter(payer=world["company"], number="Д-17").count() == 1
    assert Payment.objects.filter(source_submission=summary.submission).count() == 2
    entry = LedgerEntry.objects.get(reference=f"SUB-{summary.submission}", kind="direct_spend")
    assert entry.amount == Decimal("3000000.00") and entry.source_type == "intake.Submission" and entry.source_id == str(summary.submission)
    assert figures(world["right"]) == (Decimal("3000000.00"), Decimal("3000000.00"), Decimal("0.00"), Decimal("0.00"), "fulfilled")


def test_sending_the_same_file_again_changes_nothing(world):
    received, _ = submit(world, rows_for(world, ["1 000 000,00"]))
    entries = LedgerEntry.objects.count()
    again = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows_for(world, ["1 000 000,00"])), filename="copy.csv", period_year=2025)
    assert again.duplicate and again.submission.pk == received.submission.pk
    assert LedgerEntry.objects.count() == entries
    with pytest.raises(ValidationError):
        commit_submission(submission=again.submission)


def test_a_correction_gives_the_balance_of_a_fresh_import_of_the_corrected_data(world, build, performer):
    submit(world, rows_for(world, ["1 000 000,00", "2 000 000,00"]))
    _, correction = submit(world, rows_for(world, ["1 000 000,00", "500 000,00"]))
    fresh = company_with_right(build, performer, "КТ-2021-02")
    submit(fresh, rows_for(fresh, ["1 000 000,00", "500 000,00"]))

    assert correction.superseded is not None and correction.entries_reversed == 1
    assert figures(world["right"]) == figures(fresh["right"])
    assert figures(world["right"])[4] == "partly"
    # both versions kept
    assert Payment.objects.filter(right=world["right"]).count() == 4


def test_payments_of_different_days_post_separate_entries_in_tenge(world, settings):
    from niokr.core.models import CurrencyRate

    CurrencyRate.objects.create(currency="USD", on_date=date(2025, 3, 15), rate=Decimal("500.123456"))
    rows = rows_for(world, ["1 000 000,00", "2 000 000,00", "10,01"])
    rows[1]["Дата платежа"] = "16.03.2025"
    rows[2]["Валюта"] = "USD"
    _, summary = submit(world, rows)
    assert summary.entries_posted == 2
    usd = Payment.objects.get(source_submission=summary.submission, currency="USD")
    # 10.01 × 500.123456 = 5006.2358 → 5006.24 (half up)
    assert (usd.amount, usd.original_amount, usd.rate) == (Decimal("5006.24"), Decimal("10.01"), Decimal("500.123456"))
    amounts = sorted(LedgerEntry.objects.filter(reference=f"SUB-{summary.submission}").values_list("entry_date", "amount"))
    assert amounts == [(date(2025, 3, 15), Decimal("1005006.24")), (date(2025, 3, 16), Decimal("2000000.00"))]
    ids = list(Payment.objects.filter(source_submission=summary.submission).order_by("id").values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + 3))


def test_a_file_that_no_longer_validates_commits_nothing(world):
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows_for(world, ["1 000,00"])), filename="r.csv", period_year=2025)
    # The right changes hands before the commit: the report no longer belongs to its sender.
    world["right"].holder = world["performer"]
    world["right"].save()
    with pytest.raises(ValidationError):
        commit_submission(submission=received.submission)
    assert Payment.objects.count() == 0 and LedgerEntry.objects.filter(kind="direct_spend").count() == 0
