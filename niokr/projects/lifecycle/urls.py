"""The lifecycle's pages under ``/lifecycle/`` (namespace ``lifecycle``): one ``path`` per part."""

from django.urls import include, path  # noqa: F401

from niokr.projects.lifecycle import programme_views

app_name = "lifecycle"

urlpatterns: list = [
    path("programmes/", programme_views.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/new/", programme_views.programme_create, name="programme-create"),
    path("programmes/<str:reference>/", programme_views.programme_detail, name="programme-detail"),
    path("programmes/<str:reference>/edit/", programme_views.programme_edit, name="programme-edit"),
    path("programmes/<str:reference>/submit/", programme_views.programme_submit, name="programme-submit"),
    path("programmes/<str:reference>/withdraw/", programme_views.programme_withdraw, name="programme-withdraw"),
    path("programmes/<str:reference>/link-project/", programme_views.programme_link_project, name="programme-link-project"),
]

from niokr.projects.lifecycle import review_urls  # noqa: E402  (expertise and selection)

urlpatterns += review_urls.urlpatterns

from niokr.projects.lifecycle import delivery_urls  # noqa: E402  (stages, acts, results)

urlpatterns += delivery_urls.urlpatterns

from niokr.projects.lifecycle import council_urls  # noqa: E402  (scientific-technical councils)

urlpatterns += [path("councils/", include(council_urls.councils)), path("sessions/", include(council_urls.sessions))]
