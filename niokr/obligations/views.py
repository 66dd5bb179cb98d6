"""Pages of the obligations app: the landing page, the dashboard, a subsoil user, a right, the regimes.

Views only parse the request, look objects up inside the user's scope (404 for anything else) and
hand the figures of :mod:`niokr.obligations.queries` to templates and to the exports. The
dashboard keeps its rendered figures in the cache under the count of changes to the data behind
them (:mod:`niokr.obligations.figures_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.accounts.scoping import scope_for
from niokr.core.choices import Authority, MineralGroup, Region
from niokr.core.exports import EXPORT_FORMATS, export_response
from niokr.core.panels import panels_for
from niokr.core.reference import label
from niokr.core.tables import BoundedRequestConfig, export_cells, sorted_as_shown
from niokr.core.templatetags.niokr import localized
from niokr.core.views import ScopedTableView, export_table
from niokr.obligations import charts
from niokr.obligations.choices import BaseType, Channel
from niokr.obligations.debtors import DebtorTable
from niokr.obligations.figures_cache import cached_figures, figures_version
from niokr.obligations.filtersets import DashboardFilterSet, LedgerEntryFilterSet, RuleRegimeFilterSet
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.queries import (
    Figures,
    attach_reasons,
    base_missing_right_years,
    debtors,
    default_year,
    figures_by_channel,
    figures_by_holder,
    figures_by_place,
    figures_by_status,
    figures_by_year,
    holder_statuses,
    holding_group_figures,
    is_year_open,
    last_closed_year,
    latest_year,
    organisation_totals_by_year,
    regime_ids,
    scoped_balances,
    status_label,
    visible_rights_of,
    year_deadline,
)
from niokr.obligations.services import FIRST_YEAR, current_year
from niokr.obligations.statement import render_statement
from niokr.obligations.tables import BalanceTable, BaseFigureTable, LedgerEntryTable, RegimeTable
from niokr.registry.models import Organisation, SubsoilRight

RIGHTS_PER_PAGE = 10
TOP_HOLDERS = 10


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _export_format(request) -> str | None:
    fmt = request.GET.get("export")
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise Http404("unknown export format")
    return fmt


# --- The landing page -------------------------------------------------------------------------


@login_required
def home(request):
    """Send each user where their work is.

    Regulators, auditors and administrators: the dashboard. Company staff: their subsoil-user page,
    unless documents are requested from their company (then this page, which lists the requests
    with their deadlines first). Performer staff: their performer page. Several organisations: a
    short chooser with each subsoil user's status in the last closed year.
    """
    scope = scope_for(request.user)
    if scope.everything or scope.mineral_groups:
        return redirect("obligations:dashboard")
    choices = _organisation_choices(request.user)
    panels = panels_for("landing", request.user)
    if len(choices) == 1 and not panels:
        return redirect(choices[0]["url"])
    year = default_year(request.user)
    statuses = {}
    holder_ids = [c["organisation"].pk for c in choices if c["role"] == Role.COMPANY]
    if year and holder_ids:
        statuses = {s.organisation.pk: s for s in holder_statuses(request.user, year, holder_ids=holder_ids)}
    for choice in choices:
        choice["status"] = statuses.get(choice["organisation"].pk)
    context = {"choices": choices, "year": year, "panels": panels, "title": _("Your organisations")}
    return render(request, "obligations/home.html", context)



def _organisation_choices(user) -> list[dict]:
    """The organisations the user works for as company or performer staff, with the page of each."""
    scope = scope_for(user)
    if not scope.organisation_ids:
        return []
    memberships = Membership.objects.filter(user=user, organisation_id__in=scope.organisation_ids, role__in=[Role.COMPANY, Role.PERFORMER]).select_related("organisation").order_by("organisation__name_ru", "role")
    choices = []
    for m in memberships:
        if m.role == Role.COMPANY:
            url = reverse("obligations:holder-detail", args=[m.organisation_id])
        else:
            try:
                url = reverse("projects:performer-detail", args=[m.organisation_id])
            except NoReverseMatch:
                continue
        choices.append({"organisation": m.organisation, "role": m.role, "role_label": Role(m.role).label, "url": url})
    return choices


# --- The dashboard ----------------------------------------------------------------------------


@dataclass
class Cell:
    """One table cell: a plain value (exported as is) shown as ``kind`` (text, money, number, percent)."""

    value: object
    kind: str = "text"
    url: str = ""
    note: str = ""  # shown after the value on the page (e.g. "in progress"), not exported

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Panel:
    """A chart with the table behind it, exportable on its own (``?export=xlsx&table=<key>``)."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    total: list[Cell] = field(default_factory=list)
    chart: str = ""
    numeric: list[bool] = field(default_factory=list)
    wide: bool = False

    def __post_init__(self):
        self.wide = self.key in ("by_year", "arrears")
        sample = self.total or (self.rows[0] if self.rows else [])
        self.numeric = [c.numeric for c in sample] if sample else [False] * len(self.headers)

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(header, numeric) pairs: numeric columns are right-aligned."""
        return list(zip(self.headers, self.numeric))


def _figure_headers(full: bool = False, *, open_year: bool = False) -> list[str]:
    """The figure columns: the full set for the yearly series, the essentials for a breakdown.

    A breakdown of a year still open shows what is still to fulfil where a closed year shows arrears.
    """
    owed = _("Still to fulfil, ₸") if open_year else _("Arrears, ₸")
    if full:
        return [_("Right-years"), _("Obligation, ₸"), _("Eligible fulfilment, ₸"), _("Ineligible, ₸"), _("Credit carried forward, ₸"), owed, _("Met, %")]
    return [_("Right-years"), _("Obligation, ₸"), _("Eligible fulfilment, ₸"), owed, _("Met, %")]


def _owed(f: Figures, series: bool) -> Cell:
    """Arrears, or for a year still open what is still to fulfil (none in a series of years: no debt yet)."""
    if f.open:
        return Cell(None if series else f.outstanding, "money")
    return Cell(f.arrears, "money")


def _figure_cells(f: Figures, full: bool = False) -> list[Cell]:
    if full:
        return [
            Cell(f.right_years, "number"),
            Cell(f.obligation, "money"),
            Cell(f.fulfilled, "money"),
            Cell(f.ineligible, "money"),
            Cell(f.credit_out, "money"),
            _owed(f, series=True),
            Cell(f.met_percent, "percent"),
        ]
    return [Cell(f.right_years, "number"), Cell(f.obligation, "money"), Cell(f.fulfilled, "money"), _owed(f, series=False), Cell(f.met_percent, "percent")]


def _bars(items: list[tuple[str, Figures]], roles: list[str]) -> list[dict]:
    names = {"obligation": _("Obligation"), "fulfilled": _("Eligible fulfilment"), "arrears": _("Arrears"), "credit": _("Credit carried forward"), "outstanding": _("Still to fulfil")}
    source = {"obligation": "obligation", "fulfilled": "fulfilled", "arrears": "arrears", "credit": "credit_out", "outstanding": "outstanding"}
    return [{"category": name, "series": names[role], "value": charts.bn(getattr(f, source[role]))} for name, f in items for role in roles]


def _series(roles: list[str]) -> list[tuple[str, str]]:
    names = {"obligation": _("Obligation"), "fulfilled": _("Eligible fulfilment"), "arrears": _("Arrears"), "credit": _("Credit carried forward"), "outstanding": _("Still to fulfil")}
    palette = {"outstanding": "excluded"}
    return [(names[r], palette.get(r, r)) for r in roles]


def _roles(roles: list[str], open_year: bool) -> list[str]:
    """The series of a breakdown's chart: what is still to fulfil (grey) instead of arrears (red) in a year still open."""
    return [("outstanding" if r == "arrears" and open_year else r) for r in roles]


