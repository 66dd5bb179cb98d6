"""Who the performer really is: NK-44, NK-45, NK-46, NK-47.

* NK-44 — a natural person or an individual entrepreneur paid as an R&D performer: the performer's
  12-digit number is an IIN (it begins with a date of birth), or the BIN of a joint individual
  entrepreneurship or a peasant farm, not a legal entity's BIN.
* NK-45 — a performer whose owners, looked through the registry on the payment date (beneficial
  owners and ``owner`` affiliations, chain by chain), are foreign for a large enough share.
* NK-46 — a young performer with no accreditation ever held and no earlier research work of record,
  given a large agreement.
* NK-47 — a shell between the payer and the real performer: a company whose own activity is not
  research passes nearly all the money it received onward, quickly.

How the two kinds of 12-digit number are told apart (Law of 12.01.2007 No 223 on national registers
of identification numbers): an IIN begins with the date of birth YYMMDD, and its seventh digit (1–6)
gives the century and sex; a BIN begins with the year and month of registration YYMM, and its fifth
digit is the kind of entity (4 resident legal entity, 5 non-resident, 6 joint individual
entrepreneurship), its sixth the unit (0 head, 1 branch, 2 representative office, 3 peasant farm).
The fifth digit of an IIN is the tens of a day (0–3), so the fifth digit alone tells the two apart.
Both end in the same check digit (weights 1…11, then 3…11, 1, 2, modulo 11), written again here
because the engine imports nothing outside itself (a test pins it to ``niokr.core.bin``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from niokr.control.indicators.activity import OKED_SECTIONS, divisions
from niokr.control.indicators.agg_common import day, evidence, finish, judge, labels, pct, with_bin
from niokr.control.indicators.base import LANGUAGES, Frames, Indicator, Threshold

__all__ = [
    "INDICATORS", "NK44", "NK45", "NK46", "NK47", "FORMS", "NATURAL_FORMS", "check_digit", "identifier_form", "form_expr", "ownership_paths",
]

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
KAZAKHSTAN = "KZ"
FOREIGN_KIND = "foreign"
AGGREGATOR = "aggregator"
#: Kinds of the registry that are research organisations by what they are (NK-47 reads them as research).
RESEARCH_KINDS = ("research_institute", "university")

#: What a 12-digit number says about who holds it, in each language.
FORMS: dict[str, dict[str, str]] = {
    "individual": {
        "kk": "ЖСН — жеке тұлғаның (немесе сол нөмірмен жұмыс істейтін жеке кәсіпкердің) нөмірі, заңды тұлғаның БСН-і емес",
        "ru": "ИИН — номер физического лица (или индивидуального предпринимателя, работающего под этим номером), а не БИН юридического лица",
        "en": "an IIN — the number of a natural person (or of an individual entrepreneur trading under it), not a legal entity's BIN",
    },
    "joint_entrepreneurship": {
        "kk": "бірлескен жеке кәсіпкерліктің БСН-і (бесінші цифры 6) — жеке тұлғалар, заңды тұлға емес",
        "ru": "БИН совместного индивидуального предпринимательства (пятая цифра 6) — физические лица, а не юридическое лицо",
        "en": "the BIN of a joint individual entrepreneurship (fifth digit 6) — natural persons, not a legal entity",
    },
    "peasant_farm": {
        "kk": "бірлескен кәсіпкерліктегі шаруа (фермер) қожалығының БСН-і (бесінші цифры 6, алтыншысы 3) — жеке тұлғалар, заңды тұлға емес",
        "ru": "БИН крестьянского (фермерского) хозяйства в совместном предпринимательстве (пятая цифра 6, шестая 3) — физические лица, а не юридическое лицо",
        "en": "the BIN of a peasant (farm) household in joint entrepreneurship (fifth digit 6, sixth 3) — natural persons, not a legal entity",
    },
}
#: The forms of number held by natural persons (NK-44 flags them).
NATURAL_FORMS = tuple(FORMS)


# -- the 12-digit numbers ----------------------------------------------------------------------------


def check_digit(first11: str) -> int | None:
    """The check digit of 11 leading digits, or ``None`` when no number is issued with them."""
    digits = [int(c) for c in first11]
    k = sum(d * w for d, w in zip(digits, _W1, strict=True)) % 11
    if k == 10:
        k = sum(d * w for d, w in zip(digits, _W2, strict=True)) % 11
        if k == 10:
            return None
    return k


def identifier_form(value: Any) -> str:
    """What a registry number is: ``individual`` (an IIN), ``legal_entity``, ``non_resident``,
    ``joint_entrepreneurship``, ``peasant_farm`` (BINs); or why it cannot be read: ``malformed``
    (not 12 digits), ``invalid`` (the check digit fails), ``unreadable`` (neither a date of birth
    nor a kind of entity)."""
    text = str(value or "").strip()
    if len(text) != 12 or not (text.isascii() and text.isdigit()):
        return "malformed"
    if check_digit(text[:11]) != int(text[11]):
        return "invalid"
    fifth, sixth, seventh = int(text[4]), int(text[5]), int(text[6])
    if fifth <= 3:
        if not 1 <= seventh <= 6:
            return "unreadable"
        try:
            date({1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[seventh] + int(text[:2]), int(text[2:4]), int(text[4:6]))
        except ValueError:
            return "unreadable"
        return "individual"
    if fifth == 4:
        return "legal_entity"
    if fifth == 5:
        return "non_resident"
    if fifth == 6:
        return "peasant_farm" if sixth == 3 else "joint_entrepreneurship"
    return "unreadable"


def form_expr(column: str) -> pl.Expr:
    """:func:`identifier_form` as a polars expression over the text column ``column``."""
    text = pl.col(column).fill_null("").str.strip_chars()
    well = text.str.contains(r"^[0-9]{12}$")
    d = [text.str.slice(i, 1).cast(pl.Int32, strict=False) for i in range(12)]
    first = sum(di * w for di, w in zip(d[:11], _W1, strict=True)) % 11
    second = sum(di * w for di, w in zip(d[:11], _W2, strict=True)) % 11
    k = pl.when(first != 10).then(first).when(second != 10).then(second).otherwise(pl.lit(None, dtype=pl.Int32))
    century = pl.when(d[6].is_in([1, 2])).then(1800).when(d[6].is_in([3, 4])).then(1900).when(d[6].is_in([5, 6])).then(2000)
    birth = pl.concat_str([(century + d[0] * 10 + d[1]).cast(pl.Utf8), pl.lit("-"), text.str.slice(2, 2), pl.lit("-"), text.str.slice(4, 2)]).str.to_date("%Y-%m-%d", strict=False)
    return (
        pl.when(~well).then(pl.lit("malformed"))
        .when(k.is_null() | (k != d[11])).then(pl.lit("invalid"))
        .when(d[4] <= 3).then(pl.when(birth.is_not_null()).then(pl.lit("individual")).otherwise(pl.lit("unreadable")))
        .when(d[4] == 4).then(pl.lit("legal_entity"))
        .when(d[4] == 5).then(pl.lit("non_resident"))
        .when(d[4] == 6).then(pl.when(d[5] == 3).then(pl.lit("peasant_farm")).otherwise(pl.lit("joint_entrepreneurship")))
        .otherwise(pl.lit("unreadable"))
    )


def _bin_month(column: str) -> pl.Expr:
    """The first day of the month a BIN was issued in (its YYMM; years 70–99 are the 1900s), else null."""
    text = pl.col(column).fill_null("").str.strip_chars()
    yy, mm = text.str.slice(0, 2).cast(pl.Int32, strict=False), text.str.slice(2, 2).cast(pl.Int32, strict=False)
    year = pl.when(yy <= 69).then(yy + 2000).otherwise(yy + 1900)
    return pl.when(mm.is_between(1, 12)).then(pl.date(year, mm, 1))


def _valid_on(day_column: str, prefix: str = "") -> pl.Expr:
    """A dated row (``valid_from``/``valid_to``, null: open) holds on the date in ``day_column``."""
    vf, vt = pl.col(f"{prefix}valid_from"), pl.col(f"{prefix}valid_to")
    return (vf.is_null() | (vf <= pl.col(day_column))) & (vt.is_null() | (pl.col(day_column) <= vt))


def _orgs(frames: Frames) -> pl.DataFrame:
    """Organisations with their kind, registration date, activity code and the form of their number."""
    return frames["organisations"].unique("org_id", keep="first").select(
        "org_id", "bin", "kind", "registered_on", pl.col("oked").fill_null("").str.strip_chars().alias("oked"), form_expr("bin").alias("form"),
    )


def _status_on(frames: Frames, rows: pl.DataFrame, id_column: str, day_column: str, kind: str, key: str) -> pl.Series:
    """The ``key`` values of ``rows`` whose organisation in ``id_column`` held status ``kind`` on ``day_column``."""
    return (
        rows.select(key, id_column, day_column).filter(pl.col(day_column).is_not_null())
        .join(frames["attributes"].filter(pl.col("kind") == kind), left_on=id_column, right_on="org_id", how="inner")
        .filter(_valid_on(day_column))[key].unique()
    )


# -- NK-44 natural person paid as a performer ---------------------------------------------------------


def _natural_person(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to a performer whose registry number is an IIN or the BIN of natural persons."""
    orgs = _orgs(frames)
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "purpose")
    pay = with_bin(pay, orgs, "payer_id", "payer_bin").join(
        orgs.select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), "form", pl.lit(True).alias("_known")),
        on="performer_id", how="left",
    )
    accredited = _status_on(frames, pay, "performer_id", "paid_on", "science_accreditation", "payment_id")
    judged = judge(
        pay,
        [
            (pl.col("_known").is_null(), "performer_unknown"),
            (pl.col("form") == "malformed", "identifier_malformed"),
            (pl.col("form") == "invalid", "identifier_check_digit"),
            (pl.col("form") == "unreadable", "identifier_unreadable"),
        ],
        pl.col("form").is_in(NATURAL_FORMS),
    )
    return finish(
        judged,
        subject_id=pl.col("payment_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            payment_id=pl.col("payment_id"), document_number=pl.col("document_number"), paid_on=day(pl.col("paid_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"),
            purpose=pl.col("purpose").fill_null("").str.strip_chars().str.slice(0, 160),
            identifier_form=pl.col("form"), **labels(pl.col("form"), FORMS, "identifier_form"),
            accredited_on_date=pl.col("payment_id").is_in(accredited.implode()),
        ),
        amount=pl.col("amount"),
    )


