"""The obligation engine: what a subsoil-use right owed in each year, and how it stands.

Pure: plain dataclasses in, plain dataclasses out, no Django. ``compute_right`` walks a right's
years in order, because a year's credit comes from the years before it:

* the regime of year N is the assignment in force on 31 December of N, under the version of that
  regime in force on the same day (a later version never rewrites an earlier year);
* the obligation of N is ``rate × base(N−1)``, rounded by the regime's rule, from the first due year;
* a fulfilment line counts toward the year it names, else the calendar year of its date, and is
  eligible when its channel is the regime's and (for direct spending) its performer qualifies
  under the regime on the line's date;
* ``credit_out = max(0, fulfilled + credit_in − obligation)`` when the regime carries excesses
  forward (from its ``credit_from_year``); ``arrears = max(0, obligation − fulfilled − credit_in)``;
* a credit passes into the next year only if both years' regimes use the same channel;
* in the year a right moves from a direct regime to a budget one, direct spending made before the
  change date counts too when the budget regime says so (``count_direct_before_change``).

Every figure carries the reasons that produced it (``Reason`` codes with parameters).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "EligibilityRule",
    "Regime",
    "Assignment",
    "Performer",
    "Line",
    "Base",
    "Right",
    "Reason",
    "IneligibleLine",
    "YearResult",
    "EngineError",
    "compute_right",
    "regime_in_force",
    "version_in_force",
    "first_due_year",
    "judge_line",
    "threshold_dates",
]

ZERO = Decimal("0.00")
TIYN = Decimal("0.01")
STEPS = {"tiyn": Decimal("0.01"), "tenge": Decimal("1")}
PERFORMER_ATTRIBUTES = ("kazakhstani_supplier", "science_accreditation", "astana_hub", "foreign_permission")


class EngineError(ValueError):
    """Input the engine cannot compute on; ``field`` names where, ``value`` what."""

    def __init__(self, field_name: str, value: object, message: str):
        super().__init__(f"{field_name}: {message} (got {value!r})")
        self.field = field_name
        self.value = value
        self.message = message


@dataclass(frozen=True)
class EligibilityRule:
    """A performer holding ``attribute`` on the line date qualifies, from ``from_date`` on."""

    attribute: str
    from_date: date | None = None


@dataclass(frozen=True)
class Regime:
    """The parameters of one rule-regime version (see ``obligations.models.RuleRegime``)."""

    code: str
    version: int
    base_type: str
    rate: Decimal
    first_due_rule: str
    channel: str
    eligible_performers: tuple[EligibilityRule, ...] = ()
    requires_accreditation: bool = False
    credit_rule: str = "none"
    credit_from_year: int | None = None
    rounding: str = "tiyn"
    rate_kind: str = "exact"
    effective_from: date | None = None
    effective_to: date | None = None
    count_direct_before_change: bool = False

    def in_force_on(self, day: date) -> bool:
        """Whether this version is in force on ``day`` (no dates: always)."""
        return (self.effective_from is None or self.effective_from <= day) and (self.effective_to is None or self.effective_to >= day)

    def round(self, amount: Decimal) -> Decimal:
        """Round an obligation by the regime's rule (half up to the tiyn or the tenge)."""
        return amount.quantize(STEPS[self.rounding], rounding=ROUND_HALF_UP).quantize(TIYN)

    def carries_credit(self, year: int) -> bool:
        """Whether an excess arising in ``year`` is credited to later years."""
        return self.credit_rule == "carry_forward" and (self.credit_from_year is None or year >= self.credit_from_year)


@dataclass(frozen=True)
class Assignment:
    """A regime governing the right from ``valid_from`` to ``valid_to`` (inclusive; None = open).

    ``versions`` are every version of the regime's code; without them ``regime`` is the only one.
    """

    regime: Regime
    valid_from: date
    valid_to: date | None = None
    versions: tuple[Regime, ...] = ()

    def regime_on(self, day: date) -> Regime | None:
        """The version in force on ``day``: the latest start on or before it, not yet ended.

        ``None`` when the day falls outside the regime's life (before its first version, or after
        the version that would apply has ended).
        """
        current = None
        for version in self.versions or (self.regime,):
            if version.effective_from is not None and version.effective_from > day:
                continue
            if current is None or (version.effective_from or date.min, version.version) > (current.effective_from or date.min, current.version):
                current = version
        if current is None or not current.in_force_on(day):
            return None
        return current


@dataclass(frozen=True)
class Performer:
    """What the performer held on the line date."""

    kazakhstani_supplier: bool = False
    science_accreditation: bool = False
    astana_hub: bool = False
    foreign_permission: bool = False

    def holds(self, attribute: str) -> bool:
        return bool(getattr(self, attribute))