def _figures_panel(key, title, category_title, items: list[tuple[str, Figures]], *, roles, total: Figures | None, horizontal=False, width=340, with_chart=True, full=False, open_year=False) -> Panel:
    rows = [[_name_cell(name, f)] + _figure_cells(f, full) for name, f in items]
    panel = Panel(key, title, [category_title] + _figure_headers(full, open_year=open_year), rows, total=([Cell(_("Total"))] + _figure_cells(total, full)) if total else [])
    roles = _roles(roles, open_year)
    if with_chart and items:
        spec = charts.grouped_bars(
            _bars(items, roles),
            categories=[name for name, _f in items],
            series=_series(roles),
            category_title=category_title,
            value_title=_("bn ₸"),
            horizontal=horizontal,
            width=width,
        )
        panel.chart = charts.render_svg(spec, language=_lang(), title=title)
    return panel


def _name_cell(name: str, f: Figures) -> Cell:
    """The first cell of a row of a series of years: the year, marked "in progress" while it is open."""
    return Cell(name, note=_("in progress") if f.open and name.isdigit() else "")




def _opened(figures: dict, open_year: bool) -> dict:
    if open_year:
        for f in figures.values():
            f.in_progress()
    return figures


def dashboard_panels(user, *, year: int, mineral_group: str, region: str, balances, with_charts: bool = True, today: date | None = None) -> tuple[list[Panel], Figures, dict]:
    """The dashboard's panels for ``year`` (figures scoped to ``user`` and narrowed by the filters).

    A year still open (:func:`is_year_open`) shows what is still to fulfil, never arrears; in the
    series of years its arrears cell is empty and the year is marked "in progress".
    """
    lang = _lang()
    open_year = is_year_open(year, today)
    by_year = figures_by_year(balances)
    for y, f in by_year.items():
        if is_year_open(y, today):
            f.in_progress()
    place = figures_by_place(balances, year)
    for breakdown in (place.by_mineral, place.by_region, place.by_authority, {"total": place.total}):
        _opened(breakdown, open_year)
    by_status = figures_by_status(balances, year, today)
    by_channel = figures_by_channel(user, year, mineral_group=mineral_group, region=region)
    by_holder = _opened(figures_by_holder(balances, year), open_year)
    owed = (lambda f: f.outstanding) if open_year else (lambda f: f.arrears)
    top_holders = sorted(((h, f) for h, f in by_holder.items() if owed(f) > 0), key=lambda kv: (-owed(kv[1]), -kv[1].obligation, kv[0]))[:TOP_HOLDERS]
    groups, names = holding_group_figures(user, by_holder, year, extra_ids=[h for h, _f in top_holders])
    for group in groups:
        group.figures.open = open_year  # the sum of a year's figures in progress is in progress
    missing, missing_count = base_missing_right_years(balances, year, limit=BASE_MISSING_SHOWN)

    years = [(str(y), f) for y, f in by_year.items()]
    series_total = Figures()
    for _y, f in years:
        series_total.merge(f)
    in_year = {"year": year}
    panels = [
        _figures_panel("by_year", _("Obligation and eligible fulfilment by year"), _("Year"), years, roles=["obligation", "fulfilled"], total=series_total, width=1000, with_chart=with_charts, full=True),
        _arrears_panel(years, with_charts),
        _figures_panel(
            "by_mineral", _("By mineral group, %(year)s") % in_year, _("Mineral group"),
            [(label(m, lang, enum=MineralGroup), f) for m, f in place.by_mineral.items()], roles=["obligation", "fulfilled", "arrears"], total=place.total, horizontal=True, with_chart=with_charts, open_year=open_year,
        ),
        _figures_panel(
            "by_ministry", _("By competent authority, %(year)s") % in_year, _("Competent authority"),
            [(label(a, lang, enum=Authority), f) for a, f in place.by_authority.items()], roles=["obligation", "fulfilled", "arrears"], total=place.total, horizontal=True, with_chart=with_charts, open_year=open_year,
        ),
        _figures_panel(
            "by_region", _("By region, %(year)s") % in_year, _("Region"),
            [(label(r, lang, enum=Region), f) for r, f in place.by_region.items()], roles=["obligation", "fulfilled"], total=place.total, horizontal=True, with_chart=with_charts, open_year=open_year,
        ),
    ]
    panels.append(_channel_panel(by_channel, year, with_charts))
    panels.append(_groups_panel(groups, names, year, with_charts, open_year))
    panels.append(_status_panel(by_status, year, open_year))
    panels.append(_base_missing_panel(missing, missing_count, year))
    panels.append(_top_holders_panel(top_holders, names, year, open_year))
    return panels, place.total, by_year


