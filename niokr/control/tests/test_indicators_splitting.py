"""NK-27 agreements split under the threshold, NK-28 payments split under a limit, NK-29 a job split across a group."""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.control.indicators import catalogue, splitting
from niokr.control.indicators.base import LANGUAGES, SUBJECT_TYPES, Frames, evaluate, explain
from niokr.control.indicators.splitting import NK27, NK28, NK29, pair_similarity, subject_matrix

AS_OF = date(2026, 12, 7)
PAYER, OTHER_PAYER = 1, 2
INSTITUTE, SISTER, STRANGER, UNIVERSITY, HOLDING, DIRECTOR_CO = 11, 12, 13, 14, 90, 15
BINS = {
    PAYER: "150340000109", OTHER_PAYER: "051140000321", INSTITUTE: "070440005848", SISTER: "180340000104", STRANGER: "120540000555",
    UNIVERSITY: "990340000777", HOLDING: "990940001234", DIRECTOR_CO: "210640000999",
}
NAMES = {PAYER: "АО «Каспий Ойл»", INSTITUTE: "ТОО «НИИ Пласт»", SISTER: "ТОО «Пласт Инжиниринг»", UNIVERSITY: "КазНУ им. аль-Фараби"}
ORGS = [{"org_id": i, "bin": b, "kind": "company", "name": NAMES.get(i, "")} for i, b in BINS.items()]
OWNED = [
    {"source_id": HOLDING, "target_id": INSTITUTE, "kind": "owner", "valid_from": date(2018, 1, 1), "valid_to": None, "share": 100.0},
    {"source_id": HOLDING, "target_id": SISTER, "kind": "owner", "valid_from": date(2018, 1, 1), "valid_to": None, "share": 75.0},
]
M = 100_000_000  # 1 000 000 ₸ in tiyn

WATER = "Выполнение научно-исследовательских работ по теме «Разработка технологии очистки попутно добываемой пластовой воды», этап 1"
WATER_REWORDED = "Исследование методов очистки пластовой воды на месторождении (опытная часть)"
WATER_LAB = "Разработка технологии очистки пластовой воды: лабораторные испытания"
SEISMIC = "Мониторинг сейсмической активности в районе месторождения Тенгиз"
CATALYST = "Разработка катализатора гидроочистки дизельного топлива"
CUTTINGS = "Разработка технологии утилизации буровых шламов"
MUDS = "Исследование свойств буровых растворов на углеводородной основе"


def nb(text: str) -> str:
    """Money as kk/ru write it (narrow no-break spaces in the groups, a no-break space before ₸)."""
    return text.replace(" ₸", "\u00a0₸").replace(" ", "\u202f").replace("\u202f\u00a0", "\u00a0")


def _agreement(agreement_id: int, performer: int, amount: int | None, signed_on: date | None, subject: str, *, payer: int = PAYER, project: int | None = None) -> dict:
    return {
        "agreement_id": agreement_id, "payer_id": payer, "performer_id": performer, "number": f"НИОКР-24/{agreement_id:02d}", "signed_on": signed_on,
        "period_start": signed_on, "period_end": date(2024, 12, 31), "amount": amount, "project_id": project, "priority_direction": "", "subject": subject,
    }


def _payment(payment_id: int, amount: int | None, paid_on: date | None, *, performer: int = INSTITUTE, agreement: int | None = 1, payer: int = PAYER) -> dict:
    return {
        "payment_id": payment_id, "agreement_id": agreement, "payer_id": payer, "performer_id": performer, "paid_on": paid_on, "amount": amount,
        "purpose": "Оплата по договору НИОКР № НИОКР-24/01", "document_number": f"ПП-{payment_id}", "year": paid_on.year if paid_on else 2024,
    }


def _run(indicator, **frames) -> pl.DataFrame:
    overrides = frames.pop("overrides", None)
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


