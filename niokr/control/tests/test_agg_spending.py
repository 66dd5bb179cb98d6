"""NK-08 year-end dump, NK-09 concentration, NK-10 newly registered performer, NK-11 round amounts and digits."""

from __future__ import annotations

import json
from datetime import date

from niokr.control.indicators.base import Frames
from niokr.control.tests.test_indicators_aggregates import AS_OF, nb, org, row, run, sentences

PAYER, PAYER_BIN = 1, "050140000123"
INSTITUTE, INSTITUTE_BIN = 11, "990840001234"
OTHER = 12


def _line(n: int, paid_on: date, amount: int, *, year: int | None = None, payer: int = PAYER, performer: int = INSTITUTE) -> dict:
    return {
        "payment_id": n, "agreement_id": 500 + performer, "right_id": 101, "payer_id": payer, "performer_id": performer,
        "paid_on": paid_on, "amount": amount, "document_number": f"ПП-{n}", "year": year or paid_on.year,
    }


def _orgs() -> list[dict]:
    return [org(PAYER, PAYER_BIN, kind="subsoil_user"), org(INSTITUTE, INSTITUTE_BIN, kind="research_institute"), org(OTHER, "010240005678")]


# -- NK-08 -----------------------------------------------------------------------------------------


def _year_2024(december: list[int], earlier: list[int]) -> list[dict]:
    lines = [_line(n, date(2024, 12, 2 + n), amount) for n, amount in enumerate(december)]
    lines += [_line(100 + n, date(2024, 3, 1 + n), amount) for n, amount in enumerate(earlier)]
    return lines


def test_nk08_flags_a_year_that_put_most_of_its_spending_into_december():
    # Given 7 000 000 ₸ of 2024 paid in December out of 10 000 000 ₸
    frames = Frames.build(AS_OF, payments=_year_2024([200_000_000, 250_000_000, 250_000_000], [100_000_000, 100_000_000, 100_000_000]), organisations=_orgs())
    # When
    out = run("NK-08", frames)
    # Then
    flagged = row(out, PAYER, 2024)
    assert (flagged["status"], flagged["payer_id"], flagged["amount"]) == ("flagged", PAYER, 700_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["december_pct"], evidence["threshold_pct"], evidence["december_lines"], evidence["lines"]) == (70.0, 50.0, 3, 6)
    text = sentences("NK-08", flagged["evidence"])
    assert "050140000123" in text["en"] and "₸7,000,000.00" in text["en"] and "₸10,000,000.00" in text["en"] and "70.0\u00a0%" in text["en"] and "2024" in text["en"]
    assert nb("7 000 000,00 ₸") in text["ru"] and nb("10 000 000,00 ₸") in text["ru"] and "70,0\u00a0%" in text["ru"] and "в декабре" in text["ru"]
    assert nb("7 000 000,00 ₸") in text["kk"] and "желтоқсанда" in text["kk"] and "050140000123" in text["kk"] and "2024 жылғы" in text["kk"]


def test_nk08_leaves_a_year_with_a_normal_fourth_quarter_clear():
    frames = Frames.build(AS_OF, payments=_year_2024([150_000_000, 150_000_000], [100_000_000] * 5), organisations=_orgs())
    assert row(run("NK-08", frames), PAYER, 2024)["status"] == "clear"


def test_nk08_counts_lines_credited_back_from_next_january_in_the_total_only():
    # 6 000 000 ₸ paid in December 2024, 2 000 000 ₸ in March and 3 000 000 ₸ in January 2025 credited to 2024
    lines = _year_2024([200_000_000, 200_000_000, 200_000_000], [100_000_000, 100_000_000])
    lines.append(_line(900, date(2025, 1, 20), 300_000_000, year=2024))
    out = run("NK-08", Frames.build(AS_OF, payments=lines))
    evidence = json.loads(row(out, PAYER, 2024)["evidence"])
    assert (evidence["december_tiyn"], evidence["total_tiyn"], evidence["payer_bin"]) == (600_000_000, 1_100_000_000, None)


def test_nk08_cannot_judge_a_short_year_nor_a_year_whose_december_is_still_ahead():
    few = _year_2024([200_000_000, 200_000_000, 200_000_000], [100_000_000])
    running = [_line(200 + n, date(2026, 3, 1 + n), 100_000_000) for n in range(8)]
    out = run("NK-08", Frames.build(AS_OF, payments=few + running))
    assert (row(out, PAYER, 2024)["status"], row(out, PAYER, 2024)["reason"]) == ("not_computable", "sample_too_small")
    assert (row(out, PAYER, 2026)["status"], row(out, PAYER, 2026)["reason"]) == ("not_computable", "year_open")


