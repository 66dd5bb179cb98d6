"""A right's field name and stability clause, and a base figure's source document, in Russian with
Kazakh and English beside them: validated, loaded by ``niokr load`` (old files with the Russian
name only still load), shown in the reader's language, migrated."""

from __future__ import annotations

import copy
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from niokr.obligations.models import BaseFigure
from niokr.obligations.services import record_base_figure
from niokr.obligations.tests.test_load import DOC, load
from niokr.registry.models import SubsoilRight
from niokr.registry.services import register_right

pytestmark = pytest.mark.django_db


def right(build, **texts) -> SubsoilRight:
    holder = build.org(kind="subsoil_user")
    return register_right(
        number="ТЕСТ-1", holder=holder, mineral_group="hydrocarbons", right_type="hc_production", region="atyrau",
        signed_on=date(2019, 6, 1), stability_clause=bool(texts.get("stability_note")), **texts,
    )


def test_a_right_keeps_its_names_in_three_languages_and_shows_the_readers_one(build):
    r = right(build, field_name="месторождение Карасор", field_name_kk="Қарасор кен орны", field_name_en="Karasor field", stability_note="Стабильность", stability_note_kk="Тұрақтылық", stability_note_en="Stability")
    template = Template('{% load niokr %}{{ r|localized:"field_name" }} / {{ r|localized:"stability_note" }}')
    shown = {}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            shown[language] = template.render(Context({"r": r}))
    assert shown == {"kk": "Қарасор кен орны / Тұрақтылық", "ru": "месторождение Карасор / Стабильность", "en": "Karasor field / Stability"}


def test_a_missing_translation_shows_the_russian(build):
    r = right(build, field_name="месторождение Карасор")
    with translation.override("en"):
        assert Template('{% load niokr %}{{ r|localized:"field_name" }}').render(Context({"r": r})) == "месторождение Карасор"


@pytest.mark.parametrize(
    ("texts", "field", "code"),
    [
        ({"field_name_kk": "Қарасор кен орны"}, "field_name_kk", "translation_without_russian"),
        ({"field_name": "месторождение Карасор", "field_name_en": "месторождение Karasor"}, "field_name_en", "english_in_cyrillic"),
        ({"stability_note_en": "Stability"}, "stability_note_en", "translation_without_russian"),
    ],
)
def test_a_translation_needs_the_russian_and_english_is_in_latin_letters(build, texts, field, code):
    with pytest.raises(ValidationError) as caught:
        right(build, **texts)
    assert [e.code for e in caught.value.error_dict[field]] == [code]


def test_a_base_figures_document_in_three_languages(build):
    r = right(build, field_name="месторождение Карасор")
    figure = record_base_figure(right=r, year=2025, base_type="production_costs", amount=Decimal("1.00"), source="report", document="Отчёт ЛКУ за 2025 год", document_kk="2025 жылғы ЛКТ есебі", document_en="Licence and contract terms report for 2025")
    with translation.override("kk"):
        assert Template('{% load niokr %}{{ f|localized:"document" }}').render(Context({"f": figure})) == "2025 жылғы ЛКТ есебі"
    with pytest.raises(ValidationError) as caught:
        record_base_figure(right=r, year=2025, base_type="production_costs", amount=Decimal("1.00"), source="report", document_en="Report")
    assert "document_en" in caught.value.error_dict


def test_niokr_load_reads_the_three_languages(tmp_path):
    doc = copy.deepcopy(DOC)
    doc["rights"][0].update(field_name_ru="месторождение Карасор", field_name_kk="Қарасор кен орны", field_name_en="Karasor field", stability_clause=True, stability_note="Стабильность условий", stability_note_kk="Шарттардың тұрақтылығы", stability_note_en="Stability of terms")
    doc["rights"][0]["regimes"][0].update(legal_reason_ru="Кодекс, ст. 129", legal_reason_kk="Кодекс, 129-бап", legal_reason_en="Code, art. 129")
    doc["rights"][0]["regimes"][0].pop("legal_reason")
    doc["bases"][0].update(document="Отчёт ЛКУ за 2025 год", document_kk="2025 жылғы ЛКТ есебі", document_en="Licence and contract terms report for 2025")
    code, _out, error = load(tmp_path, doc)
    assert code == 0, error
    r = SubsoilRight.objects.get(number="ЖМ-2019-01")
    assert (r.field_name, r.field_name_kk, r.field_name_en) == ("месторождение Карасор", "Қарасор кен орны", "Karasor field")
    assert (r.stability_note, r.stability_note_kk, r.stability_note_en) == ("Стабильность условий", "Шарттардың тұрақтылығы", "Stability of terms")
    a = r.regime_assignments.order_by("valid_from").first()
    assert (a.legal_reason, a.legal_reason_kk, a.legal_reason_en) == ("Кодекс, ст. 129", "Кодекс, 129-бап", "Code, art. 129")
    f = BaseFigure.objects.get(right=r)
    assert (f.document, f.document_kk, f.document_en) == ("Отчёт ЛКУ за 2025 год", "2025 жылғы ЛКТ есебі", "Licence and contract terms report for 2025")


def test_niokr_load_still_reads_a_file_with_the_russian_name_only(tmp_path):
    doc = copy.deepcopy(DOC)
    doc["rights"][0]["field_name"] = "месторождение Карасор"
    doc["bases"][0]["document"] = "LKU 2025"
    code, _out, error = load(tmp_path, doc)
    assert code == 0, error
    r = SubsoilRight.objects.get(number="ЖМ-2019-01")
    assert (r.field_name, r.field_name_kk, r.field_name_en) == ("месторождение Карасор", "", "")
    assert BaseFigure.objects.get(right=r).document == "LKU 2025"


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"field_name_en": "месторождение Карасор", "field_name": "месторождение Карасор"}, "rights[0].field_name_en"),
        ({"field_name": "Карасор", "field_name_ru": "Каракум"}, "rights[0].field_name_ru"),
        ({"field_name_kk": 5}, "rights[0].field_name_kk"),
        ({"field_name_ru": "", "field_name_kk": "Қарасор кен орны"}, "rights[0].field_name_kk"),
        ({"regimes": [{"code": "CODE2017_COSTS", "from": "2019-06-01", "legal_reason": "Кодекс", "legal_reason_en": "Кодекс"}]}, "rights[0].regimes[0].legal_reason_en"),
        ({"regimes": [{"code": "CODE2017_COSTS", "from": "2019-06-01", "legal_reason_kk": "Кодекс"}]}, "rights[0].regimes[0].legal_reason"),
    ],
)
def test_niokr_load_refuses_a_bad_translation_naming_its_key(tmp_path, update, field):
    doc = copy.deepcopy(DOC)
    doc["rights"][0].update(update)
    code, _out, error = load(tmp_path, doc)
    assert code == 2 and error["field"] == field
    assert not SubsoilRight.objects.exists()


def test_the_models_and_their_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO(), stderr=io.StringIO())