def frames_that_fire() -> dict[str, Frames]:
    """Frames on which each indicator of the module fires (for the reading test of the whole catalogue)."""
    return {
        "NK-27": Frames.build(AS_OF, organisations=ORGS, agreements=[
            _agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER), _agreement(2, INSTITUTE, 930_000_000, date(2024, 3, 26), WATER_REWORDED),
        ]),
        "NK-28": Frames.build(AS_OF, organisations=ORGS, payments=[
            _payment(1, 980_000_000, date(2024, 3, 4)), _payment(2, 990_000_000, date(2024, 3, 5)), _payment(3, 970_000_000, date(2024, 3, 11)),
        ]),
        "NK-29": Frames.build(AS_OF, organisations=ORGS, affiliations=OWNED, agreements=[
            _agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER), _agreement(2, SISTER, 960_000_000, date(2024, 3, 7), WATER_LAB),
        ]),
    }


# -- the text similarity of subjects ---------------------------------------------------------------------------


def test_reworded_subjects_are_similar_and_unrelated_ones_are_not():
    texts = [
        WATER, WATER_REWORDED, WATER_LAB, SEISMIC, CATALYST, CUTTINGS, MUDS,
        "Ғылыми-зерттеу жұмыстарын орындау: «Қабаттық суды тазарту технологиясын әзірлеу»", "«Қабаттық суды тазарту технологиясын әзірлеу» тақырыбы бойынша ҒЗТКЖ, 2-кезең",
        "Research on produced water treatment technology, stage 1", "Development of a produced water treatment technology: laboratory tests",
        "Ингибиторы коррозии для трубопроводов", "Подбор ингибиторов коррозии для промысловых трубопроводов", "Research on corrosion inhibitors for field pipelines",
    ]
    matrix = subject_matrix(texts)

    def sim(a: int, b: int) -> float:
        return float(pair_similarity(matrix, [a], [b])[0])

    for a, b in ((0, 1), (0, 2), (1, 2), (7, 8), (9, 10), (11, 12)):
        assert sim(a, b) >= 0.5, (texts[a], texts[b], sim(a, b))
    for a, b in ((0, 3), (0, 4), (0, 5), (0, 6), (5, 6), (3, 4), (11, 13), (0, 9)):
        assert sim(a, b) < 0.3, (texts[a], texts[b], sim(a, b))
    assert sim(0, 0) > 0.999 and pair_similarity(matrix, [], []).size == 0


def test_a_subject_of_boilerplate_and_requisites_alone_is_similar_to_nothing():
    matrix = subject_matrix(["Выполнение НИОКР по договору № 12 от 01.02.2024, этап 2", "Выполнение НИОКР по договору № 13 от 05.02.2024, этап 3", "", None])
    assert pair_similarity(matrix, [0, 0, 2], [1, 2, 3]).tolist() == [0.0, 0.0, 0.0]
    assert splitting.subject_keys(["«НИР: Ингибиторы коррозии» (HИОКР, этап 2)"]) == ["ингибиторы коррозии"]


# -- NK-27 ----------------------------------------------------------------------------------------------------


def test_nk27_flags_reworded_pieces_just_under_the_threshold_signed_weeks_apart():
    out = _run(NK27, agreements=[
        _agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER),
        _agreement(2, INSTITUTE, 930_000_000, date(2024, 3, 26), WATER_REWORDED),
        _agreement(3, INSTITUTE, 400_000_000, date(2024, 3, 6), SEISMIC),  # the same performer, another job
    ])
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("clear", None)}
    assert out.filter(pl.col("subject_id") == 2)["amount"][0] == 930_000_000 and set(out["payer_id"]) == {PAYER}
    evidence = _evidence(out, 1)
    assert (evidence["pieces"], evidence["combined_tiyn"], evidence["approval_threshold_tiyn"]) == (2, 1_880_000_000, 1_000_000_000)
    assert (evidence["first_signed"], evidence["last_signed"], evidence["agreement_ids"]) == ("05.03.2024", "26.03.2024", [1, 2])
    assert evidence["similarity"] >= 0.5 and evidence["linked_by_en"] == "similar subjects; each amount just under the threshold"
    texts = _texts(NK27, out, 1)
    assert "Agreement НИОКР-24/01 of 5 Mar 2024 for ₸9,500,000.00" in texts["en"] and "together ₸18,800,000.00" in texts["en"]
    assert "ТОО «НИИ Пласт» (BIN 070440005848)" in texts["en"] and "No НИОКР-24/02 of" in texts["en"] and "₸9,300,000.00" in texts["en"]
    assert "Договор НИОКР-24/01 от 05.03.2024 на " + nb("9 500 000,00 ₸") in texts["ru"] and "один из 2 договоров с этим исполнителем" in texts["ru"]
    assert "предметы сходны; каждая сумма чуть ниже порога" in texts["ru"] and "№ НИОКР-24/02 от 26.03.2024 — " + nb("9 300 000,00 ₸") in texts["ru"]
    assert "05.03.2024 күнгі НИОКР-24/01 шарты" in texts["kk"] and "2 шарттың бірі" in texts["kk"] and "нысаналары ұқсас" in texts["kk"]
    assert "26.03.2024 күнгі № НИОКР-24/02" in texts["kk"] and nb("18 800 000,00 ₸") in texts["kk"]


