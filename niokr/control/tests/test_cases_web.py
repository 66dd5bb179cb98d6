"""An audit case through the pages: opened from flags, documents requested and answered, closed.

Every POST goes through the services; a refusal is shown on the page and changes nothing; a role
that may not act gets 403.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from niokr.control import tasks
from niokr.control.models import AuditCase, CaseItem, ControlRun, DocumentRequest, Flag, Notice
from niokr.control.tests.test_pages import client, fake_catalogue, page, world  # noqa: F401 - fixtures
from niokr.obligations.models import LedgerEntry, RightYearBalance

pytestmark = pytest.mark.django_db

OPEN = reverse("control:case-open")


def _open(world, flags=None, **extra):
    return client(world.auditor).post(OPEN, {"flags": [f.pk for f in (flags or world.flags)], "title": "Equipment bought as R&D", **extra})


def _case(world) -> AuditCase:
    response = _open(world)
    case = AuditCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("control:case-detail", args=[case.pk])
    return case


def _url(name: str, case, *args) -> str:
    return reverse(f"control:{name}", args=[case.pk, *args])


def _request(world, case, text="Acts of acceptance and the technical assignment"):
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    return client(world.auditor).post(_url("case-request", case), {"text": text, "due_on": due})


def test_an_auditor_opens_a_case_from_the_flags_chosen(world):
    response = client(world.auditor).post(OPEN, {"flags": [f.pk for f in world.flags], "title": "Equipment bought as R&D"}, follow=True)
    case = AuditCase.objects.get()
    assert case.title == "Equipment bought as R&D" and case.payer == world.company
    assert sorted(case.items.values_list("indicator", flat=True)) == ["NK-07", "NK-08"]
    assert response.redirect_chain == [(reverse("control:case-detail", args=[case.pk]), 302)]
    html = page(response)
    assert case.reference in html and "Payment PP-2 pays for: оборудования" in html and "Request documents" in html
    assert f"Case {case.reference} is open with 2 items." in html


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_companies_and_outsiders_do_not_open_a_case(world, persona):
    response = client(getattr(world, persona)).post(OPEN, {"flags": [world.flags[0].pk]})
    assert response.status_code == 403
    assert not AuditCase.objects.exists()


def test_the_competent_regulator_opens_a_case_that_waits_for_the_control_body(world):
    with translation.override("en"):
        flag_page = page(client(world.regulator).get(reverse("control:flag-detail", args=[world.flags[0].pk])))
        assert "Open a case from this flag" in flag_page and "waits for the control body" in flag_page
        response = client(world.regulator).post(OPEN, {"flags": [world.flags[0].pk]}, follow=True)
    case = AuditCase.objects.get()
    assert case.opened_by == world.regulator and case.assignee is None
    html = page(response)
    assert "The case waits for the control body" in html and "nobody yet" in html
    assert "Request documents" not in html and "The control body (auditors and administrators) works the case" in html


def test_flags_of_two_subsoil_users_are_refused_with_the_reason_and_the_filters_kept(world):
    stray = Flag.objects.create(run=world.run, indicator="NK-07", version=2, subject_type="payment", subject_id=999, year=2025, payer=world.other, evidence={})
    back = reverse("control:flag-list") + "?indicator=NK-07"
    response = client(world.auditor).post(OPEN, {"flags": [world.flags[0].pk, stray.pk], "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert not AuditCase.objects.exists()
    response = client(world.auditor).post(OPEN, {"flags": [world.flags[0].pk, stray.pk], "next": "https://evil.example/"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("control:flag-list")
    assert "A case concerns one subsoil user: choose flags of one subsoil user." in page(response)
    response = client(world.auditor).post(OPEN, {}, follow=True)
    assert "Choose at least one flag." in page(response)


def test_the_company_sees_the_request_answers_it_with_a_file_and_the_auditor_downloads_it(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    case = _case(world)
    detail = reverse("control:case-detail", args=[case.pk])
    assert client(world.staff).get(detail).status_code == 404  # not written to yet
    response = _request(world, case)
    assert response.status_code == 302
    req = DocumentRequest.objects.get(case=case)
    staff_page = page(client(world.staff).get(detail))
    assert "Acts of acceptance and the technical assignment" in staff_page and _url("request-answer", case, req.pk) in staff_page
    assert "Request documents" not in staff_page and "Confirm the violation" not in staff_page
    assert case.reference in page(client(world.staff).get(reverse("control:case-list")))
    assert client(world.other_staff).get(detail).status_code == 404
    assert client(world.regulator).post(_url("request-answer", case, req.pk), {"answer": "x"}).status_code == 403

    data = b"%PDF-1.4 act of acceptance No 5"
    upload = SimpleUploadedFile("act-5.pdf", data, content_type="application/pdf")
    response = client(world.staff).post(_url("request-answer", case, req.pk), {"answer": "Attached: act No 5", "file": upload})
    assert response.status_code == 302
    req.refresh_from_db()
    sha = hashlib.sha256(data).hexdigest()
    assert (req.answer, req.answer_file, req.answer_sha256, req.answered_by) == ("Attached: act No 5", "act-5.pdf", sha, world.staff)
    assert (tmp_path / "case-files" / sha).read_bytes() == data
    case.refresh_from_db()
    assert case.status == "under_review"

    download = client(world.auditor).get(_url("request-file", case, req.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    assert 'filename="act-5.pdf"' in download["Content-Disposition"]
    assert client(world.other_staff).get(_url("request-file", case, req.pk)).status_code == 404
    assert "Attached: act No 5" in page(client(world.auditor).get(detail))
    again = client(world.staff).post(_url("request-answer", case, req.pk), {"answer": "again"})
    assert "This request has already been answered." in page(again)


def test_an_answer_file_above_the_intake_limit_is_refused(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.NIOKR_INTAKE_MAX_BYTES = 1024 * 1024
    case = _case(world)
    _request(world, case)
    req = DocumentRequest.objects.get(case=case)
    big = SimpleUploadedFile("scan.pdf", b"x" * (1024 * 1024 + 1))
    html = page(client(world.staff).post(_url("request-answer", case, req.pk), {"answer": "", "file": big}))
    assert "The file is larger than 1 MB." in html
    req.refresh_from_db()
    assert req.answered_at is None and not (tmp_path / "case-files").exists()
    html = page(client(world.staff).post(_url("request-answer", case, req.pk), {"answer": "  "}))
    assert "Write an answer or attach a file." in html


def test_confirming_with_a_partial_amount_and_a_dismissed_item_posts_the_exclusion_and_notifies(world):
    case = _case(world)
    before = RightYearBalance.objects.get(right=world.right, year=2025)
    items = {i.indicator: i for i in case.items.all()}
    c = client(world.auditor)
    assert c.post(_url("case-findings", case), {"findings": "The payment bought a spectrometer."}).status_code == 302
    response = c.post(_url("case-confirm", case), {
        "reason": "Equipment is not R&D", f"amount_{items['NK-07'].pk}": "20000.00", f"dismiss_{items['NK-08'].pk}": "on",
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "confirmed" and case.excluded_total == Decimal("20000.00")
    assert before.fulfilled - RightYearBalance.objects.get(right=world.right, year=2025).fulfilled == Decimal("20000.00")
    assert LedgerEntry.objects.get(kind="exclusion").reference == case.reference
    assert CaseItem.objects.get(pk=items["NK-08"].pk).decision == "dismissed"
    html = page(c.get(_url("case-detail", case)))
    assert "Confirm the violation" not in html and "The payment bought a spectrometer." in html
    staff = page(client(world.staff).get(_url("case-detail", case)))
    assert "The payment bought a spectrometer." in staff  # findings are shown once the case is closed
    notice = Notice.objects.get(case=case, kind="case_confirmed")
    assert notice.organisation == world.company
    assert "the violation is confirmed" in page(client(world.staff).get(reverse("control:notice-list")))


def test_a_refused_action_is_shown_on_the_page_and_changes_nothing(world):
    case = _case(world)
    c = client(world.auditor)
    html = page(c.post(_url("case-dismiss", case), {"reason": ""}))
    assert "This field is required." in html
    html = page(c.post(_url("case-request", case), {"text": "Acts", "due_on": "2000-01-01"}))
    assert "The answer date cannot be in the past." in html
    items = list(case.items.all())
    html = page(c.post(_url("case-confirm", case), {"reason": "x", **{f"dismiss_{i.pk}": "on" for i in items}}))
    assert "Confirm at least one item, or dismiss the case." in html
    html = page(c.post(_url("case-confirm", case), {"reason": "x", f"amount_{items[0].pk}": "999999.00"}))
    assert "More than the payment&#x27;s amount cannot be excluded" in html
    case.refresh_from_db()
    assert case.status == "open" and not DocumentRequest.objects.exists() and not LedgerEntry.objects.filter(kind="exclusion").exists()
    assert c.post(_url("case-assign", case), {"assignee": world.staff.pk}).status_code == 200
    case.refresh_from_db()
    assert case.assignee == world.auditor


@pytest.mark.parametrize("action", ["case-assign", "case-request", "case-findings", "case-confirm", "case-dismiss"])
def test_audit_actions_are_refused_to_other_roles(world, action):
    case = _case(world)
    _request(world, case)
    for user in (world.staff, world.regulator):
        assert client(user).post(_url(action, case), {"reason": "x", "text": "x", "findings": "x"}).status_code == 403
    case.refresh_from_db()
    assert case.status == "documents_requested" and case.findings == ""


def test_a_closed_case_takes_no_more_actions(world):
    case = _case(world)
    c = client(world.auditor)
    assert c.post(_url("case-dismiss", case), {"reason": "A prototype built under the agreement"}).status_code == 302
    html = page(c.post(_url("case-findings", case), {"findings": "late"}))
    assert f"Case {case.reference} is closed." in html
    case.refresh_from_db()
    assert case.status == "dismissed" and case.findings == ""


def test_an_auditor_starts_a_run_nationally_or_for_one_subsoil_user(world, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    calls = []

    def run_control(*, payer=None, actor=None, as_of=None):
        calls.append((payer, actor))
        return ControlRun.objects.create(payer=payer, as_of=timezone.localdate(), status="completed", counts={"NK-07": {"flagged": 3}})

    monkeypatch.setattr(tasks.runner, "run_control", run_control)
    c = client(world.auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("control:run-start"))
    assert response.status_code == 302 and response["Location"] == reverse("control:run-list")
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("control:run-start"), {"payer": world.company.pk})
    assert calls == [(None, world.auditor), (world.company, world.auditor)]
    assert c.post(reverse("control:run-start"), {"payer": 2**62}).status_code == 404
    for user in (world.regulator, world.staff):
        assert client(user).post(reverse("control:run-start")).status_code == 403
    assert len(calls) == 2