NK44 = Indicator(
    code="NK-44",
    version=1,
    subject_type="payment",
    weight=50,
    title={
        "kk": "ҒЗТКЖ орындаушысы ретінде жеке тұлғаға немесе жеке кәсіпкерге төлем",
        "ru": "Платёж физическому лицу или индивидуальному предпринимателю как исполнителю НИОКР",
        "en": "Natural person or individual entrepreneur paid as an R&D performer",
    },
    rationale={
        "kk": "1 % қаражаты ғылыми ұйымдарға арналған: аудитор ҒЗТКЖ заңды тұлғалардан — ғылыми институттардан, университеттерден, аккредиттелген компаниялардан сатып алынады деп күтеді. Орындаушының нөмірі ЖСН болса (туған күнінен басталады) немесе бірлескен жеке кәсіпкерліктің БСН-і болса, ақша адамға түседі: бұл жалақыны, кеңес ақысын немесе жақын адамға төлемді ҒЗТКЖ ретінде көрсету тәсілі болуы мүмкін, ал мұндай төлем Салық кодексінің 302-бабы бойынша шегерілмейді. Аудитор шартты, жеке тұлғаның ғылыми аккредиттеуін және нәтижені көруі тиіс.",
        "ru": "Деньги 1 % предназначены научным организациям: аудитор ожидает, что НИОКР покупаются у юридических лиц — институтов, университетов, аккредитованных компаний. Если номер исполнителя — ИИН (начинается с даты рождения) или БИН совместного индивидуального предпринимательства, деньги получает человек: так можно выдать за НИОКР зарплату, вознаграждение консультанта или выплату близкому лицу, а по ст. 302 Налогового кодекса такой платёж не вычитается. Аудитору нужны договор, научная аккредитация физического лица и результат.",
        "en": "The 1 % money is meant for research organisations: an auditor expects R&D to be bought from legal entities — institutes, universities, accredited companies. When the performer's number is an IIN (it begins with a date of birth) or the BIN of a joint individual entrepreneurship, the money goes to a person: a way to pass off wages, a consultant's fee or a payment to someone close as R&D, and under art. 302 of the Tax Code such a payment is not deductible. An auditor needs the contract, the person's science accreditation and the result.",
    },
    legal_basis={
        "kk": "«Сәйкестендіру нөмірлерінің ұлттық тізілімдері туралы» 2007 жылғы 12 қаңтардағы № 223 Заң: ЖСН жеке тұлғаларға (жеке кәсіпкерлерге де), БСН заңды тұлғаларға және бірлескен жеке кәсіпкерлікке беріледі. 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі, 302-бап: ғылым саласындағы аккредиттелген ұйымдарға, дербес білім беру ұйымдарына және Astana Hub кластерлік қорына берілген қаражат қана шегеріледі. 2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ жұмыс пен қызметтің қазақстандық өнім берушісі ретінде Қазақстан азаматын да атайды, сондықтан төлем өздігінен тыйым салынбаған: бұл аудиторлық тәуекел белгісі.",
        "ru": "Закон от 12.01.2007 № 223 «О национальных реестрах идентификационных номеров»: ИИН присваивается физическим лицам (в том числе индивидуальным предпринимателям), БИН — юридическим лицам и совместному индивидуальному предпринимательству. Налоговый кодекс от 18.07.2025 № 214-VIII, ст. 302: вычитаются только деньги, переданные аккредитованным организациям в сфере науки, автономным организациям образования и кластерному фонду Astana Hub. Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 называет казахстанским поставщиком работ и услуг и гражданина Казахстана, поэтому сам по себе платёж не запрещён: это аудиторский признак риска.",
        "en": "Law of 12.01.2007 No 223 on national registers of identification numbers: an IIN is given to natural persons (individual entrepreneurs included), a BIN to legal entities and to joint individual entrepreneurship. Tax Code of 18.07.2025 No 214-VIII, art. 302: only money transferred to accredited organisations in science, autonomous educational organisations and the Astana Hub cluster fund is deducted. Law of 24.06.2010 No 291-IV, art. 76(12-1) names a citizen of Kazakhstan too as a Kazakhstani supplier of works and services, so the payment is not forbidden as such: this is an audit red flag.",
    },
    explanation={
        "kk": "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (жер қойнауын пайдаланушы {payer_bin}, мақсаты «{purpose}»): орындаушы {performer_bin} тізілімде мына нөмірмен жазылған: {identifier_form_kk}; сол күні ғылыми аккредиттеуі болды ма: {accredited_on_date}.",
        "ru": "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} (недропользователь {payer_bin}, назначение «{purpose}»): исполнитель {performer_bin} записан в реестре под номером: {identifier_form_ru}; научная аккредитация на эту дату: {accredited_on_date}.",
        "en": "Payment {document_number} of {amount_tiyn} on {paid_on} by subsoil user {payer_bin} (purpose «{purpose}»): performer {performer_bin} is recorded under {identifier_form_en}; science accreditation held on that date: {accredited_on_date}.",
    },
    needs=("payments", "organisations", "attributes"),
    evaluate=_natural_person,
    truth_codes=("natural_person_performer",),
)


