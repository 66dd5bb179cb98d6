"""Organisations of the synthetic country: state bodies, national companies and subsoil users,
performers of every kind, their time-bounded statuses and the affiliation graph.

BINs follow the national layout (DOMAIN.md §6.2): YYMM of registration, type digit 4 (resident) or
5 (non-resident), unit digit 0 (head unit), a five-digit serial and the check digit of
:func:`niokr.core.bin.check_digit`; serials for which no check digit exists are skipped.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from niokr.core.bin import check_digit
from niokr.synthetic.names import AGGREGATORS, LIFECYCLE_BODIES, NATIONAL_COMPANIES, STATE_BODIES, NameBook
from niokr.synthetic.records import Org
from niokr.synthetic.scales import AS_OF, GENERATED_AT
from niokr.synthetic.world import FAR, World, add_years, merge, rand_day, weighted

__all__ = ["BinAllocator", "build_organisations", "org_rows", "NON_RESEARCH_PREFIXES", "non_research", "OIL_REGIONS", "URANIUM_REGIONS", "SOLID_REGIONS", "COMMON_REGIONS", "status_holds"]

OIL_REGIONS = (("atyrau", 30), ("mangystau", 25), ("west_kazakhstan", 14), ("aktobe", 18), ("kyzylorda", 13))
URANIUM_REGIONS = (("turkistan", 55), ("kyzylorda", 45))
SOLID_REGIONS = (
    ("karaganda", 22), ("east_kazakhstan", 17), ("pavlodar", 10), ("kostanay", 12), ("ulytau", 10),
    ("abai", 10), ("aktobe", 11), ("zhambyl", 4), ("akmola", 4),
)
COMMON_REGIONS = tuple(
    (r, 1)
    for r in (
        "abai", "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan", "zhambyl", "zhetisu", "karaganda",
        "kostanay", "kyzylorda", "mangystau", "north_kazakhstan", "pavlodar", "turkistan", "ulytau", "west_kazakhstan",
    )
)
REGIONS_BY_FOCUS = {"hydrocarbons": OIL_REGIONS, "uranium": URANIUM_REGIONS, "solid": SOLID_REGIONS, "common": COMMON_REGIONS}
FOCUS_MIX = (("hydrocarbons", 33), ("uranium", 3), ("solid", 46), ("common", 18))
#: Share of a focus's subsoil users owned by a national company of that focus.
SUBSIDIARY_SHARE = {"hydrocarbons": 0.14, "uranium": 0.6, "solid": 0.08, "common": 0.0}

PERFORMER_REGIONS = {
    "research_institute": (("almaty_city", 35), ("astana", 20), ("karaganda", 12), ("east_kazakhstan", 8), ("atyrau", 8), ("aktobe", 5), ("pavlodar", 5), ("shymkent", 4), ("kostanay", 3)),
    "university": (("almaty_city", 30), ("astana", 20), ("karaganda", 10), ("east_kazakhstan", 8), ("atyrau", 6), ("shymkent", 6), ("aktobe", 5), ("pavlodar", 5), ("kostanay", 4), ("kyzylorda", 3), ("west_kazakhstan", 3)),
    "company": (("almaty_city", 28), ("astana", 22), ("atyrau", 12), ("karaganda", 10), ("mangystau", 6), ("aktobe", 5), ("east_kazakhstan", 5), ("pavlodar", 4), ("shymkent", 4), ("kostanay", 4)),
    "hub_participant": (("astana", 60), ("almaty_city", 30), ("shymkent", 4), ("karaganda", 3), ("atyrau", 3)),
}
#: Registration year ranges by kind (inclusive).
REGISTRATION_YEARS = {
    "research_institute": (1993, 2012), "university": (1993, 2008), "company": (1998, 2022),
    "hub_participant": (2010, 2023), "foreign": (2004, 2021), "aggregator": (1998, 2008),
}
#: Popularity of each kind as a performer (multiplied by a per-organisation random factor).
KIND_WEIGHT = {"research_institute": 3.0, "university": 2.5, "company": 1.0, "hub_participant": 1.2, "foreign": 0.5}


class BinAllocator:
    """Valid, unique BINs: YYMM of registration + type + unit 0 + serial + check digit."""

    def __init__(self, rng):
        self.rng = rng
        self._next: dict[str, int] = {}

    def allocate(self, registered_on: date, *, resident: bool = True) -> str:
        prefix = f"{registered_on:%y%m}{'4' if resident else '5'}0"
        serial = self._next.get(prefix)
        if serial is None:
            serial = self.rng.randint(1, 400)
        while True:
            if serial > 99999:
                raise RuntimeError(f"BIN serials exhausted for {prefix}")
            first11 = f"{prefix}{serial:05d}"
            k = check_digit(first11)
            serial += self.rng.randint(1, 37)
            if k is not None:
                self._next[prefix] = serial
                return first11 + str(k)


def status_holds(org: Org, kinds, lo: int, hi: int) -> bool:
    """Whether one of ``kinds`` (``(kind, from_ordinal)`` pairs) holds throughout ``[lo, hi]``."""
    for kind, from_ord in kinds:
        if lo < from_ord:
            continue
        for a, b in org.status.get(kind, ()):
            if a <= lo and hi <= b:
                return True
    return False


def build_organisations(world: World) -> None:
    """Create every organisation, status and affiliation of ``world`` (in a fixed order)."""
    bins = BinAllocator(world.rng)
    names = NameBook(world.rng)
    _state_bodies(world, bins)
    _subsoil_users(world, bins, names)
    _performers(world, bins, names)
    _affiliations(world, bins, names)
    _activities(world)
    _lifecycle_bodies(world)


def _org_row_fields(org: Org) -> tuple:
    return (org.id, org.bin, org.names[1], org.names[0], org.names[2], org.kind, org.region, org.registered_on, org.authority, org.oked, GENERATED_AT)


def org_rows(world: World) -> list[tuple]:
    """Rows of ``registry.Organisation`` (see ``load.ORG_FIELDS``)."""
    return [_org_row_fields(o) for o in world.orgs]


def _new_org(world: World, bins: BinAllocator, *, kind: str, region: str, registered_on: date, names, resident: bool = True, **extra) -> Org:
    org = Org(id=world.next_id("org"), bin=bins.allocate(registered_on, resident=resident), kind=kind, region=region, registered_on=registered_on, names=names, foreign=not resident, **extra)
    return world.add_org(org)


def _state_bodies(world: World, bins: BinAllocator) -> None:
    for key, ru, kk, en, authority, (y, m) in STATE_BODIES:
        org = _new_org(world, bins, kind="state_body", region="astana", registered_on=date(y, m, 1) + timedelta(days=world.rng.randint(0, 20)), names=(ru, kk, en), authority=authority)
        world.state_bodies[key] = org


def _lifecycle_bodies(world: World) -> None:
    """The selection ministry and the expertise centre, last and from their own stream (their BINs
    skip any the country already holds), so that a seed's country is otherwise what it was."""
    rng = random.Random(f"lifecycle-bodies:{world.seed}")
    bins, taken = BinAllocator(rng), {org.bin for org in world.orgs}
    for key, ru, kk, en, (y, m) in LIFECYCLE_BODIES:
        registered = date(y, m, 1) + timedelta(days=rng.randint(0, 20))
        bin_ = bins.allocate(registered)
        while bin_ in taken:
            bin_ = bins.allocate(registered)
        taken.add(bin_)
        org = Org(id=world.next_id("org"), bin=bin_, kind="state_body", region="astana", registered_on=registered, names=(ru, kk, en), foreign=False, authority="")
        org.oked = ACTIVITIES["state_body"][0][0]
        world.state_bodies[key] = world.add_org(org)


