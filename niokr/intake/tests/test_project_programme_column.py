"""The optional "programme" column of the projects section: the project carries out an approved programme,
linked through the programme service's core (the same rules and audit event), errors naming the row, the
user's header and the value as typed."""

from __future__ import annotations

from datetime import date

import pytest

from niokr.core.audit import AuditEvent
from niokr.intake.services import describe_problems
from niokr.intake.tests.test_project_sections import problems, project_row, send, sent_and_committed, world  # noqa: F401  (the fixture)
from niokr.projects.models import Programme, ProgrammeVersion, Project

pytestmark = pytest.mark.django_db


def _programme(reference, applicant, performer, status="approved"):
    programme = Programme.objects.create(reference=reference, applicant=applicant, authority="energy", status=status)
    ProgrammeVersion.objects.create(
        programme=programme, number=1, title_kk="Бағдарлама", title_ru="Программа", title_en="Programme", abstract="…", priority_direction="greentech",
        trl_start=4, trl_target=7, performer=performer,
    )
    return programme


def test_a_performer_names_the_programme_its_project_carries_out(world):
    o = world.objects
    programme = _programme("PRG-2026-000042", o["a"], o["p"])
    rows = [project_row(world, "PRJ-2026-100", trl_start="", trl_target="", programme="prg-2026-000042 ")]
    sent_and_committed(world, "performer_p", o["p"], "rd_projects", rows)
    programme.refresh_from_db()
    project = Project.objects.get(code="PRJ-2026-100")
    assert programme.project == project and (project.trl_start, project.trl_target) == (4, 7)
    [event] = AuditEvent.objects.filter(action="programme.link_project")
    assert event.object_id == "PRG-2026-000042" and event.after["project"] == "PRJ-2026-100" and event.after["source"].startswith("SUB")
    # The same content again, in a correction: nothing changes, the TRL filled from the programme stays.
    rows = [project_row(world, "PRJ-2026-100", trl_start="", trl_target="", programme="PRG-2026-000042", title_ru="Водородный элемент (уточнено)")]
    sent_and_committed(world, "performer_p", o["p"], "rd_projects", rows, language="kk")
    project.refresh_from_db()
    assert AuditEvent.objects.filter(action="programme.link_project").count() == 1 and (project.trl_start, project.trl_target) == (4, 7)


def test_a_project_paid_by_the_applicant_carries_out_its_programme_whoever_was_proposed(world):
    o = world.objects
    programme = _programme("PRG-2026-000043", o["a"], o["q"])  # another performer proposed; A pays PRJ-2023-001
    rows = [project_row(world, "PRJ-2023-001", programme="PRG-2026-000043", start_date="01.02.2023", end_date="31.12.2025")]
    sent_and_committed(world, "performer_p", o["p"], "rd_projects", rows)
    programme.refresh_from_db()
    assert programme.project == o["project"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_unknown_or_ineligible_programme_is_an_error_at_its_row_under_the_users_header(world, language):
    o = world.objects
    _programme("PRG-2026-000050", o["a"], o["q"])  # proposes another performer; nobody of A pays the new project
    _programme("PRG-2026-000051", o["a"], o["p"], status="in_council")
    rows = [
        project_row(world, "P-1", programme="PRG-2099-000001"),  # row 2: unknown
        project_row(world, "P-2", programme="PRG-2026-000050"),  # row 3: ineligible
        project_row(world, "P-3", programme="PRG-2026-000051"),  # row 4: not approved
        project_row(world, "P-4"),  # row 5: no programme: fine
    ]
    received = send(world, "performer_p", o["p"], "rd_projects", rows, rename={"programme": "ПРОГРАММА"})
    assert received.submission.status == "invalid"
    assert problems(received) == [
        ("programme_unknown", 2, "ПРОГРАММА"),
        ("programme_not_eligible", 3, "ПРОГРАММА"),
        ("programme_not_eligible", 4, "ПРОГРАММА"),
    ]
    shown = describe_problems(received.submission.problems, kind="rd_projects", language=language)
    for row, value in zip(shown, ("PRG-2099-000001", "PRG-2026-000050", "PRG-2026-000051")):
        assert row["value"] == value and value in row["message"] and row["header"] == "ПРОГРАММА"
        assert "{" not in row["message"] and "_" not in row["message"]
    assert len({r["message"].replace(r["value"], "") for r in shown}) == 3
    assert not Project.objects.filter(code__startswith="P-").exists()
    assert not Programme.objects.filter(project__isnull=False).exists()


def test_two_rows_naming_one_programme_the_second_is_refused(world):
    o = world.objects
    _programme("PRG-2026-000060", o["a"], o["p"])
    received = send(world, "performer_p", o["p"], "rd_projects", [project_row(world, "P-1", programme="PRG-2026-000060"), project_row(world, "P-2", programme="PRG-2026-000060")])
    assert problems(received) == [("programme_not_eligible", 3, "Программа НИОКР")]
    assert date.today()  # nothing written
    assert not Project.objects.filter(code__startswith="P-").exists()
