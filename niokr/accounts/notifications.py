"""Notifications: the one call that tells a person they are asked to act, in their own language.

:func:`notify` writes a :class:`~niokr.accounts.models.Notification` (the in-app inbox, with the
unread count in the navigation bar) and, once the transaction commits, e-mails it through Django's
mail framework in the recipient's language (console or file backend in the demo, SMTP by
configuration: ``docs/configuration.md``). A message is a *kind* registered here with its words as a
catalogue entry; its values are stored with the notification and formatted when it is read.

Apps register their kinds with :func:`kind` (``lifecycle.vote_opened`` …); an unknown kind is a
programming error and raises at the call, not at the reader's page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

__all__ = ["Kind", "kind", "kinds", "notify", "text_of", "subject_of", "unread_count"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    """A message: ``text`` is a lazy catalogue string with ``%(name)s`` placeholders."""

    name: str
    subject: Any
    text: Any


_KINDS: dict[str, Kind] = {}


def kind(name: str, subject: Any, text: Any) -> Kind:
    """Register a message kind (again with the same name: replaced)."""
    _KINDS[name] = Kind(name, subject, text)
    return _KINDS[name]


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def _localised(params: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Values as read in ``lang``: a ``{"kk","ru","en"}`` mapping gives its ``lang`` text."""
    from niokr.core import formatting

    out = {}
    for name, value in params.items():
        if isinstance(value, Mapping) and {"kk", "ru", "en"} & set(value):
            value = value.get(lang) or value.get("ru") or next(iter(value.values()), "")
        elif isinstance(value, dict) and value.get("date"):
            value = formatting.day_text(value["date"], lang)
        out[name] = "" if value is None else str(value)
    return out


def _render(template: Any, params: Mapping[str, Any], lang: str) -> str:
    with translation.override(lang):
        try:
            return str(template) % _localised(params, lang)
        except (KeyError, ValueError, TypeError):
            return str(template)


def _language(notification_or_user) -> str:
    lang = (translation.get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


def text_of(notification, lang: str | None = None) -> str:
    """The notification's sentence in ``lang`` (default: the active language)."""
    found = _KINDS.get(notification.kind)
    lang = lang or _language(notification)
    return _render(found.text, notification.params, lang) if found else notification.kind


def subject_of(notification, lang: str | None = None) -> str:
    found = _KINDS.get(notification.kind)
    lang = lang or _language(notification)
    return _render(found.subject, notification.params, lang) if found else notification.kind


def notify(user, kind_name: str, params: Mapping[str, Any] | None = None, *, link: str = ""):
    """Tell ``user``: an inbox entry now, an e-mail in their language after the commit."""
    from niokr.accounts.models import Notification

    if kind_name not in _KINDS:
        raise KeyError(f"unknown notification kind {kind_name!r}")
    params = dict(params or {})
    link = link or str(params.pop("link", "") or "")
    note = Notification.objects.create(user=user, kind=kind_name, params=params, link=link[:300])
    if user.email and getattr(settings, "NIOKR_NOTIFY_BY_EMAIL", True):
        transaction.on_commit(lambda: _email(note.pk), robust=True)
    return note


def _email(pk: int) -> None:
    from niokr.accounts.models import Notification

    note = Notification.objects.select_related("user").filter(pk=pk, emailed_at__isnull=True).first()
    if note is None:
        return
    lang = note.user.language if note.user.language in ("kk", "ru", "en") else "ru"
    body = text_of(note, lang)
    if note.link:
        body += "\n\n" + getattr(settings, "NIOKR_SITE_URL", "").rstrip("/") + note.link
    try:
        send_mail(subject_of(note, lang), body, settings.DEFAULT_FROM_EMAIL, [note.user.email])
    except OSError:
        log.exception("notification %s could not be e-mailed", pk)
        return
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return user.notifications.filter(read_at__isnull=True).count()
