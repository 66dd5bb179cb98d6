"""Organisations of the synthetic country: state bodies, national companies and subsoil users,
performers of every kind, their time-bounded statuses and the affiliation graph.

BINs follow the national layout (DOMAIN.md §6.2): YYMM of registration, type digit 4 (resident) or
5 (non-resident), unit digit 0 (head unit), a five-digit serial and the check digit of
:func:`niokr.core.bin.check_digit`; serials for which no check digit exists are skipped.
"""

from __future__ import annotations

from datetime import date, timedelta

from niokr.core.bin import check_digit
from niokr.synthetic.names import AGGREGATORS, NATIONAL_COMPANIES, STATE_BODIES, NameBook
from niokr.synthetic.records import Org
from niokr.synthetic.scales import AS_OF, GENERATED_AT
from niokr.synthetic.world import FAR, World, add_years, merge, rand_day, weighted

__all__ = ["BinAllocator", "build_organisations", "org_rows", "OIL_REGIONS", "URANIUM_REGIONS", "SOLID_REGIONS", "COMMON_REGIONS", "status_holds"]

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
    _affiliations(world, names)


def _org_row_fields(org: Org) -> tuple:
    return (org.id, org.bin, org.names[1], org.names[0], org.names[2], org.kind, org.region, org.registered_on, org.authority, GENERATED_AT)


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


def _affiliations(world: World, names: NameBook) -> None:
    """National companies own some performers; some subsoil users share a founder or director with one."""
    rng = world.rng
    candidates = [p for p in world.performers if p.kind in ("research_institute", "company") and "kazakhstani_supplier" in p.status]
    per_holding = max(1, round(0.012 * len(world.performers)))
    taken: set[int] = set()
    for nc in world.national_companies:
        pool = [p for p in candidates if p.id not in taken]
        for perf in rng.sample(pool, min(per_holding, len(pool))):
            taken.add(perf.id)
            share = "100.000" if rng.random() < 0.6 else f"{rng.randint(50_001, 99_000) / 1000:.3f}"
            start = max(perf.registered_on, nc.registered_on) + timedelta(days=rng.randint(0, 200))
            world.affiliation_rows.append((world.next_id("aff"), nc.id, perf.id, "owner", share, start, None, ""))
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
    """For each payer: the performers linked to it or to its holding, with how (for the truth file)."""
    edges: dict[int, list[tuple]] = {}
    for _id, source, target, kind, share, start, _end, _note in world.affiliation_rows:
        edges.setdefault(source, []).append((target, kind, share, start))
        edges.setdefault(target, []).append((source, kind, share, start))
    performer_ids = {p.id for p in world.performers}
    for payer in world.subsoil_users:
        found: dict[int, tuple] = {}
        for other, kind, share, start in edges.get(payer.id, ()):
            if other in performer_ids:
                found[other] = (kind, "payer", None, share, start.toordinal())
        if payer.holding_id is not None:
            for other, kind, share, start in edges.get(payer.holding_id, ()):
                if other in performer_ids and other not in found:
                    found[other] = (kind, "holding", payer.holding_id, share, start.toordinal())
        if found:
            world.affiliated[payer.id] = found
