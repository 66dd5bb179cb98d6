"""The synthetic country's MedTech ranking: from the MedTech Delphi to a final ranking and a roadmap.

Runs after :mod:`niokr.synthetic.foresight_pilot` (which leaves the MedTech Delphi with closed
rounds). Through the ranking's services only: a ranking with the default criteria linked to the
exercise, the items and their latest frozen figures imported, the MedTech R&D projects linked to
the candidates (their TRL is the maturity), the analyst's scores on the analyst-entered criteria,
consistent AHP comparisons (CR < 0.1), a computed run, a roadmap for the leading candidates, and the
ranking made final. Deterministic: ``random.Random(f"{seed}:ranking")`` and ordered queries.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from niokr.ranking import analysis, services
from niokr.ranking.models import RankingExercise, RoadmapEntry, Saaty, Score, Source

__all__ = ["build", "CODE", "PRIORITIES"]

CODE = "MEDTECH-2026"

#: The analyst's view of the criteria's relative importance for MedTech (AHP judgements are their
#: ratios on Saaty's scale, so the matrix is near-consistent by construction).
PRIORITIES = {"need": 5, "market": 4, "value_added": 4, "capability": 3, "feasibility": 3, "maturity": 2, "regulatory": 2, "uncertainty": 1}

_ROADMAP = {
    "technology": ("Технологияны тәжірибелік үлгіге дейін жеткізу", "Доведение технологии до опытного образца", "Technology brought to a working prototype"),
    "product": ("Өнімді тіркеу және сериялық өндіріске дайындау", "Регистрация изделия и подготовка серийного производства", "Product registration and preparation for serial production"),
    "market": ("Отандық және ЕАЭО нарығына шығу", "Выход на внутренний рынок и рынок ЕАЭС", "Entry into the domestic and EAEU markets"),
}


def _judgement(a: int, b: int) -> str:
    """The Saaty value nearest (in log-ratio) to a / b."""
    ratio = math.log(a / b)
    return min(Saaty.values, key=lambda v: (abs(math.log(float(Fraction(v))) - ratio), Saaty.values.index(v)))


def build(seed: int, users: dict) -> dict[str, int]:
    """Build the MedTech ranking; returns row counts. ``users["analyst"]`` is the demo analyst."""
    from niokr.foresight.models import Exercise, RoundStatus
    from niokr.projects.models import Project

    rng = random.Random(f"{seed}:ranking")
    analyst = users["analyst"]
    exercise = (
        Exercise.objects.filter(priority_direction="medtech", rounds__status=RoundStatus.CLOSED).distinct().order_by("created_at", "code").first()
    )
    if exercise is None or RankingExercise.objects.filter(code=CODE).exists():
        return {"rankings": 0, "candidates": 0, "scores": 0, "comparisons": 0, "runs": 0, "roadmap_entries": 0}
    ranking = services.create_ranking(
        code=CODE,
        title_kk="Перспективалы медициналық технологиялар мен өнімдердің рейтингі",
        title_ru="Рейтинг перспективных медицинских технологий и изделий",
        title_en="Ranking of promising medical technologies and products",
        priority_direction="medtech", foresight_exercise=exercise, actor=analyst,
    )
    services.import_from_foresight(ranking=ranking, actor=analyst)
    candidates = list(ranking.candidates.order_by("order", "code"))

    # The MedTech projects with a reported TRL, shared out among the candidates (one or two each).
    projects = list(Project.objects.filter(priority_direction="medtech", trl_reached__isnull=False).order_by("code")[: 2 * len(candidates)])
    rng.shuffle(projects)
    for index, candidate in enumerate(candidates):
        linked = projects[index::len(candidates)][:2] if projects else []
        if linked:
            candidate.projects.set(linked)
    services.refresh_scores(ranking=ranking, actor=analyst)

    # The analyst's scores (1–9) where no automatic figure exists.
    criteria = list(ranking.criteria.order_by("order", "code"))
    have = set(Score.objects.filter(candidate__ranking=ranking).values_list("candidate_id", "criterion_id"))
    values = {}
    for candidate in candidates:
        for criterion in criteria:
            if (candidate.pk, criterion.pk) in have:
                continue
            if criterion.source == Source.MATURITY:
                values[(candidate.code, criterion.code)] = str(rng.randint(2, 7))
            else:
                values[(candidate.code, criterion.code)] = str(rng.randint(3, 9))
    if values:
        services.set_scores(ranking=ranking, values=values, actor=analyst)

    weights = [PRIORITIES.get(c.code, 2) for c in criteria]
    judgements = {(a.code, b.code): _judgement(weights[i], weights[j]) for i, a in enumerate(criteria) for j, b in enumerate(criteria) if j > i}
    services.set_comparisons(ranking=ranking, values=judgements, actor=analyst)
    run = services.compute_run(ranking=ranking, actor=analyst)

    # The roadmap of the three leading candidates: prototype → registration and production → market.
    year = analysis.survey_year(ranking)
    by_code = {c.code: c for c in candidates}
    entries = 0
    for position, result in enumerate(run.results[:3]):
        candidate = by_code[result["code"]]
        start = year + position
        spans = {"technology": (start, start + 2), "product": (start + 2, start + 4 + rng.randint(0, 1)), "market": (start + 5, start + 8)}
        for layer, (first, last) in spans.items():
            kk, ru, en = _ROADMAP[layer]
            services.add_roadmap_entry(candidate=candidate, layer=layer, year_from=first, year_to=last, description_kk=kk, description_ru=ru, description_en=en, actor=analyst)
            entries += 1
    services.finalise(ranking=ranking, actor=analyst)
    return {
        "rankings": 1,
        "candidates": len(candidates),
        "scores": Score.objects.filter(candidate__ranking=ranking).count(),
        "comparisons": ranking.comparisons.count(),
        "runs": ranking.runs.count(),
        "roadmap_entries": RoadmapEntry.objects.filter(candidate__ranking=ranking).count(),
    }
