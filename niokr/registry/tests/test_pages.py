"""The registry pages: organisations and rights, each role seeing its own scope.

The ``country`` fixture is a small world shared with the projects tests: two subsoil users in two
competences, two performers, agreements and payments between them, and a login for each persona.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from python_calamine import CalamineWorkbook

from niokr.accounts.models import Membership
from niokr.projects.models import Agreement, Payment
from niokr.registry.models import Affiliation, RegimeAssignment

pytestmark = pytest.mark.django_db

INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")"


@dataclass
class Country:
    """The organisations, rights, agreements and payments of the small world, and its logins."""

    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None

    def client(self, persona: str, *, language: str | None = None) -> Client:
        """A client signed in as ``persona`` (``anonymous``: not signed in), in ``language`` if given."""
        if language:
            self.users[persona].language = language
            self.users[persona].save(update_fields=["language"])
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


def _login(country: Country, persona: str, organisation, role: str | None, authority: str = ""):
    user = get_user_model().objects.create_user(username=persona)  # no password: tests sign in with force_login
    if role:
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
    country.users[persona] = user


def build_country(build) -> Country:
    """Company A (solid minerals) and B (hydrocarbons), performers P and Q, a holding that owns A.

    Agreements: A→P, B→P, B→Q. Payments: two under A→P (one in US dollars, one whose purpose is a
    spreadsheet formula), one under B→P, one under B→Q.
    """
    c = Country()
    o = c.objects
    o["energy"] = build.org(kind="state_body", name="Министерство энергетики")
    o["industry"] = build.org(kind="state_body", name="Министерство промышленности")
    o["chamber"] = build.org(kind="state_body", name="Высшая аудиторская палата")
    o["a"] = build.org(name="ТОО «Кен Альфа»", region="karaganda", kazakhstani_supplier=(date(2020, 1, 1), None))
    o["a"].name_kk, o["a"].name_en = "«Кен Альфа» ЖШС", "Ken Alpha LLP"
    o["a"].save()
    o["b"] = build.org(name="ТОО «Мунай Бета»", region="atyrau")
    o["holding"] = build.org(kind="national_company", name="АО «Холдинг Гамма»", region="astana")
    o["p"] = build.org(kind="research_institute", name="Институт Пи", region="almaty_city", science_accreditation=(date(2019, 1, 1), date(2030, 12, 31)))
    o["q"] = build.org(kind="university", name="Университет Кью", region="astana")
    Affiliation.objects.create(source=o["holding"], target=o["a"], kind="owner", share=Decimal("75.500"), valid_from=date(2018, 1, 1))
    o["right_a"] = build.right(o["a"], number="A-100-ТПИ", mineral_group="solid", right_type="lic_solid_mining")
    o["right_b"] = build.right(o["b"], number="B-200-УВС", mineral_group="hydrocarbons", right_type="hc_production")
    o["right_h"] = build.right(o["holding"], number="H-300-УВС", mineral_group="hydrocarbons", right_type="hc_exploration_production")
    RegimeAssignment.objects.create(right=o["right_a"], regime_code="CODE2017_COSTS", valid_from=date(2018, 1, 1), legal_reason="Code 2017")
    RegimeAssignment.objects.create(right=o["right_b"], regime_code="LEGACY_INCOME", valid_from=date(2010, 1, 1), legal_reason="Contract clause")

    def agreement(payer, performer, number, amount, signed, direction="medtech"):
        return Agreement.objects.create(
            payer=payer, performer=performer, number=number, signed_on=signed, subject=f"Исследование {number}", amount=Decimal(amount),
            period_start=signed, period_end=date(signed.year + 2, 12, 31), priority_direction=direction,
        )

    o["ap"] = agreement(o["a"], o["p"], "НИР-A1", "5000000.00", date(2023, 2, 1))
    o["bp"] = agreement(o["b"], o["p"], "НИР-B1", "7000000.00", date(2024, 3, 1), direction="greentech")
    o["bq"] = agreement(o["b"], o["q"], "НИР-B2", "3000000.00", date(2024, 5, 1), direction="agritech")

    def payment(agreement, right, paid_on, amount, doc, **extra):
        return Payment.objects.create(agreement=agreement, right=right, paid_on=paid_on, amount=Decimal(amount), purpose=extra.pop("purpose", "Оплата НИР"), document_number=doc, **extra)

    o["pay_a1"] = payment(o["ap"], o["right_a"], date(2023, 6, 1), "1200000.00", "ПП-A-1", for_year=2023, source_submission=41)
    o["pay_a2"] = payment(o["ap"], o["right_a"], date(2024, 2, 15), "470500.50", "ПП-A-2", currency="USD", original_amount=Decimal("1000.00"), rate=Decimal("470.500500"), purpose=INJECTION)
    o["pay_bp"] = payment(o["bp"], o["right_b"], date(2024, 7, 1), "2500000.00", "ПП-B-1", for_year=2024)
    o["pay_bq"] = payment(o["bq"], o["right_b"], date(2025, 1, 20), "900000.00", "ПП-B-2")

    _login(c, "company_a", o["a"], "company")
    _login(c, "company_b", o["b"], "company")
    _login(c, "performer_p", o["p"], "performer")
    _login(c, "performer_q", o["q"], "performer")
    _login(c, "regulator_energy", o["energy"], "regulator", "energy")
    _login(c, "regulator_industry", o["industry"], "regulator", "industry")
    _login(c, "auditor", o["chamber"], "auditor")
    _login(c, "outsider", None, None)
    return c


@pytest.fixture
def country(build) -> Country:
    return build_country(build)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def table(response) -> str:
    """The rows of the page's (last) table: what the page lists, without the echo of the query."""
    page = text(response)
    return page[page.rindex("<tbody") : page.rindex("</tbody>")]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return book.get_sheet_by_index(0).to_python()


