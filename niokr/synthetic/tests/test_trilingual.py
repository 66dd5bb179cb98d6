"""The synthetic country writes in three languages where a real registry does: field and deposit
names, the stability clause and the base figures' source documents. Kazakh is Kazakh (its own
letters where the word is Kazakh), English has no Cyrillic, and the pages show the reader's one."""

from __future__ import annotations

import io
import re
from random import Random

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from niokr.obligations.models import BaseFigure
from niokr.registry.models import RegimeAssignment, SubsoilRight
from niokr.synthetic.names import NameBook
from niokr.synthetic.texts import base_document, budget_reason, code_reason, in_running_text, law2010_reason, model_reason, stability_note

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def assert_trilingual(ru: str, kk: str, en: str) -> None:
    assert ru and kk and en and len({ru, kk, en}) == 3, (ru, kk, en)
    assert not CYRILLIC.search(en), en
    assert CYRILLIC.search(kk) and CYRILLIC.search(ru), (ru, kk)


@pytest.mark.parametrize("mineral", ["hydrocarbons", "solid", "uranium", "common"])
def test_field_names_are_written_in_each_language(mineral):
    book = NameBook(Random(7))
    names = [book.field(mineral) for _ in range(200)]
    for ru, kk, en in names:
        assert_trilingual(ru, kk, en)
        assert re.search(r"кен орны|карьері|учаскесі", kk), kk
        assert re.search(r"месторождение|карьер|участок", ru), ru
        assert re.search(r"\b(field|quarry|block)\b", en), en
    # The invented names are Kazakh words: most are spelt with Kazakh letters in Kazakh, never in Russian.
    kazakh = [kk for _ru, kk, _en in names if KAZAKH_LETTERS.search(kk)]
    assert len(kazakh) >= 0.8 * len(names)
    assert not [ru for ru, _kk, _en in names if KAZAKH_LETTERS.search(ru.replace("і", ""))]


def test_a_sided_name_puts_the_side_first_in_kazakh_and_english():
    book = NameBook(Random(1))
    sided = [n for n in (book.field("hydrocarbons") for _ in range(200)) if n[0].endswith(("Северный", "Южный", "Восточный", "Западный", "Центральный"))]
    assert sided
    for ru, kk, en in sided:
        assert kk.split()[0] in {"Солтүстік", "Оңтүстік", "Шығыс", "Батыс", "Орталық"}, kk
        assert en.split()[0] in {"North", "South", "East", "West", "Central"}, en


@pytest.mark.parametrize("has_clause", [True, False])
def test_the_stability_clause_is_written_in_each_language(has_clause):
    ru, kk, en = stability_note("14.2", has_clause)
    assert_trilingual(ru, kk, en)
    assert KAZAKH_LETTERS.search(kk)
    if has_clause:
        assert "14.2" in ru and "14.2" in kk and "14.2" in en and "1%" in en


@pytest.mark.parametrize(
    "reason",
    [
        law2010_reason("14.2", None), law2010_reason("14.2", "№ 8 от 18.07.2012"), model_reason("№ 12 от 14.02.2026"),
        code_reason("solid", licence=True), code_reason("hydrocarbons", licence=False), code_reason("uranium", licence=False, amendment="№ 5 от 01.03.2020"),
        budget_reason("solid"), budget_reason("uranium"), budget_reason("hydrocarbons"),
    ],
)
def test_the_legal_reasons_are_written_in_each_language(reason):
    ru, kk, en = reason
    assert_trilingual(ru, kk, en)
    assert KAZAKH_LETTERS.search(kk)
    numbers = set(re.findall(r"\d[\d.]*\d", ru))
    assert numbers == set(re.findall(r"\d[\d.]*\d", kk)) == set(re.findall(r"\d[\d.]*\d", en)), reason


@pytest.mark.parametrize("correction", [False, True])
def test_a_base_figures_document_is_named_in_each_language(correction):
    ru, kk, en = base_document(2024, "2025-00017", correction=correction)
    assert_trilingual(ru, kk, en)
    assert KAZAKH_LETTERS.search(kk)
    assert all("2025-00017" in text and "2024" in text for text in (ru, kk, en))


def test_inside_a_sentence_a_region_is_written_in_lower_case():
    assert in_running_text("Область Абай") == "область Абай"
    assert in_running_text("Город Астана") == "город Астана"
    assert in_running_text("Акмолинская область") == "Акмолинская область"


@pytest.fixture
def country(db, tmp_path):
    call_command("generate", scale="small", seed=1, truth=str(tmp_path / "truth.json"), stdout=io.StringIO(), stderr=io.StringIO())


def test_the_generated_country_stores_every_text_in_three_languages(country):
    rights = list(SubsoilRight.objects.all())
    assert rights and all(r.field_name for r in rights)
    for r in rights:
        assert_trilingual(r.field_name, r.field_name_kk, r.field_name_en)
        r.full_clean()
    noted = [r for r in rights if r.stability_note]
    assert noted
    for r in noted:
        assert_trilingual(r.stability_note, r.stability_note_kk, r.stability_note_en)
    assignments = list(RegimeAssignment.objects.all())
    assert assignments
    for a in assignments:
        assert_trilingual(a.legal_reason, a.legal_reason_kk, a.legal_reason_en)
    figures = list(BaseFigure.objects.exclude(document=""))
    assert figures
    for f in figures[:500]:
        assert_trilingual(f.document, f.document_kk, f.document_en)
        f.full_clean()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_right_page_shows_the_field_the_clause_and_the_documents_in_the_readers_language(country, client, language):
    right = SubsoilRight.objects.exclude(stability_note="").filter(base_figures__isnull=False).order_by("id").first()
    figure = right.base_figures.exclude(document="").order_by("year", "id").first()
    admin = get_user_model().objects.get(username="admin")
    admin.language = language
    admin.save(update_fields=["language"])
    client.force_login(admin)
    page = client.get(reverse("obligations:right-detail", args=[right.pk])).content.decode()
    reason = right.regime_assignments.order_by("valid_from").first()
    texts = {
        "kk": (right.field_name_kk, right.stability_note_kk, figure.document_kk, reason.legal_reason_kk),
        "ru": (right.field_name, right.stability_note, figure.document, reason.legal_reason),
        "en": (right.field_name_en, right.stability_note_en, figure.document_en, reason.legal_reason_en),
    }
    for text in texts[language]:
        assert escape(text) in page, (language, text)
    for other in {"kk", "ru", "en"} - {language}:
        assert escape(texts[other][0]) not in page and escape(texts[other][1]) not in page and escape(texts[other][3]) not in page


@pytest.mark.parametrize(("language", "shown", "hidden"), [("kk", "Динара Әлиева", "Dinara"), ("ru", "Динара Алиева", "Dinara"), ("en", "Dinara Aliyeva", "Алиева")])
def test_the_header_names_the_demo_person_in_the_readers_language(country, client, language, shown, hidden):
    company = get_user_model().objects.get(username="company")
    company.language = language
    company.save(update_fields=["language"])
    client.force_login(company)
    page = client.get("/", follow=True).content.decode()
    start = page.index('class="navbar-text me-2 user-name"')
    header = page[start:page.index("</span>", start)]
    assert shown in header and hidden not in header


def test_every_demo_person_has_a_kazakh_and_an_english_name(country):
    for user in get_user_model().objects.all():
        assert_trilingual(user.get_full_name(), user.name_kk, user.name_en)
        user.full_clean()
    company = get_user_model().objects.get(username="company")
    company.name_en = "Динара"
    with pytest.raises(ValidationError):
        company.full_clean()
