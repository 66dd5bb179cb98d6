"""Injected problems of the payment level, and the December pattern of a payer-year.

Every injected payment is an *extra* line on top of a right-year's clean spending, so a clean
right-year stays met even if a control engine excludes the injected lines; right-years labelled
``shortfall`` get no injected lines. Each injected line carries exactly one problem:

* ``affiliate_payment``: an agreement with a performer in the payer's ownership tree (under its
  ultimate parent, two to five links away) or sharing a founder or director with it, during the
  whole year the links hold; the performer is otherwise eligible;
* ``unaccredited_performer``: an agreement with a domestic performer paid only on days when it
  holds no status at all (no Kazakhstani-supplier status, accreditation or Astana Hub status);
* ``foreign_without_permission``: the same with a foreign performer outside its permission periods;
* ``trade_or_finance_performer``: an agreement "for R&D" with a trading house or a financial firm
  (OKED 46.x, 47.x, 64.x, 66.x) that holds a supplier status the regime accepts; a line paid on a
  day the firm holds a science accreditation is left unlabelled (a clean look-alike, see
  :mod:`niokr.synthetic.finalize`);
* ``tax_deduction_unaccredited`` (from 2026): an agreement with a research institute or an
  aggregator that holds a status the regime accepts all year, paid only on days when it holds no
  science accreditation (nor Astana Hub status) — the money counts, but the Tax Code's art. 302
  does not let it be deducted; the label itself is taken from the data
  (:mod:`niokr.synthetic.finalize`), so a clean line with the same facts carries it too;
* ``before_agreement_date``: a line dated 1 day to 4 months before its (otherwise clean) agreement
  was signed (:data:`BEFORE_GAPS`), never before 1 January of its year;
* ``non_rd_purpose``: a line of a clean agreement whose purpose is not R&D, in words composed by
  :mod:`niokr.synthetic.purposes` (travel, pipes, reagents, catering, security, fuel, cleaning,
  subscriptions, repair of a laboratory, sponsorship of a scientific organisation …);
* ``duplicate_payment``: a copy of a clean line (same amount and performer), reported once more
  under another right of the payer, or under the same right: with the same document number and
  date, with the number written another way (:mod:`niokr.synthetic.numbers`), or entered again as
  a payment order of its own (another number, up to a week later).

Events are drawn in proportion to each right-year's number of lines; an event that cannot be
placed (no affiliated performer, no performer in a gap) is carried to the next right-year.
"""

from __future__ import annotations

from datetime import date

from niokr.synthetic.records import P, day_of
from niokr.synthetic.scales import AS_OF, LAST_YEAR
from niokr.synthetic.purposes import non_rd_purpose
from niokr.synthetic.world import split

__all__ = ["inject_year", "december", "PAYMENT_CODES", "AGREEMENT_CODES", "PROJECT_SHARE"]

AS_OF_ORD = AS_OF.toordinal()
DUMP_SHARE = 0.60
CLEAN_DECEMBER_CEILING = 0.45
#: (code, mean lines per event)
PAYMENT_CODES = (
    ("affiliate_payment", 5),
    ("unaccredited_performer", 4),
    ("foreign_without_permission", 4),
    ("before_agreement_date", 1),
    ("non_rd_purpose", 1),
    ("duplicate_payment", 1),
    ("trade_or_finance_performer", 4),
    ("tax_deduction_unaccredited", 3),
)
#: first year a code can occur in (the Tax Code of 18.07.2025 No 214-VIII is in force from 01.01.2026)
FIRST_YEARS = {"tax_deduction_unaccredited": 2026}
DEDUCTION_KINDS = ("research_institute", "aggregator")
#: codes injected as agreements of their own (the others add lines to clean agreements)
AGREEMENT_CODES = ("affiliate_payment", "unaccredited_performer", "foreign_without_permission", "trade_or_finance_performer")
#: share of the injected agreements that belong to a project
PROJECT_SHARE = 0.5
MOVABLE_TAGS = (None, "affiliate_payment", "non_rd_purpose", "trade_or_finance_performer")
#: How long before its agreement was signed a line is paid: (fewest days, most days, weight) — from
#: the day before to four months (an agreement signed in spring, its first line paid in January).
BEFORE_GAPS = ((1, 3, 25), (4, 14, 30), (15, 45, 25), (46, 120, 20))
#: How a December dump is dated: (pattern, weight); the windows are days of December.
DUMP_PATTERNS = (("whole_month", 25), ("last_week", 25), ("last_days", 20), ("one_day", 15), ("mid_month", 15))
DUMP_WINDOWS = {"whole_month": (1, 31, 0), "last_week": (24, 31, 0), "last_days": (27, 31, 0), "one_day": (0, 0, 0), "mid_month": (10, 20, 0)}


