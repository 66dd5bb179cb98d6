"""Priority portfolios: the 1% money, the projects and their results by technology-policy priority."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "niokr.portfolio"
    label = "portfolio"
    verbose_name = _("Priority portfolios")

    def ready(self):
        from niokr.portfolio import audit_labels

        audit_labels.register()
