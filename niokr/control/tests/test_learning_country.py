"""The learned queue on the small synthetic country (seed 1): generated, recomputed, evaluated by a
control run, given its past audits' verdicts (``demo_cases --verdicts``) and learned from them
(``control learn``) once for the module, rolled back after it.

The learned order beats the rule-based risk score on the later years of the time split; every
order lists the same flags; the page shows the order, each flag's probability and its reasons in
the reader's language, and says plainly when no model has been trained.
"""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from niokr.control import learning
from niokr.control.models import AuditCase, CaseItem, Flag, FlagPriority, VerdictModel
from niokr.obligations.services import recompute

FLAGS = reverse("control:flag-list")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def quiet(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker, tmp_path_factory):
    """The country with its past verdicts and the kept model; what ``control learn --json`` printed."""
    data_dir = tmp_path_factory.mktemp("data")
    truth = data_dir / "truth.json"
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir, NIOKR_CURRENT_YEAR=2026):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            quiet("generate", scale="small", seed=1, truth=str(truth))
            recompute()
            quiet("control", "run")
            quiet("demo_cases", "--verdicts", "--truth", str(truth))
            yield json.loads(quiet("control", "learn", "--json"))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _client(language: str) -> Client:
    user = get_user_model().objects.get(username="auditor")
    user.language = language
    user.save(update_fields=["language"])
    c = Client()
    c.force_login(user)
    return c


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _cells(page: str, css: str) -> list[str]:
    return re.findall(rf'<td class="[^"]*\b{css}\b[^"]*"[^>]*>(.*?)</td>', page, flags=re.S)


def test_the_learned_order_beats_the_risk_score_on_the_later_years(country, db):
    e = country["evaluation"]
    assert e["train_years"][1] < e["split_year"] == e["test_years"][0]
    assert e["test"] >= 100 and 0 < e["test_confirmed"] < e["test"]
    lr, rule = e["models"]["logistic"], e["models"]["rule"]
    assert lr["p20"] > rule["p20"] and lr["p100"] > rule["p100"], e["models"]
    assert e["models"]["boosting"]["p100"] is not None
    kept = VerdictModel.objects.get()
    assert kept.labels == country["labels"] and kept.evaluation == e


def test_the_verdicts_span_earlier_and_later_years_and_only_past_ones(country, db):
    closed = AuditCase.objects.filter(status__in=("confirmed", "dismissed"))
    years = sorted({c.opened_at.year - 1 for c in closed})  # a year is audited in the next
    assert years[0] <= 2015 and years[-1] >= 2024
    assert not CaseItem.objects.filter(case__in=closed, year__gte=2026).exists()
    assert all(c.opened_at < c.closed_at and c.closed_at.date() <= date.today() for c in closed)
    assert set(CaseItem.objects.filter(case__in=closed).values_list("decision", flat=True)) == {"confirmed", "dismissed"}


def test_the_countrys_features_read_no_verdict_from_the_flags_own_year_or_later(country, db):
    """The prior record the learner read equals a direct count of earlier years' items closed by the flag's date."""
    today = date.today()
    rows, labels, closed = learning.labelled_rows(today)
    raw = learning.features(rows, **learning._context(rows, [], rows, labels, closed))
    items = list(CaseItem.objects.filter(decision__in=("confirmed", "dismissed")).values_list("case__payer_id", "decision", "case__closed_at", "pk"))
    year_of = {r["row_id"]: r["year"] for r in rows}
    for r in raw.iter_rows(named=True):
        payer = next(x["payer_id"] for x in rows if x["row_id"] == r["row_id"])
        end = date(r["year"], 12, 31)
        earlier = [(d, pk) for p, d, at, pk in items if p == payer and pk in year_of and year_of[pk] < r["year"] and at.date() <= end]
        assert r["prior_confirmed"] == sum(1 for d, _pk in earlier if d == "confirmed")
        assert r["prior_dismissed"] == sum(1 for d, _pk in earlier if d == "dismissed")


def test_every_flag_of_the_rule_order_is_in_the_learned_order_and_back(country, db):
    current = Flag.objects.current()
    orders = {order: list(learning.queue(current, order).values_list("pk", flat=True)) for order in learning.ORDERS}
    assert len(orders["risk"]) == current.count() > 100
    assert set(orders["risk"]) == set(orders["learned"]) == set(orders["amount"])
    assert len(set(orders["learned"])) == len(orders["learned"])
    assert orders["risk"] != orders["learned"]
    # The page's export (every row, in the page's order) lists the same flags in either order.
    c = _client("en")

    def rows(order: str) -> list[tuple]:
        data = list(csv.reader(io.StringIO(c.get(FLAGS, {"order": order, "export": "csv"}).content.decode("utf-8-sig")), delimiter=";"))
        head = data[0]
        keys = [head.index(k) for k in ("Indicator", "Subject", "Year")]
        return [tuple(row[k] for k in keys) for row in data[1:]]

    risk, learned = rows("risk"), rows("learned")
    assert len(risk) == len(learned) == current.count()
    assert sorted(risk) == sorted(learned) and risk != learned


