"""Injected problems of the wider control catalogue (NK-27 … NK-50), on top of the country.

Called once from :func:`niokr.synthetic.country._generate` after the country is finalised. Every
family draws from a random stream of its own derived from the seed (``Random("wide:<seed>:<family>")``),
and everything it adds is an *extra* row — organisations, statuses, ownership links, beneficial
owners, projects, agreements (also onward agreements between performers), payments, calendar
plans with acts and reports, results, spending reports sent through intake — so the country's
other rows and labels stay exactly what they were. The labels are written into ``world.problems``
with the subject keys the evaluation reads (``niokr.control.evaluation.subject_keys``).

The injections follow how the schemes are run, in varied forms (amounts, wording in Russian,
Kazakh and English, reworded, translated, transliterated or typed with look-alike letters; timings;
depths of chains), never the rules' code: docs/synthetic-data.md §6c lists every form.

Rules every injected row keeps, so that the country's existing labels stay true:

* every payment is credited to a clean direct right-year (a right with no labelled year after it),
  to a performer eligible under the year's regime on the payment date, outside the payer's group,
  dated inside its agreement's period and never before its signing, on a working day (except the
  weekend and holiday payments of NK-30);
* no payer-year's December share crosses 60 % either way (the December dump labels stay true);
* no two payments of one payer to one performer for one amount fall within a week of each other,
  except the copies labelled ``duplicate_payment`` (NK-43's copies within a week are duplicates too);
* every agreement has a project of its performer; an agreement of 10 000 000 ₸ or more is signed
  before 2026 (no programme is needed); a completed project has a result with its evidence;
* every problem of an existing code that the new rows nevertheless carry is labelled from the data
  by that code's definition (an act paid twice is also a payment beyond acceptance, a double
  payment may exceed the agreement amount, a disguised non-R&D purpose is still ``non_rd_purpose``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from types import SimpleNamespace

from niokr.core.reference import REGIONS
from niokr.synthetic import lifecycle, texts
from niokr.synthetic import wide_texts as T
from niokr.synthetic.finalize import DEDUCTION_FROM, DEDUCTION_KINDS, DEDUCTION_STATUSES, _problem_key
from niokr.synthetic.lifecycle import MIN_AMOUNT, REQUIRED_FROM, TOLERANCE, Plan, PlanStage, peak_excess
from niokr.synthetic.names import NameBook
from niokr.synthetic.numbers import STYLE_STEP, doc_text, written_differently
from niokr.synthetic.organisations import BinAllocator, non_research, status_holds
from niokr.synthetic.purposes import NON_RD, RdWordings, non_rd_purpose
from niokr.synthetic.records import Agreement, Org, Problem, Project, day_of, money
from niokr.synthetic.rights import REGIMES
from niokr.synthetic.scales import AS_OF, LAST_YEAR
from niokr.synthetic.world import FAR, World, merge

__all__ = ["inject_wide", "WIDE_CODES", "Wide"]

AS_OF_ORD = AS_OF.toordinal()
#: The problem codes of the wider catalogue, by control family.
WIDE_CODES = (
    "split_agreements", "split_payments", "split_across_group", "holiday_payment", "round_cluster", "price_far_from_text_peers",
    "double_funding_two_payers", "same_work_two_rights", "direct_and_budget_same_money", "act_paid_twice", "result_claimed_twice",
    "stage_report_reused", "credited_to_closed_year", "year_boundary_spread", "quarterly_annual_mismatch", "correction_without_reason",
    "same_payment_other_fields", "natural_person_performer", "foreign_beneficial_owner", "performer_without_track_record",
    "shell_intermediary", "reciprocal_groups", "money_returns_to_payer_group", "disguised_purpose",
)
TENGE = 100
MILLION = 1_000_000 * TENGE
#: Amounts above which an approval, a tender or a second signature applies (₸): splitting keeps under one.
THRESHOLDS = tuple(x * MILLION for x in (10, 20, 25, 50, 100, 150, 250, 500, 1000, 2000))
#: A large agreement for NK-46's definition (and the programme floor of NK-16): 10 000 000 ₸.
LARGE = MIN_AMOUNT
#: A spending report of year Y may still credit lines to Y until this day of Y+1 (31 March): later is a closed year.
CLOSE_MONTH_DAY = (3, 31)
#: A beneficial owner holds more than this share, directly or through owners (AML law: more than 25 %).
BO_SHARE = 25.0
DUMP = 0.60
STAMP = time(6, tzinfo=UTC)
EARLIEST_YEAR = 2013


def _at(ordinal: int, hour: int = 6) -> datetime:
    return datetime.combine(day_of(ordinal), time(hour, tzinfo=UTC))


def _sha(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def _iso(ordinal: int) -> str:
    return day_of(ordinal).isoformat()


def _ceil_to(x: int, step: int) -> int:
    return -(-x // step) * step


@dataclass(slots=True)
class Pay:
    """One injected payment line (the row is in ``world.payment_rows``)."""

    id: int
    agreement: Agreement
    right: object
    day: int
    amount: int
    purpose: str
    doc: object
    for_year: int | None
    counted: bool = True

    @property
    def year(self) -> int:
        return self.for_year if self.for_year is not None else day_of(self.day).year


@dataclass(slots=True)
class Slot:
    """A clean direct right-year injected lines may be credited to."""

    payer: Org
    ry: object
    lo: int
    hi: int

    @property
    def year(self) -> int:
        return self.ry.year

    @property
    def right(self):
        return self.ry.right


@dataclass
class Counts:
    events: dict = field(default_factory=lambda: defaultdict(int))
    clean: dict = field(default_factory=lambda: defaultdict(int))


class Wide:
    """The state of the wider injections: indexes of the country and the rows added to it."""

    def __init__(self, world: World):
        self.world = world
        self.seed = world.seed
        self.lc = lifecycle._state(world)
        self.base_agreements = len(world.agreements)
        self.counts = Counts()
        self.rights = {r.id: r for r in world.rights}
        self.pays: dict[int, Pay] = {}
        self.my_agreements: list[Agreement] = []
        self.special: set[int] = set()  # organisations created here: never drawn for clean spending
        self.plans: list[Plan] = []
        self.stage_texts: dict[int, tuple] = self.lc.rows.setdefault("_stage_texts", {})
        self.act_reports: dict[int, tuple] = self.lc.rows.setdefault("_act_reports", {})
        self.bo_rows: list[tuple] = []
        self.submission_rows: list[tuple] = []
        self.payment_submission: dict[int, int] = {}
        self.payment_reference: dict[int, str] = {}
        self.reversals: list[tuple[int, int, int]] = []  # (payment id, superseding submission id, commit ordinal)
        self.next_payment = max((r[0] for r in world.payment_rows), default=0) + 1
        self.project_of: dict[int, Project] = {p.id: p for p in world.projects}
        self.agreements_of: dict[int, list[Agreement]] = defaultdict(list)
        for a in world.agreements:
            if a.project is not None:
                self.agreements_of[a.project.id].append(a)
        #: the family that made each new agreement (for the counts of docs/synthetic-data.md)
        self.family_of: dict[int, str] = {}
        self.current = ""
        self._index_payments()
        self._index_agreements()
        self._index_groups()
        self._slots()
        self.pool_cache: dict[tuple, list[Org]] = {}
        self.safe_cache: dict[int, bool] = {}
        self.same_amount: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        taken = {o.bin for o in world.orgs}
        self.bins_taken = taken
        self.bins = BinAllocator(Random(f"wide:{self.seed}:bins"))
        self.names = NameBook(Random(f"wide:{self.seed}:names"))
        self.names._used.update(o.names[0] for o in world.orgs)
        self.iins: set[str] = set(taken)
        self.wordings = RdWordings(Random(f"wide:{self.seed}:wordings"), 80)

    # -- indexes ---------------------------------------------------------------------------------

    def _index_payments(self) -> None:
        """Per payer: the payment-order style and the highest serial of each year; per payer-year: the
        total counted toward the year and its December part (for the December labels)."""
        world = self.world
        payer_of = {a.id: a.payer.id for a in world.agreements}
        self.doc_style: dict[int, int] = {}
        self.doc_serial: dict[tuple[int, int], int] = defaultdict(int)
        self.total: dict[tuple[int, int], int] = defaultdict(int)
        self.dec: dict[tuple[int, int], int] = defaultdict(int)
        total, dec = self.total, self.dec
        year_of: dict[int, tuple[int, bool]] = {}
        # a payer's lines are contiguous and in date order, numbered in date order: the last key of a
        # payer-year is its highest serial
        last_doc: dict[tuple[int, int], int] = {}
        for _pid, agreement_id, _right, day, amount, _purpose, doc, for_year, _fx, _perf in world.payment_rows:
            payer = payer_of[agreement_id]
            yd = year_of.get(day)
            if yd is None:
                d = day_of(day)
                yd = year_of[day] = (d.year, d.month == 12)
            tiyn = int(amount.replace(".", ""))
            if for_year is None or for_year == yd[0]:
                key = (payer, yd[0])
                total[key] += tiyn
                if yd[1]:
                    dec[key] += tiyn
                if doc.__class__ is int:
                    last_doc[key] = doc
            else:
                total[(payer, for_year)] += tiyn
        for (payer, _year), doc in last_doc.items():
            style, rest = divmod(doc, STYLE_STEP)
            y, serial = divmod(rest, 1_000_000)
            self.doc_style.setdefault(payer, style)
            if serial > self.doc_serial[(payer, y)]:
                self.doc_serial[(payer, y)] = serial
        for _tid, payer, _right, order, day, *_rest in world.transfer_rows:
            digits = "".join(ch if ch.isdigit() else " " for ch in order).split()
            if digits:
                key = (payer, day_of(day).year)
                self.doc_serial[key] = max(self.doc_serial[key], int(digits[-1]) % 1_000_000)
        self.dumps = {(p.subject["payer_id"], p.subject["year"]) for p in world.problems if p.code == "december_dump"}

    def _index_agreements(self) -> None:
        self.agreement_prefix: dict[int, str] = {}
        self.agreement_serial: dict[tuple[int, int], int] = defaultdict(int)
        self.by_performer: dict[int, list[Agreement]] = defaultdict(list)
        for a in self.world.agreements:
            head, _sep, tail = a.number.partition("-")
            self.agreement_prefix.setdefault(a.payer.id, head)
            year, _s, serial = tail.partition("/")
            if year.isdigit() and serial.isdigit():
                key = (a.payer.id, int(year))
                self.agreement_serial[key] = max(self.agreement_serial[key], int(serial))
            self.by_performer[a.performer.id].append(a)

    def _index_groups(self) -> None:
        """Ownership and person links as the tests read them (the ultimate parent on a day)."""
        self.top_cache: dict[tuple[int, int], int] = {}
        self.owner_of: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        self.people: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for row in self.world.affiliation_rows:
            self._index_edge(row)

    def _index_edge(self, row) -> None:
        self.top_cache = {}
        _id, source, target, kind, _share, start, end, _note = row
        lo, hi = start.toordinal(), end.toordinal() if end else FAR
        if kind == "owner":
            self.owner_of[target].append((source, lo, hi))
        else:
            self.people[source].append((target, lo, hi))
            self.people[target].append((source, lo, hi))

    def top(self, org: int, day: int) -> int:
        key = (org, day)
        found = self.top_cache.get(key)
        if found is None:
            found = self.top_cache[key] = self._top(org, day)
        return found

    def _top(self, org: int, day: int) -> int:
        seen = {org}
        while True:
            owners = [o for o, a, b in self.owner_of.get(org, ()) if a <= day <= b]
            if not owners or owners[0] in seen:
                return org
            org = owners[0]
            seen.add(org)

    def affiliated(self, payer: int, performer: int, day: int) -> bool:
        """One group on ``day``, or a founder or director shared by a company of the payer's group and the performer."""
        top = self.top(payer, day)
        if top == self.top(performer, day):
            return True
        return any(a <= day <= b and self.top(member, day) == top for member, a, b in self.people.get(performer, ()))

    def banned(self, payer: int, performer: int, year: int, day: int) -> bool:
        info = self.world.affiliated.get(payer, {}).get(performer)
        if info is not None and info[5] >= date(year, 1, 1).toordinal():
            return True
        return self.affiliated(payer, performer, day)

    def _slots(self) -> None:
        """The clean direct right-years of rights with no labelled year after them (extra spending
        carries forward as credit, which must not lift a later year out of its label)."""
        labelled_last: dict[int, int] = {}
        for ry in self.world.right_years:
            if ry.label != "clean":
                labelled_last[ry.right.id] = max(labelled_last.get(ry.right.id, 0), ry.year)
        self.slots: list[Slot] = []
        self.slot_of: dict[tuple[int, int], Slot] = {}
        self.by_payer_year: dict[tuple[int, int], list[Slot]] = defaultdict(list)
        for ry in self.world.right_years:
            right = ry.right
            if ry.channel != "direct" or ry.label != "clean" or ry.year < EARLIEST_YEAR or labelled_last.get(right.id, 0) >= ry.year:
                continue
            payer = right.holder
            lo = max(date(ry.year, 1, 1).toordinal(), right.signed_on.toordinal() + 1)
            hi = min(date(ry.year, 12, 31).toordinal(), AS_OF_ORD - 1, right.end_date.toordinal() if right.end_date else FAR)
            if hi - lo < 60:
                continue
            slot = Slot(payer, ry, lo, hi)
            self.slots.append(slot)
            self.slot_of[(right.id, ry.year)] = slot
            self.by_payer_year[(payer.id, ry.year)].append(slot)
        self.shortfalls = [ry for ry in self.world.right_years if ry.label == "shortfall" and ry.channel == "direct"]

    # -- random streams, pools, days -------------------------------------------------------------

    def stream(self, name: str) -> Random:
        return Random(f"wide:{self.seed}:{name}")

    def pool(self, regime: str, year: int) -> list[Org]:
        """Performers eligible under ``regime`` throughout ``year`` (to 31 March next year)."""
        key = (regime, year)
        found = self.pool_cache.get(key)
        if found is None:
            lo, hi = date(year, 1, 1).toordinal(), min(date(year + 1, 3, 31).toordinal(), AS_OF_ORD)
            rules = REGIMES[regime].eligible
            found = self.pool_cache[key] = [
                p for p in self.world.performers
                if p.id not in self.special and p.registered_on.toordinal() < lo and not non_research(p) and status_holds(p, rules, lo, hi)
            ]
        return found

    def kind_pool(self, regime: str, year: int, kinds, deduction: tuple[int, int] | None = None) -> list[Org]:
        key = (regime, year, kinds, deduction)
        found = self.pool_cache.get(key)
        if found is None:
            found = self.pool_cache[key] = [
                p for p in self.pool(regime, year) if (kinds is None or p.kind in kinds)
                and (deduction is None or p.kind not in DEDUCTION_KINDS or all(self._holds(p, DEDUCTION_STATUSES, d) for d in deduction))
            ]
        return found

    def eligible(self, performer: Org, regime: str, day: int) -> bool:
        return status_holds(performer, REGIMES[regime].eligible, day, day)

    def performer_for(self, rng: Random, slot: Slot, *, kinds=None, exclude=(), days=()) -> Org | None:
        pool = self.pool(slot.ry.regime, slot.year)
        if kinds is not None:
            pool = self.kind_pool(slot.ry.regime, slot.year, kinds)
        if slot.year >= 2026:  # the Tax Code's art. 302: keep to performers whose deduction holds (the label is taken from the data anyway)
            pool = self.kind_pool(slot.ry.regime, slot.year, kinds, deduction=(slot.lo, slot.hi))
        if not pool:
            return None
        for p in rng.sample(pool, min(40, len(pool))):
            if p.id in exclude:
                continue
            if not self.banned(slot.payer.id, p.id, slot.year, slot.lo) and not self.banned(slot.payer.id, p.id, slot.year, slot.hi) and all(
                self.eligible(p, slot.ry.regime, d) and not self.affiliated(slot.payer.id, p.id, d) for d in days
            ):
                return p
        return None

    @staticmethod
    def _holds(org: Org, kinds, day: int) -> bool:
        return any(a <= day <= b for kind in kinds for a, b in org.status.get(kind, ()))

    def safe_workday(self, day: date) -> bool:
        o = day.toordinal()
        found = self.safe_cache.get(o)
        if found is None:
            found = self.safe_cache[o] = self._safe_workday(day)
        return found

    @staticmethod
    def _safe_workday(day: date) -> bool:
        """A Tuesday to Thursday at least four days from any public holiday and outside the weeks when
        days off are moved (New Year, Nauryz): a working day whatever the year's decree moved."""
        if day.weekday() not in (1, 2, 3):
            return False
        if (day.month == 1 and day.day <= 10) or (day.month == 3 and 17 <= day.day <= 28):
            return False
        o = day.toordinal()
        return not any(T.is_holiday(day_of(o + k)) for k in range(-4, 5)) and not T.near_uncertain(day)

    def workday(self, rng: Random, lo: int, hi: int) -> int:
        """A safe working day in ``[lo, hi]`` (the nearest one when the window holds none)."""
        if hi < lo:
            hi = lo
        for _ in range(40):
            d = rng.randint(lo, hi)
            if self.safe_workday(day_of(d)):
                return d
        for d in range(lo, hi + 1):
            if self.safe_workday(day_of(d)):
                return d
        for k in range(1, 30):
            for d in (hi + k, lo - k):
                if self.safe_workday(day_of(d)):
                    return d
        return lo

    def next_workday(self, day: int) -> int:
        """``day`` if it is a safe working day, else the next one."""
        while not self.safe_workday(day_of(day)):
            day += 1
        return day

    def workdays(self, rng: Random, lo: int, hi: int, n: int, *, gap: int = 0) -> list[int]:
        days: list[int] = []
        for _ in range(n * 6):
            if len(days) == n:
                break
            d = self.workday(rng, lo, hi)
            if all(abs(d - e) > gap for e in days) or gap == 0:
                days.append(d)
        while len(days) < n:
            days.append(self.workday(rng, lo, hi))
        return sorted(days)

    # -- organisations ---------------------------------------------------------------------------

    def new_org(self, rng: Random, *, kind: str, names, registered: date, region: str, oked: str, resident: bool = True, bin_: str | None = None,
                performer: bool = True) -> Org:
        world = self.world
        if bin_ is None:
            bin_ = self.bins.allocate(registered, resident=resident)
            while bin_ in self.bins_taken:
                bin_ = self.bins.allocate(registered, resident=resident)
        self.bins_taken.add(bin_)
        org = Org(id=world.next_id("org"), bin=bin_, kind=kind, region=region, registered_on=registered, names=names, foreign=not resident, oked=oked)
        world.add_org(org)
        self.special.add(org.id)
        if performer:
            world.performers.append(org)
        return org

    def add_status(self, org: Org, kind: str, start: date, end: date | None, number: str = "", evidence: str = "", issued_by: str = "") -> None:
        self.world.attribute_rows.append((self.world.next_id("attr"), org.id, kind, start, end, number, evidence, issued_by))
        org.status.setdefault(kind, []).append((start.toordinal(), end.toordinal() if end else FAR))
        org.status[kind] = merge(org.status[kind])

    def supplier(self, rng: Random, org: Org, start: date) -> None:
        self.add_status(org, "kazakhstani_supplier", start, None, "", f"доля граждан РК среди работников {rng.randint(95, 100)}%", "")

    def accredit(self, rng: Random, org: Org, start: date) -> None:
        issuer = "Комитет науки Министерства образования и науки РК" if start < date(2022, 6, 11) else "Комитет науки Министерства науки и высшего образования РК"
        end = start.replace(year=start.year + 5) - timedelta(days=1) if not (start.month == 2 and start.day == 29) else date(start.year + 5, 2, 27)
        self.add_status(org, "science_accreditation", start, end, f"АК-{rng.randint(1, 999999):06d}",
                        "Свидетельство об аккредитации субъекта научной и (или) научно-технической деятельности", issuer)

    def add_edge(self, source: Org, target: Org, kind: str, start: date, end: date | None = None, share: str | None = None, note: str = "") -> None:
        row = (self.world.next_id("aff"), source.id, target.id, kind, share if kind == "owner" else None, start, end, note)
        self.world.affiliation_rows.append(row)
        self._index_edge(row)

    def company(self, rng: Random, *, registered: date, core: str = "service", tech: bool = False, oked: str | None = None, kind: str = "company",
                performer: bool = True) -> Org:
        names = self.names.company(core, tech=tech)
        region = rng.choice(("astana", "almaty_city", "almaty_city", "atyrau", "karaganda", "shymkent", "aktobe"))
        return self.new_org(rng, kind=kind, names=names, registered=registered, region=region,
                            oked=oked or rng.choice(("71.12.0", "72.19.0", "74.90.0", "62.01.0", "70.22.0")), performer=performer)

    # -- projects, agreements, payments ----------------------------------------------------------

    def agreement_number(self, rng: Random, payer: Org, signed: int) -> str:
        year = day_of(signed).year
        prefix = self.agreement_prefix.get(payer.id)
        if prefix is None:
            prefix = self.agreement_prefix[payer.id] = rng.choice(("НИОКР", "НИР", "ДНТ", "ОКР", "НТР"))
        key = (payer.id, year)
        self.agreement_serial[key] += rng.randint(1, 3)
        if payer.kind in ("subsoil_user", "national_company"):
            return f"{prefix}-{year}/{self.agreement_serial[key]:03d}"
        return rng.choice((f"СП-{year}/{self.agreement_serial[key]:02d}", f"{self.agreement_serial[key]}/{year % 100:02d}-СУБ", f"Д-{self.agreement_serial[key]:03d}/{year}"))

    def new_project(self, rng: Random, performer: Org, start: int, end: int, titles: tuple[str, str, str], *, direction: str = "other", sector: str = "") -> Project:
        pid = self.world.next_id("project")
        trl_start = rng.choices((1, 2, 3, 4, 5, 6), (5, 15, 25, 25, 18, 12))[0]
        trl_target = min(9, trl_start + rng.randint(1, 3))
        project = Project(
            id=pid, code=f"PRJ-{day_of(start).year}-{pid:06d}", titles=tuple(t[:500] for t in titles), abstract=f"Цель проекта — {rng.choice(texts.PROJECT_GOALS)}. Исполнитель: {performer.names[0]}.",
            performer_id=performer.id, direction=direction, sector=sector, trl_start=trl_start, trl_target=trl_target, start=start, end=end,
        )
        self.world.projects.append(project)
        self.project_of[pid] = project
        return project

    def carrier(self, rng: Random, payer: Org, right) -> tuple[str, tuple[str, str, str], str, str]:
        """A subject as the country writes its own: a topic of the payer's sectors at the right's field or
        region (subject, titles, direction, sector) — for an agreement whose subject is not the problem."""
        focus = payer.focus if payer.focus in texts.SECTOR_MIX else "solid"
        sectors = texts.SECTOR_MIX[focus]
        sector = rng.choices([x for x, _w in sectors], [wt for _x, wt in sectors])[0]
        _sector, direction, site, ru, kk, en = rng.choice([t for t in texts.TOPICS if t[0] == sector])
        if site and right is not None:
            where = right.field_names
        else:
            region = REGIONS[right.region if right is not None else "astana"].name
            where = (texts.in_running_text(region.ru), region.kk, region.en)
        titles = (f"{ru} ({where[0]})", f"{kk} ({where[1]})", f"{en} ({where[2]})")
        return f"Выполнение научно-исследовательских и опытно-конструкторских работ по теме «{titles[0]}»"[:500], titles, direction, sector

    def new_agreement(self, rng: Random, payer: Org, performer: Org, signed: int, period_end: int, subject: str | None = None, *, titles=None, right=None,
                      project: Project | None = None, number: str | None = None, direction: str = "other", sector: str = "") -> Agreement:
        if subject is None:
            subject, own_titles, direction, sector = self.carrier(rng, payer, right)
            titles = titles or own_titles
        number = number or self.agreement_number(rng, payer, signed)
        if project is None:
            titles = titles or (subject, subject, subject)
            project = self.new_project(rng, performer, signed, period_end, titles, direction=direction, sector=sector)
        project.start = min(project.start, signed)
        project.end = max(project.end, period_end)
        project.agreements += 1
        topic = project.titles[0]
        purposes = self.wordings.purposes(number=number, signed=day_of(signed), topic=topic)
        a = Agreement(id=self.world.next_id("agreement"), number=number, payer=payer, performer=performer, signed_on=signed, period_end=period_end,
                      subject=subject[:500], project=project, direction=project.direction, purposes=purposes, right=right, kind="wide")
        self.world.agreements.append(a)
        self.my_agreements.append(a)
        self.agreements_of[project.id].append(a)
        self.family_of[a.id] = self.current
        self.by_performer[performer.id].append(a)
        return a

    def doc(self, rng: Random, payer: Org, day: int):
        year = day_of(day).year
        style = self.doc_style.get(payer.id)
        if style is None:
            style = self.doc_style[payer.id] = rng.randrange(5)
        key = (payer.id, year)
        self.doc_serial[key] += rng.randint(1, 4)
        return style * STYLE_STEP + year * 1_000_000 + self.doc_serial[key]

    def add_payment(self, rng: Random, agreement: Agreement, right, day: int, amount: int, *, purpose: str | None = None, for_year: int | None = None,
                    doc=None, counted: bool = True, k: int = 0, n: int = 1, same_amount_ok: bool = False) -> Pay:
        """One payment line of ``agreement`` (counted toward the obligation unless a later report superseded it)."""
        payer = agreement.payer
        if counted and not same_amount_ok:
            key = (payer.id, agreement.performer.id, amount)
            while any(abs(day - d) <= 7 for d in self.same_amount.get(key, ())):
                amount += rng.randint(1, 37) * TENGE + rng.randint(1, 99)
                key = (payer.id, agreement.performer.id, amount)
        pid = self.next_payment
        self.next_payment += 1
        if purpose is None:
            purpose = agreement.purposes[min(2, k * 3 // max(1, n))]
        doc = doc if doc is not None else self.doc(rng, payer, day)
        pay = Pay(pid, agreement, right, day, amount, purpose[:500], doc, for_year, counted)
        self.pays[pid] = pay
        agreement.payments.append(pay)
        self.world.payment_rows.append((pid, agreement.id, right.id, day, money(amount), pay.purpose, doc, for_year, None, agreement.performer.id))
        if counted:
            self.same_amount[(payer.id, agreement.performer.id, amount)].append(day)
            year = pay.year
            self.total[(payer.id, year)] += amount
            d = day_of(day)
            if d.month == 12 and d.year == year:
                self.dec[(payer.id, year)] += amount
        return pay

    def fits(self, lines) -> bool:
        """Whether adding ``lines`` (payer id, credited year, day, amount) keeps every payer-year's December label."""
        extra_total: dict[tuple[int, int], int] = defaultdict(int)
        extra_dec: dict[tuple[int, int], int] = defaultdict(int)
        for payer, year, day, amount in lines:
            extra_total[(payer, year)] += amount
            d = day_of(day)
            if d.month == 12 and d.year == year:
                extra_dec[(payer, year)] += amount
        for key, add in extra_total.items():
            if key[1] >= LAST_YEAR:
                continue
            total, dec = self.total[key] + add, self.dec[key] + extra_dec[key]
            if key in self.dumps:
                if dec * 100 < 62 * total:
                    return False
            elif dec * 100 > 57 * total:
                return False
        return True

    def amounts(self, rng: Random, total: int, n: int, *, whole: bool = False) -> list[int]:
        """``total`` in ``n`` uneven parts (tiyn, with kopecks unless ``whole``)."""
        n = max(1, n)
        weights = [0.4 + rng.random() for _ in range(n)]
        scale = total / sum(weights)
        parts = [max(100_000, int(w * scale) // TENGE * TENGE + (0 if whole else rng.randint(0, 99))) for w in weights[:-1]]
        parts.append(max(100_000, total - sum(parts)))
        return parts

    def signing(self, rng: Random, slot: Slot, performer: Org, *, early: bool = True, allow_2026: bool = False) -> int:
        """A signing day for a year's agreement: between November of the year before and April (as the
        country signs them), after the performer's registration and the right's signing. An agreement for
        2026 is signed by 30 December 2025 (from 2026 one of 10 000 000 ₸ or more needs an approved
        programme) unless ``allow_2026``."""
        year = slot.year
        lo = max(date(year - 1, 11, 1).toordinal(), performer.registered_on.toordinal() + 1, slot.right.signed_on.toordinal() + 1)
        hi = max(lo, min(date(year, 4, 30).toordinal() if early else slot.hi - 30, slot.hi - 20))
        if year >= 2026 and not allow_2026:
            hi = max(lo, min(hi, date(2025, 12, 30).toordinal()))
        return self.workday(rng, lo, hi)

    def rd_agreement(self, rng: Random, slot: Slot, performer: Org, total: int, n_lines: int, *, subject: str | None = None, titles=None,
                     signed: int | None = None, period_end: int | None = None, plan: bool | None = None, amount: int | None = None, days=None,
                     amounts=None, project: Project | None = None, direction: str = "other", sector: str = "", number: str | None = None,
                     purposes=None) -> tuple[Agreement, list[Pay]]:
        """An agreement of ``slot``'s payer with ``performer``, paid ``total`` in ``n_lines`` lines inside the slot's year."""
        signed = signed if signed is not None else self.signing(rng, slot, performer)
        lo = max(signed, slot.lo)
        days = days or self.workdays(rng, lo, slot.hi, n_lines, gap=8)
        period_end = period_end if period_end is not None else max(max(days), date(slot.year, 12, 31).toordinal() + rng.choice((0, 0, 31, 90)))
        agreement = self.new_agreement(rng, slot.payer, performer, signed, period_end, subject, titles=titles, right=slot.right, project=project,
                                       direction=direction, sector=sector, number=number)
        parts = amounts or self.amounts(rng, total, len(days))
        pays = [self.add_payment(rng, agreement, slot.right, d, a, k=i, n=len(days), purpose=(purposes[i] if purposes else None))
                for i, (d, a) in enumerate(zip(days, parts))]
        agreement.amount = amount if amount is not None else _ceil_to(round(sum(parts) * rng.uniform(1.0, 1.12)), 1000 * TENGE)
        if plan is None:
            plan = rng.random() < 0.85
        if plan:
            self.make_plan(rng, agreement, pays)
        return agreement, pays

    def onward(self, rng: Random, payer: Org, performer: Org, signed: int, period_end: int, subject: str, amount: int) -> Agreement:
        """An onward agreement between performers (no payments of the 1 %: it is the first performer's money)."""
        a = self.new_agreement(rng, payer, performer, signed, period_end, T.onward_subject(rng, subject), titles=(subject, subject, subject))
        a.amount = max(100_000, amount // (1000 * TENGE) * (1000 * TENGE))
        return a

    def line(self, pay: Pay) -> tuple[int, int, int, int]:
        return (pay.agreement.payer.id, pay.year, pay.day, pay.amount)

    # -- calendar plans, acts, reports, results ------------------------------------------------

    def make_plan(self, rng: Random, agreement: Agreement, pays: list[Pay], *, groups=None, reports=None) -> Plan:
        """Stages cut from the payments in date order, each accepted by an act signed 0–20 days before its first payment."""
        lc = self.lc
        pays = sorted(pays, key=lambda p: (p.day, p.id))
        if groups is None:
            n = len(pays)
            k = min(n, rng.choice((1, 2, 2, 3)))
            cuts = sorted(rng.sample(range(1, n), k - 1)) if k > 1 else []
            groups, last = [], 0
            for cut in [*cuts, n]:
                groups.append(pays[last:cut])
                last = cut
        stages, previous_end = [], agreement.signed_on - 1
        for i, group in enumerate(groups):
            first = min(p.day for p in group)
            act_day = self.workday(rng, max(agreement.signed_on, first - 20), first) if first > agreement.signed_on else first
            act_day = min(act_day, first)
            start = min(previous_end + 1, act_day)
            lc.stage_id += 1
            amount = sum(p.amount for p in group)
            stage = PlanStage(lc.stage_id, agreement.id, i + 1, start, max(start, act_day), amount, "accepted", payments=[(p.day, p.amount, p.id) for p in group])
            lc.act_id += 1
            stage.act = [lc.act_id, f"АКТ-{day_of(act_day).year}/{lc.act_id:06d}", act_day, amount]
            for p in group:
                lc.payment_stage[p.id] = stage.id
            report = (reports or {}).get(i)
            if report is not None:  # a report of its own (NK-38): its act carries the same file
                self.stage_texts[stage.id] = report
                self.act_reports[lc.act_id] = (f"act-{lc.act_id}.pdf", report[3])
            stages.append(stage)
            previous_end = stage.end
        plan = Plan(agreement, stages, sum(p.amount for p in pays))
        lc.plans[agreement.id] = plan
        self.plans.append(plan)
        return plan

    def stage_text(self, stage: PlanStage) -> tuple:
        """A stage's (title, deliverables, report name, report SHA-256, size): its own, else the country's."""
        return self.stage_texts.get(stage.id) or (f"Этап {stage.number}", "Научно-технический отчёт этапа", f"report-{stage.id}.pdf", lifecycle._sha("stage", stage.id), 250_000)

    def add_result(self, rng: Random, project: Project, kind: str, title: str, year: int, *, evidence=None, patent: str = "", doi: str = "", status: str | None = None,
                   stage: int | None = None, achieved: int | None = None, implemented_at: str = "", effect: str | None = None) -> tuple:
        rows = self.lc.rows["result"]
        rid = len(rows) + 1
        note, ref, name, sha = evidence if evidence is not None else ("", doi and f"https://doi.org/{doi}" or patent, f"evidence-{rid}.pdf", _sha("wide-evidence", rid))
        day = achieved or min(AS_OF_ORD - 5, project.end + rng.randint(5, 60))
        status = status or ("verified" if rng.random() < 0.4 else "claimed")
        row = (
            rid, f"РЕЗ-{year}-{rid:06d}", project.id, stage, kind, title[:500], year, day_of(day) if kind in ("patent", "implementation") else None, None, "",
            "kazpatent" if kind == "patent" else "", patent, doi, rng.choice(("scopus", "wos", "rsci")) if kind == "publication" else "", implemented_at, effect, None, None,
            note, ref, name, sha, rng.randint(90_000, 4_000_000) if sha else None, status, _at(day), _at(day + 30) if status != "claimed" else None, "",
        )
        rows.append(row)
        return row

    # -- labels ----------------------------------------------------------------------------------

    def label(self, code: str, subject_type: str, subject: dict, detail: dict) -> None:
        self.world.problems.append(Problem(code, subject_type, subject, detail))
        self.counts.events[code] += 1

    @staticmethod
    def agreement_subject(a: Agreement) -> dict:
        return {"agreement_id": a.id, "agreement_number": a.number, "payer_id": a.payer.id, "payer_bin": a.payer.bin,
                "performer_id": a.performer.id, "performer_bin": a.performer.bin}

    @staticmethod
    def payment_subject(p: Pay) -> dict:
        a = p.agreement
        return {"payment_id": p.id, "document_number": doc_text(p.doc), "paid_on": _iso(p.day), "amount": money(p.amount), "payer_id": a.payer.id,
                "payer_bin": a.payer.bin, "agreement_id": a.id, "agreement_number": a.number, "right_id": p.right.id, "right_number": p.right.number,
                "performer_id": a.performer.id, "performer_bin": a.performer.bin}

    def project_subject(self, project: Project) -> dict:
        return lifecycle._project_subject(project, self.agreements_of[project.id])

    @staticmethod
    def payer_year(payer: Org, year: int) -> dict:
        return {"payer_id": payer.id, "payer_bin": payer.bin, "year": year}

    def pick_slot(self, rng: Random, *, years=None, exclude_payers=(), min_obligation: int = 0, used=None) -> Slot | None:
        for _ in range(60):
            slot = rng.choice(self.slots)
            if years is not None and slot.year not in years:
                continue
            if slot.payer.id in exclude_payers or slot.ry.obligation < min_obligation:
                continue
            if used is not None and (slot.payer.id, slot.year) in used:
                continue
            if (slot.payer.id, slot.year) in self.dumps:
                continue
            return slot
        return None

    def events(self, rate: float, floor: int) -> int:
        return max(floor, round(rate * self.base_agreements))


# -- NK-27, NK-28, NK-29: splitting ---------------------------------------------------------------------

def _threshold(rng: Random, slot: Slot) -> int:
    """A limit of the payer's size: one of the three largest under 30 % of the year's obligation."""
    if slot.year >= 2026:
        return 10 * MILLION  # from 2026 the programme (and its council approval) is needed from 10 000 000 ₸
    fitting = [t for t in THRESHOLDS if t <= 0.3 * slot.ry.obligation] or [THRESHOLDS[0]]
    return rng.choice(fitting[-3:])


def _under(rng: Random, limit: int, form: str) -> int:
    share = rng.uniform(0.95, 0.9995) if form == "just_under" else rng.uniform(0.80, 0.95)
    return int(limit * share) // TENGE * TENGE - rng.choice((0, 0, 0, 1000 * TENGE, 10_000 * TENGE))


def _split_core(w: Wide, rng: Random, slot: Slot) -> tuple[str, tuple[str, str, str], str, object, float]:
    """The work a split cuts: a specific one (half the time) or a topic as the country writes it."""
    if rng.random() < 0.5:
        work = rng.choice(T.WORKS)
        value = T.work_value(rng, work)
        titles = (T.work_subject(rng, work, value, lead=False), T.work_subject(rng, work, value, lang="kk", lead=False), T.work_subject(rng, work, value, lang="en", lead=False))
        return titles[0], titles, "specific_work", work, value
    _subject, titles, _direction, _sector = w.carrier(rng, slot.payer, slot.right)
    return titles[0], titles, "topic", None, 0.0


def _split_subjects(rng: Random, core: str, work, value: float, k: int) -> tuple[list[str], str]:
    form = rng.choice(("stages", "subtasks", "same_text", "reworded"))
    out = []
    for i in range(k):
        if form == "stages":
            out.append(rng.choice(("{w}. Этап {k}", "{w} (этап {k})", "{w} — {k}-я очередь")).format(w=core, k=i + 1))
        elif form == "subtasks":
            out.append(f"{core}: {T.STAGE_TASKS[min(len(T.STAGE_TASKS) - 1, i + (1 if k < 4 else 0))][0].lower()}")
        elif form == "same_text":
            out.append(f"Выполнение научно-исследовательских работ по теме «{core}»")
        elif work is not None:
            out.append(T.reword(rng, T.work_subject(rng, work, value, variant=i % 2), changes=1 + i % 2))
        else:
            out.append(T.reword(rng, core, changes=1 + i % 2) + ("" if i == 0 else f" ({i + 1})"))
    return out, form


def split_agreements(w: Wide) -> None:
    """NK-27: one work cut into agreements of one payer with one performer, each just under a limit."""
    rng = w.stream("split_agreements")
    for _ in range(w.events(0.002, 4)):
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        limit = _threshold(rng, slot)
        k = rng.choice((2, 3, 3, 4, 5))
        amount_form = rng.choice(("just_under", "just_under", "under_margin"))
        window = rng.choice(("same_day", "consecutive_days", "within_month", "within_month"))
        first = w.signing(rng, slot, performer, allow_2026=True)
        days = [first]
        for i in range(1, k):
            if window == "same_day":
                days.append(first)
            elif window == "consecutive_days":
                days.append(days[-1] + 1 + (2 if day_of(days[-1]).weekday() == 4 else 0))
            else:
                days.append(first + rng.randint(2, 30))
        days.sort()
        core, titles, core_kind, work, value = _split_core(w, rng, slot)
        subjects, subject_form = _split_subjects(rng, core, work, value, k)
        prices = [_under(rng, limit, amount_form) for _ in range(k)]
        planned = []
        for signed, price in zip(days, prices):
            lo = max(signed + 5, slot.lo)
            n = rng.choice((1, 1, 2))
            pays = w.workdays(rng, lo, slot.hi, n, gap=8)
            parts = w.amounts(rng, price, n, whole=True) if n > 1 else [price]
            planned.append((signed, price, pays, parts))
        if not w.fits([(slot.payer.id, slot.year, d, a) for _s, _p, pays, parts in planned for d, a in zip(pays, parts)]):
            continue
        project = None
        made = []
        for (signed, price, pays, parts), subject in zip(planned, subjects):
            a, _p = w.rd_agreement(rng, slot, performer, price, len(pays), subject=subject, titles=titles, signed=signed, days=pays, amounts=parts, amount=price, project=project)
            project = a.project
            made.append(a)
        total = sum(a.amount for a in made)
        for a in made:
            w.label("split_agreements", "agreement", w.agreement_subject(a), {
                "threshold": money(limit), "parts": len(made), "total": money(total), "amount_form": amount_form, "window": window,
                "window_days": max(days) - min(days), "subject_form": subject_form, "work": core_kind, "agreement_ids": [x.id for x in made],
            })


def split_payments(w: Wide) -> None:
    """NK-28: one obligation (one stage's act) paid in parts each just under a payment limit, on the same or nearby days."""
    rng = w.stream("split_payments")
    limits = tuple(x * MILLION for x in (5, 10, 20, 50, 100, 200, 500, 1000))
    for _ in range(w.events(0.002, 5)):
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        fitting = [x for x in limits if x <= 0.15 * slot.ry.obligation] or [limits[0]]
        limit = rng.choice(fitting[-3:])
        k = rng.choice((2, 2, 3, 3, 4, 5))
        form = rng.choice(("just_under", "just_under", "under_margin", "with_remainder"))
        timing = rng.choice(("same_day", "same_day", "consecutive_days", "within_week"))
        parts = []
        for i in range(k):
            if form == "with_remainder" and i == k - 1:
                parts.append(int(limit * rng.uniform(0.2, 0.7)) + rng.randint(0, 99))
            else:
                parts.append(int(limit * (rng.uniform(0.97, 0.9999) if form != "under_margin" else rng.uniform(0.85, 0.97))) // TENGE * TENGE + rng.randint(0, 99))
        signed = w.signing(rng, slot, performer)
        start = w.workday(rng, max(signed + 30, slot.lo), slot.hi - 12)
        days = [start]
        for _i in range(1, k):
            if timing == "same_day":
                days.append(start)
            elif timing == "consecutive_days":
                days.append(w.next_workday(days[-1] + 1))
            else:
                days.append(w.next_workday(start + rng.randint(1, 6)))
        days.sort()
        other_n = rng.choice((1, 2))
        other_days = w.workdays(rng, max(signed, slot.lo), slot.hi, other_n, gap=10)
        other = w.amounts(rng, int(sum(parts) * rng.uniform(0.4, 1.2)), other_n)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days + other_days, parts + other)]):
            continue
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days + other_days):
            continue
        agreement, normal = w.rd_agreement(rng, slot, performer, sum(other), other_n, signed=signed, days=other_days, amounts=other, plan=False,
                                           period_end=max(days + other_days) + rng.randint(20, 120))
        purpose = agreement.purposes[1]
        variant = rng.choice(("same_purpose", "part_of", "invoice_parts"))
        split = []
        for i, (d, a) in enumerate(zip(days, parts)):
            text = purpose if variant == "same_purpose" else (f"{purpose} (часть {i + 1} из {k})" if variant == "part_of" else f"{purpose}, счёт № {rng.randint(10, 300)}-{i + 1}")
            split.append(w.add_payment(rng, agreement, slot.right, d, a, purpose=text))
        agreement.amount = _ceil_to(round((sum(parts) + sum(other)) * rng.uniform(1.0, 1.1)), 1000 * TENGE)
        others = sorted(normal, key=lambda p: p.day)
        groups = [g for g in ([p for p in others if p.day < days[0]], split, [p for p in others if p.day >= days[0]]) if g]
        w.make_plan(rng, agreement, others + split, groups=groups)
        for p in split:
            w.label("split_payments", "payment", w.payment_subject(p), {
                "limit": money(limit), "parts": k, "total": money(sum(parts)), "form": form, "timing": timing, "purpose_form": variant,
                "payment_ids": [x.id for x in split],
            })


def _group_performers(w: Wide, rng: Random, slot: Slot, n: int) -> tuple[list[Org], str] | None:
    """Performers of one group (owner or a shared person) eligible for the slot and outside the payer's group."""
    key = ("groups", slot.ry.regime, slot.year)
    groups = w.pool_cache.get(key)
    if groups is None:
        by_top: dict[int, list[Org]] = defaultdict(list)
        jan1 = date(slot.year, 1, 1).toordinal()
        for p in w.pool(slot.ry.regime, slot.year):
            by_top[w.top(p.id, jan1)].append(p)
        groups = w.pool_cache[key] = sorted((t, m) for t, m in by_top.items() if len(m) >= 2 and t not in {x.id for x in m})
    for _top, members in groups:
        if rng.random() < 0.5:
            fit = [m for m in members if not w.banned(slot.payer.id, m.id, slot.year, slot.lo)]
            if len(fit) >= 2:
                return fit[:n], "common_owner"
    return None


def split_across_group(w: Wide) -> None:
    """NK-29: the same work given to several performers of one group (a common owner, founder or director), each under the limit."""
    rng = w.stream("split_across_group")
    for _ in range(w.events(0.0015, 3)):
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None:
            continue
        k = rng.choice((2, 3, 3, 4))
        found = _group_performers(w, rng, slot, k)
        if found is not None:
            members, link = found
        else:
            # a new group: companies of one founder (or one director), or held by one holding company
            link = rng.choice(("common_founder", "common_director", "owner"))
            registered = date(slot.year - rng.randint(2, 9), rng.randint(1, 12), rng.randint(1, 28))
            members = []
            for _i in range(k):
                reg = registered + timedelta(days=rng.randint(0, 500))
                c = w.company(rng, registered=reg, core=rng.choice(("service", "tech")), tech=rng.random() < 0.3)
                w.supplier(rng, c, reg + timedelta(days=rng.randint(40, 200)))
                if rng.random() < 0.4:
                    w.accredit(rng, c, reg + timedelta(days=rng.randint(200, 700)))
                members.append(c)
            note_person = w.names.person()
            if link == "owner":
                holding = w.company(rng, registered=registered - timedelta(days=rng.randint(100, 900)), core="service", oked=rng.choice(("70.10.0", "64.20.0")), performer=False)
                for c in members:
                    w.add_edge(holding, c, "owner", c.registered_on + timedelta(days=rng.randint(0, 60)), share=rng.choice(("100.000", "100.000", f"{rng.randint(51_000, 99_000) / 1000:.3f}")))
            else:
                for c in members[1:]:
                    w.add_edge(members[0], c, link, max(members[0].registered_on, c.registered_on), note=("Общий учредитель: " if link == "common_founder" else "Общий руководитель: ") + note_person)
            members = [c for c in members if all(w.eligible(c, slot.ry.regime, d) for d in (slot.lo, slot.hi))]
            if len(members) < 2:
                continue
        limit = _threshold(rng, slot)
        core, _titles, core_kind, work, value = _split_core(w, rng, slot)
        subjects, subject_form = _split_subjects(rng, core, work, value, len(members))
        first = w.signing(rng, slot, max(members, key=lambda m: m.registered_on))
        made = []
        planned = []
        for i, (performer, subject) in enumerate(zip(members, subjects)):
            signed = first + (0 if i == 0 else rng.randint(0, 45))
            price = _under(rng, limit, rng.choice(("just_under", "under_margin")))
            n = rng.choice((1, 2))
            pays = w.workdays(rng, max(signed + 5, slot.lo), slot.hi, n, gap=8)
            planned.append((performer, subject, signed, price, pays, w.amounts(rng, price, n, whole=True) if n > 1 else [price]))
        if any(not w.eligible(p, slot.ry.regime, d) or w.affiliated(slot.payer.id, p.id, d) for p, _s, _sg, _pr, pays, _a in planned for d in pays):
            continue
        if not w.fits([(slot.payer.id, slot.year, d, a) for *_x, pays, parts in planned for d, a in zip(pays, parts)]):
            continue
        for performer, subject, signed, price, pays, parts in planned:
            a, _p = w.rd_agreement(rng, slot, performer, price, len(pays), subject=subject, signed=signed, days=pays, amounts=parts, amount=price)
            made.append(a)
        total = sum(a.amount for a in made)
        for a in made:
            w.label("split_across_group", "agreement", w.agreement_subject(a), {
                "threshold": money(limit), "parts": len(made), "total": money(total), "group_link": link, "performer_bins": [x.performer.bin for x in made],
                "subject_form": subject_form, "work": core_kind, "agreement_ids": [x.id for x in made], "new_group": found is None,
            })


# -- NK-30, NK-31, NK-32: calendar and amounts ------------------------------------------------------

HOLIDAY_NAMES = {(1, 1): "New Year", (1, 2): "New Year", (1, 7): "Orthodox Christmas", (3, 8): "International Women's Day", (3, 21): "Nauryz",
                 (3, 22): "Nauryz", (3, 23): "Nauryz", (5, 1): "Unity Day", (5, 7): "Defender of the Fatherland Day", (5, 9): "Victory Day",
                 (7, 6): "Capital Day", (8, 30): "Constitution Day", (10, 25): "Republic Day", (12, 1): "First President Day",
                 (12, 16): "Independence Day", (12, 17): "Independence Day"}


def _non_working(rng: Random, lo: int, hi: int, form: str) -> int | None:
    lo_d, hi_d = day_of(lo), day_of(hi)
    candidates: list[int] = []
    if form in ("saturday", "sunday"):
        want = 5 if form == "saturday" else 6
        for y in range(lo_d.year, hi_d.year + 1):
            candidates += [d for d in _quiet_weekends(y, want) if lo <= d <= hi]
    elif form == "public_holiday":
        for y in range(lo_d.year, hi_d.year + 1):
            candidates += [h.toordinal() for h in T.HOLIDAYS.get(y, ()) if lo <= h.toordinal() <= hi and h.weekday() < 5]
    else:  # moved_day_off
        for y in range(lo_d.year, hi_d.year + 1):
            candidates += [m.toordinal() for _h, m in T.moved_days_off(y) if lo <= m.toordinal() <= hi]
    return rng.choice(candidates) if candidates else None


_WEEKENDS: dict[tuple[int, int], list[int]] = {}


def _quiet_weekends(year: int, weekday: int) -> list[int]:
    """Saturdays or Sundays of ``year`` ten days or more from any holiday (never a working Saturday moved by decree)."""
    key = (year, weekday)
    if key not in _WEEKENDS:
        first = date(year, 1, 1).toordinal()
        _WEEKENDS[key] = [
            d for d in range(first, date(year, 12, 31).toordinal() + 1)
            if day_of(d).weekday() == weekday and not any(T.is_holiday(day_of(d + k)) for k in range(-10, 11)) and not T.near_uncertain(day_of(d), 10)
        ]
    return _WEEKENDS[key]


def holiday_payments(w: Wide) -> None:
    """NK-30: R&D payments dated on a weekend or a public holiday of Kazakhstan (or the Monday off in its place)."""
    rng = w.stream("holiday_payment")
    for _ in range(w.events(0.003, 6)):
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        signed = w.signing(rng, slot, performer)
        lo = max(signed + 1, slot.lo)
        n_bad = rng.choice((1, 1, 1, 2))
        forms = [rng.choices(("saturday", "sunday", "public_holiday", "moved_day_off"), (30, 25, 35, 10))[0] for _ in range(n_bad)]
        bad = []
        for form in forms:
            d = _non_working(rng, lo, slot.hi, form)
            if d is None:
                d = _non_working(rng, lo, slot.hi, "sunday")
                form = "sunday"
            if d is not None and d not in [b[0] for b in bad]:
                bad.append((d, form))
        if not bad:
            continue
        good = w.workdays(rng, lo, slot.hi, rng.choice((1, 2, 3)), gap=8)
        days = sorted([b[0] for b in bad] + good)
        total = int(slot.ry.obligation * rng.uniform(0.03, 0.12))
        parts = w.amounts(rng, total, len(days))
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]):
            continue
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        agreement, pays = w.rd_agreement(rng, slot, performer, total, len(days), signed=signed, days=days, amounts=parts)
        forms_of = dict(bad)
        for p in pays:
            if p.day in forms_of:
                d = day_of(p.day)
                w.label("holiday_payment", "payment", w.payment_subject(p), {
                    "form": forms_of[p.day], "weekday": d.strftime("%A"), "holiday": HOLIDAY_NAMES.get((d.month, d.day)) if forms_of[p.day] == "public_holiday" else None,
                })


