"""The affiliation graph as joins: is a payer related to a performer on a day, and how.

The ``affiliations`` frame holds edges between organisations: ``owner`` (the source owns the
target), ``common_founder`` and ``common_director`` (the two share a founder or a director — the
person in between is already folded into the edge). Two organisations are *affiliated* on a day
when a path of at most ``max_hops`` edges, every one of them valid on that day, joins them,
whatever the edges' directions:

* one hop — the payer owns the performer, is owned by it, or shares a founder or director with it;
* two hops — the usual holding pattern: a common owner (payer ← holding → performer), the owner
  of the payer sharing a founder with the performer, the payer's subsidiary's related party, …

Paths are found for the distinct (source, target) pairs asked about, which are few next to the
rows asked about (payments); each path carries the interval on which all its edges hold, so one
join and a date filter answer every row. The path is returned as evidence: the BINs along it and
the relation of each step, as codes and as a readable chain in Kazakh, Russian and English.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["RELATIONS", "RELATION_LABELS", "affiliation_paths", "affiliated", "PATH_SCHEMA", "through_one_person"]

#: Relation codes of one step along a path, read from the step's start to its end.
RELATIONS = ("owns", "owned_by", "common_founder", "common_director")

#: How a step reads in an auditor's letter: "<start BIN> — <label> — <end BIN>".
RELATION_LABELS: dict[str, dict[str, str]] = {
    "kk": {"owns": "иеленеді", "owned_by": "тиесілі", "common_founder": "ортақ құрылтайшысы бар", "common_director": "ортақ басшысы бар"},
    "ru": {"owns": "владеет", "owned_by": "принадлежит", "common_founder": "имеет общего учредителя с", "common_director": "имеет общего руководителя с"},
    "en": {"owns": "owns", "owned_by": "is owned by", "common_founder": "shares a founder with", "common_director": "shares a director with"},
}

#: Columns of :func:`affiliated`'s answer besides the query key.
PATH_SCHEMA: dict[str, pl.DataType] = {
    "hops": pl.Int32, "path_bins": pl.List(pl.Utf8), "path_relations": pl.List(pl.Utf8),
    "path_kk": pl.Utf8, "path_ru": pl.Utf8, "path_en": pl.Utf8,
}

_PATHS_SCHEMA: dict[str, pl.DataType] = {
    "source_id": pl.Int64, "target_id": pl.Int64, "hops": pl.Int32, "via_id": pl.Int64,
    "relation_1": pl.Utf8, "relation_2": pl.Utf8, "valid_from": pl.Date, "valid_to": pl.Date,
}


def _below_share(affiliations: pl.DataFrame, min_share: float) -> pl.Expr:
    """An ``owner`` edge whose recorded share is below ``min_share`` per cent: not a link on any path."""
    if "share" not in affiliations.columns or min_share <= 0:
        return pl.lit(False)
    return (pl.col("kind") == "owner") & pl.col("share").is_not_null() & (pl.col("share") < min_share)


def _steps(affiliations: pl.DataFrame, *, min_share: float = 0.0) -> pl.DataFrame:
    """Every edge in both directions, as a step ``a → b`` with the relation read from ``a``.

    Ownership edges below ``min_share`` per cent are left out: a small stake links nobody, however
    many other edges the path has."""
    edges = affiliations.filter(
        pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & (pl.col("source_id") != pl.col("target_id"))
        & ~_below_share(affiliations, min_share)
    )
    forward = edges.select(
        pl.col("source_id").alias("a"), pl.col("target_id").alias("b"),
        pl.when(pl.col("kind") == "owner").then(pl.lit("owns")).otherwise(pl.col("kind")).alias("relation"),
        "valid_from", "valid_to",
    )
    backward = edges.select(
        pl.col("target_id").alias("a"), pl.col("source_id").alias("b"),
        pl.when(pl.col("kind") == "owner").then(pl.lit("owned_by")).otherwise(pl.col("kind")).alias("relation"),
        "valid_from", "valid_to",
    )
    return pl.concat([forward, backward])


def affiliation_paths(affiliations: pl.DataFrame, pairs: pl.DataFrame, *, max_hops: int = 2, min_share: float = 0.0) -> pl.DataFrame:
    """Every path of one or two steps joining each ``(source_id, target_id)`` of ``pairs``.

    A path's ``valid_from``/``valid_to`` is the intersection of its edges' validity (``valid_to``
    null: open-ended); paths whose edges never hold together are dropped. An organisation is not
    a path to itself, so pairs with ``source_id == target_id`` get none.

    Args:
        affiliations: the ``affiliations`` input frame.
        pairs: the pairs asked about (``source_id``, ``target_id``); duplicates are ignored.
        max_hops: 1 (direct links only) or 2.
        min_share: ownership edges below this share (per cent) are no link; an unknown share is one.
    """
    if max_hops not in (1, 2):
        raise ValueError(f"max_hops must be 1 or 2, not {max_hops}")
    wanted = pairs.select("source_id", "target_id").unique().filter(pl.col("source_id") != pl.col("target_id"))
    steps = _steps(affiliations, min_share=min_share)
    direct = wanted.join(steps, left_on=["source_id", "target_id"], right_on=["a", "b"], how="inner").select(
        "source_id", "target_id", pl.lit(1, dtype=pl.Int32).alias("hops"), pl.lit(None, dtype=pl.Int64).alias("via_id"),
        pl.col("relation").alias("relation_1"), pl.lit(None, dtype=pl.Utf8).alias("relation_2"), "valid_from", "valid_to",
    )
    found = [direct]
    if max_hops == 2:
        first = steps.join(wanted.select(pl.col("source_id").unique()), left_on="a", right_on="source_id", how="semi")
        second = steps.join(wanted.select(pl.col("target_id").unique()), left_on="b", right_on="target_id", how="semi")
        two = (
            first.join(second, left_on="b", right_on="a", how="inner", suffix="_2")
            .rename({"a": "source_id", "b": "via_id", "b_2": "target_id"})
            .join(wanted, on=["source_id", "target_id"], how="semi")
            .filter(pl.col("source_id") != pl.col("target_id"))
            .select(
                "source_id", "target_id", pl.lit(2, dtype=pl.Int32).alias("hops"), "via_id",
                pl.col("relation").alias("relation_1"), pl.col("relation_2"),
                pl.max_horizontal("valid_from", "valid_from_2").alias("valid_from"),
                pl.min_horizontal("valid_to", "valid_to_2").alias("valid_to"),
            )
        )
        found.append(two)
    paths = pl.concat([f.select([pl.col(c).cast(t) for c, t in _PATHS_SCHEMA.items()]) for f in found])
    return paths.filter(pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))


def _chain(lang: str) -> pl.Expr:
    """The path as "BIN — relation — BIN [— relation — BIN]" in ``lang``."""
    labels = RELATION_LABELS[lang]
    first = pl.col("relation_1").replace_strict(labels, default=pl.col("relation_1"))
    second = pl.col("relation_2").replace_strict(labels, default=pl.col("relation_2"))
    one = pl.concat_str([pl.col("source_bin"), first, pl.col("target_bin")], separator=" — ")
    two = pl.concat_str([pl.col("source_bin"), first, pl.col("via_bin"), second, pl.col("target_bin")], separator=" — ")
    return pl.when(pl.col("hops") == 1).then(one).otherwise(two).alias(f"path_{lang}")


def affiliated(
    affiliations: pl.DataFrame,
    organisations: pl.DataFrame | None,
    queries: pl.DataFrame,
    *,
    key: str | Sequence[str],
    source: str,
    target: str,
    start: str,
    end: str | None = None,
    max_hops: int = 2,
    min_share: float = 0.0,
) -> pl.DataFrame:
    """The shortest affiliation path valid in each query's window, for the queries that have one.

    A path answers a query when it joins ``source`` to ``target`` and holds on some day of
    ``[start, end]`` (``end`` omitted: on the day ``start``). Among several, the one with fewer
    hops wins, then the lower intermediate id and the relation codes, so the answer does not
    depend on row order.

    Args:
        affiliations: the ``affiliations`` input frame.
        organisations: the ``organisations`` frame, to name the organisations on the path by BIN
            (an organisation missing from it is named ``#<id>``); ``None`` names all by id.
        queries: one row per question; ``key`` identifies a row.
        key, source, target, start, end: column names in ``queries``.
        max_hops: 1 (direct links only) or 2.
        min_share: ownership edges below this share (per cent) are no link on a path.

    Returns:
        ``key`` columns plus :data:`PATH_SCHEMA`, one row per query that is affiliated.
    """
    keys = [key] if isinstance(key, str) else list(key)
    last = end or start
    asked = queries.select(*keys, pl.col(source).alias("source_id"), pl.col(target).alias("target_id"), pl.col(start).alias("_start"), pl.col(last).alias("_end"))
    asked = asked.filter(pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & pl.col("_start").is_not_null())
    paths = affiliation_paths(affiliations, asked.select("source_id", "target_id"), max_hops=max_hops, min_share=min_share)
    hits = (
        asked.join(paths, on=["source_id", "target_id"], how="inner")
        .filter((pl.col("valid_from") <= pl.col("_end")) & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= pl.col("_start"))))
        .sort([*keys, "hops", "via_id", "relation_1", "relation_2"], nulls_last=False)
        .unique(subset=keys, keep="first", maintain_order=True)
    )
    names = (
        organisations.select(pl.col("org_id"), pl.col("bin"))
        if organisations is not None
        else pl.DataFrame(schema={"org_id": pl.Int64, "bin": pl.Utf8})
    )
    for role in ("source", "via", "target"):
        hits = hits.join(names.rename({"org_id": f"{role}_id", "bin": f"{role}_bin"}), on=f"{role}_id", how="left").with_columns(
            pl.coalesce(pl.col(f"{role}_bin"), pl.concat_str([pl.lit("#"), pl.col(f"{role}_id").cast(pl.Utf8)])).alias(f"{role}_bin")
        )
    return hits.select(
        *keys,
        "hops",
        pl.when(pl.col("hops") == 1)
        .then(pl.concat_list([pl.col("source_bin"), pl.col("target_bin")]))
        .otherwise(pl.concat_list([pl.col("source_bin"), pl.col("via_bin"), pl.col("target_bin")]))
        .alias("path_bins"),
        pl.when(pl.col("hops") == 1)
        .then(pl.concat_list([pl.col("relation_1")]))
        .otherwise(pl.concat_list([pl.col("relation_1"), pl.col("relation_2")]))
        .alias("path_relations"),
        _chain("kk"), _chain("ru"), _chain("en"),
    ).cast(PATH_SCHEMA)


# -- groups: ownership trees of any depth ----------------------------------------------------------

#: Longest chain of owners followed upwards from an organisation; a guard against cycles and
#: malformed data rather than a rule (real holding structures are a few levels deep).
MAX_OWNERSHIP_DEPTH = 12

_CHAIN_SCHEMA: dict[str, pl.DataType] = {
    "org_id": pl.Int64, "ancestor_id": pl.Int64, "depth": pl.Int32, "chain": pl.List(pl.Int64), "valid_from": pl.Date, "valid_to": pl.Date,
}


def group_stakes(affiliations: pl.DataFrame, *, min_share: float) -> pl.DataFrame:
    """Ownership edges standing for a group's combined stake: ``source_id`` owns ``target_id`` when the
    small stakes (each below ``min_share`` per cent) that it and the companies under it hold add up
    to ``min_share`` or more.

    Each member's stake counts at its effective weight: multiplied by the shares down the chain from
    the group's owner to the member (an unknown share counts whole). Only chains of stakes of at least
    ``min_share`` make a company a member. The combined edge holds while every edge behind it holds.
    Returns ``affiliations``' ownership columns (``kind`` "owner", ``share`` the combined stake).
    """
    schema = {"source_id": pl.Int64, "target_id": pl.Int64, "kind": pl.Utf8, "share": pl.Float64, "valid_from": pl.Date, "valid_to": pl.Date}
    if "share" not in affiliations.columns or min_share <= 0:
        return pl.DataFrame(schema=schema)
    owner = affiliations.filter(
        (pl.col("kind") == "owner") & pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & (pl.col("source_id") != pl.col("target_id"))
    ).select("source_id", "target_id", pl.col("share").cast(pl.Float64), "valid_from", "valid_to")
    small = owner.filter(pl.col("share").is_not_null() & (pl.col("share") < min_share))
    if small.height < 2:
        return pl.DataFrame(schema=schema)
    strong = owner.filter(pl.col("share").is_null() | (pl.col("share") >= min_share))
    up = strong.select(
        pl.col("target_id").alias("member_id"), pl.col("source_id").alias("parent_id"),
        pl.col("share").fill_null(100.0).alias("edge_share"), pl.col("valid_from").alias("edge_from"), pl.col("valid_to").alias("edge_to"),
    )
    start = small["source_id"].unique()
    # (member, owner above it, the owner's effective weight in the member, when the chain holds).
    frontier = pl.DataFrame({"member_id": start, "owner_id": start}).with_columns(
        pl.lit(1.0).alias("weight"), pl.concat_list(pl.col("member_id")).alias("chain"),
        pl.lit(None, dtype=pl.Date).alias("chain_from"), pl.lit(None, dtype=pl.Date).alias("chain_to"),
    )
    found = [frontier]
    for _ in range(MAX_OWNERSHIP_DEPTH):
        frontier = (
            frontier.join(up, left_on="owner_id", right_on="member_id", how="inner")
            .filter(~pl.col("chain").list.contains(pl.col("parent_id")))
            .select(
                "member_id", pl.col("parent_id").alias("owner_id"), (pl.col("weight") * pl.col("edge_share") / 100.0).alias("weight"),
                pl.col("chain").list.concat(pl.concat_list(pl.col("parent_id"))).alias("chain"),
                pl.max_horizontal("chain_from", "edge_from").alias("chain_from"), pl.min_horizontal("chain_to", "edge_to").alias("chain_to"),
            )
        )
        if frontier.is_empty():
            break
        found.append(frontier)
    members = pl.concat(found).sort("weight", descending=True).unique(["member_id", "owner_id"], keep="first")
    combined = (
        members.join(small, left_on="member_id", right_on="source_id", how="inner")
        .filter(pl.col("target_id") != pl.col("owner_id"))
        .group_by("owner_id", "target_id")
        .agg(
            (pl.col("weight") * pl.col("share")).sum().alias("share"), pl.col("member_id").n_unique().alias("_members"),
            pl.max_horizontal("chain_from", "valid_from").max().alias("valid_from"), pl.min_horizontal("chain_to", "valid_to").min().alias("valid_to"),
        )
        .filter((pl.col("_members") >= 2) & (pl.col("share") >= min_share - 1e-9))
        .filter(pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))
    )
    return combined.select(pl.col("owner_id").alias("source_id"), "target_id", pl.lit("owner").alias("kind"), "share", "valid_from", "valid_to").cast(schema)


def _owners_above(affiliations: pl.DataFrame, orgs: pl.Series, *, min_share: float = 0.0) -> pl.DataFrame:
    """Every owner above each of ``orgs``, at any depth, with the chain to it and when the chain holds.

    An organisation is its own ancestor at depth 0 (always). A chain holds on the days every one of
    its ``owner`` edges holds; owners whose recorded share is below ``min_share`` per cent do not
    make the owned company part of their group (an unknown share counts as control), unless the
    stakes of one group add up to ``min_share`` (:func:`group_stakes`).
    """
    edges = affiliations.filter(
        (pl.col("kind") == "owner") & pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & (pl.col("source_id") != pl.col("target_id"))
    )
    if "share" in edges.columns and min_share > 0:
        combined = group_stakes(edges, min_share=min_share)
        edges = edges.filter(pl.col("share").is_null() | (pl.col("share") >= min_share)).select("source_id", "target_id", "valid_from", "valid_to")
        edges = pl.concat([edges, combined.select(edges.columns).cast(edges.schema)])
    up = edges.select(pl.col("target_id").alias("ancestor_id"), pl.col("source_id").alias("parent_id"), pl.col("valid_from").alias("edge_from"), pl.col("valid_to").alias("edge_to"))
    start = orgs.drop_nulls().unique().cast(pl.Int64)
    frontier = pl.DataFrame(
        {"org_id": start, "ancestor_id": start, "depth": pl.Series([0] * len(start), dtype=pl.Int32), "chain": start.to_frame().select(pl.concat_list(pl.col(start.name)))[:, 0]},
    ).with_columns(pl.lit(None, dtype=pl.Date).alias("valid_from"), pl.lit(None, dtype=pl.Date).alias("valid_to")).select(list(_CHAIN_SCHEMA)).cast(_CHAIN_SCHEMA)
    found = [frontier]
    for _ in range(MAX_OWNERSHIP_DEPTH):
        frontier = (
            frontier.join(up, on="ancestor_id", how="inner")
            .filter(~pl.col("chain").list.contains(pl.col("parent_id")))
            .select(
                "org_id", pl.col("parent_id").alias("ancestor_id"), (pl.col("depth") + 1).cast(pl.Int32).alias("depth"),
                pl.col("chain").list.concat(pl.concat_list(pl.col("parent_id"))).alias("chain"),
                pl.max_horizontal("valid_from", "edge_from").alias("valid_from"), pl.min_horizontal("valid_to", "edge_to").alias("valid_to"),
            )
            .filter(pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))
        )
        if frontier.is_empty():
            break
        found.append(frontier)
    return pl.concat(found)


def group_paths(affiliations: pl.DataFrame, pairs: pl.DataFrame, *, min_share: float = 0.0) -> pl.DataFrame:
    """For each ``(source_id, target_id)``: every way the two belong to one ownership tree.

    Two organisations are in one group when one owns the other, directly or through subsidiaries,
    or when both are owned, at any depth, by the same parent — a company owned by the payer's
    parent's subsidiary is in the payer's group. Each answer names the meeting owner (``top_id``),
    the chain from the source up to it and from the target up to it, and the interval on which
    every edge of both chains holds (null ends: open).
    """
    wanted = pairs.select("source_id", "target_id").unique().filter(pl.col("source_id") != pl.col("target_id"))
    chains = _owners_above(affiliations, pl.concat([wanted["source_id"], wanted["target_id"]]).rename("org"), min_share=min_share)
    up_source = chains.rename({"org_id": "source_id", "depth": "depth_source", "chain": "chain_source", "valid_from": "from_source", "valid_to": "to_source"})
    up_target = chains.rename({"org_id": "target_id", "depth": "depth_target", "chain": "chain_target", "valid_from": "from_target", "valid_to": "to_target"})
    met = (
        wanted.join(up_source, on="source_id", how="inner")
        .join(up_target, on=["target_id", "ancestor_id"], how="inner")
        .filter((pl.col("depth_source") + pl.col("depth_target")) > 0)
        .select(
            "source_id", "target_id", pl.col("ancestor_id").alias("top_id"), "depth_source", "depth_target", "chain_source", "chain_target",
            pl.max_horizontal("from_source", "from_target").alias("valid_from"), pl.min_horizontal("to_source", "to_target").alias("valid_to"),
        )
    )
    return met.filter(pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))


def _bins_of(organisations: pl.DataFrame | None) -> dict[int, str]:
    """Organisation id → BIN, for naming the links of a path."""
    if organisations is None:
        return {}
    names = organisations.select(pl.col("org_id"), pl.col("bin")).unique("org_id")
    return dict(zip(names["org_id"].to_list(), names["bin"].to_list(), strict=True))


def _path_texts(bins: list[list[str]], relations: list[list[str]]) -> dict[str, list[str]]:
    """Each path as text in each language: «BIN — owns — BIN — common director — BIN»."""
    texts: dict[str, list[str]] = {lang: [] for lang in RELATION_LABELS}
    for chain, rel in zip(bins, relations, strict=True):
        for lang, labels in RELATION_LABELS.items():
            parts = [chain[0]]
            for relation, bin_ in zip(rel, chain[1:], strict=True):
                parts += [labels[relation], bin_]
            texts[lang].append(" — ".join(parts))
    return texts


def in_group(
    affiliations: pl.DataFrame,
    organisations: pl.DataFrame | None,
    queries: pl.DataFrame,
    *,
    key: str | Sequence[str],
    source: str,
    target: str,
    day: str,
    min_share: float = 0.0,
) -> pl.DataFrame:
    """The shortest ownership path joining ``source`` and ``target`` through their group on ``day``.

    Returns ``key`` plus :data:`PATH_SCHEMA` (``hops`` is the number of ownership edges on the path:
    up from the source to the ultimate common owner, then down to the target), one row per query
    whose two organisations were in one group on that day.
    """
    keys = [key] if isinstance(key, str) else list(key)
    asked = queries.select(*keys, pl.col(source).alias("source_id"), pl.col(target).alias("target_id"), pl.col(day).alias("_day"))
    asked = asked.filter(pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & pl.col("_day").is_not_null())
    paths = group_paths(affiliations, asked.select("source_id", "target_id"), min_share=min_share)
    hits = (
        asked.join(paths, on=["source_id", "target_id"], how="inner")
        .filter((pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("_day"))) & (pl.col("valid_to").is_null() | (pl.col("_day") <= pl.col("valid_to"))))
        .with_columns((pl.col("depth_source") + pl.col("depth_target")).cast(pl.Int32).alias("hops"))
        .sort([*keys, "hops", "top_id"])
        .unique(subset=keys, keep="first", maintain_order=True)
        # The path: the source and its owners up to the top, then down the target's chain to it.
        .with_columns(
            pl.col("chain_source").list.concat(pl.col("chain_target").list.reverse().list.slice(1)).alias("_ids"),
            pl.concat_list([
                pl.lit("owned_by").repeat_by(pl.col("depth_source")), pl.lit("owns").repeat_by(pl.col("depth_target")),
            ]).list.eval(pl.element().drop_nulls()).alias("path_relations"),
        )
    )
    lookup = _bins_of(organisations)
    bins = [[lookup.get(i) or f"#{i}" for i in ids] for ids in hits["_ids"].to_list()]
    hits = hits.with_columns(pl.Series("path_bins", bins, dtype=pl.List(pl.Utf8)))
    texts = _path_texts(bins, hits["path_relations"].to_list())
    return hits.select(*keys, "hops", "path_bins", "path_relations").with_columns(
        *[pl.Series(f"path_{lang}", texts[lang], dtype=pl.Utf8) for lang in ("kk", "ru", "en")]
    ).cast(PATH_SCHEMA)


def through_one_person(
    affiliations: pl.DataFrame,
    organisations: pl.DataFrame | None,
    queries: pl.DataFrame,
    *,
    key: str | Sequence[str],
    source: str,
    target: str,
    day: str,
    min_share: float = 0.0,
) -> pl.DataFrame:
    """The shortest path joining ``source`` and ``target`` on ``day`` through exactly one common founder
    or director link and any number of ownership links around it.

    Ownership is group membership, not distance (:func:`in_group`), so it does not count against the
    hop limit of personal links: the payer's parent's director sitting on the board of the company
    that owns the performer joins the two, however deep the holdings. The link's two ends are each
    in the group of one side: ``source`` and the link's near end share an owner at any depth (or are
    one), and so do its far end and ``target``. Returns ``key`` plus :data:`PATH_SCHEMA` (``hops``:
    every edge of the path).
    """
    keys = [key] if isinstance(key, str) else list(key)
    asked = queries.select(*keys, pl.col(source).alias("source_id"), pl.col(target).alias("target_id"), pl.col(day).alias("_day"))
    asked = asked.filter(pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & pl.col("_day").is_not_null() & (pl.col("source_id") != pl.col("target_id")))
    personal = _steps(affiliations.filter(pl.col("kind").is_in(["common_founder", "common_director"]))).rename(
        {"a": "x_id", "b": "y_id", "relation": "link", "valid_from": "link_from", "valid_to": "link_to"},
    )
    empty = pl.DataFrame(schema={**{k: asked.schema[k] for k in keys}, **PATH_SCHEMA})
    if asked.is_empty() or personal.is_empty():
        return empty
    orgs = pl.concat([asked["source_id"], asked["target_id"], personal["x_id"], personal["y_id"]]).rename("org")
    up = _owners_above(affiliations, orgs, min_share=min_share)

    def side(ends: pl.DataFrame, org: str, end: str, tag: str) -> pl.DataFrame:
        """``org`` and ``end`` meeting at a common owner: the chain up from ``org`` and down to ``end``."""
        a = up.rename({"org_id": org, "depth": f"d_{tag}", "chain": f"c_{tag}", "valid_from": f"f_{tag}", "valid_to": f"t_{tag}"})
        b = up.rename({"org_id": end, "depth": f"e_{tag}", "chain": f"k_{tag}", "valid_from": f"g_{tag}", "valid_to": f"u_{tag}"})
        on = [end, "ancestor_id"] if end in ends.columns else ["ancestor_id"]
        return ends.join(a, on=org, how="inner").join(b, on=on, how="inner").drop("ancestor_id")

    # The link's near end in the source's group, its far end in the target's group.
    ends = side(asked.select("source_id", "target_id").unique(), "source_id", "x_id", "s").join(personal, on="x_id", how="inner")
    ends = side(ends, "y_id", "target_id", "t")
    if ends.is_empty():
        return empty
    hits = asked.join(ends, on=["source_id", "target_id"], how="inner")

    def holds(f: str, t: str) -> pl.Expr:
        return (pl.col(f).is_null() | (pl.col(f) <= pl.col("_day"))) & (pl.col(t).is_null() | (pl.col("_day") <= pl.col(t)))

    hits = (
        hits.filter(holds("f_s", "t_s") & holds("g_s", "u_s") & holds("link_from", "link_to") & holds("f_t", "t_t") & holds("g_t", "u_t"))
        .with_columns((pl.col("d_s") + pl.col("e_s") + 1 + pl.col("d_t") + pl.col("e_t")).cast(pl.Int32).alias("hops"))
        .sort([*keys, "hops", "x_id", "y_id"])
        .unique(subset=keys, keep="first", maintain_order=True)
    )
    if hits.is_empty():
        return empty
    lookup = _bins_of(organisations)
    bins, relations = [], []
    for row in hits.select("c_s", "k_s", "link", "c_t", "k_t").iter_rows():
        c_s, k_s, link, c_t, k_t = row
        # Up from the source to the common owner, down to the link's near end; across; up to the next owner, down to the target.
        ids = list(c_s) + list(reversed(k_s))[1:] + list(c_t) + list(reversed(k_t))[1:]
        rel = ["owned_by"] * (len(c_s) - 1) + ["owns"] * (len(k_s) - 1) + [link] + ["owned_by"] * (len(c_t) - 1) + ["owns"] * (len(k_t) - 1)
        bins.append([lookup.get(i) or f"#{i}" for i in ids])
        relations.append(rel)
    texts = _path_texts(bins, relations)
    return hits.select(*keys, "hops").with_columns(
        pl.Series("path_bins", bins, dtype=pl.List(pl.Utf8)), pl.Series("path_relations", relations, dtype=pl.List(pl.Utf8)),
        *[pl.Series(f"path_{lang}", texts[lang], dtype=pl.Utf8) for lang in ("kk", "ru", "en")],
    ).cast(PATH_SCHEMA)
