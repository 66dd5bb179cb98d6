"""Pages of the control app: flags, the indicator catalogue, risk scores, audit cases, notices, runs.

Every list and object is read through its model's ``visible_to(user)`` (see
:mod:`niokr.control.querysets`): auditors and administrators read everything, regulators the subsoil
users of their competence, company staff their own cases (once the auditor has written to them)
and notices — never flags or scores. What a user may not see is "not found". Flags and scores are
those of the current runs.

Views parse, authorise and call :mod:`niokr.control.services` (or queue a run through
:mod:`niokr.control.tasks`); a refusal of a service is shown in the user's language.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_tables2 import RequestConfig, SingleTableMixin

from niokr.accounts.people import PeopleNames
from niokr.accounts.scoping import scope_for
from niokr.control import services, tasks
from niokr.control.choices import SubjectType
from niokr.control.filtersets import AuditCaseFilterSet, ControlRunFilterSet, FlagFilterSet, NoticeFilterSet, RiskScoreFilterSet
from niokr.control.forms import (
    AnswerForm,
    AssignForm,
    ConfirmForm,
    DismissForm,
    FindingsForm,
    OpenCaseForm,
    RequestDocumentsForm,
    RunForm,
    case_file_path,
    store_case_file,
)
from niokr.control.models import AuditCase, CaseItem, ControlRun, DocumentRequest, Flag, Notice, RiskScore
from niokr.control.evidence import Reading, json_value, language, threshold_rows
from niokr.control.tables import (
    AuditCaseTable,
    CatalogueTable,
    ControlRunTable,
    FlagTable,
    NoticeTable,
    RiskScoreTable,
    SubjectLinks,
    catalogue_by_code,
    catalogue_rows,
    contributions_text,
    indicator_title,
    latest_national_run,
    primed_rows,
    reads_control,
    run_label,
)
from niokr.core.audit import action_label
from niokr.core.exports import EXPORT_FORMATS, export_response
from niokr.core.filtersets import is_filtered
from niokr.core.models import AuditEvent
from niokr.core.tables import export_cells, sorted_as_shown
from niokr.core.templatetags.niokr import day, localized, number
from niokr.core.views import ListPage
from niokr.registry.models import Organisation

__all__ = [
    "reads_control", "answers_cases", "FlagListView", "flag_detail", "CatalogueView", "RiskScoreListView", "risk_panel",
    "AuditCaseListView", "case_detail", "case_open", "case_assign", "case_request", "case_findings", "case_confirm",
    "case_dismiss", "request_answer", "request_file", "NoticeListView", "ControlRunListView", "run_start",
]

#: Flags listed per indicator on a risk panel; the rest are one click away in the flags list.
PANEL_FLAGS = 10
#: Payments and agreements listed among a subsoil user's top-scored subjects.
PANEL_SUBJECTS = 10



def answers_cases(user) -> bool:
    """Company staff who read their own cases and notices (and no flags)."""
    return bool(scope_for(user).company_ids) and not reads_control(user)


def tabs(user, path: str) -> list[dict]:
    """The control section's tabs the user has a use for, the current one marked."""
    names = [
        ("control:flag-list", gettext_lazy("Flags")),
        ("control:score-list", gettext_lazy("Risk scores")),
        ("control:case-list", gettext_lazy("Audit cases")),
        ("control:notice-list", gettext_lazy("Notices")),
        ("control:indicator-list", gettext_lazy("Indicators")),
        ("control:run-list", gettext_lazy("Runs")),
    ]
    if not reads_control(user):
        names = [n for n in names if n[0] in ("control:case-list", "control:notice-list")]
    entries = []
    for name, label in names:
        url = reverse(name)
        entries.append({"url": url, "label": label, "active": path == url or (url != reverse("control:flag-list") and path.startswith(url))})
    return entries


