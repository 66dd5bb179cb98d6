"""A crash in the middle of a commit leaves the database exactly as before, and the import can be re-run.

The import runs as a real `niokr intake submit` process against its own scratch database; a test
hook holds it inside the commit transaction, and the test kills it with SIGKILL there.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from niokr.intake.bench_data import bench_registry
from niokr.intake.tests.test_validation import SPENDING_HEADER

pytestmark = pytest.mark.slow
TABLES = ["obligations_ledgerentry", "projects_payment", "projects_agreement", "intake_submission", "core_auditevent", "obligations_rightyearbalance"]


@pytest.fixture
def scratch_db(tmp_path):
    """A database of the current backend that a subprocess can reach, dropped afterwards."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        name = f"niokr_fault_{uuid.uuid4().hex[:8]}"
        info = f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} user={settings['USER'] or 'postgres'}" + (f" password={settings['PASSWORD']}" if settings["PASSWORD"] else "")
        with psycopg.connect(info + " dbname=postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        auth = (settings["USER"] or "postgres") + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
        yield f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}", lambda sql: _pg(info + f" dbname={name}", sql)
        with psycopg.connect(info + " dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "fault.sqlite3"
        yield f"sqlite:///{path}", lambda sql: _sqlite(path, sql)


def _pg(info, sql):
    with psycopg.connect(info) as conn:
        return conn.execute(sql).fetchall()


def _sqlite(path, sql):
    conn = sqlite3.connect(path, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def niokr(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "niokr.cli", *args], env=env, capture_output=True, text=True, timeout=180, **kwargs)


def snapshot(query):
    state = {}
    for table in TABLES:
        state[table] = query(f"SELECT count(*) FROM {table}")[0][0]
    state["ledger_sum"] = str(query("SELECT coalesce(sum(amount), 0) FROM obligations_ledgerentry")[0][0])
    return state


def test_a_commit_killed_midway_leaves_nothing_and_can_be_run_again(scratch_db, tmp_path):
    url, query = scratch_db
    env = {**os.environ, "DATABASE_URL": url, "NIOKR_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "niokr.settings", "NIOKR_CURRENT_YEAR": "2026"}
    assert niokr(env, "migrate", "--no-input", "-v0").returncode == 0
    registry, company, performer = bench_registry()
    registry["bases"] = [{"right": "БН-1", "year": 2024, "base_type": "production_costs", "amount": "100000000.00"}]
    (tmp_path / "registry.json").write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    assert niokr(env, "load", str(tmp_path / "registry.json")).returncode == 0
    rows = [";".join(SPENDING_HEADER)]
    for i in range(1, 301):
        rows.append(";".join([f"Д-{i % 7}", "10.01.2025", performer, "Исследование", "900 000 000,00", "10.01.2025", "31.12.2025", "other", "",
                              f"{1 + i % 28:02d}.0{1 + i % 9}.2025", f"{1000 + i},50", "KZT", "Оплата этапа НИР", f"ПП-{i}", "БН-1", ""]))
    report = tmp_path / "report.csv"
    report.write_bytes(("\n".join(rows) + "\n").encode("cp1251"))
    flag = tmp_path / "go"
    argv = [sys.executable, "-m", "niokr.cli", "intake", "submit", str(report), "--kind", "spending", "--org", company, "--year", "2025"]

    # When the import is killed inside the commit transaction
    proc = subprocess.Popen(argv, env={**env, "NIOKR_TEST_PAUSE_IN_COMMIT": str(flag)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ready = Path(str(flag) + ".ready")
    deadline = time.monotonic() + 120
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the import never reached the commit"
        time.sleep(0.05)
    before = snapshot(query)  # the state the open transaction has not yet changed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    # Then the database is exactly as before the commit began
    after = snapshot(query)
    assert after == before
    assert after["obligations_ledgerentry"] == 0 and after["projects_payment"] == 0
    assert query("SELECT status FROM intake_submission")[0][0] == "valid"

    # And running the import again succeeds
    again = niokr(env, *argv[3:])
    assert again.returncode == 0, again.stdout + again.stderr
    assert "committed: 300 lines" in again.stdout
    assert snapshot(query)["projects_payment"] == 300
    assert niokr(env, "audit", "verify").returncode == 0
