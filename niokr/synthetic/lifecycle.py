"""What the synthetic country's 1 % bought: programmes, council decisions, expertise, calls, calendar plans,
acceptance acts and results — with the lifecycle problems labelled in the truth file.

Two steps, drawing from a random stream of their own derived from the seed (so that the rest of the
country is the same with or without them):

* :func:`plan_payer` (per payer, from :func:`finalize.finalize_payer`, while its payments are in
  memory): a calendar plan for most agreements — stages cut from its payments, each accepted by an
  act signed before the stage's payments — and, injected, payments running ahead of acceptance;
* :func:`build_country` (from :func:`finalize.finalize_country`): programmes with versions and budgets
  for the projects, the councils with members from the registry, sessions with attendance,
  recusals found in the affiliation graph and votes (some sessions fail their quorum), the state
  expertise of approved versions, the 2026 calls with applications, and results with evidence;
  then the injected problems of the lifecycle indicators and their labels.

The problems vary in form (docs/synthetic-data.md, "The lifecycle"): an excess paid in one payment
or several, an act short by a little or missing, an act signed after its payment; a conflicted
member one or two links away through an owner, a common founder or a common director, with the
recusal missing or recorded and ignored; a result recorded approved a vote short of two thirds, a
quorum missed by one, abstentions counted against the session's policy; evidence missing or
written as a dash or «нет»; a TRL falling back by one or two levels, or leaping three to five in a
stage. Clean look-alikes sit beside them: a shortfall within the tolerance, an act signed on the
payment day, exactly two thirds, a rise of exactly two levels, short but real references.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from random import Random

from niokr.projects.lifecycle.votes import DEFAULT_POLICY, Policy, ceil_share, tally
from niokr.synthetic.records import Problem, day_of, money
from niokr.synthetic.scales import AS_OF
from niokr.synthetic.world import FAR, World

__all__ = ["plan_payer", "build_country", "Lifecycle", "TOLERANCE", "PROGRAMMES_FROM", "REQUIRED_FROM"]

AS_OF_ORD = AS_OF.toordinal()
#: NK-23's default tolerance: payments may run ahead of the accepted acts by 1 % of the agreement amount.
TOLERANCE = 0.01
#: Share of agreements whose calendar plan is recorded.
PLAN_SHARE = 0.9
#: Every project whose first agreement is signed from this day has a programme (STC approval for HC/U since 2023).
PROGRAMMES_FROM = date(2023, 7, 1).toordinal()
#: NK-16's default: agreements signed from here need an approved programme recorded.
REQUIRED_FROM = date(2026, 1, 1).toordinal()
MIN_AMOUNT = 1_000_000_000  # NK-16's default least amount, tiyn
#: Before this, a project's programme is recorded only now and then (a quarter of the projects from here).
EARLIEST = date(2019, 1, 1).toordinal()

RATES = {
    "paid_beyond_acceptance": 0.02,  # of the planned agreements
    "beyond_lookalike": 0.02,
    "council_conflict_vote": 0.5,  # of the items with a conflicted member found
    "council_result_misrecorded": 0.02,  # of the decided items
    "agreement_without_programme": 0.02,  # of the projects with a programme
    "completed_without_delivery": 0.025,  # of the completed projects, each form
    "result_without_evidence": 0.03,  # of the projects with results
    "trl_problem": 0.03,  # of the projects with TRL claims
}
MEMBERS = 15  # voting members of each council (and a secretary)
EXPERTS = 12
#: Surnames of the council members and experts (Russian, Kazakh, English): the Kazakh spelling always differs.
_SURNAMES = (
    ("Сейткали", "Сейітқали", "Seitkali"), ("Жумабекова", "Жұмабекова", "Zhumabekova"), ("Тулегенова", "Төлегенова", "Tulegenova"), ("Беккожин", "Бекқожин", "Bekkozhin"),
    ("Садыкова", "Садықова", "Sadykova"), ("Нуржанов", "Нұржанов", "Nurzhanov"), ("Абдрахманов", "Әбдірахманов", "Abdrakhmanov"), ("Касымова", "Қасымова", "Kassymova"),
    ("Шакенов", "Шәкенов", "Shakenov"), ("Ергалиев", "Ерғалиев", "Yergaliyev"), ("Жакупова", "Жақыпова", "Zhakupova"), ("Толеубаев", "Төлеубаев", "Toleubayev"),
    ("Ахметова", "Әхметова", "Akhmetova"), ("Мухамедиев", "Мұхамедиев", "Mukhamediyev"), ("Сагындыков", "Сағындықов", "Sagyndykov"), ("Турсунова", "Тұрсынова", "Tursunova"),
)
_FIRST = (("Арман", "Арман", "Arman"), ("Гульнара", "Гүлнар", "Gulnara"), ("Ерлан", "Ерлан", "Yerlan"), ("Айжан", "Айжан", "Aizhan"), ("Данияр", "Данияр", "Daniyar"), ("Салтанат", "Салтанат", "Saltanat"), ("Марат", "Марат", "Marat"), ("Алия", "Әлия", "Aliya"))
COUNCIL_NAMES = {
    "energy": ("Научно-технический совет Министерства энергетики", "Энергетика министрлігінің ғылыми-техникалық кеңесі", "Scientific-Technical Council of the Ministry of Energy"),
    "industry": ("Научно-технический совет Министерства промышленности и строительства", "Өнеркәсіп және құрылыс министрлігінің ғылыми-техникалық кеңесі", "Scientific-Technical Council of the Ministry of Industry and Construction"),
    "atomic": ("Научно-технический совет Агентства по атомной энергии", "Атом энергиясы агенттігінің ғылыми-техникалық кеңесі", "Scientific-Technical Council of the Agency for Atomic Energy"),
}
AUTHORITY_OF = {"hydrocarbons": "energy", "uranium": "atomic", "solid": "industry", "common": "industry"}
#: Evidence written where there is none: blank and placeholder forms.
BLANKS = ("   ", "-", "—", "нет", "жоқ", "н/д", "n/a", "0", ".", "б/н")
#: Evidence written as a pointer to somewhere else that names no document.
POINTERS = ("см. отчёт за {year} г.", "Смотри отчёт", "Подтверждается отчётом за {year} год", "{year} жылғы есепті қараңыз", "see report {year}", "Документы имеются", "в приложении к отчёту")
STAMP = time(6, tzinfo=UTC)


def _at(ordinal: int) -> datetime:
    return datetime.combine(day_of(ordinal), STAMP)


def _sha(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


@dataclass(slots=True, eq=False)
class PlanStage:
    id: int
    agreement_id: int
    number: int
    start: int
    end: int
    amount: int
    status: str
    act: list | None = None  # [id, number, signed ordinal, amount]
    payments: list = field(default_factory=list)  # (day, amount, payment id)


@dataclass(slots=True, eq=False)
class Plan:
    agreement: object
    stages: list
    paid: int


class Lifecycle:
    """The lifecycle rows of a country, as compact tuples (written by :func:`load_rows`)."""

    def __init__(self, seed: int):
        #: The lifecycle's own random stream, derived from the seed: the rest of the country is
        #: generated exactly as without it.
        self.rng = Random(f"lifecycle:{seed}")
        self.plans: dict[int, Plan] = {}
        self.payment_stage: dict[int, int] = {}
        self.stage_id = 0
        self.act_id = 0
        self.users: list[tuple] = []  # (username, first ru, last ru, name kk, name en)
        self.rows: dict[str, list] = defaultdict(list)


def _state(world: World) -> Lifecycle:
    if getattr(world, "lifecycle", None) is None:
        world.lifecycle = Lifecycle(world.seed)
    return world.lifecycle


# -- calendar plans, acts and payments ahead of acceptance ----------------------------------------------


def plan_payer(world: World, state) -> None:
    """Calendar plans of the payer's agreements (its payment records have their ids now)."""
    rng = _state(world).rng
    lc = _state(world)
    for agreement in state.agreements:
        records = sorted(((rec[4 - 1], rec[11], rec[4]) for rec in agreement.payments), key=lambda r: (r[0], r[1]))  # (day, id, amount)
        if not records or rng.random() >= PLAN_SHARE:
            continue
        n = len(records)
        k = min(n, rng.choices((1, 2, 3, 4), (20, 35, 30, 15))[0])
        cuts = sorted(rng.sample(range(1, n), k - 1)) if k > 1 else []
        groups, last = [], 0
        for cut in [*cuts, n]:
            groups.append(records[last:cut])
            last = cut
        stages, previous_end, previous_day = [], agreement.signed_on - 1, agreement.signed_on
        for i, group in enumerate(groups, start=1):
            first_day = group[0][0]
            act_day = rng.randint(max(previous_day, first_day - 25, agreement.signed_on), max(first_day, agreement.signed_on)) if first_day >= agreement.signed_on else first_day
            start = min(previous_end + 1, act_day)
            lc.stage_id += 1
            amount = sum(r[2] for r in group)
            stage = PlanStage(lc.stage_id, agreement.id, i, start, max(start, act_day), amount, "accepted", payments=[(d, a, pid) for d, pid, a in group])
            lc.act_id += 1
            stage.act = [lc.act_id, f"АКТ-{day_of(act_day).year}/{lc.act_id:06d}", act_day, amount]
            for _d, _a, pid in stage.payments:
                lc.payment_stage[pid] = stage.id
            stages.append(stage)
            previous_end, previous_day = stage.end, group[-1][0]
        paid = sum(r[2] for r in records)
        rest = agreement.amount - paid
        if rest > 0 and agreement.period_end > AS_OF_ORD:
            lc.stage_id += 1
            stages.append(PlanStage(lc.stage_id, agreement.id, len(stages) + 1, previous_end + 1, max(previous_end + 1, agreement.period_end), rest, "planned"))
        elif rest > 0:
            stages[-1].amount += rest  # planned more than was paid and accepted
        plan = Plan(agreement, stages, paid)
        lc.plans[agreement.id] = plan
        roll = rng.random()
        if roll < RATES["paid_beyond_acceptance"] and agreement.kind == "clean":
            _inject_beyond(world, plan)
        elif roll < RATES["paid_beyond_acceptance"] + RATES["beyond_lookalike"]:
            _lookalike_beyond(world, plan)
        _label_beyond(world, plan)


