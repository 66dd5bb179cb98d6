"""Subsoil-use rights, their regime history, yearly base figures and the obligation of each right-year.

Regime paths (DOMAIN.md §1, §1.5):

* legacy contracts (signed 1997 – 28.06.2018) with the R&D clause: ``LAW2010_SGD`` from
  max(signing, 01.01.2012); about 15% of those still running adopt model-contract terms
  (``MODEL2026_SGD`` from 14.02.2026); a few producing hydrocarbon (≈6%) and uranium (≈20%)
  contracts moved to Code terms (``CODE2017_COSTS`` from a 2019–2022 date, then
  ``BUDGET2026_COSTS`` from 23.02.2026); about 5% carry no R&D clause and get no assignment;
* hydrocarbon and uranium contracts signed from 29.06.2018: ``CODE2017_COSTS`` from signing, then
  ``BUDGET2026_COSTS`` from 23.02.2026;
* solid-minerals mining licences from 29.06.2018: ``CODE2017_COSTS`` from issue (= production start),
  then ``BUDGET2026_COSTS`` from 01.01.2026;
* exploration, prospecting, common-minerals and subsoil-space licences: exempt, no assignment.

Bases are lognormal and heavy-tailed, scaled so that the national 1% of the reference years
2023–2025 matches the scale's target, split mining & metallurgy ≈ 66.5%, oil ≈ 27.5%, uranium ≈ 6%.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from niokr.obligations.catalogue import regime_by_code
from niokr.synthetic import texts
from niokr.synthetic.names import NameBook
from niokr.synthetic.organisations import REGIONS_BY_FOCUS
from niokr.synthetic.records import Assignment, Right, RightYear, money
from niokr.synthetic.scales import AS_OF, CODE_IN_FORCE, FIRST_YEAR, HC_BUDGET_FROM, LAST_YEAR, LAW2010_FROM, MODEL_FROM, SOLID_BUDGET_FROM
from niokr.synthetic.world import World, add_years, rand_day, weighted

__all__ = ["RegimeInfo", "REGIMES", "build_rights", "right_rows", "assignment_rows", "base_rows", "obligation_of"]

REGIME_CODES = ("LAW2010_SGD", "CODE2017_COSTS", "BUDGET2026_COSTS", "MODEL2026_SGD")
LEGACY_END = CODE_IN_FORCE - timedelta(days=1)

#: (right type, mineral group, share of all rights)
TYPE_MIX = (
    ("legacy_contract", "hydrocarbons", 0.10),
    ("legacy_contract", "uranium", 0.012),
    ("legacy_contract", "solid", 0.11),
    ("hc_exploration_production", "hydrocarbons", 0.03),
    ("hc_production", "hydrocarbons", 0.015),
    ("uranium_production", "uranium", 0.004),
    ("lic_solid_mining", "solid", 0.19),
    ("lic_geological_exploration", "solid", 0.05),
    ("lic_prospecting", "solid", 0.07),
    ("lic_common_mining", "common", 0.15),
    ("lic_subsoil_space", "common", 0.01),
    ("lic_solid_exploration", "solid", 0.259),
)
NUMBER_FORMAT = {
    ("legacy_contract", "hydrocarbons"): "{}-УВС", ("legacy_contract", "uranium"): "{}-У", ("legacy_contract", "solid"): "{}-ТПИ",
    ("hc_exploration_production", "hydrocarbons"): "{}-УВС-МЭ", ("hc_production", "hydrocarbons"): "{}-УВС-МЭ",
    ("uranium_production", "uranium"): "{}-У-ААЭ", ("lic_solid_mining", "solid"): "{}-ML", ("lic_solid_exploration", "solid"): "{}-EL",
    ("lic_geological_exploration", "solid"): "{}-GEL", ("lic_prospecting", "solid"): "{}-PL", ("lic_common_mining", "common"): "{}-ОПИ",
    ("lic_subsoil_space", "common"): "{}-SSL",
}
#: Licence terms in years (exploration licences run six years, prospecting three).
TERMS = {"lic_solid_exploration": 6, "lic_geological_exploration": 6, "lic_prospecting": 3}
#: lognormal (mu, sigma) of a right's size before calibration
SIZE = {
    ("legacy_contract", "solid"): (2.0, 1.9), ("legacy_contract", "hydrocarbons"): (1.6, 1.7), ("legacy_contract", "uranium"): (1.5, 0.8),
    ("hc_exploration_production", "hydrocarbons"): (0.3, 1.4), ("hc_production", "hydrocarbons"): (0.5, 1.4),
    ("uranium_production", "uranium"): (0.8, 0.7), ("lic_solid_mining", "solid"): (-0.8, 1.6),
}
#: nominal index of the tenge economy by base year (devaluations of 2014–2016 included)
INDEX = {2010: 0.44, 2011: 0.52, 2012: 0.55, 2013: 0.57, 2014: 0.58, 2015: 0.52, 2016: 0.62, 2017: 0.70, 2018: 0.78, 2019: 0.80, 2020: 0.72, 2021: 0.86, 2022: 1.00, 2023: 0.98, 2024: 1.00, 2025: 1.04}
GROUP_SHARE = {"solid": 0.665, "hydrocarbons": 0.275, "uranium": 0.06}
REFERENCE_YEARS = (2023, 2024, 2025)


@dataclass(frozen=True)
class RegimeInfo:
    """What the generator needs of a regime of the catalogue."""

    code: str
    base_type: str
    channel: str
    second_production_year: bool
    rate: tuple[int, int]
    step: int
    carries_from: int | None
    eligible: tuple[tuple[str, int], ...]


def _regime_info(code: str) -> RegimeInfo:
    spec = regime_by_code(code)
    num, den = Decimal(str(spec["rate"])).as_integer_ratio()
    carries = spec["credit_rule"] == "carry_forward"
    eligible = tuple((e["attribute"], date.fromisoformat(e["from"]).toordinal() if e.get("from") else 0) for e in spec["eligible_performers"])
    return RegimeInfo(
        code=code,
        base_type=spec["base_type"],
        channel=spec["channel"],
        second_production_year=spec["first_due_rule"] == "second_production_year",
        rate=(num, den),
        step=100 if spec.get("rounding") == "tenge" else 1,
        carries_from=(spec.get("credit_from_year") or 0) if carries else None,
        eligible=eligible,
    )


REGIMES = {code: _regime_info(code) for code in REGIME_CODES}


def obligation_of(base_tiyn: int, regime: RegimeInfo) -> int:
    """``rate × base`` in tiyn, rounded half up to the regime's step (as the engine does)."""
    num, den = regime.rate
    den *= regime.step
    units = (2 * base_tiyn * num + den) // (2 * den)
    return units * regime.step