# -- NK-45 foreign beneficial owner, looked through ---------------------------------------------------

#: How one link of an ownership chain reads: the owner, the share, the organisation owned.
_LINK = {
    "kk": ("{parent} {child} ұйымындағы {share} үлесті иеленеді", "мөлшері тіркелмеген"),
    "ru": ("{parent} владеет долей {share} в {child}", "неизвестного размера"),
    "en": ("{parent} owns {share} of {child}", "an unrecorded share"),
}
_ABROAD = {"kk": "шетелде тіркелген", "ru": "зарегистрирована за рубежом", "en": "registered abroad"}

_EDGE_SCHEMA = {
    "child_id": pl.Int64, "parent_id": pl.Int64, "share": pl.Float64, "e_from": pl.Date, "e_to": pl.Date, "terminal": pl.Boolean, "foreign": pl.Boolean,
    "terminal_key": pl.Utf8, "owner_label": pl.Utf8, "parent_kk": pl.Utf8, "parent_ru": pl.Utf8, "parent_en": pl.Utf8,
}


def _share_text(lang: str) -> pl.Expr:
    """The link's share as a reader of ``lang`` writes it (``12,5 %``; ``12.5 %`` in English), or the words for an unrecorded one."""
    number = pl.col("share").round(3).cast(pl.Utf8).str.replace(r"\.?0+$", "")
    number = number.str.replace(".", ",", literal=True) if lang != "en" else number
    return pl.when(pl.col("share").is_not_null()).then(pl.concat_str([number, pl.lit("\u00a0%")])).otherwise(pl.lit(_LINK[lang][1]))


def _edges(frames: Frames, orgs: pl.DataFrame) -> pl.DataFrame:
    """Every recorded link from an organisation up to one of its owners.

    ``owner`` affiliations (the owner a registered organisation) and beneficial owners. A
    legal-entity beneficial owner whose BIN is in the registry is that organisation, and the chain
    goes on through it; an owner registered abroad (kind ``foreign`` or a non-resident BIN) ends the
    chain as a foreign owner, and so does any beneficial owner of another country than Kazakhstan.
    A beneficial owner not in the registry ends the chain: foreign when its country is not KZ (a
    country not recorded is not foreign).
    """
    registered = orgs.select(
        pl.col("org_id").alias("parent_id"), pl.col("bin").alias("parent_bin"),
        ((pl.col("kind") == FOREIGN_KIND) | (pl.col("form") == "non_resident")).fill_null(False).alias("parent_abroad"),
    )
    aff = frames["affiliations"].filter(
        (pl.col("kind") == "owner") & pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & (pl.col("source_id") != pl.col("target_id"))
    ).select(pl.col("target_id").alias("child_id"), pl.col("source_id").alias("parent_id"), "share", pl.col("valid_from").alias("e_from"), pl.col("valid_to").alias("e_to"))
    aff = aff.join(registered, on="parent_id", how="left").with_columns(pl.col("parent_abroad").fill_null(False), pl.lit(None, dtype=pl.Utf8).alias("country"))
    by_bin = registered.filter(pl.col("parent_bin").is_not_null()).unique("parent_bin", keep="first")
    owners = frames["beneficial_owners"] if frames.has("beneficial_owners") else pl.DataFrame(schema={
        "org_id": pl.Int64, "owner_name": pl.Utf8, "owner_kind": pl.Utf8, "identifier": pl.Utf8, "country": pl.Utf8, "share": pl.Float64, "valid_from": pl.Date, "valid_to": pl.Date,
    })
    bo = owners.filter(pl.col("org_id").is_not_null()).with_columns(
        pl.col("country").fill_null("").str.strip_chars().str.to_uppercase().alias("country"),
        pl.col("identifier").fill_null("").str.strip_chars().alias("identifier"),
        pl.col("owner_name").fill_null("").str.strip_chars().alias("owner_name"),
    )
    bo = bo.join(
        by_bin, left_on=pl.when(pl.col("owner_kind") == "legal_entity").then(pl.col("identifier")), right_on="parent_bin", how="left",
    ).filter(pl.col("parent_id").is_null() | (pl.col("parent_id") != pl.col("org_id")))
    bo_foreign = (pl.col("country") != "") & (pl.col("country") != KAZAKHSTAN)
    in_registry = bo.filter(pl.col("parent_id").is_not_null())
    in_registry = in_registry.select(
        pl.col("org_id").alias("child_id"), "parent_id", "share", pl.col("valid_from").alias("e_from"), pl.col("valid_to").alias("e_to"),
        "parent_bin", (pl.col("parent_abroad").fill_null(False) | bo_foreign).alias("parent_abroad"), "country",
    )
    linked = pl.concat([aff.select(in_registry.columns), in_registry], how="vertical_relaxed")
    linked = linked.with_columns(
        pl.col("parent_abroad").alias("terminal"), pl.col("parent_abroad").alias("foreign"),
        pl.concat_str([pl.lit("org:"), pl.col("parent_id").cast(pl.Utf8)]).alias("terminal_key"),
        pl.coalesce(pl.col("parent_bin"), pl.concat_str([pl.lit("#"), pl.col("parent_id").cast(pl.Utf8)])).alias("owner_label"),
    ).with_columns(*[
        pl.when(pl.col("parent_abroad")).then(pl.concat_str([
            pl.col("owner_label"), pl.lit(" ("), pl.when(pl.col("country").fill_null("") != "").then(pl.concat_str([pl.col("country"), pl.lit(", ")])).otherwise(pl.lit("")),
            pl.lit(_ABROAD[lang]), pl.lit(")"),
        ])).otherwise(pl.col("owner_label")).alias(f"parent_{lang}")
        for lang in LANGUAGES
    ])
    outside = bo.filter(pl.col("parent_id").is_null())
    label = pl.concat_str([
        pl.when(pl.col("owner_name") != "").then(pl.col("owner_name")).otherwise(pl.col("identifier")),
        pl.when(pl.col("country") != "").then(pl.concat_str([pl.lit(" ("), pl.col("country"), pl.lit(")")])).otherwise(pl.lit("")),
    ])
    outside = outside.select(
        pl.col("org_id").alias("child_id"), pl.lit(None, dtype=pl.Int64).alias("parent_id"), "share", pl.col("valid_from").alias("e_from"), pl.col("valid_to").alias("e_to"),
        pl.lit(True).alias("terminal"), bo_foreign.alias("foreign"),
        pl.concat_str([pl.lit("owner:"), pl.when(pl.col("identifier") != "").then(pl.col("identifier")).otherwise(pl.col("owner_name").str.to_lowercase()), pl.lit("|"), pl.col("country")]).alias("terminal_key"),
        label.alias("owner_label"), *[label.alias(f"parent_{lang}") for lang in LANGUAGES],
    )
    return pl.concat([linked.select(list(_EDGE_SCHEMA)), outside.select(list(_EDGE_SCHEMA))], how="vertical_relaxed").cast(_EDGE_SCHEMA)


