"""NK-48 reciprocal payments between two groups, NK-49 money back to the payer's group through a chain."""

from __future__ import annotations

import json
from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import BY_CODE
from niokr.control.indicators.base import Frames, evaluate, explain
from niokr.control.indicators.circular import NK48, NK49

AS_OF = date(2026, 1, 1)
# Group A: HOLDING_A owns the subsoil user PAYER_A and the institute A_INSTITUTE.
# Group B: the subsoil user PAYER_B, whose director also runs B_LAB.
HOLDING_A, PAYER_A, A_INSTITUTE, PAYER_B, B_LAB, X, Y, Z, STRANGER = 200, 100, 10, 101, 20, 1, 2, 3, 9
ORGS = [
    {"org_id": HOLDING_A, "bin": "050140000011", "kind": "national_company", "name": "АО «Холдинг А»"},
    {"org_id": PAYER_A, "bin": "060140000022", "kind": "subsoil_user", "name": "ТОО «Мұнай А»"},
    {"org_id": A_INSTITUTE, "bin": "070140000033", "kind": "research_institute", "name": "НИИ «Институт А»"},
    {"org_id": PAYER_B, "bin": "080140000044", "kind": "subsoil_user", "name": "ТОО «Кен Б»"},
    {"org_id": B_LAB, "bin": "090140000055", "kind": "company", "name": "ТОО «Лаборатория Б»"},
    {"org_id": X, "bin": "100140000066", "kind": "company", "name": "ТОО «Посредник 1»"},
    {"org_id": Y, "bin": "110140000077", "kind": "company", "name": "ТОО «Посредник 2»"},
    {"org_id": Z, "bin": "120140000088", "kind": "company", "name": "ТОО «Дочерняя З»"},
    {"org_id": STRANGER, "bin": "130140000099", "kind": "company", "name": "ТОО «Чужая»"},
]
AFFILIATIONS = [
    {"source_id": HOLDING_A, "target_id": PAYER_A, "kind": "owner", "valid_from": date(2010, 1, 1), "valid_to": None, "share": 100.0},
    {"source_id": HOLDING_A, "target_id": A_INSTITUTE, "kind": "owner", "valid_from": date(2010, 1, 1), "valid_to": None, "share": 75.0},
    {"source_id": HOLDING_A, "target_id": Z, "kind": "owner", "valid_from": date(2010, 1, 1), "valid_to": None, "share": None},
    {"source_id": PAYER_B, "target_id": B_LAB, "kind": "common_director", "valid_from": date(2015, 1, 1), "valid_to": None, "share": None},
]


def _agreement(agreement_id, payer, performer, signed_on, amount, *, end=None, number=None):
    return {"agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": number or f"НИР-{agreement_id}", "signed_on": signed_on,
            "period_start": signed_on, "period_end": end or date(signed_on.year, 12, 31), "amount": amount, "subject": "Исследование"}


def _frames(agreements, affiliations=AFFILIATIONS, **more) -> Frames:
    return Frames.build(AS_OF, agreements=agreements, affiliations=affiliations, organisations=ORGS, **more)


def _run(indicator, frames, **overrides) -> pl.DataFrame:
    return evaluate(indicator, frames, overrides)


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def _row(out: pl.DataFrame, subject: int) -> dict:
    return out.filter(pl.col("subject_id") == subject).row(0, named=True)


def _texts(indicator, row) -> dict[str, str]:
    return {lang: explain(indicator, row["evidence"], lang) for lang in ("kk", "ru", "en")}


def test_both_indicators_are_in_the_catalogue_with_their_truth_codes():
    assert BY_CODE["NK-48"] is NK48 and BY_CODE["NK-49"] is NK49
    assert NK48.truth_codes == ("reciprocal_groups",) and NK49.truth_codes == ("money_returns_to_payer_group",)
    for indicator in (NK48, NK49):
        assert indicator.subject_type == "agreement" and 1 <= indicator.weight <= 100
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == {"kk", "ru", "en"} and all(texts.values())


