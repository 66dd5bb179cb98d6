"""A stage of an agreement's calendar plan: planned → report submitted → accepted by an act, or returned.

| transition | from | to | roles | guards |
|---|---|---|---|---|
| submit | planned, returned | submitted | performer | a report file attached; the plan within the agreement's amount |
| accept | submitted | accepted | company (the payer's staff) | an act: number, date, amount ≤ the stage's, a report; acts within the agreement's amount |
| return | submitted | returned | company (the payer's staff) | a reason given |

The services of :mod:`niokr.projects.lifecycle.delivery` take these transitions:
``context["report"]`` carries the report kept (name, SHA-256, size), ``context["act"]`` the act to
sign, ``context["reason"]`` why a stage is returned.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from niokr.accounts.choices import Role
from niokr.accounts.notifications import kind
from niokr.core.templatetags.niokr import money
from niokr.projects.choices import StageStatus
from niokr.projects.lifecycle.parties import stage_roles, staff_of
from niokr.projects.lifecycle.workflow import Transition, Workflow, register

S = StageStatus

kind("lifecycle.act_to_sign", gettext_lazy("An act to sign"), gettext_lazy("The performer submitted the report of stage %(stage)s under agreement No %(agreement)s: accept it with an act, or return it for revision."))
kind("lifecycle.stage_accepted", gettext_lazy("A stage is accepted"), gettext_lazy("The payer signed the acceptance act of stage %(stage)s under agreement No %(agreement)s."))
kind("lifecycle.stage_returned", gettext_lazy("A stage is returned for revision"), gettext_lazy("The payer returned stage %(stage)s under agreement No %(agreement)s for revision."))

__all__ = ["STAGE", "stage_link", "plan_total", "plan_excess"]


def stage_link(stage) -> str:
    return f"/lifecycle/agreements/{stage.agreement_id}/stages/{stage.number}/"


def plan_total(agreement, *, excluding=None) -> Decimal:
    """The sum of the agreement's stages (without the stage ``excluding``)."""
    from niokr.projects.models import Stage

    rows = Stage.objects.filter(agreement=agreement)
    if excluding is not None and excluding.pk:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def plan_excess(agreement, amount, *, excluding=None) -> str | None:
    """Why a stage of ``amount`` does not fit in the agreement's amount (``None``: it fits)."""
    total = plan_total(agreement, excluding=excluding) + Decimal(amount)
    if total > agreement.amount:
        return _("The stages would total %(total)s, more than the agreement's amount of %(amount)s.") % {"total": money(total), "amount": money(agreement.amount)}
    return None


def report_attached(stage, context) -> str | None:
    """a scientific report file is attached"""
    report = context.get("report") or {}
    if not report.get("sha256"):
        return _("Attach the scientific report (a PDF, DOCX, DOC, ODT or RTF file).")
    return None


def plan_within_agreement(stage, context) -> str | None:
    """the stages total no more than the agreement's amount"""
    total = plan_total(stage.agreement)
    if total > stage.agreement.amount:
        return _("The stages total %(total)s, more than the agreement's amount of %(amount)s; correct the calendar plan first.") % {
            "total": money(total), "amount": money(stage.agreement.amount),
        }
    return None


def act_valid(stage, context) -> str | None:
    """an act with a number, a date, an amount above zero and not above the stage's, and a report"""
    act = context.get("act") or {}
    if not str(act.get("number") or "").strip():
        return _("Give the act's number.")
    signed_on = act.get("signed_on")
    if signed_on is None:
        return _("Give the act's date.")
    if signed_on > timezone.localdate():
        return _("The act's date is in the future.")
    if signed_on < stage.agreement.signed_on:
        return _("The act's date is before the agreement was signed.")
    amount = act.get("amount")
    if amount is None or Decimal(amount) <= 0:
        return _("The amount accepted is above zero.")
    if Decimal(amount) > stage.amount:
        return _("The act accepts %(amount)s, more than the stage's amount of %(stage)s.") % {"amount": money(Decimal(amount)), "stage": money(stage.amount)}
    report = act.get("report") or {}
    if not (report.get("sha256") or stage.report_sha256):
        return _("An act is signed on the scientific report: attach it, or let the performer submit it first.")
    return None


