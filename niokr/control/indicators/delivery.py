"""What was delivered, counted twice: NK-36, NK-37, NK-38.

NK-23 follows the money against the acts (payments ahead of acceptance); NK-25 and NK-26 read one
project's results. These compare deliveries with each other: one acceptance act paid twice (NK-36),
one result claimed by two projects (NK-37), one stage report handed in for two projects (NK-38).

A payment may record the stage it pays (``Payment.stage``): the ``stage_reports`` frame carries those
links (``payment_ids``), and NK-36 sets the linked payments against the stage's act. The payments frame
itself links no payment to an act, so for the others NK-36 matches them by the agreement, the amount and
the date, and by the act's number written in the purpose — see :func:`_acts_paid_twice` for the rules
and their limits. Texts (results' titles, stages' reports and deliverables) are compared as
:mod:`.double_funding` reads subjects (:class:`~niokr.control.indicators.double_funding.TextSpace`),
with their numbers kept. NK-37 and NK-38 flag both projects of a match, the later claim and the first
(``first_occurrence``), as NK-06 flags every copy of a payment.

Dates in evidence are ``DD.MM.YYYY``; money keys end in ``_tiyn``; phrases that depend on words are
written in each language under ``<key>_kk``, ``<key>_ru``, ``<key>_en``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import polars as pl

from niokr.control.indicators.base import LANGUAGES, OUTCOME_SCHEMA, Frames, Indicator, Threshold, format_money, format_number, outcome
from niokr.control.indicators.double_funding import TextSpace, fold, read_text
from niokr.control.indicators.lifecycle import project_payers
from niokr.control.indicators.relations import period_names, purpose_similarity, stage_numbers
from niokr.core.docnumbers import number_key

__all__ = ["INDICATORS", "NK36", "NK37", "NK38", "act_references", "reference_key"]

_DAY = "%d.%m.%Y"
#: At most this many items are written into a phrase (the rest are counted).
LISTED = 8


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _day(value: date | None) -> str | None:
    return value.strftime(_DAY) if value else None


def _result(rows: list[dict]) -> pl.DataFrame:
    return outcome(pl.DataFrame(rows, schema=OUTCOME_SCHEMA)) if rows else outcome(pl.DataFrame(schema=OUTCOME_SCHEMA))


def _bins(frames: Frames) -> dict[int, str]:
    if not frames.has("organisations"):
        return {}
    orgs = frames["organisations"].unique("org_id", keep="first")
    return dict(zip(orgs["org_id"].to_list(), orgs["bin"].to_list(), strict=True))


def _listed(items: list[str], lang: str) -> str:
    shown = items[:LISTED]
    if len(items) > LISTED:
        shown.append({"kk": f"тағы {len(items) - LISTED}", "ru": f"ещё {len(items) - LISTED}", "en": f"{len(items) - LISTED} more"}[lang])
    return "; ".join(shown)


def _score(value: float, lang: str) -> str:
    return format_number(round(float(value), 2), 2, lang)


def _same_purpose(a: str | None, b: str | None, threshold: float) -> bool:
    """Two purposes that may describe one payment (as NK-06 reads them): alike in words, naming no other stage or period."""
    sa, sb = stage_numbers(a), stage_numbers(b)
    pa, pb = period_names(a), period_names(b)
    return not (sa and sb and sa != sb) and not (pa and pb and pa != pb) and purpose_similarity(a, b) >= threshold


def _near(a: int, b: int, params: Mapping[str, Any]) -> bool:
    """Two amounts within the tolerance: ``amount_tolerance_tiyn`` or ``amount_tolerance_share`` of the larger."""
    return abs(a - b) <= max(float(params["amount_tolerance_tiyn"]), max(a, b) * float(params["amount_tolerance_share"]))


# -- NK-36 one acceptance act paid twice -------------------------------------------------------------

#: An act named in a purpose: «акт № АКТ-2024/000123», «по акту 15», «актісі № 7», "act No 12".
_ACT_NAMED = re.compile(r"(?<!\w)(?:акт\w*|act)\s*(?:№|no\.?|n)?\s*([^\s,;:()«»\"]*\d[^\s,;:()«»\"]*)", re.IGNORECASE)


@lru_cache(maxsize=65_536)
def act_references(purpose: str | None) -> frozenset[str]:
    """The keys (:func:`~niokr.core.docnumbers.number_key`) of the acts a purpose names by number."""
    text = purpose or ""
    lowered = text.lower()
    if "акт" not in lowered and "act" not in lowered:
        return frozenset()
    keys = {number_key(m.group(1).rstrip(".")) for m in _ACT_NAMED.finditer(text)}
    return frozenset(k for k in keys if k)


_PAY_ITEM = {"kk": "№ {number}, {day} ж. — {amount}", "ru": "№ {number} от {day} — {amount}", "en": "No {number} of {day} — {amount}"}
_TWICE = {
    "kk": "{day} күнгі {amount} сомасындағы № {number} акт оның сомасындағы {k} төлеммен төленген: {payments}",
    "ru": "акт № {number} от {day} на {amount} оплачен {k} платежами на его сумму: {payments}",
    "en": "act No {number} of {day} for {amount} was paid by {k} payments of its amount: {payments}",
}
_LINKED = {
    "kk": "{day} күнгі {amount} сомасындағы № {number} актінің кезеңіне байланыстырылған төлемдер жиыны {total}: {payments}",
    "ru": "по акту № {number} от {day} на {amount} платежами, привязанными к его этапу, выплачено {total}: {payments}",
    "en": "payments linked to the stage of act No {number} of {day} for {amount} total {total}: {payments}",
}
_NAMED = {
    "kk": "{day} күнгі {amount} сомасындағы № {number} актіге сілтеме жасалған төлемдер жиыны {total}: {payments}",
    "ru": "по акту № {number} от {day} на {amount} платежами со ссылкой на него выплачено {total}: {payments}",
    "en": "payments naming act No {number} of {day} for {amount} total {total}: {payments}",
}


def _payment_item(p: tuple, lang: str) -> str:
    _paid_on, _pid, amount, number, _purpose, _acts = p
    return _PAY_ITEM[lang].format(number=(number or "—").removeprefix("№").strip() or "—", day=_day(_paid_on), amount=format_money(amount, lang))


def _acts_paid_twice(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements one of whose acceptance acts was paid more than once.

    Where the ``stage_reports`` frame is given, the payments recorded as paying a stage (``Payment.stage``)
    are set against its act: a payment made after the ones before it had paid the act in full (to the
    tolerance) pays it again; the excess over the act is at stake. (An act accepting a little less than
    its payments — the last one only partly beyond it — is NK-23's.) The payments frame itself does not link a payment to an act, so for the other payments two
    rules stand in for the link:

    * **Payments of the act's amount.** Within an agreement, each payment whose amount equals (to the
      tolerance) the amount of an act signed on or before its date pays the earliest act of that
      amount not yet paid (one signed later: an advance for it); failing one, a stage of that amount not
      yet accepted (an advance too); failing that, it pays an act already paid — the act signed last
      before it, or one whose stage has payments linked to it — again, and is at stake. A payment made
      before every act of its amount is not matched (an advance, or an instalment of another stage), so
      an advance of the whole amount followed by a second payment of it after the act is not seen; an
      act paid in several instalments is not matched by amount.
    * **Payments naming the act.** The payments whose purpose names the act by its number (the same
      number as accountants mean it: «акт № АКТ-2024/000123», «по акту 2024/123») go on after they had
      paid it in full; the excess is at stake.

    A payment NK-06 calls a copy counts once: the same number (as accountants mean it) and amount, or
    the same amount within ``date_window_days`` for a purpose that reads the same
    (``purpose_similarity``, naming no other stage or period). An agreement with no act signed by the
    evaluation date is not computable (``no_acts``).
    """
    as_of = frames.as_of
    bins = _bins(frames)
    acts: dict[int, list[tuple]] = defaultdict(list)
    for act_id, stage_id, agreement_id, number, signed_on, amount in frames["acts"].select(
        "act_id", "stage_id", "agreement_id", "number", "signed_on", "amount",
    ).iter_rows():
        if agreement_id is not None and signed_on is not None and amount is not None and signed_on <= as_of:
            acts[agreement_id].append((signed_on, act_id, stage_id, number or "", amount))
    open_stages: dict[int, list[int]] = defaultdict(list)
    if frames.has("stages"):
        accepted = {a[2] for items in acts.values() for a in items}
        for stage_id, agreement_id, amount in frames["stages"].select("stage_id", "agreement_id", "amount").iter_rows():
            if agreement_id in acts and stage_id not in accepted and amount is not None:
                open_stages[agreement_id].append(amount)
    payments: dict[int, list[tuple]] = defaultdict(list)
    pay = frames["payments"].filter(pl.col("agreement_id").is_in(list(acts)) & pl.col("paid_on").is_not_null() & pl.col("amount").is_not_null())
    # Numbers are read only where a copy can be: an amount paid twice or more under one agreement.
    numbers = pay.filter(pl.len().over("agreement_id", "amount") > 1)["document_number"].drop_nulls().unique().to_list()
    keys = {n: number_key(n) for n in numbers}
    window, alike = int(params["date_window_days"]), float(params["purpose_similarity"])
    seen: set[tuple] = set()
    last: dict[tuple, tuple] = {}  # (agreement, amount) → (date, purpose) of the latest payment kept
    for agreement_id, paid_on, amount, number, purpose, payment_id in pay.sort("paid_on", "payment_id").select(
        "agreement_id", "paid_on", "amount", "document_number", "purpose", "payment_id",
    ).iter_rows():
        key = keys.get(number)
        if key is not None and (agreement_id, key, amount) in seen:
            continue  # a copy of the same document (NK-06's)
        before = last.get((agreement_id, amount))
        if before is not None and (paid_on - before[0]).days <= window and _same_purpose(before[1], purpose, alike):
            continue  # the same payment retyped under another number within days (NK-06's)
        if key is not None:
            seen.add((agreement_id, key, amount))
        last[(agreement_id, amount)] = (paid_on, purpose)
        if paid_on <= as_of:
            payments[agreement_id].append((paid_on, payment_id, amount, number, purpose, act_references(purpose)))
    # The payments recorded as paying a stage (Payment.stage), where the stage_reports frame is given.
    links: dict[int, frozenset[int]] = {}
    if frames.has("stage_reports"):
        for stage_id, ids in frames["stage_reports"].select("stage_id", "payment_ids").iter_rows():
            if ids:
                links[stage_id] = frozenset(ids)
    linked = frozenset().union(*links.values()) if links else frozenset()
    rows = []
    for a in frames["agreements"].unique("agreement_id", keep="first").iter_rows(named=True):
        aid = a["agreement_id"]
        if aid not in acts:
            rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "not_computable", "reason": "no_acts"})
            continue
        findings = _twice(sorted(acts[aid]), open_stages.get(aid, []), payments.get(aid, []), params, links, linked)
        if not findings:
            rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "clear"})
            continue
        at_stake = sum(f["at_stake"] for f in findings)
        evidence: dict[str, Any] = {
            "agreement_id": aid, "agreement_number": a["number"], "signed_on": _day(a["signed_on"]), "agreement_amount_tiyn": a["amount"],
            "payer_bin": bins.get(a["payer_id"]), "performer_bin": bins.get(a["performer_id"]),
            "acts_paid_twice": len(findings), "act_numbers": [f["act"][3] for f in findings],
            "document_numbers": sorted({p[3] for f in findings for p in f["payments"] if p[3]}),
            "payment_ids": sorted({p[1] for f in findings for p in f["payments"]}), "excess_tiyn": at_stake,
        }
        for lang in LANGUAGES:
            evidence[f"paid_twice_{lang}"] = _listed([_finding_phrase(f, lang) for f in findings], lang)
        rows.append({"subject_id": aid, "payer_id": a["payer_id"], "status": "flagged", "evidence": _json(evidence), "amount": at_stake})
    return _result(rows)


