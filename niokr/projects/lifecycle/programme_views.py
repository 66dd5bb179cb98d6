"""Pages of programmes: the list, a programme's page, the form, and the submit and withdraw steps.

Every page reads through ``Programme.objects.visible_to(user)`` (404 for what the user may not
see); the form and the steps call :mod:`niokr.projects.lifecycle.programmes`, which decides and
refuses with the reason shown on the page. No view changes a status.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from niokr.accounts.choices import Role
from niokr.core.views import ListPage
from niokr.projects.lifecycle.access import programme_roles
from niokr.projects.lifecycle.programme_filters import ProgrammeFilterSet, listed_programmes
from niokr.projects.lifecycle.programme_forms import ProgrammeForm
from niokr.projects.lifecycle.programme_tables import ProgrammeTable
from niokr.projects.lifecycle.programmes import (
    applicants_for, create_programme, edit_programme, edit_refusal, eligible_projects, input_of, link_project, project_for_link, submit_programme, version_diff,
    withdraw_programme,
)
from niokr.projects.lifecycle.workflow import TransitionRefused, available, workflow_of
from niokr.projects.models import Agreement, Programme
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["reads_programmes", "ProgrammeListView", "programme_detail", "programme_create", "programme_edit", "programme_submit", "programme_withdraw", "programme_link_project", "decisions_of"]


def reads_programmes(user) -> bool:
    """Whom the menu offers the programmes: a subsoil user's staff (they apply), the ministries'
    regulators and councils, the state experts and selection officers, the control body."""
    from niokr.accounts.scoping import scope_for
    from niokr.projects.lifecycle.access import is_administrator, memberships

    scope = scope_for(user)
    if scope.everything or scope.company_ids or scope.mineral_groups or is_administrator(user):
        return True
    return bool(memberships(user, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER, Role.EXPERT, Role.SELECTION_OFFICER))


class ProgrammeListView(ListPage):
    """R&D programmes and technical assignments the user may see, with the current version's words."""

    model = Programme
    filterset_class = ProgrammeFilterSet
    table_class = ProgrammeTable
    title = capfirst(gettext_lazy("R&D programmes"))
    export_name = "programmes"
    template_name = "lifecycle/programme_list.html"

    def get_base_queryset(self):
        return listed_programmes(Programme.objects.visible_to(self.request.user)).order_by("-created_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_create"] = applicants_for(self.request.user).exists()
        return context


def _programme(request, reference: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user).select_related("applicant", "created_by"), reference=reference)


def _expertises(version) -> list:
    """The state expertises of ``version`` (the expertise part may name one or several)."""
    found = []
    many = getattr(version, "expertises", None)
    if many is not None and hasattr(many, "all"):
        found.extend(many.all())
    try:
        one = getattr(version, "expertise", None)
    except ObjectDoesNotExist:
        one = None
    if one is not None and not hasattr(one, "all") and one not in found:
        found.append(one)
    return found


def decisions_of(version) -> dict:
    """What was decided on ``version``: its agenda items (with their results) and its state expertises."""
    items = list(version.agenda_items.select_related("session", "session__council").order_by("session__held_on", "pk"))
    return {"items": items, "expertises": _expertises(version)}


def _steps(programme, user) -> list[dict]:
    out = []
    for transition, refusal in available(workflow_of("programme"), programme, user):
        url = reverse(f"lifecycle:programme-{transition.name}", args=[programme.reference]) if transition.name in ("submit", "withdraw") else ""
        out.append({"name": transition.name, "label": transition.label, "refusal": refusal, "url": url if not refusal else ""})
    return out


@login_required
def programme_detail(request, reference: str):
    """A programme: its current version, every version with what it changed, the decisions on each, the steps open to the user."""
    programme = _programme(request, reference)
    budget = Prefetch("budget")
    rights = Prefetch("rights", queryset=SubsoilRight.objects.order_by("number"))
    versions = list(programme.versions.select_related("performer", "created_by").prefetch_related(budget, rights).order_by("number"))
    current = versions[-1] if versions else None
    visible_rights = set(SubsoilRight.objects.visible_to(request.user).filter(programme_versions__programme=programme).values_list("pk", flat=True))
    rows = []
    for n, version in enumerate(versions):
        rows.append({
            "version": version,
            "changes": version_diff(versions[n - 1], version) if n else [],
            "decisions": decisions_of(version),
            "total": sum((line.amount for line in version.budget.all()), start=0),
        })
    roles = programme_roles(programme, request.user)
    edit_reason = edit_refusal(programme, request.user) if Role.COMPANY in roles else None
    context = {
        "title": programme.reference,
        "programme": programme,
        "current": current,
        "rows": list(reversed(rows)),
        "total": rows[-1]["total"] if rows else 0,
        "rights": [(right, right.pk in visible_rights) for right in (current.rights.all() if current else [])],
        "steps": _steps(programme, request.user),
        "may_edit": Role.COMPANY in roles,
        "edit_reason": edit_reason,
        "applicant_visible": Organisation.objects.visible_to(request.user).filter(pk=programme.applicant_id).exists(),
        **_carried_out(programme, request.user, roles),
    }
    return render(request, "lifecycle/programme_detail.html", context)


def _carried_out(programme, user, roles) -> dict:
    """The project that carries the programme out (with its agreements the user sees), or — for the
    applicant's staff, once approved — the projects it may be linked to."""
    from niokr.projects.models import Project

    if programme.project_id:
        project = Project.objects.filter(pk=programme.project_id).first()
        visible = Project.objects.visible_to(user).filter(pk=programme.project_id).exists()
        agreements = list(Agreement.objects.visible_to(user).filter(project_id=programme.project_id).select_related("payer").order_by("signed_on", "pk"))
        return {"linked_project": project, "linked_visible": visible, "linked_agreements": agreements}
    if programme.status == "approved" and Role.COMPANY in roles:
        return {"link_choices": eligible_projects(programme), "may_link": True}
    return {}


