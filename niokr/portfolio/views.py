"""Pages of the priority portfolios: all priorities, one priority, the review of suggested tags.

Views parse the request, ask :mod:`niokr.portfolio.access` what the user's portfolio covers and
hand the figures of :mod:`niokr.portfolio.queries` to templates and exports. Every page answers
every signed-in user: a user without a portfolio sees a page that says so and no figure; a POST
that the user may not make is refused with 403 and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.core.choices import Authority, MineralGroup, PriorityDirection, Region, TCCSector
from niokr.core.exports import EXPORT_FORMATS, export_response
from niokr.core.reference import label
from niokr.obligations import charts
from niokr.obligations.figures_cache import cached_figures, figures_version
from niokr.obligations.services import FIRST_YEAR, current_year
from niokr.portfolio import classifier, queries, services
from niokr.portfolio.access import may_review_tags, may_set_target, portfolio_scope
from niokr.portfolio.choices import SubjectKind
from niokr.portfolio.forms import BulkConfirmForm, ConfirmForm, ReviewFilterForm, TargetForm, YearForm
from niokr.portfolio.models import PolicyTarget, PriorityTag
from niokr.projects.choices import ResultKind
from niokr.projects.models import Agreement, Payment, Project, Result

REVIEW_PER_PAGE = 50
#: Chart colours of the directions (palette roles of :mod:`niokr.obligations.charts`).
COLOURS = {"medtech": "direct", "agritech": "credit", "greentech": "fulfilled", "other": "excluded"}


def _lang() -> str:
    return (get_language() or "ru")[:2]


@dataclass
class Cell:
    """One table cell: a plain value (exported as is) shown as ``kind`` (text, money, number, percent)."""

    value: object
    kind: str = "text"
    url: str = ""
    note: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Panel:
    """A table (and its chart), exportable on its own (``?export=xlsx&table=<key>``)."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    total: list[Cell] = field(default_factory=list)
    chart: str = ""
    note: str = ""

    @property
    def columns(self) -> list[tuple[str, bool]]:
        sample = self.total or (self.rows[0] if self.rows else [])
        numeric = [c.numeric for c in sample] if sample else [False] * len(self.headers)
        return list(zip(self.headers, numeric))


def _direction_label(d: str) -> str:
    return label(d, enum=PriorityDirection) if d in PriorityDirection.values else _("No tag")


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def _key_label(dimension: str, key) -> str:
    if key is None or key == "":
        return _("Not attributable to a project")
    enum = {"mineral_group": MineralGroup, "region": Region, "authority": Authority, "sector": TCCSector}.get(dimension)
    if enum is None:
        return str(key)
    try:
        return label(key, enum=enum)
    except (KeyError, TypeError):
        return str(key)


def _chart(title: str, categories: list[str], data: list[dict], directions: list[str], *, horizontal: bool, width: int = 560) -> str:
    if not categories:
        return ""
    spec = charts.grouped_bars(
        data, categories=categories, series=[(_direction_label(d), COLOURS[d]) for d in directions],
        category_title="" if horizontal else _("Year"), value_title=_("bn ₸"), horizontal=horizontal, width=width,
    )
    return charts.render_svg(spec, language=_lang(), title=title)


