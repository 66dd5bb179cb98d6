"""The technology policy's pages ``niokr bench web`` measures for a login (among what that login may see)."""

from __future__ import annotations

from django.urls import reverse

from niokr.foresight.access import exercises_visible_to, may_use_foresight
from niokr.foresight.models import RoundStatus
from niokr.ranking.access import may_read_rankings, rankings_visible_to

__all__ = ["delphi_results_url", "ranking_url"]


def delphi_results_url(user) -> str:
    """The results page of the latest closed round of the first Delphi ``user`` may read ("": none)."""
    if not may_use_foresight(user):
        return ""
    for exercise in exercises_visible_to(user).order_by("code"):
        closed = exercise.rounds.filter(status=RoundStatus.CLOSED).order_by("-number").first()
        if closed is not None:
            return reverse("foresight:round-results", args=[exercise.code, closed.number])
    return ""


def ranking_url(user) -> str:
    """The page of the first ranking ``user`` may read ("": none)."""
    if not may_read_rankings(user):
        return ""
    ranking = rankings_visible_to(user).order_by("code").first()
    return reverse("ranking:ranking-detail", args=[ranking.code]) if ranking is not None else ""
