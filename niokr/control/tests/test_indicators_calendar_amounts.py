"""NK-30 payment on a day off (and the holiday calendar), NK-31 cluster of round amounts, NK-32 price far above text peers."""

from __future__ import annotations

import ast
import json
import random
import re
import string
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from niokr.control.indicators import calendar_amounts, catalogue
from niokr.control.indicators.agg_spending import NK11
from niokr.control.indicators.agg_projects import NK19
from niokr.control.indicators.base import LANGUAGES, SUBJECT_TYPES, Frames, evaluate, explain
from niokr.control.indicators.calendar_amounts import HOLIDAYS, NK30, NK31, NK32, calendar, weekdays

AS_OF = date(2026, 12, 7)
PAYER, INSTITUTE, SISTER = 1, 11, 12
BINS = {PAYER: "150340000109", INSTITUTE: "070440005848", SISTER: "180340000104"}
ORGS = [{"org_id": PAYER, "bin": BINS[PAYER], "kind": "subsoil_user", "name": "АО «Каспий Ойл»"}, {"org_id": INSTITUTE, "bin": BINS[INSTITUTE], "kind": "research_institute", "name": "ТОО «НИИ Пласт»"},
        {"org_id": SISTER, "bin": BINS[SISTER], "kind": "company", "name": ""}]
M = 100_000_000  # 1 000 000 ₸ in tiyn
CORROSION = ("Подбор ингибиторов коррозии для промысловых трубопроводов", "Ингибиторы коррозии для трубопроводов: опытно-промысловые испытания",
             "Исследование ингибиторов коррозии трубопроводов месторождения", "Выполнение НИР по теме «Ингибиторы коррозии трубопроводов»")
UNRELATED = ("Разработка катализатора гидроочистки дизельного топлива", "Мониторинг сейсмической активности в районе месторождения Тенгиз",
             "Разработка технологии утилизации буровых шламов", "Цифровой двойник газоперерабатывающего завода")


def nb(text: str) -> str:
    """Money as kk/ru write it (narrow no-break spaces in the groups, a no-break space before ₸)."""
    return text.replace(" ₸", "\u00a0₸").replace(" ", "\u202f").replace("\u202f\u00a0", "\u00a0")


def _payment(payment_id: int, paid_on: date | None, amount: int | None = 250_000_000, *, agreement: int | None = 1, performer: int = INSTITUTE, year: int | None = None) -> dict:
    return {
        "payment_id": payment_id, "agreement_id": agreement, "payer_id": PAYER, "performer_id": performer, "paid_on": paid_on, "amount": amount,
        "purpose": "Оплата по договору НИОКР № НИОКР-24/01", "document_number": f"ПП-{payment_id}", "year": year or (paid_on.year if paid_on else 2024),
    }


def _agreement(agreement_id: int, amount: int | None = 5_000_000_000, *, payer: int = PAYER, performer: int = INSTITUTE, signed_on: date | None = date(2024, 1, 15), subject: str = CORROSION[0], project: int | None = None) -> dict:
    return {
        "agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": f"НИОКР-24/{agreement_id:02d}", "signed_on": signed_on,
        "period_start": signed_on, "period_end": date(2024, 12, 31), "amount": amount, "project_id": project, "priority_direction": "", "subject": subject,
    }


def _run(indicator, overrides=None, **frames) -> pl.DataFrame:
    return evaluate(indicator, Frames.build(AS_OF, organisations=ORGS, **frames), overrides)


def _status(out: pl.DataFrame) -> dict[int, tuple[str, str | None]]:
    return {r["subject_id"]: (r["status"], r["reason"]) for r in out.iter_rows(named=True)}


def _flags(out: pl.DataFrame) -> set[int]:
    return set(out.filter(pl.col("status") == "flagged")["subject_id"].to_list())


def _evidence(out: pl.DataFrame, subject: int) -> dict:
    return json.loads(out.filter(pl.col("subject_id") == subject)["evidence"][0])


