"""Forms of the intake pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from niokr.intake.choices import SubmissionKind
from niokr.intake.filtersets import OrganisationChoiceField
from niokr.intake.services import may_submit, submittable_kinds, submitting_organisations

__all__ = ["UploadForm"]

QUARTERS = [("", _("Whole year")), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")]


class UploadForm(forms.Form):
    """A report file with what it is: kind, period and the organisation it is sent for.

    The organisations offered are those the user may send something for; the combination of
    organisation and kind is checked against :func:`niokr.intake.services.may_submit`.
    """

    kind = forms.ChoiceField(label=_("Kind"), choices=SubmissionKind.choices)
    period_year = forms.IntegerField(label=_("Reporting year"), min_value=2000, max_value=2100)
    period_quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False)
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=None)
    file = forms.FileField(label=_("File"), help_text=_("XLSX, CSV or JSON in the layout of the template."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = submitting_organisations(user).only("pk", "bin", "name_kk", "name_ru", "name_en").order_by("name_ru")
        self.fields["organisation"].queryset = organisations
        kinds = submittable_kinds(user)
        self.fields["kind"].choices = [(value, label) for value, label in SubmissionKind.choices if value in kinds]
        if not self.is_bound:
            first_two = list(organisations[:2])
            if len(first_two) == 1:
                self.fields["organisation"].initial = first_two[0].pk
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        organisation, kind = cleaned.get("organisation"), cleaned.get("kind")
        if organisation is not None and kind and not may_submit(self.user, organisation, kind):
            self.add_error("kind", _("You may not send this kind of file for this organisation."))
        return cleaned
