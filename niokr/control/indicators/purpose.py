"""The purpose classifier of NK-07: does a payment's purpose describe R&D, or other spending?

Payment purposes are short free texts in Kazakh, Russian and English, typed by accountants: with
agreement numbers, dates, VAT phrases, abbreviations, typos and Latin letters in Cyrillic words.
A word list cannot hold every wording of non-R&D spending (travel, pipes, catering, security, …),
and counting words lets one R&D word cancel one non-R&D word («ремонт … лаборатории»). This module
fits a linear model over character n-grams and word n-grams (scikit-learn: TF-IDF features,
logistic regression) to a hand-labelled corpus of purposes (``data/purposes.csv``; its labelling
rules are in ``data/README.md``): character n-grams carry the meaning of a stem into the forms
and languages the corpus does not spell out («командировочн» → «командировочных»,
«командир.»), and the weights learn which words decide («ремонт», «поставка», «спонсорская») and
which merely name a beneficiary («лаборатории», «научной»).

The model is fitted from the corpus's ``train`` lines at first use in a process (well under a
second) and kept; nothing is downloaded or stored as a pickle, and the fit is deterministic. Its
``test`` lines are held out for :func:`evaluate_held_out` (``niokr control purpose-eval``).

Every verdict is explained: the words of the text whose n-grams weighed most toward non-R&D and
toward R&D, and the probability of non-R&D (``non_rd_score``), which NK-07 compares with its
threshold ``min_score``.

Requisites are not the purpose (:func:`normalised`): agreement, invoice and act numbers, dates,
amounts, currency and VAT phrases are removed before the model reads a text, so an R&D
agreement's number («НИР-2023/004») does not make a repair R&D, and purposes that differ only in
requisites are classified once, as one text.
"""

from __future__ import annotations

import csv
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

__all__ = [
    "CORPUS", "DEFAULT_MIN_SCORE", "Classification", "Evaluation",
    "normalise", "normalised", "corpus", "model", "classify", "classify_text", "evaluate_held_out",
]

#: The labelled corpus (text, label rd | non_rd, lang kk | ru | en, split train | test).
CORPUS = Path(__file__).with_name("data") / "purposes.csv"
#: Probability of non-R&D from which NK-07 flags a purpose (threshold ``min_score``).
DEFAULT_MIN_SCORE = 0.5
#: Words reported on each side of a verdict.
TOP_TERMS = 5

# -- requisites --------------------------------------------------------------------------------------

_CODE = r"[\w&./\\-]*\d[\w&./\\-]*"  # a token holding a digit: a number, a code, a date, an amount
_VAT = (
    r"(?:\b(?:в\s*т\s*\.?\s*ч\s*\.?|в\s+том\s+числе|(?:соның|оның)\s+ішінде|включая|с\s+учетом|с|без|including|incl\s*\.?|with|without|excluding|excl\s*\.?|no)\s*)?"
    r"\b(?:ндс|vat|ққс)(?:\s*-?\s*(?:пен|сыз|ты|ті|тен))?\b"
    r"(?:\s*[:=-]?\s*\d+(?:[.,]\d+)?\s*%)?"
    r"(?:\s*(?:не\s+облагается|exempt|included|excluded|қоса\s+алғанда|есебімен|салынбайды))?"
)
_DATE = (
    r"(?:\b(?:от|of|dated|from)\s+)?\d+[./-]\d+[./-]\d+(?:\s*(?:г\b\.?|года\b|ж\b\.?|жылғы\b))?"
    r"|\b\d+\s*(?:г\b\.?|года\b|году\b|ж\b\.?|жылғы\b|жылы\b)"
)
_DOC = (
    r"(?:договор\w*|дог|контракт\w*|contract|agreement|сч[её]т\w*(?:\s*-\s*фактур\w*)?|сч|invoice|накладн\w*|waybill"
    r"|акт\w*|act|спецификаци\w*|specification|шарт\w*|шот\w*|жүкқұжат\w*)"
)
_REFERENCE = (
    r"(?:\b(?:по|согласно|под|under|per|as\s+per|according\s+to)\s+)?\b" + _DOC + r"\s*\.?\s*(?:№|no\b\.?|nr\b\.?|n\b|#)\s*" + _CODE
    + r"|(?:(?:№|#)\s*)?" + _CODE + r"\s+(?:шарт\w*|шот\w*|жүкқұжат\w*)(?:\s*-\s*фактур\w*)?(?:\s+(?:бойынша|сәйкес))?"
)
_NUMBER = r"(?:№|\bno\b\.?|\bnr\b\.?|#)\s*" + _CODE
_MONEY_WORDS = r"\b(?:тг|тенге|теңге|kzt|тиын|сумма|сумме|суммы|сомасы|amount)\b|₸"
_ORDINAL = r"\b\d+\s*-\s*(?:й|ый|ий|ой|го|ші|шы|нші|ншы)\b"
_STAGE = r"\b\d+\s*-\s*(кезең\w*)"  # «2-кезең»: the number goes, the word stays

