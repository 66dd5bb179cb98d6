"""Texts kept in Russian with their Kazakh and English versions beside them.

A registry keeps a right's field name, its stability clause and a base figure's source document in
Russian (the first column, named without a suffix for compatibility: ``field_name``); the
``<name>_kk`` and ``<name>_en`` columns hold the same text in Kazakh and English and may be empty
(the pages then show the Russian). The ``localized`` template filter picks the reader's language.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = ["CYRILLIC", "check_translations"]

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def check_translations(obj, fields: dict[str, tuple[str, ...]]) -> None:
    """Raise a ``ValidationError`` naming each bad translation of ``obj``.

    ``fields`` maps the Russian field to its translations (``{"field_name": ("field_name_kk",
    "field_name_en")}``). A translation needs the Russian text it translates; an English text is
    written without Cyrillic letters.
    """
    errors: dict[str, list] = {}
    for russian, translations in fields.items():
        has_russian = bool((getattr(obj, russian) or "").strip())
        for name in translations:
            text = (getattr(obj, name) or "").strip()
            if not text:
                continue
            if not has_russian:
                errors.setdefault(name, []).append(ValidationError(_("Give the Russian text too: this one translates it."), code="translation_without_russian"))
            if name.endswith("_en") and CYRILLIC.search(text):
                errors.setdefault(name, []).append(ValidationError(_("The English text is written in Latin letters."), code="english_in_cyrillic"))
    if errors:
        raise ValidationError(errors)