def test_nk27_joins_pieces_by_subject_by_project_or_by_amounts_at_the_threshold():
    by_subject = _run(NK27, agreements=[  # the same day, amounts far from the threshold, one subject
        _agreement(1, INSTITUTE, 600_000_000, date(2024, 5, 14), "Подбор ингибиторов коррозии для промысловых трубопроводов"),
        _agreement(2, INSTITUTE, 500_000_000, date(2024, 5, 14), "Ингибиторы коррозии для трубопроводов: опытно-промысловые испытания"),
    ])
    assert _flags(by_subject) == {1, 2} and _evidence(by_subject, 1)["linked_by_ru"] == "предметы сходны"
    by_project = _run(NK27, agreements=[  # unrelated words, one project
        _agreement(1, INSTITUTE, 700_000_000, date(2024, 5, 14), CUTTINGS, project=7), _agreement(2, INSTITUTE, 500_000_000, date(2024, 6, 3), MUDS, project=7),
    ])
    assert _flags(by_project) == {1, 2} and _evidence(by_project, 2)["linked_by_en"] == "one project"
    by_amounts = _run(NK27, agreements=[  # reworded beyond recognition, both just under the threshold
        _agreement(1, INSTITUTE, 990_000_000, date(2024, 5, 14), CATALYST), _agreement(2, INSTITUTE, 985_000_000, date(2024, 5, 30), SEISMIC),
    ])
    assert _flags(by_amounts) == {1, 2} and _evidence(by_amounts, 1)["linked_by_kk"] == "әрқайсысы шектен сәл ғана төмен"
    chain = _run(NK27, agreements=[  # three pieces chained: each within the window of the next
        _agreement(1, INSTITUTE, 400_000_000, date(2024, 1, 10), WATER), _agreement(2, INSTITUTE, 400_000_000, date(2024, 2, 25), WATER_LAB),
        _agreement(3, INSTITUTE, 400_000_000, date(2024, 4, 15), WATER_REWORDED),
    ])
    assert _flags(chain) == {1, 2, 3} and _evidence(chain, 3)["pieces"] == 3 and _evidence(chain, 3)["combined_tiyn"] == 1_200_000_000


def test_nk27_stays_quiet_on_clean_look_alikes():
    out = _run(NK27, agreements=[
        # one agreement with a calendar plan of stages: not a piece of anything, above the threshold
        _agreement(1, INSTITUTE, 3_000_000_000, date(2024, 2, 1), WATER),
        # an accredited university: many unrelated agreements from many payers, and small unrelated ones from one payer
        *[_agreement(10 + p, UNIVERSITY, 950_000_000, date(2024, 3, 1) + timedelta(days=p), WATER, payer=100 + p) for p in range(5)],
        _agreement(20, UNIVERSITY, 300_000_000, date(2024, 4, 1), CATALYST), _agreement(21, UNIVERSITY, 400_000_000, date(2024, 4, 8), SEISMIC),
        _agreement(22, UNIVERSITY, 500_000_000, date(2024, 4, 20), MUDS),
        # pieces of one job whose sum stays under the threshold
        _agreement(30, STRANGER, 400_000_000, date(2024, 5, 1), WATER), _agreement(31, STRANGER, 450_000_000, date(2024, 5, 2), WATER_LAB),
        # the yearly agreements of a continuing project: a year apart
        _agreement(40, SISTER, 900_000_000, date(2023, 2, 1), WATER, project=9), _agreement(41, SISTER, 900_000_000, date(2024, 2, 12), WATER, project=9),
        # the same job with two different performers that are not of one group (NK-29's question, not NK-27's)
        _agreement(50, DIRECTOR_CO, 950_000_000, date(2024, 9, 1), CUTTINGS, payer=OTHER_PAYER), _agreement(51, STRANGER, 950_000_000, date(2024, 9, 2), CUTTINGS, payer=OTHER_PAYER),
    ], stages=[
        {"stage_id": 1, "agreement_id": 1, "number": 1, "amount": 1_000_000_000}, {"stage_id": 2, "agreement_id": 1, "number": 2, "amount": 1_000_000_000},
    ])
    assert _flags(out) == set() and len(out) == 15


