"""The MedTech pilot in the browser, each step by the person whose step it is (issue 14's second acceptance line).

The moderator starts the MedTech Delphi, chooses its scales, sets and locks the consensus rules, forms
the panel, adds three technologies and opens round 1 → three panellists answer (one reads in Kazakh;
a "don't know" and comments among the answers) → the moderator closes round 1 and opens round 2 → in
round 2 a panellist sees their own previous answer beside the group's median and IQR and changes it;
the others answer so that one item reaches consensus → the moderator closes round 2 and the results
show the consensus badge → the policy analyst ranks the technologies: a ranking linked to the
exercise, the Delphi imported, the criteria trimmed, the market scores entered, the AHP comparisons
entered through the matrix (first inconsistently: refused with the pairs to revisit; then
consistently), computed, final → the foresight PDF is downloaded through its link and holds the
Kazakh and the Russian titles. On the way, anonymity: the regulator reads the results and sees no
panellist's name; panellist B cannot open anybody's answers but their own.

Only the registry world is written to the database directly (organisations, users and their
memberships); every step of the scenario is taken through the pages. A screenshot of each step goes
to ``artifacts/screenshots/foresight/``. Runs on the SQLite run of ``make test`` like the other
browser scenarios (see conftest.py).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.core.bin import check_digit
from niokr.web_tests.personas import PASSWORD

# Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this (test-only) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots" / "foresight"
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
TIMEOUT = 15_000

CODE = "MEDTECH-2040"
TITLE_KK = "Медициналық технологиялар форсайты 2040"
TITLE_RU = "Форсайт медицинских технологий 2040"
TITLE_EN = "Medical technology foresight 2040"
RANKING = "MEDTECH-RANK-2026"
RANKING_KK = "Медтех технологияларының рейтингі"
RANKING_RU = "Рейтинг технологий медтеха"
ITEMS = {
    # code: (kk, ru, en)
    "M01": ("Дәрілік жабыны бар отандық тамыр стенттері", "Отечественные сосудистые стенты с лекарственным покрытием", "Domestic drug-eluting vascular stents"),
    "M02": ("Созылмалы науқастарды телемедициналық бақылау платформасы", "Платформа телемедицинского мониторинга хронических больных", "Telemedicine monitoring platform for chronic patients"),
    "M03": ("Отандық реагенттердегі ПТР-диагностика жиынтығы", "Набор ПЦР-диагностики на отечественных реагентах", "PCR diagnostic kit on domestic reagents"),
}


# --- the registry world (written directly; the scenario's steps are not) --------------------------------


def _bin(serial: int) -> str:
    while True:
        first11 = f"1012400{serial:04d}"
        k = check_digit(first11)
        if k is not None:
            return first11 + str(k)
        serial += 1000


@dataclass
class ForesightWorld:
    users: dict = field(default_factory=dict)
    panellists: list = field(default_factory=list)


def build_foresight_world() -> ForesightWorld:
    from niokr.registry.models import Organisation

    serial = iter(range(1, 1000))

    def org(name_ru: str, name_kk: str, name_en: str, kind: str, **extra) -> Organisation:
        return Organisation.objects.create(
            bin=_bin(next(serial)), name_ru=name_ru, name_kk=name_kk, name_en=name_en, kind=kind, region="astana", registered_on=date(2010, 3, 1), **extra,
        )

    cardiology = org("НИИ кардиологии и внутренних болезней", "Кардиология және ішкі аурулар ғылыми-зерттеу институты", "Research Institute of Cardiology and Internal Diseases", "research_institute")
    medcentre = org("Национальный научный медицинский центр", "Ұлттық ғылыми медициналық орталық", "National Scientific Medical Centre", "research_institute")
    ncste = org("Национальный центр государственной научно-технической экспертизы", "Мемлекеттік ғылыми-техникалық сараптама ұлттық орталығы", "National Centre of State Scientific and Technical Expertise", "state_body")
    ministry = org("Министерство науки и высшего образования", "Ғылым және жоғары білім министрлігі", "Ministry of Science and Higher Education", "state_body")
    energy = org("Министерство энергетики", "Энергетика министрлігі", "Ministry of Energy", "state_body", authority="energy")

    User = get_user_model()
    world = ForesightWorld()

    def person(key: str, ru: tuple[str, str], kk: str, en: str, role: str, organisation, *, language: str = "ru", authority: str = ""):
        user = User.objects.create_user(username=f"fs_{key}", password=PASSWORD, email=f"fs_{key}@niokr.example", first_name=ru[0], last_name=ru[1], language=language)
        user.name_kk, user.name_en = kk, en
        user.save(update_fields=["name_kk", "name_en"])
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
        world.users[key] = user
        return user

    person("moderator", ("Гульнара", "Сейтказиева"), "Гүлнара Сейітқазиева", "Gulnara Seitkaziyeva", Role.FORESIGHT_MODERATOR, ncste)
    world.panellists = [
        person("panel_a", ("Айдар", "Жаксыбеков"), "Айдар Жақсыбеков", "Aidar Zhaksybekov", Role.PANELLIST, cardiology),
        person("panel_b", ("Айгерим", "Сеитова"), "Әйгерім Сейітова", "Aigerim Seitova", Role.PANELLIST, medcentre, language="kk"),
        person("panel_c", ("Ерлан", "Темирханов"), "Ерлан Темірханов", "Yerlan Temirkhanov", Role.PANELLIST, cardiology),
    ]
    person("analyst", ("Олжас", "Каримов"), "Олжас Кәрімов", "Olzhas Karimov", Role.POLICY_ANALYST, ministry)
    person("regulator", ("Бауыржан", "Оспанов"), "Бауыржан Оспанов", "Bauyrzhan Ospanov", Role.REGULATOR, energy, authority="energy")
    return world


# --- the browser ----------------------------------------------------------------------------------------


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def tr(message: str, language: str = "ru", **params) -> str:
    with translation.override(language):
        text = translation.gettext(message)
    return text % params if params else text


def label_of(choice, language: str = "ru") -> str:
    with translation.override(language):
        return str(choice.label)


def name_of(user, language: str = "ru") -> str:
    from niokr.accounts.people import person_name

    with translation.override(language):
        return person_name(user)


def plain(text: str) -> str:
    """Text with the narrow and no-break spaces of numbers read as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def main(page) -> str:
    return page.inner_text("main")


