"""The control pages: flags, the catalogue, risk scores and panels, cases, notices, runs — each role its scope.

The world is the audited company of ``conftest.py`` (hydrocarbons: the energy ministry's competence)
with a national run whose flags and scores are written here. The catalogue is a fixed two-indicator
one (:func:`fake_catalogue`), so that titles and explanations do not depend on the real indicators.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from niokr.accounts.models import Membership
from niokr.control import indicators
from niokr.control.indicators.base import Indicator, Threshold, empty_outcome
from niokr.control.models import ControlRun, Flag, RiskScore
from niokr.registry.tests.test_pages import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db


def _trilingual(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


CATALOGUE = (
    Indicator(
        code="NK-07", version=2, subject_type="payment", weight=60,
        title=_trilingual("Жабдық НИОКР ретінде", "Оборудование под видом НИОКР", "Equipment paid as R&D"),
        rationale=_trilingual("Жабдық зерттеу емес.", "Оборудование — не исследование.", "Equipment is not research."),
        legal_basis=_trilingual("Кодекс, 129-бап", "Кодекс, ст. 129", "Code, art. 129"),
        explanation=_trilingual("{document_number} төлемі: {matched}", "Платёж {document_number} оплачивает: {matched}", "Payment {document_number} pays for: {matched}"),
        needs=("payments",), evaluate=lambda frames, params: empty_outcome(),
        thresholds=(Threshold("min_words", 1, "Purpose words that must match"),),
    ),
    Indicator(
        code="NK-08", version=1, subject_type="payer_year", weight=40,
        title=_trilingual("Желтоқсандағы шоғырлану", "Концентрация в декабре", "December rush"),
        rationale=_trilingual("Жыл соңында асығыс төлем.", "Спешные платежи в конце года.", "Payments rushed at the year's end."),
        legal_basis=_trilingual("Ереже, 12-т.", "Правила, п. 12", "Rules, item 12"),
        explanation=_trilingual("Желтоқсан үлесі {december_share}", "Доля декабря {december_share}", "December share {december_share}"),
        needs=("payments",), evaluate=lambda frames, params: empty_outcome(),
        thresholds=(Threshold("december_share", 0.5, "Share of the year's spending paid in December"),),
    ),
)


@pytest.fixture(autouse=True)
def fake_catalogue(monkeypatch):
    """The pages read this catalogue (two indicators) instead of the real one."""
    monkeypatch.setattr(indicators, "catalogue", lambda: CATALOGUE)
    return CATALOGUE


@pytest.fixture
def world(audited):
    """The audited company's run with its parameters, counts and warnings; scores; two more regulators."""
    run = audited.run
    run.parameters = {"NK-07": {"min_words": 2}, "NK-08": {"december_share": 0.5}}
    run.counts = {"NK-07": {"subjects": 2, "flagged": 1, "clear": 1, "not_computable": 0}, "NK-08": {"subjects": 1, "flagged": 1, "clear": 0, "not_computable": 0}}
    run.warnings = [{"indicator": "NK-08", "share": 1.0, "limit": 0.1}]
    run.phases = {"extract": 0.5, "evaluate": 1.25, "write": 0.2}
    run.save()
    contributions = [
        {"indicator": "NK-07", "weight": 60, "materiality": 1.0, "flags": 1, "amount_tiyn": 5000000, "points": 60.0},
        {"indicator": "NK-08", "weight": 40, "materiality": 1.0, "flags": 1, "amount_tiyn": None, "points": 16.0},
    ]
    audited.score = RiskScore.objects.create(run=run, subject_type="payer_year", subject_id=audited.company.pk, year=2025, payer=audited.company, score=76, flags=2, amount=Decimal("50000.00"), contributions=contributions)
    RiskScore.objects.create(run=run, subject_type="payment", subject_id=audited.payments[1].pk, year=2025, payer=audited.company, score=60, flags=1, amount=Decimal("50000.00"), contributions=contributions[:1])
    industry = audited.outsider.__class__.objects.create_user(username="regulator-mic", language="en")
    Membership.objects.create(user=industry, organisation=audited.institute, role="regulator", authority="industry")
    audited.industry = industry
    return audited


def client(user, language: str | None = None) -> Client:
    if language:
        user.language = language
        user.save(update_fields=["language"])
    c = Client()
    c.force_login(user)
    return c


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()




FLAGS = reverse("control:flag-list")
SCORES = reverse("control:score-list")
CATALOGUE_PAGE = reverse("control:indicator-list")
CASES = reverse("control:case-list")
NOTICES = reverse("control:notice-list")
RUNS = reverse("control:run-list")


