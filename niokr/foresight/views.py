"""Pages of the Delphi foresight: the exercises, an exercise, the questionnaire, a round's results and
(for the moderator only) who answered what.

Views parse, authorise through :mod:`.access` (an exercise the user may not see is "not found";
an action they may not take is "forbidden") and call :mod:`.services`; a refusal is shown as a
message in the reader's language and changes nothing. No page but the moderator's shows a
panellist's name beside anything they answered.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from niokr.core.formatting import number_text, percent_text
from niokr.core.paging import page_number
from niokr.foresight import access, services
from niokr.foresight.charts import distribution_svg, short_number
from niokr.foresight.forms import (
    AcceptForm, ExerciseForm, ExpertiseForm, ItemForm, OpenRoundForm, PanelForm, PanellistForm, ProposeForm, RulesForm, ScalesForm,
)
from niokr.foresight.models import (
    LIKERT_SCALES, Exercise, Item, ItemResult, ItemStatus, Panellist, RealisationBand, Reminder, Response, Round, RoundStatus, Scale,
)
from niokr.foresight.rules import FIELDS as RULE_FIELDS
from niokr.foresight.rules import describe
from niokr.foresight.rules import input_text as rules_input_text

__all__ = [
    "exercise_list", "exercise_create", "exercise_detail", "exercise_post", "questionnaire", "propose", "expertise",
    "round_results", "round_responses", "reads_foresight",
]

PAGE_SIZE = 50


def reads_foresight(user) -> bool:
    """The menu entry "Foresight" (``niokr.foresight.views.reads_foresight``)."""
    return access.may_use_foresight(user)


def _lang() -> str:
    lang = (translation.get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


def _exercise(request, code: str) -> Exercise:
    exercise = Exercise.objects.filter(code=str(code)[:32]).select_related("moderator").first()
    if exercise is None or not access.may_see_exercise(request.user, exercise):
        raise Http404
    return exercise


def _round(exercise: Exercise, number: int) -> Round:
    return get_object_or_404(Round, exercise=exercise, number=number)


def _refused(request, exc: services.Refused) -> None:
    if exc.code == services.FORBIDDEN:
        raise PermissionDenied(exc.reason)
    messages.error(request, exc.reason)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _num(value, lang: str) -> str:
    return short_number(value, lang)


# --- the list --------------------------------------------------------------------------------------


@login_required
@require_GET
def exercise_list(request):
    """The exercises the user may see, with their part in each; a moderator starts one here."""
    user = request.user
    if not access.may_use_foresight(user):
        raise Http404
    lang = _lang()
    queryset = access.exercises_visible_to(user).select_related("moderator").prefetch_related("rounds").order_by("-created_at", "code")
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number(request.GET.get("page")))
    seats = {s.exercise_id: s for s in Panellist.objects.filter(user=user, exercise__in=[e.pk for e in page.object_list])} if access.is_panellist_role(user) else {}
    rows = []
    for exercise in page.object_list:
        rounds = sorted(exercise.rounds.all(), key=lambda r: r.number)
        current = rounds[-1] if rounds else None
        seat = seats.get(exercise.pk)
        if access.may_moderate(user, exercise):
            part = _("Moderator")
        elif seat is not None:
            part = _("Panellist")
        else:
            part = _("Reader of the results")
        answer_link = current is not None and current.status == RoundStatus.OPEN and seat is not None and seat.withdrew_at is None
        rows.append({
            "exercise": exercise, "title": exercise.text_in("title", lang), "part": part, "round": current,
            "closed_rounds": sum(1 for r in rounds if r.status == RoundStatus.CLOSED), "answer": answer_link,
        })
    form = ExerciseForm() if access.may_create_exercise(user) else None
    return render(request, "foresight/exercise_list.html", {"title": _("Foresight"), "rows": rows, "page": page, "form": form})


@login_required
@require_POST
def exercise_create(request):
    if not access.may_create_exercise(request.user):
        raise PermissionDenied(_("Only a foresight moderator or an administrator starts an exercise."))
    form = ExerciseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("foresight:exercise-list")
    try:
        exercise = services.create_exercise(request.user, **form.cleaned_data)
    except services.Refused as exc:
        _refused(request, exc)
        return redirect("foresight:exercise-list")
    messages.success(request, _("The exercise is created. Choose its scales and consensus rules and lock them before round 1."))
    return redirect("foresight:exercise-detail", exercise.code)


# --- one exercise ---------------------------------------------------------------------------------


def _panellist_rows(exercise: Exercise, rounds: list[Round]) -> list[dict]:
    """The moderator's table: each panellist with their response to each round (identities: moderator only)."""
    responses = defaultdict(dict)
    for r in Response.objects.filter(round__exercise=exercise).values("panellist_id", "round__number", "submitted_at"):
        responses[r["panellist_id"]][r["round__number"]] = r["submitted_at"]
    reminders = defaultdict(int)
    for pid in Reminder.objects.filter(round__exercise=exercise).values_list("panellist_id", flat=True):
        reminders[pid] += 1
    rows = []
    for seat in exercise.panellists.select_related("user", "panel").order_by("panel_id", "user__last_name", "user__first_name", "pk"):
        statuses = []
        for r in rounds:
            if r.number not in responses[seat.pk]:
                statuses.append({"round": r.number, "state": "none"})
            elif responses[seat.pk][r.number] is None:
                statuses.append({"round": r.number, "state": "draft"})
            else:
                statuses.append({"round": r.number, "state": "submitted", "at": responses[seat.pk][r.number]})
        rows.append({"seat": seat, "statuses": statuses, "reminders": reminders[seat.pk]})
    return rows


