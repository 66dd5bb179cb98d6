"""Filters of the intake lists: one FilterSet per model serves the page and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.numbering import normalise_reference
from niokr.intake.choices import SubmissionKind, SubmissionStatus
from niokr.intake.models import JobKind, JobRecord, JobStatus, Submission
from niokr.registry.models import Organisation

__all__ = ["SubmissionFilterSet", "JobFilterSet", "OrganisationChoiceField"]


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations by their name in the reader's language, with the BIN."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name((get_language() or 'ru')[:2])} ({obj.bin})"


class OrganisationFilter(django_filters.ModelChoiceFilter):
    field_class = OrganisationChoiceField


def _submitting_organisations(request):
    """The organisations in the user's scope that have sent something."""
    if request is None:
        return Organisation.objects.none()
    sent = Submission.objects.filter(organisation=OuterRef("pk"))
    return Organisation.objects.visible_to(request.user).filter(Exists(sent)).only("pk", "bin", "name_kk", "name_ru", "name_en")


class _BootstrapFilterSet(django_filters.FilterSet):
    """Bootstrap's small form controls on every filter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if is_select else "form-control form-control-sm")


class SubmissionFilterSet(_BootstrapFilterSet):
    """Submissions by reference, organisation (or its BIN), kind, reporting year and quarter, and status."""

    reference = django_filters.CharFilter(method="filter_reference", label=_("Reference"), max_length=40)
    organisation = OrganisationFilter(queryset=_submitting_organisations, label=_("Organisation"))
    bin = django_filters.CharFilter(field_name="organisation__bin", label=_("BIN"), max_length=12)
    kind = django_filters.ChoiceFilter(choices=SubmissionKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(field_name="period_year", label=_("Year"))
    quarter = django_filters.NumberFilter(field_name="period_quarter", label=_("Quarter"))
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices, label=_("Status"))

    class Meta:
        model = Submission
        fields = ["reference", "organisation", "bin", "kind", "year", "quarter", "status"]

    def filter_reference(self, queryset, name, value):
        """The reference however typed ("sub 2026 42"); a part of one ("000042") finds those that contain it."""
        value = (value or "").strip()
        if not value:
            return queryset
        exact = normalise_reference(value)
        return queryset.filter(reference=exact) if exact else queryset.filter(reference__icontains=value)


class JobFilterSet(_BootstrapFilterSet):
    """Jobs by kind and status."""

    kind = django_filters.ChoiceFilter(choices=JobKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=JobStatus.choices, label=_("Status"))

    class Meta:
        model = JobRecord
        fields = ["kind", "status"]
