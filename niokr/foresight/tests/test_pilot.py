"""The synthetic foresight: a MedTech Delphi with two closed rounds, AgriTech and GreenTech in round 1."""

from __future__ import annotations

import pytest
from django.db import transaction

from niokr.accounts.models import Membership, User
from niokr.foresight.models import Exercise, ItemResult, Response, RoundStatus, RoundSummary, Scale
from niokr.synthetic import foresight_pilot

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(build):
    org = build.org(kind="research_institute", name="НИИ «Демо»")
    users = {}
    for login, role in (("moderator", "foresight_moderator"), ("panellist", "panellist"), ("panellist2", "panellist"), ("panellist3", "panellist")):
        users[login] = User.objects.create_user(username=login, password="x", first_name=login.title(), last_name="Демо")
        Membership.objects.create(user=users[login], organisation=org, role=role)
    return users


def _fingerprint():
    return sorted((r.round.exercise.code, r.round.number, r.item.code, r.scale, str(r.median), str(r.q1), str(r.q3), r.consensus, r.answered)
                  for r in ItemResult.objects.select_related("round__exercise", "item"))


def test_the_pilot_is_a_realistic_two_round_delphi(demo):
    counts = foresight_pilot.build(7, demo)
    assert counts["foresight_exercises"] == 3 and counts["panellist_users"] >= 20
    med = Exercise.objects.get(code=foresight_pilot.MEDTECH)
    assert med.rules_locked and [r.status for r in med.rounds.order_by("number")] == [RoundStatus.CLOSED, RoundStatus.CLOSED]
    assert 12 <= med.panellists.count() <= 20 and med.panels.count() == 2
    r1, r2 = med.rounds.order_by("number")
    s1, s2 = RoundSummary.objects.get(round=r1), RoundSummary.objects.get(round=r2)
    assert s1.responded < s1.invited and s2.dropped >= 2
    assert s2.figures["kendall"]["w"] is not None
    first = dict(ItemResult.objects.filter(round=r1, scale=Scale.IMPORTANCE).values_list("item__code", "consensus"))
    second = dict(ItemResult.objects.filter(round=r2, scale=Scale.IMPORTANCE).values_list("item__code", "consensus"))
    gained = [code for code, verdict in second.items() if verdict == "reached" and first.get(code) != "reached"]
    assert gained, (first, second)  # some items reach consensus in round 2
    assert any(v == "not_reached" for v in second.values())  # and the split ones do not
    assert "P01" in second and "P01" not in first  # the accepted proposal is rated from round 2
    seat = med.panellists.get(user=demo["panellist"])
    assert Response.objects.filter(panellist=seat, submitted_at__isnull=False).count() == 2
    agri = Exercise.objects.get(code=foresight_pilot.AGRITECH)
    assert agri.rules_locked and agri.rounds.get().status == RoundStatus.OPEN
    assert not Response.objects.filter(panellist__user=demo["panellist"], round__exercise=agri).exists()
    green = Exercise.objects.get(code=foresight_pilot.GREENTECH)
    assert green.rounds.get().status == RoundStatus.OPEN
    generated = User.objects.filter(username__startswith="delphi").first()
    assert not generated.has_usable_password() and generated.name_kk and generated.name_en


def test_the_pilot_is_deterministic(demo):
    prints = []
    for _ in range(2):
        with transaction.atomic():
            foresight_pilot.build(11, demo)
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1] and prints[0]
