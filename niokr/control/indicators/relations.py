"""Indicators of relations and eligibility: who was paid, when, how much, how often, and for what.

NK-01 performer not eligible on the payment date, NK-02 affiliated performer, NK-03 accreditation
required but absent, NK-04 payment outside the agreement's dates, NK-05 payments above the
agreement amount, NK-06 the same payment claimed twice, NK-07 purpose that is not R&D, NK-20
subcontracting that passes the money back to the payer's group. Each returns the coverage ledger
(one row per subject in scope) described in :mod:`niokr.control.indicators.base`.

Dates in evidence are written ``DD.MM.YYYY`` (the form an auditor's letter uses); money keys end in
``_tiyn``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from niokr.control.indicators import graph, purpose
from niokr.control.indicators.base import Frames, Indicator, Threshold, outcome
from niokr.core.docnumbers import number_key, split_key

__all__ = ["INDICATORS", "ELIGIBLE_STATUSES", "ANY_REGIME"]

_DATE = "%d.%m.%Y"
_LANGS = ("kk", "ru", "en")

#: Statuses that make a performer eligible under each regime of the catalogue, with the date from
#: which each is accepted (``None``: always). This mirrors ``eligible_performers`` of
#: ``niokr.obligations.catalogue`` (a test keeps the two equal): the 2010 Law wants Kazakhstani
#: suppliers, adds PIT/Astana Hub participants from 10.06.2014 and foreign performers with the
#: competent authority's permission from 11.01.2015; the 2018 Code rules also accept accredited
#: science organisations; the 2026 model contracts accept Kazakhstani producers and Astana Hub
#: participants only. The budget regime takes no direct spending, so it is not listed.
ELIGIBLE_STATUSES: dict[str, tuple[tuple[str, date | None], ...]] = {
    "LAW2010_SGD": (("kazakhstani_supplier", None), ("astana_hub", date(2014, 6, 10)), ("foreign_permission", date(2015, 1, 11))),
    "CODE2017_COSTS": (("kazakhstani_supplier", None), ("science_accreditation", None), ("astana_hub", None), ("foreign_permission", None)),
    "MODEL2026_SGD": (("kazakhstani_supplier", None), ("astana_hub", None)),
}
#: The rule applied where the payment's regime is unknown or takes no direct spending: any status
#: counts, so only a performer holding none at all is flagged.
ANY_REGIME = "*"
_ANY_STATUSES = (("kazakhstani_supplier", None), ("science_accreditation", None), ("astana_hub", None), ("foreign_permission", None))

_STATUS_LABELS = {
    "kk": {"kazakhstani_supplier": "қазақстандық өнім беруші мәртебесі", "science_accreditation": "ғылыми қызмет субъектісінің аккредиттеуі",
           "astana_hub": "Astana Hub қатысушысы мәртебесі", "foreign_permission": "шетелдік орындаушыны тартуға рұқсат"},
    "ru": {"kazakhstani_supplier": "статус казахстанского поставщика", "science_accreditation": "аккредитация субъекта научной деятельности",
           "astana_hub": "статус участника Astana Hub", "foreign_permission": "разрешение на привлечение иностранного исполнителя"},
    "en": {"kazakhstani_supplier": "Kazakhstani-supplier status", "science_accreditation": "science accreditation",
           "astana_hub": "Astana Hub participant status", "foreign_permission": "foreign-performer permission"},
}
_NONE = {"kk": "жоқ", "ru": "нет", "en": "none"}


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _day(column: str) -> pl.Expr:
    return pl.col(column).dt.strftime(_DATE).alias(column)


def _orgs(frames: Frames, role: str) -> pl.DataFrame:
    """``<role>_id → <role>_bin, <role>_kind`` (empty when organisations are not given)."""
    schema = {f"{role}_id": pl.Int64, f"{role}_bin": pl.Utf8, f"{role}_kind": pl.Utf8}
    if not frames.has("organisations"):
        return pl.DataFrame(schema=schema)
    return frames["organisations"].unique(subset="org_id", keep="first").select(
        pl.col("org_id").alias(f"{role}_id"), pl.col("bin").alias(f"{role}_bin"), pl.col("kind").alias(f"{role}_kind"),
    )


def _payment_facts() -> list[pl.Expr]:
    """Evidence every payment indicator shows: which document, when, how much, to whom."""
    return [pl.col("payment_id"), pl.col("document_number"), _day("paid_on"), pl.col("amount").alias("amount_tiyn"), pl.col("performer_bin")]


def _labels(column: str, labels: Mapping[str, Mapping[str, str]], empty: Mapping[str, str] | None = None) -> list[pl.Expr]:
    """A list-of-codes column rendered as a comma-separated phrase in each language."""
    out = []
    for lang in _LANGS:
        text = pl.col(column).list.eval(pl.element().replace_strict(dict(labels[lang]), default=pl.element())).list.join(", ")
        if empty is not None:
            text = pl.when(pl.col(column).list.len() == 0).then(pl.lit(empty[lang])).otherwise(text)
        out.append(text.alias(f"{column}_{lang}"))
    return out


def _ledger(
    frame: pl.DataFrame, subject: str, evidence: list[pl.Expr], amount: pl.Expr, frames: Frames, roles: tuple[str, ...] = ("performer",),
) -> pl.DataFrame:
    """The outcome frame from ``frame`` (with ``status``, ``reason``).

    Evidence is built for the flagged rows only, and only they are joined to the organisations of
    ``roles`` (``<role>_bin``, ``<role>_kind``; null when organisations are not given): at national
    scale the flagged rows are a few per cent, and naming the organisations of every payment would
    cost more than the test itself.
    """
    flagged = frame.filter(pl.col("status") == "flagged")
    rest = frame.filter(pl.col("status") != "flagged")
    for role in roles:
        flagged = flagged.join(_orgs(frames, role), on=f"{role}_id", how="left")
    parts = [
        rest.select(pl.col(subject).alias("subject_id"), "payer_id", "status", "reason"),
        flagged.select(
            pl.col(subject).alias("subject_id"), "payer_id", "status",
            pl.struct(evidence).struct.json_encode().alias("evidence"), amount.cast(pl.Int64).alias("amount"),
        ),
    ]
    return outcome(pl.concat(parts, how="diagonal_relaxed"))


def _known(frames: Frames, column: str) -> pl.Expr:
    """Whether the organisation id in ``column`` is in the ``organisations`` frame."""
    return pl.col(column).is_in(frames["organisations"]["org_id"].implode()).fill_null(False)


def _valid_on(day: str) -> pl.Expr:
    """A status or edge row (``valid_from``, ``valid_to``: null open-ended) holds on the date in ``day``."""
    return (pl.col("valid_from") <= pl.col(day)) & (pl.col("valid_to").is_null() | (pl.col(day) <= pl.col("valid_to")))


def _status(*cases: tuple[pl.Expr, str], flagged: pl.Expr) -> list[pl.Expr]:
    """``status`` and ``reason``: the first not-computable case that holds, else flagged or clear."""
    reason = pl.lit(None, dtype=pl.Utf8)
    for condition, code in reversed(cases):
        reason = pl.when(condition).then(pl.lit(code)).otherwise(reason)
    status = pl.when(reason.is_not_null()).then(pl.lit("not_computable")).when(flagged).then(pl.lit("flagged")).otherwise(pl.lit("clear"))
    return [status.alias("status"), reason.alias("reason")]


# -- NK-01 performer not eligible on the payment date ---------------------------------------------


def _rules() -> pl.DataFrame:
    """:data:`ELIGIBLE_STATUSES` and the any-status rule as a frame: ``_rule``, ``kind``, ``since``."""
    rows = [(code, kind, since) for code, rules in [*ELIGIBLE_STATUSES.items(), (ANY_REGIME, _ANY_STATUSES)] for kind, since in rules]
    return pl.DataFrame(rows, schema={"_rule": pl.Utf8, "kind": pl.Utf8, "since": pl.Date}, orient="row")


def _nk01(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments whose performer held none of the statuses the payment's regime accepts on the payment date."""
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "regime_code").with_columns(
        pl.when(pl.col("regime_code").is_in(list(ELIGIBLE_STATUSES))).then(pl.col("regime_code")).otherwise(pl.lit(ANY_REGIME)).alias("_rule")
    )
    rules, attributes = _rules(), frames["attributes"]
    # An accepted status counts from the later of its own start and the date the regime accepts it.
    windows = attributes.join(rules, on="kind", how="inner").select(
        "org_id", "_rule", pl.max_horizontal("valid_from", "since").alias("valid_from"), "valid_to",
    )
    eligible = (
        pay.select("payment_id", "performer_id", "paid_on", "_rule")
        .join(windows, left_on=["performer_id", "_rule"], right_on=["org_id", "_rule"], how="inner")
        .filter(_valid_on("paid_on"))["payment_id"]
    )
    pay = pay.with_columns(_status(
        (~_known(frames, "performer_id"), "performer_unknown"), (pl.col("paid_on").is_null(), "no_payment_date"),
        flagged=~pl.col("payment_id").is_in(eligible.implode()),
    ))
    flagged = pay.filter(pl.col("status") == "flagged")
    held = (
        flagged.select("payment_id", "performer_id", "paid_on")
        .join(attributes, left_on="performer_id", right_on="org_id", how="inner")
        .filter(_valid_on("paid_on"))
        .group_by("payment_id").agg(pl.col("kind").unique().sort().alias("held"))
    )
    accepted = (
        flagged.select("payment_id", "paid_on", "_rule")
        .join(rules, on="_rule", how="inner")
        .filter(pl.col("since").is_null() | (pl.col("since") <= pl.col("paid_on")))
        .group_by("payment_id").agg(pl.col("kind").unique().sort().alias("accepted"))
    )
    pay = pl.concat([
        pay.filter(pl.col("status") != "flagged"),
        flagged.join(held, on="payment_id", how="left").join(accepted, on="payment_id", how="left").with_columns(
            pl.col("held").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))), pl.col("accepted").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))),
        ),
    ], how="diagonal_relaxed")
    evidence = [
        *_payment_facts(), pl.col("performer_kind"), pl.col("regime_code").alias("regime"), "accepted", "held",
        *_labels("accepted", _STATUS_LABELS, _NONE), *_labels("held", _STATUS_LABELS, _NONE),
    ]
    return _ledger(pay, "payment_id", evidence, pl.col("amount"), frames)


