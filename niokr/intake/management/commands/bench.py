"""``niokr bench``: performance figures, each printed beside the floor it is measured against.

Foundation suite (PostgreSQL): in a fresh database ``<name>_bench`` on the configured server it
runs ``migrate``, ``generate --scale national --seed 7``, ``recompute`` twice (the first posts every
obligation, the second proves idempotency), and measures the floors: a plain scan of the ledger
rows (``COPY … TO STDOUT``) and a plain ``COPY … FROM STDIN`` of every generated row into empty
copies of the tables. Commands run as subprocesses, so their times are end to end.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
import subprocess
import sys
import time

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from niokr.core.benchdb import conninfo, database_url

TARGETS = {"generate": 120.0, "recompute": 10.0}
GENERATED_TABLES = [
    "registry_organisation",
    "registry_organisationattribute",
    "registry_affiliation",
    "registry_subsoilright",
    "registry_regimeassignment",
    "obligations_basefigure",
    "obligations_budgettransfer",
    "projects_project",
    "projects_agreement",
    "projects_payment",
    "obligations_ledgerentry",
]


class Command(BaseCommand):
    help = "Benchmark generate and recompute on PostgreSQL at national scale, beside their floors."

    def add_arguments(self, parser):
        parser.add_argument("suite", nargs="?", default="foundation", choices=["foundation", "intake", "web", "control"])
        parser.add_argument("--csv-lines", type=int, default=1_000_000, help="intake: payment lines in the CSV file")
        parser.add_argument("--xlsx-lines", type=int, default=200_000, help="intake: payment lines in the XLSX file")
        parser.add_argument("--scale", default="national", choices=["small", "national", "x10"])
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="Keep the bench database afterwards")
        parser.add_argument("--reuse", action="store_true", help="web, control: measure the bench database kept by an earlier run (--keep) instead of generating it again")

    def handle(self, *args, suite, scale, seed, keep, reuse=False, csv_lines=1_000_000, xlsx_lines=200_000, **options):
        if reuse and suite not in ("web", "control"):
            raise CommandError("--reuse applies to `niokr bench web` and `niokr bench control` only")
        if suite == "web":  # pages and API under load: niokr/core/management/commands/bench_web.py
            return call_command("bench_web", scale=scale, seed=seed, keep=keep, reuse=reuse, stdout=self.stdout, stderr=self.stderr)
        if suite == "control":  # the control engine: niokr/control/management/commands/bench_control.py
            return call_command("bench_control", scale=scale, seed=seed, keep=keep, reuse=reuse, stdout=self.stdout, stderr=self.stderr)
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("niokr bench runs on PostgreSQL: set DATABASE_URL=postgres://… (the figures are for the production database)")
        name = f"{db['NAME']}_bench"
        admin = psycopg.connect(conninfo(db, "postgres"), autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        env = {**os.environ, "DATABASE_URL": database_url(db, name), "DJANGO_SETTINGS_MODULE": "niokr.settings"}
        if suite == "intake":
            try:
                self._intake(env, db, name, csv_lines, xlsx_lines)
            finally:
                if not keep:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.close()
            return
        rows = []
        try:
            self._run(["migrate", "--no-input", "-v0"], env)
            t_gen = self._run(["generate", "--scale", scale, "--seed", str(seed)], env, show=True)
            t_rec1 = self._run(["recompute"], env, show=True)
            t_rec2 = self._run(["recompute"], env, show=True)
            with psycopg.connect(conninfo(db, name)) as conn:
                counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in GENERATED_TABLES}
                scan = self._scan(conn, "obligations_ledgerentry")
                copy_in = self._copy_floor(conn, [t for t in GENERATED_TABLES if t != "obligations_ledgerentry"] + ["obligations_ledgerentry"])
            ledger_rows = counts["obligations_ledgerentry"]
            rows = [
                ("generate (end to end)", t_gen, TARGETS["generate"], "COPY of the same rows into empty tables", copy_in),
                ("recompute, first run", t_rec1, TARGETS["recompute"], f"plain scan of {ledger_rows:,} ledger rows", scan),
                ("recompute, repeat (idempotent)", t_rec2, TARGETS["recompute"], f"plain scan of {ledger_rows:,} ledger rows", scan),
            ]
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        self.stdout.write(f"\nniokr bench {suite} — scale {scale}, seed {seed}, PostgreSQL")
        self.stdout.write("rows: " + ", ".join(f"{t.split('_', 1)[1]} {n:,}" for t, n in counts.items()))
        self.stdout.write(f"{'measure':<34}{'time, s':>10}{'target, s':>11}  {'floor':<46}{'floor, s':>9}{'× floor':>9}  verdict")
        for label, t, target, floor_label, floor in rows:
            verdict = "OK" if t <= target else "OVER TARGET"
            self.stdout.write(f"{label:<34}{t:>10.2f}{target:>11.0f}  {floor_label:<46}{floor:>9.2f}{t / floor if floor else 0:>9.1f}  {verdict}")

    def _intake(self, env: dict, db: dict, name: str, csv_lines: int, xlsx_lines: int) -> None:
        """Submit a CSV and an XLSX report end to end (validate + commit + recompute) beside COPY."""
        import json
        import tempfile

        from niokr.intake.bench_data import bench_registry, write_csv_report, write_xlsx_report

        work = Path(tempfile.mkdtemp(prefix="niokr-bench-"))
        env = {**env, "NIOKR_DATA_DIR": str(work / "data")}
        self._run(["migrate", "--no-input", "-v0"], env)
        registry, company, performer = bench_registry()
        (work / "registry.json").write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
        self._run(["load", str(work / "registry.json")], env)
        rows = []
        for fmt, lines, target, year in (("csv", csv_lines, 50_000, 2025), ("xlsx", xlsx_lines, 25_000, 2024)):
            path = work / f"report.{fmt}"
            (write_csv_report if fmt == "csv" else write_xlsx_report)(path, lines=lines, performer_bin=performer, year=year)
            elapsed, peak_kb = self._run_measured(["intake", "submit", str(path), "--kind", "spending", "--org", company, "--year", str(year)], env)
            peak_mb = peak_kb / 1024
            with psycopg.connect(conninfo(db, name)) as conn:
                floor = self._copy_floor(conn, ["projects_payment"])
            rows.append((fmt, lines, elapsed, lines / elapsed, target, floor, lines / floor if floor else 0, peak_mb, path.stat().st_size / 1e6))
        self.stdout.write(f"\nniokr bench intake — PostgreSQL (end to end: store, validate, commit, recompute)")
        self.stdout.write(f"{'file':<6}{'lines':>10}{'size, MB':>10}{'time, s':>9}{'lines/s':>10}{'target':>9}  {'COPY of the payments (floor)':<30}{'peak RSS, MB':>13}  verdict")
        for fmt, lines, elapsed, rate, target, floor, floor_rate, peak, size in rows:
            verdict = "OK" if rate >= target and peak <= 1024 else "BELOW TARGET"
            self.stdout.write(f"{fmt:<6}{lines:>10,}{size:>10.1f}{elapsed:>9.1f}{rate:>10,.0f}{target:>9,}  {floor:>6.2f} s = {floor_rate:>10,.0f} lines/s     {peak:>13,.0f}  {verdict}")

    def _run(self, argv: list[str], env: dict, show: bool = False) -> float:
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "niokr.cli", *argv], env=env, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        if proc.returncode != 0:
            raise CommandError(f"niokr {' '.join(argv)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        if show:
            self.stdout.write(f"$ niokr {' '.join(argv)}  ({elapsed:.2f} s)\n{proc.stdout.strip()}")
        return elapsed

    def _run_measured(self, argv: list[str], env: dict) -> tuple[float, int]:
        """Run a command; its wall time and its own peak resident memory (KiB, from ``wait4``)."""
        import tempfile

        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-m", "niokr.cli", *argv], env=env, stdout=out, stderr=err)
            _pid, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.monotonic() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        if proc.returncode != 0:
            raise CommandError(f"niokr {' '.join(argv)} failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")
        self.stdout.write(f"$ niokr {' '.join(argv)}  ({elapsed:.2f} s, peak RSS {usage.ru_maxrss / 1024:,.0f} MB)\n{stdout.strip()}")
        return elapsed, usage.ru_maxrss

    @staticmethod
    def _scan(conn, table: str) -> float:
        started = time.monotonic()
        with conn.cursor().copy(f"COPY (SELECT * FROM {table}) TO STDOUT") as copy:
            for _block in copy:
                pass
        return time.monotonic() - started

    @staticmethod
    def _copy_floor(conn, tables: list[str]) -> float:
        """Time to COPY every generated row into empty copies of the tables (rows read beforehand)."""
        dumps = {}
        for table in tables:
            buf = io.BytesIO()
            with conn.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for block in copy:
                    buf.write(block)
            dumps[table] = buf.getvalue()
        for table in tables:
            conn.execute(f"CREATE TEMP TABLE bench_{table} (LIKE {table} INCLUDING ALL)")
        started = time.monotonic()
        for table, data in dumps.items():
            with conn.cursor().copy(f"COPY bench_{table} FROM STDIN") as copy:
                for i in range(0, len(data), 1 << 20):
                    copy.write(data[i : i + (1 << 20)])
        elapsed = time.monotonic() - started
        conn.rollback()
        return elapsed
