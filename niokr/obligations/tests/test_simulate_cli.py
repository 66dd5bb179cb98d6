"""`niokr simulate`: the engine's public contract, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIO = {
    "years": [2025, 2026],
    "rights": [
        {
            "id": "R1",
            "mineral_group": "hydrocarbons",
            "right_type": "contract",
            "production_start": "2019-04-10",
            "regimes": [{"code": "CODE2017_COSTS", "from": "2018-06-29"}, {"code": "BUDGET2026_COSTS", "from": "2026-02-23"}],
            "bases": {"2025": {"production_costs": "12345678900.00", "aggregate_income": "20000000000.00"}},
            "lines": [
                {"date": "2026-05-20", "amount": "130000000.00", "channel": "budget"},
                {"date": "2025-06-01", "amount": "1000.00", "channel": "direct", "for_year": 2025, "performer": {"kazakhstani": True, "accredited": True, "astana_hub": False, "foreign_permission": False}},
            ],
        },
        {
            "id": "S1",
            "mineral_group": "solid",
            "right_type": "legacy_contract",
            "production_start": "2004-01-01",
            "regimes": [{"code": "LAW2010_SGD", "from": "2012-01-01"}, {"code": "MODEL2026_SGD", "from": "2026-02-14"}],
            "bases": {"2025": {"aggregate_income": "50000000000.00"}},
        },
    ],
}


def simulate(tmp_path: Path, scenario) -> subprocess.CompletedProcess:
    path = tmp_path / "scenario.json"
    path.write_text(scenario if isinstance(scenario, str) else json.dumps(scenario), encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "niokr.settings", "DATABASE_URL": "sqlite:////nonexistent/dir/never.sqlite3"}
    return subprocess.run([sys.executable, "-m", "niokr.cli", "simulate", str(path)], capture_output=True, text=True, env=env, timeout=60)


def test_it_reproduces_the_worked_examples_without_a_database(tmp_path):
    proc = simulate(tmp_path, SCENARIO)
    assert proc.returncode == 0, proc.stderr
    results = {(r["right"], r["year"]): r for r in json.loads(proc.stdout)["results"]}
    r = results[("R1", 2026)]
    assert {k: r[k] for k in ("regime", "base_type", "base_year", "base", "obligation", "fulfilled", "credit_in", "credit_out", "arrears", "status")} == {
        "regime": "BUDGET2026_COSTS",
        "base_type": "production_costs",
        "base_year": 2025,
        "base": "12345678900.00",
        "obligation": "123456789.00",
        "fulfilled": "130000000.00",
        "credit_in": "0.00",
        "credit_out": "6543211.00",
        "arrears": "0.00",
        "status": "fulfilled",
    }
    assert results[("S1", 2026)]["obligation"] == "500000000.00"
    assert results[("R1", 2025)]["status"] == "base_missing" and results[("R1", 2025)]["obligation"] is None


@pytest.mark.parametrize(
    ("mutate", "field", "value"),
    [
        (lambda s: s["rights"][0]["bases"]["2025"].__setitem__("production_costs", 12345678900.5), "rights[0].bases.2025.production_costs", "12345678900.5"),
        (lambda s: s["rights"][0]["lines"][0].__setitem__("amount", 130000000), "rights[0].lines[0].amount", "130000000"),
        (lambda s: s["rights"][0]["regimes"][0].__setitem__("code", "CODE2099"), "rights[0].regimes[0].code", "CODE2099"),
        (lambda s: s["rights"][0]["bases"]["2025"].__setitem__("production_costs", "-1.00"), "rights[0].bases.2025.production_costs", "-1.00"),
        (lambda s: s.__setitem__("years", [2016, 2026]), "rights[R1].regimes", "2016"),
        (lambda s: s["rights"][0]["lines"][0].__setitem__("date", "20.05.2026"), "rights[0].lines[0].date", "20.05.2026"),
        (lambda s: s["rights"][0].__setitem__("mineral_grup", "solid"), "rights[0].mineral_grup", "solid"),
        (lambda s: s["rights"][0]["lines"][1]["performer"].__setitem__("kazakhstani", "yes"), "rights[0].lines[1].performer.kazakhstani", "yes"),
    ],
    ids=["base-as-number", "amount-as-integer", "unknown-regime", "negative-base", "due-year-without-regime", "bad-date", "unknown-field", "flag-not-bool"],
)
def test_bad_input_names_the_field_and_the_value_and_exits_non_zero(tmp_path, mutate, field, value):
    scenario = json.loads(json.dumps(SCENARIO))
    mutate(scenario)
    proc = simulate(tmp_path, scenario)
    assert proc.returncode == 2
    assert proc.stdout == ""
    error = json.loads(proc.stderr.splitlines()[0])["error"]
    assert error["field"] == field
    assert value in str(error["value"])


def test_malformed_json_is_reported_with_its_position(tmp_path):
    proc = simulate(tmp_path, '{"years": [2026], ')
    assert proc.returncode == 2 and "not valid JSON" in proc.stderr


def test_a_scenario_can_test_a_rule_change(tmp_path):
    scenario = json.loads(json.dumps(SCENARIO))
    scenario["regimes"] = [{"code": "BUDGET_2PCT", "based_on": "BUDGET2026_COSTS", "rate": "0.02"}]
    scenario["rights"][0]["regimes"][1]["code"] = "BUDGET_2PCT"
    proc = simulate(tmp_path, scenario)
    assert proc.returncode == 0, proc.stderr
    r = next(r for r in json.loads(proc.stdout)["results"] if r["right"] == "R1" and r["year"] == 2026)
    assert (r["obligation"], r["status"], r["arrears"]) == ("246913578.00", "partly", "116913578.00")
