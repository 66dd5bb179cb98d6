"""``niokr bench control``: a national control run and a one-company run, beside their floors.

In the database ``<name>_bench`` on the configured PostgreSQL server (created, migrated, filled
with ``generate --scale national --seed 7`` and ``recompute``; ``--reuse`` keeps a database that is
already filled), it runs ``niokr control run`` nationally and then for the subsoil user with the
most payments, each as a subprocess whose run times itself from extraction to the last written row
(``--json``). The floor of each is one polars scan of the same payment frame (every column read
once, from the Parquet file ``niokr control frames`` writes). Targets: national ≤ 60 s, one
subsoil user ≤ 2 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from niokr.core.benchdb import conninfo, database_url

TARGETS = {"national": 60.0, "one": 2.0}


def scan_seconds(path: Path, repeat: int = 3) -> float:
    """The best of ``repeat`` single polars scans of the payment frame (every column touched once)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        pl.scan_parquet(path).select(
            pl.len(), pl.col("amount").sum(), pl.col("paid_on").max(), pl.col("purpose").str.len_bytes().sum(),
            pl.col("document_number").str.len_bytes().sum(), pl.col("payer_id").max(), pl.col("performer_id").max(),
        ).collect()
        best = min(best, time.perf_counter() - started)
    return best


class Command(BaseCommand):
    help = "Benchmark the control engine on PostgreSQL at national scale, beside a scan of its payment frame."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="national", choices=["small", "national", "x10"])
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--reuse", action="store_true", help="use <name>_bench as it is when it already holds the generated country")
        parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")

    def handle(self, *args, scale, seed, reuse, keep, **options):
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("niokr bench control runs on PostgreSQL: set DATABASE_URL=postgres://…")
        name = f"{db['NAME']}_bench"
        env = {**os.environ, "DATABASE_URL": database_url(db, name), "DJANGO_SETTINGS_MODULE": "niokr.settings"}
        admin = psycopg.connect(conninfo(db, "postgres"), autocommit=True)
        try:
            if not (reuse and self._filled(db, name)):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}"')
                self._run(["migrate", "--no-input", "-v0"], env)
                self._run(["generate", "--scale", scale, "--seed", str(seed)], env, show=True)
                self._run(["recompute"], env, show=True)
            else:
                self._run(["migrate", "--no-input", "-v0"], env)
            with psycopg.connect(conninfo(db, name)) as conn:
                conn.execute("ANALYZE")
                payments = conn.execute("SELECT count(*) FROM projects_payment").fetchone()[0]
                top = conn.execute(
                    """SELECT o.bin, count(*) FROM projects_payment p JOIN projects_agreement a ON a.id = p.agreement_id
                       JOIN registry_organisation o ON o.id = a.payer_id GROUP BY o.bin ORDER BY count(*) DESC, o.bin LIMIT 1"""
                ).fetchone()
            self._settle(db, name)
            national = json.loads(self._run(["control", "run", "--json"], env).strip().splitlines()[-1])
            self._settle(db, name)
            one = json.loads(self._run(["control", "run", "--json", "--payer", top[0]], env).strip().splitlines()[-1])
            with tempfile.TemporaryDirectory() as tmp:
                self._run(["control", "frames", "--out", f"{tmp}/all"], env)
                self._run(["control", "frames", "--out", f"{tmp}/one", "--payer", top[0]], env)
                floor_all = scan_seconds(Path(tmp) / "all" / "payments.parquet")
                floor_one = scan_seconds(Path(tmp) / "one" / "payments.parquet")
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
        self.stdout.write(f"\nniokr bench control — scale {scale}, seed {seed}, PostgreSQL; {payments:,} payments; one subsoil user: {top[0]} ({top[1]:,} payments)")
        self.stdout.write(f"{'measure':<34}{'time, s':>9}{'target, s':>11}  {'phases, s':<44}{'floor, s':>9}{'× floor':>9}  verdict")
        for label, result, target, floor in (("national run (extract+evaluate+write)", national, TARGETS["national"], floor_all), ("one subsoil user", one, TARGETS["one"], floor_one)):
            t = result["seconds"]
            phases = ", ".join(f"{k} {v:.2f}" for k, v in result["phases"].items())
            verdict = "OK" if t <= target else "OVER TARGET"
            self.stdout.write(f"{label:<34}{t:>9.2f}{target:>11.0f}  {phases:<44}{floor:>9.3f}{t / floor if floor else 0:>9.0f}  {verdict}")
        self.stdout.write(f"flags written: national {national['flags']:,}, one subsoil user {one['flags']:,}; floor: one polars scan of the same payment frame (Parquet)")

    @staticmethod
    def _settle(db: dict, name: str) -> None:
        """Before a measured run: what autovacuum and the checkpointer do to a database in service.

        The load before (generating the country; the national run's 100,000 flags) leaves dead
        rows, unset visibility maps and dirty pages; vacuumed and checkpointed here, they are not
        worked off by the server in the middle of the next measurement.
        """
        with psycopg.connect(conninfo(db, name), autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
            conn.execute("CHECKPOINT")

    def _filled(self, db: dict, name: str) -> bool:
        try:
            with psycopg.connect(conninfo(db, name), connect_timeout=3) as conn:
                return conn.execute("SELECT count(*) > 0 FROM projects_payment").fetchone()[0]
        except psycopg.Error:
            return False

    def _run(self, argv: list[str], env: dict, show: bool = False) -> str:
        cmd = [sys.executable, "-m", "niokr.cli", *argv]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise CommandError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
        if show:
            self.stdout.write(done.stdout.strip().splitlines()[0] if done.stdout.strip() else "")
        return done.stdout
