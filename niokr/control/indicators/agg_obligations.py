"""The obligation itself: arrears, budget transfers and base figures — NK-12, NK-13, NK-14, NK-15, NK-21.

All five judge a right-year (``right_year``: a subsoil use right and the year of the obligation).

Deadlines are a gap of the law (no retrieved act fixes when a year's spending is final, when a
budget contribution is due or when the base must be reported), so each is a threshold counted in
days from 31 December, with the default and its reason stated on the threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import (
    BASE_TYPE_LABELS, DAY_FORMAT, day, day_of, evidence, finish, judge, labels, organisations, pct, with_bin, year_end,
)
from niokr.control.indicators.base import Frames, Indicator, Threshold, format_day, format_money, format_percent

__all__ = ["INDICATORS", "NK12", "NK13", "NK14", "NK15", "NK21", "DOUBT_CODES", "DOUBT_FRAME", "doubt_of", "spending_in_doubt"]

OWED = ("partly", "unfulfilled")
NOTHING_OWED = ("not_due", "no_obligation")
BASE_MISSING = "base_missing"

#: Legal acts cited by several indicators of this module, in each language.
BUDGET_ACTS = {
    "kk": "Энергетика министрінің 2025 жылғы 17 желтоқсандағы № 490-н/қ және Ғылым және жоғары білім министрі м.а. 2025 жылғы 17 желтоқсандағы № 574 бірлескен бұйрығы (НМ 2025 жылғы 18 желтоқсанда № 37604 тіркелген) және 2025 жылғы 29 желтоқсандағы № 553/№ 598 бірлескен бұйрық (НМ № 37778): жарна республикалық бюджетке БСК 401103 бойынша аударылады (Бюджеттік сыныптама, Қаржы министрінің 2014 жылғы 18 қыркүйектегі № 403 бұйрығы)",
    "ru": "Совместный приказ Министра энергетики от 17.12.2025 № 490-н/қ и и. о. Министра науки и высшего образования от 17.12.2025 № 574 (зарегистрирован МЮ 18.12.2025 № 37604) и совместный приказ от 29.12.2025 № 553/№ 598 (МЮ № 37778): отчисления перечисляются в республиканский бюджет по КБК 401103 (Единая бюджетная классификация, приказ Министра финансов от 18.09.2014 № 403)",
    "en": "Joint order of the Minister of Energy of 17.12.2025 No 490-н/қ and the acting Minister of Science and Higher Education of 17.12.2025 No 574 (MoJ 18.12.2025 No 37604) and joint order of 29.12.2025 No 553/No 598 (MoJ No 37778): contributions are transferred to the republican budget under KBK 401103 (Unified Budget Classification, Minister of Finance order of 18.09.2014 No 403)",
}


def _right_names() -> dict[str, pl.Expr]:
    """Evidence fields ``right_kk``, ``right_ru``, ``right_en``: the right by its registered number.

    A frame without the number (tests, a right not found) names the right by its row number, as
    "#13" in English and "№ 13" in Kazakh and Russian.
    """
    number = pl.col("right_number")
    return {
        "right_kk": pl.coalesce(number, pl.concat_str([pl.lit("№ "), pl.col("right_id").cast(pl.Utf8)])),
        "right_ru": pl.coalesce(number, pl.concat_str([pl.lit("№ "), pl.col("right_id").cast(pl.Utf8)])),
        "right_en": pl.coalesce(number, pl.concat_str([pl.lit("#"), pl.col("right_id").cast(pl.Utf8)])),
    }


def _right_years(frames: Frames) -> pl.DataFrame:
    """Right-years with a right and a year (anything else has no subject), with the payer's BIN."""
    rows = frames["right_years"].filter(pl.col("right_id").is_not_null() & pl.col("year").is_not_null()).sort("right_id", "year")
    return with_bin(rows, organisations(frames), "payer_id", "payer_bin")


# -- NK-12 arrears ---------------------------------------------------------------------------------


#: The indicators whose findings put reported spending in doubt, and NK-12 nets out of fulfilment.
DOUBT_CODES = ("NK-06", "NK-07")


#: The frame in which a runner hands NK-12 the spending in doubt (:func:`doubt_of`) computed from the
#: outcomes of NK-06 and NK-07 it has evaluated anyway, with the thresholds in force for them.
DOUBT_FRAME = "spending_in_doubt"

_DOUBT_SCHEMA = {"right_id": pl.Int64, "year": pl.Int32, "duplicates": pl.Int64, "non_rd": pl.Int64, "doubtful": pl.Int64}


def doubt_of(outcomes: Mapping[str, pl.DataFrame], payments: pl.DataFrame) -> pl.DataFrame:
    """Per right-year, the reported direct spending that NK-06 and NK-07's ``outcomes`` put in doubt.

    ``right_id``, ``year``, ``duplicates`` (tiyn: the later copies NK-06 finds), ``non_rd`` (tiyn:
    the payments NK-07 finds not to be R&D) and ``doubtful`` (a payment found by both counted once).
    """
    empty = pl.DataFrame(schema=_DOUBT_SCHEMA)
    stakes = []
    for code, column in zip(DOUBT_CODES, ("_dup", "_non_rd"), strict=True):
        out = outcomes[code]
        stakes.append(out.filter((pl.col("status") == "flagged") & (pl.col("amount") > 0)).select(pl.col("subject_id").alias("payment_id"), pl.col("amount").alias(column)))
    per_payment = stakes[0].join(stakes[1], on="payment_id", how="full", coalesce=True).with_columns(pl.col("_dup").fill_null(0), pl.col("_non_rd").fill_null(0))
    if per_payment.is_empty():
        return empty
    return (
        per_payment.join(payments.select("payment_id", "right_id", "year"), on="payment_id", how="inner")
        .filter(pl.col("right_id").is_not_null() & pl.col("year").is_not_null())
        .group_by("right_id", "year")
        .agg(pl.col("_dup").sum().alias("duplicates"), pl.col("_non_rd").sum().alias("non_rd"), pl.max_horizontal("_dup", "_non_rd").sum().alias("doubtful"))
        .cast(empty.schema)
    )


def spending_in_doubt(frames: Frames) -> pl.DataFrame:
    """Per right-year, the reported direct spending that this evaluation's NK-06 and NK-07 put in doubt (:func:`doubt_of`).

    A run evaluates NK-06 and NK-07 anyway and hands their figures in :data:`DOUBT_FRAME`;
    evaluated alone, NK-12 evaluates the two here with the same functions and their catalogue
    defaults, so that it stays a pure function of the frames.
    """
    from niokr.control.indicators import relations
    from niokr.control.indicators.base import evaluate

    if frames.has(DOUBT_FRAME):
        return frames[DOUBT_FRAME]
    if not frames.has("payments"):
        return pl.DataFrame(schema=_DOUBT_SCHEMA)
    by_code = {i.code: i for i in relations.INDICATORS}
    return doubt_of({code: evaluate(by_code[code], frames) for code in DOUBT_CODES}, frames["payments"])


