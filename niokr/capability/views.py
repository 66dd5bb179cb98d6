"""Pages of the capability app: audits, readiness assessments, the project's readiness, the aggregates, the versions.

Views parse and authorise; the services (:mod:`niokr.capability.services`) decide and refuse. Every
object is read through :mod:`niokr.capability.access` (404 when out of the user's scope); every POST
re-checks the right to act (403 when refused) inside the service's transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.capability import access, charts, queries, services
from niokr.capability.choices import Archetype, AuditKind, AuditStatus, ReadinessKind, VersionStatus
from niokr.capability.forms import (
    AssessmentStartForm,
    AuditAnswersForm,
    AuditStartForm,
    CorrectionForm,
    QuestionEditForm,
    ReadinessAnswersForm,
    ReadinessQuestionEditForm,
)
from niokr.capability.models import (
    Assessment,
    Audit,
    Dimension,
    Question,
    Questionnaire,
    ReadinessQuestion,
    ReadinessQuestionSet,
)
from niokr.capability.models.common import in_language
from niokr.core.paging import bounded_page_size, page_number
from niokr.core.reference import TRL_LEVELS
from niokr.projects.lifecycle.documents import EVIDENCE_KINDS, document_path, keep_document
from niokr.projects.models import Project
from niokr.registry.models import Organisation

#: Where the evidence files of audits and assessments are kept (``DATA_DIR/capability-evidence``).
EVIDENCE_FOLDER = "capability-evidence"
PAGE_SIZE = 50


def _page(request, queryset):
    paginator = Paginator(queryset, bounded_page_size(request.GET.get("per_page"), PAGE_SIZE))
    return paginator.get_page(page_number(request.GET.get("page")))


def _refusal(form_or_request, exc: ValidationError) -> None:
    """Put a service's refusal on a form (by field where it names one) or in the page's messages."""
    if hasattr(form_or_request, "add_error"):
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form_or_request.add_error(field if field in form_or_request.fields else None, error)
        else:
            for error in exc.messages:
                form_or_request.add_error(None, error)
    else:
        for error in exc.messages:
            messages.error(form_or_request, error)


def _file(sha256: str, name: str):
    """The kept evidence file as a download (404 when the answer names no file or it is not kept here)."""
    if not sha256:
        raise Http404("no file")
    path = document_path(EVIDENCE_FOLDER, sha256)
    if not path.is_file():
        raise Http404("the file is not kept here")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name or sha256)


def _text_query(request) -> str:
    return (request.GET.get("q") or "").replace("\x00", "").strip()[:100]


# --------------------------------------------------------------------------------------------------
# Audits
# --------------------------------------------------------------------------------------------------


@login_required
def audit_list(request):
    """The audits the user may read, newest first, filtered by organisation, status, kind and archetype."""
    audits = access.audits_visible_to(request.user).select_related("organisation", "questionnaire", "project")
    text = _text_query(request)
    if text:
        audits = audits.filter(Q(organisation__bin__startswith=text) | Q(organisation__name_ru__icontains=text) | Q(organisation__name_kk__icontains=text) | Q(organisation__name_en__icontains=text))
    filters = {}
    for name, values in (("status", AuditStatus.values), ("kind", AuditKind.values), ("archetype", Archetype.values)):
        value = request.GET.get(name, "")
        if value in values:
            audits = audits.filter(**{name: value})
            filters[name] = value
    return render(request, "capability/audit_list.html", {
        "title": _("Technology audits"), "page": _page(request, audits.order_by("-audit_date", "-id")), "q": text, "filters": filters,
        "statuses": AuditStatus.choices, "kinds": AuditKind.choices, "archetypes": Archetype.choices, "may_start": access.may_start_audit(request.user),
    })


def _audit(request, pk: int) -> Audit:
    return get_object_or_404(access.audits_visible_to(request.user).select_related("organisation", "questionnaire", "project", "assessor"), pk=pk)


def _audit_kinds(user) -> list[str]:
    kinds = []
    if access.staff_organisation_ids(user) or access.is_administrator(user):
        kinds.append(AuditKind.SELF)
    if access.may_assess(user):
        kinds.append(AuditKind.ASSESSOR)
    return kinds


@login_required
def audit_create(request):
    """Start an audit: an assessor's of any organisation, or a self-assessment of the user's own organisation."""
    kinds = _audit_kinds(request.user)
    if not kinds:
        if request.method == "POST":
            raise PermissionDenied(_("You may not do this."))
        return render(request, "capability/audit_form.html", {
            "title": _("New technology audit"), "form": None,
            "refusal": _("An audit is started by an assessor, or by an organisation's own staff for its self-assessment."),
        })
    own = list(Organisation.objects.filter(pk__in=access.staff_organisation_ids(request.user)).order_by("name_ru"))
    initial = {"audit_date": timezone.localdate(), "kind": kinds[-1]}
    if len(own) == 1:
        initial["organisation_bin"] = own[0].bin
    form = AuditStartForm(request.POST or None, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = Organisation.objects.filter(bin=data["organisation_bin"]).first()
        project = Project.objects.filter(code=data["project_code"]).first() if data.get("project_code") else None
        if organisation is None:
            form.add_error("organisation_bin", _("No organisation has this BIN."))
        elif data.get("project_code") and project is None:
            form.add_error("project_code", _("No project has this code."))
        else:
            try:
                audit = services.start_audit(
                    organisation=organisation, questionnaire=data["questionnaire"], kind=data["kind"], actor=request.user,
                    audit_date=data["audit_date"], project=project, phase=data.get("phase") or "",
                )
            except ValidationError as exc:
                _refusal(form, exc)
            except PermissionDenied:
                form.add_error("organisation_bin", _("You may fill in a self-assessment of your own organisation only."))
            else:
                messages.success(request, _("The audit is started: answer its questions."))
                return redirect("capability:audit-detail", pk=audit.pk)
    return render(request, "capability/audit_form.html", {"title": _("New technology audit"), "form": form, "own": own})


def _audit_page(request, audit: Audit, form=None):
    dimensions = list(Dimension.objects.filter(questionnaire=audit.questionnaire).order_by("order").prefetch_related("questions"))
    answers = {a.question_id: a for a in audit.answers.select_related("question")}
    editable = access.may_edit_audit(request.user, audit)
    questions = [q for d in dimensions for q in d.questions.order_by("order")]
    if editable and form is None:
        form = AuditAnswersForm(questions=questions, answers=answers)
    # Scores: stored ones for a submitted audit; computed from the answers so far for a draft.
    from niokr.capability import engine

    if audit.is_submitted:
        scores = {s.dimension_code: s.score for s in audit.dimension_scores.all()}
        overall, archetype = audit.overall_score, audit.get_archetype_display()
    else:
        by_question = {q.pk: d.code for d in dimensions for q in d.questions.all()}
        live = engine.audit_scores((engine.ScoredAnswer(by_question[qid], a.score) for qid, a in answers.items() if qid in by_question), expected=[d.code for d in dimensions])
        scores = {code: engine.to_decimal(value) for code, value in live.dimensions.items()}
        overall, archetype = engine.to_decimal(live.overall), (Archetype(live.archetype).label if live.archetype else "")
    axis, sector, peers = queries.sector_comparison(audit.organisation)
    show_peers = peers.organisations >= access.MIN_CELL or access.may_see_small_cells(request.user)
    series = [charts.Series(_("This audit"), [scores.get(d.code) for d in dimensions])]
    if show_peers and peers.organisations:
        series.append(charts.Series(_("Sector mean (%(n)s organisations)") % {"n": peers.organisations}, [peers.dimensions.get(d.code) for d in dimensions], dashed=True))
    radar = charts.radar_svg([in_language(d.title) for d in dimensions], series, title=_("Capability profile by dimension"))
    rows = []
    if form is not None:
        by_pk = {row[0].pk: row for row in form.rows()}
        rows = [(d, scores.get(d.code), [by_pk[q.pk] for q in d.questions.order_by("order")]) for d in dimensions]
    else:
        rows = [(d, scores.get(d.code), [(q, None, None, None, answers.get(q.pk)) for q in d.questions.order_by("order")]) for d in dimensions]
    return render(request, "capability/audit_detail.html", {
        "title": _("Technology audit: %(organisation)s") % {"organisation": in_language({"kk": audit.organisation.name_kk, "ru": audit.organisation.name_ru, "en": audit.organisation.name_en})},
        "audit": audit, "rows": rows, "form": form, "editable": editable, "overall": overall, "archetype": archetype, "radar": radar,
        "answered": len(answers), "total": len(questions), "sector_axis": axis, "sector": sector, "peers": peers if show_peers else None,
        "questionnaire_title": in_language(audit.questionnaire.title),
    })


@login_required
def audit_detail(request, pk: int):
    return _audit_page(request, _audit(request, pk))


def _kept(upload) -> services.Evidence | None:
    if upload is None:
        return None
    kept = keep_document(EVIDENCE_FOLDER, upload, EVIDENCE_KINDS)
    return services.Evidence(name=kept["name"], sha256=kept["sha256"], size=kept["size"])


@require_POST
@login_required
def audit_answers(request, pk: int):
    """Save a draft audit's answers (and submit it when the "submit" button was pressed)."""
    audit = _audit(request, pk)
    if not access.may_edit_audit(request.user, audit):
        raise PermissionDenied(_("You may not do this."))
    questions = list(Question.objects.filter(dimension__questionnaire=audit.questionnaire).select_related("dimension").order_by("dimension__order", "order"))
    answers = {a.question_id: a for a in audit.answers.all()}
    form = AuditAnswersForm(request.POST, request.FILES, questions=questions, answers=answers)
    if not form.is_valid():
        messages.error(request, _("The answers are not saved: correct the marked fields."))
        return _audit_page(request, audit, form)
    try:
        given = {qid: services.AnswerInput(value=value, comment=comment, evidence=_kept(upload)) for qid, (value, comment, upload) in form.given().items()}
        services.save_audit_answers(audit=audit, answers=given, actor=request.user)
        if "submit" in request.POST:
            services.submit_audit(audit=audit, actor=request.user)
            messages.success(request, _("The audit is submitted; its scores are fixed."))
        else:
            messages.success(request, _("The answers are saved."))
    except ValidationError as exc:
        _refusal(request, exc)
    return redirect("capability:audit-detail", pk=audit.pk)