def ownership_paths(frames: Frames, starts: pl.DataFrame, *, max_levels: int) -> pl.DataFrame:
    """Every chain of owners above each organisation of ``starts`` (``start_id``), up to ``max_levels`` links.

    One row per chain and every part of it from the start (a chain ends at a beneficial owner
    outside the registry, at an owner registered abroad, at an organisation with no owner recorded,
    or after ``max_levels`` links): ``start_id``, ``links`` (how many), ``foreign`` (the chain ends at a foreign owner), ``factor`` (the product of the shares along it, an unrecorded share counting whole),
    ``valid_from``/``valid_to`` (the days on which every link holds; null: open), ``signature``
    (the organisations passed and the owner reached: one chain recorded twice has one signature),
    ``owner_label`` and ``chain_kk``/``_ru``/``_en`` (the chain in words, owners named by BIN). A
    chain that comes back to an organisation already on it stops there.
    """
    orgs = _orgs(frames)
    edges = _edges(frames, orgs)
    bins = orgs.select(pl.col("org_id").alias("current_id"), pl.col("bin").alias("current_bin"))
    frontier = starts.select(pl.col("start_id").cast(pl.Int64)).unique().with_columns(
        pl.col("start_id").alias("current_id"), pl.lit(1.0).alias("factor"), pl.lit(None, dtype=pl.Date).alias("valid_from"),
        pl.lit(None, dtype=pl.Date).alias("valid_to"), pl.concat_list([pl.col("start_id")]).alias("orgs"),
        *[pl.lit("").alias(f"chain_{lang}") for lang in LANGUAGES],
    )
    ended = []
    for _level in range(int(max_levels)):
        if frontier.is_empty():
            break
        step = frontier.join(bins, on="current_id", how="left").join(edges, left_on="current_id", right_on="child_id", how="inner")
        child = pl.coalesce(pl.col("current_bin"), pl.concat_str([pl.lit("#"), pl.col("current_id").cast(pl.Utf8)]))
        step = step.with_columns(
            pl.lit(_level + 1, dtype=pl.Int32).alias("links"),
            pl.max_horizontal("valid_from", "e_from").alias("valid_from"), pl.min_horizontal("valid_to", "e_to").alias("valid_to"),
            (pl.col("factor") * pl.coalesce(pl.col("share") / 100.0, pl.lit(1.0))).alias("factor"),
            *[
                pl.concat_str([
                    pl.col(f"chain_{lang}"), pl.when(pl.col(f"chain_{lang}") != "").then(pl.lit("; ")).otherwise(pl.lit("")),
                    _link(lang, pl.col(f"parent_{lang}"), child),
                ]).alias(f"chain_{lang}")
                for lang in LANGUAGES
            ],
        ).filter(pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))
        step = step.filter(pl.col("terminal") | ~pl.col("orgs").list.contains(pl.col("parent_id")))
        step = step.with_columns(pl.when(pl.col("parent_id").is_not_null()).then(pl.concat_list(["orgs", "parent_id"])).otherwise(pl.col("orgs")).alias("orgs"))
        ended.append(step.with_columns((pl.col("terminal") & pl.col("foreign")).alias("foreign")))
        frontier = step.filter(~pl.col("terminal")).with_columns(pl.col("parent_id").alias("current_id")).select(frontier.columns)
    columns = {
        "start_id": pl.Int64, "links": pl.Int32, "foreign": pl.Boolean, "factor": pl.Float64, "valid_from": pl.Date, "valid_to": pl.Date, "signature": pl.Utf8,
        "owner_label": pl.Utf8, **{f"chain_{lang}": pl.Utf8 for lang in LANGUAGES},
    }
    if not ended:
        return pl.DataFrame(schema=columns)
    found = pl.concat([e.select("start_id", "links", "foreign", "factor", "valid_from", "valid_to", "orgs", "terminal_key", "owner_label", *[f"chain_{lang}" for lang in LANGUAGES]) for e in ended])
    return found.with_columns(
        pl.concat_str([pl.col("orgs").list.eval(pl.element().cast(pl.Utf8)).list.join(">"), pl.lit("|"), pl.col("terminal_key")]).alias("signature"),
    ).select([pl.col(c).cast(t) for c, t in columns.items()])


def _link(lang: str, parent: pl.Expr, child: pl.Expr) -> pl.Expr:
    """One link of a chain in words: the template of ``lang`` with the owner, the share and the organisation owned."""
    values = {"{parent}": parent, "{share}": _share_text(lang), "{child}": child}
    return pl.concat_str([values.get(piece, pl.lit(piece)) for piece in re.split(r"(\{\w+\})", _LINK[lang][0]) if piece])


