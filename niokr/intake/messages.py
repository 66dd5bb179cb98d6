"""Problem messages in the user's language. Codes are stable; texts may improve.

Each code's text is an English message id translated in the catalogs (``niokr/locale``), so a
message reads wholly in Kazakh, Russian or English. Parameters are filled in after translation:

* a value is quoted as the user typed it (the parser keeps the cell's text; a number from a
  number cell without ``.0``, a date cell as ``dd.mm.yyyy``; :func:`typed_value`);
* a column is named by its header as the file writes it (``header``, ``field_header``), else by
  the form's header in the user's language — never by its code;
* a message with a count takes the plural form of its language (``ngettext``: "1 строка",
  "2 строки", "5 строк");
* a list of allowed values is written as a plain comma-separated list.

Some codes have variants chosen by a parameter (``bin_invalid`` by ``reason``); the code a program
reads stays the same.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext

__all__ = ["MESSAGES", "render", "typed_value", "column_header", "CODES", "texts", "english"]

_ = gettext_lazy

#: code → its text, or a function of the parameters choosing one of several texts. A plural text
#: is ``ngettext_lazy(singular, plural, "<parameter holding the count>")``.
MESSAGES: dict[str, Promise | Callable[[dict], Promise]] = {
    "file_too_large": ngettext_lazy(
        "The file is too large: {size} byte (at most {limit} are accepted).",
        "The file is too large: {size} bytes (at most {limit} are accepted).", "size"),
    "too_many_rows": ngettext_lazy("The file has more than {limit} data row.", "The file has more than {limit} data rows.", "limit"),
    "file_unreadable": _("The file cannot be read as XLSX or CSV."),
    "encoding_unreadable": _("The text is in none of the encodings read: UTF-8, UTF-16 or UTF-32 with a byte order mark, Windows-1251."),
    "xlsx_unreadable": _("The XLSX file is damaged or not an XLSX workbook."),
    "xlsx_zip_bomb": _("The XLSX file expands to an unsafe size and was not opened."),
    "xlsx_forbidden_xml": _("The XLSX file contains forbidden XML declarations."),
    "formula_not_evaluated": _("Cell {cell} holds a formula; its saved value was used."),
    "formula_warnings_truncated": _("More formulas were found; only the first are listed."),
    "header_not_found": _("No header row of this form was found in the first rows."),
    "missing_column": _("Required column “{column}” is missing."),
    "duplicate_column": _("Column “{header}” appears twice (first in column {first_column})."),
    "unknown_column": _("Column “{header}” is not part of the form and was ignored."),
    "required": _("A value is required."),
    "amount_not_a_number": _("Not an amount."),
    "amount_too_many_decimals": _("An amount has at most two decimals (tiyn)."),
    "amount_not_positive": _("The amount must be above zero."),
    "amount_ambiguous_separator": _("The separator in this amount is ambiguous: it was read as {read_as}; check it."),
    "date_unreadable": _("Not a date (write it as dd.mm.yyyy)."),
    "year_invalid": _("Not a year (a year from {min} to {max} is expected)."),
    "bin_invalid": lambda params: _BIN_INVALID.get(params.get("reason"), _BIN_INVALID[None]),
    "bin_leading_zeros_restored": _("BIN {original} lost its leading zeros; read as {restored}."),
    "choice_invalid": _("Allowed values: {allowed}."),
    "right_not_yours": _("Right {value} does not belong to the submitting organisation."),
    "right_not_payers": _("Right {value} is not one of the payer's rights in your competence."),
    "performer_unknown": _("No organisation with BIN {value} is registered; register the performer first."),
    "payer_unknown": _("No organisation with BIN {value} is registered in your competence."),
    "agreement_inconsistent": lambda params: _VARIANTS["agreement_inconsistent"][0 if params.get("first_row") else 1],
    "agreement_conflicts_with_registry": _("Agreement {value} is already registered with another “{field}”."),
    "period_reversed": _("The agreement period ends before it starts."),
    "date_outside_period": _("Date {value} is outside the reported period {period}."),
    "year_outside_period": _("Year {value} does not match the reported year {period}."),
    "rate_missing": _("No {currency} rate for {date}; add the official rate first."),
    "duplicate_document_number": _("Document number {value} appears more than once in this submission (first in row {first_row})."),
    "duplicate_row": _("The same figure appears more than once (first in row {first_row})."),
    "base_negative": _("A base figure cannot be negative."),
    "json_unreadable": lambda params: _VARIANTS["json_unreadable"][0 if str(params.get("line", "-")).isdigit() else 1],
    "kind_mismatch": _("The document is of kind “{kind}”, but “{expected}” was expected."),
    "money_not_a_string": _("In JSON an amount must be a string such as \"1250000.50\", not a number."),
    "value_unreadable": _("The value cannot be read."),
    "file_empty": _("The file is empty."),
    "amount_too_large": ngettext_lazy(
        "The amount has more than {max_digits} digit before the decimal point.",
        "The amount has more than {max_digits} digits before the decimal point.", "max_digits"),
    "date_from_serial_text": lambda params: _VARIANTS["date_from_serial_text"][0 if params.get("serial") and params.get("read_as") else 1],
    "xlsx_cell_out_of_bounds": ngettext_lazy(
        "Cell {cell} lies beyond column {last_column}: a report sheet has at most {limit} column. Delete the cells to the right of the table and send the file again.",
        "Cell {cell} lies beyond column {last_column}: a report sheet has at most {limit} columns. Delete the cells to the right of the table and send the file again.",
        "limit"),
    "xlsx_sparse": _("Cell {cell} lies far from the data: the sheet would span {rows} × {columns} cells, far more than it holds. Delete the stray cells below or to the right of the table and send the file again."),
    "control_character": _("The cell holds an invisible control character ({character}); remove it and send the file again."),
    "unknown_columns_truncated": ngettext_lazy(
        "{more} more column or key outside the form was ignored (not listed).",
        "{more} more columns or keys outside the form were ignored (not listed).", "more"),
    "totals_row_skipped": _("Row {row} is a totals row (“{label}”) and was not read as data."),
    "sheet_chosen": _("Sheet “{sheet}” was read: it holds the form's columns (the workbook has {sheets} sheets)."),
    "commit_failed": _("The database refused the commit and nothing was posted."),
    "performer_is_payer": _("The performer (BIN {value}) is the submitting organisation itself: an R&D agreement is with another organisation."),
    "text_too_long": ngettext_lazy(
        "The text has {length} character; this column holds at most {limit}.",
        "The text has {length} characters; this column holds at most {limit}.", "length"),
    "project_other_performer": _("Project {value} is another performer's: an agreement funds a project of its own performer."),
    "annual_report_committed": _("The annual report of {year} is committed and holds every payment of the year: a quarterly report of it would post them twice. Send a corrected annual report instead."),
    "duplicate_document_number_variant": _("Document {value} is {first} of row {first_row} written differently (same date, amount, performer or payer): check that the payment is not reported twice."),
    "for_year_differs": _("The payment is credited to {value}, not to the file's year {year}; check the year."),
    "agreement_number_variant": _("Agreement {value} is read as registered agreement {registered}: the same performer, date and amount, the number written differently."),
    "no_rows": _("The file has a header but no data rows."),
    # R&D projects, stages, acts and results (docs/formats/projects.md)
    "integer_invalid": _("Not a whole number from {min} to {max}."),
    "amount_negative": _("The amount cannot be negative."),
    "dates_reversed": _("The end date {value} is before the start date {start}."),
    "performer_not_submitter": _("BIN {value} is not the submitting organisation's: a performer reports its own projects."),
    "project_not_yours": _("Project {value} is registered to another performer: a performer reports its own projects and results."),
    "duplicate_project": _("Project {value} appears more than once in this file (first in row {first_row})."),
    "trl_target_below_start": _("The target TRL {value} is below the starting TRL {start}."),
    "agreement_unknown": _("No agreement No {value} with the organisation of BIN {party_bin} is registered to you."),
    "agreement_date_differs": _("Agreement {agreement} is registered with the date {registered}, not {value}."),
    "stage_outside_agreement": _("Date {value} lies outside the agreement's period {period}."),
    "duplicate_stage": _("Stage {stage} of agreement {value} appears more than once in this file (first in row {first_row})."),
    "stage_locked": _("Stage {stage} of agreement {value} has its report handed in or is accepted: a file no longer changes its plan."),
    "stages_exceed_agreement": _("The stages of agreement {value} would total {total}, more than its amount of {ceiling}."),
    "stage_unknown": _("Agreement {value} has no stage {stage} in its calendar plan."),
    "date_in_future": _("Date {value} is in the future."),
    "act_before_agreement": _("The act's date {value} is before the agreement was signed ({signed})."),
    "act_exceeds_stage": _("The act accepts {accepted}, more than the amount of stage {stage}, {ceiling}."),
    "act_already_signed": _("Stage {stage} of agreement {value} is already accepted by act {act}; a signed act is not replaced by a file."),
    "stage_report_awaited": _("The performer has not handed in the report of stage {stage} of agreement {value} yet, and an act is signed on the report: sign this act on the stage's page with the report file, or once the report is handed in."),
    "acts_exceed_agreement": _("The acts of agreement {value} would accept {total}, more than its amount of {ceiling}."),
    "programme_unknown": _("No R&D programme with reference {value} is registered."),
    "programme_not_eligible": lambda params: _PROGRAMME_NOT_ELIGIBLE.get(params.get("reason"), _PROGRAMME_NOT_ELIGIBLE["not_funded"]),
    "project_unknown": _("No project with code {value} is registered; send it in the projects report first."),
    "result_field_required": _("A result of this kind needs “{field}”."),
    "result_field_ignored": _("“{field}” does not belong to a result of this kind and was ignored."),
    "doi_invalid": _("{value} is not a DOI: a DOI starts with 10., four to nine digits and a slash, then its suffix."),
    "duplicate_result": _("The same result appears more than once in this file (first in row {first_row})."),
    "result_decided": _("Result {value} is already verified or rejected: a file no longer changes it."),
}

#: The texts of ``bin_invalid`` by the parser's ``reason`` (``None``: a problem stored before the
#: reasons were kept, whose English detail is not shown).
_BIN_INVALID = {
    "length": ngettext_lazy("A BIN has 12 digits; {value} has {digits} digit.", "A BIN has 12 digits; {value} has {digits} digits.", "digits"),
    "not_digits": _("A BIN is 12 digits; {value} holds other characters."),
    "check_digit": _("BIN {value}: its last (check) digit is {got}, but its first 11 digits give {expected}; check the number."),
    "never_issued": _("BIN {value} cannot exist: no check digit fits its first 11 digits."),
    None: _("Invalid BIN."),
}

#: Why a project may not carry out the programme a row names (the codes of
#: :func:`niokr.projects.lifecycle.programmes.link_refusal`).
_PROGRAMME_NOT_ELIGIBLE = {
    "not_funded": _("Programme {value} does not propose your organisation as its performer, and no agreement of the project is paid by its applicant or the applicant's subsidiaries."),
    "not_approved": _("Programme {value} is not approved: only an approved programme is linked to the project that carries it out."),
    "programme_linked": _("Programme {value} is already carried out by project {other}."),
    "project_linked": _("The project already carries out programme {other}, not {value}."),
}

#: The texts of the codes whose text is chosen by a parameter (the first one when it is there).
_VARIANTS = {
    "programme_not_eligible": tuple(_PROGRAMME_NOT_ELIGIBLE.values()),
    "bin_invalid": tuple(_BIN_INVALID.values()),
    "agreement_inconsistent": (
        _("Agreement {value} is described differently in row {first_row}: “{field}” differs."),
        _("Agreement {value} is described differently in another row: “{field}” differs."),
    ),
    "json_unreadable": (
        _("The JSON document cannot be read (line {line}, column {column})."),
        _("The JSON document cannot be read."),
    ),
    "date_from_serial_text": (
        _("An Excel date number written as text ({serial}) was read as the date {read_as}."),
        _("An Excel date number written as text was read as a date."),
    ),
}

CODES = frozenset(MESSAGES)


def texts(code: str) -> list[object]:
    """Every text ``code`` may read as (its variants), untranslated: what the format docs list."""
    entry = MESSAGES[code]
    return list(_VARIANTS[code]) if code in _VARIANTS else [entry]


def english(code: str) -> list[str]:
    """The English texts of ``code`` as the format docs write them (a plural text in its plural form)."""
    out = []
    with translation.override("en"):
        for text in texts(code):
            param = _plural_param(text)
            out.append(str(text % {param: 2}) if param else str(text))
    return out

#: Parameters that are counts or sizes: written with thousands groups in the user's language.
_COUNTS = frozenset({"size", "limit", "rows", "columns", "more", "length", "sheets"})
#: Parameters that are amounts in tenge (stored as "5000000.00"): written as the ``money`` filter writes them.
_AMOUNTS = frozenset({"total", "ceiling", "accepted"})
#: Parameters holding a column's code, and the parameter their header is written to.
_COLUMN_PARAMS = {"field": "field_header"}


def column_header(kind: str | None, code: str, language: str) -> str:
    """The form's header of column ``code`` of ``kind`` in ``language`` (``""`` when unknown)."""
    if not kind or not code:
        return ""
    from niokr.intake.formats import form_for

    try:
        column = form_for(kind).column(code)
    except (KeyError, StopIteration):
        return ""
    return getattr(column, language, "") or column.en