def _arrears(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Right-years left in arrears once the year is closed, with every closed year in arrears of the right.

    A year closes after its settlement period: direct spending may still be credited to it for
    ``direct_grace_days`` after 31 December; a budget contribution is due ``budget_deadline_days``
    after it. Before that a shortfall is not yet a finding (not computable, ``year_open``).

    With ``net_of_doubt`` the arrears are judged also net of the spending in doubt
    (:func:`spending_in_doubt`): a direct-channel year reported as fulfilled whose fulfilment, less
    the copies and non-R&D payments found in it, falls short of the obligation is flagged too, and
    the evidence names both figures.
    """
    rows = _right_years(frames)
    if int(params["net_of_doubt"]):
        rows = rows.join(spending_in_doubt(frames), on=["right_id", "year"], how="left")
    else:
        rows = rows.with_columns(pl.lit(None, dtype=pl.Int64).alias(c) for c in ("duplicates", "non_rd", "doubtful"))
    rows = rows.with_columns(
        pl.when(pl.col("channel") == "budget").then(pl.lit(0)).otherwise(pl.col("doubtful").fill_null(0)).cast(pl.Int64).alias("doubtful"),
        pl.col("duplicates").fill_null(0), pl.col("non_rd").fill_null(0),
    ).with_columns(
        (pl.col("fulfilled").fill_null(0) - pl.col("doubtful")).alias("net_fulfilled"),
        (pl.col("obligation") - pl.col("credit_in").fill_null(0) - pl.col("fulfilled").fill_null(0) + pl.col("doubtful")).alias("net_arrears"),
    )
    closes = (
        pl.when(pl.col("channel") == "budget")
        .then(year_end(pl.col("year"), int(params["budget_deadline_days"])))
        .otherwise(year_end(pl.col("year"), int(params["direct_grace_days"])))
    )
    owed = pl.col("status").is_in(OWED)
    in_arrears = owed & (pl.col("arrears") > 0)
    # Reported as fulfilled, short once the spending in doubt is taken out.
    short_net = (pl.col("status") == "fulfilled") & pl.col("obligation").is_not_null() & (pl.col("doubtful") > 0) & (pl.col("net_arrears") > 0)
    closed = pl.lit(frames.as_of) > pl.col("closes_on")
    rows = rows.with_columns(closes.alias("closes_on"))
    history = rows.filter(in_arrears & closed).group_by("right_id").agg(pl.col("year").sort().alias("arrears_years"))
    rows = rows.join(history, on="right_id", how="left")
    judged = judge(
        rows,
        [
            (pl.col("status").is_null(), "no_status"),
            (pl.col("status") == BASE_MISSING, "no_base"),
            (owed & pl.col("arrears").is_null(), "no_balance"),
            ((in_arrears | short_net) & ~closed, "year_open"),
        ],
        (in_arrears | short_net) & closed,
    )
    return finish(
        judged,
        subject_id=pl.col("right_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"), regime_code=pl.col("regime_code"), channel=pl.col("channel"),
            obligation_tiyn=pl.col("obligation"), fulfilled_tiyn=pl.col("fulfilled"), credit_in_tiyn=pl.col("credit_in"), arrears_tiyn=pl.col("arrears"),
            arrears_years=pl.col("arrears_years"), arrears_count=pl.col("arrears_years").list.len(),
            doubtful_tiyn=pl.col("doubtful"), duplicates_tiyn=pl.col("duplicates"), non_rd_tiyn=pl.col("non_rd"),
            net_fulfilled_tiyn=pl.col("net_fulfilled"), net_arrears_tiyn=pl.max_horizontal(pl.col("net_arrears"), pl.lit(0)), short_net_only=~in_arrears,
        ),
        amount=pl.when(in_arrears).then(pl.col("arrears")).otherwise(pl.col("net_arrears")),
    )


NK12 = Indicator(
    code="NK-12",
    version=2,
    subject_type="right_year",
    weight=70,
    title={
        "kk": "ҒЗТКЖ міндеттемесі бойынша берешек",
        "ru": "Задолженность по обязательству НИОКР",
        "en": "Arrears of the R&D obligation",
    },
    rationale={
        "kk": "Міндеттемесі шығыстармен, аударымдармен және алдыңғы жылдардан есепке жатқызылған сомамен жабылмаған жыл — келісімшарт немесе лицензия талабын бұзу; бірнеше жыл қайталанатын берешек кездейсоқтық емес, жүйелі сипатты көрсетеді.",
        "ru": "Год, обязательство которого не покрыто расходами, перечислениями и перенесённым зачётом, — нарушение условия контракта или лицензии; задолженность, повторяющаяся из года в год, говорит о системе, а не о случайности.",
        "en": "A due year whose obligation was not covered by spending, transfers and credit brought forward breaches the contract or licence condition; arrears that recur across years show a pattern rather than an accident.",
    },
    legal_basis={
        "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ (алдыңғы жылғы жылдық жиынтық табыстың кемінде 1 %-ы; 2014 жылғы 29 желтоқсандағы № 271-V Заңнан бастап артық орындау кейінгі кезеңдерге есептеледі); 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129-бап 1-тармақ 2) тармақша және 178-бап 1-тармақ 2) тармақша, 2018 жылғы 31 мамырдағы № 222/№ 244 (НМ № 17096) және 2018 жылғы 30 мамырдағы № 410/31 мамырдағы № 245 бірлескен бұйрықтармен бекітілген қағидалар; 2026 жылдан — бюджеттік қағидалар (НМ № 37604, № 37778). Жетпеген сома сол жылдың берешегі болып қалады.",
        "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 (не менее 1 % совокупного годового дохода предыдущего года; с Закона от 29.12.2014 № 271-V превышение засчитывается в последующие периоды); Кодекс от 27.12.2017 № 125-VI, ст. 129 п. 1 пп. 2 и ст. 178 п. 1 пп. 2 с правилами, утверждёнными совместными приказами от 31.05.2018 № 222/№ 244 (МЮ № 17096) и от 30.05.2018 № 410/31.05.2018 № 245; с 2026 года — бюджетные правила (МЮ № 37604, № 37778). Недостача остаётся задолженностью своего года.",
        "en": "Law of 24.06.2010 No 291-IV, art. 76 item 12-1 (at least 1 % of the previous year's aggregate annual income; over-fulfilment offset against later periods since Law of 29.12.2014 No 271-V); Code of 27.12.2017 No 125-VI, art. 129(1)(2) and 178(1)(2) with the rules approved by joint orders of 31.05.2018 No 222/No 244 (MoJ No 17096) and of 30.05.2018 No 410/31.05.2018 No 245; from 2026 the budget rules (MoJ No 37604, No 37778). A shortfall stays as arrears of its year.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}: {right_kk} жер қойнауын пайдалану құқығы, {year} жыл («{regime_code}»): міндеттеме {obligation_tiyn}, орындалғаны {fulfilled_tiyn}, алдыңғы жылдардан есепке жатқызылған сома {credit_in_tiyn}, берешек {arrears_tiyn}; осы құқық бойынша берешегі бар жылдар: {arrears_years} (барлығы {arrears_count}). Күмәнді шығыстар (қайталанған төлемдер {duplicates_tiyn}, ҒЗТКЖ емес төлемдер {non_rd_tiyn}) шегерілгенде орындалғаны {net_fulfilled_tiyn}, берешек {net_arrears_tiyn}.",
        "ru": "Право недропользования {right_ru} недропользователя {payer_bin}, {year} год («{regime_code}»): обязательство {obligation_tiyn}, исполнено {fulfilled_tiyn}, перенесённый зачёт {credit_in_tiyn}, задолженность {arrears_tiyn}; годы с задолженностью по этому праву: {arrears_years} (всего {arrears_count}). За вычетом расходов под сомнением (повторно заявленные платежи {duplicates_tiyn}, платежи не на НИОКР {non_rd_tiyn}) исполнено {net_fulfilled_tiyn}, задолженность {net_arrears_tiyn}.",
        "en": "Subsoil use right {right_en} of subsoil user {payer_bin}, year {year} («{regime_code}»): obligation {obligation_tiyn}, fulfilled {fulfilled_tiyn}, credit brought forward {credit_in_tiyn}, arrears {arrears_tiyn}; years in arrears for this right: {arrears_years} ({arrears_count} in all). Net of the spending in doubt (payments claimed twice {duplicates_tiyn}, payments not for R&D {non_rd_tiyn}) fulfilled {net_fulfilled_tiyn}, arrears {net_arrears_tiyn}.",
    },
    needs=("right_years",),
    evaluate=_arrears,
    thresholds=(
        Threshold("direct_grace_days", 90, {"kk": "Тікелей арна: 31 желтоқсаннан кейінгі күндер саны, осы уақытта шығыстар әлі де жылға есептелуі мүмкін (бірінші тоқсанның кезеңдік төлемдері; 90 — 31 наурыз). Мұны ешбір акт белгілемейді; осы мерзімге дейін тапшылық бағаланбайды (жыл әлі ашық).", "ru": "Прямой канал: число дней после 31 декабря, в течение которых расходы ещё могут засчитываться в год (поэтапные платежи первого квартала; 90 — 31 марта). Ни один акт этого не устанавливает; до этого срока недостача не оценивается (год ещё открыт).", "en": "Direct channel: days after 31 December during which spending may still be credited to the year (stage payments of the first quarter; 90 = 31 March). No act fixes this; until then a shortfall is not judged (the year is still open)."}),
        Threshold("budget_deadline_days", 0, {"kk": "Бюджеттік арна: жылдық жарна аударылуы тиіс 31 желтоқсаннан кейінгі күндер саны (0 — 31 желтоқсан, бюджеттік жыл). Жарияланған мерзім табылған жоқ; NK-14-тегідей болжам.", "ru": "Бюджетный канал: число дней после 31 декабря, к которому должен быть перечислен взнос за год (0 — 31 декабря, бюджетный год). Опубликованный срок не найден; то же допущение, что в NK-14.", "en": "Budget channel: days after 31 December by which the year's contribution is due (0 = 31 December, the budget year). No published deadline was retrieved; the same assumption as NK-14."}),
        Threshold("net_of_doubt", 1, {"kk": "Иә — тікелей арнадағы жылды күмәнді шығыстарды шегеріп те бағалау (NK-06 тапқан қайталанған көшірмелер және NK-07 тапқан ҒЗТКЖ емес төлемдер, сол құқық пен жыл бойынша; іске қосудағы шектерімен) және шегерілгеннен кейінгі орындау міндеттемеден төмен болса, тәуекел белгісін қою; жоқ — тек жалпы сома бойынша.", "ru": "Да — оценивать год прямого канала также за вычетом расходов под сомнением (повторные копии, найденные NK-06, и платежи не на НИОКР, найденные NK-07, по тому же праву и году; с их порогами, действующими в запуске) и ставить флаг, если исполнение за вычетом сомнительных расходов ниже обязательства; нет — только по валовой сумме.", "en": "Yes: judge a direct-channel year also net of the spending in doubt — the later copies NK-06 finds and the payments NK-07 finds not to be R&D, in that right-year (with their thresholds in force in a run; their defaults when NK-12 is evaluated alone) — and flag it when the net falls below the obligation; no: the gross figure only."}),
    ),
    truth_codes=("shortfall",),
)


# -- NK-13 transfers not matched by treasury receipts ----------------------------------------------


def _unconfirmed_transfers(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Reported transfers with no treasury receipt of the same payer, order number, amount and date.

    A transfer the treasury confirmed is a receipt; one it has not is a report to be matched. The
    receipt may carry another right or year than the report (the treasury attributes by its own
    file), so matching is by payer and order number, with the amount equal and the dates at most
    ``date_tolerance_days`` apart. A report younger than ``confirmation_days`` may simply not have
    been confirmed yet. A subsoil user's own run sees only its own receipts, which are all its
    reports can match, so a national and a single-user run judge its transfers alike.
    """
    transfers = frames["transfers"].filter(pl.col("right_id").is_not_null() & pl.col("year").is_not_null()).with_columns(
        pl.col("order_number").str.strip_chars().str.to_uppercase().alias("order_key"),
        pl.col("treasury_confirmed").fill_null(False).alias("confirmed"),
    )
    reported = transfers.filter(~pl.col("confirmed"))
    receipts = transfers.filter(pl.col("confirmed"))
    tolerance = int(params["date_tolerance_days"])
    gap = (pl.col("receipt_paid_on") - pl.col("paid_on")).dt.total_days().abs()
    candidates = reported.select("transfer_id", "payer_id", "order_key", "paid_on", "amount").join(
        receipts.select("payer_id", "order_key", pl.col("paid_on").alias("receipt_paid_on"), pl.col("amount").alias("receipt_amount")),
        on=["payer_id", "order_key"], how="left",
    ).with_columns(((pl.col("receipt_amount") == pl.col("amount")) & (gap <= tolerance)).alias("exact"), gap.alias("gap"))
    best = (
        candidates.sort(["transfer_id", "exact", "gap"], descending=[False, True, False], nulls_last=True)
        .group_by("transfer_id", maintain_order=True)
        .agg(pl.col("exact").first().fill_null(False).alias("matched"), pl.col("receipt_amount").first().alias("received"))
    )
    overdue = (pl.lit(frames.as_of) - pl.col("paid_on")).dt.total_days() > int(params["confirmation_days"])
    reported = reported.join(best, on="transfer_id", how="left").with_columns(
        (~pl.col("matched") & (pl.col("received").is_not_null() | overdue)).alias("unmatched"),
        (~pl.col("matched") & pl.col("received").is_null() & ~overdue).alias("pending"),
    ).sort("right_id", "year", "paid_on", "order_key", "transfer_id")
    issues = reported.filter(pl.col("unmatched")).group_by("right_id", "year", maintain_order=True).agg(
        pl.len().alias("unmatched_count"),
        pl.col("amount").sum().alias("unmatched_amount"),
        pl.col("received").fill_null(0).sum().alias("received_amount"),
        (pl.col("amount") - pl.col("received").fill_null(0)).clip(lower_bound=0).sum().alias("at_stake"),
        pl.concat_str([pl.col("order_number"), pl.lit(" ("), day(pl.col("paid_on")), pl.lit(")")]).alias("orders"),
    )
    subjects = transfers.group_by("right_id", "year").agg(pl.col("payer_id").min(), pl.col("right_number").drop_nulls().first()).sort("right_id", "year")
    pending = reported.filter(pl.col("pending")).group_by("right_id", "year").agg(pl.len().alias("pending_count"))
    rows = (
        subjects.join(issues, on=["right_id", "year"], how="left")
        .join(pending, on=["right_id", "year"], how="left")
        .with_columns(pl.col("unmatched_count").fill_null(0), pl.col("pending_count").fill_null(0))
    )
    rows = with_bin(rows, organisations(frames), "payer_id", "payer_bin")
    judged = judge(
        rows,
        [((pl.col("unmatched_count") == 0) & (pl.col("pending_count") > 0), "awaiting_treasury")],
        pl.col("unmatched_count") > 0,
    )
    return finish(
        judged,
        subject_id=pl.col("right_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"), unmatched_count=pl.col("unmatched_count"),
            unmatched_tiyn=pl.col("unmatched_amount"), received_tiyn=pl.col("received_amount"), orders=pl.col("orders"),
            confirmation_days=pl.lit(int(params["confirmation_days"])), as_of=day_of(frames.as_of),
        ),
        amount=pl.col("at_stake"),
    )