def _money_panel(key: str, title: str, dimension: str, breakdown: queries.MoneyBreakdown, directions: list[str], *, year_series: bool, with_chart: bool, order=None) -> Panel:
    """Money by the groups of ``dimension`` and direction (confirmed and source tags only), with the shares."""
    headers = [_("Year") if year_series else _("Group"), _("1% money (as on the dashboard), ₸")]
    headers += [_("%(direction)s, ₸") % {"direction": _direction_label(d)} for d in directions]
    headers += [_("Three priorities, %"), _("Suggested only, not counted, ₸"), _("No tag or not attributable, ₸")]
    keys = list(breakdown.totals) + [k for k in breakdown.unattributed if k not in breakdown.totals and breakdown.unattributed[k]]
    keys = sorted(set(keys), key=order or (lambda k: (k is None, str(k))))
    rows, data = [], []
    for k in keys:
        total = breakdown.totals.get(k, queries.ZERO) if k is not None or dimension != "sector" else breakdown.unattributed.get(None, queries.ZERO)
        groups = breakdown.by_group.get(k, {})
        suggested = sum((r.suggested for r in groups.values()), queries.ZERO)
        untagged = sum((r.untagged for r in groups.values()), queries.ZERO) + (breakdown.unattributed.get(k, queries.ZERO) if dimension != "sector" or k is None else queries.ZERO)
        name = _key_label(dimension, k)
        counted = [breakdown.counted(k, d) for d in directions]
        rows.append([Cell(name), Cell(total, "money"), *[Cell(v, "money") for v in counted], Cell(breakdown.priorities_share(k) if k is not None or dimension != "sector" else None, "percent"), Cell(suggested, "money"), Cell(untagged, "money")])
        if k is not None:
            data += [{"category": name, "series": _direction_label(d), "value": charts.bn(v)} for d, v in zip(directions, counted, strict=True)]
    panel = Panel(key, title, headers, rows)
    if with_chart:
        panel.chart = _chart(title, [r[0].value for r in rows if r[0].value != _("Not attributable to a project")], data, directions, horizontal=not year_series, width=1000 if year_series else 340)
    return panel


def _target_panel(by_year: queries.MoneyBreakdown) -> Panel:
    headers = [_("Year"), _("1% money (as on the dashboard), ₸"), _("To the three priorities, ₸"), _("Three priorities, %"), _("Target, at least %"), _("Gap to the target, percentage points"), _("Short of the target, ₸")]
    rows = []
    targets = services.policy_targets()
    for year in sorted(k for k in by_year.totals if k is not None):
        total = by_year.totals[year]
        to_priorities = sum((by_year.counted(year, d) for d in queries.PRIORITIES), queries.ZERO)
        share = by_year.priorities_share(year)
        target = services.policy_target(year, targets)
        gap = (Decimal(share) - target).quantize(Decimal("0.1")) if share is not None else None
        short = max(queries.ZERO, (total * target / 100 - to_priorities).quantize(Decimal("0.01"))) if total else queries.ZERO
        rows.append([Cell(str(year)), Cell(total, "money"), Cell(to_priorities, "money"), Cell(share.quantize(Decimal("0.1")) if share is not None else None, "percent"), Cell(target, "percent"), Cell(gap, "number"), Cell(short, "money")])
    return Panel("target", _("The policy target and the gap to it, by year"), headers, rows, note=_("Only confirmed tags and the records' own columns count toward a priority; suggestions never do."))


def _provenance_panel(by_year: queries.MoneyBreakdown, year: int, directions: list[str]) -> Panel:
    groups = by_year.by_group.get(year, {})
    total = by_year.totals.get(year, queries.ZERO)
    headers = [_("Where the tag comes from"), _("Amount, ₸"), _("Share of the 1% money, %")]
    rows = []
    for name, attr in ((_("confirmed by an analyst"), "confirmed"), (_("from the source data"), "source"), (_("suggested only, not confirmed"), "suggested"), (_("no tag"), "untagged")):
        amount = sum((getattr(groups[d], attr) for d in groups if attr in ("suggested", "untagged") or d in directions), queries.ZERO)
        rows.append([Cell(name), Cell(amount, "money"), Cell(_percent(amount, total), "percent")])
    unattributed = by_year.unattributed.get(year, queries.ZERO)
    rows.append([Cell(_("Not attributable to a project")), Cell(unattributed, "money"), Cell(_percent(unattributed, total), "percent")])
    return Panel("provenance", _("Money by where its tag comes from, %(year)s") % {"year": year}, headers, rows, total=[Cell(_("Total")), Cell(total, "money"), Cell(Decimal("100.0") if total else None, "percent")])


