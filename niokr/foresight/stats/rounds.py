"""Between rounds: stability of the answers, response and drop-out, and the drop-out warning."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from niokr.foresight.stats.consensus import ConsensusRules, Verdict, _rule_number, consensus
from niokr.foresight.stats.descriptive import Answers, Rating, StatsError, _check_number, valid


# Stability between rounds


def coefficient_of_variation(values: Iterable[Rating]) -> float | None:
    """CV = s / mean of the valid answers, s the sample standard deviation (n − 1).

    None with fewer than two valid answers or a zero mean (impossible on a 1–9 scale).
    """
    answers = [float(value) for value in valid(values)]
    if len(answers) < 2:
        return None
    mean = float(np.mean(answers))
    if mean == 0:
        return None
    return float(np.std(answers, ddof=1)) / abs(mean)


@dataclass(frozen=True)
class ItemStability:
    """How one item's answers moved between a round and the previous one.

    ``cv_change = cv_current − cv_previous`` (negative: the group converged);
    ``stability = 1 − |cv_change|`` (1 = the spread did not move; the change in CV, not Calibrum's
    1 − CV, so a stable but split panel is not called stable-and-agreed); ``changed_percent`` is the
    share of panellists who answered the item validly in both rounds and changed their rating;
    ``stable`` holds when ``changed_percent`` ≤ ``max_changed_percent`` (Scheibe, Skutsch & Schofer
    1975: fewer than 15 % changing) — None when nobody answered both rounds.
    """

    cv_previous: float | None
    cv_current: float | None
    cv_change: float | None
    stability: float | None
    one_minus_cv: float | None
    compared: int
    changed: int
    changed_percent: float | None
    stable: bool | None


def item_stability(
    previous: Mapping[Hashable, Rating],
    current: Mapping[Hashable, Rating],
    *,
    max_changed_percent: float = 15,
) -> ItemStability:
    """Stability of one item between two rounds from panellist → rating maps (None = don't know).

    Each round's CV uses all its valid answers; the change count uses only panellists with a valid
    answer in both rounds (a move to or from "don't know" is not a rating change).
    """
    cv_previous = coefficient_of_variation(previous.values())
    cv_current = coefficient_of_variation(current.values())
    change = None if cv_previous is None or cv_current is None else cv_current - cv_previous
    both = [key for key in previous if key in current and previous[key] is not None and current[key] is not None]
    changed = sum(1 for key in both if _check_number(previous[key]) != _check_number(current[key]))
    share = Fraction(100 * changed, len(both)) if both else None
    return ItemStability(
        cv_previous=cv_previous,
        cv_current=cv_current,
        cv_change=change,
        stability=None if change is None else 1 - abs(change),
        one_minus_cv=None if cv_current is None else 1 - cv_current,
        compared=len(both),
        changed=changed,
        changed_percent=None if share is None else float(share),
        stable=None if share is None else share <= _rule_number("max_changed_percent", max_changed_percent),
    )


def panellist_changes(previous: Answers, current: Answers) -> dict[Hashable, int]:
    """For each panellist who validly answered some item in both rounds, how many items they changed.

    Moderator-only: the result names panellists.
    """
    counts: dict[Hashable, int] = {}
    for item, answers in previous.items():
        now = current.get(item, {})
        for panellist, before in answers.items():
            after = now.get(panellist)
            if before is None or after is None:
                continue
            counts.setdefault(panellist, 0)
            if _check_number(before) != _check_number(after):
                counts[panellist] += 1
    return counts


# Response and drop-out


@dataclass(frozen=True)
class RoundResponse:
    """Who was asked and who answered in a round, and who dropped out since the previous one.

    ``dropped`` are panellists who answered the previous round and not this one (moderator-only
    identities); ``response_percent`` is responded / invited.
    """

    round_number: int
    invited: int
    responded: int
    response_percent: float | None
    dropped: frozenset[Hashable]
    returned: frozenset[Hashable]

    @property
    def dropped_count(self) -> int:
        """How many dropped out since the previous round."""
        return len(self.dropped)


def round_response(
    *,
    round_number: int,
    invited: Collection[Hashable],
    responded: Collection[Hashable],
    previous_responded: Collection[Hashable] | None = None,
) -> RoundResponse:
    """Response rate and drop-out of one round.

    Raises:
        StatsError: a respondent who was not invited.
    """
    invited_set, responded_set = frozenset(invited), frozenset(responded)
    if not responded_set <= invited_set:
        raise StatsError("respondent_not_invited", "every respondent must be among the invited")
    previous = frozenset(previous_responded or ())
    percent = float(Fraction(100 * len(responded_set), len(invited_set))) if invited_set else None
    return RoundResponse(
        round_number=round_number,
        invited=len(invited_set),
        responded=len(responded_set),
        response_percent=percent,
        dropped=previous - responded_set if previous_responded is not None else frozenset(),
        returned=responded_set - previous if previous_responded is not None else frozenset(),
    )


def response_series(rounds: Sequence[tuple[Collection[Hashable], Collection[Hashable]]]) -> list[RoundResponse]:
    """Response and drop-out for consecutive rounds given as ``(invited, responded)`` pairs."""
    series: list[RoundResponse] = []
    previous: Collection[Hashable] | None = None
    for number, (invited, responded) in enumerate(rounds, start=1):
        series.append(round_response(round_number=number, invited=invited, responded=responded,
                                     previous_responded=previous))
        previous = responded
    return series


@dataclass(frozen=True)
class ItemDropoutCheck:
    """One item's previous-round result on everyone versus only on the panellists who stayed."""

    item: Hashable
    verdict_all: Verdict
    verdict_stayed: Verdict
    verdict_changed: bool
    median_changed: bool

    @property
    def flagged(self) -> bool:
        """Whether the drop-outs change this item's result."""
        return self.verdict_changed or self.median_changed


@dataclass(frozen=True)
class DropoutBias:
    """The drop-out check of a round: a warning when those who left change the previous result."""

    stayed: int
    dropped: int
    items: tuple[ItemDropoutCheck, ...]

    @property
    def flagged_items(self) -> tuple[Hashable, ...]:
        """Items whose verdict or median changes without the drop-outs."""
        return tuple(check.item for check in self.items if check.flagged)

    @property
    def warning(self) -> bool:
        """True when any item's previous-round result depends on the panellists who dropped out."""
        return any(check.flagged for check in self.items)


def dropout_bias(
    previous_round_answers: Answers,
    current_round_answers: Answers,
    rules: ConsensusRules | None = None,
    *,
    current_respondents: Collection[Hashable] | None = None,
    median_tolerance: float = 0,
) -> DropoutBias:
    """Recompute the previous round on the panellists who stayed and flag items whose result moves.

    A panellist *stayed* when they answered anything in the current round (a "don't know" is an
    answer); pass ``current_respondents`` to say so explicitly (e.g. who submitted). An item is
    flagged when its verdict status or its median (beyond ``median_tolerance``) differs between
    all previous-round answers and those of the stayers — the drop-outs then shaped the result
    fed back to the panel.
    """
    rules = rules or ConsensusRules()
    if current_respondents is None:
        stayers = {panellist for answers in current_round_answers.values() for panellist in answers}
    else:
        stayers = set(current_respondents)
    previous_panel = {panellist for answers in previous_round_answers.values() for panellist in answers}
    checks = []
    for item, answers in previous_round_answers.items():
        verdict_all = consensus(answers.values(), rules)
        verdict_stayed = consensus([value for key, value in answers.items() if key in stayers], rules)
        if verdict_all.median is None or verdict_stayed.median is None:
            median_changed = verdict_all.median != verdict_stayed.median
        else:
            median_changed = abs(verdict_all.median - verdict_stayed.median) > median_tolerance
        checks.append(ItemDropoutCheck(item, verdict_all, verdict_stayed,
                                       verdict_all.status != verdict_stayed.status, median_changed))
    return DropoutBias(
        stayed=len(previous_panel & stayers),
        dropped=len(previous_panel - stayers),
        items=tuple(checks),
    )
