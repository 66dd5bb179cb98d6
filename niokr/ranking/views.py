"""The ranking's pages: the list, a ranking (criteria, candidates, scores, the latest run), the comparison
matrix, the analyst's scores, a run, the matrix and the technology-level table, the roadmap, the report.

Every read goes through :func:`niokr.ranking.access.rankings_visible_to` (404 for a ranking the user
may not see); every write is a POST that asks :func:`~niokr.ranking.access.may_edit_ranking` again
(403) and calls a service of :mod:`niokr.ranking.services`, whose refusal is shown on the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from niokr.ranking import analysis, charts, services
from niokr.ranking.access import may_edit_ranking, may_manage_rankings, may_read_drafts, may_read_rankings, rankings_visible_to
from niokr.ranking.forms import CandidateForm, ComparisonForm, CriterionForm, GapForm, RankingForm, RoadmapForm, ScoresForm
from niokr.ranking.models import Criterion, RankingExercise, RoadmapEntry, Score, Source
from niokr.ranking.presentation import consensus_label, run_view

__all__ = [
    "ranking_list", "ranking_create", "ranking_detail", "comparisons", "scores", "add_criterion", "remove_criterion",
    "add_candidate", "import_delphi", "compute", "finalise", "run_detail", "analysis_page", "set_gap", "roadmap",
    "remove_roadmap_entry", "report_pdf", "report_xlsx", "reads_rankings",
]

PAGE_SIZE = 50


def reads_rankings(user) -> bool:
    """The menu entry's predicate: whether the user reads any ranking."""
    return may_read_rankings(user)


def _language() -> str:
    language = (get_language() or "ru")[:2]
    return language if language in ("kk", "ru", "en") else "ru"


def _ranking(request, code: str) -> RankingExercise:
    if not services.is_code(code):  # a NUL or any other stray character never reaches the database
        raise Http404
    return get_object_or_404(rankings_visible_to(request.user).select_related("foresight_exercise", "created_by"), code=code[:32])


def _editable(request, code: str) -> RankingExercise:
    ranking = _ranking(request, code)
    if not may_edit_ranking(request.user, ranking):
        raise PermissionDenied
    return ranking


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _refused(request, error: ValidationError) -> None:
    for message in _errors(error):
        messages.error(request, message)


def _back(ranking: RankingExercise, name: str = "ranking-detail") -> str:
    return reverse(f"ranking:{name}", args=[ranking.code])


