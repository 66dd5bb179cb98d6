"""How spending is reported: NK-41 (quarterly reports that do not add up to the annual one), NK-42
(a report corrected with changed amounts and no reason) and NK-43 (one payment reported twice under
different document fields).

NK-41 and NK-42 read the ``submissions`` frame: every committed or superseded R&D spending report
with its lines summed by right, credited year and quarter of payment. Intake keeps the payments of a
superseded report (only its ledger entries are reversed), so the figures of a report and of the
report that replaced it can be set side by side, although the ``payments`` frame keeps only the
reports in force. An annual spending report supersedes the quarterly ones of its year (it holds
their lines); a report of the same period sent again is a correction of it.

The intake records no reason for a correction (``Submission`` has no such field): the frame's
``reason`` is null, and NK-42 reads every correction as made without one. It judges what the data
shows — the amounts changed after the credited year closed — and reads a reason once one is
recorded (see docs/control.md, NK-42).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import day, evidence, finish, judge, organisations, with_bin, year_end
from niokr.control.indicators.base import Frames, Indicator, Threshold, format_day, format_money, format_number, outcome

__all__ = ["INDICATORS", "NK41", "NK42", "NK43", "number_form", "number_forms"]

_LANGS = ("kk", "ru", "en")
_DATE = "%d.%m.%Y"

_LAW = {
    "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ (2015 жылғы түзетулерден бастап ҒЗТКЖ міндеттемесінің орындалуы туралы тоқсандық есептер); 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс және ЛКТ жылдық есебі",
    "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 (с поправок 2015 года — квартальные отчёты об исполнении обязательства по НИОКР); Кодекс от 27.12.2017 № 125-VI и годовой отчёт ЛКУ",
    "en": "Law of 24.06.2010 No 291-IV, art. 76 item 12-1 (quarterly reports on meeting the R&D obligation since the 2015 amendments); Code of 27.12.2017 No 125-VI and the annual LKU report",
}


def _submissions(frames: Frames) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The reports (one row each) and their lines (by right, credited year and quarter of payment)."""
    subs = frames["submissions"].filter(pl.col("submission_id").is_not_null())
    head = subs.unique("submission_id", keep="first").select(
        "submission_id", "payer_id", "reference", "period_year", "period_quarter", "status", "supersedes", "superseded_in",
        "received_on", "committed_on", "reason",
    )
    lines = subs.filter(pl.col("lines").fill_null(0) > 0).select(
        "submission_id", "right_id", "year", "paid_quarter", pl.col("lines").fill_null(0), pl.col("amount").fill_null(0),
    )
    return head, lines


def _ref(expr: pl.Expr) -> pl.Expr:
    """A report as people name it: its reference (the row number only where the frame has none)."""
    return pl.coalesce(expr, pl.lit("—"))


# -- NK-41 quarterly reports that do not add up to the annual report --------------------------------


_QUARTER_WORDS = {
    "kk": "{q}-тоқсан: тоқсандық есеп {ref} — {q_total} ({q_lines} жол), жылдық есепте сол тоқсан үшін — {a_total} ({a_lines} жол); тек жылдық есепте {added}, тек тоқсандық есепте {removed}",
    "ru": "{q} квартал: квартальный отчёт {ref} — {q_total} (строк: {q_lines}), в годовом отчёте за тот же квартал — {a_total} (строк: {a_lines}); только в годовом {added}, только в квартальном {removed}",
    "en": "quarter {q}: quarterly report {ref} {q_total} ({q_lines} lines), the annual report for the same quarter {a_total} ({a_lines} lines); only in the annual {added}, only in the quarterly {removed}",
}


def _quarter_texts(rows: list[dict]) -> dict[str, str]:
    """``quarter_gaps_kk``/``_ru``/``_en``: each quarter that does not add up, in words."""
    out = {}
    for lang in _LANGS:
        parts = []
        for r in rows:
            parts.append(_QUARTER_WORDS[lang].format(
                q=r["paid_quarter"], ref=r["q_reference"] or "—", q_total=format_money(r["q_total"], lang), a_total=format_money(r["a_total"], lang),
                q_lines=format_number(r["q_lines"], 0, lang), a_lines=format_number(r["a_lines"], 0, lang),
                added=format_money(r["added"], lang), removed=format_money(r["removed"], lang),
            ))
        out[f"quarter_gaps_{lang}"] = "; ".join(parts)
    return out


