"""``niokr worker``: run background jobs from the database queue (django-tasks-db).

Start as many as needed, on any machine that reaches the database and ``NIOKR_DATA_DIR``. A worker
claims one task at a time (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive
transaction on SQLite). SIGTERM or Ctrl+C lets the running task finish, then the worker exits; a
second signal stops it at once (the task's transaction is rolled back: nothing half-written).

Options are those of django-tasks-db's ``db_worker``: ``--batch`` (run what is queued, then exit),
``--max-tasks N``, ``--interval S``, ``--queue-name``, ``--worker-id``.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run background jobs (large imports, commits, national recomputes) from the database queue."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The backend is checked in handle(), with a message that says what to do.
        for action in parser._actions:
            if action.dest == "backend_name":
                action.type = str

    def handle(self, *args, **options):
        name = options.get("backend_name") or "default"
        try:
            backend = task_backends[name]
        except Exception as exc:  # noqa: BLE001 - an unknown alias: say which
            raise CommandError(f"--backend {name}: {exc}") from None
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(f"the task backend {name!r} is not the database queue; with NIOKR_TASKS_IMMEDIATE=1 every job runs at once and no worker is needed")
        return super().handle(*args, **options)
