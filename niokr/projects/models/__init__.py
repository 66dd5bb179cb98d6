from niokr.projects.models.project import Agreement, Payment, Project

__all__ = ["Agreement", "Payment", "Project"]
