"""Exports are complete or refused with a reason, never cut: a streamed CSV of every row, a bounded XLSX.

The national payment export has 1.5 M rows; an export used to stop silently at 200,000. Here
200,001 payments are written in one ``bulk_create`` and exported through the payments page: the
CSV streams every one of them; an XLSX of more rows than ``NIOKR_EXPORT_XLSX_MAX_ROWS`` answers
with a page that says so (kk/ru/en) and links to the CSV.
"""

from __future__ import annotations

import csv
import io
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
