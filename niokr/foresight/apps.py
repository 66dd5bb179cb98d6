from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForesightConfig(AppConfig):
    name = "niokr.foresight"
    label = "foresight"
    verbose_name = _("Foresight")
