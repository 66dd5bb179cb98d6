"""The lifecycle's API under ``/api/v1/lifecycle/`` (namespace ``lifecycle-api``): one ``path`` per part."""

from django.urls import include, path  # noqa: F401
from rest_framework.routers import DefaultRouter

from niokr.projects.lifecycle.api.programmes import ProgrammeViewSet

_programmes = DefaultRouter(trailing_slash=True)
_programmes.include_root_view = False
_programmes.register("programmes", ProgrammeViewSet, basename="programme")

urlpatterns: list = [
    *_programmes.urls,
]

# The state expertise and the competitive selection.
from niokr.projects.lifecycle.api.review import ApplicationViewSet, CallViewSet, ExpertiseViewSet, PoolView  # noqa: E402

_review = DefaultRouter(trailing_slash=True)
_review.include_root_view = False
_review.register("expertise", ExpertiseViewSet, basename="expertise")
_review.register("calls", CallViewSet, basename="call")
_review.register("applications", ApplicationViewSet, basename="application")
urlpatterns += [*_review.urls, path("pool/", PoolView.as_view(), name="pool")]

# The scientific-technical councils: sessions, agenda items with their results, votes.
from niokr.projects.lifecycle.api.councils import AgendaItemViewSet, SessionViewSet, VoteViewSet  # noqa: E402

_councils = DefaultRouter(trailing_slash=True)
_councils.include_root_view = False
_councils.register("sessions", SessionViewSet, basename="session")
_councils.register("items", AgendaItemViewSet, basename="agenda-item")
_councils.register("votes", VoteViewSet, basename="vote")
urlpatterns += _councils.urls

# Stages of agreements, acceptance acts and results.
from niokr.projects.lifecycle.api.delivery import ActViewSet, ResultViewSet, StageViewSet  # noqa: E402

_delivery = DefaultRouter(trailing_slash=True)
_delivery.include_root_view = False
_delivery.register("stages", StageViewSet, basename="stage")
_delivery.register("acts", ActViewSet, basename="act")
_delivery.register("results", ResultViewSet, basename="result")
urlpatterns += _delivery.urls