def _accepted(plan: Plan) -> list[tuple[int, int]]:
    return sorted((s.act[2], s.act[3]) for s in plan.stages if s.act is not None)


def peak_excess(plan: Plan) -> tuple[int, int | None, int]:
    """The largest excess of payments to date over acts to date, its day, and how many payments made it."""
    pays = sorted(p for s in plan.stages for p in s.payments)
    acts = _accepted(plan)
    days = [a[0] for a in acts]
    cum = [0]
    for _d, amount in acts:
        cum.append(cum[-1] + amount)
    peak, peak_day, paid, count = 0, None, 0, 0
    for k, (day, amount, _pid) in enumerate(pays):
        paid += amount
        if k + 1 < len(pays) and pays[k + 1][0] == day:
            continue
        excess = paid - cum[bisect_right(days, day)]
        if excess > peak:
            peak, peak_day = excess, day
    if peak_day is not None:
        covered = 0
        for day, amount, _pid in reversed([p for p in pays if p[0] <= peak_day]):
            count += 1
            covered += amount
            if covered >= peak:
                break
    return peak, peak_day, count


def _inject_beyond(world: World, plan: Plan) -> None:
    rng = _state(world).rng
    accepted = [s for s in plan.stages if s.act is not None]
    if not accepted:
        return
    form = rng.choice(("final_unaccepted", "short_accepted", "act_late", "act_late"))
    stage = accepted[-1] if form != "act_late" else rng.choice(accepted)
    if form == "final_unaccepted":
        stage.act, stage.status = None, rng.choice(("submitted", "returned"))
    elif form == "short_accepted":
        cut = max(100, int(plan.agreement.amount * rng.uniform(0.0106, 0.06)))
        if cut >= stage.act[3]:
            stage.act, stage.status = None, "submitted"
        else:
            stage.act[3] -= cut
    else:
        first = min(p[0] for p in stage.payments)
        stage.act[2] = first + rng.randint(4, 75)
        stage.end = max(stage.end, stage.act[2])
    _state(world).rows["_beyond_forms"].append((plan.agreement.id, form))


def _lookalike_beyond(world: World, plan: Plan) -> None:
    """A clean look-alike: an act short of its payments by less than the tolerance, or signed on the payment day."""
    rng = _state(world).rng
    accepted = [s for s in plan.stages if s.act is not None]
    if not accepted:
        return
    stage = rng.choice(accepted)
    if rng.random() < 0.5:
        cut = int(plan.agreement.amount * rng.uniform(0.002, 0.008))
        if 0 < cut < stage.act[3]:
            stage.act[3] -= cut
    else:
        stage.act[2] = min(p[0] for p in stage.payments)


def _label_beyond(world: World, plan: Plan) -> None:
    peak, day, count = peak_excess(plan)
    if day is None or peak <= round(TOLERANCE * plan.agreement.amount):
        return
    forms = dict(_state(world).rows["_beyond_forms"])
    a = plan.agreement
    world.problems.append(Problem("paid_beyond_acceptance", "agreement", _agreement_subject(a), {
        "form": forms.get(a.id, "incidental"), "excess": money(peak), "excess_share": round(peak / a.amount, 4), "peak_on": day_of(day).isoformat(), "payments_beyond": count,
    }))


def _agreement_subject(a) -> dict:
    return {
        "agreement_id": a.id, "agreement_number": a.number, "payer_id": a.payer.id, "payer_bin": a.payer.bin,
        "performer_id": a.performer.id, "performer_bin": a.performer.bin,
    }


# -- the country: programmes, councils, expertise, calls, results ---------------------------------------