def _foreign_owner(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to a resident performer whose foreign owners, looked through on the payment date,
    hold at least ``min_foreign_share`` per cent of it, when it held no permission for a foreign performer.

    Each chain's share is the product of its links' shares; chains to foreign owners are added up
    (a chain recorded twice — as an affiliation and as a beneficial owner — counts once). The
    performer's scope: a registered resident organisation (not of kind ``foreign``, not a
    non-resident BIN: NK-01 judges foreign performers; not an IIN: NK-44 judges persons).
    """
    min_share, levels = float(params["min_foreign_share"]), int(params["max_levels"])
    orgs = _orgs(frames)
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number")
    pay = with_bin(pay, orgs, "payer_id", "payer_bin").join(
        orgs.select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), "kind", "form", pl.lit(True).alias("_known")),
        on="performer_id", how="left",
    )
    pay = pay.filter(pl.col("_known").is_null() | ((pl.col("kind") != FOREIGN_KIND).fill_null(True) & ~pl.col("form").is_in(["non_resident", *NATURAL_FORMS])))
    paths = ownership_paths(frames, pay.select(pl.col("performer_id").alias("start_id")).drop_nulls(), max_levels=levels).with_row_index("path_id")
    paths = paths.with_columns(pl.col("signature").rank("dense").alias("sig_id"))
    # Payments to one performer on one day share the answer: the chains are read per (performer, day).
    days = pay.filter(pl.col("paid_on").is_not_null() & pl.col("performer_id").is_not_null()).select("performer_id", "paid_on").unique()
    recorded = paths["start_id"].unique()
    known = (
        days.join(paths.filter(pl.col("links") == 1).select("start_id", "valid_from", "valid_to"), left_on="performer_id", right_on="start_id", how="inner")
        .filter(_valid_on("paid_on")).select("performer_id", "paid_on").unique().with_columns(pl.lit(True).alias("_owned_on_date"))
    )
    foreign = (
        days.join(paths.filter(pl.col("foreign")).select("start_id", "path_id", "sig_id", "factor", "valid_from", "valid_to"), left_on="performer_id", right_on="start_id", how="inner")
        .filter(_valid_on("paid_on"))
        .sort(["factor", "path_id"], descending=[True, False]).unique(["performer_id", "paid_on", "sig_id"], keep="first", maintain_order=True)
        .group_by("performer_id", "paid_on", maintain_order=True)
        .agg((pl.col("factor").sum().clip(upper_bound=1.0) * 100.0).round(1).alias("foreign_share"), pl.col("path_id").alias("_paths"))
    )
    # The owners and the largest chain, in words, for the days that reach the threshold only.
    worded = (
        foreign.filter(pl.col("foreign_share") >= min_share).explode("_paths").rename({"_paths": "path_id"})
        .join(paths.select("path_id", "owner_label", *[f"chain_{lang}" for lang in LANGUAGES]), on="path_id", how="left")
        .group_by("performer_id", "paid_on", maintain_order=True)
        .agg(pl.col("owner_label").unique(maintain_order=True).str.join("; ").alias("foreign_owners"), *[pl.col(f"chain_{lang}").first() for lang in LANGUAGES])
    )
    pay = (
        pay.join(known, on=["performer_id", "paid_on"], how="left").join(foreign.drop("_paths"), on=["performer_id", "paid_on"], how="left")
        .join(worded, on=["performer_id", "paid_on"], how="left")
        .with_columns(pl.col("foreign_share").fill_null(0.0), pl.col("performer_id").is_in(recorded.implode()).alias("_recorded"))
    )
    permitted = _status_on(frames, pay, "performer_id", "paid_on", "foreign_permission", "payment_id")
    judged = judge(
        pay,
        [
            (pl.col("_known").is_null(), "performer_unknown"),
            (pl.col("paid_on").is_null(), "no_payment_date"),
            (~pl.col("_recorded"), "no_owner_record"),
            (pl.col("_owned_on_date").is_null(), "no_owner_on_date"),
        ],
        (pl.col("foreign_share") >= min_share) & ~pl.col("payment_id").is_in(permitted.implode()),
    )
    return finish(
        judged,
        subject_id=pl.col("payment_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            payment_id=pl.col("payment_id"), document_number=pl.col("document_number"), paid_on=day(pl.col("paid_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), foreign_share_pct=pl.col("foreign_share"),
            min_foreign_share=pl.lit(min_share), foreign_owners=pl.col("foreign_owners"), **{f"chain_{lang}": pl.col(f"chain_{lang}") for lang in LANGUAGES},
        ),
        amount=pl.col("amount"),
    )


NK45 = Indicator(
    code="NK-45",
    version=1,
    subject_type="payment",
    weight=40,
    title={
        "kk": "Орындаушының түпкі бенефициар иесі — шетелдік",
        "ru": "Конечный бенефициарный собственник исполнителя — иностранный",
        "en": "Performer's beneficial owner is foreign, looked through",
    },
    rationale={
        "kk": "Шетелдік орындаушыны тек қазақстандық өнім беруші жоқ болғанда және құзыретті органның рұқсатымен қаржыландыруға болады. Қазақстанда тіркелген, бірақ иелік тізбегі бойынша шетелдік тұлғаға тиесілі компания осы талапты айналып өтуі мүмкін: ақша мен нәтиже шетелдік иеге лицензиялық төлемдер мен қызметтер арқылы кетеді. Тізбек төлем күні бойынша қаралады: әр буынның үлесі көбейтіледі, шетелдік иелердің үлестері қосылады.",
        "ru": "Иностранного исполнителя можно финансировать, только если нет казахстанского поставщика, и с разрешения компетентного органа. Компания, зарегистрированная в Казахстане, но по цепочке владения принадлежащая иностранному лицу, может обходить это требование: деньги и результат уходят иностранному владельцу через лицензионные платежи и услуги. Цепочка просматривается на дату платежа: доли звеньев перемножаются, доли иностранных владельцев складываются.",
        "en": "A foreign performer may be funded only when no Kazakhstani supplier exists, and with the competent authority's permission. A company registered in Kazakhstan but owned, through its chain of owners, by a foreign person can get around that rule: the money and the result go to the foreign owner through licence fees and services. The chain is looked through on the payment date: the shares along each chain are multiplied, the foreign owners' shares added up.",
    },
    legal_basis={
        "kk": "2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ, 2014 жылғы 29 желтоқсандағы № 271-V Заңның редакциясында: шетелдік орындаушы тек құзыретті органның рұқсатымен. «Қылмыстық жолмен алынған кірістерді заңдастыруға (жылыстатуға) және терроризмді қаржыландыруға қарсы іс-қимыл туралы» 2009 жылғы 28 тамыздағы № 191-IV Заң, 1-бап: бенефициар иесі — тікелей немесе жанама түрде 25 %-дан астам үлеске ие жеке тұлға; шекті мән осыған сәйкес. Қазақстандық өнім беруші мәртебесі қызметкерлерге қарайды, иелерге емес, сондықтан бұл — аудиторлық тәуекел белгісі.",
        "ru": "Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1 в редакции Закона от 29.12.2014 № 271-V: иностранный исполнитель — только с разрешения компетентного органа. Закон от 28.08.2009 № 191-IV «О противодействии легализации (отмыванию) доходов, полученных преступным путём, и финансированию терроризма», ст. 1: бенефициарный собственник — физическое лицо, которому прямо или косвенно принадлежит более 25 % долей; порог выбран по нему. Статус казахстанского поставщика зависит от работников, а не от владельцев, поэтому это аудиторский признак риска.",
        "en": "Law of 24.06.2010 No 291-IV, art. 76(12-1) as amended by Law of 29.12.2014 No 271-V: a foreign performer only with the competent authority's permission. Law of 28.08.2009 No 191-IV on countering the legalisation (laundering) of criminal proceeds and the financing of terrorism, art. 1: a beneficial owner is a natural person owning, directly or indirectly, more than 25 % of the shares; the threshold follows it. The Kazakhstani-supplier status depends on the staff, not on the owners, so this is an audit red flag.",
    },
    explanation={
        "kk": "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (жер қойнауын пайдаланушы {payer_bin}): сол күні орындаушы {performer_bin} ұйымының {foreign_share_pct} үлесі шетелдік иелерге ({foreign_owners}) тиесілі болды (шекті мән {min_foreign_share}; {chain_kk}), ал шетелдік орындаушыны тартуға рұқсат болған жоқ.",
        "ru": "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} (недропользователь {payer_bin}): на эту дату {foreign_share_pct} исполнителя {performer_bin} принадлежало иностранным владельцам ({foreign_owners}) (порог {min_foreign_share}; {chain_ru}), а разрешения на привлечение иностранного исполнителя не было.",
        "en": "Payment {document_number} of {amount_tiyn} on {paid_on} by subsoil user {payer_bin}: on that date {foreign_share_pct} of performer {performer_bin} was owned by foreign owners ({foreign_owners}) (threshold {min_foreign_share}; {chain_en}), and there was no permission for a foreign performer.",
    },
    needs=("payments", "organisations", "attributes", "affiliations", "beneficial_owners"),
    evaluate=_foreign_owner,
    thresholds=(
        Threshold("min_foreign_share", 25.0, {
            "kk": "Төлем күні шетелдік иелерге тиесілі үлес (пайызбен, тізбек бойынша көбейтілген және қосылған) осы мәнге жетсе, тәуекел белгісі қойылады; 25 — бенефициар иесінің заңдағы шегі.",
            "ru": "Флаг ставится, если доля, принадлежащая на дату платежа иностранным владельцам (в процентах, перемноженная по цепочке и сложенная), достигает этого значения; 25 — порог бенефициарного собственника в законе.",
            "en": "Flag when the share owned by foreign owners on the payment date (per cent, multiplied along each chain and added up) reaches this; 25 is the law's threshold of a beneficial owner.",
        }),
        Threshold("max_levels", 5, {
            "kk": "Иелік тізбегінде қаралатын буындардың ең көп саны (орындаушыдан жоғары қарай).",
            "ru": "Наибольшее число звеньев цепочки владения, которое просматривается (вверх от исполнителя).",
            "en": "Most links of an ownership chain looked through (upwards from the performer).",
        }),
    ),
    truth_codes=("foreign_beneficial_owner",),
)


# -- NK-46 performer without a track record ----------------------------------------------------------

#: Which date the performer's age is counted from, in each language.
AGE_BASIS = {
    "registry": {"kk": "тізілімдегі тіркелген күн", "ru": "дата регистрации в реестре", "en": "its registration date in the registry"},
    "bin": {"kk": "БСН берілген ай (оның алғашқы төрт цифры)", "ru": "месяц присвоения БИН (его первые четыре цифры)", "en": "the month its BIN was issued (its first four digits)"},
}


def _no_track_record(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Large agreements with a young performer that had held no accreditation and done no research of record.

    * large: the agreement's amount is at least ``min_amount_tiyn``;
    * young: fewer than ``max_age_days`` between the performer's registration and the signing. The
      registration is the earlier of the registry's date and the month the BIN encodes (an
      organisation re-registered keeps its BIN, so an old institute with a new registry date is not young);
    * no accreditation ever: no science accreditation beginning on or before the signing;
    * no record: no agreement as performer (with any payer) and no project as performer begun at
      least ``min_record_days`` before the signing.
    """
    min_amount, max_age, record_days = int(params["min_amount_tiyn"]), int(params["max_age_days"]), int(params["min_record_days"])
    orgs = _orgs(frames)
    rows = with_bin(frames["agreements"], orgs, "payer_id", "payer_bin").join(
        orgs.select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), "registered_on", "form", pl.lit(True).alias("_known")),
        on="performer_id", how="left",
    )
    bin_month = pl.when(pl.col("form").is_in(["legal_entity", "non_resident", "joint_entrepreneurship", "peasant_farm"])).then(_bin_month("performer_bin"))
    by_bin = pl.col("_bin_month").is_not_null() & (pl.col("registered_on").is_null() | (pl.col("_bin_month") < pl.col("registered_on").dt.truncate("1mo")))
    rows = rows.with_columns(bin_month.alias("_bin_month")).with_columns(
        pl.when(by_bin).then(pl.col("_bin_month")).otherwise(pl.col("registered_on")).alias("_since"),
        pl.when(by_bin).then(pl.lit("bin")).otherwise(pl.lit("registry")).alias("_basis"),
        (pl.col("signed_on") - pl.duration(days=record_days)).alias("_cutoff"),
    )
    age = (pl.col("signed_on") - pl.col("_since")).dt.total_days()
    accredited = (
        rows.select("agreement_id", "performer_id", "signed_on").filter(pl.col("signed_on").is_not_null())
        .join(frames["attributes"].filter(pl.col("kind") == "science_accreditation"), left_on="performer_id", right_on="org_id", how="inner")
        .filter(pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("signed_on")))["agreement_id"].unique()
    )
    earlier = [
        frames["agreements"].select(pl.col("performer_id").alias("_org"), pl.col("signed_on").alias("_began"), pl.col("agreement_id").alias("_other")),
    ]
    if frames.has("projects"):
        earlier.append(frames["projects"].select(pl.col("performer_id").alias("_org"), pl.col("start_date").alias("_began"), pl.lit(None, dtype=pl.Int64).alias("_other")))
    record = (
        rows.filter(pl.col("_cutoff").is_not_null() & (pl.col("amount") >= min_amount) & (age < max_age).fill_null(False))  # the candidates only
        .select("agreement_id", "performer_id", "_cutoff")
        .join(pl.concat(earlier).filter(pl.col("_began").is_not_null()), left_on="performer_id", right_on="_org", how="inner")
        .filter((pl.col("_began") <= pl.col("_cutoff")) & (pl.col("_other").is_null() | (pl.col("_other") != pl.col("agreement_id"))))["agreement_id"].unique()
    )
    judged = judge(
        rows,
        [
            (pl.col("_known").is_null(), "performer_unknown"),
            (pl.col("signed_on").is_null(), "no_signing_date"),
            (pl.col("amount").is_null(), "no_amount"),
            (pl.col("_since").is_null() & (pl.col("amount") >= min_amount), "no_registration_date"),
        ],
        (pl.col("amount") >= min_amount) & (age < max_age)
        & ~pl.col("agreement_id").is_in(accredited.implode()) & ~pl.col("agreement_id").is_in(record.implode()),
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), registered_on=day(pl.col("_since")),
            age_basis=pl.col("_basis"), **labels(pl.col("_basis"), AGE_BASIS, "age_basis"),
            age_days=age, max_age_days=pl.lit(max_age), min_amount_tiyn=pl.lit(min_amount),
            record_cutoff=day(pl.col("_cutoff")), min_record_days=pl.lit(record_days),
            subject=pl.col("subject").fill_null("").str.strip_chars().str.slice(0, 160),
        ),
        amount=pl.col("amount"),
    )