def _subsoil_users(world: World, bins: BinAllocator, names: NameBook) -> None:
    rng, scale = world.rng, world.scale
    for focus, ru, kk, en in NATIONAL_COMPANIES[: scale.national_companies]:
        org = _new_org(world, bins, kind="national_company", region="astana", registered_on=rand_day(rng, date(1997, 1, 1), date(2008, 12, 31)), names=(ru, kk, en), focus=focus, weight=6.0)
        world.national_companies.append(org)
        world.subsoil_users.append(org)
    for i in range(scale.subsoil_users - scale.national_companies):
        # The first users cover every mineral focus, so that even the small country has each kind of right.
        focus = FOCUS_MIX[i][0] if i < len(FOCUS_MIX) else weighted(rng, FOCUS_MIX)
        legacy = focus != "common" and (i < len(FOCUS_MIX) or rng.random() < 0.58)
        if legacy:
            registered = date.fromordinal(int(rng.triangular(date(1994, 1, 1).toordinal(), date(2010, 12, 31).toordinal(), date(1997, 6, 1).toordinal())))
        else:
            registered = rand_day(rng, date(2008, 1, 1), date(2023, 6, 30))
        weight = rng.lognormvariate(0.0, 1.1)
        region = weighted(rng, REGIONS_BY_FOCUS[focus])
        if weight > 4 and rng.random() < 0.5:
            region = rng.choice(("astana", "almaty_city"))
        core = focus if focus != "common" else "common"
        org_names = names.company(core, jsc=weight > 3 and rng.random() < 0.5)
        org = _new_org(world, bins, kind="subsoil_user", region=region, registered_on=registered, names=org_names, focus=focus, weight=weight)
        owners = [nc for nc in world.national_companies if nc.focus == focus]
        if owners and rng.random() < SUBSIDIARY_SHARE[focus]:
            owner = rng.choice(owners)
            org.holding_id = owner.id
            org.weight *= 2.0
            share = "100.000" if rng.random() < 0.55 else f"{rng.randint(50_001, 99_000) / 1000:.3f}"
            start = max(org.registered_on, owner.registered_on) + timedelta(days=rng.randint(0, 400))
            world.affiliation_rows.append((world.next_id("aff"), owner.id, org.id, "owner", share, start, None, ""))
        world.subsoil_users.append(org)


