"""API endpoints of the registry app (namespace ``registry-api``)."""

from rest_framework.routers import DefaultRouter

from niokr.registry.api import views

router = DefaultRouter(trailing_slash=True)
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("rights", views.SubsoilRightViewSet, basename="right")

urlpatterns = router.urls
