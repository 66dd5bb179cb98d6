"""The network of organisations over time: who pays whom, and who owns, founds or directs whom.

Pure: polars, networkx (ADR 14) and the standard library. Nodes are organisations (their ids);
a person standing behind several organisations is folded into an edge between them, as the
``affiliations`` frame already does for common founders and directors. Every edge holds over an
interval of days (``valid_from``, ``valid_to``; ``None``: open):

* ``owner`` — the source owns the target (with its share, per cent, when recorded);
* ``common_founder``, ``common_director`` — the two share a founder or a director;
* ``common_beneficial_owner`` — the two share a beneficial owner (only when the optional
  ``beneficial_owners`` frame is supplied: one row per organisation and owner, with dates);
* ``agreement`` — the source (payer) pays the target (performer) under an agreement, over the
  agreement's period (its start, else its signing day, to its end, else the evaluation day).

The first four are *ties* (they hold in both directions: whoever is tied is in one group); money
runs along agreements only. What this module answers:

* :func:`build` and :func:`on` — the graph, and its snapshot on a day or over a window;
* :func:`money_cycles` — cycles along which money comes back where it started (agreements followed
  from payer to performer, ties either way), in a snapshot;
* :func:`onward_chains` — the time-aware chains of agreements, each passed on while its predecessor
  runs (the engine of NK-49);
* :func:`related` — whether an organisation belongs to another's group on a day, as NK-02 and
  NK-20 read it (:mod:`graph`'s ownership trees, founder and director links), with the path;
* :func:`shortest_path` — the shortest chain of edges joining two organisations in a snapshot, as
  evidence in words; :func:`communities` — clusters of densely tied organisations;
* :func:`neighbourhood` and :func:`layout` — what the network page draws around a flag.

Paths read like :mod:`graph`'s: «BIN — relation — BIN — …», the relation said from the step's
start, in Kazakh, Russian and English (:data:`STEP_LABELS`); the pages name each BIN.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import networkx as nx
import polars as pl

from niokr.control.indicators import graph
from niokr.control.indicators.base import LANGUAGES, format_day

__all__ = [
    "TIES", "AGREEMENT", "EDGE_KINDS", "EDGE_LABELS", "STEP_LABELS", "Step", "Neighbourhood",
    "ties", "beneficial_ties", "tie_components", "build", "holds", "on", "undirected", "shortest_path", "money_cycles",
    "communities", "neighbourhood", "layout", "onward_chains", "related", "returned_flow", "step_label", "path_text",
]

TIES = ("owner", "common_founder", "common_director", "common_beneficial_owner")
AGREEMENT = "agreement"
EDGE_KINDS = (*TIES, AGREEMENT)

#: An edge of the network page, by its kind.
EDGE_LABELS: dict[str, dict[str, str]] = {
    "kk": {"owner": "иесі", "common_founder": "ортақ құрылтайшы", "common_director": "ортақ басшы", "common_beneficial_owner": "ортақ түпкі бенефициар", "agreement": "шарт"},
    "ru": {"owner": "владелец", "common_founder": "общий учредитель", "common_director": "общий руководитель", "common_beneficial_owner": "общий конечный бенефициар", "agreement": "договор"},
    "en": {"owner": "owner", "common_founder": "common founder", "common_director": "common director", "common_beneficial_owner": "common beneficial owner", "agreement": "agreement"},
}

#: One step of a path, said from its start: :data:`graph.RELATION_LABELS` and a shared beneficial owner.
STEP_LABELS: dict[str, dict[str, str]] = {
    lang: {
        **graph.RELATION_LABELS[lang],
        "common_beneficial_owner": {"kk": "ортақ түпкі бенефициары бар", "ru": "имеет общего конечного бенефициара с", "en": "shares a beneficial owner with"}[lang],
    }
    for lang in LANGUAGES
}

#: The money of an agreement step, said from the payer («pays under agreement 5 of 07.12.2025»),
#: and from the performer; ``{number}`` may be empty (a one-company run does not read the numbers
#: of other payers' agreements).
_PAYS = {
    "kk": ("{date} күнгі {number} шарты бойынша төлейді", "{date} күнгі шарт бойынша төлейді"),
    "ru": ("платит по договору {number} от {date}", "платит по договору от {date}"),
    "en": ("pays under agreement {number} of {date}", "pays under an agreement of {date}"),
}
_PAID = {
    "kk": ("{date} күнгі {number} шарты бойынша ақы алады", "{date} күнгі шарт бойынша ақы алады"),
    "ru": ("получает оплату по договору {number} от {date}", "получает оплату по договору от {date}"),
    "en": ("is paid under agreement {number} of {date} by", "is paid under an agreement of {date} by"),
}

_TIE_SCHEMA: dict[str, pl.DataType] = {
    "source_id": pl.Int64, "target_id": pl.Int64, "kind": pl.Utf8, "valid_from": pl.Date, "valid_to": pl.Date, "share": pl.Float64,
}
#: Order in which a step between two organisations is said when several edges join them.
_PREFERENCE = {AGREEMENT: 0, "owner": 1, "common_founder": 2, "common_director": 3, "common_beneficial_owner": 4}


class Step(NamedTuple):
    """One edge of a path, read from ``source``: ``relation`` is owns | owned_by | common_founder |
    common_director | common_beneficial_owner | pays | paid_by; ``data`` the edge's attributes."""

    source: Hashable
    relation: str
    target: Hashable
    data: Mapping[str, Any]