def _twice(
    acts: list[tuple], open_stages: list[int], payments: list[tuple], params: Mapping[str, Any], links: Mapping[int, frozenset[int]], linked_ids: frozenset[int],
) -> list[dict]:
    """The acts of one agreement paid more than once: ``{"act", "form", "payments", "total", "at_stake"}`` each.

    ``links``: stage → the payments recorded as paying it; ``linked_ids``: every payment linked to a stage.
    A payment linked to a stage is judged by its link, not by its amount.
    """
    found: dict[int, dict] = {}
    # By the link recorded: payments linked to an act's stage go on after they had paid the whole act.
    for act in acts:
        mine = links.get(act[2])
        if not mine:
            continue
        paid = [p for p in payments if p[1] in mine]
        total = sum(p[2] for p in paid)
        if _beyond_cover(paid, act[4], params):
            found[act[1]] = {"act": act, "form": "linked", "payments": paid, "total": total, "at_stake": total - act[4]}
    # By amount: classes of acts of one amount (to the tolerance), in the order they were signed.
    classes: list[list[tuple]] = []
    for act in acts:
        for group in classes:
            if _near(group[0][4], act[4], params):
                group.append(act)
                break
        else:
            classes.append([act])
    for group in classes:
        amount = group[0][4]
        advances = sum(1 for s in open_stages if _near(s, amount, params))
        # An act whose stage has payments linked to it is paid by them.
        paid_by: dict[int, list[tuple]] = {x[1]: [p for p in payments if p[1] in links[x[2]]] for x in group if links.get(x[2])}
        surplus: dict[int, list[tuple]] = defaultdict(list)
        for p in (p for p in payments if _near(p[2], amount, params) and p[1] not in linked_ids):
            # The earliest act of the amount not yet paid — signed by the payment's date, else later (an
            # advance for it); else a stage not yet accepted; else an act already paid is paid again.
            if not any(x[0] <= p[0] for x in group):
                continue  # before every act of the amount: an advance or an instalment of another stage
            due = [x for x in group if x[1] not in paid_by]
            if due:
                paid_by[due[0][1]] = [p]
            elif advances:
                advances -= 1
            else:
                before = [x for x in group if x[0] <= p[0]]
                if before:
                    surplus[before[-1][1]].append(p)
        for act in group:
            if surplus.get(act[1]) and act[1] not in found:
                listed = paid_by.get(act[1], []) + surplus[act[1]]
                found[act[1]] = {"act": act, "form": "amount", "payments": listed, "total": sum(p[2] for p in listed), "at_stake": sum(p[2] for p in surplus[act[1]])}
    # By the act's number named in the purpose.
    for act in acts if any(p[5] for p in payments) else ():
        key = number_key(act[3])
        if not key:
            continue
        named = [p for p in payments if key in p[5]]
        total = sum(p[2] for p in named)
        if _beyond_cover(named, act[4], params):
            excess = total - act[4]
            if act[1] not in found or found[act[1]]["at_stake"] < excess:
                found[act[1]] = {"act": act, "form": "named", "payments": named, "total": total, "at_stake": excess}
    return [found[k] for k in sorted(found, key=lambda k: (found[k]["act"][0], k))]