def typed_value(value: object, params: dict | None = None, language: str = "ru") -> str | None:
    """A stored value as the user typed it, in ``language``.

    The parser stores a value as text (:func:`niokr.intake.parsing.model.show`); a non-whole number
    read from a number cell is marked (``params["value_type"] == "number"``) and gets the decimal
    comma in Kazakh and Russian, as a Kazakh or Russian spreadsheet shows it.
    """
    if value is None:
        return None
    text = str(value)
    if (params or {}).get("value_type") == "number" and language in ("kk", "ru"):
        text = text.replace(".", ",")
    return text


def _allowed(value: object) -> str:
    """A list of allowed values as a person reads it: ``KZT, USD, EUR`` (also from a stored Python list)."""
    text = str(value)
    if text.startswith("[") and text.endswith("]"):
        try:
            items = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            items = None
        if isinstance(items, (list, tuple)):
            return ", ".join(str(i) for i in items)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(i) for i in value)
    return text


def _count(value: object) -> int | None:
    try:
        number = float(str(value).replace("\u202f", "").replace(" ", ""))
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _grouped(value: object) -> str:
    """A count with the thousands groups of the active language (the project's ``number`` filter)."""
    count = _count(value)
    if count is None or str(value).strip() != str(count):
        return str(value)
    from niokr.core.templatetags.niokr import number

    return number(count)


