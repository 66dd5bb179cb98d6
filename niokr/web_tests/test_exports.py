"""Exports are complete or refused with a reason, never cut: a streamed CSV of every row, a bounded XLSX.

The national payment export has 1.5 M rows; an export used to stop silently at 200,000. Here
200,001 payments are written in one ``bulk_create`` and exported through the payments page: the
CSV streams every one of them; an XLSX of more rows than ``NIOKR_EXPORT_XLSX_MAX_ROWS`` answers
with a page that says so (kk/ru/en) and links to the CSV.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from niokr.core.exports import csv_chunks, table_to_csv, write_xlsx, xlsx_max_rows
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db

ROWS = 200_001
#: The submission the test's payments say they came from: the page's filter selects them alone.
SUBMISSION = 987_654_321


def _payments(world, count: int) -> Agreement:
    agreement = Agreement.objects.filter(payer=world.company_a).first()
    right = world.company_a.rights.first()
    first = date(2019, 1, 1)
    Payment.objects.bulk_create(
        (
            Payment(agreement=agreement, right=right, paid_on=first + timedelta(days=n % 2000), amount=Decimal(n + 1) / 100, purpose="=HYPERLINK(\"x\")" if n == 0 else f"оплата {n}", document_number=f"EXP-{n:06d}", for_year=2020, source_submission=SUBMISSION)
            for n in range(count)
        ),
        batch_size=5000,
    )
    return agreement


@pytest.mark.slow
def test_a_csv_export_of_200001_payments_streams_every_row(world):
    before = Payment.objects.count()
    _payments(world, ROWS)
    response = world.client("admin").get(reverse("projects:payment-list"), {"export": "csv", "submission": SUBMISSION})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].endswith('.csv"') and response["Cache-Control"] == "private, no-store"
    numbers, formulas = set(), 0
    pieces = 0
    reader = csv.reader(io.TextIOWrapper(io.BufferedReader(_Chunks(response.streaming_content)), encoding="utf-8-sig", newline=""), delimiter=";")
    header = next(reader)
    for row in reader:
        cells = [c for c in row if c.startswith("EXP-")]
        if cells:
            numbers.add(cells[0])
        formulas += any(c.startswith("=") for c in row)
        pieces += 1
    assert header and pieces >= ROWS and formulas == 0, (pieces, formulas)
    assert len(numbers) == ROWS and {"EXP-000000", "EXP-200000"} <= numbers
    assert Payment.objects.count() == before + ROWS


class _Chunks(io.RawIOBase):
    """The pieces of a streamed response read as one binary file."""

    def __init__(self, pieces):
        self.pieces, self.rest = iter(pieces), b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.rest:
            try:
                self.rest = next(self.pieces)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self.rest))
        buffer[:n], self.rest = self.rest[:n], self.rest[n:]
        return n


def test_an_xlsx_beyond_the_limit_is_refused_with_a_link_to_the_csv(world, settings):
    settings.NIOKR_EXPORT_XLSX_MAX_ROWS = 5
    _payments(world, 6)
    url = reverse("projects:payment-list")
    for language, words in (("en", "The XLSX export would be incomplete"), ("ru", "Выгрузка в XLSX была бы неполной"), ("kk", "XLSX экспорты толық болмас еді")):
        client = world.client("admin")
        client.cookies["django_language"] = language
        response = client.get(url, {"export": "xlsx", "submission": SUBMISSION}, HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")
        if words in page:
            break
    else:
        pytest.fail("the refusal is not worded in any language")
    assert "export=csv" in page and f"submission={SUBMISSION}" in page
    csv_response = world.client("admin").get(url, {"export": "csv", "submission": SUBMISSION})
    assert len(b"".join(csv_response.streaming_content).decode("utf-8-sig").strip().splitlines()) == 7


def test_an_xlsx_within_the_limit_is_a_workbook_with_typed_cells(world, settings):
    settings.NIOKR_EXPORT_XLSX_MAX_ROWS = 10
    _payments(world, 6)
    response = world.client("admin").get(reverse("projects:payment-list"), {"export": "xlsx", "submission": SUBMISSION})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    content = response.content
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == 7 and "EXP-000005" in book_strings(content)
    assert "'=HYPERLINK" in book_strings(content)


def book_strings(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        names = book.namelist()
        return "".join(book.read(n).decode() for n in names if n.endswith(".xml"))


def test_the_csv_is_written_in_pieces_and_neutralises_formulas():
    rows = ([f"=cmd|{n}", Decimal("1.50"), date(2024, 2, 1), None] for n in range(2500))
    pieces = list(csv_chunks(["a", "b", "c", "d"], rows, batch=1000))
    assert len(pieces) == 4  # the header, then three batches
    text = b"".join(pieces).decode("utf-8-sig")
    assert text.splitlines()[1] == "'=cmd|0;1.50;2024-02-01;" and len(text.splitlines()) == 2501
    assert table_to_csv(["h"], []) == "h\r\n".encode("utf-8-sig")


def test_write_xlsx_stops_past_its_limit():
    from niokr.core.exports import TooManyRows

    with pytest.raises(TooManyRows):
        write_xlsx(io.BytesIO(), ["a"], ([n] for n in range(11)), max_rows=10)
    assert write_xlsx(io.BytesIO(), ["a"], ([n] for n in range(10)), max_rows=10) == 10
    assert xlsx_max_rows() == 200_000


def test_no_export_of_a_list_page_writes_markup(world):
    from niokr.core.views import ScopedTableView
    from niokr.web_tests.routes import discover
    from niokr.web_tests.test_authorization_matrix import url_of

    client = world.client("admin")
    checked = 0
    for route in discover():
        if route.area != "page" or not route.answers_get or route.view_class is None or not issubclass(route.view_class, ScopedTableView):
            continue
        url, _ = url_of(world, route)
        text = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
        assert "<a " not in text and "</" not in text, f"{url}?export=csv writes markup"
        checked += 1
    assert checked >= 5


#: The people whose pages offer exports: each sees other rows (everything, a ministry's minerals, one company).
EXPORTING = ("admin", "auditor", "regulator_energy", "company_a", "performer")
_EXPORT_LINK = re.compile(r'href="([^"]*[?&](?:amp;)?export=(?:xlsx|csv)[^"]*)"')


def _export_links(world, persona: str) -> dict[str, list[str]]:
    """Every export link every page that answers ``persona`` offers, by the page's URL name."""
    from niokr.web_tests.routes import discover
    from niokr.web_tests.test_authorization_matrix import url_of

    client, found = world.client(persona), {}
    for route in discover():
        if route.area != "page" or not route.answers_get:
            continue
        url, _ = url_of(world, route)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        links = sorted({html.unescape(link) for link in _EXPORT_LINK.findall(page)})
        if links:
            found[route.name] = [link if link.startswith("/") else url + link for link in links]
    return found


