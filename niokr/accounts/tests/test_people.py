"""People are named by their name in the reader's language, never by their login, wherever a page names them.

One helper (:mod:`niokr.accounts.people`) turns a user or a stored login into the name: a detail
page through ``{{ value|person }}``, a list page through ``PersonColumn`` (every name of the page in
one query), an export likewise. The login is shown only for an account that no longer exists.
"""

from __future__ import annotations

import django_tables2 as tables
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from niokr.accounts.people import PeopleNames, PersonColumn, person_name
from niokr.core.tables import export_cells

pytestmark = pytest.mark.django_db

NAMES = {"kk": "Динара Әлиева", "ru": "Динара Алиева", "en": "Dinara Aliyeva"}


@pytest.fixture
def dinara():
    return get_user_model().objects.create_user("dinara", first_name="Динара", last_name="Алиева", name_kk=NAMES["kk"], name_en=NAMES["en"])


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_user_and_a_stored_login_are_named_in_the_readers_language(dinara, language):
    with translation.override(language):
        assert person_name(dinara) == NAMES[language]
        assert person_name("dinara") == NAMES[language]
        assert Template("{% load people %}{{ who|person }}").render(Context({"who": "dinara"})) == NAMES[language]


def test_the_login_is_shown_only_for_an_account_that_is_gone_or_has_no_name():
    get_user_model().objects.create_user("nameless")
    with translation.override("ru"):
        assert person_name("gone_user") == "gone_user"
        assert person_name("nameless") == "nameless"
        assert person_name("") == "—" and person_name(None) == "—"
        assert person_name("system") == "система"
    with translation.override("en"):
        assert person_name("system") == "the system"


def test_many_logins_are_read_in_one_query(dinara):
    User = get_user_model()
    for n in range(5):
        User.objects.create_user(f"person{n}", first_name=f"Имя{n}", last_name="Фамилия")
    names = PeopleNames()
    with CaptureQueriesContext(connection) as queries:
        names.prime(["dinara", *(f"person{n}" for n in range(5)), "gone_user", "dinara"])
        with translation.override("en"):
            assert names("dinara") == NAMES["en"] and names("person3") == "Имя3 Фамилия" and names("gone_user") == "gone_user"
    assert len(queries) == 1


class _Table(tables.Table):
    who = PersonColumn(verbose_name="Who")
    run_by = PersonColumn(verbose_name="Run by", nobody="the system")

    class Meta:
        fields = ("who", "run_by")


def test_a_list_page_names_every_person_of_the_page_in_one_query(dinara):
    User = get_user_model()
    for n in range(10):
        User.objects.create_user(f"person{n}", first_name=f"Имя{n}", last_name="Фамилия")
    rows = [{"who": f"person{n % 10}", "run_by": ""} for n in range(30)] + [{"who": "dinara", "run_by": "dinara"}, {"who": "gone_user", "run_by": "system"}]
    table = _Table(rows)
    tables.RequestConfig(RequestFactory().get("/"), paginate={"per_page": 50}).configure(table)
    with translation.override("kk"), CaptureQueriesContext(connection) as queries:
        cells = [(row.get_cell("who"), row.get_cell("run_by")) for row in table.paginated_rows]
    assert len(queries) == 1
    assert cells[0] == ("Имя0 Фамилия", "the system")
    assert cells[30] == (NAMES["kk"], NAMES["kk"]) and cells[31][0] == "gone_user"
    assert not any(who.startswith("person") for who, _ in cells)


def test_an_export_writes_names(dinara):
    with translation.override("en"):
        headers, rows = export_cells(_Table([{"who": "dinara", "run_by": ""}, {"who": None, "run_by": "dinara"}]))
        assert list(rows) == [[NAMES["en"], "the system"], ["", NAMES["en"]]]
