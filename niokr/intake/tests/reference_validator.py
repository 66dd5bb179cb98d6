"""The reference model of the validator: the rules checked row by row, cell by cell.

The production validator (:mod:`niokr.intake.validation`) checks column-wise for speed; this
plain, obviously-correct version is what it is compared against (``test_validation_model.py``).
It is the validator as first written: every row Tolerance lives in the parser (encodings, separators, header languages); here the
rules are strict: BIN checksum, positive amounts with at most two decimals, dates inside the period,
the right belongs to the submitter, the agreement exists or is in the same file, a rate exists for
a foreign currency, no document number twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from niokr.intake.formats import ColumnType, Kind, form_for
from niokr.intake.validation import PAYMENT_PART, Context, control_character, normalise_document_number, period_bounds
from niokr.intake.parsing import ParsedTable, Problem
from niokr.intake.parsing.model import CONTROL, show, typed_params, visible
from niokr.intake.parsing import values as V

__all__ = ["ValidationResult", "validate_table"]


@dataclass
class ValidationResult:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


_HEADERS: dict[str, str] = {}  # the table's headers as written, while one table is validated


def _problem(cell, code: str, severity: str = "error", **params) -> Problem:
    return Problem(severity=severity, code=code, sheet=cell.sheet, row=cell.row, column=cell.column, value=show(cell.raw), params=_with_cell(cell, params))


def _with_cell(cell, params: dict) -> dict:
    """The parameters a located problem carries: how its value is written and its column's header."""
    header = _HEADERS.get(_code_of(cell))
    return {**params, **typed_params(cell.raw), **({"header": header} if header and "header" not in params else {})}


_LETTERS: dict[str, str] = {}


def _code_of(cell) -> str | None:
    return _LETTERS.get(cell.column)


def _agreement_only(form, row: dict) -> bool:
    """A spending row whose payment part is all empty describes an agreement only."""
    if form.kind is not Kind.SPENDING:
        return False
    cells = [row.get(code) for code in PAYMENT_PART]
    return all(c is None or c.raw is None or (isinstance(c.raw, str) and not c.raw.strip()) for c in cells)


def _read(form, row: dict, problems: list[Problem]) -> dict:
    """Normalise every cell of a row by its column type; problems are collected, never raised."""
    out = {}
    optional = PAYMENT_PART if _agreement_only(form, row) else ()
    for column in form.columns:
        cell = row.get(column.code)
        if cell is None:
            out[column.code] = None
            continue
        if isinstance(cell.raw, str) and CONTROL.search(cell.raw):
            problems.append(_problem(cell, "control_character", column=column.code, character=control_character(cell.raw)))
            out[column.code] = None
            continue
        if cell.raw is None or (isinstance(cell.raw, str) and not cell.raw.strip()):
            if column.required and column.code not in optional:
                problems.append(_problem(cell, "required", column=column.code))
            out[column.code] = None
            continue
        if column.type is ColumnType.MONEY:
            # A base figure may be zero (no obligation follows); a payment or agreement may not.
            value, found = V.parse_money(cell.raw, allow_zero=form.kind is Kind.BASE_FIGURES)
        elif column.type is ColumnType.DATE:
            value, found = V.parse_date(cell.raw)
        elif column.type is ColumnType.YEAR:
            value, found = V.parse_year(cell.raw)
        elif column.type is ColumnType.BIN:
            value, found = V.parse_bin(cell.raw)
        elif column.type is ColumnType.CHOICE:
            value, found = V.parse_choice(cell.raw, column.choices)
        else:
            value, found = V.parse_text(cell.raw)
            if column.max_length is not None and value is not None and len(value) > column.max_length:
                problems.append(_problem(cell, "text_too_long", column=column.code, limit=column.max_length, length=len(value)))
                value = None
        for p in found:
            code = "base_negative" if p.code == "amount_not_positive" and form.kind is Kind.BASE_FIGURES else p.code
            problems.append(Problem(p.severity, code, cell.sheet, cell.row, cell.column, show(cell.raw), _with_cell(cell, {**p.params, "column": column.code})))
        out[column.code] = value
    return out


