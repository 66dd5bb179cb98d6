"""Tables of the control pages, and how a flag, a subject and a notice read in the user's language.

The indicator catalogue is code: a flag stores its indicator's code and evidence, and the title and
the explanation sentence are rendered from the catalogue in the reader's language when the row is
shown or exported (:func:`explanation`). A code the catalogue no longer holds (a case item kept from
an indicator since withdrawn) still reads: its code and its evidence as ``key: value`` pairs.

A subject cell links to the subject's own page (a payment to the payment list narrowed to it, an
agreement, a right, a subsoil user, a performer); the names and numbers shown are read for the
page's rows in one query per subject type (:class:`SubjectLinks`). Exports write the subject's type
and id instead, so that a download of every row costs no extra query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

import django_tables2 as tables
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext, pgettext_lazy
from django_tables2.utils import A

from niokr.accounts.people import PersonColumn
from niokr.accounts.scoping import scope_for
from niokr.control import indicators
from niokr.control.choices import CaseStatus, NoticeKind, RunStatus, SubjectType
from niokr.control.evidence import Reading, json_value, language, threshold_rows
from niokr.control.indicators.base import Indicator
from niokr.control.models import AuditCase, ControlRun, Flag, Notice, RiskScore
from niokr.core.tables import DayColumn, LocalizedColumn, MoneyColumn, NumberColumn, TextColumn, YearColumn, link, url_or_none
from niokr.core.templatetags.niokr import day, localized, moment, money, number
from niokr.projects.models import AgendaItem, Agreement, Payment, Project
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "language",
    "json_value",
    "catalogue_by_code",
    "indicator_title",
    "explanation",
    "evidence_rows",
    "reads_control",
    "catalogue_rows",
    "notice_text",
    "contributions_text",
    "SubjectLinks",
    "FlagTable",
    "RiskScoreTable",
    "AuditCaseTable",
    "NoticeTable",
    "ControlRunTable",
    "CatalogueTable",
]

_ATTRS = {"class": "table table-sm table-hover align-middle"}
_NOWRAP = {"td": {"class": "text-nowrap"}}
_BADGES = {
    CaseStatus.OPEN: "text-bg-primary",
    CaseStatus.DOCUMENTS_REQUESTED: "text-bg-warning",
    CaseStatus.UNDER_REVIEW: "text-bg-info",
    CaseStatus.CONFIRMED: "text-bg-danger",
    CaseStatus.DISMISSED: "text-bg-secondary",
    RunStatus.RUNNING: "text-bg-info",
    RunStatus.COMPLETED: "text-bg-success",
    RunStatus.FAILED: "text-bg-danger",
}


def catalogue_by_code() -> dict[str, Indicator]:
    """The indicators of the catalogue by code."""
    return {i.code: i for i in indicators.catalogue()}


def _text(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or ""


def indicator_title(code: str, lang: str | None = None, *, by_code: Mapping[str, Indicator] | None = None) -> str:
    """The indicator's title in ``lang`` (empty for a code outside the catalogue)."""
    indicator = (by_code if by_code is not None else catalogue_by_code()).get(code)
    return _text(indicator.title, lang or language()) if indicator else ""


def explanation(
    code: str, evidence: Mapping[str, Any] | str | None, lang: str | None = None, *, by_code: Mapping[str, Indicator] | None = None, reading: Reading | None = None,
) -> str:
    """The flag's explanation sentence in ``lang`` (see :class:`niokr.control.evidence.Reading`)."""
    return (reading or Reading()).explanation(code, evidence, lang, by_code=by_code)


def evidence_rows(evidence: Mapping[str, Any] | None, lang: str | None = None, *, reading: Reading | None = None) -> list[tuple[str, str]]:
    """The evidence as (label, value) rows in ``lang``: money in tenge, dates and shares as the language writes them."""
    return (reading or Reading()).rows(evidence, lang)


def reads_control(user) -> bool:
    """Whether ``user`` reads flags, scores and runs (auditors, administrators, regulators)."""
    scope = scope_for(user)
    return scope.everything or bool(scope.mineral_groups)