# -- NK-48 -----------------------------------------------------------------------------------------------

SWAP = [
    _agreement(1, PAYER_A, B_LAB, date(2024, 3, 1), 100_000_000_00),  # A pays B's laboratory
    _agreement(2, PAYER_B, A_INSTITUTE, date(2024, 5, 15), 92_000_000_00),  # B pays A's institute
]


def test_nk48_flags_two_groups_paying_each_others_companies_alike_sums():
    out = _run(NK48, _frames(SWAP))
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None)}
    row = _row(out, 1)
    assert row["payer_id"] == PAYER_A and row["amount"] == 92_000_000_00  # what the counter-flow mirrors
    evidence = json.loads(row["evidence"])
    assert evidence["counter_payer_bin"] == "080140000044" and evidence["counter_numbers"] == ["НИР-2"] and evidence["days_apart"] == 75
    assert evidence["forward_tiyn"] == 100_000_000_00 and evidence["counter_tiyn"] == 92_000_000_00 and evidence["gap_pct"] == 8.0
    texts = _texts(NK48, row)
    en, ru, kk = texts["en"], texts["ru"], texts["kk"]
    assert "Agreement НИР-1 of 1 Mar 2024" in en and "₸100,000,000.00" in en and "within 75 days" in en
    assert "pays under agreement НИР-1 of 1 Mar 2024 — ТОО «Лаборатория Б» (BIN 090140000055) — shares a director with — ТОО «Кен Б»" in en
    assert "pays under agreement НИР-2 of 15 May 2024 — НИИ «Институт А» (BIN 070140000033) — is owned by — АО «Холдинг А» (BIN 050140000011) — owns — ТОО «Мұнай А»" in en
    assert "Договор НИР-1 от 01.03.2024" in ru and "имеет общего руководителя с" in ru and "92\u202f000\u202f000,00\u00a0₸" in ru
    assert "01.03.2024 күнгі НИР-1 шарты" in kk and "ортақ басшысы бар" in kk and "тиесілі" in kk
    assert "#" not in en + ru + kk  # no row numbers


def test_nk48_compares_the_flows_in_total_when_one_side_is_split():
    split = [
        _agreement(1, PAYER_A, B_LAB, date(2024, 3, 1), 60_000_000_00),
        _agreement(3, PAYER_A, B_LAB, date(2024, 4, 1), 40_000_000_00),
        _agreement(2, PAYER_B, A_INSTITUTE, date(2024, 5, 15), 95_000_000_00),
    ]
    out = _run(NK48, _frames(split))
    assert {k: v[0] for k, v in _status(out).items()} == {1: "flagged", 2: "flagged", 3: "flagged"}
    first = json.loads(_row(out, 1)["evidence"])
    assert first["forward_tiyn"] == 100_000_000_00 and first["counter_tiyn"] == 95_000_000_00 and first["forward_numbers"] == ["НИР-1", "НИР-3"]
    assert json.loads(_row(out, 2)["evidence"])["counter_numbers"] == ["НИР-1", "НИР-3"]
    # Alone, either of A's agreements is far from B's 95 million.
    assert _status(_run(NK48, _frames([split[0], split[2]])))[1][0] == "clear"


