"""Reading the capability data: readiness histories, current levels, audit scores and their aggregates.

These are the functions other apps call (the portfolio and the ranking, to the right of this app):

* :func:`trl_history` / :func:`current_trl` / :func:`current_levels` — a project's readiness from
  its submitted assessments (TRL by default; MRL and CRL on request);
* :func:`capability_score` / :func:`capability_by_priority` — the mean audit scores (overall and per
  dimension) of a set of organisations, a TCC sector, a priority direction, a region or a kind.

An organisation counts once in an aggregate, with its latest submitted audit (by audit date). A
readiness assessment that a later submitted correction corrects no longer counts: the correction
replaces it (both stay in the history, the corrected one marked).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, Subquery

from niokr.capability import engine
from niokr.capability.choices import AssessmentStatus, AuditStatus, ReadinessKind, VersionStatus
from niokr.capability.models import Assessment, Audit, AuditDimensionScore, Dimension, Questionnaire
from niokr.capability.models.common import in_language

__all__ = [
    "LevelPoint",
    "trl_history",
    "current_trl",
    "current_levels",
    "CapabilityScore",
    "capability_score",
    "capability_by_priority",
    "latest_audits",
    "AXES",
    "aggregate_potential",
    "sector_of",
    "sector_comparison",
    "before_after",
    "dimension_titles",
    "organisation_groups",
]


# --------------------------------------------------------------------------------------------------
# Readiness history
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelPoint:
    """One submitted assessment in a project's history."""

    assessment_id: int
    day: date
    level: int
    kind: str
    technology_type: str
    question_set: str
    assessor: str
    corrects_id: int | None
    corrected: bool

    @property
    def technology_type_label(self) -> str:
        """The technology type as a person reads it, in the active language."""
        from niokr.capability.choices import TechnologyType

        return str(TechnologyType(self.technology_type).label)


def _effective(queryset):
    """Submitted assessments that no submitted correction replaces."""
    corrected = Assessment.objects.filter(corrects=OuterRef("pk"), status=AssessmentStatus.SUBMITTED)
    return queryset.filter(status=AssessmentStatus.SUBMITTED).annotate(corrected=Exists(corrected))


def trl_history(project, kind: str = ReadinessKind.TRL) -> list[LevelPoint]:
    """``project``'s readiness history on scale ``kind``: its submitted assessments, oldest first.

    ``project``: a ``projects.Project`` or its id. Corrected assessments are kept, marked ``corrected``.
    """
    project_id = getattr(project, "pk", project)
    rows = (
        _effective(Assessment.objects.filter(project_id=project_id, kind=kind))
        .select_related("question_set", "assessor")
        .order_by("assessment_date", "submitted_at", "id")
    )
    return [
        LevelPoint(
            assessment_id=a.pk, day=a.assessment_date, level=a.level, kind=a.kind, technology_type=a.technology_type,
            question_set=f"{in_language(a.question_set.title)} ({a.question_set.version})", assessor=a.assessor.get_full_name() or a.assessor.get_username(),
            corrects_id=a.corrects_id, corrected=a.corrected,
        )
        for a in rows
    ]


def current_levels(project_ids: Iterable[int], kind: str = ReadinessKind.TRL) -> dict[int, int]:
    """Project id → its current level on ``kind`` (the latest assessment not corrected); projects never assessed are absent."""
    ids = list(project_ids)
    if not ids:
        return {}
    latest = (
        _effective(Assessment.objects.filter(project_id=OuterRef("project_id"), kind=kind))
        .filter(corrected=False)
        .order_by("-assessment_date", "-submitted_at", "-id")
        .values("pk")[:1]
    )
    rows = (
        Assessment.objects.filter(project_id__in=ids, kind=kind, status=AssessmentStatus.SUBMITTED)
        .filter(pk=Subquery(latest))
        .values_list("project_id", "level")
    )
    return dict(rows)


def current_trl(project, kind: str = ReadinessKind.TRL) -> int | None:
    """``project``'s current readiness level on ``kind`` (``None``: never assessed)."""
    project_id = getattr(project, "pk", project)
    return current_levels([project_id], kind).get(project_id)