def test_nk08_threshold_can_be_raised():
    frames = Frames.build(AS_OF, payments=_year_2024([200_000_000, 250_000_000, 250_000_000], [100_000_000] * 3))
    assert row(run("NK-08", frames, december_share=0.75), PAYER, 2024)["status"] == "clear"


# -- NK-09 -----------------------------------------------------------------------------------------


def _years(shares: dict[int, tuple[int, int]]) -> list[dict]:
    """Per year: (tiyn to the institute, tiyn to the other performer)."""
    lines, n = [], 0
    for year, (main, other) in shares.items():
        for performer, amount in ((INSTITUTE, main), (OTHER, other)):
            if amount:
                n += 1
                lines.append(_line(n, date(year, 5, 10), amount, performer=performer))
    return lines


def test_nk09_flags_three_years_of_spending_almost_all_placed_with_one_performer():
    # Given 2022–2024: 9 of every 10 ₸ to the institute, 20 million ₸ a year
    frames = Frames.build(AS_OF, payments=_years({2022: (1_800_000_000, 200_000_000), 2023: (1_800_000_000, 200_000_000), 2024: (1_800_000_000, 200_000_000)}), organisations=_orgs())
    out = run("NK-09", frames)
    flagged = row(out, PAYER, 2024)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 5_400_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["share_pct"], evidence["first_year"], evidence["performers"], evidence["performer_id"]) == (90.0, 2022, 2, INSTITUTE)
    text = sentences("NK-09", flagged["evidence"])
    assert "2022–2024" in text["en"] and "990840001234" in text["en"] and "₸54,000,000.00" in text["en"] and "₸60,000,000.00" in text["en"] and "90.0\u00a0%" in text["en"]
    assert "2022–2024" in text["ru"] and nb("54 000 000,00 ₸") in text["ru"] and "одному исполнителю" in text["ru"]
    assert "2022–2024 жылдары" in text["kk"] and nb("54 000 000,00 ₸") in text["kk"] and "бір орындаушыға" in text["kk"] and "990840001234" in text["kk"]
    # the first two years have no full window yet
    assert [row(out, PAYER, y)["reason"] for y in (2022, 2023)] == ["short_history", "short_history"]


def test_nk09_leaves_a_spread_programme_clear():
    frames = Frames.build(AS_OF, payments=_years({2022: (1_200_000_000, 800_000_000), 2023: (1_200_000_000, 800_000_000), 2024: (1_200_000_000, 800_000_000)}))
    assert row(run("NK-09", frames), PAYER, 2024)["status"] == "clear"


def test_nk09_does_not_judge_a_small_programme_or_a_gap_year():
    small = Frames.build(AS_OF, payments=_years({2022: (100_000_000, 0), 2023: (100_000_000, 0), 2024: (100_000_000, 0)}))
    assert (row(run("NK-09", small), PAYER, 2024)["reason"]) == "sample_too_small"
    gap = Frames.build(AS_OF, payments=_years({2022: (3_000_000_000, 0), 2024: (3_000_000_000, 0)}))
    assert row(run("NK-09", gap), PAYER, 2024)["reason"] == "short_history"


# -- NK-10 -----------------------------------------------------------------------------------------


def _agreement(agreement_id: int, performer: int, signed_on: date, amount: int | None) -> dict:
    return {"agreement_id": agreement_id, "payer_id": PAYER, "performer_id": performer, "number": f"НИР-{agreement_id}", "signed_on": signed_on, "amount": amount}


def test_nk10_flags_a_large_agreement_with_a_performer_registered_months_before():
    orgs = [*_orgs(), org(20, "230940009876", registered_on=date(2023, 9, 1))]
    frames = Frames.build(AS_OF, agreements=[_agreement(1, 20, date(2024, 3, 1), 2_500_000_000)], organisations=orgs)
    flagged = row(run("NK-10", frames), 1)
    assert (flagged["status"], flagged["amount"], flagged["year"], flagged["payer_id"]) == ("flagged", 2_500_000_000, None, PAYER)
    assert json.loads(flagged["evidence"])["age_days"] == 182
    text = sentences("NK-10", flagged["evidence"])
    assert "НИР-1" in text["en"] and "1 Mar 2024" in text["en"] and "₸25,000,000.00" in text["en"] and "230940009876" in text["en"] and "1 Sep 2023" in text["en"] and "182 days" in text["en"]
    assert "НИР-1 от 01.03.2024" in text["ru"] and nb("25 000 000,00 ₸") in text["ru"] and "182 дн." in text["ru"]
    assert "01.03.2024 күнгі НИР-1 шарты" in text["kk"] and nb("25 000 000,00 ₸") in text["kk"] and "182 күн" in text["kk"] and "050140000123" in text["kk"]