def _quarterly_annual(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payer-years whose quarterly spending reports and the annual report that replaced them disagree.

    The annual report is the one that superseded the year's quarterly reports (their
    ``superseded_in``); the quarterly reports compared are the last version of each quarter (the
    ones it superseded). For each quarter filed, the quarter's lines are set against the annual
    report's lines paid in that quarter, by right and credited year: what only the annual report
    holds is *added*, what only the quarterly one holds *dropped* (a line moved to another right or
    credited year is both). A quarter whose added or dropped money exceeds the tolerance does not add
    up. A year whose quarterly reports no annual report has replaced yet is not computable.
    """
    head, lines = _submissions(frames)
    tol_tiyn, tol_share = int(params["amount_tolerance_tiyn"]), float(params["amount_tolerance_share"])
    quarters = head.filter(pl.col("period_quarter").is_not_null())
    subjects = quarters.group_by("payer_id", "period_year").agg(pl.col("submission_id").n_unique().alias("quarter_reports")).rename({"period_year": "year"})
    annuals = head.filter(pl.col("period_quarter").is_null()).select(
        pl.col("submission_id").alias("annual_id"), "payer_id", pl.col("period_year").alias("year"), pl.col("reference").alias("annual_reference"),
    )
    replaced = quarters.join(annuals, left_on=["superseded_in", "payer_id", "period_year"], right_on=["annual_id", "payer_id", "year"], how="inner")
    annual_of = replaced.group_by("payer_id", "period_year").agg(pl.col("superseded_in").min().alias("annual_id")).rename({"period_year": "year"})
    annual_of = annual_of.join(annuals.select("annual_id", "annual_reference"), on="annual_id", how="left")
    filed = (
        quarters.join(annual_of.rename({"year": "period_year"}), on=["payer_id", "period_year"], how="inner")
        .filter(pl.col("superseded_in") == pl.col("annual_id"))
        .select("payer_id", pl.col("period_year").alias("year"), "annual_id", pl.col("submission_id").alias("quarter_id"),
                pl.col("period_quarter").alias("paid_quarter"), pl.col("reference").alias("q_reference"))
        .sort("payer_id", "year", "paid_quarter", "quarter_id").unique(["payer_id", "year", "paid_quarter"], keep="last", maintain_order=True)
    )
    keys = ["payer_id", "year", "paid_quarter", "right_id", "credited"]
    q_cells = (
        filed.join(lines.rename({"submission_id": "quarter_id", "year": "credited"}), on=["quarter_id", "paid_quarter"], how="inner")
        .group_by(keys).agg(pl.col("amount").sum().alias("q_amount"), pl.col("lines").sum().alias("q_lines"))
    )
    a_cells = (
        filed.select("payer_id", "year", "annual_id", "paid_quarter")
        .join(lines.rename({"submission_id": "annual_id", "year": "credited"}), on=["annual_id", "paid_quarter"], how="inner")
        .group_by(keys).agg(pl.col("amount").sum().alias("a_amount"), pl.col("lines").sum().alias("a_lines"))
    )
    cells = q_cells.join(a_cells, on=keys, how="full", coalesce=True, nulls_equal=True).with_columns(
        pl.col("q_amount").fill_null(0), pl.col("a_amount").fill_null(0), pl.col("q_lines").fill_null(0), pl.col("a_lines").fill_null(0),
    ).with_columns((pl.col("a_amount") - pl.col("q_amount")).alias("_diff"))
    per_quarter = (
        filed.join(
            cells.group_by("payer_id", "year", "paid_quarter").agg(
                pl.col("q_amount").sum().alias("q_total"), pl.col("a_amount").sum().alias("a_total"),
                pl.col("q_lines").sum().alias("q_lines"), pl.col("a_lines").sum().alias("a_lines"),
                pl.col("_diff").clip(lower_bound=0).sum().alias("added"), (-pl.col("_diff")).clip(lower_bound=0).sum().alias("removed"),
            ),
            on=["payer_id", "year", "paid_quarter"], how="left",
        )
        .with_columns(*[pl.col(c).fill_null(0) for c in ("q_total", "a_total", "q_lines", "a_lines", "added", "removed")])
        .with_columns(
            (pl.max_horizontal("added", "removed").cast(pl.Float64) > pl.max_horizontal(
                pl.lit(float(tol_tiyn)), pl.max_horizontal("q_total", "a_total").cast(pl.Float64) * tol_share,
            )).alias("_gap"),
        )
        .sort("payer_id", "year", "paid_quarter")
    )
    totals = per_quarter.group_by("payer_id", "year").agg(
        pl.len().alias("quarters_filed"), pl.col("q_reference").alias("quarter_references"),
        pl.col("q_total").sum().alias("quarterly"), pl.col("a_total").sum().alias("annual"),
        pl.col("q_lines").sum().alias("quarterly_lines"), pl.col("a_lines").sum().alias("annual_lines"),
        pl.col("added").sum().alias("added"), pl.col("removed").sum().alias("removed"),
        pl.col("_gap").sum().cast(pl.Int64).alias("gaps"),
        pl.max_horizontal("added", "removed").filter(pl.col("_gap")).sum().alias("at_stake"),
    )
    rows = subjects.join(annual_of, on=["payer_id", "year"], how="left").join(totals, on=["payer_id", "year"], how="left").sort("payer_id", "year")
    rows = with_bin(rows, organisations(frames), "payer_id", "payer_bin")
    judged = judge(rows, [(pl.col("annual_id").is_null(), "no_annual_report")], pl.col("gaps").fill_null(0) > 0)
    judged = judged.with_columns(pl.lit(None, dtype=pl.Utf8).alias(f"quarter_gaps_{lang}") for lang in _LANGS)
    flagged = judged.filter(pl.col("status") == "flagged")
    if not flagged.is_empty():
        gaps = per_quarter.filter(pl.col("_gap")).join(flagged.select("payer_id", "year"), on=["payer_id", "year"])
        texts = {key: [] for key in ("payer_id", "year", *[f"quarter_gaps_{lang}" for lang in _LANGS])}
        for (payer_id, year), part in gaps.group_by("payer_id", "year", maintain_order=True):
            texts["payer_id"].append(payer_id)
            texts["year"].append(year)
            for key, value in _quarter_texts(part.to_dicts()).items():
                texts[key].append(value)
        phrases = pl.DataFrame(texts, schema={"payer_id": pl.Int64, "year": pl.Int32, **{f"quarter_gaps_{lang}": pl.Utf8 for lang in _LANGS}})
        flagged = flagged.drop(f"quarter_gaps_{lang}" for lang in _LANGS).join(phrases, on=["payer_id", "year"], how="left")
        judged = pl.concat([judged.filter(pl.col("status") != "flagged"), flagged], how="diagonal_relaxed")
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), year=pl.col("year"), annual_reference=_ref(pl.col("annual_reference")), quarter_references=pl.col("quarter_references"),
            quarters_filed=pl.col("quarters_filed"), quarterly_tiyn=pl.col("quarterly"), annual_tiyn=pl.col("annual"),
            quarterly_lines=pl.col("quarterly_lines"), annual_lines=pl.col("annual_lines"), added_tiyn=pl.col("added"), removed_tiyn=pl.col("removed"),
            quarter_gaps_kk=pl.col("quarter_gaps_kk"), quarter_gaps_ru=pl.col("quarter_gaps_ru"), quarter_gaps_en=pl.col("quarter_gaps_en"),
            amount_tolerance_tiyn=pl.lit(tol_tiyn), amount_tolerance_share=pl.lit(tol_share),
        ),
        amount=pl.col("at_stake"),
    )


NK41 = Indicator(
    code="NK-41",
    version=1,
    subject_type="payer_year",
    weight=50,
    title={
        "kk": "Тоқсандық есептер жылдық есеппен сәйкес келмейді",
        "ru": "Квартальные отчёты не сходятся с годовым",
        "en": "Quarterly reports do not add up to the annual report",
    },
    rationale={
        "kk": "Жылдық есеп жылдың барлық төлемдерін қамтиды және тоқсандық есептердің орнын басады, сондықтан әр тоқсан бойынша олар сәйкес келуі тиіс. Тоқсан өткеннен кейін жылдық есепте пайда болған немесе одан жоғалған, не басқа құқыққа немесе жылға ауыстырылған төлемдер есептілік кейін түзетілгенін көрсетеді: міндеттемені жабу үшін қосылған немесе жасырылған шығыстар.",
        "ru": "Годовой отчёт содержит все платежи года и заменяет квартальные, поэтому по каждому кварталу они должны совпадать. Платежи, появившиеся в годовом отчёте или исчезнувшие из него после квартала либо перенесённые на другое право или год, показывают, что отчётность переписана задним числом: расходы добавлены, чтобы закрыть обязательство, или скрыты.",
        "en": "The annual report holds every payment of the year and replaces the quarterly ones, so quarter by quarter they must agree. Payments that appear in the annual report or vanish from it after the quarter was reported, or move to another right or year, show the reporting rewritten after the fact: spending added to meet the obligation, or hidden.",
    },
    legal_basis={
        "kk": _LAW["kk"] + ". Тоқсандық және жылдық есептердің сәйкестігі — аудиторлық тексеру; рұқсат етілген ауытқу баптауға болады.",
        "ru": _LAW["ru"] + ". Сверка квартальных и годового отчётов — аудиторская проверка; допуск настраивается.",
        "en": _LAW["en"] + ". Reconciling the quarterly and annual reports is an audit check; the tolerance is configurable.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}, {year} жыл: тоқсандық ҒЗТКЖ шығыстары туралы есептер ({quarter_references}) өздері қамтитын тоқсандар үшін {quarterly_tiyn} ({quarterly_lines} төлем жолы) көрсеткен, ал олардың орнын басқан жылдық есеп ({annual_reference}) сол тоқсандар үшін {annual_tiyn} ({annual_lines} жол) көрсетеді: тек жылдық есепте {added_tiyn}, тек тоқсандық есептерде {removed_tiyn} (құқық пен есепке алынатын жыл бойынша). Сәйкес келмейтін тоқсандар: {quarter_gaps_kk}.",
        "ru": "Недропользователь {payer_bin}, {year} год: квартальные отчёты о расходах на НИОКР ({quarter_references}) показали {quarterly_tiyn} (платёжных строк: {quarterly_lines}) за охваченные ими кварталы, а заменивший их годовой отчёт {annual_reference} показывает за те же кварталы {annual_tiyn} (строк: {annual_lines}): только в годовом отчёте {added_tiyn}, только в квартальных {removed_tiyn} (по праву и году зачёта). Несходящиеся кварталы: {quarter_gaps_ru}.",
        "en": "Subsoil user {payer_bin}, {year}: the quarterly R&D spending reports ({quarter_references}) showed {quarterly_tiyn} ({quarterly_lines} payment lines) for the quarters they cover, while the annual report {annual_reference} that replaced them shows {annual_tiyn} ({annual_lines} lines) for the same quarters: {added_tiyn} only in the annual report, {removed_tiyn} only in the quarterly ones (by right and credited year). Quarters that do not add up: {quarter_gaps_en}.",
    },
    needs=("submissions",),
    evaluate=_quarterly_annual,
    thresholds=(
        Threshold("amount_tolerance_tiyn", 100_000, {"kk": "Тоқсан бойынша тек жылдық немесе тек тоқсандық есептегі сома осы шамадан аспаса, тоқсан сәйкес келеді деп саналады (тиындағы және теңгедегі дөңгелектеу).", "ru": "Квартал считается сошедшимся, если сумма, которая есть только в годовом или только в квартальном отчёте, не превышает этой величины (округление до тиынов и тенге).", "en": "A quarter adds up when the money only in the annual or only in the quarterly report is at most this (rounding of tiyn and tenge)."}),
        Threshold("amount_tolerance_share", 0.001, {"kk": "Немесе тоқсанның үлкен сомасының осы үлесінен аспаса — қайсысы көбірек мүмкіндік берсе.", "ru": "Или не превышает этой доли большей из сумм квартала — что допускает больше.", "en": "Or at most this share of the larger of the quarter's sums, whichever allows more."}),
    ),
    truth_codes=("quarterly_annual_mismatch",),
)


# -- NK-42 report corrected with changed amounts and no reason --------------------------------------


_CORRECTION_WORDS = {
    "kk": "{ref} есебі ({committed_on} енгізілген) {old_ref} есебін түзеткен: {before} → {after} ({old_lines} → {new_lines} жол), жыл жабылғаннан кейін өзгергені {changed}{effect}",
    "ru": "отчёт {ref} (внесён {committed_on}) исправил отчёт {old_ref}: {before} → {after} (строк: {old_lines} → {new_lines}), изменено после закрытия года {changed}{effect}",
    "en": "report {ref} (committed {committed_on}) corrected report {old_ref}: {before} → {after} ({old_lines} → {new_lines} lines), changed after the year closed {changed}{effect}",
}
_EFFECT_WORDS = {
    "raised": {
        "kk": "; {right} құқығы бойынша {year} жыл міндеттемеден төмен болған, түзетуден кейін орындалды деп саналады",
        "ru": "; по праву {right} {year} год был ниже обязательства и после исправления считается исполненным",
        "en": "; under right {right} the year {year} was below its obligation and counts as met after the correction",
    },
    "cut": {
        "kk": "; {right} құқығы бойынша {year} жыл міндеттемені жапқан, түзетуден кейін одан төмен түсті",
        "ru": "; по праву {right} {year} год покрывал обязательство и после исправления опустился ниже него",
        "en": "; under right {right} the year {year} met its obligation and fell below it after the correction",
    },
}


def _correction_texts(rows: list[dict]) -> dict[str, str]:
    """``correction_findings_kk``/``_ru``/``_en``: each correction that changed the amounts, in words."""
    out = {}
    for lang in _LANGS:
        parts = []
        for r in rows:
            effect = ""
            for kind, right, year in r["effects"]:
                effect += _EFFECT_WORDS[kind][lang].format(right=right, year=year)
            parts.append(_CORRECTION_WORDS[lang].format(
                ref=r["reference"] or "—", old_ref=r["old_reference"] or "—", committed_on=format_day(r["on"], lang),
                before=format_money(r["before"], lang), after=format_money(r["after"], lang),
                old_lines=format_number(r["old_lines"], 0, lang), new_lines=format_number(r["new_lines"], 0, lang),
                changed=format_money(r["changed"], lang), effect=effect,
            ))
        out[f"correction_findings_{lang}"] = "; ".join(parts)
    return out


def _corrected_without_reason(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payer-years whose spending report was corrected, changing the amounts, with no reason stated.

    A correction is a report that superseded a report of the same payer, year and period (annual or
    the same quarter; an annual report replacing the quarterly ones is NK-41's). Its lines and the
    corrected report's are set side by side by right and credited year; a right-year whose amount
    changed by more than the tolerance changed. With ``after_close_only`` only the changes made
    (committed, else received) after that credited year closed — 31 December + ``direct_grace_days``
    — count: while a year is open, reports are routinely completed. Flagged: a correction with such
    changes and no reason recorded. Where ``right_years`` is supplied, the correction in force is
    also read against the obligation: a year raised from below its obligation to meet it, or cut
    from meeting it to below it.
    """
    head, lines = _submissions(frames)
    tol_tiyn, tol_share = int(params["amount_tolerance_tiyn"]), float(params["amount_tolerance_share"])
    grace, after_close = int(params["direct_grace_days"]), bool(int(params["after_close_only"]))
    old = head.select(
        pl.col("submission_id").alias("supersedes"), pl.col("payer_id").alias("_old_payer"), pl.col("period_year").alias("_old_year"),
        pl.col("period_quarter").alias("_old_quarter"), pl.col("reference").alias("old_reference"),
    )
    pairs = (
        head.filter(pl.col("supersedes").is_not_null()).join(old, on="supersedes", how="inner")
        .filter((pl.col("payer_id") == pl.col("_old_payer")) & (pl.col("period_year") == pl.col("_old_year")) & pl.col("period_quarter").eq_missing(pl.col("_old_quarter")))
        .with_columns(pl.coalesce("committed_on", "received_on").alias("on"), pl.col("reason").fill_null("").str.strip_chars().alias("reason"))
    )
    cells_of = lines.group_by("submission_id", "right_id", "year").agg(pl.col("amount").sum(), pl.col("lines").sum())
    new_cells = pairs.select("submission_id", "supersedes").join(cells_of, on="submission_id", how="inner").select(
        "submission_id", "right_id", "year", pl.col("amount").alias("after"), pl.col("lines").alias("new_lines"),
    )
    old_cells = pairs.select("submission_id", "supersedes").join(cells_of.rename({"submission_id": "supersedes"}), on="supersedes", how="inner").select(
        "submission_id", "right_id", "year", pl.col("amount").alias("before"), pl.col("lines").alias("old_lines"),
    )
    cells = (
        new_cells.join(old_cells, on=["submission_id", "right_id", "year"], how="full", coalesce=True, nulls_equal=True)
        .with_columns(*[pl.col(c).fill_null(0) for c in ("after", "before", "new_lines", "old_lines")])
        .join(pairs.select("submission_id", "on", "status"), on="submission_id", how="left")
    )
    moved = (pl.col("after") - pl.col("before")).abs()
    allowed = pl.max_horizontal(pl.lit(float(tol_tiyn)), pl.max_horizontal("after", "before").cast(pl.Float64) * tol_share)
    late = pl.col("on") > year_end(pl.col("year"), grace)
    counts = (moved.cast(pl.Float64) > allowed) & (late.fill_null(False) if after_close else pl.lit(True))
    cells = cells.with_columns(counts.alias("_changed"), moved.alias("_moved"))
    if frames.has("right_years"):
        balance = frames["right_years"].filter(pl.col("right_id").is_not_null()).unique(["right_id", "year"], keep="first").select(
            "right_id", "year", "right_number", (pl.col("obligation") - pl.col("credit_in").fill_null(0)).alias("_due"), pl.col("fulfilled").alias("_now"),
        )
        cells = cells.join(balance, on=["right_id", "year"], how="left")
    else:
        cells = cells.with_columns(pl.lit(None, dtype=pl.Utf8).alias("right_number"), pl.lit(None, dtype=pl.Int64).alias("_due"), pl.lit(None, dtype=pl.Int64).alias("_now"))
    # Only the correction in force is what the balance shows now.
    was = pl.col("_now") - (pl.col("after") - pl.col("before"))
    in_force = (pl.col("status") == "committed") & pl.col("_changed") & pl.col("_due").is_not_null() & (pl.col("_due") > 0)
    cells = cells.with_columns(
        pl.when(in_force & (was < pl.col("_due")) & (pl.col("_now") >= pl.col("_due"))).then(pl.lit("raised"))
        .when(in_force & (was >= pl.col("_due")) & (pl.col("_now") < pl.col("_due"))).then(pl.lit("cut")).alias("_effect"),
        pl.coalesce(pl.col("right_number"), pl.concat_str([pl.lit("№ "), pl.col("right_id").cast(pl.Utf8)])).alias("_right"),
    )
    per_pair = cells.group_by("submission_id").agg(
        pl.col("before").sum(), pl.col("after").sum(), pl.col("old_lines").sum(), pl.col("new_lines").sum(),
        pl.col("_moved").filter(pl.col("_changed")).sum().alias("changed"), pl.col("_changed").sum().cast(pl.Int64).alias("_cells"),
        pl.struct("_effect", "_right", "year").filter(pl.col("_effect").is_not_null()).alias("_effects"),
        pl.col("year").filter(pl.col("_changed")).min().alias("_first_year"),
    )
    pairs = pairs.join(per_pair, on="submission_id", how="left").with_columns(
        pl.col("_cells").fill_null(0), pl.col("changed").fill_null(0), pl.col("before").fill_null(0), pl.col("after").fill_null(0),
        pl.col("old_lines").fill_null(0), pl.col("new_lines").fill_null(0),
    ).with_columns(((pl.col("_cells") > 0) & (pl.col("reason") == "")).alias("_flag"))
    subjects = pairs.group_by("payer_id", "period_year").agg(
        pl.len().alias("corrections_made"),
        pl.col("_flag").sum().cast(pl.Int64).alias("corrections"),
        pl.col("reference").filter(pl.col("_flag")).alias("correction_references"),
        pl.col("old_reference").filter(pl.col("_flag")).alias("corrected_references"),
        pl.col("before").filter(pl.col("_flag")).sum().alias("before"), pl.col("after").filter(pl.col("_flag")).sum().alias("after"),
        pl.col("changed").filter(pl.col("_flag")).sum().alias("changed"),
        pl.col("_first_year").filter(pl.col("_flag")).min().alias("_first_year"),
        (pl.col("on").is_null() & (pl.col("_cells") == 0)).any().alias("_undated"),
    ).rename({"period_year": "year"}).sort("payer_id", "year")
    subjects = with_bin(subjects, organisations(frames), "payer_id", "payer_bin")
    judged = judge(subjects, [(pl.col("_undated") & (pl.col("corrections") == 0), "correction_undated")], pl.col("corrections") > 0)
    judged = judged.with_columns(pl.lit(None, dtype=pl.Utf8).alias(f"correction_findings_{lang}") for lang in _LANGS)
    flagged = judged.filter(pl.col("status") == "flagged")
    if not flagged.is_empty():
        detail = pairs.filter(pl.col("_flag")).sort("payer_id", "period_year", "on", "submission_id")
        texts = {key: [] for key in ("payer_id", "year", *[f"correction_findings_{lang}" for lang in _LANGS])}
        for (payer_id, year), part in detail.group_by("payer_id", "period_year", maintain_order=True):
            rows = []
            for r in part.to_dicts():
                r["effects"] = [(e["_effect"], e["_right"], e["year"]) for e in (r["_effects"] or [])]
                rows.append(r)
            texts["payer_id"].append(payer_id)
            texts["year"].append(year)
            for key, value in _correction_texts(rows).items():
                texts[key].append(value)
        phrases = pl.DataFrame(texts, schema={"payer_id": pl.Int64, "year": pl.Int32, **{f"correction_findings_{lang}": pl.Utf8 for lang in _LANGS}})
        flagged = flagged.drop(f"correction_findings_{lang}" for lang in _LANGS).join(phrases, on=["payer_id", "year"], how="left")
        judged = pl.concat([judged.filter(pl.col("status") != "flagged"), flagged], how="diagonal_relaxed")
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), year=pl.col("year"), correction_references=pl.col("correction_references"),
            corrected_references=pl.col("corrected_references"), corrections=pl.col("corrections"),
            closed_on=day(year_end(pl.col("_first_year"), grace)), before_tiyn=pl.col("before"), after_tiyn=pl.col("after"), changed_tiyn=pl.col("changed"),
            correction_findings_kk=pl.col("correction_findings_kk"), correction_findings_ru=pl.col("correction_findings_ru"), correction_findings_en=pl.col("correction_findings_en"),
            reason_recorded=pl.lit(False), direct_grace_days=pl.lit(grace),
        ),
        amount=pl.col("changed"),
    )


