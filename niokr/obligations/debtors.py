"""The table of who owes (:func:`niokr.obligations.queries.debtors`): one row per subsoil user.

Rows are dictionaries from one grouped query; the name is shown in the reader's language and
sorts by it, money and counts export as numbers, years as whole numbers.
"""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.tables import MoneyColumn, NumberColumn, PlainRowsTable, TextColumn, YearColumn

__all__ = ["DebtorTable"]

#: Secondary columns hidden below 1200 px, so that arrears and the years stay on the screen.
_SECONDARY = {"th": {"class": "num text-wrap d-none d-xl-table-cell"}, "td": {"class": "num d-none d-xl-table-cell"}}
_SECONDARY_TEXT = {"th": {"class": "text-wrap d-none d-xl-table-cell"}, "td": {"class": "text-nowrap d-none d-xl-table-cell"}}
_WIDE_ONLY = {"th": {"class": "num text-wrap d-none d-xxl-table-cell"}, "td": {"class": "num d-none d-xxl-table-cell"}}
_HEADER_WRAPS = {"th": {"class": "num text-wrap"}, "td": {"class": "num"}}


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _name(record: dict) -> str:
    return record.get(f"right__holder__name_{_lang()}") or record.get("right__holder__name_ru") or ""


class HolderNameColumn(TextColumn):
    """The subsoil user's name in the reader's language, sorted by it."""

    @property
    def order_by(self):
        return tables.Column(order_by=(f"right__holder__name_{_lang()}", "right__holder_id")).order_by

    @order_by.setter
    def order_by(self, value):
        """The order follows the active language."""

    def export(self, record, accessor):
        return _name(record)


class DebtorTable(PlainRowsTable):
    """Subsoil users with arrears or missing bases in the closed years, largest arrears first."""

    holder = HolderNameColumn(verbose_name=_("Subsoil user"), accessor="right__holder__name_ru", attrs={"th": {"class": "text-wrap"}, "td": {"class": "w-25"}})
    bin = TextColumn(verbose_name=_("BIN"), accessor="right__holder__bin", attrs=_SECONDARY_TEXT)
    arrears_total = MoneyColumn(verbose_name=_("Arrears, ₸"), attrs=_HEADER_WRAPS)
    since = YearColumn(verbose_name=_("In arrears since"), attrs=_HEADER_WRAPS)
    latest = YearColumn(verbose_name=_("Latest year in arrears"), attrs=_SECONDARY)
    years_in_arrears = NumberColumn(verbose_name=_("Right-years in arrears"), attrs=_SECONDARY)
    bases_missing = NumberColumn(verbose_name=_("Right-years without a reported base"), attrs=_HEADER_WRAPS)
    base_missing_since = YearColumn(verbose_name=_("Base missing since"), attrs=_SECONDARY)
    rights = NumberColumn(verbose_name=_("Rights"), attrs=_WIDE_ONLY)

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle debtors"}
        empty_text = _("No subsoil user in your scope has arrears or a missing base in the closed years.")

    def render_holder(self, record):
        url = self.url("obligations:holder-detail", record["right__holder_id"])
        name = _name(record)
        bin_line = format_html('<span class="d-block d-xl-none small muted">{} {}</span>', _("BIN"), record["right__holder__bin"])
        return format_html('<a href="{}">{}</a>{}', url, name, bin_line) if url else format_html("{}{}", name, bin_line)

    def render_since(self, value):
        return str(value) if value else "—"

    def render_base_missing_since(self, value):
        return str(value) if value else "—"

    def render_latest(self, value):
        return str(value) if value else "—"
