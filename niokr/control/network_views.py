"""The network around a flag: the organisations within two links of its subject, drawn on the server as SVG.

An auditor asks why two organisations are related. The page answers with a picture and a table:
the flag's organisations (its subsoil user, the subject's performer, every organisation its
evidence names) in the middle, and around them every organisation within :data:`RADIUS` links —
owners, companies sharing a founder, a director or a beneficial owner, payers and performers of
agreements — as they stood over the flag's period (a payment's day, an agreement's period, a
year) or on the day the reader picks. Edges are labelled (owner with its share, founder,
director, agreement with its number and amount); edges along which money comes back to where it
started (:func:`network.money_cycles`) are drawn in red and written out below; colours group the
organisations more tied among themselves (:func:`network.communities`).

Scope is the flag page's: the flag is read through ``Flag.objects.visible_to`` (another reader's
flag is "not found"), and the picture holds only what the reader may see elsewhere —
organisations through ``Organisation.objects.visible_to``, agreements through
``Agreement.objects.visible_to`` — counting the links it leaves out, as the registry's
organisation page does. At most :data:`MAX_NODES` organisations are drawn; the page says how
many more lie within the radius.

The graph work is the engine's (:mod:`niokr.control.indicators.network`, pure); this module reads
the database level by level (only the edges around the organisations already reached) and lays
the picture out. The SVG is written by the template (escaped text, presentation attributes only:
no script, no style attribute, nothing from another server), so the page keeps the strict
Content-Security-Policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from niokr.control.choices import SubjectType
from niokr.control.evidence import _bins_of, json_value, language
from niokr.control.indicators import network
from niokr.control.indicators.base import FRAME_SCHEMAS
from niokr.control.models import Flag
from niokr.control.tables import catalogue_by_code, indicator_title
from niokr.control.views import tabs
from niokr.core.templatetags.niokr import day, localized, money, percent
from niokr.projects.models import AgendaItem, Agreement, Payment, Project
from niokr.registry.models import Affiliation, BeneficialOwner, Organisation, SubsoilRight
from niokr.registry.querysets import HOLDER_KINDS

__all__ = ["flag_network", "RADIUS", "MAX_NODES"]

#: Links followed out from the flag's organisations.
RADIUS = 2
#: Organisations drawn at most; the rest are counted.
MAX_NODES = 40
#: Organisations named by a flag's evidence drawn in the middle, at most.
MAX_CENTRES = 8
#: Organisations reached at one link whose own links are read (the nearest and most connected):
#: more could not be drawn anyway, and reading them would cost a query of thousands of rows.
MAX_EXPANDED = MAX_NODES
WIDTH, HEIGHT = 960, 720
#: Fill of each community, in order of size; beyond, grey.
COMMUNITY_FILLS = ("#dbe9f6", "#fde2c4", "#d9f0d3", "#f3d6e8", "#fff3b0", "#d7d3f0", "#cfeef0", "#f5d5cf")
_EDGE_COLOURS = {"owner": "#1f4e79", "common_founder": "#8a6d1f", "common_director": "#8a6d1f", "common_beneficial_owner": "#8a6d1f", "agreement": "#2e7d4f"}
_CYCLE_COLOUR = "#c0392b"
_LABEL_CHARS = 24
_EDGE_LABEL_CHARS = 34


@dataclass
class _Read:
    """What the reads found: the frames of the network, and how much was left out of scope."""

    centres: list[int]
    agreements: list[dict]
    affiliations: list[dict]
    hidden_links: int
    partial: bool


def _period(flag: Flag) -> tuple[date, date]:
    """The days the flag is about: a payment's day, an agreement's period, a project's, a year (to the run's date)."""
    as_of = flag.run.as_of
    if flag.subject_type == SubjectType.PAYMENT:
        paid = Payment.objects.filter(pk=flag.subject_id).values_list("paid_on", flat=True).first()
        if paid:
            return paid, paid
    elif flag.subject_type == SubjectType.AGREEMENT:
        found = Agreement.objects.filter(pk=flag.subject_id).values_list("period_start", "period_end", "signed_on").first()
        if found:
            start = found[0] or found[2]
            return start, max(start, found[1] or start)
    elif flag.subject_type == SubjectType.PROJECT:
        found = Project.objects.filter(pk=flag.subject_id).values_list("start_date", "end_date").first()
        if found:
            return found[0], max(found[0], min(found[1], as_of))
    elif flag.subject_type == SubjectType.COUNCIL_DECISION:
        held = AgendaItem.objects.filter(pk=flag.subject_id).values_list("session__held_on", flat=True).first()
        if held:
            return held, held
    if flag.year and flag.subject_type in (SubjectType.PAYER_YEAR, SubjectType.RIGHT_YEAR):
        first = date(flag.year, 1, 1)
        return first, max(first, min(date(flag.year, 12, 31), as_of))
    return as_of, as_of


def _centres(flag: Flag) -> list[int]:
    """The flag's organisations: its subsoil user, its subject's parties, the organisations its evidence names."""
    ids: list[int] = []
    if flag.subject_type == SubjectType.PAYMENT:
        ids += list(Payment.objects.filter(pk=flag.subject_id).values_list("agreement__payer_id", "agreement__performer_id").first() or ())
    elif flag.subject_type == SubjectType.AGREEMENT:
        ids += list(Agreement.objects.filter(pk=flag.subject_id).values_list("payer_id", "performer_id").first() or ())
    elif flag.subject_type in (SubjectType.PERFORMER, SubjectType.PAYER_YEAR):
        ids.append(flag.subject_id)
    elif flag.subject_type == SubjectType.RIGHT_YEAR:
        ids += list(SubsoilRight.objects.filter(pk=flag.subject_id).values_list("holder_id", flat=True))
    elif flag.subject_type == SubjectType.PROJECT:
        ids += list(Project.objects.filter(pk=flag.subject_id).values_list("performer_id", flat=True))
    if flag.payer_id:
        ids.insert(0, flag.payer_id)
    evidence = json_value(flag.evidence) or {}
    bins = sorted(_bins_of(evidence)) if isinstance(evidence, dict) else []
    if bins:
        named = dict(Organisation.objects.filter(bin__in=bins).values_list("bin", "pk"))
        ids += [named[b] for b in bins if b in named]
    return list(dict.fromkeys(i for i in ids if i))[:MAX_CENTRES]


def _read(user, centres: list[int], start: date, end: date) -> _Read:
    """The ties and agreements within :data:`RADIUS` links of ``centres`` over ``[start, end]`` that ``user`` may see.

    One read of ties and one of agreements per level, each only around the organisations reached;
    an edge to an organisation the user may not see, or an agreement outside the user's scope, is
    counted, not read.
    """
    visible_orgs = Organisation.objects.visible_to(user)
    visible_agreements = Agreement.objects.visible_to(user)
    in_force = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    seen: set[int] = set(visible_orgs.filter(pk__in=centres).values_list("pk", flat=True))
    shown_centres = [c for c in centres if c in seen]
    frontier = set(seen)
    ties: dict[int, dict] = {}
    agreements: dict[int, dict] = {}
    hidden: set[tuple[str, int]] = set()
    partial = False
    for level in range(RADIUS):
        if not frontier:
            break
        tie_rows = list(
            Affiliation.objects.filter(Q(source_id__in=frontier) | Q(target_id__in=frontier)).filter(in_force)
            .values("pk", "source_id", "target_id", "kind", "valid_from", "valid_to", "share")
        )
        tie_rows += _shared_owners(frontier, in_force)
        agreement_rows = list(
            Agreement.objects.filter(Q(payer_id__in=frontier) | Q(performer_id__in=frontier))
            .filter(period_start__lte=end, period_end__gte=start)
            .values("pk", "payer_id", "performer_id", "number", "signed_on", "period_start", "period_end", "amount")
        )
        others = {r["source_id"] for r in tie_rows} | {r["target_id"] for r in tie_rows} | {r["payer_id"] for r in agreement_rows} | {r["performer_id"] for r in agreement_rows}
        shown = seen | set(visible_orgs.filter(pk__in=others - seen).values_list("pk", flat=True))
        allowed = set(visible_agreements.filter(pk__in=[r["pk"] for r in agreement_rows]).values_list("pk", flat=True))
        reached: dict[int, int] = {}
        for r in tie_rows:
            if r["source_id"] in shown and r["target_id"] in shown:
                ties[r["pk"]] = r
                for o in (r["source_id"], r["target_id"]):
                    reached[o] = reached.get(o, 0) + 1
            else:
                hidden.add(("tie", r["pk"]))
        for r in agreement_rows:
            if r["pk"] in allowed and r["payer_id"] in shown and r["performer_id"] in shown:
                agreements[r["pk"]] = r
                for o in (r["payer_id"], r["performer_id"]):
                    reached[o] = reached.get(o, 0) + 1
            else:
                hidden.add(("agreement", r["pk"]))
        new = [o for o in reached if o not in seen]
        seen |= set(new)
        if level + 1 < RADIUS:
            ranked = sorted(new, key=lambda o: (-reached[o], o))
            partial = partial or len(ranked) > MAX_EXPANDED
            frontier = set(ranked[:MAX_EXPANDED])
    # A hidden edge read from both of its ends is one link.
    hidden -= {("tie", k) for k in ties} | {("agreement", k) for k in agreements}
    return _Read(shown_centres, list(agreements.values()), list(ties.values()), len(hidden), partial)


def _shared_owners(frontier: set[int], in_force: Q) -> list[dict]:
    """Ties between the organisations of ``frontier`` and those sharing a beneficial owner with them
    over the period (the owner matched as the engine matches it: :func:`network.beneficial_ties`)."""
    fields = ("organisation_id", "name", "identifier", "country", "valid_from", "valid_to")
    mine = list(BeneficialOwner.objects.filter(organisation_id__in=frontier).filter(in_force).values(*fields))
    if not mine:
        return []
    identifiers = {r["identifier"] for r in mine if r["identifier"]}
    names = {r["name"] for r in mine if not r["identifier"]}
    others = BeneficialOwner.objects.filter(Q(identifier__in=identifiers) | (Q(identifier="") & Q(name__in=names))).filter(in_force).exclude(organisation_id__in=frontier)
    rows = mine + list(others.values(*fields))
    frame = pl.DataFrame(
        [{"org_id": r["organisation_id"], "owner_name": r["name"], "identifier": r["identifier"], "country": r["country"], "valid_from": r["valid_from"], "valid_to": r["valid_to"]} for r in rows],
        schema={"org_id": pl.Int64, "owner_name": pl.Utf8, "identifier": pl.Utf8, "country": pl.Utf8, "valid_from": pl.Date, "valid_to": pl.Date},
    )
    return [
        {"pk": f"owner:{r['source_id']}:{r['target_id']}", **r}
        for r in network.beneficial_ties(frame).iter_rows(named=True)
        if r["source_id"] in frontier or r["target_id"] in frontier
    ]


def _frames(found: _Read) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The read rows as the engine's ``agreements`` and ``affiliations`` frames (money in tiyn)."""
    agreements = pl.DataFrame(
        [
            {
                "agreement_id": r["pk"], "payer_id": r["payer_id"], "performer_id": r["performer_id"], "number": r["number"], "signed_on": r["signed_on"],
                "period_start": r["period_start"], "period_end": r["period_end"], "amount": int(Decimal(r["amount"]) * 100) if r["amount"] is not None else None,
            }
            for r in found.agreements
        ],
        schema={k: FRAME_SCHEMAS["agreements"][k] for k in ("agreement_id", "payer_id", "performer_id", "number", "signed_on", "period_start", "period_end", "amount")},
    )
    affiliations = pl.DataFrame(
        [
            {
                "source_id": r["source_id"], "target_id": r["target_id"], "kind": r["kind"], "valid_from": r["valid_from"], "valid_to": r["valid_to"],
                "share": float(r["share"]) if r["share"] is not None else None,
            }
            for r in found.affiliations
        ],
        schema=FRAME_SCHEMAS["affiliations"],
    )
    return agreements, affiliations


