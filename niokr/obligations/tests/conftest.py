"""A small country for the obligations pages, dashboard, statement and API, with its personas.

Three subsoil users: an oil company and a mine owned by one national holding, and a uranium miner
on its own. The oil right falls short in 2025 (an ineligible line, an exclusion, a reversal) and
moves to the budget channel in 2026; the mine over-fulfils 2025 and sends a transfer the direct
regime does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from niokr.accounts.models import Membership
from niokr.obligations import services
from niokr.registry.models import Affiliation

KAZAKH_NAME = "«Қазақ Мұнай Өңдеу» ЖШС"


#: The day the obligations tests live on: 2026 (NIOKR_CURRENT_YEAR) is still open, 2025 closed.
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """Open and closed years are told from :data:`TODAY`, whatever the calendar says."""
    from niokr.obligations import queries

    monkeypatch.setattr(queries, "today", lambda: TODAY)


@dataclass
class Country:
    oil: object
    mine: object
    uranium: object
    holding: object
    institute: object
    foreign: object
    ministry_energy: object
    ministry_industry: object
    chamber: object
    oil_right: object
    mine_right: object
    uranium_right: object
    reversed_entry: object
    reversal: object


def _posting(right, year, kind, amount, day, key, *, channel="direct", performer=None):
    entry, _created = services.post_entry(right=right, year=year, kind=kind, amount=Decimal(amount), entry_date=day, idempotency_key=key, channel=channel, performer=performer, source_type="test", reference=key)
    return entry


@pytest.fixture
def country(build) -> Country:
    """The three subsoil users with bases for 2023–2025, spending and transfers, recomputed."""
    oil = build.org(name="ТОО «Казахская Нефтепереработка»")
    oil.name_kk = KAZAKH_NAME
    oil.name_en = "Kazakh Oil Refining LLP"
    oil.save()
    mine = build.org(name="ТОО «Кен Тест»", region="karaganda")
    uranium = build.org(name="ТОО «Уран Тест»", region="turkistan")
    holding = build.org(kind="national_company", name="АО «Ұлттық Холдинг»", region="astana")
    institute = build.org(kind="research_institute", name="НИИ «Тест»", region="almaty_city", kazakhstani_supplier=(date(2010, 1, 1), None))
    foreign = build.org(kind="foreign", name="Foreign Lab GmbH", region="foreign")
    ministry_energy = build.org(kind="state_body", name="Министерство энергетики", region="astana")
    ministry_industry = build.org(kind="state_body", name="Министерство промышленности", region="astana")
    chamber = build.org(kind="state_body", name="Аудиторская палата", region="astana")
    for owned, share in ((oil, Decimal("100")), (mine, Decimal("60"))):
        Affiliation.objects.create(source=holding, target=owned, kind="owner", share=share, valid_from=date(2015, 1, 1))

    oil_right = build.right(oil, number="HC-OIL-1", mineral_group="hydrocarbons", right_type="hc_production")
    mine_right = build.right(mine, number="SM-MINE-1", mineral_group="solid", right_type="lic_solid_mining")
    mine_right.region = "karaganda"
    mine_right.save()
    uranium_right = build.right(uranium, number="U-1", mineral_group="uranium", right_type="uranium_production")
    uranium_right.region = "turkistan"
    uranium_right.save()
    for right, base in ((oil_right, "2000000.00"), (mine_right, "1000000.00"), (uranium_right, "3000000.00")):
        services.assign_regime(right=right, regime_code="CODE2017_COSTS", valid_from=date(2018, 7, 1), legal_reason="Code of 27.12.2017, art. 129")
        for year in (2023, 2024):
            services.record_base_figure(right=right, year=year, base_type="production_costs", amount=Decimal(base), source="report")
    services.record_base_figure(right=oil_right, year=2025, base_type="production_costs", amount=Decimal("2500000.00"), source="report")
    services.record_base_figure(right=oil_right, year=2024, base_type="production_costs", amount=Decimal("2000000.00"), source="audit", note="confirmed by the audit")
    services.assign_regime(right=oil_right, regime_code="BUDGET2026_COSTS", valid_from=date(2026, 1, 1), legal_reason="Joint order of December 2025")

    # Oil, 2025: obligation 20 000; 15 000 eligible, 3 000 to an ineligible performer, 1 000 excluded, 500 reversed.
    _posting(oil_right, 2025, "direct_spend", "15000.00", date(2025, 5, 10), "t:oil:1", performer=institute)
    _posting(oil_right, 2025, "direct_spend", "3000.00", date(2025, 6, 1), "t:oil:2", performer=foreign)
    reversed_entry = _posting(oil_right, 2025, "direct_spend", "500.00", date(2025, 7, 1), "t:oil:3", performer=institute)
    reversal = services.reverse_entry(entry=reversed_entry, reason="posted twice")
    _posting(oil_right, 2025, "exclusion", "1000.00", date(2025, 5, 10), "t:oil:4", performer=institute)
    # Oil, 2026: the budget channel, 25 000 due and paid to KBK 401103.
    _posting(oil_right, 2026, "budget_transfer", "25000.00", date(2026, 3, 2), "t:oil:5", channel="budget")
    # Mine, 2025: obligation 10 000; 12 000 eligible, and a transfer the direct regime does not count.
    _posting(mine_right, 2025, "direct_spend", "12000.00", date(2025, 4, 1), "t:mine:1", performer=institute)
    _posting(mine_right, 2025, "budget_transfer", "4000.00", date(2025, 9, 1), "t:mine:2", channel="budget")
    # Uranium, 2025: obligation 30 000; nothing spent.
    services.recompute()
    return Country(oil, mine, uranium, holding, institute, foreign, ministry_energy, ministry_industry, chamber, oil_right, mine_right, uranium_right, reversed_entry, reversal)


class Personas:
    """Signed-in clients per role: ``personas.client("company", country.oil)``."""

    def __init__(self):
        self._n = 0

    def user(self, role=None, organisation=None, *, authority="", language="en", extra=()):
        self._n += 1
        user = get_user_model().objects.create_user(username=f"{role or 'outsider'}-{self._n}", password="x-very-long-pass", language=language)
        if role:
            Membership.objects.create(user=user, organisation=organisation, role=role, authority=authority)
        for extra_role, extra_org in extra:
            Membership.objects.create(user=user, organisation=extra_org, role=extra_role)
        return user

    def client(self, role=None, organisation=None, **kwargs) -> Client:
        client = Client()
        client.force_login(self.user(role, organisation, **kwargs))
        return client


@pytest.fixture
def personas() -> Personas:
    return Personas()
