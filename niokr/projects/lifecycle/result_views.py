"""Pages of results and projects: the results registry, a result's page and its steps, recording a result,
the project list and a project's page, and a subsoil user's "what our 1% produced".

Every read goes through ``visible_to(user)`` (404 for what the user may not see); every step posts
to a service of :mod:`niokr.projects.lifecycle.results`, whose refusal is shown on the page.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from niokr.core.templatetags.niokr import localized
from niokr.core.views import ListPage
from niokr.projects.choices import ResultKind
from niokr.projects.lifecycle import results as services
from niokr.projects.lifecycle.delivery_forms import DecisionForm, EvidenceForm, ResultForm
from niokr.projects.lifecycle.delivery_views import _errors, _file, _refused
from niokr.projects.lifecycle.documents import EVIDENCE, EVIDENCE_KINDS, keep_document
from niokr.projects.lifecycle.parties import project_roles
from niokr.projects.lifecycle.processes.results import RESULT
from niokr.projects.lifecycle.result_tables import ProjectFilterSet, ProjectTable, ResultFilterSet, ResultTable, result_summary
from niokr.projects.lifecycle.workflow import TransitionRefused, available
from niokr.projects.models import Agreement, Payment, Project, Result, Stage
from niokr.projects.querysets import YearOf
from niokr.registry.models import Organisation

__all__ = ["ResultListView", "result_detail", "result_create", "result_verify", "result_reject", "result_evidence", "evidence_file", "ProjectListView", "project_detail", "produced", "portfolio_of"]


class ResultListView(ListPage):
    """The results registry: every result of the projects the user may see, filtered, paged, exported."""

    model = Result
    filterset_class = ResultFilterSet
    table_class = ResultTable
    title = capfirst(gettext_lazy("R&D results"))
    export_name = "results"
    template_name = "lifecycle/result_list.html"

    def get_base_queryset(self):
        return Result.objects.visible_to(self.request.user).select_related("project__performer").order_by("-year", "reference")


class ProjectListView(ListPage):
    """R&D projects the user may see."""

    model = Project
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    title = capfirst(gettext_lazy("R&D projects"))
    export_name = "projects"
    template_name = "lifecycle/project_list.html"

    def get_base_queryset(self):
        return Project.objects.visible_to(self.request.user).select_related("performer").order_by("-start_date", "code")


def _result(request, reference: str):
    return get_object_or_404(Result.objects.visible_to(request.user).select_related("project__performer", "stage__agreement", "claimed_by", "decided_by"), reference=reference)


def _back(result) -> str:
    return reverse("lifecycle:result-detail", args=[result.reference])


@login_required
def result_detail(request, reference: str):
    result = _result(request, reference)
    user = request.user
    steps = {t.name: refusal for t, refusal in available(RESULT, result, user)}
    roles = project_roles(result.project, user)
    return render(request, "lifecycle/result_detail.html", {
        "title": _("Result %(reference)s") % {"reference": result.reference},
        "result": result, "summary": result_summary(result), "steps": steps, "decision_form": DecisionForm(),
        "may_add_evidence": bool(roles & services.RECORDERS) and result.status == "claimed", "evidence_form": EvidenceForm(),
        "project_title": localized(result.project, "title"),
    })


def _recordable_projects(user):
    """The projects whose results ``user`` records: those performed by their organisation."""
    from niokr.projects.lifecycle.parties import _performer_orgs

    orgs = _performer_orgs(user)
    if user.is_superuser:
        return Project.objects.order_by("code")[:500]
    return Project.objects.filter(performer_id__in=orgs).order_by("code")


@login_required
def result_create(request):
    """Record a result (the performer's staff); for everyone else the page says who records results."""
    projects = list(_recordable_projects(request.user))
    stages = list(Stage.objects.filter(agreement__project__in=[p.pk for p in projects]).select_related("agreement").order_by("agreement__number", "number"))
    initial = {"year": None}
    code = request.GET.get("project", "")
    chosen = next((p for p in projects if p.code == code), None)
    form = ResultForm(request.POST or None, request.FILES or None, projects=projects, stages=stages, initial={"project": chosen.pk if chosen else None} | {k: v for k, v in initial.items() if v})
    if request.method == "POST" and projects:
        if form.is_valid():
            data = form.cleaned_data
            project = next(p for p in projects if p.pk == data["project"])
            stage = next((s for s in stages if s.pk == data.get("stage")), None)
            try:
                evidence = keep_document(EVIDENCE, data["evidence_file"], EVIDENCE_KINDS) if data.get("evidence_file") else None
                result = services.record_result(
                    project=project, stage=stage, kind=data["kind"], title=data["title"], year=data["year"], actor=request.user, evidence=evidence,
                    evidence_note=data.get("evidence_note") or "", evidence_reference=data.get("evidence_reference") or "",
                    **{k: v for k, v in form.typed().items() if k in services.TYPED_FIELDS[ResultKind(data["kind"])]},
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            except TransitionRefused as exc:
                form.add_error(None, exc.reason)
            else:
                messages.success(request, _("Result %(reference)s is recorded; the payer is asked to verify it.") % {"reference": result.reference})
                return redirect(_back(result))
    return render(request, "lifecycle/result_form.html", {"title": _("Record a result"), "form": form, "projects": projects, "kinds": services.TYPED_FIELDS})


def _decide(request, reference: str, step: str):
    result = _result(request, reference)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_back(result))
    note = form.cleaned_data.get("note") or ""
    try:
        if step == "verify":
            services.verify_result(result=result, actor=request.user, note=note)
            messages.success(request, _("The result is verified."))
        else:
            services.reject_result(result=result, actor=request.user, reason=note)
            messages.success(request, _("The result is rejected."))
    except TransitionRefused as exc:
        _refused(request, exc)
    return redirect(_back(result))


@require_POST
@login_required
def result_verify(request, reference: str):
    return _decide(request, reference, "verify")


@require_POST
@login_required
def result_reject(request, reference: str):
    return _decide(request, reference, "reject")


@require_POST
@login_required
def result_evidence(request, reference: str):
    result = _result(request, reference)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(_back(result))
    data = form.cleaned_data
    try:
        evidence = keep_document(EVIDENCE, data["file"], EVIDENCE_KINDS) if data.get("file") else None
        services.add_evidence(result=result, actor=request.user, note=data.get("note") or "", reference=data.get("reference") or "", evidence=evidence)
    except (TransitionRefused, ValidationError) as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The evidence is added."))
    return redirect(_back(result))


@login_required
def evidence_file(request, reference: str):
    result = _result(request, reference)
    return _file(EVIDENCE, result.evidence_sha256, result.evidence_name)


@login_required
def project_detail(request, pk: int):
    """A project: its card, the agreements and their stages and acts, its results."""
    project = get_object_or_404(Project.objects.visible_to(request.user).select_related("performer"), pk=pk)
    user = request.user
    agreements = list(Agreement.objects.visible_to(user).filter(project=project).select_related("payer").order_by("signed_on", "pk"))
    stages = list(Stage.objects.filter(agreement__in=agreements).select_related("agreement", "act").order_by("agreement__signed_on", "agreement_id", "number"))
    results = list(Result.objects.filter(project=project).order_by("-year", "reference"))
    for r in results:
        r.summary = result_summary(r)
    roles = project_roles(project, user)
    return render(request, "lifecycle/project_detail.html", {
        "title": f"{project.code} — {localized(project, 'title')}", "project": project, "agreements": agreements, "stages": stages, "results": results,
        "may_record": bool(roles & services.RECORDERS),
        **_programme_card(project, user),
    })


def _programme_card(project, user) -> dict:
    from niokr.projects.lifecycle.programme_views import programme_of_project

    return programme_of_project(project, user)


def portfolio_of(performer, user) -> dict:
    """A performer's portfolio for the performer page: their projects the user may see and the results by kind."""
    projects = list(Project.objects.visible_to(user).filter(performer=performer).order_by("-start_date", "code")[:200])
    by_kind = {row["kind"]: row for row in Result.objects.visible_to(user).filter(project__performer=performer).exclude(status="rejected").order_by().values("kind").annotate(n=Count("id"))}
    kinds = [(ResultKind(k).label, by_kind.get(k, {}).get("n", 0)) for k in ResultKind.values]
    return {"portfolio_projects": projects, "portfolio_kinds": kinds, "portfolio_results": sum(n for _label, n in kinds)}


@login_required
def produced(request, pk: int):
    """What a subsoil user's 1% produced: money paid by year against the results of its agreements' projects."""
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    user = request.user
    paid = {
        row["year"]: row["total"]
        for row in Payment.objects.visible_to(user).filter(agreement__payer=org).annotate(year=YearOf("paid_on")).order_by().values("year").annotate(total=Sum("amount"))
    }
    projects = Agreement.objects.visible_to(user).filter(payer=org, project__isnull=False).values("project_id")
    counted = Result.objects.filter(project_id__in=projects).exclude(status="rejected").order_by()
    rows = counted.values("year").annotate(
        patents=Count("id", filter=Q(kind="patent")), publications=Count("id", filter=Q(kind="publication")),
        implementations=Count("id", filter=Q(kind="implementation")), trl=Max("trl_level", filter=Q(kind="trl")),
        revenue=Sum("revenue", filter=Q(kind="revenue")), jobs=Sum("jobs", filter=Q(kind="jobs")), effect=Sum("economic_effect", filter=Q(kind="implementation")),
        unverified=Count("id", filter=Q(status="claimed")),
    )
    by_year = {row["year"]: row for row in rows}
    years = sorted(set(paid) | set(by_year), reverse=True)
    table = [{"year": y, "paid": paid.get(y, Decimal(0)), **{k: v for k, v in by_year.get(y, {}).items() if k != "year"}} for y in years]
    totals = {
        "paid": sum(paid.values(), start=Decimal(0)),
        **{k: sum((r.get(k) or 0) for r in table) for k in ("patents", "publications", "implementations", "revenue", "jobs", "effect", "unverified")},
    }
    trl = Project.objects.filter(pk__in=projects).aggregate(n=Count("id"), moved=Count("id", filter=Q(trl_reached__isnull=False, trl_start__isnull=False, trl_reached__gt=F("trl_start"))))
    recent = list(counted.select_related("project").order_by("-year", "reference")[:20])
    for r in recent:
        r.summary = result_summary(r)
    return render(request, "lifecycle/produced.html", {
        "title": _("What %(name)s's 1%% produced") % {"name": localized(org, "name")}, "organisation": org, "table": table, "totals": totals, "trl": trl, "recent": recent,
    })



def reads_results(user) -> bool:
    """Whom the menu offers the results registry: everyone with a scope (each sees their projects' results)."""
    from niokr.accounts.scoping import scope_for

    return not scope_for(user).nothing


def funds_research(user) -> bool:
    """Whom the menu offers "what our 1% produced": a subsoil user's staff."""
    from niokr.accounts.scoping import scope_for

    return bool(scope_for(user).company_ids)




@login_required
def produced_own(request):
    """The menu's "what our 1% produced": the page of the user's own company (others are told where to look)."""
    from niokr.accounts.scoping import scope_for

    companies = sorted(scope_for(request.user).company_ids)
    if companies:
        return produced(request, companies[0])
    return render(request, "lifecycle/produced.html", {"title": _("What our R&D money produced"), "table": [], "totals": None, "nobody": True})


#: Years the dashboard's results panel shows (the latest ones with a result).
DASHBOARD_RESULT_YEARS = 6


def results_panel(user) -> dict:
    """The dashboard's panel: results (not rejected) per priority direction and year, in one aggregate query."""
    from niokr.core.choices import PriorityDirection

    rows = list(
        Result.objects.visible_to(user).exclude(status="rejected").order_by().values("project__priority_direction", "year").annotate(n=Count("id"))
    )
    years = sorted({r["year"] for r in rows})[-DASHBOARD_RESULT_YEARS:]
    table = []
    for direction in PriorityDirection.values:
        counts = {r["year"]: r["n"] for r in rows if r["project__priority_direction"] == direction}
        if counts:
            table.append({"direction": direction, "counts": [counts.get(y, 0) for y in years], "total": sum(counts.values())})
    return {"years": years, "rows": table, "total": sum(r["n"] for r in rows)}


def results_panel_rows(user, **_context) -> list[dict]:
    """The dashboard's panel (:mod:`niokr.core.panels`): the results panel, or nothing when there is no result."""
    panel = results_panel(user)
    return [panel] if panel["rows"] else []


def bench_project_url(user=None) -> str:
    """The page ``niokr bench web`` measures as "project page": of the projects ``user`` may see, the one with the most agreements."""
    projects = Project.objects.visible_to(user) if user is not None else Project.objects.all()
    project = projects.annotate(n=Count("agreements")).order_by("-n", "pk").values_list("pk", flat=True).first()
    return reverse("projects:project-detail", args=[project]) if project else ""