def said(page) -> str:
    return main(page)[:1500]


class People:
    """A browser context per person, each signed in once through the login form (as people work side by side)."""

    def __init__(self, browser, base: str):
        self.browser = browser
        self.base = base
        self.contexts = {}

    def page(self, user, path: str = "/"):
        if user.pk not in self.contexts:
            context = self.browser.new_context(locale="ru-RU", viewport={"width": 1360, "height": 900}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT)
            page.goto(self.base + reverse("accounts:login") + "?" + urlencode({"next": path}))
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.click("form.login button[type=submit]")
            assert reverse("accounts:login") not in page.url, f"{user.username} could not log in: {main(page)[:300]}"
            assert page.get_attribute("html", "lang") == user.language
            self.contexts[user.pk] = (context, page)
            return page
        page = self.contexts[user.pk][1]
        self.go(page, path)
        return page

    def go(self, page, path: str, status: int = 200):
        response = page.goto(self.base + path)
        assert response.status == status, f"{path}: {response.status} (expected {status})\n{said(page)}"
        return page

    def close(self):
        for context, _page in self.contexts.values():
            context.close()


def submit(page, locator):
    with page.expect_navigation():
        locator.click()
    return page


def moderator_form(page, action: str):
    """The moderator's form on the exercise page that posts ``action``."""
    return page.locator("main form").filter(has=page.locator(f"input[type=hidden][name=action][value={action}]"))