# -- the edges -------------------------------------------------------------------------------------

def beneficial_ties(beneficial_owners: pl.DataFrame | None) -> pl.DataFrame:
    """Pairs of organisations with a beneficial owner in common, over the days both hold (``common_beneficial_owner``).

    An owner is the same owner when its ``identifier`` (IIN or BIN) is; an owner recorded without
    one is matched by its name (letters and digits, case folded) and ``country`` together. One row
    per pair and owner (source id below target id); an empty frame when the frame is not supplied.
    """
    empty = pl.DataFrame(schema=_TIE_SCHEMA)
    if beneficial_owners is None or beneficial_owners.is_empty() or "org_id" not in beneficial_owners.columns:
        return empty
    cols = beneficial_owners.columns

    def text(name: str) -> pl.Expr:
        return pl.col(name).cast(pl.Utf8).fill_null("").str.strip_chars() if name in cols else pl.lit("")

    name_key = text("owner_name").str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    person = (
        pl.when(text("identifier") != "").then(pl.concat_str([pl.lit("id:"), text("identifier")]))
        .when(name_key != "").then(pl.concat_str([pl.lit("name:"), name_key, pl.lit("|"), text("country").str.to_uppercase()]))
    )
    rows = beneficial_owners.select(
        pl.col("org_id").cast(pl.Int64).alias("org"), person.alias("person"),
        (pl.col("valid_from").cast(pl.Date) if "valid_from" in cols else pl.lit(None, dtype=pl.Date)).alias("f"),
        (pl.col("valid_to").cast(pl.Date) if "valid_to" in cols else pl.lit(None, dtype=pl.Date)).alias("t"),
    ).filter(pl.col("org").is_not_null() & pl.col("person").is_not_null())
    pairs = (
        rows.join(rows, on="person", how="inner", suffix="_2")
        .filter(pl.col("org") < pl.col("org_2"))
        .select(
            pl.col("org").alias("source_id"), pl.col("org_2").alias("target_id"), pl.lit("common_beneficial_owner").alias("kind"),
            pl.max_horizontal("f", "f_2").alias("valid_from"), pl.min_horizontal("t", "t_2").alias("valid_to"), pl.lit(None, dtype=pl.Float64).alias("share"),
        )
        .filter(pl.col("valid_from").is_null() | pl.col("valid_to").is_null() | (pl.col("valid_from") <= pl.col("valid_to")))
    )
    return pairs.cast(_TIE_SCHEMA).unique(maintain_order=True)


def ties(affiliations: pl.DataFrame | None, beneficial_owners: pl.DataFrame | None = None, *, min_share: float = 0.0) -> pl.DataFrame:
    """Every tie edge: the affiliations (an ownership stake recorded below ``min_share`` per cent is no
    tie, as for :mod:`graph`) and, when given, shared beneficial owners."""
    parts = [beneficial_ties(beneficial_owners)]
    if affiliations is not None and not affiliations.is_empty():
        edges = affiliations.filter(
            pl.col("source_id").is_not_null() & pl.col("target_id").is_not_null() & (pl.col("source_id") != pl.col("target_id"))
            & pl.col("kind").is_in(list(TIES))
        )
        if "share" in edges.columns and min_share > 0:
            edges = edges.filter(~((pl.col("kind") == "owner") & pl.col("share").is_not_null() & (pl.col("share") < min_share)))
        if "share" not in edges.columns:
            edges = edges.with_columns(pl.lit(None, dtype=pl.Float64).alias("share"))
        parts.insert(0, edges.select(list(_TIE_SCHEMA)).cast(_TIE_SCHEMA))
    return pl.concat(parts)


