"""Pages of the projects app."""

from django.urls import path

from niokr.projects import views
from niokr.projects.lifecycle import result_views

app_name = "projects"

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path("payments/", views.PaymentListView.as_view(), name="payment-list"),
    path("performers/<int:pk>/", views.PerformerDetailView.as_view(), name="performer-detail"),
    path("projects/", result_views.ProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", result_views.project_detail, name="project-detail"),
]
