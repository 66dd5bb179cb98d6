"""Strict validation of submissions: each rule rejects with its code and cell, the tolerant cases pass."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from niokr.core.models import CurrencyRate
from niokr.intake.services import validate_file

pytestmark = pytest.mark.django_db

ALWAYS = (date(2000, 1, 1), None)
SPENDING_HEADER = [
    "Номер договора", "Дата договора", "БИН исполнителя", "Предмет договора", "Сумма договора", "Начало периода", "Окончание периода",
    "Приоритетное направление", "Код проекта", "Дата платежа", "Сумма платежа", "Валюта", "Назначение платежа", "Номер платёжного документа",
    "Номер контракта/лицензии", "Год зачёта",
]


@pytest.fixture
def world(build):
    company = build.org(name="ТОО «Тест Мунай»")
    other = build.org(name="ТОО «Чужой»")
    performer = build.org(kind="research_institute", kazakhstani_supplier=ALWAYS)
    right = build.right(company, number="КТ-2020-01")
    foreign_right = build.right(other, number="ЧЖ-2019-07")
    return {"company": company, "other": other, "performer": performer, "right": right, "foreign_right": foreign_right}


def spending_row(world, **overrides):
    row = {
        "Номер договора": "Д-17", "Дата договора": "10.01.2025", "БИН исполнителя": world["performer"].bin, "Предмет договора": "Разработка катализатора",
        "Сумма договора": "5 000 000,00", "Начало периода": "10.01.2025", "Окончание периода": "31.12.2025", "Приоритетное направление": "greentech",
        "Код проекта": "", "Дата платежа": "15.03.2025", "Сумма платежа": "1 250 000,50", "Валюта": "KZT", "Назначение платежа": "Оплата 1 этапа НИР",
        "Номер платёжного документа": "ПП-001", "Номер контракта/лицензии": "КТ-2020-01", "Год зачёта": "",
    }
    row.update(overrides)
    return row


def csv_bytes(rows, *, encoding="cp1251", delimiter=";", title=True) -> bytes:
    lines = []
    if title:
        lines.append(delimiter.join(["Отчёт о расходах на НИОКР за 2025 год"] + [""] * (len(SPENDING_HEADER) - 1)))
    lines.append(delimiter.join(SPENDING_HEADER))
    for row in rows:
        lines.append(delimiter.join(str(row[h]) for h in SPENDING_HEADER))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def check(world, rows, **kwargs):
    return validate_file(csv_bytes(rows, **kwargs), kind="spending", organisation=world["company"], period_year=2025)


def codes(result):
    return [(p.code, p.column, p.row) for p in result.problems if p.severity == "error"]


def test_an_accountants_cp1251_semicolon_file_with_a_title_row_is_valid(world):
    result = check(world, [spending_row(world), spending_row(world, **{"Номер платёжного документа": "ПП-002", "Дата платежа": "20.06.2025"})])
    assert codes(result) == []
    assert result.rows == 2
    assert result.lines[0]["amount"] == Decimal("1250000.50")
    assert result.lines[0]["payment_date"] == date(2025, 3, 15)
    assert result.lines[0]["right_id"] == world["right"].pk


@pytest.mark.parametrize(
    ("override", "code", "column_code"),
    [
        ({"БИН исполнителя": "123456789012"}, "bin_invalid", "performer_bin"),
        ({"Сумма платежа": "1 000,001"}, "amount_too_many_decimals", "amount"),
        ({"Сумма платежа": "-5,00"}, "amount_not_positive", "amount"),
        ({"Дата платежа": "15.03.2024"}, "date_outside_period", "payment_date"),
        ({"Номер контракта/лицензии": "ЧЖ-2019-07"}, "right_not_yours", "right_number"),
        ({"Валюта": "USD"}, "rate_missing", "currency"),
        ({"Валюта": "XYZ"}, "choice_invalid", "currency"),
        ({"Дата договора": "32.01.2025"}, "date_unreadable", "agreement_date"),
    ],
    ids=["bad-bin", "three-decimals", "negative", "outside-period", "not-your-right", "no-rate", "unknown-currency", "bad-date"],
)
def test_a_strict_rule_rejects_with_its_code_and_cell(world, override, code, column_code):
    result = check(world, [spending_row(world, **override)])
    errors = [p for p in result.problems if p.severity == "error"]
    assert errors, "expected an error"
    if code is not None:
        assert errors[0].code == code
    assert errors[0].row == 3  # title row 1, header row 2, data row 3
    assert errors[0].column == "ABCDEFGHIJKLMNOP"[SPENDING_HEADER.index(next(h for h in SPENDING_HEADER if h in override))]


def test_a_rate_for_the_date_makes_a_foreign_currency_valid(world):
    CurrencyRate.objects.create(currency="USD", on_date=date(2025, 3, 15), rate=Decimal("505.120000"))
    assert codes(check(world, [spending_row(world, **{"Валюта": "USD"})])) == []


def test_a_document_number_twice_is_rejected_naming_the_first_row(world):
    result = check(world, [spending_row(world), spending_row(world)])
    [problem] = [p for p in result.problems if p.code == "duplicate_document_number"]
    assert problem.row == 4 and problem.params["first_row"] == 3


def test_an_agreement_described_differently_in_two_rows_is_rejected(world):
    result = check(world, [spending_row(world), spending_row(world, **{"Номер платёжного документа": "ПП-2", "Сумма договора": "6 000 000,00"})])
    assert [p.code for p in result.problems if p.severity == "error"] == ["agreement_inconsistent"]


def test_an_unknown_performer_is_rejected(world, build):
    result = check(world, [spending_row(world, **{"БИН исполнителя": "150340000109"})])
    assert [p.code for p in result.problems if p.severity == "error"] == ["performer_unknown"]


def test_the_cli_pre_check_exits_1_with_json_problems(world, tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(csv_bytes([spending_row(world, **{"Сумма платежа": "0"})]))
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("intake", "validate", str(path), kind="spending", year=2025, org=world["company"].bin, json=True, language="en", stdout=out)
    assert exc.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["valid"] is False and report["problems"][0]["code"] == "amount_not_positive"
    assert report["problems"][0]["message"] == "The amount must be above zero."


def test_the_cli_pre_check_exits_0_for_a_valid_file(world, tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(csv_bytes([spending_row(world)], encoding="utf-8-sig", delimiter="\t", title=False))
    out = io.StringIO()
    call_command("intake", "validate", str(path), kind="spending", year=2025, org=world["company"].bin, stdout=out)
    assert "VALID" in out.getvalue()


def test_a_received_file_is_stored_with_its_hash_and_an_identical_one_is_a_no_op(world, settings, tmp_path):
    from niokr.core.models import AuditEvent
    from niokr.intake.services import receive_submission

    settings.DATA_DIR = tmp_path
    data = csv_bytes([spending_row(world)])
    first = receive_submission(organisation=world["company"], kind="spending", data=data, filename="q1.csv", period_year=2025)
    events = AuditEvent.objects.count()
    again = receive_submission(organisation=world["company"], kind="spending", data=data, filename="q1-copy.csv", period_year=2025)
    assert not first.duplicate and again.duplicate and again.submission.pk == first.submission.pk
    assert first.submission.status == "valid" and first.submission.rows == 1
    assert (tmp_path / "submissions" / first.submission.sha256).read_bytes() == data
    assert AuditEvent.objects.count() == events


def test_an_invalid_file_is_kept_with_its_problems(world, settings, tmp_path):
    from niokr.intake.services import receive_submission

    settings.DATA_DIR = tmp_path
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes([spending_row(world, **{"Сумма платежа": "abc"})]), filename="bad.csv", period_year=2025)
    assert received.submission.status == "invalid" and received.submission.errors == 1
    assert received.submission.problems[0]["code"] == "amount_not_a_number" and received.submission.problems[0]["row"] == 3


def base_csv(rows) -> bytes:
    lines = ["Номер контракта/лицензии;Год;Вид базы;Сумма, тенге;Документ-основание"] + [";".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_zero_base_is_valid_and_a_negative_one_is_not(world):
    ok = validate_file(base_csv([["КТ-2020-01", "2025", "production_costs", "0,00", "ЛКУ"]]), kind="base_figures", organisation=world["company"], period_year=2025)
    assert ok.errors == 0 and ok.lines[0]["amount"] == Decimal("0.00")
    bad = validate_file(base_csv([["КТ-2020-01", "2025", "production_costs", "-5,00", "ЛКУ"]]), kind="base_figures", organisation=world["company"], period_year=2025)
    assert [p.code for p in bad.problems if p.severity == "error"] == ["base_negative"]


def test_every_problem_code_the_intake_can_raise_has_a_message_in_three_languages():
    import re
    from pathlib import Path

    from niokr.intake.messages import MESSAGES, render

    root = Path(__file__).resolve().parents[1]
    raised = set()
    for path in [*root.glob("parsing/*.py"), root / "validation.py"]:
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'(?:ERROR|WARNING|"error"|"warning"),\s*"([a-z_]+)"', text))
        raised |= set(re.findall(r'_problem\([^,]+,\s*"([a-z_]+)"', text))
    assert raised, "no codes found: the pattern no longer matches the code"
    missing = sorted(raised - set(MESSAGES))
    assert missing == []
    for code in MESSAGES:  # each language's text is checked by test_messages.py
        assert len({render(code, {}, language) for language in ("kk", "ru", "en")}) == 3, code


def test_the_cli_writes_an_error_report_with_the_offending_cell(world, tmp_path):
    import zipfile

    path = tmp_path / "report.csv"
    path.write_bytes(csv_bytes([spending_row(world, **{"Сумма платежа": "abc"})]))
    report = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError):
        call_command("intake", "validate", str(path), kind="spending", year=2025, org=world["company"].bin, report=str(report), language="en", stdout=io.StringIO())
    with zipfile.ZipFile(report) as z:
        comments = "".join(z.read(n).decode() for n in z.namelist() if "comments" in n)
    assert "Not an amount." in comments


def test_the_configured_limits_apply_to_submissions(world, settings):
    settings.NIOKR_INTAKE_MAX_ROWS = 1
    rows = [spending_row(world, **{"Номер платёжного документа": f"ПП-{i}"}) for i in range(3)]
    result = check(world, rows)
    assert [p.code for p in result.problems if p.severity == "error"] == ["too_many_rows"]
    settings.NIOKR_INTAKE_MAX_BYTES = 100
    assert [p.code for p in check(world, rows).problems] == ["file_too_large"]
