"""``niokr worker``: run background jobs from the database queue (django-tasks-db).

Start as many as needed, on any machine that reaches the database and ``NIOKR_DATA_DIR``. A worker
claims one task at a time (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive
transaction on SQLite). SIGTERM or Ctrl+C lets the running task finish, then the worker exits; a
second signal stops it at once (the task's transaction is rolled back: nothing half-written).

A worker killed outright (SIGKILL, out of memory, power lost) cannot mark its job. A worker's id
names its machine and process (``<host>:<pid>:<random>``); each worker that starts first fails the
jobs left running by a worker of its machine whose process is gone (:func:`niokr.intake.jobs.fail_lost_tasks`).

Options are those of django-tasks-db's ``db_worker``: ``--batch`` (run what is queued, then exit),
``--max-tasks N``, ``--interval S``, ``--queue-name``, ``--worker-id`` (an id of another form turns
the recovery of that worker's jobs off).
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from niokr.intake import jobs


class Command(DatabaseWorkerCommand):
    help = "Run background jobs (large imports, commits, national recomputes) from the database queue."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The backend is checked in handle(), with a message that says what to do.
        for action in parser._actions:
            if action.dest == "backend_name":
                action.type = str
            if action.dest == "worker_id":
                action.default = jobs.worker_id()

    def handle(self, *args, **options):
        name = options.get("backend_name") or "default"
        try:
            backend = task_backends[name]
        except Exception as exc:  # noqa: BLE001 - an unknown alias: say which
            raise CommandError(f"--backend {name}: {exc}") from None
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(f"the task backend {name!r} is not the database queue; with NIOKR_TASKS_IMMEDIATE=1 every job runs at once and no worker is needed")
        lost = jobs.fail_lost_tasks(backend_name=name)
        if lost and options.get("verbosity", 1):
            self.stdout.write(f"{len(lost)} job(s) left running by a worker that is gone marked failed")
        return super().handle(*args, **options)
