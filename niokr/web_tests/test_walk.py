"""The walk: every role, in each language, reads every page of its menu and one level of links.

A real Chromium (Debian's) at 1366×768 signs in through the login form as the regulator of a
ministry, a company's accountant, a performer, an auditor and the administrator, switches to kk, ru
and en with the navbar's switch, opens every page of the menu (and the tabs of a menu page), and
from each menu page follows the links of the main part to detail pages — the first row's links of a
list first, one page per kind (an organisation, a right, a holder, an agreement, a payment, a flag, a
case, a submission, a regime…), at most ``Walk.follow`` per menu page. On every page it applies the
detectors of :mod:`niokr.web_tests.readable` (database ids, raw keys, English on kk/ru pages, US and
ISO dates), sideways scrolling on the landing, dashboard, holder and right pages, links answering 403
or 404 to the user, console errors and failed requests; and saves a full-page screenshot to
``artifacts/screenshots/walk/<role>-<lang>-<page>.png``.

Every problem is collected and the test fails once at the end with the whole list, grouped by page
and kind; the same list is written to ``artifacts/walk-findings-<part>.md``.

The roles are walked in three parts (:data:`PARTS`), one test file each (this one,
``test_walk_company_auditor.py`` and ``test_walk_admin.py``), so that the parallel workers of
``make test`` (ADR 15) share the walk; each part builds its own country.

The world is the small country of the other browser tests (``live_world``, without the hand-written
run and case of ``control_world``, whose evidence is made of ones) and what ``make demo`` adds: a real national control run
(``niokr control run``: flags with the indicators' own evidence, scores) and the demo's case in
progress (``niokr demo_cases``: a document request waiting for the company's answer, and its
notice).
"""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest
from django.conf import settings

from niokr.web_tests.personas import PASSWORD
from niokr.web_tests.readable import Catalogs, Detectors, Walk, report

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots" / "walk"
#: role of the walk → persona of web_tests.
ROLES = {"regulator": "regulator_industry", "company": "company_a", "performer": "performer", "auditor": "auditor", "admin": "admin"}
#: The walk's parts: name → roles (each part a test file of its own).
PARTS = {"regulator-performer": ("regulator", "performer"), "company-auditor": ("company", "auditor"), "admin": ("admin",)}
LANGUAGES = ("kk", "ru", "en")


def _as_the_demo(world) -> None:
    """What ``make demo`` adds to the country: a control run, and the demo's case in progress.

    The users the web tests add to the demo logins (company B's staff, the performer) get names in
    the three languages as the demo's people have; a page shows a person by name, never by login.
    """
    from django.core.management import call_command

    from niokr.control.models import AuditCase, CaseItem, ControlRun, DocumentRequest, Flag, Notice, RiskScore

    # control_world's hand-written run (evidence of ones, English titles) is not what a demo holds.
    hand_written = ControlRun.objects.filter(pk=world.flag_a.run_id)
    cases = AuditCase.objects.filter(pk=world.case_a.pk)
    Notice.objects.filter(case__in=cases).delete()
    DocumentRequest.objects.filter(case__in=cases).delete()
    CaseItem.objects.filter(case__in=cases).delete()
    cases.delete()
    Flag.objects.filter(run__in=hand_written).delete()
    RiskScore.objects.filter(run__in=hand_written).delete()
    hand_written.delete()
    call_command("control", "run", stdout=io.StringIO())
    call_command("demo_cases", stdout=io.StringIO())
    names = {"company_b": ("Айгерим", "Сейтказиева", "Әйгерім Сейтқазиева", "Aigerim Seitkazieva"), "performer": ("Бахыт", "Омаров", "Бақыт Омаров", "Bakhyt Omarov")}
    for persona, (first, last, kk, en) in names.items():
        user = world.users[persona]
        if not user.first_name:
            user.first_name, user.last_name, user.name_kk, user.name_en = first, last, kk, en
            user.save(update_fields=["first_name", "last_name", "name_kk", "name_en"])


