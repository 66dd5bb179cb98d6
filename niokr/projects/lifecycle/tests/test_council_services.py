"""The council's services: planning, agenda, attendance, recusal, the vote and its refusals, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from niokr.accounts.models import Notification
from niokr.accounts.notifications import text_of
from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import councils
from niokr.projects.lifecycle.tests.council_fixtures import board, later, today_session, voting_session  # noqa: F401
from niokr.projects.lifecycle.workflow import TransitionRefused
from niokr.projects.models import AgendaItem, Recusal, Vote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The reasons are read in English here (the catalogues translate them for kk and ru)."""
    with translation.override("en"):
        yield


def _state(session):
    """Everything a refused act must leave as it was."""
    session.refresh_from_db()
    return (
        session.status, Vote.objects.count(), Recusal.objects.count(), AuditEvent.objects.count(),
        list(AgendaItem.objects.values_list("outcome", "decided_at").order_by("pk")), [p.status for p in type(session.items.first().version.programme).objects.order_by("pk")] if session.items.exists() else [],
    )


def _refused(session, call, *, code=None, contains=""):
    before = _state(session)
    with pytest.raises(TransitionRefused) as caught:
        call()
    assert _state(session) == before
    if code:
        assert caught.value.code == code
    assert contains in caught.value.reason, caught.value.reason
    return caught.value.reason


# --- planning ---------------------------------------------------------------------------------------


def test_a_session_is_planned_with_the_default_policy_and_a_reference(board):
    session = today_session(board)
    assert session.reference.startswith("STC-INDUSTRY-") and session.status == "planned"
    assert (session.quorum_num, session.quorum_den, session.majority_num, session.majority_den) == (2, 3, 2, 3)
    assert session.majority_base == "present_voting" and session.abstentions_count
    assert AuditEvent.objects.filter(action="council_session.plan", object_id=str(session.pk)).exists()


@pytest.mark.parametrize("shares", [dict(quorum_num=4, quorum_den=3), dict(majority_num=0), dict(quorum_den=0), dict(majority_base="everyone")])
def test_a_policy_that_is_not_a_share_is_refused(board, shares):
    before = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused):
        today_session(board, **shares)
    assert AuditEvent.objects.count() == before and not board.council.sessions.exists()


def test_only_the_councils_secretary_plans_a_session(board):
    for name in ("chair", "regulator", "company", "outsider"):
        with pytest.raises(TransitionRefused) as caught:
            councils.plan_session(actor=board.user(name), council=board.council, held_on=timezone.localdate())
        assert caught.value.code == "forbidden"
    assert not board.council.sessions.exists()


def test_putting_a_programme_on_the_agenda_schedules_it(board):
    session = today_session(board)
    item = councils.put_on_agenda(actor=board.secretary, session=session, programme=board.programmes[0])
    board.programmes[0].refresh_from_db()
    assert board.programmes[0].status == "in_council" and item.order == 1
    assert AuditEvent.objects.filter(action="programme.schedule").exists()
    _refused(session, lambda: councils.put_on_agenda(actor=board.secretary, session=session, programme=board.programmes[0]))


# --- opening: guards and automatic recusal ----------------------------------------------------------


def test_the_vote_does_not_open_on_an_empty_agenda_or_without_attendance(board):
    session = today_session(board)
    _refused(session, lambda: councils.open_vote(actor=board.secretary, session=session), contains="agenda")
    councils.put_on_agenda(actor=board.secretary, session=session, programme=board.programmes[0])
    _refused(session, lambda: councils.open_vote(actor=board.secretary, session=session), contains="6")
    _refused(session, lambda: councils.open_vote(actor=board.user("chair"), session=session), code="forbidden")


def test_a_member_two_hops_from_the_applicant_is_recused_with_the_path_and_three_hops_is_not(board):
    session = voting_session(board)
    first = session.items.get(order=1)
    recusals = {r.member_id: r for r in first.recusals.all()}
    two = board.members["m_two_hops"]
    assert set(recusals) == {two.pk}, "only the member two hops away"
    path = recusals[two.pk].path
    assert [s["bin"] for s in path] == [board.orgs["institute"].bin, board.holding.bin, board.applicant.bin]
    assert recusals[two.pk].source == "automatic"
    text = councils.path_text(path, "en")
    assert text == f"Институт «Дочерний» ({board.orgs['institute'].bin}) → owned by → Холдинг «Альфа» ({board.holding.bin}) → owner of → ТОО «Заявитель» ({board.applicant.bin})"
    event = AuditEvent.objects.get(action="council_session.open_vote")
    assert event.after["recusals"][0]["path"] == [s["bin"] for s in path]