def round_clusters(w: Wide) -> None:
    """NK-31: an agreement paid in a cluster of round amounts, repeated (and clean look-alikes: one round advance)."""
    rng = w.stream("round_cluster")
    units = tuple(x * 1000 * TENGE for x in (100, 250, 500, 1000, 5000, 10_000, 50_000))
    for i in range(w.events(0.002, 5) * 3 // 2):
        clean = i % 3 == 2
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        typical = max(units[0], slot.ry.obligation // 12)
        fitting = [u for u in units if u * 3 <= typical] or [units[0]]
        unit = rng.choice(fitting[-3:])
        signed = w.signing(rng, slot, performer)
        if clean:
            n = rng.randint(2, 5)
            days = w.workdays(rng, max(signed, slot.lo), slot.hi, n, gap=10)
            advance = unit * rng.randint(2, 9)
            rest = w.amounts(rng, int(advance * rng.uniform(1.5, 3)), n - 1)
            parts, form = [advance, *rest], "one_round_advance"
        else:
            form = rng.choice(("all_equal", "repeated_multiples", "round_with_tail"))
            n = rng.randint(3, 8)
            days = w.workdays(rng, max(signed, slot.lo), slot.hi, n, gap=10)
            if form == "all_equal":
                parts = [unit * rng.randint(2, 9)] * n
            elif form == "repeated_multiples":
                choices = [unit * m for m in rng.sample(range(1, 11), 2)]
                parts = [rng.choice(choices) for _ in range(n)]
                parts[1] = parts[0]
            else:
                m = rng.randint(2, 9)
                parts = [unit * rng.choice((m, m, m + 1)) for _ in range(n - 1)] + [unit * m // 3 + rng.randint(1, 999_999)]
        if len(set(days)) < len(days) or not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]):
            continue
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        agreement = w.new_agreement(rng, slot.payer, performer, signed, max(max(days), date(slot.year, 12, 31).toordinal()),
                                    None, right=slot.right)
        pays = [w.add_payment(rng, agreement, slot.right, d, a, k=j, n=len(days), same_amount_ok=True) for j, (d, a) in enumerate(zip(days, parts))]
        agreement.amount = _ceil_to(round(sum(parts) * rng.uniform(1.0, 1.08)), unit)
        if rng.random() < 0.8:
            w.make_plan(rng, agreement, pays)
        if clean:
            w.counts.clean["round_cluster"] += 1
            continue
        w.label("round_cluster", "agreement", w.agreement_subject(agreement), {
            "form": form, "unit": money(unit), "payments": len(parts), "amounts": [money(a) for a in parts], "repeated": max(parts.count(a) for a in parts),
        })


#: Words of a topic a clerk may put otherwise (Russian): the subject stays near its peers' wording.
TOPIC_SWAPS = (("Разработка", "Создание"), ("технологии", "технологического процесса"), ("Исследование", "Изучение"), ("системы", "комплекса"),
               ("для повышения", "в целях повышения"), ("методов", "способов"), ("Повышение", "Увеличение"), ("Создание", "Разработка"))


def price_far_from_peers(w: Wide) -> None:
    """NK-32: an agreement priced many times the agreements of the same subject (by its words), whatever its category."""
    rng = w.stream("price_far_from_text_peers")
    topics = texts.TOPICS
    peers: dict[int, list[tuple[int, int]]] = defaultdict(list)
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    index = {t[3]: i for i, t in enumerate(topics)}
    for a in w.world.agreements[: w.base_agreements]:
        if a.project is None:
            continue
        i = index.get(a.project.titles[0].split(" (", 1)[0])
        if i is not None:
            year = day_of(a.signed_on).year
            peers[i].append((year, a.amount))
            counts[i][year] += 1
    for _ in range(w.events(0.0015, 4)):
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None:
            continue
        focus = slot.payer.focus if slot.payer.focus in texts.SECTOR_MIX else "solid"
        sectors = [s for s, _w in texts.SECTOR_MIX[focus]]
        choices = [i for i, t in enumerate(topics) if t[0] in sectors and sum(counts[i].get(y, 0) for y in range(slot.year - 3, slot.year + 4)) >= 4]
        if not choices:
            continue
        i = rng.choice(choices)
        near = sorted(a for y, a in peers[i] if abs(y - slot.year) <= 3)
        median, p90 = near[len(near) // 2], near[min(len(near) - 1, int(len(near) * 0.9))]
        amount = _ceil_to(int(max(median * rng.uniform(5, 12), p90 * rng.uniform(1.6, 2.5))), 1000 * TENGE)
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        sector, direction, site, ru, kk, en = topics[i]
        region = REGIONS[slot.right.region].name
        where = slot.right.field_names if site else (texts.in_running_text(region.ru), region.kk, region.en)
        form = rng.choice(("reworded", "reworded", "kazakh", "english", "extended", "same_words"))
        if form == "reworded":
            text = ru
            for a_, b_ in rng.sample(TOPIC_SWAPS, 3):
                text = text.replace(a_, b_, 1)
            subject = f"Выполнение научно-исследовательских работ по теме «{text} ({where[0]})»"
        elif form == "kazakh":
            subject = f"«{kk} ({where[1]})» тақырыбы бойынша ғылыми-зерттеу жұмыстарын орындау"
        elif form == "english":
            subject = f"Research work: {en} ({where[2]})"
        elif form == "extended":
            subject = f"{ru} с разработкой технико-экономического обоснования и опытно-промышленным внедрением ({where[0]})"
        else:
            subject = f"Выполнение научно-исследовательских и опытно-конструкторских работ по теме «{ru} ({where[0]})»"
        other_directions = [d for d in ("other", "greentech", "medtech", "agritech") if d != direction]
        new_direction = rng.choice(other_directions) if rng.random() < 0.5 else direction
        paid = min(int(amount * rng.uniform(0.25, 0.6)), int(slot.ry.obligation * rng.uniform(0.3, 0.9)))
        n = rng.randint(2, 4)
        signed = w.signing(rng, slot, performer)
        days = w.workdays(rng, max(signed, slot.lo), slot.hi, n, gap=10)
        parts = w.amounts(rng, paid, n)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]):
            continue
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        titles = (f"{ru} ({where[0]})", f"{kk} ({where[1]})", f"{en} ({where[2]})")
        agreement, _pays = w.rd_agreement(rng, slot, performer, paid, n, subject=subject, titles=titles, signed=signed, days=days, amounts=parts, amount=amount,
                                          direction=new_direction, sector=sector, period_end=date(slot.year + 1, 12, 31).toordinal())
        w.label("price_far_from_text_peers", "agreement", w.agreement_subject(agreement), {
            "form": form, "topic": en, "peers": len(near), "peer_median": money(median), "peer_p90": money(p90), "amount": money(amount),
            "ratio_to_median": round(amount / median, 2), "direction": new_direction, "peers_direction": direction,
        })