def _projects_panel(by_year: queries.MoneyBreakdown, directions: list[str]) -> Panel:
    headers = [_("Year")] + [_direction_label(d) for d in directions] + [_("Three priorities, %")]
    rows = []
    for year in sorted(k for k in by_year.by_group if k is not None):
        counts = {d: by_year.by_group[year][d].projects if d in by_year.by_group[year] else 0 for d in PriorityDirection.values}
        all_projects = sum(counts.values())
        rows.append([Cell(str(year))] + [Cell(counts[d], "number") for d in directions] + [Cell(_percent(Decimal(sum(counts[d] for d in queries.PRIORITIES)), Decimal(all_projects)), "percent")])
    return Panel("projects", _("Projects paid in the year, by priority"), headers, rows, note=_("A project is counted in each year and priority its money went to."))


def _trl_panel(trl: dict, directions: list[str]) -> Panel:
    headers = [_("TRL")]
    for d in directions:
        headers += [_("%(direction)s: at start") % {"direction": _direction_label(d)}, _("%(direction)s: reached") % {"direction": _direction_label(d)}, _("%(direction)s: target") % {"direction": _direction_label(d)}]
    rows = []
    for level in [*range(1, 10), None]:
        row = [Cell(str(level) if level else _("not reported"))]
        for d in directions:
            got = trl.get(d) or {"start": {}, "reached": {}, "target": {}}
            row += [Cell(got["start"].get(level, 0), "number"), Cell(got["reached"].get(level, 0), "number"), Cell(got["target"].get(level, 0), "number")]
        rows.append(row)
    return Panel("trl", _("TRL of the priority's projects: at start, reached and targeted"), headers, rows)


def _results_panel(results: dict, directions: list[str]) -> Panel:
    headers = [_("Kind of result")] + [_direction_label(d) for d in directions]
    rows = [[Cell(str(ResultKind(k).label))] + [Cell(results.get(d, {}).get(k, 0), "number") for d in directions] for k in ResultKind.values]
    total = [Cell(_("Total"))] + [Cell(sum(results.get(d, {}).values()), "number") for d in directions]
    return Panel("results", _("Results by priority and kind"), headers, rows, total=total)


def _years(user) -> list[int]:
    return list(range(FIRST_YEAR, current_year() + 1))


def _tag_version():
    return PriorityTag.objects.aggregate(n=Max("changed_at"), t=Max("pk")), PolicyTarget.objects.aggregate(n=Max("pk"))


def portfolio_panels(user, *, year: int, direction: str | None, with_charts: bool = True) -> list[Panel]:
    """The panels of the portfolio of ``user`` for ``year`` (all priorities, or ``direction``)."""
    directions = [direction] if direction else list(PriorityDirection.values)
    by_year = queries.money_rows(user, "year")
    panels = [_target_panel(by_year)]
    panels.append(_money_panel("by_year", _("The 1% money by priority and year"), "year", by_year, directions, year_series=True, with_chart=with_charts))
    panels.append(_provenance_panel(by_year, year, directions))
    mineral_order = {m: n for n, m in enumerate(MineralGroup.values)}
    for key, title, dimension, order in (
        ("by_mineral", _("By mineral group, %(year)s"), "mineral_group", lambda k: mineral_order.get(k, 99)),
        ("by_ministry", _("By competent authority, %(year)s"), "authority", None),
        ("by_region", _("By region, %(year)s"), "region", None),
        ("by_sector", _("By TCC sector, %(year)s"), "sector", None),
    ):
        breakdown = queries.money_rows(user, dimension, year=year)
        panels.append(_money_panel(key, title % {"year": year}, dimension, breakdown, directions, year_series=False, with_chart=with_charts, order=order))
    panels.append(_projects_panel(by_year, directions))
    panels.append(_trl_panel(queries.trl_distribution(user, direction), directions))
    panels.append(_results_panel(queries.results_by_kind(user, direction), directions))
    return panels


