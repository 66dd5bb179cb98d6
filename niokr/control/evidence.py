"""How a flag's evidence and explanation read on a page, in an export and in the API.

The engine keeps evidence as plain values (money in tiyn, dates as text, organisations by BIN) and
writes its explanation sentences with them (:func:`niokr.control.indicators.explain`). Here the
values are written as a person reads them, in the reader's language:

* money, numbers, percentages and dates by :mod:`niokr.core.formatting` (the project's one rule);
* an organisation as its name in the reader's language with the BIN beside it (the registry's
  name; the name the evaluation recorded when the registry no longer has it);
* a rule regime by its title, a coded value by its label (:mod:`niokr.core.reference`);
* each key by its label in :data:`niokr.control.indicators.keys.KEYS`; row numbers are never shown.

Evidence recorded before the engine named things — a right as ``№ 6``, the other copies of a
payment by their row numbers only — reads from the database at display time: the right's number,
the copies' document numbers, dates and rights.

:class:`Reading` reads what a page's rows need in one query per kind (organisations, rules regimes,
rights, payments): ``add`` the rows first, then ask for sentences and rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import get_language

from niokr.control import indicators
from niokr.control.indicators.base import Formats, Indicator, Threshold
from niokr.control.indicators.keys import key_of, language_variant
from niokr.core import formatting
from niokr.core.reference import label as reference_label

__all__ = ["LANGUAGES", "language", "json_value", "Reading", "threshold_rows"]

LANGUAGES = ("kk", "ru", "en")
#: Placeholders of a right the engine could not name: "№ 6", "#6" (its row number).
_ROW_NUMBER = re.compile(r"^(?:№ ?|#)(\d+)$")


def language() -> str:
    """``kk``, ``ru`` or ``en``: the language the page or answer is written in."""
    lang = (get_language() or "ru")[:2]
    return lang if lang in LANGUAGES else "ru"


def json_value(value: Any) -> Any:
    """A JSON field's value; JSON text (as some bulk paths store it) is decoded."""
    return json.loads(value) if isinstance(value, str) else value


def _bins_of(evidence: Mapping[str, Any]) -> set[str]:
    """The BINs an evidence object names (organisation keys, lists of them, paths)."""
    found: set[str] = set()
    for name, value in evidence.items():
        key = key_of(name)
        if key is None or value is None:
            continue
        if key.kind == "bin":
            found.add(str(value))
        elif key.kind in ("bins",) or name == "path_bins":
            found.update(str(v) for v in value if v)
        elif key.kind == "path":
            found.update(re.findall(r"\d{12}", str(value)))
    return {b for b in found if b.isdigit() and len(b) == 12}


