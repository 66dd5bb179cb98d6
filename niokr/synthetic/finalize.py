"""Turning a payer's records into table rows: document numbers, ids, agreement amounts, labels.

Called once per payer right after its spending is generated (so that its records can be dropped),
then once for the whole country (project statuses, right-year labels, the truth file's order).
"""

from __future__ import annotations

import math
from datetime import date
from operator import itemgetter

from niokr.synthetic import lifecycle
from niokr.synthetic.numbers import STYLE_STEP, doc_text, document_number, written_differently
from niokr.synthetic.records import P, Problem, Project, day_of, money
from niokr.synthetic.scales import AS_OF
from niokr.synthetic.world import FAR, World

__all__ = ["finalize_payer", "finalize_country"]

AS_OF_ORD = AS_OF.toordinal()
#: index of the document key in a transfer record ``[seq, right, day, amount, for_year, confirmed_on, doc, id, confirmation]``
TRANSFER_DOC = 6
#: By how much an over-paid agreement's payments exceed its amount: (least, most, weight) as a share of the amount.
OVER_MARGINS = ((0.003, 0.02, 25), (0.02, 0.15, 40), (0.15, 0.6, 35))
PIPELINE_STATUSES = (("proposal", 30), ("council_review", 20), ("expertise", 20), ("selected", 15), ("rejected", 15))
#: The Tax Code's art. 302 (in force 01.01.2026): money placed with an organisation in science or a
#: fund to finance research is deductible only if the recipient is accredited by the science
#: authority (or is the Astana Hub cluster fund); universities count as autonomous educational
#: organisations, which the article also accepts.
DEDUCTION_FROM = date(2026, 1, 1).toordinal()
DEDUCTION_KINDS = ("research_institute", "aggregator")
DEDUCTION_STATUSES = ("science_accreditation", "astana_hub")


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


class Counter:
    """Global id counters for payments and transfers (assigned in payer order, then date order)."""

    def __init__(self):
        self.payment = 0
        self.transfer = 0


def finalize_payer(world: World, state, counter: Counter) -> None:
    """Number the payer's documents, give ids, fix agreement amounts and label its problems."""
    rng = world.rng
    payer = state.payer
    records = state.records
    # a copy keeps its original's number, unless it was entered again as a payment order of its own
    items = [(rec[P.DAY], rec[P.SEQ], False, rec) for rec in records if rec[P.DUP] is None or rec[P.FORM][0] == "renumbered"]
    items += [(t[2], t[0], True, t) for t in state.transfers]
    items.sort()  # (day, seq) is unique, so the records themselves are never compared
    serial: dict[int, int] = {}
    year_of: dict[int, int] = {}
    random = rng.random
    style = state.doc_style * STYLE_STEP  # the document key's style part (see numbers.document_key)
    for day, _seq, is_transfer, rec in items:
        year = year_of.get(day)
        if year is None:
            year = year_of[day] = date.fromordinal(day).year
        n = serial.get(year)
        # serials grow by 1–3: other payment orders of the company come in between
        n = rng.randint(1, 60) if n is None else n + 1 + int(random() * 3)
        serial[year] = n
        rec[TRANSFER_DOC if is_transfer else P.DOC] = style + year * 1_000_000 + n
    for rec in records:
        if rec[P.DUP] is not None:
            form = rec[P.FORM][0]
            if form == "same_number":
                rec[P.DOC] = rec[P.DUP][P.DOC]
            elif form == "written_differently":
                text, changes = written_differently(rng, document_number(rec[P.DUP][P.DOC]), day_of(rec[P.DAY]))
                rec[P.DOC] = text
                rec[P.FORM] = ("written_differently", changes)
    records.sort(key=itemgetter(P.DAY, P.SEQ))
    for rec in records:
        counter.payment += 1
        rec[P.ID] = counter.payment
        agreement = rec[P.AGR]
        amount = rec[P.AMOUNT]
        world.payment_rows.append(
            (rec[P.ID], agreement.id, rec[P.RIGHT].id, rec[P.DAY], f"{amount // 100}.{amount % 100:02d}", rec[P.PURPOSE], rec[P.DOC], rec[P.FOR_YEAR], rec[P.FX], agreement.performer.id)
        )
    transfers = sorted(state.transfers, key=itemgetter(2, 0))
    for _seq, right, day, amount, for_year, confirmed_on, doc, _id, confirmation in transfers:
        counter.transfer += 1
        world.transfer_rows.append((counter.transfer, payer.id, right.id, document_number(doc), day, amount, for_year, confirmed_on, confirmation or ""))
    _agreement_amounts(world, state)
    _payment_problems(world, state)
    lifecycle.plan_payer(world, state)  # calendar plans and acts, while the payments are in memory
    for year, share, dec, total, pattern, days in state.dump_years:
        detail = {"december_share": round(share, 4), "december_amount": money(dec), "year_total": money(total), "pattern": pattern, "december_days": days}
        world.problems.append(Problem("december_dump", "payer_year", {"payer_id": payer.id, "payer_bin": payer.bin, "year": year}, detail))
    for ry, spent, credit_in in state.shortfalls:
        world.problems.append(
            Problem(
                "shortfall", "right_year", _right_year_subject(ry),
                {"regime": ry.regime, "obligation": money(ry.obligation), "spent": money(spent), "credit_in": money(credit_in), "available_share": round((spent + credit_in) / ry.obligation, 4), "cause": "underspending"},
            )
        )
    for agreement in state.agreements:
        agreement.payments = []
    state.records = []


