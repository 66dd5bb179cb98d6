"""The R&D lifecycle in the browser, each step by the person whose step it is (issue 13's first acceptance line).

A company submits a programme → the council's secretary plans a session, puts the programme on the
agenda, records the attendance and opens the vote → one member is recused automatically, and the
page shows the affiliation path → the vote passes with exactly two thirds (6 of 9 present and
voting) → NCSTE assigns the state expertise, the expert scores, the coordinator confirms the
conclusion → the company registers the agreement (spending report, agreement-only row) and the
performer plans two stages → the performer hands in stage 1's report and the company signs its act
with the report file → the company reports a payment beyond stage 1, an auditor runs control, and
the regulator sees the NK-23 flag → the performer records a patent, the company verifies it, and it
shows on the company's "what our 1% produced" page.

Only the registry world is written to the database directly (organisations, a right, affiliations,
the council with its members, the state experts, users with their memberships, a criteria sheet);
every step of the scenario is taken through the pages. People read in Russian; the key pages are
read in Kazakh too. A screenshot of each step goes to ``artifacts/screenshots/lifecycle/``. At the
end every transition has its audit event and the audit chain holds.

Runs on the SQLite run of ``make test`` like the other browser scenarios (see conftest.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.core.bin import check_digit
from niokr.web_tests.personas import PASSWORD

# Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this (test-only) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots" / "lifecycle"
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
TIMEOUT = 15_000
AUTHORITY = "industry"
MEMBERS = 10  # one is recused: 9 present and voting, 6 for (exactly two thirds), 3 against
AGREEMENT = "Д-НИОКР-77"
PROJECT = "LC-GT-2026-01"


# --- the registry world (written directly; the scenario's steps are not) --------------------------------


def _bin(serial: int) -> str:
    while True:
        first11 = f"0912400{serial:04d}"
        k = check_digit(first11)
        if k is not None:
            return first11 + str(k)
        serial += 1000


@dataclass
class LifecycleWorld:
    company: object
    holding: object
    institute: object
    performer: object
    seat: object
    right: object
    council: object
    members: list
    recused: object
    users: dict = field(default_factory=dict)


def build_lifecycle_world() -> LifecycleWorld:
    from niokr.projects.lifecycle import expertise as ex
    from niokr.projects.models import Council, CouncilMember, StateExpert
    from niokr.registry.models import Affiliation, Organisation, SubsoilRight
    from niokr.synthetic.country import _ensure_regimes

    _ensure_regimes()  # the regime catalogue a flushed test database has lost (control reads it)
    serial = iter(range(1, 1000))

    def org(name_ru: str, name_kk: str, name_en: str, kind: str, **extra) -> Organisation:
        return Organisation.objects.create(
            bin=_bin(next(serial)), name_ru=name_ru, name_kk=name_kk, name_en=name_en, kind=kind, region="karaganda", registered_on=date(2012, 5, 14), **extra,
        )

    company = org("ТОО «Сарыарка Кен»", "«Сарыарқа Кен» ЖШС", "Saryarka Ken LLP", "subsoil_user")
    holding = org("АО «Орталық Холдинг»", "«Орталық Холдинг» АҚ", "Ortalyk Holding JSC", "company")
    institute = org("НИИ обогащения руд", "Кенді байыту ғылыми-зерттеу институты", "Ore Dressing Research Institute", "research_institute")
    performer = org("Институт металлургии и обогащения", "Металлургия және кен байыту институты", "Institute of Metallurgy and Ore Dressing", "research_institute")
    seat = org("Карагандинский технический университет", "Қарағанды техникалық университеті", "Karaganda Technical University", "university")
    experts_org = org("Национальный центр государственной научно-технической экспертизы", "Мемлекеттік ғылыми-техникалық сараптама ұлттық орталығы", "National Centre of State Scientific and Technical Expertise", "state_body")
    ministry = org("Министерство промышленности и строительства", "Өнеркәсіп және құрылыс министрлігі", "Ministry of Industry and Construction", "state_body", authority=AUTHORITY)
    control_body = org("Комитет внутреннего государственного аудита", "Ішкі мемлекеттік аудит комитеті", "Internal State Audit Committee", "state_body")
    # The member from the institute is two links from the applicant: the holding owns both.
    Affiliation.objects.create(source=holding, target=institute, kind="owner", share=Decimal("100"), valid_from=date(2015, 1, 1))
    Affiliation.objects.create(source=holding, target=company, kind="owner", share=Decimal("40"), valid_from=date(2015, 1, 1))
    right = SubsoilRight.objects.create(
        number="LC-1777-ТПИ", holder=company, mineral_group="solid", right_type="lic_solid_mining", region="karaganda",
        signed_on=date(2018, 7, 1), production_start=date(2019, 4, 10),
    )

    User = get_user_model()
    users = {}

    def person(key: str, ru: tuple[str, str], kk: str, en: str, role: str | None, organisation=None, authority: str = ""):
        user = User.objects.create_user(username=f"lc_{key}", password=PASSWORD, email=f"lc_{key}@niokr.example", first_name=ru[0], last_name=ru[1], language="ru")
        user.name_kk, user.name_en = kk, en
        user.save(update_fields=["name_kk", "name_en"])
        if role:
            Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
        users[key] = user
        return user

    person("company", ("Дана", "Жумабекова"), "Дана Жұмабекова", "Dana Zhumabekova", Role.COMPANY, company)
    person("performer", ("Ерлан", "Садыков"), "Ерлан Садықов", "Yerlan Sadykov", Role.PERFORMER, performer)
    person("secretary", ("Алия", "Нурланова"), "Әлия Нұрланова", "Aliya Nurlanova", Role.COUNCIL_SECRETARY, seat, AUTHORITY)
    person("regulator", ("Марат", "Тулеев"), "Марат Төлеев", "Marat Tuleyev", Role.REGULATOR, ministry, AUTHORITY)
    person("auditor", ("Гульнар", "Ахметова"), "Гүлнар Ахметова", "Gulnar Akhmetova", Role.AUDITOR, control_body)
    coordinator = person("ncste", ("Бауыржан", "Оспанов"), "Бауыржан Оспанов", "Bauyrzhan Ospanov", Role.EXPERT, experts_org)
    expert = person("expert", ("Салтанат", "Кенжебаева"), "Салтанат Кенжебаева", "Saltanat Kenzhebayeva", Role.EXPERT, experts_org)
    StateExpert.objects.create(user=coordinator, organisation=experts_org, position="coordinator", term_from=date(2020, 1, 1))
    StateExpert.objects.create(user=expert, organisation=experts_org, field="Обогащение руд", term_from=date(2020, 1, 1))

    council, _ = Council.objects.get_or_create(authority=AUTHORITY, defaults={
        "name_kk": "Өнеркәсіп министрлігінің ғылыми-техникалық кеңесі", "name_ru": "Научно-технический совет Министерства промышленности",
        "name_en": "Scientific-technical council of the Ministry of Industry",
    })
    surnames = ["Абенов", "Байжанов", "Валиев", "Габдуллин", "Досов", "Ермеков", "Жанаев", "Зейнуллин", "Ибраев", "Калиев"]
    members = []
    for n, surname in enumerate(surnames, start=1):
        where = institute if n == MEMBERS else seat
        user = person(f"member_{n}", ("Асан", surname), f"Асан {surname}", f"Asan {surname}", Role.COUNCIL_MEMBER, where, AUTHORITY)
        members.append(CouncilMember.objects.create(council=council, user=user, organisation=where, term_from=date(2020, 1, 1)))
    ex.create_sheet(
        code="ncste-2026", titles={"kk": "Сараптама парағы", "ru": "Лист экспертизы", "en": "Expertise sheet"}, threshold="60", min_experts=1,
        criteria=[
            {"code": "novelty", "name_kk": "Жаңалығы", "name_ru": "Новизна", "name_en": "Novelty", "weight": "2", "min_score": 3, "max_score": 10},
            {"code": "feasibility", "name_kk": "Орындалуы", "name_ru": "Реализуемость", "name_en": "Feasibility", "weight": "1", "min_score": 3, "max_score": 10},
        ],
        actor=None,
    )
    return LifecycleWorld(company=company, holding=holding, institute=institute, performer=performer, seat=seat, right=right, council=council,
                          members=members, recused=members[-1], users=users)


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


def main(page) -> str:
    return page.inner_text("main")


def said(page) -> str:
    """The page's messages (success and refusals) and main text, for an assertion's explanation."""
    return main(page)[:1500]


class Browser:
    """One person signed in at a time: the cookies of the previous one are cleared (the page cache is kept)."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(locale="ru-RU", viewport={"width": 1360, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT)

    def as_(self, user, path: str = "/"):
        """Sign ``user`` in through the login form, landing on ``path``."""
        self.context.clear_cookies()
        self.page.goto(self.base + reverse("accounts:login") + "?" + urlencode({"next": path}))
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("form.login button[type=submit]")
        assert reverse("accounts:login") not in self.page.url, f"{user.username} could not log in: {main(self.page)[:300]}"
        assert self.page.url.split("?")[0].endswith(path.split("?")[0]), self.page.url
        assert self.page.get_attribute("html", "lang") == "ru"
        return self.page

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{path}: {response.status}\n{said(self.page)}"
        return self.page

    def submit(self, selector: str):
        with self.page.expect_navigation():
            self.page.click(selector)
        return self.page

    def language(self, lang: str):
        self.submit(f".language-switch button[value={lang}]")
        assert self.page.get_attribute("html", "lang") == lang
        return self.page

    def close(self):
        self.context.close()


