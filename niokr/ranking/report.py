"""The foresight report the Council reads: a PDF (WeasyPrint) and an XLSX (xlsxwriter) in kk, ru or en.

Contents, in order: the title page (the exercise's title in the chosen language *and* in the other
of Kazakh/Russian — every language version carries both); the method (the consensus rules locked
in advance with the lock date, the quartile method, the scales, the panels and the response per
round); the results per round (each item's median, quartiles and consensus verdict per scale;
Kendall's W); the ranking with its weights, consistency and sensitivity; the importance ×
capability matrix; the KISTEP-style technology-level table; the roadmap; the innovation-potential
map by region (:func:`niokr.ranking.potential.innovation_potential`).

No panellist is named: only panels' sizes and the frozen group statistics are printed. The PDF is
printed as the project's other PDFs are (:mod:`niokr.obligations.statement`): DejaVu Sans for the
Kazakh letters, nothing fetched (``data:`` URIs only).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import weasyprint
import xlsxwriter
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from niokr.core.formatting import day_text, moment_text
from niokr.core.reference import label as reference_label
from niokr.core.safety import neutralise
from niokr.ranking import analysis, charts, potential
from niokr.ranking.models import RankingExercise
from niokr.ranking.presentation import RunView, consensus_label, run_view

__all__ = ["REPORT_CSS", "report_data", "render_pdf", "render_xlsx", "ReportData"]

REPORT_CSS = """
@page { size: A4; margin: 16mm 14mm 16mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans"; font-size: 7.5pt; color: #5b6775; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 8.6pt; color: #1d2433; }
h1 { font-size: 17pt; margin: 30mm 0 4mm 0; color: #0f2942; }
h2 { font-size: 11pt; margin: 6mm 0 2mm 0; color: #0f2942; border-bottom: 0.4pt solid #9aa5b1; padding-bottom: 1mm; page-break-after: avoid; }
h3 { font-size: 9.5pt; margin: 4mm 0 1mm 0; page-break-after: avoid; }
.title-page { page-break-after: always; }
.other-title { font-size: 13pt; color: #364152; margin: 0 0 3mm 0; }
.meta { color: #5b6775; font-size: 8pt; }
.draft { color: #b42318; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm 0; }
th, td { border: 0.4pt solid #c4ccd6; padding: 1mm 1.4mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eef2f6; }
td.num, th.num { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.chart { width: 80%; margin: 2mm 0; }
.chart svg { width: 100%; height: auto; }
ul { margin: 1mm 0; padding-left: 5mm; }
"""

SCALE_ORDER = ("importance", "feasibility", "capability", "realisation")


@dataclass
class RoundBlock:
    number: int
    opened_at: object
    closed_at: object
    invited: int | None
    responded: int | None
    dropped: int | None
    response_percent: float | None
    kendall_w: float | None
    kendall_p: float | None
    kendall_raters: int | None
    consensus_reached: int | None
    dropout_warning: bool
    items: list[dict] = field(default_factory=list)


@dataclass
class ReportData:
    """Everything the report prints, in one language."""

    language: str
    ranking: RankingExercise
    exercise: object
    title: str
    titles: dict[str, str]
    ranking_titles: dict[str, str]
    generated: object
    rules: list[str]
    rules_locked_at: object
    scales: list[tuple[str, str]]
    panels: list[dict]
    rounds: list[RoundBlock]
    view: RunView | None
    weights_chart: str
    points: list
    matrix_chart: str
    survey_year: int
    levels: list
    lanes: list
    roadmap_chart: str
    potential: list[dict]
    draft: bool

    @property
    def has_roadmap(self) -> bool:
        """Whether any lane holds an entry (an empty roadmap prints a line, not an empty table)."""
        return any(entries for _layer, _label, entries in self.lanes)


def _titles(obj) -> dict[str, str]:
    return {"kk": obj.title_kk, "ru": obj.title_ru, "en": obj.title_en}


def _number(value):
    return None if value is None else float(value)


def _rounds(exercise, language: str, scale_keys: list[str]) -> list[RoundBlock]:
    from niokr.foresight.models import ItemResult, RoundStatus, RoundSummary

    rounds = list(exercise.rounds.filter(status=RoundStatus.CLOSED).order_by("number"))
    summaries = {s.round_id: s for s in RoundSummary.objects.filter(round__in=rounds)}
    results = ItemResult.objects.filter(round__in=rounds).select_related("item").order_by("round__number", "item__order", "item__code", "scale")
    by_round: dict[int, dict[int, dict]] = {}
    for result in results:
        items = by_round.setdefault(result.round_id, {})
        row = items.setdefault(result.item_id, {"code": result.item.code, "statement": result.item.text_in("statement", language), "scales": {}})
        iqr = None if result.q1 is None or result.q3 is None else result.q3 - result.q1
        row["scales"][result.scale] = {
            "median": result.median, "q1": result.q1, "q3": result.q3, "iqr": iqr, "answered": result.answered,
            "consensus": consensus_label(result.consensus) if result.consensus else "",
        }
    blocks = []
    for round_ in rounds:
        summary = summaries.get(round_.pk)
        figures = summary.figures if summary is not None else {}
        kendall = figures.get("kendall") or {}
        blocks.append(RoundBlock(
            number=round_.number, opened_at=round_.opened_at, closed_at=round_.closed_at,
            invited=getattr(summary, "invited", None), responded=getattr(summary, "responded", None), dropped=getattr(summary, "dropped", None),
            response_percent=figures.get("response_percent"), kendall_w=kendall.get("w"), kendall_p=kendall.get("p_value"), kendall_raters=kendall.get("raters_used"),
            consensus_reached=figures.get("consensus_reached"), dropout_warning=bool((figures.get("dropout") or {}).get("warning")),
            items=[{**item, "cells": [item["scales"].get(key) for key in scale_keys]} for item in by_round.get(round_.pk, {}).values()],
        ))
    return blocks


def _panels(exercise, language: str) -> list[dict]:
    from django.db.models import Count, Q

    panels = exercise.panels.annotate(seats=Count("panellists"), withdrawn=Count("panellists", filter=Q(panellists__withdrew_at__isnull=False))).order_by("id")
    return [{"name": panel.text_in("name", language), "seats": panel.seats, "withdrawn": panel.withdrawn} for panel in panels]


def report_data(*, ranking: RankingExercise, language: str) -> ReportData:
    """Gather the report in ``language`` (call inside ``translation.override(language)``)."""
    from niokr.foresight.models import Scale

    exercise = ranking.foresight_exercise
    titles = _titles(exercise) if exercise is not None else _titles(ranking)
    rules, locked, scales, panels, rounds = [], None, [], [], []
    if exercise is not None:
        if exercise.consensus_rules:
            from niokr.foresight.rules import describe

            rules = describe(exercise.consensus_rules, language)
        locked = exercise.rules_locked_at
        scales = [(s, str(Scale(s).label)) for s in SCALE_ORDER if s in (exercise.scales or [])]
        panels = _panels(exercise, language)
        rounds = _rounds(exercise, language, [key for key, _label in scales])
    run = ranking.latest_run()
    view = run_view(run, language) if run is not None else None
    points, _missing = analysis.importance_capability(ranking)
    year, levels = analysis.technology_levels(ranking)
    lanes = analysis.roadmap_lanes(ranking)
    rows = [
        {"region": reference_label(row.region, language, enum="core.Region") if row.region else "—", "audited": row.organisations_audited, "score": row.audit_score, "projects": row.projects, "performers": row.performers, "trl": row.mean_trl}
        for row in potential.innovation_potential(ranking.priority_direction)
    ]
    return ReportData(
        language=language, ranking=ranking, exercise=exercise, title=titles.get(language) or titles["ru"], titles=titles, ranking_titles=_titles(ranking),
        generated=timezone.localtime(), rules=rules, rules_locked_at=locked, scales=scales, panels=panels, rounds=rounds,
        view=view, weights_chart=charts.weights_svg(view.criteria, language=language) if view else "",
        points=points, matrix_chart=charts.matrix_svg(points, language=language) if points else "",
        survey_year=year, levels=levels, lanes=lanes, roadmap_chart=charts.roadmap_svg(lanes, language=language),
        potential=rows, draft=not ranking.is_final,
    )


def _language(language: str) -> str:
    return language if language in ("kk", "ru", "en") else "ru"


def render_pdf(*, ranking: RankingExercise, language: str) -> bytes:
    """The report as PDF bytes in ``language`` (kk, ru or en; others read as ru)."""
    language = _language(language)
    with translation.override(language):
        data = report_data(ranking=ranking, language=language)
        html = render_to_string("ranking/report.html", {"data": data, "language": language, "scale_order": SCALE_ORDER})
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    return document.write_pdf(stylesheets=[weasyprint.CSS(string=REPORT_CSS, url_fetcher=fetcher)])


def sheet_names() -> dict[str, str]:
    """The XLSX's sheet names in the active language (at most 31 characters, none of []:*?/\\)."""
    return {
        "title": _("Title"), "method": _("Method"), "rounds": _("Rounds"), "results": _("Results per round"),
        "ranking": _("Ranking"), "sensitivity": _("Sensitivity"), "matrix": _("Matrix"), "levels": _("Technology level"),
        "roadmap": _("Roadmap"), "potential": _("Innovation potential"),
    }


def render_xlsx(*, ranking: RankingExercise, language: str) -> bytes:
    """The report as an XLSX workbook: one sheet per section, numbers as numbers, text neutralised."""
    language = _language(language)
    out = io.BytesIO()
    with translation.override(language):
        data = report_data(ranking=ranking, language=language)
        names = sheet_names()
        book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        big = book.add_format({"bold": True, "font_size": 14})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})

        def sheet(key: str, headers: list[str] | None = None, widths: list[int] | None = None):
            ws = book.add_worksheet(str(names[key])[:31])
            for c, width in enumerate(widths or []):
                ws.set_column(c, c, width)
            if headers:
                ws.write_row(0, 0, [neutralise(str(h)) for h in headers], bold)
                ws.freeze_panes(1, 0)
            return ws

        def put(ws, r: int, values: list) -> None:
            for c, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif hasattr(value, "is_finite"):  # Decimal
                    ws.write_number(r, c, float(value))
                else:
                    ws.write_string(r, c, neutralise(str(value)), wrap)

        # Title
        ws = sheet("title", widths=[28, 90])
        ws.write_string(0, 0, neutralise(data.title), big)
        rows = [
            (_("Title (Kazakh)"), data.titles["kk"]), (_("Title (Russian)"), data.titles["ru"]),
            (_("Title (English)"), data.titles["en"]),
            (_("Ranking"), data.ranking_titles.get(language) or data.ranking_titles["ru"]),
            (_("Priority direction"), reference_label(ranking.priority_direction, language, enum="core.PriorityDirection")),
            (_("Status"), str(ranking.get_status_display())),
            (_("Generated on"), moment_text(data.generated, language)),
        ]
        for r, (label, value) in enumerate(rows, start=2):
            put(ws, r, [str(label), value])
        # Method
        ws = sheet("method", widths=[40, 90])
        r = 0
        put(ws, r, [_("Consensus rules, locked before round 1"), day_text(data.rules_locked_at, language) if data.rules_locked_at else _("not locked")])
        for line in data.rules:
            r += 1
            put(ws, r, ["", line])
        r += 1
        put(ws, r, [_("Quartiles"), _("Hyndman–Fan type 7 (linear interpolation between order statistics); “don't know” answers are left out of every statistic.")])
        for key, label in data.scales:
            r += 1
            put(ws, r, [_("Scale"), label])
        for panel in data.panels:
            r += 1
            put(ws, r, [_("Panel"), f"{panel['name']}: {panel['seats']}"])
        # Rounds
        ws = sheet("rounds", [_("Round"), _("Closed"), _("Invited"), _("Answered"), _("Response, %"), _("Dropped out since the previous round"), _("Kendall's W"), _("p-value"), _("Items with consensus")], [8, 14, 10, 10, 12, 16, 12, 10, 14])
        for r, block in enumerate(data.rounds, start=1):
            put(ws, r, [block.number, day_text(block.closed_at, language) if block.closed_at else "", block.invited, block.responded, block.response_percent, block.dropped, block.kendall_w, block.kendall_p, block.consensus_reached])
        # Results per round
        headers = [_("Round"), _("Code"), _("Statement")]
        for _key, label in data.scales:
            headers += [f"{label}: {_('median')}", f"{label}: {_('lower quartile')}", f"{label}: {_('upper quartile')}", f"{label}: {_('consensus')}"]
        ws = sheet("results", headers, [8, 10, 60] + [12] * (4 * len(data.scales)))
        r = 0
        for block in data.rounds:
            for item in block.items:
                r += 1
                values = [block.number, item["code"], item["statement"]]
                for key, _label in data.scales:
                    figures = item["scales"].get(key) or {}
                    values += [_number(figures.get("median")), _number(figures.get("q1")), _number(figures.get("q3")), figures.get("consensus", "")]
                put(ws, r, values)
        # Ranking
        ws = sheet("ranking", [_("Rank"), _("Code"), _("Candidate"), _("Score")], [8, 10, 70, 12])
        r = 0
        if data.view:
            for row in data.view.results:
                r += 1
                put(ws, r, [row["rank"], row["code"], row["name"], row["score"]])
            r += 2
            put(ws, r, [_("Criterion"), _("Direction"), _("Weight"), _("Source of the scores")])
            for c in data.view.criteria:
                r += 1
                put(ws, r, [c["label"], c["direction"], c["weight"], c["source"]])
            r += 2
            for label, value in ((_("Method"), data.view.method), (_("Normalisation"), data.view.normalisation), ("λmax", data.view.run.lambda_max), (_("Consistency index (CI)"), data.view.run.ci), (_("Consistency ratio (CR)"), data.view.run.cr), (_("Run"), data.view.run.number)):
                put(ws, r, [label, value])
                r += 1
        # Sensitivity
        ws = sheet("sensitivity", [_("Criterion"), _("Weight"), _("Weight lowered"), _("ranks changed:"), _("Weight raised"), _("ranks changed:"), _("Flip point below"), _("First place there"), _("Flip point above"), _("First place there")], [36, 10, 12, 10, 12, 10, 14, 14, 14, 14])
        if data.view:
            flips = {f["label"]: f for f in data.view.flips}
            for r, row in enumerate(data.view.perturbation, start=1):
                flip = flips.get(row["label"], {})
                put(ws, r, [row["label"], (flip.get("weight_percent") or 0) / 100, row["down"]["weight_percent"] / 100, row["down"]["changed"], row["up"]["weight_percent"] / 100, row["up"]["changed"],
                            None if flip.get("lower_percent") is None else flip["lower_percent"] / 100, flip.get("lower_top", ""),
                            None if flip.get("upper_percent") is None else flip["upper_percent"] / 100, flip.get("upper_top", "")])
        # Matrix
        ws = sheet("matrix", [_("Code"), _("Candidate"), _("Importance"), _("Capability, %"), _("Quadrant")], [10, 70, 12, 14, 30])
        for r, p in enumerate(data.points, start=1):
            put(ws, r, [p.code, p.name, p.importance, p.capability, p.quadrant_label])
        # Technology level
        ws = sheet("levels", [_("Code"), _("Candidate"), _("Level, per cent of the world leader"), _("Gap, years"), _("Method")], [10, 70, 16, 12, 40])
        for r, row in enumerate(data.levels, start=1):
            put(ws, r, [row.code, row.name, row.capability, row.gap_years, row.gap_method_label + (f" — {row.gap_note}" if row.gap_note else "")])
        # Roadmap
        ws = sheet("roadmap", [_("Lane"), _("Code"), _("From year"), _("To year"), _("Description")], [16, 10, 10, 10, 80])
        r = 0
        for _layer, label, entries in data.lanes:
            for entry in entries:
                r += 1
                put(ws, r, [label, entry.candidate.code, entry.year_from, entry.year_to, entry.text_in("description", language)])
        # Innovation potential
        ws = sheet("potential", [_("Region"), _("Organisations audited"), _("Mean audit score (1–4)"), _("R&D projects of the priority"), _("Performers"), _("Mean TRL reached")], [34, 14, 14, 14, 12, 12])
        for r, row in enumerate(data.potential, start=1):
            put(ws, r, [row["region"], row["audited"], row["score"], row["projects"], row["performers"], row["trl"]])
        book.close()
    return out.getvalue()