def programme_of_project(project, user) -> dict:
    """For the project's page: the programme it carries out — reference, title of the current version,
    the council's decision and the state expertise (the last ones taken), and whether the user may open it."""
    from niokr.projects.models import AgendaItem

    programme = Programme.objects.filter(project=project).select_related("applicant").first()
    if programme is None:
        return {}
    current = programme.current
    decision = AgendaItem.objects.filter(version__programme=programme, decided_at__isnull=False).select_related("session").order_by("-decided_at", "-pk").first()
    expertises = [e for version in programme.versions.order_by("-number") for e in _expertises(version)]
    expertise = next((e for e in expertises if getattr(e, "confirmed_at", None)), expertises[0] if expertises else None)
    return {
        "carried_programme": programme, "carried_version": current, "carried_decision": decision, "carried_expertise": expertise,
        "carried_visible": Programme.objects.visible_to(user).filter(pk=programme.pk).exists(),
    }


def _form_page(request, form, *, programme=None, refusal=None):
    title = _("Edit programme %(reference)s") % {"reference": programme.reference} if programme else _("New R&D programme")
    return render(request, "lifecycle/programme_form.html", {"title": title, "form": form, "programme": programme, "refusal": refusal})


@login_required
def programme_create(request):
    """The form of a new programme, for the staff of a subsoil user (or its holding)."""
    applicants = list(applicants_for(request.user))
    if not applicants:
        return _form_page(request, None, refusal=_("Only the staff of a subsoil user submit R&D programmes, for their organisation or its subsidiaries."))
    if request.method != "POST":
        form = ProgrammeForm(applicants=applicants, initial={"applicant": applicants[0].bin})
        return _form_page(request, form)
    form = ProgrammeForm(request.POST, applicants=applicants)
    if form.is_valid():
        applicant = next((org for org in applicants if org.bin == form.cleaned_data["applicant"]), None)
        try:
            programme = create_programme(actor=request.user, applicant=applicant, raw=form.raw())
        except ValidationError as refused:
            form.add_service_errors(refused.message_dict)
        except TransitionRefused as refused:
            form.add_error(None, refused.reason)
        else:
            messages.success(request, _("Programme %(reference)s is saved as a draft. Submit it to the council when it is complete.") % {"reference": programme.reference})
            return redirect("lifecycle:programme-detail", programme.reference)
    return _form_page(request, form)


@login_required
def programme_edit(request, reference: str):
    """The form of an existing programme: a draft changed in place, a submitted one as a new version."""
    programme = _programme(request, reference)
    refusal = edit_refusal(programme, request.user)
    if refusal:
        return _form_page(request, None, programme=programme, refusal=refusal)
    values = input_of(programme.current)
    lines = len(values["budget"])
    if request.method != "POST":
        return _form_page(request, ProgrammeForm(programme=programme, initial=ProgrammeForm.initial_of(values), budget_lines=lines), programme=programme)
    form = ProgrammeForm(request.POST, programme=programme, budget_lines=lines)
    if form.is_valid():
        try:
            version = edit_programme(actor=request.user, programme=programme, raw=form.raw())
        except ValidationError as refused:
            form.add_service_errors(refused.message_dict)
        except TransitionRefused as refused:
            form.add_error(None, refused.reason)
        else:
            if version.number > 1 and version.submitted_at is not None:
                messages.success(request, _("Version %(number)s of the programme is submitted; the earlier versions are kept as they were.") % {"number": version.number})
            else:
                messages.success(request, _("The draft is saved."))
            return redirect("lifecycle:programme-detail", programme.reference)
    return _form_page(request, form, programme=programme)


def _step(request, reference: str, service, done: str):
    programme = _programme(request, reference)
    try:
        service(actor=request.user, programme=programme, reason=request.POST.get("reason", "")[:2000])
    except TransitionRefused as refused:
        messages.error(request, refused.reason)
    else:
        messages.success(request, done % {"reference": programme.reference})
    return redirect("lifecycle:programme-detail", programme.reference)


@login_required
@require_POST
def programme_submit(request, reference: str):
    """Submit the programme to its ministry's council (refused with the reason, nothing changed)."""
    return _step(request, reference, submit_programme, _("Programme %(reference)s is submitted to the council."))


@login_required
@require_POST
def programme_withdraw(request, reference: str):
    """Withdraw the programme (refused with the reason, nothing changed)."""
    return _step(request, reference, withdraw_programme, _("Programme %(reference)s is withdrawn."))


@login_required
@require_POST
def programme_link_project(request, reference: str):
    """Link the approved programme to the project that carries it out (refused with the reason, nothing changed)."""
    programme = _programme(request, reference)
    code = request.POST.get("project", "")[:64]
    project = project_for_link(programme, request.user, code)
    if project is None:
        messages.error(request, _("Choose the project from the list.") if not code.strip() else _("No project with code %(code)s can be linked to this programme.") % {"code": code.strip()})
        return redirect("lifecycle:programme-detail", programme.reference)
    try:
        link_project(programme, project, request.user)
    except TransitionRefused as refused:
        messages.error(request, refused.reason)
    else:
        messages.success(request, _("Programme %(reference)s is carried out by project %(project)s.") % {"reference": programme.reference, "project": project.code})
    return redirect("lifecycle:programme-detail", programme.reference)