@login_required
def audit_evidence(request, pk: int, question_id: int):
    audit = _audit(request, pk)
    answer = get_object_or_404(audit.answers, question_id=question_id)
    return _file(answer.evidence_sha256, answer.evidence_name)


@login_required
def audit_radar(request, pk: int):
    """The audit's radar as an SVG download (the same drawing as on its page)."""
    audit = _audit(request, pk)
    dimensions = list(Dimension.objects.filter(questionnaire=audit.questionnaire).order_by("order"))
    scores = {s.dimension_code: s.score for s in audit.dimension_scores.all()}
    svg = charts.radar_svg([in_language(d.title) for d in dimensions], [charts.Series(_("This audit"), [scores.get(d.code) for d in dimensions])], title=_("Capability profile by dimension"))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@login_required
def organisation_detail(request, pk: int):
    """An organisation's audits over time, its latest profile beside its sector's."""
    q = access.organisation_q(request.user)
    organisations = Organisation.objects.all() if q is None else Organisation.objects.filter(q)
    organisation = get_object_or_404(organisations, pk=pk)
    audits = list(access.audits_visible_to(request.user).filter(organisation=organisation).select_related("questionnaire", "project").order_by("-audit_date", "-id")[:100])
    latest = next((a for a in audits if a.is_submitted), None)
    radar = None
    axis, sector, peers = queries.sector_comparison(organisation)
    show_peers = peers.organisations >= access.MIN_CELL or access.may_see_small_cells(request.user)
    if latest is not None:
        dimensions = list(Dimension.objects.filter(questionnaire=latest.questionnaire).order_by("order"))
        scores = {s.dimension_code: s.score for s in latest.dimension_scores.all()}
        series = [charts.Series(_("Latest audit"), [scores.get(d.code) for d in dimensions])]
        if show_peers and peers.organisations:
            series.append(charts.Series(_("Sector mean (%(n)s organisations)") % {"n": peers.organisations}, [peers.dimensions.get(d.code) for d in dimensions], dashed=True))
        radar = charts.radar_svg([in_language(d.title) for d in dimensions], series, title=_("Capability profile by dimension"))
    return render(request, "capability/organisation_detail.html", {
        "title": _("Innovation potential: %(organisation)s") % {"organisation": in_language({"kk": organisation.name_kk, "ru": organisation.name_ru, "en": organisation.name_en})},
        "organisation": organisation, "audits": audits, "latest": latest, "radar": radar, "sector_axis": axis, "sector": sector,
        "peers": peers if show_peers else None,
    })