@pytest.mark.parametrize("persona", EXPORTING)
def test_every_export_a_page_offers_is_a_file(world, persona):
    """Each export link on each page a person may open answers with a file of the page's rows (never a 500)."""
    client = world.client(persona)
    links = _export_links(world, persona)
    assert links, f"{persona} is offered no export"
    rows = {}
    for name, urls in links.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{persona}: {url} ({name}) answers {response.status_code}"
            assert response.has_header("Content-Disposition"), f"{persona}: {url} ({name}) answers a page, not a file"
            disposition = response["Content-Disposition"]
            assert disposition.startswith("attachment; filename"), f"{persona}: {url} ({name}) is not a download: {disposition}"
            if "export=csv" in url:
                text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode("utf-8-sig")
                rows[name] = len(text.strip().splitlines()) - 1
            else:
                with zipfile.ZipFile(io.BytesIO(response.content)) as book:
                    assert book.read("xl/worksheets/sheet1.xml").count(b"<row ") >= 1
    if persona in ("admin", "auditor", "company_a"):
        assert rows.get("intake:job-list", 0) >= 1 and rows.get("intake:submission-list", 0) >= 1, rows


def test_the_job_export_writes_a_job_without_a_submission(world):
    """A job that made no submission (a recomputation, a file refused) is a row with an empty submission cell."""
    from niokr.intake.models import JobRecord

    job = JobRecord.objects.create(kind="recompute", started_by=world.users["admin"])
    client = world.client("admin")
    workbook = client.get(reverse("intake:job-list"), {"export": "xlsx"})
    assert workbook.status_code == 200 and workbook["Content-Disposition"].endswith('.xlsx"')
    assert job.reference in book_strings(workbook.content)
    table = client.get(reverse("intake:job-list"), {"export": "csv"})
    assert table.status_code == 200 and job.reference in table.content.decode("utf-8-sig")


def test_a_file_name_with_cyrillic_letters_is_sent_as_browsers_read_it():
    """A right's number may be Cyrillic (467-ТПИ): the name is sent as RFC 6266 says, not as a mail header."""
    from niokr.core.exports import export_response

    response = export_response("csv", filename="niokr-balances-467-ТПИ", headers=["a"], rows=[[1]])
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''niokr-balances-467-%D0%A2%D0%9F%D0%98.csv"