def _beyond_cover(paid: list[tuple], amount: int, params: Mapping[str, Any]) -> list[tuple]:
    """The payments (in date order) made after the ones before them had paid ``amount`` in full (to the
    tolerance): an act paid again. An act accepting a little less than was paid for it — the last payment
    only partly beyond it — is NK-23's (payment beyond acceptance), not an act paid twice."""
    covered, beyond = 0, []
    for p in paid:
        if covered > 0 and (covered >= amount or _near(covered, amount, params)):
            beyond.append(p)
        covered += p[2]
    return beyond


def _finding_phrase(f: Mapping[str, Any], lang: str) -> str:
    signed_on, _aid, _sid, number, amount = f["act"]
    listed = ", ".join(_payment_item(p, lang) for p in f["payments"][:LISTED])
    template = {"amount": _TWICE, "linked": _LINKED, "named": _NAMED}[f["form"]]
    return template[lang].format(
        number=number or "—", day=_day(signed_on), amount=format_money(amount, lang), k=len(f["payments"]), total=format_money(f["total"], lang), payments=listed,
    )


NK36 = Indicator(
    code="NK-36", version=1, subject_type="agreement", weight=80,
    title=_t("Бір қабылдау актісі екі рет төленген", "Один акт приёмки оплачен дважды", "One acceptance act paid twice"),
    rationale=_t(
        "Сатып алынған ҒЗТКЖ-ның әр кезеңі бір рет қабылданады және бір рет төленеді. Актінің сомасына тең екінші төлем немесе актіге сілтеме жасалған, сомасы одан асатын төлемдер — бір жұмыс үшін екі рет төлеу: артық сома міндеттемені жасанды түрде арттырады.",
        "Каждый этап приобретённых НИОКР принимается один раз и оплачивается один раз. Второй платёж на сумму акта или платежи со ссылкой на акт сверх его суммы — двойная оплата одной работы: лишнее искусственно завышает исполнение обязательства.",
        "Each stage of bought-in R&D is accepted once and paid once. A second payment of an act's amount, or payments naming an act beyond its amount, pay for one piece of work twice: the surplus inflates the obligation's fulfilment.",
    ),
    legal_basis=_t(
        "Салық кодексі (2024 жылғы өзгерістер; 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі): сатып алынған ҒЗТКЖ шығыстары аяқталған әр кезеңді қабылдау актісімен расталады. Аудиторлық негіздеме: бір актінің қайталанған төлемі.",
        "Налоговый кодекс (изменения 2024 года; Налоговый кодекс от 18.07.2025 № 214-VIII): расходы на приобретённые НИОКР подтверждаются актом приёмки каждого завершённого этапа. Аудиторское обоснование: повторная оплата одного акта.",
        "Tax Code (2024 amendments; Tax Code of 18.07.2025 No 214-VIII): bought-in R&D is evidenced by an acceptance act for each completed stage. Audit rationale: one act paid again.",
    ),
    explanation=_t(
        "Жер қойнауын пайдаланушы {payer_bin} мен орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({agreement_amount_tiyn}) бойынша қабылдау актілері бірнеше рет төленген: {paid_twice_kk}. Артық төленгені: {excess_tiyn}.",
        "По договору {agreement_number} от {signed_on} на {agreement_amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} акты приёмки оплачены больше одного раза: {paid_twice_ru}. Оплачено сверх актов: {excess_tiyn}.",
        "Under agreement {agreement_number} of {signed_on} for {agreement_amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin}, acceptance acts were paid more than once: {paid_twice_en}. Paid beyond the acts: {excess_tiyn}.",
    ),
    needs=("agreements", "payments", "acts"), evaluate=_acts_paid_twice,
    thresholds=(
        Threshold("amount_tolerance_tiyn", 100, _t(
            "Төлем мен актінің осы шамадан аспайтын айырмасы бар сомалары бір сома болып саналады (тиындағы қате); актіге сілтеме жасалған төлемдер оның сомасынан осы шамаға дейін асуы мүмкін.",
            "Суммы платежа и акта, различающиеся не более чем на эту величину, считаются одной суммой (опечатка в тиынах); платежи со ссылкой на акт могут превышать его сумму на эту величину.",
            "Amounts of a payment and an act that differ by at most this much are the same amount (a kopeck retyped); payments naming an act may exceed its amount by as much.",
        )),
        Threshold("amount_tolerance_share", 0.0001, _t(
            "Немесе үлкен соманың осы үлесінен аспайтын шамаға — қайсысы көбірек мүмкіндік берсе.",
            "Или не более чем на эту долю большей суммы — что допускает больше.",
            "Or by at most this share of the larger amount, whichever allows more.",
        )),
        Threshold("date_window_days", 7, _t(
            "Бір шарт бойынша бірдей сомадағы, мақсаттары бірдей, осы күндер ішіндегі екі төлем — басқа нөмірмен қайта терілген бір төлем (оны NK-06 табады), екінші төлем емес.",
            "Два платежа по одному договору на одну сумму с одинаковым назначением в пределах этого числа дней — один платёж, введённый заново под другим номером (его находит NK-06), а не второй платёж.",
            "Two payments under one agreement for the same amount, with purposes that read the same, within this many days are one payment retyped under another number (NK-06 finds it), not a second payment.",
        )),
        Threshold("purpose_similarity", 0.6, _t(
            "Осындай екі төлемнің мақсаттары бір төлем болып саналуы үшін қаншалықты ұқсас болуы тиіс (0-ден 1-ге дейін, NK-06-дағыдай: қысқа мақсаттың басқасында табылған таңбалық триграммаларының үлесі).",
            "Насколько похожими должны быть назначения двух таких платежей, чтобы считаться одним платежом (от 0 до 1, как в NK-06: доля символьных триграмм более короткого назначения, найденных в другом).",
            "How alike the purposes of two such payments must read to be one payment (0 to 1, as NK-06 reads them: the share of the shorter purpose's character trigrams found in the other).",
        )),
    ),
    truth_codes=("act_paid_twice",),
)


