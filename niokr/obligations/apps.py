from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "niokr.obligations"
    label = "obligations"
    verbose_name = "Obligations"

    def ready(self):
        from django.db.models.signals import post_migrate

        from niokr.obligations.figures_cache import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, dispatch_uid="niokr.obligations.restore_sqlite_triggers")
