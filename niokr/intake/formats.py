"""The interchange forms companies submit: one column list per kind, headers in kk / ru / en.

Pure data (no Django): the XLSX/CSV templates, the header matching of the parser, the validator and
docs/formats/ all read this one definition. A column's ``code`` is its name in JSON submissions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Kind", "ColumnType", "Column", "Form", "FORMS", "CURRENCIES", "form_for"]


class Kind(StrEnum):
    BASE_FIGURES = "base_figures"
    SPENDING = "spending"
    TREASURY = "treasury"
    # R&D projects, stages, acts and results (docs/formats/projects.md): one file per section.
    RD_PROJECTS = "rd_projects"
    RD_STAGES = "rd_stages"
    RD_ACTS = "rd_acts"
    RD_RESULTS = "rd_results"


class ColumnType(StrEnum):
    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    YEAR = "year"
    BIN = "bin"
    CHOICE = "choice"
    RATE = "rate"
    INTEGER = "integer"


@dataclass(frozen=True)
class Column:
    """One column of a form.

    Attributes:
        code: the column's name in JSON and its stable identifier.
        kk, ru, en: the header in each language (any of them is recognised).
        type: how the cell is read and checked.
        required: whether an empty cell is an error.
        choices: the closed list of values (drop-down in the template) for ``CHOICE`` columns.
        aliases: other headers accountants use for the same column.
        help_en: the instruction-sheet text.
        max_length: for text kept in the database, the most characters its field holds
            (``text_too_long`` beyond it, before a commit could hit the limit).
        allow_zero: for ``MONEY`` columns, whether zero is an amount (an economic effect may be nil).
        bounds: for ``INTEGER`` columns, the least and the greatest whole number accepted.
    """

    code: str
    kk: str
    ru: str
    en: str
    type: ColumnType
    required: bool = True
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    help_en: str = ""
    max_length: int | None = None
    allow_zero: bool = False
    bounds: tuple[int, int] | None = None

    def headers(self) -> tuple[str, ...]:
        return (self.code, self.kk, self.ru, self.en, *self.aliases)


@dataclass(frozen=True)
class Form:
    kind: Kind
    title_kk: str
    title_ru: str
    title_en: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    #: The form's own rules, (kk, ru, en), written on the template's instruction sheet after the general ones.
    rules: tuple[tuple[str, str, str], ...] = ()

    def column(self, code: str) -> Column:
        return next(c for c in self.columns if c.code == code)


CURRENCIES = ("KZT", "USD", "EUR", "RUB", "CNY", "GBP")
DIRECTIONS = ("medtech", "agritech", "greentech", "other")
BASE_TYPES = ("aggregate_income", "production_costs")

FORMS: dict[Kind, Form] = {
    Kind.BASE_FIGURES: Form(
        Kind.BASE_FIGURES,
        "Жер қойнауын пайдалану құқықтары бойынша базалық көрсеткіштер",
        "Базовые показатели по правам недропользования",
        "Base figures per subsoil-use right",
        (
            Column("right_number", "Келісімшарт/лицензия нөмірі", "Номер контракта/лицензии", "Contract/licence number", ColumnType.TEXT, aliases=("№ контракта", "номер контракта", "номер лицензии")),
            Column("year", "Жыл", "Год", "Year", ColumnType.YEAR, help_en="The year the figure describes (the obligation of the next year is computed from it)."),
            Column("base_type", "База түрі", "Вид базы", "Base type", ColumnType.CHOICE, choices=BASE_TYPES),
            Column("amount", "Сома, теңге", "Сумма, тенге", "Amount, KZT", ColumnType.MONEY, aliases=("сумма", "сумма, тг", "amount")),
            Column("document", "Негіздеме құжаты", "Документ-основание", "Source document", ColumnType.TEXT, required=False, max_length=200),
        ),
    ),
    Kind.SPENDING: Form(
        Kind.SPENDING,
        "ҒЗТКЖ шығыстары туралы есеп",
        "Отчёт о расходах на НИОКР",
        "R&D spending report",
        (
            Column("agreement_number", "Шарт нөмірі", "Номер договора", "Agreement number", ColumnType.TEXT, aliases=("№ договора",), max_length=64),
            Column("agreement_date", "Шарт күні", "Дата договора", "Agreement date", ColumnType.DATE),
            Column("performer_bin", "Орындаушының БСН", "БИН исполнителя", "Performer BIN", ColumnType.BIN, aliases=("бин", "bin")),
            Column("subject", "Шарт мәні", "Предмет договора", "Subject", ColumnType.TEXT, max_length=500),
            Column("agreement_amount", "Шарт сомасы", "Сумма договора", "Agreement amount", ColumnType.MONEY),
            Column("period_start", "Кезеңнің басы", "Начало периода", "Period start", ColumnType.DATE),
            Column("period_end", "Кезеңнің соңы", "Окончание периода", "Period end", ColumnType.DATE),
            Column("direction", "Басым бағыт", "Приоритетное направление", "Priority direction", ColumnType.CHOICE, choices=DIRECTIONS),
            Column("project_code", "Жоба коды", "Код проекта", "Project code", ColumnType.TEXT, required=False, max_length=32),
            Column("payment_date", "Төлем күні", "Дата платежа", "Payment date", ColumnType.DATE),
            Column("amount", "Төлем сомасы", "Сумма платежа", "Payment amount", ColumnType.MONEY),
            Column("currency", "Валюта", "Валюта", "Currency", ColumnType.CHOICE, choices=CURRENCIES),
            Column("purpose", "Төлем мақсаты", "Назначение платежа", "Purpose", ColumnType.TEXT, max_length=500),
            Column("document_number", "Төлем құжатының нөмірі", "Номер платёжного документа", "Payment document number", ColumnType.TEXT, aliases=("№ п/п", "номер п/п"), max_length=64),
            Column("right_number", "Келісімшарт/лицензия нөмірі", "Номер контракта/лицензии", "Contract/licence number", ColumnType.TEXT),
            Column("for_year", "Есепке алынатын жыл", "Год зачёта", "Year credited", ColumnType.YEAR, required=False),
        ),
    ),
    Kind.TREASURY: Form(
        Kind.TREASURY,
        "БСК 401103 бойынша бюджетке аударымдар",
        "Перечисления в бюджет по КБК 401103",
        "Budget transfers under KBK 401103",
        (
            Column("order_number", "Төлем тапсырмасының нөмірі", "Номер платёжного поручения", "Payment order number", ColumnType.TEXT, aliases=("№ п/п",), max_length=64),
            Column("paid_on", "Төлем күні", "Дата платежа", "Payment date", ColumnType.DATE),
            Column("payer_bin", "Төлеушінің БСН", "БИН плательщика", "Payer BIN", ColumnType.BIN),
            Column("amount", "Сома, теңге", "Сумма, тенге", "Amount, KZT", ColumnType.MONEY),
            Column("kbk", "БСК", "КБК", "KBK", ColumnType.CHOICE, choices=("401103",)),
            Column("right_number", "Келісімшарт/лицензия нөмірі", "Номер контракта/лицензии", "Contract/licence number", ColumnType.TEXT),
            Column("for_year", "Есепке алынатын жыл", "Год зачёта", "Year credited", ColumnType.YEAR),
        ),
    ),
}


# The sections of the R&D projects report add their forms to FORMS (a plain import: the module may
# be the one importing this one).
import niokr.intake.project_forms  # noqa: E402,F401


def form_for(kind: str) -> Form:
    """The form of ``kind``; raises ``KeyError`` naming the known kinds."""
    try:
        return FORMS[Kind(kind)]
    except ValueError:
        raise KeyError(f"unknown kind {kind!r} (known: {', '.join(k.value for k in Kind)})") from None
