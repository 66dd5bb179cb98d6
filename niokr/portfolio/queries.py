"""The portfolio's figures: the 1% money, projects, TRL and results by priority, in SQL.

**The money is the dashboard's.** The dashboard's channel panel
(:func:`niokr.obligations.queries.figures_by_channel`) sums, for a year, the ledger's direct R&D
spending and budget transfers (KBK 401103) net of their reversals. The portfolio sums the same
entries in the same scope (:func:`niokr.portfolio.access.ledger_visible_to`), so its total for a
user and a year equals the dashboard's to the tiyn; it then attributes each entry to the payments
behind it:

* an entry posted per payment (``source_type = projects.Payment``, the generator's and a single
  payment's convention) — that payment;
* an entry a spending report posted (``source_type = intake.Submission``: one entry per right,
  credited year, performer and day) — the report's payments with those keys, each for its amount.

A payment's tag follows the precedence of :mod:`niokr.portfolio.tags`, resolved in the same
statement (payments → agreement → project → the tag table, joined once per level). What the
payments do not cover — budget transfers, which go to the republican budget and name no agreement,
and any spending whose payments are not recorded — is shown as "not attributable", never spread
over the priorities. A reversal is attributed as the entry it reverses (it copies its keys), so a
superseded report nets to nothing in every priority.

Everything is grouped in the database (``SUM … GROUP BY``); Python adds up the few grouped rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Case, CharField, Count, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, NullIf

from niokr.core.choices import Authority, MineralGroup, PriorityDirection
from niokr.obligations.choices import EntryKind
from niokr.obligations.models import LedgerEntry
from niokr.portfolio.access import ledger_visible_to, projects_visible_to, results_visible_to
from niokr.portfolio.choices import Provenance, SubjectKind
from niokr.portfolio.models import PriorityTag
from niokr.projects.models import Agreement, Payment, Project
from niokr.registry.models import SubsoilRight

__all__ = [
    "ZERO", "MoneyBreakdown", "PRIORITIES", "UNATTRIBUTED", "SPENDING_KINDS", "DIMENSIONS", "MoneyRow", "spending_total", "money_rows",
    "project_counts", "trl_distribution", "results_by_kind", "effective_direction_expr",
]

ZERO = Decimal("0.00")
#: The three national technology priorities (the target counts their money).
PRIORITIES = (PriorityDirection.MEDTECH, PriorityDirection.AGRITECH, PriorityDirection.GREENTECH)
#: The key of money the payments do not cover (budget transfers, spending without recorded payments).
UNATTRIBUTED = "unattributed"
SPENDING_KINDS = (EntryKind.DIRECT_SPEND, EntryKind.BUDGET_TRANSFER)
#: The breakdowns a page offers, and the SQL expression of each over the attributed rows ``m``.
DIMENSIONS = ("year", "mineral_group", "region", "authority", "sector")


def _spending(user, year: int | None = None):
    """The ledger entries the dashboard's channel panel sums, in ``user``'s portfolio scope."""
    entries = ledger_visible_to(user).filter(
        kind__in=[*SPENDING_KINDS, EntryKind.REVERSAL], target_kind__in=SPENDING_KINDS,
    ).exclude(channel="")
    if year is not None:
        entries = entries.filter(year=year)
    return entries


def _signed():
    return Case(When(kind=EntryKind.REVERSAL, then=-F("amount")), default=F("amount"))


def spending_total(user, year: int | None = None) -> dict[tuple, Decimal]:
    """Spending net of reversals by (year, mineral group, region, channel): the dashboard's money (one query)."""
    rows = _spending(user, year).order_by().values("year", "right__mineral_group", "right__region", "channel").annotate(amount=Sum(_signed()))
    return {(r["year"], r["right__mineral_group"], r["right__region"], r["channel"]): r["amount"] or ZERO for r in rows}


def _year_of(column: str) -> str:
    if connection.vendor == "sqlite":
        return f"CAST(strftime('%%Y', {column}) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def _payment_of_entry() -> str:
    """The join of a ledger entry to the payment it was posted from (``source_id`` holds the payment's id).

    SQLite reads the payment by its primary key from the entry's text (a cast that cannot fail there);
    PostgreSQL, whose cast of a text that is not a number would fail on entries of other sources, matches
    the payment's id as text (a hash join).
    """
    if connection.vendor == "sqlite":
        return "p.id = CAST(e.source_id AS INTEGER)"
    return "e.source_id = CAST(p.id AS VARCHAR(64))"


