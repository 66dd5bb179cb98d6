"""Browser scenarios: Playwright drives Debian's Chromium against Django's live server.

Every role logs in through the login form; the language switch; a valid and an invalid report sent
through the upload page; the dashboard's charts; the XLSX export and the PDF statement downloaded.
Screenshots of the main pages go to ``artifacts/screenshots/`` (git-ignored).

The live server runs in a thread of this process and reads the committed data of ``live_world``
(``transactional_db``). These tests run on the SQLite run of ``make test`` (see conftest.py).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import Submission
from niokr.registry.models import Organisation
from niokr.web_tests.personas import PASSWORD, base_figures_csv

# Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this (test-only) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
TIMEOUT = 15_000


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert reverse("accounts:login") not in page.url, f"{username} could not log in: {page.inner_text('main')[:300]}"


def open_page(page, base: str, name: str, *args) -> int:
    """Open a named page; its HTTP status."""
    response = page.goto(base + reverse(name, args=args))
    return response.status


def text_of(page) -> str:
    return page.inner_text("main")


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def site(live_server, live_world):
    return live_server.url, live_world


def test_each_role_logs_in_through_the_form_and_sees_its_own_world(site, browser):
    base, world = site
    a, b = world.company_a, world.company_b
    seen = {}
    for persona in ("company_a", "company_b", "performer", "regulator_energy", "regulator_industry", "auditor", "admin"):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        log_in(page, base, world.users[persona].username)
        statuses = {}
        for key, holder in (("a", a), ("b", b)):
            statuses[key] = open_page(page, base, "obligations:holder-detail", holder.pk)
            if statuses[key] == 200:
                assert holder.name_ru in text_of(page), f"{persona} on the page of {holder.name_ru}"
        if persona == "company_a":
            open_page(page, base, "obligations:holder-detail", a.pk)
            shot(page, "holder-detail-company")
            page.goto(base + "/")
            assert a.name_ru in text_of(page) and b.name_ru not in text_of(page)
        if persona == "performer":
            statuses["agreement"] = open_page(page, base, "projects:agreement-detail", world.agreement_a.pk)
            shot(page, "agreement-detail-performer")
        if persona.startswith("regulator"):
            assert open_page(page, base, "obligations:dashboard") == 200
            shot(page, f"dashboard-{persona}")
        seen[persona] = statuses
        context.close()
    assert seen == {
        "company_a": {"a": 200, "b": 404},
        "company_b": {"a": 404, "b": 200},
        "performer": {"a": 404, "b": 404, "agreement": 200},
        "regulator_energy": {"a": 404, "b": 200},
        "regulator_industry": {"a": 200, "b": 404},
        "auditor": {"a": 200, "b": 200},
        "admin": {"a": 200, "b": 200},
    }


def test_the_main_pages_render_for_the_auditor(site, page):
    base, world = site
    page.set_default_timeout(TIMEOUT)
    log_in(page, base, world.users["auditor"].username)
    pages = {
        "dashboard": ("obligations:dashboard",),
        "organisation-list": ("registry:organisation-list",),
        "organisation-detail": ("registry:organisation-detail", world.company_a.pk),
        "right-list": ("registry:right-list",),
        "right-detail": ("obligations:right-detail", world.right_a.pk),
        "regime-list": ("obligations:regime-list",),
        "agreement-list": ("projects:agreement-list",),
        "payment-list": ("projects:payment-list",),
        "performer-detail": ("projects:performer-detail", world.performer_org.pk),
        "submission-list": ("intake:submission-list",),
        "submission-detail": ("intake:submission-detail", world.submission_a.pk),
        "job-list": ("intake:job-list",),
        "control-flags": ("control:flag-list",),
        "control-flag-detail": ("control:flag-detail", world.flag_a.pk),
        "control-indicators": ("control:indicator-list",),
        "control-risk": ("control:score-list",),
        "control-risk-panel": ("control:risk-panel", world.company_a.pk),
        "control-cases": ("control:case-list",),
        "control-case-detail": ("control:case-detail", world.case_a.pk),
        "control-notices": ("control:notice-list",),
        "control-runs": ("control:run-list",),
    }
    failed = {}
    for shot_name, (name, *args) in pages.items():
        status = open_page(page, base, name, *args)
        page.wait_for_load_state("networkidle")
        shot(page, shot_name)
        if status != 200:
            failed[name] = status
    assert failed == {}


def test_the_language_switch_changes_the_page_and_is_remembered_after_logging_in_again(site, page):
    base, world = site
    page.set_default_timeout(TIMEOUT)
    username = world.users["company_a"].username
    log_in(page, base, username)
    open_page(page, base, "obligations:holder-detail", world.company_a.pk)
    logout = "form[action='%s'] button[type=submit]" % reverse("accounts:logout")

    with page.expect_navigation():
        page.click(".language-switch button[value=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text(logout).strip() == "Log out"
    assert world.company_a.name_en in text_of(page)

    with page.expect_navigation():
        page.click(".language-switch button[value=kk]")
    assert page.get_attribute("html", "lang") == "kk"
    assert world.company_a.name_kk in text_of(page)
    shot(page, "holder-detail-kk")
    kazakh = page.inner_text(logout).strip()
    assert kazakh == translated("Log out", "kk") and KAZAKH_LETTERS & set(kazakh), f"the Log out button reads {kazakh!r} in Kazakh"

    with page.expect_navigation():
        page.click(logout)
    page.context.clear_cookies()  # the language must come from the account, not from a cookie
    log_in(page, base, username)
    assert page.get_attribute("html", "lang") == "kk"
    assert page.inner_text(logout).strip() == kazakh


def upload(page, base: str, world, data: bytes, filename: str) -> Submission:
    open_page(page, base, "intake:submission-upload")
    shot(page, "submission-upload")
    page.select_option("select[name=kind]", "base_figures")
    page.fill("input[name=period_year]", str(world.year))
    page.select_option("select[name=organisation]", str(world.company_a.pk))
    page.set_input_files("input[type=file]", files=[{"name": filename, "mimeType": "text/csv", "buffer": data}])
    with page.expect_navigation():
        page.click("form.upload-form button[type=submit]")
    match = re.search(r"/(\d+)/?$", page.url)
    assert match and page.url.endswith(reverse("intake:submission-detail", args=[int(match.group(1))])), f"after the upload: {page.url}\n{text_of(page)[:500]}"
    return Submission.objects.get(pk=int(match.group(1)))


def test_a_valid_report_can_be_committed_and_an_invalid_one_shows_its_cells(site, page):
    base, world = site
    page.set_default_timeout(TIMEOUT)
    log_in(page, base, world.users["company_a"].username)
    language = world.users["company_a"].language
    number = world.right_a.number

    invalid = upload(page, base, world, base_figures_csv([(number, str(world.year), "production_costs", "1 000,00"), (number, str(world.year), "aggregate_income", "много")]), "invalid.csv")
    shot(page, "submission-invalid")
    assert invalid.status == SubmissionStatus.INVALID
    problem = next(p for p in invalid.problems if p["severity"] == "error")
    cell = f"{problem['column']}{problem['row']}"
    rows = [r.inner_text() for r in page.query_selector_all("main table tbody tr")]
    assert any(re.search(rf"(?<![A-Z]){cell}(?!\d)", r) or (problem["column"] in r.split("\t") and str(problem["row"]) in r.split("\t")) for r in rows), f"no row names cell {cell}: {rows[:5]}"
    assert page.query_selector("form.commit-form button") is None

    valid = upload(page, base, world, base_figures_csv([(number, str(world.year), "production_costs", "2 500 000,00")]), "valid.csv")
    assert valid.status == SubmissionStatus.VALID
    assert translated(str(SubmissionStatus.VALID.label), language) in page.inner_text(".submission-status")
    shot(page, "submission-valid")
    with page.expect_navigation():
        page.click("form.commit-form button[type=submit]")
    valid.refresh_from_db()
    assert valid.status == SubmissionStatus.COMMITTED
    assert translated(str(SubmissionStatus.COMMITTED.label), language) in page.inner_text(".submission-status")


def test_the_dashboard_shows_its_charts(site, page):
    base, world = site
    page.set_default_timeout(TIMEOUT)
    log_in(page, base, world.users["regulator_industry"].username)
    assert open_page(page, base, "obligations:dashboard") == 200
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("main svg, main img", state="attached")
    charts = page.evaluate(
        """() => [...document.querySelectorAll('main svg, main img')].map(e => e.tagName.toLowerCase() === 'img'
              ? {tag: 'img', loaded: e.complete && e.naturalWidth > 0, src: e.getAttribute('src')}
              : {tag: 'svg', loaded: e.getBoundingClientRect().width > 0 && e.querySelectorAll('*').length > 5})"""
    )
    shot(page, "dashboard")
    assert charts and all(c["loaded"] for c in charts), charts
    assert sum(1 for c in charts if c["tag"] == "svg" or (c["src"] or "").endswith(".svg") or "chart" in (c["src"] or "")) >= 1


def download(page, selector: str):
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path())


def test_exports_and_the_pdf_statement_download_with_kazakh_letters(site, page):
    base, world = site
    page.set_default_timeout(TIMEOUT)
    log_in(page, base, world.users["company_a"].username)
    open_page(page, base, "registry:right-list")
    xlsx = download(page, "main a[href*='export=xlsx']")
    with zipfile.ZipFile(xlsx) as book:
        strings = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml")).decode()
    assert world.right_a.number in strings and world.right_b.number not in strings
    csv = download(page, "main a[href*='export=csv']").read_bytes().decode("utf-8-sig")
    assert world.right_a.number in csv

    # The statement of the holder whose Kazakh name has the most Kazakh letters, read in Kazakh.
    holder = max(
        Organisation.objects.filter(rights__balances__year=world.year).distinct(),
        key=lambda o: (sum(ch in KAZAKH_LETTERS for ch in o.name_kk), -o.pk),
    )
    auditor = world.users["auditor"]
    auditor.language = "kk"
    auditor.save(update_fields=["language"])
    page.context.clear_cookies()
    log_in(page, base, auditor.username)
    assert open_page(page, base, "obligations:holder-detail", holder.pk) == 200
    sample = reverse("obligations:statement-pdf", args=[holder.pk, 1000])
    prefix = sample[: sample.index("1000")]
    link = f"main a[href^='{prefix}']"
    assert page.query_selector(link) is not None, f"the holder page links to its statement ({prefix}…)"
    pdf = download(page, link)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    words = [w for w in re.split(r"[\s«»\"]+", holder.name_kk) if w]
    assert KAZAKH_LETTERS & set(holder.name_kk)
    missing = [w for w in words if w not in text]
    assert missing == [], f"the statement lacks {missing} of {holder.name_kk!r}; text: {text[:400]!r}"


def test_an_auditor_opens_a_case_from_a_flag_the_company_answers_and_the_auditor_confirms(site, browser):
    from niokr.control.models import AuditCase, DocumentRequest
    from niokr.obligations.models import LedgerEntry

    base, world = site
    flag = world.flag_a
    auditor = browser.new_context().new_page()
    auditor.set_default_timeout(TIMEOUT)
    log_in(auditor, base, world.users["auditor"].username)

    auditor.goto(base + reverse("control:flag-list") + f"?payer={world.company_a.bin}")
    shot(auditor, "control-flags-company-a")
    auditor.check(f"form.open-case-form input[name=flags][value='{flag.pk}']")
    auditor.fill("form.open-case-form input[name=title]", "Spending on equipment")
    with auditor.expect_navigation():
        auditor.click("form.open-case-form button[type=submit]")
    case = AuditCase.objects.get(title="Spending on equipment")
    assert auditor.url.endswith(reverse("control:case-detail", args=[case.pk]))
    assert [(i.indicator, i.subject_id) for i in case.items.all()] == [(flag.indicator, flag.subject_id)]
    shot(auditor, "control-case-opened")

    auditor.fill("form.request-form textarea[name=text]", "Send the acceptance act and the technical assignment.")
    with auditor.expect_navigation():
        auditor.click("form.request-form button[type=submit]")
    request = DocumentRequest.objects.get(case=case)
    assert "Send the acceptance act" in auditor.inner_text(".document-request")

    company = browser.new_context().new_page()
    company.set_default_timeout(TIMEOUT)
    log_in(company, base, world.users["company_a"].username)
    company.goto(base + reverse("control:case-list"))
    with company.expect_navigation():
        company.click(f"main a[href='{reverse('control:case-detail', args=[case.pk])}']")
    assert "Send the acceptance act" in text_of(company)
    shot(company, "control-case-company-request")
    company.fill("form.answer-form textarea[name=answer]", "The act No 7 of 15.12 is attached.")
    company.set_input_files("form.answer-form input[type=file]", files=[{"name": "act-7.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 act 7"}])
    with company.expect_navigation():
        company.click("form.answer-form button[type=submit]")
    request.refresh_from_db()
    assert request.answer_file == "act-7.pdf" and request.answered_by == world.users["company_a"]
    assert "act-7.pdf" in company.inner_text(".request-answer")
    shot(company, "control-case-company-answered")
    company.context.close()

    auditor.reload()
    assert "act-7.pdf" in auditor.inner_text(".request-answer")
    auditor.fill("form.confirm-form textarea[name=reason]", "Equipment is not research and development.")
    with auditor.expect_navigation():
        auditor.click("form.confirm-form button[type=submit]")
    case.refresh_from_db()
    assert case.status == "confirmed" and case.excluded_total > 0
    assert LedgerEntry.objects.filter(kind="exclusion", reference=case.reference).exists()
    assert auditor.query_selector("form.confirm-form") is None
    shot(auditor, "control-case-confirmed")
    auditor.context.close()
