"""Tables of the obligations app (django-tables2): the regime catalogue, base figures, balances, the ledger."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.reference import label
from niokr.core.templatetags.niokr import day, localized, money, rate
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime

__all__ = ["RegimeTable", "BaseFigureTable", "BalanceTable", "LedgerEntryTable"]


def _lang() -> str:
    return (get_language() or "ru")[:2]


class LabelColumn(tables.Column):
    """A stored enumeration code shown with its label in the active language (exports keep the label)."""

    def __init__(self, *args, enum: str, **kwargs):
        self.enum = enum
        super().__init__(*args, **kwargs)

    def render(self, record, bound_column):
        # django-tables2 hands a choices field's display text as ``value``; the label needs the code.
        code = tables.A(bound_column.accessor).resolve(record, quiet=True)
        if code in (None, ""):
            return "—"
        try:
            return label(code, _lang(), enum=self.enum)
        except (KeyError, TypeError):
            return code

    def value(self, record, bound_column):
        text = self.render(record, bound_column)
        return "" if text == "—" else text


class MoneyColumn(tables.Column):
    """An amount in tenge, right-aligned; exports keep the Decimal."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return money(value)

    def value(self, value):
        return value


class DayColumn(tables.Column):
    def render(self, value):
        return day(value)

    def value(self, value):
        return value


class RegimeTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"), linkify=("obligations:regime-detail", {"pk": tables.A("pk")}))
    version = tables.Column(verbose_name=_("Version"), attrs={"td": {"class": "num"}})
    title = tables.Column(verbose_name=_("Title"), accessor="title_ru", order_by=("title_ru",))
    act = tables.Column(verbose_name=_("Act"), accessor="act_number", order_by=("act_date",))
    effective_from = DayColumn(verbose_name=_("Effective from"))
    effective_to = DayColumn(verbose_name=_("Effective to"))
    base_type = LabelColumn(verbose_name=_("Base"), enum="obligations.BaseType")
    rate = tables.Column(verbose_name=_("Rate"), attrs={"td": {"class": "num"}})
    channel = LabelColumn(verbose_name=_("Channel"), enum="obligations.Channel")
    credit_rule = LabelColumn(verbose_name=_("Credit rule"), enum="obligations.CreditRule")

    class Meta:
        model = RuleRegime
        fields = ("code", "version", "title", "act", "effective_from", "effective_to", "base_type", "rate", "channel", "credit_rule")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("code", "version")

    def render_title(self, record):
        return localized(record, "title")

    def value_title(self, record):
        return localized(record, "title")

    def render_act(self, record):
        return " ".join(p for p in (day(record.act_date) if record.act_date else "", f"№ {record.act_number}" if record.act_number else "") if p) or "—"

    def value_act(self, record):
        return self.render_act(record)

    def render_rate(self, value):
        return rate(value)

    def value_rate(self, value):
        return value


class BaseFigureTable(tables.Table):
    year = tables.Column(verbose_name=_("Year"))
    base_type = LabelColumn(verbose_name=_("Base type"), enum="obligations.BaseType")
    revision = tables.Column(verbose_name=_("Revision"), attrs={"td": {"class": "num"}})
    amount = MoneyColumn(verbose_name=_("Amount"))
    status = LabelColumn(verbose_name=_("Status"), enum="obligations.BaseStatus")
    source = LabelColumn(verbose_name=_("Source"), enum="obligations.BaseSource")
    document = tables.Column(verbose_name=_("Source document"))
    created_at = DayColumn(verbose_name=_("Recorded"))

    class Meta:
        model = BaseFigure
        fields = ("year", "base_type", "revision", "amount", "status", "source", "document", "created_at")
        attrs = {"class": "table table-sm align-middle"}
        orderable = False

    def render_document(self, record):
        return localized(record, "document")

    def value_document(self, record):
        return localized(record, "document")