def _refusal(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _back(request, default: str) -> str:
    """The page to return to: the posted ``next`` when it is a path of this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


#: What a company's or performer's page of the control body's working papers says instead of rows.
WORKING_PAPERS = gettext_lazy(
    "Flags, risk scores and control runs are the control body's working papers: they are shown to auditors and to the "
    "regulators of the competent ministries. Audit cases and notices that concern your organisation are on the "
    "«Audit cases» and «Notices» tabs."
)


def has_run(user) -> bool:
    """Whether a control run has completed that ``user`` may see (national, or of a subsoil user in its scope)."""
    return ControlRun.objects.visible_to(user).filter(status="completed").exists()


def no_run_yet(user) -> str:
    """Why the control lists are empty before the first run, and what fills them, for ``user``."""
    if services.can_audit(user):
        return _("Control has not been run yet. Start a national run on the «Runs» tab (Run now): flags, risk scores and coverage appear here when it ends.")
    return _("Control has not been run yet. Runs are started by the control body (auditors and administrators): flags and risk scores appear here when the first run ends.")


def run_reason(user) -> str:
    """Why ``user`` has no «Run now» (empty for those who have it)."""
    if services.can_audit(user):
        return ""
    return _("Control runs are started by the control body (auditors and administrators), here or on the operator's schedule; regulators read their results.")


class ControlPage(ListPage):
    """A list of the control section: the registry's list page with the section's tabs.

    ``readers_only`` lists (flags, scores, runs) say to companies and performers why they hold
    nothing for them; every list says why it is empty (:meth:`empty_text`).
    """

    template_name = "control/list.html"
    readers_only = False

    def filtered(self) -> bool:
        """Whether the request narrows the rows (an export builds its filters without keeping them)."""
        filterset = getattr(self, "filterset", None)
        return filterset is not None and is_filtered(filterset)

    def empty_text(self) -> str:
        user = self.request.user
        if self.readers_only and not reads_control(user):
            return str(WORKING_PAPERS)
        if self.filtered():
            return str(_("Nothing matches the filters: widen or reset them."))
        if self.readers_only and not has_run(user):
            return no_run_yet(user)
        return self.empty_since_run()

    def empty_since_run(self) -> str:
        return str(_("Nothing to show."))

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "empty_text": self.empty_text()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tabs"] = tabs(self.request.user, self.request.path)
        if self.readers_only and not reads_control(self.request.user):
            context["show_filters"] = False
            context["hide_export"] = True
            context["working_papers"] = WORKING_PAPERS
        return context


class _PrimedExport:
    """An export of a subject table: its rows read in chunks, each chunk's subjects and evidence read at once."""

    def export(self, fmt: str):
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
        queryset = self.export_queryset(queryset, filterset)
        table = RequestConfig(self.request, paginate=False).configure(self.get_table_class()(queryset, **self.get_table_kwargs()))
        rows = primed_rows(table, sorted_as_shown(table, queryset).iterator(chunk_size=2000))
        headers, cells = export_cells(table, rows)
        return export_response(fmt, filename=self.get_export_name(), headers=headers, rows=cells, request=self.request)


class FlagListView(_PrimedExport, ControlPage):
    """Flags of the current runs, largest amount at stake first; auditors and regulators open a case from a selection."""

    model = Flag
    filterset_class = FlagFilterSet
    table_class = FlagTable
    template_name = "control/flag_list.html"
    title = gettext_lazy("Flags")
    export_name = "flags"
    readers_only = True

    def get_base_queryset(self):
        return Flag.objects.visible_to(self.request.user).current().select_related("payer")

    def order_rows(self, queryset, *, filtered: bool):
        return queryset.order_by(F("amount").desc(nulls_last=True), "indicator", "pk")

    def empty_since_run(self) -> str:
        return str(_("The current control runs found no flags on the subsoil users you see."))

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "selectable": services.can_open_case(self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_open"] = services.can_open_case(self.request.user)
        context["open_form"] = OpenCaseForm()
        context["regulator_opens"] = context["can_open"] and not services.can_audit(self.request.user)
        return context


def _in(texts, lang: str) -> str:
    """A trilingual text of the catalogue in ``lang`` (English where it has none)."""
    return texts.get(lang) or texts.get("en", "")


def _subject_cases(user, subject_type: str, subject_id: int, year: int | None):
    """The cases (visible to ``user``) with an item on this subject."""
    items = CaseItem.objects.filter(subject_type=subject_type, subject_id=subject_id)
    if subject_type in (SubjectType.PAYER_YEAR, SubjectType.RIGHT_YEAR):
        items = items.filter(year=year)
    return AuditCase.objects.visible_to(user).filter(pk__in=items.values("case_id")).select_related("assignee").order_by("-opened_at", "-id")


@login_required
def flag_detail(request, pk: int):
    """One flag: its indicator (rationale, legal basis, thresholds in force), the evidence, the cases on its subject."""
    flag = get_object_or_404(Flag.objects.visible_to(request.user).select_related("run", "run__payer", "payer"), pk=pk)
    lang = language()
    by_code = catalogue_by_code()
    indicator = by_code.get(flag.indicator)
    links = SubjectLinks()
    links.add([flag])
    reading = Reading()
    reading.add([flag])
    can_open = services.may_open_case_on(request.user, flag.payer_id)
    context = {
        "title": _("Flag: %(title)s") % {"title": indicator_title(flag.indicator, lang, by_code=by_code) or flag.indicator},
        "tabs": tabs(request.user, reverse("control:flag-list")),
        "flag": flag,
        "indicator": indicator,
        "indicator_title": indicator_title(flag.indicator, lang, by_code=by_code),
        "rationale": _in(indicator.rationale, lang) if indicator else "",
        "legal_basis": _in(indicator.legal_basis, lang) if indicator else "",
        "thresholds": threshold_rows(indicator, (flag.run.parameters or {}).get(flag.indicator, {}), lang, reading),
        "evidence": reading.rows(flag.evidence, lang),
        "explanation": reading.explanation(flag.indicator, flag.evidence, lang, by_code=by_code),
        "subject": links.cell(flag),
        "subject_type": SubjectType(flag.subject_type).label,
        "run": run_label(flag.run),
        "cases": list(_subject_cases(request.user, flag.subject_type, flag.subject_id, flag.year)),
        "can_open": can_open,
        "regulator_opens": can_open and not services.can_audit(request.user),
        "open_form": OpenCaseForm(initial={"flags": [flag.pk]}),
    }
    return render(request, "control/flag_detail.html", context)


class CatalogueView(LoginRequiredMixin, SingleTableMixin, TemplateView):
    """The indicator catalogue, with the figures of the latest national run the user may see.

    The catalogue is the control body's method: it is listed to auditors and regulators; for
    anyone else the table is empty and says so. Below the table each indicator is written out: its
    rationale, legal basis and thresholds (their meaning, default and value in force).
    """

    table_class = CatalogueTable
    template_name = "control/catalogue.html"
    table_pagination = False

    def _rows(self) -> list[dict]:
        if not hasattr(self, "_catalogue"):
            self._catalogue = catalogue_rows(self.request.user)
        return self._catalogue

    def get_table_data(self) -> list[dict]:
        rows = []
        for row in self._rows():
            share = row["share_flagged"]
            rows.append({
                **row,
                "thresholds": "; ".join(f"{t['label']}: {t['default_display']} → {t['value_display']}" for t in row["thresholds"]),
                "share": round(100 * share, 1) if share is not None else None,
                "warning": _("Too loose: more than %(limit)s%% of its subjects flagged") % {"limit": number(100 * row["loose_limit"], 1)} if row["too_loose"] else "",
            })
        return rows

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        if reads_control(self.request.user) and not self._rows():
            kwargs["empty_text"] = _("The catalogue holds no indicator.")
        return kwargs

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt is None:
            return super().get(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS:
            raise Http404("unknown export format")
        table = RequestConfig(request, paginate=False).configure(self.get_table())
        headers, rows = export_cells(table)
        return export_response(fmt, filename="indicators", headers=headers, rows=rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        reader = reads_control(self.request.user)
        run = latest_national_run(self.request.user) if reader else None
        context.update(
            title=_("Indicator catalogue"),
            tabs=tabs(self.request.user, self.request.path),
            run=run,
            run_label=run_label(run) if run else "",
            no_run=no_run_yet(self.request.user) if reader and run is None else "",
            indicators=self._rows(),
            export_query=query.urlencode(),
            hide_export=not reader,
        )
        return context


class RiskScoreListView(_PrimedExport, ControlPage):
    """Risk scores of the current runs, highest first (subsoil-user-years unless asked otherwise)."""

    model = RiskScore
    filterset_class = RiskScoreFilterSet
    table_class = RiskScoreTable
    title = gettext_lazy("Risk scores")
    export_name = "risk-scores"
    readers_only = True

    def get_base_queryset(self):
        return RiskScore.objects.visible_to(self.request.user).current().select_related("payer")

    def order_rows(self, queryset, *, filtered: bool):
        return queryset.order_by("-score", F("amount").desc(nulls_last=True), "pk")

    def empty_text(self) -> str:
        user = self.request.user
        if reads_control(user) and has_run(user) and not self.filtered():
            return str(_("No subject of this type was flagged by the current control runs: every score is 0."))
        return super().empty_text()


def _control_payers(user):
    """The organisations whose flags and scores ``user`` reads."""
    scope = scope_for(user)
    if scope.everything:
        return Organisation.objects.all()
    if scope.mineral_groups:
        return Organisation.objects.holding_rights_of(scope.mineral_groups)
    return Organisation.objects.none()


def _contributions(score: RiskScore, by_code: dict, lang: str) -> list[dict]:
    return [
        {**c, "title": indicator_title(c.get("indicator", ""), lang, by_code=by_code), "amount": Decimal(c["amount_tiyn"]) / 100 if c.get("amount_tiyn") is not None else None}
        for c in json_value(score.contributions) or ()
    ]


@login_required
def risk_panel(request, org_id: int):
    """A subsoil user's risk: its score per year with the contributions, its top-scored payments and agreements, its flags."""
    org = get_object_or_404(_control_payers(request.user), pk=org_id)
    user = request.user
    lang = language()
    by_code = catalogue_by_code()
    scores = RiskScore.objects.visible_to(user).current().filter(payer=org)
    years = list(scores.filter(subject_type=SubjectType.PAYER_YEAR).order_by("-year"))
    for s in years:
        s.parts = _contributions(s, by_code, lang)
    top = list(scores.filter(subject_type__in=(SubjectType.PAYMENT, SubjectType.AGREEMENT)).order_by("-score", F("amount").desc(nulls_last=True), "pk")[:PANEL_SUBJECTS])
    flags = Flag.objects.visible_to(user).current().filter(payer=org)
    groups = {row["indicator"]: {**row, "flags": []} for row in flags.values("indicator").annotate(n=Count("id"), total=Sum("amount")).order_by("indicator")}
    ranked = flags.annotate(rank=Window(RowNumber(), partition_by=[F("indicator")], order_by=[F("amount").desc(nulls_last=True), F("pk").asc()])).filter(rank__lte=PANEL_FLAGS)
    shown = list(ranked.order_by("indicator", "rank"))
    links = SubjectLinks()
    links.add(shown + top)
    reading = Reading()
    reading.add(shown)
    for f in shown:
        f.subject_cell = links.cell(f)
        f.text = reading.explanation(f.indicator, f.evidence, lang, by_code=by_code)
        groups[f.indicator]["flags"].append(f)
    for s in top:
        s.subject_cell = links.cell(s)
        s.why = contributions_text(s.contributions)
    flag_list = reverse("control:flag-list")
    for code, g in groups.items():
        g["title"] = indicator_title(code, lang, by_code=by_code)
        g["more"] = g["n"] > len(g["flags"])
        g["list_url"] = f"{flag_list}?payer={org.bin}&indicator={code}"
    ran = has_run(user)
    context = {
        "title": _("Risk panel: %(name)s") % {"name": localized(org, "name")},
        "tabs": tabs(user, reverse("control:score-list")),
        "organisation": org,
        "years": years,
        "top": top,
        "groups": list(groups.values()),
        "can_run": services.can_audit(user),
        "run_reason": run_reason(user),
        "no_run": "" if ran else no_run_yet(user),
        "run_form": RunForm(initial={"payer": org.pk}),
        "flags_url": f"{flag_list}?payer={org.bin}",
    }
    return render(request, "control/risk_panel.html", context)


class AuditCaseListView(ControlPage):
    """Audit cases the user may see, latest first."""

    model = AuditCase
    filterset_class = AuditCaseFilterSet
    table_class = AuditCaseTable
    title = gettext_lazy("Audit cases")
    export_name = "audit-cases"

    def get_base_queryset(self):
        return AuditCase.objects.visible_to(self.request.user).select_related("payer", "assignee")

    def empty_text(self) -> str:
        user = self.request.user
        if self.filtered():
            return str(_("Nothing matches the filters: widen or reset them."))
        if services.can_open_case(user):
            return str(_("No audit case yet. A case is opened from flags: tick flags of one subsoil user on the «Flags» tab and press «Open a case»."))
        if scope_for(user).company_ids:
            return str(_("No audit case concerns your organisation. A case appears here once an auditor requests documents from you or closes a case on you."))
        return str(_("Audit cases concern subsoil users: they are shown to the audited company, to auditors and to the regulators of the competent ministries."))


def _visible_case(request, pk: int) -> AuditCase:
    return get_object_or_404(AuditCase.objects.visible_to(request.user).select_related("payer", "assignee", "opened_by"), pk=pk)


def _case_page(request, case: AuditCase, bound: dict | None = None):
    """The case page; ``bound`` holds the posted form that failed (by its name), shown with its errors and input."""
    user = request.user
    bound = bound or {}
    lang = language()
    by_code = catalogue_by_code()
    items = list(case.items.order_by("pk"))
    links = SubjectLinks()
    links.add(items)
    reading = Reading()
    reading.add(items)
    for item in items:
        item.title = indicator_title(item.indicator, lang, by_code=by_code)
        item.text = reading.explanation(item.indicator, item.evidence, lang, by_code=by_code)
        item.subject_cell = links.cell(item)
    requests = list(case.requests.select_related("requested_by", "answered_by").order_by("requested_at", "pk"))
    auditor = services.can_audit(user)
    open_ = not case.is_closed
    answering = open_ and services.can_answer(user, case)
    for req in requests:
        req.form = (bound.get(f"answer-{req.pk}") or AnswerForm()) if answering and req.answered_at is None else None
    reader = reads_control(user)
    history = list(AuditEvent.objects.filter(
        Q(object_type="control.AuditCase", object_id=str(case.pk)) | Q(object_type="control.DocumentRequest", object_id__in=[str(r.pk) for r in requests])
    ).order_by("seq")) if reader else []
    people, names = get_user_model().objects.in_bulk({e.actor_id for e in history if e.actor_id}), PeopleNames()
    for event in history:
        event.label = action_label(event.action)
        # The trail keeps the login frozen; the page names the person in the reader's language.
        event.who = names(people.get(event.actor_id) or event.actor_name)
    forms = {}
    if auditor and open_:
        forms = {
            "assign": bound.get("assign") or AssignForm(case=case),
            "request": bound.get("request") or RequestDocumentsForm(case=case),
            "findings": bound.get("findings") or FindingsForm(case=case),
            "confirm": bound.get("confirm") or ConfirmForm(case=case),
            "dismiss": bound.get("dismiss") or DismissForm(case=case),
        }
        for item in forms["confirm"].items:
            item.subject_text = links.text(item)
    context = {
        "title": _("Audit case %(reference)s") % {"reference": case.reference},
        "tabs": tabs(user, reverse("control:case-list")),
        "case": case,
        "items": items,
        "requests": requests,
        "forms": forms,
        "history": history,
        "reader": reader,
        "show_findings": reader or case.is_closed,
        "payer_url": reverse("control:risk-panel", args=[case.payer_id]) if reader else None,
        # A regulator follows the case; the control body works it. Say so rather than show nothing.
        "actions_reason": _("The control body (auditors and administrators) works the case: it assigns it, requests documents from the company and decides. You follow it here.") if reader and not auditor and open_ else "",
    }
    return render(request, "control/case_detail.html", context)


@login_required
def case_detail(request, pk: int):
    """A case: its items, document requests and answers; the audit actions for auditors, the answer form for the company."""
    return _case_page(request, _visible_case(request, pk))


@login_required
@require_POST
def case_open(request):
    """Open a case from the flags chosen (auditors, administrators; regulators on the subsoil users of their competence)."""
    if not services.can_open_case(request.user):
        raise PermissionDenied(_("Only auditors, administrators and the regulators of the competent ministry open audit cases."))
    back = _back(request, reverse("control:flag-list"))
    form = OpenCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        case = services.open_case(actor=request.user, flag_ids=form.cleaned_data["flags"], title=form.cleaned_data["title"])
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
        return redirect(back)
    items = case.items.count()
    messages.success(request, ngettext(
        "Case %(reference)s is open with %(items)s item.", "Case %(reference)s is open with %(items)s items.", items,
    ) % {"reference": case.reference, "items": items})
    if case.assignee_id is None:
        messages.info(request, _("The case waits for the control body: an auditor will take it, request documents and decide."))
    return redirect("control:case-detail", case.pk)


def _audit_action(request, pk: int, name: str, form_class, perform, done: str):
    """Run an auditor's action on a case: the form, the service, the message.

    A form that does not validate, or a refusal of the service (said in a message), shows the case
    page again with what was posted.
    """
    if not services.can_audit(request.user):
        raise PermissionDenied(_("Only auditors and administrators can work on audit cases."))
    case = _visible_case(request, pk)
    form = form_class(request.POST, case=case)
    if form.is_valid():
        try:
            perform(case, form)
        except ValidationError as exc:
            messages.error(request, _refusal(exc))
        else:
            messages.success(request, done)
            return redirect("control:case-detail", case.pk)
    case.refresh_from_db()
    return _case_page(request, case, bound={name: form})


@login_required
@require_POST
def case_assign(request, pk: int):
    def perform(case, form):
        services.assign_case(actor=request.user, case=case, assignee=form.cleaned_data["assignee"])

    return _audit_action(request, pk, "assign", AssignForm, perform, _("The case is assigned."))


@login_required
@require_POST
def case_request(request, pk: int):
    def perform(case, form):
        services.request_documents(actor=request.user, case=case, text=form.cleaned_data["text"], due_on=form.cleaned_data["due_on"])

    return _audit_action(request, pk, "request", RequestDocumentsForm, perform, _("The documents are requested; the company sees the request and a notice."))


@login_required
@require_POST
def case_findings(request, pk: int):
    def perform(case, form):
        services.record_findings(actor=request.user, case=case, findings=form.cleaned_data["findings"])

    return _audit_action(request, pk, "findings", FindingsForm, perform, _("The findings are recorded."))


@login_required
@require_POST
def case_confirm(request, pk: int):
    def perform(case, form):
        services.confirm_case(actor=request.user, case=case, reason=form.cleaned_data["reason"], amounts=form.amounts(), dismissed_items=form.dismissed())

    return _audit_action(request, pk, "confirm", ConfirmForm, perform, _("The case is closed as confirmed: the exclusions are posted, the balances recomputed and the company notified."))


@login_required
@require_POST
def case_dismiss(request, pk: int):
    def perform(case, form):
        services.dismiss_case(actor=request.user, case=case, reason=form.cleaned_data["reason"])

    return _audit_action(request, pk, "dismiss", DismissForm, perform, _("The case is closed without findings; the company is notified."))


def _case_request(request, pk: int, request_id: int) -> tuple[AuditCase, DocumentRequest]:
    case = _visible_case(request, pk)
    return case, get_object_or_404(DocumentRequest.objects.filter(case=case), pk=request_id)


@login_required
@require_POST
def request_answer(request, pk: int, request_id: int):
    """The company answers a document request (text and an optional file)."""
    case, req = _case_request(request, pk, request_id)
    if not services.can_answer(request.user, case):
        raise PermissionDenied(_("Only staff of the audited company can answer its document requests."))
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        name, sha256 = store_case_file(upload) if upload is not None else ("", "")
        try:
            services.answer_request(actor=request.user, request=req, answer=form.cleaned_data["answer"], file_name=name, file_sha256=sha256)
        except ValidationError as exc:
            messages.error(request, _refusal(exc))
        else:
            messages.success(request, _("Your answer is sent to the auditor."))
            return redirect("control:case-detail", case.pk)
    return _case_page(request, case, bound={f"answer-{req.pk}": form})


@login_required
def request_file(request, pk: int, request_id: int):
    """The file attached to an answer, under the name it was sent with."""
    _case, req = _case_request(request, pk, request_id)
    if not req.answer_sha256:
        raise Http404("no file attached")
    path = case_file_path(req.answer_sha256)
    if not path.is_file():
        raise Http404("the stored file is missing")
    return FileResponse(path.open("rb"), as_attachment=True, filename=req.answer_file or req.answer_sha256)


class NoticeListView(ControlPage):
    """Notices sent to the user's organisations (regulators: of their competence; auditors: all)."""

    model = Notice
    filterset_class = NoticeFilterSet
    table_class = NoticeTable
    title = gettext_lazy("Notices")
    export_name = "notices"

    def get_base_queryset(self):
        return Notice.objects.visible_to(self.request.user).select_related("organisation", "case")

    def empty_text(self) -> str:
        user = self.request.user
        if self.filtered():
            return str(_("Nothing matches the filters: widen or reset them."))
        if reads_control(user):
            return str(_("No notice has been sent yet. The control body sends one when it requests documents in an audit case or closes a case."))
        return str(_("No notice to your organisation. The control body writes here when it requests documents in an audit case or closes a case on you."))


class ControlRunListView(ControlPage):
    """Control runs with their counts, phases and warnings; auditors start a national run."""

    model = ControlRun
    filterset_class = ControlRunFilterSet
    table_class = ControlRunTable
    template_name = "control/run_list.html"
    title = gettext_lazy("Control runs")
    export_name = "control-runs"

    readers_only = True

    def get_base_queryset(self):
        return ControlRun.objects.visible_to(self.request.user).select_related("payer")

    def empty_text(self) -> str:
        user = self.request.user
        if reads_control(user) and not self.filtered():
            if services.can_audit(user):
                return str(_("No control run yet. Press «Run now for the whole country» above: the run evaluates every indicator and lists its flags, risk scores and coverage."))
            return str(_("No control run yet. Runs are started by the control body (auditors and administrators); their results appear here and on the «Flags» and «Risk scores» tabs."))
        return super().empty_text()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_run"] = services.can_audit(self.request.user)
        context["run_reason"] = run_reason(self.request.user) if reads_control(self.request.user) else ""
        context["run_form"] = RunForm()
        return context


@login_required
@require_POST
def run_start(request):
    """Queue a control run: national, or for the subsoil user posted (auditors)."""
    if not services.can_audit(request.user):
        raise PermissionDenied(_("Only auditors and administrators start a control run."))
    form = RunForm(request.POST)
    if not form.is_valid():
        raise Http404("no such subsoil user")
    payer = None
    if form.cleaned_data["payer"] is not None:
        payer = get_object_or_404(_control_payers(request.user), pk=form.cleaned_data["payer"])
    tasks.start_run(actor=request.user, payer=payer)
    if payer is None:
        messages.info(request, _("A national control run is queued; it appears in this list when it starts."))
    else:
        messages.info(request, _("A control run for %(name)s is queued; it appears in this list when it starts.") % {"name": localized(payer, "name")})
    return redirect("control:run-list")
