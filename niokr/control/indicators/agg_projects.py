"""Agreements and the projects behind them: NK-16, NK-17, NK-18, NK-19 (NK-16 and NK-18 read programmes, stages, acts and results).

All four judge an agreement (``agreement``), so that the flag names the subsoil user who paid.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import day, evidence, finish, judge, labels, organisations, pct, with_bin
from niokr.control.indicators.base import Frames, Indicator, Threshold

__all__ = ["INDICATORS", "NK16", "NK17", "NK18", "NK19"]

AGGREGATOR = "aggregator"
COMPLETED = "completed"
#: Scale factor of the modified z-score: 0.6745 × (x − median) / MAD is a z-score for normal data.
MAD_TO_Z = 0.6745

#: The state of the stage acceptance act of a completed project, in each language.
ACCEPTANCE_LABELS = {
    "not_signed": {"kk": "соңғы кезеңді қабылдау актісіне қол қойылмаған", "ru": "акт приёмки последнего этапа не подписан", "en": "the final stage's acceptance act is not signed"},
    "not_recorded": {"kk": "кезеңді қабылдау актісі тіркелмеген", "ru": "акт приёмки этапа не зарегистрирован", "en": "no stage acceptance act is recorded"},
    "signed": {"kk": "соңғы кезеңді қабылдау актісіне қол қойылған", "ru": "акт приёмки последнего этапа подписан", "en": "the final stage's acceptance act is signed"},
}


def _agreements(frames: Frames) -> pl.DataFrame:
    """Agreements with the BINs of their payer and performer."""
    orgs = organisations(frames)
    return with_bin(with_bin(frames["agreements"], orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin").sort("agreement_id")


def _projects(frames: Frames) -> pl.DataFrame:
    """One row per project (the first, should an id repeat), marked as found."""
    return frames["projects"].unique("project_id", keep="first").with_columns(pl.lit(True).alias("project_found"))


# -- NK-16 agreement without project or approved programme ------------------------------------------

#: Why an agreement has no approved programme or technical assignment, in each language.
PROGRAMME_LABELS = {
    "no_project": {"kk": "шарт ешбір жобамен не техникалық тапсырмамен байланыстырылмаған", "ru": "договор не связан ни с проектом, ни с техническим заданием", "en": "the agreement is linked to no project or technical assignment"},
    "no_programme": {"kk": "жобаның ғылыми-техникалық кеңес мақұлдаған бағдарламасы не техникалық тапсырмасы жоқ", "ru": "у проекта нет программы или технического задания, одобренных научно-техническим советом", "en": "the project has no programme or technical assignment approved by a scientific-technical council"},
    "not_approved": {"kk": "жобаның бағдарламасын ғылыми-техникалық кеңес мақұлдамаған", "ru": "программа проекта не одобрена научно-техническим советом", "en": "the project's programme was not approved by a scientific-technical council"},
    "approved_late": {"kk": "жобаның бағдарламасы шартқа қол қойылғаннан кейін ғана мақұлданған", "ru": "программа проекта одобрена лишь после подписания договора", "en": "the project's programme was approved only after the agreement was signed"},
}
#: The programme's status, in each language (as the evidence names it).
PROGRAMME_STATUS_LABELS = {
    "draft": {"kk": "жоба", "ru": "черновик", "en": "draft"},
    "submitted": {"kk": "кеңеске ұсынылған", "ru": "подана в совет", "en": "submitted to the council"},
    "in_council": {"kk": "кеңестің күн тәртібінде", "ru": "в повестке совета", "en": "on the council's agenda"},
    "in_expertise": {"kk": "мемлекеттік сараптамада", "ru": "на государственной экспертизе", "en": "in state expertise"},
    "approved": {"kk": "мақұлданған", "ru": "одобрена", "en": "approved"},
    "rejected": {"kk": "қабылданбаған", "ru": "отклонена", "en": "rejected"},
    "withdrawn": {"kk": "кері қайтарылған", "ru": "отозвана", "en": "withdrawn"},
    "": {"kk": "тіркелмеген", "ru": "не зарегистрирована", "en": "not recorded"},
}


def _programmes(frames: Frames) -> pl.DataFrame:
    """One programme per project (the latest approved, else the latest), marked as found."""
    if not frames.has("programmes"):
        return pl.DataFrame(schema={"project_id": pl.Int64, "programme_reference": pl.Utf8, "programme_status": pl.Utf8, "approved_on": pl.Date, "programme_found": pl.Boolean})
    return (
        frames["programmes"].filter(pl.col("project_id").is_not_null())
        .sort(["project_id", "approved_on", "programme_id"], descending=[False, True, True], nulls_last=True)
        .unique("project_id", keep="first")
        .select("project_id", pl.col("reference").alias("programme_reference"), pl.col("status").alias("programme_status"), "approved_on", pl.lit(True).alias("programme_found"))
    )


def _no_project(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements without a project, or whose project has no programme the council approved in time.

    * No project (technical assignment): flagged from ``min_amount_tiyn``, or whatever the amount
      when the subject is blank as well — nothing at all describes the work (as version 1).
    * A project whose programme (or technical assignment) is recorded: flagged, whatever the
      amount, when no council decision approved it, or approved it more than ``approval_grace_days``
      after the agreement was signed.
    * A project with no programme recorded: flagged from ``min_amount_tiyn`` when the agreement was
      signed on or after ``programme_required_from``; before, the project alone suffices.
    """
    min_amount = int(params["min_amount_tiyn"])
    grace = int(params["approval_grace_days"])
    required_from = date.fromisoformat(str(params["programme_required_from"]))
    rows = _agreements(frames).join(_programmes(frames), on="project_id", how="left")
    blank = pl.col("subject").fill_null("").str.strip_chars() == ""
    no_project = pl.col("project_id").is_null()
    found = pl.col("programme_found").fill_null(False)
    material = pl.col("amount") >= min_amount
    not_approved = ~no_project & found & pl.col("approved_on").is_null()
    late = ~no_project & found & (pl.col("approved_on") > pl.col("signed_on") + pl.duration(days=grace))
    missing = ~no_project & ~found & (pl.col("signed_on") >= pl.lit(required_from)) & material & pl.lit(frames.has("programmes"))
    state = (
        pl.when(no_project).then(pl.lit("no_project")).when(not_approved).then(pl.lit("not_approved"))
        .when(late).then(pl.lit("approved_late")).otherwise(pl.lit("no_programme"))
    )
    judged = judge(
        rows,
        [(no_project & ~blank & pl.col("amount").is_null(), "no_amount")],
        (no_project & (material | blank)) | not_approved | late | missing,
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"),
            subject=pl.col("subject").fill_null("").str.strip_chars().str.slice(0, 160), min_amount_tiyn=pl.lit(min_amount),
            programme_reference=pl.col("programme_reference").fill_null(""), approved_on=day(pl.col("approved_on")),
            programme_gap=state, **labels(state, PROGRAMME_LABELS, "programme_gap"),
            **labels(pl.col("programme_status").fill_null(""), PROGRAMME_STATUS_LABELS, "programme_status"),
        ),
        amount=pl.col("amount"),
    )


