"""Tables and filters of results and projects (one FilterSet per model serves the page and the API)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import PriorityDirection
from niokr.core.filtersets import ANY, YEAR_BOUNDS, IntegerFilter, PageFilterSet, labelled_choices
from niokr.core.tables import DayColumn, LabelColumn, LocalizedColumn, MoneyColumn, NumberColumn, PlainRowsTable, TextColumn, YearColumn, link
from niokr.projects.choices import Indexing, PatentOffice, ProjectStatus, ResultKind, ResultStatus
from niokr.projects.models import Agreement, Project, Result
from niokr.registry.models import Organisation

__all__ = ["ResultFilterSet", "ResultTable", "ProjectFilterSet", "ProjectTable", "ChoiceColumn", "result_summary"]

_ATTRS = {"class": "table table-sm table-hover align-middle"}


def _choices(enum):
    return lambda: [(value, str(text)) for value, text in enum.choices]


class ChoiceColumn(TextColumn):
    """A value of a ``TextChoices`` shown and exported with its label in the reader's language."""

    def __init__(self, enum, *args, **kwargs):
        self.enum = enum
        super().__init__(*args, **kwargs)

    def _text(self, value) -> str:
        if value in (None, ""):
            return "—"
        try:
            return str(self.enum(value).label)
        except ValueError:
            return str(value)

    def render(self, record, bound_column):
        return self._text(bound_column.accessor.resolve(record, quiet=True))

    def export(self, record, accessor):
        value = accessor.resolve(record, quiet=True)
        return "" if value in (None, "") else self._text(value)


def _organisations(text: str):
    return Organisation.objects.search(text).values("pk")


