"""``generate_country``: build a synthetic country in memory, write it in one transaction, label its problems.

The steps, each drawing from the same ``random.Random(seed)`` in a fixed order:

1. organisations, statuses and the affiliation graph (:mod:`organisations`);
2. rights, regime assignments, calibrated bases, due right-years (:mod:`rights`);
3. projects, agreements, payments, transfers and injected problems (:mod:`spending`, :mod:`inject`);
4. numbering, ids and labels (:mod:`finalize`);
5. one transaction: clear (``replace``) or refuse, bulk load (:mod:`load`), demo users, the rule
   regimes of the catalogue if the database lacks them, one audit event;
6. the truth file, written beside the data and never into it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.core.audit import ledger_cleared, record_event, seal_ledger
from niokr.core.progress import Progress
from niokr.obligations.catalogue import REGIMES as CATALOGUE
from niokr.obligations.models import RuleRegime
from niokr.registry.models import Organisation
from niokr.synthetic.finalize import finalize_country
from niokr.synthetic.load import clear_generated, load_world
from niokr.synthetic.organisations import build_organisations
from niokr.synthetic.rights import build_rights
from niokr.synthetic.scales import AS_OF, SCALES
from niokr.synthetic.spending import build_spending
from niokr.synthetic.world import World

__all__ = ["GenerationError", "GenerationSummary", "generate_country", "DEMO_LOGINS", "DEFAULT_DEMO_PASSWORD"]

DEMO_LOGINS = (
    "regulator", "regulator_mic", "company", "performer", "auditor", "secretary", "council", "expert", "mshe",
    "moderator", "panellist", "assessor", "analyst", "secretariat", "admin",
)
DEFAULT_DEMO_PASSWORD = "niokr-demo-2026"


class GenerationError(RuntimeError):
    """The country cannot be generated as asked (unknown scale, database not empty)."""


@dataclass
class GenerationSummary:
    """What was generated.

    Attributes:
        scale: the scale name.
        seed: the seed.
        counts: rows written per model label (``registry.Organisation`` …) plus users.
        one_percent_by_year: the national 1% per year (KZT): each due right-year's obligation from
            the stored bases (right-years whose base is missing are left out).
        problems_by_code: how many labelled problems of each code the truth file holds.
        truth_path: where the truth file was written (``None``: not written).
        truth_sha256: SHA-256 of the truth file's bytes (also recorded in the audit event).
        users: the demo logins.
        seconds: wall time.
        timings: seconds per step.
    """

    scale: str
    seed: int
    counts: dict[str, int]
    one_percent_by_year: dict[int, Decimal]
    problems_by_code: dict[str, int]
    truth_path: Path | None
    truth_sha256: str
    users: list[str]
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def _truth_bytes(world: World) -> bytes:
    """The truth file: one problem per line inside a JSON document (sorted keys, UTF-8)."""
    head = json.dumps({"scale": world.scale.name, "seed": world.seed, "as_of": AS_OF.isoformat()}, ensure_ascii=False)[:-1]
    lines = [json.dumps(p.as_dict(), ensure_ascii=False, sort_keys=True) for p in world.problems]
    text = head + ', "problems": [\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


#: The demo people: first and last name in Russian, then the name in Kazakh and in English.
DEMO_PEOPLE = {
    "regulator": ("Айгуль", "Сеитова", "Айгүл Сейітова", "Aigul Seitova"),
    "regulator_mic": ("Ерлан", "Жумабаев", "Ерлан Жұмабаев", "Yerlan Zhumabayev"),
    "company": ("Динара", "Алиева", "Динара Әлиева", "Dinara Aliyeva"),
    "performer": ("Нурлан", "Касымов", "Нұрлан Қасымов", "Nurlan Kassymov"),
    "auditor": ("Сауле", "Омарова", "Сәуле Омарова", "Saule Omarova"),
    "secretary": ("Гульнара", "Тулегенова", "Гүлнара Төлегенова", "Gulnara Tulegenova"),
    "council": ("Бахыт", "Сарсенбаев", "Бақыт Сәрсенбаев", "Bakhyt Sarsenbayev"),
    "expert": ("Асель", "Нургалиева", "Әсел Нұрғалиева", "Assel Nurgaliyeva"),
    "mshe": ("Ержан", "Кудайбергенов", "Ержан Құдайбергенов", "Yerzhan Kudaibergenov"),
    "moderator": ("Гаухар", "Бекова", "Гауһар Бекова", "Gaukhar Bekova"),
    "panellist": ("Мурат", "Иманбаев", "Мұрат Иманбаев", "Murat Imanbayev"),
    "panellist2": ("Айгерим", "Ахметова", "Әйгерім Ахметова", "Aigerim Akhmetova"),
    "panellist3": ("Нуржан", "Есенов", "Нұржан Есенов", "Nurzhan Yessenov"),
    "assessor": ("Айдана", "Сагинтаева", "Айдана Сағынтаева", "Aidana Sagintayeva"),
    "analyst": ("Даулет", "Нуртазин", "Дәулет Нұртазин", "Daulet Nurtazin"),
    "secretariat": ("Алия", "Касенова", "Әлия Қасенова", "Aliya Kassenova"),
    "admin": ("Администратор", "системы", "Жүйе әкімшісі", "System administrator"),
}


def _demo_users(world: World) -> list[str]:
    """The demo logins with their memberships; existing accounts of these names are reused and their
    password is (re)set to ``NIOKR_DEMO_PASSWORD`` (default ``niokr-demo-2026``)."""
    password = os.environ.get("NIOKR_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
    latest = max((ry.year for ry in world.right_years if ry.year < 2026), default=0)
    size: dict[int, int] = {}
    for ry in world.right_years:
        if ry.year == latest:
            size[ry.right.holder.id] = size.get(ry.right.holder.id, 0) + ry.obligation
    users = [u for u in world.subsoil_users if u.kind == "subsoil_user"]
    largest = max(users, key=lambda u: (size.get(u.id, 0), -u.id))
    load: dict[int, int] = {}
    for agreement in world.agreements:
        load[agreement.performer.id] = load.get(agreement.performer.id, 0) + 1
    institutes = [p for p in world.performers if p.kind == "research_institute"]
    institute = max(institutes, key=lambda p: (load.get(p.id, 0), -p.id))
    bodies = world.state_bodies
    specs = [
        ("regulator", DEMO_PEOPLE["regulator"], Role.REGULATOR, "energy", bodies["energy"].id),
        ("regulator_mic", DEMO_PEOPLE["regulator_mic"], Role.REGULATOR, "industry", bodies["industry"].id),
        ("company", DEMO_PEOPLE["company"], Role.COMPANY, "", largest.id),
        ("performer", DEMO_PEOPLE["performer"], Role.PERFORMER, "", institute.id),
        ("auditor", DEMO_PEOPLE["auditor"], Role.AUDITOR, "", bodies["audit"].id),
    ]
    User = get_user_model()

    def account(login: str, names: tuple[str, str, str, str], superuser: bool = False):
        user = User.objects.filter(username=login).first() or User(username=login)
        first, last, user.name_kk, user.name_en = names
        user.email, user.first_name, user.last_name = f"{login}@niokr.example", first, last
        user.is_active, user.is_staff, user.is_superuser = True, superuser, superuser
        user.set_password(password)
        user.save()
        return user

    for login, names, role, authority, org_id in specs:
        user = account(login, names)
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(user=user, organisation_id=org_id, role=role, authority=authority)
    _lifecycle_people(bodies, account)
    policy_users = _policy_people(world, bodies, institutes, account)
    account("admin", DEMO_PEOPLE["admin"], superuser=True)
    _policy_pilot(world.seed, policy_users)
    return list(DEMO_LOGINS)


def _policy_people(world: World, bodies, institutes, account) -> dict:
    """The demo's people of the technology policy: the foresight's moderator (MSHE), three panellists
    from research institutes (``panellist``; ``panellist2`` and ``panellist3`` answer in the demo's
    walk-through), an NCSTE assessor, an MSHE policy analyst and the secretariat of the Council on
    Technology Policy (Ministry of Industry and Construction)."""
    seats = sorted(institutes, key=lambda p: p.id)[:3] or [bodies["ncste"]] * 3
    specs = [
        ("moderator", Role.FORESIGHT_MODERATOR, bodies["science"].id),
        ("panellist", Role.PANELLIST, seats[0].id),
        ("panellist2", Role.PANELLIST, seats[1 % len(seats)].id),
        ("panellist3", Role.PANELLIST, seats[2 % len(seats)].id),
        ("assessor", Role.ASSESSOR, bodies["ncste"].id),
        ("analyst", Role.POLICY_ANALYST, bodies["science"].id),
        ("secretariat", Role.POLICY_SECRETARIAT, bodies["industry"].id),
    ]
    users = {}
    for login, role, org_id in specs:
        user = account(login, DEMO_PEOPLE[login])
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(user=user, organisation_id=org_id, role=role)
        users[login] = user
    return users


def _policy_pilot(seed: int, users: dict) -> None:
    """The technology-policy pilot on the generated country: audits and TRL assessments, priority tags,
    the MedTech Delphi (two rounds closed) with AgriTech and GreenTech in round 1, the MedTech ranking."""
    from niokr.synthetic import capability_pilot, foresight_pilot, portfolio_pilot, ranking_pilot

    capability_pilot.build(seed)
    portfolio_pilot.build(seed)
    foresight_pilot.build(seed, users)
    ranking_pilot.build(seed, users)


def _lifecycle_people(bodies, account) -> None:
    """The demo's people of the R&D lifecycle: the Ministry of Energy council's secretary and one of its
    members (who takes over a generated seat), an NCSTE coordinator of the state expertise, and an MSHE
    officer of the competitive selection."""
    from niokr.projects.models import CouncilMember, StateExpert

    secretary = account("secretary", DEMO_PEOPLE["secretary"])
    Membership.objects.filter(user=secretary).delete()
    Membership.objects.create(user=secretary, organisation_id=bodies["energy"].id, role=Role.COUNCIL_SECRETARY, authority="energy")
    member = account("council", DEMO_PEOPLE["council"])
    Membership.objects.filter(user=member).delete()
    seat = CouncilMember.objects.filter(council__authority="energy").exclude(position="secretary").order_by("id").first()
    if seat is not None:
        CouncilMember.objects.filter(pk=seat.pk).update(user=member)
        Membership.objects.create(user=member, organisation_id=seat.organisation_id, role=Role.COUNCIL_MEMBER, authority="energy")
    expert = account("expert", DEMO_PEOPLE["expert"])
    Membership.objects.filter(user=expert).delete()
    Membership.objects.create(user=expert, organisation_id=bodies["ncste"].id, role=Role.EXPERT)
    StateExpert.objects.get_or_create(user=expert, organisation_id=bodies["ncste"].id, term_from=date(2024, 1, 1), defaults={"position": "coordinator"})
    officer = account("mshe", DEMO_PEOPLE["mshe"])
    Membership.objects.filter(user=officer).delete()
    Membership.objects.create(user=officer, organisation_id=bodies["science"].id, role=Role.SELECTION_OFFICER)


def _ensure_regimes() -> list[str]:
    """Seed the catalogue's rule regimes that the database lacks (as migration 0002 does).

    The generated assignments name these codes, so they must exist for ``niokr recompute``; they
    are missing after ``manage.py flush`` (or a transactional test's flush). Existing versions are
    never changed. Returns the ``code vN`` seeded.
    """
    seeded = []
    for spec in CATALOGUE:
        if not RuleRegime.objects.filter(code=spec["code"], version=spec["version"]).exists():
            RuleRegime.objects.create(**spec)
            seeded.append(f"{spec['code']} v{spec['version']}")
    return seeded


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: millions of short-lived records make its passes costly
    (about a third of the build time at national scale) while creating no garbage cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate_country(*, scale: str, seed: int, truth_path: Path | None = None, progress: bool = False, replace: bool = False) -> GenerationSummary:
    """Generate the synthetic country ``scale`` from ``seed`` into the (empty) database.

    The same scale and seed always give the same rows and the same truth file.

    Args:
        scale: ``small``, ``national`` or ``x10`` (see :mod:`niokr.synthetic.scales`).
        seed: the seed of the single random stream.
        truth_path: where to write the truth file (labelled problems); ``None`` writes none.
        progress: show progress bars on stderr.
        replace: delete the generated tables' rows (and all memberships) first, instead of refusing;
            the demo accounts are reused.

    Raises:
        GenerationError: unknown scale, or organisations exist and ``replace`` is false.
    """
    if scale not in SCALES:
        raise GenerationError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    if not replace and Organisation.objects.exists():
        raise GenerationError(_not_empty_message())
    with _gc_paused():
        return _generate(scale, seed, truth_path, progress, replace)


def _generate(scale: str, seed: int, truth_path: Path | None, progress: bool, replace: bool) -> GenerationSummary:
    """The steps of :func:`generate_country` (see the module docstring)."""
    started = time.monotonic()
    timings: dict[str, float] = {}
    world = World(SCALES[scale], seed)

    t0 = time.monotonic()
    with Progress("registry", enabled=progress) as bar:
        build_organisations(world)
        build_rights(world)
        bar.advance(len(world.orgs) + len(world.rights))
    timings["registry"] = time.monotonic() - t0

    t0 = time.monotonic()
    with Progress("spending", total=len(world.subsoil_users), enabled=progress) as bar:
        build_spending(world, progress=bar)
        finalize_country(world)
    timings["spending"] = time.monotonic() - t0

    truth = _truth_bytes(world)
    sha = hashlib.sha256(truth).hexdigest()
    problems_by_code: dict[str, int] = {}
    for p in world.problems:
        problems_by_code[p.code] = problems_by_code.get(p.code, 0) + 1
    one_percent = {year: Decimal(amount) / 100 for year, amount in sorted(world.one_percent_by_year.items())}

    t0 = time.monotonic()
    temp = None
    if truth_path is not None:
        truth_path = Path(truth_path)
        truth_path.parent.mkdir(parents=True, exist_ok=True)
        temp = truth_path.with_name(truth_path.name + ".partial")
        temp.write_bytes(truth)
    try:
        with transaction.atomic():
            if Organisation.objects.exists():
                if not replace:
                    raise GenerationError(_not_empty_message())
                clear_generated()
                ledger_cleared(reason="synthetic country replaced")
            total_rows = _row_count(world)
            with Progress("loading", total=total_rows, enabled=progress) as bar:
                counts = load_world(world, advance=bar.advance)
            seal_ledger(operation="generate", source=f"{scale}:{seed}")
            users = _demo_users(world)
            counts["accounts.User"] = len(users)
            seeded = _ensure_regimes()
            record_event(
                action="generate",
                object_type="synthetic.Country",
                object_id=f"{scale}:{seed}",
                after={
                    "scale": scale,
                    "seed": seed,
                    "as_of": AS_OF.isoformat(),
                    "counts": counts,
                    "problems": problems_by_code,
                    "one_percent_by_year": {str(y): f"{v:.2f}" for y, v in one_percent.items()},
                    "truth_sha256": sha,
                    "regimes_seeded": seeded,
                },
                reason="synthetic country generated",
            )
        if temp is not None:
            os.replace(temp, truth_path)
    finally:
        if temp is not None and temp.exists():
            temp.unlink()
    timings["database"] = time.monotonic() - t0
    return GenerationSummary(
        scale=scale,
        seed=seed,
        counts=counts,
        one_percent_by_year=one_percent,
        problems_by_code=dict(sorted(problems_by_code.items())),
        truth_path=truth_path,
        truth_sha256=sha,
        users=users,
        seconds=time.monotonic() - started,
        timings=timings,
    )


def _row_count(world: World) -> int:
    """How many rows :func:`load_world` will write (for the progress bar)."""
    assignments = sum(len(r.assignments) for r in world.rights)
    bases = sum(2 * len([y for y in r.bases if y not in r.missing_base_years]) for r in world.rights)
    return (
        len(world.orgs) + len(world.attribute_rows) + len(world.affiliation_rows) + len(world.rights) + assignments + bases
        + len(world.projects) + len(world.agreements) + 2 * (len(world.payment_rows) + len(world.transfer_rows))
    )


def _not_empty_message() -> str:
    n = Organisation.objects.count()
    return f"the database already holds {n:,} organisations; generate into an empty database, or pass --replace to delete the generated data first"
