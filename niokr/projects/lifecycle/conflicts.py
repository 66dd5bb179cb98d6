"""Conflicts of interest found in the affiliation graph.

A council member or an expert is recused from a decision about a party (the applicant, the proposed
performer) when the organisation they come from *is* the party or is within two hops of it in the
affiliation graph in force on the day (ownership, a common founder, a common director — each edge
read both ways): the member's institute owned by the applicant's parent is two hops away. The path is
kept with the recusal so a reader sees why: organisations by name and BIN, and the kind of each link.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

__all__ = ["MAX_HOPS", "affiliation_path", "conflicts_of"]

#: How far in the affiliation graph a member's organisation makes them conflicted.
MAX_HOPS = 2


def _edges_around(start: int, day: date, hops: int) -> dict[int, list[tuple[int, str]]]:
    """The neighbourhood of ``start`` up to ``hops`` edges, read level by level from the database."""
    from niokr.registry.models import Affiliation

    graph: dict[int, list[tuple[int, str]]] = {}
    frontier, seen = {start}, {start}
    in_force = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    for _level in range(hops):
        if not frontier:
            break
        rows = Affiliation.objects.filter(in_force & (Q(source_id__in=frontier) | Q(target_id__in=frontier))).values_list("source_id", "target_id", "kind")
        nxt = set()
        for source, target, kind in rows:
            graph.setdefault(source, []).append((target, kind))
            graph.setdefault(target, []).append((source, kind))
            for node in (source, target):
                if node not in seen:
                    seen.add(node)
                    nxt.add(node)
        frontier = nxt
    return graph


def affiliation_path(start: int, targets: Iterable[int], day: date, *, hops: int = MAX_HOPS) -> list[dict] | None:
    """The shortest path from organisation ``start`` to any of ``targets`` within ``hops`` edges.

    Returns the path as steps ``{"bin", "name_kk", "name_ru", "name_en", "link"}`` (``link``: the
    affiliation kind that leads to the step; empty for the first), or ``None`` when there is none.
    """
    from niokr.registry.models import Organisation

    goal = {t for t in targets if t is not None}
    if not goal:
        return None
    if start in goal:
        ids = [(start, "")]
    else:
        graph = _edges_around(start, day, hops)
        previous: dict[int, tuple[int, str]] = {}
        queue, depth = deque([start]), {start: 0}
        found = None
        while queue and found is None:
            node = queue.popleft()
            if depth[node] >= hops:
                continue
            for nxt, kind in sorted(graph.get(node, ())):
                if nxt in depth:
                    continue
                depth[nxt] = depth[node] + 1
                previous[nxt] = (node, kind)
                if nxt in goal:
                    found = nxt
                    break
                queue.append(nxt)
        if found is None:
            return None
        ids, node = [], found
        while node != start:
            prev, kind = previous[node]
            ids.append((node, kind))
            node = prev
        ids.append((start, ""))
        ids.reverse()
    orgs = Organisation.objects.in_bulk([i for i, _k in ids])
    return [
        {"bin": orgs[i].bin, "name_kk": orgs[i].name_kk, "name_ru": orgs[i].name_ru, "name_en": orgs[i].name_en, "link": kind}
        for i, kind in ids
    ]


def conflicts_of(members: Iterable, parties: Iterable[int], day: date) -> dict[int, list[dict]]:
    """For each member (anything with ``pk`` and ``organisation_id``) conflicted with a party: its path."""
    parties = [p for p in parties if p is not None]
    out = {}
    for member in members:
        path = affiliation_path(member.organisation_id, parties, day)
        if path is not None:
            out[member.pk] = path
    return out
