"""The foresight's actions in the audit trail, as a person reads them (kk/ru/en through the catalogs).

Registered with :func:`niokr.core.audit.register_action_labels` when the app is ready. A submitted
response is recorded as the fact and the count of answers, never their values (anonymity).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "register"]

ACTIONS = {
    "foresight.exercise_created": _("Foresight exercise created"),
    "foresight.scales_set": _("Foresight scales chosen"),
    "foresight.rules_set": _("Consensus rules set"),
    "foresight.rules_locked": _("Consensus rules locked"),
    "foresight.panel_added": _("Foresight panel added"),
    "foresight.panellist_added": _("Panellist added"),
    "foresight.panellist_withdrew": _("Panellist left the panel"),
    "foresight.expertise_rated": _("Panellist's expertise rated"),
    "foresight.item_added": _("Foresight item added"),
    "foresight.item_proposed": _("Foresight item proposed"),
    "foresight.proposal_accepted": _("Proposed item accepted"),
    "foresight.proposal_declined": _("Proposed item declined"),
    "foresight.round_opened": _("Foresight round opened"),
    "foresight.response_submitted": _("Foresight answers submitted"),
    "foresight.round_closed": _("Foresight round closed, results frozen"),
    "foresight.reminders_sent": _("Reminders sent to panellists"),
    "foresight.exercise_closed": _("Foresight exercise completed"),
}


def register() -> None:
    from niokr.core.audit import register_action_labels

    register_action_labels(ACTIONS)