def _graph(world: World) -> dict[int, list[tuple[int, str, int, int]]]:
    graph: dict[int, list[tuple[int, str, int, int]]] = defaultdict(list)
    for _id, source, target, kind, _share, start, end, _note in world.affiliation_rows:
        lo = start.toordinal() if start else 0
        hi = end.toordinal() if end else FAR
        graph[source].append((target, kind, lo, hi))
        graph[target].append((source, kind, lo, hi))
    return graph


def conflict_path(graph, start: int, parties: set[int], day: int, hops: int = 2) -> list[tuple[int, str]] | None:
    """The shortest path (organisation, link) from ``start`` to a party within ``hops`` edges valid on ``day``."""
    if start in parties:
        return [(start, "")]
    previous = {start: None}
    queue, depth = deque([start]), {start: 0}
    while queue:
        node = queue.popleft()
        if depth[node] >= hops:
            continue
        for nxt, kind, lo, hi in sorted(graph.get(node, ())):
            if nxt in depth or not lo <= day <= hi:
                continue
            depth[nxt], previous[nxt] = depth[node] + 1, (node, kind)
            if nxt in parties:
                path, cur = [], nxt
                while previous[cur] is not None:
                    prev, link = previous[cur]
                    path.append((cur, link))
                    cur = prev
                path.append((start, ""))
                return path[::-1]
            queue.append(nxt)
    return None


def _session_days(rng, lo: int, hi: int) -> list[int]:
    days = []
    year, month = day_of(lo).year, day_of(lo).month
    while True:
        for dom in (6, 21):
            d = date(year, month, dom).toordinal()
            if lo <= d <= hi:
                days.append(d)
        if date(year, month, 1).toordinal() > hi:
            return days
        month += 1
        if month == 13:
            year, month = year + 1, 1


