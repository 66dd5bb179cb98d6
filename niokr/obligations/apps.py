from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "niokr.obligations"
    label = "obligations"
    verbose_name = _("Obligations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from niokr.obligations.figures_cache import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, dispatch_uid="niokr.obligations.restore_sqlite_triggers")

        from niokr.obligations.describe import regime_label
        from niokr.registry.regimes import name_regimes_with

        name_regimes_with(regime_label)  # the registry's lists and filters name regimes as this app does
