"""Each role's menu holds what the role can use, and no link of it (or of the pages it opens) leads nowhere.

For every persona of the small country: the menu is the one its role is meant to have; every menu
entry, the search and help pages and the links in their main part answer 200 to that user; the help
page lists exactly the pages of the role's menu. Hiding a page from a menu loosens nothing: the pages
still refuse the objects a user may not see (the authorization matrix checks every URL).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.help.content import ROLE_HELP
from niokr.registry.models import Organisation

pytestmark = pytest.mark.django_db

#: A subsoil user's lifecycle pages: its programmes, the calls it may apply to, its projects' results, what its 1 % produced.
HOLDER_LIFECYCLE = ["lifecycle:programme-list", "lifecycle:call-list", "lifecycle:result-list", "lifecycle:produced-own"]
HOLDER_OBLIGATIONS = ["obligations:dashboard", "registry:right-list", "projects:agreement-list", *HOLDER_LIFECYCLE, "intake:submission-list", "obligations:regime-list", "intake:job-list"]
#: A reader's lifecycle pages: programmes, calls, the KBK 401103 pool, the results registry.
READER_LIFECYCLE = ["lifecycle:programme-list", "lifecycle:call-list", "lifecycle:pool", "lifecycle:result-list"]
READERS = ["obligations:dashboard", "registry:organisation-list", "registry:right-list", "projects:agreement-list", *READER_LIFECYCLE, "intake:submission-list", "obligations:regime-list", "intake:job-list", "control:flag-list", "portfolio:index"]
ADMIN_READERS = [*READERS[:4], "lifecycle:programme-list", "lifecycle:expertise-list", *READER_LIFECYCLE[1:], *READERS[4 + len(READER_LIFECYCLE):]]

#: The menu of each persona (URL names, in order) and the role whose help describes it.
MENUS = {
    # The technology policy: a company reads its own money's portfolio; a performer assesses its own capability.
    "company_a": (["home", *HOLDER_OBLIGATIONS, "control:case-list", "portfolio:index"], "company"),
    "company_b": (["home", *HOLDER_OBLIGATIONS, "control:case-list", "portfolio:index"], "company"),
    # The persona's institute passes money on (an aggregator): it reports its onward agreements.
    "performer": (["home", "projects:agreement-list", "lifecycle:result-list", "intake:submission-list", "intake:job-list", "capability:audit-list"], "performer"),
    "regulator_energy": (READERS, "regulator"),
    "regulator_industry": (READERS, "regulator"),
    "auditor": (READERS, "auditor"),
    "admin": ([*ADMIN_READERS, "admin:index"], "administrator"),
    "outsider": ([], None),
}
#: What only an aggregator's staff are offered besides a performer's pages (their help says so in a task):
#: nothing now that every performer reports its R&D projects, stages and results.
AGGREGATOR_PAGES: list[str] = []
#: Links of a page that are not pages to read: downloads, and the admin's own site.
SKIP = re.compile(r"[?&]export=|\.pdf$|\.xlsx$|^/admin/|^/static/|^/api/")
#: Links followed per kind of page (URL name) on each page of a menu.
PER_KIND = 2


def _menu(page: str) -> list[str]:
    """The URLs of the navigation bar's menu of a page."""
    bar = page[page.index('<ul class="navbar-nav') : page.index("</ul>")]
    return re.findall(r'class="nav-link[^"]*" href="([^"]+)"', bar)


def _menu_name(url: str) -> str:
    """A menu URL's name; the user's own organisation's page is the entry ``home``."""
    name = _name(url)
    return "home" if name in ("obligations:holder-detail", "projects:performer-detail") else name


def _links(page: str) -> list[str]:
    main = page[page.index("<main") :]
    return [href.replace("&amp;", "&") for href in re.findall(r'<a [^>]*href="(/[^"#]*)"', main)]


def _name(url: str) -> str:
    try:
        return resolve(url.split("?")[0]).view_name
    except Resolver404:
        return ""