@login_required
def potential(request):
    """Innovation potential aggregated by region, organisation kind, TCC sector or priority direction."""
    from niokr.core.choices import PriorityDirection, Region, TCCSector
    from niokr.registry.choices import OrganisationKind

    axis = request.GET.get("axis", "priority")
    if axis not in queries.AXES:
        axis = "priority"
    labels = {"region": dict(Region.choices), "kind": dict(OrganisationKind.choices), "tcc_sector": dict(TCCSector.choices), "priority": dict(PriorityDirection.choices)}[axis]
    dimensions = queries.dimension_titles()
    small = access.may_see_small_cells(request.user)
    rows = []
    for value, score in queries.aggregate_potential(axis).items():
        hidden = not small and score.organisations < access.MIN_CELL
        rows.append({
            "label": labels.get(value, value), "organisations": score.organisations, "hidden": hidden,
            "overall": None if hidden else score.overall, "dimensions": [None if hidden else score.dimensions.get(code) for code, _title in dimensions],
            "archetypes": [] if hidden else [(Archetype(a).label, n) for a, n in sorted(score.archetypes.items())],
        })
    national = queries.capability_score()
    radar = None
    if national.organisations and (small or national.organisations >= access.MIN_CELL):
        radar = charts.radar_svg([title for _code, title in dimensions], [charts.Series(_("National mean"), [national.dimensions.get(code) for code, _title in dimensions])], title=_("Capability profile by dimension"))
    axes = [("priority", _("Priority direction")), ("tcc_sector", _("TCC sector")), ("region", _("Region")), ("kind", _("Kind of organisation"))]
    return render(request, "capability/potential.html", {
        "title": _("Innovation potential"), "axis": axis, "axes": axes, "rows": rows, "dimensions": dimensions, "national": national, "radar": radar,
        "min_cell": access.MIN_CELL, "small": small,
    })


