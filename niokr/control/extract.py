"""Reading the database into the control engine's input frames (see ``indicators/base.py``).

A handful of set-wise queries for the whole country; for one subsoil user only its own rows, plus
what its indicators compare against: the payments of other payers that repeat one of its payments,
and the national agreements, organisations, statuses, affiliations and projects (small tables).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import polars as pl
from django.conf import settings
from django.db import connection, transaction

from niokr.control.indicators.base import FRAME_SCHEMAS, Frames
from niokr.control.indicators.relations import INDICATORS as RELATIONS
from niokr.core.docnumbers import split_key
from niokr.core.frames import read_frame, tiyn_sql
from niokr.intake.choices import SubmissionStatus
from niokr.intake.models import Submission
from niokr.obligations.models import BaseFigure, BudgetTransfer, RightYearBalance, RuleRegime
from niokr.projects.models import (
    AcceptanceAct, AgendaItem, Agreement, Attendance, Council, CouncilMember, CouncilSession, Payment, Programme, ProgrammeVersion, Project, Recusal,
    Result, Stage, Vote,
)
from niokr.registry.models import Affiliation, Organisation, OrganisationAttribute, SubsoilRight

__all__ = ["extract_frames", "FRAME_NAMES", "READ_THREADS"]

FRAME_NAMES = tuple(FRAME_SCHEMAS)
#: Reads running at once on PostgreSQL, each on its own connection in one snapshot. Most of a read
#: is the server's work and the wait for it, so more reads than cores overlap: on two cores one
#: subsoil user's extraction took 0.90 s one at a time, 0.80 s three at a time, 0.67 s six at a time.
READ_THREADS = 6
#: Days around each of a subsoil user's payments in which a one-company run reads other payers'
#: payments to the same performer: NK-06 matches another payer's copy on the same day, and an order
#: claimed again in numbered parts within its ``date_window_days`` (7 by default).
REPEAT_WINDOW_DAYS = 7
NK06 = next(i for i in RELATIONS if i.code == "NK-06")


def _t(model) -> str:
    return model._meta.db_table


def _day_sql(column: str) -> str:
    """The date of a timestamp column in SQL (in the database's time zone, UTC)."""
    return f"CAST({column} AS DATE)" if connection.vendor == "postgresql" else f"DATE({column})"


def _regimes() -> pl.DataFrame:
    """Channel and accreditation requirement of the latest version of every regime code."""
    latest: dict[str, tuple[str, bool]] = {}
    for code, channel, accredited in RuleRegime.objects.order_by("code", "version").values_list("code", "channel", "requires_accreditation"):
        latest[code] = (channel, accredited)
    return pl.DataFrame(
        {"regime_code": list(latest), "channel": [v[0] for v in latest.values()], "requires_accreditation": [v[1] for v in latest.values()]},
        schema={"regime_code": pl.Utf8, "channel": pl.Utf8, "requires_accreditation": pl.Boolean},
    )


_PAYMENT_SCHEMA = {
    "payment_id": pl.Int64, "agreement_id": pl.Int64, "right_id": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64,
    "paid_on": pl.Date, "amount": pl.Int64, "purpose": pl.Utf8, "document_number": pl.Utf8, "for_year": pl.Int32, "source_submission": pl.Int64,
}


def _payment_reads(payer_id: int | None) -> dict[str, Callable[[], pl.DataFrame]]:
    """The reads of the payment frame: all payments, or one payer's and the other payers' repeats of them."""
    select = f"""
        SELECT p.id, p.agreement_id, p.right_id, a.payer_id, a.performer_id, p.paid_on, {tiyn_sql('p.amount')},
               p.purpose, p.document_number, p.for_year, p.source_submission
        FROM {_t(Payment)} p JOIN {_t(Agreement)} a ON a.id = p.agreement_id
    """
    if payer_id is None:
        return {"payments": lambda: read_frame(select, [], _PAYMENT_SCHEMA)}
    return {
        "payments": lambda: read_frame(select + " WHERE a.payer_id = %s", [payer_id], _PAYMENT_SCHEMA),
        "repeats": lambda: _repeats(select, payer_id),
    }


_NARROW_SCHEMA = {"payment_id": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64, "paid_on": pl.Date, "amount": pl.Int64, "document_number": pl.Utf8}
#: A reached payment's columns that the next one is compared with (suffixed ``_b``).
_HOP = (pl.col("payer_id").alias("payer_id_b"), pl.col("paid_on").alias("paid_on_b"), pl.col("amount").alias("amount_b"), pl.col("_part").alias("_part_b"))


def _repeats(select: str, payer_id: int) -> pl.DataFrame:
    """Other payers' payments that NK-06 may join to one of ``payer_id``'s in a group of copies.

    NK-06 (docs/control.md) joins two payers' payments only to the same performer and with the same
    number (:func:`~niokr.core.docnumbers.split_key`: a copy, or an order and its numbered parts), within
    ``date_window_days`` (at most :data:`REPEAT_WINDOW_DAYS`); a copy found so is further joined to its
    own payer's copies of it: the same number, or the same agreement and amount. So the days around the
    payer's payments are expanded (a hash join, not a range join of every pair of payments), the other
    payers' payments to the same performers on those days read narrow (no purpose), and only those
    reached from the payer's numbers through such links are read whole — not every other payer's
    payment of the same week, which would also be judged by every other payment indicator.
    """
    offsets = ", ".join(f"({n})" for n in range(-REPEAT_WINDOW_DAYS, REPEAT_WINDOW_DAYS + 1))
    shifted = "q.paid_on + o.n" if connection.vendor == "postgresql" else "date(q.paid_on, o.n || ' days')"
    narrow = f"""
        WITH o(n) AS (VALUES {offsets}),
        days AS (SELECT DISTINCT b.performer_id, {shifted} AS day
                 FROM {_t(Payment)} q JOIN {_t(Agreement)} b ON b.id = q.agreement_id CROSS JOIN o WHERE b.payer_id = %s)
        SELECT p.id, a.payer_id, a.performer_id, p.paid_on, {tiyn_sql('p.amount')}, p.document_number
        FROM {_t(Payment)} p JOIN {_t(Agreement)} a ON a.id = p.agreement_id
        JOIN days ON days.performer_id = a.performer_id AND days.day = p.paid_on
        WHERE a.payer_id <> %s"""
    candidates = read_frame(narrow, [payer_id, payer_id], _NARROW_SCHEMA)
    if candidates.is_empty():
        return pl.DataFrame(schema=_PAYMENT_SCHEMA)
    own = read_frame(
        f"""SELECT p.id, a.payer_id, a.performer_id, p.paid_on, {tiyn_sql('p.amount')}, p.document_number
            FROM {_t(Payment)} p JOIN {_t(Agreement)} a ON a.id = p.agreement_id WHERE a.payer_id = %s""",
        [payer_id],
        _NARROW_SCHEMA,
    )
    numbers = pl.concat([own["document_number"], candidates["document_number"]]).drop_nulls().unique()
    keys = [split_key(n) for n in numbers.to_list()]
    table = pl.DataFrame(
        {"document_number": numbers, "_number": [k.number if k else None for k in keys], "_part": [k is not None and k.part is not None for k in keys]},
        schema={"document_number": pl.Utf8, "_number": pl.Utf8, "_part": pl.Boolean},
    )
    candidates = candidates.join(table, on="document_number", how="left").with_columns(pl.col("_part").fill_null(False))
    frontier = own.join(table, on="document_number", how="left").with_columns(pl.col("_part").fill_null(False))
    params = NK06.params(settings.NIOKR_CONTROL_THRESHOLDS.get(NK06.code))
    window, same_window = int(params["date_window_days"]), int(params["same_number_window_days"])
    days = (pl.col("paid_on") - pl.col("paid_on_b")).dt.total_days().abs()
    same_payer = pl.col("payer_id") == pl.col("payer_id_b")
    # The links NK-06 can make (docs/control.md, NK-06), each a superset of its rule: the same number
    # (one payer, within the longer window; two payers, the same day and amount, or an order and its
    # numbered parts within the window), or one payer's same amount within the window (one agreement).
    by_number = (same_payer & (days <= max(window, same_window))) | (
        ~same_payer & (((days == 0) & (pl.col("amount") == pl.col("amount_b"))) | ((pl.col("_part") != pl.col("_part_b")) & (days <= window)))
    )
    reached = candidates.clear()
    while not frontier.is_empty():
        rest = candidates.join(reached, on="payment_id", how="anti")
        found = pl.concat([
            rest.join(frontier.select("performer_id", "_number", *_HOP), on=["performer_id", "_number"], suffix="_b").filter(by_number),
            rest.join(frontier.select("payer_id", "performer_id", "amount", pl.col("paid_on").alias("paid_on_b")), on=["payer_id", "performer_id", "amount"]).filter(days <= window),
        ], how="diagonal").select(candidates.columns).unique("payment_id")
        reached = pl.concat([reached, found])
        frontier = found
    if reached.is_empty():
        return pl.DataFrame(schema=_PAYMENT_SCHEMA)
    ids = sorted(reached["payment_id"].to_list())
    if connection.vendor == "postgresql":
        return read_frame(select + " WHERE p.id = ANY(%s)", [ids], _PAYMENT_SCHEMA)
    return read_frame(select + " WHERE p.id IN (SELECT value FROM json_each(%s))", [json.dumps(ids)], _PAYMENT_SCHEMA)


def _in_thread(read: Callable[[], pl.DataFrame], snapshot: str) -> pl.DataFrame:
    """Run ``read`` on this thread's own connection, in the snapshot of the caller's transaction."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
            return read()
    finally:
        connection.close()


def _read_all(reads: dict[str, Callable[[], pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """Run the reads, :data:`READ_THREADS` at a time on PostgreSQL, all in one snapshot of the database.

    The caller's connection opens a repeatable-read transaction and exports its snapshot; each
    thread's connection imports it, so the frames are as consistent as one query's. Inside a
    transaction already open (tests, or a caller's atomic block) the snapshot cannot be chosen any
    more, and other connections would not see its rows: the reads then run one after the other.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return {name: read() for name, read in reads.items()}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
            futures = {name: pool.submit(_in_thread, read, snapshot) for name, read in reads.items()}
            return {name: future.result() for name, future in futures.items()}


def extract_frames(*, as_of, payer_id: int | None = None) -> Frames:
    """The input frames of an evaluation as of ``as_of``: national, or for one subsoil user."""
    regimes = _regimes()
    holder_filter = " WHERE r.holder_id = %s" if payer_id is not None else ""
    holder_params = [payer_id] if payer_id is not None else []
    # Every agreement: the payer's own, and the others as peers (prices, onward agreements). For one
    # subsoil user the others' subject texts are not read (no finding of theirs is kept), nor their
    # numbers, except those of the onward agreements its findings name.
    if payer_id is None:
        number, subject, text_params = "number", "subject", []
    else:
        # Numbers are read also for the agreements its performers signed as payers: the onward
        # agreements NK-20 names.
        mine = f"payer_id = %s OR payer_id IN (SELECT performer_id FROM {_t(Agreement)} WHERE payer_id = %s)"
        number, subject, text_params = f"CASE WHEN {mine} THEN number ELSE '' END", "CASE WHEN payer_id = %s THEN subject ELSE '' END", [payer_id, payer_id, payer_id]

    reads: dict[str, Callable[[], pl.DataFrame]] = _payment_reads(payer_id)
    reads["right_years"] = lambda: read_frame(
        f"""SELECT b.right_id, r.holder_id, b.year, b.regime_code, b.base_type, b.base_year, {tiyn_sql('b.base_amount')},
                   {tiyn_sql('b.obligation')}, {tiyn_sql('b.fulfilled')}, {tiyn_sql('b.credit_in')}, {tiyn_sql('b.arrears')}, b.status
            FROM {_t(RightYearBalance)} b JOIN {_t(SubsoilRight)} r ON r.id = b.right_id{holder_filter}""",
        holder_params,
        {
            "right_id": pl.Int64, "payer_id": pl.Int64, "year": pl.Int32, "regime_code": pl.Utf8, "base_type": pl.Utf8, "base_year": pl.Int32,
            "base_amount": pl.Int64, "obligation": pl.Int64, "fulfilled": pl.Int64, "credit_in": pl.Int64, "arrears": pl.Int64, "status": pl.Utf8,
        },
    )
    reads["agreements"] = lambda: read_frame(
        f"""SELECT id, payer_id, performer_id, {number}, signed_on, period_start, period_end, {tiyn_sql('amount')},
                   project_id, priority_direction, {subject} FROM {_t(Agreement)}""",
        text_params,
        FRAME_SCHEMAS["agreements"],
    )
    reads["rights"] = lambda: read_frame(f"SELECT id, number FROM {_t(SubsoilRight)}", [], {"right_id": pl.Int64, "right_number": pl.Utf8})
    reads["organisations"] = lambda: read_frame(f"SELECT id, bin, kind, registered_on, name_ru, oked FROM {_t(Organisation)}", [], FRAME_SCHEMAS["organisations"])
    reads["attributes"] = lambda: read_frame(f"SELECT organisation_id, kind, valid_from, valid_to FROM {_t(OrganisationAttribute)}", [], FRAME_SCHEMAS["attributes"])
    reads["affiliations"] = lambda: read_frame(f"SELECT source_id, target_id, kind, valid_from, valid_to, CAST(share AS REAL) FROM {_t(Affiliation)}", [], FRAME_SCHEMAS["affiliations"])
    reads["projects"] = lambda: read_frame(
        f"""SELECT id, performer_id, priority_direction, trl_start, trl_target, trl_reached, start_date, end_date, status, code
            FROM {_t(Project)}""",
        [],
        {k: v for k, v in FRAME_SCHEMAS["projects"].items() if k != "acceptance_act"},
    )
    reads["base_figures"] = lambda: read_frame(
        f"""SELECT f.right_id, r.holder_id, f.year, f.base_type, {tiyn_sql('f.amount')}, f.note, f.revision, {_day_sql('f.created_at')}
            FROM {_t(BaseFigure)} f JOIN {_t(SubsoilRight)} r ON r.id = f.right_id
            WHERE f.status = 'accepted'{holder_filter.replace(' WHERE', ' AND')}""",
        holder_params,
        FRAME_SCHEMAS["base_figures"],
    )
    reads["transfers"] = lambda: read_frame(
        f"""SELECT id, payer_id, right_id, order_number, paid_on, {tiyn_sql('amount')}, for_year, treasury_confirmed, source_submission
            FROM {_t(BudgetTransfer)}""" + (" WHERE payer_id = %s" if payer_id is not None else ""),
        holder_params,
        {
            "transfer_id": pl.Int64, "payer_id": pl.Int64, "right_id": pl.Int64, "order_number": pl.Utf8, "paid_on": pl.Date,
            "amount": pl.Int64, "for_year": pl.Int32, "treasury_confirmed": pl.Boolean, "source_submission": pl.Int64,
        },
    )
    reads.update(_lifecycle_reads())
    got = _read_all(reads)

    right_years = got["right_years"].join(regimes.select("regime_code", "channel"), on="regime_code", how="left").join(got["rights"], on="right_id", how="left")
    payments = pl.concat([got["payments"], got["repeats"]]) if "repeats" in got else got["payments"]
    # A payment counts unless the report it came from was superseded by a correction (whose own
    # payments replace it; the ledger entries of the superseded report were reversed). Filtered
    # here, not in SQL: the few superseded ids would only blur the planner's estimates.
    superseded = list(Submission.objects.filter(status=SubmissionStatus.SUPERSEDED).values_list("id", flat=True))
    if superseded:
        payments = payments.filter(pl.col("source_submission").is_null() | ~pl.col("source_submission").is_in(superseded))
    payments = (
        payments.with_columns(pl.coalesce(pl.col("for_year"), pl.col("paid_on").dt.year()).cast(pl.Int32).alias("year"))
        .join(right_years.select("right_id", "year", "regime_code"), on=["right_id", "year"], how="left")
        .join(regimes.select("regime_code", "requires_accreditation"), on="regime_code", how="left")
        .join(got["rights"], on="right_id", how="left")
    )
    return Frames.build(
        as_of,
        payments=payments,
        agreements=got["agreements"],
        organisations=got["organisations"],
        attributes=got["attributes"],
        affiliations=got["affiliations"],
        projects=got["projects"].with_columns(pl.lit(None, dtype=pl.Boolean).alias("acceptance_act")),  # acceptance acts are not recorded yet
        right_years=right_years,
        base_figures=got["base_figures"].with_columns(pl.col("note").fill_null("")),
        transfers=got["transfers"].join(got["rights"], on="right_id", how="left").with_columns(pl.coalesce(pl.col("for_year"), pl.col("paid_on").dt.year()).cast(pl.Int32).alias("year")),
        programmes=got["programmes"],
        stages=got["stages"],
        acts=got["acts"],
        results=got["results"].with_columns(pl.col("evidence_note").fill_null(""), pl.col("evidence_reference").fill_null("")),
        council_items=_council_items(got["council_items"]),
        council_members=got["council_members"],
    )


def _lifecycle_reads() -> dict[str, Callable[[], pl.DataFrame]]:
    """The reads of the lifecycle frames (programmes, stages, acts, results, council decisions): small
    tables, read whole also for one subsoil user (the runner keeps its subjects only)."""
    from django.contrib.auth import get_user_model

    user = get_user_model()._meta.db_table
    approved = f"""(SELECT MAX(s.held_on) FROM {_t(AgendaItem)} i JOIN {_t(ProgrammeVersion)} v ON v.id = i.version_id
                   JOIN {_t(CouncilSession)} s ON s.id = i.session_id WHERE v.programme_id = p.id AND i.outcome = 'approved')"""
    return {
        "programmes": lambda: read_frame(
            f"SELECT p.id, p.reference, p.kind, p.applicant_id, p.project_id, p.status, {approved} FROM {_t(Programme)} p", [], FRAME_SCHEMAS["programmes"],
        ),
        "stages": lambda: read_frame(
            f"SELECT id, agreement_id, number, start_date, end_date, {tiyn_sql('amount')}, status FROM {_t(Stage)}", [], FRAME_SCHEMAS["stages"],
        ),
        "acts": lambda: read_frame(
            f"SELECT a.id, a.stage_id, s.agreement_id, a.number, a.signed_on, {tiyn_sql('a.amount')} FROM {_t(AcceptanceAct)} a JOIN {_t(Stage)} s ON s.id = a.stage_id",
            [], FRAME_SCHEMAS["acts"],
        ),
        "results": lambda: read_frame(
            f"""SELECT id, project_id, stage_id, reference, kind, title, year, achieved_on, status, trl_level, evidence_note, evidence_reference,
                       CASE WHEN evidence_sha256 <> '' THEN 1 ELSE 0 END FROM {_t(Result)}""",
            [], {**FRAME_SCHEMAS["results"], "evidence_file": pl.Int32},
        ).with_columns(pl.col("evidence_file").cast(pl.Boolean)),
        "council_items": lambda: read_frame(
            f"""SELECT i.id, s.reference, s.held_on, c.authority, v.programme_id, p.reference, p.applicant_id, v.performer_id, i.outcome, i.tally,
                       s.quorum_num, s.quorum_den, s.majority_num, s.majority_den, s.majority_base, s.abstentions_count
                FROM {_t(AgendaItem)} i JOIN {_t(CouncilSession)} s ON s.id = i.session_id JOIN {_t(Council)} c ON c.id = s.council_id
                JOIN {_t(ProgrammeVersion)} v ON v.id = i.version_id JOIN {_t(Programme)} p ON p.id = v.programme_id""",
            [],
            {
                "item_id": pl.Int64, "session_reference": pl.Utf8, "held_on": pl.Date, "authority": pl.Utf8, "programme_id": pl.Int64, "programme_reference": pl.Utf8,
                "applicant_id": pl.Int64, "performer_id": pl.Int64, "outcome": pl.Utf8, "tally": pl.Utf8, "quorum_num": pl.Int32, "quorum_den": pl.Int32,
                "majority_num": pl.Int32, "majority_den": pl.Int32, "majority_base": pl.Utf8, "abstentions_count": pl.Boolean,
            },
        ),
        # Every voting member serving on the session's day (the secretary does not vote), with their
        # attendance, recusal and vote on each item: the service's own count (lifecycle.councils).
        "council_members": lambda: read_frame(
            f"""SELECT i.id, m.id, m.organisation_id, u.name_kk, u.first_name || ' ' || u.last_name, u.name_en,
                       CASE WHEN att.present THEN 1 ELSE 0 END, CASE WHEN r.id IS NULL THEN 0 ELSE 1 END, vt.choice
                FROM {_t(AgendaItem)} i JOIN {_t(CouncilSession)} s ON s.id = i.session_id
                JOIN {_t(CouncilMember)} m ON m.council_id = s.council_id AND m.term_from <= s.held_on AND (m.term_to IS NULL OR m.term_to >= s.held_on)
                     AND m.position <> 'secretary'
                JOIN {user} u ON u.id = m.user_id
                LEFT JOIN {_t(Attendance)} att ON att.session_id = s.id AND att.member_id = m.id
                LEFT JOIN {_t(Recusal)} r ON r.item_id = i.id AND r.member_id = m.id
                LEFT JOIN {_t(Vote)} vt ON vt.item_id = i.id AND vt.member_id = m.id""",
            [],
            {**FRAME_SCHEMAS["council_members"], "present": pl.Int32, "recused": pl.Int32},
        ).with_columns(pl.col("present").cast(pl.Boolean), pl.col("recused").cast(pl.Boolean)),
    }


def _council_items(items: pl.DataFrame) -> pl.DataFrame:
    """The agenda items with the tally as recorded (counts read from the stored JSON)."""
    recorded = {"present": [], "votes_for": [], "against": [], "abstain": []}
    for text in items["tally"].to_list():
        try:
            data = json.loads(text) if text else {}
        except (TypeError, ValueError):
            data = {}
        data = data if isinstance(data, dict) else {}
        for key, values in recorded.items():
            value = data.get(key)
            values.append(value if isinstance(value, int) and not isinstance(value, bool) else None)
    return items.drop("tally").with_columns(
        pl.Series("recorded_present", recorded["present"], dtype=pl.Int32), pl.Series("recorded_for", recorded["votes_for"], dtype=pl.Int32),
        pl.Series("recorded_against", recorded["against"], dtype=pl.Int32), pl.Series("recorded_abstain", recorded["abstain"], dtype=pl.Int32),
        pl.col("outcome").fill_null(""),
    )
