"""The search box: one query finds organisations, rights, agreements, payments and cases — the user's only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.projects.models import Agreement, Payment
from niokr.search.services import LIMIT, MAX_QUERY, clean_query, find

pytestmark = pytest.mark.django_db


class Country:
    """Two subsoil users (hydrocarbons A, solid minerals B), a performer, and people of each role."""

    def __init__(self, build, django_user_model):
        self.ministry = build.org(kind="state_body", name="Министерство энергетики")
        self.a = build.org(name="ТОО «Альфа Ойл»")
        self.b = build.org(name="ТОО «Бета Майнинг»", region="karaganda")
        self.institute = build.org(kind="research_institute", name="Институт геологии")
        self.right_a = build.right(self.a, number="816-УВС")
        self.right_a2 = build.right(self.a, number="1816-УВС")
        self.right_b = build.right(self.b, number="77-ТПИ", mineral_group="solid", right_type="solid_mining")
        self.agreement_a = self.agreement(self.a, "НИОКР-2024/015")
        self.agreement_b = self.agreement(self.b, "НИОКР-2024/016")
        self.payment_a = self.payment(self.agreement_a, self.right_a, "ПП-000123")
        self.decoy_a = self.payment(self.agreement_a, self.right_a, "1123")
        self.payment_b = self.payment(self.agreement_b, self.right_b, "ПП-000123")
        self.users = {}
        self.user("regulator_energy", django_user_model, Role.REGULATOR, self.ministry, authority="energy")
        self.user("company_a", django_user_model, Role.COMPANY, self.a)
        self.user("company_b", django_user_model, Role.COMPANY, self.b)
        self.user("performer", django_user_model, Role.PERFORMER, self.institute)

    def agreement(self, payer, number):
        return Agreement.objects.create(
            payer=payer, performer=self.institute, number=number, signed_on=date(2024, 3, 1), subject="Исследование",
            amount=Decimal("1000000.00"), period_start=date(2024, 3, 1), period_end=date(2024, 12, 31),
        )

    def payment(self, agreement, right, number):
        return Payment.objects.create(agreement=agreement, right=right, paid_on=date(2024, 5, 6), amount=Decimal("250000.00"), purpose="Оплата по договору", document_number=number, for_year=2024)

    def user(self, name, model, role, organisation, authority=""):
        user = model.objects.create_user(name, password="x" * 12)
        Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
        self.users[name] = user
        return user

    def client(self, name, language="ru"):
        """A signed-in client of ``name``, whose pages are in ``language`` (the user's own setting)."""
        self.users[name].language = language
        self.users[name].save(update_fields=["language"])
        client = Client()
        client.force_login(self.users[name])
        return client


@pytest.fixture
def country(build, django_user_model):
    return Country(build, django_user_model)


def test_a_regulator_reaches_a_subsoil_user_and_its_rights_by_its_bin(country):
    found = find(country.users["regulator_energy"], country.a.bin)
    assert found.organisations.items == [country.a]
    assert {r.number for r in found.rights.items} == {"816-УВС", "1816-УВС"}


def test_a_bin_typed_with_spaces_or_its_first_digits_is_a_bin(country):
    spaced = " ".join([country.a.bin[:4], country.a.bin[4:8], country.a.bin[8:]])
    assert find(country.users["regulator_energy"], spaced).organisations.items == [country.a]
    assert country.a in find(country.users["regulator_energy"], country.a.bin[:8]).organisations.items


def test_a_name_is_found_in_any_case(country):
    assert find(country.users["regulator_energy"], "альфа").organisations.items == [country.a]


def test_a_right_number_is_found_however_it_is_written(country):
    for typed in ("816-УВС", "816-увс", "816 УВС", "№ 816-УВС"):
        numbers = [r.number for r in find(country.users["regulator_energy"], typed).rights.items]
        assert numbers[0] == "816-УВС", typed


def test_a_payment_order_is_found_by_its_number_as_accountants_write_it_the_same_number_first(country):
    for typed in ("ПП-000123", "пп 123", "123", "№123"):
        payments = find(country.users["regulator_energy"], typed).payments.items
        assert payments[0] == country.payment_a, typed
    assert country.decoy_a not in find(country.users["regulator_energy"], "пп 123").payments.items


def test_an_agreement_is_found_by_its_number(country):
    assert find(country.users["company_a"], "2024/015").agreements.items == [country.agreement_a]


def test_a_company_finds_nothing_of_another_company(country):
    client = country.client("company_b")
    for query in (country.a.bin, "Альфа", "816-УВС", "НИОКР-2024/015"):
        page = client.get(reverse("search:results"), {"q": query}).content.decode()
        # The query is echoed in the box and the "nothing found" line; nothing of A's is listed.
        assert 'class="search-group' not in page and "ТОО «Альфа Ойл»" not in page, query
        assert reverse("obligations:right-detail", args=[country.right_a.pk]) not in page, query
    # Its own payment with the same number is found; company A's is not.
    assert find(country.users["company_b"], "ПП-000123").payments.items == [country.payment_b]


def test_a_company_finds_the_performer_of_its_agreements(country):
    found = find(country.users["company_a"], country.institute.bin)
    assert found.organisations.items == [country.institute]


def test_a_performer_sees_its_payments_and_the_payers_right_named_not_linked(country):
    client = country.client("performer")
    page = client.get(reverse("search:results"), {"q": "ПП-000123"}).content.decode()
    assert reverse("projects:agreement-detail", args=[country.agreement_a.pk]) in page
    assert "816-УВС" in page and reverse("obligations:right-detail", args=[country.right_a.pk]) not in page
    assert client.get(reverse("obligations:right-detail", args=[country.right_a.pk])).status_code == 404


def test_every_link_of_the_results_opens_for_the_user(country):
    import re

    for name in ("regulator_energy", "company_a", "performer"):
        client = country.client(name)
        for query in (country.a.bin, country.institute.bin, "ПП-000123", "816", "НИОКР"):
            page = client.get(reverse("search:results"), {"q": query}).content.decode()
            main = page[page.index("<main") :]
            for href in set(re.findall(r'href="(/[^"#]*)"', main)):
                assert client.get(href.replace("&amp;", "&")).status_code == 200, (name, query, href)


def test_the_results_are_grouped_by_kind_and_bounded(country):
    for i in range(LIMIT + 5):
        country.agreement(country.a, f"НИОКР-2025/{i:03d}")
    found = find(country.users["company_a"], "НИОКР-2025")
    assert len(found.agreements.items) == LIMIT and found.agreements.more
    page = country.client("company_a", "en").get(reverse("search:results"), {"q": "НИОКР-2025"}).content.decode()
    assert f"The first {LIMIT} are shown." in page
    assert f'{reverse("projects:agreement-list")}?number=%D0%9D%D0%98%D0%9E%D0%9A%D0%A0-2025' in page


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "816\x00-УВС",
        "x" * 10_000,
        "1" * 10_000,
        "' OR 1=1 --",
        "'; DROP TABLE registry_organisation; --",
        "%",
        "_",
        "\\",
        "%%%___",
        "\u202e816",
        "😀",
        "НИОКР\r\n2024",
        "<script>alert(1)</script>",
        " ",
    ],
)
def test_no_input_makes_the_search_fail(country, query):
    response = country.client("regulator_energy").get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_long_query_is_cut_and_the_page_says_so(country):
    query = clean_query("816-УВС " + "z" * 500)
    assert query.cut and len(query.text) <= MAX_QUERY
    page = country.client("regulator_energy", "en").get(reverse("search:results"), {"q": "z" * 500}).content.decode()
    assert f"Only the first {MAX_QUERY} characters were searched." in page