# --------------------------------------------------------------------------------------------------
# Readiness assessments
# --------------------------------------------------------------------------------------------------


@login_required
def assessment_list(request):
    """The readiness assessments the user may read, newest first."""
    assessments = access.assessments_visible_to(request.user).select_related("project", "question_set", "assessor")
    text = _text_query(request)
    if text:
        assessments = assessments.filter(Q(project__code__icontains=text) | Q(project__title_ru__icontains=text) | Q(project__title_kk__icontains=text) | Q(project__title_en__icontains=text))
    filters = {}
    for name, values in (("kind", ReadinessKind.values), ("status", AuditStatus.values)):
        value = request.GET.get(name, "")
        if value in values:
            assessments = assessments.filter(**{name: value})
            filters[name] = value
    return render(request, "capability/assessment_list.html", {
        "title": _("Readiness assessments"), "page": _page(request, assessments.order_by("-assessment_date", "-id")), "q": text, "filters": filters,
        "kinds": ReadinessKind.choices, "statuses": AuditStatus.choices, "may_start": access.may_assess(request.user),
    })


def _assessment(request, pk: int) -> Assessment:
    return get_object_or_404(access.assessments_visible_to(request.user).select_related("project", "question_set", "assessor", "corrects"), pk=pk)


@login_required
def assessment_create(request):
    """Start a readiness assessment of a project (assessors)."""
    if not access.may_assess(request.user):
        if request.method == "POST":
            raise PermissionDenied(_("You may not do this."))
        return render(request, "capability/assessment_form.html", {"title": _("New readiness assessment"), "form": None, "refusal": _("Readiness assessments are made by assessors.")})
    initial = {"assessment_date": timezone.localdate(), "project_code": (request.GET.get("project") or "")[:32]}
    form = AssessmentStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = Project.objects.filter(code=data["project_code"]).first()
        if project is None:
            form.add_error("project_code", _("No project has this code."))
        else:
            try:
                assessment = services.start_assessment(project=project, question_set=data["question_set"], actor=request.user, assessment_date=data["assessment_date"])
            except ValidationError as exc:
                _refusal(form, exc)
            else:
                messages.success(request, _("The assessment is started: answer its questions."))
                return redirect("capability:assessment-detail", pk=assessment.pk)
    return render(request, "capability/assessment_form.html", {"title": _("New readiness assessment"), "form": form})


