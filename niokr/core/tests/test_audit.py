"""The audit trail: hash-chained, append-only, the ledger sealed into it, anchored; `niokr audit verify` names the first break."""

from __future__ import annotations

import ast
import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from niokr.core.audit import database_anchor, record_event, seal_ledger, verify_chain, verify_trail, write_anchor
from niokr.core.models import AuditChainHead, AuditEvent, LedgerSeal

pytestmark = pytest.mark.django_db


def write_events(n: int) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(record_event(action="update", object_type="registry.Organisation", object_id=i, before={"name": f"old {i}"}, after={"name": f"Жаңа «{i}»", "amount": "10.50"}))
    return events


def run_verify() -> tuple[int, str, str]:
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


# The ledger sealed into the chain, and the chain anchored (ADR 9) ---------------------------------

LEDGER = "obligations_ledgerentry"


def run_audit(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()


def execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))


def fresh_org(build, *, kind="subsoil_user", name="ТОО «Тест»", region="atyrau", **attrs):
    """An organisation like ``build.org``, with a BIN the generated country does not hold (both count serials)."""
    from conftest import make_bin
    from niokr.registry.models import Organisation, OrganisationAttribute

    bin_ = make_bin()
    while Organisation.objects.filter(bin=bin_).exists():
        bin_ = make_bin()
    org = Organisation.objects.create(bin=bin_, name_kk=name, name_ru=name, name_en=name, kind=kind, region=region, registered_on=date(2015, 3, 1))
    for attr, (valid_from, valid_to) in attrs.items():
        OrganisationAttribute.objects.create(organisation=org, kind=attr, valid_from=valid_from, valid_to=valid_to)
    return org


@pytest.fixture
def country(build, settings, tmp_path):
    """The small synthetic country, recomputed, plus a committed report, a confirmed case and a reversal.

    Every path that writes ledger entries runs once: the generator, the recompute, the intake commit
    (and the supersession of a report), ``post_entry`` (through a case's exclusion) and
    ``reverse_entry``.
    """
    from niokr.accounts.models import Membership
    from niokr.control import services as control
    from niokr.control.models import ControlRun, Flag
    from niokr.intake.commit import commit_submission
    from niokr.intake.services import receive_submission
    from niokr.intake.tests.test_validation import csv_bytes, spending_row
    from niokr.obligations import services as obligations
    from niokr.obligations.models import LedgerEntry
    from niokr.projects.models import Payment

    settings.DATA_DIR = tmp_path
    settings.NIOKR_AUDIT_ANCHOR_DIR = str(tmp_path / "anchors")
    call_command("generate", scale="small", seed=1, truth=str(tmp_path / "truth.json"), stdout=io.StringIO(), stderr=io.StringIO())
    obligations.recompute()

    company = fresh_org(build, name="ТОО «Пломба»")
    performer = fresh_org(build, kind="research_institute", kazakhstani_supplier=(date(2000, 1, 1), None))
    right = build.right(company, number="КТ-2020-01")
    obligations.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="Code")
    obligations.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("300000000.00"), source="report")
    world = {"company": company, "performer": performer, "right": right}
    rows = [spending_row(world, **{"Номер платёжного документа": f"ПП-{i}", "Дата платежа": f"1{i}.03.2025", "Сумма платежа": a}) for i, a in enumerate(["1 000,00", "2 500,50"], 1)]
    for amounts in (rows[:1], rows):  # the second report supersedes the first: reversals and new entries
        received = receive_submission(organisation=company, kind="spending", data=csv_bytes(amounts), filename="r.csv", period_year=2025)
        assert received.submission.status == "valid", received.submission.problems
        commit_submission(submission=received.submission)

    chamber = fresh_org(build, kind="state_body", name="Аудиторская палата", region="astana")
    auditor = get_user_model().objects.create_user(username="auditor-seal", password="x-very-long-pass", language="en")
    Membership.objects.create(user=auditor, organisation=chamber, role="auditor")
    payment = Payment.objects.filter(right=right).order_by("pk").last()
    run = ControlRun.objects.create(as_of=date(2026, 11, 20), status="completed", finished_at=timezone.now())
    flag = Flag.objects.create(run=run, indicator="NK-07", version=1, subject_type="payment", subject_id=payment.pk, year=2025, payer=company, amount=payment.amount, evidence={})
    case = control.open_case(actor=auditor, flag_ids=[flag.pk], title="Seal test")
    control.confirm_case(actor=auditor, case=case, reason="not R&D")

    generated = LedgerEntry.objects.filter(kind="direct_spend", source_type="projects.Payment").order_by("pk").first()
    obligations.reverse_entry(entry=generated, reason="entered twice")
    obligations.recompute(right_ids=[generated.right_id])
    return SimpleNamespace(right=right, anchors=tmp_path / "anchors", generated=generated)


