"""NK-23 … NK-26 and the lifecycle rules of NK-16 and NK-18 (v2), on frames: positive, negative, boundary."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import catalogue
from niokr.control.indicators.base import LANGUAGES, Frames, evaluate, explain
from niokr.control.indicators.lifecycle import has_evidence
from niokr.control.tests.test_agg_projects import INSTITUTE, INSTITUTE_BIN, PAYER, PAYER_BIN, _agreement, _orgs, _project
from niokr.control.tests.test_indicators_aggregates import AS_OF, nb, org, row

BY_CODE = {i.code: i for i in catalogue()}


def run(code: str, frames: Frames, **overrides):
    return evaluate(BY_CODE[code], frames, overrides or None)


def sentences(code: str, evidence: str) -> dict[str, str]:
    return {lang: explain(BY_CODE[code], evidence, lang) for lang in LANGUAGES}

# -- NK-23 payment beyond the accepted stages -----------------------------------------------------------


def _pay(pid: int, day: date, amount: int, agreement: int = 1, number: str | None = None) -> dict:
    return {"payment_id": pid, "agreement_id": agreement, "payer_id": PAYER, "performer_id": INSTITUTE, "paid_on": day, "amount": amount, "document_number": number or f"ПП-{pid}", "year": day.year}


def _stage(sid: int, number: int, amount: int, agreement: int = 1, end: date = date(2024, 6, 30)) -> dict:
    return {"stage_id": sid, "agreement_id": agreement, "number": number, "start_date": date(2024, 2, 1), "end_date": end, "amount": amount, "status": "accepted"}


def _act(aid: int, sid: int, day: date, amount: int, agreement: int = 1) -> dict:
    return {"act_id": aid, "stage_id": sid, "agreement_id": agreement, "number": f"А-{aid}", "signed_on": day, "amount": amount}


def _delivery(payments, acts, stages=None, amount=2_000_000_000) -> Frames:
    stages = stages if stages is not None else [_stage(1, 1, 1_000_000_000), _stage(2, 2, 1_000_000_000)]
    return Frames.build(AS_OF, agreements=[_agreement(1, amount=amount)], payments=payments, stages=stages, acts=acts, organisations=_orgs())


def test_nk23_flags_payments_beyond_what_the_acts_accepted_and_names_them():
    frames = _delivery(
        [_pay(1, date(2024, 7, 5), 1_000_000_000, number="ПП-101"), _pay(2, date(2024, 9, 2), 600_000_000, number="ПП-117"), _pay(3, date(2024, 9, 20), 300_000_000, number="ПП-120")],
        [_act(1, 1, date(2024, 7, 1), 1_000_000_000)],
    )
    flagged = row(run("NK-23", frames), 1)
    assert (flagged["status"], flagged["amount"], flagged["payer_id"]) == ("flagged", 900_000_000, PAYER)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["paid_to_date_tiyn"], evidence["accepted_to_date_tiyn"], evidence["excess_tiyn"], evidence["peak_on"]) == (1_900_000_000, 1_000_000_000, 900_000_000, "20.09.2024")
    text = sentences("NK-23", flagged["evidence"])
    assert "№ ПП-117 от 20.09.2024" not in text["ru"] and "№ ПП-117 от 02.09.2024" in text["ru"] and "№ ПП-120 от 20.09.2024" in text["ru"]
    assert "ПП-101" not in text["ru"].split("сверх принятого:")[1]
    assert nb("9 000 000,00 ₸") in text["ru"] and "акт № А-1 от 01.07.2024" in text["ru"]
    assert "No ПП-117 of 2 Sep 2024" in text["en"] and "₸9,000,000.00 paid beyond what was accepted" in text["en"] and INSTITUTE_BIN in text["en"]
    assert "қабылданғаннан" in text["kk"]


def test_nk23_leaves_payments_after_their_acts_clear_and_flags_just_above_the_tolerance():
    clean = _delivery([_pay(1, date(2024, 7, 5), 1_000_000_000), _pay(2, date(2024, 12, 20), 1_000_000_000)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000), _act(2, 2, date(2024, 12, 15), 1_000_000_000)])
    assert row(run("NK-23", clean), 1)["status"] == "clear"
    # tolerance 1 % of 20 000 000 ₸ = 200 000 ₸: exactly at it is clear, a tiyn above is flagged
    at = _delivery([_pay(1, date(2024, 7, 5), 1_020_000_000)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000)])
    above = _delivery([_pay(1, date(2024, 7, 5), 1_020_000_001)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000)])
    assert row(run("NK-23", at), 1)["status"] == "clear"
    assert (row(run("NK-23", above), 1)["status"], row(run("NK-23", above), 1)["amount"]) == ("flagged", 20_000_001)
    # an advance later covered by its act is still a payment ahead of acceptance
    ahead = _delivery([_pay(1, date(2024, 3, 1), 500_000_000)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000)])
    assert row(run("NK-23", ahead), 1)["status"] == "flagged"
    # an act signed the same day as the payment covers it
    same_day = _delivery([_pay(1, date(2024, 7, 1), 1_000_000_000)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000)])
    assert row(run("NK-23", same_day), 1)["status"] == "clear"


def test_nk23_cannot_judge_an_agreement_without_a_calendar_plan_and_reads_thresholds():
    frames = _delivery([_pay(1, date(2024, 7, 5), 1_500_000_000)], [], stages=[])
    assert (row(run("NK-23", frames), 1)["status"], row(run("NK-23", frames), 1)["reason"]) == ("not_computable", "no_calendar_plan")
    loose = _delivery([_pay(1, date(2024, 7, 5), 1_500_000_000)], [_act(1, 1, date(2024, 7, 1), 1_000_000_000)])
    assert row(run("NK-23", loose, tolerance=0.3), 1)["status"] == "clear"


# -- NK-24 council decisions -------------------------------------------------------------------------

APPLICANT, MEMBER_ORG, SISTER, OWNER, OUTSIDER = PAYER, 40, 41, 42, 43


def _item(item_id: int = 1, *, outcome: str = "approved", base: str = "present_voting", abstentions: bool = True) -> dict:
    return {
        "item_id": item_id, "session_reference": f"СТС-МЭ-2025-0{item_id}", "held_on": date(2025, 4, 10), "authority": "energy", "programme_id": 9,
        "programme_reference": "ПРГ-2025-0009", "applicant_id": APPLICANT, "performer_id": INSTITUTE, "outcome": outcome, "quorum_num": 2, "quorum_den": 3,
        "majority_num": 2, "majority_den": 3, "majority_base": base, "abstentions_count": abstentions,
    }


def _seat(member_id: int, choice: str | None, *, item_id: int = 1, org_id: int = OUTSIDER, present: bool = True, recused: bool = False) -> dict:
    return {
        "item_id": item_id, "member_id": member_id, "organisation_id": org_id, "person_kk": f"Мүше {member_id}", "person_ru": f"Член {member_id}",
        "person_en": f"Member {member_id}", "present": present, "recused": recused, "choice": choice,
    }


def _council(items, seats, affiliations=()) -> Frames:
    orgs = [*_orgs(), org(MEMBER_ORG, "100440001234", kind="university"), org(OWNER, "000340005555", kind="company"), org(OUTSIDER, "120140009876", kind="university")]
    return Frames.build(AS_OF, council_items=items, council_members=seats, affiliations=list(affiliations), organisations=orgs)


def _owner(source: int, target: int) -> dict:
    return {"source_id": source, "target_id": target, "kind": "owner", "valid_from": date(2020, 1, 1), "valid_to": None, "share": 100.0}


def test_nk24_flags_a_member_two_links_from_the_applicant_who_voted_without_recusal():
    seats = [_seat(1, "for", org_id=MEMBER_ORG), *[_seat(i, "for") for i in range(2, 7)]]
    frames = _council([_item()], seats, [_owner(OWNER, APPLICANT), _owner(OWNER, MEMBER_ORG)])
    flagged = row(run("NK-24", frames), 1)
    assert (flagged["status"], flagged["payer_id"]) == ("flagged", APPLICANT)
    text = sentences("NK-24", flagged["evidence"])
    assert "Член 1 голосовал «за»" in text["ru"] and "самоотвод не записан" in text["ru"] and "000340005555" in text["ru"] and PAYER_BIN in text["ru"]
    assert "Member 1 voted for" in text["en"] and "no recusal recorded" in text["en"]


def test_nk24_one_link_away_or_the_applicant_itself_and_a_recusal_ignored():
    seats = [_seat(1, "for", org_id=APPLICANT, recused=True), *[_seat(i, "for") for i in range(2, 7)]]
    flagged = row(run("NK-24", _council([_item()], seats)), 1)
    assert flagged["status"] == "flagged"
    assert "сам заявитель" in sentences("NK-24", flagged["evidence"])["ru"] and "самоотвод записан, но" in sentences("NK-24", flagged["evidence"])["ru"]


def test_nk24_leaves_a_recused_member_who_did_not_vote_and_a_member_three_links_away_clear():
    seats = [_seat(1, None, org_id=MEMBER_ORG, recused=True), *[_seat(i, "for") for i in range(2, 7)]]
    assert row(run("NK-24", _council([_item()], seats, [_owner(OWNER, APPLICANT), _owner(OWNER, MEMBER_ORG)])), 1)["status"] == "clear"
    far = [_owner(OWNER, APPLICANT), _owner(OWNER, SISTER), {**_owner(SISTER, MEMBER_ORG), "kind": "common_director"}]
    seats = [_seat(1, "for", org_id=MEMBER_ORG), *[_seat(i, "for") for i in range(2, 7)]]
    assert row(run("NK-24", _council([_item()], seats, far)), 1)["status"] == "clear"
    two = [_owner(OWNER, APPLICANT), _owner(OWNER, MEMBER_ORG)]
    assert row(run("NK-24", _council([_item()], seats, two), conflict_hops=1), 1)["status"] == "clear"


def test_nk24_recounts_quorum_and_majority_under_the_session_policy():
    # 9 members: quorum 6. Six present, 4 for of 6 votes cast is exactly two thirds: approved.
    exact = [*[_seat(i, "for") for i in range(1, 5)], _seat(5, "against"), _seat(6, "abstain"), *[_seat(i, None, present=False) for i in range(7, 10)]]
    assert row(run("NK-24", _council([_item()], exact)), 1)["status"] == "clear"
    # one vote less: 3 for of 6 — recorded approved, the recount rejects
    short = [*[_seat(i, "for") for i in range(1, 4)], _seat(4, "against"), _seat(5, "against"), _seat(6, "abstain"), *[_seat(i, None, present=False) for i in range(7, 10)]]
    flagged = row(run("NK-24", _council([_item()], short)), 1)
    assert flagged["status"] == "flagged"
    assert "записан результат «одобрено», а пересчёт голосов по политике заседания даёт «отклонено»" in sentences("NK-24", flagged["evidence"])["ru"]
    # quorum missed by one: five present of nine
    no_quorum = [*[_seat(i, "for") for i in range(1, 6)], *[_seat(i, None, present=False) for i in range(6, 10)]]
    evidence = json.loads(row(run("NK-24", _council([_item()], no_quorum)), 1)["evidence"])
    assert (evidence["outcome_recounted"], evidence["quorum_needed"], evidence["present_count"]) == ("no_quorum", 6, 5)
    # abstentions not counted: 4 for, 2 against, 1 abstain → 4 of 6 = two thirds
    policy = [*[_seat(i, "for") for i in range(1, 5)], _seat(5, "against"), _seat(6, "against"), _seat(7, "abstain")]
    assert row(run("NK-24", _council([_item(abstentions=False)], policy)), 1)["status"] == "clear"
    assert row(run("NK-24", _council([_item(abstentions=True)], policy)), 1)["status"] == "flagged"
    # a recorded no-quorum that did have a quorum is a misrecorded result too
    assert row(run("NK-24", _council([_item(outcome="no_quorum")], exact)), 1)["status"] == "flagged"


def test_nk24_votes_of_absent_or_recused_members_do_not_count_and_undecided_items_are_not_judged():
    seats = [*[_seat(i, "for") for i in range(1, 4)], _seat(4, "for", present=False), _seat(5, "against"), _seat(6, "against")]
    assert json.loads(row(run("NK-24", _council([_item()], seats)), 1)["evidence"])["votes_for"] == 3
    out = run("NK-24", _council([_item(outcome="")], seats))
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "not_decided")


# -- NK-25 result without evidence --------------------------------------------------------------------


def _result(rid: int, kind: str = "patent", *, note: str = "", reference: str = "", file: bool = False, status: str = "claimed", project: int = 25, **extra) -> dict:
    return {
        "result_id": rid, "project_id": project, "stage_id": extra.get("stage_id"), "reference": f"РЕЗ-2025-{rid:04d}", "kind": kind, "title": "Способ очистки",
        "year": extra.get("year", 2025), "achieved_on": extra.get("achieved_on"), "status": status, "trl_level": extra.get("trl_level"),
        "evidence_note": note, "evidence_reference": reference, "evidence_file": file,
    }


def _results(results, projects=None, stages=None) -> Frames:
    projects = projects or [{**_project(25), "code": "PRJ-2024-000025"}]
    return Frames.build(AS_OF, results=results, projects=projects, agreements=[_agreement(1, project=25)], stages=stages, organisations=_orgs())


def test_nk25_flags_missing_and_blank_evidence_and_names_the_results():
    flagged = row(run("NK-25", _results([_result(1, reference="KZ 36512"), _result(2), _result(3, "publication", note=" — ")])), 25)
    assert (flagged["status"], flagged["payer_id"]) == ("flagged", PAYER)
    text = sentences("NK-25", flagged["evidence"])
    assert "РЕЗ-2025-0002 — патент, «Способ очистки», 2025: доказательств нет" in text["ru"]
    assert "РЕЗ-2025-0003 — публикация" in text["ru"] and "записано не доказательство" in text["ru"] and "РЕЗ-2025-0001" not in text["ru"]
    assert "claims 3 results, 2 of them without evidence" in text["en"]


def test_nk25_evidence_forms_and_rejected_results():
    ok = [_result(1, file=True), _result(2, reference="https://doi.org/10.1016/j.x.2025.1"), _result(3, note="Акт внедрения № 14 от 12.03.2025"), _result(4, status="rejected")]
    assert row(run("NK-25", _results(ok)), 25)["status"] == "clear"
    # the note threshold: 12 letters and digits is evidence, 11 is not
    assert row(run("NK-25", _results([_result(1, note="абвгдежзийк1")])), 25)["status"] == "clear"
    assert row(run("NK-25", _results([_result(1, note="абвгдежзий1")])), 25)["status"] == "flagged"
    assert run("NK-25", _results([_result(1, status="rejected")])).filter(run("NK-25", _results([_result(1, status="rejected")]))["status"] == "flagged").is_empty()


@pytest.mark.parametrize("note, reference", [
    ("см. отчёт за 2025 г.", ""), ("", "см. отчёт за 2025 г."), ("See the annual report for 2024", ""), ("", "report 31.12.2024"),
    ("2024 жылғы есепті қараңыз", ""), ("Документы имеются", "в отчёте"), ("", "Отчёт 2023-2024"),
    ("Подтверждается отчётом за 2025 год", ""), ("Confirmed by the reports", ""),
])
def test_nk25_a_pointer_to_evidence_elsewhere_is_none(note, reference):
    assert not has_evidence(note, reference, False, 12)
    assert row(run("NK-25", _results([_result(1, note=note, reference=reference)])), 25)["status"] == "flagged"


@pytest.mark.parametrize("note, reference", [
    ("", "Акт внедрения № 2024-15"), ("", "Протокол № 7 от 12.03.2025"), ("Отчёт за 2025 г., протокол комиссии № 3", ""),
    ("Патент KZ 36512 выдан НИИС", ""), ("", "Приказ 45-к"),
])
def test_nk25_a_named_document_with_a_year_is_evidence(note, reference):
    assert has_evidence(note, reference, False, 12)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["см. отчёт за {} г.", "See the report for {}", "{} жылғы есепті қараңыз", "Отчёт {}", "report {}"]), st.integers(1990, 2099))
def test_nk25_a_pointer_with_any_year_is_never_evidence(form, year):
    assert not has_evidence(form.format(year), form.format(year), False, 12)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=" -—.,/нетNA", max_size=12), st.text(alphabet=" -—./", max_size=8))
def test_nk25_placeholders_are_never_evidence(note, reference):
    assert not has_evidence(note, reference, False, 12)


# -- NK-26 TRL backwards or leaping -------------------------------------------------------------------


def test_nk26_flags_a_fall_and_a_leap_within_one_stage():
    stages = [_stage(1, 1, 1, end=date(2024, 6, 30)), _stage(2, 2, 1, end=date(2024, 12, 31))]
    back = [_result(1, "trl", trl_level=5, stage_id=1, note="оценка по методике УГТ, протокол 3"), _result(2, "trl", trl_level=4, stage_id=2, note="оценка по методике УГТ, протокол 7")]
    flagged = row(run("NK-26", _results(back, stages=stages)), 25)
    assert flagged["status"] == "flagged"
    text = sentences("NK-26", flagged["evidence"])
    assert "УГТ снизился с 5 до 4 (этап 2, 31.12.2024)" in text["ru"] and "3 (начальный, 01.01.2023) → 5 (этап 1, 30.06.2024) → 4 (этап 2, 31.12.2024)" in text["ru"]
    assert "the TRL fell from 5 to 4 (stage 2, 31 Dec 2024)" in text["en"]
    leap = [_result(1, "trl", trl_level=6, stage_id=1)]  # 3 → 6 in stage 1: three levels
    assert "вырос с 3 до 6" in sentences("NK-26", row(run("NK-26", _results(leap, stages=stages)), 25)["evidence"])["ru"]


def test_nk26_boundary_and_clean_paths():
    stages = [_stage(1, 1, 1, end=date(2024, 6, 30)), _stage(2, 2, 1, end=date(2024, 12, 31))]
    two = [_result(1, "trl", trl_level=5, stage_id=1), _result(2, "trl", trl_level=7, stage_id=2)]  # +2, +2
    assert row(run("NK-26", _results(two, stages=stages)), 25)["status"] == "clear"
    assert row(run("NK-26", _results(two, stages=stages), max_trl_jump=1), 25)["status"] == "flagged"
    within = [_result(1, "trl", trl_level=4, stage_id=1), _result(2, "trl", trl_level=6, stage_id=1, achieved_on=date(2024, 6, 1))]  # 3 → 6 in one stage
    assert row(run("NK-26", _results(within, stages=stages)), 25)["status"] == "flagged"
    rejected = [_result(1, "trl", trl_level=9, stage_id=1, status="rejected")]
    assert run("NK-26", _results(rejected, stages=stages)).is_empty()


# -- NK-16 and NK-18 version 2 ------------------------------------------------------------------------


def _programme(project: int, status: str = "approved", approved_on: date | None = date(2024, 1, 15)) -> dict:
    return {"programme_id": project, "reference": f"ПРГ-2024-{project:04d}", "kind": "programme", "applicant_id": PAYER, "project_id": project, "status": status, "approved_on": approved_on}


@pytest.mark.parametrize(
    ("programme", "signed_on", "status", "phrase"),
    [
        (_programme(7), date(2024, 2, 1), "clear", None),
        (_programme(7, "rejected", None), date(2024, 2, 1), "flagged", "не одобрена научно-техническим советом"),
        (_programme(7, "in_council", None), date(2024, 2, 1), "flagged", "в повестке совета"),
        (_programme(7, approved_on=date(2024, 2, 2)), date(2024, 2, 1), "flagged", "одобрена лишь после подписания"),
        (_programme(7, approved_on=date(2024, 2, 1)), date(2024, 2, 1), "clear", None),
        (None, date(2025, 12, 31), "clear", None),
        (None, date(2026, 1, 1), "flagged", "нет программы или технического задания"),
    ],
)
def test_nk16_v2_reads_the_programme_and_its_approval(programme, signed_on, status, phrase):
    frames = Frames.build(AS_OF, agreements=[_agreement(1, project=7, signed_on=signed_on)], programmes=[programme] if programme else [], organisations=_orgs())
    out = row(run("NK-16", frames), 1)
    assert out["status"] == status
    if phrase:
        assert phrase in sentences("NK-16", out["evidence"])["ru"]


def test_nk16_v2_without_the_programmes_frame_judges_the_project_alone():
    assert row(run("NK-16", Frames.build(AS_OF, agreements=[_agreement(1, project=7, signed_on=date(2026, 2, 1))])), 1)["status"] == "clear"


def _completed(stages, acts, results, trl_reached=3) -> Frames:
    projects = [{**_project(25, trl_start=3, trl_reached=trl_reached), "code": "PRJ-2023-000025"}]
    return Frames.build(AS_OF, agreements=[_agreement(1, project=25)], projects=projects, stages=stages, acts=acts, results=results, organisations=_orgs())


def test_nk18_v2_final_act_and_results():
    stages = [_stage(1, 1, 1_000_000_000), _stage(2, 2, 1_000_000_000)]
    done = _completed(stages, [_act(1, 1, date(2024, 7, 1), 1), _act(2, 2, date(2024, 12, 1), 1)], [_result(1, reference="KZ 1234")])
    assert row(run("NK-18", done), 1)["status"] == "clear"
    no_final = row(run("NK-18", _completed(stages, [_act(1, 1, date(2024, 7, 1), 1)], [_result(1, reference="KZ 1234")])), 1)
    assert no_final["status"] == "flagged" and "акт приёмки последнего этапа не подписан" in sentences("NK-18", no_final["evidence"])["ru"]
    no_result = row(run("NK-18", _completed(stages, [_act(1, 1, date(2024, 7, 1), 1), _act(2, 2, date(2024, 12, 1), 1)], [_result(1, status="rejected")])), 1)
    assert no_result["status"] == "flagged" and "не записано ни одного результата" in sentences("NK-18", no_result["evidence"])["ru"]
    # TRL progress alone is a result (as version 1)
    assert row(run("NK-18", _completed(stages, [_act(1, 1, date(2024, 7, 1), 1), _act(2, 2, date(2024, 12, 1), 1)], [], trl_reached=5)), 1)["status"] == "clear"


def test_nk18_v2_not_computable_when_nothing_is_recorded():
    projects = [{**_project(25, trl_start=None, trl_reached=None), "code": "PRJ-2023-000025"}]
    frames = Frames.build(AS_OF, agreements=[_agreement(1, project=25)], projects=projects, stages=[], acts=[], results=[], organisations=_orgs())
    assert (row(run("NK-18", frames), 1)["status"], row(run("NK-18", frames), 1)["reason"]) == ("not_computable", "nothing_recorded")
