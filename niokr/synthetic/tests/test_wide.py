"""The wider catalogue's injected problems (NK-27 … NK-50): every family at small scale, in varied
forms, on top of a country that stays exactly what it was.

Built in memory (no database); the generated country as loaded is checked in
``niokr/projects/tests/test_generate.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from random import Random

import pytest

from niokr.core.bin import validate_iin
from niokr.synthetic import wide_texts as T
from niokr.synthetic.finalize import finalize_country
from niokr.synthetic.inject_wide import WIDE_CODES, inject_wide
from niokr.synthetic.organisations import build_organisations
from niokr.synthetic.purposes import non_rd_purpose
from niokr.synthetic.rights import build_rights
from niokr.synthetic.scales import SCALES
from niokr.synthetic.spending import build_spending
from niokr.synthetic.world import World

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _country(seed: int) -> World:
    world = World(SCALES["small"], seed)
    build_organisations(world)
    build_rights(world)
    build_spending(world)
    finalize_country(world)
    return world


@pytest.fixture(scope="module")
def pair():
    """The small country of seed 5 before and after the wider injections."""
    before = _country(5)
    snapshot = {
        "payments": list(before.payment_rows), "agreements": [(a.id, a.number, a.amount, a.payer.id, a.performer.id) for a in before.agreements],
        "projects": [(p.id, p.code, p.status, p.trl_reached) for p in before.projects], "orgs": [(o.id, o.bin) for o in before.orgs],
        "affiliations": list(before.affiliation_rows), "attributes": list(before.attribute_rows), "transfers": list(before.transfer_rows),
        "problems": [p.as_dict() for p in before.problems], "results": list(before.lifecycle.rows["result"]),
    }
    wide = inject_wide(before)
    return snapshot, before, wide


def test_every_family_is_injected_at_small_scale(pair):
    _snapshot, world, _wide = pair
    counts = Counter(p.code for p in world.problems)
    missing = [code for code in WIDE_CODES if counts[code] == 0]
    assert not missing, missing


def test_the_country_before_stays_as_it_was(pair):
    """Extra rows only: the country's rows and its labels are untouched (labels of existing codes may be added
    where the new rows carry those problems too)."""
    snapshot, world, _wide = pair
    n = len(snapshot["payments"])
    assert world.payment_rows[:n] == snapshot["payments"]
    assert [(a.id, a.number, a.amount, a.payer.id, a.performer.id) for a in world.agreements[: len(snapshot["agreements"])]] == snapshot["agreements"]
    assert [(p.id, p.code, p.status, p.trl_reached) for p in world.projects[: len(snapshot["projects"])]] == snapshot["projects"]
    assert [(o.id, o.bin) for o in world.orgs[: len(snapshot["orgs"])]] == snapshot["orgs"]
    assert world.affiliation_rows[: len(snapshot["affiliations"])] == snapshot["affiliations"]
    assert world.attribute_rows[: len(snapshot["attributes"])] == snapshot["attributes"]
    assert world.transfer_rows == snapshot["transfers"]
    assert world.lifecycle.rows["result"][: len(snapshot["results"])] == snapshot["results"]
    after = [p.as_dict() for p in world.problems]
    assert all(p in after for p in snapshot["problems"])


def test_the_injections_are_reproducible_and_seed_bound(pair):
    _snapshot, world, _wide = pair
    again = _country(5)
    inject_wide(again)
    assert [p.as_dict() for p in again.problems] == [p.as_dict() for p in world.problems]
    other = _country(6)
    inject_wide(other)
    assert [p.as_dict() for p in other.problems if p.code in WIDE_CODES] != [p.as_dict() for p in world.problems if p.code in WIDE_CODES]


def test_the_problems_take_several_forms(pair):
    _snapshot, world, _wide = pair

    def forms(code: str, key: str = "form") -> set:
        return {p.detail.get(key) for p in world.problems if p.code == code}

    assert len(forms("double_funding_two_payers")) >= 2
    assert len(forms("disguised_purpose")) >= 3
    assert len(forms("split_payments", "timing")) >= 2 or len(forms("split_payments")) >= 2
    assert len(forms("holiday_payment")) >= 2
    assert {p.detail["role"] for p in world.problems if p.code == "result_claimed_twice"} == {"original", "copy"}
    assert {p.detail["role"] for p in world.problems if p.code == "stage_report_reused"} == {"original", "reuse"}


def test_pairs_are_labelled_on_both_sides(pair):
    _snapshot, world, _wide = pair
    for code in ("double_funding_two_payers", "same_work_two_rights", "reciprocal_groups"):
        ids = {p.subject["agreement_id"] for p in world.problems if p.code == code}
        others = {p.detail["other_agreement_id"] for p in world.problems if p.code == code}
        assert ids == others, code


def test_payments_of_natural_persons_name_an_iin_and_weekend_payments_fall_on_days_off(pair):
    _snapshot, world, _wide = pair
    for p in world.problems:
        if p.code == "natural_person_performer":
            validate_iin(p.subject["performer_bin"])
        if p.code == "holiday_payment":
            day = date.fromisoformat(p.subject["paid_on"])
            assert day.weekday() >= 5 or T.is_holiday(day) or p.detail["form"] == "moved_day_off", (day, p.detail)


def test_submissions_supersede_and_reverse(pair):
    _snapshot, _world, wide = pair
    rows = {r[0]: r for r in wide.submission_rows}
    superseded = [r for r in rows.values() if r[9] == "superseded"]
    assert superseded and all(rows[r[11]][9] in ("committed", "superseded") for r in superseded)
    assert {pid for pid, _s, _d in wide.reversals} == {pid for pid, sid in wide.payment_submission.items() if rows[sid][9] == "superseded"}
    assert len({(r[2], r[7]) for r in rows.values()}) == len(rows)  # one file once per organisation


@pytest.mark.parametrize("seed", range(6))
def test_a_disguised_purpose_no_longer_names_its_spending_as_typed(seed):
    rng = Random(seed)
    for form, _weight in T.DISGUISES:
        plain, _category, language = non_rd_purpose(rng, day=date(2024, 5, 14), agreement_number="НИР-2024/007", agreement_signed=date(2024, 2, 1))
        text = T.disguise(rng, plain, language, form)
        assert text != plain
        if form in ("transliterated", "mixed_kazakh_latin"):
            assert not CYRILLIC.search(text) or language == "kk", text


def test_transliteration_and_look_alikes():
    text = "Разработка ингибитора солеотложения"
    assert T.translit(text) == "Razrabotka ingibitora soleotlozheniya"
    assert not CYRILLIC.search(T.translit("Іссапар шығыстары", system="kazakh"))
    mixed = T.homoglyphs(Random(1), text, 0.5)
    assert mixed != text and any(T.mixed_script(w) for w in mixed.split())


def test_iins_are_valid_and_unique():
    taken: set[str] = set()
    rng = Random(3)
    for _ in range(200):
        who = T.person(rng)
        number = T.iin(rng, date(rng.randint(1950, 1999), rng.randint(1, 12), rng.randint(1, 28)), who["female"], taken)
        validate_iin(number)
    assert len(taken) == 200
