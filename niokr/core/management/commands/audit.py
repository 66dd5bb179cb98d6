"""``niokr audit verify``: check the hash chain of the audit trail."""

from django.core.management.base import BaseCommand, CommandError

from niokr.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. verify: check that no event was edited, deleted or re-ordered."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        checked, problem = verify_chain()
        if problem is not None:
            self.stderr.write(f"BROKEN at event #{problem.seq}: {problem.message} ({checked} events verified before it)")
            raise CommandError("audit trail verification failed", returncode=1)
        self.stdout.write(f"OK: {checked} events, chain intact")