def _performers(world: World, bins: BinAllocator, names: NameBook) -> None:
    rng = world.rng
    for region, ru, kk, en in AGGREGATORS:
        org = _new_org(world, bins, kind="aggregator", region=region, registered_on=rand_day(rng, date(1998, 1, 1), date(2008, 12, 31)), names=(ru, kk, en), weight=1.0)
        _statuses(world, org, names)
        world.performers.append(org)
    for kind, count in world.scale.performers:
        if kind == "aggregator":
            continue
        for _ in range(count):
            y0, y1 = REGISTRATION_YEARS[kind]
            registered = rand_day(rng, date(y0, 1, 1), date(y1, 12, 31))
            if kind == "research_institute":
                org_names = names.institute()
            elif kind == "university":
                org_names = names.university()
            elif kind == "foreign":
                org_names = names.foreign()
            elif kind == "hub_participant":
                org_names = names.company("tech", tech=True)
            else:
                org_names = names.company(rng.choice(("service", "service", "tech", "hydrocarbons", "solid")))
            region = "foreign" if kind == "foreign" else weighted(rng, PERFORMER_REGIONS[kind])
            org = _new_org(world, bins, kind=kind, region=region, registered_on=registered, names=org_names, resident=kind != "foreign", weight=KIND_WEIGHT[kind] * rng.lognormvariate(0.0, 0.8))
            _statuses(world, org, names)
            world.performers.append(org)
    others = sum(o.weight for o in world.performers if o.kind != "aggregator")
    for org in world.performers:
        if org.kind == "aggregator":
            org.weight = 0.07 * others


def _add_status(world: World, org: Org, kind: str, start: date, end: date | None, number: str, evidence: str, issued_by: str) -> None:
    world.attribute_rows.append((world.next_id("attr"), org.id, kind, start, end, number, evidence, issued_by))
    org.status.setdefault(kind, []).append((start.toordinal(), end.toordinal() if end else FAR))