NK42 = Indicator(
    code="NK-42",
    version=1,
    subject_type="payer_year",
    weight=45,
    title={
        "kk": "Есеп түзетілген: сомалар себебі көрсетілмей өзгерген",
        "ru": "Отчёт исправлен: суммы изменены без указания причины",
        "en": "Report corrected: amounts changed with no reason stated",
    },
    rationale={
        "kk": "Жабылған жылдың шығыстары туралы есепті түзету міндеттеменің орындалуын кейін өзгертеді: берешекті жабу үшін төлемдер қосылуы немесе шығыстар басқа жылға ауыстыру үшін алынып тасталуы мүмкін. Сомаларды өзгерткен түзетудің себебі (қате, банктің растауы, шарттың өзгеруі) құжатталуы тиіс; себебі жоқ өзгеріс — тексерілетін бірінші нәрсе.",
        "ru": "Исправление отчёта о расходах закрытого года задним числом меняет исполнение обязательства: платежи могут быть добавлены, чтобы закрыть задолженность, или убраны, чтобы перенести расходы в другой год. Причина исправления, изменившего суммы (ошибка, подтверждение банка, изменение договора), должна быть задокументирована; изменение без причины проверяется первым.",
        "en": "Correcting the spending report of a closed year changes the fulfilment of the obligation after the fact: payments may be added to close arrears, or taken out to move spending to another year. A correction that changes the amounts must document why (an error, the bank's confirmation, an amended agreement); a change without a reason is the first thing to check.",
    },
    legal_basis={
        "kk": _LAW["kk"] + ". Бағдарламаның талабы: есептер — өзгермейтін жіберілген нұсқалар, түзету жаңа нұсқа болып сақталады. Түзету себебін көрсету міндеті туралы жарияланған норма табылған жоқ; бұл — аудиторлық тексеру.",
        "ru": _LAW["ru"] + ". Отчёты — неизменяемые представленные версии, исправление сохраняется новой версией. Опубликованной нормы об обязанности указывать причину исправления не найдено; это аудиторская проверка.",
        "en": _LAW["en"] + ". Reports are immutable submitted versions; a correction is kept as a new version. No published rule requiring a correction's reason was retrieved; this is an audit check.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} {year} жылғы ҒЗТКЖ шығыстары туралы есебін жыл жабылғаннан кейін ({closed_on}) түзетіп, сомаларды себебін көрсетпей өзгерткен (түзетулер саны {corrections}): {correction_findings_kk}. Түзетілген есептерде {before_tiyn}, түзетулерде {after_tiyn}; жыл жабылғаннан кейін өзгергені {changed_tiyn}.",
        "ru": "Недропользователь {payer_bin} исправил отчёт о расходах на НИОКР за {year} год после закрытия года ({closed_on}), изменив суммы без указания причины (исправлений: {corrections}): {correction_findings_ru}. В исправленных отчётах {before_tiyn}, в исправлениях {after_tiyn}; изменено после закрытия года {changed_tiyn}.",
        "en": "Subsoil user {payer_bin} corrected its R&D spending report for {year} after the year closed on {closed_on}, changing the amounts with no reason stated (corrections: {corrections}): {correction_findings_en}. The corrected reports showed {before_tiyn}, the corrections {after_tiyn}; changed after the year closed: {changed_tiyn}.",
    },
    needs=("submissions",),
    evaluate=_corrected_without_reason,
    thresholds=(
        Threshold("amount_tolerance_tiyn", 100_000, {"kk": "Құқық пен есепке алынатын жыл бойынша сома осы шамадан аспайтын айырмаға өзгерсе, ол өзгермеген болып саналады (дөңгелектеу).", "ru": "Сумма по праву и году зачёта, изменившаяся не больше чем на эту величину, считается неизменной (округление).", "en": "An amount of a right and credited year that changed by at most this is unchanged (rounding)."}),
        Threshold("amount_tolerance_share", 0.001, {"kk": "Немесе екі соманың үлкенінің осы үлесінен аспайтын айырмаға — қайсысы көбірек мүмкіндік берсе.", "ru": "Или не больше чем на эту долю большей из двух сумм — что допускает больше.", "en": "Or by at most this share of the larger of the two amounts, whichever allows more."}),
        Threshold("direct_grace_days", 90, {"kk": "31 желтоқсаннан кейінгі күндер саны, осы уақытта жыл әлі ашық (NK-12-дегідей болжам); осыдан кейін енгізілген түзету жабылған жылды өзгертеді.", "ru": "Число дней после 31 декабря, в течение которых год ещё открыт (то же допущение, что в NK-12); исправление, внесённое позже, меняет закрытый год.", "en": "Days after 31 December during which the year is still open (the same assumption as NK-12); a correction committed later changes a closed year."}),
        Threshold("after_close_only", 1, {"kk": "Иә — тек есепке алынатын жыл жабылғаннан кейін енгізілген өзгерістер бағаланады (ашық жылдың есептері әдетте толықтырылады); жоқ — сомаларды өзгерткен кез келген себепсіз түзету.", "ru": "Да — учитываются только изменения, внесённые после закрытия года зачёта (отчёты открытого года обычно дополняются); нет — любое исправление без причины, изменившее суммы.", "en": "Yes: count only the changes committed after the credited year closed (an open year's reports are routinely completed); no: any correction without a reason that changed the amounts."}),
    ),
    truth_codes=("correction_without_reason",),
)


