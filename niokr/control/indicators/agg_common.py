"""Shared building blocks of the aggregate and pattern indicators (NK-08 … NK-19, NK-21).

Every indicator of this family ends the same way: each subject in scope gets a machine reason when
it cannot be judged, otherwise ``flagged`` or ``clear``; flagged rows carry a JSON evidence object
and the money at stake. :func:`judge` and :func:`finish` keep that shape in one place so that the
indicators only state their conditions.

Evidence values are chosen for the explanation sentence: dates as ``DD.MM.YYYY`` text (the form
used in Kazakh documents in all three languages), shares as percentages, money as tiyn under keys
ending in ``_tiyn``. Where a phrase depends on a coded value (a base type, an acceptance state) the
evidence holds the phrase in each language under ``<key>_kk``, ``<key>_ru`` and ``<key>_en``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import polars as pl

from niokr.control.indicators.base import LANGUAGES, Frames, outcome

__all__ = [
    "FLAGGED", "CLEAR", "NOT_COMPUTABLE", "DAY_FORMAT", "BASE_TYPE_LABELS",
    "judge", "finish", "evidence", "day", "day_of", "pct", "year_end", "organisations", "with_bin", "labels",
]

FLAGGED, CLEAR, NOT_COMPUTABLE = "flagged", "clear", "not_computable"
DAY_FORMAT = "%d.%m.%Y"

#: Names of the base types of ``right_years.base_type`` in the explanation languages.
BASE_TYPE_LABELS: Mapping[str, Mapping[str, str]] = {
    "aggregate_income": {"kk": "жылдық жиынтық табыс", "ru": "совокупный годовой доход", "en": "aggregate annual income"},
    "production_costs": {"kk": "өндіру шығындары", "ru": "расходы на добычу", "en": "production costs"},
}


def judge(frame: pl.DataFrame, reasons: Sequence[tuple[pl.Expr, str]], flagged: pl.Expr) -> pl.DataFrame:
    """Add ``reason`` and ``status`` to ``frame``.

    Args:
        frame: one row per subject in scope.
        reasons: ``(condition, code)`` pairs; the first condition that holds makes the subject
            not computable with that code (a null condition does not hold).
        flagged: the finding; it is only asked of subjects that can be judged, and a null answer
            counts as clear, so every input it reads must be covered by a reason when missing.
    """
    reason: pl.Expr = pl.lit(None, dtype=pl.Utf8)
    for condition, code in reversed(reasons):
        reason = pl.when(condition.fill_null(False)).then(pl.lit(code)).otherwise(reason)
    return frame.with_columns(reason.alias("reason")).with_columns(
        pl.when(pl.col("reason").is_not_null()).then(pl.lit(NOT_COMPUTABLE))
        .when(flagged.fill_null(False)).then(pl.lit(FLAGGED))
        .otherwise(pl.lit(CLEAR))
        .alias("status")
    )


def finish(frame: pl.DataFrame, *, subject_id: pl.Expr, year: pl.Expr | None, payer_id: pl.Expr, evidence: pl.Expr, amount: pl.Expr | None) -> pl.DataFrame:
    """The outcome frame of a judged ``frame`` (see :func:`judge`): evidence and amount on flagged rows only.

    The evidence (JSON text, labels in three languages) is built for the flagged rows alone: a
    ``when``/``then`` would compute it for every subject in scope and discard most of it.
    """
    year_expr = (year if year is not None else pl.lit(None, dtype=pl.Int32)).alias("year")
    amount_expr = (amount if amount is not None else pl.lit(None, dtype=pl.Int64)).cast(pl.Int64).alias("amount")
    flagged = frame.filter(pl.col("status") == FLAGGED)
    rest = frame.filter(pl.col("status") != FLAGGED)
    return pl.concat([
        outcome(flagged.select(subject_id.alias("subject_id"), year_expr, payer_id.alias("payer_id"), pl.col("status"), pl.col("reason"), evidence.alias("evidence"), amount_expr)),
        outcome(rest.select(subject_id.alias("subject_id"), year_expr, payer_id.alias("payer_id"), pl.col("status"), pl.col("reason"))),
    ])


def evidence(**fields: pl.Expr) -> pl.Expr:
    """A JSON object of ``fields`` (their names are the explanation placeholders)."""
    return pl.struct(**fields).struct.json_encode()


def day(expr: pl.Expr) -> pl.Expr:
    """A date as ``DD.MM.YYYY`` text."""
    return expr.dt.strftime(DAY_FORMAT)


def day_of(value: date) -> pl.Expr:
    """A fixed date (such as ``as_of``) as ``DD.MM.YYYY`` text."""
    return pl.lit(value.strftime(DAY_FORMAT))


def pct(expr: pl.Expr, digits: int = 1) -> pl.Expr:
    """A share as a percentage, rounded for reading."""
    return (expr.cast(pl.Float64) * 100.0).round(digits)


def year_end(year: pl.Expr, plus_days: int = 0) -> pl.Expr:
    """31 December of ``year`` moved by ``plus_days`` (the deadlines are counted from it)."""
    return pl.date(year, 12, 31) + pl.duration(days=int(plus_days))


def organisations(frames: Frames) -> pl.DataFrame:
    """``org_id``, ``bin``, ``kind``, ``registered_on``, ``name`` — empty when the frame was not supplied.

    Several indicators only decorate their evidence with BINs; they still judge without them.
    """
    if frames.has("organisations"):
        return frames["organisations"].select("org_id", "bin", "kind", "registered_on", "name").unique("org_id", keep="first")
    return pl.DataFrame(schema={"org_id": pl.Int64, "bin": pl.Utf8, "kind": pl.Utf8, "registered_on": pl.Date, "name": pl.Utf8})


def with_bin(frame: pl.DataFrame, orgs: pl.DataFrame, id_column: str, alias: str) -> pl.DataFrame:
    """``frame`` with the BIN of the organisation in ``id_column`` as ``alias``."""
    return frame.join(orgs.select(pl.col("org_id").alias(id_column), pl.col("bin").alias(alias)), on=id_column, how="left")


def labels(code: pl.Expr, table: Mapping[str, Mapping[str, str]], key: str) -> dict[str, pl.Expr]:
    """Evidence fields ``<key>_kk``, ``<key>_ru``, ``<key>_en``: the phrase for ``code`` in each language."""
    out = {}
    for lang in LANGUAGES:
        mapping = {c: texts[lang] for c, texts in table.items()}
        out[f"{key}_{lang}"] = code.replace_strict(mapping, default=code, return_dtype=pl.Utf8)
    return out