def _statuses(world: World, org: Org, names: NameBook) -> None:
    """Time-bounded statuses of a performer, then its merged intervals and no-status gaps."""
    rng = world.rng
    kind = org.kind
    reg = org.registered_on
    if org.foreign:
        if rng.random() < 0.8:
            start = max(reg + timedelta(days=rng.randint(30, 400)), date(2012, 3, 1) + timedelta(days=rng.randint(0, 2400)))
            while start <= AS_OF:
                end = add_years(start, rng.randint(1, 3)) - timedelta(days=1)
                authority = "Министерство энергетики РК" if rng.random() < 0.5 else "Министерство промышленности и строительства РК"
                number = f"РИ-{start.year}-{rng.randint(1, 999):03d}"
                _add_status(world, org, "foreign_permission", start, end, number, "Разрешение на привлечение иностранной организации к выполнению НИОКР", authority)
                if rng.random() < 0.45:
                    break
                start = end + timedelta(days=rng.randint(90, 700))
    else:
        p_kz = {"research_institute": 0.95, "university": 0.95, "company": 0.88, "hub_participant": 0.75, "aggregator": 1.0}[kind]
        if rng.random() < p_kz:
            start = max(reg + timedelta(days=rng.randint(30, 180)), date(2008, 1, 1) + timedelta(days=rng.randint(0, 200)))
            share = rng.randint(95, 100)
            fate = 1.0 if kind == "aggregator" else rng.random()
            if fate < 0.08:  # lapses for good
                end = rand_day(rng, start + timedelta(days=700), AS_OF - timedelta(days=60))
                _add_status(world, org, "kazakhstani_supplier", start, end if end > start else None, "", f"доля граждан РК среди работников {share}%", "")
            elif fate < 0.15:  # lapses, then is restored
                end = rand_day(rng, start + timedelta(days=700), AS_OF - timedelta(days=500))
                if end > start:
                    _add_status(world, org, "kazakhstani_supplier", start, end, "", f"доля граждан РК среди работников {share}%", "")
                    again = end + timedelta(days=rng.randint(60, 400))
                    _add_status(world, org, "kazakhstani_supplier", again, None, "", f"доля граждан РК среди работников {rng.randint(95, 100)}%", "")
                else:
                    _add_status(world, org, "kazakhstani_supplier", start, None, "", f"доля граждан РК среди работников {share}%", "")
            else:
                _add_status(world, org, "kazakhstani_supplier", start, None, "", f"доля граждан РК среди работников {share}%", "")
        p_acc = {"research_institute": 1.0, "university": 1.0, "company": 0.25, "hub_participant": 0.12, "aggregator": 1.0}[kind]
        if rng.random() < p_acc:
            start = max(reg + timedelta(days=rng.randint(180, 1100)), date(2007, 1, 1) + timedelta(days=rng.randint(0, 700)))
            while start <= AS_OF:
                end = add_years(start, 5) - timedelta(days=1)
                issuer = "Комитет науки Министерства образования и науки РК" if start < date(2022, 6, 11) else "Комитет науки Министерства науки и высшего образования РК"
                _add_status(world, org, "science_accreditation", start, end, f"АК-{rng.randint(1, 999999):06d}", "Свидетельство об аккредитации субъекта научной и (или) научно-технической деятельности", issuer)
                fate = 1.0 if kind == "aggregator" else rng.random()
                if fate < 0.08:
                    break
                start = end + timedelta(days=1 if fate > 0.18 else rng.randint(60, 300))
        p_hub = {"research_institute": 0.0, "university": 0.0, "company": 0.03, "hub_participant": 1.0, "aggregator": 0.0}[kind]
        if rng.random() < p_hub:
            start = max(reg + timedelta(days=rng.randint(100, 700)), date(2015, 1, 1) + timedelta(days=rng.randint(0, 1500)))
            while start <= AS_OF:
                end = add_years(start, 3) - timedelta(days=1)
                _add_status(world, org, "astana_hub", start, end, f"AH-{start.year}-{rng.randint(1, 9999):04d}", "Свидетельство участника инновационного кластера «Astana Hub»", "АКФ «Astana Hub»")
                fate = rng.random()
                if fate < 0.12:
                    break
                start = end + timedelta(days=1 if fate > 0.2 else rng.randint(60, 300))
    for key in sorted(org.status):
        org.status[key] = merge(org.status[key])
    _gaps(org)


def _gaps(org: Org) -> None:
    """Intervals after registration (to AS_OF) in which a domestic performer holds no status, or a foreign one no permission."""
    relevant = ("foreign_permission",) if org.foreign else ("kazakhstani_supplier", "science_accreditation", "astana_hub")
    covered = merge([iv for k in relevant for iv in org.status.get(k, ())])
    cursor = org.registered_on.toordinal() + 30
    end = AS_OF.toordinal()
    gaps = []
    for lo, hi in covered:
        if lo > cursor:
            gaps.append((cursor, min(lo - 1, end)))
        cursor = max(cursor, hi + 1)
        if cursor > end:
            break
    if cursor <= end:
        gaps.append((cursor, end))
    org.gaps = [(a, b) for a, b in gaps if b - a >= 20]