def entry_id(where: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id) FROM {LEDGER} WHERE {where}")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_untouched_country_verifies_and_every_entry_is_sealed(country):
    code, out, err = run_audit("verify")
    assert code == 0, err
    report = verify_trail()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {LEDGER}")
        (entries,) = cursor.fetchone()
    assert report.problem is None and report.entries == entries > 1000
    operations = {e.after["operation"] for e in AuditEvent.objects.filter(action="seal_ledger")}
    assert {"generate", "recompute", "commit_submission", "post_entry", "reverse_entry"} <= operations
    assert f"{entries} ledger entries match" in out


@pytest.mark.django_db(transaction=True)
def test_the_seal_of_a_commit_carries_its_amounts(country):
    seal = AuditEvent.objects.filter(action="seal_ledger", after__operation="commit_submission").order_by("-seq").first()
    # The superseding report: the first report's entry reversed (1,000.00) and the new entries posted (3,500.50).
    assert seal.after["by_kind"] == {"direct_spend": {"count": 2, "total": "3500.50"}, "reversal": {"count": 1, "total": "1000.00"}}
    assert seal.after["total"] == "4500.50" and seal.after["count"] == 3
    assert LedgerSeal.objects.get(seq=seal.seq).runs[0][0] == seal.after["first_id"]


@pytest.mark.django_db(transaction=True)
def test_verify_names_a_ledger_amount_edited_in_sql(country):
    target = entry_id(f"right_id = {country.right.pk} AND kind = 'direct_spend'")
    execute(f"UPDATE {LEDGER} SET amount = 999999999 WHERE id = %s", [target])
    code, _, err = run_audit("verify")
    assert code == 1
    assert f"ledger entry id {target} differs" in err and "amount 999999999.00" in err


@pytest.mark.django_db(transaction=True)
def test_verify_names_a_ledger_entry_deleted_in_sql(country):
    target = entry_id("kind = 'exclusion'")
    execute(f"DELETE FROM {LEDGER} WHERE id = %s", [target])
    code, _, err = run_audit("verify")
    assert code == 1 and f"ledger entry id {target}, sealed by event #" in err and "is missing" in err


@pytest.mark.django_db(transaction=True)
def test_verify_names_a_ledger_entry_inserted_in_sql(country):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {LEDGER} (right_id, year, kind, target_kind, channel, amount, entry_date, source_type, source_id, regime_code, reference, idempotency_key, created_at) "
            "VALUES (%s, 2025, 'direct_spend', 'direct_spend', 'budget', 5000000, %s, '', '', '', '', 'forged:1', %s)",
            [country.right.pk, date(2025, 5, 5), timezone.now()],
        )
    forged = entry_id("idempotency_key = 'forged:1'")
    code, _, err = run_audit("verify")
    assert code == 1 and f"ledger entry id {forged} (key forged:1" in err and "not sealed" in err
    from niokr.obligations import services as obligations

    obligations.post_entry(right=country.right, year=2025, kind="exclusion", amount=Decimal("1.00"), entry_date=date(2025, 3, 11), idempotency_key="later:1")
    code, _, err = run_audit("verify")
    if connection.vendor == "postgresql":
        # A later legitimate write seals only its own entries (by xmin): the forged one stays unsealed.
        assert code == 1 and f"ledger entry id {forged} (key forged:1" in err
    else:
        # SQLite has no xmin: the next seal takes the row in, and its count and totals show it (ADR 9).
        seal = AuditEvent.objects.filter(action="seal_ledger").order_by("-seq").first()
        assert seal.after["operation"] == "post_entry" and seal.after["count"] == 2 and seal.after["total"] == "5000001.00"