def _texts(indicator, out: pl.DataFrame, subject: int) -> dict[str, str]:
    evidence = out.filter(pl.col("subject_id") == subject)["evidence"][0]
    return {lang: explain(indicator, evidence, lang) for lang in LANGUAGES}


def _market(target_amount: int, *, peers: int = 12, seed: int = 7, subject: str = CORROSION[0]) -> list[dict]:
    """Corrosion-inhibitor agreements of other payers (20–40 M ₸) and unrelated ones, and the payer's own at ``target_amount``."""
    rng = random.Random(seed)
    rows = [_agreement(100 + i, rng.randint(20, 40) * M, payer=200 + i, signed_on=date(2024, 1, 1) + timedelta(days=9 * i), subject=CORROSION[i % 4]) for i in range(peers)]
    rows += [_agreement(300 + i, rng.randint(10, 400) * M, payer=400 + i, signed_on=date(2024, 2, 1) + timedelta(days=9 * i), subject=UNRELATED[i % 4]) for i in range(12)]
    return [*rows, _agreement(1, target_amount, signed_on=date(2024, 6, 1), subject=subject)]


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which each indicator of the module fires (for the reading test of the whole catalogue)."""
    return {
        "NK-30": Frames.build(AS_OF, organisations=ORGS, payments=[_payment(1, date(2024, 3, 22)), _payment(2, date(2024, 3, 25)), _payment(3, date(2024, 5, 8)), _payment(4, date(2024, 6, 2))]),
        "NK-31": Frames.build(AS_OF, organisations=ORGS, agreements=[_agreement(1)], payments=[_payment(i, date(2024, 2 * i, 10), 5 * M) for i in range(1, 6)]),
        "NK-32": Frames.build(AS_OF, organisations=ORGS, agreements=_market(400 * M)),
    }


# -- the calendar ----------------------------------------------------------------------------------------------


def test_the_reference_data_covers_2015_to_2027_and_says_what_it_is_built_from():
    data = json.loads(HOLIDAYS.read_text(encoding="utf-8"))
    assert list(data)[0] == "about" and "must be checked against the annual Government decree".lower() in data["about"].lower()
    assert "267-II" in data["about"] and "414-V" in data["about"] and set(data["provisional"]) == {"2026", "2027"}
    assert calendar().years == frozenset(range(2015, 2028))
    names = data["names"]
    assert all(set(texts) == set(LANGUAGES) and all(texts.values()) for texts in names.values())


def test_every_year_holds_the_public_holidays_of_its_law():
    days = calendar()
    for year in range(2015, 2028):
        fixed = {(1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (12, 16)}
        fixed |= {(8, 30)} if year <= 2025 else set()
        fixed |= {(3, 15)} if year >= 2027 else set()
        fixed |= {(10, 25)} if year >= 2022 else set()
        fixed |= {(12, 1), (12, 17)} if year <= 2021 else set()
        held = {(d.month, d.day) for d, code in days.holidays.items() if d.year == year and code != "kurban_ait"}
        assert held == fixed, year
        assert sum(1 for d, code in days.holidays.items() if d.year == year and code == "kurban_ait") == 1, year
    kurban = {d.year: d for d, code in days.holidays.items() if code == "kurban_ait"}
    assert kurban[2015] == date(2015, 9, 24) and kurban[2021] == date(2021, 7, 20) and kurban[2024] == date(2024, 6, 17) and kurban[2026] == date(2026, 5, 27)


def test_every_holiday_on_a_weekend_gives_a_day_off_and_every_working_weekend_day_a_moved_one():
    days = calendar()
    in_lieu = {date.fromisoformat(e["holiday_date"]) for e in days.days_off.values() if e["kind"] == "in_lieu"}
    moved_statutory = {date(2020, 5, 9)}  # its day in lieu (11.05.2020) was moved to 08.05.2020 by the 2020 decree
    for d, code in days.holidays.items():
        if d.isoweekday() >= 6 and code not in ("orthodox_christmas", "kurban_ait"):
            assert d in in_lieu or d in moved_statutory, d
        if code in ("orthodox_christmas", "kurban_ait"):
            assert d not in in_lieu, d  # religious days off are not moved
    for d, entry in days.working.items():
        target = date.fromisoformat(entry["instead_of"])
        assert d.isoweekday() >= 6 and days.days_off[target]["kind"] == "moved" and days.days_off[target]["moved_from"] == d.isoformat()
    for d, entry in days.days_off.items():
        assert d.isoweekday() <= 5 and d not in days.holidays, d
    assert days.working[date(2023, 7, 1)]["instead_of"] == "2023-07-07" and days.working[date(2024, 5, 4)]["instead_of"] == "2024-05-08"
    assert date(2020, 1, 5) in days.working and date(2020, 5, 11) not in days.days_off and days.days_off[date(2020, 5, 8)]["moved_from"] == "2020-05-11"
    assert days.days_off[date(2018, 12, 18)]["holiday_date"] == "2018-12-16" and days.days_off[date(2022, 1, 4)]["holiday_date"] == "2022-01-02"


def test_weekend_days_are_read_and_bad_ones_refused():
    assert weekdays("6, 7") == frozenset({6, 7}) and weekdays("7") == frozenset({7})
    for bad in ("0", "8", "x"):
        try:
            weekdays(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


# -- NK-30 ----------------------------------------------------------------------------------------------------


def test_nk30_flags_payments_on_a_holiday_a_day_in_lieu_a_moved_day_off_and_a_weekend():
    out = _run(NK30, payments=[
        _payment(1, date(2024, 3, 22)),  # Friday, Nauryz
        _payment(2, date(2024, 3, 25)),  # Monday, in lieu of Nauryz of Saturday 23.03.2024
        _payment(3, date(2024, 5, 8)),  # Wednesday, moved from Saturday 04.05.2024
        _payment(4, date(2024, 6, 2)),  # Sunday
        _payment(5, date(2024, 6, 17)),  # Monday, the first day of Kurban Ait
    ])
    assert _flags(out) == {1, 2, 3, 4, 5} and out.filter(pl.col("subject_id") == 4)["amount"][0] == 250_000_000
    assert _evidence(out, 1)["day_off_en"] == "a Friday, the holiday «Nauryz Meyrami», a non-working day"
    assert _evidence(out, 2)["day_off_ru"] == "понедельник, выходной день вместо праздника «Наурыз мейрамы» 23.03.2024, пришедшегося на субботу (Закон «О праздниках в Республике Казахстан», ст. 5)"
    assert _evidence(out, 3)["day_off_en"] == "a Wednesday, a day off moved from 04.05.2024 (a Saturday) by the act moving days off in 2024"
    assert _evidence(out, 4)["day_off_kk"] == "жексенбі — демалыс күні, жұмыс күні деп жарияланбаған"
    assert "Құрбан айттың бірінші күні" in _evidence(out, 5)["day_off_kk"]
    texts = _texts(NK30, out, 2)
    assert "Payment ПП-2 of ₸2,500,000.00 on 25 Mar 2024" in texts["en"] and "ТОО «НИИ Пласт» (BIN 070440005848)" in texts["en"] and "not a working day in Kazakhstan: a Monday, the day off in lieu" in texts["en"]
    assert "Платёж ПП-2 на сумму " + nb("2 500 000,00 ₸") + " от 25.03.2024" in texts["ru"] and "не был рабочим: понедельник, выходной день вместо праздника" in texts["ru"]
    assert "25.03.2024 күнгі" in texts["kk"] and "сенбіге түскен «Наурыз мейрамы» мерекесінің орнына" in texts["kk"]


def test_nk30_leaves_working_days_and_working_weekend_days_clear():
    out = _run(NK30, payments=[
        _payment(1, date(2024, 5, 4)),  # Saturday made a working day by the 2024 order
        _payment(2, date(2020, 1, 5)),  # Sunday made a working day by the 2020 decree
        _payment(3, date(2020, 5, 11)),  # Monday: the day in lieu of Victory Day moved to Friday 08.05.2020
        _payment(4, date(2024, 3, 26)),  # an ordinary Tuesday
        _payment(5, date(2022, 12, 1)),  # the First President's Day stopped being a holiday in 2022
        _payment(6, date(2026, 8, 31)),  # 30 August is no holiday from 2026: no day in lieu of it
    ])
    assert _status(out) == {i: ("clear", None) for i in range(1, 7)}


def test_nk30_cannot_judge_a_payment_without_a_date_or_outside_the_calendar():
    out = _run(NK30, payments=[_payment(1, None), _payment(2, date(2014, 3, 22)), _payment(3, date(2028, 1, 1))])
    assert _status(out) == {1: ("not_computable", "no_payment_date"), 2: ("not_computable", "no_calendar"), 3: ("not_computable", "no_calendar")}


def test_nk30_the_weekend_is_a_threshold():
    payments = [_payment(1, date(2024, 6, 1)), _payment(2, date(2024, 6, 2))]
    assert _flags(_run(NK30, payments=payments)) == {1, 2}
    assert _flags(_run(NK30, {"weekend_days": "7"}, payments=payments)) == {2}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dates(date(2015, 1, 1), date(2027, 12, 31)), max_size=25))
def test_nk30_flags_exactly_the_days_the_calendar_says_are_not_working(days):
    out = _run(NK30, payments=[_payment(i + 1, d) for i, d in enumerate(days)])
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(days) + 1))
    cal = calendar()
    expected = {i + 1 for i, d in enumerate(days) if d in cal.holidays or d in cal.days_off or (d.isoweekday() >= 6 and d not in cal.working)}
    assert _flags(out) == expected
    for evidence in out.filter(pl.col("status") == "flagged")["evidence"]:
        assert all(explain(NK30, evidence, lang) for lang in LANGUAGES)


# -- NK-31 ----------------------------------------------------------------------------------------------------


def test_nk31_flags_an_agreement_paid_in_a_cluster_of_repeated_round_amounts():
    payments = [_payment(i, date(2024, 2 * i, 10), 5 * M) for i in range(1, 6)] + [_payment(6, date(2024, 12, 20), 123_456_78)]
    out = _run(NK31, agreements=[_agreement(1)], payments=payments)
    assert _status(out) == {1: ("flagged", None)} and out["amount"][0] == 25 * M and out["payer_id"][0] == PAYER
    evidence = _evidence(out, 1)
    assert (evidence["payments"], evidence["round_lines"], evidence["round_pct"], evidence["round_tiyn"]) == (6, 5, 83.3, 25 * M)
    assert (evidence["repeated_tiyn"], evidence["repeats"], evidence["explained_lines"], evidence["round_unit_tiyn"]) == (5 * M, 5, 0, M)
    texts = _texts(NK31, out, 1)
    assert "Agreement НИОКР-24/01 of 15 Jan 2024" in texts["en"] and "the payments under this agreement — 5 of 6 payments are round" in texts["en"] and "₸5,000,000.00 comes back 5 times" in texts["en"]
    assert "No ПП-1 of" in texts["en"] and "ТОО «НИИ Пласт» (BIN 070440005848)" in texts["en"]
    assert "платежи по этому договору — из 6 платежей 5 круглые, кратные " + nb("1 000 000,00 ₸") in texts["ru"] and "сумма " + nb("5 000 000,00 ₸") + " повторяется 5 раз" in texts["ru"]
    assert "осы шарт бойынша төлемдер — 6 төлемнің 5 сомасы" in texts["kk"] and "10.02.2024 күнгі № ПП-1 — " + nb("5 000 000,00 ₸") in texts["kk"]


def test_nk31_flags_round_payments_spread_over_a_performers_agreements_in_a_year():
    agreements = [_agreement(1), _agreement(2), _agreement(3), _agreement(4)]
    payments = [
        _payment(1, date(2024, 3, 1), 3 * M, agreement=1), _payment(2, date(2024, 5, 1), 3 * M, agreement=2),
        _payment(3, date(2024, 7, 1), 3 * M, agreement=3), _payment(4, date(2024, 9, 1), 2 * M, agreement=3),
        _payment(5, date(2024, 9, 1), 123_456_78, agreement=4), _payment(7, date(2024, 10, 1), 3 * M, agreement=4),
    ]
    out = _run(NK31, agreements=agreements, payments=payments)
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("flagged", None), 4: ("flagged", None)}
    evidence = _evidence(out, 3)
    assert (evidence["payments"], evidence["round_lines"], evidence["repeated_tiyn"], evidence["repeats"]) == (6, 5, 3 * M, 4)
    assert evidence["cluster_scope_en"] == "the subsoil user's payments to this performer in 2024 under all agreements" and out.filter(pl.col("subject_id") == 3)["amount"][0] == 5 * M
    assert "за 2024 год по всем договорам" in _texts(NK31, out, 3)["ru"]
    assert _flags(_run(NK31, agreements=agreements, payments=[p for p in payments if p["agreement_id"] != 4])) == {1, 2, 3}  # 4 of 4 round
    # spread over three contract-years, no year holds a cluster
    spread = [{**p, "year": 2022 + i % 3} for i, p in enumerate(payments)]
    assert _flags(_run(NK31, agreements=agreements, payments=spread)) == set()


def test_nk31_stays_quiet_on_repeated_fees_planned_stages_and_scattered_round_amounts():
    agreements = [_agreement(i) for i in (1, 2, 3, 4)]
    out = _run(NK31, agreements=agreements, payments=[
        # a monthly fee under one agreement: repeated, not round
        *[_payment(10 + m, date(2024, 1 + m, 15), 458_330_000, agreement=1) for m in range(6)],
        # stages of the signed plan paid at their round amounts
        *[_payment(20 + s, date(2024, 3 * s, 28), 10 * M, agreement=2) for s in (1, 2, 3)],
        # round but no amount repeated
        _payment(30, date(2024, 3, 1), 3 * M, agreement=3), _payment(31, date(2024, 5, 1), 7 * M, agreement=3), _payment(32, date(2024, 9, 1), 12 * M, agreement=3),
        # three round among ten: most of the money is invoiced
        *[_payment(40 + i, date(2024, 1 + i, 5), 4 * M if i < 3 else 4 * M + 1_234_500 + i, agreement=4, performer=SISTER) for i in range(10)],
    ], stages=[{"stage_id": s, "agreement_id": 2, "number": s, "amount": 10 * M} for s in (1, 2, 3)])
    assert _status(out) == {1: ("clear", None), 2: ("clear", None), 3: ("clear", None), 4: ("clear", None)}


def test_nk31_cannot_judge_an_agreement_without_amounts_and_thresholds_move_the_line():
    out = _run(NK31, agreements=[_agreement(1), _agreement(2), _agreement(3)], payments=[
        _payment(1, date(2024, 2, 1), 5 * M, agreement=1), _payment(2, date(2024, 4, 1), 5 * M, agreement=1),  # two: too few for a cluster
        _payment(3, date(2024, 2, 1), 3 * M, agreement=2, performer=SISTER), _payment(4, date(2024, 3, 1), 7 * M, agreement=2, performer=SISTER),
        _payment(5, date(2024, 9, 1), 12 * M, agreement=2, performer=SISTER),
        _payment(6, date(2024, 9, 1), None, agreement=3), _payment(7, date(2024, 9, 2), 0, agreement=3),
    ])
    assert _status(out) == {1: ("clear", None), 2: ("clear", None), 3: ("not_computable", "no_amount")}
    lowered = _run(NK31, {"min_round_payments": 2, "min_repeats": 1}, agreements=[_agreement(1), _agreement(2)], payments=[
        _payment(3, date(2024, 2, 1), 3 * M, agreement=2, performer=SISTER), _payment(4, date(2024, 3, 1), 7 * M, agreement=2, performer=SISTER),
    ])
    assert _flags(lowered) == {2}
    assert _flags(_run(NK31, {"round_unit_tiyn": 10 * M}, agreements=[_agreement(1)], payments=[_payment(i, date(2024, 2 * i, 10), 5 * M) for i in range(1, 6)])) == set()


def test_nk31_sees_an_agreement_that_nk11_cannot_see_in_the_whole_year():
    rng = random.Random(3)
    invoiced = [_payment(100 + i, date(2024, 1, 2) + timedelta(days=7 * i), rng.randint(10_000_000, 900_000_000) + 37, agreement=50 + i % 20) for i in range(40)]
    cluster = [_payment(i, date(2024, 2 * i, 10), 5 * M) for i in range(1, 5)]
    frames = Frames.build(AS_OF, organisations=ORGS, payments=invoiced + cluster, agreements=[_agreement(1)] + [_agreement(50 + i) for i in range(20)])
    assert evaluate(NK11, frames).filter(pl.col("subject_id") == PAYER)["status"].to_list() == ["clear"]
    assert _flags(evaluate(NK31, frames)) == {1}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, None]), st.sampled_from([M, 2 * M, 5 * M, 123_456_78, 45_000_001]), st.integers(0, 700)), max_size=16))
def test_nk31_judges_each_agreement_with_payments_once(rows):
    payments = [_payment(i + 1, date(2024, 1, 1) + timedelta(days=offset), amount, agreement=agreement) for i, (agreement, amount, offset) in enumerate(rows)]
    out = _run(NK31, agreements=[_agreement(i) for i in (1, 2, 3)], payments=payments)
    assert sorted(out["subject_id"].to_list()) == sorted({p["agreement_id"] for p in payments if p["agreement_id"] is not None})
    for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        evidence = json.loads(r["evidence"])
        assert evidence["round_lines"] >= 3 and evidence["repeats"] >= 2 and evidence["round_lines"] >= 0.75 * evidence["payments"]
        assert all(explain(NK31, r["evidence"], lang) for lang in LANGUAGES)


# -- NK-32 ----------------------------------------------------------------------------------------------------


def test_nk32_flags_a_price_far_above_the_agreements_of_similar_subject():
    out = _run(NK32, agreements=_market(400 * M))
    target = out.filter(pl.col("subject_id") == 1)
    assert target["status"][0] == "flagged" and _flags(out) == {1}
    evidence = _evidence(out, 1)
    assert evidence["peers"] == 12 and evidence["ratio"] >= 10 and evidence["z"] >= 3.5 and evidence["similarity"] >= 0.8
    assert target["amount"][0] == evidence["excess_tiyn"] == 400 * M - evidence["fence_tiyn"] > 0
    texts = _texts(NK32, out, 1)
    assert "Agreement НИОКР-24/01 of 1 Jun 2024 for ₸400,000,000.00" in texts["en"] and "12 agreements of other subsoil users with the most similar subjects" in texts["en"]
    assert "(similarity 0.9" in texts["en"] or "(similarity 1.00)" in texts["en"]
    assert "Договор НИОКР-24/01 от 01.06.2024 на " + nb("400 000 000,00 ₸") in texts["ru"] and "12 договоров других недропользователей" in texts["ru"]
    assert "басқа жер қойнауын пайдаланушылардың 12 шартының медианасынан" in texts["kk"] and "ұқсастығы" in texts["kk"]


def test_nk32_stays_quiet_on_usual_prices_and_compares_only_other_payers_within_the_window():
    assert _status(_run(NK32, agreements=_market(35 * M)))[1] == ("clear", None)
    assert _status(_run(NK32, agreements=_market(60 * M)))[1] == ("clear", None)  # above the fence is not enough without twice the median
    # the payer's own corrosion agreements are no peers of it
    own = [{**a, "payer_id": PAYER} if a["subject"] in CORROSION and a["agreement_id"] != 1 else a for a in _market(400 * M)]
    assert _status(_run(NK32, agreements=own))[1] == ("not_computable", "too_few_peers")
    # peers signed more than three years earlier do not count
    old = [{**a, "signed_on": date(2019, 1, 1)} if a["agreement_id"] != 1 and a["subject"] in CORROSION else a for a in _market(400 * M)]
    assert _status(_run(NK32, agreements=old))[1] == ("not_computable", "too_few_peers")
    assert _status(_run(NK32, {"peer_window_years": 6}, agreements=old))[1] == ("flagged", None)


def test_nk32_cannot_judge_without_subject_amount_or_enough_peers():
    market = _market(400 * M)
    out = _run(NK32, agreements=[*market, _agreement(2, subject="Выполнение НИОКР по договору № 12, этап 2"), _agreement(3, None), _agreement(4, subject="Разработка цифровой модели пласта Узень")])
    assert _status(out)[2] == ("not_computable", "no_subject") and _status(out)[3] == ("not_computable", "no_amount")
    assert _status(out)[4] == ("not_computable", "too_few_peers")
    same = [{**a, "amount": 30 * M} for a in market if a["subject"] in CORROSION] + [_agreement(9, 400 * M, signed_on=date(2024, 6, 2))]
    assert _status(_run(NK32, agreements=same))[9] == ("not_computable", "no_spread")
    assert _status(_run(NK32, {"min_peers": 20}, agreements=market))[1] == ("not_computable", "too_few_peers")


def test_nk32_judges_an_agreement_that_nk19_cannot_place_in_a_category():
    frames = Frames.build(AS_OF, organisations=ORGS, agreements=_market(400 * M), projects=[])
    assert _status(evaluate(NK19, frames))[1] == ("not_computable", "no_project")
    assert _status(evaluate(NK32, frames))[1] == ("flagged", None)


# -- the module as catalogue entries -----------------------------------------------------------------------------


def test_the_entries_are_complete_in_three_languages_and_registered():
    codes = {i.code: i for i in catalogue()}
    for indicator, truth in ((NK30, "holiday_payment"), (NK31, "round_cluster"), (NK32, "price_far_from_text_peers")):
        assert codes[indicator.code] is indicator and indicator.truth_codes == (truth,) and indicator.subject_type in SUBJECT_TYPES
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == set(LANGUAGES) and all(texts[lang].strip() for lang in LANGUAGES)
            assert set("әғқңөұүһі") & set(texts["kk"]) and re.search("[а-яё]", texts["ru"])
        fields = {lang: {n.removesuffix(f"_{lang}") for _t, n, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if n} for lang in LANGUAGES}
        assert fields["kk"] == fields["ru"] == fields["en"], indicator.code
        for t in indicator.thresholds:
            assert set("әғқңөұүһі") & set(t.describe("kk")) and re.search("[а-яё]", t.describe("ru")) and not re.search("[а-яё]", t.describe("en"))


def test_the_module_imports_only_what_the_engine_may():
    tree = ast.parse(Path(calendar_amounts.__file__).read_text(encoding="utf-8"))
    allowed = {"polars", "numpy", "__future__", "collections", "typing", "json", "datetime", "dataclasses", "functools", "pathlib"}
    for node in ast.walk(tree):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for module in modules:
            assert module.split(".")[0] in allowed or module.startswith("niokr.control.indicators"), module


def test_the_scenarios_fire():
    for code, frames in frames_that_fire().items():
        indicator = {i.code: i for i in calendar_amounts.INDICATORS}[code]
        assert _flags(evaluate(indicator, frames)), code
