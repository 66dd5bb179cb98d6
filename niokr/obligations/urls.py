"""Pages of the obligations app."""

from django.urls import path

app_name = "obligations"

urlpatterns: list = []