#: Share of a national company's subsidiaries held through an intermediate holding (NC → holding → user).
INTERMEDIATE_SHARE = 0.35
#: Ownership chains below a national company per performer of the country (NC → company → … → performer).
CHAIN_SHARE = 0.008


def _share(rng) -> str:
    return "100.000" if rng.random() < 0.6 else f"{rng.randint(50_001, 99_000) / 1000:.3f}"


def _own(world: World, owner: Org, owned: Org, *, start: date | None = None, end: date | None = None, share: str | None = None) -> date:
    """An ownership edge ``owner`` → ``owned`` from ``start`` (default: soon after both exist)."""
    rng = world.rng
    if start is None:
        start = max(owned.registered_on, owner.registered_on) + timedelta(days=rng.randint(0, 200))
    world.affiliation_rows.append((world.next_id("aff"), owner.id, owned.id, "owner", share or _share(rng), start, end, ""))
    return start


def _holding_company(world: World, bins: BinAllocator, names: NameBook, parent: Org, *, after: date | None = None) -> Org:
    """An intermediate company of a group (not a performer): a holding or a service subsidiary."""
    rng = world.rng
    lo = max(parent.registered_on, after or parent.registered_on) + timedelta(days=30)
    registered = rand_day(rng, lo, max(lo, date(2014, 12, 31)))
    core = parent.focus if parent.focus in ("hydrocarbons", "solid", "uranium") else "service"
    org = _new_org(world, bins, kind="company", region=rng.choice(("astana", "astana", "almaty_city", parent.region)), registered_on=registered, names=names.company(rng.choice((core, "service")), jsc=rng.random() < 0.4))
    org.holding_id = parent.id
    return org


def _affiliations(world: World, bins: BinAllocator, names: NameBook) -> None:
    """Ownership trees under the national companies, of varied depth and with dates; and subsoil
    users sharing a founder or director with a company.

    * a national company owns some performers directly (institutes and service companies);
    * it owns some of its subsidiaries through an intermediate holding (NC → holding → user);
    * it owns some performers through one or two intermediate companies (NC → company → performer,
      NC → company → company → performer); a quarter of these chains end when the performer is sold.

    A subsidiary's group is then everything under its ultimate parent on the day: «payer ← parent →
    subsidiary → sub-subsidiary performer» is four links away.
    """
    rng = world.rng
    candidates = [p for p in world.performers if p.kind in ("research_institute", "company") and "kazakhstani_supplier" in p.status]
    per_holding = max(1, round(0.012 * len(world.performers)))
    taken: set[int] = set()
    for nc in world.national_companies:
        pool = [p for p in candidates if p.id not in taken]
        for perf in rng.sample(pool, min(per_holding, len(pool))):
            taken.add(perf.id)
            _own(world, nc, perf)
    # every national company has a subsidiary, even in a small country
    for nc in world.national_companies:
        plain = [u for u in world.subsoil_users if u.kind == "subsoil_user" and u.holding_id is None and u.focus == nc.focus and u.registered_on > nc.registered_on]
        if plain and not any(u.holding_id == nc.id for u in world.subsoil_users):
            user = rng.choice(plain)
            user.holding_id = nc.id
            user.weight *= 2.0
            _own(world, nc, user, start=user.registered_on + timedelta(days=rng.randint(0, 400)))
    # subsidiaries held through an intermediate holding (the first of each national company always)
    firsts: set[int] = set()
    for user in world.subsoil_users:
        if user.kind != "subsoil_user" or user.holding_id is None:
            continue
        first = user.holding_id not in firsts
        firsts.add(user.holding_id)
        if not first and rng.random() >= INTERMEDIATE_SHARE:
            continue
        nc = world.org_by_id[user.holding_id]
        row = next(i for i, r in enumerate(world.affiliation_rows) if r[1] == nc.id and r[2] == user.id)
        _id, _src, _tgt, _kind, share, start, _end, _note = world.affiliation_rows.pop(row)
        holding = _holding_company(world, bins, names, nc)
        holding_start = _own(world, nc, holding)
        _own(world, holding, user, start=max(start, holding_start, user.registered_on), share=share)
        user.holding_id = holding.id
    # performers several links below a national company
    chains = max(2, round(CHAIN_SHARE * len(world.performers)))
    for nc in world.national_companies:
        for _ in range(chains):
            pool = [p for p in candidates if p.id not in taken]
            if not pool:
                break
            perf = rng.choice(pool)
            taken.add(perf.id)
            parent = nc
            for _level in range(rng.choice((1, 1, 2))):
                mid = _holding_company(world, bins, names, parent)
                _own(world, parent, mid)
                parent = mid
            start = max(perf.registered_on, parent.registered_on) + timedelta(days=rng.randint(0, 400))
            end = None
            if rng.random() < 0.25 and start < date(2021, 1, 1):
                end = rand_day(rng, add_years(start, 2), date(2025, 6, 30))  # the performer was sold
            _own(world, parent, perf, start=start, end=end)
    plain_users = [u for u in world.subsoil_users if u.kind == "subsoil_user"]
    linked = max(2, round(0.04 * len(plain_users)))
    pool = [p for p in world.performers if p.kind in ("company", "hub_participant") and p.id not in taken and "kazakhstani_supplier" in p.status]
    for user in rng.sample(plain_users, min(linked, len(plain_users))):
        if not pool:
            break
        perf = pool.pop(rng.randrange(len(pool)))
        kind = "common_founder" if rng.random() < 0.5 else "common_director"
        person = names.person()
        note = f"Общий учредитель: {person}" if kind == "common_founder" else f"Общий руководитель: {person}"
        start = max(perf.registered_on, user.registered_on) + timedelta(days=rng.randint(0, 300))
        world.affiliation_rows.append((world.next_id("aff"), user.id, perf.id, kind, None, start, None, note))
    _affiliated_sets(world)


