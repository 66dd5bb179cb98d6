"""Reading the database into engine inputs, set-wise (a handful of queries for the whole country).

Fulfilment lines are aggregated with polars: lines of the same right, year, channel and performer
status, on the same side of every eligibility threshold date, are judged alike by the engine, so
they are summed into one engine line. ``aggregate=False`` keeps one engine line per ledger row
(used to explain a single right line by line).
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

import polars as pl
from django.db import connection

from niokr.obligations import engine
from niokr.obligations.models import BaseFigure, BudgetTransfer, LedgerEntry, RuleRegime
from niokr.obligations.simulate import regime_from_params
from niokr.registry.models import OrganisationAttribute, RegimeAssignment, SubsoilRight

__all__ = ["load_regimes", "load_rights", "fulfilment_frame", "regime_params"]

FAR_FUTURE = date(9999, 12, 31)
ATTRIBUTE_FLAGS = {
    "kazakhstani_supplier": "kz",
    "science_accreditation": "acc",
    "astana_hub": "hub",
    "foreign_permission": "perm",
}


def regime_params(r: RuleRegime) -> dict:
    """A stored regime version in the parameter form of ``simulate.regime_from_params``."""
    return {
        "code": r.code,
        "version": r.version,
        "base_type": r.base_type,
        "rate": r.rate,
        "rate_kind": r.rate_kind,
        "first_due_rule": r.first_due_rule,
        "channel": r.channel,
        "eligible_performers": r.eligible_performers,
        "requires_accreditation": r.requires_accreditation,
        "credit_rule": r.credit_rule,
        "credit_from_year": r.credit_from_year,
        "rounding": r.rounding,
        "effective_from": r.effective_from,
        "effective_to": r.effective_to,
        "count_direct_before_change": r.count_direct_before_change,
    }


def load_regimes() -> dict[str, tuple[engine.Regime, ...]]:
    """Every version of every regime code, as engine regimes, oldest version first.

    The engine picks, for each year, the version in force on 31 December of that year.
    """
    out: dict[str, list[engine.Regime]] = defaultdict(list)
    for r in RuleRegime.objects.order_by("code", "version"):
        out[r.code].append(regime_from_params(regime_params(r), f"regime {r.code} v{r.version}"))
    return {code: tuple(versions) for code, versions in out.items()}


def _ledger_rows_sql(where: str) -> str:
    """SQL returning one row per fulfilment ledger entry with its signed effect."""
    table = LedgerEntry._meta.db_table
    # Integer tiyn, computed by the database: exact on PostgreSQL's numeric, and on SQLite (which
    # keeps decimals as doubles) exact for every amount below 90 trillion tenge.
    tiyn = "CAST(ROUND(amount * 100) AS BIGINT)" if connection.vendor == "postgresql" else "CAST(ROUND(amount * 100) AS INTEGER)"
    return f"""
        SELECT right_id, year, channel, performer_id, entry_date,
               CASE WHEN kind IN ('direct_spend', 'budget_transfer') THEN {tiyn}
                    WHEN kind = 'exclusion' THEN -{tiyn}
                    WHEN kind = 'reversal' AND target_kind = 'exclusion' THEN {tiyn}
                    ELSE -{tiyn} END AS tiyn,
               id
        FROM {table}
        WHERE target_kind <> 'obligation' {where}
    """


def _read_frame(sql: str, params: list) -> pl.DataFrame:
    schema = {
        "right_id": pl.Int64,
        "year": pl.Int32,
        "channel": pl.Utf8,
        "performer_id": pl.Int64,
        "entry_date": pl.Date,
        "tiyn": pl.Int64,
        "id": pl.Int64,
    }
    if connection.vendor == "postgresql":
        buf = io.BytesIO()
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor: COPY is the fastest way out of PostgreSQL
            query = raw.mogrify(sql, params) if params else sql
            with raw.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buf.write(block)
        if buf.tell() == 0:
            return pl.DataFrame(schema=schema)
        buf.seek(0)
        return pl.read_csv(buf, has_header=False, new_columns=list(schema), schema_overrides=schema)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return pl.DataFrame(schema=schema)
    cols = list(zip(*rows, strict=True))
    return pl.DataFrame(
        {
            "right_id": cols[0],
            "year": cols[1],
            "channel": cols[2],
            "performer_id": cols[3],
            "entry_date": [d if isinstance(d, date) else date.fromisoformat(str(d)) for d in cols[4]],
            "tiyn": [int(v) for v in cols[5]],
            "id": cols[6],
        },
        schema=schema,
    )


def fulfilment_frame(*, right_ids: list[int] | None, thresholds: tuple[date, ...], aggregate: bool = True) -> pl.DataFrame:
    """Fulfilment lines with the performer's statuses on the line date (and aggregated if asked).

    Amounts travel and are summed as integers of tiyn, never floats.
    """
    where, params = "", []
    if right_ids is not None:
        if not right_ids:
            return pl.DataFrame()
        where = "AND right_id IN (" + ",".join(["%s"] * len(right_ids)) + ")"
        params = list(right_ids)
    lines = _read_frame(_ledger_rows_sql(where), params)

    attrs = pl.DataFrame(
        list(OrganisationAttribute.objects.values_list("organisation_id", "kind", "valid_from", "valid_to")),
        schema={"org": pl.Int64, "kind": pl.Utf8, "vfrom": pl.Date, "vto": pl.Date},
        orient="row",
    ).with_columns(pl.col("vto").fill_null(FAR_FUTURE))
    for kind, flag in ATTRIBUTE_FLAGS.items():
        periods = attrs.filter(pl.col("kind") == kind).select("org", "vfrom", "vto")
        hits = (
            lines.select("id", "performer_id", "entry_date")
            .join(periods, left_on="performer_id", right_on="org", how="inner")
            .filter((pl.col("entry_date") >= pl.col("vfrom")) & (pl.col("entry_date") <= pl.col("vto")))
            .select("id")
            .unique()
            .with_columns(pl.lit(True).alias(flag))
        )
        lines = lines.join(hits, on="id", how="left").with_columns(pl.col(flag).fill_null(False))
    bucket = pl.lit(0, dtype=pl.Int32)
    for t in thresholds:
        bucket = bucket + (pl.col("entry_date") >= t).cast(pl.Int32)
    lines = lines.with_columns(bucket.alias("bucket"), pl.col("performer_id").is_not_null().alias("has_performer"))
    if not aggregate:
        return lines.with_columns(pl.lit(1).alias("n"), pl.col("id").cast(pl.Utf8).alias("ref"))
    keys = ["right_id", "year", "channel", "has_performer", "kz", "acc", "hub", "perm", "bucket"]
    return (
        lines.group_by(keys)
        .agg(pl.col("tiyn").sum(), pl.col("entry_date").min(), pl.len().alias("n"))
        .with_columns(pl.lit("").alias("ref"))
        .sort(keys)
    )


def _latest_bases(right_ids: list[int] | None) -> dict[int, dict[int, engine.Base]]:
    """Per right and year: the latest accepted revision of each base type, else the latest draft."""
    table = BaseFigure._meta.db_table
    sql = f"SELECT right_id, year, base_type, amount, status, revision, id FROM {table}"
    params: list = []
    if right_ids is not None:
        sql += " WHERE right_id IN (" + ",".join(["%s"] * len(right_ids)) + ")"
        params = list(right_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    chosen: dict[tuple[int, int, str], tuple] = {}
    for rid, year, base_type, amount, status, revision, pk in rows:
        if not isinstance(amount, Decimal):
            # SQLite hands decimals back as floats or text: restore the exact two-decimal value.
            amount = Decimal(str(amount)).quantize(Decimal("0.01"))
        key = (rid, year, base_type)
        rank = (status == "accepted", revision)
        current = chosen.get(key)
        if current is None or rank > current[0]:
            chosen[key] = (rank, amount, status, pk)
    per_year: dict[tuple[int, int], dict] = defaultdict(lambda: {"refs": {}, "statuses": {}})
    for (rid, year, base_type), (_rank, amount, status, pk) in chosen.items():
        slot = per_year[(rid, year)]
        slot[base_type] = amount
        slot["refs"][base_type] = str(pk)
        slot["statuses"][base_type] = status
    out: dict[int, dict[int, engine.Base]] = defaultdict(dict)
    for (rid, year), slot in per_year.items():
        out[rid][year] = engine.Base(
            aggregate_income=slot.get("aggregate_income"),
            production_costs=slot.get("production_costs"),
            refs=slot["refs"],
            statuses=slot["statuses"],
        )
    return out


def _pending_transfers(right_ids: list[int] | None) -> dict[int, dict[int, tuple[Decimal, int]]]:
    """Per right and year named: the sum and count of transfers the treasury has not confirmed."""
    qs = BudgetTransfer.objects.filter(treasury_confirmed=False)
    if right_ids is not None:
        qs = qs.filter(right_id__in=right_ids)
    out: dict[int, dict[int, tuple[Decimal, int]]] = defaultdict(dict)
    for rid, for_year, paid_on, amount in qs.values_list("right_id", "for_year", "paid_on", "amount").iterator(chunk_size=20000):
        year = for_year if for_year is not None else paid_on.year
        if not isinstance(amount, Decimal):
            amount = Decimal(str(amount)).quantize(Decimal("0.01"))
        total, count = out[rid].get(year, (Decimal("0.00"), 0))
        out[rid][year] = (total + amount, count + 1)
    return out


def load_rights(*, right_ids: list[int] | None = None, aggregate: bool = True) -> tuple[list[engine.Right], dict[str, tuple[engine.Regime, ...]]]:
    """Engine inputs for the given rights (all when ``None``), with their assignments, bases and lines.

    Each assignment carries every version of its regime; the engine picks the one in force for
    the year.
    """
    regimes = load_regimes()
    rights_qs = SubsoilRight.objects.all()
    assign_qs = RegimeAssignment.objects.all()
    if right_ids is not None:
        rights_qs = rights_qs.filter(id__in=right_ids)
        assign_qs = assign_qs.filter(right_id__in=right_ids)
    assignments: dict[int, list[engine.Assignment]] = defaultdict(list)
    for rid, code, vfrom, vto in assign_qs.values_list("right_id", "regime_code", "valid_from", "valid_to").order_by("right_id", "valid_from"):
        versions = regimes[code]
        assignments[rid].append(engine.Assignment(versions[-1], vfrom, vto, versions))
    every_version = [v for versions in regimes.values() for v in versions]
    thresholds = engine.threshold_dates(every_version, [a for items in assignments.values() for a in items])
    bases = _latest_bases(right_ids)
    pending = _pending_transfers(right_ids)
    frame = fulfilment_frame(right_ids=right_ids, thresholds=thresholds, aggregate=aggregate)
    lines: dict[int, list[engine.Line]] = defaultdict(list)
    if frame.height:
        for row in frame.iter_rows(named=True):
            performer = None
            if row["has_performer"]:
                performer = engine.Performer(row["kz"], row["acc"], row["hub"], row["perm"])
            amount = Decimal(row["tiyn"]).scaleb(-2)
            ref = row["ref"] or f"{row['channel']}:{row['year']}:{'kz' if row['kz'] else ''}{'acc' if row['acc'] else ''}{'hub' if row['hub'] else ''}{'perm' if row['perm'] else ''}:{row['bucket']}"
            lines[row["right_id"]].append(
                engine.Line(ref=ref, date=row["entry_date"], amount=amount, channel=row["channel"], for_year=row["year"], performer=performer, count=row["n"])
            )
    rights = [
        engine.Right(
            id=str(rid),
            mineral_group=mg,
            right_type=rt,
            production_start=ps,
            end_date=end,
            assignments=tuple(assignments.get(rid, ())),
            bases=bases.get(rid, {}),
            lines=tuple(lines.get(rid, ())),
            pending_transfers=pending.get(rid, {}),
        )
        for rid, mg, rt, ps, end in rights_qs.values_list("id", "mineral_group", "right_type", "production_start", "end_date").order_by("id")
    ]
    return rights, regimes