# -- NK-33, NK-34, NK-35: double funding ---------------------------------------------------------------

def _same_work_text(rng: Random, work, value: float, form: str) -> str:
    if form == "identical":
        return T.work_subject(rng, work, value)
    if form == "reworded":
        return T.reword(rng, T.work_subject(rng, work, value, variant=1), changes=rng.randint(1, 3))
    if form == "translated_kk":
        return T.work_subject(rng, work, value, lang="kk")
    if form == "translated_en":
        return T.work_subject(rng, work, value, lang="en")
    if form == "transliterated":
        return T.translit(T.work_subject(rng, work, value, variant=rng.randint(0, 1)), system=rng.choice(("gost", "phone")))
    return T.homoglyphs(rng, T.work_subject(rng, work, value), rng.uniform(0.15, 0.5))  # lookalike_letters


SAME_WORK_FORMS = ("identical", "reworded", "reworded", "translated_kk", "translated_en", "transliterated", "lookalike_letters", "first_payers_field_named")


def double_funding(w: Wide) -> None:
    """NK-33: the same work funded by two subsoil users (the second subject reworded, translated, transliterated)."""
    rng = w.stream("double_funding")
    n = w.events(0.002, 4)
    for i in range(n + n // 2):
        clean = i >= n
        first = w.pick_slot(rng)
        if first is None:
            continue
        year2 = first.year + rng.choice((0, 0, 1)) if first.year < 2025 else first.year
        second = None
        for _ in range(30):
            cand = w.pick_slot(rng, years=(year2,))
            if cand is not None and cand.payer.id != first.payer.id and not w.affiliated(first.payer.id, cand.payer.id, cand.lo):
                second = cand
                break
        if second is None:
            continue
        performer = w.performer_for(rng, first)
        if performer is None or w.banned(second.payer.id, performer.id, second.year, second.lo) or not all(
                w.eligible(performer, second.ry.regime, d) for d in (second.lo, second.hi)):
            continue
        work = rng.choice(T.WORKS)
        value = T.work_value(rng, work)
        form = rng.choice(SAME_WORK_FORMS)
        another = rng.random() < 0.15
        performer2 = performer
        if clean:
            # a clean look-alike: the same kind of work for another payer, another figure, another performer
            value2 = T.work_value(rng, work)
            while value2 == value:
                value2 = T.work_value(rng, work)
            performer2 = w.performer_for(rng, second, exclude={performer.id}) or performer
            subject2 = T.work_subject(rng, work, value2)
        elif form == "first_payers_field_named":
            # a study of the first payer's field, sold again as it was: the second subject names that field too
            subject1, titles1, _d, _s = w.carrier(rng, first.payer, first.right)
            subject2 = subject1 if rng.random() < 0.5 else T.reword(rng, subject1, changes=2)
        else:
            subject2 = _same_work_text(rng, work, value, form)
            if another:
                performer2 = w.performer_for(rng, second, exclude={performer.id}) or performer
        price = int(min(first.ry.obligation, second.ry.obligation) * rng.uniform(0.03, 0.15))
        price2 = int(price * rng.uniform(0.8, 1.25))
        n1, n2 = rng.randint(1, 3), rng.randint(1, 3)
        s1 = w.signing(rng, first, performer)
        s2 = max(w.signing(rng, second, performer2, early=False) if second.year == first.year else w.signing(rng, second, performer2), s1 + rng.randint(0, 20))
        d1 = w.workdays(rng, max(s1, first.lo), first.hi, n1, gap=10)
        d2 = w.workdays(rng, max(s2, second.lo), second.hi, n2, gap=10)
        if not d2 or max(d2) > second.hi or min(d2) < s2:
            continue
        p1, p2 = w.amounts(rng, price, n1), w.amounts(rng, price2, n2)
        if not w.fits([(first.payer.id, first.year, d, a) for d, a in zip(d1, p1)] + [(second.payer.id, second.year, d, a) for d, a in zip(d2, p2)]):
            continue
        if any(not w.eligible(performer, first.ry.regime, d) or w.affiliated(first.payer.id, performer.id, d) for d in d1) or any(
                not w.eligible(performer2, second.ry.regime, d) or w.affiliated(second.payer.id, performer2.id, d) for d in d2):
            continue
        titles = (T.work_subject(rng, work, value, lead=False), T.work_subject(rng, work, value, lang="kk", lead=False), T.work_subject(rng, work, value, lang="en", lead=False))
        if form == "first_payers_field_named" and not clean:
            a1, _ = w.rd_agreement(rng, first, performer, price, n1, subject=subject1, titles=titles1, signed=s1, days=d1, amounts=p1)
        else:
            a1, _ = w.rd_agreement(rng, first, performer, price, n1, subject=T.work_subject(rng, work, value), titles=titles, signed=s1, days=d1, amounts=p1)
        a2, _ = w.rd_agreement(rng, second, performer2, price2, n2, subject=subject2, signed=s2, days=d2, amounts=p2,
                               titles=(subject2, subject2, subject2) if not clean else None)
        if clean:
            w.counts.clean["double_funding_two_payers"] += 1
            continue
        months = round((a2.signed_on - a1.signed_on) / 30.4, 1)
        for a, other in ((a1, a2), (a2, a1)):
            w.label("double_funding_two_payers", "agreement", w.agreement_subject(a), {
                "form": form, "role": "first" if a is a1 else "second", "other_agreement_id": other.id, "other_payer_bin": other.payer.bin,
                "same_performer": performer2 is performer, "months_apart": months, "work": work[0],
            })


def same_work_two_rights(w: Wide) -> None:
    """NK-34: the same work reported under two rights of one payer (two agreements, or one agreement registered twice)."""
    rng = w.stream("same_work_two_rights")
    pairs = [(a, b) for key, slots in w.by_payer_year.items() for i, a in enumerate(slots) for b in slots[i + 1:] if key not in w.dumps]
    for _ in range(w.events(0.0015, 4)):
        if not pairs:
            return
        s1, s2 = rng.choice(pairs)
        if rng.random() < 0.5:
            s1, s2 = s2, s1
        performer = w.performer_for(rng, s1)
        if performer is None or not all(w.eligible(performer, s2.ry.regime, d) for d in (s2.lo, s2.hi)):
            continue
        form = rng.choice(("two_agreements_reworded", "same_subject", "number_written_twice", "translated"))
        work = rng.choice(T.WORKS)
        value = T.work_value(rng, work)
        subject1 = T.work_subject(rng, work, value)
        if form == "two_agreements_reworded":
            subject2 = T.reword(rng, T.work_subject(rng, work, value, variant=1))
        elif form == "translated":
            subject2 = T.work_subject(rng, work, value, lang=rng.choice(("kk", "en")))
        else:
            subject2 = subject1
        price = int(min(s1.ry.obligation, s2.ry.obligation) * rng.uniform(0.03, 0.12))
        signed1 = w.signing(rng, s1, performer)
        signed2 = signed1 if form == "number_written_twice" else signed1 + rng.randint(0, 60)
        n1, n2 = rng.randint(1, 3), rng.randint(1, 3)
        d1 = w.workdays(rng, max(signed1, s1.lo), s1.hi, n1, gap=10)
        d2 = w.workdays(rng, max(signed2, s2.lo), s2.hi, n2, gap=10)
        p1, p2 = w.amounts(rng, price, n1), w.amounts(rng, int(price * rng.uniform(0.9, 1.1)), n2)
        lines = [(s1.payer.id, s1.year, d, a) for d, a in zip(d1, p1)] + [(s2.payer.id, s2.year, d, a) for d, a in zip(d2, p2)]
        if not w.fits(lines) or any(w.affiliated(s1.payer.id, performer.id, d) for d in d1 + d2):
            continue
        titles = (T.work_subject(rng, work, value, lead=False), T.work_subject(rng, work, value, lang="kk", lead=False), T.work_subject(rng, work, value, lang="en", lead=False))
        a1, _ = w.rd_agreement(rng, s1, performer, price, n1, subject=subject1, titles=titles, signed=signed1, days=d1, amounts=p1)
        number2 = None
        if form == "number_written_twice":
            number2, _changes = written_differently(rng, a1.number, day_of(signed1))
            number2 = number2.split(" от ")[0].split(" (")[0]
            if number2 == a1.number:
                number2 = a1.number.replace("-", " ", 1)
        a2, _ = w.rd_agreement(rng, s2, performer, sum(p2), n2, subject=subject2, signed=signed2, days=d2, amounts=p2, number=number2,
                               project=a1.project if rng.random() < 0.5 else None, titles=titles)
        a2.amount = a1.amount if form == "number_written_twice" and a1.amount >= sum(p2) else a2.amount
        for a, other, slot in ((a1, a2, s1), (a2, a1, s2)):
            w.label("same_work_two_rights", "agreement", w.agreement_subject(a), {
                "form": form, "other_agreement_id": other.id, "other_agreement_number": other.number, "right_number": slot.right.number,
                "other_right_number": (s2 if slot is s1 else s1).right.number, "year": slot.year,
            })


def direct_and_budget(w: Wide) -> None:
    """NK-35: a transfer to the budget (KBK 401103) reported again as direct R&D spending."""
    rng = w.stream("direct_and_budget")
    transfers = [t for t in w.world.transfer_rows if t[7] is not None]
    rng.shuffle(transfers)
    done = 0
    wanted = max(3, round(0.15 * len(transfers)))
    for tid, payer_id, right_id, order, day, amount, for_year, confirmed_on, _confirmation in transfers:
        if done >= wanted:
            break
        payer = w.world.org_by_id[payer_id]
        same_year = [s for s in w.by_payer_year.get((payer_id, 2026), []) if s.right.id != right_id]
        previous = w.slot_of.get((right_id, 2025))
        form_credit = "another_right_2026" if same_year else ("same_right_previous_year" if previous is not None else None)
        if form_credit is None:
            continue
        slot = rng.choice(same_year) if same_year else previous
        timing = rng.choice(("same_day", "after_confirmation", "days_later"))
        pay_day = day if timing == "same_day" else (confirmed_on if timing == "after_confirmation" else day + rng.randint(2, 20))
        pay_day = w.next_workday(pay_day)  # a payment order is executed on a working day
        if pay_day >= AS_OF_ORD:
            continue
        part = rng.random() < 0.3
        money_ = amount if not part else int(amount * rng.uniform(0.35, 0.65)) // TENGE * TENGE
        kinds = ("aggregator",) if rng.random() < 0.4 else ("research_institute", "university", "company")
        if pay_day > min(AS_OF_ORD - 1, slot.right.end_date.toordinal() if slot.right.end_date else FAR) or (same_year and not slot.lo <= pay_day <= slot.hi):
            continue
        performer = w.performer_for(rng, slot, kinds=kinds, days=(pay_day,)) or w.performer_for(rng, slot, days=(pay_day,))
        if performer is None:
            continue
        for_year_ = 2025 if form_credit == "same_right_previous_year" else None
        if not w.fits([(payer_id, for_year_ or 2026, pay_day, money_)]):
            continue
        number_form = rng.choice(("order_number", "order_number_written_differently", "own_number"))
        if number_form == "order_number":
            doc = order
        elif number_form == "order_number_written_differently":
            doc = written_differently(rng, order, day_of(pay_day))[0]
        else:
            doc = None
        # a framework agreement signed late in 2025, before the transfer (from 2026 one of this size needs a programme)
        signed = w.workday(rng, date(2025, 11, 3).toordinal(), date(2025, 12, 24).toordinal())
        signed = max(signed, performer.registered_on.toordinal() + 1, slot.right.signed_on.toordinal() + 1)
        agreement = w.new_agreement(rng, payer, performer, signed, pay_day + rng.randint(30, 200), None, right=slot.right)
        purpose, purpose_form = T.budget_purpose(rng, order, agreement.number, day_of(pay_day))
        pay = w.add_payment(rng, agreement, slot.right, pay_day, money_, purpose=purpose, for_year=for_year_, doc=doc)
        agreement.amount = _ceil_to(round(money_ * rng.uniform(1.0, 1.1)), 1000 * TENGE)
        done += 1
        w.label("direct_and_budget_same_money", "payment", w.payment_subject(pay), {
            "transfer_id": tid, "transfer_order": order, "transfer_paid_on": _iso(day), "transfer_amount": money(amount), "part": part,
            "credited": form_credit, "timing": timing, "number_form": number_form, "purpose_form": purpose_form,
        })
        if for_year_ is not None and pay.day > _closed_after(for_year_):
            _label_closed(w, pay, "transfer_reported_as_2025_spending")


# -- NK-36, NK-37, NK-38: delivery ------------------------------------------------------------------------

def act_paid_twice(w: Wide) -> None:
    """NK-36: one acceptance act paid twice (two payments each of the act, or a payment and then parts of it again)."""
    rng = w.stream("act_paid_twice")
    n = w.events(0.002, 4)
    for i in range(n + n // 3):
        clean = i >= n  # a clean look-alike: an act paid once, in instalments that add up to it
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        k = rng.choice((2, 3, 3))
        price = int(slot.ry.obligation * rng.uniform(0.04, 0.15))
        stage_amounts = w.amounts(rng, price, k)
        signed = w.signing(rng, slot, performer)
        span = (slot.hi - max(signed, slot.lo)) // (k + 1)
        if span < 25:
            continue
        starts = [max(signed, slot.lo) + 10 + j * span for j in range(k)]
        twice = rng.randrange(k - 1) if k > 1 else 0
        form = "instalments" if clean else rng.choice(("paid_twice_in_full", "paid_twice_in_full", "then_in_parts", "twice_with_difference"))
        stage_pays: list[list[tuple[int, int]]] = []
        for j, (s, amount) in enumerate(zip(starts, stage_amounts)):
            d = w.workday(rng, s, s + min(span - 5, 20))
            if j != twice:
                stage_pays.append([(d, amount)])
                continue
            if form == "instalments":
                parts = w.amounts(rng, amount, rng.randint(2, 3))
                stage_pays.append([(w.workday(rng, d + 12 * m, d + 12 * m + 5), a) for m, a in enumerate(parts)])
            elif form == "paid_twice_in_full":
                stage_pays.append([(d, amount), (w.workday(rng, d + 9, min(slot.hi, d + 120)), amount)])
            elif form == "then_in_parts":
                parts = w.amounts(rng, amount, rng.randint(2, 3))
                stage_pays.append([(d, amount)] + [(w.workday(rng, d + 15 * (m + 1), d + 15 * (m + 1) + 6), a) for m, a in enumerate(parts)])
            else:
                again = amount - int(amount * rng.choice((0.05, 0.1, 0.12 / 1.12))) // TENGE * TENGE
                stage_pays.append([(d, amount), (w.workday(rng, d + 9, min(slot.hi, d + 90)), again)])
        flat = [x for g in stage_pays for x in g]
        if max(d for d, _a in flat) > slot.hi or not w.fits([(slot.payer.id, slot.year, d, a) for d, a in flat]):
            continue
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d, _a in flat):
            continue
        agreement = w.new_agreement(rng, slot.payer, performer, signed, max(max(d for d, _a in flat), date(slot.year, 12, 31).toordinal()), None, right=slot.right)
        groups = []
        for j, g in enumerate(stage_pays):
            pays = []
            for m, (d, a) in enumerate(g):
                purpose = agreement.purposes[min(2, j)]
                if j == twice and m > 0 and not clean:
                    purpose = rng.choice((purpose, f"{purpose}, акт № {rng.randint(1, 90)}", f"Оплата по акту выполненных работ за этап {j + 1}"))
                pays.append(w.add_payment(rng, agreement, slot.right, d, a, purpose=purpose, same_amount_ok=True))
            groups.append(pays)
        agreement.amount = _ceil_to(round(sum(stage_amounts) * rng.uniform(1.0, 1.06)), 1000 * TENGE)
        plan = w.make_plan(rng, agreement, [p for g in groups for p in g], groups=groups)
        act = plan.stages[twice].act
        act[3] = stage_amounts[twice]  # the act accepts the stage once
        plan.stages[twice].amount = stage_amounts[twice]
        if clean:
            w.counts.clean["act_paid_twice"] += 1
            continue
        paid_on_act = sum(p.amount for p in groups[twice])
        w.label("act_paid_twice", "agreement", w.agreement_subject(agreement), {
            "form": form, "act_number": act[1], "act_amount": money(act[3]), "paid_on_act": money(paid_on_act), "payments_on_act": len(groups[twice]),
            "payment_ids": [p.id for p in groups[twice]],
        })


def _clean_results(w: Wide) -> list[tuple]:
    """Results of the country's projects that carry no lifecycle label and hold their evidence."""
    flagged = {p.subject.get("project_id") for p in w.world.problems if p.subject_type == "project"}
    flagged |= {p.detail.get("project_code") for p in w.world.problems if p.code == "completed_without_delivery"}
    out = []
    for r in w.lc.rows["result"]:
        project = w.project_of.get(r[2])
        if project is None or r[2] in flagged or project.code in flagged or r[23] == "rejected" or r[4] not in ("patent", "publication", "implementation"):
            continue
        out.append(r)
    return out


def result_claimed_twice(w: Wide) -> None:
    """NK-37: one result (a patent, an article, an implementation) claimed by two projects."""
    rng = w.stream("result_claimed_twice")
    existing = _clean_results(w)
    for _ in range(w.events(0.0015, 4)):
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None:
            continue
        use_existing = existing and rng.random() < 0.6
        if use_existing:
            original = rng.choice(existing)
            project_a = w.project_of[original[2]]
            performer_a = w.world.org_by_id[project_a.performer_id]
        else:
            original = None
            slot_a = w.pick_slot(rng, years=range(EARLIEST_YEAR, slot.year + 1))
            if slot_a is None:
                continue
            performer_a = w.performer_for(rng, slot_a)
            if performer_a is None:
                continue
        same_performer = rng.random() < 0.7
        performer_b = performer_a if same_performer and performer_a in w.pool(slot.ry.regime, slot.year) and not w.banned(slot.payer.id, performer_a.id, slot.year, slot.lo) else w.performer_for(rng, slot)
        if performer_b is None:
            continue
        if not use_existing:
            work = rng.choice(T.WORKS)
            value = T.work_value(rng, work)
            n = rng.randint(1, 3)
            price = int(slot_a.ry.obligation * rng.uniform(0.03, 0.1))
            signed = w.signing(rng, slot_a, performer_a)
            days = w.workdays(rng, max(signed, slot_a.lo), slot_a.hi, n, gap=10)
            parts = w.amounts(rng, price, n)
            if not w.fits([(slot_a.payer.id, slot_a.year, d, a) for d, a in zip(days, parts)]) or any(
                    not w.eligible(performer_a, slot_a.ry.regime, d) or w.affiliated(slot_a.payer.id, performer_a.id, d) for d in days):
                continue
            a_agr, _ = w.rd_agreement(rng, slot_a, performer_a, price, n, subject=T.work_subject(rng, work, value), signed=signed, days=days, amounts=parts,
                                     period_end=max(days) + rng.randint(20, 200))
            project_a = a_agr.project
            kind = rng.choice(("publication", "publication", "patent", "implementation"))
            title = T.result_title(kind, T.work_subject(rng, work, value, lead=False))
            year = min(day_of(project_a.end).year, AS_OF.year)
            patent = f"KZ {rng.randint(30000, 37999)}" if kind == "patent" else ""
            doi = f"10.{rng.randint(1000, 9999)}/{rng.choice(('j', 'npr', 'kzmr'))}.{year}.{rng.randint(100, 9999)}" if kind == "publication" else ""
            original = w.add_result(rng, project_a, kind, title, year, patent=patent, doi=doi, implemented_at="Объект недропользователя" if kind == "implementation" else "",
                                    effect=money(rng.randint(1, 300) * 100_000_00) if kind == "implementation" else None)
        kind = original[4]
        form = rng.choice({"patent": ("same_patent_number", "same_evidence_file", "reference_written_otherwise"), "publication": ("same_doi", "same_evidence_file", "title_translated", "reference_written_otherwise"),
                           "implementation": ("same_act", "same_evidence_file")}[kind])
        n = rng.randint(1, 3)
        price = int(slot.ry.obligation * rng.uniform(0.03, 0.1))
        signed = max(w.signing(rng, slot, performer_b), project_a.start + 30)
        if signed > slot.hi - 30:
            continue
        days = w.workdays(rng, max(signed, slot.lo), slot.hi, n, gap=10)
        parts = w.amounts(rng, price, n)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(performer_b, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer_b.id, d) for d in days):
            continue
        b_agr, _ = w.rd_agreement(rng, slot, performer_b, price, n, signed=signed, days=days, amounts=parts, period_end=max(days) + rng.randint(20, 200))
        project_b = b_agr.project
        _rid, _ref, _pid, _stage, _kind, title, year, achieved, _trl, _meth, office, patent, doi, indexing, implemented_at, effect, *_rest = original
        note, ref, name, sha = original[18], original[19], original[20], original[21]
        new_title, new_ref, new_name, new_sha, new_doi, new_patent = title, ref, f"evidence-{len(w.lc.rows['result']) + 1}.pdf", _sha("wide-evidence-b", project_b.id), doi, patent
        if project_a.code in title:
            new_title = title.replace(project_a.code, project_b.code)
        if form == "same_patent_number":
            new_ref = rng.choice((f"Патент № {patent.replace('KZ ', '')}", f"патент РК {patent}", patent.replace(" ", "")))
        elif form == "same_doi":
            new_ref = rng.choice((f"doi:{doi}", f"https://doi.org/{doi.upper()}", f"DOI {doi}"))
        elif form == "same_evidence_file" and sha:
            new_sha, new_name = sha, rng.choice(("Патент_копия.pdf", "публикация.pdf", "evidence.pdf", "akt_vnedreniya.pdf"))
        elif form == "same_evidence_file":  # the original keeps no file: its reference is copied instead
            form = "reference_written_otherwise"
            new_ref = (ref or patent or doi).replace(" ", "").lower() or ref
        elif form == "title_translated":
            new_title = T.translit(title) if rng.random() < 0.3 else title.replace("Статья", "Article").replace("Статья в рецензируемом журнале", "Peer-reviewed article")
            new_ref = ref or (f"https://doi.org/{doi}" if doi else "")
        elif form == "same_act":
            new_ref = rng.choice((ref, f"{ref} (копия)" if ref else "", ref.replace("№ ", "№") if ref else ""))
        elif form == "reference_written_otherwise":
            new_ref = (ref or patent or doi).replace(" ", "").lower() or "KZ" + str(rng.randint(30000, 37999))
        year_b = min(max(year, day_of(signed).year), AS_OF.year)
        w.add_result(rng, project_b, kind, new_title, year_b, evidence=(note, new_ref, new_name, new_sha), patent=new_patent, doi=new_doi,
                     implemented_at=implemented_at, effect=effect)
        for project, other in ((project_a, project_b), (project_b, project_a)):
            w.label("result_claimed_twice", "project", w.project_subject(project), {
                "form": form, "kind": kind, "role": "original" if project is project_a else "copy", "other_project_code": other.code,
                "same_performer": performer_b is performer_a, "original_existing": use_existing,
            })