class BalanceTable(tables.Table):
    """The per-year balances of rights (the export behind the balances panels)."""

    right = tables.Column(verbose_name=_("Right"), accessor="right__number")
    year = tables.Column(verbose_name=_("Year"))
    base_type = LabelColumn(verbose_name=_("Base type"), enum="obligations.BaseType")
    base_year = tables.Column(verbose_name=_("Base year"))
    base_amount = MoneyColumn(verbose_name=_("Base"))
    regime_code = tables.Column(verbose_name=_("Regime"))
    regime_version = tables.Column(verbose_name=_("Version"))
    obligation = MoneyColumn(verbose_name=_("Obligation"))
    fulfilled = MoneyColumn(verbose_name=_("Eligible fulfilment"))
    ineligible = MoneyColumn(verbose_name=_("Ineligible"))
    credit_in = MoneyColumn(verbose_name=_("Credit brought forward"))
    credit_out = MoneyColumn(verbose_name=_("Credit carried forward"))
    arrears = MoneyColumn(verbose_name=_("Arrears"))
    status = LabelColumn(verbose_name=_("Status"), enum="obligations.YearStatus")
    # No field behind the column: exports take the rendered reasons, not the stored codes.
    reasons = tables.Column(verbose_name=_("Reasons"), accessor="reasons_rendered", empty_values=())

    class Meta:
        model = RightYearBalance
        fields = ("right", "year", "base_type", "base_year", "base_amount", "regime_code", "regime_version", "obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears", "status", "reasons")
        attrs = {"class": "table table-sm align-middle"}
        orderable = False

    def render_reasons(self, record):
        from niokr.obligations.reasons import render_reason

        return " ".join(render_reason(r, _lang()) for r in (record.reasons or []))

    def value_reasons(self, record):
        return self.render_reasons(record)


class LedgerEntryTable(tables.Table):
    """A right's ledger: newest first, with the entry a reversal undoes and the reversal that undid it."""

    id = tables.Column(verbose_name="№", attrs={"td": {"class": "num"}})
    entry_date = DayColumn(verbose_name=_("Date"))
    year = tables.Column(verbose_name=_("Year"))
    kind = LabelColumn(verbose_name=_("Kind"), enum="obligations.EntryKind")
    channel = LabelColumn(verbose_name=_("Channel"), enum="obligations.Channel")
    amount = MoneyColumn(verbose_name=_("Amount"))
    performer = tables.Column(verbose_name=_("Performer"), accessor="performer")
    source = tables.Column(verbose_name=_("Source"), accessor="source_type", empty_values=())
    reference = tables.Column(verbose_name=_("Reference"))
    link = tables.Column(verbose_name=_("Reversal"), empty_values=(), accessor="reverses_id")

    class Meta:
        model = LedgerEntry
        fields = ("id", "entry_date", "year", "kind", "channel", "amount", "performer", "source", "reference", "link")
        attrs = {"class": "table table-sm align-middle ledger"}
        orderable = False
        row_attrs = {"id": lambda record: f"entry-{record.pk}"}

    def render_performer(self, value):
        return localized(value, "name")

    def value_performer(self, value):
        return localized(value, "name") if value is not None else ""

    def render_source(self, record):
        text = " ".join(p for p in (record.source_type, record.source_id) if p)
        return text or "—"

    def value_source(self, record):
        return " ".join(p for p in (record.source_type, record.source_id) if p)

    def render_link(self, record):
        here = reverse("obligations:right-detail", args=[record.right_id])
        if record.reverses_id:
            return format_html('<a href="{}?entry={}#ledger">{} №{}</a>', here, record.reverses_id, _("reverses"), record.reverses_id)
        reversal = getattr(record, "reversed_by", None)
        if reversal is not None:
            return format_html('<a href="{}?entry={}#ledger">{} №{}</a>', here, record.pk, _("reversed by"), reversal.pk)
        return "—"

    def value_link(self, record):
        if record.reverses_id:
            return f"reverses {record.reverses_id}"
        reversal = getattr(record, "reversed_by", None)
        return f"reversed by {reversal.pk}" if reversal is not None else ""
