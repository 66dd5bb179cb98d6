"""Services of the competitive selection (MSHE) and the KBK 401103 pool.

* :func:`create_call`, then the call workflow (:mod:`niokr.projects.lifecycle.processes.selection`)
  through :func:`take_call`: ``open`` (within the pool's free money), ``close`` (after the deadline;
  ranks the applications), ``decide`` (awards in ranking order within the amount).
* :func:`apply` — a company puts an approved programme to an open call; the application is sealed
  until the deadline (:meth:`~niokr.projects.models.selection.ApplicationQuerySet.readable_by`).
* **The pool** of a year is the money the treasury confirmed as received under KBK 401103 with a
  payment date in that year. Of it, awards reserve their amounts (:class:`PoolReservation`) and calls
  still open or closed but undecided hold theirs; what remains is free for a new call
  (:func:`pool_free`). :func:`pool_table` gives the figures by year and by priority direction.

Every function owns its transaction and refuses with :class:`TransitionRefused` (``code="forbidden"``
— the API answers 403 — when the person holds no role for the act), changing nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.core.audit import record_event
from niokr.core.choices import PriorityDirection
from niokr.core.money import quantize_money
from niokr.projects.choices import ApplicationStatus, CallStatus, ProgrammeStatus
from niokr.projects.lifecycle.access import memberships
from niokr.projects.lifecycle.review_access import applicant_org_ids
from niokr.projects.lifecycle.workflow import Outcome, TransitionRefused, perform

__all__ = [
    "FORBIDDEN", "create_call", "take_call", "apply", "withdraw", "rank_applications", "ranking", "proposed_awards",
    "check_decision", "apply_decision", "pool_received", "pool_reserved", "pool_held", "pool_free", "pool_table", "PoolRow",
    "call_link", "application_link", "close_due",
]

FORBIDDEN = "forbidden"
ZERO = Decimal("0.00")
STATEMENT_LENGTH = 20_000


def call_link(call) -> str:
    return f"/lifecycle/calls/{call.reference}/"


def application_link(application) -> str:
    return f"/lifecycle/applications/{application.reference}/"


def _money_words(value) -> str:
    from django.utils.translation import get_language

    from niokr.core.formatting import money_text

    return money_text(value, (get_language() or "ru")[:2])


def _amount(value, *, what) -> Decimal:
    try:
        amount = quantize_money(Decimal(str(value).replace(" ", "").replace("\u202f", "").replace(",", ".")))
    except (InvalidOperation, ValueError, TypeError):
        raise TransitionRefused(_("%(what)s is a number of tenge.") % {"what": what}) from None
    if amount <= 0:
        raise TransitionRefused(_("%(what)s is above zero.") % {"what": what})
    if amount >= Decimal("1e17"):
        raise TransitionRefused(_("%(what)s is too large.") % {"what": what})
    return amount


# --- the pool -------------------------------------------------------------------------------------


def _transfers():
    from niokr.obligations.models import BudgetTransfer

    return BudgetTransfer.objects.filter(kbk="401103", treasury_confirmed=True)


def pool_received(year: int) -> Decimal:
    return _transfers().filter(paid_on__year=year).aggregate(s=Sum("amount"))["s"] or ZERO


def pool_reserved(year: int) -> Decimal:
    from niokr.projects.models import PoolReservation

    return PoolReservation.objects.filter(year=year).aggregate(s=Sum("amount"))["s"] or ZERO


def pool_held(year: int, *, excluding=None) -> Decimal:
    """The amounts of the year's calls open or closed but not yet decided (held for them)."""
    from niokr.projects.models import Call

    qs = Call.objects.filter(year=year, status__in=[CallStatus.OPEN, CallStatus.CLOSED])
    if excluding is not None and excluding.pk:
        qs = qs.exclude(pk=excluding.pk)
    return qs.aggregate(s=Sum("amount"))["s"] or ZERO


def pool_free(year: int, *, excluding=None) -> Decimal:
    return pool_received(year) - pool_reserved(year) - pool_held(year, excluding=excluding)


@dataclass
class PoolRow:
    year: int
    received: Decimal = ZERO
    awarded: Decimal = ZERO
    held: Decimal = ZERO
    by_direction: dict[str, Decimal] = field(default_factory=dict)

    @property
    def free(self) -> Decimal:
        return self.received - self.awarded - self.held


