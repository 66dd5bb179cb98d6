from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "niokr.obligations"
    label = "obligations"
    verbose_name = "Obligations"
