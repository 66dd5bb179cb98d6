"""Services of results: record a result (claimed by the performer), add its evidence, verify or reject it.

A result is typed (:class:`niokr.projects.models.Result`): the fields its kind needs are checked
(:meth:`Result.clean`, a message per field) before anything is written, and refused with a
``ValidationError``; a user who may not act is refused with
:class:`~niokr.projects.lifecycle.workflow.TransitionRefused` (``code`` ``forbidden``). Verification
goes through the ``result`` workflow.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.accounts.notifications import notify
from niokr.core.audit import record_event
from niokr.projects.choices import ResultKind
from niokr.projects.lifecycle.parties import project_roles, staff_of
from niokr.projects.lifecycle.processes.results import RESULT, result_link
from niokr.projects.lifecycle.workflow import Outcome, TransitionRefused, perform
from niokr.projects.models.results import normalise_doi

__all__ = ["TYPED_FIELDS", "record_result", "add_evidence", "verify_result", "reject_result", "RECORDERS"]

#: The fields of each kind (what a form or a serializer offers for it).
TYPED_FIELDS = {
    ResultKind.TRL: ("trl_level", "trl_methodology"),
    ResultKind.PATENT: ("patent_office", "patent_number", "achieved_on"),
    ResultKind.PUBLICATION: ("doi", "indexing", "achieved_on"),
    ResultKind.IMPLEMENTATION: ("implemented_at", "achieved_on", "economic_effect"),
    ResultKind.REVENUE: ("revenue",),
    ResultKind.JOBS: ("jobs",),
}
ALL_TYPED = tuple(sorted({f for fields in TYPED_FIELDS.values() for f in fields}))

#: Who records a project's results: its performer's staff (and administrators).
RECORDERS = frozenset({Role.PERFORMER, Role.ADMINISTRATOR})


def _next_reference(project) -> str:
    from niokr.projects.models import Result

    prefix = f"{project.code}-R"
    taken = Result.objects.filter(project=project, reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(r[len(prefix):]) for r in taken if r[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def record_result(
    *, project, kind: str, title: str, year: int, actor, stage=None, evidence: dict | None = None, evidence_note: str = "", evidence_reference: str = "",
    source_submission: int | None = None, **typed,
):
    """Record a result of ``project`` as claimed; the kind's fields in ``typed`` (others are dropped).

    Refused (``ValidationError`` with a message per field) when a field of the kind is missing or
    malformed (a DOI, a patent office, a negative amount); ``TransitionRefused`` when ``actor`` is not
    the performer's staff. The payer's staff are told there is a result to verify.
    """
    from niokr.projects.models import Project, Result

    if actor is not None and not (project_roles(project, actor) & RECORDERS):
        raise TransitionRefused(_("Only the performer's staff record the project's results."), code="forbidden")
    if kind not in ResultKind.values:
        raise ValidationError({"kind": [_("Choose the kind of result.")]})
    wanted = TYPED_FIELDS[ResultKind(kind)]
    unknown = set(typed) - set(ALL_TYPED)
    if unknown:
        raise ValueError(f"unknown result fields: {sorted(unknown)}")
    values = {name: typed.get(name) for name in wanted}
    for name, value in list(values.items()):
        if value is None and Result._meta.get_field(name).get_internal_type() in ("CharField", "TextField"):
            values[name] = ""
        elif isinstance(value, str):
            values[name] = value.strip()
    if "doi" in values and values["doi"]:
        values["doi"] = normalise_doi(values["doi"])
    if stage is not None and stage.agreement.project_id != project.pk:
        raise ValidationError({"stage": [_("The stage belongs to an agreement of another project.")]})
    evidence = evidence or {}
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        result = Result(
            reference=_next_reference(locked), project=locked, stage=stage, kind=kind, title=(title or "").strip()[:500], year=year, claimed_by=actor,
            evidence_note=(evidence_note or "").strip(), evidence_reference=(evidence_reference or "").strip()[:500],
            evidence_name=evidence.get("name", ""), evidence_sha256=evidence.get("sha256", ""), evidence_size=evidence.get("size"),
            source_submission=source_submission, **values,
        )
        errors = {}
        if not result.title:
            errors["title"] = [_("Give the result's title.")]
        try:
            result.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                if name not in errors:
                    errors[name] = list(messages)
        if errors:
            raise ValidationError(errors)
        result.save()
        record_event(
            action="result.claim", object_type="projects.Result", object_id=result.pk, before=None,
            after={"reference": result.reference, "project": locked.code, "kind": kind, "status": result.status, "evidence": result.has_evidence,
                   **{k: (str(v) if isinstance(v, Decimal) or hasattr(v, "isoformat") else v) for k, v in values.items()}},
            actor=actor,
        )
        params = {"result": result.reference, "project": locked.code, "link": result_link(result)}
        for user in staff_of(set(locked.agreements.values_list("payer_id", flat=True)), Role.COMPANY):
            if user != actor:
                notify(user, "lifecycle.result_claimed", params)
    return result


def add_evidence(*, result, actor, note: str = "", reference: str = "", evidence: dict | None = None):
    """Add evidence to a claimed result (a note, a reference, a file kept by :func:`documents.keep_document`)."""
    from niokr.projects.models import Result

    if actor is not None and not (project_roles(result.project, actor) & RECORDERS):
        raise TransitionRefused(_("Only the performer's staff record the project's results."), code="forbidden")
    if result.status != "claimed":
        raise TransitionRefused(_("The result is already decided on; its evidence is closed."))
    evidence = evidence or {}
    note, reference = (note or "").strip(), (reference or "").strip()
    if not (note or reference or evidence.get("sha256")):
        raise ValidationError({"evidence_note": [_("Give the evidence: a note, a reference or a file.")]})
    with transaction.atomic():
        locked = Result.objects.select_for_update().get(pk=result.pk)
        before = {"evidence": locked.has_evidence}
        if note:
            locked.evidence_note = (locked.evidence_note + "\n\n" + note).strip() if locked.evidence_note else note
        if reference:
            locked.evidence_reference = reference[:500]
        if evidence.get("sha256"):
            locked.evidence_name, locked.evidence_sha256, locked.evidence_size = evidence["name"], evidence["sha256"], evidence.get("size")
        locked.save(update_fields=["evidence_note", "evidence_reference", "evidence_name", "evidence_sha256", "evidence_size"])
        record_event(action="result.evidence", object_type="projects.Result", object_id=locked.pk, before=before,
                     after={"evidence": True, "file_sha256": evidence.get("sha256", "")}, actor=actor)
    return locked


def verify_result(*, result, actor, note: str = "") -> Outcome:
    return perform(RESULT, result, "verify", actor, reason=(note or "").strip(), context={"note": note})


def reject_result(*, result, actor, reason: str) -> Outcome:
    return perform(RESULT, result, "reject", actor, reason=(reason or "").strip(), context={"note": reason})