def test_the_learned_order_puts_the_highest_probability_first_with_its_reasons(country, db):
    page = _client("en").get(FLAGS, {"order": "learned"}).content.decode()
    assert '<option value="learned" selected>' in page
    assert "Would an auditor confirm it" in page and "Every order lists the same flags." in page
    cells = _cells(page, "learned")
    assert len(cells) == 50
    shown = [int(re.search(r'class="fw-semibold probability">(\d+)', cell).group(1)) for cell in cells]
    assert shown == sorted(shown, reverse=True)
    assert all(("▲" in cell or "▼" in cell) for cell in cells)
    assert "Auditors&#x27; earlier verdicts on" in page or "Auditors' earlier verdicts on" in page
    e = country["evaluation"]
    assert f"of its first 20 flags {round(e['models']['logistic']['p20'] * 100)}\u00a0% were confirmed" in htmllib.unescape(page)
    # The default order stays the risk score.
    default = _client("en").get(FLAGS).content.decode()
    assert "selected" not in re.search(r'<select name="order"[^>]*>(.*?)</select>', default, flags=re.S).group(1)  # the first, «By risk score»
    risk_cells = [int(_text(c).replace(",", "")) for c in _cells(default, "risk")]
    assert risk_cells == sorted(risk_cells, reverse=True)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_reasons_read_in_kazakh_and_russian_without_ids_or_english(country, db, language):
    page = _client(language).get(FLAGS, {"order": "learned"}).content.decode()
    cells = _cells(page, "learned")
    assert cells
    for cell in cells:
        text = _text(cell).replace("Astana Hub", "")  # a proper name, written so in every language
        assert not LATIN_WORD.findall(text), text
        assert not re.search(r"#\d|№\s*\d", text), text
    # The stored reasons hold codes, counts, money and shares: no row id to show by mistake.
    for reasons in FlagPriority.objects.values_list("reasons", flat=True):
        assert all(not k.endswith("id") for r in reasons for k in r), reasons


def _catalogue_has_the_queues_strings() -> bool:
    with translation.override("ru"):
        return translation.gettext("Every order lists the same flags.") != "Every order lists the same flags."


@pytest.mark.xfail(condition=not _catalogue_has_the_queues_strings(), reason="the queue's strings wait for their kk/ru entries in the catalogues (notes/i18n/learning.json)", strict=True)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_order_and_the_models_note_read_in_kazakh_and_russian(country, db, language):
    page = _client(language).get(FLAGS, {"order": "learned"}).content.decode()
    note = re.search(r'<p class="small queue-note learned-model">(.*?)</p>', page, flags=re.S).group(1)
    select = re.search(r'<select name="order"[^>]*>(.*?)</select>', page, flags=re.S).group(1)
    header = re.search(r'<th class="learned"[^>]*>(.*?)</th>', page, flags=re.S).group(1)
    titles = re.findall(r'title="([^"]+)"', "".join(_cells(page, "learned")))
    for text in (_text(note), _text(select), _text(header), *titles):
        assert not LATIN_WORD.findall(text.replace("Astana Hub", "")), text


def test_without_a_model_the_page_says_so_and_keeps_the_risk_order(country, db):
    VerdictModel.objects.all().delete()
    FlagPriority.objects.update(probability=None, reasons=[], model=None)
    page = _client("en").get(FLAGS, {"order": "learned"}).content.decode()
    assert "No model has been trained on auditors&#x27; verdicts yet" in page or "No model has been trained on auditors' verdicts yet" in page
    assert "Would an auditor confirm it" not in page and not _cells(page, "learned")
    risk = [int(_text(c).replace(",", "")) for c in _cells(page, "risk")]
    assert risk == sorted(risk, reverse=True)


def test_a_new_run_gives_its_flags_the_kept_models_probability(country, db):
    quiet("control", "run")
    current = Flag.objects.current()
    assert FlagPriority.objects.filter(flag__in=current).count() == current.count()
    assert not FlagPriority.objects.filter(flag__in=current, probability__isnull=True).exists()
    assert not FlagPriority.objects.exclude(flag__in=current).exists()  # the replaced run's rows went with it


def test_learn_evaluate_measures_without_replacing_the_model(country, db):
    kept = VerdictModel.objects.get()
    out = quiet("control", "learn", "--evaluate")
    assert "logistic regression" in out and "gradient boosting" in out and "risk score (rules)" in out and "P@100" in out
    assert VerdictModel.objects.get() == kept
