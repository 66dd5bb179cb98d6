"""Tables of the obligations app (django-tables2): the regime catalogue, base figures, balances, the ledger."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from niokr.core.reference import label
from niokr.core.templatetags.niokr import day, localized, money, rate
from niokr.obligations.describe import describe_sources, regime_label, reversal_reason
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
    """The regime catalogue: each version by its title, with the code and version small beneath (the export has them in columns)."""

    regime = tables.Column(verbose_name=_("Regime"), accessor="code", order_by=("code", "version"))
    code = tables.Column(verbose_name=_("Code"), visible=False)
    version = tables.Column(verbose_name=_("Version"), visible=False)
    title = tables.Column(verbose_name=_("Title"), accessor="title_ru", order_by=("title_ru",), visible=False)
    act = tables.Column(verbose_name=_("Act"), accessor="act_number", order_by=("act_date",))
    effective_from = DayColumn(verbose_name=_("Effective from"))
    effective_to = DayColumn(verbose_name=_("Effective to"))
    base_type = LabelColumn(verbose_name=_("Base"), enum="obligations.BaseType")
    rate = tables.Column(verbose_name=_("Rate"), attrs={"td": {"class": "num"}})
    channel = LabelColumn(verbose_name=_("Channel"), enum="obligations.Channel")
    credit_rule = LabelColumn(verbose_name=_("Credit rule"), enum="obligations.CreditRule")

    class Meta:
        model = RuleRegime
        fields = ("regime", "code", "version", "title", "act", "effective_from", "effective_to", "base_type", "rate", "channel", "credit_rule")
        export_only = ("code", "version", "title")
        exclude_from_export = ("regime",)
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("regime",)
        empty_text = _("No rule regime matches these filters.")

    def render_regime(self, record):
        url = reverse("obligations:regime-detail", args=[record.pk])
        return format_html('<a href="{}">{}</a><div class="small muted"><span class="code">{}</span> · {}</div>', url, localized(record, "title"), record.code, _("version %(version)s") % {"version": record.version})

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
        empty_text = _("No base figure is recorded for this right yet: the company reports its aggregate annual income or production costs each year.")

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
    regime_code = tables.Column(verbose_name=_("Regime code"))
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
    regime = tables.Column(verbose_name=_("Regime"), accessor="regime_code")

    class Meta:
        model = RightYearBalance
        fields = ("right", "year", "base_type", "base_year", "base_amount", "regime_code", "regime_version", "obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears", "status", "reasons", "regime")
        attrs = {"class": "table table-sm align-middle"}
        orderable = False

    def render_reasons(self, record):
        from niokr.obligations.reasons import render_reason

        return " ".join(render_reason(r, _lang()) for r in (record.reasons or []))

    def value_reasons(self, record):
        return self.render_reasons(record)

    def render_regime(self, value):
        return regime_label(value)

    def value_regime(self, value):
        return regime_label(value)


class LedgerEntryTable(tables.Table):
    """A right's ledger, newest first: what each entry came from in business words, never a database id.

    The source is the payment, budget transfer, calculation or audit case behind the entry
    (:func:`niokr.obligations.describe.describe_sources`, a few queries for the page's rows); a
    reversal names the day of the entry it undoes and links to it. The export writes the
    performer's BIN in a column of its own.
    """

    entry_date = DayColumn(verbose_name=_("Date"), attrs={"td": {"class": "text-nowrap"}})
    year = tables.Column(verbose_name=_("Year"))
    kind = LabelColumn(verbose_name=_("Kind"), enum="obligations.EntryKind")
    channel = LabelColumn(verbose_name=_("Channel"), enum="obligations.Channel")
    amount = MoneyColumn(verbose_name=_("Amount"))
    performer = tables.Column(verbose_name=_("Performer"), accessor="performer")
    performer_bin = tables.Column(verbose_name=_("Performer BIN"), accessor="performer__bin", visible=False)
    source = tables.Column(verbose_name=_("Source"), accessor="source_type", empty_values=())
    reference = tables.Column(verbose_name=_("Reference"), visible=False)
    link = tables.Column(verbose_name=_("Reversal"), empty_values=(), accessor="reverses_id")

    class Meta:
        model = LedgerEntry
        fields = ("entry_date", "year", "kind", "channel", "amount", "performer", "performer_bin", "source", "reference", "link")
        export_only = ("performer_bin", "reference")
        attrs = {"class": "table table-sm align-middle ledger"}
        orderable = False
        row_attrs = {"id": lambda record: f"entry-{record.pk}"}
        empty_text = _("No ledger entries: nothing has been posted for this right with these filters.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sources: dict[int, str] | None = None

    def _source_text(self, record) -> str:
        """The description of ``record``'s source, made for every row shown (or exported) at once."""
        if self._sources is None or record.pk not in self._sources:
            rows = self.paginated_rows if getattr(self, "page", None) is not None else self.rows
            self._sources = describe_sources([row.record for row in rows])
        return self._sources.get(record.pk) or "—"

    def render_performer(self, value):
        return format_html('{}<div class="small muted">{} {}</div>', localized(value, "name"), _("BIN"), value.bin)

    def value_performer(self, value):
        return localized(value, "name") if value is not None else ""

    def render_source(self, record):
        text = self._source_text(record)
        if record.kind == "reversal" and record.reference:
            return format_html('{}<div class="small muted">{}</div>', text, reversal_reason(record.reference))
        return text

    def value_source(self, record):
        return self._source_text(record)

    def value_reference(self, record):
        return reversal_reason(record.reference) if record.kind == "reversal" else record.reference

    def render_link(self, record):
        here = reverse("obligations:right-detail", args=[record.right_id])
        text = self.value_link(record)
        if not text:
            return "—"
        # ?entry= shows the entry and its reversal together; the link's text names the day, not the entry's id.
        return format_html('<a href="{}?entry={}#ledger">{}</a>', here, record.reverses_id or record.pk, text)

    def value_link(self, record):
        if record.reverses_id:
            # A reversal keeps the date of the entry it undoes.
            return _("reverses the entry of %(date)s") % {"date": day(record.entry_date)}
        reversal = getattr(record, "reversed_by", None)
        if reversal is None:
            return ""
        return _("reversed on %(date)s") % {"date": day(timezone.localtime(reversal.created_at).date())}
