"""Filters of agreements and payments: one FilterSet per model serves the page and the API.

Payer and performer are found by BIN (exact) or by name in any language; amounts by range;
dates by range; a right by its number.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection
from niokr.core.filtersets import ANY, ID_BOUNDS, YEAR_BOUNDS, IntegerFilter, PageFilterSet, labelled_choices
from niokr.projects.models import Agreement, Payment

__all__ = ["AgreementFilterSet", "PaymentFilterSet"]


class AgreementFilterSet(PageFilterSet):
    """Agreements by payer, performer, number, direction, year signed, right paid to, amount and date."""

    payer = django_filters.CharFilter(label=_("Payer: BIN or name"), method="filter_payer")
    performer = django_filters.CharFilter(label=_("Performer: BIN or name"), method="filter_performer")
    number = django_filters.CharFilter(label=_("Number"), lookup_expr="icontains")
    direction = django_filters.ChoiceFilter(field_name="priority_direction", label=_("Priority direction"), choices=labelled_choices(PriorityDirection), empty_label=ANY)
    year = IntegerFilter(field_name="signed_on", lookup_expr="year", label=_("Year signed"), **YEAR_BOUNDS)
    right = django_filters.CharFilter(label=_("Right number"), method="filter_right")
    amount = django_filters.RangeFilter(label=_("Amount, KZT"))
    signed = django_filters.DateFromToRangeFilter(field_name="signed_on", label=_("Signed between"))

    class Meta:
        model = Agreement
        fields = ["payer", "performer", "number", "direction", "year", "right", "amount", "signed"]

    def filter_payer(self, qs, name, value: str):
        return qs.paid_by(value)

    def filter_performer(self, qs, name, value: str):
        return qs.performed_by(value)

    def filter_right(self, qs, name, value: str):
        return qs.with_payments_to(value)


class PaymentFilterSet(PageFilterSet):
    """Payments by payer, performer, direction, year paid or credited, right, currency, amount, date, submission."""

    payer = django_filters.CharFilter(label=_("Payer: BIN or name"), method="filter_payer")
    performer = django_filters.CharFilter(label=_("Performer: BIN or name"), method="filter_performer")
    direction = django_filters.ChoiceFilter(field_name="agreement__priority_direction", label=_("Priority direction"), choices=labelled_choices(PriorityDirection), empty_label=ANY)
    year = IntegerFilter(field_name="paid_on", lookup_expr="year", label=_("Year paid"), **YEAR_BOUNDS)
    for_year = IntegerFilter(label=_("Year credited"), min_value=0, max_value=32767)
    right = django_filters.CharFilter(field_name="right__number", lookup_expr="iexact", label=_("Right number"))
    currency = django_filters.CharFilter(label=_("Currency"), method="filter_currency")
    amount = django_filters.RangeFilter(label=_("Amount, KZT"))
    paid = django_filters.DateFromToRangeFilter(field_name="paid_on", label=_("Paid between"))
    # Set by the link from a report's page to its payments; not a field a person types (ids are not shown).
    submission = IntegerFilter(field_name="source_submission", label=_("Submission"), widget=forms.HiddenInput, **ID_BOUNDS)
    agreement = IntegerFilter(field_name="agreement_id", label=_("Agreement"), widget=forms.HiddenInput, **ID_BOUNDS)

    class Meta:
        model = Payment
        fields = ["payer", "performer", "direction", "year", "for_year", "right", "currency", "amount", "paid", "submission", "agreement"]

    def filter_payer(self, qs, name, value: str):
        return qs.paid_by(value)

    def filter_performer(self, qs, name, value: str):
        return qs.received_by(value)

    def filter_currency(self, qs, name, value: str):
        return qs.filter(currency=value.strip().upper())