#: Latin letters that look like Cyrillic ones, as typed inside Cyrillic words («HИОКР», «pемонт»).
_LOOKALIKES = str.maketrans("aceopxykmhtb", "асеорхукмнтв")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
_LATIN = re.compile(r"[a-z]")
_WORD = re.compile(r"[\w&]+")


def normalised(expr: pl.Expr) -> pl.Expr:
    """The text the model reads, as a polars expression: lower case, ``ё`` → ``е``, requisites removed,
    punctuation as spaces. Every run of digits is treated alike (``12.03.2024`` as ``0.0.0``).

    Latin look-alike letters inside Cyrillic words are mended afterwards, on distinct texts only
    (:func:`_mend`): it is a per-word rule that a regular expression cannot say.
    """
    out = expr.str.to_lowercase().str.replace_all("ё", "е", literal=True)
    out = out.str.replace_all(_STAGE, " $1").str.replace_all(_ORDINAL, " ").str.replace_all(_VAT, " ").str.replace_all(_DATE, " ")
    out = out.str.replace_all(_REFERENCE, " ").str.replace_all(_NUMBER, " ").str.replace_all(_CODE, " ")
    out = out.str.replace_all(_MONEY_WORDS, " ").str.replace_all(r"[^\w&]+|_", " ")
    return out.str.replace_all(r"\s+", " ").str.strip_chars()


def _mend(text: str) -> str:
    """Cyrillic letters for the Latin look-alikes typed inside a Cyrillic word."""
    if not (_LATIN.search(text) and _CYRILLIC.search(text)):
        return text

    def word(match: re.Match) -> str:
        w = match.group(0)
        return w.translate(_LOOKALIKES) if _CYRILLIC.search(w) and _LATIN.search(w) else w

    return _WORD.sub(word, text)


def normalise(text: str) -> str:
    """:func:`normalised` for one text (the form the model reads; ``""`` when only requisites remain)."""
    return _mend(pl.Series([text or ""], dtype=pl.Utf8).to_frame("t").select(normalised(pl.col("t")))["t"][0])


# -- the corpus and the model ------------------------------------------------------------------------


def corpus() -> pl.DataFrame:
    """The labelled corpus: ``text``, ``label``, ``lang``, ``split``."""
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return pl.DataFrame(rows, schema={"text": pl.Utf8, "label": pl.Utf8, "lang": pl.Utf8, "split": pl.Utf8}, orient="row")


def _keys(texts: list[str]) -> list[str]:
    return [_mend(k) for k in pl.DataFrame({"t": texts}, schema={"t": pl.Utf8}).select(normalised(pl.col("t")))["t"].to_list()]


