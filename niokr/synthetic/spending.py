"""R&D spending of the synthetic country: projects, agreements, payments and budget transfers.

Payers are processed one by one, year by year (a fixed order, so one random stream gives one
country). For each due right-year with a positive obligation the payer spends about
1.00–1.25 × the obligation with eligible, unaffiliated performers (a shortfall right-year spends well
below it), spread over agreements and payment lines with more in the fourth quarter. Right-years
under the budget channel (2026) are met by treasury transfers under KBK 401103 instead.

The generator mirrors the obligation engine's credit carried forward (``Right.credit``), so that a
right-year labelled ``shortfall`` is really short after credit, and a clean one is really met.
Injected problems are added by :mod:`niokr.synthetic.inject`; numbering, ids and the truth file
are made by :mod:`niokr.synthetic.finalize`.
"""

from __future__ import annotations

import calendar
import math
from bisect import bisect_right
from datetime import date, timedelta

from niokr.core.reference import REGIONS
from niokr.synthetic import finalize, inject, texts
from niokr.synthetic.numbers import DOCUMENT_STYLES
from niokr.synthetic.organisations import non_research, status_holds
from niokr.synthetic.purposes import RdWordings
from niokr.synthetic.records import P, Agreement, Org, Project, Right, RightYear
from niokr.synthetic.rights import REGIMES, obligation_of
from niokr.synthetic.scales import AS_OF, FIRST_YEAR, HC_BUDGET_FROM, LAST_YEAR
from niokr.synthetic.world import World, split

__all__ = ["Spender", "DaySampler", "PayerState", "build_spending"]

AS_OF_ORD = AS_OF.toordinal()
#: Share of clean agreements paid in equal monthly instalments (those of three to twelve lines whose period allows).
INSTALMENT_SHARE = 0.06
#: Share of the ``missing_transfer`` right-years that transferred a part of the obligation (the rest nothing).
PART_TRANSFER_SHARE = 0.4
#: Month weights of payment dates: more in the fourth quarter, but nothing abnormal.
MONTH_WEIGHTS = (6, 7, 7, 8, 8, 8, 8, 8, 9, 10, 11, 10)
#: Exchange rates, tenge per unit, yearly averages (USD, EUR).
FX_RATES = {
    2012: (149.1, 191.7), 2013: (152.1, 202.1), 2014: (179.2, 238.1), 2015: (221.7, 245.8), 2016: (342.2, 378.6),
    2017: (326.0, 368.6), 2018: (344.7, 406.8), 2019: (382.8, 428.5), 2020: (412.9, 471.5), 2021: (426.0, 503.6),
    2022: (460.5, 484.2), 2023: (456.3, 493.3), 2024: (469.4, 507.9), 2025: (510.2, 576.1), 2026: (505.0, 586.0),
}


class DaySampler:
    """Random days in a window, weighted by :data:`MONTH_WEIGHTS` (one bisection per draw)."""

    def __init__(self, first: date = date(2010, 1, 1), last: date = date(2028, 12, 31)):
        self.base = first.toordinal()
        self.cum: list[float] = []
        acc = 0.0
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            acc += MONTH_WEIGHTS[day.month - 1] / calendar.monthrange(day.year, day.month)[1]
            self.cum.append(acc)

    def sample(self, rng, lo: int, hi: int) -> int:
        """A day (ordinal) in ``[lo, hi]``."""
        if hi <= lo:
            return lo
        i0, i1 = lo - self.base, hi - self.base
        c0 = self.cum[i0 - 1] if i0 > 0 else 0.0
        x = c0 + rng.random() * (self.cum[i1] - c0)
        return self.base + bisect_right(self.cum, x, i0, i1)


def _jan1(year: int) -> int:
    return date(year, 1, 1).toordinal()


def _dec31(year: int) -> int:
    return date(year, 12, 31).toordinal()


