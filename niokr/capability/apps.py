"""What the country can do: technology audits of organisations and technology readiness assessments."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapabilityConfig(AppConfig):
    name = "niokr.capability"
    label = "capability"
    verbose_name = _("Technology audit and readiness")

    def ready(self):
        from niokr.capability import audit_labels

        audit_labels.register()
