"""The hand-labelled set's lifecycle steps that have no file path: done through the services the pages call.

``holdout/README.md`` lists them and says which page each stands for. Every action names its actor
by login and its objects by business keys (a BIN, an agreement number, a programme's Russian title,
a session's date), never by database ids:

* ``user`` — a person and their role (the accounts admin);
* ``council`` / ``council_members`` — a council and its members with their terms (the council admin,
  ``AuditedAdmin``: every save writes an audit event);
* ``project_status`` — a project marked completed (the project admin);
* ``stage_report`` — the performer hands in a stage's scientific report
  (``delivery.submit_stage_report``, the stage page's «Submit the report»);
* ``programme`` — a company writes and submits a programme (``programmes.create_programme`` and
  ``submit_programme``, the programme pages);
* ``session`` — the secretary plans a session under a voting policy, puts programmes on its agenda
  (``councils.plan_session``, ``put_on_agenda``), imports the attendance and votes exported from the
  Single Window (``intake.council_votes.import_file``, the session page's «Import the votes») and
  closes the vote (``councils.close_vote``). The export names the session and the programmes by the
  references NIOKR Monitor gave them; the file in the set writes ``{session}`` and
  ``{programme:<Russian title>}`` where the ministry's mapping puts them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

__all__ = ["run_actions"]

#: A minimal PDF: the scientific report a stage's performer hands in.
REPORT_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class ActionRefused(Exception):
    pass


def _org(bin_: str):
    from niokr.registry.models import Organisation

    return Organisation.objects.get(bin=bin_)


def _user(login: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=login)


def _admin_save(obj, actor=None) -> None:
    """Save as the admin does (``AuditedAdmin.save_model``): the change and its audit event in one transaction."""
    from niokr.core.admin_mixins import _snapshot
    from niokr.core.audit import record_event

    with transaction.atomic():
        created = obj.pk is None
        before = None if created else _snapshot(type(obj).objects.get(pk=obj.pk))
        obj.full_clean()
        obj.save()
        record_event(action="create" if created else "update", object_type=obj._meta.label, object_id=obj.pk, before=before, after=_snapshot(obj), reason="admin", actor=actor)


def _member(council, row: dict, actor) -> None:
    from niokr.projects.models import CouncilMember

    _admin_save(CouncilMember(
        council=council, user=_user(row["login"]), organisation=_org(row["org"]), position=row.get("position", "member"),
        term_from=date.fromisoformat(row["term_from"]), term_to=date.fromisoformat(row["term_to"]) if row.get("term_to") else None,
    ), actor)


def _stage(row: dict):
    from niokr.projects.models import Stage

    return Stage.objects.select_related("agreement").get(agreement__payer__bin=row["payer_bin"], agreement__number=row["agreement_number"], number=row["stage_number"])


def _programme(applicant_bin: str, title_ru: str):
    from niokr.projects.models import Programme

    return Programme.objects.get(applicant__bin=applicant_bin, versions__title_ru=title_ru)


def run_actions(directory: Path, actions: list[dict]) -> int:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from niokr.accounts.models import Membership
    from niokr.intake.council_votes import import_file
    from niokr.projects.lifecycle import councils, delivery, programmes
    from niokr.projects.lifecycle.documents import keep_document
    from niokr.projects.models import Council, Project

    admin = None
    for n, a in enumerate(actions, start=1):
        kind = a["action"]
        where = f"action {n} ({kind})"
        if kind == "user":
            user = get_user_model().objects.create_user(
                username=a["login"], password=None, first_name=a["first_name"], last_name=a["last_name"], language=a.get("language", "ru"),
                email=f"{a['login']}@holdout.example",
            )
            if a.get("role"):
                Membership.objects.create(user=user, organisation=_org(a["org"]), role=a["role"], authority=a.get("authority", ""))
            if a.get("administrator"):
                admin = user
        elif kind == "council":
            council = Council(authority=a["authority"], name_kk=a["name_kk"], name_ru=a["name_ru"], name_en=a["name_en"])
            _admin_save(council, admin)
            for row in a["members"]:
                _member(council, row, admin)
        elif kind == "council_members":
            council = Council.objects.get(authority=a["authority"])
            for row in a["members"]:
                _member(council, row, admin)
        elif kind == "project_status":
            project = Project.objects.get(performer__bin=a["performer_bin"], code=a["project_code"])
            project.status = a["status"]
            _admin_save(project, admin)
        elif kind == "stage_report":
            stage = _stage(a)
            upload = SimpleUploadedFile(a["report_name"], REPORT_PDF, content_type="application/pdf")
            delivery.submit_stage_report(stage=stage, report=keep_document("stage-reports", upload), actor=_user(a["as"]))
        elif kind == "programme":
            actor = _user(a["as"])
            programme = programmes.create_programme(actor=actor, applicant=_org(a["applicant"]), raw=a["programme"])
            programmes.submit_programme(actor=actor, programme=programme)
        elif kind == "session":
            secretary = _user(a["as"])
            council = Council.objects.get(authority=a["authority"])
            session = councils.plan_session(actor=secretary, council=council, held_on=date.fromisoformat(a["held_on"]), source=a.get("source", "imported"), **a.get("policy", {}))
            text = (directory / a["votes"]).read_text(encoding="utf-8").replace("{session}", session.reference)
            for applicant_bin, title in a["agenda"]:
                programme = _programme(applicant_bin, title)
                councils.put_on_agenda(actor=secretary, session=session, programme=programme)
                text = text.replace("{programme:" + title + "}", programme.reference)
            report = import_file(actor=secretary, session=session, data=text.encode("utf-8"), filename=Path(a["votes"]).name)
            if report.problems:
                raise ActionRefused(f"{where}: the vote file {a['votes']} was refused: {report.problems}")
            session.refresh_from_db()
            councils.close_vote(actor=secretary, session=session)
        else:
            raise ActionRefused(f"{where}: unknown action")
    return len(actions)