def test_an_anonymous_visitor_is_sent_to_the_login_page(world):
    for url in (FLAGS, SCORES, CATALOGUE_PAGE, CASES, NOTICES, RUNS, reverse("control:flag-detail", args=[world.flags[0].pk]), reverse("control:risk-panel", args=[world.company.pk])):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


def test_the_auditor_sees_each_flag_with_its_title_subject_and_explanation(world):
    html = page(client(world.auditor).get(FLAGS))
    assert "Equipment paid as R&amp;D" in html and "December rush" in html
    assert "Payment PP-2 pays for: оборудования" in html and "December share 70\u00a0%" in html
    payment = world.payments[1]
    assert f"agreement={world.agreement.pk}&amp;paid_after=2025-06-01&amp;paid_before=2025-06-01" in html
    assert reverse("obligations:holder-detail", args=[world.company.pk]) in html
    assert reverse("control:risk-panel", args=[world.company.pk]) in html
    assert f'name="flags" value="{world.flags[0].pk}"' in html and reverse("control:case-open") in html
    assert payment.document_number in html
    listed = page(client(world.auditor).get(reverse("projects:payment-list"), {"agreement": world.agreement.pk, "paid_after": "2025-06-01", "paid_before": "2025-06-01"}))
    assert "PP-2" in listed and "PP-1" not in listed


def test_flags_read_in_the_users_language(world):
    html = page(client(world.auditor, "kk").get(FLAGS))
    assert "Жабдық НИОКР ретінде" in html and "Желтоқсан үлесі 70\u00a0%" in html
    html = page(client(world.auditor, "ru").get(reverse("control:flag-detail", args=[world.flags[0].pk])))
    assert "Оборудование под видом НИОКР" in html and "Кодекс, ст. 129" in html
    # A flag's subject is what was checked and its evidence the facts found, not an agreement's
    # subject matter nor a status's supporting document.
    assert ">Объект<" in html and ">Основания<" in html and ">Предмет<" not in html


def test_the_agreement_page_keeps_its_own_words_for_subject(world):
    html = page(client(world.auditor, "ru").get(reverse("projects:agreement-detail", args=[world.agreement.pk])))
    assert "Предмет" in html


def test_a_regulator_reads_the_flags_of_its_competence_and_may_open_a_case_from_them(world):
    html = page(client(world.regulator).get(FLAGS))
    assert "Payment PP-2 pays for" in html and 'name="flags"' in html and "waits for the control body" in html
    assert "Payment PP-2 pays for" not in page(client(world.industry).get(FLAGS))


@pytest.mark.parametrize("persona", ["staff", "other_staff", "outsider"])
def test_companies_and_outsiders_get_an_empty_flags_list_and_no_flag_or_panel(world, persona):
    user = getattr(world, persona)
    assert "PP-2" not in page(client(user).get(FLAGS))
    assert client(user).get(reverse("control:flag-detail", args=[world.flags[0].pk])).status_code == 404
    assert client(user).get(reverse("control:risk-panel", args=[world.company.pk])).status_code == 404
    assert client(user).get(SCORES, {"export": "csv"}).status_code == 200
    assert len(csv_rows(client(user).get(FLAGS, {"export": "csv"}))) == 1
    assert world.company.name_ru not in page(client(user).get(SCORES))


def test_the_flags_list_filters_by_indicator_type_payer_year_and_amount(world):
    c = client(world.auditor)

    def codes(**query) -> set[str]:
        rows = csv_rows(c.get(FLAGS, {**query, "export": "csv"}))
        return {row[0] for row in rows[1:]}

    assert codes() == {"NK-07", "NK-08"}
    assert codes(indicator="NK-07") == {"NK-07"}
    assert codes(subject_type="payer_year") == {"NK-08"}
    assert codes(payer=world.company.bin) == {"NK-07", "NK-08"}
    assert codes(payer="Аудит") == {"NK-07", "NK-08"}
    assert codes(payer=world.other.bin) == set()
    assert codes(year=2024) == set()
    assert codes(min_amount="10000") == {"NK-07"}
    assert c.get(FLAGS, {"year": "not a year"}).status_code == 200


