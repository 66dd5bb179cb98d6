"""The lifecycle's API under ``/api/v1/lifecycle/`` (namespace ``lifecycle-api``): one ``path`` per part."""

from django.urls import include, path  # noqa: F401

urlpatterns: list = [
]
