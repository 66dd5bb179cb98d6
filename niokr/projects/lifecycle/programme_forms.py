"""The programme form: what a company writes, as plain values for :func:`~niokr.projects.lifecycle.programmes.clean_programme`.

The form gives the shape (which applicant, which rights to tick, the budget rows); every rule — the
scripts of the titles, the TRL, the amounts as money, the rights and their ministry — is the
service's, so the page and the API refuse the same things with the same words.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection, TCCSector
from niokr.core.filtersets import labelled_choices
from niokr.core.reference import label
from niokr.core.templatetags.niokr import localized
from niokr.projects.choices import ProgrammeKind
from niokr.projects.lifecycle.programmes import FIELDS, rights_open_to
from niokr.registry.models import SubsoilRight

__all__ = ["ProgrammeForm", "BUDGET_ROWS"]

#: Budget rows offered (more than the version holds: two empty ones to add years).
BUDGET_ROWS = 6
_TRL = [("", "—")] + [(str(n), str(n)) for n in range(1, 10)]


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class ProgrammeForm(forms.Form):
    """A programme's version; on creation also the applicant and the kind."""

    applicant = forms.ChoiceField(label=_("Applicant"), help_text=_("Your organisation, or a subsidiary it controls"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices, initial=ProgrammeKind.PROGRAMME)
    title_kk = forms.CharField(label=_("Title in Kazakh"), max_length=500, required=False)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=500, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=500, required=False)
    abstract = forms.CharField(label=_("Abstract"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000, required=False)
    priority_direction = forms.ChoiceField(label=_("Priority direction"), required=False)
    tcc_sector = forms.ChoiceField(label=_("TCC sector"), required=False)
    trl_start = forms.ChoiceField(label=_("TRL at start"), choices=_TRL, required=False)
    trl_target = forms.ChoiceField(label=_("Target TRL"), choices=_TRL, required=False)
    performer = forms.CharField(label=_("Proposed performer: BIN"), max_length=12, required=False, help_text=_("Optional; a registered organisation"))
    rights = forms.MultipleChoiceField(label=_("Subsoil-use rights covered"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, applicants=None, programme=None, budget_lines: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.rows = max(BUDGET_ROWS, budget_lines + 2)
        self.fields["priority_direction"].choices = [("", "—"), *labelled_choices(PriorityDirection)()]
        self.fields["tcc_sector"].choices = [("", "—"), *labelled_choices(TCCSector)()]
        if programme is not None:
            del self.fields["applicant"]
            del self.fields["kind"]
            holders = [programme.applicant]
        else:
            holders = list(applicants or [])
            self.fields["applicant"].choices = [(org.bin, f"{localized(org, 'name')} — {org.bin}") for org in holders]
        rights = {}
        for holder in holders:
            for right in rights_open_to(holder):
                rights[right.number] = right
        if programme is not None:
            # A right already covered stays offered, even if its holder has left the group since.
            for right in programme.current.rights.select_related("holder"):
                rights.setdefault(right.number, right)
        self.fields["rights"].choices = [(number, self._right_label(right)) for number, right in sorted(rights.items())]
        for n in range(self.rows):
            year = forms.TextInput(attrs={"aria-label": _("Year"), "inputmode": "numeric", "size": 6})
            amount = forms.TextInput(attrs={"aria-label": _("Amount, KZT"), "inputmode": "decimal"})
            self.fields[f"budget_year_{n}"] = forms.CharField(label=_("Year"), max_length=4, required=False, widget=year)
            self.fields[f"budget_amount_{n}"] = forms.CharField(label=_("Amount, KZT"), max_length=40, required=False, widget=amount)
        _bootstrap(self)

    @staticmethod
    def _right_label(right: SubsoilRight) -> str:
        return f"{right.number} — {label(right.mineral_group, enum='core.MineralGroup')} — {localized(right.holder, 'name')}"

    def budget_rows(self):
        """(year field, amount field) per row, for the template."""
        return [(self[f"budget_year_{n}"], self[f"budget_amount_{n}"]) for n in range(self.rows)]

    def raw(self) -> dict:
        """The posted values as the service reads them (after ``is_valid()``)."""
        data = self.cleaned_data
        raw = {name: data.get(name) for name in FIELDS if name not in ("rights", "budget")}
        raw["kind"] = data.get("kind") or (self.programme.kind if self.programme else ProgrammeKind.PROGRAMME)
        raw["rights"] = list(data.get("rights") or [])
        raw["budget"] = [
            {"year": data.get(f"budget_year_{n}", "").strip(), "amount": data.get(f"budget_amount_{n}", "").strip()}
            for n in range(self.rows)
            if (data.get(f"budget_year_{n}") or "").strip() or (data.get(f"budget_amount_{n}") or "").strip()
        ]
        return raw

    def add_service_errors(self, errors: dict) -> None:
        """Show the service's refusals on their fields (the budget's and the form's own above the form)."""
        for name, messages in errors.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message if target else (f"{_('Budget')}: {message}" if name == "budget" else message))

    @classmethod
    def initial_of(cls, values: dict) -> dict:
        """The form's initial values from a version's plain values (:func:`~niokr.projects.lifecycle.programmes.input_of`)."""
        initial = {name: values.get(name) for name in FIELDS if name not in ("budget",)}
        initial["trl_start"], initial["trl_target"] = str(values.get("trl_start") or ""), str(values.get("trl_target") or "")
        for n, line in enumerate(values.get("budget") or []):
            initial[f"budget_year_{n}"] = str(line["year"])
            initial[f"budget_amount_{n}"] = f"{line['amount']:.2f}"
        return initial