NK46 = Indicator(
    code="NK-46",
    version=1,
    subject_type="agreement",
    weight=45,
    title={
        "kk": "Аккредиттеу тарихы да, ғылыми жұмыс тәжірибесі де жоқ орындаушыға ірі шарт",
        "ru": "Крупный договор с исполнителем без истории аккредитации и опыта научных работ",
        "en": "Large agreement with a performer without accreditation history or research track record",
    },
    rationale={
        "kk": "Ірі ҒЗТКЖ шартын жұмыс істей алатыны дәлелденген орындаушы алуы тиіс: ғылыми аккредиттеу немесе бұрынғы ғылыми шарттар мен жобалар. Жақында тіркелген, ешқашан аккредиттелмеген және бұрын ешбір ғылыми жұмыс орындамаған компанияға ірі сома беру — қаражатты зерттеуге емес, басқа мақсатқа бұрудың белгілі белгісі. Бір ғана белгі (жастық, аккредиттеудің болмауы) жеткіліксіз: барлығы бірге қаралады.",
        "ru": "Крупный договор на НИОКР должен получать исполнитель, чья способность выполнить работу чем-то подтверждена: научной аккредитацией или прежними научными договорами и проектами. Крупная сумма компании, недавно зарегистрированной, никогда не аккредитованной и прежде не выполнявшей научных работ, — известный признак того, что деньги идут не на исследования. Одного признака (молодость, отсутствие аккредитации) мало: они рассматриваются вместе.",
        "en": "A large R&D agreement should go to a performer whose ability to do the work is shown by something: a science accreditation, or earlier research agreements and projects. A large sum given to a company registered recently, never accredited and with no research work before is a known mark of money not going to research. One sign alone (youth, no accreditation) is not enough: they are taken together.",
    },
    legal_basis={
        "kk": "ҒЗТКЖ-ны қазақстандық өнім берушілер орындауы тиіс (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ), ал салықтық шегерім үшін — ғылым саласындағы аккредиттелген ұйымдар (2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі, 302-бап); аккредиттеу қағидалары ҒЖБМ-нің 2026 жылғы 11 ақпандағы № 63 бұйрығымен қайта бекітілген. Сома, жас және тәжірибе мерзімі шектері аудит тәжірибесі бойынша белгіленген.",
        "ru": "НИОКР должны выполнять казахстанские поставщики (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1), а для налогового вычета — аккредитованные организации в сфере науки (Налоговый кодекс от 18.07.2025 № 214-VIII, ст. 302); правила аккредитации переутверждены приказом МНВО от 11.02.2026 № 63. Пороги суммы, возраста и срока опыта установлены по практике аудита.",
        "en": "R&D must be performed by Kazakhstani suppliers (Law of 24.06.2010 No 291-IV, art. 76(12-1)) and, for the tax deduction, by accredited organisations in science (Tax Code of 18.07.2025 No 214-VIII, art. 302); the accreditation rules were re-issued by MSHE order of 11.02.2026 No 63. The amount, age and track-record thresholds are set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}; нысанасы «{subject}»): орындаушы шартқа {age_days} күн бұрын тіркелген ({registered_on}, есептеу негізі — {age_basis_kk}; шегі {max_age_days} күн), қол қойылғанға дейін ешқашан ғылыми аккредиттеуі болмаған және {record_cutoff} дейін орындаушы ретінде бірде-бір шарты не жобасы жоқ (сома шегі {min_amount_tiyn}).",
        "ru": "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} (предмет «{subject}»): исполнитель зарегистрирован за {age_days} дн. до договора ({registered_on}, отсчёт — {age_basis_ru}; порог {max_age_days} дн.), до подписания никогда не имел научной аккредитации и до {record_cutoff} не имел ни одного договора или проекта в качестве исполнителя (порог суммы {min_amount_tiyn}).",
        "en": "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} (subject «{subject}»): the performer was registered {age_days} days before it ({registered_on}, counted from {age_basis_en}; limit {max_age_days} days), had never held a science accreditation before the signing, and had no agreement or project as performer before {record_cutoff} (amount threshold {min_amount_tiyn}).",
    },
    needs=("agreements", "organisations", "attributes"),  # projects are read where supplied
    evaluate=_no_track_record,
    thresholds=(
        Threshold("min_amount_tiyn", 5_000_000_000, {
            "kk": "Тек осы сомадан кем емес шарттар бағаланады (50 млн теңге): шағын шартты жаңа орындаушыға беру қалыпты.",
            "ru": "Оцениваются только договоры не меньше этой суммы (50 млн тенге): небольшой договор с новым исполнителем — обычное дело.",
            "en": "Only agreements of at least this amount are judged (50 million tenge): a small agreement with a new performer is ordinary.",
        }),
        Threshold("max_age_days", 1095, {
            "kk": "Қол қою күні орындаушы осы күндер санынан аз уақыт бұрын тіркелген болса, ол жас саналады (үш жыл).",
            "ru": "Исполнитель считается молодым, если на дату подписания он зарегистрирован меньше этого числа дней (три года).",
            "en": "The performer counts as young when it had been registered for fewer days than this on the signing date (three years).",
        }),
        Threshold("min_record_days", 180, {
            "kk": "Тәжірибе ретінде орындаушының осы шарттан кемінде осынша күн бұрын басталған шарттары мен жобалары ғана есептеледі (бір жұмыстың бөліктері тәжірибе емес).",
            "ru": "Опытом считаются только договоры и проекты исполнителя, начатые хотя бы за столько дней до этого договора (части одной работы опытом не являются).",
            "en": "Only the performer's agreements and projects begun at least this many days before this agreement count as a track record (pieces of the same job are not one).",
        }),
    ),
    truth_codes=("performer_without_track_record",),
)


