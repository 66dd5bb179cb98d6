"""Hostile report content through the service, on the database: each test holds the hostile input
and asserts the bounded outcome (a clear problem with its cell, a stored submission, no crash)."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from niokr.intake.formats import Kind, form_for
from niokr.intake.messages import render
from niokr.intake.services import receive_submission, validate_file
from niokr.intake.tests.hostile import table_cells, workbook
from niokr.intake.tests.test_commit import company_with_right
from niokr.intake.tests.test_validation import SPENDING_HEADER, csv_bytes, spending_row

pytestmark = pytest.mark.django_db
ALWAYS = ("2000-01-01", None)
CODES = [c.code for c in form_for(Kind.SPENDING).columns]


@pytest.fixture
def world(build, settings, tmp_path):
    from datetime import date

    settings.DATA_DIR = tmp_path
    performer = build.org(kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None))
    return company_with_right(build, performer, "КТ-2020-01")


def rows_of(world, count=2, **overrides):
    number = world["right"].number
    return [spending_row(world, **{"Номер платёжного документа": f"ПП-{i}", "Номер контракта/лицензии": number, **overrides}) for i in range(1, count + 1)]


def json_document(world, rows) -> bytes:
    return json.dumps({"kind": "spending", "period": {"year": 2025, "quarter": None}, "rows": [dict(zip(CODES, (r[h] for h in SPENDING_HEADER))) for r in rows]}, ensure_ascii=False).encode()


def found(problems, code):
    return [(p["sheet"], p["column"], p["row"], p["value"]) if isinstance(p, dict) else (p.sheet, p.column, p.row, p.value) for p in problems if (p["code"] if isinstance(p, dict) else p.code) == code]


# --- §2: NUL and other control characters ---------------------------------------------------------


def test_a_nul_in_a_csv_cell_is_refused_with_its_cell_and_the_submission_is_stored(world):
    rows = rows_of(world)
    rows[1]["Назначение платежа"] = "Оплата\x00этапа"
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows, encoding="utf-8"), filename="nul\x00.csv", period_year=2025)
    submission = received.submission
    submission.refresh_from_db()  # stored (PostgreSQL holds no NUL: neither in problems nor in the name)
    assert submission.status == "invalid" and submission.errors == 1
    assert found(submission.problems, "control_character") == [("", "M", 4, "Оплата\\x00этапа")]
    assert submission.filename == "nul\\x00.csv"
    problem = next(p for p in submission.problems if p["code"] == "control_character")
    for language in ("kk", "ru", "en"):
        assert "\\x00" in render("control_character", problem["params"], language)


def test_control_characters_in_an_xlsx_cell_are_refused_with_their_cell(world):
    rows = rows_of(world)
    values = [[r[h] for h in SPENDING_HEADER] for r in rows]
    values[0][0] = "Д-17_x0000_"  # how a workbook writes a NUL
    values[1][3] = "Предмет_x001F_"
    result = validate_file(workbook({"Data": table_cells([SPENDING_HEADER, *values])}), kind="spending", organisation=world["company"], period_year=2025)
    assert found(result.problems, "control_character") == [("Data", "A", 2, "Д-17\\x00"), ("Data", "D", 3, "Предмет\\x1f")]
    assert result.line_count == 0


def test_a_nul_and_a_lone_surrogate_in_json_are_refused_and_storable(world):
    rows = rows_of(world)
    rows[0]["Назначение платежа"] = "a\x00b"
    rows[1]["Предмет договора"] = "\ud800"
    data = json.dumps({"kind": "spending", "period": {"year": 2025}, "rows": [dict(zip(CODES, (r[h] for h in SPENDING_HEADER))) for r in rows], "x": 1}).encode()
    received = receive_submission(organisation=world["company"], kind="spending", data=data, filename="r.json", period_year=2025)
    received.submission.refresh_from_db()
    assert received.submission.status == "invalid"
    assert found(received.submission.problems, "control_character") == [("json", "purpose", 1, "a\\x00b"), ("json", "subject", 2, "\\ud800")]


def test_tab_and_line_breaks_in_free_text_are_no_control_characters(world):
    rows = rows_of(world, 1, **{"Назначение платежа": "Оплата\tэтапа"})
    result = validate_file(csv_bytes(rows, encoding="utf-8"), kind="spending", organisation=world["company"], period_year=2025)
    assert result.errors == 0 and result.lines[0]["purpose"] == "Оплата\tэтапа"


# --- §3: a totals row at the bottom of the data ----------------------------------------------------


def totals_row(label, *, amount="2 500 001,00", label_column="Номер договора"):
    row = dict.fromkeys(SPENDING_HEADER, "")
    row[label_column] = label
    row["Сумма платежа"] = amount
    return row


def _only_the_totals_warning(result, row):
    assert result.errors == 0, [(p.code, p.row, p.column) for p in result.problems]
    assert [(p.code, p.row, p.severity) for p in result.problems] == [("totals_row_skipped", row, "warning")]
    assert result.line_count == 2


@pytest.mark.parametrize("label", ["Итого", "ИТОГО:", "Всего по отчёту", "Барлығы", "жиыны", "Total", "TOTALS.", " итого "])
def test_a_totals_row_at_the_bottom_of_a_csv_is_skipped_with_one_warning(world, label):
    rows = [*rows_of(world), totals_row(label)]
    for encoding in ("utf-8", "cp1251") if label.isascii() or "ғ" not in label else ("utf-8",):
        _only_the_totals_warning(validate_file(csv_bytes(rows, encoding=encoding), kind="spending", organisation=world["company"], period_year=2025), 5)


def test_a_totals_row_with_quotes_elsewhere_in_the_file_is_skipped_too(world):
    """A file with quotes is read record by record (not by the fast reader): the same outcome."""
    rows = [*rows_of(world, **{"Предмет договора": '"Катализатор" НИР'}), totals_row("Итого")]
    data = csv_bytes(rows, encoding="utf-8").replace('"Катализатор" НИР'.encode(), '"""Катализатор"" НИР"'.encode())
    _only_the_totals_warning(validate_file(data, kind="spending", organisation=world["company"], period_year=2025), 5)


