"""NK-50: a payment purpose disguised by look-alike letters, mixed alphabets or transliteration.

Reviewers and their tools find non-R&D spending by its words: a search for «ремонт», «іссапар» or
"catering", a word list, a classifier. A purpose typed with Latin letters that look like Cyrillic
ones («pемонт», «PEMOHT»), with letters of two alphabets in one word, with Russian words in Latin
transliteration («Оплата за remont»), a zero for the letter О («рем0нт»), letters typed apart
(«р е м о н т») or invisible characters inside a word slips past all of them, and an honest
accountant has no reason to type it so.

The purpose is normalised (:mod:`.textnorm`) and what the normaliser had to undo is read as the
disguise: the words that mixed scripts (their letters of the other script), the words made of
look-alike letters of another script that read as a known word once resolved, the Russian words
written in Latin letters, zeros among letters, letters typed apart, invisible characters. A
payment is flagged when

* its purpose, read normalised (and, when it names no work of its own, with its agreement's
  subject: :func:`.purpose.judge`, as NK-07 reads it), describes spending that is not R&D and the
  disguise holds at least ``min_letters`` letters or marks; or
* the disguise sits on a word a reviewer searches for (:data:`WATCH_WORDS`: repair, travel,
  sponsorship, catering, security, fuel, rent, purchases … in kk, ru and en) and that word speaks
  for spending that is not R&D — the purpose reads so, or the word weighs toward non-R&D in it
  (:func:`.purpose.word_weights`) — whatever R&D words dress the rest of the purpose.

Honest Latin is left alone: brand names, standards («ISO 9001»), chemical formulas («CO2»),
units and names («Astana Hub») are Latin words that the normaliser keeps as they are; a purpose
written in Kazakh Latin is a language's alphabet, not a disguise; a Latin «i» in a Kazakh word is
a keyboard's «і»; text in a broken encoding (mojibake) is a system's error, repaired and read, or,
when it cannot be repaired, not computable (``garbled_purpose``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators import purpose, textnorm
from niokr.control.indicators.base import Frames, Indicator, Threshold, outcome

__all__ = ["INDICATORS", "NK50", "WATCH_WORDS", "disguise_of", "watched"]

_LANGS = ("kk", "ru", "en")
_DATE = "%d.%m.%Y"

#: The words a reviewer searches payment purposes for to find spending that is not R&D, as word
#: starts in lower case («ремонт» finds «ремонта»); an entry ending in «=» is a whole word (an
#: English plural «s» allowed).
WATCH_WORDS: tuple[str, ...] = (
    # ru
    "ремонт", "командиров", "суточн", "проживан", "гостиниц", "авиабилет", "билет", "проезд", "спонсор", "благотвор",
    "обучени", "курсы=", "курсов", "тренинг", "питани", "банкет", "фуршет", "кофе", "подар", "сувенир", "преми",
    "зарплат", "заработн", "оклад", "вознагражд", "аренд", "охран", "топлив", "бензин", "дизел", "гсм=", "строительств",
    "строительн", "стройматериал", "закуп", "поставк", "приобрет", "покупк", "оборудовани", "мебел", "автомоб",
    "транспортн", "перевоз", "доставк", "реклам", "страхов", "юридич", "нотари", "консалт", "аудит", "налог", "штраф",
    "пени=", "коммунальн", "электроэнерг", "уборк", "клининг", "канцеляр", "типограф", "такси", "подписк", "лиценз",
    "материальн", "помощ",
    # kk
    "жөндеу", "іссапар", "демеуші", "қайырымдылық", "оқыту", "тамақ", "күзет", "отын", "жалға", "жалдау", "сатып",
    "жеткізу", "жабдық", "құрылыс", "сыйлық", "жалақы", "сыйақы", "қонақүй", "жарнама", "сақтандыру", "салық", "айыппұл",
    # en
    "repair", "refurbish", "renovat", "overhaul", "travel", "trip=", "diem=", "hotel", "ticket", "flight", "sponsor",
    "charit", "donation", "training", "course", "catering", "meal=", "food=", "banquet", "gift=", "souvenir", "bonus",
    "salary", "salaries", "wage=", "rent=", "rental", "lease", "security", "guard", "fuel", "diesel", "petrol",
    "gasoline", "construction", "purchase", "supply", "supplies", "equipment", "furniture", "vehicle", "car=",
    "transport", "freight", "delivery", "courier", "advertis", "insurance", "legal", "notar", "audit", "consult",
    "tax=", "taxes", "fine=", "penalt", "utilit", "electricity", "cleaning", "stationery", "printing", "subscription",
    "licence", "license", "taxi",
)
_WATCH_STEMS = tuple(w for w in WATCH_WORDS if not w.endswith("="))
_WATCH_WHOLE = frozenset(w[:-1] for w in WATCH_WORDS if w.endswith("="))

#: The kinds of disguise (the normaliser's kinds of word), as the explanation names them.
_FORMS = {
    "mixed": ("сөздер ішіндегі басқа әліпбидің әріптері", "буквы другого алфавита внутри слов", "letters of another alphabet inside words"),
    "lookalike": ("басқа әліпбидің ұқсас әріптерімен терілген сөздер", "слова, набранные похожими буквами другого алфавита", "words typed in look-alike letters of another alphabet"),
    "transliterated": ("латын әріптерімен жазылған орыс сөздері", "русские слова, написанные латиницей", "Russian words written in Latin letters"),
    "zero": ("О әрпінің орнына нөл", "ноль вместо буквы О", "a zero in place of the letter O"),
    "spaced": ("бос орын арқылы терілген әріптер", "буквы, набранные через пробел", "letters typed apart"),
    "invisible": ("сөздер ішіндегі көрінбейтін таңбалар", "невидимые символы внутри слов", "invisible characters inside words"),
    "kazakh_latin": ("латын әліпбиімен жазылған қазақ сөздері", "казахские слова, написанные латиницей", "Kazakh words written in the Latin alphabet"),
}
_NOT_RD = ("ол ҒЗТКЖ-ға жатпайтын шығынды сипаттайды", "оно описывает расходы, не относящиеся к НИОКР", "it describes spending that is not R&D")
_NOT_RD_SUBJECT = (
    "онда жұмыстың өзі аталмаған, ал шарт нысанасы ҒЗТКЖ-ға жатпайтын шығынды сипаттайды",
    "в нём не названа сама работа, а предмет договора описывает расходы, не относящиеся к НИОКР",
    "it names no work of its own, and the agreement's subject describes spending that is not R&D",
)
_ON_WATCH = (
    "бүркемелеу тексеруші іздейтін сөздерге түседі: ",
    "маскировка приходится на слова, которые ищет проверяющий: ",
    "the disguise sits on words a reviewer searches for: ",
)
_AND = ("; ", "; ", "; ")

#: Purposes that may hold a disguise or mojibake: a Latin or Greek letter, a full-width or
#: mathematical letter, a control or invisible character, a zero between letters, letters typed
#: apart, Windows-1251 mojibake (the others hold Latin letters). The rest are not looked at.
_CANDIDATE = (
    r"[A-Za-z\x{00C0}-\x{024F}\x{0370}-\x{03FF}\x{1E00}-\x{1FFF}\x{FF00}-\x{FFEF}\x{1D400}-\x{1D7FF}]"
    r"|[\x{0000}-\x{0008}\x{000E}-\x{001F}\x{007F}-\x{009F}\x{00AD}\x{034F}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{206F}\x{FEFF}\x{FFFD}]"
    r"|\pL0\pL|(?:^|\s)\pL \pL \pL \pL(?:\s|$)|[РСТУ][\x{0402}-\x{040F}\x{0452}-\x{045F}\x{2013}-\x{2122}\x{00A0}-\x{00BF}]"
)


def _key(word: str) -> str:
    """A word as the classifier's reading writes it: lower case, «ё» as «е»."""
    return word.lower().replace("ё", "е")