def tie_components(tie_edges: pl.DataFrame) -> pl.DataFrame:
    """``org_id → group_id``: the organisations joined by ties at any time, each component named by its
    smallest id (an organisation with no tie is not listed: it is a group of its own).

    An upper bound of every group on every day — the engine narrows candidates with it before asking
    :func:`related` about the day.
    """
    g = nx.Graph()
    g.add_edges_from(zip(tie_edges["source_id"].to_list(), tie_edges["target_id"].to_list(), strict=True))
    ids, groups = [], []
    for component in nx.connected_components(g):
        head = min(component)
        for node in component:
            ids.append(node)
            groups.append(head)
    return pl.DataFrame({"org_id": ids, "group_id": groups}, schema={"org_id": pl.Int64, "group_id": pl.Int64})


def _as_date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def build(
    *,
    agreements: pl.DataFrame | None = None,
    affiliations: pl.DataFrame | None = None,
    beneficial_owners: pl.DataFrame | None = None,
    as_of: date | None = None,
    min_share: float = 0.0,
) -> nx.MultiDiGraph:
    """The time-aware graph: one edge per tie (:func:`ties`) and per agreement (payer → performer).

    An agreement holds from its period's start (else its signing day) to its period's end (else
    ``as_of``; else open). Edge attributes: ``kind``, ``valid_from``, ``valid_to``; ties add
    ``share``; agreements add ``agreement_id``, ``number``, ``signed_on`` and ``amount`` (tiyn).
    """
    g = nx.MultiDiGraph()
    tie_edges = ties(affiliations, beneficial_owners, min_share=min_share)
    for i, row in enumerate(tie_edges.iter_rows(named=True)):
        g.add_edge(row["source_id"], row["target_id"], key=f"{row['kind']}:{i}", kind=row["kind"], valid_from=row["valid_from"], valid_to=row["valid_to"], share=row["share"])
    if agreements is not None and not agreements.is_empty():
        cols = agreements.columns
        rows = agreements.filter(pl.col("payer_id").is_not_null() & pl.col("performer_id").is_not_null() & (pl.col("payer_id") != pl.col("performer_id")))
        for row in rows.iter_rows(named=True):
            start = row.get("period_start") or row.get("signed_on")
            end = row.get("period_end") or as_of
            g.add_edge(
                row["payer_id"], row["performer_id"], key=f"agreement:{row['agreement_id']}", kind=AGREEMENT,
                valid_from=_as_date(start), valid_to=_as_date(end), agreement_id=row["agreement_id"],
                number=(row.get("number") or "") if "number" in cols else "", signed_on=row.get("signed_on"), amount=row.get("amount"),
            )
    return g


def holds(data: Mapping[str, Any], start: date, end: date | None = None) -> bool:
    """Whether an edge holds on some day of ``[start, end]`` (``end`` omitted: on ``start``)."""
    end = end or start
    first, last = data.get("valid_from"), data.get("valid_to")
    return (first is None or first <= end) and (last is None or last >= start)


def on(g: nx.MultiDiGraph, start: date, end: date | None = None) -> nx.MultiDiGraph:
    """The snapshot of ``g``: every node, and the edges that hold on some day of ``[start, end]``."""
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if holds(d, start, end))
    return h


def undirected(g: nx.MultiDiGraph, kinds: Iterable[str] = EDGE_KINDS) -> nx.Graph:
    """One undirected edge per pair joined by an edge of ``kinds``; ``weight`` counts the edges."""
    wanted = set(kinds)
    u = nx.Graph()
    u.add_nodes_from(g.nodes)
    for a, b, d in g.edges(data=True):
        if d.get("kind") not in wanted or a == b:
            continue
        if u.has_edge(a, b):
            u[a][b]["weight"] += 1
        else:
            u.add_edge(a, b, weight=1)
    return u


