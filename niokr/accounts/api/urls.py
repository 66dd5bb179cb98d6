"""API endpoints of the accounts app (namespace ``accounts-api``): the caller's notifications."""

from rest_framework.routers import DefaultRouter

from niokr.accounts.api.notifications import NotificationViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = router.urls
