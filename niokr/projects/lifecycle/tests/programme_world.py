"""A small world for the programme tests: a holding with a subsidiary, another company, their staff.

* ``holding`` (solid minerals: Ministry of Industry) owns 100 % of ``subsidiary`` (solid);
  ``holding`` also holds a hydrocarbon right (Ministry of Energy);
* ``other`` is an unrelated company with a solid right;
* ``institute`` is a performer;
* logins: ``holding_staff``, ``subsidiary_staff``, ``other_staff``, ``performer_staff``,
  ``regulator_industry``, ``regulator_energy``, ``secretary_industry``, ``auditor``, ``outsider``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.test import Client

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.registry.models import Affiliation

#: A valid programme as a form or an API client posts it (rights are filled per test).
VALID = {
    "kind": "programme",
    "title_kk": "Кен орындарын цифрлық басқару бағдарламасы",
    "title_ru": "Программа цифрового управления месторождениями",
    "title_en": "Digital field management programme",
    "abstract": "Цифровые двойники месторождений и снижение потерь при добыче.",
    "priority_direction": "greentech",
    "tcc_sector": "industry",
    "trl_start": 3,
    "trl_target": 6,
    "performer": "",
    "budget": [{"year": 2026, "amount": "150000000.00"}, {"year": 2027, "amount": "200000000.50"}],
}


@dataclass
class ProgrammeWorld:
    holding: object
    subsidiary: object
    other: object
    institute: object
    right_solid: object
    right_hc: object
    right_sub: object
    right_other: object
    users: dict = field(default_factory=dict)

    def client(self, who: str, language: str | None = None) -> Client:
        client = Client()
        if who != "anonymous":
            if language:
                # A signed-in person's pages are in the language saved on their account.
                get_user_model().objects.filter(pk=self.users[who].pk).update(language=language)
            client.force_login(self.users[who])
        elif language:
            client.cookies["django_language"] = language
        return client

    def user(self, who: str):
        """A fresh copy of the user (no per-request caches)."""
        return get_user_model().objects.get(pk=self.users[who].pk)

    def data(self, **changes) -> dict:
        out = {**VALID, "rights": [self.right_solid.number], "performer": self.institute.bin}
        out.update(changes)
        return out


def build_programme_world(build) -> ProgrammeWorld:
    holding = build.org(name="АО «Холдинг»")
    subsidiary = build.org(name="ТОО «Дочерняя»")
    other = build.org(name="ТОО «Другая»")
    institute = build.org(kind="performer", name="Институт")
    Affiliation.objects.create(source=holding, target=subsidiary, kind="owner", share=100, valid_from=date(2010, 1, 1))
    world = ProgrammeWorld(
        holding=holding, subsidiary=subsidiary, other=other, institute=institute,
        right_solid=build.right(holding, number="PRGT-SOLID-1", mineral_group="solid", right_type="lic_solid_mining"),
        right_hc=build.right(holding, number="PRGT-HC-1", mineral_group="hydrocarbons"),
        right_sub=build.right(subsidiary, number="PRGT-SUB-1", mineral_group="solid", right_type="lic_solid_mining"),
        right_other=build.right(other, number="PRGT-OTHER-1", mineral_group="solid", right_type="lic_solid_mining"),
    )
    User = get_user_model()

    def user(name, role=None, org=None, authority="", language="ru"):
        u = User.objects.create_user(username=name, password="x", email=f"{name}@niokr.example", language=language, first_name=name.title(), last_name="Тестов")
        if role:
            Membership.objects.create(user=u, organisation=org or holding, role=role, authority=authority)
        world.users[name] = u

    user("holding_staff", Role.COMPANY, holding)
    user("subsidiary_staff", Role.COMPANY, subsidiary, language="kk")
    user("other_staff", Role.COMPANY, other)
    user("performer_staff", Role.PERFORMER, institute)
    user("regulator_industry", Role.REGULATOR, holding, authority="industry")
    user("regulator_energy", Role.REGULATOR, holding, authority="energy")
    user("secretary_industry", Role.COUNCIL_SECRETARY, holding, authority="industry", language="en")
    user("auditor", Role.AUDITOR, holding)
    user("outsider")
    return world