@login_required
@require_GET
def exercise_detail(request, code: str):
    exercise = _exercise(request, code)
    user = request.user
    lang = _lang()
    moderator = access.may_moderate(user, exercise)
    seat = access.seat_of(user, exercise)
    rounds = list(exercise.rounds.order_by("number").select_related("summary"))
    summaries = {}
    for r in rounds:
        summary = getattr(r, "summary", None) if r.status == RoundStatus.CLOSED else None
        if summary is not None:
            summaries[r.number] = {
                "invited": summary.invited, "responded": summary.responded, "dropped": summary.dropped,
                "rate": percent_text(summary.figures.get("response_percent"), lang),
                "reached": summary.figures.get("consensus_reached", 0),
            }
    panels = [{"panel": p, "size": p.panellists.filter(withdrew_at__isnull=True).count()} for p in exercise.panels.order_by("pk")]
    items = list(exercise.items.order_by("order", "code").select_related("proposed_by__user"))
    accepted = [i for i in items if i.status == ItemStatus.ACCEPTED]
    proposals = [i for i in items if i.status == ItemStatus.PROPOSED]
    declined = [i for i in items if i.status == ItemStatus.DECLINED]
    context = {
        "title": exercise.text_in("title", lang), "exercise": exercise, "lang": lang,
        "is_moderator": moderator, "seat": seat, "reader_only": not moderator and seat is None,
        "rules": describe(exercise.consensus_rules, lang), "scales": [Scale(s).label for s in exercise.scales],
        "rounds": [{"round": r, "summary": summaries.get(r.number)} for r in rounds],
        "panels": panels, "panellist_count": sum(p["size"] for p in panels),
        "items": [{"item": i, "statement": i.text_in("statement", lang)} for i in accepted],
        "current": rounds[-1] if rounds else None,
    }
    if moderator:
        context.update({
            "panellists": _panellist_rows(exercise, rounds),
            "proposals": [{"item": i, "text": i.statement_kk or i.statement_ru or i.statement_en, "by": i.proposed_by.user if i.proposed_by else None,
                           "form": AcceptForm(initial={"statement_kk": i.statement_kk, "statement_ru": i.statement_ru, "statement_en": i.statement_en}, prefix=f"p{i.pk}")} for i in proposals],
            "declined": [{"item": i, "text": i.text_in("statement", lang)} for i in declined],
            "scales_form": ScalesForm(initial={"scales": exercise.scales}),
            "rules_form": RulesForm(initial={name: rules_input_text(exercise.consensus_rules.get(name), lang) for name in RULE_FIELDS}),
            "panel_form": PanelForm(), "panellist_form": PanellistForm(exercise=exercise),
            "item_form": ItemForm(), "open_form": OpenRoundForm(),
            "may_add_items": not rounds and exercise.status != "closed",
        })
    elif seat is not None:
        context["own_proposals"] = [{"item": i, "text": i.statement_kk or i.statement_ru or i.statement_en} for i in items if i.proposed_by_id == seat.pk]
        context["expertise_form"] = ExpertiseForm(initial={"expertise": seat.expertise})
    return render(request, "foresight/exercise_detail.html", context)


