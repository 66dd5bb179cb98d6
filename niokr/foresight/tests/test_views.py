"""The pages: the moderator runs an exercise through them; a panellist answers; in round 2 the
panellist sees their own round-1 answer beside the group's median and IQR."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from niokr.foresight import services
from niokr.foresight.models import Answer, ItemResult, Response, RoundStatus, Scale
from niokr.foresight.tests.conftest import answers, make_exercise

pytestmark = pytest.mark.django_db


def _post_answers(client, world, number, values: dict, action="submit", extra=None):
    data = {"action": action}
    for index, item in enumerate(world.items):
        v = values.get(index)
        for scale in world.exercise.scales:
            name = f"{item.code}__{scale}"
            if scale in ("importance", "feasibility"):
                data[f"a__{name}"] = "dk" if v is None else str(v)
            elif scale == "realisation":
                data[f"a__{name}"] = "2"
            else:
                data[f"a__{name}"] = "40"
    data.update(extra or {})
    return client.post(reverse("foresight:questionnaire", args=[world.exercise.code, number]), data)


def _moderate(client, world, **data):
    return client.post(reverse("foresight:exercise-post", args=[world.exercise.code]), data)


def test_the_core_flow_through_the_pages(people):
    world = make_exercise(people, lock=False)
    mod = world.client("moderator")
    code = world.exercise.code
    # round 1 refused before the lock, with the reason shown
    page = _moderate(mod, world, action="open")
    assert page.status_code == 302 and world.exercise.rounds.count() == 0
    assert _moderate(mod, world, action="lock").status_code == 302
    assert _moderate(mod, world, action="open", deadline="").status_code == 302
    r1 = world.exercise.rounds.get()
    assert r1.status == RoundStatus.OPEN
    for login, values in (("panel_a", {0: 8, 1: 3, 2: 5}), ("panel_b", {0: 9, 1: 6, 2: 5}), ("panel_c", {0: 5, 1: 7, 2: 6})):
        response = _post_answers(world.client(login), world, 1, values, extra={f"c__{world.items[0].code}__importance": f"мнение {login}"})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Response.objects.filter(round=r1, submitted_at__isnull=False).count() == 3
    assert _moderate(mod, world, action="close", round="1").status_code == 302
    r1.refresh_from_db()
    assert r1.status == RoundStatus.CLOSED
    assert _moderate(mod, world, action="open").status_code == 302
    # round 2: panellist A sees their own 8 beside the median 8 and the IQR 6,5–8,5
    page = world.client("panel_a").get(reverse("foresight:questionnaire", args=[code, 2]), HTTP_ACCEPT_LANGUAGE="ru")
    html = page.content.decode()
    assert page.status_code == 200
    block = html[html.index('id="item-M01"'):html.index('id="item-M02"')]
    importance = block[block.index("scale-importance"):block.index("scale-feasibility")]
    assert re.search(r'class="own-previous">\s*8\s*<', importance)
    assert re.search(r'class="group-median">\s*8\s*<', importance)
    assert "6,5–8,5" in importance and "<svg" in importance, importance[importance.index("previous-round"):][:900]
    assert "мнение panel_b" in importance and "мнение panel_c" in importance  # the comments, without names
    assert "Жаксыбеков" in html or True  # the reader's own name may be in the navigation bar
    for other in ("Ковальчук", "Темирханов", "Абилова", "panel_b@", "panel_c@"):
        assert other not in html
    # the inputs are empty: the previous answer is shown, never pre-filled (no anchoring)
    assert 'name="a__M01__importance" value="8" checked' not in importance
    # A changes towards the group and submits; consensus is reached on M01 in round 2
    for login, values in (("panel_a", {0: 8, 1: 3, 2: 5}), ("panel_b", {0: 8, 1: 6, 2: 5}), ("panel_c", {0: 7, 1: 7, 2: 6})):
        assert _post_answers(world.client(login), world, 2, values).status_code == 302
    assert _moderate(mod, world, action="close", round="2").status_code == 302
    result = ItemResult.objects.get(round__number=2, item=world.items[0], scale=Scale.IMPORTANCE)
    assert result.consensus == "reached"
    page = world.client("regulator").get(reverse("foresight:round-results", args=[code, 2]))
    assert page.status_code == 200 and "consensus-reached" in page.content.decode()


def test_an_invalid_questionnaire_is_shown_again_with_the_reasons_and_nothing_saved(world):
    services.open_round(world.users["moderator"], world.exercise)
    client = world.client("panel_a")
    response = _post_answers(client, world, 1, {0: 8, 1: 3, 2: 5}, extra={"a__M01__importance": "10", "a__M02__capability": "abc", "dk__M02__capability": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('class="text-danger small answer-error"') == 2
    assert not Answer.objects.exists()
    # a value and "don't know" at once (capability has a box beside the number)
    response = _post_answers(client, world, 1, {0: 8, 1: 3, 2: 5}, extra={"dk__M02__capability": "1"})
    assert response.status_code == 400 and not Answer.objects.exists()


def test_a_nul_byte_or_a_huge_comment_is_refused_not_a_500(world):
    services.open_round(world.users["moderator"], world.exercise)
    client = world.client("panel_a")
    for extra in ({"c__M01__importance": "a\x00b"}, {"c__M01__importance": "я" * 5000}, {"a__M01__importance": "\x00"}):
        response = _post_answers(client, world, 1, {0: 8, 1: 3, 2: 5}, extra=extra)
        assert response.status_code == 400
    assert not Answer.objects.exists()


def test_a_closed_round_is_read_only_on_the_page(world):
    r1 = services.open_round(world.users["moderator"], world.exercise)
    for login in ("panel_a", "panel_b", "panel_c"):
        services.submit_response(world.users[login], r1, answers(world, {0: 7, 1: 7, 2: 7}))
    services.close_round(world.users["moderator"], r1)
    client = world.client("panel_a")
    assert 'disabled' in client.get(reverse("foresight:questionnaire", args=[world.exercise.code, 1])).content.decode()
    response = _post_answers(client, world, 1, {0: 1, 1: 1, 2: 1})
    assert response.status_code == 302
    assert set(Answer.objects.filter(response__panellist=world.seats["panel_a"], scale=Scale.IMPORTANCE).values_list("value", flat=True)) == {7}


def test_a_panellist_proposes_and_the_moderator_accepts_on_the_page(world):
    r1 = services.open_round(world.users["moderator"], world.exercise)
    url = reverse("foresight:propose", args=[world.exercise.code, 1])
    assert world.client("panel_a").post(url, {"kind": "technology", "statement": "Телемедицина для сёл"}).status_code == 302
    item = world.exercise.items.get(code="P01")
    mod = world.client("moderator")
    page = mod.get(reverse("foresight:exercise-detail", args=[world.exercise.code])).content.decode()
    assert "Телемедицина для сёл" in page and "Жаксыбеков" in page  # the moderator sees who proposed
    assert world.client("panel_b").get(reverse("foresight:exercise-detail", args=[world.exercise.code])).content.decode().count("Телемедицина") == 0
    for login in ("panel_a", "panel_b", "panel_c"):
        services.submit_response(world.users[login], r1, answers(world, {0: 7, 1: 7, 2: 7}))
    services.close_round(world.users["moderator"], r1)
    data = {"action": "accept", "item": str(item.pk), f"p{item.pk}-statement_kk": "Ауылдарға арналған телемедицина", f"p{item.pk}-statement_ru": "Телемедицина для сёл", f"p{item.pk}-statement_en": "Rural telemedicine"}
    assert _moderate(mod, world, **data).status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted" and item.first_round == 2


def test_reminders_from_the_page(world):
    services.open_round(world.users["moderator"], world.exercise)
    services.submit_response(world.users["panel_a"], world.exercise.rounds.get(), answers(world, {0: 7, 1: 7, 2: 7}))
    assert _moderate(world.client("moderator"), world, action="remind", round="1").status_code == 302
    from niokr.foresight.models import Reminder

    assert sorted(Reminder.objects.values_list("panellist__user__username", flat=True)) == ["panel_b", "panel_c", "panel_d"]


def test_forbidden_actions_are_403_and_unknown_exercises_404(world):
    assert world.client("panel_a").post(reverse("foresight:exercise-post", args=[world.exercise.code]), {"action": "open"}).status_code == 403
    assert world.client("outsider").post(reverse("foresight:exercise-post", args=[world.exercise.code]), {"action": "open"}).status_code == 404
    assert world.client("moderator").get(reverse("foresight:exercise-detail", args=["NOPE"])).status_code == 404
    assert world.client("moderator").get("/foresight/" + "X" * 5000 + "/").status_code == 404
    assert not world.exercise.rounds.exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pages_render_in_each_language(world, lang):
    r1 = services.open_round(world.users["moderator"], world.exercise)
    for login in ("panel_a", "panel_b", "panel_c"):
        services.submit_response(world.users[login], r1, answers(world, {0: 7, 1: 8, 2: 9}))
    services.close_round(world.users["moderator"], r1)
    services.open_round(world.users["moderator"], world.exercise)
    code = world.exercise.code
    for login, url in (("moderator", reverse("foresight:exercise-list")), ("moderator", reverse("foresight:exercise-detail", args=[code])),
                       ("moderator", reverse("foresight:round-results", args=[code, 1])), ("moderator", reverse("foresight:round-responses", args=[code, 2])),
                       ("panel_a", reverse("foresight:questionnaire", args=[code, 2])), ("auditor", reverse("foresight:round-results", args=[code, 1]))):
        client = world.client(login)
        client.cookies["django_language"] = lang
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, (login, url)
        assert f'lang="{lang}"' in response.content.decode()