def _year(request, years: list[int]) -> tuple[int, YearForm]:
    form = YearForm(request.GET or None, years=years)
    default = max(FIRST_YEAR, min(current_year() - 1, years[-1]))
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"], form
    return default, YearForm({"year": default}, years=years)


@login_required
def index(request):
    """The portfolio of every priority."""
    return _portfolio(request, None)


@login_required
def direction_page(request, direction: str):
    """The portfolio of one priority direction (404 for any other word)."""
    if direction not in PriorityDirection.values:
        raise Http404("unknown direction")
    return _portfolio(request, direction)


def _portfolio(request, direction: str | None):
    user = request.user
    scope = portfolio_scope(user)
    years = _years(user)
    year, form = _year(request, years)
    fmt = request.GET.get("export")
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise Http404("unknown export format")
    title = _("Priority portfolio: %(direction)s") % {"direction": _direction_label(direction)} if direction else _("Priority portfolios")
    context = {"title": title, "direction": direction, "scope": scope, "form": form, "year": year, "directions": [(d, _direction_label(d)) for d in PriorityDirection.values]}
    if scope.nothing:
        if fmt is not None:
            raise Http404("no portfolio")
        return render(request, "portfolio/index.html", context)
    if fmt is not None:
        panel = next((p for p in portfolio_panels(user, year=year, direction=direction, with_charts=False) if p.key == request.GET.get("table")), None)
        if panel is None:
            raise Http404("unknown table")
        rows = [[c.value for c in row] for row in panel.rows] + ([[c.value for c in panel.total]] if panel.total else [])
        return export_response(fmt, filename=f"niokr-portfolio-{direction or 'all'}-{panel.key}-{year}", headers=panel.headers, rows=rows, request=request)
    version = figures_version()
    scope_key = (scope.kind, tuple(sorted(scope.mineral_groups)), tuple(sorted(scope.company_ids)))
    parts = ("portfolio", _tag_version(), scope_key, get_language(), current_year(), year, direction)
    context["panels"] = cached_figures(version, parts, lambda: portfolio_panels(user, year=year, direction=direction))
    query = request.GET.copy()
    for key in ("export", "table"):
        query.pop(key, None)
    context["export_query"] = query.urlencode()
    context["evaluation"] = classifier.cached_evaluation()
    context["may_review"] = may_review_tags(user)
    if may_set_target(user):
        context["target_form"] = TargetForm(initial={"from_year": year, "share_percent": services.policy_target(year)})
    return render(request, "portfolio/index.html", context)


@login_required
@require_POST
def set_target(request):
    """Set the policy target (administrators); 403 for anyone else, nothing changed."""
    if not may_set_target(request.user):
        raise PermissionDenied
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.set_policy_target(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("The policy target is set."))
    else:
        messages.error(request, _("The target was not set: %(errors)s") % {"errors": " ".join(str(m) for errs in form.errors.values() for m in errs)})
    return redirect("portfolio:index")


# --- The review of suggested tags ---------------------------------------------------------------


