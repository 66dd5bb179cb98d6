"""Strict validation of a parsed submission: the law's rules, each problem with its cell.

Pure (no Django): the service loads a :class:`Context` from the registry, this module checks every
row against it. Tolerance lives in the parser (encodings, separators, header languages); here the
rules are strict: BIN checksum, positive amounts with at most two decimals, dates inside the period,
the right belongs to the submitter, the agreement exists or is in the same file, a rate exists for
a foreign currency, no document number twice. Every database constraint a commit can meet has its
rule here (no control character, text within its field, the performer is not the payer, a project
is its performer's), so that a valid submission always commits.

The checks run column-wise (polars), so that a million-line report is validated in seconds:

* a cell is read by the normalisers of :mod:`~niokr.intake.parsing.values`, once per distinct raw
  value of its column (a column repeats few dates, BINs, currencies and agreement numbers); money
  and free text, whose values are mostly distinct, have a column-wise path for their plain
  spellings (``1 250 000,50``, ``12.5``; text without surrounding spaces) that gives what the
  normaliser gives, and every other spelling goes through the normaliser;
* the row rules (the right, the performer, the period, rates, duplicates, agreement consistency)
  are joins and window expressions over the whole table.

Problems come out in the order a reader of the file meets them: by row, then the cell problems in
column order, then the row rules in a fixed order. At most :data:`PROBLEMS_LISTED` problems are
listed (the first by row); the counts of errors and warnings are always exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from niokr.intake.formats import Column, ColumnType, Kind, form_for
from niokr.intake.project_forms import PROJECT_KINDS
from niokr.core.docnumbers import number_key
from niokr.intake.parsing import ParsedTable, Problem
from niokr.intake.parsing import values as V
from niokr.intake.parsing.model import CONTROL, CONTROL_PATTERN, PROBLEMS_LISTED, show, typed_params, visible

__all__ = ["Context", "ValidationResult", "validate_table", "period_bounds", "PROBLEMS_LISTED", "MONEY"]

MONEY = pl.Decimal(38, 2)
AGREEMENT_FIELDS = ("agreement_date", "performer_bin", "agreement_amount", "period_start", "period_end")
#: The payment part of a spending row. A row leaving all of it empty describes an agreement only
#: (an aggregator's onward agreement, or one not paid yet): nothing in it is required, nothing posts.
PAYMENT_PART = ("payment_date", "amount", "currency", "purpose", "document_number", "right_number", "for_year")

# Plain spellings of an amount that the column-wise path reads (everything else: the normaliser).
# Digits with an optional "," or "." and one or two decimals, or digits grouped by three with
# spaces; at most 15 integer digits (far below the limit of MONEY_MAX_DIGITS).
_PLAIN_MONEY = r"^(?:[0-9]{1,15}|[0-9]{1,3}(?: [0-9]{3}){1,4})(?:[.,][0-9]{1,2})?$"
_DTYPES = {
    ColumnType.MONEY: MONEY,
    ColumnType.DATE: pl.Date,
    ColumnType.YEAR: pl.Int64,
    ColumnType.INTEGER: pl.Int64,
}


@dataclass
class Context:
    """What the validator needs to know about the registry, loaded once per submission."""

    organisation_id: int
    period_year: int
    period_quarter: int | None = None
    rights: dict[str, tuple[int, int]] = field(default_factory=dict)  # number -> (right id, holder id)
    orgs_by_bin: dict[str, int] = field(default_factory=dict)
    agreements: dict[str, dict] = field(default_factory=dict)  # the submitter's agreements by number
    rates: set[tuple[str, date]] = field(default_factory=set)
    projects: dict[str, int] = field(default_factory=dict)  # registered project code -> its performer id
    #: What the R&D project sections check against (:mod:`niokr.intake.project_rules`): the
    #: submitter's agreements, stages, acts, projects and results, loaded by the service.
    lifecycle: dict = field(default_factory=dict)
    annual_committed: bool = False  # a quarterly file of a year whose annual report is committed


@dataclass
class ValidationResult:
    """The outcome of validation.

    Attributes:
        rows: data rows read.
        problems: the problems listed (all of them up to :data:`PROBLEMS_LISTED`).
        frame: the lines without errors, typed (money as ``Decimal(38, 2)``), with ``right_id``,
            ``performer_id`` / ``payer_id``, ``_row`` and ``_sheet``; what a commit posts.
        kind: the submission kind.
    """

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    frame: pl.DataFrame | None = None
    kind: str = ""
    error_count: int | None = None
    warning_count: int | None = None

    @property
    def errors(self) -> int:
        if self.error_count is not None:
            return self.error_count
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        if self.warning_count is not None:
            return self.warning_count
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def line_count(self) -> int:
        return 0 if self.frame is None else self.frame.height

    @property
    def lines(self) -> list[dict]:
        """The valid lines as dictionaries (money as two-place ``Decimal``); for small tables."""
        return [] if self.frame is None else self.frame.to_dicts()


def period_bounds(year: int, quarter: int | None) -> tuple[date, date]:
    """First and last day of the reported period."""
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


# --- collecting problems -----------------------------------------------------------------------------


class _Problems:
    """Problems found column-wise: exact counts, the first :data:`PROBLEMS_LISTED` of each rule listed."""

    def __init__(self, table: ParsedTable, height: int):
        self.table = table
        self.numbers = table.row_numbers
        self.items: list[tuple[int, int, int, int, Problem]] = []
        self.counts = {"error": 0, "warning": 0}
        self.bad = pl.Series("bad", [False] * height, dtype=pl.Boolean)
        self.height = height
        #: column → the key of the thing its rows describe together (a spending row's agreement
        #: number for the agreement's columns): a problem repeated on that key is reported once.
        self.groups: dict[str, pl.Series] = {}
        #: column → the rows whose cell in it has an error (a rule comparing rows leaves them out).
        self.cell_errors: dict[str, pl.Series] = {}
        self._keys: dict[str, pl.Series] = {}

    def raw(self, code: str, pos: int) -> object:
        values = self.table.data.get(code)
        return None if values is None else values[pos]

    def _key(self, column: str) -> pl.Series:
        """The cells of ``column`` as comparable text (blank: empty), once per column."""
        key = self._keys.get(column)
        if key is None:
            values = self.table.data.get(column)
            if values is None:
                key = pl.Series([""] * self.height, dtype=pl.String)
            elif isinstance(values, pl.Series):
                key = values.fill_null("")
            else:
                key = pl.Series(["" if v is None else visible(f"{type(v).__name__}:{v}") for v in values], dtype=pl.String)
            self._keys[column] = key
        return key

    def _first_of_group(self, mask: pl.Series, column: str) -> pl.Series:
        """``mask`` less the rows repeating a problem already on an earlier row of the same group
        with the same cell (:attr:`groups`): one problem per agreement and value, not per row."""
        group = self.groups.get(column)
        if group is None:
            return mask
        positions = mask.arg_true()
        rows = pl.DataFrame({"g": group.gather(positions), "k": self._key(column).gather(positions)})
        first = rows.select(pl.col("g").is_null() | pl.struct("g", "k").is_first_distinct()).to_series()
        if first.all():
            return mask
        keep = positions.filter(first)
        return pl.Series(mask.name, [False] * len(mask), dtype=pl.Boolean).scatter(keep, True)

    def add(self, mask: pl.Series, *, severity: str, code: str, column: str, stage: int, order: int, params: Callable[[int], dict], sub: int = 0) -> None:
        mask = mask.fill_null(False)
        if not mask.any():
            return
        if severity == "error":
            self.bad = self.bad | mask
            if stage == 0:
                self.cell_errors[column] = mask if column not in self.cell_errors else self.cell_errors[column] | mask
        mask = self._first_of_group(mask, column)
        count = int(mask.sum())
        self.counts[severity] += count
        letter = self.table.columns.get(column)
        header = self.table.headers.get(column)
        sheet = self.table.sheet
        for pos in mask.arg_true().head(PROBLEMS_LISTED).to_list():
            raw = self.raw(column, pos)
            found = params(pos)
            extra = {**typed_params(raw), **({"header": header} if header and "header" not in found else {})}
            problem = Problem(severity, code, sheet, int(self.numbers[pos]), letter, show(raw), {**found, **extra})
            self.items.append((pos, stage, order, sub, problem))
        if len(self.items) > 2 * PROBLEMS_LISTED:
            # Memory stays bounded across rules: what is cut has PROBLEMS_LISTED problems before it.
            self.items.sort(key=lambda item: item[:4])
            del self.items[PROBLEMS_LISTED:]

    def listed(self) -> list[Problem]:
        self.items.sort(key=lambda item: item[:4])
        return [item[4] for item in self.items[:PROBLEMS_LISTED]]


# --- reading the cells -------------------------------------------------------------------------------


def _normaliser(column: Column, kind: Kind) -> Callable[[object], tuple[object, list[Problem]]]:
    if column.type is ColumnType.MONEY:
        allow_zero = kind is Kind.BASE_FIGURES or column.allow_zero  # a base figure may be zero (no obligation follows)

        return lambda raw: V.parse_money(raw, allow_zero=allow_zero)
    if column.type is ColumnType.DATE:
        return V.parse_date
    if column.type is ColumnType.YEAR:
        return V.parse_year
    if column.type is ColumnType.INTEGER:
        return lambda raw: V.parse_integer(raw, column.bounds or (0, 10**12))
    if column.type is ColumnType.BIN:
        return V.parse_bin
    if column.type is ColumnType.CHOICE:
        return lambda raw: V.parse_choice(raw, column.choices)
    return V.parse_text


def _plain_money(s: pl.Series, allow_zero: bool) -> tuple[pl.Series, pl.Series]:
    """(mask of plainly spelled amounts, their value) — what ``parse_money`` gives them."""
    plain = s.str.contains(_PLAIN_MONEY).fill_null(False)
    text = pl.select(pl.when(plain).then(s.str.replace_all(" ", "", literal=True).str.replace(",", ".", literal=True))).to_series()
    amount = text.cast(MONEY, strict=False)
    plain = plain & ((amount >= 0) if allow_zero else (amount > 0)).fill_null(False)
    return plain, amount


def agreement_only_rows(table: ParsedTable, kind: Kind) -> pl.Series | None:
    """Spending rows whose whole :data:`PAYMENT_PART` is empty (``None`` for other kinds or none such)."""
    if kind is not Kind.SPENDING or not len(table):
        return None
    empty = pl.Series([True] * len(table), dtype=pl.Boolean)
    for code in PAYMENT_PART:
        raw = table.data.get(code)
        if raw is None:
            continue
        if isinstance(raw, pl.Series):
            blank = (raw.is_null() | raw.str.contains(V.BLANK_PATTERN)).fill_null(True)
        else:
            blank = pl.Series([v is None or (isinstance(v, str) and not v.strip()) for v in raw], dtype=pl.Boolean)
        empty = empty & blank
    return empty if empty.any() else None


def _read_column(column: Column, kind: Kind, raw: Sequence[object] | None, height: int, problems: _Problems, order: int, optional: pl.Series | None = None) -> pl.Series:
    """The typed values of one column; its cell problems go to ``problems``."""
    dtype = _DTYPES.get(column.type, pl.String)
    if raw is None:  # an optional column the file does not have
        return pl.Series(column.code, [None] * height, dtype=dtype)
    # A control character refuses the cell before anything else reads it (it is no blank either).
    if isinstance(raw, pl.Series):
        control = raw.str.contains(CONTROL_PATTERN).fill_null(False)
    else:
        control = pl.Series([isinstance(v, str) and CONTROL.search(v) is not None for v in raw], dtype=pl.Boolean)
    has_control = bool(control.any())
    if has_control:
        problems.add(control, severity="error", code="control_character", column=column.code, stage=0, order=order, params=lambda pos: {"column": column.code, "character": control_character(raw[pos])})
    values = _read_cells(column, kind, raw, height, problems, order, control if has_control else None, optional if column.code in PAYMENT_PART else None)
    if has_control:
        values = pl.select(pl.when(control.not_()).then(values).otherwise(None)).to_series()
    if column.max_length is not None:
        lengths = values.str.len_chars()
        long = (lengths > column.max_length).fill_null(False)
        if long.any():
            problems.add(long, severity="error", code="text_too_long", column=column.code, stage=0, order=order, sub=1,
                         params=lambda pos: {"column": column.code, "limit": column.max_length, "length": int(lengths[pos])})
            values = pl.select(pl.when(long.not_()).then(values).otherwise(None)).to_series()
    return values.alias(column.code)


def control_character(value: object) -> str:
    """The first control character of ``value``, escaped as a problem quotes it (``\\x00``)."""
    found = CONTROL.search(value) if isinstance(value, str) else None
    return visible(found.group()) if found else ""


def _read_cells(column: Column, kind: Kind, raw: Sequence[object], height: int, problems: _Problems, order: int, control: pl.Series | None, optional: pl.Series | None) -> pl.Series:
    dtype = _DTYPES.get(column.type, pl.String)
    if isinstance(raw, pl.Series):
        blank = (raw.is_null() | raw.str.contains(V.BLANK_PATTERN)).fill_null(True)
        if control is not None:
            blank = blank & control.not_()
        if column.required:
            problems.add(blank if optional is None else blank & optional.not_(), severity="error", code="required", column=column.code, stage=0, order=order, params=lambda pos: {"column": column.code})
        if column.type is ColumnType.TEXT:
            # str.strip(), as parse_text does; the column is copied only when some value needs it.
            values = raw.str.strip_chars(V.WHITESPACE) if raw.str.contains(V.EDGE_SPACE_PATTERN).any() else raw
            if blank.any():
                values = pl.select(pl.when(blank.not_()).then(values).otherwise(None)).to_series()
            return values.alias(column.code)
        fast = pl.Series([False] * height, dtype=pl.Boolean)
        fast_values = None
        if column.type is ColumnType.MONEY:
            fast, fast_values = _plain_money(raw, allow_zero=kind is Kind.BASE_FIGURES or column.allow_zero)
            fast = fast & blank.not_()
        wanted = blank.not_() & fast.not_()
        others = raw.filter(wanted if control is None else wanted & control.not_()).unique().to_list()
    else:
        blank = pl.Series([v is None or (isinstance(v, str) and not v.strip()) for v in raw], dtype=pl.Boolean)
        if control is not None:
            blank = blank & control.not_()
        if column.required:
            problems.add(blank if optional is None else blank & optional.not_(), severity="error", code="required", column=column.code, stage=0, order=order, params=lambda pos: {"column": column.code})
        fast, fast_values = None, None
        skip = control.to_list() if control is not None else [False] * height
        others = list({(type(v), v): v for v, b, c in zip(raw, blank, skip) if not b and not c}.values())

    normalise = _normaliser(column, kind)
    parsed = {}
    with_problems = {}
    for value in others:
        result, found = normalise(value)
        parsed[(type(value), value)] = result
        if found:
            with_problems[(type(value), value)] = found
    if isinstance(raw, pl.Series):
        keys = [v for (_t, v) in parsed]
        mapped = raw.replace_strict(keys, list(parsed.values()), default=None, return_dtype=dtype) if keys else pl.Series([None] * height, dtype=dtype)
        values = pl.select(pl.when(fast).then(fast_values).otherwise(mapped)).to_series() if fast_values is not None else mapped
        values = pl.select(pl.when(blank.not_()).then(values).otherwise(None)).to_series()
    else:
        skip = control.to_list() if control is not None else [False] * height
        values = pl.Series([None if b or c else parsed[(type(v), v)] for v, b, c in zip(raw, blank, skip)], dtype=dtype)
    for key, found in with_problems.items():
        mask = _equals(raw, key)
        for sub, p in enumerate(found):
            code = "base_negative" if p.code == "amount_not_positive" and kind is Kind.BASE_FIGURES else p.code
            if code == "amount_not_positive" and column.allow_zero:
                code = "amount_negative"  # zero is an amount of this column
            problems.add(mask, severity=p.severity, code=code, column=column.code, stage=0, order=order, sub=sub + 1, params=lambda pos, p=p: {**p.params, "column": column.code})
    return values


def _equals(raw: Sequence[object], key: tuple[type, object]) -> pl.Series:
    kind, value = key
    if isinstance(raw, pl.Series):
        return (raw == value).fill_null(False)
    return pl.Series([type(v) is kind and v == value for v in raw], dtype=pl.Boolean)


# --- the rules ---------------------------------------------------------------------------------------


def validate_table(table: ParsedTable, *, kind: str, context: Context) -> ValidationResult:
    """Check every row of ``table`` as a submission of ``kind``; return the valid lines and the problems."""
    form = form_for(kind)
    early, late = list(table.early_problems), table.late_problems
    if context.annual_committed:  # its payments are in the annual report already: posting them again counts them twice
        early.append(Problem("error", "annual_report_committed", table.sheet, None, None, None, {"year": context.period_year, "quarter": context.period_quarter}))
    result = ValidationResult(problems=early, kind=form.kind.value)
    if any(p.severity == "error" for p in early):
        result.problems = early + list(late)
        result.error_count = table.unlisted["error"] + sum(1 for p in result.problems if p.severity == "error")
        result.warning_count = table.unlisted["warning"] + sum(1 for p in result.problems if p.severity == "warning")
        result.problems = result.problems[:PROBLEMS_LISTED]
        return result
    height = len(table)
    result.rows = height
    problems = _Problems(table, height)
    if form.kind is Kind.SPENDING:
        _group_by_agreement(table, problems, height)
    optional = agreement_only_rows(table, form.kind)
    frame = pl.DataFrame(
        [_read_column(column, form.kind, table.data.get(column.code), height, problems, order, optional) for order, column in enumerate(form.columns)]
        + [pl.Series("_pos", range(height), dtype=pl.Int64), pl.Series("_row", list(table.row_numbers), dtype=pl.Int64)],
    )
    start, end = period_bounds(context.period_year, context.period_quarter)
    if form.kind is Kind.BASE_FIGURES:
        frame = _check_base(frame, context, problems)
    elif form.kind is Kind.SPENDING:
        frame = _check_spending(frame, context, problems, start, end)
    elif form.kind in PROJECT_KINDS:
        from niokr.intake.project_rules import check_project_kind

        frame = check_project_kind(form.kind, frame, context, problems)
    else:
        frame = _check_treasury(frame, context, problems, start, end)
    if problems.bad.any():  # a filter copies every column: only when there is something to leave out
        frame = frame.filter(problems.bad.not_())
    result.frame = frame.drop("_pos").with_columns(pl.lit(table.sheet).alias("_sheet"))
    result.problems = early + problems.listed() + list(late)
    if height == 0:
        result.problems.append(Problem("error", "no_rows", table.sheet, table.header_row, None, None, {}))
    counted = early + list(late) + ([result.problems[-1]] if height == 0 else [])
    result.error_count = problems.counts["error"] + table.unlisted["error"] + sum(1 for p in counted if p.severity == "error")
    result.warning_count = problems.counts["warning"] + table.unlisted["warning"] + sum(1 for p in counted if p.severity == "warning")
    result.problems = result.problems[:PROBLEMS_LISTED]
    return result


#: The columns of a spending row that describe its agreement (repeated on each of its rows).
AGREEMENT_COLUMNS = ("agreement_number", *AGREEMENT_FIELDS, "subject", "direction")


def _group_by_agreement(table: ParsedTable, problems: _Problems, height: int) -> None:
    """One problem per real problem: a spending file repeats its agreement's columns on every
    payment row, so a fault of the agreement (a wrong BIN, a missing date, an unregistered
    performer, a second description) is reported once per agreement and value — at its first
    row — however many rows repeat it. The repeating rows stay refused with it."""
    numbers = table.data.get("agreement_number")
    if numbers is None:
        return
    if isinstance(numbers, pl.Series):
        key = numbers.str.strip_chars(V.WHITESPACE)
    else:
        key = pl.Series([None if v is None else (v.strip() if isinstance(v, str) else show(v)) for v in numbers], dtype=pl.String)
    key = pl.select(pl.when(key.str.len_chars() > 0).then(key)).to_series()
    for column in AGREEMENT_COLUMNS:
        problems.groups[column] = key


def _lookup(frame: pl.DataFrame, key: str, mapping: dict, name: str, dtype=pl.Int64) -> pl.Series:
    """``mapping[frame[key]]`` column-wise (null where the key is null or unknown)."""
    keys = frame[key]
    if not mapping:
        return pl.Series(name, [None] * frame.height, dtype=dtype)
    wanted = keys.drop_nulls().unique().to_list()
    found = {k: mapping[k] for k in wanted if k in mapping}
    if not found:
        return pl.Series(name, [None] * frame.height, dtype=dtype)
    return keys.replace_strict(list(found), list(found.values()), default=None, return_dtype=dtype).alias(name)


def _own_right(frame: pl.DataFrame, context: Context, holder: pl.Series | int, problems: _Problems, code: str, order: int) -> pl.DataFrame:
    numbers = frame["right_number"]
    ids = _lookup(frame, "right_number", {n: v[0] for n, v in context.rights.items()}, "right_id")
    holders = _lookup(frame, "right_number", {n: v[1] for n, v in context.rights.items()}, "_holder")
    mine = (holders == holder).fill_null(False)
    wrong = numbers.is_not_null() & mine.not_()
    if isinstance(holder, pl.Series):
        wrong = wrong & holder.is_not_null()
    problems.add(wrong, severity="error", code=code, column="right_number", stage=1, order=order, params=lambda pos: {"value": numbers[pos]})
    return frame.with_columns(pl.select(pl.when(mine).then(ids).otherwise(None)).to_series().alias("right_id"))


def _outside(frame: pl.DataFrame, column: str, start: date, end: date, problems: _Problems, order: int) -> None:
    paid = frame[column]
    period = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    outside = paid.is_not_null() & ((paid < start) | (paid > end))
    problems.add(outside, severity="error", code="date_outside_period", column=column, stage=1, order=order, params=lambda pos: {"value": f"{paid[pos]:%d.%m.%Y}", "period": period})


def _repeated(frame: pl.DataFrame, key: pl.Expr, present: pl.Expr) -> tuple[pl.Series, pl.Series]:
    """(rows whose key occurred on an earlier row, the row of that first occurrence)."""
    rows = frame.select(
        (present & key.is_first_distinct().not_()).alias("again"),
        pl.col("_row").first().over(key).alias("first_row"),
    )
    return rows["again"], rows["first_row"]


def normalise_document_number(number: str | None) -> str | None:
    """A payment order's or agreement's number as accountants mean it, however it was written
    ("ПП-2745", "ПП 2745", "№ 002745" are one number): the shared key of
    :func:`niokr.core.docnumbers.number_key`, the one place intake reads numbers this way."""
    return number_key(number)


def _normalised(series: pl.Series) -> pl.Series:
    """:func:`normalise_document_number` of each value, computed once per distinct value."""
    values = series.drop_nulls().unique().to_list()
    if not values:
        return pl.Series(series.name, [None] * len(series), dtype=pl.String)
    return series.replace_strict(values, [normalise_document_number(v) for v in values], default=None, return_dtype=pl.String)


def _duplicate_documents(frame: pl.DataFrame, number: str, same_payment: list[str], problems: _Problems, *, order: int, scope: list[str] = ()) -> None:
    """A document number met on an earlier row of the file (within ``scope``).

    As written, it is refused (``duplicate_document_number``). Written differently
    (:func:`normalise_document_number`: "ПП-0457" and "457") on a row of the same payment
    (``same_payment``: date, amount, performer or payer), it is most likely the same payment
    reported twice: a warning names both spellings and the first row
    (``duplicate_document_number_variant``), and the control indicators judge it once committed
    (an accountant's retyping is not certain enough to refuse a whole file on).
    """
    raw = pl.concat_str([*(pl.col(c).fill_null("None") for c in scope), pl.col(number)], separator="\x1f")
    again, first_row = _repeated(frame, raw, pl.col(number).is_not_null())
    numbers = frame[number]
    problems.add(again, severity="error", code="duplicate_document_number", column=number, stage=1, order=order,
                 params=lambda pos: {"value": numbers[pos], "first_row": first_row[pos]})
    keyed = frame.with_columns(_normalised(numbers).alias("_number_key"))
    variant = pl.concat_str([pl.col("_number_key"), *(pl.col(c).cast(pl.String) for c in [*scope, *same_payment])], separator="\x1f")
    again_variant, first_variant = _repeated(keyed, variant, variant.is_not_null())
    first_spelling = keyed.select(pl.col(number).first().over(variant)).to_series()
    problems.add(again_variant & again.not_(), severity="warning", code="duplicate_document_number_variant", column=number, stage=1, order=order, sub=1,
                 params=lambda pos: {"value": numbers[pos], "first": first_spelling[pos], "first_row": first_variant[pos]})


def _credited_year(frame: pl.DataFrame, context: Context, problems: _Problems, *, order: int) -> None:
    """A warning where a row credits another year than the file's: often a slip (2025 in a 2026 file)."""
    year = frame["for_year"]
    problems.add(year.is_not_null() & (year != context.period_year), severity="warning", code="for_year_differs", column="for_year", stage=1, order=order, sub=1,
                 params=lambda pos: {"value": year[pos], "year": context.period_year})


def _registered_spelling(frame: pl.DataFrame, context: Context, problems: _Problems) -> pl.DataFrame:
    """A registered agreement whose number the report writes differently ("НИОКР 17" for
    "НИОКР-17") with the same performer, signing date and amount is that agreement: the row is
    read with the registered number (a warning names both), never registered a second time."""
    fields = ("performer_bin", "agreement_date", "agreement_amount")
    by_key: dict[tuple, list[str]] = {}
    for number, agreement in context.agreements.items():
        key = normalise_document_number(number)
        if key is not None:
            by_key.setdefault((key, *(agreement.get(f) for f in fields)), []).append(number)
    numbers = frame["agreement_number"]
    unknown = numbers.is_not_null() & numbers.is_in(pl.Series(list(context.agreements), dtype=pl.String).implode()).not_()
    if not by_key or not unknown.any():
        return frame
    columns = ["agreement_number", *fields]
    matches = []
    for number, *described in frame.filter(unknown).select(columns).unique().iter_rows():
        same = by_key.get((normalise_document_number(number), *described), []) if None not in described else []
        if len(same) == 1:
            matches.append((number, *described, same[0]))
    if not matches:
        return frame
    found = pl.DataFrame(matches, schema={**{c: frame.schema[c] for c in columns}, "_registered": pl.String}, orient="row")
    registered = frame.select(columns).join(found, on=columns, how="left", maintain_order="left")["_registered"]
    problems.add(registered.is_not_null(), severity="warning", code="agreement_number_variant", column="agreement_number", stage=1, order=6, sub=2,
                 params=lambda pos: {"value": numbers[pos], "registered": registered[pos]})
    return frame.with_columns(pl.coalesce(registered, pl.col("agreement_number")).alias("agreement_number"))


def _check_base(frame: pl.DataFrame, context: Context, problems: _Problems) -> pl.DataFrame:
    frame = _own_right(frame, context, context.organisation_id, problems, "right_not_yours", 1)
    year = frame["year"]
    problems.add(year.is_not_null() & (year != context.period_year), severity="error", code="year_outside_period", column="year", stage=1, order=2,
                 params=lambda pos: {"value": year[pos], "period": context.period_year})
    key = pl.concat_str([pl.col("right_number"), pl.col("year").cast(pl.String), pl.col("base_type")], separator="\x1f")
    again, first_row = _repeated(frame, key, key.is_not_null())
    problems.add(again, severity="error", code="duplicate_row", column="right_number", stage=1, order=3, params=lambda pos: {"first_row": first_row[pos]})
    return frame


def _check_spending(frame: pl.DataFrame, context: Context, problems: _Problems, start: date, end: date) -> pl.DataFrame:
    frame = _own_right(frame, context, context.organisation_id, problems, "right_not_yours", 1)
    bins = frame["performer_bin"]
    frame = frame.with_columns(_lookup(frame, "performer_bin", context.orgs_by_bin, "performer_id"))
    problems.add(bins.is_not_null() & frame["performer_id"].is_null(), severity="error", code="performer_unknown", column="performer_bin", stage=1, order=2,
                 params=lambda pos: {"value": bins[pos]})
    # An agreement's payer and performer differ (the database's agreement_parties_differ).
    problems.add((frame["performer_id"] == context.organisation_id).fill_null(False), severity="error", code="performer_is_payer", column="performer_bin", stage=1, order=2,
                 params=lambda pos: {"value": bins[pos]})
    problems.add(frame["period_end"] < frame["period_start"], severity="error", code="period_reversed", column="period_end", stage=1, order=3, params=lambda pos: {})
    _outside(frame, "payment_date", start, end, problems, 4)

    currency, paid = frame["currency"], frame["payment_date"]
    foreign = currency.is_not_null() & (currency != "KZT") & paid.is_not_null()
    if foreign.any():
        rated = pl.Series([f"{c}|{d.isoformat()}" for c, d in context.rates], dtype=pl.String)
        keys = frame.select(pl.concat_str([pl.col("currency"), pl.lit("|"), pl.col("payment_date").cast(pl.String)])).to_series()
        problems.add(foreign & keys.is_in(rated.implode()).not_(), severity="error", code="rate_missing", column="currency", stage=1, order=5,
                     params=lambda pos: {"currency": currency[pos], "date": f"{paid[pos]:%d.%m.%Y}"})

    _credited_year(frame, context, problems, order=4)
    _duplicate_documents(frame, "document_number", ["payment_date", "amount", "performer_bin"], problems, order=6)

    if context.agreements:
        frame = _registered_spelling(frame, context, problems)
    numbers = frame["agreement_number"]
    if context.agreements:
        registered = pl.DataFrame(
            {
                "agreement_number": list(context.agreements),
                **{f"_reg_{f}": [a.get(f) for a in context.agreements.values()] for f in AGREEMENT_FIELDS},
            },
            schema={"agreement_number": pl.String, **{f"_reg_{f}": frame.schema[f] for f in AGREEMENT_FIELDS}},
        )
        joined = frame.select("agreement_number", *AGREEMENT_FIELDS).join(registered, on="agreement_number", how="left", maintain_order="left")
        differs = [pl.col(f).is_not_null() & pl.col(f"_reg_{f}").is_not_null() & (pl.col(f) != pl.col(f"_reg_{f}")) for f in AGREEMENT_FIELDS]
        _first_difference(joined, differs, problems, numbers, code="agreement_conflicts_with_registry", order=7, extra=lambda pos, f: {})

    # A cell already reported (a BIN that is no BIN, a date that is no date) is not compared: the
    # rows are compared with the agreement's first row whose cell was read, so that one wrong cell
    # does not make every other row of the agreement "described differently" too.
    read = [
        (problems.cell_errors[f].not_() if f in problems.cell_errors else pl.Series([True] * frame.height, dtype=pl.Boolean)).alias(f"_read_{f}")
        for f in AGREEMENT_FIELDS
    ]
    first = frame.with_columns(read).select(
        *[pl.col(f).filter(pl.col(f"_read_{f}")).first().over("agreement_number").alias(f"_first_{f}") for f in AGREEMENT_FIELDS],
        *[pl.col("_row").filter(pl.col(f"_read_{f}")).first().over("agreement_number").alias(f"_first_row_{f}") for f in AGREEMENT_FIELDS],
        *[pl.col(f"_read_{f}") for f in AGREEMENT_FIELDS],
        *AGREEMENT_FIELDS,
        "_row",
        pl.col("agreement_number").is_not_null().alias("_numbered"),
    )
    differs = [
        pl.col("_numbered") & pl.col(f"_read_{f}") & (pl.col("_row") != pl.col(f"_first_row_{f}")) & pl.col(f).ne_missing(pl.col(f"_first_{f}"))
        for f in AGREEMENT_FIELDS
    ]
    first_rows = {f: first[f"_first_row_{f}"] for f in AGREEMENT_FIELDS}
    _first_difference(first, differs, problems, numbers, code="agreement_inconsistent", order=8, extra=lambda pos, f: {"first_row": first_rows[f][pos]})

    # A project is its performer's: a registered project of another performer, or a code the file
    # gives two performers, cannot be linked (the project would be judged against the wrong work).
    codes = frame["project_code"]
    if codes.is_not_null().any():
        registered = _lookup(frame, "project_code", context.projects, "_project_performer")
        owner = frame.select(pl.coalesce(registered, pl.col("performer_id").first().over("project_code"))).to_series()
        performer = frame["performer_id"]
        other = codes.is_not_null() & performer.is_not_null() & owner.is_not_null() & (owner != performer)
        problems.add(other, severity="error", code="project_other_performer", column="project_code", stage=1, order=9, params=lambda pos: {"value": codes[pos]})
    return frame


def _first_difference(frame: pl.DataFrame, differs: list[pl.Expr], problems: _Problems, numbers: pl.Series, *, code: str, order: int, extra: Callable[[int, str], dict]) -> None:
    """One problem per row, at the first agreement field that differs; the field is named by its
    header as the file writes it (``field_header``), its code kept in ``field``."""
    which = frame.select(pl.coalesce([pl.when(d.fill_null(False)).then(pl.lit(i)) for i, d in enumerate(differs)]).alias("which"))["which"]
    for i, f in enumerate(AGREEMENT_FIELDS):
        header = problems.table.headers.get(f)
        problems.add(which == i, severity="error", code=code, column=f, stage=1, order=order,
                     params=lambda pos, f=f, header=header: {"value": numbers[pos], "field": f, **({"field_header": header} if header else {}), **extra(pos, f)})


def _check_treasury(frame: pl.DataFrame, context: Context, problems: _Problems, start: date, end: date) -> pl.DataFrame:
    bins = frame["payer_bin"]
    payer = _lookup(frame, "payer_bin", context.orgs_by_bin, "payer_id")
    frame = frame.with_columns(payer)
    problems.add(bins.is_not_null() & payer.is_null(), severity="error", code="payer_unknown", column="payer_bin", stage=1, order=1, params=lambda pos: {"value": bins[pos]})
    frame = _own_right(frame, context, payer, problems, "right_not_payers", 2)
    _outside(frame, "paid_on", start, end, problems, 3)
    _credited_year(frame, context, problems, order=3)
    _duplicate_documents(frame, "order_number", ["paid_on", "amount"], problems, order=4, scope=["payer_bin"])
    return frame
