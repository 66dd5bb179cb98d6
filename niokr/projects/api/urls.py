"""API endpoints of the projects app (namespace ``projects-api``)."""

from rest_framework.routers import DefaultRouter

from niokr.projects.api import views

router = DefaultRouter(trailing_slash=True)
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("payments", views.PaymentViewSet, basename="payment")

urlpatterns = router.urls