# -- NK-02 affiliated performer -------------------------------------------------------------------


def _nk02(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to a performer in the payer's group, or within ``max_hops`` of it, on the payment date.

    Group membership follows ownership to any depth (:func:`graph.in_group`: the performer and the
    payer under one ultimate owner, or one owning the other through subsidiaries); one common founder
    or director link between the two groups joins them too, whatever the ownership around it
    (:func:`graph.through_one_person`); paths of several such links count up to ``max_hops`` edges
    (:func:`graph.affiliated`). The shortest path is shown.
    """
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number")
    hops = graph.affiliated(
        frames["affiliations"], frames["organisations"], pay, key="payment_id", source="payer_id", target="performer_id", start="paid_on", max_hops=int(params["max_hops"]),
        min_share=float(params["min_owner_share"]),
    )
    group = graph.in_group(
        frames["affiliations"], frames["organisations"], pay, key="payment_id", source="payer_id", target="performer_id", day="paid_on",
        min_share=float(params["min_owner_share"]),
    )
    person = graph.through_one_person(
        frames["affiliations"], frames["organisations"], pay, key="payment_id", source="payer_id", target="performer_id", day="paid_on",
        min_share=float(params["min_owner_share"]),
    )
    hits = pl.concat([hops, group, person]).sort("payment_id", "hops").unique("payment_id", keep="first", maintain_order=True)
    pay = pay.join(hits, on="payment_id", how="left").with_columns(_status(
        (pl.col("payer_id").is_null() | pl.col("performer_id").is_null(), "performer_unknown"), (pl.col("paid_on").is_null(), "no_payment_date"),
        flagged=pl.col("hops").is_not_null(),
    ))
    evidence = [
        *_payment_facts(), "payer_bin", "hops", "path_bins", "path_relations", "path_kk", "path_ru", "path_en",
        pl.lit(int(params["max_hops"])).alias("max_hops"),
    ]
    return _ledger(pay, "payment_id", evidence, pl.col("amount"), frames, roles=("performer", "payer"))


# -- NK-03 accreditation required but absent ------------------------------------------------------


#: The two rules under which a performer must be accredited, in each language.
_ACCREDITATION_RULES = {
    "regime": {
        "kk": "{regime} режимі орындаушының ғылыми қызмет субъектісі ретінде аккредиттелуін талап етеді",
        "ru": "режим {regime} требует аккредитации исполнителя как субъекта научной деятельности",
        "en": "regime {regime} requires an accredited subject of scientific activity",
    },
    "tax_deduction": {
        "kk": "{since} бастап Салық кодексінің 302-бабы бойынша ғылыми ұйымға немесе қорға берілген ақша, егер алушы аккредиттелген болса (немесе Astana Hub кластерлік қоры болса) ғана шегеріледі",
        "ru": "с {since} по ст. 302 Налогового кодекса деньги, переданные научной организации или фонду, вычитаются, только если получатель аккредитован (или является кластерным фондом Astana Hub)",
        "en": "from {since} the Tax Code (art. 302) lets money placed with a research organisation or fund be deducted only if the recipient is accredited (or is the Astana Hub cluster fund)",
    },
}


def _nk03(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to a performer not accredited on the payment date, where a rule requires accreditation.

    Two rules require it. A regime may (``requires_accreditation``; none of the regimes of DOMAIN §1
    does: see docs/control.md). And from ``deduction_from`` the Tax Code's art. 302 (DOMAIN §4.2,
    Implication 11) allows the deduction of money a subsoil user places with an organisation in
    science or a fund only if the recipient is accredited by the science authority, an autonomous
    educational organisation, or the Astana Hub cluster fund: payments to performers of the kinds
    ``deduction_kinds`` (research institutes, aggregators and cluster funds) are judged under it,
    and for them an Astana Hub status (the cluster fund) stands in for accreditation.
    """
    since = date.fromisoformat(str(params["deduction_from"]))
    kinds = [k.strip() for k in str(params["deduction_kinds"]).split(",") if k.strip()]
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "regime_code", "requires_accreditation")
    performer_kind = frames["organisations"].unique("org_id", keep="first").select(pl.col("org_id").alias("performer_id"), pl.col("kind").alias("_kind"))
    pay = pay.join(performer_kind, on="performer_id", how="left").with_columns(
        pl.col("requires_accreditation").fill_null(False).alias("_by_regime"),
        ((pl.col("paid_on") >= pl.lit(since)) & pl.col("_kind").is_in(kinds)).fill_null(False).alias("_by_tax"),
    )
    statuses = frames["attributes"].filter(pl.col("kind").is_in(["science_accreditation", "astana_hub"]))
    held = (
        pay.filter(pl.col("_by_regime") | pl.col("_by_tax")).select("payment_id", "performer_id", "paid_on", "_by_tax")
        .join(statuses, left_on="performer_id", right_on="org_id", how="inner")
        .filter(_valid_on("paid_on") & ((pl.col("kind") == "science_accreditation") | pl.col("_by_tax")))["payment_id"]
    )
    in_scope = pl.col("_by_regime") | pl.col("_by_tax")
    pay = pay.with_columns(_status(
        (pl.col("requires_accreditation").is_null() & ~pl.col("_by_tax"), "no_regime"),
        (in_scope & ~_known(frames, "performer_id"), "performer_unknown"),
        (in_scope & pl.col("paid_on").is_null(), "no_payment_date"),
        flagged=in_scope & ~pl.col("payment_id").is_in(held.implode()),
    ))
    rule = pl.when(pl.col("_by_regime")).then(pl.lit("regime")).otherwise(pl.lit("tax_deduction"))
    requirement = {
        lang: pl.when(pl.col("_by_regime"))
        .then(pl.concat_str([
            pl.lit(_ACCREDITATION_RULES["regime"][lang].split("{regime}")[0]), pl.col("regime_code").fill_null("—"),
            pl.lit(_ACCREDITATION_RULES["regime"][lang].split("{regime}")[1]),
        ]))
        .otherwise(pl.lit(_ACCREDITATION_RULES["tax_deduction"][lang].replace("{since}", since.strftime(_DATE))))
        for lang in _LANGS
    }
    evidence = [
        *_payment_facts(), pl.col("regime_code").alias("regime"), pl.col("_kind").alias("performer_kind"), rule.alias("rule"),
        pl.lit(since.strftime(_DATE)).alias("deduction_from"), *[expr.alias(f"requirement_{lang}") for lang, expr in requirement.items()],
    ]
    return _ledger(pay, "payment_id", evidence, pl.col("amount"), frames)


# -- NK-04 payment outside the agreement's dates --------------------------------------------------


