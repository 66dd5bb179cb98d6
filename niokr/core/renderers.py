"""The API's renderers beyond DRF's own (a module of its own: DRF's settings import it while they load)."""

from __future__ import annotations

from rest_framework import renderers

__all__ = ["BrowsableAPIRenderer"]


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API (``?format=api``), also for a list that is not a queryset.

    DRF builds the page's filter form from ``view.get_queryset()``, which a view that lists
    something other than rows of a model (the indicator catalogue) does not have; a view without
    filter backends has no filter form to show.
    """

    def get_filter_form(self, data, view, request):
        if not getattr(view, "filter_backends", None):
            return None
        return super().get_filter_form(data, view, request)
