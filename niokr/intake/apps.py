from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "niokr.intake"
    label = "intake"
    verbose_name = "Intake"