def _nk04(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments more than ``grace_days`` before the agreement was signed or after its end.

    An agreement registered twice under its number written two ways (:func:`agreement_keys`) is one
    agreement: a payment is judged against the earliest signing date and the latest end of its
    registrations, so a registration whose period was cut short in one report flags nothing.
    """
    grace = int(params["grace_days"])
    agreements = (
        frames["agreements"].join(agreement_keys(frames["agreements"]), on="agreement_id", how="left")
        .with_columns(pl.col("signed_on").min().over("agreement_key"), pl.col("period_end").max().over("agreement_key"))
        .select("agreement_id", pl.col("number").alias("agreement_number"), "signed_on", "period_end", pl.lit(True).alias("_found"))
    )
    pay = (
        frames["payments"].select("payment_id", "payer_id", "agreement_id", "performer_id", "paid_on", "amount", "document_number")
        .join(agreements.unique(subset="agreement_id", keep="first"), on="agreement_id", how="left")
        .with_columns(
            (pl.col("signed_on") - pl.col("paid_on")).dt.total_days().alias("_before"),
            (pl.col("paid_on") - pl.col("period_end")).dt.total_days().alias("_after"),
        )
        .with_columns(_status(
            (pl.col("_found").is_null(), "no_agreement"), (pl.col("signed_on").is_null(), "no_agreement_date"), (pl.col("paid_on").is_null(), "no_payment_date"),
            flagged=(pl.col("_before") > grace) | (pl.col("_after").fill_null(0) > grace),
        ))
    )
    early = pl.col("_before") > grace
    days = pl.when(early).then(pl.col("_before")).otherwise(pl.col("_after")).cast(pl.Utf8)
    number = pl.col("agreement_number").fill_null("—")
    outside = {
        "kk": pl.when(early).then(pl.concat_str([number, pl.lit(" шартына қол қойылғанға дейін "), days, pl.lit(" күн бұрын")]))
        .otherwise(pl.concat_str([number, pl.lit(" шартының мерзімі аяқталғаннан кейін "), days, pl.lit(" күн өткен соң")])),
        "ru": pl.when(early).then(pl.concat_str([pl.lit("за "), days, pl.lit(" дн. до подписания договора "), number]))
        .otherwise(pl.concat_str([pl.lit("через "), days, pl.lit(" дн. после окончания срока договора "), number])),
        "en": pl.when(early).then(pl.concat_str([days, pl.lit(" days before agreement "), number, pl.lit(" was signed")]))
        .otherwise(pl.concat_str([days, pl.lit(" days after agreement "), number, pl.lit(" ended")])),
    }
    evidence = [
        *_payment_facts(), "agreement_number", _day("signed_on"), _day("period_end"),
        pl.when(early).then(pl.col("_before")).otherwise(pl.lit(0)).alias("days_before"),
        pl.when(early).then(pl.lit(0)).otherwise(pl.col("_after")).alias("days_after"),
        pl.lit(grace).alias("grace_days"), *[expr.alias(f"outside_{lang}") for lang, expr in outside.items()],
    ]
    return _ledger(pay, "payment_id", evidence, pl.col("amount"), frames)


# -- NK-05 payments above the agreement amount ----------------------------------------------------


def _nk05(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements whose payments add up to more than the amount plus the tolerance; the excess is at stake.

    An agreement registered twice under its number written two ways (:func:`agreement_keys`) is
    judged as one: the payments under either registration count against the amount of the first,
    every registration is flagged and the excess is at stake on the first only.
    """
    tolerance = float(params["tolerance"])
    keys = agreement_keys(frames["agreements"])
    paid = (
        frames["payments"].select("agreement_id", "amount").join(keys, on="agreement_id", how="left")
        .group_by(pl.coalesce("agreement_key", "agreement_id").alias("agreement_key"))
        .agg(pl.col("amount").sum().alias("paid_total"), pl.len().alias("payments"))
    )
    agr = (
        frames["agreements"].select("agreement_id", "payer_id", "performer_id", pl.col("number").alias("agreement_number"), "signed_on", "amount")
        .join(keys, on="agreement_id", how="left")
        .with_columns(
            pl.col("amount").filter(pl.col("agreement_id") == pl.col("agreement_key")).first().over("agreement_key").alias("_key_amount"),
            pl.col("agreement_number").unique().sort().over("agreement_key", mapping_strategy="join").alias("registered_as"),
        )
        .with_columns(pl.coalesce("_key_amount", "amount").alias("amount"))
        .join(paid, on="agreement_key", how="left")
        .with_columns(pl.col("paid_total").fill_null(0), pl.col("payments").fill_null(0))
        .with_columns(_status(
            (pl.col("amount").is_null() | (pl.col("amount") <= 0), "no_agreement_amount"),
            flagged=pl.col("paid_total") > pl.col("amount") + (pl.col("amount").cast(pl.Float64) * tolerance).floor().cast(pl.Int64),
        ))
    )
    evidence = [
        "agreement_id", "agreement_number", _day("signed_on"), "performer_bin", pl.col("amount").alias("agreement_amount_tiyn"),
        pl.col("paid_total").alias("paid_total_tiyn"), (pl.col("paid_total") - pl.col("amount")).alias("excess_tiyn"), "payments",
        pl.lit(tolerance * 100).alias("tolerance_pct"), "registered_as",
    ]
    excess = pl.when(pl.col("agreement_id") == pl.col("agreement_key")).then(pl.col("paid_total") - pl.col("amount")).otherwise(pl.lit(0))
    return _ledger(agr, "agreement_id", evidence, excess, frames)


# -- NK-06 the same payment claimed twice ---------------------------------------------------------

_SCOPE = {
    "kk": {"one_report": "бір есепте", "several_reports": "әртүрлі есептерде", "several_payers": "әртүрлі жер қойнауын пайдаланушылармен"},
    "ru": {"one_report": "в одном отчёте", "several_reports": "в разных отчётах", "several_payers": "разными недропользователями"},
    "en": {"one_report": "in one report", "several_reports": "in several reports", "several_payers": "by several subsoil users"},
}


#: The key NK-06 compares document numbers by (kept under its old name for the callers that import it here).
document_key = number_key


def agreement_keys(agreements: pl.DataFrame) -> pl.DataFrame:
    """``agreement_id`` → ``agreement_key``: agreements that are one agreement written twice share a key.

    A report that writes the agreement number another way ("НИОКР 17" for "НИОКР-17") registers a
    second agreement. Agreements of one payer and one performer signed on the same date whose
    numbers have the same key (:func:`number_key`) are one agreement; the key is the lowest id among
    them. An agreement without a number or a signing date is only itself.
    """
    agr = agreements.select("agreement_id", "payer_id", "performer_id", "number", "signed_on")
    numbers = agr["number"].drop_nulls().unique()
    table = pl.DataFrame({"number": numbers, "_nkey": [number_key(n) for n in numbers.to_list()]}, schema={"number": pl.Utf8, "_nkey": pl.Utf8})
    agr = agr.join(table, on="number", how="left")
    known = pl.all_horizontal([pl.col(c).is_not_null() for c in ("payer_id", "performer_id", "_nkey", "signed_on")])
    return agr.with_columns(
        pl.when(known).then(pl.col("agreement_id").min().over("payer_id", "performer_id", "_nkey", "signed_on"))
        .otherwise(pl.col("agreement_id")).alias("agreement_key"),
    ).select("agreement_id", "agreement_key").unique("agreement_id", keep="first")


#: A stage of the calendar plan named in a purpose: "этап 3", "3-го этапа", "этапа № 3", "III этап",
#: "3-кезең", "кезең 3", "stage 3", "phase 3".
_STAGE_WORDS = r"(?:этап\w*|кезе[ңн]\w*|stage|phase|фаз[аеыу]\w*)"
_STAGE_NUMBER = r"(\d{1,2}|[IVX]{1,4})"
_STAGES = re.compile(
    rf"{_STAGE_WORDS}\s*(?:№\s*)?{_STAGE_NUMBER}(?!\w)|(?<!\w){_STAGE_NUMBER}(?:\s*-?\s*[^\W\d_]{{1,4}})?[\s\-]*{_STAGE_WORDS}",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def stage_numbers(purpose: str | None) -> frozenset[int]:
    """The calendar-plan stages a purpose names (empty: none named)."""
    found = set()
    for match in _STAGES.finditer(purpose or ""):
        value = (match.group(1) or match.group(2)).upper()
        number = int(value) if value.isdigit() else _ROMAN.get(value)
        if number is not None:
            found.add(number)
    return frozenset(found)


#: Month names by month, as a purpose writes them in Russian (any case), Kazakh (any ending) and English (abbreviated too).
_MONTH_WORDS = {
    1: r"январ[ьяюе]|қаңтар\w*|january|jan\.?", 2: r"феврал[ьяюе]|ақпан\w*|february|feb\.?", 3: r"март[аеу]?|наурыз\w*|march|mar\.?",
    4: r"апрел[ьяюе]|сәуір\w*|april|apr\.?", 5: r"ма[йяюе]|мамыр\w*|may(?=\s+(?:19|20)\d\d)", 6: r"июн[ьяюе]|маусым\w*|june|jun\.?",
    7: r"июл[ьяюе]|шілде\w*|july|jul\.?", 8: r"август[аеу]?|тамыз\w*|august|aug\.?", 9: r"сентябр[ьяюе]|қыркүйек\w*|september|sept?\.?",
    10: r"октябр[ьяюе]|қазан\w*|october|oct\.?", 11: r"ноябр[ьяюе]|қараша\w*|november|nov\.?", 12: r"декабр[ьяюе]|желтоқсан\w*|december|dec\.?",
}
_MONTHS = [(month, re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)) for month, words in _MONTH_WORDS.items()]
#: A period written in digits: "06.2025", "2025-06" — not the tail of a full date ("30.06.2025").
_NUMERIC_MONTH = re.compile(r"(?<![\d./-])(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\d./-]?\d)|(?<![\d./-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d./-]?\d)")
#: A quarter: "2 кв.", "II квартал", "2-й квартал", "II тоқсан", "Q2", "2nd quarter", "quarter 2".
_QUARTER_WORDS = r"(?:кв\.?|квартал\w*|тоқсан\w*|quarter)"
_QUARTERS = re.compile(
    rf"(?<!\w)([1-4]|I{{1,3}}|IV)(?:\s*-?\s*(?:й|го|ый|ші|шы|st|nd|rd|th))?\s*{_QUARTER_WORDS}(?!\w)"
    rf"|(?<!\w){_QUARTER_WORDS}\s*([1-4])(?!\w)|(?<!\w)Q([1-4])(?!\w)",
    re.IGNORECASE,
)


def period_names(purpose: str | None) -> frozenset[tuple[str, int]]:
    """The months and quarters a purpose names, as ``("month", 6)`` or ``("quarter", 2)`` (empty: none).

    Monthly and quarterly fees under one agreement repeat their amount and words: the period they
    name is what tells one payment from the next."""
    text = purpose or ""
    found = {("month", month) for month, pattern in _MONTHS if pattern.search(text)}
    for match in _NUMERIC_MONTH.finditer(text):
        found.add(("month", int(match.group(1) or match.group(4))))
    for match in _QUARTERS.finditer(text):
        value = (match.group(1) or match.group(2) or match.group(3)).upper()
        found.add(("quarter", int(value) if value.isdigit() else _ROMAN[value]))
    return frozenset(found)


def _trigrams(purpose: str | None) -> frozenset[str]:
    """Character trigrams of a purpose's words, numbers and punctuation left out (retyping changes those)."""
    words = re.sub(r"[\W\d_]+", " ", (purpose or "").lower().replace("ё", "е")).split()
    text = " ".join(words)
    return frozenset(text[i:i + 3] for i in range(len(text) - 2))


def purpose_similarity(a: str | None, b: str | None) -> float:
    """How alike two purposes read, 0..1: the share of the shorter one's character trigrams found in the
    other (a purpose retyped short, "НИР" for "Оплата НИР, этап 1", reads as the same); 1.0 when either says nothing."""
    ta, tb = _trigrams(a), _trigrams(b)
    if not ta or not tb:
        return 1.0
    return len(ta & tb) / min(len(ta), len(tb))


def _same_purpose(a: str | None, b: str | None, threshold: float) -> bool:
    """Two purposes that may describe one payment: alike in words and not naming different stages or periods."""
    sa, sb = stage_numbers(a), stage_numbers(b)
    if sa and sb and sa != sb:
        return False
    pa, pb = period_names(a), period_names(b)
    if pa and pb and pa != pb:
        return False
    return purpose_similarity(a, b) >= threshold


def _near(a: str, b: str, params: Mapping[str, Any]) -> pl.Expr:
    """Two amounts within the tolerance: ``amount_tolerance_tiyn`` or ``amount_tolerance_share`` of the larger."""
    larger = pl.max_horizontal(a, b).cast(pl.Float64)
    allowed = pl.max_horizontal(pl.lit(float(params["amount_tolerance_tiyn"])), larger * float(params["amount_tolerance_share"]))
    return (pl.col(a) - pl.col(b)).abs().cast(pl.Float64) <= allowed


def _keyed(pay: pl.DataFrame) -> pl.DataFrame:
    """``pay`` with its document numbers taken apart (:func:`split_key`): ``_key``, ``_base``, ``_number``, ``_part``, ``_single``.

    Each distinct number is read once: at national scale many payments share a form.
    """
    numbers = pay["document_number"].drop_nulls().unique()
    keys = [split_key(n) for n in numbers.to_list()]
    table = pl.DataFrame(
        {
            "document_number": numbers,
            "_key": [k.key if k else None for k in keys],
            "_base": [k.base if k else None for k in keys],
            "_number": [k.number if k else None for k in keys],
            "_part": [k.part if k else None for k in keys],
            "_single": [k.single if k else None for k in keys],
        },
        schema={"document_number": pl.Utf8, "_key": pl.Utf8, "_base": pl.Utf8, "_number": pl.Utf8, "_part": pl.Utf8, "_single": pl.Boolean},
    )
    return pay.join(table, on="document_number", how="left")


def _copies(pay: pl.DataFrame, params: Mapping[str, Any]) -> pl.DataFrame:
    """Groups of payments that are one payment claimed more than once: ``payment_id`` → ``_group``, ``_whole``.

    Four ways (docs/control.md, NK-06): the same number as accountants mean it (:func:`number_key`),
    the same performer and amount (to the tolerance), on the same date whoever paid, or within
    ``same_number_window_days`` for one payer; the same number with a numbered part on one side
    ("ПП-812" and "0812-1") and alike purposes, within ``date_window_days``; the same agreement (as
    identified by :func:`agreement_keys`) paid the same amount within ``date_window_days`` under
    another number, for a purpose that reads the same and names no other stage; and an order claimed
    again in numbered parts ("700/1" + "700/2") whose amounts add up to it, within ``date_window_days``.
    Copies of copies belong to one group, named by its lowest payment id — or, where an order was
    claimed again in parts, by the whole order (``_whole``): the parts are the copies.
    """
    empty = pl.DataFrame(schema={"payment_id": pl.Int64, "_group": pl.Int64, "_whole": pl.Boolean})
    window, same_window, similar = int(params["date_window_days"]), int(params["same_number_window_days"]), float(params["purpose_similarity"])
    known = pay.filter(pl.all_horizontal([pl.col(k).is_not_null() for k in ("amount", "paid_on", "performer_id")])).select(
        "payment_id", "payer_id", "agreement_key", "performer_id", "amount", "paid_on", "document_number", "purpose",
    )
    if known.is_empty():
        return empty
    days = (pl.col("paid_on") - pl.col("paid_on_b")).dt.total_days().abs()
    same_payer = pl.col("payer_id") == pl.col("payer_id_b")
    edges: list[tuple[int, int]] = []
    wholes: set[int] = set()

    # 1, 2. The same number (to its series and part), the same performer, amounts within the tolerance.
    # Numbers are read (in Python) only for payments with another payment to the same performer
    # within the longest window: the rest cannot match whatever their numbers say.
    reach = max(window, same_window)
    near_in_time = (
        known.filter(pl.col("document_number").is_not_null()).sort("performer_id", "paid_on")
        .with_columns(
            (pl.col("paid_on") - pl.col("paid_on").shift(1).over("performer_id")).dt.total_days().alias("_gap_before"),
            (pl.col("paid_on").shift(-1).over("performer_id") - pl.col("paid_on")).dt.total_days().alias("_gap_after"),
        )
        .filter((pl.col("_gap_before") <= reach) | (pl.col("_gap_after") <= reach))
        .drop("_gap_before", "_gap_after")
    )
    numbered = _keyed(near_in_time).filter(pl.col("_number").is_not_null())
    numbered = numbered.filter(pl.len().over("performer_id", "_number") > 1)
    pairs = numbered.join(numbered, on=["performer_id", "_number"], suffix="_b").filter(pl.col("payment_id") < pl.col("payment_id_b"))
    series = (pl.col("_base") == pl.col("_base_b")) | pl.col("_single") | pl.col("_single_b")
    same_doc = (pl.col("_key") == pl.col("_key_b")) | (series & (pl.col("_part").eq_missing(pl.col("_part_b"))))
    one_part = series & (pl.col("_part").is_null() != pl.col("_part_b").is_null())
    # Within one payer a kopeck or a tenge retyped is the same amount; another payer's copy of a
    # document repeats its amount exactly (near amounts of two payers are two payments).
    close = pairs.filter(pl.when(same_payer).then(_near("amount", "amount_b", params)).otherwise(pl.col("amount") == pl.col("amount_b")))
    edges += close.filter(same_doc & ((days == 0) | (same_payer & (days <= same_window)))).select("payment_id", "payment_id_b").rows()
    for a, b, pa, pb in close.filter(one_part & ((days == 0) | (same_payer & (days <= window)))).select(
        "payment_id", "payment_id_b", "purpose", "purpose_b",
    ).rows():
        if _same_purpose(pa, pb, similar):
            edges.append((a, b))

    # 3. The same agreement and amount within the window, another number, the same purpose.
    # Numbers that differ only in their series ("ТУ-1-515", "ТУ-2-515": one per licence) or in their
    # part ("5150-А", "5150-Б") are two documents, not one retyped.
    agreed = _keyed(known.filter(pl.col("agreement_key").is_not_null() & (pl.len().over("agreement_key", "performer_id", "amount") > 1)))
    other_series = (pl.col("_base") != pl.col("_base_b")) & ~pl.col("_single") & ~pl.col("_single_b")
    other_part = pl.col("_part").is_not_null() & pl.col("_part_b").is_not_null() & (pl.col("_part") != pl.col("_part_b"))
    two_documents = ((pl.col("_number") == pl.col("_number_b")) & (other_series | other_part)).fill_null(False)
    retyped = agreed.join(agreed, on=["agreement_key", "performer_id", "amount"], suffix="_b").filter(
        (pl.col("payment_id") < pl.col("payment_id_b")) & same_payer & (days <= window) & ~two_documents,
    )
    for a, b, pa, pb in retyped.select("payment_id", "payment_id_b", "purpose", "purpose_b").rows():
        if _same_purpose(pa, pb, similar):
            edges.append((a, b))

    # 4. An order claimed again in numbered parts that add up to it.
    parts = numbered.filter(pl.col("_part").is_not_null())
    if not parts.is_empty():
        claimed = parts.group_by("performer_id", "payer_id", "_base").agg(
            pl.col("payment_id"), pl.col("amount").sum().alias("_sum"), pl.col("paid_on").min().alias("_from"),
            pl.col("paid_on").max().alias("_to"), pl.col("_part").n_unique().alias("_parts"),
        ).filter(pl.col("_parts") >= 2)
        whole = numbered.filter(pl.col("_part").is_null()).select(
            pl.col("payment_id").alias("_whole_id"), "performer_id", pl.col("_base").alias("_whole_base"), "_number", "_single",
            pl.col("amount").alias("_whole_amount"), pl.col("paid_on").alias("_whole_on"),
        )
        matched = (
            claimed.with_columns(pl.col("_base").str.split("/").list.last().alias("_number"))
            .join(whole, on=["performer_id", "_number"])
            .filter(
                ((pl.col("_base") == pl.col("_whole_base")) | pl.col("_single") | ~pl.col("_base").str.contains("/"))
                & _near("_sum", "_whole_amount", params)
                & ((pl.col("_whole_on") - pl.col("_from")).dt.total_days().abs() <= window)
                & ((pl.col("_whole_on") - pl.col("_to")).dt.total_days().abs() <= window)
            )
        )
        for whole_id, ids in matched.select("_whole_id", "payment_id").rows():
            wholes.add(whole_id)
            edges += [(whole_id, part_id) for part_id in ids]

    if not edges:
        return empty
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = sorted({x for edge in edges for x in edge})
    # A group's name: its whole order where parts re-claim one, else its lowest id.
    named: dict[int, int] = {}
    for x in members:
        r = root(x)
        if x in wholes and (r not in named or named[r] not in wholes or x < named[r]):
            named[r] = x
        named.setdefault(r, r)
    return pl.DataFrame(
        {"payment_id": members, "_group": [named[root(x)] for x in members], "_whole": [x in wholes for x in members]},
        schema={"payment_id": pl.Int64, "_group": pl.Int64, "_whole": pl.Boolean},
    )


def _nk06(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments claimed more than once (:func:`_copies`), in any report or by any payer."""
    pay = frames["payments"].select(
        "payment_id", "payer_id", "agreement_id", "right_id", "right_number", "performer_id", "paid_on", "amount", "document_number", "source_submission", "purpose",
    )
    if frames.has("agreements"):
        pay = pay.join(agreement_keys(frames["agreements"]), on="agreement_id", how="left").with_columns(pl.coalesce("agreement_key", "agreement_id").alias("agreement_key"))
    else:
        pay = pay.with_columns(pl.col("agreement_id").alias("agreement_key"))
    groups = _copies(pay, params)
    dup = (
        pay.join(groups, on="payment_id", how="inner")
        .join(_orgs(frames, "payer"), on="payer_id", how="left")
        .sort("payment_id")
        .with_columns(
            # Each copy as written: "<number> of <date>" under its right, for the auditor's letter.
            pl.concat_str([
                pl.col("document_number").fill_null("").str.strip_chars().replace("", "—"), pl.lit(" "),
                pl.col("paid_on").dt.strftime(_DATE), pl.lit(" ("),
                pl.coalesce(pl.col("right_number"), pl.concat_str([pl.lit("#"), pl.col("right_id").cast(pl.Utf8)])), pl.lit(")"),
            ]).alias("_written"),
        )
    )
    grouped = dup.group_by("_group").agg(
        pl.len().alias("copies"),
        pl.col("payment_id").alias("payment_ids"),
        pl.col("right_id").unique().sort().alias("right_ids"),
        pl.col("right_number").drop_nulls().unique().sort().alias("right_numbers"),
        pl.col("payer_bin").fill_null(pl.col("payer_id").cast(pl.Utf8)).unique().sort().alias("payer_bins"),
        pl.col("payer_id").n_unique().alias("_payers"),
        pl.col("source_submission").n_unique().alias("_sources"),
    )
    dup = dup.join(grouped, on="_group", how="left").with_columns(
        pl.when(pl.col("_payers") > 1).then(pl.lit("several_payers"))
        .when(pl.col("_sources") > 1).then(pl.lit("several_reports"))
        .otherwise(pl.lit("one_report")).alias("scope"),
        (pl.col("payment_id") == pl.col("_group")).alias("_first"),
    )
    # The other copies of each, as written (this one left out).
    others = (
        dup.select("payment_id", "_group").join(dup.select(pl.col("payment_id").alias("_other"), "_group", "_written"), on="_group")
        .filter(pl.col("payment_id") != pl.col("_other")).sort("payment_id", "_other")
        .group_by("payment_id", maintain_order=True).agg(pl.col("_other").alias("other_payment_ids"), pl.col("_written").alias("other_copies"))
    )
    dup = dup.join(others, on="payment_id", how="left")
    blank = pl.col("document_number").is_null() | (pl.col("document_number").str.strip_chars().str.len_chars() == 0)
    found = pl.col("payment_id").is_in(dup["payment_id"].implode())
    pay = pay.with_columns(
        pl.when(found).then(pl.lit("flagged")).when(blank).then(pl.lit("not_computable")).otherwise(pl.lit("clear")).alias("status"),
        pl.when(~found & blank).then(pl.lit("no_document_number")).alias("reason"),
    )
    copies = dup.select("payment_id", "copies", "payment_ids", "other_payment_ids", "other_copies", "right_ids", "right_numbers", "payer_bins", "scope", "_first")
    flagged = pay.filter(pl.col("status") == "flagged").join(copies, on="payment_id", how="left")
    pay = pl.concat([pay.filter(pl.col("status") != "flagged"), flagged], how="diagonal_relaxed")
    evidence = [
        *_payment_facts(), pl.col("copies").cast(pl.Int64), "payment_ids", "other_payment_ids", "other_copies",
        "right_ids", "right_numbers", "payer_bins", "scope", *[pl.col("scope").replace_strict(_SCOPE[lang]).alias(f"scope_{lang}") for lang in _LANGS],
        pl.col("_first").alias("first_occurrence"), pl.lit(int(params["date_window_days"])).alias("date_window_days"),
    ]
    # The first occurrence (lowest payment id) is the one that may count; each later copy is at stake.
    at_stake = pl.when(pl.col("_first")).then(pl.lit(0)).otherwise(pl.col("amount"))
    return _ledger(pay, "payment_id", evidence, at_stake, frames)


# -- NK-07 purpose that is not R&D ----------------------------------------------------------------


def _nk07(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments whose purpose the purpose classifier (:mod:`.purpose`) scores as not R&D."""
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "purpose")
    min_score = float(params["min_score"])
    verdicts = purpose.classify(pay["purpose"], min_score=min_score)
    # Only the texts found not to be R&D, or holding nothing but requisites, are joined back: a
    # small table against every payment.
    judged = verdicts.filter(pl.col("non_rd").is_null() | pl.col("non_rd")).select(
        pl.col("text").alias("purpose"), "non_rd", "non_rd_score", "non_rd_terms", "rd_terms", pl.col("non_rd_score").is_null().alias("_wordless"),
    )
    blank = pl.col("purpose").is_null() | (pl.col("purpose").str.strip_chars().str.len_chars() == 0) | pl.col("_wordless").fill_null(False)
    pay = pay.join(judged, on="purpose", how="left").with_columns(_status((blank, "no_purpose"), flagged=pl.col("non_rd").fill_null(False)))
    evidence = [
        *_payment_facts(), "purpose", "non_rd_terms",
        pl.when(pl.col("rd_terms").list.len() > 0).then(pl.col("rd_terms")).alias("rd_terms"),
        "non_rd_score", pl.lit(min_score).alias("min_score"),
    ]
    return _ledger(pay, "payment_id", evidence, pl.col("amount"), frames)


# -- NK-20 subcontracting back to the payer's group -----------------------------------------------

_ITSELF = {"kk": "жер қойнауын пайдаланушының өзі", "ru": "сам недропользователь", "en": "the subsoil user itself"}


def _nk20(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements whose performer passes work on, in an overlapping period, to the payer or an affiliate of it.

    The amount at stake is what flows back: the onward agreements' amounts, at most the agreement's own.
    """
    as_of = pl.lit(frames.as_of, dtype=pl.Date)
    agr = frames["agreements"].select(
        "agreement_id", "payer_id", "performer_id", pl.col("number").alias("agreement_number"), "signed_on", "amount",
        pl.coalesce("period_start", "signed_on").alias("_start"), pl.coalesce("period_end", as_of).alias("_end"),
    )
    onward = agr.select(
        pl.col("agreement_id").alias("onward_id"), pl.col("payer_id").alias("_middle"), pl.col("performer_id").alias("onward_performer_id"),
        pl.col("agreement_number").alias("onward_number"), pl.col("amount").alias("onward_amount"),
        pl.col("_start").alias("_onward_start"), pl.col("_end").alias("_onward_end"),
    )
    # The first-tier performer's own agreements that run at the same time as the payer's.
    links = (
        agr.filter(pl.col("_start").is_not_null()).select("agreement_id", "payer_id", "performer_id", "_start", "_end")
        .join(onward, left_on="performer_id", right_on="_middle", how="inner")
        .filter(pl.col("onward_id") != pl.col("agreement_id"))
        .with_columns(pl.max_horizontal("_start", "_onward_start").alias("_from"), pl.min_horizontal("_end", "_onward_end").alias("_to"))
        .filter(pl.col("_from") <= pl.col("_to"))
    )
    linked = graph.affiliated(
        frames["affiliations"], frames["organisations"], links, key=["agreement_id", "onward_id"], source="payer_id", target="onward_performer_id",
        start="_from", end="_to", max_hops=int(params["max_hops"]), min_share=float(params["min_owner_share"]),
    )
    # The payer's group (ownership to any depth) as it stood when the two agreements began to overlap.
    grouped = graph.in_group(
        frames["affiliations"], frames["organisations"], links, key=["agreement_id", "onward_id"], source="payer_id", target="onward_performer_id",
        day="_from", min_share=float(params["min_owner_share"]),
    )
    person = graph.through_one_person(
        frames["affiliations"], frames["organisations"], links, key=["agreement_id", "onward_id"], source="payer_id", target="onward_performer_id",
        day="_from", min_share=float(params["min_owner_share"]),
    )
    hits = pl.concat([linked, grouped, person]).sort("agreement_id", "onward_id", "hops").unique(["agreement_id", "onward_id"], keep="first", maintain_order=True)
    back = links.join(hits, on=["agreement_id", "onward_id"], how="left").with_columns(
        pl.when(pl.col("onward_performer_id") == pl.col("payer_id")).then(pl.lit(0, dtype=pl.Int32)).otherwise(pl.col("hops")).alias("hops"),
        *[
            pl.when(pl.col("onward_performer_id") == pl.col("payer_id")).then(pl.lit(_ITSELF[lang])).otherwise(pl.col(f"path_{lang}")).alias(f"path_{lang}")
            for lang in _LANGS
        ],
    ).filter(pl.col("hops").is_not_null())
    found = (
        back.join(_orgs(frames, "onward_performer"), on="onward_performer_id", how="left")
        .sort(["agreement_id", "hops", "onward_id"])
        .group_by("agreement_id", maintain_order=True)
        .agg(
            pl.col("onward_number").alias("onward_numbers"),
            pl.col("onward_performer_bin").fill_null(pl.col("onward_performer_id").cast(pl.Utf8)).unique(maintain_order=True).alias("onward_bins"),
            pl.col("onward_amount").fill_null(0).sum().alias("_onward_total"),
            pl.col("hops").first(), *[pl.col(f"path_{lang}").first() for lang in _LANGS],
        )
    )
    agr = agr.join(found, on="agreement_id", how="left").with_columns(
        _status((pl.col("_start").is_null(), "no_agreement_period"), flagged=pl.col("hops").is_not_null())
    )
    passed = pl.min_horizontal(pl.col("_onward_total"), pl.col("amount").fill_null(pl.col("_onward_total")))
    evidence = [
        "agreement_id", "agreement_number", _day("signed_on"), "payer_bin", "performer_bin", "onward_numbers", "onward_bins", "hops",
        "path_kk", "path_ru", "path_en", passed.alias("passed_tiyn"), pl.lit(int(params["max_hops"])).alias("max_hops"),
    ]
    return _ledger(agr, "agreement_id", evidence, passed, frames, roles=("performer", "payer"))


# -- the catalogue entries -------------------------------------------------------------------------

_PAYMENT_KK = "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (орындаушы — {performer_bin})"
_PAYMENT_RU = "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} исполнителю {performer_bin}"
_PAYMENT_EN = "Payment {document_number} of {amount_tiyn} on {paid_on} to performer {performer_bin}"
_HOPS = Threshold(
    "max_hops", 2,
    {"kk": "Құрылтайшылар, басшылар немесе аралас байланыстар тізбегінің ең үлкен ұзындығы, буынмен: 1 — тек тікелей байланыстар; 2 — ортақ құрылтайшы немесе басшы да. Иелік кез келген тереңдікке дейін қадағаланады (топ).", "ru": "Наибольшая длина цепочки связей через учредителей, руководителей или смешанных, в звеньях: 1 — только прямые связи; 2 — также общий учредитель или руководитель. Владение прослеживается на любую глубину (группа).", "en": "Longest path of founder, director or mixed links, in edges: 1 — direct links only; 2 — also a common founder or director. Ownership is followed to any depth (the group)."},
)
_OWNER_SHARE = Threshold(
    "min_owner_share", 10.0,
    {"kk": "Иесі өзіне тиесілі компанияны өз тобына енгізетін ең аз тіркелген қатысу үлесі, пайызбен (10 — ірі акционер, Акционерлік қоғамдар туралы заң бойынша үлестес тұлға); тізілімде көрсетілмеген үлес есепке алынады.", "ru": "Наименьшая зарегистрированная доля участия, в процентах, при которой владелец включает принадлежащую ему компанию в свою группу (10 — крупный акционер, аффилированное лицо по Закону об акционерных обществах); доля, не указанная в реестре, учитывается.", "en": "Least recorded stake, in per cent, by which an owner makes the owned company part of its group (10: a large shareholder, an affiliated person under the Law on Joint-Stock Companies); a stake not recorded counts."},
)
_LAW2010 = _t(
    "ҚР 24.06.2010 № 291-IV «Жер қойнауы және жер қойнауын пайдалану туралы» Заңы, 76-бап 12-1-тармақ (2012 ж. редакциясы), 29.12.2014 № 271-V Заңымен өзгерістер",
    "Закон РК от 24.06.2010 № 291-IV «О недрах и недропользовании», ст. 76 п. 12-1 (в ред. 2012 г.), с изм. Законом от 29.12.2014 № 271-V",
    "Law of 24.06.2010 No 291-IV \"On Subsoil and Subsoil Use\", art. 76(12-1) as amended in 2012, amended by Law of 29.12.2014 No 271-V",
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="NK-01", version=1, subject_type="payment", weight=90,
        title=_t("Төлем күні орындаушы талаптарға сай емес", "Исполнитель не отвечает требованиям на дату платежа", "Performer not eligible on the payment date"),
        rationale=_t(
            "Міндеттеме есебіне тек режим мойындайтын мәртебесі бар орындаушыға (қазақстандық өнім беруші, Astana Hub қатысушысы, рұқсаты бар шетелдік ұйым, Кодекс бойынша аккредиттелген ғылыми ұйым) төлем күні жүргізілген шығын ғана жатады.",
            "В счёт обязательства идут только расходы у исполнителя, который на дату платежа имел статус, допускаемый режимом (казахстанский поставщик, участник Astana Hub, иностранная организация с разрешением, по Кодексу — аккредитованная научная организация).",
            "Only spending with a performer that, on the payment date, held a status the regime accepts (Kazakhstani supplier, Astana Hub participant, foreign performer with permission, and under the Code an accredited science organisation) counts toward the obligation.",
        ),
        legal_basis=_t(
            _LAW2010["kk"] + "; ҚР 27.12.2017 № 125-VI Кодексі және 2018 ж. бірлескен бұйрықтар (НҚ № 17096); ӨҚМ 30.01.2026 № 34 бұйрығы",
            _LAW2010["ru"] + "; Кодекс РК от 27.12.2017 № 125-VI и совместные приказы 2018 г. (рег. № 17096); приказ МПС от 30.01.2026 № 34",
            _LAW2010["en"] + "; Code of 27.12.2017 No 125-VI and the 2018 joint orders (MoJ No 17096); MIC order of 30.01.2026 No 34",
        ),
        explanation=_t(
            _PAYMENT_KK + ": сол күні орындаушыда шығынды есепке алуға мүмкіндік беретін мәртебелердің ешқайсысы болған жоқ («{regime}» режимі: {accepted_kk}); болған мәртебелер: {held_kk}.",
            _PAYMENT_RU + ": на эту дату исполнитель не имел ни одного из статусов, при которых расходы засчитываются (режим «{regime}»: {accepted_ru}); имевшиеся статусы: {held_ru}.",
            _PAYMENT_EN + ": on that date the performer held none of the statuses that make spending count (regime «{regime}»: {accepted_en}); statuses it held: {held_en}.",
        ),
        needs=("payments", "organisations", "attributes"), evaluate=_nk01,
        truth_codes=("unaccredited_performer", "foreign_without_permission"),
    ),
    Indicator(
        code="NK-02", version=4, subject_type="payment", weight=80,
        title=_t("Төлеушімен үлестес орындаушы", "Исполнитель аффилирован с плательщиком", "Performer affiliated with the payer"),
        rationale=_t(
            "Үлестес орындаушыға төленген ақша жер қойнауын пайдаланушының тобында қалады: ғылымға шығын жасалмай-ақ міндеттеме орындалғандай көрінуі мүмкін.",
            "Деньги, уплаченные аффилированному исполнителю, остаются в группе недропользователя: обязательство может выглядеть исполненным без реальных расходов на науку.",
            "Money paid to an affiliated performer stays within the subsoil user's group: the obligation can look met without real spending on science.",
        ),
        legal_basis=_t(
            "Аудиторлық негіздеме: байланысты тараптармен мәмілелер (алынған заң мәтінінде тікелей тыйым жоқ); Мемлекет басшысының жер қойнауын пайдаланушылардың ғылымға бөлетін қаражатын жұмсаудың ашық тетіктері туралы талабы (2019)",
            "Аудиторское обоснование: сделки со связанными сторонами (прямого запрета в полученных текстах закона нет); требование Главы государства о прозрачных механизмах расходования средств недропользователей на науку (2019)",
            "Audit rationale: related-party transactions (the retrieved law has no outright prohibition); the President's call for transparent mechanisms of spending subsoil users' funds on research (2019)",
        ),
        explanation=_t(
            _PAYMENT_KK + ", жер қойнауын пайдаланушы — {payer_bin}: сол күні орындаушы төлеушімен үлестес болған (байланыс: {path_kk}).",
            _PAYMENT_RU + ", плательщик — недропользователь {payer_bin}: на эту дату исполнитель аффилирован с плательщиком (связь: {path_ru}).",
            _PAYMENT_EN + ", paid by subsoil user {payer_bin}: on that date the performer was affiliated with the payer ({path_en}).",
        ),
        needs=("payments", "organisations", "affiliations"), evaluate=_nk02, thresholds=(_HOPS, _OWNER_SHARE), truth_codes=("affiliate_payment",),
    ),
    Indicator(
        code="NK-03", version=2, subject_type="payment", weight=85,
        title=_t("Аккредиттеу талап етілген, бірақ жоқ", "Требуется аккредитация, но её нет", "Accreditation required but absent"),
        rationale=_t(
            "Аккредиттеуді екі ереже талап етеді: режим (талап етсе) және 2026 жылдан бастап Салық кодексінің 302-бабы — ғылыми ұйымға немесе қорға берілген ақша алушы аккредиттелген болса ғана шегеріледі. Аккредиттеусіз алушыға төлем шегерілмейді және тексеруді қажет етеді.",
            "Аккредитации требуют два правила: режим (если требует) и с 2026 года ст. 302 Налогового кодекса — деньги, переданные научной организации или фонду, вычитаются, только если получатель аккредитован. Платёж неаккредитованному получателю не вычитается и требует проверки.",
            "Two rules require accreditation: the regime (where it does) and, from 2026, the Tax Code's art. 302 — money placed with a research organisation or fund is deducted only if the recipient is accredited. A payment to an unaccredited recipient is not deductible and needs checking.",
        ),
        legal_basis=_t(
            "ҚР 18.07.2025 № 214-VIII Салық кодексі, 302-бап (аккредиттелген ғылыми ұйымдарға аударымдар); ҒЖБМ 11.02.2026 № 63 бұйрығы (аккредиттеу қағидалары); режимнің шарты",
            "Налоговый кодекс РК от 18.07.2025 № 214-VIII, ст. 302 (перечисления аккредитованным научным организациям); приказ МНВО от 11.02.2026 № 63 (правила аккредитации); условие режима",
            "Tax Code of 18.07.2025 No 214-VIII, art. 302 (transfers to accredited science organisations); MSHE order of 11.02.2026 No 63 (accreditation rules); the regime's condition",
        ),
        explanation=_t(
            _PAYMENT_KK + ": {requirement_kk}, ал сол күні орындаушының қолданыстағы аккредиттеуі болған жоқ.",
            _PAYMENT_RU + ": {requirement_ru}, а действующей аккредитации на эту дату у исполнителя не было.",
            _PAYMENT_EN + ": {requirement_en}, and the performer held no valid science accreditation on that date.",
        ),
        needs=("payments", "organisations", "attributes"), evaluate=_nk03,
        thresholds=(
            Threshold("deduction_from", "2026-01-01", {"kk": "Осы күннен бастап төлемдер Салық кодексінің 302-бабындағы шегерім ережесі бойынша бағаланады (18.07.2025 № 214-VIII Салық кодексі, 01.01.2026 бастап қолданылады).", "ru": "Платежи с этой даты оцениваются по правилу вычета ст. 302 Налогового кодекса (Налоговый кодекс от 18.07.2025 № 214-VIII, действует с 01.01.2026).", "en": "Payments from this date are judged under the Tax Code's art. 302 deduction rule (Tax Code of 18.07.2025 No 214-VIII, in force 01.01.2026)."}),
            Threshold(
                "deduction_kinds", "research_institute,aggregator",
                {"kk": "Зерттеулерді қаржыландыруға ақша берілетін орындаушылардың түрлері (тізілім бойынша) — ғылыми ұйымдар мен қорлар; сондықтан 302-бап олардың аккредиттелуін (немесе Astana Hub кластерлік қоры болуын) талап етеді. Университеттер дербес білім беру ұйымдары ретінде қаралады, оларды бап та мойындайды.", "ru": "Виды исполнителей (по реестру), которым передаются деньги на финансирование исследований, — научные организации и фонды; поэтому ст. 302 требует, чтобы они были аккредитованы (или были кластерным фондом Astana Hub). Университеты считаются автономными организациями образования, которые статья также допускает.", "en": "Kinds of performer (as the registry records them) that money is placed with to finance research — organisations in science and funds — and that art. 302 therefore requires to be accredited (or to be the Astana Hub cluster fund). Universities are taken as autonomous educational organisations, which the article also accepts."},
            ),
        ),
        truth_codes=("tax_deduction_unaccredited",),
    ),
    Indicator(
        code="NK-04", version=2, subject_type="payment", weight=60,
        title=_t("Төлем шарт мерзімінен тыс", "Платёж вне сроков договора", "Payment outside the agreement's dates"),
        rationale=_t(
            "Шартқа қол қойылғанға дейін немесе оның мерзімі біткеннен кейін жүргізілген төлем сол шарт бойынша ҒЗТКЖ-ға ақы бола алмайды.",
            "Платёж до подписания договора или после окончания его срока не может быть оплатой НИОКР по этому договору.",
            "A payment made before the agreement was signed or after it ended cannot be payment for R&D under that agreement.",
        ),
        legal_basis=_t(
            "Аудиторлық негіздеме: сатып алынған ҒЗТКЖ әр кезеңге қол қойылған техникалық тапсырмамен және қабылдау актісімен расталады (Салық кодексіне 2024 ж. өзгерістер)",
            "Аудиторское обоснование: приобретённые НИОКР подтверждаются подписанным техническим заданием и актами приёмки по каждому этапу (поправки в Налоговый кодекс 2024 г.)",
            "Audit rationale: bought-in R&D is evidenced by a signed technical assignment and acceptance acts for each stage (2024 Tax Code amendments)",
        ),
        explanation=_t(
            _PAYMENT_KK + " {outside_kk} жүргізілген (шартқа {signed_on} қол қойылған, {period_end} дейін қолданылады; рұқсат етілген ауытқу {grace_days} күн).",
            _PAYMENT_RU + " проведён {outside_ru} (подписан {signed_on}, действует до {period_end}; допуск {grace_days} дн.).",
            _PAYMENT_EN + " was made {outside_en} (signed {signed_on}, in force until {period_end}; grace {grace_days} days).",
        ),
        needs=("payments", "agreements"), evaluate=_nk04,
        thresholds=(Threshold("grace_days", 0, {"kk": "Төлем шартқа қол қойылғанға дейін немесе оның мерзімі біткеннен кейін тәуекел белгісінсіз жүргізілуі мүмкін күндер саны.", "ru": "На сколько дней платёж может предшествовать подписанию договора или следовать за окончанием его срока без флага риска.", "en": "Days a payment may fall before the signing date or after the end of the agreement without a flag."}),),
        truth_codes=("before_agreement_date",),
    ),
    Indicator(
        code="NK-05", version=2, subject_type="agreement", weight=70,
        title=_t("Төлемдер шарт сомасынан асады", "Платежи превышают сумму договора", "Payments above the agreement amount"),
        rationale=_t(
            "Шарт сомасынан асатын төлемдердің шартта негізі жоқ: артық сома ҒЗТКЖ-ға жұмсалғаны расталмаған.",
            "Платежи сверх суммы договора не имеют основания в договоре: расходование превышения на НИОКР не подтверждено.",
            "Payments beyond the agreement amount have no basis in the agreement: the excess is not shown to have been spent on R&D.",
        ),
        legal_basis=_t(
            "Аудиторлық негіздеме: шарт сомасы — тапсырыс берушінің міндеттемесінің шегі; артық төлем қосымша келісіммен расталуы тиіс",
            "Аудиторское обоснование: сумма договора — предел обязательства заказчика; превышение должно подтверждаться дополнительным соглашением",
            "Audit rationale: the agreement amount caps the client's commitment; any excess needs an additional agreement",
        ),
        explanation=_t(
            "{signed_on} күнгі {agreement_number} шарты (орындаушы — {performer_bin}) {agreement_amount_tiyn} сомасына жасалған, ал ол бойынша {payments} төлем жалпы {paid_total_tiyn} құрады: шарт сомасынан {excess_tiyn} артық (рұқсат етілген ауытқу {tolerance_pct}).",
            "Договор {agreement_number} от {signed_on} с исполнителем {performer_bin} заключён на {agreement_amount_tiyn}, а платежи по нему (всего {payments}) составили {paid_total_tiyn}: на {excess_tiyn} больше суммы договора (допуск {tolerance_pct}).",
            "Agreement {agreement_number} of {signed_on} with performer {performer_bin} is for {agreement_amount_tiyn}, but the payments under it ({payments}) total {paid_total_tiyn}: {excess_tiyn} above the agreement amount (tolerance {tolerance_pct}).",
        ),
        needs=("payments", "agreements"), evaluate=_nk05,
        thresholds=(Threshold("tolerance", 0.0, {"kk": "Төлемдер шарт сомасынан тәуекел белгісінсіз асып кете алатын үлес (0,05 = 5 %).", "ru": "Доля суммы договора, на которую платежи могут её превысить без флага риска (0,05 = 5 %).", "en": "Share of the agreement amount by which payments may exceed it without a flag (0.05 = 5 %)."}),),
        truth_codes=("above_agreement_amount",),
    ),
    Indicator(
        code="NK-06", version=4, subject_type="payment", weight=90,
        title=_t("Бір төлем екі рет мәлімделген", "Один платёж заявлен дважды", "Same payment claimed twice"),
        rationale=_t(
            "Бір төлем құжаты міндеттеме есебіне бір-ақ рет жатады; қайталанған әрбір көшірме орындалуды жасанды түрде арттырады. Көшірменің нөмірі басқаша жазылуы мүмкін (префикс, алдыңғы нөлдер, «№»), ал күні бірнеше күнге ауысуы мүмкін.",
            "Один платёжный документ засчитывается в обязательство один раз; каждая повторная копия искусственно завышает исполнение. Номер копии может быть записан иначе (префикс, ведущие нули, «№»), а дата — сдвинута на несколько дней.",
            "One payment document counts toward the obligation once; every further copy inflates fulfilment. A copy's number may be written differently (a prefix, leading zeros, \"№\") and its date moved by a few days.",
        ),
        legal_basis=_t(
            _LAW2010["kk"] + ": міндеттеме нақты жұмсалған шығынмен орындалады; аудиторлық негіздеме: қосарланған есеп",
            _LAW2010["ru"] + ": обязательство исполняется фактически понесёнными расходами; аудиторское обоснование: двойной учёт",
            _LAW2010["en"] + ": the obligation is met by spending actually incurred; audit rationale: double counting",
        ),
        explanation=_t(
            _PAYMENT_KK + " {copies} рет мәлімделген ({scope_kk}): басқа көшірмелері (нөмірі, күні, жер қойнауын пайдалану құқығы) — {other_copies}; жер қойнауын пайдаланушылар: {payer_bins}.",
            _PAYMENT_RU + " заявлен повторно ({scope_ru}; копий всего: {copies}): другие копии (номер, дата, право недропользования) — {other_copies}; недропользователи: {payer_bins}.",
            _PAYMENT_EN + " is claimed {copies} times ({scope_en}): the other copies (number, date, subsoil use right) — {other_copies}; subsoil users: {payer_bins}.",
        ),
        needs=("payments",), evaluate=_nk06,
        thresholds=(
            Threshold(
                "date_window_days", 7,
                {"kk": "Бір шарт бойынша бірдей сомадағы екі төлем құжат нөмірлеріне қарамастан екі рет мәлімделген бір төлем болып саналуы үшін арасында болуы мүмкін күндер саны (нөмір қайта терілген, тапсырма күнінің орнына валюталау немесе өткізу күні көрсетілген — жұмыс аптасы мен демалыс күндеріне дейін кейін), егер олардың мақсаттары бірдей болса; нөмірленген бөліктермен қайта мәлімделген немесе бір жағында нөмірленген бөлігі бар тапсырма үшін де осы кезең қолданылады. 0 — тек сол күні.", "ru": "На сколько дней могут отстоять друг от друга два платежа по одному договору на одну сумму, чтобы всё ещё считаться одним платежом, заявленным дважды, при любых номерах документов (номер введён заново, вместо даты поручения указана дата валютирования или проведения — до рабочей недели и выходных позже), если их назначения совпадают; то же окно действует для поручения, заявленного повторно нумерованными частями или с нумерованной частью с одной стороны. 0 — только в тот же день.", "en": "Days apart two payments under the same agreement for the same amount may be and still be one payment claimed twice, whatever their document numbers (a number retyped, the value or posting date given for the order date: up to a working week and a weekend later), provided their purposes read the same; also the window for an order claimed again in numbered parts, or with a numbered part on one side. 0: the same day only."},
            ),
            Threshold(
                "same_number_window_days", 31,
                {"kk": "Бір төлеушінің құжат нөмірі (бухгалтерлік мағынада), орындаушысы және сомасы бірдей екі төлемі бір төлем болып саналуы үшін арасында болуы мүмкін күндер саны: Жаңа жыл мерекелері арқылы келесі жылдың есебіне ауысқан валюталау күні.", "ru": "На сколько дней могут отстоять друг от друга два платежа одного плательщика с тем же номером документа (в бухгалтерском смысле), исполнителем и суммой, чтобы считаться одним платежом: дата валютирования, перенесённая через новогодние праздники в отчёт следующего года.", "en": "Days apart two payments of one payer with the same document number (as accountants mean it), performer and amount may be and still be one payment: a value date carried over the New Year holidays into the next yearly report."},
            ),
            Threshold("amount_tolerance_tiyn", 100, {"kk": "Бір төлеушінің құжат нөмірі бірдей екі төлемінің осы шамадан аспайтын айырмасы бар сомалары бір сома болып саналады (тиындағы қате); екі төлеушінің көшірмелері дәл сәйкес келуі тиіс. Қайта мәлімделген тапсырманың бөліктері сол рұқсатпен қосылады.", "ru": "Суммы двух платежей одного плательщика с тем же номером документа, различающиеся не более чем на эту величину, считаются одной суммой (опечатка в тиынах); копии двух плательщиков должны совпадать точно. Части повторно заявленного поручения суммируются с тем же допуском.", "en": "Amounts of two payments of one payer with the same document number that differ by at most this much are the same amount (a kopeck retyped); two payers' copies must match exactly. The parts of an order claimed again are summed to the same tolerance."}),
            Threshold("amount_tolerance_share", 0.0001, {"kk": "Немесе үлкен соманың осы үлесінен аспайтын шамаға — қайсысы көбірек мүмкіндік берсе.", "ru": "Или не более чем на эту долю большей суммы — что допускает больше.", "en": "Or by at most this share of the larger amount, whichever allows more."}),
            Threshold(
                "purpose_similarity", 0.6,
                {"kk": "Бір шарт бойынша нөмірлері әртүрлі екі төлемнің мақсаттары қайта терілген бір төлем болып саналуы үшін қаншалықты ұқсас болуы тиіс (0-ден 1-ге дейін — қысқа мақсаттың басқасында табылған таңбалық триграммаларының үлесі); күнтізбелік жоспардың әртүрлі кезеңдерін атайтын мақсаттар ешқашан бір төлем болып саналмайды.", "ru": "Насколько похожими (от 0 до 1 — доля символьных триграмм более короткого назначения, найденных в другом) должны быть назначения двух платежей по одному договору с разными номерами, чтобы считаться одним повторно введённым платежом; назначения с разными этапами календарного плана никогда не считаются одним платежом.", "en": "How alike (0 to 1, the share of the shorter purpose's character trigrams found in the other) the purposes of two payments under one agreement with different numbers must read to be one payment retyped; purposes naming different calendar-plan stages are never one payment."},
            ),
        ),
        truth_codes=("duplicate_payment",),
    ),
    Indicator(
        code="NK-07", version=2, subject_type="payment", weight=75,
        title=_t("Төлем мақсаты ҒЗТКЖ емес", "Назначение платежа — не НИОКР", "Payment purpose is not R&D"),
        rationale=_t(
            "Міндеттеме ғылыми-зерттеу, ғылыми-техникалық және тәжірибелік-конструкторлық жұмыстарға ғана жұмсалады; жабдық сатып алу, оқыту, демеушілік, әлеуметтік шығындар, рационализаторлық ұсыныстар, құрылыс пен жөндеу, жалақы мен сыйлықақы ҒЗТКЖ емес.",
            "Обязательство исполняется только расходами на НИР, НТР и ОКР; покупка оборудования, обучение, спонсорство, социальные расходы, рационализаторские предложения, строительство и ремонт, зарплата и премии — не НИОКР.",
            "The obligation is met only by spending on research, scientific-technical and experimental-design work; equipment purchases, training, sponsorship, social spending, rationalisation proposals, construction and repair, salaries and bonuses are not R&D.",
        ),
        legal_basis=_t(
            _LAW2010["kk"] + "; ҚР 27.12.2017 № 125-VI Кодексі, 129, 178-баптар; Салық кодексі, 302-бап (зерттеулерді қаржыландыру)",
            _LAW2010["ru"] + "; Кодекс РК от 27.12.2017 № 125-VI, ст. 129, 178; Налоговый кодекс, ст. 302 (финансирование исследований)",
            _LAW2010["en"] + "; Code of 27.12.2017 No 125-VI, art. 129, 178; Tax Code, art. 302 (financing research)",
        ),
        explanation=_t(
            "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемінің (орындаушы — {performer_bin}) мақсаты «{purpose}» ҒЗТКЖ-ға жатпайтын шығынды сипаттайды: ҒЗТКЖ емес ықтималдығы {non_rd_score} (шек {min_score}); ең ауыр салмақ түсірген сөздер: {non_rd_terms}; ҒЗТКЖ жағына: {rd_terms}.",
            _PAYMENT_RU + " имеет назначение «{purpose}», описывающее расходы, не относящиеся к НИОКР: вероятность «не НИОКР» {non_rd_score} (порог {min_score}); больше всего весили слова: {non_rd_terms}; в сторону НИОКР: {rd_terms}.",
            _PAYMENT_EN + " has the purpose «{purpose}», which describes spending that is not R&D: probability of non-R&D {non_rd_score} (threshold {min_score}); the words that weighed most: {non_rd_terms}; toward R&D: {rd_terms}.",
        ),
        needs=("payments",), evaluate=_nk07,
        thresholds=(Threshold("min_score", purpose.DEFAULT_MIN_SCORE, {"kk": "Мақсаттар жіктеуішінің «ҒЗТКЖ емес» ықтималдығы, осы мәннен бастап мақсатқа тәуекел белгісі қойылады (0,5 — ҒЗТКЖ-дан гөрі ҒЗТКЖ емес болуы ықтимал; мән жоғары болған сайын белгілер азаяды).", "ru": "Вероятность «не НИОКР» по классификатору назначений, начиная с которой назначение получает флаг риска (0,5 — скорее не НИОКР, чем НИОКР; чем выше, тем меньше флагов).", "en": "Probability of non-R&D, from the purpose classifier, from which a purpose is flagged (0.5: more likely not R&D than R&D; higher flags fewer)."}),),
        truth_codes=("non_rd_purpose",),
    ),
    Indicator(
        code="NK-20", version=4, subject_type="agreement", weight=80,
        title=_t("Қосалқы мердігерлік арқылы ақшаны төлеуші тобына қайтару", "Субподряд, возвращающий деньги в группу плательщика", "Subcontracting back to the payer's group"),
        rationale=_t(
            "Бірінші деңгейдегі орындаушы сол кезеңде жұмысты төлеушінің үлестес тұлғасына қайта берсе, ақша жер қойнауын пайдаланушының тобына қайтады, ал ҒЗТКЖ тек қағаз жүзінде қалуы мүмкін.",
            "Если исполнитель первого уровня в тот же период передаёт работу аффилированному лицу плательщика, деньги возвращаются в группу недропользователя, а НИОКР могут остаться на бумаге.",
            "When the first-tier performer passes the work on, in the same period, to an affiliate of the payer, the money returns to the subsoil user's group and the R&D may exist on paper only.",
        ),
        legal_basis=_t(
            "Аудиторлық негіздеме: байланысты тараптармен мәмілелер және қаражатты «үшінші құрылымдар» арқылы бөлу — Энергетика министрлігі мұны 2026 жылдан бастап төлемдерді республикалық бюджетке (БСК 401103) бұрудың себебі ретінде атады (Энергетика министрі мен Ғылым және жоғары білім министрінің 17.12.2025 № 490-н/қ және № 574 бірлескен бұйрығы)",
            "Аудиторское обоснование: сделки со связанными сторонами и распределение средств через «третьи структуры» — Министерство энергетики назвало это причиной перевода платежей с 2026 года в республиканский бюджет (КБК 401103; совместный приказ министра энергетики и министра науки и высшего образования от 17.12.2025 № 490-н/қ и № 574)",
            "Audit rationale: related-party transactions and money routed through \"third structures\" — the reason the Ministry of Energy gave for moving the payments to the republican budget from 2026 (KBK 401103; joint order of the Minister of Energy and the Minister of Science and Higher Education of 17.12.2025 No 490-н/қ and No 574)",
        ),
        explanation=_t(
            "{signed_on} күнгі {agreement_number} шарты (жер қойнауын пайдаланушы — {payer_bin}, орындаушы — {performer_bin}) сол кезеңде {onward_numbers} шарты бойынша жер қойнауын пайдаланушымен үлестес {onward_bins} ұйымына берілген ({path_kk}); {passed_tiyn} дейінгі сома төлеушінің тобына қайтады.",
            "Договор {agreement_number} от {signed_on} между недропользователем {payer_bin} и исполнителем {performer_bin} в тот же период передан по договору {onward_numbers} организации {onward_bins}, аффилированной с недропользователем ({path_ru}); до {passed_tiyn} возвращается в группу плательщика.",
            "Agreement {agreement_number} of {signed_on} between subsoil user {payer_bin} and performer {performer_bin} is passed on in the same period under agreement {onward_numbers} to {onward_bins}, affiliated with the subsoil user ({path_en}); up to {passed_tiyn} returns to the payer's group.",
        ),
        needs=("agreements", "organisations", "affiliations"), evaluate=_nk20, thresholds=(_HOPS, _OWNER_SHARE),
    ),
)