ORGS = reverse("registry:organisation-list")
RIGHTS = reverse("registry:right-list")


def org_page(org) -> str:
    return reverse("registry:organisation-detail", args=[org.pk])


# --- who sees what -----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(country):
    for url in (ORGS, RIGHTS, org_page(country.a)):
        response = country.client("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "sees", "misses"),
    [
        ("auditor", ["a", "b", "p", "q", "holding"], []),
        ("company_a", ["a"], ["b", "p", "q", "holding"]),
        ("performer_p", ["p"], ["a", "b", "q"]),
        ("regulator_energy", ["b", "holding", "p", "q"], ["a"]),
        ("regulator_industry", ["a", "p", "q"], ["b", "holding"]),
        ("outsider", [], ["a", "b", "p", "q"]),
    ],
)
def test_the_organisation_list_shows_each_role_its_scope(country, persona, sees, misses):
    page = text(country.client(persona).get(ORGS))
    for key in sees:
        assert country.objects[key].bin in page, key
    for key in misses:
        assert country.objects[key].bin not in page, key


def test_a_company_user_never_sees_another_company(country):
    client = country.client("company_a")
    b = country.b
    assert client.get(org_page(b)).status_code == 404
    assert client.get(org_page(b) + "?export=csv").status_code == 404
    assert b.bin not in table(client.get(ORGS, {"q": b.bin}))
    assert b.bin not in client.get(ORGS, {"export": "csv"}).content.decode("utf-8-sig")
    assert country.right_b.number not in text(client.get(RIGHTS))
    assert country.right_b.number not in table(client.get(RIGHTS, {"q": country.right_b.number}))
    assert country.right_b.number not in client.get(RIGHTS, {"export": "csv"}).content.decode("utf-8-sig")
    assert client.get(org_page(country.holding)).status_code == 404


def test_a_regulator_sees_holders_of_its_competence_and_performers(country):
    energy = country.client("regulator_energy")
    assert energy.get(org_page(country.a)).status_code == 404
    assert country.right_b.number in text(energy.get(org_page(country.b)))
    assert "Институт Пи" in text(energy.get(org_page(country.p)))
    rights = text(energy.get(RIGHTS))
    assert country.right_b.number in rights and country.right_h.number in rights and country.right_a.number not in rights


def test_a_guessed_id_gives_not_found(country):
    assert country.client("auditor").get(reverse("registry:organisation-detail", args=[10**9])).status_code == 404


# --- search, filters, sorting ------------------------------------------------------------------


@pytest.mark.parametrize("query", ["BIN", "Кен Альфа", "«Кен Альфа» ЖШС", "Ken Alpha", "ken alpha"])
def test_search_finds_an_organisation_by_exact_bin_or_by_name_in_any_language(country, query):
    query = country.a.bin if query == "BIN" else query
    page = table(country.client("auditor").get(ORGS, {"q": query}))
    assert country.a.bin in page and country.b.bin not in page


