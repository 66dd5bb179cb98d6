"""The dashboard keeps its rendered figures until the data behind them changes.

These tests commit their data (``transaction=True``): figures read inside a transaction are never
kept, since they may include that transaction's uncommitted writes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from niokr.obligations import services
from niokr.obligations.catalogue import REGIMES
from niokr.obligations.models import LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.figures_cache import figures_version
from niokr.projects.models import Agreement, Project, Result
from niokr.registry.models import Affiliation, Organisation, SubsoilRight

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/obligations/dashboard/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _regime_catalogue():
    """The catalogue the migrations seed (a test that commits starts from a flushed database)."""
    for spec in REGIMES:
        RuleRegime.objects.update_or_create(code=spec["code"], version=spec["version"], defaults={k: v for k, v in spec.items() if k not in {"code", "version"}})


def figures(client, **params) -> str:
    """The figures of the dashboard page (cards, tables and charts), without the page around them."""
    page = client.get(URL, params).content.decode()
    return page[page.index('<div class="row g-3 mb-3 kpis">') : page.index("</main>")]


def test_the_dashboard_is_kept_and_served_with_a_few_queries(country, personas, django_assert_max_num_queries):
    client = personas.client("auditor", country.chamber)
    first = figures(client)
    with django_assert_max_num_queries(5):  # session, user, memberships, the count of changes (the language is the user's), the unread notifications
        assert figures(client) == first


def test_nothing_is_kept_inside_a_transaction(country):
    assert figures_version() is not None
    with transaction.atomic():
        assert figures_version() is None


def test_every_write_to_the_data_behind_the_dashboard_changes_its_version(country):
    """ORM saves, updates, deletes, bulk loads and raw SQL on each table the figures are read from."""
    writes = [
        lambda: RightYearBalance.objects.filter(right=country.oil_right, year=2025).update(arrears=Decimal("1.00")),
        lambda: services.post_entry(right=country.mine_right, year=2025, kind="direct_spend", amount=Decimal("5.00"), entry_date=date(2025, 8, 1), idempotency_key="t:cache:1", performer=country.institute, source_type="test", reference="t:cache:1"),
        lambda: services.recompute(right_ids=[country.mine_right.pk]),  # balances rewritten in bulk (COPY on PostgreSQL)
        lambda: SubsoilRight.objects.filter(pk=country.mine_right.pk).update(region="atyrau"),
        lambda: Organisation.objects.bulk_create([Organisation(bin="990340000019", name_kk="Жаңа", name_ru="Новая", name_en="New", kind="university", region="astana", registered_on=date(2020, 1, 1))]),
        lambda: Affiliation.objects.filter(target=country.mine).delete(),
        lambda: _execute(f"UPDATE {LedgerEntry._meta.db_table} SET reference = 'raw' WHERE id = {country.reversal.pk}"),
        lambda: _execute(f"DELETE FROM {RightYearBalance._meta.db_table} WHERE year = 2023"),
        lambda: Project.objects.create(code="P-CACHE-1", title_ru="Проект", performer=country.institute, start_date=date(2025, 1, 1), end_date=date(2026, 12, 31), status="in_progress", priority_direction="other"),
        lambda: Project.objects.filter(code="P-CACHE-1").update(priority_direction="medtech"),
        lambda: Result.objects.create(reference="R-CACHE-1", project=Project.objects.get(code="P-CACHE-1"), kind="jobs", title="Рабочие места", year=2025, jobs=3),
        lambda: Result.objects.filter(reference="R-CACHE-1").delete(),
        # The portfolio's panels are kept under the same count: a tag, the target and an agreement's priority.
        lambda: _execute("INSERT INTO portfolio_prioritytag (subject_kind, subject_id, suggested_direction, suggested_sector, classifier_version, "
                         "direction, sector, note, changed_at) VALUES ('project', 1, '', '', '', '', '', '', CURRENT_TIMESTAMP)"),
        lambda: _execute("UPDATE portfolio_prioritytag SET suggested_direction = 'medtech', suggested_at = CURRENT_TIMESTAMP"),
        lambda: _execute("INSERT INTO portfolio_policytarget (from_year, share_percent, basis, set_at) VALUES (2026, 60, '', CURRENT_TIMESTAMP)"),
        lambda: Agreement.objects.create(
            payer=country.mine, performer=country.institute, number="Д-CACHE-1", signed_on=date(2025, 2, 1), subject="НИОКР", amount=Decimal("10.00"),
            period_start=date(2025, 2, 1), period_end=date(2025, 12, 31),
        ),
        lambda: Agreement.objects.filter(number="Д-CACHE-1").update(priority_direction="medtech"),
    ]
    for n, write in enumerate(writes):
        before = figures_version()
        write()
        assert figures_version() > before, n


def test_a_new_result_shows_in_the_results_panel_at_once(country, personas):
    client = personas.client("auditor", country.chamber)
    project = Project.objects.create(code="P-CACHE-2", title_ru="Проект", performer=country.institute, start_date=date(2025, 1, 1), end_date=date(2026, 12, 31), status="in_progress", priority_direction="greentech")
    before = client.get(URL).content.decode()
    Result.objects.create(reference="R-CACHE-2", project=project, kind="jobs", title="Рабочие места", year=2025, jobs=3)
    after = client.get(URL).content.decode()
    panel = after[after.index("results-panel"):]
    assert before != after and "GreenTech" in panel


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def test_a_change_shows_at_once_after_the_figures_were_kept(country, personas):
    client = personas.client("auditor", country.chamber)
    assert "ТОО «Уран Тест»" in figures(client, year=2025)
    Organisation.objects.filter(pk=country.uranium.pk).update(name_en="Uranium Renamed LLP")
    assert "Uranium Renamed LLP" in figures(client, year=2025)
    RightYearBalance.objects.filter(right=country.uranium_right, year=2025).update(arrears=Decimal("0.00"), status="fulfilled")
    shown = figures(client, year=2025)
    assert "Uranium Renamed LLP" not in shown  # no arrears left: no longer among the largest arrears
    cache.clear()
    assert figures(client, year=2025) == shown


def test_what_is_kept_for_one_scope_or_language_is_not_shown_to_another(country, personas):
    auditor = figures(personas.client("auditor", country.chamber), year=2025)
    regulator = figures(personas.client("regulator", country.ministry_energy, authority="energy"), year=2025)
    assert "ТОО «Уран Тест»" in auditor and "ТОО «Уран Тест»" not in regulator and "ТОО «Кен Тест»" not in regulator
    russian = figures(personas.client("auditor", country.chamber, language="ru"), year=2025)
    assert "Total" in auditor and "Итого" in russian and "Total" not in russian


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts in a single row")
def test_the_count_stays_exact_and_small_over_many_transactions(country):
    before = figures_version()
    for n in range(250):
        Organisation.objects.filter(pk=country.mine.pk).update(name_en=f"Mine {n}")
    assert figures_version() == before + 250
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM obligations_figures_change")
        assert cursor.fetchone()[0] <= 101


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps a table's triggers through ALTER TABLE; SQLite rebuilds the table without them")
def test_triggers_a_table_rebuild_dropped_are_restored_after_migrate(country):
    """A later migration that rebuilds one of the tables (SQLite) must not turn the cache off for good."""
    from niokr.obligations.figures_cache import restore_sqlite_triggers

    assert figures_version() is not None
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER obligations_figures_change_registry_organisation_insert")
    assert figures_version() is None  # a missing trigger: nothing is cached
    assert restore_sqlite_triggers() == 1
    version = figures_version()
    assert version is not None
    Organisation.objects.filter(pk=Organisation.objects.order_by("pk").values("pk")[:1]).update(name_ru="Новое имя")
    assert figures_version() > version
    assert restore_sqlite_triggers() == 0