def build_country(world: World) -> None:
    """Programmes, councils, sessions, expertise, calls and results; the lifecycle problems and their labels."""
    rng = _state(world).rng
    lc = _state(world)
    orgs = world.org_by_id
    graph = _graph(world)
    by_project: dict[int, list] = defaultdict(list)
    for a in world.agreements:
        if a.project is not None:
            by_project[a.project.id].append(a)
    rows = lc.rows

    # -- councils and their members (organisations from the registry) ---------------------------------
    institutes = [p for p in world.performers if p.kind in ("research_institute", "university")]
    industry = [*world.national_companies, *[u for u in world.subsoil_users if u.holding_id is not None]]
    councils: dict[str, dict] = {}
    uid = 0
    for cid, authority in enumerate(("energy", "industry", "atomic"), start=1):
        rows["council"].append((cid, authority, COUNCIL_NAMES[authority][1], COUNCIL_NAMES[authority][0], COUNCIL_NAMES[authority][2]))
        members = []
        for m in range(MEMBERS + 1):
            uid += 1
            last, first = rng.choice(_SURNAMES), rng.choice(_FIRST)
            lc.users.append((f"stc-{authority}-{m + 1:02d}", first[0], last[0], f"{first[1]} {last[1]}", f"{first[2]} {last[2]}"))
            pool = industry if (rng.random() < 0.3 and industry) else institutes
            org = rng.choice(pool)
            position = "secretary" if m == MEMBERS else ("chair" if m == 0 else ("deputy" if m == 1 else "member"))
            mid = len(rows["member"]) + 1
            rows["member"].append((mid, cid, len(lc.users) - 1, org.id, position, date(2017, 1, 1), None))
            if position != "secretary":
                members.append((mid, org.id))
        councils[authority] = {"id": cid, "members": members, "sessions": {}}

    # -- programmes ------------------------------------------------------------------------------------
    programmes: list[dict] = []
    pid = 0

    def new_programme(project, applicant, performer_id, authority, status, decide_by):
        nonlocal pid
        pid += 1
        prog = {"id": pid, "reference": f"ПРГ-{day_of(decide_by).year}-{pid:06d}", "project": project, "applicant": applicant, "performer_id": performer_id,
                "authority": authority, "status": status, "decide_by": decide_by, "versions": 2 if rng.random() < 0.3 else 1, "items": []}
        programmes.append(prog)
        return prog

    for project in world.projects:
        agreements = by_project.get(project.id, [])
        if agreements:
            first = min(agreements, key=lambda a: (a.signed_on, a.id))
            if first.signed_on < PROGRAMMES_FROM and (first.signed_on < EARLIEST or rng.random() >= 0.25):
                continue
            right = first.right
            authority = AUTHORITY_OF.get(right.mineral if right else "", "industry")
            new_programme(project, first.payer, project.performer_id, authority, "approved", first.signed_on - rng.randint(30, 240))
        elif project.status in ("proposal", "council_review", "expertise", "selected", "rejected"):
            applicant = rng.choice([u for u in world.subsoil_users if u.kind == "subsoil_user"])
            status = {"proposal": "submitted", "council_review": "in_council", "expertise": "in_expertise", "selected": "approved", "rejected": "rejected"}[project.status]
            new_programme(project if status == "approved" else None, applicant, project.performer_id, rng.choice(("energy", "industry", "atomic")), status, min(AS_OF_ORD - 10, project.start))
    # clean rejections: applications the council turned down, with no project
    for _ in range(max(2, len(programmes) // 9)):
        applicant = rng.choice([u for u in world.subsoil_users if u.kind == "subsoil_user"])
        performer = rng.choice(institutes)
        new_programme(None, applicant, performer.id, rng.choice(("energy", "industry", "atomic")), "rejected", rng.randint(date(2023, 9, 1).toordinal(), AS_OF_ORD - 20))

    # NK-16 injections: a programme rejected, still pending, or approved after the signing; no programme from 2026
    with_project = [p for p in programmes if p["project"] is not None and by_project.get(p["project"].id)]
    for prog in with_project:
        if rng.random() >= RATES["agreement_without_programme"]:
            continue
        form = rng.choice(("rejected", "pending", "approved_late", "approved_late", "none"))
        first_sign = min(a.signed_on for a in by_project[prog["project"].id])
        prog["form"] = form
        if form == "rejected":
            prog["status"] = "rejected"
        elif form == "pending":
            prog["status"] = rng.choice(("submitted", "in_council", "in_expertise"))
        elif form == "approved_late":
            prog["decide_by"] = min(AS_OF_ORD - 2, first_sign + rng.randint(1, 120))
        else:
            prog["status"] = "dropped"
    programmes = [p for p in programmes if p["status"] != "dropped" or _record_none(world, p, by_project)]

    # -- sessions, attendance, recusals and votes ---------------------------------------------------------
    calendar = _session_days(rng, date(2018, 1, 1).toordinal(), AS_OF_ORD - 1)
    thin = {d for d in calendar if rng.random() < 0.06}
    sessions: dict[tuple[str, int], int] = {}

    def session_of(authority: str, day: int) -> int:
        key = (authority, day)
        if key not in sessions:
            sid = len(sessions) + 1
            sessions[key] = sid
            rows["session"].append((sid, councils[authority]["id"], f"СТС-{authority[:2].upper()}-{day_of(day).year}-{sid:04d}", day_of(day), "closed", _at(day + 1), "electronic", _at(day),
                                    2, 3, 2, 3, "present_voting", True))
        return sessions[key]

    item_id = 0
    for prog in programmes:
        if prog["status"] in ("submitted",):
            continue
        authority = prog["authority"]
        decide = prog["decide_by"]
        k = bisect_right(calendar, decide) - 1
        if k < 0:
            continue
        day = calendar[k]
        intent = "approved" if prog["status"] == "approved" else ("rejected" if prog["status"] == "rejected" else "pending")
        attempts = [(day, intent)]
        if day in thin and k + 1 < len(calendar):
            attempts.append((calendar[k + 1], intent))  # the quorum failed: the item is put to the next session
        for attempt_day, intent in attempts:
            if intent == "pending" and prog["status"] in ("in_council",):
                intent = "open"
            item_id += 1
            prog["items"].append(_item(world, lc, councils[authority], graph, prog, item_id, session_of(authority, attempt_day), attempt_day, intent, attempt_day in thin))
        if any(it["outcome"] == "approved" for it in prog["items"]):
            prog["approved_on"] = max(it["day"] for it in prog["items"] if it["outcome"] == "approved")
        elif prog["status"] == "approved":
            prog["status"] = "in_council"
    _inject_council(world, lc, programmes)

    # -- versions, budgets, expertise, the programme rows ---------------------------------------------------
    vid = 0
    expertise_id = 0
    experts = [(i, rng.choice(institutes).id) for i in range(EXPERTS)]
    for i, (_n, org_id) in enumerate(experts):
        last, first = rng.choice(_SURNAMES), rng.choice(_FIRST)
        lc.users.append((f"ncste-expert-{i + 1:02d}", first[0], last[0], f"{first[1]} {last[1]}", f"{first[2]} {last[2]}"))
        rows["expert"].append((i + 1, len(lc.users) - 1, org_id, "expert", "", date(2022, 1, 1), None))
    rows["sheet"].append((1, "NCSTE-RD", 1, "ҒЗТКЖ бағдарламасын бағалау парағы", "Лист оценки программы НИОКР", "R&D programme scoring sheet", "60.00", 2, date(2022, 1, 1), _at(date(2022, 1, 1).toordinal())))
    for c, (ru, kk, en, weight) in enumerate((("Научная новизна", "Ғылыми жаңалығы", "Scientific novelty", "0.300"), ("Практическая значимость", "Практикалық маңызы", "Practical value", "0.300"), ("Обоснованность бюджета", "Бюджеттің негізділігі", "Budget justification", "0.200"), ("Квалификация исполнителя", "Орындаушының біліктілігі", "Performer's qualification", "0.200")), start=1):
        rows["criterion"].append((c, 1, c, f"K{c}", kk, ru, en, weight, 3, 10, False))
    for prog in programmes:
        project = prog["project"]
        titles = project.titles if project else ("Программа НИОКР", "ҒЗТКЖ бағдарламасы", "R&D programme")
        created = prog["items"][0]["day"] - 40 if prog["items"] else prog["decide_by"] - 40
        versions = []
        for v in range(1, prog["versions"] + 1):
            vid += 1
            versions.append(vid)
            trl_start = project.trl_start if project else rng.randint(2, 5)
            trl_target = project.trl_target if project else min(9, trl_start + 2)
            rows["version"].append((
                vid, prog["id"], v, titles[1][:500], titles[0][:500], titles[2][:500], (project.abstract if project else "Программа прикладных исследований."),
                project.direction if project else "other", project.sector if project else "", trl_start, trl_target, prog["performer_id"],
                _at(created + 10 * v), _at(created + 10 * v - 5),
            ))
            start_year = day_of(created).year
            for y in range(rng.randint(1, 3)):
                rows["budget"].append((len(rows["budget"]) + 1, vid, start_year + y, money(rng.randint(20, 400) * 1_000_000_00)))
        for it in prog["items"]:
            it["version"] = versions[-1] if it is prog["items"][-1] else versions[0]
        if prog.get("approved_on"):
            expertise_id += 1
            day = prog["approved_on"] + rng.randint(5, 25)
            score = round(rng.uniform(62, 95), 2)
            rows["expertise"].append((expertise_id, f"ЭКС-{day_of(day).year}-{expertise_id:06d}", versions[-1], 1, "concluded", 2, f"{score:.2f}", True,
                                      "Программа соответствует критериям государственной научно-технической экспертизы.", _at(day), _at(day - 20)))
            for e in rng.sample(range(1, EXPERTS + 1), 2):
                rows["assignment"].append((len(rows["assignment"]) + 1, expertise_id, e, _at(day - 20)))
        status = prog["status"] if prog["status"] != "dropped" else "approved"
        rows["programme"].append((prog["id"], prog["reference"], "programme" if rng.random() < 0.7 else "assignment", prog["applicant"].id, prog["authority"], status,
                                  project.id if project else None, _at(created)))
        prog["versions_ids"] = versions
    for prog in programmes:
        for it in prog["items"]:
            rows["item"].append((it["id"], it["session"], 1, it["version"], it["outcome"], it["tally"], _at(it["day"] + 1) if it["outcome"] else None))
    _label_programmes(world, programmes, by_project)
    _calls(world, lc, programmes)
    _results(world, lc, by_project)


def _record_none(world: World, prog: dict, by_project) -> bool:
    """A project whose programme is not recorded at all (its material agreements from 2026 are labelled with the others)."""
    return False


def _item(world: World, lc: Lifecycle, council: dict, graph, prog: dict, iid: int, session: int, day: int, intent: str, thin: bool) -> dict:
    """One agenda item: attendance, automatic recusals, votes, and the recorded tally."""
    rng = _state(world).rng
    rows = lc.rows
    members = council["members"]
    parties = {prog["applicant"].id, prog["performer_id"]}
    conflicts = {}
    for mid, org_id in members:
        path = conflict_path(graph, org_id, parties, day)
        if path is not None:
            conflicts[mid] = path
    key = (council["id"], session)
    seen = lc.rows.setdefault("_attendance", {})
    if key not in seen:
        rate = 0.45 if thin else 0.9
        present = {mid for mid, _o in members if rng.random() < rate}
        need = ceil_share(2, 3, len(members))
        if not thin:
            for mid, _o in members:
                if len(present) >= need + 2:
                    break
                present.add(mid)
        else:
            present = set(list(present)[: max(0, need - 3)])
        seen[key] = present
        for mid, _o in members:
            rows["attendance"].append((len(rows["attendance"]) + 1, session, mid, mid in present))
    present = seen[key]
    recused = set(conflicts)
    for mid in recused:
        path = conflicts[mid]
        rows["recusal"].append((len(rows["recusal"]) + 1, iid, mid, "automatic", _path_json(world, path), "", _at(day)))
    voters = [mid for mid, _o in members if mid in present and mid not in recused]
    votes = {}
    if intent != "open":
        p_for = 0.88 if intent in ("approved", "pending") else 0.3
        for mid in voters:
            r = rng.random()
            votes[mid] = "for" if r < p_for else ("against" if r < p_for + (1 - p_for) * 0.7 else "abstain")
    result = _tally(len(members), len(recused), len(voters), votes, DEFAULT_POLICY)
    want = {"approved": "approved", "rejected": "rejected", "pending": "approved"}.get(intent)
    if want and result.outcome not in (want, "no_quorum"):
        for mid in voters:
            votes[mid] = "for" if want == "approved" else "against"
        result = _tally(len(members), len(recused), len(voters), votes, DEFAULT_POLICY)
    outcome = "" if intent == "open" else result.outcome
    for mid, choice in votes.items():
        rows["vote"].append((len(rows["vote"]) + 1, iid, mid, choice, "electronic", _at(day)))
    return {"id": iid, "session": session, "day": day, "outcome": outcome, "tally": _tally_json(result, recused) if outcome else None,
            "conflicts": conflicts, "voters": voters, "votes": votes, "members": len(members), "recused": recused, "present": present, "prog": prog,
            "present_all": [mid for mid, _o in members]}


def _tally(members: int, recused: int, present: int, votes: dict, policy: Policy):
    counts = {"for": 0, "against": 0, "abstain": 0}
    for choice in votes.values():
        counts[choice] += 1
    return tally(members=members, recused=recused, present=present, votes_for=counts["for"], against=counts["against"], abstain=counts["abstain"], policy=policy)


def _tally_json(result, recused) -> dict:
    data = result.as_dict()
    data["recusals"] = sorted(recused)
    return data


def _path_json(world: World, path) -> list[dict]:
    out = []
    for org_id, link in path:
        org = world.org_by_id[org_id]
        out.append({"bin": org.bin, "name_ru": org.names[0], "name_kk": org.names[1], "name_en": org.names[2], "link": link})
    return out


def _inject_council(world: World, lc: Lifecycle, programmes: list[dict]) -> None:
    """A conflicted member who voted (recusal missing or ignored); a recorded result the votes do not give."""
    rng = _state(world).rng
    rows = lc.rows
    items = [it for p in programmes for it in p["items"] if it["outcome"] in ("approved", "rejected")]
    recusal_rows = {(r[1], r[2]): i for i, r in enumerate(rows["recusal"])}
    for it in items:
        if not it["conflicts"] or rng.random() >= RATES["council_conflict_vote"] * 0.2:
            continue
        mid = rng.choice(sorted(it["conflicts"]))
        if mid not in it["present"]:
            continue
        ignored = rng.random() < 0.35
        choice = "for" if rng.random() < 0.85 else "abstain"
        if not ignored:
            # the recusal was never recorded: the recorded tally counted the member as eligible and voting
            votes = {**it["votes"], mid: choice}
            result = _tally(it["members"], len(it["recused"]) - 1, len(it["voters"]) + 1, votes, DEFAULT_POLICY)
            if result.outcome != it["outcome"]:
                continue
            rows["recusal"][recusal_rows[(it["id"], mid)]] = None
            it["tally"] = _tally_json(result, it["recused"] - {mid})
        rows["vote"].append((len(rows["vote"]) + 1, it["id"], mid, choice, "electronic", _at(it["day"])))
        path = it["conflicts"][mid]
        world.problems.append(Problem("council_conflict_vote", "council_decision", _item_subject(it), {
            "form": "recusal_ignored" if ignored else "recusal_missing", "hops": len(path) - 1, "links": [link for _o, link in path[1:]],
            "member_bin": world.org_by_id[path[0][0]].bin,
        }))
        it["labelled"] = True
    per_session: dict[int, int] = defaultdict(int)
    for p in programmes:
        for it in p["items"]:
            per_session[it["session"]] += 1
    replaced: dict[int, dict] = {}
    for it in items:
        if it.get("labelled") or rng.random() >= RATES["council_result_misrecorded"]:
            continue
        form = rng.choice(("majority_short", "quorum_short", "abstentions_dropped", "absent_counted"))
        if form == "quorum_short" and per_session[it["session"]] > 1:
            form = "majority_short"
        voters = list(it["voters"])
        if len(voters) < 6:
            continue
        base = len(voters)
        need = ceil_share(2, 3, base)
        votes = {}
        if form == "majority_short":
            for i, mid in enumerate(voters):
                votes[mid] = "for" if i < need - 1 else "against"
        elif form == "abstentions_dropped":
            n_for = need - 1
            for i, mid in enumerate(voters):
                votes[mid] = "for" if i < n_for else ("abstain" if i < n_for + 2 else "against")
        elif form == "quorum_short":
            eligible = it["members"] - len(it["recused"])
            q = ceil_share(2, 3, eligible)
            keep = voters[: q - 1]
            dropped = [m for m in voters if m not in keep]
            for r_i, r in enumerate(rows["attendance"]):
                if r is not None and r[1] == it["session"] and r[2] in dropped:
                    rows["attendance"][r_i] = (r[0], r[1], r[2], False)
            it["present"] = set(it["present"]) - set(dropped)
            for mid in keep:
                votes[mid] = "for"
        else:  # an absent member's vote counted
            absent = [m for m in it["present_all"] if m not in it["present"] and m not in it["recused"]] if it.get("present_all") else []
            for i, mid in enumerate(voters):
                votes[mid] = "for" if i < need - 1 else "against"
            if absent:
                votes[absent[0]] = "for"
        replaced[it["id"]] = (votes, it["day"])
        counted = {m: c for m, c in votes.items() if m in it["present"] and m not in it["recused"]}
        recount = _tally(it["members"], len(it["recused"]), len([m for m in voters if m in it["present"]]), counted, DEFAULT_POLICY)
        if recount.outcome == "approved":
            del replaced[it["id"]]
        if recount.outcome == "approved":
            continue
        recorded = dict(recount.as_dict())
        recorded.update(outcome="approved", majority_met=True, quorum_met=True)
        if form == "abstentions_dropped":
            recorded["base"] = recorded["votes_for"] + recorded["against"]
        if form == "absent_counted":
            recorded["votes_for"] += 1
        it["outcome"], it["tally"] = "approved", recorded
        world.problems.append(Problem("council_result_misrecorded", "council_decision", _item_subject(it), {
            "form": form, "recorded": "approved", "recount": recount.outcome, "present": recount.present, "for": recount.votes_for, "needed": recount.needed_for,
        }))
    rows["recusal"] = [r for r in rows["recusal"] if r is not None]
    if replaced:
        rows["vote"] = [v for v in rows["vote"] if v[1] not in replaced]
        for iid, (votes, day) in replaced.items():
            for mid, choice in votes.items():
                rows["vote"].append((0, iid, mid, choice, "electronic", _at(day)))
    # the programme's state follows its items
    for p in programmes:
        if p["items"] and any(it["outcome"] == "approved" for it in p["items"]):
            p["approved_on"] = max(it["day"] for it in p["items"] if it["outcome"] == "approved")


def _item_subject(it: dict) -> dict:
    prog = it["prog"]
    return {"item_id": it["id"], "programme_reference": prog["reference"], "session_day": day_of(it["day"]).isoformat(), "payer_id": prog["applicant"].id, "payer_bin": prog["applicant"].bin}


def _label_programmes(world: World, programmes: list[dict], by_project) -> None:
    """NK-16's problems from the final data: agreements signed under a programme not approved by then, and agreements without a project."""
    for prog in programmes:
        project = prog["project"]
        if project is None or prog["status"] == "dropped" or not by_project.get(project.id):
            continue
        approved = prog.get("approved_on")
        for a in by_project[project.id]:
            if approved is None:
                form = "rejected" if prog["status"] == "rejected" else "pending"
            elif approved > a.signed_on:
                form = "approved_late"
            else:
                continue
            world.problems.append(Problem("agreement_without_programme", "agreement", _agreement_subject(a), {"form": form, "programme": prog["reference"], "status": prog["status"]}))
    covered = {prog["project"].id for prog in programmes if prog["project"] is not None and prog["status"] != "dropped"}
    for a in world.agreements:
        if a.project is not None and a.project.id not in covered and a.signed_on >= REQUIRED_FROM and a.amount >= MIN_AMOUNT:
            # no programme recorded: dropped on purpose, or a project begun before programmes were recorded, still signing from 2026
            world.problems.append(Problem("agreement_without_programme", "agreement", _agreement_subject(a), {"form": "no_programme", "signed_on": day_of(a.signed_on).isoformat()}))
    for a in world.agreements:
        if a.project is None and (a.amount >= MIN_AMOUNT or not a.subject.strip()):
            world.problems.append(Problem("agreement_without_programme", "agreement", _agreement_subject(a), {"form": "no_project"}))


def _calls(world: World, lc: Lifecycle, programmes: list[dict]) -> None:
    """The 2026 calls of the budget channel (KBK 401103): one per priority direction, decided."""
    rng = _state(world).rng
    rows = lc.rows
    candidates = [p for p in programmes if p.get("approved_on") and day_of(p["approved_on"]).year >= 2025 and p["authority"] == "industry"]
    for cid, (direction, ru, kk, en) in enumerate((
        ("medtech", "Конкурс 2026: медицинские технологии (MedTech)", "2026 конкурсы: медициналық технологиялар (MedTech)", "2026 call: medical technologies (MedTech)"),
        ("agritech", "Конкурс 2026: агротехнологии (AgriTech)", "2026 конкурсы: агротехнологиялар (AgriTech)", "2026 call: agricultural technologies (AgriTech)"),
        ("greentech", "Конкурс 2026: зелёные технологии (GreenTech)", "2026 конкурсы: жасыл технологиялар (GreenTech)", "2026 call: green technologies (GreenTech)"), ("other", "Конкурс 2026: прочие направления", "2026 конкурсы: басқа бағыттар", "2026 call: other directions"),
    ), start=1):
        amount = rng.randint(20, 60) * 100_000_000_00
        rows["call"].append((cid, f"КОН-2026-{cid:03d}", kk, ru, en, 2026, [direction], money(amount), datetime(2026, 6, 30, 12, tzinfo=UTC), "decided", _at(date(2026, 3, 1).toordinal()), _at(date(2026, 7, 15).toordinal())))
        pool = [p for p in candidates if p.get("project") is not None and p["project"].direction == direction and not p.get("applied")]
        chosen = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
        ranked = sorted(((round(rng.uniform(55, 95), 2), p) for p in chosen), key=lambda x: -x[0])
        left = amount
        for rank, (score, p) in enumerate(ranked, start=1):
            p["applied"] = True
            ask = rng.randint(2, 15) * 100_000_000_00
            awarded = ask <= left and score >= 60
            left -= ask if awarded else 0
            aid = len(rows["application"]) + 1
            rows["application"].append((aid, cid, f"ЗАЯ-2026-{aid:05d}", p["id"], p["versions_ids"][-1], p["applicant"].id, money(ask), "", "awarded" if awarded else "not_awarded",
                                        f"{score:.2f}", rank, money(ask) if awarded else None, _at(date(2026, 5, 10).toordinal() + rank)))
            if awarded:
                rows["reservation"].append((len(rows["reservation"]) + 1, cid, aid, 2026, direction, money(ask), _at(date(2026, 7, 15).toordinal())))


# -- results -------------------------------------------------------------------------------------------


def _evidence(rng, kind: str, n: int, year: int) -> tuple[str, str, str, str]:
    """(note, reference, file name, file sha) of a clean result, in one of several real forms."""
    r = rng.random()
    if r < 0.45:
        name = f"evidence-{n}.pdf"
        return "", "", name, _sha("evidence", n)
    if r < 0.8:
        ref = {
            "patent": f"KZ {rng.randint(30000, 37999)}", "publication": f"https://doi.org/10.{rng.randint(1000, 9999)}/j.{year}.{n}",
            "trl": f"Протокол оценки УГТ № {rng.randint(1, 99)}", "implementation": f"Акт внедрения № {rng.randint(1, 200)}",
            "revenue": f"Договор поставки № {rng.randint(10, 999)}", "jobs": f"Приказ № {rng.randint(1, 300)}-к",
        }[kind]
        return "", ref, "", ""
    note = {
        "patent": "Патент выдан, копия охранного документа приложена к отчёту этапа",
        "publication": "Статья опубликована, оттиск приложен к заключительному отчёту",
        "trl": "Оценка уровня готовности проведена по методике, протокол комиссии в отчёте",
        "implementation": "Внедрено на объекте недропользователя, акт подписан главным инженером",
        "revenue": "Выручка подтверждена бухгалтерской справкой за год",
        "jobs": "Рабочие места подтверждены штатным расписанием",
    }[kind]
    return note, "", "", ""


def _results(world: World, lc: Lifecycle, by_project) -> None:
    rng = _state(world).rng
    rows = lc.rows
    rid = 0
    stages_of: dict[int, list[PlanStage]] = defaultdict(list)
    for agreement_id, plan in lc.plans.items():
        if plan.agreement.project is not None:
            stages_of[plan.agreement.project.id].extend(s for s in plan.stages if s.act is not None)

    def add(project, kind, year, stage=None, achieved=None, trl=None, evidence=None, status=None):
        nonlocal rid
        rid += 1
        note, ref, name, sha = evidence if evidence is not None else _evidence(rng, kind, rid, year)
        status = status or ("verified" if rng.random() < 0.37 else "claimed")
        title = {"trl": f"УГТ {trl}", "patent": "Патент на изобретение", "publication": "Статья в рецензируемом журнале", "implementation": "Внедрение технологии",
                 "revenue": "Выручка от продажи лицензии", "jobs": "Созданные рабочие места"}[kind] + f" по проекту {project.code}"
        day = achieved or date(year, rng.randint(1, 12), rng.randint(1, 28)).toordinal()
        day = min(day, AS_OF_ORD)
        row = (
            rid, f"РЕЗ-{year}-{rid:06d}", project.id, stage.id if stage else None, kind, title, year, day_of(day) if kind in ("patent", "implementation") or achieved else None,
            trl, "Методика МНВО 2025, приказ № 8" if kind == "trl" else "", "kazpatent" if kind == "patent" else "", f"KZ {30000 + rid}" if kind == "patent" else "",
            f"10.{1000 + rid % 8999}/niokr.{year}.{rid}" if kind == "publication" else "", rng.choice(("scopus", "wos", "rsci")) if kind == "publication" else "",
            "Объект недропользователя" if kind == "implementation" else "", money(rng.randint(1, 500) * 100_000_00) if kind == "implementation" else None,
            money(rng.randint(1, 300) * 100_000_00) if kind == "revenue" else None, rng.randint(1, 40) if kind == "jobs" else None,
            note, ref, name, sha, 120_000 if sha else None, status, _at(day), _at(day + 30) if status != "claimed" else None,
            "Отклонено: результат не подтверждён" if status == "rejected" else "",
        )
        rows["result"].append(row)
        return rid

    for project in world.projects:
        agreements = by_project.get(project.id, [])
        if not agreements or project.status not in ("completed", "in_progress"):
            continue
        completed = project.status == "completed" and project.end < AS_OF_ORD
        if completed and rng.random() < RATES["completed_without_delivery"]:
            project.trl_reached = project.trl_start  # nothing to show: no result, no TRL progress
            for a in agreements:
                world.problems.append(Problem("completed_without_delivery", "agreement", _agreement_subject(a), {"form": "no_result", "project_code": project.code}))
            continue
        stages = sorted(stages_of.get(project.id, []), key=lambda s: (s.end, s.id))
        claims: list[tuple[int, PlanStage | None, int]] = []  # (level, stage, day)
        level = project.trl_start
        goal = project.trl_reached if completed and project.trl_reached else min(project.trl_target, project.trl_start + 1)
        if stages:
            for s in stages:
                if level >= goal:
                    break
                level = min(goal, level + rng.choice((1, 1, 2)))
                claims.append((level, s, s.end))
        elif completed:
            level = min(goal, project.trl_start + 2)
            claims.append((level, None, project.end))
        problem = None
        if len(claims) >= 1 and rng.random() < RATES["trl_problem"]:
            form = rng.choice(("back_one", "back_two", "back_start", "jump", "jump_two_claims"))
            if form in ("back_one", "back_two"):
                base, stage, day = claims[-1]
                drop = 1 if form == "back_one" else 2
                if base - drop >= 1:
                    extra_stage = next((s for s in stages if s.end > day), None)
                    claims.append((base - drop, extra_stage, (extra_stage.end if extra_stage else day + rng.randint(30, 200))))
                    problem = ("trl_regression", form)
            elif form == "back_start" and project.trl_start > 1:
                _lvl, stage, day = claims[0]
                claims[0] = (project.trl_start - 1, stage, day)
                problem = ("trl_regression", form)
            elif form == "jump":
                base = project.trl_start if len(claims) == 1 else claims[-2][0]
                _lvl, stage, day = claims[-1]
                up = min(9, base + rng.randint(3, 5))
                if up - base > 2:
                    claims[-1] = (up, stage, day)
                    problem = ("trl_jump", form)
            elif form == "jump_two_claims" and claims[0][1] is not None:
                _lvl, stage, day = claims[0]
                mid, top = min(9, project.trl_start + 1), min(9, project.trl_start + 3)
                if top - project.trl_start > 2:
                    claims[0] = (top, stage, day)
                    claims.insert(0, (mid, stage, day - rng.randint(10, 60)))
                    problem = ("trl_jump", form)
        for level_, stage, day in claims:
            add(project, "trl", day_of(day).year, stage=stage, achieved=day if rng.random() < 0.6 else None, trl=level_)
        if problem:
            world.problems.append(Problem(problem[0], "project", _project_subject(project, agreements), {"form": problem[1], "levels": [c[0] for c in claims], "trl_start": project.trl_start}))
        # other results of a completed project (every clean completed project shows at least one)
        others = []
        if completed:
            for kind, p in (("publication", 0.6), ("patent", 0.25), ("implementation", 0.2), ("revenue", 0.08), ("jobs", 0.15)):
                if rng.random() < p:
                    others.append(kind)
            if not claims and not others:
                others.append("publication")
        elif rng.random() < 0.25:
            others.append("publication")
        year_end = min(day_of(project.end).year, AS_OF.year)
        first_id = rid + 1 - len(claims)
        made = [add(project, kind, year_end) for kind in others]
        if rng.random() < 0.03 and made:
            add(project, "patent", year_end, evidence=("", "", "", ""), status="rejected")  # a rejected claim: not judged
        # NK-25: evidence missing or written as a placeholder
        ids = [i for i in range(first_id, rid + 1) if rows["result"][i - 1][23] != "rejected"]
        if ids and rng.random() < RATES["result_without_evidence"]:
            chosen = rng.sample(ids, min(len(ids), rng.choice((1, 1, 2))))
            forms = []
            for i in chosen:
                idx = i - 1
                r = list(rows["result"][idx])
                form = rng.random()
                if form < 0.25:  # a pointer to evidence elsewhere, naming no document
                    text = rng.choice(POINTERS).format(year=r[6])
                    note, ref = (text, "") if rng.random() < 0.6 else ("", text)
                    forms.append("pointer")
                else:
                    blank = form < 0.6
                    note = rng.choice(BLANKS) if blank else ""
                    ref = rng.choice(("", "-", "—")) if blank and rng.random() < 0.4 else ""
                    forms.append("blank" if (note.strip() or ref.strip() or note) else "missing")
                r[18], r[19], r[20], r[21], r[22] = note, ref, "", "", None
                rows["result"][idx] = tuple(r)
            world.problems.append(Problem("result_without_evidence", "project", _project_subject(project, agreements), {"forms": forms, "results": len(chosen)}))
    # NK-18: a final stage never accepted (labelled from the final plans) and a final stage added and left open
    labelled = {p.subject["agreement_id"] for p in world.problems if p.code == "completed_without_delivery"}
    for plan in lc.plans.values():
        project = plan.agreement.project
        if project is None or project.status != "completed" or project.end >= AS_OF_ORD:
            continue
        if rng.random() < RATES["completed_without_delivery"]:
            lc.stage_id += 1
            last = plan.stages[-1]
            plan.stages.append(PlanStage(lc.stage_id, plan.agreement.id, last.number + 1, last.end + 1, min(AS_OF_ORD - 1, last.end + rng.randint(60, 200)),
                                         max(100_000, int(plan.agreement.amount * rng.uniform(0.05, 0.2))), rng.choice(("submitted", "returned", "planned"))))
            form = "final_stage_open"
        elif plan.stages[-1].act is None:
            form = "final_stage_paid_unaccepted"
        else:
            continue
        if plan.agreement.id not in labelled:
            labelled.add(plan.agreement.id)
            world.problems.append(Problem("completed_without_delivery", "agreement", _agreement_subject(plan.agreement), {"form": form, "project_code": project.code}))


def _project_subject(project, agreements) -> dict:
    sums: dict[int, int] = defaultdict(int)
    payer = {}
    for a in agreements:
        sums[a.payer.id] += a.amount
        payer[a.payer.id] = a.payer
    top = max(sorted(sums), key=lambda k: sums[k]) if sums else None
    return {"project_id": project.id, "project_code": project.code, "payer_id": top, "payer_bin": payer[top].bin if top else None}


# -- rows for the loader --------------------------------------------------------------------------------

FIELDS = {
    "Stage": ["id", "agreement_id", "number", "title", "start_date", "end_date", "amount", "deliverables", "status", "report_name", "report_sha256", "report_size", "return_reason", "created_at"],
    "AcceptanceAct": ["id", "stage_id", "number", "signed_on", "amount", "report_name", "report_sha256", "report_size", "note", "created_at"],
    "Council": ["id", "authority", "name_kk", "name_ru", "name_en"],
    "CouncilMember": ["id", "council_id", "user_id", "organisation_id", "position", "term_from", "term_to"],
    "CouncilSession": ["id", "council_id", "reference", "held_on", "status", "closed_at", "source", "created_at", "quorum_num", "quorum_den", "majority_num", "majority_den", "majority_base", "abstentions_count"],
    "Programme": ["id", "reference", "kind", "applicant_id", "authority", "status", "project_id", "created_at"],
    "ProgrammeVersion": ["id", "programme_id", "number", "title_kk", "title_ru", "title_en", "abstract", "priority_direction", "tcc_sector", "trl_start", "trl_target", "performer_id", "submitted_at", "created_at"],
    "ProgrammeBudget": ["id", "version_id", "year", "amount"],
    "AgendaItem": ["id", "session_id", "order", "version_id", "outcome", "tally", "decided_at"],
    "Attendance": ["id", "session_id", "member_id", "present"],
    "Recusal": ["id", "item_id", "member_id", "source", "path", "note", "created_at"],
    "Vote": ["id", "item_id", "member_id", "choice", "source", "cast_at"],
    "StateExpert": ["id", "user_id", "organisation_id", "position", "field", "term_from", "term_to"],
    "CriteriaSheet": ["id", "code", "version", "title_kk", "title_ru", "title_en", "threshold", "min_experts", "valid_from", "created_at"],
    "Criterion": ["id", "sheet_id", "order", "code", "name_kk", "name_ru", "name_en", "weight", "min_score", "max_score", "not_applicable_allowed"],
    "Expertise": ["id", "reference", "version_id", "sheet_id", "status", "min_experts", "score", "positive", "conclusion", "confirmed_at", "created_at"],
    "ExpertAssignment": ["id", "expertise_id", "expert_id", "assigned_at"],
    "Call": ["id", "reference", "title_kk", "title_ru", "title_en", "year", "directions", "amount", "deadline", "status", "created_at", "decided_at"],
    "Application": ["id", "call_id", "reference", "programme_id", "version_id", "applicant_id", "amount", "statement", "status", "score", "rank", "amount_awarded", "submitted_at"],
    "PoolReservation": ["id", "call_id", "application_id", "year", "direction", "amount", "created_at"],
    "Result": [
        "id", "reference", "project_id", "stage_id", "kind", "title", "year", "achieved_on", "trl_level", "trl_methodology", "patent_office", "patent_number", "doi", "indexing",
        "implemented_at", "economic_effect", "revenue", "jobs", "evidence_note", "evidence_reference", "evidence_name", "evidence_sha256", "evidence_size", "status",
        "claimed_at", "decided_at", "decision_note",
    ],
}


def stage_rows(world: World):
    lc = _state(world)
    for plan in lc.plans.values():
        for s in plan.stages:
            yield (s.id, s.agreement_id, s.number, f"Этап {s.number}", day_of(s.start), day_of(s.end), money(s.amount), "Научно-технический отчёт этапа",
                   s.status, f"report-{s.id}.pdf" if s.status != "planned" else "", _sha("stage", s.id) if s.status != "planned" else "", 250_000 if s.status != "planned" else None,
                   "Отчёт возвращён на доработку" if s.status == "returned" else "", _at(s.start))


def act_rows(world: World):
    lc = _state(world)
    for plan in lc.plans.values():
        for s in plan.stages:
            if s.act is not None:
                aid, number, day, amount = s.act
                yield (aid, s.id, number, day_of(day), money(amount), f"act-report-{aid}.pdf", _sha("act", aid), 250_000, "", _at(day))


def table_rows(world: World, name: str, users: dict[int, int] | None = None):
    """The rows of one lifecycle table; ``users`` maps the generator's user index to the user's id."""
    lc = _state(world)
    key = {
        "Council": "council", "CouncilMember": "member", "CouncilSession": "session", "Programme": "programme", "ProgrammeVersion": "version",
        "ProgrammeBudget": "budget", "AgendaItem": "item", "Attendance": "attendance", "Recusal": "recusal", "Vote": "vote", "StateExpert": "expert",
        "CriteriaSheet": "sheet", "Criterion": "criterion", "Expertise": "expertise", "ExpertAssignment": "assignment", "Call": "call",
        "Application": "application", "PoolReservation": "reservation", "Result": "result",
    }[name]
    rows = lc.rows.get(key, [])
    if name in ("CouncilMember", "StateExpert"):
        # The generator numbers its people; the database knows them by the accounts' ids.
        at = FIELDS[name].index("user_id")
        return [(*r[:at], users[r[at]], *r[at + 1:]) for r in rows]
    if name == "Vote":
        return [(i, *r[1:]) for i, r in enumerate(rows, start=1)]
    if name in ("Attendance", "Recusal"):
        return [(i, *r[1:]) for i, r in enumerate(rows, start=1)]
    return rows


def row_count(world: World) -> int:
    lc = getattr(world, "lifecycle", None)
    if lc is None:
        return 0
    return sum(len(p.stages) for p in lc.plans.values()) * 2 + sum(len(v) for k, v in lc.rows.items() if not k.startswith("_"))


def payment_stages(world: World) -> dict[int, int]:
    """The stage each payment pays (payment id → stage id)."""
    lc = getattr(world, "lifecycle", None)
    return lc.payment_stage if lc is not None else {}


def ensure_users(world: World) -> dict[int, int]:
    """The council members' and experts' accounts (reused by login, never signed in with): index → user id."""
    from django.contrib.auth import get_user_model

    lc = getattr(world, "lifecycle", None)
    if lc is None or not lc.users:
        return {}
    User = get_user_model()
    logins = [u[0] for u in lc.users]
    found = dict(User.objects.filter(username__in=logins).values_list("username", "id"))
    missing = [
        User(username=login, first_name=first, last_name=last, name_kk=kk, name_en=en, email=f"{login}@niokr.example", password="!", is_active=False)
        for login, first, last, kk, en in lc.users if login not in found
    ]
    if missing:
        User.objects.bulk_create(missing)
        found = dict(User.objects.filter(username__in=logins).values_list("username", "id"))
    return {i: found[u[0]] for i, u in enumerate(lc.users)}