def acts_within_agreement(stage, context) -> str | None:
    """the acts of the agreement total no more than its amount"""
    from niokr.projects.models import AcceptanceAct

    amount = Decimal((context.get("act") or {}).get("amount") or 0)
    accepted = AcceptanceAct.objects.filter(stage__agreement=stage.agreement).exclude(stage=stage).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if accepted + amount > stage.agreement.amount:
        return _("The acts would accept %(total)s, more than the agreement's amount of %(amount)s.") % {"total": money(accepted + amount), "amount": money(stage.agreement.amount)}
    return None


def reason_given(stage, context) -> str | None:
    """a reason for the return is given"""
    if not str(context.get("reason") or "").strip():
        return _("Say why the stage is returned for revision.")
    return None


def _keep_report(stage, context) -> None:
    report = context["report"]
    stage.report_name, stage.report_sha256, stage.report_size = report["name"], report["sha256"], report.get("size")
    stage.submitted_at = timezone.now()
    stage.submitted_by = context.get("user")
    stage.save(update_fields=["report_name", "report_sha256", "report_size", "submitted_at", "submitted_by"])


def _sign_act(stage, context) -> None:
    from niokr.projects.models import AcceptanceAct

    act = context["act"]
    report = act.get("report") or {"name": stage.report_name, "sha256": stage.report_sha256, "size": stage.report_size}
    AcceptanceAct.objects.create(
        stage=stage, number=str(act["number"]).strip(), signed_on=act["signed_on"], amount=Decimal(act["amount"]), signed_by=context.get("user"),
        report_name=report["name"], report_sha256=report["sha256"], report_size=report.get("size"), note=str(act.get("note") or "").strip(),
        source_submission=act.get("source_submission"),
    )


def _keep_reason(stage, context) -> None:
    stage.return_reason = str(context["reason"]).strip()
    stage.save(update_fields=["return_reason"])


def _params(stage) -> dict:
    return {"agreement": stage.agreement.number, "stage": stage.number, "link": stage_link(stage)}


def _payer_staff(stage, context):
    return [(user, "lifecycle.act_to_sign", _params(stage)) for user in staff_of([stage.agreement.payer_id], Role.COMPANY)]


def _performer_staff(kind: str):
    def recipients(stage, context):
        return [(user, kind, _params(stage)) for user in staff_of([stage.agreement.performer_id], Role.PERFORMER, Role.COMPANY)]

    return recipients


STAGE = register(
    Workflow(
        name="stage",
        model="projects.Stage",
        states=StageStatus,
        start=S.PLANNED,
        finals=frozenset({S.ACCEPTED}),
        roles_of=lambda stage, user: stage_roles(stage, user),
        transitions=(
            Transition(
                "submit", (S.PLANNED, S.RETURNED), S.SUBMITTED, frozenset({Role.PERFORMER}), gettext_lazy("Submit the stage report"),
                guards=(report_attached, plan_within_agreement), effect=_keep_report, notify=_payer_staff,
            ),
            Transition(
                "accept", (S.SUBMITTED,), S.ACCEPTED, frozenset({Role.COMPANY}), gettext_lazy("Sign the acceptance act"),
                guards=(act_valid, acts_within_agreement), effect=_sign_act, notify=_performer_staff("lifecycle.stage_accepted"),
            ),
            Transition(
                "return", (S.SUBMITTED,), S.RETURNED, frozenset({Role.COMPANY}), gettext_lazy("Return for revision"),
                guards=(reason_given,), effect=_keep_reason, notify=_performer_staff("lifecycle.stage_returned"),
            ),
        ),
    )
)