def validate_table(table: ParsedTable, *, kind: str, context: Context) -> ValidationResult:
    """Check every row of ``table`` as a submission of ``kind``; return the normalised lines and problems."""
    form = form_for(kind)
    early = list(table.early_problems)
    if context.annual_committed:
        early.append(Problem("error", "annual_report_committed", table.sheet, None, None, None, {"year": context.period_year, "quarter": context.period_quarter}))
    result = ValidationResult(problems=list(early))
    if any(p.severity == "error" for p in early):
        result.problems.extend(table.late_problems)
        return result
    _HEADERS.clear()
    _HEADERS.update(table.headers)
    _LETTERS.clear()
    _LETTERS.update({letter: code for code, letter in table.columns.items()})
    start, end = period_bounds(context.period_year, context.period_quarter)
    period = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    seen_docs: dict = {}
    reported: set[tuple] = set()  # (code, column, agreement, cell) of an agreement's problems reported
    seen_keys: dict[tuple, int] = {}
    file_agreements: dict[str, tuple[int, dict]] = {}
    file_projects: dict[str, int | None] = {}  # project code -> the performer of its first row
    for row in table.rows:
        result.rows += 1
        problems: list[Problem] = []
        line = _read(form, row, problems)
        first_cell = next(iter(row.values()))
        line["_row"] = first_cell.row
        line["_sheet"] = first_cell.sheet
        if form.kind is Kind.BASE_FIGURES:
            _check_base(row, line, context, problems, seen_keys)
        elif form.kind is Kind.SPENDING:
            _check_spending(row, line, context, problems, seen_docs, file_agreements, file_projects, start, end, period)
        else:
            _check_treasury(row, line, context, problems, seen_docs, start, end, period)
        bad = any(p.severity == "error" for p in problems)
        if form.kind is Kind.SPENDING:
            problems = _once_per_agreement(table, row, problems, reported)
        result.problems.extend(problems)
        if not bad:
            result.lines.append(line)
    # The parser reports some problems only while streaming (a row limit reached, late formulas).
    result.problems.extend(table.late_problems)
    if result.rows == 0:
        result.problems.append(Problem("error", "no_rows", table.sheet, table.header_row, None, None, {}))
    return result


AGREEMENT_COLUMNS = ("agreement_number", "agreement_date", "performer_bin", "agreement_amount", "period_start", "period_end", "subject", "direction")


def _once_per_agreement(table, row, problems: list[Problem], reported: set) -> list[Problem]:
    """A problem of an agreement's column already reported for the same agreement and cell is not
    reported again (the row stays refused)."""
    cell = row.get("agreement_number")
    raw = None if cell is None else cell.raw
    group = None if raw is None else (raw.strip() if isinstance(raw, str) else show(raw))
    if not group:
        return problems
    kept = []
    for p in problems:
        column = _LETTERS.get(p.column) if p.column else None
        if column not in AGREEMENT_COLUMNS:
            kept.append(p)
            continue
        value = row[column].raw
        values = table.data.get(column)
        import polars as pl

        key = ("" if value is None else value) if isinstance(values, pl.Series) else ("" if value is None else visible(f"{type(value).__name__}:{value}"))
        if (p.code, column, group, key) in reported:
            continue
        reported.add((p.code, column, group, key))
        kept.append(p)
    return kept


def _own_right(row, line, context, problems, *, holder_id: int, code: str) -> None:
    number = line.get("right_number")
    if number is None:
        return
    right = context.rights.get(number)
    if right is None or right[1] != holder_id:
        problems.append(_problem(row["right_number"], code, value=number))
    else:
        line["right_id"] = right[0]


def _check_base(row, line, context, problems, seen_keys) -> None:
    _own_right(row, line, context, problems, holder_id=context.organisation_id, code="right_not_yours")
    if line.get("year") is not None and line["year"] != context.period_year:
        problems.append(_problem(row["year"], "year_outside_period", value=line["year"], period=context.period_year))
    key = (line.get("right_number"), line.get("year"), line.get("base_type"))
    if None not in key:
        if key in seen_keys:
            problems.append(_problem(row["right_number"], "duplicate_row", first_row=seen_keys[key]))
        else:
            seen_keys[key] = row["right_number"].row


AGREEMENT_FIELDS = ("agreement_date", "performer_bin", "agreement_amount", "period_start", "period_end")
#: The problems of a cell's own reading (what the validator's stage 0 reports).
_CELL_CODES = frozenset({"control_character", "required", "text_too_long", "amount_not_a_number", "amount_too_many_decimals", "amount_not_positive", "amount_too_large",
                         "date_unreadable", "year_invalid", "bin_invalid", "choice_invalid", "value_unreadable", "base_negative"})