def _money(value: object) -> str:
    """An amount stored as text, in the active language (the project's ``money`` filter); as stored if it is none."""
    from decimal import Decimal, InvalidOperation

    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    from niokr.core.templatetags.niokr import money

    return money(amount)


def _kind_label(kind: str) -> str:
    from niokr.intake.choices import SubmissionKind

    return str(SubmissionKind(kind).label) if kind in SubmissionKind.values else kind


class _Params(dict):
    """Parameters for ``str.format_map``: a parameter a stored problem lacks reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, params: dict | None = None, language: str = "en", *, kind: str | None = None, value: object = None) -> str:
    """The message of ``code`` in ``language`` (kk, ru, en), with its parameters filled in.

    ``kind`` (the submission's kind) lets a column code be named by its header in ``language``
    where the file's own header is not known; ``value`` (the problem's value as stored) stands in
    for a header a problem stored before headers were kept.
    """
    params = dict(params or {})
    entry = MESSAGES.get(code)
    if entry is None:
        return code
    language = language if language in ("kk", "ru", "en") else "en"
    with translation.override(language):
        text = entry(params) if callable(entry) and not isinstance(entry, Promise) else entry
        shown = _Params({k: v for k, v in params.items()})
        for param, target in _COLUMN_PARAMS.items():
            if param in params:
                shown[param] = params.get(target) or column_header(kind, str(params[param]), language) or pgettext("a column of a form", "the column")
        if "header" not in params or not params.get("header"):
            shown["header"] = "" if value is None else str(value)
        for name in _COUNTS & params.keys():
            shown[name] = _grouped(params[name])
        for name in _AMOUNTS & params.keys():
            shown[name] = _money(params[name])
        if "allowed" in params:
            shown["allowed"] = _allowed(params["allowed"])
        if code == "missing_column":
            shown["column"] = params.get(language) or params.get("en") or params.get("code", "")
        if code == "kind_mismatch":
            shown["kind"], shown["expected"] = _kind_label(str(params.get("kind", ""))), _kind_label(str(params.get("expected", "")))
        if "value" in params:
            shown["value"] = typed_value(params["value"], params, language)
        count_param = _plural_param(text)
        if count_param is not None:
            number = _count(params.get(count_param))
            template = str(text % {count_param: 0 if number is None else number})
        else:
            template = str(text)
        try:
            return _SPACES.sub(" ", template.format_map(shown)).strip()
        except (IndexError, ValueError, AttributeError):
            return template


_SPACES = re.compile(r"[ ]{2,}")


def _plural_param(text: object) -> str | None:
    """The count parameter of a plural text made by ``ngettext_lazy(…, "<parameter>")``."""
    for entry, param in _PLURALS:
        if entry is text:
            return param
    return None


#: (plural text, its count parameter): ``ngettext_lazy`` keeps the parameter name privately.
_PLURALS = [
    (MESSAGES["file_too_large"], "size"),
    (MESSAGES["too_many_rows"], "limit"),
    (MESSAGES["amount_too_large"], "max_digits"),
    (MESSAGES["xlsx_cell_out_of_bounds"], "limit"),
    (MESSAGES["unknown_columns_truncated"], "more"),
    (MESSAGES["text_too_long"], "length"),
    (_BIN_INVALID["length"], "digits"),
]
