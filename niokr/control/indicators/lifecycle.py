"""What the 1 % bought: indicators on the project lifecycle — NK-23, NK-24, NK-25, NK-26.

Where the other indicators follow the money, these judge delivery: whether payments stayed within
the stages the payer accepted (NK-23), whether the council decision a programme rests on holds — no
conflicted member voted, and the quorum and majority recorded are what the votes give under the
session's own policy (NK-24), whether the results a project claims carry evidence (NK-25), and
whether its readiness level moved as readiness can (NK-26).

Evidence phrases that depend on words (a result's kind, an outcome, a council's policy) are written
here in Kazakh, Russian and English under ``<key>_kk``, ``<key>_ru`` and ``<key>_en``; money in a
phrase is written as each language writes it, dates as ``DD.MM.YYYY`` (the pages rewrite them).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from niokr.control.indicators.agg_common import organisations
from niokr.control.indicators.base import LANGUAGES, OUTCOME_SCHEMA, Frames, Indicator, Threshold, format_money, outcome
from niokr.control.indicators.graph import affiliated

__all__ = ["INDICATORS", "NK23", "NK24", "NK25", "NK26", "has_evidence", "project_payers", "KIND_LABELS", "OUTCOME_LABELS"]

_DAY = "%d.%m.%Y"
#: At most this many items are written into a phrase (the rest are counted).
LISTED = 12

KIND_LABELS: dict[str, dict[str, str]] = {
    "trl": {"kk": "технологиялық дайындық деңгейі", "ru": "уровень готовности технологии", "en": "technology readiness level"},
    "patent": {"kk": "патент", "ru": "патент", "en": "patent"},
    "publication": {"kk": "жарияланым", "ru": "публикация", "en": "publication"},
    "implementation": {"kk": "өндіріске енгізу", "ru": "внедрение", "en": "implementation"},
    "revenue": {"kk": "коммерцияландырудан түскен табыс", "ru": "доход от коммерциализации", "en": "commercialisation revenue"},
    "jobs": {"kk": "құрылған жұмыс орындары", "ru": "созданные рабочие места", "en": "jobs created"},
}
OUTCOME_LABELS: dict[str, dict[str, str]] = {
    "approved": {"kk": "мақұлданды", "ru": "одобрено", "en": "approved"},
    "rejected": {"kk": "қабылданбады", "ru": "отклонено", "en": "rejected"},
    "no_quorum": {"kk": "кворум болмады", "ru": "кворума нет", "en": "no quorum"},
}
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "for": {"kk": "«жақтап»", "ru": "«за»", "en": "for"},
    "against": {"kk": "«қарсы»", "ru": "«против»", "en": "against"},
    "abstain": {"kk": "«қалыс қалды»", "ru": "«воздержался»", "en": "abstained"},
}


def _day(value: date | None) -> str | None:
    return value.strftime(_DAY) if value else None


def _json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _result(rows: list[dict]) -> pl.DataFrame:
    return outcome(pl.DataFrame(rows, schema=OUTCOME_SCHEMA)) if rows else outcome(pl.DataFrame(schema=OUTCOME_SCHEMA))


def _bins(frames: Frames) -> dict[int, str]:
    orgs = organisations(frames)
    return dict(zip(orgs["org_id"].to_list(), orgs["bin"].to_list(), strict=True))


def _more(lang: str, n: int) -> str:
    return {"kk": f"тағы {n}", "ru": f"ещё {n}", "en": f"{n} more"}[lang]


def _listed(items: list[str], lang: str) -> str:
    shown = items[:LISTED]
    if len(items) > LISTED:
        shown.append(_more(lang, len(items) - LISTED))
    return "; ".join(shown)


def project_payers(frames: Frames) -> dict[int, int]:
    """The subsoil user each project belongs to: the payer of its largest agreements, else its programme's applicant."""
    out: dict[int, int] = {}
    if frames.has("programmes"):
        for project_id, applicant_id in frames["programmes"].select("project_id", "applicant_id").drop_nulls().iter_rows():
            out[project_id] = applicant_id
    if frames.has("agreements"):
        sums = (
            frames["agreements"].filter(pl.col("project_id").is_not_null())
            .group_by("project_id", "payer_id").agg(pl.col("amount").fill_null(0).sum().alias("total"))
            .sort(["project_id", "total", "payer_id"], descending=[False, True, False])
            .unique("project_id", keep="first")
        )
        for project_id, payer_id, _total in sums.iter_rows():
            out[project_id] = payer_id
    return out


# -- NK-23 payment beyond the accepted stages ----------------------------------------------------------


