"""Circular money: NK-48 reciprocal payments between two groups, NK-49 money that returns to the
payer's group through a chain of onward agreements.

Both read the network of :mod:`network`: agreements carry money from payer to performer; ties
(ownership, common founders and directors, shared beneficial owners when the registry has them)
make groups. "X is in P's group on a day" is read as NK-02 reads it (:func:`network.related`: the
ownership tree to any depth, one founder or director link between two groups, or a short path of
such links; the same thresholds), so that the three indicators never disagree about who is related.

* NK-20 sees money that comes back in one step: the first performer passes the work on to the
  payer's group. NK-49 sees the longer way round — two onward agreements or more, through
  companies that are *not* in the payer's group — and measures how much can come back (a
  maximum flow, so money split between two intermediaries and joined again is counted once).
* NK-02 sees a payer paying its own group. NK-48 sees two groups paying each other's companies:
  neither payment is to the payer's own group, yet the money of both comes back.

Evidence names organisations by BIN and says the whole loop in words under ``path_<lang>``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import polars as pl

from niokr.control.indicators import network
from niokr.control.indicators.agg_common import DAY_FORMAT, finish, judge, organisations
from niokr.control.indicators.base import LANGUAGES, Frames, Indicator, Threshold
from niokr.control.indicators.relations import _HOPS as HOPS
from niokr.control.indicators.relations import _OWNER_SHARE as OWNER_SHARE

__all__ = ["INDICATORS", "NK48", "NK49"]


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _beneficial_owners(frames: Frames) -> pl.DataFrame | None:
    """The optional ``beneficial_owners`` frame (shared beneficial owners are one more tie)."""
    return frames["beneficial_owners"] if frames.has("beneficial_owners") else None


def _related(frames: Frames, params: Mapping[str, Any], queries: pl.DataFrame, *, key, source: str, target: str, day_col: str) -> pl.DataFrame:
    return network.related(
        frames["affiliations"], frames["organisations"], queries, key=key, source=source, target=target, day=day_col,
        max_hops=int(params["max_hops"]), min_share=float(params["min_owner_share"]), beneficial_owners=_beneficial_owners(frames),
    )


def _ddmmyyyy(value) -> str | None:
    """A date as evidence keeps it (``DD.MM.YYYY``)."""
    return value.strftime(DAY_FORMAT) if value else None


def _pays(lang: str, number: str | None, signed_on) -> str:
    return network.step_label(network.Step(None, "pays", None, {"number": number, "signed_on": signed_on}), lang)


def _tail(path: str | None, start_bin: str) -> str:
    """A path read from ``start_bin`` without its first BIN (« — owned by — BIN …»); empty for the BIN alone."""
    path = path or ""
    return path[len(start_bin):] if path.startswith(start_bin) else (" — " + path if path and path != start_bin else "")


# -- NK-48 reciprocal payments between two groups -------------------------------------------------------


def _nk48(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements answered by the payee's group: A pays a company of B's group, and B's group pays a
    company of A's group similar amounts within ``window_days``.

    For agreement a1 (payer p1 → performer q1, signed d1) a *counter-agreement* a2 (p2 → q2, d2) is
    one with |d1 − d2| ≤ ``window_days`` where, on the signing days, q1 is in p2's group and q2 in
    p1's, and p1 and p2 are two groups (not related), and neither performer is in its own payer's
    group (that is NK-02). The flows are compared between the two payers: the counter flow is every
    counter-agreement of p2 to a1, the forward flow every agreement of p1 that one of those answers
    (so one agreement answered by several split ones, or several by one, compare in total). a1 is
    flagged when the two differ by at most ``amount_gap`` of the larger.
    """
    window = int(params["window_days"])
    gap = float(params["amount_gap"])
    orgs = organisations(frames)
    bins = dict(zip(orgs["org_id"].to_list(), orgs["bin"].to_list(), strict=True))
    agr = frames["agreements"].select(
        "agreement_id", "payer_id", "performer_id", pl.col("number").fill_null("").alias("agreement_number"), "signed_on", "amount",
    ).unique("agreement_id", keep="first", maintain_order=True)
    judged = judge(
        agr,
        [(pl.col("payer_id").is_null() | pl.col("performer_id").is_null(), "performer_unknown"), (pl.col("signed_on").is_null(), "no_agreement_date")],
        pl.lit(False),
    )
    usable = judged.filter((pl.col("status") != "not_computable") & (pl.col("payer_id") != pl.col("performer_id")))
    # Candidates: the two performers in the other payer's group at some time (ties of any date).
    groups = network.tie_components(network.ties(frames["affiliations"], _beneficial_owners(frames), min_share=float(params["min_owner_share"])))
    usable = (
        usable.join(groups.rename({"org_id": "payer_id", "group_id": "_gp"}), on="payer_id", how="left")
        .join(groups.rename({"org_id": "performer_id", "group_id": "_gq"}), on="performer_id", how="left")
        .with_columns(pl.coalesce("_gp", "payer_id").alias("_gp"), pl.coalesce("_gq", "performer_id").alias("_gq"))
    )
    other = usable.select(
        pl.col("agreement_id").alias("a2"), pl.col("payer_id").alias("p2"), pl.col("performer_id").alias("q2"), pl.col("agreement_number").alias("n2"),
        pl.col("signed_on").alias("d2"), pl.col("amount").alias("x2"), pl.col("_gp").alias("_gp2"), pl.col("_gq").alias("_gq2"),
    )
    pairs = (
        usable.select(pl.col("agreement_id").alias("a1"), pl.col("payer_id").alias("p1"), pl.col("performer_id").alias("q1"), pl.col("signed_on").alias("d1"), "_gp", "_gq")
        .join(other, left_on=["_gq", "_gp"], right_on=["_gp2", "_gq2"], how="inner")
        .filter((pl.col("p1") != pl.col("p2")) & ((pl.col("d1") - pl.col("d2")).dt.total_days().abs() <= window))
        .drop("_gp", "_gq")
    )
    flagged_rows: dict[int, dict] = {}
    if not pairs.is_empty():
        key = ["a1", "a2"]
        # Each question only of the pairs that passed the one before: A's performer in B's group, B's in A's.
        there = _related(frames, params, pairs, key=key, source="q1", target="p2", day_col="d1")
        pairs = pairs.join(there.select(*key, *[pl.col(f"path_{lang}").alias(f"there_{lang}") for lang in LANGUAGES]), on=key, how="inner")
        back = _related(frames, params, pairs, key=key, source="q2", target="p1", day_col="d2")
        pairs = pairs.join(back.select(*key, *[pl.col(f"path_{lang}").alias(f"back_{lang}") for lang in LANGUAGES]), on=key, how="inner")
        if not pairs.is_empty():
            # Two groups: the payers are not related on either day, and no performer is in its own payer's group.
            one = pl.concat([
                _related(frames, params, pairs, key=key, source="p1", target="p2", day_col="d1").select(key),
                _related(frames, params, pairs, key=key, source="p1", target="p2", day_col="d2").select(key),
            ])
            involved = usable.filter(pl.col("agreement_id").is_in(pl.concat([pairs["a1"], pairs["a2"]]).implode()))
            own = _related(frames, params, involved, key="agreement_id", source="payer_id", target="performer_id", day_col="signed_on")["agreement_id"]
            pairs = pairs.join(one, on=key, how="anti").filter(~pl.col("a1").is_in(own.implode()) & ~pl.col("a2").is_in(own.implode()))
        if not pairs.is_empty():
            flagged_rows = _reciprocal_flows(pairs, agr, gap, window, bins)
    judged = judge(
        judged.drop("status", "reason").join(_hits(flagged_rows), on="agreement_id", how="left"),
        [(pl.col("payer_id").is_null() | pl.col("performer_id").is_null(), "performer_unknown"), (pl.col("signed_on").is_null(), "no_agreement_date")],
        pl.col("_evidence").is_not_null(),
    )
    return finish(judged, subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"), evidence=pl.col("_evidence"), amount=pl.col("_at_stake"))


def _hits(found: Mapping[int, Mapping[str, Any]]) -> pl.DataFrame:
    """``agreement_id``, ``_evidence`` (JSON) and ``_at_stake`` of the flagged agreements."""
    return pl.DataFrame(
        {
            "agreement_id": list(found),
            "_evidence": [json.dumps({k: v for k, v in e.items() if k != "_at_stake"}, ensure_ascii=False) for e in found.values()],
            "_at_stake": [e["_at_stake"] for e in found.values()],
        },
        schema={"agreement_id": pl.Int64, "_evidence": pl.Utf8, "_at_stake": pl.Int64},
    )


def _reciprocal_flows(pairs: pl.DataFrame, agr: pl.DataFrame, gap: float, window: int, bins: Mapping[int, str]) -> dict[int, dict]:
    """The evidence of each agreement whose forward and counter flows are alike (see :func:`_nk48`)."""
    info = {r["agreement_id"]: r for r in agr.iter_rows(named=True)}
    counters: dict[tuple[int, int], list[dict]] = defaultdict(list)  # (a1, p2) -> counter rows
    answered: dict[int, set[int]] = defaultdict(set)  # a2 -> the agreements a1 it answers
    for row in pairs.iter_rows(named=True):
        counters[row["a1"], row["p2"]].append(row)
        answered[row["a2"]].add(row["a1"])
    found: dict[int, dict] = {}
    for (a1, p2), rows in sorted(counters.items()):
        first = info[a1]
        p1 = first["payer_id"]
        counter_ids = sorted({r["a2"] for r in rows})
        forward_ids = sorted({a for a2 in counter_ids for a in answered[a2] if info[a]["payer_id"] == p1})
        forward = sum(info[a]["amount"] or 0 for a in forward_ids)
        counter = sum(info[a]["amount"] or 0 for a in counter_ids)
        larger = max(forward, counter)
        if larger <= 0 or min(forward, counter) <= 0:
            continue
        difference = (larger - min(forward, counter)) / larger
        if difference > gap + 1e-12:
            continue
        # The counter-agreement closest in time (then the largest) is the one the path tells.
        best = min(rows, key=lambda r: (abs((r["d1"] - r["d2"]).days), -(r["x2"] or 0), r["a2"]))
        p1_bin, q1_bin, p2_bin, q2_bin = (bins.get(o) or f"#{o}" for o in (p1, first["performer_id"], p2, best["q2"]))
        paths = {
            lang: (
                f"{p1_bin} — {_pays(lang, first['agreement_number'], first['signed_on'])} — {q1_bin}{_tail(best[f'there_{lang}'], q1_bin)}"
                f" — {_pays(lang, best['n2'], best['d2'])} — {q2_bin}{_tail(best[f'back_{lang}'], q2_bin)}"
            )
            for lang in LANGUAGES
        }
        candidate = {
            "agreement_id": a1, "agreement_number": first["agreement_number"], "signed_on": _ddmmyyyy(first["signed_on"]),
            "payer_bin": p1_bin, "performer_bin": q1_bin, "agreement_amount_tiyn": first["amount"], "counter_payer_bin": p2_bin,
            "counter_numbers": [info[a]["agreement_number"] for a in counter_ids], "counter_performer_bins": sorted({bins.get(r["q2"]) or f"#{r['q2']}" for r in rows}),
            "forward_numbers": [info[a]["agreement_number"] for a in forward_ids], "forward_tiyn": forward, "counter_tiyn": counter,
            "gap_pct": round(difference * 100, 1), "days_apart": min(abs((r["d1"] - r["d2"]).days) for r in rows),
            **{f"path_{lang}": text for lang, text in paths.items()},
            "agreement_ids": forward_ids, "counter_agreement_ids": counter_ids, "window_days": window, "amount_gap": gap,
            "_at_stake": min(first["amount"] or 0, counter),
        }
        kept = found.get(a1)
        if kept is None or (candidate["gap_pct"], -candidate["counter_tiyn"]) < (kept["gap_pct"], -kept["counter_tiyn"]):
            found[a1] = candidate
    return found


# -- NK-49 money back to the payer's group through a chain --------------------------------------------------


def _nk49(frames: Frames, params: Mapping[str, Any]) -> pl.DataFrame:
    """Agreements whose money is passed on through two onward agreements or more and reaches the payer's group.

    The chains are :func:`network.onward_chains` (each link overlapping its predecessor's period,
    no company twice). A chain *returns* when its last performer is in the payer's group on the day
    its last link begins (or is the payer), and none of the companies before it is — a company of
    the group earlier in the chain is NK-02's or NK-20's finding, not this one. The money that can
    come back is the maximum flow from the first performer to the returning ends over the agreements
    of the returning chains, at most the agreement's own amount; the agreement is flagged when it is
    at least ``min_returned_share`` of that amount (an amount not known does not limit the flow).
    """
    orgs = organisations(frames)
    bins = dict(zip(orgs["org_id"].to_list(), orgs["bin"].to_list(), strict=True))
    agr = frames["agreements"].select(
        "agreement_id", "payer_id", "performer_id", pl.col("number").fill_null("").alias("agreement_number"), "signed_on", "period_start", "period_end", "amount",
    ).unique("agreement_id", keep="first", maintain_order=True)
    chains = network.onward_chains(agr, as_of=frames.as_of, min_links=2, max_links=int(params["max_links"]))
    evidence: dict[int, dict] = {}
    if not chains.is_empty():
        back = _related(frames, params, chains, key="chain_id", source="end_id", target="payer_id", day_col="return_day")
        chains = chains.join(back.select("chain_id", *[pl.col(f"path_{lang}").alias(f"back_{lang}") for lang in LANGUAGES]), on="chain_id", how="inner")
    if not chains.is_empty():
        # The companies before the end, each on the day the money reached it: none may be in the payer's group.
        starts = agr.select(pl.col("agreement_id").alias("first_id"), pl.coalesce("period_start", "signed_on").alias("_first_day"))
        middle = (
            chains.join(starts, on="first_id", how="left")
            .select("chain_id", "payer_id", pl.col("orgs").list.slice(1, pl.col("links")).alias("_org"),
                    pl.concat_list([pl.col("_first_day"), pl.col("link_days").list.slice(0, pl.col("links") - 1)]).alias("_day"))
            .explode("_org", "_day")
            .with_row_index("_k")
        )
        inside = _related(frames, params, middle, key="_k", source="payer_id", target="_org", day_col="_day")
        tainted = middle.join(inside.select("_k"), on="_k", how="semi")["chain_id"].unique()
        chains = chains.filter(~pl.col("chain_id").is_in(tainted.implode()))
    if not chains.is_empty():
        evidence = _returned(chains, agr, float(params["min_returned_share"]), int(params["max_links"]), bins)
    judged = judge(
        agr.join(_hits(evidence), on="agreement_id", how="left"),
        [(pl.coalesce("period_start", "signed_on").is_null(), "no_agreement_period")],
        pl.col("_evidence").is_not_null(),
    )
    return finish(judged, subject_id=pl.col("agreement_id"), year=None, payer_id=pl.col("payer_id"), evidence=pl.col("_evidence"), amount=pl.col("_at_stake"))


def _returned(chains: pl.DataFrame, agr: pl.DataFrame, min_share: float, max_links: int, bins: Mapping[int, str]) -> dict[int, dict]:
    """The evidence of each first agreement whose returning chains carry enough money back."""
    info = {r["agreement_id"]: r for r in agr.iter_rows(named=True)}
    out: dict[int, dict] = {}
    for (first_id,), group in chains.sort("first_id", "links", "chain_id").group_by("first_id", maintain_order=True):
        first = info[first_id]
        rows = list(group.iter_rows(named=True))
        used = {a for r in rows for a in r["ids"][1:]}
        edges = [(info[a]["payer_id"], info[a]["performer_id"], info[a]["amount"]) for a in sorted(used)]
        flow = network.returned_flow(first["performer_id"], edges, {r["end_id"] for r in rows})
        own = first["amount"]
        returned = own if flow is None else (flow if own is None else min(flow, own))
        if returned is not None and own is not None and own > 0 and returned < min_share * own - 1e-9:
            continue
        if returned is not None and returned <= 0:
            continue
        best = rows[0]  # fewest links, then the lowest agreement ids
        ids, route = best["ids"], best["orgs"]
        end_bin = bins.get(best["end_id"]) or f"#{best['end_id']}"
        paths = {}
        for lang in LANGUAGES:
            parts = [bins.get(route[0]) or f"#{route[0]}"]
            for agreement_id, org in zip(ids, route[1:], strict=True):
                a = info[agreement_id]
                parts += [_pays(lang, a["agreement_number"], a["signed_on"]), bins.get(org) or f"#{org}"]
            paths[lang] = " — ".join(parts) + _tail(best[f"back_{lang}"], end_bin)
        out[first_id] = {
            "agreement_id": first_id, "agreement_number": first["agreement_number"], "signed_on": _ddmmyyyy(first["signed_on"]),
            "payer_bin": bins.get(first["payer_id"]), "performer_bin": bins.get(first["performer_id"]), "agreement_amount_tiyn": own,
            "onward_numbers": [info[a]["agreement_number"] for a in ids[1:]], "links": best["links"], "return_bin": end_bin,
            "chains": len(rows), "passed_tiyn": returned, **{f"path_{lang}": text for lang, text in paths.items()},
            "agreement_ids": sorted(used), "max_links": max_links, "min_returned_share": min_share, "_at_stake": returned,
        }
    return out


# -- the catalogue entries -------------------------------------------------------------------------------

_BASIS = _t(
    "Аудиторлық негіздеме: байланысты тараптармен мәмілелер және қаражатты «үшінші құрылымдар» арқылы бөлу — Энергетика министрлігі мұны 2026 жылдан бастап төлемдерді республикалық бюджетке (БСК 401103) бұрудың себебі ретінде атады (Энергетика министрі мен Ғылым және жоғары білім министрінің 17.12.2025 № 490-н/қ және № 574 бірлескен бұйрығы); міндеттеме ҒЗТКЖ-ға нақты жұмсалған шығынмен орындалады (2010 жылғы 24 маусымдағы № 291-IV Заң, 76-бап 12-1-тармақ; 2017 жылғы 27 желтоқсандағы № 125-VI Кодекс, 129-бап)",
    "Аудиторское обоснование: сделки со связанными сторонами и распределение средств через «третьи структуры» — Министерство энергетики назвало это причиной перевода платежей с 2026 года в республиканский бюджет (КБК 401103; совместный приказ министра энергетики и министра науки и высшего образования от 17.12.2025 № 490-н/қ и № 574); обязательство исполняется фактически понесёнными расходами на НИОКР (Закон от 24.06.2010 № 291-IV, ст. 76 п. 12-1; Кодекс от 27.12.2017 № 125-VI, ст. 129)",
    "Audit rationale: related-party transactions and money routed through \"third structures\" — the reason the Ministry of Energy gave for moving the payments to the republican budget from 2026 (KBK 401103; joint order of the Minister of Energy and the Minister of Science and Higher Education of 17.12.2025 No 490-н/қ and No 574); the obligation is met by spending actually incurred on R&D (Law of 24.06.2010 No 291-IV, art. 76(12-1); Code of 27.12.2017 No 125-VI, art. 129)",
)

NK48 = Indicator(
    code="NK-48", version=1, subject_type="agreement", weight=75,
    title=_t("Екі топтың өзара қарсы төлемдері", "Встречные платежи двух групп", "Reciprocal payments between two groups"),
    rationale=_t(
        "Бір топ ҒЗТКЖ үшін екінші топтың компаниясына төлеп, ал екінші топ шамамен сол уақытта бірінші топтың компаниясына ұқсас сома төлесе, әр топтың міндеттемесі орындалған болып көрінеді, бірақ екеуінің ақшасы іс жүзінде өздеріне қайтады: бұл ғылымға жұмсау емес, айырбас. Екі төлемнің ешқайсысы төлеушінің өз тобына жасалмайды, сондықтан әрқайсысы жеке алғанда таза көрінеді.",
        "Когда одна группа платит за НИОКР компании другой группы, а та примерно в то же время платит сопоставимую сумму компании первой группы, обязательство каждой выглядит исполненным, хотя деньги обеих по сути возвращаются к ним: это обмен, а не расходы на науку. Ни один из двух платежей не идёт в собственную группу плательщика, поэтому каждый по отдельности выглядит чистым.",
        "When one group pays a company of another group for R&D and the other group pays a company of the first a similar sum at about the same time, each obligation looks met while the money of both comes back to them: a swap, not spending on science. Neither payment goes to the payer's own group, so each looks clean on its own.",
    ),
    legal_basis=_BASIS,
    explanation=_t(
        "{signed_on} күнгі {agreement_number} шарты: жер қойнауын пайдаланушы {payer_bin} {counter_payer_bin} тобына кіретін {performer_bin} ұйымына {agreement_amount_tiyn} төлейді, ал сол топ {days_apart} күн ішінде {counter_numbers} шарттары бойынша төлеушінің тобындағы компанияға {counter_tiyn} төлейді ({path_kk}). Екі ағын — {forward_tiyn} және {counter_tiyn} — бір-бірінен {gap_pct} ғана ерекшеленеді (рұқсат етілген айырма — {amount_gap}).",
        "Договор {agreement_number} от {signed_on}: недропользователь {payer_bin} платит {agreement_amount_tiyn} организации {performer_bin} из группы {counter_payer_bin}, а та группа в пределах {days_apart} дн. платит {counter_tiyn} по договорам {counter_numbers} компании из группы плательщика ({path_ru}). Встречные потоки — {forward_tiyn} и {counter_tiyn} — расходятся лишь на {gap_pct} (допустимое расхождение — {amount_gap}).",
        "Agreement {agreement_number} of {signed_on}: subsoil user {payer_bin} pays {agreement_amount_tiyn} to {performer_bin}, of the group of {counter_payer_bin}, and within {days_apart} days that group pays {counter_tiyn} under {counter_numbers} to a company of the payer's group ({path_en}). The two flows — {forward_tiyn} and {counter_tiyn} — differ by only {gap_pct} (difference allowed: {amount_gap}).",
    ),
    needs=("agreements", "organisations", "affiliations"), evaluate=_nk48,
    thresholds=(
        Threshold("window_days", 90, _t(
            "Екі топтың қарсы шарттарына қол қою күндерінің арасындағы ең көп күн саны.",
            "Наибольшее число дней между датами подписания встречных договоров двух групп.",
            "Most days between the signing of the two groups' counter-agreements.",
        )),
        Threshold("amount_gap", 0.1, _t(
            "Екі ағынның (бір топтан екіншісіне және кері) ең көп айырмасы, үлкенінің үлесімен (0,1 = 10 %): айырма осыдан аспаса, сомалар ұқсас саналады.",
            "Наибольшее расхождение двух потоков (от одной группы к другой и обратно), в доле большего (0,1 = 10 %): при меньшем расхождении суммы считаются сопоставимыми.",
            "Largest difference between the two flows (one group to the other and back), as a share of the larger (0.1 = 10 %): within it the sums count as alike.",
        )),
        HOPS, OWNER_SHARE,
    ),
    truth_codes=("reciprocal_groups",),
)

NK49 = Indicator(
    code="NK-49", version=1, subject_type="agreement", weight=80,
    title=_t("Ақша шарттар тізбегі арқылы төлеушінің тобына қайтады", "Деньги возвращаются в группу плательщика через цепочку договоров", "Money returns to the payer's group through a chain of agreements"),
    rationale=_t(
        "Орындаушы ақшаны әрі қарай берсе, келесі компания оны тағы берсе және ол ақырында төлеушінің тобындағы компанияға жетсе, ҒЗТКЖ шығыстары жер қойнауын пайдаланушыға қайтады: ұзын тізбек бір буында бірден көрінетін нәрсені (NK-20) тек жасырады. Тізбектің ортасындағы компаниялар топқа кірмейді, сондықтан әр шарт жеке алғанда таза көрінеді.",
        "Когда исполнитель передаёт деньги дальше, следующая компания — ещё дальше, и в конце они доходят до компании из группы плательщика, расходы на НИОКР возвращаются к недропользователю: длинная цепочка лишь скрывает то, что при одном звене видно сразу (NK-20). Компании в середине цепочки в группу не входят, поэтому каждый договор по отдельности выглядит чистым.",
        "When the performer passes the money on, the next company passes it on again, and in the end it reaches a company of the payer's group, the R&D spending returns to the subsoil user: the longer chain only hides what one step shows at once (NK-20). The companies in the middle are not in the group, so each agreement looks clean on its own.",
    ),
    legal_basis=_BASIS,
    explanation=_t(
        "{signed_on} күнгі {agreement_number} шарты (жер қойнауын пайдаланушы — {payer_bin}, орындаушы — {performer_bin}): ақша әр жолы алдыңғы шарт қолданыста тұрғанда келесі {links} шарт ({onward_numbers}) бойынша әрі қарай беріліп, жер қойнауын пайдаланушының тобындағы {return_bin} ұйымына жетеді: {path_kk}. Төлеушінің тобына {passed_tiyn} дейінгі сома қайтады (табылған тізбектер саны: {chains}).",
        "Договор {agreement_number} от {signed_on} между недропользователем {payer_bin} и исполнителем {performer_bin}: деньги передаются дальше, каждый раз пока действует предыдущий договор, по {links} последующим договорам ({onward_numbers}) и доходят до {return_bin} из группы недропользователя: {path_ru}. В группу плательщика возвращается до {passed_tiyn} (найдено цепочек: {chains}).",
        "Agreement {agreement_number} of {signed_on} between subsoil user {payer_bin} and performer {performer_bin}: the money is passed on, each time while the previous agreement runs, under {links} further agreements ({onward_numbers}) and reaches {return_bin}, of the subsoil user's group: {path_en}. Up to {passed_tiyn} returns to the payer's group (chains found: {chains}).",
    ),
    needs=("agreements", "organisations", "affiliations"), evaluate=_nk49,
    thresholds=(
        Threshold("max_links", 4, _t(
            "Бірінші шарттан кейін қадағаланатын келесі шарттардың ең көп саны (тізбек 2-ден басталады: бір буынды NK-20 көреді).",
            "Наибольшее число последующих договоров после первого, по которым прослеживаются деньги (цепочка — от 2: одно звено видит NK-20).",
            "Most onward agreements after the first that the money is followed through (a chain has 2 or more: one is NK-20's).",
        )),
        Threshold("min_returned_share", 0.5, _t(
            "Шарт сомасының төлеушінің тобына қайта алатын ең аз үлесі (тізбектің шарттары бойынша ең көп ағын), одан бастап тәуекел белгісі қойылады (0,5 = 50 %).",
            "Наименьшая доля суммы договора, которая может вернуться в группу плательщика (наибольший поток по договорам цепочки), начиная с которой ставится флаг риска (0,5 = 50 %).",
            "Least share of the agreement's amount that can come back to the payer's group (the largest flow along the chains' agreements) for a flag (0.5 = 50 %).",
        )),
        HOPS, OWNER_SHARE,
    ),
    truth_codes=("money_returns_to_payer_group",),
)

INDICATORS: tuple[Indicator, ...] = (NK48, NK49)
