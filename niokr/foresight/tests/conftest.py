"""A small Delphi world: a moderator, four panellists, the readers and the roles that see nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.test import Client

from niokr.foresight import services
from niokr.foresight.models import Scale


@dataclass
class World:
    org: object
    users: dict = field(default_factory=dict)
    exercise: object = None
    panel: object = None
    seats: dict = field(default_factory=dict)
    items: list = field(default_factory=list)

    def client(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


PEOPLE = {
    # login: (first name, last name, role)
    "moderator": ("Гульнара", "Сейтказиева", "foresight_moderator"),
    "panel_a": ("Айдар", "Жаксыбеков", "panellist"),
    "panel_b": ("Марина", "Ковальчук", "panellist"),
    "panel_c": ("Ерлан", "Темирханов", "panellist"),
    "panel_d": ("Динара", "Абилова", "panellist"),
    "regulator": ("Бауыржан", "Оспанов", "regulator"),
    "policy_secretariat": ("Сауле", "Нурланова", "policy_secretariat"),
    "policy_analyst": ("Олжас", "Каримов", "policy_analyst"),
    "tcc_analyst": ("Камила", "Есенова", "tcc_analyst"),
    "auditor": ("Ирина", "Петрова", "auditor"),
    "company": ("Тимур", "Алиев", "company"),
    "performer": ("Асель", "Муканова", "performer"),
    "outsider": ("Никита", "Смирнов", None),
    "other_moderator": ("Жанна", "Бекова", "foresight_moderator"),
}


def make_people(build) -> World:
    from niokr.accounts.models import Membership, User

    org = build.org(kind="research_institute", name="НИИ «Тест»")
    world = World(org=org)
    for login, (first, last, role) in PEOPLE.items():
        user = User.objects.create_user(username=login, password="x", first_name=first, last_name=last, email=f"{login}@example.kz")
        if role:
            Membership.objects.create(user=user, organisation=org, role=role, authority="energy" if role == "regulator" else "")
        world.users[login] = user
    return world


def make_exercise(world: World, *, lock: bool = True, items: int = 3, scales=None) -> World:
    mod = world.users["moderator"]
    exercise = services.create_exercise(mod, code="MED-TEST", title_kk="Медтех форсайты", title_ru="Форсайт медтеха", title_en="MedTech foresight",
                                        priority_direction="medtech", scales=scales or Scale.values)
    panel = services.add_panel(mod, exercise, name_kk="Клиницистер", name_ru="Клиницисты", name_en="Clinicians")
    for login in ("panel_a", "panel_b", "panel_c", "panel_d"):
        world.seats[login] = services.add_panellist(mod, exercise, panel=panel, user=world.users[login], expertise=4)
    for i in range(1, items + 1):
        world.items.append(services.add_item(mod, exercise, code=f"M{i:02d}", statement_kk=f"Технология {i}", statement_ru=f"Технология {i}", statement_en=f"Technology {i}"))
    if lock:
        services.lock_rules(mod, exercise)
    exercise.refresh_from_db()
    world.exercise, world.panel = exercise, panel
    return world


def answers(world: World, ratings: dict, *, dont_know=(), comment: str = "") -> list:
    """Answer inputs: ``ratings`` maps item index → importance value (feasibility the same, realisation 2, capability 40)."""
    out = []
    for index, item in enumerate(world.items):
        value = ratings.get(index)
        for scale in world.exercise.scales:
            if (index, scale) in dont_know:
                out.append(services.AnswerInput(item.pk, scale, None, True, comment))
                continue
            v = {"importance": value, "feasibility": value, "realisation": 2, "capability": 40}[scale]
            out.append(services.AnswerInput(item.pk, scale, v, False, comment))
    return out


@pytest.fixture
def people(db, build) -> World:
    return make_people(build)


@pytest.fixture
def world(people) -> World:
    return make_exercise(people)


TODAY = date.today()


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are compared in English (the catalogue's msgids)."""
    from django.utils import translation

    with translation.override("en"):
        yield