def _attributed_sql(user, year: int | None, group: list[str], *, count_projects: bool) -> tuple[str, list]:
    """The statement attributing the spending to payments and their tags, grouped by ``group``."""
    qn = connection.ops.quote_name
    ledger, payment, agreement, project, right, tag = (
        qn(m._meta.db_table) for m in (LedgerEntry, Payment, Agreement, Project, SubsoilRight, PriorityTag)
    )
    scoped_sql, scoped_params = _spending(user, year).order_by().values("id").query.sql_with_params()
    signed = "CASE WHEN e.kind = %s THEN -{amount} ELSE {amount} END"
    branch_payment = (
        f"SELECT e.year AS year, r.mineral_group AS mineral_group, r.region AS region, p.id AS payment_id, p.agreement_id AS agreement_id, "
        f"{signed.format(amount='e.amount')} AS amount "
        f"FROM {ledger} e JOIN {right} r ON r.id = e.right_id "
        f"JOIN {payment} p ON {_payment_of_entry()} "
        f"WHERE e.source_type = %s AND e.target_kind = %s AND e.id IN ({scoped_sql})"
    )
    branch_report = (
        f"SELECT e.year, r.mineral_group, r.region, p.id, p.agreement_id, {signed.format(amount='p.amount')} "
        f"FROM {ledger} e JOIN {right} r ON r.id = e.right_id "
        f"JOIN {payment} p ON e.source_id = CAST(p.source_submission AS VARCHAR(64)) AND p.right_id = e.right_id AND p.paid_on = e.entry_date "
        f"AND COALESCE(p.for_year, {_year_of('p.paid_on')}) = e.year "
        f"JOIN {agreement} pa ON pa.id = p.agreement_id AND pa.performer_id = e.performer_id "
        f"WHERE e.source_type = %s AND e.target_kind = %s AND e.id IN ({scoped_sql})"
    )
    params = [
        EntryKind.REVERSAL, "projects.Payment", EntryKind.DIRECT_SPEND, *scoped_params,
        EntryKind.REVERSAL, "intake.Submission", EntryKind.DIRECT_SPEND, *scoped_params,
    ]
    direction = (
        "COALESCE(NULLIF(tp.direction, ''), NULLIF(ta.direction, ''), NULLIF(a.priority_direction, ''), "
        "NULLIF(tj.direction, ''), NULLIF(pr.priority_direction, ''), NULLIF(tp.suggested_direction, ''), "
        "NULLIF(ta.suggested_direction, ''), NULLIF(tj.suggested_direction, ''), '')"
    )
    provenance = (
        "CASE WHEN tp.direction <> '' OR ta.direction <> '' THEN 'confirmed' WHEN a.priority_direction <> '' THEN 'source' "
        "WHEN tj.direction <> '' THEN 'confirmed' WHEN pr.priority_direction <> '' THEN 'source' "
        "WHEN tp.suggested_direction <> '' OR ta.suggested_direction <> '' OR tj.suggested_direction <> '' THEN 'suggested' ELSE 'none' END"
    )
    sector = "COALESCE(NULLIF(tp.sector, ''), NULLIF(ta.sector, ''), NULLIF(tj.sector, ''), NULLIF(pr.tcc_sector, ''), '')"
    authority = "CASE " + " ".join(f"WHEN m.mineral_group = '{g}' THEN '{Authority.for_mineral_group(g)}'" for g in MineralGroup.values) + " ELSE '' END"
    expressions = {
        "year": "m.year", "mineral_group": "m.mineral_group", "region": "m.region", "authority": authority,
        "sector": sector, "direction": direction, "provenance": provenance,
    }
    selected = ", ".join(f"{expressions[g]} AS {g}" for g in group)
    measures = "SUM(m.amount) AS amount" + (", COUNT(DISTINCT a.project_id) AS projects" if count_projects else "")
    sql = (
        f"SELECT {selected}, {measures} FROM ({branch_payment} UNION ALL {branch_report}) m "
        f"JOIN {agreement} a ON a.id = m.agreement_id "
        f"LEFT JOIN {project} pr ON pr.id = a.project_id "
        f"LEFT JOIN {tag} tp ON tp.subject_kind = 'payment' AND tp.subject_id = m.payment_id "
        f"LEFT JOIN {tag} ta ON ta.subject_kind = 'agreement' AND ta.subject_id = a.id "
        f"LEFT JOIN {tag} tj ON tj.subject_kind = 'project' AND tj.subject_id = a.project_id "
        f"GROUP BY {', '.join(expressions[g] for g in group)}"
    )
    return sql, params


def _run(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class MoneyRow:
    """Money (KZT) of one group and one direction, by where its tag comes from."""

    confirmed: Decimal = ZERO  # a person confirmed the tag
    source: Decimal = ZERO  # the record's own column
    suggested: Decimal = ZERO  # only a suggestion (not counted in the share)
    untagged: Decimal = ZERO  # no tag at all
    projects: int = 0

    @property
    def counted(self) -> Decimal:
        """The money counted in the direction's share: confirmed and source tags only."""
        return self.confirmed + self.source

    def add(self, provenance: str, amount: Decimal) -> None:
        name = {"confirmed": "confirmed", "source": "source", "suggested": "suggested"}.get(provenance, "untagged")
        setattr(self, name, getattr(self, name) + (amount or ZERO))


@dataclass
class MoneyBreakdown:
    """The money of one breakdown: per group key, the total and per direction the attributed money.

    ``by_group[key][direction]`` is a :class:`MoneyRow`; the direction of a suggested-only row is
    the suggestion's, of an untagged row ``""``. ``totals[key]`` is the dashboard's money of the
    group; ``unattributed[key]`` what the payments do not cover.
    """

    by_group: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(MoneyRow)))
    totals: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    unattributed: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))

    def counted(self, key, direction: str) -> Decimal:
        row = self.by_group.get(key, {}).get(direction)
        return row.counted if row else ZERO

    def priorities_share(self, key) -> Decimal | None:
        """The share (per cent) of the group's money whose confirmed or source tag is one of the three priorities."""
        total = self.totals.get(key, ZERO)
        if not total:
            return None
        return sum((self.counted(key, d) for d in PRIORITIES), ZERO) * 100 / total


