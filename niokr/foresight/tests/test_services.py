"""The Delphi workflow: rules locked before round 1, the round lifecycle, frozen results, reminders,
proposals and hostile input."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from niokr.accounts.models import Notification
from niokr.core.models import AuditEvent
from niokr.foresight import services
from niokr.foresight.models import Answer, ItemResult, ItemStatus, Reminder, Response, RoundStatus, RoundSummary, Scale
from niokr.foresight.tests.conftest import answers, make_exercise

pytestmark = pytest.mark.django_db


def _open(world, **kw):
    return services.open_round(world.users["moderator"], world.exercise, **kw)


def _all_answer(world, round_, table):
    """``table`` maps login → {item index: importance}; each submits."""
    for login, ratings in table.items():
        services.submit_response(world.users[login], round_, answers(world, ratings))


# --- the rules lock ------------------------------------------------------------------------------------


def test_defaults_are_the_issue_rules(world):
    rules = world.exercise.consensus_rules
    assert rules["min_agreement_percent"] == 70 and (rules["agreement_low"], rules["agreement_high"]) == (7, 9)
    assert rules["max_disagreement_percent"] == 15 and (rules["disagreement_low"], rules["disagreement_high"]) == (1, 3)
    assert rules["max_iqr"] == 2


def test_round_1_cannot_open_before_the_rules_are_locked(people):
    world = make_exercise(people, lock=False)
    with pytest.raises(services.Refused, match="Lock the consensus rules"):
        _open(world)
    assert not world.exercise.rounds.exists()


def test_rules_and_scales_change_until_locked_and_never_after(people):
    world = make_exercise(people, lock=False)
    mod = world.users["moderator"]
    services.set_rules(mod, world.exercise, {"min_agreement_percent": "75", "max_iqr": "1,5", "agreement_low": "7", "agreement_high": "9",
                                             "max_disagreement_percent": "", "disagreement_low": "1", "disagreement_high": "3", "min_valid": "5"})
    world.exercise.refresh_from_db()
    assert world.exercise.consensus_rules["min_agreement_percent"] == 75 and world.exercise.consensus_rules["max_iqr"] == 1.5
    assert world.exercise.consensus_rules["max_disagreement_percent"] is None
    services.set_scales(mod, world.exercise, [Scale.IMPORTANCE, Scale.FEASIBILITY])
    services.lock_rules(mod, world.exercise)
    with pytest.raises(services.Refused, match="locked"):
        services.set_rules(mod, world.exercise, {"min_agreement_percent": "51"})
    with pytest.raises(services.Refused, match="locked"):
        services.set_scales(mod, world.exercise, Scale.values)
    with pytest.raises(services.Refused, match="locked"):
        services.lock_rules(mod, world.exercise)
    world.exercise.refresh_from_db()
    assert world.exercise.consensus_rules["min_agreement_percent"] == 75
    assert AuditEvent.objects.filter(action="foresight.rules_locked").count() == 1


@pytest.mark.parametrize("values, message", [
    ({"agreement_low": "3"}, "must not overlap"),
    ({"min_agreement_percent": "0"}, "above 0"),
    ({"min_agreement_percent": "abc"}, "is a number"),
    ({"max_iqr": "9"}, "from 0 to 8"),
    ({"agreement_low": "6.5"}, "whole numbers"),
    ({"min_valid": "0"}, "from 1 to 10000"),
    ({"min_agreement_percent": "7\x000"}, "is a number"),
])
def test_inconsistent_rules_are_refused_with_a_reason(people, values, message):
    world = make_exercise(people, lock=False)
    before = dict(world.exercise.consensus_rules)
    with pytest.raises(services.Refused, match=message):
        services.set_rules(world.users["moderator"], world.exercise, values)
    world.exercise.refresh_from_db()
    assert world.exercise.consensus_rules == before


def test_only_the_exercises_moderator_runs_it(world):
    for login in ("other_moderator", "panel_a", "regulator", "outsider"):
        with pytest.raises(services.Refused) as exc:
            services.open_round(world.users[login], world.exercise)
        assert exc.value.code == services.FORBIDDEN


def test_round_1_needs_three_panellists_and_an_item(people):
    world = make_exercise(people, items=0)
    with pytest.raises(services.Refused, match="at least one item"):
        _open(world)


# --- the round lifecycle and freezing ------------------------------------------------------------------


def test_a_round_opens_collects_answers_closes_and_freezes(world):
    r1 = _open(world)
    assert r1.number == 1 and r1.status == RoundStatus.OPEN
    with pytest.raises(services.Refused, match="must close"):
        _open(world)
    _all_answer(world, r1, {"panel_a": {0: 8, 1: 2, 2: 5}, "panel_b": {0: 9, 1: 5, 2: 5}, "panel_c": {0: 7, 1: 8, 2: 6}})
    services.close_round(world.users["moderator"], r1)
    r1.refresh_from_db()
    assert r1.status == RoundStatus.CLOSED and r1.closed_at
    m01 = ItemResult.objects.get(round=r1, item=world.items[0], scale=Scale.IMPORTANCE)
    assert (m01.answered, m01.median, m01.q1, m01.q3) == (3, Decimal("8.00"), Decimal("7.50"), Decimal("8.50"))
    assert m01.consensus == "reached"  # 100 % in 7–9, none in 1–3, IQR 1
    m02 = ItemResult.objects.get(round=r1, item=world.items[1], scale=Scale.IMPORTANCE)
    assert m02.consensus == "not_reached" and m02.figures["distribution"] == [0, 1, 0, 0, 1, 0, 0, 1, 0]
    summary = RoundSummary.objects.get(round=r1)
    assert (summary.invited, summary.responded, summary.dropped) == (4, 3, 0)
    assert summary.figures["kendall"]["raters_used"] == 3 and summary.figures["consensus_reached"] >= 1
    # realisation and capability have statistics but no verdict
    assert ItemResult.objects.get(round=r1, item=world.items[0], scale=Scale.CAPABILITY).consensus == ""
    assert Notification.objects.filter(kind="foresight.round_opened").count() == 4


def test_a_closed_round_never_changes(world):
    r1 = _open(world)
    _all_answer(world, r1, {"panel_a": {0: 8, 1: 2, 2: 5}, "panel_b": {0: 9, 1: 5, 2: 5}, "panel_c": {0: 7, 1: 8, 2: 6}})
    services.close_round(world.users["moderator"], r1)
    frozen = list(ItemResult.objects.filter(round=r1).order_by("pk").values())
    with pytest.raises(services.Refused, match="not open"):
        services.submit_response(world.users["panel_a"], r1, answers(world, {0: 1, 1: 1, 2: 1}))
    with pytest.raises(services.Refused, match="not open"):
        services.save_response(world.users["panel_d"], r1, answers(world, {0: 1, 1: 1, 2: 1}))
    with pytest.raises(services.Refused, match="never reopened"):
        services.close_round(world.users["moderator"], r1)
    with pytest.raises(ValidationError):
        r1.delete()
    result = ItemResult.objects.filter(round=r1).first()
    with pytest.raises(ValidationError):
        result.delete()
    result.median = Decimal("1.00")
    with pytest.raises(ValidationError):
        result.save()
    with pytest.raises(ValidationError):
        Answer.objects.filter(response__round=r1).first().delete()
    assert list(ItemResult.objects.filter(round=r1).order_by("pk").values()) == frozen
    assert Answer.objects.filter(response__round=r1, response__panellist=world.seats["panel_a"], item=world.items[0], scale=Scale.IMPORTANCE).get().value == 8


def test_resubmission_is_allowed_until_close_and_drafts_do_not_count(world):
    r1 = _open(world)
    a = world.users["panel_a"]
    services.submit_response(a, r1, answers(world, {0: 2, 1: 2, 2: 2}))
    services.submit_response(a, r1, answers(world, {0: 9, 1: 2, 2: 2}))
    _all_answer(world, r1, {"panel_b": {0: 9, 1: 5, 2: 5}, "panel_c": {0: 8, 1: 8, 2: 6}})
    services.save_response(world.users["panel_d"], r1, answers(world, {0: 1, 1: 1, 2: 1}))  # a draft only
    services.close_round(world.users["moderator"], r1)
    m01 = ItemResult.objects.get(round=r1, item=world.items[0], scale=Scale.IMPORTANCE)
    assert m01.answered == 3 and m01.median == Decimal("9.00")
    assert Response.objects.filter(round=r1).count() == 4 and RoundSummary.objects.get(round=r1).responded == 3


def test_submit_needs_every_question_answered(world):
    r1 = _open(world)
    partial = [a for a in answers(world, {0: 5, 1: 5, 2: 5}) if a.item_id != world.items[2].pk]
    with pytest.raises(services.InvalidAnswers) as exc:
        services.submit_response(world.users["panel_a"], r1, partial)
    assert (world.items[2].pk, Scale.IMPORTANCE) in exc.value.errors
    assert not Response.objects.filter(round=r1, submitted_at__isnull=False).exists()


def test_dont_know_is_kept_out_of_the_statistics(world):
    r1 = _open(world)
    dk = {(0, Scale.IMPORTANCE), (0, Scale.FEASIBILITY)}
    services.submit_response(world.users["panel_a"], r1, answers(world, {0: None, 1: 5, 2: 5}, dont_know=dk))
    services.submit_response(world.users["panel_b"], r1, answers(world, {0: None, 1: 5, 2: 5}, dont_know=dk))
    _all_answer(world, r1, {"panel_c": {0: 8, 1: 5, 2: 5}, "panel_d": {0: 9, 1: 5, 2: 5}})
    services.close_round(world.users["moderator"], r1)
    m01 = ItemResult.objects.get(round=r1, item=world.items[0], scale=Scale.IMPORTANCE)
    assert (m01.answered, m01.dont_know, m01.median) == (2, 2, Decimal("8.50"))
    assert m01.figures["shares"]["high"] == 100.0  # of the two who gave a value
    assert m01.consensus == "too_few"  # three answers with a value are needed
    kendall = RoundSummary.objects.get(round=r1).figures["kendall"]
    assert kendall["raters_used"] == 2 and kendall["raters_excluded"] == 2


def test_round_2_needs_round_1_closed_and_carries_stability_and_dropout(world):
    mod = world.users["moderator"]
    r1 = _open(world)
    # panel_d is the dissenter on M01 and leaves after round 1
    _all_answer(world, r1, {"panel_a": {0: 7, 1: 3, 2: 5}, "panel_b": {0: 8, 1: 5, 2: 5}, "panel_c": {0: 9, 1: 8, 2: 6}, "panel_d": {0: 1, 1: 4, 2: 6}})
    services.close_round(mod, r1)
    assert ItemResult.objects.get(round=r1, item=world.items[0], scale=Scale.IMPORTANCE).consensus == "not_reached"
    r2 = _open(world)
    assert r2.number == 2
    _all_answer(world, r2, {"panel_a": {0: 8, 1: 4, 2: 5}, "panel_b": {0: 8, 1: 5, 2: 5}, "panel_c": {0: 9, 1: 6, 2: 6}})
    services.close_round(mod, r2)
    summary = RoundSummary.objects.get(round=r2)
    assert (summary.invited, summary.responded, summary.dropped) == (4, 3, 1)
    assert ItemResult.objects.get(round=r2, item=world.items[0], scale=Scale.IMPORTANCE).consensus == "reached"
    dropout = summary.figures["dropout"]
    assert dropout["warning"] and dropout["dropped"] == 1 and dropout["stayed"] == 3
    flagged = {(row["item"], row["scale"]) for row in dropout["items"]}
    assert ("M01", Scale.IMPORTANCE) in flagged  # without the dissenter round 1 already agreed
    assert all(set(row) >= {"item", "scale", "all", "stayed"} and "panellist" not in str(row) for row in dropout["items"])
    stability = summary.figures["stability"]["M01"][Scale.IMPORTANCE]
    assert stability["compared"] == 3 and stability["changed"] == 1


# --- reminders ----------------------------------------------------------------------------------------


def test_reminders_go_only_to_those_who_have_not_submitted(world):
    r1 = _open(world, deadline=timezone.localdate() + timedelta(days=7))
    services.submit_response(world.users["panel_a"], r1, answers(world, {0: 5, 1: 5, 2: 5}))
    services.save_response(world.users["panel_b"], r1, answers(world, {0: 5})[:1])  # a draft: still reminded
    sent = services.send_reminders(world.users["moderator"], r1)
    assert {s.user.username for s in sent} == {"panel_b", "panel_c", "panel_d"}
    notes = Notification.objects.filter(kind="foresight.reminder")
    assert {n.user.username for n in notes} == {"panel_b", "panel_c", "panel_d"}
    b = notes.get(user__username="panel_b")
    assert b.params["missing"] == 11 and b.params["total"] == 12 and b.link.endswith("/rounds/1/answer/")
    assert Reminder.objects.filter(round=r1).count() == 3
    # not repeated within the interval; never after the close
    assert services.send_reminders(world.users["moderator"], r1) == []
    with pytest.raises(services.Refused) as exc:
        services.send_reminders(world.users["panel_a"], r1)
    assert exc.value.code == services.FORBIDDEN


def test_reminder_reads_in_the_recipients_language(world):
    from niokr.accounts.notifications import text_of

    r1 = _open(world)
    services.send_reminders(world.users["moderator"], r1)
    note = Notification.objects.filter(kind="foresight.reminder_open", user=world.users["panel_c"]).get()
    assert "Форсайт медтеха" in text_of(note, "ru") and "Медтех форсайты" in text_of(note, "kk") and "MedTech foresight" in text_of(note, "en")


# --- proposals ----------------------------------------------------------------------------------------


def test_a_proposal_in_round_1_is_rated_from_round_2_once_accepted(world):
    mod = world.users["moderator"]
    r1 = _open(world)
    item = services.propose_item(world.users["panel_a"], r1, statement="Ядерная медицина на изотопах Курчатова", language="ru")
    declined = services.propose_item(world.users["panel_b"], r1, statement="Криптовалюта для больниц", language="ru")
    assert item.status == ItemStatus.PROPOSED and item.code == "P01" and item.statement_ru and not item.statement_kk
    assert [i.pk for i in services.rated_items(world.exercise, 1)] == [i.pk for i in world.items]
    _all_answer(world, r1, {"panel_a": {0: 8, 1: 2, 2: 5}, "panel_b": {0: 9, 1: 5, 2: 5}, "panel_c": {0: 7, 1: 8, 2: 6}})
    services.close_round(mod, r1)
    assert not ItemResult.objects.filter(item=item).exists()
    with pytest.raises(services.Refused, match="Accept or decline"):
        _open(world)
    with pytest.raises(services.Refused, match="required"):
        services.accept_proposal(mod, item, statement_kk="", statement_ru="Ядерная медицина")
    services.accept_proposal(mod, item, statement_kk="Ядролық медицина", statement_ru="Ядерная медицина", statement_en="Nuclear medicine")
    services.decline_proposal(mod, declined)
    with pytest.raises(services.Refused, match="decided already"):
        services.decline_proposal(mod, item)
    r2 = _open(world)
    assert item.pk in [i.pk for i in services.rated_items(world.exercise, 2)]
    assert declined.pk not in [i.pk for i in services.rated_items(world.exercise, 2)]
    with pytest.raises(services.Refused, match="round 1 is open"):
        services.propose_item(world.users["panel_a"], r2, statement="Ещё одна", language="ru")


def test_only_a_panellist_of_the_exercise_proposes(world):
    r1 = _open(world)
    for login in ("moderator", "regulator", "outsider"):
        with pytest.raises(services.Refused) as exc:
            services.propose_item(world.users[login], r1, statement="x", language="ru")
        assert exc.value.code == services.FORBIDDEN


# --- hostile input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("scale, raw", [
    (Scale.IMPORTANCE, 0), (Scale.IMPORTANCE, 10), (Scale.IMPORTANCE, -1), (Scale.IMPORTANCE, "abc"), (Scale.IMPORTANCE, "5\x00"),
    (Scale.IMPORTANCE, "4.5"), (Scale.IMPORTANCE, "1e3"), (Scale.IMPORTANCE, True), (Scale.REALISATION, 6), (Scale.REALISATION, 0),
    (Scale.CAPABILITY, 101), (Scale.CAPABILITY, "-0"), (Scale.CAPABILITY, "9" * 400),
])
def test_values_outside_the_scale_are_refused(world, scale, raw):
    r1 = _open(world)
    with pytest.raises(services.InvalidAnswers) as exc:
        services.save_response(world.users["panel_a"], r1, [services.AnswerInput(world.items[0].pk, scale, raw)])
    assert (world.items[0].pk, scale) in exc.value.errors
    assert not Answer.objects.exists()


def test_edges_of_each_scale_are_accepted(world):
    r1 = _open(world)
    item = world.items[0].pk
    services.save_response(world.users["panel_a"], r1, [
        services.AnswerInput(item, Scale.IMPORTANCE, "1"), services.AnswerInput(item, Scale.FEASIBILITY, 9),
        services.AnswerInput(item, Scale.REALISATION, " 5 "), services.AnswerInput(item, Scale.CAPABILITY, "0"),
    ])
    assert sorted(Answer.objects.values_list("value", flat=True)) == [0, 1, 5, 9]


@pytest.mark.parametrize("given, message", [
    (services.AnswerInput(0, Scale.IMPORTANCE, 5, True), "not both"),
    (services.AnswerInput(0, Scale.IMPORTANCE, 5, False, "x" * 2001), "longer than"),
    (services.AnswerInput(0, Scale.IMPORTANCE, 5, False, "ok\x00bad"), "NUL"),
    (services.AnswerInput(0, Scale.IMPORTANCE, None, False, "a comment alone"), "needs a value"),
])
def test_answers_are_validated(world, given, message):
    r1 = _open(world)
    given = services.AnswerInput(world.items[0].pk, given.scale, given.value, given.dont_know, given.comment)
    with pytest.raises(services.InvalidAnswers) as exc:
        services.save_response(world.users["panel_a"], r1, [given])
    assert message in str(exc.value.errors)


def test_a_comment_of_2000_characters_is_kept(world):
    r1 = _open(world)
    services.save_response(world.users["panel_a"], r1, [services.AnswerInput(world.items[0].pk, Scale.IMPORTANCE, 5, False, "ә" * 2000)])
    assert len(Answer.objects.get().comment) == 2000


def test_items_of_another_exercise_or_unknown_scales_are_refused(world):
    r1 = _open(world)
    with pytest.raises(services.InvalidAnswers):
        services.save_response(world.users["panel_a"], r1, [services.AnswerInput(10**9, Scale.IMPORTANCE, 5)])
    with pytest.raises(services.InvalidAnswers):
        services.save_response(world.users["panel_a"], r1, [services.AnswerInput(world.items[0].pk, "mood", 5)])


def test_only_the_panellist_answers_and_a_withdrawn_one_no_longer(world):
    r1 = _open(world)
    for login in ("moderator", "regulator", "outsider"):
        with pytest.raises(services.Refused) as exc:
            services.save_response(world.users[login], r1, answers(world, {0: 5, 1: 5, 2: 5}))
        assert exc.value.code == services.FORBIDDEN
    services.withdraw_panellist(world.users["moderator"], world.seats["panel_d"])
    world.users["panel_d"].__dict__.pop("_foresight_seats", None)
    with pytest.raises(services.Refused, match="left the panel"):
        services.save_response(world.users["panel_d"], r1, answers(world, {0: 5, 1: 5, 2: 5}))


def test_hostile_exercise_fields_are_refused(people):
    mod = people.users["moderator"]
    for kwargs, message in [
        ({"code": "med test"}, "capital Latin"), ({"code": "X" * 40}, "longer than"), ({"title_ru": "a\x00b"}, "NUL"),
        ({"title_kk": " "}, "required"), ({"priority_direction": "space"}, "priority direction"),
    ]:
        data = {"code": "MED-X", "title_kk": "Тақырып", "title_ru": "Тема", "priority_direction": "medtech", **kwargs}
        with pytest.raises(services.Refused, match=message):
            services.create_exercise(mod, **data)
    with pytest.raises(services.Refused) as exc:
        services.create_exercise(people.users["panel_a"], code="MED-Y", title_kk="a", title_ru="b", priority_direction="medtech")
    assert exc.value.code == services.FORBIDDEN


def test_a_panellist_is_seated_once_and_holds_the_role(world):
    mod = world.users["moderator"]
    with pytest.raises(services.Refused, match="already sits"):
        services.add_panellist(mod, world.exercise, panel=world.panel, user=world.users["panel_a"], expertise=3)
    with pytest.raises(services.Refused, match="panellist's role"):
        services.add_panellist(mod, world.exercise, panel=world.panel, user=world.users["regulator"], expertise=3)
    for bad in (0, 6, "abc", None):
        with pytest.raises(services.Refused, match="1 to 5"):
            services.add_panellist(mod, world.exercise, panel=world.panel, user=world.users["other_moderator"], expertise=bad)


def test_the_audit_trail_records_a_submission_without_its_values(world):
    r1 = _open(world)
    services.submit_response(world.users["panel_a"], r1, answers(world, {0: 7, 1: 3, 2: 9}, comment="секретный комментарий"))
    event = AuditEvent.objects.get(action="foresight.response_submitted")
    assert event.after == {"exercise": "MED-TEST", "round": 1, "answers": 12}
    assert "секретный" not in str(event.after)
