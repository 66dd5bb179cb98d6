"""API endpoints of the control app (namespace ``control-api``)."""

from rest_framework.routers import DefaultRouter

from niokr.control.api import views

router = DefaultRouter(trailing_slash=True)
router.register("flags", views.FlagViewSet, basename="flag")
router.register("scores", views.RiskScoreViewSet, basename="score")
router.register("cases", views.AuditCaseViewSet, basename="case")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("notices", views.NoticeViewSet, basename="notice")

urlpatterns = router.urls
