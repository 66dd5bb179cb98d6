"""Forms of the capability pages: they parse what was posted; the services decide and refuse.

Every field is bounded (lengths, ranges, choices); an answer form holds one group of fields per
question of the version being answered, named by the question's id, and reads nothing else.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from niokr.capability.choices import AnswerType, AuditKind, ProjectPhase
from niokr.capability.models import Questionnaire, ReadinessQuestionSet
from niokr.capability.models.audit import COMMENT_MAX
from niokr.capability.models.common import LANGUAGES, TEXT_MAX, in_language
from niokr.projects.lifecycle.documents import EVIDENCE_KINDS, check_document

__all__ = [
    "AuditStartForm",
    "AssessmentStartForm",
    "CorrectionForm",
    "AuditAnswersForm",
    "ReadinessAnswersForm",
    "QuestionEditForm",
    "ReadinessQuestionEditForm",
]

_DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
_COMMENT = {"required": False, "max_length": COMMENT_MAX, "widget": forms.Textarea(attrs={"rows": 2})}
_LANGUAGE_NAMES = {"kk": _("in Kazakh"), "ru": _("in Russian"), "en": _("in English")}


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class _VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{in_language(obj.title)} — {_('version')} {obj.version}"


class AuditStartForm(_Form):
    """Start an audit: whose, with which questionnaire version, by whom, when, and its project if any."""

    organisation_bin = forms.RegexField(label=_("BIN of the organisation"), regex=r"^\d{12}$", max_length=12, error_messages={"invalid": _("A BIN is 12 digits.")})
    kind = forms.ChoiceField(label=_("Who fills it in"), choices=AuditKind.choices)
    questionnaire = _VersionChoice(label=_("Questionnaire"), queryset=Questionnaire.objects.none(), empty_label=None)
    audit_date = forms.DateField(label=_("Audit date"), **_DATE)
    project_code = forms.CharField(label=_("Funded project (code), if the audit is linked to one"), required=False, max_length=32)
    phase = forms.ChoiceField(label=_("Made before or after the project"), required=False, choices=[("", "—"), *ProjectPhase.choices])

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = Questionnaire.objects.published().order_by("code", "-version")
        self.fields["kind"].choices = [(k, label) for k, label in AuditKind.choices if k in kinds]

    def clean(self):
        data = super().clean()
        if data.get("phase") and not data.get("project_code"):
            self.add_error("project_code", _("Choose the project the audit is made before or after."))
        if data.get("project_code") and not data.get("phase"):
            self.add_error("phase", _("An audit linked to a project says whether it was made before or after it."))
        return data


class AssessmentStartForm(_Form):
    """Start a readiness assessment of a project with a published question set."""

    project_code = forms.CharField(label=_("Project code"), max_length=32)
    question_set = _VersionChoice(label=_("Question set"), queryset=ReadinessQuestionSet.objects.none(), empty_label=None)
    assessment_date = forms.DateField(label=_("Assessment date"), **_DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_set"].queryset = ReadinessQuestionSet.objects.published().order_by("kind", "technology_type", "code", "-version")


class CorrectionForm(_Form):
    """Correct a submitted assessment: the reason and the date of the new assessment."""

    note = forms.CharField(label=_("Why it is corrected"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    assessment_date = forms.DateField(label=_("Assessment date"), **_DATE)


def _evidence(upload):
    if upload is not None:
        check_document(upload, EVIDENCE_KINDS)
    return upload


class _AnswersForm(_Form):
    """One group of fields per question: the answer, a comment, an evidence file."""

    value_prefix = "value"

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.answers = answers
        for question in self.questions:
            self.fields[f"{self.value_prefix}_{question.pk}"] = self.value_field(question)
            self.fields[f"comment_{question.pk}"] = forms.CharField(label=_("Comment"), **_COMMENT)
            self.fields[f"evidence_{question.pk}"] = forms.FileField(label=_("Evidence (PDF, DOCX, DOC, ODT, RTF, PNG, JPEG)"), required=False, max_length=255)
            self.fields[f"evidence_{question.pk}"].widget.attrs["class"] = "form-control form-control-sm"
            answer = answers.get(question.pk)
            if answer is not None:
                self.initial[f"{self.value_prefix}_{question.pk}"] = self.initial_value(answer)
                self.initial[f"comment_{question.pk}"] = answer.comment

    def value_field(self, question) -> forms.Field:
        raise NotImplementedError

    def initial_value(self, answer):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = f"evidence_{question.pk}"
            try:
                _evidence(data.get(name))
            except ValidationError as exc:
                self.add_error(name, exc)
        return data

    def rows(self):
        """``(question, value field, comment field, evidence field, stored answer)`` for the template."""
        for question in self.questions:
            yield (
                question,
                self[f"{self.value_prefix}_{question.pk}"],
                self[f"comment_{question.pk}"],
                self[f"evidence_{question.pk}"],
                self.answers.get(question.pk),
            )

    def given(self) -> dict[int, tuple[int, str, object]]:
        """Question id → ``(value, comment, upload or None)`` for the questions answered on this post."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{self.value_prefix}_{question.pk}")
            if value in (None, ""):
                continue
            result[question.pk] = (int(value), self.cleaned_data.get(f"comment_{question.pk}") or "", self.cleaned_data.get(f"evidence_{question.pk}"))
        return result