class Reading(Formats):
    """Evidence read for a set of rows (flags, case items): names, regimes, numbers read once for all."""

    def __init__(self):
        self._bins: set[str] = set()
        self._right_ids: set[int] = set()
        self._payment_ids: set[int] = set()
        self._organisations: dict[str, Any] = {}
        self._rights: dict[int, str] = {}
        self._payments: dict[int, tuple[str, Any, str]] = {}
        self._regimes: dict[str, Any] | None = None
        self._pending = False

    # -- what the rows need ------------------------------------------------------------------------

    def add(self, records: Iterable[Any]) -> None:
        """Note what the evidence of ``records`` (objects with ``.evidence``, or evidence mappings) names."""
        for record in records:
            evidence = json_value(getattr(record, "evidence", record)) or {}
            if not isinstance(evidence, Mapping):
                continue
            bins = _bins_of(evidence) - set(self._organisations)
            if bins:
                self._bins |= bins
                self._pending = True
            right = evidence.get("right_id")
            if isinstance(right, int) and right not in self._rights and any(_ROW_NUMBER.match(str(evidence.get(f"right_{lang}", ""))) for lang in LANGUAGES):
                self._right_ids.add(right)
                self._pending = True
            if "other_copies" not in evidence and evidence.get("other_payment_ids"):
                ids = {int(i) for i in evidence["other_payment_ids"] if isinstance(i, int)} - set(self._payments)
                if ids:
                    self._payment_ids |= ids
                    self._pending = True

    def _load(self) -> None:
        from niokr.projects.models import Payment
        from niokr.registry.models import Organisation, SubsoilRight

        self._pending = False
        if self._bins:
            for org in Organisation.objects.filter(bin__in=sorted(self._bins)).only("bin", "name_kk", "name_ru", "name_en"):
                self._organisations[org.bin] = org
            self._bins = set()
        if self._right_ids:
            self._rights.update(SubsoilRight.objects.filter(pk__in=self._right_ids).values_list("pk", "number"))
            self._right_ids = set()
        if self._payment_ids:
            rows = Payment.objects.filter(pk__in=self._payment_ids).values_list("pk", "document_number", "paid_on", "right__number")
            self._payments.update({pk: (number, paid_on, right) for pk, number, paid_on, right in rows})
            self._payment_ids = set()

    def _ready(self) -> None:
        if self._pending:
            self._load()

    def clear(self) -> None:
        """Forget what was read (an export reads its rows in chunks)."""
        self.__init__()

    # -- how values read -----------------------------------------------------------------------------

    def number(self, value: Any, places: int, lang: str) -> str:
        return formatting.number_text(value, places, lang)

    def money(self, tiyn: Any, lang: str) -> str:
        if tiyn is None or isinstance(tiyn, bool):
            return formatting.EMPTY
        try:
            from decimal import Decimal

            return formatting.money_text(Decimal(int(tiyn)).scaleb(-2), lang)
        except (TypeError, ValueError):
            return str(tiyn)

    def percent(self, value: Any, lang: str, places: int = 1) -> str:
        return formatting.percent_text(value, lang, places)

    def day(self, value: Any, lang: str) -> str:
        return indicators.base.format_day(value, lang) if isinstance(value, str) else formatting.day_text(value, lang)

    def name_of(self, bin_: str, lang: str, evidence: Mapping[str, Any]) -> str | None:
        self._ready()
        org = self._organisations.get(bin_)
        if org is not None:
            return getattr(org, f"name_{lang}", None) or org.name_ru or None
        return super().name_of(bin_, lang, evidence)

    def regime(self, code: Any, lang: str) -> str:
        if code in (None, ""):
            return formatting.EMPTY
        if self._regimes is None:
            from niokr.obligations.models import RuleRegime

            self._regimes = {}
            for regime in RuleRegime.objects.order_by("code", "version").only("code", "title_kk", "title_ru", "title_en"):
                self._regimes[regime.code] = regime  # the latest version's title
        regime = self._regimes.get(str(code))
        return (getattr(regime, f"title_{lang}", "") or regime.title_ru) if regime is not None else str(code)

    def label(self, enum: str | None, code: Any, lang: str) -> str:
        if code in (None, ""):
            return formatting.EMPTY
        if enum:
            try:
                return reference_label(str(code), lang, enum=enum)
            except (KeyError, TypeError):
                pass
        return str(code)

    # -- what a page asks ----------------------------------------------------------------------------

    def prepared(self, evidence: Any) -> dict:
        """The evidence with what the engine could not name read from the database (see the module docstring)."""
        data = dict(json_value(evidence) or {})
        self.add([data])
        self._ready()
        right = data.get("right_id")
        number = self._rights.get(right) if isinstance(right, int) else None
        if number:
            for lang in LANGUAGES:
                if _ROW_NUMBER.match(str(data.get(f"right_{lang}", ""))):
                    data[f"right_{lang}"] = number
        if "other_copies" not in data and data.get("other_payment_ids"):
            copies = []
            for pk in data["other_payment_ids"]:
                found = self._payments.get(pk)
                if found is not None:
                    doc, paid_on, right_number = found
                    copies.append(f"{doc} {formatting.day_text(paid_on, 'ru')}" + (f" ({right_number})" if right_number else ""))
            data["other_copies"] = copies
        return data

    def explanation(self, code: str, evidence: Any, lang: str | None = None, *, by_code: Mapping[str, Indicator] | None = None) -> str:
        """The flag's sentence in ``lang``; for a code the catalogue no longer holds, its evidence as labelled pairs."""
        lang = lang or language()
        indicator = (by_code if by_code is not None else {i.code: i for i in indicators.catalogue()}).get(code)
        data = self.prepared(evidence)
        if indicator is not None:
            return indicators.explain(indicator, data, lang, formats=self)
        return "; ".join(f"{label}: {value}" for label, value in self.rows(data, lang))

    def items(self, evidence: Any, lang: str | None = None) -> list[dict[str, str]]:
        """Each shown key of the evidence: ``{"key", "label", "value"}`` in ``lang`` (ids and raw codes left out)."""
        lang = lang or language()
        data = self.prepared(evidence)
        out = []
        for name, value in data.items():
            key = key_of(name)
            variant = language_variant(name)
            if variant is not None and variant[1] != lang:
                continue
            if key is not None and key.hidden:
                continue
            out.append({"key": variant[0] if variant else name, "label": key.text(lang) if key else name, "value": self.value(name, value, lang, data)})
        return out

    def rows(self, evidence: Any, lang: str | None = None) -> list[tuple[str, str]]:
        """The evidence as (label, value) rows for a page."""
        return [(item["label"], item["value"]) for item in self.items(evidence, lang)]


def threshold_rows(indicator: Indicator | None, in_force: Mapping[str, Any], lang: str | None = None, reading: Reading | None = None) -> list[dict]:
    """Each threshold with its label, the value used and the default (raw and as written in ``lang``) and what it means.

    ``in_force``: the values a run recorded (or the configuration holds); a threshold the indicator
    no longer has is listed with its value only.
    """
    lang = lang or language()
    reading = reading or Reading()
    thresholds: list[Threshold] = list(indicator.thresholds) if indicator is not None else []
    known = {t.name for t in thresholds}
    rows = []
    for t in thresholds:
        value = in_force.get(t.name, t.default)
        rows.append(_threshold_row(t.name, value, t.default, t.describe(lang), lang, reading))
    for name, value in in_force.items():
        if name not in known:
            rows.append(_threshold_row(name, value, None, "", lang, reading))
    return rows


def _threshold_row(name: str, value: Any, default: Any, description: str, lang: str, reading: Reading) -> dict:
    key = key_of(name)
    return {
        "name": name,
        "label": key.text(lang) if key else name,
        "value": value,
        "default": default,
        "value_display": reading.value(name, value, lang, {}),
        "default_display": reading.value(name, default, lang, {}) if default is not None else formatting.EMPTY,
        "description": description,
        "changed": default is not None and value != default,
    }