def test_a_partial_bin_does_not_match(country):
    page = table(country.client("auditor").get(ORGS, {"q": country.a.bin[:6]}))
    assert country.a.bin not in page


@pytest.mark.parametrize(
    ("params", "expected", "excluded"),
    [
        ({"kind": "university"}, ["q"], ["p", "a"]),
        ({"region": "karaganda"}, ["a"], ["b", "p"]),
        ({"attribute": "kazakhstani_supplier"}, ["a"], ["b", "p"]),
        ({"attribute": "science_accreditation"}, ["p"], ["a", "q"]),
        ({"mineral_group": "hydrocarbons"}, ["b", "holding"], ["a", "p"]),
        ({"mineral_group": "solid", "region": "karaganda"}, ["a"], ["b", "holding"]),
    ],
)
def test_the_organisation_filters_narrow_the_list(country, params, expected, excluded):
    page = table(country.client("auditor").get(ORGS, params))
    for key in expected:
        assert country.objects[key].bin in page, key
    for key in excluded:
        assert country.objects[key].bin not in page, key


def test_a_status_that_has_expired_is_not_held(country, build):
    lapsed = build.org(kind="company", name="ТОО «Бывший поставщик»", kazakhstani_supplier=(date(2015, 1, 1), date(2016, 12, 31)))
    page = text(country.client("auditor").get(ORGS, {"attribute": "kazakhstani_supplier"}))
    assert lapsed.bin not in page and country.a.bin in page


def test_an_invalid_filter_value_shows_no_rows_and_says_why(country):
    page = text(country.client("auditor").get(ORGS, {"kind": "no-such-kind"}))
    assert country.a.bin not in page and "invalid-feedback" in page


def test_the_organisation_list_sorts_by_a_column_both_ways(country):
    client = country.client("auditor")
    bins = sorted(country.objects[k].bin for k in ("a", "b", "p", "q"))
    up, down = text(client.get(ORGS, {"sort": "bin"})), text(client.get(ORGS, {"sort": "-bin"}))
    assert [up.index(b) for b in bins] == sorted(up.index(b) for b in bins)
    assert [down.index(b) for b in bins] == sorted((down.index(b) for b in bins), reverse=True)


def test_the_filter_form_keeps_the_chosen_sort(country):
    page = text(country.client("auditor").get(ORGS, {"sort": "-bin", "kind": "university"}))
    assert 'name="sort" value="-bin"' in page


@pytest.mark.parametrize(
    ("params", "expected", "excluded"),
    [
        ({"mineral_group": "solid"}, ["right_a"], ["right_b", "right_h"]),
        ({"right_type": "hc_production"}, ["right_b"], ["right_a", "right_h"]),
        ({"q": "Мунай Бета"}, ["right_b"], ["right_a", "right_h"]),
        ({"q": "A-100"}, ["right_a"], ["right_b"]),
        ({"regime": "LEGACY_INCOME"}, ["right_b"], ["right_a", "right_h"]),
        ({"region": "atyrau", "mineral_group": "hydrocarbons"}, ["right_b", "right_h"], ["right_a"]),
    ],
)
def test_the_rights_filters_narrow_the_list(country, params, expected, excluded):
    page = table(country.client("auditor").get(RIGHTS, params))
    for key in expected:
        assert country.objects[key].number in page, key
    for key in excluded:
        assert country.objects[key].number not in page, key


def test_the_rights_list_finds_a_holder_by_exact_bin(country):
    page = table(country.client("auditor").get(RIGHTS, {"q": country.b.bin}))
    assert country.right_b.number in page and country.right_a.number not in page


def test_the_rights_list_shows_the_regime_in_force_and_sorts_by_it(country):
    page = table(country.client("auditor").get(RIGHTS, {"sort": "-current_regime"}))
    assert page.index("LEGACY_INCOME") < page.index("CODE2017_COSTS")


# --- the organisation page --------------------------------------------------------------------


def test_the_organisation_page_shows_identity_statuses_affiliations_and_rights(country):
    page = text(country.client("auditor").get(org_page(country.a)))
    for expected in (country.a.bin, "ТОО «Кен Альфа»", "«Кен Альфа» ЖШС", "Ken Alpha LLP", "АО «Холдинг Гамма»", "75,5", country.right_a.number, "CODE2017_COSTS"):
        assert expected in page, expected
    assert reverse("registry:organisation-detail", args=[country.holding.pk]) in page