def test_a_workbook_totals_row_labelled_outside_the_form_columns_is_skipped(world):
    """The label in a "№" column the form does not have, empty cells, and the sums under their columns."""
    header = ["№", *SPENDING_HEADER]
    values = [[str(i), *(r[h] for h in SPENDING_HEADER)] for i, r in enumerate(rows_of(world), 1)]
    total = ["Итого:", *(totals_row("")[h] for h in SPENDING_HEADER)]
    total[header.index("Сумма договора")] = 10_000_000
    result = validate_file(workbook({"Data": table_cells([header, *values, total])}), kind="spending", organisation=world["company"], period_year=2025)
    assert [(p.code, p.row) for p in result.problems if p.code != "unknown_column"] == [("totals_row_skipped", 4)]
    assert result.errors == 0 and result.line_count == 2


def test_a_totals_row_in_json_is_skipped(world):
    result = validate_file(json_document(world, [*rows_of(world), totals_row("Total")]), kind="spending", organisation=world["company"], period_year=2025)
    _only_the_totals_warning(result, 3)


def test_a_label_that_is_not_at_the_bottom_or_comes_with_text_is_data(world):
    """"Всего" in the middle, or a last row whose other cells hold text, is read (and judged) as data."""
    middle = [rows_of(world)[0], totals_row("Всего"), rows_of(world)[1]]
    result = validate_file(csv_bytes(middle, encoding="utf-8"), kind="spending", organisation=world["company"], period_year=2025)
    assert "totals_row_skipped" not in [p.code for p in result.problems] and result.errors > 0
    texty = [*rows_of(world), {**rows_of(world, 3)[2], "Номер договора": "Итого"}]
    result = validate_file(csv_bytes(texty, encoding="utf-8"), kind="spending", organisation=world["company"], period_year=2025)
    assert "totals_row_skipped" not in [p.code for p in result.problems]


# --- §3: the sheet that holds the form ------------------------------------------------------------


