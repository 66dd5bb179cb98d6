"""Blank submission templates made from :data:`niokr.intake.formats.FORMS`: XLSX, CSV and a JSON example.

Pure: nothing here touches the database or Django settings. The choice labels of the instruction
sheet come from :mod:`niokr.core.reference`, imported lazily and optional (codes alone when it
cannot be imported).

The XLSX template (``build_template``):

* sheet ``Data`` — row 1 the form title in kk / ru / en (merged), rows 2–4 the column headers in
  Kazakh, Russian and English (row 4 is the header row proper; each language is recognised by the
  parser), frozen under row 4; required headers bold with a note; drop-down lists on the ``CHOICE``
  columns over rows 5–100000; dates ``dd.mm.yyyy``, money with thousands separators and two
  decimals, BIN and text columns as text so leading zeros survive;
* sheet ``Instructions`` — per column its code, headers, type, whether it is required and its
  allowed values, followed by the general rules in the three languages.
"""

from __future__ import annotations

import io

import xlsxwriter

from niokr.intake.export import export_rows

from niokr.intake.formats import Column, ColumnType, Form, Kind, form_for

__all__ = [
    "DATA_SHEET",
    "INSTRUCTIONS_SHEET",
    "TITLE_ROW",
    "HEADER_ROWS",
    "HEADER_ROW",
    "FIRST_DATA_ROW",
    "LAST_DATA_ROW",
    "GENERAL_RULES",
    "build_template",
    "build_csv_template",
    "json_example",
    "template_filename",
]

DATA_SHEET = "Data"
INSTRUCTIONS_SHEET = "Instructions"

# Spreadsheet rows, 1-based as the user sees them.
TITLE_ROW = 1
HEADER_ROWS = {"kk": 2, "ru": 3, "en": 4}
HEADER_ROW = HEADER_ROWS["en"]
FIRST_DATA_ROW = 5
LAST_DATA_ROW = 100_000

# Excel number formats. The file stores formats locale-independently: ``#,##0.00`` is what a
# Kazakh or Russian Excel shows as ``# ##0,00`` (space for thousands, comma for decimals); a literal
# ``# ##0.00`` would group only the last three digits.
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "dd.mm.yyyy"
TEXT_FORMAT = "@"
YEAR_FORMAT = "0"
RATE_FORMAT = "0.0000"

_NUM_FORMATS = {
    ColumnType.MONEY: MONEY_FORMAT,
    ColumnType.DATE: DATE_FORMAT,
    ColumnType.YEAR: YEAR_FORMAT,
    ColumnType.RATE: RATE_FORMAT,
    ColumnType.BIN: TEXT_FORMAT,
    ColumnType.TEXT: TEXT_FORMAT,
    ColumnType.CHOICE: TEXT_FORMAT,
    ColumnType.INTEGER: YEAR_FORMAT,
}

TYPE_LABELS: dict[ColumnType, tuple[str, str, str]] = {
    ColumnType.TEXT: ("Мәтін", "Текст", "Text"),
    ColumnType.MONEY: ("Ақша сомасы", "Денежная сумма", "Money amount"),
    ColumnType.DATE: ("Күн (кк.аа.жжжж)", "Дата (дд.мм.гггг)", "Date (dd.mm.yyyy)"),
    ColumnType.YEAR: ("Жыл (жжжж)", "Год (гггг)", "Year (yyyy)"),
    ColumnType.BIN: ("БСН (12 цифр)", "БИН (12 цифр)", "BIN (12 digits)"),
    ColumnType.CHOICE: ("Тізімнен мән", "Значение из списка", "Value from the list"),
    ColumnType.RATE: ("Бағам", "Курс", "Exchange rate"),
    ColumnType.INTEGER: ("Бүтін сан", "Целое число", "Whole number"),
}

REQUIRED_LABEL = ("Міндетті", "Обязательно", "Required")
OPTIONAL_LABEL = ("Міндетті емес", "Необязательно", "Optional")

