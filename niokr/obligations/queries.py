"""Read-side queries of the obligations app, always scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from niokr.obligations.choices import YearStatus
from niokr.obligations.models import RightYearBalance
from niokr.registry.models import Organisation, SubsoilRight

# Worst first: the status a subsoil user shows is the worst of its rights' statuses.
STATUS_ORDER = ["unfulfilled", "partly", "base_missing", "fulfilled", "no_obligation", "not_due"]


@dataclass(frozen=True)
class HolderStatus:
    organisation: Organisation
    rights: int
    obligation: Decimal
    fulfilled: Decimal
    arrears: Decimal
    credit_out: Decimal
    status: str
    status_counts: dict

    @property
    def status_label(self) -> str:
        return YearStatus(self.status).label


def latest_year(user) -> int | None:
    """The latest year with computed balances among the rights ``user`` may see."""
    return RightYearBalance.objects.filter(right__in=SubsoilRight.objects.visible_to(user)).aggregate(y=Max("year"))["y"]


def holder_statuses(user, year: int) -> list[HolderStatus]:
    """Each visible subsoil user with its rights' totals and worst status for ``year`` (worst first)."""
    rights = SubsoilRight.objects.visible_to(user)
    rows = (
        RightYearBalance.objects.filter(year=year, right__in=rights)
        .values("right__holder_id")
        .annotate(
            n=Count("id"),
            obligation=Sum("obligation"),
            fulfilled=Sum("fulfilled"),
            arrears=Sum("arrears"),
            credit_out=Sum("credit_out"),
            **{f"s_{s}": Count("id", filter=Q(status=s)) for s in STATUS_ORDER},
        )
    )
    by_holder = {r["right__holder_id"]: r for r in rows}
    orgs = Organisation.objects.visible_to(user).in_bulk(list(by_holder))
    zero = Decimal("0.00")
    out = []
    for holder_id, r in by_holder.items():
        counts = {s: r[f"s_{s}"] for s in STATUS_ORDER if r[f"s_{s}"]}
        worst = next(s for s in STATUS_ORDER if counts.get(s))
        out.append(HolderStatus(orgs[holder_id], r["n"], r["obligation"] or zero, r["fulfilled"] or zero, r["arrears"] or zero, r["credit_out"] or zero, worst, counts))
    out.sort(key=lambda h: (STATUS_ORDER.index(h.status), -h.arrears, h.organisation.name_ru))
    return out