def money_rows(user, dimension: str, *, year: int | None = None) -> MoneyBreakdown:
    """The money by ``dimension`` (one of :data:`DIMENSIONS`) and direction, for ``year`` or every year.

    Two queries: the dashboard's spending grouped by year, mineral group, region and channel, and the
    attributed money grouped by the dimension, direction and provenance.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    out = MoneyBreakdown()
    spending = spending_total(user, year)
    for (y, mineral, region, _channel), amount in spending.items():
        key = {"year": y, "mineral_group": mineral, "region": region, "authority": str(Authority.for_mineral_group(mineral)) if mineral in MineralGroup.values else "", "sector": None}[dimension]
        out.totals[key] += amount
    sql, params = _attributed_sql(user, year, [dimension, "direction", "provenance"], count_projects=True)
    attributed: dict = defaultdict(lambda: ZERO)
    for key, direction, provenance, amount, projects in _run(sql, params):
        amount = Decimal(amount or 0).quantize(Decimal("0.01"))
        row = out.by_group[key][direction or ""]
        row.add(provenance, amount)
        if provenance in (Provenance.CONFIRMED, Provenance.SOURCE):
            row.projects += projects or 0
        attributed[key] += amount
    if dimension == "sector":
        # The sector is a property of the payments' tags: the total of a sector is what is attributed to it,
        # and the money the payments do not cover is one line of its own.
        grand = sum(spending.values(), ZERO)
        for key, amount in attributed.items():
            out.totals[key] = amount
        out.unattributed[None] = grand - sum(attributed.values(), ZERO)
        out.totals.pop(None, None)
        return out
    for key, total in out.totals.items():
        out.unattributed[key] = total - attributed.get(key, ZERO)
    return out


def project_counts(user, dimension: str, *, year: int | None = None) -> dict:
    """Distinct projects paid in the scope, by ``dimension`` and counted direction (confirmed or source)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    sql, params = _attributed_sql(user, year, [dimension, "direction", "provenance"], count_projects=True)
    out: dict = defaultdict(lambda: defaultdict(int))
    for key, direction, provenance, _amount, projects in _run(sql, params):
        if provenance in (Provenance.CONFIRMED, Provenance.SOURCE):
            out[key][direction] += projects or 0
    return out


def _tag(kind: str, field_name: str):
    return Subquery(PriorityTag.objects.filter(subject_kind=kind, subject_id=OuterRef("pk")).values(field_name)[:1], output_field=CharField())


def effective_direction_expr():
    """A project's counted direction as an expression: its confirmed tag, else its own column."""
    return Coalesce(NullIf(_tag(SubjectKind.PROJECT, "direction"), Value("")), NullIf(F("priority_direction"), Value("")), Value(""), output_field=CharField())


def trl_distribution(user, direction: str | None = None) -> dict[str, dict]:
    """Counts of the scope's projects by TRL at start, reached and target (``None``: not reported), per direction.

    Returns ``{direction: {"start": {level: n}, "reached": {...}, "target": {...}}}``.
    """
    projects = projects_visible_to(user).annotate(eff=effective_direction_expr())
    if direction:
        projects = projects.filter(eff=direction)
    out: dict = defaultdict(lambda: {"start": defaultdict(int), "reached": defaultdict(int), "target": defaultdict(int)})
    for column, name in (("trl_start", "start"), ("trl_reached", "reached"), ("trl_target", "target")):
        for row in projects.order_by().values("eff", column).annotate(n=Count("id")):
            out[row["eff"]][name][row[column]] += row["n"]
    return out


def results_by_kind(user, direction: str | None = None) -> dict[str, dict[str, int]]:
    """Results of the scope's projects by counted direction and kind: ``{direction: {kind: n}}``.

    A result's direction is its own confirmed tag, else its project's counted direction.
    """
    own = NullIf(_tag(SubjectKind.RESULT, "direction"), Value(""))
    project_tag = NullIf(Subquery(PriorityTag.objects.filter(subject_kind=SubjectKind.PROJECT, subject_id=OuterRef("project_id")).values("direction")[:1], output_field=CharField()), Value(""))
    eff = Coalesce(own, project_tag, NullIf(F("project__priority_direction"), Value("")), Value(""), output_field=CharField())
    results = results_visible_to(user).annotate(eff=eff)
    if direction:
        results = results.filter(eff=direction)
    out: dict = defaultdict(lambda: defaultdict(int))
    for row in results.order_by().values("eff", "kind").annotate(n=Count("id")):
        out[row["eff"]][row["kind"]] += row["n"]
    return out

