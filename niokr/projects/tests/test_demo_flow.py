"""The demo flow end to end: generate the small country, recompute, verify the audit trail."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from niokr.core.models import AuditEvent
from niokr.obligations.models import LedgerEntry, RightYearBalance
from niokr.obligations.services import balance_digest, recompute

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(tmp_path):
    call_command("generate", scale="small", seed=1, truth=str(tmp_path / "truth.json"), stdout=io.StringIO(), stderr=io.StringIO())
    first = recompute()
    return first


def verify() -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command("audit", "verify", stdout=io.StringIO(), stderr=err)
        return 0, ""
    except CommandError as exc:
        return exc.returncode, err.getvalue()


def test_the_demo_country_computes_every_status_and_its_audit_trail_verifies(demo):
    statuses = set(RightYearBalance.objects.values_list("status", flat=True))
    assert {"fulfilled", "partly", "unfulfilled", "not_due"} <= statuses
    assert demo.obligations_posted > 0
    assert verify() == (0, "")


def test_recompute_of_the_demo_country_is_idempotent(demo):
    entries = LedgerEntry.objects.count()
    digest = balance_digest()
    again = recompute()
    assert (again.obligations_posted, again.obligations_reversed, again.balances_written) == (0, 0, 0)
    assert LedgerEntry.objects.count() == entries and balance_digest() == digest and again.digest == demo.digest


@pytest.mark.parametrize("tamper", ["update", "delete"])
def test_audit_verify_fails_naming_the_event_after_sql_tampering(demo, tamper):
    target = AuditEvent.objects.order_by("seq")[AuditEvent.objects.count() // 2]
    with connection.cursor() as cursor:
        if tamper == "update":
            cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET actor_name = 'intruder' WHERE id = %s", [target.pk])
        else:
            cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [target.pk])
    code, message = verify()
    assert code == 1
    assert f"#{target.seq}" in message