NK16 = Indicator(
    code="NK-16",
    version=2,
    subject_type="agreement",
    weight=35,
    title={
        "kk": "Жобасы немесе мақұлданған бағдарламасы (техникалық тапсырмасы) жоқ шарт",
        "ru": "Договор без проекта или одобренной программы (технического задания)",
        "en": "Agreement without a project or an approved programme (technical assignment)",
    },
    rationale={
        "kk": "Сатып алынған ҒЗТКЖ қол қойылған техникалық тапсырма және кезеңдерді қабылдау актілері болғанда ғана танылады, ал бағдарламаны немесе техникалық тапсырманы министрліктің ғылыми-техникалық кеңесі мақұлдайды; ешбір жобаға сілтемесі жоқ шарт немесе кеңес мақұлдамаған (не шарттан кейін ғана мақұлдаған) бағдарлама бойынша шарт аудиторға жұмысты салыстыратын ештеңе бермейді.",
        "ru": "Приобретённые НИОКР признаются только при подписанном техническом задании и актах приёмки этапов, а программу или техническое задание одобряет научно-технический совет министерства; договор, не называющий проекта, или договор по программе, которую совет не одобрил (или одобрил лишь после договора), не даёт аудитору ничего, с чем сверить работу.",
        "en": "Bought-in R&D is recognised only with a signed technical assignment and stage acceptance acts, and a ministry's scientific-technical council approves the programme or technical assignment; an agreement that names no project, or one under a programme the council did not approve (or approved only after the agreement), gives an auditor nothing to check the work against.",
    },
    legal_basis={
        "kk": "Салық кодексі (2024 жылғы өзгерістер; 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі, 302-бап): сатып алынған ҒЗТКЖ шығыстарын шегеру үшін қол қойылған техникалық тапсырмалар мен аяқталған әр кезеңді қабылдау актілері қажет. Шарт нысанасының мәтіні техникалық тапсырманы алмастырмайды; сома шегі аудит тәжірибесі бойынша белгіленген. 2023 жылдан бастап көмірсутек пен уран бойынша, 2026 жылдан бастап барлық режимдер бойынша ҒЗТКЖ бағдарламаларын министрліктердің ғылыми-техникалық кеңестері мақұлдайды («Ғылым және технологиялық саясат туралы» Заңның 7-бабының 3-тармағы; ҒЖБМ-нің V2400035287 үлгілік ережесі).",
        "ru": "Налоговый кодекс (изменения 2024 года; Налоговый кодекс от 18.07.2025 № 214-VIII, ст. 302): для вычета расходов на приобретённые НИОКР нужны подписанные технические задания и акты приёмки каждого завершённого этапа. Текст предмета договора не заменяет технического задания; порог суммы установлен по практике аудита. С 2023 года по углеводородам и урану, с 2026 года по всем режимам программы НИОКР одобряют научно-технические советы министерств (Закон «О науке и технологической политике», ст. 7 п. 3; Типовое положение МНВО V2400035287).",
        "en": "Tax Code (2024 amendments; Tax Code of 18.07.2025 No 214-VIII, art. 302): deducting bought-in R&D needs signed technical assignments and acceptance acts for each completed stage. The agreement's subject text does not replace a technical assignment; the amount threshold is set by audit practice. R&D programmes are approved by the ministries' scientific-technical councils, for hydrocarbons and uranium from 2023 and under every regime from 2026 (Law on Science and Technology Policy, art. 7(3); MSHE Model Regulation V2400035287).",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}): {programme_gap_kk} (бағдарлама {programme_reference}: {programme_status_kk}, мақұлданған күні {approved_on}; шарт нысанасы: «{subject}»; сома шегі {min_amount_tiyn}).",
        "ru": "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin}: {programme_gap_ru} (программа {programme_reference}: {programme_status_ru}, дата одобрения {approved_on}; предмет: «{subject}»; порог суммы {min_amount_tiyn}).",
        "en": "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin}: {programme_gap_en} (programme {programme_reference}: {programme_status_en}, approved on {approved_on}; subject: «{subject}»; amount threshold {min_amount_tiyn}).",
    },
    needs=("agreements",),  # programmes are read where supplied
    evaluate=_no_project,
    thresholds=(
        Threshold("min_amount_tiyn", 1_000_000_000, {"kk": "Жобасыз шарттарға осы сомадан бастап тәуекел белгісі қойылады, шағын шарттар елеулілерін көмескілемеуі үшін. Нысанасы да көрсетілмеген шартқа сомасына қарамастан белгі қойылады.", "ru": "Договоры без проекта получают флаг начиная с этой суммы, чтобы мелкие договоры не заслоняли существенные. Договор, у которого не указан и предмет, получает флаг при любой сумме.", "en": "Agreements without a project are flagged from this amount, so that small agreements do not bury the material ones. An agreement whose subject is also blank is flagged whatever its amount."}),
        Threshold("programme_required_from", "2026-01-01", {"kk": "Осы күннен бастап қол қойылған шарттың жобасында ғылыми-техникалық кеңес мақұлдаған бағдарлама тіркелуі тиіс (2026 жылдан бастап барлық режимдер бойынша жобаларды кеңестер шешеді); бұрынғы шарттар үшін жобаның өзі жеткілікті.", "ru": "С этой даты у проекта подписанного договора должна быть записана программа, одобренная научно-техническим советом (с 2026 года проекты по всем режимам решают советы); для более ранних договоров достаточно самого проекта.", "en": "Agreements signed from this date need a programme approved by a scientific-technical council recorded for their project (from 2026 councils decide the projects under every regime); for earlier agreements the project alone suffices."}),
        Threshold("approval_grace_days", 0, {"kk": "Бағдарлама шартқа қол қойылғаннан кейін тәуекел белгісінсіз мақұлдануы мүмкін күндер саны.", "ru": "Сколько дней после подписания договора программа может быть одобрена без флага.", "en": "Days after the agreement's signing within which the programme may be approved without a flag."}),
    ),
    truth_codes=("agreement_without_programme",),
)


