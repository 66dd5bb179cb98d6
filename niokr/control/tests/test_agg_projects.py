"""NK-16 agreement without project, NK-17 money parked at an aggregator, NK-18 project without result, NK-19 price outlier."""

from __future__ import annotations

import json
from datetime import date

from niokr.control.indicators.base import Frames
from niokr.control.tests.test_indicators_aggregates import AS_OF, nb, org, row, run, sentences

PAYER, PAYER_BIN = 5, "011040000201"
INSTITUTE, INSTITUTE_BIN = 11, "070440005848"
HUB, HUB_BIN = 30, "020840002474"
START_UP = 31


def _agreement(agreement_id: int, *, payer: int = PAYER, performer: int = INSTITUTE, amount: int | None = 2_000_000_000, project: int | None = None, signed_on: date | None = date(2024, 2, 1), subject: str = "Исследование коррозии трубопроводов", direction: str = "greentech") -> dict:
    return {
        "agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": f"НИОКР-2024/{agreement_id:03d}", "signed_on": signed_on,
        "period_start": signed_on, "period_end": date(2024, 12, 31), "amount": amount, "project_id": project, "priority_direction": direction, "subject": subject,
    }


def _project(project_id: int, *, trl_start: int | None = 3, trl_target: int = 5, trl_reached: int | None = 5, end_date: date = date(2025, 6, 30), status: str = "completed", acceptance_act: bool | None = None, direction: str = "greentech") -> dict:
    return {
        "project_id": project_id, "performer_id": INSTITUTE, "priority_direction": direction, "trl_start": trl_start, "trl_target": trl_target,
        "trl_reached": trl_reached, "start_date": date(2023, 1, 1), "end_date": end_date, "status": status, "acceptance_act": acceptance_act,
    }


def _orgs() -> list[dict]:
    return [
        org(PAYER, PAYER_BIN, kind="subsoil_user"), org(INSTITUTE, INSTITUTE_BIN, kind="research_institute"),
        org(HUB, HUB_BIN, kind="aggregator", name="АКФ «Технопарк»"), org(START_UP, "190540001111", kind="hub_participant"),
    ]


# -- NK-16 -----------------------------------------------------------------------------------------


def test_nk16_flags_a_material_agreement_that_names_no_project():
    frames = Frames.build(AS_OF, agreements=[_agreement(1, amount=1_369_600_000)], organisations=_orgs())
    flagged = row(run("NK-16", frames), 1)
    assert (flagged["status"], flagged["amount"], flagged["payer_id"]) == ("flagged", 1_369_600_000, PAYER)
    text = sentences("NK-16", flagged["evidence"])
    assert "НИОКР-2024/001" in text["en"] and "1 Feb 2024" in text["en"] and "₸13,696,000.00" in text["en"] and INSTITUTE_BIN in text["en"] and "«Исследование коррозии трубопроводов»" in text["en"]
    assert "НИОКР-2024/001 от 01.02.2024" in text["ru"] and nb("13 696 000,00 ₸") in text["ru"] and "ни с проектом" in text["ru"]
    assert "01.02.2024 күнгі НИОКР-2024/001 шарты" in text["kk"] and nb("13 696 000,00 ₸") in text["kk"] and "техникалық тапсырмамен" in text["kk"]


def test_nk16_leaves_agreements_with_a_project_and_small_ones_clear_but_not_a_blank_one():
    agreements = [_agreement(1, project=7), _agreement(2, amount=50_000_000), _agreement(3, amount=50_000_000, subject="  ")]
    out = run("NK-16", Frames.build(AS_OF, agreements=agreements))
    assert [row(out, i)["status"] for i in (1, 2, 3)] == ["clear", "clear", "flagged"]


def test_nk16_cannot_size_an_agreement_without_an_amount():
    out = run("NK-16", Frames.build(AS_OF, agreements=[_agreement(1, amount=None)]))
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "no_amount")


# -- NK-17 -----------------------------------------------------------------------------------------


