"""The demo's steps after the country is generated: ``control run`` then ``demo_cases``.

A fresh demo shows flags, risk scores, a case in progress with an open document request to the
demo company, and that company's notice; ``generate --replace`` afterwards clears them all.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.control.choices import CaseStatus
from niokr.control.models import AuditCase, DocumentRequest, Flag, Notice, RiskScore
from niokr.obligations.services import recompute

pytestmark = pytest.mark.django_db(transaction=True)


def quiet(*args, **kwargs):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


@pytest.fixture
def demo(tmp_path):
    quiet("generate", scale="small", seed=1, truth=str(tmp_path / "truth.json"))
    recompute()
    return tmp_path


def test_demo_cases_needs_a_control_run_first(demo):
    with pytest.raises(CommandError, match="control run"):
        quiet("demo_cases")


def test_the_demo_shows_flags_scores_a_case_in_progress_and_the_companys_notice(demo):
    quiet("control", "run")
    out = quiet("demo_cases")
    assert "Demo case: CASE-" in out
    assert Flag.objects.current().count() > 0
    assert RiskScore.objects.current().filter(score__gt=0).exists()

    User = get_user_model()
    company = User.objects.get(username="company")
    payer_id = Membership.objects.get(user=company, role=Role.COMPANY).organisation_id
    case = AuditCase.objects.get()
    assert case.payer_id == payer_id and case.status == CaseStatus.DOCUMENTS_REQUESTED
    assert case.items.count() >= 1 and case.assignee.username == "auditor"
    assert set(case.items.values_list("indicator", flat=True)) <= set(Flag.objects.current().filter(payer_id=payer_id).values_list("indicator", flat=True))
    request = DocumentRequest.objects.get(case=case)
    assert request.answered_at is None and request.due_on > timezone.localdate()
    assert Notice.objects.visible_to(company).filter(case=case).exists()
    assert AuditCase.objects.visible_to(company).filter(pk=case.pk).exists()

    # Run again: nothing new while the case is open.
    assert "already open" in quiet("demo_cases")
    assert AuditCase.objects.count() == 1 and Notice.objects.count() == 1

    # A new country replaces the control results along with the data they were computed from.
    quiet("generate", scale="small", seed=1, truth=str(demo / "truth.json"), replace=True)
    assert not Flag.objects.exists() and not AuditCase.objects.exists() and not Notice.objects.exists()