def build_pipeline():
    """The features and the classifier, unfitted (the settings are explained in docs/control.md, NK-07).

    Character n-grams of 2 to 5 letters inside word boundaries carry stems across inflections,
    languages' spellings and typos; word unigrams and bigrams carry short phrases
    («не является», «for the laboratory»). Logistic regression gives transparent weights and a
    probability; classes are balanced so that the corpus's mix does not set the prior.
    """
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    # Character n-grams as counts, then TF-IDF: the same as TfidfVectorizer(analyzer="char_wb"), in
    # two steps so that _Model.features can count a text's n-grams as the sum of its words'.
    chars = Pipeline([
        ("counts", CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False)),
        ("tfidf", TfidfTransformer(sublinear_tf=True)),
    ])
    features = FeatureUnion([
        ("chars", chars),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[\w&]+", sublinear_tf=True, lowercase=False)),
    ])
    classifier = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0)
    return Pipeline([("features", features), ("classifier", classifier)])


class _Model:
    """The fitted pipeline, its weights (> 0 toward non-R&D) and the feature columns of each word."""

    def __init__(self, pipeline):
        self.pipeline = pipeline
        chars, words = (t for _, t in pipeline.named_steps["features"].transformer_list)
        self._counts, self._tfidf, self._words = chars.named_steps["counts"], chars.named_steps["tfidf"], words
        self._offset = len(self._counts.vocabulary_)
        self._char_grams = self._counts.build_analyzer()
        self.weights = pipeline.named_steps["classifier"].coef_[0]
        self.intercept = float(pipeline.named_steps["classifier"].intercept_[0])
        self._columns: dict[str, tuple[int, ...]] = {}

    def features(self, keys: list[str]):
        """The feature matrix of normalised texts, equal to the pipeline's own but faster.

        ``char_wb`` n-grams never cross a space, so a text's n-gram counts are the sum of its
        words' counts: each distinct word is analysed once (a national set of purposes has
        thousands of distinct words and a hundred thousand distinct texts).
        """
        from scipy import sparse

        index: dict[str, int] = {}
        rows, cols = [], []
        for i, key in enumerate(keys):
            for word in key.split():
                rows.append(i)
                cols.append(index.setdefault(word, len(index)))
        incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(keys), len(index)))
        counts = incidence @ self._counts.transform(list(index)) if index else self._counts.transform(keys)
        return self._tfidf.transform(counts).tocsr(), self._words.transform(keys).tocsr()

    def scores(self, keys: list[str]) -> np.ndarray:
        """Probability of non-R&D: the logistic regression's, computed on the two blocks of features
        without stacking them."""
        chars, words = self.features(keys)
        margin = chars @ self.weights[: self._offset] + words @ self.weights[self._offset :] + self.intercept
        return 1.0 / (1.0 + np.exp(-margin))

    def contributions(self, keys: list[str]) -> list[dict[int, float]]:
        """Per text, each present feature's value times its weight, by feature column."""
        out = []
        for block, offset in zip(self.features(keys), (0, self._offset), strict=True):
            block.data *= self.weights[block.indices + offset]
            for i in range(len(keys)):
                start, end = block.indptr[i], block.indptr[i + 1]
                if offset == 0:
                    out.append({})
                out[i].update(zip((block.indices[start:end] + offset).tolist(), block.data[start:end].tolist(), strict=True))
        return out

    def columns_of(self, word: str) -> tuple[int, ...]:
        """The feature columns of one word: its character n-grams and the word itself."""
        if word not in self._columns:
            cols = {self._counts.vocabulary_.get(g) for g in self._char_grams(word)}
            cols.add(self._offset + self._words.vocabulary_[word] if word in self._words.vocabulary_ else None)
            self._columns[word] = tuple(sorted(c for c in cols if c is not None))
        return self._columns[word]

    def bigram_column(self, left: str, right: str) -> int | None:
        col = self._words.vocabulary_.get(f"{left} {right}")
        return None if col is None else self._offset + col


_fitted: _Model | None = None
_lock = threading.Lock()


def model() -> _Model:
    """The model fitted on the corpus's ``train`` lines, once per process."""
    global _fitted
    if _fitted is None:
        with _lock:
            if _fitted is None:
                _fitted = fit(corpus().filter(pl.col("split") == "train"))
    return _fitted


