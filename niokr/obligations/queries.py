"""Read-side queries of the obligations app, always scoped to the user.

Every figure is a SQL aggregate grouped in the database (``SUM … GROUP BY``); Python only adds up
the few grouped rows (years × mineral groups × regions) into the breakdowns a page shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import pgettext

from niokr.core.choices import Authority, MineralGroup
from niokr.core.reference import label
from niokr.obligations.choices import EntryKind, YearStatus
from niokr.obligations.models import LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.reasons import render_ineligible, render_reason
from niokr.registry.graph import holding_groups, load_edges
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "STATUS_ORDER",
    "SHOWN_STATUS_ORDER",
    "IN_PROGRESS",
    "year_deadline",
    "is_year_open",
    "last_closed_year",
    "shown_status",
    "default_year",
    "FIGURES",
    "Figures",
    "ChannelFigures",
    "GroupFigures",
    "HolderStatus",
    "latest_year",
    "status_label",
    "base_missing_right_years",
    "holder_statuses",
    "scoped_balances",
    "figures_by_year",
    "figures_by_place",
    "figures_by_status",
    "figures_by_channel",
    "figures_by_holder",
    "consolidate_groups",
    "holding_group_figures",
    "PlaceBreakdown",
    "regime_ids",
    "attach_reasons",
    "organisation_totals_by_year",
    "visible_rights_of",
]

ZERO = Decimal("0.00")

# Worst first: the status a subsoil user shows is the worst of its rights' statuses.
STATUS_ORDER = ["unfulfilled", "partly", "base_missing", "fulfilled", "no_obligation", "not_due"]

#: The status a page shows for a right-year of a year still open that is not yet fulfilled
#: (stored as ``unfulfilled`` or ``partly``): its obligation can still be met, so it is no debt yet.
IN_PROGRESS = "in_progress"

#: The statuses as pages show them, worst first: :data:`STATUS_ORDER` with "in progress".
SHOWN_STATUS_ORDER = ["unfulfilled", "partly", "base_missing", IN_PROGRESS, "fulfilled", "no_obligation", "not_due"]

# The money columns of RightYearBalance that add up across rights.
FIGURES = ("obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears")

# --- Open and closed years --------------------------------------------------------------------


def year_deadline(year: int) -> date:
    """The last day on which the obligation of ``year`` can be met: 31 December of the year.

    The engine counts a fulfilment line toward the year it names, else the calendar year of its
    date, and the budget channel's contribution is due within the budget year (NK-14's
    ``deadline_days`` 0); no act with another deadline was retrieved (DOMAIN §7, question 2).
    """
    return date(year, 12, 31)


def today() -> date:
    """Today in the installation's time zone (Asia/Almaty): the day that tells open years from closed ones."""
    return timezone.localdate()


def _today(day: date | None) -> date:
    return day or today()


def is_year_open(year: int, today: date | None = None) -> bool:
    """Whether the obligation of ``year`` can still be met (its deadline has not passed)."""
    return _today(today) <= year_deadline(year)


def last_closed_year(today: date | None = None) -> int:
    """The latest year whose deadline has passed, and not after the last year computed.

    The last year computed is ``NIOKR_CURRENT_YEAR`` when set, else this calendar year
    (:func:`niokr.obligations.services.current_year`).
    """
    from niokr.obligations.services import current_year

    day = _today(today)
    year = day.year if day > year_deadline(day.year) else day.year - 1
    return min(current_year(), year)


def default_year(user, today: date | None = None) -> int | None:
    """The year pages open on: the last closed year (:func:`last_closed_year`), or the latest year
    with balances ``user`` may see when that is earlier; ``None`` when there are no balances."""
    from niokr.obligations.services import FIRST_YEAR

    latest = latest_year(user)
    if latest is None:
        return None
    return max(FIRST_YEAR, min(latest, last_closed_year(today)))


def shown_status(status: str, year: int, today: date | None = None) -> str:
    """The status a page shows: a year still open and not yet fulfilled is :data:`IN_PROGRESS`."""
    if status in (YearStatus.UNFULFILLED, YearStatus.PARTLY) and is_year_open(year, today):
        return IN_PROGRESS
    return status


