"""Foresight pages, mounted under /foresight/ (namespace ``foresight``). Exercises by code, rounds by number."""

from django.urls import path

from niokr.foresight import views

app_name = "foresight"

urlpatterns = [
    path("", views.exercise_list, name="exercise-list"),
    path("new/", views.exercise_create, name="exercise-create"),
    path("<str:code>/", views.exercise_detail, name="exercise-detail"),
    path("<str:code>/manage/", views.exercise_post, name="exercise-post"),
    path("<str:code>/expertise/", views.expertise, name="expertise"),
    path("<str:code>/rounds/<int:number>/", views.round_results, name="round-results"),
    path("<str:code>/rounds/<int:number>/answer/", views.questionnaire, name="questionnaire"),
    path("<str:code>/rounds/<int:number>/propose/", views.propose, name="propose"),
    path("<str:code>/rounds/<int:number>/responses/", views.round_responses, name="round-responses"),
]