def test_a_register_sheet_before_the_form_loses_to_the_sheet_holding_every_required_column(world):
    """The first sheet is a register of agreements with some of the form's headers; the complete
    form sheet after it is read, and the submission's record says which."""
    register_header = ["Номер договора", "Дата договора", "БИН исполнителя", "Предмет договора", "Сумма договора", "Начало периода", "Окончание периода", "Приоритетное направление"]
    register = table_cells([register_header, *([r[h] for h in register_header] for r in rows_of(world))])
    form = table_cells([SPENDING_HEADER, *([r[h] for h in SPENDING_HEADER] for r in rows_of(world))])
    data = workbook({"Реестр договоров": register, "Отчёт": form})
    received = receive_submission(organisation=world["company"], kind="spending", data=data, filename="book.xlsx", period_year=2025)
    submission = received.submission
    assert submission.status == "valid" and submission.rows == 2
    assert [(p["code"], p["sheet"], p["params"]) for p in submission.problems] == [("sheet_chosen", "Отчёт", {"sheet": "Отчёт", "sheets": "2"})]
    assert "Отчёт" in render("sheet_chosen", submission.problems[0]["params"], "ru")


def test_the_template_sheet_name_wins_among_complete_sheets_and_the_first_sheet_needs_no_word(world):
    from niokr.intake.parsing.reader import TEMPLATE_SHEET
    from niokr.intake.templates_xlsx import DATA_SHEET

    assert TEMPLATE_SHEET == DATA_SHEET
    form = table_cells([SPENDING_HEADER, *([r[h] for h in SPENDING_HEADER] for r in rows_of(world))])
    one = table_cells([SPENDING_HEADER, [rows_of(world, 1)[0][h] for h in SPENDING_HEADER]])
    result = validate_file(workbook({"Копия": one, "Data": form}), kind="spending", organisation=world["company"], period_year=2025)
    assert result.rows == 2 and [(p.code, p.sheet) for p in result.problems] == [("sheet_chosen", "Data")]
    result = validate_file(workbook({"Data": form, "Notes": {"A1": "x"}}), kind="spending", organisation=world["company"], period_year=2025)
    assert result.rows == 2 and result.problems == []


# --- §2: every database constraint has its rule first; a refused commit marks the submission ------


def test_a_report_whose_performer_is_the_submitting_company_is_refused_in_validation(world):
    rows = rows_of(world, 1, **{"БИН исполнителя": world["company"].bin})
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename="self.csv", period_year=2025)
    assert received.submission.status == "invalid"
    assert [(p["code"], p["column"], p["row"]) for p in received.submission.problems] == [("performer_is_payer", "C", 3)]
    assert world["company"].bin in render("performer_is_payer", received.submission.problems[0]["params"], "kk")


@pytest.mark.parametrize("header, limit", [("Номер договора", 64), ("Предмет договора", 500), ("Назначение платежа", 500), ("Номер платёжного документа", 64), ("Код проекта", 32)])
def test_text_longer_than_its_database_field_is_refused_in_validation(world, header, limit):
    rows = rows_of(world, 1, **{header: "Я" * (limit + 1)})
    result = validate_file(csv_bytes(rows, encoding="utf-8"), kind="spending", organisation=world["company"], period_year=2025)
    assert [(p.code, p.row, p.params["limit"], p.params["length"]) for p in result.problems] == [("text_too_long", 3, limit, limit + 1)]
    rows = rows_of(world, 1, **{header: "Я" * limit})
    assert validate_file(csv_bytes(rows, encoding="utf-8"), kind="spending", organisation=world["company"], period_year=2025).errors == 0


def test_the_model_constraints_a_commit_meets_each_have_a_validation_rule():
    """A new constraint on a model a commit writes must come with its rule: this list names them."""
    from niokr.obligations.models import BudgetTransfer, LedgerEntry
    from niokr.projects.models import Agreement, Payment

    ruled = {
        "agreement_number_unique_per_payer": "new agreements only for numbers the payer has not registered; agreement_inconsistent",
        "agreement_amount_positive": "amount_not_positive",
        "agreement_period_ordered": "period_reversed",
        "agreement_parties_differ": "performer_is_payer",
        "payment_amount_positive": "amount_not_positive",
        "budget_transfer_unique_order": "not written by a commit (source_submission is set)",
        "budget_transfer_unique_order_per_submission": "duplicate_document_number (per payer)",
        "budget_transfer_positive": "amount_not_positive",
        "budget_transfer_confirmation_only_if_confirmed": "a treasury file's lines are confirmed",
        "ledger_amount_not_negative": "sums of positive amounts",
        "ledger_reversal_names_entry": "reversals name their entry",
    }
    names = {c.name for model in (Agreement, Payment, BudgetTransfer, LedgerEntry) for c in model._meta.constraints}
    assert names <= set(ruled), sorted(names - set(ruled))