def watched(word: str) -> bool:
    """Whether ``word`` (as read: lower case, Cyrillic where Russian) is one a reviewer searches for."""
    w = word.lower().replace("ё", "е")
    return w.startswith(_WATCH_STEMS) or w in _WATCH_WHOLE or (w.endswith("s") and w[:-1] in _WATCH_WHOLE)


_LETTERS = re.compile(r"[^\W\d_]+")


def disguise_of(analysis: textnorm.Analysis, known: frozenset[str] | None = None, *, kazakh_latin: bool = False) -> list[textnorm.Word]:
    """The words of a normalised purpose that were disguised (see the module).

    Words of fewer than three letters and words in codes or formulas («СO2») are left out; a word
    made of look-alike letters counts when, resolved, it is a word the classifier knows or a
    watched one (``known``: :func:`.purpose.vocabulary`); Kazakh Latin is not a disguise unless
    ``kazakh_latin`` (threshold ``kazakh_latin``).
    """
    out = []
    for word in analysis.words:
        letters = sum(len(x) for x in _LETTERS.findall(word.read))
        if (word.kind == "kazakh_latin" and not kazakh_latin) or word.foreign < 1 or letters < 3 or word.near_digit:
            continue
        if word.kind == "lookalike":
            read = word.read.lower().replace("ё", "е")
            if letters < 4 or not (watched(read) or (known is not None and read in known)):
                continue
        out.append(word)
    return out


