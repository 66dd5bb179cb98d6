"""``niokr lifecycle close-due``: close the council votes whose closing time has passed (run it every few minutes).

``niokr lifecycle remind [--days 7] [--dry-run]``: notify everyone with a deadline within the week
(a council vote closing before they have voted, and every deadline registered in
:mod:`niokr.projects.lifecycle.reminders`), in their language, in the inbox and by e-mail; run it
daily — a second run the same day sends nothing twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Lifecycle chores: close-due closes the council votes whose closing time has passed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("close-due", help="Close every council vote whose closing time has passed (as the system).")
        remind = sub.add_parser("remind", help="Remind of deadlines within a week (once a day per person and thing).")
        remind.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
        remind.add_argument("--dry-run", action="store_true", help="list who would be reminded, send nothing")

    def handle(self, *args, action=None, **options):
        if action == "remind":
            return self._remind(options.get("days", 7), options.get("dry_run", False))
        if action == "close-due":
            from niokr.projects.lifecycle.councils import close_due

            closed = close_due()
            for reference in closed:
                self.stdout.write(f"closed {reference}")
            self.stdout.write(f"{len(closed)} vote(s) closed")

    def _remind(self, days: int, dry_run: bool) -> None:
        from django.core.management.base import CommandError

        from niokr.projects.lifecycle.reminders import send_reminders

        if not 1 <= days <= 366:
            raise CommandError("--days: a number of days from 1 to 366", returncode=2)
        sent = send_reminders(days=days, dry_run=dry_run)
        for due in sent:
            self.stdout.write(f"{'would remind' if dry_run else 'reminded'} {due.user.get_username()}: {due.kind} {due.about}")
        self.stdout.write(f"{len(sent)} reminder(s) {'to send' if dry_run else 'sent'}")
