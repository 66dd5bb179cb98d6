"""The network page of a flag: the organisations around it drawn as SVG, in the reader's language and scope."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from niokr.accounts.models import Membership
from niokr.control import network_views
from niokr.control.models import Flag
from niokr.projects.models import Agreement
from niokr.registry.models import Affiliation

pytestmark = pytest.mark.django_db


def client(user, language: str | None = None) -> Client:
    if language:
        user.language = language
        user.save(update_fields=["language"])
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def world(audited, build):
    """The audited company under a holding, its institute passing work on to a laboratory that the
    holding also owns (money back), a miner of solid minerals tied to the laboratory, and a flag on
    the agreement."""
    w = audited
    w.holding = build.org(kind="national_company", name="АО «Холдинг Самұрық»")
    w.lab = build.org(kind="company", name="ТОО «Зертхана»")
    w.miner = build.org(kind="subsoil_user", name="ТОО «Руда»")
    build.right(w.miner, number="SOL-1", mineral_group="solid")
    w.stranger = build.org(kind="company", name="ТОО «Алыс»")
    Affiliation.objects.create(source=w.holding, target=w.company, kind="owner", share=Decimal("100"), valid_from=date(2010, 1, 1))
    Affiliation.objects.create(source=w.holding, target=w.lab, kind="owner", share=Decimal("60"), valid_from=date(2010, 1, 1))
    Affiliation.objects.create(source=w.miner, target=w.lab, kind="common_director", valid_from=date(2012, 1, 1), note="Общий руководитель")
    # A tie that ended long before the flag's period: not drawn.
    Affiliation.objects.create(source=w.stranger, target=w.institute, kind="common_founder", valid_from=date(2010, 1, 1), valid_to=date(2015, 1, 1))
    w.onward = Agreement.objects.create(
        payer=w.institute, performer=w.lab, number="СУБ-7", signed_on=date(2025, 2, 1), subject="Испытания", amount=Decimal("150000.00"),
        period_start=date(2025, 2, 1), period_end=date(2025, 11, 30), priority_direction="other",
    )
    w.flag = Flag.objects.create(
        run=w.run, indicator="NK-20", version=4, subject_type="agreement", subject_id=w.agreement.pk, payer=w.company, amount=Decimal("150000.00"),
        evidence={"agreement_number": w.agreement.number, "onward_bins": [w.lab.bin], "payer_bin": w.company.bin, "performer_bin": w.institute.bin},
    )
    w.url = reverse("control:flag-network", args=[w.flag.pk])
    return w


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_page_draws_the_organisations_around_the_flag_by_name(world):
    html = _page(client(world.auditor).get(world.url))
    svg = html[html.index("<svg"): html.index("</svg>")]
    for org in (world.company, world.institute, world.lab, world.holding, world.miner):
        assert org.name_en in html, org.name_en
    assert world.stranger.name_en not in html  # its tie ended in 2015
    assert "<circle" in svg and "<line" in svg and 'marker-end="url(#arrow-cycle)"' in svg
    # Links read in words: owner with its share, the director, the agreements with number and amount.
    assert "owner 60\u00a0%" in html and "common director" in html and "agreement СУБ-7, ₸150,000.00" in html
    # Money comes back: company → institute → laboratory, owned by the company's holding.
    assert 'stroke="#c0392b"' in svg and "Where money comes back" in html
    cycles = html[html.index('<ol class="network-cycles">'): html.index("</ol>")]
    assert world.lab.name_en in cycles and "pays under agreement СУБ-7 of 1 Feb 2025" in cycles and "is owned by" in cycles
    # Organisations are named, never numbered; the SVG keeps the Content-Security-Policy.
    content = re.sub(r"#[0-9a-fA-F]{6}\b|#arrow-\w+|&#x?[0-9a-fA-F]+;", "", html[html.index("<h1"): html.index("Back to the flag")])
    assert not re.search(r"#\d+", content) and str(world.lab.pk) not in re.findall(r">([^<]*)<", content)
    assert not re.search(r"\sstyle=", svg) and "<style" not in svg and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert world.company.bin in html and f"BIN {world.lab.bin}" in html


def test_the_flag_page_links_to_its_network(world):
    html = _page(client(world.auditor).get(reverse("control:flag-detail", args=[world.flag.pk])))
    assert world.url in html


def test_the_page_reads_in_kazakh_and_russian(world):
    kk = _page(client(world.auditor, "kk").get(world.url))
    assert "иесі 60\u00a0%" in kk and "ортақ басшы" in kk and "шарт СУБ-7" in kk
    assert "тиесілі" in kk  # the cycle in words
    ru = _page(client(world.auditor, "ru").get(world.url))
    assert "владелец 60\u00a0%" in ru and "общий руководитель" in ru and "договор СУБ-7, 150\u202f000,00\u00a0₸" in ru and "платит по договору СУБ-7 от 01.02.2025" in ru


def test_another_day_shows_the_network_as_it_stood_then(world):
    html = _page(client(world.auditor).get(world.url, {"on": "2014-06-01"}))
    assert world.stranger.name_en in html  # the founder in common still held
    assert "СУБ-7" not in html  # the onward agreement did not exist yet
    assert _page(client(world.auditor).get(world.url, {"on": "not-a-day"}))


@pytest.mark.parametrize("persona", ["staff", "other_staff", "outsider"])
def test_a_flag_outside_the_readers_scope_is_not_found(world, persona):
    assert client(getattr(world, persona)).get(world.url).status_code == 404
    assert client(getattr(world, persona)).get(reverse("control:flag-detail", args=[world.flag.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(world):
    response = Client().get(world.url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_regulator_sees_only_what_its_scope_holds_and_is_told_what_is_left_out(world):
    other = world.outsider.__class__.objects.create_user(username="regulator-solid", language="en")
    Membership.objects.create(user=other, organisation=world.institute, role="regulator", authority="industry")
    assert client(other).get(world.url).status_code == 404  # the flag's subsoil user is not in its competence
    html = _page(client(world.regulator).get(world.url))
    # Performers are a public registry; holders of rights outside the energy ministry's competence (the
    # miner of solid minerals, the holding with no right) and the institute's own agreement are not
    # the ministry's to read, as on the registry's and the agreements' pages.
    assert world.company.name_en in html and world.institute.name_en in html and world.lab.name_en in html
    assert world.miner.name_en not in html and world.holding.name_en not in html and "СУБ-7" not in html
    assert "Links to organisations or agreements outside your scope, not shown: 4." in html


def test_the_drawing_is_capped_and_says_how_many_are_left_out(world, monkeypatch, build):
    for i in range(6):
        Affiliation.objects.create(source=world.holding, target=build.org(kind="company", name=f"ТОО «Еншілес {i}»"), kind="owner", valid_from=date(2010, 1, 1))
    monkeypatch.setattr(network_views, "MAX_NODES", 5)
    html = _page(client(world.auditor).get(world.url))
    assert html.count("<circle") == 5 and "Organisations drawn: 5. Left out, the farthest and least connected first: 6." in html



def test_a_beneficial_owner_in_common_is_a_link_when_the_registry_records_one(world, build):
    from niokr.registry.models import BeneficialOwner

    cousin = build.org(kind="company", name="ТОО «Туыс»")
    for org in (world.lab, cousin):
        BeneficialOwner.objects.create(
            organisation=org, name="Сейітов Арман", kind="natural_person", identifier="780101300123", country="KZ", share=Decimal("60"), valid_from=date(2019, 1, 1),
        )
    html = _page(client(world.auditor).get(world.url))
    assert cousin.name_en in html and "common beneficial owner" in html
    assert "Сейітов" not in html  # the person is a link, not a name on the page