# -- NK-37 one result claimed by two projects ---------------------------------------------------------

#: Kinds whose title names a thing made once (a patent, a paper, an implementation, a sale); a TRL or a
#: count of jobs is a measure of each project and is not compared by its title.
TITLE_KINDS = ("patent", "publication", "implementation", "revenue")
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"«»<>]+", re.IGNORECASE)
#: A patent's number: «Патент № 31234», «патент РК KZ 31234», "KZ 36512", "RU 2712345 C1", «KZ31234».
_PATENT = re.compile(
    r"(?:патент\w*|patent)\s*(?:№|no\.?|n)?\s*(?:рк\s*|кр\s*)?(?:[a-zа-я]{2}\s*-?\s*)?(\d{4,})"
    r"|(?<![^\W\d_])(?:kz|ru|us|ea|ep|wo|кз)\s*-?\s*(\d{4,})",
    re.IGNORECASE,
)


def reference_key(reference: str | None) -> str | None:
    """The evidence reference as an identity of the result — a DOI, a patent's number or a link — else ``None``.

    A DOI and a patent number are read wherever they stand and however written («DOI 10.1016/…»,
    «https://doi.org/10.1016/…», «Патент № 31234» = "KZ 31234" = «kz31234»). «Протокол № 3», «Акт
    внедрения № 14» are a project's own documents, numbered afresh by each performer: two projects
    citing «Протокол № 3» claim nothing in common, so they are no identity.
    """
    text = (reference or "").strip()
    if not text:
        return None
    doi = _DOI.search(text)
    if doi:
        return "doi:" + doi.group(0).rstrip(".,;)").lower()
    patent = _PATENT.search(text)
    if patent:
        return "patent:" + (patent.group(1) or patent.group(2))
    lowered = text.lower()
    if lowered.startswith(("http://", "https://", "www.")):
        return "url:" + re.sub(r"^(?:https?://)?(?:www\.)?", "", lowered).rstrip("/")
    return None


_CLAIM = {
    "later": {
        "kk": "{ref} нәтижесі ({year}) {code} жобасының {ref2} нәтижесін ({year2}) қайталайды: {how}",
        "ru": "результат {ref} ({year}) повторяет результат {ref2} проекта {code} ({year2}): {how}",
        "en": "result {ref} ({year}) repeats result {ref2} of project {code} ({year2}): {how}",
    },
    "first": {
        "kk": "{ref} нәтижесін ({year}) кейін {code} жобасы {ref2} нәтижесі ретінде ({year2}) қайта мәлімдеген: {how}",
        "ru": "результат {ref} ({year}) позже заявлен снова проектом {code} как результат {ref2} ({year2}): {how}",
        "en": "result {ref} ({year}) was claimed again later by project {code} as result {ref2} ({year2}): {how}",
    },
}
_HOW = {
    "reference": {"kk": "дәлелге сілтеме бірдей ({value})", "ru": "та же ссылка на доказательство ({value})", "en": "the same evidence reference ({value})"},
    "file": {"kk": "дәлел файлы бірдей", "ru": "тот же файл доказательства", "en": "the same evidence file"},
    "title": {"kk": "атаулары сөзбе-сөз дерлік сәйкес (ұқсастығы {value})", "ru": "названия совпадают почти дословно (сходство {value})", "en": "the titles match almost word for word (similarity {value})"},
}
_HOW_RANK = {"file": 0, "reference": 1, "title": 2}


#: A word of a title as a project code may be written: «PRJ-2023-000123», «ПР-2015-025».
_CODE_TOKEN = re.compile(r"[^\s«»\"“”„()\[\],;:]+")


def _code_of(token: str, codes: Mapping[str, int]) -> int | None:
    return codes.get(fold(token.strip(".")))


def _codes_in(title: str, codes: Mapping[str, int]) -> frozenset[int]:
    """The projects a title names by their code (``codes``: folded code → project)."""
    found = (_code_of(t, codes) for t in _CODE_TOKEN.findall(title or ""))
    return frozenset(pid for pid in found if pid is not None)


def _strip_codes(title: str, codes: Mapping[str, int]) -> str:
    """The title without the projects' codes it names."""
    return _CODE_TOKEN.sub(lambda m: " " if _code_of(m.group(0), codes) is not None else m.group(0), title or "")


def _rare_pairs(items: pl.DataFrame, owner: str, cap: int) -> pl.DataFrame:
    """Pairs of rows (``i``, ``j``: positions, ``i < j``, of two owners) sharing a word that at most ``cap`` owners use."""
    tokens = items.select(pl.col("_pos"), pl.col(owner), pl.col("_words").str.split(" ").alias("_token")).explode("_token").filter(pl.col("_token") != "").unique()
    rare = tokens.filter(pl.col(owner).n_unique().over("_token") <= cap)
    pairs = rare.join(rare, on="_token", suffix="_b").filter((pl.col("_pos") < pl.col("_pos_b")) & (pl.col(owner) != pl.col(f"{owner}_b")))
    return pairs.select(pl.col("_pos").alias("i"), pl.col("_pos_b").alias("j")).unique()


def _both_sides(found: list[tuple], rank: Mapping[str, int]) -> dict[int, list[tuple]]:
    """Each owner's lines of the matches ``(later, first, how, value)``: ``(role, mine, other, how, value)``.

    Both owners are flagged: the later claim repeats the first, the first was repeated. One line per
    claim of the owner (its role as the later first, then the strongest match, then the earliest other).
    """
    best: dict[tuple[int, int], tuple] = {}
    for later, first, how, value in found:
        for role, mine, other in (("later", later, first), ("first", first, later)):
            key = (mine["_owner"], mine["_id"])
            line = (role, mine, other, how, value)
            known = best.get(key)
            order = (role != "later", rank[how], other["_when"], other["_id"])
            if known is None or order < known[0]:
                best[key] = (order, line)
    out: dict[int, list[tuple]] = defaultdict(list)
    for (owner, _id), (order, line) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1][0], kv[0][1])):
        out[owner].append(line)
    return out


