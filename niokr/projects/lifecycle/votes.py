"""The arithmetic of a council's vote, as a pure function of counts and the policy in force.

Definitions (ADR 0012; the law gives a quorum and a two-thirds majority without their bases — DOMAIN
§7 item 3 — so both are parameters recorded on each session):

* **members** — the council's voting members serving on the session's day (the secretary does not
  vote). **Recused members leave every denominator**: ``eligible = members − recused``.
* **quorum** — met when the eligible members present are at least ``⌈quorum × eligible⌉`` (exact
  fractions, never floats: two thirds of 12 is 8, of 13 is 9).
* **majority** — the votes *for* must reach ``⌈majority × base⌉`` where ``base`` is

  - ``present_voting``: the votes cast — for + against, plus abstentions when they count;
  - ``all_members``: the eligible members.

  A base of zero passes nothing.
* **outcome** — ``no_quorum`` when the quorum is missed (whatever the votes), else ``approved`` when
  the majority is reached, else ``rejected``. A tie is not a majority.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction

__all__ = ["Policy", "Tally", "tally", "ceil_share", "DEFAULT_POLICY"]


@dataclass(frozen=True)
class Policy:
    quorum_num: int = 2
    quorum_den: int = 3
    majority_num: int = 2
    majority_den: int = 3
    majority_base: str = "present_voting"  # or "all_members"
    abstentions_count: bool = True

    def __post_init__(self) -> None:
        if not (0 < self.quorum_num <= self.quorum_den and 0 < self.majority_num <= self.majority_den):
            raise ValueError("a quorum and a majority are shares between 0 and 1")
        if self.majority_base not in ("present_voting", "all_members"):
            raise ValueError(f"unknown majority base {self.majority_base!r}")

    def as_dict(self) -> dict:
        return asdict(self)


DEFAULT_POLICY = Policy()


def ceil_share(num: int, den: int, of: int) -> int:
    """``⌈num/den × of⌉`` in exact integer arithmetic."""
    return -((-num * of) // den)


@dataclass(frozen=True)
class Tally:
    members: int
    recused: int
    eligible: int
    present: int
    votes_for: int
    against: int
    abstain: int
    quorum_needed: int
    quorum_met: bool
    base: int
    needed_for: int
    majority_met: bool
    outcome: str
    policy: Policy

    def as_dict(self) -> dict:
        out = asdict(self)
        out["policy"] = self.policy.as_dict()
        return out


def tally(*, members: int, recused: int, present: int, votes_for: int, against: int, abstain: int, policy: Policy = DEFAULT_POLICY) -> Tally:
    """The result of one item (see the module docstring); ``present`` counts eligible members only.

    Raises ``ValueError`` on counts that cannot happen (more votes than members present, …).
    """
    for name, value in (("members", members), ("recused", recused), ("present", present), ("for", votes_for), ("against", against), ("abstain", abstain)):
        if value < 0:
            raise ValueError(f"{name} is negative")
    eligible = members - recused
    if eligible < 0:
        raise ValueError("more members recused than serve")
    if present > eligible:
        raise ValueError("more members present than may vote")
    if votes_for + against + abstain > present:
        raise ValueError("more votes than members present")
    quorum_needed = ceil_share(policy.quorum_num, policy.quorum_den, eligible)
    quorum_met = eligible > 0 and present >= quorum_needed
    if policy.majority_base == "all_members":
        base = eligible
    else:
        base = votes_for + against + (abstain if policy.abstentions_count else 0)
    needed_for = ceil_share(policy.majority_num, policy.majority_den, base)
    majority_met = base > 0 and votes_for >= needed_for and Fraction(votes_for, base) >= Fraction(policy.majority_num, policy.majority_den)
    if votes_for == against and policy.majority_num * 2 <= policy.majority_den:
        majority_met = False  # a tie is never a majority, even under a simple-majority policy of one half
    outcome = "no_quorum" if not quorum_met else ("approved" if majority_met else "rejected")
    return Tally(
        members=members, recused=recused, eligible=eligible, present=present, votes_for=votes_for, against=against, abstain=abstain,
        quorum_needed=quorum_needed, quorum_met=quorum_met, base=base, needed_for=needed_for, majority_met=majority_met, outcome=outcome, policy=policy,
    )
