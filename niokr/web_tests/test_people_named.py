"""Pages and exports name people by their name in the page's language, not by their login.

Who sent a report, who started a job or a control run, who opened, was assigned or asked in an
audit case: each is stored as a user or as the login frozen at the time, and each is shown as the
person's name (kk, ru, en); the login only for an account that no longer exists.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from niokr.control.models import ControlRun
from niokr.intake.models import JobRecord, Submission

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru", "en")


def _name(user, language: str) -> str:
    return {"kk": user.name_kk, "ru": user.get_full_name(), "en": user.name_en}[language] or user.get_full_name()


def _get(world, persona: str, url: str, language: str, **query):
    get_user_model().objects.filter(pk=world.users[persona].pk).update(language=language)  # the language a page speaks
    client = world.client(persona)
    response = client.get(url, query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode("utf-8-sig")


def _shows_login(text: str, login: str) -> bool:
    """The login standing alone in a cell, a list item or after a dash (not inside an e-mail or a word)."""
    return re.search(rf"(?:>|— |;){re.escape(login)}(?:<|\r?\n|;|$)", text) is not None


@pytest.fixture
def people(world):
    """Company B's person has names too; a run is started by the auditor."""
    User = get_user_model()
    User.objects.filter(pk=world.users["company_b"].pk).update(first_name="Асель", last_name="Нурова", name_kk="Әсел Нұрова", name_en="Assel Nurova")
    ControlRun.objects.create(as_of=timezone.localdate(), status="completed", started_at=timezone.now(), finished_at=timezone.now(), started_by=world.users["auditor"].get_username())
    return {persona: User.objects.get(pk=world.users[persona].pk) for persona in ("company_a", "company_b", "auditor")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_intake_pages_and_exports_name_who_sent_and_started(world, people, language):
    company, rival = people["company_a"], people["company_b"]
    submissions = _get(world, "admin", reverse("intake:submission-list"), language)
    assert _name(company, language) in submissions and _name(rival, language) in submissions
    assert not _shows_login(submissions, "company") and not _shows_login(submissions, "company_b")
    detail = _get(world, "admin", reverse("intake:submission-detail", args=[world.submission_a.pk]), language)
    assert f"— {_name(company, language)}" in detail and not _shows_login(detail, "company")
    jobs = _get(world, "admin", reverse("intake:job-list"), language)
    assert _name(company, language) in jobs and not _shows_login(jobs, "company")
    job = _get(world, "company_a", reverse("intake:job-detail", args=[world.job_a.pk]), language)
    assert _name(company, language) in job and not _shows_login(job, "company")
    for url in (reverse("intake:submission-list"), reverse("intake:job-list")):
        exported = _get(world, "admin", url, language, export="csv")
        assert _name(company, language) in exported and not _shows_login(exported, "company"), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_control_pages_name_who_started_a_run_and_who_works_on_a_case(world, people, language):
    auditor = people["auditor"]
    runs = _get(world, "auditor", reverse("control:run-list"), language)
    assert _name(auditor, language) in runs and not _shows_login(runs, "auditor")
    assert not _shows_login(runs, "system")
    case = _get(world, "auditor", reverse("control:case-detail", args=[world.case_a.pk]), language)
    assert _name(auditor, language) in case
    assert not _shows_login(case, "auditor") and not re.search(r"<option[^>]*>\s*auditor\s*<", case)


def test_a_list_page_reads_the_names_of_its_people_in_one_query(world, people):
    """Several submissions by several people: the names cost one query, whatever the number of rows."""
    client = world.client("admin")
    url = reverse("intake:submission-list")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    people_queries = [q for q in queries.captured_queries if "accounts_user" in q["sql"] and '"username" IN' in q["sql"]]
    assert len(people_queries) == 1, people_queries


def test_a_login_whose_account_is_gone_is_shown_as_it_was_stored(world):
    JobRecord.objects.filter(pk=world.job_a.pk).update(started_by=None)
    Submission.objects.filter(pk=world.submission_b.pk).update(created_by="left_the_company")
    page = _get(world, "admin", reverse("intake:submission-list"), "en")
    assert _shows_login(page, "left_the_company")
