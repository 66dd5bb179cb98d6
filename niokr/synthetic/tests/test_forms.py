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


def _samples(n: int = 3000):
    from niokr.synthetic.purposes import non_rd_purpose, rd_purposes

    rng = Random(7)
    non_rd, rd = [], []
    for i in range(n):
        day = date(2013 + i % 13, 1 + i % 12, 1 + i % 28)
        number = f"НИОКР-{day.year}/{i % 300:03d}"
        non_rd.append(non_rd_purpose(rng, day=day, agreement_number=number, agreement_signed=date(day.year, 1, 15)))
        rd.extend(rd_purposes(rng, number=number, signed=date(day.year, 1, 15), topic="Очистка и повторное использование пластовой воды (Жаркум)" if i % 2 else None))
    return non_rd, rd


def test_non_rd_purposes_take_many_forms_in_three_languages():
    from niokr.synthetic.purposes import NON_RD_CATEGORIES

    non_rd, rd = _samples()
    texts = [t for t, _c, _l in non_rd]
    assert len(set(texts)) >= 0.9 * len(texts)
    assert {c for _t, c, _l in non_rd} == set(NON_RD_CATEGORIES)
    assert {lang for _t, _c, lang in non_rd} == {"ru", "kk", "en"}
    lower = [t.lower() for t in texts]
    for needle in ("командировоч", "іссапар", "труб", "реагент", "питани", "охран", "топлив", "уборк", "подписк", "ремонт", "спонсор", "ндс", "ққс", "vat", "по договору № ниокр-"):
        assert any(needle in t for t in lower), needle
    # R&D words inside non-R&D spending: one word does not decide
    assert sum(1 for t in lower if "лаборатор" in t or "научн" in t or "ниокр" in t or "ғылыми" in t or "research" in t) >= 0.1 * len(texts)
    assert any(t.isupper() for t in texts) and any(t[:1].islower() for t in texts)
    latin_in_cyrillic = re.compile(r"[а-яё][a-z]|[a-z][а-яё]", re.IGNORECASE)
    assert any(latin_in_cyrillic.search(t) for t in texts), "no keyboard-layout typo"


def test_rd_purposes_take_many_forms_and_never_read_as_the_non_rd_ones():
    non_rd, rd = _samples()
    assert not set(rd) & {t for t, _c, _l in non_rd}
    assert len(set(rd)) >= 1000
    lower = [t.lower() for t in rd]
    for needle in ("оборудовани", "лаборатор", "реагент", "установки", "ғзткж", "stage", "ндс не облагается", "по теме"):
        assert any(needle in t for t in lower), needle
    from niokr.synthetic.purposes import NON_RD

    cores = {core.lower() for languages in NON_RD.values() for core_list, _q in languages.values() for core in core_list}
    assert not [t for t in lower if any(c in t for c in cores)]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғүұөһі ABCdef-,.№0123456789", min_size=0, max_size=80), seed=st.integers(0, 2**32))
def test_a_typo_changes_at_most_one_letter(text, seed):
    from niokr.synthetic.purposes import typo

    out = typo(Random(seed), text)
    if len(out) == len(text):
        assert sum(1 for a, b in zip(out, text) if a != b) <= 2  # a swap or a look-alike letter
    else:
        longer, shorter = (out, text) if len(out) > len(text) else (text, out)
        assert len(longer) == len(shorter) + 1
        assert any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))  # one letter dropped or doubled


def test_a_countrys_wordings_are_shared_by_its_agreements_and_name_each_one():
    from niokr.synthetic.purposes import RdWordings

    wordings = RdWordings(Random(2), 40)
    texts = set()
    for i in range(400):
        stages = wordings.purposes(number=f"НИР-2024/{i:03d}", signed=date(2024, 2, 1), topic="Тема {с фигурными} скобками" if i % 3 == 0 else None)
        assert len(stages) == 3 and all(f"НИР-2024/{i:03d}" in s for s in stages)
        texts.add(stages[0].replace(f"НИР-2024/{i:03d}", "{n}"))
    assert 20 <= len(texts) <= 40 * 2  # the same wordings come back, with and without the topic


def _country(seed: int):
    """A small country built in memory (no database): registry, spending and labels."""
    from niokr.synthetic.finalize import finalize_country
    from niokr.synthetic.organisations import build_organisations
    from niokr.synthetic.rights import build_rights
    from niokr.synthetic.scales import SCALES
    from niokr.synthetic.spending import build_spending
    from niokr.synthetic.world import World

    world = World(SCALES["small"], seed)
    build_organisations(world)
    build_rights(world)
    build_spending(world)
    finalize_country(world)
    return world


def test_budget_and_deduction_labels_take_the_forms_their_rules_describe():
    """A budget year transferred short is missing_transfer — nothing or a part — and, the year being
    open on the country's date, no shortfall yet; 2026 lines to institutes without accreditation are
    tax_deduction_unaccredited, the injected ones among them."""
    world = _country(13)
    transferred: dict[int, int] = {}
    for _id, _payer, right_id, _doc, _day, amount, for_year, confirmed_on, _c in world.transfer_rows:
        if confirmed_on is not None and for_year == 2026:
            transferred[right_id] = transferred.get(right_id, 0) + amount
    missing = [p for p in world.problems if p.code == "missing_transfer"]
    # The country's first missing transfer is nothing at all (an unfulfilled year to show), the second a part.
    assert {p.detail["form"] for p in missing} == {"part", "none"}
    for p in missing:
        obligation = int(p.detail["obligation"].replace(".", ""))
        sent = int(p.detail["transferred"].replace(".", ""))
        assert sent == transferred.get(p.subject["right_id"], 0)
        assert sent == 0 if p.detail["form"] == "none" else 0.1 * obligation - 100 <= sent <= 0.6 * obligation
    assert not [p for p in world.problems if p.code == "shortfall" and p.subject["year"] >= 2026]
    kinds = {a.id: a.kind for a in world.agreements}
    deduction = [p for p in world.problems if p.code == "tax_deduction_unaccredited"]
    assert deduction and all(p.subject["paid_on"] >= "2026-01-01" and p.detail["performer_kind"] in ("research_institute", "aggregator") for p in deduction)
    assert "undeductible" in {kinds[p.subject["agreement_id"]] for p in deduction}
