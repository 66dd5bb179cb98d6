"""Work or money cut into pieces that each stay under a threshold: NK-27, NK-28, NK-29.

A subsoil user that wants to avoid an approval — a programme approved by a scientific-technical
council, a tender, a sign-off by a higher authority — can cut one job into several agreements, or
one obligation into several payments, each a little under the amount from which the approval
applies. Together they are above it. The forms differ in what is cut and who receives the pieces:

* NK-27 — several agreements of one payer with one performer, signed on the same day or weeks
  apart, for one job (similar subjects, reworded; one project; or amounts each just under the
  threshold);
* NK-28 — several payments of one payer to one performer, on the same or nearby days, each just
  under a payment sign-off limit;
* NK-29 — the same job given to several performers of one group (owner, common founder or common
  director links, valid on the day), each piece under the threshold.

Subjects are compared by text similarity (:func:`subject_space`: TF-IDF over character 4-grams of
the word stems of the subject, with requisites and the formula of R&D agreements removed; the
cosine of the vectors), so a piece whose subject was reworded («Разработка технологии очистки
пластовой воды» / «Исследование методов очистки пластовой воды, опытная часть») is still found;
nothing is downloaded, the weights are fitted on the subjects of the evaluation.

What stays quiet: the stages of one signed plan under one agreement (one agreement is not a piece
of anything, and a payment that pays a stage or an act of its agreement at its amount is explained
by the plan), monthly fees under one agreement (weeks apart, not days), an accredited university
receiving many unrelated agreements from many payers (pieces are of one payer, and unrelated
subjects do not join), pieces whose sum stays under the threshold.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from niokr.control.indicators import graph
from niokr.control.indicators.agg_common import CLEAR, FLAGGED, NOT_COMPUTABLE, organisations, with_bin
from niokr.control.indicators.base import LANGUAGES, Frames, Indicator, Threshold, format_money, outcome

__all__ = [
    "INDICATORS", "NK27", "NK28", "NK29", "DEFAULT_THRESHOLD_TIYN", "DEFAULT_PAYMENT_LIMIT_TIYN",
    "COMMON_SHARE", "COMMON_FLOOR", "SubjectSpace", "subject_key", "subject_keys", "subject_space", "subject_matrix", "similar_keys", "pair_similarity",
]

#: The amount from which an agreement needs a programme approved by a council (NK-16's
#: ``min_amount_tiyn``, the materiality floor of NK-08 and NK-10): 10 000 000 ₸.
DEFAULT_THRESHOLD_TIYN = 1_000_000_000
#: The payment sign-off limit assumed when the subsoil user's own is not configured: 10 000 000 ₸.
DEFAULT_PAYMENT_LIMIT_TIYN = 1_000_000_000
_DATE = "%d.%m.%Y"

# -- subjects as text ----------------------------------------------------------------------------------

#: Words that frame any R&D agreement rather than name its work, in Kazakh, Russian and English:
#: the kind of work, «on the topic», «stage», «part», prepositions. Removed before the subjects are
#: compared, so that two agreements are similar by what they study, not by the formula around it.
#: A word is dropped when it is one of :data:`_STOP_WORDS` or begins with one of :data:`_STOP_STEMS`.
_STOP_WORDS = frozenset((
    # Russian
    "по", "на", "для", "в", "во", "с", "со", "и", "или", "от", "при", "из", "к", "об", "о", "а", "их", "его", "ее",
    "ниокр", "нир", "окр", "нтр", "отр", "оир", "тема", "теме", "теми", "темы", "тему", "часть", "части", "частей", "частям",
    # Kazakh
    "ғылыми", "тәжірибелік", "конструкторлық", "техникалық", "ғзткж", "ғзж", "ткж", "бойынша", "мен", "пен", "бен", "және", "үшін",
    "орны", "орнын", "орнында", "орнының", "орындары", "орындарында",
    # English
    "research", "development", "r&d", "work", "works", "service", "services", "study", "studies", "topic", "stage", "phase", "part",
    "agreement", "contract", "technology", "technologies", "method", "methods", "laboratory", "test", "tests", "testing", "field",
    "of", "the", "and", "for", "on", "in", "a", "an", "to", "with",
))
_STOP_STEMS = (
    # Russian
    "выполнени", "проведени", "оказани", "работ", "услуг", "исследовательск", "конструкторск", "технологическ", "техническ", "этап",
    "договор", "разработк", "исследовани", "создани", "изучени", "совершенствовани", "технологи", "метод", "месторождени",
    "опытн", "лабораторн", "испытани", "научн", "сопровождени",
    # Kazakh
    "зерттеу", "жұмыс", "орындау", "тақырыб", "кезең", "бөлі", "шарт", "әзірле", "технология", "зертхана", "сынақ",
)


#: A token holding a digit is a number, a code, a date or an amount.
_DIGIT = re.compile(r"\d")
_NOT_WORD = re.compile(r"[^\w&]+|_")
#: Latin letters that look like Cyrillic ones, as typed inside Cyrillic words («HИОКР», «pемонт»).
_LOOKALIKES = str.maketrans("aceopxykmhtb", "асеорхукмнтв")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
_LATIN = re.compile(r"[a-z]")


def _mended(word: str) -> str:
    return word.translate(_LOOKALIKES) if _LATIN.search(word) and _CYRILLIC.search(word) else word


def subject_key(text: str | None) -> str:
    """The form in which a subject is compared: lower case, ``ё`` as ``е``, tokens holding a digit
    (numbers, dates, codes) and punctuation removed, Latin look-alike letters inside Cyrillic words
    mended, the R&D boilerplate removed."""
    tokens = " ".join(t for t in (text or "").lower().replace("ё", "е").split() if not _DIGIT.search(t))
    words = (_mended(w) for w in _NOT_WORD.sub(" ", tokens).split())
    return " ".join(w for w in words if w not in _STOP_WORDS and not w.startswith(_STOP_STEMS))


def subject_keys(texts: Sequence[str | None]) -> list[str]:
    """:func:`subject_key` of each text (each distinct text is read once)."""
    cache: dict[str | None, str] = {}
    out = []
    for text in texts:
        key = cache.get(text)
        if key is None:
            key = cache[text] = subject_key(text)
        out.append(key)
    return out


#: Character n-grams found in more than this share of the distinct subjects (and in more than
#: :data:`COMMON_FLOOR` of them) say nothing of the work — word endings, the commonest stems — and are
#: left out of the vectors: they would make every subject a little similar to every other (and the
#: search for similar subjects quadratic). Below the floor (small sets) nothing is left out.
COMMON_SHARE = 0.10
COMMON_FLOOR = 200


@dataclass(frozen=True)
class SubjectSpace:
    """The TF-IDF vectors of the distinct subjects and the vector of each text.

    ``matrix`` holds one L2-normalised row per distinct :func:`subject_keys` form that is not empty
    (character 4-grams of the word stems, sublinear counts, IDF over the distinct subjects);
    ``index`` gives each text's row, -1 when nothing was left of it.
    """

    matrix: Any
    index: np.ndarray

    def rows(self):
        """One row per text (a zero row for a text with nothing left): cosines are dot products."""
        from scipy import sparse

        n, width = len(self.index), self.matrix.shape[1]
        known = self.index >= 0
        pick = sparse.csr_matrix((np.ones(int(known.sum()), dtype=np.float32), (np.flatnonzero(known), self.index[known])), shape=(n, self.matrix.shape[0]))
        return (pick @ self.matrix).tocsr() if width else sparse.csr_matrix((n, 1), dtype=np.float32)


#: Lengths of the character n-grams (each word padded with a space on either side): 4-grams carry a
#: stem across endings as well as 3- to 5-grams do, with a third of the n-grams.
NGRAMS = (4,)
#: Letters of a word kept before its n-grams are taken: the stem, without the ending that inflection
#: changes («очистки»/«очистке» → «очистк», «тазартуды»/«тазарту» → «тазарт»).
STEM = 6


def _tfidf(distinct: list[str]):
    """The TF-IDF matrix of ``distinct`` texts over character n-grams inside words, computed with polars.

    As scikit-learn's ``TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)`` does it: the weight
    of an n-gram in a text is (1 + ln count) × (1 + ln((1 + n) / (1 + df))), rows L2-normalised;
    n-grams in more than ``max(COMMON_FLOOR, COMMON_SHARE × n)`` texts are left out.
    """
    from scipy import sparse

    n = len(distinct)
    words = (
        pl.DataFrame({"doc": np.arange(n, dtype=np.int64), "text": distinct})
        .select("doc", pl.col("text").str.split(" ").alias("w")).explode("w").filter(pl.col("w").str.len_chars() > 0)
        .select("doc", pl.concat_str([pl.lit(" "), pl.col("w").str.slice(0, STEM), pl.lit(" ")]).alias("w")).with_columns(pl.col("w").str.len_chars().alias("len"))
    )
    grams = pl.concat([
        words.filter(pl.col("len") >= size).select("doc", "w", pl.int_ranges(0, pl.col("len") - size + 1).alias("at")).explode("at")
        .select("doc", pl.col("w").str.slice(pl.col("at"), size).alias("gram"))
        for size in NGRAMS
    ])
    counts = grams.group_by("doc", "gram").len("count")
    frequency = counts.group_by("gram").len("df")
    common = max(COMMON_FLOOR, int(COMMON_SHARE * n))
    kept = frequency.filter(pl.col("df") <= common)
    if kept.is_empty():
        kept = frequency
    kept = kept.sort("gram").with_row_index("col")
    weights = counts.join(kept, on="gram", how="inner").with_columns(
        ((1.0 + pl.col("count").cast(pl.Float64).log()) * (1.0 + ((1.0 + n) / (1.0 + pl.col("df").cast(pl.Float64))).log())).alias("w"),
    ).with_columns((pl.col("w") / (pl.col("w") ** 2).sum().over("doc").sqrt()).alias("w"))
    matrix = sparse.csr_matrix(
        (weights["w"].to_numpy().astype(np.float32), (weights["doc"].to_numpy(), weights["col"].cast(pl.Int64).to_numpy())), shape=(n, kept.height),
    )
    matrix.sort_indices()
    return matrix


def subject_space(texts: Sequence[str | None]) -> SubjectSpace:
    """:class:`SubjectSpace` of ``texts`` (the weights are fitted on them: nothing is downloaded).

    Each word is cut to its stem (:data:`STEM` letters), padded with a space and cut into character
    n-grams (:data:`NGRAMS`): they carry a word across inflections and small rewordings
    («очистки»/«очистке», «ингибиторы»/«ингибиторов»); n-grams common to many subjects are left out
    (:data:`COMMON_SHARE`). The matrices of the last two sets of subjects are kept, so that the
    indicators of one evaluation share one.
    """
    from scipy import sparse

    keys = subject_keys(texts)
    distinct = sorted({k for k in keys if k})
    position = {k: i for i, k in enumerate(distinct)}
    index = np.array([position.get(k, -1) for k in keys], dtype=np.int64)
    if not distinct:
        return SubjectSpace(sparse.csr_matrix((0, 0), dtype=np.float32), index)
    with _LOCK:
        matrix = _SPACES.get(tuple(distinct))
    if matrix is None:
        matrix = _tfidf(distinct)
        with _LOCK:
            _SPACES[tuple(distinct)] = matrix
            while len(_SPACES) > 2:
                _SPACES.pop(next(iter(_SPACES)))
    return SubjectSpace(matrix, index)


#: The matrices of the last distinct subjects seen (NK-27, NK-29 and NK-32 of one run read one set).
_SPACES: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()


def subject_matrix(texts: Sequence[str | None]):
    """One L2-normalised TF-IDF row per text (see :func:`subject_space`); a text with nothing left after
    :func:`subject_keys` is a zero row, similar to nothing. The cosine of two rows is their dot product."""
    return subject_space(texts).rows()


def similar_keys(space: SubjectSpace, min_similarity: float, limit: int, block: int = 512) -> pl.DataFrame:
    """The distinct subjects most similar to each distinct subject (itself included): ``key``, ``other``,
    ``similarity`` — at least ``min_similarity``, the ``limit`` most similar of each (ties by row)."""
    schema = {"key": pl.Int64, "other": pl.Int64, "similarity": pl.Float64}
    matrix = space.matrix
    if matrix.shape[0] == 0:
        return pl.DataFrame(schema=schema)
    transposed = matrix.T.tocsr()
    found = []
    for start in range(0, matrix.shape[0], block):
        product = (matrix[start:start + block] @ transposed).tocsr()
        keep = product.data >= min_similarity - 1e-6
        rows = np.repeat(np.arange(start, start + product.shape[0], dtype=np.int64), np.diff(product.indptr))[keep]
        found.append(pl.DataFrame({"key": rows, "other": product.indices[keep].astype(np.int64), "similarity": product.data[keep]}))
    return (
        pl.concat(found).sort(["key", "similarity", "other"], descending=[False, True, False])
        .group_by("key", maintain_order=True).head(limit).cast(schema)
    )


def pair_similarity(matrix, left: Sequence[int], right: Sequence[int]) -> np.ndarray:
    """The cosine similarity of rows ``left[i]`` and ``right[i]`` of :func:`subject_matrix`, for each ``i``."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float64)
    a, b = matrix[np.asarray(left)], matrix[np.asarray(right)]
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


