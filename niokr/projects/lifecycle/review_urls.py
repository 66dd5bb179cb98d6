"""Pages of the state expertise and the competitive selection (included in ``lifecycle.urls``)."""

from django.urls import path

from niokr.projects.lifecycle import review_views as v

urlpatterns = [
    path("expertise/", v.expertise_list, name="expertise-list"),
    path("expertise/sheets/", v.sheet_list, name="sheet-list"),
    path("expertise/open/<str:reference>/", v.expertise_open, name="expertise-open"),
    path("expertise/<str:reference>/", v.expertise_detail, name="expertise-detail"),
    path("expertise/<str:reference>/assign/", v.expertise_assign, name="expertise-assign"),
    path("expertise/<str:reference>/score/", v.expertise_score, name="expertise-score"),
    path("expertise/<str:reference>/step/<str:step>/", v.expertise_step, name="expertise-step"),
    path("calls/", v.call_list, name="call-list"),
    path("calls/new/", v.call_create, name="call-create"),
    path("calls/<str:reference>/", v.call_detail, name="call-detail"),
    path("calls/<str:reference>/apply/", v.call_apply, name="call-apply"),
    path("calls/<str:reference>/step/<str:step>/", v.call_step, name="call-step"),
    path("applications/<str:reference>/", v.application_detail, name="application-detail"),
    path("applications/<str:reference>/withdraw/", v.application_withdraw, name="application-withdraw"),
    path("pool/", v.pool, name="pool"),
]