#: Right-years without a reported base the dashboard lists (all of them are counted).
BASE_MISSING_SHOWN = 100


def _arrears_panel(years: list[tuple[str, Figures]], with_chart: bool) -> Panel:
    title = _("Arrears and credit carried forward by year")
    headers = [_("Year"), _("Right-years in arrears"), _("Arrears, ₸"), _("Credit brought forward, ₸"), _("Credit carried forward, ₸")]
    rows = [[_name_cell(y, f), Cell(None if f.open else f.in_arrears, "number"), _owed(f, series=True), Cell(f.credit_in, "money"), Cell(f.credit_out, "money")] for y, f in years]
    panel = Panel("arrears", title, headers, rows)
    if with_chart and years:
        spec = charts.grouped_bars(_bars(years, ["arrears", "credit"]), categories=[y for y, _f in years], series=_series(["arrears", "credit"]), category_title=_("Year"), value_title=_("bn ₸"), width=1000)
        panel.chart = charts.render_svg(spec, language=_lang(), title=title)
    return panel


def _channel_panel(by_channel, year, with_chart) -> Panel:
    lang = _lang()
    title = _("By channel: direct R&D spending and budget transfers (KBK 401103), %(year)s") % {"year": year}
    rows = [[Cell(label(c.channel, lang, enum=Channel)), Cell(c.entries, "number"), Cell(c.reported, "money"), Cell(c.excluded, "money"), Cell(c.net, "money")] for c in by_channel.values()]
    headers = [_("Channel"), _("Entries"), _("Reported, net of reversals, ₸"), _("Excluded, ₸"), _("Net, ₸")]
    panel = Panel("by_channel", title, headers, rows)
    if with_chart and rows:
        reported, excluded = _("Reported"), _("Excluded")
        data = [{"category": label(c.channel, lang, enum=Channel), "series": s, "value": charts.bn(v)} for c in by_channel.values() for s, v in ((reported, c.reported), (excluded, c.excluded))]
        spec = charts.grouped_bars(data, categories=[r[0].value for r in rows], series=[(reported, "direct"), (excluded, "excluded")], category_title=_("Channel"), value_title=_("bn ₸"), horizontal=True, width=340, step=18)
        panel.chart = charts.render_svg(spec, language=lang, title=title)
    return panel


