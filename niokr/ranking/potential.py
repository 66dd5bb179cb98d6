"""What the ranking reads from the technology audit and the readiness assessments (:mod:`niokr.capability`).

* :func:`project_trl` — a project's current TRL: the latest submitted, uncorrected assessment
  (:func:`niokr.capability.queries.current_trl`), else the project's own reported columns
  (``trl_reached``, else ``trl_start``), said so;
* :func:`audit_capability` — the mean overall audit score (1–4) of some organisations, each with its
  latest submitted audit (:func:`niokr.capability.queries.capability_score`);
* :func:`innovation_potential` — the innovation-potential map by region for a priority direction:
  the audits' aggregate by region of the organisations performing or paying for the priority's
  projects, beside those projects and their TRL by the performer's region.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q

from niokr.capability import queries as capability
from niokr.core.choices import Region

__all__ = ["project_trl", "audit_capability", "innovation_potential", "PotentialRow"]


def project_trl(project) -> tuple[int | None, str]:
    """The project's current TRL and where it comes from (``assessment`` or ``reported``)."""
    level = capability.current_trl(project)
    if level is not None:
        return level, "assessment"
    level = project.trl_reached or project.trl_start
    return (level, "reported") if level else (None, "")


def audit_capability(organisation_ids) -> tuple[Decimal | None, int]:
    """The mean audit score (1–4 scale) of the organisations and how many were audited; (None, 0) when none."""
    ids = sorted(set(organisation_ids or ()))
    if not ids:
        return None, 0
    score = capability.capability_score(organisation_ids=ids)
    if not score.organisations or score.overall is None:
        return None, 0
    return Decimal(score.overall).quantize(Decimal("0.01")), score.organisations


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
    for region in Region.values:
        score = capability.capability_score(priority=priority_direction, region=region)
        if score.organisations:
            audits[region] = (score.organisations, Decimal(score.overall).quantize(Decimal("0.01")) if score.overall is not None else None)
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
