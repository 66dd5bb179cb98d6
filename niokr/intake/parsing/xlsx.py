"""XLSX safety checks (zip directory, DTDs), sheet locations and the formula scan.

The cell values come from python-calamine (cached values of formula cells). The worksheet XML is
read here only to find formulas, streaming with ``defusedxml`` (never the stdlib parser directly).
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from .model import ERROR, WARNING, Problem, column_index, column_letter, show, split_ref

__all__ = [
    "XlsxRejected",
    "MAX_RATIO",
    "MAX_TOTAL",
    "MAX_MEMBER",
    "MAX_FORMULA_WARNINGS",
    "check_zip",
    "sheet_paths",
    "scan_formulas",
]

MAX_RATIO = 20  # total uncompressed / compressed above this …
MAX_TOTAL = 100 * 1024 * 1024  # … and a total above this is a zip bomb
MAX_MEMBER = 500 * 1024 * 1024  # any single member above this is a zip bomb
MAX_FORMULA_WARNINGS = 1000
_PROLOG_BYTES = 64 * 1024
_SMALL_XML = 16 * 1024 * 1024  # workbook.xml and its rels are read whole: never more than this
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class XlsxRejected(Exception):
    """Internal: carries the problem that stops reading a workbook."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _reject(code: str, **params: object) -> XlsxRejected:
    return XlsxRejected(Problem(ERROR, code, params=dict(params)))


def check_zip(data: bytes) -> zipfile.ZipFile:
    """Open the zip directory of ``data`` and refuse zip bombs, non-workbooks and DTDs.

    Raises:
        XlsxRejected: ``xlsx_unreadable``, ``xlsx_zip_bomb`` or ``xlsx_forbidden_xml``.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _reject("xlsx_unreadable", reason=f"not a valid zip archive: {exc}") from None
    total = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members)
    biggest = max(members, key=lambda m: m.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_MEMBER:
        raise _reject("xlsx_zip_bomb", member=biggest.filename, size=biggest.file_size, limit=MAX_MEMBER)
    if total > MAX_TOTAL and total > MAX_RATIO * max(compressed, 1):
        raise _reject("xlsx_zip_bomb", size=total, compressed=compressed, ratio=MAX_RATIO, limit=MAX_TOTAL)
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise _reject("xlsx_unreadable", reason="no xl/workbook.xml: the archive is not an XLSX workbook")
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")):
            if _has_dtd(archive, member):
                raise _reject("xlsx_forbidden_xml", member=member.filename)
    return archive


def _has_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """A DTD can only stand in the prolog, before the root element: the first bytes tell."""
    try:
        with archive.open(member) as stream:
            head = stream.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise _reject("xlsx_unreadable", reason=f"{member.filename}: {exc}") from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_DTD.search(head))


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as stream:
        data = stream.read(_SMALL_XML + 1)
    if len(data) > _SMALL_XML:
        raise _reject("xlsx_unreadable", reason=f"{name} is implausibly large")
    return data


def _parse_small(archive: zipfile.ZipFile, name: str):
    try:
        return SafeET.fromstring(_read_small(archive, name), forbid_dtd=True)
    except DefusedXmlException:
        raise _reject("xlsx_forbidden_xml", member=name) from None
    except (SafeET.ParseError, ValueError, OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
        raise _reject("xlsx_unreadable", reason=f"{name}: {exc}") from None


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet XML member, from xl/workbook.xml and its relationships."""
    workbook = _parse_small(archive, "xl/workbook.xml")
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in archive.NameToInfo:
        rels = _parse_small(archive, "xl/_rels/workbook.xml.rels")
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id") or ""] = path
    paths: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        name, rid = sheet.get("name"), sheet.get(f"{_REL}id")
        if name is not None and rid in targets:
            paths[name] = targets[rid]
    return paths


