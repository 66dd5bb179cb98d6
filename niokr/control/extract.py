"""Reading the database into the control engine's input frames (see ``indicators/base.py``).

A handful of set-wise queries for the whole country; for one subsoil user only its own rows, plus
what its indicators compare against: the payments of other payers that repeat one of its payments,
and the national agreements, organisations, statuses, affiliations and projects (small tables).
"""

from __future__ import annotations

import polars as pl

from niokr.control.indicators.base import FRAME_SCHEMAS, Frames
from niokr.core.frames import read_frame, tiyn_sql
from niokr.obligations.models import BaseFigure, BudgetTransfer, RightYearBalance, RuleRegime
from niokr.projects.models import Agreement, Payment, Project
from niokr.registry.models import Affiliation, Organisation, OrganisationAttribute, SubsoilRight

__all__ = ["extract_frames", "FRAME_NAMES"]

FRAME_NAMES = tuple(FRAME_SCHEMAS)


def _t(model) -> str:
    return model._meta.db_table


def _regimes() -> pl.DataFrame:
    """Channel and accreditation requirement of the latest version of every regime code."""
    latest: dict[str, tuple[str, bool]] = {}
    for code, channel, accredited in RuleRegime.objects.order_by("code", "version").values_list("code", "channel", "requires_accreditation"):
        latest[code] = (channel, accredited)
    return pl.DataFrame(
        {"regime_code": list(latest), "channel": [v[0] for v in latest.values()], "requires_accreditation": [v[1] for v in latest.values()]},
        schema={"regime_code": pl.Utf8, "channel": pl.Utf8, "requires_accreditation": pl.Boolean},
    )


def _payments(payer_id: int | None) -> pl.DataFrame:
    raw_schema = {
        "payment_id": pl.Int64, "agreement_id": pl.Int64, "right_id": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64,
        "paid_on": pl.Date, "amount": pl.Int64, "purpose": pl.Utf8, "document_number": pl.Utf8, "for_year": pl.Int32, "source_submission": pl.Int64,
    }
    select = f"""
        SELECT p.id, p.agreement_id, p.right_id, a.payer_id, a.performer_id, p.paid_on, {tiyn_sql('p.amount')},
               p.purpose, p.document_number, p.for_year, p.source_submission
        FROM {_t(Payment)} p JOIN {_t(Agreement)} a ON a.id = p.agreement_id
    """
    if payer_id is None:
        return read_frame(select, [], raw_schema)
    own = read_frame(select + " WHERE a.payer_id = %s", [payer_id], raw_schema)
    # Other payers' payments that repeat one of this payer's (same performer, document, date and
    # amount): one index probe (document, date) per own payment.
    repeats = read_frame(
        f"""SELECT p.id, p.agreement_id, p.right_id, a.payer_id, a.performer_id, p.paid_on, {tiyn_sql('p.amount')},
                   p.purpose, p.document_number, p.for_year, p.source_submission
            FROM {_t(Payment)} q JOIN {_t(Agreement)} b ON b.id = q.agreement_id
            JOIN {_t(Payment)} p ON p.document_number = q.document_number AND p.paid_on = q.paid_on AND p.amount = q.amount
            JOIN {_t(Agreement)} a ON a.id = p.agreement_id AND a.performer_id = b.performer_id AND a.payer_id <> b.payer_id
            WHERE b.payer_id = %s""",
        [payer_id],
        raw_schema,
    ).unique("payment_id")
    return pl.concat([own, repeats])