def _check_spending(row, line, context, problems, seen_docs, file_agreements, file_projects, start, end, period) -> None:
    _own_right(row, line, context, problems, holder_id=context.organisation_id, code="right_not_yours")
    bin_ = line.get("performer_bin")
    if bin_ is not None:
        performer = context.orgs_by_bin.get(bin_)
        if performer is None:
            problems.append(_problem(row["performer_bin"], "performer_unknown", value=bin_))
        elif performer == context.organisation_id:
            problems.append(_problem(row["performer_bin"], "performer_is_payer", value=bin_))
        else:
            line["performer_id"] = performer
    if line.get("period_start") and line.get("period_end") and line["period_end"] < line["period_start"]:
        problems.append(_problem(row["period_end"], "period_reversed"))
    paid = line.get("payment_date")
    if paid is not None and not start <= paid <= end:
        problems.append(_problem(row["payment_date"], "date_outside_period", value=f"{paid:%d.%m.%Y}", period=period))
    _credited_year(row, line, context, problems)
    currency = line.get("currency")
    if currency and currency != "KZT" and paid is not None and (currency, paid) not in context.rates:
        problems.append(_problem(row["currency"], "rate_missing", currency=currency, date=f"{paid:%d.%m.%Y}"))
    _duplicate(row, "document_number", line.get("document_number"), (paid, line.get("amount"), bin_), problems, seen_docs)
    number = line.get("agreement_number")
    if number is not None and number not in context.agreements:
        registered = _registered_spelling(number, line, context)
        if registered is not None:
            problems.append(_problem(row["agreement_number"], "agreement_number_variant", severity="warning", value=number, registered=registered))
            line["agreement_number"] = number = registered
    if number is not None:
        unread = {_LETTERS.get(p.column) for p in problems if p.severity == "error" and p.code in _CELL_CODES}
        _check_agreement(row, line, number, context, problems, file_agreements, unread)
    code = line.get("project_code")
    performer = context.orgs_by_bin.get(bin_) if bin_ is not None else None
    if code is not None:
        first_performer = file_projects.setdefault(code, performer)
        other = context.projects.get(code, first_performer)
        if performer is not None and other is not None and other != performer:
            problems.append(_problem(row["project_code"], "project_other_performer", value=code))


def _credited_year(row, line, context, problems) -> None:
    year = line.get("for_year")
    if year is not None and year != context.period_year:
        problems.append(_problem(row["for_year"], "for_year_differs", severity="warning", value=year, year=context.period_year))


def _duplicate(row, column, number, payment, problems, seen_docs, scope=()) -> None:
    """A number seen before as written (an error), or written differently on a row of the same payment (a warning)."""
    if number is None:
        return
    raw = ("raw", *scope, number)
    variant = ("variant", normalise_document_number(number), *scope, *payment)
    if raw in seen_docs:
        problems.append(_problem(row[column], "duplicate_document_number", value=number, first_row=seen_docs[raw]))
    elif None not in variant and variant in seen_docs:
        first_row, first = seen_docs[variant]
        problems.append(_problem(row[column], "duplicate_document_number_variant", severity="warning", value=number, first=first, first_row=first_row))
    seen_docs.setdefault(raw, row[column].row)
    if None not in variant:
        seen_docs.setdefault(variant, (row[column].row, number))


def _registered_spelling(number, line, context) -> str | None:
    described = tuple(line.get(f) for f in ("performer_bin", "agreement_date", "agreement_amount"))
    if None in described:
        return None
    same = [
        registered for registered, a in context.agreements.items()
        if normalise_document_number(registered) == normalise_document_number(number) and normalise_document_number(number) is not None
        and (a.get("performer_bin"), a.get("agreement_date"), a.get("agreement_amount")) == described
    ]
    return same[0] if len(same) == 1 else None


def _field(f: str) -> dict:
    header = _HEADERS.get(f)
    return {"field": f, **({"field_header": header} if header else {})}


def _check_agreement(row, line, number, context, problems, file_agreements, unread) -> None:
    """The agreement as registered, and as its first row in the file describes it: each field is
    compared with the first row whose cell of it was read (a cell in error is not compared)."""
    described = {f: line.get(f) for f in AGREEMENT_FIELDS}
    registered = context.agreements.get(number)
    if registered is not None:
        for f in AGREEMENT_FIELDS:
            if described[f] is not None and registered.get(f) is not None and described[f] != registered[f]:
                problems.append(_problem(row[f], "agreement_conflicts_with_registry", value=number, **_field(f)))
                break
    first = file_agreements.setdefault(number, {})
    differs = None
    for f in AGREEMENT_FIELDS:
        if f in unread:
            continue
        if f not in first:
            first[f] = (row[f].row, described[f])
        elif differs is None and described[f] != first[f][1]:
            differs = f
    if differs is not None:
        problems.append(_problem(row[differs], "agreement_inconsistent", value=number, **_field(differs), first_row=first[differs][0]))


def _check_treasury(row, line, context, problems, seen_docs, start, end, period) -> None:
    bin_ = line.get("payer_bin")
    payer = context.orgs_by_bin.get(bin_) if bin_ else None
    if bin_ is not None and payer is None:
        problems.append(_problem(row["payer_bin"], "payer_unknown", value=bin_))
    if payer is not None:
        line["payer_id"] = payer
        _own_right(row, line, context, problems, holder_id=payer, code="right_not_payers")
    paid = line.get("paid_on")
    if paid is not None and not start <= paid <= end:
        problems.append(_problem(row["paid_on"], "date_outside_period", value=f"{paid:%d.%m.%Y}", period=period))
    _credited_year(row, line, context, problems)
    _duplicate(row, "order_number", line.get("order_number"), (paid, line.get("amount")), problems, seen_docs, scope=(bin_,))
