"""The report "R&D projects, stages, acts and results" through the intake (docs/formats/projects.md):
strict rules naming the row and the user's header, commits through the lifecycle's services and
workflow, corrections, idempotency and who may send which section."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from niokr.core.audit import AuditEvent
from niokr.intake.commit import commit_for
from niokr.intake.formats import FORMS, Kind
from niokr.intake.services import describe_problems, may_submit, submit_file, submittable_kinds
from niokr.projects.lifecycle.delivery import submit_stage_report
from niokr.projects.lifecycle.tests.delivery_world import build_world
from niokr.projects.models import AcceptanceAct, Project, Result, Stage

pytestmark = pytest.mark.django_db

REPORT = {"name": "отчёт этапа 1.pdf", "sha256": "ab" * 32, "size": 1234}


def csv_file(kind: str, rows: list[dict], *, language: str = "ru", rename: dict | None = None) -> bytes:
    """A ``;``-separated CSV of ``rows`` (by column code) with the headers of ``language`` (``rename``: a header of the user's own)."""
    form = FORMS[Kind(kind)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([(rename or {}).get(c.code) or getattr(c, language) for c in form.columns])
    for row in rows:
        writer.writerow(["" if row.get(c.code) is None else row.get(c.code) for c in form.columns])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def world(build, settings, tmp_path):
    return build_world(build, settings, tmp_path)


def send(world, persona: str, organisation, kind: str, rows: list[dict], *, year: int = 2025, **options):
    return submit_file(actor=world.users[persona], organisation=organisation, kind=kind, data=csv_file(kind, rows, **options), filename=f"{kind}.csv", period_year=year)


def sent_and_committed(world, persona, organisation, kind, rows, **options):
    received = send(world, persona, organisation, kind, rows, **options)
    assert received.submission.status == "valid", received.submission.problems
    commit_for(submission=received.submission, actor=world.users[persona])
    received.submission.refresh_from_db()
    return received.submission


def problems(received) -> list[tuple]:
    return [(p["code"], p["row"], (p["params"] or {}).get("header")) for p in received.submission.problems if p["severity"] == "error"]


# --- projects ------------------------------------------------------------------------------------


def project_row(world, code="PRJ-2025-007", **changes) -> dict:
    row = {"project_code": code, "title_kk": "Сутегі отын элементі", "title_ru": "Водородный топливный элемент", "title_en": "A hydrogen fuel cell",
           "performer_bin": world.objects["p"].bin, "direction": "greentech", "tcc_sector": "power", "trl_start": "3", "trl_target": "6",
           "start_date": "01.02.2025", "end_date": "31.12.2026", "abstract": ""}
    return {**row, **changes}


def test_a_performer_registers_and_updates_its_projects_and_the_same_file_again_changes_nothing(world):
    o = world.objects
    rows = [project_row(world), project_row(world, "PRJ-2023-001", title_ru="Проект обогащения руды (уточнено)", trl_target="7", start_date="01.02.2023", end_date="31.12.2025")]
    submission = sent_and_committed(world, "performer_p", o["p"], "rd_projects", rows)
    assert submission.status == "committed"
    new = Project.objects.get(code="PRJ-2025-007")
    assert (new.performer, new.status, new.trl_start, new.trl_target, new.tcc_sector, new.end_date) == (o["p"], "in_progress", 3, 6, "power", date(2026, 12, 31))
    old = Project.objects.get(code="PRJ-2023-001")
    assert (old.title_ru, old.trl_target) == ("Проект обогащения руды (уточнено)", 7)
    assert AuditEvent.objects.filter(action="project.register", object_id=str(new.pk)).exists()
    assert AuditEvent.objects.filter(action="project.update", object_id=str(old.pk)).exists()
    again = send(world, "performer_p", o["p"], "rd_projects", rows)
    assert again.duplicate and again.submission == submission
    # The same content in another file (a correction that corrects nothing): committed, nothing changes.
    events = AuditEvent.objects.filter(action__startswith="project.").count()
    correction = sent_and_committed(world, "performer_p", o["p"], "rd_projects", rows, language="kk")
    assert correction.supersedes == submission and AuditEvent.objects.filter(action__startswith="project.").count() == events
    submission.refresh_from_db()
    assert submission.status == "superseded"


def test_the_projects_rules_name_the_row_and_the_users_header(world, build):
    o = world.objects
    Project.objects.create(code="Q-1", title_kk="q", title_ru="q", title_en="q", performer=o["q"], priority_direction="other", start_date=date(2024, 1, 1), end_date=date(2025, 1, 1), status="in_progress")
    rows = [
        project_row(world, "P-1", performer_bin=o["q"].bin),  # row 2: another performer's BIN
        project_row(world, "Q-1"),  # row 3: another performer's project
        project_row(world, "P-2"),
        project_row(world, "P-2"),  # row 5: the same code again
        project_row(world, "P-3", trl_start="5", trl_target="4"),  # row 6
        project_row(world, "P-4", start_date="01.01.2026", end_date="31.12.2025"),  # row 7
        project_row(world, "P-5", trl_target="12"),  # row 8
    ]
    received = send(world, "performer_p", o["p"], "rd_projects", rows, rename={"performer_bin": "Бин Исполнителя:"})
    assert received.submission.status == "invalid"
    assert problems(received) == [
        ("performer_not_submitter", 2, "Бин Исполнителя:"),
        ("project_not_yours", 3, "Код проекта"),
        ("duplicate_project", 5, "Код проекта"),
        ("trl_target_below_start", 6, "Целевой TRL"),
        ("dates_reversed", 7, "Дата окончания"),
        ("integer_invalid", 8, "Целевой TRL"),
    ]
    shown = {r["code"]: r for r in describe_problems(received.submission.problems, kind="rd_projects", language="ru")}
    assert shown["duplicate_project"]["message"] == "Проект P-2 встречается в этом файле больше одного раза (впервые в строке 4)."
    assert shown["integer_invalid"]["value"] == "12" and shown["integer_invalid"]["message"] == "Не целое число от 1 до 9."
    assert shown["trl_target_below_start"]["message"] == "Целевой УГТ 4 ниже начального УГТ 5."
    kk = {r["code"]: r["message"] for r in describe_problems(received.submission.problems, kind="rd_projects", language="kk")}
    assert kk["dates_reversed"] == "Аяқталу күні 31.12.2025 басталу күнінен 01.01.2026 бұрын."
    assert not Project.objects.filter(code__startswith="P-").exists()


# --- stages --------------------------------------------------------------------------------------


def stage_row(world, number, amount, *, agreement="НИР-B1", signed="01.03.2024", payer="b", start="01.03.2024", end="31.12.2024", **changes) -> dict:
    row = {"agreement_number": agreement, "agreement_date": signed, "payer_bin": world.objects[payer].bin, "stage_number": str(number), "stage_title": f"Этап {number}",
           "start_date": start, "end_date": end, "amount": amount, "deliverables": "Отчёт о НИР"}
    return {**row, **changes}


def test_a_performer_plans_stages_and_a_correction_changes_and_withdraws_them(world):
    o = world.objects
    v1 = sent_and_committed(world, "performer_p", o["p"], "rd_stages", [stage_row(world, 1, "2 000 000,00"), stage_row(world, 2, "2 000 000"), stage_row(world, 3, "3000000.00")])
    stages = {s.number: s for s in Stage.objects.filter(agreement=o["bp"])}
    assert {n: (s.amount, s.status, s.source_submission) for n, s in stages.items()} == {n: (Decimal(a), "planned", v1.pk) for n, a in ((1, "2000000"), (2, "2000000"), (3, "3000000"))}
    assert AuditEvent.objects.filter(action="stage.plan").count() == 3  # planned by the lifecycle's service
    v2 = sent_and_committed(world, "performer_p", o["p"], "rd_stages", [stage_row(world, 1, "2 000 000,00"), stage_row(world, 2, "4 500 000,00", stage_title="Этап 2, уточнённый")])
    stages = {s.number: s for s in Stage.objects.filter(agreement=o["bp"])}
    assert sorted(stages) == [1, 2] and stages[2].amount == Decimal("4500000.00") and stages[2].title == "Этап 2, уточнённый"
    assert AuditEvent.objects.filter(action="stage.withdraw").count() == 1 and AuditEvent.objects.filter(action="stage.update").count() == 1
    v1.refresh_from_db()
    assert (v1.status, v2.supersedes_id) == ("superseded", v1.pk)


def test_the_stages_rules(world):
    o = world.objects
    submit_stage_report(stage=o["s1"], report=REPORT, actor=world.users["performer_p"])
    rows = [
        stage_row(world, 1, "100,00", agreement="НИР-X"),  # 2: no such agreement of P with B
        stage_row(world, 1, "100,00", agreement="НИР-B1", signed="02.03.2024"),  # 3: another date than registered
        stage_row(world, 2, "100,00", start="01.01.2024"),  # 4: before the agreement's period
        stage_row(world, 3, "100,00"),
        stage_row(world, 3, "200,00"),  # 6: stage 3 again
        stage_row(world, 1, "2 000 000,00", agreement="НИР-A1", signed="01.02.2023", payer="a", start="01.02.2023", end="31.12.2023", stage_title="Другое"),  # 7: s1 is submitted
        stage_row(world, 3, "1,00", agreement="НИР-A1", signed="01.02.2023", payer="a", start="01.02.2023", end="31.12.2023"),  # 8: A1 is fully planned already
        stage_row(world, 4, "1,00", start="01.05.2024", end="01.04.2024"),  # 9: reversed
    ]
    received = send(world, "performer_p", o["p"], "rd_stages", rows)
    assert problems(received) == [
        ("agreement_unknown", 2, "Номер договора"),
        ("agreement_date_differs", 3, "Дата договора"),
        ("stage_outside_agreement", 4, "Начало этапа"),
        ("duplicate_stage", 6, "Номер этапа"),
        ("stage_locked", 7, "Номер этапа"),
        ("stages_exceed_agreement", 8, "Сумма этапа, тенге"),
        ("dates_reversed", 9, "Окончание этапа"),
    ]
    shown = {r["code"]: r["message"] for r in describe_problems(received.submission.problems, kind="rd_stages", language="ru")}
    assert shown["stages_exceed_agreement"].replace("\u202f", " ").replace("\xa0", " ") == "Этапы договора НИР-A1 составили бы 5 000 001,00 ₸, больше суммы договора 5 000 000,00 ₸."
    assert shown["agreement_unknown"] == f"Договор № НИР-X с организацией с БИН {o['b'].bin} за вами не зарегистрирован."
    en = {r["code"]: r["message"] for r in describe_problems(received.submission.problems, kind="rd_stages", language="en")}
    assert en["agreement_date_differs"] == "Agreement НИР-B1 is registered with the date 01.03.2024, not 02.03.2024."


def test_another_performer_does_not_learn_of_an_agreement_it_does_not_carry_out(world):
    o = world.objects
    received = send(world, "performer_q", o["q"], "rd_stages", [stage_row(world, 1, "100,00")])  # НИР-B1 is P's
    assert problems(received) == [("agreement_unknown", 2, "Номер договора")]


# --- acts ----------------------------------------------------------------------------------------


def act_row(world, stage=1, amount="2 000 000,00", *, number="АКТ-1", day="15.01.2024", agreement="НИР-A1", signed="01.02.2023", performer="p", **changes) -> dict:
    row = {"agreement_number": agreement, "agreement_date": signed, "performer_bin": world.objects[performer].bin, "stage_number": str(stage), "act_number": number,
           "act_date": day, "amount": amount, "note": ""}
    return {**row, **changes}


def test_a_company_signs_acts_through_the_workflow_and_a_signed_act_listed_again_changes_nothing(world):
    o = world.objects
    submit_stage_report(stage=o["s1"], report=REPORT, actor=world.users["performer_p"])
    submission = sent_and_committed(world, "company_a", o["a"], "rd_acts", [act_row(world)])
    stage = Stage.objects.get(pk=o["s1"].pk)
    act = AcceptanceAct.objects.get(stage=stage)
    assert stage.status == "accepted"
    assert (act.number, act.signed_on, act.amount, act.report_sha256, act.signed_by, act.source_submission) == ("АКТ-1", date(2024, 1, 15), Decimal("2000000.00"), REPORT["sha256"], world.users["company_a"], submission.pk)
    assert AuditEvent.objects.filter(action="stage.accept", object_id=str(stage.pk)).count() == 1
    assert send(world, "company_a", o["a"], "rd_acts", [act_row(world)]).duplicate
    sent_and_committed(world, "company_a", o["a"], "rd_acts", [act_row(world, number="АКТ-1 ")])  # the same act, retyped with a space
    assert AcceptanceAct.objects.count() == 1 and AuditEvent.objects.filter(action="stage.accept").count() == 1


def test_the_acts_rules(world):
    o = world.objects
    submit_stage_report(stage=o["s1"], report=REPORT, actor=world.users["performer_p"])
    from niokr.projects.lifecycle.delivery import sign_act

    rows = [
        act_row(world, 2, "100,00"),  # 2: stage 2's report is not handed in
        act_row(world, 1, "2 000 000,01"),  # 3: above the stage's amount
        act_row(world, 5, "100,00"),  # 4: no stage 5
        act_row(world, 1, "100,00", day="01.01.2099"),  # 5: in the future (and stage 1 again)
        act_row(world, 1, "100,00", agreement="НИР-B1", signed="01.03.2024"),  # 6: B's agreement, not A's
    ]
    received = send(world, "company_a", o["a"], "rd_acts", rows)
    assert problems(received) == [
        ("stage_report_awaited", 2, "Номер этапа"),
        ("act_exceeds_stage", 3, "Принятая сумма, тенге"),
        ("stage_unknown", 4, "Номер этапа"),
        ("duplicate_stage", 5, "Номер этапа"),
        ("date_in_future", 5, "Дата акта"),
        ("agreement_unknown", 6, "Номер договора"),
    ]
    kk = {r["code"]: r["message"] for r in describe_problems(received.submission.problems, kind="rd_acts", language="kk")}
    assert "НИР-A1" in kk["stage_report_awaited"] and "есеп" in kk["stage_report_awaited"]
    sign_act(stage=o["s1"], number="АКТ-7", signed_on=date(2024, 1, 10), amount=Decimal("1500000.00"), actor=world.users["company_a"])
    received = send(world, "company_a", o["a"], "rd_acts", [act_row(world, 1, "2 000 000,00")])
    assert problems(received) == [("act_already_signed", 2, "Номер акта")]


def test_acts_above_the_agreements_amount_are_one_problem_at_the_row_that_passes_it(world):
    o = world.objects
    from niokr.projects.models import Agreement

    for stage in (o["s1"], o["s2"]):
        submit_stage_report(stage=Stage.objects.get(pk=stage.pk), report=REPORT, actor=world.users["performer_p"])
    Agreement.objects.filter(pk=o["ap"].pk).update(amount=Decimal("4000000.00"))  # amended after the plan
    received = send(world, "company_a", o["a"], "rd_acts", [act_row(world, 1, "2 000 000,00"), act_row(world, 2, "2 500 000,00", number="АКТ-2", day="20.12.2024")])
    assert problems(received) == [("acts_exceed_agreement", 3, "Принятая сумма, тенге")]


# --- results -------------------------------------------------------------------------------------


def result_row(kind="patent", **values) -> dict:
    base = {"project_code": "PRJ-2023-001", "kind": kind, "title": "Способ обогащения", "year": "2025"}
    typed = {
        "patent": {"achieved_on": "20.11.2025", "patent_office": "kazpatent", "patent_number": "KZ 36512"},
        "publication": {"doi": "https://doi.org/10.1016/j.fuel.2025.130001", "indexing": "scopus"},
        "trl": {"trl_level": "5", "trl_methodology": "ГОСТ Р 58048-2017"},
        "implementation": {"implemented_at": "Фабрика №2", "achieved_on": "01.10.2025", "economic_effect": "0"},
        "revenue": {"revenue": "12 500 000,00"},
        "jobs": {"jobs": "14"},
    }[kind]
    return {**base, **typed, **values}


def test_a_performer_claims_typed_results_and_a_correction_updates_and_withdraws_them(world):
    o = world.objects
    rows = [result_row("patent", evidence_reference="https://gosreestr.kazpatent.kz/"), result_row("publication", title="Статья"), result_row("trl"), result_row("implementation"),
            result_row("revenue"), result_row("jobs")]
    v1 = sent_and_committed(world, "performer_p", o["p"], "rd_results", rows)
    results = {r.kind: r for r in Result.objects.filter(project=o["project"])}
    assert set(results) == {"patent", "publication", "trl", "implementation", "revenue", "jobs"}
    assert all(r.status == "claimed" and r.source_submission == v1.pk and r.claimed_by == world.users["performer_p"] for r in results.values())
    assert results["publication"].doi == "10.1016/j.fuel.2025.130001" and results["implementation"].economic_effect == Decimal("0")
    assert results["patent"].has_evidence and not results["jobs"].has_evidence
    assert AuditEvent.objects.filter(action="result.claim").count() == 6
    v2 = sent_and_committed(world, "performer_p", o["p"], "rd_results", [result_row("patent", title="Способ обогащения руды", evidence_reference="https://gosreestr.kazpatent.kz/"), *rows[1:5]])
    results = {r.kind: r for r in Result.objects.filter(project=o["project"])}
    assert "jobs" not in results and results["patent"].title == "Способ обогащения руды" and Result.objects.count() == 5
    assert AuditEvent.objects.filter(action="result.withdraw").count() == 1 and AuditEvent.objects.filter(action="result.update").count() == 1
    assert v2.supersedes_id == v1.pk


def test_the_results_rules(world, build):
    o = world.objects
    Project.objects.create(code="Q-1", title_kk="q", title_ru="q", title_en="q", performer=o["q"], priority_direction="other", start_date=date(2024, 1, 1), end_date=date(2025, 1, 1), status="in_progress")
    rows = [
        result_row("patent", patent_number=""),  # 2: a patent without its number
        result_row("publication", doi="10.10/x"),  # 3: not a DOI
        result_row("patent", project_code="NOPE"),  # 4: no such project
        result_row("patent", project_code="Q-1"),  # 5: Q's project
        result_row("trl"),
        result_row("trl", title="Ещё раз"),  # 7: TRL 5 of the project again
        result_row("jobs", revenue="100,00"),  # 8: revenue on a jobs row (a warning)
        result_row("trl", trl_level="10"),  # 9
    ]
    received = send(world, "performer_p", o["p"], "rd_results", rows)
    found = [(p["code"], p["row"], p["severity"]) for p in received.submission.problems]
    assert found == [
        ("result_field_required", 2, "error"),
        ("doi_invalid", 3, "error"),
        ("project_unknown", 4, "error"),
        ("project_not_yours", 5, "error"),
        ("duplicate_result", 7, "error"),
        ("result_field_ignored", 8, "warning"),
        ("integer_invalid", 9, "error"),
    ]  # the level in error on row 9 is not also "missing"
    shown = {r["code"]: r for r in describe_problems(received.submission.problems, kind="rd_results", language="ru")}
    assert shown["result_field_required"]["message"] == "Для результата этого вида нужен столбец «Номер патента»."
    assert shown["result_field_required"]["header"] == "Номер патента"
    assert shown["doi_invalid"]["value"] == "10.10/x"


def test_a_verified_result_is_not_changed_by_a_file(world):
    o = world.objects
    sent_and_committed(world, "performer_p", o["p"], "rd_results", [result_row("patent", evidence_reference="https://gosreestr.kazpatent.kz/")])
    Result.objects.update(status="verified")
    received = send(world, "performer_p", o["p"], "rd_results", [result_row("patent", title="Другое название", evidence_reference="https://gosreestr.kazpatent.kz/")])
    assert [p["code"] for p in received.submission.problems] == ["result_decided"]


# --- who sends which section ----------------------------------------------------------------------


def test_a_performer_sends_its_projects_stages_and_results_and_a_company_its_acts(world):
    o, u = world.objects, world.users
    assert set(submittable_kinds(u["performer_p"])) >= {"rd_projects", "rd_stages", "rd_results"} and "rd_acts" not in submittable_kinds(u["performer_p"])
    assert "rd_acts" in submittable_kinds(u["company_a"]) and "rd_projects" not in submittable_kinds(u["company_a"])
    assert may_submit(u["performer_p"], o["p"], "rd_results") and not may_submit(u["performer_p"], o["q"], "rd_results")
    assert not may_submit(u["performer_p"], o["p"], "rd_acts") and not may_submit(u["company_a"], o["a"], "rd_stages")
    assert not may_submit(u["company_a"], o["p"], "rd_projects") and not may_submit(u["regulator_energy"], o["p"], "rd_projects")
    with pytest.raises(PermissionDenied):
        send(world, "company_a", o["p"], "rd_projects", [project_row(world)])
    with pytest.raises(PermissionDenied):
        send(world, "performer_p", o["a"], "rd_acts", [act_row(world)])


def test_a_file_of_acts_committed_by_no_one_is_refused_and_changes_nothing(world):
    from django.core.exceptions import ValidationError

    from niokr.intake.commit import commit_submission

    o = world.objects
    submit_stage_report(stage=o["s1"], report=REPORT, actor=world.users["performer_p"])
    received = send(world, "company_a", o["a"], "rd_acts", [act_row(world)])
    with pytest.raises(ValidationError):
        commit_submission(submission=received.submission)  # an act is signed by a person of the payer
    assert Stage.objects.get(pk=o["s1"].pk).status == "submitted" and not AcceptanceAct.objects.exists()
    received.submission.refresh_from_db()
    assert received.submission.status == "valid"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_upload_page_offers_each_sections_template_and_a_performer_sends_one_from_it(world, client, language):
    from django.urls import reverse

    o = world.objects
    client.force_login(world.users["performer_p"])
    client.cookies["django_language"] = language
    page = client.get(reverse("intake:submission-upload"), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    body = page.content.decode()
    for kind in ("rd_projects", "rd_stages", "rd_acts", "rd_results"):
        assert reverse("intake:template", args=[kind]) in body
        assert client.get(reverse("intake:template", args=[kind])).status_code == 200
    upload = io.BytesIO(csv_file("rd_results", [result_row("jobs")], language=language))
    upload.name = "results.csv"
    response = client.post(reverse("intake:submission-upload"), {"organisation": o["p"].pk, "kind": "rd_results", "period_year": 2025, "period_quarter": "", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    from niokr.intake.models import Submission

    submission = Submission.objects.get(kind="rd_results")
    assert submission.status == "valid" and submission.organisation == o["p"]
