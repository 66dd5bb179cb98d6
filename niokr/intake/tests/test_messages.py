"""How intake messages read: wholly in the user's language, the value as typed, the column by the
header the file writes, plural forms, and one error per real problem (docs/formats/intake.md,
"Problem codes")."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from niokr.core.bin import check_digit
from niokr.intake.formats import CURRENCIES, FORMS, Kind
from niokr.intake.messages import MESSAGES, english, render, texts, typed_value
from niokr.intake.parsing import read_table
from niokr.intake.parsing.model import Problem, as_typed, show, typed_params
from niokr.intake.parsing.values import parse_bin
from niokr.intake.services import describe_problems, problem_dict
from niokr.intake.validation import Context, validate_table

LANGUAGES = ("kk", "ru", "en")


def _bin(first11: str) -> str:
    return first11 + str(check_digit(first11))


#: What the user wrote, as the tests quote it: a header of their own and a value as typed.
HEADER = "Бин Исполнителя:"  # a spelling of the form's header the reader recognises
VALUE = "97084000228"
#: Latin words a Kazakh or Russian message may hold: names of file formats and programs, currency
#: and choice codes a person types from the template's drop-downs.
ALLOWED_LATIN = {"XLSX", "CSV", "JSON", "UTF", "XML", "Windows", "Excel", "DOI", "TRL", *CURRENCIES,
                 *(choice for form in FORMS.values() for column in form.columns for choice in column.choices)}

#: Parameters of each code as the parser and the validator give them (a stored problem's params).
PARAMS: dict[str, dict] = {
    "file_too_large": {"size": 61_000_000, "limit": 60_000_000, "filename": "отчёт.xlsx"},
    "too_many_rows": {"limit": 2_000_000},
    "file_unreadable": {"reason": "ValueError: bad"},
    "encoding_unreadable": {"tried": "utf-8, cp1251"},
    "xlsx_unreadable": {"reason": "a legacy .xls or an encrypted workbook"},
    "xlsx_zip_bomb": {},
    "xlsx_forbidden_xml": {},
    "formula_not_evaluated": {"cell": "D7"},
    "formula_warnings_truncated": {},
    "header_not_found": {"kind": "spending", "rows_scanned": 30},
    "missing_column": {"code": "performer_bin", "kk": "Орындаушының БСН", "ru": "БИН исполнителя", "en": "Performer BIN"},
    "duplicate_column": {"code": "performer_bin", "header": HEADER, "first_column": "C", "column": "H"},
    "unknown_column": {"header": HEADER},
    "required": {"column": "performer_bin"},
    "amount_not_a_number": {"column": "amount"},
    "amount_too_many_decimals": {"column": "amount", "places": 2},
    "amount_not_positive": {"column": "amount"},
    "amount_ambiguous_separator": {"column": "amount", "read_as": "1234", "separator": ","},
    "date_unreadable": {"column": "payment_date", "reason": "month_first"},
    "year_invalid": {"column": "for_year", "min": 2000, "max": 2100},
    "bin_invalid": {"column": "performer_bin", "reason": "check_digit", "got": 4, "expected": 3, "value": "970840002284"},
    "bin_leading_zeros_restored": {"column": "performer_bin", "original": "50615401804", "restored": "050615401804"},
    "choice_invalid": {"column": "currency", "allowed": "KZT, USD, EUR, RUB, CNY, GBP"},
    "right_not_yours": {"value": "КТ-2020-01"},
    "right_not_payers": {"value": "КТ-2020-01"},
    "performer_unknown": {"value": "970840002283"},
    "payer_unknown": {"value": "970840002283"},
    "agreement_inconsistent": {"value": "Д-17", "field": "performer_bin", "field_header": HEADER, "first_row": 3},
    "agreement_conflicts_with_registry": {"value": "Д-17", "field": "performer_bin", "field_header": HEADER},
    "period_reversed": {},
    "date_outside_period": {"value": "01.05.2024", "period": "01.01.2025–31.12.2025"},
    "year_outside_period": {"value": 2024, "period": 2025},
    "rate_missing": {"currency": "USD", "date": "15.03.2025"},
    "duplicate_document_number": {"value": "ПП-001", "first_row": 3},
    "duplicate_row": {"first_row": 3},
    "base_negative": {"column": "amount"},
    "json_unreadable": {"line": 3, "column": 7, "reason": "Expecting value"},
    "kind_mismatch": {"kind": "treasury", "expected": "spending"},
    "money_not_a_string": {"column": "amount"},
    "value_unreadable": {"column": "amount", "reason": "TypeError: x"},
    "file_empty": {},
    "amount_too_large": {"column": "amount", "max_digits": 17},
    "date_from_serial_text": {"column": "payment_date", "serial": "45731", "read_as": "15.03.2025"},
    "xlsx_cell_out_of_bounds": {"cell": "IW5", "last_column": "IV", "limit": 256},
    "xlsx_sparse": {"cell": "A900000", "rows": 900_000, "columns": 12},
    "control_character": {"column": "purpose", "character": "\\x00"},
    "unknown_columns_truncated": {"listed": 100, "more": 21},
    "totals_row_skipped": {"label": "Итого", "row": 14},
    "sheet_chosen": {"sheet": "Лист2", "sheets": 3},
    "commit_failed": {"reason": "CHECK constraint failed: agreement_parties_differ"},
    "performer_is_payer": {"value": "970840002283"},
    "text_too_long": {"column": "purpose", "limit": 500, "length": 501},
    "project_other_performer": {"value": "P-1"},
    "annual_report_committed": {"year": 2025, "quarter": 2},
    "duplicate_document_number_variant": {"value": "ПП 2745", "first": "ПП-2745", "first_row": 3},
    "for_year_differs": {"value": 2024, "year": 2025},
    "agreement_number_variant": {"value": "НИОКР 17", "registered": "НИОКР-17"},
    "no_rows": {},
    # R&D projects, stages, acts and results (test_project_sections.py reads them in their forms)
    "integer_invalid": {"column": "trl_target", "min": 1, "max": 9},
    "amount_negative": {"column": "economic_effect"},
    "dates_reversed": {"value": "31.12.2025", "start": "01.01.2026"},
    "performer_not_submitter": {"value": "970840002283"},
    "project_not_yours": {"value": "P-1"},
    "duplicate_project": {"value": "P-1", "first_row": 3},
    "trl_target_below_start": {"value": 4, "start": 5},
    "agreement_unknown": {"value": "Д-17", "party_bin": "970840002283"},
    "agreement_date_differs": {"value": "02.03.2024", "agreement": "Д-17", "registered": "01.03.2024"},
    "stage_outside_agreement": {"value": "01.01.2024", "period": "01.03.2024–31.12.2026"},
    "duplicate_stage": {"value": "Д-17", "stage": 2, "first_row": 3},
    "stage_locked": {"value": "Д-17", "stage": 1},
    "stages_exceed_agreement": {"value": "Д-17", "total": "5000001.00", "ceiling": "5000000.00"},
    "stage_unknown": {"value": "Д-17", "stage": 5},
    "date_in_future": {"value": "01.01.2099"},
    "act_before_agreement": {"value": "01.01.2023", "signed": "01.02.2023"},
    "act_exceeds_stage": {"value": "Д-17", "stage": 1, "accepted": "2000000.01", "ceiling": "2000000.00"},
    "act_already_signed": {"value": "Д-17", "stage": 1, "act": "АКТ-7"},
    "stage_report_awaited": {"value": "Д-17", "stage": 2},
    "acts_exceed_agreement": {"value": "Д-17", "total": "4500000.00", "ceiling": "4000000.00"},
    "project_unknown": {"value": "P-1"},
    "programme_unknown": {"value": "PRG-2026-000042"},
    "programme_not_eligible": {"value": "PRG-2026-000042", "reason": "programme_linked", "other": "P-2"},
    "result_field_required": {"field": "patent_number", "field_header": HEADER},
    "result_field_ignored": {"field": "revenue", "field_header": HEADER},
    "doi_invalid": {"value": "10.10/x"},
    "duplicate_result": {"first_row": 3},
    "result_decided": {"value": "PRJ-2023-001-R01"},
}


def test_every_code_has_sample_parameters():
    assert set(PARAMS) == set(MESSAGES)


def _latin_words(text: str, params: dict) -> set[str]:
    """Runs of three or more Latin letters in ``text``, less what the user wrote (values, headers)."""
    for value in params.values():
        text = text.replace(str(value), " ")
    return set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED_LATIN


@pytest.mark.parametrize("code", sorted(PARAMS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_message_reads_wholly_in_the_users_language(code, language):
    params = {k: str(v) for k, v in PARAMS[code].items()}  # as stored
    stored = {"severity": "error", "code": code, "sheet": "", "row": 5, "column": "C", "value": VALUE, "params": {**params, "header": params.get("header", HEADER)}}
    [row] = describe_problems([stored], kind="spending", language=language)
    message = row["message"]
    assert message and message != code and "{" not in message and "}" not in message, message
    assert "_" not in re.sub(r"\\x[0-9a-f]{2}", "", message), message  # no code such as performer_bin
    assert "[" not in message and not re.search(r"'[0-9A-Za-z_.-]+'", message), message  # no Python list, no quoted repr
    assert row["header"] == HEADER  # the column as the file names it
    assert row["value"] == VALUE  # the value as typed
    if language in ("kk", "ru"):
        assert _latin_words(message, params) == set(), message
        assert re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", message), message
    for name in ("value", "header", "field_header", "first_row", "cell", "sheet", "label", "currency", "registered"):
        if "{" + name + "}" in str(english(code)[0]) and name in params:
            assert params[name] in message, (name, message)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_variant_of_every_code_is_translated(language):
    from django.utils import translation

    from niokr.intake.messages import _plural_param

    for code in MESSAGES:
        for text in texts(code):
            param = _plural_param(text)
            for count in (1, 2, 5):
                with translation.override(language):
                    written = str(text % {param: count}) if param else str(text)
                assert _latin_words(re.sub(r"\{[a-z_]+\}", " ", written), {}) == set(), (code, written)


def test_the_bin_message_says_what_is_wrong_in_each_language_without_an_english_tail():
    [problem] = parse_bin("970840002284")[1]
    expected = check_digit("97084000228")
    assert problem.params == {"reason": "check_digit", "got": 4, "expected": expected, "value": "970840002284"}
    ru = render("bin_invalid", problem.params, "ru")
    assert ru == f"БИН 970840002284: последняя (контрольная) цифра — 4, а по первым 11 цифрам должна быть {expected}; проверьте номер."
    assert "check digit" not in render("bin_invalid", problem.params, "kk") and "БСН" in render("bin_invalid", problem.params, "kk")
    # A problem stored with the old English detail reads without it.
    assert render("bin_invalid", {"message": "BIN '970840002284': check digit is 4, expected 3"}, "ru") == "Неверный БИН."


def test_a_bin_read_from_a_number_cell_is_quoted_without_point_zero():
    [problem] = parse_bin(123456789012.0)[1]
    assert problem.value == "123456789012" and problem.params["value"] == "123456789012"
    assert "123456789012.0" not in render("bin_invalid", problem.params, "ru")


def test_allowed_values_are_a_plain_list_also_for_a_problem_stored_as_a_python_list():
    for allowed in ("KZT, USD, EUR", "['KZT', 'USD', 'EUR']"):
        assert render("choice_invalid", {"allowed": allowed}, "ru") == "Допустимые значения: KZT, USD, EUR."


@pytest.mark.parametrize(("count", "ru", "kk", "en"), [
    (1, "В тексте 1 символ,", "Мәтінде 1 таңба", "has 1 character;"),
    (2, "В тексте 2 символа,", "Мәтінде 2 таңба", "has 2 characters;"),
    (5, "В тексте 5 символов,", "Мәтінде 5 таңба", "has 5 characters;"),
    (11, "В тексте 11 символов,", "Мәтінде 11 таңба", "has 11 characters;"),
    (21, "В тексте 21 символ,", "Мәтінде 21 таңба", "has 21 characters;"),
    (1501, "В тексте 1 501 символ,", "Мәтінде 1 501 таңба", "has 1,501 characters;"),
])
def test_counts_in_messages_take_the_plural_form_of_the_language(count, ru, kk, en):
    params = {"length": str(count), "limit": "500"}
    assert render("text_too_long", params, "ru").replace("\u202f", " ").startswith(ru)
    assert render("text_too_long", params, "kk").replace("\u202f", " ").startswith(kk)
    assert en in render("text_too_long", params, "en")


@pytest.mark.parametrize(("count", "expected"), [(1, "цифра"), (2, "цифры"), (4, "цифры"), (5, "цифр"), (11, "цифр"), (21, "цифра"), (22, "цифры")])
def test_the_digits_of_a_short_bin_take_the_russian_plural(count, expected):
    assert render("bin_invalid", {"reason": "length", "digits": count, "value": "1" * count}, "ru").endswith(f"— {count} {expected}.")


# --- values as typed ----------------------------------------------------------------------------


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_a_whole_number_from_a_number_cell_is_quoted_without_point_zero(n):
    assert show(float(n)) == str(n) and typed_params(float(n)) == {}


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12).filter(lambda x: x != int(x)))
def test_a_number_with_decimals_is_quoted_with_the_decimal_mark_of_the_language(x):
    stored = show(x)
    params = typed_params(x)
    assert float(stored) == x  # the shortest spelling that is the same number
    assert typed_value(stored, params, "en") == stored
    assert float(typed_value(stored, params, "ru").replace(",", ".")) == x and "." not in typed_value(stored, params, "ru")


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)))
def test_a_date_cell_is_quoted_as_dd_mm_yyyy(day):
    assert as_typed(day) == as_typed(datetime(day.year, day.month, day.day)) == f"{day:%d.%m.%Y}"


def test_values_read_from_a_workbook_are_quoted_as_typed():
    data = _xlsx([["Д-1", datetime(2025, 5, 1), 123456789012.0, "НИР", -100.0, datetime(2025, 1, 1), datetime(2025, 12, 31), "medtech", "",
                   datetime(2025, 3, 15), -100.5, "KZT", "Оплата", "ПП-1", "R-1", 2024.0]])
    result = validate_table(read_table(data, kind="spending"), kind="spending", context=_context())
    values = {(p.code, p.params.get("column")): p.value for p in result.problems}
    assert values[("bin_invalid", "performer_bin")] == "123456789012"  # not '123456789012.0'
    assert values[("amount_not_positive", "agreement_amount")] == "-100"  # not -100.0
    assert values[("amount_not_positive", "amount")] == "-100.5"
    rows = {(r["code"], r["field"]): r for r in describe_problems([problem_dict(p) for p in result.problems], kind="spending", language="ru")}
    assert rows[("amount_not_positive", "amount")]["value"] == "-100,5" and rows[("amount_not_positive", "amount")]["header"] == "Сумма платежа"
    assert rows[("for_year_differs", "for_year")]["value"] == "2024"  # not 2024.0
    assert rows[("bin_invalid", "performer_bin")]["header"] == HEADER
    assert rows[("bin_invalid", "performer_bin")]["message"].startswith("БИН 123456789012: последняя (контрольная) цифра — 2")


# --- one error per real problem ----------------------------------------------------------------

PERFORMER = _bin("05061540180")
COMPANY = _bin("15034000001")
BAD = "970840002284" if check_digit("97084000228") != 4 else "970840002285"
SPENDING = FORMS[Kind.SPENDING]
HEADERS = [HEADER if c.code == "performer_bin" else c.ru for c in SPENDING.columns]


def _context() -> Context:
    return Context(organisation_id=1, period_year=2025, rights={"R-1": (10, 1)}, orgs_by_bin={COMPANY: 1, PERFORMER: 5, _bin("98765000003"): 2})


def _row(document: str, bin_: object, agreement: str = "Д-1", amount: object = "100,00") -> list:
    return [agreement, "10.01.2025", bin_, "НИР", "5 000 000,00", "10.01.2025", "31.12.2025", "medtech", "", "15.03.2025", amount, "KZT", "Оплата этапа",
            document, "R-1", ""]


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows: list[list]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            elif value != "":
                sheet.write_string(r, c, value)
    book.close()
    return out.getvalue()


def _errors(data: bytes) -> tuple[int, list[Problem]]:
    result = validate_table(read_table(data, kind="spending"), kind="spending", context=_context())
    return result.errors, [p for p in result.problems if p.is_error]


@pytest.mark.parametrize("make", [_csv, _xlsx], ids=["csv", "xlsx"])
@pytest.mark.parametrize("bad_rows", [(0,), (0, 1, 2, 3, 4, 5), (2,)], ids=["first-row", "every-row", "middle-row"])
def test_one_bad_bin_of_an_agreement_on_several_rows_is_one_error(make, bad_rows):
    rows = [_row(f"ПП-{i}", BAD if i in bad_rows else PERFORMER) for i in range(6)]
    count, errors = _errors(make(rows))
    assert count == 1 and [(p.code, p.row, p.params.get("header")) for p in errors] == [("bin_invalid", 2 + bad_rows[0], HEADER)]


@pytest.mark.parametrize("make", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_an_unregistered_performer_of_an_agreement_on_several_rows_is_one_error_and_refuses_every_row(make):
    other = _bin("99123000004")
    rows = [_row(f"ПП-{i}", other) for i in range(5)]
    result = validate_table(read_table(make(rows), kind="spending"), kind="spending", context=_context())
    assert result.errors == 1 and [p.code for p in result.problems] == ["performer_unknown"]
    assert result.line_count == 0  # the rows repeating it are refused with it


def test_the_same_bad_bin_in_two_agreements_is_two_errors_and_a_real_difference_is_still_found():
    rows = [_row("ПП-1", BAD, "Д-1"), _row("ПП-2", BAD, "Д-2"), _row("ПП-3", PERFORMER, "Д-3"), _row("ПП-4", _bin("98765000003"), "Д-3")]
    count, errors = _errors(_csv(rows))
    assert count == 3 and [(p.code, p.row) for p in errors] == [("bin_invalid", 2), ("bin_invalid", 3), ("agreement_inconsistent", 5)]
    [inconsistent] = [p for p in errors if p.code == "agreement_inconsistent"]
    assert render("agreement_inconsistent", inconsistent.params, "ru") == f"Договор Д-3 в строке 4 описан иначе: отличается «{HEADER}»."


def test_rows_describing_an_agreement_the_same_other_way_are_one_difference():
    rows = [_row("ПП-1", PERFORMER), *[_row(f"ПП-{i}", PERFORMER) for i in range(2, 6)]]
    for row in rows[1:]:
        row[4] = "6 000 000,00"
    count, errors = _errors(_csv(rows))
    assert count == 1 and [(p.code, p.row, p.params["field"]) for p in errors] == [("agreement_inconsistent", 3, "agreement_amount")]


# --- the pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("errors", "warnings", "language", "expected"), [
    (1, 0, "ru", ["ошибка", "предупреждений"]),
    (2, 1, "ru", ["ошибки", "предупреждение"]),
    (5, 2, "ru", ["ошибок", "предупреждения"]),
    (11, 11, "ru", ["ошибок", "предупреждений"]),
    (21, 22, "ru", ["ошибка", "предупреждения"]),
    (1, 2, "kk", ["қате", "ескерту"]),
    (1, 2, "en", ["error", "warnings"]),
    (2, 1, "en", ["errors", "warning"]),
])
def test_the_submission_page_counts_in_the_plural_form_of_the_language(errors, warnings, language, expected):
    from pathlib import Path

    from django.template import engines
    from django.utils import translation

    template = (
        "{% load i18n %}"
        "{% blocktranslate context 'a count of' count counter=errors %}error{% plural %}errors{% endblocktranslate %}|"
        "{% blocktranslate context 'a count of' count counter=warnings %}warning{% plural %}warnings{% endblocktranslate %}"
    )
    with translation.override(language):
        text = engines["django"].from_string(template).render({"errors": errors, "warnings": warnings})
    assert text.split("|") == expected
    # The submission page counts with these very texts.
    source = (Path(__file__).resolve().parents[1] / "templates/intake/submission_detail.html").read_text(encoding="utf-8")
    assert '{% blocktranslate context "a count of" count counter=submission.errors %}error{% plural %}errors{% endblocktranslate %}' in source


@pytest.mark.parametrize(("count", "expected"), [(1, "В файле 1 ошибка;"), (3, "В файле 3 ошибки;"), (11, "В файле 11 ошибок;"), (21, "В файле 21 ошибка;")])
def test_the_message_after_sending_an_invalid_file_counts_its_errors_in_russian(count, expected):
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("ru"):
        text = ngettext(
            "The file has %(errors)s error; nothing can be committed. Correct the cells listed below and send it again.",
            "The file has %(errors)s errors; nothing can be committed. Correct the cells listed below and send it again.",
            count,
        ) % {"errors": count}
    assert text.startswith(expected)


def test_the_error_workbook_names_the_column_by_its_header_and_quotes_the_value_as_typed():
    from python_calamine import CalamineWorkbook

    from niokr.intake.reports import error_report_xlsx

    data = _xlsx([["Д-1", datetime(2025, 1, 10), 123456789012.0, "НИР", 5000000, datetime(2025, 1, 10), datetime(2025, 12, 31), "medtech", "",
                   datetime(2025, 3, 15), -100.5, "KZT", "Оплата", "ПП-1", "R-1", 2024.0]])
    result = validate_table(read_table(data, kind="spending"), kind="spending", context=_context())
    report = error_report_xlsx(data=data, kind="spending", problems=[problem_dict(p) for p in result.problems], language="ru")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_name("Problems").to_python()
    by_code = {row[6]: row for row in rows[1:]}
    assert by_code["bin_invalid"][3:5] == [HEADER, "123456789012"]
    assert by_code["amount_not_positive"][3:5] == ["Сумма платежа", "-100,5"]  # as typed, no guard apostrophe on a number
    assert by_code["for_year_differs"][3:5] == ["Год зачёта", "2024"]
    assert all("_" not in row[3] for row in rows[1:])  # no column code
