"""Synthetic report files for ``niokr bench intake``: a company's year as its accountants report it.

One subsoil user with four rights pays 120 performers (institutes, universities, engineering
companies) under 600 agreements; each payment line names one of them, with dates spread over the
year, amounts from tens of thousands to tens of millions of tenge, a dozen wordings of the purpose
and payment-order numbers written the ways accounting systems write them. Every agreement's own
columns are the same on each of its lines (the validator checks that). The CSV is cp1251 text with
semicolons, as 1C exports it; the XLSX has typed cells — dates as dates, amounts and years as
numbers — as a spreadsheet an accountant saved has them.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from niokr.core.bin import check_digit
from niokr.intake.export import format_money_ru
from niokr.intake.formats import FORMS, Kind

__all__ = ["bench_registry", "write_csv_report", "write_xlsx_report", "RIGHTS", "PERFORMERS", "AGREEMENTS"]

RIGHTS = ("БН-1", "БН-2", "БН-3", "БН-4")
PERFORMERS = 120
AGREEMENTS = 600
_KINDS = ("research_institute", "university", "company")
_DIRECTIONS = ("other", "medtech", "agritech", "greentech", "other", "other")
_SUBJECTS = (
    "Исследование коррозионной стойкости трубопроводов",
    "Разработка технологии повышения нефтеотдачи пластов",
    "Опытно-конструкторские работы по очистке попутных вод",
    "Научно-исследовательская работа по моделированию месторождения",
    "Ғылыми-зерттеу жұмысы: ұңғыма өнімділігін арттыру",
    "Пилотные испытания катализатора",
)
_PURPOSES = (
    "Оплата этапа НИР",
    "Оплата по договору на выполнение НИОКР, этап {stage}, в т.ч. НДС 12%",
    "Аванс 30% по договору {agreement} на научно-исследовательские работы",
    "Оплата по акту выполненных работ №{stage} к договору {agreement}",
    "ҒЗТКЖ шарты бойынша {stage}-кезең төлемі",
    "Окончательный расчёт за опытно-конструкторские работы",
    "Payment for R&D stage {stage} under agreement {agreement}",
    "Оплата за разработку технологической схемы (этап {stage})",
    "Опытно-промышленные испытания, этап {stage}",
    "Оплата услуг по проведению лабораторных исследований керна",
    "Ғылыми-техникалық жұмыстар үшін ақы төлеу",
    "Оплата НИР согласно календарному плану",
)


#: cp1251 has no Kazakh-specific letters: accounting systems that export it write the nearest Russian ones.
_CP1251_KAZAKH = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІі", "АаГгКкНнОоУуУуХхИи")


def _bin(first11: str) -> str:
    return first11 + str(check_digit(first11))


def _performer_bin(n: int) -> str:
    """A valid BIN for performer ``n`` (registered 02.2008, a legal entity); the last digit before the check digit is chosen so that one exists."""
    for tail in range(10):
        first11 = f"080240{n:04d}{tail}"
        if check_digit(first11) is not None:
            return _bin(first11)
    raise AssertionError(f"no valid BIN for performer {n}")


def bench_registry() -> tuple[dict, str, str]:
    """A registry document (for ``niokr load``), the company's BIN and its first performer's BIN."""
    company = _bin("19054000001")
    organisations = [
        {"bin": company, "name_kk": "Бенч", "name_ru": "Бенч", "name_en": "Bench", "kind": "subsoil_user", "region": "atyrau", "registered_on": "2019-05-01"},
    ]
    for n in range(PERFORMERS):
        attributes = [{"kind": "kazakhstani_supplier", "valid_from": "2005-01-01"}]
        if n % 3 == 0:
            attributes.append({"kind": "science_accreditation", "valid_from": "2010-01-01"})
        organisations.append({
            "bin": _performer_bin(n), "name_kk": f"Орындаушы {n}", "name_ru": f"Исполнитель {n}", "name_en": f"Performer {n}", "kind": _KINDS[n % len(_KINDS)],
            "region": ("almaty_city", "astana", "atyrau", "karaganda")[n % 4], "registered_on": "2008-02-01", "attributes": attributes,
        })
    rights = [
        {"number": number, "holder_bin": company, "mineral_group": "hydrocarbons", "right_type": "hc_production", "region": "atyrau",
         "signed_on": "2019-06-01", "production_start": "2020-01-01", "regimes": [{"code": "CODE2017_COSTS", "from": "2019-06-01", "legal_reason": "Code"}]}
        for number in RIGHTS
    ]
    return {"organisations": organisations, "rights": rights}, company, _performer_bin(0)


def _agreement(a: int, year: int) -> dict:
    """The columns of agreement ``a`` (the same on every line that names it)."""
    signed = date(year, 1, 1) + timedelta(days=a % 20)
    return {
        "number": f"{('НИР', 'ДОГ', 'ОКР', 'НИОКР')[a % 4]}-{year}/{a:04d}",
        "signed": signed,
        "performer": _performer_bin(a % PERFORMERS),
        "subject": _SUBJECTS[a % len(_SUBJECTS)],
        "amount": Decimal(50_000_000 + (a * 7_919_173) % 2_000_000_000),
        "end": date(year + (a % 3 == 0), 12, 31),
        "direction": _DIRECTIONS[a % len(_DIRECTIONS)],
        "right": RIGHTS[a % len(RIGHTS)],
    }


def _document(i: int) -> str:
    return (f"ПП-{i}", f"{i:08d}", f"№ {i}", f"pp {i}", f"{i}")[i % 5]


def _line(i: int, year: int) -> tuple[dict, date, Decimal, str, str]:
    """Payment line ``i``: its agreement, date, amount (tenge with tiyn), purpose and document number."""
    a = (i * 7) % AGREEMENTS
    agreement = _agreement(a, year)
    paid = agreement["signed"] + timedelta(days=20 + (i * 13) % (340 - agreement["signed"].day))
    amount = Decimal(10_000 + (i * 104_729) % 40_000_000) + Decimal(i % 100).scaleb(-2)
    purpose = _PURPOSES[i % len(_PURPOSES)].format(stage=1 + i % 6, agreement=agreement["number"])
    return agreement, paid, amount, purpose, _document(i)


def _text_row(i: int, year: int) -> list[str]:
    ag, paid, amount, purpose, document = _line(i, year)
    return [ag["number"], ag["signed"].strftime("%d.%m.%Y"), ag["performer"], ag["subject"], format_money_ru(ag["amount"]), ag["signed"].strftime("%d.%m.%Y"),
            ag["end"].strftime("%d.%m.%Y"), ag["direction"], "", paid.strftime("%d.%m.%Y"), format_money_ru(amount), "KZT", purpose, document, ag["right"], ""]


def write_csv_report(path: Path, *, lines: int, performer_bin: str | None = None, year: int) -> None:
    """A cp1251, semicolon-separated report as an accountant's system writes it (``performer_bin`` is unused: the mix is fixed)."""
    headers = [c.ru for c in FORMS[Kind.SPENDING].columns]
    with open(path, "w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for i in range(lines):
            writer.writerow([cell.translate(_CP1251_KAZAKH) for cell in _text_row(i, year)])


def write_xlsx_report(path: Path, *, lines: int, performer_bin: str | None = None, year: int) -> None:
    """The same report as an XLSX workbook with typed cells: dates, numbers for amounts and the year."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, [c.ru for c in FORMS[Kind.SPENDING].columns])
    for i in range(lines):
        ag, paid, amount, purpose, document = _line(i, year)
        r = i + 1
        sheet.write_string(r, 0, ag["number"])
        sheet.write_datetime(r, 1, ag["signed"], day)
        sheet.write_string(r, 2, ag["performer"])
        sheet.write_string(r, 3, ag["subject"])
        sheet.write_number(r, 4, float(ag["amount"]), money)
        sheet.write_datetime(r, 5, ag["signed"], day)
        sheet.write_datetime(r, 6, ag["end"], day)
        sheet.write_string(r, 7, ag["direction"])
        sheet.write_datetime(r, 9, paid, day)
        sheet.write_number(r, 10, float(amount), money)
        sheet.write_string(r, 11, "KZT")
        sheet.write_string(r, 12, purpose)
        sheet.write_string(r, 13, document)
        sheet.write_string(r, 14, ag["right"])
        sheet.write_number(r, 15, year)
    book.close()