def _moderator_action(request, exercise: Exercise, action: str):
    """One moderator's action named by the posted ``action``; returns the success message."""
    post = request.POST
    user = request.user
    if action == "scales":
        form = ScalesForm(post)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.set_scales(user, exercise, form.cleaned_data["scales"])
        return _("The scales are saved.")
    if action == "rules":
        form = RulesForm(post)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.set_rules(user, exercise, form.cleaned_data)
        return _("The consensus rules are saved.")
    if action == "lock":
        services.lock_rules(user, exercise)
        return _("The scales and consensus rules are locked.")
    if action == "panel":
        form = PanelForm(post)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.add_panel(user, exercise, **form.cleaned_data)
        return _("The panel is added.")
    if action == "panellist":
        if not access.may_moderate(user, exercise):
            raise services.Refused(_("Only the exercise's moderator may do this."), code=services.FORBIDDEN)
        form = PanellistForm(post, exercise=exercise)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.add_panellist(user, exercise, **form.cleaned_data)
        return _("The panellist is added.")
    if action == "withdraw":
        seat = exercise.panellists.filter(pk=_int(post.get("panellist"))).first()
        if seat is None:
            raise services.Refused(_("Choose a panellist of this exercise."))
        services.withdraw_panellist(user, seat)
        return _("The panellist has left the panel; their answers stay.")
    if action == "item":
        form = ItemForm(post)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.add_item(user, exercise, **form.cleaned_data)
        return _("The item is added.")
    if action in ("accept", "decline"):
        item = exercise.items.filter(pk=_int(post.get("item")), status=ItemStatus.PROPOSED).first()
        if item is None:
            raise services.Refused(_("Choose a proposal of this exercise."))
        if action == "decline":
            services.decline_proposal(user, item)
            return _("The proposal is declined.")
        form = AcceptForm(post, prefix=f"p{item.pk}")
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        services.accept_proposal(user, item, **form.cleaned_data)
        return _("The proposal is accepted: it is rated from round 2.")
    if action == "open":
        form = OpenRoundForm(post)
        if not form.is_valid():
            raise services.Refused(_form_errors(form))
        r = services.open_round(user, exercise, deadline=form.cleaned_data["deadline"])
        return _("Round %(n)s is open; the panellists are notified.") % {"n": r.number}
    if action in ("close", "remind"):
        r = exercise.rounds.filter(number=_int(post.get("round"))).first()
        if r is None:
            raise services.Refused(_("Choose a round of this exercise."))
        if action == "close":
            services.close_round(user, r)
            return _("Round %(n)s is closed; its results are frozen.") % {"n": r.number}
        sent = services.send_reminders(user, r)
        return _("Reminders sent: %(n)s.") % {"n": len(sent)}
    if action == "close_exercise":
        services.close_exercise(user, exercise)
        return _("The exercise is completed.")
    raise services.Refused(_("Unknown action."))


def _int(raw) -> int | None:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


@login_required
@require_POST
def exercise_post(request, code: str):
    """The moderator's buttons and forms on the exercise page (each re-checked by its service)."""
    exercise = _exercise(request, code)
    if not access.may_moderate(request.user, exercise):
        raise PermissionDenied(_("Only the exercise's moderator may do this."))
    try:
        done = _moderator_action(request, exercise, str(request.POST.get("action", ""))[:32])
    except services.Refused as exc:
        _refused(request, exc)
    else:
        messages.success(request, done)
    return redirect("foresight:exercise-detail", exercise.code)


# --- the questionnaire -----------------------------------------------------------------------------


def _field(item: Item, scale: str) -> str:
    return f"{item.code}__{scale}"


def _choices(scale: str) -> list[tuple[str, str]]:
    if scale in LIKERT_SCALES:
        return [(str(v), str(v)) for v in range(1, 10)]
    if scale == Scale.REALISATION:
        return [(str(b.value), str(b.label)) for b in RealisationBand]
    return []