#: The general rules of every form, (kk, ru, en). The strict checks are in ``validation.py``.
GENERAL_RULES: tuple[tuple[str, str, str], ...] = (
    (
        "Сомалар: нөлден үлкен, үтірден кейін екі таңбадан аспайды (тиын). Базалық көрсеткіш нөлге тең болуы мүмкін, бірақ теріс болмайды.",
        "Суммы: больше нуля, не более двух знаков после запятой (тиын). Базовый показатель может быть равен нулю, но не может быть отрицательным.",
        "Amounts: above zero, at most two decimals (tiyn). A base figure may be zero but never negative.",
    ),
    (
        "Күндер: кк.аа.жжжж (мысалы, 15.03.2025).",
        "Даты: дд.мм.гггг (например, 15.03.2025).",
        "Dates: dd.mm.yyyy (for example 15.03.2025).",
    ),
    (
        "БСН: 12 цифр, соңғысы — бақылау цифры. Бастапқы нөлдерді сақтаңыз (баған мәтін ретінде пішімделген).",
        "БИН: 12 цифр, последняя — контрольная. Сохраняйте ведущие нули (столбец отформатирован как текст).",
        "BIN: 12 digits, the last one a check digit. Keep the leading zeros (the column is formatted as text).",
    ),
    (
        "Есепті кезең: төлем күндері және базалық көрсеткіш жылы файлды жүктеу кезінде таңдалған есепті кезеңнің (жылдың немесе тоқсанның) ішінде болуы тиіс.",
        "Отчётный период: даты платежей и год базового показателя должны быть внутри отчётного периода (года или квартала), выбранного при загрузке файла.",
        "Reported period: payment dates and the year of a base figure must lie inside the reported period (a year or a quarter) chosen when the file is uploaded.",
    ),
    (
        "Әр төлем құжатының нөмірі бір жіберілімде бір рет қана кездеседі (қазынашылық: әр төлеуші бойынша).",
        "Каждый номер платёжного документа встречается в одной подаче только один раз (казначейство: для каждого плательщика).",
        "Each payment document number appears only once in a submission (treasury: once per payer).",
    ),
    (
        "Шетел валютасы: төлем күніне ресми бағам жүйеде болуы тиіс.",
        "Иностранная валюта: официальный курс на дату платежа должен быть в системе.",
        "Foreign currency: the official rate for the payment date must exist in the system.",
    ),
    (
        "Келісімшарт/лицензия жіберуші ұйымға тиесілі болуы тиіс (қазынашылық аударымдары: төлеушіге).",
        "Контракт/лицензия должны принадлежать организации-отправителю (перечисления в бюджет: плательщику).",
        "The contract/licence must belong to the submitting organisation (budget transfers: to the payer).",
    ),
    (
        "Шарт жүйеде тіркелген немесе осы файлда сипатталған болуы тиіс; бір шарттың барлық жолдарында күні, орындаушының БСН, сомасы және кезеңі бірдей.",
        "Договор должен быть зарегистрирован в системе или описан в этом же файле; во всех строках одного договора дата, БИН исполнителя, сумма и период одинаковы.",
        "The agreement must be registered or described in the same file; every row of one agreement repeats the same date, performer BIN, amount and period.",
    ),
    (
        "Тақырып жолдарын қалдырыңыз; бағандардың реті маңызды емес; үш тілдің кез келгеніндегі тақырып танылады.",
        "Оставьте строки заголовков; порядок столбцов не важен; заголовок распознаётся на любом из трёх языков.",
        "Keep the header rows; the column order does not matter; a header in any of the three languages is recognised.",
    ),
    (
        "Формулалар есептелмейді: сақталған мәні пайдаланылады және ұяшық туралы ескерту беріледі. Мәндерді формуласыз енгізіңіз.",
        "Формулы не вычисляются: используется сохранённое значение, а ячейка попадает в предупреждения. Вводите значения без формул.",
        "Formulas are never evaluated: the saved value is used and the cell is reported. Enter values, not formulas.",
    ),
    (
        "Тізімі бар бағандарда кодты таңдаңыз (мысалы, greentech, KZT).",
        "В столбцах со списком выбирайте код (например, greentech, KZT).",
        "In columns with a drop-down list choose the code (for example greentech, KZT).",
    ),
)

# Choice columns whose values have trilingual labels in core.reference.
_CHOICE_ENUMS = {"direction": "core.PriorityDirection", "base_type": "obligations.BaseType", "tcc_sector": "core.TCCSector"}


def _form(kind: str) -> Form:
    return form_for(kind)