def test_nk48_catches_the_other_group_being_paid_itself_and_a_shared_beneficial_owner():
    direct = [_agreement(1, PAYER_A, PAYER_B, date(2024, 3, 1), 50_000_000_00), _agreement(2, PAYER_B, PAYER_A, date(2024, 3, 20), 50_000_000_00)]
    assert {k: v[0] for k, v in _status(_run(NK48, _frames(direct))).items()} == {1: "flagged", 2: "flagged"}
    # B's side tied only through a beneficial owner the registry records: quiet without it, flagged with it.
    only_owner = [a for a in AFFILIATIONS if a["kind"] != "common_director"]
    owners = [
        {"org_id": org, "owner_name": "Сейітов Арман", "owner_kind": "natural_person", "identifier": "780101300123", "country": "KZ", "share": 60.0,
         "valid_from": date(2019, 1, 1), "valid_to": None}
        for org in (PAYER_B, B_LAB)
    ]
    plain = _frames(SWAP, affiliations=only_owner)
    assert _status(_run(NK48, plain))[1][0] == "clear"
    with_owners = _frames(SWAP, affiliations=only_owner, beneficial_owners=owners)
    row = _row(_run(NK48, with_owners), 1)
    assert row["status"] == "flagged" and "shares a beneficial owner with" in explain(NK48, row["evidence"], "en")


def test_nk48_stays_quiet_on_look_alikes():
    far_apart = [SWAP[0], _agreement(2, PAYER_B, A_INSTITUTE, date(2025, 9, 1), 92_000_000_00)]
    unlike = [SWAP[0], _agreement(2, PAYER_B, A_INSTITUTE, date(2024, 5, 15), 30_000_000_00)]
    one_way = [SWAP[0], _agreement(2, PAYER_B, STRANGER, date(2024, 5, 15), 92_000_000_00)]
    for agreements in (far_apart, unlike, one_way):
        assert {v[0] for v in _status(_run(NK48, _frames(agreements))).values()} == {"clear"}, agreements
    # The director link ended before A paid: B_LAB was no longer in B's group.
    ended = [*AFFILIATIONS[:3], {**AFFILIATIONS[3], "valid_to": date(2023, 12, 31)}]
    assert {v[0] for v in _status(_run(NK48, _frames(SWAP, affiliations=ended))).values()} == {"clear"}
    # One group paying its own companies is NK-02's finding, not a swap between two groups.
    one_group = [*AFFILIATIONS, {"source_id": HOLDING_A, "target_id": PAYER_B, "kind": "owner", "valid_from": date(2010, 1, 1), "valid_to": None, "share": 100.0}]
    assert {v[0] for v in _status(_run(NK48, _frames(SWAP, affiliations=one_group))).values()} == {"clear"}


def test_nk48_thresholds_decide():
    assert {v[0] for v in _status(_run(NK48, _frames(SWAP), window_days=60)).values()} == {"clear"}
    assert {v[0] for v in _status(_run(NK48, _frames(SWAP), amount_gap=0.05)).values()} == {"clear"}
    assert {v[0] for v in _status(_run(NK48, _frames(SWAP), amount_gap=0.1)).values()} == {"flagged"}
    assert json.loads(_row(_run(NK48, _frames(SWAP), amount_gap=0.1), 1)["evidence"])["amount_gap"] == 0.1


def test_nk48_not_computable_without_a_date_or_a_party():
    out = _run(NK48, _frames([*SWAP, {**_agreement(3, PAYER_A, B_LAB, date(2024, 3, 1), 1), "signed_on": None}, _agreement(4, PAYER_A, None, date(2024, 3, 1), 1)]))
    assert _status(out)[3] == ("not_computable", "no_agreement_date") and _status(out)[4] == ("not_computable", "performer_unknown")
    missing = evaluate(NK48, Frames.build(AS_OF, agreements=SWAP, organisations=ORGS))
    assert missing["reason"].to_list() == ["frame_missing:affiliations"]


# -- NK-49 -----------------------------------------------------------------------------------------------

CHAIN = [
    _agreement(1, PAYER_A, X, date(2024, 2, 1), 100_000_000_00),
    _agreement(2, X, Y, date(2024, 3, 1), 90_000_000_00),
    _agreement(3, Y, Z, date(2024, 4, 1), 85_000_000_00),
]


