"""The capability app's actions in the audit trail, as a person reads them (kk/ru/en through the catalogs).

Registered with :func:`niokr.core.audit.register_action_labels` when the app is ready.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "register"]

ACTIONS = {
    "capability.questionnaire.draft": _("New draft version of the audit questionnaire"),
    "capability.questionnaire.edit_question": _("Audit question changed in a draft version"),
    "capability.questionnaire.publish": _("Audit questionnaire version published"),
    "capability.question_set.draft": _("New draft version of a readiness question set"),
    "capability.question_set.edit_question": _("Readiness question changed in a draft version"),
    "capability.question_set.publish": _("Readiness question set version published"),
    "capability.audit.start": _("Technology audit started"),
    "capability.audit.answers": _("Technology audit answers recorded"),
    "capability.audit.submit": _("Technology audit submitted"),
    "capability.assessment.start": _("Readiness assessment started"),
    "capability.assessment.correct": _("Correcting readiness assessment started"),
    "capability.assessment.answers": _("Readiness assessment answers recorded"),
    "capability.assessment.submit": _("Readiness assessment submitted"),
}


def register() -> None:
    from niokr.core.audit import register_action_labels

    register_action_labels(ACTIONS)
