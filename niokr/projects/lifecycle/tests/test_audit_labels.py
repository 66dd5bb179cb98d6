"""Every action the lifecycle writes to the audit trail reads as words, in each language, never as its key."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from niokr.core.audit import action_label
from niokr.projects.lifecycle.workflow import workflows

PACKAGE = Path(__file__).resolve().parents[1]


def _literal_actions() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        found.update(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_action_of_the_lifecycle_has_a_label_in_each_language():
    actions = _literal_actions() | {t.action or f"{w.name}.{t.name}" for w in workflows().values() for t in w.transitions}
    assert len(actions) > 30
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            unlabelled = sorted(a for a in actions if action_label(a) == a)
            assert unlabelled == [], language
            if language != "en":
                assert not [a for a in actions if re.fullmatch(r"[A-Za-z ,.'’-]+", action_label(a))], language
