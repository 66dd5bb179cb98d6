"""Connection strings for the benchmark database (``<name>_bench``) on the configured PostgreSQL."""

from __future__ import annotations

__all__ = ["conninfo", "database_url"]


def conninfo(db: dict, name: str) -> str:
    """A libpq connection string for database ``name`` on the server of Django's ``db`` settings."""
    parts = {"dbname": name, "host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or "5432", "user": db.get("USER") or "postgres"}
    if db.get("PASSWORD"):
        parts["password"] = db["PASSWORD"]
    return " ".join(f"{k}={v}" for k, v in parts.items())


def database_url(db: dict, name: str) -> str:
    """The ``DATABASE_URL`` of database ``name`` on the same server (for subprocesses)."""
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or '5432'}/{name}"