def first_due_year(right: Right, a: Assignment, regime: RegimeInfo) -> int | None:
    if regime.second_production_year:
        return right.production_start.year + 1 if right.production_start else None
    return a.valid_from.year


def build_rights(world: World) -> None:
    """Rights with regimes and bases, calibrated; then the due right-years and their labels."""
    rng = world.rng
    names = NameBook(rng)
    n_total = world.scale.rights
    counts = [(t, m, max(1, round(share * n_total))) for t, m, share in TYPE_MIX]
    counts[-1] = (counts[-1][0], counts[-1][1], max(1, n_total - sum(c for _t, _m, c in counts[:-1])))
    serial = {fmt: rng.randint(150, 900) for fmt in sorted(set(NUMBER_FORMAT.values()))}
    for right_type, mineral, count in counts:
        holders = _holders_for(world, right_type, mineral)
        cum, acc = [], 0.0
        for h in holders:
            acc += h.weight
            cum.append(acc)
        for _ in range(count):
            holder = rng.choices(holders, cum_weights=cum)[0]
            fmt = NUMBER_FORMAT[(right_type, mineral)]
            serial[fmt] += rng.randint(1, 9)
            number = fmt.format(serial[fmt])
            world.rights.append(_new_right(world, names, holder, right_type, mineral, number))
    _legacy_paths(world)
    _calibrate_bases(world)
    _right_years(world)


