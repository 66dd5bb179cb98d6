"""Reading a SQL query into a polars frame: COPY on PostgreSQL, the cursor on SQLite.

Money should be selected as integer tiyn (:func:`tiyn_sql`), never as floats. Boolean columns
travel as text from PostgreSQL's COPY (``t``/``f``) and as integers from SQLite; both are mapped.
"""

from __future__ import annotations

import io
from datetime import date

import polars as pl
from django.db import connection

__all__ = ["read_frame", "tiyn_sql"]


def tiyn_sql(column: str) -> str:
    """SQL for ``column`` (a money amount) as integer tiyn, exact on both databases."""
    kind = "BIGINT" if connection.vendor == "postgresql" else "INTEGER"
    return f"CAST(ROUND({column} * 100) AS {kind})"


def read_frame(sql: str, params: list | tuple, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run ``sql`` (its columns in the order of ``schema``) and return the rows as a frame."""
    names = list(schema)
    if connection.vendor == "postgresql":
        buf = io.BytesIO()
        with connection.cursor() as cursor:
            raw = cursor.cursor
            query = raw.mogrify(sql, params) if params else sql
            with raw.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buf.write(block)
        if buf.tell() == 0:
            return pl.DataFrame(schema=schema)
        buf.seek(0)
        text_schema = {n: (pl.Utf8 if t == pl.Boolean else t) for n, t in schema.items()}
        frame = pl.read_csv(buf, has_header=False, schema=text_schema)
        bools = [n for n, t in schema.items() if t == pl.Boolean]
        if bools:
            frame = frame.with_columns([(pl.col(n) == "t").alias(n) for n in bools])
        return frame.select([pl.col(n).cast(t) for n, t in schema.items()])
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        rows = cursor.fetchall()
    if not rows:
        return pl.DataFrame(schema=schema)
    columns = list(zip(*rows, strict=True))
    data = {}
    for name, values in zip(names, columns, strict=True):
        dtype = schema[name]
        if dtype == pl.Date:
            values = [v if v is None or isinstance(v, date) else date.fromisoformat(str(v)[:10]) for v in values]
        elif dtype == pl.Boolean:
            values = [None if v is None else bool(v) for v in values]
        elif dtype in (pl.Int64, pl.Int32):
            values = [None if v is None else int(v) for v in values]
        elif dtype == pl.Utf8:
            values = [None if v is None else str(v) for v in values]
        data[name] = pl.Series(name, values, dtype=dtype)
    return pl.DataFrame(data)