NK13 = Indicator(
    code="NK-13",
    version=1,
    subject_type="right_year",
    weight=75,
    title={
        "kk": "Бюджетке аударымды қазынашылық растамаған",
        "ru": "Перечисление в бюджет не подтверждено казначейством",
        "en": "Budget transfer not confirmed by the treasury",
    },
    rationale={
        "kk": "Бюджеттік арна бойынша міндеттемені тек қазынашылық БСК 401103 бойынша алған қаражат орындайды; сәйкес түсімі жоқ (нөмірі, сомасы, күні бірдей) мәлімделген төлем тапсырмасы мүлде төленбеген немесе басқа жаққа төленген болуы мүмкін.",
        "ru": "В бюджетном канале обязательство исполняют только деньги, полученные казначейством по КБК 401103; заявленное платёжное поручение без соответствующего поступления (тот же номер, сумма и дата) могло быть вовсе не оплачено или оплачено не туда.",
        "en": "Under the budget channel only money the treasury received under KBK 401103 fulfils the obligation; a reported payment order with no matching receipt (same order number, amount and date) may never have been paid, or was paid elsewhere.",
    },
    legal_basis={
        "kk": BUDGET_ACTS["kk"] + ". Сәйкестендіру ережелері мен қазынашылықтың растау мерзімі аудит тәжірибесі бойынша белгіленген.",
        "ru": BUDGET_ACTS["ru"] + ". Правила сопоставления и срок подтверждения казначейством установлены по практике аудита.",
        "en": BUDGET_ACTS["en"] + ". The matching rules and the treasury's confirmation period are set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}, {right_kk} жер қойнауын пайдалану құқығы, {year} жыл: БСК 401103 бойынша мәлімделген аударымдар (саны {unmatched_count}, сомасы {unmatched_tiyn}) төлемнен кейін {confirmation_days} күн өтсе де {as_of} жағдай бойынша қазынашылық түсімімен расталмаған ({orders}); сол төлем тапсырмаларының нөмірлері бойынша қазынашылық алған сома: {received_tiyn}.",
        "ru": "Недропользователь {payer_bin}, право недропользования {right_ru}, {year} год: заявленные перечисления по КБК 401103 (количество {unmatched_count}, сумма {unmatched_tiyn}) на {as_of} не подтверждены поступлением в казначействе, хотя после оплаты прошло более {confirmation_days} дн. ({orders}); по тем же номерам платёжных поручений казначейство получило {received_tiyn}.",
        "en": "Subsoil user {payer_bin}, subsoil use right {right_en}, year {year}: reported transfers to KBK 401103 with no matching treasury receipt on {as_of}, more than {confirmation_days} days after payment: {unmatched_count}, totalling {unmatched_tiyn} ({orders}); the treasury received {received_tiyn} under the same order numbers.",
    },
    needs=("transfers",),
    evaluate=_unconfirmed_transfers,
    thresholds=(
        Threshold("confirmation_days", 30, {"kk": "Қазынашылықтың мәлімделген аударымды растау мерзімі; расталмаған аударым бұдан жас болса, құқық жылы бағаланбайды (қазынашылықтың растауы күтілуде).", "ru": "Срок, за который казначейство должно подтвердить заявленное перечисление; пока неподтверждённое перечисление моложе, год права не оценивается (ожидается подтверждение казначейства).", "en": "Days the treasury is given to confirm a reported transfer; while a report that has found no receipt is younger, the right-year is not judged (awaiting the treasury)."}),
        Threshold("date_tolerance_days", 3, {"kk": "Түсім төлеушісі, тапсырма нөмірі және сомасы бірдей мәлімделген аударымға, егер олардың күндері осы күндер санынан артық ерекшеленбесе, сәйкес келеді (валюталау күні мен тапсырма күні).", "ru": "Поступление соответствует заявленному перечислению с тем же плательщиком, номером поручения и суммой, если их даты различаются не больше чем на это число дней (дата валютирования против даты поручения).", "en": "A receipt matches a report with the same payer, order number and amount when their dates are at most this many days apart (value date versus order date)."}),
    ),
)