def _agreement_amounts(world: World, state) -> None:
    rng = world.rng
    rate = world.scale.rates.above_agreement_amount
    for agreement in state.agreements:
        paid = sum(rec[P.AMOUNT] for rec in agreement.payments)
        roll = rng.random()
        if agreement.kind == "clean" and paid > 2_000_000 and roll < rate:
            low, high = rng.choices(OVER_MARGINS, [w for *_r, w in OVER_MARGINS])[0][:2]
            agreement.amount = max(100_000, math.floor(paid / (1 + rng.uniform(low, high)) / 100_000) * 100_000)
        elif roll > 0.95 and paid > 0:
            agreement.amount = paid  # paid to the tiyn of the amount: the boundary, not above it
        else:
            agreement.amount = max(100_000, math.ceil(paid * rng.uniform(1.0, 1.15) / 100_000) * 100_000)
        if paid > agreement.amount:
            agreement.over_amount = True
            world.problems.append(
                Problem(
                    "above_agreement_amount", "agreement", _agreement_subject(agreement),
                    {"amount": money(agreement.amount), "paid_total": money(paid), "excess": money(paid - agreement.amount), "excess_share": round((paid - agreement.amount) / agreement.amount, 4)},
                )
            )


def _agreement_subject(agreement) -> dict:
    return {
        "agreement_id": agreement.id, "agreement_number": agreement.number,
        "payer_id": agreement.payer.id, "payer_bin": agreement.payer.bin,
        "performer_id": agreement.performer.id, "performer_bin": agreement.performer.bin,
    }


def _payment_subject(rec) -> dict:
    agreement = rec[P.AGR]
    right = rec[P.RIGHT]
    return {
        "payment_id": rec[P.ID], "document_number": doc_text(rec[P.DOC]), "paid_on": _iso(rec[P.DAY]), "amount": money(rec[P.AMOUNT]),
        "payer_id": agreement.payer.id, "payer_bin": agreement.payer.bin,
        "agreement_id": agreement.id, "agreement_number": agreement.number,
        "right_id": right.id, "right_number": right.number,
        "performer_id": agreement.performer.id, "performer_bin": agreement.performer.bin,
    }


def _right_year_subject(ry) -> dict:
    right = ry.right
    return {"right_id": right.id, "right_number": right.number, "payer_id": right.holder.id, "payer_bin": right.holder.bin, "year": ry.year}


