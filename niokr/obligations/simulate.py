"""``niokr simulate``: the engine's public contract, JSON in and JSON out, no database.

The scenario format is documented in docs/formats/simulate.md. Every problem is reported as an
``EngineError`` naming the field path and the value; nothing is computed from a half-read scenario.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from niokr.core.money import MoneyError, format_money, parse_money
from niokr.obligations import engine
from niokr.obligations.catalogue import REGIMES
from niokr.obligations.reasons import render_ineligible, render_reason

__all__ = ["run_scenario", "parse_scenario", "regime_from_params", "result_to_json"]

MINERAL_GROUPS = {"hydrocarbons", "uranium", "solid", "common"}
RIGHT_TYPES = {
    "contract",
    "licence",
    "hc_exploration_production",
    "hc_production",
    "uranium_production",
    "legacy_contract",
    "lic_geological_exploration",
    "lic_solid_exploration",
    "lic_solid_mining",
    "lic_common_mining",
    "lic_subsoil_space",
    "lic_prospecting",
}
PERFORMER_KEYS = {
    "kazakhstani": "kazakhstani_supplier",
    "accredited": "science_accreditation",
    "astana_hub": "astana_hub",
    "foreign_permission": "foreign_permission",
}
REGIME_FIELDS = {
    "code", "version", "based_on", "base_type", "rate", "rate_kind", "first_due_rule", "channel",
    "eligible_performers", "requires_accreditation", "credit_rule", "credit_from_year", "rounding",
    "effective_from", "effective_to", "count_direct_before_change",
}
ENUMS = {
    "base_type": {"aggregate_income", "production_costs"},
    "first_due_rule": {"from_assignment", "second_production_year"},
    "channel": {"direct", "budget"},
    "credit_rule": {"none", "carry_forward"},
    "rounding": {"tiyn", "tenge"},
    "rate_kind": {"floor", "exact"},
}
Err = engine.EngineError


def _date(value, path: str) -> date:
    if not isinstance(value, str):
        raise Err(path, value, "a date must be a string YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Err(path, value, "not a date in the form YYYY-MM-DD") from None


def _money(value, path: str, *, allow_negative: bool = False) -> Decimal:
    try:
        return parse_money(value, allow_negative=allow_negative)
    except MoneyError as exc:
        raise Err(path, value, str(exc).split(": ", 1)[-1] if isinstance(value, str) else "money must be a string with at most two decimals, not a JSON number (floats lose tiyn)") from None


def _year(value, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise Err(path, value, "a year must be an integer between 1990 and 2100")
    return value


def _object(value, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(value, dict):
        raise Err(path, value, "must be a JSON object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise Err(f"{path}.{unknown[0]}", value[unknown[0]], f"unknown field (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(value))
    if missing:
        raise Err(f"{path}.{missing[0]}", None, "required field is missing")
    return value


def _list(value, path: str) -> list:
    if not isinstance(value, list):
        raise Err(path, value, "must be a JSON array")
    return value


def regime_from_params(params: dict, path: str = "regime") -> engine.Regime:
    """Build an engine regime from catalogue-shaped parameters, validating each field."""
    for key, allowed in ENUMS.items():
        if key in params and params[key] not in allowed:
            raise Err(f"{path}.{key}", params[key], f"must be one of {', '.join(sorted(allowed))}")
    rate_raw = params["rate"]
    if isinstance(rate_raw, Decimal):
        rate = rate_raw
    else:
        if not isinstance(rate_raw, str):
            raise Err(f"{path}.rate", rate_raw, "the rate must be a decimal string such as \"0.01\"")
        try:
            rate = Decimal(rate_raw)
        except ArithmeticError:
            raise Err(f"{path}.rate", rate_raw, "not a decimal") from None
    if not Decimal("0") < rate < Decimal("1"):
        raise Err(f"{path}.rate", rate_raw, "the rate is a fraction between 0 and 1 (0.01 is 1%)")
    rules = []
    for i, rule in enumerate(_list(params.get("eligible_performers", []), f"{path}.eligible_performers")):
        rp = f"{path}.eligible_performers[{i}]"
        _object(rule, rp, {"attribute", "from"}, {"attribute"})
        if rule["attribute"] not in engine.PERFORMER_ATTRIBUTES:
            raise Err(f"{rp}.attribute", rule["attribute"], f"must be one of {', '.join(engine.PERFORMER_ATTRIBUTES)}")
        from_raw = rule.get("from")
        if isinstance(from_raw, date):
            from_date = from_raw
        else:
            from_date = _date(from_raw, f"{rp}.from") if from_raw is not None else None
        rules.append(engine.EligibilityRule(rule["attribute"], from_date))
    credit_from = params.get("credit_from_year")
    if credit_from is not None:
        _year(credit_from, f"{path}.credit_from_year")
    effective = {}
    for key in ("effective_from", "effective_to"):
        raw = params.get(key)
        effective[key] = raw if isinstance(raw, date) or raw is None else _date(raw, f"{path}.{key}")
    if effective["effective_from"] and effective["effective_to"] and effective["effective_to"] < effective["effective_from"]:
        raise Err(f"{path}.effective_to", params.get("effective_to"), "a regime version cannot end before it starts")
    transition = params.get("count_direct_before_change", False)
    if not isinstance(transition, bool):
        raise Err(f"{path}.count_direct_before_change", transition, "must be true or false")
    return engine.Regime(
        code=params["code"],
        version=int(params.get("version", 1)),
        base_type=params["base_type"],
        rate=rate,
        first_due_rule=params["first_due_rule"],
        channel=params["channel"],
        eligible_performers=tuple(rules),
        requires_accreditation=bool(params.get("requires_accreditation", False)),
        credit_rule=params.get("credit_rule", "none"),
        credit_from_year=credit_from,
        rounding=params.get("rounding", "tiyn"),
        rate_kind=params.get("rate_kind", "exact"),
        count_direct_before_change=transition,
        **effective,
    )


def builtin_regimes() -> list[dict]:
    """The seeded catalogue (``obligations.catalogue``), every version."""
    return list(REGIMES)


def _catalogue(custom, base: list[dict] | None = None) -> dict[str, tuple[engine.Regime, ...]]:
    """Every version of the base regimes (the built-in catalogue unless given), with the scenario's own.

    A scenario regime without ``version``, or with the number of an existing version, replaces that
    version (the latest when none is named) with the fields it gives; one with a new number adds a
    version of the code. The engine picks, for each year, the version in force on 31 December.
    """
    versions: dict[str, dict[int, dict]] = {}
    for r in sorted(REGIMES if base is None else base, key=lambda r: (r["code"], int(r.get("version", 1)))):
        versions.setdefault(r["code"], {})[int(r.get("version", 1))] = r
    params = {code: by_version[max(by_version)] for code, by_version in versions.items()}
    for i, spec in enumerate(_list(custom, "regimes")):
        path = f"regimes[{i}]"
        _object(spec, path, REGIME_FIELDS, {"code"})
        code = spec["code"]
        if not isinstance(code, str) or not code:
            raise Err(f"{path}.code", code, "a regime code is a non-empty string")
        based_on = spec.get("based_on", code if code in params else None)
        if based_on is None:
            missing = sorted({"base_type", "rate", "first_due_rule", "channel"} - set(spec))
            if missing:
                raise Err(f"{path}.{missing[0]}", None, "required for a new regime without based_on")
            merged = dict(spec)
        else:
            if based_on not in params:
                raise Err(f"{path}.based_on", based_on, f"unknown regime (known: {', '.join(sorted(params))})")
            source = params[based_on]
            if based_on == code and isinstance(spec.get("version"), int) and spec["version"] in versions.get(code, {}):
                source = versions[code][spec["version"]]
            merged = {**source, **{k: v for k, v in spec.items() if k != "based_on"}}
        version = merged.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise Err(f"{path}.version", version, "a version is a whole number from 1")
        by_version = versions.setdefault(code, {})
        if code != based_on:
            by_version.clear()
        by_version[merged.get("version", 1)] = merged
        params[code] = by_version[max(by_version)]
    return {
        code: tuple(regime_from_params(p, f"regimes[{code}]" if len(by_version) == 1 else f"regimes[{code} v{v}]") for v, p in sorted(by_version.items()))
        for code, by_version in versions.items()
    }


def parse_scenario(data, regimes: list[dict] | None = None) -> tuple[list[int], list[engine.Right]]:
    """Validate a scenario and turn it into engine inputs.

    ``regimes`` are the regime versions the scenario starts from (catalogue-shaped parameters,
    e.g. the database's); the built-in catalogue when ``None``.
    """
    _object(data, "scenario", {"years", "rights", "regimes"}, {"years", "rights"})
    years = [_year(y, f"years[{i}]") for i, y in enumerate(_list(data["years"], "years"))]
    if not years:
        raise Err("years", data["years"], "at least one year is needed")
    catalogue = _catalogue(data.get("regimes", []), regimes)
    rights = []
    seen = set()
    for i, raw in enumerate(_list(data["rights"], "rights")):
        path = f"rights[{i}]"
        _object(raw, path, {"id", "mineral_group", "right_type", "production_start", "end_date", "regimes", "bases", "lines"}, {"id", "mineral_group", "right_type", "regimes"})
        rid = raw["id"]
        if not isinstance(rid, str) or not rid:
            raise Err(f"{path}.id", rid, "a right id is a non-empty string")
        if rid in seen:
            raise Err(f"{path}.id", rid, "duplicate right id")
        seen.add(rid)
        if raw["mineral_group"] not in MINERAL_GROUPS:
            raise Err(f"{path}.mineral_group", raw["mineral_group"], f"must be one of {', '.join(sorted(MINERAL_GROUPS))}")
        if raw["right_type"] not in RIGHT_TYPES:
            raise Err(f"{path}.right_type", raw["right_type"], f"must be one of {', '.join(sorted(RIGHT_TYPES))}")
        production_start = _date(raw["production_start"], f"{path}.production_start") if raw.get("production_start") is not None else None
        end_date = _date(raw["end_date"], f"{path}.end_date") if raw.get("end_date") is not None else None
        assignments = []
        specs = _list(raw["regimes"], f"{path}.regimes")
        for j, spec in enumerate(specs):
            rp = f"{path}.regimes[{j}]"
            _object(spec, rp, {"code", "from", "to"}, {"code", "from"})
            if spec["code"] not in catalogue:
                raise Err(f"{rp}.code", spec["code"], f"unknown regime (known: {', '.join(sorted(catalogue))})")
            start = _date(spec["from"], f"{rp}.from")
            end = _date(spec["to"], f"{rp}.to") if spec.get("to") is not None else None
            if end is not None and end < start:
                raise Err(f"{rp}.to", spec["to"], "ends before it starts")
            assignments.append([catalogue[spec["code"]], start, end])
        assignments.sort(key=lambda a: a[1])
        for k in range(len(assignments) - 1):
            # An assignment without an end runs until the next one starts.
            if assignments[k][2] is None:
                assignments[k][2] = date.fromordinal(assignments[k + 1][1].toordinal() - 1)
        bases = {}
        raw_bases = raw.get("bases", {})
        _object(raw_bases, f"{path}.bases", set(raw_bases) if isinstance(raw_bases, dict) else set())
        for key, figures in raw_bases.items():
            bp = f"{path}.bases.{key}"
            if not (isinstance(key, str) and key.isdigit()):
                raise Err(bp, key, "a base year key is a year such as \"2025\"")
            year = _year(int(key), bp)
            _object(figures, bp, {"aggregate_income", "production_costs", "status"})
            values = {}
            for base_type in ("aggregate_income", "production_costs"):
                if figures.get(base_type) is not None:
                    values[base_type] = _money(figures[base_type], f"{bp}.{base_type}")
            status = figures.get("status", "accepted")
            if status not in {"accepted", "draft"}:
                raise Err(f"{bp}.status", status, "must be accepted or draft")
            bases[year] = engine.Base(ref=f"{rid}:{year}", status=status, **values)
        lines = []
        for j, line in enumerate(_list(raw.get("lines", []), f"{path}.lines")):
            lp = f"{path}.lines[{j}]"
            _object(line, lp, {"ref", "date", "amount", "channel", "for_year", "performer"}, {"date", "amount", "channel"})
            if line["channel"] not in ("direct", "budget"):
                raise Err(f"{lp}.channel", line["channel"], "must be direct or budget")
            performer = None
            if line.get("performer") is not None:
                pf = _object(line["performer"], f"{lp}.performer", set(PERFORMER_KEYS))
                for key, flag in pf.items():
                    if not isinstance(flag, bool):
                        raise Err(f"{lp}.performer.{key}", flag, "must be true or false")
                performer = engine.Performer(**{PERFORMER_KEYS[k]: v for k, v in pf.items()})
            amount = _money(line["amount"], f"{lp}.amount")
            if amount == 0:
                raise Err(f"{lp}.amount", line["amount"], "a line amount must be above zero")
            for_year = _year(line["for_year"], f"{lp}.for_year") if line.get("for_year") is not None else None
            lines.append(engine.Line(ref=str(line.get("ref", f"lines[{j}]")), date=_date(line["date"], f"{lp}.date"), amount=amount, channel=line["channel"], for_year=for_year, performer=performer))
        rights.append(
            engine.Right(
                id=rid,
                mineral_group=raw["mineral_group"],
                right_type=raw["right_type"],
                production_start=production_start,
                end_date=end_date,
                assignments=tuple(engine.Assignment(v[-1], s, e, v) for v, s, e in assignments),
                bases=bases,
                lines=tuple(lines),
            )
        )
    return years, rights


def result_to_json(result: engine.YearResult, language: str = "en") -> dict:
    """One year's result in the interchange form: money as two-decimal strings, ``null`` when unknown.

    Each reason carries its code, its parameters and a ``message`` in ``language``.
    """
    return {
        "right": result.right,
        "year": result.year,
        "regime": result.regime,
        "regime_version": result.regime_version,
        "base_type": result.base_type,
        "base_year": result.base_year,
        "base": format_money(result.base),
        "obligation": format_money(result.obligation),
        "fulfilled": format_money(result.fulfilled),
        "credit_in": format_money(result.credit_in),
        "credit_out": format_money(result.credit_out),
        "arrears": format_money(result.arrears),
        "status": result.status,
        "ineligible_total": format_money(result.ineligible_total),
        "ineligible": [{"line": i.ref, "amount": format_money(i.amount), "reason": i.reason, "message": render_ineligible(i.reason, language)} for i in result.ineligible],
        "reasons": [{**r.as_dict(), "message": render_reason(r.as_dict(), language)} for r in result.reasons],
    }


def run_scenario(data, language: str = "en", regimes: list[dict] | None = None) -> dict:
    """Validate and compute a scenario; return the output document.

    ``regimes``: the regime versions to start from (see :func:`parse_scenario`).
    """
    years, rights = parse_scenario(data, regimes)
    out = []
    for right in rights:
        out.extend(result_to_json(r, language) for r in engine.compute_right(right, sorted(set(years))))
    return {"results": out}


def load_scenario_text(text: str):
    """Parse JSON text, keeping numbers exact so that a number given as money can be reported as such."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise Err("scenario", f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}") from None
