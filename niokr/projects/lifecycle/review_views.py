"""Pages of the state expertise and the competitive selection.

Every page reads through the scoped querysets (``Expertise.objects.visible_to``,
``Call.objects.visible_to``, ``Application.objects.readable_by``: 404 for what the user may not
see, and a sealed application's content is never rendered before the deadline — the call's page
shows only the count). Forms parse and call the services of :mod:`niokr.projects.lifecycle.expertise`
and :mod:`niokr.projects.lifecycle.selection`; a refusal is shown as a message with its reason and
changes nothing. No view changes a status.
"""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from niokr.accounts.choices import Role
from niokr.core.choices import PriorityDirection
from niokr.projects.choices import ApplicationStatus, CallStatus, ExpertiseStatus, ProgrammeStatus
from niokr.projects.lifecycle import expertise as expertise_svc
from niokr.projects.lifecycle import selection as selection_svc
from niokr.projects.lifecycle.access import is_administrator, memberships
from niokr.projects.lifecycle.review_access import applicant_org_ids, expert_records, is_coordinator
from niokr.projects.lifecycle.workflow import TransitionRefused, available, workflow_of
from niokr.projects.models import Application, Call, Expertise, Programme, StateExpert

__all__ = [
    "reads_expertise", "reads_calls", "reads_pool", "expertise_list", "expertise_detail", "expertise_open", "expertise_assign", "expertise_step",
    "expertise_score", "sheet_list", "call_list", "call_create", "call_detail", "call_step", "call_apply", "application_detail",
    "application_withdraw", "pool",
]


def _lang() -> str:
    lang = (get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


# --- who the menu offers what ----------------------------------------------------------------------


def reads_expertise(user) -> bool:
    """The state expertise menu entry: NCSTE experts and coordinators, selection officers, administrators."""
    return bool(memberships(user, Role.EXPERT, Role.SELECTION_OFFICER)) or is_administrator(user)


def reads_calls(user) -> bool:
    """The calls menu entry: selection officers, company staff, regulators, auditors and administrators."""
    from niokr.accounts.scoping import scope_for

    scope = scope_for(user)
    return bool(scope.everything or scope.company_ids or memberships(user, Role.SELECTION_OFFICER, Role.REGULATOR)) or is_administrator(user)


def reads_pool(user) -> bool:
    """The pool page: selection officers, regulators, auditors and administrators."""
    from niokr.accounts.scoping import scope_for

    return bool(scope_for(user).everything or memberships(user, Role.SELECTION_OFFICER, Role.REGULATOR)) or is_administrator(user)


def _refused(request, error: TransitionRefused) -> None:
    messages.error(request, error.reason)


# --- expertise --------------------------------------------------------------------------------------


def _expertise(request, reference: str) -> Expertise:
    return get_object_or_404(Expertise.objects.visible_to(request.user).select_related("version__programme__applicant", "version__performer", "sheet"), reference=reference)


@login_required
def expertise_list(request):
    """My assignments (an expert), every expertise and the programmes awaiting one (a coordinator)."""
    user = request.user
    visible = Expertise.objects.visible_to(user).select_related("version__programme", "sheet").order_by("-created_at")
    ids = [r.pk for r in expert_records(user)]
    mine = list(visible.filter(assignments__expert_id__in=ids).distinct()) if ids else []
    waiting = []
    if is_coordinator(user):
        waiting = [p for p in Programme.objects.filter(status=ProgrammeStatus.IN_EXPERTISE).select_related("applicant").prefetch_related("versions__expertise") if p.current and not Expertise.objects.filter(version=p.current).exists()]
    context = {
        "title": _("State expertise"), "mine": mine, "expertises": list(visible[:500]), "waiting": waiting,
        "coordinator": is_coordinator(user),
    }
    return render(request, "lifecycle/expertise_list.html", context)


@login_required
@require_POST
def expertise_open(request, reference: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), reference=reference)
    try:
        expertise = expertise_svc.open_expertise(programme=programme, actor=request.user)
    except TransitionRefused as error:
        _refused(request, error)
        return redirect("lifecycle:expertise-list")
    messages.success(request, _("The expertise %(reference)s is opened.") % {"reference": expertise.reference})
    return redirect("lifecycle:expertise-detail", expertise.reference)


