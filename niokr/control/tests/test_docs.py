"""docs/control.md documents every indicator of the catalogue with its thresholds and defaults."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from niokr.control.indicators import catalogue

DOC = Path(settings.BASE_DIR) / "docs" / "control.md"


def test_every_indicator_and_threshold_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for indicator in catalogue():
        assert f"### {indicator.code} — {indicator.title['en']} (v{indicator.version})" in text, indicator.code
        assert f"*weight:* {indicator.weight}" in text.split(f"### {indicator.code}")[1].split("###")[0], indicator.code
        for t in indicator.thresholds:
            assert f"| `{t.name}` | `{t.default}` |" in text, (indicator.code, t.name)