def _assessment_page(request, assessment: Assessment, form=None):
    questions = list(ReadinessQuestion.objects.filter(question_set=assessment.question_set).order_by("level", "order"))
    answers = {a.question_id: a for a in assessment.answers.select_related("question")}
    editable = access.may_edit_assessment(request.user, assessment)
    if editable and form is None:
        form = ReadinessAnswersForm(questions=questions, answers=answers)
    result = services.level_of(assessment.question_set, {qid: a.value for qid, a in answers.items()}, questions)
    blocking = {int(key) for key in result.blocking}
    rows_by_q = {row[0].pk: row for row in form.rows()} if form is not None else {q.pk: (q, None, None, None, answers.get(q.pk)) for q in questions}
    levels = []
    for level in range(1, assessment.question_set.max_level + 1):
        level_rows = [rows_by_q[q.pk] for q in questions if q.level == level]
        descriptor = TRL_LEVELS.get(level) if assessment.kind == ReadinessKind.TRL else None
        levels.append({"level": level, "rows": level_rows, "reached": level <= result.level, "descriptor": getattr(descriptor, (get_language() or "ru")[:2], "") if descriptor else ""})
    return render(request, "capability/assessment_detail.html", {
        "title": _("Readiness assessment of project %(code)s") % {"code": assessment.project.code},
        "assessment": assessment, "levels": levels, "form": form, "editable": editable, "result": result, "blocking": blocking,
        "answered": len(answers), "total": len(questions), "question_set_title": in_language(assessment.question_set.title),
        "may_correct": access.may_assess(request.user) and assessment.is_submitted,
        "correction_form": CorrectionForm(initial={"assessment_date": timezone.localdate()}) if assessment.is_submitted else None,
        "corrections": list(assessment.corrections.order_by("created_at", "id")),
    })


@login_required
def assessment_detail(request, pk: int):
    return _assessment_page(request, _assessment(request, pk))


@require_POST
@login_required
def assessment_answers(request, pk: int):
    """Save a draft assessment's answers (and submit it when "submit" was pressed)."""
    assessment = _assessment(request, pk)
    if assessment.is_submitted:
        messages.error(request, _("A submitted assessment is never changed: correct it with a new assessment."))
        return redirect("capability:assessment-detail", pk=assessment.pk)
    if not access.may_edit_assessment(request.user, assessment):
        raise PermissionDenied(_("You may not do this."))
    questions = list(ReadinessQuestion.objects.filter(question_set=assessment.question_set).order_by("level", "order"))
    answers = {a.question_id: a for a in assessment.answers.select_related("question")}
    form = ReadinessAnswersForm(request.POST, request.FILES, questions=questions, answers=answers)
    if not form.is_valid():
        messages.error(request, _("The answers are not saved: correct the marked fields."))
        return _assessment_page(request, assessment, form)
    try:
        given = {qid: services.AnswerInput(value=value, comment=comment, evidence=_kept(upload)) for qid, (value, comment, upload) in form.given().items()}
        services.save_assessment_answers(assessment=assessment, answers=given, actor=request.user)
        if "submit" in request.POST:
            done = services.submit_assessment(assessment=assessment, actor=request.user)
            messages.success(request, _("The assessment is submitted: level %(level)s.") % {"level": done.level})
        else:
            messages.success(request, _("The answers are saved."))
    except ValidationError as exc:
        _refusal(request, exc)
    return redirect("capability:assessment-detail", pk=assessment.pk)


