from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Document requests a page lists (the rest are on the notices and case pages).
PENDING_SHOWN = 20


class ControlConfig(AppConfig):
    name = "niokr.control"
    label = "control"
    verbose_name = _("Control")

    def ready(self):
        # The landing and subsoil-user pages (obligations, below control) list the document requests
        # a company must answer through core's panels.
        from niokr.control.pending import pending_requests_for
        from niokr.core.panels import Panel, register

        def landing(user):
            return pending_requests_for(user)[:PENDING_SHOWN]

        def holder(user, *, organisation):
            return pending_requests_for(user).filter(case__payer=organisation)[:PENDING_SHOWN]

        template = "control/_pending_requests.html"
        register("landing", Panel("document-requests", template, landing))
        register("holder", Panel("document-requests", template, holder))