def _feedback(result: ItemResult | None, own, lang: str, title: str) -> dict | None:
    """The group's frozen statistics of the previous round beside the panellist's own answer."""
    if result is None:
        return None
    figures = result.figures
    own_value = own.value if own is not None and not own.dont_know else None
    return {
        "median": _num(result.median, lang), "q1": _num(result.q1, lang), "q3": _num(result.q3, lang),
        "iqr": _num(figures.get("summary", {}).get("iqr"), lang), "answered": result.answered, "dont_know": result.dont_know,
        "consensus": result.consensus, "comments": result.comments,
        "own": own, "own_text": (_("don't know") if own is not None and own.dont_know else _value_text(result.scale, own_value, lang)),
        "svg": distribution_svg(counts=figures.get("distribution", []), bins=figures.get("bins", []), q1=result.q1, median=result.median, q3=result.q3, title=title, lang=lang, own=own_value),
    }


def _value_text(scale: str, value, lang: str) -> str:
    if value is None:
        return "—"
    if scale == Scale.REALISATION:
        try:
            return str(RealisationBand(int(value)).label)
        except ValueError:
            return str(value)
    if scale == Scale.CAPABILITY:
        return percent_text(value, lang, 0)
    return _num(value, lang)


def _questionnaire_rows(exercise: Exercise, round_: Round, seat: Panellist, lang: str, posted=None, errors=None) -> list[dict]:
    errors = errors or {}
    response = services.response_of(seat, round_)
    current = {(a.item_id, a.scale): a for a in response.answers.all()} if response else {}
    previous_round = exercise.rounds.filter(number=round_.number - 1, status=RoundStatus.CLOSED).first() if round_.number > 1 else None
    prev_results, prev_own = {}, {}
    if previous_round is not None:
        prev_results = {(r.item_id, r.scale): r for r in previous_round.results.all()}
        prev_response = Response.objects.filter(round=previous_round, panellist=seat, submitted_at__isnull=False).first()
        if prev_response is not None:
            prev_own = {(a.item_id, a.scale): a for a in prev_response.answers.all()}
    rows = []
    for item in services.rated_items(exercise, round_.number):
        scales = []
        for scale in exercise.scales:
            key = (item.pk, scale)
            name = _field(item, scale)
            if posted is not None:
                raw = posted.get(f"a__{name}", "")
                dont_know = raw == "dk" or posted.get(f"dk__{name}") == "1"
                value = "" if raw == "dk" else raw
                comment = posted.get(f"c__{name}", "")
            else:
                answer = current.get(key)
                value = "" if answer is None or answer.value is None else str(answer.value)
                dont_know = bool(answer and answer.dont_know)
                comment = answer.comment if answer else ""
            label = Scale(scale).label
            scales.append({
                "scale": scale, "label": label, "name": name, "value": value, "dont_know": dont_know, "comment": comment,
                "choices": _choices(scale), "numeric": scale == Scale.CAPABILITY, "error": errors.get(key, ""),
                "feedback": _feedback(prev_results.get(key), prev_own.get(key), lang, f"{item.code} — {label}"),
                "answered": key in current,
            })
        rows.append({"item": item, "statement": item.text_in("statement", lang), "new": item.first_round == round_.number and round_.number > 1, "scales": scales})
    return rows


