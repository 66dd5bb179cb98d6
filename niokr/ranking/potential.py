"""What the ranking reads from the technology audit and the TRL assessments — one pluggable seam.

The capability app (:mod:`niokr.capability`) owns the audits of organisations and the TRL
assessments. The ranking asks it three things, all through the functions here:

* :func:`project_trl` — a project's current TRL: ``niokr.capability`` ``current_trl(project)`` when
  the app provides it, else the project's own reported columns (``trl_reached``, else ``trl_start``);
* :func:`audit_capability` — the mean audit score (1–4) of some organisations: the app's aggregate
  function when it provides one, else nothing (the criterion is then entered by the analyst);
* :func:`innovation_potential` — the innovation-potential map by region for a priority direction:
  the audits' aggregate by region when the app provides it, beside the R&D projects of the
  priority and their TRL by the performer's region (always available from the project registry).

Each lookup of the capability app is done by name at call time, so this module works before that
app is ready and picks it up the day it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module

from django.db.models import Avg, Count, Q

__all__ = ["project_trl", "audit_capability", "innovation_potential", "PotentialRow", "capability_api"]


def capability_api(name: str):
    """The capability app's public function ``name`` (from ``niokr.capability.services`` or the package), or None."""
    for module_name in ("niokr.capability.services", "niokr.capability"):
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def project_trl(project) -> tuple[int | None, str]:
    """The project's current TRL and where it comes from (``assessment`` or ``reported``)."""
    current = capability_api("current_trl")
    if current is not None:
        try:
            level = current(project)
        except Exception:  # noqa: BLE001 - an unready capability app must not break a ranking; fall back to the register
            level = None
        level = getattr(level, "level", level)
        if isinstance(level, int) and 1 <= level <= 9:
            return level, "assessment"
    level = project.trl_reached or project.trl_start
    return (level, "reported") if level else (None, "")


def audit_capability(organisation_ids) -> tuple[Decimal | None, int]:
    """The mean audit score (1–4 scale) of the organisations and how many were audited; (None, 0) when none."""
    aggregate = capability_api("audit_score_of")
    if aggregate is None or not organisation_ids:
        return None, 0
    scores = []
    for organisation_id in sorted(set(organisation_ids)):
        try:
            value = aggregate(organisation_id)
        except Exception:  # noqa: BLE001 - as above
            value = None
        value = getattr(value, "score", value)
        if value is not None:
            scores.append(Decimal(str(value)))
    if not scores:
        return None, 0
    return (sum(scores) / len(scores)).quantize(Decimal("0.01")), len(scores)


@dataclass(frozen=True)
class PotentialRow:
    """One region of the innovation-potential map."""

    region: str
    organisations_audited: int | None
    audit_score: Decimal | None
    projects: int
    performers: int
    mean_trl: Decimal | None


def innovation_potential(priority_direction: str) -> list[PotentialRow]:
    """The innovation potential by region for ``priority_direction`` (regions ordered by their code).

    Audits come from the capability app's ``potential_by_region(priority_direction)`` when it has
    one (rows with ``region``, ``organisations`` and ``score``); the projects and their mean TRL
    (reported) from the project register.
    """
    from niokr.projects.models import Project

    audits: dict[str, tuple[int, Decimal | None]] = {}
    by_region = capability_api("potential_by_region")
    if by_region is not None:
        try:
            for row in by_region(priority_direction) or []:
                get = row.get if isinstance(row, dict) else (lambda key, r=row: getattr(r, key, None))
                score = get("score")
                audits[str(get("region"))] = (int(get("organisations") or 0), Decimal(str(score)).quantize(Decimal("0.01")) if score is not None else None)
        except Exception:  # noqa: BLE001 - as above
            audits = {}
    projects = (
        Project.objects.filter(priority_direction=priority_direction)
        .values("performer__region")
        .annotate(n=Count("id"), performers=Count("performer", distinct=True), trl=Avg("trl_reached", filter=Q(trl_reached__isnull=False)))
        .order_by("performer__region")
    )
    rows: dict[str, PotentialRow] = {}
    for row in projects:
        region = row["performer__region"]
        audited, score = audits.get(region, (None, None))
        trl = Decimal(str(row["trl"])).quantize(Decimal("0.1")) if row["trl"] is not None else None
        rows[region] = PotentialRow(region, audited, score, row["n"], row["performers"], trl)
    for region, (audited, score) in audits.items():
        rows.setdefault(region, PotentialRow(region, audited, score, 0, 0, None))
    return [rows[key] for key in sorted(rows)]