def test_a_commit_the_database_refuses_marks_the_submission_failed_with_the_reason(world, monkeypatch):
    from django.core.exceptions import ValidationError

    from niokr.core.models import AuditEvent
    from niokr.intake import commit
    from niokr.obligations.models import LedgerEntry
    from niokr.projects.models import Agreement, Payment

    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows_of(world)), filename="r.csv", period_year=2025)
    assert received.submission.status == "valid"

    def refused(*args, **kwargs):
        Agreement.objects.create(payer=world["company"], performer=world["company"], number="X", signed_on="2025-01-01", subject="x", amount=1, period_start="2025-01-01", period_end="2025-01-02")

    monkeypatch.setattr(commit, "_post_spending", refused)  # the database's own agreement_parties_differ
    with pytest.raises(ValidationError) as raised:
        commit.commit_submission(submission=received.submission)
    assert raised.value.code == "commit_failed"
    submission = received.submission
    submission.refresh_from_db()
    assert submission.status == "failed"
    with translation.override("en"):
        assert submission.get_status_display() == "Commit failed"
    with translation.override("ru"):
        assert submission.get_status_display() == "Проведение не удалось"
    assert "agreement_parties_differ" in submission.failure_reason
    assert submission.errors == 0 and all(p["code"] != "commit_failed" for p in submission.problems)  # validation's own findings stay as they were
    assert not Agreement.objects.filter(payer=world["company"]).exists() and not Payment.objects.exists()
    assert not LedgerEntry.objects.filter(reference=f"SUB-{submission.pk}").exists()
    event = AuditEvent.objects.get(action="commit_failed", object_id=str(submission.pk))
    assert event.before == {"status": "valid"} and event.after["status"] == "failed" and event.after["reason"] == submission.failure_reason
    # The message is the user's language only; the database's own (English) words are kept apart,
    # for the administrators (the submission page shows them folded under the message).
    assert render("commit_failed", {"reason": submission.failure_reason}, "ru") == "База данных отклонила проведение, ничего не проведено."
    assert submission.failure_reason not in render("commit_failed", {"reason": submission.failure_reason}, "kk")


def test_a_failed_submission_is_committed_again_once_the_cause_is_removed(world, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.db import DataError

    from niokr.accounts.models import Membership
    from niokr.core.models import AuditEvent
    from niokr.intake import commit
    from niokr.projects.models import Payment

    user = get_user_model().objects.create_user(username="acc", password="x-very-long-pass")
    Membership.objects.create(user=user, organisation=world["company"], role="company")
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows_of(world)), filename="r.csv", period_year=2025)
    post_spending = commit._post_spending

    def overflow(*args, **kwargs):
        raise DataError("numeric field overflow")

    monkeypatch.setattr(commit, "_post_spending", overflow)
    with pytest.raises(ValidationError) as raised:
        commit.commit_for(submission=received.submission, actor=user)
    assert raised.value.code == "commit_failed"
    received.submission.refresh_from_db()
    assert received.submission.status == "failed" and received.submission.failure_reason == "numeric field overflow"
    with pytest.raises(ValidationError) as again:  # the cause still there: failed again, the reason kept
        commit.commit_for(submission=received.submission, actor=user)
    assert again.value.code == "commit_failed"
    assert AuditEvent.objects.filter(action="commit_failed", object_id=str(received.submission.pk), before={"status": "failed"}).exists()

    monkeypatch.setattr(commit, "_post_spending", post_spending)  # the cause removed
    summary = commit.commit_for(submission=received.submission, actor=user)
    received.submission.refresh_from_db()
    assert received.submission.status == "committed" and received.submission.failure_reason == "" and summary.lines == 2
    assert Payment.objects.filter(source_submission=received.submission.pk).count() == 2
    assert AuditEvent.objects.get(action="commit_submission", object_id=str(received.submission.pk)).after["after_failure"] is True
    with pytest.raises(ValidationError) as done:
        commit.commit_for(submission=received.submission, actor=user)
    assert done.value.code == "already_committed"