def _claimed_twice(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Projects claiming a result another project claims too: the same evidence (a DOI, a patent's number, a
    link; the same evidence file where the frame carries its SHA-256), or — for patents, publications,
    implementations and sales — a title that reads the same.

    Titles are compared with the projects' codes taken out (a title naming its own project is not
    another's), unless both name projects: then they must name the same one; numbers are kept (a
    parameter, a count). A title many projects share (more than ``template_projects``: «Внедрение
    технологии») is a template, not a claim; so is an evidence reference many projects share. Both
    projects are flagged: the later claim (by the date reached, else 31 December of its year, then the
    order recorded) repeats the first.
    """
    template = int(params["template_projects"])
    bins = _bins(frames)
    payers = project_payers(frames)
    projects = {r["project_id"]: r for r in frames["projects"].unique("project_id", keep="first").iter_rows(named=True)}
    codes = {fold(r["code"].strip()): pid for pid, r in projects.items() if r.get("code") and len(r["code"].strip()) >= 4}
    results = frames["results"].filter((pl.col("status") != "rejected") & pl.col("project_id").is_not_null()).sort("result_id")
    with_files = "evidence_sha256" in results.columns
    claims = []
    for r in results.iter_rows(named=True):
        when = r["achieved_on"] or (date(r["year"], 12, 31) if r["year"] else None)
        title = (r["title"] or "").strip()
        identities = {k for k in (reference_key(r["evidence_reference"]),) if k}
        if with_files and (r.get("evidence_sha256") or "").strip():
            identities.add("file:" + r["evidence_sha256"].strip().lower())
        claims.append({**r, "_owner": r["project_id"], "_id": r["result_id"], "_when": when or date.max, "_ids": identities, "_title": title,
                       "_named": _codes_in(title, codes), "_text": _strip_codes(title, codes) if r["kind"] in TITLE_KINDS else ""})
    found: list[tuple] = []  # (later claim, first claim, how, value)

    def order(a: dict, b: dict) -> tuple[dict, dict]:
        return (a, b) if (a["_when"], a["_id"]) <= (b["_when"], b["_id"]) else (b, a)

    # The same evidence: a reference that identifies the result, or the same file.
    by_identity: dict[str, list[dict]] = defaultdict(list)
    for c in claims:
        for identity in c["_ids"]:
            by_identity[identity].append(c)
    for identity, group in by_identity.items():
        owners = {c["_owner"] for c in group}
        if len(owners) < 2 or len(owners) > template:
            continue
        group = sorted(group, key=lambda c: (c["_when"], c["_id"]))
        first = group[0]
        how = "file" if identity.startswith("file:") else "reference"
        for c in group[1:]:
            if c["_owner"] != first["_owner"]:
                found.append((c, first, how, (c["evidence_reference"] or "").strip() if how == "reference" else None))
    # A title that reads the same (same kind).
    titled = [c for c in claims if c["_text"]]
    if titled:
        space = TextSpace((c["_text"] for c in titled), numbers=True)
        words = [read_text(c["_text"], True)[0] for c in titled]
        generic: dict[tuple[str, str], set] = defaultdict(set)
        for c, w in zip(titled, words, strict=True):
            generic[(c["kind"], read_text(c["_text"])[0])].add(c["_owner"])
        items = pl.DataFrame({"_pos": list(range(len(titled))), "project_id": [c["_owner"] for c in titled], "_words": words},
                             schema={"_pos": pl.Int64, "project_id": pl.Int64, "_words": pl.Utf8})
        candidates = set(_rare_pairs(items, "project_id", template).iter_rows())
        by_code: dict[int, list[int]] = defaultdict(list)
        for k, c in enumerate(titled):
            for pid in c["_named"]:
                by_code[pid].append(k)
        for ks in by_code.values():
            candidates.update((i, j) for x, i in enumerate(ks) for j in ks[x + 1:] if titled[i]["_owner"] != titled[j]["_owner"])
        pairs = []
        for i, j in sorted(candidates):
            a, b = titled[i], titled[j]
            if a["kind"] != b["kind"] or a["_owner"] == b["_owner"]:
                continue
            if a["_named"] and b["_named"] and a["_named"] != b["_named"]:
                continue  # each titled after its own project
            common = bool(a["_named"]) and a["_named"] == b["_named"]
            if not common and any(len(generic[(c["kind"], read_text(c["_text"])[0])]) > template for c in (a, b)):
                continue  # a template title
            pairs.append((i, j))
        if pairs:
            sims, names = space.scores([titled[i]["_text"] for i, _j in pairs], [titled[j]["_text"] for _i, j in pairs])
            for (i, j), sim, name in zip(pairs, sims, names, strict=True):
                if sim >= float(params["title_similarity"]) and name >= float(params["names_similarity"]):
                    first, later = order(titled[i], titled[j])
                    found.append((later, first, "title", round(float(sim), 3)))
    sides = _both_sides(found, _HOW_RANK)
    rows = []
    for pid in sorted({c["_owner"] for c in claims}):
        payer = payers.get(pid)
        lines = sides.get(pid)
        if not lines:
            rows.append({"subject_id": pid, "payer_id": payer, "status": "clear"})
            continue
        project = projects.get(pid, {})
        role, mine, other, how, value = lines[0]
        other_project = projects.get(other["_owner"], {})
        evidence: dict[str, Any] = {
            "project_code": project.get("code") or "", "performer_bin": bins.get(project.get("performer_id")), "payer_bin": bins.get(payer),
            "result_reference": mine["reference"], "result_title": mine["_title"][:300], "result_year": mine["year"],
            "other_project_code": other_project.get("code") or "", "other_performer_bin": bins.get(other_project.get("performer_id")),
            "other_reference": other["reference"], "other_title": other["_title"][:300], "other_year": other["year"],
            "claimed_twice": len(lines), "result_references": [x[1]["reference"] for x in lines],
            "other_project_codes": sorted({projects.get(x[2]["_owner"], {}).get("code") or "" for x in lines}),
            "evidence_references": sorted({x[4] for x in lines if x[3] == "reference" and x[4]}),
            "first_occurrence": all(x[0] == "first" for x in lines),
            "title_similarity": float(params["title_similarity"]), "template_projects": template,
        }
        for lang in LANGUAGES:
            evidence[f"claims_{lang}"] = _listed([_claim_phrase(x, projects, lang) for x in lines], lang)
        rows.append({"subject_id": pid, "payer_id": payer, "status": "flagged", "evidence": _json(evidence)})
    return _result(rows)


def _claim_phrase(line: tuple, projects: Mapping[int, Mapping], lang: str) -> str:
    role, mine, other, how, value = line
    shown = _score(value, lang) if how == "title" else value
    return _CLAIM[role][lang].format(
        ref=mine["reference"], year=mine["year"], ref2=other["reference"], year2=other["year"],
        code=projects.get(other["_owner"], {}).get("code") or "—", how=_HOW[how][lang].format(value=shown),
    )


_TEMPLATE = Threshold("template_projects", 3, _t(
    "Осыдан көп жоба ортақ пайдаланатын атау, дәлел немесе мәтін үлгі болып саналады және салыстырылмайды («Технологияны енгізу», «Кезеңнің ғылыми-техникалық есебі»).",
    "Название, доказательство или текст, общие для большего числа проектов, считаются шаблоном и не сравниваются («Внедрение технологии», «Научно-технический отчёт этапа»).",
    "A title, evidence or text shared by more projects than this is a template and is not compared («Implementation of the technology», «Stage report»).",
))
_NAMES_SIMILARITY = Threshold("names_similarity", 0.5, _t(
    "Меншікті атаулардың — сөйлем ішінде бас әріппен жазылған, сөздікте жоқ сөздердің: орындардың, объектілердің — ең аз ұқсастығы (дауыссыздары бойынша салыстырылады); мәтіндердің біреуінде атау болмаса, шарт қойылмайды.",
    "Наименьшее сходство имён собственных — слов с заглавной буквы внутри фразы, которых нет в словаре: мест, объектов (сравниваются по согласным); если в одном из текстов названий нет, условие не применяется.",
    "Least similarity of the proper names — capitalised words inside a phrase that the glossary does not know: places, sites (compared by their consonants); where either text names nothing, the condition does not apply.",
))

NK37 = Indicator(
    code="NK-37", version=1, subject_type="project", weight=55,
    title=_t("Бір нәтижені екі жоба мәлімдеген", "Один результат заявлен двумя проектами", "Same result claimed by two projects"),
    rationale=_t(
        "Нәтиже — патент, жарияланым, енгізу, сату — оны алған жобаның нәтижесі. Басқа жоба бұрын мәлімдеген нәтижені қайта мәлімдеу 1 % берген нәрсені асыра көрсетеді: бір патент немесе мақала екі жобаның «нәтижесі» болады.",
        "Результат — патент, публикация, внедрение, продажа — принадлежит проекту, который его получил. Заявить результат, уже заявленный другим проектом, значит завысить то, что дал 1 %: один патент или статья становится «результатом» двух проектов.",
        "A result — a patent, a paper, an implementation, a sale — belongs to the project that produced it. Claiming a result another project claimed before overstates what the 1 % bought: one patent or paper becomes the «result» of two projects.",
    ),
    legal_basis=_t(
        "Аудиторлық негіздеме: ҒЗТКЖ нәтижелерін есепке алу және коммерцияландыру (ҰҒТСО мониторингі; 2025 жылғы 10 қаңтардағы № 8 ҒЖБМ бұйрығымен бекітілген ТДД әдістемесі). Ұқсастық шегі мен үлгі шегі конфигурацияда.",
        "Аудиторское обоснование: учёт и коммерциализация результатов НИОКР (мониторинг НЦГНТЭ; Методика УГТ, утверждённая приказом МНВО от 10.01.2025 № 8). Порог сходства и порог шаблона задаются в конфигурации.",
        "Audit rationale: accounting for and commercialising R&D results (NCSTE monitoring; the TRL Methodology approved by MSHE order of 10.01.2025 No 8). The similarity and template thresholds are configurable.",
    ),
    explanation=_t(
        "Орындаушы {performer_bin} жобасы {project_code} (жер қойнауын пайдаланушы {payer_bin}): екі жоба мәлімдеген нәтижелер ({claimed_twice}) — {claims_kk}. Мысалы: «{result_title}» және {other_performer_bin} орындаушының «{other_title}» нәтижесі.",
        "Проект {project_code} исполнителя {performer_bin} (недропользователь {payer_bin}): результаты, заявленные двумя проектами ({claimed_twice}), — {claims_ru}. Например: «{result_title}» и результат «{other_title}» исполнителя {other_performer_bin}.",
        "Project {project_code} of performer {performer_bin} (subsoil user {payer_bin}): results claimed by two projects ({claimed_twice}) — {claims_en}. For example: «{result_title}» and the result «{other_title}» of performer {other_performer_bin}.",
    ),
    needs=("results", "projects"), evaluate=_claimed_twice,
    thresholds=(
        Threshold("title_similarity", 0.9, _t(
            "Бір түрдегі екі нәтиженің атаулары бір нәтиже болып саналуы үшін ең аз ұқсастығы (0-ден 1-ге дейін, таңбалық n-граммалардың TF-IDF косинусы; сөздер бір жазылуға келтірілген, сандар алынып тасталған).",
            "Наименьшее сходство названий двух результатов одного вида, при котором они считаются одним результатом (от 0 до 1, косинус TF-IDF символьных n-грамм; слова приведены к одному написанию, числа отброшены).",
            "Least similarity of two results' titles of one kind for them to be one result (0 to 1, the TF-IDF cosine of character n-grams; words folded to one spelling, numbers dropped).",
        )),
        _NAMES_SIMILARITY, _TEMPLATE,
    ),
    truth_codes=("result_claimed_twice",),
)


# -- NK-38 a stage report reused between projects -----------------------------------------------------

_FILE = {
    "later": {
        "kk": "{k}-кезеңнің есебі ({day} тапсырылған) {other} {k2}-кезеңінің есебімен бір файл ({day2} тапсырылған)",
        "ru": "отчёт этапа {k} (сдан {day}) — тот же файл, что и отчёт этапа {k2} {other} (сдан {day2})",
        "en": "the report of stage {k} (handed in {day}) is the same file as the report of stage {k2} of {other} (handed in {day2})",
    },
    "first": {
        "kk": "{k}-кезеңнің есебі ({day} тапсырылған) кейін {other} {k2}-кезеңінің есебі ретінде қайта тапсырылды ({day2})",
        "ru": "отчёт этапа {k} (сдан {day}) позже сдан снова как отчёт этапа {k2} {other} ({day2})",
        "en": "the report of stage {k} (handed in {day}) was handed in again later as the report of stage {k2} of {other} ({day2})",
    },
}
_TEXT = {
    "later": {
        "kk": "{k}-кезеңнің есебі мен нәтижелер сипаттамасының мәтіні {other} {k2}-кезеңінің мәтінін сөзбе-сөз дерлік қайталайды (ұқсастығы {s})",
        "ru": "текст отчёта и описания результатов этапа {k} почти дословно повторяет текст этапа {k2} {other} (сходство {s})",
        "en": "the text of the report and deliverables of stage {k} repeats that of stage {k2} of {other} almost word for word (similarity {s})",
    },
    "first": {
        "kk": "{k}-кезеңнің мәтіні кейін {other} {k2}-кезеңінде сөзбе-сөз дерлік қайталанды (ұқсастығы {s})",
        "ru": "текст этапа {k} позже почти дословно повторён в этапе {k2} {other} (сходство {s})",
        "en": "the text of stage {k} was repeated later almost word for word in stage {k2} of {other} (similarity {s})",
    },
}
_OTHER_PROJECT = {"kk": "{code} жобасының", "ru": "проекта {code}", "en": "project {code}"}
_OTHER_AGREEMENT = {"kk": "{number} шартының", "ru": "договора {number}", "en": "agreement {number}"}
_REUSE_RANK = {"file": 0, "text": 1}


def _reports_reused(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Projects handing in a stage report another project handed in before: the same file (its SHA-256, the
    stage's report or the act's), or deliverables that read the same.

    The owner of a stage is its agreement's project (two agreements of one project — co-funders — share
    their reports); a stage of an agreement with no project is its agreement's own and can be the earlier
    use, but is no subject. The first use (by the date handed in, else the act's date, then the stage's
    order) stands; later uses flag their project. The text of a stage — its report's text (the frame's
    ``report_text``: DOCX, ODT, RTF) and its deliverables — is compared when it holds at least
    ``min_text_words`` words that say something, unless many projects share it (a template) or the later
    names both the earlier project and its own by their codes (a follow-up).
    """
    template = int(params["template_projects"])
    bins = _bins(frames)
    payers = project_payers(frames)
    projects = {r["project_id"]: r for r in frames["projects"].unique("project_id", keep="first").iter_rows(named=True)} if frames.has("projects") else {}
    numbers = {}
    if frames.has("agreements"):
        numbers = dict(frames["agreements"].select("agreement_id", "number").unique("agreement_id", keep="first").iter_rows())
    stages = []
    for r in frames["stage_reports"].unique("stage_id", keep="first").sort("stage_id").iter_rows(named=True):
        owner = r["project_id"] if r["project_id"] is not None else -(r["agreement_id"] or 0) - 1
        when = r["submitted_on"] or r["act_signed_on"] or date.max
        files = {s.strip().lower() for s in (r["report_sha256"], r["act_report_sha256"]) if s and s.strip()}
        text = "\n".join(t.strip() for t in (r["report_text"], r["deliverables"]) if t and t.strip())
        stages.append({**r, "_owner": owner, "_id": r["stage_id"], "_when": when, "_files": files, "_text": text})
    found: list[tuple] = []  # (later stage, earlier stage, how, value)

    def first_of(a: dict, b: dict) -> tuple[dict, dict]:
        return (a, b) if (a["_when"], a["_id"]) <= (b["_when"], b["_id"]) else (b, a)

    by_file: dict[str, list[dict]] = defaultdict(list)
    for st in stages:
        for sha in st["_files"]:
            by_file[sha].append(st)
    for group in by_file.values():
        if len({st["_owner"] for st in group}) < 2:
            continue
        group = sorted(group, key=lambda st: (st["_when"], st["_id"]))
        firsts: dict[int, dict] = {}
        for st in group:
            firsts.setdefault(st["_owner"], st)
        earliest = group[0]
        found.extend((st, earliest, "file", None) for owner, st in firsts.items() if owner != earliest["_owner"])
    min_words = int(params["min_text_words"])
    texted = [st for st in stages if st["_text"] and read_text(st["_text"])[2] >= min_words]
    if texted:
        space = TextSpace((st["_text"] for st in texted), numbers=True)
        words = [read_text(st["_text"], True)[0] for st in texted]
        plain = [read_text(st["_text"])[0] for st in texted]  # numbers left out: a template with another page count is one template
        owners_of: dict[str, set] = defaultdict(set)
        for st, w in zip(texted, plain, strict=True):
            owners_of[w].add(st["_owner"])
        items = pl.DataFrame({"_pos": list(range(len(texted))), "_owner": [st["_owner"] for st in texted], "_words": words},
                             schema={"_pos": pl.Int64, "_owner": pl.Int64, "_words": pl.Utf8})
        pairs = [(i, j) for i, j in _rare_pairs(items, "_owner", template).sort("i", "j").iter_rows()
                 if len(owners_of[plain[i]]) <= template and len(owners_of[plain[j]]) <= template]
        # Texts written alike word for word share no rare word when every word is common: add them too.
        for w, owners in owners_of.items():
            if 2 <= len(owners) <= template:
                ks = [k for k, x in enumerate(plain) if x == w]
                pairs += [(i, j) for x, i in enumerate(ks) for j in ks[x + 1:] if texted[i]["_owner"] != texted[j]["_owner"]]
        pairs = sorted(set(pairs))
        if pairs:
            sims, names = space.scores([texted[i]["_text"] for i, _j in pairs], [texted[j]["_text"] for _i, j in pairs])
            for (i, j), sim, name in zip(pairs, sims, names, strict=True):
                if sim < float(params["text_similarity"]) or name < float(params["names_similarity"]):
                    continue
                first, later = first_of(texted[i], texted[j])
                if _names_both(later, first, projects):
                    continue  # a follow-up naming its predecessor beside itself
                found.append((later, first, "text", round(float(sim), 3)))
    sides = _both_sides(found, _REUSE_RANK)
    judged: dict[int, bool] = {}
    for st in stages:
        if st["project_id"] is not None:
            judged[st["project_id"]] = judged.get(st["project_id"], False) or bool(st["_files"]) or (bool(st["_text"]) and read_text(st["_text"])[2] >= min_words)
    rows = []
    for pid in sorted(judged):
        payer = payers.get(pid)
        lines = sides.get(pid)
        if not lines:
            rows.append({"subject_id": pid, "payer_id": payer, "status": "clear" if judged[pid] else "not_computable", "reason": None if judged[pid] else "no_reports"})
            continue
        role, mine, other, how, value = lines[0]
        project = projects.get(pid, {})
        other_project = projects.get(other["project_id"], {}) if other["project_id"] is not None else {}
        evidence: dict[str, Any] = {
            "project_code": project.get("code") or "", "performer_bin": bins.get(project.get("performer_id")), "payer_bin": bins.get(payer),
            "stage_number": mine["number"], "report_name": mine["report_name"] or "", "submitted_on": _day(mine["submitted_on"]),
            "other_project_code": other_project.get("code") or "", "other_agreement_number": numbers.get(other["agreement_id"]) or "",
            "other_performer_bin": bins.get(other_project.get("performer_id")), "other_stage_number": other["number"],
            "other_report_name": other["report_name"] or "", "other_submitted_on": _day(other["submitted_on"]),
            "reports_reused": len(lines), "first_occurrence": all(x[0] == "first" for x in lines),
            "other_project_codes": sorted({(projects.get(x[2]["project_id"], {}) or {}).get("code") or numbers.get(x[2]["agreement_id"]) or "" for x in lines}),
            "text_similarity": float(params["text_similarity"]), "min_text_words": min_words,
        }
        for lang in LANGUAGES:
            evidence[f"reuse_{lang}"] = _listed([_reuse_phrase(x, projects, numbers, lang) for x in lines], lang)
        rows.append({"subject_id": pid, "payer_id": payer, "status": "flagged", "evidence": _json(evidence)})
    return _result(rows)