class ResultFilterSet(PageFilterSet):
    """Results by kind, priority direction, year, performer, payer, status, and a patent number or DOI."""

    q = django_filters.CharFilter(label=_("Patent number, DOI or title"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind of result"), choices=_choices(ResultKind), empty_label=ANY)
    direction = django_filters.ChoiceFilter(field_name="project__priority_direction", label=_("Priority direction"), choices=labelled_choices(PriorityDirection), empty_label=ANY)
    year = IntegerFilter(label=_("Year"), **YEAR_BOUNDS)
    performer = django_filters.CharFilter(label=_("Performer: BIN or name"), method="filter_performer")
    payer = django_filters.CharFilter(label=_("Payer: BIN or name"), method="filter_payer")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=_choices(ResultStatus), empty_label=ANY)
    evidence = django_filters.ChoiceFilter(label=_("Evidence"), method="filter_evidence", choices=(("yes", _("With evidence")), ("no", _("Without evidence"))), empty_label=ANY)

    class Meta:
        model = Result
        fields = ["q", "kind", "direction", "year", "performer", "payer", "status", "evidence"]

    def filter_q(self, qs, name, value: str):
        value = value.strip()
        return qs.filter(Q(patent_number__iexact=value) | Q(doi__iexact=value) | Q(reference__iexact=value) | Q(title__icontains=value)) if value else qs

    def filter_performer(self, qs, name, value: str):
        return qs.filter(project__performer_id__in=_organisations(value))

    def filter_payer(self, qs, name, value: str):
        return qs.filter(Exists(Agreement.objects.filter(project=OuterRef("project_id"), payer_id__in=_organisations(value))))

    def filter_evidence(self, qs, name, value: str):
        bare = Q(evidence_note="", evidence_reference="", evidence_sha256="")
        return qs.filter(bare) if value == "no" else qs.exclude(bare) if value == "yes" else qs


def result_summary(result) -> str:
    """What a result is, in a few words: the patent's office and number, the DOI, the level, the amount…"""
    from niokr.core.templatetags.niokr import day, money, number

    kind = result.kind
    if kind == ResultKind.PATENT:
        return f"{PatentOffice(result.patent_office).label if result.patent_office else ''} № {result.patent_number}, {day(result.achieved_on)}"
    if kind == ResultKind.PUBLICATION:
        return f"DOI {result.doi} · {Indexing(result.indexing).label if result.indexing else ''}"
    if kind == ResultKind.TRL:
        return f"{_('TRL')} {result.trl_level} · {result.trl_methodology}"
    if kind == ResultKind.IMPLEMENTATION:
        effect = f" · {money(result.economic_effect)}" if result.economic_effect is not None else ""
        return f"{result.implemented_at}, {day(result.achieved_on)}{effect}"
    if kind == ResultKind.REVENUE:
        return money(result.revenue)
    if kind == ResultKind.JOBS:
        return number(result.jobs)
    return ""


class ResultTable(PlainRowsTable):
    """Results: reference, kind, what it is, project, performer, year, status, evidence."""

    reference = TextColumn(verbose_name=_("Reference"), order_by=("reference",), attrs={"td": {"class": "text-nowrap"}})
    kind = ChoiceColumn(ResultKind, verbose_name=_("Kind of result"), order_by=("kind", "reference"))
    title = TextColumn(verbose_name=_("Title"), orderable=False)
    summary = tables.Column(accessor="reference", verbose_name=_("Details"), orderable=False, empty_values=())
    project = TextColumn(accessor="project__code", verbose_name=_("R&D project"), order_by=("project__code", "reference"))
    direction = LabelColumn("core.PriorityDirection", accessor="project__priority_direction", verbose_name=_("Priority direction"), orderable=False)
    performer = LocalizedColumn(path="project__performer", verbose_name=_("Performer"), orderable=False)
    performer_bin = TextColumn(accessor="project__performer__bin", verbose_name=_("Performer BIN"), visible=False)
    year = YearColumn(verbose_name=_("Year"), order_by=("year", "reference"))
    achieved_on = DayColumn(verbose_name=_("Date"), visible=False)
    patent_office = ChoiceColumn(PatentOffice, verbose_name=_("Patent office"), visible=False)
    patent_number = TextColumn(verbose_name=_("Patent number"), visible=False)
    doi = TextColumn(verbose_name=_("DOI"), visible=False)
    indexing = ChoiceColumn(Indexing, verbose_name=_("Indexing"), visible=False)
    trl_level = NumberColumn(verbose_name=_("TRL reached"), visible=False)
    trl_methodology = TextColumn(verbose_name=_("TRL methodology version"), visible=False)
    implemented_at = TextColumn(verbose_name=_("Implemented at"), visible=False)
    economic_effect = MoneyColumn(verbose_name=_("Economic effect, KZT"), visible=False)
    revenue = MoneyColumn(verbose_name=_("Revenue, KZT"), visible=False)
    jobs = NumberColumn(verbose_name=_("Jobs created"), visible=False)
    status = ChoiceColumn(ResultStatus, verbose_name=_("Status"), order_by=("status", "reference"))
    evidence = tables.Column(accessor="evidence_sha256", verbose_name=_("Evidence"), orderable=False, empty_values=())

    class Meta:
        model = Result
        fields = ("reference", "kind", "title", "summary", "project", "direction", "performer", "year", "status", "evidence")
        sequence = (
            "reference", "kind", "title", "summary", "project", "direction", "performer", "performer_bin", "year", "achieved_on", "patent_office", "patent_number",
            "doi", "indexing", "trl_level", "trl_methodology", "implemented_at", "economic_effect", "revenue", "jobs", "status", "evidence",
        )
        export_only = ("performer_bin", "achieved_on", "patent_office", "patent_number", "doi", "indexing", "trl_level", "trl_methodology", "implemented_at", "economic_effect", "revenue", "jobs")
        exclude_from_export = ("summary",)
        attrs = _ATTRS
        empty_text = _("No results match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_reference(self, record, value):
        return link(self.url("lifecycle:result-detail", value), value)

    def render_summary(self, record):
        return result_summary(record)

    def render_project(self, record, value):
        return link(self.url("projects:project-detail", record.project_id), value)

    def render_evidence(self, record):
        return _("yes") if record.has_evidence else format_html('<span class="badge text-bg-warning no-evidence">{}</span>', _("no evidence"))

    def value_evidence(self, record):
        return _("yes") if record.has_evidence else _("no")


class ProjectFilterSet(PageFilterSet):
    """Projects by code or title, performer, payer, priority direction, status, year started."""

    q = django_filters.CharFilter(label=_("Code or title"), method="filter_q")
    performer = django_filters.CharFilter(label=_("Performer: BIN or name"), method="filter_performer")
    payer = django_filters.CharFilter(label=_("Payer: BIN or name"), method="filter_payer")
    direction = django_filters.ChoiceFilter(field_name="priority_direction", label=_("Priority direction"), choices=labelled_choices(PriorityDirection), empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=_choices(ProjectStatus), empty_label=ANY)
    year = IntegerFilter(field_name="start_date", lookup_expr="year", label=_("Year started"), **YEAR_BOUNDS)

    class Meta:
        model = Project
        fields = ["q", "performer", "payer", "direction", "status", "year"]

    def filter_q(self, qs, name, value: str):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(code__iexact=value) | Q(title_kk__icontains=value) | Q(title_ru__icontains=value) | Q(title_en__icontains=value))

    def filter_performer(self, qs, name, value: str):
        return qs.filter(performer_id__in=_organisations(value))

    def filter_payer(self, qs, name, value: str):
        return qs.filter(Exists(Agreement.objects.filter(project=OuterRef("pk"), payer_id__in=_organisations(value))))


class ProjectTable(PlainRowsTable):
    """Projects: code, title, performer, direction, TRL start → target → reached, period, status."""

    code = TextColumn(verbose_name=_("Code"), order_by=("code",), attrs={"td": {"class": "text-nowrap"}})
    title = LocalizedColumn(field="title", verbose_name=_("Title"))
    performer = LocalizedColumn(path="performer", verbose_name=_("Performer"), orderable=False)
    performer_bin = TextColumn(accessor="performer__bin", verbose_name=_("Performer BIN"), visible=False)
    priority_direction = LabelColumn("core.PriorityDirection", verbose_name=_("Priority direction"))
    trl = tables.Column(accessor="trl_start", verbose_name=_("TRL"), orderable=False, empty_values=())
    start_date = DayColumn(verbose_name=_("Start"), order_by=("start_date", "code"))
    end_date = DayColumn(verbose_name=_("End"), order_by=("end_date", "code"))
    status = ChoiceColumn(ProjectStatus, verbose_name=_("Status"), order_by=("status", "code"))

    class Meta:
        model = Project
        fields = ("code", "title", "performer", "priority_direction", "trl", "start_date", "end_date", "status")
        sequence = ("code", "title", "performer", "performer_bin", "priority_direction", "trl", "start_date", "end_date", "status")
        export_only = ("performer_bin",)
        attrs = _ATTRS
        empty_text = _("No projects match: none is visible to you with these filters.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_code(self, record, value):
        return link(self.url("projects:project-detail", record.pk), value)

    def render_trl(self, record):
        return f"{record.trl_start_display} → {record.trl_target_display} → {record.trl_reached_display}"

    def value_trl(self, record):
        return f"{record.trl_start_display} → {record.trl_target_display} → {record.trl_reached_display}"