def _business_numbers() -> dict[str, set[str]]:
    """Numbers people know objects by: rights, agreements, payment orders, case references."""
    from niokr.control.models import AuditCase
    from niokr.projects.models import Agreement, Payment
    from niokr.registry.models import SubsoilRight

    return {
        "right": set(SubsoilRight.objects.values_list("number", flat=True)),
        "agreement": set(Agreement.objects.values_list("number", flat=True)),
        "payment": set(Payment.objects.exclude(document_number="").values_list("document_number", flat=True)),
        "case": set(AuditCase.objects.values_list("reference", flat=True)),
    }


def _names() -> tuple[set[str], set[str]]:
    """Names kept in Latin letters by the Kazakh and Russian registers (a foreign organisation's name,
    inside «…» or alone), and English names that are not (wrong on a kk or ru page)."""
    from niokr.registry.models import Organisation

    latin, english = set(), set()
    for kk, ru, en in Organisation.objects.values_list("name_kk", "name_ru", "name_en"):
        for name in (kk, ru):
            latin |= {part.strip() for part in re.findall(r"[^\u0400-\u04FF«»]+", name or "") if re.search(r"[A-Za-z]{3}", part)}
        if en and en not in (kk or "") and en not in (ru or ""):
            english.add(en)
    return latin, english


def _recorded() -> set[str]:
    """Texts as people recorded them: payments' purposes, agreements' subjects, projects' titles."""
    from niokr.projects.models import Agreement, Payment, Project

    texts = set(Payment.objects.values_list("purpose", flat=True))
    texts |= set(Agreement.objects.values_list("subject", flat=True))
    for row in Project.objects.values_list("title_kk", "title_ru", "title_en"):
        texts |= set(row)
    return {t for t in texts if t}


def walk_part(part: str, live_server, world, browser) -> None:
    """Walk the roles of ``part`` in every language; fail once with every finding (also in a report)."""
    _as_the_demo(world)
    latin, english = _names()
    detectors = Detectors(Catalogs(), _business_numbers(), latin, english, _recorded())
    started = time.perf_counter()
    roles = PARTS[part]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):  # this run's pages only (of this part's roles)
        if old.name.split("-", 1)[0] in roles:
            old.unlink()
    findings, visited, timings = [], {}, {}
    only = set(filter(None, os.environ.get("NIOKR_WALK_ONLY", "").split(",")))  # e.g. "company/ru,auditor/kk"
    for role in roles:
        persona = ROLES[role]
        link_cache: dict = {}
        for language in LANGUAGES:
            if only and f"{role}/{language}" not in only:
                continue
            walk = Walk(
                browser=browser, base=live_server.url, username=world.users[persona].username, password=PASSWORD,
                role=role, language=language, detectors=detectors, screenshots=SCREENSHOTS, link_cache=link_cache,
            )
            findings += walk.run()
            visited[f"{role}/{language}"] = walk.visited
            timings[f"{role}/{language}"] = {k: round(v, 1) for k, v in walk.timings.items()}
    took = time.perf_counter() - started
    pages = sorted({name for seen in visited.values() for name, _url in seen})
    header = (
        f"# The walk's findings ({', '.join(roles)})\n\n"
        f"{len(visited)} walks (role × language), {sum(len(v) for v in visited.values())} pages opened, "
        f"{len(pages)} kinds of page, {took:.0f} s.\n\nPages: {', '.join(pages)}\n\n"
        "Seconds per walk (open, screenshot, text, links: time spent in each step):\n\n"
        + "".join(f"- {who}: {t}\n" for who, t in timings.items())
    )
    text = report(findings, header=header)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"walk-findings-{part}.md"
    path.write_text(text, encoding="utf-8")
    assert not findings, f"{len(findings)} problems seen on the walk (also in {path}):\n{text}"


