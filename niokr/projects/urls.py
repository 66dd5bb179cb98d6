"""Pages of the projects app."""

from django.urls import path

app_name = "projects"

urlpatterns: list = []
