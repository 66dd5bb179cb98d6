from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingConfig(AppConfig):
    name = "niokr.ranking"
    label = "ranking"
    verbose_name = _("Ranking of technologies")

    def ready(self) -> None:
        from niokr.ranking import audit_labels

        audit_labels.register()
