"""The administration speaks the administrator's language: app and model names, and the audit trail.

The trail stores keys (``open_case``, ``control.AuditCase``, the login) because they are hashed
into the chain; its admin list shows the action as a label, the object as the model's name and
the person by name, in kk, ru and en. Every action the code records has a label.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from niokr.core.audit import ACTION_LABELS, action_label, object_type_label, record_event

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "core", "registry", "obligations", "projects", "intake", "control", "axes")
ENGLISH_APP_NAMES = ("Accounts", "Core", "Intake", "Obligations", "Projects", "Registry", "Axes", "Affiliations", "Audit events")


def _admin(language: str) -> Client:
    user = get_user_model().objects.create_superuser(f"root_{language}", password="x-very-long-pass", language=language, first_name="Айгуль", last_name="Сеитова", name_kk="Айгүл Сейітова", name_en="Aigul Seitova")
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_app_and_model_of_ours_has_a_name_in_the_language(language):
    with translation.override(language):
        for label in OUR_APPS:
            config = apps.get_app_config(label)
            with translation.override("en"):
                english = str(config.verbose_name)
            assert str(config.verbose_name) != english, f"{label}: {english!r} is not translated"
            if label == "axes":
                continue
            for model in config.get_models():
                with translation.override("en"):
                    english_model = str(model._meta.verbose_name_plural)
                assert str(model._meta.verbose_name_plural) != english_model or not re.search("[a-z]", english_model), f"{model._meta.label}: {english_model!r}"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_admin_index_names_apps_in_the_language(language):
    client = _admin(language)
    page = client.get("/admin/").content.decode()
    for english in ENGLISH_APP_NAMES:
        assert f">{english}<" not in page, english
    user_form = client.get("/admin/accounts/user/add/").content.decode()
    assert not re.search(r"<th[^>]*>\s*Organisation", user_form)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_audit_trail_shows_labels_model_names_and_people(language):
    client = _admin(language)
    record_event(action="open_case", object_type="control.AuditCase", object_id="7", actor=client.user)
    record_event(action="receive_submission", object_type="intake.Submission", object_id="8", actor=None)
    page = client.get("/admin/core/auditevent/").content.decode()
    cells = " ".join(re.findall(r'<td class="field-[^"]*">(.*?)</td>', page))
    with translation.override(language):
        assert action_label("open_case") in cells and action_label("receive_submission") in cells
        assert object_type_label("control.AuditCase") in cells and object_type_label("intake.Submission") in cells
        name = {"kk": "Айгүл Сейітова", "ru": "Айгуль Сеитова", "en": "Aigul Seitova"}[language]
        assert name in cells
    for raw in ("open_case", "receive_submission", "control.AuditCase", "intake.Submission", f"root_{language}", ">system<"):
        assert raw not in cells, raw
    assert "Object id" not in page
    if language != "en":
        for english in ("Action", "Object type", "Actor name", "Created at"):
            assert f">{english}<" not in page, english
        filtered = client.get("/admin/core/auditevent/", {"action": "open_case"}).content.decode()
        rows = " ".join(re.findall(r'<td class="field-what">(.*?)</td>', filtered))
        with translation.override(language):
            assert action_label("open_case") in rows and action_label("receive_submission") not in rows


def test_every_action_the_code_records_has_a_label():
    root = Path(__file__).resolve().parents[2]
    recorded = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name.startswith("test_"):
            continue
        recorded |= set(re.findall(r'record_event\([^()]*?action="([a-z_]+)"', path.read_text(encoding="utf-8"), re.S))
    recorded |= {"create", "update", "delete"}  # written by the admin (``action="update" if change else "create"``)
    assert len(recorded) > 15 and recorded - set(ACTION_LABELS) == set()
    with translation.override("ru"):
        assert all(re.search("[а-яё]", action_label(a), re.I) for a in ACTION_LABELS)
    with translation.override("kk"):
        assert all(re.search("[а-яәғқңөұүһі]", action_label(a), re.I) for a in ACTION_LABELS)


def test_the_control_admin_names_who_started_a_run_by_name():
    from niokr.control.models import ControlRun

    client = _admin("ru")
    ControlRun.objects.create(as_of=date(2026, 1, 1), status="completed", started_by=client.user.get_username())
    ControlRun.objects.create(as_of=date(2026, 1, 2), status="completed", started_by="system")
    page = client.get("/admin/control/controlrun/").content.decode()
    cells = re.findall(r'<td class="field-who_started">(.*?)</td>', page)
    assert sorted(cells) == ["Айгуль Сеитова", "система"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_agreement_form_labels_its_fields_in_the_language(language):
    page = _admin(language).get("/admin/projects/agreement/add/").content.decode()
    for english in ("Payer", "Performer", "Project"):
        assert not re.search(rf"<label[^>]*>\s*{english}", page), english


def test_everything_the_trail_is_about_has_a_name_in_the_language():
    root = Path(__file__).resolve().parents[2]
    kinds = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name.startswith("test_"):
            continue
        kinds |= set(re.findall(r'object_type="([a-z]+\.[A-Za-z]+)"', path.read_text(encoding="utf-8")))
    assert len(kinds) > 10
    with translation.override("ru"):
        unnamed = {kind for kind in kinds if not re.search("[а-яё]", object_type_label(kind), re.I)}
    assert unnamed == set()


def test_an_api_token_is_given_to_a_person_chosen_by_name():
    client = _admin("ru")
    get_user_model().objects.create_user("login_only")
    page = client.get("/admin/authtoken/tokenproxy/add/").content.decode()
    options = re.findall(r"<option value=\"\d+\"[^>]*>(.*?)</option>", page)
    assert "Айгуль Сеитова" in options and "root_ru" not in options and "login_only" in options


def test_the_task_backends_own_admin_is_not_offered_and_flags_are_listed_without_row_numbers():
    from django.contrib import admin
    from django_tasks_db.models import DBTaskResult

    from niokr.control.models import Flag

    assert not admin.site.is_registered(DBTaskResult)
    shown = admin.site._registry[Flag].list_display
    assert "id" not in shown and "subject_id" not in shown and "subject" in shown