@dataclass(frozen=True)
class Line:
    """A fulfilment line: a payment to a performer (``direct``) or a budget transfer (``budget``).

    ``amount`` may be negative for an exclusion or a reversal; ``count`` is how many source lines
    an aggregated line stands for.
    """

    ref: str
    date: date
    amount: Decimal
    channel: str
    for_year: int | None = None
    performer: Performer | None = None
    count: int = 1

    @property
    def year(self) -> int:
        """The contract-year the line counts toward."""
        return self.for_year if self.for_year is not None else self.date.year


@dataclass(frozen=True)
class Base:
    """The base figures of one year (the year they describe)."""

    aggregate_income: Decimal | None = None
    production_costs: Decimal | None = None
    ref: str | None = None
    status: str = "accepted"
    refs: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)

    def get(self, base_type: str) -> Decimal | None:
        return getattr(self, base_type)

    def ref_of(self, base_type: str) -> str | None:
        """The record behind the figure of ``base_type`` (falls back to the year's ``ref``)."""
        return self.refs.get(base_type, self.ref)

    def status_of(self, base_type: str) -> str:
        return self.statuses.get(base_type, self.status)


@dataclass(frozen=True)
class Right:
    """A contract or licence with everything the engine needs."""

    id: str
    mineral_group: str
    right_type: str
    production_start: date | None
    assignments: tuple[Assignment, ...]
    bases: dict[int, Base] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    end_date: date | None = None
    #: Budget transfers the treasury has not confirmed, by the year they name: ``{year: (amount, count)}``.
    #: They fulfil nothing; the year's reasons say they are pending.
    pending_transfers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    """Why a figure is what it is: a stable code and its parameters (rendered per language by the UI)."""

    code: str
    params: dict

    def as_dict(self) -> dict:
        return {"code": self.code, **self.params}


@dataclass(frozen=True)
class IneligibleLine:
    ref: str
    amount: Decimal
    reason: str
    count: int = 1


@dataclass(frozen=True)
class YearResult:
    right: str
    year: int
    regime: str
    regime_version: int
    base_type: str
    base_year: int
    base: Decimal | None
    base_ref: str | None
    obligation: Decimal | None
    fulfilled: Decimal
    ineligible_total: Decimal
    credit_in: Decimal
    credit_out: Decimal
    arrears: Decimal | None
    status: str
    ineligible: tuple[IneligibleLine, ...]
    reasons: tuple[Reason, ...]


def version_in_force(assignments: tuple[Assignment, ...], year: int) -> tuple[Assignment, Regime] | None:
    """The assignment in force on 31 December of ``year`` and its regime version in force that day."""
    assignment = regime_in_force(assignments, year)
    if assignment is None:
        return None
    regime = assignment.regime_on(date(year, 12, 31))
    return (assignment, regime) if regime is not None else None


def regime_in_force(assignments: tuple[Assignment, ...], year: int) -> Assignment | None:
    """The assignment in force on 31 December of ``year`` (the latest start wins on overlap)."""
    day = date(year, 12, 31)
    current = None
    for a in assignments:
        if a.valid_from <= day and (a.valid_to is None or a.valid_to >= day):
            if current is None or a.valid_from > current.valid_from:
                current = a
    return current


def first_due_year(right: Right, regime: Regime, assignment: Assignment) -> int | None:
    """The first year the duty is due under ``regime``; ``None`` when production has not started."""
    if regime.first_due_rule == "second_production_year":
        if right.production_start is None:
            return None
        return right.production_start.year + 1
    return assignment.valid_from.year


def judge_line(line: Line, regime: Regime) -> str | None:
    """Return ``None`` if the line counts under ``regime``, else the reason code it does not."""
    if line.channel != regime.channel:
        return "channel_not_allowed"
    if regime.channel == "budget":
        return None
    performer = line.performer
    if performer is None:
        return "performer_unknown"
    if regime.requires_accreditation and not performer.science_accreditation:
        return "performer_not_accredited"
    for rule in regime.eligible_performers:
        if performer.holds(rule.attribute) and (rule.from_date is None or line.date >= rule.from_date):
            return None
    if performer.foreign_permission or performer.astana_hub:
        # The status is there but the regime does not accept it (yet) on that date.
        return "performer_status_not_accepted_on_date"
    if not performer.kazakhstani_supplier and not performer.foreign_permission:
        return "performer_not_kazakhstani_no_permission"
    return "performer_not_eligible"