# --------------------------------------------------------------------------------------------------
# Audit aggregates
# --------------------------------------------------------------------------------------------------


def latest_audits(organisation_ids: Iterable[int] | None = None):
    """The latest submitted audit of each organisation (of ``organisation_ids``, or of all)."""
    latest = Audit.objects.filter(organisation=OuterRef("organisation"), status=AuditStatus.SUBMITTED).order_by("-audit_date", "-submitted_at", "-id").values("pk")[:1]
    queryset = Audit.objects.filter(status=AuditStatus.SUBMITTED)
    if organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=list(organisation_ids))
    return queryset.filter(pk=Subquery(latest))


@dataclass
class CapabilityScore:
    """Mean audit scores of a group of organisations (each counted once, with its latest audit).

    Attributes:
        organisations: how many organisations the means cover.
        overall: the mean of their overall scores (``None`` with none).
        dimensions: dimension code → the mean of their scores on it.
        archetypes: archetype → how many of the organisations have it.
    """

    organisations: int = 0
    overall: Decimal | None = None
    dimensions: dict[str, Decimal] = field(default_factory=dict)
    archetypes: dict[str, int] = field(default_factory=dict)


def _score_of(audit_rows: list[tuple[int, int, Decimal, str]], dimension_rows: dict[int, dict[str, Decimal]]) -> CapabilityScore:
    """Means over ``audit_rows`` ``(audit id, organisation id, overall, archetype)``."""
    if not audit_rows:
        return CapabilityScore()
    overall = sum((Fraction(row[2]) for row in audit_rows), Fraction(0)) / len(audit_rows)
    per_dimension: dict[str, list[Fraction]] = defaultdict(list)
    archetypes: dict[str, int] = defaultdict(int)
    for audit_id, _org, _overall, archetype in audit_rows:
        archetypes[archetype] += 1
        for code, score in dimension_rows.get(audit_id, {}).items():
            per_dimension[code].append(Fraction(score))
    return CapabilityScore(
        organisations=len(audit_rows),
        overall=engine.to_decimal(overall),
        dimensions={code: engine.to_decimal(sum(values, Fraction(0)) / len(values)) for code, values in per_dimension.items()},
        archetypes=dict(archetypes),
    )


def _audit_rows(organisation_ids: Iterable[int] | None = None):
    rows = list(latest_audits(organisation_ids).values_list("pk", "organisation_id", "overall_score", "archetype"))
    dimensions: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for audit_id, code, score in AuditDimensionScore.objects.filter(audit_id__in=[r[0] for r in rows]).values_list("audit_id", "dimension_code", "score"):
        dimensions[audit_id][code] = score
    return rows, dimensions


def organisation_groups(axis: str, organisation_ids: Iterable[int]) -> dict[int, set[str]]:
    """Organisation id → the groups it belongs to on ``axis``.

    ``region`` and ``kind``: the organisation's own (one group). ``tcc_sector`` and ``priority``: those
    of the projects it performs or pays for under an agreement (an organisation may be in several).
    """
    from niokr.projects.models import Agreement, Project
    from niokr.registry.models import Organisation

    ids = list(organisation_ids)
    if axis in ("region", "kind"):
        return {pk: {value} for pk, value in Organisation.objects.filter(pk__in=ids).values_list("pk", axis)}
    column = {"tcc_sector": "tcc_sector", "priority": "priority_direction"}[axis]
    groups: dict[int, set[str]] = defaultdict(set)
    for org_id, value in Project.objects.filter(performer_id__in=ids).values_list("performer_id", column).distinct():
        if value:
            groups[org_id].add(value)
    for org_id, value in Agreement.objects.filter(payer_id__in=ids, project__isnull=False).values_list("payer_id", f"project__{column}").distinct():
        if value:
            groups[org_id].add(value)
    return dict(groups)