def pool_table() -> list[PoolRow]:
    """Received (confirmed KBK 401103 transfers by payment year) vs awarded (by priority direction), per year."""
    from niokr.projects.models import Call, PoolReservation

    rows: dict[int, PoolRow] = {}

    def row(year) -> PoolRow:
        return rows.setdefault(year, PoolRow(year, by_direction={d: ZERO for d in PriorityDirection.values}))

    for item in _transfers().annotate(y=ExtractYear("paid_on")).values("y").annotate(s=Sum("amount")):
        row(item["y"]).received = item["s"] or ZERO
    for item in PoolReservation.objects.values("year", "direction").annotate(s=Sum("amount")):
        r = row(item["year"])
        r.by_direction[item["direction"]] = item["s"] or ZERO
        r.awarded += item["s"] or ZERO
    for item in Call.objects.filter(status__in=[CallStatus.OPEN, CallStatus.CLOSED]).values("year").annotate(s=Sum("amount")):
        row(item["year"]).held = item["s"] or ZERO
    return [rows[y] for y in sorted(rows)]


# --- calls ----------------------------------------------------------------------------------------


def _officer(user) -> None:
    if not memberships(user, Role.SELECTION_OFFICER):
        raise TransitionRefused(_("Only a selection officer may do this."), code=FORBIDDEN)


def create_call(*, reference: str, titles: dict[str, str], year: int, directions: list[str], amount, deadline: datetime, actor) -> Any:
    """A draft call (opened by the ``open`` transition)."""
    from niokr.projects.models import Call

    _officer(actor)
    reference = (reference or "").strip()
    if not reference or len(reference) > 32:
        raise TransitionRefused(_("The reference is 1 to 32 characters."))
    bad = [d for d in directions if d not in PriorityDirection.values]
    if bad or not directions:
        raise TransitionRefused(_("Choose at least one priority direction from the list."))
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise TransitionRefused(_("The pool year is a year.")) from None
    if not 2000 <= year <= 2100:
        raise TransitionRefused(_("The pool year is a year."))
    amount = _amount(amount, what=_("The amount available"))
    if deadline is None:
        raise TransitionRefused(_("Set the deadline."))
    with transaction.atomic():
        if Call.objects.filter(reference=reference).exists():
            raise TransitionRefused(_("A call with this reference already exists."))
        call = Call.objects.create(
            reference=reference, title_kk=titles.get("kk", "").strip(), title_ru=titles.get("ru", "").strip(), title_en=titles.get("en", "").strip(),
            year=year, directions=list(dict.fromkeys(directions)), amount=amount, deadline=deadline, created_by=actor,
        )
        record_event(action="call.created", object_type="projects.Call", object_id=call.pk, after={"reference": reference, "amount": str(amount), "status": call.status}, actor=actor)
    return call


def take_call(call, transition: str, user, *, awarded: list[str] | None = None, reason: str = "") -> Outcome:
    """Take a transition of the call workflow (``open``, ``close``, ``decide`` with the awarded references)."""
    from niokr.projects.lifecycle.processes.selection import CALL

    context: dict[str, Any] = {}
    if transition == "decide":
        context = {"awarded": list(awarded or []), "audit": {"awarded": list(awarded or [])}}
    return perform(CALL, call, transition, user, reason=reason, context=context)


def close_due(now=None) -> int:
    """Close (and rank) every open call whose deadline has passed, as the system; returns how many."""
    from niokr.projects.models import Call

    done = 0
    for call in Call.objects.filter(status=CallStatus.OPEN, deadline__lte=now or timezone.now()):
        try:
            take_call(call, "close", None)
            done += 1
        except TransitionRefused:
            continue
    return done


def _expertise_score(version) -> Decimal | None:
    from niokr.projects.models import Expertise

    expertise = Expertise.objects.filter(version=version, positive=True, confirmed_at__isnull=False).first()
    if expertise is None:
        expertise = Expertise.objects.filter(version__programme_id=version.programme_id, positive=True, confirmed_at__isnull=False).order_by("-confirmed_at").first()
    return expertise.score if expertise is not None else None


def rank_applications(call) -> None:
    """Write each submitted application's expertise score and rank (highest score first; ties: earlier submission)."""
    apps = list(call.applications.filter(status=ApplicationStatus.SUBMITTED).select_related("version"))
    for app in apps:
        app.score = _expertise_score(app.version)
    apps.sort(key=lambda a: (a.score is None, -(a.score or 0), a.submitted_at, a.reference))
    for i, app in enumerate(apps, start=1):
        app.rank = i
        app.save(update_fields=["score", "rank"])


def ranking(call) -> list:
    """The call's submitted (and decided) applications in ranking order — read after the deadline only."""
    return list(call.applications.exclude(status=ApplicationStatus.WITHDRAWN).exclude(rank__isnull=True).select_related("programme", "version", "applicant").order_by("rank"))


