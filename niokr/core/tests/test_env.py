"""The environment is read strictly: a malformed value names its variable instead of becoming a default."""

from __future__ import annotations

import subprocess
import sys

import pytest

from niokr.env import ImproperlyConfiguredEnv, env_bool, env_float, env_int, env_json_object


@pytest.mark.parametrize("raw, expected", [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False), ("", False)])
def test_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("NIOKR_X", raw)
    assert env_bool("NIOKR_X") is expected


@pytest.mark.parametrize(
    "reader, raw",
    [
        (lambda: env_bool("NIOKR_X"), "maybe"),
        (lambda: env_int("NIOKR_X", 1), "1.5"),
        (lambda: env_float("NIOKR_X", 0.1), "ten percent"),
        (lambda: env_float("NIOKR_X", 0.1), "nan"),
        (lambda: env_float("NIOKR_X", 0.1, minimum=0, maximum=1), "1.5"),
        (lambda: env_json_object("NIOKR_X"), "{'NK-08': 1}"),
        (lambda: env_json_object("NIOKR_X"), "[1, 2]"),
    ],
)
def test_a_malformed_value_names_the_variable(monkeypatch, reader, raw):
    monkeypatch.setenv("NIOKR_X", raw)
    with pytest.raises(ImproperlyConfiguredEnv, match="NIOKR_X"):
        reader()


def test_unset_or_empty_gives_the_default(monkeypatch):
    monkeypatch.delenv("NIOKR_X", raising=False)
    assert env_float("NIOKR_X", 0.1) == 0.1 and env_json_object("NIOKR_X") == {} and env_int("NIOKR_X", 7) == 7
    monkeypatch.setenv("NIOKR_X", " ")
    assert env_float("NIOKR_X", 0.1) == 0.1 and env_json_object("NIOKR_X") == {}


def test_well_formed_values_are_read(monkeypatch):
    monkeypatch.setenv("NIOKR_X", '{"NK-08": {"december_share": 0.55}}')
    assert env_json_object("NIOKR_X") == {"NK-08": {"december_share": 0.55}}
    monkeypatch.setenv("NIOKR_X", "0.25")
    assert env_float("NIOKR_X", 0.1, minimum=0, maximum=1) == 0.25


@pytest.mark.parametrize("name, raw", [("NIOKR_CONTROL_THRESHOLDS", "not json"), ("NIOKR_CONTROL_LOOSE_SHARE", "2")])
def test_the_settings_refuse_to_load_with_a_malformed_control_setting(name, raw):
    """The control settings go through the strict helpers: start-up stops and names the variable."""
    done = subprocess.run(
        [sys.executable, "-c", "import niokr.settings"], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", name: raw, "DATABASE_URL": "sqlite:///:memory:"}, timeout=60,
    )
    assert done.returncode != 0 and name in done.stderr
