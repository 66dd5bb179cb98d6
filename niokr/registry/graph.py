"""The affiliation graph: holding groups and related parties, computed from ``Affiliation`` edges.

Pure functions over plain edges (``Edge``), plus one loader from the database. A holding group is
what falls out of the ownership edges: the root owner (usually a national company) and every
organisation it owns directly or through subsidiaries, on a given day.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = ["Edge", "holding_groups", "related_within", "load_edges"]


@dataclass(frozen=True)
class Edge:
    """``source`` → ``target``: owner of, or sharing a founder/director with."""

    source: int
    target: int
    kind: str
    share: Decimal | None
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def holding_groups(edges: list[Edge], day: date, *, min_share: Decimal = Decimal("50")) -> dict[int, int]:
    """Map every owned organisation to the root of its holding group on ``day``.

    Control follows ownership edges with a share above ``min_share`` per cent (or an unspecified
    share); the root is the owner no one controls. A cross-holding cycle resolves to the smallest id
    in the cycle, so the result is deterministic and every root maps to itself.
    """
    parent: dict[int, int] = {}
    for e in sorted(edges, key=lambda e: (e.target, -(e.share or Decimal(101)), e.source)):
        if e.kind != "owner" or not e.valid_on(day):
            continue
        if e.share is not None and e.share <= min_share:
            continue
        parent.setdefault(e.target, e.source)
    roots: dict[int, int] = {}
    for node in sorted(set(parent) | set(parent.values())):
        order: list[int] = []
        position: dict[int, int] = {}
        current = node
        while current in parent and current not in position:
            position[current] = len(order)
            order.append(current)
            current = parent[current]
        if current in position:
            # A cross-holding cycle: its smallest id stands as the root of everything leading into it.
            root = min(order[position[current] :])
        else:
            root = current
        roots[node] = root
    return roots


def related_within(edges: list[Edge], start: int, day: date, *, hops: int = 2) -> dict[int, int]:
    """Organisations connected to ``start`` within ``hops`` edges of any kind on ``day`` (id → distance)."""
    adjacent: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        if e.valid_on(day):
            adjacent[e.source].add(e.target)
            adjacent[e.target].add(e.source)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if distance[node] == hops:
            continue
        for nxt in sorted(adjacent[node]):
            if nxt not in distance:
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    distance.pop(start)
    return distance


def load_edges() -> list[Edge]:
    """Every affiliation edge from the database."""
    from niokr.registry.models import Affiliation

    return [Edge(*row) for row in Affiliation.objects.values_list("source_id", "target_id", "kind", "share", "valid_from", "valid_to")]