def test_nk27_cannot_judge_an_agreement_without_amount_date_or_performer():
    out = _run(NK27, agreements=[
        _agreement(1, INSTITUTE, None, date(2024, 3, 5), WATER), _agreement(2, INSTITUTE, 950_000_000, None, WATER),
        _agreement(3, None, 950_000_000, date(2024, 3, 5), WATER), _agreement(4, INSTITUTE, 950_000_000, date(2024, 3, 6), WATER),
    ])
    assert _status(out) == {1: ("not_computable", "no_amount"), 2: ("not_computable", "no_signing_date"), 3: ("not_computable", "performer_unknown"), 4: ("clear", None)}


def test_nk27_thresholds_move_the_line():
    agreements = [_agreement(1, INSTITUTE, 600_000_000, date(2024, 3, 5), WATER), _agreement(2, INSTITUTE, 500_000_000, date(2024, 3, 26), WATER_REWORDED)]
    assert _flags(_run(NK27, agreements=agreements)) == {1, 2}
    assert _flags(_run(NK27, agreements=agreements, overrides={"approval_threshold_tiyn": 2_000_000_000})) == set()
    assert _flags(_run(NK27, agreements=agreements, overrides={"window_days": 14})) == set()
    assert _flags(_run(NK27, agreements=agreements, overrides={"subject_similarity": 0.95})) == set()


# -- NK-28 ----------------------------------------------------------------------------------------------------


def test_nk28_flags_payments_just_under_the_limit_on_the_same_or_nearby_days():
    out = _run(NK28, payments=[
        _payment(1, 980_000_000, date(2024, 3, 4)), _payment(2, 990_000_000, date(2024, 3, 4)), _payment(3, 970_000_000, date(2024, 3, 11)),
        _payment(4, 500_000_000, date(2024, 3, 4)),  # the same day, far under the limit: not a part
    ])
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("flagged", None), 4: ("clear", None)}
    evidence = _evidence(out, 3)
    assert (evidence["parts"], evidence["series_tiyn"], evidence["payment_limit_tiyn"], evidence["near_pct"]) == (3, 2_940_000_000, 1_000_000_000, 85.0)
    assert (evidence["first_part_on"], evidence["last_part_on"], evidence["payment_ids"]) == ("04.03.2024", "11.03.2024", [1, 2, 3])
    texts = _texts(NK28, out, 3)
    assert "Payment ПП-3 of ₸9,700,000.00 on 11 Mar 2024" in texts["en"] and "one of 3 payments to this performer" in texts["en"] and "₸29,400,000.00" in texts["en"]
    assert "No ПП-1 of" in texts["en"] and "₸9,800,000.00" in texts["en"] and "ТОО «НИИ Пласт» (BIN 070440005848)" in texts["en"]
    assert "Платёж ПП-3 на сумму " + nb("9 700 000,00 ₸") + " от 11.03.2024" in texts["ru"] and "один из 3 платежей этому исполнителю" in texts["ru"]
    assert "№ ПП-2 от 04.03.2024 — " + nb("9 900 000,00 ₸") in texts["ru"] and nb("10 000 000,00 ₸") in texts["ru"]
    assert "11.03.2024 күнгі" in texts["kk"] and "3 төлемнің бірі" in texts["kk"] and "04.03.2024 күнгі № ПП-1" in texts["kk"]


