"""The control objects of the web tests' small country: a national run, flags and scores, a case of company A.

The run is written directly (not evaluated) so that the objects the URLs name exist whatever the
indicators find in the generated data: one flag per subject type the catalogue covers on company
A's payment, agreement, year and right, one on company B's payment, scores for both companies, and
an audit case of A opened from A's flags, with documents requested and answered with a file (so
that A's staff see it, and its file can be downloaded).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from niokr.control import indicators, services
from niokr.control.forms import store_case_file
from niokr.control.models import AuditCase, ControlRun, DocumentRequest, Flag, RiskScore
from niokr.projects.models import Payment

__all__ = ["ControlObjects", "build_control"]


@dataclass
class ControlObjects:
    run: ControlRun
    flag_a: Flag
    case_a: AuditCase
    request_a: DocumentRequest


def _evidence(indicator, amount_tiyn: int) -> dict:
    """Evidence with every key the indicator's explanation names (money keys in tiyn)."""
    keys = {field for _text, field, _spec, _conv in string.Formatter().parse(indicator.explanation["en"]) if field}
    return {key: amount_tiyn if key.endswith("_tiyn") else 1 for key in sorted(keys)}


def build_control(*, company_a, company_b, payment_a, agreement_a, right_a, year: int, auditor) -> ControlObjects:
    """Write the run, flags, scores and case described in the module docstring."""
    catalogue = indicators.catalogue()
    by_type = {}
    for indicator in catalogue:
        by_type.setdefault(indicator.subject_type, indicator)
    run = ControlRun.objects.create(
        as_of=timezone.localdate(), status="completed", finished_at=timezone.now(), started_by="system",
        catalogue={i.code: i.version for i in catalogue}, parameters={i.code: i.params() for i in catalogue},
        counts={i.code: {"subjects": 10, "flagged": 1, "clear": 9, "not_computable": 0} for i in catalogue},
        phases={"extract": 0.1, "evaluate": 0.2, "write": 0.1},
    )
    payment_b = Payment.objects.filter(agreement__payer=company_b).order_by("pk").first()
    subjects = [
        ("payment", payment_a.pk, payment_a.for_year or payment_a.paid_on.year, company_a, payment_a.amount),
        ("agreement", agreement_a.pk, agreement_a.signed_on.year, company_a, agreement_a.amount),
        ("payer_year", company_a.pk, year, company_a, None),
        ("right_year", right_a.pk, year, company_a, None),
        ("payment", payment_b.pk, payment_b.for_year or payment_b.paid_on.year, company_b, payment_b.amount),
    ]
    flags = []
    for subject_type, subject_id, flag_year, payer, amount in subjects:
        indicator = by_type.get(subject_type)
        if indicator is None:
            continue
        tiyn = int((amount or Decimal(0)) * 100)
        flags.append(Flag.objects.create(
            run=run, indicator=indicator.code, version=indicator.version, subject_type=subject_type, subject_id=subject_id,
            year=flag_year, payer=payer, amount=amount, evidence=_evidence(indicator, tiyn),
        ))
    flags_a = [f for f in flags if f.payer_id == company_a.pk]
    for payer, own in ((company_a, flags_a), (company_b, [f for f in flags if f.payer_id == company_b.pk])):
        contributions = [{"indicator": f.indicator, "weight": 50, "materiality": 1.0, "flags": 1, "amount_tiyn": int((f.amount or 0) * 100), "points": 10.0} for f in own]
        RiskScore.objects.create(run=run, subject_type="payer_year", subject_id=payer.pk, year=year, payer=payer, score=min(100, 10 * len(own)), flags=len(own), amount=sum((f.amount or 0) for f in own), contributions=contributions)
    RiskScore.objects.create(
        run=run, subject_type="payment", subject_id=payment_a.pk, year=payment_a.paid_on.year, payer=company_a, score=50, flags=1, amount=payment_a.amount,
        contributions=[{"indicator": flags_a[0].indicator, "weight": 50, "materiality": 1.0, "flags": 1, "amount_tiyn": int(payment_a.amount * 100), "points": 50.0}],
    )
    case = services.open_case(actor=auditor, flag_ids=[f.pk for f in flags_a], title="Audit of company A")
    request = services.request_documents(actor=auditor, case=case, text="Acceptance acts of the stages", due_on=timezone.localdate() + timedelta(days=14))
    staff_a = company_a.memberships.filter(role="company").select_related("user").first().user
    name, sha256 = store_case_file(SimpleUploadedFile("acts.pdf", b"%PDF-1.4 acceptance acts"))
    services.answer_request(actor=staff_a, request=request, answer="The acts are attached.", file_name=name, file_sha256=sha256)
    return ControlObjects(run=run, flag_a=flags_a[0], case_a=case, request_a=request)