# -- NK-47 shell between the payer and the real performer --------------------------------------------


def _section(lang_index: int) -> pl.Expr:
    """The OKED section of ``_division`` named in the language at ``lang_index`` (1 kk, 2 ru, 3 en)."""
    expr = pl.lit(None, dtype=pl.Utf8)
    for first, last, *names in reversed(OKED_SECTIONS):
        expr = pl.when(pl.col("_division").is_between(first, last)).then(pl.lit(f"{names[0]} — {names[lang_index]}")).otherwise(expr)
    return expr


def _window_sums(query: pl.DataFrame, events: pl.DataFrame, name: str) -> pl.DataFrame:
    """For each ``agreement_id`` of ``query``: the sum of the ``amount`` of ``events`` of its ``_org``
    dated after ``_before`` and up to ``_until`` (cumulative sums read as of both days, as NK-17 reads them)."""
    daily = (
        events.group_by("_org", "_on").agg(pl.col("amount").fill_null(0).sum().alias("_day"))
        .sort("_org", "_on").with_columns(pl.col("_day").cum_sum().over("_org").alias("_cum"))
        .sort("_on").select("_org", "_on", "_cum")
    )

    def as_of(column: str) -> pl.DataFrame:
        keyed = query.select("agreement_id", "_org", pl.col(column).alias("_on")).sort("_on")
        return keyed.join_asof(daily, on="_on", by="_org", strategy="backward", check_sortedness=False).select("agreement_id", pl.col("_cum").fill_null(0))

    return as_of("_until").join(as_of("_before"), on="agreement_id", suffix="_start").select("agreement_id", (pl.col("_cum") - pl.col("_cum_start")).alias(name))


