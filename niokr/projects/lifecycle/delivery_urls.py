"""Pages of stages, acts, results and what a subsoil user's 1% produced (namespace ``lifecycle``)."""

from django.urls import path

from niokr.projects.lifecycle import delivery_views, result_views

urlpatterns = [
    path("agreements/<int:pk>/stages/plan/", delivery_views.stage_plan, name="stage-plan"),
    path("agreements/<int:pk>/stages/export/", delivery_views.agreement_stages_export, name="agreement-stages-export"),
    path("stages/<int:pk>/", delivery_views.stage_detail, name="stage-detail"),
    path("stages/<int:pk>/submit/", delivery_views.stage_submit, name="stage-submit"),
    path("stages/<int:pk>/accept/", delivery_views.stage_accept, name="stage-accept"),
    path("stages/<int:pk>/return/", delivery_views.stage_return, name="stage-return"),
    path("stages/<int:pk>/link/", delivery_views.stage_link, name="stage-link"),
    path("stages/<int:pk>/report/", delivery_views.stage_report, name="stage-report"),
    path("stages/<int:pk>/act-report/", delivery_views.act_report, name="act-report"),
    path("results/", result_views.ResultListView.as_view(), name="result-list"),
    path("results/new/", result_views.result_create, name="result-create"),
    path("results/<str:reference>/", result_views.result_detail, name="result-detail"),
    path("results/<str:reference>/verify/", result_views.result_verify, name="result-verify"),
    path("results/<str:reference>/reject/", result_views.result_reject, name="result-reject"),
    path("results/<str:reference>/evidence/", result_views.result_evidence, name="result-evidence"),
    path("results/<str:reference>/evidence/file/", result_views.evidence_file, name="result-evidence-file"),
    path("produced/", result_views.produced_own, name="produced-own"),
    path("produced/<int:pk>/", result_views.produced, name="produced"),
]
