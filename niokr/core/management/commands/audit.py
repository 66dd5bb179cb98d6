"""``niokr audit verify|anchor|baseline``: check the audit trail and the ledger it seals; publish an anchor; seal an upgraded ledger once."""

from django.core.management.base import BaseCommand, CommandError

from niokr.core.audit import LedgerAlreadySealed, anchor_directory, seal_existing_ledger, verify_trail, write_anchor


class Command(BaseCommand):
    help = (
        "Audit trail tools. verify: check that no event was edited, deleted or re-ordered, that the trail was not emptied or "
        "cut short (database anchor and published anchors), and that every ledger entry is the one its seal recorded. "
        "anchor: verify, then write the chain's last event to a file outside the database (run it daily and keep the files "
        "where the database's administrators cannot write). baseline: once, on a database whose ledger predates the seals "
        "(an upgrade), seal every entry as found; refused once any seal exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor", "baseline"])
        parser.add_argument("--anchors", metavar="DIR", help="the directory of published anchors (default: NIOKR_AUDIT_ANCHOR_DIR, else NIOKR_DATA_DIR/anchors)")

    def handle(self, *args, action, anchors=None, **options):
        if action == "baseline":
            try:
                event = seal_existing_ledger()
            except LedgerAlreadySealed as exc:
                raise CommandError(str(exc), returncode=1) from None
            count = event.after["count"] if event else 0
            self.stdout.write(f"baseline: {count} ledger entries sealed as found" + (f" (event #{event.seq})" if event else ""))
            return
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
