"""The dashboard's figures kept in the cache under the count of changes to the data behind them.

Triggers (migration 0006, table ``obligations_figures_change``) count the committed transactions
that write to the balances, the ledger, the rights, the organisations and their affiliations, and
(``projects`` migration 0012) the R&D projects and their results, and (``portfolio`` migration 0002) the
agreements, the priority tags and the policy target; figures cached under a count are
never shown once the data behind them has changed.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import connection

__all__ = ["figures_version", "cached_figures", "restore_sqlite_triggers"]

#: The tables behind the figures (as migration 0006, ``projects`` migration 0012 and ``portfolio`` migration
#: 0002 list them): the portfolio's panels are cached under the same count.
TABLES = (
    "obligations_rightyearbalance", "obligations_ledgerentry", "registry_subsoilright", "registry_organisation", "registry_affiliation",
    "projects_project", "projects_result", "portfolio_prioritytag", "portfolio_policytarget", "projects_agreement",
)


#: The triggers of migration 0006 that count the changes behind the figures, per database: the
#: query that reads the count and the number of triggers, and how many triggers there must be.
_FIGURES_VERSION_SQL = {
    "postgresql": (
        "SELECT (SELECT COALESCE(SUM(weight), 0) FROM obligations_figures_change), "
        "(SELECT COUNT(DISTINCT tgrelid) FROM pg_trigger WHERE tgname = 'obligations_figures_change' AND tgenabled <> 'D')",
        len(TABLES),
    ),
    "sqlite": (
        "SELECT (SELECT weight FROM obligations_figures_change), "
        "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'obligations_figures_change_*')",
        3 * len(TABLES),
    ),
}
_MISSING = object()


def figures_version() -> int | None:
    """How many committed transactions have changed the data behind the dashboard, or ``None``.

    Triggers on the balances, the ledger, the rights, the organisations, their affiliations, the
    projects and their results keep the count (:data:`TABLES`): any write, however made, changes it in its own transaction, so
    figures cached under a count are the figures of that count or later ones. The count is read
    before the figures. ``None`` (nothing is cached) inside a transaction, whose reads may include
    its own uncommitted writes, and when a trigger is missing (SQLite drops a table's triggers when
    a migration rebuilds the table).
    """
    if connection.in_atomic_block or connection.vendor not in _FIGURES_VERSION_SQL:
        return None
    sql, triggers = _FIGURES_VERSION_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        version, installed = cursor.fetchone()
    return int(version) if installed == triggers and version is not None else None


def restore_sqlite_triggers(using: str = "default", **_kwargs) -> int:
    """Re-create the SQLite change-count triggers a later migration dropped; how many were missing.

    SQLite rebuilds a table for most schema changes (a new column with a default, a changed
    constraint), and the rebuilt table has no triggers. Run after every ``migrate`` (a
    ``post_migrate`` receiver), so that no migration of these tables, present or future, silently
    turns the dashboard's cache off. PostgreSQL keeps its triggers through ``ALTER TABLE``.
    """
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return 0
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (%s)" % ", ".join(["%s"] * (len(TABLES) + 1)), [*TABLES, "obligations_figures_change"])
        present = {row[0] for row in cursor.fetchall()}
        if "obligations_figures_change" not in present:
            return 0  # migration 0006 has not run yet
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'obligations_figures_change_*'")
        installed = {row[0] for row in cursor.fetchall()}
        missing = 0
        for table in TABLES:
            if table not in present:
                continue
            for operation in ("insert", "update", "delete"):
                name = f"obligations_figures_change_{table}_{operation}"
                if name not in installed:
                    cursor.execute(f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {table} BEGIN UPDATE obligations_figures_change SET weight = weight + 1; END")
                    missing += 1
        if missing:
            cursor.execute("UPDATE obligations_figures_change SET weight = weight + 1")  # whatever the rebuild changed is a change
    return missing


def cached_figures(version: int | None, parts: tuple, compute):
    """``compute()``, kept in the cache under ``version`` and ``parts`` (computed afresh without a version)."""
    if version is None:
        return compute()
    key = "niokr:obligations:" + hashlib.sha256(repr((version, *parts)).encode()).hexdigest()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, None)
    return value