def extract_frames(*, as_of, payer_id: int | None = None) -> Frames:
    """The input frames of an evaluation as of ``as_of``: national, or for one subsoil user."""
    regimes = _regimes()
    holder_filter = " WHERE r.holder_id = %s" if payer_id is not None else ""
    holder_params = [payer_id] if payer_id is not None else []

    right_years = read_frame(
        f"""SELECT b.right_id, r.holder_id, b.year, b.regime_code, b.base_type, b.base_year, {tiyn_sql('b.base_amount')},
                   {tiyn_sql('b.obligation')}, {tiyn_sql('b.fulfilled')}, {tiyn_sql('b.credit_in')}, {tiyn_sql('b.arrears')}, b.status
            FROM {_t(RightYearBalance)} b JOIN {_t(SubsoilRight)} r ON r.id = b.right_id{holder_filter}""",
        holder_params,
        {
            "right_id": pl.Int64, "payer_id": pl.Int64, "year": pl.Int32, "regime_code": pl.Utf8, "base_type": pl.Utf8, "base_year": pl.Int32,
            "base_amount": pl.Int64, "obligation": pl.Int64, "fulfilled": pl.Int64, "credit_in": pl.Int64, "arrears": pl.Int64, "status": pl.Utf8,
        },
    ).join(regimes.select("regime_code", "channel"), on="regime_code", how="left")

    payments = (
        _payments(payer_id)
        .with_columns(pl.coalesce(pl.col("for_year"), pl.col("paid_on").dt.year()).cast(pl.Int32).alias("year"))
        .join(right_years.select("right_id", "year", "regime_code"), on=["right_id", "year"], how="left")
        .join(regimes.select("regime_code", "requires_accreditation"), on="regime_code", how="left")
    )

    # Every agreement: the payer's own, and the others as peers (prices, onward agreements). For one
    # subsoil user the others' number and subject texts are not read: no finding of theirs is kept.
    if payer_id is None:
        number, subject, text_params = "number", "subject", []
    else:
        number, subject, text_params = "CASE WHEN payer_id = %s THEN number ELSE '' END", "CASE WHEN payer_id = %s THEN subject ELSE '' END", [payer_id, payer_id]
    agreements = read_frame(
        f"""SELECT id, payer_id, performer_id, {number}, signed_on, period_start, period_end, {tiyn_sql('amount')},
                   project_id, priority_direction, {subject} FROM {_t(Agreement)}""",
        text_params,
        FRAME_SCHEMAS["agreements"],
    )
    organisations = read_frame(f"SELECT id, bin, kind, registered_on, name_ru FROM {_t(Organisation)}", [], FRAME_SCHEMAS["organisations"])
    attributes = read_frame(f"SELECT organisation_id, kind, valid_from, valid_to FROM {_t(OrganisationAttribute)}", [], FRAME_SCHEMAS["attributes"])
    affiliations = read_frame(f"SELECT source_id, target_id, kind, valid_from, valid_to FROM {_t(Affiliation)}", [], FRAME_SCHEMAS["affiliations"])
    projects = read_frame(
        f"""SELECT id, performer_id, priority_direction, trl_start, trl_target, trl_reached, start_date, end_date, status
            FROM {_t(Project)}""",
        [],
        {k: v for k, v in FRAME_SCHEMAS["projects"].items() if k != "acceptance_act"},
    ).with_columns(pl.lit(None, dtype=pl.Boolean).alias("acceptance_act"))  # acceptance acts are not recorded yet
    base_figures = read_frame(
        f"""SELECT f.right_id, r.holder_id, f.year, f.base_type, {tiyn_sql('f.amount')}, f.note
            FROM {_t(BaseFigure)} f JOIN {_t(SubsoilRight)} r ON r.id = f.right_id
            WHERE f.status = 'accepted'{holder_filter.replace(' WHERE', ' AND')}""",
        holder_params,
        FRAME_SCHEMAS["base_figures"],
    ).with_columns(pl.col("note").fill_null(""))
    transfers = read_frame(
        f"""SELECT id, payer_id, right_id, order_number, paid_on, {tiyn_sql('amount')}, for_year, treasury_confirmed, source_submission
            FROM {_t(BudgetTransfer)}""" + (" WHERE payer_id = %s" if payer_id is not None else ""),
        holder_params,
        {
            "transfer_id": pl.Int64, "payer_id": pl.Int64, "right_id": pl.Int64, "order_number": pl.Utf8, "paid_on": pl.Date,
            "amount": pl.Int64, "for_year": pl.Int32, "treasury_confirmed": pl.Boolean, "source_submission": pl.Int64,
        },
    ).with_columns(pl.coalesce(pl.col("for_year"), pl.col("paid_on").dt.year()).cast(pl.Int32).alias("year"))

    return Frames.build(
        as_of,
        payments=payments, agreements=agreements, organisations=organisations, attributes=attributes,
        affiliations=affiliations, projects=projects, right_years=right_years, base_figures=base_figures, transfers=transfers,
    )
