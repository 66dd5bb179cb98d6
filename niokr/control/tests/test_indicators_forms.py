"""Indicators against forms of a violation they were not first written for: numbers written another
way, re-claims in parts, retyped kopecks, an agreement registered twice, mixed affiliation paths,
agreements split under a floor, a December dump in a short year, a shortfall hidden by doubtful
spending — and the honest look-alikes of each that must stay clear."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from niokr.control.tests.test_indicators_relations import AGREEMENTS, INSTITUTE, OTHER_PAYER, PAYER, _frames, _payment, _row, _run


def _statuses(out: pl.DataFrame, *ids: int) -> list[str]:
    return [_row(out, i)["status"] for i in ids]


# -- NK-06: numbers written another way -----------------------------------------------------------


@pytest.mark.parametrize(("first", "again"), [
    ("ПП-2217", "2217/25"),  # a two-digit year after a slash
    ("ПП-2217", "2217-25"),  # or a dash
    ("ПП-3805", "ПП 38 05"),  # a space inside the digits
    ("ПП-3604", "ПП-З6О4"),  # a Cyrillic З and О for 3 and 0
    ("ПП-109", "п/п l09"),  # a Latin l for 1
])
def test_nk06_finds_a_copy_whose_number_is_written_another_way(first, again):
    for payer, agreement in ((PAYER, 10), (OTHER_PAYER, 12)):  # within one payer, and claimed by another
        frames = _frames([_payment(1, document_number=first), _payment(2, document_number=again, payer_id=payer, agreement_id=agreement, purpose="Расчёт по договору")])
        assert _statuses(_run("NK-06", frames), 1, 2) == ["flagged", "flagged"], (first, again, payer)


def test_nk06_finds_an_order_claimed_again_in_numbered_parts():
    frames = _frames([
        _payment(1, document_number="ПП-640", amount=2_400_000_000, paid_on=date(2024, 5, 6)),
        _payment(2, document_number="640/1", amount=1_500_000_000, paid_on=date(2024, 5, 6), payer_id=OTHER_PAYER, agreement_id=12),
        _payment(3, document_number="640/2", amount=900_000_000, paid_on=date(2024, 5, 7), payer_id=OTHER_PAYER, agreement_id=12),
    ])
    out = _run("NK-06", frames)
    assert _statuses(out, 1, 2, 3) == ["flagged"] * 3
    # The whole order may count; the parts claimed again are at stake.
    assert [_row(out, i)["amount"] for i in (1, 2, 3)] == [0, 1_500_000_000, 900_000_000]
    # Parts that do not add up to the order are other payments.
    frames = _frames([
        _payment(1, document_number="ПП-640", amount=2_400_000_000),
        _payment(2, document_number="640/1", amount=1_500_000_000, payer_id=OTHER_PAYER, agreement_id=12),
        _payment(3, document_number="640/2", amount=700_000_000, payer_id=OTHER_PAYER, agreement_id=12),
    ])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}


def test_nk06_takes_amounts_a_tenge_apart_under_one_number_as_one_amount():
    frames = _frames([
        _payment(1, document_number="ПП-640", amount=765_432_100, paid_on=date(2024, 10, 2)),
        _payment(2, document_number="0640-1", amount=765_432_200, paid_on=date(2024, 10, 3)),
        _payment(3, document_number="ПП-641", amount=765_432_200, paid_on=date(2024, 10, 3), purpose="Оплата НИР по договору № НИР-2024/001, этап 2"),
    ])
    out = _run("NK-06", frames)
    assert _statuses(out, 1, 2, 3) == ["flagged", "flagged", "clear"]
    assert _statuses(_run("NK-06", frames, amount_tolerance_tiyn=50, amount_tolerance_share=0.0), 1, 2) == ["clear", "clear"]


def test_nk06_widens_the_window_for_the_same_number_over_the_new_year():
    frames = _frames([
        _payment(1, document_number="п/п 2290", paid_on=date(2024, 12, 24), year=2024, source_submission=3),
        _payment(2, document_number="2290", paid_on=date(2025, 1, 9), year=2025, source_submission=4),
        _payment(3, document_number="2291", paid_on=date(2025, 1, 9), year=2025, source_submission=4, purpose="Аванс по новому договору"),
    ])
    out = _run("NK-06", frames)
    assert _statuses(out, 1, 2, 3) == ["flagged", "flagged", "clear"]
    assert json.loads(_row(out, 2)["evidence"])["scope"] == "several_reports"
    assert _statuses(_run("NK-06", frames, same_number_window_days=10), 1, 2) == ["clear", "clear"]


def test_nk06_keeps_equal_stages_with_their_own_numbers_and_purposes_apart():
    frames = _frames([
        # Stages 5 and 6 priced equally, paid four days apart under consecutive orders.
        _payment(1, document_number="ПП-520", paid_on=date(2024, 9, 2), purpose="Оплата 5 этапа по договору НИР-2024/001"),
        _payment(2, document_number="ПП-547", paid_on=date(2024, 9, 6), purpose="Оплата 6 этапа по договору НИР-2024/001"),
        # Two stages paid the same day as numbered parts of one order.
        _payment(3, document_number="ПП-1730", amount=40_000_000, paid_on=date(2024, 11, 5), purpose="Этап 7: отчёт о полевых испытаниях"),
        _payment(4, document_number="ПП-1730/1", amount=40_000_000, paid_on=date(2024, 11, 5), purpose="Этап 8: опытный образец"),
        # The same amount for different work, in words.
        _payment(5, document_number="ПП-600", amount=55_000_000, paid_on=date(2024, 6, 3), purpose="Аванс 30 % по календарному плану"),
        _payment(6, document_number="ПП-611", amount=55_000_000, paid_on=date(2024, 6, 7), purpose="Приобретение реактивов для лабораторных испытаний образцов"),
    ])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}


def test_nk06_still_finds_a_stage_entered_again_under_another_number():
    frames = _frames([
        _payment(1, document_number="ПП-520", paid_on=date(2024, 9, 2), purpose="Оплата 5 этапа по договору НИР-2024/001"),
        _payment(2, document_number="ПП-5201", paid_on=date(2024, 9, 5), purpose="оплата этапа 5 по дог. НИР-2024/001 (акт № 14)"),
    ])
    assert _statuses(_run("NK-06", frames), 1, 2) == ["flagged", "flagged"]


def test_nk06_keeps_documents_numbered_per_licence_apart():
    # One agreement paid the same amount on one day under three licences, each numbering its orders.
    numbers = ["ЛЦ-3-808", "ЛЦ-4-808", "ЛЦ-7-808"]
    frames = _frames([_payment(i, document_number=n, right_id=50 + i, paid_on=date(2024, 4, 9)) for i, n in enumerate(numbers, 1)])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}
    # A number written with its series and without it is still one document.
    frames = _frames([_payment(1, document_number="ЛЦ-3-808", paid_on=date(2024, 4, 9)), _payment(2, document_number="808", paid_on=date(2024, 4, 10))])
    assert _statuses(_run("NK-06", frames), 1, 2) == ["flagged", "flagged"]


@pytest.mark.parametrize(("first", "then"), [
    ("Оплата НИР за сентябрь 2024", "Оплата НИР за октябрь 2024"),
    ("Қазан айы үшін ҒЗЖ ақысы", "Қараша айы үшін ҒЗЖ ақысы"),
    ("Monthly R&D fee, Sep 2024", "Monthly R&D fee, Oct 2024"),
    ("Абонентская плата по НИР за 09.2024", "Абонентская плата по НИР за 10.2024"),
    ("Оплата НИР за 3 кв. 2024", "Оплата НИР за 4 кв. 2024"),
    ("ҒЗЖ ақысы, III тоқсан", "ҒЗЖ ақысы, IV тоқсан"),
])
def test_nk06_keeps_fees_for_different_periods_apart(first, then):
    frames = _frames([
        _payment(1, document_number="ПП-880", paid_on=date(2024, 9, 30), purpose=first),
        _payment(2, document_number="ПП-913", paid_on=date(2024, 10, 4), purpose=then),
    ])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}, (first, then)
    again = _frames([
        _payment(1, document_number="ПП-880", paid_on=date(2024, 9, 30), purpose=first),
        _payment(2, document_number="ПП-913", paid_on=date(2024, 10, 4), purpose=first),
    ])
    assert _statuses(_run("NK-06", again), 1, 2) == ["flagged", "flagged"], first


def test_nk06_folds_a_four_digit_year_and_finds_an_order_claimed_again_in_lettered_parts():
    frames = _frames([_payment(1, document_number="ПП-3316", paid_on=date(2024, 2, 6)), _payment(2, document_number="3316/2024", paid_on=date(2024, 2, 6), payer_id=OTHER_PAYER, agreement_id=12, purpose="Расчёт по договору")])
    assert _statuses(_run("NK-06", frames), 1, 2) == ["flagged", "flagged"]
    frames = _frames([
        _payment(1, document_number="ПП-4420", amount=900_000_000, paid_on=date(2024, 5, 6)),
        _payment(2, document_number="4420-А", amount=600_000_000, paid_on=date(2024, 5, 6), payer_id=OTHER_PAYER, agreement_id=12),
        _payment(3, document_number="4420-Б", amount=300_000_000, paid_on=date(2024, 5, 8), payer_id=OTHER_PAYER, agreement_id=12),
    ])
    out = _run("NK-06", frames)
    assert _statuses(out, 1, 2, 3) == ["flagged"] * 3
    assert [_row(out, i)["amount"] for i in (1, 2, 3)] == [0, 600_000_000, 300_000_000]
    # Lettered parts that do not add up to the order, or alone, are other payments.
    frames = _frames([_payment(1, document_number="4420-А", amount=500_000_000), _payment(2, document_number="4420-Б", amount=500_000_000)])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}


def test_nk06_treats_an_agreement_registered_twice_as_one():
    twice = [*AGREEMENTS, {**AGREEMENTS[0], "agreement_id": 13, "number": "НИР 2024/1"}]
    frames = _frames([
        _payment(1, document_number="ПП-71", paid_on=date(2024, 8, 1)),
        _payment(2, document_number="ПП-7100", paid_on=date(2024, 8, 2), agreement_id=13),
    ], agreements=twice)
    assert _statuses(_run("NK-06", frames), 1, 2) == ["flagged", "flagged"]
    other_day = [*AGREEMENTS, {**AGREEMENTS[0], "agreement_id": 13, "number": "НИР 2024/1", "signed_on": date(2024, 3, 1)}]
    assert set(_run("NK-06", _frames(frames["payments"].to_dicts(), agreements=other_day))["status"]) == {"clear"}


# -- NK-05: an agreement registered twice ---------------------------------------------------------


def test_nk05_adds_up_the_payments_of_an_agreement_registered_under_its_number_written_two_ways():
    twice = [{**AGREEMENTS[0], "number": "ОКР-55", "amount": 4_000_000_000}, {**AGREEMENTS[0], "agreement_id": 13, "number": "ОКР 55", "amount": 4_000_000_000}]
    frames = _frames([
        _payment(1, amount=2_500_000_000, paid_on=date(2024, 6, 1)),
        _payment(2, amount=2_500_000_000, paid_on=date(2025, 6, 1), agreement_id=13, year=2025),
    ], agreements=twice)
    out = _run("NK-05", frames)
    first, second = _row(out, 10), _row(out, 13)
    assert (first["status"], first["amount"]) == ("flagged", 1_000_000_000)
    assert (second["status"], second["amount"]) == ("flagged", 0)  # the excess is counted once
    assert json.loads(first["evidence"])["registered_as"] == ["ОКР 55", "ОКР-55"]
    # Two agreements signed on different days, or with another performer, stay two.
    for other in ({"signed_on": date(2024, 2, 2)}, {"performer_id": OTHER_PAYER}, {"number": "ОКР-56"}):
        apart = [twice[0], {**twice[1], **other}]
        assert set(_run("NK-05", _frames(frames["payments"].to_dicts(), agreements=apart))["status"]) == {"clear"}, other


# -- NK-02: one personal link and ownership around it ---------------------------------------------


def test_nk02_one_director_link_between_two_ownership_trees_is_affiliation_however_deep():
    from niokr.control.tests.test_indicators_relations import HOLDING, SISTER, STRANGER

    owns = lambda a, b: {"source_id": a, "target_id": b, "kind": "owner", "valid_from": date(2012, 1, 1), "valid_to": None, "share": 100.0}  # noqa: E731
    # The payer's parent (HOLDING) shares a director with STRANGER, which owns SISTER, which owns the performer.
    links = [
        owns(HOLDING, PAYER), owns(STRANGER, SISTER), owns(SISTER, INSTITUTE),
        {"source_id": HOLDING, "target_id": STRANGER, "kind": "common_director", "valid_from": date(2020, 1, 1), "valid_to": date(2024, 12, 31)},
    ]
    out = _run("NK-02", _frames([_payment(1, paid_on=date(2024, 7, 15)), _payment(2, paid_on=date(2025, 3, 1), year=2025)], affiliations=links))
    row = _row(out, 1)
    assert row["status"] == "flagged" and _row(out, 2)["status"] == "clear"  # the director left at the end of 2024
    evidence = json.loads(row["evidence"])
    assert evidence["hops"] == 4 and evidence["path_relations"] == ["owned_by", "common_director", "owns", "owns"]
    assert evidence["max_hops"] == 2
    # Two personal links in a row stay under max_hops.
    chain = [
        owns(HOLDING, PAYER),
        {"source_id": HOLDING, "target_id": STRANGER, "kind": "common_director", "valid_from": date(2012, 1, 1), "valid_to": None},
        {"source_id": STRANGER, "target_id": SISTER, "kind": "common_founder", "valid_from": date(2012, 1, 1), "valid_to": None},
        owns(SISTER, INSTITUTE),
    ]
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=chain)), 1)["status"] == "clear"
    two_people = [{**chain[1], "source_id": PAYER}, {**chain[2], "target_id": INSTITUTE}]  # within max_hops
    assert _row(_run("NK-02", _frames([_payment(1)], affiliations=two_people)), 1)["status"] == "flagged"


# -- NK-10: one job split under the floor ---------------------------------------------------------


def test_nk10_adds_up_a_new_performers_agreements_with_one_payer_within_the_window():
    from niokr.control.indicators.base import Frames
    from niokr.control.tests.test_agg_spending import PAYER as P, _agreement, _orgs
    from niokr.control.tests.test_indicators_aggregates import AS_OF as AGG_AS_OF, org, row, run, sentences

    orgs = [*_orgs(), org(30, "240240001111", registered_on=date(2024, 1, 15))]
    pieces = [_agreement(1, 30, date(2024, 2, 20), 600_000_000), _agreement(2, 30, date(2024, 3, 11), 550_000_000), _agreement(3, 30, date(2024, 9, 1), 600_000_000)]
    out = run("NK-10", Frames.build(AGG_AS_OF, agreements=pieces, organisations=orgs))
    assert [row(out, i)["status"] for i in (1, 2, 3)] == ["flagged", "flagged", "clear"]
    assert row(out, 2)["amount"] == 550_000_000
    evidence = json.loads(row(out, 1)["evidence"])
    assert (evidence["combined_tiyn"], evidence["agreements_together"], evidence["window_days"]) == (1_150_000_000, 2, 30)
    assert "₸11,500,000.00" in sentences("NK-10", row(out, 1)["evidence"])["en"]
    # Another payer's agreement is not part of the job; a narrower window keeps the pieces apart.
    other = [pieces[0], {**pieces[1], "payer_id": P + 100}]
    assert {row(run("NK-10", Frames.build(AGG_AS_OF, agreements=other, organisations=orgs)), i)["status"] for i in (1, 2)} == {"clear"}
    narrow = run("NK-10", Frames.build(AGG_AS_OF, agreements=pieces, organisations=orgs), window_days=10)
    assert {row(narrow, i)["status"] for i in (1, 2)} == {"clear"}


# -- NK-08: a short year with one large December payment ------------------------------------------


def test_nk08_judges_a_short_year_by_one_december_payment_that_is_most_of_it():
    from niokr.control.indicators.base import Frames
    from niokr.control.tests.test_agg_spending import PAYER as P, _line, _orgs
    from niokr.control.tests.test_indicators_aggregates import AS_OF as AGG_AS_OF, row, run

    def year(december: int, earlier: list[int]) -> Frames:
        lines = [_line(1, date(2024, 12, 20), december)] + [_line(10 + n, date(2024, 4 + n, 5), a) for n, a in enumerate(earlier)]
        return Frames.build(AGG_AS_OF, payments=lines, organisations=_orgs())

    # Four lines; 36 M ₸ of 50 M ₸ (72 %) in one December payment.
    flagged = row(run("NK-08", year(3_600_000_000, [500_000_000, 500_000_000, 400_000_000])), P, 2024)
    assert flagged["status"] == "flagged"
    evidence = json.loads(flagged["evidence"])
    assert evidence["judged_on_one_payment"] is True and evidence["largest_december_tiyn"] == 3_600_000_000 and evidence["lines"] == 4
    # The same few lines with December under the share, or a year too small to matter, stay too small to judge.
    assert row(run("NK-08", year(2_000_000_000, [1_000_000_000, 1_000_000_000, 1_000_000_000])), P, 2024)["reason"] == "sample_too_small"
    assert row(run("NK-08", year(36_000_000, [5_000_000, 5_000_000, 4_000_000])), P, 2024)["reason"] == "sample_too_small"
    assert row(run("NK-08", year(3_600_000_000, [500_000_000] * 3), single_payment_share=0.8), P, 2024)["reason"] == "sample_too_small"


# -- NK-12: a year fulfilled on paper --------------------------------------------------------------


def test_nk12_judges_a_fulfilled_year_net_of_copies_and_non_rd_spending():
    from niokr.control.indicators.base import Frames
    from niokr.control.tests.test_agg_obligations import PAYER as P, RIGHT, _orgs, _ry
    from niokr.control.tests.test_indicators_aggregates import AS_OF as AGG_AS_OF, row, run, sentences

    def line(n: int, number: str, amount: int, purpose: str, paid_on: date) -> dict:
        return {"payment_id": n, "agreement_id": 70 + n, "right_id": RIGHT, "payer_id": P, "performer_id": 40, "paid_on": paid_on, "amount": amount,
                "document_number": number, "purpose": purpose, "year": 2024}

    # 2024: obligation 30 M ₸, 33 M ₸ reported — of which 8 M ₸ a second copy of one order and 6 M ₸ a canteen.
    payments = [
        line(1, "ПП-2210", 800_000_000, "Оплата НИР, этап 1", date(2024, 4, 2)),
        line(2, "2210/24", 800_000_000, "Оплата НИР, этап 1", date(2024, 4, 2)),
        line(3, "ПП-2300", 600_000_000, "Организация питания сотрудников в столовой", date(2024, 6, 2)),
        line(4, "ПП-2400", 1_100_000_000, "Оплата НИР, этап 2", date(2024, 9, 2)),
    ]
    years = [_ry(2024, "fulfilled", fulfilled=3_300_000_000, arrears=0)]
    flagged = row(run("NK-12", Frames.build(AGG_AS_OF, right_years=years, payments=payments, organisations=_orgs())), RIGHT, 2024)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 1_100_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["duplicates_tiyn"], evidence["non_rd_tiyn"], evidence["net_fulfilled_tiyn"], evidence["net_arrears_tiyn"]) == (800_000_000, 600_000_000, 1_900_000_000, 1_100_000_000)
    assert evidence["short_net_only"] is True
    text = sentences("NK-12", flagged["evidence"])
    assert "₸33,000,000.00" in text["en"] and "₸19,000,000.00" in text["en"] and "₸11,000,000.00" in text["en"]
    # Enough real spending left, no doubt at all, or the gross figure asked for: clear.
    assert row(run("NK-12", Frames.build(AGG_AS_OF, right_years=[_ry(2024, "fulfilled", fulfilled=4_800_000_000)], payments=payments)), RIGHT, 2024)["status"] == "clear"
    assert row(run("NK-12", Frames.build(AGG_AS_OF, right_years=years, payments=payments[2:3] and payments[3:])), RIGHT, 2024)["status"] == "clear"
    assert row(run("NK-12", Frames.build(AGG_AS_OF, right_years=years, payments=payments), net_of_doubt=0), RIGHT, 2024)["status"] == "clear"
    # Without the payments frame NK-12 judges the gross figure as before.
    assert row(run("NK-12", Frames.build(AGG_AS_OF, right_years=years)), RIGHT, 2024)["status"] == "clear"


def test_nk06_two_payers_with_coinciding_numbers_and_amounts_a_tiyn_apart_are_two_payments():
    frames = _frames([
        _payment(1, document_number="ПП-615", amount=2_000_000_041, paid_on=date(2024, 6, 15)),
        _payment(2, document_number="ПП-615", amount=2_000_000_042, paid_on=date(2024, 6, 15), payer_id=OTHER_PAYER, agreement_id=12),
    ])
    assert set(_run("NK-06", frames)["status"]) == {"clear"}
    frames = _frames([_payment(1, document_number="ПП-615", amount=2_000_000_041), _payment(2, document_number="615", amount=2_000_000_041, payer_id=OTHER_PAYER, agreement_id=12)])
    assert set(_run("NK-06", frames)["status"]) == {"flagged"}


# -- NK-04: an agreement registered twice ---------------------------------------------------------


def test_nk04_judges_a_payment_against_every_registration_of_its_agreement():
    # The second report registered "НИР 2024/1" with its period cut at 30.06; the first runs to 31.12.
    twice = [*AGREEMENTS, {**AGREEMENTS[0], "agreement_id": 13, "number": "НИР 2024/1", "period_end": date(2024, 6, 30)}]
    frames = _frames([_payment(1, agreement_id=13, paid_on=date(2024, 9, 10)), _payment(2, agreement_id=13, paid_on=date(2025, 2, 1), year=2025)], agreements=twice)
    out = _run("NK-04", frames)
    assert _statuses(out, 1, 2) == ["clear", "flagged"]
    alone = [{**AGREEMENTS[0], "agreement_id": 13, "number": "НИР 2024/1", "period_end": date(2024, 6, 30)}]
    assert _statuses(_run("NK-04", _frames(frames["payments"].to_dicts(), agreements=alone)), 1, 2) == ["flagged", "flagged"]