def test_nk17_flags_money_the_aggregator_did_not_pass_on_within_a_year():
    agreements = [
        _agreement(1, performer=HUB, amount=1_000_000_000, signed_on=date(2024, 1, 10)),  # 2 000 000 ₸ passed on: 20 %
        _agreement(2, performer=HUB, amount=1_000_000_000, signed_on=date(2023, 1, 10)),  # 6 000 000 ₸ passed on in its year
        _agreement(10, payer=HUB, performer=START_UP, amount=400_000_000, signed_on=date(2023, 3, 1)),
        _agreement(11, payer=HUB, performer=START_UP, amount=200_000_000, signed_on=date(2023, 12, 1)),
        _agreement(12, payer=HUB, performer=START_UP, amount=200_000_000, signed_on=date(2024, 6, 1)),
        _agreement(13, payer=HUB, performer=START_UP, amount=900_000_000, signed_on=date(2025, 3, 1)),
    ]
    out = run("NK-17", Frames.build(AS_OF, agreements=agreements, organisations=_orgs()))
    assert sorted(out["subject_id"].to_list()) == [1, 2]  # only money placed with an aggregator is in scope
    flagged = row(out, 1)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 800_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["onward_count"], evidence["onward_tiyn"], evidence["onward_pct"]) == (1, 200_000_000, 20.0)
    assert row(out, 2)["status"] == "clear"
    text = sentences("NK-17", flagged["evidence"])
    assert "НИОКР-2024/001" in text["en"] and PAYER_BIN in text["en"] and HUB_BIN in text["en"] and "₸10,000,000.00" in text["en"] and "9 Jan 2025" in text["en"] and "onward agreements: 1, for ₸2,000,000.00" in text["en"]
    assert HUB_BIN in text["ru"] and nb("10 000 000,00 ₸") in text["ru"] and "до 09.01.2025" in text["ru"] and "20,0\u00a0%" in text["ru"]
    assert "агрегатор АКФ «Технопарк» (БСН 020840002474) ұйымына" in text["kk"] and nb("2 000 000,00 ₸") in text["kk"] and "09.01.2025" in text["kk"] and "20,0\u00a0%" in text["kk"]


def test_nk17_waits_for_the_window_and_needs_the_aggregator_s_own_reports():
    open_window = [_agreement(1, performer=HUB, signed_on=date(2026, 6, 1)), _agreement(10, payer=HUB, performer=START_UP, amount=1, signed_on=date(2020, 1, 1))]
    out = run("NK-17", Frames.build(AS_OF, agreements=open_window, organisations=_orgs()))
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "window_open")
    silent = run("NK-17", Frames.build(AS_OF, agreements=[_agreement(1, performer=HUB, signed_on=date(2020, 6, 1))], organisations=_orgs()))
    assert row(silent, 1)["reason"] == "no_onward_reports"


# -- NK-18 -----------------------------------------------------------------------------------------


def test_nk18_flags_the_agreements_of_a_completed_project_that_did_not_advance():
    agreements = [_agreement(1, project=25, amount=368_200_000), _agreement(2, project=25, amount=100_000_000)]
    project = {**_project(25, trl_start=3, trl_target=4, trl_reached=3, end_date=date(2016, 10, 23)), "code": "ПР-2015-025"}
    frames = Frames.build(AS_OF, agreements=agreements, projects=[project], organisations=_orgs())
    out = run("NK-18", frames)
    assert [row(out, i)["status"] for i in (1, 2)] == ["flagged", "flagged"]
    flagged = row(out, 1)
    assert flagged["amount"] == 368_200_000
    text = sentences("NK-18", flagged["evidence"])
    assert "project ПР-2015-025, completed" in text["en"] and "23 Oct 2016" in text["en"] and "₸3,682,000.00" in text["en"] and "start 3, target 4, reached 3" in text["en"] and "no stage acceptance act is recorded" in text["en"]
    assert "проект ПР-2015-025" in text["ru"] and "начальный 3, целевой 4, достигнутый 3" in text["ru"] and "акт приёмки этапа не зарегистрирован" in text["ru"]
    assert "ПР-2015-025 жобаны" in text["kk"] and "бастапқы 3, мақсатты 4, қол жеткізілгені 3" in text["kk"] and "тіркелмеген" in text["kk"] and PAYER_BIN in text["kk"]


