"""The forms the synthetic country's problems take: document numbers, purposes, chains, timings.

Pure tests of the generator's text and number makers (no database); the generated country itself
is checked in ``niokr/projects/tests/test_generate.py``.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.synthetic.numbers import DOCUMENT_STYLES, doc_text, document_key, document_number, written_differently

PACKAGE = Path(__file__).resolve().parents[1]


def reading(number: str) -> tuple:
    """What an accountant reads in a payment-order number: its letters and the values of its digits."""
    text = number.upper().replace("PP", "ПП").split(" ОТ ")[0].split(" (")[0]
    for mark in ("№", "NO.", "N "):
        text = text.replace(mark, "")
    return tuple(int(g) if g.isdigit() else g for g in re.findall(r"[^\W\d_]+|\d+", text))


def test_the_synthetic_package_imports_nothing_from_control():
    """Labels must not mirror the indicators: the generator never reads the control code."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.startswith("niokr.control")], path


def test_each_style_writes_its_number():
    numbers = [document_number(document_key(style, 2023, 4512)) for style in range(len(DOCUMENT_STYLES))]
    assert numbers == ["ПП-2023-004512", "4512", "004512", "2023/4512", "ПП-4512"]
    assert doc_text("№ 4512") == "№ 4512" and doc_text(document_key(0, 2012, 7)) == "ПП-2012-000007"


@settings(max_examples=300, deadline=None)
@given(style=st.integers(0, len(DOCUMENT_STYLES) - 1), year=st.integers(2012, 2026), serial=st.integers(1, 99_999), seed=st.integers(0, 2**32))
def test_a_number_written_differently_is_the_same_number_written_another_way(style, year, serial, seed):
    original = document_number(document_key(style, year, serial))
    copy, changes = written_differently(Random(seed), original, date(year, 6, 30))
    assert copy != original and 1 <= len(changes) <= 2 and len(copy) <= 64
    assert reading(copy) == reading(original)


def test_numbers_are_written_differently_in_many_ways():
    rng = Random(3)
    seen = set()
    for i in range(400):
        style = i % len(DOCUMENT_STYLES)
        _copy, changes = written_differently(rng, document_number(document_key(style, 2020, 1 + i)), date(2020, 3, 1))
        seen.update(changes)
    assert seen == {"numero_sign", "separator", "leading_zeros_dropped", "leading_zeros_added", "letter_case", "latin_letters", "date_appended"}
