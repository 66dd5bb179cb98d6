"""The help pages and the glossary."""

from django.urls import path

from niokr.help import views

app_name = "help"

urlpatterns = [
    path("", views.help_page, name="index"),
    path("glossary/", views.glossary, name="glossary"),
]