def proposed_awards(call) -> list[str]:
    """The awards the ranking gives: in ranking order while the amount lasts (stops at the first that does not fit)."""
    left, out = call.amount, []
    for app in ranking(call):
        if app.score is None or app.amount > left:
            break
        out.append(app.reference)
        left -= app.amount
    return out


def check_decision(call, awarded) -> str | None:
    """Why the decision ``awarded`` (application references) is refused, or ``None``."""
    if awarded is None:
        return _("Choose the applications to award.")
    ranked = ranking(call)
    by_ref = {a.reference: a for a in ranked}
    unknown = [r for r in awarded if r not in by_ref]
    if unknown:
        return _("These are not ranked applications of this call: %(refs)s.") % {"refs": ", ".join(unknown)}
    if len(set(awarded)) != len(awarded):
        return _("An application is awarded once.")
    chosen = set(awarded)
    unscored = [r for r in awarded if by_ref[r].score is None]
    if unscored:
        return _("An application without a positive state expertise cannot be awarded: %(refs)s.") % {"refs": ", ".join(unscored)}
    passed = False
    for app in ranked:
        if app.reference in chosen and passed:
            return _("The awards follow the ranking: %(ref)s cannot be awarded while a higher-ranked application is not.") % {"ref": app.reference}
        if app.reference not in chosen:
            passed = True
    total = sum((by_ref[r].amount for r in awarded), start=ZERO)
    if total > call.amount:
        return _("The awards total %(total)s, beyond the call's amount of %(amount)s by %(over)s.") % {
            "total": _money_words(total), "amount": _money_words(call.amount), "over": _money_words(total - call.amount),
        }
    return None


def apply_decision(call, awarded: list[str], user) -> None:
    """Award or not each submitted application (by the application workflow) and reserve the awards from the pool."""
    from niokr.projects.lifecycle.processes.selection import APPLICATION
    from niokr.projects.models import PoolReservation

    chosen = set(awarded)
    for app in call.applications.filter(status=ApplicationStatus.SUBMITTED).select_related("version", "call"):
        if app.reference in chosen:
            app.amount_awarded = app.amount
            app.save(update_fields=["amount_awarded"])
            perform(APPLICATION, app, "award", user, context={"awarded": list(chosen), "audit": {"amount": str(app.amount)}})
            PoolReservation.objects.create(call=call, application=app, year=call.year, direction=app.version.priority_direction, amount=app.amount)
        else:
            perform(APPLICATION, app, "not_award", user, context={"awarded": list(chosen)})


# --- applications ---------------------------------------------------------------------------------


def apply(*, call, programme, amount, statement: str, actor) -> Any:
    """Put ``programme`` (approved, the actor's company's) to the open ``call``; sealed until the deadline."""
    from niokr.projects.models import Application, Call, Programme

    if not applicant_org_ids(actor):
        raise TransitionRefused(_("Only a company's staff apply to a call."), code=FORBIDDEN)
    amount = _amount(amount, what=_("The amount requested"))
    statement = (statement or "").strip()
    if len(statement) > STATEMENT_LENGTH:
        raise TransitionRefused(_("The statement is at most %(n)s characters.") % {"n": STATEMENT_LENGTH})
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        programme = Programme.objects.get(pk=programme.pk)
        if programme.applicant_id not in applicant_org_ids(actor):
            raise TransitionRefused(_("You may apply only with your own company's programmes."), code=FORBIDDEN)
        if call.status != CallStatus.OPEN or timezone.now() >= call.deadline:
            raise TransitionRefused(_("The call is not open for applications."))
        if programme.status != ProgrammeStatus.APPROVED:
            raise TransitionRefused(_("Only an approved programme may apply."))
        version = programme.current
        if version.priority_direction not in call.directions:
            raise TransitionRefused(_("The programme's priority direction is not one of the call's."))
        if amount > call.amount:
            raise TransitionRefused(_("The amount requested exceeds the call's amount."))
        if Application.objects.filter(call=call, programme=programme).exists():
            raise TransitionRefused(_("The programme has already applied to this call."))
        count = Application.objects.filter(call=call).count()
        application = Application.objects.create(
            call=call, reference=f"{call.reference}-{count + 1:03d}", programme=programme, version=version, applicant_id=programme.applicant_id,
            amount=amount, statement=statement, submitted_by=actor,
        )
        # The audit trail holds no content of a sealed application: only that one was submitted.
        record_event(action="application.submitted", object_type="projects.Application", object_id=application.pk, after={"call": call.reference, "status": application.status}, actor=actor)
    return application


def withdraw(application, user, *, reason: str = "") -> Outcome:
    from niokr.projects.lifecycle.processes.selection import APPLICATION

    return perform(APPLICATION, application, "withdraw", user, reason=reason)