def _answers_from(post, exercise: Exercise, round_: Round) -> list[services.AnswerInput]:
    inputs = []
    for item, scale in services.expected_answers(exercise, round_.number):
        name = _field(item, scale)
        raw = post.get(f"a__{name}")
        dont_know = raw == "dk" or post.get(f"dk__{name}") == "1"
        value = None if raw in (None, "dk") else raw
        comment = post.get(f"c__{name}", "")
        if value in (None, "") and not dont_know and not comment:
            continue
        inputs.append(services.AnswerInput(item_id=item.pk, scale=scale, value=value, dont_know=dont_know, comment=comment))
    return inputs


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request, code: str, number: int):
    """The panellist's questionnaire of a round (read-only once the round has closed)."""
    exercise = _exercise(request, code)
    seat = access.seat_of(request.user, exercise)
    if seat is None:
        raise Http404
    round_ = _round(exercise, number)
    lang = _lang()
    errors, posted = {}, None
    if request.method == "POST":
        if not access.may_answer(request.user, round_):
            if round_.status != RoundStatus.OPEN:
                messages.error(request, _("The round is not open for answers: a closed round's answers never change."))
                return redirect("foresight:questionnaire", exercise.code, round_.number)
            raise PermissionDenied(_("You have left the panel."))
        submit = request.POST.get("action") == "submit"
        try:
            services.save_response(request.user, round_, _answers_from(request.POST, exercise, round_), submit=submit)
        except services.InvalidAnswers as exc:
            errors, posted = exc.errors, request.POST
            messages.error(request, exc.errors.get(None) or exc.reason)
        except services.Refused as exc:
            _refused(request, exc)
            return redirect("foresight:questionnaire", exercise.code, round_.number)
        else:
            messages.success(request, _("Your answers are submitted. You may change them until the round closes.") if submit else _("Your answers are saved as a draft."))
            return redirect("foresight:questionnaire", exercise.code, round_.number)
    response = services.response_of(seat, round_)
    context = {
        "title": _("Round %(n)s — questionnaire") % {"n": round_.number}, "exercise": exercise, "exercise_title": exercise.text_in("title", lang),
        "round": round_, "seat": seat, "rows": _questionnaire_rows(exercise, round_, seat, lang, posted, errors),
        "editable": round_.status == RoundStatus.OPEN and seat.withdrew_at is None, "response": response,
        "has_feedback": round_.number > 1, "expertise_form": ExpertiseForm(initial={"expertise": seat.expertise}),
        "propose_form": ProposeForm() if round_.number == 1 and round_.status == RoundStatus.OPEN and seat.withdrew_at is None else None,
        "own_proposals": [{"item": i, "text": i.statement_kk or i.statement_ru or i.statement_en} for i in exercise.items.filter(proposed_by=seat).order_by("code")],
    }
    return render(request, "foresight/questionnaire.html", context, status=400 if errors else 200)


@login_required
@require_POST
def propose(request, code: str, number: int):
    exercise = _exercise(request, code)
    if access.seat_of(request.user, exercise) is None:
        raise Http404
    round_ = _round(exercise, number)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            services.propose_item(request.user, round_, statement=form.cleaned_data["statement"], language=_lang(), kind=form.cleaned_data["kind"])
        except services.Refused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Your proposal is sent to the moderator. If accepted, it is rated from round 2."))
    return redirect("foresight:questionnaire", exercise.code, round_.number)


@login_required
@require_POST
def expertise(request, code: str):
    exercise = _exercise(request, code)
    seat = access.seat_of(request.user, exercise)
    if seat is None:
        raise Http404
    form = ExpertiseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            services.set_expertise(request.user, seat, form.cleaned_data["expertise"])
        except services.Refused as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Your self-rated expertise is saved."))
    target = request.POST.get("next_round")
    number = _int(target)
    if number and exercise.rounds.filter(number=number).exists():
        return redirect("foresight:questionnaire", exercise.code, number)
    return redirect("foresight:exercise-detail", exercise.code)


# --- results ----------------------------------------------------------------------------------------


