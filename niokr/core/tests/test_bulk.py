"""Bulk loading: explicit ids, every value type round-trips, sequences move on, indexes come back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from niokr.core.bulk import bulk_load, copy_text_value, indexes_deferred, reset_sequences, sqlite_value
from niokr.core.models import AuditEvent
from niokr.obligations.models import BudgetTransfer, LedgerEntry

pytestmark = pytest.mark.django_db

TRICKY = "tab\there, newline\nthere, back\\slash, return\r, «кавычки» ₸"


@pytest.fixture
def right(build):
    return build.right(build.org())


def test_copy_text_escapes_and_formats_every_type():
    assert copy_text_value(TRICKY) == "tab\\there, newline\\nthere, back\\\\slash, return\\r, «кавычки» ₸"
    assert copy_text_value(None) == "\\N"
    assert (copy_text_value(True), copy_text_value(False)) == ("t", "f")
    assert copy_text_value(Decimal("1E+3")) == "1000"
    assert copy_text_value(date(2026, 2, 23)) == "2026-02-23"
    assert copy_text_value(datetime(2026, 2, 23, 10, 0, tzinfo=UTC)) == "2026-02-23 10:00:00+00"
    assert copy_text_value({"a": "b\tc"}) == '{"a": "b\\\\tc"}'
    assert copy_text_value(7) == "7"


def test_sqlite_values_are_what_django_stores():
    assert sqlite_value(True) == 1
    assert sqlite_value(Decimal("12.50")) == "12.50"
    assert sqlite_value(date(2026, 1, 1)) == "2026-01-01"
    assert sqlite_value(datetime(2026, 1, 1, 12, tzinfo=UTC)) == "2026-01-01 12:00:00"
    assert sqlite_value([1, "x"]) == '[1, "x"]'
    with pytest.raises(TypeError):
        sqlite_value(object())


def test_rows_round_trip_with_explicit_ids_and_every_value_type(right):
    fields = ["id", "payer_id", "right_id", "order_number", "paid_on", "amount", "kbk", "for_year", "treasury_confirmed", "created_at"]
    stamp = datetime(2026, 3, 1, 5, 0, tzinfo=UTC)
    rows = [
        (101, right.holder_id, right.id, TRICKY[:60], date(2026, 3, 1), "130000000.00", "401103", 2026, True, stamp),
        (102, right.holder_id, right.id, "ПП-2026-000002", date(2026, 3, 2), Decimal("0.01"), "401103", None, False, stamp),
    ]
    assert bulk_load(BudgetTransfer, fields, rows, batch_rows=1) == 2
    first, second = BudgetTransfer.objects.order_by("id")
    assert (first.id, first.order_number, first.amount, first.treasury_confirmed, first.for_year) == (101, TRICKY[:60], Decimal("130000000.00"), True, 2026)
    assert (second.id, second.amount, second.treasury_confirmed, second.for_year, second.created_at) == (102, Decimal("0.01"), False, None, stamp)

    reset_sequences(BudgetTransfer)
    later = BudgetTransfer.objects.create(payer_id=right.holder_id, right=right, order_number="x", paid_on=date(2026, 4, 1), amount=Decimal("1.00"))
    assert later.id > 102


def test_json_values_round_trip():
    fields = ["seq", "created_at", "actor_id", "actor_name", "request_id", "action", "object_type", "object_id", "before", "after", "reason", "prev_hash", "hash"]
    after = {"reasons": [{"code": "obligation", "text": TRICKY}], "n": 1, "ok": True}
    row = (999_999, datetime(2026, 1, 1, tzinfo=UTC), None, "system", "", "test", "x.Y", "1", None, after, TRICKY, "0" * 64, "f" * 64)
    bulk_load(AuditEvent, fields, [row])
    event = AuditEvent.objects.get(seq=999_999)
    assert (event.before, event.after, event.reason) == (None, after, TRICKY)


def test_a_row_of_the_wrong_width_is_refused(right):
    with pytest.raises(ValueError, match="expected 2"):
        bulk_load(BudgetTransfer, ["id", "kbk"], [(1,)])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes_deferred acts on PostgreSQL only (a no-op on SQLite)")
def test_deferred_indexes_come_back_identical_and_enforced(right):
    def schema():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [LedgerEntry._meta.db_table])
            indexes = cursor.fetchall()
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass ORDER BY 1", [LedgerEntry._meta.db_table])
            return indexes, cursor.fetchall()

    before = schema()
    fields = ["id", "right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "source_type", "source_id", "regime_code", "reference", "idempotency_key", "created_at"]
    row = (1, right.id, 2025, "direct_spend", "direct_spend", "direct", "10.00", date(2025, 5, 1), "projects.Payment", "1", "", "", "payment:1", datetime(2025, 5, 2, tzinfo=UTC))
    with transaction.atomic(), indexes_deferred(LedgerEntry):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", [LedgerEntry._meta.db_table])
            assert cursor.fetchone()[0] == 1  # only the primary key while loading
        bulk_load(LedgerEntry, fields, [row])
    assert schema() == before
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_load(LedgerEntry, fields, [(2, *row[1:])])  # same idempotency key


def test_copy_frame_stores_text_nulls_empty_strings_and_dates_exactly(right, build):
    import polars as pl

    from niokr.core.bulk import copy_frame, reserve_ids

    payer = right.holder
    with transaction.atomic():
        first = reserve_ids(BudgetTransfer, 2)
        frame = pl.DataFrame(
            {
                "id": [first, first + 1], "payer_id": [payer.pk, payer.pk], "right_id": [right.pk, right.pk], "order_number": [TRICKY, ""],
                "paid_on": [date(2025, 3, 1), date(2025, 3, 2)], "amount": ["1234.50", "0.01"], "kbk": ["401103", "401103"], "for_year": [2025, None],
                "treasury_confirmed": [True, False], "source_submission": [None, 7], "created_at": ["2026-01-01 10:00:00+00:00"] * 2,
            },
            schema_overrides={"for_year": pl.Int64, "source_submission": pl.Int64},
        )
        assert copy_frame(BudgetTransfer, frame) == 2
    rows = list(BudgetTransfer.objects.order_by("id").values_list("id", "order_number", "paid_on", "amount", "for_year", "treasury_confirmed", "source_submission"))
    assert rows == [
        (first, TRICKY, date(2025, 3, 1), Decimal("1234.50"), 2025, True, None),
        (first + 1, "", date(2025, 3, 2), Decimal("0.01"), None, False, 7),
    ]
    # The reserved block is never handed out again: the next ORM insert lands after it.
    later = BudgetTransfer.objects.create(payer=payer, right=right, order_number="N", paid_on=date(2025, 4, 1), amount=Decimal("1.00"))
    assert later.pk > first + 1


def test_reserved_blocks_do_not_overlap(right):
    from niokr.core.bulk import reserve_ids

    with transaction.atomic():
        a = reserve_ids(LedgerEntry, 1000)
        if connection.vendor == "sqlite":  # SQLite's block starts after the rows written, so write them
            LedgerEntry.objects.create(id=a + 999, right=right, year=2025, kind="direct_spend", target_kind="direct_spend", amount=1, entry_date=date(2025, 1, 1), idempotency_key="k")
        b = reserve_ids(LedgerEntry, 10)
    assert b >= a + 1000
