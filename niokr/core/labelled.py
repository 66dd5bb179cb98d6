"""Django choices whose labels are the trilingual reference labels: one place for an enumeration's words.

An enumeration decorated with :func:`reference_labels` takes each member's label from
:data:`niokr.core.reference.LABELS`, lazily, in the active language — so a form, the admin,
``get_FOO_display()``, an API ``*_display`` field, a page and an explanation all say the same words,
and a wording is changed in ``core.reference`` alone. With translation deactivated (management
commands such as ``makemigrations``) the English label is used.

This module imports ``core.reference`` only when a label is read: ``core.reference`` itself imports
``core.choices``, whose enumerations are decorated here.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import lazy

__all__ = ["enum_key", "reference_labels"]


def enum_key(enum_class: type) -> str:
    """The key of an enumeration in ``core.reference.LABELS``: ``"<app>.<ClassName>"``.

    The app is the package right under ``niokr`` in the class's module, so
    ``niokr.registry.choices.OrganisationKind`` gives ``"registry.OrganisationKind"``; moving the
    class within its app keeps the key.
    """
    parts = enum_class.__module__.split(".")
    if len(parts) < 2 or parts[0] != "niokr":
        raise ValueError(f"{enum_class!r} is not defined in a niokr app; its labels cannot live in core.reference")
    return f"{parts[1]}.{enum_class.__qualname__}"


def _text(key: str, value: str) -> str:
    from niokr.core.reference import LABELS

    return LABELS[key][value].get(translation.get_language() or "en")


_lazy_text = lazy(_text, str)


def reference_labels(enum_class):
    """Class decorator: every member's ``label`` is its reference label in the active language."""
    key = enum_key(enum_class)
    for member in enum_class:
        member._label_ = _lazy_text(key, member.value)
    return enum_class
