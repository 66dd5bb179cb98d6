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
    path("expertise/<str:reference>/start-scoring/", v.expertise_step, {"step": "start_scoring"}, name="expertise-start-scoring"),
    path("expertise/<str:reference>/conclude/", v.expertise_step, {"step": "conclude"}, name="expertise-conclude"),
    path("expertise/<str:reference>/cancel/", v.expertise_step, {"step": "cancel"}, name="expertise-cancel"),
    path("calls/", v.call_list, name="call-list"),
    path("calls/new/", v.call_create, name="call-create"),
    path("calls/<str:reference>/", v.call_detail, name="call-detail"),
    path("calls/<str:reference>/apply/", v.call_apply, name="call-apply"),
    path("calls/<str:reference>/open/", v.call_step, {"step": "open"}, name="call-open"),
    path("calls/<str:reference>/close/", v.call_step, {"step": "close"}, name="call-close"),
    path("calls/<str:reference>/decide/", v.call_step, {"step": "decide"}, name="call-decide"),
    path("applications/<str:reference>/", v.application_detail, name="application-detail"),
    path("applications/<str:reference>/withdraw/", v.application_withdraw, name="application-withdraw"),
    path("pool/", v.pool, name="pool"),
]
