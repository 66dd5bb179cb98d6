"""The programme list's table: reference (a link to the programme's page), title, applicant, ministry, status, budget."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from niokr.core.tables import DayColumn, LabelColumn, LocalizedColumn, MoneyColumn, PlainRowsTable, TextColumn, link
from niokr.projects.models import Programme
from niokr.projects.tables import party

__all__ = ["ProgrammeTable"]

_ATTRS = {"class": "table table-sm table-hover align-middle programme-table"}
_NOWRAP = {"td": {"class": "text-nowrap"}}


class ProgrammeTable(PlainRowsTable):
    """Programmes: reference, kind, title of the current version, applicant, ministry, direction, status, budget, version."""

    reference = TextColumn(verbose_name=_("Reference"), order_by=("reference", "pk"), attrs=_NOWRAP)
    kind = tables.Column(verbose_name=_("Kind"), orderable=False)
    title = LocalizedColumn(field="title", verbose_name=_("Title"))
    applicant = LocalizedColumn(path="applicant", verbose_name=_("Applicant"))
    applicant_bin = TextColumn(accessor="applicant__bin", verbose_name=_("Applicant BIN"), visible=False)
    authority = LabelColumn("core.Authority", verbose_name=_("Ministry"), order_by=("authority", "pk"))
    priority_direction = LabelColumn("core.PriorityDirection", verbose_name=_("Priority direction"), orderable=False)
    status = tables.Column(verbose_name=_("Status"), order_by=("status", "pk"))
    budget_total = MoneyColumn(verbose_name=_("Budget, KZT"), orderable=False)
    version_number = TextColumn(verbose_name=_("Version"), orderable=False)
    submitted_at = DayColumn(verbose_name=_("Submitted"), orderable=False)

    class Meta:
        model = Programme
        fields = ("reference",)
        sequence = ("reference", "kind", "title", "applicant", "applicant_bin", "authority", "priority_direction", "status", "budget_total", "version_number", "submitted_at")
        export_only = ("applicant_bin",)
        attrs = _ATTRS
        empty_text = _("No programmes match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_reference(self, record, value):
        return link(self.url("lifecycle:programme-detail", record.reference), value)

    def render_kind(self, record):
        return record.get_kind_display()

    def render_status(self, record):
        return record.get_status_display()

    def render_applicant(self, record, column):
        return party(column.render(record), record.applicant.bin)

    def value_kind(self, record):
        return str(record.get_kind_display())

    def value_status(self, record):
        return str(record.get_status_display())