def _holders_for(world: World, right_type: str, mineral: str):
    latest = LEGACY_END - timedelta(days=400) if right_type == "legacy_contract" else date(2025, 6, 30)
    focus = mineral if mineral != "common" or right_type != "lic_subsoil_space" else "common"
    holders = [u for u in world.subsoil_users if u.focus == focus and u.registered_on <= latest]
    if not holders:
        holders = [u for u in world.subsoil_users if u.registered_on <= latest]
    return holders


def _new_right(world: World, names: NameBook, holder, right_type: str, mineral: str, number: str) -> Right:
    rng = world.rng
    earliest = holder.registered_on + timedelta(days=30)
    production = end = None
    if right_type == "legacy_contract":
        drawn = date.fromordinal(int(rng.triangular(date(1997, 1, 1).toordinal(), LEGACY_END.toordinal(), date(2002, 6, 1).toordinal())))
        signed = min(max(drawn, earliest), LEGACY_END)
        production = signed + timedelta(days=int(rng.triangular(0, 6 * 365, 300)))
        if signed.year >= 2010 and rng.random() < 0.1:
            production = None
        if rng.random() < 0.12:
            end = rand_day(rng, max(add_years(signed, 3), date(2013, 1, 1)), date(2025, 10, 31))
    elif right_type in ("hc_exploration_production", "hc_production", "uranium_production"):
        signed = rand_day(rng, max(earliest, CODE_IN_FORCE), date(2025, 12, 31))
        delay = rng.randint(0, 365) if right_type != "hc_exploration_production" else rng.randint(0, 5 * 365)
        production = signed + timedelta(days=delay)
        if right_type == "hc_exploration_production" and rng.random() < 0.2:
            production = None
        if rng.random() < 0.03:
            end = rand_day(rng, add_years(signed, 1), date(2025, 10, 31))
    elif right_type == "lic_solid_mining":
        signed = rand_day(rng, max(earliest, CODE_IN_FORCE), date(2025, 10, 31))
        production = signed
        if rng.random() < 0.04:
            end = rand_day(rng, add_years(signed, 1), date(2025, 10, 31))
    else:
        signed = rand_day(rng, max(earliest, CODE_IN_FORCE), date(2026, 9, 30))
        if right_type in TERMS:
            end = add_years(signed, TERMS[right_type]) - timedelta(days=1)
        elif right_type == "lic_common_mining":
            production = signed + timedelta(days=rng.randint(30, 365))
            end = add_years(signed, 10) - timedelta(days=1) if rng.random() < 0.3 else None
    if production is not None and production > AS_OF:
        production = None
    if end is not None and end < signed:
        end = None
    region = holder.region if holder.region in dict(REGIONS_BY_FOCUS[mineral]) and rng.random() < 0.7 else weighted(rng, REGIONS_BY_FOCUS[mineral])
    right = Right(
        id=world.next_id("right"), number=number, holder=holder, mineral=mineral, right_type=right_type, region=region,
        signed_on=signed, production_start=production, end_date=end, stability_clause=right_type == "legacy_contract",
        stability_note=("", "", ""), field_names=names.field(mineral),
    )
    mu_sigma = SIZE.get((right_type, mineral))
    if mu_sigma is not None:
        right.size = rng.lognormvariate(*mu_sigma) * math.sqrt(holder.weight)
        right.income_ratio = rng.uniform(1.3, 3.0)
        right.trend = rng.gauss(0.0, 0.03)
    if right_type in ("hc_exploration_production", "hc_production", "uranium_production"):
        reason = texts.code_reason(mineral, licence=False)
        right.assignments = [Assignment("CODE2017_COSTS", signed, HC_BUDGET_FROM - timedelta(days=1), reason), Assignment("BUDGET2026_COSTS", HC_BUDGET_FROM, None, texts.budget_reason(mineral))]
    elif right_type == "lic_solid_mining":
        reason = texts.code_reason(mineral, licence=True)
        right.assignments = [Assignment("CODE2017_COSTS", signed, SOLID_BUDGET_FROM - timedelta(days=1), reason), Assignment("BUDGET2026_COSTS", SOLID_BUDGET_FROM, None, texts.budget_reason(mineral))]
    return right