# -- NK-17 money parked at an aggregator -----------------------------------------------------------


def _parked(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements placing money with an aggregator that passed on too little of it within a window.

    Onward agreements are the aggregator's own agreements (the aggregator as payer) signed from the
    incoming agreement's date to ``window_days`` later; an aggregator pools many payers' money, so
    every onward agreement in the window counts for each incoming one — the test is lenient and
    flags only money that visibly went nowhere. An aggregator that has never reported a single
    agreement of its own is not seen passing money on at all: its onward contracting is missing
    from the data rather than shown to be absent, so its agreements are not computable
    (``no_onward_reports``).
    """
    window, min_share = int(params["window_days"]), float(params["min_onward_share"])
    orgs = organisations(frames)
    aggregators = orgs.filter(pl.col("kind") == AGGREGATOR).select(pl.col("org_id").alias("aggregator_id"), pl.col("bin").alias("aggregator_bin"))
    rows = _agreements(frames).join(aggregators, left_on="performer_id", right_on="aggregator_id", how="inner")
    daily = (
        frames["agreements"].join(aggregators.select("aggregator_id"), left_on="payer_id", right_on="aggregator_id", how="semi")
        .filter(pl.col("signed_on").is_not_null())
        .group_by(pl.col("payer_id").alias("aggregator_id"), "signed_on")
        .agg(pl.col("amount").fill_null(0).sum().alias("day_amount"), pl.len().alias("day_count"))
        .sort("aggregator_id", "signed_on")
        .with_columns(
            pl.col("day_amount").cum_sum().over("aggregator_id").alias("cum_amount"),
            pl.col("day_count").cum_sum().over("aggregator_id").cast(pl.Int64).alias("cum_count"),
        )
        .sort("signed_on")
        .select("aggregator_id", pl.col("signed_on").alias("on"), "cum_amount", "cum_count")
    )
    reporting = daily.select("aggregator_id").unique().with_columns(pl.lit(True).alias("reports_onward"))
    rows = rows.with_columns(pl.col("performer_id").alias("aggregator_id"), (pl.col("signed_on") + pl.duration(days=window)).alias("window_end"))
    rows = rows.join(reporting, on="aggregator_id", how="left")

    def cumulative(at: pl.Expr, suffix: str) -> pl.DataFrame:
        """Cumulative onward amount and count of each row's aggregator up to the date ``at``."""
        keyed = rows.select("agreement_id", "aggregator_id", at.alias("on")).filter(pl.col("on").is_not_null()).sort("on")
        found = keyed.join_asof(daily, on="on", by="aggregator_id", strategy="backward", check_sortedness=False)  # both sorted by "on" above
        return found.select("agreement_id", pl.col("cum_amount").fill_null(0).alias(f"amount_{suffix}"), pl.col("cum_count").fill_null(0).alias(f"count_{suffix}"))

    rows = (
        rows.join(cumulative(pl.col("window_end"), "end"), on="agreement_id", how="left")
        .join(cumulative(pl.col("signed_on") - pl.duration(days=1), "start"), on="agreement_id", how="left")
        .with_columns(
            (pl.col("amount_end") - pl.col("amount_start")).fill_null(0).alias("onward"),
            (pl.col("count_end") - pl.col("count_start")).fill_null(0).alias("onward_count"),
        )
        .sort("agreement_id")
    )
    short = pl.col("onward") < pl.col("amount").cast(pl.Float64) * min_share
    closed = pl.col("window_end") < pl.lit(frames.as_of)
    judged = judge(
        rows,
        [
            (pl.col("signed_on").is_null(), "no_signing_date"),
            (pl.col("amount").is_null(), "no_amount"),
            (pl.col("reports_onward").is_null(), "no_onward_reports"),
            (short & ~closed, "window_open"),
        ],
        short & closed,
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), aggregator_bin=pl.col("aggregator_bin"), window_days=pl.lit(window), window_end=day(pl.col("window_end")),
            onward_count=pl.col("onward_count"), onward_tiyn=pl.col("onward"), onward_pct=pct(pl.col("onward") / pl.col("amount")),
            threshold_pct=pl.lit(min_share * 100.0),
        ),
        amount=(pl.col("amount") - pl.col("onward")).clip(lower_bound=0),
    )


