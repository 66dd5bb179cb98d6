from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapabilityConfig(AppConfig):
    name = "niokr.capability"
    label = "capability"
    verbose_name = _("Technology audit and readiness")
