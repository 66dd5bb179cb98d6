"""The councils' pages: ``/lifecycle/councils/`` and ``/lifecycle/sessions/…`` (namespace ``lifecycle``)."""

from django.urls import path

from niokr.projects.lifecycle import council_views as views

councils = [
    path("", views.council_list, name="council-list"),
]

sessions = [
    path("", views.session_list, name="session-list"),
    path("plan/", views.session_plan, name="session-plan"),
    path("<str:reference>/", views.session_detail, name="session-detail"),
    path("<str:reference>/agenda/", views.session_agenda, name="session-agenda"),
    path("<str:reference>/attendance/", views.session_attendance, name="session-attendance"),
    path("<str:reference>/open/", views.session_open, name="session-open"),
    path("<str:reference>/close/", views.session_close, name="session-close"),
    path("<str:reference>/cancel/", views.session_cancel, name="session-cancel"),
    path("<str:reference>/declare/", views.session_declare, name="session-declare"),
    path("<str:reference>/vote/", views.session_vote, name="session-vote"),
    path("<str:reference>/minutes.pdf", views.session_minutes, name="session-minutes"),
]
