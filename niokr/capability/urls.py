"""URLs of the capability app (mounted at /capability/, namespace ``capability``)."""

from django.urls import path

from niokr.capability import views

app_name = "capability"

urlpatterns = [
    path("", views.audit_list, name="audit-list"),
    path("audits/new/", views.audit_create, name="audit-create"),
    path("audits/<int:pk>/", views.audit_detail, name="audit-detail"),
    path("audits/<int:pk>/answers/", views.audit_answers, name="audit-answers"),
    path("audits/<int:pk>/radar.svg", views.audit_radar, name="audit-radar"),
    path("audits/<int:pk>/evidence/<int:question_id>/", views.audit_evidence, name="audit-evidence"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("potential/", views.potential, name="potential"),
    path("assessments/", views.assessment_list, name="assessment-list"),
    path("assessments/new/", views.assessment_create, name="assessment-create"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/answers/", views.assessment_answers, name="assessment-answers"),
    path("assessments/<int:pk>/correct/", views.assessment_correct, name="assessment-correct"),
    path("assessments/<int:pk>/evidence/<int:question_id>/", views.assessment_evidence, name="assessment-evidence"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire-list"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire-detail"),
    path("questionnaires/<int:pk>/new-version/", views.questionnaire_new_version, name="questionnaire-new-version"),
    path("questionnaires/<int:pk>/publish/", views.questionnaire_publish, name="questionnaire-publish"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("question-sets/", views.question_set_list, name="question-set-list"),
    path("question-sets/<int:pk>/", views.question_set_detail, name="question-set-detail"),
    path("question-sets/<int:pk>/new-version/", views.question_set_new_version, name="question-set-new-version"),
    path("question-sets/<int:pk>/publish/", views.question_set_publish, name="question-set-publish"),
    path("readiness-questions/<int:pk>/edit/", views.readiness_question_edit, name="readiness-question-edit"),
]
