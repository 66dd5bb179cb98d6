"""The ranking's actions in the audit trail, as a person reads them (kk/ru/en through the catalogs).

Registered with :func:`niokr.core.audit.register_action_labels` when the app is ready.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "register"]

ACTIONS = {
    "ranking.create": _("Ranking created"),
    "ranking.criterion": _("Ranking criterion added"),
    "ranking.criterion_removed": _("Ranking criterion removed"),
    "ranking.candidate": _("Candidate added to a ranking"),
    "ranking.import_delphi": _("Candidates and scores imported from the Delphi"),
    "ranking.comparisons": _("Pairwise comparisons entered"),
    "ranking.scores": _("Ranking scores entered"),
    "ranking.compute": _("Ranking computed"),
    "ranking.finalise": _("Ranking made final"),
    "ranking.roadmap": _("Roadmap entry added"),
    "ranking.roadmap_removed": _("Roadmap entry removed"),
    "ranking.gap": _("Technology gap entered"),
}


def register() -> None:
    from niokr.core.audit import register_action_labels

    register_action_labels(ACTIONS)
