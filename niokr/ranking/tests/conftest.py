"""A fixture Delphi exercise with frozen results (written directly), the personas of every role, and a
ranking fed by the exercise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

TITLE_KK = "Медициналық технологиялар форсайты 2026"
TITLE_RU = "Форсайт медицинских технологий 2026"

PERSONAS = {
    "analyst": "policy_analyst",
    "administrator": "administrator",
    "moderator": "foresight_moderator",
    "regulator": "regulator",
    "secretariat": "policy_secretariat",
    "tcc": "tcc_analyst",
    "auditor": "auditor",
    "panellist": "panellist",
    "company": "company",
    "performer": "performer",
    "assessor": "assessor",
    "outsider": None,
}

#: Frozen results per round: item code → (importance median, q1, q3, consensus, feasibility median, capability %, realisation band).
ROUND_FIGURES = {
    1: {
        "T1": ("8", "7", "9", "not_reached", "7", "60", "1"),
        "T2": ("7", "5", "8", "not_reached", "6", "30", "2"),
        "T3": ("5", "3", "7", "not_reached", "5", "70", "3"),
        "T4": ("6", "4", "8", "not_reached", "4", "20", "4"),
    },
    2: {
        "T1": ("8", "7.5", "9", "reached", "7.5", "65", "1"),
        "T2": ("7.5", "7", "8", "reached", "6", "35", "2"),
        "T3": ("5", "4", "6", "not_reached", "5", "75", "2.5"),
        "T4": ("6", "5", "7", "not_reached", "4", "25", "4"),
    },
}


@dataclass
class World:
    users: dict = field(default_factory=dict)
    exercise: object = None
    items: dict = field(default_factory=dict)

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


def make_users(build) -> dict:
    from niokr.accounts.models import Membership, User

    org = build.org(kind="research_institute", name="НИИ «Тест»")
    users = {}
    for login, role in PERSONAS.items():
        user = User.objects.create_user(username=f"r_{login}", password="x", first_name=login, last_name="Тестов")
        if role:
            Membership.objects.create(user=user, organisation=org, role=role, authority="energy" if role == "regulator" else "")
        users[login] = user
    return users


def make_delphi(users) -> tuple[object, dict]:
    """A MedTech Delphi of two closed rounds, with ItemResult and RoundSummary rows written directly."""
    from niokr.foresight.models import Exercise, ExerciseStatus, Item, ItemResult, Panel, Panellist, Round, RoundStatus, RoundSummary
    from niokr.foresight.stats import ConsensusRules

    locked = timezone.make_aware(datetime(2026, 2, 2, 10, 0))
    exercise = Exercise.objects.create(
        code="MED-DELPHI", title_kk=TITLE_KK, title_ru=TITLE_RU, title_en="MedTech foresight 2026", priority_direction="medtech",
        moderator=users["moderator"], status=ExerciseStatus.CLOSED, consensus_rules=ConsensusRules().to_dict(), rules_locked_at=locked,
        rules_locked_by=users["moderator"], scales=["importance", "feasibility", "realisation", "capability"],
    )
    panel = Panel.objects.create(exercise=exercise, name_kk="Клиницистер", name_ru="Клиницисты", name_en="Clinicians")
    Panellist.objects.create(exercise=exercise, panel=panel, user=users["panellist"], expertise=4)
    items = {}
    for order, code in enumerate(("T1", "T2", "T3", "T4"), start=1):
        items[code] = Item.objects.create(
            exercise=exercise, code=code, order=order,
            statement_kk=f"Технология {code} (қазақша)", statement_ru=f"Технология {code}", statement_en=f"Technology {code}",
        )
    for number, figures in ROUND_FIGURES.items():
        round_ = Round.objects.create(exercise=exercise, number=number, status=RoundStatus.CLOSED,
                                      opened_at=timezone.make_aware(datetime(2026, 2 + number, 1)), closed_at=timezone.make_aware(datetime(2026, 2 + number, 20)))
        for code, (imp, q1, q3, verdict, feas, cap, band) in figures.items():
            item = items[code]
            d = Decimal
            ItemResult.objects.create(round=round_, item=item, scale="importance", answered=12, dont_know=1, median=d(imp), q1=d(q1), q3=d(q3), consensus=verdict)
            ItemResult.objects.create(round=round_, item=item, scale="feasibility", answered=12, dont_know=0, median=d(feas), q1=d(feas) - 1, q3=d(feas) + 1, consensus="not_reached")
            ItemResult.objects.create(round=round_, item=item, scale="capability", answered=11, dont_know=2, median=d(cap), q1=d(cap) - 10, q3=d(cap) + 10)
            ItemResult.objects.create(round=round_, item=item, scale="realisation", answered=12, dont_know=0, median=d(band), q1=d(1), q3=d(4))
        RoundSummary.objects.create(round=round_, invited=14, responded=13 - number, dropped=0 if number == 1 else 1,
                                    figures={"response_percent": 100 * (13 - number) / 14, "kendall": {"w": 0.41 + 0.1 * number, "p_value": 0.003, "raters_used": 12}, "consensus_reached": 0 if number == 1 else 2})
    return exercise, items


#: Consistent judgements for the eight default criteria: a weight vector w gives a_ij = w_i/w_j rounded to Saaty's scale.
CONSISTENT_WEIGHTS = [4, 3, 3, 2, 4, 3, 2, 1]


def consistent_values(criteria) -> dict:
    from fractions import Fraction

    from niokr.ranking.models import Saaty

    allowed = [Fraction(v) for v in Saaty.values]
    out = {}
    for i, a in enumerate(criteria):
        for j in range(i + 1, len(criteria)):
            ratio = Fraction(CONSISTENT_WEIGHTS[i], CONSISTENT_WEIGHTS[j])
            nearest = min(allowed, key=lambda v: abs(float(v) - float(ratio)))
            out[(a.code, criteria[j].code)] = str(nearest)
    return out


def fill_analyst_scores(ranking, actor) -> None:
    from niokr.ranking import services
    from niokr.ranking.models import Source

    values = {}
    for k, candidate in enumerate(ranking.candidates.order_by("order")):
        for criterion in ranking.criteria.order_by("order"):
            if criterion.source in (Source.ANALYST, Source.MATURITY, Source.AUDIT_CAPABILITY):
                values[(candidate.code, criterion.code)] = str(3 + (k * 2 + criterion.order) % 6)
    services.set_scores(ranking=ranking, values=values, actor=actor)


@pytest.fixture
def world(db, build) -> World:
    users = make_users(build)
    exercise, items = make_delphi(users)
    return World(users=users, exercise=exercise, items=items)


@pytest.fixture
def ranking(world):
    """A MedTech ranking with the default criteria, fed by the fixture Delphi (imported)."""
    from niokr.ranking import services

    ranking = services.create_ranking(code="MED-RANK", title_kk="МедТех рейтингі", title_ru="Рейтинг МедТех", priority_direction="medtech",
                                      foresight_exercise=world.exercise, actor=world.users["analyst"])
    services.import_from_foresight(ranking=ranking, actor=world.users["analyst"])
    return ranking


@pytest.fixture
def computable(world, ranking):
    """The ranking with consistent comparisons and complete scores."""
    from niokr.ranking import services

    criteria = list(ranking.criteria.order_by("order"))
    services.set_comparisons(ranking=ranking, values=consistent_values(criteria), actor=world.users["analyst"])
    fill_analyst_scores(ranking, world.users["analyst"])
    return ranking