def results_context(round_: Round, lang: str, *, own_seat: Panellist | None = None) -> dict:
    """Everything a round's results page shows (statistics only; the reader's own answer when a panellist)."""
    exercise = round_.exercise
    summary = getattr(round_, "summary", None)
    own = {}
    if own_seat is not None:
        response = Response.objects.filter(round=round_, panellist=own_seat, submitted_at__isnull=False).first()
        if response is not None:
            own = {(a.item_id, a.scale): a for a in response.answers.all()}
    by_item = defaultdict(list)
    for result in ItemResult.objects.filter(round=round_).select_related("item").order_by("item__order", "item__code", "pk"):
        by_item[result.item].append(result)
    order = {s: i for i, s in enumerate(Scale.values)}
    items = []
    for item, results in by_item.items():
        scales = []
        for r in sorted(results, key=lambda x: order.get(x.scale, 99)):
            figures = r.figures
            shares = figures.get("shares", {})
            stability = figures.get("stability")
            mine = own.get((item.pk, r.scale))
            own_value = mine.value if mine is not None and not mine.dont_know else None
            label = Scale(r.scale).label
            scales.append({
                "result": r, "label": label, "likert": r.scale in LIKERT_SCALES,
                "median": _value_text(r.scale, r.median, lang) if r.scale == Scale.REALISATION and r.median is not None and float(r.median) == int(r.median) else _num(r.median, lang),
                "q1": _num(r.q1, lang), "q3": _num(r.q3, lang), "iqr": _num(figures.get("summary", {}).get("iqr"), lang),
                "high": percent_text(shares.get("high"), lang) if "high" in shares else "", "low": percent_text(shares.get("low"), lang) if "low" in shares else "",
                "cv": _num(figures.get("cv"), lang) if figures.get("cv") is not None else "—",
                "stability": stability, "changed": percent_text(stability.get("changed_percent"), lang) if stability and stability.get("changed_percent") is not None else "",
                "own": mine, "own_text": (_("don't know") if mine is not None and mine.dont_know else _value_text(r.scale, own_value, lang)) if mine is not None else "",
                "svg": distribution_svg(counts=figures.get("distribution", []), bins=figures.get("bins", []), q1=r.q1, median=r.median, q3=r.q3, title=f"{item.code} — {label}", lang=lang, own=own_value),
                "comments": r.comments,
            })
        items.append({"item": item, "statement": item.text_in("statement", lang), "scales": scales})
    figures = summary.figures if summary else {}
    kendall = figures.get("kendall") or {}
    dropout = figures.get("dropout")
    return {
        "round": round_, "exercise": exercise, "summary": summary, "items": items,
        "rate": percent_text(figures.get("response_percent"), lang), "reached": figures.get("consensus_reached", 0),
        "kendall": kendall, "kendall_w": _num(kendall.get("w"), lang) if kendall.get("w") is not None else "",
        "kendall_chi": number_text(kendall.get("chi_square"), 2, lang) if kendall.get("chi_square") is not None else "",
        "kendall_p": number_text(kendall.get("p_value"), 4, lang) if kendall.get("p_value") is not None else "",
        "dropout": dropout, "dropout_rows": [
            {**row, "scale_label": Scale(row["scale"]).label, "all_median": _num(row["all"]["median"], lang), "stayed_median": _num(row["stayed"]["median"], lang)}
            for row in (dropout or {}).get("items", [])
        ],
        "rules": describe(figures.get("rules") or exercise.consensus_rules, lang),
        "quantile_method": figures.get("quantile_method", ""),
    }


@login_required
@require_GET
def round_results(request, code: str, number: int):
    exercise = _exercise(request, code)
    round_ = _round(exercise, number)
    if not access.may_see_round_results(request.user, round_):
        raise Http404
    lang = _lang()
    seat = access.seat_of(request.user, exercise)
    context = results_context(round_, lang, own_seat=seat)
    context.update({"title": _("Round %(n)s — results") % {"n": round_.number}, "exercise_title": exercise.text_in("title", lang),
                    "is_moderator": access.may_moderate(request.user, exercise), "seat": seat})
    return render(request, "foresight/round_results.html", context)


@login_required
@require_GET
def round_responses(request, code: str, number: int):
    """Who answered what in a round: the moderator's page (and an administrator's), nobody else's."""
    exercise = _exercise(request, code)
    if not access.may_see_identities(request.user, exercise):
        raise Http404
    round_ = _round(exercise, number)
    lang = _lang()
    expected = services.expected_answers(exercise, round_.number)
    responses = {r.panellist_id: r for r in Response.objects.filter(round=round_).prefetch_related("answers")}
    rows = []
    for seat in exercise.panellists.select_related("user", "panel").order_by("panel_id", "user__last_name", "pk"):
        response = responses.get(seat.pk)
        answers = {(a.item_id, a.scale): a for a in response.answers.all()} if response else {}
        cells = []
        for item, scale in expected:
            a = answers.get((item.pk, scale))
            cells.append({"item": item, "scale": Scale(scale).label,
                          "text": "" if a is None else (_("don't know") if a.dont_know else _value_text(scale, a.value, lang)),
                          "comment": a.comment if a else ""})
        rows.append({"seat": seat, "response": response, "cells": cells, "given": len(answers)})
    return render(request, "foresight/round_responses.html", {
        "title": _("Round %(n)s — who answered what") % {"n": round_.number}, "exercise": exercise, "exercise_title": exercise.text_in("title", lang),
        "round": round_, "rows": rows, "expected": len(expected),
    })
