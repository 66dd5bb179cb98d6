"""What a browser walk of the pages found: numbers in the reader's format, round 1 offered only after
the lock, the round-2 wording, a legible distribution chart, the self-rated expertise shown once."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from niokr.foresight import charts, services
from niokr.foresight.results import bins_of
from niokr.foresight.rules import FIELDS, clean_rules, default_rules, describe, input_text
from niokr.foresight.tests.conftest import answers, make_exercise

SVG = "{http://www.w3.org/2000/svg}"


def _page(world, login: str, url: str, lang: str = "ru") -> str:
    """The page as ``login`` reads it in ``lang`` (a signed-in user's pages are in the language they chose)."""
    user = world.users[login]
    user.language = lang
    user.save(update_fields=["language"])
    response = world.client(login).get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    return html


def _input_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


# --- numbers in the rules --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "iqr", "share"), [("ru", "1,5", "62,5"), ("kk", "1,5", "62,5"), ("en", "1.5", "62.5")])
def test_the_rules_form_and_text_show_the_numbers_as_the_language_writes_them(people, lang, iqr, share):
    world = make_exercise(people, lock=False)
    detail = reverse("foresight:exercise-detail", args=[world.exercise.code])
    typed = {name: input_text(value, "ru") for name, value in default_rules().items() if name in FIELDS}
    typed.update(max_iqr="1,5", min_agreement_percent="62,50")
    response = world.client("moderator").post(reverse("foresight:exercise-post", args=[world.exercise.code]), {"action": "rules", **typed})
    assert response.status_code == 302
    world.exercise.refresh_from_db()
    assert world.exercise.consensus_rules["max_iqr"] == 1.5
    html = _page(world, "moderator", detail, lang)
    assert _input_value(html, "max_iqr") == iqr
    assert _input_value(html, "min_agreement_percent") == share
    assert _input_value(html, "min_valid") == "3" and _input_value(html, "agreement_low") == "7"
    rules = html[html.index('class="consensus-rules"'):]
    rules = rules[:rules.index("</ul>")]
    assert iqr in rules and share in rules, rules
    assert "1,50" not in rules and "1.50" not in rules and "62,50" not in rules and "62.50" not in rules


def test_the_rules_text_has_no_trailing_zeros():
    rules = {**default_rules(), "max_iqr": 1.5, "min_agreement_percent": 70, "max_disagreement_percent": 12.25, "min_valid": 1200}
    ru = " ".join(describe(rules, "ru"))
    en = " ".join(describe(rules, "en"))
    assert "1,5" in ru and "1,50" not in ru and "70 %" in ru and "12,25" in ru and "1\u202f200" in ru
    assert "1.5" in en and "1.50" not in en and "1,200" in en


@given(st.decimals(min_value=0, max_value=8, places=2, allow_nan=False, allow_infinity=False), st.sampled_from(["kk", "ru", "en"]))
def test_a_rule_shown_in_the_form_reads_back_to_the_same_value(iqr, lang):
    rules = clean_rules({**default_rules(), "max_iqr": str(iqr)})
    shown = {name: input_text(rules[name], lang) for name in FIELDS}
    assert clean_rules(shown) == rules
    text = shown["max_iqr"]
    assert ("," in text or "." in text) <= (not text.endswith("0"))  # no trailing zeros after the decimal sign
    assert ("." not in text) if lang != "en" else ("," not in text)


# --- round 1 only after the lock ------------------------------------------------------------------


@pytest.mark.django_db
def test_open_round_1_is_offered_only_once_the_rules_are_locked(people):
    world = make_exercise(people, lock=False)
    detail = reverse("foresight:exercise-detail", args=[world.exercise.code])
    html = _page(world, "moderator", detail, "en")
    assert 'value="open"' not in html and "Open round 1" not in html
    assert "open-round-blocked" in html and "Lock the consensus rules before round 1" in html
    services.lock_rules(world.users["moderator"], world.exercise)
    html = _page(world, "moderator", detail, "en")
    assert 'value="open"' in html and "Open round 1" in html and "open-round-blocked" not in html


# --- the round-2 questionnaire ----------------------------------------------------------------------


def _round_two(world):
    r1 = services.open_round(world.users["moderator"], world.exercise)
    for login in ("panel_a", "panel_b", "panel_c"):
        services.submit_response(world.users[login], r1, answers(world, {0: 7, 1: 8, 2: 9}))
    services.close_round(world.users["moderator"], r1)
    return services.open_round(world.users["moderator"], world.exercise)


@pytest.mark.django_db
def test_round_2_asks_to_enter_each_answer_again_and_the_inputs_are_empty(world):
    _round_two(world)
    html = _page(world, "panel_a", reverse("foresight:questionnaire", args=[world.exercise.code, 2]), "en")
    assert "You may keep your answer" not in html
    assert "enter each answer again" in html
    assert 'class="own-previous">7<' in html.replace("\n", "")
    assert not re.search(r'name="a__M01__importance" value="\d"[^>]*checked', html)


@pytest.mark.django_db
def test_the_self_rated_expertise_is_shown_once(world):
    r2 = _round_two(world)
    url = reverse("foresight:questionnaire", args=[world.exercise.code, 2])
    html = _page(world, "panel_a", url, "en")
    assert html.count("own-expertise") == 1
    assert html.count('name="expertise"') == 1 and "Your self-rated expertise on the topic" not in html
    for login in ("panel_a", "panel_b", "panel_c"):
        services.submit_response(world.users[login], r2, answers(world, {0: 7, 1: 8, 2: 9}))
    services.close_round(world.users["moderator"], r2)
    html = _page(world, "panel_a", url, "en")  # read-only: the figure as text, no select
    assert html.count("own-expertise") == 1
    assert 'name="expertise"' not in html and "Your self-rated expertise on the topic" in html


# --- the distribution chart ---------------------------------------------------------------------------


@pytest.mark.parametrize("scale", ["importance", "capability", "realisation"])
def test_the_median_label_never_sits_on_a_bar_and_every_text_is_legible(scale):
    bins = [list(b) for b in bins_of(scale)]
    counts = [0] * len(bins)
    counts[len(bins) // 2] = 9  # the median's bar is the tallest
    counts[0] = 2
    middle = bins[len(bins) // 2]
    svg = charts.distribution_svg(counts=counts, bins=bins, q1=bins[0][0], median=(middle[0] + middle[1]) / 2, q3=middle[1], title="M01 — <x>", lang="ru", own=bins[0][0])
    assert "style=" not in svg and "<script" not in svg
    root = ET.fromstring(str(svg))
    texts = root.findall(f"{SVG}text")
    assert texts and all(float(t.get("font-size")) >= 10 for t in texts)
    bars = [r for r in root.findall(f"{SVG}rect") if r.get("fill") == charts.BAR_FILL and float(r.get("height")) > 0]
    median = root.find(f"{SVG}text[@class='median-label']")
    assert median is not None and median.get("fill") == charts.MEDIAN_STROKE
    label_bottom = float(median.get("y")) + 0.25 * float(median.get("font-size"))  # the baseline and the descenders
    assert all(label_bottom < float(bar.get("y")) for bar in bars)
    assert 0 <= float(median.get("x")) <= charts.WIDTH
