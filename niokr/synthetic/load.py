"""Writing the synthetic country into the database, and clearing it for ``--replace``.

Rows go in foreign-key order through :func:`niokr.core.bulk.bulk_load` with explicit primary keys;
on PostgreSQL the secondary indexes and constraints of every generated table are rebuilt once at
the end (:func:`niokr.core.bulk.indexes_deferred`). Ledger entries follow the posting convention of
``docs/ledger.md``: one ``direct_spend`` entry per payment and one ``budget_transfer`` entry per
transfer, keyed ``payment:<id>`` and ``transfer:<id>``. Obligation entries and balances are left
to ``niokr recompute``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta

from django.apps import apps as django_apps
from django.db import DatabaseError, connection, transaction

from niokr.accounts.models import Membership
from niokr.core.bulk import bulk_load, indexes_deferred, reset_sequences
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RightYearBalance
from niokr.projects.models import (
    AcceptanceAct, AgendaItem, Agreement, Application, Attendance, Call, Council, CouncilMember, CouncilSession, CriteriaSheet, Criterion, ExpertAssignment,
    Expertise, ExpertScore, Payment, PoolReservation, Programme, ProgrammeBudget, ProgrammeVersion, Project, Recusal, Result, Stage, StateExpert, Vote,
)
from niokr.registry.models import Affiliation, Organisation, OrganisationAttribute, RegimeAssignment, SubsoilRight
from niokr.synthetic import lifecycle, organisations, rights
from niokr.synthetic.numbers import doc_text
from niokr.synthetic.records import day_of, money
from niokr.synthetic.world import World

__all__ = ["GENERATED_MODELS", "load_world", "clear_generated", "FIELDS"]

#: Every table the generator writes, parents first.
GENERATED_MODELS = [Organisation, OrganisationAttribute, Affiliation, SubsoilRight, RegimeAssignment, BaseFigure, Project, Agreement, Payment, BudgetTransfer, LedgerEntry]
#: The lifecycle's tables (docs/synthetic-data.md, "The lifecycle"), parents first; the stages go in before the payments that name them.
LIFECYCLE_MODELS = [
    Stage, AcceptanceAct, Council, CouncilMember, CouncilSession, Programme, ProgrammeVersion, ProgrammeBudget, AgendaItem, Attendance, Recusal, Vote,
    StateExpert, CriteriaSheet, Criterion, Expertise, ExpertAssignment, Call, Application, PoolReservation, Result,
]

FIELDS = {
    Organisation: ["id", "bin", "name_kk", "name_ru", "name_en", "kind", "region", "registered_on", "authority", "oked", "created_at"],
    OrganisationAttribute: ["id", "organisation_id", "kind", "valid_from", "valid_to", "number", "evidence", "issued_by"],
    Affiliation: ["id", "source_id", "target_id", "kind", "share", "valid_from", "valid_to", "note"],
    SubsoilRight: ["id", "number", "holder_id", "mineral_group", "right_type", "region", "signed_on", "production_start", "end_date", "stability_clause", "stability_note", "stability_note_kk", "stability_note_en", "field_name", "field_name_kk", "field_name_en"],
    RegimeAssignment: ["id", "right_id", "regime_code", "valid_from", "valid_to", "legal_reason", "legal_reason_kk", "legal_reason_en", "manual_override"],
    BaseFigure: ["id", "right_id", "year", "base_type", "amount", "source", "document", "document_kk", "document_en", "status", "revision", "note", "created_at"],
    Project: ["id", "code", "title_kk", "title_ru", "title_en", "abstract", "performer_id", "priority_direction", "tcc_sector", "trl_start", "trl_target", "trl_reached", "start_date", "end_date", "status"],
    Agreement: ["id", "payer_id", "performer_id", "number", "signed_on", "subject", "amount", "period_start", "period_end", "project_id", "priority_direction"],
    Payment: ["id", "agreement_id", "right_id", "paid_on", "amount", "currency", "original_amount", "rate", "purpose", "document_number", "for_year", "stage_id"],
    BudgetTransfer: ["id", "payer_id", "right_id", "order_number", "paid_on", "amount", "kbk", "for_year", "treasury_confirmed", "confirmed_on", "confirmation", "created_at"],
    LedgerEntry: [
        "id", "right_id", "year", "kind", "target_kind", "channel", "amount", "entry_date", "performer_id", "reverses_id",
        "source_type", "source_id", "regime_code", "regime_version", "base_figure_id", "reference", "idempotency_key", "created_at",
    ],
}


def _project_rows(world: World) -> Iterator[tuple]:
    for p in world.projects:
        yield (
            p.id, p.code, p.titles[1][:500], p.titles[0][:500], p.titles[2][:500], p.abstract, p.performer_id, p.direction, p.sector,
            p.trl_start, p.trl_target, p.trl_reached, day_of(p.start), day_of(p.end), p.status,
        )


def _agreement_rows(world: World) -> Iterator[tuple]:
    for a in world.agreements:
        signed = day_of(a.signed_on)
        yield (a.id, a.payer.id, a.performer.id, a.number, signed, a.subject, money(a.amount), signed, day_of(a.period_end), a.project.id if a.project else None, a.direction)


def _payment_rows(world: World) -> Iterator[tuple]:
    stage_of = lifecycle.payment_stages(world).get
    for pid, agreement_id, right_id, day, amount, purpose, doc, for_year, fx, _performer in world.payment_rows:
        if fx is None:
            yield (pid, agreement_id, right_id, day_of(day), amount, "KZT", None, None, purpose, doc_text(doc), for_year, stage_of(pid))
        else:
            currency, cents, rate = fx
            yield (pid, agreement_id, right_id, day_of(day), amount, currency, money(cents), money(rate), purpose, doc_text(doc), for_year, stage_of(pid))


def _transfer_rows(world: World) -> Iterator[tuple]:
    for tid, payer_id, right_id, order, day, amount, for_year, confirmed_on, confirmation in world.transfer_rows:
        yield (
            tid, payer_id, right_id, order, day_of(day), money(amount), "401103", for_year, confirmed_on is not None,
            day_of(confirmed_on) if confirmed_on is not None else None, confirmation, datetime.combine(day_of(day), time(6, tzinfo=UTC)),
        )


def _ledger_rows(world: World) -> Iterator[tuple]:
    """One fulfilment entry per payment, then one per transfer the treasury confirmed (ids follow on).

    Only money the treasury received fulfils an obligation, so a transfer still pending
    confirmation posts nothing. ``created_at`` is the entry date plus one to five days (payments)
    or two days (transfers), at 05:00 UTC: fixed by the data, so that the same seed gives the same rows.
    """
    stamps: dict[int, datetime] = {}
    stamp_of = stamps.get

    def created(day: int, lag: int) -> datetime:
        stamp = stamps[day * 8 + lag] = datetime.combine(day_of(day) + timedelta(days=lag), time(5, tzinfo=UTC))
        return stamp

    for pid, _agreement_id, right_id, day, amount, _purpose, _doc, for_year, _fx, performer_id in world.payment_rows:
        entry_date = day_of(day)
        lag = 1 + pid % 5
        yield (
            pid, right_id, for_year or entry_date.year, "direct_spend", "direct_spend", "direct", amount, entry_date, performer_id, None,
            "projects.Payment", str(pid), "", None, None, "", "payment:" + str(pid), stamp_of(day * 8 + lag) or created(day, lag),
        )
    offset = len(world.payment_rows)
    for tid, _payer_id, right_id, _order, day, amount, for_year, confirmed_on, _confirmation in world.transfer_rows:
        if confirmed_on is None:
            continue
        entry_date = day_of(day)
        yield (
            offset + tid, right_id, for_year or entry_date.year, "budget_transfer", "budget_transfer", "budget", money(amount), entry_date, None, None,
            "obligations.BudgetTransfer", str(tid), "", None, None, "", f"transfer:{tid}", stamp_of(day * 8 + 2) or created(day, 2),
        )


def load_world(world: World, *, advance: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write every generated row; returns rows written per model label. Must run in a transaction."""
    users = lifecycle.ensure_users(world)
    plan = [
        (Organisation, organisations.org_rows(world)),
        (OrganisationAttribute, world.attribute_rows),
        (Affiliation, world.affiliation_rows),
        (SubsoilRight, rights.right_rows(world)),
        (RegimeAssignment, rights.assignment_rows(world)),
        (BaseFigure, rights.base_rows(world)),
        (Project, _project_rows(world)),
        (Agreement, _agreement_rows(world)),
        (Stage, lifecycle.stage_rows(world)),
        (Payment, _payment_rows(world)),
        (AcceptanceAct, lifecycle.act_rows(world)),
        *[(model, lifecycle.table_rows(world, model.__name__, users)) for model in LIFECYCLE_MODELS[2:]],
        (BudgetTransfer, _transfer_rows(world)),
        (LedgerEntry, _ledger_rows(world)),
    ]
    counts: dict[str, int] = {}
    fields = {**FIELDS, **{model: lifecycle.FIELDS[model.__name__] for model in LIFECYCLE_MODELS}}
    with indexes_deferred(*GENERATED_MODELS, *LIFECYCLE_MODELS):
        for model, rows in plan:
            written = bulk_load(model, fields[model], _counted(rows, advance))
            counts[model._meta.label] = written
    reset_sequences(*GENERATED_MODELS, *LIFECYCLE_MODELS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in [*GENERATED_MODELS, *LIFECYCLE_MODELS]:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return counts


def _counted(rows, advance, every: int = 20000):
    if advance is None:
        yield from rows
        return
    n = 0
    for row in rows:
        yield row
        n += 1
        if n == every:
            advance(n)
            n = 0
    if n:
        advance(n)


def _derived_control_models() -> list:
    """The control app's tables (runs, flags, scores, cases, notices), children first: results
    computed from the generated rows, meaningless once they are gone. Looked up by app label, so
    that the generator imports nothing from the control code."""
    try:
        config = django_apps.get_app_config("control")
    except LookupError:
        return []
    return list(reversed(list(config.get_models())))


def _policy_models() -> list:
    """The technology policy's rows made on the generated country (its questionnaires, question sets and
    the policy target are reference data and stay): children first."""
    from django.apps import apps

    names = (
        "ranking.RoadmapEntry", "ranking.RankingRun", "ranking.Score", "ranking.Candidate", "ranking.PairwiseComparison", "ranking.Criterion",
        "ranking.RankingExercise", "foresight.Reminder", "foresight.RoundSummary", "foresight.ItemResult", "foresight.Answer", "foresight.Response",
        "foresight.Item", "foresight.Round", "foresight.Panellist", "foresight.Panel", "foresight.Exercise", "portfolio.PriorityTag",
        "capability.AuditDimensionScore", "capability.AuditAnswer", "capability.Audit", "capability.AssessmentAnswer", "capability.Assessment",
    )
    models = [apps.get_model(name) for name in names]
    return [models[0], apps.get_model("ranking.Candidate").projects.through, *models[1:]]


def clear_generated() -> None:
    """Delete every generated row (children first), the balances and control results derived from
    them and all memberships.

    On PostgreSQL one ``TRUNCATE`` of the tables is tried first; if another table references them
    (a newer app's data), the rows are deleted table by table instead, so that such references fail
    loudly rather than being truncated along.
    """
    # Every organisation is a generated one, so every membership points at a row about to go.
    lifecycle_children = [
        PoolReservation, Application, Call, ExpertScore, ExpertAssignment, Expertise, Criterion, CriteriaSheet, StateExpert, Vote, Recusal, Attendance, AgendaItem,
        CouncilSession, CouncilMember, Council, ProgrammeBudget, ProgrammeVersion.rights.through, ProgrammeVersion, Programme, Result, AcceptanceAct,
    ]
    models = [
        *_policy_models(), *_derived_control_models(), *lifecycle_children, Membership, RightYearBalance, LedgerEntry, BudgetTransfer, Payment, Stage, Agreement, Project, BaseFigure,
        RegimeAssignment, SubsoilRight, Affiliation, OrganisationAttribute, Organisation,
    ]
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(qn(m._meta.db_table) for m in models))
            return
        except DatabaseError:
            pass  # another table references these: DELETE instead, which names the reference if it matters
    with connection.cursor() as cursor:
        # Foreign keys are deferred (checked at commit), so whole-table deletes in this order are safe,
        # the ledger's self-reference included.
        for model in models:
            cursor.execute(f"DELETE FROM {qn(model._meta.db_table)}")