def test_a_failed_submission_is_validated_afresh_before_it_is_committed_again(world, monkeypatch):
    from django.core.exceptions import ValidationError
    from django.db import DataError

    from niokr.intake import commit

    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows_of(world)), filename="r.csv", period_year=2025)
    post_spending = commit._post_spending
    monkeypatch.setattr(commit, "_post_spending", lambda *a, **k: (_ for _ in ()).throw(DataError("value too long")))
    with pytest.raises(ValidationError):
        commit.commit_submission(submission=received.submission, validated=received.result)
    monkeypatch.setattr(commit, "_post_spending", post_spending)
    world["right"].holder = world["performer"]  # the registry changed meanwhile: the file no longer validates
    world["right"].save()
    with pytest.raises(ValidationError) as raised:
        commit.commit_submission(submission=received.submission, validated=received.result)  # the old validation is not trusted
    assert raised.value.code == "no_longer_valid"
    received.submission.refresh_from_db()
    assert received.submission.status == "failed"


# --- §3: treasury validation tells a regulator nothing outside its competence ----------------------


def test_treasury_problems_are_the_same_for_a_payer_or_right_outside_the_competence_and_for_none(build, settings, tmp_path):
    from django.contrib.auth import get_user_model

    from niokr.accounts.models import Membership

    settings.DATA_DIR = tmp_path
    ministry = build.org(kind="state_body", name="Министерство энергетики")
    regulator = get_user_model().objects.create_user(username="energy", password="x-very-long-pass")
    Membership.objects.create(user=regulator, organisation=ministry, role="regulator", authority="energy")
    oil = build.org(name="ТОО «Мұнай»")
    build.right(oil, number="КТ-1")
    miner = build.org(name="ТОО «Кен»")  # another ministry's: solid minerals only
    build.right(miner, number="ТПИ-1", mineral_group="solid", right_type="lic_solid_mining")
    build.right(oil, number="ТПИ-2", mineral_group="solid", right_type="lic_solid_mining")  # the oil company's right in another competence
    ghost = build.org(name="ТОО «Призрак»").bin
    header = ";".join(["Номер платёжного поручения", "Дата платежа", "БИН плательщика", "Сумма, тенге", "КБК", "Номер контракта/лицензии", "Год зачёта"])

    def problems(bin_, right):
        line = ";".join(["9", "01.03.2025", bin_, "1 000,00", "401103", right, "2025"])
        result = validate_file((header + "\r\n" + line + "\r\n").encode("utf-8"), kind="treasury", organisation=ministry, period_year=2025, viewer=regulator)
        return [(p.code, p.column, {k: v for k, v in p.params.items() if k != "value"}) for p in result.problems]

    from niokr.registry.models import Organisation

    Organisation.objects.filter(bin=ghost).delete()  # a valid BIN no organisation has
    # A payer of another competence reads exactly like a BIN nobody has.
    assert problems(miner.bin, "ТПИ-1") == problems(ghost, "ТПИ-1") == [("payer_unknown", "C", {"header": "БИН плательщика"})]
    # A right of another competence — even the payer's own — reads exactly like a right that does not exist.
    assert problems(oil.bin, "ТПИ-2") == problems(oil.bin, "НЕТ-1") == problems(oil.bin, "ТПИ-1") == [("right_not_payers", "F", {"header": "Номер контракта/лицензии"})]
    assert problems(oil.bin, "КТ-1") == []
    # An administrator (no viewer: the system) sees the registry as it is.
    line = ";".join(["9", "01.03.2025", oil.bin, "1 000,00", "401103", "ТПИ-2", "2025"])
    assert validate_file((header + "\r\n" + line + "\r\n").encode("utf-8"), kind="treasury", organisation=ministry, period_year=2025).errors == 0