class Spender:
    """Builds the spending of every payer (see the module docstring)."""

    def __init__(self, world: World):
        self.world = world
        self.rng = world.rng
        self.days = DaySampler()
        self.pools: dict[tuple, tuple[list[Org], list[float], set[int]] | list[Org]] = {}
        self.gap_pools: dict[tuple[bool, int], list[tuple[Org, int, int]]] = {}
        self.seq = 0
        self.pending: dict[str, int] = {}
        #: December dumps expected (rate × payer-years that could hold one) and injected so far
        self.dumps_expected = 0.0
        self.dumps_done = 0
        #: late transfers still pending confirmation (the first budget right-year always has one)
        self.pending_transfers = 0
        self.banned_cache: dict[tuple[int, int], set[int]] = {}
        #: the country's R&D wordings (one per dozen agreements, 200 to 5,000)
        self.wordings = RdWordings(self.rng, max(200, min(5_000, world.scale.agreements // 12)))
        #: affiliate_payment events per depth of link so far
        self.affiliate_depths: dict[int, int] = {}
        scale = world.scale
        rates = scale.rates
        injected_share = sum(getattr(rates, code) for code, _per in inject.PAYMENT_CODES)
        injected_agreements = scale.payments * sum(getattr(rates, code) / per for code, per in inject.PAYMENT_CODES if code in inject.AGREEMENT_CODES)
        clean_agreements = max(1.0, scale.agreements - injected_agreements)
        self.per_agreement = scale.payments * (1 - injected_share) / clean_agreements
        estimate = 0.0
        for ry in world.right_years:
            if ry.channel == "direct":
                estimate += math.sqrt(ry.obligation * (0.35 if ry.label == "shortfall" else 1.12))
        self.lines_per_sqrt = scale.payments * (1 - injected_share) / estimate if estimate else 0.0
        # Projects run over several years: a share of clean agreements continues an open project.
        new_share = max(0.05, (scale.projects * 0.97 - injected_agreements * inject.PROJECT_SHARE) / clean_agreements)
        self.continue_share = min(0.95, (1 - new_share) / 0.95)
        self.rights_of: dict[int, list[Right]] = {}
        for right in world.rights:
            if right.assignments:
                self.rights_of.setdefault(right.holder.id, []).append(right)

    # -- pools -----------------------------------------------------------------------------------

    def pool(self, code: str, year: int):
        """Performers eligible under ``code`` throughout ``year`` (to 31 March next year), weighted."""
        key = (code, year)
        found = self.pools.get(key)
        if found is None:
            lo, hi = _jan1(year), min(date(year + 1, 3, 31).toordinal(), AS_OF_ORD)
            rules = REGIMES[code].eligible
            # trading houses and financial firms are paid only by the injected trade_or_finance_performer problem
            members = [p for p in self.world.performers if p.registered_on.toordinal() < lo and status_holds(p, rules, lo, hi) and not non_research(p)]
            cum, acc = [], 0.0
            for p in members:
                acc += p.weight
                cum.append(acc)
            found = self.pools[key] = (members, cum, {p.id for p in members})
        return found

    def gap_pool(self, foreign: bool, year: int) -> list[tuple[Org, int, int]]:
        """Performers (domestic or foreign) with a no-status gap of at least 15 days inside ``year``."""
        key = (foreign, year)
        found = self.gap_pools.get(key)
        if found is None:
            lo, hi = _jan1(year), min(_dec31(year), AS_OF_ORD)
            found = []
            for p in self.world.performers:
                if p.foreign != foreign or p.kind == "aggregator" or non_research(p):
                    continue
                for a, b in p.gaps:
                    a, b = max(a, lo), min(b, hi)
                    if b - a >= 15:
                        found.append((p, a, b))
            self.gap_pools[key] = found
        return found

    def banned(self, payer_id: int, year: int) -> set[int]:
        """Performers the payer may not pay in clean spending in ``year``: those linked to it by
        ownership or a person at any time from 1 January of the year on. A performer sold out of the
        group before the year began is a stranger again (a clean case a date-blind check flags)."""
        key = (payer_id, year)
        found = self.banned_cache.get(key)
        if found is None:
            jan1 = _jan1(year)
            found = self.banned_cache[key] = {pid for pid, info in self.world.affiliated.get(payer_id, {}).items() if info[5] >= jan1}
        return found

    def non_research_pool(self, code: str, year: int) -> list[Org]:
        """Trading houses and financial firms that hold a status ``code`` accepts throughout ``year``."""
        key = ("non_research", code, year)
        found = self.pools.get(key)
        if found is None:
            lo, hi = _jan1(year), min(date(year + 1, 3, 31).toordinal(), AS_OF_ORD)
            rules = REGIMES[code].eligible
            found = self.pools[key] = [p for p in self.world.performers if non_research(p) and p.registered_on.toordinal() < lo and status_holds(p, rules, lo, hi)]
        return found

    # -- projects and agreements ------------------------------------------------------------------

    def new_project(self, payer: Org, performer: Org, right: Right, start: int) -> Project:
        """A project of a TCC sector suited to the payer's minerals, titled after the field or region."""
        rng = self.rng
        focus = payer.focus if payer.focus in texts.SECTOR_MIX else "solid"
        sectors = texts.SECTOR_MIX[focus]
        sector = rng.choices([s for s, _w in sectors], [w for _s, w in sectors])[0]
        topics = [t for t in texts.TOPICS if t[0] == sector]
        _sector, direction, site, ru, kk, en = rng.choice(topics)
        if site:
            where = right.field_names
        else:
            name = REGIONS[right.region].name
            where = (texts.in_running_text(name.ru), name.kk, name.en)
        titles = (f"{ru} ({where[0]})", f"{kk} ({where[1]})", f"{en} ({where[2]})")
        trl_start = rng.choices((1, 2, 3, 4, 5, 6), (5, 15, 25, 25, 18, 12))[0]
        trl_target = min(9, trl_start + rng.randint(1, 3))
        goal = rng.choice(texts.PROJECT_GOALS)
        abstract = f"Цель проекта — {goal}. Исполнитель: {performer.names[0]}. Ожидаемый результат — уровень готовности технологии {trl_target}."
        pid = self.world.next_id("project")
        project = Project(
            id=pid, code=f"PRJ-{date.fromordinal(start).year}-{pid:06d}", titles=titles, abstract=abstract, performer_id=performer.id,
            direction=direction, sector=sector, trl_start=trl_start, trl_target=trl_target, start=start, end=start + rng.randint(300, 1100),
        )
        self.world.projects.append(project)
        return project

    def new_agreement(self, state: "PayerState", performer: Org, right: Right, signed: int, period_end: int, *, kind: str, project: Project | None, lo: int, hi: int) -> Agreement:
        """Register an agreement of the payer (number, purposes, currency); payments come later."""
        rng = self.rng
        signed_day = date.fromordinal(signed)
        state.numbers[signed_day.year] = state.numbers.get(signed_day.year, 0) + rng.randint(1, 3)
        number = f"{state.prefix}-{signed_day.year}/{state.numbers[signed_day.year]:03d}"
        purposes = self.wordings.purposes(number=number, signed=signed_day, topic=project.titles[0] if project else None)
        currency = None
        if performer.foreign and rng.random() < 0.6:
            currency = "USD" if rng.random() < 0.7 else "EUR"
        title = project.titles[0] if project else f"Исследования для объекта «{right.field_names[0]}»"
        subject = f"Выполнение научно-исследовательских и опытно-конструкторских работ по теме «{title}»"[:500]
        agreement = Agreement(
            id=self.world.next_id("agreement"), number=number, payer=state.payer, performer=performer, signed_on=signed, period_end=period_end,
            subject=subject, project=project, direction=project.direction if project else "", purposes=purposes, right=right, kind=kind,
            currency=currency, lo=lo, hi=hi,
        )
        if project is not None:
            project.agreements += 1
            project.end = max(project.end, period_end)
        self.world.agreements.append(agreement)
        state.agreements.append(agreement)
        state.year_agreements.append(agreement)
        return agreement

    def open_agreement(self, state: "PayerState", ry: RightYear, performer: Org, project: Project | None, kind: str, project_share: float = 0.97) -> Agreement:
        """An agreement for the right-year: signed between November of the year before and April,
        paid from its signing (or 1 January) to 31 December (or the right's end)."""
        rng = self.rng
        right, year = ry.right, ry.year
        hi_limit = min(_dec31(year), AS_OF_ORD, right.end_date.toordinal() if right.end_date else AS_OF_ORD)
        signed_lo = max(date(year - 1, 11, 1).toordinal(), performer.registered_on.toordinal() + 1, right.signed_on.toordinal() + 1)
        signed = rng.randint(signed_lo, max(signed_lo, min(date(year, 4, 30).toordinal(), hi_limit - 1)))
        lo = max(signed, _jan1(year))
        hi = max(lo, hi_limit)
        period_end = max(hi, _dec31(year) + rng.choice((0, 0, 0, 31, 59, 90, 181)))
        if project is None and rng.random() < project_share:
            project = self.new_project(state.payer, performer, right, signed)
            if kind == "clean":
                state.open_projects.append(project)
        return self.new_agreement(state, performer, right, signed, period_end, kind=kind, project=project, lo=lo, hi=hi)

    def add_payments(self, agreement: Agreement, right: Right, amounts: list[int], *, lo: int, hi: int, tag=None, fixed=False, uniform=False, days: list[int] | None = None) -> list[list]:
        """Payment records of ``amounts`` dated in ``[lo, hi]`` (in the agreement's currency), or on ``days``."""
        rng, sampler = self.rng, self.days
        out = []
        n = len(amounts)
        for i, amount in enumerate(amounts):
            if days is not None:
                day = days[i]
            else:
                day = rng.randint(lo, hi) if uniform and hi > lo else sampler.sample(rng, lo, hi)
            fx = None
            if agreement.currency is not None:
                base = FX_RATES[date.fromordinal(day).year][0 if agreement.currency == "USD" else 1]
                rate = round(base * rng.uniform(0.985, 1.015) * 100)
                cents = max(1, (amount * 100 + rate // 2) // rate)
                amount = (cents * rate + 50) // 100
                fx = (agreement.currency, cents, rate)
            self.seq += 1
            purpose = agreement.purposes[min(2, i * 3 // n)]
            record = [self.seq, agreement, right, day, amount, purpose, None, fx, tag, None, fixed, 0, 0, None]
            agreement.payments.append(record)
            out.append(record)
        return out

    def pick_performer(self, state: "PayerState", code: str, year: int) -> Org | None:
        """An eligible performer unaffiliated with the payer: often a regular partner, else a weighted draw."""
        rng = self.rng
        members, cum, ids = self.pool(code, year)
        if not members:
            return None
        banned = self.banned(state.payer.id, year)
        if state.favourites and rng.random() < 0.5:
            choice = rng.choice(state.favourites)
            if choice.id in ids and choice.id not in banned:
                return choice
        for _ in range(30):
            choice = rng.choices(members, cum_weights=cum)[0]
            if choice.id not in banned and choice.id != state.payer.id:
                if len(state.favourites) < 8:
                    state.favourites.append(choice)
                return choice
        return None

    # -- one right-year ---------------------------------------------------------------------------

    def clean_spending(self, state: "PayerState", ry: RightYear, total: int) -> None:
        """Spend ``total`` tiyn on the right-year through one or more agreements with eligible performers."""
        rng = self.rng
        year = ry.year
        n_lines = max(1, round(self.lines_per_sqrt * math.sqrt(total)))
        n_agreements = max(1, min(n_lines, round(n_lines / self.per_agreement)))
        shares = split(rng, total, n_agreements)
        members_ids = self.pool(ry.regime, year)[2]
        banned = self.banned(state.payer.id, year)
        jan1 = _jan1(year)
        made: list[Agreement] = []
        carry = 0
        for share in shares:
            share += carry
            carry = 0
            project = performer = None
            if state.open_projects and rng.random() < self.continue_share:
                candidates = [p for p in state.open_projects if p.start < jan1 <= p.end + 200 and p.performer_id in members_ids and p.performer_id not in banned]
                if candidates:
                    project = rng.choice(candidates)
                    performer = self.world.org_by_id[project.performer_id]
            if performer is None:
                performer = self.pick_performer(state, ry.regime, year)
            if performer is None:
                carry = share
                continue
            agreement = self.open_agreement(state, ry, performer, project, "clean")
            n = max(1, round(n_lines * share / total))
            months = n
            if 3 <= n <= (agreement.hi - agreement.lo) // 31 + 1 and rng.random() < INSTALMENT_SHARE:
                # equal monthly instalments: the same amount to the same performer a month apart (clean)
                each = share // months // 100 * 100
                amounts = [each] * (months - 1) + [share - each * (months - 1)]
                first = agreement.lo + rng.randint(0, min(20, agreement.hi - agreement.lo - 31 * (months - 1)))
                records = self.add_payments(agreement, ry.right, amounts, lo=agreement.lo, hi=agreement.hi, fixed=True, days=[first + 31 * i for i in range(months)])
            else:
                records = self.add_payments(agreement, ry.right, split(rng, share, n), lo=agreement.lo, hi=agreement.hi)
            state.year_records.extend(records)
            made.append(agreement)
        if carry:
            if not made:
                raise RuntimeError(f"no eligible performer for {ry.right.number} in {year} under {ry.regime}")
            last = made[-1]
            state.year_records.extend(self.add_payments(last, ry.right, [carry], lo=last.lo, hi=last.hi))
        right = ry.right
        if year < LAST_YEAR and (right.end_date is None or right.end_date > date(year + 1, 3, 31)):
            for agreement in made:
                if rng.random() < 0.06:
                    # the last stage paid in January–March of the next year, credited to this year
                    late = agreement.payments[-1]
                    late[P.DAY] = rng.randint(date(year + 1, 1, 5).toordinal(), date(year + 1, 3, 25).toordinal())
                    late[P.FOR_YEAR] = year
                    late[P.FIXED] = True
                    agreement.period_end = max(agreement.period_end, late[P.DAY])

    def transfers(self, state: "PayerState", ry: RightYear) -> None:
        """Treasury transfers under KBK 401103 for a right-year of the budget channel (2026).

        The orders that meet the obligation are paid by 5 November and confirmed by the treasury one
        to four days later; about one right-year in six (and the country's first) also has a small
        late order, paid after 5 November and still pending confirmation (it counts toward nothing yet).
        """
        rng = self.rng
        total = -(-round(ry.obligation * rng.uniform(1.0, 1.04)) // 100) * 100
        start = (HC_BUDGET_FROM + timedelta(days=1)) if ry.right.mineral in ("hydrocarbons", "uranium") else date(ry.year, 2, 2)
        lo, hi = start.toordinal(), min(date(ry.year, 11, 5).toordinal(), AS_OF_ORD)
        if rng.random() < 0.3 and total > 200:
            first = round(total * rng.uniform(0.4, 0.6)) // 100 * 100
            mid = date(ry.year, 6, 30).toordinal()
            parts = [(first, rng.randint(lo, mid)), (total - first, rng.randint(mid + 1, hi))]
        else:
            parts = [(total, rng.randint(lo, hi))]
        if (rng.random() < 0.16 or not self.pending_transfers) and hi < AS_OF_ORD:
            self.pending_transfers += 1
            parts.append((max(10_000, round(ry.obligation * rng.uniform(0.005, 0.03)) // 100 * 100), rng.randint(hi + 1, AS_OF_ORD)))
        for i, (amount, day) in enumerate(parts):
            self.seq += 1
            confirmed_on = confirmation = None
            if day <= hi:
                confirmed_on = min(AS_OF_ORD, day + rng.randint(1, 4))
                confirmation = f"Выписка казначейства № {rng.randint(1000, 99999)} от {date.fromordinal(confirmed_on):%d.%m.%Y}"
                state.transfer_paid[ry.right.id] = state.transfer_paid.get(ry.right.id, 0) + amount
            state.transfers.append([self.seq, ry.right, day, amount, ry.year, confirmed_on, 0, 0, confirmation])


    def part_transfer(self, state: "PayerState", ry: RightYear) -> None:
        """A budget right-year transferred short (``missing_transfer``): one confirmed order of 10–60%
        of the obligation, paid by 5 November — the rest is outstanding close to the deadline."""
        rng = self.rng
        amount = max(100, round(ry.obligation * rng.uniform(0.1, 0.6)) // 100 * 100)
        start = (HC_BUDGET_FROM + timedelta(days=1)) if ry.right.mineral in ("hydrocarbons", "uranium") else date(ry.year, 2, 2)
        day = rng.randint(start.toordinal(), min(date(ry.year, 11, 5).toordinal(), AS_OF_ORD - 5))
        confirmed_on = day + rng.randint(1, 4)
        self.seq += 1
        confirmation = f"Выписка казначейства № {rng.randint(1000, 99999)} от {date.fromordinal(confirmed_on):%d.%m.%Y}"
        state.transfer_paid[ry.right.id] = state.transfer_paid.get(ry.right.id, 0) + amount
        state.transfers.append([self.seq, ry.right, day, amount, ry.year, confirmed_on, 0, 0, confirmation])
        ry.transferred = amount


class PayerState:
    """What one payer has done so far (its agreements, projects, partners and numbering)."""

    def __init__(self, payer: Org, prefix: str, doc_style: int = 0):
        self.payer = payer
        self.prefix = prefix
        #: the style of the payer's payment-order numbers (an index of ``numbers.DOCUMENT_STYLES``)
        self.doc_style = doc_style
        self.numbers: dict[int, int] = {}
        self.favourites: list[Org] = []
        self.open_projects: list[Project] = []
        self.agreements: list[Agreement] = []
        self.year_agreements: list[Agreement] = []
        self.transfers: list[list] = []
        self.transfer_paid: dict[int, int] = {}
        self.records: list[list] = []
        self.year_records: list[list] = []
        self.dump_years: list[tuple[int, float, int, int, str, int]] = []
        self.shortfalls: list[tuple[RightYear, int, int]] = []


def _credit_in(right: Right, channel: str) -> int:
    if right.credit > 0 and right.credit_channel is not None and right.credit_channel != channel:
        return 0
    return right.credit


def _close_year(spender: Spender, state: PayerState, year: int) -> None:
    """Advance each right's credit mirror past ``year``, as the engine will compute it."""
    spent: dict[int, int] = {}
    for rec in state.year_records:
        if rec[P.TAG] not in ("unaccredited_performer", "foreign_without_permission"):
            rid = rec[P.RIGHT].id
            spent[rid] = spent.get(rid, 0) + rec[P.AMOUNT]
    for right in spender.rights_of.get(state.payer.id, ()):
        if right.end_date is not None and year > right.end_date.year:
            continue
        a = right.regime_on(date(year, 12, 31))
        if a is None:
            right.credit, right.credit_channel = 0, None
            continue
        regime = REGIMES[a.code]
        credit_in = _credit_in(right, regime.channel)
        due_from = (right.production_start.year + 1 if right.production_start else None) if regime.second_production_year else a.valid_from.year
        base = right.base_in_use(year - 1)
        if due_from is None or year < due_from or base is None or (year - 1) in right.missing_base_years:
            credit_out = credit_in
        else:
            obligation = obligation_of(base[0] if regime.base_type == "aggregate_income" else base[1], regime)
            fulfilled = state.transfer_paid.get(right.id, 0) if regime.channel == "budget" else spent.get(right.id, 0)
            carries = regime.carries_from is not None and year >= regime.carries_from
            credit_out = max(0, fulfilled + credit_in - obligation) if carries else 0
        right.credit, right.credit_channel = credit_out, regime.channel


def build_spending(world: World, progress=None) -> None:
    """Generate every payer's spending and turn it into rows (payer by payer, to keep memory flat)."""
    spender = Spender(world)
    counter = finalize.Counter()
    rng = world.rng
    missing_seen = 0
    by_payer: dict[int, list[RightYear]] = {}
    for ry in world.right_years:
        by_payer.setdefault(ry.right.holder.id, []).append(ry)
    for payer in world.subsoil_users:
        prefix = rng.choice(("НИОКР", "НИР", "ДНТ", "ОКР", "НТР"))
        style = rng.choices(range(len(DOCUMENT_STYLES)), [w for _f, w in DOCUMENT_STYLES])[0]
        state = PayerState(payer, prefix, style)
        rys = by_payer.get(payer.id, [])
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            state.year_records = []
            state.year_agreements = []
            horizon = date(year, 1, 1).toordinal() - 200
            state.open_projects = [p for p in state.open_projects if p.end >= horizon]
            for ry in rys:
                if ry.year != year:
                    continue
                if ry.channel == "budget":
                    if ry.label != "missing_transfer":
                        spender.transfers(state, ry)
                    else:
                        # The country's first missing transfer is nothing at all (an unfulfilled year), the
                        # second a part; the others either, at random.
                        missing_seen += 1
                        if missing_seen == 2 or (missing_seen > 2 and rng.random() < PART_TRANSFER_SHARE):
                            spender.part_transfer(state, ry)
                    continue
                # a margin of 1,000 tenge keeps a clean year met after foreign-currency rounding
                total = round(ry.obligation * rng.uniform(1.0, 1.25)) + 100_000
                if ry.label == "shortfall":
                    credit_in = _credit_in(ry.right, ry.channel)
                    if credit_in >= 0.55 * ry.obligation:
                        ry.label = "clean"  # the credit carried forward covers most of it: not a shortfall
                    else:
                        total = max(0, round(rng.uniform(0.1, 0.55) * ry.obligation) - credit_in)
                        if total < 100_000:
                            total = 0
                        state.shortfalls.append((ry, total, credit_in))
                        if total == 0:
                            continue
                spender.clean_spending(state, ry, total)
            inject.inject_year(spender, state, year, [ry for ry in rys if ry.year == year])
            inject.december(spender, state, year)
            _close_year(spender, state, year)
            state.records.extend(state.year_records)
        finalize.finalize_payer(world, state, counter)
        if progress is not None:
            progress.advance(1)
