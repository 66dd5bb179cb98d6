"""Hostile report files built in code, byte by byte: the workbook XML is written by hand so that
a test can place a cell anywhere (a spreadsheet library would refuse or fill the rectangle)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from niokr.intake.parsing.model import column_index, column_letter

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def cell_xml(ref: str, value: object) -> str:
    """One ``<c>``: text inline, numbers as numbers, ``None`` a styled empty cell."""
    if value is None:
        return f'<c r="{ref}" s="0"/>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def rows_xml(cells: dict[str, object]) -> str:
    """``{"A1": "x", "XFD1048576": 1}`` → the ``<row>`` elements, rows and cells in order."""
    by_row: dict[int, list[tuple[int, str, object]]] = {}
    for ref, value in cells.items():
        letters = ref.rstrip("0123456789")
        by_row.setdefault(int(ref[len(letters):]), []).append((column_index(letters), ref, value))
    return "".join(f'<row r="{r}">' + "".join(cell_xml(ref, v) for _i, ref, v in sorted(by_row[r])) + "</row>" for r in sorted(by_row))


def table_cells(rows: list[list[object]], *, top: int = 1) -> dict[str, object]:
    """A table from A``top``: row lists → cell references."""
    return {f"{column_letter(c)}{top + r}": value for r, row in enumerate(rows) for c, value in enumerate(row) if value is not None and value != ""}


def workbook(sheets: dict[str, str | dict[str, object]]) -> bytes:
    """An XLSX of ``sheets`` (name → cells, or the ``<sheetData>`` content as XML text)."""
    out = io.BytesIO()
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
        + "</sheets></workbook>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT.format(sheets=overrides))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, name in enumerate(names, start=1):
            content = sheets[name]
            data = content if isinstance(content, str) else rows_xml(content)
            archive.writestr(f"xl/worksheets/sheet{i}.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>{data}</sheetData></worksheet>')
    return out.getvalue()