def _nk50(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments whose purpose is disguised and reads as not R&D, or is disguised on a watched word."""
    min_score, min_letters, kazakh = float(params["min_score"]), int(params["min_letters"]), bool(int(params["kazakh_latin"]))
    pay = frames["payments"].select("payment_id", "agreement_id", "payer_id", "performer_id", "paid_on", "amount", "document_number", "purpose")
    if frames.has("agreements"):
        subjects = frames["agreements"].select("agreement_id", pl.col("subject").alias("_subject")).unique("agreement_id", keep="first")
        pay = pay.join(subjects, on="agreement_id", how="left")
    else:
        pay = pay.with_columns(pl.lit(None, dtype=pl.Utf8).alias("_subject"))
    pay = pay.with_columns(
        pl.when(pl.col("_subject").str.strip_chars().str.len_chars() > 0).then(pl.col("_subject")).alias("_subject"),
        (pl.col("purpose").is_null() | (pl.col("purpose").str.strip_chars().str.len_chars() == 0)).alias("_blank"),
    )
    # Only the purposes that may hold a disguise are normalised, each digit-folded text once.
    looked = pay.filter(~pl.col("_blank") & pl.col("purpose").str.contains(_CANDIDATE)).select("purpose").unique()
    looked = looked.with_columns(purpose.folded(pl.col("purpose")).alias("_folded"))
    known = purpose.vocabulary()
    found: dict[str, tuple[bool, list[textnorm.Word]]] = {}
    for text in looked["_folded"].unique().to_list():
        analysis = textnorm.analyse(text)
        found[text] = (analysis.garbled, disguise_of(analysis, known, kazakh_latin=kazakh))
    folded = list(found)
    marks = pl.DataFrame({
        "_folded": folded,
        "_garbled": [found[t][0] for t in folded],
        "_letters": [sum(w.foreign for w in found[t][1]) for t in folded],
        "_watched": [[_key(w.read) for w in found[t][1] if watched(_key(w.read))] for t in folded],
    }, schema={"_folded": pl.Utf8, "_garbled": pl.Boolean, "_letters": pl.Int64, "_watched": pl.List(pl.Utf8)})
    looked = looked.join(marks, on="_folded", how="left")
    pay = pay.join(looked, on="purpose", how="left").with_columns(pl.col("_letters").fill_null(0), pl.col("_garbled").fill_null(False))
    # The disguised purposes are read as NK-07 reads them: with the subject when they name no work.
    disguised = pay.filter(pl.col("_letters") > 0)
    verdicts = purpose.judge(disguised["purpose"], disguised["_subject"], min_score=min_score, explain=False).select(
        pl.col("purpose"), pl.col("subject").alias("_subject"), "read", "non_rd_score", "non_rd",
    )
    pay = pay.join(verdicts, on=["purpose", "_subject"], how="left", nulls_equal=True)
    # A disguised watched word counts where the purpose reads as not R&D, or where the word itself
    # weighs toward non-R&D in it: «обоpудования» in the R&D of a prototype of equipment does not.
    weighed = pay.filter(pl.col("_watched").list.len().fill_null(0) > 0).select("purpose", "_watched").unique("purpose")
    toward = {}
    for text, words in weighed.iter_rows():
        weights = purpose.word_weights(text)
        toward[text] = [w for w in words if weights.get(w, 0.0) > 0]
    pay = pay.join(
        pl.DataFrame({"purpose": list(toward), "_toward": list(toward.values())}, schema={"purpose": pl.Utf8, "_toward": pl.List(pl.Utf8)}),
        on="purpose", how="left",
    )
    on_watch = pl.when(pl.col("non_rd").fill_null(False)).then(pl.col("_watched")).otherwise(pl.col("_toward")).list.len().fill_null(0) > 0
    not_rd = pl.col("non_rd").fill_null(False) & (pl.col("_letters") >= min_letters)
    reason = pl.when(pl.col("_blank")).then(pl.lit("no_purpose")).when(pl.col("_garbled")).then(pl.lit("garbled_purpose"))
    pay = pay.with_columns(reason.alias("reason")).with_columns(
        pl.when(pl.col("reason").is_not_null()).then(pl.lit("not_computable"))
        .when((pl.col("_letters") > 0) & (not_rd | on_watch)).then(pl.lit("flagged"))
        .otherwise(pl.lit("clear")).alias("status"),
    )
    hit = pay.filter(pl.col("status") == "flagged")
    orgs = frames["organisations"].select(pl.col("org_id").alias("performer_id"), pl.col("bin").alias("performer_bin")).unique("performer_id") if frames.has("organisations") else None
    if orgs is not None:
        hit = hit.join(orgs, on="performer_id", how="left")
    else:
        hit = hit.with_columns(pl.lit(None, dtype=pl.Utf8).alias("performer_bin"))
    evidence = [_evidence(row, min_score, min_letters, kazakh) for row in hit.iter_rows(named=True)]
    return outcome(pl.concat([
        pay.filter(pl.col("status") != "flagged").select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", "reason"),
        hit.select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", pl.Series("evidence", evidence, dtype=pl.Utf8), "amount"),
    ], how="diagonal_relaxed"))


def _evidence(row: dict, min_score: float, min_letters: int, kazakh: bool) -> str:
    """The evidence of one flagged payment: the disguised words as written and as read, the forms, the reading."""
    analysis = textnorm.analyse(row["purpose"])
    words = disguise_of(analysis, purpose.vocabulary(), kazakh_latin=kazakh)
    kinds = list(dict.fromkeys(w.kind for w in words))
    not_rd = bool(row["non_rd"]) and row["_letters"] >= min_letters
    counted = set((row["_watched"] if row["non_rd"] else row["_toward"]) or [])
    watched_words = [w.read for w in words if _key(w.read) in counted]
    findings = []
    for i, lang in enumerate(_LANGS):
        parts = []
        if not_rd:
            parts.append((_NOT_RD_SUBJECT if row["read"] == "subject" else _NOT_RD)[i])
        if watched_words:
            parts.append(_ON_WATCH[i] + ", ".join(dict.fromkeys(watched_words)))
        findings.append(_AND[i].join(parts))
    data = {
        "payment_id": row["payment_id"],
        "document_number": row["document_number"],
        "paid_on": row["paid_on"].strftime(_DATE) if row["paid_on"] is not None else None,
        "amount_tiyn": row["amount"],
        "performer_bin": row["performer_bin"],
        "purpose": (row["purpose"] or "").strip()[:160],
        "purpose_read": analysis.text[:160],
        "disguised": [f"{w.written} → {w.read}" for w in words],
        "letters": sum(w.foreign for w in words),
        "key_terms": list(dict.fromkeys(w.written for w in words if w.read in watched_words)),
        "non_rd_score": row["non_rd_score"],
        "min_score": min_score,
        "min_letters": min_letters,
        "disguise_kinds": ",".join(kinds),
        **{f"disguise_{lang}": "; ".join(_FORMS[k][i] for k in kinds) for i, lang in enumerate(_LANGS)},
        **{f"finding_{lang}": findings[i] for i, lang in enumerate(_LANGS)},
    }
    if row["read"] == "subject" and row["_subject"]:
        data["subject"] = row["_subject"].strip()[:300]
    return json.dumps(data, ensure_ascii=False)


NK50 = Indicator(
    code="NK-50",
    version=1,
    subject_type="payment",
    weight=65,
    title={
        "kk": "Төлем мақсаты ұқсас әріптермен, әліпбилерді араластырумен немесе транслитерациямен бүркемеленген",
        "ru": "Назначение платежа замаскировано похожими буквами, смешением алфавитов или транслитерацией",
        "en": "Payment purpose disguised by look-alike letters, mixed alphabets or transliteration",
    },
    rationale={
        "kk": (
            "Тексерушілер ҒЗТКЖ емес шығынды сөздері арқылы табады: іздеу, сөздер тізімі, жіктеуіш. Кириллицаға ұқсас латын әріптерімен, бір сөзде екі "
            "әліпбидің әріптерімен, латынша транслитерациямен немесе көрінбейтін таңбалармен терілген мақсат олардың бәрінен өтіп кетеді, ал адал "
            "бухгалтерге олай теруге себеп жоқ. Осылай бүркемеленген мақсат қалыпқа келтірілгенде ҒЗТКЖ-ға жатпайтын шығынды сипаттаса немесе "
            "бүркемелеу тексеруші іздейтін сөзге түссе, төлемге белгі қойылады. Латынша брендтер, стандарттар, формулалар мен өлшем бірліктері, "
            "латын әліпбиімен жазылған қазақ мәтіні және бұзылған кодтаудағы мәтін бүркемелеу емес."
        ),
        "ru": (
            "Проверяющие находят расходы не на НИОКР по их словам: поиском, списком слов, классификатором. Назначение, набранное латинскими буквами, "
            "похожими на кириллицу, буквами двух алфавитов в одном слове, латинской транслитерацией или с невидимыми символами, проходит мимо всех "
            "них, а у добросовестного бухгалтера нет причин так его набирать. Если замаскированное так назначение после нормализации описывает "
            "расходы, не относящиеся к НИОКР, или маскировка приходится на слова, которые ищет проверяющий, платёж получает флаг. Латинские "
            "названия брендов, стандарты, формулы и единицы измерения, казахский текст на латинице и текст в сбитой кодировке — не маскировка."
        ),
        "en": (
            "Reviewers find spending that is not R&D by its words: a search, a word list, a classifier. A purpose typed with Latin letters that look "
            "like Cyrillic ones, with letters of two alphabets in one word, in Latin transliteration or with invisible characters slips past all of "
            "them, and an honest accountant has no reason to type it so. When a purpose so disguised, once normalised, describes spending that is "
            "not R&D, or the disguise sits on the words a reviewer searches for, the payment is flagged. Latin brand names, standards, formulas "
            "and units, Kazakh written in the Latin alphabet and text in a broken encoding are not disguise."
        ),
    },
    legal_basis={
        "kk": (
            "ҚР 24.06.2010 № 291-IV «Жер қойнауы және жер қойнауын пайдалану туралы» Заңы, 76-бап 12-1-тармақ; ҚР 27.12.2017 № 125-VI Кодексі, "
            "129, 178-баптар (міндеттеме ҒЗТКЖ шығыстарымен орындалады); ҚР 26.07.2016 № 11-VI «Төлемдер және төлем жүйелері туралы» Заңы "
            "(төлем нұсқауында төлемнің мақсаты көрсетіледі); ҚР 28.02.2007 № 234-III «Бухгалтерлік есеп пен қаржылық есептілік туралы» Заңы "
            "(бастапқы құжаттар операцияны дұрыс көрсетеді)"
        ),
        "ru": (
            "Закон РК от 24.06.2010 № 291-IV «О недрах и недропользовании», ст. 76 п. 12-1; Кодекс РК от 27.12.2017 № 125-VI, ст. 129, 178 "
            "(обязательство исполняется расходами на НИОКР); Закон РК от 26.07.2016 № 11-VI «О платежах и платёжных системах» (платёжное "
            "указание содержит назначение платежа); Закон РК от 28.02.2007 № 234-III «О бухгалтерском учёте и финансовой отчётности» "
            "(первичные документы достоверно отражают операцию)"
        ),
        "en": (
            "Law of 24.06.2010 No 291-IV \"On Subsoil and Subsoil Use\", art. 76(12-1); Code of 27.12.2017 No 125-VI, art. 129, 178 (the obligation "
            "is met by R&D spending); Law of 26.07.2016 No 11-VI \"On Payments and Payment Systems\" (a payment instruction states the purpose of "
            "the payment); Law of 28.02.2007 No 234-III \"On Accounting and Financial Reporting\" (primary documents reflect the transaction faithfully)"
        ),
    },
    explanation={
        "kk": (
            "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемінің (орындаушы — {performer_bin}) мақсаты «{purpose}» бүркемеленген "
            "({disguise_kk}): {disguised}; бүркемеленген әріптер мен белгілер: {letters}. «{purpose_read}» деп оқылғанда {finding_kk} "
            "(ҒЗТКЖ емес ықтималдығы {non_rd_score}, шек {min_score})."
        ),
        "ru": (
            "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} исполнителю {performer_bin} имеет замаскированное назначение «{purpose}» "
            "({disguise_ru}): {disguised}; замаскированных букв и знаков: {letters}. В прочтении «{purpose_read}» {finding_ru} "
            "(вероятность «не НИОКР» {non_rd_score}, порог {min_score})."
        ),
        "en": (
            "Payment {document_number} of {amount_tiyn} on {paid_on} to performer {performer_bin} has a disguised purpose «{purpose}» "
            "({disguise_en}): {disguised}; disguised letters and marks: {letters}. Read as «{purpose_read}», {finding_en} "
            "(probability of non-R&D {non_rd_score}, threshold {min_score})."
        ),
    },
    needs=("payments",),
    evaluate=_nk50,
    thresholds=(
        Threshold("min_score", purpose.DEFAULT_MIN_SCORE, {
            "kk": "Қалыпқа келтірілген мақсаттың (жұмыс аталмаса — шарт нысанасымен бірге, NK-07 сияқты) «ҒЗТКЖ емес» ықтималдығы, осы мәннен бастап ол ҒЗТКЖ емес шығынды сипаттайды деп саналады.",
            "ru": "Вероятность «не НИОКР» нормализованного назначения (если работа не названа — вместе с предметом договора, как в NK-07), начиная с которой считается, что оно описывает расходы не на НИОКР.",
            "en": "Probability of non-R&D of the normalised purpose (read with the agreement's subject when it names no work, as NK-07 reads it) from which it describes spending that is not R&D.",
        }),
        Threshold("min_letters", 2, {
            "kk": "ҒЗТКЖ емес деп оқылатын мақсатта болуы тиіс бүркемеленген әріптер мен белгілердің ең аз саны (басқа әліпбидің әріптері, транслитерацияланған сөздердің әріптері, әріп орнындағы нөлдер, көрінбейтін таңбалар): бір әріп пернетақтадағы кездейсоқ қате болуы мүмкін. Тексеруші іздейтін сөздегі бүркемелеуге бір әріп жеткілікті.",
            "ru": "Наименьшее число замаскированных букв и знаков (буквы другого алфавита, буквы транслитерированных слов, нули вместо букв, невидимые символы) в назначении, которое читается как не НИОКР: одна буква может быть случайной опечаткой. Для маскировки на слове, которое ищет проверяющий, достаточно одной буквы.",
            "en": "Fewest disguised letters and marks (letters of another alphabet, letters of transliterated words, zeros for letters, invisible characters) a purpose read as not R&D must hold: one letter may be a slip of the keyboard. A disguise on a word a reviewer searches for needs one letter only.",
        }),
        Threshold("kazakh_latin", 0, {
            "kk": "1 — қазақ латын әліпбиімен (2021, 2018 немесе 2017 жылғы нұсқасы) жазылған мақсат басқа бүркемелеу түрлері сияқты бағаланады (оның әріптері саналады); 0 — мемлекеттік тілдің әліпбиі бүркемелеу емес, ондай мақсат ҒЗТКЖ емес болса, оны NK-07 табады.",
            "ru": "1 — назначение, написанное казахской латиницей (вариант 2021, 2018 или 2017 года), оценивается как прочие виды маскировки (его буквы засчитываются); 0 — алфавит государственного языка не маскировка, а такое назначение не на НИОКР находит NK-07.",
            "en": "1: a purpose written in a Kazakh Latin alphabet (the 2021, 2018 or 2017 version) is judged like the other forms of disguise (its letters count); 0: the state language's alphabet is no disguise, and NK-07 finds such a purpose when it is not R&D.",
        }),
    ),
    truth_codes=("disguised_purpose",),
)

INDICATORS: tuple[Indicator, ...] = (NK50,)