class YearContext:
    """The payer-year's clean agreements and clean lines per right (candidates for injection)."""

    def __init__(self, state, year: int, direct: list):
        self.direct = direct
        jan1 = date(year, 1, 1).toordinal()
        self.agreements: dict[int, list] = {}
        for ag in state.year_agreements:
            if ag.kind == "clean" and ag.lo >= jan1 and ag.payments:
                self.agreements.setdefault(ag.right.id, []).append(ag)
        self.lines: dict[int, list] = {}
        for rec in state.year_records:
            if rec[P.TAG] is None and not rec[P.FIXED] and rec[P.AGR].kind == "clean":
                self.lines.setdefault(rec[P.RIGHT].id, []).append(rec)


def inject_year(sp, state, year: int, year_rys: list) -> None:
    """Add this payer-year's injected payment lines to its direct right-years."""
    rng = sp.rng
    rates = sp.world.scale.rates
    direct = [ry for ry in year_rys if ry.channel == "direct" and ry.label in ("clean", "missing_base", "base_revised_down")]
    if not direct:
        return
    ctx = YearContext(state, year, direct)
    for ry in direct:
        n = len(ctx.lines.get(ry.right.id, ()))
        if n == 0:
            continue
        for code, per_event in PAYMENT_CODES:
            if year < FIRST_YEARS.get(code, 0):
                continue
            events = int(getattr(rates, code) * n / per_event + rng.random()) + sp.pending.get(code, 0)
            sp.pending[code] = 0
            for done in range(events):
                if not HANDLERS[code](sp, state, ry, ctx):
                    sp.pending[code] = events - done
                    break


def _extra_total(rng, ry, low: float, high: float) -> int:
    return max(200_000, round(ry.obligation * rng.uniform(low, high)))


def _affiliate(sp, state, ry, _ctx) -> bool:
    rng = sp.rng
    linked = sp.world.affiliated.get(state.payer.id)
    if not linked:
        return False
    ids = sp.pool(ry.regime, ry.year)[2]
    jan1, dec31 = date(ry.year, 1, 1).toordinal(), date(ry.year, 12, 31).toordinal()
    candidates = [pid for pid, info in linked.items() if pid in ids and info[4] <= jan1 and info[5] >= dec31]
    if not candidates:
        return False
    # every depth as often as the groups allow (the deeper links are the ones a two-hop check misses):
    # the depth drawn least so far first
    depth = min((sp.affiliate_depths.get(len(linked[pid][6]) - 1, 0), len(linked[pid][6]) - 1) for pid in candidates)[1]
    performer = sp.world.org_by_id[rng.choice([pid for pid in candidates if len(linked[pid][6]) - 1 == depth])]
    sp.affiliate_depths[depth] = sp.affiliate_depths.get(depth, 0) + 1
    agreement = sp.open_agreement(state, ry, performer, None, "affiliate", project_share=PROJECT_SHARE)
    amounts = split(rng, _extra_total(rng, ry, 0.02, 0.08), rng.randint(2, 8))
    state.year_records.extend(sp.add_payments(agreement, ry.right, amounts, lo=agreement.lo, hi=agreement.hi, tag="affiliate_payment"))
    return True


