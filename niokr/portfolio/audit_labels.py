"""The portfolio's actions in the audit trail, as a person reads them (kk/ru/en through the catalogs)."""

from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "register"]

ACTIONS = {
    "portfolio.suggest": _("Priority tags suggested by the classifier"),
    "portfolio.confirm": _("Priority tag confirmed"),
    "portfolio.correct": _("Priority tag corrected"),
    "portfolio.bulk_confirm": _("Priority tags confirmed in bulk"),
    "portfolio.set_target": _("Policy target set"),
}


def register() -> None:
    from niokr.core.audit import register_action_labels

    register_action_labels(ACTIONS)
