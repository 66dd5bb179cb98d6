"""Tables of agreements and payments.

A party's name links to its page where the user can open it: the payer to its registry page, the
performer to the performer page, the right to the right's page, the report a payment came in to its
page. What the user may not open is plain text, never a link to a page that answers 404. A party is
named with its BIN beneath; no database id is shown. Columns that would sort a national table of
payments through a join are not sortable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from niokr.accounts.scoping import scope_for
from niokr.core.tables import DayColumn, LabelColumn, LocalizedColumn, MoneyColumn, NumberColumn, PlainRowsTable, TextColumn, YearColumn, link, url_or_none
from niokr.core.templatetags.niokr import day, number
from niokr.projects.models import Agreement, Payment

__all__ = ["AgreementTable", "PartyLinks", "PaymentTable"]

_ATTRS = {"class": "table table-sm table-hover align-middle"}
_NOWRAP = {"td": {"class": "text-nowrap"}}


class PartyLinks:
    """Links to the parties' pages, given the user the table is shown to.

    Args:
        user: the user the links are shown to.
        url: ``(URL name, id) → URL or None``; a table passes its own (one ``reverse()`` per page).
    """

    def __init__(self, user, url: Callable[[str, int], str | None] = url_or_none):
        scope = scope_for(user)
        self._everything = scope.everything
        self._regulator = bool(scope.mineral_groups)
        self._groups = scope.mineral_groups
        self._own = scope.organisation_ids
        self._url = url

    def payer_url(self, agreement, right=None) -> str | None:
        """The payer's registry page, where the user may see the payer.

        A regulator sees an agreement because its payer holds a right in the regulator's
        competence, and a payment because its right does: the payer is visible when it holds it.
        """
        payer_id = agreement.payer_id
        visible = (
            self._everything
            or payer_id in self._own
            or (self._regulator and (right is None or right.holder_id == payer_id))
        )
        return self._url("registry:organisation-detail", payer_id) if visible else None

    def performer_url(self, agreement) -> str | None:
        """The performer page: whoever sees an agreement may open the page of its performer."""
        return self._url("projects:performer-detail", agreement.performer_id)

    def right_url(self, right) -> str | None:
        """The right's page, where the user may see the right (``SubsoilRight.objects.visible_to``).

        Administrators and auditors see every right; a regulator the rights of its mineral groups;
        company staff their own organisation's rights. A performer sees none.
        """
        if right is None:
            return None
        visible = self._everything or right.mineral_group in self._groups or right.holder_id in self._own
        return self._url("obligations:right-detail", right.pk) if visible else None

    def submission_url(self, submission_id, agreement, right=None) -> str | None:
        """The report a payment came in: its payer's submission, seen by those who see the payer."""
        if not submission_id or self.payer_url(agreement, right) is None:
            return None
        return self._url("intake:submission-detail", submission_id)


def party(name_link, bin_code) -> str:
    """A party's name (a link where the user may open its page) with its BIN beneath."""
    return format_html('{}<div class="small muted">{} {}</div>', name_link, _("BIN"), bin_code)