@pytest.mark.django_db(transaction=True)
def test_verify_detects_the_whole_trail_emptied(country):
    write_anchor(country.anchors)
    execute(f"DELETE FROM {LedgerSeal._meta.db_table}")
    execute(f"DELETE FROM {AuditEvent._meta.db_table}")
    execute(f"DELETE FROM {AuditChainHead._meta.db_table}")
    code, _, err = run_audit("verify")
    assert code == 1 and "the trail was emptied" in err
    # Without the database anchor, the published anchor still contradicts the empty chain.
    report = verify_trail(anchor_dir=country.anchors)
    assert report.problem is not None and "emptied" in report.problem.message


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("n", [1, 5])
def test_verify_detects_the_last_events_deleted_and_the_head_moved_back(country, n):
    events = list(AuditEvent.objects.order_by("-seq")[: n + 1])
    keep = events[-1]
    execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq > %s", [keep.seq])
    execute(f"UPDATE {AuditChainHead._meta.db_table} SET last_seq = %s, last_hash = %s", [keep.seq, keep.hash])
    code, _, err = run_audit("verify")
    assert code == 1 and "cut short" in err


@pytest.mark.django_db(transaction=True)
def test_a_published_anchor_catches_a_chain_cut_short_and_rewritten(country):
    path, anchor = write_anchor(country.anchors)
    assert json.loads(path.read_text())["seq"] == anchor["seq"] == AuditEvent.objects.order_by("-seq").first().seq
    assert run_audit("verify")[0] == 0
    # The last event rewritten with a new hash (and the head moved along): only the anchor knows.
    last = AuditEvent.objects.get(seq=anchor["seq"])
    execute(f"UPDATE {AuditEvent._meta.db_table} SET hash = %s WHERE id = %s", ["f" * 64, last.pk])
    execute(f"UPDATE {AuditChainHead._meta.db_table} SET last_hash = %s", ["f" * 64])
    report = verify_trail(anchor_dir=country.anchors)
    assert report.problem is not None
    # (the chain check sees the hash no longer matching the content; with the content forged too,
    # the anchor is the last line of defence)
    assert report.problem.seq == anchor["seq"]


@pytest.mark.django_db
def test_an_anchor_that_names_a_vanished_event_fails(tmp_path):
    write_events(3)
    write_anchor(tmp_path)
    (tmp_path / "anchor-old.json").write_text(json.dumps({"seq": 7, "hash": "a" * 64}))
    report = verify_trail(anchor_dir=tmp_path)
    assert report.anchors == 2 and report.problem is not None and "anchor-old.json names event #7" in report.problem.message
    (tmp_path / "anchor-old.json").write_text("not json")
    assert "cannot be read" in verify_trail(anchor_dir=tmp_path).problem.message


@pytest.mark.django_db
def test_the_anchor_command_verifies_first_and_refuses_a_broken_trail(tmp_path):
    events = write_events(2)
    code, out, _ = run_audit("anchor", "--anchors", str(tmp_path))
    assert code == 0 and "anchored event #2" in out and len(list(tmp_path.glob("*.json"))) == 1
    execute(f"UPDATE {AuditEvent._meta.db_table} SET reason = 'x' WHERE id = %s", [events[0].pk])
    code, _, err = run_audit("anchor", "--anchors", str(tmp_path))
    assert code == 1 and len(list(tmp_path.glob("*.json"))) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_anchor_follows_committed_events_only():
    write_events(2)
    last = AuditEvent.objects.order_by("-id").first()
    assert database_anchor() == last.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(action="create", object_type="x", object_id=1)
        raise RuntimeError("rolled back")
    assert database_anchor() == last.pk
    assert verify_trail().problem is None