def _group_name(group) -> str:
    if group.name_source is None:
        return _("Holding group %(id)s") % {"id": group.root_id}
    name = localized(group.name_source, "name")
    return name if group.name_source.pk == group.root_id else _("Group of %(name)s") % {"name": name}


def _groups_panel(groups, names, year, with_chart, open_year=False) -> Panel:
    if open_year:
        title = _("Holding groups with the most still to fulfil, %(year)s (in progress)") % {"year": year}
    else:
        title = _("Holding groups with the largest arrears, %(year)s") % {"year": year}
    headers = [_("Holding group"), _("Subsoil users")] + _figure_headers(open_year=open_year)
    rows = []
    for g in groups:
        url = reverse("obligations:holder-detail", args=[g.root_id]) if g.root_id in names else ""
        rows.append([Cell(_group_name(g), url=url), Cell(len(g.members), "number")] + _figure_cells(g.figures))
    panel = Panel("groups", title, headers, rows)
    if with_chart and groups:
        roles = _roles(["obligation", "arrears"], open_year)
        items = [(f"{n + 1}. {_group_name(g)}", g.figures) for n, g in enumerate(groups)]
        spec = charts.grouped_bars(_bars(items, roles), categories=[i[0] for i in items], series=_series(roles), category_title=_("Holding group"), value_title=_("bn ₸"), horizontal=True, width=340)
        panel.chart = charts.render_svg(spec, language=_lang(), title=title)
    return panel


def _status_panel(by_status, year, open_year=False) -> Panel:
    rows = [[Cell(status_label(s))] + _figure_cells(f) for s, f in by_status.items()]
    total = Figures(open=open_year)
    for f in by_status.values():
        total.merge(f)
    return Panel("by_status", _("Right-years by status, %(year)s") % {"year": year}, [_("Status")] + _figure_headers(open_year=open_year), rows, total=([Cell(_("Total"))] + _figure_cells(total)) if rows else [])


