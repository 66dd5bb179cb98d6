"""The registry side of the report "R&D projects, stages, acts and results" (docs/formats/projects.md).

* :func:`load_lifecycle` — what the rules of :mod:`niokr.intake.project_rules` check against, in a
  few queries: the submitter's agreements, their stages and acts, the projects and their results.
* :func:`post_section` — a validated section written inside the commit's transaction
  (:mod:`niokr.intake.commit`), through the services of the lifecycle: a new stage is planned by
  :func:`~niokr.projects.lifecycle.delivery.plan_stage` (it starts ``planned``), an act is signed by
  the ``stage`` workflow's ``accept`` transition (:func:`~niokr.projects.lifecycle.workflow.perform`),
  a new result is claimed by :func:`~niokr.projects.lifecycle.results.record_result` (it starts
  ``claimed``). No status is written here.

Corrections: a later file of the same section and period replaces the earlier one. What it names is
found by its natural key (a project by its code; a stage by its agreement and number; an act by its
stage; a result by :func:`~niokr.intake.project_rules.result_key`) and changed where it still may be
(a project; a stage still planned or returned; a result still claimed). What the earlier file
brought and the correction leaves out is withdrawn where nothing rests on it yet (a stage still
planned, with no act, payment or result; a result still claimed); a project stays (agreements,
payments and results may name it) and a signed act stays (an act is final). Sending the same content
again changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone

from niokr.core.audit import record_event
from niokr.intake.choices import SubmissionStatus
from niokr.intake.formats import Kind
from niokr.intake.project_rules import EDITABLE_STAGE_STATES, TYPED_COLUMNS, result_key, result_signature, stage_signature
from niokr.projects.choices import ProjectStatus, ResultStatus, StageStatus

__all__ = ["load_lifecycle", "post_section", "replaced_submissions"]


def replaced_submissions(*, organisation, kind: str, period_year: int, period_quarter: int | None) -> list[int]:
    """The committed submissions of the same organisation, section and period: what a new file corrects."""
    from niokr.intake.models import Submission

    same = Submission.objects.filter(organisation=organisation, kind=kind, period_year=period_year, status=SubmissionStatus.COMMITTED)
    same = same.filter(period_quarter=period_quarter) if period_quarter is not None else same.filter(period_quarter__isnull=True)
    return list(same.values_list("pk", flat=True))


def load_lifecycle(context, *, kind: str, organisation, period_year: int, period_quarter: int | None) -> None:
    """Fill ``context`` (a :class:`~niokr.intake.validation.Context`) for a file of ``kind`` sent by ``organisation``."""
    from niokr.projects.models import Agreement, Project
    from niokr.registry.models import Organisation

    kind = Kind(kind)
    lc = context.lifecycle
    lc["today"] = timezone.localdate()
    lc["own_bin"] = organisation.bin if organisation is not None else None
    replaced = replaced_submissions(organisation=organisation, kind=kind, period_year=period_year, period_quarter=period_quarter) if organisation is not None else []
    lc["replaced"] = replaced
    if kind in (Kind.RD_PROJECTS, Kind.RD_RESULTS):
        context.projects = dict(Project.objects.values_list("code", "performer_id"))
    if kind is Kind.RD_PROJECTS:
        _load_programmes(lc, organisation)
    if kind in (Kind.RD_STAGES, Kind.RD_ACTS):
        context.orgs_by_bin = dict(Organisation.objects.values_list("bin", "id"))
        if kind is Kind.RD_STAGES:
            agreements = Agreement.objects.filter(performer=organisation).values("id", "number", "signed_on", "amount", "period_start", "period_end", "payer__bin")
            party = "payer__bin"
        else:
            agreements = Agreement.objects.filter(payer=organisation).values("id", "number", "signed_on", "amount", "period_start", "period_end", "performer__bin")
            party = "performer__bin"
        lc["agreements"] = {(a[party], a["number"]): a for a in agreements} if organisation is not None else {}
        lc["stages"] = _stages([a["id"] for a in lc["agreements"].values()], replaced)
    if kind is Kind.RD_RESULTS and organisation is not None:
        lc["results"] = _results(organisation, replaced)


def _load_programmes(lc: dict, organisation) -> None:
    """What the ``programme`` column is checked against: every programme by reference (status, the project it is
    carried out by, applicant, the current version's proposed performer); the submitter's projects with the
    programme each carries out; the payers of their agreements with those controlling each payer."""
    from django.db.models import OuterRef, Subquery

    from niokr.projects.lifecycle.programmes import controllers_of
    from niokr.projects.models import Agreement, Programme, ProgrammeVersion, Project

    current = ProgrammeVersion.objects.filter(programme=OuterRef("pk")).order_by("-number").values("performer_id")[:1]
    lc["programmes"] = {
        p["reference"].upper(): {"id": p["id"], "status": p["status"], "project_id": p["project_id"], "project_code": p["project__code"] or "",
                                 "applicant_id": p["applicant_id"], "performer_id": p["performer_id"]}
        for p in Programme.objects.annotate(performer_id=Subquery(current)).values("id", "reference", "status", "project_id", "project__code", "applicant_id", "performer_id")
    }
    if organisation is None:
        lc["own_projects"], lc["payers"] = {}, {}
        return
    lc["own_projects"] = {
        p["code"]: {"id": p["id"], "programme_id": p["programme__id"], "programme_reference": p["programme__reference"] or ""}
        for p in Project.objects.filter(performer=organisation).values("id", "code", "programme__id", "programme__reference")
    }
    pairs = list(Agreement.objects.filter(project__performer=organisation).values_list("project__code", "payer_id"))
    controllers = controllers_of({payer for _code, payer in pairs})
    payers: dict[str, dict[int, frozenset[int]]] = {}
    for code, payer in pairs:
        payers.setdefault(code, {})[payer] = controllers[payer]
    lc["payers"] = payers


def _stages(agreement_ids: list[int], replaced: list[int]) -> dict[int, dict[int, dict]]:
    from niokr.projects.models import Stage

    stages: dict[int, dict[int, dict]] = {}
    rows = (Stage.objects.filter(agreement_id__in=agreement_ids)
            .annotate(paid=Count("payments", distinct=True), claimed=Count("results", distinct=True))
            .values("id", "agreement_id", "number", "title", "start_date", "end_date", "amount", "deliverables", "status", "source_submission", "paid", "claimed",
                    "act__number", "act__signed_on", "act__amount"))
    for s in rows:
        act = {"number": s["act__number"], "signed_on": s["act__signed_on"], "amount": s["act__amount"]} if s["act__number"] is not None else None
        stages.setdefault(s["agreement_id"], {})[s["number"]] = {
            **s, "act": act,
            "withdrawable": s["source_submission"] in replaced and s["status"] == StageStatus.PLANNED and act is None and not s["paid"] and not s["claimed"],
        }
    return stages


def _results(organisation, replaced: list[int]) -> dict[str, dict]:
    from niokr.projects.models import Result

    out = {}
    for r in Result.objects.filter(project__performer=organisation).values("id", "reference", "status", "kind", "title", "year", "evidence_reference", "evidence_note",
                                                                          "source_submission", "project__code", *TYPED_COLUMNS):
        key = result_key(r["project__code"], r)
        if key is not None and key not in out:
            out[key] = {**r, "withdrawable": r["source_submission"] in replaced and r["status"] == ResultStatus.CLAIMED}
    return out


# --- posting -----------------------------------------------------------------------------------------


def post_section(submission, frame: pl.DataFrame, *, replaced: list[int], actor) -> dict:
    """Write a validated section (``frame``: the valid rows) for ``submission``; returns what was done."""
    kind = Kind(submission.kind)
    post = {Kind.RD_PROJECTS: _post_projects, Kind.RD_STAGES: _post_stages, Kind.RD_ACTS: _post_acts, Kind.RD_RESULTS: _post_results}[kind]
    done = post(submission, frame.to_dicts(), replaced=replaced, actor=actor)
    record_event(action=f"intake.{kind.value}", object_type="intake.Submission", object_id=submission.pk, after={"reference": submission.reference, **done}, actor=actor)
    return done


_PROJECT_FIELDS = ("title_kk", "title_ru", "title_en", "priority_direction", "tcc_sector", "trl_start", "trl_target", "start_date", "end_date", "abstract")


def _project_values(row: dict) -> dict:
    return {
        "title_kk": row["title_kk"], "title_ru": row["title_ru"], "title_en": row["title_en"], "priority_direction": row["direction"],
        "tcc_sector": row["tcc_sector"] or "", "trl_start": row["trl_start"], "trl_target": row["trl_target"], "start_date": row["start_date"],
        "end_date": row["end_date"], "abstract": row["abstract"] or "",
    }


def _post_projects(submission, rows: list[dict], *, replaced, actor) -> dict:
    from niokr.projects.models import Programme, Project

    existing = Project.objects.select_for_update().in_bulk([r["project_code"] for r in rows], field_name="code")
    created = updated = linked = 0
    for row in rows:
        values = _project_values(row)
        project = existing.get(row["project_code"])
        if project is None:
            project = Project.objects.create(code=row["project_code"], performer=submission.organisation, status=ProjectStatus.IN_PROGRESS, **values)
            record_event(action="project.register", object_type="projects.Project", object_id=project.pk, after={"code": project.code, "source": submission.reference,
                         **{k: str(v) if v is not None else None for k, v in values.items() if k != "abstract"}}, actor=actor)
            created += 1
            linked += _link_programme(submission, row, project, actor)
            continue
        before = {k: getattr(project, k) for k in _PROJECT_FIELDS}
        changed = {k: v for k, v in values.items() if before[k] != v}
        if Programme.objects.filter(project=project).exists():
            # A TRL filled from the programme the project carries out is not emptied by a file that leaves it out.
            changed = {k: v for k, v in changed.items() if not (k in ("trl_start", "trl_target") and v is None)}
        if not changed:
            linked += _link_programme(submission, row, project, actor)
            continue
        for k, v in changed.items():
            setattr(project, k, v)
        project.save(update_fields=list(changed))
        record_event(action="project.update", object_type="projects.Project", object_id=project.pk,
                     before={k: str(before[k]) if before[k] is not None else None for k in changed if k != "abstract"},
                     after={"source": submission.reference, **{k: str(v) if v is not None else None for k, v in changed.items() if k != "abstract"}}, actor=actor)
        updated += 1
        linked += _link_programme(submission, row, project, actor)
    return {"created": created, "updated": updated, "linked": linked}


def _link_programme(submission, row: dict, project, actor) -> int:
    """Link the project to the programme the row names, through the programme service's core (the same rules
    and audit event ``programme.link_project``); 1 when a link was written."""
    from niokr.intake.project_rules import programme_reference
    from niokr.projects.lifecycle.programmes import _link
    from niokr.projects.lifecycle.workflow import TransitionRefused
    from niokr.projects.models import Programme

    if not row.get("programme"):
        return 0
    programme = Programme.objects.filter(reference__iexact=programme_reference(row["programme"])).first()
    if programme is None:  # validated; the registry moved since
        raise ValidationError(_refused("programme_unknown"), code="no_longer_valid")
    try:
        return int(_link(programme, project, actor, source=submission.reference))
    except TransitionRefused as exc:
        raise ValidationError(str(exc), code="transition_refused") from exc


def _post_stages(submission, rows: list[dict], *, replaced, actor) -> dict:
    from niokr.projects.lifecycle.delivery import plan_stage
    from niokr.projects.lifecycle.workflow import TransitionRefused
    from niokr.projects.models import Agreement, Stage

    agreement_ids = sorted({r["agreement_id"] for r in rows})
    agreements = Agreement.objects.select_for_update().in_bulk(agreement_ids)
    registered = {(s.agreement_id, s.number): s for s in Stage.objects.select_for_update().filter(agreement_id__in=agreement_ids)}
    named = {(r["agreement_id"], r["stage_number"]) for r in rows}
    withdrawn = 0
    # What the earlier version brought and this one leaves out goes first, then the changes, then the new stages:
    # every step keeps the plan within the agreement's amount.
    for key, stage in sorted(registered.items()):
        if key not in named and stage.source_submission in replaced and stage.status == StageStatus.PLANNED and not hasattr_act(stage) \
                and not stage.payments.exists() and not stage.results.exists():
            record_event(action="stage.withdraw", object_type="projects.Stage", object_id=stage.pk, before={"agreement": stage.agreement.number, "number": stage.number, "amount": str(stage.amount)},
                         after={"source": submission.reference}, actor=actor)
            stage.delete()
            withdrawn += 1
    # Withdrawal also reaches stages of agreements this version no longer names.
    for stage in Stage.objects.select_for_update().filter(source_submission__in=replaced, status=StageStatus.PLANNED).exclude(agreement_id__in=agreement_ids):
        if not hasattr_act(stage) and not stage.payments.exists() and not stage.results.exists():
            record_event(action="stage.withdraw", object_type="projects.Stage", object_id=stage.pk, before={"agreement": stage.agreement.number, "number": stage.number, "amount": str(stage.amount)},
                         after={"source": submission.reference}, actor=actor)
            stage.delete()
            withdrawn += 1
    updated = created = 0
    fresh = []
    for row in sorted(rows, key=lambda r: Decimal(r["amount"])):  # the smaller changes first
        stage = registered.get((row["agreement_id"], row["stage_number"]))
        if stage is None:
            fresh.append(row)
            continue
        if stage_signature(row) == stage_signature({"title": stage.title, "start_date": stage.start_date, "end_date": stage.end_date, "amount": stage.amount, "deliverables": stage.deliverables}):
            continue
        if stage.status not in EDITABLE_STAGE_STATES:  # validated; the registry moved since
            raise ValidationError(_refused("stage_locked"), code="no_longer_valid")
        before = {"title": stage.title, "start_date": str(stage.start_date), "end_date": str(stage.end_date), "amount": str(stage.amount)}
        stage.title, stage.start_date, stage.end_date, stage.amount, stage.deliverables = row["stage_title"], row["start_date"], row["end_date"], row["amount"], row["deliverables"] or ""
        stage.save(update_fields=["title", "start_date", "end_date", "amount", "deliverables"])
        record_event(action="stage.update", object_type="projects.Stage", object_id=stage.pk, before=before,
                     after={"title": stage.title, "start_date": str(stage.start_date), "end_date": str(stage.end_date), "amount": str(stage.amount), "source": submission.reference}, actor=actor)
        updated += 1
    for row in sorted(fresh, key=lambda r: (r["agreement_id"], r["stage_number"])):
        try:
            plan_stage(agreement=agreements[row["agreement_id"]], number=row["stage_number"], title=row["stage_title"], start_date=row["start_date"], end_date=row["end_date"],
                       amount=row["amount"], deliverables=row["deliverables"] or "", actor=actor, source_submission=submission.pk)
        except TransitionRefused as exc:
            raise ValidationError(str(exc), code="transition_refused") from exc
        created += 1
    return {"created": created, "updated": updated, "withdrawn": withdrawn}


def hasattr_act(stage) -> bool:
    from niokr.projects.models import AcceptanceAct

    return AcceptanceAct.objects.filter(stage=stage).exists()


def _post_acts(submission, rows: list[dict], *, replaced, actor) -> dict:
    from niokr.projects.lifecycle.processes.delivery import STAGE
    from niokr.projects.lifecycle.workflow import TransitionRefused, perform
    from niokr.projects.models import Stage

    stages = Stage.objects.select_related("agreement").in_bulk([r["stage_id"] for r in rows])
    signed = 0
    for row in sorted(rows, key=lambda r: (r["act_date"], r["_row"])):
        stage = stages[row["stage_id"]]
        if hasattr_act(stage):  # the same act, already signed (validated): nothing changes
            continue
        act = {"number": row["act_number"], "signed_on": row["act_date"], "amount": row["amount"], "note": row["note"] or "", "source_submission": submission.pk}
        audit = {"act": row["act_number"], "amount_accepted": str(row["amount"]), "signed_on": str(row["act_date"]), "source": submission.reference}
        try:
            perform(STAGE, stage, "accept", actor, context={"act": act, "audit": audit})
        except TransitionRefused as exc:
            raise ValidationError(str(exc), code="transition_refused") from exc
        signed += 1
    return {"signed": signed}


def _post_results(submission, rows: list[dict], *, replaced, actor) -> dict:
    from niokr.projects.lifecycle.results import TYPED_FIELDS, record_result
    from niokr.projects.lifecycle.workflow import TransitionRefused
    from niokr.projects.models import Project, Result

    projects = Project.objects.in_bulk([r["project_code"] for r in rows], field_name="code")
    registered = _results(submission.organisation, replaced)
    keys = {r["_key"] for r in rows}
    withdrawn = 0
    for key, known in registered.items():
        if key not in keys and known["withdrawable"]:
            result = Result.objects.select_for_update().get(pk=known["id"])
            if result.status != ResultStatus.CLAIMED:
                continue
            record_event(action="result.withdraw", object_type="projects.Result", object_id=result.pk, before={"reference": result.reference, "status": result.status},
                         after={"source": submission.reference}, actor=actor)
            result.delete()
            withdrawn += 1
    created = updated = 0
    for row in rows:
        known = registered.get(row["_key"])
        typed = {name: row[name] for name in TYPED_FIELDS[row["kind"]]}
        if known is None:
            try:
                record_result(project=projects[row["project_code"]], kind=row["kind"], title=row["title"], year=row["year"], actor=actor,
                              evidence_note=row["evidence_note"] or "", evidence_reference=row["evidence_reference"] or "", source_submission=submission.pk, **typed)
            except TransitionRefused as exc:
                raise ValidationError(str(exc), code="transition_refused") from exc
            created += 1
            continue
        if result_signature(row) == result_signature(known):
            continue
        result = Result.objects.select_for_update().get(pk=known["id"])
        if result.status != ResultStatus.CLAIMED:  # validated; the registry moved since
            raise ValidationError(_refused("result_decided"), code="no_longer_valid")
        before = {"title": result.title, "year": result.year, **{k: _plain(getattr(result, k)) for k in typed}}
        result.title, result.year = row["title"], row["year"]
        for name, value in typed.items():
            setattr(result, name, "" if value is None and isinstance(getattr(result, name), str) else value)
        if "doi" in typed and result.doi:
            from niokr.projects.models.results import normalise_doi

            result.doi = normalise_doi(result.doi)
        result.evidence_reference, result.evidence_note = row["evidence_reference"] or "", row["evidence_note"] or ""
        result.full_clean(validate_unique=False, validate_constraints=False)
        result.save()
        record_event(action="result.update", object_type="projects.Result", object_id=result.pk, before=before,
                     after={"title": result.title, "year": result.year, **{k: _plain(getattr(result, k)) for k in typed}, "source": submission.reference}, actor=actor)
        updated += 1
    return {"created": created, "updated": updated, "withdrawn": withdrawn}


def _plain(value):
    return str(value) if isinstance(value, Decimal) or hasattr(value, "isoformat") else value


def _refused(code: str) -> str:
    from niokr.intake.commit import COMMIT_REFUSALS

    return str(COMMIT_REFUSALS["no_longer_valid"])
