"""The REST API, version 1: each app's endpoints under /api/v1/<app>/ (namespace ``<app>-api``)."""

from django.urls import include, path

urlpatterns = [
    path("registry/", include(("niokr.registry.api.urls", "registry-api"))),
    path("obligations/", include(("niokr.obligations.api.urls", "obligations-api"))),
    path("projects/", include(("niokr.projects.api.urls", "projects-api"))),
    path("lifecycle/", include(("niokr.projects.lifecycle.api.urls", "lifecycle-api"))),
    path("intake/", include(("niokr.intake.api.urls", "intake-api"))),
    path("control/", include(("niokr.control.api.urls", "control-api"))),
    path("accounts/", include(("niokr.accounts.api.urls", "accounts-api"))),
]