def stage_report_reused(w: Wide) -> None:
    """NK-38: a stage report handed in again for another project (the same file, or its text near-identical)."""
    rng = w.stream("stage_report_reused")
    plans = [plan for plan in w.lc.plans.values() if plan.agreement.kind != "wide" and plan.agreement.project is not None]
    flagged = {p.subject.get("project_id") for p in w.world.problems if p.subject_type == "project"}

    def base_stage():
        for _t in range(50):
            plan = rng.choice(plans)
            done = [s for s in plan.stages if s.status != "planned"]
            if done and plan.agreement.project.id not in flagged:
                return plan, rng.choice(done)
        return None
    for _ in range(w.events(0.0015, 4)):
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2027))
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        form = rng.choice(("same_file", "same_file", "same_file_at_act", "near_identical_text", "translated_text"))
        picked = base_stage() if form in ("same_file", "same_file_at_act") and plans and rng.random() < 0.6 else None
        if picked is not None:
            plan_a, stage_a = picked
            project_a = plan_a.agreement.project
            sha_a = lifecycle._sha("stage", stage_a.id)
            text_a = "Научно-технический отчёт этапа"
            source = "existing"
        else:
            slot_a = w.pick_slot(rng, years=range(EARLIEST_YEAR, slot.year + 1))
            if slot_a is None:
                continue
            perf_a = w.performer_for(rng, slot_a)
            if perf_a is None:
                continue
            n = rng.randint(2, 3)
            price = int(slot_a.ry.obligation * rng.uniform(0.03, 0.1))
            signed = w.signing(rng, slot_a, perf_a)
            days = w.workdays(rng, max(signed, slot_a.lo), slot_a.hi, n, gap=10)
            parts = w.amounts(rng, price, n)
            if not w.fits([(slot_a.payer.id, slot_a.year, d, a) for d, a in zip(days, parts)]) or any(
                    not w.eligible(perf_a, slot_a.ry.regime, d) or w.affiliated(slot_a.payer.id, perf_a.id, d) for d in days):
                continue
            a_agr, _ = w.rd_agreement(rng, slot_a, perf_a, price, n, signed=signed, days=days, amounts=parts, plan=True)
            plan_a = w.lc.plans[a_agr.id]
            stage_a = rng.choice(plan_a.stages)
            project_a = a_agr.project
            # the report written for it: a title page in a line, its file kept with the stage and its act
            text_a = T.report_text(rng, project_a.titles[0], stage_a.number - 1, len(plan_a.stages))
            sha_a = _sha("wide-stage", stage_a.id)
            w.stage_texts[stage_a.id] = (T.stage_title(stage_a.number - 1, len(plan_a.stages)), text_a,
                                         rng.choice((f"Отчет_этап{stage_a.number}.pdf", f"НТО_{a_agr.number.replace('/', '-')}_э{stage_a.number}.pdf")), sha_a, rng.randint(180_000, 9_000_000))
            w.act_reports[stage_a.act[0]] = (f"act-{stage_a.act[0]}.pdf", sha_a)
            source = "injected"
        n = rng.randint(2, 3)
        price = int(slot.ry.obligation * rng.uniform(0.03, 0.1))
        signed = max(w.signing(rng, slot, performer), stage_a.end + 20)
        if signed > slot.hi - 40:
            continue
        days = w.workdays(rng, max(signed, slot.lo), slot.hi, n, gap=10)
        parts = w.amounts(rng, price, n)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        b_agr, _ = w.rd_agreement(rng, slot, performer, price, n, signed=signed, days=days, amounts=parts, plan=True)
        plan_b = w.lc.plans[b_agr.id]
        stage_b = rng.choice(plan_b.stages)
        title = T.stage_title(stage_b.number - 1, len(plan_b.stages))
        text = T.report_text(rng, b_agr.project.titles[0], stage_b.number - 1, len(plan_b.stages))
        size = rng.randint(180_000, 9_000_000)
        new_name = rng.choice((f"Отчет_{b_agr.number.replace('/', '_')}_этап{stage_b.number}.pdf", "otchet_final.pdf", f"НТО_этап_{stage_b.number}.pdf"))
        if form == "same_file":
            w.stage_texts[stage_b.id] = (title, text_a if source == "injected" and rng.random() < 0.5 else text, new_name, sha_a, size)
            w.act_reports[stage_b.act[0]] = (f"act-{stage_b.act[0]}.pdf", sha_a)
        elif form == "same_file_at_act":
            w.stage_texts[stage_b.id] = (title, text, new_name, _sha("wide-stage-b", stage_b.id), size)
            w.act_reports[stage_b.act[0]] = (rng.choice(("report.pdf", new_name)), sha_a)
        elif form == "near_identical_text":
            # the same report with another title page: pages renumbered, a word or two retyped
            changed = T.reword(rng, text_a, changes=2)
            changed = changed.replace(" с.,", " стр.,") if changed == text_a else changed
            w.stage_texts[stage_b.id] = (title, changed, new_name, _sha("wide-stage-b", stage_b.id), size)
            w.act_reports[stage_b.act[0]] = (f"act-{stage_b.act[0]}.pdf", _sha("wide-stage-b", stage_b.id))
        else:  # translated_text: the same report handed in in Kazakh or English
            lang = rng.choice(("kk", "en"))
            work = project_a.titles[1 if lang == "kk" else 2]
            w.stage_texts[stage_b.id] = (title, T.report_text(rng, work, stage_a.number - 1, len(plan_a.stages), lang=lang), new_name, _sha("wide-stage-b", stage_b.id), size)
            w.act_reports[stage_b.act[0]] = (f"act-{stage_b.act[0]}.pdf", _sha("wide-stage-b", stage_b.id))
        for project, other in ((project_a, b_agr.project), (b_agr.project, project_a)):
            w.label("stage_report_reused", "project", w.project_subject(project), {
                "form": form, "role": "original" if project is project_a else "reuse", "other_project_code": other.code, "source": source,
                "stage_ids": [stage_a.id, stage_b.id],
            })


