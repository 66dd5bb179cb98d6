"""Bulk loading of rows with explicit primary keys: PostgreSQL ``COPY … FROM STDIN``, SQLite ``executemany``.

Used where millions of rows are written at once (the synthetic country, bulk intake). Rows are plain
tuples in the order of ``fields``; no model instances are built and no signals are sent.

Values may be ``str``, ``int``, ``bool``, ``float``, ``Decimal``, ``date``, ``datetime``, ``None``,
``dict`` or ``list`` (JSON). Naive datetimes are taken as UTC, as Django's connections are.

On PostgreSQL :func:`indexes_deferred` drops a table's secondary indexes, unique and foreign-key
constraints for the duration of a load into empty tables and rebuilds them afterwards in one
set-wise pass each (the technique ``pg_restore`` uses): building an index once is several times
faster than maintaining it row by row, and a foreign key validated by one join is much faster than
one trigger call per row. The schema is identical afterwards, and because PostgreSQL DDL is
transactional, a failure inside the enclosing transaction leaves nothing changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection

__all__ = ["bulk_load", "copy_frame", "reserve_ids", "reset_sequences", "indexes_deferred", "copy_text_value", "sqlite_value"]

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"


def _escape(text: str) -> str:
    """Escape a string for COPY's text format (backslash, tab, newline, carriage return)."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.translate(_COPY_ESCAPES)
    return text


def _utc_naive(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _copy_datetime(value: datetime) -> str:
    return _utc_naive(value).isoformat(sep=" ") + "+00"


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _copy_formatters() -> dict[type, Callable[[object], str]]:
    """Formatters by exact type for COPY text; dates are memoised (a load repeats few thousand days)."""
    date_cache: dict[date, str] = {}
    datetime_cache: dict[datetime, str] = {}

    def fmt_date(value: date) -> str:
        text = date_cache.get(value)
        if text is None:
            text = date_cache[value] = value.isoformat()
        return text

    def fmt_datetime(value: datetime) -> str:
        text = datetime_cache.get(value)
        if text is None:
            text = datetime_cache[value] = _copy_datetime(value)
        return text

    return {
        str: _escape,
        int: int.__str__,
        bool: lambda v: "t" if v else "f",
        float: repr,
        Decimal: lambda v: format(v, "f"),
        date: fmt_date,
        datetime: fmt_datetime,
        dict: lambda v: _escape(_json_text(v)),
        list: lambda v: _escape(_json_text(v)),
        type(None): lambda v: _NULL,
    }


def _resolve(table: dict[type, Callable], kind: type) -> Callable:
    """The formatter for a subclass of a known type (e.g. a ``str`` subclass), cached in ``table``."""
    # datetime before date and bool before int: the more specific class first.
    for base in (bool, int, datetime, date, str, Decimal, float, dict, list):
        if issubclass(kind, base):
            table[kind] = table[base]
            return table[kind]
    raise TypeError(f"bulk_load cannot store a value of type {kind.__name__}")


def copy_text_value(value) -> str:
    """One value in PostgreSQL COPY text format (for tests and one-off use; loads use a cached table)."""
    table = _copy_formatters()
    fmt = table.get(type(value)) or _resolve(table, type(value))
    return fmt(value)


def sqlite_value(value):
    """One value as Django's SQLite backend stores it (dates as ISO text, decimals as text, JSON as text)."""
    if value is None:
        return None
    kind = type(value)
    if kind is int or kind is str or kind is float:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str | float):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return _utc_naive(value).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return _json_text(value)
    raise TypeError(f"bulk_load cannot store a value of type {kind.__name__}")