@require_POST
@login_required
def assessment_correct(request, pk: int):
    """Start a new assessment correcting a submitted one (the earlier one stays as it was)."""
    previous = _assessment(request, pk)
    if not access.may_assess(request.user):
        raise PermissionDenied(_("You may not do this."))
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("capability:assessment-detail", pk=previous.pk)
    try:
        correction = services.correct_assessment(previous=previous, actor=request.user, note=form.cleaned_data["note"], assessment_date=form.cleaned_data["assessment_date"])
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("capability:assessment-detail", pk=previous.pk)
    messages.success(request, _("A correcting assessment is started with the earlier answers; change them and submit it."))
    return redirect("capability:assessment-detail", pk=correction.pk)


@login_required
def assessment_evidence(request, pk: int, question_id: int):
    assessment = _assessment(request, pk)
    answer = get_object_or_404(assessment.answers, question_id=question_id)
    return _file(answer.evidence_sha256, answer.evidence_name)


@login_required
def project_detail(request, pk: int):
    """A project's readiness: the TRL (MRL, CRL) timelines from its assessments, and its before/after audits."""
    projects = Project.objects.all() if access.may_read_all(request.user) else Project.objects.visible_to(request.user)
    project = get_object_or_404(projects.select_related("performer"), pk=pk)
    timelines = []
    for kind, label in ReadinessKind.choices:
        history = queries.trl_history(project, kind)
        if not history and kind != ReadinessKind.TRL:
            continue
        top = 10 if kind == ReadinessKind.MRL else 6 if kind == ReadinessKind.CRL else 9
        points = [(p.day, p.level, f"{p.day.strftime('%d.%m.%Y')}: {p.level}", p.corrected) for p in history]
        timelines.append({
            "kind": kind, "label": label, "history": history, "current": queries.current_trl(project, kind),
            "svg": charts.timeline_svg(points, title=str(label), top=top) if history else None,
        })
    audits = queries.before_after(project)
    visible_orgs = None if access.may_read_all(request.user) else access.staff_organisation_ids(request.user)
    if visible_orgs is not None:
        audits = [entry for entry in audits if entry["organisation"].pk in visible_orgs]
    drafts = list(access.assessments_visible_to(request.user).filter(project=project, status=AuditStatus.DRAFT).select_related("question_set").order_by("-created_at")[:20])
    return render(request, "capability/project_detail.html", {
        "title": _("Readiness of project %(code)s") % {"code": project.code}, "project": project,
        "project_title": in_language({"kk": project.title_kk, "ru": project.title_ru, "en": project.title_en}),
        "timelines": timelines, "pairs": audits, "drafts": drafts, "may_assess": access.may_assess(request.user),
    })


# --------------------------------------------------------------------------------------------------
# Versions of the questionnaire and of the question sets
# --------------------------------------------------------------------------------------------------


def _versions_visible(user, queryset):
    return queryset if access.may_manage_versions(user) else queryset.filter(status=VersionStatus.PUBLISHED)


@login_required
def questionnaire_list(request):
    versions = _versions_visible(request.user, Questionnaire.objects.all()).order_by("code", "-version")
    return render(request, "capability/questionnaire_list.html", {
        "title": _("Audit questionnaires"), "page": _page(request, versions), "may_manage": access.may_manage_versions(request.user),
    })


@login_required
def questionnaire_detail(request, pk: int):
    questionnaire = get_object_or_404(_versions_visible(request.user, Questionnaire.objects.all()), pk=pk)
    dimensions = list(Dimension.objects.filter(questionnaire=questionnaire).order_by("order").prefetch_related("questions"))
    return render(request, "capability/questionnaire_detail.html", {
        "title": in_language(questionnaire.title), "questionnaire": questionnaire,
        "dimensions": [(d, [q for q in d.questions.order_by("order")]) for d in dimensions],
        "may_manage": access.may_manage_versions(request.user), "editable": access.may_manage_versions(request.user) and not questionnaire.is_published,
    })


