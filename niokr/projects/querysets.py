"""Scoped querysets of the projects app: every read goes through ``visible_to(user)``.

Who sees an agreement or a payment (DESIGN.md §1):

* administrators and auditors — everything;
* regulators — agreements whose payer holds a right in their mineral groups, and payments
  credited to a right of those groups;
* company staff — where their organisation is the payer;
* performer staff — where their organisation is the performer.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from niokr.accounts.scoping import scope_for
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["KeyPagedQuerySet", "AgreementQuerySet", "PaymentQuerySet", "ProjectQuerySet", "LISTED_PAYMENT_FIELDS", "YearOf", "broad_scope"]


#: The fields of :meth:`PaymentQuerySet.listed`.
LISTED_PAYMENT_FIELDS = (
    "agreement", "right", "paid_on", "amount", "currency", "original_amount", "rate", "purpose", "document_number", "for_year", "source_submission",
    "agreement__number", "agreement__payer", "agreement__performer", "right__number", "right__holder", "right__mineral_group",
    *(f"agreement__{party}__{field}" for party in ("payer", "performer") for field in ("bin", "name_kk", "name_ru", "name_en")),
)


class YearOf(ExtractYear):
    """The year of a date, computed by the database itself.

    On SQLite Django extracts a year through a Python function that SQLite calls back for every
    row; ``strftime`` gives the same year (dates are stored as ``YYYY-MM-DD``) inside SQLite.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS integer)", params


def broad_scope(user) -> bool:
    """Whether ``user`` sees payments nationally or by mineral group, rather than one organisation's."""
    scope = scope_for(user)
    return scope.everything or bool(scope.mineral_groups)


def _party_ids(text: str):
    """Ids of the organisations with BIN ``text`` or a name (any language) containing it."""
    return Organisation.objects.search(text).values("pk")


class KeyPagedQuerySet(models.QuerySet):
    """A slice (a page) reads its keys from the filtered, ordered rows alone, then joins what it shows.

    A page sorted on an unindexed column would otherwise join every matching row to the tables of
    ``select_related`` before sorting them; here the sort runs over the narrow rows and only the
    page's rows are joined (``WHERE id IN (SELECT id … ORDER BY … LIMIT n OFFSET m)``).
    """

    def __getitem__(self, k):
        if isinstance(k, slice) and k.step is None and self.query.select_related and self._result_cache is None:
            return self.filter(pk__in=self.values("pk")[k])
        return super().__getitem__(k)


class AgreementQuerySet(KeyPagedQuerySet):
    def visible_to(self, user):
        """Agreements ``user`` may see (see the module docstring)."""
        scope = scope_for(user)
        if scope.everything:
            return self
        q = Q(payer_id__in=scope.organisation_ids) | Q(performer_id__in=scope.organisation_ids)
        if scope.mineral_groups:
            q |= Exists(SubsoilRight.objects.filter(holder=OuterRef("payer_id"), mineral_group__in=scope.mineral_groups))
        return self.filter(q)

    def paid_by(self, text: str):
        """Agreements whose payer has BIN ``text`` or a name containing it."""
        return self.filter(payer_id__in=_party_ids(text))

    def performed_by(self, text: str):
        """Agreements whose performer has BIN ``text`` or a name containing it."""
        return self.filter(performer_id__in=_party_ids(text))

    def with_payments_to(self, right_number: str):
        """Agreements with at least one payment credited to the right numbered ``right_number``."""
        from niokr.projects.models import Payment

        return self.filter(Exists(Payment.objects.filter(agreement=OuterRef("pk"), right__number__iexact=right_number.strip())))


class PaymentQuerySet(KeyPagedQuerySet):
    def visible_to(self, user):
        """Payments ``user`` may see (see the module docstring)."""
        scope = scope_for(user)
        if scope.everything:
            return self
        q = Q()
        if scope.organisation_ids:
            from niokr.projects.models import Agreement

            own = Agreement.objects.filter(Q(payer_id__in=scope.organisation_ids) | Q(performer_id__in=scope.organisation_ids))
            q |= Q(agreement_id__in=own.values("pk"))
        if scope.mineral_groups:
            q |= Q(right_id__in=SubsoilRight.objects.filter(mineral_group__in=scope.mineral_groups).values("pk"))
        return self.filter(q) if q else self.none()

    def latest_first(self, *, broad: bool):
        """Latest first: by payment date, or — for a ``broad`` set (national, unfiltered) — by recording order.

        Sorting a million rows by date reads the whole table; the primary key gives the latest
        recorded rows from its index at once. A narrower set (one company's, a filter's) is sorted
        by date, which reads only its own rows: walking the key index backwards through a sparse
        set would read most of the table before it found a page.
        """
        return self.order_by("-id") if broad else self.order_by("-paid_on", "-id")

    def listed(self):
        """With the agreement, its parties and the right joined, reading only what a list of payments shows.

        A list (the payment table's cells, links and exports; the API's fields) shows a payment, the
        agreement's number, the parties' BINs and names and the right's number: a page does not
        load every other field of the agreement, the two organisations and the right.
        """
        return self.select_related("agreement__payer", "agreement__performer", "right").only(*LISTED_PAYMENT_FIELDS)

    def paid_by(self, text: str):
        """Payments whose payer has BIN ``text`` or a name containing it."""
        from niokr.projects.models import Agreement

        return self.filter(agreement_id__in=Agreement.objects.paid_by(text).values("pk"))

    def received_by(self, text: str):
        """Payments whose performer has BIN ``text`` or a name containing it."""
        from niokr.projects.models import Agreement

        return self.filter(agreement_id__in=Agreement.objects.performed_by(text).values("pk"))


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Projects ``user`` may see: regulators and auditors all; performers their own;
        company staff the projects of agreements their organisation pays for."""
        scope = scope_for(user)
        if scope.everything or scope.mineral_groups:
            return self
        from niokr.projects.models import Agreement, Project

        # One set of ids from two indexed lookups (a UNION), not an OR with a correlated EXISTS,
        # which makes the database test every project of the country (the results registry reads
        # this set for each page).
        own = Project.objects.order_by().filter(performer_id__in=scope.organisation_ids).values("pk")
        paid = Agreement.objects.order_by().filter(payer_id__in=scope.organisation_ids, project__isnull=False).values("project_id")
        return self.filter(pk__in=own.union(paid))
