"""Risk scores 0–100 from flags, each with the contributions that explain it.

A subject's score combines the indicators that fired on it (or on what it is made of) like
independent signals: ``score = 100 × (1 − Π (1 − w_i / 100))`` over its distinct indicators,
where ``w_i`` is the indicator's severity weight times its *materiality* for that subject:

* a flag on the subject itself (a payment's own flag; a right-year's or payer-year's flag for its
  subsoil-user-year; an agreement's own flag) is fully material (1);
* flags on the parts of a larger subject (the payments of an agreement, the payments and
  agreements of a performer or of a subsoil-user-year) count by the share of money they touch:
  ``materiality = min(1, max(floor, flagged amount / (full_share × total)))`` — with the defaults,
  2 % of a subsoil user's yearly spending flagged by an indicator counts fully, and any flag counts
  at least 10 %.

The contributions are listed from the largest weight down, each with the points it adds, so that
the points add up to the score ("why is this company at 87").
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

__all__ = ["score", "SCORE_SCHEMA", "DEFAULTS"]

DEFAULTS = {"full_share": 0.02, "floor": 0.10}
SCORE_SCHEMA = {
    "subject_type": pl.Utf8, "subject_id": pl.Int64, "year": pl.Int32, "payer_id": pl.Int64,
    "score": pl.Int32, "flags": pl.Int64, "amount": pl.Int64, "contributions": pl.Utf8,
}


def _combine(parts: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Per key: noisy-OR score and its ordered contributions (``parts``: keys, indicator, w, flags, amount, materiality)."""
    if parts.height == 0:
        return pl.DataFrame(schema={**{k: pl.Int64 for k in keys}, "score": pl.Int32, "flags": pl.Int64, "amount": pl.Int64, "contributions": pl.Utf8})
    ranked = (
        parts.sort([*keys, "w", "indicator"], descending=[*([False] * len(keys)), True, False])
        .with_columns((1.0 - pl.col("w") / 100.0).cum_prod().over(keys).alias("_rest"))
        .with_columns((100.0 * (pl.col("_rest").shift(1, fill_value=1.0).over(keys) - pl.col("_rest"))).alias("points"))
    )
    contributions = pl.struct(
        pl.col("indicator"), pl.col("weight"), pl.col("materiality").round(3), pl.col("flags"),
        pl.col("amount").alias("amount_tiyn"), pl.col("points").round(1),
    )
    return ranked.group_by(keys, maintain_order=True).agg(
        (100.0 * (1.0 - pl.col("_rest").last())).round(0).cast(pl.Int32).alias("score"),
        pl.col("flags").sum().alias("flags"),
        pl.col("amount").sum().alias("amount"),
        contributions.alias("contributions"),
    ).with_columns(pl.col("contributions").list.eval(pl.element().struct.json_encode()).list.join(",").map_elements(lambda s: f"[{s}]", return_dtype=pl.Utf8))


def _material(frame: pl.DataFrame, total: str, params: Mapping[str, float]) -> pl.Expr:
    share = pl.col("amount").fill_null(0) / (params["full_share"] * pl.col(total).cast(pl.Float64))
    return pl.when(pl.col(total).fill_null(0) <= 0).then(1.0).otherwise(share.clip(params["floor"], 1.0))