NK17 = Indicator(
    code="NK-17",
    version=1,
    subject_type="agreement",
    weight=60,
    title={
        "kk": "Қаражат агрегаторда тұрып қалған",
        "ru": "Деньги осели у агрегатора",
        "en": "Money parked at an aggregator",
    },
    rationale={
        "kk": "Агрегатор (инновациялық кластер қоры, салалық институт) — делдал: ол алған қаражат оның өз жобалық шарттары арқылы орындаушыларға жетуі тиіс; бір жыл ішінде мұндай шарттар болмаса, қаражат тұрып қалған және ҒЗТКЖ жүргізілмейді.",
        "ru": "Агрегатор (фонд инновационного кластера, отраслевой институт) — посредник: полученные им деньги должны дойти до исполнителей через его собственные проектные договоры; если за год их нет, деньги осели, а НИОКР не ведутся.",
        "en": "An aggregator (an innovation cluster fund, a sector institute) is an intermediary: the money it receives should reach performers through its own project agreements; without them within a year the money is parked and no R&D is being done.",
    },
    legal_basis={
        "kk": "«Astana Hub» инновациялық кластері туралы 2014 жылғы 10 маусымдағы № 207-V Заң және Мемлекеттік ғылыми-техникалық сараптама ұлттық орталығы атаған 1 %-дың агрегаторлары (Инновациялық технологиялар паркі — Tech Garden, KING). 2025–2026 жылдардағы реформа төлемдерді бюджетке бұрды, себебі делдалдар арқылы көп сатылы бөлу кешігу мен ашық еместікке әкелді. Мерзім мен әрі қарай берілетін үлес аудит тәжірибесі бойынша белгіленген.",
        "ru": "Закон от 10.06.2014 № 207-V об инновационном кластере «Astana Hub» и агрегаторы 1 %, названные НЦГНТЭ (ПИТ Tech Garden, KING). Реформа 2025–2026 годов перевела платежи в бюджет, потому что многоступенчатое распределение через посредников вело к задержкам и непрозрачности. Окно и доля передачи установлены по практике аудита.",
        "en": "Law of 10.06.2014 No 207-V on the Astana Hub innovation cluster and the aggregators of the 1 % named by NCSTE (PIT Tech Garden, KING). The 2025–2026 reform moved the payments to the budget because multi-step distribution through intermediaries caused delays and opacity. The window and the onward share are set by audit practice.",
    },
    explanation={
        "kk": "{signed_on} күнгі {agreement_number} шарты: жер қойнауын пайдаланушы {payer_bin} агрегатор {aggregator_bin} ұйымына {amount_tiyn} бөлген; {window_days} күн ішінде (мерзімнің соңы — {window_end}) агрегатор жасасқан келесі шарттар: саны {onward_count}, сомасы {onward_tiyn} (соманың {onward_pct}, талап етілетіні кемінде {threshold_pct}).",
        "ru": "Договор {agreement_number} от {signed_on}: недропользователь {payer_bin} передал агрегатору {aggregator_bin} {amount_tiyn}; за {window_days} дн., до {window_end}, агрегатор заключил дальнейших договоров: {onward_count} на {onward_tiyn} ({onward_pct} суммы при требуемых не менее {threshold_pct}).",
        "en": "Agreement {agreement_number} of {signed_on}: subsoil user {payer_bin} committed {amount_tiyn} to aggregator {aggregator_bin}; within {window_days} days, by {window_end}, the aggregator signed onward agreements: {onward_count}, for {onward_tiyn} ({onward_pct} of the amount, at least {threshold_pct} expected).",
    },
    needs=("agreements", "organisations"),
    evaluate=_parked,
    thresholds=(
        Threshold("window_days", 365, {"kk": "Кіріс шартқа қол қойылғаннан кейінгі күндер саны, осы уақытта агрегатордың келесі шарттары есепке алынады; кезең жабылғанға дейін тапшылық бағаланбайды (кезең ашық).", "ru": "Число дней после подписания входящего договора, в течение которых учитываются дальнейшие договоры агрегатора; пока окно не закрылось, недостача не оценивается (окно открыто).", "en": "Days after the incoming agreement's signing within which the aggregator's onward agreements count; until the window closes a shortfall is not judged (the window is open)."}),
        Threshold("min_onward_share", 0.50, {"kk": "Агрегатордың кезең ішіндегі келесі шарттары кіріс шарттың осы үлесінен аз болса, тәуекел белгісі қойылады.", "ru": "Флаг ставится, если дальнейшие договоры агрегатора в пределах окна составляют меньше этой доли входящего договора.", "en": "Flag when the aggregator's onward agreements in the window amount to less than this share of the incoming agreement."}),
    ),
)