def threshold_dates(regimes, assignments=()) -> tuple[date, ...]:
    """Every date at which some regime's performer eligibility changes, sorted.

    Lines on the same side of every threshold are judged alike, so they can be aggregated. With
    ``assignments``, the start of every assignment to a regime that counts direct spending made
    before a change of channel is a threshold too (the line's side of the change decides).
    """
    dates = {rule.from_date for r in regimes for rule in r.eligible_performers if rule.from_date is not None}
    transition_codes = {r.code for r in regimes if r.count_direct_before_change}
    dates.update(a.valid_from for a in assignments if a.regime.code in transition_codes)
    return tuple(sorted(dates))


def _years_to_compute(right: Right, years: list[int]) -> list[int]:
    first = min(a.valid_from.year for a in right.assignments)
    last = max(years)
    if right.end_date is not None:
        last = min(last, right.end_date.year)
    return list(range(first, last + 1))


def compute_right(right: Right, years: list[int], *, strict_years: bool = True) -> list[YearResult]:
    """Compute every year of ``right`` up to the last of ``years`` and return the requested ones.

    Years before the last requested one are computed too (a year's credit comes from the years
    before it), starting with the year of the right's first regime assignment.

    Args:
        right: the right with its assignments, bases and lines.
        years: the years to report.
        strict_years: raise ``EngineError`` for a requested year with no regime in force;
            when False such years are left out (a national recompute asks for every year).

    Raises:
        EngineError: a requested year has no regime in force, or a base is negative.
    """
    if not years:
        return []
    if not right.assignments:
        if strict_years:
            raise EngineError(f"rights[{right.id}].regimes", [], "no regime is assigned, so no year can be computed")
        return []
    for year, base in right.bases.items():
        for base_type in ("aggregate_income", "production_costs"):
            value = base.get(base_type)
            if value is not None and value < 0:
                raise EngineError(f"rights[{right.id}].bases.{year}.{base_type}", f"{value}", "a base figure cannot be negative")
    wanted = set(years)
    if strict_years:
        for y in sorted(wanted):
            assignment = regime_in_force(right.assignments, y)
            if assignment is None:
                raise EngineError(f"rights[{right.id}].regimes", y, f"no regime is in force on 31.12.{y} for year {y}")
            if assignment.regime_on(date(y, 12, 31)) is None:
                raise EngineError(f"rights[{right.id}].regimes", y, f"no version of regime {assignment.regime.code} is in force on 31.12.{y} for year {y}")
    span = _years_to_compute(right, years)

    by_year: dict[int, list[Line]] = defaultdict(list)
    for line in right.lines:
        by_year[line.year].append(line)

    results: list[YearResult] = []
    carried = ZERO
    carried_channel: str | None = None
    for year in span:
        found = version_in_force(right.assignments, year)
        if found is None:
            carried, carried_channel = ZERO, None
            continue
        assignment, regime = found
        result = _compute_year(right, year, assignment, regime, by_year.get(year, []), carried, carried_channel)
        carried, carried_channel = result.credit_out, regime.channel
        if year in wanted:
            results.append(result)
    return results


def _transition_regime(right: Right, year: int, assignment: Assignment, regime: Regime, line: Line) -> Regime | None:
    """The direct regime a line before a change of channel is judged under, if the year allows it.

    Only under a budget regime with ``count_direct_before_change``, for a direct line dated in the
    year of the change and before it, while a direct regime was assigned to the right.
    """
    if not (regime.count_direct_before_change and regime.channel == "budget" and line.channel == "direct"):
        return None
    if assignment.valid_from.year != year or line.date >= assignment.valid_from:
        return None
    for other in right.assignments:
        if other is assignment or other.valid_from > line.date or (other.valid_to is not None and other.valid_to < line.date):
            continue
        earlier = other.regime_on(line.date)
        if earlier is not None and earlier.channel == "direct":
            return earlier
    return None