def test_nk28_stays_quiet_on_monthly_fees_stage_payments_and_single_payments():
    out = _run(NK28, payments=[
        # a monthly fee just under the limit under one agreement: a month apart
        *[_payment(10 + m, 950_000_000, date(2024, 1 + m, 15), agreement=2) for m in range(6)],
        # the stages of one signed plan paid on nearby days, each at its stage's amount
        _payment(20, 960_000_000, date(2024, 7, 1), agreement=3), _payment(21, 940_000_000, date(2024, 7, 3), agreement=3),
        # one payment just under the limit; two to different performers; two to one performer from different payers
        _payment(30, 990_000_000, date(2024, 8, 1)), _payment(31, 990_000_000, date(2024, 9, 2), performer=SISTER), _payment(32, 990_000_000, date(2024, 9, 2), performer=STRANGER),
        _payment(33, 990_000_000, date(2024, 10, 2), performer=UNIVERSITY), _payment(34, 990_000_000, date(2024, 10, 2), performer=UNIVERSITY, payer=OTHER_PAYER),
        # parts at or above the limit are no parts
        _payment(40, 1_000_000_000, date(2024, 11, 4)), _payment(41, 1_000_000_000, date(2024, 11, 4)),
    ], stages=[
        {"stage_id": 1, "agreement_id": 3, "number": 1, "amount": 960_000_000}, {"stage_id": 2, "agreement_id": 3, "number": 2, "amount": 940_000_000},
    ])
    assert _flags(out) == set() and len(out) == 15


def test_nk28_the_plan_explains_a_payment_by_its_act_too_and_the_limit_is_a_threshold():
    payments = [_payment(1, 960_000_000, date(2024, 7, 1), agreement=3), _payment(2, 940_000_000, date(2024, 7, 3), agreement=3)]
    assert _flags(_run(NK28, payments=payments)) == {1, 2}
    acts = [{"act_id": 1, "stage_id": 1, "agreement_id": 3, "number": "А-1", "signed_on": date(2024, 6, 28), "amount": 960_000_000}]
    assert _flags(_run(NK28, payments=payments, acts=acts)) == set()  # one part explained: a series of one
    assert _flags(_run(NK28, payments=payments, overrides={"payment_limit_tiyn": 2_000_000_000})) == set()
    assert _flags(_run(NK28, payments=payments, overrides={"payment_limit_tiyn": 1_100_000_000})) == {1, 2}  # 85–100 % of 11 M ₸
    assert _flags(_run(NK28, payments=payments, overrides={"window_days": 1})) == set()


def test_nk28_cannot_judge_a_payment_without_date_amount_or_performer():
    out = _run(NK28, payments=[_payment(1, 980_000_000, None), _payment(2, None, date(2024, 3, 4)), _payment(3, 980_000_000, date(2024, 3, 4), performer=None)])
    assert _status(out) == {1: ("not_computable", "no_payment_date"), 2: ("not_computable", "no_amount"), 3: ("not_computable", "performer_unknown")}


# -- NK-29 ----------------------------------------------------------------------------------------------------


