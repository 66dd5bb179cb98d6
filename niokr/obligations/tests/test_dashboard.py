"""The dashboard: its figures are the sums of the balances and the ledger, in the user's scope."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal

import pytest

from niokr.obligations import charts
from niokr.obligations.models import RightYearBalance
from niokr.obligations.queries import Figures, consolidate_groups

pytestmark = pytest.mark.django_db

URL = "/obligations/dashboard/"
MONEY = ("obligation", "fulfilled", "ineligible", "credit_in", "credit_out", "arrears")


def table(client, key: str, **params) -> list[dict]:
    """The CSV export of one dashboard table as dicts (header → cell), amounts as Decimal."""
    query = "&".join(f"{k}={v}" for k, v in {**params, "export": "csv", "table": key}.items())
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.status_code
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [dict(zip(rows[0], [_cell(c) for c in row])) for row in rows[1:]]


def _cell(text: str):
    if re.fullmatch(r"-?\d+[.,]\d{2}", text):
        return Decimal(text.replace(",", "."))
    return text


def direct_sums(balances, key) -> dict:
    """The same figures, summed in Python over the balance rows themselves."""
    out: dict = defaultdict(lambda: {f: Decimal("0.00") for f in MONEY} | {"n": 0})
    for b in balances:
        slot = out[key(b)]
        slot["n"] += 1
        for f in MONEY:
            slot[f] += getattr(b, f) or Decimal("0.00")
    return out


def test_the_dashboard_figures_equal_direct_sums_of_the_balances(country, personas):
    client = personas.client("auditor", country.chamber)
    balances = list(RightYearBalance.objects.select_related("right"))
    by_year = direct_sums(balances, lambda b: str(b.year))
    rows = table(client, "by_year")
    assert {r["Year"] for r in rows if r["Year"] != "Total"} == set(by_year)
    for row in rows:
        if row["Year"] == "Total":
            assert row["Obligation, ₸"] == sum(b.obligation or 0 for b in balances)
            continue
        expected = by_year[row["Year"]]
        assert int(row["Right-years"]) == expected["n"]
        assert row["Obligation, ₸"] == expected["obligation"] and row["Eligible fulfilment, ₸"] == expected["fulfilled"]
        # 2026 is still open: no arrears yet (its unmet part is "still to fulfil" in its own breakdowns).
        assert row["Arrears, ₸"] == ("" if row["Year"] == "2026" else expected["arrears"]) and row["Credit carried forward, ₸"] == expected["credit_out"]
    for key, label_of, header in (("by_mineral", lambda b: b.right.get_mineral_group_display(), "Mineral group"), ("by_region", lambda b: b.right.get_region_display(), "Region")):
        expected = direct_sums([b for b in balances if b.year == 2025], label_of)
        got = {r[header]: r for r in table(client, key, year=2025) if r[header] != "Total"}
        assert set(got) == {str(k) for k in expected}
        for name, sums in expected.items():
            assert got[str(name)]["Obligation, ₸"] == sums["obligation"] and got[str(name)]["Arrears, ₸"] == sums["arrears"]


def test_the_competent_ministry_is_the_authority_of_the_mineral_group(country, personas):
    rows = {r["Competent authority"]: r for r in table(personas.client("auditor", country.chamber), "by_ministry", year=2025)}
    assert rows["Ministry of Energy"]["Obligation, ₸"] == Decimal("20000.00")
    assert rows["Ministry of Industry and Construction"]["Obligation, ₸"] == Decimal("10000.00")
    assert rows["Agency for Atomic Energy"]["Arrears, ₸"] == Decimal("30000.00")
    assert rows["Total"]["Obligation, ₸"] == Decimal("60000.00") and rows["Total"]["Arrears, ₸"] == Decimal("36000.00")


def test_a_regulator_sees_only_its_competence_on_the_dashboard(country, personas):
    client = personas.client("regulator", country.ministry_energy, authority="energy")
    oil = direct_sums(RightYearBalance.objects.filter(right=country.oil_right), lambda b: str(b.year))
    for row in table(client, "by_year"):
        if row["Year"] != "Total":
            assert row["Obligation, ₸"] == oil[row["Year"]]["obligation"]
    assert [r["Mineral group"] for r in table(client, "by_mineral", year=2025)] == ["Hydrocarbons", "Total"]
    page = client.get(URL).content.decode()
    assert "ТОО «Кен Тест»" not in page and "ТОО «Уран Тест»" not in page
    assert personas.client(None, None).get(URL).status_code == 200


def test_the_channel_breakdown_comes_from_the_ledger_net_of_reversals(country, personas):
    rows = {r["Channel"]: r for r in table(personas.client("auditor", country.chamber), "by_channel", year=2025)}
    direct, budget = rows["Direct R&D spending with performers"], rows["Transfer to the republican budget, KBK 401103"]
    assert direct["Reported, net of reversals, ₸"] == Decimal("30000.00") and direct["Excluded, ₸"] == Decimal("1000.00") and direct["Net, ₸"] == Decimal("29000.00")
    assert budget["Reported, net of reversals, ₸"] == Decimal("4000.00")
    rows_2026 = table(personas.client("auditor", country.chamber), "by_channel", year=2026)
    assert [(r["Channel"], r["Net, ₸"]) for r in rows_2026] == [("Transfer to the republican budget, KBK 401103", Decimal("25000.00"))]


def test_holding_groups_consolidate_their_members(country, personas):
    rows = table(personas.client("auditor", country.chamber), "groups", year=2025)
    assert len(rows) == 1  # the uranium miner belongs to no group
    group = rows[0]
    assert group["Holding group"] == "АО «Ұлттық Холдинг»" and group["Subsoil users"] == "2"
    assert group["Obligation, ₸"] == Decimal("30000.00") and group["Eligible fulfilment, ₸"] == Decimal("26000.00") and group["Arrears, ₸"] == Decimal("6000.00")
    top = table(personas.client("auditor", country.chamber), "top_holders", year=2025)
    assert [r["Subsoil user"] for r in top][:2] == ["ТОО «Уран Тест»", "Kazakh Oil Refining LLP"]


def test_consolidate_groups_adds_the_members_of_each_root():
    by_holder = {1: Figures(1, Decimal("10.00"), arrears=Decimal("2.00")), 2: Figures(2, Decimal("5.00")), 3: Figures(1, Decimal("7.00"))}
    groups = consolidate_groups(by_holder, {1: 9, 2: 9, 9: 9})
    assert list(groups) == [9]
    assert groups[9].figures.obligation == Decimal("15.00") and groups[9].figures.arrears == Decimal("2.00") and groups[9].figures.right_years == 3
    assert sorted(groups[9].members) == [1, 2]


def test_the_filters_narrow_every_figure(country, personas):
    client = personas.client("auditor", country.chamber)
    by_year = {r["Year"]: r for r in table(client, "by_year", mineral_group="solid")}
    mine = direct_sums(RightYearBalance.objects.filter(right=country.mine_right), lambda b: str(b.year))
    assert by_year["2025"]["Obligation, ₸"] == mine["2025"]["obligation"] == Decimal("10000.00")
    channels = {r["Channel"]: r["Net, ₸"] for r in table(client, "by_channel", mineral_group="solid", year=2025)}
    assert channels == {"Direct R&D spending with performers": Decimal("12000.00"), "Transfer to the republican budget, KBK 401103": Decimal("4000.00")}
    by_region = table(client, "by_region", region="karaganda", year=2025)
    assert [r["Region"] for r in by_region] == ["Karaganda region", "Total"]


def test_the_year_defaults_to_the_last_closed_year_and_a_wrong_filter_is_ignored(country, personas):
    client = personas.client("auditor", country.chamber)
    assert "— 2025" in client.get(URL).content.decode()
    response = client.get(URL + "?year=1900&region=mars")
    assert response.status_code == 200 and "— 2025" in response.content.decode()


def test_the_dashboard_draws_its_charts_as_inline_svg_that_the_csp_allows(country, personas):
    page = personas.client("auditor", country.chamber).get(URL + "?year=2025").content.decode()
    svgs = re.findall(r"<svg[\s\S]*?</svg>", page)
    assert len(svgs) == 7
    assert all('role="img"' in svg and "DejaVu Sans" in svg for svg in svgs)
    assert not re.search(r"\sstyle=", page) and "<style" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "Obligation and eligible fulfilment by year" in page and "bn ₸" in page


def test_a_chart_is_a_pure_function_of_its_rows(country):
    rows = [{"category": "<script>ТОО «Әлем»</script>", "series": "Obligation", "value": charts.bn(Decimal("1500000000.00"))}]
    spec = charts.grouped_bars(rows, categories=[rows[0]["category"]], series=[("Obligation", "obligation")], category_title="Year", value_title="bn ₸")
    assert spec["data"]["values"][0]["value"] == 1.5
    svg = charts.render_svg(spec, language="kk", title="Міндеттеме")
    assert svg.startswith('<svg role="img" aria-label="Міндеттеме"') and "<script" not in svg and "&lt;script&gt;ТОО «Әлем»&lt;/script&gt;" in svg
    assert "style=" not in svg and ">0,0<" in svg and ">0.0<" not in svg  # Kazakh writes a decimal comma
    assert charts.render_svg(spec, language="kk", title="Міндеттеме") == svg


def test_dashboard_exports_are_spreadsheets_and_unknown_tables_are_not_found(country, personas):
    client = personas.client("auditor", country.chamber)
    response = client.get(URL + "?export=xlsx&table=by_region")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(URL + "?export=xlsx&table=secret").status_code == 404
    assert client.get(URL + "?export=exe&table=by_region").status_code == 404


def test_the_dashboard_needs_a_bounded_number_of_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("regulator", country.ministry_energy, authority="energy")
    with django_assert_max_num_queries(15):  # 13, the results panel's one aggregate query and the unread notifications count
        assert client.get(URL).status_code == 200


def test_a_company_user_sees_only_its_own_figures_on_the_dashboard(country, personas):
    client = personas.client("company", country.mine)
    mine = direct_sums(RightYearBalance.objects.filter(right=country.mine_right), lambda b: str(b.year))
    rows = {r["Year"]: r for r in table(client, "by_year")}
    assert set(rows) - {"Total"} == set(mine)
    assert rows["2025"]["Obligation, ₸"] == Decimal("10000.00")
    channels = {r["Channel"]: r["Net, ₸"] for r in table(client, "by_channel", year=2025)}
    assert channels == {"Direct R&D spending with performers": Decimal("12000.00"), "Transfer to the republican budget, KBK 401103": Decimal("4000.00")}