def catalogue_rows(user, overrides: Mapping[str, Mapping] | None = None) -> list[dict]:
    """The catalogue as ``user`` may read it, in the active language, with the latest national run's figures.

    The catalogue is the control body's method: listed to auditors and regulators, empty for anyone
    else. Thresholds carry their default and the value configured now (``overrides``: the
    configuration, ``NIOKR_CONTROL_THRESHOLDS`` by default).
    """
    if not reads_control(user):
        return []
    overrides = settings.NIOKR_CONTROL_THRESHOLDS if overrides is None else overrides
    lang = language()
    reading = Reading()
    run = latest_national_run(user)
    counts = run.counts if run else {}
    loose = {w["indicator"]: w for w in (run.warnings if run else [])}
    rows = []
    for i in indicators.catalogue():
        in_force = i.params(overrides.get(i.code))
        c = counts.get(i.code) if run else None
        judged = (c.get("flagged", 0) + c.get("clear", 0)) if c else 0
        rows.append({
            "code": i.code, "version": i.version, "subject_type": i.subject_type, "subject_type_label": SubjectType(i.subject_type).label, "weight": i.weight,
            "title": _text(i.title, lang), "rationale": _text(i.rationale, lang), "legal_basis": _text(i.legal_basis, lang),
            "thresholds": threshold_rows(i, in_force, lang, reading),
            "subjects": c.get("subjects") if c else None, "flagged": c.get("flagged") if c else None,
            "clear": c.get("clear") if c else None, "not_computable": c.get("not_computable") if c else None,
            "share_flagged": round(c["flagged"] / judged, 4) if judged else None,
            "too_loose": i.code in loose, "loose_limit": loose[i.code]["limit"] if i.code in loose else None,
        })
    return rows


def latest_national_run(user) -> ControlRun | None:
    """The latest completed national run ``user`` may see."""
    return ControlRun.objects.visible_to(user).filter(payer__isnull=True, status=RunStatus.COMPLETED).order_by("-id").first()


def notice_text(notice: Notice) -> str:
    """A notice in the active language, from its kind and parameters."""
    p = notice.params or {}
    reference = p.get("reference", "")
    if notice.kind == NoticeKind.DOCUMENT_REQUEST:
        due = p.get("due_on")
        try:
            due = day(date.fromisoformat(due)) if due else "—"
        except ValueError:
            pass
        return _("Audit case %(reference)s: please send the documents requested by %(due)s: %(text)s") % {"reference": reference, "due": due, "text": p.get("text", "")}
    if notice.kind == NoticeKind.CASE_CONFIRMED:
        return _("Audit case %(reference)s is closed: the violation is confirmed and %(amount)s is excluded from the R&D spending counted towards the obligation. Reason: %(reason)s") % {
            "reference": reference, "amount": money(p.get("excluded")), "reason": p.get("reason", ""),
        }
    if notice.kind == NoticeKind.CASE_DISMISSED:
        return _("Audit case %(reference)s is closed without findings. Reason: %(reason)s") % {"reference": reference, "reason": p.get("reason", "")}
    return str(p)


def contributions_text(contributions: Iterable[Mapping[str, Any]]) -> str:
    """A score's contributions in one line: ``NK-07 +35.0 · NK-08 +12.5``."""
    return " · ".join(f"{c.get('indicator')} +{number(c.get('points') or 0, 1)}" for c in json_value(contributions) or ())


def _payment_list_url(agreement_id: int, paid_on: date) -> str | None:
    base = url_or_none("projects:payment-list")
    if base is None:
        return None
    return base + "?" + urlencode({"agreement": agreement_id, "paid_after": paid_on.isoformat(), "paid_before": paid_on.isoformat()})


