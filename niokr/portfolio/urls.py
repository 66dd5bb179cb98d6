"""Pages of the priority portfolios."""

from django.urls import path

from niokr.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.review, name="review"),
    path("review/confirm/", views.confirm, name="confirm"),
    path("review/confirm-page/", views.bulk_confirm, name="bulk-confirm"),
    path("target/", views.set_target, name="target"),
    path("<slug:direction>/", views.direction_page, name="direction"),
]