def test_nk49_flags_money_that_comes_back_through_two_onward_agreements():
    out = _run(NK49, _frames(CHAIN))
    assert _status(out) == {1: ("flagged", None), 2: ("clear", None), 3: ("clear", None)}
    row = _row(out, 1)
    assert row["amount"] == 85_000_000_00
    evidence = json.loads(row["evidence"])
    assert evidence["links"] == 2 and evidence["onward_numbers"] == ["НИР-2", "НИР-3"] and evidence["return_bin"] == "120140000088" and evidence["chains"] == 1
    texts = _texts(NK49, row)
    assert (
        "ТОО «Мұнай А» (BIN 060140000022) — pays under agreement НИР-1 of 1 Feb 2024 — ТОО «Посредник 1» (BIN 100140000066) — pays under agreement НИР-2 of 1 Mar 2024"
        " — ТОО «Посредник 2» (BIN 110140000077) — pays under agreement НИР-3 of 1 Apr 2024 — ТОО «Дочерняя З» (BIN 120140000088) — is owned by"
        " — АО «Холдинг А» (BIN 050140000011) — owns — ТОО «Мұнай А» (BIN 060140000022)"
    ) in texts["en"]
    assert "under 2 further agreements (НИР-2, НИР-3)" in texts["en"] and "Up to ₸85,000,000.00 returns" in texts["en"]
    assert "по 2 последующим договорам (НИР-2, НИР-3)" in texts["ru"] and "платит по договору НИР-3 от 01.04.2024" in texts["ru"] and "85\u202f000\u202f000,00\u00a0₸" in texts["ru"]
    assert "01.02.2024 күнгі НИР-1 шарты" in texts["kk"] and "иеленеді" in texts["kk"]


def test_nk49_catches_longer_chains_back_to_the_payer_itself_and_money_split_on_the_way():
    back_home = [
        _agreement(1, PAYER_A, X, date(2024, 2, 1), 100_000_000_00), _agreement(2, X, Y, date(2024, 3, 1), 90_000_000_00),
        _agreement(3, Y, STRANGER, date(2024, 4, 1), 80_000_000_00), _agreement(4, STRANGER, PAYER_A, date(2024, 5, 1), 75_000_000_00),
    ]
    row = _row(_run(NK49, _frames(back_home)), 1)
    evidence = json.loads(row["evidence"])
    assert row["status"] == "flagged" and evidence["links"] == 3 and evidence["return_bin"] == "060140000022" and row["amount"] == 75_000_000_00
    assert explain(NK49, row["evidence"], "en").count("ТОО «Мұнай А»") >= 2
    # X splits the money between Y and STRANGER, both pass it to Z: the flow is counted once per agreement.
    split = [
        _agreement(1, PAYER_A, X, date(2024, 2, 1), 100_000_000_00), _agreement(2, X, Y, date(2024, 3, 1), 50_000_000_00),
        _agreement(3, X, STRANGER, date(2024, 3, 1), 45_000_000_00), _agreement(4, Y, Z, date(2024, 4, 1), 50_000_000_00),
        _agreement(5, STRANGER, Z, date(2024, 4, 1), 45_000_000_00),
    ]
    row = _row(_run(NK49, _frames(split)), 1)
    assert row["status"] == "flagged" and row["amount"] == 95_000_000_00 and json.loads(row["evidence"])["chains"] == 2
    # The smaller branch alone carries less than half: not enough to flag.
    branch = [split[0], split[2], split[4]]
    assert _status(_run(NK49, _frames(branch)))[1] == ("clear", None)
    assert _status(_run(NK49, _frames(branch), min_returned_share=0.4))[1] == ("flagged", None)