# -- NK-14 budget transfer missing or late ---------------------------------------------------------


def _missing_transfer(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Budget-channel right-years transferred short near or after the deadline, or paid late.

    Due is the obligation less the credit brought forward. *Short*: what was transferred on time
    leaves more than ``min_short_share`` of the due amount outstanding once fewer than
    ``warn_days`` remain before the deadline (an early warning) or after it — nothing at all, or a
    part. *Late*: money that came after the deadline is not on time, so it does not cover the year
    either. A shortfall earlier in the year is not computable (``deadline_ahead``).
    """
    deadline_days = int(params["deadline_days"])
    rows = _right_years(frames).filter(pl.col("channel") == "budget").with_columns(year_end(pl.col("year"), deadline_days).alias("deadline"))
    transfers = frames["transfers"].join(rows.select("right_id", "year", "deadline"), on=["right_id", "year"], how="inner")
    late = pl.col("paid_on") > pl.col("deadline")
    paid = transfers.group_by("right_id", "year").agg(
        pl.len().alias("transfers"),
        pl.col("amount").sum().alias("transferred"),
        pl.col("amount").filter(late).sum().alias("late"),
        pl.col("paid_on").max().alias("last_paid_on"),
    )
    rows = rows.join(paid, on=["right_id", "year"], how="left").with_columns(
        pl.col("transfers").fill_null(0), pl.col("transferred").fill_null(0), pl.col("late").fill_null(0),
        (pl.col("obligation") - pl.col("credit_in").fill_null(0)).alias("due"),
    )
    on_time = pl.col("transferred") - pl.col("late")
    warned = pl.lit(frames.as_of) >= pl.col("deadline") - pl.duration(days=int(params["warn_days"]))
    short = (pl.col("due") > 0) & ((pl.col("due") - on_time).cast(pl.Float64) > pl.col("due").cast(pl.Float64) * float(params["min_short_share"]))
    judged = judge(
        rows,
        [
            (pl.col("status").is_null(), "no_status"),
            ((pl.col("status") == BASE_MISSING) | (pl.col("obligation").is_null() & ~pl.col("status").is_in(NOTHING_OWED)), "no_base"),
            (short & ~warned, "deadline_ahead"),
        ],
        short & warned,
    )
    return finish(
        judged,
        subject_id=pl.col("right_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"), regime_code=pl.col("regime_code"),
            obligation_tiyn=pl.col("obligation"), credit_in_tiyn=pl.col("credit_in"), transferred_tiyn=pl.col("transferred"), late_tiyn=pl.col("late"),
            outstanding_tiyn=(pl.col("due") - pl.col("transferred")).clip(lower_bound=0), deadline=day(pl.col("deadline")), as_of=day_of(frames.as_of),
            last_paid_on=day(pl.col("last_paid_on")),
        ),
        amount=(pl.col("due") - on_time).clip(lower_bound=0),
    )


NK14 = Indicator(
    code="NK-14",
    version=2,
    subject_type="right_year",
    weight=80,
    title={
        "kk": "Бюджетке аударым жоқ немесе кешіктірілген",
        "ru": "Перечисление в бюджет отсутствует или просрочено",
        "en": "Budget transfer missing or late",
    },
    rationale={
        "kk": "Бюджеттік арна бойынша жылдың бүкіл міндеттемесі БСК 401103 бойынша аударылады; мерзім жақындағанда аз аударылуы (мүлде ештеңе немесе тек бір бөлігі) немесе қаражаттың мерзімнен кейін түсуі — орындамаудың ең айқын белгісі.",
        "ru": "В бюджетном канале всё обязательство года — это перечисление по КБК 401103; недостаточное перечисление у самого срока — ничего или лишь часть — или поступление денег после него — самый явный признак неисполнения.",
        "en": "Under the budget channel the whole obligation of the year is a transfer to KBK 401103; too little transferred close to the deadline — nothing, or a part — or money arriving after it, is the plainest sign of non-fulfilment.",
    },
    legal_basis={
        "kk": BUDGET_ACTS["kk"] + "; жарна өндіру (лицензия) кезеңінің екінші жылынан бастап жыл сайын алдыңғы жылғы өндіру шығындарының 1 %-ы мөлшерінде төленеді. Төлеу мерзімі бар акт табылмады: әдепкі мерзім — жылдың 31 желтоқсаны (бюджет жылы), бұл баптауға болатын болжам.",
        "ru": BUDGET_ACTS["ru"] + "; отчисления — 1 % затрат на добычу предыдущего года ежегодно со второго года периода добычи (лицензии). Акт со сроком уплаты не найден: срок по умолчанию — 31 декабря года (бюджетный год), это настраиваемое допущение.",
        "en": BUDGET_ACTS["en"] + "; the contribution is 1 % of the previous year's production costs every year from the second production (licence) year. No act with a payment deadline was retrieved: the default deadline is 31 December of the year (the budget year), a configurable assumption.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}, {right_kk} жер қойнауын пайдалану құқығы, {year} жыл: республикалық бюджетке (БСК 401103) міндеттеме {obligation_tiyn} (алдыңғы жылдардан есепке жатқызылған сома {credit_in_tiyn}), төлеу мерзімі — {deadline}; {as_of} жағдай бойынша аударылғаны {transferred_tiyn} (оның ішінде мерзімнен кейін {late_tiyn}); аударылмағаны {outstanding_tiyn}.",
        "ru": "Недропользователь {payer_bin}, право недропользования {right_ru}, {year} год: обязательство перед республиканским бюджетом (КБК 401103) {obligation_tiyn} (перенесённый зачёт {credit_in_tiyn}) со сроком до {deadline}; на {as_of} перечислено {transferred_tiyn} (из них после срока {late_tiyn}); не перечислено {outstanding_tiyn}.",
        "en": "Subsoil user {payer_bin}, subsoil use right {right_en}, year {year}: obligation to the republican budget (KBK 401103) of {obligation_tiyn} (credit brought forward {credit_in_tiyn}) due by {deadline}; transferred by {as_of}: {transferred_tiyn} (after the deadline: {late_tiyn}); outstanding: {outstanding_tiyn}.",
    },
    needs=("right_years", "transfers"),
    evaluate=_missing_transfer,
    thresholds=(
        Threshold("deadline_days", 0, {"kk": "Жылдық жарна аударылуы тиіс жылдың 31 желтоқсанынан кейінгі күндер саны (0 — 31 желтоқсан). Жарияланған мерзім табылған жоқ (заңнамадағы олқылық); бюджеттік жыл күнтізбелік жылмен сәйкес.", "ru": "Число дней после 31 декабря года, к которому взнос за год должен быть перечислен (0 — 31 декабря). Опубликованный срок не найден (пробел в законодательстве); бюджетный год совпадает с календарным.", "en": "Days after 31 December of the year by which its contribution must be transferred (0 = 31 December). No published deadline was retrieved (a gap in the law); the budget year is the calendar year."}),
        Threshold("warn_days", 60, {"kk": "Құқық жылы бойынша толық аударылмаған жағдайға мерзімге осынша күн қалғаннан бастап (ерте ескерту) және мерзімнен кейін тәуекел белгісі қойылады; бұған дейін бағаланбайды (мерзім әлі келген жоқ).", "ru": "Недоперечисление по году права получает флаг начиная с этого числа дней до срока (раннее предупреждение) и после срока; раньше оно не оценивается (срок ещё не наступил).", "en": "A right-year transferred short is flagged from this many days before the deadline (an early warning) and after it; earlier it is not judged (the deadline is ahead)."}),
        Threshold("min_short_share", 0.01, {"kk": "Төленуге тиіс соманың мерзімінде аударылмай қалуы мүмкін үлесі, тәуекел белгісінсіз: дөңгелектеу айырмасы тапшылық емес.", "ru": "Доля суммы к уплате, которая может остаться неперечисленной в срок без флага: разница округления — не недостача.", "en": "Share of the due amount that may remain outstanding (transferred on time) without a flag: a rounding difference is not a shortfall."}),
    ),
    truth_codes=("missing_transfer",),
)


# -- NK-15 base figure falling without explanation -------------------------------------------------


def _base_figures(frames: Frames) -> pl.DataFrame:
    """Per right, year and base type: the accepted revision the obligation uses — the latest — and the largest one before it.

    The obligation engine takes the latest accepted revision (obligations ``_latest_bases``), so a
    figure revised downwards is judged at its revised amount. The note is the latest one given up
    to that revision. ``earlier``/``earlier_revision``/``earlier_on``: the largest amount an earlier
    revision stated (null: the figure was never revised), what a downward revision cut it from.
    """
    figures = frames["base_figures"].with_columns(
        pl.col("revision").fill_null(1), pl.col("note").fill_null("").str.strip_chars(),
    ).sort("right_id", "year", "base_type", "revision")
    keys = ["right_id", "year", "base_type"]
    used = figures.group_by(keys, maintain_order=True).agg(
        pl.col("amount").last(), pl.col("revision").last(), pl.col("recorded_on").last(),
        pl.col("note").filter(pl.col("note") != "").last().fill_null("").alias("note"),
    )
    earlier = (
        figures.join(used.select(*keys, pl.col("revision").alias("_used")), on=keys)
        .filter(pl.col("revision") < pl.col("_used"))
        .sort("amount", "revision", descending=[True, False])
        .group_by(keys).agg(
            pl.col("amount").first().alias("earlier"), pl.col("revision").first().alias("earlier_revision"), pl.col("recorded_on").first().alias("earlier_on"),
        )
    )
    return used.join(earlier, on=keys, how="left")


def _findings(row: dict) -> dict[str, str]:
    """The finding(s) of a flagged right-year in each language: a fall from the year before, a late cut, or both."""
    parts: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    if row["_drop"]:
        for lang in parts:
            base, prev = format_money(row["base"], lang), format_money(row["prev_base"], lang)
            pct_text, limit = format_percent(row["_drop_pct"], lang), format_percent(row["_drop_limit"], lang)
            parts[lang].append({
                "kk": f"{row['base_year']} жылғы база {base}, ал {row['base_year'] - 1} жылы {prev} болған; төмендеу {pct_text} (шекті мән {limit}), түсініктеме берілмеген",
                "ru": f"база за {row['base_year']} год — {base} против {prev} за {row['base_year'] - 1} год, падение на {pct_text} (порог {limit}) без пояснения",
                "en": f"the base for {row['base_year']} is {base} against {prev} for {row['base_year'] - 1}, a fall of {pct_text} (threshold {limit}) with no explanation",
            }[lang])
    if row["_revised"]:
        for lang in parts:
            was, now = format_money(row["earlier"], lang), format_money(row["base"], lang)
            pct_text, limit = format_percent(row["_revision_pct"], lang), format_percent(row["_revision_limit"], lang)
            on, was_on = format_day(row["recorded_on"], lang), format_day(row["earlier_on"], lang)
            parts[lang].append({
                "kk": f"{row['year']} міндеттеме жылы жабылғаннан кейін, {on} тіркелген {row['revision']}-түзету {row['base_year']} жылғы базаны {was} сомасынан ({row['earlier_revision']}-түзету, {was_on}) {now} сомасына дейін {pct_text}-ға азайтқан (шекті мән {limit})",
                "ru": f"редакция {row['revision']}, внесённая {on}, после закрытия {row['year']} года обязательства, снизила базу за {row['base_year']} год с {was} (редакция {row['earlier_revision']} от {was_on}) до {now}, на {pct_text} (порог {limit})",
                "en": f"revision {row['revision']}, recorded on {on} after the {row['year']} obligation year closed, cut the base for {row['base_year']} from {was} (revision {row['earlier_revision']} of {was_on}) to {now}, by {pct_text} (threshold {limit})",
            }[lang])
    return {f"finding_{lang}": "; ".join(texts) for lang, texts in parts.items()}


def _base_drop(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Right-years whose base, as the obligation uses it, fell sharply without a note, or was cut after the year closed.

    The subject is the obligation year; its base year is the year before it (the frame's
    ``base_year``). Two findings, either flags:

    * the figure in use fell by ``drop_share`` or more from the same base type one year earlier,
      and no note explains it;
    * the figure in use is a revision recorded more than ``revision_after_days`` after 31 December
      of the obligation year, that cut the largest earlier figure by ``revision_drop_share`` or more
      — an obligation already due made smaller after the fact (noted or not: the note is shown).

    What is at stake is the obligation the cut removed: the larger cut times ``rate``.
    """
    figures = _base_figures(frames)
    rows = _right_years(frames).with_columns(pl.coalesce(pl.col("base_year"), pl.col("year") - 1).cast(pl.Int32).alias("base_year"))
    current = figures.select(
        "right_id", pl.col("year").alias("base_year"), "base_type", pl.col("amount").alias("base"), "note", "revision", "recorded_on", "earlier", "earlier_revision", "earlier_on",
    )
    previous = figures.select("right_id", (pl.col("year") + 1).cast(pl.Int32).alias("base_year"), "base_type", pl.col("amount").alias("prev_base"))
    rows = rows.join(current, on=["right_id", "base_year", "base_type"], how="left").join(previous, on=["right_id", "base_year", "base_type"], how="left")
    drop_share, rate = float(params["drop_share"]), float(params["rate"])
    revision_share, after_days = float(params["revision_drop_share"]), int(params["revision_after_days"])
    fall = pl.col("prev_base") - pl.col("base")
    drop = fall / pl.col("prev_base")
    cut = pl.col("earlier") - pl.col("base")
    cut_share = cut / pl.col("earlier")
    dropped = (pl.col("prev_base") > 0) & (drop >= drop_share) & (pl.col("note").fill_null("") == "")
    revised = (
        (pl.col("earlier") > 0) & (cut_share >= revision_share)
        & (pl.col("recorded_on") > year_end(pl.col("year"), after_days))
    ).fill_null(False)
    rows = rows.with_columns(dropped.fill_null(False).alias("_drop"), revised.alias("_revised"))
    judged = judge(
        rows,
        [
            (pl.col("base_type").is_null() | pl.col("base").is_null(), "no_base"),
            (pl.col("prev_base").is_null() & ~pl.col("_revised"), "no_prior_base"),
        ],
        pl.col("_drop") | pl.col("_revised"),
    )
    flagged = judged.filter(pl.col("status") == "flagged").with_columns(
        pct(drop).alias("_drop_pct"), pct(cut_share).alias("_revision_pct"),
        pl.lit(drop_share * 100.0).alias("_drop_limit"), pl.lit(revision_share * 100.0).alias("_revision_limit"),
    )
    texts = [_findings(r) for r in flagged.iter_rows(named=True)]
    flagged = flagged.with_columns(*[pl.Series(f"finding_{lang}", [t[f"finding_{lang}"] for t in texts], dtype=pl.Utf8) for lang in ("kk", "ru", "en")])
    judged = pl.concat([judged.filter(pl.col("status") != "flagged"), flagged], how="diagonal_relaxed")
    removed = pl.max_horizontal(pl.when(pl.col("_drop")).then(fall), pl.when(pl.col("_revised")).then(cut))
    return finish(
        judged,
        subject_id=pl.col("right_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"), base_type=pl.col("base_type"),
            **labels(pl.col("base_type"), BASE_TYPE_LABELS, "base"),
            base_year=pl.col("base_year"), prev_year=pl.col("base_year") - 1, base_tiyn=pl.col("base"), prev_base_tiyn=pl.col("prev_base"),
            drop_pct=pct(drop), threshold_pct=pl.lit(drop_share * 100.0), fell=pl.col("_drop"),
            revised_down=pl.col("_revised"), revision=pl.col("revision"), revised_on=day(pl.col("recorded_on")),
            revised_from_tiyn=pl.col("earlier"), revised_from_revision=pl.col("earlier_revision"), revised_from_on=day(pl.col("earlier_on")),
            revision_drop_pct=pct(cut_share), revision_threshold_pct=pl.lit(revision_share * 100.0), note=pl.col("note"),
            finding_kk=pl.col("finding_kk"), finding_ru=pl.col("finding_ru"), finding_en=pl.col("finding_en"),
            reduction_tiyn=(removed.cast(pl.Float64) * rate).round(0).cast(pl.Int64),
        ),
        amount=(removed.cast(pl.Float64) * rate).round(0).cast(pl.Int64),
    )