def _step(g: nx.MultiDiGraph, a: Hashable, b: Hashable, kinds: Iterable[str] = EDGE_KINDS) -> Step:
    """The edge said between ``a`` and ``b`` (either direction): an agreement first, then ownership,
    founder, director, beneficial owner; among equals the lowest key."""
    wanted = set(kinds)
    found = []
    for u, v in ((a, b), (b, a)):
        for key, d in (g.get_edge_data(u, v) or {}).items():
            kind = d.get("kind")
            if kind in wanted:
                found.append((_PREFERENCE.get(kind, 9), u != a, str(key), u, v, d))
    _rank, reverse, _key, _u, _v, d = min(found, key=lambda f: f[:3])
    kind = d["kind"]
    if kind == AGREEMENT:
        relation = "paid_by" if reverse else "pays"
    elif kind == "owner":
        relation = "owned_by" if reverse else "owns"
    else:
        relation = kind
    return Step(a, relation, b, d)


def shortest_path(g: nx.MultiDiGraph, source: Hashable, target: Hashable, *, kinds: Iterable[str] = EDGE_KINDS) -> list[Step] | None:
    """The shortest chain of edges of ``kinds`` joining ``source`` and ``target`` in a snapshot, either
    direction; among equally short ones the lexicographically least by node (deterministic).
    ``None`` when nothing joins them; ``[]`` when they are one."""
    if source == target:
        return []
    kinds = tuple(kinds)
    u = undirected(g, kinds)
    if source not in u or target not in u:
        return None
    try:
        dist = nx.single_source_shortest_path_length(u, target)
    except nx.NodeNotFound:
        return None
    if source not in dist:
        return None
    # Walk down the distances from the source, always to the least neighbour one step nearer.
    nodes = [source]
    while nodes[-1] != target:
        here = nodes[-1]
        nodes.append(min((n for n in u.neighbors(here) if dist.get(n) == dist[here] - 1), key=_order))
    return [_step(g, a, b, kinds) for a, b in zip(nodes, nodes[1:], strict=False)]


def _order(node: Hashable) -> tuple:
    """A total order over node names of mixed types (ints first)."""
    return (0, node, "") if isinstance(node, int) else (1, 0, str(node))


# -- cycles: money that comes back ---------------------------------------------------------------------


def _canonical(cycle: list[Hashable]) -> tuple:
    """A cycle rotated to start at its least node (its direction kept)."""
    i = min(range(len(cycle)), key=lambda k: _order(cycle[k]))
    return tuple(cycle[i:] + cycle[:i])


def money_cycles(g: nx.MultiDiGraph, *, max_length: int = 6, limit: int = 1000, examine: int = 100_000) -> list[list[Step]]:
    """Every simple cycle of a snapshot along which money comes back to where it started.

    A cycle is a closed walk through distinct organisations, at most ``max_length`` steps, each step
    an agreement followed from payer to performer or a tie followed either way, with at least one
    agreement on it (ties alone make a group, not a flow). Between two organisations an agreement is
    said before a tie. Each cycle is listed once, starting at its least organisation, the list
    ordered by length and then by organisations; at most ``limit`` cycles.

    Found from the money: for each agreement payer → performer, the ways back from the performer to
    the payer, shortest first (networkx's ``shortest_simple_paths``), so that a dense web of ties,
    which has very many cycles that carry no money, costs nothing; each agreement contributes at
    most ``limit`` ways back and the search stops after ``examine`` of them in all (a bound on the
    time a page waits).
    """
    d = nx.DiGraph()
    money: set[tuple] = set()
    for a, b, data in g.edges(data=True):
        if a == b:
            continue
        kind = data.get("kind")
        if kind == AGREEMENT:
            d.add_edge(a, b)
            money.add((a, b))
        elif kind in TIES:
            d.add_edge(a, b)
            d.add_edge(b, a)
    found: dict[tuple, list[Hashable]] = {}
    examined = 0
    for payer, performer in sorted(money, key=lambda p: (_order(p[0]), _order(p[1]))):
        if examined >= examine:
            break
        try:
            for taken, path in enumerate(nx.shortest_simple_paths(d, performer, payer)):
                if len(path) > max_length or taken >= limit or examined >= examine:
                    break
                examined += 1
                key = _canonical([payer, *path[:-1]])
                found.setdefault(key, list(key))
        except nx.NetworkXNoPath:
            continue
    out = []
    for key in sorted(found, key=lambda c: (len(c), [_order(n) for n in c]))[:limit]:
        nodes = found[key]
        steps = []
        for a, b in zip(nodes, nodes[1:] + nodes[:1], strict=True):
            if (a, b) in money:
                steps.append(_step(g, a, b, (AGREEMENT,)))
            else:
                steps.append(_step(g, a, b, TIES))
        out.append(steps)
    return out


# -- communities, the neighbourhood of a flag and its drawing --------------------------------------------


