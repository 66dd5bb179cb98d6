"""The sizes of the synthetic country and the fixed calendar it is generated on.

Every figure that decides how much is generated lives here, so that the three scales differ only
in these numbers. The calendar is fixed (no clock is read): the country is generated "as of"
:data:`AS_OF`, so the same seed gives the same country whenever it is run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

__all__ = [
    "AS_OF",
    "FIRST_YEAR",
    "LAST_YEAR",
    "GENERATED_AT",
    "CODE_IN_FORCE",
    "HC_BUDGET_FROM",
    "SOLID_BUDGET_FROM",
    "MODEL_FROM",
    "LAW2010_FROM",
    "Scale",
    "SCALES",
    "ProblemRates",
]

FIRST_YEAR = 2012
LAST_YEAR = 2026
#: The day the country is generated "as of": nothing is dated later.
AS_OF = date(2026, 11, 20)
#: The creation time stamped on registry rows (fixed, so that runs are reproducible).
GENERATED_AT = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)

LAW2010_FROM = date(2012, 1, 1)
CODE_IN_FORCE = date(2018, 6, 29)
SOLID_BUDGET_FROM = date(2026, 1, 1)
MODEL_FROM = date(2026, 2, 14)
HC_BUDGET_FROM = date(2026, 2, 23)


@dataclass(frozen=True)
class ProblemRates:
    """How often each injected problem occurs, as a share of its subjects.

    Payment-level rates are shares of all payment lines; the others are shares of the candidate
    agreements, right-years or payer-years.
    """

    affiliate_payment: float = 0.012
    unaccredited_performer: float = 0.010
    foreign_without_permission: float = 0.008
    before_agreement_date: float = 0.010
    non_rd_purpose: float = 0.012
    duplicate_payment: float = 0.008
    trade_or_finance_performer: float = 0.008
    tax_deduction_unaccredited: float = 0.010  # of the lines of 2026 (the Tax Code's art. 302 is in force from then)
    above_agreement_amount: float = 0.02
    shortfall: float = 0.025
    december_dump: float = 0.03
    missing_transfer: float = 0.04
    missing_base: float = 0.015
    base_revised_down: float = 0.01
    base_correction: float = 0.03


@dataclass(frozen=True)
class Scale:
    """How big a synthetic country is.

    Attributes:
        name: ``small``, ``national`` or ``x10``.
        subsoil_users: organisations holding rights, national companies included.
        national_companies: state holdings that own subsidiaries (and some performers).
        performers: how many performers of each ``OrganisationKind``, in generation order.
        rights: contracts and licences of every type.
        payments: target number of payment lines (injected ones included).
        agreements: target number of R&D agreements.
        projects: target number of R&D projects.
        one_percent_bn: the national 1% a year (billion tenge) the bases are calibrated to, as a range
            the seed draws from; the same at every scale, since it is one country's economy.
    """

    name: str
    subsoil_users: int
    national_companies: int
    performers: tuple[tuple[str, int], ...]
    rights: int
    payments: int
    agreements: int
    projects: int
    one_percent_bn: tuple[float, float] = (80.0, 90.0)
    rates: ProblemRates = field(default_factory=ProblemRates)

    @property
    def performer_count(self) -> int:
        return sum(n for _kind, n in self.performers)


SCALES: dict[str, Scale] = {
    "small": Scale(
        name="small",
        subsoil_users=25,
        national_companies=2,
        performers=(("aggregator", 2), ("research_institute", 8), ("university", 4), ("company", 17), ("hub_participant", 8), ("foreign", 6)),
        rights=80,
        payments=8_000,
        agreements=600,
        projects=300,
    ),
    "national": Scale(
        name="national",
        subsoil_users=1_000,
        national_companies=5,
        performers=(("aggregator", 2), ("research_institute", 230), ("university", 90), ("company", 1_100), ("hub_participant", 410), ("foreign", 170)),
        rights=6_000,
        payments=1_500_000,
        agreements=60_000,
        projects=30_000,
    ),
    "x10": Scale(
        name="x10",
        subsoil_users=10_000,
        national_companies=5,
        performers=(("aggregator", 2), ("research_institute", 2_300), ("university", 900), ("company", 11_000), ("hub_participant", 4_100), ("foreign", 1_700)),
        rights=60_000,
        payments=15_000_000,
        agreements=600_000,
        projects=300_000,
    ),
}
