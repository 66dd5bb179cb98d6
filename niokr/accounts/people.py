"""People named as a reader expects: by their name in the page's language, not by their login.

Records keep who did something either as a user (a foreign key) or as the login frozen at the
time (``Submission.created_by``, ``ControlRun.started_by``, ``AuditEvent.actor_name``). Pages,
tables and exports show the person's name in the active language (``name_kk``, the first and
last name, ``name_en``); the login only when the account no longer exists or has no name.

- :func:`person_name` — one user or login (a detail page; the ``person`` template filter).
- :class:`PeopleNames` — many logins read in one query (a list page, an export).
- :class:`PersonColumn` — a django-tables2 column of a user or login: a page's names in one
  query, an export's as they come (one query per person not seen yet).
"""

from __future__ import annotations

from collections.abc import Iterable

import django_tables2 as tables
from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import gettext

from niokr.core.templatetags.niokr import localized

__all__ = ["person_name", "PeopleNames", "PersonColumn", "SYSTEM"]

#: The login recorded for what no person started (a scheduled run, a command): named "the system".
SYSTEM = "system"

#: What a user record must hold to be named (the rest of the row is not read).
_NAME_FIELDS = ("username", "first_name", "last_name", "name_kk", "name_en")


def _name_of(user) -> str:
    """The user's name in the active language; the login for an account without a name."""
    if not (user.get_full_name() or user.name_kk or user.name_en):
        return user.get_username()
    return localized(user, "name")


class PeopleNames:
    """Logins → names in the active language, each login read once (:meth:`prime` reads many in one query)."""

    def __init__(self) -> None:
        self._users: dict[str, object] = {}
        self._missing: set[str] = set()

    def prime(self, keys: Iterable) -> None:
        """Read every login of ``keys`` not read yet (users given as objects are kept as they are)."""
        wanted = set()
        for key in keys:
            if key is None or key == "":
                continue
            if hasattr(key, "get_username"):
                self._users.setdefault(key.get_username(), key)
            elif str(key) not in self._users and str(key) not in self._missing:
                wanted.add(str(key))
        if not wanted:
            return
        User = get_user_model()
        for user in User.objects.filter(**{f"{User.USERNAME_FIELD}__in": wanted}).only(*_NAME_FIELDS):
            self._users[user.get_username()] = user
        self._missing |= wanted - set(self._users)

    def __call__(self, key) -> str:
        """The name of ``key`` (a user or a login); ``""`` for nobody; the login of an account that is gone."""
        if key is None or key == "":
            return ""
        if hasattr(key, "get_username"):
            return _name_of(key)
        key = str(key)
        self.prime([key])
        user = self._users.get(key)
        if user is not None:
            return _name_of(user)
        return gettext("the system") if key == SYSTEM else key


def person_name(key) -> str:
    """The person behind a user or a stored login, named in the active language (``—`` for nobody).

    Detail pages use it through the ``person`` filter (``{{ submission.created_by|person }}``,
    ``{% load people %}``); list pages and exports use :class:`PersonColumn` or :class:`PeopleNames`.
    """
    return PeopleNames()(key) or "—"


class PersonColumn(tables.Column):
    """A user or a stored login shown as the person's name.

    On a page the names of every row of the page (of every person column) are read in one query on
    the first cell; an export reads each person not seen yet as the rows come. ``nobody`` is shown for an empty value
    when given (``the system`` for a run nobody started).
    """

    def __init__(self, *args, nobody=None, **kwargs):
        kwargs.setdefault("orderable", False)  # a name is not what the database sorts by
        self.nobody = nobody
        if nobody is not None:
            kwargs.setdefault("default", nobody)
        self.names = PeopleNames()
        super().__init__(*args, **kwargs)

    def _prime(self, table) -> None:
        """Read the names of every person column of the table's page at once; they share them."""
        shared = table.__dict__.get("_people_names")
        if shared is None:
            shared = table.__dict__["_people_names"] = PeopleNames()
            page = getattr(table, "page", None)
            rows = page.object_list if page is not None else table.data  # a page holds bound rows
            records = [getattr(row, "record", row) for row in rows]
            accessors = [c.accessor for c in table.columns.iterall() if isinstance(c.column, PersonColumn)]
            shared.prime(a.resolve(record, quiet=True) for record in records for a in accessors)
        self.names = shared

    def _text(self, value) -> str:
        if (value is None or value == "") and self.nobody is not None:
            return str(self.nobody)
        return self.names(value) or "—"

    def render(self, value, record, table, bound_column):
        self._prime(table)
        return self._text(value)

    def value(self, value, **kwargs):
        return strip_tags(self._text(value))

    def export(self, record, accessor):
        """The name as an export writes it (see :func:`niokr.core.tables.export_cells`)."""
        value = accessor.resolve(record, quiet=True)
        text = self._text(value)
        return "" if text == "—" else text
