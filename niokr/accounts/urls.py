"""Sign-in, sign-out, language."""

from django.contrib.auth import views as auth_views
from django.urls import path

from niokr.accounts import inbox, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="language"),
    path("notifications/", inbox.notification_list, name="notifications"),
    path("notifications/read/", inbox.notification_read, name="notification-read"),
]
