"""Notifications: the badge's count, the page (own only, newest first, read/unread), the API, e-mails in the recipient's language, reminders once a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from niokr.accounts.models import Notification
from niokr.accounts.notifications import notify
from niokr.projects.lifecycle import programmes as services
from niokr.projects.lifecycle.reminders import send_reminders
from niokr.projects.lifecycle.tests.programme_world import build_programme_world

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = reverse("accounts:notifications")
READ = reverse("accounts:notification-read")
API = reverse("accounts-api:notification-list")
API_READ = reverse("accounts-api:notification-read")


@pytest.fixture
def world(build):
    return build_programme_world(build)


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NIOKR_NOTIFY_BY_EMAIL = True


def _note(user, programme="PRG-2026-000001"):
    with transaction.atomic():
        return notify(user, "lifecycle.council_approved", {"programme": programme, "link": f"/lifecycle/programmes/{programme}/"})


def test_the_badge_counts_the_unread_in_one_query(world):
    user = world.user("holding_staff")
    for n in range(3):
        _note(user, f"PRG-2026-00000{n}")
    Notification.objects.filter(pk=_note(user).pk).update(read_at=timezone.now())
    client = world.client("holding_staff")
    body = client.get(reverse("lifecycle:programme-list")).content.decode()
    assert 'notifications-count' in body and '<span aria-hidden="true">3</span>' in body
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("lifecycle:programme-list"))
    assert len([q for q in queries.captured_queries if "accounts_notification" in q["sql"]]) == 1


def test_no_badge_without_unread(world):
    body = world.client("outsider").get(PAGE).content.decode()
    assert "notifications-count" not in body and "navbar-notifications" in body


def test_the_page_lists_own_notifications_newest_first_with_the_link_and_marks_one_and_all_read(world):
    user = world.user("holding_staff")
    first, second = _note(user, "PRG-2026-000001"), _note(user, "PRG-2026-000002")
    _note(world.user("other_staff"), "PRG-2026-000099")
    client = world.client("holding_staff", language="en")
    body = client.get(PAGE).content.decode()
    assert body.index("PRG-2026-000002") < body.index("PRG-2026-000001")
    assert "PRG-2026-000099" not in body
    assert 'href="/lifecycle/programmes/PRG-2026-000001/"' in body
    assert client.post(READ, {"id": first.pk}).status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    # Another person's notification is not marked by this person.
    other = Notification.objects.get(user=world.users["other_staff"])
    client.post(READ, {"id": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    client.post(READ, {"all": "1"})
    assert not user.notifications.filter(read_at__isnull=True).exists()
    assert client.get(PAGE, {"unread": "1"}).content.decode().count("notification-unread") == 0


def test_marking_read_needs_a_post_with_the_csrf_token(world):
    from django.test import Client

    note = _note(world.user("holding_staff"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["holding_staff"])
    assert client.get(READ).status_code == 405
    assert client.post(READ, {"all": "1"}).status_code == 403
    note.refresh_from_db()
    assert note.read_at is None


def test_the_api_lists_only_the_callers_notifications_in_the_request_language_and_marks_them_read(world):
    _note(world.user("holding_staff"))
    _note(world.user("other_staff"))
    client = world.client("holding_staff", language="en")
    data = client.get(API).json()
    assert [n["link"] for n in data["results"]] == ["/lifecycle/programmes/PRG-2026-000001/"]
    assert data["results"][0]["read"] is False and "approved" in data["results"][0]["text"]
    response = client.post(API_READ, {"all": True}, content_type="application/json")
    assert response.status_code == 200 and response.json() == {"marked": 1, "unread": 0}
    assert Notification.objects.filter(user=world.users["other_staff"], read_at__isnull=True).count() == 1
    assert world.client("anonymous").get(API).status_code in (401, 403)


@pytest.mark.parametrize(("who", "language", "word"), [("subsidiary_staff", "kk", "бағдарлама"), ("holding_staff", "ru", "программ"), ("secretary_industry", "en", "programme")])
def test_the_email_is_in_the_recipients_language(world, who, language, word):
    _note(world.user(who))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [f"{who}@niokr.example"]
    assert word in (message.subject + message.body).lower()
    assert "/lifecycle/programmes/PRG-2026-000001/" in message.body


def test_submitting_a_programme_emails_the_secretary_in_english(world):
    programme = services.create_programme(actor=world.user("holding_staff"), applicant=world.holding, raw=world.data())
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    assert [m.to for m in mail.outbox] == [["secretary_industry@niokr.example"]]
    assert programme.reference in mail.outbox[0].body and "submitted" in mail.outbox[0].body


def _voting_session(world, *, closes_in_days: int):
    from niokr.accounts.choices import Role
    from niokr.accounts.models import Membership
    from niokr.projects.models import AgendaItem, Council, CouncilMember, CouncilSession, Vote

    programme = services.create_programme(actor=world.user("holding_staff"), applicant=world.holding, raw=world.data())
    council = Council.objects.create(authority="industry", name_kk="Кеңес", name_ru="Совет", name_en="Council")
    members = []
    for name in ("member_voted", "member_waiting", "member_absent"):
        user = world.users.get(name) or type(world.users["outsider"]).objects.create_user(username=name, password="x", email=f"{name}@niokr.example", language="kk")
        Membership.objects.get_or_create(user=user, organisation=world.institute, role=Role.COUNCIL_MEMBER)
        members.append(CouncilMember.objects.create(council=council, user=user, organisation=world.institute, term_from=date(2020, 1, 1)))
    session = CouncilSession.objects.create(council=council, reference="STC-2026-000001", held_on=timezone.localdate(), status="voting", vote_closes_at=timezone.now() + timedelta(days=closes_in_days))
    item = AgendaItem.objects.create(session=session, version=programme.current)
    Vote.objects.create(item=item, member=members[0], choice="for")
    from niokr.projects.models import Attendance

    Attendance.objects.create(session=session, member=members[2], present=False)
    return session


def test_remind_notifies_members_who_have_not_voted_once_a_day(world):
    _voting_session(world, closes_in_days=3)
    first = send_reminders()
    assert [d.user.username for d in first] == ["member_waiting"]
    assert send_reminders() == []
    call_command("lifecycle", "remind")
    assert Notification.objects.filter(kind="lifecycle.deadline_vote").count() == 1
    assert [m.to for m in mail.outbox] == [["member_waiting@niokr.example"]]
    # Kazakh: the recipient's language.
    assert "STC-2026-000001" in mail.outbox[0].body


def test_remind_leaves_a_vote_closing_later_than_a_week(world):
    _voting_session(world, closes_in_days=10)
    assert send_reminders() == []
