"""Pages of the registry app."""

from django.urls import path

from niokr.registry import views

app_name = "registry"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("rights/", views.SubsoilRightListView.as_view(), name="right-list"),
]