@require_POST
@login_required
def questionnaire_new_version(request, pk: int):
    source = get_object_or_404(_versions_visible(request.user, Questionnaire.objects.all()), pk=pk)
    try:
        draft = services.draft_questionnaire_version(source=source, actor=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("capability:questionnaire-detail", pk=source.pk)
    messages.success(request, _("A new draft version is made; change it and publish it."))
    return redirect("capability:questionnaire-detail", pk=draft.pk)


@require_POST
@login_required
def questionnaire_publish(request, pk: int):
    questionnaire = get_object_or_404(_versions_visible(request.user, Questionnaire.objects.all()), pk=pk)
    try:
        services.publish_questionnaire(questionnaire=questionnaire, actor=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("The version is published; from now on it never changes."))
    return redirect("capability:questionnaire-detail", pk=questionnaire.pk)


@login_required
def question_edit(request, pk: int):
    """Change a draft version's audit question (its text and score descriptions)."""
    if not access.may_manage_versions(request.user):
        raise Http404("no such question")
    question = get_object_or_404(Question.objects.select_related("dimension__questionnaire"), pk=pk)
    questionnaire = question.dimension.questionnaire
    form = QuestionEditForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_question(question=question, text=form.text(), anchors=form.anchors(), actor=request.user)
        except ValidationError as exc:
            _refusal(form, exc)
        else:
            messages.success(request, _("The question is changed."))
            return redirect("capability:questionnaire-detail", pk=questionnaire.pk)
    return render(request, "capability/question_form.html", {"title": _("Change a question"), "form": form, "back": reverse("capability:questionnaire-detail", args=[questionnaire.pk]), "published": questionnaire.is_published})


@login_required
def question_set_list(request):
    versions = _versions_visible(request.user, ReadinessQuestionSet.objects.all()).order_by("kind", "technology_type", "code", "-version")
    return render(request, "capability/question_set_list.html", {
        "title": _("Readiness question sets"), "page": _page(request, versions), "may_manage": access.may_manage_versions(request.user),
    })


@login_required
def question_set_detail(request, pk: int):
    question_set = get_object_or_404(_versions_visible(request.user, ReadinessQuestionSet.objects.all()), pk=pk)
    questions = list(question_set.questions.order_by("level", "order"))
    levels = [(level, [q for q in questions if q.level == level]) for level in range(1, question_set.max_level + 1)]
    return render(request, "capability/question_set_detail.html", {
        "title": in_language(question_set.title), "question_set": question_set, "levels": levels,
        "may_manage": access.may_manage_versions(request.user), "editable": access.may_manage_versions(request.user) and not question_set.is_published,
    })


@require_POST
@login_required
def question_set_new_version(request, pk: int):
    source = get_object_or_404(_versions_visible(request.user, ReadinessQuestionSet.objects.all()), pk=pk)
    try:
        draft = services.draft_question_set_version(source=source, actor=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("capability:question-set-detail", pk=source.pk)
    messages.success(request, _("A new draft version is made; change it and publish it."))
    return redirect("capability:question-set-detail", pk=draft.pk)


@require_POST
@login_required
def question_set_publish(request, pk: int):
    question_set = get_object_or_404(_versions_visible(request.user, ReadinessQuestionSet.objects.all()), pk=pk)
    try:
        services.publish_question_set(question_set=question_set, actor=request.user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("The version is published; from now on it never changes."))
    return redirect("capability:question-set-detail", pk=question_set.pk)


@login_required
def readiness_question_edit(request, pk: int):
    """Change a draft set's readiness question."""
    if not access.may_manage_versions(request.user):
        raise Http404("no such question")
    question = get_object_or_404(ReadinessQuestion.objects.select_related("question_set"), pk=pk)
    form = ReadinessQuestionEditForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_readiness_question(
                question=question, text=form.text(), answer_type=form.cleaned_data["answer_type"], threshold=form.cleaned_data["threshold"], actor=request.user,
            )
        except ValidationError as exc:
            _refusal(form, exc)
        else:
            messages.success(request, _("The question is changed."))
            return redirect("capability:question-set-detail", pk=question.question_set_id)
    return render(request, "capability/question_form.html", {
        "title": _("Change a question"), "form": form, "back": reverse("capability:question-set-detail", args=[question.question_set_id]), "published": question.question_set.is_published,
    })