def score(flags: pl.DataFrame, weights: Mapping[str, int], payments: pl.DataFrame, agreements: pl.DataFrame, params: Mapping[str, float] | None = None) -> pl.DataFrame:
    """Scores of payments, agreements, performers and subsoil-user-years (:data:`SCORE_SCHEMA`).

    ``flags``: indicator, subject_type, subject_id, year, payer_id, amount (tiyn, may be null).
    ``payments`` and ``agreements`` are the run's input frames (to place each flag and to size it).
    """
    p = {**DEFAULTS, **(params or {})}
    flags = flags.with_columns(pl.col("indicator").replace_strict(dict(weights), return_dtype=pl.Int64).alias("weight"))
    pay = payments.select("payment_id", "agreement_id", "performer_id", "payer_id", "year", "amount")
    agr_year = agreements.select("agreement_id", "performer_id", "payer_id", pl.col("signed_on").dt.year().cast(pl.Int32).alias("year"))

    on_payment = flags.filter(pl.col("subject_type") == "payment").join(
        pay.select("payment_id", "agreement_id", "performer_id", pl.col("year").alias("pyear"), pl.col("amount").alias("paid")),
        left_on="subject_id", right_on="payment_id", how="inner",
    ).with_columns(pl.col("amount").fill_null(pl.col("paid")), pl.col("pyear").alias("year"))
    on_agreement = flags.filter(pl.col("subject_type") == "agreement").join(
        agr_year.select("agreement_id", "performer_id", pl.col("year").alias("ayear")), left_on="subject_id", right_on="agreement_id", how="inner",
    ).with_columns(pl.col("subject_id").alias("agreement_id"), pl.col("ayear").alias("year"))

    def grouped(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
        return frame.group_by([*keys, "indicator", "weight"]).agg(pl.len().cast(pl.Int64).alias("flags"), pl.col("amount").sum().alias("amount"))

    out = []
    # Payments: their own flags.
    g = grouped(on_payment, ["subject_id", "payer_id", "year"]).with_columns(pl.lit(1.0).alias("materiality"))
    out.append(_combine(g.with_columns((pl.col("weight") * pl.col("materiality")).alias("w")), ["subject_id", "payer_id", "year"]).with_columns(pl.lit("payment").alias("subject_type")))

    # Agreements: own flags fully, their payments' flags by the share of the agreement's payments.
    paid_by_agreement = pay.group_by("agreement_id").agg(pl.col("amount").sum().alias("total"))
    own = grouped(on_agreement, ["agreement_id", "payer_id"]).with_columns(pl.lit(1.0).alias("materiality"))
    parts = grouped(on_payment, ["agreement_id", "payer_id"]).join(paid_by_agreement, on="agreement_id", how="left")
    parts = parts.with_columns(_material(parts, "total", p).alias("materiality")).drop("total")
    agreements_g = pl.concat([own, parts], how="diagonal_relaxed").group_by(["agreement_id", "payer_id", "indicator", "weight"]).agg(
        pl.col("flags").sum(), pl.col("amount").sum(), pl.col("materiality").max()
    )
    out.append(
        _combine(agreements_g.with_columns((pl.col("weight") * pl.col("materiality")).alias("w")), ["agreement_id", "payer_id"])
        .rename({"agreement_id": "subject_id"}).with_columns(pl.lit("agreement").alias("subject_type"), pl.lit(None, dtype=pl.Int32).alias("year"))
    )

    # Performers: flags on the payments and agreements they received, by share of all they received; own flags fully.
    received = pay.group_by("performer_id").agg(pl.col("amount").sum().alias("total"))
    parts = pl.concat([grouped(on_payment, ["performer_id"]), grouped(on_agreement, ["performer_id"])], how="diagonal_relaxed").join(received, on="performer_id", how="left")
    parts = parts.with_columns(_material(parts, "total", p).alias("materiality")).drop("total")
    own = grouped(flags.filter(pl.col("subject_type") == "performer").rename({"subject_id": "performer_id"}), ["performer_id"]).with_columns(pl.lit(1.0).alias("materiality"))
    performers_g = pl.concat([parts, own], how="diagonal_relaxed").group_by(["performer_id", "indicator", "weight"]).agg(
        pl.col("flags").sum(), pl.col("amount").sum(), pl.col("materiality").max()
    )
    out.append(
        _combine(performers_g.with_columns((pl.col("weight") * pl.col("materiality")).alias("w")), ["performer_id"])
        .rename({"performer_id": "subject_id"})
        .with_columns(pl.lit("performer").alias("subject_type"), pl.lit(None, dtype=pl.Int32).alias("year"), pl.lit(None, dtype=pl.Int64).alias("payer_id"))
    )

    # Subsoil-user-years: year flags fully; payment and agreement flags by share of the year's spending.
    spent = pay.group_by("payer_id", "year").agg(pl.col("amount").sum().alias("total"))
    parts = pl.concat([grouped(on_payment, ["payer_id", "year"]), grouped(on_agreement, ["payer_id", "year"])], how="diagonal_relaxed").join(spent, on=["payer_id", "year"], how="left")
    parts = parts.with_columns(_material(parts, "total", p).alias("materiality")).drop("total")
    own = grouped(flags.filter(pl.col("subject_type").is_in(["payer_year", "right_year"])), ["payer_id", "year"]).with_columns(pl.lit(1.0).alias("materiality"))
    years_g = pl.concat([parts, own], how="diagonal_relaxed").filter(pl.col("payer_id").is_not_null() & pl.col("year").is_not_null()).group_by(
        ["payer_id", "year", "indicator", "weight"]
    ).agg(pl.col("flags").sum(), pl.col("amount").sum(), pl.col("materiality").max())
    out.append(
        _combine(years_g.with_columns((pl.col("weight") * pl.col("materiality")).alias("w")), ["payer_id", "year"])
        .with_columns(pl.col("payer_id").alias("subject_id"), pl.lit("payer_year").alias("subject_type"))
    )
    return pl.concat([o.select([pl.col(c).cast(t) for c, t in SCORE_SCHEMA.items()]) for o in out])
