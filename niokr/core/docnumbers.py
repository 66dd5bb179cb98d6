"""Document numbers as accountants mean them, whatever way they were written.

The same payment order (or agreement) is written "ПП-000123", "пп 123", "№ 123", "No. 123", "123.",
"123/24" (with the year), "1 23" (a space typed inside the digits) or "ПП-1З3" (a Cyrillic З typed
for the digit 3). :func:`number_key` reduces every such form to one key; :func:`split_key` tells the
parts of a key apart (the series or year before the number, the number, the part after it). Pure:
the standard library only, so that intake, the control indicators and tests can share it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["number_key", "split_key", "NumberKey"]

#: Cyrillic capitals that look like Latin ones: a number without digits typed in either alphabet reads the same.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХІЅЈ", "ABEKMHOPCTYXISJ")
#: Letters typed for digits. They are read as digits only inside a token that is otherwise digits
#: ("ЗЗ90", "1O5"), never in a prefix ("ПП", "PO", "No").
_DIGIT_LETTERS = str.maketrans({"З": "3", "з": "3", "О": "0", "о": "0", "O": "0", "o": "0", "l": "1", "I": "1", "І": "1", "Б": "6", "б": "6"})
_DIGIT_LIKE = set("ЗзОоOolIІБб")
_ANY_DIGIT_LIKE = re.compile("[ЗзОоOolIІБб]")
_TOKEN = re.compile(r"[^\W_]+")
_SPACED_DIGITS = re.compile(r"(?<=\d)[ \u00a0\u202f]+(?=\d)")
#: A run of two digits at the end, after a slash or dash, following the number: the year ("1543/24").
_SHORT_YEAR = re.compile(r"^(?P<head>.*\d)\s*[/\-–—]\s*(?P<year>\d{2})\s*\D*$")
#: A four-digit year at the end, after a slash or dash, following the number ("217/2025").
_LONG_YEAR = re.compile(r"^(?P<head>.*\d)\s*[/\-–—]\s*(?P<year>(?:19|20)\d\d)\s*\D*$")
#: One letter at the end, after a slash or dash following the number: a lettered part ("5150-А", "5150/Б").
_LETTER_PART = re.compile(r"(?<=\d)\s*[/\-–—]\s*(?P<letter>[^\W\d_])\.?\s*$")
#: A run of one digit at the end, after a slash or dash: a numbered part of the order ("700/1").
_PART = re.compile(r"\d\s*[/\-–—]\s*\d\D*$")
_YEAR4 = re.compile(r"(19|20)\d\d")


def _digits_for_letters(text: str) -> str:
    """Letters typed for digits read as digits, in tokens that hold a digit and nothing else but such
    letters — after a letter prefix glued to the number ("ппl00" is "пп" and "100")."""

    if not _ANY_DIGIT_LIKE.search(text):
        return text

    def fold(match: re.Match[str]) -> str:
        token = match.group(0)
        cut = max((i + 1 for i, ch in enumerate(token) if not (ch.isdigit() or ch in _DIGIT_LIKE)), default=0)
        prefix, rest = token[:cut], token[cut:]
        if any(ch.isdigit() for ch in rest):
            return prefix + rest.translate(_DIGIT_LETTERS)
        return token

    return _TOKEN.sub(fold, text)


def number_key(number: str | None) -> str | None:
    """The key of a document number: its runs of digits without leading zeros, joined by "/".

    "ПП-000123", "пп 123", "№ 123", "No. 123", "ПП 1 23", "ПП-1З3" and "123/24" all give "123"; "ПП-2024-000123"
    gives "2024/123" (a series or four-digit year kept: :func:`split_key` compares its number), "700/1"
    gives "700/1" (a numbered part kept). A two-digit run after a slash or dash at the end is the
    year and is dropped, unless the run before it is itself a four-digit year ("2024/15": number 15
    of 2024); so is a four-digit year there ("217/2025" gives "217"). One letter after a slash or dash
    at the end is a lettered part, kept ("5150-А" gives "5150/A"). A number without digits keeps its letters, look-alikes folded to Latin ("АКТ" = "AKT").
    Blank: ``None``.
    """
    if number is None:
        return None
    return _key_of(_cleaned(number))


def _cleaned(number: str) -> str:
    """``number`` with letters typed for digits read as digits and spaces inside the digits dropped."""
    return _SPACED_DIGITS.sub("", _digits_for_letters(number.strip()))


def _letter_part(text: str) -> tuple[str, str | None]:
    """``text`` without a lettered part at its end, and the part (a capital, look-alikes folded to Latin)."""
    match = _LETTER_PART.search(text)
    if not match:
        return text, None
    return text[:match.start()], match.group("letter").upper().translate(_LOOKALIKES)


def _key_of(text: str) -> str | None:
    """:func:`number_key` of a number already :func:`_cleaned`."""
    text, letter = _letter_part(text)
    for pattern in (_SHORT_YEAR, _LONG_YEAR):
        year = pattern.match(text)
        if year:
            runs_before = re.findall(r"\d+", year.group("head"))
            if runs_before and not _YEAR4.fullmatch(runs_before[-1]):
                text = year.group("head")
                break
    digits = re.findall(r"\d+", text)
    if digits:
        return "/".join([*(run.lstrip("0") or "0" for run in digits), *([letter] if letter else [])])
    letters = re.sub(r"[^0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", "", text.upper().translate(_LOOKALIKES).replace("№", ""))
    return letters or None


class NumberKey(NamedTuple):
    """A key taken apart: ``base`` (the key without its part), ``number`` (the last run of the base),
    ``part`` (a one-digit numbered part, or ``None``) and ``single`` (the base is one run: no series)."""

    base: str
    number: str
    part: str | None
    single: bool

    @property
    def key(self) -> str:
        """The whole key (:func:`number_key`): the base and its part."""
        return self.base if self.part is None else f"{self.base}/{self.part}"


def split_key(number: str | None) -> NumberKey | None:
    """:func:`number_key` of ``number`` taken apart (``None`` for a blank number).

    The part is a last run of one digit after a slash or dash that follows a longer number
    ("700/1", "0812-1"), or one letter after a slash or dash ("5150-А", "5150-Б"): the parts of one order. "2024/5" is number 5 of series 2024, not a part.
    """
    if number is None:
        return None
    text = _cleaned(number)
    key = _key_of(text)
    if key is None:
        return None
    runs = key.split("/")
    part = None
    if runs[-1].isalpha() and len(runs) >= 2:
        part, runs = runs[-1], runs[:-1]
    elif len(runs) >= 2 and len(runs[-1]) == 1 and _PART.search(text):
        head = runs[-2]
        if len(head) >= 2 and not _YEAR4.fullmatch(head):
            part, runs = runs[-1], runs[:-1]
    return NumberKey(base="/".join(runs), number=runs[-1], part=part, single=len(runs) == 1)
