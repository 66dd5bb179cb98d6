"""The minutes of a council session as a PDF in Kazakh or Russian (English too), printed with WeasyPrint.

The same machinery as the compliance statement (:mod:`niokr.obligations.statement`): an HTML template
rendered in the language asked, DejaVu Sans (the Kazakh letters), nothing fetched (``data:`` URIs
only). The minutes list the voting policy, the attendance, the recusals with their affiliation
paths, and each item's tally and result as written when the vote closed.
"""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

__all__ = ["MINUTES_CSS", "minutes_document", "render_minutes"]

MINUTES_CSS = """
@page { size: A4; margin: 16mm 14mm 16mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans"; font-size: 7.5pt; color: #5b6775; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #1d2433; }
h1 { font-size: 13pt; margin: 0 0 2mm 0; color: #0f2942; }
h2 { font-size: 10.5pt; margin: 5mm 0 2mm 0; color: #0f2942; border-bottom: 0.4pt solid #9aa5b1; padding-bottom: 1mm; }
h3 { font-size: 9.5pt; margin: 4mm 0 1mm 0; }
.meta { color: #5b6775; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm 0; table-layout: fixed; }
th, td { border: 0.4pt solid #c4ccd6; padding: 1.1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eef2f6; }
td.num { text-align: right; white-space: nowrap; }
table.tally { width: 70%; }
.path { font-size: 8pt; }
tr { page-break-inside: avoid; }
"""


def minutes_document(*, session, language: str) -> weasyprint.Document:
    """The minutes laid out on their pages (before they are written as PDF)."""
    from niokr.projects.lifecycle.council_views import session_context

    language = language if language in ("kk", "ru", "en") else "ru"
    with translation.override(language):
        context = session_context(session, None, language)
        context.update(language=language, generated=timezone.localtime(), title=_("Minutes of council session %(reference)s") % {"reference": session.reference})
        html = render_to_string("lifecycle/session_minutes.html", context)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).render(stylesheets=[weasyprint.CSS(string=MINUTES_CSS, url_fetcher=fetcher)])


def render_minutes(*, session, language: str) -> bytes:
    return minutes_document(session=session, language=language).write_pdf()
