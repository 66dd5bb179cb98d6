"""The runner: extraction into frames, writing flags, coverage and scores, runs that supersede."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from niokr.control import runner
from niokr.control.extract import extract_frames
from niokr.control.indicators.base import Indicator, Threshold
from niokr.control.models import ControlRun, Coverage, CoverageGap, Flag, RiskScore
from niokr.core.models import AuditEvent
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db
T = {"kk": "t", "ru": "t", "en": "t"}


def _big_payments(frames, params):
    """Flags payments of at least ``min_amount``; payments without purpose are not computable."""
    p = frames["payments"]
    return p.select(
        pl.col("payment_id").alias("subject_id"), "payer_id",
        pl.when(pl.col("purpose") == "").then(pl.lit("not_computable")).when(pl.col("amount") >= params["min_amount"]).then(pl.lit("flagged")).otherwise(pl.lit("clear")).alias("status"),
        pl.when(pl.col("purpose") == "").then(pl.lit("no_purpose")).alias("reason"),
        pl.when(pl.col("amount") >= params["min_amount"]).then(pl.struct(pl.col("document_number"), pl.col("amount").alias("amount_tiyn")).struct.json_encode()).alias("evidence"),
        pl.when(pl.col("amount") >= params["min_amount"]).then(pl.col("amount")).alias("amount"),
    )


def _year_flag(frames, params):
    r = frames["right_years"]
    return r.select(pl.col("payer_id").alias("subject_id"), "year", "payer_id", pl.lit("flagged").alias("status"), pl.lit('{"why": "test"}').alias("evidence")).unique(["subject_id", "year"])


FAKE = (
    Indicator("NK-90", 1, "payment", 60, T, T, T, {"kk": "{document_number}", "ru": "{document_number}", "en": "{document_number}"}, ("payments",), _big_payments, (Threshold("min_amount", 5_000_000, "tiyn"),)),
    Indicator("NK-91", 2, "payer_year", 40, T, T, T, T, ("right_years",), _year_flag),
    Indicator("NK-92", 1, "payment", 10, T, T, T, T, ("missing_frame",), _big_payments),
)


@pytest.fixture
def fake_catalogue(monkeypatch):
    monkeypatch.setattr(runner, "catalogue", lambda: FAKE)


def test_extraction_reads_every_frame(audited):
    other_agreement = Agreement.objects.create(
        payer=audited.other, performer=audited.institute, number="X-1", signed_on=date(2025, 1, 1), subject="s", amount=Decimal("60000.00"),
        period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), priority_direction="other",
    )
    other_right = audited.other.rights.get()
    # The other payer repeats the first payment (same performer, document, date and amount), and makes one of its own.
    Payment.objects.create(agreement=other_agreement, right=other_right, paid_on=date(2025, 3, 1), amount=Decimal("60000.00"), purpose="НИР", document_number="PP-1")
    Payment.objects.create(agreement=other_agreement, right=other_right, paid_on=date(2025, 4, 1), amount=Decimal("1.00"), purpose="НИР", document_number="PP-9")
    frames = extract_frames(as_of=date(2026, 11, 20))
    p = frames["payments"].sort("payment_id")
    assert p.height == 4
    first = p.row(0, named=True)
    assert first["amount"] == 6_000_000 and first["payer_id"] == audited.company.pk and first["performer_id"] == audited.institute.pk
    assert first["year"] == 2025 and first["regime_code"] == "CODE2017_COSTS" and first["requires_accreditation"] is False
    assert frames["right_years"].filter(pl.col("right_id") == audited.right.pk, pl.col("year") == 2025).row(0, named=True)["obligation"] == 10_000_000
    assert frames["organisations"].height >= 5 and frames["attributes"].height >= 1
    assert frames["base_figures"].row(0, named=True)["note"] == ""
    alone = extract_frames(as_of=date(2026, 11, 20), payer_id=audited.company.pk)["payments"]
    assert sorted(alone["document_number"].to_list()) == ["PP-1", "PP-1", "PP-2"]  # its own two, and the other payer's repeat
    for name, frame in frames.frames.items():
        assert frame.height == 0 or frame.columns, name


def test_a_run_writes_flags_coverage_gaps_and_scores(audited, fake_catalogue):
    Payment.objects.filter(pk=audited.payments[0].pk).update(purpose="")
    run = runner.run_control(as_of=date(2026, 11, 20), actor=audited.auditor)
    assert run.status == "completed" and run.started_by == "auditor-1" and set(run.phases) == {"extract", "evaluate", "write"}
    assert run.catalogue == {"NK-90": 1, "NK-91": 2, "NK-92": 1}
    assert run.parameters["NK-90"] == {"min_amount": 5_000_000}
    flags = Flag.objects.filter(run=run)
    big = flags.get(indicator="NK-90")
    assert (big.subject_id, big.amount, big.year, big.payer_id) == (audited.payments[1].pk, Decimal("50000.00"), 2025, audited.company.pk)
    assert big.evidence == {"document_number": "PP-2", "amount_tiyn": 5_000_000}
    assert run.counts["NK-90"] == {"flagged": 1, "clear": 0, "not_computable": 1, "subjects": 2}
    gap = CoverageGap.objects.get(run=run, indicator="NK-90")
    assert (gap.subject_id, gap.reason) == (audited.payments[0].pk, "no_purpose")
    assert CoverageGap.objects.get(run=run, indicator="NK-92").reason == "frame_missing:missing_frame"
    assert Coverage.objects.get(run=run, indicator="NK-90", payer=audited.company).flagged == 1
    year_score = RiskScore.objects.get(run=run, subject_type="payer_year", subject_id=audited.company.pk, year=2025)
    contributions = json.loads(year_score.contributions) if isinstance(year_score.contributions, str) else year_score.contributions
    assert {c["indicator"] for c in contributions} == {"NK-90", "NK-91"}
    assert RiskScore.objects.get(run=run, subject_type="payment", subject_id=audited.payments[1].pk).score == 60
    # Too few subjects to call a threshold loose.
    assert run.warnings == []
    assert AuditEvent.objects.filter(action="control_run", object_id=str(run.pk)).exists()


def test_an_indicator_flagging_too_many_subjects_is_reported(audited, fake_catalogue, monkeypatch):
    monkeypatch.setattr(runner, "LOOSE_MIN_SUBJECTS", 1)
    run = runner.run_control(as_of=date(2026, 11, 20))
    assert {w["indicator"] for w in run.warnings} == {"NK-90", "NK-91"}
    assert next(w for w in run.warnings if w["indicator"] == "NK-90") == {"indicator": "NK-90", "share": 1.0, "limit": 0.1}


def test_thresholds_come_from_configuration(audited, fake_catalogue, settings):
    settings.NIOKR_CONTROL_THRESHOLDS = {"NK-90": {"min_amount": 1}}
    run = runner.run_control(as_of=date(2026, 11, 20))
    assert run.parameters["NK-90"] == {"min_amount": 1}
    assert Flag.objects.filter(run=run, indicator="NK-90").count() == 2


def test_runs_supersede_and_a_company_run_overrides_the_national_one(audited, fake_catalogue):
    first = runner.run_control(as_of=date(2026, 11, 20))
    second = runner.run_control(as_of=date(2026, 11, 21))
    assert not Flag.objects.filter(run=first).exists() and Flag.objects.filter(run=second).exists()
    assert ControlRun.objects.filter(pk=first.pk).exists()  # the run row stays as history
    alone = runner.run_control(payer=audited.company, as_of=date(2026, 11, 22))
    assert set(Flag.objects.filter(run=alone).values_list("payer_id", flat=True)) == {audited.company.pk}
    current = Flag.objects.current()
    assert set(current.values_list("run_id", flat=True)) == {alone.pk}  # the national run had flags of this company only
    assert Flag.objects.filter(run=second).exists()  # a company run keeps the national detail of everyone else


def test_a_failed_run_is_recorded(audited, monkeypatch):
    def broken(frames, params):
        raise RuntimeError("boom")

    monkeypatch.setattr(runner, "catalogue", lambda: (Indicator("NK-99", 1, "payment", 1, T, T, T, T, ("payments",), broken),))
    with pytest.raises(RuntimeError):
        runner.run_control(as_of=date(2026, 11, 20))
    run = ControlRun.objects.order_by("-id").first()
    assert run.status == "failed" and "boom" in run.error and not Flag.objects.filter(run=run).exists()


@pytest.mark.django_db(transaction=True)
def test_reads_in_parallel_give_the_same_frames(build, monkeypatch):
    """On PostgreSQL outside a transaction the reads run in threads; the frames are those of one connection."""
    from niokr.control import extract

    company = build.org(name="ТОО «Параллель»")
    institute = build.org(kind="research_institute", name="НИИ", kazakhstani_supplier=(date(2010, 1, 1), None))
    right = build.right(company, number="HC-PAR-1")
    agreement = Agreement.objects.create(
        payer=company, performer=institute, number="N-1", signed_on=date(2024, 1, 1), subject="s", amount=Decimal("10.00"),
        period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), priority_direction="other",
    )
    for n in range(5):
        Payment.objects.create(agreement=agreement, right=right, paid_on=date(2024, 2, n + 1), amount=Decimal("1.00"), purpose="НИР", document_number=f"D-{n}")
    threaded = extract.extract_frames(as_of=date(2026, 11, 20), payer_id=company.pk)
    monkeypatch.setattr(extract, "_read_all", lambda reads: {name: read() for name, read in reads.items()})
    serial = extract.extract_frames(as_of=date(2026, 11, 20), payer_id=company.pk)
    for name in serial.frames:
        assert threaded[name].sort(threaded[name].columns[0]).equals(serial[name].sort(serial[name].columns[0])), name
    assert threaded["payments"].height == 5


def test_payments_of_a_superseded_report_are_not_read(audited):
    from niokr.intake.models import Submission

    old = Submission.objects.create(organisation=audited.company, kind="spending", period_year=2025, filename="a.csv", sha256="a" * 64, size=1, status="superseded", created_by="x")
    new = Submission.objects.create(organisation=audited.company, kind="spending", period_year=2025, filename="b.csv", sha256="b" * 64, size=1, status="committed", created_by="x")
    Payment.objects.filter(pk=audited.payments[0].pk).update(source_submission=old.pk)
    Payment.objects.filter(pk=audited.payments[1].pk).update(source_submission=new.pk)
    for payer_id in (None, audited.company.pk):
        ids = extract_frames(as_of=date(2026, 11, 20), payer_id=payer_id)["payments"]["payment_id"].to_list()
        assert ids == [audited.payments[1].pk]


def test_a_company_run_reads_the_other_payers_payments_nk06_may_join_to_its_own(audited, monkeypatch):
    """Read: another payer's copy (same day, number and amount), an order claimed in parts by two
    payers, and that payer's own retyped copy of its copy; not read: the same performer's other payments that week."""
    other_agreement = Agreement.objects.create(
        payer=audited.other, performer=audited.institute, number="X-1", signed_on=date(2025, 1, 1), subject="s", amount=Decimal("900000.00"),
        period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), priority_direction="other",
    )
    right = audited.other.rights.get()

    def pay(day, amount, number, agreement=other_agreement, right=right):
        return Payment.objects.create(agreement=agreement, right=right, paid_on=day, amount=Decimal(amount), purpose="Оплата НИР, этап 1", document_number=number).pk

    copy = pay(date(2025, 3, 1), "60000.00", "пп 0001")  # PP-1 of the company, written another way
    retyped = pay(date(2025, 3, 4), "60000.00", "ПП-77")  # the other payer's copy of its copy (same agreement and amount)
    whole = pay(date(2025, 3, 3), "70000.00", "ПП-700", agreement=audited.agreement, right=audited.right)
    parts = [pay(date(2025, 3, 5), "40000.00", "700/1"), pay(date(2025, 3, 6), "30000.00", "700/2")]
    # The same day as PP-1 under the number of the company's PP-2 (paid in June); another amount; the week of PP-2.
    unrelated = [pay(date(2025, 3, 1), "59000.00", "ПП-2"), pay(date(2025, 3, 2), "61000.00", "ПП-5"), pay(date(2025, 6, 2), "1.00", "ПП-99")]
    national = runner.evaluate_frames(extract_frames(as_of=date(2026, 11, 20)), payer_id=audited.company.pk)
    frames = extract_frames(as_of=date(2026, 11, 20), payer_id=audited.company.pk)
    ids = set(frames["payments"]["payment_id"].to_list())
    assert ids == {*(p.pk for p in audited.payments), whole, copy, retyped, *parts}
    assert not ids & set(unrelated)
    from niokr.control.indicators import purpose

    classified, classify = [], purpose.classify
    monkeypatch.setattr(purpose, "classify", lambda texts, **kw: classified.append(texts.len()) or classify(texts, **kw))
    alone = runner.evaluate_frames(frames, payer_id=audited.company.pk)
    assert classified == [3]  # NK-07 reads the company's own three purposes only
    found = alone.flags.filter(pl.col("indicator") == "NK-06").sort("subject_id")
    assert found["subject_id"].to_list() == [audited.payments[0].pk, whole]
    columns = ["indicator", "subject_id", "status", "amount", "evidence"]
    assert alone.outcomes.select(columns).sort("indicator", "subject_id").equals(national.outcomes.select(columns).sort("indicator", "subject_id"))


def test_nk12_nets_out_the_findings_of_nk06_and_nk07_as_the_run_judged_them():
    """NK-12 in a run takes NK-06 and NK-07's amounts at stake from their outcomes, with their
    thresholds in force; with the defaults the same as NK-12 evaluated alone."""
    from niokr.control.indicators import catalogue, evaluate
    from niokr.control.indicators.base import Frames

    payer, right, performer = 1, 13, 40
    lines = [
        (1, "ПП-2210", 800_000_000, "Оплата НИР, этап 1", date(2024, 4, 2)),
        (2, "2210/24", 800_000_000, "Оплата НИР, этап 1", date(2024, 4, 2)),
        (3, "ПП-2300", 600_000_000, "Организация питания сотрудников в столовой", date(2024, 6, 2)),
        (4, "ПП-2400", 1_100_000_000, "Оплата НИР, этап 2", date(2024, 9, 2)),
    ]
    payments = [
        {"payment_id": n, "agreement_id": 70 + n, "right_id": right, "payer_id": payer, "performer_id": performer, "paid_on": on, "amount": amount,
         "document_number": number, "purpose": purpose, "year": 2024}
        for n, number, amount, purpose, on in lines
    ]
    years = [{"right_id": right, "payer_id": payer, "year": 2024, "regime_code": "CODE2017_COSTS", "channel": "direct", "obligation": 3_000_000_000,
              "fulfilled": 3_300_000_000, "credit_in": 0, "arrears": 0, "status": "fulfilled"}]
    frames = Frames.build(date(2026, 11, 20), right_years=years, payments=payments, agreements=[], organisations=[])
    nk12 = next(i for i in catalogue() if i.code == "NK-12")

    def net(overrides):
        out = runner.evaluate_frames(frames, overrides=overrides).outcomes.filter(pl.col("indicator") == "NK-12")
        return out.select("status", "amount", "evidence").row(0)

    alone = evaluate(nk12, frames).select("status", "amount", "evidence").row(0)
    assert net({}) == alone and alone[0] == "flagged" and json.loads(alone[2])["non_rd_tiyn"] == 600_000_000
    status, amount, evidence = net({"NK-07": {"min_score": 1.0}})  # nothing is found not to be R&D
    assert json.loads(evidence)["non_rd_tiyn"] == 0 and json.loads(evidence)["duplicates_tiyn"] == 800_000_000
    assert (status, amount) == ("flagged", 500_000_000)