@pytest.mark.django_db
def test_a_seal_outside_a_transaction_is_refused_and_an_empty_one_writes_nothing():
    with transaction.atomic():
        assert seal_ledger(operation="nothing") is None
    assert not AuditEvent.objects.exists()


ROOT = Path(__file__).resolve().parents[2]
#: Every function that writes ledger rows, and where its writes are sealed (docs/ledger.md §8.5).
LEDGER_WRITERS = {
    "obligations/services.py:post_entry": "seal_ledger",
    "obligations/services.py:reverse_entry": "seal_ledger",
    "obligations/services.py:_sync_obligation_entries": "seal_ledger in _recompute",
    "intake/commit.py:_reverse_submission": "seal_ledger in commit_submission",
    "intake/commit.py:_post_spending": "seal_ledger in commit_submission",
    "intake/commit.py:_post_treasury": "seal_ledger in commit_submission",
    "synthetic/load.py:load_world": "seal_ledger in synthetic/country.py:_generate",
    "synthetic/load.py:clear_generated": "ledger_cleared in synthetic/country.py:_generate",
}
WRITE_CALLS = {"create", "bulk_create", "bulk_load", "copy_frame", "update", "delete", "_raw_delete", "get_or_create", "update_or_create", "save"}
WRITE_SQL = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE|COPY)\b", re.IGNORECASE)