def test_a_flags_export_writes_titles_explanations_and_the_subsoil_users_bin(world):
    rows = csv_rows(client(world.auditor).get(FLAGS, {"export": "csv", "indicator": "NK-07"}))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row))
    assert record["Indicator"] == "NK-07" and record["Indicator title"] == "Equipment paid as R&D"
    assert record["Subject type"] == "Payment" and record["Subject"] == "Payment PP-2 of 1 Jun 2025" and "Subject id" not in record
    assert record["Subsoil user BIN"] == world.company.bin and record["Why"] == "Payment PP-2 pays for: оборудования"
    assert record["Amount at stake, KZT"] == "50000.00"
    sheet = xlsx_rows(client(world.auditor).get(FLAGS, {"export": "xlsx"}))
    assert sheet[0] == header and any("December share 70\u00a0%" in row for row in sheet[1:])


def test_only_the_current_runs_flags_are_listed(world):
    later = ControlRun.objects.create(as_of=date(2026, 12, 1), status="completed", finished_at=timezone.now())
    Flag.objects.create(run=later, indicator="NK-07", version=2, subject_type="payment", subject_id=world.payments[0].pk, year=2025, payer=world.company, amount=Decimal("60000.00"), evidence={"document_number": "PP-1", "matched": ["этап"]})
    html = page(client(world.auditor).get(FLAGS))
    assert "Payment PP-1 pays for" in html and "Payment PP-2 pays for" not in html


def test_the_flag_page_shows_the_indicator_thresholds_in_force_evidence_and_cases(world):
    from niokr.control import services

    case = services.open_case(actor=world.auditor, flag_ids=[world.flags[0].pk], title="Equipment")
    html = page(client(world.auditor).get(reverse("control:flag-detail", args=[world.flags[0].pk])))
    assert "Equipment is not research." in html and "Code, art. 129" in html
    assert "min_words" in html and "Purpose words that must match" in html and "configured" in html
    assert "Payment document number" in html and "document_number" not in html and "PP-2" in html and "Payment PP-2 pays for: оборудования" in html
    assert "the catalogue now holds version 2" in html
    assert case.reference in html and reverse("control:case-detail", args=[case.pk]) in html


def test_a_flag_of_an_indicator_no_longer_in_the_catalogue_still_reads(world):
    flag = Flag.objects.create(run=world.run, indicator="NK-99", version=1, subject_type="agreement", subject_id=world.agreement.pk, payer=world.company, evidence={"months": 3})
    html = page(client(world.auditor).get(reverse("control:flag-detail", args=[flag.pk])))
    assert "This indicator is no longer in the catalogue." in html and "months: 3" in html
    assert reverse("projects:agreement-detail", args=[world.agreement.pk]) in html
    assert "months: 3" in page(client(world.auditor).get(FLAGS))


