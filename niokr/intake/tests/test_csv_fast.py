"""Property: polars' split of a CSV file gives the columns the ``csv`` module gives, or stands aside.

The fast reader takes files without quotes, lone carriage returns or NULs; every other file is
read record by record. Either way the table (values, row numbers, problems) must be the one the
record-by-record reader makes, for any content, encoding and delimiter.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.intake.formats import FORMS, Kind
from niokr.intake.parsing import csvtext, read_table
from niokr.intake.parsing.model import _as_list

HEADER = [c.ru for c in FORMS[Kind.TREASURY].columns]
CELL = st.one_of(
    st.sampled_from(["", " ", "1", "ПП-1", "15.03.2025", "1 250 000,50", "401103", "Оплата", "Номер платёжного поручения", "\u00a0", "x y"]),
    st.text(alphabet="abcабвәғ0123456789 ,.-\t\r\n\"", max_size=8),
)


def _table(data: bytes, *, fast: bool, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(csvtext, "fast_columns", lambda *a, **k: None)
        table = read_table(data, kind="treasury", max_rows=12)
    return (
        {code: _as_list(values) for code, values in table.data.items()},
        _as_list(table.row_numbers),
        [(p.code, p.row) for p in table.problems],
        table.header_row,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=15),
    title=st.booleans(),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]),
    newline=st.sampled_from(["\r\n", "\n"]),
    final_newline=st.booleans(),
)
def test_the_fast_reader_gives_the_columns_of_the_csv_module(rows, title, delimiter, encoding, newline, final_newline, monkeypatch):
    lines = (["Перечисления в бюджет" + delimiter * 3] if title else []) + [delimiter.join(HEADER)] + [delimiter.join(r) for r in rows]
    text = newline.join(lines) + (newline if final_newline else "")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    assert _table(data, fast=True, monkeypatch=monkeypatch) == _table(data, fast=False, monkeypatch=monkeypatch)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_a_plain_file_takes_the_fast_path(encoding, monkeypatch):
    calls = []
    real = csvtext.fast_columns

    def spy(*args, **kwargs):
        calls.append(result := real(*args, **kwargs))
        return result

    monkeypatch.setattr(csvtext, "fast_columns", spy)
    data = "\r\n".join([";".join(HEADER), "ПП-1;15.03.2025;150340000015;1 000,00;401103;КТ-1;2025", "", "ПП-2;16.03.2025;150340000015;2 000,00;401103;КТ-1;2025"]).encode(encoding)
    table = read_table(data, kind="treasury")
    assert calls and calls[0] is not None
    assert _as_list(table.row_numbers) == [2, 4]
    assert _as_list(table.data["order_number"]) == ["ПП-1", "ПП-2"]