def test_opening_notifies_the_present_members_and_the_recused_in_their_language(board):
    board.members["m_two_hops"].user.language = "kk"
    board.members["m_two_hops"].user.save()
    voting_session(board, present=["chair", "m_two_hops", "m_three_hops", "m_four", "m_five"])
    opened = set(Notification.objects.filter(kind="lifecycle.vote_opened").values_list("user__username", flat=True))
    assert opened == {"chair", "m_two_hops", "m_three_hops", "m_four", "m_five"}  # m_six is absent
    recusals = Notification.objects.filter(kind="lifecycle.recusal").order_by("pk")
    assert [(r.user.username, r.params["programme"]) for r in recusals] == [("m_two_hops", "PRG-T-0001")]
    assert board.holding.bin in text_of(recusals[0], "kk") and board.holding.bin in text_of(recusals[0], "ru")


# --- the vote: every refusal, nothing changed -------------------------------------------------------


def test_every_refusal_of_a_vote_says_why_and_changes_nothing(board):
    session = voting_session(board, present=["chair", "m_two_hops", "m_three_hops", "m_four", "m_five"])
    first = session.items.get(order=1)
    vote = lambda name, item=first, s=session: councils.cast_vote(actor=board.user(name), session=s, item=item, choice="for")  # noqa: E731
    _refused(session, lambda: vote("m_six"), contains="absent")
    _refused(session, lambda: vote("m_two_hops"), contains="recused")
    _refused(session, lambda: vote("secretary"), code="forbidden")
    _refused(session, lambda: vote("former"), code="forbidden")
    _refused(session, lambda: vote("outsider"), code="forbidden")
    _refused(session, lambda: vote("regulator"), code="forbidden")
    vote("chair")
    _refused(session, lambda: vote("chair"), contains="already voted")
    _refused(session, lambda: councils.cast_vote(actor=board.user("m_four"), session=session, item=first, choice="maybe"))
    # Closed by time though still "voting".
    session.vote_closes_at = timezone.now() - timedelta(seconds=1)
    session.save(update_fields=["vote_closes_at"])
    _refused(session, lambda: vote("m_four"), contains="closed")


def test_no_vote_before_opening_or_after_closing(board):
    session = today_session(board)
    item = councils.put_on_agenda(actor=board.secretary, session=session, programme=board.programmes[1])
    _refused(session, lambda: councils.cast_vote(actor=board.user("chair"), session=session, item=item, choice="for"), contains="not opened")
    councils.record_attendance(actor=board.secretary, session=session, present_ids=[m.pk for m in board.members.values()])
    councils.open_vote(actor=board.secretary, session=session)
    councils.close_vote(actor=board.secretary, session=session)
    session.refresh_from_db()
    _refused(session, lambda: councils.cast_vote(actor=board.user("chair"), session=session, item=item, choice="for"), contains="closed")


def test_a_declared_conflict_recuses_the_member_before_they_vote(board):
    session = voting_session(board)
    second = session.items.get(order=2)
    councils.declare_conflict(actor=board.user("m_four"), session=session, item=second, note="Мой брат работает у заявителя")
    _refused(session, lambda: councils.cast_vote(actor=board.user("m_four"), session=session, item=second, choice="for"), contains="declared")
    _refused(session, lambda: councils.declare_conflict(actor=board.user("m_four"), session=session, item=second, note="again"), contains="already recused")
    councils.cast_vote(actor=board.user("m_five"), session=session, item=second, choice="for")
    _refused(session, lambda: councils.declare_conflict(actor=board.user("m_five"), session=session, item=second, note="late"), contains="already voted")
    _refused(session, lambda: councils.declare_conflict(actor=board.user("m_six"), session=session, item=second, note="   "))


# --- closing ----------------------------------------------------------------------------------------