def test_the_catalogue_lists_thresholds_and_the_latest_national_runs_figures(world, settings):
    settings.NIOKR_CONTROL_THRESHOLDS = {"NK-08": {"december_share": 0.6}}
    html = page(client(world.auditor).get(CATALOGUE_PAGE))
    assert "Equipment paid as R&amp;D" in html and "Code, art. 129" in html and "Payments rushed at the year" in html
    assert "Threshold for December&#x27;s share" in html and "Share of the year&#x27;s spending paid in December" in html and "min_words" in html
    assert "Too loose" in html and "National run of" in html and f"#{world.run.pk}" not in html
    rows = csv_rows(client(world.auditor).get(CATALOGUE_PAGE, {"export": "csv"}))
    record = {dict(zip(rows[0], row))["Code"]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert record["NK-08"]["Thresholds (default → in force)"] == "Threshold for December's share: 50\u00a0% → 60\u00a0%" and record["NK-07"]["Thresholds (default → in force)"] == "min_words: 1 → 1"
    assert record["NK-07"]["Share flagged, %"] == "50.0" and record["NK-07"]["Flagged"] == "1" and record["NK-08"]["Warning"].startswith("Too loose")
    assert "Equipment paid as R&amp;D" not in page(client(world.staff).get(CATALOGUE_PAGE))
    assert len(csv_rows(client(world.staff).get(CATALOGUE_PAGE, {"export": "csv"}))) == 1


def test_risk_scores_list_subsoil_user_years_unless_asked(world):
    c = client(world.auditor)
    rows = csv_rows(c.get(SCORES, {"export": "csv"}))
    assert [(r[0], r[1]) for r in rows[1:]] == [("76", "Subsoil user and year")]
    assert "NK-07 +60.0 · NK-08 +16.0" in rows[1]
    rows = csv_rows(c.get(SCORES, {"export": "csv", "subject_type": "payment"}))
    assert [(r[0], r[1]) for r in rows[1:]] == [("60", "Payment")]
    assert csv_rows(c.get(SCORES, {"export": "csv", "min_score": 80}))[1:] == []
    html = page(c.get(SCORES))
    assert reverse("control:risk-panel", args=[world.company.pk]) in html
    select = html[html.index('name="subject_type"'):]
    assert select.index('value="payer_year"') < select.index('value="payment"')  # the select shows what the list shows


def test_the_risk_panel_says_why_the_company_scores_what_it_scores(world):
    html = page(client(world.auditor).get(reverse("control:risk-panel", args=[world.company.pk])))
    assert ">76<" in html and "Equipment paid as R&amp;D" in html and "+60.0" in html and "+16.0" in html
    assert "Payment PP-2 of" in html and "Payment PP-2 pays for: оборудования" in html and "December share 70\u00a0%" in html
    assert reverse("control:run-start") in html
    html = page(client(world.regulator).get(reverse("control:risk-panel", args=[world.company.pk])))
    assert ">76<" in html and reverse("control:run-start") not in html
    assert client(world.industry).get(reverse("control:risk-panel", args=[world.company.pk])).status_code == 404


def test_the_runs_list_shows_counts_phases_and_warnings(world):
    html = page(client(world.auditor).get(RUNS))
    rows = csv_rows(client(world.auditor).get(RUNS, {"export": "csv"}))
    record = dict(zip(rows[0], rows[1]))
    assert "#" not in record and record["Flagged"] == "2" and record["Too loose"] == "December rush (NK-08)" and "evaluating the indicators 1.3 s" in record["Phases"]
    assert "reading the data 0.5 s" in html and "extract" not in html
    assert 'action="%s"' % reverse("control:run-start") in html
    assert reverse("control:run-start") not in page(client(world.regulator).get(RUNS))
    assert len(csv_rows(client(world.staff).get(RUNS, {"export": "csv"}))) == 1


def test_the_menu_leads_each_role_to_its_part_of_control(world):
    assert f'href="{FLAGS}"' in page(client(world.auditor).get(CASES))
    assert f'href="{FLAGS}"' in page(client(world.regulator).get(CASES))
    staff = page(client(world.staff).get(NOTICES))
    assert f'href="{CASES}"' in staff and f'href="{FLAGS}"' not in staff and f'href="{SCORES}"' not in staff
    outsider = page(client(world.outsider).get(CASES))
    assert f'href="{FLAGS}"' not in outsider and "nav-link" in outsider


def test_the_flags_list_runs_a_bounded_number_of_queries(world):
    for n in range(40):
        Flag.objects.create(run=world.run, indicator="NK-07", version=2, subject_type="payment", subject_id=world.payments[n % 2].pk, year=2025, payer=world.company, amount=Decimal(n), evidence={"document_number": f"D-{n}"})
    c = client(world.auditor)
    c.get(FLAGS)
    with CaptureQueriesContext(connection) as queries:
        page(c.get(FLAGS))
    assert len(queries) <= 20, [q["sql"][:120] for q in queries.captured_queries]


def test_company_staff_reads_notices_in_its_language(world):
    from datetime import timedelta

    from niokr.control import services

    case = services.open_case(actor=world.auditor, flag_ids=[world.flags[0].pk])
    services.request_documents(actor=world.auditor, case=case, text="Acts of acceptance", due_on=timezone.localdate() + timedelta(days=7))
    html = page(client(world.staff).get(NOTICES))
    assert case.reference in html and "Acts of acceptance" in html and "please send the documents requested" in html
    assert case.reference not in page(client(world.other_staff).get(NOTICES))
    assert get_user_model().objects.filter(pk=world.staff.pk, language="en").exists()


def test_the_admin_shows_runs_flags_cases_and_notices_read_only(world):
    from datetime import timedelta

    from niokr.control import services

    case = services.open_case(actor=world.auditor, flag_ids=[world.flags[0].pk])
    services.request_documents(actor=world.auditor, case=case, text="Acts", due_on=timezone.localdate() + timedelta(days=3))
    admin = get_user_model().objects.create_superuser(username="root", password="x-very-long-pass", language="en")
    c = client(admin)
    for model, pk in (("controlrun", world.run.pk), ("flag", world.flags[0].pk), ("auditcase", case.pk), ("notice", case.notices.get().pk)):
        assert c.get(reverse(f"admin:control_{model}_changelist")).status_code == 200, model
        html = page(c.get(reverse(f"admin:control_{model}_change", args=[pk])))
        assert 'name="_save"' not in html, model
        assert c.get(reverse(f"admin:control_{model}_add")).status_code == 403, model
    assert "Acts" in page(c.get(reverse("admin:control_auditcase_change", args=[case.pk])))
