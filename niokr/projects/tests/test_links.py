"""No link on the registry, agreement, payment, performer, right, holder and regime pages leads a user to a page they may not open.

Each persona opens the pages of its scope; every link in the page's content is then requested as
that same user and must answer 200. What the user may not open (a right for a performer, a payer
outside a regulator's competence, a report of another organisation) is shown as plain text. No
database id is shown as text: a payment's report is linked as "Report", not by its number.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from niokr.intake.models import Submission
from niokr.obligations.models import RuleRegime
from niokr.registry.tests.test_pages import build_country

pytestmark = pytest.mark.django_db

PERSONAS = ["auditor", "regulator_energy", "regulator_industry", "company_a", "company_b", "performer_p", "performer_q"]
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def country(build):
    country = build_country(build)
    # The report the first payment of A came in (a real submission of A, so its page exists).
    submission = Submission.objects.create(
        organisation=country.a, kind="spending", period_year=2023, filename="a-2023.xlsx", sha256="0" * 64, size=1, status="committed", created_by="company",
    )
    country.pay_a1.source_submission = submission.pk
    country.pay_a1.save()
    country.submission = submission
    return country


def _main(html: str) -> str:
    """The page's own content (the menu is the navigation's, tested on its own)."""
    return html[html.index("<main") : html.index("</main>")]


def _links(html: str) -> set[str]:
    """Links to pages of the site in the content: not exports, anchors or other sites."""
    links = set()
    for href in HREF.findall(_main(html)):
        href = href.replace("&amp;", "&")
        if not href.startswith("/") or "export=" in href or href.startswith("/static/"):
            continue
        links.add(href.split("#")[0])
    return links


def _pages(country) -> list[str]:
    """The registry's, the projects' and the obligation pages of every object of the small world."""
    pages = [reverse("projects:agreement-list"), reverse("projects:payment-list")]
    pages += [reverse("projects:agreement-detail", args=[country.objects[k].pk]) for k in ("ap", "bp", "bq")]
    pages += [reverse("projects:performer-detail", args=[country.objects[k].pk]) for k in ("p", "q")]
    pages += [reverse("registry:organisation-list"), reverse("registry:right-list"), reverse("obligations:regime-list")]
    for key in ("a", "b", "holding", "p", "q"):
        pages += [reverse("registry:organisation-detail", args=[country.objects[key].pk]), reverse("obligations:holder-detail", args=[country.objects[key].pk])]
    pages += [reverse("obligations:right-detail", args=[country.objects[k].pk]) for k in ("right_a", "right_b", "right_h")]
    pages += [reverse("obligations:regime-detail", args=[pk]) for pk in RuleRegime.objects.values_list("pk", flat=True)]
    return pages


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_on_the_registry_projects_and_obligation_pages_opens_for_the_user_who_sees_it(country, persona):
    client = country.client(persona)
    checked = 0
    for page in _pages(country):
        response = client.get(page)
        if response.status_code == 404:  # outside the persona's scope: nothing to follow
            continue
        assert response.status_code == 200, (persona, page)
        for link in _links(response.content.decode()):
            status = client.get(link).status_code
            assert status == 200, f"{persona} on {page}: {link} answers {status}"
            checked += 1
    assert checked > 0


def test_a_performer_sees_the_right_numbers_of_its_agreement_as_text(country):
    client = country.client("performer_p")
    page = client.get(reverse("projects:agreement-detail", args=[country.ap.pk])).content.decode()
    assert country.right_a.number in page
    assert reverse("obligations:right-detail", args=[country.right_a.pk]) not in page
    assert reverse("intake:submission-detail", args=[country.submission.pk]) not in page  # the payer's report is the payer's (the menu's own reports are the performer's)


def test_a_regulator_and_the_payer_reach_the_right_and_the_report_from_the_agreement(country):
    right = reverse("obligations:right-detail", args=[country.right_a.pk])
    report = reverse("intake:submission-detail", args=[country.submission.pk])
    for persona in ("regulator_industry", "company_a", "auditor"):
        page = country.client(persona).get(reverse("projects:agreement-detail", args=[country.ap.pk])).content.decode()
        assert right in page and report in page, persona
        assert f">#{country.submission.pk}<" not in page  # the report is linked by name, not by its id


def test_the_agreement_page_lists_the_rights_its_payments_were_credited_to(country):
    page = country.client("company_a", language="en").get(reverse("projects:agreement-detail", args=[country.ap.pk])).content.decode()
    assert "Credited to rights" in page and country.right_a.number in page


def test_payers_and_performers_are_named_with_their_bin_beside(country):
    page = country.client("auditor", language="en").get(reverse("projects:payment-list")).content.decode()
    table = page[page.index("<tbody") :]
    assert f"BIN {country.p.bin}" in table and f"BIN {country.b.bin}" in table


def test_a_foreign_currency_payment_shows_its_amount_and_rate_in_one_cell(country):
    page = country.client("auditor", language="en").get(reverse("projects:payment-list"), {"currency": "USD"}).content.decode()
    table = page[page.index("<tbody") :]
    assert "1,000.00 USD" in table and "at the rate 470.5005" in table


def test_the_agreement_export_is_named_without_a_database_id(country):
    response = country.client("auditor").get(reverse("projects:agreement-detail", args=[country.ap.pk]), {"export": "csv"})
    disposition = response["Content-Disposition"]
    assert f"agreement-{country.a.bin}-{date(2023, 2, 1):%Y-%m-%d}-payments.csv" in disposition and f"-{country.ap.pk}-" not in disposition
