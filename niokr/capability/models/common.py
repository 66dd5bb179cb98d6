"""What the capability tables share: trilingual texts, the frozen-row guard, evidence fields."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

__all__ = ["LANGUAGES", "TEXT_MAX", "validate_trilingual", "in_language", "Frozen", "EvidenceFields", "SHA256"]

LANGUAGES = ("kk", "ru", "en")
#: The longest text of one language a question, an anchor or a title may hold.
TEXT_MAX = 2000
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def validate_trilingual(value) -> None:
    """Refuse anything but ``{"kk": …, "ru": …, "en": …}`` with three non-empty texts (English in Latin letters)."""
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        raise ValidationError(_("Give the text in Kazakh, Russian and English."), code="trilingual")
    for language in LANGUAGES:
        text = value[language]
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(_("Give the text in Kazakh, Russian and English."), code="trilingual")
        if len(text) > TEXT_MAX or "\x00" in text:
            raise ValidationError(_("A text is at most %(max)s characters.") % {"max": TEXT_MAX}, code="too_long")
    if _CYRILLIC.search(value["en"]):
        raise ValidationError(_("The English text is written in Latin letters."), code="english_in_cyrillic")


def in_language(value, language: str | None = None) -> str:
    """A stored trilingual text in the reader's language (Russian if that one is missing)."""
    if not isinstance(value, dict):
        return ""
    language = (language or get_language() or "ru")[:2]
    return value.get(language) or value.get("ru") or ""


class Frozen(ValidationError):
    """A write refused to a row that no longer changes (a published version, a submitted audit or assessment)."""


class EvidenceFields(models.Model):
    """A file that supports an answer: its name as sent and SHA-256 (the file kept by content, or named only)."""

    evidence_name = models.CharField(_("evidence file"), max_length=255, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256 of the evidence"), max_length=64, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("evidence size, bytes"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.evidence_sha256 and not SHA256.match(self.evidence_sha256):
            raise ValidationError({"evidence_sha256": ValidationError(_("A SHA-256 is 64 hexadecimal digits."), code="sha256")})
        if self.evidence_sha256 and not self.evidence_name:
            raise ValidationError({"evidence_name": ValidationError(_("Name the evidence file whose hash is given."), code="evidence_name")})
