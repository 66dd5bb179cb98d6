"""The pages of stages, acts and results in kk, ru and en: who sees what, the forms, the refusals shown."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from niokr.projects.lifecycle import delivery, results
from niokr.projects.lifecycle.tests.delivery_world import build_world, pdf
from niokr.projects.models import AcceptanceAct, Payment, Result, Stage
from niokr.registry.tests.test_pages import csv_rows, text, xlsx_rows

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")


@pytest.fixture
def world(build, settings, tmp_path):
    return build_world(build, settings, tmp_path)


def stage_page(stage) -> str:
    return reverse("lifecycle:stage-detail", args=[stage.pk])


def follow(client, url, data):
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def claim(world, **extra):
    fields = {"patent_office": "kazpatent", "patent_number": "KZ 36512", "achieved_on": date(2024, 5, 2)} | extra
    return results.record_result(project=world.project, kind="patent", title="Способ флотации", year=2024, actor=world.users["performer_p"], **fields)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agreement_page_shows_the_plan_against_acts_and_payments(world, language):
    delivery.submit_stage_report(stage=world.s1, report={"name": "r.pdf", "sha256": "a" * 64, "size": 10}, actor=world.users["performer_p"])
    delivery.sign_act(stage=Stage.objects.get(pk=world.s1.pk), number="АКТ-7", signed_on=date(2024, 1, 15), amount=Decimal("1500000"), actor=world.users["company_a"])
    delivery.link_payment_to_stage(payment=world.pay_a1, stage=world.s1, actor=world.users["company_a"])
    page = text(world.client("company_a", language=language).get(reverse("projects:agreement-detail", args=[world.ap.pk])))
    plan = page[page.index('class="mb-4 stage-plan"'):page.index('id="payments"')]
    assert "Лабораторные испытания" in plan and "АКТ-7" in plan and "stage-accepted" in plan and "stage-planned" in plan
    assert {"kk": "1 500 000,00", "ru": "1 500 000,00", "en": "1,500,000.00"}[language] in plan.replace("\u202f", " ").replace("\xa0", " ")
    # Payments of 1 200 000 linked and 470 500,50 unlinked: 170 500,50 beyond the 1 500 000 accepted.
    assert "paid-beyond" in plan


def test_payments_beyond_the_accepted_stages_are_pointed_out(world):
    delivery.submit_stage_report(stage=world.s1, report={"name": "r.pdf", "sha256": "a" * 64, "size": 10}, actor=world.users["performer_p"])
    delivery.sign_act(stage=Stage.objects.get(pk=world.s1.pk), number="АКТ-7", signed_on=date(2024, 1, 15), amount=Decimal("1000000"), actor=world.users["company_a"])
    page = text(world.client("company_a", language="en").get(reverse("projects:agreement-detail", args=[world.ap.pk])))
    assert "Paid beyond the accepted stages" in page


def test_the_plan_downloads_as_xlsx_and_csv(world):
    client = world.client("company_a", language="ru")
    url = reverse("lifecycle:agreement-stages-export", args=[world.ap.pk])
    rows = xlsx_rows(client.get(url))
    assert rows[0][0] == "Номер этапа" or rows[0][0]  # the header in the reader's language
    assert [r[1] for r in rows[1:3]] == ["Лабораторные испытания", "Опытная установка"]
    assert len(csv_rows(client.get(url, {"format": "csv"}))) == 5
    assert world.client("company_b").get(url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_performer_submits_a_report_and_the_payer_signs_through_the_pages(world, language):
    performer = world.client("performer_p", language=language)
    page = text(performer.get(stage_page(world.s1)))
    assert "step-submit" in page and "step-accept" not in page
    follow(performer, reverse("lifecycle:stage-submit", args=[world.s1.pk]), {"report": pdf()})
    assert Stage.objects.get(pk=world.s1.pk).status == "submitted"
    payer = world.client("company_a", language=language)
    page = text(payer.get(stage_page(world.s1)))
    assert "step-accept" in page and "step-return" in page and "report.pdf" in page
    follow(payer, reverse("lifecycle:stage-accept", args=[world.s1.pk]), {"number": "АКТ-1", "signed_on": "2024-01-15", "amount": "2000000.00"})
    assert Stage.objects.get(pk=world.s1.pk).status == "accepted" and AcceptanceAct.objects.get().number == "АКТ-1"
    assert reverse("lifecycle:act-report", args=[world.s1.pk]) in text(payer.get(stage_page(world.s1)))
    download = payer.get(reverse("lifecycle:act-report", args=[world.s1.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(("language", "words"), [("kk", "асады"), ("ru", "больше суммы этапа"), ("en", "more than the stage's amount")])
def test_an_act_above_the_stage_amount_is_refused_on_the_page_in_the_readers_language(world, language, words):
    Stage.objects.filter(pk=world.s1.pk).update(status="submitted", report_name="r.pdf", report_sha256="a" * 64)
    page = follow(world.client("company_a", language=language), reverse("lifecycle:stage-accept", args=[world.s1.pk]), {"number": "А-1", "signed_on": "2024-01-15", "amount": "9000000"})
    assert "alert-danger" in page and words in page
    assert Stage.objects.get(pk=world.s1.pk).status == "submitted" and not AcceptanceAct.objects.exists()


def test_a_report_of_another_kind_is_refused_on_the_page(world):
    page = follow(world.client("performer_p", language="en"), reverse("lifecycle:stage-submit", args=[world.s1.pk]), {"report": pdf("report.exe", b"MZ" + b"0" * 30)})
    assert "not accepted" in page and Stage.objects.get(pk=world.s1.pk).status == "planned"


def test_a_company_signing_another_companys_act_gets_404_and_nothing_changes(world):
    Stage.objects.filter(pk=world.s1.pk).update(status="submitted", report_name="r.pdf", report_sha256="a" * 64)
    response = world.client("company_b").post(reverse("lifecycle:stage-accept", args=[world.s1.pk]), {"number": "А-1", "signed_on": "2024-01-15", "amount": "1"})
    assert response.status_code == 404 and not AcceptanceAct.objects.exists()


def test_the_performer_cannot_sign_and_is_told_why(world):
    Stage.objects.filter(pk=world.s1.pk).update(status="submitted", report_name="r.pdf", report_sha256="a" * 64)
    page = follow(world.client("performer_p", language="en"), reverse("lifecycle:stage-accept", args=[world.s1.pk]), {"number": "А-1", "signed_on": "2024-01-15", "amount": "1"})
    assert "Your role does not allow this step." in page and not AcceptanceAct.objects.exists()


def test_a_stage_is_planned_from_the_agreement_page_and_refused_beyond_the_amount(world):
    client = world.client("company_a", language="en")
    page = follow(client, reverse("lifecycle:stage-plan", args=[world.ap.pk]), {"number": 3, "title": "Extra", "start_date": "2025-01-01", "end_date": "2025-03-01", "amount": "10"})
    assert "more than the agreement's amount" in page and Stage.objects.filter(agreement=world.ap).count() == 2
    Stage.objects.filter(pk=world.s2.pk).update(amount=Decimal("1000000"))
    follow(client, reverse("lifecycle:stage-plan", args=[world.ap.pk]), {"number": 3, "title": "Extra", "start_date": "2025-01-01", "end_date": "2025-03-01", "amount": "10"})
    assert Stage.objects.filter(agreement=world.ap).count() == 3


def test_the_payer_links_a_payment_on_the_stage_page(world):
    client = world.client("company_a")
    follow(client, reverse("lifecycle:stage-link", args=[world.s1.pk]), {"payment": world.pay_a1.pk})
    assert Payment.objects.get(pk=world.pay_a1.pk).stage_id == world.s1.pk
    foreign = world.client("company_a").post(reverse("lifecycle:stage-link", args=[world.s1.pk]), {"payment": world.pay_bp.pk}, follow=True)
    assert foreign.status_code == 200 and Payment.objects.get(pk=world.pay_bp.pk).stage_id is None


# --- results -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_performer_records_a_result_through_the_form(world, language):
    client = world.client("performer_p", language=language)
    assert "result-form" in text(client.get(reverse("lifecycle:result-create")))
    response = client.post(reverse("lifecycle:result-create"), {
        "project": world.project.pk, "kind": "publication", "title": "Флотация", "year": 2024, "doi": "10.1016/j.mineng.2024.108765", "indexing": "scopus",
        "evidence_reference": "https://doi.org/10.1016/j.mineng.2024.108765",
    })
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.doi == "10.1016/j.mineng.2024.108765" and result.has_evidence
    page = text(client.get(response["Location"]))
    assert "10.1016/j.mineng.2024.108765" in page and "Scopus" in page


@pytest.mark.parametrize(("language", "words"), [("kk", "10.NNNN"), ("ru", "10.NNNN"), ("en", "A DOI reads 10.NNNN/suffix")])
def test_a_malformed_doi_is_refused_on_the_form(world, language, words):
    client = world.client("performer_p", language=language)
    page = text(client.post(reverse("lifecycle:result-create"), {"project": world.project.pk, "kind": "publication", "title": "Ф", "year": 2024, "doi": "doi-42", "indexing": "scopus"}))
    assert words in page and not Result.objects.exists()


def test_someone_not_performing_is_told_who_records_results(world):
    page = text(world.client("company_a", language="en").get(reverse("lifecycle:result-create")))
    assert "no-projects" in page
    world.client("company_a").post(reverse("lifecycle:result-create"), {"project": world.project.pk, "kind": "jobs", "title": "x", "year": 2024, "jobs": 3})
    assert not Result.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_registry_lists_filters_and_exports_results_in_scope(world, language):
    patent = claim(world)
    client = world.client("regulator_industry", language=language)
    page = text(client.get(reverse("lifecycle:result-list")))
    assert patent.reference in page and "no-evidence" in page
    assert patent.reference in text(client.get(reverse("lifecycle:result-list"), {"q": "KZ 36512"}))
    assert patent.reference not in text(client.get(reverse("lifecycle:result-list"), {"kind": "publication"}))
    rows = csv_rows(client.get(reverse("lifecycle:result-list"), {"export": "csv"}))
    assert rows[1][0] == patent.reference and "KZ 36512" in rows[1]
    assert patent.reference not in text(world.client("company_b").get(reverse("lifecycle:result-list")))
    assert world.client("company_b").get(reverse("lifecycle:result-detail", args=[patent.reference])).status_code == 404


def test_the_payer_verifies_on_the_result_page_once_there_is_evidence(world):
    patent = claim(world)
    payer = world.client("company_a", language="en")
    page = follow(payer, reverse("lifecycle:result-verify", args=[patent.reference]), {"note": ""})
    assert "none is attached" in page and Result.objects.get().status == "claimed"
    follow(world.client("performer_p"), reverse("lifecycle:result-evidence", args=[patent.reference]), {"reference": "https://kazpatent.kz/36512", "file": pdf("patent.pdf")})
    follow(payer, reverse("lifecycle:result-verify", args=[patent.reference]), {"note": "Сверено"})
    assert Result.objects.get().status == "verified"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_page_shows_stages_acts_and_results(world, language):
    patent = claim(world)
    page = text(world.client("performer_p", language=language).get(reverse("projects:project-detail", args=[world.project.pk])))
    assert "Лабораторные испытания" in page and patent.reference in page and "KZ 36512" in page
    assert "PRJ-2023-001" in text(world.client("performer_p", language=language).get(reverse("projects:project-list")))
    assert world.client("performer_q").get(reverse("projects:project-detail", args=[world.project.pk])).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_the_1_percent_produced(world, language):
    claim(world)
    results.record_result(project=world.project, kind="jobs", title="Рабочие места", year=2023, jobs=7, actor=world.users["performer_p"])
    page = text(world.client("company_a", language=language).get(reverse("lifecycle:produced", args=[world.a.pk])))
    table = page[page.index("produced-table"):]
    assert "2024" in table and "2023" in table
    assert 'produced-patents">1<' in page
    assert world.client("company_b").get(reverse("lifecycle:produced", args=[world.a.pk])).status_code == 404


def test_the_performer_page_shows_the_portfolio(world):
    claim(world)
    page = text(world.client("performer_p", language="en").get(reverse("projects:performer-detail", args=[world.p.pk])))
    portfolio = page[page.index("performer-portfolio"):]
    assert "PRJ-2023-001" in portfolio and "Patent: <strong>1</strong>" in portfolio


def test_the_web_bench_measures_a_project_list_a_project_page_and_the_results_registry(world):
    from niokr.core.management.commands.bench_web import MEASURED, _object_urls

    names = {name for _label, name, _kind in MEASURED}
    assert {"projects:project-list", "projects:project-detail", "lifecycle:result-list"} <= names
    # the project page measured for a login is one of the projects that login may see
    for persona in ("company_a", "performer_p"):
        url = _object_urls(world.users[persona].username)["projects:project-detail"]
        assert url == reverse("projects:project-detail", args=[world.project.pk])
        assert world.client(persona).get(url).status_code == 200
    outsider = get_user_model().objects.create_user("bench-outsider", password="x" * 12)
    assert _object_urls(outsider.username)["projects:project-detail"] == ""


def test_the_dashboard_shows_results_per_priority_and_year(world):
    claim(world)
    page = text(world.client("auditor", language="en").get(reverse("obligations:dashboard")))
    panel = page[page.index("results-panel"):]
    assert "2024" in panel and "Green" in panel


def test_a_file_is_linked_only_when_it_is_kept_here(world):
    """A report loaded from elsewhere names its file by name and hash; the page links a file only if it is kept."""
    result = claim(world, evidence={"name": "patent-scan.pdf", "sha256": "b" * 64, "size": 10})
    page_url = reverse("lifecycle:result-detail", args=[result.reference])
    file_url = reverse("lifecycle:result-evidence-file", args=[result.reference])
    page = world.client("company_a", language="en").get(page_url).content.decode()
    assert "patent-scan.pdf" in page and file_url not in page and "the file is not kept here" in page
    follow(world.client("performer_p"), reverse("lifecycle:result-evidence", args=[result.reference]), {"file": pdf("patent.pdf")})
    page = world.client("company_a", language="en").get(page_url).content.decode()
    assert file_url in page and world.client("company_a").get(file_url).status_code == 200