def test_nk18_flags_an_unsigned_acceptance_act_even_with_progress():
    frames = Frames.build(AS_OF, agreements=[_agreement(1, project=25)], projects=[_project(25, acceptance_act=False)])
    flagged = row(run("NK-18", frames), 1)
    assert flagged["status"] == "flagged"
    assert "the final stage's acceptance act is not signed" in sentences("NK-18", flagged["evidence"])["en"]


def test_nk18_leaves_advanced_projects_clear_and_judges_only_completed_ones():
    agreements = [_agreement(1, project=25), _agreement(2, project=26), _agreement(3, project=27), _agreement(4)]
    projects = [_project(25), _project(26, trl_reached=None, status="in_progress", end_date=date(2027, 1, 1)), _project(27, trl_reached=None, status="cancelled")]
    out = run("NK-18", Frames.build(AS_OF, agreements=agreements, projects=projects))
    assert out["subject_id"].to_list() == [1] and row(out, 1)["status"] == "clear"


def test_nk18_cannot_judge_an_agreement_whose_project_is_not_on_record():
    out = run("NK-18", Frames.build(AS_OF, agreements=[_agreement(1, project=404)], projects=[_project(25)]))
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "no_project_record")


# -- NK-19 -----------------------------------------------------------------------------------------


def _peer_market(outlier: int) -> tuple[list[dict], list[dict]]:
    """Thirty greentech TRL 1–3 agreements between 8 and 12 million ₸, and one more at ``outlier``."""
    agreements = [_agreement(i, project=i, amount=800_000_000 + 13_793_103 * (i - 1)) for i in range(1, 31)]
    agreements.append(_agreement(31, project=31, amount=outlier))
    projects = [_project(i, trl_start=2) for i in range(1, 32)]
    return agreements, projects


def test_nk19_flags_an_agreement_priced_far_above_its_peers():
    agreements, projects = _peer_market(12_000_000_000)
    out = run("NK-19", Frames.build(AS_OF, agreements=agreements, projects=projects, organisations=_orgs()))
    flagged = row(out, 31)
    evidence = json.loads(flagged["evidence"])
    assert flagged["status"] == "flagged" and evidence["peers"] == 31 and evidence["trl_band"] == "1–3" and evidence["z"] >= 3.5
    assert flagged["amount"] == 12_000_000_000 - evidence["fence_tiyn"] > 0
    assert all(row(out, i)["status"] == "clear" for i in range(1, 31))
    text = sentences("NK-19", flagged["evidence"])
    assert "НИОКР-2024/031" in text["en"] and "₸120,000,000.00" in text["en"] and "greentech, TRL 1–3" in text["en"] and "31 comparable agreements" in text["en"] and f"{evidence['z']:.2f}" in text["en"]
    assert nb("120 000 000,00 ₸") in text["ru"] and "УГТ 1–3" in text["ru"] and "31 сопоставимых" in text["ru"]
    assert nb("120 000 000,00 ₸") in text["kk"] and "ТДД 1–3" in text["kk"] and "салыстырмалы 31 шарттың" in text["kk"]


def test_nk19_does_not_judge_without_a_project_or_enough_peers():
    agreements, projects = _peer_market(1_000_000_000)
    agreements += [_agreement(40), _agreement(41, project=41)]
    projects += [_project(41, trl_start=8)]
    out = run("NK-19", Frames.build(AS_OF, agreements=agreements, projects=projects))
    assert row(out, 31)["status"] == "clear"
    assert row(out, 40)["reason"] == "no_project" and row(out, 41)["reason"] == "sample_too_small"