def _non_research(sp, state, ry, _ctx) -> bool:
    rng = sp.rng
    banned = sp.banned(state.payer.id, ry.year)
    pool = [p for p in sp.non_research_pool(ry.regime, ry.year) if p.id not in banned]
    if not pool:
        return False
    performer = rng.choice(pool)
    agreement = sp.open_agreement(state, ry, performer, None, "non_research", project_share=PROJECT_SHARE)
    amounts = split(rng, _extra_total(rng, ry, 0.01, 0.05), rng.randint(1, 7))
    state.year_records.extend(sp.add_payments(agreement, ry.right, amounts, lo=agreement.lo, hi=agreement.hi, tag="trade_or_finance_performer"))
    return True


def _in_gap(sp, state, ry, foreign: bool) -> bool:
    rng = sp.rng
    pool = sp.gap_pool(foreign, ry.year)
    if not pool:
        return False
    right = ry.right
    banned = sp.banned(state.payer.id, ry.year)
    hi_limit = min(date(ry.year, 12, 31).toordinal(), AS_OF_ORD, right.end_date.toordinal() if right.end_date else AS_OF_ORD)
    for _attempt in range(12):
        performer, a, b = rng.choice(pool)
        if performer.id in banned:
            continue
        lo = max(a, date(ry.year, 1, 1).toordinal(), right.signed_on.toordinal() + 1, performer.registered_on.toordinal() + 1)
        hi = min(b, hi_limit)
        if hi - lo < 5:
            continue
        signed = max(performer.registered_on.toordinal() + 1, lo - rng.randint(0, 20))
        period_end = hi + rng.randint(0, 60)
        project = None
        if rng.random() < PROJECT_SHARE:
            project = sp.new_project(state.payer, performer, right, signed)
        agreement = sp.new_agreement(state, performer, right, signed, period_end, kind="foreign" if foreign else "unaccredited", project=project, lo=lo, hi=hi)
        amounts = split(rng, _extra_total(rng, ry, 0.01, 0.05), rng.randint(1, 7))
        tag = "foreign_without_permission" if foreign else "unaccredited_performer"
        state.year_records.extend(sp.add_payments(agreement, right, amounts, lo=lo, hi=hi, tag=tag, fixed=True, uniform=True))
        return True
    return False


def _undeductible(sp, state, ry, _ctx) -> bool:
    rng = sp.rng
    banned = sp.banned(state.payer.id, ry.year)
    right = ry.right
    lo_year = max(date(ry.year, 1, 1).toordinal(), right.signed_on.toordinal() + 1)
    hi_year = min(date(ry.year, 12, 31).toordinal(), AS_OF_ORD, right.end_date.toordinal() if right.end_date else AS_OF_ORD)
    windows = []
    for performer in sp.pool(ry.regime, ry.year)[0]:
        if performer.kind not in DEDUCTION_KINDS or performer.id in banned:
            continue
        covered = sorted(iv for kind in ("science_accreditation", "astana_hub") for iv in performer.status.get(kind, ()))
        cursor = lo_year
        for a, b in covered + [(hi_year + 1, hi_year + 1)]:
            if a > cursor and min(a - 1, hi_year) - cursor >= 15:
                windows.append((performer, cursor, min(a - 1, hi_year)))
            cursor = max(cursor, b + 1)
            if cursor > hi_year:
                break
    if not windows:
        return False
    performer, lo, hi = rng.choice(windows)
    signed = max(performer.registered_on.toordinal() + 1, lo - rng.randint(0, 20))
    project = sp.new_project(state.payer, performer, right, signed) if rng.random() < PROJECT_SHARE else None
    agreement = sp.new_agreement(state, performer, right, signed, hi + rng.randint(0, 60), kind="undeductible", project=project, lo=lo, hi=hi)
    amounts = split(rng, _extra_total(rng, ry, 0.01, 0.05), rng.randint(1, 5))
    state.year_records.extend(sp.add_payments(agreement, right, amounts, lo=lo, hi=hi, tag="tax_deduction_unaccredited", fixed=True, uniform=True))
    return True