def _base_missing_panel(missing, count: int, year: int) -> Panel:
    """The right-years of ``year`` whose base was not reported: their obligation cannot be computed."""
    lang = _lang()
    title = _("Right-years whose base was not reported, %(year)s") % {"year": year}
    if count > len(missing):
        title += " " + _("(the first %(shown)s of %(count)s; the debtors page lists them all)") % {"shown": len(missing), "count": count}
    rows = [
        [
            Cell(localized(b.right.holder, "name"), url=reverse("obligations:holder-detail", args=[b.right.holder_id])),
            Cell(b.right.holder.bin),
            Cell(b.right.number, url=reverse("obligations:right-detail", args=[b.right_id])),
            Cell(label(b.base_type, lang, enum=BaseType) if b.base_type else ""),
            Cell(str(b.base_year)),
        ]
        for b in missing
    ]
    headers = [_("Subsoil user"), _("BIN"), _("Right"), _("Base type"), _("Base year")]
    return Panel("base_missing", title, headers, rows)


def _top_holders_panel(top_holders, names, year, open_year=False) -> Panel:
    rows = []
    for holder_id, f in top_holders:
        org = names.get(holder_id)
        if org is None:
            continue
        rows.append([Cell(localized(org, "name"), url=reverse("obligations:holder-detail", args=[holder_id])), Cell(org.bin)] + _figure_cells(f))
    if open_year:
        title = _("Subsoil users with the most still to fulfil, %(year)s (in progress)") % {"year": year}
    else:
        title = _("Subsoil users with the largest arrears, %(year)s") % {"year": year}
    return Panel("top_holders", title, [_("Subsoil user"), _("BIN")] + _figure_headers(open_year=open_year), rows)


def _scope_key(user) -> tuple:
    scope = scope_for(user)
    return (scope.everything, tuple(sorted(scope.mineral_groups)), tuple(sorted(scope.organisation_ids)))


@login_required
def dashboard(request):
    """National figures (in the user's scope): obligation against fulfilment by year and one year's breakdowns.

    It opens on the last closed year (:func:`default_year`). The figures (cards, tables, charts) are
    rendered once per data version, scope, language, filter and last closed year, and kept in the
    cache (:mod:`niokr.obligations.figures_cache`); exports are computed afresh.
    """
    user = request.user
    years = list(range(FIRST_YEAR, current_year() + 1))
    filterset = DashboardFilterSet(request.GET or None, queryset=RightYearBalance.objects.visible_to(user), years=years)
    valid = filterset.is_bound and filterset.is_valid()
    data = filterset.form.cleaned_data if valid else {}
    mineral_group, region = data.get("mineral_group") or "", data.get("region") or ""
    if filterset.is_bound and not valid:
        mineral_group = region = ""
    version = figures_version()
    scope_key = _scope_key(user)
    closed = last_closed_year()
    latest = cached_figures(version, ("latest_year", scope_key), lambda: latest_year(user))
    year = data.get("year") or max(FIRST_YEAR, min(latest or closed, closed, years[-1]))
    open_year = is_year_open(year)
    fmt = _export_format(request)

    balances = filterset.qs if valid else RightYearBalance.objects.visible_to(user)  # a queryset: read only when the figures are made

    def panels(with_charts: bool):
        return dashboard_panels(user, year=year, mineral_group=mineral_group, region=region, balances=balances, with_charts=with_charts)

    if fmt is not None:
        panel = next((p for p in panels(with_charts=False)[0] if p.key == request.GET.get("table")), None)
        if panel is None:
            raise Http404("unknown table")
        rows = [[c.value for c in row] for row in panel.rows] + ([[c.value for c in panel.total]] if panel.total else [])
        return export_response(fmt, filename=f"niokr-{panel.key}-{year}", headers=panel.headers, rows=rows)
    query = request.GET.copy()
    for key in ("export", "table"):
        query.pop(key, None)
    export_query = query.urlencode()

    def figures() -> str:
        shown, total, _by_year = panels(with_charts=True)
        return render_to_string(
            "obligations/_dashboard_figures.html",
            {
                "total": total,
                "year": year,
                "open_year": open_year,
                "deadline": year_deadline(year),
                "status_counts": figures_by_status_summary(shown),
                "panels": shown,
                "export_query": export_query,
                "debtors_url": reverse("obligations:debtors"),
            },
        )

    parts = ("dashboard", scope_key, get_language(), current_year(), closed, year, mineral_group, region, export_query)
    if not filterset.is_bound:
        filterset = DashboardFilterSet({"year": year}, queryset=RightYearBalance.objects.none(), years=years)
    context = {
        "title": _("Dashboard"),
        "filter": filterset,
        "year": year,
        "open_year": open_year,
        "figures": cached_figures(version, parts, figures),
        "scope": scope_for(user),
        "competence": [m for m in MineralGroup.values if m in scope_for(user).mineral_groups],
    }
    # The panels of the apps above (what the money produced: results per priority direction and
    # year), kept under the same count of changes: the projects' and results' writes count too.
    context["panels"] = cached_figures(version, ("dashboard-panels", scope_key, current_year()), lambda: panels_for("dashboard", user))
    return render(request, "obligations/dashboard.html", context)