def _legacy_paths(world: World) -> None:
    """Assign the legacy contracts their regime history: clause, model terms, Code terms or none."""
    rng = world.rng
    legacy = [r for r in world.rights if r.right_type == "legacy_contract"]
    no_clause = set(id(r) for r in rng.sample(legacy, max(1, round(0.05 * len(legacy)))))
    with_clause = [r for r in legacy if id(r) not in no_clause]
    active_2026 = [r for r in with_clause if r.end_date is None]
    to_code: set[int] = set()
    for mineral, share in (("hydrocarbons", 0.06), ("uranium", 0.2)):
        producing = [r for r in active_2026 if r.mineral == mineral and r.production_start is not None and r.production_start.year <= 2018]
        if producing:
            to_code.update(id(r) for r in rng.sample(producing, min(len(producing), max(1, round(share * len(producing))))))
    model_pool = [r for r in active_2026 if id(r) not in to_code]
    to_model = set(id(r) for r in rng.sample(model_pool, min(len(model_pool), max(1, round(0.15 * len(model_pool))))))
    for right in legacy:
        clause = f"{rng.randint(10, 30)}.{rng.randint(1, 9)}"
        if id(right) in no_clause:
            right.stability_note = texts.stability_note(clause, False)
            continue
        right.stability_note = texts.stability_note(clause, True)
        start = max(right.signed_on, LAW2010_FROM)
        amendment = None
        if right.signed_on < LAW2010_FROM:
            amendment = f"№ {rng.randint(2, 12)} от {rand_day(rng, date(2012, 1, 10), date(2012, 9, 28)):%d.%m.%Y}"
        law = Assignment("LAW2010_SGD", start, None, texts.law2010_reason(clause, amendment))
        right.assignments = [law]
        if id(right) in to_code:
            switch = rand_day(rng, date(2019, 1, 1), date(2022, 12, 31))
            law.valid_to = switch - timedelta(days=1)
            number = f"№ {rng.randint(5, 20)} от {switch:%d.%m.%Y}"
            right.assignments.append(Assignment("CODE2017_COSTS", switch, HC_BUDGET_FROM - timedelta(days=1), texts.code_reason(right.mineral, licence=False, amendment=number)))
            right.assignments.append(Assignment("BUDGET2026_COSTS", HC_BUDGET_FROM, None, texts.budget_reason(right.mineral)))
        elif id(right) in to_model:
            law.valid_to = MODEL_FROM - timedelta(days=1)
            number = f"№ {rng.randint(5, 25)} от {MODEL_FROM:%d.%m.%Y}"
            right.assignments.append(Assignment("MODEL2026_SGD", MODEL_FROM, None, texts.model_reason(number)))


def _production_share(right: Right, year: int) -> float:
    """The share of ``year`` the right produced in (0 before production or after the end)."""
    ps = right.production_start
    if ps is None or year < ps.year:
        return 0.0
    first, last = date(year, 1, 1), date(year, 12, 31)
    lo = max(first, ps)
    hi = min(last, right.end_date) if right.end_date else last
    if hi < lo:
        return 0.0
    return ((hi - lo).days + 1) / ((last - first).days + 1)


def _base_years(right: Right) -> range:
    """The years a right reports bases for: from the year before its first due year to 2025."""
    if not right.assignments:
        return range(0)
    first = right.assignments[0]
    regime = REGIMES[first.code]
    if regime.second_production_year:
        if right.production_start is None:
            return range(0)
        start = right.production_start.year
    else:
        start = first.valid_from.year - 1
    stop = LAST_YEAR - 1
    if right.end_date is not None:
        stop = min(stop, right.end_date.year)
    return range(start, stop + 1)