# -- NK-18 completed project without result --------------------------------------------------------


#: What a completed project left as a result, in each language.
RESULT_LABELS = {
    "none": {"kk": "ешбір нәтиже тіркелмеген және ТДД бастапқы деңгейден өспеген", "ru": "не записано ни одного результата, и УГТ не вырос выше начального", "en": "no result is recorded and the TRL did not rise above the start"},
    "results": {"kk": "нәтижелер тіркелген", "ru": "результаты записаны", "en": "results are recorded"},
    "trl": {"kk": "ТДД бастапқы деңгейден өскен", "ru": "УГТ вырос выше начального", "en": "the TRL rose above the start"},
}


def _delivery(frames: Frames) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per agreement: its calendar plan (stages, the final stage, whether an act accepted it); per project: its results."""
    plan_schema = {"agreement_id": pl.Int64, "stages": pl.UInt32, "final_stage": pl.Int32, "final_accepted": pl.Boolean}
    if frames.has("stages") and frames.has("acts"):
        stages = frames["stages"]
        accepted = frames["acts"].filter(pl.col("signed_on") <= pl.lit(frames.as_of)).select("stage_id").unique().with_columns(pl.lit(True).alias("accepted"))
        final = stages.sort(["agreement_id", "number", "stage_id"]).group_by("agreement_id").agg(
            pl.len().alias("stages"), pl.col("number").last().alias("final_stage"), pl.col("stage_id").last().alias("final_stage_id"),
        ).join(accepted.rename({"stage_id": "final_stage_id"}), on="final_stage_id", how="left")
        plan = final.select("agreement_id", "stages", "final_stage", pl.col("accepted").fill_null(False).alias("final_accepted")).cast(plan_schema)
    else:
        plan = pl.DataFrame(schema=plan_schema)
    results_schema = {"project_id": pl.Int64, "results": pl.UInt32}
    if frames.has("results"):
        results = frames["results"].filter(pl.col("status") != "rejected").group_by("project_id").agg(pl.len().alias("results")).cast(results_schema)
    else:
        results = pl.DataFrame(schema=results_schema)
    return plan, results


def _no_result(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements funding a project completed before ``as_of`` with no accepted final act or no result.

    Two parts, each judged when its data is recorded:

    * *delivery* — the agreement's calendar plan: its final stage has no acceptance act (an
      agreement with no stage recorded falls back on the project's acceptance flag, where recorded);
    * *result* — the project has no result recorded (results rejected do not count) and its TRL did
      not rise above the starting level. Judged when the project records results or a starting
      TRL, or its agreement a calendar plan; a project with none of them is not computable
      (``nothing_recorded``).
    """
    plan, results = _delivery(frames)
    rows = _agreements(frames).filter(pl.col("project_id").is_not_null()).join(
        _projects(frames).select("project_id", "project_found", "code", "trl_start", "trl_target", "trl_reached", "end_date", "status", "acceptance_act"),
        on="project_id", how="left",
    ).join(plan, on="agreement_id", how="left").join(results, on="project_id", how="left")
    found = pl.col("project_found").fill_null(False)
    ended = (pl.col("end_date") < pl.lit(frames.as_of)) & (pl.col("status") == COMPLETED)
    rows = rows.filter(~found | ended.fill_null(False)).with_columns(pl.col("results").fill_null(0), pl.col("stages").fill_null(0))
    has_plan = pl.col("stages") > 0
    no_act = pl.when(has_plan).then(~pl.col("final_accepted")).otherwise(~pl.col("acceptance_act"))  # null: not recorded, not judged
    trl_rose = pl.col("trl_start").is_not_null() & pl.col("trl_reached").is_not_null() & (pl.col("trl_reached") > pl.col("trl_start"))
    result_judged = (pl.col("results") > 0) | pl.col("trl_start").is_not_null() | has_plan
    no_result = result_judged & (pl.col("results") == 0) & ~trl_rose
    acceptance = (
        pl.when(has_plan & pl.col("final_accepted")).then(pl.lit("signed")).when(has_plan).then(pl.lit("not_signed"))
        .when(pl.col("acceptance_act").is_null()).then(pl.lit("not_recorded")).when(~pl.col("acceptance_act")).then(pl.lit("not_signed")).otherwise(pl.lit("signed"))
    )
    result_state = pl.when(pl.col("results") > 0).then(pl.lit("results")).when(trl_rose).then(pl.lit("trl")).otherwise(pl.lit("none"))
    judged = judge(
        rows,
        [
            (~found, "no_project_record"),
            (~result_judged & pl.col("acceptance_act").is_null(), "nothing_recorded"),
        ],
        no_act | no_result,
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), amount_tiyn=pl.col("amount"), payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"),
            project_id=pl.col("project_id"), project_code=pl.coalesce(pl.col("code"), pl.concat_str([pl.lit("#"), pl.col("project_id").cast(pl.Utf8)])),
            project_end=day(pl.col("end_date")),
            trl_start=pl.col("trl_start"), trl_target=pl.col("trl_target"), trl_reached=pl.col("trl_reached"),
            stages_count=pl.col("stages").cast(pl.Int64), final_stage=pl.col("final_stage"), results_count=pl.col("results").cast(pl.Int64),
            acceptance_act=pl.col("acceptance_act"), **labels(acceptance, ACCEPTANCE_LABELS, "acceptance"),
            result_state=result_state, **labels(result_state, RESULT_LABELS, "result_state"),
        ),
        amount=pl.col("amount"),
    )


