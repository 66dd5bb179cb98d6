"""The language a signed-in user chose is the language of every page they see."""

from __future__ import annotations

from django.utils import translation

__all__ = ["UserLanguageMiddleware"]


class UserLanguageMiddleware:
    """After authentication: activate ``user.language`` (remembered per user) for the request.

    Anonymous visitors keep what ``LocaleMiddleware`` chose (the language cookie, else the browser's).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
