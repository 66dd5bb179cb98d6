"""Payment-order numbers as accountants write them, and the ways a second copy writes one differently.

A payer numbers its payment orders in one style of its accounting system, a serial that restarts
every year («ПП-2023-004512», «4512», «004512», «2023/4512», «ПП-4512»), so the same number comes
back in another year for another payment. A document key (an integer) carries the style, the year
and the serial; :func:`document_number` writes it.

When the same payment order is reported twice from two sources, the second copy often writes the
number another way: «№ » in front, a space or nothing instead of the dash, leading zeros dropped or
added, other letter case, Latin letters, the date appended. :func:`written_differently` makes such
a variant; it never changes the digits' values, so an accountant would read both as one number.
"""

from __future__ import annotations

import re
from datetime import date
from random import Random

__all__ = ["DOCUMENT_STYLES", "STYLE_STEP", "document_key", "document_number", "doc_text", "written_differently", "VARIANTS"]

#: (format, weight): the styles of payers' payment-order numbers; ``{y}`` year, ``{n}`` serial.
DOCUMENT_STYLES = (("ПП-{y}-{n:06d}", 50), ("{n}", 20), ("{n:06d}", 10), ("{y}/{n}", 10), ("ПП-{n}", 10))
#: A document key is ``style × STYLE_STEP + year × 10⁶ + serial``.
STYLE_STEP = 10**10


def document_key(style: int, year: int, serial: int) -> int:
    return style * STYLE_STEP + year * 1_000_000 + serial


def document_number(key: int) -> str:
    """The payment-order number of a document key in its payer's style («ПП-2023-004512», «4512» …)."""
    style, rest = divmod(key, STYLE_STEP)
    year, serial = divmod(rest, 1_000_000)
    return DOCUMENT_STYLES[style][0].format(y=year, n=serial)


def doc_text(doc) -> str:
    """A payment record's number: the text a copy wrote, else its key's number."""
    return doc if doc.__class__ is str else document_number(doc)


_DIGITS = re.compile(r"\d+")
_LATIN = str.maketrans({"П": "P", "п": "p"})


def _numero(rng: Random, text: str, _day: date) -> str | None:
    return rng.choice(("№ ", "№", "N ", "№ ", "No. ")) + text


def _separator(rng: Random, text: str, _day: date) -> str | None:
    for i, ch in enumerate(text):
        if ch in "-/":
            choices = [" ", "–", "/" if ch == "-" else "-"]
            if not (text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()):
                choices.append("")  # «ПП2023-…», never two digit groups run together
            return text[:i] + rng.choice(choices) + text[i + 1:]
    return None


def _zeros_dropped(_rng: Random, text: str, _day: date) -> str | None:
    runs = list(_DIGITS.finditer(text))
    last = runs[-1] if runs else None
    if last is None or len(last.group()) < 2 or not last.group().startswith("0"):
        return None
    return text[: last.start()] + str(int(last.group())) + text[last.end():]


def _zeros_added(rng: Random, text: str, _day: date) -> str | None:
    runs = list(_DIGITS.finditer(text))
    if not runs:
        return None
    last = runs[-1]
    return text[: last.start()] + "0" * rng.randint(1, 2) + last.group() + text[last.end():]


def _case(rng: Random, text: str, _day: date) -> str | None:
    if not any(c.isalpha() for c in text):
        return None
    return text.lower() if rng.random() < 0.7 else text.title()


def _latin(_rng: Random, text: str, _day: date) -> str | None:
    changed = text.translate(_LATIN)
    return changed if changed != text else None


def _dated(rng: Random, text: str, day: date) -> str | None:
    return text + rng.choice((f" от {day:%d.%m.%Y}", f" от {day:%d.%m.%y}", f" ({day:%d.%m.%Y})"))


#: (name, variant, weight)
VARIANTS = (
    ("numero_sign", _numero, 25),
    ("separator", _separator, 20),
    ("leading_zeros_dropped", _zeros_dropped, 15),
    ("leading_zeros_added", _zeros_added, 10),
    ("letter_case", _case, 12),
    ("latin_letters", _latin, 6),
    ("date_appended", _dated, 12),
)


def written_differently(rng: Random, text: str, day: date) -> tuple[str, list[str]]:
    """``text`` written another way (one change, sometimes two), and the names of the changes."""
    names = [n for n, _f, _w in VARIANTS]
    weights = [w for _n, _f, w in VARIANTS]
    funcs = {n: f for n, f, _w in VARIANTS}
    wanted = 1 if rng.random() < 0.7 else 2
    applied: list[str] = []
    out = text
    for _attempt in range(12):
        if len(applied) == wanted:
            break
        name = rng.choices(names, weights)[0]
        if name in applied:
            continue
        changed = funcs[name](rng, out, day)
        if changed is None or changed == out:
            continue
        out = changed
        applied.append(name)
    if out == text:  # nothing applied (cannot happen: «№ » always can), but never return the same text
        out, applied = "№ " + text, ["numero_sign"]
    return out, applied