def _steps(expertise, user) -> list[dict]:
    out = []
    for transition, refusal in available(workflow_of("expertise"), expertise, user, {"conclusion": "—"}):
        out.append({"name": transition.name, "label": transition.label, "refusal": refusal, "url": reverse(f"lifecycle:expertise-{transition.name.replace('_', '-')}", args=[expertise.reference])})
    return out


@login_required
def expertise_detail(request, reference: str):
    """An expertise: the programme version, the sheet, the experts and their scores (for NCSTE and MSHE), the conclusion."""
    expertise = _expertise(request, reference)
    user = request.user
    insider = is_coordinator(user) or bool(memberships(user, Role.SELECTION_OFFICER)) or is_administrator(user) or bool(expert_records(user))
    criteria = list(expertise.sheet.criteria.all())
    assignments = list(expertise.assignments.select_related("expert__user", "expert__organisation").prefetch_related("scores__criterion")) if insider else []
    rows = []
    for a in assignments:
        by = {s.criterion_id: s for s in a.scores.all()}
        rows.append({"assignment": a, "cells": [by.get(c.pk) for c in criteria], "done": len(by) == len(criteria)})
    preview = expertise_svc.preview(expertise) if insider else None
    candidates = []
    if is_coordinator(user) and expertise.status in (ExpertiseStatus.ASSIGNED, ExpertiseStatus.SCORING):
        taken = {a.expert_id for a in expertise.assignments.all()}
        candidates = [e for e in StateExpert.objects.serving_on(timezone.localdate()).select_related("user", "organisation") if e.pk not in taken]
    context = {
        "title": expertise.reference, "expertise": expertise, "programme": expertise.version.programme, "version": expertise.version,
        "criteria": criteria, "rows": rows, "insider": insider, "preview": preview, "candidates": candidates,
        "steps": _steps(expertise, user) if is_coordinator(user) else [],
        "my_assignment": expertise_svc.assignment_of(expertise, user),
        "programme_url": f"/lifecycle/programmes/{expertise.version.programme.reference}/",
    }
    return render(request, "lifecycle/expertise_detail.html", context)


@login_required
@require_POST
def expertise_assign(request, reference: str):
    expertise = _expertise(request, reference)
    expert = StateExpert.objects.filter(pk=request.POST.get("expert") or 0).first() if str(request.POST.get("expert", "")).isdigit() else None
    if expert is None:
        messages.error(request, _("Choose an expert from the register."))
        return redirect("lifecycle:expertise-detail", expertise.reference)
    try:
        expertise_svc.assign_expert(expertise=expertise, expert=expert, actor=request.user)
        messages.success(request, _("The expert is assigned and notified."))
    except TransitionRefused as error:
        _refused(request, error)
    return redirect("lifecycle:expertise-detail", expertise.reference)


@login_required
@require_POST
def expertise_step(request, reference: str, step: str):
    expertise = _expertise(request, reference)
    if step not in ("start_scoring", "conclude", "cancel"):
        raise Http404
    try:
        expertise_svc.take(expertise, step, request.user, conclusion=request.POST.get("conclusion", "")[:20_000], reason=request.POST.get("reason", "")[:500])
        messages.success(request, _("Done: %(step)s.") % {"step": workflow_of("expertise").transition(step).label})
    except TransitionRefused as error:
        _refused(request, error)
    return redirect("lifecycle:expertise-detail", expertise.reference)


