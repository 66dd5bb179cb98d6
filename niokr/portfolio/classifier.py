"""The priority classifier: which priority direction (and TCC sector) a title or subject belongs to.

Titles of projects, subjects of agreements, purposes of payments and titles of results are short
texts in Kazakh, Russian or English. The classifier is the approach of the payment purpose
classifier (ADR 0011, :mod:`niokr.control.indicators.purpose`): TF-IDF of character n-grams
(3–5, within words: stems carry across inflections, the three languages' spellings and typos)
and a logistic regression — one model for the direction
(medtech / agritech / greentech / other) and one for the sector, both fitted on the ``train``
lines of a labelled corpus kept in the repository (``data/labelled_subjects.csv``, labelling rules
in ``data/README.md``), deterministically (lbfgs, a convex problem with one optimum), at first use in a process.
Nothing is downloaded and no pickled model is stored: the corpus is the source.

The corpus's ``test`` lines are held out: never used to fit or to choose anything.
:func:`evaluate` scores them (accuracy, per-class precision and recall, the confusion matrix);
``niokr portfolio_classifier evaluate`` prints that, and the review page shows the same figures
(:func:`cached_evaluation`).

A suggestion is only a suggestion: it is stored apart from the confirmed tag and never counted as
one (:mod:`niokr.portfolio.models`).
"""

from __future__ import annotations

import json

import csv
import hashlib
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "CORPUS", "DIRECTIONS", "Suggestion", "Evaluation", "ClassEvaluation", "corpus", "version", "normalise",
    "suggest", "evaluate", "cached_evaluation",
]

#: The labelled corpus: ``text``, ``direction``, ``sector``, ``lang`` (kk/ru/en), ``split`` (train/test).
CORPUS = Path(__file__).with_name("data") / "labelled_subjects.csv"
#: The classes of the direction model, in the order reports list them.
DIRECTIONS = ("medtech", "agritech", "greentech", "other")
#: Longest text read (characters): a title or subject is far shorter; the rest is ignored.
MAX_CHARS = 2000

_BOILERPLATE = re.compile(
    r"\b(?:выполнение|оказание\s+услуг\s+по|работы\s+по|по\s+теме|на\s+тему|тема|нир|ниокр|ниr|окр|r&d|r\s*&\s*d\s+services|services|research\s+on|"
    r"ғзткж|ғзж|тәжірибелік-конструкторлық\s+жұмыстар|ғылыми-зерттеу\s+жұмысы|орындау)\b"
)
_DIGITS = re.compile(r"[\w/.-]*\d[\w/.-]*")
_PUNCT = re.compile(r"[^\w&]+|_")


def normalise(text: str) -> str:
    """The text the model reads: lower case, ``ё`` → ``е``, numbers and codes dropped, the boilerplate
    of agreement subjects («Выполнение НИОКР по теме «…»», «ҒЗТКЖ», "R&D services") removed,
    punctuation as spaces, words of one or two letters dropped. The boilerplate says that a text is R&D, not which priority it serves."""
    out = (text or "")[:MAX_CHARS].lower().replace("ё", "е").replace("\x00", " ")
    out = _DIGITS.sub(" ", out)
    out = _BOILERPLATE.sub(" ", out)
    out = _PUNCT.sub(" ", out)
    # Words of one or two letters are prepositions and abbreviations («от», «по», «of»): no topic.
    return " ".join(w for w in out.split() if len(w) > 2 or w == "&")


@dataclass(frozen=True)
class Line:
    text: str
    direction: str
    sector: str
    lang: str
    split: str


def corpus() -> list[Line]:
    """The labelled corpus, in file order."""
    with CORPUS.open(encoding="utf-8", newline="") as f:
        return [Line(r["text"], r["direction"], r["sector"], r["lang"], r["split"]) for r in csv.DictReader(f)]


#: The revision of the model's code (features, normaliser); raised with every change to them.
REVISION = 2


def version() -> str:
    """The classifier's version: ``v<REVISION>-`` and the first 8 hex digits of the corpus's SHA-256.

    A change to the corpus or to the model's code is a change to the model; suggestions record the
    version they came from.
    """
    return f"v{REVISION}-" + hashlib.sha256(CORPUS.read_bytes()).hexdigest()[:8]


def _pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    # Chosen by five-fold cross-validation on the ``train`` lines alone (docs/portfolio.md): character
    # n-grams of 3 to 5 letters without word features, C = 10.
    features = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    classifier = LogisticRegression(C=10.0, class_weight="balanced", solver="lbfgs", max_iter=2000, random_state=0)
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass
class _Models:
    direction: object
    sector: object


_fitted: dict[str, _Models] = {}
_lock = threading.Lock()


def _fit(lines: list[Line]) -> _Models:
    texts = [normalise(line.text) for line in lines]
    direction = _pipeline().fit(texts, [line.direction for line in lines])
    sector = _pipeline().fit(texts, [line.sector for line in lines])
    return _Models(direction, sector)