# -- NK-39, NK-40: crediting ------------------------------------------------------------------------------

def _closed_after(year: int) -> int:
    return date(year + 1, *CLOSE_MONTH_DAY).toordinal()


def _label_closed(w: Wide, pay: Pay, form: str, detail: dict | None = None) -> None:
    w.label("credited_to_closed_year", "payment", w.payment_subject(pay), {
        "form": form, "credited_year": pay.for_year, "closed_on": _iso(_closed_after(pay.for_year)), "days_after_close": pay.day - _closed_after(pay.for_year), **(detail or {}),
    })


def credited_to_closed_year(w: Wide) -> None:
    """NK-39: a payment dated after its year closed, credited back to that year (to cover arrears)."""
    rng = w.stream("credited_to_closed_year")
    shortfalls = [ry for ry in w.shortfalls if ry.year < 2026]
    short_share = {(p.subject["right_id"], p.subject["year"]): p.detail.get("available_share") for p in w.world.problems if p.code == "shortfall"}
    wanted, done = w.events(0.002, 5), 0
    for i in range(4 * wanted):
        if done >= wanted:
            break
        form = "covers_arrears" if (shortfalls and done % 3 != 2) else "year_already_met"
        if form == "covers_arrears":
            ry = shortfalls.pop(rng.randrange(len(shortfalls)))  # one late credit a year: the arrears stay at least 45 %
            share = short_share.get((ry.right.id, ry.year))
            if share is None or share > 0.47:
                continue
            right, year, payer = ry.right, ry.year, ry.right.holder
            amount = int(ry.obligation * (0.55 - share) * rng.uniform(0.3, 0.9)) // TENGE * TENGE + rng.randint(0, 99)
            regime = ry.regime
        else:
            slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2025))
            if slot is None:
                continue
            right, year, payer, regime = slot.right, slot.year, slot.payer, slot.ry.regime
            amount = int(slot.ry.obligation * rng.uniform(0.02, 0.1))
        closed = _closed_after(year)
        late_lo = closed + rng.choice((30, 45, 60, 120))
        late_hi = min(AS_OF_ORD - 1, closed + rng.choice((200, 400, 700)), right.end_date.toordinal() if right.end_date else FAR)
        if late_hi <= late_lo:
            continue
        day = w.workday(rng, late_lo, late_hi)
        if (payer.id, year) in w.dumps or not w.fits([(payer.id, year, day, amount)]):
            continue
        probe = Slot(payer, SimpleNamespace(regime=regime, year=year, right=right, obligation=0), day, day)
        performer = w.performer_for(rng, probe, days=(day,))
        if performer is None or w.banned(payer.id, performer.id, day_of(day).year, day):
            continue
        signed_form = rng.choice(("agreement_of_the_year", "agreement_signed_after"))
        signed = (w.workday(rng, date(year, 3, 1).toordinal(), date(year, 11, 30).toordinal()) if signed_form == "agreement_of_the_year"
                  else w.workday(rng, closed - 60, day - 5))
        signed = max(signed, performer.registered_on.toordinal() + 1, right.signed_on.toordinal() + 1)
        agreement = w.new_agreement(rng, payer, performer, signed, day + rng.randint(10, 120), None, right=right)
        purpose = rng.choice((agreement.purposes[2], f"{agreement.purposes[2]} (в счёт обязательства {year} года)", f"{year} жылғы міндеттеме есебінен: {agreement.purposes[0]}"))
        pay = w.add_payment(rng, agreement, right, day, amount, purpose=purpose, for_year=year)
        agreement.amount = _ceil_to(round(amount * rng.uniform(1.0, 1.1)), 1000 * TENGE)
        _label_closed(w, pay, form, {"agreement_signed": signed_form})
        done += 1


def year_boundary_spread(w: Wide) -> None:
    """NK-40: a year-end dump spread across the New Year (late December and early January, to the same performers)."""
    rng = w.stream("year_boundary_spread")
    for _ in range(w.events(0.0012, 3)):
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None or slot.hi < date(slot.year, 12, 31).toordinal() - 5:
            continue
        payer, year = slot.payer, slot.year
        next_slot = w.slot_of.get((slot.right.id, year + 1))
        credit = rng.choice(("january_credited_back", "january_next_year")) if next_slot is not None else "january_credited_back"
        if (payer.id, year + 1) in w.dumps and credit == "january_next_year":
            continue
        pattern = rng.choice(("last_fortnight_and_first_fortnight", "after_christmas_and_after_new_year", "mid_december_and_january"))
        dec_lo, dec_hi = {"last_fortnight_and_first_fortnight": (17, 31), "after_christmas_and_after_new_year": (24, 31), "mid_december_and_january": (10, 28)}[pattern]
        jan_lo, jan_hi = {"last_fortnight_and_first_fortnight": (3, 16), "after_christmas_and_after_new_year": (3, 12), "mid_december_and_january": (10, 31)}[pattern]
        performers = []
        for _k in range(rng.choice((1, 2, 2, 3))):
            p = w.performer_for(rng, slot, exclude={x.id for x in performers})
            if p is not None:
                performers.append(p)
        if not performers:
            continue
        total, dec = w.total[(payer.id, year)], w.dec[(payer.id, year)]
        if total <= 0:
            continue
        # December up to 50–56 % of the year; with January, the boundary holds 62–80 % of it
        goal_dec = rng.uniform(0.50, 0.56)
        x = max(0, int((goal_dec * total - dec) / (1 - goal_dec)))
        if x < 0.05 * total:
            continue
        goal_spread = rng.uniform(0.62, 0.80)
        if credit == "january_credited_back":
            # (x + j) / (total + x + j) ≥ goal, December (dec + x) / (total + x + j) stays under 60 %
            j = int((goal_spread * (total + x) - x) / (1 - goal_spread))
        else:
            j = int(goal_spread * (total + x) - x)
        if j <= 0:
            continue
        dec_days = [w.workday(rng, date(year, 12, dec_lo).toordinal(), min(slot.hi, date(year, 12, dec_hi).toordinal())) for _ in range(rng.randint(2, 4))]
        jan_days = [w.workday(rng, date(year + 1, 1, jan_lo).toordinal(), date(year + 1, 1, jan_hi).toordinal()) for _ in range(rng.randint(2, 4))]
        dec_parts, jan_parts = w.amounts(rng, x, len(dec_days)), w.amounts(rng, j, len(jan_days))
        for_year = year if credit == "january_credited_back" else None
        lines = [(payer.id, year, d, a) for d, a in zip(dec_days, dec_parts)] + [(payer.id, for_year or year + 1, d, a) for d, a in zip(jan_days, jan_parts)]
        if not w.fits(lines):
            continue
        right_end = min(AS_OF_ORD - 1, slot.right.end_date.toordinal() if slot.right.end_date else FAR)
        if max(jan_days) > right_end:
            continue
        jan_regime = slot.ry.regime if for_year else next_slot.ry.regime
        if any(not w.eligible(p, jan_regime, d) or w.banned(payer.id, p.id, year + 1, d) for p in performers for d in jan_days):
            continue
        if any(not w.eligible(p, slot.ry.regime, d) or w.affiliated(payer.id, p.id, d) for p in performers for d in dec_days):
            continue
        made = []
        for k, p in enumerate(performers):
            mine_dec = [(d, a) for m, (d, a) in enumerate(zip(dec_days, dec_parts)) if m % len(performers) == k]
            mine_jan = [(d, a) for m, (d, a) in enumerate(zip(jan_days, jan_parts)) if m % len(performers) == k]
            if not mine_dec and not mine_jan:
                continue
            signed = w.workday(rng, date(year, 9, 1).toordinal(), date(year, 11, 30).toordinal())
            signed = max(signed, p.registered_on.toordinal() + 1)
            agreement = w.new_agreement(rng, payer, p, signed, date(year + 1, 3, 31).toordinal(), None, right=slot.right)
            pays = [w.add_payment(rng, agreement, slot.right, d, a, k=0, n=3) for d, a in mine_dec]
            pays += [w.add_payment(rng, agreement, (slot.right if for_year else next_slot.right), d, a, for_year=for_year, k=2, n=3) for d, a in mine_jan]
            agreement.amount = _ceil_to(round(sum(p_.amount for p_ in pays) * rng.uniform(1.0, 1.05)), 1000 * TENGE)
            if rng.random() < 0.7:
                w.make_plan(rng, agreement, pays)
            made.append(agreement)
        new_total = w.total[(payer.id, year)]
        w.label("year_boundary_spread", "payer_year", w.payer_year(payer, year), {
            "pattern": pattern, "january": credit, "performers": [p.bin for p in performers], "december_share": round(w.dec[(payer.id, year)] / new_total, 4),
            "spread_amount": money(x + j), "spread_share": round((x + j) / (new_total if for_year else new_total + j), 4), "agreement_ids": [a.id for a in made],
        })


# -- NK-41, NK-42: spending reports and their corrections ------------------------------------------------

SUB_FIELDS = ["id", "reference", "organisation_id", "kind", "period_year", "period_quarter", "filename", "sha256", "size", "status", "supersedes_id",
              "superseded_in_id", "rows", "errors", "warnings", "problems", "created_at", "created_by", "committed_at", "failure_reason"]