def _short(text: str, chars: int = _LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _box(x: float, y: float, text: str, size: float) -> tuple[float, float, float, float]:
    """The rough box of a text centred on ``x`` with its baseline at ``y`` (about 0.64 em a letter)."""
    half = len(text) * size * 0.32
    return (x - half, y - size, x + half, y + 3)


def _overlaps(box: tuple, boxes: list[tuple]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def _place_labels(nodes: list[dict], edges: list[dict]) -> None:
    """Each edge's label at the first point along it (the middle, then nearer either end) where it
    covers no organisation and no label already placed."""
    taken = [_box(n["x"], n["label_y"], n["label"], 11) for n in nodes] + [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in nodes]
    for e in edges:
        spots = []
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
            x, y = e["x1"] + t * (e["x2"] - e["x1"]), e["y1"] + t * (e["y2"] - e["y1"]) - 3
            spots.append((round(x, 1), round(y, 1)))
        chosen = next((spot for spot in spots if not _overlaps(_box(*spot, e["label"], 10), taken)), spots[0])
        e["lx"], e["ly"] = chosen
        taken.append(_box(*chosen, e["label"], 10))


def _edge_label(data: dict, lang: str) -> str:
    """An edge as the picture labels it: «owner 60 %», «common director», «agreement 12/3, 5 000 000,00 ₸»."""
    kind = data["kind"]
    label = network.EDGE_LABELS[lang][kind]
    if kind == "owner" and data.get("share") is not None:
        share = Decimal(str(data["share"]))
        return f"{label} {percent(share, 0 if share == share.to_integral_value() else 1)}"
    if kind == network.AGREEMENT:
        number = (data.get("number") or "").strip()
        amount = money(Decimal(data["amount"]) / 100) if data.get("amount") is not None else ""
        return ", ".join(p for p in (f"{label} {number}".strip(), amount) if p)
    return label


def _valid(data: dict) -> str:
    first, last = data.get("valid_from"), data.get("valid_to")
    return f"{day(first) if first else '…'} – {day(last) if last else '…'}"


@login_required
def flag_network(request, pk: int):
    """The network around one flag (404 for a flag outside the reader's scope, as on the flag page)."""
    flag = get_object_or_404(Flag.objects.visible_to(request.user).select_related("run", "payer"), pk=pk)
    lang = language()
    start, end = _period(flag)
    chosen = None
    text = request.GET.get("on", "").strip()
    if text:
        try:
            chosen = date.fromisoformat(text)
        except ValueError:
            chosen = None
    if chosen:
        start = end = chosen
    centres = _centres(flag)
    found = _read(request.user, centres, start, end)
    agreements, affiliations = _frames(found)
    snapshot = network.on(network.build(agreements=agreements, affiliations=affiliations, as_of=flag.run.as_of), start, end)
    hood = network.neighbourhood(snapshot, found.centres, radius=RADIUS, max_nodes=MAX_NODES)
    drawn = snapshot.subgraph([n for n, _d in hood.nodes]).copy()
    positions = network.layout(hood, width=WIDTH, height=HEIGHT)
    orgs = Organisation.objects.only("pk", "bin", "kind", "name_kk", "name_ru", "name_en").in_bulk([n for n, _d in hood.nodes])
    names = {n: localized(orgs[n], "name") if n in orgs else _("not in the registry") for n, _d in hood.nodes}
    with_bin = {n: (f"{names[n]} ({_('BIN')} {orgs[n].bin})" if n in orgs else names[n]) for n, _d in hood.nodes}
    fill = {}
    for i, community in enumerate(network.communities(drawn)):
        for n in community:
            fill[n] = COMMUNITY_FILLS[i] if i < len(COMMUNITY_FILLS) and len(community) > 1 else "#eeeeee"
    cycles = network.money_cycles(drawn, max_length=6, limit=20)
    on_cycle = {frozenset((s.source, s.target)) for cycle in cycles for s in cycle}

    nodes = []
    for n, distance in hood.nodes:
        x, y = positions[n]
        org = orgs.get(n)
        nodes.append({
            "x": x, "y": y, "label": _short(names[n]), "title": with_bin[n], "fill": fill.get(n, "#eeeeee"), "centre": distance == 0,
            "r": 13 if distance == 0 else 9, "holder": bool(org and org.kind in HOLDER_KINDS), "label_y": y + (26 if distance == 0 else 22),
            "url": reverse("registry:organisation-detail", args=[n]) if org else "",
        })
    # One line per pair of organisations, its label joining the edges between them.
    pairs: dict[frozenset, list[tuple]] = {}
    for a, b, data in hood.edges:
        pairs.setdefault(frozenset((a, b)), []).append((a, b, data))
    edges, rows = [], []
    for pair, items in pairs.items():
        a, b, data = items[0]
        (x1, y1), (x2, y2) = positions[a], positions[b]
        directed = data["kind"] in ("owner", network.AGREEMENT) and all(i[0] == a and i[1] == b for i in items)
        # Shorten the line to the circles' rims so that an arrow head shows.
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1.0)
        ra = 13 if hood.distance.get(a) == 0 else 9
        rb = (13 if hood.distance.get(b) == 0 else 9) + (4 if directed else 0)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        labels = [_edge_label(d, lang) for _a, _b, d in items]
        cycle = pair in on_cycle
        edges.append({
            "x1": round(x1 + ux * ra, 1), "y1": round(y1 + uy * ra, 1), "x2": round(x2 - ux * rb, 1), "y2": round(y2 - uy * rb, 1),
            "label": _short("; ".join(labels), _EDGE_LABEL_CHARS), "title": "; ".join(labels),
            "colour": _CYCLE_COLOUR if cycle else _EDGE_COLOURS.get(data["kind"], "#555555"), "width": 2.5 if cycle else 1.4,
            "dashed": data["kind"] in ("common_founder", "common_director", "common_beneficial_owner"),
            "marker": ("arrow-cycle" if cycle else f"arrow-{data['kind']}") if directed else "",
        })
        for s, t, d in items:
            rows.append({"source": with_bin[s], "relation": network.EDGE_LABELS[lang][d["kind"]], "target": with_bin[t], "details": _edge_label(d, lang), "valid": _valid(d), "cycle": cycle})
    _place_labels(nodes, edges)
    cycle_texts = [network.path_text(cycle, with_bin, lang) for cycle in cycles]
    context = {
        "title": _("Network around the flag: %(title)s") % {"title": indicator_title(flag.indicator, lang, by_code=catalogue_by_code()) or flag.indicator},
        "tabs": tabs(request.user, reverse("control:flag-list")),
        "flag": flag,
        "start": start, "end": end, "chosen": chosen,
        "width": WIDTH, "height": HEIGHT,
        "nodes": nodes, "edges": edges, "rows": rows, "cycles": cycle_texts,
        "drawn": len(nodes), "left_out": hood.left_out, "partial": found.partial, "hidden_links": found.hidden_links,
        "radius": RADIUS, "max_nodes": MAX_NODES,
        "centre_names": [with_bin[n] for n, d in hood.nodes if d == 0],
    }
    return render(request, "control/flag_network.html", context)
