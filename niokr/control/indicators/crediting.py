"""Which year spending is credited to: NK-39 (a closed year's arrears covered late) and NK-40 (a
year-end dump spread across the New Year).

A payment counts toward the contract-year ``year`` of the ``payments`` frame: its ``for_year``, else
the year it was paid. The obligation engine credits a ``for_year`` whenever it was paid; the
settlement period after 31 December during which direct spending may still be credited to a year
is NK-12's assumption (``direct_grace_days``, 90 days: no act fixes it), and NK-39 reads the same
threshold under the same name. NK-08 judges the December share of a year; NK-40 judges the days on
both sides of 31 December together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import day, evidence, finish, judge, organisations, pct, with_bin, year_end
from niokr.control.indicators.base import Frames, Indicator, Threshold

__all__ = ["INDICATORS", "NK39", "NK40"]

#: Statuses of a right-year that owe nothing (obligations YearStatus).
NOTHING_OWED = ("not_due", "no_obligation")
BASE_MISSING = "base_missing"

_LAW = {
    "kk": "Міндеттеме жыл сайынғы (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ; 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129-бап 1-тармақ 2) тармақша және 178-бап 1-тармақ 2) тармақша)",
    "ru": "Обязательство ежегодное (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1; Кодекс от 27.12.2017 № 125-VI, ст. 129 п. 1 пп. 2 и ст. 178 п. 1 пп. 2)",
    "en": "The obligation is annual (Law of 24.06.2010 No 291-IV, art. 76 item 12-1; Code of 27.12.2017 No 125-VI, art. 129(1)(2) and 178(1)(2))",
}


def _right_names() -> dict[str, pl.Expr]:
    """``right_kk``, ``right_ru``, ``right_en``: the right by its registered number (as NK-12 names it)."""
    number = pl.col("right_number")
    return {
        "right_kk": pl.coalesce(number, pl.concat_str([pl.lit("№ "), pl.col("right_id").cast(pl.Utf8)])),
        "right_ru": pl.coalesce(number, pl.concat_str([pl.lit("№ "), pl.col("right_id").cast(pl.Utf8)])),
        "right_en": pl.coalesce(number, pl.concat_str([pl.lit("#"), pl.col("right_id").cast(pl.Utf8)])),
    }


# -- NK-39 payment credited to a closed year --------------------------------------------------------


def _closed_year_credit(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments credited to an earlier year after that year closed, that cover its shortfall.

    A payment is *late* when its credited ``year`` is before the year it was paid and it was paid
    after the credited year closed (31 December + ``direct_grace_days``). For each right-year the
    late payments credited to it are taken out of its fulfilment: what is then short of the
    obligation (less the credit brought forward) is the shortfall they cover. It is shared out among
    them by payment date; a late payment that covers some of it is flagged, with the part it covers
    at stake. A shortfall under ``min_shortfall_share`` of the due amount is rounding.
    """
    grace = int(params["direct_grace_days"])
    min_short = float(params["min_shortfall_share"])
    pay = frames["payments"].select(
        "payment_id", "payer_id", "right_id", "performer_id", "paid_on", "amount", "document_number", "year", "right_number",
    )
    closes = year_end(pl.col("year"), grace)
    late = (pl.col("year") < pl.col("paid_on").dt.year()) & (pl.col("paid_on") > closes)
    pay = pay.with_columns(closes.alias("closed_on"), late.fill_null(False).alias("_late"))
    balances = (
        frames["right_years"].filter(pl.col("right_id").is_not_null() & pl.col("year").is_not_null())
        .unique(["right_id", "year"], keep="first")
        .select("right_id", "year", "channel", "status", "obligation", "credit_in", "fulfilled", pl.lit(True).alias("_balance"))
    )
    lates = pay.filter(pl.col("_late") & pl.col("right_id").is_not_null())
    per_year = lates.group_by("right_id", "year").agg(pl.col("amount").sum().alias("late_sum"), pl.len().alias("late_count"))
    balances = balances.join(per_year, on=["right_id", "year"], how="left").with_columns(
        (pl.col("obligation") - pl.col("credit_in").fill_null(0)).alias("_due"),
    ).with_columns(
        (pl.col("_due") - (pl.col("fulfilled").fill_null(0) - pl.col("late_sum").fill_null(0))).alias("shortfall"),
    )
    covering = (
        (pl.col("channel").fill_null("direct") != "budget") & ~pl.col("status").is_in(NOTHING_OWED) & (pl.col("shortfall") > 0)
        & (pl.col("shortfall").cast(pl.Float64) >= pl.col("_due").cast(pl.Float64) * min_short)
    ).fill_null(False)
    balances = balances.with_columns(pl.when(covering).then(pl.min_horizontal("late_sum", "shortfall")).otherwise(0).alias("_cover_total"))
    # The shortfall covered, shared out among the late payments in the order they were paid.
    shared = (
        lates.join(balances.select("right_id", "year", "_cover_total"), on=["right_id", "year"], how="inner")
        .sort("right_id", "year", "paid_on", "payment_id")
        .with_columns((pl.col("amount").cum_sum().over("right_id", "year") - pl.col("amount")).alias("_before"))
        .select("payment_id", (pl.col("_cover_total") - pl.col("_before")).clip(0).clip(upper_bound=pl.col("amount")).alias("covered"))
    )
    rows = pay.join(balances, on=["right_id", "year"], how="left").join(shared, on="payment_id", how="left")
    orgs = organisations(frames)
    rows = with_bin(with_bin(rows, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    owes_unknown = (pl.col("status") == BASE_MISSING) | (
        pl.col("obligation").is_null() & ~pl.col("status").is_in(NOTHING_OWED) & (pl.col("channel").fill_null("direct") != "budget")
    )
    judged = judge(
        rows,
        [
            (pl.col("paid_on").is_null() | pl.col("amount").is_null(), "no_payment_date"),
            (pl.col("_late") & pl.col("right_id").is_null(), "no_right"),
            (pl.col("_late") & pl.col("_balance").is_null(), "no_balance"),
            (pl.col("_late") & pl.col("status").is_null(), "no_status"),
            (pl.col("_late") & owes_unknown, "no_base"),
        ],
        pl.col("_late") & (pl.col("covered") > 0),
    )
    return finish(
        judged,
        subject_id=pl.col("payment_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            payment_id=pl.col("payment_id"), document_number=pl.col("document_number"), paid_on=day(pl.col("paid_on")), amount_tiyn=pl.col("amount"),
            performer_bin=pl.col("performer_bin"), payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"),
            closed_on=day(pl.col("closed_on")), days_after_close=(pl.col("paid_on") - pl.col("closed_on")).dt.total_days(),
            obligation_tiyn=pl.col("obligation"), credit_in_tiyn=pl.col("credit_in"), fulfilled_tiyn=pl.col("fulfilled"),
            late_credit_tiyn=pl.col("late_sum"), late_credit_count=pl.col("late_count"), shortfall_tiyn=pl.col("shortfall"), covered_tiyn=pl.col("covered"),
            direct_grace_days=pl.lit(grace),
        ),
        amount=pl.col("covered"),
    )


NK39 = Indicator(
    code="NK-39",
    version=1,
    subject_type="payment",
    weight=60,
    title={
        "kk": "Жабылған жылға есепке жатқызылған төлем",
        "ru": "Платёж, зачтённый в закрытый год",
        "en": "Payment credited to a closed year",
    },
    rationale={
        "kk": "Жылдың міндеттемесі сол жылғы және оның есеп айырысу кезеңіндегі шығыстармен орындалады. Жыл жабылғаннан кейін төленіп, кері күнмен сол жылға есепке жатқызылған ақша сол жылғы зерттеулерді көрсетпейді: ол жылдың берешегін қағаз жүзінде жабады, ал ағымдағы жыл бұл қаражатты алмайды.",
        "ru": "Обязательство года исполняется расходами этого года и его расчётного периода. Деньги, выплаченные после закрытия года и зачтённые в него задним числом, не отражают исследований того года: они закрывают его задолженность на бумаге, а текущий год недополучает эти средства.",
        "en": "A year's obligation is met by the spending of that year and its settlement period. Money paid after the year closed and credited back to it shows none of that year's research: it closes the year's arrears on paper, and the current year goes without that money.",
    },
    legal_basis={
        "kk": _LAW["kk"] + ": тапшылық сол жылдың берешегі болып қалады. Жылдың тікелей шығыстары қашан түпкілікті болатынын ешбір акт белгілемейді; есеп айырысу кезеңі — NK-12-дегідей баптауға болатын болжам (31 желтоқсаннан кейін 90 күн).",
        "ru": _LAW["ru"] + ": недостача остаётся задолженностью своего года. Ни один акт не устанавливает, когда прямые расходы года становятся окончательными; расчётный период — то же настраиваемое допущение, что в NK-12 (90 дней после 31 декабря).",
        "en": _LAW["en"] + ": a shortfall stays as arrears of its year. No act fixes when a year's direct spending is final; the settlement period is the same configurable assumption as NK-12's (90 days after 31 December).",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}, {right_kk} жер қойнауын пайдалану құқығы: {paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (орындаушы — {performer_bin}) {year} жылға есепке жатқызылған, бірақ ол сол жыл жабылғаннан ({closed_on}) кейін {days_after_close} күн өткенде төленген. {year} жылға ол жабылғаннан кейін есепке жатқызылған төлемдерсіз (саны {late_credit_count}, сомасы {late_credit_tiyn}) жылдың міндеттеме бойынша тапшылығы {shortfall_tiyn} болған (міндеттеме {obligation_tiyn}, алдыңғы жылдардан есепке жатқызылған сома {credit_in_tiyn}, олармен бірге орындалғаны {fulfilled_tiyn}); бұл төлем осы тапшылықтың {covered_tiyn} бөлігін жабады.",
        "ru": "Недропользователь {payer_bin}, право недропользования {right_ru}: платёж {document_number} на сумму {amount_tiyn} от {paid_on} исполнителю {performer_bin} зачтён в {year} год, хотя выплачен через {days_after_close} дн. после закрытия этого года ({closed_on}). Без платежей, зачтённых в {year} год после его закрытия (количество {late_credit_count}, сумма {late_credit_tiyn}), недостача года по обязательству составляла {shortfall_tiyn} (обязательство {obligation_tiyn}, перенесённый зачёт {credit_in_tiyn}, исполнено вместе с ними {fulfilled_tiyn}); этот платёж покрывает {covered_tiyn} этой недостачи.",
        "en": "Subsoil user {payer_bin}, subsoil use right {right_en}: payment {document_number} of {amount_tiyn} on {paid_on} to performer {performer_bin} is credited to {year}, though it was paid {days_after_close} days after that year closed on {closed_on}. Without the payments credited to {year} after it closed ({late_credit_count}, together {late_credit_tiyn}) the year was short of its obligation by {shortfall_tiyn} (obligation {obligation_tiyn}, credit brought forward {credit_in_tiyn}, fulfilled with them {fulfilled_tiyn}); this payment covers {covered_tiyn} of that shortfall.",
    },
    needs=("payments", "right_years"),
    evaluate=_closed_year_credit,
    thresholds=(
        Threshold(
            "direct_grace_days", 90,
            {"kk": "31 желтоқсаннан кейінгі күндер саны, осы уақытта тікелей шығыстар әлі де жылға есептелуі мүмкін (бірінші тоқсанның кезеңдік төлемдері; 90 — 31 наурыз; NK-12-дегідей болжам). Жылға осы мерзімнен кейін төленіп есепке жатқызылған төлем жабылған жылға есепке жатқызылған болып саналады.", "ru": "Число дней после 31 декабря, в течение которых прямые расходы ещё могут засчитываться в год (поэтапные платежи первого квартала; 90 — 31 марта; то же допущение, что в NK-12). Платёж, выплаченный после этого срока и зачтённый в год, считается зачтённым в закрытый год.", "en": "Days after 31 December during which direct spending may still be credited to the year (stage payments of the first quarter; 90 = 31 March; the same assumption as NK-12). A payment paid after that and credited to the year is credited to a closed year."},
        ),
        Threshold(
            "min_shortfall_share", 0.01,
            {"kk": "Кеш есепке жатқызылған төлемдерсіз жылдың тапшылығы төленуге тиіс соманың кемінде осы үлесі болса ғана тәуекел белгісі қойылады: дөңгелектеу айырмасы берешек емес.", "ru": "Флаг ставится, только если недостача года без поздно зачтённых платежей составляет не менее этой доли суммы к исполнению: разница округления — не задолженность.", "en": "Flag only when the year's shortfall without the late credits is at least this share of the amount due: a rounding difference is no arrears."},
        ),
    ),
    truth_codes=("credited_to_closed_year",),
)


# -- NK-40 year-end dump spread across the New Year -------------------------------------------------


def _window_payments(pay: pl.DataFrame, late_days: int, early_days: int) -> pl.DataFrame:
    """Payments of the last ``late_days`` of December or the first ``early_days`` of January.

    ``boundary``: the year whose 31 December they surround; ``side``: ``dec`` or ``jan``.
    """
    month, dom, paid_year = pl.col("paid_on").dt.month(), pl.col("paid_on").dt.day(), pl.col("paid_on").dt.year()
    in_dec = (month == 12) & (dom > 31 - late_days)
    in_jan = (month == 1) & (dom <= early_days)
    return pay.filter(in_dec | in_jan).with_columns(
        pl.when(month == 12).then(paid_year).otherwise(paid_year - 1).cast(pl.Int32).alias("boundary"),
        pl.when(month == 12).then(pl.lit("dec")).otherwise(pl.lit("jan")).alias("side"),
    )


def _explained(frames: Frames, window: pl.DataFrame, params: Mapping[str, Any]) -> pl.DataFrame:
    """``payment_id`` → ``explained``: the part of each window payment a calendar plan or an act accounts for.

    Per agreement and boundary, the cap is the larger of: the stages planned to end between
    1 December and the end of the window, when the agreement (with its plan) was signed at least
    ``plan_lead_days`` before the window opened; and the acts signed between 1 December and the end
    of the window. The agreement's window payments are explained up to the cap in date order. Frames
    not supplied explain nothing.
    """
    empty = window.select("payment_id", pl.lit(0, dtype=pl.Int64).alias("explained"))
    if window.is_empty() or not frames.has("agreements"):
        return empty
    early_days, late_days = min(31, max(1, int(params["january_days"]))), min(31, max(1, int(params["december_days"])))
    lead = int(params["plan_lead_days"])
    boundaries = window.select("agreement_id", "boundary").unique().filter(pl.col("agreement_id").is_not_null())
    span = boundaries.with_columns(
        pl.date(pl.col("boundary"), 12, 1).alias("_from"),
        (pl.date(pl.col("boundary") + 1, 1, 1) + pl.duration(days=early_days - 1)).alias("_to"),
        (pl.date(pl.col("boundary"), 12, 31) - pl.duration(days=late_days - 1)).alias("_opens"),
    )
    caps = [span.select("agreement_id", "boundary")]
    if frames.has("stages"):
        signed = frames["agreements"].select("agreement_id", "signed_on").unique("agreement_id", keep="first")
        planned = (
            span.join(signed, on="agreement_id").join(frames["stages"].select("agreement_id", "end_date", "amount"), on="agreement_id")
            .filter(pl.col("end_date").is_between(pl.col("_from"), pl.col("_to")) & (pl.col("signed_on") <= pl.col("_opens") - pl.duration(days=lead)))
            .group_by("agreement_id", "boundary").agg(pl.col("amount").sum().alias("_planned"))
        )
        caps.append(planned)
    if frames.has("acts"):
        accepted = (
            span.join(frames["acts"].select("agreement_id", "signed_on", "amount"), on="agreement_id")
            .filter(pl.col("signed_on").is_between(pl.col("_from"), pl.col("_to")))
            .group_by("agreement_id", "boundary").agg(pl.col("amount").sum().alias("_accepted"))
        )
        caps.append(accepted)
    cap = caps[0]
    for part in caps[1:]:
        cap = cap.join(part, on=["agreement_id", "boundary"], how="left")
    cap = cap.select("agreement_id", "boundary", pl.max_horizontal(*[c for c in ("_planned", "_accepted") if c in cap.columns], pl.lit(0)).fill_null(0).alias("_cap"))
    return (
        window.join(cap, on=["agreement_id", "boundary"], how="left")
        .sort("agreement_id", "boundary", "paid_on", "payment_id")
        .with_columns((pl.col("amount").cum_sum().over("agreement_id", "boundary") - pl.col("amount")).alias("_before"))
        .select("payment_id", (pl.col("_cap").fill_null(0) - pl.col("_before")).clip(0).clip(upper_bound=pl.col("amount")).cast(pl.Int64).alias("explained"))
    )


def _boundary_spread(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payer-years whose last days of December and first days of January, to the same performers, hold much of the year.

    Window: the last ``december_days`` of the year and the first ``january_days`` of the next. A
    window payment is explained as far as a calendar plan signed beforehand or an act accepted then
    accounts for it (:func:`_explained`). The *spread* is the unexplained window money of the
    performers paid, unexplained, on both sides of 31 December. The year's spending is everything
    credited to the year plus those performers' January payments credited elsewhere. Flagged: the
    spread is at least ``boundary_share`` of it, and each side at least ``min_side_share`` of the
    spread (a December alone is NK-08's). A year whose window has not ended is not judged yet.
    """
    late_days, early_days = min(31, max(1, int(params["december_days"]))), min(31, max(1, int(params["january_days"])))
    pay = frames["payments"].filter(pl.col("payer_id").is_not_null() & pl.col("year").is_not_null()).select(
        "payment_id", "payer_id", "performer_id", "agreement_id", "paid_on", "amount", "year",
    )
    subjects = pay.group_by("payer_id", "year").agg(pl.len().alias("lines"), pl.col("amount").sum().alias("credited")).sort("payer_id", "year")
    window = _window_payments(pay.filter(pl.col("paid_on").is_not_null() & pl.col("amount").is_not_null()), late_days, early_days)
    window = window.join(_explained(frames, window, params), on="payment_id", how="left").with_columns(
        pl.col("explained").fill_null(0), (pl.col("amount") - pl.col("explained").fill_null(0)).alias("_open"),
    )
    sides = (
        window.filter((pl.col("_open") > 0) & pl.col("performer_id").is_not_null())
        .group_by("payer_id", "boundary", "performer_id")
        .agg(
            pl.col("_open").filter(pl.col("side") == "dec").sum().alias("_dec"),
            pl.col("_open").filter(pl.col("side") == "jan").sum().alias("_jan"),
            pl.col("amount").filter((pl.col("side") == "jan") & (pl.col("year") != pl.col("boundary"))).sum().alias("_jan_elsewhere"),
        )
        .filter((pl.col("_dec") > 0) & (pl.col("_jan") > 0))
    )
    orgs = organisations(frames)
    sides = with_bin(sides, orgs, "performer_id", "_bin")
    spread = sides.sort("payer_id", "boundary", pl.col("_dec") + pl.col("_jan"), descending=[False, False, True]).group_by(
        "payer_id", "boundary", maintain_order=True,
    ).agg(
        pl.col("_dec").sum().alias("dec"), pl.col("_jan").sum().alias("jan"), pl.col("_jan_elsewhere").sum().alias("jan_elsewhere"),
        pl.len().alias("performers"), pl.col("_bin").drop_nulls().head(10).alias("performer_bins"),
    )
    planned = window.group_by("payer_id", "boundary").agg(pl.col("explained").sum().alias("planned"))
    rows = (
        subjects.join(spread.rename({"boundary": "year"}), on=["payer_id", "year"], how="left")
        .join(planned.rename({"boundary": "year"}), on=["payer_id", "year"], how="left")
        .with_columns(
            pl.col("dec").fill_null(0), pl.col("jan").fill_null(0), pl.col("performers").fill_null(0), pl.col("planned").fill_null(0),
            (pl.col("credited") + pl.col("jan_elsewhere").fill_null(0)).alias("total"),
        )
        .with_columns((pl.col("dec") + pl.col("jan")).alias("spread"))
    )
    rows = with_bin(rows, orgs, "payer_id", "payer_bin")
    window_to = pl.date(pl.col("year") + 1, 1, 1) + pl.duration(days=early_days - 1)
    window_from = pl.date(pl.col("year"), 12, 31) - pl.duration(days=late_days - 1)
    total = pl.col("total").cast(pl.Float64)
    share = pl.col("spread") / total
    threshold, side = float(params["boundary_share"]), float(params["min_side_share"])
    few = (pl.col("lines") < int(params["min_lines"])) & (pl.col("total") < int(params["material_total_tiyn"]))
    judged = judge(
        rows,
        [
            (pl.lit(frames.as_of) <= window_to, "year_open"),
            (few | (pl.col("total") < int(params["min_total_tiyn"])) | (pl.col("total") <= 0), "sample_too_small"),
        ],
        (pl.col("spread") > 0) & (share >= threshold)
        & (pl.col("dec").cast(pl.Float64) >= pl.col("spread").cast(pl.Float64) * side)
        & (pl.col("jan").cast(pl.Float64) >= pl.col("spread").cast(pl.Float64) * side),
    )
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), year=pl.col("year"), next_year=pl.col("year") + 1, window_from=day(window_from), window_to=day(window_to),
            december_tiyn=pl.col("dec"), january_tiyn=pl.col("jan"), spread_tiyn=pl.col("spread"), total_tiyn=pl.col("total"),
            spread_pct=pct(share), threshold_pct=pl.lit(threshold * 100.0), december_pct=pct(pl.col("dec") / total), january_pct=pct(pl.col("jan") / total),
            performers=pl.col("performers"), performer_bins=pl.col("performer_bins"), planned_tiyn=pl.col("planned"), lines=pl.col("lines"),
        ),
        amount=pl.col("spread"),
    )


NK40 = Indicator(
    code="NK-40",
    version=1,
    subject_type="payer_year",
    weight=40,
    title={
        "kk": "Жыл соңындағы төлемдердің желтоқсан мен қаңтарға бөлінуі",
        "ru": "Выплаты конца года, разнесённые на декабрь и январь",
        "en": "Year-end dump spread across the New Year",
    },
    rationale={
        "kk": "1 % шегіне жету үшін жыл соңында асығыс төленетін ақшаны сол орындаушыларға желтоқсанның соңы мен қаңтардың басына бөліп төлеуге болады, сонда желтоқсанның өзі жыл соңындағы шоғырлану шегінен (NK-08) төмен қалады. Бірге алғанда Жаңа жыл айналасындағы күндерге жылдық шығыстардың үлкен бөлігі келеді, бұл кезең-кезеңімен төленетін зерттеулерде сирек болады.",
        "ru": "Деньги, срочно выплачиваемые в конце года ради порога в 1 %, можно разнести на конец декабря и начало января тем же исполнителям, чтобы один декабрь оставался ниже порога концентрации в конце года (NK-08). Вместе же на дни вокруг Нового года приходится большая часть годовых расходов, чего при поэтапной оплате исследований почти не бывает.",
        "en": "Money rushed out at the year end to reach the 1 % floor can be split between late December and early January, to the same performers, so that December alone stays under the year-end threshold (NK-08). Taken together, the days around the New Year then hold a large part of the year's spending, which research paid by stages rarely does.",
    },
    legal_basis={
        "kk": _LAW["kk"] + ". Жыл соңындағы шығыстарға шек қоятын норма жоқ: бұл — аудиторлық тәуекел белгісі, шекті мәндер аудит тәжірибесі бойынша белгіленген.",
        "ru": _LAW["ru"] + ". Нормы, ограничивающей расходы в конце года, нет: это аудиторский признак риска, пороги установлены по практике аудита.",
        "en": _LAW["en"] + ". No rule limits spending at the year end: this is an audit red flag, with thresholds set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} Жаңа жылдың екі жағында да сол орындаушыларға {spread_tiyn} төлеген: {window_from} күннен {year} жылдың соңына дейін {december_tiyn} және {next_year} жылдың басынан {window_to} күнге дейін {january_tiyn}. Бұл оның {year} жылғы ҒЗТКЖ шығыстарының осы қаңтар төлемдерімен бірге алынған жиынының ({total_tiyn}) {spread_pct} үлесі (шекті мән {threshold_pct}), ал желтоқсанның өзі {december_pct}, қаңтар {january_pct}. Екі жағында да төлем алған орындаушылар: {performer_bins} (барлығы {performers}). Алдын ала жоспарланған кезеңдердің немесе қабылданған актілердің төлемі ретінде есепке алынбағаны: {planned_tiyn}.",
        "ru": "Недропользователь {payer_bin} выплатил {spread_tiyn} одним и тем же исполнителям по обе стороны Нового года: {december_tiyn} с {window_from} до конца {year} года и {january_tiyn} с начала {next_year} года по {window_to}. Это {spread_pct} его расходов на НИОКР за {year} год вместе с этими январскими платежами ({total_tiyn}) при пороге {threshold_pct}, тогда как на один декабрь приходится {december_pct}, на январь — {january_pct}. Исполнители, получившие платежи по обе стороны: {performer_bins} (всего {performers}). Не учтены как оплата заранее запланированных этапов или принятых актов: {planned_tiyn}.",
        "en": "Subsoil user {payer_bin} paid {spread_tiyn} to the same performers on both sides of the New Year: {december_tiyn} from {window_from} to the end of {year} and {january_tiyn} from the start of {next_year} to {window_to}. That is {spread_pct} of its {year} R&D spending together with those January payments ({total_tiyn}), against a threshold of {threshold_pct}, while December alone is {december_pct} and January {january_pct}. Performers paid on both sides: {performer_bins} ({performers} in all). Left out as payments for stages planned beforehand or for accepted acts: {planned_tiyn}.",
    },
    needs=("payments",),
    evaluate=_boundary_spread,
    thresholds=(
        Threshold("december_days", 15, {"kk": "Жылдың соңғы күндерінің саны (желтоқсанның соңы, 1-ден 31-ге дейін), олардағы төлемдер Жаңа жыл айналасындағы кезеңге кіреді.", "ru": "Число последних дней года (конец декабря, от 1 до 31), платежи которых входят в окно вокруг Нового года.", "en": "Last days of the year (late December, 1 to 31) whose payments are in the window around the New Year."}),
        Threshold("january_days", 15, {"kk": "Келесі жылдың алғашқы күндерінің саны (қаңтардың басы, 1-ден 31-ге дейін), олардағы төлемдер Жаңа жыл айналасындағы кезеңге кіреді. Кезең аяқталғанға дейін жыл бағаланбайды.", "ru": "Число первых дней следующего года (начало января, от 1 до 31), платежи которых входят в окно вокруг Нового года. Пока окно не закончилось, год не оценивается.", "en": "First days of the next year (early January, 1 to 31) whose payments are in the window around the New Year. Until the window has ended the year is not judged."}),
        Threshold("boundary_share", 0.40, {"kk": "Екі жағында да төлем алған орындаушыларға кезеңде төленген сома жылдық шығыстардың (осы қаңтар төлемдерімен бірге) кемінде осы үлесі болса, тәуекел белгісі қойылады. Кезең-кезеңімен жоспарланған шығыстарда бұл бір айлық кезеңге жылдың оннан бір бөлігіне жуығы келеді.", "ru": "Флаг ставится, если выплаченное в окне исполнителям, получившим платежи по обе стороны, составляет не менее этой доли годовых расходов (вместе с этими январскими платежами). При поэтапном планировании на такое месячное окно приходится около десятой части года.", "en": "Flag when what the window paid to the performers paid on both sides is at least this share of the year's spending (those January payments included). Spending planned by stages puts about a tenth of a year into such a month-long window."}),
        Threshold("min_side_share", 0.25, {"kk": "Желтоқсан бөлігі де, қаңтар бөлігі де осы соманың кемінде осы үлесі болуы тиіс: тек желтоқсанның өзіндегі шоғырлануды NK-08 бағалайды.", "ru": "И декабрьская, и январская части должны составлять не менее этой доли этой суммы: концентрацию в одном декабре оценивает NK-08.", "en": "Both the December and the January part must be at least this share of that sum: a dump in December alone is NK-08's."}),
        Threshold("plan_lead_days", 60, {"kk": "Кезең аяқталатын күн желтоқсан немесе кезеңнің соңы болатын күнтізбелік жоспар бойынша төлем есепке алынбайды, егер шартқа (оның жоспарымен) кезең басталғанға дейін кемінде осынша күн бұрын қол қойылған болса; сол аралықта қол қойылған актілердің төлемі де есепке алынбайды.", "ru": "Платёж по календарному плану с этапом, заканчивающимся в декабре или в окне, не учитывается, если договор (с его планом) подписан не менее чем за это число дней до начала окна; оплата актов, подписанных в это время, тоже не учитывается.", "en": "A payment for a stage planned to end in December or in the window is left out when the agreement (with its plan) was signed at least this many days before the window opened; so is payment for acts signed in that time."}),
        Threshold("min_lines", 6, {"kk": "Жылдағы төлем жолдары бұдан аз және шығыстар елеулі сомадан аз болса, жыл бағаланбайды (деректер тым аз).", "ru": "Если платёжных строк за год меньше, а расходы меньше существенной суммы, год не оценивается (слишком мало данных).", "en": "Fewer payment lines in the year than this, and spending below the material sum: the year is not judged (too small a sample)."}),
        Threshold("material_total_tiyn", 1_000_000_000, {"kk": "Жолдары аз жыл да, шығыстары осы сомадан кем болмаса, бағаланады.", "ru": "Год с малым числом строк всё же оценивается, если его расходы не меньше этой суммы.", "en": "A year of fewer lines is still judged when its spending is at least this."}),
        Threshold("min_total_tiyn", 5_000_000, {"kk": "Осы сомадан аз жылдық шығыстар бағаланбайды (деректер тым аз).", "ru": "Годовые расходы меньше этой суммы не оцениваются (слишком мало данных).", "en": "Yearly spending below this is not judged (too small a sample)."}),
    ),
    truth_codes=("year_boundary_spread",),
)

INDICATORS: tuple[Indicator, ...] = (NK39, NK40)
