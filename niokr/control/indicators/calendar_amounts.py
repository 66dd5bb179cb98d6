"""When and how much: NK-30 (a payment dated on a day off), NK-31 (a cluster of round amounts), NK-32
(a price far above the agreements of similar subject).

* NK-30 reads Kazakhstan's calendar of non-working days by year (``data/kz_holidays.json``: the public
  holidays, the days off in lieu of a holiday that fell on a weekend, the days off moved by the
  annual act and the weekend days that act made working days). A payment dated on a Saturday that
  was a working day is not flagged.
* NK-31 judges one agreement, or one payer–performer pair within a year: several of its payments
  whole multiples of a coarse round unit (1 000 000 ₸), one amount repeated. NK-11 judges a whole
  payer-year's share of amounts in whole thousands of tenge over thirty lines or more; a payer-year
  that looks ordinary as a whole can hide one agreement paid in 5 × 5 000 000 ₸, which NK-31 sees.
  Payments at the amount of a stage or an acceptance act of their agreement are explained by the
  signed plan and are not counted.
* NK-32 compares an agreement's price with the agreements of other subsoil users whose subjects are
  the most similar by text (TF-IDF over character n-grams of the subjects, in any of kk/ru/en):
  the top ``top_k`` of them with a similarity of at least ``peer_similarity``, signed within
  ``peer_window_years``. NK-19 compares within a category (the project's priority direction and TRL
  band) and needs a project; NK-32 needs neither and finds the peers by what the work is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from niokr.control.indicators.agg_common import CLEAR, FLAGGED, NOT_COMPUTABLE, organisations, with_bin
from niokr.control.indicators.base import LANGUAGES, Frames, Indicator, Threshold, format_money, format_number, outcome
from niokr.control.indicators.splitting import _explained, similar_keys, subject_space

__all__ = ["INDICATORS", "NK30", "NK31", "NK32", "HOLIDAYS", "Calendar", "calendar", "weekdays"]

#: Kazakhstan's non-working days by year (see its ``about``).
HOLIDAYS = Path(__file__).with_name("data") / "kz_holidays.json"
_DATE = "%d.%m.%Y"
#: Scale factor of the modified z-score (as NK-19): 0.6745 × (x − median) / MAD is a z-score for normal data.
MAD_TO_Z = 0.6745

# -- the calendar -------------------------------------------------------------------------------------

_WEEKDAYS = {
    "kk": ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
#: «fell on a Saturday»: the weekday in the case the phrase needs (kk dative, ru accusative).
_WEEKDAYS_ON = {
    "kk": ("дүйсенбіге", "сейсенбіге", "сәрсенбіге", "бейсенбіге", "жұмаға", "сенбіге", "жексенбіге"),
    "ru": ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"),
    "en": _WEEKDAYS["en"],
}


@dataclass(frozen=True)
class Calendar:
    """The non-working days of the years the reference data covers."""

    years: frozenset[int]
    holidays: Mapping[date, str]  # day → holiday code
    days_off: Mapping[date, Mapping[str, str]]  # in lieu of a holiday, or moved by the annual act
    working: Mapping[date, Mapping[str, str]]  # weekend days the annual act made working days
    names: Mapping[str, Mapping[str, str]]  # holiday code → name in each language

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def day_off(self, day: date, weekend: frozenset[int]) -> tuple[str, Mapping[str, str]] | None:
        """Why ``day`` is not a working day (``kind``, details), or ``None`` when it is one."""
        if day in self.holidays:
            return "holiday", {"holiday": self.holidays[day]}
        if day in self.days_off:
            entry = self.days_off[day]
            return str(entry["kind"]), entry
        if day.isoweekday() in weekend and day not in self.working:
            return "weekend", {}
        return None

    def phrase(self, day: date, kind: str, details: Mapping[str, str], lang: str) -> str:
        """The reason in ``lang``: the weekday, the holiday or the day it replaces, and the rule."""
        weekday = _WEEKDAYS[lang][day.weekday()]
        if kind == "holiday":
            name = self.names[details["holiday"]][lang]
            return {
                "kk": f"{weekday}, «{name}» мерекесі — жұмыс күні емес",
                "ru": f"{weekday}, праздник «{name}» — нерабочий день",
                "en": f"a {weekday}, the holiday «{name}», a non-working day",
            }[lang]
        if kind == "in_lieu":
            name = self.names[details["holiday"]][lang]
            held = date.fromisoformat(details["holiday_date"])
            on = _WEEKDAYS_ON[lang][held.weekday()]
            text = held.strftime(_DATE)
            return {
                "kk": f"{weekday}, {text} {on} түскен «{name}» мерекесінің орнына берілген демалыс күні («Қазақстан Республикасындағы мерекелер туралы» Заңның 5-бабы)",
                "ru": f"{weekday}, выходной день вместо праздника «{name}» {text}, пришедшегося на {on} (Закон «О праздниках в Республике Казахстан», ст. 5)",
                "en": f"a {weekday}, the day off in lieu of the holiday «{name}» of {text}, which fell on a {on} (Law on holidays in the Republic of Kazakhstan, art. 5)",
            }[lang]
        if kind == "moved":
            source = date.fromisoformat(details["moved_from"])
            was = _WEEKDAYS[lang][source.weekday()]
            text = source.strftime(_DATE)
            return {
                "kk": f"{weekday}, {day.year} жылғы демалыс күндерін ауыстыру туралы актімен {text} ({was}) күнінен ауыстырылған демалыс күні",
                "ru": f"{weekday}, день отдыха, перенесённый с {text} ({was}) актом о переносе дней отдыха в {day.year} году",
                "en": f"a {weekday}, a day off moved from {text} (a {was}) by the act moving days off in {day.year}",
            }[lang]
        return {
            "kk": f"{weekday} — демалыс күні, жұмыс күні деп жарияланбаған",
            "ru": f"{weekday} — выходной день, не объявленный рабочим",
            "en": f"a {weekday}, a weekend day not declared a working day",
        }[lang]


@cache
def calendar() -> Calendar:
    """The calendar of :data:`HOLIDAYS` (read once)."""
    data = json.loads(HOLIDAYS.read_text(encoding="utf-8"))
    holidays: dict[date, str] = {}
    days_off: dict[date, Mapping[str, str]] = {}
    working: dict[date, Mapping[str, str]] = {}
    for _year, entries in data["years"].items():
        for entry in entries["holidays"]:
            holidays.setdefault(date.fromisoformat(entry["date"]), entry["holiday"])
        for entry in entries["days_off"]:
            days_off[date.fromisoformat(entry["date"])] = entry
        for entry in entries["working_days"]:
            working[date.fromisoformat(entry["date"])] = entry
    return Calendar(frozenset(int(y) for y in data["years"]), holidays, days_off, working, data["names"])


def weekdays(spec: str) -> frozenset[int]:
    """The weekend as a threshold writes it, ``"6,7"`` (ISO weekday numbers, 1 = Monday … 7 = Sunday)."""
    out = set()
    for part in str(spec).replace(" ", "").split(","):
        if not part:
            continue
        value = int(part)
        if not 1 <= value <= 7:
            raise ValueError(f"not an ISO weekday (1–7): {part!r}")
        out.add(value)
    return frozenset(out)


# -- NK-30 payment dated on a day off -----------------------------------------------------------------


def _day_off(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments dated on a public holiday, a day off in lieu or moved, or a weekend day that was not a working day."""
    weekend = weekdays(params["weekend_days"])
    days = calendar()
    orgs = organisations(frames)
    pay = frames["payments"].unique("payment_id", keep="first", maintain_order=True).sort("payment_id")
    pay = with_bin(with_bin(pay, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    found = []
    for on in pay["paid_on"].drop_nulls().unique().to_list():
        why = days.day_off(on, weekend) if days.covers(on) else None
        if why is not None:
            found.append({"paid_on": on, **{f"day_off_{lang}": days.phrase(on, why[0], why[1], lang) for lang in LANGUAGES}})
    marks = pl.DataFrame(found, schema={"paid_on": pl.Date, **{f"day_off_{lang}": pl.Utf8 for lang in LANGUAGES}})
    covered = sorted(days.years)
    pay = pay.join(marks, on="paid_on", how="left")
    reason = (
        pl.when(pl.col("paid_on").is_null()).then(pl.lit("no_payment_date"))
        .when(~pl.col("paid_on").dt.year().is_in(covered)).then(pl.lit("no_calendar"))
    )
    pay = pay.with_columns(reason.alias("reason")).with_columns(
        pl.when(pl.col("reason").is_not_null()).then(pl.lit(NOT_COMPUTABLE))
        .when(pl.col("day_off_en").is_not_null()).then(pl.lit(FLAGGED)).otherwise(pl.lit(CLEAR)).alias("status"),
    )
    hit = pay.filter(pl.col("status") == FLAGGED)
    evidence = pl.struct(
        "payment_id", "document_number", pl.col("paid_on").dt.strftime(_DATE).alias("paid_on"), pl.col("amount").alias("amount_tiyn"),
        "payer_bin", "performer_bin", pl.col("purpose").fill_null("").str.strip_chars().str.slice(0, 160).alias("purpose"),
        *[f"day_off_{lang}" for lang in LANGUAGES],
    ).struct.json_encode()
    return outcome(pl.concat([
        hit.select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", evidence.alias("evidence"), "amount"),
        pay.filter(pl.col("status") != FLAGGED).select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", "reason"),
    ], how="diagonal_relaxed"))


# -- NK-31 cluster of round amounts --------------------------------------------------------------------

#: Where the cluster was found, in each language.
SCOPE_LABELS = {
    "agreement": {"kk": "осы шарт бойынша төлемдер", "ru": "платежи по этому договору", "en": "the payments under this agreement"},
    "pair_year": {
        "kk": "жер қойнауын пайдаланушының осы орындаушыға {year} жылғы барлық шарттар бойынша төлемдері",
        "ru": "платежи недропользователя этому исполнителю за {year} год по всем договорам",
        "en": "the subsoil user's payments to this performer in {year} under all agreements",
    },
}
#: Round payments listed in the evidence, at most.
LISTED = 12
#: Row numbers of round payments kept in the evidence, at most.
IDS = 100


def _cluster_stats(pay: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Per ``keys``: lines, round lines and their sum, payments the plan explains, the most repeated round amount."""
    stats = pay.group_by(keys).agg(
        pl.len().alias("lines"), pl.col("_round").sum().cast(pl.Int64).alias("round_lines"),
        pl.col("amount").filter(pl.col("_round")).sum().alias("round_amount"), pl.col("_plan").sum().cast(pl.Int64).alias("explained"),
    )
    repeats = (
        pay.filter(pl.col("_round")).group_by([*keys, "amount"]).agg(pl.len().alias("repeats"))
        .sort([*keys, "repeats", "amount"], descending=[False] * len(keys) + [True, True])
        .unique(keys, keep="first", maintain_order=True).rename({"amount": "repeated"})
    )
    return stats.join(repeats, on=keys, how="left").with_columns(pl.col("repeats").fill_null(0))


def _round_cluster(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements whose payments (or the payer–performer pair's payments in a year) are a cluster of round amounts.

    A payment is round when it is a whole multiple of ``round_unit_tiyn`` and does not pay a stage or
    an acceptance act of its agreement at that stage's or act's amount. A scope (an agreement, or a
    payer–performer pair in a contract-year) is a cluster when it holds at least
    ``min_round_payments`` round payments, they are at least ``round_share`` of its payments, and one
    round amount comes back at least ``min_repeats`` times. An agreement is flagged when its own
    payments are a cluster, or when its pair-year is one and it holds some of the round payments.
    """
    unit, least = int(params["round_unit_tiyn"]), int(params["min_round_payments"])
    share, repeats = float(params["round_share"]), int(params["min_repeats"])
    every = frames["payments"].unique("payment_id", keep="first", maintain_order=True)
    pay = every.filter(pl.col("amount") > 0)
    pay = pay.join(_explained(frames), on=["agreement_id", "amount"], how="left").with_columns(pl.col("_plan").fill_null(False))
    pay = pay.with_columns((((pl.col("amount") % unit) == 0) & ~pl.col("_plan")).alias("_round"))
    cluster = (pl.col("round_lines") >= least) & (pl.col("round_lines") >= pl.col("lines").cast(pl.Float64) * share) & (pl.col("repeats") >= repeats)

    own = _cluster_stats(pay.filter(pl.col("agreement_id").is_not_null()), ["agreement_id"]).with_columns(cluster.alias("own"))
    pair_keys = ["payer_id", "performer_id", "year"]
    pairs = _cluster_stats(pay.filter(pl.col("payer_id").is_not_null() & pl.col("performer_id").is_not_null() & pl.col("year").is_not_null()), pair_keys)
    pairs = pairs.with_columns(cluster.alias("pair")).filter(pl.col("pair"))
    # An agreement in a pair-year cluster: the year in which it holds the most round payments.
    held = (
        pay.filter(pl.col("_round") & pl.col("agreement_id").is_not_null()).join(pairs.select(pair_keys), on=pair_keys, how="semi")
        .group_by("agreement_id", *pair_keys).agg(pl.len().alias("_held"))
        .sort("agreement_id", "_held", "year", descending=[False, True, False]).unique("agreement_id", keep="first", maintain_order=True)
        .join(pairs, on=pair_keys, how="left")
    )

    orgs = organisations(frames)
    agreements = frames["agreements"].unique("agreement_id", keep="first", maintain_order=True).select("agreement_id", "number", "signed_on", pl.col("payer_id").alias("_payer"), pl.col("performer_id").alias("_performer"))
    # Every agreement paid under, whatever its amounts: one row each.
    first = every.filter(pl.col("agreement_id").is_not_null()).sort("payment_id").group_by("agreement_id").agg(pl.col("payer_id").first(), pl.col("performer_id").first())
    rows = first.join(own, on="agreement_id", how="left").join(agreements, on="agreement_id", how="left").with_columns(
        pl.coalesce("_payer", "payer_id").alias("payer_id"), pl.coalesce("_performer", "performer_id").alias("performer_id"),
    )
    rows = with_bin(with_bin(rows, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    rows = rows.join(held.select("agreement_id", pl.col("year").alias("pair_year")), on="agreement_id", how="left").sort("agreement_id")
    flagged = pl.col("own").fill_null(False) | pl.col("pair_year").is_not_null()
    # An agreement of fewer payments than a cluster needs is clear unless its pair-year is a cluster:
    # a count, not a share, decides, so a short series is judged, not left out.
    rows = rows.with_columns(
        pl.when(pl.col("lines").is_null()).then(pl.lit(NOT_COMPUTABLE)).when(flagged).then(pl.lit(FLAGGED)).otherwise(pl.lit(CLEAR)).alias("status"),
        pl.when(pl.col("lines").is_null()).then(pl.lit("no_amount")).alias("reason"),
    )
    rest = rows.filter(pl.col("status") != FLAGGED).select(pl.col("agreement_id").alias("subject_id"), "payer_id", "status", "reason")
    hit = rows.filter(pl.col("status") == FLAGGED)
    if hit.is_empty():
        return outcome(rest)

    in_hit = pl.col("agreement_id").is_in(hit["agreement_id"].implode())
    round_pay = pl.concat([
        pay.filter(pl.col("_round") & in_hit),
        pay.filter(pl.col("_round")).join(pairs.select(pair_keys), on=pair_keys, how="semi"),
    ]).unique("payment_id").sort("paid_on", "payment_id")
    by_agreement: dict[int, list[dict]] = {}
    by_pair: dict[tuple, list[dict]] = {}
    for r in round_pay.iter_rows(named=True):
        by_agreement.setdefault(r["agreement_id"], []).append(r)
        by_pair.setdefault((r["payer_id"], r["performer_id"], r["year"]), []).append(r)
    pair_stats = {r["agreement_id"]: r for r in held.iter_rows(named=True)}
    out = []
    for r in hit.iter_rows(named=True):
        if r["own"]:
            scope, stats, listed = "agreement", r, by_agreement.get(r["agreement_id"], [])
        else:
            stats = pair_stats[r["agreement_id"]]
            scope, listed = "pair_year", by_pair.get(tuple(stats[k] for k in pair_keys), [])
        year = stats.get("year") if scope == "pair_year" else None
        evidence = {
            "agreement_id": r["agreement_id"], "agreement_number": r["number"], "signed_on": r["signed_on"].strftime(_DATE) if r["signed_on"] else None,
            "payer_bin": r["payer_bin"], "performer_bin": r["performer_bin"],
            **{f"cluster_scope_{lang}": SCOPE_LABELS[scope][lang].format(year=year) for lang in LANGUAGES},
            "payments": stats["lines"], "round_lines": stats["round_lines"], "round_pct": round(100.0 * stats["round_lines"] / stats["lines"], 1),
            "round_threshold_pct": round(share * 100.0, 1), "round_unit_tiyn": unit, "round_tiyn": stats["round_amount"],
            "repeated_tiyn": stats["repeated"], "repeats": stats["repeats"], "explained_lines": stats["explained"],
            "payment_ids": [x["payment_id"] for x in listed[:IDS]], "round_numbers": [x["document_number"] or "—" for x in listed[:LISTED]],
            **{f"round_list_{lang}": _payments_listed(listed, lang) for lang in LANGUAGES},
        }
        own_round = sum(x["amount"] for x in by_agreement.get(r["agreement_id"], []))
        out.append({"subject_id": r["agreement_id"], "payer_id": r["payer_id"], "status": FLAGGED, "evidence": json.dumps(evidence, ensure_ascii=False), "amount": own_round})
    flagged_rows = pl.DataFrame(out, schema={"subject_id": pl.Int64, "payer_id": pl.Int64, "status": pl.Utf8, "evidence": pl.Utf8, "amount": pl.Int64})
    return outcome(pl.concat([flagged_rows, rest], how="diagonal_relaxed"))


def _payments_listed(rows: list[dict], lang: str) -> str:
    """«№ ПП-1 от 05.03.2024 — 5 000 000,00 ₸; …» in ``lang`` (at most :data:`LISTED`, then how many more)."""
    parts = []
    for r in rows[:LISTED]:
        ref, on, money = r["document_number"] or "—", r["paid_on"].strftime(_DATE) if r["paid_on"] else "—", format_money(r["amount"], lang)
        parts.append({"kk": f"{on} күнгі № {ref} — {money}", "ru": f"№ {ref} от {on} — {money}", "en": f"No {ref} of {on} — {money}"}[lang])
    more = len(rows) - LISTED
    if more > 0:
        parts.append({"kk": f"тағы {more}", "ru": f"и ещё {more}", "en": f"and {more} more"}[lang])
    return "; ".join(parts)


# -- NK-32 price far above the agreements of similar subject ------------------------------------------

#: Peers named in the evidence, at most.
PEERS_LISTED = 5
#: The agreements of the ``SUBJECTS_PER_PEER × top_k`` most similar distinct subjects are searched for peers.
SUBJECTS_PER_PEER = 3


#: Agreements judged at a time when their candidate peers are gathered (bounds the memory).
CHUNK = 5_000


def _peers(ag: pl.DataFrame, index: np.ndarray, neighbours: pl.DataFrame, k: int, span_days: float) -> tuple[list[list[int]], list[list[float]]]:
    """For each agreement row: the rows of its peers and their similarities, the most similar first.

    Candidates are the agreements of other payers, with an amount, signed within ``span_days``, whose
    subject is one of the similar distinct subjects (``neighbours``); among equally similar ones the
    closest in time, then the lower row, come first. Only the top ``k`` are kept.
    """
    n = ag.height
    rows = ag.select(
        pl.int_range(0, n, dtype=pl.Int64).alias("row"), pl.Series("key", index, dtype=pl.Int64), "payer_id",
        pl.col("signed_on").cast(pl.Int64).alias("day"), ((pl.col("amount").fill_null(0) > 0) & pl.col("signed_on").is_not_null() & pl.col("payer_id").is_not_null()).alias("_ok"),
    ).filter(pl.col("_ok") & (pl.col("key") >= 0)).drop("_ok")
    others = rows.select(pl.col("row").alias("peer"), pl.col("key").alias("other"), pl.col("payer_id").alias("peer_payer"), pl.col("day").alias("peer_day"))
    peer_rows: list[list[int]] = [[] for _ in range(n)]
    peer_sims: list[list[float]] = [[] for _ in range(n)]
    for start in range(0, rows.height, CHUNK):
        chosen = (
            rows.slice(start, CHUNK).join(neighbours, on="key").join(others, on="other")
            .filter((pl.col("peer_payer") != pl.col("payer_id")) & ((pl.col("peer_day") - pl.col("day")).abs() <= span_days))
            .with_columns((pl.col("peer_day") - pl.col("day")).abs().alias("gap"))
            .sort(["row", "similarity", "gap", "peer"], descending=[False, True, False, False])
            .group_by("row", maintain_order=True).head(k)
            .group_by("row", maintain_order=True).agg("peer", "similarity")
        )
        for row, peers, sims in chosen.iter_rows():
            peer_rows[row], peer_sims[row] = peers, sims
    return peer_rows, peer_sims


def _text_peers(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements priced far above the agreements of other payers with the most similar subjects.

    Peers of an agreement: the ``top_k`` agreements of other subsoil users whose subjects are the
    most similar (cosine of :func:`splitting.subject_space` vectors, at least ``peer_similarity``;
    among equally similar ones the closest in time), signed within ``peer_window_years`` of it, with
    an amount. The modified z-score of the log amount against the peers' median and median absolute
    deviation (as NK-19) fires from ``z_limit`` when the price is also at least ``min_ratio`` times
    the peers' median. At stake: the amount above the fence, the highest price the peers still call
    usual.
    """
    k, min_similarity, min_peers = int(params["top_k"]), float(params["peer_similarity"]), int(params["min_peers"])
    z_limit, min_ratio, years = float(params["z_limit"]), float(params["min_ratio"]), float(params["peer_window_years"])
    orgs = organisations(frames)
    ag = frames["agreements"].unique("agreement_id", keep="first", maintain_order=True).sort("agreement_id")
    ag = with_bin(with_bin(ag, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    space = subject_space(ag["subject"].to_list())
    ag = ag.with_columns(pl.Series("_key", space.index, dtype=pl.Int64))
    n = ag.height
    peer_rows, peer_sims = _peers(ag, space.index, similar_keys(space, min_similarity, SUBJECTS_PER_PEER * k), k, years * 365.25) if n else ([], [])
    amounts = ag["amount"].to_list()
    logs = [float(np.log(float(a))) if a and a > 0 else None for a in amounts]
    medians, mads, counts = [], [], []
    for row in range(n):
        values = np.array([logs[j] for j in peer_rows[row]], dtype=np.float64)
        counts.append(len(values))
        if len(values):
            m = float(np.median(values))
            medians.append(m)
            mads.append(float(np.median(np.abs(values - m))))
        else:
            medians.append(None)
            mads.append(None)
    ag = ag.with_columns(
        pl.Series("peers", counts, dtype=pl.Int64), pl.Series("_median", medians, dtype=pl.Float64), pl.Series("_mad", mads, dtype=pl.Float64),
        pl.Series("_log", logs, dtype=pl.Float64),
    )
    z = MAD_TO_Z * (pl.col("_log") - pl.col("_median")) / pl.col("_mad")
    fence = (pl.col("_median") + z_limit * pl.col("_mad") / MAD_TO_Z).exp().round(0).cast(pl.Int64)
    ratio = (pl.col("_log") - pl.col("_median")).exp()
    reason = (
        pl.when(pl.col("amount").is_null() | (pl.col("amount") <= 0)).then(pl.lit("no_amount"))
        .when(pl.col("signed_on").is_null()).then(pl.lit("no_signing_date"))
        .when(pl.col("payer_id").is_null()).then(pl.lit("payer_unknown"))
        .when(pl.col("_key") < 0).then(pl.lit("no_subject"))
        .when(pl.col("peers") < min_peers).then(pl.lit("too_few_peers"))
        .when(pl.col("_mad") <= 0).then(pl.lit("no_spread"))
    )
    ag = ag.with_row_index("_row").with_columns(reason.alias("reason")).with_columns(
        pl.when(pl.col("reason").is_not_null()).then(pl.lit(NOT_COMPUTABLE))
        .when((z >= z_limit) & (ratio >= min_ratio)).then(pl.lit(FLAGGED)).otherwise(pl.lit(CLEAR)).alias("status"),
    )
    rest = ag.filter(pl.col("status") != FLAGGED).select(pl.col("agreement_id").alias("subject_id"), "payer_id", "status", "reason")
    hit = ag.filter(pl.col("status") == FLAGGED).with_columns(
        z.round(2).alias("_z"), fence.alias("_fence"), ratio.round(1).alias("_ratio"), pl.col("_median").exp().round(0).cast(pl.Int64).alias("_peer_median"),
    )
    if hit.is_empty():
        return outcome(rest)
    numbers, signed_on, ids = ag["number"].to_list(), ag["signed_on"].to_list(), ag["agreement_id"].to_list()
    out = []
    for r in hit.iter_rows(named=True):
        row = r["_row"]
        listed = [
            {"number": numbers[j], "signed_on": signed_on[j], "amount": amounts[j], "similarity": s}
            for j, s in list(zip(peer_rows[row], peer_sims[row], strict=True))[:PEERS_LISTED]
        ]
        excess = max(0, r["amount"] - r["_fence"])
        evidence = {
            "agreement_id": r["agreement_id"], "agreement_number": r["number"], "signed_on": r["signed_on"].strftime(_DATE), "amount_tiyn": r["amount"],
            "payer_bin": r["payer_bin"], "performer_bin": r["performer_bin"], "subject": (r["subject"] or "").strip()[:160],
            "peers": r["peers"], "peer_median_tiyn": r["_peer_median"], "ratio": r["_ratio"], "z": r["_z"], "z_limit": z_limit,
            "fence_tiyn": r["_fence"], "excess_tiyn": excess, "similarity": round(peer_sims[row][0], 2),
            "peer_similarity": min_similarity, "peer_agreement_ids": [ids[j] for j in peer_rows[row]], "peer_numbers": [x["number"] or "—" for x in listed],
            **{f"peer_list_{lang}": _peers_listed(listed, lang) for lang in LANGUAGES},
        }
        out.append({"subject_id": r["agreement_id"], "payer_id": r["payer_id"], "status": FLAGGED, "evidence": json.dumps(evidence, ensure_ascii=False), "amount": excess})
    flagged_rows = pl.DataFrame(out, schema={"subject_id": pl.Int64, "payer_id": pl.Int64, "status": pl.Utf8, "evidence": pl.Utf8, "amount": pl.Int64})
    return outcome(pl.concat([flagged_rows, rest], how="diagonal_relaxed"))


def _peers_listed(rows: list[dict], lang: str) -> str:
    """«№ X от 05.03.2024 — 9 500 000,00 ₸ (сходство 0,81); …» in ``lang``."""
    parts = []
    for r in rows:
        ref, on, money = r["number"] or "—", r["signed_on"].strftime(_DATE), format_money(r["amount"], lang)
        score = format_number(r["similarity"], 2, lang)
        parts.append({
            "kk": f"{on} күнгі № {ref} — {money} (ұқсастығы {score})",
            "ru": f"№ {ref} от {on} — {money} (сходство {score})",
            "en": f"No {ref} of {on} — {money} (similarity {score})",
        }[lang])
    return "; ".join(parts)


# -- the catalogue entries ----------------------------------------------------------------------------


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


NK30 = Indicator(
    code="NK-30",
    version=1,
    subject_type="payment",
    weight=30,
    title=_t(
        "ҒЗТКЖ төлемі демалыс немесе мереке күнімен белгіленген",
        "Платёж на НИОКР датирован выходным или праздничным днём",
        "R&D payment dated on a weekend or public holiday",
    ),
    rationale=_t(
        "Банктер төлем тапсырмаларын жұмыс күндері орындайды; демалыс немесе мереке күнімен белгіленген ҒЗТКЖ төлемі құжаттың кейін жасалғанын, күннің жылға немесе шарт мерзіміне сыйғызу үшін өзгертілгенін не қате енгізілгенін көрсетуі мүмкін. Демалыс күндерін ауыстыру туралы актімен жұмыс күні болған сенбі немесе жексенбі белгі бермейді.",
        "Банки исполняют платёжные поручения в рабочие дни; платёж на НИОКР, датированный выходным или праздничным днём, может означать, что документ составлен задним числом, дата подогнана под год или срок договора либо внесена с ошибкой. Суббота или воскресенье, объявленные рабочим днём актом о переносе дней отдыха, флага не дают.",
        "Banks execute payment orders on working days; an R&D payment dated on a weekend or a public holiday may mean the document was drawn up after the fact, its date fitted to a year or to the agreement's term, or entered wrongly. A Saturday or Sunday that the act moving days off made a working day gives no flag.",
    ),
    legal_basis=_t(
        "«Қазақстан Республикасындағы мерекелер туралы» 2001 жылғы 13 желтоқсандағы № 267-II Заң (мерекелер; 5-бап: мереке демалыс күніне түссе, келесі жұмыс күні демалыс болады); 2015 жылғы 23 қарашадағы № 414-V Еңбек кодексі, 84–85-баптар (7 қаңтар және Құрбан айттың бірінші күні; демалыс күндерін ауыстыру); жыл сайынғы демалыс күндерін ауыстыру туралы Үкімет қаулылары (2024 жылдан бастап — еңбек министрінің бұйрықтары). Аудиторлық негіздеме: ХАС 240 әдеттен тыс уақытта (демалыс және мереке күндері) жасалған жазбаларды тәуекел белгісі деп атайды. Күнтізбе анықтамалық деректер ретінде сақталады және жыл сайынғы актімен тексерілуі тиіс.",
        "Закон РК от 13.12.2001 № 267-II «О праздниках в Республике Казахстан» (праздники; ст. 5: при совпадении выходного и праздничного дней выходным является следующий рабочий день); Трудовой кодекс от 23.11.2015 № 414-V, ст. 84–85 (7 января и первый день Курбан айта; перенос дней отдыха); ежегодные постановления Правительства о переносе дней отдыха (с 2024 года — приказы министра труда). Аудиторское обоснование: МСА 240 называет записи, сделанные в необычное время (выходные и праздничные дни), признаком риска. Календарь хранится как справочные данные и подлежит сверке с ежегодным актом.",
        "Law of 13.12.2001 No 267-II \"On holidays in the Republic of Kazakhstan\" (the holidays; art. 5: when a holiday falls on a day off, the next working day is a day off); Labour Code of 23.11.2015 No 414-V, art. 84–85 (7 January and the first day of Kurban Ait; moving days off); the annual Government decrees moving days off (from 2024 the labour minister's orders). Audit rationale: ISA 240 names entries made at unusual times (weekends and holidays) as a risk sign. The calendar is kept as reference data and must be checked against each year's act.",
    ),
    explanation=_t(
        "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (жер қойнауын пайдаланушы {payer_bin}, орындаушы {performer_bin}, мақсаты «{purpose}») Қазақстанда жұмыс күні болмаған күнмен белгіленген: {day_off_kk}.",
        "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} (недропользователь {payer_bin}, исполнитель {performer_bin}, назначение «{purpose}») датирован днём, который в Казахстане не был рабочим: {day_off_ru}.",
        "Payment {document_number} of {amount_tiyn} on {paid_on} (subsoil user {payer_bin}, performer {performer_bin}, purpose «{purpose}») is dated on a day that was not a working day in Kazakhstan: {day_off_en}.",
    ),
    needs=("payments",),
    evaluate=_day_off,
    thresholds=(
        Threshold(
            "weekend_days", "6,7",
            _t(
                "Апта ішіндегі демалыс күндері, ISO нөмірлерімен (1 — дүйсенбі … 7 — жексенбі): бес күндік жұмыс аптасында сенбі мен жексенбі. Мерекелер, олардың орнына берілген және ауыстырылған демалыс күндері, жұмыс күні деп жарияланған демалыс күндері анықтамалық күнтізбеден алынады.",
                "Выходные дни недели, номерами ISO (1 — понедельник … 7 — воскресенье): при пятидневной рабочей неделе суббота и воскресенье. Праздники, выходные вместо них и перенесённые дни отдыха, а также выходные, объявленные рабочими, берутся из справочного календаря.",
                "The weekend, as ISO weekday numbers (1 = Monday … 7 = Sunday): Saturday and Sunday in the five-day week. Holidays, the days off in lieu of them, the moved days off and the weekend days declared working days come from the reference calendar.",
            ),
        ),
    ),
    truth_codes=("holiday_payment",),
)

NK31 = Indicator(
    code="NK-31",
    version=1,
    subject_type="agreement",
    weight=30,
    title=_t(
        "Шарт бойынша дөңгелек сомалар шоғыры",
        "Скопление круглых сумм по договору",
        "Cluster of round amounts under an agreement",
    ),
    rationale=_t(
        "Орындалған жұмыстың актісі мен шоты бойынша емес, ойдан шығарылған төлемдер көбіне ірі дөңгелек сомалар болады және қайталанады (5 000 000 ₸ бірнеше рет). Бір шарттың немесе бір орындаушыға бір жылдағы төлемдердің мұндай шоғыры жер қойнауын пайдаланушы жылының жалпы көрінісінде (NK-11) байқалмайды. Күнтізбелік жоспардың кезеңі немесе қабылдау актісі сомасындағы төлемдер жоспармен түсіндіріледі және есепке алынбайды.",
        "Платежи, придуманные, а не выставленные по акту и счёту за выполненную работу, часто бывают крупными круглыми суммами и повторяются (5 000 000 ₸ несколько раз). Такое скопление в платежах одного договора или одного исполнителя за год не видно в общей картине года недропользователя (NK-11). Платежи на сумму этапа календарного плана или акта приёмки объясняются планом и не учитываются.",
        "Payments that were invented rather than invoiced for accepted work tend to be large round amounts, repeated (5,000,000 ₸ several times). Such a cluster in the payments of one agreement, or of one performer within a year, does not show in the picture of the payer's whole year (NK-11). Payments at the amount of a stage of the calendar plan or of an acceptance act are explained by the plan and not counted.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме (цифрлық талдау, М. Нигрини: дөңгелек сандар мен қайталанатын сомалар тесттері); ҒЗТКЖ шығыстарын тану кезеңдерді қабылдау актілерімен расталады (2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі, 302-бап). Дөңгелектеу бірлігі мен шектер аудит тәжірибесі бойынша белгіленген.",
        "Аудиторское обоснование (цифровой анализ, М. Нигрини: тесты круглых чисел и повторяющихся сумм); расходы на НИОКР подтверждаются актами приёмки этапов (Налоговый кодекс от 18.07.2025 № 214-VIII, ст. 302). Единица округления и пороги установлены по практике аудита.",
        "Audit rationale (digital analysis, M. Nigrini: the round-number and repeated-amount tests); R&D spending is evidenced by stage acceptance acts (Tax Code of 18.07.2025 No 214-VIII, art. 302). The round unit and the thresholds are set by audit practice.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты: {cluster_scope_kk} — {payments} төлемнің {round_lines} сомасы {round_unit_tiyn} еселік дөңгелек сома ({round_pct}, шегі {round_threshold_pct}), барлығы {round_tiyn}; {repeated_tiyn} сомасы {repeats} рет қайталанады; күнтізбелік жоспардың кезеңіне не актісіне сәйкес, есепке алынбаған төлемдер: {explained_lines}. Дөңгелек төлемдер: {round_list_kk}.",
        "Договор {agreement_number} от {signed_on} между недропользователем {payer_bin} и исполнителем {performer_bin}: {cluster_scope_ru} — из {payments} платежей {round_lines} круглые, кратные {round_unit_tiyn} ({round_pct}, порог {round_threshold_pct}), всего {round_tiyn}; сумма {repeated_tiyn} повторяется {repeats} раз; платежей по этапу или акту календарного плана, не учтённых: {explained_lines}. Круглые платежи: {round_list_ru}.",
        "Agreement {agreement_number} of {signed_on} between subsoil user {payer_bin} and performer {performer_bin}: {cluster_scope_en} — {round_lines} of {payments} payments are round, whole multiples of {round_unit_tiyn} ({round_pct}, threshold {round_threshold_pct}), together {round_tiyn}; {repeated_tiyn} comes back {repeats} times; payments at a stage or act of the calendar plan, not counted: {explained_lines}. The round payments: {round_list_en}.",
    ),
    needs=("payments", "agreements"),  # stages and acts are read where supplied
    evaluate=_round_cluster,
    thresholds=(
        Threshold("round_unit_tiyn", 100_000_000, _t(
            "Сома осы шамаға (1 000 000 ₸) еселік болса, дөңгелек саналады. Шот бойынша бүтін теңгедегі сома миллионға шамамен миллион жағдайдың бірінде ғана еселік болады.",
            "Сумма считается круглой, если она кратна этой величине (1 000 000 ₸). Сумма по счёту в целых тенге кратна миллиону примерно в одном случае из миллиона.",
            "An amount is round when it is a whole multiple of this (1,000,000 ₸). An invoiced amount in whole tenge is a multiple of a million about once in a million.",
        )),
        Threshold("min_round_payments", 3, _t(
            "Шоғырға кемінде осынша дөңгелек төлем қажет (шарт бойынша не жұптың жылдағы төлемдерінде).",
            "Для скопления нужно не меньше этого числа круглых платежей (по договору или в платежах пары за год).",
            "A cluster needs at least this many round payments (under the agreement, or in the pair-year's payments).",
        )),
        Threshold("round_share", 0.75, _t(
            "Дөңгелек төлемдер шарттың (не жылдағы жұптың) төлемдерінің кемінде осы үлесін құрауы тиіс.",
            "Круглые платежи должны составлять не меньше этой доли платежей договора (или пары за год).",
            "Round payments must be at least this share of the agreement's (or the pair-year's) payments.",
        )),
        Threshold("min_repeats", 2, _t(
            "Бір дөңгелек сома кемінде осынша рет қайталануы тиіс (1 — қайталау талап етілмейді).",
            "Одна круглая сумма должна повториться не меньше этого числа раз (1 — повтор не требуется).",
            "One round amount must come back at least this many times (1: no repeat required).",
        )),
    ),
    truth_codes=("round_cluster",),
)

NK32 = Indicator(
    code="NK-32",
    version=1,
    subject_type="agreement",
    weight=35,
    title=_t(
        "Шарт бағасы нысанасы ұқсас шарттардан әлдеқайда жоғары",
        "Цена договора намного выше договоров со сходным предметом",
        "Agreement price far above agreements of similar subject",
    ),
    rationale=_t(
        "Нысанасы мәтіні бойынша ұқсас басқа жер қойнауын пайдаланушылардың шарттарынан әлдеқайда қымбат шарт бағаның асыра көрсетілуін немесе қаражаттың қайтарылуын жасыруы мүмкін. Салыстырмалы шарттар санат бойынша емес (NK-19: басым бағыт пен ТДД), жұмыстың өзі бойынша — нысаналардың мәтіндік ұқсастығымен (қазақ, орыс, ағылшын тілдерінде) табылады, сондықтан жобасы жоқ шарттар да бағаланады.",
        "Договор, намного дороже договоров других недропользователей со сходным по тексту предметом, может скрывать завышение цены или откат. Сопоставимые договоры находятся не по категории (NK-19: приоритетное направление и УГТ), а по самой работе — по текстовому сходству предметов (на казахском, русском, английском), поэтому оцениваются и договоры без проекта.",
        "An agreement priced far above the agreements of other subsoil users whose subjects read alike may hide overpricing or a kickback. The peers are found not by category (NK-19: priority direction and TRL) but by the work itself — the text similarity of the subjects (in Kazakh, Russian or English) — so agreements without a project are judged too.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме: жер қойнауын пайдаланушылардың сатып алу қағидалары бойынша ҒЗТКЖ конкурссыз, тікелей шарт арқылы сатып алынуы мүмкін, сондықтан бағаны бәсеке тексермейді; Иглевич пен Хоаглиннің ауытқу ережесі (түрлендірілген z-баға 3,5-тен жоғары). Бағаны шектейтін норма жоқ; шектер аудит тәжірибесі бойынша белгіленген.",
        "Аудиторское обоснование: по правилам закупок недропользователей НИОКР можно приобретать прямым договором без конкурса, поэтому цену не проверяет конкуренция; правило выбросов Иглевича и Хоглина (модифицированная z-оценка выше 3,5). Норм, ограничивающих цену, нет; пороги установлены по практике аудита.",
        "Audit rationale: under the subsoil users' procurement rules R&D may be bought by direct contracting without a tender, so no competition tests the price; the outlier rule of Iglewicz and Hoaglin (modified z-score above 3.5). No rule limits the price; the thresholds are set by audit practice.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}; «{subject}») нысанасы ең ұқсас басқа жер қойнауын пайдаланушылардың {peers} шартының медианасынан ({peer_median_tiyn}) {ratio} есе қымбат: түрлендірілген z-баға {z} (шегі {z_limit}), әдеттегі ең жоғары бағадан ({fence_tiyn}) асатын сома {excess_tiyn}. Ең жақындары: {peer_list_kk}.",
        "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} («{subject}») в {ratio} раза дороже медианы {peers} договоров других недропользователей с наиболее сходным предметом ({peer_median_tiyn}): модифицированная z-оценка {z} (предел {z_limit}), превышение над наибольшей обычной ценой ({fence_tiyn}) — {excess_tiyn}. Ближайшие: {peer_list_ru}.",
        "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} («{subject}») costs {ratio} times the median of {peers} agreements of other subsoil users with the most similar subjects ({peer_median_tiyn}): modified z-score {z} (limit {z_limit}), {excess_tiyn} above the highest usual price of {fence_tiyn}. The closest: {peer_list_en}.",
    ),
    needs=("agreements",),
    evaluate=_text_peers,
    thresholds=(
        Threshold("top_k", 20, _t(
            "Салыстыру үшін басқа жер қойнауын пайдаланушылардың нысанасы ең ұқсас осынша шарты алынады.",
            "Для сравнения берётся столько договоров других недропользователей с наиболее сходным предметом.",
            "The agreements of other subsoil users with the most similar subjects taken for the comparison, at most.",
        )),
        Threshold("peer_similarity", 0.35, _t(
            "Салыстырмалы шарт нысанасының ең аз ұқсастығы (таңбалық n-граммалар TF-IDF векторларының косинусы, ҒЗТКЖ-ның жалпы сөздері алынып тасталғаннан кейін; 1 — бірдей): тақырыбы бір жұмыстар 0,35-тен жоғары, байланыссыздар 0,2-ден төмен.",
            "Наименьшее сходство предмета сопоставимого договора (косинус векторов TF-IDF по символьным n-граммам после удаления общих слов НИОКР; 1 — одинаковые): работы на одну тему выше 0,35, несвязанные — ниже 0,2.",
            "Least subject similarity of a peer (cosine of TF-IDF vectors of character n-grams, after the generic words of R&D agreements are removed; 1 = identical): works on one topic score above 0.35, unrelated ones below 0.2.",
        )),
        Threshold("min_peers", 8, _t(
            "Осыдан аз салыстырмалы шарт табылса, шарт бағаланбайды (деректер тым аз).",
            "Если сопоставимых договоров найдено меньше, договор не оценивается (слишком мало данных).",
            "Fewer peers found than this: the agreement is not judged (too small a sample).",
        )),
        Threshold("z_limit", 3.5, _t(
            "Сома логарифмінің түрлендірілген z-бағасы осы мәнге жетсе, тәуекел белгісі қойылады (Иглевич пен Хоаглиннің ауытқу шегі).",
            "Флаг ставится, если модифицированная z-оценка логарифма суммы достигает этого значения (предел выбросов Иглевича и Хоглина).",
            "Flag when the modified z-score of the log amount reaches this (Iglewicz and Hoaglin's outlier limit).",
        )),
        Threshold("min_ratio", 2.0, _t(
            "Әрі баға салыстырмалы шарттар медианасынан кемінде осынша есе жоғары: бағалары бір-біріне өте жақын шарттар арасындағы шағын айырма белгі бермейді.",
            "И при этом цена не меньше чем во столько раз выше медианы сопоставимых: небольшая разница среди договоров с почти одинаковыми ценами флага не даёт.",
            "And the price is at least this many times the peers' median: a small difference among agreements of nearly equal prices gives no flag.",
        )),
        Threshold("peer_window_years", 3, _t(
            "Салыстырмалы шарттар шартқа қол қойылған күннен бастап осынша жыл ішінде жасалған болуы тиіс (бағалар деңгейі уақыт өте өзгереді).",
            "Сопоставимые договоры должны быть подписаны в пределах этого числа лет от даты договора (уровень цен меняется со временем).",
            "Peers must be signed within this many years of the agreement (price levels change over time).",
        )),
    ),
    truth_codes=("price_far_from_text_peers",),
)

INDICATORS: tuple[Indicator, ...] = (NK30, NK31, NK32)