def test_nk29_flags_one_job_given_to_two_performers_of_one_holding():
    out = _run(NK29, affiliations=OWNED, agreements=[
        _agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER), _agreement(2, SISTER, 960_000_000, date(2024, 3, 7), WATER_LAB),
        _agreement(3, STRANGER, 940_000_000, date(2024, 3, 6), WATER_REWORDED),  # the same job, a performer outside the group
    ])
    assert _status(out) == {1: ("flagged", None), 2: ("flagged", None), 3: ("clear", None)}
    evidence = _evidence(out, 2)
    assert (evidence["pieces"], evidence["combined_tiyn"], evidence["group_bins"]) == (2, 1_910_000_000, [BINS[INSTITUTE], BINS[SISTER]])
    assert evidence["path_en"] == f"{BINS[SISTER]} — is owned by — {BINS[HOLDING]} — owns — {BINS[INSTITUTE]}" and evidence["hops"] == 2
    assert _evidence(out, 1)["path_ru"] == f"{BINS[INSTITUTE]} — принадлежит — {BINS[HOLDING]} — владеет — {BINS[SISTER]}"
    texts = _texts(NK29, out, 2)
    assert "Agreement НИОКР-24/02 of 7 Mar 2024 for ₸9,600,000.00" in texts["en"] and "one of 2 agreements with performers of one group" in texts["en"]
    assert "ТОО «Пласт Инжиниринг» (BIN 180340000104) — is owned by — BIN 990940001234 — owns — ТОО «НИИ Пласт» (BIN 070440005848)" in texts["en"]
    assert "один из 2 договоров с исполнителями одной группы" in texts["ru"] and "— принадлежит —" in texts["ru"] and nb("19 100 000,00 ₸") in texts["ru"]
    assert "бір топтың орындаушыларымен" in texts["kk"] and "— тиесілі —" in texts["kk"] and "05.03.2024 күнгі № НИОКР-24/01" in texts["kk"]


def test_nk29_follows_a_common_director_and_gathers_the_pieces_of_each_performer():
    director = [{"source_id": INSTITUTE, "target_id": DIRECTOR_CO, "kind": "common_director", "valid_from": date(2020, 1, 1), "valid_to": None, "share": None}]
    out = _run(NK29, affiliations=director, agreements=[
        _agreement(1, INSTITUTE, 300_000_000, date(2024, 3, 5), WATER), _agreement(2, INSTITUTE, 300_000_000, date(2024, 3, 5), WATER_LAB),
        _agreement(3, DIRECTOR_CO, 500_000_000, date(2024, 4, 1), WATER_REWORDED),
    ])
    assert _flags(out) == {1, 2, 3} and _evidence(out, 1)["pieces"] == 3 and _evidence(out, 3)["hops"] == 1
    assert _evidence(out, 2)["path_en"] == f"{BINS[INSTITUTE]} — shares a director with — {BINS[DIRECTOR_CO]}"


def test_nk29_stays_quiet_without_a_group_on_the_day_or_with_one_performer():
    agreements = [_agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER), _agreement(2, SISTER, 960_000_000, date(2024, 3, 7), WATER_LAB)]
    ended = [{**edge, "valid_to": date(2023, 12, 31)} for edge in OWNED]
    assert _flags(_run(NK29, affiliations=[], agreements=agreements)) == set()
    assert _flags(_run(NK29, affiliations=ended, agreements=agreements)) == set()
    small = [{**OWNED[0]}, {**OWNED[1], "share": 5.0}]  # a 5 % stake makes no group
    assert _flags(_run(NK29, affiliations=small, agreements=agreements)) == set()
    one_performer = [_agreement(1, INSTITUTE, 950_000_000, date(2024, 3, 5), WATER), _agreement(2, INSTITUTE, 960_000_000, date(2024, 3, 7), WATER_LAB)]
    assert _flags(_run(NK29, affiliations=OWNED, agreements=one_performer)) == set()  # NK-27's case
    unrelated = [_agreement(1, INSTITUTE, 400_000_000, date(2024, 3, 5), CATALYST), _agreement(2, SISTER, 700_000_000, date(2024, 3, 7), MUDS)]
    assert _flags(_run(NK29, affiliations=OWNED, agreements=unrelated)) == set()  # a holding's two companies, two jobs


def test_nk29_cannot_judge_an_agreement_without_an_amount():
    out = _run(NK29, affiliations=OWNED, agreements=[_agreement(1, INSTITUTE, None, date(2024, 3, 5), WATER), _agreement(2, SISTER, 960_000_000, date(2024, 3, 7), WATER_LAB)])
    assert _status(out) == {1: ("not_computable", "no_amount"), 2: ("clear", None)}
    assert evaluate(NK29, Frames.build(AS_OF, agreements=[])).rows() == [(None, None, None, "not_computable", "frame_missing:affiliations", None, None)]


# -- properties ------------------------------------------------------------------------------------------------

