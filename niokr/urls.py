"""URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from niokr.obligations import views as obligation_views

urlpatterns = [
    path("", obligation_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