def _names_both(later: Mapping[str, Any], first: Mapping[str, Any], projects: Mapping[int, Mapping]) -> bool:
    """Whether the later text names the earlier project by its code and its own project too: a follow-up.
    (A report copied whole names the earlier project only; one with the code changed, its own only.)"""
    codes = [(projects.get(s["project_id"], {}) or {}).get("code") if s["project_id"] is not None else None for s in (first, later)]
    text = fold(later["_text"])
    return all(code and fold(code.strip()) in text for code in codes)


def _reuse_phrase(line: tuple, projects: Mapping[int, Mapping], numbers: Mapping[int, str], lang: str) -> str:
    role, mine, other, how, value = line
    if other["project_id"] is not None:
        named = _OTHER_PROJECT[lang].format(code=(projects.get(other["project_id"], {}) or {}).get("code") or "—")
    else:
        named = _OTHER_AGREEMENT[lang].format(number=numbers.get(other["agreement_id"]) or "—")

    def day(st: Mapping[str, Any]) -> str:
        return _day(st["_when"] if st["_when"] != date.max else None) or "—"

    if how == "file":
        return _FILE[role][lang].format(k=mine["number"], day=day(mine), other=named, k2=other["number"], day2=day(other))
    return _TEXT[role][lang].format(k=mine["number"], other=named, k2=other["number"], s=_score(value, lang))


