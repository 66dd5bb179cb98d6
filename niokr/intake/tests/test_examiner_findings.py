"""What an external examiner found accepted silently, each fixed at its root: a quarterly and the
annual report of a year both posted; a payment order written two ways in one file; a payment
credited to another year; a registered agreement's number written differently."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from niokr.intake.commit import commit_submission
from niokr.intake.messages import render
from niokr.intake.services import receive_submission, validate_file
from niokr.intake.tests.test_commit import company_with_right
from niokr.intake.tests.test_validation import csv_bytes, spending_row
from niokr.obligations.models import LedgerEntry
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db
TREASURY_HEADER = ["Номер платёжного поручения", "Дата платежа", "БИН плательщика", "Сумма, тенге", "КБК", "Номер контракта/лицензии", "Год зачёта"]


@pytest.fixture
def world(build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    performer = build.org(kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None))
    return company_with_right(build, performer, "КТ-2020-01")


def payment(world, document, day="15.11.2025", amount="1 000 000,00", **overrides):
    return spending_row(world, **{"Номер платёжного документа": document, "Дата платежа": day, "Сумма платежа": amount, **overrides})


def send(world, rows, quarter=None):
    return receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename=f"q{quarter}.csv", period_year=2025, period_quarter=quarter)


def posted(world) -> Decimal:
    """The net direct spending in the ledger for the company's right (entries less reversals)."""
    entries = LedgerEntry.objects.filter(right=world["right"])
    spent = sum((e.amount for e in entries.filter(kind="direct_spend")), Decimal(0))
    reversed_ = sum((e.amount for e in entries.filter(kind="reversal", target_kind="direct_spend")), Decimal(0))
    return spent - reversed_


def treasury_file(*lines) -> bytes:
    return ("\r\n".join([";".join(TREASURY_HEADER), *(";".join(line) for line in lines)]) + "\r\n").encode("utf-8")


# --- a. the annual report supersedes the quarterly ones of its year ---------------------------------


def test_the_annual_report_supersedes_the_committed_quarterly_reports_of_its_year(world):
    q3 = send(world, [payment(world, "ПП-1", day="15.08.2025")], quarter=3)
    q4 = send(world, [payment(world, "ПП-2")], quarter=4)
    for received in (q3, q4):
        commit_submission(submission=received.submission, validated=received.result)
    assert posted(world) == Decimal("2000000.00")
    annual = send(world, [payment(world, "ПП-1", day="15.08.2025"), payment(world, "ПП-2"), payment(world, "ПП-3", day="20.12.2025")])
    summary = commit_submission(submission=annual.submission, validated=annual.result)
    assert posted(world) == Decimal("3000000.00")  # each payment once: the quarters' entries reversed
    assert summary.superseded == q4.submission.pk and set(summary.superseded_all) == {q3.submission.pk, q4.submission.pk}
    for received in (q3, q4):
        received.submission.refresh_from_db()
        assert received.submission.status == "superseded" and received.submission.superseded_in_id == annual.submission.pk


def test_a_quarterly_report_of_a_year_whose_annual_report_is_committed_is_refused(world):
    waiting = send(world, [payment(world, "ПП-9", day="15.05.2025")], quarter=2)  # valid when received
    annual = send(world, [payment(world, "ПП-1")])
    commit_submission(submission=annual.submission, validated=annual.result)
    late = send(world, [payment(world, "ПП-2")], quarter=4)
    assert late.submission.status == "invalid"
    problem = next(p for p in late.submission.problems if p["code"] == "annual_report_committed")
    for language, word in (("en", "annual report of 2025"), ("ru", "Годовой отчёт за 2025"), ("kk", "2025 жылғы жылдық есеп")):
        assert word in render(problem["code"], problem["params"], language)
    with pytest.raises(ValidationError) as refused:
        commit_submission(submission=waiting.submission)
    assert refused.value.code == "no_longer_valid" and posted(world) == Decimal("1000000.00")


def test_an_annual_correction_still_supersedes_the_annual_report_and_quarters_supersede_only_their_own(world):
    first = send(world, [payment(world, "ПП-1")])
    commit_submission(submission=first.submission, validated=first.result)
    again = send(world, [payment(world, "ПП-1", amount="2 000 000,00")])
    summary = commit_submission(submission=again.submission, validated=again.result)
    assert summary.superseded == first.submission.pk and summary.superseded_all == (first.submission.pk,)
    assert posted(world) == Decimal("2000000.00")


def test_a_quarterly_base_figure_file_is_not_refused_by_the_annual_rule(world):
    from niokr.intake.services import load_context

    context = load_context(kind="base_figures", organisation=world["company"], period_year=2025, period_quarter=4)
    assert context.annual_committed is False


# --- b. one payment order written two ways in one file ---------------------------------------------


def test_a_payment_order_written_two_ways_for_the_same_payment_is_named_with_both_spellings(world):
    rows = [payment(world, "ПП-2745"), payment(world, "ПП 2745"), payment(world, "№ 002745", amount="7,00"), payment(world, "пп2745", day="16.11.2025")]
    result = validate_file(csv_bytes(rows), kind="spending", organisation=world["company"], period_year=2025)
    found = [(p.severity, p.code, p.row, p.column, p.value, p.params) for p in result.problems]
    # Row 4 (ПП 2745) is row 3's payment: same date, amount and performer. Another amount or day is another payment.
    assert found == [("warning", "duplicate_document_number_variant", 4, "N", "ПП 2745", {"value": "ПП 2745", "first": "ПП-2745", "first_row": 3, "header": "Номер платёжного документа"})]
    for language in ("kk", "ru", "en"):
        text = render("duplicate_document_number_variant", found[0][5], language)
        assert "ПП 2745" in text and "ПП-2745" in text and "3" in text
    # The same number as written is refused, as before.
    again = validate_file(csv_bytes([payment(world, "ПП-2745"), payment(world, "ПП-2745", amount="5,00")]), kind="spending", organisation=world["company"], period_year=2025)
    assert [(p.code, p.row) for p in again.problems if p.severity == "error"] == [("duplicate_document_number", 4)]


