"""read_table: format detection, encodings, delimiters, header finding, XLSX safety, limits, fuzzing.

Every input is built in code. Pure tests: no database.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.intake.formats import FORMS, Kind
from niokr.intake.parsing import Cell, ParsedTable, Problem, read_table
from niokr.intake.parsing import xlsx as xlsx_module
from niokr.intake.parsing.csvtext import choose_delimiter
from niokr.intake.parsing.headers import HeaderMatcher, normalise_header
from niokr.intake.parsing.model import column_index, column_letter
from niokr.intake.parsing.values import parse_bin, parse_date, parse_money

BIN = "050615401804"  # valid; as a number it loses its leading zero
BIN_2 = "150340000109"

RU = ["Номер платёжного поручения", "Дата платежа", "БИН плательщика", "Сумма, тенге", "КБК", "Номер контракта/лицензии", "Год зачёта"]
KK = ["Төлем тапсырмасының нөмірі", "Төлем күні", "Төлеушінің БСН", "Сома, теңге", "БСК", "Келісімшарт/лицензия нөмірі", "Есепке алынатын жыл"]
EN = ["Payment order number", "Payment date", "Payer BIN", "Amount, KZT", "KBK", "Contract/licence number", "Year credited"]
CODES = ["order_number", "paid_on", "payer_bin", "amount", "kbk", "right_number", "for_year"]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    def field(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return newline.join(delimiter.join(field(v) for v in row) for row in rows).encode(encoding) + newline.encode()


def codes(problems: list[Problem], severity: str | None = None) -> list[str]:
    return [p.code for p in problems if severity is None or p.severity == severity]


def consume(table: ParsedTable) -> list[dict[str, Cell]]:
    return list(table.rows)


def raw(row: dict[str, Cell]) -> dict[str, object]:
    return {code: cell.raw for code, cell in row.items()}


# --- helpers of the module ---------------------------------------------------------------------------


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
def test_column_letters_follow_excel(index, letters):
    assert column_letter(index) == letters
    assert column_index(letters) == index


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Сумма,\u00a0тенге * ", "сумма, тенге"),
        ('"Год зачёта:"', "год зачета"),
        ("«БИН плательщика»*", "бин плательщика"),
        ("Payer\nBIN", "payer bin"),
        (None, ""),
    ],
)
def test_header_text_is_normalised_before_matching(text, expected):
    assert normalise_header(text) == expected


def test_no_header_text_of_a_form_points_to_two_columns():
    for form in FORMS.values():
        matcher = HeaderMatcher(form)
        for column in form.columns:
            for header in column.headers():
                assert matcher.codes_for(header)[0] == column.code, (form.kind, header)


def test_header_matching_tolerates_other_punctuation():
    matcher = HeaderMatcher(FORMS[Kind.TREASURY])
    assert matcher.codes_for("Сумма (тенге)") == ["amount"]


# --- CSV ---------------------------------------------------------------------------------------------


def test_cp1251_csv_with_semicolons_and_a_merged_title_row_above_the_header():
    data = csv_bytes(
        [
            ["Перечисления в бюджет по КБК 401103", "", "", "", "", "", ""],
            ["", "", "", "", "", "", ""],
            RU,
            ["15", "01.03.2025", BIN, "1 234 567,89", "401103", "№ 123-Н", "2024"],
        ],
        encoding="cp1251",
    )
    table = read_table(data, kind="treasury", filename="x.csv")
    assert table.header_row == 3
    assert table.sheet == ""
    assert table.columns == dict(zip(CODES, "ABCDEFG", strict=True))
    rows = consume(table)
    assert [raw(r) for r in rows] == [dict(zip(CODES, ["15", "01.03.2025", BIN, "1 234 567,89", "401103", "№ 123-Н", "2024"], strict=True))]
    cell = rows[0]["amount"]
    assert (cell.sheet, cell.row, cell.column) == ("", 4, "D")
    assert table.problems == []


def test_utf8_bom_csv_with_tabs_and_kazakh_headers():
    data = b"\xef\xbb\xbf" + csv_bytes([KK, ["7", "2025-02-03", BIN, "500", "401103", "K-1", "2025"]], delimiter="\t")
    table = read_table(data, kind="treasury")
    assert table.header_row == 1
    rows = consume(table)
    assert rows[0]["order_number"].raw == "7"  # no BOM glued to the first header or value
    assert rows[0]["paid_on"].raw == "2025-02-03"
    assert table.problems == []


def test_english_headers_in_shuffled_order_map_to_their_columns():
    order = [6, 2, 0, 5, 1, 4, 3]
    header = [EN[i] for i in order]
    values = ["2025", BIN, "9", "R-9", "03.02.2025", "401103", "1,234,567.89"]
    table = read_table(csv_bytes([header, values], delimiter=","), kind="treasury")
    assert table.columns["for_year"] == "A" and table.columns["amount"] == "G"
    row = consume(table)[0]
    assert row["amount"].raw == "1,234,567.89"
    assert row["amount"].column == "G"
    assert parse_money(row["amount"]) == (Decimal("1234567.89"), [])


def test_comma_delimiter_is_chosen_even_though_headers_contain_semicolons_nowhere():
    data = csv_bytes([EN, ["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]], delimiter=",")
    assert read_table(data, kind="treasury").columns["amount"] == "D"


def test_semicolon_csv_whose_header_text_contains_commas_is_still_split_on_semicolons():
    # "Сумма, тенге" has a comma: counting commas alone would pick the wrong delimiter.
    head = csv_bytes([RU, ["1", "01.01.2025", BIN, "1,5", "401103", "R", "2025"]]).decode()
    matcher = HeaderMatcher(FORMS[Kind.TREASURY])
    assert choose_delimiter(head, lambda records: max((len(matcher.match(r).columns) for r in records), default=0)) == ";"


def test_delimiter_falls_back_to_the_most_consistent_count_when_no_header_is_known():
    head = "a\tb\tc\n1\t2,5\t3\n4\t5\t6\n"
    assert choose_delimiter(head, lambda records: 0) == "\t"


def test_blank_rows_and_blank_leading_columns_are_skipped():
    data = csv_bytes(
        [
            ["", "", "", "", "", "", "", "", ""],
            ["", "", *RU],
            ["", "", "1", "01.01.2025", BIN, "10", "401103", "R", "2025"],
            ["", "", "", "", "", "", "", "", ""],
            ["", ";", ""],
            ["", "", "2", "02.01.2025", BIN_2, "20", "401103", "R", "2025"],
        ]
    )
    table = read_table(data, kind="treasury")
    assert table.header_row == 2
    assert table.columns["order_number"] == "C"
    rows = consume(table)
    assert [r["order_number"].raw for r in rows] == ["1", "2"]
    assert [r["order_number"].row for r in rows] == [3, 6]
    assert codes(table.problems) == []


def test_quoted_fields_with_delimiters_and_line_breaks_are_one_cell():
    data = csv_bytes([RU, ["1", "01.01.2025", BIN, "1 000,00", "401103", 'Контракт; "А"\nстрока 2', "2025"]])
    row = consume(read_table(data, kind="treasury"))[0]
    assert row["right_number"].raw == 'Контракт; "А"\nстрока 2'


def test_header_with_an_unknown_column_gives_a_warning_and_keeps_reading():
    data = csv_bytes([[*RU, "Примечание"], ["1", "01.01.2025", BIN, "10", "401103", "R", "2025", "x"]])
    table = read_table(data, kind="treasury")
    [problem] = table.problems
    assert (problem.severity, problem.code, problem.column, problem.row) == ("warning", "unknown_column", "H", 1)
    assert len(consume(table)) == 1


def test_missing_required_column_is_an_error_naming_the_column_in_three_languages():
    data = csv_bytes([RU[:-1], ["1", "01.01.2025", BIN, "10", "401103", "R"]])
    table = read_table(data, kind="treasury")
    [problem] = [p for p in table.problems if p.code == "missing_column"]
    assert problem.severity == "error"
    assert problem.params == {"code": "for_year", "kk": "Есепке алынатын жыл", "ru": "Год зачёта", "en": "Year credited"}


def test_a_column_given_twice_is_a_duplicate_column_error():
    data = csv_bytes([[*RU, "Amount, KZT"], ["1", "01.01.2025", BIN, "10", "401103", "R", "2025", "10"]])
    table = read_table(data, kind="treasury")
    [problem] = [p for p in table.problems if p.code == "duplicate_column"]
    assert problem.params == {"code": "amount", "header": "Amount, KZT", "first_column": "D", "column": "H"}


def test_a_file_without_a_recognisable_header_says_so():
    table = read_table(csv_bytes([["a", "b"], ["1", "2"]]), kind="treasury")
    assert codes(table.problems) == ["header_not_found"]
    assert consume(table) == []


def test_the_header_must_lie_within_the_first_thirty_rows():
    data = csv_bytes([["заголовок"]] * 30 + [RU, ["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]])
    assert codes(read_table(data, kind="treasury").problems) == ["header_not_found"]


def test_a_header_matching_half_the_required_columns_is_accepted_with_the_rest_missing():
    data = csv_bytes([RU[:4], ["1", "01.01.2025", BIN, "10"]])
    table = read_table(data, kind="treasury")
    assert table.header_row == 1
    assert sorted(p.params["code"] for p in table.problems if p.code == "missing_column") == ["for_year", "kbk", "right_number"]


def test_spending_form_headers_in_russian_are_recognised():
    form = FORMS[Kind.SPENDING]
    table = read_table(csv_bytes([[c.ru for c in form.columns]]), kind="spending")
    assert set(table.columns) == {c.code for c in form.columns}
    assert table.problems == []


def test_undecodable_bytes_are_encoding_unreadable():
    assert codes(read_table(b"\x00\x01\x02abc\x00", kind="treasury").problems) == ["encoding_unreadable"]


def test_an_empty_file_is_reported():
    assert codes(read_table(b"  \r\n", kind="treasury").problems) == ["file_empty"]


def test_a_path_is_read_like_bytes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes([RU, ["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]]))
    assert len(consume(read_table(path, kind="treasury"))) == 1
    assert len(consume(read_table(str(path), kind="treasury"))) == 1


def test_a_missing_path_is_file_unreadable(tmp_path):
    assert codes(read_table(tmp_path / "nope.csv", kind="treasury").problems) == ["file_unreadable"]


# --- limits ------------------------------------------------------------------------------------------


def test_file_over_the_byte_limit_is_refused_before_parsing():
    data = csv_bytes([RU, ["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]])
    table = read_table(data, kind="treasury", max_bytes=len(data) - 1)
    [problem] = table.problems
    assert problem.code == "file_too_large"
    assert problem.params["size"] == len(data) and problem.params["limit"] == len(data) - 1
    assert consume(table) == []


def test_file_over_the_byte_limit_on_disk_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 1000)
    assert codes(read_table(path, kind="treasury", max_bytes=999).problems) == ["file_too_large"]


def test_more_data_rows_than_the_limit_stops_reading_with_an_error():
    data = csv_bytes([RU] + [[str(i), "01.01.2025", BIN, "10", "401103", "R", "2025"] for i in range(10)])
    table = read_table(data, kind="treasury", max_rows=3)
    rows = consume(table)
    assert len(rows) == 3
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.params, problem.row) == ("too_many_rows", "error", {"limit": 3}, 5)


def test_rows_are_produced_lazily():
    data = csv_bytes([RU] + [[str(i), "01.01.2025", BIN, "10", "401103", "R", "2025"] for i in range(100_000)])
    table = read_table(data, kind="treasury")
    assert not isinstance(table.rows, (list, tuple))
    first = next(table.rows)
    assert first["order_number"].raw == "0"


# --- values through the reader -----------------------------------------------------------------------


def test_values_from_a_csv_normalise_with_their_cell_location():
    data = csv_bytes(
        [
            RU,
            ["1", "01.03.2025", BIN[1:], "1\u00a0234\u00a0567,89", "401103", "R", "2025"],
            ["2", "2025-03-02", BIN, "1.234.567,89 ₸", "401103", "R", "2025"],
            ["3", "45719", BIN, "1\u202f000", "401103", "R", "2025"],
        ]
    )
    rows = consume(read_table(data, kind="treasury"))
    assert [parse_money(r["amount"])[0] for r in rows] == [Decimal("1234567.89"), Decimal("1234567.89"), Decimal("1000.00")]
    assert [parse_date(r["paid_on"])[0] for r in rows] == [date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)]
    value, problems = parse_bin(rows[0]["payer_bin"])
    assert value == BIN
    [warning] = problems
    assert (warning.code, warning.severity, warning.row, warning.column) == ("bin_leading_zeros_restored", "warning", 2, "C")
    assert warning.params == {"original": BIN[1:], "restored": BIN}


# --- XLSX --------------------------------------------------------------------------------------------


def workbook_bytes(build) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    build(book)
    book.close()
    return buffer.getvalue()


def treasury_workbook(book: xlsxwriter.Workbook) -> None:
    book.add_worksheet("Инструкция").write("A1", "Заполните лист «Данные»")
    sheet = book.add_worksheet("Данные")
    sheet.merge_range("B1:H1", "Перечисления в бюджет по КБК 401103")
    for i, header in enumerate(RU):
        sheet.write_string(2, 1 + i, header)  # row 3, from column B
    sheet.write_string("B4", "15")
    sheet.write_datetime("C4", __import__("datetime").datetime(2025, 3, 1), book.add_format({"num_format": "dd.mm.yyyy"}))
    sheet.write_number("D4", int(BIN))  # the BIN typed as a number lost its zero
    sheet.write_string("E4", "1 234 567,89")  # a number as text
    sheet.write_string("F4", "401103")
    sheet.write_string("G4", "R-1")
    sheet.write_number("H4", 2025)
    sheet.write_string("B5", "16")
    sheet.write_number("C5", 45719)  # an Excel serial in a General cell
    sheet.write_string("D5", BIN_2)
    sheet.write_number("E5", 617283.945)
    sheet.write_formula("E5", "=E4*2", None, 2469135.78)  # formula with a cached value
    sheet.write_number("F5", 401103)
    sheet.write_string("G5", "R-2")
    sheet.write_number("H5", 2025.0)


def test_xlsx_with_title_row_formula_numbers_as_text_and_a_numeric_bin():
    table = read_table(workbook_bytes(treasury_workbook), kind="treasury", filename="t.xlsx")
    assert table.sheet == "Данные"  # the instruction sheet has no header
    assert table.header_row == 3
    assert table.columns == dict(zip(CODES, "BCDEFGH", strict=True))
    rows = consume(table)
    assert len(rows) == 2
    first, second = rows
    assert (first["amount"].row, first["amount"].column) == (4, "E")
    assert parse_money(first["amount"]) == (Decimal("1234567.89"), [])
    assert parse_date(first["paid_on"]) == (date(2025, 3, 1), [])
    assert first["payer_bin"].raw == float(int(BIN))
    value, problems = parse_bin(first["payer_bin"])
    assert value == BIN and codes(problems) == ["bin_leading_zeros_restored"]
    assert parse_date(second["paid_on"]) == (date(2025, 3, 3), [])
    assert parse_money(second["amount"]) == (Decimal("2469135.78"), [])
    [formula] = [p for p in table.problems if p.code == "formula_not_evaluated"]
    assert formula.severity == "warning"
    assert (formula.sheet, formula.row, formula.column) == ("Данные", 5, "E")
    assert formula.params["cell"] == "E5"
    assert formula.params["formula"] == "E4*2"
    assert formula.params["cached_value"] == "2469135.78"
    assert codes(table.problems) == ["sheet_chosen", "formula_not_evaluated"]  # the form is on the second sheet: said so


def test_xlsx_header_found_on_a_later_sheet_and_data_starting_at_a1():
    def build(book):
        book.add_worksheet("Notes")
        sheet = book.add_worksheet("Payments")
        for i, header in enumerate(EN):
            sheet.write_string(0, i, header)
        for i, value in enumerate(["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]):
            sheet.write_string(1, i, value)

    table = read_table(workbook_bytes(build), kind="treasury")
    assert (table.sheet, table.header_row, table.columns["order_number"]) == ("Payments", 1, "A")
    assert [(c.row, c.column) for c in consume(table)[0].values()][:2] == [(2, "A"), (2, "B")]


def test_xlsx_rows_keep_their_sheet_numbers_when_the_used_range_starts_lower_and_to_the_right():
    def build(book):
        sheet = book.add_worksheet("D")
        for i, header in enumerate(RU):
            sheet.write_string(4, 2 + i, header)  # C5
        for i, value in enumerate(["1", "01.01.2025", BIN, "10", "401103", "R", "2025"]):
            sheet.write_string(6, 2 + i, value)  # row 7, after a blank row
        sheet.write_formula("E7", "=1", None, BIN)

    table = read_table(workbook_bytes(build), kind="treasury")
    assert (table.header_row, table.columns["order_number"], table.columns["for_year"]) == (5, "C", "I")
    [row] = consume(table)
    assert (row["payer_bin"].row, row["payer_bin"].column, row["payer_bin"].raw) == (7, "E", BIN)
    [formula] = table.problems
    assert (formula.row, formula.column) == (7, "E")


def test_xlsx_without_a_header_lists_the_sheets_searched():
    table = read_table(workbook_bytes(lambda b: b.add_worksheet("S").write("A1", "x")), kind="treasury")
    [problem] = table.problems
    assert problem.code == "header_not_found" and problem.params["sheets"] == ["S"]


def test_formula_warnings_stop_after_the_limit(monkeypatch):
    monkeypatch.setattr(xlsx_module, "MAX_FORMULA_WARNINGS", 3)

    def build(book):
        sheet = book.add_worksheet("D")
        for i, header in enumerate(RU):
            sheet.write_string(0, i, header)
        for r in range(1, 6):
            sheet.write_formula(r, 3, "=1+1", None, 2)

    problems = read_table(workbook_bytes(build), kind="treasury").problems
    assert codes(problems) == ["formula_not_evaluated"] * 3 + ["formula_warnings_truncated"]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_opening():
    bomb = zip_bytes({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (120 * 1024 * 1024)})
    assert len(bomb) < 1_000_000
    table = read_table(bomb, kind="treasury")
    assert codes(table.problems) == ["xlsx_zip_bomb"]


def test_a_member_announcing_more_than_the_member_limit_is_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(xlsx_module, "MAX_MEMBER", 1000)
    data = zip_bytes({"xl/workbook.xml": b"<workbook/>", "big.bin": b"a" * 1001})
    assert codes(read_table(data, kind="treasury").problems) == ["xlsx_zip_bomb"]


def test_sheet_xml_with_a_doctype_and_entity_is_forbidden():
    good = workbook_bytes(treasury_workbook)
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    xml = members["xl/worksheets/sheet2.xml"].decode()
    declaration, rest = xml.split("\n", 1)
    members["xl/worksheets/sheet2.xml"] = (
        declaration + '\n<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest.replace("R-1", "&lol2;")
    ).encode()
    table = read_table(zip_bytes(members), kind="treasury")
    [problem] = table.problems
    assert (problem.code, problem.severity, problem.params["member"]) == ("xlsx_forbidden_xml", "error", "xl/worksheets/sheet2.xml")


def test_zip_that_is_not_a_workbook_is_unreadable():
    assert codes(read_table(zip_bytes({"hello.txt": b"hi"}), kind="treasury").problems) == ["xlsx_unreadable"]


def test_bytes_looking_like_a_zip_but_broken_are_unreadable():
    assert codes(read_table(b"PK\x03\x04" + b"garbage" * 10, kind="treasury").problems) == ["xlsx_unreadable"]


def test_legacy_xls_or_encrypted_workbook_is_unreadable():
    assert codes(read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, kind="treasury").problems) == ["xlsx_unreadable"]


# --- purity and fuzzing ------------------------------------------------------------------------------


def test_the_parsing_package_imports_nothing_from_django():
    code = "import sys, niokr.intake.parsing, niokr.intake.parsing.values; print(sorted(m for m in sys.modules if m.startswith('django')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def assert_well_formed(table: ParsedTable) -> None:
    assert isinstance(table, ParsedTable)
    for row in table.rows:
        assert all(isinstance(cell, Cell) for cell in row.values())
    assert all(isinstance(p, Problem) and p.severity in ("error", "warning") and p.code for p in table.problems)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    assert_well_formed(read_table(data, kind="treasury"))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_after_a_zip_signature_never_raise(data):
    assert_well_formed(read_table(b"PK\x03\x04" + data, kind="spending"))


VALID_CSV = csv_bytes([["Title"], RU, ["1", "01.01.2025", BIN, "1 000,50", "401103", "R", "2025"], ["2", "x", "y", '"z', "401103", "R", "20"]])
VALID_XLSX = workbook_bytes(treasury_workbook)


def mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data)
    for position, byte in edits:
        buffer[position % len(buffer)] = byte
    return bytes(buffer)


EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8)


@FUZZ
@given(EDITS, st.integers(min_value=0, max_value=len(VALID_CSV)))
def test_mutated_csv_never_raises(edits, cut):
    assert_well_formed(read_table(mutate(VALID_CSV, edits)[: max(cut, 1)], kind="treasury"))


@FUZZ
@given(EDITS, st.integers(min_value=1, max_value=len(VALID_XLSX)))
def test_mutated_xlsx_never_raises(edits, cut):
    assert_well_formed(read_table(mutate(VALID_XLSX, edits)[:cut], kind="treasury"))


XLSX_MEMBERS = {info.filename: zipfile.ZipFile(io.BytesIO(VALID_XLSX)).read(info) for info in zipfile.ZipFile(io.BytesIO(VALID_XLSX)).infolist()}


@FUZZ
@given(st.sampled_from(sorted(XLSX_MEMBERS)), EDITS, st.integers(min_value=0, max_value=100_000))
def test_xlsx_with_mutated_xml_inside_a_sound_zip_never_raises(member, edits, cut):
    members = dict(XLSX_MEMBERS)
    members[member] = mutate(members[member], edits)[: max(cut, 1)]
    assert_well_formed(read_table(zip_bytes(members), kind="treasury"))