class SubjectLinks:
    """The text and page of flagged subjects, read in one query per subject type for a set of rows.

    ``add`` the rows' subjects first (or let the table do it for its page), then ask :meth:`cell`
    or :meth:`text`. A subject is named as people know it: a payment by its document number and
    date, an agreement by its number, a right by its number, an organisation by its name.
    """

    def __init__(self):
        self._wanted: dict[str, set[int]] = {}
        self._loaded: dict[tuple[str, int], tuple[str, str | None]] = {}

    def add(self, records: Iterable[Any]) -> None:
        for r in records:
            if (r.subject_type, r.subject_id) not in self._loaded:
                self._wanted.setdefault(r.subject_type, set()).add(r.subject_id)

    def clear(self) -> None:
        self._wanted, self._loaded = {}, {}

    def _load(self) -> None:
        wanted, self._wanted = self._wanted, {}
        ids = wanted.get(SubjectType.PAYMENT)
        if ids:
            for pk, doc, paid_on, agreement_id in Payment.objects.filter(pk__in=ids).values_list("pk", "document_number", "paid_on", "agreement_id"):
                # The sentence says "No" itself where the language does: a number written «№ 12» is named 12.
                doc = doc.removeprefix("№").strip() or doc
                self._loaded[SubjectType.PAYMENT, pk] = (_("Payment %(document)s of %(date)s") % {"document": doc, "date": day(paid_on)}, _payment_list_url(agreement_id, paid_on))
        ids = wanted.get(SubjectType.AGREEMENT)
        if ids:
            for pk, agreement_number in Agreement.objects.filter(pk__in=ids).values_list("pk", "number"):
                self._loaded[SubjectType.AGREEMENT, pk] = (_("Agreement No %(number)s") % {"number": agreement_number}, reverse("projects:agreement-detail", args=[pk]))
        ids = wanted.get(SubjectType.RIGHT_YEAR)
        if ids:
            for pk, right_number in SubsoilRight.objects.filter(pk__in=ids).values_list("pk", "number"):
                self._loaded[SubjectType.RIGHT_YEAR, pk] = (_("Subsoil use right %(number)s") % {"number": right_number}, url_or_none("obligations:right-detail", pk))
        ids = wanted.get(SubjectType.PROJECT)
        if ids:
            for pk, code in Project.objects.filter(pk__in=ids).values_list("pk", "code"):
                self._loaded[SubjectType.PROJECT, pk] = (_("Project %(code)s") % {"code": code}, url_or_none("projects:project-detail", pk))
        ids = wanted.get(SubjectType.COUNCIL_DECISION)
        if ids:
            rows = AgendaItem.objects.filter(pk__in=ids).values_list("pk", "session__reference", "session__held_on", "version__programme__reference")
            for pk, session, held_on, programme in rows:
                text = _("Council session %(session)s of %(date)s on programme %(programme)s") % {"session": session, "date": day(held_on), "programme": programme}
                self._loaded[SubjectType.COUNCIL_DECISION, pk] = (text, url_or_none("lifecycle:programme-detail", programme))
        orgs = wanted.get(SubjectType.PAYER_YEAR, set()) | wanted.get(SubjectType.PERFORMER, set())
        if orgs:
            found = Organisation.objects.only("pk", "bin", "name_kk", "name_ru", "name_en").in_bulk(orgs)
            for pk in wanted.get(SubjectType.PAYER_YEAR, ()):
                if pk in found:
                    self._loaded[SubjectType.PAYER_YEAR, pk] = (localized(found[pk], "name"), url_or_none("obligations:holder-detail", pk))
            for pk in wanted.get(SubjectType.PERFORMER, ()):
                if pk in found:
                    text = _("%(name)s (BIN %(bin)s)") % {"name": localized(found[pk], "name"), "bin": found[pk].bin}
                    self._loaded[SubjectType.PERFORMER, pk] = (text, url_or_none("projects:performer-detail", pk))

    def text_and_url(self, subject_type: str, subject_id: int) -> tuple[str, str | None]:
        if self._wanted:
            self._load()
        return self._loaded.get((subject_type, subject_id), (str(_("no longer in the registry")), None))

    def text(self, record) -> str:
        """The subject in words (with its year for a subsoil-user-year or right-year), as exports write it."""
        text, _url = self.text_and_url(record.subject_type, record.subject_id)
        if record.subject_type in (SubjectType.PAYER_YEAR, SubjectType.RIGHT_YEAR) and record.year:
            text = f"{text}, {record.year}"
        return text

    def cell(self, record) -> str:
        """The subject as a link (with its year for a subsoil-user-year or right-year)."""
        _text, url = self.text_and_url(record.subject_type, record.subject_id)
        return link(url, self.text(record))