def _choice_labels(column: Column) -> dict[str, tuple[str, str, str]]:
    """``{value: (kk, ru, en)}`` for the values that have a label; empty when none are known."""
    try:
        from niokr.core import reference
    except Exception:  # pragma: no cover - reference is importable wherever the project is installed
        return {}
    out: dict[str, tuple[str, str, str]] = {}
    key = _CHOICE_ENUMS.get(column.code)
    for value in column.choices:
        found = None
        if key is not None and key in reference.LABELS:
            found = reference.LABELS[key].get(value)
        elif column.code == "kbk":
            info = reference.KBK.get(value)
            found = info.name if info else None
        elif column.code == "currency" and value == reference.CURRENCY_KZT.code:
            found = reference.CURRENCY_KZT.name
        if found is not None:
            out[value] = (found.kk, found.ru, found.en)
    return out


def _allowed_text(column: Column) -> str:
    if not column.choices:
        return ""
    labels = _choice_labels(column)
    lines = []
    for value in column.choices:
        if value in labels:
            lines.append(f"{value}: " + " / ".join(labels[value]))
        else:
            lines.append(value)
    return "\n".join(lines)


def _column_width(column: Column) -> int:
    longest = max(len(column.kk), len(column.ru), len(column.en), *(len(c) for c in column.choices), 10)
    if column.type is ColumnType.MONEY:
        longest = max(longest, 18)
    return min(max(longest + 2, 12), 45)


def _note(column: Column) -> str:
    parts = []
    if column.required:
        parts.append(" / ".join(REQUIRED_LABEL) + ".")
    parts.append(" / ".join(TYPE_LABELS[column.type]) + ".")
    if column.choices:
        parts.append(", ".join(column.choices))
    if column.help_en:
        parts.append(column.help_en)
    return "\n".join(parts)


def build_template(kind: str) -> bytes:
    """The XLSX template of ``kind`` (``base_figures``, ``spending``, ``treasury``) as bytes."""
    form = _form(kind)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    workbook.set_properties({"title": f"{form.title_en} — NIOKR Monitor template", "subject": form.kind.value, "comments": "NIOKR Monitor"})
    _write_data_sheet(workbook, form)
    _write_instructions_sheet(workbook, form)
    workbook.close()
    return buffer.getvalue()


def _write_data_sheet(workbook, form: Form) -> None:
    sheet = workbook.add_worksheet(DATA_SHEET)
    last_col = len(form.columns) - 1
    title = workbook.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "vcenter", "align": "left"})
    header_formats = {
        (language, required): workbook.add_format(
            {
                "bold": required,
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "num_format": TEXT_FORMAT,
                "bg_color": "#DDEBF7" if language == "en" else "#F2F2F2",
                "font_color": "#000000" if required else "#595959",
            }
        )
        for language in HEADER_ROWS
        for required in (True, False)
    }
    cell_formats = {t: workbook.add_format({"num_format": f}) for t, f in _NUM_FORMATS.items()}

    title_text = f"{form.title_kk} / {form.title_ru} / {form.title_en}"
    if last_col > 0:
        sheet.merge_range(TITLE_ROW - 1, 0, TITLE_ROW - 1, last_col, title_text, title)
    else:  # pragma: no cover - every form has several columns
        sheet.write_string(TITLE_ROW - 1, 0, title_text, title)
    sheet.set_row(TITLE_ROW - 1, 36)
    for row in HEADER_ROWS.values():
        sheet.set_row(row - 1, 32)

    for index, column in enumerate(form.columns):
        sheet.set_column(index, index, _column_width(column), cell_formats[column.type])
        for language, row in HEADER_ROWS.items():
            sheet.write_string(row - 1, index, getattr(column, language), header_formats[(language, column.required)])
        sheet.write_comment(HEADER_ROW - 1, index, _note(column), {"x_scale": 2, "y_scale": 1.5})
        if column.type is ColumnType.CHOICE and column.choices:
            sheet.data_validation(
                FIRST_DATA_ROW - 1,
                index,
                LAST_DATA_ROW - 1,
                index,
                {
                    "validate": "list",
                    "source": list(column.choices),
                    "input_title": column.en[:32],
                    "input_message": ", ".join(column.choices)[:255],
                    "error_title": column.en[:32],
                    "error_message": ("Рұқсат етілген мәндер / Допустимые значения / Allowed values: " + ", ".join(column.choices))[:255],
                },
            )
    sheet.freeze_panes(HEADER_ROW, 0)
    sheet.activate()