# -- NK-43 the same payment reported twice under other document fields --------------------------------


_UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d+")
#: One token of Latin letters and digits, no separators: the form a bank gives its references.
_LATIN_TOKEN = re.compile(r"^[A-Za-z0-9]+$")
_SPACED_DIGITS = re.compile(r"(?<=\d)[ \u00a0\u202f]+(?=\d)")

_FORM_WORDS = {
    "order": {"kk": "төлем тапсырмасының (бухгалтерлік) нөмірі", "ru": "номер платёжного поручения (бухгалтерский)", "en": "the payment-order (accounting) number"},
    "bank": {"kk": "банктің референсі", "ru": "референс банка", "en": "the bank's reference"},
}


def number_form(number: str | None, min_digits: int = 9) -> str | None:
    """The form a document number is written in: ``order``, ``bank`` or ``None`` (no digits, blank).

    A *bank reference* is what a bank statement gives a transfer: a long run of digits (at least
    ``min_digits``), a single token of Latin letters and digits holding that many digits
    ("FT24362X0012345"), or a transfer's UETR (a UUID). A *payment-order number* is the payer's own
    accounting serial, short and often with a prefix, series or year ("ПП-2023-004512", "№ 4512",
    "2023/4512"): payers restart it every year, so it never reaches that many digits in one run.
    """
    text = _SPACED_DIGITS.sub("", (number or "").strip())
    if not text:
        return None
    if _UUID.match(text):
        return "bank"
    runs = _DIGIT_RUN.findall(text)
    if not runs:
        return None
    if max(len(r) for r in runs) >= min_digits or (_LATIN_TOKEN.match(text) and sum(len(r) for r in runs) >= min_digits):
        return "bank"
    return "order"