class AgreementTable(PlainRowsTable):
    """Agreements: number, date, parties, subject, amount, period, priority direction."""

    number = TextColumn(verbose_name=_("Number"), order_by=("number", "pk"), attrs=_NOWRAP)
    signed_on = DayColumn(verbose_name=_("Date"), order_by=("signed_on", "pk"))
    payer = LocalizedColumn(path="payer", verbose_name=_("Payer"))
    payer_bin = TextColumn(accessor="payer__bin", verbose_name=_("Payer BIN"), visible=False)
    performer = LocalizedColumn(path="performer", verbose_name=_("Performer"))
    performer_bin = TextColumn(accessor="performer__bin", verbose_name=_("Performer BIN"), visible=False)
    subject = TextColumn(verbose_name=_("Subject"), orderable=False)
    amount = MoneyColumn(verbose_name=_("Amount, KZT"), order_by=("amount", "pk"))
    period = TextColumn(accessor="period_start", verbose_name=_("Period"), order_by=("period_start", "pk"))
    period_start = DayColumn(verbose_name=_("Period start"), visible=False)
    period_end = DayColumn(verbose_name=_("Period end"), visible=False)
    priority_direction = LabelColumn("core.PriorityDirection", verbose_name=_("Priority direction"))

    class Meta:
        model = Agreement
        fields = ("number", "signed_on", "payer", "performer", "subject", "amount", "period", "priority_direction")
        sequence = ("number", "signed_on", "payer", "payer_bin", "performer", "performer_bin", "subject", "amount", "period", "period_start", "period_end", "priority_direction")
        export_only = ("payer_bin", "performer_bin", "period_start", "period_end")
        exclude_from_export = ("period",)
        attrs = _ATTRS
        empty_text = _("No agreements match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = PartyLinks(user, self.url)

    def render_number(self, record, value):
        return link(self.url("projects:agreement-detail", record.pk), value)

    def render_payer(self, record, column):
        return party(link(self.links.payer_url(record), column.render(record)), record.payer.bin)

    def render_performer(self, record, column):
        return party(link(self.links.performer_url(record), column.render(record)), record.performer.bin)

    def render_subject(self, value):
        return Truncator(value).chars(90)

    def render_period(self, record):
        return f"{day(record.period_start)} – {day(record.period_end)}"


class PaymentTable(PlainRowsTable):
    """Payments: date, amount in KZT (and in the original currency at its rate), document, parties, right, report.

    The currency, the amount in it and the rate are one column on the page and three in the export.
    """

    paid_on = DayColumn(verbose_name=_("Date"), order_by=("paid_on", "id"))
    amount = MoneyColumn(verbose_name=_("Amount, KZT"), order_by=("amount", "id"))
    in_currency = TextColumn(accessor="currency", verbose_name=_("In the currency paid"), orderable=False, attrs={"th": {"class": "num text-wrap"}, "td": {"class": "num"}})
    currency = TextColumn(verbose_name=_("Currency"), orderable=False, visible=False)
    original_amount = NumberColumn(verbose_name=_("Amount in currency"), places=2, orderable=False, visible=False)
    rate = NumberColumn(verbose_name=_("Exchange rate"), places=4, orderable=False, visible=False)
    document_number = TextColumn(verbose_name=_("Document number"), orderable=False, attrs=_NOWRAP)
    payer = LocalizedColumn(path="agreement__payer", verbose_name=_("Payer"), orderable=False)
    payer_bin = TextColumn(accessor="agreement__payer__bin", verbose_name=_("Payer BIN"), visible=False)
    performer = LocalizedColumn(path="agreement__performer", verbose_name=_("Performer"), orderable=False)
    performer_bin = TextColumn(accessor="agreement__performer__bin", verbose_name=_("Performer BIN"), visible=False)
    agreement = TextColumn(accessor="agreement__number", verbose_name=_("Agreement"), orderable=False, attrs=_NOWRAP)
    right = TextColumn(accessor="right__number", verbose_name=_("Right"), orderable=False, attrs=_NOWRAP)
    for_year = YearColumn(verbose_name=_("Year credited"), order_by=("for_year", "id"))
    source_submission = TextColumn(verbose_name=_("Report"), orderable=False)
    purpose = TextColumn(verbose_name=_("Purpose"), visible=False)

    class Meta:
        model = Payment
        fields = ("paid_on", "amount", "in_currency", "currency", "original_amount", "rate", "document_number", "payer", "performer", "agreement", "right", "for_year", "source_submission")
        sequence = (
            "paid_on", "amount", "in_currency", "currency", "original_amount", "rate", "document_number", "payer", "payer_bin", "performer", "performer_bin",
            "agreement", "right", "for_year", "source_submission", "purpose",
        )
        export_only = ("currency", "original_amount", "rate", "payer_bin", "performer_bin", "purpose")
        exclude_from_export = ("in_currency", "source_submission")
        attrs = _ATTRS
        empty_text = _("No payments match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = PartyLinks(user, self.url)

    def render_in_currency(self, record, value):
        if value == "KZT" or record.original_amount is None:
            return "—"
        return format_html('{} {}<div class="small muted">{}</div>', number(record.original_amount, 2), value, _("at the rate %(rate)s") % {"rate": number(record.rate, 4)})

    def render_payer(self, record, column):
        agreement = record.agreement
        return party(link(self.links.payer_url(agreement, record.right), column.render(record)), agreement.payer.bin)

    def render_performer(self, record, column):
        agreement = record.agreement
        return party(link(self.links.performer_url(agreement), column.render(record)), agreement.performer.bin)

    def render_agreement(self, record, value):
        return link(self.url("projects:agreement-detail", record.agreement_id), value)

    def render_right(self, record, value):
        return link(self.links.right_url(record.right), value)

    def render_source_submission(self, record, value):
        url = self.links.submission_url(value, record.agreement, record.right)
        return link(url, _("Report")) if url else "—"