def _holds(performer, kinds, day: int) -> bool:
    return any(a <= day <= b for kind in kinds for a, b in performer.status.get(kind, ()))


def _payment_problems(world: World, state) -> None:
    for rec in state.records:
        agreement = rec[P.AGR]
        performer = agreement.performer
        day = rec[P.DAY]
        if day >= DEDUCTION_FROM and performer.kind in DEDUCTION_KINDS and not _holds(performer, DEDUCTION_STATUSES, day):
            # labelled from the final data whatever else the line is: a clean line to an institute
            # whose accreditation lapsed in 2026 still counts toward the obligation, but is not deductible
            detail = {"performer_kind": performer.kind, "rule": "tax_deduction", "accreditation_periods": [[_iso(a), None if b == FAR else _iso(b)] for a, b in performer.status.get("science_accreditation", ())]}
            world.problems.append(Problem("tax_deduction_unaccredited", "payment", _payment_subject(rec), detail))
        tag = rec[P.TAG]
        if tag is None or tag == "tax_deduction_unaccredited":  # the latter labelled above, from the data
            continue
        if tag == "trade_or_finance_performer" and _holds(performer, ("science_accreditation",), day):
            continue  # an accredited trading house or financial firm: a clean look-alike (the science authority judged it)
        if tag == "duplicate_payment":
            original = rec[P.DUP]
            subject = _payment_subject(original)
            subject["payment_ids"] = sorted([original[P.ID], rec[P.ID]])
            subject["right_ids"] = [original[P.RIGHT].id, rec[P.RIGHT].id]
            subject["right_numbers"] = [original[P.RIGHT].number, rec[P.RIGHT].number]
            del subject["payment_id"], subject["right_id"], subject["right_number"]
            detail = {
                "original_id": original[P.ID], "copy_id": rec[P.ID], "same_right": original[P.RIGHT] is rec[P.RIGHT],
                "form": rec[P.FORM][0], "copy_document_number": doc_text(rec[P.DOC]), "copy_paid_on": _iso(rec[P.DAY]), "days_apart": rec[P.DAY] - original[P.DAY],
            }
            if rec[P.FORM][0] == "written_differently":
                detail["changes"] = rec[P.FORM][1]
        else:
            subject = _payment_subject(rec)
            detail = _detail(world, tag, rec, agreement, performer)
        world.problems.append(Problem(tag, "payment", subject, detail))


def _detail(world: World, tag: str, rec, agreement, performer) -> dict:
    day = rec[P.DAY]
    if tag == "affiliate_payment":
        kind, via, holding_id, share, start, end, chain = world.affiliated[agreement.payer.id][performer.id]
        detail = {
            "relation": kind, "via": via, "share": share, "depth": len(chain) - 1, "chain_bins": [world.org_by_id[i].bin for i in chain],
            "linked_from": _iso(start) if start else None, "linked_to": None if end == FAR else _iso(end),
        }
        if holding_id is not None:
            detail["holding_id"] = holding_id
            detail["holding_bin"] = world.org_by_id[holding_id].bin
        return detail
    if tag == "unaccredited_performer":
        gap = next(((a, b) for a, b in performer.gaps if a <= day <= b), None)
        return {"performer_kind": performer.kind, "no_status_from": _iso(gap[0]) if gap else None, "no_status_to": _iso(gap[1]) if gap else None}
    if tag == "foreign_without_permission":
        periods = [[_iso(a), None if b == FAR else _iso(b)] for a, b in performer.status.get("foreign_permission", ())]
        return {"permission_periods": periods}
    if tag == "before_agreement_date":
        return {"signed_on": _iso(agreement.signed_on), "days_before": agreement.signed_on - day}
    if tag == "trade_or_finance_performer":
        return {"oked": performer.oked, "activity": "finance" if performer.oked[:2] in ("64", "66") else "trade", "performer_kind": performer.kind}
    if tag == "non_rd_purpose":
        category, language = rec[P.FORM]
        return {"purpose": rec[P.PURPOSE], "category": category, "language": language}
    raise ValueError(f"unknown problem tag {tag!r}")


