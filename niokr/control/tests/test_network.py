"""The network of organisations over time (niokr.control.indicators.network): snapshots, cycles,
chains, paths as evidence, communities, the neighbourhood of a flag and its layout."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import networkx as nx
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import network
from niokr.control.indicators.base import Frames

AS_OF = date(2026, 1, 1)
PAYER, SIBLING, HOLDING, X, Y, Z, STRANGER = 100, 101, 200, 1, 2, 3, 9
ORGS = [{"org_id": i, "bin": f"{i:012d}", "kind": "company", "name": f"Org {i}"} for i in (PAYER, SIBLING, HOLDING, X, Y, Z, STRANGER)]
NAMES = {o["org_id"]: o["bin"] for o in ORGS}


def _agreement(agreement_id, payer, performer, start, end=None, amount=100_000_00, number=None):
    return {"agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": number or f"Д-{agreement_id}", "signed_on": start,
            "period_start": start, "period_end": end or date(start.year, 12, 31), "amount": amount}


def _tie(source, target, kind="owner", start=date(2010, 1, 1), end=None, share=None):
    return {"source_id": source, "target_id": target, "kind": kind, "valid_from": start, "valid_to": end, "share": share}


def _frames(agreements=(), affiliations=()):
    return Frames.build(AS_OF, agreements=list(agreements), affiliations=list(affiliations), organisations=ORGS)


def _graph(agreements=(), affiliations=(), **kwargs):
    f = _frames(agreements, affiliations)
    return network.build(agreements=f["agreements"], affiliations=f["affiliations"], as_of=AS_OF, **kwargs)


GROUP = [_tie(HOLDING, PAYER), _tie(HOLDING, Z, share=60.0)]
CHAIN = [_agreement(1, PAYER, X, date(2024, 2, 1)), _agreement(2, X, Y, date(2024, 3, 1)), _agreement(3, Y, Z, date(2024, 4, 1))]


# -- the graph and its snapshots ---------------------------------------------------------------------


def test_edges_hold_over_their_dates_and_a_snapshot_keeps_only_those():
    g = _graph(CHAIN, [*GROUP, _tie(X, STRANGER, "common_director", date(2020, 1, 1), date(2023, 12, 31))])
    assert g.number_of_edges() == 6
    on_day = network.on(g, date(2024, 6, 1))
    kinds = sorted(d["kind"] for _a, _b, d in on_day.edges(data=True))
    assert kinds == ["agreement", "agreement", "agreement", "owner", "owner"]  # the director left X in 2023
    assert len(network.on(g, date(2023, 6, 1)).edges) == 3  # the ties only: no agreement ran yet
    # A window holds every edge holding on some day of it.
    assert len(network.on(g, date(2023, 6, 1), date(2024, 2, 1)).edges) == 4  # the director, the group, the first agreement
    data = g.get_edge_data(PAYER, X)["agreement:1"]
    assert data["amount"] == 100_000_00 and data["number"] == "Д-1" and data["valid_from"] == date(2024, 2, 1)


def test_an_agreement_without_an_end_runs_to_the_evaluation_day_and_small_stakes_are_no_tie():
    open_ended = {**_agreement(1, PAYER, X, date(2024, 2, 1)), "period_end": None}
    g = _graph([open_ended], [_tie(HOLDING, X, share=5.0)], min_share=10.0)
    assert g.get_edge_data(PAYER, X)["agreement:1"]["valid_to"] == AS_OF
    assert not g.has_edge(HOLDING, X)


# -- cycles --------------------------------------------------------------------------------------------


def test_money_that_comes_back_through_the_group_is_a_cycle_and_dates_are_respected():
    g = _graph(CHAIN, GROUP)
    cycles = network.money_cycles(network.on(g, date(2024, 6, 1)))
    assert len(cycles) == 1
    steps = cycles[0]
    assert [(s.source, s.relation, s.target) for s in steps] == [
        (X, "pays", Y), (Y, "pays", Z), (Z, "owned_by", HOLDING), (HOLDING, "owns", PAYER), (PAYER, "pays", X),
    ]
    text = network.path_text(steps, NAMES, "en")
    assert text.startswith("000000000001 — pays under agreement Д-2 of 1 Mar 2024 — 000000000002") and "is owned by — 000000000200 — owns" in text
    assert "принадлежит" in network.path_text(steps, NAMES, "ru") and "тиесілі" in network.path_text(steps, NAMES, "kk")
    # Before the last agreement ran, or after Z was sold, nothing comes back.
    assert network.money_cycles(network.on(g, date(2024, 3, 15))) == []
    sold = _graph(CHAIN, [_tie(HOLDING, PAYER), _tie(HOLDING, Z, end=date(2024, 5, 1))])
    assert network.money_cycles(network.on(sold, date(2024, 6, 1))) == []


def test_ties_alone_are_no_cycle_and_a_bound_on_length_is_kept():
    g = _graph([], [_tie(HOLDING, PAYER), _tie(HOLDING, X), _tie(PAYER, X, "common_director")])
    assert network.money_cycles(network.on(g, date(2024, 6, 1))) == []
    g = _graph(CHAIN, GROUP)
    assert network.money_cycles(network.on(g, date(2024, 6, 1)), max_length=4) == []


def test_two_agreements_between_the_same_pair_both_ways_are_a_cycle():
    g = _graph([_agreement(1, PAYER, SIBLING, date(2024, 1, 1)), _agreement(2, SIBLING, PAYER, date(2024, 2, 1))])
    [cycle] = network.money_cycles(network.on(g, date(2024, 6, 1)))
    assert [s.relation for s in cycle] == ["pays", "pays"]


def _brute_cycles(edges, max_length):
    """Every cycle by enumeration: sequences of distinct nodes, each step an agreement forward or a tie either way."""
    money = {(a, b) for a, b, kind in edges if kind == "agreement" and a != b}
    tie = {(a, b) for a, b, kind in edges if kind != "agreement" and a != b} | {(b, a) for a, b, kind in edges if kind != "agreement" and a != b}
    step = money | tie
    nodes = sorted({n for e in edges for n in e[:2]})
    found = set()
    for length in range(2, max_length + 1):
        for seq in itertools.permutations(nodes, length):
            if seq[0] != min(seq):
                continue
            pairs = list(zip(seq, seq[1:] + seq[:1], strict=True))
            if all(p in step for p in pairs) and any(p in money for p in pairs):
                found.add(seq)
    return found


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6), st.sampled_from(["agreement", "owner", "common_director"]), st.integers(0, 3)), max_size=12),
    st.integers(0, 3), st.integers(2, 5),
)
def test_the_cycle_finder_finds_exactly_the_money_cycles_of_the_snapshot(raw, day_index, max_length):
    """Sound and complete against enumeration, each cycle once, every step an edge holding on the day."""
    days = [date(2024, 1, 1) + timedelta(days=90 * i) for i in range(5)]
    agreements, ties, holding = [], [], []
    for i, (a, b, kind, start) in enumerate(raw):
        if a == b:
            continue
        first, last = days[start], days[start + 1]
        if kind == "agreement":
            agreements.append(_agreement(i + 1, a, b, first, last))
        else:
            ties.append(_tie(a, b, kind, first, last))
        if first <= days[day_index] <= last:
            holding.append((a, b, kind))
    g = _graph(agreements, ties)
    snapshot = network.on(g, days[day_index])
    cycles = network.money_cycles(snapshot, max_length=max_length)
    nodes = [tuple(s.source for s in c) for c in cycles]
    assert len(set(nodes)) == len(nodes)
    assert set(nodes) == _brute_cycles(holding, max_length)
    for cycle in cycles:
        assert cycle[-1].target == cycle[0].source and any(s.relation == "pays" for s in cycle)
        for s in cycle:
            ends = {(s.source, s.target)} if s.relation == "pays" else {(s.source, s.target), (s.target, s.source)}
            assert network.holds(s.data, days[day_index]) and any(snapshot.has_edge(*e) for e in ends)


# -- chains of onward agreements ---------------------------------------------------------------------------


def test_onward_chains_follow_money_passed_on_while_the_previous_agreement_runs():
    late = _agreement(4, Y, STRANGER, date(2025, 3, 1))  # X→Y ended in 2024: not passed on "while it runs"
    chains = network.onward_chains(_frames([*CHAIN, late])["agreements"], as_of=AS_OF, min_links=1, max_links=3)
    got = {tuple(r["ids"]): (r["links"], r["end_id"], r["return_day"]) for r in chains.iter_rows(named=True)}
    assert got == {(1, 2): (1, Y, date(2024, 3, 1)), (1, 2, 3): (2, Z, date(2024, 4, 1)), (2, 3): (1, Z, date(2024, 4, 1))}
    assert network.onward_chains(_frames(CHAIN)["agreements"], as_of=AS_OF, min_links=2, max_links=3)["ids"].to_list() == [[1, 2, 3]]
    with pytest.raises(ValueError):
        network.onward_chains(_frames(CHAIN)["agreements"], as_of=AS_OF, min_links=3, max_links=2)


def test_a_chain_that_comes_back_to_its_payer_is_closed_there():
    back = [*CHAIN, _agreement(5, Z, PAYER, date(2024, 5, 1)), _agreement(6, PAYER, STRANGER, date(2024, 5, 2))]
    chains = network.onward_chains(_frames(back)["agreements"], as_of=AS_OF, min_links=2, max_links=5)
    ids = chains.filter(pl.col("first_id") == 1)["ids"].to_list()
    assert [1, 2, 3, 5] in ids and not any(len(i) > 4 for i in ids)


def _brute_chains(rows, min_links, max_links):
    by_payer = {}
    for r in rows:
        by_payer.setdefault(r["payer_id"], []).append(r)
    out = set()

    def walk(ids, orgs, start, end):
        links = len(ids) - 1
        if min_links <= links:
            out.add(tuple(ids))
        if links == max_links or (links and orgs[-1] == orgs[0]):
            return
        for r in by_payer.get(orgs[-1], []):
            s, e = r["period_start"], r["period_end"]
            if r["agreement_id"] in ids or max(start, s) > min(end, e):
                continue
            if r["performer_id"] in orgs and r["performer_id"] != orgs[0]:
                continue
            walk([*ids, r["agreement_id"]], [*orgs, r["performer_id"]], s, e)

    for r in rows:
        walk([r["agreement_id"]], [r["payer_id"], r["performer_id"]], r["period_start"], r["period_end"])
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(0, 6), st.integers(1, 4)), max_size=10), st.integers(1, 3), st.integers(0, 2))
def test_onward_chains_are_exactly_the_chains_enumeration_finds(raw, min_links, extra):
    rows = [
        _agreement(i + 1, a, b, date(2024, 1, 1) + timedelta(days=60 * start), date(2024, 1, 1) + timedelta(days=60 * (start + length)))
        for i, (a, b, start, length) in enumerate(raw) if a != b
    ]
    max_links = min_links + extra
    chains = network.onward_chains(_frames(rows)["agreements"], as_of=AS_OF, min_links=min_links, max_links=max_links)
    assert {tuple(i) for i in chains["ids"].to_list()} == _brute_chains(rows, min_links, max_links)
    assert chains.height == len({tuple(i) for i in chains["ids"].to_list()})


def test_the_returned_flow_counts_money_split_and_joined_once_per_agreement():
    # X passes 60 to Y and 40 to STRANGER, both pass on to Z: 100 comes back, not 60 + 40 twice.
    edges = [(X, Y, 60), (X, STRANGER, 40), (Y, Z, 70), (STRANGER, Z, 30)]
    assert network.returned_flow(X, edges, [Z]) == 90
    assert network.returned_flow(X, [(X, Y, 60), (X, Y, 40), (Y, Z, 100)], [Z]) == 100  # two agreements between one pair add up
    assert network.returned_flow(X, [(X, Y, None), (Y, Z, None)], [Z]) is None  # no amount limits it
    assert network.returned_flow(X, [(X, Y, 10)], [Z]) == 0


# -- the group, as NK-02 reads it, and paths as evidence -----------------------------------------------------


def test_related_reads_the_group_the_person_links_and_the_organisation_itself():
    f = _frames([], [*GROUP, _tie(SIBLING, Y, "common_founder", date(2024, 1, 1))])
    queries = pl.DataFrame({
        "k": [1, 2, 3, 4, 5], "s": [Z, Y, PAYER, STRANGER, Z], "t": [PAYER, SIBLING, PAYER, PAYER, PAYER],
        "d": [date(2024, 6, 1), date(2024, 6, 1), date(2024, 6, 1), date(2024, 6, 1), date(2009, 6, 1)],
    })
    out = network.related(f["affiliations"], f["organisations"], queries, key="k", source="s", target="t", day="d")
    got = {r["k"]: (r["hops"], r["path_en"]) for r in out.iter_rows(named=True)}
    assert got == {
        1: (2, "000000000003 — is owned by — 000000000200 — owns — 000000000100"),
        2: (1, "000000000002 — shares a founder with — 000000000101"),
        3: (0, "000000000100"),
    }  # a stranger is not related, and the group did not exist in 2009


def test_a_shared_beneficial_owner_is_one_more_tie_when_the_registry_has_it():
    owners = pl.DataFrame({
        "org_id": [X, PAYER, STRANGER], "owner_name": ["Иванов И. И.", "Иванов И. И.", "Петров П. П."],
        "valid_from": [date(2020, 1, 1), date(2021, 1, 1), date(2020, 1, 1)], "valid_to": [None, date(2024, 12, 31), None],
    })
    ties = network.beneficial_ties(owners)
    assert ties.select("source_id", "target_id", "kind", "valid_from", "valid_to").rows() == [(X, PAYER, "common_beneficial_owner", date(2021, 1, 1), date(2024, 12, 31))]
    f = _frames()
    queries = pl.DataFrame({"k": [1, 2], "s": [X, X], "t": [PAYER, PAYER], "d": [date(2024, 6, 1), date(2025, 6, 1)]})
    out = network.related(f["affiliations"], f["organisations"], queries, key="k", source="s", target="t", day="d", beneficial_owners=owners)
    assert out["k"].to_list() == [1] and out["path_ru"][0] == "000000000001 — имеет общего конечного бенефициара с — 000000000100"
    assert network.related(f["affiliations"], f["organisations"], queries, key="k", source="s", target="t", day="d").is_empty()
    assert network.beneficial_ties(pl.DataFrame({"something": [1]})).is_empty() and network.beneficial_ties(None).is_empty()
    # An owner is one owner by its IIN or BIN; without one, by its name and country together.
    by_id = pl.DataFrame({"org_id": [X, Y], "owner_name": ["Иванов И. И.", "ИВАНОВ И.И."], "identifier": ["780101300123", "780101300123"], "country": ["KZ", "KZ"]})
    namesakes = pl.DataFrame({"org_id": [X, Y, Z], "owner_name": ["Smith John", "SMITH, John", "Smith John"], "identifier": ["", "", ""], "country": ["GB", "GB", "US"]})
    assert network.beneficial_ties(by_id).select("source_id", "target_id").rows() == [(X, Y)]
    assert network.beneficial_ties(namesakes).select("source_id", "target_id").rows() == [(X, Y)]
    g = network.build(beneficial_owners=owners)
    assert network.shortest_path(network.on(g, date(2024, 6, 1)), X, PAYER)[0].relation == "common_beneficial_owner"


def test_the_shortest_path_is_evidence_in_words_and_respects_dates():
    g = _graph(CHAIN, [*GROUP, _tie(X, Z, "common_director", date(2025, 1, 1))])
    path = network.shortest_path(network.on(g, date(2024, 6, 1)), Z, PAYER, kinds=network.TIES)
    assert [(s.source, s.relation, s.target) for s in path] == [(Z, "owned_by", HOLDING), (HOLDING, "owns", PAYER)]
    assert network.path_text(path, NAMES, "kk") == "000000000003 — тиесілі — 000000000200 — иеленеді — 000000000100"
    # Any link: the agreement is the shorter way from X to the payer; in 2025 the director joins X to Z.
    assert [s.relation for s in network.shortest_path(network.on(g, date(2024, 6, 1)), X, PAYER)] == ["paid_by"]
    assert network.path_text(network.shortest_path(network.on(g, date(2024, 6, 1)), X, PAYER), NAMES, "en") == (
        "000000000001 — is paid under agreement Д-1 of 1 Feb 2024 by — 000000000100"
    )
    assert network.shortest_path(network.on(g, date(2024, 6, 1)), X, Z, kinds=network.TIES) is None
    assert [s.relation for s in network.shortest_path(network.on(g, date(2025, 6, 1)), X, Z, kinds=network.TIES)] == ["common_director"]
    assert network.shortest_path(g, X, X) == []


def test_communities_separate_two_groups_joined_by_one_agreement():
    left = [_tie(1, 2), _tie(1, 3), _tie(2, 3, "common_director"), _tie(1, 4), _tie(2, 4, "common_founder"), _tie(3, 4, "common_director")]
    right = [_tie(5, 6), _tie(5, 7), _tie(6, 7, "common_founder"), _tie(5, 8), _tie(6, 8, "common_director"), _tie(7, 8, "common_founder")]
    g = network.on(_graph([_agreement(1, 4, 8, date(2024, 1, 1))], [*left, *right]), date(2024, 6, 1))
    parts = network.communities(g)
    assert sorted(sorted(p) for p in parts) == [[1, 2, 3, 4], [5, 6, 7, 8]]
    assert network.communities(network.on(_graph([], []), date(2024, 1, 1))) == []
    assert tuple(network.tie_components(network.ties(pl.DataFrame([*left, *right]))).sort("org_id")["group_id"]) == (1, 1, 1, 1, 5, 5, 5, 5)


# -- the neighbourhood of a flag and its drawing ---------------------------------------------------------------


def test_the_neighbourhood_keeps_the_nearest_within_two_links_and_counts_the_rest():
    star = [_tie(PAYER, 1000 + i) for i in range(10)] + [_tie(1000 + i, 2000 + i) for i in range(10)] + [_tie(2000, 3000)]
    g = network.on(_graph([], star), date(2024, 1, 1))
    hood = network.neighbourhood(g, [PAYER], radius=2, max_nodes=15)
    distance = hood.distance
    assert distance[PAYER] == 0 and len(hood.nodes) == 15 and hood.left_out == 6
    assert all(distance[1000 + i] == 1 for i in range(10)) and 3000 not in distance
    assert all(a in distance and b in distance for a, b, _d in hood.edges)
    # A centre with no links is drawn alone.
    assert network.neighbourhood(g, [424242]).nodes == [(424242, 0)]


def test_the_layout_puts_every_organisation_inside_the_picture_the_same_way_each_time():
    star = [_tie(PAYER, 1000 + i) for i in range(30)] + [_tie(1000 + i, 2000 + i) for i in range(30)]
    g = network.on(_graph(CHAIN, star), date(2024, 6, 1))
    hood = network.neighbourhood(g, [PAYER, X], max_nodes=40)
    pos = network.layout(hood, width=960, height=720)
    assert set(pos) == {n for n, _d in hood.nodes} and pos == network.layout(hood, width=960, height=720)
    assert all(0 <= x <= 960 and 0 <= y <= 720 for x, y in pos.values())
    assert len(set(pos.values())) == len(pos)  # no two organisations on one spot


def test_an_undirected_view_counts_parallel_edges():
    g = _graph([_agreement(1, PAYER, X, date(2024, 1, 1)), _agreement(2, PAYER, X, date(2024, 2, 1))], [_tie(PAYER, X, "common_director")])
    u = network.undirected(g)
    assert isinstance(u, nx.Graph) and u[PAYER][X]["weight"] == 3