def _write_instructions_sheet(workbook, form: Form) -> None:
    sheet = workbook.add_worksheet(INSTRUCTIONS_SHEET)
    title = workbook.add_format({"bold": True, "font_size": 13})
    bold = workbook.add_format({"bold": True})
    head = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#DDEBF7"})
    cell = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1, "num_format": TEXT_FORMAT})
    cell_bold = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1, "bold": True, "num_format": TEXT_FORMAT})

    widths = (22, 32, 32, 32, 24, 18, 48, 48)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)

    sheet.write_string(0, 0, "Нұсқаулық / Инструкция / Instructions", title)
    sheet.write_string(1, 0, f"{form.title_kk} / {form.title_ru} / {form.title_en}", bold)
    sheet.write_string(
        2,
        0,
        f"Деректерді «{DATA_SHEET}» парағына {FIRST_DATA_ROW}-жолдан бастап енгізіңіз / "
        f"Заполняйте лист «{DATA_SHEET}» начиная со строки {FIRST_DATA_ROW} / "
        f"Fill in sheet “{DATA_SHEET}” from row {FIRST_DATA_ROW}",
    )

    headings = (
        "Код / Код / Code",
        "Қазақша",
        "Русский",
        "English",
        "Түрі / Тип / Type",
        "Міндетті / Обязательно / Required",
        "Рұқсат етілген мәндер / Допустимые значения / Allowed values",
        "Түсініктеме / Пояснение / Notes",
    )
    row = 4
    for index, text in enumerate(headings):
        sheet.write_string(row, index, text, head)
    for column in form.columns:
        row += 1
        fmt = cell_bold if column.required else cell
        values = (
            column.code,
            column.kk,
            column.ru,
            column.en,
            " / ".join(TYPE_LABELS[column.type]),
            " / ".join(REQUIRED_LABEL if column.required else OPTIONAL_LABEL),
            _allowed_text(column),
            _notes_text(column),
        )
        for index, text in enumerate(values):
            sheet.write_string(row, index, text, fmt)

    row += 2
    sheet.write_string(row, 0, "Жалпы ережелер / Общие правила / General rules", title)
    row += 1
    for index, text in enumerate(("№", "Қазақша", "Русский", "English")):
        sheet.write_string(row, index, text, head)
    for number, rule in enumerate((*GENERAL_RULES, *form.rules), start=1):
        row += 1
        sheet.write_number(row, 0, number, cell)
        for index, text in enumerate(rule, start=1):
            sheet.write_string(row, index, text, cell)
    sheet.freeze_panes(5, 1)


def _notes_text(column: Column) -> str:
    parts = []
    if column.aliases:
        parts.append("Сондай-ақ танылады / Также распознаётся / Also recognised: " + "; ".join(column.aliases))
    if column.help_en:
        parts.append(column.help_en)
    return "\n".join(parts)


def build_csv_template(kind: str) -> bytes:
    """The CSV template of ``kind``: UTF-8 with BOM, ``;``-separated, one header row in Russian."""
    _form(kind)
    return export_rows(kind, [])