@login_required
def expertise_score(request, reference: str):
    """The scoring form of an assigned expert: a score (or "not applicable" where allowed) and a comment per criterion."""
    expertise = _expertise(request, reference)
    assignment = expertise_svc.assignment_of(expertise, request.user)
    if assignment is None:
        return render(request, "lifecycle/expertise_score.html", {
            "title": _("Scores: %(reference)s") % {"reference": expertise.reference}, "expertise": expertise, "rows": [], "open": False,
            "refusal": _("Only an expert assigned to this expertise scores it."),
        })
    criteria = list(expertise.sheet.criteria.all())
    given = {s.criterion_id: s for s in assignment.scores.all()}
    if request.method == "POST":
        data = {}
        for c in criteria:
            data[c.code] = {
                "score": request.POST.get(f"score-{c.code}", ""),
                "not_applicable": request.POST.get(f"na-{c.code}") == "on",
                "comment": request.POST.get(f"comment-{c.code}", ""),
            }
        try:
            expertise_svc.record_scores(expertise=expertise, actor=request.user, scores=data)
            messages.success(request, _("Your scores are recorded."))
            return redirect("lifecycle:expertise-detail", expertise.reference)
        except TransitionRefused as error:
            _refused(request, error)
        rows = [{"criterion": c, "score": data[c.code]["score"], "na": data[c.code]["not_applicable"], "comment": data[c.code]["comment"]} for c in criteria]
    else:
        rows = [
            {"criterion": c, "score": "" if c.pk not in given or given[c.pk].score is None else given[c.pk].score, "na": c.pk in given and given[c.pk].not_applicable, "comment": given[c.pk].comment if c.pk in given else ""}
            for c in criteria
        ]
    return render(request, "lifecycle/expertise_score.html", {"title": _("Scores: %(reference)s") % {"reference": expertise.reference}, "expertise": expertise, "rows": rows, "open": expertise.status == ExpertiseStatus.SCORING})


@login_required
def sheet_list(request):
    """The criteria sheets, every version, with their criteria and rules."""
    from niokr.projects.models import CriteriaSheet

    sheets = list(CriteriaSheet.objects.prefetch_related("criteria").order_by("code", "-version"))
    used = set(Expertise.objects.values_list("sheet_id", flat=True).distinct())
    return render(request, "lifecycle/sheet_list.html", {"title": _("Criteria sheets"), "sheets": [(s, s.pk in used) for s in sheets]})


# --- calls -------------------------------------------------------------------------------------------


class CallForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Reference"), max_length=32)
    title_kk = forms.CharField(label=gettext_lazy("Title (Kazakh)"), max_length=300)
    title_ru = forms.CharField(label=gettext_lazy("Title (Russian)"), max_length=300)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=300)
    year = forms.IntegerField(label=gettext_lazy("Pool year"), min_value=2000, max_value=2100)
    directions = forms.MultipleChoiceField(label=gettext_lazy("Priority directions"), choices=PriorityDirection.choices, widget=forms.CheckboxSelectMultiple)
    amount = forms.DecimalField(label=gettext_lazy("Amount available, KZT"), min_value=0.01, max_digits=20, decimal_places=2, localize=True)
    deadline_day = forms.DateField(label=gettext_lazy("Deadline (day)"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline_time = forms.TimeField(label=gettext_lazy("Deadline (time)"), initial=time(18, 0), widget=forms.TimeInput(attrs={"type": "time"}))


@login_required
def call_list(request):
    calls = list(Call.objects.visible_to(request.user).order_by("-deadline")[:500])
    counts = dict(Application.objects.filter(call__in=calls).exclude(status=ApplicationStatus.WITHDRAWN).values("call_id").annotate(n=Count("id")).values_list("call_id", "n"))
    rows = [{"call": c, "count": counts.get(c.pk, 0), "sealed": c.sealed()} for c in calls]
    return render(request, "lifecycle/call_list.html", {"title": _("Calls for applications"), "rows": rows, "may_create": bool(memberships(request.user, Role.SELECTION_OFFICER))})


@login_required
def call_create(request):
    if not memberships(request.user, Role.SELECTION_OFFICER):
        return render(request, "lifecycle/call_form.html", {"title": _("New call for applications"), "refusal": _("Only a selection officer may do this.")})
    form = CallForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        deadline = timezone.make_aware(datetime.combine(d["deadline_day"], d["deadline_time"]))
        try:
            call = selection_svc.create_call(
                reference=d["reference"], titles={"kk": d["title_kk"], "ru": d["title_ru"], "en": d["title_en"]}, year=d["year"],
                directions=d["directions"], amount=d["amount"], deadline=deadline, actor=request.user,
            )
            messages.success(request, _("The call %(reference)s is created as a draft.") % {"reference": call.reference})
            return redirect("lifecycle:call-detail", call.reference)
        except TransitionRefused as error:
            form.add_error(None, error.reason)
    return render(request, "lifecycle/call_form.html", {"title": _("New call for applications"), "form": form})


def _call(request, reference: str) -> Call:
    return get_object_or_404(Call.objects.visible_to(request.user), reference=reference)


@login_required
def call_detail(request, reference: str):
    """A call: its terms; while sealed only the count of applications (and the applicant's own); after the deadline the ranking."""
    call = _call(request, reference)
    user = request.user
    sealed = call.sealed()
    count = call.applications.exclude(status=ApplicationStatus.WITHDRAWN).count()
    own = list(Application.objects.readable_by(user).filter(call=call, applicant_id__in=applicant_org_ids(user)).select_related("programme")) if applicant_org_ids(user) else []
    readable = Application.objects.readable_by(user).filter(call=call)
    ranking = [] if sealed else [a for a in selection_svc.ranking(call) if readable.filter(pk=a.pk).exists()]
    proposal = selection_svc.proposed_awards(call) if (call.status == CallStatus.CLOSED and ranking) else []
    steps = []
    if memberships(user, Role.SELECTION_OFFICER):
        for transition, refusal in available(workflow_of("call"), call, user, {"awarded": proposal}):
            steps.append({"name": transition.name, "label": transition.label, "refusal": refusal if transition.name != "decide" else None, "url": reverse(f"lifecycle:call-{transition.name}", args=[call.reference])})
    eligible = []
    if call.status == CallStatus.OPEN and sealed:
        ids = applicant_org_ids(user)
        if ids:
            applied = set(call.applications.filter(applicant_id__in=ids).values_list("programme_id", flat=True))
            eligible = [p for p in Programme.objects.filter(applicant_id__in=ids, status=ProgrammeStatus.APPROVED).prefetch_related("versions") if p.pk not in applied and p.current and p.current.priority_direction in call.directions]
    context = {
        "title": call.reference, "call": call, "sealed": sealed, "count": count, "own": own, "ranking": ranking, "proposal": proposal,
        "steps": steps, "eligible": eligible, "officer": bool(memberships(user, Role.SELECTION_OFFICER)),
    }
    return render(request, "lifecycle/call_detail.html", context)


@login_required
@require_POST
def call_step(request, reference: str, step: str):
    call = _call(request, reference)
    if step not in ("open", "close", "decide"):
        raise Http404
    awarded = request.POST.getlist("awarded") if step == "decide" else None
    try:
        selection_svc.take_call(call, step, request.user, awarded=awarded, reason=request.POST.get("reason", "")[:500])
        messages.success(request, _("Done: %(step)s.") % {"step": workflow_of("call").transition(step).label})
    except TransitionRefused as error:
        _refused(request, error)
    return redirect("lifecycle:call-detail", call.reference)


class ApplyForm(forms.Form):
    programme = forms.ChoiceField(label=gettext_lazy("Approved programme"))
    amount = forms.DecimalField(label=gettext_lazy("Amount requested, KZT"), min_value=0.01, max_digits=20, decimal_places=2, localize=True)
    statement = forms.CharField(label=gettext_lazy("Statement"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000, required=False)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.reference, f"{p.reference} — {getattr(p.current, f'title_{_lang()}', '')}") for p in programmes]


@login_required
def call_apply(request, reference: str):
    """A company puts one of its approved programmes to an open call."""
    call = _call(request, reference)
    ids = applicant_org_ids(request.user)
    programmes = list(Programme.objects.filter(applicant_id__in=ids, status=ProgrammeStatus.APPROVED).prefetch_related("versions")) if ids else []
    if not ids:
        return render(request, "lifecycle/call_apply.html", {"title": _("Apply to %(reference)s") % {"reference": call.reference}, "call": call, "refusal": _("Only a company's staff apply to a call.")})
    form = ApplyForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        programme = next(p for p in programmes if p.reference == form.cleaned_data["programme"])
        try:
            application = selection_svc.apply(call=call, programme=programme, amount=form.cleaned_data["amount"], statement=form.cleaned_data["statement"], actor=request.user)
            messages.success(request, _("The application %(reference)s is submitted; it stays sealed until the deadline.") % {"reference": application.reference})
            return redirect("lifecycle:application-detail", application.reference)
        except TransitionRefused as error:
            form.add_error(None, error.reason)
    return render(request, "lifecycle/call_apply.html", {"title": _("Apply to %(reference)s") % {"reference": call.reference}, "call": call, "form": form})


@login_required
def application_detail(request, reference: str):
    """An application's content — for its applicant, and for the others named only after the deadline."""
    # A sealed application is answered as one that does not exist (404): a page never says it exists.
    application = get_object_or_404(Application.objects.readable_by(request.user).select_related("call", "programme", "version", "applicant"), reference=reference)
    steps = []
    for transition, refusal in available(workflow_of("application"), application, request.user):
        if transition.name == "withdraw":
            steps.append({"label": transition.label, "refusal": refusal, "url": reverse("lifecycle:application-withdraw", args=[application.reference])})
    return render(request, "lifecycle/application_detail.html", {"title": application.reference, "application": application, "call": application.call, "steps": steps})


@login_required
@require_POST
def application_withdraw(request, reference: str):
    application = Application.objects.readable_by(request.user).filter(reference=reference).first()
    if application is None:
        raise Http404
    try:
        selection_svc.withdraw(application, request.user)
        messages.success(request, _("The application is withdrawn."))
    except TransitionRefused as error:
        _refused(request, error)
    return redirect("lifecycle:application-detail", application.reference)


# --- the pool ----------------------------------------------------------------------------------------


def pool_rows():
    """The pool's tables as plain rows (for the page and the export)."""
    rows = selection_svc.pool_table()
    directions = list(PriorityDirection.values)
    return rows, directions


@login_required
def pool(request):
    """Transfers received under KBK 401103 vs amounts awarded, by year and priority direction (tables, a chart, an export)."""
    from niokr.core.exports import export_response
    from niokr.core.templatetags.niokr import label as label_of
    from niokr.obligations import charts

    if not reads_pool(request.user):
        return render(request, "lifecycle/pool.html", {"title": _("The KBK 401103 pool"), "table": [], "directions": [], "chart": "", "refusal": _("The pool is read by selection officers, regulators, auditors and administrators.")})
    rows, directions = pool_rows()
    direction_names = [label_of(d, "core.PriorityDirection") for d in directions]
    fmt = request.GET.get("export")
    if fmt in ("xlsx", "csv"):
        headers = [_("Year"), _("Received under KBK 401103, KZT"), _("Awarded, KZT"), _("Held by open calls, KZT"), _("Free, KZT")] + [_("Awarded: %(direction)s, KZT") % {"direction": n} for n in direction_names]
        data = [[r.year, r.received, r.awarded, r.held, r.free] + [r.by_direction.get(d, 0) for d in directions] for r in rows]
        return export_response(fmt, filename="pool-401103", headers=headers, rows=data, request=request)
    chart = ""
    if rows:
        received, awarded = _("Received"), _("Awarded")
        bars = []
        for r in rows:
            bars.append({"category": str(r.year), "series": received, "value": charts.in_units(r.received, charts.MILLION)})
            bars.append({"category": str(r.year), "series": awarded, "value": charts.in_units(r.awarded, charts.MILLION)})
        spec = charts.grouped_bars(bars, categories=[str(r.year) for r in rows], series=[(received, "budget"), (awarded, "fulfilled")], category_title=_("Year"), value_title=_("million ₸"), width=640)
        chart = charts.render_svg(spec, language=_lang(), title=_("KBK 401103 pool: received vs awarded by year"))
    table = [{"row": r, "cells": [r.by_direction.get(d, 0) for d in directions]} for r in rows]
    return render(request, "lifecycle/pool.html", {"title": _("The KBK 401103 pool"), "table": table, "directions": direction_names, "chart": chart})