class Report:
    """One spending report: its lines ``(agreement, right, day, amount, for_year, doc, purpose)``."""

    def __init__(self, sid: int, payer: Org, year: int, quarter: int | None, received: int, lines: list, filename: str):
        self.id, self.payer, self.year, self.quarter, self.received = sid, payer, year, quarter, received
        self.lines, self.filename = lines, filename
        self.status, self.supersedes, self.superseded_in = "committed", None, None


def _write_reports(w: Wide, rng: Random, reports: list[Report]) -> None:
    """The reports' rows, their payment lines (a superseded report's lines kept, their entries reversed)."""
    for rep in reports:
        counted = rep.status == "committed"
        for agreement, right, day, amount, for_year, doc, purpose in rep.lines:
            pay = w.add_payment(rng, agreement, right, day, amount, purpose=purpose, for_year=for_year, doc=doc, counted=counted, same_amount_ok=not counted)
            w.payment_submission[pay.id] = rep.id
            w.payment_reference[pay.id] = f"SUB-{rep.id}"
            if not counted:
                w.reversals.append((pay.id, rep.superseded_in.id, rep.superseded_in.received + 1))
        created = _at(rep.received, 9)
        reference = f"SUB-{day_of(rep.received).year}-{rep.id:06d}"
        w.submission_rows.append((
            rep.id, reference, rep.payer.id, "spending", rep.year, rep.quarter, rep.filename, _sha("wide-submission", rep.id, rep.payer.bin, rep.filename),
            rng.randint(14_000, 96_000), rep.status, rep.supersedes.id if rep.supersedes else None, rep.superseded_in.id if rep.superseded_in else None,
            len(rep.lines), 0, 0, [], created, f"buh.{rep.payer.bin}", _at(rep.received + rng.choice((0, 0, 1, 2)), 11), "",
        ))


