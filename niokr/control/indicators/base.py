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

Outcome frame (what every indicator's ``evaluate`` returns, :data:`OUTCOME_SCHEMA`): one row per
subject in the indicator's scope —

    subject_id Int64 (payment_id, agreement_id, performer_id, payer_id or right_id by subject type),
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

__all__ = [
    "FRAME_SCHEMAS", "OUTCOME_SCHEMA", "STATUSES", "SUBJECT_TYPES", "LANGUAGES",
    "Indicator", "Threshold", "Frames", "evaluate", "explain", "empty_outcome", "outcome",
    "format_money",
]

LANGUAGES = ("kk", "ru", "en")
STATUSES = ("flagged", "clear", "not_computable")
SUBJECT_TYPES = ("payment", "agreement", "performer", "payer_year", "right_year")

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
    """A tunable parameter with its documented default."""

    name: str
    default: float | int | str
    description: str  # English; the catalogue page shows it next to the value in force


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
    return result


def format_money(tiyn: int | None, lang: str = "en") -> str:
    """Tiyn as tenge with a thin grouping per language: ``1 234 567,89 ₸`` (kk, ru), ``1,234,567.89 ₸`` (en)."""
    if tiyn is None:
        return "—"
    sign = "-" if tiyn < 0 else ""
    whole, frac = divmod(abs(int(tiyn)), 100)
    if lang == "en":
        text = f"{whole:,}.{frac:02d}"
    else:
        text = f"{whole:,}".replace(",", "\u00a0") + f",{frac:02d}"
    return f"{sign}{text} ₸"


def _format_value(key: str, value: Any, lang: str) -> str:
    if key.endswith("_tiyn") and isinstance(value, int | float) and not isinstance(value, bool):
        return format_money(int(value), lang)
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        text = f"{value:.2f}" if lang == "en" else f"{value:.2f}".replace(".", ",")
        return text
    if isinstance(value, list | tuple):
        return ", ".join(_format_value(key, v, lang) for v in value)
    if value is None:
        return "—"
    return str(value)


class _Values(dict):
    def __init__(self, evidence: Mapping[str, Any], lang: str):
        super().__init__({k: _format_value(k, v, lang) for k, v in evidence.items()})

    def __missing__(self, key: str) -> str:
        return "—"


def explain(indicator: Indicator, evidence: str | Mapping[str, Any] | None, lang: str = "en") -> str:
    """The indicator's explanation in ``lang`` with the evidence filled in."""
    if evidence is None:
        return ""
    data = json.loads(evidence) if isinstance(evidence, str) else evidence
    template = indicator.explanation.get(lang) or indicator.explanation["en"]
    return template.format_map(_Values(data, lang))
