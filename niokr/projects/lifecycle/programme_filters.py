"""Filters of the programme list: one FilterSet serves the page and the API.

The programme's words live in its versions: the list reads the current version's title, priority
direction and budget (:func:`listed_programmes`), and the filters of priority and year read the
current version too.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import Authority, PriorityDirection
from niokr.core.filtersets import ANY, YEAR_BOUNDS, IntegerFilter, PageFilterSet, labelled_choices
from niokr.projects.choices import ProgrammeKind, ProgrammeStatus
from niokr.projects.models import Programme, ProgrammeBudget, ProgrammeVersion

__all__ = ["ProgrammeFilterSet", "listed_programmes"]


def listed_programmes(queryset):
    """``queryset`` with the current version's number, titles, direction, submission date and budget total."""
    current = ProgrammeVersion.objects.filter(programme=OuterRef("pk")).order_by("-number")
    total = (
        ProgrammeBudget.objects.filter(version__programme=OuterRef("pk"), version__number=OuterRef("version_number"))
        .order_by().values("version__programme").annotate(total=Sum("amount")).values("total")
    )
    return queryset.select_related("applicant").annotate(
        version_number=Subquery(current.values("number")[:1]),
        title_kk=Subquery(current.values("title_kk")[:1]),
        title_ru=Subquery(current.values("title_ru")[:1]),
        title_en=Subquery(current.values("title_en")[:1]),
        priority_direction=Subquery(current.values("priority_direction")[:1]),
        submitted_at=Subquery(current.values("submitted_at")[:1]),
    ).annotate(budget_total=Subquery(total[:1]))


class ProgrammeFilterSet(PageFilterSet):
    """Programmes by reference, applicant, status, kind, priority direction, ministry and budget year."""

    reference = django_filters.CharFilter(label=_("Reference"), lookup_expr="icontains")
    applicant = django_filters.CharFilter(label=_("Applicant: BIN or name"), method="filter_applicant")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProgrammeStatus.choices, empty_label=ANY)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProgrammeKind.choices, empty_label=ANY)
    priority = django_filters.ChoiceFilter(label=_("Priority direction"), choices=labelled_choices(PriorityDirection), empty_label=ANY, method="filter_priority")
    ministry = django_filters.ChoiceFilter(field_name="authority", label=_("Ministry"), choices=labelled_choices(Authority), empty_label=ANY)
    year = IntegerFilter(label=_("Budget year"), method="filter_year", **YEAR_BOUNDS)

    class Meta:
        model = Programme
        fields = ["reference", "applicant", "status", "kind", "priority", "ministry", "year"]

    def filter_applicant(self, qs, name, value: str):
        text = value.strip()
        if text.isdigit():
            return qs.filter(applicant__bin__startswith=text)
        return qs.filter(Q(applicant__name_ru__icontains=text) | Q(applicant__name_kk__icontains=text) | Q(applicant__name_en__icontains=text))

    def filter_priority(self, qs, name, value: str):
        current = ProgrammeVersion.objects.filter(programme=OuterRef("pk")).order_by("-number").values("priority_direction")[:1]
        return qs.annotate(_current_priority=Subquery(current)).filter(_current_priority=value)

    def filter_year(self, qs, name, value: int):
        latest = ProgrammeVersion.objects.filter(programme=OuterRef(OuterRef("pk"))).order_by("-number").values("number")[:1]
        return qs.filter(Exists(ProgrammeBudget.objects.filter(version__programme=OuterRef("pk"), year=value, version__number=Subquery(latest))))
