"""Indicators through the database: what intake and the registry store is what the indicators judge,
nationally and in a one-company run (``--payer``)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from niokr.control import runner
from niokr.control.indicators import catalogue, explain
from niokr.control.models import Flag
from niokr.control.runner import run_control
from niokr.control.models import CoverageGap
from niokr.intake.commit import commit_submission
from niokr.intake.services import receive_submission
from niokr.intake.tests.test_validation import csv_bytes, spending_row
from niokr.projects.models import Agreement, Payment, Project
from conftest import make_bin
from niokr.obligations import services
from niokr.obligations.loader import load_registry
from niokr.obligations.models import BaseFigure
from niokr.registry.models import Affiliation, Organisation

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 20)
BY_CODE = {i.code: i for i in catalogue()}


@pytest.fixture(autouse=True)
def _judged(monkeypatch):
    """Runs evaluate the indicators these tests are about (the others have tests of their own)."""
    monkeypatch.setattr(runner, "catalogue", lambda: tuple(i for i in catalogue() if i.code in JUDGED))


JUDGED = {"NK-02", "NK-03", "NK-06", "NK-15", "NK-16", "NK-17", "NK-18", "NK-20", "NK-22"}


def _agreement(payer, performer, number, amount="900000.00", **more) -> Agreement:
    values = {"signed_on": date(2025, 1, 10), "period_start": date(2025, 1, 10), "period_end": date(2025, 12, 31), "subject": "Исследование", "priority_direction": "other"}
    values.update(more)
    return Agreement.objects.create(payer=payer, performer=performer, number=number, amount=Decimal(amount), **values)


def _flags(run, code: str) -> dict[int, Flag]:
    return {f.subject_id: f for f in Flag.objects.filter(run=run, indicator=code)}


def test_a_payment_order_written_two_ways_by_two_payers_is_one_payment_in_either_run(audited):
    first = audited.payments[0]  # "PP-1", 60 000 ₸ on 01.03.2025
    other_right = audited.other.rights.get()
    theirs = _agreement(audited.other, audited.institute, "Д-17")
    copy = Payment.objects.create(agreement=theirs, right=other_right, paid_on=first.paid_on, amount=first.amount, purpose="НИР", document_number="№ pp 0001.")
    # The same payer, the same performer and amount two days later under another number: the order retyped.
    retyped = Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2025, 3, 3), amount=first.amount, purpose="НИР", document_number="ПП 55")
    national = run_control(as_of=AS_OF)
    flags = _flags(national, "NK-06")
    assert {first.pk, copy.pk, retyped.pk} <= set(flags)
    evidence = flags[copy.pk].evidence
    text = explain(BY_CODE["NK-06"], evidence, "en")
    assert "№ pp 0001. 1 Mar 2025 (HC-OTH-1)" not in text and "PP-1 1 Mar 2025 (HC-AUD-1)" in text and "ПП 55 3 Mar 2025 (HC-AUD-1)" in text
    alone = run_control(payer=audited.company, as_of=AS_OF)
    own = _flags(alone, "NK-06")
    assert set(own) == {first.pk, retyped.pk}  # the other payer's copy was read and matched, its flag is not this run's
    assert own[first.pk].evidence["scope"] == "several_payers" and own[first.pk].evidence["copies"] == 3
    assert "№ pp 0001. 01.03.2025 (HC-OTH-1)" in explain(BY_CODE["NK-06"], own[first.pk].evidence, "ru")


def test_a_performer_owned_through_three_levels_of_the_payers_group_is_affiliated(audited, build):
    parent = build.org(kind="national_company", name="АО «Холдинг»")
    subsidiary = build.org(kind="company", name="ТОО «Дочка»")
    grandchild = build.org(kind="company", name="ТОО «Внучка»", kazakhstani_supplier=(date(2010, 1, 1), None))
    for source, target, share in ((parent, audited.company, "100"), (parent, subsidiary, "75.5"), (subsidiary, grandchild, None)):
        Affiliation.objects.create(source=source, target=target, kind="owner", share=share and Decimal(share), valid_from=date(2015, 1, 1))
    deal = _agreement(audited.company, grandchild, "НИР-2025/002")
    paid = Payment.objects.create(agreement=deal, right=audited.right, paid_on=date(2025, 4, 1), amount=Decimal("1000.00"), purpose="НИР", document_number="ПП-9", for_year=2025)
    for run in (run_control(as_of=AS_OF), run_control(payer=audited.company, as_of=AS_OF)):
        flag = _flags(run, "NK-02")[paid.pk]
        assert flag.evidence["hops"] == 3 and flag.evidence["path_bins"] == [audited.company.bin, parent.bin, subsidiary.bin, grandchild.bin]
        assert f"(BIN {audited.company.bin}) — is owned by — АО «Холдинг» (BIN {parent.bin}) — owns — ТОО «Дочка» (BIN {subsidiary.bin}) — owns — ТОО «Внучка» (BIN {grandchild.bin})" in explain(BY_CODE["NK-02"], flag.evidence, "en")


def test_a_one_company_run_names_the_onward_agreement(audited, build):
    sister = build.org(kind="company", name="ТОО «Сестра»")
    Affiliation.objects.create(source=audited.company, target=sister, kind="owner", valid_from=date(2015, 1, 1))
    _agreement(audited.institute, sister, "СП-2025/07", amount="150000.00", signed_on=date(2025, 2, 1), period_start=date(2025, 2, 1))
    for run in (run_control(as_of=AS_OF), run_control(payer=audited.company, as_of=AS_OF)):
        flag = _flags(run, "NK-20")[audited.agreement.pk]
        assert flag.evidence["onward_numbers"] == ["СП-2025/07"], run.payer_id
        assert f"under agreement СП-2025/07 to ТОО «Сестра» (BIN {sister.bin})" in explain(BY_CODE["NK-20"], flag.evidence, "en")
    assert json.dumps(flag.evidence, ensure_ascii=False).count("СП-2025/07") == 1


def test_a_trading_house_loaded_with_its_activity_code_is_flagged_when_paid_for_research(audited):
    trader_bin = make_bin("1805")
    load_registry({"organisations": [{
        "bin": trader_bin, "name_kk": "«Сауда үйі» ЖШС", "name_ru": "ТОО «Торговый дом»", "name_en": "Trading House LLP", "kind": "company",
        "region": "astana", "registered_on": "2018-05-02", "oked": "46750",
        "attributes": [{"kind": "kazakhstani_supplier", "valid_from": "2018-06-01"}],
    }]})
    trader = Organisation.objects.get(bin=trader_bin)
    audited.institute.oked = "72.19"
    audited.institute.save()
    deal = _agreement(audited.company, trader, "НИР-2025/009")
    paid = Payment.objects.create(agreement=deal, right=audited.right, paid_on=date(2025, 5, 5), amount=Decimal("7000.00"), purpose="Реактивы для НИР", document_number="ПП-70", for_year=2025)
    flags = _flags(run_control(as_of=AS_OF), "NK-22")
    assert set(flags) == {paid.pk}
    assert "OKED 46.75.0 is G — wholesale and retail trade, not research" in explain(BY_CODE["NK-22"], flags[paid.pk].evidence, "en")


def test_a_base_revised_down_after_the_year_closed_is_judged_at_the_revision_the_obligation_uses(audited):
    # The fixture's base for 2024 is 10 000 000 ₸ (revision 1); 2023 was 9 000 000 ₸.
    services.record_base_figure(right=audited.right, year=2023, base_type="production_costs", amount=Decimal("9000000.00"), source="report")
    cut = services.record_base_figure(right=audited.right, year=2024, base_type="production_costs", amount=Decimal("2500000.00"), source="report", note="Уточнение")
    BaseFigure.objects.filter(right=audited.right, year=2024, revision=1).update(created_at=datetime(2025, 4, 1, 6, tzinfo=UTC))
    BaseFigure.objects.filter(pk=cut.pk).update(created_at=datetime(2026, 2, 3, 23, 30, tzinfo=UTC))
    services.recompute()
    flag = _flags(run_control(as_of=AS_OF), "NK-15")[audited.right.pk]
    assert flag.year == 2025 and flag.evidence["base_tiyn"] == 250_000_000 and flag.evidence["revised_down"] and flag.evidence["fell"] is False
    assert flag.evidence["revised_on"] == "03.02.2026" and flag.evidence["revised_from_tiyn"] == 1_000_000_000
    text = explain(BY_CODE["NK-15"], flag.evidence, "en")
    assert text.startswith(f"Subsoil use right HC-AUD-1 of subsoil user ТОО «Аудит Мұнай» (BIN {audited.company.bin})") and "Право недропользования HC-AUD-1" in explain(BY_CODE["NK-15"], flag.evidence, "ru")
    assert "revision 2, recorded on 3 Feb 2026 after the 2025 obligation year closed, cut the base for 2024 from ₸10,000,000.00" in text


def test_money_placed_with_an_unaccredited_fund_in_2026_fires_nk03(audited, build):
    fund = build.org(kind="aggregator", name="Фонд «Инновации»", kazakhstani_supplier=(date(2015, 1, 1), None))
    deal = _agreement(audited.company, fund, "ФИН-2026/1", signed_on=date(2026, 1, 12), period_start=date(2026, 1, 12), period_end=date(2026, 12, 31))
    paid = Payment.objects.create(agreement=deal, right=audited.right, paid_on=date(2026, 2, 2), amount=Decimal("5000.00"), purpose="Финансирование НИОКР", document_number="ПП-1", for_year=2026)
    flags = _flags(run_control(as_of=AS_OF), "NK-03")
    assert set(flags) == {paid.pk} and flags[paid.pk].evidence["rule"] == "tax_deduction"
    assert "Tax Code (art. 302)" in explain(BY_CODE["NK-03"], flags[paid.pk].evidence, "en")


def test_agreements_linked_to_a_project_are_judged_by_their_project_and_not_as_agreements_without_one(audited):
    project = Project.objects.create(
        code="ПР-2024-017", title_kk="Коррозия", title_ru="Коррозия", title_en="Corrosion", performer=audited.institute, priority_direction="other",
        trl_start=3, trl_target=5, trl_reached=3, start_date=date(2024, 1, 1), end_date=date(2025, 6, 30), status="completed",
    )
    linked = _agreement(audited.company, audited.institute, "НИР-2024/017", amount="15000000.00", project=project)
    unlinked = _agreement(audited.company, audited.institute, "НИР-2024/018", amount="15000000.00")
    run = run_control(as_of=AS_OF)
    nk16, nk18 = _flags(run, "NK-16"), _flags(run, "NK-18")
    assert unlinked.pk in nk16 and linked.pk not in nk16
    assert set(nk18) == {linked.pk}
    assert "funds project ПР-2024-017, completed on 30 Jun 2025" in explain(BY_CODE["NK-18"], nk18[linked.pk].evidence, "en")


def test_an_aggregators_onward_agreements_are_read_as_the_money_passed_on(audited, build):
    passing = build.org(kind="aggregator", name="Фонд «Передаёт»", kazakhstani_supplier=(date(2010, 1, 1), None))
    parking = build.org(kind="aggregator", name="Фонд «Копит»", kazakhstani_supplier=(date(2010, 1, 1), None))
    silent = build.org(kind="aggregator", name="Фонд «Молчит»", kazakhstani_supplier=(date(2010, 1, 1), None))
    dates = {"signed_on": date(2024, 1, 10), "period_start": date(2024, 1, 10), "period_end": date(2024, 12, 31)}
    to_passing = _agreement(audited.company, passing, "АГР-1", amount="20000000.00", **dates)
    to_parking = _agreement(audited.company, parking, "АГР-2", amount="20000000.00", **dates)
    to_silent = _agreement(audited.company, silent, "АГР-3", amount="20000000.00", **dates)
    onward = {"signed_on": date(2024, 3, 1), "period_start": date(2024, 3, 1), "period_end": date(2024, 12, 31)}
    _agreement(passing, audited.institute, "ДАЛЕЕ-1", amount="15000000.00", **onward)  # 75 % passed on
    _agreement(parking, audited.institute, "ДАЛЕЕ-2", amount="1000000.00", **onward)  # 5 %
    run = run_control(as_of=AS_OF)
    flags = _flags(run, "NK-17")
    assert set(flags) == {to_parking.pk} and flags[to_parking.pk].evidence["onward_count"] == 1
    assert to_passing.pk not in flags
    gap = CoverageGap.objects.get(run=run, indicator="NK-17", subject_id=to_silent.pk)
    assert gap.reason == "no_onward_reports"


def test_a_committed_report_links_its_agreements_to_projects_and_nk16_judges_only_those_without(build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    performer = build.org(kind="research_institute", name="НИИ «Жоба»", kazakhstani_supplier=(date(2000, 1, 1), None))
    company = build.org(name="ТОО «Отчёт»")
    right = build.right(company, number="КТ-2020-07")
    services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 6, 29), legal_reason="Code")
    services.record_base_figure(right=right, year=2024, base_type="production_costs", amount=Decimal("3000000000.00"), source="report")
    project = Project.objects.create(
        code="ПР-2025-001", title_kk="Катализатор", title_ru="Катализатор", title_en="Catalyst", performer=performer, priority_direction="greentech",
        trl_start=3, trl_target=5, start_date=date(2025, 1, 1), end_date=date(2027, 12, 31), status="active",
    )
    world = {"performer": performer, "right": right}
    common = {"Сумма договора": "30 000 000,00", "Сумма платежа": "10 000 000,00", "Номер контракта/лицензии": right.number}
    rows = [
        spending_row(world, **common, **{"Номер договора": "Д-1", "Код проекта": project.code, "Номер платёжного документа": "ПП-1"}),
        spending_row(world, **common, **{"Номер договора": "Д-2", "Код проекта": "", "Номер платёжного документа": "ПП-2"}),
    ]
    received = receive_submission(organisation=company, kind="spending", data=csv_bytes(rows), filename="r.csv", period_year=2025)
    assert received.submission.status == "valid", received.submission.problems
    commit_submission(submission=received.submission)
    linked, unlinked = Agreement.objects.get(payer=company, number="Д-1"), Agreement.objects.get(payer=company, number="Д-2")
    assert linked.project_id == project.pk and unlinked.project_id is None
    flags = _flags(run_control(as_of=AS_OF), "NK-16")
    assert unlinked.pk in flags and linked.pk not in flags


def test_an_aggregators_onward_agreements_reported_through_intake_are_read_by_nk17(audited, build, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    fund = build.org(kind="aggregator", name="Кластерный фонд", kazakhstani_supplier=(date(2010, 1, 1), None))
    lab = build.org(kind="research_institute", name="Лаборатория", kazakhstani_supplier=(date(2010, 1, 1), None))
    incoming = _agreement(audited.company, fund, "АГР-9", amount="10000000.00", signed_on=date(2024, 2, 1), period_start=date(2024, 2, 1), period_end=date(2024, 12, 31))
    before = _flags(run_control(as_of=AS_OF), "NK-17")
    assert incoming.pk not in before
    assert CoverageGap.objects.filter(indicator="NK-17", subject_id=incoming.pk, reason="no_onward_reports").exists()
    # The fund reports the agreement it signed with a laboratory: a spending row without its payment part.
    row = spending_row({"performer": lab, "right": None}, **{
        "Номер договора": "ОН-1", "Дата договора": "01.04.2024", "БИН исполнителя": lab.bin, "Сумма договора": "2 000 000,00",
        "Начало периода": "01.04.2024", "Окончание периода": "31.12.2024",
    })
    for header in ("Дата платежа", "Сумма платежа", "Валюта", "Назначение платежа", "Номер платёжного документа", "Номер контракта/лицензии", "Год зачёта"):
        row[header] = ""
    received = receive_submission(organisation=fund, kind="spending", data=csv_bytes([row]), filename="onward.csv", period_year=2024)
    assert received.submission.status == "valid", received.submission.problems
    commit_submission(submission=received.submission)
    flag = _flags(run_control(as_of=AS_OF), "NK-17")[incoming.pk]  # 20 % passed on within the year: parked
    assert flag.evidence["onward_count"] == 1 and flag.evidence["onward_tiyn"] == 200_000_000
