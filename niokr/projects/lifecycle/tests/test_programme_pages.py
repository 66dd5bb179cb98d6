"""Programme pages: the list (scoped, filtered, exported), a programme's page with versions and decisions, the form, the steps."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from niokr.projects.choices import ProgrammeStatus
from niokr.projects.lifecycle import programmes as services
from niokr.projects.lifecycle.tests.programme_world import build_programme_world
from niokr.projects.models import Programme

pytestmark = pytest.mark.django_db

LIST = reverse("lifecycle:programme-list")
NEW = reverse("lifecycle:programme-create")
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


@pytest.fixture
def world(build):
    return build_programme_world(build)


def _create(world, who="holding_staff", **changes):
    return services.create_programme(actor=world.user(who), applicant=world.holding, raw=world.data(**changes))


def page(programme) -> str:
    return reverse("lifecycle:programme-detail", args=[programme.reference])


def _visible_text(html: str) -> str:
    """The words a reader sees: markup, scripts, attributes, the titles in English and references left out."""
    html = html[html.index("<main"):]  # the page's own content (the menu belongs to every page)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<[^>]*lang="en"[^>]*>.*?</[^>]+>', " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return html


def _form_post(world, **changes):
    data = world.data(**changes)
    post = {k: v for k, v in data.items() if k not in ("budget", "rights")}
    post["applicant"] = world.holding.bin
    post["rights"] = data["rights"]
    for n, line in enumerate(data["budget"]):
        post[f"budget_year_{n}"] = str(line["year"])
        post[f"budget_amount_{n}"] = str(line["amount"])
    return post


def test_a_company_creates_a_programme_through_the_form_and_lands_on_its_page(world):
    client = world.client("holding_staff")
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, _form_post(world, budget=[{"year": 2026, "amount": "1 500 000,00"}]))
    programme = Programme.objects.get()
    assert response.status_code == 302 and response["Location"] == page(programme)
    body = client.get(page(programme)).content.decode()
    assert programme.reference in body and world.right_solid.number in body
    assert "1500000,00" in re.sub(r"[\s\u00a0\u202f]", "", body)


def test_the_form_shows_the_services_refusal_on_the_field_and_writes_nothing(world):
    client = world.client("holding_staff")
    response = client.post(NEW, _form_post(world, title_en="Программа", trl_start="7", trl_target="2"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Latin" in body or "латин" in body.lower()
    assert Programme.objects.count() == 0


def test_a_submitted_programme_edited_shows_both_versions_and_what_changed(world):
    programme = _create(world)
    client = world.client("holding_staff")
    client.post(reverse("lifecycle:programme-submit", args=[programme.reference]))
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.SUBMITTED
    post = _form_post(world, trl_target="8")
    post.pop("applicant")
    response = client.post(reverse("lifecycle:programme-edit", args=[programme.reference]), post)
    assert response.status_code == 302
    assert programme.versions.count() == 2
    body = client.get(page(programme)).content.decode()
    assert 'id="v2"' in body and 'id="v1"' in body and "programme-diff" in body


def test_a_refused_step_shows_its_reason_and_changes_nothing(world):
    programme = _create(world, )
    programme.current.rights.clear()  # incomplete: the submit guard refuses
    client = world.client("holding_staff")
    body = client.get(page(programme), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "step-refusal" in body
    response = client.post(reverse("lifecycle:programme-submit", args=[programme.reference]), follow=True)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT
    assert "alert" in response.content.decode()


def test_another_company_gets_404_and_cannot_post_a_step(world):
    programme = _create(world)
    client = world.client("other_staff")
    assert client.get(page(programme)).status_code == 404
    assert client.get(reverse("lifecycle:programme-edit", args=[programme.reference])).status_code == 404
    assert client.post(reverse("lifecycle:programme-submit", args=[programme.reference])).status_code == 404
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.reference not in client.get(LIST).content.decode()


@pytest.mark.parametrize(("persona", "sees_draft", "sees_submitted"), [
    ("holding_staff", True, True),
    ("subsidiary_staff", False, False),
    ("performer_staff", True, True),
    ("regulator_industry", False, True),
    ("regulator_energy", False, False),
    ("secretary_industry", False, True),
    ("auditor", True, True),
    ("outsider", False, False),
])
def test_the_list_shows_each_role_its_scope_and_exports_it(world, persona, sees_draft, sees_submitted):
    draft = _create(world)
    submitted = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=submitted)
    client = world.client(persona)
    body = client.get(LIST).content.decode()
    assert (draft.reference in body, submitted.reference in body) == (sees_draft, sees_submitted)
    for fmt in ("csv", "xlsx"):
        response = client.get(LIST, {"export": fmt})
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    csv = b"".join(client.get(LIST, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert (submitted.reference in csv) == sees_submitted


def test_the_list_filters_by_status_priority_ministry_and_year(world):
    a = _create(world)
    b = _create(world, priority_direction="medtech", budget=[{"year": 2030, "amount": "5.00"}])
    services.submit_programme(actor=world.user("holding_staff"), programme=b)
    client = world.client("holding_staff")

    def found(**query):
        body = client.get(LIST, query).content.decode()
        return {p.reference for p in (a, b) if p.reference in body}

    assert found(status="submitted") == {b.reference}
    assert found(priority="greentech") == {a.reference}
    assert found(ministry="industry") == {a.reference, b.reference}
    assert found(ministry="energy") == set()
    assert found(year=2030) == {b.reference}
    assert found(year=2027) == {a.reference}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pages_read_in_kazakh_and_russian_without_english_words(world, language):
    programme = _create(world)
    services.submit_programme(actor=world.user("holding_staff"), programme=programme)
    services.edit_programme(actor=world.user("holding_staff"), programme=programme, raw={"trl_target": 7, "budget": [{"year": 2026, "amount": "10.00"}]})
    client = world.client("holding_staff", language=language)
    for url in (LIST, page(programme), NEW, reverse("lifecycle:programme-edit", args=[programme.reference])):
        text = _visible_text(client.get(url).content.decode())
        text = text.replace(programme.reference, "").replace("NIOKR", "").replace("Monitor", "").replace("XLSX", "").replace("CSV", "")
        # Codes and the priority directions' names, written so in every language.
        for word in ("PRGT", "SOLID", "OTHER", "TRL", "BIN", "KZT", "TCC", "AgriTech", "GreenTech", "MedTech"):
            text = text.replace(word, "")
        assert LATIN_WORD.findall(text) == [], (url, LATIN_WORD.findall(text)[:10])


def test_the_english_page_reads_in_english(world):
    programme = _create(world)
    body = world.client("holding_staff", language="en").get(page(programme)).content.decode()
    assert "Budget by year" in body and "Versions and decisions" in body


def test_the_search_finds_a_programme_by_its_reference_however_typed_for_those_who_see_it(world):
    programme = _create(world)
    number = int(programme.reference.rsplit("-", 1)[1])
    typed = f"prg {programme.reference.split('-')[1]} {number}"
    body = world.client("holding_staff").get(reverse("search:results"), {"q": typed}).content.decode()
    assert f'href="{page(programme)}"' in body
    assert f'href="{page(programme)}"' not in world.client("other_staff").get(reverse("search:results"), {"q": programme.reference}).content.decode()