NK38 = Indicator(
    code="NK-38", version=1, subject_type="project", weight=65,
    title=_t("Кезең есебі жобалар арасында қайта пайдаланылған", "Отчёт этапа повторно использован в другом проекте", "Stage report reused between projects"),
    rationale=_t(
        "Кезеңнің ғылыми-техникалық есебі — жұмыс орындалғанының дәлелі, оның негізінде акт қол қойылады және төлем жасалады. Басқа жобаға бұрын тапсырылған есеп (сол файл немесе сөзбе-сөз дерлік сол мәтін) жаңа жұмысты дәлелдемейді: кезең қағаз жүзінде ғана болуы мүмкін.",
        "Научно-технический отчёт этапа — доказательство выполненной работы, по нему подписывают акт и платят. Отчёт, уже сданный по другому проекту (тот же файл или почти дословно тот же текст), не доказывает новой работы: этап может существовать только на бумаге.",
        "A stage's scientific report is the evidence that the work was done; the act is signed and the payment made on it. A report already handed in for another project (the same file, or nearly the same text) evidences no new work: the stage may exist on paper only.",
    ),
    legal_basis=_t(
        "Салық кодексі (2024 жылғы өзгерістер; 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі): өз күшімен жүргізілген ҒЗТКЖ ғылыми қызмет туралы есептермен, сатып алынған ҒЗТКЖ әр кезеңді қабылдау актісімен расталады. Аудиторлық негіздеме: бір есеп екі жұмыстың дәлелі бола алмайды.",
        "Налоговый кодекс (изменения 2024 года; Налоговый кодекс от 18.07.2025 № 214-VIII): собственные НИОКР подтверждаются отчётами о научной деятельности, приобретённые — актом приёмки каждого этапа. Аудиторское обоснование: один отчёт не может доказывать две работы.",
        "Tax Code (2024 amendments; Tax Code of 18.07.2025 No 214-VIII): in-house R&D is evidenced by reports on scientific activity, bought-in R&D by an acceptance act for each stage. Audit rationale: one report cannot evidence two works.",
    ),
    explanation=_t(
        "Орындаушы {performer_bin} жобасы {project_code} (жер қойнауын пайдаланушы {payer_bin}): екі жобаға тапсырылған кезең есептері ({reports_reused}) — {reuse_kk}.",
        "Проект {project_code} исполнителя {performer_bin} (недропользователь {payer_bin}): отчёты этапов, сданные по двум проектам ({reports_reused}), — {reuse_ru}.",
        "Project {project_code} of performer {performer_bin} (subsoil user {payer_bin}): stage reports handed in for two projects ({reports_reused}) — {reuse_en}.",
    ),
    needs=("stage_reports", "projects"), evaluate=_reports_reused,
    thresholds=(
        Threshold("text_similarity", 0.9, _t(
            "Екі кезеңнің мәтіндері (есеп файлының мәтіні және нәтижелер сипаттамасы) бір есеп болып саналуы үшін ең аз ұқсастығы (0-ден 1-ге дейін, таңбалық n-граммалардың TF-IDF косинусы; сөздер бір жазылуға келтірілген, сандар алынып тасталған).",
            "Наименьшее сходство текстов двух этапов (текст файла отчёта и описание результатов), при котором они считаются одним отчётом (от 0 до 1, косинус TF-IDF символьных n-грамм; слова приведены к одному написанию, числа отброшены).",
            "Least similarity of two stages' texts (the report file's text and the deliverables) for them to be one report (0 to 1, the TF-IDF cosine of character n-grams; words folded to one spelling, numbers dropped).",
        )),
        Threshold("min_text_words", 8, _t(
            "Кезең мәтіні салыстырылуы үшін онда болуы тиіс мазмұнды сөздердің ең аз саны («Кезеңнің ғылыми-техникалық есебі» ештеңе айтпайды).",
            "Наименьшее число содержательных слов в тексте этапа, чтобы его сравнивать («Научно-технический отчёт этапа» ничего не говорит).",
            "Least number of words that say something a stage's text must hold to be compared («Stage report» says nothing).",
        )),
        _NAMES_SIMILARITY, _TEMPLATE,
    ),
    truth_codes=("stage_report_reused",),
)

INDICATORS: tuple[Indicator, ...] = (NK36, NK37, NK38)
