"""Synthetic report files for ``niokr bench intake``: one company, one performer, many payment lines."""

from __future__ import annotations

import csv
from pathlib import Path

from decimal import Decimal

import xlsxwriter

from niokr.core.bin import check_digit
from niokr.intake.export import format_money_ru
from niokr.intake.formats import FORMS, Kind

__all__ = ["bench_registry", "write_csv_report", "write_xlsx_report"]


def _bin(first11: str) -> str:
    return first11 + str(check_digit(first11))


def bench_registry() -> tuple[dict, str, str]:
    """A registry document (for ``niokr load``) and the company's and performer's BINs."""
    company, performer = _bin("19054000001"), _bin("08024000002")
    registry = {
        "organisations": [
            {"bin": company, "name_kk": "Бенч", "name_ru": "Бенч", "name_en": "Bench", "kind": "subsoil_user", "region": "atyrau", "registered_on": "2019-05-01"},
            {"bin": performer, "name_kk": "Институт", "name_ru": "Институт", "name_en": "Institute", "kind": "research_institute", "region": "almaty_city",
             "registered_on": "2008-02-01", "attributes": [{"kind": "kazakhstani_supplier", "valid_from": "2005-01-01"}]},
        ],
        "rights": [{"number": "БН-1", "holder_bin": company, "mineral_group": "hydrocarbons", "right_type": "hc_production", "region": "atyrau",
                    "signed_on": "2019-06-01", "production_start": "2020-01-01", "regimes": [{"code": "CODE2017_COSTS", "from": "2019-06-01", "legal_reason": "Code"}]}],
    }
    return registry, company, performer


def _row(i: int, performer_bin: str, year: int) -> list[str]:
    return [f"Д-{year}-{i % 1000}", f"01.01.{year}", performer_bin, "Исследование", "900 000 000 000,00", f"01.01.{year}", f"31.12.{year}", "other", "",
            f"{1 + i % 28:02d}.{1 + i % 12:02d}.{year}", format_money_ru(Decimal(100_000 + i % 90_000_000).scaleb(-2) * 100 + Decimal(i % 100).scaleb(-2)), "KZT", "Оплата этапа НИР", f"ПП-{i}", "БН-1", ""]


def write_csv_report(path: Path, *, lines: int, performer_bin: str, year: int) -> None:
    """A cp1251, semicolon-separated report as an accountant's system writes it."""
    headers = [c.ru for c in FORMS[Kind.SPENDING].columns]
    with open(path, "w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for i in range(lines):
            writer.writerow(_row(i, performer_bin, year))


def write_xlsx_report(path: Path, *, lines: int, performer_bin: str, year: int) -> None:
    """The same report as an XLSX workbook (text cells, as exported from accounting systems)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, [c.ru for c in FORMS[Kind.SPENDING].columns])
    for i in range(lines):
        sheet.write_row(i + 1, 0, _row(i, performer_bin, year))
    book.close()