def _sums() -> dict:
    """The aggregate expressions of :data:`FIGURES` and the counts of right-years.

    ``right_years`` all of them, ``in_arrears`` those with arrears, ``owing`` those with an
    obligation above zero, ``base_missing`` those due whose base was not reported.
    """
    return {
        "right_years": Count("id"),
        "in_arrears": Count("id", filter=Q(arrears__gt=0)),
        "owing": Count("id", filter=Q(obligation__gt=0)),
        "base_missing": Count("id", filter=Q(status=YearStatus.BASE_MISSING)),
        **{f: Sum(f) for f in FIGURES},
    }


@dataclass
class Figures:
    """Totals of right-years: obligation, eligible fulfilment, credits and arrears (KZT).

    ``in_arrears`` counts the right-years with arrears above zero, ``owing`` those with an
    obligation above zero and ``base_missing`` those due whose base was not reported (their
    obligation is unknown). Figures of a year still open (:meth:`in_progress`) hold what is not yet
    fulfilled in ``outstanding`` (and ``in_progress`` right-years), never in ``arrears``.
    """

    right_years: int = 0
    obligation: Decimal = ZERO
    fulfilled: Decimal = ZERO
    ineligible: Decimal = ZERO
    credit_in: Decimal = ZERO
    credit_out: Decimal = ZERO
    arrears: Decimal = ZERO
    in_arrears: int = 0
    owing: int = 0
    base_missing: int = 0
    outstanding: Decimal = ZERO
    in_progress_count: int = 0
    open: bool = False

    _COUNTS = ("right_years", "in_arrears", "owing", "base_missing", "in_progress_count")

    def add(self, row: dict) -> Figures:
        """Add one grouped row (as returned by ``values(...).annotate(**_sums())``)."""
        for name in self._COUNTS:
            setattr(self, name, getattr(self, name) + (row.get(name) or 0))
        for name in (*FIGURES, "outstanding"):
            setattr(self, name, getattr(self, name) + (row.get(name) or ZERO))
        return self

    def merge(self, other: Figures) -> Figures:
        """Add another total (the sum of an open and a closed year's figures is not open)."""
        return self.add({**{c: getattr(other, c) for c in self._COUNTS}, **{f: getattr(other, f) for f in (*FIGURES, "outstanding")}})

    def in_progress(self) -> Figures:
        """These figures as of a year still open: its arrears are ``outstanding``, not debt."""
        self.outstanding += self.arrears
        self.in_progress_count += self.in_arrears
        self.arrears, self.in_arrears, self.open = ZERO, 0, True
        return self

    @property
    def met_percent(self) -> Decimal | None:
        """The share of the obligation met (fulfilment and credit brought forward), in per cent.

        ``(obligation − arrears − outstanding) / obligation × owing / (owing + base_missing)``:
        a right-year whose base was not reported counts as owing the average obligation of the
        right-years with one and as having met none of it, so missing bases always pull the share
        below 100 %. ``None`` when no obligation is known.
        """
        if not self.obligation:
            return None
        share = (self.obligation - self.arrears - self.outstanding) * 100 / self.obligation
        if self.base_missing:
            owing = self.owing or 1
            share = share * owing / (owing + self.base_missing)
        return share.quantize(Decimal("0.1"), rounding=ROUND_DOWN)  # 100.0 only when all is met


@dataclass
class ChannelFigures:
    """Spending reported through one channel for a year, net of reversals, and what was excluded."""

    channel: str
    reported: Decimal = ZERO
    excluded: Decimal = ZERO
    entries: int = 0

    @property
    def net(self) -> Decimal:
        return self.reported - self.excluded


@dataclass
class GroupFigures:
    """A holding group (its root and the visible subsoil users it controls) with consolidated totals."""

    root_id: int
    name_source: Organisation | None = None
    members: list[int] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)


@dataclass(frozen=True)
class HolderStatus:
    """One subsoil user's totals for a year and the worst status among its rights.

    For a year still open, what is not yet fulfilled is ``outstanding`` (``arrears`` is zero) and
    the status of an unfulfilled right is :data:`IN_PROGRESS` (see :func:`shown_status`).
    """

    organisation: Organisation
    rights: int
    obligation: Decimal
    fulfilled: Decimal
    arrears: Decimal
    credit_out: Decimal
    status: str
    status_counts: dict
    year: int = 0
    outstanding: Decimal = ZERO

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def latest_year(user) -> int | None:
    """The latest year with computed balances among the rights ``user`` may see."""
    return RightYearBalance.objects.visible_to(user).aggregate(y=Max("year"))["y"]