def scan_formulas(archive: zipfile.ZipFile, member: str, sheet: str) -> list[Problem]:
    """One ``formula_not_evaluated`` warning per formula cell of ``member`` (streaming, bounded).

    After :data:`MAX_FORMULA_WARNINGS` warnings the scan stops with one ``formula_warnings_truncated``.
    """
    problems: list[Problem] = []
    if member not in archive.NameToInfo:
        return problems
    try:
        if not _has_formula(archive, member):
            return problems
        with archive.open(member) as stream:
            for cell in _formula_cells(stream):
                if len(problems) >= MAX_FORMULA_WARNINGS:
                    problems.append(Problem(WARNING, "formula_warnings_truncated", sheet, params={"limit": MAX_FORMULA_WARNINGS}))
                    break
                ref, formula, cached = cell
                where = split_ref(ref)
                problems.append(
                    Problem(
                        WARNING, "formula_not_evaluated", sheet,
                        where[1] if where else None, where[0] if where else None, show(cached),
                        {"cell": ref, "formula": show(formula), "cached_value": show(cached)},
                    )
                )
    except DefusedXmlException:
        raise _reject("xlsx_forbidden_xml", member=member) from None
    except (SafeET.ParseError, ValueError, OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
        raise _reject("xlsx_unreadable", reason=f"{member}: {exc}") from None
    return problems


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _has_formula(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's XML holds an ``<f>`` element: a byte search over the inflated stream, many
    times faster than parsing it (most submitted sheets hold no formula at all)."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 22):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _formula_cells(stream) -> Iterator[tuple[str, str, str | None]]:
    """(reference, formula text, cached value) of each ``<c>`` holding an ``<f>``; memory stays flat.

    Rows and cells without an ``r`` attribute (allowed by the format) are numbered from the previous one.
    """
    context = SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=True)
    sheet_data = None
    row_number, column_number = 0, 0
    for event, element in context:
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN}sheetData":
                sheet_data = element
            elif tag == f"{_MAIN}row":
                r = element.get("r")
                row_number = int(r) if r and r.isdigit() else row_number + 1
                column_number = 0
            continue
        if tag == f"{_MAIN}c":
            ref = element.get("r") or ""
            where = split_ref(ref)
            column_number = column_index(where[0]) + 1 if where else column_number + 1
            if not where:
                ref = f"{column_letter(column_number - 1)}{row_number}"
            formula = element.find(f"{_MAIN}f")
            if formula is not None:
                value = element.find(f"{_MAIN}v")
                cached = value.text if value is not None else None
                if cached is None:
                    inline = element.find(f"{_MAIN}is/{_MAIN}t")
                    cached = inline.text if inline is not None else None
                yield ref, formula.text or "", cached
            element.clear()
        elif tag == f"{_MAIN}row":
            element.clear()
            if sheet_data is not None and len(sheet_data) and sheet_data[-1] is element:
                del sheet_data[-1]


# --- the sheet's real extent ----------------------------------------------------------------------

#: An area of at most this many cells is read whatever its density (a few hundred MB at most).
DENSE_FLOOR = 2_000_000
#: Beyond the floor, the area from A1 to the last filled cell may hold at most this many cells per
#: byte of the sheet's XML (a real cell takes 15 to 40 bytes of it): a lone far cell is what makes
#: a 2 KB file span billions of cells.
CELLS_PER_XML_BYTE = 0.25
_EXTENT_CHUNK = 1 << 22
_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*:)?sheetData\b")
_R_ATTR = re.compile(rb'\br="([0-9]{1,9})"')
_CELL_REF = re.compile(rb'r="([A-Za-z]{1,4})([0-9]{1,9})"')


class Extent:
    """What a worksheet really spans, found by a streaming byte scan before the sheet is loaded.

    ``max_row`` counts rows that are not empty (``<row …/>`` holds nothing and is not read);
    ``max_column`` counts cell references (styled empty cells included: a bound, never less than
    what is read). ``far_cell`` is a filled cell beyond the column limit; ``row_of_far_cell`` the
    first cell of the last row (what a refusal names). ``xml_bytes`` is the sheet's XML size: a
    cell takes at least ~15 bytes of it, so it bounds the cells the sheet can really hold.
    """

    def __init__(self) -> None:
        self.max_row = 0
        self.max_column = 0
        self.rows = 0
        self.xml_bytes = 0
        self.far_cell = ""
        self.row_of_far_cell = ""
        self.widest_row = 0
        self.unreferenced = False

    @property
    def area(self) -> int:
        """Cells from A1 to the last row and column: what the reader would allocate."""
        width = self.max_column + (self.widest_row if self.unreferenced else 0)
        return self.max_row * width


def _far_columns_pattern(limit: int) -> bytes:
    """A regex matching the column letters of every column after the first ``limit``."""
    first = column_letter(limit)  # the first column beyond the limit
    k = len(first)
    options = [b"[A-Za-z]{%d,4}" % (k + 1), re.escape(first.encode())]
    for i, letter in enumerate(first):
        if letter != "Z":
            rest = b"[A-Za-z]{%d}" % (k - i - 1) if k - i - 1 else b""
            options.append(re.escape(first[:i].encode()) + b"[" + chr(ord(letter) + 1).encode() + b"-Z]" + rest)
    return b"(?:" + b"|".join(options) + b")"


@functools.lru_cache(maxsize=512)
def _beyond(columns: int) -> re.Pattern:
    """A cell reference whose column comes after the first ``columns`` (a literal prefix: C speed)."""
    return re.compile(rb' r="(' + _far_columns_pattern(columns) + rb')([0-9]{1,9})"')


def sheet_extent(archive: zipfile.ZipFile, member: str, *, max_columns: int) -> Extent:
    """The extent of worksheet ``member`` without loading it; memory stays flat (4 MB chunks).

    A few C-speed searches per chunk: a filled cell beyond the column limit (then it stops), the
    row numbers of the non-empty rows, and the highest column referenced. Rows and cells may omit
    their ``r`` reference (they follow the previous one): rows are then numbered on, and the
    width of the widest row is added to the column bound.
    """
    extent = Extent()
    if member not in archive.NameToInfo:
        return extent
    try:
        with archive.open(member) as stream:
            _scan_extent(stream, extent, max_columns)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
        raise _reject("xlsx_unreadable", reason=f"{member}: {exc}") from None
    return extent