class ChoiceColumn(TextColumn):
    """A stored choice shown (and exported) with its label in the active language."""

    def __init__(self, enum, *args, badges: Mapping[str, str] | None = None, **kwargs):
        self.enum, self.badges = enum, badges
        super().__init__(*args, **kwargs)

    def _label(self, value) -> str:
        try:
            return str(self.enum(value).label)
        except ValueError:
            return "" if value is None else str(value)

    def render(self, value):
        if self.badges:
            return format_html('<span class="badge {}">{}</span>', self.badges.get(value, "text-bg-light"), self._label(value))
        return self._label(value)

    def export(self, record, accessor: A):
        return self._label(accessor.resolve(record, quiet=True))


class ComputedColumn(TextColumn):
    """Text computed from the record (the same text in the cell and in the export)."""

    def __init__(self, compute: Callable[[Any], str], *args, **kwargs):
        self.compute = compute
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, record):
        return self.compute(record)

    def export(self, record, accessor: A):
        return self.compute(record)


class SelectColumn(tables.Column):
    """A checkbox per row (``name`` = the POST field, value = the row's id); not exported."""

    def __init__(self, *args, field: str, **kwargs):
        self.field = field
        kwargs.update(orderable=False, empty_values=(), accessor="pk", verbose_name="")
        super().__init__(*args, **kwargs)

    def render(self, record):
        return format_html('<input type="checkbox" class="form-check-input" name="{}" value="{}" aria-label="{}">', self.field, record.pk, _("Select"))


class _SubjectTable(tables.Table):
    """A table of flagged or scored subjects: the subjects (and evidence) of a page are read together.

    An export reads its rows in chunks (:meth:`prime` each chunk), so that naming every subject of
    a download costs a few queries per thousand rows.
    """

    subject = tables.Column(verbose_name=pgettext_lazy("control", "Subject"), orderable=False, empty_values=())

    def __init__(self, *args, user=None, **kwargs):
        self.subjects = SubjectLinks()
        self.reading = Reading()
        self.by_code = catalogue_by_code()
        self.reader = reads_control(user)
        self._primed = False
        super().__init__(*args, **kwargs)

    def prime(self, records: list) -> None:
        """Read what ``records`` name (their subjects, their evidence's organisations) in one go."""
        self.subjects.add(records)
        self.reading.add(records)
        self._primed = True

    def _prime_page(self, record) -> None:
        if not self._primed:
            page = getattr(self, "page", None)
            self.prime([row.record for row in page.object_list] if page is not None else [record])
        self.subjects.add([record])

    def render_subject(self, record):
        self._prime_page(record)
        return self.subjects.cell(record)

    def value_subject(self, record):
        self._prime_page(record)
        return self.subjects.text(record)

    def render_payer(self, record, column):
        if record.payer_id is None:
            return "—"
        return link(url_or_none("control:risk-panel", record.payer_id) if self.reader else None, column.render(record))


def primed_rows(table: _SubjectTable, records: Iterable[Any], chunk: int = 2000) -> Iterator[Any]:
    """``records`` one by one, the table primed with each chunk of them before it is written."""
    batch: list = []
    for record in records:
        batch.append(record)
        if len(batch) >= chunk:
            table.subjects.clear()
            table.reading.clear()
            table.prime(batch)
            yield from batch
            batch = []
    if batch:
        table.subjects.clear()
        table.reading.clear()
        table.prime(batch)
        yield from batch


def _flag_link(flag) -> str:
    return format_html('<a href="{}">{}</a>', reverse("control:flag-detail", args=[flag.pk]), pgettext("control", "Evidence"))


