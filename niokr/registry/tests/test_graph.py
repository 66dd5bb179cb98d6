"""Holding groups and related parties fall out of the affiliation graph."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from niokr.registry.graph import Edge, holding_groups, related_within

D = date(2025, 1, 1)


def owns(a, b, share="100", start=date(2010, 1, 1), end=None):
    return Edge(a, b, "owner", Decimal(share), start, end)


def test_a_national_company_and_its_subsidiaries_form_one_group():
    groups = holding_groups([owns(1, 2), owns(2, 3, "75"), owns(1, 4)], D)
    assert groups == {1: 1, 2: 1, 3: 1, 4: 1}


def test_a_minority_stake_does_not_make_a_group():
    assert 3 not in holding_groups([owns(1, 2), owns(2, 3, "30")], D)


def test_an_ownership_outside_its_validity_does_not_count():
    assert holding_groups([owns(1, 2, end=date(2020, 1, 1))], D) == {}


def test_a_cross_holding_cycle_resolves_to_one_root():
    groups = holding_groups([owns(5, 6, "60"), owns(6, 5, "60")], D)
    assert groups == {5: 5, 6: 5}


def test_related_parties_within_two_hops_include_a_common_director():
    edges = [owns(1, 2), Edge(2, 9, "common_director", None, date(2015, 1, 1), None), Edge(9, 10, "common_founder", None, date(2015, 1, 1), None)]
    assert related_within(edges, 1, D) == {2: 1, 9: 2}


@given(st.lists(st.tuples(st.integers(1, 12), st.integers(1, 12), st.integers(51, 100)), max_size=30))
def test_every_member_maps_to_a_root_that_maps_to_itself(pairs):
    edges = [owns(a, b, str(s)) for a, b, s in pairs if a != b]
    groups = holding_groups(edges, D)
    for root in groups.values():
        assert groups.get(root, root) == root
