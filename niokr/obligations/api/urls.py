"""API endpoints of the obligations app (namespace ``obligations-api``)."""

from rest_framework.routers import DefaultRouter

from niokr.obligations.api.views import BalanceViewSet, BaseFigureViewSet, LedgerEntryViewSet, RegimeViewSet

router = DefaultRouter(trailing_slash=True)
router.register("regimes", RegimeViewSet, basename="regime")
router.register("base-figures", BaseFigureViewSet, basename="base-figure")
router.register("balances", BalanceViewSet, basename="balance")
router.register("ledger", LedgerEntryViewSet, basename="ledger-entry")

urlpatterns = router.urls
