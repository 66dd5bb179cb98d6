"""The council pages, the API and the minutes: who sees what, every refusal with nothing changed, the PDF fits its pages."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from niokr.core.models import AuditEvent
from niokr.obligations.tests.test_statement_layout import _overflows
from niokr.projects.lifecycle import councils
from niokr.projects.lifecycle.minutes import minutes_document
from niokr.projects.lifecycle.tests.council_fixtures import board, today_session, voting_session  # noqa: F401
from niokr.projects.models import Recusal, Vote

pytestmark = pytest.mark.django_db


def _counts():
    return Vote.objects.count(), Recusal.objects.count(), AuditEvent.objects.count()


def test_the_session_page_shows_the_recusal_path_the_policy_and_the_vote_buttons_only_when_allowed(board):
    session = voting_session(board)
    page = board.client(board.user("m_two_hops")).get(f"/lifecycle/sessions/{session.reference}/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"Институт «Дочерний» ({board.orgs['institute'].bin}) → " in text and f"→ ТОО «Заявитель» ({board.applicant.bin})" in text
    assert "You are recused from this item" in text  # item 1: the reason, no buttons
    assert text.count('name="choice"') == 3  # item 2: For / Against / Abstain
    assert "Quorum: at least 2/3" in text


@pytest.mark.parametrize("who, status", [("company", 404), ("outsider", 404), ("regulator_energy", 404), ("regulator", 200), ("auditor", 200), ("chair", 200), ("secretary", 200)])
def test_the_session_is_read_by_the_council_its_regulators_and_auditors(board, who, status):
    session = voting_session(board)
    assert board.client(board.user(who)).get(f"/lifecycle/sessions/{session.reference}/").status_code == status
    listed = board.client(board.user(who)).get("/api/v1/lifecycle/sessions/").json()["results"]
    assert bool(listed) == (status == 200)


def test_a_company_reads_the_result_on_its_own_programme_only(board):
    session = voting_session(board)
    councils.close_vote(actor=board.secretary, session=session)
    items = board.client(board.user("company")).get("/api/v1/lifecycle/items/").json()["results"]
    assert [i["programme"] for i in items] == ["PRG-T-0001"] and items[0]["tally"]["outcome"] in ("approved", "rejected", "no_quorum")
    assert board.client(board.user("company")).get("/api/v1/lifecycle/votes/").json()["results"] == []


def test_a_refused_vote_on_the_page_says_why_and_changes_nothing(board):
    session = voting_session(board, present=["chair", "m_two_hops", "m_three_hops", "m_four", "m_five"])
    first = session.items.get(order=1)
    for who, reason in (("m_six", "absent"), ("m_two_hops", "recused")):
        before = _counts()
        page = board.client(board.user(who)).post(f"/lifecycle/sessions/{session.reference}/vote/", {"item": first.pk, "choice": "for"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
        assert reason in page.content.decode() and _counts() == before
    before = _counts()
    assert board.client(board.user("secretary")).post(f"/lifecycle/sessions/{session.reference}/vote/", {"item": first.pk, "choice": "for"}).status_code == 403
    assert _counts() == before
    board.client(board.user("chair")).post(f"/lifecycle/sessions/{session.reference}/vote/", {"item": first.pk, "choice": "for"})
    before = _counts()
    page = board.client(board.user("chair")).post(f"/lifecycle/sessions/{session.reference}/vote/", {"item": first.pk, "choice": "against"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already voted" in page.content.decode() and _counts() == before


def test_the_api_refuses_a_vote_with_400_or_403_and_the_reason(board):
    session = voting_session(board, present=["chair", "m_two_hops", "m_three_hops", "m_four", "m_five"])
    first = session.items.get(order=1)
    cases = [("m_six", 400, "absent"), ("m_two_hops", 400, "recused"), ("secretary", 403, "voting member"), ("regulator", 403, "voting member")]
    for who, code, reason in cases:
        before = _counts()
        response = board.client(board.user(who)).post("/api/v1/lifecycle/votes/", {"item": first.pk, "choice": "for"}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == code and reason in response.content.decode(), (who, response.content)
        assert _counts() == before
    assert board.client(board.user("company")).post("/api/v1/lifecycle/votes/", {"item": first.pk, "choice": "for"}).status_code == 404
    assert board.client(board.user("chair")).post("/api/v1/lifecycle/votes/", {"item": first.pk, "choice": "for"}).status_code == 201
    before = _counts()
    response = board.client(board.user("chair")).post("/api/v1/lifecycle/votes/", {"item": first.pk, "choice": "for"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "already voted" in response.content.decode() and _counts() == before
    assert board.client(board.user("chair")).post(f"/api/v1/lifecycle/sessions/{session.pk}/close/").status_code == 403
    assert board.client(board.user("secretary")).post(f"/api/v1/lifecycle/sessions/{session.pk}/close/").status_code == 200
    before = _counts()
    response = board.client(board.user("m_four")).post("/api/v1/lifecycle/votes/", {"item": first.pk, "choice": "for"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "closed" in response.content.decode() and _counts() == before


def test_the_secretary_runs_a_session_through_the_pages(board):
    client = board.client(board.secretary)
    response = client.post("/lifecycle/sessions/plan/", {
        "council": board.council.pk, "held_on": timezone.localdate().isoformat(), "quorum_num": 2, "quorum_den": 3, "majority_num": 2, "majority_den": 3,
        "majority_base": "present_voting", "abstentions_count": "on", "source": "electronic",
    })
    session = board.council.sessions.get()
    assert response.status_code == 302
    page = client.post(f"/lifecycle/sessions/{session.reference}/open/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "agenda is empty" in page.content.decode()
    for programme in board.programmes:
        client.post(f"/lifecycle/sessions/{session.reference}/agenda/", {"programme": programme.reference})
    client.post(f"/lifecycle/sessions/{session.reference}/attendance/", {"present": [m.pk for m in board.members.values()]})
    client.post(f"/lifecycle/sessions/{session.reference}/open/")
    session.refresh_from_db()
    assert session.status == "voting" and session.items.count() == 2
    assert board.client(board.user("chair")).post(f"/lifecycle/sessions/{session.reference}/close/").status_code == 403
    client.post(f"/lifecycle/sessions/{session.reference}/close/")
    session.refresh_from_db()
    assert session.status == "closed"


def test_the_import_page_and_endpoint(board):
    session = today_session(board)
    councils.put_on_agenda(actor=board.secretary, session=session, programme=board.programmes[1])
    rows = [f"{session.reference};PRG-T-0002;{name};present;for" for name in ("chair", "m_two_hops", "m_three_hops", "m_four", "m_five", "m_six")]
    data = ("Session;Programme;Member (login);Attendance;Vote\n" + "\n".join(rows) + "\n").encode()
    page = board.client(board.secretary).post(f"/intake/council-votes/{session.reference}/", {"file": io.BytesIO(data)}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Votes imported: 6" in page.content.decode()
    file = io.BytesIO(data)
    file.name = "votes.csv"
    response = board.client(board.secretary).post(f"/api/v1/intake/council-votes/{session.pk}/", {"file": file})
    assert response.status_code == 200 and response.json()["votes"] == 0 and response.json()["unchanged"] == 6
    file = io.BytesIO(data.replace(b"m_six;present;for", b"m_six;absent;for"))
    file.name = "votes.csv"
    response = board.client(board.secretary).post(f"/api/v1/intake/council-votes/{session.pk}/", {"file": file})
    assert response.status_code == 400 and response.json()["problems"]
    file = io.BytesIO(data)
    file.name = "votes.csv"
    assert board.client(board.user("chair")).post(f"/api/v1/intake/council-votes/{session.pk}/", {"file": file}).status_code == 403


def test_the_close_due_command_closes_votes_whose_time_passed(board):
    session = voting_session(board, vote_closes_at=timezone.now() + timedelta(minutes=30))
    session.vote_closes_at = timezone.now() - timedelta(minutes=1)
    session.save(update_fields=["vote_closes_at"])
    out = io.StringIO()
    call_command("lifecycle", "close-due", stdout=out)
    session.refresh_from_db()
    assert session.status == "closed" and session.reference in out.getvalue()


@pytest.mark.parametrize("language, words", [("kk", ("Кворум", "Қатысуы")), ("ru", ("Кворум", "Присутствие"))])
def test_the_minutes_render_in_kazakh_and_russian_within_the_page(board, language, words):
    session = voting_session(board)
    councils.declare_conflict(actor=board.user("m_four"), session=session, item=session.items.get(order=2), note="Совместитель у второго заявителя, длинная пометка " * 5)
    for name in ("chair", "m_three_hops", "m_five"):
        councils.cast_vote(actor=board.user(name), session=session, item=session.items.get(order=1), choice="for")
    councils.close_vote(actor=board.secretary, session=session)
    document = minutes_document(session=session, language=language)
    assert _overflows(document) == []
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document.write_pdf())).pages)
    assert board.holding.bin in text and board.orgs["institute"].bin in text
    assert session.reference in text
    response = board.client(board.user("regulator")).get(f"/lifecycle/sessions/{session.reference}/minutes.pdf?lang={language}")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
