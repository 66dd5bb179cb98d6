"""Pages of an agreement's calendar plan: a stage's page, planning, the report, the act, the return, payment links.

A stage is read through the agreement's scope (``Agreement.objects.visible_to``: 404 otherwise); every
step posts to a service of :mod:`niokr.projects.lifecycle.delivery`, whose refusal is shown on the
page with nothing changed. No view changes a status.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.core.exports import export_response
from niokr.core.templatetags.niokr import localized
from niokr.projects.choices import StageStatus
from niokr.projects.lifecycle import delivery
from niokr.projects.lifecycle.delivery_forms import ActForm, LinkPaymentForm, ReportForm, ReturnForm, StageForm
from niokr.projects.lifecycle.documents import REPORTS, document_path, keep_document
from niokr.projects.lifecycle.parties import agreement_roles
from niokr.projects.lifecycle.processes.delivery import STAGE
from niokr.projects.lifecycle.workflow import TransitionRefused, available
from niokr.projects.models import Agreement, Payment, Stage

__all__ = ["stage_detail", "stage_plan", "stage_submit", "stage_accept", "stage_return", "stage_link", "stage_report", "act_report", "agreement_stages_export", "plan_context"]


def _agreement(request, pk: int):
    return get_object_or_404(Agreement.objects.visible_to(request.user).select_related("payer", "performer", "project"), pk=pk)


def _stage(request, pk: int):
    stage = get_object_or_404(Stage.objects.visible_to(request.user).select_related("agreement__payer", "agreement__performer", "agreement__project"), pk=pk)
    return stage


def _errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _refused(request, exc) -> None:
    if isinstance(exc, TransitionRefused):
        messages.error(request, exc.reason)
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)


def plan_context(agreement, user) -> dict:
    """What the agreement page shows of the calendar plan (and whether the user may add a stage)."""
    plan = delivery.stage_plan(agreement, user)
    roles = agreement_roles(agreement, user)
    return {"plan": plan, "may_plan": bool(roles & delivery.PLANNERS), "stage_form": StageForm(initial={"number": len(plan.rows) + 1})}


def _back(stage) -> str:
    return reverse("lifecycle:stage-detail", args=[stage.pk])


@login_required
def stage_detail(request, pk: int):
    stage = _stage(request, pk)
    user = request.user
    steps = {t.name: refusal for t, refusal in available(STAGE, stage, user)}
    roles = agreement_roles(stage.agreement, user)
    payments = list(Payment.objects.visible_to(user).filter(agreement=stage.agreement).order_by("paid_on", "pk"))
    linked = [p for p in payments if p.stage_id == stage.pk]
    act = getattr(stage, "act", None) if stage.status == StageStatus.ACCEPTED or hasattr(stage, "act") else None
    return render(request, "lifecycle/stage_detail.html", {
        "title": _("Stage %(number)s of agreement No %(agreement)s") % {"number": stage.number, "agreement": stage.agreement.number},
        "stage": stage, "agreement": stage.agreement, "act": act, "steps": steps,
        "report_form": ReportForm(), "act_form": ActForm(initial={"amount": stage.amount}), "return_form": ReturnForm(),
        "may_link": bool(roles & {"company", "administrator"}),
        "link_form": LinkPaymentForm(payments=[p for p in payments if p.stage_id != stage.pk]),
        "linked": linked, "paid": sum((p.amount for p in linked), start=0),
        "project_title": localized(stage.agreement.project, "title") if stage.agreement.project_id else "",
    })


@require_POST
@login_required
def stage_plan(request, pk: int):
    """Add a stage to the agreement's calendar plan (the form is on the agreement's page)."""
    agreement = _agreement(request, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
    else:
        try:
            stage = delivery.plan_stage(agreement=agreement, actor=request.user, **form.cleaned_data)
        except (TransitionRefused, ValidationError) as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Stage %(number)s is added to the calendar plan.") % {"number": stage.number})
    return redirect(reverse("projects:agreement-detail", args=[agreement.pk]) + "#stages")


@require_POST
@login_required
def stage_submit(request, pk: int):
    stage = _stage(request, pk)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_back(stage))
    try:
        report = keep_document(REPORTS, form.cleaned_data["report"])
        delivery.submit_stage_report(stage=stage, report=report, actor=request.user)
    except (TransitionRefused, ValidationError) as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The report is submitted; the payer is asked to sign the act."))
    return redirect(_back(stage))


@require_POST
@login_required
def stage_accept(request, pk: int):
    stage = _stage(request, pk)
    form = ActForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_back(stage))
    data = form.cleaned_data
    try:
        report = keep_document(REPORTS, data["report"]) if data.get("report") else None
        delivery.sign_act(stage=stage, number=data["number"], signed_on=data["signed_on"], amount=data["amount"], note=data.get("note") or "", report=report, actor=request.user)
    except (TransitionRefused, ValidationError) as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The act is signed; the stage is accepted."))
    return redirect(_back(stage))


@require_POST
@login_required
def stage_return(request, pk: int):
    stage = _stage(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_back(stage))
    try:
        delivery.return_stage(stage=stage, reason=form.cleaned_data["reason"], actor=request.user)
    except TransitionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The stage is returned to the performer for revision."))
    return redirect(_back(stage))


@require_POST
@login_required
def stage_link(request, pk: int):
    """Link one of the agreement's payments to this stage (``unlink``: take a payment off it)."""
    stage = _stage(request, pk)
    payments = Payment.objects.visible_to(request.user).filter(agreement=stage.agreement)
    form = LinkPaymentForm(request.POST, payments=payments)
    if not form.is_valid():
        _errors(request, form)
        return redirect(_back(stage))
    payment = payments.get(pk=form.cleaned_data["payment"])
    try:
        delivery.link_payment_to_stage(payment=payment, stage=None if request.POST.get("unlink") else stage, actor=request.user)
    except TransitionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The payment's stage is recorded."))
    return redirect(_back(stage))