@pytest.mark.browser
def test_every_page_of_every_menu_reads_as_the_users_language(live_server, live_world, browser):
    """The regulator and the performer (the other roles: ``test_walk_company_auditor.py``, ``test_walk_admin.py``)."""
    walk_part("regulator-performer", live_server, live_world, browser)


# ------------------------------------------------------------------------------------------------
# The detectors on the texts the issue quotes, and on names and codes that must not trip them.


@pytest.fixture(scope="module")
def detectors():
    numbers = {"right": {"816-УВС", "732-ML"}, "agreement": {"НИОКР-2012/005"}, "payment": {"000465", "ПП-1234"}, "case": {"АП-2026-0001"}}
    latin = {"Eskerfeld Mine Automation S.r.l."}
    english = {"Dala Munai National Oil and Gas Company JSC"}
    recorded = {"100%: supply of dieesl fuel, VAT exempt"}
    return Detectors(Catalogs(), numbers, latin, english, recorded)


@pytest.mark.parametrize(("text", "language", "kind"), [
    ("Право недропользования № 6", "ru", "db-id"),
    ("NK-06: платежи 7555, 7556", "ru", "db-id"),
    ("Платёж #4991 подтверждён", "ru", "db-id"),
    ("projects.Payment 7936", "ru", "db-id"),
    ("Идентификатор объекта 7687", "ru", "db-id"),
    ("Holding group 12", "en", "db-id"),
    ("Subsoil use right 465", "en", "db-id"),
    ("Отчёт № 1", "ru", "db-id"),
    ("payer_bin", "ru", "raw-key"),
    ("arrears_tiyn", "kk", "raw-key"),
    ("BUDGET2026_COSTS", "en", "raw-key"),
    ("obligations.recompute", "ru", "raw-key"),
    ("channel direct", "ru", "english"),
    ("extract 0,2, evaluate 0,4, write 0,0", "ru", "english"),
    ("quarterly", "kk", "english"),
    ("Неверный БИН: BIN '970840002284': check digit is 4, expected 3", "kk", "english"),
    ("Table navigation", "ru", "english"),
    ("Dala Munai National Oil and Gas Company JSC", "ru", "english"),
    ("12/07/2026 5:40 Т.Ж.", "kk", "date"),
    ("12/07/2026 5:40 a.m.", "en", "date"),
    ("с 2025-05-01", "ru", "date"),
])
def test_the_detectors_catch_what_the_users_saw(detectors, text, language, kind):
    assert kind in {k for k, _excerpt in detectors.check(text, language)}, detectors.check(text, language)


@pytest.mark.parametrize(("text", "language"), [
    ("Право недропользования № 816-УВС", "ru"),
    ("Платёж № 000465 от 12.03.2025", "ru"),
    ("платёж 465 на 0,00 ₸ за 2024 год", "ru"),
    ("Договор № НИОКР-2012/005 от 22.03.2012", "ru"),
    ("приказ от 17.12.2025 № 574 (рег. МЮ № 37604, № 37778)", "ru"),
    ("2018 жылғы 31 мамырдағы № 222/№ 244 (НМ № 17096)", "kk"),
    ("министрінің 2014 жылғы 18 қыркүйектегі № 403 бұйрығы", "kk"),
    ("ТОО «Tengizchevroil» — KZT, NK-07, BIN, XLSX, Excel", "ru"),
    ("ПИТ (Astana Hub), AgriTech — агротехнологии", "ru"),
    ("Компания «Eskerfeld Mine Automation S.r.l.»", "kk"),
    ("Слова против НИОКР: supply, fuel", "ru"),
    ("English", "ru"),
    ("12.07.2026 17:40", "kk"),
    ("см. acts.pdf, base_a.csv, user@niokr.example, /obligations/rights/5/", "ru"),
])
def test_the_detectors_leave_names_codes_and_business_numbers_alone(detectors, text, language):
    assert detectors.check(text, language) == []