NK15 = Indicator(
    code="NK-15",
    version=2,
    subject_type="right_year",
    weight=50,
    title={
        "kk": "Есептеу базасы түсініктемесіз күрт төмендеген немесе жыл жабылғаннан кейін азайтылған",
        "ru": "База резко упала без пояснения или снижена после закрытия года",
        "en": "Base figure fell sharply or was cut after the year closed",
    },
    rationale={
        "kk": "Міндеттеме алдыңғы жылғы базаның 1 %-ы, және ол базаның соңғы қабылданған редакциясымен есептеледі. База бір жылда екі есе азайып, түсініктеме (өндірістің тоқтауы, кен орнының сатылуы) берілмесе, немесе міндеттеме жылы жабылғаннан кейін жаңа редакциямен күрт азайтылса, орындалуы тиіс міндеттеме кейіннен кішірейеді, және оның себебі құжатталуы керек.",
        "ru": "Обязательство — 1 % базы предыдущего года, и считается оно по последней принятой редакции базы. Если база за год падает вдвое без пояснения (остановка добычи, продажа месторождения) или после закрытия года обязательства резко снижена новой редакцией, уже наступившее обязательство задним числом уменьшается, и причина должна быть документирована.",
        "en": "The obligation is 1 % of the previous year's base, computed from the latest accepted revision of the base. A base that halves from one year to the next without a note (production stopped, a field sold), or that a new revision cuts sharply after the obligation year closed, makes an obligation already due smaller after the fact, and the reason must be on file.",
    },
    legal_basis={
        "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ (алдыңғы жылғы жылдық жиынтық табыс) және 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс (алдыңғы жылғы өндіру шығындары): база лицензиялық-келісімшарттық талаптарды орындау туралы есепте (ЛКТ) көрсетіледі және өзгерген кезде бастапқы құжатымен тіркеледі. Төмендеу шегі аудит тәжірибесі бойынша белгіленген.",
        "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 (совокупный годовой доход предыдущего года) и Кодекс от 27.12.2017 № 125-VI (расходы на добычу предыдущего года): база отражается в отчёте о выполнении лицензионно-контрактных условий (ЛКУ) и при изменении фиксируется с документом-основанием. Порог падения установлен по практике аудита.",
        "en": "Law of 24.06.2010 No 291-IV, art. 76 item 12-1 (aggregate annual income of the previous year) and Code of 27.12.2017 No 125-VI (production costs of the previous year): the base is stated in the report on licence-contract conditions (LKU) and a change is recorded with its source document. The drop threshold is set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}: {right_kk} жер қойнауын пайдалану құқығы, {year} жылғы міндеттеме (база — {base_kk}): {finding_kk}; {year} жылғы міндеттеме шамамен {reduction_tiyn} сомасына азаяды.",
        "ru": "Право недропользования {right_ru} недропользователя {payer_bin}, обязательство {year} года (база — {base_ru}): {finding_ru}; обязательство {year} года уменьшается примерно на {reduction_tiyn}.",
        "en": "Subsoil use right {right_en} of subsoil user {payer_bin}, obligation of {year} (base: {base_en}): {finding_en}; the {year} obligation falls by about {reduction_tiyn}.",
    },
    needs=("right_years", "base_figures"),
    evaluate=_base_drop,
    thresholds=(
        Threshold("drop_share", 0.50, {"kk": "Қолданылатын база алдыңғы жылмен салыстырғанда кемінде осы үлеске төмендесе және түсініктеме болмаса, тәуекел белгісі қойылады.", "ru": "Флаг ставится, если применяемая база снизилась по сравнению с предыдущим годом не меньше чем на эту долю и пояснения нет.", "en": "Flag when the base in use fell by at least this share from the year before and no note explains it."}),
        Threshold("revision_drop_share", 0.25, {"kk": "Міндеттеме жылы жабылғаннан кейін енгізілген түзету базаны ең үлкен бұрынғы түзетудің кемінде осы үлесіне азайтса, тәуекел белгісі қойылады (түсініктеме белгіні алмайды).", "ru": "Флаг ставится, если редакция, внесённая после закрытия года обязательства, снизила базу не меньше чем на эту долю от наибольшей прежней редакции (пояснение флаг не снимает).", "en": "Flag when a revision recorded after the obligation year closed cut the base by at least this share of the largest earlier revision (a note does not clear it)."}),
        Threshold("revision_after_days", 0, {"kk": "Міндеттеме жылының 31 желтоқсанынан кейінгі күндер саны, осыдан бастап азайтатын түзету жыл жабылғаннан кейін енгізілген болып саналады.", "ru": "Число дней после 31 декабря года обязательства, начиная с которого снижающая редакция считается внесённой после закрытия года.", "en": "Days after 31 December of the obligation year from which a downward revision counts as made after the year closed."}),
        Threshold("rate", 0.01, {"kk": "Тәуекелдегі соманы бағалау үшін төмендеуге қолданылатын міндеттеме мөлшерлемесі (барлық режимде 1 %).", "ru": "Ставка обязательства, применяемая к снижению для оценки суммы под риском (1 % во всех режимах).", "en": "The obligation rate applied to the fall to size what is at stake (1 % in every regime)."}),
    ),
    truth_codes=("base_drop", "base_revised_down"),
)