def _file(folder: str, sha256: str, name: str):
    if not sha256:
        raise Http404("no file")
    path = document_path(folder, sha256)
    if not path.is_file():
        raise Http404("the stored file is missing")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name or sha256)


@login_required
def stage_report(request, pk: int):
    stage = _stage(request, pk)
    return _file(REPORTS, stage.report_sha256, stage.report_name)


@login_required
def act_report(request, pk: int):
    stage = _stage(request, pk)
    act = getattr(stage, "act", None) if hasattr(stage, "act") else None
    if act is None:
        raise Http404("no act")
    return _file(REPORTS, act.report_sha256, act.report_name)


@login_required
def agreement_stages_export(request, pk: int):
    """The calendar plan against acts and payments, as XLSX (``?format=csv``: CSV)."""
    agreement = _agreement(request, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404("unknown export format")
    plan = delivery.stage_plan(agreement, request.user)
    headers = [_("Stage number"), _("Title"), _("Start"), _("End"), _("Planned, KZT"), _("Status"), _("Act number"), _("Date of the act"), _("Accepted, KZT"), _("Paid, KZT")]
    rows = [
        [s.number, s.title, s.start_date, s.end_date, s.amount, str(s.get_status_display()), s.act.number if s.accepted is not None else "",
         s.act.signed_on if s.accepted is not None else None, s.accepted, s.paid]
        for s in plan.rows
    ]
    rows.append(["", _("Paid without a stage"), None, None, None, "", "", None, None, plan.paid_unlinked])
    rows.append(["", _("Total"), None, None, plan.planned, "", "", None, plan.accepted, plan.paid])
    return export_response(fmt, filename=f"agreement-{agreement.payer.bin}-{agreement.signed_on:%Y-%m-%d}-stages", headers=headers, rows=iter(rows), request=request)