def communities(g: nx.MultiDiGraph) -> list[frozenset]:
    """Clusters of organisations more tied (and paid) among themselves than to the rest: Louvain
    modularity on the undirected snapshot, edges weighted by how many join a pair, a fixed seed.
    Largest first; every node is in exactly one."""
    u = undirected(g)
    if u.number_of_edges() == 0:
        parts = [frozenset([n]) for n in u.nodes]
    else:
        parts = [frozenset(c) for c in nx.community.louvain_communities(u, weight="weight", seed=0)]
    return sorted(parts, key=lambda c: (-len(c), min(_order(n) for n in c)))


@dataclass(frozen=True)
class Neighbourhood:
    """The organisations within ``radius`` links of the centres, nearest first, and the edges among them.

    ``nodes``: ``(node, distance)``; ``edges``: ``(u, v, data)`` of the snapshot between kept nodes;
    ``left_out``: organisations within the radius that the cap left out.
    """

    nodes: list[tuple[Hashable, int]]
    edges: list[tuple[Hashable, Hashable, Mapping[str, Any]]]
    left_out: int = 0
    centres: tuple = field(default_factory=tuple)

    @property
    def distance(self) -> dict[Hashable, int]:
        return dict(self.nodes)


def neighbourhood(g: nx.MultiDiGraph, centres: Sequence[Hashable], *, radius: int = 2, max_nodes: int = 40) -> Neighbourhood:
    """The organisations of a snapshot within ``radius`` links (any kind, either direction) of ``centres``.

    At most ``max_nodes`` are kept (the centres always): nearer first, then the more connected,
    then by id; the rest are counted in ``left_out``.
    """
    u = undirected(g)
    centres = tuple(dict.fromkeys(centres))
    dist: dict[Hashable, int] = {}
    queue: deque = deque()
    for c in centres:
        dist[c] = 0
        if c in u:
            queue.append(c)
    while queue:
        here = queue.popleft()
        if dist[here] >= radius:
            continue
        for n in sorted(u.neighbors(here), key=_order):
            if n not in dist:
                dist[n] = dist[here] + 1
                queue.append(n)
    ranked = sorted(dist, key=lambda n: (dist[n], n not in centres, -(u.degree(n) if n in u else 0), _order(n)))
    keep = ranked[: max(max_nodes, len(centres))]
    kept = set(keep)
    edges = sorted(
        ((a, b, d) for a, b, d in g.edges(data=True) if a in kept and b in kept and a != b),
        key=lambda e: (_order(e[0]), _order(e[1]), _PREFERENCE.get(e[2].get("kind"), 9), str(e[2].get("agreement_id") or "")),
    )
    return Neighbourhood(nodes=[(n, dist[n]) for n in keep], edges=edges, left_out=len(ranked) - len(keep), centres=centres)


def layout(hood: Neighbourhood, *, width: float = 960, height: float = 720, margin: float = 70) -> dict[Hashable, tuple[float, float]]:
    """Positions on concentric ellipses: the centres in the middle, each ring one link further out.

    Within a ring an organisation goes where its neighbours one ring in are (the mean of their
    angles), so that links run outwards rather than across; organisations are then pushed apart
    until neighbours on the ring are at least a label's width apart (evenly spread when the ring
    is too full for that), and a crowded ring alternates between two radii. Deterministic.
    """
    cx, cy = width / 2, height / 2
    rx, ry = max(10.0, width / 2 - margin - 60), max(10.0, height / 2 - margin)
    rings: dict[int, list[Hashable]] = {}
    for node, d in hood.nodes:
        rings.setdefault(d, []).append(node)
    deepest = max(rings) if rings else 0
    neighbours: dict[Hashable, set] = {}
    for a, b, _d in hood.edges:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    pos: dict[Hashable, tuple[float, float]] = {}
    angle: dict[Hashable, float] = {}
    full = 2 * math.pi
    for d in sorted(rings):
        members = rings[d]
        n = len(members)
        if d == 0:
            scale = 0.0 if n == 1 else (0.3 if deepest else 0.8)
        else:
            scale = 0.3 + 0.7 * d / deepest if n > 0 else 1.0
        wanted = {}
        for i, node in enumerate(members):
            inner = [angle[m] for m in neighbours.get(node, ()) if m in angle]
            if inner:
                wanted[node] = math.atan2(sum(math.sin(a) for a in inner), sum(math.cos(a) for a in inner)) % full
            else:
                wanted[node] = (full * i / max(n, 1) + (math.pi / 2 if d == 0 else 0.0)) % full
        order = sorted(members, key=lambda m: (wanted[m], _order(m)))
        # The least angle between two neighbours on the ring: room for a label (about 150 px).
        mean_radius = max(1.0, scale * (rx + ry) / 2)
        gap = min(full / max(n, 1), 150 / mean_radius)
        placed = [wanted[m] for m in order]
        for i in range(1, n):
            placed[i] = max(placed[i], placed[i - 1] + gap)
        if n:
            # Pushing apart moved them forward only: centre them back on where they wanted to be.
            shift = sum(p - wanted[m] for p, m in zip(placed, order, strict=True)) / n
            placed = [p - shift for p in placed]
        if n > 1 and placed[-1] - placed[0] > full - gap:
            placed = [placed[0] + full * i / n for i in range(n)]
        crowded = d > 0 and n * 150 > full * mean_radius
        for i, node in enumerate(order):
            a = placed[i] % full
            r = scale * (0.82 if crowded and i % 2 else 1.0)
            angle[node] = a
            pos[node] = (round(cx + r * rx * math.cos(a), 1), round(cy + r * ry * math.sin(a), 1))
    return pos


