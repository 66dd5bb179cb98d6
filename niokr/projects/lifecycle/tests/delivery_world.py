"""The small world of the delivery tests: the registry tests' country, a project under agreement A→P, two stages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from niokr.projects.models import Project, Stage
from niokr.registry.tests.test_pages import build_country

PDF = b"%PDF-1.7\n% a scientific report\n" + b"x" * 200
DOCX = b"PK\x03\x04" + b"\x00" * 200


def pdf(name: str = "report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def build_world(build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    c = build_country(build)
    o = c.objects
    o["project"] = Project.objects.create(
        code="PRJ-2023-001", title_kk="Кен байыту жобасы", title_ru="Проект обогащения руды", title_en="Ore beneficiation project",
        performer=o["p"], priority_direction="greentech", trl_start=3, trl_target=6, start_date=date(2023, 2, 1), end_date=date(2025, 12, 31), status="in_progress",
    )
    o["ap"].project = o["project"]
    o["ap"].save(update_fields=["project"])
    o["s1"] = Stage.objects.create(agreement=o["ap"], number=1, title="Лабораторные испытания", start_date=date(2023, 2, 1), end_date=date(2023, 12, 31), amount=Decimal("2000000.00"), deliverables="Отчёт")
    o["s2"] = Stage.objects.create(agreement=o["ap"], number=2, title="Опытная установка", start_date=date(2024, 1, 1), end_date=date(2024, 12, 31), amount=Decimal("3000000.00"))
    return c
