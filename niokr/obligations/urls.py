"""Pages of the obligations app."""

from django.urls import path

from niokr.obligations import views

app_name = "obligations"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("debtors/", views.debtors_list, name="debtors"),
    path("holders/<int:pk>/", views.holder_detail, name="holder-detail"),
    path("holders/<int:pk>/statement/<int:year>.pdf", views.statement_pdf, name="statement-pdf"),
    path("rights/<int:pk>/", views.right_detail, name="right-detail"),
    path("regimes/", views.RegimeListView.as_view(), name="regime-list"),
    path("regimes/<int:pk>/", views.regime_detail, name="regime-detail"),
]