# Example values, by column code, for the JSON document. Dates are ISO; money is a string.
# (The sections of the R&D projects report: docs/formats/projects.md.)
_EXAMPLES: dict[Kind, tuple[dict[str, object], ...]] = {
    Kind.BASE_FIGURES: (
        {"right_number": "ЖМ-2019-01", "year": 2025, "base_type": "production_costs", "amount": "12345678900.00", "document": "ЛКУ 2025"},
        {"right_number": "ЖМ-2019-01", "year": 2025, "base_type": "aggregate_income", "amount": "48000000000.50", "document": None},
    ),
    Kind.SPENDING: (
        {
            "agreement_number": "Д-17",
            "agreement_date": "2025-01-10",
            "performer_bin": "050440000121",
            "subject": "Разработка катализатора гидроочистки",
            "agreement_amount": "5000000.00",
            "period_start": "2025-01-10",
            "period_end": "2025-12-31",
            "direction": "greentech",
            "project_code": None,
            "payment_date": "2025-03-15",
            "amount": "1250000.50",
            "currency": "KZT",
            "purpose": "Оплата 1 этапа НИР",
            "document_number": "ПП-001",
            "right_number": "ЖМ-2019-01",
            "for_year": None,
        },
        {
            "agreement_number": "Д-17",
            "agreement_date": "2025-01-10",
            "performer_bin": "050440000121",
            "subject": "Разработка катализатора гидроочистки",
            "agreement_amount": "5000000.00",
            "period_start": "2025-01-10",
            "period_end": "2025-12-31",
            "direction": "greentech",
            "project_code": None,
            "payment_date": "2025-06-20",
            "amount": "2000000.00",
            "currency": "KZT",
            "purpose": "Оплата 2 этапа НИР",
            "document_number": "ПП-002",
            "right_number": "ЖМ-2019-01",
            "for_year": 2025,
        },
    ),
    Kind.TREASURY: (
        {
            "order_number": "418",
            "paid_on": "2025-04-25",
            "payer_bin": "190540000014",
            "amount": "123456789.00",
            "kbk": "401103",
            "right_number": "ЖМ-2019-01",
            "for_year": 2025,
        },
    ),
}


_EXAMPLES.update({
    Kind.RD_PROJECTS: (
        {"project_code": "GT-2025-017", "title_kk": "Гидротазарту катализаторы", "title_ru": "Катализатор гидроочистки", "title_en": "A hydrotreating catalyst",
         "performer_bin": "050440000121", "direction": "greentech", "tcc_sector": "oil_gas", "trl_start": 3, "trl_target": 6,
         "start_date": "2025-01-10", "end_date": "2026-12-31", "abstract": None},
    ),
    Kind.RD_STAGES: (
        {"agreement_number": "Д-17", "agreement_date": "2025-01-10", "payer_bin": "190540000014", "stage_number": 1, "stage_title": "Зертханалық синтез",
         "start_date": "2025-01-10", "end_date": "2025-06-30", "amount": "2000000.00", "deliverables": "Отчёт о НИР, образцы катализатора"},
        {"agreement_number": "Д-17", "agreement_date": "2025-01-10", "payer_bin": "190540000014", "stage_number": 2, "stage_title": "Пилоттық сынақтар",
         "start_date": "2025-07-01", "end_date": "2025-12-31", "amount": "3000000.00", "deliverables": None},
    ),
    Kind.RD_ACTS: (
        {"agreement_number": "Д-17", "agreement_date": "2025-01-10", "performer_bin": "050440000121", "stage_number": 1, "act_number": "АКТ-1",
         "act_date": "2025-07-15", "amount": "2000000.00", "note": None},
    ),
    Kind.RD_RESULTS: (
        {"project_code": "GT-2025-017", "kind": "patent", "title": "Способ гидроочистки дизельного топлива", "year": 2025, "achieved_on": "2025-11-20",
         "trl_level": None, "trl_methodology": None, "patent_office": "kazpatent", "patent_number": "KZ 36512", "doi": None, "indexing": None,
         "implemented_at": None, "economic_effect": None, "revenue": None, "jobs": None, "evidence_reference": "https://gosreestr.kazpatent.kz/", "evidence_note": None},
        {"project_code": "GT-2025-017", "kind": "publication", "title": "Ni-Mo catalysts for hydrotreating", "year": 2025, "achieved_on": None,
         "trl_level": None, "trl_methodology": None, "patent_office": None, "patent_number": None, "doi": "10.1016/j.fuel.2025.130001", "indexing": "scopus",
         "implemented_at": None, "economic_effect": None, "revenue": None, "jobs": None, "evidence_reference": None, "evidence_note": None},
    ),
})


def json_example(kind: str) -> dict:
    """A valid example JSON submission of ``kind`` (money as strings, dates ISO ``yyyy-mm-dd``)."""
    form = _form(kind)
    rows = [{column.code: example.get(column.code) for column in form.columns} for example in _EXAMPLES[form.kind]]
    return {"kind": form.kind.value, "period": {"year": 2025, "quarter": None}, "rows": rows}


def template_filename(kind: str, extension: str = "xlsx") -> str:
    """A download name such as ``niokr-spending-template.xlsx``."""
    return f"niokr-{_form(kind).kind.value}-template.{extension}"
