"""Competitive selection for the budget channel (MSHE): a call, and each application to it.

Call:

| transition | from | to | roles | guards |
|---|---|---|---|---|
| open | draft | open | selection_officer | titles, directions, amount and a deadline in the future; the amount within the pool's free money of the year |
| close | open | closed | selection_officer, system | the deadline has passed (ranks the applications by their expertise score) |
| decide | closed | decided | selection_officer | the awards follow the ranking and their total is within the call's amount |

Application:

| transition | from | to | roles | guards |
|---|---|---|---|---|
| withdraw | submitted | withdrawn | company | before the deadline |
| award | submitted | awarded | selection_officer | the call's decision awards it |
| not_award | submitted | not_awarded | selection_officer | the call's decision does not award it |

An application is *submitted* by :func:`niokr.projects.lifecycle.selection.apply` (a creation, not a
status change). ``decide`` takes ``context["awarded"]`` (the applications' references); its effect
takes ``award`` or ``not_award`` on every submitted application and reserves each award from the pool.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.accounts.notifications import kind
from niokr.projects.choices import ApplicationStatus, CallStatus
from niokr.projects.lifecycle.access import SYSTEM
from niokr.projects.lifecycle.review_access import application_roles, call_roles
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

C = CallStatus
A = ApplicationStatus

__all__ = ["CALL", "APPLICATION"]

kind("lifecycle.call_opened", gettext_lazy("A call for applications is open"), gettext_lazy("Call %(call)s is open for applications until %(deadline)s; your approved programme %(programme)s may apply."))
kind("lifecycle.application_awarded", gettext_lazy("Your application is awarded"), gettext_lazy("Application %(application)s to call %(call)s is awarded %(amount)s tenge."))
kind("lifecycle.application_not_awarded", gettext_lazy("Your application is not awarded"), gettext_lazy("Application %(application)s to call %(call)s is not awarded (rank %(rank)s)."))


def _money(value) -> str:
    from django.utils.translation import get_language

    from niokr.core.formatting import money_text

    return money_text(value, (get_language() or "ru")[:2])


def _each_language(function, value) -> dict[str, str]:
    """``value`` written by ``function`` in each language (a notification reads the reader's)."""
    return {lang: function(value, lang) for lang in ("kk", "ru", "en")}


def call_complete(call, context) -> str | None:
    """Titles in three languages, at least one priority direction, an amount and a deadline in the future."""
    missing = []
    if not (call.title_kk.strip() and call.title_ru.strip() and call.title_en.strip()):
        missing.append(_("the title in Kazakh, Russian and English"))
    if not call.directions:
        missing.append(_("a priority direction"))
    if missing:
        return _("The call cannot open without %(missing)s.") % {"missing": ", ".join(str(m) for m in missing)}
    if call.deadline <= timezone.now():
        return _("The deadline has already passed; set a later one.")
    return None


def within_pool(call, context) -> str | None:
    """The amount is within the pool's free money of the call's year (received under KBK 401103, less awards and other open calls)."""
    from niokr.projects.lifecycle.selection import pool_free

    free = pool_free(call.year, excluding=call)
    if call.amount > free:
        return _("The amount %(amount)s exceeds the pool's free money of %(year)s: %(free)s.") % {"amount": _money(call.amount), "year": call.year, "free": _money(free)}
    return None


def deadline_passed(call, context) -> str | None:
    """The deadline has passed."""
    if timezone.now() < call.deadline:
        return _("The deadline has not passed yet: the applications stay sealed until it.")
    return None


def decision_within_amount(call, context) -> str | None:
    """The awards follow the ranking (no one passed over for a lower-ranked) and their total is within the amount."""
    from niokr.projects.lifecycle.selection import check_decision

    return check_decision(call, context.get("awarded"))


def _rank(call, context) -> None:
    from niokr.projects.lifecycle.selection import rank_applications

    rank_applications(call)


def _decide(call, context) -> None:
    from niokr.projects.lifecycle.selection import apply_decision

    call.decided_by = context.get("user")
    call.decided_at = timezone.now()
    call.save(update_fields=["decided_by", "decided_at"])
    apply_decision(call, context.get("awarded") or [], context.get("user"))


def _companies_with_approved(call, context):
    from niokr.accounts.models import Membership
    from niokr.core.formatting import moment_text
    from niokr.projects.models import Programme

    out = []
    for programme in Programme.objects.filter(status="approved").prefetch_related("versions"):
        current = programme.current
        if current is None or current.priority_direction not in call.directions:
            continue
        params = {"call": call.reference, "programme": programme.reference, "deadline": _each_language(moment_text, call.deadline), "link": f"/lifecycle/calls/{call.reference}/"}
        for m in Membership.objects.active_on().filter(role=Role.COMPANY, organisation_id=programme.applicant_id).select_related("user"):
            out.append((m.user, "lifecycle.call_opened", params))
    return out


def _in_decision(award: bool):
    def guard(application, context) -> str | None:
        awarded = set(context.get("awarded") or [])
        if application.call.status != C.DECIDED:
            return _("The call is not decided yet.")
        if (application.reference in awarded) != award:
            return _("The call's decision says otherwise about this application.")
        return None

    guard.__doc__ = f"the call's decision {'awards' if award else 'does not award'} it"
    return guard


def before_deadline(application, context) -> str | None:
    """Before the call's deadline."""
    if timezone.now() >= application.call.deadline:
        return _("The deadline has passed; the application can no longer be withdrawn.")
    return None


def _applicant_staff(kind_name: str):
    def recipients(application, context):
        from niokr.accounts.models import Membership
        from niokr.core.formatting import money_text

        params = {
            "application": application.reference, "call": application.call.reference, "rank": application.rank or "—",
            "amount": _each_language(money_text, application.amount_awarded or Decimal(0)), "link": f"/lifecycle/applications/{application.reference}/",
        }
        staff = Membership.objects.active_on().filter(role=Role.COMPANY, organisation_id=application.applicant_id).select_related("user")
        return [(m.user, kind_name, params) for m in staff]

    return recipients


CALL = register(
    Workflow(
        name="call",
        model="projects.Call",
        states=CallStatus,
        start=C.DRAFT,
        finals=frozenset({C.DECIDED}),
        roles_of=call_roles,
        transitions=(
            Transition("open", (C.DRAFT,), C.OPEN, frozenset({Role.SELECTION_OFFICER}), gettext_lazy("Open the call"), guards=(call_complete, within_pool), notify=_companies_with_approved),
            Transition("close", (C.OPEN,), C.CLOSED, frozenset({Role.SELECTION_OFFICER, SYSTEM}), gettext_lazy("Close and rank"), guards=(deadline_passed,), effect=_rank),
            Transition("decide", (C.CLOSED,), C.DECIDED, frozenset({Role.SELECTION_OFFICER}), gettext_lazy("Decide"), guards=(decision_within_amount,), effect=_decide),
        ),
    )
)

APPLICATION = register(
    Workflow(
        name="application",
        model="projects.Application",
        states=ApplicationStatus,
        start=A.SUBMITTED,
        finals=frozenset({A.AWARDED, A.NOT_AWARDED, A.WITHDRAWN}),
        roles_of=application_roles,
        transitions=(
            Transition("withdraw", (A.SUBMITTED,), A.WITHDRAWN, frozenset({Role.COMPANY}), gettext_lazy("Withdraw the application"), guards=(before_deadline,)),
            Transition("award", (A.SUBMITTED,), A.AWARDED, frozenset({Role.SELECTION_OFFICER}), gettext_lazy("Award"), guards=(_in_decision(True),), notify=_applicant_staff("lifecycle.application_awarded")),
            Transition(
                "not_award", (A.SUBMITTED,), A.NOT_AWARDED, frozenset({Role.SELECTION_OFFICER}), gettext_lazy("Not awarded"),
                guards=(_in_decision(False),), notify=_applicant_staff("lifecycle.application_not_awarded"),
            ),
        ),
    )
)
