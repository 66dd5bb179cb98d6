"""The intake pages: sending a report, its validation, commit, corrections, and who may do what."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from python_calamine import CalamineWorkbook

from niokr.accounts.models import Membership
from niokr.intake.models import Submission
from niokr.intake.tests.test_validation import csv_bytes, spending_row
from niokr.obligations import services as obligation_services
from niokr.obligations.models import LedgerEntry

pytestmark = pytest.mark.django_db

ALWAYS = (date(2000, 1, 1), None)
TREASURY_HEADER = ["Номер платёжного поручения", "Дата платежа", "БИН плательщика", "Сумма, тенге", "КБК", "Номер контракта/лицензии", "Год зачёта"]


@pytest.fixture
def world(build, settings, tmp_path):
    """Two oil companies with a right each, a performer, the Ministry of Energy, and personas."""
    settings.DATA_DIR = tmp_path
    oil = build.org(name="ТОО «Мұнай Тест»")
    rival = build.org(name="ТОО «Бәсекелес»")
    performer = build.org(kind="research_institute", kazakhstani_supplier=ALWAYS)
    ministry = build.org(kind="state_body", name="Министерство энергетики")
    right = build.right(oil, number="КТ-2020-01")
    rival_right = build.right(rival, number="БС-2019-02")
    for r in (right, rival_right):
        obligation_services.assign_regime(right=r, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="Code")
        obligation_services.record_base_figure(right=r, year=2024, base_type="production_costs", amount=Decimal("300000000.00"), source="report")
    return {"company": oil, "rival": rival, "performer": performer, "ministry": ministry, "right": right, "rival_right": rival_right}


def persona(name: str, organisation=None, role: str | None = None, *, authority: str = "", language: str = "en"):
    """A signed-in client and its user (``role`` None: a user without memberships)."""
    user = get_user_model().objects.create_user(username=name, password="x-very-long-pass", language=language)
    if role:
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def company(world):
    return persona("company", world["company"], "company")


@pytest.fixture
def rival(world):
    return persona("rival", world["rival"], "company")


@pytest.fixture
def regulator(world):
    return persona("regulator", world["ministry"], "regulator", authority="energy")


@pytest.fixture
def auditor(world):
    return persona("auditor", world["ministry"], "auditor")


@pytest.fixture
def admin(world):
    return persona("admin", world["ministry"], "administrator")


@pytest.fixture
def outsider(world):
    return persona("outsider")


def report(world, *amounts, document="ПП", bin_=None) -> bytes:
    """A spending report of ``world``'s company (one payment per amount)."""
    rows = [
        spending_row(world, **{"Номер платёжного документа": f"{document}-{i}", "Сумма платежа": amount, **({"БИН исполнителя": bin_} if bin_ else {})})
        for i, amount in enumerate(amounts, 1)
    ]
    return csv_bytes(rows)


