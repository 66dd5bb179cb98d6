"""The aggregate and pattern indicators as a family: catalogue entries, texts, layering, laws.

Each indicator's own cases (fires, does not fire, cannot be computed, explanation) are in
``test_agg_spending.py``, ``test_agg_obligations.py`` and ``test_agg_projects.py``; the helpers
they share are defined here.
"""

from __future__ import annotations

import ast
import json
import re
import string
import time
from datetime import date
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from niokr.control.indicators import aggregates
from niokr.control.indicators.base import LANGUAGES, OUTCOME_SCHEMA, STATUSES, SUBJECT_TYPES, Frames, Indicator, evaluate, explain

AS_OF = date(2026, 11, 28)
BY_CODE = {indicator.code: indicator for indicator in aggregates.INDICATORS}
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
INDICATOR_DIR = Path(aggregates.__file__).parent
MODULES = ("aggregates.py", "agg_common.py", "agg_spending.py", "agg_obligations.py", "agg_projects.py")


# -- helpers shared by the test_agg_* files --------------------------------------------------------


def run(code: str, frames: Frames, **overrides) -> pl.DataFrame:
    """The outcome of indicator ``code`` over ``frames`` (thresholds overridden by keyword)."""
    return evaluate(BY_CODE[code], frames, overrides or None)


def row(out: pl.DataFrame, subject_id: int, year: int | None = None) -> dict:
    """The one outcome row of a subject."""
    found = out.filter((pl.col("subject_id") == subject_id) & (pl.col("year") == year if year is not None else pl.lit(True)))
    assert found.height == 1, f"expected one row for {subject_id}/{year}, got {found.height}"
    return found.row(0, named=True)


def sentences(code: str, evidence: str) -> dict[str, str]:
    """The explanation of ``evidence`` in every language."""
    return {lang: explain(BY_CODE[code], evidence, lang) for lang in LANGUAGES}


def nb(money: str) -> str:
    """A money or percentage string as Kazakh and Russian explanations print it: narrow no-break spaces between groups, a no-break space before ₸ and %."""
    return re.sub(r"(?<=\d) (?=\d)", "\u202f", money).replace(" ₸", "\u00a0₸").replace(" %", "\u00a0%")


def org(org_id: int, bin_: str, *, kind: str = "company", registered_on: date = date(2010, 1, 1), name: str = "ТОО «Тест»") -> dict:
    return {"org_id": org_id, "bin": bin_, "kind": kind, "registered_on": registered_on, "name": name}


# -- the catalogue entries -------------------------------------------------------------------------


def test_the_family_holds_nk08_to_nk19_and_nk21_once_each():
    codes = [indicator.code for indicator in aggregates.INDICATORS]
    assert codes == [f"NK-{n:02d}" for n in range(8, 20)] + ["NK-21"]


def test_weights_are_the_agreed_severities():
    weights = {indicator.code: indicator.weight for indicator in aggregates.INDICATORS}
    assert weights == {
        "NK-08": 40, "NK-09": 30, "NK-10": 45, "NK-11": 25, "NK-12": 70, "NK-13": 75, "NK-14": 80,
        "NK-15": 50, "NK-16": 35, "NK-17": 60, "NK-18": 40, "NK-19": 35, "NK-21": 70,
    }


def test_labelled_indicators_name_the_generator_codes_they_are_scored_on():
    codes = {indicator.code: indicator.truth_codes for indicator in aggregates.INDICATORS if indicator.truth_codes}
    assert codes == {
        "NK-08": ("december_dump",), "NK-12": ("shortfall",), "NK-14": ("missing_transfer",), "NK-15": ("base_drop", "base_revised_down"),
        "NK-21": ("missing_base",), "NK-16": ("agreement_without_programme",), "NK-18": ("completed_without_delivery",),
    }


def test_every_entry_is_complete_in_three_languages():
    for indicator in aggregates.INDICATORS:
        assert indicator.version >= 1 and indicator.subject_type in SUBJECT_TYPES and 1 <= indicator.weight <= 100
        assert indicator.needs, indicator.code
        for texts in (indicator.title, indicator.rationale, indicator.legal_basis, indicator.explanation):
            assert set(texts) == set(LANGUAGES), indicator.code
            assert all(texts[lang].strip() for lang in LANGUAGES), indicator.code
            assert KAZAKH_LETTERS & set(texts["kk"]), f"{indicator.code}: the Kazakh text uses no Kazakh letter"
            assert re.search("[а-яё]", texts["ru"]), indicator.code
        for threshold in indicator.thresholds:
            assert threshold.default is not None, (indicator.code, threshold.name)
            assert all(threshold.describe(lang).strip() for lang in LANGUAGES), (indicator.code, threshold.name)
            assert KAZAKH_LETTERS & set(threshold.describe("kk")) and re.search("[а-яё]", threshold.describe("ru")), (indicator.code, threshold.name)