def test_the_organisation_page_links_to_the_pages_of_the_other_apps_that_exist(country):
    client = country.client("auditor")
    holder_page = text(client.get(org_page(country.a)))
    performer_page = text(client.get(org_page(country.p)))
    assert reverse("projects:performer-detail", args=[country.p.pk]) in performer_page
    assert reverse("projects:performer-detail", args=[country.a.pk]) not in holder_page
    try:
        holder_url = reverse("obligations:holder-detail", args=[country.a.pk])
    except NoReverseMatch:
        return
    assert holder_url in holder_page


def test_an_affiliation_with_an_organisation_outside_the_scope_is_counted_not_named(country):
    page = text(country.client("regulator_industry", language="en").get(org_page(country.a)))
    assert "Холдинг Гамма" not in page and country.holding.bin not in page
    assert "1 more affiliation" in page


def test_a_regulator_sees_only_the_rights_of_its_competence_on_a_holder_page(country, build):
    build.right(country.b, number="B-SOLID-1", mineral_group="solid", right_type="lic_solid_mining")
    page = text(country.client("regulator_energy").get(org_page(country.b)))
    assert country.right_b.number in page and "B-SOLID-1" not in page


@pytest.mark.parametrize(("language", "name", "other"), [("en", "Ken Alpha LLP", "ТОО «Кен Альфа»"), ("kk", "«Кен Альфа» ЖШС", "Ken Alpha LLP"), ("ru", "ТОО «Кен Альфа»", "Ken Alpha LLP")])
def test_the_list_shows_names_in_the_users_language(country, language, name, other):
    page = table(country.client("auditor", language=language).get(ORGS, {"q": country.a.bin}))
    assert name in page and other not in page


# --- exports ------------------------------------------------------------------------------------


def test_the_organisation_export_is_a_valid_xlsx_of_the_filtered_rows(country):
    response = country.client("auditor").get(ORGS, {"kind": "subsoil_user", "export": "xlsx"})
    rows = xlsx_rows(response)
    bins = {row[1] for row in rows[1:]}
    assert bins == {country.a.bin, country.b.bin}
    assert 'filename="organisations.xlsx"' in response["Content-Disposition"]


def test_the_rights_export_is_a_csv_of_the_filtered_rows_with_labels(country):
    rows = csv_rows(country.client("auditor").get(RIGHTS, {"mineral_group": "hydrocarbons", "export": "csv", "sort": "number"}))
    assert [row[0] for row in rows[1:]] == [country.right_b.number, country.right_h.number]
    assert all("<" not in cell for row in rows for cell in row)


def test_exported_cells_cannot_run_as_formulas(country, build):
    build.org(kind="company", name=INJECTION)
    client = country.client("auditor")
    csv_names = [row[0] for row in csv_rows(client.get(ORGS, {"export": "csv"}))]
    xlsx_names = [row[0] for row in xlsx_rows(client.get(ORGS, {"export": "xlsx"}))]
    assert "'" + INJECTION in csv_names and INJECTION not in csv_names
    assert "'" + INJECTION in xlsx_names and INJECTION not in xlsx_names


def test_an_unknown_export_format_is_not_found(country):
    assert country.client("auditor").get(ORGS, {"export": "pdf"}).status_code == 404


def test_the_rights_export_of_an_organisation_page_holds_its_rights_only(country):
    rows = csv_rows(country.client("auditor").get(org_page(country.b), {"export": "csv"}))
    assert [row[0] for row in rows[1:]] == [country.right_b.number]


# --- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [ORGS, RIGHTS])
@pytest.mark.parametrize("persona", ["auditor", "regulator_energy", "company_a"])
def test_the_list_pages_run_a_bounded_number_of_queries(country, build, django_assert_max_num_queries, url, persona):
    for n in range(60):
        org = build.org(name=f"ТОО «Добавочная {n}»")
        build.right(org, number=f"X-{n}", mineral_group="hydrocarbons" if n % 2 else "solid")
    client = country.client(persona)
    # The rights list reads the regimes' titles once where a code is not one of the catalogue's (LEGACY_INCOME here).
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200


def test_the_organisation_page_runs_a_bounded_number_of_queries(country, build, django_assert_max_num_queries):
    for n in range(30):
        build.right(country.b, number=f"B-EXTRA-{n}")
    client = country.client("auditor")
    with django_assert_max_num_queries(16):
        assert client.get(org_page(country.b)).status_code == 200