def _compute_year(right: Right, year: int, assignment: Assignment, regime: Regime, lines: list[Line], carried: Decimal, carried_channel: str | None) -> YearResult:
    reasons: list[Reason] = [
        Reason("regime", {"regime": regime.code, "version": regime.version, "assignment_from": assignment.valid_from.isoformat(), "on": f"{year}-12-31"})
    ]
    credit_in = carried
    if carried > 0 and carried_channel is not None and carried_channel != regime.channel:
        reasons.append(Reason("credit_not_transferable", {"amount": f"{carried:.2f}", "from_channel": carried_channel, "to_channel": regime.channel}))
        credit_in = ZERO
    elif carried > 0:
        reasons.append(Reason("credit_in", {"amount": f"{carried:.2f}", "from_year": year - 1}))

    fulfilled = ZERO
    transition = ZERO
    transition_lines = 0
    ineligible_sum: dict[tuple[str, str], list] = {}
    for line in lines:
        why = judge_line(line, regime)
        if why == "channel_not_allowed":
            earlier = _transition_regime(right, year, assignment, regime, line)
            if earlier is not None:
                why = judge_line(line, earlier)
                if why is None:
                    transition += line.amount
                    transition_lines += line.count
        if why is None:
            fulfilled += line.amount
        else:
            key = (line.ref, why)
            slot = ineligible_sum.setdefault(key, [ZERO, 0])
            slot[0] += line.amount
            slot[1] += line.count
    ineligible = tuple(IneligibleLine(ref, amount, why, count) for (ref, why), (amount, count) in ineligible_sum.items() if amount != 0)
    ineligible_total = sum((i.amount for i in ineligible), ZERO)
    pending = right.pending_transfers.get(year)
    if pending is not None:
        reasons.append(Reason("transfers_pending", {"amount": f"{pending[0]:.2f}", "count": pending[1]}))
    if transition != 0:
        reasons.append(Reason("direct_before_change_counted", {"amount": f"{transition:.2f}", "lines": transition_lines, "change": assignment.valid_from.isoformat()}))
    if fulfilled < 0:
        # Exclusions and reversals larger than what was counted: nothing is fulfilled.
        reasons.append(Reason("fulfilment_negative_clamped", {"amount": f"{fulfilled:.2f}"}))
        fulfilled = ZERO
    if ineligible:
        reasons.append(Reason("ineligible_lines", {"amount": f"{ineligible_total:.2f}", "lines": sum(i.count for i in ineligible)}))

    base_year = year - 1
    base_type = regime.base_type
    common = {
        "right": right.id,
        "year": year,
        "regime": regime.code,
        "regime_version": regime.version,
        "base_type": base_type,
        "base_year": base_year,
        "fulfilled": fulfilled,
        "ineligible_total": ineligible_total,
        "credit_in": credit_in,
        "ineligible": ineligible,
    }

    due_from = first_due_year(right, regime, assignment)
    if due_from is None or year < due_from:
        if due_from is None:
            reasons.append(Reason("production_not_started", {}))
        else:
            reasons.append(Reason("not_due_before", {"first_due_year": due_from}))
        if fulfilled > 0:
            reasons.append(Reason("spending_before_due_not_credited", {"amount": f"{fulfilled:.2f}"}))
        return YearResult(**common, base=None, base_ref=None, obligation=ZERO, credit_out=credit_in, arrears=ZERO, status="not_due", reasons=tuple(reasons))

    base_record = right.bases.get(base_year)
    base_value = base_record.get(base_type) if base_record is not None else None
    if base_value is None:
        reasons.append(Reason("base_missing", {"base_year": base_year, "base_type": base_type}))
        if credit_in > 0:
            reasons.append(Reason("credit_held", {"amount": f"{credit_in:.2f}"}))
        return YearResult(**common, base=None, base_ref=None, obligation=None, credit_out=credit_in, arrears=None, status="base_missing", reasons=tuple(reasons))

    obligation = regime.round(base_value * regime.rate)
    reasons.append(Reason("obligation", {"base_year": base_year, "base_type": base_type, "base": f"{base_value:.2f}", "rate": str(regime.rate), "rounding": regime.rounding, "obligation": f"{obligation:.2f}", "rate_kind": regime.rate_kind}))
    if base_record.status_of(base_type) != "accepted":
        reasons.append(Reason("base_not_accepted", {"status": base_record.status_of(base_type)}))

    available = fulfilled + credit_in
    arrears = max(ZERO, obligation - available)
    excess = max(ZERO, available - obligation)
    if regime.carries_credit(year):
        credit_out = excess
        if excess > 0:
            reasons.append(Reason("credit_out", {"amount": f"{excess:.2f}", "to_year": year + 1}))
    else:
        credit_out = ZERO
        if excess > 0:
            reasons.append(Reason("excess_not_carried", {"amount": f"{excess:.2f}", "credit_rule": regime.credit_rule}))

    if obligation == 0:
        status = "no_obligation"
    elif arrears == 0:
        status = "fulfilled"
    elif available > 0:
        status = "partly"
    else:
        status = "unfulfilled"
    if arrears > 0:
        reasons.append(Reason("arrears", {"amount": f"{arrears:.2f}"}))
    return YearResult(**common, base=base_value, base_ref=base_record.ref_of(base_type), obligation=obligation, credit_out=credit_out, arrears=arrears, status=status, reasons=tuple(reasons))
