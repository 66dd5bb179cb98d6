"""The pages per role: who reads drafts, who reads final results, who may write; the comparison form
against hostile input; the whole path analyst → comparisons → compute → ranking page → PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from niokr.ranking import services
from niokr.ranking.models import PairwiseComparison, RankingExercise, RankingRun, Saaty

from .conftest import TITLE_KK, TITLE_RU, consistent_values, fill_analyst_scores

pytestmark = pytest.mark.django_db

MANAGERS = {"analyst", "administrator"}
DRAFT_READERS = MANAGERS | {"moderator"}
RESULT_READERS = DRAFT_READERS | {"regulator", "secretariat", "tcc", "auditor"}
EVERYONE = {"analyst", "administrator", "moderator", "regulator", "secretariat", "tcc", "auditor", "panellist", "company", "performer", "assessor", "outsider"}

PAGES = ["ranking-detail", "ranking-comparisons", "ranking-scores", "ranking-analysis", "ranking-roadmap", "ranking-report-pdf", "ranking-report-xlsx"]


def _form_data(ranking, values: dict) -> dict:
    criteria = list(ranking.criteria.order_by("order", "code"))
    index = {c.code: i for i, c in enumerate(criteria)}
    return {f"c_{index[a]}_{index[b]}": v for (a, b), v in values.items()}


@pytest.mark.parametrize("persona", sorted(EVERYONE))
def test_a_draft_ranking_is_seen_by_managers_and_moderators_only(world, ranking, persona):
    client = world.client(persona)
    for name in ("ranking-detail", "ranking-comparisons", "ranking-analysis", "ranking-report-pdf"):
        response = client.get(reverse(f"ranking:{name}", args=[ranking.code]))
        assert response.status_code == (200 if persona in DRAFT_READERS else 404), (name, persona)
    listing = client.get(reverse("ranking:ranking-list"))
    assert listing.status_code == (200 if persona in RESULT_READERS else 404)
    if persona in RESULT_READERS - DRAFT_READERS:
        assert ranking.code not in listing.content.decode()


@pytest.mark.parametrize("persona", sorted(EVERYONE))
def test_a_final_ranking_is_read_by_the_readers_of_results(world, computable, persona):
    services.compute_run(ranking=computable, actor=world.users["analyst"])
    services.finalise(ranking=computable, actor=world.users["analyst"])
    client = world.client(persona)
    for name in PAGES:
        response = client.get(reverse(f"ranking:{name}", args=[computable.code]))
        assert response.status_code == (200 if persona in RESULT_READERS else 404), (name, persona)
    run = client.get(reverse("ranking:ranking-run", args=[computable.code, 1]))
    assert run.status_code == (200 if persona in RESULT_READERS else 404)


@pytest.mark.parametrize("persona", sorted(EVERYONE - MANAGERS))
def test_only_managers_write_and_a_refusal_changes_nothing(world, ranking, persona):
    client = world.client(persona)
    data = _form_data(ranking, consistent_values(list(ranking.criteria.order_by("order"))))
    expected = 403 if persona in DRAFT_READERS else 404
    assert client.post(reverse("ranking:ranking-comparisons", args=[ranking.code]), data).status_code == expected
    assert client.post(reverse("ranking:ranking-compute", args=[ranking.code])).status_code == expected
    assert client.post(reverse("ranking:ranking-import", args=[ranking.code])).status_code == expected
    assert client.post(reverse("ranking:ranking-finalise", args=[ranking.code])).status_code == expected
    assert client.get(reverse("ranking:ranking-create")).status_code == 403
    assert PairwiseComparison.objects.count() == 0 and RankingRun.objects.count() == 0
    assert RankingExercise.objects.get(pk=ranking.pk).status == "draft"


def test_the_analyst_path_weights_compute_ranking_page_and_pdf(world, ranking):
    client = world.client("analyst")
    fill_analyst_scores(ranking, world.users["analyst"])
    page = client.get(reverse("ranking:ranking-comparisons", args=[ranking.code]))
    assert page.status_code == 200
    assert page.content.decode().count('class="form-select form-select-sm saaty"') == 28
    data = _form_data(ranking, consistent_values(list(ranking.criteria.order_by("order"))))
    response = client.post(reverse("ranking:ranking-comparisons", args=[ranking.code]), {**data, "compute": "1"})
    assert response.status_code == 302
    run = RankingRun.objects.get(ranking=ranking)
    detail = client.get(reverse("ranking:ranking-detail", args=[ranking.code])).content.decode()
    assert "run-weights" in detail and "run-results" in detail and "<svg" in detail
    assert run.results[0]["code"] in detail
    pdf = client.get(reverse("ranking:ranking-report-pdf", args=[ranking.code]) + "?lang=ru")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert TITLE_KK in text and TITLE_RU in text


def test_an_inconsistent_matrix_shows_the_pairs_to_revisit(world, ranking):
    client = world.client("analyst")
    fill_analyst_scores(ranking, world.users["analyst"])
    criteria = list(ranking.criteria.order_by("order"))
    values = consistent_values(criteria)
    values[(criteria[0].code, criteria[1].code)] = "9"
    values[(criteria[1].code, criteria[2].code)] = "9"
    values[(criteria[0].code, criteria[2].code)] = "1/9"
    response = client.post(reverse("ranking:ranking-comparisons", args=[ranking.code]), {**_form_data(ranking, values), "compute": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "pairs-to-revisit" in body and criteria[0].name_en in body or criteria[0].name_ru in body
    assert RankingRun.objects.count() == 0


@pytest.mark.parametrize("value", ["10", "0", "-1", "1/10", "2.5", "", "\x00", "9\x00", "1" * 100_000, "<script>", "３"])
def test_the_comparison_form_refuses_hostile_values_and_stores_nothing(world, ranking, value):
    client = world.client("analyst")
    criteria = list(ranking.criteria.order_by("order"))
    data = _form_data(ranking, consistent_values(criteria))
    data["c_0_1"] = value
    response = client.post(reverse("ranking:ranking-comparisons", args=[ranking.code]), data)
    assert response.status_code == 400
    assert PairwiseComparison.objects.count() == 0


def test_the_comparison_form_ignores_fields_outside_the_upper_triangle(world, ranking):
    client = world.client("analyst")
    criteria = list(ranking.criteria.order_by("order"))
    data = _form_data(ranking, consistent_values(criteria)) | {"c_1_0": "9", "c_0_0": "9", "c_99_100": "9"}
    assert client.post(reverse("ranking:ranking-comparisons", args=[ranking.code]), data).status_code == 302
    assert PairwiseComparison.objects.count() == 28
    assert set(PairwiseComparison.objects.values_list("value", flat=True)) <= set(Saaty.values)


@pytest.mark.parametrize("code", ["\x00", "x" * 5000, "../etc", "%00"])
def test_hostile_codes_in_the_url_are_not_found(world, ranking, code):
    client = world.client("analyst")
    assert client.get(f"/ranking/{code}/").status_code == 404


def test_the_scores_form_refuses_out_of_range_and_nul(world, ranking):
    client = world.client("analyst")
    for value in ("10", "-1", "abc", "\x00", "1e400", "NaN"):
        response = client.post(reverse("ranking:ranking-scores", args=[ranking.code]), {"s_0_0": value})
        assert response.status_code == 400, value
    assert not ranking.candidates.first().scores.filter(criterion__code="market").exists()


def test_an_analyst_creates_a_ranking_with_the_default_criteria(world):
    client = world.client("analyst")
    response = client.post(reverse("ranking:ranking-create"), {
        "code": "AGRI-1", "title_kk": "АгроТех рейтингі", "title_ru": "Рейтинг АгроТех", "title_en": "", "priority_direction": "agritech", "method": "topsis",
    })
    assert response.status_code == 302
    ranking = RankingExercise.objects.get(code="AGRI-1")
    assert ranking.criteria.count() == 8 and ranking.created_by == world.users["analyst"]


def test_the_roadmap_form_refuses_reversed_years(world, ranking):
    client = world.client("analyst")
    response = client.post(reverse("ranking:ranking-roadmap", args=[ranking.code]), {
        "candidate": "T1", "layer": "technology", "year_from": 2030, "year_to": 2027, "description_kk": "а", "description_ru": "б",
    })
    assert response.status_code == 400
    assert not ranking.candidates.get(code="T1").roadmap.exists()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_criteria_table_names_each_criterion_in_the_readers_language_not_by_its_code(world, ranking, language):
    import re

    analyst = world.users["analyst"]
    analyst.language = language
    analyst.save(update_fields=["language"])
    html = world.client("analyst").get(reverse("ranking:ranking-detail", args=[ranking.code])).content.decode()
    table = html[html.index('class="table table-sm ranking-criteria"'):]
    table = table[:table.index("</table>")]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, flags=re.S)]
    criteria = list(ranking.criteria.order_by("order"))
    assert criteria and all(c.code not in cells for c in criteria), cells
    assert all(getattr(c, f"name_{language}") in cells for c in criteria), cells