def test_a_treasury_order_written_two_ways_for_the_same_payment_is_named_with_both_spellings(world, build):
    ministry = build.org(kind="state_body", name="Министерство")
    bin_, right = world["company"].bin, world["right"].number
    data = treasury_file(["№ 15", "01.03.2025", bin_, "1 000,00", "401103", right, "2025"], ["15", "01.03.2025", bin_, "1 000,00", "401103", right, "2025"],
                         ["015", "02.03.2025", bin_, "1 000,00", "401103", right, "2025"])
    result = validate_file(data, kind="treasury", organisation=ministry, period_year=2025)
    assert result.errors == 0 and [(p.code, p.row, p.value, p.params["first"]) for p in result.problems] == [("duplicate_document_number_variant", 3, "15", "№ 15")]


# --- c. a payment credited to another year than the file's -------------------------------------------


def test_a_row_credited_to_another_year_is_accepted_with_a_warning_naming_its_cell(world, build):
    rows = [payment(world, "ПП-1", **{"Год зачёта": "2024"}), payment(world, "ПП-2", **{"Год зачёта": "2025"})]
    result = validate_file(csv_bytes(rows), kind="spending", organisation=world["company"], period_year=2025)
    assert result.errors == 0
    assert [(p.severity, p.code, p.row, p.column, p.params) for p in result.problems] == [("warning", "for_year_differs", 3, "P", {"value": 2024, "year": 2025, "header": "Год зачёта"})]
    for language in ("kk", "ru", "en"):
        assert "2024" in render("for_year_differs", {"value": 2024, "year": 2025}, language)
    ministry = build.org(kind="state_body", name="Министерство")
    data = treasury_file(["15", "01.03.2026", world["company"].bin, "1 000,00", "401103", world["right"].number, "2025"])
    result = validate_file(data, kind="treasury", organisation=ministry, period_year=2026)
    assert result.errors == 0 and [(p.code, p.row, p.column) for p in result.problems] == [("for_year_differs", 2, "G")]


# --- d. a registered agreement's number written differently ----------------------------------------------


def test_a_registered_agreement_written_differently_is_that_agreement_with_a_warning(world):
    registered = Agreement.objects.create(payer=world["company"], performer=world["performer"], number="НИОКР-17", signed_on=date(2025, 1, 10), subject="Разработка",
                                          amount=Decimal("5000000.00"), period_start=date(2025, 1, 10), period_end=date(2025, 12, 31))
    rows = [payment(world, "ПП-1", **{"Номер договора": "НИОКР 17"}), payment(world, "ПП-2", **{"Номер договора": "НИОКР 17", "Сумма договора": "6 000 000,00"})]
    received = send(world, rows)
    warnings = [p for p in received.submission.problems if p["code"] == "agreement_number_variant"]
    assert [(p["row"], p["column"], p["params"]) for p in warnings] == [(3, "A", {"value": "НИОКР 17", "registered": "НИОКР-17", "header": "Номер договора"})]
    for language in ("kk", "ru", "en"):
        text = render("agreement_number_variant", warnings[0]["params"], language)
        assert "НИОКР 17" in text and "НИОКР-17" in text
    # Row 4 gives another amount: another agreement, registered under the number as written.
    assert received.submission.errors == 0, received.submission.problems
    commit_submission(submission=received.submission, validated=received.result)
    assert Payment.objects.get(document_number="ПП-1").agreement == registered
    assert sorted(Agreement.objects.filter(payer=world["company"]).values_list("number", flat=True)) == ["НИОКР 17", "НИОКР-17"]


# --- a failed commit through the command line ----------------------------------------------------------


def test_the_command_line_says_why_a_commit_failed_and_commits_the_same_file_sent_again(world, tmp_path, monkeypatch):
    import io

    from django.core.management import CommandError, call_command
    from django.db import DataError

    from niokr.intake import commit
    from niokr.intake.models import Submission

    path = tmp_path / "report.csv"
    path.write_bytes(csv_bytes([payment(world, "ПП-1")]))
    arguments = ("intake", "submit", str(path))
    options = {"kind": "spending", "year": 2025, "org": world["company"].bin, "language": "en"}
    post_spending = commit._post_spending
    monkeypatch.setattr(commit, "_post_spending", lambda *a, **k: (_ for _ in ()).throw(DataError("numeric field overflow")))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(*arguments, **options, stdout=out)
    assert "commit_failed" in out.getvalue() and "numeric field overflow" in out.getvalue()
    assert Submission.objects.get().status == "failed"

    monkeypatch.setattr(commit, "_post_spending", post_spending)  # the cause removed: the same file again
    out = io.StringIO()
    call_command(*arguments, **options, stdout=out)
    assert "(failed), not yet committed: committing" in out.getvalue() and "committed: 1 lines" in out.getvalue()
    assert Submission.objects.get().status == "committed" and posted(world) == Decimal("1000000.00")