def test_nk10_leaves_established_performers_and_small_agreements_clear():
    orgs = [*_orgs(), org(20, "230940009876", registered_on=date(2023, 9, 1))]
    frames = Frames.build(AS_OF, agreements=[_agreement(1, INSTITUTE, date(2024, 3, 1), 9_000_000_000), _agreement(2, 20, date(2024, 3, 1), 300_000_000)], organisations=orgs)
    out = run("NK-10", frames)
    assert [row(out, 1)["status"], row(out, 2)["status"]] == ["clear", "clear"]


def test_nk10_cannot_judge_a_performer_without_a_registration_date():
    frames = Frames.build(AS_OF, agreements=[_agreement(1, 99, date(2024, 3, 1), 2_500_000_000), _agreement(2, INSTITUTE, None, 1)], organisations=_orgs())
    out = run("NK-10", frames)
    assert (row(out, 1)["status"], row(out, 1)["reason"]) == ("not_computable", "no_registration_date")
    assert row(out, 2)["reason"] == "no_signing_date"


# -- NK-11 -----------------------------------------------------------------------------------------


def _amounts(values: list[int], year: int = 2024) -> list[dict]:
    return [_line(n, date(year, 1 + n % 12, 1 + n % 28), amount) for n, amount in enumerate(values)]


def test_nk11_flags_a_year_paid_in_round_thousands():
    values = [123_456_78 + 9_137 * n for n in range(30)]
    values[:10] = [5_000_000_00] * 10  # ten payments of exactly 5 000 000 ₸
    frames = Frames.build(AS_OF, payments=_amounts(values), organisations=_orgs())
    flagged = row(run("NK-11", frames), PAYER, 2024)
    assert (flagged["status"], flagged["amount"]) == ("flagged", 5_000_000_000)
    evidence = json.loads(flagged["evidence"])
    assert (evidence["round_lines"], evidence["lines"], evidence["round_pct"], evidence["mad_pp"]) == (10, 30, 33.3, None)
    text = sentences("NK-11", flagged["evidence"])
    assert "2024" in text["en"] and "050140000123" in text["en"] and "30" in text["en"] and "10 of them in whole thousands" in text["en"] and "33.3\u00a0%" in text["en"]
    assert "в целых тысячах тенге: 10 (33,3\u00a0%" in text["ru"]
    assert "бүтін мың теңгеден тұратын сомалар саны: 10 (33,3\u00a0%" in text["kk"] and "2024 жылы" in text["kk"]


def _log_uniform(n: int, low: float, decades: float) -> list[int]:
    return [round(10 ** (low + decades * (i + 0.5) / n)) + 37 for i in range(n)]


def test_nk11_flags_first_digits_far_from_benford_over_a_wide_range():
    # 300 amounts over four orders of magnitude, all starting with 7, 8 or 9
    values = [int(f"{7 + i % 3}{i:03d}") * 10 ** (i % 4 + 3) + 11 for i in range(300)]
    flagged = row(run("NK-11", Frames.build(AS_OF, payments=_amounts(values))), PAYER, 2024)
    evidence = json.loads(flagged["evidence"])
    assert flagged["status"] == "flagged" and flagged["amount"] is None
    assert evidence["mad_pp"] > 1.5 and evidence["chi2"] > 26.12
    text = sentences("NK-11", flagged["evidence"])
    assert f"{evidence['mad_pp']:.2f} percentage points" in text["en"] and f"{evidence['mad_pp']:.2f}".replace(".", ",") + " п. п." in text["ru"] and "пайыздық тармақ" in text["kk"]


def test_nk11_leaves_amounts_that_follow_benford_clear():
    out = run("NK-11", Frames.build(AS_OF, payments=_amounts(_log_uniform(300, 5.0, 4.0))))
    assert row(out, PAYER, 2024)["status"] == "clear"


def test_nk11_does_not_apply_benford_to_amounts_within_one_order_of_magnitude():
    # stage payments of a few agreements: all 9xx xxx ₸, which no first-digit law describes
    values = [90_000_000 + 7_919 * n for n in range(300)]
    assert row(run("NK-11", Frames.build(AS_OF, payments=_amounts(values))), PAYER, 2024)["status"] == "clear"


def test_nk11_cannot_judge_a_year_with_few_lines():
    out = run("NK-11", Frames.build(AS_OF, payments=_amounts([5_000_000_00] * 29)))
    assert (row(out, PAYER, 2024)["status"], row(out, PAYER, 2024)["reason"]) == ("not_computable", "sample_too_small")