def success(page, message: str) -> None:
    assert message in main(page), said(page)


def answer(page, code: str, scale: str, value, *, language: str, comment: str = "") -> None:
    """One answer on the questionnaire: a 1–9 radio, a percentage, or "don't know"; a comment when given."""
    box = page.locator(f"#item-{code} fieldset.scale-{scale}")
    if value == "dk":
        box.get_by_label(tr("don't know", language), exact=True).check()
    elif scale == "capability":
        box.get_by_role("spinbutton").fill(str(value))
    else:
        box.get_by_label(str(value), exact=True).check()
    if comment:
        box.locator("details summary").click()
        box.get_by_label(tr("Comment", language), exact=True).fill(comment)


def answer_all(page, ratings: dict, *, language: str, comments: dict | None = None) -> None:
    comments = comments or {}
    for (code, scale), value in ratings.items():
        answer(page, code, scale, value, language=language, comment=comments.get((code, scale), ""))
    submit(page, page.get_by_role("button", name=tr("Submit the answers", language), exact=True))
    success(page, tr("Your answers are submitted. You may change them until the round closes.", language))


def ratings(importance: dict, feasibility: dict, capability: dict) -> dict:
    out = {}
    for scale, values in (("importance", importance), ("feasibility", feasibility), ("capability", capability)):
        for code, value in values.items():
            out[(code, scale)] = value
    return out


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


# --- the scenario ---------------------------------------------------------------------------------------


