"""Forms of the portfolio pages: every input validated before a service sees it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection, TCCSector
from niokr.core.reference import label
from niokr.portfolio.choices import SubjectKind

_SELECT = {"class": "form-select form-select-sm"}


def _labelled(enum, *, blank: str | None = None):
    def choices():
        items = [(v, label(v, enum=enum)) for v in enum.values]
        return ([("", blank)] if blank is not None else []) + items
    return choices


class YearForm(forms.Form):
    """The year of the breakdowns (a choice among the years with figures)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, widget=forms.Select(attrs=_SELECT))

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]


class ReviewFilterForm(forms.Form):
    """Filters of the review list: the kind of record and the suggested direction."""

    kind = forms.ChoiceField(label=_("Kind of record"), required=False, choices=[("", _("Any"))] + list(SubjectKind.choices), widget=forms.Select(attrs=_SELECT))
    direction = forms.ChoiceField(label=_("Suggested direction"), required=False, widget=forms.Select(attrs=_SELECT))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = _labelled(PriorityDirection, blank=str(_("Any")))()


class ConfirmForm(forms.Form):
    """Confirm or correct one tag: the direction and sector a person decides, and an optional note."""

    tag = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    direction = forms.ChoiceField(label=_("Priority direction"), widget=forms.Select(attrs=_SELECT))
    sector = forms.ChoiceField(label=_("TCC sector"), required=False, widget=forms.Select(attrs=_SELECT))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = _labelled(PriorityDirection)()
        self.fields["sector"].choices = _labelled(TCCSector, blank="—")()

    def clean_note(self):
        note = self.cleaned_data.get("note") or ""
        if "\x00" in note:
            raise forms.ValidationError(_("The note holds a character that is not allowed."))
        return note


class BulkConfirmForm(forms.Form):
    """The tags of a page of the review list to confirm as suggested."""

    tags = forms.CharField(max_length=2000, widget=forms.HiddenInput)

    def clean_tags(self):
        from niokr.portfolio.services import BULK_CONFIRM_MAX

        raw = [p for p in (self.cleaned_data.get("tags") or "").split(",") if p.strip()]
        if not raw or len(raw) > BULK_CONFIRM_MAX or not all(p.strip().isdigit() and len(p.strip()) <= 18 for p in raw):
            raise forms.ValidationError(_("Choose the tags to confirm."))
        return [int(p) for p in raw]


class TargetForm(forms.Form):
    """The policy target: from which year, the least share to the three priorities, and its basis."""

    from_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    share_percent = forms.DecimalField(label=_("Least share to the three priorities, %"), min_value=0, max_value=100, max_digits=5, decimal_places=2, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}))
    basis = forms.CharField(label=_("Basis"), required=False, max_length=500, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