def figures_by_status_summary(panels: list[Panel]) -> list[tuple[str, int]]:
    """(status label, right-years) of the chosen year, from the status panel."""
    panel = next(p for p in panels if p.key == "by_status")
    return [(row[0].value, row[1].value) for row in panel.rows]


# --- Who owes ---------------------------------------------------------------------------------


@login_required
def debtors_list(request):
    """Who owes, over every closed year: each subsoil user in the user's scope with arrears or a missing base.

    Largest arrears first (the columns sort); paged; ``?export=xlsx|csv`` writes every row. The
    mineral group and region filters of the dashboard narrow it the same way.
    """
    user = request.user
    closed = last_closed_year()
    filterset = DashboardFilterSet(request.GET or None, queryset=RightYearBalance.objects.visible_to(user), years=[])
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    balances = scoped_balances(user, mineral_group=data.get("mineral_group") or "", region=data.get("region") or "")
    rows = debtors(balances, until=closed)
    fmt = _export_format(request)
    if fmt is not None:
        table = DebtorTable(rows)
        BoundedRequestConfig(request, paginate=False).configure(table)
        headers, cells = export_cells(table, sorted_as_shown(table, rows))
        return export_response(fmt, filename=f"niokr-debtors-{closed}", headers=headers, rows=cells, request=request)
    table = DebtorTable(rows)
    BoundedRequestConfig(request, paginate={"per_page": 50}).configure(table)
    query = request.GET.copy()
    for key in ("export", "page"):
        query.pop(key, None)
    context = {
        "title": _("Who owes"),
        "table": table,
        "filter": filterset,
        "closed": closed,
        "deadline": year_deadline(closed),
        "export_query": query.urlencode(),
        "sort": request.GET.get("sort", ""),
    }
    return render(request, "obligations/debtors.html", context)


# --- A subsoil user ---------------------------------------------------------------------------


@login_required
def holder_detail(request, pk: int):
    """A subsoil user: its rights, each with its per-year balances and their reasons; totals per year."""
    user = request.user
    organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=pk)
    rights = visible_rights_of(user, organisation).order_by("number")
    fmt = _export_format(request)
    if fmt is not None:
        table_name = request.GET.get("table")
        if table_name == "balances":
            balances = RightYearBalance.objects.visible_to(user).filter(right__holder=organisation).select_related("right").order_by("right__number", "year")
            return export_table(BalanceTable(balances), fmt, f"niokr-balances-{organisation.bin}")
        if table_name == "totals":
            totals = organisation_totals_by_year(user, organisation)
            rows = [[y] + [c.value for c in _figure_cells(f, full=True)] for y, f in totals.items()]
            return export_response(fmt, filename=f"niokr-totals-{organisation.bin}", headers=[_("Year")] + _figure_headers(full=True), rows=rows)
        raise Http404("unknown table")
    page = Paginator(rights, RIGHTS_PER_PAGE).get_page(request.GET.get("page"))
    page_rights = list(page.object_list)
    balances = attach_reasons(
        RightYearBalance.objects.visible_to(user).filter(right__in=page_rights).order_by("right_id", "-year"),
        _lang(),
        regimes=regime_ids(),
    )
    by_right = {right_id: list(rows) for right_id, rows in groupby(balances, key=lambda b: b.right_id)}
    totals = organisation_totals_by_year(user, organisation)
    context = {
        "title": localized(organisation, "name"),
        "organisation": organisation,
        "rights_page": page,
        "rights": [(r, by_right.get(r.pk, [])) for r in page_rights],
        "rights_count": page.paginator.count,
        "totals": sorted(totals.items(), reverse=True),
        "panels": panels_for("holder", user, organisation=organisation),
    }
    return render(request, "obligations/holder_detail.html", context)


# --- A right ----------------------------------------------------------------------------------


