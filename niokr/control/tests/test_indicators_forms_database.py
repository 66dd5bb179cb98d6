"""The forms of niokr/control/tests/test_indicators_forms.py through the database: what is stored is
what the indicators judge, nationally and in a one-company run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from niokr.control import runner
from niokr.control.indicators import catalogue
from niokr.control.models import Flag
from niokr.control.runner import run_control
from niokr.projects.models import Agreement, Payment

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _judged(monkeypatch):
    """Runs evaluate the indicators these tests are about."""
    monkeypatch.setattr(runner, "catalogue", lambda: tuple(i for i in catalogue() if i.code in JUDGED))


JUDGED = {"NK-02", "NK-04", "NK-05", "NK-06", "NK-08", "NK-10", "NK-12"}


def _flags(run, code: str) -> dict[int, Flag]:
    return {f.subject_id: f for f in Flag.objects.filter(run=run, indicator=code)}


def _agreement(payer, performer, number, amount="900000.00", **more) -> Agreement:
    values = {"signed_on": date(2025, 1, 10), "period_start": date(2025, 1, 10), "period_end": date(2025, 12, 31), "subject": "Исследование", "priority_direction": "other"}
    values.update(more)
    return Agreement.objects.create(payer=payer, performer=performer, number=number, amount=Decimal(amount), **values)


def test_nk06_an_order_reclaimed_in_parts_by_another_payer_and_a_number_with_a_letter_for_a_digit(audited):
    whole = Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2025, 3, 1), amount=Decimal("70000.00"), purpose="НИР, этап 2", document_number="ПП-730", for_year=2025)
    other_right = audited.other.rights.get()
    theirs = _agreement(audited.other, audited.institute, "Д-40")
    parts = [
        Payment.objects.create(agreement=theirs, right=other_right, paid_on=date(2025, 3, 2), amount=Decimal(amount), purpose="НИР", document_number=number)
        for number, amount in (("730/1", "45000.00"), ("730/2", "25000.00"))
    ]
    # An order written with a Cyrillic О for the zero, and again with a kopeck retyped, in a later report.
    second = Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2025, 7, 1), amount=Decimal("41000.00"), purpose="Оборудование", document_number="ПП-1О", for_year=2025)
    again = Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2025, 7, 20), amount=Decimal("41000.01"), purpose="Оборудование", document_number="10", for_year=2025)
    national = _flags(run_control(as_of=AS_OF), "NK-06")
    assert {whole.pk, *(p.pk for p in parts), second.pk, again.pk} <= set(national)
    assert national[parts[0].pk].amount == Decimal("45000.00") and national[whole.pk].amount in (None, Decimal("0"), Decimal("0.00"))
    alone = _flags(run_control(payer=audited.company, as_of=AS_OF), "NK-06")
    assert {whole.pk, second.pk, again.pk} <= set(alone)  # the other payer's parts were read and matched
    assert alone[whole.pk].evidence["scope"] == "several_payers"


def test_nk05_an_agreement_registered_twice_is_judged_as_one(audited):
    # The fixture's agreement "НИР-2025/001" (200 000 ₸) has 110 000 ₸ paid; a later report wrote its number without the dash.
    twin = _agreement(audited.company, audited.institute, "НИР 2025/001", amount="200000.00", signed_on=audited.agreement.signed_on)
    Payment.objects.create(agreement=twin, right=audited.right, paid_on=date(2025, 9, 1), amount=Decimal("120000.00"), purpose="НИР, этап 2", document_number="ПП-88", for_year=2025)
    for run in (run_control(as_of=AS_OF), run_control(payer=audited.company, as_of=AS_OF)):
        flags = _flags(run, "NK-05")
        assert {audited.agreement.pk, twin.pk} <= set(flags)
        assert flags[audited.agreement.pk].amount == Decimal("30000.00") and flags[audited.agreement.pk].evidence["payments"] == 3


def test_nk02_the_parents_director_on_the_board_of_the_performers_owner(audited, build):
    from niokr.registry.models import Affiliation

    parent = build.org(kind="national_company", name="АО «Холдинг-3»")
    owner = build.org(kind="company", name="ТОО «Владелец»")
    performer = build.org(kind="company", name="ТОО «Исполнитель»", kazakhstani_supplier=(date(2010, 1, 1), None))
    Affiliation.objects.create(source=parent, target=audited.company, kind="owner", share=Decimal("100"), valid_from=date(2015, 1, 1))
    Affiliation.objects.create(source=owner, target=performer, kind="owner", share=Decimal("100"), valid_from=date(2015, 1, 1))
    Affiliation.objects.create(source=parent, target=owner, kind="common_director", valid_from=date(2015, 1, 1))
    deal = _agreement(audited.company, performer, "НИР-2025/031")
    paid = Payment.objects.create(agreement=deal, right=audited.right, paid_on=date(2025, 4, 1), amount=Decimal("1000.00"), purpose="НИР", document_number="ПП-31", for_year=2025)
    for run in (run_control(as_of=AS_OF), run_control(payer=audited.company, as_of=AS_OF)):
        flag = _flags(run, "NK-02")[paid.pk]
        assert flag.evidence["hops"] == 3 and flag.evidence["path_relations"] == ["owned_by", "common_director", "owns"]


def test_nk10_a_job_split_into_two_agreements_under_the_floor(audited, build):
    young = build.org(kind="company", name="ТОО «Новая»", kazakhstani_supplier=(date(2024, 12, 1), None))
    young.registered_on = date(2024, 12, 1)
    young.save(update_fields=["registered_on"])
    pieces = [_agreement(audited.company, young, number, amount="6000000.00", signed_on=date(2025, 1, 10)) for number in ("СН-1", "СН-2")]
    for run in (run_control(as_of=AS_OF), run_control(payer=audited.company, as_of=AS_OF)):
        flags = _flags(run, "NK-10")
        assert {p.pk for p in pieces} <= set(flags)
        assert flags[pieces[0].pk].evidence["combined_tiyn"] == 1_200_000_000 and flags[pieces[0].pk].amount == Decimal("6000000.00")


def test_nk08_a_short_year_with_one_december_payment_that_is_most_of_it(audited):
    # The fixture's 2025 has two lines (110 000 ₸); add 12 000 000 ₸ at the end of December and 400 000 ₸ in May.
    for day, amount, number in ((date(2025, 12, 22), "12000000.00", "ПП-90"), (date(2025, 5, 5), "400000.00", "ПП-91")):
        Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=day, amount=Decimal(amount), purpose="НИР", document_number=number, for_year=2025)
    run = run_control(as_of=date(2026, 2, 1))
    flag = _flags(run, "NK-08")[audited.company.pk]
    assert flag.evidence["judged_on_one_payment"] is True and flag.evidence["lines"] == 4


def test_nk12_a_year_fulfilled_only_with_a_copy_and_a_non_rd_payment(audited):
    from niokr.obligations import services
    from niokr.obligations.models import RightYearBalance

    # 2025's obligation is 1 % of 10 000 000 ₸ = 100 000 ₸; the fixture paid 110 000 ₸, 50 000 ₸ of it for equipment.
    copy = Payment.objects.create(agreement=audited.agreement, right=audited.right, paid_on=date(2025, 3, 1), amount=Decimal("60000.00"), purpose="Оплата НИР, этап 1", document_number="1/25", for_year=2025)
    services.post_entry(right=audited.right, year=2025, kind="direct_spend", amount=copy.amount, entry_date=copy.paid_on, idempotency_key=f"test:pay:{copy.pk}", channel="direct", performer=audited.institute, source_type="projects.Payment", source_id=str(copy.pk))
    services.recompute()
    balance = RightYearBalance.objects.get(right=audited.right, year=2025)
    assert balance.status == "fulfilled"
    run = run_control(as_of=AS_OF)
    flag = Flag.objects.get(run=run, indicator="NK-12", subject_id=audited.right.pk, year=2025)
    assert flag.evidence["duplicates_tiyn"] == 6_000_000 and flag.evidence["short_net_only"] is True
    assert flag.evidence["net_fulfilled_tiyn"] < flag.evidence["obligation_tiyn"]


def test_nk04_a_payment_under_a_second_registration_cut_short(audited):
    # The fixture's agreement "НИР-2025/001" runs to 31.12.2025; a report registered it again as "НИР 2025/001" ending 30.06.2025.
    twin = _agreement(audited.company, audited.institute, "НИР 2025/001", amount="200000.00", signed_on=audited.agreement.signed_on, period_end=date(2025, 6, 30))
    paid = Payment.objects.create(agreement=twin, right=audited.right, paid_on=date(2025, 10, 1), amount=Decimal("1000.00"), purpose="НИР, этап 3", document_number="ПП-77", for_year=2025)
    late = Payment.objects.create(agreement=twin, right=audited.right, paid_on=date(2026, 2, 1), amount=Decimal("1000.00"), purpose="НИР, этап 4", document_number="ПП-78", for_year=2025)
    flags = _flags(run_control(as_of=AS_OF), "NK-04")
    assert paid.pk not in flags and late.pk in flags
