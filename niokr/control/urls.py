"""Pages of the control app."""

from django.urls import path

from niokr.control import views

app_name = "control"

urlpatterns = [
    path("", views.FlagListView.as_view(), name="flag-list"),
    path("flags/<int:pk>/", views.flag_detail, name="flag-detail"),
    path("indicators/", views.CatalogueView.as_view(), name="indicator-list"),
    path("risk/", views.RiskScoreListView.as_view(), name="score-list"),
    path("risk/<int:org_id>/", views.risk_panel, name="risk-panel"),
    path("cases/", views.AuditCaseListView.as_view(), name="case-list"),
    path("cases/open/", views.case_open, name="case-open"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/assign/", views.case_assign, name="case-assign"),
    path("cases/<int:pk>/request/", views.case_request, name="case-request"),
    path("cases/<int:pk>/findings/", views.case_findings, name="case-findings"),
    path("cases/<int:pk>/confirm/", views.case_confirm, name="case-confirm"),
    path("cases/<int:pk>/dismiss/", views.case_dismiss, name="case-dismiss"),
    path("cases/<int:pk>/requests/<int:request_id>/answer/", views.request_answer, name="request-answer"),
    path("cases/<int:pk>/requests/<int:request_id>/file/", views.request_file, name="request-file"),
    path("notices/", views.NoticeListView.as_view(), name="notice-list"),
    path("runs/", views.ControlRunListView.as_view(), name="run-list"),
    path("runs/start/", views.run_start, name="run-start"),
]
