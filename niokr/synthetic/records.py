"""In-memory records of the synthetic country, before they become table rows.

Dates that take part in hot loops are kept as proleptic ordinals (``date.toordinal()``), amounts
as integer tiyn; both become ``date`` and decimal text only when rows are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["P", "Org", "Right", "Assignment", "RightYear", "Project", "Agreement", "Problem", "day_of", "money"]

_DAY_CACHE: dict[int, date] = {}


class P:
    """Indexes of a payment record: a mutable list, so that a date can still move before numbering.

    ``DUP`` is the original record of a duplicate copy; ``FIXED`` forbids moving the date (lines
    whose problem depends on their date, duplicates and lines credited to the previous year).
    ``DOC`` is the document key (year × 10⁶ + serial), or the number's text when a copy writes it
    differently; ``FORM`` says which form an injected problem took (for the truth file's detail).
    """

    SEQ, AGR, RIGHT, DAY, AMOUNT, PURPOSE, FOR_YEAR, FX, TAG, DUP, FIXED, ID, DOC, FORM = range(14)


def day_of(ordinal: int, _get=_DAY_CACHE.get) -> date:
    """The date of an ordinal (memoised: a country has only a few thousand distinct days)."""
    return _get(ordinal) or _DAY_CACHE.setdefault(ordinal, date.fromordinal(ordinal))


def money(tiyn: int) -> str:
    """Integer tiyn as the decimal text of tenge with two places ("1234.05")."""
    return f"{tiyn // 100}.{tiyn % 100:02d}"


@dataclass(slots=True, eq=False)
class Org:
    """An organisation with what the generator needs to know about it.

    ``status`` holds, per attribute kind, the merged validity intervals as ordinal pairs
    (inclusive; an open end is a far-future ordinal). ``gaps`` are the intervals after registration
    when a domestic performer holds no status at all, or a foreign one no permission.
    """

    id: int
    bin: str
    kind: str
    region: str
    registered_on: date
    names: tuple[str, str, str]
    authority: str = ""
    focus: str = ""
    holding_id: int | None = None
    weight: float = 1.0
    foreign: bool = False
    #: the principal activity (OKED code); empty for foreign organisations, not in the national register
    oked: str = ""
    status: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    gaps: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Assignment:
    """A regime assignment of a right (dates as ``date``; ``valid_to`` None = open)."""

    code: str
    valid_from: date
    valid_to: date | None
    #: the legal reason: (Russian, Kazakh, English)
    reason: tuple[str, str, str]


@dataclass(slots=True, eq=False)
class Right:
    """A contract or licence, its regime history and its yearly bases (tiyn)."""

    id: int
    number: str
    holder: Org
    mineral: str
    right_type: str
    region: str
    signed_on: date
    production_start: date | None
    end_date: date | None
    stability_clause: bool
    #: (Russian, Kazakh, English), as the other trilingual texts of the generator
    stability_note: tuple[str, str, str]
    field_names: tuple[str, str, str]
    assignments: list[Assignment] = field(default_factory=list)
    size: float = 0.0
    income_ratio: float = 2.0
    trend: float = 0.0
    #: year -> (aggregate income, production costs) in tiyn, for every year a figure is reported
    bases: dict[int, tuple[int, int]] = field(default_factory=dict)
    draft_years: set[int] = field(default_factory=set)
    missing_base_years: set[int] = field(default_factory=set)
    #: base year -> (income, costs, recorded on, note, kind): a second, accepted revision of the figures
    #: (``cut``: to a fraction after the obligation year closed; ``correction``: by a few per cent)
    revisions: dict[int, tuple[int, int, date, str, str]] = field(default_factory=dict)
    #: the generator's mirror of the engine's credit carried forward
    credit: int = 0
    credit_channel: str | None = None

    def base_in_use(self, year: int) -> tuple[int, int] | None:
        """The (income, costs) of ``year`` the obligation engine uses: the latest accepted revision."""
        revised = self.revisions.get(year)
        return revised[:2] if revised is not None else self.bases.get(year)

    def regime_on(self, day: date) -> Assignment | None:
        """The assignment in force on ``day`` (the latest start wins)."""
        current = None
        for a in self.assignments:
            if a.valid_from <= day and (a.valid_to is None or a.valid_to >= day):
                if current is None or a.valid_from > current.valid_from:
                    current = a
        return current


@dataclass(slots=True, eq=False)
class RightYear:
    """A due right-year with a positive obligation (tiyn) and what the generator decided for it."""

    right: Right
    year: int
    regime: str
    channel: str
    obligation: int
    base_type: str
    base_year: int
    label: str = "clean"  # clean | shortfall | missing_base | missing_transfer | base_revised_down
    #: the obligation before its base was revised (0: never revised)
    revised_from: int = 0
    #: budget channel, ``missing_transfer``: what was transferred on time (0: nothing)
    transferred: int = 0


@dataclass(slots=True, eq=False)
class Project:
    """An R&D project; its dates stretch to cover its agreements."""

    id: int
    code: str
    titles: tuple[str, str, str]
    abstract: str
    performer_id: int
    direction: str
    sector: str
    trl_start: int
    trl_target: int
    start: int
    end: int
    status: str = ""
    trl_reached: int | None = None
    agreements: int = 0


@dataclass(slots=True, eq=False)
class Agreement:
    """An R&D agreement; ``payments`` are mutable payment records (see ``spending``)."""

    id: int
    number: str
    payer: Org
    performer: Org
    signed_on: int
    period_end: int
    subject: str
    project: Project | None
    direction: str
    purposes: tuple[str, ...]
    right: Right | None = None
    kind: str = "clean"  # clean | affiliate | unaccredited | foreign | non_research | undeductible (who the performer is)
    currency: str | None = None  # USD or EUR for some foreign performers; None = tenge
    lo: int = 0  # the payment window (ordinals) the agreement was generated for
    hi: int = 0
    amount: int = 0
    over_amount: bool = False
    payments: list = field(default_factory=list)


@dataclass(slots=True)
class Problem:
    """One labelled problem of the truth file."""

    code: str
    subject_type: str
    subject: dict
    detail: dict

    def as_dict(self) -> dict:
        return {"code": self.code, "subject_type": self.subject_type, "subject": self.subject, "detail": self.detail}
