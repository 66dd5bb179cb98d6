"""Anonymity across the authorization matrix: no page available to anybody but the exercise's moderator
(and an administrator) links a panellist to an answer, or even names another panellist.

The world: an exercise with two closed rounds (answers, comments, a drop-out, an accepted proposal)
and round 3 open with drafts and a submitted response. Every foresight page is fetched as every role.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from niokr.accounts.models import Membership
from niokr.foresight import services
from niokr.foresight.tests.conftest import answers, make_exercise

pytestmark = pytest.mark.django_db

PANELLISTS = ("panel_a", "panel_b", "panel_c", "panel_d")
READERS = ("regulator", "policy_secretariat", "policy_analyst", "tcc_analyst", "auditor")
NOBODY = ("company", "performer", "outsider", "other_moderator")
SECRET_DRAFT = "черновик-панелиста-А"


@pytest.fixture
def delphi(people):
    world = make_exercise(people)
    mod = world.users["moderator"]
    admin = people.users["outsider"].__class__.objects.create_superuser(username="root", password="x", email="root@example.kz", first_name="Админ", last_name="Системный")
    world.users["administrator"] = admin
    r1 = services.open_round(mod, world.exercise)
    proposal = services.propose_item(world.users["panel_b"], r1, statement="Радиофармпрепараты из казахстанского урана", language="ru")
    for login, values in (("panel_a", {0: 8, 1: 3, 2: 5}), ("panel_b", {0: 9, 1: 6, 2: 5}), ("panel_c", {0: 5, 1: 7, 2: 6}), ("panel_d", {0: 2, 1: 7, 2: 6})):
        services.submit_response(world.users[login], r1, answers(world, values, comment=f"мнение-{login[-1]}"))
    services.close_round(mod, r1)
    services.accept_proposal(mod, proposal, statement_kk="Қазақстан уранынан радиофармпрепараттар", statement_ru="Радиофармпрепараты из казахстанского урана")
    r2 = services.open_round(mod, world.exercise)
    world.items = list(services.rated_items(world.exercise, 2))
    for login, values in (("panel_a", {0: 8, 1: 4, 2: 5, 3: 8}), ("panel_b", {0: 8, 1: 6, 2: 5, 3: 9}), ("panel_c", {0: 7, 1: 7, 2: 6, 3: 7})):
        services.submit_response(world.users[login], r2, answers(world, values))
    services.close_round(mod, r2)  # panel_d dropped out
    r3 = services.open_round(mod, world.exercise)
    services.save_response(world.users["panel_a"], r3, answers(world, {0: 9, 1: 4, 2: 5, 3: 8}, comment=SECRET_DRAFT))
    services.submit_response(world.users["panel_b"], r3, answers(world, {0: 8, 1: 6, 2: 5, 3: 9}))
    services.send_reminders(mod, r3)
    return world


def _pages(world):
    code = world.exercise.code
    pages = [reverse("foresight:exercise-list"), reverse("foresight:exercise-detail", args=[code])]
    for n in (1, 2, 3):
        pages += [
            reverse("foresight:round-results", args=[code, n]),
            reverse("foresight:questionnaire", args=[code, n]),
            reverse("foresight:round-responses", args=[code, n]),
        ]
    return pages


def _identities(world, login):
    user = world.users[login]
    return [user.get_full_name(), user.last_name, user.username + "@", user.email, f">{user.username}<", f" {user.username} "]


def _fetch(world, login):
    client = world.client(login)
    return {url: client.get(url) for url in _pages(world)}


@pytest.mark.parametrize("login", [*PANELLISTS, *READERS, *NOBODY])
def test_no_page_names_another_panellist(delphi, login):
    others = [p for p in PANELLISTS if p != login]
    for url, response in _fetch(delphi, login).items():
        assert response.status_code in (200, 404), (login, url, response.status_code)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        for other in others:
            for token in _identities(delphi, other):
                assert token not in html, (login, url, token)
        assert delphi.users["moderator"].last_name not in html  # the moderator is not named to others either
        assert SECRET_DRAFT not in html or login == "panel_a", (login, url)


@pytest.mark.parametrize("login", [*PANELLISTS, *READERS, *NOBODY])
def test_nobody_but_the_moderator_reaches_who_answered_what(delphi, login):
    code = delphi.exercise.code
    client = delphi.client(login)
    for n in (1, 2, 3):
        assert client.get(reverse("foresight:round-responses", args=[code, n])).status_code == 404


def test_panellist_b_cannot_reach_as_response(delphi):
    """A questionnaire is always the requester's own: B sees B's answers, and A's draft and values nowhere."""
    code = delphi.exercise.code
    b = delphi.client("panel_b")
    page = b.get(reverse("foresight:questionnaire", args=[code, 3])).content.decode()
    assert SECRET_DRAFT not in page
    # B's own submitted 9 on P01, not A's 8
    assert 'id="a-P01__importance-9" name="a__P01__importance" value="9" checked' in page
    assert 'id="a-P01__importance-8" name="a__P01__importance" value="8" checked' not in page
    # a forged query naming A's seat changes nothing; the responses page is not found
    seat_a = delphi.seats["panel_a"].pk
    assert SECRET_DRAFT not in b.get(reverse("foresight:questionnaire", args=[code, 3]) + f"?panellist={seat_a}").content.decode()
    assert b.get(reverse("foresight:round-responses", args=[code, 3]) + f"?panellist={seat_a}").status_code == 404
    # B cannot post into A's response either: posting changes B's own only
    b.post(reverse("foresight:questionnaire", args=[code, 3]), {"action": "save", "panellist": str(seat_a), "a__M01__importance": "1"})
    from niokr.foresight.models import Answer

    assert Answer.objects.get(response__round__number=3, response__panellist=delphi.seats["panel_a"], item__code="M01", scale="importance").value == 9