class FlagTable(_SubjectTable):
    """Flags: indicator, subject (linked), year, subsoil user (to its risk panel), amount at stake, explanation."""

    flags = SelectColumn(field="flags")
    indicator = TextColumn(verbose_name=gettext_lazy("Indicator"), order_by=("indicator", "pk"))
    indicator_title = ComputedColumn(lambda r: indicator_title(r.indicator), verbose_name=gettext_lazy("Indicator title"), visible=False)
    subject_type = ChoiceColumn(SubjectType, verbose_name=gettext_lazy("Subject type"), order_by=("subject_type", "pk"))
    year = YearColumn(verbose_name=gettext_lazy("Year"), order_by=("year", "pk"))
    payer = LocalizedColumn(path="payer", verbose_name=gettext_lazy("Subsoil user"))
    payer_bin = TextColumn(accessor="payer__bin", verbose_name=gettext_lazy("Subsoil user BIN"), visible=False)
    amount = MoneyColumn(verbose_name=gettext_lazy("Amount at stake, KZT"), order_by=("amount", "pk"))
    explanation = tables.Column(verbose_name=gettext_lazy("Why"), orderable=False, empty_values=(), attrs={"td": {"class": "small w-25"}})
    detail = ComputedColumn(_flag_link, verbose_name="")

    class Meta:
        model = Flag
        fields = ()
        sequence = ("flags", "indicator", "indicator_title", "subject_type", "subject", "year", "payer", "payer_bin", "amount", "explanation", "detail")
        export_only = ("indicator_title", "payer_bin")
        exclude_from_export = ("flags", "detail")
        attrs = _ATTRS
        empty_text = gettext_lazy("No flags match.")

    def __init__(self, *args, user=None, selectable: bool = False, **kwargs):
        exclude = [*(kwargs.pop("exclude", None) or ()), *(() if selectable else ("flags",))]
        super().__init__(*args, user=user, exclude=exclude, **kwargs)

    def render_indicator(self, record, value):
        title = indicator_title(value, by_code=self.by_code)
        return format_html('<span class="fw-semibold">{}</span><br><span class="small muted text-nowrap">{}</span>', title, value) if title else value

    def render_explanation(self, record):
        self._prime_page(record)
        return self.reading.explanation(record.indicator, record.evidence, by_code=self.by_code)

    def value_explanation(self, record):
        return self.render_explanation(record)


class RiskScoreTable(_SubjectTable):
    """Risk scores: score, subject (linked), year, subsoil user (to its risk panel), flags, amount, contributions."""

    score = NumberColumn(verbose_name=gettext_lazy("Risk score"), order_by=("score", "pk"))
    subject_type = ChoiceColumn(SubjectType, verbose_name=gettext_lazy("Subject type"), orderable=False)
    year = YearColumn(verbose_name=gettext_lazy("Year"), order_by=("year", "pk"))
    payer = LocalizedColumn(path="payer", verbose_name=gettext_lazy("Subsoil user"))
    payer_bin = TextColumn(accessor="payer__bin", verbose_name=gettext_lazy("Subsoil user BIN"), visible=False)
    flags = NumberColumn(verbose_name=gettext_lazy("Flags"), order_by=("flags", "pk"))
    amount = MoneyColumn(verbose_name=gettext_lazy("Amount at stake, KZT"), order_by=("amount", "pk"))
    contributions = ComputedColumn(lambda r: contributions_text(r.contributions), verbose_name=gettext_lazy("Points by indicator"))

    class Meta:
        model = RiskScore
        fields = ()
        sequence = ("score", "subject_type", "subject", "year", "payer", "payer_bin", "flags", "amount", "contributions")
        export_only = ("payer_bin",)
        attrs = _ATTRS
        empty_text = gettext_lazy("No risk scores match.")


