from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForesightConfig(AppConfig):
    name = "niokr.foresight"
    label = "foresight"
    verbose_name = _("Foresight")

    def ready(self):
        # The notification kinds (an inbox or an e-mail reads its words from them) and the audit labels.
        from niokr.foresight import audit_labels, messages  # noqa: F401

        audit_labels.register()