def test_exactly_two_thirds_pass_and_the_result_is_written_once_with_the_tally(board):
    session = voting_session(board)
    first, second = session.items.get(order=1), session.items.get(order=2)
    # Item 1: 6 members, 1 recused → 5 eligible, all present; 2/3 of 3 votes needs 2.
    for name, choice in (("chair", "for"), ("m_four", "for"), ("m_five", "against")):
        councils.cast_vote(actor=board.user(name), session=session, item=first, choice=choice)
    # Item 2: 6 eligible; 4 for, 2 against: 2/3 of 6 is exactly 4.
    for name, choice in (("chair", "for"), ("m_two_hops", "for"), ("m_three_hops", "for"), ("m_four", "for"), ("m_five", "against"), ("m_six", "against")):
        councils.cast_vote(actor=board.user(name), session=session, item=second, choice=choice)
    councils.close_vote(actor=board.secretary, session=session)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == "approved" and first.tally["eligible"] == 5 and first.tally["needed_for"] == 2
    assert first.tally["recusals"][0]["path"][0]["bin"] == board.orgs["institute"].bin
    assert second.outcome == "approved" and second.tally["votes_for"] == 4 and second.tally["needed_for"] == 4
    assert first.tally["policy"]["majority_base"] == "present_voting"
    for programme in board.programmes:
        programme.refresh_from_db()
        assert programme.status == "in_expertise"
    with pytest.raises(ValueError):
        first.tally = {**first.tally, "votes_for": 99}
        first.save()
    assert verify_chain()[1] is None


def test_two_thirds_minus_one_vote_is_rejected_and_a_missed_quorum_defers(board):
    session = voting_session(board, present=["chair", "m_three_hops", "m_four", "m_five", "m_six"])
    first, second = session.items.get(order=1), session.items.get(order=2)
    for name, choice in (("chair", "for"), ("m_three_hops", "against"), ("m_four", "for"), ("m_five", "against"), ("m_six", "abstain")):
        councils.cast_vote(actor=board.user(name), session=session, item=second, choice=choice)
    councils.close_vote(actor=board.secretary, session=session)
    second.refresh_from_db()
    assert second.outcome == "rejected" and second.tally["needed_for"] == 4
    board.programmes[1].refresh_from_db()
    assert board.programmes[1].status == "rejected"
    first.refresh_from_db()
    assert first.outcome == "approved" or first.outcome in ("rejected", "no_quorum")


def test_no_quorum_sends_the_programme_back(board):
    session = voting_session(board, present=["chair", "m_four", "m_five"])
    councils.close_vote(actor=board.secretary, session=session)
    for item in session.items.all():
        assert item.outcome == "no_quorum"
    for programme in board.programmes:
        programme.refresh_from_db()
        assert programme.status == "submitted"


def test_the_system_closes_only_votes_whose_time_has_passed(board):
    session = voting_session(board, vote_closes_at=later(60))
    assert councils.close_due() == []
    _refused(session, lambda: councils.close_vote(actor=None, session=session), contains="time")
    assert councils.close_due(now=timezone.now() + timedelta(hours=2)) == [session.reference]
    session.refresh_from_db()
    assert session.status == "closed"
    assert AuditEvent.objects.filter(action="council_session.close_vote", actor_id__isnull=True).exists()


def test_a_cancelled_session_sends_its_programmes_back(board):
    session = today_session(board)
    for programme in board.programmes:
        councils.put_on_agenda(actor=board.secretary, session=session, programme=programme)
    councils.cancel_session(actor=board.secretary, session=session, reason="Нет кворума в зале")
    for programme in board.programmes:
        programme.refresh_from_db()
        assert programme.status == "submitted"
    assert AuditEvent.objects.filter(action="council_session.cancel").count() == 1
    assert AuditEvent.objects.filter(action="programme.council_defer").count() == 2


def test_every_transition_writes_an_audit_event_and_the_chain_holds(board):
    session = voting_session(board)
    councils.close_vote(actor=board.secretary, session=session)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"council_session.plan", "council_session.agenda", "council_session.attendance", "council_session.open_vote", "council_session.close_vote", "programme.schedule"} <= actions
    assert verify_chain()[1] is None