def test_readers_see_frozen_results_only(delphi):
    code = delphi.exercise.code
    for login in READERS:
        client = delphi.client(login)
        assert client.get(reverse("foresight:round-results", args=[code, 1])).status_code == 200
        assert client.get(reverse("foresight:round-results", args=[code, 3])).status_code == 404  # open round
        for n in (1, 2, 3):
            assert client.get(reverse("foresight:questionnaire", args=[code, n])).status_code == 404
        detail = client.get(reverse("foresight:exercise-detail", args=[code])).content.decode()
        assert "moderator-controls" not in detail and "foresight-panellists" not in detail


def test_readers_do_not_see_an_exercise_before_a_round_has_closed(people):
    world = make_exercise(people)
    services.open_round(world.users["moderator"], world.exercise)
    for login in READERS:
        client = world.client(login)
        assert client.get(reverse("foresight:exercise-detail", args=[world.exercise.code])).status_code == 404
        assert world.exercise.code not in client.get(reverse("foresight:exercise-list")).content.decode()


def test_roles_without_a_part_find_nothing(delphi):
    for login in NOBODY:
        for url, response in _fetch(delphi, login).items():
            if login == "other_moderator" and url == reverse("foresight:exercise-list"):
                # a moderator has the list (to start an exercise), without the exercises of others
                assert response.status_code == 200 and delphi.exercise.code not in response.content.decode()
                continue
            assert response.status_code == 404, (login, url)


def test_a_panellist_of_another_exercise_sees_nothing_of_this_one(delphi, build):
    from niokr.accounts.models import User

    stranger = User.objects.create_user(username="stranger", password="x", first_name="Чужой", last_name="Эксперт")
    Membership.objects.create(user=stranger, organisation=delphi.org, role="panellist")
    delphi.users["stranger"] = stranger
    for url, response in _fetch(delphi, "stranger").items():
        if url != reverse("foresight:exercise-list"):
            assert response.status_code == 404, url
        else:
            assert delphi.exercise.code not in response.content.decode()


@pytest.mark.parametrize("login", ["moderator", "administrator"])
def test_the_moderator_and_an_administrator_see_identities(delphi, login):
    code = delphi.exercise.code
    client = delphi.client(login)
    responses = client.get(reverse("foresight:round-responses", args=[code, 1])).content.decode()
    detail = client.get(reverse("foresight:exercise-detail", args=[code])).content.decode()
    for p in PANELLISTS:
        assert delphi.users[p].get_full_name() in responses
        assert delphi.users[p].get_full_name() in detail
    assert "мнение-a" in responses


def test_a_moderator_who_loses_the_role_loses_the_identities(delphi):
    Membership.objects.filter(user=delphi.users["moderator"], role="foresight_moderator").delete()
    client = delphi.client("moderator")
    assert client.get(reverse("foresight:round-responses", args=[delphi.exercise.code, 1])).status_code == 404


def test_comments_are_frozen_in_an_order_that_reveals_nobody(delphi):
    from niokr.foresight.models import ItemResult

    result = ItemResult.objects.get(round__number=1, item__code="M01", scale="importance")
    assert result.comments == sorted(result.comments, key=lambda t: (t.casefold(), t))
    assert all("panellist" not in str(k) for k in result.figures)
