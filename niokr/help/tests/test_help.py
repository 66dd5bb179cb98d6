"""The help pages and the glossary: complete in kk, ru and en, each written in its own language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.core.reference import LABELS
from niokr.help.audience import ROLES, roles_of
from niokr.help.content import EVERYWHERE, GLOSSARY, ROLE_HELP, term

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
#: Terms an English text quotes in the original (the glossary gives each its English name too).
QUOTED = ("НИОКР", "ҒЗТКЖ", "СГД", "ЖЖТ")


def _texts():
    """Every (where, Label) of the help and the glossary."""
    for t in GLOSSARY:
        yield f"glossary {t.key}", t.name
        yield f"glossary {t.key}", t.text
        for item in t.items:
            yield f"glossary {t.key} item", item.name
            yield f"glossary {t.key} item", item.text
    for role, page in ROLE_HELP.items():
        yield f"help {role}", page.intro
        for p in page.pages:
            yield f"help {role} {p.name}", p.text
        for task in page.tasks:
            yield f"help {role} task", task
    yield "everywhere", EVERYWHERE


def test_every_text_is_written_in_its_language():
    problems = []
    for where, label in _texts():
        if len(label.kk) >= 40 and not KAZAKH_LETTERS & set(label.kk):
            problems.append(f"{where}: kk without Kazakh letters: {label.kk[:60]}")
        if not CYRILLIC.search(label.ru) or KAZAKH_LETTERS & set(label.ru):
            problems.append(f"{where}: ru is not Russian: {label.ru[:60]}")
        english = label.en
        for quoted in QUOTED:
            english = english.replace(quoted, "")
        if CYRILLIC.search(english):
            problems.append(f"{where}: en holds Cyrillic: {label.en[:60]}")
        if len(label.ru) > 12 and label.ru in (label.kk, label.en):
            problems.append(f"{where}: one text for two languages")
    assert problems == []


def test_every_role_has_a_help_page_and_its_pages_exist():
    assert set(ROLE_HELP) == {r.value for r in ROLES}
    for page in ROLE_HELP.values():
        assert page.pages and page.tasks
        for p in page.pages:
            reverse(p.name)


def test_the_glossary_holds_the_terms_users_meet():
    keys = [t.key for t in GLOSSARY]
    assert len(keys) == len(set(keys))
    for t in GLOSSARY:
        assert set(t.see) <= set(keys), t.key
    for key in ("niokr", "base", "sgd", "production-costs", "kbk-401103", "regime", "status", "indicator", "right", "arrears", "credit", "flag", "audit-case"):
        assert key in keys
    assert "СГД" in term("sgd").name.ru and "ЖЖТ" in term("sgd").name.kk and "aggregate annual income" in term("sgd").name.en
    assert "401103" in term("kbk-401103").name.en
    assert len(term("regime").items) == 4
    statuses = {item.name.ru for item in term("status").items}
    assert {label.ru for label in LABELS["obligations.YearStatus"].values()} <= statuses


@pytest.fixture
def people(build, django_user_model):
    company = build.org(name="ТОО «Тест»")
    ministry = build.org(kind="state_body", name="Министерство энергетики")
    users = {}
    for name, role, org, authority in (("company", Role.COMPANY, company, ""), ("regulator", Role.REGULATOR, ministry, "energy")):
        users[name] = django_user_model.objects.create_user(name, password="x" * 12)
        Membership.objects.create(user=users[name], organisation=org, role=role, authority=authority)
    users["outsider"] = django_user_model.objects.create_user("outsider", password="x" * 12)
    users["admin"] = django_user_model.objects.create_superuser("admin", password="x" * 12)
    return users


def _client(user, language):
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_user_reads_the_help_of_their_own_role_in_their_language(people):
    assert roles_of(people["company"]) == ["company"] and roles_of(people["admin"]) == ["administrator"]
    for language in ("kk", "ru", "en"):
        page = _client(people["company"], language).get(reverse("help:index")).content.decode()
        assert escape(ROLE_HELP[Role.COMPANY].intro.get(language)) in page
        assert escape(LABELS["accounts.Role"]["company"].get(language)) in page
        for task in ROLE_HELP[Role.COMPANY].tasks:
            assert escape(task.get(language)) in page


@pytest.mark.django_db
def test_another_roles_help_describes_its_pages_without_linking_what_the_user_cannot_use(people):
    client = _client(people["company"], "en")
    page = client.get(reverse("help:index"), {"role": "regulator"}).content.decode()
    assert escape(ROLE_HELP[Role.REGULATOR].intro.en) in page
    main = page[page.index("<main") :]
    assert f'href="{reverse("registry:organisation-list")}"' not in main  # the registry is not in a company's menu
    assert f'href="{reverse("projects:agreement-list")}"' in main  # the agreements are
    assert client.get(reverse("help:index"), {"role": "'; DROP TABLE x; --"}).status_code == 200


@pytest.mark.django_db
def test_the_help_pages_links_answer_the_user(people):
    for name in ("company", "regulator", "admin", "outsider"):
        client = _client(people[name], "ru")
        for role in [""] + [r.value for r in ROLES]:
            page = client.get(reverse("help:index"), {"role": role} if role else {}).content.decode()
            main = page[page.index("<main") :]
            for href in set(re.findall(r'href="(/[^"?#]*)"', main)):
                assert client.get(href).status_code == 200, (name, role, href)


@pytest.mark.django_db
def test_the_glossary_lists_every_term_in_each_language_with_anchors(people):
    for language in ("kk", "ru", "en"):
        page = _client(people["regulator"], language).get(reverse("help:glossary")).content.decode()
        for t in GLOSSARY:
            assert f'id="{t.key}"' in page and escape(t.name.get(language)) in page and escape(t.text.get(language)) in page
            for item in t.items:
                assert escape(item.text.get(language)) in page


@pytest.mark.django_db
def test_help_is_for_signed_in_users_only():
    for name in ("help:index", "help:glossary"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_user_without_a_role_is_told_to_ask_for_one(people):
    page = _client(people["outsider"], "en").get(reverse("help:index")).content.decode()
    assert "Ask an administrator to grant you a role." in page
    assert "Ask an administrator" not in _client(people["company"], "en").get(reverse("help:index")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.EXPERT, Role.SELECTION_OFFICER])
def test_the_lifecycles_people_read_their_own_roles_help_not_the_administrators(build, django_user_model, role):
    body = build.org(kind="state_body", name="Министерство энергетики")
    user = django_user_model.objects.create_user(f"lc-{role}", password="x" * 12)
    Membership.objects.create(user=user, organisation=body, role=role, authority="energy" if role.startswith("council") else "")
    assert roles_of(user) == [role.value]
    for language in ("kk", "ru"):
        page = _client(user, language).get(reverse("help:index")).content.decode()
        assert escape(ROLE_HELP[role].intro.get(language)) in page
        assert escape(ROLE_HELP[Role.ADMINISTRATOR].intro.get(language)) not in page