def _unaccredited(sp, state, ry, _ctx) -> bool:
    return _in_gap(sp, state, ry, foreign=False)


def _foreign(sp, state, ry, _ctx) -> bool:
    return _in_gap(sp, state, ry, foreign=True)


def _typical(rng, agreement, low: float, high: float) -> int:
    sample = rng.choice(agreement.payments)[P.AMOUNT]
    return max(100_000, round(sample * rng.uniform(low, high)) // 100 * 100)


def _before_agreement(sp, state, ry, ctx) -> bool:
    rng = sp.rng
    jan1 = date(ry.year, 1, 1).toordinal()
    low, high = rng.choices(BEFORE_GAPS, [w for *_r, w in BEFORE_GAPS])[0][:2]
    candidates = [ag for ag in ctx.agreements.get(ry.right.id, ()) if ag.signed_on - jan1 >= low]
    if not candidates:
        low, high = 1, 3
        candidates = [ag for ag in ctx.agreements.get(ry.right.id, ()) if ag.signed_on - jan1 >= 1]
        if not candidates:
            return False
    agreement = rng.choice(candidates)
    day = agreement.signed_on - rng.randint(low, min(high, agreement.signed_on - jan1))
    amount = _typical(rng, agreement, 0.3, 0.9)
    state.year_records.extend(sp.add_payments(agreement, ry.right, [amount], lo=day, hi=day, tag="before_agreement_date", fixed=True))
    return True


def _non_rd(sp, state, ry, ctx) -> bool:
    rng = sp.rng
    candidates = ctx.agreements.get(ry.right.id, ())
    if not candidates:
        return False
    agreement = rng.choice(candidates)
    amount = _typical(rng, agreement, 0.2, 1.0)
    records = sp.add_payments(agreement, ry.right, [amount], lo=agreement.lo, hi=agreement.hi, tag="non_rd_purpose")
    text, category, language = non_rd_purpose(rng, day=day_of(records[0][P.DAY]), agreement_number=agreement.number, agreement_signed=day_of(agreement.signed_on))
    records[0][P.PURPOSE] = text
    records[0][P.FORM] = (category, language)
    state.year_records.extend(records)
    return True


#: (form of a duplicate, weight): the same number twice, the number written another way, or the
#: same payment entered again as an order of its own (another number, a few days later).
DUPLICATE_FORMS = (("same_number", 35), ("written_differently", 40), ("renumbered", 25))


def _duplicate(sp, state, ry, ctx) -> bool:
    rng = sp.rng
    originals = ctx.lines.get(ry.right.id)
    if not originals:
        return False
    original = originals.pop(rng.randrange(len(originals)))
    agreement = original[P.AGR]
    performer_id = agreement.performer.id
    day = original[P.DAY]
    form = rng.choices([f for f, _w in DUPLICATE_FORMS], [w for _f, w in DUPLICATE_FORMS])[0]
    if form == "renumbered":
        # entered again from a second source: the same amount, a few days later (same year, inside the period)
        last = min(date(ry.year, 12, 31).toordinal(), agreement.period_end, AS_OF_ORD)
        day = min(last, day + rng.choices((0, 1, 2, 3, 4, 5, 7), (10, 25, 20, 15, 10, 10, 10))[0])
    targets = [
        other.right for other in ctx.direct
        if other.right is not ry.right and performer_id in sp.pool(other.regime, other.year)[2]
        and (other.right.end_date is None or other.right.end_date.toordinal() >= day) and other.right.signed_on.toordinal() < day
    ]
    target = rng.choice(targets) if targets and rng.random() < 0.7 else ry.right
    sp.seq += 1
    copy = list(original)
    copy[P.SEQ] = sp.seq
    copy[P.RIGHT] = target
    copy[P.DAY] = day
    copy[P.TAG] = "duplicate_payment"
    copy[P.DUP] = original
    copy[P.FIXED] = True
    copy[P.FORM] = (form,)
    original[P.FIXED] = True
    agreement.payments.append(copy)
    state.year_records.append(copy)
    return True


HANDLERS = {
    "affiliate_payment": _affiliate,
    "unaccredited_performer": _unaccredited,
    "foreign_without_permission": _foreign,
    "before_agreement_date": _before_agreement,
    "non_rd_purpose": _non_rd,
    "duplicate_payment": _duplicate,
    "trade_or_finance_performer": _non_research,
    "tax_deduction_unaccredited": _undeductible,
}


def december(sp, state, year: int) -> None:
    """Keep a clean payer-year's December share at most 45%, or (for an injected one) push it to 62–95%.

    An injected dump takes one of :data:`DUMP_PATTERNS`: spread over the month, in the last week,
    in the last days, on one day between 20 and 30 December, or in mid-month. The share is of the
    lines counted toward ``year`` (their ``for_year``, else their date). The label is decided from
    the final share: above 60% is a ``december_dump``.
    """
    rng = sp.rng
    records = state.year_records
    if year >= LAST_YEAR or not records:
        return
    total = sum(rec[P.AMOUNT] for rec in records)
    if total <= 0:
        return
    dec_lo, dec_hi = date(year, 12, 1).toordinal(), date(year, 12, 31).toordinal()
    dec = sum(rec[P.AMOUNT] for rec in records if dec_lo <= rec[P.DAY] <= dec_hi)
    movable = [rec for rec in records if not rec[P.FIXED] and rec[P.TAG] in MOVABLE_TAGS]
    pattern = None
    if len(records) >= 6:
        # a random draw, with a floor so that even a small country gets its share of dumps
        rate = sp.world.scale.rates.december_dump
        sp.dumps_expected += rate
        if rng.random() < rate or sp.dumps_expected - sp.dumps_done >= 1.5:
            pattern = rng.choices([p for p, *_r in DUMP_PATTERNS], [w for *_r, w in DUMP_PATTERNS])[0]
    if pattern is not None:
        sp.dumps_done += 1
        _first, _last, _w = DUMP_WINDOWS[pattern]
        target = rng.uniform(0.62, 0.95) * total
        one_day = date(year, 12, rng.randint(20, 30)).toordinal()
        rng.shuffle(movable)
        for rec in movable:
            if dec >= target:
                break
            if rec[P.DAY] >= dec_lo:
                continue
            right = rec[P.RIGHT]
            hi = min(dec_hi, right.end_date.toordinal() if right.end_date else dec_hi)
            if hi < dec_lo:
                continue
            if pattern == "one_day":
                lo = day_hi = min(one_day, hi)
            else:
                lo, day_hi = date(year, 12, _first).toordinal(), min(hi, date(year, 12, _last).toordinal())
                if day_hi < lo:
                    lo = dec_lo
            rec[P.DAY] = rng.randint(lo, day_hi)
            dec += rec[P.AMOUNT]
    elif dec > CLEAN_DECEMBER_CEILING * total:
        in_december = sorted((rec for rec in movable if dec_lo <= rec[P.DAY] <= dec_hi), key=lambda r: (-r[P.AMOUNT], r[P.SEQ]))
        nov30 = date(year, 11, 30).toordinal()
        for rec in in_december:
            if dec <= 0.40 * total:
                break
            lo = max(rec[P.AGR].signed_on, date(year, 1, 1).toordinal())
            if lo > nov30:
                continue
            rec[P.DAY] = sp.days.sample(rng, lo, nov30)
            dec -= rec[P.AMOUNT]
    share = dec / total
    if share > DUMP_SHARE:
        days = len({rec[P.DAY] for rec in records if dec_lo <= rec[P.DAY] <= dec_hi})
        state.dump_years.append((year, share, dec, total, pattern or "unplanned", days))