def _shell(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements whose performer passed nearly all the money it received in the window onward and does no research itself.

    For each agreement with a performer that is not an aggregator (NK-17 judges those): the
    performer's own agreements as payer (its onward agreements) and every agreement it received, each
    signed within ``window_days`` either side of this one's signing, are added up; when the onward
    ones reach ``min_pass_share`` of the received ones, the performer is a pass-through. It is a shell
    when it also does no research of its own on the signing date: its principal activity (OKED) is
    outside ``research_divisions``, it is not a research institute or university, and it held no
    science accreditation. A pass-through whose activity code is not recorded is not computable.
    """
    window, min_pass = int(params["window_days"]), float(params["min_pass_share"])
    research = divisions(params["research_divisions"])
    orgs = _orgs(frames)
    agreements = frames["agreements"]
    rows = with_bin(agreements, orgs, "payer_id", "payer_bin").join(
        orgs.select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), "kind", "oked", pl.lit(True).alias("_known")),
        on="performer_id", how="left",
    ).filter((pl.col("kind") != AGGREGATOR).fill_null(True))
    dated = rows.filter(pl.col("signed_on").is_not_null()).select(
        "agreement_id", pl.col("performer_id").alias("_org"), (pl.col("signed_on") - pl.duration(days=window + 1)).alias("_before"),
        (pl.col("signed_on") + pl.duration(days=window)).alias("_until"),
    )
    signed = agreements.filter(pl.col("signed_on").is_not_null() & pl.col("payer_id").is_not_null() & pl.col("performer_id").is_not_null())
    signed = signed.filter(pl.col("payer_id") != pl.col("performer_id"))
    received = _window_sums(dated, signed.select(pl.col("performer_id").alias("_org"), pl.col("signed_on").alias("_on"), "amount"), "incoming")
    onward = _window_sums(dated, signed.select(pl.col("payer_id").alias("_org"), pl.col("signed_on").alias("_on"), "amount"), "onward")
    rows = rows.join(received, on="agreement_id", how="left").join(onward, on="agreement_id", how="left")
    # Which onward agreements they are: read for the pass-throughs alone (few), not for every agreement.
    passing = rows.filter((pl.col("incoming") > 0) & (pl.col("onward").cast(pl.Float64) >= pl.col("incoming").cast(pl.Float64) * min_pass))
    named = (
        passing.select("agreement_id", pl.col("performer_id").alias("payer_id"), pl.col("signed_on").alias("_at"))
        .join(signed.select("payer_id", pl.col("performer_id").alias("_to"), pl.col("signed_on").alias("_on"), pl.col("number").alias("_number")), on="payer_id", how="inner")
        .filter((pl.col("_on") - pl.col("_at")).dt.total_days().abs() <= window)
        .join(orgs.select(pl.col("org_id").alias("_to"), pl.col("bin").alias("_to_bin")), on="_to", how="left")
        .sort("agreement_id", "_on", "_number")
        .group_by("agreement_id", maintain_order=True)
        .agg(
            pl.len().alias("onward_count"),
            pl.col("_to_bin").drop_nulls().unique(maintain_order=True).alias("onward_bins"),
            pl.col("_number").drop_nulls().unique(maintain_order=True).alias("onward_numbers"),
        )
    )
    rows = rows.join(named, on="agreement_id", how="left")
    accredited = _status_on(frames, rows, "performer_id", "signed_on", "science_accreditation", "agreement_id")
    rows = rows.with_columns(
        pl.col("incoming").fill_null(0), pl.col("onward").fill_null(0), pl.col("onward_count").fill_null(0).cast(pl.Int64),
        pl.col("oked").str.slice(0, 2).cast(pl.Int32, strict=False).alias("_division"),
    )
    passes = (pl.col("incoming") > 0) & (pl.col("onward").cast(pl.Float64) >= pl.col("incoming").cast(pl.Float64) * min_pass)
    research_kind = pl.col("kind").fill_null("").is_in(RESEARCH_KINDS)
    is_accredited = pl.col("agreement_id").is_in(accredited.implode())
    own_research = pl.col("_division").is_in(research).fill_null(False) | research_kind | is_accredited
    judged = judge(
        rows,
        [
            (pl.col("_known").is_null(), "performer_unknown"),
            (pl.col("signed_on").is_null(), "no_signing_date"),
            (pl.col("amount").is_null(), "no_amount"),
            (passes & pl.col("_division").is_null() & ~research_kind & ~is_accredited, "no_activity_code"),
        ],
        passes & ~own_research,
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), window_days=pl.lit(window),
            incoming_tiyn=pl.col("incoming"), onward_tiyn=pl.col("onward"), onward_pct=pct(pl.col("onward") / pl.col("incoming")),
            threshold_pct=pl.lit(min_pass * 100.0), retained_tiyn=(pl.col("incoming") - pl.col("onward")).clip(lower_bound=0),
            onward_count=pl.col("onward_count"), onward_bins=pl.col("onward_bins"), onward_numbers=pl.col("onward_numbers"),
            oked=pl.col("oked"), **{f"activity_{lang}": _section(i + 1) for i, lang in enumerate(LANGUAGES)},
        ),
        amount=pl.col("amount"),
    )


NK47 = Indicator(
    code="NK-47",
    version=1,
    subject_type="agreement",
    weight=55,
    title={
        "kk": "Төлеуші мен нақты орындаушы арасындағы делдал-қабықша",
        "ru": "Посредник-прокладка между плательщиком и настоящим исполнителем",
        "en": "Shell intermediary between the payer and the real performer",
    },
    rationale={
        "kk": "Өзі зерттеу жүргізбейтін компания (негізгі қызметі ғылыми емес, ғылыми аккредиттеуі жоқ) алған ақшаның барлығын дерлік қысқа мерзімде басқа орындаушыларға берсе, ол төлеуші мен жұмысты нақты орындайтын ұйымның арасына қойылған қабықша: ол өз үлесін алады, ал нақты орындаушыны және оның төлеушімен байланысын жасырады. Агрегатордан (NK-17) айырмашылығы: агрегатор — белгіленген делдал, оған ақшаны әрі қарай беру міндет; мұнда делдал болмауы тиіс компания делдал болып шығады.",
        "ru": "Компания, которая сама исследований не ведёт (основная деятельность не научная, научной аккредитации нет) и за короткий срок передаёт почти все полученные деньги другим исполнителям, — прокладка между плательщиком и тем, кто действительно выполняет работу: она берёт свою долю и скрывает настоящего исполнителя и его связь с плательщиком. В отличие от агрегатора (NK-17), назначенного посредника, обязанного передавать деньги дальше, здесь посредником оказывается компания, которой им быть не положено.",
        "en": "A company that does no research itself (its principal activity is not research, it holds no science accreditation) and within a short time passes nearly all the money it received to other performers is a shell between the payer and whoever really does the work: it takes its cut and hides the real performer and its ties to the payer. Unlike an aggregator (NK-17), a designated intermediary that must pass money on, here a company that should not be an intermediary turns out to be one.",
    },
    legal_basis={
        "kk": "Аудиторлық негіздеме: Энергетика министрлігі 2026 жылдан бастап төлемдерді республикалық бюджетке (БСК 401103) аударуды ақшаның «үшінші құрылымдар» мен делдалдар арқылы өтуімен түсіндірді (Энергетика министрі мен Ғылым және жоғары білім министрінің 2025 жылғы 17 желтоқсандағы № 490-н/қ және № 574 бірлескен бұйрығы). Экономикалық қызмет түрлерінің жалпы жіктеуіші (ЭҚЖЖ): 72-бөлім — ғылыми зерттеулер мен әзірлемелер. Үлес пен мерзім шектері аудит тәжірибесі бойынша белгіленген; қызметкерлер саны туралы деректер жүйеде жоқ.",
        "ru": "Аудиторское обоснование: Министерство энергетики объяснило перевод платежей в республиканский бюджет с 2026 года (КБК 401103) движением денег через «третьи структуры» и посредников (совместный приказ Министра энергетики и Министра науки и высшего образования от 17.12.2025 № 490-н/қ и № 574). Общий классификатор видов экономической деятельности (ОКЭД): раздел 72 — научные исследования и разработки. Пороги доли и срока установлены по практике аудита; данных о численности работников в системе нет.",
        "en": "Audit rationale: the Ministry of Energy explained moving the payments to the republican budget from 2026 (KBK 401103) by money passing through \"third structures\" and intermediaries (joint order of the Minister of Energy and the Minister of Science and Higher Education of 17.12.2025 No 490-н/қ and No 574). General classifier of economic activities (OKED): division 72 — scientific research and development. The share and window thresholds are set by audit practice; the system holds no headcount data.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}): оған дейінгі және кейінгі {window_days} күн ішінде орындаушы {incoming_tiyn} алып, келесі шарттар ({onward_count}: {onward_numbers}) бойынша {onward_bins} ұйымдарына {onward_tiyn} берген — {onward_pct} (шегі {threshold_pct}; өзінде қалғаны {retained_tiyn}); өзі зерттеу жүргізбейді: ЭҚЖЖ {oked} — {activity_kk}, ғылыми аккредиттеуі жоқ.",
        "ru": "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin}: за {window_days} дн. до и после него исполнитель получил {incoming_tiyn} и передал {onward_tiyn} по дальнейшим договорам ({onward_count}: {onward_numbers}) организациям {onward_bins} — {onward_pct} (порог {threshold_pct}; осталось у него {retained_tiyn}); сам исследований не ведёт: ОКЭД {oked} — {activity_ru}, научной аккредитации нет.",
        "en": "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin}: within {window_days} days either side of it the performer received {incoming_tiyn} and passed {onward_tiyn} on under onward agreements ({onward_count}: {onward_numbers}) to {onward_bins} — {onward_pct} (threshold {threshold_pct}; it kept {retained_tiyn}); it does no research itself: OKED {oked} is {activity_en}, and it holds no science accreditation.",
    },
    needs=("agreements", "organisations", "attributes"),
    evaluate=_shell,
    thresholds=(
        Threshold("min_pass_share", 0.9, {
            "kk": "Орындаушы кезең ішінде алған ақшасының кемінде осы үлесін келесі шарттар бойынша әрі қарай берсе, ол делдал саналады.",
            "ru": "Исполнитель считается посредником, если передал по дальнейшим договорам не меньше этой доли денег, полученных им в пределах окна.",
            "en": "The performer counts as a pass-through when its onward agreements reach at least this share of what it received within the window.",
        }),
        Threshold("window_days", 90, {
            "kk": "Шартқа қол қойылған күнге дейінгі және кейінгі күндер саны: осы аралықта орындаушының алған және әрі қарай берген шарттары қосылады.",
            "ru": "Число дней до и после подписания договора, в пределах которых складываются договоры, полученные исполнителем и заключённые им дальше.",
            "en": "Days either side of the agreement's signing within which the agreements the performer received and the onward agreements it signed are added up.",
        }),
        Threshold("research_divisions", "71-72,85", {
            "kk": "Ғылыми немесе ғылымға жақын саналатын ЭҚЖЖ бөлімдері (екі цифр, ауқымдар қоса алғанда): инженерлік қызмет пен техникалық сынақтар, ғылыми зерттеулер мен әзірлемелер, білім беру.",
            "ru": "Разделы ОКЭД, которые считаются научными или близкими к науке (две цифры, диапазоны включительно): инженерная деятельность и технические испытания, научные исследования и разработки, образование.",
            "en": "OKED divisions that count as research or close to it (two digits, ranges inclusive): engineering and technical testing, scientific research and development, education.",
        }),
    ),
    truth_codes=("shell_intermediary",),
)

INDICATORS: tuple[Indicator, ...] = (NK44, NK45, NK46, NK47)
