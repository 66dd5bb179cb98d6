"""The registry API: organisations and rights, read-only, scoped like the pages."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from niokr.registry.tests.test_pages import build_country

pytestmark = pytest.mark.django_db

ORGS = "/api/v1/registry/organisations/"
RIGHTS = "/api/v1/registry/rights/"


@pytest.fixture
def country(build):
    return build_country(build)


def api(country, persona: str) -> APIClient:
    client = APIClient()
    if persona != "anonymous":
        client.force_authenticate(country.users[persona])
    return client


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def bins(payload) -> set[str]:
    return {row["bin"] for row in payload["results"]}


def test_an_anonymous_caller_is_refused_in_the_error_format(country):
    response = api(country, "anonymous").get(ORGS)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_company_user_never_sees_another_company(country):
    client = api(country, "company_a")
    assert bins(ok(client.get(ORGS))) == {country.a.bin}
    assert ok(client.get(ORGS, {"q": country.b.bin}))["results"] == []
    assert {r["number"] for r in ok(client.get(RIGHTS))["results"]} == {country.right_a.number}
    assert ok(client.get(RIGHTS, {"q": country.right_b.number}))["results"] == []
    for url in (f"{ORGS}{country.b.pk}/", f"{RIGHTS}{country.right_b.pk}/", f"{ORGS}{country.holding.pk}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_regulator_sees_holders_of_its_competence_and_performers(country):
    payload = ok(api(country, "regulator_energy").get(ORGS))
    assert {country.b.bin, country.holding.bin, country.p.bin} <= bins(payload)
    assert country.a.bin not in bins(payload)
    numbers = {r["number"] for r in ok(api(country, "regulator_energy").get(RIGHTS))["results"]}
    assert numbers == {country.right_b.number, country.right_h.number}


def test_an_organisation_carries_its_names_statuses_and_visible_rights_count(country):
    row = ok(api(country, "auditor").get(f"{ORGS}{country.a.pk}/"))
    assert row["bin"] == country.a.bin and row["name_en"] == "Ken Alpha LLP" and row["name_kk"] == "«Кен Альфа» ЖШС"
    assert row["kind"] == "subsoil_user" and row["region"] == "karaganda" and row["rights_count"] == 1
    assert row["attributes"] == [{"kind": "kazakhstani_supplier", "valid_from": "2020-01-01", "valid_to": None, "number": "", "issued_by": "", "evidence": ""}]


def test_a_right_carries_its_holder_and_regime_history(country):
    row = ok(api(country, "auditor").get(f"{RIGHTS}{country.right_b.pk}/"))
    assert row["holder"] == {"id": country.b.pk, "bin": country.b.bin, "name_kk": country.b.name_kk, "name_ru": country.b.name_ru, "name_en": country.b.name_en}
    assert row["current_regime"] == "LEGACY_INCOME" and row["current_regime_display"] == "LEGACY_INCOME"  # no regime behind the code: its own name
    assert row["regimes"] == [{"regime_code": "LEGACY_INCOME", "valid_from": "2010-01-01", "valid_to": None, "legal_reason": "Contract clause", "regime_display": "LEGACY_INCOME"}]


def test_a_rights_regime_is_named_in_the_language_asked(country):
    for language, name in (("en", "2017 Code: 1% of production costs"), ("ru", "Кодекс 2017 г.: 1% затрат на добычу"), ("kk", "2017 жылғы Кодекс: өндіру шығындарының 1%-ы")):
        row = ok(api(country, "auditor").get(f"{RIGHTS}{country.right_a.pk}/", HTTP_ACCEPT_LANGUAGE=language))
        assert row["current_regime"] == "CODE2017_COSTS" and row["current_regime_display"] == name, language
        assert row["regimes"][0]["regime_display"] == name


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Ken Alpha"}, {"a"}),
        ({"kind": "university"}, {"q"}),
        ({"attribute": "science_accreditation"}, {"p"}),
        ({"mineral_group": "hydrocarbons"}, {"b", "holding"}),
        ({"region": "astana", "kind": "national_company"}, {"holding"}),
    ],
)
def test_the_organisation_filters_are_those_of_the_page(country, params, expected):
    assert bins(ok(api(country, "auditor").get(ORGS, params))) == {country.objects[k].bin for k in expected}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"mineral_group": "solid"}, {"right_a"}),
        ({"regime": "CODE2017_COSTS"}, {"right_a"}),
        ({"q": "Мунай Бета"}, {"right_b"}),
        ({"right_type": "hc_exploration_production"}, {"right_h"}),
    ],
)
def test_the_rights_filters_are_those_of_the_page(country, params, expected):
    numbers = {r["number"] for r in ok(api(country, "auditor").get(RIGHTS, params))["results"]}
    assert numbers == {country.objects[k].number for k in expected}


def test_the_rights_of_one_holder_by_its_id(country):
    numbers = [r["number"] for r in ok(api(country, "auditor").get(RIGHTS, {"holder": country.b.pk}))["results"]]
    assert numbers == [country.right_b.number]


def test_an_invalid_filter_is_a_bad_request_in_the_error_format(country):
    response = api(country, "auditor").get(ORGS, {"kind": "no-such-kind"})
    assert response.status_code == 400
    assert response.json()["error"]["detail"]["kind"]


def test_the_list_orders_by_a_field_either_way(country):
    client = api(country, "auditor")
    up = [r["bin"] for r in ok(client.get(ORGS, {"ordering": "bin"}))["results"]]
    down = [r["bin"] for r in ok(client.get(ORGS, {"ordering": "-bin"}))["results"]]
    assert up == sorted(up) and down == sorted(up, reverse=True)


def test_the_list_is_paginated_with_count_and_links(country):
    client = api(country, "auditor")
    first = ok(client.get(ORGS, {"page_size": 3, "ordering": "id"}))
    assert first["count"] == 8 and len(first["results"]) == 3 and first["previous"] is None and "page=2" in first["next"]
    last = ok(client.get(ORGS, {"page_size": 3, "ordering": "id", "page": 3}))
    assert len(last["results"]) == 2 and last["next"] is None
    beyond = client.get(ORGS, {"page_size": 3, "page": 4})
    assert beyond.status_code == 404 and beyond.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("url", [ORGS, RIGHTS])
def test_the_api_lists_run_a_bounded_number_of_queries(country, build, django_assert_max_num_queries, url):
    for n in range(40):
        org = build.org(name=f"ТОО «Серия {n}»", kazakhstani_supplier=(date(2020, 1, 1), None))
        build.right(org, number=f"S-{n}")
    client = api(country, "regulator_energy")
    with django_assert_max_num_queries(5):
        assert len(ok(client.get(url))["results"]) > 20
