"""``niokr audit verify|anchor``: check the audit trail and the ledger it seals; publish an anchor."""

from django.core.management.base import BaseCommand, CommandError

from niokr.core.audit import anchor_directory, verify_trail, write_anchor


class Command(BaseCommand):
    help = (
        "Audit trail tools. verify: check that no event was edited, deleted or re-ordered, that the trail was not emptied or "
        "cut short (database anchor and published anchors), and that every ledger entry is the one its seal recorded. "
        "anchor: verify, then write the chain's last event to a file outside the database (run it daily and keep the files "
        "where the database's administrators cannot write)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument("--anchors", metavar="DIR", help="the directory of published anchors (default: NIOKR_AUDIT_ANCHOR_DIR, else NIOKR_DATA_DIR/anchors)")

    def handle(self, *args, action, anchors=None, **options):
        report = verify_trail(anchor_dir=anchors)
        problem = report.problem
        if problem is not None:
            where = f"at event #{problem.seq}" if problem.kind == "chain" else f"({problem.kind})"
            self.stderr.write(f"BROKEN {where}: {problem.message} ({report.events} events verified)")
            raise CommandError("audit trail verification failed", returncode=1)
        self.stdout.write(
            f"OK: {report.events} events, chain intact; {report.entries} ledger entries match {report.seals} seals; "
            f"{report.anchors} published anchors hold"
        )
        if action == "anchor":
            path, anchor = write_anchor(anchors or anchor_directory())
            self.stdout.write(f"anchored event #{anchor['seq']} ({anchor['hash']}) in {path}")
