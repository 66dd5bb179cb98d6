"""The obligations API: regimes, base figures, balances with reasons and the ledger — scoped, filtered, paginated."""

from __future__ import annotations

import pytest
from django.test import Client

from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime

pytestmark = pytest.mark.django_db

API = "/api/v1/obligations"


def get(client, path, **params):
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response.json()


def test_the_api_needs_a_signed_in_user(country):
    for path in ("regimes/", "base-figures/", "balances/", "ledger/"):
        response = Client().get(f"{API}/{path}")
        assert response.status_code in (401, 403) and "error" in response.json()


def test_every_signed_in_user_reads_every_regime_version(country, personas):
    data = get(personas.client(None, None), "regimes/")
    assert data["count"] == RuleRegime.objects.count()
    code2017 = next(r for r in data["results"] if r["code"] == "CODE2017_COSTS")
    assert code2017["rate"] == "0.010000" and code2017["moj_registration"] and code2017["legal_basis_kk"]
    assert {"attribute": "astana_hub", "from": None} in code2017["eligible_performers"]
    assert get(personas.client(None, None), "regimes/", channel="budget")["count"] == 1
    assert get(personas.client(None, None), f"regimes/{code2017['id']}/")["title_en"] == "2017 Code: 1% of the previous year's production costs"


def test_balances_come_with_their_reasons_and_money_as_decimal_strings(country, personas):
    client = personas.client("company", country.oil, language="kk")
    data = get(client, "balances/", year=2025)
    assert data["count"] == 1
    balance = data["results"][0]
    assert balance["right_number"] == "HC-OIL-1" and balance["holder"] == country.oil.pk
    assert (balance["obligation"], balance["fulfilled"], balance["ineligible"], balance["arrears"]) == ("20000.00", "14000.00", "3000.00", "6000.00")
    assert balance["status"] == "partly"
    assert {"code": "arrears", "amount": "6000.00"} in balance["reasons"]
    assert "Осы жыл үшін 6\u202f000,00\u00a0₸ берешек қалады." in balance["reason_texts"]  # for people: as the pages write money
    assert balance["ineligible_detail"][0]["reason"] == "performer_not_kazakhstani_no_permission"


def test_a_company_user_never_sees_another_companys_balances_or_ledger(country, personas):
    client = personas.client("company", country.oil)
    rights = {b["right"] for b in get(client, "balances/")["results"]}
    assert rights == {country.oil_right.pk}
    assert {e["right"] for e in get(client, "ledger/", page_size=500)["results"]} == {country.oil_right.pk}
    assert {f["right"] for f in get(client, "base-figures/")["results"]} == {country.oil_right.pk}
    foreign = RightYearBalance.objects.get(right=country.mine_right, year=2025)
    response = client.get(f"{API}/balances/{foreign.pk}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert get(client, "balances/", holder=country.mine.pk)["count"] == 0


def test_a_regulator_reads_its_competence_and_an_outsider_nothing(country, personas):
    atomic = personas.client("regulator", country.ministry_energy, authority="atomic")
    assert {b["mineral_group"] for b in get(atomic, "balances/")["results"]} == {"uranium"}
    outsider = personas.client(None, None)
    for path in ("balances/", "ledger/", "base-figures/"):
        assert get(outsider, path)["results"] == []


def test_balance_filters(country, personas):
    client = personas.client("auditor", country.chamber)
    assert get(client, "balances/", right=country.mine_right.pk, year=2025)["results"][0]["status"] == "fulfilled"
    assert get(client, "balances/", holder=country.oil.pk)["count"] == RightYearBalance.objects.filter(right=country.oil_right).count()
    unfulfilled = get(client, "balances/", status="unfulfilled", year=2025)["results"]
    assert [b["right_number"] for b in unfulfilled] == ["U-1"]
    assert {b["mineral_group"] for b in get(client, "balances/", mineral_group="solid")["results"]} == {"solid"}
    response = client.get(f"{API}/balances/", {"status": "bankrupt"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"


def test_ledger_filters_by_right_year_kind_channel_and_dates(country, personas):
    client = personas.client("auditor", country.chamber)
    direct = get(client, "ledger/", right=country.oil_right.pk, year=2025, kind="direct_spend")
    assert sorted(e["amount"] for e in direct["results"]) == ["15000.00", "3000.00", "500.00"]
    budget = get(client, "ledger/", channel="budget")
    assert sorted(e["amount"] for e in budget["results"]) == ["25000.00", "4000.00"]
    in_may = get(client, "ledger/", date_from="2025-05-01", date_to="2025-05-31")
    assert sorted((e["kind"], e["amount"]) for e in in_may["results"]) == [("direct_spend", "15000.00"), ("exclusion", "1000.00")]
    pair = get(client, "ledger/", entry=country.reversed_entry.pk)["results"]
    by_id = {e["id"]: e for e in pair}
    assert by_id[country.reversal.pk]["reverses"] == country.reversed_entry.pk
    assert by_id[country.reversed_entry.pk]["reversed_by"] == country.reversal.pk


def test_the_ledger_is_paginated_newest_first(country, personas):
    client = personas.client("auditor", country.chamber)
    first = get(client, "ledger/", page_size=3)
    # The ledger is paged without a count (millions of rows nationally): next/previous links only.
    assert "count" not in first and len(first["results"]) == 3 and first["next"] and first["previous"] is None
    ids = [e["id"] for e in first["results"]]
    assert ids == sorted(ids, reverse=True) and ids[0] == LedgerEntry.objects.order_by("-id").first().pk
    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["results"]][0] < ids[-1]
    assert get(client, "ledger/", ordering="amount", page_size=1)["results"][0]["amount"] == "500.00"


def test_base_figure_filters_by_right_year_and_type(country, personas):
    client = personas.client("auditor", country.chamber)
    revisions = get(client, "base-figures/", right=country.oil_right.pk, year=2024, type="production_costs")["results"]
    assert [(f["revision"], f["source"], f["amount"]) for f in revisions] == [(1, "report", "2000000.00"), (2, "audit", "2000000.00")]
    assert get(client, "base-figures/", type="aggregate_income")["count"] == 0
    assert get(client, "base-figures/")["count"] == BaseFigure.objects.count()


@pytest.mark.parametrize("path", ["regimes/", "base-figures/", "balances/", "ledger/"])
def test_api_lists_need_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries, path):
    client = personas.client("regulator", country.ministry_energy, authority="energy")
    with django_assert_max_num_queries(6):
        get(client, path, page_size=100)
