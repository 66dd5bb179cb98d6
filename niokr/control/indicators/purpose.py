"""A transparent lexicon classifier of payment purposes: is this R&D, or something else?

Payment purposes are short free texts in Russian, Kazakh or English. The classifier looks for two
lists of terms — wordings of spending that is *not* R&D (equipment and vehicle purchases, training
and courses, sponsorship and charity, social and sports spending, corporate events,
"rationalisation proposals", construction and repair, salaries and bonuses, advertising,
consulting and audit, …) and wordings of R&D (НИОКР, ҒЗТКЖ, research, зерттеу, исследование,
разработка, experimental, опытно-конструкторские, …) — and reports the words it matched.

Rule (documented for the auditor): a purpose is *not R&D* when it matches at least
``min_non_rd_terms`` distinct non-R&D words **and** more distinct non-R&D words than R&D words.
"Приобретение оборудования" is not R&D; "Приобретение оборудования для экспериментальных
исследований" (two non-R&D words, two R&D words) is left alone — the classifier flags only what
outweighs the R&D wording, so that a legitimate research purchase is not accused on one word.

Matching: the text is lower-cased and ``ё`` becomes ``е`` (Kazakh letters are kept); a term is a
word stem matched from the start of a word (``оборудован*`` matches «оборудования»,
«оборудованием») or a whole word (``нир``), and a phrase is a sequence of such tokens separated by
spaces or punctuation (``повышени* квалификаци*``). Codes such as agreement numbers
(«НИР-2023/004») are removed first: an R&D agreement's number does not make a purpose R&D. Phrases are tried before single words, so
«машинного обучения» (machine learning) counts as R&D wording although «обучение» alone is
training. Classification runs on the distinct normalised texts (digits folded away, so purposes
that differ only in agreement numbers and dates are classified once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

__all__ = ["NON_RD_TERMS", "RD_TERMS", "normalise", "normalised", "classify", "classify_text", "Classification"]

#: Wordings of spending that is not R&D. ``*`` ends a stem; a term without it is a whole word.
NON_RD_TERMS: tuple[str, ...] = (
    # purchases of equipment, vehicles and goods
    "приобрет*", "закуп*", "покупк*", "оборудовани*", "спецтехник*", "автотранспорт*", "автомобил*", "транспортн* средств*",
    "мебел*", "оргтехник*", "запасн* част*", "канцеляр*", "гсм", "горюче-смазочн*",
    "сатып алу*", "жабды*", "арнайы техник*", "көлік құрал*",
    "purchase*", "procure*", "acquisition*", "equipment*", "vehicle*", "machinery", "furniture*", "spare parts",
    # training, courses, seminars
    "обучени*", "курс*", "повышени* квалификаци*", "переподготовк*", "семинар*", "тренинг*", "стажировк*",
    "оқыту*", "біліктілі*", "training*", "course*", "seminar*",
    # sponsorship, charity, social and sports spending, events
    "спонсор*", "благотворительн*", "пожертвовани*", "безвозмездн* помощ*", "материальн* помощ*",
    "социальн*", "спорт*", "футбол*", "праздни*", "юбиле*", "корпоративн*", "мероприяти*", "банкет*", "благоустройств*",
    "демеуші*", "қайырымдылы*", "әлеуметтік*", "мереке*", "іс-шара*",
    "sponsor*", "charit*", "donation*", "social*", "sport*", "football*", "festiv*", "holiday*", "corporate event*", "banquet*",
    # rationalisation proposals
    "рационализатор*", "рацпредложени*", "ұтымдастыру*", "rationalisation*", "rationalization*",
    # construction and repair
    "строительств*", "строительно-монтажн*", "ремонт*", "құрылыс*", "жөндеу*", "construction*", "repair*", "renovation*",
    # salaries, bonuses, rewards
    "заработн* плат*", "зарплат*", "преми*", "вознаграждени*", "бонус*", "поощрени*", "отпускн*",
    "жалақ*", "сыйақ*", "сыйлықақ*", "salar*", "wage*", "bonus*", "remuneration*",
    # services unrelated to R&D: advertising, consulting, audit, accounting, legal, rent, insurance, taxes
    "реклам*", "маркетинг*", "консалтинг*", "аудит*", "финансов* отчетност*", "бухгалтерск*", "юридическ* услуг*",
    "аренд*", "коммунальн*", "страховани*", "налог*", "штраф*", "дивиденд*", "туристическ*", "путевк*",
    "жарнама*", "кеңес беру*", "жалға алу*", "advertis*", "marketing*", "consulting*", "audit*", "accounting*",
    "legal services", "rental*", "insurance*", "dividend*",
)

#: Wordings of R&D.
RD_TERMS: tuple[str, ...] = (
    "ниокр", "ниоктр", "нир", "окр", "нтр", "научн*", "исследова*", "разработ*", "опытн*", "конструкторск*",
    "экспериментальн*", "эксперимент*", "испытани*", "пилотн*", "прототип*", "изобретени*", "патент*", "инновацион*",
    "лаборатор*", "моделировани*", "машинн* обучени*", "нейросет*", "искусственн* интеллект*",
    "ғзткж", "ғылыми*", "зерттеу*", "әзірле*", "тәжірибелік*", "сынақ*", "конструкторлық*", "инновациялық*",
    "зертхана*", "машиналық оқыт*", "жасанды интеллект*",
    "r&d", "research*", "development*", "experiment*", "scientific*", "science*", "prototype*", "pilot*", "trial*",
    "innovati*", "laborator*", "invention*", "patent*", "machine learning", "artificial intelligence",
)


def _pattern(terms: tuple[str, ...]) -> str:
    """One alternation for a list of terms: phrases first, each anchored at a word start."""

    def token(t: str) -> str:
        return re.escape(t[:-1]) + r"\w*" if t.endswith("*") else re.escape(t) + r"\b"

    ordered = sorted(terms, key=lambda t: (-len(t.split()), -len(t), t))
    return "|".join(r"\b" + r"\W+".join(token(t) for t in term.split()) for term in ordered)


_NON_RD = _pattern(NON_RD_TERMS)
_RD = _pattern(RD_TERMS)
#: a code: letters glued to digits by an optional hyphen or slash («ниокр-2023/004», «пп-2024-000123»)
_CODE = r"\b[^\W\d]+[-/]?\d[\w./\-]*"


def normalise(text: str) -> str:
    """Lower case, ``ё`` → ``е``, runs of spaces as one (the form the terms are matched in)."""
    return " ".join(text.lower().replace("ё", "е").split())


def normalised(expr: pl.Expr) -> pl.Expr:
    """:func:`normalise` as a polars expression."""
    return expr.str.to_lowercase().str.replace_all("ё", "е", literal=True).str.replace_all(r"\s+", " ").str.strip_chars()


@dataclass(frozen=True)
class Classification:
    """What the classifier found in one purpose."""

    non_rd_terms: tuple[str, ...]
    rd_terms: tuple[str, ...]
    non_rd: bool


def classify(texts: pl.Series, *, min_non_rd_terms: int = 1) -> pl.DataFrame:
    """Classify purposes: one row per distinct input text (nulls and blanks are not classified).

    Returns ``text`` (as given), ``non_rd_terms`` and ``rd_terms`` (the distinct words matched,
    normalised, in order of appearance) and ``non_rd`` (the rule of the module docstring).
    """
    given = pl.DataFrame({"text": texts.cast(pl.Utf8)}).unique().filter(pl.col("text").str.strip_chars().str.len_chars() > 0)
    # Digits carry no meaning for the lexicon, so each digit-folded text is classified once: purposes
    # that differ only in agreement numbers and dates share one verdict.
    given = given.with_columns(pl.col("text").str.replace_all(r"\d+", "0").alias("_key"))
    # Document and agreement numbers ("НИР-2023/004") are codes, not wording: an R&D agreement's
    # number must not vouch for a payment's purpose.
    keyed = given.select("_key").unique().with_columns(normalised(pl.col("_key")).str.replace_all(_CODE, " ").alias("_words")).select(
        "_key",
        pl.col("_words").str.extract_all(_NON_RD).list.unique(maintain_order=True).alias("non_rd_terms"),
        pl.col("_words").str.extract_all(_RD).list.unique(maintain_order=True).alias("rd_terms"),
    )
    keyed = keyed.with_columns(
        ((pl.col("non_rd_terms").list.len() >= min_non_rd_terms) & (pl.col("non_rd_terms").list.len() > pl.col("rd_terms").list.len())).alias("non_rd")
    )
    return given.join(keyed, on="_key", how="left").select("text", "non_rd_terms", "rd_terms", "non_rd")


def classify_text(text: str, *, min_non_rd_terms: int = 1) -> Classification:
    """Classify one purpose (the rule of :func:`classify`, for tests and the catalogue page)."""
    found = classify(pl.Series([text]), min_non_rd_terms=min_non_rd_terms)
    if found.height == 0:
        return Classification((), (), False)
    row = found.row(0, named=True)
    return Classification(tuple(row["non_rd_terms"]), tuple(row["rd_terms"]), bool(row["non_rd"]))