def capability_score(
    *,
    organisation_ids: Iterable[int] | None = None,
    tcc_sector: str | None = None,
    priority: str | None = None,
    region: str | None = None,
    kind: str | None = None,
) -> CapabilityScore:
    """Mean audit scores of the organisations that match every filter given (all audited organisations with none).

    Args:
        organisation_ids: these organisations only.
        tcc_sector: organisations performing or paying for projects of this TCC sector.
        priority: organisations performing or paying for projects of this priority direction.
        region: organisations registered in this region.
        kind: organisations of this kind.
    """
    rows, dimensions = _audit_rows(organisation_ids)
    orgs = [r[1] for r in rows]
    keep = set(orgs)
    for axis, value in (("tcc_sector", tcc_sector), ("priority", priority), ("region", region), ("kind", kind)):
        if value is not None:
            groups = organisation_groups(axis, orgs)
            keep &= {org for org, values in groups.items() if value in values}
    return _score_of([r for r in rows if r[1] in keep], dimensions)


#: The axes innovation potential is aggregated on.
AXES = ("region", "kind", "tcc_sector", "priority")


def aggregate_potential(axis: str) -> dict[str, CapabilityScore]:
    """Group value → mean scores of its audited organisations, on ``axis`` (one of :data:`AXES`)."""
    if axis not in AXES:
        raise ValueError(f"unknown axis {axis!r}")
    rows, dimensions = _audit_rows()
    groups = organisation_groups(axis, [r[1] for r in rows])
    members: dict[str, list] = defaultdict(list)
    for row in rows:
        for value in groups.get(row[1], ()):
            members[value].append(row)
    return {value: _score_of(member_rows, dimensions) for value, member_rows in sorted(members.items())}


def capability_by_priority() -> dict[str, CapabilityScore]:
    """Priority direction → the mean audit scores of the organisations working on its projects."""
    return aggregate_potential("priority")


def sector_of(organisation) -> tuple[str, str]:
    """The sector an organisation is compared with: ``("tcc_sector", s)`` where most of its projects
    are (ties: the first sector alphabetically), else ``("kind", its kind)``."""
    from niokr.projects.models import Project

    counts: dict[str, int] = defaultdict(int)
    for sector in Project.objects.filter(performer=organisation).exclude(tcc_sector="").values_list("tcc_sector", flat=True):
        counts[sector] += 1
    if counts:
        return "tcc_sector", min(counts, key=lambda s: (-counts[s], s))
    return "kind", organisation.kind


def sector_comparison(organisation) -> tuple[str, str, CapabilityScore]:
    """The organisation's sector and the mean scores of its *other* audited members (the peers)."""
    axis, value = sector_of(organisation)
    rows, dimensions = _audit_rows()
    groups = organisation_groups(axis, [r[1] for r in rows if r[1] != organisation.pk])
    peers = [r for r in rows if r[1] != organisation.pk and value in groups.get(r[1], ())]
    return axis, value, _score_of(peers, dimensions)


def before_after(project) -> list[dict]:
    """For each organisation audited before and after ``project``: the latest submitted audit of each phase.

    Returns ``[{"organisation", "before", "after", "delta"}]`` (``delta``: overall after − before,
    or ``None`` while one of the two is missing), ordered by organisation name.
    """
    audits = (
        Audit.objects.filter(project=project, status=AuditStatus.SUBMITTED)
        .select_related("organisation")
        .prefetch_related("dimension_scores")
        .order_by("organisation__name_ru", "audit_date", "submitted_at", "id")
    )
    pairs: dict[int, dict] = {}
    for audit in audits:
        entry = pairs.setdefault(audit.organisation_id, {"organisation": audit.organisation, "before": None, "after": None})
        entry[audit.phase] = audit  # later audits of a phase replace earlier ones
    result = []
    for entry in pairs.values():
        before, after = entry["before"], entry["after"]
        entry["delta"] = (after.overall_score - before.overall_score) if before and after else None
        result.append(entry)
    return result


def dimension_titles(questionnaire: Questionnaire | None = None) -> list[tuple[str, str]]:
    """``[(code, title in the reader's language)]`` of a questionnaire's dimensions (default: the latest published)."""
    if questionnaire is None:
        questionnaire = Questionnaire.objects.filter(status=VersionStatus.PUBLISHED).order_by("-published_at", "-id").first()
        if questionnaire is None:
            return []
    return [(d.code, in_language(d.title)) for d in Dimension.objects.filter(questionnaire=questionnaire).order_by("order")]