def treasury(world, amount="2 000 000,00") -> bytes:
    lines = [";".join(TREASURY_HEADER), ";".join(["15", "01.03.2025", world["company"].bin, amount, "401103", world["right"].number, "2025"])]
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def upload(client, organisation, data: bytes, *, kind="spending", year=2025, name="report.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post("/intake/submissions/upload/", {"kind": kind, "period_year": year, "period_quarter": "", "organisation": organisation.pk, "file": file})


def received(client, organisation, data, **kwargs) -> Submission:
    response = upload(client, organisation, data, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Submission.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def stored_files(settings) -> list[str]:
    store = settings.DATA_DIR / "submissions"
    return sorted(p.name for p in store.iterdir()) if store.exists() else []


def state():
    """Everything a denied write must leave as it was."""
    return (
        list(Submission.objects.order_by("pk").values_list("pk", "status", "committed_at")),
        LedgerEntry.objects.count(),
    )


# --- sending -------------------------------------------------------------------------------------


def test_a_company_sends_a_valid_report_and_lands_on_its_submission_page(world, company):
    response = upload(company, world["company"], report(world, "1 000 000,00", "2 000 000,00"))
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intake/submissions/{submission.pk}/"
    assert submission.status == "valid" and submission.rows == 2 and submission.created_by == "company"
    page = company.get(response["Location"]).content.decode()
    assert submission.sha256 in page and "report.csv" in page
    assert 'action="/intake/submissions/%d/commit/"' % submission.pk in page


def test_an_invalid_report_lists_each_problem_with_its_cell_in_the_users_language(world, company):
    submission = received(company, world["company"], report(world, "1 000 000,00", bin_="123456789012"))
    assert submission.status == "invalid" and submission.errors >= 1
    page = company.get(f"/intake/submissions/{submission.pk}/").content.decode()
    # Title row 1, header row 2, the data row 3; the performer's BIN is the third column.
    assert ">C3<" in page and "BIN 123456789012: its last (check) digit is 2, but its first 11 digits give 3" in page and "{" not in page.split("<main")[1]
    assert "БИН исполнителя" in page  # the column as the file names it
    assert '<div class="small muted">error</div>' in page  # "1 error", the singular
    assert "commit-form" not in page
    russian = persona("company-ru", world["company"], "company", language="ru")
    page = russian.get(f"/intake/submissions/{submission.pk}/").content.decode()
    assert "БИН 123456789012: последняя (контрольная) цифра — 2, а по первым 11 цифрам должна быть 3" in page and ">ошибка<" in page


def test_the_problems_are_paginated(world, company):
    rows = [spending_row(world, **{"Номер договора": f"Д-{i}", "Номер платёжного документа": f"ПП-{i}", "БИН исполнителя": "123456789012"}) for i in range(60)]
    submission = received(company, world["company"], csv_bytes(rows))
    first = company.get(f"/intake/submissions/{submission.pk}/").content.decode()
    second = company.get(f"/intake/submissions/{submission.pk}/?page=2").content.decode()
    assert ">C3<" in first and ">C52<" in first and ">C53<" not in first
    assert ">C53<" in second and ">C62<" in second


def test_the_error_report_is_an_xlsx_with_the_problems(world, company):
    submission = received(company, world["company"], report(world, "1 000 000,00", bin_="123456789012"))
    response = company.get(f"/intake/submissions/{submission.pk}/report.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    problems = book.get_sheet_by_name("Problems").to_python()
    assert problems[0][:3] == ["Severity", "Sheet", "Cell"]
    assert any(row[2] == "C3" and row[3] == "БИН исполнителя" and row[6] == "bin_invalid" for row in problems[1:])


def test_sending_the_same_file_again_changes_nothing_and_points_to_the_first(world, company):
    data = report(world, "1 000 000,00")
    first = received(company, world["company"], data)
    before = state()
    response = upload(company, world["company"], data, name="copy.csv")
    assert response.status_code == 302 and response["Location"] == f"/intake/submissions/{first.pk}/"
    assert state() == before
    page = company.get(response["Location"]).content.decode()
    assert "received before" in page and f'href="/intake/submissions/{first.pk}/"' in page


def test_the_upload_page_links_the_templates_and_offers_only_the_companys_organisation(world, company):
    page = company.get("/intake/submissions/upload/").content.decode()
    for kind in ("base_figures", "spending", "treasury"):
        assert f"/intake/templates/{kind}.xlsx" in page
    assert world["company"].bin in page and world["rival"].bin not in page


def test_a_template_downloads_as_xlsx(company):
    response = company.get("/intake/templates/spending.xlsx")
    assert response.status_code == 200 and response.content[:4] == b"PK\x03\x04"
    assert "niokr-spending-template.xlsx" in response["Content-Disposition"]
    assert company.get("/intake/templates/nothing.xlsx").status_code == 404


# --- committing and correcting -------------------------------------------------------------------


def test_a_company_commits_its_valid_report_to_the_ledger(world, company):
    submission = received(company, world["company"], report(world, "1 000 000,00", "2 000 000,00"))
    response = company.post(f"/intake/submissions/{submission.pk}/commit/")
    assert response.status_code == 302 and response["Location"] == f"/intake/submissions/{submission.pk}/"
    submission.refresh_from_db()
    assert submission.status == "committed" and submission.committed_at is not None
    assert LedgerEntry.objects.filter(reference=f"SUB-{submission.pk}").exists()
    page = company.get(response["Location"]).content.decode()
    assert "Committed: 2 lines" in page and "commit-form" not in page


def test_a_failed_commit_shows_with_its_reason_on_the_page_the_api_and_the_export_and_commits_again(world, company, monkeypatch):
    from django.db import DataError
    from rest_framework.test import APIClient

    from niokr.intake import commit

    submission = received(company, world["company"], report(world, "1 000 000,00"))
    post_spending = commit._post_spending
    monkeypatch.setattr(commit, "_post_spending", lambda *a, **k: (_ for _ in ()).throw(DataError("numeric field overflow")))
    response = company.post(f"/intake/submissions/{submission.pk}/commit/", follow=True)
    page = response.content.decode()
    assert "The database refused the commit" in page and "numeric field overflow" in page
    assert "Commit failed" in page and "commit-failure" in page and "commit-form" in page  # offered again
    submission.refresh_from_db()
    assert submission.status == "failed" and LedgerEntry.objects.filter(reference=f"SUB-{submission.pk}").count() == 0
    listed = company.get("/intake/submissions/?status=failed").content.decode()
    assert "Commit failed" in listed and "report.csv" in listed
    exported = body(company.get("/intake/submissions/?export=csv")).decode("utf-8-sig")
    assert "Commit failed: numeric field overflow" in exported
    api = APIClient()
    api.force_authenticate(company.user)
    answer = api.get(f"/api/v1/intake/submissions/{submission.pk}/").json()
    assert answer["status"] == "failed" and answer["failure_reason"] == "numeric field overflow"

    monkeypatch.setattr(commit, "_post_spending", post_spending)  # the cause removed
    company.post(f"/intake/submissions/{submission.pk}/commit/")
    submission.refresh_from_db()
    assert submission.status == "committed" and submission.failure_reason == ""
    assert "commit-failure" not in company.get(f"/intake/submissions/{submission.pk}/").content.decode()


def test_committing_twice_changes_nothing(world, company):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    company.post(f"/intake/submissions/{submission.pk}/commit/")
    before = state()
    response = company.post(f"/intake/submissions/{submission.pk}/commit/")
    assert response.status_code == 302 and state() == before


def test_a_correction_supersedes_the_committed_report_and_both_stay_viewable(world, company):
    first = received(company, world["company"], report(world, "1 000 000,00", "2 000 000,00"))
    company.post(f"/intake/submissions/{first.pk}/commit/")
    correction = received(company, world["company"], report(world, "1 000 000,00", "500 000,00"), name="corrected.csv")
    company.post(f"/intake/submissions/{correction.pk}/commit/")
    first.refresh_from_db()
    correction.refresh_from_db()
    assert first.status == "superseded" and correction.supersedes_id == first.pk
    new_page = company.get(f"/intake/submissions/{correction.pk}/").content.decode()
    old_page = company.get(f"/intake/submissions/{first.pk}/").content.decode()
    assert "Corrects" in new_page and f'href="/intake/submissions/{first.pk}/"' in new_page
    assert "Corrected by" in old_page and f'href="/intake/submissions/{correction.pk}/"' in old_page


# --- who may do what -----------------------------------------------------------------------------


def test_a_company_user_never_sees_another_companys_submission(world, company, rival):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    for url in (f"/intake/submissions/{submission.pk}/", f"/intake/submissions/{submission.pk}/report.xlsx", f"/intake/organisations/{world['company'].pk}/submissions/"):
        assert rival.get(url).status_code == 404, url
    assert submission.filename not in rival.get("/intake/submissions/").content.decode()
    assert rival.get(f"/intake/submissions/{submission.pk + 1000}/").status_code == 404


def test_a_company_cannot_commit_another_companys_submission_and_nothing_changes(world, company, rival):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    before = state()
    assert rival.post(f"/intake/submissions/{submission.pk}/commit/").status_code == 404
    assert state() == before


def test_a_company_cannot_send_for_another_company_and_nothing_changes(world, company, settings):
    before, files = state(), stored_files(settings)
    response = upload(company, world["rival"], report(world, "1 000 000,00"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert state() == before and stored_files(settings) == files


def test_a_company_cannot_send_a_treasury_file(world, company, settings):
    before = state()
    response = upload(company, world["company"], treasury(world), kind="treasury")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert state() == before and stored_files(settings) == []
    assert 'value="treasury"' not in company.get("/intake/submissions/upload/").content.decode()


def test_a_regulator_reads_a_company_report_but_may_not_commit_it(world, company, regulator):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    page = regulator.get(f"/intake/submissions/{submission.pk}/").content.decode()
    assert submission.sha256 in page and "commit-form" not in page
    before = state()
    assert regulator.post(f"/intake/submissions/{submission.pk}/commit/").status_code == 403
    assert state() == before


def test_a_regulator_may_not_send_a_company_report_through_the_page(world, regulator, settings):
    before = state()
    response = upload(regulator, world["company"], report(world, "1 000 000,00"))
    assert response.status_code == 200 and state() == before and stored_files(settings) == []


def test_a_regulator_sends_and_commits_a_treasury_file(world, regulator):
    submission = received(regulator, world["ministry"], treasury(world), kind="treasury", name="treasury.csv")
    assert submission.status == "valid", submission.problems
    regulator.post(f"/intake/submissions/{submission.pk}/commit/")
    submission.refresh_from_db()
    assert submission.status == "committed"
    assert LedgerEntry.objects.filter(reference=f"SUB-{submission.pk}", kind="budget_transfer", right=world["right"]).exists()
    # the treasury's own file confirms what it lists: its transfers are receipts, counted at once
    from niokr.obligations.models import BudgetTransfer

    assert set(BudgetTransfer.objects.filter(source_submission=submission.pk).values_list("treasury_confirmed", "confirmation")) == {(True, submission.reference)}


def test_a_regulator_cannot_commit_a_treasury_file_outside_its_competence(world, build, admin):
    mine = build.org(name="ТОО «Кен»")
    build.right(mine, number="ТПИ-1", mineral_group="solid", right_type="lic_solid_mining")
    lines = [";".join(TREASURY_HEADER), ";".join(["9", "01.03.2025", mine.bin, "1 000,00", "401103", "ТПИ-1", "2025"])]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1251")
    energy = persona("energy", world["ministry"], "regulator", authority="energy")
    # Sent by the regulator, the payer outside its competence reads as an unknown one …
    refused = received(energy, world["ministry"], data, kind="treasury")
    assert refused.status == "invalid" and [p["code"] for p in refused.problems] == ["payer_unknown"]
    # … and an administrator's copy of the file, valid, is committed by an administrator only.
    submission = received(admin, world["ministry"], data.replace(b"\r\n", b"\n"), kind="treasury")
    assert submission.status == "valid", submission.problems
    before = state()
    response = energy.post(f"/intake/submissions/{submission.pk}/commit/")
    assert response.status_code == 403 and state() == before
    admin.post(f"/intake/submissions/{submission.pk}/commit/")
    assert Submission.objects.get(pk=submission.pk).status == "committed"


def test_an_auditor_sees_every_submission_and_commits_none(world, company, auditor):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    assert submission.filename in auditor.get("/intake/submissions/").content.decode()
    assert "commit-form" not in auditor.get(f"/intake/submissions/{submission.pk}/").content.decode()
    before = state()
    assert auditor.post(f"/intake/submissions/{submission.pk}/commit/").status_code == 403
    assert state() == before
    assert "You may not send reports for any organisation" in auditor.get("/intake/submissions/upload/").content.decode()


def test_a_user_without_membership_sees_no_submission(world, company, outsider):
    submission = received(company, world["company"], report(world, "1 000 000,00"))
    assert outsider.get(f"/intake/submissions/{submission.pk}/").status_code == 404
    assert submission.filename not in outsider.get("/intake/submissions/").content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(world):
    response = Client().get("/intake/submissions/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- lists ---------------------------------------------------------------------------------------


def many(world, count: int, organisation=None):
    organisation = organisation or world["company"]
    for i in range(count):
        Submission.objects.create(
            organisation=organisation, kind="spending" if i % 2 else "base_figures", period_year=2020 + i % 5, period_quarter=None,
            filename=f"file-{organisation.pk}-{i}.csv", sha256=f"{organisation.pk:08d}{i:056d}", size=100 + i, status="valid" if i % 3 else "invalid",
            rows=i, errors=0 if i % 3 else 2, warnings=0, problems=[{"severity": "error", "code": "required", "sheet": "", "row": 3, "column": "A", "value": None, "params": {}}], created_by="test",
        )


def test_the_submission_list_filters_sorts_and_pages_with_a_bounded_number_of_queries(world, company, auditor, django_assert_max_num_queries):
    many(world, 60)
    many(world, 5, world["rival"])
    with django_assert_max_num_queries(12):
        page = auditor.get("/intake/submissions/?sort=-rows").content.decode()
    assert "file-%d-59.csv" % world["company"].pk in page and "file-%d-0.csv" % world["company"].pk not in page
    second = auditor.get("/intake/submissions/?sort=-rows&page=2").content.decode()
    assert "file-%d-0.csv" % world["company"].pk in second
    with django_assert_max_num_queries(12):
        filtered = company.get("/intake/submissions/?kind=spending&year=2021&status=valid").content.decode()
    assert "file-%d-1.csv" % world["company"].pk in filtered and "file-%d-2.csv" % world["company"].pk not in filtered
    by_organisation = auditor.get(f"/intake/submissions/?organisation={world['rival'].pk}").content.decode()
    assert "file-%d-0.csv" % world["rival"].pk in by_organisation and "file-%d-1.csv" % world["company"].pk not in by_organisation


def test_the_submission_list_exports_the_filtered_rows(world, company):
    many(world, 6)
    many(world, 3, world["rival"])
    response = company.get("/intake/submissions/?kind=spending&export=csv")
    text = body(response).decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert text.count("\r\n") == 1 + 3 and "file-%d-" % world["rival"].pk not in text
    # plain text, not the page's markup: the organisation is its name and BIN, not a link
    assert "<" not in text and "href" not in text and f"({world['company'].bin})" in text
    xlsx = body(company.get("/intake/submissions/?export=xlsx"))
    assert xlsx[:4] == b"PK\x03\x04"


def body(response) -> bytes:
    """A response's bytes, streamed or not."""
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


def test_the_organisation_panel_is_an_htmx_fragment_of_its_submissions(world, company, regulator, django_assert_max_num_queries):
    many(world, 12)
    with django_assert_max_num_queries(8):
        response = regulator.get(f"/intake/organisations/{world['company'].pk}/submissions/", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page and "<table" in page
    assert page.count("/intake/submissions/") >= 10 and f"?organisation={world['company'].pk}" in page
    assert company.get(f"/intake/organisations/{world['rival'].pk}/submissions/").status_code == 404
