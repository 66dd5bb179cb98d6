"""The audit trail: hash-chained, append-only, and `niokr audit verify` names the first broken event."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from niokr.core.audit import record_event, verify_chain
from niokr.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def write_events(n: int) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(record_event(action="update", object_type="registry.Organisation", object_id=i, before={"name": f"old {i}"}, after={"name": f"Жаңа «{i}»", "amount": "10.50"}))
    return events


def run_verify() -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()


def test_verify_passes_on_an_intact_chain():
    write_events(5)
    code, out, _ = run_verify()
    assert code == 0 and "5 events" in out


def test_verify_fails_naming_the_event_edited_with_sql():
    events = write_events(5)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET reason = 'tampered' WHERE id = %s", [events[2].pk])
    code, _, err = run_verify()
    assert code == 1
    assert "#3" in err and "altered" in err


def test_verify_fails_naming_the_event_deleted_with_sql():
    events = write_events(5)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    code, _, err = run_verify()
    assert code == 1 and "#2 is missing" in err


def test_verify_fails_when_the_last_event_is_deleted():
    events = write_events(3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[-1].pk])
    code, _, err = run_verify()
    assert code == 1 and "#3" in err


def test_an_event_rolled_back_with_its_change_leaves_no_gap():
    write_events(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(action="create", object_type="x", object_id=1)
        raise RuntimeError("the change failed")
    write_events(1)
    assert verify_chain() == (3, None)


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record_event(action="create", object_type="x", object_id=1)
