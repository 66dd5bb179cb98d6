"""Property: any valid generated report, exported (CSV or XLSX) and re-imported, yields identical ledger entries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.intake.commit import commit_submission
from niokr.intake.export import export_rows, format_money_ru
from niokr.intake.services import receive_submission, validate_file
from niokr.obligations import services as obligation_services
from niokr.obligations.models import LedgerEntry
from niokr.core.safety import neutralise
from niokr.projects.models import Payment

pytestmark = pytest.mark.django_db
ALWAYS = (date(2000, 1, 1), None)


@pytest.fixture
def world(build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    company = build.org(name="ТОО «Экспорт»")
    performer = build.org(kind="research_institute", kazakhstani_supplier=ALWAYS)
    right = build.right(company, number="ЭК-1")
    obligation_services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="Code")
    return {"company": company, "performer": performer, "right": right}


line_strategy = st.fixed_dictionaries(
    {
        "amount": st.integers(1, 10**12).map(lambda t: Decimal(t).scaleb(-2)),
        "day": st.integers(0, 364),
        "agreement": st.integers(1, 4),
        "purpose": st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ABCxyz=+-@;,\"'0123456789", min_size=1, max_size=40).filter(lambda s: s.strip()),
        "for_year": st.one_of(st.none(), st.just(2025)),
    }
)


def report_rows(world, lines):
    rows = []
    for i, line in enumerate(lines, 1):
        n = line["agreement"]
        rows.append(
            {
                "agreement_number": f"Д-{n}", "agreement_date": date(2025, 1, 1), "performer_bin": world["performer"].bin, "subject": f"НИР {n}",
                "agreement_amount": Decimal("99999999999.00"), "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31), "direction": "medtech",
                "project_code": None, "payment_date": date(2025, 1, 1) + timedelta(days=line["day"]), "amount": line["amount"], "currency": "KZT",
                "purpose": line["purpose"].strip(), "document_number": f"ПП-{i}", "right_number": world["right"].number, "for_year": line["for_year"],
            }
        )
    return rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lines=st.lists(line_strategy, min_size=1, max_size=12), fmt=st.sampled_from(["csv", "xlsx"]))
def test_exported_and_reimported_reports_yield_identical_ledger_entries(world, lines, fmt):
    rows = report_rows(world, lines)
    data = export_rows("spending", rows, fmt=fmt)
    with transaction.atomic():
        received = receive_submission(organisation=world["company"], kind="spending", data=data, filename=f"r.{fmt}", period_year=2025)
        assert received.submission.status == "valid", received.submission.problems
        commit_submission(submission=received.submission)
        entries = sorted(
            LedgerEntry.objects.filter(reference=f"SUB-{received.submission.pk}").values_list("amount", "entry_date", "year", "performer_id", "right_id")
        )
        # One entry per day, credited year, performer and right, of the sum of its payments.
        sums: dict[tuple, Decimal] = {}
        for r in rows:
            key = (r["payment_date"], r["for_year"] or r["payment_date"].year, world["performer"].pk, world["right"].pk)
            sums[key] = sums.get(key, Decimal("0.00")) + r["amount"]
        assert entries == sorted((amount, *key) for key, amount in sums.items())
        payments = sorted(Payment.objects.filter(source_submission=received.submission.pk).values_list("document_number", "amount", "paid_on", "for_year", "purpose"))
        # Text that a spreadsheet would take for a formula went out with a leading apostrophe and stays so.
        assert payments == sorted((r["document_number"], r["amount"], r["payment_date"], r["for_year"], neutralise(r["purpose"])) for r in rows)
        transaction.set_rollback(True)


@given(st.integers(0, 10**14).map(lambda t: Decimal(t).scaleb(-2)))
def test_money_in_the_accountants_style_reads_back_exactly(amount):
    from niokr.intake.parsing import values

    value, problems = values.parse_money(format_money_ru(amount), allow_zero=True)
    assert value == amount and not [p for p in problems if p.severity == "error"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_the_validator_never_crashes_on_random_bytes(world, data):
    result = validate_file(data, kind="spending", organisation=world["company"], period_year=2025)
    assert result.errors >= 1 or result.rows >= 0
    for p in result.problems:
        assert p.code and p.severity in ("error", "warning")