def holder_statuses(user, year: int, *, holder_ids=None, today: date | None = None) -> list[HolderStatus]:
    """Each visible subsoil user with its rights' totals and worst status for ``year`` (worst first)."""
    balances = RightYearBalance.objects.visible_to(user).filter(year=year)
    if holder_ids is not None:
        balances = balances.filter(right__holder_id__in=holder_ids)
    rows = balances.values("right__holder_id").annotate(
        n=Count("id"),
        obligation=Sum("obligation"),
        fulfilled=Sum("fulfilled"),
        arrears=Sum("arrears"),
        credit_out=Sum("credit_out"),
        **{f"s_{s}": Count("id", filter=Q(status=s)) for s in STATUS_ORDER},
    )
    by_holder = {r["right__holder_id"]: r for r in rows}
    orgs = Organisation.objects.visible_to(user).in_bulk(list(by_holder))
    open_year = is_year_open(year, today)
    out = []
    for holder_id, r in by_holder.items():
        if holder_id not in orgs:
            continue
        counts: dict[str, int] = {}
        for s in STATUS_ORDER:
            if r[f"s_{s}"]:
                shown = shown_status(s, year, today)
                counts[shown] = counts.get(shown, 0) + r[f"s_{s}"]
        worst = next(s for s in SHOWN_STATUS_ORDER if counts.get(s))
        arrears = r["arrears"] or ZERO
        outstanding = ZERO
        if open_year:
            arrears, outstanding = ZERO, arrears
        out.append(HolderStatus(orgs[holder_id], r["n"], r["obligation"] or ZERO, r["fulfilled"] or ZERO, arrears, r["credit_out"] or ZERO, worst, counts, year, outstanding))
    out.sort(key=lambda h: (SHOWN_STATUS_ORDER.index(h.status), -h.arrears, h.organisation.name_ru))
    return out


def status_label(status: str) -> str:
    """The label of a status as pages show it (:data:`IN_PROGRESS` included), in the active language."""
    if status == IN_PROGRESS:
        return pgettext("year status", "In progress")
    return label(status, enum=YearStatus)


# --- The national dashboard -------------------------------------------------------------------


def scoped_balances(user, *, mineral_group: str = "", region: str = ""):
    """The right-year balances behind the dashboard: visible to ``user``, narrowed by the filters."""
    balances = RightYearBalance.objects.visible_to(user)
    if mineral_group:
        balances = balances.filter(right__mineral_group=mineral_group)
    if region:
        balances = balances.filter(right__region=region)
    return balances


def figures_by_year(balances) -> dict[int, Figures]:
    """Totals per year (one query)."""
    rows = balances.order_by().values("year").annotate(**_sums())
    return {r["year"]: Figures().add(r) for r in sorted(rows, key=lambda r: r["year"])}


@dataclass
class PlaceBreakdown:
    """One year's totals by mineral group, by region (of the right) and by competent authority."""

    by_mineral: dict[str, Figures]
    by_region: dict[str, Figures]
    by_authority: dict[str, Figures]
    total: Figures


def figures_by_place(balances, year: int) -> PlaceBreakdown:
    """One query grouped by mineral group and region; the authority follows from the mineral group."""
    rows = balances.filter(year=year).order_by().values("right__mineral_group", "right__region").annotate(**_sums())
    by_mineral: dict[str, Figures] = defaultdict(Figures)
    by_region: dict[str, Figures] = defaultdict(Figures)
    by_authority: dict[str, Figures] = defaultdict(Figures)
    total = Figures()
    for r in rows:
        mineral = r["right__mineral_group"]
        by_mineral[mineral].add(r)
        by_region[r["right__region"]].add(r)
        by_authority[str(Authority.for_mineral_group(mineral))].add(r)
        total.add(r)
    mineral_order = {m: n for n, m in enumerate(MineralGroup.values)}
    authority_order = {a: n for n, a in enumerate(Authority.values)}
    return PlaceBreakdown(
        by_mineral=dict(sorted(by_mineral.items(), key=lambda kv: mineral_order.get(kv[0], 99))),
        by_region=dict(sorted(by_region.items(), key=lambda kv: (-kv[1].obligation, kv[0]))),
        by_authority=dict(sorted(by_authority.items(), key=lambda kv: authority_order.get(kv[0], 99))),
        total=total,
    )