@login_required
def right_detail(request, pk: int):
    """A right: its data, regime history, balances with reasons, base figures and its ledger."""
    user = request.user
    right = get_object_or_404(SubsoilRight.objects.visible_to(user).select_related("holder"), pk=pk)
    regimes = regime_ids()
    balances_qs = RightYearBalance.objects.visible_to(user).filter(right=right).select_related("right").order_by("-year")
    figures_qs = BaseFigure.objects.visible_to(user).filter(right=right).order_by("-year", "base_type", "-revision")
    entries_qs = LedgerEntry.objects.visible_to(user).filter(right=right).select_related("performer", "reversed_by").order_by("-entry_date", "-id")
    ledger_filter = LedgerEntryFilterSet(request.GET or None, queryset=entries_qs)
    entries = ledger_filter.qs if ledger_filter.is_bound and ledger_filter.is_valid() else entries_qs
    fmt = _export_format(request)
    if fmt is not None:
        table_name = request.GET.get("table")
        if table_name == "balances":
            return export_table(BalanceTable(balances_qs), fmt, f"niokr-balances-{right.number}")
        if table_name == "ledger":
            return export_table(LedgerEntryTable(entries), fmt, f"niokr-ledger-{right.number}")
        if table_name == "base_figures":
            return export_table(BaseFigureTable(figures_qs), fmt, f"niokr-base-figures-{right.number}")
        raise Http404("unknown table")
    ledger = LedgerEntryTable(entries)
    BoundedRequestConfig(request, paginate={"per_page": 50}).configure(ledger)
    assignments = list(right.regime_assignments.order_by("valid_from"))
    latest = {}
    for (code, version), regime_pk in sorted(regimes.items()):
        latest[code] = regime_pk
    for a in assignments:
        a.regime_pk = latest.get(a.regime_code)
    query = request.GET.copy()
    for key in ("export", "table", "page"):
        query.pop(key, None)
    context = {
        "title": right.number,
        "right": right,
        "assignments": assignments,
        "balances": attach_reasons(balances_qs, _lang(), regimes=regimes),
        "base_figures": BaseFigureTable(figures_qs),
        "ledger": ledger,
        "ledger_filter": ledger_filter,
        "export_query": query.urlencode(),
    }
    return render(request, "obligations/right_detail.html", context)


# --- The regime catalogue ---------------------------------------------------------------------


class RegimeListView(ScopedTableView):
    """The rule regimes with their legal basis: every signed-in user reads the catalogue."""

    model = RuleRegime
    filterset_class = RuleRegimeFilterSet
    table_class = RegimeTable
    title = gettext_lazy("Rule regimes")
    export_name = "niokr-regimes"


@login_required
def regime_detail(request, pk: int):
    """One version of a rule regime: everything it holds, its other versions and the rights under it."""
    regime = get_object_or_404(RuleRegime.objects.visible_to(request.user), pk=pk)
    versions = RuleRegime.objects.visible_to(request.user).filter(code=regime.code).order_by("version")
    rights = SubsoilRight.objects.visible_to(request.user).filter(regime_assignments__regime_code=regime.code).distinct().count()
    lang = _lang()
    performers = [{"attribute": _attribute_label(rule.get("attribute"), lang), "from": date.fromisoformat(rule["from"]) if rule.get("from") else None} for rule in regime.eligible_performers or []]
    context = {
        "title": f"{regime.code} v{regime.version}",
        "regime": regime,
        "legal_basis": getattr(regime, f"legal_basis_{lang}", "") or regime.legal_basis_ru,
        "versions": versions,
        "performers": performers,
        "rights_count": rights,
        "rate_percent": regime.rate * 100,
    }
    return render(request, "obligations/regime_detail.html", context)


def _attribute_label(code: str | None, lang: str) -> str:
    try:
        return label(code, lang, enum="registry.AttributeKind")
    except (KeyError, TypeError):
        return code or "—"


# --- The compliance statement -----------------------------------------------------------------


@login_required
def statement_pdf(request, pk: int, year: int):
    """The PDF compliance statement of a subsoil user for a year, in the user's language."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not FIRST_YEAR <= year <= current_year():
        raise Http404("year out of range")
    pdf = render_statement(organisation=organisation, year=year, language=_lang(), user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="niokr-statement-{organisation.bin}-{year}.pdf"'
    return response