def fit(lines: pl.DataFrame) -> _Model:
    """Fit the pipeline to labelled lines (``text``, ``label``)."""
    pipeline = build_pipeline()
    pipeline.fit(_keys(lines["text"].to_list()), (lines["label"] == "non_rd").cast(pl.Int8).to_numpy())
    return _Model(pipeline)


# -- the explanation ---------------------------------------------------------------------------------


#: Words too common to explain a verdict, though their n-grams are counted (prepositions, articles).
_FILLER = frozenset("для при под над без или the and for with from into per".split())


def _explain(m: _Model, keys: list[str], originals: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each text, the words whose n-grams weighed most toward non-R&D and toward R&D.

    Each feature's contribution (its TF-IDF value times its weight) is shared among the words of
    the text it occurs in — a character n-gram among the words that contain it, a word bigram
    between its two words — and words are reported as written in the original text. Words of
    one or two letters and :data:`_FILLER` are not reported.
    """
    if not keys:
        return []
    distinct = list(dict.fromkeys(keys))
    weighed: dict[str, dict[str, float]] = {}
    for key, value in zip(distinct, m.contributions(distinct), strict=True):
        words = key.split()
        # the features of each word: its character n-grams and word unigram, and the bigrams it is in
        owned = {w: set(m.columns_of(w)) for w in words}
        for left, right in zip(words, words[1:], strict=False):
            col = m.bigram_column(left, right)
            if col is not None:
                owned[left].add(col)
                owned[right].add(col)
        owners = Counter(col for cols in owned.values() for col in cols)
        weighed[key] = {w: sum(value.get(col, 0.0) / owners[col] for col in cols) for w, cols in owned.items()}
    out = []
    for key, original in zip(keys, originals, strict=True):
        totals = weighed[key]
        surface: dict[str, str] = {}
        for token in _WORD.findall(original or ""):
            surface.setdefault(_mend(token.lower().replace("ё", "е")), token)
        shown = [(w, v) for w, v in totals.items() if (len(w) > 2 or "&" in w) and w not in _FILLER]
        ranked = sorted(shown, key=lambda kv: kv[1])
        toward_rd = tuple(surface.get(w, w) for w, v in ranked[:TOP_TERMS] if v < 0)
        toward_non_rd = tuple(surface.get(w, w) for w, v in reversed(ranked[-TOP_TERMS:]) if v > 0)
        out.append((toward_non_rd, toward_rd))
    return out


# -- classification ----------------------------------------------------------------------------------

_TERM_LIST = pl.List(pl.Utf8)
_RESULT = {"text": pl.Utf8, "non_rd_score": pl.Float64, "non_rd": pl.Boolean, "non_rd_terms": _TERM_LIST, "rd_terms": _TERM_LIST}


def classify(texts: pl.Series, *, min_score: float = DEFAULT_MIN_SCORE, explain: bool = True) -> pl.DataFrame:
    """Classify purposes set-wise: one row per distinct non-blank input text.

    Returns ``text`` (as given), ``non_rd_score`` (probability of non-R&D, 3 decimals; null when
    nothing but requisites is left), ``non_rd`` (score ≥ ``min_score``; null likewise) and
    ``non_rd_terms`` / ``rd_terms`` (the words that weighed most each way, for the purposes found
    not to be R&D; null otherwise, and everywhere when ``explain`` is false). Texts are reduced
    to their normalised form first and each distinct form is scored once.
    """
    given = pl.DataFrame({"text": texts.cast(pl.Utf8)}).unique().filter(pl.col("text").str.strip_chars().str.len_chars() > 0)
    # Normalisation treats every run of digits alike, so it runs once per digit-folded text: the
    # purposes of a national run differ mostly in their numbers and dates.
    given = given.with_columns(pl.col("text").str.replace_all(r"\d+", "0").alias("_folded"))
    folded = given.select("_folded").unique().with_columns(normalised(pl.col("_folded")).alias("_raw_key"))
    given = given.join(folded, on="_folded", how="left")
    raw_keys = folded.select("_raw_key").unique()
    raw_keys = raw_keys.with_columns(pl.Series("_key", [_mend(k) for k in raw_keys["_raw_key"]], dtype=pl.Utf8))
    keys = raw_keys.filter(pl.col("_key") != "").select("_key").unique(maintain_order=True)
    m = model()
    scores = m.scores(keys["_key"].to_list()) if keys.height else np.empty(0)
    keys = keys.with_columns(pl.Series("non_rd_score", np.round(scores.astype(np.float64), 3), dtype=pl.Float64))
    keys = keys.with_columns((pl.col("non_rd_score") >= min_score).alias("non_rd"))
    out = given.join(raw_keys, on="_raw_key", how="left").join(keys, on="_key", how="left")
    # Only the purposes found not to be R&D are explained, and only they leave polars.
    flagged = out.filter(pl.col("non_rd")).select("text", "_key") if explain else out.clear().select("text", "_key")
    explained = _explain(m, flagged["_key"].to_list(), flagged["text"].to_list())
    terms = pl.DataFrame(
        {"text": flagged["text"], "non_rd_terms": [list(e[0]) for e in explained], "rd_terms": [list(e[1]) for e in explained]},
        schema={"text": pl.Utf8, "non_rd_terms": _TERM_LIST, "rd_terms": _TERM_LIST},
    )
    out = out.join(terms, on="text", how="left")
    return out.select(list(_RESULT)).cast(_RESULT)


@dataclass(frozen=True)
class Classification:
    """The verdict on one purpose and its explanation."""

    non_rd: bool
    score: float | None  # probability of non-R&D; None: nothing but requisites
    non_rd_terms: tuple[str, ...]
    rd_terms: tuple[str, ...]


def classify_text(text: str, *, min_score: float = DEFAULT_MIN_SCORE) -> Classification:
    """Classify one purpose and explain it both ways, whatever the verdict (tests, pages)."""
    key = normalise(text or "")
    if not key:
        return Classification(False, None, (), ())
    m = model()
    score = round(float(m.scores([key])[0]), 3)
    (toward_non_rd, toward_rd), = _explain(m, [key], [text])
    return Classification(score >= min_score, score, toward_non_rd, toward_rd)


# -- evaluation on the held-out lines ------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """Precision, recall and F1 of ``non_rd`` on a set of labelled lines."""

    lang: str  # "all" or a language
    lines: int
    non_rd: int  # lines labelled non_rd
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.non_rd if self.non_rd else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_held_out(*, min_score: float = DEFAULT_MIN_SCORE, split: str = "test") -> tuple[list[Evaluation], pl.DataFrame]:
    """Score the model (fitted on ``train``) on the corpus's held-out lines, overall and per language.

    Returns the figures (``all`` first, then kk, ru, en) and the misclassified lines.
    """
    lines = corpus().filter(pl.col("split") == split)
    verdicts = classify(lines["text"], min_score=min_score, explain=False).select("text", "non_rd_score", "non_rd")
    judged = lines.join(verdicts, on="text", how="left").with_columns(
        (pl.col("label") == "non_rd").alias("truth"), pl.col("non_rd").fill_null(False).alias("flagged"),
    )
    figures = []
    for lang in ("all", "kk", "ru", "en"):
        part = judged if lang == "all" else judged.filter(pl.col("lang") == lang)
        figures.append(Evaluation(
            lang=lang, lines=part.height, non_rd=int(part["truth"].sum()),
            true_positives=int((part["truth"] & part["flagged"]).sum()),
            false_positives=int((~part["truth"] & part["flagged"]).sum()),
            false_negatives=int((part["truth"] & ~part["flagged"]).sum()),
        ))
    errors = judged.filter(pl.col("truth") != pl.col("flagged")).select("text", "label", "lang", "non_rd_score")
    return figures, errors
