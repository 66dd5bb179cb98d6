"""Auditors' verdicts on past years' flags: the synthetic country's case history.

The engine's flags exist only after ``niokr control run``; this module decides, for the flags of
years already audited, which subsoil-user-years the control body audited, when each case was
opened and closed, and the verdict on each flag taken into it. ``niokr demo_cases --verdicts``
writes the result as closed audit cases (``niokr.control.management.commands.demo_cases``), and
``niokr control learn`` learns the queue's order from them.

Pure python, like the rest of the generator, and on a random stream of its own
(``Random("niokr-verdicts:<seed>")``, and one per indicator for its practice): the country's other
rows are drawn from the country's stream and stay exactly as they were.

What the synthetic auditor weighs — the policy a learner should recover, blurred by noise:

* **the truth.** A flag on a subject the truth file labels with one of the problems its indicator
  is scored on is mostly confirmed; a flag on a subject with another problem (the indicator fired,
  but not for the reason it exists) is less often; a flag on a clean subject is mostly dismissed.
* **the indicator's kind.** Facts a document shows (a payment before its agreement, a duplicate, an
  ineligible performer, a missing transfer) hold up when they are true; patterns (year-end
  spending, concentration on one performer, a young performer, round amounts, a high price) are
  often explained by the company — seasonal work, the one capable institute, a spin-off. Each
  indicator also has a practice of its own (a small offset drawn for it).
* **the money.** A flag that touches a material share of the subsoil user's spending of the year
  is confirmed more readily than a trifle.
* **the subsoil user.** Each has a hidden compliance trait: a careless company's flags are
  confirmed more often. A learner sees it only through the company's earlier verdicts.
* **the performer.** A performer registered less than two years before is suspect; a research
  institute or university less so.
* **noise.** The verdict is a draw from the resulting probability, and one in twenty-five is then
  turned over (a clerical slip, an appeal won, a document found late).

Audits: each subsoil-user-year with flags is audited with probability ``audit_share``, in the year
after (opened between February and September, closed 3 to 20 weeks later, never after ``today``);
its case takes the flags of that year, the largest amounts first, at most ``max_items``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

__all__ = ["FlagFact", "PastCase", "past_cases", "confirm_probability", "DOCUMENTARY", "PATTERNS"]

#: Indicators whose flags are facts a document shows: confirmed when the fact is true.
DOCUMENTARY = frozenset({
    "NK-01", "NK-03", "NK-04", "NK-05", "NK-06", "NK-12", "NK-13", "NK-14", "NK-21", "NK-23", "NK-28", "NK-35", "NK-36", "NK-39", "NK-43", "NK-44",
})
#: Indicators whose flags are patterns a company often explains: dismissed more often.
PATTERNS = frozenset({
    "NK-08", "NK-09", "NK-10", "NK-11", "NK-17", "NK-19", "NK-22", "NK-30", "NK-31", "NK-32", "NK-40", "NK-46",
})

#: The log-odds of each part of the policy (see the module docstring).
TRUTH_OWN, TRUTH_OTHER, TRUTH_CLEAN = 1.3, -0.2, -2.4
KIND_DOCUMENTARY, KIND_PATTERN, PRACTICE_SD = 0.8, -1.3, 0.5
MONEY_SLOPE, MONEY_SPAN = 0.7, 2.0
PAYER_SD = 1.0
YOUNG_PERFORMER, SCIENCE_PERFORMER, FOREIGN_PERFORMER = 0.6, -0.5, 0.3
FLIP = 0.04


@dataclass(frozen=True)
class FlagFact:
    """What the synthetic auditor knows of one flag.

    Attributes:
        flag_id: the flag (returned with its verdict).
        indicator: its indicator's code.
        year: the year it concerns (its payment's, agreement's, subsoil-user-year's …).
        payer_id: the subsoil user audited.
        amount: tiyn at stake (``None``: none stated).
        share: the amount over the subsoil user's R&D spending of the year (``None``: unknown).
        performer_kind: the performer's organisation kind (``""``: no performer).
        performer_age: years from the performer's registration to the end of ``year`` (``None``: unknown).
        own: the subject carries a labelled problem the indicator is scored on.
        other: the subject carries another labelled problem.
    """

    flag_id: int
    indicator: str
    year: int
    payer_id: int
    amount: int | None = None
    share: float | None = None
    performer_kind: str = ""
    performer_age: float | None = None
    own: bool = False
    other: bool = False


@dataclass
class PastCase:
    """One audit of a subsoil-user-year: its dates and the verdict on each flag (``True``: confirmed)."""

    payer_id: int
    year: int
    opened_on: date
    closed_on: date
    items: list[tuple[int, bool]] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return any(v for _f, v in self.items)


def _practice(seed: int, code: str) -> float:
    """The indicator's own practice: its kind, and a small offset on a stream of its own."""
    kind = KIND_DOCUMENTARY if code in DOCUMENTARY else KIND_PATTERN if code in PATTERNS else 0.0
    return kind + Random(f"niokr-verdicts:{seed}:{code}").gauss(0.0, PRACTICE_SD)


def confirm_probability(fact: FlagFact, *, practice: float, trait: float) -> float:
    """The probability the synthetic auditor confirms ``fact`` (before the noise of a flip)."""
    logit = TRUTH_OWN if fact.own else TRUTH_OTHER if fact.other else TRUTH_CLEAN
    logit += practice + PAYER_SD * trait
    if fact.share is not None and fact.share > 0:
        logit += MONEY_SLOPE * max(-MONEY_SPAN, min(MONEY_SPAN, math.log10(fact.share) + 2.0))
    if fact.performer_age is not None and fact.performer_age < 2:
        logit += YOUNG_PERFORMER
    if fact.performer_kind in ("research_institute", "university"):
        logit += SCIENCE_PERFORMER
    elif fact.performer_kind == "foreign":
        logit += FOREIGN_PERFORMER
    return 1.0 / (1.0 + math.exp(-logit))


def past_cases(
    facts: Iterable[FlagFact], *, seed: int, today: date, audit_share: float = 0.65, max_items: int = 40,
    traits: Mapping[int, float] | None = None,
) -> list[PastCase]:
    """The audits of past years and their verdicts, in the order they were opened.

    A subsoil-user-year is auditable when its case could have closed before ``today`` (the year
    after it, opened by September). ``traits`` may fix the subsoil users' hidden compliance traits
    (tests); otherwise each is drawn, in the order of the subsoil users' ids.
    """
    rng = Random(f"niokr-verdicts:{seed}")
    groups: dict[tuple[int, int], list[FlagFact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.year, fact.payer_id)].append(fact)
    payers = sorted({payer for _year, payer in groups})
    drawn = {payer: rng.gauss(0.0, 1.0) for payer in payers}
    if traits is not None:
        drawn.update(traits)
    practices: dict[str, float] = {}
    cases = []
    for year, payer in sorted(groups):
        audited = rng.random() < audit_share
        opened = date(year + 1, rng.randint(2, 9), rng.randint(1, 28))
        closed = opened + timedelta(days=rng.randint(21, 140))
        if not audited or closed >= today:
            continue
        chosen = sorted(groups[(year, payer)], key=lambda f: (-(f.amount or 0), f.indicator, f.flag_id))[:max_items]
        case = PastCase(payer_id=payer, year=year, opened_on=opened, closed_on=closed)
        for fact in chosen:
            if fact.indicator not in practices:
                practices[fact.indicator] = _practice(seed, fact.indicator)
            confirmed = rng.random() < confirm_probability(fact, practice=practices[fact.indicator], trait=drawn[payer])
            if rng.random() < FLIP:
                confirmed = not confirmed
            case.items.append((fact.flag_id, confirmed))
        cases.append(case)
    return sorted(cases, key=lambda c: (c.opened_on, c.payer_id))