def figures_by_status(balances, year: int, today: date | None = None) -> dict[str, Figures]:
    """Right-years of ``year`` by status as pages show them, worst first (one query).

    In a year still open the unfulfilled and partly fulfilled right-years are one line,
    :data:`IN_PROGRESS`, whose unmet part is ``outstanding``.
    """
    rows = balances.filter(year=year).order_by().values("status").annotate(**_sums())
    open_year = is_year_open(year, today)
    found: dict[str, Figures] = defaultdict(Figures)
    for r in rows:
        found[shown_status(r["status"], year, today)].add(r)
    if open_year:
        for f in found.values():
            f.in_progress()
    return {s: found[s] for s in SHOWN_STATUS_ORDER if s in found}


SPENDING_KINDS = (EntryKind.DIRECT_SPEND, EntryKind.BUDGET_TRANSFER)


def figures_by_channel(user, year: int, *, mineral_group: str = "", region: str = "") -> dict[str, ChannelFigures]:
    """Direct R&D spending and budget transfers (KBK 401103) posted for ``year``, net of reversals.

    One query over the ledger grouped by channel, kind and the kind a reversal undoes; exclusions
    are reported beside the spending they remove.
    """
    entries = LedgerEntry.objects.visible_to(user).filter(year=year, kind__in=[*SPENDING_KINDS, EntryKind.EXCLUSION, EntryKind.REVERSAL])
    if mineral_group:
        entries = entries.filter(right__mineral_group=mineral_group)
    if region:
        entries = entries.filter(right__region=region)
    rows = entries.order_by().values("channel", "kind", "target_kind").annotate(amount=Sum("amount"), n=Count("id"))
    out: dict[str, ChannelFigures] = {}
    for r in rows:
        if r["target_kind"] == EntryKind.OBLIGATION or not r["channel"]:
            continue
        figures = out.setdefault(r["channel"], ChannelFigures(r["channel"]))
        amount = r["amount"] or ZERO
        sign = -1 if r["kind"] == EntryKind.REVERSAL else 1
        if r["target_kind"] in SPENDING_KINDS:
            figures.reported += sign * amount
            if sign > 0:
                figures.entries += r["n"]
        elif r["target_kind"] == EntryKind.EXCLUSION:
            figures.excluded += sign * amount
    return dict(sorted(out.items()))


def figures_by_holder(balances, year: int) -> dict[int, Figures]:
    """Totals of ``year`` per subsoil user (one query)."""
    rows = balances.filter(year=year).order_by().values("right__holder_id").annotate(**_sums())
    return {r["right__holder_id"]: Figures().add(r) for r in rows}


def consolidate_groups(by_holder: dict[int, Figures], roots: dict[int, int]) -> dict[int, GroupFigures]:
    """Sum holders' figures per holding group (``roots``: organisation → root of its group).

    Holders outside every group are left out: a group has a root and at least one subsoil user.
    """
    groups: dict[int, GroupFigures] = {}
    for holder_id, figures in by_holder.items():
        root = roots.get(holder_id)
        if root is None:
            continue
        group = groups.setdefault(root, GroupFigures(root_id=root))
        group.members.append(holder_id)
        group.figures.merge(figures)
    return groups


def holding_group_figures(user, by_holder: dict[int, Figures], year: int, *, limit: int = 15, extra_ids=()) -> tuple[list[GroupFigures], dict[int, Organisation]]:
    """The holding groups of 31 December of ``year`` with the most arrears, and the names to show.

    Args:
        extra_ids: further organisations whose names the caller shows (fetched in the same query).

    Returns:
        The groups (largest arrears, then obligation, first) and the visible organisations among
        their roots, their members and ``extra_ids``, by id.
    """
    roots = holding_groups(load_edges(), date(year, 12, 31))
    groups = sorted(consolidate_groups(by_holder, roots).values(), key=lambda g: (-g.figures.arrears, -g.figures.obligation, g.root_id))[:limit]
    wanted = {g.root_id for g in groups} | {m for g in groups for m in g.members} | set(extra_ids)
    names = Organisation.objects.visible_to(user).in_bulk(list(wanted)) if wanted else {}
    for group in groups:
        members = sorted(group.members, key=lambda m: -by_holder[m].obligation)
        group.members = members
        group.name_source = names.get(group.root_id) or next((names[m] for m in members if m in names), None)
    return groups, names


