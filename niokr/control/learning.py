"""A queue that learns from auditors' verdicts: which open flag would an auditor confirm?

**Labels.** Every item of a closed audit case that was confirmed (1) or dismissed (0); an item
decided in several cases counts once, by its latest decision.

**Features** of a flag, all as of the flag's date — the end of the year it concerns (a payment's,
an agreement's, a subsoil-user-year's …), when that year can be audited whole:

* its indicator (one column per code) and the indicator's weight; its subject type;
* its subject's rule-based risk score (:mod:`niokr.control.indicators.risk`; the indicator's weight
  where the subject has no score);
* the amount at stake and its materiality: the share of the subsoil user's R&D spending of the year (at most 1);
* how many other indicators flagged the same subject, and the same subsoil user in the same year;
* the subsoil user's prior record: items confirmed and dismissed in its cases **closed before the
  flag's date, on earlier years** — never a verdict from the flag's own year or later, so no label
  reaches back from the future (its own verdict included);
* the performer's kind and the years from its registration to the flag's date, where the flag has one.

The co-flags and risk scores are read from the current runs: they are the engine's findings about
the flag's own year, not verdicts.

**Models.** A logistic regression and a gradient-boosted classifier (scikit-learn, ADR 11), both
measured on a **time split**: fitted on the verdicts of the earlier years, tested on the later
years (the latest years holding about a third of the verdicts, or from ``split_year``). The
figures are precision at 20 and at 100 — of the first 20 and 100 flags in each order, the share
auditors confirmed — for both models and for the rule-based risk score on the same flags (ties
broken alike: the larger amount, then the earlier row).

**The kept model** is the logistic regression, refitted on every verdict: stored as numbers in one
:class:`~niokr.control.models.VerdictModel` row (the previous one is replaced), applied without
scikit-learn, and explained exactly — a flag's log-odds are the average flag's plus each feature's
contribution ``coefficient × (value − average value)``; the reasons shown are the three largest
contributions, grouped by feature (an indicator's columns are one reason). The boosted model is
measured beside it only: its per-flag attribution would need an approximation (scikit-learn
offers none), and a kept tree ensemble would be a pickle.

Every current flag has a :class:`~niokr.control.models.FlagPriority` row, written with its run
(:func:`rank_run`) and rewritten when a model is fitted (:func:`learn`): its subject's risk score,
and the learned probability with its reasons. :func:`queue` orders flags by either; a flag without a
probability is listed after those with one, never left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

__all__ = [
    "NUMERIC", "CATEGORIES", "ORDERS", "NotEnoughVerdicts", "features", "time_split", "precision_at", "ranking", "fit_spec", "predict",
    "explain", "evaluate", "learn", "rank_run", "queue", "kept_model", "reason_lines", "labelled_rows", "flag_features",
]

#: The numeric features (after :func:`_transformed`) and the reason each belongs to.
NUMERIC = {
    "weight": "weight", "rule_score": "rule_score", "log_amount": "amount", "amount_known": "amount", "share": "amount",
    "co_subject": "co_subject", "co_payer_year": "co_payer_year", "prior_items": "prior", "prior_rate": "prior",
    "performer_known": "performer_age", "performer_age": "performer_age",
}
#: The categorical features: one column per value seen in the fit.
CATEGORIES = ("indicator", "subject_type", "performer_kind")
#: The queue's orders: the rule-based risk score (default), the learned probability, the amount at stake.
ORDERS = ("risk", "learned", "amount")
#: Fewest verdicts (and of each kind) a model is fitted on.
MIN_LABELS, MIN_EACH = 30, 5
#: Reasons kept per flag, and the smallest contribution (log-odds) worth saying.
REASONS, MIN_EFFECT = 3, 0.05

ROW_SCHEMA = {
    "row_id": pl.Int64, "indicator": pl.Utf8, "subject_type": pl.Utf8, "subject_id": pl.Int64, "key_year": pl.Int32, "year": pl.Int32,
    "payer_id": pl.Int64, "amount": pl.Int64, "performer_id": pl.Int64, "weight": pl.Int32, "rule_score": pl.Int32,
}
COFLAG_SCHEMA = {"indicator": pl.Utf8, "subject_type": pl.Utf8, "subject_id": pl.Int64, "key_year": pl.Int32, "year": pl.Int32, "payer_id": pl.Int64}
VERDICT_SCHEMA = {"payer_id": pl.Int64, "year": pl.Int32, "closed_on": pl.Date, "confirmed": pl.Boolean}
SPENDING_SCHEMA = {"payer_id": pl.Int64, "year": pl.Int32, "total": pl.Int64}
PERFORMER_SCHEMA = {"performer_id": pl.Int64, "performer_kind": pl.Utf8, "registered_on": pl.Date}


class NotEnoughVerdicts(ValueError):
    """Too few confirmed and dismissed flags to fit or measure a model."""


# --------------------------------------------------------------------------------------------
# Features (pure: frames in, frame out)


def _frame(rows, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """``rows`` (a frame, dicts or tuples in the schema's order) as a frame of exactly ``schema``."""
    if isinstance(rows, pl.DataFrame):
        return rows.select([pl.col(c).cast(t) for c, t in schema.items()])
    rows = list(rows)
    if rows and isinstance(rows[0], Mapping):
        return pl.DataFrame({c: [r.get(c) for r in rows] for c in schema}, schema=dict(schema))
    return pl.DataFrame(rows, schema=dict(schema), orient="row")


def features(rows, *, coflags, spending, verdicts, performers) -> pl.DataFrame:
    """The raw features of ``rows`` (:data:`ROW_SCHEMA`), one output row per input row, in order.

    ``coflags``: the current flags (:data:`COFLAG_SCHEMA`); ``spending``: R&D spending per subsoil
    user and year in tiyn; ``verdicts``: decided items with their subsoil user, year, the date their
    case closed and whether confirmed; ``performers``: kind and registration date. A flag's date is
    the end of its ``year``; its prior record counts verdicts on earlier years closed by then.
    """
    rows = _frame(rows, ROW_SCHEMA).with_columns(pl.int_range(pl.len()).alias("_order"), pl.col("key_year").fill_null(-1).alias("_ky"))
    co = _frame(coflags, COFLAG_SCHEMA).with_columns(pl.col("key_year").fill_null(-1).alias("_ky"))
    same = co.group_by("subject_type", "subject_id", "_ky").agg(pl.col("indicator").unique().alias("_same"))
    year = co.filter(pl.col("payer_id").is_not_null()).group_by("payer_id", "year").agg(pl.col("indicator").unique().alias("_year"))
    out = rows.join(same, on=["subject_type", "subject_id", "_ky"], how="left").join(year, on=["payer_id", "year"], how="left")

    def others(col: str) -> pl.Expr:
        listed = pl.col(col).fill_null(pl.lit([], dtype=pl.List(pl.Utf8)))
        return (listed.list.len() - listed.list.contains(pl.col("indicator")).cast(pl.UInt32)).cast(pl.Int64)

    out = out.with_columns(others("_same").alias("co_subject"), others("_year").alias("co_payer_year"))

    pairs = out.select("payer_id", "year").unique().filter(pl.col("payer_id").is_not_null())
    v = _frame(verdicts, VERDICT_SCHEMA).rename({"year": "v_year"})
    prior = (
        pairs.join(v, on="payer_id", how="inner")
        .filter((pl.col("v_year") < pl.col("year")) & (pl.col("closed_on") <= pl.date(pl.col("year"), 12, 31)))
        .group_by("payer_id", "year")
        .agg(pl.col("confirmed").sum().cast(pl.Int64).alias("prior_confirmed"), (~pl.col("confirmed")).sum().cast(pl.Int64).alias("prior_dismissed"))
    )
    out = out.join(prior, on=["payer_id", "year"], how="left").with_columns(pl.col("prior_confirmed").fill_null(0), pl.col("prior_dismissed").fill_null(0))

    out = out.join(_frame(spending, SPENDING_SCHEMA), on=["payer_id", "year"], how="left").with_columns(
        pl.when((pl.col("total") > 0) & pl.col("amount").is_not_null()).then((pl.col("amount") / pl.col("total")).clip(0.0, 1.0)).otherwise(None).alias("share")
    )
    out = out.join(_frame(performers, PERFORMER_SCHEMA), on="performer_id", how="left").with_columns(
        pl.col("performer_kind").fill_null(""),
        pl.when(pl.col("registered_on").is_not_null())
        .then(((pl.date(pl.col("year"), 12, 31) - pl.col("registered_on")).dt.total_days() / 365.25).clip(0.0, None))
        .otherwise(None).alias("performer_age"),
    )
    return out.sort("_order").select(
        "row_id", "indicator", "subject_type", "performer_kind", "year", "weight", "rule_score", "amount", "share",
        "co_subject", "co_payer_year", "prior_confirmed", "prior_dismissed", "performer_age",
    )


def _transformed(raw: pl.DataFrame) -> dict[str, np.ndarray]:
    """The numeric features as the models read them (logs and shares; an unknown value is 0 with its flag 0)."""
    amount = raw["amount"].cast(pl.Float64).to_numpy()
    share = raw["share"].cast(pl.Float64).to_numpy()
    age = raw["performer_age"].cast(pl.Float64).to_numpy()
    confirmed = raw["prior_confirmed"].to_numpy().astype(float)
    dismissed = raw["prior_dismissed"].to_numpy().astype(float)
    known = ~np.isnan(amount)
    share_known = ~np.isnan(share)
    age_known = ~np.isnan(age)
    return {
        "weight": raw["weight"].to_numpy().astype(float) / 100.0,
        "rule_score": raw["rule_score"].to_numpy().astype(float) / 100.0,
        "log_amount": np.where(known, np.log10(1.0 + np.nan_to_num(np.maximum(amount, 0.0)) / 100.0), 0.0),
        "amount_known": known.astype(float),
        "share": np.where(share_known, np.log10(np.clip(np.nan_to_num(share), 1e-5, 1.0)) + 5.0, 0.0),
        "co_subject": raw["co_subject"].to_numpy().astype(float),
        "co_payer_year": np.log1p(raw["co_payer_year"].to_numpy().astype(float)),
        "prior_items": np.log1p(confirmed + dismissed),
        "prior_rate": (confirmed + 1.0) / (confirmed + dismissed + 2.0) - 0.5,
        "performer_known": age_known.astype(float),
        "performer_age": np.where(age_known, np.log1p(np.nan_to_num(age)), 0.0),
    }


def _columns(raw: pl.DataFrame) -> list[str]:
    """The design's columns for a fit on ``raw``: the numeric features, then ``<category>=<value>`` for each value seen."""
    cols = list(NUMERIC)
    for cat in CATEGORIES:
        cols += [f"{cat}={v}" for v in sorted(set(raw[cat].to_list()))]
    return cols


def _design(raw: pl.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The unscaled design matrix of ``raw`` over ``columns`` (a value unseen in the fit has no column: all zeros)."""
    numeric = _transformed(raw)
    cats = {c: np.asarray(raw[c].to_list(), dtype=object) for c in CATEGORIES}
    out = np.zeros((raw.height, len(columns)))
    for j, col in enumerate(columns):
        if col in numeric:
            out[:, j] = numeric[col]
        else:
            cat, _, value = col.partition("=")
            out[:, j] = cats[cat] == value
    return out


def _group(col: str) -> str:
    return NUMERIC.get(col) or col.partition("=")[0]


# --------------------------------------------------------------------------------------------
# The time split, the measures, the models


def time_split(years: Sequence[int], *, split_year: int | None = None, test_share: float = 1 / 3) -> tuple[np.ndarray, np.ndarray, int]:
    """Masks (train, test) of rows by year, and the first test year.

    Test: the rows of ``split_year`` and later; by default the latest years, added from the last
    back while the test rows are fewer than ``test_share`` of all; at least one year stays for the fit.
    """
    years = np.asarray(years, dtype=int)
    distinct = sorted(set(years.tolist()))
    if len(distinct) < 2:
        raise NotEnoughVerdicts("the verdicts span one year: a time split needs at least two")
    if split_year is None:
        split_year = distinct[-1]
        for y in reversed(distinct[1:]):
            split_year = y
            if (years >= y).sum() >= test_share * len(years):
                break
    test = years >= split_year
    train = ~test
    if not train.any() or not test.any():
        raise NotEnoughVerdicts(f"the split at {split_year} leaves no verdicts on one side")
    return train, test, int(split_year)


def ranking(scores: Sequence[float], amounts: Sequence[float | None], row_ids: Sequence[int]) -> np.ndarray:
    """Row positions from the highest score; ties by the larger amount, then the smaller row id (the queue's order)."""
    amount = np.asarray([-1.0 if a is None or (isinstance(a, float) and math.isnan(a)) else float(a) for a in amounts])
    return np.lexsort((np.asarray(row_ids), -amount, -np.asarray(scores, dtype=float)))


def precision_at(order: np.ndarray, labels: Sequence[int], k: int) -> float | None:
    """The share of confirmed among the first ``k`` of ``order`` (all of them if fewer)."""
    labels = np.asarray(labels)
    if len(order) == 0:
        return None
    return float(labels[order[: min(k, len(order))]].mean())


@dataclass
class Spec:
    """A fitted logistic regression as numbers (``VerdictModel.spec``)."""

    columns: list[str]
    center: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    means: list[float]

    def as_dict(self) -> dict:
        return {"columns": self.columns, "center": self.center, "scale": self.scale, "coef": self.coef, "intercept": self.intercept, "means": self.means}

    @classmethod
    def from_dict(cls, data: Mapping) -> Spec:
        return cls(**{k: data[k] for k in ("columns", "center", "scale", "coef", "intercept", "means")})

    def standardised(self, raw: pl.DataFrame) -> np.ndarray:
        return (_design(raw, self.columns) - np.asarray(self.center)) / np.asarray(self.scale)


def _standardisation(x: np.ndarray, columns: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Numeric columns centred and scaled to unit spread; indicator columns (0/1) kept as they are."""
    center = np.zeros(x.shape[1])
    scale = np.ones(x.shape[1])
    for j, col in enumerate(columns):
        if col in NUMERIC:
            center[j] = x[:, j].mean()
            spread = x[:, j].std()
            scale[j] = spread if spread > 1e-9 else 1.0
    return center, scale


def fit_spec(raw: pl.DataFrame, y: Sequence[int]) -> Spec:
    """Fit the logistic regression on ``raw`` features and labels ``y``."""
    from sklearn.linear_model import LogisticRegression

    columns = _columns(raw)
    x = _design(raw, columns)
    center, scale = _standardisation(x, columns)
    z = (x - center) / scale
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(z, np.asarray(y))
    return Spec(columns, center.tolist(), scale.tolist(), model.coef_[0].tolist(), float(model.intercept_[0]), z.mean(axis=0).tolist())


def predict(spec: Spec, raw: pl.DataFrame) -> np.ndarray:
    """The probability of confirmation of each row of ``raw``."""
    if raw.height == 0:
        return np.zeros(0)
    logit = spec.standardised(raw) @ np.asarray(spec.coef) + spec.intercept
    return 1.0 / (1.0 + np.exp(-logit))


def explain(spec: Spec, raw: pl.DataFrame, *, top: int = REASONS) -> list[list[dict]]:
    """Per row, its largest contributions (log-odds against the average flag), grouped by reason, with the facts they read."""
    if raw.height == 0:
        return []
    parts = (spec.standardised(raw) - np.asarray(spec.means)) * np.asarray(spec.coef)
    groups: dict[str, list[int]] = {}
    for j, col in enumerate(spec.columns):
        groups.setdefault(_group(col), []).append(j)
    names = list(groups)
    summed = np.stack([parts[:, idx].sum(axis=1) for idx in groups.values()], axis=1)
    records = raw.to_dicts()
    out = []
    for i, record in enumerate(records):
        order = np.argsort(-np.abs(summed[i]), kind="stable")
        reasons = []
        for g in order[:top]:
            effect = float(summed[i, g])
            if abs(effect) < MIN_EFFECT:
                break
            reasons.append({"reason": names[g], "effect": round(effect, 2), **_facts(names[g], record)})
        out.append(reasons)
    return out


def _facts(reason: str, r: Mapping) -> dict:
    """What a reason's sentence reads (no row ids: codes, counts, money and shares)."""
    if reason == "indicator":
        return {"code": r["indicator"]}
    if reason == "subject_type":
        return {"subject_type": r["subject_type"]}
    if reason == "performer_kind":
        return {"kind": r["performer_kind"]}
    if reason == "weight":
        return {"weight": r["weight"]}
    if reason == "rule_score":
        return {"score": r["rule_score"]}
    if reason == "amount":
        return {"amount_tiyn": r["amount"], "share": None if r["share"] is None else round(float(r["share"]), 6)}
    if reason == "co_subject":
        return {"count": r["co_subject"]}
    if reason == "co_payer_year":
        return {"count": r["co_payer_year"], "year": r["year"]}
    if reason == "prior":
        return {"confirmed": r["prior_confirmed"], "dismissed": r["prior_dismissed"]}
    if reason == "performer_age":
        return {"years": None if r["performer_age"] is None else round(float(r["performer_age"]), 1), "performer": bool(r["performer_kind"])}
    return {}


def _boosting():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(learning_rate=0.05, max_iter=300, max_leaf_nodes=15, min_samples_leaf=20, l2_regularization=1.0, early_stopping=False, random_state=0)


def evaluate(raw: pl.DataFrame, y: Sequence[int], *, split_year: int | None = None, ks: Iterable[int] = (20, 100)) -> dict:
    """Fit both models on the earlier years of ``raw`` and measure them and the risk score on the later years."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(y, dtype=int)
    train, test, first = time_split(raw["year"].to_list(), split_year=split_year)
    if y[train].sum() < MIN_EACH or (1 - y[train]).sum() < MIN_EACH:
        raise NotEnoughVerdicts("the earlier years hold too few confirmed or dismissed verdicts to fit on")
    fit, held = raw.filter(pl.Series(train)), raw.filter(pl.Series(test))
    spec = fit_spec(fit, y[train])
    columns = spec.columns
    boost = _boosting().fit(_design(fit, columns), y[train])
    scores = {
        "logistic": predict(spec, held),
        "boosting": boost.predict_proba(_design(held, columns))[:, 1],
        "rule": held["rule_score"].cast(pl.Float64).to_numpy(),
    }
    amounts = held["amount"].to_list()
    ids = held["row_id"].to_list()
    labels = y[test]
    both = 0 < labels.sum() < len(labels)
    years = raw["year"].to_numpy()
    result = {
        "split_year": first,
        "train_years": [int(years[train].min()), int(years[train].max())],
        "test_years": [int(years[test].min()), int(years[test].max())],
        "train": int(train.sum()), "train_confirmed": int(y[train].sum()),
        "test": int(test.sum()), "test_confirmed": int(labels.sum()),
        "base_rate": round(float(labels.mean()), 4),
        "models": {},
    }
    for name, s in scores.items():
        order = ranking(s, amounts, ids)
        row = {f"p{k}": round(precision_at(order, labels, k), 4) for k in ks}
        row["auc"] = round(float(roc_auc_score(labels, s)), 4) if both else None
        result["models"][name] = row
    return result


# --------------------------------------------------------------------------------------------
# Reading the database


def _tiyn(value) -> int | None:
    return None if value is None else int(round(value * 100))


def _chunks(ids: Sequence[int], n: int = 5000):
    ids = list(ids)
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def _resolve(rows: list[dict], today: date) -> None:
    """Give each row its year (its own, else its subject's date) and its performer, in place."""
    from niokr.projects.models import AgendaItem, Agreement, Payment, Project

    by_type: dict[str, set[int]] = {}
    for r in rows:
        by_type.setdefault(r["subject_type"], set()).add(r["subject_id"])
    facts: dict[tuple[str, int], tuple[int | None, int | None]] = {}
    for ids in _chunks(sorted(by_type.get("payment", ()))):
        for pk, paid_on, for_year, performer in Payment.objects.filter(pk__in=ids).values_list("pk", "paid_on", "for_year", "agreement__performer_id"):
            facts[("payment", pk)] = (for_year or paid_on.year, performer)
    for ids in _chunks(sorted(by_type.get("agreement", ()))):
        for pk, signed_on, performer in Agreement.objects.filter(pk__in=ids).values_list("pk", "signed_on", "performer_id"):
            facts[("agreement", pk)] = (signed_on.year, performer)
    for ids in _chunks(sorted(by_type.get("project", ()))):
        for pk, end, performer in Project.objects.filter(pk__in=ids).values_list("pk", "end_date", "performer_id"):
            facts[("project", pk)] = (min(end.year, today.year), performer)
    for ids in _chunks(sorted(by_type.get("council_decision", ()))):
        for pk, held_on in AgendaItem.objects.filter(pk__in=ids).values_list("pk", "session__held_on"):
            facts[("council_decision", pk)] = (held_on.year, None)
    for r in rows:
        year, performer = facts.get((r["subject_type"], r["subject_id"]), (None, None))
        if r["subject_type"] == "performer":
            performer = r["subject_id"]
        r["key_year"] = r["year"]
        r["year"] = r["year"] if r["year"] is not None else (year if year is not None else today.year)
        r["performer_id"] = performer


def _weights() -> dict[str, int]:
    from niokr.control.indicators import catalogue

    return {i.code: i.weight for i in catalogue()}


def _rule_scores(rows: list[dict], scores: Iterable[tuple], weights: Mapping[str, int]) -> None:
    """Each row's rule score: its subject's risk score (a year subject: its subsoil-user-year's), else its indicator's weight."""
    by_subject: dict[tuple, int] = {}
    for stype, sid, year, payer, score in scores:
        if stype == "payer_year":
            by_subject[("payer_year", payer, year)] = score
        else:
            by_subject[(stype, sid, None)] = score
    for r in rows:
        if r["subject_type"] in ("payer_year", "right_year"):
            key = ("payer_year", r["payer_id"], r["key_year"])
        else:
            key = (r["subject_type"], r["subject_id"], None)
        r["weight"] = weights.get(r["indicator"], 50)
        r["rule_score"] = by_subject.get(key, r["weight"])


def _flag_rows(queryset, today: date) -> list[dict]:
    rows = [
        {"row_id": pk, "run_id": run, "indicator": ind, "subject_type": st, "subject_id": sid, "year": year, "payer_id": payer, "amount": _tiyn(amount)}
        for pk, run, ind, st, sid, year, payer, amount in queryset.values_list("pk", "run_id", "indicator", "subject_type", "subject_id", "year", "payer_id", "amount").order_by("pk")
    ]
    _resolve(rows, today)
    return rows


def labelled_rows(today: date) -> tuple[list[dict], list[int], list[date]]:
    """The decided items of closed cases (latest decision per flag): rows, labels and the dates their cases closed."""
    from django.utils import timezone

    from niokr.control.choices import CaseStatus, ItemDecision
    from niokr.control.models import CaseItem

    items = (
        CaseItem.objects.filter(case__status__in=CaseStatus.closed(), decision__in=(ItemDecision.CONFIRMED, ItemDecision.DISMISSED), case__closed_at__isnull=False)
        .values_list("pk", "indicator", "subject_type", "subject_id", "year", "case__payer_id", "amount", "decision", "case__closed_at")
        .order_by("case__closed_at", "pk")
    )
    latest: dict[tuple, tuple] = {}
    for item in items:
        latest[(item[1], item[2], item[3], item[4])] = item  # a later decision on the same flag replaces the earlier
    rows, labels, closed = [], [], []
    for pk, ind, st, sid, year, payer, amount, decision, closed_at in sorted(latest.values(), key=lambda i: i[0]):
        rows.append({"row_id": pk, "indicator": ind, "subject_type": st, "subject_id": sid, "year": year, "payer_id": payer, "amount": _tiyn(amount)})
        labels.append(1 if decision == ItemDecision.CONFIRMED else 0)
        closed.append(timezone.localtime(closed_at).date())
    _resolve(rows, today)
    return rows, labels, closed


def _context(rows: list[dict], coflag_rows: list[dict], verdict_rows: list[dict], verdict_labels: list[int], verdict_closed: list[date]) -> dict:
    """The frames :func:`features` reads, for ``rows``."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce, ExtractYear

    from niokr.projects.models import Payment
    from niokr.registry.models import Organisation

    payers = sorted({r["payer_id"] for r in rows if r["payer_id"] is not None})
    spending = []
    for ids in _chunks(payers, 1000):
        spending += [
            (p, y, _tiyn(total) or 0)
            for p, y, total in Payment.objects.filter(agreement__payer_id__in=ids).annotate(credited=Coalesce("for_year", ExtractYear("paid_on")))
            .values_list("agreement__payer_id", "credited").annotate(total=Sum("amount")).values_list("agreement__payer_id", "credited", "total")
        ]
    performers = []
    for ids in _chunks(sorted({r["performer_id"] for r in rows if r["performer_id"] is not None})):
        performers += list(Organisation.objects.filter(pk__in=ids).values_list("pk", "kind", "registered_on"))
    return {
        "coflags": [(r["indicator"], r["subject_type"], r["subject_id"], r["key_year"], r["year"], r["payer_id"]) for r in coflag_rows],
        "spending": spending,
        "verdicts": [(r["payer_id"], r["year"], c, bool(y)) for r, y, c in zip(verdict_rows, verdict_labels, verdict_closed, strict=True)],
        "performers": performers,
    }


def _current_scores():
    from niokr.control.models import RiskScore

    return RiskScore.objects.current().values_list("subject_type", "subject_id", "year", "payer_id", "score")


def kept_model():
    """The model the queue uses now (``None``: none fitted)."""
    from niokr.control.models import VerdictModel

    return VerdictModel.objects.order_by("-id").first()


@dataclass
class Learned:
    """What :func:`learn` did: the figures of the time split, the model kept (``None`` when only measuring) and the flags it scored."""

    evaluation: dict
    model: object | None
    scored: int
    labels: int
    confirmed: int


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


def learn(*, split_year: int | None = None, keep: bool = True) -> Learned:
    """Measure both models on the time split and (``keep``) fit the kept one on every verdict and score the current flags."""
    from django.db import transaction

    from niokr.control.models import Flag, VerdictModel

    today = _today()
    rows, labels, closed = labelled_rows(today)
    confirmed = sum(labels)
    if len(labels) < MIN_LABELS or confirmed < MIN_EACH or len(labels) - confirmed < MIN_EACH:
        raise NotEnoughVerdicts(
            f"{len(labels)} decided flags in closed cases ({confirmed} confirmed): a model needs at least {MIN_LABELS}, and {MIN_EACH} of each kind"
        )
    weights = _weights()
    current = _flag_rows(Flag.objects.current(), today)
    scores = list(_current_scores())
    _rule_scores(rows, scores, weights)
    raw = features(rows, **_context(rows, current, rows, labels, closed))
    evaluation = evaluate(raw, labels, split_year=split_year)
    if not keep:
        return Learned(evaluation, None, 0, len(labels), confirmed)
    spec = fit_spec(raw, labels)
    with transaction.atomic():
        VerdictModel.objects.all().delete()
        model = VerdictModel.objects.create(labels=len(labels), confirmed=confirmed, spec=spec.as_dict(), evaluation=evaluation)
        scored = _write_priorities(current, model, scores, weights, rows, labels, closed)
    return Learned(evaluation, model, scored, len(labels), confirmed)


def _write_priorities(flag_rows: list[dict], model, scores, weights, verdict_rows, verdict_labels, verdict_closed, coflags: list[dict] | None = None) -> int:
    """Replace the priority rows of ``flag_rows`` (rule score, and with ``model`` the probability and reasons)."""
    from niokr.control.models import FlagPriority

    if not flag_rows:
        return 0
    _rule_scores(flag_rows, scores, weights)
    probabilities: list[float | None] = [None] * len(flag_rows)
    reasons: list[list] = [[] for _ in flag_rows]
    if model is not None:
        spec = Spec.from_dict(model.spec)
        raw = features(flag_rows, **_context(flag_rows, coflags if coflags is not None else flag_rows, verdict_rows, verdict_labels, verdict_closed))
        probabilities = [round(float(p), 4) for p in predict(spec, raw)]
        reasons = explain(spec, raw)
    for ids in _chunks([r["row_id"] for r in flag_rows]):
        FlagPriority.objects.filter(flag_id__in=ids).delete()
    FlagPriority.objects.bulk_create(
        [
            FlagPriority(flag_id=r["row_id"], run_id=r["run_id"], rule_score=max(0, min(100, int(r["rule_score"]))), probability=p, reasons=why, model=model if p is not None else None)
            for r, p, why in zip(flag_rows, probabilities, reasons, strict=True)
        ],
        batch_size=2000,
    )
    return len(flag_rows) if model is not None else 0


def rank_run(run) -> int:
    """Write the queue's rows of ``run``'s flags: their subjects' risk scores and, if a model is kept, their probabilities.

    Called by the runner inside the run's write transaction, once the run is completed (current).
    """
    from niokr.control.models import Flag, RiskScore

    today = _today()
    rows = _flag_rows(Flag.objects.filter(run=run), today)
    if not rows:
        return 0
    model = kept_model()
    scores = list(RiskScore.objects.filter(run=run).values_list("subject_type", "subject_id", "year", "payer_id", "score"))
    verdicts: tuple[list, list, list] = ([], [], [])
    coflags = rows
    if model is not None:
        verdicts = labelled_rows(today)
        coflags = _flag_rows(Flag.objects.current(), today) if run.payer_id is not None else rows
    _write_priorities(rows, model, scores, _weights(), *verdicts, coflags=coflags)
    return len(rows)


def queue(queryset, order: str):
    """``queryset`` of flags in the queue's ``order`` (:data:`ORDERS`); no flag is left out by any order."""
    from django.db.models import F

    amount = F("amount").desc(nulls_last=True)
    if order == "amount":
        return queryset.order_by(amount, "indicator", "pk")
    risk = F("priority__rule_score").desc(nulls_last=True)
    if order == "learned":
        return queryset.order_by(F("priority__probability").desc(nulls_last=True), risk, amount, "indicator", "pk")
    return queryset.order_by(risk, amount, "indicator", "pk")


# --------------------------------------------------------------------------------------------
# Reading a flag's reasons


#: The sentence of each reason in kk, ru and en (``{…}`` filled in the reader's language).
REASON_TEXTS: dict[str, dict[str, str]] = {
    "indicator": {
        "kk": "Аудиторлардың «{title}» индикаторы бойынша бұрынғы шешімдері",
        "ru": "Прежние решения аудиторов по индикатору «{title}»",
        "en": "Auditors' earlier verdicts on «{title}»",
    },
    "subject_type": {"kk": "Объект: {label}", "ru": "Объект: {label}", "en": "Subject: {label}"},
    "performer_kind": {"kk": "Орындаушы: {label}", "ru": "Исполнитель: {label}", "en": "Performer: {label}"},
    "performer_kind_none": {"kk": "Орындаушысыз", "ru": "Без исполнителя", "en": "No performer"},
    "weight": {"kk": "Индикатор салмағы: {value}", "ru": "Вес индикатора: {value}", "en": "Indicator's weight: {value}"},
    "rule_score": {"kk": "Объектінің тәуекел балы: {value}", "ru": "Балл риска объекта: {value}", "en": "Risk score of the subject: {value}"},
    "amount": {"kk": "Тәуекелдегі сома: {value}", "ru": "Сумма под риском: {value}", "en": "Amount at stake: {value}"},
    "amount_share": {
        "kk": "Тәуекелдегі сома: {value}, жер қойнауын пайдаланушының жылдық ҒЗТКЖ шығыстарының {share}",
        "ru": "Сумма под риском: {value}, {share} расходов недропользователя на НИОКР за год",
        "en": "Amount at stake: {value}, {share} of the subsoil user's R&D spending of the year",
    },
    "amount_none": {"kk": "Тәуекелдегі сома көрсетілмеген", "ru": "Сумма под риском не указана", "en": "No amount at stake stated"},
    "co_subject": {"kk": "Сол объект бойынша басқа индикаторлар: {value}", "ru": "Другие индикаторы по тому же объекту: {value}", "en": "Other indicators on the same subject: {value}"},
    "co_payer_year": {
        "kk": "Жер қойнауын пайдаланушының {year} жылы бойынша басқа индикаторлар: {value}",
        "ru": "Другие индикаторы по недропользователю за {year} год: {value}",
        "en": "Other indicators on the subsoil user's year {year}: {value}",
    },
    "prior": {
        "kk": "Жер қойнауын пайдаланушының бұрынғы тексерулері: {total} позицияның {confirmed} расталды",
        "ru": "Прежние проверки недропользователя: подтверждено {confirmed} из {total} позиций",
        "en": "Earlier audits of the subsoil user: {confirmed} of {total} items confirmed",
    },
    "prior_none": {"kk": "Жер қойнауын пайдаланушы бұрын тексерілмеген", "ru": "Прежних проверок недропользователя не было", "en": "No earlier audits of the subsoil user"},
    "performer_age": {
        "kk": "Орындаушы тіркелгеннен бері өткен жылдар: {value}",
        "ru": "Лет с регистрации исполнителя: {value}",
        "en": "Years since the performer's registration: {value}",
    },
    "performer_age_none": {"kk": "Орындаушының тіркелген күні белгісіз", "ru": "Дата регистрации исполнителя неизвестна", "en": "Performer's registration date unknown"},
}


def _say(key: str, lang: str, **values) -> str:
    texts = REASON_TEXTS[key]
    return (texts.get(lang) or texts["en"]).format(**values)


def reason_lines(reasons: Iterable[Mapping], lang: str, *, by_code: Mapping | None = None) -> list[tuple[str, str]]:
    """A flag's stored reasons as (``up``/``down``, sentence in ``lang``), the strongest first."""
    from django.utils import translation

    with translation.override(lang):
        return _reason_lines(reasons, lang, by_code)


def _reason_lines(reasons: Iterable[Mapping], lang: str, by_code: Mapping | None) -> list[tuple[str, str]]:
    from niokr.control.choices import SubjectType
    from niokr.core.formatting import money_text, number_text, percent_text
    from niokr.registry.choices import OrganisationKind

    if by_code is None:
        from niokr.control.indicators import catalogue

        by_code = {i.code: i for i in catalogue()}
    lines = []
    for r in reasons or ():
        kind = r.get("reason")
        if kind == "indicator":
            indicator = by_code.get(r.get("code"))
            title = (indicator.title.get(lang) or indicator.title["en"]) if indicator else r.get("code", "")
            text = _say("indicator", lang, title=title)
        elif kind == "subject_type":
            try:
                label = str(SubjectType(r.get("subject_type")).label)
            except ValueError:
                continue
            text = _say("subject_type", lang, label=label)
        elif kind == "performer_kind":
            try:
                text = _say("performer_kind", lang, label=str(OrganisationKind(r.get("kind")).label)) if r.get("kind") else _say("performer_kind_none", lang)
            except ValueError:
                continue
        elif kind in ("weight", "rule_score"):
            text = _say(kind, lang, value=number_text(r.get("weight", r.get("score")), 0, lang))
        elif kind == "amount":
            if r.get("amount_tiyn") is None:
                text = _say("amount_none", lang)
            elif r.get("share") is None:
                text = _say("amount", lang, value=money_text(r["amount_tiyn"] / 100, lang, 0))
            else:
                text = _say("amount_share", lang, value=money_text(r["amount_tiyn"] / 100, lang, 0), share=percent_text(r["share"] * 100, lang, 2))
        elif kind == "co_subject":
            text = _say("co_subject", lang, value=number_text(r.get("count"), 0, lang))
        elif kind == "co_payer_year":
            text = _say("co_payer_year", lang, value=number_text(r.get("count"), 0, lang), year=r.get("year"))
        elif kind == "prior":
            c, d = int(r.get("confirmed") or 0), int(r.get("dismissed") or 0)
            text = _say("prior", lang, confirmed=number_text(c, 0, lang), total=number_text(c + d, 0, lang)) if c + d else _say("prior_none", lang)
        elif kind == "performer_age":
            if r.get("years") is not None:
                text = _say("performer_age", lang, value=number_text(r["years"], 1, lang))
            else:
                text = _say("performer_age_none" if r.get("performer", True) else "performer_kind_none", lang)
        else:
            continue
        lines.append(("up" if r.get("effect", 0) > 0 else "down", text))
    return lines


def flag_features(queryset=None, *, today: date | None = None) -> tuple[list[dict], pl.DataFrame]:
    """Rows and raw features of ``queryset``'s flags (default: the current flags), prior records from the verdicts recorded now."""
    from niokr.control.models import Flag

    today = today or _today()
    current = _flag_rows(Flag.objects.current(), today)
    rows = current if queryset is None else _flag_rows(queryset, today)
    _rule_scores(rows, list(_current_scores()), _weights())
    verdicts = labelled_rows(today)
    return rows, features(rows, **_context(rows, current, *verdicts))
