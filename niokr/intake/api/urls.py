"""API endpoints of the intake app (namespace ``intake-api``)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from niokr.intake.api import views
from niokr.intake.api.council_votes import CouncilVotesImportView

router = DefaultRouter(trailing_slash=True)
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("jobs", views.JobViewSet, basename="job")

urlpatterns = [
    *router.urls,
    path("templates/<str:kind>/", views.TemplateView.as_view(), name="template"),
    path("council-votes/<int:pk>/", CouncilVotesImportView.as_view(), name="council-votes-import"),
]