@pytest.mark.parametrize("persona", sorted(MENUS))
def test_each_role_is_offered_the_pages_it_can_use(world, persona):
    names, _role = MENUS[persona]
    client = world.client(persona)
    page = client.get(reverse("help:index")).content.decode()
    menu = _menu(page)
    assert [_menu_name(url) for url in menu] == names
    assert f'action="{reverse("search:results")}"' in page and f'href="{reverse("help:index")}"' in page


@pytest.mark.parametrize("persona", sorted(MENUS))
def test_no_link_of_a_menu_or_of_its_pages_leads_to_a_page_the_user_may_not_see(world, persona):
    client = world.client(persona)
    start = [reverse("help:index"), reverse("help:glossary"), f"{reverse('search:results')}?q={world.company_a.bin}", f"{reverse('search:results')}?q=НИОКР"]
    pages = _menu(client.get(reverse("help:index")).content.decode()) + start
    checked, refused = set(), []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, f"{persona}: {url} answers {response.status_code}"
        if "html" not in response.get("Content-Type", ""):
            continue
        per_kind = defaultdict(int)
        for link in _links(response.content.decode()):
            kind = _name(link)
            if link in checked or SKIP.search(link) or not kind or per_kind[kind] >= PER_KIND:
                continue
            per_kind[kind] += 1
            checked.add(link)
            status = client.get(link).status_code
            if status not in (200, 302):
                refused.append(f"{url} → {link}: {status}")
    assert refused == []
    assert len(checked) >= (3 if MENUS[persona][0] else 1)


def test_the_world_performer_works_for_an_aggregator(world):
    assert world.performer_org.kind == "aggregator"


def test_staff_of_a_performer_that_passes_no_money_on_see_their_page_and_agreements(world, django_user_model):
    institute = Organisation.objects.filter(kind="research_institute", agreements_performed__isnull=False).first()
    user = django_user_model.objects.create_user("institute-staff", password="x" * 12)
    Membership.objects.create(user=user, organisation=institute, role=Role.PERFORMER)
    client = Client()
    client.force_login(user)
    menu = _menu(client.get(reverse("help:index")).content.decode())
    # every performer reports its projects, stages and results (rd_* reports), so its menu has the reports
    assert [_menu_name(url) for url in menu] == ["home", "projects:agreement-list", "lifecycle:result-list", "intake:submission-list", "intake:job-list", "capability:audit-list"]
    assert menu[0] == reverse("projects:performer-detail", args=[institute.pk])
    for url in menu:
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", sorted(p for p in MENUS if MENUS[p][1]))
def test_the_help_of_a_role_lists_the_pages_of_its_menu(world, persona):
    names, role = MENUS[persona]
    if role == "performer":
        names = [name for name in names if name not in AGGREGATOR_PAGES]
    assert [page.name for page in ROLE_HELP[role].pages] == names


def test_a_page_left_out_of_a_menu_still_refuses_what_the_user_may_not_see(world):
    performer, company_b = world.client("performer"), world.client("company_b")
    assert performer.get(reverse("obligations:right-detail", args=[world.right_a.pk])).status_code == 404
    assert company_b.get(reverse("obligations:holder-detail", args=[world.company_a.pk])).status_code == 404
    assert company_b.get(reverse("control:flag-detail", args=[world.flag_a.pk])).status_code == 404


def test_a_company_sees_how_many_document_requests_wait_for_it(world):
    from niokr.control.pending import pending_requests_for

    waiting = pending_requests_for(world.users["company_a"]).count()
    page = world.client("company_a").get(reverse("help:index")).content.decode()
    bar = page[page.index('<ul class="navbar-nav') : page.index("</ul>")]
    if waiting:
        assert f'<span aria-hidden="true">{waiting}</span>' in bar
    else:
        assert "nav-count" not in bar
    assert "nav-count" not in world.client("auditor").get(reverse("help:index")).content.decode()