class AuditCaseTable(tables.Table):
    """Audit cases: reference (to the case), subsoil user, title, status, assignee, dates, amount excluded."""

    reference = TextColumn(verbose_name=gettext_lazy("Reference"), order_by=("reference",), attrs=_NOWRAP)
    payer = LocalizedColumn(path="payer", verbose_name=gettext_lazy("Subsoil user"))
    payer_bin = TextColumn(accessor="payer__bin", verbose_name=gettext_lazy("Subsoil user BIN"), visible=False)
    title = TextColumn(verbose_name=gettext_lazy("Title"), orderable=False)
    status = ChoiceColumn(CaseStatus, verbose_name=gettext_lazy("Status"), order_by=("status", "pk"), badges=_BADGES)
    assignee = PersonColumn(verbose_name=gettext_lazy("Assigned to"))
    opened_at = DayColumn(verbose_name=gettext_lazy("Opened"), order_by=("opened_at", "pk"))
    closed_at = DayColumn(verbose_name=gettext_lazy("Closed"), order_by=("closed_at", "pk"))
    excluded_total = MoneyColumn(verbose_name=gettext_lazy("Amount excluded, KZT"), order_by=("excluded_total", "pk"))

    class Meta:
        model = AuditCase
        fields = ()
        sequence = ("reference", "payer", "payer_bin", "title", "status", "assignee", "opened_at", "closed_at", "excluded_total")
        export_only = ("payer_bin",)
        attrs = _ATTRS
        empty_text = gettext_lazy("No audit cases.")

    def __init__(self, *args, user=None, **kwargs):
        self.reader = reads_control(user)
        super().__init__(*args, **kwargs)

    def render_reference(self, record, value):
        return link(reverse("control:case-detail", args=[record.pk]), value)

    def render_payer(self, record, column):
        return link(url_or_none("control:risk-panel", record.payer_id) if self.reader else None, column.render(record))


