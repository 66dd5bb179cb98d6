"""The contract every control indicator keeps: input frames, parameters, and the outcome frame.

Pure: polars and the standard library only (no Django; the purpose classifier of NK-07 adds
scikit-learn, ADR 11). The runner (``niokr.control.runner``)
extracts the input frames from the database, calls :func:`evaluate` and writes flags, coverage
and scores.

Money is always integer tiyn (``Int64``; 1 ₸ = 100 tiyn), dates are ``pl.Date``.

Input frames (a frame an indicator needs but the caller did not supply makes every subject of the
indicator *not computable* with reason ``frame_missing:<name>``):

``payments`` — one row per direct R&D spending line
    payment_id Int64, agreement_id Int64, right_id Int64, payer_id Int64, performer_id Int64,
    paid_on Date, amount Int64, purpose Utf8, document_number Utf8,
    year Int32 (the contract-year it counts toward: for_year, else paid_on's year),
    source_submission Int64 (null: loaded, not submitted), regime_code Utf8 (regime of the right
    in force in ``year``; null: none), requires_accreditation Boolean (null: no regime),
    right_number Utf8 (the right's number as registered, for texts; null: not known)
``agreements`` — agreement_id Int64, payer_id Int64, performer_id Int64, number Utf8,
    signed_on Date, period_start Date, period_end Date, amount Int64, project_id Int64 (null),
    priority_direction Utf8, subject Utf8
``organisations`` — org_id Int64, bin Utf8, kind Utf8 (registry OrganisationKind values),
    registered_on Date, name Utf8, oked Utf8 (principal activity code, e.g. "72.19"; empty: not known)
``attributes`` — org_id Int64, kind Utf8 (kazakhstani_supplier | science_accreditation |
    astana_hub | foreign_permission), valid_from Date, valid_to Date (null: open-ended)
``affiliations`` — source_id Int64, target_id Int64, kind Utf8 (owner | common_founder |
    common_director), valid_from Date, valid_to Date (null: open-ended), share Float64 (owner: per cent
    held; null: not recorded)
``projects`` — project_id Int64, performer_id Int64, priority_direction Utf8, trl_start Int32,
    trl_target Int32, trl_reached Int32 (null), start_date Date, end_date Date, status Utf8,
    acceptance_act Boolean (null: not recorded), code Utf8 (the project's code, for texts)
``right_years`` — one row per computed right-year balance: right_id Int64, payer_id Int64,
    year Int32, regime_code Utf8, channel Utf8 (direct | budget), base_type Utf8, base_year Int32,
    base_amount Int64 (null: not reported), obligation Int64 (null), fulfilled Int64,
    credit_in Int64, arrears Int64 (null), status Utf8 (obligations YearStatus values), right_number Utf8
    (the right's registered number, for texts)
``base_figures`` — right_id Int64, payer_id Int64, year Int32, base_type Utf8, amount Int64,
    note Utf8 (the explanation given with the figure; empty string: none), revision Int32 (accepted
    revisions only; the obligation uses the latest), recorded_on Date (when the revision was recorded)
``transfers`` — transfer_id Int64, payer_id Int64, right_id Int64, order_number Utf8,
    paid_on Date, amount Int64, year Int32 (for_year, else paid_on's year),
    treasury_confirmed Boolean, source_submission Int64 (null), right_number Utf8

The lifecycle of a project (programme → council → agreement stages → acts → results):

``programmes`` — programme_id Int64, reference Utf8, kind Utf8 (programme | assignment),
    applicant_id Int64, project_id Int64 (null: no project linked yet), status Utf8 (ProgrammeStatus),
    approved_on Date (the day of the latest council session that approved one of its versions; null: none)
``stages`` — one row per stage of an agreement's calendar plan: stage_id Int64, agreement_id Int64,
    number Int32, start_date Date, end_date Date, amount Int64, status Utf8 (StageStatus)
``acts`` — one row per acceptance act: act_id Int64, stage_id Int64, agreement_id Int64, number Utf8,
    signed_on Date, amount Int64 (accepted)
``results`` — result_id Int64, project_id Int64, stage_id Int64 (null), reference Utf8, kind Utf8
    (ResultKind), title Utf8, year Int32, achieved_on Date (null), status Utf8 (claimed | verified |
    rejected), trl_level Int32 (kind trl), evidence_note Utf8, evidence_reference Utf8 (empty: none),
    evidence_file Boolean (a file is kept)
``council_items`` — one row per agenda item of a council session: item_id Int64, session_reference Utf8,
    held_on Date, authority Utf8, programme_id Int64, programme_reference Utf8, applicant_id Int64,
    performer_id Int64 (the proposed performer; null: none), outcome Utf8 (approved | rejected |
    no_quorum; empty: not decided), recorded_present Int32, recorded_for Int32, recorded_against Int32,
    recorded_abstain Int32 (the tally as recorded; null: not recorded), quorum_num Int32,
    quorum_den Int32, majority_num Int32, majority_den Int32, majority_base Utf8, abstentions_count Boolean
``council_members`` — one row per voting member of the council serving on an item's session day:
    item_id Int64, member_id Int64, organisation_id Int64, person_kk Utf8, person_ru Utf8, person_en Utf8,
    present Boolean, recused Boolean, choice Utf8 (for | against | abstain; null: no vote)

Outcome frame (what every indicator's ``evaluate`` returns, :data:`OUTCOME_SCHEMA`): one row per
subject in the indicator's scope —

    subject_id Int64 (payment_id, agreement_id, performer_id, payer_id, right_id, project_id or a council
        agenda item's id by subject type),
    year Int32 (payer_year and right_year subjects; else null),
    payer_id Int64 (the subsoil user the subject belongs to; null only for performer subjects),
    status Utf8 (flagged | clear | not_computable),
    reason Utf8 (not_computable only: a machine code such as ``no_attributes``),
    evidence Utf8 (flagged only: a JSON object — the values that fired and the threshold used;
        its keys are the placeholders of the indicator's explanation templates),
    amount Int64 (flagged only, may be null: tiyn at stake — what an auditor could exclude)
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl

from niokr.control.indicators.keys import key_of

__all__ = [
    "FRAME_SCHEMAS", "OUTCOME_SCHEMA", "STATUSES", "SUBJECT_TYPES", "LANGUAGES",
    "Indicator", "Threshold", "Frames", "Formats", "DEFAULT_FORMATS", "evaluate", "explain", "empty_outcome", "outcome",
    "with_names", "format_money", "format_number", "format_percent", "format_day",
]

LANGUAGES = ("kk", "ru", "en")
STATUSES = ("flagged", "clear", "not_computable")
SUBJECT_TYPES = ("payment", "agreement", "performer", "payer_year", "right_year", "project", "council_decision")

FRAME_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "payments": {
        "payment_id": pl.Int64, "agreement_id": pl.Int64, "right_id": pl.Int64, "payer_id": pl.Int64,
        "performer_id": pl.Int64, "paid_on": pl.Date, "amount": pl.Int64, "purpose": pl.Utf8,
        "document_number": pl.Utf8, "year": pl.Int32, "source_submission": pl.Int64,
        "regime_code": pl.Utf8, "requires_accreditation": pl.Boolean, "right_number": pl.Utf8,
    },
    "agreements": {
        "agreement_id": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64, "number": pl.Utf8,
        "signed_on": pl.Date, "period_start": pl.Date, "period_end": pl.Date, "amount": pl.Int64,
        "project_id": pl.Int64, "priority_direction": pl.Utf8, "subject": pl.Utf8,
    },
    "organisations": {"org_id": pl.Int64, "bin": pl.Utf8, "kind": pl.Utf8, "registered_on": pl.Date, "name": pl.Utf8, "oked": pl.Utf8},
    "attributes": {"org_id": pl.Int64, "kind": pl.Utf8, "valid_from": pl.Date, "valid_to": pl.Date},
    "affiliations": {"source_id": pl.Int64, "target_id": pl.Int64, "kind": pl.Utf8, "valid_from": pl.Date, "valid_to": pl.Date, "share": pl.Float64},
    "projects": {
        "project_id": pl.Int64, "performer_id": pl.Int64, "priority_direction": pl.Utf8, "trl_start": pl.Int32,
        "trl_target": pl.Int32, "trl_reached": pl.Int32, "start_date": pl.Date, "end_date": pl.Date,
        "status": pl.Utf8, "acceptance_act": pl.Boolean, "code": pl.Utf8,
    },
    "right_years": {
        "right_id": pl.Int64, "payer_id": pl.Int64, "year": pl.Int32, "regime_code": pl.Utf8, "channel": pl.Utf8,
        "base_type": pl.Utf8, "base_year": pl.Int32, "base_amount": pl.Int64, "obligation": pl.Int64,
        "fulfilled": pl.Int64, "credit_in": pl.Int64, "arrears": pl.Int64, "status": pl.Utf8, "right_number": pl.Utf8,
    },
    "base_figures": {
        "right_id": pl.Int64, "payer_id": pl.Int64, "year": pl.Int32, "base_type": pl.Utf8, "amount": pl.Int64, "note": pl.Utf8,
        "revision": pl.Int32, "recorded_on": pl.Date,
    },
    "transfers": {
        "transfer_id": pl.Int64, "payer_id": pl.Int64, "right_id": pl.Int64, "order_number": pl.Utf8, "paid_on": pl.Date,
        "amount": pl.Int64, "year": pl.Int32, "treasury_confirmed": pl.Boolean, "source_submission": pl.Int64, "right_number": pl.Utf8,
    },
    "programmes": {
        "programme_id": pl.Int64, "reference": pl.Utf8, "kind": pl.Utf8, "applicant_id": pl.Int64, "project_id": pl.Int64, "status": pl.Utf8,
        "approved_on": pl.Date,
    },
    "stages": {
        "stage_id": pl.Int64, "agreement_id": pl.Int64, "number": pl.Int32, "start_date": pl.Date, "end_date": pl.Date, "amount": pl.Int64, "status": pl.Utf8,
    },
    "acts": {"act_id": pl.Int64, "stage_id": pl.Int64, "agreement_id": pl.Int64, "number": pl.Utf8, "signed_on": pl.Date, "amount": pl.Int64},
    "results": {
        "result_id": pl.Int64, "project_id": pl.Int64, "stage_id": pl.Int64, "reference": pl.Utf8, "kind": pl.Utf8, "title": pl.Utf8, "year": pl.Int32,
        "achieved_on": pl.Date, "status": pl.Utf8, "trl_level": pl.Int32, "evidence_note": pl.Utf8, "evidence_reference": pl.Utf8, "evidence_file": pl.Boolean,
    },
    "council_items": {
        "item_id": pl.Int64, "session_reference": pl.Utf8, "held_on": pl.Date, "authority": pl.Utf8, "programme_id": pl.Int64, "programme_reference": pl.Utf8,
        "applicant_id": pl.Int64, "performer_id": pl.Int64, "outcome": pl.Utf8, "recorded_present": pl.Int32, "recorded_for": pl.Int32,
        "recorded_against": pl.Int32, "recorded_abstain": pl.Int32, "quorum_num": pl.Int32, "quorum_den": pl.Int32, "majority_num": pl.Int32,
        "majority_den": pl.Int32, "majority_base": pl.Utf8, "abstentions_count": pl.Boolean,
    },
    "council_members": {
        "item_id": pl.Int64, "member_id": pl.Int64, "organisation_id": pl.Int64, "person_kk": pl.Utf8, "person_ru": pl.Utf8, "person_en": pl.Utf8,
        "present": pl.Boolean, "recused": pl.Boolean, "choice": pl.Utf8,
    },
}

OUTCOME_SCHEMA: dict[str, pl.DataType] = {
    "subject_id": pl.Int64, "year": pl.Int32, "payer_id": pl.Int64, "status": pl.Utf8,
    "reason": pl.Utf8, "evidence": pl.Utf8, "amount": pl.Int64,
}


@dataclass(frozen=True)
class Frames:
    """The input frames of one evaluation and the date it is made on (``as_of``)."""

    frames: Mapping[str, pl.DataFrame]
    as_of: date

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]

    def has(self, name: str) -> bool:
        return name in self.frames

    @classmethod
    def build(cls, as_of: date, **frames: pl.DataFrame | list[dict] | None) -> Frames:
        """Frames cast to their schemas; lists of dicts are accepted (tests), ``None`` is left out."""
        out = {}
        for name, value in frames.items():
            if value is None:
                continue
            schema = FRAME_SCHEMAS[name]
            if isinstance(value, pl.DataFrame):
                missing = [c for c in schema if c not in value.columns]
                for c in missing:
                    value = value.with_columns(pl.lit(None, dtype=schema[c]).alias(c))
                out[name] = value.select([pl.col(c).cast(t) for c, t in schema.items()])
            else:
                out[name] = pl.DataFrame([{c: row.get(c) for c in schema} for row in value], schema=schema)
        return cls(out, as_of)


@dataclass(frozen=True)
class Threshold:
    """A tunable parameter with its documented default.

    ``description`` says what it does, in kk/ru/en (a plain string is English only); the pages show
    it next to the value in force, under the name's label of :data:`keys.KEYS`.
    """

    name: str
    default: float | int | str
    description: str | Mapping[str, str]

    def describe(self, lang: str) -> str:
        """The description in ``lang`` (English where it has none)."""
        if isinstance(self.description, str):
            return self.description
        return self.description.get(lang) or self.description.get("en", "")


@dataclass(frozen=True)
class Indicator:
    """One entry of the catalogue.

    ``evaluate(frames, params)`` returns the outcome frame (:data:`OUTCOME_SCHEMA`); ``params``
    holds every threshold (defaults overlaid with configuration). ``explanation`` templates use
    ``{placeholders}`` named after evidence keys; money keys end in ``_tiyn`` and are rendered as
    tenge by :func:`explain`.
    """

    code: str  # "NK-01"
    version: int
    subject_type: str
    weight: int  # severity, 1..100: the probability-like weight used by the risk score
    title: Mapping[str, str]
    rationale: Mapping[str, str]
    legal_basis: Mapping[str, str]
    explanation: Mapping[str, str]
    needs: tuple[str, ...]
    evaluate: Callable[[Frames, Mapping[str, Any]], pl.DataFrame]
    thresholds: tuple[Threshold, ...] = field(default_factory=tuple)
    truth_codes: tuple[str, ...] = ()  # the generator's problem codes this indicator is scored on

    def params(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        values = {t.name: t.default for t in self.thresholds}
        for key, value in (overrides or {}).items():
            if key not in values:
                raise KeyError(f"{self.code}: unknown threshold {key!r}")
            values[key] = value
        return values


def empty_outcome() -> pl.DataFrame:
    return pl.DataFrame(schema=OUTCOME_SCHEMA)


def outcome(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast an indicator's result to the outcome schema (missing columns become null)."""
    cols = []
    for name, dtype in OUTCOME_SCHEMA.items():
        cols.append(pl.col(name).cast(dtype) if name in frame.columns else pl.lit(None, dtype=dtype).alias(name))
    return frame.select(cols)