# --- Who owes ---------------------------------------------------------------------------------


def base_missing_right_years(balances, year: int, *, limit: int = 100) -> tuple[list[RightYearBalance], int]:
    """The right-years of ``year`` among ``balances`` whose base was not reported (at most ``limit``) and their number.

    One query (a second, the count, only when there are more than ``limit``); the rights and their
    holders come with the rows.
    """
    rows = balances.filter(year=year, status=YearStatus.BASE_MISSING)
    listed = list(rows.select_related("right__holder").order_by("right__holder__name_ru", "right__number")[: limit + 1])
    if len(listed) <= limit:
        return listed, len(listed)
    return listed[:limit], rows.count()


#: The fields of a subsoil user a debtor row carries (its name in the three languages and its BIN).
DEBTOR_NAME_FIELDS = ("right__holder_id", "right__holder__name_ru", "right__holder__name_kk", "right__holder__name_en", "right__holder__bin")


def debtors(balances, *, until: int):
    """Who owes: each subsoil user with arrears or a missing base in the closed years up to ``until``.

    One grouped query over ``balances`` (already scoped to the user): per subsoil user, the sum of
    the arrears of its right-years (each year's shortfall is owed on its own: arrears are not
    carried forward), the number of right-years in arrears, the first and the latest year in
    arrears, the number of right-years whose base was not reported and the first such year, and
    the number of its rights with either. Rows are dictionaries (``values()``), largest arrears
    first, then the most missing bases.
    """
    in_arrears = Q(arrears__gt=0)
    missing = Q(status=YearStatus.BASE_MISSING)
    return (
        balances.filter(year__lte=until)
        .filter(in_arrears | missing)
        .order_by()
        .values(*DEBTOR_NAME_FIELDS)
        .annotate(
            arrears_total=Sum("arrears", default=ZERO),
            years_in_arrears=Count("id", filter=in_arrears),
            since=Min("year", filter=in_arrears),
            latest=Max("year", filter=in_arrears),
            bases_missing=Count("id", filter=missing),
            base_missing_since=Min("year", filter=missing),
            rights=Count("right_id", distinct=True),
        )
        .order_by("-arrears_total", "-bases_missing", "right__holder__name_ru", "right__holder_id")
    )


# --- Pages of one subsoil user and one right --------------------------------------------------


def regime_ids() -> dict[tuple[str, int], int]:
    """``(code, version)`` → primary key of every rule regime (the catalogue is a few rows)."""
    return {(code, version): pk for code, version, pk in RuleRegime.objects.values_list("code", "version", "pk")}


def attach_reasons(balances, language: str, *, regimes: dict[tuple[str, int], int] | None = None) -> list:
    """Set ``reason_texts``, ``ineligible_texts`` and ``regime_pk`` on each balance.

    Reasons are rendered in ``language``; ``regime_pk`` is the regime version the balance names
    (looked up in ``regimes``, see :func:`regime_ids`).
    """
    balances = list(balances)
    for b in balances:
        b.regime_pk = (regimes or {}).get((b.regime_code, b.regime_version))
        b.reason_texts = [render_reason(r, language) for r in (b.reasons or [])]
        b.ineligible_texts = [
            {"text": render_ineligible(item.get("reason", ""), language), "amount": Decimal(str(item.get("amount", "0"))), "lines": item.get("lines", 0)}
            for item in (b.ineligible_detail or [])
        ]
    return balances


def organisation_totals_by_year(user, organisation) -> dict[int, Figures]:
    """Totals per year of the rights of ``organisation`` that ``user`` may see (one query)."""
    return figures_by_year(RightYearBalance.objects.visible_to(user).filter(right__holder=organisation))


def visible_rights_of(user, organisation):
    """The rights of ``organisation`` that ``user`` may see."""
    return SubsoilRight.objects.visible_to(user).filter(holder=organisation)
