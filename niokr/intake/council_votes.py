"""A council session's votes from the Single Window of the NIS: CSV, XLSX or JSON (``docs/formats/council-votes.md``).

The file is read by the intake reader (format told by content, the header found in any of its
three languages, unsafe workbooks refused) against :data:`FORM`; each row is then typed here
(a control character, a missing value, an unknown attendance or vote word is refused with the
intake's own messages) and handed to :func:`niokr.projects.lifecycle.councils.import_votes`, which
checks it against the session, its agenda, its council, the attendance and the recusals, and
records all of it or nothing. The tally is the same as for votes cast in NIOKR Monitor.

A member is named by their **login** in NIOKR Monitor: the system keeps no person's IIN (it needs
none for anything else), and the Single Window's export is mapped to logins by the ministry.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from django.utils.translation import gettext as _

from niokr.intake import messages
from niokr.intake.formats import Column, ColumnType, Form
from niokr.intake.parsing import read_table
from niokr.intake.parsing.model import CONTROL
from niokr.projects.lifecycle.councils import ImportedRow, ImportReport, import_votes

__all__ = ["FORM", "MAX_BYTES", "MAX_ROWS", "read_votes", "import_file"]

#: A session has a few dozen members and items: a vote file is small.
MAX_BYTES = 2_000_000
MAX_ROWS = 5_000


class VotesKind(StrEnum):
    COUNCIL_VOTES = "council_votes"


#: Words the Single Window and people write for the attendance and the vote (compared case-insensitively).
ATTENDANCE = {
    "present": "present", "присутствовал": "present", "присутствует": "present", "да": "present", "қатысты": "present", "иә": "present", "yes": "present",
    "absent": "absent", "отсутствовал": "absent", "отсутствует": "absent", "нет": "absent", "қатыспады": "absent", "жоқ": "absent", "no": "absent",
}
VOTE = {
    "for": "for", "за": "for", "қолдаймын": "for", "жақтады": "for",
    "against": "against", "против": "against", "қарсы": "against",
    "abstain": "abstain", "воздержался": "abstain", "воздержалась": "abstain", "қалыс": "abstain", "қалыс қалды": "abstain",
}

FORM = Form(
    VotesKind.COUNCIL_VOTES,
    "ҒТК отырысының дауыстары",
    "Голоса заседания НТС",
    "Votes of a council session",
    (
        Column("session", "Отырыс", "Заседание", "Session", ColumnType.TEXT, max_length=32, help_en="The session's reference, e.g. STC-INDUSTRY-2026-001."),
        Column("programme", "Бағдарлама", "Программа", "Programme", ColumnType.TEXT, max_length=32, help_en="The programme's reference (an item of the agenda)."),
        Column("member", "Кеңес мүшесі (логин)", "Член совета (логин)", "Member (login)", ColumnType.TEXT, max_length=150, aliases=("login", "логин")),
        Column("attendance", "Қатысуы", "Присутствие", "Attendance", ColumnType.CHOICE, choices=("present", "absent")),
        Column("vote", "Дауыс", "Голос", "Vote", ColumnType.CHOICE, required=False, choices=("for", "against", "abstain"), help_en="Empty for an absent or recused member."),
    ),
)


def _header(code: str, language: str) -> str:
    column = FORM.column(code)
    return getattr(column, language, "") or column.en


def _words(value: str) -> str:
    return " ".join(value.casefold().split()).replace("ё", "е")


def read_votes(data: bytes, *, filename: str = "", language: str = "ru") -> tuple[list[ImportedRow], list[tuple[int | None, str, str]]]:
    """The typed rows of a vote file and its problems ``(row, column header, message)`` in ``language``."""
    table = read_table(data, kind=FORM, filename=filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    problems: list[tuple[int | None, str, str]] = []
    for p in table.problems:
        if p.is_error:
            header = _header(p.column, language) if p.column in {c.code for c in FORM.columns} else (p.column or "")
            params = dict(p.params)
            if p.code == "missing_column":
                code = params.get("code") or params.get("column") or ""
                if code in {c.code for c in FORM.columns}:
                    params.setdefault(language, _header(code, language))
            problems.append((p.row, header, messages.render(p.code, params, language, value=p.value)))
    if problems:
        return [], problems
    rows = []
    for cells in table.rows:
        row_number = next(iter(cells.values())).row if cells else 0
        values: dict[str, str | None] = {}
        bad = False
        for column in FORM.columns:
            cell = cells.get(column.code)
            raw = None if cell is None else cell.raw
            text = None if raw is None else (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)).strip()
            if text and CONTROL.search(text):
                char = CONTROL.search(text).group(0)
                problems.append((row_number, _header(column.code, language), messages.render("control_character", {"character": char.encode("unicode_escape").decode()}, language)))
                bad = True
                continue
            if not text:
                if column.required:
                    problems.append((row_number, _header(column.code, language), messages.render("required", {}, language)))
                    bad = True
                values[column.code] = None
                continue
            if column.max_length and len(text) > column.max_length:
                problems.append((row_number, _header(column.code, language), messages.render("text_too_long", {"length": len(text), "limit": column.max_length}, language)))
                bad = True
                continue
            if column.code in ("attendance", "vote"):
                mapped = (ATTENDANCE if column.code == "attendance" else VOTE).get(_words(text))
                if mapped is None:
                    allowed = ", ".join(column.choices)
                    problems.append((row_number, _header(column.code, language), messages.render("choice_invalid", {"allowed": allowed}, language)))
                    bad = True
                    continue
                text = mapped
            values[column.code] = text
        if not bad:
            rows.append(ImportedRow(row_number, values["session"], values["programme"], values["member"], values["attendance"], values.get("vote")))
    if not rows and not problems:
        problems.append((None, "", messages.render("file_empty", {}, language)))
    return rows, problems


def import_file(*, actor, session, data: bytes, filename: str = "", language: str = "ru") -> ImportReport:
    """Read ``data`` and import it into ``session`` (all or nothing); problems in ``language``."""
    from django.utils import translation

    rows, problems = read_votes(data, filename=filename, language=language)
    if problems:
        return ImportReport(problems=problems)
    with translation.override(language):
        report = import_votes(actor=actor, session=session, rows=rows, digest=hashlib.sha256(data).hexdigest())
        report.problems = [(row, _header(code, language) if code else "", message) for row, code, message in report.problems]
    return report


def example(language_rows: str = "ru") -> str:
    """The CSV header in one language (kk, ru or en), for the docs and the tests."""
    return ";".join(_header(c.code, language_rows) for c in FORM.columns)


_ = _  # the module's messages come from the intake catalogue and the council services
