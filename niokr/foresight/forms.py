"""The moderator's and the panellist's forms. They parse; :mod:`.services` decides (and says why not).

The questionnaire itself is not a Django form: its fields are one per item and scale and are read
by :func:`niokr.foresight.views.questionnaire` into :class:`~niokr.foresight.services.AnswerInput`.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from niokr.accounts.choices import Role
from niokr.accounts.models import active_membership_q
from niokr.core.choices import PriorityDirection
from niokr.foresight.models import ItemKind, Scale
from niokr.foresight.rules import FIELDS as RULE_FIELDS

__all__ = ["ExerciseForm", "ScalesForm", "RulesForm", "PanelForm", "PanellistForm", "ItemForm", "AcceptForm", "OpenRoundForm", "ProposeForm", "ExpertiseForm", "candidates"]

#: The most people a moderator's "add a panellist" list offers at once.
CANDIDATES_MAX = 500


class Styled(forms.Form):
    """Bootstrap's classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.CheckboxInput, forms.RadioSelect)):
                continue
            widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm")


def _text(label, max_length, required=True, area=False):
    widget = forms.Textarea(attrs={"rows": 2, "maxlength": max_length}) if area else forms.TextInput(attrs={"maxlength": max_length})
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget, strip=True)


class ExerciseForm(Styled):
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("Capital Latin letters, digits and hyphens, e.g. MEDTECH-2040"))
    title_kk = _text(_("Title (Kazakh)"), 300)
    title_ru = _text(_("Title (Russian)"), 300)
    title_en = _text(_("Title (English)"), 300, required=False)
    priority_direction = forms.ChoiceField(label=_("Priority direction"), choices=PriorityDirection.choices)


class ScalesForm(Styled):
    scales = forms.MultipleChoiceField(label=_("Scales"), choices=Scale.choices, widget=forms.CheckboxSelectMultiple, required=False)


_RULE_LABELS = {
    "min_agreement_percent": _("Agreement: at least this share of answers, %"),
    "agreement_low": _("Agreement band: from"),
    "agreement_high": _("Agreement band: to"),
    "max_disagreement_percent": _("Disagreement: fewer than this share of answers, % (empty: not checked)"),
    "disagreement_low": _("Disagreement band: from"),
    "disagreement_high": _("Disagreement band: to"),
    "max_iqr": _("Interquartile range at most (empty: not checked)"),
    "min_valid": _("At least this many answers with a value"),
}


class RulesForm(Styled):
    """The rules as typed (text); :func:`niokr.foresight.rules.clean_rules` validates them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RULE_FIELDS:
            self.fields[name] = forms.CharField(label=_RULE_LABELS[name], max_length=12, required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "class": "form-control form-control-sm"}))


class PanelForm(Styled):
    name_kk = _text(_("Name (Kazakh)"), 200)
    name_ru = _text(_("Name (Russian)"), 200)
    name_en = _text(_("Name (English)"), 200, required=False)


def candidates(exercise):
    """People holding the panellist's role today who do not sit on the exercise yet (at most :data:`CANDIDATES_MAX`)."""
    User = get_user_model()
    seated = exercise.panellists.values_list("user_id", flat=True)
    return (
        User.objects.filter(is_active=True, memberships__role=Role.PANELLIST)
        .filter(active_membership_q(prefix="memberships__"))
        .exclude(pk__in=seated).exclude(pk=exercise.moderator_id)
        .distinct().order_by("last_name", "first_name", "username")[:CANDIDATES_MAX]
    )


class PanellistForm(Styled):
    panel = forms.ModelChoiceField(label=_("Panel"), queryset=None)
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    expertise = forms.IntegerField(label=_("Self-rated expertise (1–5)"), min_value=1, max_value=5, initial=3)

    def __init__(self, *args, exercise, **kwargs):
        from niokr.accounts.people import person_name

        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = exercise.panels.order_by("pk")
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=[u.pk for u in candidates(exercise)]).order_by("last_name", "first_name", "username")
        self.fields["user"].label_from_instance = person_name


class ItemForm(Styled):
    code = forms.CharField(label=_("Code"), max_length=16, help_text=_("e.g. M01"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.TECHNOLOGY)
    statement_kk = _text(_("Statement (Kazakh)"), 2000, area=True)
    statement_ru = _text(_("Statement (Russian)"), 2000, area=True)
    statement_en = _text(_("Statement (English)"), 2000, required=False, area=True)


class AcceptForm(Styled):
    statement_kk = _text(_("Statement (Kazakh)"), 2000, area=True)
    statement_ru = _text(_("Statement (Russian)"), 2000, area=True)
    statement_en = _text(_("Statement (English)"), 2000, required=False, area=True)


class OpenRoundForm(Styled):
    deadline = forms.DateField(label=_("Answers due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ProposeForm(Styled):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.TECHNOLOGY)
    statement = _text(_("The technology or statement you propose"), 2000, area=True)


class ExpertiseForm(Styled):
    expertise = forms.TypedChoiceField(label=_("Your expertise on the topic (1–5)"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)])
