"""The generation context: one random stream, the scale, id counters and everything generated so far."""

from __future__ import annotations

import itertools
from datetime import date
from random import Random

from niokr.synthetic.records import Agreement, Org, Problem, Project, Right, RightYear
from niokr.synthetic.scales import Scale

__all__ = ["World", "FAR", "rand_day", "add_years", "merge", "weighted", "split"]

FAR = date(9999, 12, 31).toordinal()


def rand_day(rng: Random, lo: date, hi: date) -> date:
    """A uniformly random day in ``[lo, hi]`` (``lo`` when the range is empty)."""
    a, b = lo.toordinal(), hi.toordinal()
    return date.fromordinal(a if b <= a else rng.randint(a, b))


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or adjacent ordinal intervals (inclusive), sorted."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def weighted(rng: Random, pairs) -> str:
    """Pick the first element of one of ``(value, weight)`` pairs."""
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return rng.choices(values, weights)[0]


def split(rng: Random, total: int, n: int) -> list[int]:
    """``total`` tiyn in up to ``n`` positive parts of whole tenge, at least 1,000 tenge each
    (the last part takes the remainder, tiyn included)."""
    n = max(1, min(n, total // 100_000 or 1))
    if n == 1:
        return [total]
    weights = [0.4 + rng.random() for _ in range(n)]
    scale = total / sum(weights)
    parts = [max(100, int(w * scale) // 100 * 100) for w in weights[:-1]]
    rest = total - sum(parts)
    if rest <= 0:
        return [total]
    parts.append(rest)
    return parts


class World:
    """Everything generated so far, and the single ``random.Random`` every choice is drawn from.

    Rows destined for tables are kept as compact tuples and turned into table rows by
    :mod:`niokr.synthetic.load`; richer records (organisations, rights, agreements) keep what later
    steps need to decide.
    """

    def __init__(self, scale: Scale, seed: int):
        self.scale = scale
        self.seed = seed
        self.rng = Random(seed)
        self.ids = {name: itertools.count(1) for name in ("org", "attr", "aff", "right", "assign", "base", "project", "agreement", "transfer")}
        self.orgs: list[Org] = []
        self.org_by_id: dict[int, Org] = {}
        self.state_bodies: dict[str, Org] = {}
        self.national_companies: list[Org] = []
        self.subsoil_users: list[Org] = []
        self.performers: list[Org] = []
        self.attribute_rows: list[tuple] = []
        self.affiliation_rows: list[tuple] = []
        #: payer id -> {performer id: (relation kind, via "payer"|"holding", holding id or None, share text or None, valid_from ordinal)}
        self.affiliated: dict[int, dict[int, tuple]] = {}
        self.rights: list[Right] = []
        self.right_years: list[RightYear] = []
        self.projects: list[Project] = []
        self.agreements: list[Agreement] = []
        #: (id, agreement id, right id, day ordinal, amount text, purpose, document key, for_year, fx, performer id)
        self.payment_rows: list[tuple] = []
        #: (id, payer id, right id, order number, day ordinal, amount tiyn, for_year, confirmed-on ordinal or None, confirmation)
        self.transfer_rows: list[tuple] = []
        self.problems: list[Problem] = []
        self.one_percent_by_year: dict[int, int] = {}

    def next_id(self, table: str) -> int:
        return next(self.ids[table])

    def add_org(self, org: Org) -> Org:
        self.orgs.append(org)
        self.org_by_id[org.id] = org
        return org