# --- §1: agreements are linked to the projects the report names -----------------------------------


def test_a_committed_report_links_its_agreements_to_the_projects_it_names(world, build):
    from datetime import date
    from decimal import Decimal

    from niokr.intake.commit import commit_submission
    from niokr.projects.models import Agreement, Project

    registered = Project.objects.create(code="ПР-7", title_kk="Жоба", title_ru="Проект", title_en="Project", performer=world["performer"], priority_direction="greentech",
                                        trl_start=3, trl_target=5, start_date=date(2025, 1, 1), end_date=date(2026, 12, 31), status="in_progress")
    rows = [
        spending_row(world, **{"Номер договора": "Д-1", "Код проекта": "ПР-7", "Номер платёжного документа": "ПП-1", "Номер контракта/лицензии": world["right"].number}),
        spending_row(world, **{"Номер договора": "Д-1", "Код проекта": "", "Номер платёжного документа": "ПП-2", "Номер контракта/лицензии": world["right"].number}),
        spending_row(world, **{"Номер договора": "Д-2", "Код проекта": "НОВ-1", "Номер платёжного документа": "ПП-3", "Номер контракта/лицензии": world["right"].number}),
        spending_row(world, **{"Номер договора": "Д-3", "Код проекта": "", "Номер платёжного документа": "ПП-4", "Номер контракта/лицензии": world["right"].number}),
    ]
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename="p.csv", period_year=2025)
    assert received.submission.status == "valid", received.submission.problems
    commit_submission(submission=received.submission, validated=received.result)
    linked = dict(Agreement.objects.filter(payer=world["company"]).values_list("number", "project__code"))
    assert linked == {"Д-1": "ПР-7", "Д-2": "НОВ-1", "Д-3": None}
    created = Project.objects.get(code="НОВ-1")
    assert (created.performer, created.status, created.title_ru, created.start_date, created.end_date, created.priority_direction) == (
        world["performer"], "in_progress", "Разработка катализатора", date(2025, 1, 10), date(2025, 12, 31), "greentech")
    assert "TRL" in created.abstract and Project.objects.get(pk=registered.pk).trl_start == 3
    # A report carries no TRL: the new project has none (not reported), never a made-up level.
    assert (created.trl_start, created.trl_target, created.trl_reached) == (None, None, None)
    with translation.override("en"):
        assert created.trl_start_display == "not reported"
    # A later report naming a project for a registered agreement without one links it.
    later = [spending_row(world, **{"Номер договора": "Д-3", "Код проекта": "ПР-7", "Номер платёжного документа": "ПП-9", "Дата платежа": "20.06.2025", "Номер контракта/лицензии": world["right"].number})]
    again = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(later), filename="p2.csv", period_year=2025)  # a correction of the year
    commit_submission(submission=again.submission, validated=again.result)
    assert Agreement.objects.get(payer=world["company"], number="Д-3").project == registered
    assert Decimal(Agreement.objects.get(number="Д-2").amount) == Decimal("5000000.00")


def test_a_project_of_another_performer_is_refused(world, build):
    from datetime import date

    from niokr.projects.models import Project

    stranger = build.org(kind="research_institute", name="Другой институт")
    Project.objects.create(code="ЧУЖ-1", title_kk="Ж", title_ru="П", title_en="P", performer=stranger, priority_direction="other",
                           trl_start=2, trl_target=4, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31), status="in_progress")
    rows = rows_of(world, 1, **{"Код проекта": "ЧУЖ-1"})
    result = validate_file(csv_bytes(rows), kind="spending", organisation=world["company"], period_year=2025)
    assert [(p.code, p.column, p.value) for p in result.problems] == [("project_other_performer", "I", "ЧУЖ-1")]


# --- §1: an aggregator reports its onward agreements ------------------------------------------------


def agreement_only(world, number, performer_bin, amount="3 000 000,00"):
    row = spending_row(world, **{"Номер договора": number, "БИН исполнителя": performer_bin, "Сумма договора": amount})
    for header in ("Дата платежа", "Сумма платежа", "Валюта", "Назначение платежа", "Номер платёжного документа", "Номер контракта/лицензии", "Год зачёта"):
        row[header] = ""
    return row


