"""Numbers, money, percentages, dates and date-times as each language writes them: one rule each.

The template filters of :mod:`niokr.core.templatetags.niokr` (``money``, ``number``, ``percent``,
``day``, ``moment``) call these functions with the active language; Python code that writes a
sentence for a person (a reason, an explanation, a threshold, a PDF) calls them with the
sentence's language. No other code formats an amount, a share or a date for a person.

=============  ==============================  ==============================
What           Kazakh, Russian                 English
=============  ==============================  ==============================
money          ``1 234 567,89 ₸``              ``₸1,234,567.89``
number         ``1 234 567,5``                 ``1,234,567.5``
percentage     ``1,00 %`` (places as asked)    ``1.00 %``
date           ``07.12.2026``                  ``7 Dec 2026``
date-time      ``07.12.2026 10:40``            ``7 Dec 2026 10:40``
=============  ==============================  ==============================

Groups of thousands are separated by a narrow no-break space (U+202F) in Kazakh and Russian, the
tenge sign and the percent sign by a no-break space (U+00A0); a minus is U+2212. Date-times are
shown on a 24-hour clock in the installation's time zone (``TIME_ZONE``, Asia/Almaty).

Exports are not for reading but for computing: CSV and XLSX keep numbers as numbers (see
:mod:`niokr.core.exports`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "LANGUAGES",
    "RATE_PLACES",
    "PERCENT_PLACES",
    "NNBSP",
    "NBSP",
    "MINUS",
    "number_text",
    "money_text",
    "percent_text",
    "rate_text",
    "day_text",
    "moment_text",
]

LANGUAGES = ("kk", "ru", "en")
#: Decimals of a regime's rate written as a percentage (``1,00 %``), wherever it is shown.
RATE_PLACES = 2
#: Decimals of a share written as a percentage (``87,3 %``) unless a page asks for others.
PERCENT_PLACES = 1
NNBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
EMPTY = "—"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _language(lang: str | None) -> str:
    lang = (lang or "ru")[:2]
    return lang if lang in LANGUAGES else "ru"


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount if amount.is_finite() else None


def number_text(value, places: int = 0, lang: str | None = "ru") -> str:
    """``value`` with groups of thousands and exactly ``places`` decimals, ``—`` when empty.

    A value that is not a number is returned as text unchanged.
    """
    if value is None or value == "":
        return EMPTY
    amount = _decimal(value)
    if amount is None:
        return str(value)
    places = max(0, int(places))
    try:  # half up, as people round (and as the tiyn is rounded): 87.25 % is 87.3 %
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: formatting rounds instead
        pass
    text = f"{abs(amount):,.{places}f}"
    integer, _, decimals = text.partition(".")
    negative = amount < 0 and any(ch not in "0,." for ch in text)  # never "−0,00"
    sign = MINUS if negative else ""
    if _language(lang) == "en":
        return sign + integer + ("." + decimals if decimals else "")
    return sign + integer.replace(",", NNBSP) + ("," + decimals if decimals else "")


def money_text(value, lang: str | None = "ru", places: int = 2) -> str:
    """An amount in tenge: ``1 234 567,89 ₸`` (kk, ru), ``₸1,234,567.89`` (en), ``—`` when empty."""
    if value is None or value == "":
        return EMPTY
    if _decimal(value) is None:
        return str(value)
    text = number_text(value, places, lang)
    if _language(lang) == "en":
        return (MINUS + "₸" + text[1:]) if text.startswith(MINUS) else "₸" + text
    return text + NBSP + "₸"


def percent_text(value, lang: str | None = "ru", places: int = PERCENT_PLACES) -> str:
    """A percentage given in percent (``87.25`` is 87.25 %): ``87,3 %`` (kk, ru), ``87.3 %`` (en)."""
    if value is None or value == "":
        return EMPTY
    if _decimal(value) is None:
        return str(value)
    return number_text(value, places, lang) + NBSP + "%"


def rate_text(fraction, lang: str | None = "ru") -> str:
    """A regime's rate given as a fraction (``0.01``) as a percentage: ``1,00 %`` (kk, ru), ``1.00 %`` (en)."""
    amount = _decimal(fraction) if fraction not in (None, "") else None
    if amount is None:
        return percent_text(fraction, lang, RATE_PLACES)
    return percent_text(amount * 100, lang, RATE_PLACES)


def day_text(value, lang: str | None = "ru") -> str:
    """A date: ``07.12.2026`` (kk, ru), ``7 Dec 2026`` (en). A date-time gives its local date.

    An ISO date string (``"2026-12-07"``, as reasons store them) is read as a date.
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = _local(value).date()
    if not isinstance(value, date):
        return str(value)
    if _language(lang) == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def moment_text(value, lang: str | None = "ru") -> str:
    """A date-time on a 24-hour clock in the installation's time zone: ``07.12.2026 10:40`` (kk, ru), ``7 Dec 2026 10:40`` (en)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return day_text(value, lang)
    value = _local(value)
    return f"{day_text(value.date(), lang)} {value:%H:%M}"


def _local(value: datetime) -> datetime:
    """An aware date-time in the installation's time zone; a naive one is taken as local already."""
    if value.tzinfo is None:
        return value
    from django.utils import timezone

    return timezone.localtime(value)