def plain(text: str) -> str:
    """Text with the narrow and no-break spaces of money and dates read as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def upload_report(b: Browser, *, kind: str, organisation, year: int, name: str, data: bytes):
    from niokr.intake.models import Submission

    page = b.go(reverse("intake:submission-upload"))
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=period_year]", str(year))
    page.select_option("select[name=organisation]", str(organisation.pk))
    page.set_input_files("input[type=file]", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    b.submit("form.upload-form button[type=submit]")
    match = re.search(r"/(\d+)/?$", page.url)
    assert match, f"after the upload: {page.url}\n{said(page)}"
    submission = Submission.objects.get(pk=int(match.group(1)))
    assert submission.status == "valid", (submission.problems, said(page))
    b.submit("form.commit-form button[type=submit]")
    submission.refresh_from_db()
    assert submission.status == "committed", said(page)
    assert tr("Committed") in page.inner_text(".submission-status")
    return submission


SPENDING_HEADER = (
    "Номер договора", "Дата договора", "БИН исполнителя", "Предмет договора", "Сумма договора", "Начало периода", "Окончание периода",
    "Приоритетное направление", "Код проекта", "Дата платежа", "Сумма платежа", "Валюта", "Назначение платежа", "Номер платёжного документа",
    "Номер контракта/лицензии", "Год зачёта",
)


def spending_csv(w: LifecycleWorld, signed: date, payments: list[tuple[date, str, str]]) -> bytes:
    """The company's spending report: the agreement (with its project's code) and its payments (none: an agreement-only row)."""
    agreement = [AGREEMENT, f"{signed:%d.%m.%Y}", w.performer.bin, "Обогащение упорных руд: технология и опытная установка", "50 000 000,00",
                 f"{signed:%d.%m.%Y}", f"{signed + timedelta(days=360):%d.%m.%Y}", "greentech", PROJECT]
    rows = [agreement + [""] * 7] if not payments else [
        agreement + [f"{paid:%d.%m.%Y}", amount, "KZT", "Оплата по договору НИОКР", number, w.right.number, ""] for paid, amount, number in payments
    ]
    lines = [";".join(SPENDING_HEADER)] + [";".join(row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


# --- the scenario ---------------------------------------------------------------------------------------


@pytest.fixture
def lifecycle(live_server, transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return live_server.url, build_lifecycle_world()


def test_the_lifecycle_each_step_by_its_role_through_the_pages(lifecycle, browser):
    from niokr.control.models import Flag
    from niokr.core.audit import verify_chain
    from niokr.core.models import AuditEvent
    from niokr.projects.choices import Outcome, ProgrammeStatus
    from niokr.projects.models import AgendaItem, Agreement, CouncilSession, Expertise, Programme, Result, Stage, StateExpert, Vote

    base, w = lifecycle
    u = w.users
    b = Browser(browser, base)
    today = timezone.localdate()
    try:
        # 1. The company writes the programme and submits it to its ministry's council.
        page = b.as_(u["company"], reverse("lifecycle:programme-create"))
        page.fill("#id_title_kk", "Қиын байытылатын кендерді байыту технологиясы")
        page.fill("#id_title_ru", "Технология обогащения упорных руд")
        page.fill("#id_title_en", "Dressing technology for refractory ores")
        page.fill("#id_abstract", "Опытная установка флотации упорных медных руд месторождения Сарыарка.")
        page.select_option("#id_priority_direction", "greentech")
        page.select_option("#id_tcc_sector", "industry")
        page.select_option("#id_trl_start", "3")
        page.select_option("#id_trl_target", "6")
        page.fill("#id_performer", w.performer.bin)
        page.check(f"input[name=rights][value='{w.right.number}']")
        page.fill("#id_budget_year_0", "2026")
        page.fill("#id_budget_amount_0", "20 000 000,00")
        page.fill("#id_budget_year_1", "2027")
        page.fill("#id_budget_amount_1", "30 000 000,00")
        shot(page, "01-programme-form")
        b.submit("form.programme-form button[type=submit]")
        programme = Programme.objects.get(applicant=w.company)
        assert page.url.endswith(reverse("lifecycle:programme-detail", args=[programme.reference])), said(page)
        assert programme.status == "draft"
        b.submit(f"form[action='{reverse('lifecycle:programme-submit', args=[programme.reference])}'] button")
        programme.refresh_from_db()
        assert programme.status == "submitted", said(page)
        assert tr("Programme %(reference)s is submitted to the council.", reference=programme.reference) in main(page)
        assert page.inner_text(".programme-status").strip() == label_of(ProgrammeStatus.SUBMITTED)
        assert "Технология обогащения упорных руд" in page.inner_text(".programme-title")
        shot(page, "01-programme-submitted")

        # 2. The secretary plans a session, puts the programme on the agenda, records the attendance, opens the vote.
        page = b.as_(u["secretary"], reverse("lifecycle:session-list"))
        page.select_option("#id_council", str(w.council.pk))
        page.fill("#id_held_on", today.isoformat())
        b.submit("section.session-plan button[type=submit]")
        session = CouncilSession.objects.get(council=w.council)
        assert page.url.endswith(reverse("lifecycle:session-detail", args=[session.reference])), said(page)
        assert tr("Session %(reference)s is planned.", reference=session.reference) in main(page)
        page.select_option("#agenda-programme", programme.reference)
        b.submit(f"form[action='{reverse('lifecycle:session-agenda', args=[session.reference])}'] button")
        assert tr("The programme is on the agenda.") in main(page), said(page)
        for member in w.members:
            page.check(f"#present-{member.pk}")
        b.submit(f"form[action='{reverse('lifecycle:session-attendance', args=[session.reference])}'] button")
        assert tr("The attendance is recorded.") in main(page), said(page)
        b.submit(f"form[action='{reverse('lifecycle:session-open', args=[session.reference])}'] button")
        session.refresh_from_db()
        assert session.status == "voting", said(page)
        assert tr("The vote is open; the members are notified.") in main(page)
        programme.refresh_from_db()
        assert programme.status == "in_council"
        shot(page, "02-session-vote-open-secretary")

        # 3. The member from the institute the applicant's holding owns is recused, with the path shown.
        item = AgendaItem.objects.get(session=session)
        assert list(item.recusals.values_list("member_id", "source")) == [(w.recused.pk, "automatic")]
        path = page.inner_text(".affiliation-path")
        names = [w.institute.name_ru, w.holding.name_ru, w.company.name_ru]
        assert all(n in path for n in names) and path.index(names[0]) < path.index(names[1]) < path.index(names[2]), path
        assert w.company.bin in path and w.institute.bin in path
        page = b.as_(w.recused.user, reverse("lifecycle:session-detail", args=[session.reference]))
        refusal = page.inner_text(".agenda-item .vote-refusal")
        assert refusal.strip(), said(page)
        assert page.query_selector(f"form[action='{reverse('lifecycle:session-vote', args=[session.reference])}']") is None
        assert w.institute.name_ru in page.inner_text(".recusals")
        assert tr("Recused") in page.inner_text(".recusals")
        shot(page, "03-recused-member-ru")
        b.language("kk")
        kazakh = page.inner_text(".recusals")
        assert tr("Recused", "kk") in kazakh and w.institute.name_kk in kazakh and w.company.name_kk in kazakh, kazakh
        assert KAZAKH_LETTERS & set(page.inner_text(".agenda-item .vote-refusal"))
        shot(page, "03-recused-member-kk")
        b.language("ru")

        # 4. Each present member votes in the browser: 6 for, 3 against of 9 present and voting — exactly two thirds.
        voters = [m for m in w.members if m.pk != w.recused.pk]
        for n, member in enumerate(voters):
            choice = "for" if n < 6 else "against"
            page = b.as_(member.user, reverse("lifecycle:session-detail", args=[session.reference]))
            b.submit(f"form[action='{reverse('lifecycle:session-vote', args=[session.reference])}'] button[value={choice}]")
            assert tr("Your vote is recorded.") in main(page), said(page)
            assert page.query_selector(f"form[action='{reverse('lifecycle:session-vote', args=[session.reference])}']") is None
            if n == 0:
                shot(page, "04-member-voted")
        assert Vote.objects.filter(item=item).count() == 9
        page = b.as_(u["secretary"], reverse("lifecycle:session-detail", args=[session.reference]))
        b.submit(f"form[action='{reverse('lifecycle:session-close', args=[session.reference])}'] button")
        session.refresh_from_db()
        item.refresh_from_db()
        assert session.status == "closed" and item.outcome == "approved", (item.tally, said(page))
        assert (item.tally["votes_for"], item.tally["against"], item.tally["abstain"]) == (6, 3, 0), item.tally
        assert label_of(Outcome.APPROVED) in page.inner_text(".item-result")
        shot(page, "04-vote-closed-two-thirds")
        programme.refresh_from_db()
        assert programme.status == "in_expertise"

        # 5. NCSTE opens the expertise and assigns the expert; the expert scores; the coordinator confirms the conclusion.
        page = b.as_(u["ncste"], reverse("lifecycle:expertise-list"))
        b.submit(f"form[action='{reverse('lifecycle:expertise-open', args=[programme.reference])}'] button")
        expertise = Expertise.objects.get(version__programme=programme)
        assert page.url.endswith(reverse("lifecycle:expertise-detail", args=[expertise.reference])), said(page)
        page.select_option("#expert", str(StateExpert.objects.get(user=u["expert"]).pk))
        b.submit(f"form[action='{reverse('lifecycle:expertise-assign', args=[expertise.reference])}'] button")
        assert tr("The expert is assigned and notified.") in main(page), said(page)
        b.submit(f"form[action='{reverse('lifecycle:expertise-start-scoring', args=[expertise.reference])}'] button")
        expertise.refresh_from_db()
        assert expertise.status == "scoring", said(page)
        shot(page, "05-expertise-assigned")
        page = b.as_(u["expert"], reverse("accounts:notifications"))
        assert tr("A state expertise is assigned to you") in main(page), said(page)
        assert page.locator(".notifications-count").count() == 1
        b.go(reverse("lifecycle:expertise-detail", args=[expertise.reference]))
        b.submit("a.expertise-score-link")
        page.fill("#score-novelty", "8")
        page.fill("[name=comment-novelty]", "Новый реагентный режим флотации.")
        page.fill("#score-feasibility", "7")
        shot(page, "05-expert-scores")
        b.submit("form button[type=submit].btn-primary")
        assert tr("Your scores are recorded.") in main(page), said(page)
        page = b.as_(u["ncste"], reverse("lifecycle:expertise-detail", args=[expertise.reference]))
        page.fill("#conclusion", "Программа обоснована; рекомендуется к финансированию.")
        b.submit(f"form[action='{reverse('lifecycle:expertise-conclude', args=[expertise.reference])}'] button")
        expertise.refresh_from_db()
        programme.refresh_from_db()
        assert expertise.confirmed_at is not None and expertise.positive, said(page)
        assert programme.status == "approved"
        assert tr("Positive") in page.inner_text(".expertise-conclusion")
        shot(page, "05-expertise-concluded")

        # 6. The company registers the agreement (its spending report, a row without a payment); the performer plans two stages.
        signed = today - timedelta(days=35)
        page = b.as_(u["company"], reverse("intake:submission-upload"))
        upload_report(b, kind="spending", organisation=w.company, year=today.year, name="agreement.csv", data=spending_csv(w, signed, []))
        agreement = Agreement.objects.get(payer=w.company, number=AGREEMENT)
        assert agreement.project is not None and agreement.project.code == PROJECT
        shot(page, "06-agreement-registered")
        page = b.as_(u["performer"])
        plan = [
            (1, "Лабораторные испытания флотации", signed, today - timedelta(days=2), "20000000.00"),
            (2, "Опытная установка", today - timedelta(days=1), signed + timedelta(days=360), "30000000.00"),
        ]
        for number, title, start, end, amount in plan:
            b.go(reverse("projects:agreement-detail", args=[agreement.pk]))
            page.click("details.stage-new summary")
            form = "details.stage-new form"
            page.fill(f"{form} [name=number]", str(number))
            page.fill(f"{form} [name=title]", title)
            page.fill(f"{form} [name=start_date]", start.isoformat())
            page.fill(f"{form} [name=end_date]", end.isoformat())
            page.fill(f"{form} [name=amount]", amount)
            b.submit(f"{form} button[type=submit]")
            assert tr("Stage %(number)s is added to the calendar plan.", number=number) in main(page), said(page)
        stages = list(Stage.objects.filter(agreement=agreement).order_by("number"))
        assert [(s.number, s.amount, s.status) for s in stages] == [(1, Decimal("20000000.00"), "planned"), (2, Decimal("30000000.00"), "planned")]
        assert len(page.query_selector_all(".stage-table tbody tr.stage-row")) == 2
        shot(page, "06-calendar-plan")

        # 7. The performer hands in stage 1's report; the company signs the act with the report file.
        stage1 = stages[0]
        b.go(reverse("lifecycle:stage-detail", args=[stage1.pk]))
        page.set_input_files(".step-submit input[type=file]", files=[{"name": "otchet-etap-1.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        b.submit(".step-submit button[type=submit]")
        stage1.refresh_from_db()
        assert stage1.status == "submitted", said(page)
        page = b.as_(u["company"], reverse("lifecycle:stage-detail", args=[stage1.pk]))
        page.fill(".step-accept [name=number]", "АКТ-1")
        page.fill(".step-accept [name=signed_on]", today.isoformat())
        page.fill(".step-accept [name=amount]", "20000000.00")
        page.set_input_files(".step-accept input[type=file]", files=[{"name": "akt-1-otchet.pdf", "mimeType": "application/pdf", "buffer": PDF + b"% signed\n"}])
        b.submit(".step-accept button[type=submit]")
        stage1.refresh_from_db()
        assert stage1.status == "accepted" and stage1.act.signed_by_id == u["company"].pk, said(page)
        assert stage1.act.report_name == "akt-1-otchet.pdf"
        assert tr("The act is signed; the stage is accepted.") in main(page)
        assert "akt-1-otchet.pdf" in page.inner_text(".act-card")
        shot(page, "07-act-signed")

        # 8. The company reports two payments: stage 1's and 15 million beyond it; control flags it for the regulator.
        upload_report(b, kind="spending", organisation=w.company, year=today.year, name="payments.csv", data=spending_csv(
            w, signed, [(today, "20 000 000,00", "ПП-101"), (today, "15 000 000,00", "ПП-102")]))
        b.go(reverse("projects:agreement-detail", args=[agreement.pk]))
        beyond = plain(page.inner_text(".paid-beyond"))
        assert "15 000 000,00" in beyond, beyond
        shot(page, "08-paid-beyond-company")
        page = b.as_(u["auditor"], reverse("control:run-list"))
        b.submit("form.run-form button[type=submit]")
        if settings.TASKS["default"]["BACKEND"].endswith("DatabaseBackend"):
            # The run is queued for the worker; the worker's command runs it here (as the operator's worker would).
            call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        flag = Flag.objects.filter(indicator="NK-23", subject_id=agreement.pk).first()
        assert flag is not None, list(Flag.objects.values_list("indicator", "subject_id"))
        page = b.as_(u["regulator"], reverse("control:flag-list") + "?indicator=NK-23")
        flags = main(page)
        assert AGREEMENT in flags or w.company.name_ru in flags, flags[:1500]
        assert "Оплата сверх принятых этапов" in flags or "NK-23" in flags
        # A regulator's menu is long: it wraps, and the language switch and Log out stay on the screen.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.evaluate("document.documentElement.scrollWidth")
        assert page.locator(".navbar-user button").is_visible() and page.locator(".navbar-user button").bounding_box()["x"] < 1360
        shot(page, "08-flag-regulator-ru")
        b.go(reverse("control:flag-detail", args=[flag.pk]))
        detail = main(page)
        assert "ПП-102" in detail and AGREEMENT in detail, detail[:1500]
        shot(page, "08-flag-detail-regulator")
        b.language("kk")
        kazakh = main(page)
        assert "Қабылданған кезеңдерден асатын төлем" in kazakh, kazakh[:800]
        shot(page, "08-flag-detail-regulator-kk")
        b.language("ru")

        # 9. The performer records a patent; the company verifies it; it shows on "what our 1% produced".
        page = b.as_(u["performer"], reverse("lifecycle:result-create") + f"?project={PROJECT}")
        page.select_option("#id_project", str(agreement.project_id))
        page.select_option("#id_stage", str(stage1.pk))
        page.select_option("#id_kind", "patent")
        page.fill("#id_title", "Способ флотации упорных медных руд")
        page.fill("#id_year", str(today.year))
        page.fill("#id_achieved_on", today.isoformat())
        page.select_option("#id_patent_office", "kazpatent")
        page.fill("#id_patent_number", "KZ 36999")
        page.fill("#id_evidence_reference", "https://gosreestr.kazpatent.kz/Invention/Details?docNumber=36999")
        shot(page, "09-result-form")
        b.submit("main form button[type=submit]")
        result = Result.objects.get(project=agreement.project)
        assert page.url.endswith(reverse("lifecycle:result-detail", args=[result.reference])), said(page)
        assert result.kind == "patent" and result.patent_number == "KZ 36999" and result.status == "claimed"
        page = b.as_(u["company"], reverse("lifecycle:result-detail", args=[result.reference]))
        b.submit(f".result-steps button[formaction='{reverse('lifecycle:result-verify', args=[result.reference])}']")
        result.refresh_from_db()
        assert result.status == "verified", said(page)
        b.go(reverse("lifecycle:produced", args=[w.company.pk]))
        produced = main(page)
        assert tr("What %(name)s's 1%% produced", name=w.company.name_ru) in produced
        assert "KZ 36999" in produced and result.reference in produced, produced[:1500]
        patents = page.inner_text("main table tbody tr:first-child")
        assert str(today.year) in patents and "35 000 000,00" in plain(patents), patents
        shot(page, "09-produced-ru")
        b.language("kk")
        kazakh = main(page)
        assert tr("What %(name)s's 1%% produced", "kk", name=w.company.name_kk) in kazakh, kazakh[:600]
        shot(page, "09-produced-kk")
        b.language("ru")
    finally:
        b.close()

    # Every transition wrote its audit event, and the chain holds.
    def statuses(object_type: str, object_id, prefix: str) -> list[str]:
        events = AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id), action__startswith=prefix).order_by("seq")
        return [e.after["status"] for e in events if isinstance(e.after, dict) and "status" in e.after and e.before is not None]

    assert statuses("projects.Programme", programme.pk, "programme.") == ["submitted", "in_council", "in_expertise", "approved"]
    assert statuses("projects.CouncilSession", session.pk, "council_session.") == ["voting", "closed"]
    assert statuses("projects.Expertise", expertise.pk, "expertise.") == ["scoring", "concluded"]
    assert statuses("projects.Stage", stage1.pk, "stage.") == ["submitted", "accepted"]
    assert statuses("projects.Result", result.pk, "result.") == ["verified"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    expected = {
        "programme.create", "council_session.plan", "council_session.agenda", "council_session.attendance", "council_session.vote",
        "expertise.opened", "expertise.expert_assigned", "expertise.scored", "stage.plan", "result.claim", "commit_submission", "control_run",
    }
    assert expected <= actions, expected - actions
    assert AuditEvent.objects.filter(action="council_session.vote").count() == 9
    assert AuditEvent.objects.filter(action="stage.plan").count() == 2
    checked, problem = verify_chain()
    assert problem is None and checked > 0, problem
