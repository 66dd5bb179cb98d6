"""Rule regimes as effective-dated versions: a year keeps the version in force for it, used versions
never change, and an assignment starts inside the regime's life."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from niokr.core.models import AuditEvent
from niokr.obligations import engine, services
from niokr.obligations.loader import LoadError, load_registry
from niokr.obligations.models import LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.tests.test_engine import YEARS, rights_strategy

pytestmark = pytest.mark.django_db

ALWAYS = (date(2000, 1, 1), None)


@pytest.fixture(autouse=True)
def _current_year(settings):
    settings.NIOKR_CURRENT_YEAR = 2026


@pytest.fixture
def code_right(build):
    """A hydrocarbon right under the Code from 2018, with bases for 2024 and 2025."""
    right = build.right(build.org(name="ТОО «Версия»"))
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code art. 129")
    for year, amount in ((2024, "1000000.00"), (2025, "2000000.00")):
        services.record_base_figure(right=right, year=year, base_type="production_costs", amount=Decimal(amount), source="report")
    return right


def _obligation(right, year) -> LedgerEntry:
    return LedgerEntry.objects.get(right=right, year=year, kind="obligation", reversed_by__isnull=True)


def test_a_past_year_keeps_its_version_after_a_new_one_is_added(code_right):
    services.recompute()
    before_2025 = _obligation(code_right, 2025)
    before_2026 = _obligation(code_right, 2026)
    assert (before_2025.regime_version, before_2025.amount) == (1, Decimal("10000.00"))
    assert (before_2026.regime_version, before_2026.amount) == (1, Decimal("20000.00"))

    v2 = services.add_regime_version(code="CODE2017_COSTS", effective_from=date(2026, 1, 1), changes={"rate": Decimal("0.02")})
    assert v2.version == 2 and RuleRegime.objects.get(code="CODE2017_COSTS", version=1).effective_to is None
    services.recompute()

    after_2025 = _obligation(code_right, 2025)
    assert after_2025.pk == before_2025.pk and after_2025.regime_version == 1 and after_2025.amount == Decimal("10000.00")
    assert not LedgerEntry.objects.filter(reverses=before_2025).exists()
    balance_2025 = RightYearBalance.objects.get(right=code_right, year=2025)
    assert (balance_2025.regime_version, balance_2025.obligation) == (1, Decimal("10000.00"))
    after_2026 = _obligation(code_right, 2026)
    assert (after_2026.regime_version, after_2026.amount) == (2, Decimal("40000.00"))
    assert LedgerEntry.objects.filter(reverses=before_2026).exists()
    assert RightYearBalance.objects.get(right=code_right, year=2026).regime_version == 2


def test_a_version_that_ended_governs_no_later_year(code_right):
    RuleRegime.objects.filter(code="CODE2017_COSTS").update(effective_to=date(2025, 12, 31))
    services.recompute()
    assert RightYearBalance.objects.filter(right=code_right, year=2025).exists()
    assert not RightYearBalance.objects.filter(right=code_right, year=2026).exists()


def test_a_used_version_cannot_be_changed_or_deleted(code_right):
    regime = RuleRegime.objects.get(code="CODE2017_COSTS", version=1)
    regime.gaps = "an administrator's note"  # a description, not a rule: allowed before and after use
    regime.save()
    services.recompute()
    regime.refresh_from_db()
    regime.rate = Decimal("0.02")
    with pytest.raises(ValidationError) as exc:
        regime.save()
    assert exc.value.code == "regime_version_used"
    with pytest.raises(ValidationError):
        regime.full_clean()
    with pytest.raises(ValidationError):
        RuleRegime.objects.get(pk=regime.pk).delete()
    assert RuleRegime.objects.get(pk=regime.pk).rate == Decimal("0.01")


def test_an_unused_version_may_still_be_corrected():
    regime = RuleRegime.objects.get(code="MODEL2026_SGD", version=1)
    regime.rate = Decimal("0.015")
    regime.save()
    assert RuleRegime.objects.get(pk=regime.pk).rate == Decimal("0.015")


def test_a_new_version_starts_after_the_latest():
    with pytest.raises(ValidationError) as exc:
        services.add_regime_version(code="CODE2017_COSTS", effective_from=date(2018, 1, 1), changes={"rate": Decimal("0.02")})
    assert "effective_from" in exc.value.message_dict
    assert RuleRegime.objects.filter(code="CODE2017_COSTS").count() == 1
    created = services.add_regime_version(code="CODE2017_COSTS", effective_from=date(2027, 1, 1))
    assert AuditEvent.objects.filter(object_type="obligations.RuleRegime", object_id=str(created.pk)).exists()


def test_the_engine_picks_the_version_in_force_on_31_december():
    v1 = engine.Regime("X", 1, "production_costs", Decimal("0.01"), "from_assignment", "direct", effective_from=date(2018, 1, 1))
    v2 = engine.Regime("X", 2, "production_costs", Decimal("0.02"), "from_assignment", "direct", effective_from=date(2025, 7, 1), effective_to=date(2026, 12, 30))
    a = engine.Assignment(v2, date(2018, 1, 1), None, (v1, v2))
    assert a.regime_on(date(2024, 12, 31)) is v1
    assert a.regime_on(date(2025, 12, 31)) is v2
    assert a.regime_on(date(2026, 12, 31)) is None  # v2 ended: the regime's life is over
    assert a.regime_on(date(2017, 12, 31)) is None
    right = engine.Right("R", "hydrocarbons", "hc_production", date(2010, 1, 1), (a,), {y: engine.Base(production_costs=Decimal("100.00")) for y in range(2017, 2026)})
    results = {r.year: r for r in engine.compute_right(right, [2024, 2025, 2026], strict_years=False)}
    assert (results[2024].regime_version, results[2024].obligation) == (1, Decimal("1.00"))
    assert (results[2025].regime_version, results[2025].obligation) == (2, Decimal("2.00"))
    assert 2026 not in results
    with pytest.raises(engine.EngineError, match="no version of regime X"):
        engine.compute_right(right, [2026])


# --- an assignment starts inside the regime's life ---------------------------------------------------


def test_an_assignment_before_the_regime_starts_is_refused_in_every_language(build):
    right = build.right(build.org())
    expected = {
        "en": "Regime CODE2017_COSTS is in force from 29 Jun 2018; an assignment cannot start on 1 Jan 2015.",
        "ru": "Режим CODE2017_COSTS действует с 29.06.2018; назначение не может начинаться 01.01.2015.",
        "kk": "CODE2017_COSTS режимі 29.06.2018 бастап қолданылады; тағайындау 01.01.2015 басталуы мүмкін емес.",
    }
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2015, 1, 1), legal_reason="x")
    assert exc.value.message_dict["valid_from"] == [expected["en"]]
    assert right.regime_assignments.count() == 0
    # The Kazakh and Russian texts, from the catalogs (compiled here, apart from the committed .mo files).
    msgid = "Regime %(code)s is in force from %(start)s; an assignment cannot start on %(date)s."
    params = {"code": "CODE2017_COSTS", "start": "29.06.2018", "date": "01.01.2015"}
    for language in ("kk", "ru"):
        assert _catalog(language).gettext(msgid) % params == expected[language]


def _catalog(language: str):
    """The ``.po`` catalog of ``language`` compiled to a temporary ``.mo`` and loaded."""
    import gettext
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from django.conf import settings

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    po = Path(settings.BASE_DIR) / "niokr" / "locale" / language / "LC_MESSAGES" / "django.po"
    with tempfile.TemporaryDirectory() as folder:
        mo = Path(folder) / "django.mo"
        subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True, capture_output=True)
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)


def test_an_assignment_after_the_regime_ended_is_refused(build):
    right = build.right(build.org())
    RuleRegime.objects.filter(code="LAW2010_SGD").update(effective_to=date(2026, 2, 13))
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.assign_regime(right=right, regime_code="LAW2010_SGD", valid_from=date(2026, 3, 1), legal_reason="x")
    assert exc.value.message_dict["valid_from"] == ["Regime LAW2010_SGD ended on 13 Feb 2026; an assignment cannot start on 1 Mar 2026."]
    services.assign_regime(right=right, regime_code="LAW2010_SGD", valid_from=date(2026, 2, 13), legal_reason="the last day")


def test_the_loader_names_the_assignment_outside_the_regime_life(build):
    holder = build.org()
    document = {"rights": [{
        "number": "LIFE-1", "holder_bin": holder.bin, "mineral_group": "hydrocarbons", "right_type": "hc_production", "region": "atyrau",
        "signed_on": "2015-01-01", "production_start": "2016-01-01", "regimes": [{"code": "CODE2017_COSTS", "from": "2015-01-01", "legal_reason": "x"}],
    }]}
    with translation.override("en"), pytest.raises(LoadError) as exc:
        load_registry(document)
    assert exc.value.field == "rights[0].regimes[0].from" and exc.value.value == "2015-01-01"
    assert "in force from 29 Jun 2018" in exc.value.message


# --- the admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("root", "root@example.kz", "a-long-admin-pass", language="en")
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_refuses_an_assignment_outside_the_regime_life(admin_client, build):
    right = build.right(build.org())
    response = admin_client.post("/admin/registry/regimeassignment/add/", {"right": right.pk, "regime_code": "BUDGET2026_COSTS", "valid_from": "2025-06-01", "legal_reason": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "is in force from 1 Jan 2026" in response.content.decode()
    assert right.regime_assignments.count() == 0


def test_the_admin_shows_a_used_version_read_only(admin_client, code_right):
    services.recompute()
    regime = RuleRegime.objects.get(code="CODE2017_COSTS", version=1)
    page = admin_client.get(f"/admin/obligations/ruleregime/{regime.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="rate"' not in html and 'name="_save"' not in html
    assert f"/admin/obligations/ruleregime/add/?copy_from={regime.pk}" in html
    response = admin_client.post(f"/admin/obligations/ruleregime/{regime.pk}/change/", {"code": "CODE2017_COSTS", "version": 1, "rate": "0.5"})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/obligations/ruleregime/{regime.pk}/delete/", {"post": "yes"}).status_code == 403
    assert RuleRegime.objects.get(pk=regime.pk).rate == Decimal("0.01")
    bulk = admin_client.post("/admin/obligations/ruleregime/", {"action": "delete_selected", "_selected_action": [regime.pk], "post": "yes"})
    assert bulk.status_code in (200, 302) and RuleRegime.objects.filter(pk=regime.pk).exists()
    unused = RuleRegime.objects.get(code="MODEL2026_SGD")
    assert 'name="rate"' in admin_client.get(f"/admin/obligations/ruleregime/{unused.pk}/change/").content.decode()


def test_the_admin_starts_a_new_version_from_the_used_one(admin_client, code_right):
    services.recompute()
    regime = RuleRegime.objects.get(code="CODE2017_COSTS", version=1)
    form = admin_client.get(f"/admin/obligations/ruleregime/add/?copy_from={regime.pk}").context["adminform"].form
    assert form.initial["code"] == "CODE2017_COSTS" and form.initial["version"] == 2 and form.initial["title_ru"] == regime.title_ru
    assert "effective_from" not in form.initial


# --- niokr simulate on the database's regimes ----------------------------------------------------------

SCENARIO = {
    "years": [2025, 2026],
    "rights": [{
        "id": "R1", "mineral_group": "hydrocarbons", "right_type": "hc_production", "production_start": "2019-04-10",
        "regimes": [{"code": "CODE2017_COSTS", "from": "2018-06-29"}],
        "bases": {"2024": {"production_costs": "1000000.00"}, "2025": {"production_costs": "2000000.00"}},
    }],
}


def _simulate(tmp_path, *options) -> dict:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    out = io.StringIO()
    call_command("simulate", str(path), *options, stdout=out)
    return {r["year"]: r for r in json.loads(out.getvalue())["results"]}


def test_simulate_runs_on_the_database_regimes(tmp_path):
    services.add_regime_version(code="CODE2017_COSTS", effective_from=date(2026, 1, 1), changes={"rate": Decimal("0.02")})
    on_db = _simulate(tmp_path, "--regimes", "db")
    assert (on_db[2025]["regime_version"], on_db[2025]["obligation"]) == (1, "10000.00")
    assert (on_db[2026]["regime_version"], on_db[2026]["obligation"]) == (2, "40000.00")
    builtin = _simulate(tmp_path)
    assert (builtin[2026]["regime_version"], builtin[2026]["obligation"]) == (1, "20000.00")


def test_a_scenario_may_add_a_version_of_its_own(tmp_path):
    from niokr.obligations.simulate import run_scenario

    scenario = {**SCENARIO, "regimes": [{"code": "CODE2017_COSTS", "version": 2, "effective_from": "2026-01-01", "rate": "0.03"}]}
    results = {r["year"]: r for r in run_scenario(json.loads(json.dumps(scenario)))["results"]}
    assert (results[2025]["regime_version"], results[2025]["obligation"]) == (1, "10000.00")
    assert (results[2026]["regime_version"], results[2026]["obligation"]) == (2, "60000.00")


# --- the law, for any right -------------------------------------------------------------------------

@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rights_strategy(), st.integers(2013, 2026), st.sampled_from(["0.005", "0.02", "0.5"]))
def test_law_a_new_version_never_changes_an_earlier_year(right, start_year, rate):
    start = date(start_year, 1, 1)

    def with_version(a: engine.Assignment) -> engine.Assignment:
        if a.regime.effective_from is not None and a.regime.effective_from >= start:
            return a
        newer = dataclasses.replace(a.regime, version=a.regime.version + 1, rate=Decimal(rate), effective_from=start)
        return dataclasses.replace(a, regime=newer, versions=(a.regime, newer))

    changed = engine.Right(**{**right.__dict__, "assignments": tuple(with_version(a) for a in right.assignments)})
    before = [r for r in engine.compute_right(right, YEARS, strict_years=False) if r.year < start_year]
    after = [r for r in engine.compute_right(changed, YEARS, strict_years=False) if r.year < start_year]
    assert before == after
