"""``niokr recompute``: rebuild every right-year balance from the ledger and the bases."""

from django.core.management.base import BaseCommand

from niokr.obligations.services import recompute


class Command(BaseCommand):
    help = "Recompute obligations and balances of every right-year (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--right", type=int, action="append", dest="rights", help="Only this right id (repeatable)")
        parser.add_argument("--dry-run", action="store_true", help="Compute and report, write nothing")

    def handle(self, *args, rights=None, dry_run=False, **options):
        summary = recompute(right_ids=rights, progress=True, dry_run=dry_run)
        self.stdout.write(
            f"rights {summary.rights:,}; right-years {summary.right_years:,}; obligations posted {summary.obligations_posted:,}, "
            f"reversed {summary.obligations_reversed:,}; balances rewritten {summary.balances_written:,}; {summary.seconds:.2f} s"
            + (" (dry run, nothing written)" if dry_run else "")
        )
        for status, n in sorted(summary.by_status.items()):
            self.stdout.write(f"  {status:<14} {n:>8,}")
        self.stdout.write("phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in summary.timings.items()))
        self.stdout.write(f"digest {summary.digest}")
