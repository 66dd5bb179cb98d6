"""XLSX safety checks (zip directory, DTDs), sheet locations and the formula scan.

The cell values come from python-calamine (cached values of formula cells). The worksheet XML is
read here only to find formulas, streaming with ``defusedxml`` (never the stdlib parser directly).
"""

from __future__ import annotations

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