class NoticeTable(tables.Table):
    """Notices: date, organisation, kind, case, the text in the reader's language."""

    created_at = DayColumn(verbose_name=gettext_lazy("Sent"), order_by=("created_at", "pk"))
    organisation = LocalizedColumn(path="organisation", verbose_name=gettext_lazy("Organisation"))
    kind = ChoiceColumn(NoticeKind, verbose_name=gettext_lazy("Kind"), order_by=("kind", "pk"))
    case = TextColumn(accessor="case__reference", verbose_name=gettext_lazy("Case"), orderable=False, attrs=_NOWRAP)
    text = ComputedColumn(notice_text, verbose_name=gettext_lazy("Notice"))

    class Meta:
        model = Notice
        fields = ()
        sequence = ("created_at", "organisation", "kind", "case", "text")
        attrs = _ATTRS
        empty_text = gettext_lazy("No notices.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_case(self, record, value):
        return link(reverse("control:case-detail", args=[record.case_id]), value)


def _run_scope(run: ControlRun) -> str:
    return localized(run.payer, "name") if run.payer_id else str(_("National"))


def _run_total(key: str) -> Callable[[ControlRun], int]:
    return lambda run: sum(int(c.get(key, 0)) for c in (run.counts or {}).values())


#: The phases of a run as its page names them.
PHASES = {
    "extract": gettext_lazy("reading the data"),
    "evaluate": gettext_lazy("evaluating the indicators"),
    "write": gettext_lazy("writing the results"),
}


def phases_text(phases: Mapping[str, Any] | None) -> str:
    """``reading the data 0.2 s; evaluating the indicators 0.4 s; …`` in the active language."""
    return "; ".join(
        _("%(phase)s %(seconds)s s") % {"phase": PHASES.get(name, name), "seconds": number(seconds, 1)} for name, seconds in (phases or {}).items()
    ) or "—"


def run_label(run: ControlRun) -> str:
    """A run as people name it: its scope and when it started (``National run of 07.12.2026 10:40``)."""
    if run.payer_id:
        return _("Run for %(name)s of %(moment)s") % {"name": localized(run.payer, "name"), "moment": moment(run.started_at)}
    return _("National run of %(moment)s") % {"moment": moment(run.started_at)}


def _too_loose(run: ControlRun) -> str:
    codes = [w.get("indicator", "") for w in run.warnings or ()]
    by_code = catalogue_by_code()
    return "; ".join(f"{indicator_title(c, by_code=by_code)} ({c})" if indicator_title(c, by_code=by_code) else c for c in codes)


class ControlRunTable(tables.Table):
    """Runs: scope, date evaluated, status, when it started and how long it took, who started it, totals, warnings, phases."""

    scope = ComputedColumn(_run_scope, verbose_name=gettext_lazy("Scope"))
    as_of = DayColumn(verbose_name=gettext_lazy("Evaluated as of"), order_by=("as_of", "id"))
    status = ChoiceColumn(RunStatus, verbose_name=gettext_lazy("Status"), order_by=("status", "id"), badges=_BADGES)
    started_at = ComputedColumn(lambda run: moment(run.started_at), verbose_name=gettext_lazy("Started"), attrs=_NOWRAP)
    duration = ComputedColumn(lambda run: number((run.finished_at - run.started_at).total_seconds(), 1) if run.finished_at else "—", verbose_name=gettext_lazy("Duration, s"))
    started_by = PersonColumn(nobody=gettext_lazy("the system"), verbose_name=gettext_lazy("Started by"))
    subjects = ComputedColumn(lambda run: number(_run_total("subjects")(run)), verbose_name=gettext_lazy("Subjects"))
    flagged = ComputedColumn(lambda run: number(_run_total("flagged")(run)), verbose_name=gettext_lazy("Flagged"))
    warnings = ComputedColumn(_too_loose, verbose_name=gettext_lazy("Too loose"))
    phases = ComputedColumn(lambda run: phases_text(run.phases), verbose_name=gettext_lazy("Phases"))
    error = TextColumn(verbose_name=gettext_lazy("Error"), orderable=False)

    class Meta:
        model = ControlRun
        fields = ()
        sequence = ("scope", "as_of", "status", "started_at", "duration", "started_by", "subjects", "flagged", "warnings", "phases", "error")
        attrs = _ATTRS
        empty_text = gettext_lazy("No control run yet.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class CatalogueTable(tables.Table):
    """The indicator catalogue with the figures of the latest national run (rows are dicts).

    The page shows each indicator by its title (its code small beside it) with the run's figures;
    the rationale, legal basis and thresholds are written out below the table and in the export.
    """

    title = TextColumn(verbose_name=gettext_lazy("Indicator"))
    code = TextColumn(verbose_name=gettext_lazy("Code"), visible=False)
    subject_type = ChoiceColumn(SubjectType, verbose_name=gettext_lazy("Subject type"))
    weight = NumberColumn(verbose_name=gettext_lazy("Weight"))
    version = NumberColumn(verbose_name=gettext_lazy("Version"), visible=False)
    rationale = TextColumn(verbose_name=gettext_lazy("Rationale"), orderable=False, visible=False)
    legal_basis = TextColumn(verbose_name=gettext_lazy("Legal basis"), orderable=False, visible=False)
    thresholds = TextColumn(verbose_name=gettext_lazy("Thresholds (default → in force)"), orderable=False, visible=False)
    subjects = NumberColumn(verbose_name=gettext_lazy("Subjects"))
    flagged = NumberColumn(verbose_name=gettext_lazy("Flagged"))
    clear = NumberColumn(verbose_name=gettext_lazy("Not flagged"))
    not_computable = NumberColumn(verbose_name=gettext_lazy("Not computable"))
    share = NumberColumn(verbose_name=gettext_lazy("Share flagged, %"), places=1)
    warning = TextColumn(verbose_name=gettext_lazy("Warning"), orderable=False)

    class Meta:
        attrs = _ATTRS
        sequence = ("title", "code", "subject_type", "weight", "version", "rationale", "legal_basis", "thresholds", "subjects", "flagged", "clear", "not_computable", "share", "warning")
        export_only = ("code", "version", "rationale", "legal_basis", "thresholds")
        empty_text = gettext_lazy("The indicator catalogue is the control body's method: it is shown to auditors and to the regulators of the competent ministries.")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def render_title(self, record, value):
        return format_html('<a class="fw-semibold" href="#{}">{}</a> <span class="small muted text-nowrap">{}</span>', record["code"], value, record["code"])

    def value_title(self, value):
        return value

    def render_warning(self, value):
        return format_html('<span class="badge text-bg-warning">{}</span>', value) if value else ""
