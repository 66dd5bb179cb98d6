"""Who owes: the year pages open on, a year in progress, missing bases, the debtors page, requests to answer.

The tests' day is 20.11.2026 (conftest ``TODAY``): 2026 is still open, 2025 is the last closed year.
In the test country 2026 has the oil right's base (fulfilled by a budget transfer) and no base for
the mine and the uranium miner (``base_missing``).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from niokr.control.models import AuditCase, DocumentRequest
from niokr.control.pending import pending_requests_for
from niokr.obligations import queries
from niokr.obligations.models import RightYearBalance
from niokr.obligations.queries import Figures, is_year_open, last_closed_year, shown_status
from niokr.obligations.tests.test_dashboard import table

pytestmark = pytest.mark.django_db

DEBTORS = "/obligations/debtors/"


# --- The default year and the years still open ------------------------------------------------


@pytest.mark.parametrize(
    "today, current, expected",
    [
        (date(2026, 11, 20), 2026, 2025),  # 2026 runs until 31 December
        (date(2026, 12, 31), 2026, 2025),  # the deadline day itself is still open
        (date(2027, 1, 1), 2026, 2026),  # the day after the deadline closes 2026
        (date(2027, 1, 1), 2027, 2026),
        (date(2026, 11, 20), 2024, 2024),  # never after the last year computed
    ],
)
def test_the_last_closed_year_is_the_latest_whose_deadline_has_passed(settings, today, current, expected):
    settings.NIOKR_CURRENT_YEAR = current
    assert last_closed_year(today) == expected


def test_a_year_is_open_until_its_31_december():
    assert is_year_open(2026, date(2026, 12, 31)) and not is_year_open(2026, date(2027, 1, 1))
    assert shown_status("unfulfilled", 2026, date(2026, 6, 1)) == "in_progress"
    assert shown_status("partly", 2026, date(2026, 6, 1)) == "in_progress"
    assert shown_status("unfulfilled", 2025, date(2026, 6, 1)) == "unfulfilled"
    assert shown_status("base_missing", 2026, date(2026, 6, 1)) == "base_missing"  # a missing base stays a problem


def test_the_dashboard_opens_on_the_last_closed_year_not_the_latest_computed(country, personas):
    client = personas.client("auditor", country.chamber)
    page = client.get("/obligations/dashboard/").content.decode()
    assert "— 2025" in page and "is in progress" not in page
    assert RightYearBalance.objects.filter(year=2026).exists()  # the year after it is computed, only not shown first


def test_a_year_in_progress_shows_what_is_still_to_fulfil_never_arrears(country, personas, monkeypatch):
    monkeypatch.setattr(queries, "today", lambda: date(2025, 6, 1))  # 2025 still open
    client = personas.client("auditor", country.chamber)
    with translation.override("en"):
        page = client.get("/obligations/dashboard/?year=2025").content.decode()
    assert "2025 is in progress" in page and "Still to fulfil" in page
    statuses = {r["Status"]: r for r in table(client, "by_status", year=2025)}
    assert "In progress" in statuses and "Unfulfilled" not in statuses and "Partly fulfilled" not in statuses
    assert "Arrears, ₸" not in statuses["In progress"]
    in_progress = RightYearBalance.objects.filter(year=2025, status__in=["unfulfilled", "partly"])
    assert statuses["In progress"]["Still to fulfil, ₸"] == sum(b.arrears for b in in_progress) > 0
    groups = table(client, "groups", year=2025)
    assert groups and all("Still to fulfil, ₸" in r and "Arrears, ₸" not in r for r in groups)
    holding = RightYearBalance.objects.filter(year=2025, right__in=[country.oil_right, country.mine_right])
    assert groups[0]["Still to fulfil, ₸"] == sum(b.arrears for b in holding) > 0
    ministries = {r["Competent authority"]: r for r in table(client, "by_ministry", year=2025)}
    assert ministries["Total"]["Still to fulfil, ₸"] == sum(b.arrears for b in RightYearBalance.objects.filter(year=2025))
    # In the series of years an open year has no arrears and is marked.
    by_year = {r["Year"]: r for r in table(client, "by_year")}
    assert by_year["2025"]["Arrears, ₸"] == "" and by_year["2024"]["Arrears, ₸"] > 0
    assert "in progress</span>" in page


def test_the_landing_page_shows_a_year_in_progress_in_its_own_words(country, personas, monkeypatch):
    monkeypatch.setattr(queries, "today", lambda: date(2025, 6, 1))
    client = personas.client("company", country.oil, extra=[("company", country.uranium)])
    with translation.override("en"):
        page = client.get("/").content.decode()
    assert "2024: Unfulfilled" in page  # the last closed year on that day
    rows = queries.holder_statuses(personas.user("auditor", country.chamber), 2025)
    assert {r.status for r in rows} <= {"in_progress", "fulfilled"} and all(r.arrears == 0 for r in rows)
    assert any(r.outstanding > 0 for r in rows)


# --- Missing bases -----------------------------------------------------------------------------


def test_a_missing_base_is_counted_and_listed_never_fulfilled(country, personas):
    client = personas.client("auditor", country.chamber)
    missing = RightYearBalance.objects.filter(year=2026, status="base_missing")
    assert missing.count() == 2  # the test country's 2026: the mine and the uranium miner
    with translation.override("en"):
        page = client.get("/obligations/dashboard/?year=2026").content.decode()
    assert 'kpi-base-missing">2<' in page
    listed = table(client, "base_missing", year=2026)
    assert sorted(r["Right"] for r in listed) == ["SM-MINE-1", "U-1"] and {r["Base year"] for r in listed} == {"2025"}
    statuses = {r["Status"]: r for r in table(client, "by_status", year=2026)}
    assert statuses["Due, base not reported"]["Right-years"] == "2"
    # The only obligation known (oil) is met in full, yet two right-years have no base: not 100 %.
    total = next(r for r in table(client, "by_mineral", year=2026) if r["Mineral group"] == "Total")
    assert total["Met, %"] not in ("100.0", "100,0") and total["Met, %"] != ""


def test_met_percent_counts_a_missing_base_as_an_average_obligation_unmet():
    f = Figures(right_years=3, obligation=Decimal("100.00"), arrears=Decimal("0.00"), owing=1, base_missing=2)
    assert f.met_percent == Decimal("33.3")
    assert Figures(right_years=1, obligation=Decimal("100.00"), owing=1).met_percent == Decimal("100.0")
    assert Figures(right_years=1, obligation=Decimal("100.00"), arrears=Decimal("0.01"), owing=1).met_percent == Decimal("99.9")  # never rounded up to 100
    assert Figures(right_years=2, base_missing=2).met_percent is None  # nothing known: no share at all
    open_year = Figures(right_years=1, obligation=Decimal("100.00"), arrears=Decimal("40.00"), in_arrears=1, owing=1).in_progress()
    assert open_year.arrears == 0 and open_year.outstanding == Decimal("40.00") and open_year.met_percent == Decimal("60.0")


# --- The debtors page --------------------------------------------------------------------------


def debtors_csv(client, **params) -> list[dict]:
    query = "&".join(f"{k}={v}" for k, v in {**params, "export": "csv"}.items())
    response = client.get(f"{DEBTORS}?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def expected_arrears(until: int, rights=None) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    balances = RightYearBalance.objects.filter(year__lte=until, arrears__gt=0).select_related("right__holder")
    for b in balances:
        if rights is None or b.right_id in rights:
            out[b.right.holder.name_ru] += b.arrears
    return dict(out)


def test_the_debtors_page_adds_up_every_closed_year_largest_first(country, personas):
    client = personas.client("auditor", country.chamber)
    with translation.override("en"):
        rows = debtors_csv(client)
    expected = expected_arrears(2025)
    names = {"Kazakh Oil Refining LLP": "ТОО «Казахская Нефтепереработка»"}
    got = {names.get(r["Subsoil user"], r["Subsoil user"]): _amount(r["Arrears, ₸"]) for r in rows}
    assert got == expected and len(expected) >= 2
    amounts = [_amount(r["Arrears, ₸"]) for r in rows]
    assert amounts == sorted(amounts, reverse=True)
    uranium = next(r for r in rows if r["Subsoil user"] == "ТОО «Уран Тест»")
    first = RightYearBalance.objects.filter(right=country.uranium_right, arrears__gt=0).order_by("year").first().year
    assert uranium["In arrears since"] == str(first) and uranium["BIN"] == country.uranium.bin
    # The open year 2026 is not debt; the page and its sort work.
    page = client.get(DEBTORS).content.decode()
    assert "ТОО «Уран Тест»" in page and reverse("obligations:holder-detail", args=[country.uranium.pk]) in page
    ascending = [_amount(r["Arrears, ₸"]) for r in debtors_csv(client, sort="arrears_total")]
    assert ascending == sorted(amounts)


def test_the_debtors_page_is_scoped_to_the_user(country, personas):
    company = debtors_csv(personas.client("company", country.uranium))
    assert [r["Subsoil user"] for r in company] == ["ТОО «Уран Тест»"]
    assert personas.client("company", country.mine).get(DEBTORS).content.decode().count("ТОО «Уран Тест»") == 0
    energy = debtors_csv(personas.client("regulator", country.ministry_energy, authority="energy"))
    assert [r["Subsoil user"] for r in energy] == ["Kazakh Oil Refining LLP"]
    assert _amount(energy[0]["Arrears, ₸"]) == expected_arrears(2025, {country.oil_right.pk})["ТОО «Казахская Нефтепереработка»"]
    assert debtors_csv(personas.client(None, None)) == []


def test_the_debtors_page_lists_missing_bases_once_their_year_is_closed(country, personas, monkeypatch):
    client = personas.client("auditor", country.chamber)
    before = {r["Subsoil user"]: r for r in debtors_csv(client)}
    monkeypatch.setattr(queries, "today", lambda: date(2027, 2, 1))  # 2026 closed
    after = {r["Subsoil user"]: r for r in debtors_csv(client)}
    for holder, right in (("ТОО «Кен Тест»", country.mine_right), ("ТОО «Уран Тест»", country.uranium_right)):
        missing = RightYearBalance.objects.filter(right=right, status="base_missing", year__lte=2026).order_by("year")
        assert after[holder]["Right-years without a reported base"] == str(missing.count())
        assert after[holder]["Base missing since"] == str(missing.first().year)
        assert int(after[holder]["Right-years without a reported base"]) == int(before[holder]["Right-years without a reported base"]) + 1  # 2026


def test_the_debtors_page_pages_and_exports_a_spreadsheet(country, personas):
    client = personas.client("auditor", country.chamber)
    first = client.get(DEBTORS + "?per_page=1").content.decode()
    second = client.get(DEBTORS + "?per_page=1&page=2").content.decode()
    assert first.count('class="d-block d-xl-none small muted"') == 1 and second.count('class="d-block d-xl-none small muted"') == 1
    assert client.get(DEBTORS + "?per_page=1&page=99").status_code == 404
    response = client.get(DEBTORS + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(DEBTORS + "?export=exe").status_code == 404


def test_the_debtors_page_is_reached_from_the_dashboard_and_needs_few_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("auditor", country.chamber)
    assert reverse("obligations:debtors") in client.get("/obligations/dashboard/").content.decode()
    with django_assert_max_num_queries(14):
        assert client.get(DEBTORS).status_code == 200


# --- Document requests on the landing page -----------------------------------------------------


def _request(country, personas, *, payer, due_on, answered=False, status="documents_requested", reference="AC-2026-0001"):
    auditor = personas.user("auditor", country.chamber)
    case, _ = AuditCase.objects.get_or_create(reference=reference, defaults={"payer": payer, "title": "Проверка", "opened_by": auditor, "status": status})
    req = DocumentRequest.objects.create(case=case, text="Акты приёмки этапов за 2025 год", due_on=due_on, requested_by=auditor)
    if answered:
        req.answered_at = req.requested_at
        req.answer = "Направлены"
        req.save()
    return req


def test_pending_requests_are_the_unanswered_ones_of_open_cases_of_the_users_companies(country, personas):
    today = date(2026, 11, 20)
    late = _request(country, personas, payer=country.mine, due_on=today - timedelta(days=1))
    soon = _request(country, personas, payer=country.mine, due_on=today + timedelta(days=10))
    _request(country, personas, payer=country.mine, due_on=today, answered=True)
    _request(country, personas, payer=country.mine, due_on=today, status="dismissed", reference="AC-2026-0002")
    _request(country, personas, payer=country.oil, due_on=today, reference="AC-2026-0003")
    user = personas.user("company", country.mine)
    rows = list(pending_requests_for(user, today=today))
    assert [r.pk for r in rows] == [late.pk, soon.pk] and [r.overdue for r in rows] == [True, False]
    assert pending_requests_for(personas.user("auditor", country.chamber)).count() == 0
    assert pending_requests_for(personas.user("regulator", country.ministry_industry, authority="industry")).count() == 0
    assert pending_requests_for(personas.user("performer", country.institute)).count() == 0


def test_the_landing_page_tells_a_company_to_answer_its_document_requests(country, personas):
    client = personas.client("company", country.mine)
    assert client.get("/").status_code == 302  # nothing to answer: straight to its own page
    req = _request(country, personas, payer=country.mine, due_on=date(2020, 1, 31))
    with translation.override("en"):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Documents requested from your company" in page and "AC-2026-0001" in page
    assert "Answer by 31 Jan 2020" in page or "Answer by 31.01.2020" in page
    assert "Overdue" in page
    assert reverse("control:case-detail", args=[req.case_id]) + "#requests" in page
    assert reverse("obligations:holder-detail", args=[country.mine.pk]) in page  # its own page stays one click away
    other = personas.client("company", country.oil)
    assert other.get("/").status_code == 302


def test_the_dashboard_lists_missing_bases_up_to_a_limit_and_counts_them_all(country):
    listed, count = queries.base_missing_right_years(RightYearBalance.objects.all(), 2026, limit=1)
    assert len(listed) == 1 and count == 2
    listed, count = queries.base_missing_right_years(RightYearBalance.objects.all(), 2026)
    assert {b.right.number for b in listed} == {"SM-MINE-1", "U-1"} and count == 2


def test_the_right_and_subsoil_user_pages_show_a_year_still_open_in_progress_not_as_arrears(country, personas, monkeypatch):
    monkeypatch.setattr(queries, "today", lambda: date(2025, 6, 1))  # 2025 still open, 2024 closed
    open_owing = RightYearBalance.objects.filter(year=2025, status__in=["unfulfilled", "partly"]).select_related("right").first()
    assert open_owing is not None and open_owing.arrears > 0
    client = personas.client("auditor", country.chamber)
    with translation.override("en"):
        right_page = client.get(reverse("obligations:right-detail", args=[open_owing.right_id])).content.decode()
        holder_page = client.get(reverse("obligations:holder-detail", args=[open_owing.right.holder_id])).content.decode()
    row = right_page.split(f'id="balance-{open_owing.right_id}-2025"')[1].split("</tr>")[0]
    assert "In progress" in row and "Unfulfilled" not in row and "Partly fulfilled" not in row
    assert "Still to fulfil" in row and "text-danger" not in row
    assert "Still to fulfil" in holder_page
    monkeypatch.setattr(queries, "today", lambda: date(2026, 11, 20))  # 2025 closed: the same right-year is owed
    with translation.override("en"):
        right_page = client.get(reverse("obligations:right-detail", args=[open_owing.right_id])).content.decode()
    row = right_page.split(f'id="balance-{open_owing.right_id}-2025"')[1].split("</tr>")[0]
    assert "In progress" not in row and "text-danger" in row
