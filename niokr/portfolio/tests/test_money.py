"""The portfolio's money: equal to the dashboard's to the tiyn, attributed by the tags' precedence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from niokr.obligations.queries import figures_by_channel
from niokr.portfolio import queries
from niokr.portfolio.models import PriorityTag
from niokr.portfolio.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def dashboard_total(user, year):
    return sum((c.reported for c in figures_by_channel(user, year).values()), Decimal("0"))


def counted(user, direction, year=YEAR):
    return queries.money_rows(user, "year").counted(year, direction)


def confirm(kind, pk, direction, sector=""):
    return PriorityTag.objects.update_or_create(subject_kind=kind, subject_id=pk, defaults={"direction": direction, "sector": sector, "confirmed_at": timezone.now()})[0]


def suggest(kind, pk, direction):
    return PriorityTag.objects.create(subject_kind=kind, subject_id=pk, suggested_direction=direction, suggested_at=timezone.now(), confidence=Decimal("0.9"), classifier_version="test")


def test_the_portfolio_total_equals_the_dashboards_to_the_tiyn_for_every_scope(country, personas):
    admin = personas.user(superuser=True)
    regulator = personas.user("regulator", country.state_body, authority="energy")
    company = personas.user("company", country.mine)
    for user in (admin, regulator, company):
        for year in (YEAR - 1, YEAR):
            by_year = queries.money_rows(user, "year")
            assert by_year.totals.get(year, Decimal("0")) == dashboard_total(user, year), (user, year)
            for dimension in ("mineral_group", "region", "authority"):
                breakdown = queries.money_rows(user, dimension, year=year)
                assert sum(breakdown.totals.values(), Decimal("0")) == dashboard_total(user, year)
    assert dashboard_total(admin, YEAR) == Decimal("2146.40")
    assert dashboard_total(regulator, YEAR) == Decimal("1350.85")


def test_attributed_and_unattributed_money_add_up_to_the_total(country, personas):
    admin = personas.user(superuser=True)
    by_year = queries.money_rows(admin, "year")
    groups = by_year.by_group[YEAR]
    attributed = sum((r.confirmed + r.source + r.suggested + r.untagged for r in groups.values()), Decimal("0"))
    assert attributed + by_year.unattributed[YEAR] == by_year.totals[YEAR]
    # The budget transfer and the spending no payment explains are not attributable; nothing else is missing.
    assert by_year.unattributed[YEAR] == Decimal("1005.55")
    # The report's entry is split over its two payments; the reversed payment nets to nothing.
    assert by_year.counted(YEAR, "medtech") == Decimal("150.60")
    assert by_year.counted(YEAR, "other") == Decimal("200.25")
    assert by_year.counted(YEAR, "agritech") == Decimal("410.00")
    assert groups[""].untagged == Decimal("380.00")


def test_the_sector_breakdown_adds_up_to_the_total_with_its_unattributable_line(country, personas):
    admin = personas.user(superuser=True)
    sectors = queries.money_rows(admin, "sector", year=YEAR)
    assert sum(sectors.totals.values(), Decimal("0")) + sectors.unattributed[None] == dashboard_total(admin, YEAR)


def test_the_agreements_own_direction_beats_its_projects(country, personas):
    admin = personas.user(superuser=True)
    assert counted(admin, "greentech") == Decimal("0")  # PF-2's project is GreenTech, the agreement says "other"


def test_a_confirmed_tag_beats_the_source_column_at_every_level(country, personas):
    admin = personas.user(superuser=True)
    confirm("project", country.greentech.pk, "greentech")
    assert counted(admin, "other") == Decimal("200.25")  # the agreement's own column still comes first
    confirm("agreement", country.a_other.pk, "greentech")
    assert counted(admin, "greentech") == Decimal("200.25")
    confirm("payment", country.payments["rep_other"].pk, "medtech")
    assert counted(admin, "medtech") == Decimal("350.85")
    assert counted(admin, "greentech") == Decimal("0")


def test_a_suggestion_is_never_counted_as_a_tag(country, personas):
    admin = personas.user(superuser=True)
    suggest("agreement", country.a_bare.pk, "medtech")
    by_year = queries.money_rows(admin, "year")
    assert by_year.counted(YEAR, "medtech") == Decimal("150.60")
    assert by_year.by_group[YEAR]["medtech"].suggested == Decimal("300.00")
    confirm("agreement", country.a_bare.pk, "medtech")
    assert queries.money_rows(admin, "year").counted(YEAR, "medtech") == Decimal("450.60")


def test_a_project_tag_reaches_its_agreements_and_payments(country, personas):
    admin = personas.user(superuser=True)
    confirm("project", country.untagged_project.pk, "agritech", "agro")
    assert counted(admin, "agritech") == Decimal("490.00")
    sectors = queries.money_rows(admin, "sector", year=YEAR)
    assert sectors.counted("agro", "agritech") == Decimal("490.00")


def test_a_regulator_sees_only_its_mineral_groups_money(country, personas):
    regulator = personas.user("regulator", country.state_body, authority="energy")
    by_year = queries.money_rows(regulator, "year")
    assert by_year.totals[YEAR] == Decimal("1350.85")
    assert by_year.counted(YEAR, "agritech") == Decimal("0")
    assert by_year.counted(YEAR, "medtech") == Decimal("150.60")


def test_trl_and_results_per_priority(country, personas):
    admin = personas.user(superuser=True)
    trl = queries.trl_distribution(admin)
    assert trl["greentech"]["start"][2] == 1 and trl["greentech"]["reached"][4] == 1 and trl["greentech"]["target"][7] == 1
    assert trl[""]["start"][None] == 1
    results = queries.results_by_kind(admin)
    assert results["medtech"]["patent"] == 1 and results[""]["jobs"] == 1
    confirm("result", country.results["jobs"].pk, "agritech")
    assert queries.results_by_kind(admin, "agritech")["agritech"]["jobs"] == 1
