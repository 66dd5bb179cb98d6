"""The lifecycle frames read from the database (``control.extract``): a small world built with the
lifecycle's services — a council session with an automatic recusal and a vote, a calendar plan with a
report handed in and an act, results — then ``extract_frames`` and the contents of each frame.
Runs on SQLite and PostgreSQL (the reads are raw SQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.control.extract import extract_frames
from niokr.control.indicators.base import FRAME_SCHEMAS
from niokr.projects.lifecycle import councils, delivery, results
from niokr.projects.lifecycle.tests.council_fixtures import board, make_user, voting_session  # noqa: F401  (the fixture)
from niokr.projects.models import Agreement, Project

REPORT = {"name": "Отчёт о НИР.pdf", "sha256": "ab" * 32, "size": 2048}


@pytest.fixture
def world(board, settings, tmp_path):  # noqa: F811
    settings.DATA_DIR = tmp_path
    b = board
    b.users["performer"] = make_user("performer", role=Role.PERFORMER, organisation=b.performer)
    # The council: P1's applicant is owned by the holding that owns member m_two_hops's institute.
    session = voting_session(b)
    p1, p2 = (session.items.get(version__programme=p) for p in b.programmes)
    for name, choice in (("chair", "for"), ("m_three_hops", "for"), ("m_four", "for"), ("m_five", "against"), ("m_six", "abstain")):
        councils.cast_vote(actor=b.users[name], session=session, item=p1, choice=choice)
    for name in b.members:
        councils.cast_vote(actor=b.users[name], session=session, item=p2, choice="for")
    councils.close_vote(actor=b.secretary, session=session)
    # Delivery: an agreement of P1's applicant with the performer, two stages, one accepted by an act.
    project = Project.objects.create(
        code="LF-2025-01", title_kk="Жоба", title_ru="Проект", title_en="Project", performer=b.performer, priority_direction="greentech",
        trl_start=3, trl_target=6, start_date=date(2025, 1, 10), end_date=date(2025, 12, 31), status="in_progress",
    )
    agreement = Agreement.objects.create(
        payer=b.applicant, performer=b.performer, number="ЛФ-1/2025", signed_on=date(2025, 1, 10), subject="НИР", amount=Decimal("5000000.00"),
        period_start=date(2025, 1, 10), period_end=date(2025, 12, 31), project=project,
    )
    s1 = delivery.plan_stage(agreement=agreement, number=1, title="Лабораторные испытания", start_date=date(2025, 1, 10), end_date=date(2025, 6, 30),
                             amount=Decimal("2000000.00"), actor=b.users["performer"])
    s2 = delivery.plan_stage(agreement=agreement, number=2, title="Опытная установка", start_date=date(2025, 7, 1), end_date=date(2025, 12, 31),
                             amount=Decimal("3000000.00"), actor=b.users["performer"])
    delivery.submit_stage_report(stage=s1, report=REPORT, actor=b.users["performer"])
    delivery.sign_act(stage=s1, number="АКТ-1", signed_on=date(2025, 7, 3), amount=Decimal("1800000.50"), actor=b.users["company"])
    results.record_result(project=project, kind="trl", title="TRL 5", year=2025, actor=b.users["performer"], stage=s1, trl_level=5, trl_methodology="Приказ № 8",
                          evidence_reference="Протокол оценки № 3")
    results.record_result(project=project, kind="patent", title="Способ", year=2025, actor=b.users["performer"], patent_office="kazpatent",
                          patent_number="KZ 40001", achieved_on=date(2025, 11, 20))
    return {"b": b, "session": session, "p1": p1, "p2": p2, "project": project, "agreement": agreement, "s1": s1, "s2": s2}


@pytest.mark.django_db
def test_the_lifecycle_frames_hold_what_the_services_recorded(world):
    b, session = world["b"], world["session"]
    frames = extract_frames(as_of=timezone.localdate())
    for name in ("programmes", "stages", "acts", "results", "council_items", "council_members"):
        assert frames.has(name), name
        for column, dtype in FRAME_SCHEMAS[name].items():
            assert frames[name].schema[column] == dtype, (name, column)

    programmes = {r["reference"]: r for r in frames["programmes"].to_dicts()}
    assert set(programmes) == {"PRG-T-0001", "PRG-T-0002"}
    p1, p2 = programmes["PRG-T-0001"], programmes["PRG-T-0002"]
    assert (p1["applicant_id"], p1["project_id"], p1["status"], p1["approved_on"]) == (b.applicant.pk, None, "rejected", None)
    assert (p2["status"], p2["approved_on"]) == ("in_expertise", session.held_on)

    stages = sorted(frames["stages"].to_dicts(), key=lambda r: r["number"])
    assert [(s["agreement_id"], s["number"], s["amount"], s["status"]) for s in stages] == [
        (world["agreement"].pk, 1, 200_000_000, "accepted"), (world["agreement"].pk, 2, 300_000_000, "planned"),
    ]
    assert (stages[0]["start_date"], stages[1]["end_date"]) == (date(2025, 1, 10), date(2025, 12, 31))

    [act] = frames["acts"].to_dicts()
    assert (act["stage_id"], act["agreement_id"], act["number"], act["signed_on"], act["amount"]) == (world["s1"].pk, world["agreement"].pk, "АКТ-1", date(2025, 7, 3), 180_000_050)

    found = {r["kind"]: r for r in frames["results"].to_dicts()}
    assert set(found) == {"trl", "patent"}
    assert (found["trl"]["project_id"], found["trl"]["stage_id"], found["trl"]["trl_level"], found["trl"]["evidence_reference"], found["trl"]["evidence_file"]) == (
        world["project"].pk, world["s1"].pk, 5, "Протокол оценки № 3", False)
    assert (found["patent"]["stage_id"], found["patent"]["achieved_on"], found["patent"]["evidence_reference"], found["patent"]["evidence_note"], found["patent"]["status"]) == (
        None, date(2025, 11, 20), "", "", "claimed")

    items = {r["programme_reference"]: r for r in frames["council_items"].to_dicts()}
    i1, i2 = items["PRG-T-0001"], items["PRG-T-0002"]
    assert (i1["item_id"], i1["session_reference"], i1["held_on"], i1["authority"], i1["applicant_id"], i1["performer_id"]) == (
        world["p1"].pk, session.reference, session.held_on, "industry", b.applicant.pk, b.performer.pk)
    # Recorded as the tally decided: P1 five eligible present, 3 for of 5 cast (4 needed) — rejected.
    assert (i1["outcome"], i1["recorded_present"], i1["recorded_for"], i1["recorded_against"], i1["recorded_abstain"]) == ("rejected", 5, 3, 1, 1)
    assert (i2["outcome"], i2["recorded_present"], i2["recorded_for"], i2["recorded_against"], i2["recorded_abstain"]) == ("approved", 6, 6, 0, 0)
    assert (i1["quorum_num"], i1["quorum_den"], i1["majority_num"], i1["majority_den"], i1["majority_base"], i1["abstentions_count"]) == (2, 3, 2, 3, "present_voting", True)

    members = frames["council_members"]
    # Six voting members serving on the day for each item: the secretary and the former member are not there.
    assert members.group_by("item_id").len().sort("item_id")["len"].to_list() == [6, 6]
    on_p1 = {r["member_id"]: r for r in members.filter(members["item_id"] == world["p1"].pk).to_dicts()}
    recused = b.members["m_two_hops"]
    assert (on_p1[recused.pk]["recused"], on_p1[recused.pk]["present"], on_p1[recused.pk]["choice"], on_p1[recused.pk]["organisation_id"]) == (
        True, True, None, recused.organisation_id)
    assert on_p1[b.members["m_six"].pk]["choice"] == "abstain" and not on_p1[b.members["m_six"].pk]["recused"]
    assert on_p1[b.members["chair"].pk]["person_ru"] == "Chair Тестов"
    assert sorted(r["choice"] for r in members.filter(members["item_id"] == world["p2"].pk).to_dicts()) == ["for"] * 6


@pytest.mark.django_db
def test_an_undecided_item_reads_with_no_recorded_tally(board, settings, tmp_path):  # noqa: F811
    settings.DATA_DIR = tmp_path
    voting_session(board)
    items = extract_frames(as_of=timezone.localdate())["council_items"]
    assert items["outcome"].to_list() == ["", ""]
    assert items["recorded_for"].null_count() == 2 and items["recorded_present"].null_count() == 2
