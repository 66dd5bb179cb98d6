"""Pages of the intake app."""

from django.urls import path

from niokr.intake import council_votes_views, views

app_name = "intake"

urlpatterns = [
    path("submissions/", views.SubmissionListView.as_view(), name="submission-list"),
    path("submissions/upload/", views.submission_upload, name="submission-upload"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/report.xlsx", views.submission_report, name="submission-report"),
    path("submissions/<int:pk>/commit/", views.submission_commit, name="submission-commit"),
    path("organisations/<int:pk>/submissions/", views.organisation_submissions, name="organisation-submissions"),
    path("templates/<str:kind>.xlsx", views.template_download, name="template"),
    path("jobs/", views.JobListView.as_view(), name="job-list"),
    path("jobs/recompute/", views.recompute_start, name="recompute"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("council-votes/<str:reference>/", council_votes_views.council_votes_import, name="council-votes-import"),
]
