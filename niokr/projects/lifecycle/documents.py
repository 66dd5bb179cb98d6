"""Documents the delivery of a project rests on: stage reports, the acts' reports, a result's evidence.

A document is kept like a report submission (:mod:`niokr.core.files`): under its SHA-256 in a folder
of ``DATA_DIR`` (``stage-reports``, ``result-evidence``), written while hashed; the record keeps the
name as sent, the size and the hash. Only the kinds of file a report is written in are accepted —
PDF, DOCX, DOC, ODT, RTF (evidence also PNG and JPEG) — checked by their extension *and* their first
bytes, and no larger than the setting ``NIOKR_DOCUMENT_MAX_BYTES`` (50 MB by default).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from niokr.core.files import keep_file, kept_path

__all__ = ["REPORTS", "EVIDENCE", "REPORT_KINDS", "EVIDENCE_KINDS", "max_bytes", "check_document", "keep_document", "document_path"]

REPORTS = "stage-reports"
EVIDENCE = "result-evidence"

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
#: Extension → the first bytes a file of that kind starts with.
REPORT_KINDS = {".pdf": (b"%PDF-",), ".docx": _ZIP, ".odt": _ZIP, ".doc": _OLE, ".rtf": (b"{\\rtf",)}
EVIDENCE_KINDS = REPORT_KINDS | {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def max_bytes() -> int:
    return int(getattr(settings, "NIOKR_DOCUMENT_MAX_BYTES", 50 * 1024 * 1024))


def _names(kinds) -> str:
    return ", ".join(ext[1:].upper() for ext in kinds)


def check_document(upload, kinds=REPORT_KINDS) -> None:
    """Refuse (``ValidationError``, in the reader's language) a file of another kind, empty, or too large."""
    name = Path(getattr(upload, "name", "") or "").name
    ext = Path(name).suffix.lower()
    if ext not in kinds:
        raise ValidationError(_("A file of this kind is not accepted: send %(kinds)s.") % {"kinds": _names(kinds)}, code="file_kind")
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, code="too_large")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in kinds[ext]):
        raise ValidationError(_("The file's content is not a %(kind)s document.") % {"kind": ext[1:].upper()}, code="file_content")


def keep_document(folder: str, upload, kinds=REPORT_KINDS) -> dict:
    """Check and keep an uploaded document; ``{"name", "sha256", "size"}`` for the record."""
    check_document(upload, kinds)
    digest, _path = keep_file(folder, upload.chunks())
    return {"name": Path(upload.name).name[:255], "sha256": digest, "size": upload.size}


def document_path(folder: str, sha256: str) -> Path:
    return kept_path(folder, sha256)