class AuditAnswersForm(_AnswersForm):
    value_prefix = "score"

    def value_field(self, question) -> forms.Field:
        choices = [(str(score), f"{score} — {text}") for score, text in question.anchor_texts()]
        return forms.TypedChoiceField(label=question.text_in_language(), choices=choices, coerce=int, required=False, widget=forms.RadioSelect)

    def initial_value(self, answer):
        return str(answer.score)


class ReadinessAnswersForm(_AnswersForm):
    value_prefix = "value"

    def value_field(self, question) -> forms.Field:
        label = question.text_in_language()
        if question.answer_type == AnswerType.YES_NO:
            return forms.TypedChoiceField(label=label, choices=[("", "—"), ("100", _("yes")), ("0", _("no"))], coerce=int, required=False, empty_value=None)
        return forms.IntegerField(label=label, min_value=0, max_value=100, required=False, help_text=_("Per cent complete; met at %(threshold)s %% or more.") % {"threshold": question.threshold})

    def initial_value(self, answer):
        return str(answer.value) if answer.question.answer_type == AnswerType.YES_NO else answer.value


class QuestionEditForm(_Form):
    """A draft version's audit question: its text and the four score descriptions, in kk/ru/en."""

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            self.fields[f"text_{language}"] = forms.CharField(label=f"{_('Question')} ({_LANGUAGE_NAMES[language]})", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
            self.initial[f"text_{language}"] = question.text.get(language, "")
        for score in range(1, 5):
            for language in LANGUAGES:
                name = f"anchor_{score}_{language}"
                self.fields[name] = forms.CharField(label=f"{_('Score')} {score} ({_LANGUAGE_NAMES[language]})", max_length=TEXT_MAX)
                self.initial[name] = (question.anchors[score - 1] or {}).get(language, "") if len(question.anchors or []) >= score else ""
        _bootstrap(self)

    def text(self) -> dict:
        return {language: self.cleaned_data[f"text_{language}"].strip() for language in LANGUAGES}

    def anchors(self) -> list[dict]:
        return [{language: self.cleaned_data[f"anchor_{score}_{language}"].strip() for language in LANGUAGES} for score in range(1, 5)]


class ReadinessQuestionEditForm(_Form):
    """A draft set's readiness question: its text in kk/ru/en, how it is answered, its threshold."""

    answer_type = forms.ChoiceField(label=_("Answer"), choices=AnswerType.choices)
    threshold = forms.IntegerField(label=_("Threshold, %"), min_value=1, max_value=100)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            self.fields[f"text_{language}"] = forms.CharField(label=f"{_('Question')} ({_LANGUAGE_NAMES[language]})", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))
            self.initial[f"text_{language}"] = question.text.get(language, "")
        self.initial.setdefault("answer_type", question.answer_type)
        self.initial.setdefault("threshold", question.threshold)
        _bootstrap(self)

    def text(self) -> dict:
        return {language: self.cleaned_data[f"text_{language}"].strip() for language in LANGUAGES}