def _components(size: int, left: Sequence[int], right: Sequence[int]) -> list[int]:
    """The connected component (its smallest member) of each of ``size`` nodes joined by the edges."""
    parent = list(range(size))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(left, right, strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(size)]


# -- phrases of the evidence -----------------------------------------------------------------------------


#: Pieces or payments named in a listing, at most (then how many more).
LISTED = 12
#: Row numbers of a series kept in the evidence, at most.
IDS = 100


def _listing(rows: list[dict], number: str, when: str, lang: str) -> str:
    """«№ ДГ-1 от 05.03.2024 — 9 500 000,00 ₸; …» in ``lang`` (dates as DD.MM.YYYY, the pages write them
    as their language does; at most :data:`LISTED`, then how many more)."""
    parts = []
    for r in rows[:LISTED]:
        ref, on = r[number] or "—", f"{r[when].day:02d}.{r[when].month:02d}.{r[when].year}" if r[when] else "—"
        money = format_money(r["amount"], lang)
        parts.append({"kk": f"{on} күнгі № {ref} — {money}", "ru": f"№ {ref} от {on} — {money}", "en": f"No {ref} of {on} — {money}"}[lang])
    more = len(rows) - LISTED
    if more > 0:
        parts.append({"kk": f"тағы {more}", "ru": f"и ещё {more}", "en": f"and {more} more"}[lang])
    return "; ".join(parts)