def test_the_three_explanations_of_an_indicator_use_the_same_placeholders():
    for indicator in aggregates.INDICATORS:
        fields = {lang: {name.removesuffix(f"_{lang}") for _t, name, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if name} for lang in LANGUAGES}
        assert fields["kk"] == fields["ru"] == fields["en"], indicator.code


def test_an_unknown_threshold_is_refused():
    frames = Frames.build(AS_OF, payments=[])
    try:
        run("NK-08", frames, december_share_typo=0.6)
    except KeyError as error:
        assert "december_share_typo" in str(error)
    else:
        raise AssertionError("an unknown threshold was accepted")


def test_a_missing_frame_makes_the_whole_indicator_not_computable():
    empty = Frames.build(AS_OF)
    for indicator in aggregates.INDICATORS:
        out = evaluate(indicator, empty)
        assert out.rows() == [(None, None, None, "not_computable", f"frame_missing:{indicator.needs[0]}", None, None)]


def test_the_engine_imports_nothing_but_polars_the_standard_library_and_itself():
    for name in MODULES:
        tree = ast.parse((INDICATOR_DIR / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            for module in modules:
                top = module.split(".")[0]
                assert top in {"polars", "__future__", "collections", "datetime", "typing", "math"} or module.startswith("niokr.control.indicators"), (name, module)


# -- laws of every indicator over random small countries -------------------------------------------

PAYERS, PERFORMERS, RIGHTS = (1, 2, 3), (11, 12, 13, 14), (101, 102, 103)
KINDS = ("company", "research_institute", "aggregator")


@st.composite
def countries(draw) -> dict:
    """Small random inputs of every frame, with repeated and missing values where they may occur."""
    day = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 3, 1))
    money = st.integers(min_value=-1_000_00, max_value=90_000_000_000)
    orgs = [org(i, f"{i:012d}", kind=draw(st.sampled_from(KINDS)) if i in PERFORMERS else "subsoil_user", registered_on=draw(day)) for i in (*PAYERS, *PERFORMERS)]
    agreements = [
        {
            "agreement_id": i, "payer_id": draw(st.sampled_from(PAYERS + PERFORMERS)), "performer_id": draw(st.sampled_from(PERFORMERS)),
            "number": f"A-{i}", "signed_on": draw(st.none() | day), "amount": draw(st.none() | money),
            "project_id": draw(st.sampled_from([None, 1, 2, 3, 4, 5, 6])), "priority_direction": draw(st.sampled_from(["greentech", "other", ""])),
            "subject": draw(st.sampled_from(["", "Исследование", "  "])),
        }
        for i in range(1, draw(st.integers(0, 14)) + 1)
    ]
    projects = [
        {
            "project_id": i, "performer_id": draw(st.sampled_from(PERFORMERS)), "priority_direction": draw(st.sampled_from(["greentech", "other"])),
            "trl_start": draw(st.none() | st.integers(1, 9)), "trl_target": draw(st.integers(1, 9)), "trl_reached": draw(st.none() | st.integers(1, 9)),
            "start_date": date(2020, 1, 1), "end_date": draw(day), "status": draw(st.sampled_from(["completed", "in_progress", "cancelled"])),
            "acceptance_act": draw(st.none() | st.booleans()),
        }
        for i in range(1, 6)
    ]
    paid = [draw(day) for _ in range(draw(st.integers(0, 40)))]
    payments = [
        {
            "payment_id": i, "agreement_id": draw(st.integers(1, 14)), "right_id": draw(st.sampled_from(RIGHTS)), "payer_id": draw(st.sampled_from(PAYERS)),
            "performer_id": draw(st.sampled_from(PERFORMERS)), "paid_on": paid_on, "amount": draw(money), "document_number": f"D-{i}",
            "year": paid_on.year - draw(st.sampled_from([0, 0, 0, 1])),  # now and then a line paid early next year for the year before
        }
        for i, paid_on in enumerate(paid, start=1)
    ]
    statuses = st.sampled_from(["fulfilled", "partly", "unfulfilled", "base_missing", "not_due", "no_obligation"])
    right_years = [
        {
            "right_id": right, "payer_id": PAYERS[RIGHTS.index(right)], "year": year, "regime_code": "R", "channel": draw(st.sampled_from(["direct", "budget"])),
            "base_type": draw(st.sampled_from(["aggregate_income", "production_costs"])), "base_year": year - 1, "base_amount": draw(st.none() | money),
            "obligation": draw(st.none() | money), "fulfilled": draw(money), "credit_in": draw(st.none() | money), "arrears": draw(st.none() | money),
            "status": draw(statuses),
        }
        for right in RIGHTS for year in range(2022, 2027) if draw(st.booleans())
    ]
    base_figures = [
        {"right_id": right, "payer_id": PAYERS[RIGHTS.index(right)], "year": year, "base_type": base_type, "amount": draw(money), "note": draw(st.sampled_from(["", "Остановка добычи"]))}
        for right in RIGHTS for year in range(2020, 2026) for base_type in ("aggregate_income", "production_costs") if draw(st.booleans())
    ]
    transfers = [
        {
            "transfer_id": i, "payer_id": draw(st.sampled_from(PAYERS)), "right_id": draw(st.sampled_from(RIGHTS)), "order_number": f"ПП-{draw(st.integers(1, 6))}",
            "paid_on": draw(day), "amount": draw(st.integers(1, 10_000_000)), "year": draw(st.integers(2025, 2026)), "treasury_confirmed": draw(st.none() | st.booleans()),
        }
        for i in range(1, draw(st.integers(0, 10)) + 1)
    ]
    return {
        "organisations": orgs, "agreements": agreements, "projects": projects, "payments": payments,
        "right_years": right_years, "base_figures": base_figures, "transfers": transfers,
    }


