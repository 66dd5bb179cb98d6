"""Files of the R&D projects report as people and programs send them: hostile ones (control
characters, stray far cells, totals rows, other sheets, huge and tiny files) and, as properties, any
valid rows read back as written (CSV and XLSX), with the cell reader of whole numbers."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.core.bin import check_digit
from niokr.intake.formats import FORMS, Kind
from niokr.intake.parsing import read_table
from niokr.intake.parsing.values import parse_integer
from niokr.intake.project_forms import INDEXING, PATENT_OFFICES, RESULT_FIELDS, RESULT_KINDS, TCC_SECTORS
from niokr.intake.tests.hostile import table_cells, workbook
from niokr.intake.validation import Context, validate_table


def _bin(first11: str) -> str:
    return first11 + str(check_digit(first11))


PAYER, PERFORMER = _bin("15034000001"), _bin("05061540180")
STAGES = FORMS[Kind.RD_STAGES]
HEADERS = [c.ru for c in STAGES.columns]


def stages_context() -> Context:
    context = Context(organisation_id=5, period_year=2025, orgs_by_bin={PAYER: 1, PERFORMER: 5})
    agreement = {"id": 7, "number": "Д-17", "signed_on": date(2025, 1, 10), "amount": Decimal("5000000.00"), "period_start": date(2025, 1, 10), "period_end": date(2026, 12, 31)}
    context.lifecycle = {"agreements": {(PAYER, "Д-17"): agreement}, "stages": {}, "today": date(2026, 1, 1)}
    return context


def stage_cells(number: int, title: str = "Этап") -> list:
    return ["Д-17", "10.01.2025", PAYER, number, f"{title} {number}", "10.01.2025", "30.06.2025", "1 000 000,00", "Отчёт"]


def check(data: bytes, kind: str = "rd_stages", context: Context | None = None, **limits):
    return validate_table(read_table(data, kind=kind, filename="f", **limits), kind=kind, context=context or stages_context())


# --- hostile files ---------------------------------------------------------------------------------


def test_a_nul_byte_in_a_cell_is_one_error_at_its_row_and_header_and_the_other_rows_stay():
    rows = [HEADERS, stage_cells(1), stage_cells(2, "Эт\x00ап"), stage_cells(3)]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    result = check(buffer.getvalue().encode("utf-8"))
    assert [(p.code, p.row, p.params.get("header")) for p in result.problems] == [("control_character", 3, "Наименование этапа")]
    assert result.errors == 1 and result.line_count == 2


def test_a_workbook_with_a_notes_sheet_a_title_and_a_totals_row_is_read_on_its_table():
    table = [["Этапы календарного плана, 2025"], [], HEADERS, stage_cells(1), stage_cells(2), ["Итого", None, None, None, None, None, None, "2 000 000,00"]]
    data = workbook({"Пояснения": {"A1": "Заполните лист «Этапы»"}, "Этапы": table_cells(table)})
    result = check(data)
    assert result.errors == 0 and result.line_count == 2
    assert {p.code for p in result.problems} == {"sheet_chosen", "totals_row_skipped"}


def test_a_stray_cell_far_below_the_table_refuses_the_file_without_reading_a_million_rows():
    cells = table_cells([HEADERS, stage_cells(1)])
    cells["A1000000"] = "x"
    result = check(workbook({"Data": cells}))
    assert [p.code for p in result.problems if p.is_error] == ["xlsx_sparse"] and result.line_count == 0


def test_a_cell_beyond_the_last_column_refuses_the_file():
    cells = table_cells([HEADERS, stage_cells(1)])
    cells["XFD2"] = 1
    result = check(workbook({"Data": cells}))
    assert [p.code for p in result.problems if p.is_error] == ["xlsx_cell_out_of_bounds"]


@pytest.mark.parametrize(("data", "code"), [(b"", "file_empty"), (b" \r\n", "file_empty"), (b"x", "header_not_found"), (b"\x00" * 10, "file_unreadable")])
def test_a_tiny_file_is_one_clear_error(data, code):
    result = check(data)
    errors = [p.code for p in result.problems if p.is_error]
    assert errors and (errors[0] == code or code == "file_unreadable"), errors
    assert result.line_count == 0


def test_a_file_with_only_its_header_has_no_rows():
    result = check(("\ufeff" + ";".join(HEADERS) + "\r\n").encode("utf-8"))
    assert [p.code for p in result.problems] == ["no_rows"]


def test_a_huge_file_is_refused_before_it_is_read():
    data = (";".join(HEADERS) + "\r\n" + "\r\n".join(";".join(map(str, stage_cells(n))) for n in range(1, 400))).encode("utf-8")
    result = check(data, max_bytes=10_000)
    assert [p.code for p in result.problems] == ["file_too_large"]
    result = check(data, max_rows=100)
    assert "too_many_rows" in [p.code for p in result.problems]


# --- properties ------------------------------------------------------------------------------------


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.booleans(), st.none(), st.dates()), st.integers(0, 50), st.integers(0, 50))
def test_reading_a_whole_number_never_raises_and_keeps_its_bounds(raw, low, span):
    value, problems = parse_integer(raw, (low, low + span))
    assert (value is None) or (isinstance(value, int) and low <= value <= low + span and not problems)
    assert all(p.code == "integer_invalid" and p.params["min"] == low for p in problems)


@given(st.integers(1, 9), st.sampled_from(["{}", "{}.0", " {} ", "{},0"]))
def test_a_trl_written_any_plain_way_reads_as_its_level(level, spelling):
    assert parse_integer(spelling.format(level), (1, 9)) == (level, [])
    assert parse_integer(float(level), (1, 9)) == (level, [])


_TEXT = st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіABCxyz0123456789 -.,№«»"), min_size=1, max_size=40).map(str.strip).filter(bool)
_MONEY = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), places=2)
_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def result_rows(draw):
    kind = draw(st.sampled_from(RESULT_KINDS))
    row = {"project_code": draw(st.sampled_from(["P-1", "P-2"])), "kind": kind, "title": draw(_TEXT), "year": draw(st.integers(2000, 2100))}
    values = {
        "achieved_on": draw(_DATES), "trl_level": draw(st.integers(1, 9)), "trl_methodology": draw(_TEXT), "patent_office": draw(st.sampled_from(PATENT_OFFICES)),
        "patent_number": draw(_TEXT), "doi": "10." + str(draw(st.integers(1000, 999999999))) + "/" + draw(st.from_regex(r"[a-z0-9.]{1,12}", fullmatch=True)),
        "indexing": draw(st.sampled_from(INDEXING)), "implemented_at": draw(_TEXT), "economic_effect": draw(_MONEY), "revenue": draw(_MONEY), "jobs": draw(st.integers(1, 100000)),
    }
    required, optional = RESULT_FIELDS[kind]
    for name in (*required, *optional):
        row[name] = values[name]
    return row


def _spell(value, fmt: str):
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if fmt == "csv" else datetime(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",") if fmt == "csv" else str(value)
    return value


def _results_file(rows: list[dict], fmt: str) -> bytes:
    columns = FORMS[Kind.RD_RESULTS].columns
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.kk for c in columns])
        for row in rows:
            writer.writerow(["" if row.get(c.code) is None else _spell(row[c.code], fmt) for c in columns])
        return buffer.getvalue().encode("utf-8")
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet, day = book.add_worksheet("Data"), book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, [c.en for c in columns])
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(columns):
            value = _spell(row.get(column.code), fmt)
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, day)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(result_rows(), min_size=1, max_size=8), st.sampled_from(["csv", "xlsx"]))
def test_any_valid_results_read_back_as_written(rows, fmt):
    from niokr.intake.project_rules import result_key

    keys = [result_key(r["project_code"], r) for r in rows]
    rows = [r for i, r in enumerate(rows) if keys[i] not in keys[:i]]  # one result once
    context = Context(organisation_id=5, period_year=2025, projects={"P-1": 5, "P-2": 5})
    result = validate_table(read_table(_results_file(rows, fmt), kind="rd_results"), kind="rd_results", context=context)
    assert result.errors == 0, [(p.code, p.row, p.params) for p in result.problems]
    got = result.frame.to_dicts()
    assert len(got) == len(rows)
    for written, read in zip(rows, got):
        for name, value in written.items():
            assert read[name] == value, (name, value, read[name])


def test_the_forms_choices_are_the_models():
    from niokr.core.choices import TCCSector
    from niokr.projects.choices import Indexing, PatentOffice, ResultKind
    from niokr.projects.models.results import Result

    assert (set(TCC_SECTORS), set(RESULT_KINDS), set(PATENT_OFFICES), set(INDEXING)) == (set(TCCSector.values), set(ResultKind.values), set(PatentOffice.values), set(Indexing.values))
    for column in FORMS[Kind.RD_RESULTS].columns:
        field = {f.name: f for f in Result._meta.get_fields()}.get(column.code)
        if column.max_length and field is not None and getattr(field, "max_length", None):
            assert column.max_length <= field.max_length, column.code
