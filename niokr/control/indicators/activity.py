"""NK-22: a performer whose principal activity is not research, paid for R&D without science accreditation.

Eligibility by status alone lets a trading house with a supplier status be paid for "research"
reagents. An auditor also looks at what the performer does: its principal activity in the registry
(the OKED code, ОКЭД — the national classifier of economic activities, built on NACE Rev. 2). A
performer whose principal activity is trade, finance, real estate, catering, security or another
section that has nothing to do with research, and that holds no science accreditation on the
payment date, is flagged. Division 72 is scientific research and development.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators.base import Frames, Indicator, Threshold, outcome

__all__ = ["INDICATORS", "NK22", "OKED_SECTIONS", "divisions"]

#: The sections of OKED (as of NACE Rev. 2) by their divisions, named in each language.
OKED_SECTIONS: tuple[tuple[int, int, str, str, str, str], ...] = (
    (1, 3, "A", "ауыл, орман және балық шаруашылығы", "сельское, лесное и рыбное хозяйство", "agriculture, forestry and fishing"),
    (5, 9, "B", "тау-кен өндірісі", "горнодобывающая промышленность", "mining and quarrying"),
    (10, 33, "C", "өңдеу өнеркәсібі", "обрабатывающая промышленность", "manufacturing"),
    (35, 35, "D", "электрмен, газбен, бумен жабдықтау", "электроснабжение, подача газа и пара", "electricity, gas and steam supply"),
    (36, 39, "E", "сумен жабдықтау, қалдықтарды жою", "водоснабжение, удаление отходов", "water supply and waste management"),
    (41, 43, "F", "құрылыс", "строительство", "construction"),
    (45, 47, "G", "көтерме және бөлшек сауда", "оптовая и розничная торговля", "wholesale and retail trade"),
    (49, 53, "H", "көлік және қоймалау", "транспорт и складирование", "transport and storage"),
    (55, 56, "I", "тұру және тамақтандыру қызметтері", "услуги по проживанию и питанию", "accommodation and food services"),
    (58, 63, "J", "ақпарат және байланыс", "информация и связь", "information and communication"),
    (64, 66, "K", "қаржы және сақтандыру қызметі", "финансовая и страховая деятельность", "financial and insurance activities"),
    (68, 68, "L", "жылжымайтын мүлікпен операциялар", "операции с недвижимым имуществом", "real estate activities"),
    (69, 75, "M", "кәсіби, ғылыми және техникалық қызмет", "профессиональная, научная и техническая деятельность", "professional, scientific and technical activities"),
    (77, 82, "N", "әкімшілік және қосалқы қызмет көрсету", "административное и вспомогательное обслуживание", "administrative and support services"),
    (84, 84, "O", "мемлекеттік басқару", "государственное управление", "public administration"),
    (85, 85, "P", "білім беру", "образование", "education"),
    (86, 88, "Q", "денсаулық сақтау және әлеуметтік қызмет", "здравоохранение и социальные услуги", "health and social work"),
    (90, 93, "R", "өнер, ойын-сауық және демалыс", "искусство, развлечения и отдых", "arts, entertainment and recreation"),
    (94, 96, "S", "өзге де қызметтер", "предоставление прочих видов услуг", "other service activities"),
    (97, 98, "T", "үй шаруашылықтарының қызметі", "деятельность домашних хозяйств", "activities of households"),
    (99, 99, "U", "экстерриториялық ұйымдар", "экстерриториальные организации", "extraterritorial organisations"),
)
_LANGS = ("kk", "ru", "en")
_DATE = "%d.%m.%Y"

#: Divisions whose activity has nothing to do with research: construction (41–43), trade (45–47),
#: transport and storage (49–53), accommodation and catering (55–56), finance and insurance
#: (64–66), real estate (68), rental, employment, travel, security, cleaning and office services
#: (77–82), gambling, sport and amusement (92–93), personal services (96) and households (97–98).
NON_RESEARCH_DIVISIONS = "41-43,45-47,49-53,55-56,64-66,68,77-82,92-93,96-98"


def divisions(spec: str) -> list[int]:
    """The divisions a threshold lists, as "45-47,64-66,68" (ranges inclusive)."""
    out: set[int] = set()
    for part in str(spec).replace(" ", "").split(","):
        if not part:
            continue
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if not (1 <= first <= last <= 99):
            raise ValueError(f"not a range of OKED divisions (01–99): {part!r}")
        out.update(range(first, last + 1))
    return sorted(out)


def _section(lang: int) -> pl.Expr:
    """The name of the section of ``_division`` in the language at ``lang`` (1 kk, 2 ru, 3 en)."""
    expr = pl.lit(None, dtype=pl.Utf8)
    for first, last, *names in reversed(OKED_SECTIONS):
        expr = pl.when(pl.col("_division").is_between(first, last)).then(pl.lit(f"{names[0]} — {names[lang]}")).otherwise(expr)
    return expr


def _non_research(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to a performer whose principal activity is in a non-research division, not accredited on the date."""
    listed = divisions(params["non_research_divisions"])
    orgs = frames["organisations"].unique("org_id", keep="first").select(
        pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), pl.col("oked").fill_null("").str.strip_chars().alias("oked"),
    )
    pay = frames["payments"].select("payment_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "purpose")
    accredited = (
        pay.select("payment_id", "performer_id", "paid_on")
        .join(frames["attributes"].filter(pl.col("kind") == "science_accreditation"), left_on="performer_id", right_on="org_id", how="inner")
        .filter((pl.col("valid_from") <= pl.col("paid_on")) & (pl.col("valid_to").is_null() | (pl.col("paid_on") <= pl.col("valid_to"))))["payment_id"]
    )
    pay = pay.join(orgs, on="performer_id", how="left").with_columns(
        pl.col("oked").str.slice(0, 2).cast(pl.Int32, strict=False).alias("_division"),
    )
    reason = (
        pl.when(pl.col("performer_bin").is_null()).then(pl.lit("performer_unknown"))
        .when(pl.col("_division").is_null()).then(pl.lit("no_activity_code"))
        .when(pl.col("paid_on").is_null()).then(pl.lit("no_payment_date"))
    )
    flagged = pl.col("_division").is_in(listed) & ~pl.col("payment_id").is_in(accredited.implode())
    pay = pay.with_columns(reason.alias("reason")).with_columns(
        pl.when(pl.col("reason").is_not_null()).then(pl.lit("not_computable")).when(flagged).then(pl.lit("flagged")).otherwise(pl.lit("clear")).alias("status"),
    )
    hit = pay.filter(pl.col("status") == "flagged")
    evidence = pl.struct(
        "payment_id", "document_number", pl.col("paid_on").dt.strftime(_DATE).alias("paid_on"), pl.col("amount").alias("amount_tiyn"),
        "performer_bin", "oked", pl.col("_division").alias("division"), *[_section(i + 1).alias(f"activity_{lang}") for i, lang in enumerate(_LANGS)],
        pl.col("purpose").fill_null("").str.strip_chars().str.slice(0, 160).alias("purpose"),
        pl.lit(str(params["non_research_divisions"])).alias("non_research_divisions"),
    ).struct.json_encode()
    return outcome(pl.concat([
        pay.filter(pl.col("status") != "flagged").select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", "reason"),
        hit.select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", evidence.alias("evidence"), "amount"),
    ], how="diagonal_relaxed"))


NK22 = Indicator(
    code="NK-22",
    version=1,
    subject_type="payment",
    weight=70,
    title={
        "kk": "Орындаушының негізгі қызметі ғылыми емес",
        "ru": "Основная деятельность исполнителя — не научная",
        "en": "Performer's principal activity is not research",
    },
    rationale={
        "kk": "Мәртебе жеткіліксіз: негізгі қызметі сауда, қаржы, жылжымайтын мүлік, тамақтандыру немесе күзет болып табылатын және ғылыми аккредиттеуі жоқ ұйымға «ҒЗТКЖ» үшін төлем — зерттеу емес, тауар немесе қызмет сатып алу белгісі.",
        "ru": "Статуса недостаточно: платёж «за НИОКР» организации, чья основная деятельность — торговля, финансы, недвижимость, питание или охрана, и у которой нет научной аккредитации, — признак покупки товаров или услуг, а не исследований.",
        "en": "A status is not enough: a payment \"for R&D\" to an organisation whose principal activity is trade, finance, real estate, catering or security, and which holds no science accreditation, is the mark of buying goods or services rather than research.",
    },
    legal_basis={
        "kk": "Міндеттеме ғылыми-зерттеу, ғылыми-техникалық және тәжірибелік-конструкторлық жұмыстарға жұмсалады (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ; 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129, 178-баптар); Салық кодексі, 302-бап: аккредиттелген ғылыми ұйымдар. Экономикалық қызмет түрлерінің жалпы жіктеуіші (ЭҚЖЖ): 72-бөлім — ғылыми зерттеулер мен әзірлемелер. Бөлімдер тізімі аудит тәжірибесі бойынша белгіленген.",
        "ru": "Обязательство исполняется расходами на НИР, НТР и ОКР (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1; Кодекс от 27.12.2017 № 125-VI, ст. 129, 178); Налоговый кодекс, ст. 302: аккредитованные научные организации. Общий классификатор видов экономической деятельности (ОКЭД): раздел 72 — научные исследования и разработки. Перечень разделов установлен по практике аудита.",
        "en": "The obligation is met by spending on research, scientific-technical and experimental-design work (Law of 24.06.2010 No 291-IV, art. 76(12-1); Code of 27.12.2017 No 125-VI, art. 129, 178); Tax Code, art. 302: accredited science organisations. General classifier of economic activities (OKED): division 72 — scientific research and development. The list of divisions is set by audit practice.",
    },
    explanation={
        "kk": "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (орындаушы — {performer_bin}, мақсаты «{purpose}»): орындаушының негізгі қызметі ЭҚЖЖ {oked} бойынша — {activity_kk}, ғылыми емес, ал сол күні оның ғылыми аккредиттеуі болған жоқ.",
        "ru": "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} исполнителю {performer_bin} (назначение «{purpose}»): основная деятельность исполнителя по ОКЭД {oked} — {activity_ru}, не научная, а научной аккредитации на эту дату у него не было.",
        "en": "Payment {document_number} of {amount_tiyn} on {paid_on} to performer {performer_bin} (purpose «{purpose}»): the performer's principal activity by OKED {oked} is {activity_en}, not research, and it held no science accreditation on that date.",
    },
    needs=("payments", "organisations", "attributes"),
    evaluate=_non_research,
    thresholds=(
        Threshold(
            "non_research_divisions", NON_RESEARCH_DIVISIONS,
            {"kk": "Негізгі қызметі ғылыммен байланысты емес ЭҚЖЖ бөлімдері (екі цифр, ауқымдар қоса алғанда): құрылыс, сауда, көлік, тұру және тамақтану, қаржы және сақтандыру, жылжымайтын мүлік, әкімшілік және қосалқы қызметтер (жалға беру, жұмысқа орналастыру, туризм, күзет, тазалау), құмар ойындар мен спорт, жеке қызметтер, үй шаруашылықтары.", "ru": "Разделы ОКЭД (две цифры, диапазоны включительно), основная деятельность по которым не связана с наукой: строительство, торговля, транспорт, проживание и питание, финансы и страхование, недвижимость, административные и вспомогательные услуги (аренда, трудоустройство, туризм, охрана, уборка), азартные игры и спорт, персональные услуги, домашние хозяйства.", "en": "OKED divisions (two digits, ranges inclusive) whose principal activity has nothing to do with research: construction, trade, transport, accommodation and catering, finance and insurance, real estate, administrative and support services (rental, employment, travel, security, cleaning), gambling and sport, personal services, households."},
        ),
    ),
    truth_codes=("trade_or_finance_performer",),
)

INDICATORS: tuple[Indicator, ...] = (NK22,)
