"""Votes imported from the Single Window: CSV, XLSX, JSON; strict; all or nothing; the same file twice changes nothing."""

from __future__ import annotations

import io
import json

import pytest
import xlsxwriter

from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent
from niokr.intake.council_votes import import_file
from niokr.projects.lifecycle import councils
from niokr.projects.lifecycle.tests.council_fixtures import board, today_session  # noqa: F401
from niokr.projects.models import Attendance, Vote

pytestmark = pytest.mark.django_db

HEADERS = {
    "ru": ["Заседание", "Программа", "Член совета (логин)", "Присутствие", "Голос"],
    "kk": ["Отырыс", "Бағдарлама", "Кеңес мүшесі (логин)", "Қатысуы", "Дауыс"],
    "en": ["Session", "Programme", "Member (login)", "Attendance", "Vote"],
}


def _planned(board):
    session = today_session(board)
    for programme in board.programmes:
        councils.put_on_agenda(actor=board.secretary, session=session, programme=programme)
    return session


def _rows(session):
    """Item 1 (PRG-T-0001): m_two_hops is recused automatically; item 2: everyone votes. m_six absent."""
    out = []
    for name in ("chair", "m_three_hops", "m_four", "m_five"):
        out.append([session.reference, "PRG-T-0001", name, "присутствовал", "за"])
        out.append([session.reference, "PRG-T-0002", name, "present", "for" if name != "m_five" else "against"])
    out.append([session.reference, "PRG-T-0001", "m_two_hops", "present", ""])
    out.append([session.reference, "PRG-T-0002", "m_two_hops", "present", "воздержался"])
    out.append([session.reference, "PRG-T-0002", "m_six", "отсутствовал", ""])
    return out


def _csv(rows, language="ru") -> bytes:
    lines = [";".join(HEADERS[language])] + [";".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows, language="kk") -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, HEADERS[language])
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    book.close()
    return out.getvalue()


def _json(rows) -> bytes:
    codes = ["session", "programme", "member", "attendance", "vote"]
    return json.dumps({"kind": "council_votes", "rows": [dict(zip(codes, r)) for r in rows]}, ensure_ascii=False).encode()


def _snapshot():
    return Vote.objects.count(), Attendance.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_vote_file_is_imported_tallied_like_electronic_votes_and_idempotent(board, fmt):
    session = _planned(board)
    rows = _rows(session)
    data = {"csv": _csv, "xlsx": _xlsx, "json": _json}[fmt](rows)
    report = import_file(actor=board.secretary, session=session, data=data, filename=f"votes.{fmt}", language="ru")
    assert report.problems == [] and report.votes == 9 and report.opened
    session.refresh_from_db()
    assert session.status == "voting" and session.source == "imported"
    assert set(Vote.objects.values_list("source", flat=True)) == {"imported"}
    assert Attendance.objects.filter(session=session, present=False).count() == 1
    before = _snapshot()
    again = import_file(actor=board.secretary, session=session, data=data, filename=f"votes.{fmt}", language="ru")
    assert again.problems == [] and not again.changed and again.unchanged == 9
    assert _snapshot() == before
    councils.close_vote(actor=board.secretary, session=session)
    first, second = session.items.order_by("order")
    assert first.outcome == "approved" and first.tally["recused"] == 1 and first.tally["votes_for"] == 4
    # 6 eligible, 5 present; 3 for, 1 against, 1 abstention counted: 2/3 of 5 needs 4.
    assert second.outcome == "rejected" and second.tally["base"] == 5 and second.tally["needed_for"] == 4 and second.tally["votes_for"] == 3
    assert import_file(actor=board.secretary, session=session, data=data, language="ru").problems == []
    assert verify_chain()[1] is None


def test_a_vote_of_a_recused_member_refuses_the_whole_file(board):
    session = _planned(board)
    rows = _rows(session)
    rows[8][4] = "for"  # m_two_hops votes on PRG-T-0001
    before = _snapshot()
    report = import_file(actor=board.secretary, session=session, data=_csv(rows), language="en")
    assert any("recused" in message and board.holding.bin in message for _row, _col, message in report.problems)
    assert _snapshot() == before
    session.refresh_from_db()
    assert session.status == "planned"


@pytest.mark.parametrize("change, expected", [
    (lambda rows: rows.append(list(rows[0])), "already has a row"),
    (lambda rows: rows.__setitem__(0, [rows[0][0], "PRG-T-0001", "nobody", "present", "for"]), "No voting member"),
    (lambda rows: rows.__setitem__(0, [rows[0][0], "PRG-T-0001", "secretary", "present", "for"]), "No voting member"),
    (lambda rows: rows.__setitem__(0, [rows[0][0], "PRG-X-9", "chair", "present", "for"]), "not on this session's agenda"),
    (lambda rows: rows.__setitem__(0, ["STC-OTHER-1", "PRG-T-0001", "chair", "present", "for"]), "not"),
    (lambda rows: rows.__setitem__(10, [rows[0][0], "PRG-T-0002", "m_six", "absent", "for"]), "absent"),
    (lambda rows: rows.__setitem__(1, [rows[0][0], "PRG-T-0002", "chair", "absent", ""]), "differs from row"),
    (lambda rows: rows.__setitem__(0, [rows[0][0], "PRG-T-0001", "chair", "present", "maybe"]), "for, against, abstain"),
    (lambda rows: rows.__setitem__(0, [rows[0][0], "PRG-T-0001", "ch\x00air", "present", "for"]), "control character"),
])
def test_a_malformed_row_refuses_the_file_with_its_row_and_column(board, change, expected):
    session = _planned(board)
    rows = _rows(session)
    change(rows)
    before = _snapshot()
    report = import_file(actor=board.secretary, session=session, data=_csv(rows, "en"), language="en")
    assert report.problems and any(expected in message for _r, _c, message in report.problems), report.problems
    assert all(row is None or row >= 2 for row, _c, _m in report.problems)
    assert _snapshot() == before


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02garbage", b"PK\x03\x04broken", b'{"kind": "council_votes", "rows": 5}', b"a;b;c\n1;2;3\n", b'{"kind": "spending", "rows": []}'])
def test_a_file_that_is_no_vote_file_is_refused_in_the_users_language(board, data):
    session = _planned(board)
    before = _snapshot()
    report = import_file(actor=board.secretary, session=session, data=data, language="ru")
    assert report.problems
    assert _snapshot() == before


def test_the_problems_read_in_kazakh(board):
    session = _planned(board)
    rows = _rows(session)
    rows[0][3] = "maybe"
    report = import_file(actor=board.secretary, session=session, data=_csv(rows, "kk"), language="kk")
    assert report.problems[0][1] == "Қатысуы"


def test_only_the_secretary_imports(board):
    from niokr.projects.lifecycle.workflow import TransitionRefused

    session = _planned(board)
    with pytest.raises(TransitionRefused):
        import_file(actor=board.user("chair"), session=session, data=_csv(_rows(session)), language="ru")
    assert Vote.objects.count() == 0