@login_required
def ranking_list(request):
    if not may_read_rankings(request.user):
        raise Http404
    rankings = rankings_visible_to(request.user).select_related("foresight_exercise").order_by("-created_at", "code")
    page = Paginator(rankings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ranking/ranking_list.html", {"title": _("Rankings of technologies"), "page": page, "may_create": may_manage_rankings(request.user)})


@login_required
def ranking_create(request):
    if not may_manage_rankings(request.user):
        raise PermissionDenied
    form = RankingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ranking = services.create_ranking(
                code=data["code"], title_kk=data["title_kk"], title_ru=data["title_ru"], title_en=data["title_en"],
                priority_direction=data["priority_direction"], foresight_exercise=data["foresight_exercise"], method=data["method"], actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The ranking is created with the default criteria."))
            return redirect(_back(ranking))
    return render(request, "ranking/ranking_form.html", {"title": _("New ranking"), "form": form})


def _score_table(ranking, criteria, candidates):
    scores = {(s.candidate_id, s.criterion_id): s for s in Score.objects.filter(candidate__ranking=ranking)}
    rows = []
    for candidate in candidates:
        cells = []
        for criterion in criteria:
            score = scores.get((candidate.pk, criterion.pk))
            cells.append({"score": score, "entered": score is not None and score.source == Source.ANALYST and criterion.source != Source.ANALYST,
                          "consensus": consensus_label(score.detail.get("consensus")) if score is not None and score.detail.get("consensus") else ""})
        rows.append({"candidate": candidate, "cells": cells})
    return rows


@login_required
def ranking_detail(request, code: str):
    ranking = _ranking(request, code)
    language = _language()
    criteria = list(ranking.criteria.order_by("order", "code"))
    candidates = list(ranking.candidates.order_by("order", "code"))
    run = ranking.latest_run()
    view = run_view(run, language) if run is not None else None
    editable = may_edit_ranking(request.user, ranking)
    return render(request, "ranking/ranking_detail.html", {
        "title": ranking.title, "ranking": ranking, "criteria": criteria, "candidates": candidates,
        "score_rows": _score_table(ranking, criteria, candidates), "view": view,
        "weights_chart": charts.weights_svg(view.criteria, language=language) if view else "",
        "editable": editable, "may_manage": may_manage_rankings(request.user), "drafts": may_read_drafts(request.user),
        "criterion_form": CriterionForm() if editable else None, "candidate_form": CandidateForm() if editable else None,
        "runs": list(ranking.runs.order_by("-number").values("number", "computed_at", "cr", "method")[:20]),
    })


def _comparison_form(ranking, criteria, data=None):
    index = {c.pk: i for i, c in enumerate(criteria)}
    initial = {}
    for comparison in ranking.comparisons.all():
        i, j = index.get(comparison.criterion_a_id), index.get(comparison.criterion_b_id)
        if i is not None and j is not None:
            initial[(i, j)] = comparison.value
    return ComparisonForm(data, criteria=criteria, initial_values=initial)


def _matrix_rows(form, criteria):
    rows = []
    for i, criterion in enumerate(criteria):
        cells = []
        for j in range(len(criteria)):
            cells.append({"kind": "field", "field": form.cell(i, j)} if j > i else {"kind": "diagonal" if j == i else "lower"})
        rows.append({"criterion": criterion, "cells": cells})
    return rows


@login_required
def comparisons(request, code: str):
    """The comparison matrix: the upper triangle as Saaty select boxes (row against column)."""
    ranking = _ranking(request, code)
    if request.method == "POST":
        ranking = _editable(request, code)
    criteria = list(ranking.criteria.order_by("order", "code"))
    form = _comparison_form(ranking, criteria, request.POST if request.method == "POST" else None)
    inconsistency = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_comparisons(ranking=ranking, values=form.values(), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                if "compute" in request.POST:
                    try:
                        run = services.compute_run(ranking=ranking, actor=request.user)
                    except services.InconsistentComparisons as error:
                        inconsistency = error
                        status = 200
                    except ValidationError as error:
                        _refused(request, error)
                        return redirect(_back(ranking, "ranking-comparisons"))
                    else:
                        messages.success(request, _("Run %(n)s is computed.") % {"n": run.number})
                        return redirect(_back(ranking))
                else:
                    messages.success(request, _("The comparisons are saved."))
                    return redirect(_back(ranking, "ranking-comparisons"))
        else:
            status = 400
    return render(request, "ranking/comparisons.html", {
        "title": _("Pairwise comparison of the criteria"), "ranking": ranking, "criteria": criteria, "form": form,
        "rows": _matrix_rows(form, criteria), "editable": may_edit_ranking(request.user, ranking), "inconsistency": inconsistency,
    }, status=status)


@login_required
def scores(request, code: str):
    """The scores of every candidate on every criterion; the analyst enters or overrides them."""
    ranking = _ranking(request, code)
    if request.method == "POST":
        ranking = _editable(request, code)
    criteria = list(ranking.criteria.order_by("order", "code"))
    candidates = list(ranking.candidates.order_by("order", "code"))
    c_index = {c.pk: i for i, c in enumerate(candidates)}
    k_index = {c.pk: j for j, c in enumerate(criteria)}
    initial = {}
    for score in Score.objects.filter(candidate__ranking=ranking, source=Source.ANALYST):
        if score.candidate_id in c_index and score.criterion_id in k_index:
            initial[(c_index[score.candidate_id], k_index[score.criterion_id])] = f"{score.value.normalize():f}"
    form = ScoresForm(request.POST if request.method == "POST" else None, candidates=candidates, criteria=criteria, initial_values=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_scores(ranking=ranking, values=form.values(), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("The scores are saved."))
                return redirect(_back(ranking, "ranking-scores"))
        else:
            status = 400
    automatic = _score_table(ranking, criteria, candidates)
    rows = [{"candidate": candidate, "cells": [{"field": form.cell(i, j), "current": automatic[i]["cells"][j]} for j in range(len(criteria))]} for i, candidate in enumerate(candidates)]
    ranges = [{"criterion": c, "low": services.SOURCE_RANGE[Source(c.source)][0], "high": services.SOURCE_RANGE[Source(c.source)][1]} for c in criteria]
    return render(request, "ranking/scores.html", {
        "title": _("Scores of the candidates"), "ranking": ranking, "criteria": criteria, "rows": rows, "form": form, "ranges": ranges,
        "editable": may_edit_ranking(request.user, ranking),
    }, status=status)


@login_required
@require_POST
def add_criterion(request, code: str):
    ranking = _editable(request, code)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.add_criterion(ranking=ranking, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The criterion is added: compare it with the others."))
        except ValidationError as error:
            _refused(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_back(ranking))


@login_required
@require_POST
def remove_criterion(request, code: str, criterion: str):
    ranking = _editable(request, code)
    if not services.is_code(criterion):
        raise Http404
    item = get_object_or_404(Criterion, ranking=ranking, code=criterion)
    try:
        services.remove_criterion(criterion=item, actor=request.user)
        messages.success(request, _("The criterion is removed."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_back(ranking))


@login_required
@require_POST
def add_candidate(request, code: str):
    ranking = _editable(request, code)
    form = CandidateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_candidate(
                ranking=ranking, code=data["code"], name_kk=data["name_kk"], name_ru=data["name_ru"], name_en=data["name_en"],
                product={"kk": data["product_kk"], "ru": data["product_ru"]}, market={"kk": data["market_kk"], "ru": data["market_ru"]}, actor=request.user,
            )
            messages.success(request, _("The candidate is added."))
        except ValidationError as error:
            _refused(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_back(ranking))


@login_required
@require_POST
def import_delphi(request, code: str):
    ranking = _editable(request, code)
    try:
        counts = services.import_from_foresight(ranking=ranking, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Imported from the Delphi: %(added)s candidates added, %(updated)s updated, %(scores)s scores.") % {"added": counts["candidates"], "updated": counts["updated"], "scores": counts["scores"]})
    return redirect(_back(ranking))


@login_required
@require_POST
def compute(request, code: str):
    ranking = _editable(request, code)
    try:
        run = services.compute_run(ranking=ranking, actor=request.user)
    except services.InconsistentComparisons as error:
        # The comparisons page lists the pairs to revisit beside the matrix.
        return _comparisons_refused(request, ranking, error)
    except ValidationError as error:
        _refused(request, error)
        return redirect(_back(ranking))
    messages.success(request, _("Run %(n)s is computed.") % {"n": run.number})
    return redirect(_back(ranking))


def _comparisons_refused(request, ranking, inconsistency):
    criteria = list(ranking.criteria.order_by("order", "code"))
    form = _comparison_form(ranking, criteria)
    return render(request, "ranking/comparisons.html", {
        "title": _("Pairwise comparison of the criteria"), "ranking": ranking, "criteria": criteria, "form": form,
        "rows": _matrix_rows(form, criteria), "editable": True, "inconsistency": inconsistency,
    })


@login_required
@require_POST
def finalise(request, code: str):
    ranking = _editable(request, code)
    try:
        services.finalise(ranking=ranking, actor=request.user)
        messages.success(request, _("The ranking is final: the readers of results now see it."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_back(ranking))


@login_required
def run_detail(request, code: str, number: int):
    ranking = _ranking(request, code)
    run = get_object_or_404(ranking.runs, number=number)
    language = _language()
    view = run_view(run, language)
    judgements = []
    names = {c["code"]: c["label"] for c in view.criteria}
    for key, value in sorted((run.inputs or {}).get("judgements", {}).items()):
        a, _sep, b = key.partition(":")
        judgements.append({"a": names.get(a, a), "b": names.get(b, b), "value": value})
    return render(request, "ranking/run_detail.html", {
        "title": _("Run %(n)s") % {"n": run.number}, "ranking": ranking, "run": run, "view": view, "judgements": judgements,
        "weights_chart": charts.weights_svg(view.criteria, language=language),
    })


@login_required
def analysis_page(request, code: str):
    """The importance × capability matrix and the KISTEP-style technology-level table."""
    ranking = _ranking(request, code)
    language = _language()
    points, missing = analysis.importance_capability(ranking)
    year, levels = analysis.technology_levels(ranking)
    candidates = list(ranking.candidates.order_by("order", "code"))
    editable = may_edit_ranking(request.user, ranking)
    return render(request, "ranking/analysis.html", {
        "title": _("Importance, capability and technology level"), "ranking": ranking, "points": points, "missing": missing,
        "matrix_chart": charts.matrix_svg(points, language=language) if points else "", "year": year, "levels": levels,
        "editable": editable, "gap_form": GapForm(candidates=candidates) if editable else None,
        "importance_cut": analysis.IMPORTANCE_CUT, "capability_cut": analysis.CAPABILITY_CUT,
    })


@login_required
@require_POST
def set_gap(request, code: str):
    ranking = _editable(request, code)
    candidates = list(ranking.candidates.order_by("order", "code"))
    form = GapForm(request.POST, candidates=candidates)
    if form.is_valid():
        data = form.cleaned_data
        candidate = next(c for c in candidates if c.code == data["candidate"])
        try:
            services.set_gap(candidate=candidate, gap_years=data["gap_years"], note=data["gap_note"], actor=request.user)
            messages.success(request, _("The technology gap is saved."))
        except ValidationError as error:
            _refused(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_back(ranking, "ranking-analysis"))


@login_required
def roadmap(request, code: str):
    ranking = _ranking(request, code)
    if request.method == "POST":
        ranking = _editable(request, code)
    language = _language()
    candidates = list(ranking.candidates.order_by("order", "code"))
    form = RoadmapForm(request.POST if request.method == "POST" else None, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            candidate = next(c for c in candidates if c.code == data.pop("candidate"))
            try:
                services.add_roadmap_entry(candidate=candidate, actor=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, _("The roadmap entry is added."))
                return redirect(_back(ranking, "ranking-roadmap"))
        else:
            status = 400
    lanes = analysis.roadmap_lanes(ranking)
    return render(request, "ranking/roadmap.html", {
        "title": _("Roadmap"), "ranking": ranking, "lanes": lanes, "chart": charts.roadmap_svg(lanes, language=language),
        "form": form if may_edit_ranking(request.user, ranking) else None,
    }, status=status)


@login_required
@require_POST
def remove_roadmap_entry(request, code: str, pk: int):
    ranking = _editable(request, code)
    entry = get_object_or_404(RoadmapEntry, pk=pk, candidate__ranking=ranking)
    try:
        services.remove_roadmap_entry(entry=entry, actor=request.user)
        messages.success(request, _("The roadmap entry is removed."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_back(ranking, "ranking-roadmap"))


def _report_language(request) -> str:
    language = request.GET.get("lang", "")[:2]
    return language if language in ("kk", "ru", "en") else _language()


@login_required
def report_pdf(request, code: str):
    """The foresight report as PDF (``?lang=kk|ru|en``)."""
    from niokr.ranking.report import render_pdf

    ranking = _ranking(request, code)
    language = _report_language(request)
    response = HttpResponse(render_pdf(ranking=ranking, language=language), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"foresight-{ranking.code}-{language}.pdf")
    return response


@login_required
def report_xlsx(request, code: str):
    """The foresight report as XLSX (``?lang=kk|ru|en``)."""
    from niokr.ranking.report import render_xlsx

    ranking = _ranking(request, code)
    language = _report_language(request)
    response = HttpResponse(render_xlsx(ranking=ranking, language=language), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, f"foresight-{ranking.code}-{language}.xlsx")
    return response
