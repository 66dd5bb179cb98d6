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
and kind; the same list is written to ``artifacts/walk-findings.md``.

The world is the small country of the other browser tests (``live_world``) with a real national
control run on top (flags with the indicators' own evidence, scores), an audit case opened from
company A's flags with a document request waiting for the company's answer (and its notice), and the
case of ``control_world`` whose request was answered.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from niokr.web_tests.personas import PASSWORD
from niokr.web_tests.readable import Catalogs, Detectors, Walk, report

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots" / "walk"
REPORT = ARTIFACTS / "walk-findings.md"
#: role of the walk → persona of web_tests.
ROLES = {"regulator": "regulator_industry", "company": "company_a", "performer": "performer", "auditor": "auditor", "admin": "admin"}
LANGUAGES = ("kk", "ru", "en")


def _control_in_progress(world) -> None:
    """A real national run, and a case of company A waiting for the company's documents."""
    from niokr.control import services
    from niokr.control.models import Flag
    from niokr.control.runner import run_control

    run = run_control()
    flags = list(Flag.objects.filter(run=run, payer=world.company_a).order_by("indicator", "pk").values_list("pk", flat=True)[:3])
    if not flags:  # the indicators found nothing of A's: the case opens on the hand-written flag
        flags = [world.flag_a.pk]
    case = services.open_case(actor=world.users["auditor"], flag_ids=flags, title="Проверка расходов на НИОКР")
    services.request_documents(actor=world.users["auditor"], case=case, text="Акты выполненных работ по этапам и техническое задание.", due_on=timezone.localdate() + timedelta(days=10))


def _business_numbers() -> set[str]:
    """Numbers people know objects by: rights, agreements, payment orders, case references."""
    from niokr.control.models import AuditCase
    from niokr.projects.models import Agreement, Payment
    from niokr.registry.models import SubsoilRight

    numbers = set(SubsoilRight.objects.values_list("number", flat=True))
    numbers |= set(Agreement.objects.values_list("number", flat=True))
    numbers |= set(Payment.objects.exclude(document_number="").values_list("document_number", flat=True))
    numbers |= set(AuditCase.objects.values_list("reference", flat=True))
    return {n for n in numbers if n}


def test_every_page_of_every_menu_reads_as_the_users_language(live_server, live_world, browser):
    world = live_world
    _control_in_progress(world)
    detectors = Detectors(Catalogs(), _business_numbers())
    started = time.perf_counter()
    findings, visited, timings = [], {}, {}
    for role, persona in ROLES.items():
        link_cache: dict = {}
        for language in LANGUAGES:
            walk = Walk(
                browser=browser, base=live_server.url, username=world.users[persona].username, password=PASSWORD,
                role=role, language=language, detectors=detectors, screenshots=SCREENSHOTS, link_cache=link_cache,
            )
            findings += walk.run()
            visited[f"{role}/{language}"] = walk.visited
            timings[f"{role}/{language}"] = round(walk.timings["seconds"], 1)
    took = time.perf_counter() - started
    pages = sorted({name for seen in visited.values() for name, _url in seen})
    header = (
        "# The walk's findings\n\n"
        f"{len(visited)} walks (role × language), {sum(len(v) for v in visited.values())} pages opened, "
        f"{len(pages)} kinds of page, {took:.0f} s.\n\nPages: {', '.join(pages)}\n\n"
        f"Seconds per walk: {timings}\n"
    )
    text = report(findings, header=header)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    assert not findings, f"{len(findings)} problems seen on the walk (also in {REPORT}):\n{text}"
