"""CSV text: the encoding (UTF-8 with or without BOM, UTF-16 or UTF-32 with BOM, else cp1251) and the delimiter."""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from collections.abc import Callable, Iterator

__all__ = ["fast_columns", "DELIMITERS", "detect_encoding", "open_text", "head_text", "choose_delimiter", "count_outside_quotes", "head_records", "iter_records"]

DELIMITERS = (";", "\t", ",")  # the order breaks ties: ";" is what Excel writes in ru/kk locales
_HEAD_CHARS = 256 * 1024
_HEAD_LINES = 30
_CHUNK = 1 << 20
_NUL_SHARE = 16  # one NUL byte in this many: not 8-bit text
WIDE = ("utf-16", "utf-32")  # read record by record only (their bytes are no lines of 8-bit text)


def detect_encoding(data: bytes) -> str | None:
    """The codec to read ``data`` with, or ``None`` when it is no text we can read.

    UTF-8 is tried strictly first (the whole content, in chunks): cp1251 decodes almost any bytes,
    so it is only the fallback. Text with many NUL bytes is no 8-bit text (it is binary, or UTF-16
    or UTF-32 without a BOM); a few NULs in text are read, and validation refuses their cells.
    """
    # UTF-32 first: its little-endian BOM (FF FE 00 00) starts with UTF-16's (FF FE).
    for boms, codec in (((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"), ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16")):
        if data.startswith(boms):
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    head = data[:_HEAD_CHARS]
    if head.count(b"\x00") * _NUL_SHARE > len(head):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig"
    try:
        data[:_HEAD_CHARS].decode("cp1251")
        for start in range(_HEAD_CHARS, len(data), _CHUNK):
            data[start : start + _CHUNK].decode("cp1251")
    except UnicodeDecodeError:
        return None
    return "cp1251"


def open_text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """A streaming text view of ``data`` (newline="" as the csv module wants)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="strict", newline="")


def head_text(data: bytes, encoding: str) -> str:
    """The first lines of the text, for delimiter and header detection."""
    with open_text(data, encoding) as text:
        return text.read(_HEAD_CHARS)


def count_outside_quotes(line: str, delimiter: str) -> int:
    """How many times ``delimiter`` occurs in ``line`` outside double quotes."""
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _count_score(head: str, delimiter: str) -> tuple[int, int]:
    """(lines sharing the most frequent non-zero count, that count): a consistent delimiter wins."""
    counts: dict[int, int] = {}
    for line in head.splitlines()[:_HEAD_LINES]:
        if line.strip():
            n = count_outside_quotes(line, delimiter)
            if n:
                counts[n] = counts.get(n, 0) + 1
    if not counts:
        return (0, 0)
    mode = max(counts, key=lambda n: (counts[n], n))
    return (counts[mode], mode)


def head_records(head: str, delimiter: str, limit: int = _HEAD_LINES) -> list[list[str]]:
    """The first ``limit`` complete records of ``head`` (the last, maybe cut, record is dropped if the head was cut)."""
    records: list[list[str]] = []
    try:
        for record in csv.reader(io.StringIO(head), delimiter=delimiter):
            records.append(record)
            if len(records) > limit:
                break
    except csv.Error:
        pass
    if len(head) >= _HEAD_CHARS and len(records) <= limit and records:
        records.pop()
    return records[:limit]


def choose_delimiter(head: str, header_score: Callable[[list[list[str]]], int]) -> str:
    """The delimiter of the CSV text starting with ``head``.

    Deterministic: every candidate splits the head; the one whose split gives the best header match
    (``header_score``: how many form columns a header row recognises) wins. When no candidate finds a
    header, the one with the most consistent per-line count of delimiters outside quotes wins. Ties
    go in the order ``;``, tab, ``,``.
    """
    best = max(DELIMITERS, key=lambda d: (header_score(head_records(head, d)), -DELIMITERS.index(d)))
    if header_score(head_records(head, best)) > 0:
        return best
    return max(DELIMITERS, key=lambda d: (_count_score(head, d), -DELIMITERS.index(d)))


def iter_records(data: bytes, encoding: str, delimiter: str) -> Iterator[list[str]]:
    """Stream the CSV records of ``data``; csv and decoding errors propagate to the caller."""
    with open_text(data, encoding) as text:
        yield from csv.reader(text, delimiter=delimiter)


def tail_lines(data: bytes, encoding: str, delimiter: str, count: int = 8) -> dict[int, list[str]]:
    """The last ``count`` lines of ``data`` split on ``delimiter``, by line number (1-based).

    For the fast reader's files (no quotes, no lone carriage return), where a line is a record:
    the whole row of a totals line at the bottom, label columns included. Empty for UTF-16 text.
    """
    if encoding in WIDE:
        return {}
    total = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    chunk = data[-_HEAD_CHARS:]
    if len(chunk) < len(data):
        chunk = chunk[chunk.find(b"\n") + 1 :]  # a whole first line (and a whole UTF-8 character)
    lines = chunk.decode(encoding, errors="replace").split("\n")
    if data.endswith(b"\n"):
        lines.pop()
    out = {}
    for offset, line in enumerate(reversed(lines[-count:])):
        out[total - offset] = line.rstrip("\r").split(delimiter)
    return out


def fast_columns(box: list[bytes], encoding: str, delimiter: str, *, header_row: int, head: str, width: int, indexes: dict[str, int]):
    """The data records after the header, split by polars' CSV reader, as a frame of string columns
    named by form code (empty fields as nulls, row ``i`` being record ``header_row + 1 + i``).

    ``box`` holds the file's bytes (its only reference). ``None`` when the file is one the fast
    reader might split differently from the ``csv`` module (quotes anywhere, a lone carriage
    return, a NUL, UTF-16), so that the caller reads ``box[0]`` record by record instead: the two
    readers give the same columns on every file this one accepts.
    """
    import polars as pl

    data = box[0]
    if encoding in WIDE or b'"' in data or b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    if len(head.split("\n", header_row)) <= header_row:
        return None  # the header is the last line: nothing follows
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1) - header_row
    schema = {f"c{i}": pl.String for i in range(max(width, max(indexes.values(), default=0) + 1))}
    options = dict(has_header=False, separator=delimiter, quote_char=None, skip_lines=header_row, schema=schema, truncate_ragged_lines=True, extra_columns="ignore", missing_columns="insert", raise_if_empty=False)
    if encoding != "cp1251":
        try:
            frame = pl.read_csv(data, **options)
        except pl.exceptions.PolarsError:
            return None  # the record-by-record reader decides what is wrong with the file
    else:
        # polars reads UTF-8 only: the text is re-encoded chunk by chunk into a temporary file that
        # polars maps, and the cp1251 bytes are let go meanwhile (restored exactly, should the
        # file need the record-by-record reader after all: cp1251 ↔ UTF-8 is a bijection).
        with tempfile.NamedTemporaryFile(suffix=".csv") as utf8:
            view = memoryview(data)
            for i in range(0, len(view), _CHUNK * 8):
                utf8.write(codecs.decode(view[i : i + _CHUNK * 8], "cp1251").encode("utf-8"))
            utf8.flush()
            del view, data
            box.clear()
            frame = None
            try:
                frame = pl.read_csv(utf8.name, **options)
            except pl.exceptions.PolarsError:
                pass
            finally:
                if frame is None or frame.height != lines:
                    utf8.seek(0)
                    box.append(utf8.read().decode("utf-8").encode("cp1251"))
    if frame is None or frame.height != lines:
        return None
    return frame.select([pl.col(f"c{i}").alias(code) for code, i in indexes.items()])
