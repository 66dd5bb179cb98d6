"""Pages of the scientific-technical councils: councils, sessions, a session with its agenda, attendance,
recusals, the member's vote and the secretary's controls, and the minutes as a PDF.

Views parse, authorise (``visible_to``: what a user may not read is "not found") and call
:mod:`niokr.projects.lifecycle.councils`; a refusal is shown as a message in the reader's language
and changes nothing. The vote import's form posts to the intake page
``intake:council-votes-import`` (the reader of files lives in intake).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from niokr.projects.choices import MajorityBase, RecusalSource, SessionStatus, VoteChoice, VoteSource
from niokr.projects.lifecycle import councils
from niokr.projects.lifecycle.workflow import TransitionRefused, available
from niokr.projects.models import AgendaItem, Council, CouncilMember, CouncilSession, Programme

__all__ = [
    "council_list", "session_list", "session_plan", "session_detail", "session_agenda", "session_attendance", "session_open", "session_close",
    "session_cancel", "session_declare", "session_vote", "session_minutes",
]


def _lang() -> str:
    lang = (translation.get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


def _refused(request, exc: TransitionRefused):
    if exc.code == councils.FORBIDDEN:
        raise PermissionDenied(exc.reason)
    messages.error(request, exc.reason)


def _session(request, reference: str) -> CouncilSession:
    return get_object_or_404(CouncilSession.objects.visible_to(request.user).select_related("council"), reference=reference)


# --- councils and sessions ----------------------------------------------------------------------------


@login_required
@require_GET
def council_list(request):
    """Each council the user may read with its members serving today: organisation and term."""
    today = timezone.localdate()
    rows = []
    for council in Council.objects.visible_to(request.user):
        members = CouncilMember.objects.filter(council=council).serving_on(today).select_related("user", "organisation").order_by("position", "pk")
        rows.append({"council": council, "members": list(members)})
    return render(request, "lifecycle/council_list.html", {"title": _("Scientific-technical councils"), "councils": rows})


class PlanForm(forms.Form):
    council = forms.ModelChoiceField(queryset=Council.objects.none(), label=gettext_lazy("Council"))
    held_on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    vote_closes_at = forms.DateTimeField(label=gettext_lazy("The vote closes"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                         help_text=gettext_lazy("Empty: the secretary closes the vote"))
    quorum_num = forms.IntegerField(label=gettext_lazy("Quorum, numerator"), min_value=1, max_value=100, initial=2)
    quorum_den = forms.IntegerField(label=gettext_lazy("Quorum, denominator"), min_value=1, max_value=100, initial=3)
    majority_num = forms.IntegerField(label=gettext_lazy("Majority, numerator"), min_value=1, max_value=100, initial=2)
    majority_den = forms.IntegerField(label=gettext_lazy("Majority, denominator"), min_value=1, max_value=100, initial=3)
    majority_base = forms.ChoiceField(label=gettext_lazy("Majority counted"), choices=MajorityBase.choices, initial=MajorityBase.PRESENT_VOTING)
    abstentions_count = forms.BooleanField(label=gettext_lazy("Abstentions count as votes cast"), required=False, initial=True)
    source = forms.ChoiceField(label=gettext_lazy("Votes"), choices=VoteSource.choices, initial=VoteSource.ELECTRONIC)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(pk__in=[c.pk for c in Council.objects.all() if councils.is_secretary(user, c)])


@login_required
@require_GET
def session_list(request):
    """The sessions of the councils the user may read, latest first; the secretary plans one here."""
    sessions = list(CouncilSession.objects.visible_to(request.user).select_related("council").order_by("-held_on", "-pk")[:200])
    form = PlanForm(user=request.user)
    return render(request, "lifecycle/session_list.html", {
        "title": _("Council sessions"), "sessions": sessions, "form": form if form.fields["council"].queryset.exists() else None,
    })


@login_required
@require_POST
def session_plan(request):
    form = PlanForm(request.POST, user=request.user)
    if not form.fields["council"].queryset.exists():
        raise PermissionDenied(_("Only the secretary of a council plans its sessions."))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("lifecycle:session-list")
    data = form.cleaned_data
    try:
        session = councils.plan_session(actor=request.user, **data)
    except TransitionRefused as exc:
        _refused(request, exc)
        return redirect("lifecycle:session-list")
    messages.success(request, _("Session %(reference)s is planned.") % {"reference": session.reference})
    return redirect("lifecycle:session-detail", session.reference)


# --- one session -------------------------------------------------------------------------------------


def _recusal_view(recusal, lang: str) -> dict:
    return {
        "member": recusal.member, "source": recusal.source, "automatic": recusal.source == RecusalSource.AUTOMATIC,
        "path": councils.path_text(recusal.path, lang) if recusal.path else "", "note": recusal.note,
    }


def session_context(session, user, lang: str) -> dict:
    """Everything the session page and the minutes show (the minutes pass ``user=None``: everything)."""
    from niokr.projects.lifecycle.processes.council import SESSION

    members = councils.voting_members(session)
    attendance = dict(session.attendance.values_list("member_id", "present"))
    seat = councils.seat_of(user, session) if user is not None else None
    items = []
    for item in session.items.select_related("version__programme__applicant", "version__performer").prefetch_related("recusals__member__user", "recusals__member__organisation").order_by("order"):
        programme = item.version.programme
        row = {
            "item": item, "programme": programme, "version": item.version, "title": getattr(item.version, f"title_{lang}", "") or item.version.title_ru,
            "recusals": [_recusal_view(r, lang) for r in item.recusals.all()],
            "link": councils.programme_link(programme),
        }
        if item.decided_at is not None:
            row["result"] = item.tally
        elif session.status == SessionStatus.VOTING:
            live, _rows = councils.tally_item(session, item, members)
            row["live"] = live.as_dict()
        if seat is not None:
            why = councils.vote_refusal(session=session, item=item, user=user, seat=seat)
            row["vote_refusal"] = why[1] if why else ""
            row["my_vote"] = item.votes.filter(member=seat).values_list("choice", flat=True).first()
            row["may_declare"] = session.status in (SessionStatus.PLANNED, SessionStatus.VOTING) and not item.recusals.filter(member=seat).exists() and not row["my_vote"]
        items.append(row)
    steps = []
    if user is not None:
        for t, refusal in available(SESSION, session, user):
            steps.append({"name": t.name, "label": t.label, "refusal": refusal})
    return {
        "session": session, "items": items, "policy": councils.policy_text(session.policy),
        "members": [{"member": m, "present": attendance.get(m.pk)} for m in members], "seat": seat,
        "steps": steps, "is_secretary": user is not None and councils.is_secretary(user, session.council),
        "vote_choices": VoteChoice.choices,
    }


@login_required
@require_GET
def session_detail(request, reference: str):
    session = _session(request, reference)
    lang = _lang()
    context = session_context(session, request.user, lang)
    context["title"] = _("Council session %(reference)s") % {"reference": session.reference}
    if context["is_secretary"] and session.status == SessionStatus.PLANNED:
        context["candidates"] = list(Programme.objects.visible_to(request.user).filter(authority=session.council.authority, status="submitted").order_by("reference"))
    return render(request, "lifecycle/session_detail.html", context)


def _secretary_post(request, reference: str, act, done: str):
    session = _session(request, reference)
    try:
        act(session)
    except TransitionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, done)
    return redirect("lifecycle:session-detail", session.reference)


@login_required
@require_POST
def session_agenda(request, reference: str):
    def act(session):
        programme = Programme.objects.visible_to(request.user).filter(reference=request.POST.get("programme", "")).first()
        if programme is None:
            raise TransitionRefused(_("Choose a programme submitted to this council."))
        councils.put_on_agenda(actor=request.user, session=session, programme=programme)

    return _secretary_post(request, reference, act, _("The programme is on the agenda."))


@login_required
@require_POST
def session_attendance(request, reference: str):
    def act(session):
        try:
            present = [int(v) for v in request.POST.getlist("present")]
        except ValueError:
            raise TransitionRefused(_("Mark the members present by ticking their names.")) from None
        councils.record_attendance(actor=request.user, session=session, present_ids=present)

    return _secretary_post(request, reference, act, _("The attendance is recorded."))


@login_required
@require_POST
def session_open(request, reference: str):
    return _secretary_post(request, reference, lambda s: councils.open_vote(actor=request.user, session=s), _("The vote is open; the members are notified."))


@login_required
@require_POST
def session_close(request, reference: str):
    return _secretary_post(request, reference, lambda s: councils.close_vote(actor=request.user, session=s), _("The vote is closed and every item decided."))


@login_required
@require_POST
def session_cancel(request, reference: str):
    reason = request.POST.get("reason", "")[:500]
    return _secretary_post(request, reference, lambda s: councils.cancel_session(actor=request.user, session=s, reason=reason), _("The session is cancelled; its programmes go to the next session."))


def _item(session, request) -> AgendaItem:
    try:
        pk = int(request.POST.get("item", ""))
    except ValueError:
        pk = 0
    item = AgendaItem.objects.filter(session=session, pk=pk).first()
    if item is None:
        raise TransitionRefused(_("The item is not on this session's agenda."))
    return item


@login_required
@require_POST
def session_declare(request, reference: str):
    def act(session):
        councils.declare_conflict(actor=request.user, session=session, item=_item(session, request), note=request.POST.get("note", ""))

    return _secretary_post(request, reference, act, _("Your conflict of interest is recorded: you do not vote on this item."))


@login_required
@require_POST
def session_vote(request, reference: str):
    def act(session):
        councils.cast_vote(actor=request.user, session=session, item=_item(session, request), choice=request.POST.get("choice", ""))

    return _secretary_post(request, reference, act, _("Your vote is recorded."))


@login_required
@require_GET
def session_minutes(request, reference: str):
    """The minutes as a PDF in Kazakh or Russian (``?lang=kk|ru``; default: the page's language, English read as Russian)."""
    from niokr.projects.lifecycle.minutes import render_minutes

    session = _session(request, reference)
    lang = request.GET.get("lang") or _lang()
    if lang not in ("kk", "ru", "en"):
        lang = "ru"
    pdf = render_minutes(session=session, language=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{session.reference}-{lang}.pdf"'
    return response