def ledger_writers() -> set[str]:
    """Functions (outside tests, migrations and benchmarks) that name the ledger and call a write."""
    found = set()
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or "web_tests" in rel or "management/commands/bench" in rel:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            body = [n for statement in node.body for n in ast.walk(statement)]  # not the annotations
            names = {n.id for n in body if isinstance(n, ast.Name)}
            texts = [n.value for n in body if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            names_ledger = "LedgerEntry" in names or any("obligations_ledgerentry" in t for t in texts)
            calls = {c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", "") for c in body if isinstance(c, ast.Call)}
            writes = bool(calls & WRITE_CALLS) or ("execute" in calls and any(WRITE_SQL.search(t) for t in texts))
            if names_ledger and writes:
                found.add(f"{rel}:{node.name}")
    return found


def test_every_function_that_writes_the_ledger_is_a_known_sealed_path():
    """A new ledger write path fails here until it seals its entries and is added above (and to the country fixture)."""
    assert ledger_writers() <= set(LEDGER_WRITERS), "a new ledger write path: seal it (core.audit.seal_ledger) and list it"
    for writer, sealed_by in LEDGER_WRITERS.items():
        module = (ROOT / writer.split(":")[0]).read_text(encoding="utf-8")
        where = sealed_by.split(" in ")[-1]
        sealing_module = module if ":" not in where else (ROOT / where.split(":")[0]).read_text(encoding="utf-8")
        assert sealed_by.split()[0] + "(" in sealing_module, writer


@pytest.mark.django_db(transaction=True)
def test_a_writer_that_took_its_ids_first_and_seals_last_is_sealed_whole(build):
    """PostgreSQL hands out ids outside transactions: the earlier ids may commit after later ones."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: a second writer waits for the first to commit")
    import threading

    from niokr.obligations.models import LedgerEntry

    company = build.org()
    right = build.right(company)
    took_ids, may_seal = threading.Event(), threading.Event()
    failures, early = [], []

    def write(key):
        return LedgerEntry.objects.create(right=right, year=2025, kind="budget_transfer", target_kind="budget_transfer", channel="budget", amount=Decimal("10.00"), entry_date=date(2025, 4, 1), idempotency_key=key)

    def early_writer():
        try:
            with transaction.atomic():
                early.append(write("early:1").pk)
                took_ids.set()
                may_seal.wait(30)
                assert seal_ledger(operation="test").after["count"] == 1
        except Exception as exc:  # reported to the test below
            failures.append(exc)
            took_ids.set()
        finally:
            connection.close()

    thread = threading.Thread(target=early_writer)
    thread.start()
    assert took_ids.wait(30)
    with transaction.atomic():
        later = write("later:1")
        seal_ledger(operation="test")
    head = AuditChainHead.objects.get()
    # The early writer's id is below the mark but not yet visible: it is kept as a gap.
    assert head.ledger_sealed_through == later.pk and any(lo <= early[0] <= hi for lo, hi, _noted in head.ledger_gaps)
    may_seal.set()
    thread.join(30)
    assert failures == []
    # The early writer's seal took its id out of the gaps.
    assert not any(lo <= early[0] <= hi for lo, hi, _noted in AuditChainHead.objects.get().ledger_gaps)
    report = verify_trail()
    assert report.problem is None and report.entries == 2 and report.seals == 2


@pytest.mark.django_db
def test_an_entry_with_tabs_backslashes_and_kazakh_text_is_sealed_and_checked(build):
    from niokr.obligations import services as obligations

    right = build.right(build.org())
    entry, _ = obligations.post_entry(
        right=right, year=2025, kind="exclusion", amount=Decimal("1250000.50"), entry_date=date(2025, 3, 1), channel="direct",
        idempotency_key="key\twith\\odd\nchars", reference="Тексеру №1\tжәне\\«ескерту»\r\x0b\x0c\x08",
    )
    seal = AuditEvent.objects.get(action="seal_ledger")
    assert seal.after["count"] == 1 and seal.after["total"] == "1250000.50" and seal.after["by_kind"] == {"exclusion": {"count": 1, "total": "1250000.50"}}
    report = verify_trail()
    assert report.problem is None and report.entries == 1
    # The line PostgreSQL's COPY writes is the line rebuilt in Python from the row's values (SQLite's way).
    from niokr.core.audit import LEDGER_COLUMNS, _copy_text, _ledger_lines

    ((_pk, _kind, _tiyn, line),) = list(_ledger_lines("1 = 1", []))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(LEDGER_COLUMNS)} FROM {LEDGER}")
        row = list(cursor.fetchone())
    row[LEDGER_COLUMNS.index("amount")] = 125000050
    row[LEDGER_COLUMNS.index("entry_date")] = "2025-03-01"
    assert line == "\t".join(map(_copy_text, row)).encode()
    execute(f"UPDATE {LEDGER} SET reference = 'Тексеру №1' WHERE id = %s", [entry.pk])
    problem = verify_trail().problem
    assert problem.kind == "ledger" and f"ledger entry id {entry.pk} differs" in problem.message


# An upgrade: a ledger written before entries were sealed ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_ledger_from_before_the_seals_is_sealed_once_as_found_and_guarded_from_then_on(build):
    """``niokr audit baseline`` adopts what an upgraded database holds, once; afterwards nothing is adopted."""
    from niokr.obligations.models import LedgerEntry

    write_events(2)  # the trail an older release kept: events, but no seals
    holder = fresh_org(build)
    right = build.right(holder, number="UPG-1")
    with transaction.atomic():  # as an older release wrote them: no seal
        entries = [
            LedgerEntry.objects.create(right=right, year=2024, kind=kind, target_kind=kind, channel=channel, amount=Decimal(amount), entry_date=date(2024, 12, 31), idempotency_key=f"upgrade:{n}")
            for n, (kind, channel, amount) in enumerate((("obligation", "", "1000.00"), ("direct_spend", "direct", "400.00"), ("direct_spend", "direct", "250.50")))
        ]
    code, _, err = run_audit("verify")
    assert code == 1 and f"ledger entry id {entries[0].pk}" in err  # unsealed: reported, not passed

    code, out, _ = run_audit("baseline")
    assert code == 0 and "3 ledger entries sealed as found" in out
    seal = AuditEvent.objects.get(action="seal_ledger")
    assert seal.after["operation"] == "baseline" and seal.after["count"] == 3 and seal.after["total"] == "1650.50"
    assert run_audit("verify")[0] == 0

    code, _, _ = run_audit("baseline")
    assert code == 1  # once sealed, never again: a later unsealed entry is evidence
    execute(f"UPDATE {LEDGER} SET amount = 1 WHERE id = %s", [entries[1].pk])
    code, _, err = run_audit("verify")
    assert code == 1 and f"ledger entry id {entries[1].pk} differs" in err
