"""The vote arithmetic against a hand-computed table and a separate reference written here.

The reference (:func:`_reference`) is written from the rule's words, deliberately differently from
``votes.tally``: it counts seats one by one and compares shares as floats with a tolerance far below
one seat — so a mistake shared by both would have to be made twice in two different ways.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.projects.lifecycle.votes import Policy, ceil_share, tally

TWO_THIRDS = Policy()
ALL_MEMBERS = Policy(majority_base="all_members")
NO_ABSTAIN = Policy(abstentions_count=False)
HALF_QUORUM = Policy(quorum_num=1, quorum_den=2)
SIMPLE = Policy(quorum_num=1, quorum_den=2, majority_num=1, majority_den=2)


# members, recused, present, for, against, abstain, policy -> quorum needed, base, needed for, outcome
TABLE = [
    pytest.param(12, 0, 8, 8, 0, 0, TWO_THIRDS, 8, 8, 6, "approved", id="quorum exactly met (8 of 12)"),
    pytest.param(12, 0, 7, 7, 0, 0, TWO_THIRDS, 8, 7, 5, "no_quorum", id="quorum missed by one (7 of 12)"),
    pytest.param(13, 0, 9, 6, 3, 0, TWO_THIRDS, 9, 9, 6, "approved", id="exactly two thirds (6 of 9)"),
    pytest.param(13, 0, 9, 5, 4, 0, TWO_THIRDS, 9, 9, 6, "rejected", id="two thirds minus one vote (5 of 9)"),
    pytest.param(12, 0, 9, 6, 0, 3, TWO_THIRDS, 8, 9, 6, "approved", id="abstentions counted: 6 of 9 is two thirds"),
    pytest.param(12, 0, 9, 5, 1, 3, TWO_THIRDS, 8, 9, 6, "rejected", id="abstentions counted: 5 of 9 fails"),
    pytest.param(12, 0, 9, 5, 1, 3, NO_ABSTAIN, 8, 6, 4, "approved", id="abstentions not counted: 5 of 6 passes"),
    pytest.param(12, 0, 9, 4, 2, 3, NO_ABSTAIN, 8, 6, 4, "approved", id="abstentions not counted: exactly 4 of 6"),
    pytest.param(12, 3, 6, 6, 0, 0, TWO_THIRDS, 6, 6, 4, "approved", id="recusals leave the quorum's denominator (6 of 9)"),
    pytest.param(12, 3, 5, 5, 0, 0, TWO_THIRDS, 6, 5, 4, "no_quorum", id="recusals: 5 of 9 eligible is no quorum"),
    pytest.param(12, 3, 9, 6, 3, 0, ALL_MEMBERS, 6, 9, 6, "approved", id="of all members, recused left out: 6 of 9"),
    pytest.param(12, 0, 12, 7, 5, 0, ALL_MEMBERS, 8, 12, 8, "rejected", id="of all members: 7 of 12 fails"),
    pytest.param(12, 0, 8, 4, 4, 0, TWO_THIRDS, 8, 8, 6, "rejected", id="a tie under two thirds"),
    pytest.param(10, 0, 6, 3, 3, 0, SIMPLE, 5, 6, 3, "rejected", id="a tie under a simple majority is no majority"),
    pytest.param(10, 0, 6, 4, 2, 0, SIMPLE, 5, 6, 3, "approved", id="simple majority 4 of 6"),
    pytest.param(12, 0, 0, 0, 0, 0, TWO_THIRDS, 8, 0, 0, "no_quorum", id="an empty session"),
    pytest.param(0, 0, 0, 0, 0, 0, TWO_THIRDS, 0, 0, 0, "no_quorum", id="a council with no members"),
    pytest.param(12, 0, 9, 0, 0, 0, TWO_THIRDS, 8, 0, 0, "rejected", id="a quorum and nobody voted"),
    pytest.param(12, 0, 6, 6, 0, 0, HALF_QUORUM, 6, 6, 4, "approved", id="a half quorum exactly met"),
]


@pytest.mark.parametrize("members, recused, present, votes_for, against, abstain, policy, quorum_needed, base, needed_for, outcome", TABLE)
def test_the_hand_computed_table(members, recused, present, votes_for, against, abstain, policy, quorum_needed, base, needed_for, outcome):
    t = tally(members=members, recused=recused, present=present, votes_for=votes_for, against=against, abstain=abstain, policy=policy)
    assert (t.quorum_needed, t.base, t.needed_for, t.outcome) == (quorum_needed, base, needed_for, outcome)


def _reference(members, recused, present, votes_for, against, abstain, policy) -> str:
    """The rule as its words say it, counted seat by seat."""
    eligible = members - recused
    quorum_share = policy.quorum_num / policy.quorum_den
    seats_needed = 0
    while seats_needed < eligible and seats_needed / eligible < quorum_share - 1e-9:
        seats_needed += 1
    if eligible == 0 or present < seats_needed:
        return "no_quorum"
    if policy.majority_base == "all_members":
        counted = eligible
    else:
        counted = votes_for + against + (abstain if policy.abstentions_count else 0)
    if counted == 0 or votes_for == against:
        return "rejected"
    return "approved" if votes_for / counted >= policy.majority_num / policy.majority_den - 1e-9 else "rejected"


policies = st.builds(
    lambda q, m, base, abst: Policy(quorum_num=q[0], quorum_den=q[1], majority_num=m[0], majority_den=m[1], majority_base=base, abstentions_count=abst),
    st.sampled_from([(1, 2), (2, 3), (3, 4), (1, 1), (3, 5)]),
    st.sampled_from([(1, 2), (2, 3), (3, 4), (3, 5)]),
    st.sampled_from(["present_voting", "all_members"]),
    st.booleans(),
)


@st.composite
def sessions(draw):
    members = draw(st.integers(0, 40))
    recused = draw(st.integers(0, members))
    present = draw(st.integers(0, members - recused))
    votes_for = draw(st.integers(0, present))
    against = draw(st.integers(0, present - votes_for))
    abstain = draw(st.integers(0, present - votes_for - against))
    return members, recused, present, votes_for, against, abstain


@settings(max_examples=600, deadline=None)
@given(sessions(), policies)
def test_the_tally_agrees_with_the_reference(session, policy):
    assert tally(**dict(zip(("members", "recused", "present", "votes_for", "against", "abstain"), session, strict=True)), policy=policy).outcome == _reference(*session, policy)


@settings(max_examples=300, deadline=None)
@given(sessions(), policies)
def test_one_more_vote_for_never_turns_approval_into_rejection(session, policy):
    members, recused, present, votes_for, against, abstain = session
    before = tally(members=members, recused=recused, present=present, votes_for=votes_for, against=against, abstain=abstain, policy=policy)
    if against and before.outcome == "approved":
        after = tally(members=members, recused=recused, present=present, votes_for=votes_for + 1, against=against - 1, abstain=abstain, policy=policy)
        assert after.outcome == "approved"


@given(st.integers(1, 50), st.integers(1, 50), st.integers(0, 500))
def test_ceil_share_is_the_smallest_count_reaching_the_share(num, den, of):
    if num > den:
        num, den = den, num
    needed = ceil_share(num, den, of)
    assert needed * den >= num * of
    assert needed == 0 or (needed - 1) * den < num * of


@pytest.mark.parametrize("counts", [
    {"members": 5, "recused": 6, "present": 0, "votes_for": 0, "against": 0, "abstain": 0},
    {"members": 5, "recused": 0, "present": 6, "votes_for": 0, "against": 0, "abstain": 0},
    {"members": 5, "recused": 0, "present": 2, "votes_for": 2, "against": 1, "abstain": 0},
    {"members": 5, "recused": 0, "present": 2, "votes_for": -1, "against": 0, "abstain": 0},
])
def test_counts_that_cannot_happen_are_refused(counts):
    with pytest.raises(ValueError):
        tally(**counts)


@pytest.mark.parametrize("kwargs", [{"quorum_num": 4, "quorum_den": 3}, {"majority_num": 0}, {"majority_base": "present"}])
def test_a_policy_out_of_range_is_refused(kwargs):
    with pytest.raises(ValueError):
        Policy(**kwargs)