def _beyond_acceptance(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements with a calendar plan whose payments ran ahead of the acts accepting their stages.

    At each payment date the payments to date are set against the amounts the payer accepted by acts
    signed to that date; the largest difference is the excess. An excess above ``tolerance`` of the
    agreement amount is flagged; the money at stake is that excess. An agreement with no stage
    recorded cannot be judged (``no_calendar_plan``).
    """
    tolerance = float(params["tolerance"])
    bins = _bins(frames)
    staged = set(frames["stages"]["agreement_id"].drop_nulls().to_list())
    acts: dict[int, list[tuple]] = defaultdict(list)
    for agreement_id, signed_on, amount, number in frames["acts"].select("agreement_id", "signed_on", "amount", "number").iter_rows():
        if agreement_id is not None and signed_on is not None and amount is not None and signed_on <= frames.as_of:
            acts[agreement_id].append((signed_on, amount, number or ""))
    pays: dict[int, list[tuple]] = defaultdict(list)
    payments = frames["payments"].filter(pl.col("agreement_id").is_in(list(staged)))
    for agreement_id, paid_on, amount, number, payment_id in payments.select("agreement_id", "paid_on", "amount", "document_number", "payment_id").iter_rows():
        if paid_on is not None and amount is not None and paid_on <= frames.as_of:
            pays[agreement_id].append((paid_on, payment_id or 0, amount, number or ""))
    stage_counts = dict(frames["stages"].group_by("agreement_id").agg(pl.len()).iter_rows())
    rows = []
    for a in frames["agreements"].iter_rows(named=True):
        aid, payer = a["agreement_id"], a["payer_id"]
        if aid not in staged:
            rows.append({"subject_id": aid, "payer_id": payer, "status": "not_computable", "reason": "no_calendar_plan"})
            continue
        own = sorted(pays.get(aid, ()))
        accepted = sorted(acts.get(aid, ()))
        peak, peak_at, paid, taken, i = 0, None, 0, 0, 0
        for k, (paid_on, _pid, amount, _number) in enumerate(own):
            paid += amount
            while i < len(accepted) and accepted[i][0] <= paid_on:
                taken += accepted[i][1]
                i += 1
            if k + 1 < len(own) and own[k + 1][0] == paid_on:
                continue  # the day's payments together
            if paid - taken > peak:
                peak, peak_at = paid - taken, (paid_on, paid, taken, k)
        allowed = round(tolerance * (a["amount"] or 0))
        if peak_at is None or peak <= allowed:
            rows.append({"subject_id": aid, "payer_id": payer, "status": "clear"})
            continue
        peak_on, paid_to, accepted_to, last = peak_at
        beyond, covered = [], 0
        for paid_on, _pid, amount, number in reversed(own[: last + 1]):
            beyond.append((paid_on, amount, number))
            covered += amount
            if covered >= peak:
                break
        beyond.reverse()
        signed = [x for x in accepted if x[0] <= peak_on]
        current = sum(p[2] for p in own) - sum(x[1] for x in accepted)
        evidence: dict[str, Any] = {
            "agreement_number": a["number"], "signed_on": _day(a["signed_on"]), "agreement_amount_tiyn": a["amount"],
            "payer_bin": bins.get(payer), "performer_bin": bins.get(a["performer_id"]),
            "peak_on": _day(peak_on), "paid_to_date_tiyn": paid_to, "accepted_to_date_tiyn": accepted_to, "excess_tiyn": peak,
            "current_excess_tiyn": max(0, current), "acts_count": len(signed), "stages_count": int(stage_counts.get(aid, 0)),
            "acceptance_tolerance": tolerance,
        }
        for lang in LANGUAGES:
            none = {"kk": "жоқ", "ru": "нет", "en": "none"}[lang]
            evidence[f"beyond_{lang}"] = _listed([_payment_phrase(n, d, m, lang) for d, m, n in beyond], lang)
            evidence[f"acts_list_{lang}"] = _listed([_act_phrase(n, d, m, lang) for d, m, n in signed], lang) or none
        rows.append({"subject_id": aid, "payer_id": payer, "status": "flagged", "evidence": _json(evidence), "amount": peak})
    return _result(rows)


_PAYMENT_PHRASE = {"kk": "№ {number}, {day} ж. — {amount}", "ru": "№ {number} от {day} — {amount}", "en": "No {number} of {day} — {amount}"}
_ACT_PHRASE = {"kk": "акт № {number}, {day} ж. — {amount}", "ru": "акт № {number} от {day} — {amount}", "en": "act No {number} of {day} — {amount}"}


def _payment_phrase(number: str, day: date, tiyn: int, lang: str) -> str:
    number = number.removeprefix("№").strip() or number
    return _PAYMENT_PHRASE[lang].format(number=number, day=_day(day), amount=format_money(tiyn, lang))


def _act_phrase(number: str, day: date, tiyn: int, lang: str) -> str:
    return _ACT_PHRASE[lang].format(number=number, day=_day(day), amount=format_money(tiyn, lang))


NK23 = Indicator(
    code="NK-23",
    version=1,
    subject_type="agreement",
    weight=70,
    title={
        "kk": "Қабылданған кезеңдерден асатын төлем",
        "ru": "Оплата сверх принятых этапов",
        "en": "Payment beyond the accepted stages",
    },
    rationale={
        "kk": "Сатып алынған ҒЗТКЖ әр кезеңі тапсырыс берушінің қабылдау актісімен расталады; қол қойылған актілерден асып төленген ақша әзірге орындалған жұмыспен расталмаған — ол аванс немесе жұмыссыз төлем.",
        "ru": "Каждый этап приобретённых НИОКР подтверждается актом приёмки заказчика; деньги, выплаченные сверх подписанных актов, пока не подтверждены выполненной работой — это аванс или оплата без работы.",
        "en": "Each stage of bought-in R&D is evidenced by the payer's acceptance act; money paid beyond the signed acts is not yet evidenced by work done — an advance, or payment without work.",
    },
    legal_basis={
        "kk": "Салық кодексі (2024 жылғы өзгерістер; 2025 жылғы 18 шілдедегі № 214-VIII Салық кодексі): сатып алынған ҒЗТКЖ шығыстары қол қойылған техникалық тапсырмамен және аяқталған әр кезеңді қабылдау актісімен расталады. Аудиторлық негіздеме: төлем қабылданған жұмыстан озбауы тиіс; рұқсат етілген ауытқу конфигурацияда.",
        "ru": "Налоговый кодекс (изменения 2024 года; Налоговый кодекс от 18.07.2025 № 214-VIII): расходы на приобретённые НИОКР подтверждаются подписанным техническим заданием и актом приёмки каждого завершённого этапа. Аудиторское обоснование: оплата не должна опережать принятую работу; допуск задаётся в конфигурации.",
        "en": "Tax Code (2024 amendments; Tax Code of 18.07.2025 No 214-VIII): bought-in R&D is evidenced by a signed technical assignment and an acceptance act for each completed stage. Audit rationale: payment should not run ahead of accepted work; the tolerance is configurable.",
    },
    explanation={
        "kk": "Жер қойнауын пайдаланушы {payer_bin} мен орындаушы {performer_bin} арасындағы {signed_on} күнгі {agreement_number} шарты ({agreement_amount_tiyn}) бойынша {peak_on} дейін {paid_to_date_tiyn} төленген, ал сол күнге дейін актілермен {accepted_to_date_tiyn} қабылданған: қабылданғаннан {excess_tiyn} артық (рұқсат етілген ауытқу шарт сомасының {acceptance_tolerance}). Асып кеткен төлемдер: {beyond_kk}. Қабылдау актілері: {acts_list_kk}.",
        "ru": "По договору {agreement_number} от {signed_on} на {agreement_amount_tiyn} между недропользователем {payer_bin} и исполнителем {performer_bin} к {peak_on} выплачено {paid_to_date_tiyn}, а актами к этой дате принято {accepted_to_date_tiyn}: оплачено на {excess_tiyn} больше принятого (допуск — {acceptance_tolerance} суммы договора). Платежи сверх принятого: {beyond_ru}. Акты приёмки: {acts_list_ru}.",
        "en": "Under agreement {agreement_number} of {signed_on} for {agreement_amount_tiyn} between subsoil user {payer_bin} and performer {performer_bin}, {paid_to_date_tiyn} had been paid by {peak_on}, while acts signed by then accepted {accepted_to_date_tiyn}: {excess_tiyn} paid beyond what was accepted (tolerance {acceptance_tolerance} of the agreement amount). Payments beyond acceptance: {beyond_en}. Acceptance acts: {acts_list_en}.",
    },
    needs=("agreements", "payments", "stages", "acts"),
    evaluate=_beyond_acceptance,
    thresholds=(
        Threshold("tolerance", 0.01, {
            "kk": "Шарт сомасының қабылданған актілерден озып төленуі тәуекел белгісінсіз рұқсат етілетін үлесі (0,01 = 1 %: дөңгелектеу, банк комиссиясы, валюта бағамының айырмасы).",
            "ru": "Доля суммы договора, на которую оплата может опережать принятые акты без флага (0,01 = 1 %: округления, банковские комиссии, курсовые разницы).",
            "en": "Share of the agreement amount by which payments may run ahead of the accepted acts without a flag (0.01 = 1 %: rounding, bank fees, exchange differences).",
        }),
    ),
    truth_codes=("paid_beyond_acceptance",),
)


# -- NK-24 council decision that does not hold --------------------------------------------------------


def _policy_phrase(row: Mapping[str, Any], lang: str) -> str:
    q = f"{row['quorum_num']}/{row['quorum_den']}"
    m = f"{row['majority_num']}/{row['majority_den']}"
    base = row["majority_base"] == "all_members"
    counts = bool(row["abstentions_count"])
    if lang == "kk":
        return f"кворум — мүшелердің {q}; көпшілік — {'барлық мүшелердің' if base else 'қатысып, дауыс бергендердің'} {m}; қалыс қалғандар {'есептеледі' if counts else 'есептелмейді'}"
    if lang == "ru":
        return f"кворум — {q} членов; большинство — {m} {'всех членов' if base else 'присутствующих и голосовавших'}; воздержавшиеся {'учитываются' if counts else 'не учитываются'}"
    return f"quorum {q} of the members; majority {m} of {'all members' if base else 'those present and voting'}; abstentions {'count' if counts else 'do not count'}"


def _council(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Decided agenda items where a conflicted member voted, or whose recorded result the votes do not give.

    *Conflict*: a member who cast a vote and whose organisation is the applicant or the proposed
    performer, or is within ``conflict_hops`` links of either in the affiliation graph on the session
    day (ownership, a common founder, a common director) — whether the recusal is missing or was
    recorded and ignored. *Recount*: the votes of the members present and not recused, under the
    quorum and majority recorded on the session (:func:`niokr.projects.lifecycle.votes.tally`),
    must give the outcome recorded.
    """
    from niokr.projects.lifecycle.votes import Policy, tally

    hops = int(params["conflict_hops"])
    bins = _bins(frames)
    items = frames["council_items"]
    members = frames["council_members"]
    by_item: dict[int, list[dict]] = defaultdict(list)
    for m in members.iter_rows(named=True):
        by_item[m["item_id"]].append(m)
    # Conflicts of those who voted: the member's organisation and a party of the item.
    voters = members.filter(pl.col("choice").is_not_null()).join(
        items.select("item_id", "held_on", "applicant_id", "performer_id"), on="item_id", how="inner",
    )
    queries = pl.concat([
        voters.select("item_id", "member_id", "organisation_id", "held_on", pl.col("applicant_id").alias("party_id"), pl.lit("applicant").alias("party")),
        voters.select("item_id", "member_id", "organisation_id", "held_on", pl.col("performer_id").alias("party_id"), pl.lit("performer").alias("party")),
    ]).filter(pl.col("party_id").is_not_null() & pl.col("organisation_id").is_not_null())
    conflicts: dict[tuple[int, int], dict[str, str]] = {}
    for row in queries.filter(pl.col("organisation_id") == pl.col("party_id")).iter_rows(named=True):
        conflicts.setdefault((row["item_id"], row["member_id"]), {lang: _itself(row["party"], bins.get(row["organisation_id"], ""), lang) for lang in LANGUAGES})
    others = queries.filter(pl.col("organisation_id") != pl.col("party_id"))
    if not others.is_empty() and frames.has("affiliations"):
        found = affiliated(
            frames["affiliations"], organisations(frames), others.with_columns(pl.concat_str([pl.col("item_id"), pl.col("member_id"), pl.col("party")], separator=":").alias("key")),
            key="key", source="organisation_id", target="party_id", start="held_on", max_hops=hops,
        ).sort("hops")
        for key, *paths in found.select("key", "path_kk", "path_ru", "path_en").iter_rows():
            item_id, member_id, _party = key.split(":")
            conflicts.setdefault((int(item_id), int(member_id)), dict(zip(LANGUAGES, paths, strict=True)))
    rows = []
    for it in items.iter_rows(named=True):
        iid, payer = it["item_id"], it["applicant_id"]
        if not it["outcome"]:
            rows.append({"subject_id": iid, "payer_id": payer, "status": "not_computable", "reason": "not_decided"})
            continue
        seats = by_item.get(iid, [])
        if not seats:
            rows.append({"subject_id": iid, "payer_id": payer, "status": "not_computable", "reason": "no_members"})
            continue
        recused = [s for s in seats if s["recused"]]
        present = [s for s in seats if s["present"] and not s["recused"]]
        counts = {"for": 0, "against": 0, "abstain": 0}
        for s in present:
            if s["choice"] in counts:
                counts[s["choice"]] += 1
        try:
            policy = Policy(it["quorum_num"], it["quorum_den"], it["majority_num"], it["majority_den"], it["majority_base"], bool(it["abstentions_count"]))
            result = tally(members=len(seats), recused=len(recused), present=len(present), votes_for=counts["for"], against=counts["against"], abstain=counts["abstain"], policy=policy)
        except (TypeError, ValueError):
            rows.append({"subject_id": iid, "payer_id": payer, "status": "not_computable", "reason": "no_policy"})
            continue
        conflicted = [s for s in seats if s["choice"] is not None and (iid, s["member_id"]) in conflicts]
        mismatch = result.outcome != it["outcome"]
        if not conflicted and not mismatch:
            rows.append({"subject_id": iid, "payer_id": payer, "status": "clear"})
            continue
        evidence: dict[str, Any] = {
            "session_reference": it["session_reference"], "held_on": _day(it["held_on"]), "programme_reference": it["programme_reference"],
            "payer_bin": bins.get(payer), "performer_bin": bins.get(it["performer_id"]),
            "members_count": len(seats), "recused_count": len(recused), "present_count": len(present),
            "votes_for": counts["for"], "votes_against": counts["against"], "votes_abstain": counts["abstain"],
            "quorum_needed": result.quorum_needed, "majority_needed": result.needed_for,
            "conflicted_count": len(conflicted), "conflict_hops": hops, "outcome_recorded": it["outcome"], "outcome_recounted": result.outcome,
        }
        for lang in LANGUAGES:
            evidence[f"outcome_recorded_{lang}"] = OUTCOME_LABELS.get(it["outcome"], {}).get(lang, it["outcome"])
            evidence[f"outcome_recounted_{lang}"] = OUTCOME_LABELS[result.outcome][lang]
            evidence[f"policy_{lang}"] = _policy_phrase(it, lang)
            evidence[f"council_finding_{lang}"] = _council_finding(conflicted, conflicts, iid, mismatch, it["outcome"], result.outcome, lang)
        rows.append({"subject_id": iid, "payer_id": payer, "status": "flagged", "evidence": _json(evidence)})
    return _result(rows)


def _itself(party: str, bin_: str, lang: str) -> str:
    if lang == "kk":
        return f"{bin_} — {'өтінім берушінің' if party == 'applicant' else 'ұсынылған орындаушының'} өзі"
    if lang == "ru":
        return f"{bin_} — {'сам заявитель' if party == 'applicant' else 'сам предложенный исполнитель'}"
    return f"{bin_} is the {'applicant' if party == 'applicant' else 'proposed performer'} itself"


def _council_finding(conflicted: list[dict], conflicts: Mapping, iid: int, mismatch: bool, recorded: str, recounted: str, lang: str) -> str:
    parts = []
    for s in conflicted:
        person = s[f"person_{lang}"] or s["person_ru"] or ""
        choice = CHOICE_LABELS.get(s["choice"], {}).get(lang, s["choice"])
        path = conflicts[(iid, s["member_id"])][lang]
        recusal = {
            "kk": ("бас тартуы тіркелген, бірақ дауыс берген" if s["recused"] else "бас тарту тіркелмеген"),
            "ru": ("самоотвод записан, но член совета проголосовал" if s["recused"] else "самоотвод не записан"),
            "en": ("recused, yet voted" if s["recused"] else "no recusal recorded"),
        }[lang]
        parts.append({
            "kk": f"{person} {choice} дауыс берді, байланысы: {path} ({recusal})",
            "ru": f"{person} голосовал {choice}, связь: {path} ({recusal})",
            "en": f"{person} voted {choice}, linked: {path} ({recusal})",
        }[lang])
    if mismatch:
        r, c = OUTCOME_LABELS.get(recorded, {}).get(lang, recorded), OUTCOME_LABELS[recounted][lang]
        parts.append({
            "kk": f"тіркелген нәтиже «{r}», ал дауыстарды сессия саясаты бойынша қайта санағанда — «{c}»",
            "ru": f"записан результат «{r}», а пересчёт голосов по политике заседания даёт «{c}»",
            "en": f"the result recorded is «{r}», while the votes recounted under the session's policy give «{c}»",
        }[lang])
    return "; ".join(parts)


NK24 = Indicator(
    code="NK-24",
    version=1,
    subject_type="council_decision",
    weight=60,
    title={
        "kk": "Кеңес шешімі негізсіз: мүдделі мүше дауыс берген немесе кворум мен көпшілік дауыстармен расталмайды",
        "ru": "Решение совета не держится: голосовал заинтересованный член или кворум и большинство не подтверждаются голосами",
        "en": "Council decision that does not hold: a conflicted member voted, or the quorum and majority do not follow from the votes",
    },
    rationale={
        "kk": "Ғылыми-техникалық кеңес бағдарламаны ашық дауыс берумен, кворум мен үштен екі көпшілікпен мақұлдайды; өтінім берушімен немесе орындаушымен байланысты мүше дауыс бермеуі тиіс. Мүдделі мүшенің дауысы немесе дауыстардан шықпайтын нәтиже шешімнің өзін күмәнді етеді, ал оған негізделген қаржыландыру — тәуекелді.",
        "ru": "Научно-технический совет одобряет программу открытым голосованием при кворуме и большинстве в две трети; член, связанный с заявителем или исполнителем, не голосует. Голос заинтересованного члена или результат, который не следует из голосов, ставят под сомнение само решение и финансирование, на нём основанное.",
        "en": "A scientific-technical council approves a programme by open vote with a quorum and a two-thirds majority; a member linked to the applicant or the performer does not vote. A conflicted member's vote, or a result the votes do not give, puts the decision — and the funding resting on it — in doubt.",
    },
    legal_basis={
        "kk": "«Ғылым және технологиялық саясат туралы» Заңның 7-бабының 3-тармағы; ҒЖБМ-нің ғылыми-техникалық кеңестер туралы үлгілік ережесі (V2400035287): ашық электрондық дауыс беру, кворум, үштен екі көпшілік, мүдделер қақтығысы кезінде бас тарту. Кворум мен көпшілік негізі заңда анықталмаған, сондықтан әр отырыста тіркелген саясат бойынша есептеледі.",
        "ru": "Закон «О науке и технологической политике», ст. 7 п. 3; Типовое положение МНВО о научно-технических советах (V2400035287): открытое электронное голосование, кворум, большинство в две трети, самоотвод при конфликте интересов. Базы кворума и большинства закон не определяет, поэтому пересчёт идёт по политике, записанной на каждом заседании.",
        "en": "Law on Science and Technology Policy, art. 7(3); MSHE Model Regulation on scientific-technical councils (V2400035287): open electronic vote, quorum, two-thirds majority, recusal on a conflict of interest. The law does not define the bases of the quorum and majority, so the recount uses the policy recorded on each session.",
    },
    explanation={
        "kk": "{held_on} күнгі {session_reference} кеңес отырысында {programme_reference} бағдарлама бойынша шешім (өтінім беруші {payer_bin}, ұсынылған орындаушы {performer_bin}): {council_finding_kk}. Мүшелер {members_count}, бас тартқандар {recused_count}, қатысқандар {present_count}; жақтап {votes_for}, қарсы {votes_against}, қалыс {votes_abstain}; кворумға {quorum_needed}, шешімге {majority_needed} дауыс керек ({policy_kk}).",
        "ru": "Решение заседания совета {session_reference} от {held_on} по программе {programme_reference} (заявитель {payer_bin}, предложенный исполнитель {performer_bin}): {council_finding_ru}. Членов {members_count}, самоотводов {recused_count}, присутствовало {present_count}; за {votes_for}, против {votes_against}, воздержались {votes_abstain}; для кворума нужно {quorum_needed}, для решения — {majority_needed} голосов ({policy_ru}).",
        "en": "The decision of council session {session_reference} of {held_on} on programme {programme_reference} (applicant {payer_bin}, proposed performer {performer_bin}): {council_finding_en}. Members {members_count}, recused {recused_count}, present {present_count}; for {votes_for}, against {votes_against}, abstained {votes_abstain}; the quorum needs {quorum_needed} and the decision {majority_needed} votes ({policy_en}).",
    },
    needs=("council_items", "council_members", "affiliations"),
    evaluate=_council,
    thresholds=(
        Threshold("conflict_hops", 2, {
            "kk": "Мүшенің ұйымы өтінім берушіден немесе орындаушыдан осынша байланыстан (иелік, ортақ құрылтайшы, ортақ басшы) алыс болмаса, мүше мүдделі деп саналады: 1 — тек тікелей байланыстар; 2 — ортақ иесі немесе ортақ құрылтайшысы арқылы да.",
            "ru": "Член совета считается заинтересованным, если его организация отстоит от заявителя или исполнителя не более чем на столько связей (владение, общий учредитель, общий руководитель): 1 — только прямые связи; 2 — и через общего владельца или учредителя.",
            "en": "A member is conflicted when their organisation is within this many links (ownership, a common founder, a common director) of the applicant or the performer: 1 — direct links only; 2 — also through a common owner or founder.",
        }),
    ),
    truth_codes=("council_conflict_vote", "council_result_misrecorded"),
)


# -- NK-25 result without evidence --------------------------------------------------------------------

_WORD = re.compile(r"\w", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
#: A year or a date names no document by itself («отчёт за 2025 г.», "report 31.12.2024").
_YEAR_OR_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d\b|\b(?:19|20)\d\d(?:[./-]\d{1,2}[./-]\d{1,2})?\b")
#: Words that point at evidence somewhere else without naming it (kk, ru, en): «см. отчёт», "see the
#: report", «есепті қараңыз». A note or a reference of these (and a year) alone is no evidence.
_POINTERS = frozenset("""
    см согласно по в во за на г гг год года годы имеется есть
    see refer to the a an in for of attached appendix year available on file
    есебі есебінде жыл жылғы жылы бар
""".split())


#: Stems of pointer words in all their forms («отчёт», «отчётом», «подтверждается», «приложено», "reported", «есепті»).
_POINTER_STEMS = ("отчет", "отчёт", "подтвержд", "прилож", "документ", "материал", "смотр", "report", "confirm", "annex", "document", "есеп", "қараңыз", "қосымша", "құжат")


def _substance(text: str | None) -> str:
    """The letters and digits of ``text`` that say something: without years, dates and pointer words."""
    words = _WORDS.findall(_YEAR_OR_DATE.sub(" ", (text or "").lower()))
    return "".join(w for w in words if w not in _POINTERS and not w.startswith(_POINTER_STEMS))


def has_evidence(note: str | None, reference: str | None, file: bool | None, min_note_chars: int) -> bool:
    """A result's evidence: a file kept, a reference that names a document (a link, or a number that
    is not only a year or a date, with at least three letters and digits), or a note of at least
    ``min_note_chars`` letters and digits that say something.

    A dash, «нет», «n/a», a blank, or a mere pointer — «см. отчёт за 2025 г.», "see the report",
    «есепті қараңыз» — written in a field is no evidence.
    """
    if file:
        return True
    ref = (reference or "").strip()
    if ref.lower().startswith(("http://", "https://", "www.")):
        return True
    named = _substance(ref)
    if _DIGIT.search(named) and len(named) >= 3:
        return True
    return len(_substance(note)) >= int(min_note_chars)


def _result_phrase(r: Mapping[str, Any], lang: str) -> str:
    kind = KIND_LABELS.get(r["kind"], {}).get(lang, r["kind"])
    title = (r["title"] or "").strip()[:120]
    year = r["year"] or ""
    if r["kind"] == "trl" and r["trl_level"] is not None:
        kind = f"{kind} {r['trl_level']}"
    blank = bool((r["evidence_note"] or "").strip() or (r["evidence_reference"] or "").strip())
    what = {
        "kk": ("дәлел ретінде жазылғаны дәлел емес" if blank else "дәлел жоқ"),
        "ru": ("в поле доказательства записано не доказательство" if blank else "доказательств нет"),
        "en": ("what is written as evidence is none" if blank else "no evidence"),
    }[lang]
    return f"{r['reference']} — {kind}, «{title}», {year}: {what}"


def _without_evidence(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Projects claiming results (not rejected) of which at least one has no evidence."""
    min_chars = int(params["min_note_chars"])
    bins = _bins(frames)
    payers = project_payers(frames)
    projects = {r["project_id"]: r for r in frames["projects"].unique("project_id", keep="first").iter_rows(named=True)}
    claims: dict[int, list[dict]] = defaultdict(list)
    for r in frames["results"].filter(pl.col("status") != "rejected").sort("result_id").iter_rows(named=True):
        claims[r["project_id"]].append(r)
    rows = []
    for project_id, results in claims.items():
        payer = payers.get(project_id)
        missing = [r for r in results if not has_evidence(r["evidence_note"], r["evidence_reference"], r["evidence_file"], min_chars)]
        if not missing:
            rows.append({"subject_id": project_id, "payer_id": payer, "status": "clear"})
            continue
        project = projects.get(project_id, {})
        evidence: dict[str, Any] = {
            "project_code": project.get("code") or "", "performer_bin": bins.get(project.get("performer_id")), "payer_bin": bins.get(payer),
            "results_count": len(results), "unevidenced_count": len(missing), "min_note_chars": min_chars,
            "result_references": [r["reference"] for r in missing],
        }
        for lang in LANGUAGES:
            evidence[f"unevidenced_{lang}"] = _listed([_result_phrase(r, lang) for r in missing], lang)
        rows.append({"subject_id": project_id, "payer_id": payer, "status": "flagged", "evidence": _json(evidence)})
    return _result(rows)


NK25 = Indicator(
    code="NK-25",
    version=1,
    subject_type="project",
    weight=45,
    title={
        "kk": "Дәлелсіз мәлімделген нәтиже",
        "ru": "Результат заявлен без доказательств",
        "en": "Result claimed without evidence",
    },
    rationale={
        "kk": "Жобаның нәтижесі — патент, жарияланым, енгізу, табыс, ТДД — тексерілетін құжатпен (патент нөмірі, DOI, енгізу актісі, әдістеме бойынша бағалау) расталғанда ғана 1 % не бергенін көрсетеді; дәлелсіз нәтиже — жай мәлімдеме.",
        "ru": "Результат проекта — патент, публикация, внедрение, доход, УГТ — показывает, что дал 1 %, только когда подтверждён проверяемым документом (номер патента, DOI, акт внедрения, оценка по методике); результат без доказательств — лишь заявление.",
        "en": "A project's result — a patent, publication, implementation, revenue, TRL — shows what the 1 % bought only when a checkable document backs it (a patent number, a DOI, an implementation act, an assessment under the methodology); a result without evidence is a mere claim.",
    },
    legal_basis={
        "kk": "Аудиторлық негіздеме: ҒЗТКЖ нәтижелерін есепке алу және коммерцияландыру (2025 жылғы 10 қаңтардағы № 8 ҒЖБМ бұйрығымен бекітілген ТДД әдістемесі; ҰҒТСО мониторингі). Мәтіннің ең аз ұзындығы конфигурацияда.",
        "ru": "Аудиторское обоснование: учёт и коммерциализация результатов НИОКР (Методика УГТ, утверждённая приказом МНВО от 10.01.2025 № 8; мониторинг НЦГНТЭ). Наименьшая длина пояснения задаётся в конфигурации.",
        "en": "Audit rationale: accounting for and commercialising R&D results (the TRL Methodology approved by MSHE order of 10.01.2025 No 8; NCSTE monitoring). The least length of a note is configurable.",
    },
    explanation={
        "kk": "Орындаушы {performer_bin} жобасы {project_code} (жер қойнауын пайдаланушы {payer_bin}) {results_count} нәтиже мәлімдеген, олардың {unevidenced_count} дәлелсіз: {unevidenced_kk}.",
        "ru": "Проект {project_code} исполнителя {performer_bin} (недропользователь {payer_bin}) заявил результатов: {results_count}, из них без доказательств — {unevidenced_count}: {unevidenced_ru}.",
        "en": "Project {project_code} of performer {performer_bin} (subsoil user {payer_bin}) claims {results_count} results, {unevidenced_count} of them without evidence: {unevidenced_en}.",
    },
    needs=("results", "projects"),
    evaluate=_without_evidence,
    thresholds=(
        Threshold("min_note_chars", 12, {
            "kk": "Файлы да, құжатқа сілтемесі де жоқ нәтиженің түсініктемесінде дәлел ретінде есептелу үшін кемінде осынша әріп пен цифр болуы керек («жоқ», «—», «n/a» дәлел емес).",
            "ru": "Сколько букв и цифр должно быть в пояснении результата без файла и без ссылки на документ, чтобы оно считалось доказательством («нет», «—», «n/a» — не доказательство).",
            "en": "Letters and digits a note must hold to count as evidence for a result with no file and no reference to a document (a dash or «n/a» is none).",
        }),
    ),
    truth_codes=("result_without_evidence",),
)


# -- NK-26 readiness level that went backwards or leapt ------------------------------------------------


def _trl(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Projects whose TRL claims fall below a level already reached, or rise more than ``max_trl_jump`` in one stage.

    The levels are the project's starting TRL and its TRL results (not rejected) in the order they
    were reached: the date of the claim, else the end of its stage, else 31 December of its year.
    Claims of one stage form one step; a claim without a stage is a step of its own.
    """
    max_jump = int(params["max_trl_jump"])
    bins = _bins(frames)
    payers = project_payers(frames)
    stage_end: dict[int, tuple[int, date | None]] = {}
    if frames.has("stages"):
        for sid, number, end in frames["stages"].select("stage_id", "number", "end_date").iter_rows():
            stage_end[sid] = (number, end)
    claims: dict[int, list[tuple]] = defaultdict(list)
    trl = frames["results"].filter((pl.col("kind") == "trl") & (pl.col("status") != "rejected") & pl.col("trl_level").is_not_null())
    for r in trl.iter_rows(named=True):
        number, end = stage_end.get(r["stage_id"], (None, None))
        when = r["achieved_on"] or end or (date(r["year"], 12, 31) if r["year"] else None)
        if when is None:
            continue
        claims[r["project_id"]].append((when, r["result_id"], r["trl_level"], r["stage_id"] if r["stage_id"] in stage_end else None, number))
    projects = {r["project_id"]: r for r in frames["projects"].unique("project_id", keep="first").iter_rows(named=True)}
    rows = []
    for project_id, items in claims.items():
        items.sort()
        project = projects.get(project_id, {})
        payer = payers.get(project_id)
        start = project.get("trl_start")
        # steps: (key, levels, when, stage number)
        steps: list[list] = []
        for when, rid, level, sid, number in items:
            key = ("stage", sid) if sid is not None else ("claim", rid)
            if steps and steps[-1][0] == key:
                steps[-1][1].append(level)
            else:
                steps.append([key, [level], when, number])
        reached = start
        findings: list[tuple] = []
        for _key, levels, when, number in steps:
            before = reached
            low, high = min(levels), max(levels)
            if before is not None and low < before:
                findings.append(("back", before, low, when, number))
            if before is not None and high - before > max_jump:
                findings.append(("jump", before, high, when, number))
            reached = high if before is None else max(before, high)
        if not findings:
            rows.append({"subject_id": project_id, "payer_id": payer, "status": "clear"})
            continue
        evidence: dict[str, Any] = {
            "project_code": project.get("code") or "", "performer_bin": bins.get(project.get("performer_id")), "payer_bin": bins.get(payer),
            "trl_start": start, "max_trl_jump": max_jump,
        }
        for lang in LANGUAGES:
            evidence[f"trl_path_{lang}"] = _trl_path(start, project.get("start_date"), steps, lang)
            evidence[f"trl_finding_{lang}"] = "; ".join(_trl_finding(f, max_jump, lang) for f in findings)
        rows.append({"subject_id": project_id, "payer_id": payer, "status": "flagged", "evidence": _json(evidence)})
    return _result(rows)


def _at(when: date, number: int | None, lang: str) -> str:
    if number is not None:
        return {"kk": f"{number}-кезең, {_day(when)}", "ru": f"этап {number}, {_day(when)}", "en": f"stage {number}, {_day(when)}"}[lang]
    return _day(when) or ""


def _trl_path(start: int | None, started: date | None, steps: list[list], lang: str) -> str:
    parts = []
    if start is not None:
        word = {"kk": "бастапқы", "ru": "начальный", "en": "start"}[lang]
        parts.append(f"{start} ({word}{', ' + _day(started) if started else ''})")
    for _key, levels, when, number in steps:
        parts.append(f"{'/'.join(str(v) for v in levels)} ({_at(when, number, lang)})")
    return " → ".join(parts)


def _trl_finding(f: tuple, max_jump: int, lang: str) -> str:
    what, before, level, when, number = f
    at = _at(when, number, lang)
    if what == "back":
        return {
            "kk": f"ТДД {before} деңгейінен {level} деңгейіне төмендеді ({at})",
            "ru": f"УГТ снизился с {before} до {level} ({at})",
            "en": f"the TRL fell from {before} to {level} ({at})",
        }[lang]
    return {
        "kk": f"ТДД бір қадамда {before} деңгейінен {level} деңгейіне көтерілді ({at}) — {max_jump} деңгейден артық",
        "ru": f"УГТ за один шаг вырос с {before} до {level} ({at}) — больше чем на {max_jump}",
        "en": f"the TRL rose from {before} to {level} in one step ({at}) — more than {max_jump} levels",
    }[lang]


NK26 = Indicator(
    code="NK-26",
    version=1,
    subject_type="project",
    weight=40,
    title={
        "kk": "Жобаның ТДД кері кеткен немесе бір кезеңде тым жоғары секірген",
        "ru": "УГТ проекта пошёл назад или скачком вырос за один этап",
        "en": "Project TRL went backwards or leapt within one stage",
    },
    rationale={
        "kk": "Технологиялық дайындық деңгейі әдістеме бойынша бағаланады және қол жеткізілген деңгей жоғалмайды; оның төмендеуі бұрынғы бағаның дұрыс еместігін, ал бір кезеңде бірнеше деңгейге секіруі нәтиженің асыра көрсетілгенін білдіруі мүмкін.",
        "ru": "Уровень готовности технологии оценивается по методике, и достигнутый уровень не теряется; его снижение говорит о неверной прежней оценке, а скачок на несколько уровней за один этап — о возможном завышении результата.",
        "en": "The technology readiness level is assessed under a methodology, and a level reached is not lost; a fall says an earlier assessment was wrong, and a leap of several levels within one stage that the result may be overstated.",
    },
    legal_basis={
        "kk": "ТДД ҒЖБМ-нің 2025 жылғы 10 қаңтардағы № 8 бұйрығымен бекітілген Әдістемеге сәйкес (НМ 2025 жылғы 13 қаңтарда № 35634 тіркелген). Аудиторлық негіздеме: бір кезеңдегі ең үлкен өсім конфигурацияда.",
        "ru": "УГТ — по Методике, утверждённой приказом МНВО от 10.01.2025 № 8 (МЮ 13.01.2025 № 35634). Аудиторское обоснование: наибольший рост за один этап задаётся в конфигурации.",
        "en": "TRL under the Methodology approved by MSHE order of 10.01.2025 No 8 (MoJ 13.01.2025 No 35634). Audit rationale: the largest rise within one stage is configurable.",
    },
    explanation={
        "kk": "Орындаушы {performer_bin} жобасы {project_code} (жер қойнауын пайдаланушы {payer_bin}): {trl_finding_kk}. Мәлімделген деңгейлер: {trl_path_kk}.",
        "ru": "Проект {project_code} исполнителя {performer_bin} (недропользователь {payer_bin}): {trl_finding_ru}. Заявленные уровни: {trl_path_ru}.",
        "en": "Project {project_code} of performer {performer_bin} (subsoil user {payer_bin}): {trl_finding_en}. Levels claimed: {trl_path_en}.",
    },
    needs=("results", "projects"),
    evaluate=_trl,
    thresholds=(
        Threshold("max_trl_jump", 2, {
            "kk": "Бір кезеңде (немесе кезеңге байланбаған бір мәлімдемеде) ТДД тәуекел белгісінсіз көтерілетін ең көп деңгей саны.",
            "ru": "Наибольшее число уровней, на которое УГТ может вырасти за один этап (или одно заявление без этапа) без флага.",
            "en": "Most levels the TRL may rise within one stage (or one claim without a stage) without a flag.",
        }),
    ),
    truth_codes=("trl_regression", "trl_jump"),
)

INDICATORS: tuple[Indicator, ...] = (NK23, NK24, NK25, NK26)
