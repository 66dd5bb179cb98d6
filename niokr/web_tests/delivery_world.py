"""The delivery objects of the matrix's world: a project of agreement A, an accepted stage with its act, a result.

The stage's report and the result's evidence are kept as files (``DATA_DIR``), so that their downloads
answer as the matrix says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from niokr.core.files import keep_file
from niokr.projects.lifecycle.documents import EVIDENCE, REPORTS
from niokr.projects.models import AcceptanceAct, Project, Result, Stage

__all__ = ["Delivery", "build_delivery"]

REPORT = b"%PDF-1.4\n% the matrix's stage report\n"
EVIDENCE_FILE = b"%PDF-1.4\n% the matrix's patent\n"


@dataclass
class Delivery:
    project_a: Project
    stage_a: Stage
    result_a: Result


def build_delivery(*, agreement_a, performer_org) -> Delivery:
    """A project of its own for agreement A (paid by A alone), a stage of A accepted by an act, and a result with evidence."""
    project = Project.objects.create(
        code="MATRIX-A-001", title_kk="Матрица жобасы", title_ru="Проект матрицы", title_en="Matrix project", performer=performer_org,
        priority_direction="greentech", trl_start=3, trl_target=5, start_date=agreement_a.period_start, end_date=agreement_a.period_end, status="in_progress",
    )
    agreement_a.project = project
    agreement_a.save(update_fields=["project"])
    report, _path = keep_file(REPORTS, REPORT)
    act = AcceptanceAct.objects.filter(stage__agreement=agreement_a).select_related("stage").order_by("pk").first()
    if act is None:
        number = (Stage.objects.filter(agreement=agreement_a).order_by("-number").values_list("number", flat=True).first() or 0) + 1
        end = min(agreement_a.period_end, agreement_a.period_start + timedelta(days=180))
        stage = Stage.objects.create(
            agreement=agreement_a, number=number, title=f"Этап {number}", start_date=agreement_a.period_start, end_date=end, amount=Decimal("1000.00"),
            status="accepted", report_name="report.pdf", report_sha256=report, report_size=len(REPORT),
        )
        AcceptanceAct.objects.create(stage=stage, number=f"MATRIX-{number}", signed_on=end, amount=Decimal("1000.00"), report_name="report.pdf", report_sha256=report, report_size=len(REPORT))
    else:
        stage = act.stage
        Stage.objects.filter(pk=stage.pk).update(report_name="report.pdf", report_sha256=report, report_size=len(REPORT))
        AcceptanceAct.objects.filter(pk=act.pk).update(report_name="report.pdf", report_sha256=report, report_size=len(REPORT))
        stage.refresh_from_db()
    evidence, _path = keep_file(EVIDENCE, EVIDENCE_FILE)
    result = Result.objects.create(
        reference=f"{project.code}-R01", project=project, stage=stage, kind="jobs", title="Рабочие места", year=agreement_a.period_start.year, jobs=3,
        evidence_name="evidence.pdf", evidence_sha256=evidence, evidence_size=len(EVIDENCE_FILE),
    )
    return Delivery(project_a=project, stage_a=stage, result_a=result)
