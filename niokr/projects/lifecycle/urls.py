"""The lifecycle's pages under ``/lifecycle/`` (namespace ``lifecycle``): one ``path`` per part."""

from django.urls import include, path  # noqa: F401

app_name = "lifecycle"

urlpatterns: list = [
]