#: Why pieces were taken for one job, in each language.
LINK_LABELS = {
    "subject": {"kk": "нысаналары ұқсас", "ru": "предметы сходны", "en": "similar subjects"},
    "project": {"kk": "бір жоба", "ru": "один проект", "en": "one project"},
    "near": {"kk": "әрқайсысы шектен сәл ғана төмен", "ru": "каждая сумма чуть ниже порога", "en": "each amount just under the threshold"},
}


def _reasons(codes: set[str], lang: str) -> str:
    return "; ".join(LINK_LABELS[c][lang] for c in ("subject", "project", "near") if c in codes)


# -- NK-27 and NK-29: agreements ------------------------------------------------------------------------


def _agreements(frames: Frames) -> pl.DataFrame:
    orgs = organisations(frames)
    ag = frames["agreements"].unique("agreement_id", keep="first", maintain_order=True).sort("agreement_id")
    ag = with_bin(with_bin(ag, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    reason = (
        pl.when(pl.col("payer_id").is_null() | pl.col("performer_id").is_null()).then(pl.lit("performer_unknown"))
        .when(pl.col("amount").is_null()).then(pl.lit("no_amount"))
        .when(pl.col("signed_on").is_null()).then(pl.lit("no_signing_date"))
    )
    return ag.with_row_index("_row").with_columns(pl.col("_row").cast(pl.Int64), reason.alias("reason"))


def _group_paths(frames: Frames, pairs: pl.DataFrame, params: Mapping[str, Any]) -> pl.DataFrame:
    """The shortest group link between the two performers of each pair, on the later signing date."""
    affiliations, orgs = frames["affiliations"], frames["organisations"] if frames.has("organisations") else None
    queries = pairs.select("_pair", pl.col("performer_id").alias("a"), pl.col("performer_id_b").alias("b"), pl.max_horizontal("signed_on", "signed_on_b").alias("on"))
    share = float(params["min_owner_share"])
    found = [
        graph.affiliated(affiliations, orgs, queries, key="_pair", source="a", target="b", start="on", max_hops=int(params["max_hops"]), min_share=share),
        graph.in_group(affiliations, orgs, queries, key="_pair", source="a", target="b", day="on", min_share=share),
        graph.through_one_person(affiliations, orgs, queries, key="_pair", source="a", target="b", day="on", min_share=share),
    ]
    return pl.concat(found).sort("_pair", "hops").unique("_pair", keep="first", maintain_order=True)


def _split_agreements(frames: Frames, params: Mapping[str, Any], *, across_group: bool) -> pl.DataFrame:
    """Agreements that are pieces of one job cut under the threshold (see the module docstring)."""
    threshold = int(params["approval_threshold_tiyn"])
    near = float(params["near_share"]) * threshold
    window, min_similarity = int(params["window_days"]), float(params["subject_similarity"])
    ag = _agreements(frames)
    piece = pl.col("reason").is_null() & (pl.col("amount") > 0) & (pl.col("amount") < threshold)
    pieces = ag.filter(piece).select("_row", "payer_id", "performer_id", "project_id", "signed_on", "amount")
    pairs = pieces.join(pieces, on="payer_id", suffix="_b").filter(
        (pl.col("_row") < pl.col("_row_b")) & ((pl.col("signed_on_b") - pl.col("signed_on")).dt.total_days().abs() <= window)
        & ((pl.col("performer_id") != pl.col("performer_id_b")) if across_group else (pl.col("performer_id") == pl.col("performer_id_b")))
    ).with_row_index("_pair")
    if across_group and pairs.height:
        paths = _group_paths(frames, pairs, params)
        pairs = pairs.join(paths, on="_pair", how="inner")
    if across_group:
        # Pieces of one performer join a group's pieces too (A, A and B of A's group are one job).
        same = pieces.join(pieces, on=["payer_id", "performer_id"], suffix="_b").filter(
            (pl.col("_row") < pl.col("_row_b")) & ((pl.col("signed_on_b") - pl.col("signed_on")).dt.total_days().abs() <= window)
        ).with_columns(pl.col("performer_id").alias("performer_id_b"))
        pairs = pl.concat([pairs.drop("_pair"), same], how="diagonal_relaxed")
    matrix = subject_matrix(ag["subject"].to_list()) if pairs.height else None
    similarity = pair_similarity(matrix, pairs["_row"].to_list(), pairs["_row_b"].to_list()) if pairs.height else np.zeros(0)
    pairs = pairs.with_columns(pl.Series("similarity", similarity, dtype=pl.Float64)).with_columns(
        (pl.col("similarity") >= min_similarity).alias("by_subject"),
        (pl.col("project_id").is_not_null() & (pl.col("project_id") == pl.col("project_id_b"))).fill_null(False).alias("by_project"),
        ((pl.col("amount") >= near) & (pl.col("amount_b") >= near)).alias("by_near"),
    ).filter(pl.col("by_subject") | pl.col("by_project") | pl.col("by_near"))

    component = _components(ag.height, pairs["_row"].to_list(), pairs["_row_b"].to_list())
    ag = ag.with_columns(pl.Series("_group", component, dtype=pl.Int64))
    members = ag.filter(pl.col("_row").is_in(pl.concat([pairs["_row"], pairs["_row_b"]]).implode()))
    groups = members.group_by("_group").agg(
        pl.len().alias("pieces"), pl.col("amount").sum().alias("combined"), pl.col("performer_id").n_unique().alias("performers"),
        pl.col("signed_on").min().alias("first_signed"), pl.col("signed_on").max().alias("last_signed"),
    )
    flagged_groups = groups.filter((pl.col("combined") >= threshold) & ((pl.col("performers") >= 2) if across_group else pl.lit(True)))
    hit = ag.join(flagged_groups, on="_group", how="inner").sort("_row")

    status = (
        pl.when(pl.col("reason").is_not_null()).then(pl.lit(NOT_COMPUTABLE))
        .when(pl.col("_row").is_in(hit["_row"].implode())).then(pl.lit(FLAGGED)).otherwise(pl.lit(CLEAR))
    )
    rest = ag.with_columns(status.alias("status")).filter(pl.col("status") != FLAGGED).select(
        pl.col("agreement_id").alias("subject_id"), "payer_id", "status", "reason",
    )
    if hit.is_empty():
        return outcome(rest)
    return outcome(pl.concat([_piece_evidence(hit, ag, pairs, params, across_group=across_group), rest], how="diagonal_relaxed"))


def _piece_evidence(hit: pl.DataFrame, ag: pl.DataFrame, pairs: pl.DataFrame, params: Mapping[str, Any], *, across_group: bool) -> pl.DataFrame:
    """The flagged rows: each piece with its group's pieces, why they are one job and, across a group, how the performers are linked."""
    by_group: dict[int, list[dict]] = {}
    for r in ag.filter(pl.col("_group").is_in(hit["_group"].implode())).sort("signed_on", "_row").iter_rows(named=True):
        by_group.setdefault(r["_group"], []).append(r)
    edges: dict[int, list[dict]] = {}
    for e in pairs.iter_rows(named=True):
        edges.setdefault(e["_row"], []).append(e)
        edges.setdefault(e["_row_b"], []).append(e)

    listings = {
        g: {"piece_numbers": [x["number"] or "—" for x in rows[:LISTED]], **{f"piece_list_{lang}": _listing(rows, "number", "signed_on", lang) for lang in LANGUAGES}}
        for g, rows in by_group.items()
    }
    out = []
    for r in hit.iter_rows(named=True):
        group_rows = by_group[r["_group"]]
        group_edges = {id(e): e for row in group_rows for e in edges.get(row["_row"], [])}.values()
        codes = {c for e in group_edges for c, on in (("subject", e["by_subject"]), ("project", e["by_project"]), ("near", e["by_near"])) if on}
        own = edges.get(r["_row"], [])
        evidence: dict[str, Any] = {
            "agreement_id": r["agreement_id"], "agreement_number": r["number"], "signed_on": r["signed_on"].strftime(_DATE), "amount_tiyn": r["amount"],
            "payer_bin": r["payer_bin"], "performer_bin": r["performer_bin"], "subject": (r["subject"] or "").strip()[:160],
            "pieces": r["pieces"], "combined_tiyn": r["combined"], "approval_threshold_tiyn": int(params["approval_threshold_tiyn"]),
            "first_signed": r["first_signed"].strftime(_DATE), "last_signed": r["last_signed"].strftime(_DATE), "window_days": int(params["window_days"]),
            "similarity": round(max((e["similarity"] for e in own), default=0.0), 2),
            "agreement_ids": [x["agreement_id"] for x in group_rows],
            **{f"linked_by_{lang}": _reasons(codes, lang) for lang in LANGUAGES},
            **listings[r["_group"]],
        }
        if across_group:
            evidence["group_bins"] = sorted({x["performer_bin"] for x in group_rows if x["performer_bin"]})
            cross = [e for row in group_rows if row["performer_id"] == r["performer_id"] for e in edges.get(row["_row"], []) if e.get("hops") is not None]
            if cross:
                best = min(cross, key=lambda e: (e["hops"], e["_row"], e["_row_b"]))
                forward = best["performer_id"] == r["performer_id"]
                for lang in LANGUAGES:
                    evidence[f"path_{lang}"] = best[f"path_{lang}"] if forward else _reverse(best[f"path_{lang}"], lang)
                evidence["hops"] = best["hops"]
        out.append({
            "subject_id": r["agreement_id"], "payer_id": r["payer_id"], "status": FLAGGED, "reason": None,
            "evidence": json.dumps(evidence, ensure_ascii=False), "amount": r["amount"],
        })
    return pl.DataFrame(out, schema={"subject_id": pl.Int64, "payer_id": pl.Int64, "status": pl.Utf8, "reason": pl.Utf8, "evidence": pl.Utf8, "amount": pl.Int64})


#: A relation read the other way round (the path is written from the other performer).
_REVERSED = {"owns": "owned_by", "owned_by": "owns", "common_founder": "common_founder", "common_director": "common_director"}


def _reverse(path: str, lang: str) -> str:
    """«A — owns — B» read from B: «B — is owned by — A»."""
    labels = graph.RELATION_LABELS[lang]
    by_label = {v: k for k, v in labels.items()}
    parts = path.split(" — ")
    out = []
    for i, part in enumerate(reversed(parts)):
        out.append(labels[_REVERSED[by_label[part]]] if i % 2 == 1 and part in by_label else part)
    return " — ".join(out)


def _nk27(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    return _split_agreements(frames, params, across_group=False)


def _nk29(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    return _split_agreements(frames, params, across_group=True)


# -- NK-28: payments --------------------------------------------------------------------------------------


def _explained(frames: Frames) -> pl.DataFrame:
    """(agreement, amount) pairs the signed plan explains: the amounts of its stages and of its acceptance acts."""
    found = []
    if frames.has("stages"):
        found.append(frames["stages"].select("agreement_id", "amount"))
    if frames.has("acts"):
        found.append(frames["acts"].select("agreement_id", "amount"))
    if not found:
        return pl.DataFrame(schema={"agreement_id": pl.Int64, "amount": pl.Int64, "_plan": pl.Boolean})
    return pl.concat(found).drop_nulls().unique().with_columns(pl.lit(True).alias("_plan"))


def _split_payments(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Payments to one performer, each just under the sign-off limit, on the same or nearby days.

    A payment is a part when its amount is at least ``near_share`` of ``payment_limit_tiyn`` and
    below it, and it does not pay a stage or an acceptance act of its agreement at the stage's or
    act's amount (the calendar plan explains it). Parts of one payer to one performer whose dates
    follow one another within ``window_days`` form a series; a series of two or more is flagged —
    together they are above the limit.
    """
    limit = int(params["payment_limit_tiyn"])
    near = float(params["near_share"]) * limit
    window = int(params["window_days"])
    orgs = organisations(frames)
    pay = frames["payments"].unique("payment_id", keep="first", maintain_order=True).sort("payment_id")
    pay = with_bin(with_bin(pay, orgs, "payer_id", "payer_bin"), orgs, "performer_id", "performer_bin")
    pay = pay.join(_explained(frames), on=["agreement_id", "amount"], how="left").with_columns(pl.col("_plan").fill_null(False))
    reason = (
        pl.when(pl.col("payer_id").is_null() | pl.col("performer_id").is_null()).then(pl.lit("performer_unknown"))
        .when(pl.col("amount").is_null()).then(pl.lit("no_amount"))
        .when(pl.col("paid_on").is_null()).then(pl.lit("no_payment_date"))
    )
    pay = pay.with_columns(reason.alias("reason"))
    part = pl.col("reason").is_null() & (pl.col("amount") >= near) & (pl.col("amount") < limit) & ~pl.col("_plan")
    parts = (
        pay.filter(part).sort("payer_id", "performer_id", "paid_on", "payment_id")
        .with_columns(
            ((pl.col("paid_on") - pl.col("paid_on").shift(1).over("payer_id", "performer_id")).dt.total_days() > window).fill_null(True).alias("_new"),
        )
        .with_columns(pl.col("_new").cum_sum().alias("_series"))
    )
    series = parts.group_by("_series").agg(
        pl.len().alias("parts"), pl.col("amount").sum().alias("combined"), pl.col("paid_on").min().alias("first_part_on"), pl.col("paid_on").max().alias("last_part_on"),
    ).filter(pl.col("parts") >= 2)
    hit = parts.join(series, on="_series", how="inner").sort("payment_id")
    status = (
        pl.when(pl.col("reason").is_not_null()).then(pl.lit(NOT_COMPUTABLE))
        .when(pl.col("payment_id").is_in(hit["payment_id"].implode())).then(pl.lit(FLAGGED)).otherwise(pl.lit(CLEAR))
    )
    rest = pay.with_columns(status.alias("status")).filter(pl.col("status") != FLAGGED).select(pl.col("payment_id").alias("subject_id"), "payer_id", "status", "reason")
    if hit.is_empty():
        return outcome(rest)
    members: dict[int, list[dict]] = {}
    for r in hit.sort("paid_on", "payment_id").select("_series", "payment_id", "document_number", "paid_on", "amount").iter_rows(named=True):
        members.setdefault(r["_series"], []).append(r)
    listings = pl.DataFrame(
        [{"_series": key, "payment_ids": [x["payment_id"] for x in rows[:IDS]], "part_numbers": [x["document_number"] or "—" for x in rows[:LISTED]], **{f"part_list_{lang}": _listing(rows, "document_number", "paid_on", lang) for lang in LANGUAGES}} for key, rows in members.items()],
        schema={"_series": hit.schema["_series"], "payment_ids": pl.List(pl.Int64), "part_numbers": pl.List(pl.Utf8), **{f"part_list_{lang}": pl.Utf8 for lang in LANGUAGES}},
    )
    hit = hit.join(listings, on="_series", how="left")
    evidence = pl.struct(
        "payment_id", "document_number", pl.col("paid_on").dt.strftime(_DATE).alias("paid_on"), pl.col("amount").alias("amount_tiyn"), "payer_bin", "performer_bin",
        pl.col("purpose").fill_null("").str.strip_chars().str.slice(0, 160).alias("purpose"), "parts", pl.col("combined").alias("series_tiyn"),
        pl.lit(limit).alias("payment_limit_tiyn"), pl.lit(round(float(params["near_share"]) * 100.0, 1)).alias("near_pct"),
        pl.col("first_part_on").dt.strftime(_DATE), pl.col("last_part_on").dt.strftime(_DATE), pl.lit(window).alias("window_days"), "payment_ids", "part_numbers",
        *[f"part_list_{lang}" for lang in LANGUAGES],
    ).struct.json_encode()
    flagged = hit.select(pl.col("payment_id").alias("subject_id"), "payer_id", pl.lit(FLAGGED).alias("status"), evidence.alias("evidence"), "amount")
    return outcome(pl.concat([flagged, rest], how="diagonal_relaxed"))


# -- the catalogue entries ---------------------------------------------------------------------------------


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


_THRESHOLD = Threshold(
    "approval_threshold_tiyn", DEFAULT_THRESHOLD_TIYN,
    _t(
        "Бөліктер одан төмен қалатын шек: осы сомадан бастап шартқа ғылыми-техникалық кеңес мақұлдаған бағдарлама (NK-16) немесе конкурс қажет. Әдепкі мән — 10 000 000 ₸, NK-16 индикаторының елеулілік шегі; жер қойнауын пайдаланушының өз сатып алу шегі белгілі болса, соны қойыңыз.",
        "Порог, под которым остаются части: с этой суммы договору нужна программа, одобренная научно-техническим советом (NK-16), или конкурс. По умолчанию 10 000 000 ₸ — порог существенности NK-16; если известен собственный порог закупок недропользователя, укажите его.",
        "The threshold the pieces stay under: from this amount an agreement needs a programme approved by a scientific-technical council (NK-16) or a tender. The default, 10,000,000 ₸, is NK-16's materiality floor; set the subsoil user's own procurement threshold where it is known.",
    ),
)
_NEAR = Threshold(
    "near_share", 0.85,
    _t(
        "«Шектен сәл төмен» сома шектің осы үлесінен басталады (0,85 — шектің 85–99,9 %-ы, бөлшектеушілер әдетте таңдайтын аралық). Сомалары осылай шекке жақын екі бөлік нысаналары ұқсас болмаса да бір жұмыс ретінде біріктіріледі.",
        "Сумма «чуть ниже порога» начинается с этой доли порога (0,85 — 85–99,9 % порога, диапазон, который обычно выбирают дробящие). Две части с такими суммами у порога объединяются в одну работу, даже если их предметы не сходны.",
        "An amount is «just under the threshold» from this share of it (0.85: 85–99.9 % of the threshold, the band splitters choose). Two pieces both that close to the threshold are joined as one job even when their subjects differ.",
    ),
)
_WINDOW = Threshold(
    "window_days", 60,
    _t(
        "Бір жұмыстың бөліктері бір-бірінен осы күндер санынан алшақ емес қол қойылады (бір күнде немесе бірнеше апта аралығында; тізбек бойынша). 60 күн — бір сатып алу кезеңі; бір жылдағы жыл сайынғы шарттар қосылмайды.",
        "Части одной работы подписаны не дальше этого числа дней друг от друга (в один день или с разницей в несколько недель; по цепочке). 60 дней — один цикл закупки; ежегодные договоры одной работы не складываются.",
        "Pieces of one job are signed at most this many days apart (the same day or weeks apart; chained). 60 days is one procurement cycle; the yearly agreements of a continuing project are not added up.",
    ),
)
_SIMILARITY = Threshold(
    "subject_similarity", 0.5,
    _t(
        "Екі шарттың нысаналары осы ұқсастықтан бастап бір жұмыс деп саналады (таңбалық n-граммалар TF-IDF векторларының косинусы, ҒЗТКЖ-ның жалпы сөздері алынып тасталғаннан кейін; 1 — бірдей). Қайта жазылған нысаналар 0,6 шамасында, байланыссыз нысаналар 0,2-ден төмен.",
        "Предметы двух договоров считаются одной работой начиная с этого сходства (косинус векторов TF-IDF по символьным n-граммам после удаления общих слов НИОКР; 1 — одинаковые). Перефразированные предметы дают около 0,6, несвязанные — ниже 0,2.",
        "Two agreements' subjects are taken for one job from this similarity (cosine of TF-IDF vectors of character n-grams, after the generic words of R&D agreements are removed; 1 = identical). Reworded subjects score about 0.6, unrelated ones below 0.2.",
    ),
)

NK27 = Indicator(
    code="NK-27",
    version=1,
    subject_type="agreement",
    weight=55,
    title=_t(
        "Бір жұмыс шектен төмен бірнеше шартқа бөлінген",
        "Одна работа раздроблена на договоры ниже порога",
        "One job split into agreements under the threshold",
    ),
    rationale=_t(
        "Бағдарламаны кеңестің мақұлдауынан, конкурстан немесе жоғары тұрған органның келісімінен жалтару үшін бір жұмыс бір орындаушымен жасалған бірнеше шартқа бөлінеді: әрқайсысы шектен сәл төмен, бірге — одан жоғары. Бөліктерге бір күнде немесе бірнеше апта аралығында қол қойылады, нысаналары қайта жазылады.",
        "Чтобы обойти одобрение программы советом, конкурс или согласование вышестоящим органом, одну работу делят на несколько договоров с одним исполнителем: каждый чуть ниже порога, вместе — выше. Части подписывают в один день или с разницей в несколько недель, предметы перефразируют.",
        "To avoid a council's approval of the programme, a tender or a sign-off by a higher authority, one job is cut into several agreements with one performer: each a little under the threshold, together above it. The pieces are signed on the same day or weeks apart, their subjects reworded.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме: сатып алуды шектен төмен бөлу — сатып алудағы белгілі тәуекел белгісі (мемлекеттік сатып алу туралы 2015 жылғы 4 желтоқсандағы № 434-V Заң біртекті тауарларды, жұмыстар мен көрсетілетін қызметтерді рәсімнен жалтару үшін бірнеше сатып алуға бөлуге жол бермейді). Жер қойнауын пайдаланушылардың қағидалары бойынша ҒЗТКЖ тікелей шартпен сатып алынуы мүмкін, сондықтан мұнда шек бағдарламаны кеңестің мақұлдауын (2023 жылдан бастап көмірсутек пен уран бойынша, 2026 жылдан бастап барлық режимдер бойынша; «Ғылым және технологиялық саясат туралы» Заңның 7-бабының 3-тармағы) және компанияның өз келісімдерін қорғайды. Шек пен кезең аудит тәжірибесі бойынша белгіленген.",
        "Аудиторское обоснование: дробление закупки ниже порога — известный признак риска в закупках (Закон о государственных закупках от 04.12.2015 № 434-V не допускает деления однородных товаров, работ и услуг на несколько закупок, чтобы уйти от процедуры). По правилам недропользователей НИОКР можно приобретать прямым договором, поэтому здесь порог охраняет одобрение программы советом (с 2023 года по углеводородам и урану, с 2026 года по всем режимам; Закон «О науке и технологической политике», ст. 7 п. 3) и собственные согласования компании. Порог и окно установлены по практике аудита.",
        "Audit rationale: splitting a purchase to stay under a threshold is a known procurement red flag (the Law on public procurement of 04.12.2015 No 434-V does not allow homogeneous goods, works and services to be divided into several purchases to avoid a procedure). Under the subsoil users' rules R&D may be bought by direct contracting, so the threshold guarded here is the council's approval of the programme (for hydrocarbons and uranium from 2023, under every regime from 2026; Law on Science and Technology Policy, art. 7(3)) and the company's own approvals. The threshold and the window are set by audit practice.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}; «{subject}») — {first_signed} мен {last_signed} аралығында сол орындаушымен жасалған {pieces} шарттың бірі: әрқайсысы {approval_threshold_tiyn} шегінен төмен, бірге — {combined_tiyn}; бір жұмыс деп саналуы себебі: {linked_by_kk} (нысаналардың ұқсастығы {similarity} дейін). Бөліктер: {piece_list_kk}.",
        "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} («{subject}») — один из {pieces} договоров с этим исполнителем, подписанных с {first_signed} по {last_signed}: каждый ниже порога {approval_threshold_tiyn}, вместе — {combined_tiyn}; одна работа, потому что {linked_by_ru} (сходство предметов до {similarity}). Части: {piece_list_ru}.",
        "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} («{subject}») is one of {pieces} agreements with this performer signed from {first_signed} to {last_signed}: each under the threshold of {approval_threshold_tiyn}, together {combined_tiyn}; taken for one job because of {linked_by_en} (subject similarity up to {similarity}). The pieces: {piece_list_en}.",
    ),
    needs=("agreements",),
    evaluate=_nk27,
    thresholds=(_THRESHOLD, _NEAR, _WINDOW, _SIMILARITY),
    truth_codes=("split_agreements",),
)

NK28 = Indicator(
    code="NK-28",
    version=1,
    subject_type="payment",
    weight=45,
    title=_t(
        "Бір міндеттеме лимиттен сәл төмен төлемдерге бөлінген",
        "Одно обязательство оплачено частями чуть ниже лимита",
        "One obligation paid in parts just under a limit",
    ),
    rationale=_t(
        "Жоғары тұрған басшының қолын қажет ететін лимиттен жалтару үшін бір міндеттеме сол орындаушыға бір күнде немесе бірнеше күн аралығында бірнеше төлеммен төленеді, әрқайсысы лимиттен сәл ғана төмен. Кезеңдер жоспары бойынша төлемдер мен ай сайынғы төлемдер мұндай серия құрамайды.",
        "Чтобы обойти лимит, выше которого платёж подписывает вышестоящий руководитель, одно обязательство платят тому же исполнителю несколькими платежами в один или соседние дни, каждый чуть ниже лимита. Платежи по этапам плана и ежемесячные платежи такой серии не образуют.",
        "To avoid the limit above which a higher manager must sign a payment, one obligation is paid to the same performer in several payments on the same or nearby days, each just under the limit. Payments by the stages of a plan and monthly payments do not form such a series.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме: ХАС 240 (қаржылық есептілік аудитіндегі алаяқтық) және ішкі бақылау тәжірибесі — қол қою лимиттерінен сәл төмен бөлінген төлемдер өкілеттіктерді айналып өтудің белгілі белгісі. Лимит жер қойнауын пайдаланушының ішкі құжаттарында белгіленеді; әдепкі мән аудит тәжірибесі бойынша алынған.",
        "Аудиторское обоснование: МСА 240 (мошенничество при аудите финансовой отчётности) и практика внутреннего контроля — платежи, раздробленные чуть ниже лимитов подписи, известный признак обхода полномочий. Лимит устанавливается внутренними документами недропользователя; значение по умолчанию взято из практики аудита.",
        "Audit rationale: ISA 240 (fraud in an audit of financial statements) and internal-control practice — payments split just under sign-off limits are a known sign of authority being bypassed. The limit is set by the subsoil user's internal rules; the default comes from audit practice.",
    ),
    explanation=_t(
        "{paid_on} күнгі {amount_tiyn} сомасындағы {document_number} төлемі (жер қойнауын пайдаланушы {payer_bin}, орындаушы {performer_bin}, мақсаты «{purpose}») — {first_part_on} мен {last_part_on} аралығында (тізбектегі үзіліс {window_days} күннен аспайды) сол орындаушыға төленген {parts} төлемнің бірі: әрқайсысы {payment_limit_tiyn} лимитінің {near_pct} бастап лимитке дейін, бірге — {series_tiyn}. Сериядағы төлемдер: {part_list_kk}.",
        "Платёж {document_number} на сумму {amount_tiyn} от {paid_on} (недропользователь {payer_bin}, исполнитель {performer_bin}, назначение «{purpose}») — один из {parts} платежей этому исполнителю с {first_part_on} по {last_part_on} (с перерывами не более {window_days} дн.): каждый от {near_pct} лимита {payment_limit_tiyn} до лимита, вместе — {series_tiyn}. Платежи серии: {part_list_ru}.",
        "Payment {document_number} of {amount_tiyn} on {paid_on} (subsoil user {payer_bin}, performer {performer_bin}, purpose «{purpose}») is one of {parts} payments to this performer from {first_part_on} to {last_part_on} (gaps of at most {window_days} days): each from {near_pct} of the limit of {payment_limit_tiyn} up to the limit, together {series_tiyn}. The payments of the series: {part_list_en}.",
    ),
    needs=("payments",),  # stages and acts are read where supplied
    evaluate=_split_payments,
    thresholds=(
        Threshold(
            "payment_limit_tiyn", DEFAULT_PAYMENT_LIMIT_TIYN,
            _t(
                "Жоғары тұрған басшының қолын қажет ететін төлем лимиті. Әдепкі мән — 10 000 000 ₸ (елеулілік шегі); жер қойнауын пайдаланушының өз лимиті белгілі болса, соны қойыңыз.",
                "Лимит платежа, выше которого нужна подпись вышестоящего руководителя. По умолчанию 10 000 000 ₸ (порог существенности); если известен собственный лимит недропользователя, укажите его.",
                "The payment limit above which a higher manager must sign. The default is 10,000,000 ₸ (the materiality floor); set the subsoil user's own limit where it is known.",
            ),
        ),
        Threshold(
            "near_share", 0.85,
            _t(
                "Төлем лимиттің осы үлесінен бастап лимитке дейін болса, серияның бөлігі болады (0,85 — лимиттің 85–99,9 %-ы).",
                "Платёж входит в серию, если он не меньше этой доли лимита и ниже лимита (0,85 — 85–99,9 % лимита).",
                "A payment is a part of a series when it is at least this share of the limit and below the limit (0.85: 85–99.9 % of it).",
            ),
        ),
        Threshold(
            "window_days", 7,
            _t(
                "Бір серияның төлемдері арасындағы ең үлкен үзіліс, күн (бір апта: бір күнгі немесе көршілес күндердегі төлемдер; ай сайынғы төлемдер серия құрамайды).",
                "Наибольший перерыв между платежами одной серии, дней (неделя: платежи в один или соседние дни; ежемесячные платежи серии не образуют).",
                "The longest gap between the payments of one series, in days (a week: the same or nearby days; monthly payments are no series).",
            ),
        ),
    ),
    truth_codes=("split_payments",),
)

NK29 = Indicator(
    code="NK-29",
    version=1,
    subject_type="agreement",
    weight=60,
    title=_t(
        "Бір жұмыс бір топтың орындаушыларына шектен төмен бөліктермен берілген",
        "Одна работа роздана исполнителям одной группы частями ниже порога",
        "One job split among performers of one group under the threshold",
    ),
    rationale=_t(
        "Шарттар бір орындаушыда қосылып кетпеуі үшін бір жұмыс бір топтың бірнеше компаниясына — бір иесі, ортақ құрылтайшысы немесе ортақ басшысы бар — бөлінеді: әр бөлік шектен төмен, бірге — одан жоғары. Ақша бәрібір бір топқа түседі.",
        "Чтобы договоры не складывались у одного исполнителя, одну работу раздают нескольким компаниям одной группы — с одним владельцем, общим учредителем или общим руководителем: каждая часть ниже порога, вместе — выше. Деньги всё равно приходят в одну группу.",
        "So that the agreements do not add up at one performer, one job is given to several companies of one group — one owner, a common founder or a common director: each piece under the threshold, together above it. The money still reaches one group.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме: NK-27 сияқты (сатып алуды шектен төмен бөлу — тәуекел белгісі; ҒЗТКЖ бағдарламаларын ғылыми-техникалық кеңестер мақұлдайды, «Ғылым және технологиялық саясат туралы» Заңның 7-бабының 3-тармағы), ал бір топтың компаниялары бір тұлға ретінде қаралады (Акционерлік қоғамдар туралы заң, 64-бап: үлестес тұлғалар). Шек, кезең және байланыс тізбегінің ұзындығы аудит тәжірибесі бойынша белгіленген.",
        "Аудиторское обоснование: как NK-27 (дробление закупки ниже порога — признак риска; программы НИОКР одобряют научно-технические советы, Закон «О науке и технологической политике», ст. 7 п. 3), а компании одной группы рассматриваются как одно лицо (Закон об акционерных обществах, ст. 64: аффилированные лица). Порог, окно и длина цепочки связей установлены по практике аудита.",
        "Audit rationale: as NK-27 (splitting a purchase under a threshold is a red flag; R&D programmes are approved by scientific-technical councils, Law on Science and Technology Policy, art. 7(3)), and the companies of one group count as one (Law on Joint-Stock Companies, art. 64: affiliated persons). The threshold, the window and the length of the chain of links are set by audit practice.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} және орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({amount_tiyn}; «{subject}») — {first_signed} мен {last_signed} аралығында бір топтың орындаушыларымен ({group_bins}) жасалған {pieces} шарттың бірі: әрқайсысы {approval_threshold_tiyn} шегінен төмен, бірге — {combined_tiyn}; бір жұмыс деп саналуы себебі: {linked_by_kk} (нысаналардың ұқсастығы {similarity} дейін). Топтағы байланыс: {path_kk}. Бөліктер: {piece_list_kk}.",
        "Договор {agreement_number} от {signed_on} на {amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} («{subject}») — один из {pieces} договоров с исполнителями одной группы ({group_bins}), подписанных с {first_signed} по {last_signed}: каждый ниже порога {approval_threshold_tiyn}, вместе — {combined_tiyn}; одна работа, потому что {linked_by_ru} (сходство предметов до {similarity}). Связь в группе: {path_ru}. Части: {piece_list_ru}.",
        "Agreement {agreement_number} of {signed_on} for {amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin} («{subject}») is one of {pieces} agreements with performers of one group ({group_bins}) signed from {first_signed} to {last_signed}: each under the threshold of {approval_threshold_tiyn}, together {combined_tiyn}; taken for one job because of {linked_by_en} (subject similarity up to {similarity}). The link in the group: {path_en}. The pieces: {piece_list_en}.",
    ),
    needs=("agreements", "affiliations"),  # organisations are read where supplied (BINs on the path)
    evaluate=_nk29,
    thresholds=(
        _THRESHOLD, _NEAR, _WINDOW, _SIMILARITY,
        Threshold(
            "max_hops", 2,
            _t(
                "Екі орындаушыны бір топқа біріктіретін құрылтайшылар, басшылар немесе аралас байланыстар тізбегінің ең үлкен ұзындығы, буынмен: 1 — тек тікелей байланыстар; 2 — ортақ құрылтайшы немесе басшы да. Иелік кез келген тереңдікке дейін қадағаланады (топ).",
                "Наибольшая длина цепочки связей через учредителей, руководителей или смешанных, объединяющей двух исполнителей в группу, в звеньях: 1 — только прямые связи; 2 — также общий учредитель или руководитель. Владение прослеживается на любую глубину (группа).",
                "Longest path of founder, director or mixed links that makes two performers one group, in edges: 1 — direct links only; 2 — also a common founder or director. Ownership is followed to any depth (the group).",
            ),
        ),
        Threshold(
            "min_owner_share", 10.0,
            _t(
                "Иесі өзіне тиесілі компанияны өз тобына енгізетін ең аз тіркелген қатысу үлесі, пайызбен (10 — ірі акционер, Акционерлік қоғамдар туралы заң бойынша үлестес тұлға); тізілімде көрсетілмеген үлес есепке алынады.",
                "Наименьшая зарегистрированная доля участия, в процентах, при которой владелец включает принадлежащую ему компанию в свою группу (10 — крупный акционер, аффилированное лицо по Закону об акционерных обществах); доля, не указанная в реестре, учитывается.",
                "Least recorded stake, in per cent, by which an owner makes the owned company part of its group (10: a large shareholder, an affiliated person under the Law on Joint-Stock Companies); a stake not recorded counts.",
            ),
        ),
    ),
    truth_codes=("split_across_group",),
)

INDICATORS: tuple[Indicator, ...] = (NK27, NK28, NK29)