def _models() -> _Models:
    """The models fitted on the ``train`` lines, once per process and corpus version."""
    key = version()
    if key not in _fitted:
        with _lock:
            if key not in _fitted:
                _fitted.clear()
                _fitted[key] = _fit([line for line in corpus() if line.split == "train"])
    return _fitted[key]


@dataclass(frozen=True)
class Suggestion:
    """The classifier's suggestion for one text (``direction`` empty: nothing to read in it)."""

    direction: str
    sector: str
    confidence: float  # the probability of the suggested direction, 3 decimals


def suggest(texts: list[str]) -> list[Suggestion]:
    """Suggest a direction and a sector for each text (one batch; the caller bounds its size)."""
    keys = [normalise(t) for t in texts]
    present = [i for i, k in enumerate(keys) if k]
    out = [Suggestion("", "", 0.0)] * len(keys)
    if not present:
        return out
    models = _models()
    sample = [keys[i] for i in present]
    direction_p = models.direction.predict_proba(sample)
    sectors = models.sector.predict(sample)
    classes = list(models.direction.classes_)
    for row, i in enumerate(present):
        best = int(np.argmax(direction_p[row]))
        out[i] = Suggestion(str(classes[best]), str(sectors[row]), round(float(direction_p[row][best]), 3))
    return out


@dataclass(frozen=True)
class ClassEvaluation:
    """Precision and recall of one direction on the held-out lines."""

    direction: str
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0


@dataclass(frozen=True)
class Evaluation:
    """The classifier on the corpus's held-out lines.

    Attributes:
        version: the classifier version (:func:`version`).
        lines: held-out lines; ``train_lines`` the lines fitted on.
        accuracy: share of held-out lines whose direction is right; ``by_language`` the same per language.
        sector_accuracy: share whose TCC sector is right.
        classes: per direction, precision and recall.
        confusion: ``confusion[i][j]``: lines of direction ``DIRECTIONS[i]`` suggested as ``DIRECTIONS[j]``.
        errors: (text, truth, suggested) of the lines it got wrong.
    """

    version: str
    lines: int
    train_lines: int
    accuracy: float
    sector_accuracy: float
    by_language: dict[str, float]
    classes: list[ClassEvaluation]
    confusion: list[list[int]]
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy_percent(self) -> float:
        return round(self.accuracy * 100, 1)


def evaluate(split: str = "test") -> Evaluation:
    """Score the models (fitted on ``train``) on the corpus's ``split`` lines."""
    lines = corpus()
    held = [line for line in lines if line.split == split]
    suggestions = suggest([line.text for line in held])
    index = {d: n for n, d in enumerate(DIRECTIONS)}
    confusion = [[0] * len(DIRECTIONS) for _ in DIRECTIONS]
    by_lang: dict[str, list[int]] = {}
    errors = []
    sector_right = 0
    for line, s in zip(held, suggestions, strict=True):
        confusion[index[line.direction]][index[s.direction]] += 1
        right = s.direction == line.direction
        by_lang.setdefault(line.lang, [0, 0])
        by_lang[line.lang][0] += int(right)
        by_lang[line.lang][1] += 1
        sector_right += int(s.sector == line.sector)
        if not right:
            errors.append((line.text, line.direction, s.direction))
    classes = [
        ClassEvaluation(d, sum(confusion[i]), sum(row[i] for row in confusion), confusion[i][i]) for i, d in enumerate(DIRECTIONS)
    ]
    correct = sum(confusion[i][i] for i in range(len(DIRECTIONS)))
    return Evaluation(
        version=version(),
        lines=len(held),
        train_lines=sum(1 for line in lines if line.split == "train"),
        accuracy=correct / len(held) if held else 0.0,
        sector_accuracy=sector_right / len(held) if held else 0.0,
        by_language={lang: right / n for lang, (right, n) in sorted(by_lang.items())},
        classes=classes,
        confusion=confusion,
        errors=errors,
    )


_evaluations: dict[str, Evaluation] = {}
#: The held-out figures of the current classifier version as ``niokr portfolio_classifier evaluate --write``
#: stored them (a test checks they are what :func:`evaluate` gives): a page shows them without fitting.
MEASURED = CORPUS.with_name("evaluation.json")


def _stored(key: str) -> Evaluation | None:
    """The stored evaluation of version ``key`` (``None``: none, or another version's)."""
    try:
        data = json.loads(MEASURED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != key:
        return None
    data["classes"] = [ClassEvaluation(**c) for c in data["classes"]]
    data["errors"] = []
    return Evaluation(**data)


def stored_figures(evaluation: Evaluation) -> dict:
    """What :data:`MEASURED` keeps of ``evaluation`` (the wrong lines are left to the command)."""
    data = asdict(evaluation)
    data.pop("errors")
    return data


def cached_evaluation() -> Evaluation:
    """The evaluation the pages show: the stored figures of this corpus version, else :func:`evaluate`
    once per process (it fits the models: seconds)."""
    key = version()
    if key not in _evaluations:
        _evaluations.clear()
        _evaluations[key] = _stored(key) or evaluate()
    return _evaluations[key]
