"""Flags read in business words, in the reader's language: every evidence key labelled, no database id,
no machine key, no English on a Kazakh or Russian page.

The world is the hand-labelled evaluation set (``niokr/control/holdout``), loaded through the public
paths (``niokr load``, ``niokr intake submit``) and evaluated by a control run as the pages read it;
the indicators it does not make fire are evaluated on the frames their own tests build. Every flag's
explanation and evidence are then read the way the pages, the exports and the API read them
(:class:`niokr.control.evidence.Reading`) in Kazakh, Russian and English.
"""

from __future__ import annotations

import json
import re
import string
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from niokr.control.evidence import Reading
from niokr.control.holdout import load_holdout, read_holdout
from niokr.control.indicators import catalogue, evaluate
from niokr.control.indicators.base import Frames, format_day, format_money, format_number, format_percent
from niokr.control.indicators.keys import KEYS, key_of
from niokr.core import formatting

LANGUAGES = ("kk", "ru", "en")
AS_OF = max(timezone.localdate(), date(2026, 12, 7))
BY_CODE = {i.code: i for i in catalogue()}

#: A database id as a person should never read it: "#1234", "app.Model 123".
ROW_NUMBER = re.compile(r"#\d+|\b[a-z]+\.[A-Z][A-Za-z]+ \d+")
#: A machine key or code: snake_case, UPPER_SNAKE (a regime's code).
SNAKE = re.compile(r"\b(?:[a-z]+(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


# -- the table of keys -------------------------------------------------------------------------------


def test_every_placeholder_and_threshold_of_the_catalogue_has_a_label_in_three_languages():
    for indicator in catalogue():
        names = {field for lang in LANGUAGES for _t, field, _f, _c in string.Formatter().parse(indicator.explanation[lang]) if field}
        names |= {t.name for t in indicator.thresholds}
        for name in names:
            key = key_of(name)
            assert key is not None, (indicator.code, name)
            assert all(key.text(lang).strip() for lang in LANGUAGES) and CYRILLIC.search(key.text("kk")) and CYRILLIC.search(key.text("ru")), (indicator.code, name)
        for t in indicator.thresholds:
            assert CYRILLIC.search(t.describe("kk")) and CYRILLIC.search(t.describe("ru")) and not CYRILLIC.search(t.describe("en")), (indicator.code, t.name)


def test_the_engine_writes_money_numbers_percentages_and_dates_as_core_does():
    """The engine imports nothing from Django, so it keeps its own copy of core's rules: they must agree."""
    for lang in LANGUAGES:
        for tiyn in (0, 1, -5, 99, 100, 123_456_789, -1_000_000_001, 10**17 + 7):
            assert format_money(tiyn, lang) == formatting.money_text(Decimal(tiyn).scaleb(-2), lang), (lang, tiyn)
        for value, places in ((0, 0), (1234567.891, 2), (-0.001, 2), (72.8, 1), (1e9, 0), (Decimal("3.14159"), 3)):
            assert format_number(value, places, lang) == formatting.number_text(value, places, lang), (lang, value)
            assert format_percent(value, lang, places) == formatting.percent_text(value, lang, places), (lang, value)
        for day in (date(2026, 12, 7), date(2024, 2, 29)):
            assert format_day(day, lang) == formatting.day_text(day, lang)
            assert format_day(day.strftime("%d.%m.%Y"), lang) == formatting.day_text(day, lang) == format_day(day.isoformat(), lang)


# -- the world ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_flags(django_db_setup, django_db_blocker, tmp_path_factory):
    """The hand-labelled set loaded and evaluated by a control run: its flags (rolled back after the module)."""
    from niokr.control.models import Flag
    from niokr.control.runner import run_control

    with django_db_blocker.unblock(), override_settings(DATA_DIR=tmp_path_factory.mktemp("data"), NIOKR_CURRENT_YEAR=2026):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_holdout(read_holdout())
            run = run_control(as_of=AS_OF)
            yield [(f.indicator, f.evidence) for f in Flag.objects.filter(run=run).order_by("indicator", "pk")]
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _scenarios() -> dict[str, Frames]:
    """Frames on which the indicators the set does not make fire do fire (built by their own tests)."""
    from niokr.control.tests import test_agg_obligations as obligations
    from niokr.control.tests import test_agg_projects as projects
    from niokr.control.tests import test_agg_spending as spending
    from niokr.control.tests import test_indicators_relations as relations

    from niokr.control.tests.test_agg_projects import _project

    values = [123_456_78 + 9_137 * n for n in range(30)]
    values[:10] = [5_000_000_00] * 10
    peers, peer_projects = projects._peer_market(12_000_000_000)
    return {
        "NK-03": relations._frames([relations._payment(1, performer_id=relations.SISTER, paid_on=date(2024, 3, 12), requires_accreditation=True)]),
        "NK-09": Frames.build(spending.AS_OF, payments=spending._years({y: (1_800_000_000, 200_000_000) for y in (2022, 2023, 2024)}), organisations=spending._orgs()),
        "NK-18": Frames.build(projects.AS_OF, agreements=[projects._agreement(1, project=25, amount=368_200_000)], projects=[
            {**_project(25, trl_start=3, trl_target=4, trl_reached=3, end_date=date(2016, 10, 23)), "code": "ПР-2015-025"},
        ], organisations=projects._orgs()),
        "NK-11": Frames.build(spending.AS_OF, payments=spending._amounts(values), organisations=spending._orgs()),
        "NK-13": Frames.build(obligations.AS_OF, transfers=[  # as the database frames carry them: with the right's number
            {**obligations._transfer(1, "ПП-2026-000111", date(2026, 3, 12), 328_443_100, confirmed=False), "right_number": "1613-УВС"},
            {**obligations._transfer(2, "ПП-2026-000115", date(2026, 4, 2), 500_000_000, confirmed=False), "right_number": "1613-УВС"},
            {**obligations._transfer(3, "пп-2026-000115 ", date(2026, 4, 3), 400_000_000, confirmed=True, right=99), "right_number": "1699-УВС"},
        ], organisations=obligations._orgs()),
        "NK-17": Frames.build(projects.AS_OF, agreements=[
            projects._agreement(1, performer=projects.HUB, amount=1_000_000_000, signed_on=date(2024, 1, 10)),
            projects._agreement(12, payer=projects.HUB, performer=projects.START_UP, amount=200_000_000, signed_on=date(2024, 6, 1)),
        ], organisations=projects._orgs()),
        "NK-19": Frames.build(projects.AS_OF, agreements=peers, projects=peer_projects, organisations=projects._orgs()),
        "NK-20": relations._frames(agreements=[*relations.AGREEMENTS, relations.ONWARD]),
        **_lifecycle_scenarios(),
    }


def _lifecycle_scenarios() -> dict[str, Frames]:
    """NK-16 and NK-18 (v2) and NK-23 … NK-26 on the frames of their own tests."""
    from niokr.control.tests import test_indicators_lifecycle as lc

    stages = [lc._stage(1, 1, 1_000_000_000, end=date(2024, 6, 30)), lc._stage(2, 2, 1_000_000_000, end=date(2024, 12, 31))]
    seats = [lc._seat(1, "for", org_id=lc.MEMBER_ORG), *[lc._seat(i, "for") for i in range(2, 5)], lc._seat(5, "against"), lc._seat(6, "abstain")]
    return {
        "NK-23": lc._delivery([lc._pay(1, date(2024, 7, 5), 1_000_000_000, number="ПП-101"), lc._pay(2, date(2024, 9, 2), 600_000_000, number="№ 117")], [lc._act(1, 1, date(2024, 7, 1), 1_000_000_000)]),
        "NK-24": lc._council([lc._item()], seats, [lc._owner(lc.OWNER, lc.APPLICANT), {**lc._owner(lc.OWNER, lc.MEMBER_ORG), "kind": "common_founder"}]),
        "NK-25": lc._results([lc._result(1, reference="KZ 36512"), lc._result(2), lc._result(3, "publication", note=" — ")]),
        "NK-26": lc._results([lc._result(1, "trl", trl_level=6, stage_id=1), lc._result(2, "trl", trl_level=5, stage_id=2)], stages=stages),
        "NK-16": Frames.build(lc.AS_OF, agreements=[lc._agreement(1, project=7)], programmes=[lc._programme(7, "rejected", None)], organisations=lc._orgs()),
    }


def _flags_of_every_indicator(world_flags) -> list[tuple[str, dict]]:
    flags = list(world_flags)
    fired = {code for code, _evidence in flags}
    for code, frames in _scenarios().items():
        if code in fired:
            continue
        out = evaluate(BY_CODE[code], frames)
        flags += [(code, json.loads(text)) for text in out.filter(out["status"] == "flagged")["evidence"].to_list()]
    return flags


def _data_words(evidence: dict) -> set[str]:
    """Latin words the evidence holds as data (names, purposes, numbers as written): not the page's language."""
    words: set[str] = set()

    def walk(name: str, value) -> None:
        key = key_of(name)
        if name != "names" and (key is None or key.kind not in ("text", "texts")):
            return  # codes and the engine's own phrases: the page must write them in its language
        if isinstance(value, str):
            words.update(LATIN_WORD.findall(value))
        elif isinstance(value, list):
            for v in value:
                walk(name, v)
        elif isinstance(value, dict):
            for k, v in value.items():
                words.update(LATIN_WORD.findall(str(k)))
                walk(name, v)

    for name, value in evidence.items():
        walk(name, value)
    return words


@pytest.mark.django_db
def test_every_flag_reads_in_business_words_in_three_languages(world_flags):
    flags = _flags_of_every_indicator(world_flags)
    assert {code for code, _e in flags} == {i.code for i in catalogue()}, "every indicator fires on the world"
    reading = Reading()
    reading.add(evidence for _code, evidence in flags)
    problems = []
    for code, evidence in flags:
        allowed = _data_words(evidence) | {"Astana", "Hub", "MedTech", "AgriTech", "GreenTech"}  # names of programmes and priorities
        names = evidence.get("names") or {}
        for name in evidence:
            key = key_of(name)
            if key is None or not all(key.text(lang) for lang in LANGUAGES):
                problems.append(f"{code}: evidence key {name!r} has no label in every language")
        for lang in LANGUAGES:
            text = reading.explanation(code, evidence, lang, by_code=BY_CODE)
            shown = " ".join(f"{item['label']} {item['value']}" for item in reading.items(evidence, lang))
            for where, words in (("explanation", text), ("evidence", shown)):
                if ROW_NUMBER.search(words):
                    problems.append(f"{code} {lang} {where}: a row number {ROW_NUMBER.search(words).group(0)!r}: {words}")
                if SNAKE.search(words):
                    problems.append(f"{code} {lang} {where}: a machine key {SNAKE.search(words).group(0)!r}: {words}")
                ids = evidence.get("other_payment_ids") or evidence.get("payment_ids") or []
                if len(ids) >= 2 and ", ".join(map(str, ids)) in words:
                    problems.append(f"{code} {lang} {where}: payments named by row numbers: {words}")
                right_id = evidence.get("right_id")
                if right_id is not None and re.search(rf"№ ?{right_id}\b", words) and evidence.get(f"right_{lang}") != f"№ {right_id}":
                    problems.append(f"{code} {lang} {where}: a right named by its row number: {words}")
                if lang != "en":
                    english = {w for w in LATIN_WORD.findall(words) if w not in allowed and not any(w in n for n in names.values())}
                    if english:
                        problems.append(f"{code} {lang} {where}: English words {sorted(english)}: {words}")
            for bin_ in (evidence.get("performer_bin"), evidence.get("payer_bin")):
                if bin_ and bin_ in names:
                    assert f"{bin_})" in text and reading.name_of(bin_, lang, evidence) in text, (code, lang, text)
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.django_db
def test_evidence_recorded_with_row_numbers_reads_the_business_numbers_from_the_registry(audited):
    """Flags written before the engine named things: a right as «№ <row>», the other copies by their rows."""
    first, second = audited.payments
    right = audited.right
    reading = Reading()
    arrears = {"payer_bin": audited.company.bin, "right_id": right.pk, "right_kk": f"№ {right.pk}", "right_ru": f"№ {right.pk}", "right_en": f"#{right.pk}",
               "year": 2025, "regime_code": "CODE2017_COSTS", "obligation_tiyn": 100, "fulfilled_tiyn": 0, "credit_in_tiyn": 0, "arrears_tiyn": 100}
    copies = {"payment_id": second.pk, "document_number": second.document_number, "paid_on": "01.06.2025", "amount_tiyn": 5_000_000,
              "performer_bin": audited.institute.bin, "copies": 2, "payment_ids": [first.pk, second.pk], "other_payment_ids": [first.pk], "payer_bins": [audited.company.bin]}
    reading.add([arrears, copies])
    for lang in LANGUAGES:
        text = reading.explanation("NK-12", arrears, lang, by_code=BY_CODE)
        assert right.number in text and f"№ {right.pk}" not in text and f"#{right.pk}" not in text, text
        assert audited.company.name_ru in text and "CODE2017_COSTS" not in text, text
        text = reading.explanation("NK-06", copies, lang, by_code=BY_CODE)
        assert f"{first.document_number} {format_day(first.paid_on, lang)} ({right.number})" in text, text
        assert "НИИ «Зерттеу»" in text and f"{first.pk}, {second.pk}" not in text, text