NK18 = Indicator(
    code="NK-18",
    version=2,
    subject_type="agreement",
    weight=40,
    title={
        "kk": "Нәтижесіз аяқталған жоба",
        "ru": "Завершённый проект без результата",
        "en": "Completed project without result",
    },
    rationale={
        "kk": "Аяқталған деп белгіленген жобадан күнтізбелік жоспардың соңғы кезеңін қабылдау актісі және нәтиже — тіркелген нәтиже (патент, жарияланым, енгізу, табыс, ТДД) немесе жоғарырақ технологиялық дайындық деңгейі — қалуы тиіс; олардың бірі болмаса, оның шарттары бойынша төленген қаражат дәлелденетін зерттеу нәтижесін бермеуі мүмкін.",
        "ru": "Проект, отмеченный как завершённый, должен оставить акт приёмки последнего этапа календарного плана и результат — записанный результат (патент, публикацию, внедрение, доход, УГТ) или более высокий уровень готовности технологии; если чего-то из этого нет, деньги по его договорам могли не дать доказуемого результата исследований.",
        "en": "A project marked completed should leave an acceptance act for the final stage of its calendar plan and a result — a recorded result (patent, publication, implementation, revenue, TRL) or a higher technology readiness level; without either, the money paid under its agreements may have bought no demonstrable research result.",
    },
    legal_basis={
        "kk": "Сатып алынған ҒЗТКЖ-ға қойылатын салықтық дәлелдер: аяқталған әр кезеңді қабылдау актілері (2024 жылғы Салық кодексіне өзгерістер; 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі); ТДД ҒЖБМ-нің 2025 жылғы 10 қаңтардағы № 8 бұйрығымен бекітілген Әдістемеге сәйкес (НМ 2025 жылғы 13 қаңтарда № 35634 тіркелген). Тіркелмеген қабылдау актісі жобаға қарсы есептелмейді.",
        "ru": "Налоговые требования к доказательствам приобретённых НИОКР: акты приёмки каждого завершённого этапа (изменения Налогового кодекса 2024 года; Налоговый кодекс от 18.07.2025 № 214-VIII); УГТ — по Методике, утверждённой приказом МНВО от 10.01.2025 № 8 (МЮ 13.01.2025 № 35634). Незарегистрированный акт приёмки не засчитывается против проекта.",
        "en": "Tax evidence for bought-in R&D: acceptance acts for each completed stage (Tax Code amendments of 2024; Tax Code of 18.07.2025 No 214-VIII); TRL under the Methodology approved by MSHE order of 10.01.2025 No 8 (MoJ 13.01.2025 No 35634). An acceptance act that is not recorded is not counted against the project.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {agreement_number} шарты ({amount_tiyn}) {project_code} жобаны қаржыландырады, жоба {project_end} аяқталған: {acceptance_kk} (кезеңдер {stages_count}, соңғысы {final_stage}); {result_state_kk} (нәтижелер {results_count}; ТДД бастапқы {trl_start}, мақсатты {trl_target}, қол жеткізілгені {trl_reached}).",
        "ru": "Договор {agreement_number} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} финансирует проект {project_code}, завершённый {project_end}: {acceptance_ru} (этапов {stages_count}, последний — {final_stage}); {result_state_ru} (результатов {results_count}; УГТ начальный {trl_start}, целевой {trl_target}, достигнутый {trl_reached}).",
        "en": "Agreement {agreement_number} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} funds project {project_code}, completed on {project_end}: {acceptance_en} (stages {stages_count}, the final one {final_stage}); {result_state_en} (results {results_count}; TRL at the start {trl_start}, target {trl_target}, reached {trl_reached}).",
    },
    needs=("agreements", "projects"),  # stages, acts and results are read where supplied
    evaluate=_no_result,
    truth_codes=("completed_without_delivery",),
)