SUBJECTS = (WATER, WATER_REWORDED, WATER_LAB, SEISMIC, CATALYST, CUTTINGS, MUDS, "")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(
    st.sampled_from([INSTITUTE, SISTER, STRANGER, None]), st.one_of(st.none(), st.integers(50, 1_500).map(lambda m: m * 1_000_000)),
    st.integers(0, 200), st.sampled_from(SUBJECTS), st.sampled_from([None, 1, 2]), st.sampled_from([PAYER, OTHER_PAYER]),
), max_size=14))
def test_every_agreement_is_judged_once_and_every_flagged_group_is_a_split(rows):
    agreements = [
        _agreement(i + 1, performer, amount, date(2024, 1, 1) + timedelta(days=offset), subject, project=project, payer=payer)
        for i, (performer, amount, offset, subject, project, payer) in enumerate(rows)
    ]
    for indicator in (NK27, NK29):
        out = _run(indicator, agreements=agreements, affiliations=OWNED)
        assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
        by_id = {a["agreement_id"]: a for a in agreements}
        for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
            evidence = json.loads(r["evidence"])
            pieces = [by_id[i] for i in evidence["agreement_ids"]]
            assert all(p["amount"] < evidence["approval_threshold_tiyn"] for p in pieces) and sum(p["amount"] for p in pieces) == evidence["combined_tiyn"] >= evidence["approval_threshold_tiyn"]
            assert len({p["payer_id"] for p in pieces}) == 1 and r["amount"] == by_id[r["subject_id"]]["amount"]
            performers = {p["performer_id"] for p in pieces}
            assert len(performers) == 1 if indicator is NK27 else len(performers) >= 2
            assert all(explain(indicator, r["evidence"], lang) for lang in LANGUAGES)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(800, 1_050).map(lambda m: m * 1_000_000), st.integers(0, 60), st.sampled_from([INSTITUTE, SISTER])), max_size=12))
def test_every_payment_is_judged_once_and_every_part_is_just_under_the_limit(rows):
    payments = [_payment(i + 1, amount, date(2024, 3, 1) + timedelta(days=offset), performer=performer) for i, (amount, offset, performer) in enumerate(rows)]
    out = _run(NK28, payments=payments)
    assert sorted(out["subject_id"].to_list()) == list(range(1, len(rows) + 1))
    for r in out.filter(pl.col("status") == "flagged").iter_rows(named=True):
        assert 850_000_000 <= r["amount"] < 1_000_000_000 and json.loads(r["evidence"])["parts"] >= 2


# -- the module as catalogue entries -----------------------------------------------------------------------------


def test_the_entries_are_complete_in_three_languages_and_registered():
    codes = {i.code: i for i in catalogue()}
    for indicator, truth in ((NK27, "split_agreements"), (NK28, "split_payments"), (NK29, "split_across_group")):
        assert codes[indicator.code] is indicator and indicator.truth_codes == (truth,) and indicator.subject_type in SUBJECT_TYPES
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == set(LANGUAGES) and all(texts[lang].strip() for lang in LANGUAGES)
            assert set("әғқңөұүһі") & set(texts["kk"]) and re.search("[а-яё]", texts["ru"])
        fields = {lang: {n.removesuffix(f"_{lang}") for _t, n, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if n} for lang in LANGUAGES}
        assert fields["kk"] == fields["ru"] == fields["en"], indicator.code
        for t in indicator.thresholds:
            assert set("әғқңөұүһі") & set(t.describe("kk")) and re.search("[а-яё]", t.describe("ru")) and not re.search("[а-яё]", t.describe("en"))


def test_the_module_imports_only_what_the_engine_may():
    tree = ast.parse(Path(splitting.__file__).read_text(encoding="utf-8"))
    allowed = {"polars", "numpy", "scipy", "__future__", "collections", "dataclasses", "typing", "json", "re", "datetime", "threading"}
    for node in ast.walk(tree):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for module in modules:
            assert module.split(".")[0] in allowed or module.startswith("niokr.control.indicators"), module


def test_the_scenarios_fire():
    for code, frames in frames_that_fire().items():
        indicator = {i.code: i for i in splitting.INDICATORS}[code]
        assert _flags(evaluate(indicator, frames)), code
