"""The affiliation graph: direct links, common owners within two hops, validity on the day, the path."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators.base import Frames
from niokr.control.indicators.graph import PATH_SCHEMA, affiliated, affiliation_paths

PAYER, HOLDING, PERFORMER, OTHER, FOUNDER_LINKED = 1, 2, 3, 4, 5
ORGS = [
    {"org_id": PAYER, "bin": "150340000109", "kind": "subsoil_user"},
    {"org_id": HOLDING, "bin": "010140000011", "kind": "national_company"},
    {"org_id": PERFORMER, "bin": "990940001234", "kind": "research_institute"},
    {"org_id": OTHER, "bin": "120540000555", "kind": "company"},
    {"org_id": FOUNDER_LINKED, "bin": "180240000777", "kind": "company"},
]


def _frames(*edges: dict) -> Frames:
    return Frames.build(date(2026, 1, 1), organisations=ORGS, affiliations=list(edges))


def _edge(source: int, target: int, kind: str = "owner", valid_from: date = date(2010, 1, 1), valid_to: date | None = None) -> dict:
    return {"source_id": source, "target_id": target, "kind": kind, "valid_from": valid_from, "valid_to": valid_to}


def _ask(frames: Frames, *rows: tuple[int, int, int, date], max_hops: int = 2, end: date | None = None) -> pl.DataFrame:
    queries = pl.DataFrame(
        [{"q": q, "payer_id": s, "performer_id": t, "on": d, "until": end or d} for q, s, t, d in rows],
        schema={"q": pl.Int64, "payer_id": pl.Int64, "performer_id": pl.Int64, "on": pl.Date, "until": pl.Date},
    )
    return affiliated(
        frames["affiliations"], frames["organisations"], queries, key="q", source="payer_id", target="performer_id", start="on", end="until", max_hops=max_hops,
    ).sort("q")


def test_it_finds_a_performer_owned_by_the_payer():
    frames = _frames(_edge(PAYER, PERFORMER))
    found = _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1)))
    row = found.row(0, named=True)
    assert row["hops"] == 1
    assert row["path_bins"] == ["150340000109", "990940001234"]
    assert row["path_relations"] == ["owns"]
    assert row["path_en"] == "150340000109 — owns — 990940001234"
    assert row["path_ru"] == "150340000109 — владеет — 990940001234"
    assert row["path_kk"] == "150340000109 — иеленеді — 990940001234"


def test_it_reads_an_edge_against_its_direction():
    frames = _frames(_edge(PERFORMER, PAYER))
    row = _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1))).row(0, named=True)
    assert row["path_relations"] == ["owned_by"]
    assert row["path_en"] == "150340000109 — is owned by — 990940001234"


def test_it_finds_a_common_owner_two_hops_away():
    frames = _frames(_edge(HOLDING, PAYER), _edge(HOLDING, PERFORMER))
    row = _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1))).row(0, named=True)
    assert row["hops"] == 2
    assert row["path_bins"] == ["150340000109", "010140000011", "990940001234"]
    assert row["path_relations"] == ["owned_by", "owns"]
    assert row["path_en"] == "150340000109 — is owned by — 010140000011 — owns — 990940001234"
    assert row["path_ru"] == "150340000109 — принадлежит — 010140000011 — владеет — 990940001234"
    assert row["path_kk"] == "150340000109 — тиесілі — 010140000011 — иеленеді — 990940001234"


def test_it_names_a_common_founder_and_director():
    frames = _frames(_edge(PAYER, FOUNDER_LINKED, "common_founder"), _edge(OTHER, PAYER, "common_director"))
    found = _ask(frames, (1, PAYER, FOUNDER_LINKED, date(2024, 3, 1)), (2, PAYER, OTHER, date(2024, 3, 1)))
    assert found["path_en"].to_list() == ["150340000109 — shares a founder with — 180240000777", "150340000109 — shares a director with — 120540000555"]
    assert found["path_ru"][0] == "150340000109 — имеет общего учредителя с — 180240000777"


def test_direct_links_only_when_max_hops_is_one():
    frames = _frames(_edge(HOLDING, PAYER), _edge(HOLDING, PERFORMER))
    assert _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1)), max_hops=1).height == 0


def test_it_ignores_unrelated_organisations_and_three_hop_chains():
    frames = _frames(_edge(HOLDING, PAYER), _edge(HOLDING, OTHER), _edge(OTHER, PERFORMER, "common_director"))
    assert _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1))).height == 0
    assert _ask(frames, (1, PAYER, FOUNDER_LINKED, date(2024, 3, 1))).height == 0


def test_a_link_counts_only_while_it_is_valid():
    frames = _frames(_edge(PAYER, PERFORMER, valid_from=date(2020, 1, 1), valid_to=date(2022, 12, 31)))
    days = (date(2019, 12, 31), date(2020, 1, 1), date(2022, 12, 31), date(2023, 1, 1))
    found = _ask(frames, *[(q, PAYER, PERFORMER, day) for q, day in enumerate(days, start=1)])
    assert found["q"].to_list() == [2, 3]


def test_a_two_hop_path_holds_only_while_both_links_hold():
    frames = _frames(_edge(HOLDING, PAYER, valid_from=date(2015, 1, 1)), _edge(HOLDING, PERFORMER, valid_from=date(2010, 1, 1), valid_to=date(2018, 6, 30)))
    found = _ask(frames, (1, PAYER, PERFORMER, date(2014, 6, 1)), (2, PAYER, PERFORMER, date(2016, 6, 1)), (3, PAYER, PERFORMER, date(2019, 6, 1)))
    assert found["q"].to_list() == [2]
    paths = affiliation_paths(frames["affiliations"], pl.DataFrame({"source_id": [PAYER], "target_id": [PERFORMER]}))
    assert paths.select("valid_from", "valid_to").row(0) == (date(2015, 1, 1), date(2018, 6, 30))


def test_links_that_never_hold_together_make_no_path():
    frames = _frames(_edge(HOLDING, PAYER, valid_from=date(2020, 1, 1)), _edge(HOLDING, PERFORMER, valid_to=date(2019, 12, 31)))
    paths = affiliation_paths(frames["affiliations"], pl.DataFrame({"source_id": [PAYER], "target_id": [PERFORMER]}))
    assert paths.height == 0


def test_a_window_is_affiliated_when_the_link_holds_on_some_day_of_it():
    frames = _frames(_edge(PAYER, PERFORMER, valid_from=date(2024, 6, 1)))
    assert _ask(frames, (1, PAYER, PERFORMER, date(2024, 1, 1)), end=date(2024, 6, 1)).height == 1
    assert _ask(frames, (1, PAYER, PERFORMER, date(2024, 1, 1)), end=date(2024, 5, 31)).height == 0


def test_the_shortest_path_wins():
    frames = _frames(_edge(HOLDING, PAYER), _edge(HOLDING, PERFORMER), _edge(PAYER, PERFORMER, "common_director"))
    row = _ask(frames, (1, PAYER, PERFORMER, date(2024, 3, 1))).row(0, named=True)
    assert row["hops"] == 1 and row["path_relations"] == ["common_director"]


def test_an_organisation_is_not_affiliated_with_itself_and_unknown_ones_are_named_by_id():
    frames = _frames(_edge(HOLDING, PAYER), _edge(HOLDING, 99))
    found = _ask(frames, (1, PAYER, PAYER, date(2024, 3, 1)), (2, PAYER, 99, date(2024, 3, 1)))
    assert found["q"].to_list() == [2]
    assert found["path_bins"][0].to_list() == ["150340000109", "010140000011", "#99"]


def test_the_answer_has_the_path_schema_even_when_empty():
    found = _ask(_frames(), (1, PAYER, PERFORMER, date(2024, 3, 1)))
    assert found.height == 0
    assert {k: found.schema[k] for k in PATH_SCHEMA} == PATH_SCHEMA


KINDS = st.sampled_from(["owner", "common_founder", "common_director"])
EDGES = st.lists(
    st.builds(
        lambda s, t, k, start, length: _edge(s, t, k, date(2010 + start, 1, 1), None if length is None else date(2010 + start + length, 1, 1)),
        st.integers(1, 5), st.integers(1, 5), KINDS, st.integers(0, 10), st.none() | st.integers(0, 5),
    ).filter(lambda e: e["source_id"] != e["target_id"]),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(EDGES, st.randoms(use_true_random=False))
def test_the_answer_does_not_depend_on_edge_order_and_is_symmetric(edges, rnd):
    shuffled = list(edges)
    rnd.shuffle(shuffled)
    rows = [(i * 5 + j, s, t, date(2016, 1, 1)) for i, s in enumerate(range(1, 6)) for j, t in enumerate(range(1, 6))]
    a = _ask(_frames(*edges), *rows)
    b = _ask(_frames(*shuffled), *rows)
    assert a.equals(b)
    asked = {(s, t) for q, s, t, _d in rows if q in set(a["q"].to_list())}
    assert asked == {(t, s) for s, t in asked}
    assert all(h in (1, 2) for h in a["hops"].to_list())
