"""The compliance statement: the PDF a ministry sends a subsoil user about one year's R&D obligation.

``render_statement`` renders the HTML template ``obligations/statement.html`` in the requested
language and prints it with WeasyPrint on landscape A4 (every column of the per-right table on the
page: ``niokr/obligations/tests/test_statement_layout.py`` checks the layout boxes), in DejaVu Sans (it carries the Kazakh letters
ә ғ қ ң ө ұ ү һ і and the tenge sign ₸). The print stylesheet is :data:`STATEMENT_CSS`; the page
never fetches anything (``data:`` URIs only), so a statement prints the same on a closed network.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from niokr.core.choices import Language
from niokr.core.templatetags.niokr import localized
from niokr.obligations import charts
from niokr.obligations.models import RightYearBalance
from niokr.obligations.queries import FIGURES, Figures, attach_reasons, figures_by_year
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["render_statement", "statement_document", "statement_reference", "STATEMENT_CSS"]

STATEMENT_CSS = """
@page {
  size: A4 landscape;
  margin: 14mm 12mm 16mm 14mm;
  @bottom-left { content: string(reference); font-family: "DejaVu Sans"; font-size: 7.5pt; color: #5b6775; }
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans"; font-size: 7.5pt; color: #5b6775; }
}
html { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #1d2433; }
h1 { font-size: 14pt; margin: 0 0 2mm 0; color: #0f2942; }
h2 { font-size: 11pt; margin: 5mm 0 2mm 0; color: #0f2942; border-bottom: 0.4pt solid #9aa5b1; padding-bottom: 1mm; }
h3 { font-size: 9.5pt; margin: 4mm 0 1mm 0; }
.reference { string-set: reference content(); }
.meta { color: #5b6775; font-size: 8pt; margin: 0 0 4mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm 0; }
th, td { border: 0.4pt solid #c4ccd6; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eef2f6; font-weight: bold; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
table.facts { width: 70%; }
table.facts th { width: 30%; }
table.figures { font-size: 7.2pt; }
table.figures th, table.figures td { padding: 0.9mm 1.1mm; }
table.figures th { hyphens: auto; }
table.figures col.right { width: 9%; }
table.figures col.base { width: 15%; }
table.figures col.regime { width: 9%; }
table.figures col.status { width: 10%; }
table.history { width: 60%; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.small { font-size: 6.6pt; color: #5b6775; white-space: normal; }
tr.total td { font-weight: bold; background: #f6f8fa; }
ul.reasons { margin: 1mm 0 0 0; padding-left: 4mm; font-size: 8pt; color: #364152; }
.status { font-weight: bold; }
.status-unfulfilled { color: #b42318; }
.status-partly { color: #b54708; }
.status-fulfilled { color: #067647; }
.chart { width: 60%; }
.chart svg { width: 100%; height: auto; }
.right { page-break-inside: avoid; }
.footer-note { margin-top: 6mm; font-size: 7.5pt; color: #5b6775; }
"""


@dataclass(frozen=True)
class StatementRight:
    """One right's balance for the statement year."""

    right: object
    balance: RightYearBalance | None


def statement_reference(organisation: Organisation, year: int, balances: list[RightYearBalance], day) -> str:
    """``NIOKR-<year>-<BIN>-<yyyymmdd>-<digest>``: the digest covers the figures (their fingerprints).

    The same figures on the same day give the same reference; any change of a figure changes it.
    """
    material = "|".join(f"{b.right_id}:{b.year}:{b.fingerprint or b.status}:{b.obligation}:{b.fulfilled}:{b.arrears}" for b in sorted(balances, key=lambda b: b.right_id))
    digest = hashlib.sha256(f"{organisation.bin}|{year}|{material}".encode()).hexdigest()[:8].upper()
    return f"NIOKR-{year}-{organisation.bin}-{day:%Y%m%d}-{digest}"


def render_statement(*, organisation: Organisation, year: int, language: str, user=None) -> bytes:
    """The compliance statement of ``organisation`` for ``year`` as PDF bytes, in ``language``.

    The arguments are :func:`statement_document`'s.
    """
    return statement_document(organisation=organisation, year=year, language=language, user=user).write_pdf()


def statement_document(*, organisation: Organisation, year: int, language: str, user=None) -> weasyprint.Document:
    """The compliance statement laid out on its pages (WeasyPrint's document, before it is written as PDF).

    Args:
        organisation: the subsoil user.
        year: the contract-year N the statement is about.
        language: ``kk``, ``ru`` or ``en`` (others fall back to Russian).
        user: when given, only the rights this user may see are included (a regulator's statement
            covers its competence); ``None`` includes every right of the organisation.
    """
    language = language if language in Language.values else "ru"
    balances_all = RightYearBalance.objects.filter(right__holder=organisation)
    if user is not None:
        balances_all = RightYearBalance.objects.visible_to(user).filter(right__holder=organisation)
    rights = organisation.rights.all().order_by("number")
    if user is not None:
        rights = SubsoilRight.objects.visible_to(user).filter(holder=organisation).order_by("number")
    with translation.override(language):
        year_balances = attach_reasons(balances_all.filter(year=year).select_related("right"), language)
        by_right = {b.right_id: b for b in year_balances}
        rights = list(rights)
        lines = [StatementRight(r, by_right.get(r.pk)) for r in rights]
        total = Figures()
        for b in year_balances:
            total.add({"right_years": 1, "in_arrears": int(bool(b.arrears)), **{f: getattr(b, f) for f in FIGURES}})
        history = figures_by_year(balances_all)
        chart = _history_chart(history, language) if history else ""
        now = timezone.localtime()
        computed = max((b.computed_at for b in year_balances), default=None)
        context = {
            "organisation": organisation,
            "name": localized(organisation, "name"),
            "year": year,
            "base_year": year - 1,
            "lines": lines,
            "total": total,
            "chart": chart,
            "history": sorted(history.items()),
            "generated": now,
            "computed": timezone.localtime(computed) if computed else None,
            "reference": statement_reference(organisation, year, year_balances, now.date()),
            "language": language,
        }
        html = render_to_string("obligations/statement.html", context)
    # Everything is embedded: only data: URIs may be read, nothing from the network or the disk.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    return document.render(stylesheets=[weasyprint.CSS(string=STATEMENT_CSS, url_fetcher=fetcher)])


def _history_chart(history: dict[int, Figures], language: str) -> str:
    obligation, fulfilled = _("Obligation"), _("Eligible fulfilment")
    largest = max((max(f.obligation, f.fulfilled) for f in history.values()), default=0)
    # One company's amounts are read in millions; a large group's in billions.
    unit, unit_title = (charts.BILLION, _("bn ₸")) if largest >= charts.BILLION else (charts.MILLION, _("mln ₸"))
    rows = [{"category": str(y), "series": s, "value": charts.in_units(v, unit)} for y, f in sorted(history.items()) for s, v in ((obligation, f.obligation), (fulfilled, f.fulfilled))]
    spec = charts.grouped_bars(
        rows,
        categories=[str(y) for y in sorted(history)],
        series=[(obligation, "obligation"), (fulfilled, "fulfilled")],
        category_title=_("Year"),
        value_title=unit_title,
        width=600,
    )
    return charts.render_svg(spec, language=language, title=_("Obligation and eligible fulfilment by year"))


