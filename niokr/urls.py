"""URL configuration: pages per app, search and help, the REST API under /api/v1/, its schema and documentation."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from niokr.core import views as core_views
from niokr.obligations import views as obligation_views

urlpatterns = [
    path("", obligation_views.home, name="home"),
    path("accounts/", include("niokr.accounts.urls")),
    path("registry/", include("niokr.registry.urls")),
    path("obligations/", include("niokr.obligations.urls")),
    path("projects/", include("niokr.projects.urls")),
    path("lifecycle/", include("niokr.projects.lifecycle.urls")),
    path("intake/", include("niokr.intake.urls")),
    path("control/", include("niokr.control.urls")),
    path("portfolio/", include("niokr.portfolio.urls")),
    path("capability/", include("niokr.capability.urls")),
    path("foresight/", include("niokr.foresight.urls")),
    path("ranking/", include("niokr.ranking.urls")),
    path("search/", include("niokr.search.urls")),
    path("help/", include("niokr.help.urls")),
    # Browsers and tools ask for /favicon.ico on pages that name no icon (the admin, the API viewers).
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("niokr.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI and Redoc (served from drf-spectacular-sidecar) style their widgets at run time:
    # these two pages alone allow inline styles; scripts stay same-origin only.
    path("api/docs/", csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(SpectacularRedocView.as_view(url_name="api-schema", template_name="core/redoc.html")), name="api-redoc"),
]
