"""Forms of stages, acts and results: they parse what was posted; the services decide and refuse."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.projects.choices import Indexing, PatentOffice, ResultKind
from niokr.projects.lifecycle.documents import EVIDENCE_KINDS, REPORT_KINDS, check_document

__all__ = ["StageForm", "ReportForm", "ActForm", "ReturnForm", "LinkPaymentForm", "ResultForm", "EvidenceForm", "DecisionForm"]

_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
_MONEY = {"max_digits": 20, "decimal_places": 2}


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


def _document(upload, kinds):
    if upload is not None:
        check_document(upload, kinds)
    return upload


class StageForm(_Form):
    number = forms.IntegerField(label=_("Stage number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=500)
    start_date = forms.DateField(label=_("Start"), **_DATE)
    end_date = forms.DateField(label=_("End"), **_DATE)
    amount = forms.DecimalField(label=_("Amount, KZT"), min_value=0, **_MONEY)
    deliverables = forms.CharField(label=_("Deliverables"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20000)


class ReportForm(_Form):
    report = forms.FileField(label=_("Scientific report (PDF, DOCX, DOC, ODT, RTF)"))

    def clean_report(self):
        return _document(self.cleaned_data.get("report"), REPORT_KINDS)


class ActForm(_Form):
    number = forms.CharField(label=_("Act number"), max_length=64)
    signed_on = forms.DateField(label=_("Date of the act"), **_DATE)
    amount = forms.DecimalField(label=_("Amount accepted, KZT"), **_MONEY)
    report = forms.FileField(label=_("Report signed with the act (if not the performer's)"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"signed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_report(self):
        return _document(self.cleaned_data.get("report"), REPORT_KINDS)


class ReturnForm(_Form):
    reason = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class LinkPaymentForm(_Form):
    payment = forms.TypedChoiceField(label=_("Payment"), coerce=int, choices=())

    def __init__(self, *args, payments=(), **kwargs):
        super().__init__(*args, **kwargs)
        from niokr.core.templatetags.niokr import day, money

        self.fields["payment"].choices = [(p.pk, f"{p.document_number} · {day(p.paid_on)} · {money(p.amount)}") for p in payments]


class ResultForm(_Form):
    project = forms.TypedChoiceField(label=_("R&D project"), coerce=int, choices=())
    stage = forms.TypedChoiceField(label=_("Agreement stage"), coerce=int, choices=(), required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind of result"), choices=ResultKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    achieved_on = forms.DateField(label=_("Date"), required=False, **_DATE)
    trl_level = forms.IntegerField(label=_("TRL reached"), min_value=1, max_value=9, required=False)
    trl_methodology = forms.CharField(label=_("TRL methodology version"), max_length=100, required=False)
    patent_office = forms.ChoiceField(label=_("Patent office"), choices=[("", "—"), *PatentOffice.choices], required=False)
    patent_number = forms.CharField(label=_("Patent number"), max_length=64, required=False)
    doi = forms.CharField(label=_("DOI"), max_length=255, required=False)
    indexing = forms.ChoiceField(label=_("Indexing"), choices=[("", "—"), *Indexing.choices], required=False)
    implemented_at = forms.CharField(label=_("Implemented at"), max_length=500, required=False)
    economic_effect = forms.DecimalField(label=_("Economic effect, KZT"), required=False, **_MONEY)
    revenue = forms.DecimalField(label=_("Revenue, KZT"), required=False, **_MONEY)
    jobs = forms.IntegerField(label=_("Jobs created"), required=False, min_value=0, max_value=1_000_000)
    evidence_note = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=20000)
    evidence_reference = forms.CharField(label=_("Evidence reference"), max_length=500, required=False, help_text=_("A link or a document's number"))
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    TYPED = ("achieved_on", "trl_level", "trl_methodology", "patent_office", "patent_number", "doi", "indexing", "implemented_at", "economic_effect", "revenue", "jobs")

    def __init__(self, *args, projects=(), stages=(), **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, f"{p.code} — {p.title_ru[:80]}") for p in projects]
        self.fields["stage"].choices = [("", "—"), *((s.pk, f"№{s.agreement.number} / {s.number} — {s.title[:60]}") for s in stages)]

    def clean_evidence_file(self):
        return _document(self.cleaned_data.get("evidence_file"), EVIDENCE_KINDS)

    def typed(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.TYPED}


class EvidenceForm(_Form):
    note = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=20000)
    reference = forms.CharField(label=_("Evidence reference"), max_length=500, required=False)
    file = forms.FileField(label=_("Evidence file"), required=False)

    def clean_file(self):
        return _document(self.cleaned_data.get("file"), EVIDENCE_KINDS)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not ((cleaned.get("note") or "").strip() or (cleaned.get("reference") or "").strip() or cleaned.get("file")):
            raise ValidationError(_("Give the evidence: a note, a reference or a file."), code="empty")
        return cleaned


class DecisionForm(_Form):
    note = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)