def number_forms(numbers: pl.Expr, min_digits: int = 9) -> pl.Expr:
    """:func:`number_form` of a column of document numbers, in polars (a national frame holds millions)."""
    text = numbers.str.strip_chars()
    for _ in range(2):  # "1 2 3": each pass joins every other gap
        text = text.str.replace_all(r"(\d)[ \u00a0\u202f]+(\d)", "${1}${2}")
    digits = text.str.count_matches(r"\d")
    uuid = text.str.contains(r"(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
    bank = uuid | text.str.contains(rf"\d{{{int(min_digits)}}}") | (text.str.contains(r"^[A-Za-z0-9]+$") & (digits >= int(min_digits)))
    return (
        pl.when(text.is_null() | (text == "")).then(pl.lit(None, dtype=pl.Utf8))
        .when(bank).then(pl.lit("bank"))
        .when(digits > 0).then(pl.lit("order"))
        .otherwise(pl.lit(None, dtype=pl.Utf8))
    )


def _other_fields(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Pairs of payments that are one transfer reported once by its payment order and once by the bank's record of it.

    One payer, one performer, the same amount (to the tolerance), dates at most
    ``value_date_window_days`` apart (the order date and the value date), one number a payment-order
    number and the other a bank reference (:func:`number_form`), and purposes that do not name
    different stages or periods. Two payments that NK-06 already joins as copies are left to it. Each
    payment is paired at most once, nearest dates first: a second equal payment is a payment of its
    own. The payment with the lower record number may count; the other is at stake.
    """
    from niokr.control.indicators import relations

    window, min_digits = int(params["value_date_window_days"]), int(params["reference_min_digits"])
    pay = frames["payments"].select(
        "payment_id", "payer_id", "agreement_id", "right_id", "right_number", "performer_id", "paid_on", "amount", "document_number", "purpose", "year",
    )
    pay = pay.with_columns(number_forms(pl.col("document_number"), min_digits).alias("_form"))
    known = pay.filter(pl.all_horizontal([pl.col(c).is_not_null() for c in ("payer_id", "performer_id", "paid_on", "amount", "_form")]))
    cols = ["payment_id", "payer_id", "performer_id", "agreement_id", "paid_on", "amount", "purpose"]
    banks, orders = known.filter(pl.col("_form") == "bank").select(cols), known.filter(pl.col("_form") == "order").select(cols)
    days = (pl.col("paid_on") - pl.col("paid_on_b")).dt.total_days().abs()
    larger = pl.max_horizontal("amount", "amount_b").cast(pl.Float64)
    near = (pl.col("amount") - pl.col("amount_b")).abs().cast(pl.Float64) <= pl.max_horizontal(
        pl.lit(float(params["amount_tolerance_tiyn"])), larger * float(params["amount_tolerance_share"]),
    )
    candidates = banks.join(orders, on=["payer_id", "performer_id"], suffix="_b").filter((days <= window) & near).with_columns(
        days.alias("_days"), (pl.col("amount") - pl.col("amount_b")).abs().alias("_gap"),
    )
    pairs: list[tuple[int, int, int]] = []
    if not candidates.is_empty():
        # Not two payments that name different stages or periods.
        kept = []
        for row in candidates.select("payment_id", "payment_id_b", "purpose", "purpose_b", "_days", "_gap").iter_rows():
            a, b, pa, pb, d, g = row
            sa, sb = relations.stage_numbers(pa), relations.stage_numbers(pb)
            qa, qb = relations.period_names(pa), relations.period_names(pb)
            if (sa and sb and sa != sb) or (qa and qb and qa != qb):
                continue
            kept.append((d, g, min(a, b), max(a, b), a, b))
        # What NK-06 already joins (the same performers' payments are all it can join) is left to it.
        performers = candidates["performer_id"].unique().implode()
        mine = frames["payments"].filter(pl.col("performer_id").is_in(performers))
        if frames.has("agreements"):
            mine = mine.join(relations.agreement_keys(frames["agreements"]), on="agreement_id", how="left").with_columns(
                pl.coalesce("agreement_key", "agreement_id").alias("agreement_key"),
            )
        else:
            mine = mine.with_columns(pl.col("agreement_id").alias("agreement_key"))
        nk06 = next(i for i in relations.INDICATORS if i.code == "NK-06")
        groups = dict(relations._copies(mine, nk06.params()).select("payment_id", "_group").iter_rows())
        taken: set[int] = set()
        for d, g, _lo, _hi, a, b in sorted(kept):
            if a in taken or b in taken or (a in groups and groups.get(a) == groups.get(b)):
                continue
            taken.update((a, b))
            pairs.append((a, b, d))
    matched = pl.DataFrame(
        [(a, b, d) for a, b, d in pairs] + [(b, a, d) for a, b, d in pairs],
        schema={"payment_id": pl.Int64, "other_id": pl.Int64, "days_apart": pl.Int64}, orient="row",
    )
    blank = pl.col("document_number").is_null() | (pl.col("document_number").str.strip_chars() == "")
    rows = pay.join(matched, on="payment_id", how="left")
    incomplete = pl.any_horizontal([pl.col(c).is_null() for c in ("payer_id", "performer_id", "paid_on", "amount")])
    judged = judge(
        rows,
        [(pl.col("other_id").is_null() & blank, "no_document_number"), (pl.col("other_id").is_null() & incomplete, "payment_incomplete"),
         (pl.col("other_id").is_null() & pl.col("_form").is_null(), "number_unreadable")],
        pl.col("other_id").is_not_null(),
    )
    flagged = judged.filter(pl.col("status") == "flagged")
    if flagged.is_empty():
        return outcome(judged.select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", "reason"))
    other = pay.select(
        pl.col("payment_id").alias("other_id"), pl.col("document_number").alias("other_document_number"), pl.col("paid_on").alias("other_paid_on"),
        pl.col("amount").alias("other_amount"), pl.col("purpose").alias("other_purpose"), pl.col("_form").alias("_other_form"),
        pl.coalesce(pl.col("right_number"), pl.concat_str([pl.lit("#"), pl.col("right_id").cast(pl.Utf8)])).alias("_other_right"),
    )
    flagged = flagged.join(other, on="other_id", how="left")
    orgs = organisations(frames)
    flagged = with_bin(with_bin(flagged, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    judged = pl.concat([judged.filter(pl.col("status") != "flagged"), flagged], how="diagonal_relaxed")
    written = pl.concat_str([
        pl.col("other_document_number").fill_null("—"), pl.lit(" "), pl.col("other_paid_on").dt.strftime(_DATE), pl.lit(" ("), pl.col("_other_right"), pl.lit(")"),
    ])
    first = pl.col("payment_id") < pl.col("other_id")
    return finish(
        judged,
        subject_id=pl.col("payment_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            payment_id=pl.col("payment_id"), document_number=pl.col("document_number"), paid_on=day(pl.col("paid_on")), amount_tiyn=pl.col("amount"),
            performer_bin=pl.col("performer_bin"), payer_bin=pl.col("payer_bin"), purpose=pl.col("purpose").fill_null("").str.slice(0, 160),
            other_payment_ids=pl.concat_list(pl.col("other_id")), other_document_number=pl.col("other_document_number"), other_paid_on=day(pl.col("other_paid_on")),
            other_amount_tiyn=pl.col("other_amount"), other_purpose=pl.col("other_purpose").fill_null("").str.slice(0, 160),
            other_copies=pl.concat_list(written), days_apart=pl.col("days_apart"),
            **{f"number_form_{lang}": pl.col("_form").replace_strict({k: v[lang] for k, v in _FORM_WORDS.items()}, default=None) for lang in _LANGS},
            **{f"other_number_form_{lang}": pl.col("_other_form").replace_strict({k: v[lang] for k, v in _FORM_WORDS.items()}, default=None) for lang in _LANGS},
            first_occurrence=first, value_date_window_days=pl.lit(window),
        ),
        amount=pl.when(first).then(pl.lit(0)).otherwise(pl.col("amount")),
    )


NK43 = Indicator(
    code="NK-43",
    version=1,
    subject_type="payment",
    weight=80,
    title={
        "kk": "Бір төлем құжаттың басқа деректемелерімен екі рет көрсетілген",
        "ru": "Один платёж отражён дважды с разными реквизитами документа",
        "en": "Same payment reported under other document fields",
    },
    rationale={
        "kk": "Бір аударымның екі жазбасы бар: төлеушінің бухгалтериясындағы төлем тапсырмасы (нөмірі мен тапсырма күні) және банктің көшірмесіндегі жазба (банк референсі мен валюталау күні). Екеуі де есепке енгізілсе, бір ақша екі рет есептеледі, ал нөмірлер мен күндер әртүрлі болғандықтан, бір құжаттың көшірмелерін іздейтін тексеру (NK-06) оларды байланыстырмайды.",
        "ru": "У одного перевода две записи: платёжное поручение в бухгалтерии плательщика (номер и дата поручения) и запись в выписке банка (референс банка и дата валютирования). Если в отчёт попадают обе, одни деньги учитываются дважды, а поскольку номера и даты разные, проверка копий одного документа (NK-06) их не связывает.",
        "en": "One transfer has two records: the payment order in the payer's books (its number and order date) and the entry in the bank statement (the bank's reference and the value date). When a report takes in both, one sum is counted twice, and since the numbers and dates differ, the check for copies of one document (NK-06) does not join them.",
    },
    legal_basis={
        "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ: міндеттеме нақты жұмсалған шығынмен орындалады; аудиторлық негіздеме: қосарланған есеп. Кезең мен нөмір нысандары аудит тәжірибесі бойынша белгіленген.",
        "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1: обязательство исполняется фактически понесёнными расходами; аудиторское обоснование: двойной учёт. Окно и формы номеров установлены по практике аудита.",
        "en": "Law of 24.06.2010 No 291-IV, art. 76 item 12-1: the obligation is met by spending actually incurred; audit rationale: double counting. The window and the number forms are set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin}: {paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі және сол орындаушыға ({performer_bin}) {other_paid_on} күнгі {other_amount_tiyn} сомасындағы {other_document_number} төлемі — құжаттың әртүрлі деректемелерімен екі рет көрсетілген бір төлем сияқты: біреуінде {number_form_kk}, екіншісінде {other_number_form_kk}, күндерінің арасы {days_apart} күн (шегі {value_date_window_days}). Мақсаттары: «{purpose}» және «{other_purpose}». Басқа жазба (нөмірі, күні, құқық): {other_copies}.",
        "ru": "Недропользователь {payer_bin}: платёж {document_number} на сумму {amount_tiyn} от {paid_on} и платёж {other_document_number} на сумму {other_amount_tiyn} от {other_paid_on} тому же исполнителю {performer_bin} похожи на один платёж, отражённый дважды с разными реквизитами документа: в одном — {number_form_ru}, в другом — {other_number_form_ru}, между датами {days_apart} дн. (предел {value_date_window_days}). Назначения: «{purpose}» и «{other_purpose}». Другая запись (номер, дата, право): {other_copies}.",
        "en": "Subsoil user {payer_bin}: payment {document_number} of {amount_tiyn} on {paid_on} and payment {other_document_number} of {other_amount_tiyn} on {other_paid_on} to the same performer {performer_bin} look like one payment reported twice under different document fields: one gives {number_form_en}, the other {other_number_form_en}, {days_apart} days apart (limit {value_date_window_days}). Purposes: «{purpose}» and «{other_purpose}». The other record (number, date, right): {other_copies}.",
    },
    needs=("payments",),
    evaluate=_other_fields,
    thresholds=(
        Threshold("value_date_window_days", 10, {"kk": "Бір аударымның тапсырма күні мен банктегі валюталау күнінің арасында болуы мүмкін күндер саны (жұмыс аптасы мен демалыс күндері, Жаңа жыл мерекелері).", "ru": "Сколько дней может пройти между датой поручения и датой валютирования в банке для одного перевода (рабочая неделя с выходными, новогодние праздники).", "en": "Days that may pass between the order date and the bank's value date of one transfer (a working week and a weekend, the New Year holidays)."}),
        Threshold("reference_min_digits", 9, {"kk": "Нөмір банк референсі болып саналуы үшін қатар тұрған цифрлардың (немесе бөлгішсіз бір латын таңбалы нөмірдегі цифрлардың) ең аз саны; төлеушінің тапсырма нөмірлері жыл сайын қайта басталады және мұндай ұзындыққа жетпейді.", "ru": "Наименьшее число цифр подряд (или цифр в одном латинском номере без разделителей), при котором номер считается референсом банка; номера поручений плательщика начинаются заново каждый год и такой длины не достигают.", "en": "Least digits in a row (or in one Latin token without separators) that make a number a bank reference; a payer's order numbers restart every year and never reach that length."}),
        Threshold("amount_tolerance_tiyn", 100, {"kk": "Екі жазбаның осы шамадан аспайтын айырмасы бар сомалары бір сома болып саналады (тиындағы қате).", "ru": "Суммы двух записей, различающиеся не больше чем на эту величину, считаются одной суммой (ошибка в тиынах).", "en": "Amounts of the two records that differ by at most this are the same amount (a tiyn retyped)."}),
        Threshold("amount_tolerance_share", 0.0001, {"kk": "Немесе үлкен соманың осы үлесінен аспайтын шамаға — қайсысы көбірек мүмкіндік берсе.", "ru": "Или не более чем на эту долю большей суммы — что допускает больше.", "en": "Or by at most this share of the larger amount, whichever allows more."}),
    ),
    truth_codes=("same_payment_other_fields",),
)

INDICATORS: tuple[Indicator, ...] = (NK41, NK42, NK43)
