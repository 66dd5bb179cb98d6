from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "niokr.projects"
    label = "projects"
    verbose_name = _("Agreements and payments")

    def ready(self):
        from niokr.obligations.describe import register_source
        from niokr.projects.describe import describe_payments, describe_reported_payments

        # The ledger names the payments behind its entries by their document numbers and dates.
        register_source("projects.Payment", describe_payments)
        register_source("intake.Submission", describe_reported_payments)
        # The lifecycle's notification kinds: an inbox or an e-mail reads its words from them.
        from niokr.projects.lifecycle import audit_labels, messages  # noqa: F401

        audit_labels.register()
        # The dashboard (``obligations``, below) shows what the money produced.
        from niokr.core.panels import Panel, register
        from niokr.projects.lifecycle.result_views import results_panel_rows

        register("dashboard", Panel("results", "lifecycle/_results_panel.html", results_panel_rows))
