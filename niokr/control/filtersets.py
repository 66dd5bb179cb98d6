"""Filters of the control lists: one FilterSet per model serves the page and the API.

A subsoil user is found by BIN (exact) or by name in any language, as in the other apps. The risk
scores list subsoil-user-years unless another subject type is asked for: the question a list of
scores answers first is "which companies, which years".
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from niokr.control import indicators
from niokr.control.choices import CaseStatus, NoticeKind, RunStatus, SubjectType
from niokr.control.evidence import language
from niokr.control.models import AuditCase, ControlRun, Flag, Notice, RiskScore
from niokr.core.filtersets import ANY, YEAR_BOUNDS, IntegerFilter, PageFilterSet
from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.registry.models import Organisation

__all__ = ["FlagFilterSet", "RiskScoreFilterSet", "AuditCaseFilterSet", "NoticeFilterSet", "ControlRunFilterSet", "indicator_codes"]

_MONEY_BOUNDS = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES, "min_value": 0}


def indicator_codes() -> list[tuple[str, str]]:
    """The select of the indicator filter: every indicator of the catalogue by its title in the active language, its code beside it."""
    lang = language()
    return [("", ANY)] + [(i.code, f"{i.title.get(lang) or i.title['en']} ({i.code})") for i in indicators.catalogue()]


def _payers(text: str):
    """Ids of the organisations with BIN ``text`` or a name (any language) containing it."""
    return Organisation.objects.search(text).values("pk")


@extend_schema_field(OpenApiTypes.STR)
class PayerFilter(django_filters.CharFilter):
    """A subsoil user by BIN or name, over the field ``field_name`` (a subsoil-user id)."""

    def filter(self, qs, value):
        value = (value or "").strip()
        return qs.filter(**{f"{self.field_name}__in": _payers(value)}) if value else qs


class FlagFilterSet(PageFilterSet):
    """Flags by indicator, subject type, subsoil user (BIN or name), year and minimum amount at stake."""

    # A code filter with a select of the catalogue's codes: the API schema stays independent of it.
    indicator = django_filters.CharFilter(label=_("Indicator"), widget=forms.Select(choices=indicator_codes))
    subject_type = django_filters.ChoiceFilter(label=_("Subject type"), choices=SubjectType.choices, empty_label=ANY)
    payer = PayerFilter(field_name="payer_id", label=_("Subsoil user: BIN or name"))
    year = IntegerFilter(label=_("Year"), **YEAR_BOUNDS)
    min_amount = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("Amount at stake from, KZT"), **_MONEY_BOUNDS)

    class Meta:
        model = Flag
        fields = ["indicator", "subject_type", "payer", "year", "min_amount"]


class RiskScoreFilterSet(PageFilterSet):
    """Scores by subject type (subsoil-user-years when none is given), subsoil user, year and minimum score."""

    # Subsoil-user-years first: the list shows them when no type is asked for, and the select says so.
    subject_type = django_filters.ChoiceFilter(
        label=_("Subject type"), choices=sorted(SubjectType.choices, key=lambda c: c[0] != SubjectType.PAYER_YEAR), empty_label=None, method="keep",
        help_text=_("Subsoil user and year when not given"),
    )
    payer = PayerFilter(field_name="payer_id", label=_("Subsoil user: BIN or name"))
    year = IntegerFilter(label=_("Year"), **YEAR_BOUNDS)
    min_score = IntegerFilter(field_name="score", lookup_expr="gte", label=_("Score from"), min_value=0, max_value=100)

    class Meta:
        model = RiskScore
        fields = ["subject_type", "payer", "year", "min_score"]

    def keep(self, queryset, name, value):
        """Applied in :meth:`filter_queryset`, with its default."""
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.filter(subject_type=self.form.cleaned_data.get("subject_type") or SubjectType.PAYER_YEAR)

    @property
    def qs(self):
        # An unbound FilterSet (no query string at all) filters nothing: the default applies here.
        queryset = super().qs
        if not self.is_bound and not getattr(self, "_defaulted", False):
            self._qs = queryset = queryset.filter(subject_type=SubjectType.PAYER_YEAR)
            self._defaulted = True
        return queryset


class AuditCaseFilterSet(PageFilterSet):
    """Cases by reference, subsoil user (BIN or name) and status."""

    reference = django_filters.CharFilter(label=_("Reference"), lookup_expr="icontains")
    payer = PayerFilter(field_name="payer_id", label=_("Subsoil user: BIN or name"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices, empty_label=ANY)

    class Meta:
        model = AuditCase
        fields = ["reference", "payer", "status"]


class NoticeFilterSet(PageFilterSet):
    """Notices by kind and by the reference of their case."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NoticeKind.choices, empty_label=ANY)
    case = django_filters.CharFilter(field_name="case__reference", lookup_expr="icontains", label=_("Case reference"))

    class Meta:
        model = Notice
        fields = ["kind", "case"]


class ControlRunFilterSet(PageFilterSet):
    """Runs by status and scope (a subsoil user by BIN or name)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=RunStatus.choices, empty_label=ANY)
    payer = PayerFilter(field_name="payer_id", label=_("Subsoil user: BIN or name"))

    class Meta:
        model = ControlRun
        fields = ["status", "payer"]