def _affiliated_sets(world: World) -> None:
    """For each payer: the performers in its ownership tree (under its ultimate parent) or sharing
    a founder or director with it or with another company of that tree, with how they are linked
    and when (for the truth file).

    ``world.affiliated[payer][performer]`` = ``(relation, via, holding id, share, from, to, chain)``:
    ``via`` is ``payer`` (the performer is below the payer, or linked to it by a person) or
    ``holding`` (below one of its owners: ``holding id`` is the nearest common owner); ``from`` and
    ``to`` are the ordinals between which every link of ``chain`` (org ids from the payer up to the
    common owner and down to the performer) holds.
    """
    parent: dict[int, tuple[int, int, int]] = {}  # child -> (owner, from, to)
    children: dict[int, list[tuple[int, str, int, int]]] = {}
    people: dict[int, list[tuple[int, str, int, int]]] = {}
    for _id, source, target, kind, share, start, end, _note in world.affiliation_rows:
        lo, hi = start.toordinal(), end.toordinal() if end else FAR
        if kind == "owner":
            parent[target] = (source, lo, hi)
            children.setdefault(source, []).append((target, share, lo, hi))
        else:
            people.setdefault(source, []).append((target, kind, lo, hi))
            people.setdefault(target, []).append((source, kind, lo, hi))
    performer_ids = {p.id for p in world.performers}
    for payer in world.subsoil_users:
        found: dict[int, tuple] = {}
        for other, kind, lo, hi in people.get(payer.id, ()):
            if other in performer_ids:
                found[other] = (kind, "payer", None, None, lo, hi, (payer.id, other))
        up = [payer.id]  # the payer and its owners, nearest first
        up_lo, up_hi = [0], [FAR]  # the window of the links from the payer up to each
        while up[-1] in parent:
            owner, lo, hi = parent[up[-1]]
            up.append(owner)
            up_lo.append(max(up_lo[-1], lo))
            up_hi.append(min(up_hi[-1], hi))
        for level, top in enumerate(up):
            stack = [(top, up_lo[level], up_hi[level], tuple(up[: level + 1]), None)]
            while stack:
                node, lo, hi, chain, share = stack.pop()
                if node in performer_ids and node not in found and node != payer.id and lo <= hi:
                    found[node] = ("owner", "payer" if level == 0 else "holding", None if level == 0 else top, share, lo, hi, chain)
                if node != payer.id:
                    # one founder or director link from a company of the payer's group joins the performer to it
                    for other, kind, p_lo, p_hi in people.get(node, ()):
                        if other in performer_ids and other not in found and other != payer.id and max(lo, p_lo) <= min(hi, p_hi):
                            found[other] = (kind, "payer" if level == 0 else "holding", None if level == 0 else top, None, max(lo, p_lo), min(hi, p_hi), chain + (other,))
                for child, child_share, c_lo, c_hi in children.get(node, ()):
                    if level > 0 and child == up[level - 1]:
                        continue  # the branch the payer hangs from
                    stack.append((child, max(lo, c_lo), min(hi, c_hi), chain + (child,), child_share))
        if found:
            world.affiliated[payer.id] = found


