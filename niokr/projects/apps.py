from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "niokr.projects"
    label = "projects"
    verbose_name = "Projects"