def finalize_country(world: World) -> None:
    """Project statuses, projects still in the pipeline, right-year labels; the problems in order."""
    rng = world.rng
    for project in world.projects:
        if project.end < AS_OF_ORD:
            project.status = "completed" if rng.random() < 0.9 else "cancelled"
            if project.status == "completed":
                project.trl_reached = project.trl_target if rng.random() < 0.8 else max(project.trl_start, project.trl_target - 1)
        else:
            project.status = "in_progress"
    domestic = [p for p in world.performers if not p.foreign and p.kind != "aggregator"]
    for _ in range(max(3, round(0.03 * len(world.projects)))):
        performer = rng.choice(domestic)
        start = rng.randint(date(2026, 9, 1).toordinal(), date(2027, 3, 1).toordinal())
        pid = world.next_id("project")
        template = rng.choice(world.projects) if world.projects else None
        titles = template.titles if template else ("Проект НИОКР", "ҒЗТКЖ жобасы", "R&D project")
        trl = rng.randint(2, 5)
        status = rng.choices([s for s, _w in PIPELINE_STATUSES], [w for _s, w in PIPELINE_STATUSES])[0]
        world.projects.append(
            Project(
                id=pid, code=f"PRJ-{date.fromordinal(start).year}-{pid:06d}", titles=titles, abstract="Заявка на финансирование НИОКР.",
                performer_id=performer.id, direction=template.direction if template else "other", sector=template.sector if template else "",
                trl_start=trl, trl_target=min(9, trl + rng.randint(1, 3)), start=start, end=start + rng.randint(365, 1095), status=status,
            )
        )
    for ry in world.right_years:
        if ry.label == "missing_base":
            world.problems.append(Problem("missing_base", "right_year", _right_year_subject(ry), {"regime": ry.regime, "base_year": ry.base_year, "base_type": ry.base_type}))
        elif ry.label == "base_revised_down":
            income, costs, revised_on, note, _kind = ry.right.revisions[ry.base_year]
            original = ry.right.bases[ry.base_year][0 if ry.base_type == "aggregate_income" else 1]
            revised = income if ry.base_type == "aggregate_income" else costs
            detail = {
                "regime": ry.regime, "base_year": ry.base_year, "base_type": ry.base_type, "original_base": money(original), "revised_base": money(revised),
                "revised_share": round(revised / original, 4) if original else None, "revision": 2, "revised_on": revised_on.isoformat(), "note": note,
                "original_obligation": money(ry.revised_from), "obligation": money(ry.obligation),
            }
            world.problems.append(Problem("base_revised_down", "right_year", _right_year_subject(ry), detail))
        elif ry.label == "missing_transfer":
            detail = {"regime": ry.regime, "obligation": money(ry.obligation), "base_year": ry.base_year, "form": "part" if ry.transferred else "none", "transferred": money(ry.transferred)}
            world.problems.append(Problem("missing_transfer", "right_year", _right_year_subject(ry), detail))
            if date(ry.year, 12, 31).toordinal() < AS_OF_ORD:
                # arrears only once the budget year has closed; until 31 December the year is still open
                share = round(ry.transferred / ry.obligation, 4)
                detail = {"regime": ry.regime, "obligation": money(ry.obligation), "spent": money(ry.transferred), "credit_in": "0.00", "available_share": share, "cause": "missing_transfer"}
                world.problems.append(Problem("shortfall", "right_year", _right_year_subject(ry), detail))
    lifecycle.build_country(world)  # programmes, councils, expertise, calls, results
    world.problems.sort(key=_problem_key)


def _problem_key(problem: Problem):
    s = problem.subject
    first = (s.get("payment_id") or (s.get("payment_ids") or [0])[0] or s.get("agreement_id") or s.get("right_id") or s.get("project_id") or s.get("item_id")
             or s.get("payer_id") or 0)
    return (problem.code, first, s.get("year", 0))
