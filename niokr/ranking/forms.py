"""The ranking's forms: parse and bound what a person typed; the services validate the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.core.choices import PriorityDirection
from niokr.ranking.models import Direction, Method, RoadmapLayer, Saaty, Source

__all__ = ["RankingForm", "CriterionForm", "CandidateForm", "ComparisonForm", "ScoresForm", "GapForm", "RoadmapForm", "LANGUAGES"]

LANGUAGES = ("kk", "ru", "en")


def _text(label, limit: int, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=limit, required=required, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}), **kwargs)


def _select(label, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.Select(attrs={"class": "form-select form-select-sm"}), **kwargs)


class RankingForm(forms.Form):
    code = _text(gettext_lazy("code"), 32)
    title_kk = _text(gettext_lazy("title (Kazakh)"), 300)
    title_ru = _text(gettext_lazy("title (Russian)"), 300)
    title_en = _text(gettext_lazy("title (English)"), 300, required=False)
    priority_direction = _select(gettext_lazy("priority direction"), PriorityDirection.choices)
    foresight_exercise = forms.ModelChoiceField(label=gettext_lazy("foresight exercise"), queryset=None, required=False, widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    method = _select(gettext_lazy("method"), Method.choices)

    def __init__(self, *args, **kwargs):
        from niokr.foresight.models import Exercise

        super().__init__(*args, **kwargs)
        field = self.fields["foresight_exercise"]
        field.queryset = Exercise.objects.order_by("-created_at", "code")
        field.label_from_instance = lambda exercise: f"{exercise.code} — {exercise.title}"


class CriterionForm(forms.Form):
    code = _text(gettext_lazy("code"), 32)
    name_kk = _text(gettext_lazy("name (Kazakh)"), 200)
    name_ru = _text(gettext_lazy("name (Russian)"), 200)
    name_en = _text(gettext_lazy("name (English)"), 200, required=False)
    direction = _select(gettext_lazy("direction"), Direction.choices)
    source = _select(gettext_lazy("source of the scores"), Source.choices)


class CandidateForm(forms.Form):
    code = _text(gettext_lazy("code"), 16)
    name_kk = _text(gettext_lazy("name (Kazakh)"), 500)
    name_ru = _text(gettext_lazy("name (Russian)"), 500)
    name_en = _text(gettext_lazy("name (English)"), 500, required=False)
    product_kk = _text(gettext_lazy("product (Kazakh)"), 300, required=False)
    product_ru = _text(gettext_lazy("product (Russian)"), 300, required=False)
    market_kk = _text(gettext_lazy("market (Kazakh)"), 300, required=False)
    market_ru = _text(gettext_lazy("market (Russian)"), 300, required=False)


class ComparisonForm(forms.Form):
    """The upper triangle of the comparison matrix: a Saaty select per pair (row against column).

    A field is named ``c_<row>_<column>`` by the criteria's positions; its value must be one of
    Saaty's 17 values, or the form refuses it (a value off the scale never reaches the service).
    """

    def __init__(self, *args, criteria, initial_values: dict[tuple[int, int], str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        initial_values = initial_values or {}
        choices = [("", "—")] + [(value, label) for value, label in Saaty.choices]
        for i, a in enumerate(criteria):
            for j in range(i + 1, len(criteria)):
                b = criteria[j]
                self.fields[f"c_{i}_{j}"] = forms.ChoiceField(
                    label=_("%(a)s compared with %(b)s") % {"a": a.name, "b": b.name},
                    choices=choices, required=True, initial=initial_values.get((i, j), ""),
                    widget=forms.Select(attrs={"class": "form-select form-select-sm saaty"}),
                    error_messages={"required": _("Choose a judgement."), "invalid_choice": _("The judgement is not on Saaty's scale (1/9 to 9).")},
                )

    def cell(self, i: int, j: int):
        return self[f"c_{i}_{j}"]

    def values(self) -> dict[tuple[str, str], str]:
        """``{(code a, code b): value}`` of the cleaned form."""
        out = {}
        for name, value in self.cleaned_data.items():
            _prefix, i, j = name.split("_")
            out[(self.criteria[int(i)].code, self.criteria[int(j)].code)] = value
        return out


class ScoresForm(forms.Form):
    """The analyst's scores: a number field per candidate and criterion (``s_<candidate>_<criterion>`` positions)."""

    def __init__(self, *args, candidates, criteria, initial_values: dict[tuple[int, int], str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates, self.criteria = candidates, criteria
        initial_values = initial_values or {}
        for i, candidate in enumerate(candidates):
            for j, criterion in enumerate(criteria):
                self.fields[f"s_{i}_{j}"] = forms.CharField(
                    label=f"{candidate.code} — {criterion.name}", required=False, max_length=12, initial=initial_values.get((i, j), ""),
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm score", "inputmode": "decimal", "size": 5}),
                )

    def cell(self, i: int, j: int):
        return self[f"s_{i}_{j}"]

    def values(self, changed_only: bool = True) -> dict[tuple[str, str], str]:
        out = {}
        for name, value in self.cleaned_data.items():
            if changed_only and name not in self.changed_data:
                continue
            _prefix, i, j = name.split("_")
            out[(self.candidates[int(i)].code, self.criteria[int(j)].code)] = value
        return out


class GapForm(forms.Form):
    candidate = _select(gettext_lazy("candidate"), [])
    gap_years = forms.DecimalField(label=gettext_lazy("technology gap, years (entered)"), required=False, min_value=0, max_value=100, max_digits=4, decimal_places=1, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.1"}))
    gap_note = _text(gettext_lazy("source of the gap figure"), 300, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [(c.code, f"{c.code} — {c.name[:80]}") for c in candidates]


class RoadmapForm(forms.Form):
    candidate = _select(gettext_lazy("candidate"), [])
    layer = _select(gettext_lazy("lane"), RoadmapLayer.choices)
    year_from = forms.IntegerField(label=gettext_lazy("from year"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    year_to = forms.IntegerField(label=gettext_lazy("to year"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}))
    description_kk = _text(gettext_lazy("description (Kazakh)"), 500)
    description_ru = _text(gettext_lazy("description (Russian)"), 500)
    description_en = _text(gettext_lazy("description (English)"), 500, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [(c.code, f"{c.code} — {c.name[:80]}") for c in candidates]