#: OKED codes of principal activities by kind (code, weight): research 72.1x/72.2x, higher education
#: 85.4x, IT 62.0x/63.1x, engineering and testing 71.x, oil and gas 06.x/09.1, mining 05.x/07.x/08.x/09.9.
ACTIVITIES = {
    "research_institute": (("72.19.0", 70), ("72.11.0", 12), ("72.19", 10), ("72.20.0", 8)),
    "university": (("85.42.0", 85), ("85.42", 10), ("85.41.0", 5)),
    "aggregator": (("72.19.0", 100),),
    "hub_participant": (("62.01.0", 45), ("62.02.0", 20), ("63.11.0", 10), ("72.19.0", 15), ("71.12.0", 10)),
    "company": (("71.12.0", 30), ("71.20.0", 15), ("09.10.0", 15), ("09.90.0", 10), ("72.19.0", 15), ("62.01.0", 10), ("74.90.0", 5)),
    "hydrocarbons": (("06.10.0", 80), ("06.20.0", 20)),
    "uranium": (("07.21.0", 100),),
    "solid": (("07.29.0", 40), ("07.10.0", 20), ("05.10.0", 20), ("08.99.0", 10), ("24.44.0", 10)),
    "common": (("08.12.0", 70), ("08.11.0", 30)),
    "holding": (("70.10.0", 60), ("64.20.0", 40)),
    "state_body": (("84.11.0", 100),),
}
#: Trade and finance: a performer whose principal activity is one of these is not a research organisation.
NON_RESEARCH_ACTIVITIES = (("46.69.0", 20), ("46.75.0", 20), ("46.71.0", 10), ("46.90.0", 15), ("47.19.0", 10), ("64.19.0", 10), ("64.99.0", 10), ("66.19.0", 5))
NON_RESEARCH_PREFIXES = ("46", "47", "64", "66")
#: Share of the domestic companies among performers that are in truth trading houses or financial firms.
NON_RESEARCH_SHARE = 0.05


def _activities(world: World) -> None:
    """Give every organisation its principal activity (OKED), and make a few performing companies
    trading houses or financial firms: they hold a supplier status, so only their activity shows
    they are not research organisations (the ``trade_or_finance_performer`` problem)."""
    rng = world.rng
    grouped = {org.id for row in world.affiliation_rows for org in (world.org_by_id[row[1]], world.org_by_id[row[2]])}
    performers = {p.id for p in world.performers}
    for org in world.orgs:
        if org.foreign:
            continue
        if org.kind in ("subsoil_user", "national_company"):
            key = org.focus if org.focus in ACTIVITIES else "solid"
        elif org.kind == "company" and org.id not in performers:
            key = "holding"
        else:
            key = org.kind
        org.oked = weighted(rng, ACTIVITIES[key])
    companies = [p for p in world.performers if p.kind == "company" and p.id not in grouped and "kazakhstani_supplier" in p.status]
    chosen = rng.sample(companies, min(len(companies), max(2, round(NON_RESEARCH_SHARE * len(companies)))))
    # both sides of the rule whenever the companies allow: one accredited trading house or financial
    # firm at least (paid "for R&D", a clean look-alike: the science authority judged it) and one without
    for accredited in (True, False):
        if len(chosen) >= 2 and not any(("science_accreditation" in p.status) == accredited for p in chosen):
            spare = [p for p in companies if ("science_accreditation" in p.status) == accredited and p not in chosen]
            if spare:
                chosen[-1 if accredited else 0] = rng.choice(spare)
    for org in chosen:
        org.oked = weighted(rng, NON_RESEARCH_ACTIVITIES)


def non_research(org: Org) -> bool:
    """Whether the organisation's principal activity is trade or finance."""
    return org.oked[:2] in NON_RESEARCH_PREFIXES
