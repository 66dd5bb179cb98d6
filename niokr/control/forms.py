"""Forms of the control pages: opening a case from flags, the audit actions, the company's answer.

The forms parse and check the shape of what was posted; every decision (who may act, whether the
case is still open, what is excluded) is taken by :mod:`niokr.control.services`.

An answer's attachment is stored like a report submission: under its SHA-256 in
``DATA_DIR/case-files``, written while hashed (never held whole in memory), so that the same file
sent twice is stored once and the name and hash recorded with the answer identify the bytes.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.accounts.choices import Role
from niokr.accounts.models import active_membership_q
from niokr.accounts.people import person_name
from niokr.control.models import AuditCase
from niokr.core.files import keep_file, kept_path
from niokr.core.templatetags.niokr import money

__all__ = [
    "IdListField",
    "OpenCaseForm",
    "AssignForm",
    "RequestDocumentsForm",
    "FindingsForm",
    "ConfirmForm",
    "DismissForm",
    "AnswerForm",
    "RunForm",
    "case_file_path",
    "store_case_file",
]

#: Days the company is given to answer, offered by default.
ANSWER_DAYS = 14


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


#: Where case attachments are kept, under ``DATA_DIR``.
CASE_FILES_FOLDER = "case-files"


def case_file_path(sha256: str) -> Path:
    """Where the attachment with this SHA-256 is stored."""
    return kept_path(CASE_FILES_FOLDER, sha256)


def store_case_file(upload) -> tuple[str, str]:
    """Keep an uploaded attachment under its SHA-256 (``DATA_DIR/case-files``); its name (as sent) and the hash."""
    digest, _path = keep_file(CASE_FILES_FOLDER, upload.chunks())
    return Path(upload.name or "attachment").name, digest


class IdListField(forms.Field):
    """Several ids posted under one name (checkboxes): a list of whole numbers."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Not a list of ids.")}

    def to_python(self, value) -> list[int]:
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(v) for v in values]
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if any(i < 1 or i > 2**63 - 1 for i in ids):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return ids


class OpenCaseForm(forms.Form):
    """The flags chosen in the list (of one subsoil user) and an optional title."""

    flags = IdListField(label=_("Flags"), error_messages={"required": _("Choose at least one flag.")})
    title = forms.CharField(label=_("Title of the case"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


def auditors():
    """The users a case can be assigned to: active auditors, administrators and superusers."""
    current = Q(memberships__role__in=(Role.AUDITOR, Role.ADMINISTRATOR)) & active_membership_q(prefix="memberships__")
    return get_user_model().objects.filter(Q(is_active=True) & (Q(is_superuser=True) | current)).distinct().order_by("username")


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        """The person's name in the reader's language (the login only for an account without a name)."""
        return person_name(obj)


class AssignForm(forms.Form):
    """The auditor the case is assigned to."""

    assignee = _UserChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, case: AuditCase, **kwargs):
        kwargs.setdefault("initial", {"assignee": case.assignee_id})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = auditors()
        _bootstrap(self)


class RequestDocumentsForm(forms.Form):
    """What the company is asked to send, and by when."""

    text = forms.CharField(label=_("Documents requested"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    due_on = forms.DateField(label=_("Answer by"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, case: AuditCase, **kwargs):
        kwargs.setdefault("initial", {"due_on": timezone.localdate() + timedelta(days=ANSWER_DAYS)})
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class FindingsForm(forms.Form):
    """The auditor's findings (replace the ones recorded before)."""

    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20000)

    def __init__(self, *args, case: AuditCase, **kwargs):
        kwargs.setdefault("initial", {"findings": case.findings})
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ConfirmForm(forms.Form):
    """Close as confirmed: the reason and, per item, the amount to exclude or its dismissal.

    An item's amount left empty excludes the default (the payment's amount, or for an agreement
    the amount at stake); its fields are named ``amount_<item id>`` and ``dismiss_<item id>``.
    """

    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, case: AuditCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(case.items.order_by("pk"))
        for item in self.items:
            self.fields[f"amount_{item.pk}"] = forms.DecimalField(
                label=_("Amount to exclude, KZT"), required=False, min_value=0, max_digits=20, decimal_places=2,
                help_text=_("Default: %(amount)s") % {"amount": money(item.amount)} if item.amount is not None else "",
            )
            self.fields[f"dismiss_{item.pk}"] = forms.BooleanField(label=_("Dismiss this item"), required=False)
        _bootstrap(self)

    def rows(self) -> list[tuple]:
        """(item, amount field, dismiss field) per item, for the template."""
        return [(item, self[f"amount_{item.pk}"], self[f"dismiss_{item.pk}"]) for item in self.items]

    def amounts(self) -> dict:
        return {item.pk: self.cleaned_data[f"amount_{item.pk}"] for item in self.items if self.cleaned_data.get(f"amount_{item.pk}") is not None}

    def dismissed(self) -> list[int]:
        return [item.pk for item in self.items if self.cleaned_data.get(f"dismiss_{item.pk}")]


class DismissForm(forms.Form):
    """Close without findings: the reason."""

    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, case: AuditCase, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class AnswerForm(forms.Form):
    """The company's answer to a document request: text, and a file if it has one."""

    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=20000)
    file = forms.FileField(label=_("Attached file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = int(settings.NIOKR_INTAKE_MAX_BYTES)
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, code="too_large")
        return upload

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("answer") or "").strip() and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("Write an answer or attach a file."), code="answer_empty")
        return cleaned


class RunForm(forms.Form):
    """A run for the whole country, or for one subsoil user (its id)."""

    payer = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