def _scan_extent(stream, extent: Extent, max_columns: int) -> None:
    head = stream.read(_EXTENT_CHUNK)
    found = _PREFIX.search(head)
    prefix = (found.group(1) or b"") if found else b""
    p = re.escape(prefix)
    row_end, cell_open = b"</" + prefix + b"row>", b"<" + prefix + b"c"
    # The fast path reads rows whose ``r`` comes first (as Excel and every library writes them);
    # a row or cell that may lack it (``r`` not first) sends its chunk down the careful path.
    numbered_rows = re.compile(rb"<" + p + rb'row r="([0-9]{1,9})"[^>]*(?<!/)>')
    unnumbered_row = re.compile(rb"<" + p + rb'row(?:/?>|\s(?!r="))')
    any_row = re.compile(rb"<" + p + rb"row\b([^>]*?)(/?)>")
    unreferenced_tag = re.compile(rb"<" + p + rb'c((?:/?>|\s(?!r=")[^>]*>))')
    unreferenced_cell = re.compile(rb"<" + p + rb'c(?:/?>|\s(?!r="))')
    carry, chunk, number = b"", head, 0
    while chunk or carry:
        data = carry + chunk
        chunk = stream.read(_EXTENT_CHUNK) if chunk else b""
        cut = data.rfind(b">") + 1 if chunk else len(data)
        data, carry = data[:cut], data[cut:]
        if not data:
            continue
        extent.xml_bytes += len(data)
        position = 0
        while m := _beyond(extent.max_column).search(data, position):
            column = column_index(m.group(1).decode()) + 1
            close = data.find(b">", m.end())
            if column > max_columns and close > 0 and data[close - 1 : close] != b"/":
                extent.far_cell = m.group(1).decode().upper() + m.group(2).decode()
                extent.max_column = column
                return  # a filled cell beyond the column limit: nothing more is needed
            if column > max_columns:  # a styled empty cell far out is not read
                position = m.end()
                continue
            extent.max_column, position = column, m.start()
        if not unnumbered_row.search(data):
            numbers = [int(n) for n in numbered_rows.findall(data)]
            number = numbers[-1] if numbers else number
        else:  # some row may lack its number: number them one by one
            numbers = []
            for match in any_row.finditer(data):
                r = _R_ATTR.search(match.group(1))
                number = int(r.group(1)) if r else number + 1
                if not match.group(2):
                    numbers.append(number)
        extent.rows += len(numbers)
        # The last row is the highest one holding a filled cell (rows of styled empty cells are not read).
        for candidate in sorted({n for n in numbers if n > extent.max_row}, reverse=True):
            first = _filled_row(data, prefix, candidate)
            if first is not None:
                extent.max_row, extent.row_of_far_cell = candidate, first
                break
        if unreferenced_cell.search(data):
            # Some cell may follow the previous one without a reference: the widest row bounds it.
            here = any(not _CELL_REF.search(m.group(1)) for m in unreferenced_tag.finditer(data))
            extent.unreferenced = extent.unreferenced or here
            for match in any_row.finditer(data) if here else ():
                end = data.find(row_end, match.end())
                extent.widest_row = max(extent.widest_row, data.count(cell_open, match.end(), len(data) if end < 0 else end))


def _filled_row(data: bytes, prefix: bytes, number: int) -> str | None:
    """The first cell of row ``number`` in ``data`` if the row holds a filled cell, else ``None``.

    A row not found by its number (it has none, or ``r`` is not its first attribute) counts as filled.
    """
    tag = b"<" + prefix + b'row r="' + str(number).encode() + b'"'
    at = data.rfind(tag)
    if at < 0:
        return f"A{number}"
    end = data.find(b"</" + prefix + b"row>", at)
    end = len(data) if end < 0 else end
    if data.find(b"</" + prefix + b"c>", at, end) < 0:
        return None
    first = _CELL_REF.search(data, at + len(tag), end)
    return (first.group(1).decode().upper() if first else "A") + str(number)


def extent_problem(extent: Extent, sheet: str, *, max_rows: int, max_columns: int, header_rows: int) -> Problem | None:
    """The problem that stops reading a sheet of this extent, before anything is allocated."""
    if extent.far_cell:
        where = split_ref(extent.far_cell)
        return Problem(ERROR, "xlsx_cell_out_of_bounds", sheet, where[1] if where else None, where[0] if where else None, None,
                       {"cell": extent.far_cell, "limit": max_columns, "last_column": column_letter(max_columns - 1)})
    if extent.rows > max_rows + header_rows:
        return Problem(ERROR, "too_many_rows", sheet, extent.max_row, params={"limit": max_rows})
    if extent.area > max(DENSE_FLOOR, CELLS_PER_XML_BYTE * extent.xml_bytes):
        cell = extent.row_of_far_cell or f"A{extent.max_row}"
        where = split_ref(cell)
        return Problem(ERROR, "xlsx_sparse", sheet, where[1] if where else None, where[0] if where else None, None,
                       {"cell": cell, "rows": extent.max_row, "columns": extent.max_column, "area": extent.area})
    return None