def _report_lines(w: Wide, rng: Random, slot: Slot, n_agreements: int, n_lines: int, last_day: int) -> list[tuple] | None:
    """The year's reported lines under new agreements (registered by the report), dated to ``last_day``."""
    lines = []
    for _ in range(n_agreements):
        performer = w.performer_for(rng, slot)
        if performer is None:
            return None
        signed = w.signing(rng, slot, performer)
        k = max(1, n_lines // n_agreements)
        days = w.workdays(rng, max(signed, slot.lo), min(slot.hi, last_day), k, gap=9)
        if any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            return None
        parts = w.amounts(rng, int(slot.ry.obligation * rng.uniform(0.02, 0.08)), k)
        agreement = w.new_agreement(rng, slot.payer, performer, signed, max(max(days), date(slot.year, 12, 31).toordinal()), None, right=slot.right)
        agreement.amount = _ceil_to(round(sum(parts) * rng.uniform(1.05, 1.2)), 1000 * TENGE)
        for i, (d, a) in enumerate(zip(days, parts)):
            lines.append((agreement, slot.right, d, a, None, w.doc(rng, slot.payer, d), agreement.purposes[min(2, i * 3 // k)]))
    return sorted(lines, key=lambda x: x[2])


def _quarter(day: int) -> int:
    return (day_of(day).month - 1) // 3 + 1


def submissions(w: Wide) -> None:
    """NK-41 and NK-42: spending reports sent through intake — quarterly reports that do not add up to the
    annual one, and corrections that change amounts (the intake keeps no reason for a correction)."""
    rng = w.stream("submissions")
    reports: list[Report] = []
    sid = 0
    used: set[tuple[int, int]] = set()

    def new(payer, year, quarter, received, lines, filename) -> Report:
        nonlocal sid
        sid += 1
        rep = Report(sid, payer, year, quarter, received, lines, filename)
        reports.append(rep)
        return rep

    def supersede(old: Report, new_: Report) -> None:
        old.status, old.superseded_in = "superseded", new_

    n41 = max(3, round(0.05 * len(w.world.subsoil_users)))
    n42 = max(3, round(0.05 * len(w.world.subsoil_users)))
    # NK-41: quarterly reports of 2024 or 2025 and the annual report that replaces them
    made = {True: 0, False: 0}
    for _attempt in range(4 * (n41 + n41 // 2 + 1)):
        if made[False] >= n41 and made[True] >= n41 // 2 + 1:
            break
        clean = made[False] >= n41
        slot = w.pick_slot(rng, years=(2024, 2025), used=used)
        if slot is None:
            continue
        lines = _report_lines(w, rng, slot, rng.randint(2, 3), rng.randint(6, 12), slot.hi)
        if not lines:
            continue
        payer, year = slot.payer, slot.year
        by_q = defaultdict(list)
        for ln in lines:
            by_q[_quarter(ln[2])].append(ln)
        form = rng.choice(("redated_within_year", "consistent")) if clean else rng.choice(
            ("annual_extra_lines", "quarter_lines_dropped", "amount_changed", "quarter_missing", "credited_year_changed", "moved_to_another_right"))
        annual = list(lines)
        quarterly = {q: list(v) for q, v in by_q.items()}
        detail = {}
        if form == "annual_extra_lines":
            extra_agreement = lines[-1][0]
            for _ in range(rng.randint(1, 3)):
                d = w.workday(rng, max(extra_agreement.signed_on, date(year, 10, 1).toordinal()), slot.hi)
                a = int(lines[0][3] * rng.uniform(0.3, 1.5))
                annual.append((extra_agreement, slot.right, d, a, None, w.doc(rng, payer, d), extra_agreement.purposes[2]))
                extra_agreement.amount += _ceil_to(a, 1000 * TENGE)
        elif form == "quarter_lines_dropped":
            dropped = rng.sample(annual, min(len(annual) - 1, rng.randint(1, 2)))
            annual = [ln for ln in annual if ln not in dropped]
        elif form == "amount_changed":
            j = rng.randrange(len(annual))
            ln = annual[j]
            factor = rng.choice((1.12, 1 / 1.12, 10.0, 0.5, 1.3))
            annual[j] = (*ln[:3], int(ln[3] * factor) // TENGE * TENGE + rng.randint(0, 99), *ln[4:])
            if annual[j][3] > ln[3]:
                ln[0].amount += _ceil_to(annual[j][3] - ln[3], 1000 * TENGE)
            detail["changed_by"] = round(factor, 3)
        elif form == "quarter_missing":
            q = rng.choice(sorted(by_q))
            quarterly.pop(q)
            detail["missing_quarter"] = q
        elif form == "credited_year_changed":
            early = [ln for ln in annual if day_of(ln[2]).month <= 3] or annual[:1]
            ln = early[0]
            annual = [x for x in annual if x is not ln]  # credited to the year before in the annual report: left out of this year's
            detail["moved_to_year"] = year - 1
        elif form == "moved_to_another_right":
            others = [s for s in w.by_payer_year.get((payer.id, year), []) if s.right.id != slot.right.id and all(w.eligible(ln[0].performer, s.ry.regime, ln[2]) for ln in annual)]
            if not others:
                form = "amount_changed"
                j = rng.randrange(len(annual))
                ln = annual[j]
                annual[j] = (*ln[:3], int(ln[3] * 1.12) // TENGE * TENGE, *ln[4:])
                ln[0].amount += _ceil_to(annual[j][3] - ln[3], 1000 * TENGE)
            else:
                j = rng.randrange(len(annual))
                annual[j] = (annual[j][0], rng.choice(others).right, *annual[j][2:])
        elif form == "redated_within_year":
            movable = [k for k, ln in enumerate(annual) if day_of(ln[2]).month in (3, 6, 9) and day_of(ln[2]).day >= 20]
            if movable:
                k = movable[0]
                annual[k] = (annual[k][0], annual[k][1], w.workday(rng, annual[k][2] + 8, annual[k][2] + 20), *annual[k][3:])
        counted_lines = [(payer.id, ln[4] or year, ln[2], ln[3]) for ln in annual]
        if not w.fits(counted_lines):
            continue
        used.add((payer.id, year))
        received_q = {q: w.workday(rng, date(year, 3 * q, 28).toordinal() + 10, date(year, 3 * q, 28).toordinal() + 40) for q in quarterly}
        qreps = [new(payer, year, q, received_q[q], sorted(quarterly[q], key=lambda x: x[2]), f"niokr_{year}_Q{q}.xlsx") for q in sorted(quarterly)]
        annual_rep = new(payer, year, None, w.workday(rng, date(year + 1, 2, 1).toordinal(), date(year + 1, 4, 15).toordinal()),
                         sorted(annual, key=lambda x: x[2]), rng.choice((f"Отчет_НИОКР_{year}_годовой.xlsx", f"niokr_{year}_annual.xlsx")))
        for q in qreps:
            supersede(q, annual_rep)
        annual_rep.supersedes = qreps[-1] if qreps else None
        made[clean] += 1
        if clean:
            w.counts.clean["quarterly_annual_mismatch"] += 1
            continue
        q_sum = sum(ln[3] for q in quarterly.values() for ln in q)
        a_sum = sum(ln[3] for ln in annual)
        w.label("quarterly_annual_mismatch", "payer_year", w.payer_year(payer, year), {
            "form": form, "quarterly_total": money(q_sum), "annual_total": money(a_sum), "quarters_reported": sorted(quarterly), **detail,
        })
    # NK-42: a report (annual 2024 or 2025, or a quarter of 2026) corrected, amounts changed, no reason recorded
    made = {True: 0, False: 0}
    for _attempt in range(4 * (n42 + n42 // 2 + 1)):
        if made[False] >= n42 and made[True] >= n42 // 2 + 1:
            break
        clean = made[False] >= n42
        slot = w.pick_slot(rng, years=(2024, 2025, 2026), used=used)
        if slot is None:
            continue
        payer, year = slot.payer, slot.year
        quarter = rng.choice((1, 2)) if year == 2026 else None
        last = date(year, 3 * quarter, 28).toordinal() if quarter else slot.hi
        lines = _report_lines(w, rng, slot, rng.randint(1, 3), rng.randint(3, 9), min(slot.hi, last))
        if not lines:
            continue
        if quarter:
            lines = [ln for ln in lines if _quarter(ln[2]) == quarter and day_of(ln[2]).year == year] or None
            if not lines:
                continue
        form = rng.choice(("text_only", "resubmitted_same")) if clean else rng.choice(("amount_reduced", "lines_removed", "amount_increased", "lines_added", "moved_between_rights", "two_corrections"))
        corrected = list(lines)
        if form == "text_only":
            j = rng.randrange(len(corrected))
            ln = corrected[j]
            corrected[j] = (*ln[:5], doc_text(ln[5]).replace("-", " ", 1), ln[6].rstrip(".") + ".")
        elif form in ("amount_reduced", "two_corrections"):
            j = rng.randrange(len(corrected))
            ln = corrected[j]
            corrected[j] = (*ln[:3], int(ln[3] * rng.uniform(0.3, 0.9)) // TENGE * TENGE, *ln[4:])
        elif form == "lines_removed" and len(corrected) > 1:
            victim = rng.choice(corrected)
            corrected = [ln for ln in corrected if ln is not victim]
        elif form in ("amount_increased", "lines_added", "lines_removed"):
            form = "amount_increased" if form == "lines_removed" else form
            if form == "amount_increased":
                j = rng.randrange(len(corrected))
                ln = corrected[j]
                corrected[j] = (*ln[:3], int(ln[3] * rng.uniform(1.1, 2.5)) // TENGE * TENGE + rng.randint(0, 99), *ln[4:])
                ln[0].amount += _ceil_to(corrected[j][3] - ln[3], 1000 * TENGE)
            else:
                ag = corrected[-1][0]
                d = w.workday(rng, max(ag.signed_on, corrected[-1][2] - 30), min(corrected[-1][2] + 30, last, slot.hi))
                a = int(corrected[0][3] * rng.uniform(0.5, 1.5))
                corrected.append((ag, slot.right, d, a, None, w.doc(rng, payer, d), ag.purposes[1]))
                ag.amount += _ceil_to(a, 1000 * TENGE)
        elif form == "moved_between_rights":
            others = [s for s in w.by_payer_year.get((payer.id, year), []) if s.right.id != slot.right.id and all(w.eligible(ln[0].performer, s.ry.regime, ln[2]) for ln in corrected)]
            if not others:
                continue
            j = rng.randrange(len(corrected))
            corrected[j] = (corrected[j][0], rng.choice(others).right, *corrected[j][2:])
        second = None
        if form == "two_corrections":
            second = list(corrected)
            j = rng.randrange(len(second))
            ln = second[j]
            second[j] = (*ln[:3], int(ln[3] * rng.uniform(1.05, 1.6)) // TENGE * TENGE, *ln[4:])
            ln[0].amount += _ceil_to(second[j][3] - ln[3], 1000 * TENGE)
        final = second or corrected
        if not w.fits([(payer.id, ln[4] or year, ln[2], ln[3]) for ln in final]):
            continue
        used.add((payer.id, year))
        received = (w.workday(rng, last + 15, last + 40) if quarter else w.workday(rng, date(year + 1, 2, 1).toordinal(), date(year + 1, 4, 10).toordinal()))
        if received >= AS_OF_ORD - 60:
            continue
        original = new(payer, year, quarter, received, sorted(lines, key=lambda x: x[2]), f"niokr_{year}{'_Q' + str(quarter) if quarter else ''}.xlsx")
        fix_day = min(AS_OF_ORD - 20, w.workday(rng, received + 20, received + 150))
        fix = new(payer, year, quarter, fix_day, sorted(corrected, key=lambda x: x[2]), f"niokr_{year}{'_Q' + str(quarter) if quarter else ''}_испр.xlsx")
        supersede(original, fix)
        fix.supersedes = original
        if second is not None:
            fix2 = new(payer, year, quarter, min(AS_OF_ORD - 5, w.workday(rng, fix_day + 10, fix_day + 60)), sorted(second, key=lambda x: x[2]),
                       f"niokr_{year}{'_Q' + str(quarter) if quarter else ''}_испр2.xlsx")
            supersede(fix, fix2)
            fix2.supersedes = fix
        made[clean] += 1
        if clean:
            w.counts.clean["correction_without_reason"] += 1
            continue
        before = sum(ln[3] for ln in lines)
        after = sum(ln[3] for ln in final)
        w.label("correction_without_reason", "payer_year", w.payer_year(payer, year), {
            "form": form, "period_quarter": quarter, "reported": money(before), "corrected": money(after), "corrections": 2 if second else 1, "reason": None,
        })
    _write_reports(w, rng, sorted(reports, key=lambda r: r.id))


# -- NK-43: the same payment under other document fields ---------------------------------------------------

def same_payment_other_fields(w: Wide) -> None:
    """NK-43: one payment reported twice — by its order (number, order date) and by the bank (reference, value date)."""
    rng = w.stream("same_payment_other_fields")
    for _ in range(w.events(0.002, 5)):
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        form = rng.choice(("value_date", "value_date", "bank_reference_same_day", "across_new_year", "posting_next_period"))
        n = rng.randint(2, 4)
        signed = w.signing(rng, slot, performer)
        days = w.workdays(rng, max(signed, slot.lo), slot.hi - 20, n, gap=10)
        if form == "across_new_year":
            if slot.year >= 2026 or slot.hi < date(slot.year, 12, 31).toordinal() - 3 or w.slot_of.get((slot.right.id, slot.year + 1)) is None:
                form = "value_date"
            else:
                days[-1] = w.workday(rng, date(slot.year, 12, 18).toordinal(), date(slot.year, 12, 30).toordinal())
        parts = w.amounts(rng, int(slot.ry.obligation * rng.uniform(0.03, 0.1)), n)
        j = len(days) - 1 if form == "across_new_year" else rng.randrange(n)
        if form == "value_date":
            copy_day = w.next_workday(days[j] + rng.choice((1, 1, 2, 3, 4, 5)))
        elif form == "bank_reference_same_day":
            copy_day = days[j]
        elif form == "across_new_year":
            copy_day = w.workday(rng, date(slot.year + 1, 1, 11).toordinal(), date(slot.year + 1, 1, 24).toordinal())
        else:
            copy_day = w.next_workday(days[j] + rng.randint(8, 16))
        copy_credit = None
        right2 = slot.right
        copy_regime = slot.ry.regime
        if form == "across_new_year":
            copy_credit = slot.year if rng.random() < 0.5 else None
            if copy_credit is None:
                right2 = w.slot_of[(slot.right.id, slot.year + 1)].right
                copy_regime = w.slot_of[(slot.right.id, slot.year + 1)].ry.regime
        elif rng.random() < 0.3:
            others = [s for s in w.by_payer_year.get((slot.payer.id, slot.year), []) if s.right.id != slot.right.id and w.eligible(performer, s.ry.regime, copy_day)]
            if others:
                right2 = rng.choice(others).right
        if copy_day > min(AS_OF_ORD - 1, (right2.end_date.toordinal() if right2.end_date else FAR)):
            continue
        lines = [(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)] + [(slot.payer.id, copy_credit or day_of(copy_day).year, copy_day, parts[j])]
        if not w.fits(lines) or any(not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        if not w.eligible(performer, copy_regime, copy_day) or w.banned(slot.payer.id, performer.id, day_of(copy_day).year, copy_day):
            continue
        agreement, pays = w.rd_agreement(rng, slot, performer, sum(parts), n, signed=signed, days=days, amounts=parts, plan=False,
                                         period_end=max(copy_day, date(slot.year, 12, 31).toordinal()) + rng.randint(0, 60))
        original = sorted(pays, key=lambda p: p.day)[j]
        bank_ref = rng.choice((f"{rng.randint(10**9, 10**10 - 1)}", f"REF{rng.randint(10**7, 10**8 - 1)}", f"{rng.randint(100000, 999999)}/{day_of(copy_day):%y}",
                               f"KZ{rng.randint(10, 99)}{rng.randint(10**8, 10**9 - 1)}"))
        copy = w.add_payment(rng, agreement, right2, copy_day, original.amount, purpose=T.bank_purpose(rng, original.purpose, agreement.number, day_of(copy_day)),
                             for_year=copy_credit, doc=bank_ref, same_amount_ok=True)
        if rng.random() < 0.7:
            plan = w.make_plan(rng, agreement, [p for p in pays])
            stage_id = w.lc.payment_stage.get(original.id)
            w.lc.payment_stage[copy.id] = stage_id
            for st in plan.stages:
                if st.id == stage_id:
                    st.payments.append((copy.day, copy.amount, copy.id))
        subject = w.payment_subject(original)
        subject["payment_ids"] = sorted([original.id, copy.id])
        subject["right_ids"] = [original.right.id, copy.right.id]
        subject["right_numbers"] = [original.right.number, copy.right.number]
        del subject["payment_id"], subject["right_id"], subject["right_number"]
        apart = copy.day - original.day
        detail = {"form": form, "original_id": original.id, "copy_id": copy.id, "copy_document_number": bank_ref, "copy_paid_on": _iso(copy.day),
                  "days_apart": apart, "copy_credited_to": copy_credit, "same_right": copy.right is original.right}
        w.label("same_payment_other_fields", "payment", dict(subject), dict(detail))
        if 0 <= apart <= 7:
            # within a week, one payer, one performer, one amount: a duplicate as the country defines it too
            w.label("duplicate_payment", "payment", dict(subject), {**detail, "form": "renumbered", "entered_as": "bank_reference"})


# -- NK-44 … NK-47: who the performer is ---------------------------------------------------------------------

def natural_persons(w: Wide) -> None:
    """NK-44: an individual entrepreneur or a natural person (identified by an IIN) paid as an R&D performer."""
    rng = w.stream("natural_person_performer")
    n = w.events(0.001, 3)
    for i in range(n + max(1, n // 3)):
        clean = i >= n  # a company named after its founder: a legal entity with a BIN
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        who = T.person(rng)
        registered = date(max(2005, slot.year - rng.randint(1, 12)), rng.randint(1, 12), rng.randint(1, 28))
        if clean:
            surname = who["ru"].split()[0]
            names = (f"ТОО «{surname} и партнёры»", f"«{who['kk'].split()[0]} және серіктестері» ЖШС", f"{who['en'].split()[-1]} & Partners LLP")
            org = w.new_org(rng, kind="company", names=names, registered=registered, region=rng.choice(("almaty_city", "astana")), oked="72.19.0")
            form = "company_named_after_a_person"
        else:
            form = rng.choice(("ie_short", "ie_full", "ie_brand", "natural_person", "natural_person"))
            born = date(rng.randint(1958, 1994), rng.randint(1, 12), rng.randint(1, 28))
            number = T.iin(rng, born, who["female"], w.iins)
            org = w.new_org(rng, kind="company", names=T.ie_names(rng, who, form), registered=registered, region=rng.choice(("almaty_city", "astana", "karaganda", "atyrau")),
                            oked="" if form == "natural_person" else rng.choice(("72.19.0", "71.12.0", "74.90.0", "62.01.0")), bin_=number)
        w.supplier(rng, org, registered + timedelta(days=rng.randint(20, 200)))
        for _k in range(rng.randint(1, 3)):
            s = w.pick_slot(rng, years=range(max(EARLIEST_YEAR, registered.year + 1), 2027))
            if s is None or w.banned(s.payer.id, org.id, s.year, s.lo) or not all(w.eligible(org, s.ry.regime, d) for d in (s.lo, s.hi)):
                continue
            big = rng.random() < 0.4
            price = int(s.ry.obligation * (rng.uniform(0.02, 0.08) if big else rng.uniform(0.002, 0.01)))
            price = price if big else min(price, 9_500_000 * TENGE)
            k = rng.randint(1, 4)
            signed = w.signing(rng, s, org)
            days = w.workdays(rng, max(signed, s.lo), s.hi, k, gap=10)
            parts = w.amounts(rng, price, k)
            if not w.fits([(s.payer.id, s.year, d, a) for d, a in zip(days, parts)]) or any(w.affiliated(s.payer.id, org.id, d) for d in days):
                continue
            number = w.agreement_number(rng, s.payer, signed)
            purposes = [T.gph_purpose(rng, number, day_of(signed), m + 1) for m in range(k)]
            agreement, pays = w.rd_agreement(rng, s, org, price, k, signed=signed, days=days, amounts=parts, number=number, purposes=purposes, plan=rng.random() < 0.5)
            if clean:
                w.counts.clean["natural_person_performer"] += 1
                continue
            for p in pays:
                w.label("natural_person_performer", "payment", w.payment_subject(p), {"form": form, "iin": org.bin, "name": org.names[0]})


def _kz_owner(w: Wide, rng: Random, org: Org, share: float, start: date, end: date | None = None) -> None:
    who = T.person(rng)
    born = date(rng.randint(1955, 1990), rng.randint(1, 12), rng.randint(1, 28))
    w.bo_rows.append((org.id, who["ru"], "natural_person", T.iin(rng, born, who["female"], w.iins), "", "KZ", f"{share:.3f}", start, end, rng.choice(T.OWNER_SOURCES)))


def _foreign_owner(w: Wide, rng: Random, org: Org, share: float, start: date, end: date | None, entity: bool = False) -> str:
    if entity:
        name, country, number = rng.choice(T.FOREIGN_ENTITIES)
        w.bo_rows.append((org.id, name, "legal_entity", "", number, country, f"{share:.3f}", start, end, "Сведения о бенефициарных собственниках, представленные организацией"))
    else:
        name, country = rng.choice(T.FOREIGN_PEOPLE)
        w.bo_rows.append((org.id, name, "natural_person", "", f"P{rng.randint(10**6, 10**7 - 1)}", country, f"{share:.3f}", start, end,
                          "Сведения о бенефициарных собственниках, представленные организацией"))
    return country


def beneficial_owners(w: Wide) -> None:
    """NK-45: performers owned abroad (directly, or through a Kazakh holding looked through), with dates; and the
    Kazakh owners of many other organisations (clean)."""
    rng = w.stream("foreign_beneficial_owner")
    domestic = [p for p in w.world.performers if not p.foreign and p.id not in w.special and p.kind in ("company", "hub_participant", "research_institute")]
    # Kazakh owners of half of the domestic performers and of a third of the subsoil users (clean)
    for org in [*domestic, *w.world.subsoil_users]:
        if org.kind in ("subsoil_user", "national_company") and (rng.random() >= 0.33 or org.holding_id is not None):
            continue
        if org.kind not in ("subsoil_user", "national_company") and rng.random() >= 0.5:
            continue
        if w.owner_of.get(org.id):
            continue  # held by a company of the registry: its owners are that company's
        shares = rng.choice(([100.0], [60.0, 40.0], [51.0, 49.0], [34.0, 33.0, 33.0], [75.0, 25.0]))
        for s in shares:
            _kz_owner(w, rng, org, s, org.registered_on + timedelta(days=rng.randint(0, 30)))
    owned = {r[0] for r in w.bo_rows}
    candidates = [p for p in domestic if not w.owner_of.get(p.id) and p.id not in owned]
    rng.shuffle(candidates)
    payments_of: dict[int, int] = defaultdict(int)
    for row in w.world.payment_rows:
        payments_of[row[9]] += 1
    # performers paid less than most (a foreign owner buys a small firm), in a random order
    candidates.sort(key=lambda p: payments_of[p.id])
    candidates = candidates[: max(4, len(candidates) // 2)]
    rng.shuffle(candidates)
    n = max(3, round(0.006 * len(w.world.performers)))
    for i, org in enumerate(candidates[: n + n // 2 + 1]):
        clean = i >= n
        start = date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28))
        if start <= org.registered_on:
            start = org.registered_on + timedelta(days=rng.randint(100, 900))
        end = None if rng.random() < 0.6 else min(AS_OF - timedelta(days=10), start + timedelta(days=rng.randint(365, 1400)))
        if clean:
            form = rng.choice(("minority_foreign", "foreign_through_minority_holding"))
            if form == "minority_foreign":
                share = rng.uniform(5, 24.9)
                _foreign_owner(w, rng, org, share, start, end)
                _kz_owner(w, rng, org, 100 - share, org.registered_on)
            else:
                holding = w.company(rng, registered=start - timedelta(days=rng.randint(200, 2000)), core="service", oked=rng.choice(("70.10.0", "64.20.0")), performer=False)
                w.add_edge(holding, org, "owner", start, end, share=f"{rng.uniform(20, 45):.3f}")
                _foreign_owner(w, rng, holding, rng.uniform(30, 55), holding.registered_on, None, entity=rng.random() < 0.5)
            w.counts.clean["foreign_beneficial_owner"] += 1
            continue
        form = rng.choice(("direct_person", "direct_entity", "through_holding", "through_holding_as_owner_row", "two_levels"))
        if form == "direct_person":
            share = rng.choice((100.0, rng.uniform(26, 99)))
            _foreign_owner(w, rng, org, share, start, end)
            if share < 100:
                _kz_owner(w, rng, org, 100 - share, start)
        elif form == "direct_entity":
            _foreign_owner(w, rng, org, rng.uniform(51, 100), start, end, entity=True)
        else:
            holding = w.company(rng, registered=start - timedelta(days=rng.randint(200, 2000)), core="service", oked=rng.choice(("70.10.0", "64.20.0")), performer=False)
            s1 = rng.uniform(55, 100)
            if form == "through_holding_as_owner_row":
                w.bo_rows.append((org.id, holding.names[0], "legal_entity", holding.bin, "", "KZ", f"{s1:.3f}", start, end, rng.choice(T.OWNER_SOURCES)))
            else:
                w.add_edge(holding, org, "owner", start, end, share=f"{s1:.3f}")
            top = holding
            if form == "two_levels":
                parent = w.company(rng, registered=holding.registered_on - timedelta(days=rng.randint(100, 1500)), core="service", oked="70.10.0", performer=False)
                w.bo_rows.append((holding.id, parent.names[0], "legal_entity", parent.bin, "", "KZ", "100.000", holding.registered_on, None, rng.choice(T.OWNER_SOURCES)))
                top = parent
            _foreign_owner(w, rng, top, rng.uniform(60, 100), top.registered_on, None, entity=rng.random() < 0.4)
        # more money to the performer while it is owned abroad (the data decide the labels)
        for _k in range(rng.randint(1, 2)):
            lo_year, hi_year = max(EARLIEST_YEAR, start.year), min(2026, (end or AS_OF).year)
            s = w.pick_slot(rng, years=range(lo_year, hi_year + 1))
            if s is None or w.banned(s.payer.id, org.id, s.year, s.lo) or not all(w.eligible(org, s.ry.regime, d) for d in (s.lo, s.hi)):
                continue
            lo = max(s.lo, start.toordinal())
            hi = min(s.hi, end.toordinal() if end else s.hi)
            if hi - lo < 20:
                continue
            k = rng.randint(1, 3)
            price = int(s.ry.obligation * rng.uniform(0.02, 0.08))
            signed = max(lo - rng.randint(5, 60), org.registered_on.toordinal() + 1, s.right.signed_on.toordinal() + 1)
            days = w.workdays(rng, max(lo, signed), hi, k, gap=10)
            parts = w.amounts(rng, price, k)
            if not w.fits([(s.payer.id, s.year, d, a) for d, a in zip(days, parts)]) or any(
                    not w.eligible(org, s.ry.regime, d) or w.affiliated(s.payer.id, org.id, d) for d in days):
                continue
            w.rd_agreement(rng, s, org, price, k, signed=signed, days=days, amounts=parts)
        w.counts.events["foreign_beneficial_owner:performers"] += 1


def _foreign_share(w: Wide, org_id: int, day: date, bo_by_org, bin_to_org, depth: int = 0) -> float:
    """The share (per cent) of ``org_id`` held abroad on ``day``, looked through Kazakh legal-entity owners."""
    if depth > 5:
        return 0.0
    share = 0.0
    for _org, _name, kind, identifier, _fid, country, s, start, end, _src in bo_by_org.get(org_id, ()):
        if not (start <= day and (end is None or day <= end)):
            continue
        s = float(s)
        if country != "KZ":
            share += s
        elif kind == "legal_entity" and identifier in bin_to_org:
            share += s / 100 * _foreign_share(w, bin_to_org[identifier], day, bo_by_org, bin_to_org, depth + 1)
    o = day.toordinal()
    for source, lo, hi in w.owner_of.get(org_id, ()):
        if lo <= o <= hi:
            edge_share = w.edge_share.get((source, org_id), 100.0)
            share += edge_share / 100 * _foreign_share(w, source, day, bo_by_org, bin_to_org, depth + 1)
    return share


def _label_foreign_owners(w: Wide) -> None:
    """NK-45 from the data: every payment made while the performer was held abroad for more than 25 %."""
    bo_by_org = defaultdict(list)
    for row in w.bo_rows:
        bo_by_org[row[0]].append(row)
    bin_to_org = {o.bin: o.id for o in w.world.orgs}
    w.edge_share = {}
    for _id, source, target, kind, share, _start, _end, _note in w.world.affiliation_rows:
        if kind == "owner":
            w.edge_share[(source, target)] = float(share) if share else 100.0
    exposed: set[int] = set()
    foreign_orgs = {row[0] for row in w.bo_rows if row[5] != "KZ"}
    frontier = set(foreign_orgs)
    while frontier:
        nxt = set()
        for org in frontier:
            exposed.add(org)
            bin_ = w.world.org_by_id[org].bin
            for row in w.bo_rows:
                if row[3] == bin_ and row[0] not in exposed:
                    nxt.add(row[0])
            for _id, source, target, kind, *_r in w.world.affiliation_rows:
                if kind == "owner" and source == org and target not in exposed:
                    nxt.add(target)
        frontier = nxt
    agreements = {a.id: a for a in w.world.agreements}
    for pid, agreement_id, right_id, day, amount, _purpose, doc, _fy, _fx, performer_id in w.world.payment_rows:
        if performer_id not in exposed or (pid in w.pays and not w.pays[pid].counted):
            continue
        d = day_of(day)
        share = _foreign_share(w, performer_id, d, bo_by_org, bin_to_org)
        if share <= BO_SHARE:
            continue
        a = agreements[agreement_id]
        right = w.rights[right_id]
        subject = {"payment_id": pid, "document_number": doc_text(doc), "paid_on": d.isoformat(), "amount": amount, "payer_id": a.payer.id, "payer_bin": a.payer.bin,
                   "agreement_id": a.id, "agreement_number": a.number, "right_id": right.id, "right_number": right.number, "performer_id": performer_id,
                   "performer_bin": a.performer.bin}
        w.label("foreign_beneficial_owner", "payment", subject, {"foreign_share": round(share, 3), "injected_line": pid in w.pays})


def track_record(w: Wide) -> None:
    """NK-46: a large agreement with a performer that never held an accreditation and never did research before."""
    rng = w.stream("performer_without_track_record")
    n = w.events(0.0015, 4)
    for i in range(n + n // 2):
        clean = i >= n
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR + 1, 2026))
        if slot is None:
            continue
        form = rng.choice(("accredited_before", "small_first")) if clean else rng.choice(
            ("newly_registered", "newly_registered", "dormant", "hub_without_accreditation", "accredited_after_signing", "research_oked"))
        signed_lo = max(date(slot.year - 1, 11, 1).toordinal(), slot.right.signed_on.toordinal() + 1)
        signed = w.workday(rng, signed_lo, min(date(slot.year, 6, 30).toordinal(), slot.hi - 60))
        if form in ("newly_registered", "accredited_before", "research_oked"):
            registered = day_of(signed - rng.randint(40, 330))
        elif form == "hub_without_accreditation":
            registered = day_of(signed - rng.randint(200, 1500))
        else:
            registered = day_of(signed - rng.randint(3 * 365, 9 * 365))
        kind = "hub_participant" if form == "hub_without_accreditation" else "company"
        org = w.company(rng, registered=registered, core=rng.choice(("service", "tech")), tech=kind == "hub_participant" or rng.random() < 0.2, kind=kind,
                        oked="72.19.0" if form == "research_oked" else (rng.choice(("62.01.0", "63.11.0")) if kind == "hub_participant" else None))
        status_from = registered + timedelta(days=rng.randint(15, 35))
        if kind == "hub_participant":
            w.add_status(org, "astana_hub", status_from, None, f"AH-{status_from.year}-{rng.randint(1, 9999):04d}", "Свидетельство участника инновационного кластера «Astana Hub»", "АКФ «Astana Hub»")
            if slot.ry.regime == "LAW2010_SGD" and day_of(signed) < date(2014, 6, 10):
                continue
        else:
            w.supplier(rng, org, status_from)
        if form == "accredited_after_signing":
            w.accredit(rng, org, day_of(signed + rng.randint(30, 180)))
        elif form == "accredited_before":
            w.accredit(rng, org, day_of(max(status_from.toordinal(), signed - rng.randint(20, 200))))
        price = max(LARGE + rng.randint(0, 10**8), int(slot.ry.obligation * rng.uniform(0.05, 0.25)))
        if form == "small_first":
            small_slot = w.pick_slot(rng, years=(slot.year - 1,)) if slot.year - 1 >= EARLIEST_YEAR else None
            s_signed = max(small_slot.lo, status_from.toordinal() + 5) if small_slot is not None else 0
            if small_slot is not None and s_signed + 30 < small_slot.hi:
                d = w.workday(rng, s_signed + 5, small_slot.hi)
                small = rng.randint(2, 9) * MILLION + rng.randint(0, 99)
                if (small_slot.lo <= d <= small_slot.hi and w.eligible(org, small_slot.ry.regime, d) and not w.affiliated(small_slot.payer.id, org.id, d)
                        and w.fits([(small_slot.payer.id, small_slot.year, d, small)])):
                    w.rd_agreement(rng, small_slot, org, small, 1, signed=s_signed, days=[d], amounts=[small])
        k = rng.randint(2, 4)
        days = w.workdays(rng, max(signed + 10, slot.lo), slot.hi, k, gap=10)
        paid = int(min(price, slot.ry.obligation * 0.3) * rng.uniform(0.4, 0.9))
        parts = w.amounts(rng, paid, k)
        if signed < org.registered_on.toordinal() or not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(org, slot.ry.regime, d) or w.affiliated(slot.payer.id, org.id, d) for d in days):
            continue
        agreement, _ = w.rd_agreement(rng, slot, org, paid, k, signed=signed, days=days, amounts=parts, amount=_ceil_to(max(price, paid), 1000 * TENGE))
        if clean:
            w.counts.clean["performer_without_track_record"] += 1
        w.counts.events[f"performer_without_track_record:{form}"] += 1


def _label_track_records(w: Wide) -> None:
    """NK-46 from the data, over every agreement: large, signed from 2013, with a domestic performer that by the
    signing day held no science accreditation ever and had no earlier agreement."""
    first_accredited = {}
    for org in w.world.orgs:
        periods = org.status.get("science_accreditation")
        if periods:
            first_accredited[org.id] = min(a for a, _b in periods)
    earliest: dict[int, int] = {}
    for a in w.world.agreements:
        if a.performer.id not in earliest or a.signed_on < earliest[a.performer.id]:
            earliest[a.performer.id] = a.signed_on
    start, observed, window = date(2013, 1, 1).toordinal(), date(2012, 1, 1), date(2015, 1, 1).toordinal()
    for a in w.world.agreements:
        p = a.performer
        if p.foreign or p.kind in ("state_body", "national_company", "subsoil_user", "aggregator") or a.amount < LARGE or a.signed_on < start:
            continue
        if p.registered_on < observed and a.signed_on < window:
            continue  # the registry's data begin in 2012: an older performer's record before it is unknown
        if first_accredited.get(p.id, FAR) <= a.signed_on or earliest[p.id] < a.signed_on:
            continue
        w.label("performer_without_track_record", "agreement", w.agreement_subject(a), {
            "amount": money(a.amount), "registered_on": p.registered_on.isoformat(), "days_registered": a.signed_on - p.registered_on.toordinal(),
            "performer_kind": p.kind, "injected": a.kind == "wide", "accredited_on": _iso(first_accredited[p.id]) if p.id in first_accredited else None,
        })


def shells(w: Wide) -> None:
    """NK-47: a shell between the payer and the real performer: it passes nearly all the money on, at once, and does no research."""
    rng = w.stream("shell_intermediary")
    n = w.events(0.0015, 4)
    shells_made: list[Org] = []
    real = [p for p in w.world.performers if p.kind in ("research_institute", "university") and p.id not in w.special]
    for i in range(n + n // 2):
        clean = i >= n
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None:
            continue
        if clean:
            form = rng.choice(("aggregator_passes_on", "partial_subcontract"))
            middle = w.performer_for(rng, slot, kinds=("aggregator",) if form == "aggregator_passes_on" else ("research_institute", "university"))
            if middle is None:
                continue
        else:
            form = rng.choice(("new_shell", "new_shell", "reused_shell", "old_company", "split_onward", "pre_arranged"))
            middle = None
            if form == "reused_shell" and shells_made:
                cand = rng.choice(shells_made)
                if all(w.eligible(cand, slot.ry.regime, d) for d in (slot.lo, slot.hi)) and not w.banned(slot.payer.id, cand.id, slot.year, slot.lo):
                    middle = cand
            if middle is None:
                form = "new_shell" if form == "reused_shell" else form
                age = rng.randint(60, 700) if form != "old_company" else rng.randint(5 * 365, 12 * 365)
                registered = day_of(max(slot.lo - age, date(2000, 1, 1).toordinal()))
                middle = w.company(rng, registered=registered, core=rng.choice(("service", "service", "tech")), oked=rng.choice(("70.22.0", "82.99.0", "74.90.0", "72.19.0")))
                w.supplier(rng, middle, registered + timedelta(days=rng.randint(10, 40)))
                shells_made.append(middle)
        signed = w.signing(rng, slot, middle)
        if signed <= middle.registered_on.toordinal() + 20:
            continue
        price = int(slot.ry.obligation * rng.uniform(0.04, 0.15))
        k = rng.randint(1, 3)
        days = w.workdays(rng, max(signed + 3, slot.lo), slot.hi, k, gap=10)
        parts = w.amounts(rng, price, k)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(middle, slot.ry.regime, d) or w.affiliated(slot.payer.id, middle.id, d) for d in days):
            continue
        root, _ = w.rd_agreement(rng, slot, middle, price, k, signed=signed, days=days, amounts=parts, plan=rng.random() < 0.6)
        targets = [p for p in real if p.id != middle.id and not w.affiliated(slot.payer.id, p.id, signed)]
        if not targets:
            continue
        if clean:
            shares = [rng.uniform(0.7, 0.95)] if form == "aggregator_passes_on" else [rng.uniform(0.15, 0.35)]
        elif form == "split_onward":
            total = rng.uniform(0.85, 0.97)
            first = rng.uniform(0.4, 0.6) * total
            shares = [first, total - first]
        else:
            shares = [rng.uniform(0.88, 0.98)]
        onward_days = []
        onward = []
        for share in shares:
            target = rng.choice(targets)
            when = signed - rng.randint(1, 10) if form == "pre_arranged" else min(days) + rng.randint(0, 25)
            when = max(when, target.registered_on.toordinal() + 1, middle.registered_on.toordinal() + 1)
            onward.append(w.onward(rng, middle, target, when, root.period_end, root.subject, int(root.amount * share)))
            onward_days.append(when - signed)
        if clean:
            w.counts.clean["shell_intermediary"] += 1
            continue
        w.label("shell_intermediary", "agreement", w.agreement_subject(root), {
            "form": form, "passed_on_share": round(sum(a.amount for a in onward) / root.amount, 4), "onward_agreement_ids": [a.id for a in onward],
            "real_performer_bins": [a.performer.bin for a in onward], "days_to_onward": onward_days, "shell_registered_on": middle.registered_on.isoformat(),
        })


# -- NK-48, NK-49: circular money ------------------------------------------------------------------------------

def _group_performer(w: Wide, rng: Random, payer: Org, year: int, regime_for_other: str, day: int) -> Org:
    """A performer in ``payer``'s group, eligible for the other payer; a new company of the group when it has none."""
    linked = w.world.affiliated.get(payer.id, {})
    cands = [w.world.org_by_id[pid] for pid, info in linked.items() if info[4] <= day <= info[5] and not non_research(w.world.org_by_id[pid])]
    cands = [c for c in cands if w.eligible(c, regime_for_other, day) and w.affiliated(payer.id, c.id, day)]
    if cands and rng.random() < 0.7:
        return rng.choice(cands)
    registered = date(year - rng.randint(3, 10), rng.randint(1, 12), rng.randint(1, 28))
    c = w.company(rng, registered=registered, core=rng.choice(("service", "tech")))
    w.supplier(rng, c, registered + timedelta(days=rng.randint(20, 150)))
    if rng.random() < 0.5:
        w.accredit(rng, c, registered + timedelta(days=rng.randint(200, 600)))
    link = rng.choice(("owner", "owner", "common_founder", "common_director"))
    if link == "owner":
        w.add_edge(payer, c, "owner", registered + timedelta(days=rng.randint(0, 30)), share=rng.choice(("100.000", f"{rng.randint(51_000, 99_000) / 1000:.3f}")))
    else:
        w.add_edge(payer, c, link, registered + timedelta(days=rng.randint(0, 30)), note=("Общий учредитель: " if link == "common_founder" else "Общий руководитель: ") + w.names.person())
    return c


def reciprocal_groups(w: Wide) -> None:
    """NK-48: two groups paying each other's performers (A's company pays B's performer, B's pays A's)."""
    rng = w.stream("reciprocal_groups")
    for _ in range(w.events(0.001, 3)):
        sa = w.pick_slot(rng)
        if sa is None:
            continue
        year_b = sa.year if rng.random() < 0.6 or sa.year >= 2026 else sa.year + 1
        sb = None
        for _t in range(40):
            c = w.pick_slot(rng, years=(year_b,))
            if c is not None and c.payer.id != sa.payer.id and not w.affiliated(sa.payer.id, c.payer.id, c.lo):
                sb = c
                break
        if sb is None:
            continue
        pa = _group_performer(w, rng, sa.payer, sa.year, sb.ry.regime, sb.lo)
        pb = _group_performer(w, rng, sb.payer, sb.year, sa.ry.regime, sa.lo)
        if pa.id == pb.id or w.affiliated(sa.payer.id, pb.id, sa.lo) or w.affiliated(sb.payer.id, pa.id, sb.lo):
            continue
        if not all(w.eligible(pb, sa.ry.regime, d) for d in (sa.lo, sa.hi)) or not all(w.eligible(pa, sb.ry.regime, d) for d in (sb.lo, sb.hi)):
            continue
        form = rng.choice(("similar_amounts", "similar_amounts", "uneven_amounts", "offset_by_months"))
        price_a = int(min(sa.ry.obligation, sb.ry.obligation) * rng.uniform(0.03, 0.12))
        price_b = int(price_a * (rng.uniform(0.85, 1.15) if form != "uneven_amounts" else rng.uniform(0.3, 0.6)))
        s_a = max(w.signing(rng, sa, pb), pb.registered_on.toordinal() + 30)
        s_b = max(w.signing(rng, sb, pa), pa.registered_on.toordinal() + 30, s_a + (rng.randint(60, 200) if form == "offset_by_months" else rng.randint(0, 30)))
        if s_b > sb.hi - 30 or s_a > sa.hi - 30:
            continue
        ka, kb = rng.randint(1, 3), rng.randint(1, 3)
        da = w.workdays(rng, max(s_a, sa.lo), sa.hi, ka, gap=10)
        db = w.workdays(rng, max(s_b, sb.lo), sb.hi, kb, gap=10)
        pa_parts, pb_parts = w.amounts(rng, price_a, ka), w.amounts(rng, price_b, kb)
        if not w.fits([(sa.payer.id, sa.year, d, a) for d, a in zip(da, pa_parts)] + [(sb.payer.id, sb.year, d, a) for d, a in zip(db, pb_parts)]):
            continue
        if any(w.affiliated(sa.payer.id, pb.id, d) or not w.eligible(pb, sa.ry.regime, d) for d in da) or any(
                w.affiliated(sb.payer.id, pa.id, d) or not w.eligible(pa, sb.ry.regime, d) for d in db):
            continue
        a1, _ = w.rd_agreement(rng, sa, pb, price_a, ka, signed=s_a, days=da, amounts=pa_parts)
        a2, _ = w.rd_agreement(rng, sb, pa, price_b, kb, signed=s_b, days=db, amounts=pb_parts)
        for a, other in ((a1, a2), (a2, a1)):
            w.label("reciprocal_groups", "agreement", w.agreement_subject(a), {
                "form": form, "other_agreement_id": other.id, "other_payer_bin": other.payer.bin, "days_apart": abs(a2.signed_on - a1.signed_on),
                "amount_ratio": round(a2.amount / a1.amount, 3),
            })


def money_returns(w: Wide) -> None:
    """NK-49: money that comes back to the payer's group through a chain of two or more onward agreements."""
    rng = w.stream("money_returns_to_payer_group")
    companies = [p for p in w.world.performers if p.kind in ("company", "hub_participant") and p.id not in w.special]
    n = w.events(0.001, 3)
    for i in range(n + max(1, n // 2)):
        clean = i >= n  # a chain as long that ends outside the payer's group
        slot = w.pick_slot(rng, years=range(EARLIEST_YEAR, 2026))
        if slot is None:
            continue
        first = w.performer_for(rng, slot, kinds=("research_institute", "university", "company", "hub_participant"))
        if first is None:
            continue
        links = rng.choice((2, 2, 3, 4))
        price = int(slot.ry.obligation * rng.uniform(0.04, 0.15))
        k = rng.randint(1, 3)
        signed = w.signing(rng, slot, first)
        days = w.workdays(rng, max(signed, slot.lo), slot.hi, k, gap=10)
        parts = w.amounts(rng, price, k)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(first, slot.ry.regime, d) or w.affiliated(slot.payer.id, first.id, d) for d in days):
            continue
        end_day = min(days) + rng.randint(30, 200)
        if clean:
            last = w.performer_for(rng, slot, exclude={first.id})
            if last is None:
                continue
            link_kind = None
        else:
            last = _group_performer(w, rng, slot.payer, slot.year, slot.ry.regime, end_day)
            top = w.top(slot.payer.id, end_day)
            link_kind = "ownership" if w.top(last.id, end_day) == top else "person"
        root, _ = w.rd_agreement(rng, slot, first, price, k, signed=signed, days=days, amounts=parts)
        chain = [first]
        for _m in range(links - 1):
            middle = None
            if rng.random() < 0.6:
                for cand in rng.sample(companies, min(20, len(companies))):
                    if cand.id not in {first.id, last.id} and cand not in chain and cand.registered_on.toordinal() < signed and not w.affiliated(slot.payer.id, cand.id, end_day):
                        middle = cand
                        break
            if middle is not None:
                chain.append(middle)
            else:
                c = w.company(rng, registered=day_of(signed - rng.randint(100, 2000)), core="service", oked=rng.choice(("70.22.0", "74.90.0", "71.12.0")))
                w.supplier(rng, c, c.registered_on + timedelta(days=20))
                chain.append(c)
        chain.append(last)
        when, amount = min(days), root.amount
        onward = []
        for a_org, b_org in zip(chain, chain[1:]):
            when = max(when + rng.randint(3, 60), b_org.registered_on.toordinal() + 1, a_org.registered_on.toordinal() + 1)
            amount = int(amount * rng.uniform(0.75, 0.97))
            onward.append(w.onward(rng, a_org, b_org, when, max(root.period_end, when + 60), root.subject, amount))
        if clean:
            w.counts.clean["money_returns_to_payer_group"] += 1
            continue
        w.label("money_returns_to_payer_group", "agreement", w.agreement_subject(root), {
            "links": links, "chain_bins": [o.bin for o in chain], "returned_to_bin": last.bin, "link_to_payer": link_kind,
            "returned_share": round(onward[-1].amount / root.amount, 4), "onward_agreement_ids": [a.id for a in onward],
        })


# -- NK-50: a disguised purpose --------------------------------------------------------------------------------

def _cores() -> list[str]:
    return [core.lower() for languages in NON_RD.values() for core_list, _q in languages.values() for core in core_list]


def disguised_purposes(w: Wide) -> None:
    """NK-50: a non-R&D purpose written so that a word list misses it (look-alike letters, Latin transliteration,
    Kazakh Latin, digits for letters, invisible characters, spaced letters); and clean R&D purposes in Latin letters."""
    rng = w.stream("disguised_purpose")
    cores = _cores()
    n = w.events(0.003, 6)
    for i in range(n + n // 3):
        clean = i >= n
        slot = w.pick_slot(rng)
        if slot is None:
            continue
        performer = w.performer_for(rng, slot)
        if performer is None:
            continue
        k = rng.randint(2, 4)
        signed = w.signing(rng, slot, performer)
        days = w.workdays(rng, max(signed, slot.lo), slot.hi, k, gap=10)
        parts = w.amounts(rng, int(slot.ry.obligation * rng.uniform(0.03, 0.1)), k)
        if not w.fits([(slot.payer.id, slot.year, d, a) for d, a in zip(days, parts)]) or any(
                not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d) for d in days):
            continue
        agreement, pays = w.rd_agreement(rng, slot, performer, sum(parts), k, signed=signed, days=days, amounts=parts, plan=False)
        if clean:
            p = rng.choice(pays)
            form = rng.choice(("transliterated", "lookalike_letters"))
            text = T.translit(p.purpose) if form == "transliterated" else T.homoglyphs(rng, p.purpose, 0.3)
            _replace_purpose(w, p, text)
            w.counts.clean["disguised_purpose"] += 1
            continue
        d = w.workday(rng, max(signed, slot.lo), slot.hi)
        plain, category, language = non_rd_purpose(rng, day=day_of(d), agreement_number=agreement.number, agreement_signed=day_of(agreement.signed_on))
        form = T.effective_form(language, rng.choices([f for f, _w in T.DISGUISES], [wt for _f, wt in T.DISGUISES])[0])
        text = T.disguise(rng, plain, language, form)
        for _t in range(5):
            low = text.lower()
            if not [c for c in cores if c in low] and text != plain:
                break
            text = T.disguise(rng, text, language, "lookalike_letters" if language != "en" else "reverse_lookalikes")
        amount = int(sum(parts) * rng.uniform(0.05, 0.3))
        if not w.fits([(slot.payer.id, slot.year, d, amount)]) or not w.eligible(performer, slot.ry.regime, d) or w.affiliated(slot.payer.id, performer.id, d):
            continue
        line = w.add_payment(rng, agreement, slot.right, d, amount, purpose=text[:500])
        agreement.amount = max(agreement.amount, _ceil_to(sum(p.amount for p in agreement.payments), 1000 * TENGE))
        w.label("non_rd_purpose", "payment", w.payment_subject(line), {"purpose": line.purpose, "category": category, "language": language, "disguised": form})
        w.label("disguised_purpose", "payment", w.payment_subject(line), {"form": form, "plain": plain[:500], "category": category, "language": language})


def _replace_purpose(w: Wide, pay: Pay, text: str) -> None:
    pay.purpose = text[:500]
    rows = w.world.payment_rows
    for i in range(len(rows) - 1, -1, -1):
        if rows[i][0] == pay.id:
            r = rows[i]
            rows[i] = (r[0], r[1], r[2], r[3], r[4], pay.purpose, r[6], r[7], r[8], r[9])
            return


#: A Cyrillic letter next to a Latin one inside a word.
MIXED = re.compile(r"[\u0400-\u04ff][A-Za-z]|[A-Za-z][\u0400-\u04ff]")


def _label_base_disguises(w: Wide) -> None:
    """The country's own non-R&D purposes typed with a look-alike letter in a word are disguised too (by the definition)."""
    for p in list(w.world.problems):
        if p.code != "non_rd_purpose" or p.detail.get("disguised"):
            continue
        if MIXED.search(p.detail["purpose"]):
            w.label("disguised_purpose", "payment", dict(p.subject), {"form": "keyboard_slip", "plain": None, "category": p.detail["category"], "language": p.detail["language"]})


# -- collateral labels of the existing codes, from the data --------------------------------------------------------

def _collateral(w: Wide) -> None:
    """Labels of the country's existing codes that the new rows carry (by those codes' definitions)."""
    for a in w.my_agreements:
        paid = sum(p.amount for p in a.payments if isinstance(p, Pay) and p.counted)
        if paid > a.amount:
            w.label("above_agreement_amount", "agreement", w.agreement_subject(a), {
                "amount": money(a.amount), "paid_total": money(paid), "excess": money(paid - a.amount), "excess_share": round((paid - a.amount) / a.amount, 4),
            })
        if a.project is None and a.amount >= MIN_AMOUNT:
            w.label("agreement_without_programme", "agreement", w.agreement_subject(a), {"form": "no_project"})
        elif a.project is not None and a.signed_on >= REQUIRED_FROM and a.amount >= MIN_AMOUNT:
            w.label("agreement_without_programme", "agreement", w.agreement_subject(a), {"form": "no_programme", "signed_on": _iso(a.signed_on)})
    for pay in w.pays.values():
        if not pay.counted:
            continue
        performer = pay.agreement.performer
        if pay.day >= DEDUCTION_FROM and performer.kind in DEDUCTION_KINDS and not w._holds(performer, DEDUCTION_STATUSES, pay.day):
            w.label("tax_deduction_unaccredited", "payment", w.payment_subject(pay), {
                "performer_kind": performer.kind, "rule": "tax_deduction",
                "accreditation_periods": [[_iso(a), None if b == FAR else _iso(b)] for a, b in performer.status.get("science_accreditation", ())],
            })
    twice = {p.subject["agreement_id"] for p in w.world.problems if p.code == "act_paid_twice"}
    for plan in w.plans:
        peak, day, count = peak_excess(plan)
        a = plan.agreement
        if day is not None and peak > round(TOLERANCE * a.amount):
            w.label("paid_beyond_acceptance", "agreement", w.agreement_subject(a), {
                "form": "act_paid_twice" if a.id in twice else "incidental",
                "excess": money(peak), "excess_share": round(peak / a.amount, 4), "peak_on": _iso(day), "payments_beyond": count,
            })


def _finish_projects(w: Wide) -> None:
    """The new projects' status, reached TRL and, for a completed one, a result with its evidence."""
    rng = w.stream("projects")
    done: set[int] = set()
    claimed = {r[2] for r in w.lc.rows["result"]}
    for a in w.my_agreements:
        project = a.project
        if project is None or project.id in done or project.status:
            continue
        done.add(project.id)
        if project.end < AS_OF_ORD:
            project.status = "completed"
            project.trl_reached = project.trl_target
            if project.id not in claimed:
                # as the country records its results: a publication (or a patent) of the project, its evidence
                # a file, a reference or a note
                year = min(day_of(project.end).year, AS_OF.year)
                rid = len(w.lc.rows["result"]) + 1
                kind = "publication" if rng.random() < 0.75 else "patent"
                title = ("Статья в рецензируемом журнале" if kind == "publication" else "Патент на изобретение") + f" по проекту {project.code}"
                w.add_result(rng, project, kind, title, year, evidence=lifecycle._evidence(rng, kind, rid, year),
                             doi=f"10.{1000 + rid % 8999}/niokr.{year}.{rid}" if kind == "publication" else "", patent=f"KZ {30000 + rid}" if kind == "patent" else "")
        else:
            project.status = "in_progress"


def inject_wide(world: World) -> Wide:
    """Inject the wider catalogue's problems into ``world`` (see the module docstring); returns the state,
    also kept as ``world.wide`` for the loader."""
    w = Wide(world)
    world.wide = w
    for family in (
        natural_persons, beneficial_owners, track_record, shells, reciprocal_groups, money_returns,
        split_agreements, split_payments, split_across_group, holiday_payments, round_clusters, price_far_from_peers,
        double_funding, same_work_two_rights, direct_and_budget, act_paid_twice, result_claimed_twice, stage_report_reused,
        credited_to_closed_year, year_boundary_spread, submissions, same_payment_other_fields, disguised_purposes,
    ):
        w.current = family.__name__
        family(w)
    w.current = ""
    _finish_projects(w)
    _collateral(w)
    _label_foreign_owners(w)
    _label_track_records(w)
    _label_base_disguises(w)
    world.problems.sort(key=_problem_key)
    return w


# -- rows for the loader --------------------------------------------------------------------------------------

BO_FIELDS = ["id", "organisation_id", "name", "kind", "identifier", "foreign_identifier", "country", "share", "valid_from", "valid_to", "source"]


def beneficial_owner_rows(world: World):
    w = getattr(world, "wide", None)
    for i, row in enumerate(w.bo_rows if w else (), start=1):
        yield (i, *row)


def submission_rows(world: World):
    w = getattr(world, "wide", None)
    return list(w.submission_rows) if w else []