# -- NK-21 base figure not reported ----------------------------------------------------------------


def _missing_base(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Due right-years with no base figure once the reporting deadline of the base year has passed.

    The base of year N is the figure of N − 1, reported in the annual report on N − 1; it is
    expected ``report_days`` after 31 December of the base year, and before that its absence is not
    a finding (``base_not_yet_due``).
    """
    rows = _right_years(frames).with_columns(pl.coalesce(pl.col("base_year"), pl.col("year") - 1).cast(pl.Int32).alias("base_year"))
    rows = rows.with_columns(year_end(pl.col("base_year"), int(params["report_days"])).alias("deadline"))
    before = rows.select("right_id", (pl.col("year") + 1).cast(pl.Int32).alias("year"), pl.col("obligation").alias("last_obligation"))
    rows = rows.join(before, on=["right_id", "year"], how="left")
    missing = (pl.col("status") == BASE_MISSING) | (pl.col("base_amount").is_null() & ~pl.col("status").is_in(NOTHING_OWED))
    past = pl.lit(frames.as_of) > pl.col("deadline")
    judged = judge(
        rows,
        [
            (pl.col("status").is_null(), "no_status"),
            (missing & ~past, "base_not_yet_due"),
        ],
        missing & past,
    )
    return finish(
        judged,
        subject_id=pl.col("right_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), right_id=pl.col("right_id"), **_right_names(), year=pl.col("year"), regime_code=pl.col("regime_code"),
            base_year=pl.col("base_year"), base_type=pl.col("base_type"), **labels(pl.col("base_type"), BASE_TYPE_LABELS, "base"),
            deadline=day(pl.col("deadline")), last_obligation_tiyn=pl.col("last_obligation"),
        ),
        amount=None,
    )


NK21 = Indicator(
    code="NK-21",
    version=1,
    subject_type="right_year",
    weight=70,
    title={
        "kk": "Мерзімі келген жылға база ұсынылмаған",
        "ru": "Не представлена база за год, по которому наступил срок",
        "en": "Base figure not reported for a due year",
    },
    rationale={
        "kk": "Алдыңғы жылғы база (жиынтық табыс немесе өндіру шығындары) болмаса, міндеттемені есептеу мүмкін емес, сондықтан жылды орындалды деп те, тексерілді деп те санауға болмайды; базаның болмауы міндеттеменің мөлшерін жасырады.",
        "ru": "Без базы предыдущего года (совокупного дохода или затрат на добычу) обязательство невозможно рассчитать, поэтому год нельзя ни признать исполненным, ни проверить; отсутствие базы скрывает размер обязательства.",
        "en": "Without the previous year's base (aggregate income or production costs) the obligation cannot be computed, so the year can be neither fulfilled nor checked; a missing base hides the size of the obligation.",
    },
    legal_basis={
        "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ және 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс: міндеттеме алдыңғы күнтізбелік жылдың базасынан есептеледі, база сол жыл туралы ЛКТ есебінде көрсетіледі. Есеп беру мерзімі бар акт табылмады: әдепкі мерзім — базалық жыл аяқталғаннан кейін 120 күн (30 сәуір), бұл баптауға болатын болжам.",
        "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 и Кодекс от 27.12.2017 № 125-VI: обязательство рассчитывается от базы предыдущего календарного года, которая отражается в отчёте ЛКУ за этот год. Акт со сроком представления не найден: срок по умолчанию — 120 дней после окончания базового года (30 апреля), это настраиваемое допущение.",
        "en": "Law of 24.06.2010 No 291-IV, art. 76 item 12-1 and Code of 27.12.2017 No 125-VI: the obligation is computed from the base of the previous calendar year, stated in the LKU report on that year. No act with the reporting deadline was retrieved: the default is 120 days after the end of the base year (30 April), a configurable assumption.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}: {right_kk} жер қойнауын пайдалану құқығы, {year} жыл («{regime_code}»): {base_year} жылғы база ({base_kk}) ұсыну мерзімі ({deadline}) өтсе де ұсынылмаған, сондықтан міндеттемені есептеу мүмкін емес (алдыңғы жылғы міндеттеме: {last_obligation_tiyn}).",
        "ru": "Право недропользования {right_ru} недропользователя {payer_bin}, {year} год («{regime_code}»): база ({base_ru}) за {base_year} год не представлена к {deadline}, поэтому обязательство невозможно рассчитать (обязательство предыдущего года: {last_obligation_tiyn}).",
        "en": "Subsoil use right {right_en} of subsoil user {payer_bin}, year {year} («{regime_code}»): no base ({base_en}) for {base_year} was reported by {deadline}, so the obligation cannot be computed (obligation of the year before: {last_obligation_tiyn}).",
    },
    needs=("right_years",),
    evaluate=_missing_base,
    thresholds=(
        Threshold("report_days", 120, {"kk": "Көрсеткіш ұсынылуы тиіс базалық жылдың 31 желтоқсанынан кейінгі күндер саны (120 — 30 сәуір). Жарияланған мерзім табылған жоқ (заңнамадағы олқылық); осы мерзімге дейін базаның болмауы бағаланбайды (мерзім әлі келген жоқ).", "ru": "Число дней после 31 декабря базового года, к которому должен быть представлен показатель (120 — 30 апреля). Опубликованный срок не найден (пробел в законодательстве); до этого срока отсутствие базы не оценивается (срок ещё не наступил).", "en": "Days after 31 December of the base year by which its figure must be reported (120 = 30 April). No published deadline was retrieved (a gap in the law); before it a missing base is not judged (not yet due)."}),
    ),
    truth_codes=("missing_base",),
)

INDICATORS: tuple[Indicator, ...] = (NK12, NK13, NK14, NK15, NK21)