def _subjects(kind: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """(reference, text) of each record, read in one query per kind (no company names)."""
    if kind == SubjectKind.PROJECT:
        lang = _lang()
        return {pk: (code, {"kk": kk, "en": en}.get(lang) or ru) for pk, code, ru, kk, en in Project.objects.filter(pk__in=ids).values_list("pk", "code", "title_ru", "title_kk", "title_en")}
    if kind == SubjectKind.AGREEMENT:
        return {pk: (f"№ {number}", subject) for pk, number, subject in Agreement.objects.filter(pk__in=ids).values_list("pk", "number", "subject")}
    if kind == SubjectKind.PAYMENT:
        return {pk: (f"№ {number}", purpose) for pk, number, purpose in Payment.objects.filter(pk__in=ids).values_list("pk", "document_number", "purpose")}
    return {pk: (ref, title) for pk, ref, title in Result.objects.filter(pk__in=ids).values_list("pk", "reference", "title")}


@login_required
def review(request):
    """The suggested tags not yet confirmed, for a policy analyst or an administrator to confirm or correct.

    Paged; filtered by kind of record and suggested direction. Anyone else sees the classifier's
    figures and no record.
    """
    user = request.user
    reviewer = may_review_tags(user)
    filters = ReviewFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    context = {"title": _("Suggested priority tags to confirm"), "filters": filters, "may_review": reviewer, "evaluation": classifier.cached_evaluation(), "directions": [(d, _direction_label(d)) for d in PriorityDirection.values]}
    if reviewer:
        pending = PriorityTag.objects.filter(confirmed_at__isnull=True).exclude(suggested_direction="").order_by("subject_kind", "-confidence", "pk")
        if data.get("kind"):
            pending = pending.filter(subject_kind=data["kind"])
        if data.get("direction"):
            pending = pending.filter(suggested_direction=data["direction"])
        page = Paginator(pending, REVIEW_PER_PAGE).get_page(request.GET.get("page"))
        tags = list(page.object_list)
        subjects: dict = {}
        for kind in {t.subject_kind for t in tags}:
            subjects[kind] = _subjects(kind, [t.subject_id for t in tags if t.subject_kind == kind])
        items = []
        for t in tags:
            reference, text = subjects.get(t.subject_kind, {}).get(t.subject_id, ("—", ""))
            items.append({"tag": t, "kind": SubjectKind(t.subject_kind).label, "reference": reference, "text": text, "form": ConfirmForm(initial={"tag": t.pk, "direction": t.suggested_direction, "sector": t.suggested_sector}, prefix=f"t{t.pk}")})
        query = request.GET.copy()
        query.pop("page", None)
        context.update({"page": page, "items": items, "bulk": ",".join(str(t.pk) for t in tags), "query": query.urlencode(), "pending_count": page.paginator.count})
    return render(request, "portfolio/review.html", context)


@login_required
@require_POST
def confirm(request):
    """Confirm or correct one suggested tag (policy analyst or administrator; 403 for anyone else)."""
    if not may_review_tags(request.user):
        raise PermissionDenied
    raw = request.POST.get("tag", "")
    if not raw.isdigit() or len(raw) > 18:
        messages.error(request, _("Choose the tag to confirm."))
        return redirect("portfolio:review")
    tag = PriorityTag.objects.filter(pk=int(raw)).first()
    if tag is None:
        raise Http404("no such tag")
    form = ConfirmForm(request.POST, prefix=f"t{tag.pk}")
    if not form.is_valid():
        messages.error(request, _("The tag was not confirmed: %(errors)s") % {"errors": " ".join(str(m) for errs in form.errors.values() for m in errs)})
        return redirect(_back(request))
    try:
        services.confirm_tag(actor=request.user, kind=tag.subject_kind, subject_id=tag.subject_id, direction=form.cleaned_data["direction"], sector=form.cleaned_data["sector"], note=form.cleaned_data["note"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The tag is confirmed."))
    return redirect(_back(request))


@login_required
@require_POST
def bulk_confirm(request):
    """Confirm every suggestion of a page as suggested (policy analyst or administrator; 403 otherwise)."""
    if not may_review_tags(request.user):
        raise PermissionDenied
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the tags to confirm."))
        return redirect(_back(request))
    try:
        count = services.bulk_confirm(actor=request.user, tag_ids=form.cleaned_data["tags"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Tags confirmed: %(count)s.") % {"count": count})
    return redirect(_back(request))


def _back(request) -> str:
    """The review list with the filters the form was sent from (only our own page's query)."""
    query = request.POST.get("query", "")
    form = ReviewFilterForm(_parse(query))
    keep = {k: v for k, v in (form.cleaned_data.items() if form.is_valid() else []) if v}
    url = reverse("portfolio:review")
    if keep:
        from django.utils.http import urlencode

        url += "?" + urlencode(keep)
    return url


def _parse(query: str):
    from django.http import QueryDict

    return QueryDict(query[:500], mutable=False)
