from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "niokr.registry"
    label = "registry"
    verbose_name = "Registry"