def _subject_keys(out: pl.DataFrame) -> list[tuple]:
    return sorted(out.select("subject_id", "year").rows(), key=lambda k: (k[0] is None, k[0], k[1] is None, k[1]))


def _expected_scope(indicator: Indicator, data: dict) -> set[tuple] | None:
    """The subjects an indicator must list, where its scope is fixed by the input alone."""
    if indicator.code in ("NK-08", "NK-09", "NK-11"):
        return {(p["payer_id"], p["year"]) for p in data["payments"]}
    if indicator.code in ("NK-10", "NK-16", "NK-19"):
        return {(a["agreement_id"], None) for a in data["agreements"]}
    if indicator.code in ("NK-12", "NK-15", "NK-21"):
        return {(r["right_id"], r["year"]) for r in data["right_years"]}
    if indicator.code == "NK-14":
        return {(r["right_id"], r["year"]) for r in data["right_years"] if r["channel"] == "budget"}
    if indicator.code == "NK-13":
        return {(t["right_id"], t["year"]) for t in data["transfers"]}
    return None


#: Thresholds low enough for small random countries to reach every branch (defaults are run too).
LOOSE = {
    "NK-08": {"min_lines": 1, "min_total_tiyn": 1, "december_share": 0.3},
    "NK-09": {"window_years": 2, "min_total_tiyn": 1, "performer_share": 0.5},
    "NK-11": {"min_lines": 2, "benford_min_lines": 4, "benford_min_decades": 0.5, "chi2_limit": 5.0, "round_unit_tiyn": 1000},
    "NK-17": {"window_days": 700, "min_onward_share": 0.9},
    "NK-19": {"min_peers": 2, "z_limit": 0.5},
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=countries(), seed=st.randoms(use_true_random=False), loose=st.booleans())
def test_every_indicator_lists_each_subject_once_with_a_valid_judgement_whatever_the_row_order(data, seed, loose):
    frames = Frames.build(AS_OF, **data)
    shuffled = Frames.build(AS_OF, **{name: seed.sample(rows, len(rows)) for name, rows in data.items()})
    for indicator in aggregates.INDICATORS:
        overrides = LOOSE.get(indicator.code) if loose else None
        out = evaluate(indicator, frames, overrides)
        assert out.schema == OUTCOME_SCHEMA
        keys = _subject_keys(out)
        assert len(keys) == len(set(keys)), f"{indicator.code}: a subject is listed twice"
        expected = _expected_scope(indicator, data)
        if expected is not None:
            assert set(keys) == expected, indicator.code
        for status, reason, evidence_text, _amount in out.select("status", "reason", "evidence", "amount").rows():
            assert status in STATUSES
            assert (reason is not None) == (status == "not_computable"), indicator.code
            assert (evidence_text is not None) == (status == "flagged"), indicator.code
            if evidence_text is not None:
                assert isinstance(json.loads(evidence_text), dict)
                for lang in LANGUAGES:
                    assert explain(indicator, evidence_text, lang)
        again = evaluate(indicator, shuffled, overrides)
        order = ["subject_id", "year"]
        assert out.sort(order, nulls_last=True).equals(again.sort(order, nulls_last=True)), f"{indicator.code} depends on row order"


def test_the_payer_year_indicators_stay_fast_on_a_tenth_of_the_country():
    n = 150_000
    i = pl.col("i")
    payments = pl.DataFrame({"i": pl.int_range(0, n, eager=True)}).select(
        i.alias("payment_id"), (i // 25).alias("agreement_id"), (i % 600).alias("right_id"), (i % 300).alias("payer_id"),
        ((i * 7) % 500 + 1000).alias("performer_id"), pl.date(2015 + i % 11, 1 + i % 12, 1 + i % 28).alias("paid_on"),
        ((i * 7919) % 90_000_000 + 100_000).alias("amount"), (2015 + i % 11).cast(pl.Int32).alias("year"),
    )
    frames = Frames.build(AS_OF, payments=payments)
    for code in ("NK-08", "NK-09", "NK-11"):
        started = time.perf_counter()
        out = run(code, frames)
        assert time.perf_counter() - started < 2.0, code
        assert out.height == 300 * 11