def test_control_characters_are_dropped_and_a_short_query_searches_nothing(country):
    assert clean_query("816\x00-УВС\t").text == "816 -УВС"
    with CaptureQueriesContext(connection) as queries:
        found = find(country.users["regulator_energy"], "8")
    assert found.total == 0 and len(queries) == 0
    page = country.client("regulator_energy", "en").get(reverse("search:results"), {"q": "8"}).content.decode()
    assert "Type at least 2 characters." in page


def test_a_search_runs_a_bounded_number_of_queries(country):
    client = country.client("regulator_energy")
    client.get(reverse("search:results"), {"q": "НИОКР"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("search:results"), {"q": "НИОКР"}).status_code == 200
    assert len(queries) <= 20


def test_nothing_found_says_where_it_looked(country):
    page = country.client("company_b", "ru").get(reverse("search:results"), {"q": "816-УВС"}).content.decode()
    assert "По запросу «816-УВС» среди доступного вам ничего не найдено." in page


def test_a_query_is_only_a_get(country):
    assert country.client("company_a").post(reverse("search:results"), {"q": "x"}).status_code == 405
    assert Client().get(reverse("search:results"), {"q": "x"}).status_code == 302


def test_a_submitted_report_is_found_by_its_reference_however_typed_and_only_by_whom_may_see_it(country):
    from niokr.intake.models import Submission

    submission = Submission.objects.create(organisation=country.a, kind="spending", period_year=2025, filename="r.csv", sha256="a" * 64, size=10)
    year, number = submission.reference.split("-")[1:]
    for typed in (submission.reference, submission.reference.lower(), f"sub {year} {int(number)}"):
        assert find(country.users["company_a"], typed).submissions.items == [submission], typed
    assert find(country.users["company_b"], submission.reference).submissions.items == []
    page = country.client("company_a").get(reverse("search:results"), {"q": submission.reference}).content.decode()
    assert reverse("intake:submission-detail", args=[submission.pk]) in page
