from django.urls import path

from niokr.ranking import views

app_name = "ranking"

urlpatterns = [
    path("", views.ranking_list, name="ranking-list"),
    path("new/", views.ranking_create, name="ranking-create"),
    path("<str:code>/", views.ranking_detail, name="ranking-detail"),
    path("<str:code>/comparisons/", views.comparisons, name="ranking-comparisons"),
    path("<str:code>/scores/", views.scores, name="ranking-scores"),
    path("<str:code>/criteria/", views.add_criterion, name="ranking-criterion-add"),
    path("<str:code>/criteria/<str:criterion>/remove/", views.remove_criterion, name="ranking-criterion-remove"),
    path("<str:code>/candidates/", views.add_candidate, name="ranking-candidate-add"),
    path("<str:code>/import/", views.import_delphi, name="ranking-import"),
    path("<str:code>/compute/", views.compute, name="ranking-compute"),
    path("<str:code>/finalise/", views.finalise, name="ranking-finalise"),
    path("<str:code>/runs/<int:number>/", views.run_detail, name="ranking-run"),
    path("<str:code>/analysis/", views.analysis_page, name="ranking-analysis"),
    path("<str:code>/analysis/gap/", views.set_gap, name="ranking-gap"),
    path("<str:code>/roadmap/", views.roadmap, name="ranking-roadmap"),
    path("<str:code>/roadmap/<int:pk>/remove/", views.remove_roadmap_entry, name="ranking-roadmap-remove"),
    path("<str:code>/report.pdf", views.report_pdf, name="ranking-report-pdf"),
    path("<str:code>/report.xlsx", views.report_xlsx, name="ranking-report-xlsx"),
]