def _calibrate_bases(world: World) -> None:
    """Draw raw bases, scale each mineral group to its share of the national target, store tiyn."""
    rng = world.rng
    raw: dict[int, dict[int, tuple[float, float]]] = {}
    for right in world.rights:
        years = {}
        for year in _base_years(right):
            share = _production_share(right, year)
            noise = rng.lognormvariate(0.0, 0.12)
            income = right.size * INDEX[year] * math.exp(right.trend * (year - 2023)) * noise * share
            costs = income / (right.income_ratio * rng.lognormvariate(0.0, 0.05))
            years[year] = (income, costs)
        raw[right.id] = years
    target = rng.uniform(*world.scale.one_percent_bn) * 1e9
    group_raw = {g: 0.0 for g in GROUP_SHARE}
    for right in world.rights:
        for year in REFERENCE_YEARS:
            a = _in_force(right, year)
            if a is None or right.mineral not in group_raw:
                continue
            regime = REGIMES[a.code]
            due = first_due_year(right, a, regime)
            base = raw[right.id].get(year - 1)
            if due is None or year < due or base is None:
                continue
            group_raw[right.mineral] += 0.01 * (base[0] if regime.base_type == "aggregate_income" else base[1]) / len(REFERENCE_YEARS)
    factor = {g: (target * GROUP_SHARE[g] / v if v > 0 else 1.0) for g, v in group_raw.items()}
    for right in world.rights:
        f = factor.get(right.mineral, 1.0) * 100
        right.bases = {year: (round(i * f), round(c * f)) for year, (i, c) in raw[right.id].items()}
        if 2025 in right.bases and rng.random() < 0.06:
            right.draft_years.add(2025)
        if 2024 in right.bases and rng.random() < 0.02:
            right.draft_years.add(2024)


def _in_force(right: Right, year: int) -> Assignment | None:
    if right.end_date is not None and year > right.end_date.year:
        return None
    return right.regime_on(date(year, 12, 31))


def _right_years(world: World) -> None:
    """Due right-years with a positive obligation; then the labels missing_base, missing_transfer, shortfall."""
    rng = world.rng
    rates = world.scale.rates
    for right in world.rights:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            a = _in_force(right, year)
            if a is None:
                continue
            regime = REGIMES[a.code]
            due = first_due_year(right, a, regime)
            base = right.bases.get(year - 1)
            if due is None or year < due or base is None:
                continue
            amount = base[0] if regime.base_type == "aggregate_income" else base[1]
            obligation = obligation_of(amount, regime)
            if obligation > 0:
                world.right_years.append(RightYear(right, year, a.code, regime.channel, obligation, regime.base_type, year - 1))
    pool = list(world.right_years)
    for ry in _sample(rng, pool, rates.missing_base):
        ry.label = "missing_base"
        ry.right.missing_base_years.add(ry.base_year)
    budget = [ry for ry in world.right_years if ry.channel == "budget" and ry.label == "clean"]
    for ry in _sample(rng, budget, rates.missing_transfer, minimum=2):  # both forms, nothing and a part, in every country
        ry.label = "missing_transfer"
    direct = [ry for ry in world.right_years if ry.channel == "direct" and ry.year < LAST_YEAR and ry.label == "clean"]
    for ry in _sample(rng, direct, rates.shortfall):
        ry.label = "shortfall"
    _revisions(world)
    for ry in world.right_years:
        if ry.label != "missing_base":
            world.one_percent_by_year[ry.year] = world.one_percent_by_year.get(ry.year, 0) + ry.obligation


#: Notes given with a revision of a base (a note does not make a cut after the year closed clean).
REVISION_NOTES = (
    "", "", "Уточнение совокупного годового дохода по результатам сверки", "Исправление технической ошибки в отчёте ЛКУ",
    "Корректировка по результатам налоговой проверки", "Пересчёт затрат на добычу с учётом изменения учётной политики",
)