def test_nk49_leaves_one_step_back_to_nk20_and_stays_quiet_on_look_alikes():
    one_step = [_agreement(1, PAYER_A, X, date(2024, 2, 1), 100_000_000_00), _agreement(2, X, Z, date(2024, 3, 1), 90_000_000_00)]
    assert {v[0] for v in _status(_run(NK49, _frames(one_step))).values()} == {"clear"}
    nk20 = evaluate(BY_CODE["NK-20"], _frames(one_step))
    assert _status(nk20)[1][0] == "flagged"
    # The money reaches the group already in the middle: NK-20's (or NK-02's) finding, not a longer way round.
    early = [CHAIN[0], _agreement(2, X, A_INSTITUTE, date(2024, 3, 1), 90_000_000_00), _agreement(3, A_INSTITUTE, Z, date(2024, 4, 1), 85_000_000_00)]
    assert _status(_run(NK49, _frames(early)))[1] == ("clear", None)
    # Passed on after the previous agreement had ended; or to a stranger; or the group tie ended first.
    late = [CHAIN[0], CHAIN[1], _agreement(3, Y, Z, date(2025, 2, 1), 85_000_000_00)]
    stranger = [CHAIN[0], CHAIN[1], _agreement(3, Y, STRANGER, date(2024, 4, 1), 85_000_000_00)]
    sold = [*AFFILIATIONS[:2], {**AFFILIATIONS[2], "valid_to": date(2024, 3, 31)}, AFFILIATIONS[3]]
    for frames in (_frames(late), _frames(stranger), _frames(CHAIN, affiliations=sold)):
        assert {v[0] for v in _status(_run(NK49, frames)).values()} == {"clear"}
    # Too little comes back.
    thin = [CHAIN[0], CHAIN[1], _agreement(3, Y, Z, date(2024, 4, 1), 10_000_000_00)]
    assert _status(_run(NK49, _frames(thin)))[1] == ("clear", None)


def test_nk49_follows_at_most_max_links():
    long = [
        _agreement(1, PAYER_A, X, date(2024, 2, 1), 100), _agreement(2, X, Y, date(2024, 3, 1), 100), _agreement(3, Y, STRANGER, date(2024, 4, 1), 100),
        _agreement(4, STRANGER, B_LAB, date(2024, 5, 1), 100), _agreement(5, B_LAB, Z, date(2024, 6, 1), 100),
    ]
    assert _status(_run(NK49, _frames(long)))[1] == ("flagged", None)
    assert _status(_run(NK49, _frames(long), max_links=3))[1] == ("clear", None)


def test_nk49_not_computable_without_a_period():
    out = _run(NK49, _frames([*CHAIN, {**_agreement(4, PAYER_A, X, date(2024, 1, 1), 1), "signed_on": None, "period_start": None}]))
    assert _status(out)[4] == ("not_computable", "no_agreement_period")


# -- properties ------------------------------------------------------------------------------------------

PARTIES = [PAYER_A, PAYER_B, A_INSTITUTE, B_LAB, X, Y, Z, STRANGER]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PARTIES), st.sampled_from(PARTIES), st.integers(0, 20), st.integers(1, 10)), max_size=10))
def test_one_row_per_agreement_and_every_flag_explained(rows):
    agreements = [
        _agreement(i + 1, a, b, date(2024, 1, 1) + timedelta(days=30 * start), amount * 10_000_000_00, end=date(2024, 1, 1) + timedelta(days=30 * start + 200))
        for i, (a, b, start, amount) in enumerate(rows)
    ]
    frames = _frames(agreements)
    for indicator in (NK48, NK49):
        out = _run(indicator, frames)
        assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
        for row in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
            evidence = json.loads(row["evidence"])
            assert all(explain(indicator, row["evidence"], lang) for lang in ("kk", "ru", "en"))
            assert row["amount"] is not None and row["amount"] > 0
            if indicator is NK49:
                assert evidence["links"] >= 2 and evidence["passed_tiyn"] <= evidence["agreement_amount_tiyn"]
            else:
                assert evidence["counter_payer_bin"] != evidence["payer_bin"]


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which NK-48 and NK-49 fire (for the catalogue-wide reading test)."""
    return {"NK-48": _frames(SWAP), "NK-49": _frames(CHAIN)}
