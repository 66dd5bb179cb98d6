from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "niokr.core"
    label = "core"
    verbose_name = "Core"
