"""Patterns in a subsoil user's direct R&D spending: NK-08, NK-09, NK-10, NK-11.

NK-08, NK-09 and NK-11 judge a subsoil-user-year (``payer_year``: the payer and the contract-year the
payments count toward); NK-10 judges an agreement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import day, evidence, finish, judge, organisations, pct, with_bin, year_end
from niokr.control.indicators.base import Frames, Indicator, Threshold

__all__ = ["INDICATORS", "NK08", "NK09", "NK10", "NK11"]


def _payer_years(frames: Frames) -> pl.DataFrame:
    """Payment lines that belong to a subsoil-user-year (a line without payer or year has no subject)."""
    return frames["payments"].filter(pl.col("payer_id").is_not_null() & pl.col("year").is_not_null())


# -- NK-08 year-end dump ---------------------------------------------------------------------------


def _year_end_dump(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """December share of each subsoil-user-year's spending.

    The year's total is every line counted toward it (stage payments of January–March credited back
    included); December is the lines paid in December of that same year. A year whose December has
    not ended on ``as_of`` cannot be judged yet.
    """
    payments = _payer_years(frames)
    in_december = (pl.col("paid_on").dt.month() == 12) & (pl.col("paid_on").dt.year() == pl.col("year"))
    years = (
        payments.group_by("payer_id", "year")
        .agg(
            pl.len().alias("lines"),
            pl.col("amount").sum().alias("total"),
            pl.col("amount").filter(in_december).sum().alias("december"),
            in_december.sum().cast(pl.Int64).alias("december_lines"),
            pl.col("amount").filter(in_december).max().alias("largest_december"),
        )
        .sort("payer_id", "year")
    )
    years = with_bin(years, organisations(frames), "payer_id", "payer_bin")
    share = pl.col("december") / pl.col("total")
    threshold = float(params["december_share"])
    single_share = float(params["single_payment_share"])
    # A year of few lines is no pattern — unless one December payment alone is most of a material year.
    single = (
        (pl.col("largest_december").fill_null(0) >= pl.col("total").cast(pl.Float64) * single_share)
        & (pl.col("total") >= int(params["single_payment_min_total_tiyn"])) & (pl.col("total") > 0)
    )
    few = pl.col("lines") < int(params["min_lines"])
    judged = judge(
        years,
        [
            (year_end(pl.col("year")) >= pl.lit(frames.as_of), "year_open"),
            ((few & ~single) | (pl.col("total") < int(params["min_total_tiyn"])) | (pl.col("total") <= 0), "sample_too_small"),
        ],
        (share > threshold) | (few & single),
    )
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), year=pl.col("year"), december_tiyn=pl.col("december"), total_tiyn=pl.col("total"),
            december_pct=pct(share, 2), threshold_pct=pl.lit(threshold * 100.0), december_lines=pl.col("december_lines"), lines=pl.col("lines"),
            largest_december_tiyn=pl.col("largest_december"), single_payment_pct=pl.lit(single_share * 100.0), judged_on_one_payment=few & single,
        ),
        amount=pl.col("december"),
    )


NK08 = Indicator(
    code="NK-08",
    version=2,
    subject_type="payer_year",
    weight=40,
    title={
        "kk": "ҒЗТКЖ шығыстарының желтоқсанда шоғырлануы",
        "ru": "Концентрация расходов на НИОКР в декабре",
        "en": "Year-end dump of R&D spending",
    },
    rationale={
        "kk": "Жылдың соңғы айында 1 % шегіне жету үшін төленген қаражат көбіне зерттеуге емес, қағаз жүзінде жұмсалады: нақты ҒЗТКЖ кезеңдері жұмыс қабылданған сайын жыл бойы төленеді.",
        "ru": "Деньги, выплаченные в последний месяц года ради достижения порога в 1 %, часто расходуются формально, а не на исследования: этапы настоящих НИОКР оплачиваются в течение года по мере приёмки работ.",
        "en": "Money paid out in the last month of the year to reach the 1 % floor is often spent on paper rather than on research: the stages of real R&D are paid through the year as the work is accepted.",
    },
    legal_basis={
        "kk": "Міндеттеме жыл сайынғы (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ; 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129-бап 1-тармақ 2) тармақша және 178-бап 1-тармақ 2) тармақша). Желтоқсан үлесіне шек қоятын норма жоқ: бұл — аудиторлық тәуекел белгісі, шекті мәндер аудит тәжірибесі бойынша белгіленген.",
        "ru": "Обязательство ежегодное (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1; Кодекс от 27.12.2017 № 125-VI, ст. 129 п. 1 пп. 2 и ст. 178 п. 1 пп. 2). Нормы, ограничивающей долю декабря, нет: это аудиторский признак риска, пороги установлены по практике аудита.",
        "en": "The obligation is annual (Law of 24.06.2010 No 291-IV, art. 76 item 12-1; Code of 27.12.2017 No 125-VI, art. 129(1)(2) and 178(1)(2)). No rule limits the December share: this is an audit red flag, with thresholds set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} {year} жылғы ҒЗТКЖ шығыстарының жалпы сомасы {total_tiyn} болғанда, оның {december_tiyn} сомасын желтоқсанда төлеген (төлем жолдары: барлығы {lines}, желтоқсанда {december_lines}): бұл жылдық соманың {december_pct}, шекті мән {threshold_pct}.",
        "ru": "Недропользователь {payer_bin} выплатил в декабре {december_tiyn} из {total_tiyn} расходов на НИОКР за {year} год (платежей всего {lines}, в декабре {december_lines}): это {december_pct} годовой суммы при пороге {threshold_pct}.",
        "en": "Subsoil user {payer_bin} paid {december_tiyn} of its {year} R&D spending of {total_tiyn} in December ({december_lines} of {lines} payment lines): {december_pct} of the year, above the {threshold_pct} threshold.",
    },
    needs=("payments",),
    evaluate=_year_end_dump,
    thresholds=(
        Threshold("december_share", 0.50, {"kk": "Желтоқсан төлемдері жылдық шығыстардың осы үлесінен асса, жер қойнауын пайдаланушының жылына тәуекел белгісі қойылады. Кезең-кезеңімен жоспарланған шығыстарда жылдың жартысы соңғы айға сирек келеді.", "ru": "Флаг ставится на год недропользователя, если платежи декабря превышают эту долю годовых расходов. При поэтапном планировании на последний месяц редко приходится половина года.", "en": "Flag a subsoil-user-year whose December payments exceed this share of the year's spending. Spending planned by stages rarely puts half of a year into its last month."}),
        Threshold("min_lines", 6, {"kk": "Жылдағы төлем жолдары бұдан аз болса, жыл бағаланбайды (деректер тым аз): бір-екі жолдың үлесі заңдылық туралы ештеңе айтпайды — бір желтоқсан төлемі елеулі жылдың басым бөлігі болған жағдайды қоспағанда (желтоқсандағы бір төлемнің үлесін қараңыз).", "ru": "Если платёжных строк за год меньше, год не оценивается (слишком мало данных): доля одной-двух строк ничего не говорит о закономерности, кроме случая, когда один декабрьский платёж составляет большую часть существенного года (см. долю одного декабрьского платежа).", "en": "Fewer payment lines in the year than this: the year is not judged (too small a sample); a share of one or two lines says nothing about a pattern — unless one December payment is most of a material year (see the share of one December payment)."}),
        Threshold(
            "single_payment_share", 0.60,
            {"kk": "Жолдары аз жыл да бағаланады және бір желтоқсан төлемінің өзі жылдық шығыстардың кемінде осы үлесін құраса, тәуекел белгісі қойылады: заңдылық үшін деректер аз, бірақ жылдың басым бөлігіне тең бір төлем мұны тікелей көрсетеді. Бір жол жылдық заңдылыққа қарағанда сенімсіз белгі болғандықтан, шек желтоқсан үлесінің шегінен жоғары.", "ru": "Год с меньшим числом строк всё же оценивается и получает флаг, если один декабрьский платёж составляет не менее этой доли годовых расходов: для закономерности данных мало, но один платёж, равный большей части года, говорит сам за себя. Порог выше порога доли декабря, поскольку одна строка — менее надёжный признак, чем закономерность за год.", "en": "A year of fewer lines than the least number is still judged, and flagged, when one December payment alone is at least this share of the year's spending: a sample too small for a pattern, but one payment that is most of the year says it directly. Higher than the December threshold, since one line is a noisier sign than a year's pattern."},
        ),
        Threshold("single_payment_min_total_tiyn", 1_000_000_000, {"kk": "Әрі жылдық шығыстар осы сомадан кем емес: бір желтоқсан кезеңімен төленген шағын бағдарлама елеулі емес.", "ru": "И при этом годовые расходы не меньше этой суммы: небольшая программа, оплаченная одним декабрьским этапом, несущественна.", "en": "And the year's spending is at least this: a small programme paid in one December stage is not material."}),
        Threshold("min_total_tiyn", 5_000_000, {"kk": "Осы сомадан аз жылдық шығыстар бағаланбайды (деректер тым аз).", "ru": "Годовые расходы меньше этой суммы не оцениваются (слишком мало данных).", "en": "Yearly spending below this is not judged (too small a sample)."}),
    ),
    truth_codes=("december_dump",),
)


# -- NK-09 concentration on one performer ----------------------------------------------------------


def _concentration(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """The largest performer's share of a subsoil user's spending over the years ending with each year.

    The window is ``window_years`` calendar years ending with the subject's year; the subsoil user
    must have spent in every one of them (a newcomer's first years are not a pattern yet).
    """
    payments = _payer_years(frames)
    window = max(1, int(params["window_years"]))
    per_year = payments.group_by("payer_id", "year", "performer_id").agg(pl.col("amount").sum().alias("paid"))
    subjects = payments.select("payer_id", "year").unique().sort("payer_id", "year")
    # Each year's spending counts toward the windows ending in it and the next window − 1 years.
    spread = pl.concat([per_year.with_columns((pl.col("year") + k).cast(pl.Int32).alias("end_year")) for k in range(window)])
    spread = spread.join(subjects.rename({"year": "end_year"}), on=["payer_id", "end_year"], how="semi")
    by_performer = spread.group_by("payer_id", "end_year", "performer_id").agg(pl.col("paid").sum())
    top = (
        by_performer.sort(["payer_id", "end_year", "paid", "performer_id"], descending=[False, False, True, False], nulls_last=True)
        .group_by("payer_id", "end_year", maintain_order=True)
        .agg(
            pl.col("performer_id").first().alias("top_performer"),
            pl.col("paid").first().alias("top_paid"),
            pl.col("paid").sum().alias("total"),
            pl.len().alias("performers"),
        )
    )
    present = spread.group_by("payer_id", "end_year").agg(pl.col("year").n_unique().alias("years_present"))
    rows = (
        subjects.join(top.rename({"end_year": "year"}), on=["payer_id", "year"], how="left")
        .join(present.rename({"end_year": "year"}), on=["payer_id", "year"], how="left")
    )
    orgs = organisations(frames)
    rows = with_bin(with_bin(rows, orgs, "payer_id", "payer_bin"), orgs, "top_performer", "performer_bin")
    share = pl.col("top_paid") / pl.col("total")
    threshold = float(params["performer_share"])
    judged = judge(
        rows,
        [
            (pl.col("years_present").fill_null(0) < window, "short_history"),
            ((pl.col("total").fill_null(0) < int(params["min_total_tiyn"])) | (pl.col("total").fill_null(0) <= 0), "sample_too_small"),
        ],
        share >= threshold,
    )
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), performer_id=pl.col("top_performer"),
            first_year=(pl.col("year") - (window - 1)), year=pl.col("year"), window_years=pl.lit(window),
            performer_tiyn=pl.col("top_paid"), total_tiyn=pl.col("total"), share_pct=pct(share), threshold_pct=pl.lit(threshold * 100.0),
            performers=pl.col("performers"),
        ),
        amount=pl.col("top_paid"),
    )


NK09 = Indicator(
    code="NK-09",
    version=1,
    subject_type="payer_year",
    weight=30,
    title={
        "kk": "Шығыстардың бір орындаушыға шоғырлануы",
        "ru": "Концентрация расходов на одном исполнителе",
        "en": "Spending concentrated on one performer",
    },
    rationale={
        "kk": "Ірі ҒЗТКЖ көлемінің барлығы дерлік бірнеше жыл қатарынан бір орындаушыға берілсе, орындаушыны таңдау бәсекелі болудан қалады, ал тәуелді немесе үлестес орындаушы мен бағаның көтерілу тәуекелі артады.",
        "ru": "Когда почти весь крупный объём НИОКР несколько лет подряд уходит одному исполнителю, выбор исполнителя перестаёт быть конкурентным и растёт риск зависимого или аффилированного исполнителя и завышения цен.",
        "en": "When nearly all of a large R&D programme goes to one performer several years running, the choice of performer is no longer competitive and the risk of a captive or related performer and of inflated prices grows.",
    },
    legal_basis={
        "kk": "Шоғырлануды шектейтін норма жоқ: бұл — аудиторлық тәуекел белгісі. Жер қойнауын пайдаланушылардың сатып алу қағидалары бойынша ҒЗТКЖ конкурссыз, бір көзден сатып алынуы мүмкін, сондықтан көп жыл бойы бәрін алатын орындаушы үлестестік пен бағаны бірінші кезекте тексеруді қажет етеді.",
        "ru": "Нормы, ограничивающей концентрацию, нет: это аудиторский признак риска. По правилам закупок недропользователей НИОКР можно приобретать из одного источника без конкурса, поэтому исполнитель, получающий почти всё несколько лет, — первое место для проверки аффилированности и цен.",
        "en": "No rule limits concentration: this is an audit red flag. Under the subsoil users' procurement rules R&D may be bought from a single source without a tender, so a performer that receives nearly everything for several years is the first place to check for related parties and prices.",
    },
    explanation={
        "kk": "{first_year}–{year} жылдары жер қойнауын пайдаланушы {payer_bin} ҒЗТКЖ шығыстарының жалпы сомасы {total_tiyn} болғанда, оның {performer_tiyn} сомасын бір орындаушыға, {performer_bin} ұйымына, төлеген: {share_pct} (шекті мән {threshold_pct}; орындаушылардың жалпы саны: {performers}).",
        "ru": "За {first_year}–{year} годы недропользователь {payer_bin} выплатил одному исполнителю — {performer_bin} — {performer_tiyn} из {total_tiyn} расходов на НИОКР: {share_pct} (порог {threshold_pct}; всего исполнителей: {performers}).",
        "en": "Over {first_year}–{year} subsoil user {payer_bin} paid {performer_tiyn} of its R&D spending of {total_tiyn} to one performer, {performer_bin}: {share_pct} (threshold {threshold_pct}; number of performers: {performers}).",
    },
    needs=("payments",),
    evaluate=_concentration,
    thresholds=(
        Threshold("window_years", 3, {"kk": "Бағаланатын жылмен аяқталатын жылжымалы кезеңнің күнтізбелік жылдармен ұзындығы; жер қойнауын пайдаланушының әр жылда шығысы болуы тиіс, әйтпесе жыл бағаланбайды (тарих тым қысқа).", "ru": "Длина скользящего окна в календарных годах, заканчивающегося оцениваемым годом; недропользователь должен иметь расходы в каждом из них, иначе год не оценивается (слишком короткая история).", "en": "Length of the rolling window in calendar years, ending with the subject's year; the subsoil user must have spent in each of them, otherwise the year is not judged (too short a history)."}),
        Threshold("performer_share", 0.80, {"kk": "Бір орындаушы кезеңдегі шығыстардың кемінде осы үлесін алса, тәуекел белгісі қойылады.", "ru": "Флаг ставится, если один исполнитель получил не менее этой доли расходов за окно.", "en": "Flag when one performer received at least this share of the window's spending."}),
        Threshold("min_total_tiyn", 5_000_000_000, {"kk": "Кезеңдегі шығыстар осы сомадан аз болса, бағаланбайды (деректер тым аз): шағын бағдарламаны бір орындаушыға тапсыру табиғи.", "ru": "Расходы за окно меньше этой суммы не оцениваются (слишком мало данных): небольшую программу естественно поручают одному исполнителю.", "en": "Spending over the window below this is not judged (too small a sample): a small programme is naturally placed with one performer."}),
    ),
)


# -- NK-10 newly registered performer --------------------------------------------------------------


def _new_performer(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements signed within ``max_age_days`` of the performer's registration that, alone or with
    the performer's other agreements with the same payer signed within ``window_days`` of it, reach
    ``min_amount_tiyn``: one job split into pieces under the floor is judged as the job."""
    orgs = organisations(frames)
    window = int(params["window_days"])
    signed = frames["agreements"].filter(pl.col("signed_on").is_not_null() & pl.col("amount").is_not_null()).select(
        "agreement_id", "payer_id", "performer_id", "signed_on", "amount",
    )
    together = (
        signed.join(signed, on=["payer_id", "performer_id"], suffix="_other")
        .filter((pl.col("signed_on") - pl.col("signed_on_other")).dt.total_days().abs() <= window)
        .group_by("agreement_id")
        .agg(pl.col("amount_other").sum().alias("combined"), pl.len().alias("agreements_together"))
    )
    agreements = frames["agreements"].join(together, on="agreement_id", how="left").with_columns(
        pl.coalesce("combined", "amount").alias("combined"), pl.col("agreements_together").fill_null(1),
    ).join(
        orgs.select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin"), "registered_on"), on="performer_id", how="left"
    )
    agreements = with_bin(agreements, orgs, "payer_id", "payer_bin")
    age = (pl.col("signed_on") - pl.col("registered_on")).dt.total_days()
    max_age, min_amount = int(params["max_age_days"]), int(params["min_amount_tiyn"])
    judged = judge(
        agreements,
        [
            (pl.col("signed_on").is_null(), "no_signing_date"),
            (pl.col("registered_on").is_null(), "no_registration_date"),
            (pl.col("amount").is_null(), "no_amount"),
        ],
        (age < max_age) & (pl.col("combined") >= min_amount),
    )
    return finish(
        judged,
        subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"),
        evidence=evidence(
            agreement_number=pl.col("number"), signed_on=day(pl.col("signed_on")), amount_tiyn=pl.col("amount"),
            payer_bin=pl.col("payer_bin"), performer_bin=pl.col("performer_bin"), registered_on=day(pl.col("registered_on")),
            age_days=age, max_age_days=pl.lit(max_age), min_amount_tiyn=pl.lit(min_amount),
            combined_tiyn=pl.col("combined"), agreements_together=pl.col("agreements_together"), window_days=pl.lit(window),
        ),
        amount=pl.col("amount"),
    )


NK10 = Indicator(
    code="NK-10",
    version=2,
    subject_type="agreement",
    weight=45,
    title={
        "kk": "Ірі шарт алған жаңадан тіркелген орындаушы",
        "ru": "Недавно зарегистрированный исполнитель с крупным договором",
        "en": "Newly registered performer with a large agreement",
    },
    rationale={
        "kk": "Ірі ҒЗТКЖ шартына қол қоюдан бір жылдан аз уақыт бұрын тіркелген заңды тұлғада жұмысқа қажетті мамандар, аккредиттеу мен тәжірибе сирек болады; жаңа құрылған компаниялар — қаражатты шығарудың белгілі құралы.",
        "ru": "Юридическое лицо, зарегистрированное менее чем за год до подписания крупного договора на НИОКР, редко располагает кадрами, аккредитацией и опытом, нужными для работы; недавно созданные компании — известный инструмент вывода денег.",
        "en": "A legal entity registered less than a year before it signs a large R&D agreement rarely has the staff, accreditation and track record the work needs; newly formed companies are a known vehicle for diverting money.",
    },
    legal_basis={
        "kk": "ҒЗТКЖ-ны қазақстандық өнім берушілер орындауы тиіс (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ: қызметкерлердің кемінде 95 %-ы Қазақстан азаматтары), ал салықтық шегерім үшін — ғылыми қызмет субъектілері ретінде аккредиттелген ұйымдар (2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі, 302-бап). Алғашқы жылындағы компания бұл талаптарға сирек сай келеді; жас пен сома шектері аудит тәжірибесі бойынша белгіленген.",
        "ru": "НИОКР должны выполнять казахстанские поставщики (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1: не менее 95 % работников — граждане Казахстана), а для налогового вычета — аккредитованные субъекты научной деятельности (Налоговый кодекс от 18.07.2025 № 214-VIII, ст. 302). Компания в первый год существования редко отвечает этим требованиям; пороги возраста и суммы установлены по практике аудита.",
        "en": "R&D must be performed by Kazakhstani suppliers (Law of 24.06.2010 No 291-IV, art. 76 item 12-1: at least 95 % Kazakh staff) and, for the tax deduction, by accredited subjects of scientific activity (Tax Code of 18.07.2025 No 214-VIII, art. 302). A company in its first year seldom meets either; the age and amount thresholds are set by audit practice.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}) орындаушы {registered_on} күні тіркелгеннен кейін {age_days} күн өткенде жасалған (сомасы {min_amount_tiyn} және одан жоғары шарттар үшін шекті мән {max_age_days} күн); осы төлеушімен {window_days} күн ішінде жасалған шарттар саны {agreements_together}, жиыны {combined_tiyn}.",
        "ru": "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} подписан через {age_days} дн. после регистрации исполнителя {registered_on} (порог {max_age_days} дн. для договоров от {min_amount_tiyn}); договоров с этим плательщиком в пределах {window_days} дн.: {agreements_together}, на сумму {combined_tiyn}.",
        "en": "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} was signed {age_days} days after the performer was registered on {registered_on} (limit {max_age_days} days for agreements of {min_amount_tiyn} or more); agreements with this payer within {window_days} days: {agreements_together}, together {combined_tiyn}.",
    },
    needs=("agreements", "organisations"),
    evaluate=_new_performer,
    thresholds=(
        Threshold("max_age_days", 365, {"kk": "Қол қою күні орындаушы осы күндер санынан аз уақыт бұрын тіркелген болса, тәуекел белгісі қойылады (12 ай).", "ru": "Флаг ставится, если на дату подписания исполнитель был зарегистрирован меньше этого числа дней (12 месяцев).", "en": "Flag when the performer had been registered for fewer days than this on the signing date (12 months)."}),
        Threshold("min_amount_tiyn", 1_000_000_000, {"kk": "Тәуекел белгісі тек осы сомадан кем емес шарттарға қойылады — орындаушының сол төлеушімен кезең ішінде қол қойылған басқа шарттарымен бірге.", "ru": "Флаг ставится только на договоры не меньше этой суммы — вместе с другими договорами исполнителя с тем же плательщиком, подписанными в пределах окна.", "en": "Only agreements of at least this amount are flagged — the agreement together with the performer's other agreements with the same payer signed within the window of it."}),
        Threshold("window_days", 30, {"kk": "Шартқа қол қойылған күнге дейінгі және кейінгі күндер саны, осы аралықта жаңа орындаушының сол төлеушімен жасасқан шарттары қосылады (шектен төмен бөліктерге бөлінген бір жұмыс).", "ru": "Число дней до и после подписания договора, в пределах которых договоры нового исполнителя с тем же плательщиком складываются (одна работа, разбитая на части ниже порога).", "en": "Days either side of an agreement's signing date within which the new performer's agreements with the same payer are added up (one job split into pieces under the floor)."}),
    ),
)


# -- NK-11 round amounts and first digits ----------------------------------------------------------

#: Benford's expected share of each first digit, log10(1 + 1/d).
BENFORD = {d: math.log10(1 + 1 / d) for d in range(1, 10)}


def _digits(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Round-amount share and first-digit (Benford) deviation of each subsoil-user-year.

    The first-digit test is applied only where Benford's law can be expected: at least
    ``benford_min_lines`` positive amounts (every expected digit count reaches 5, the χ² rule of
    thumb) spanning at least ``benford_min_decades`` orders of magnitude between the 5th and 95th
    percentiles (a few agreements split into similar stage payments follow no first-digit law). It
    fires when the mean absolute deviation exceeds Nigrini's nonconformity limit *and* χ² rejects
    conformity, so small samples are not flagged by chance and large ones not for trivia.
    """
    payments = _payer_years(frames)
    subjects = payments.select("payer_id", "year").unique()
    unit = int(params["round_unit_tiyn"])
    positive = payments.filter(pl.col("amount") > 0).with_columns(
        pl.col("amount").cast(pl.Utf8).str.slice(0, 1).cast(pl.Int32).alias("digit"),
        ((pl.col("amount") % unit) == 0).alias("is_round"),
    )
    stats = positive.group_by("payer_id", "year").agg(
        pl.len().alias("lines"),
        pl.col("is_round").sum().cast(pl.Int64).alias("round_lines"),
        pl.col("amount").filter(pl.col("is_round")).sum().alias("round_amount"),
        (pl.col("amount").quantile(0.95) / pl.col("amount").quantile(0.05)).log10().alias("decades"),
    )
    # Sums over the digits present; an absent digit contributes |0 − e| = e to the MAD and n·e to χ².
    expected = pl.col("digit").replace_strict(BENFORD, return_dtype=pl.Float64)
    counts = positive.group_by("payer_id", "year", "digit").agg(pl.len().alias("count")).join(stats.select("payer_id", "year", "lines"), on=["payer_id", "year"])
    n, c = pl.col("lines").cast(pl.Float64), pl.col("count").cast(pl.Float64)
    deviation = counts.group_by("payer_id", "year").agg(
        ((c / n - expected).abs() - expected).sum().alias("_mad_part"),
        ((c - n * expected) ** 2 / (n * expected) - n * expected).sum().alias("_chi_part"),
    )
    rows = (
        subjects.join(stats, on=["payer_id", "year"], how="left")
        .join(deviation, on=["payer_id", "year"], how="left")
        .with_columns(
            pl.col("lines").fill_null(0),
            ((pl.col("_mad_part") + 1.0) / 9.0).alias("mad"),
            (pl.col("_chi_part") + pl.col("lines").cast(pl.Float64)).alias("chi2"),
        )
        .sort("payer_id", "year")
    )
    rows = with_bin(rows, organisations(frames), "payer_id", "payer_bin")
    applicable = (pl.col("lines") >= int(params["benford_min_lines"])) & (pl.col("decades") >= float(params["benford_min_decades"]))
    mad_limit, chi2_limit, round_limit = float(params["mad_limit"]), float(params["chi2_limit"]), float(params["round_share"])
    benford = applicable & (pl.col("mad") > mad_limit) & (pl.col("chi2") > chi2_limit)
    round_share = pl.col("round_lines") / pl.col("lines")
    rounded = round_share >= round_limit
    judged = judge(rows, [(pl.col("lines") < int(params["min_lines"]), "sample_too_small")], rounded | benford)
    return finish(
        judged,
        subject_id=pl.col("payer_id"), year=pl.col("year"), payer_id=pl.col("payer_id"),
        evidence=evidence(
            payer_bin=pl.col("payer_bin"), year=pl.col("year"), lines=pl.col("lines"), round_lines=pl.col("round_lines"),
            round_pct=pct(round_share), round_threshold_pct=pl.lit(round_limit * 100.0),
            mad_pp=pl.when(applicable).then((pl.col("mad") * 100.0).round(2)), mad_limit_pp=pl.lit(mad_limit * 100.0),
            chi2=pl.when(applicable).then(pl.col("chi2").round(1)), chi2_limit=pl.lit(chi2_limit),
            round_tiyn=pl.col("round_amount"),
        ),
        amount=pl.when(rounded).then(pl.col("round_amount")),
    )


NK11 = Indicator(
    code="NK-11",
    version=1,
    subject_type="payer_year",
    weight=25,
    title={
        "kk": "Дөңгелек сомалар және бірінші цифрлардың ауытқуы",
        "ru": "Круглые суммы и отклонение первых цифр",
        "en": "Round amounts and first-digit anomaly",
    },
    rationale={
        "kk": "Шот бойынша емес, ойдан шығарылған сомалар көбіне дөңгелек болады және бірінші цифрлар туралы Бенфорд заңын бұзады; бірнеше реттік шамаға таралған нақты операциялардың сомалары бұл заңға бағынады.",
        "ru": "Суммы, которые придуманы, а не выставлены по счетам, чаще бывают круглыми и нарушают закон Бенфорда для первых цифр, которому следуют суммы реальных операций, охватывающие несколько порядков величины.",
        "en": "Amounts that were invented rather than invoiced tend to be round and to break Benford's law of first digits, which the amounts of real transactions follow when they span several orders of magnitude.",
    },
    legal_basis={
        "kk": "Аудиторлық негіздеме (цифрлық талдау, М. Нигрини): бірінші цифр тесті — орташа абсолюттік ауытқу (сәйкессіздік шегі 0,015) χ² тестімен расталады (p < 0,001) және тек жеткілікті үлкен әрі кең іріктемеге қолданылады; дөңгелек сомалар тесті — бүтін мың теңгеден тұратын сомалар. Сомаларды реттейтін норма жоқ.",
        "ru": "Аудиторское обоснование (цифровой анализ, М. Нигрини): тест первых цифр — среднее абсолютное отклонение (порог несоответствия 0,015), подтверждённое критерием χ² (p < 0,001), только для достаточно больших и широких выборок; тест круглых сумм — суммы в целых тысячах тенге. Норм, регулирующих суммы, нет.",
        "en": "Audit rationale (digital analysis, M. Nigrini): the first-digit test uses the mean absolute deviation (nonconformity above 0.015) confirmed by a χ² test at p < 0.001, only on samples large and wide enough; the round-number test counts amounts in whole thousands of tenge. No rule prescribes the amounts.",
    },
    explanation={
        "kk": "{year} жылы жер қойнауын пайдаланушы {payer_bin} ҒЗТКЖ бойынша {lines} төлем жолын көрсеткен; олардың ішінде бүтін мың теңгеден тұратын сомалар саны: {round_lines} ({round_pct}, шекті мән {round_threshold_pct}); бірінші цифрлардың Бенфорд заңынан ауытқуы {mad_pp} пайыздық тармақ (шегі {mad_limit_pp}), χ² {chi2} (шегі {chi2_limit}).",
        "ru": "В {year} году недропользователь {payer_bin} отразил платежей на НИОКР: {lines}, из них в целых тысячах тенге: {round_lines} ({round_pct}, порог {round_threshold_pct}); отклонение первых цифр от закона Бенфорда {mad_pp} п. п. (предел {mad_limit_pp}), χ² {chi2} (предел {chi2_limit}).",
        "en": "In {year} subsoil user {payer_bin} reported R&D payment lines: {lines}, {round_lines} of them in whole thousands of tenge ({round_pct}, threshold {round_threshold_pct}); the first digits deviate from Benford's law by {mad_pp} percentage points (limit {mad_limit_pp}), χ² {chi2} (limit {chi2_limit}).",
    },
    needs=("payments",),
    evaluate=_digits,
    thresholds=(
        Threshold("min_lines", 30, {"kk": "Жылдағы оң төлем жолдары бұдан аз болса, жыл бағаланбайды (деректер тым аз).", "ru": "Если положительных платёжных строк за год меньше, год не оценивается (слишком мало данных).", "en": "Fewer positive payment lines in the year than this: the year is not judged (too small a sample)."}),
        Threshold("round_unit_tiyn", 100_000, {"kk": "Сома осы шамаға еселік болса, дөңгелек саналады.", "ru": "Сумма считается круглой, если она кратна этой величине.", "en": "An amount is round when it is a whole multiple of this."}),
        Threshold("round_share", 0.25, {"kk": "Жылдағы жолдардың кемінде осы үлесі дөңгелек болса, тәуекел белгісі қойылады (бүтін теңгедегі шот сомасы шамамен мыңнан бір жағдайда 000-мен аяқталады).", "ru": "Флаг ставится, если круглыми оказываются не менее этой доли строк за год (сумма по счёту в целых тенге оканчивается на 000 примерно в одном случае из тысячи).", "en": "Flag when at least this share of the year's lines is round (an invoiced amount in whole tenge ends in 000 about once in a thousand)."}),
        Threshold("benford_min_lines", 110, {"kk": "Бірінші цифрлар тестіне кемінде осынша жол қажет (сонда әр цифрдың күтілетін саны 5-ке жетеді — χ² үшін тәжірибелік ереже).", "ru": "Для теста первых цифр нужно не меньше этого числа строк (тогда ожидаемое число каждой цифры достигает 5 — практическое правило для χ²).", "en": "The first-digit test needs at least this many lines (every expected digit count then reaches 5, the χ² rule of thumb)."}),
        Threshold("benford_min_decades", 2.0, {"kk": "Бірінші цифрлар тесті үшін 5-ші және 95-ші процентильдер арасындағы сомалар кемінде осынша ондық ретті қамтуы тиіс.", "ru": "Для теста первых цифр суммы между 5-м и 95-м процентилями должны охватывать не меньше этого числа порядков.", "en": "The first-digit test needs the amounts between the 5th and 95th percentiles to span at least this many orders of magnitude."}),
        Threshold("mad_limit", 0.015, {"kk": "Бірінші цифрлардың орташа абсолюттік ауытқуы, одан жоғары болса жыл заңға сәйкес келмейді (Нигрини бойынша сәйкессіздік шегі).", "ru": "Среднее абсолютное отклонение первых цифр, выше которого год не соответствует закону (предел несоответствия по Нигрини).", "en": "First-digit mean absolute deviation above which the year does not conform (Nigrini's nonconformity limit)."}),
        Threshold("chi2_limit", 26.12, {"kk": "8 еркіндік дәрежесі бар χ², одан жоғары болса сәйкестік қабылданбайды (p < 0,001).", "ru": "χ² с 8 степенями свободы, выше которого соответствие отвергается (p < 0,001).", "en": "χ² with 8 degrees of freedom above which conformity is rejected (p < 0.001)."}),
    ),
)

INDICATORS: tuple[Indicator, ...] = (NK08, NK09, NK10, NK11)
