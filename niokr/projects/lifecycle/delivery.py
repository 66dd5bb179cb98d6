"""Services of an agreement's calendar plan: plan a stage, submit its report, sign its act or return it,
link a payment to its stage, and read the plan against what was accepted and paid.

Each service checks who acts and what they ask before anything is written, and refuses with
:class:`~niokr.projects.lifecycle.workflow.TransitionRefused` (the reason in the reader's language;
``code`` ``forbidden`` when the role is missing) — nothing changed. Status changes go through the
``stage`` workflow (:data:`niokr.projects.lifecycle.processes.delivery.STAGE`); the other writes
record their audit event in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.core.audit import record_event
from niokr.projects.lifecycle.parties import agreement_roles
from niokr.projects.lifecycle.processes.delivery import STAGE, plan_excess
from niokr.projects.lifecycle.workflow import Outcome, TransitionRefused, perform

__all__ = ["plan_stage", "submit_stage_report", "sign_act", "return_stage", "link_payment_to_stage", "StagePlan", "stage_plan", "PLANNERS"]

#: Who may write an agreement's calendar plan: both parties, and administrators.
PLANNERS = frozenset({Role.COMPANY, Role.PERFORMER, Role.ADMINISTRATOR})


def _forbidden(message: str) -> TransitionRefused:
    return TransitionRefused(message, code="forbidden")


def plan_stage(
    *, agreement, number: int, title: str, start_date: date, end_date: date, amount: Decimal, deliverables: str = "", actor, source_submission: int | None = None,
):
    """Add stage ``number`` to ``agreement``'s calendar plan; refused when it does not fit the agreement."""
    from niokr.projects.models import Agreement, Stage

    if actor is not None and not (agreement_roles(agreement, actor) & PLANNERS):
        raise _forbidden(_("Only the payer's or the performer's staff plan the agreement's stages."))
    title = (title or "").strip()
    if not title:
        raise TransitionRefused(_("Give the stage's title."))
    if number is None or int(number) < 1:
        raise TransitionRefused(_("Stages are numbered from 1."))
    if amount is None or Decimal(amount) <= 0:
        raise TransitionRefused(_("A stage's amount is above zero."))
    if start_date is None or end_date is None:
        raise TransitionRefused(_("Give the stage's start and end."))
    if end_date < start_date:
        raise TransitionRefused(_("The stage ends before it starts."))
    if start_date < agreement.period_start or end_date > agreement.period_end:
        raise TransitionRefused(_("The stage lies outside the agreement's period."))
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if Stage.objects.filter(agreement=locked, number=number).exists():
            raise TransitionRefused(_("The agreement already has a stage with this number."))
        why = plan_excess(locked, amount)
        if why:
            raise TransitionRefused(why)
        stage = Stage.objects.create(
            agreement=locked, number=int(number), title=title[:500], start_date=start_date, end_date=end_date, amount=Decimal(amount),
            deliverables=(deliverables or "").strip(), source_submission=source_submission,
        )
        record_event(
            action="stage.plan", object_type="projects.Stage", object_id=stage.pk, before=None,
            after={"agreement": locked.number, "number": stage.number, "amount": str(stage.amount), "start_date": str(start_date), "end_date": str(end_date)},
            actor=actor,
        )
    return stage


def submit_stage_report(*, stage, report: dict, actor) -> Outcome:
    """The performer hands in the stage's scientific report (``report``: as :func:`documents.keep_document` gives it)."""
    return perform(STAGE, stage, "submit", actor, context={"report": report, "audit": {"report_sha256": (report or {}).get("sha256", "")}})


def sign_act(*, stage, number: str, signed_on: date, amount: Decimal, actor, report: dict | None = None, note: str = "") -> Outcome:
    """The payer accepts the stage with an act (on the performer's report, or on ``report`` attached to the act)."""
    act = {"number": number, "signed_on": signed_on, "amount": amount, "report": report, "note": note}
    audit = {"act": str(number or "").strip(), "amount_accepted": str(amount) if amount is not None else None, "signed_on": str(signed_on) if signed_on else None}
    return perform(STAGE, stage, "accept", actor, context={"act": act, "audit": audit})


def return_stage(*, stage, reason: str, actor) -> Outcome:
    """The payer returns the stage's report for revision, saying why."""
    return perform(STAGE, stage, "return", actor, reason=(reason or "").strip(), context={"reason": reason})


def link_payment_to_stage(*, payment, stage, actor):
    """Say which stage ``payment`` pays (``stage=None``: none); the stage must be of the payment's agreement."""
    from niokr.projects.models import Payment

    roles = agreement_roles(payment.agreement, actor) if actor is not None else {Role.ADMINISTRATOR}
    if not (roles & {Role.COMPANY, Role.ADMINISTRATOR}):
        raise _forbidden(_("Only the payer's staff link its payments to stages."))
    if stage is not None and stage.agreement_id != payment.agreement_id:
        raise TransitionRefused(_("The stage belongs to another agreement than the payment."))
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        before = locked.stage.number if locked.stage_id else None
        locked.stage = stage
        locked.save(update_fields=["stage"])
        record_event(
            action="payment.link_stage", object_type="projects.Payment", object_id=locked.pk,
            before={"stage": before}, after={"stage": stage.number if stage else None, "agreement": locked.agreement.number}, actor=actor,
        )
    payment.stage = stage
    return locked


@dataclass
class StagePlan:
    """An agreement's plan against what was accepted and paid: one row per stage, and the totals."""

    rows: list = field(default_factory=list)
    planned: Decimal = Decimal(0)
    accepted: Decimal = Decimal(0)
    paid_to_stages: Decimal = Decimal(0)
    paid_unlinked: Decimal = Decimal(0)
    agreement_amount: Decimal = Decimal(0)

    @property
    def paid(self) -> Decimal:
        return self.paid_to_stages + self.paid_unlinked

    @property
    def unplanned(self) -> Decimal:
        return self.agreement_amount - self.planned

    @property
    def paid_beyond_accepted(self) -> Decimal:
        return max(self.paid - self.accepted, Decimal(0))


def stage_plan(agreement, user) -> StagePlan:
    """The agreement's stages with their act and the payments the user may see linked to each (two queries)."""
    from niokr.projects.models import Payment, Stage

    visible = Payment.objects.visible_to(user).filter(agreement=agreement)
    paid = visible.filter(stage=OuterRef("pk")).order_by().values("stage").annotate(total=Sum("amount")).values("total")
    money = DecimalField(max_digits=20, decimal_places=2)
    stages = list(
        Stage.objects.filter(agreement=agreement).select_related("act").annotate(paid=Coalesce(Subquery(paid, output_field=money), Value(Decimal(0)), output_field=money)).order_by("number")
    )
    plan = StagePlan(rows=stages, agreement_amount=agreement.amount)
    for stage in stages:
        act = getattr(stage, "act", None) if hasattr(stage, "act") else None
        stage.accepted = act.amount if act is not None else None
        plan.planned += stage.amount
        plan.accepted += act.amount if act is not None else 0
        plan.paid_to_stages += stage.paid
    plan.paid_unlinked = visible.filter(stage__isnull=True).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return plan