@pytest.fixture
def foresight(live_server, transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return live_server.url, build_foresight_world()


def test_the_medtech_pilot_each_step_by_its_role_through_the_pages(foresight, browser):
    from niokr.core.choices import PriorityDirection
    from niokr.foresight.models import Exercise, ItemResult, Response, RoundStatus, Scale
    from niokr.foresight.rules import describe
    from niokr.ranking.models import RankingExercise, Saaty

    base, w = foresight
    u = w.users
    a, b_, c = w.panellists
    people = People(browser, base)
    today = timezone.localdate()
    detail = reverse("foresight:exercise-detail", args=[CODE])
    try:
        # 1. The moderator starts the MedTech exercise from the list of exercises.
        page = people.page(u["moderator"], reverse("foresight:exercise-list"))
        form = page.locator("main form").filter(has=page.get_by_role("button", name=tr("Create"), exact=True))
        form.get_by_label(tr("Code"), exact=True).fill(CODE.lower())  # the service writes it in capitals
        form.get_by_label(tr("Title (Kazakh)"), exact=True).fill(TITLE_KK)
        form.get_by_label(tr("Title (Russian)"), exact=True).fill(TITLE_RU)
        form.get_by_label(tr("Title (English)"), exact=True).fill(TITLE_EN)
        form.get_by_label(tr("Priority direction"), exact=True).select_option(label=label_of(PriorityDirection.MEDTECH))
        shot(page, "01-exercise-form-moderator")
        submit(page, form.get_by_role("button", name=tr("Create"), exact=True))
        exercise = Exercise.objects.get(code=CODE)
        assert page.url.endswith(detail), said(page)
        assert exercise.moderator_id == u["moderator"].pk and exercise.status == "draft"
        assert page.get_by_role("heading", level=1).inner_text().startswith(TITLE_RU)
        assert page.locator(".rules-unlocked").is_visible()

        # 2. The scales (no time to realisation in this pilot), the consensus rules (IQR at most 1,5), locked.
        scales = moderator_form(page, "scales")
        scales.get_by_label(label_of(Scale.REALISATION), exact=True).uncheck()
        submit(page, scales.get_by_role("button"))
        success(page, tr("The scales are saved."))
        rules = moderator_form(page, "rules")
        assert rules.get_by_label(tr("Agreement: at least this share of answers, %"), exact=True).input_value() == "70"
        rules.get_by_label(tr("Interquartile range at most (empty: not checked)"), exact=True).fill("1,5")
        submit(page, rules.get_by_role("button"))
        success(page, tr("The consensus rules are saved."))
        exercise.refresh_from_db()
        assert exercise.scales == ["importance", "feasibility", "capability"]
        assert str(exercise.consensus_rules["max_iqr"]) in ("1.5", "1.50") and exercise.consensus_rules["min_agreement_percent"] in (70, "70")
        shown = page.inner_text(".consensus-rules")
        for line in describe(exercise.consensus_rules, "ru"):
            assert line in shown, (line, shown)
        assert "1,5" in shown, shown

        # The panel, its three panellists (named for the moderator only), three MedTech technologies.
        panel = moderator_form(page, "panel")
        panel.get_by_label(tr("Name (Kazakh)"), exact=True).fill("Клиникалық сарапшылар")
        panel.get_by_label(tr("Name (Russian)"), exact=True).fill("Клинические эксперты")
        submit(page, panel.get_by_role("button"))
        success(page, tr("The panel is added."))
        for user in w.panellists:
            seat = moderator_form(page, "panellist")
            seat.get_by_label(tr("Panel"), exact=True).select_option(label="Клинические эксперты")
            seat.get_by_label(tr("Person"), exact=True).select_option(label=name_of(user))
            seat.get_by_label(tr("Self-rated expertise (1–5)"), exact=True).fill("4")
            submit(page, seat.get_by_role("button"))
            success(page, tr("The panellist is added."))
        for code, (kk, ru, en) in ITEMS.items():
            item = moderator_form(page, "item")
            item.get_by_label(tr("Code"), exact=True).fill(code)
            item.get_by_label(tr("Statement (Kazakh)"), exact=True).fill(kk)
            item.get_by_label(tr("Statement (Russian)"), exact=True).fill(ru)
            item.get_by_label(tr("Statement (English)"), exact=True).fill(en)
            submit(page, item.get_by_role("button"))
            success(page, tr("The item is added."))
        assert exercise.panellists.count() == 3 and exercise.items.count() == 3
        listed = page.inner_text("table.foresight-panellists")
        assert all(name_of(p) in listed for p in w.panellists), listed
        assert all(ru in page.inner_text("table.foresight-items") for _kk, ru, _en in ITEMS.values())
        shot(page, "02-exercise-prepared-moderator")

        # Round 1 cannot open before the lock; after it, it opens with a deadline.
        submit(page, moderator_form(page, "lock").get_by_role("button"))
        success(page, tr("The scales and consensus rules are locked."))
        assert page.locator(".rules-locked").is_visible()
        assert moderator_form(page, "rules").count() == 0  # nothing left to change them with
        opening = moderator_form(page, "open")
        opening.get_by_label(tr("Answers due"), exact=True).fill((today + timedelta(days=14)).isoformat())
        submit(page, opening.get_by_role("button", name=tr("Open round 1"), exact=True))
        success(page, tr("Round %(n)s is open; the panellists are notified.", n=1))
        round1 = exercise.rounds.get(number=1)
        assert round1.status == RoundStatus.OPEN and round1.deadline == today + timedelta(days=14)
        shot(page, "02-round-1-open-moderator")

        # 3. Three panellists answer round 1 (B in Kazakh), with a "don't know" and comments.
        questionnaire1 = reverse("foresight:questionnaire", args=[CODE, 1])
        page = people.page(a, reverse("foresight:exercise-list"))
        submit(page, page.locator("main").get_by_role("link", name=tr("Answer the questionnaire"), exact=True))
        assert page.url.endswith(questionnaire1), page.url
        answer_all(page, ratings({"M01": 5, "M02": 7, "M03": 4}, {"M01": 6, "M02": 5, "M03": 6}, {"M01": 30, "M02": 20, "M03": 50}), language="ru",
                   comments={("M01", "importance"): "Импортозамещение стентов важно, но клинические испытания займут годы."})
        shot(page, "03-round-1-answered-panellist-a")

        page = people.page(b_, questionnaire1)
        assert page.get_attribute("html", "lang") == "kk"
        assert ITEMS["M01"][0] in page.inner_text("#item-M01 h2"), page.inner_text("#item-M01 h2")
        answer_all(page, ratings({"M01": 8, "M02": "dk", "M03": 5}, {"M01": 7, "M02": 6, "M03": 5}, {"M01": 40, "M02": "dk", "M03": 45}), language="kk",
                   comments={("M02", "importance"): "Телемедицина саласында тәжірибем жеткіліксіз."})
        assert page.locator("#item-M02 fieldset.scale-importance").get_by_label(tr("don't know", "kk"), exact=True).is_checked()
        assert KAZAKH_LETTERS & set(page.inner_text("#item-M03 h2"))
        shot(page, "03-round-1-answered-panellist-b-kk")

        page = people.page(c, questionnaire1)
        answer_all(page, ratings({"M01": 9, "M02": 6, "M03": 3}, {"M01": 7, "M02": 5, "M03": 6}, {"M01": 35, "M02": 25, "M03": 55}), language="ru")
        assert Response.objects.filter(round=round1, submitted_at__isnull=False).count() == 3

        # 4. The moderator closes round 1 (results frozen) and opens round 2.
        page = people.page(u["moderator"], detail)
        assert page.locator("table.foresight-panellists .badge", has_text=tr("submitted")).count() == 3
        submit(page, page.get_by_role("button", name=tr("Close the round and freeze its results"), exact=True))
        success(page, tr("Round %(n)s is closed; its results are frozen.", n=1))
        round1.refresh_from_db()
        assert round1.status == RoundStatus.CLOSED
        m01 = ItemResult.objects.get(round=round1, item__code="M01", scale="importance")
        assert (m01.median, m01.q1, m01.q3, m01.consensus) == (8, 6.5, 8.5, "not_reached")  # 5, 8, 9: 67 % in 7–9
        assert ItemResult.objects.get(round=round1, item__code="M02", scale="importance").consensus == "too_few"  # 2 values, 1 "don't know"
        submit(page, moderator_form(page, "open").get_by_role("button", name=tr("Open round %(n)s", n=2), exact=True))
        success(page, tr("Round %(n)s is open; the panellists are notified.", n=2))
        round2 = exercise.rounds.get(number=2)
        rounds_table = plain(page.inner_text("table.foresight-rounds"))
        assert re.search(r"\b3\s+3\s+100(,0)? %", rounds_table), rounds_table  # round 1: 3 of 3 answered
        shot(page, "04-round-1-closed-round-2-open-moderator")

        # 5. Round 2: A sees their own previous answer beside the group's median and IQR, and changes it.
        page = people.page(a, reverse("foresight:questionnaire", args=[CODE, 2]))
        feedback = page.locator("#item-M01 fieldset.scale-importance .previous-round")
        assert feedback.locator(".own-previous").inner_text().strip() == "5"
        assert feedback.locator(".group-median").inner_text().strip() == "8"
        assert plain(feedback.locator(".group-iqr").inner_text()).strip() == f"6,5–8,5 ({tr('IQR')} 2)"
        visible = plain(feedback.inner_text())
        for words in (tr("Your answer in the previous round"), tr("Group median"), tr("Interquartile range")):
            assert words in visible, visible
        assert feedback.is_visible()
        page.locator("#item-M01 fieldset.scale-importance .feedback details summary").click()  # "The panel's comments (1)"
        comments = page.locator("#item-M01 fieldset.scale-importance .group-comments")
        assert "Импортозамещение стентов" in comments.inner_text() and name_of(a) not in comments.inner_text()
        shot(page, "05-round-2-own-answer-beside-the-group-panellist-a")
        answer_all(page, ratings({"M01": 8, "M02": 7, "M03": 4}, {"M01": 7, "M02": 5, "M03": 6}, {"M01": 35, "M02": 20, "M03": 50}), language="ru")
        shot(page, "05-round-2-changed-panellist-a")

        page = people.page(b_, reverse("foresight:questionnaire", args=[CODE, 2]))
        assert page.locator("#item-M01 fieldset.scale-importance .own-previous").inner_text().strip() == "8"
        answer_all(page, ratings({"M01": 8, "M02": 7, "M03": 5}, {"M01": 7, "M02": 6, "M03": 5}, {"M01": 40, "M02": 25, "M03": 45}), language="kk")
        shot(page, "05-round-2-answered-panellist-b-kk")
        page = people.page(c, reverse("foresight:questionnaire", args=[CODE, 2]))
        answer_all(page, ratings({"M01": 9, "M02": 6, "M03": 3}, {"M01": 8, "M02": 5, "M03": 6}, {"M01": 35, "M02": 25, "M03": 55}), language="ru")

        page = people.page(u["moderator"], detail)
        submit(page, page.get_by_role("button", name=tr("Close the round and freeze its results"), exact=True))
        success(page, tr("Round %(n)s is closed; its results are frozen.", n=2))
        round2.refresh_from_db()
        assert round2.status == RoundStatus.CLOSED
        assert ItemResult.objects.get(round=round2, item__code="M01", scale="importance").consensus == "reached"  # 8, 8, 9
        submit(page, page.locator("table.foresight-rounds").get_by_role("link", name=tr("Results"), exact=True).last)
        assert page.url.endswith(reverse("foresight:round-results", args=[CODE, 2])), page.url
        m01_row = page.locator("#item-M01 tr.scale-importance")
        assert m01_row.locator(".consensus-reached").inner_text().strip() == tr("consensus")
        assert m01_row.locator(".median").inner_text().strip() == "8"
        assert page.locator("#item-M03 tr.scale-importance .consensus-not-reached").count() == 1
        assert page.locator(".kendall-w").is_visible()
        participation = page.locator(".round-participation")
        reached = participation.locator("dt", has_text=tr("Items with consensus")).locator("xpath=following-sibling::dd[1]")
        assert reached.inner_text().strip() == "1", participation.inner_text()  # M01 (on importance and on feasibility): one item
        shot(page, "05-round-2-results-consensus-moderator")

        # 8a. Anonymity: the regulator reads the results and sees no panellist's name; B opens nobody's answers but their own.
        names = [n for p in w.panellists for n in (name_of(p, "ru"), name_of(p, "kk"), name_of(p, "en"), p.username, p.last_name)]
        page = people.page(u["regulator"], reverse("foresight:exercise-list"))
        submit(page, page.locator("main").get_by_role("link", name=CODE, exact=True))
        for path in (detail, reverse("foresight:round-results", args=[CODE, 1]), reverse("foresight:round-results", args=[CODE, 2])):
            people.go(page, path)
            html = page.content()
            leaked = [n for n in names if n in html]
            assert not leaked, (path, leaked)
            if path.endswith("/rounds/1/"):
                assert "Импортозамещение стентов" in html  # the comment is shown, without its author
        people.go(page, reverse("foresight:round-responses", args=[CODE, 2]), status=404)
        people.go(page, reverse("foresight:round-results", args=[CODE, 2]))
        shot(page, "08-results-regulator-anonymous")

        page = people.page(b_, detail)
        assert page.locator("table.foresight-panellists").count() == 0
        people.go(page, reverse("foresight:round-responses", args=[CODE, 1]), status=404)
        people.go(page, reverse("foresight:questionnaire", args=[CODE, 1]))
        own = page.locator("#item-M01 fieldset.scale-importance")
        assert own.get_by_label("8", exact=True).is_checked() and not own.get_by_label("5", exact=True).is_checked()  # B's 8, never A's 5
        people.go(page, reverse("foresight:round-results", args=[CODE, 1]))
        assert page.locator("#item-M01 tr.scale-importance .own-answer").inner_text().strip() == "8"
        html = page.content()
        assert not [n for n in names if n in html and n not in (name_of(b_, "kk"), name_of(b_, "ru"), b_.username, b_.last_name)], "another panellist is named"
        shot(page, "08-results-panellist-b-own-answers-only-kk")

        # 6. The analyst ranks the technologies: create, import from the Delphi, criteria, scores, AHP, compute, final.
        page = people.page(u["analyst"], reverse("ranking:ranking-list"))
        submit(page, page.locator("main").get_by_role("link", name=tr("New ranking"), exact=True))
        form = page.locator("form.ranking-form")
        form.get_by_label(capfirst(tr("code")), exact=True).fill(RANKING)
        form.get_by_label(capfirst(tr("title (Kazakh)")), exact=True).fill(RANKING_KK)
        form.get_by_label(capfirst(tr("title (Russian)")), exact=True).fill(RANKING_RU)
        form.get_by_label(capfirst(tr("priority direction")), exact=True).select_option(label=label_of(PriorityDirection.MEDTECH))
        form.get_by_label(capfirst(tr("foresight exercise")), exact=True).select_option(label=f"{CODE} — {TITLE_RU}")
        shot(page, "06-ranking-form-analyst")
        submit(page, form.get_by_role("button", name=tr("Create"), exact=True))
        success(page, tr("The ranking is created with the default criteria."))
        ranking = RankingExercise.objects.get(code=RANKING)
        assert page.url.endswith(reverse("ranking:ranking-detail", args=[RANKING])), said(page)
        submit(page, page.get_by_role("button", name=tr("Import from the Delphi"), exact=True))
        success(page, tr("Imported from the Delphi: %(added)s candidates added, %(updated)s updated, %(scores)s scores.", added=3, updated=0, scores=9))
        scores_table = page.inner_text("table.ranking-scores")
        assert all(ru in scores_table for _kk, ru, _en in ITEMS.values()), scores_table
        assert tr("consensus reached") in scores_table  # M01's importance (the "societal need" criterion)

        # The criteria without scores in this pilot go: the analyst keeps market (entered), capability, need, feasibility.
        kept = ["Рыночная привлекательность", "Национальный потенциал", "Общественная потребность", "Осуществимость"]
        for name in ("Добавленная стоимость", "Зрелость (УГТ)", "Простота регуляторного пути", "Неопределённость (срок реализации)"):
            row = page.locator("table.ranking-criteria tbody tr").filter(has_text=name)
            submit(page, row.get_by_role("button", name=tr("Remove"), exact=True))
            success(page, tr("The criterion is removed."))
        assert [n.strip() for n in page.locator("table.ranking-criteria tbody tr td.criterion-name").all_inner_texts()] == kept
        criteria_table = page.inner_text("table.ranking-criteria")
        assert not any(code in criteria_table for code in ("market", "capability", "need", "feasibility")), criteria_table  # names, never raw codes
        submit(page, page.get_by_role("link", name=tr("Scores"), exact=True))
        for code, value in (("M01", "8"), ("M02", "6"), ("M03", "5")):
            page.get_by_label(f"{code} — {kept[0]}", exact=True).fill(value)
        shot(page, "06-market-scores-analyst")
        submit(page, page.get_by_role("button", name=tr("Save"), exact=True))
        success(page, tr("The scores are saved."))

        # AHP: first a judgement reversed (need < feasibility) — refused with the pairs to revisit; then consistent.
        submit(page, page.get_by_role("link", name=tr("Comparisons"), exact=True))
        market, capability, need, feasibility = kept
        judgements = {  # weights 2 : 1 : 4 : 1 — perfectly consistent (CR 0)
            (market, capability): Saaty.TWO, (market, need): Saaty.TWO_INV, (market, feasibility): Saaty.TWO,
            (capability, need): Saaty.FOUR_INV, (capability, feasibility): Saaty.ONE, (need, feasibility): Saaty.FOUR_INV,
        }
        for (x, y), value in judgements.items():
            page.get_by_label(tr("%(a)s compared with %(b)s", a=x, b=y), exact=True).select_option(label=label_of(value))
        submit(page, page.get_by_role("button", name=tr("Save and compute"), exact=True))
        alert = page.locator(".ranking-inconsistent")
        assert alert.is_visible(), said(page)
        assert re.search(r"\b0,\d{3}\b", alert.inner_text()) and not re.search(r"\b0\.\d", alert.inner_text()), alert.inner_text()  # CR > 0,1, written the Russian way
        assert need in alert.locator("table.pairs-to-revisit").inner_text()
        assert ranking.runs.count() == 0
        shot(page, "06-ahp-inconsistent-pairs-to-revisit-analyst")
        page.get_by_label(tr("%(a)s compared with %(b)s", a=need, b=feasibility), exact=True).select_option(label=label_of(Saaty.FOUR))
        submit(page, page.get_by_role("button", name=tr("Save and compute"), exact=True))
        success(page, tr("Run %(n)s is computed.", n=1))
        run = ranking.runs.get()
        assert run.cr is not None and float(run.cr) < 1e-6, run.cr
        weights = {row.locator("td").nth(0).inner_text().strip(): plain(row.locator("td").nth(2).inner_text()).strip()
                   for row in page.locator("table.run-weights tbody tr").all()}
        assert weights == {market: "25,0 %", capability: "12,5 %", need: "50,0 %", feasibility: "12,5 %"}, weights  # 2/8, 1/8, 4/8, 1/8
        assert plain(page.inner_text(".run-cr")).startswith("0,0000"), page.inner_text(".run-cr")
        ranked = [r.locator("td").nth(1).inner_text().strip() for r in page.locator("table.run-results tbody tr").all()]
        assert ranked[0] == "M01" and sorted(ranked) == ["M01", "M02", "M03"], ranked  # consensus-backed need and the best market score
        shot(page, "06-ranking-computed-analyst")
        submit(page, page.get_by_role("button", name=tr("Make final"), exact=True))
        success(page, tr("The ranking is final: the readers of results now see it."))
        ranking.refresh_from_db()
        assert ranking.is_final

        # 7. The foresight PDF downloads through its link; its text holds the Kazakh and the Russian titles.
        pdf_links = page.locator(".report-links li").filter(has_text="PDF")
        with page.expect_download() as caught:
            pdf_links.get_by_role("link", name=tr("in Kazakh")).click()
        download = caught.value
        assert download.suggested_filename == f"foresight-{RANKING}-kk.pdf"
        download.save_as(SCREENSHOTS / download.suggested_filename)  # beside the screenshots, for a person to read
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF")
        text = pdf_text(data)
        assert TITLE_KK in text and TITLE_RU in text, text[:600]
        assert ITEMS["M01"][0][:30] in text, text[:1200]  # the items in Kazakh
        with page.expect_download() as caught:
            pdf_links.get_by_role("link", name=tr("in Russian")).click()
        text = pdf_text(Path(caught.value.path()).read_bytes())
        assert TITLE_KK in text and TITLE_RU in text and RANKING_RU in text, text[:600]
        shot(page, "07-ranking-final-report-links-analyst")

        # The regulator, a reader of results, now sees the final ranking (still without a panellist's name).
        page = people.page(u["regulator"], reverse("ranking:ranking-detail", args=[RANKING]))
        html = page.content()
        assert RANKING_RU in html and not [n for n in names if n in html]
        shot(page, "08-final-ranking-regulator")
    finally:
        people.close()