def _revisions(world: World) -> None:
    """Second revisions of some accepted bases, each changing the obligation of the year after.

    * ``base_revised_down`` (a labelled problem): after the obligation year closed, the base is
      revised to 15–45% of its amount (a quarter, give or take), so the obligation the engine
      computes from the latest revision shrinks to match what was spent;
    * corrections (clean): a revision by 1–8% up or down, any time after the first report.
    """
    rng = world.rng
    rates = world.scale.rates
    closed = [
        ry for ry in world.right_years
        if ry.channel == "direct" and ry.label == "clean" and ry.year < LAST_YEAR and ry.base_year in ry.right.bases and ry.base_year not in ry.right.draft_years
    ]
    last_day = AS_OF - timedelta(days=1)
    for ry in _sample(rng, closed, rates.base_revised_down):
        revised_on = rand_day(rng, date(ry.year + 1, 1, 10), min(date(ry.year + 1, 10, 31), last_day))
        _revise(ry, rng.uniform(0.15, 0.45), revised_on, rng.choice(REVISION_NOTES), "cut")
        ry.label = "base_revised_down"
    rest = [ry for ry in closed if ry.label == "clean"]
    for ry in _sample(rng, rest, rates.base_correction):
        change = rng.uniform(0.01, 0.08) * rng.choice((-1, 1))
        revised_on = rand_day(rng, date(ry.base_year + 1, 5, 1), min(date(ry.year + 1, 9, 30), last_day))
        _revise(ry, 1 + change, revised_on, rng.choice(REVISION_NOTES), "correction")


def _revise(ry: RightYear, factor: float, revised_on: date, note: str, kind: str) -> None:
    right = ry.right
    income, costs = right.bases[ry.base_year]
    right.revisions[ry.base_year] = (round(income * factor), round(costs * factor), revised_on, note, kind)
    used = right.base_in_use(ry.base_year)
    ry.revised_from = ry.obligation
    ry.obligation = obligation_of(used[0] if ry.base_type == "aggregate_income" else used[1], REGIMES[ry.regime])


def _sample(rng, items: list, rate: float, minimum: int = 1) -> list:
    """``rate`` of ``items`` (at least ``minimum`` when there are as many), in a reproducible order."""
    if not items:
        return []
    return rng.sample(items, min(len(items), max(minimum, round(rate * len(items)))))


def right_rows(world: World) -> list[tuple]:
    """Rows of ``registry.SubsoilRight``."""
    return [
        (r.id, r.number, r.holder.id, r.mineral, r.right_type, r.region, r.signed_on, r.production_start, r.end_date, r.stability_clause, *r.stability_note, *r.field_names)
        for r in world.rights
    ]


def assignment_rows(world: World) -> list[tuple]:
    """Rows of ``registry.RegimeAssignment``."""
    rows = []
    for r in world.rights:
        for a in r.assignments:
            rows.append((world.next_id("assign"), r.id, a.code, a.valid_from, a.valid_to, *a.reason, False))
    return rows


def base_rows(world: World) -> list[tuple]:
    """Rows of ``obligations.BaseFigure``: both base types per reported right-year, revision 1, and
    revision 2 where the figures were revised."""
    rows = []
    for r in world.rights:
        for year in sorted(r.bases):
            if year in r.missing_base_years:
                continue
            income, costs = r.bases[year]
            status = "draft" if year in r.draft_years else "accepted"
            document = texts.base_document(year, f"{year + 1}-{r.id:05d}")
            note = "" if income or costs else "Добыча не велась: доход и затраты по контракту за год отсутствуют"
            created = datetime(year + 1, 4, 1 + r.id % 28, 4, 0, tzinfo=UTC)
            for base_type, amount in (("aggregate_income", income), ("production_costs", costs)):
                rows.append((world.next_id("base"), r.id, year, base_type, money(amount), "generated", *document, status, 1, note, created))
            revised = r.revisions.get(year)
            if revised is not None:
                income2, costs2, revised_on, note2, _kind = revised
                document2 = texts.base_document(year, f"{revised_on.year}-{r.id:05d}", correction=True)
                created2 = datetime(revised_on.year, revised_on.month, revised_on.day, 4, 0, tzinfo=UTC)
                for base_type, amount in (("aggregate_income", income2), ("production_costs", costs2)):
                    rows.append((world.next_id("base"), r.id, year, base_type, money(amount), "generated", *document2, "accepted", 2, note2, created2))
    return rows