def test_an_aggregator_reports_its_onward_agreements_which_post_nothing(world, build):
    from django.contrib.auth import get_user_model

    from niokr.accounts.models import Membership
    from niokr.intake.commit import commit_for
    from niokr.intake.services import may_submit, submit_file, submittable_kinds, submitting_organisations
    from niokr.obligations.models import LedgerEntry
    from niokr.projects.models import Agreement, Payment

    aggregator = build.org(kind="aggregator", name="Кластерный фонд")
    lab = build.org(kind="research_institute", name="Лаборатория")
    staff = get_user_model().objects.create_user(username="fund", password="x-very-long-pass")
    Membership.objects.create(user=staff, organisation=aggregator, role="performer")
    assert may_submit(staff, aggregator, "spending") and not may_submit(staff, aggregator, "base_figures")
    # An aggregator is a performer too: it also reports its projects, stages and results (docs/formats/projects.md).
    assert submittable_kinds(staff) == ["spending", "rd_projects", "rd_stages", "rd_results"] and list(submitting_organisations(staff)) == [aggregator]
    assert not may_submit(staff, world["performer"], "spending")  # a performer that is no aggregator does not

    rows = [agreement_only({**world, "performer": lab}, "ОН-1", lab.bin), agreement_only({**world, "performer": lab}, "ОН-2", lab.bin, "1 000 000,00")]
    received = submit_file(actor=staff, organisation=aggregator, kind="spending", data=csv_bytes(rows), filename="onward.csv", period_year=2025)
    assert received.submission.status == "valid", received.submission.problems
    entries = LedgerEntry.objects.count()
    summary = commit_for(submission=received.submission, actor=staff)
    assert summary.lines == 2 and summary.entries_posted == 0
    onward = Agreement.objects.filter(payer=aggregator).order_by("number")
    assert [(a.number, a.performer, a.amount) for a in onward] == [("ОН-1", lab, 3_000_000), ("ОН-2", lab, 1_000_000)]
    assert not Payment.objects.filter(agreement__payer=aggregator).exists() and LedgerEntry.objects.count() == entries


def test_a_spending_report_may_register_an_agreement_not_paid_yet_beside_its_payments(world):
    from niokr.intake.commit import commit_submission
    from niokr.projects.models import Agreement, Payment

    rows = [*rows_of(world, 1), agreement_only(world, "Д-НОВ", world["performer"].bin)]
    received = receive_submission(organisation=world["company"], kind="spending", data=csv_bytes(rows), filename="mix.csv", period_year=2025)
    assert received.submission.status == "valid", received.submission.problems
    summary = commit_submission(submission=received.submission, validated=received.result)
    assert summary.lines == 2 and summary.entries_posted == 1
    assert Agreement.objects.filter(payer=world["company"], number="Д-НОВ").exists()
    assert Payment.objects.filter(source_submission=received.submission.pk).count() == 1


def test_a_row_with_part_of_its_payment_is_still_checked_whole(world):
    row = agreement_only(world, "Д-5", world["performer"].bin)
    row["Сумма платежа"] = "100,00"
    result = validate_file(csv_bytes([row]), kind="spending", organisation=world["company"], period_year=2025)
    assert {p.params.get("column") for p in result.problems if p.code == "required"} == {"payment_date", "currency", "purpose", "document_number", "right_number"}


def test_the_column_limit_is_configured(world, settings):
    settings.NIOKR_INTAKE_MAX_COLUMNS = 20
    values = [[r[h] for h in SPENDING_HEADER] for r in rows_of(world, 1)]
    data = workbook({"Data": {**table_cells([SPENDING_HEADER, *values]), "U2": "примечание"}})
    result = validate_file(data, kind="spending", organisation=world["company"], period_year=2025)
    assert [(p.code, p.params["cell"], p.params["limit"]) for p in result.problems] == [("xlsx_cell_out_of_bounds", "U2", 20)]
    settings.NIOKR_INTAKE_MAX_COLUMNS = 21
    assert validate_file(data, kind="spending", organisation=world["company"], period_year=2025).errors == 0
