"""The ``stage_reports`` frame (NK-38 a report reused between projects; NK-36 reads the payments linked to a stage).

One row per stage of an agreement's calendar plan (``indicators/base.py`` documents the columns): the
report files kept for it — the stage's and its act's, by SHA-256 —, the text of the report, and the
payments recorded as paying the stage (``Payment.stage``).

Stage reports are kept by content under ``DATA_DIR/stage-reports/<sha256>``
(:mod:`niokr.projects.lifecycle.documents`). A report copied into another project's stage is caught by
its SHA-256 when the file is the same; a copy re-saved, or with a page changed, is caught only by its
text. :func:`text_of` reads that text — DOCX and ODT (their XML), RTF (its plain text); PDF and DOC carry
no text a standard library can read, and give none — at most :data:`LIMIT` characters, once per file:
the text is kept beside the files under ``DATA_DIR/stage-report-texts/<sha256>.txt``, since a file
kept under its hash never changes. A national run therefore reads each new report once; later runs
read the small text files.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from html import unescape
from pathlib import Path

import polars as pl
from django.conf import settings

from niokr.control.indicators.base import FRAME_SCHEMAS
from niokr.core.files import kept_path
from niokr.core.frames import read_frame
from niokr.projects.models import AcceptanceAct, Agreement, Payment, Stage

__all__ = ["LIMIT", "text_of", "with_report_texts", "read_stage_reports"]

REPORTS = "stage-reports"
TEXTS = "stage-report-texts"
#: The characters of a report's text kept and compared (its title page, abstract and first pages).
LIMIT = 4000
_SHA = re.compile(r"^[0-9a-f]{64}$")
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"</w:p>|</text:p>|</text:h>|<w:br\s*/>|<text:line-break\s*/>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_RTF_HEX = re.compile(r"\\'([0-9a-fA-F]{2})")
_RTF_UNICODE = re.compile(r"\\u(-?\d+)\??")
_RTF_WORD = re.compile(r"\\[a-zA-Z]+-?\d* ?|[{}]")


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        part = "word/document.xml" if "word/document.xml" in names else "content.xml" if "content.xml" in names else None
        if part is None:
            return ""
        with z.open(part) as stream:
            xml = stream.read(8 * LIMIT * 10).decode("utf-8", "replace")
    return unescape(_TAG.sub("", _BREAK.sub("\n", xml)))


def _rtf_text(path: Path) -> str:
    raw = path.read_bytes()[: 40 * LIMIT].decode("latin-1")
    raw = _RTF_UNICODE.sub(lambda m: chr(int(m.group(1)) % 65536), raw)
    raw = _RTF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]).decode("cp1251", "replace"), raw)
    return _RTF_WORD.sub("", raw.replace("\\par", "\n"))


def _read(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(8)
    try:
        if head.startswith(b"PK\x03\x04"):
            text = _zip_text(path)
        elif head.startswith(b"{\\rtf"):
            text = _rtf_text(path)
        else:
            return ""
    except (zipfile.BadZipFile, OSError, UnicodeError, ValueError, KeyError):
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)[:LIMIT]


def text_of(sha256: str | None) -> str:
    """The text of the stage report kept under ``sha256`` (empty: none kept, or a kind without readable text)."""
    sha = (sha256 or "").strip().lower()
    if not _SHA.match(sha):
        return ""
    cached = Path(settings.DATA_DIR) / TEXTS / f"{sha}.txt"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    path = kept_path(REPORTS, sha)
    if not path.is_file():
        return ""
    text = _read(path)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f".part-{os.getpid()}-{uuid.uuid4().hex}")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, cached)
    finally:
        partial.unlink(missing_ok=True)
    return text


def with_report_texts(frame: pl.DataFrame) -> pl.DataFrame:
    """The ``stage_reports`` frame with ``report_text``: the text of the stage's report, else of its act's report."""
    shas = pl.concat([frame["report_sha256"], frame["act_report_sha256"]]).drop_nulls().unique().to_list()
    texts = {sha: text_of(sha) for sha in shas if sha}
    table = pl.DataFrame({"_sha": list(texts), "_text": list(texts.values())}, schema={"_sha": pl.Utf8, "_text": pl.Utf8})
    return (
        frame.join(table.rename({"_sha": "report_sha256", "_text": "_own"}), on="report_sha256", how="left")
        .join(table.rename({"_sha": "act_report_sha256", "_text": "_act"}), on="act_report_sha256", how="left")
        .with_columns(pl.when(pl.col("_own").fill_null("") != "").then(pl.col("_own")).otherwise(pl.col("_act").fill_null("")).alias("report_text"))
        .drop("_own", "_act")
    )


def _t(model) -> str:
    return model._meta.db_table


def read_stage_reports(day_sql) -> pl.DataFrame:
    """The ``stage_reports`` frame from the database (``day_sql``: the date of a timestamp column in SQL).

    Two reads: the stages with their act's report (one row each), and the payments linked to a stage
    (only those, by the index of the payments' stage column); then the reports' texts.
    """
    schema = FRAME_SCHEMAS["stage_reports"]
    stages = read_frame(
        f"""SELECT s.id, s.agreement_id, g.project_id, s.number, SUBSTR(s.title, 1, 200), SUBSTR(s.deliverables, 1, 1000), s.report_name,
                   s.report_sha256, {day_sql('s.submitted_at')}, a.report_sha256, a.signed_on
            FROM {_t(Stage)} s JOIN {_t(Agreement)} g ON g.id = s.agreement_id LEFT JOIN {_t(AcceptanceAct)} a ON a.stage_id = s.id""",
        [], {k: v for k, v in schema.items() if k not in ("report_text", "payment_ids")},
    ).with_columns([pl.col(c).fill_null("") for c in ("title", "deliverables", "report_name", "report_sha256", "act_report_sha256")])
    linked = read_frame(
        f"SELECT stage_id, id FROM {_t(Payment)} WHERE stage_id IS NOT NULL", [], {"stage_id": pl.Int64, "payment_id": pl.Int64},
    ).group_by("stage_id").agg(pl.col("payment_id").sort().alias("payment_ids"))
    return with_report_texts(stages.join(linked, on="stage_id", how="left")).with_columns(
        pl.col("payment_ids").fill_null(pl.lit([], dtype=pl.List(pl.Int64))),
    ).select([pl.col(c).cast(t) for c, t in schema.items()])
