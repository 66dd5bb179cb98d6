"""Dependencies point one way (DESIGN.md §3, ADR 5): core ← accounts ← registry ← obligations ← projects ← intake ← control
← help ← search (the help pages and the search box read every app; ``core`` names them only by URL
name and dotted path).

An import against that direction is a design error; this test reads every module's imports.
``niokr.synthetic`` (the synthetic country) stands above every app: only management commands, the
command-line surface, may call it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "accounts", "registry", "obligations", "projects", "intake", "control", "capability", "portfolio", "foresight", "ranking", "help", "search"]
PURE = {"obligations/engine.py", "core/docnumbers.py", "projects/lifecycle/votes.py", "capability/engine.py"}
#: Pure modules that the pure engines may share (themselves in PURE: the standard library only): the
#: document-number normaliser, and the council's vote arithmetic NK-24 recounts a decision with.
SHARED_PURE_MODULES = {"niokr.core.docnumbers", "niokr.projects.lifecycle.votes"}
#: The control engine: polars and its own modules only.
PURE_PACKAGES = ["control/indicators"]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_app_imports_an_app_above_it():
    problems = []
    for rank, app in enumerate(LAYERS):
        above = LAYERS[rank + 1 :]
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            is_command = "commands" in path.parts
            for name in imports_of(path):
                parts = name.split(".")
                if parts[0] != "niokr" or len(parts) < 2:
                    continue
                if parts[1] in above or (parts[1] == "synthetic" and not is_command):
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert problems == []


def test_the_engine_imports_nothing_from_django():
    for rel in PURE:
        names = imports_of(ROOT / rel)
        assert not [n for n in names if n.startswith("django") or n.startswith("niokr")], rel


def test_the_control_engine_is_pure():
    for package in PURE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            names = imports_of(path)
            bad = [
                n for n in names
                if n.startswith("django") or (n.startswith("niokr") and not n.startswith("niokr.control.indicators") and n not in SHARED_PURE_MODULES)
            ]
            assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"