# -- NK-19 price outlier ---------------------------------------------------------------------------

#: TRL bands of the EU scale: research (1–3), development (4–6), demonstration (7–9).
TRL_BANDS = ((3, "1–3"), (6, "4–6"), (9, "7–9"))


def _text_or_null(column: str) -> pl.Expr:
    """A text column with blank values as null."""
    return pl.when(pl.col(column).str.strip_chars() != "").then(pl.col(column))


def _price_outlier(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements priced far above their peers: same priority direction and TRL band of the project.

    The modified z-score of the log amount against the peer group's median and median absolute
    deviation (Iglewicz and Hoaglin) is not pulled by the outliers it looks for; prices are skewed,
    so the log scale. Only the high side fires: an overpriced agreement is the risk. What is at
    stake is the amount above the fence, the highest price the peer group still calls usual.
    """
    z_limit, min_peers = float(params["z_limit"]), int(params["min_peers"])
    rows = _agreements(frames).join(
        _projects(frames).select("project_id", "project_found", pl.col("priority_direction").alias("project_direction"), "trl_start"), on="project_id", how="left",
    )
    band = pl.when(pl.col("trl_start") <= TRL_BANDS[0][0]).then(pl.lit(TRL_BANDS[0][1]))
    for top, name in TRL_BANDS[1:]:
        band = band.when(pl.col("trl_start") <= top).then(pl.lit(name))
    rows = rows.with_columns(
        pl.coalesce(_text_or_null("project_direction"), _text_or_null("priority_direction")).alias("direction"),
        pl.when(pl.col("trl_start").is_not_null()).then(band).alias("trl_band"),
        pl.when(pl.col("amount") > 0).then(pl.col("amount").cast(pl.Float64).log()).alias("log_amount"),
    )
    peers = rows.filter(pl.col("project_found").fill_null(False) & pl.col("direction").is_not_null() & pl.col("trl_band").is_not_null() & pl.col("log_amount").is_not_null())
    centre = peers.group_by("direction", "trl_band").agg(pl.len().alias("peers"), pl.col("log_amount").median().alias("median"))
    spread = peers.join(centre, on=["direction", "trl_band"]).group_by("direction", "trl_band").agg((pl.col("log_amount") - pl.col("median")).abs().median().alias("mad"))
    rows = rows.join(centre, on=["direction", "trl_band"], how="left").join(spread, on=["direction", "trl_band"], how="left")
    z = MAD_TO_Z * (pl.col("log_amount") - pl.col("median")) / pl.col("mad")
    fence = (pl.col("median") + z_limit * pl.col("mad") / MAD_TO_Z).exp()
    judged = judge(
        rows,
        [
            (pl.col("project_id").is_null(), "no_project"),
            (~pl.col("project_found").fill_null(False), "no_project_record"),
            (pl.col("direction").is_null() | pl.col("trl_band").is_null(), "no_peer_group"),
            (pl.col("log_amount").is_null(), "no_amount"),
            (pl.col("peers") < min_peers, "sample_too_small"),
            (pl.col("mad") <= 0, "no_spread"),
        ],
        z >= z_limit,
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), direction=pl.col("direction"), trl_band=pl.col("trl_band"),
            peers=pl.col("peers"), peer_median_tiyn=pl.col("median").exp().round(0).cast(pl.Int64),
            ratio=(pl.col("log_amount") - pl.col("median")).exp().round(1), z=z.round(2), z_limit=pl.lit(z_limit),
            fence_tiyn=fence.round(0).cast(pl.Int64), excess_tiyn=(pl.col("amount") - fence.round(0).cast(pl.Int64)).clip(lower_bound=0),
        ),
        amount=(pl.col("amount") - fence.round(0).cast(pl.Int64)).clip(lower_bound=0),
    )


NK19 = Indicator(
    code="NK-19",
    version=1,
    subject_type="agreement",
    weight=35,
    title={
        "kk": "Шарт бағасы салыстырмалы шарттардан әлдеқайда жоғары",
        "ru": "Цена договора намного выше сопоставимых",
        "en": "Agreement price far above comparable agreements",
    },
    rationale={
        "kk": "Басым бағыты мен технологиялық дайындық деңгейі бірдей шарттардан әлдеқайда қымбат шарт бағаның асыра көрсетілуін немесе қаражаттың қайтарылуын жасыруы мүмкін; сомалар логарифмінің медиана мен медианалық абсолюттік ауытқуға негізделген берік z-бағасы өзі іздейтін ауытқулардан бұрмаланбайды.",
        "ru": "Договор, намного дороже договоров того же приоритетного направления и уровня готовности технологии, может скрывать завышение цены или откат; устойчивая z-оценка логарифма суммы по медиане и медианному абсолютному отклонению не искажается выбросами, которые ищет.",
        "en": "An agreement priced far above agreements of the same priority direction and readiness level may hide overpricing or a kickback; the robust z-score of the log amount (median and median absolute deviation) is not distorted by the outliers it looks for.",
    },
    legal_basis={
        "kk": "Аудиторлық негіздеме: жер қойнауын пайдаланушылардың сатып алу қағидалары бойынша ҒЗТКЖ конкурссыз, тікелей шарт арқылы сатып алынуы мүмкін, сондықтан бағаны бәсеке тексермейді; Иглевич пен Хоаглиннің ауытқу ережесі (түрлендірілген z-баға 3,5-тен жоғары). Бағаны шектейтін норма жоқ.",
        "ru": "Аудиторское обоснование: по правилам закупок недропользователей НИОКР можно приобретать прямым договором без конкурса, поэтому цену не проверяет конкуренция; правило выбросов Иглевича и Хоглина (модифицированная z-оценка выше 3,5). Норм, ограничивающих цену, нет.",
        "en": "Audit rationale: under the subsoil users' procurement rules R&D may be bought by direct contracting without a tender, so no competition tests the price; the outlier rule of Iglewicz and Hoaglin (modified z-score above 3.5). No rule limits the price.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}; бағыты {direction}, ТДД {trl_band}) салыстырмалы {peers} шарттың медианасынан ({peer_median_tiyn}) {ratio} есе қымбат: түрлендірілген z-баға {z} (шегі {z_limit}), әдеттегі ең жоғары бағадан ({fence_tiyn}) асатын сома {excess_tiyn}.",
        "ru": "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} (направление {direction}, УГТ {trl_band}) в {ratio} раза дороже медианы {peers} сопоставимых договоров ({peer_median_tiyn}): модифицированная z-оценка {z} (предел {z_limit}), превышение над наибольшей обычной ценой ({fence_tiyn}) — {excess_tiyn}.",
        "en": "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} ({direction}, TRL {trl_band}) costs {ratio} times the median of {peers} comparable agreements ({peer_median_tiyn}): modified z-score {z} (limit {z_limit}), {excess_tiyn} above the highest usual price of {fence_tiyn}.",
    },
    needs=("agreements", "projects"),
    evaluate=_price_outlier,
    thresholds=(
        Threshold("z_limit", 3.5, {"kk": "Сома логарифмінің түрлендірілген z-бағасы осы мәнге жетсе, тәуекел белгісі қойылады (Иглевич пен Хоаглиннің ауытқу шегі).", "ru": "Флаг ставится, если модифицированная z-оценка логарифма суммы достигает этого значения (предел выбросов Иглевича и Хоглина).", "en": "Flag when the modified z-score of the log amount reaches this (Iglewicz and Hoaglin's outlier limit)."}),
        Threshold("min_peers", 30, {"kk": "Осыдан кіші салыстырмалы шарттар топтары (басым бағыт × ТДД диапазоны) бағаланбайды (деректер тым аз).", "ru": "Группы сопоставимых договоров (приоритетное направление × диапазон УГТ) меньше этого размера не оцениваются (слишком мало данных).", "en": "Peer groups (priority direction × TRL band) smaller than this are not judged (too small a sample)."}),
    ),
)

INDICATORS: tuple[Indicator, ...] = (NK16, NK17, NK18, NK19)