# -- paths in words --------------------------------------------------------------------------------------


def step_label(step: Step, lang: str) -> str:
    """A step's relation in ``lang``: «owns», «shares a director with», «pays under agreement 5 of …»."""
    if step.relation in ("pays", "paid_by"):
        table = _PAYS if step.relation == "pays" else _PAID
        number = str(step.data.get("number") or "").strip()
        signed = step.data.get("signed_on")
        text = table[lang][0 if number else 1]
        return text.format(number=number, date=format_day(signed, lang) if signed else "—")
    return STEP_LABELS[lang].get(step.relation, step.relation)


def path_text(steps: Sequence[Step], name: Mapping[Hashable, str], lang: str) -> str:
    """«BIN — relation — BIN — …» for ``steps`` (``name``: node → BIN; a node without one is «—»)."""
    if not steps:
        return ""
    parts = [name.get(steps[0].source, "—")]
    for s in steps:
        parts += [step_label(s, lang), name.get(s.target, "—")]
    return " — ".join(parts)


# -- the engine's questions -------------------------------------------------------------------------------


def related(
    affiliations: pl.DataFrame,
    organisations: pl.DataFrame | None,
    queries: pl.DataFrame,
    *,
    key: str | Sequence[str],
    source: str,
    target: str,
    day: str,
    max_hops: int = 2,
    min_share: float = 0.0,
    beneficial_owners: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Whether ``target`` belongs to ``source``'s group on ``day``, as NK-02 reads it, with the shortest path.

    The group (ownership to any depth, :func:`graph.in_group`), one founder or director link between
    two groups (:func:`graph.through_one_person`), or a path of at most ``max_hops`` links
    (:func:`graph.affiliated`); a beneficial owner shared on the day is one more link; an
    organisation is in its own group (``hops`` 0, the path its BIN alone). Returns ``key`` plus
    :data:`graph.PATH_SCHEMA`, one row per query that is related, read from ``source``.
    """
    keys = [key] if isinstance(key, str) else list(key)
    asked = queries.filter(pl.col(source).is_not_null() & pl.col(target).is_not_null() & pl.col(day).is_not_null()).select(
        *keys, pl.col(source).cast(pl.Int64).alias("_s"), pl.col(target).cast(pl.Int64).alias("_t"), pl.col(day).cast(pl.Date).alias("_d"),
    )
    # Many rows ask the same question (one performer, one group, one day): each is answered once.
    triples = asked.select("_s", "_t", "_d").unique().sort("_s", "_t", "_d").with_row_index("_q").with_columns(pl.col("_q").cast(pl.Int64))
    found = _related_once(affiliations, organisations, triples, max_hops=max_hops, min_share=min_share, beneficial_owners=beneficial_owners)
    schema = {**{k: queries.schema[k] for k in keys}, **graph.PATH_SCHEMA}
    out = asked.join(triples, on=["_s", "_t", "_d"], how="inner").join(found, on="_q", how="inner")
    return out.select(list(schema)).cast(schema)


def _related_once(
    affiliations: pl.DataFrame, organisations: pl.DataFrame | None, asked: pl.DataFrame, *, max_hops: int, min_share: float, beneficial_owners: pl.DataFrame | None,
) -> pl.DataFrame:
    """:func:`related` for distinct questions ``_q`` (``_s`` source, ``_t`` target, ``_d`` day): ``_q`` plus the path."""
    keys, source, target, day = ["_q"], "_s", "_t", "_d"
    common = dict(key=keys, source=source, target=target, min_share=min_share)
    parts = [
        graph.affiliated(affiliations, organisations, asked, start=day, max_hops=max_hops, **common),
        graph.in_group(affiliations, organisations, asked, day=day, **common),
        graph.through_one_person(affiliations, organisations, asked, day=day, **common),
    ]
    bins = _bins(organisations)
    same = asked.filter(pl.col(source) == pl.col(target)).select(*keys, pl.col(source).alias("_org"))
    if not same.is_empty():
        names = [bins.get(o) or f"#{o}" for o in same["_org"].to_list()]
        parts.append(same.select(*keys).with_columns(
            pl.lit(0, dtype=pl.Int32).alias("hops"), pl.Series("path_bins", [[b] for b in names], dtype=pl.List(pl.Utf8)),
            pl.Series("path_relations", [[] for _ in names], dtype=pl.List(pl.Utf8)),
            *[pl.Series(f"path_{lang}", names, dtype=pl.Utf8) for lang in LANGUAGES],
        ))
    shared = beneficial_ties(beneficial_owners)
    if not shared.is_empty():
        both = pl.concat([shared, shared.select(pl.col("target_id").alias("source_id"), pl.col("source_id").alias("target_id"), *shared.columns[2:])])
        hit = (
            asked.select(*keys, pl.col(source).alias("source_id"), pl.col(target).alias("target_id"), pl.col(day).alias("_day"))
            .join(both, on=["source_id", "target_id"], how="inner")
            .filter((pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("_day"))) & (pl.col("valid_to").is_null() | (pl.col("_day") <= pl.col("valid_to"))))
            .unique(subset=keys, keep="first", maintain_order=True)
        )
        if not hit.is_empty():
            pairs = [(bins.get(s) or f"#{s}", bins.get(t) or f"#{t}") for s, t in hit.select("source_id", "target_id").iter_rows()]
            parts.append(hit.select(*keys).with_columns(
                pl.lit(1, dtype=pl.Int32).alias("hops"), pl.Series("path_bins", [list(p) for p in pairs], dtype=pl.List(pl.Utf8)),
                pl.Series("path_relations", [["common_beneficial_owner"]] * len(pairs), dtype=pl.List(pl.Utf8)),
                *[pl.Series(f"path_{lang}", [f"{s} — {STEP_LABELS[lang]['common_beneficial_owner']} — {t}" for s, t in pairs], dtype=pl.Utf8) for lang in LANGUAGES],
            ))
    schema = {**{k: asked.schema[k] for k in keys}, **graph.PATH_SCHEMA}
    found = pl.concat([p.select(list(schema)).cast(schema) for p in parts])
    return found.sort([*keys, "hops"]).unique(subset=keys, keep="first", maintain_order=True)


def _bins(organisations: pl.DataFrame | None) -> dict[int, str]:
    if organisations is None:
        return {}
    rows = organisations.select("org_id", "bin").unique("org_id", keep="first")
    return dict(zip(rows["org_id"].to_list(), rows["bin"].to_list(), strict=True))


_CHAIN_SCHEMA: dict[str, pl.DataType] = {
    "chain_id": pl.Int64, "first_id": pl.Int64, "payer_id": pl.Int64, "ids": pl.List(pl.Int64), "orgs": pl.List(pl.Int64),
    "link_days": pl.List(pl.Date), "links": pl.Int32, "end_id": pl.Int64, "return_day": pl.Date,
}


def onward_chains(agreements: pl.DataFrame, *, as_of: date, min_links: int = 2, max_links: int = 4) -> pl.DataFrame:
    """Every chain of agreements along which money is passed on while the previous agreement runs.

    A chain starts at an agreement (payer → first performer) and follows *onward links*: an
    agreement whose payer is the previous agreement's performer and whose period overlaps the
    previous one's (a period runs from its start, else its signing day, to its end, else
    ``as_of``). No organisation appears twice, except that the last performer may be the first
    payer (the chain is then closed and not followed further). Chains of ``min_links`` to
    ``max_links`` onward links are returned:

    ``chain_id`` (row number), ``first_id`` (the first agreement), ``payer_id`` (its payer),
    ``ids`` (the agreements in order), ``orgs`` (payer, then each agreement's performer),
    ``link_days`` (for each onward link, the day it begins to overlap its predecessor), ``links``,
    ``end_id`` (the last performer) and ``return_day`` (the last link's day).
    """
    if min_links < 1 or max_links < min_links:
        raise ValueError(f"need 1 <= min_links <= max_links, not {min_links}, {max_links}")
    stop = pl.lit(as_of, dtype=pl.Date)
    agr = agreements.filter(pl.col("payer_id").is_not_null() & pl.col("performer_id").is_not_null() & (pl.col("payer_id") != pl.col("performer_id"))).select(
        "agreement_id", "payer_id", "performer_id",
        pl.coalesce("period_start", "signed_on").alias("_start"), pl.coalesce("period_end", stop).alias("_end"),
    ).filter(pl.col("_start").is_not_null() & (pl.col("_start") <= pl.col("_end")))
    onward = agr.select(
        pl.col("agreement_id").alias("_next"), pl.col("payer_id").alias("_via"), pl.col("performer_id").alias("_to"),
        pl.col("_start").alias("_next_start"), pl.col("_end").alias("_next_end"),
    )
    frontier = agr.select(
        pl.col("agreement_id").alias("first_id"), "payer_id", pl.concat_list("agreement_id").alias("ids"),
        pl.concat_list("payer_id", "performer_id").alias("orgs"), pl.lit([], dtype=pl.List(pl.Date)).alias("link_days"),
        pl.col("performer_id").alias("_last"), pl.col("_start").alias("_last_start"), pl.col("_end").alias("_last_end"),
    )
    found = []
    for links in range(1, max_links + 1):
        frontier = (
            frontier.filter(pl.col("_last") != pl.col("payer_id"))  # a closed chain is not followed further
            .join(onward, left_on="_last", right_on="_via", how="inner")
            .with_columns(pl.max_horizontal("_last_start", "_next_start").alias("_day"), pl.min_horizontal("_last_end", "_next_end").alias("_until"))
            .filter(
                (pl.col("_day") <= pl.col("_until")) & ~pl.col("ids").list.contains(pl.col("_next"))
                & (~pl.col("orgs").list.contains(pl.col("_to")) | (pl.col("_to") == pl.col("payer_id")))
            )
            .select(
                "first_id", "payer_id", pl.col("ids").list.concat(pl.concat_list("_next")).alias("ids"),
                pl.col("orgs").list.concat(pl.concat_list("_to")).alias("orgs"), pl.col("link_days").list.concat(pl.concat_list("_day")).alias("link_days"),
                pl.col("_to").alias("_last"), pl.col("_next_start").alias("_last_start"), pl.col("_next_end").alias("_last_end"),
            )
        )
        if frontier.is_empty():
            break
        if links >= min_links:
            found.append(frontier)
    if not found:
        return pl.DataFrame(schema=_CHAIN_SCHEMA)
    chains = (
        pl.concat(found)
        .with_columns(
            (pl.col("ids").list.len() - 1).cast(pl.Int32).alias("links"), pl.col("_last").alias("end_id"),
            pl.col("link_days").list.last().alias("return_day"),
        )
        .sort("first_id", "links", "ids")
        .with_row_index("chain_id")
    )
    return chains.select(list(_CHAIN_SCHEMA)).cast(_CHAIN_SCHEMA)


def returned_flow(source: Hashable, edges: Iterable[tuple[Hashable, Hashable, int | None]], ends: Iterable[Hashable]) -> int | None:
    """The most money that can flow from ``source`` to any of ``ends`` along ``edges`` (``(payer,
    performer, amount)``; agreements between one pair add up; an unknown amount does not limit).

    A maximum flow (networkx): money split between two intermediaries and joined again counts
    once per agreement, not once per chain. ``None`` when nothing limits it (every amount unknown).
    """
    d = nx.DiGraph()
    unlimited: set[tuple] = set()
    for a, b, amount in edges:
        if amount is None:
            unlimited.add((a, b))
            d.add_edge(a, b)
            continue
        if d.has_edge(a, b):
            d[a][b]["capacity"] = d[a][b].get("capacity", 0) + int(amount)
        else:
            d.add_edge(a, b, capacity=int(amount))
    for a, b in unlimited:
        d[a][b].pop("capacity", None)
    sink = ("__back__",)
    for end in ends:
        d.add_edge(end, sink)
    if source not in d or sink not in d:
        return 0
    try:
        value, _flows = nx.maximum_flow(d, source, sink)
    except nx.NetworkXUnbounded:
        return None
    return int(value)