def evaluate(indicator: Indicator, frames: Frames, overrides: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Evaluate one indicator; a needed frame that is missing makes it not computable as a whole.

    Returns the outcome frame; when a frame is missing there are no subjects to list, so one row
    with a null subject and the reason ``frame_missing:<name>`` stands for the whole scope.
    """
    params = indicator.params(overrides)
    missing = [name for name in indicator.needs if not frames.has(name)]
    if missing:
        return outcome(pl.DataFrame({"status": ["not_computable"], "reason": [f"frame_missing:{missing[0]}"]}))
    result = outcome(indicator.evaluate(frames, params))
    bad = set(result["status"].unique().to_list()) - set(STATUSES)
    if bad:
        raise ValueError(f"{indicator.code}: unknown statuses {sorted(bad)}")
    if frames.has("organisations"):
        result = with_names(result, frames["organisations"])
    return result


# -- how evidence reads ------------------------------------------------------------------------------
#
# The rules are niokr.core.formatting's (kk and ru: ``1 234 567,89 ₸``, ``72,8 %``, ``07.12.2026``;
# en: ``₸1,234,567.89``, ``72.8 %``, ``7 Dec 2026``), written again here because the engine imports
# nothing outside itself; a test pins the two to the same output. The pages pass a
# :class:`Formats` that calls core's functions and names organisations and regimes from the database.

_NNBSP, _NBSP, _MINUS, _EMPTY = "\u202f", "\u00a0", "\u2212", "—"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_BIN_WORD = {"kk": "БСН", "ru": "БИН", "en": "BIN"}
_YES_NO = {"kk": ("иә", "жоқ"), "ru": ("да", "нет"), "en": ("yes", "no")}
#: A BIN standing alone in a phrase (a path «BIN — owns — BIN»); amounts are not quoted.
_BIN_IN_TEXT = re.compile(r"(?<![\d.,])\d{12}(?![\d.,])")


def _lang(lang: str | None) -> str:
    lang = (lang or "ru")[:2]
    return lang if lang in LANGUAGES else "ru"


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        value = repr(value)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount if amount.is_finite() else None


def format_number(value: Any, places: int = 0, lang: str = "en") -> str:
    """``value`` with groups of thousands and ``places`` decimals: ``1 234,5`` (kk, ru), ``1,234.5`` (en)."""
    if value is None or value == "":
        return _EMPTY
    amount = _decimal(value)
    if amount is None:
        return _EMPTY if isinstance(value, float) else str(value)
    places = max(0, int(places))
    text = f"{abs(amount):,.{places}f}"
    integer, _sep, decimals = text.partition(".")
    sign = _MINUS if amount < 0 and any(ch not in "0,." for ch in text) else ""
    if _lang(lang) == "en":
        return sign + integer + ("." + decimals if decimals else "")
    return sign + integer.replace(",", _NNBSP) + ("," + decimals if decimals else "")


def format_money(tiyn: int | None, lang: str = "en") -> str:
    """Tiyn as tenge: ``1 234 567,89 ₸`` (kk, ru), ``₸1,234,567.89`` (en)."""
    if tiyn is None:
        return _EMPTY
    text = format_number(Decimal(int(tiyn)).scaleb(-2), 2, lang)
    if _lang(lang) == "en":
        return (_MINUS + "₸" + text[1:]) if text.startswith(_MINUS) else "₸" + text
    return text + _NBSP + "₸"


def format_percent(value: Any, lang: str = "en", places: int = 1) -> str:
    """A percentage given in per cent: ``72,8 %`` (kk, ru), ``72.8 %`` (en)."""
    if value is None or value == "" or _decimal(value) is None:
        return _EMPTY if value in (None, "") or isinstance(value, float) else str(value)
    return format_number(value, places, lang) + _NBSP + "%"


def format_day(value: Any, lang: str = "en") -> str:
    """A date (a ``date``, ISO text or ``DD.MM.YYYY`` text as the evidence keeps it): ``07.12.2026`` (kk, ru), ``7 Dec 2026`` (en)."""
    if value is None or value == "":
        return _EMPTY
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.strptime(text, _DAY_TEXT).date() if len(text) == 10 and text[2] == "." else date.fromisoformat(text[:10])
        except ValueError:
            return text
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    if _lang(lang) == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


_DAY_TEXT = "%d.%m.%Y"
#: A date the engine wrote into a phrase.
_DAY_IN_TEXT = re.compile(r"(?<![\d.])\d{2}\.\d{2}\.\d{4}(?![\d.])")


class Formats:
    """How the values of evidence read in a language.

    This default writes organisations by the names the evaluation recorded (the evidence's
    ``names``), regimes and coded values by their codes. The pages pass a subclass that reads the
    names in the page's language and the regimes' titles from the database.
    """

    def number(self, value: Any, places: int, lang: str) -> str:
        return format_number(value, places, lang)

    def money(self, tiyn: Any, lang: str) -> str:
        amount = _decimal(tiyn)
        return format_money(int(amount), lang) if amount is not None else (_EMPTY if tiyn is None else str(tiyn))

    def percent(self, value: Any, lang: str, places: int = 1) -> str:
        return format_percent(value, lang, places)

    def day(self, value: Any, lang: str) -> str:
        return format_day(value, lang)

    def name_of(self, bin_: str, lang: str, evidence: Mapping[str, Any]) -> str | None:
        """The organisation's name, or ``None`` when it is not known."""
        names = evidence.get("names")
        return names.get(bin_) if isinstance(names, Mapping) else None

    def organisation(self, bin_: Any, lang: str, evidence: Mapping[str, Any]) -> str:
        """``ТОО «Name» (БИН 123456789012)``, or ``БИН 123456789012`` when the name is not known."""
        if bin_ in (None, ""):
            return _EMPTY
        bin_ = str(bin_)
        word = _BIN_WORD[_lang(lang)]
        name = self.name_of(bin_, lang, evidence) if bin_.isdigit() else None
        return f"{name} ({word} {bin_})" if name else (f"{word} {bin_}" if bin_.isdigit() else bin_)

    def regime(self, code: Any, lang: str) -> str:
        return _EMPTY if code in (None, "") else str(code)

    def label(self, enum: str | None, code: Any, lang: str) -> str:
        return _EMPTY if code in (None, "") else str(code)

    def yes_no(self, value: Any, lang: str) -> str:
        if value is None:
            return _EMPTY
        yes, no = _YES_NO[_lang(lang)]
        return yes if value and value not in ("0", "false", "False") else no

    def value(self, name: str, value: Any, lang: str, evidence: Mapping[str, Any]) -> str:
        """The value of evidence key ``name`` as a person reads it in ``lang``."""
        key = key_of(name)
        if key is None:
            return self._plain(name, value, lang)
        kind = key.kind
        if value is None and kind not in ("bins", "texts", "years"):
            return _EMPTY
        if kind == "tiyn":
            return self.money(value, lang)
        if kind == "percent":
            return self.percent(value, lang, 1 if key.places is None else key.places)
        if kind == "share":
            amount = _decimal(value)
            return self.percent(amount * 100 if amount is not None else value, lang, 0 if key.places is None else key.places)
        if kind == "score":
            return self.number(value, 2, lang)
        if kind == "number":
            return self.number(value, 2 if key.places is None else key.places, lang)
        if kind in ("count", "days"):
            return self.number(value, 0, lang)
        if kind == "year":
            return str(value)
        if kind == "date":
            return self.day(value, lang)
        if kind == "bin":
            return self.organisation(value, lang, evidence)
        if kind == "bins":
            return "; ".join(self.organisation(v, lang, evidence) for v in _listed(value)) or _EMPTY
        if kind == "path":
            return _BIN_IN_TEXT.sub(lambda m: self.organisation(m.group(0), lang, evidence), str(value))
        if kind == "bool":
            return self.yes_no(value, lang)
        if kind == "regime":
            return self.regime(value, lang)
        if kind == "code":
            return self.label(key.enum, value, lang)
        if kind == "kinds":
            codes = [c.strip() for c in str(value).split(",") if c.strip()]
            return ", ".join(self.label(key.enum, c, lang) for c in codes) or _EMPTY
        if kind in ("texts", "years", "ids"):
            text = ", ".join(str(v) for v in _listed(value)) or _EMPTY
        else:
            text = self._plain(name, value, lang)
        if kind == "phrase":
            # A phrase the engine wrote with a regime's code in it names the regime by its title.
            for code_key in ("regime", "regime_code"):
                code = evidence.get(code_key)
                if isinstance(code, str) and code and code in text:
                    text = text.replace(code, f"«{self.regime(code, lang)}»")
        return _DAY_IN_TEXT.sub(lambda m: self.day(m.group(0), lang), text) if key.composed else text

    def _plain(self, name: str, value: Any, lang: str) -> str:
        """A value of a key the table does not know: money by its ``_tiyn`` suffix, numbers grouped."""
        if name.endswith("_tiyn") and isinstance(value, int | float) and not isinstance(value, bool):
            return self.money(value, lang)
        if isinstance(value, float):
            return self.number(value, 2, lang)
        if isinstance(value, list | tuple):
            return ", ".join(self._plain(name, v, lang) for v in value)
        if isinstance(value, Mapping):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        return _EMPTY if value is None else str(value)


def _listed(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


#: What :func:`explain` uses when it is given no :class:`Formats`.
DEFAULT_FORMATS = Formats()


class _Values(dict):
    def __init__(self, evidence: Mapping[str, Any], lang: str, formats: Formats):
        super().__init__({k: formats.value(k, v, lang, evidence) for k, v in evidence.items()})

    def __missing__(self, key: str) -> str:
        return _EMPTY


def explain(indicator: Indicator, evidence: str | Mapping[str, Any] | None, lang: str = "en", *, formats: Formats | None = None) -> str:
    """The indicator's explanation in ``lang`` with the evidence filled in (values as ``formats`` writes them)."""
    if evidence is None:
        return ""
    data = json.loads(evidence) if isinstance(evidence, str) else evidence
    template = indicator.explanation.get(lang) or indicator.explanation["en"]
    return template.format_map(_Values(data, lang, formats or DEFAULT_FORMATS))


def with_names(result: pl.DataFrame, organisations: pl.DataFrame) -> pl.DataFrame:
    """``result`` with the names of the organisations its evidence names by BIN (``names``: {BIN: name}).

    The evidence then says who, not only which BIN, wherever it is read (a page whose organisation
    has since left the registry, the command line). Only flagged rows carry evidence.
    """
    texts = result["evidence"]
    if texts.null_count() == len(texts):
        return result
    known = organisations.filter(pl.col("bin").is_not_null() & pl.col("name").is_not_null() & (pl.col("name") != ""))
    names = dict(zip(known["bin"].to_list(), known["name"].to_list(), strict=True))
    if not names:
        return result
    out = []
    for text in texts.to_list():
        if not text or not text.endswith("}") or text == "{}" or '"names":' in text:
            out.append(text)
            continue
        found = {b: names[b] for b in sorted(set(_BIN_IN_QUOTES.findall(text))) if b in names}
        out.append(text[:-1] + ',"names":' + json.dumps(found, ensure_ascii=False) + "}" if found else text)
    return result.with_columns(pl.Series("evidence", out, dtype=pl.Utf8))


#: A BIN in evidence JSON: a string value, an item of a list of strings, or a word of a phrase.
#: (A number after ``": "`` or ``", "`` is an amount, not a BIN.)
_BIN_IN_QUOTES = re.compile(r'(?<=["\s])(?<![:,\[]\s)\d{12}(?=["\s])')