def _columns(model, fields: list[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in fields]


def bulk_load(model, fields: list[str], rows: Iterable[tuple], *, batch_rows: int = 50000) -> int:
    """Insert ``rows`` into ``model``'s table and return how many were written.

    Primary keys are explicit: ``fields`` normally starts with ``"id"``. Call
    :func:`reset_sequences` afterwards so that later ORM inserts do not collide.

    Args:
        model: the Django model whose table receives the rows.
        fields: model field names (``"holder"`` or ``"holder_id"`` both name the FK column).
        rows: tuples of values in the order of ``fields``.
        batch_rows: rows per ``copy.write`` (PostgreSQL) or per ``executemany`` (SQLite).

    Raises:
        TypeError: a value of a type that cannot be stored.
        ValueError: a row whose length differs from ``fields``.
    """
    columns = _columns(model, fields)
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    column_list = ", ".join(qn(c) for c in columns)
    width = len(columns)
    if connection.vendor == "postgresql":
        return _copy_rows(f"COPY {table} ({column_list}) FROM STDIN", rows, width, batch_rows)
    placeholders = ", ".join(["%s"] * width)
    return _executemany_rows(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", rows, width, batch_rows)


def _copy_rows(sql: str, rows: Iterable[tuple], width: int, batch_rows: int) -> int:
    formatters = _copy_formatters()
    get = formatters.get
    written = 0
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(sql) as copy:
            lines: list[str] = []
            for row in rows:
                if len(row) != width:
                    raise ValueError(f"row {written + len(lines) + 1} has {len(row)} values, expected {width}: {row!r}")
                lines.append("\t".join([(get(type(v)) or _resolve(formatters, type(v)))(v) for v in row]))
                if len(lines) >= batch_rows:
                    lines.append("")
                    copy.write("\n".join(lines))
                    written += len(lines) - 1
                    lines = []
            if lines:
                lines.append("")
                copy.write("\n".join(lines))
                written += len(lines) - 1
    return written


def _executemany_rows(sql: str, rows: Iterable[tuple], width: int, batch_rows: int) -> int:
    written = 0
    with connection.cursor() as cursor:
        batch: list[tuple] = []
        for row in rows:
            if len(row) != width:
                raise ValueError(f"row {written + len(batch) + 1} has {len(row)} values, expected {width}: {row!r}")
            batch.append(tuple([sqlite_value(v) for v in row]))
            if len(batch) >= batch_rows:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def copy_frame(model, frame, *, chunk_rows: int = 100_000) -> int:
    """Insert the rows of a polars ``frame`` (columns named by model field) and return how many.

    PostgreSQL receives each chunk as CSV written by polars (``COPY … WITH (FORMAT csv)``: a null is
    an empty unquoted field, an empty string a quoted one), so that no Python object is built per
    value; SQLite gets ``executemany``. Dates, integers and strings are stored as they are; pass
    decimals as strings ("1234.50") and timestamps as ISO strings with a UTC offset.
    """
    if frame.height == 0:
        return 0
    fields = list(frame.columns)
    columns = _columns(model, fields)
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    column_list = ", ".join(qn(c) for c in columns)
    written = 0
    with connection.cursor() as cursor, connection.wrap_database_errors:
        for offset in range(0, frame.height, chunk_rows):
            chunk = frame.slice(offset, chunk_rows)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN WITH (FORMAT csv)") as copy:
                    copy.write(chunk.write_csv(include_header=False, quote_style="non_numeric", null_value="", date_format="%Y-%m-%d"))
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", [tuple([sqlite_value(v) for v in row]) for row in chunk.iter_rows()])
            written += chunk.height
    return written


def reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive primary keys of ``model`` that no other insert will take.

    PostgreSQL: the table is locked against concurrent inserts until the transaction ends (inserts
    draw from the sequence only while holding a row-exclusive lock), the sequence is advanced past
    the block in one call. SQLite has one writer at a time: the block starts after the largest id
    the table ever had. Call inside a transaction.
    """
    table = model._meta.db_table
    qn = connection.ops.quote_name
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {qn(table)} IN EXCLUSIVE MODE")
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [qn(table), pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = cursor.fetchone()[0]
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        return max(largest, row[0] if row else 0) + 1


def reset_sequences(*models) -> None:
    """Move each model's id sequence past its largest id (PostgreSQL; SQLite keeps track itself)."""
    if connection.vendor != "postgresql" or not models:
        return
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def indexes_deferred(*models) -> Iterator[None]:
    """Drop the models' secondary indexes and FK/unique constraints now; rebuild them on exit.

    For loads into empty tables inside one transaction (PostgreSQL; a no-op elsewhere). The primary
    keys and check constraints stay. On exit every index is rebuilt from its stored definition and
    every constraint is re-added under its own name, which validates all rows at once. If the body
    raises, nothing is rebuilt: the enclosing transaction's rollback restores the schema.

    Raises:
        RuntimeError: called outside a transaction on PostgreSQL.
    """
    if connection.vendor != "postgresql" or not models:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_deferred must run inside a transaction (transaction.atomic)")
    qn = connection.ops.quote_name
    saved: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = []
    with connection.cursor() as cursor:
        # Checks queued by earlier inserts into these tables would block ALTER TABLE: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
                [qn(table)],
            )
            constraints = cursor.fetchall()
            for name, _definition in constraints:
                cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = %s::regclass AND c.conname = i.indexname) "
                "ORDER BY i.indexname",
                [table, qn(table)],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {qn(name)}")
            saved.append((table, constraints, indexes))
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for table, constraints, indexes in saved:
            for _name, definition in indexes:
                cursor.execute(definition)
            # Unique constraints first (contype 'u' sorted before 'f' above), then foreign keys.
            for name, definition in constraints:
                cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")
