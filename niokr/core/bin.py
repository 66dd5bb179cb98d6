"""BIN and IIN: the 12-digit Kazakh identification numbers, their check digit and their layout.

The check-digit algorithm (DOMAIN.md §6.2, Government Decree of 11.06.2003 No 565): weights 1..11,
sum mod 11; if that gives 10, weights 3..11,1,2; if that gives 10 again the number is never issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


__all__ = [
    "BinError",
    "BinInfo",
    "IinInfo",
    "check_digit",
    "is_valid_bin",
    "validate_bin",
    "validate_iin",
    "decode_bin",
    "decode_iin",
    "restore_leading_zeros",
]

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

ENTITY_TYPES = {"4": "resident_legal_entity", "5": "non_resident_legal_entity", "6": "joint_individual_entrepreneur"}
UNIT_TYPES = {"0": "head_unit", "1": "branch", "2": "representative_office", "3": "peasant_farm"}


def _ascii_digits(text: str) -> bool:
    """Only 0–9: ``str.isdigit`` would also accept fullwidth, Arabic-Indic and superscript digits."""
    return text.isascii() and text.isdigit()


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogs; it is translated when read (:meth:`BinError.__str__`), so that
    this module imports nothing from Django (the intake's parsing package uses it without Django)."""
    return message


_LABELS = {"BIN": gettext_noop("BIN"), "IIN": gettext_noop("IIN")}


def _translation():
    """Django's gettext and get_language once settings are configured; else the messages as written."""
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import get_language, gettext

            return gettext, get_language
    except ImportError:  # pragma: no cover - Django is always installed with the project
        pass
    return (lambda m: m), (lambda: "en")


class BinError(ValueError):
    """The value is not a valid BIN/IIN; the message names the value and the problem.

    The message is read in the language active when it is shown (``str(error)``): a translated
    template with ``params`` (``label`` "BIN"/"IIN", ``value`` as given and the problem's numbers);
    ``code`` tells the problems apart for programs.
    """

    def __init__(self, message, *, code: str = "invalid", label: str = "BIN", value: object = "", **params):
        self.message = message
        self.code = code
        self.label = label
        self.value = value
        self.params = params
        super().__init__(message)

    def __str__(self) -> str:
        gettext, get_language = _translation()
        try:
            return self._render(gettext, get_language)
        except Exception:  # noqa: BLE001 - e.g. translations read before the app registry is ready
            return self._render(lambda m: m, lambda: "en")

    def _render(self, gettext, get_language) -> str:
        text = self.value if isinstance(self.value, str) else str(self.value)
        quoted = f"“{text}”" if (get_language() or "")[:2] == "en" else f"«{text}»"
        label = gettext(_LABELS[self.label]) if self.label in _LABELS else self.label
        return gettext(self.message) % {"label": label, "value": quoted, **self.params}


def check_digit(first11: str) -> int | None:
    """The check digit for 11 leading digits, or ``None`` when no valid number starts with them."""
    if len(first11) != 11 or not _ascii_digits(first11):
        raise BinError(gettext_noop("%(value)s: 11 digits are needed to compute a check digit"), code="check_digit_input", value=first11)
    digits = [int(c) for c in first11]
    k = sum(d * w for d, w in zip(digits, _W1, strict=True)) % 11
    if k == 10:
        k = sum(d * w for d, w in zip(digits, _W2, strict=True)) % 11
        if k == 10:
            return None
    return k


def _validate_number(value: object, label: str) -> str:
    if not isinstance(value, str):
        raise BinError(gettext_noop("%(label)s %(value)s: must be a string of 12 digits"), code="not_text", label=label, value=value)
    text = value.strip()
    if len(text) != 12 or not _ascii_digits(text):
        raise BinError(gettext_noop("%(label)s %(value)s: must be exactly 12 digits"), code="length", label=label, value=value)
    k = check_digit(text[:11])
    if k is None:
        raise BinError(gettext_noop("%(label)s %(value)s: no check digit exists for these digits; such a number is never issued"), code="never_issued", label=label, value=value)
    if int(text[11]) != k:
        raise BinError(gettext_noop("%(label)s %(value)s: check digit is %(found)s, expected %(expected)s"), code="check_digit", label=label, value=value, found=text[11], expected=k)
    return text


def validate_bin(value: object) -> str:
    """Return the BIN if its format and check digit hold, else raise :class:`BinError`."""
    return _validate_number(value, "BIN")


def validate_iin(value: object) -> str:
    """Return the IIN if format, check digit and birth date hold, else raise :class:`BinError`."""
    text = _validate_number(value, "IIN")
    decode_iin(text)
    return text


def is_valid_bin(value: object) -> bool:
    """Whether ``value`` passes :func:`validate_bin`."""
    try:
        validate_bin(value)
    except BinError:
        return False
    return True


@dataclass(frozen=True)
class BinInfo:
    """What a BIN's layout says: registration year and month, entity type, unit, and layout warnings."""

    bin: str
    registration_year: int
    registration_month: int
    entity_type: str | None
    unit_type: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class IinInfo:
    """What an IIN says: birth date and sex."""

    iin: str
    birth_date: date
    sex: str


def decode_bin(value: str) -> BinInfo:
    """Decode a valid BIN. Unknown type or unit digits are warnings, not errors (legacy numbers exist)."""
    text = validate_bin(value)
    yy, mm = int(text[0:2]), int(text[2:4])
    warnings = []
    year = 2000 + yy if yy <= 69 else 1900 + yy
    if not 1 <= mm <= 12:
        warnings.append(f"registration month {mm:02d} is not a month")
    entity = ENTITY_TYPES.get(text[4])
    if entity is None:
        warnings.append(f"type digit {text[4]} is not 4, 5 or 6")
    unit = UNIT_TYPES.get(text[5])
    if unit is None:
        warnings.append(f"unit digit {text[5]} is not 0, 1, 2 or 3")
    return BinInfo(text, year, mm, entity, unit, tuple(warnings))


def decode_iin(value: str) -> IinInfo:
    """Decode an IIN's birth date (YYMMDD) and century/sex digit (the number is validated first)."""
    text = _validate_number(value, "IIN")
    century_digit = int(text[6])
    if century_digit not in range(1, 7):
        raise BinError(gettext_noop("%(label)s %(value)s: century digit %(digit)s is not 1–6"), code="century", label="IIN", value=value, digit=century_digit)
    century = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[century_digit]
    try:
        birth = date(century + int(text[0:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise BinError(gettext_noop("%(label)s %(value)s: %(digits)s is not a date of birth (YYMMDD)"), code="birth_date", label="IIN", value=value, digits=text[0:6]) from None
    return IinInfo(text, birth, "male" if century_digit % 2 else "female")


def restore_leading_zeros(value: str | int) -> str | None:
    """Restore a BIN that lost leading zeros (a spreadsheet turned it into a number).

    Returns the 12-digit BIN when the zero-padding is valid, else ``None``. Padding on the left is
    the only way zeros get lost, so at most one candidate exists; the check digit confirms it. A
    BIN starts with YYMM (month 01–12), so at most three leading zeros can be lost: fewer than nine
    digits are never a stripped BIN.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    if not _ascii_digits(text) or not 9 <= len(text) < 12:
        return None
    candidate = text.zfill(12)
    return candidate if is_valid_bin(candidate) else None
