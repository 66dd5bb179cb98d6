"""Services of the state scientific-technical expertise (NCSTE).

Sheets: :func:`create_sheet`, :func:`new_sheet_version` (a used version never changes). Expertise:
:func:`open_expertise` on the programme's current version, :func:`assign_expert` (refused when the
expert's organisation is within two hops of the applicant or the proposed performer, with the path),
:func:`record_scores` by an assigned expert, :func:`compute` (the conclusion from the sheet), and the
workflow's ``start_scoring`` / ``conclude`` / ``cancel`` through :func:`take`.

Every function owns its transaction and refuses with :class:`TransitionRefused` (``code="forbidden"``
when the person holds no role for the act — the API answers 403 — else ``"refused"``, 400), changing
nothing. Every write records an audit event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.core.audit import record_event
from niokr.projects.choices import ExpertiseStatus, ProgrammeStatus
from niokr.projects.lifecycle.conflicts import conflicts_of
from niokr.projects.lifecycle.review_access import expert_records, is_coordinator
from niokr.projects.lifecycle.scoring import Conclusion, CriterionRule, conclude
from niokr.projects.lifecycle.workflow import Outcome, TransitionRefused, perform, workflows

__all__ = [
    "FORBIDDEN", "create_sheet", "new_sheet_version", "current_sheet", "open_expertise", "assign_expert", "record_scores",
    "compute", "preview", "take", "assignment_of", "expertise_link", "conflict_path_text",
]

FORBIDDEN = "forbidden"
COMMENT_LENGTH = 5_000


def expertise_link(expertise) -> str:
    return f"/lifecycle/expertise/{expertise.reference}/"


def _coordinator(user) -> None:
    if not is_coordinator(user):
        raise TransitionRefused(_("Only a coordinator of the state expertise may do this."), code=FORBIDDEN)


def conflict_path_text(path: list[dict], lang: str | None = None) -> str:
    from niokr.projects.lifecycle.councils import path_text

    return path_text(path, lang)


# --- sheets ---------------------------------------------------------------------------------------


def _criterion_fields(row: Mapping[str, Any], order: int) -> dict:
    try:
        weight = Decimal(str(row["weight"]))
        min_score, max_score = int(row.get("min_score", 0)), int(row.get("max_score", 10))
    except (KeyError, InvalidOperation, TypeError, ValueError):
        raise TransitionRefused(_("Each criterion needs a weight and whole-number minimum and maximum scores.")) from None
    if weight <= 0 or max_score < 1 or not 0 <= min_score <= max_score:
        raise TransitionRefused(_("Criterion %(code)s: the weight is above zero and the minimum score lies between 0 and the maximum.") % {"code": row.get("code", "")})
    names = [str(row.get(f"name_{lang}", "")).strip() for lang in ("kk", "ru", "en")]
    if not all(names) or not str(row.get("code", "")).strip():
        raise TransitionRefused(_("Each criterion needs a code and its name in Kazakh, Russian and English."))
    return {
        "order": order, "code": str(row["code"]).strip(), "name_kk": names[0], "name_ru": names[1], "name_en": names[2],
        "weight": weight, "min_score": min_score, "max_score": max_score, "not_applicable_allowed": bool(row.get("not_applicable_allowed")),
    }


def create_sheet(*, code: str, titles: Mapping[str, str], threshold, min_experts: int, criteria: Sequence[Mapping[str, Any]], actor) -> Any:
    """A new sheet (version 1 of ``code``, or the next version when ``code`` exists) with its criteria."""
    from niokr.projects.models import CriteriaSheet, Criterion

    if actor is not None:
        _coordinator(actor)
    if not criteria:
        raise TransitionRefused(_("A criteria sheet needs at least one criterion."))
    rows = [_criterion_fields(row, i) for i, row in enumerate(criteria, start=1)]
    if len({r["code"] for r in rows}) != len(rows):
        raise TransitionRefused(_("Two criteria share a code."))
    try:
        threshold = Decimal(str(threshold))
    except InvalidOperation:
        raise TransitionRefused(_("The pass mark is a percentage between 0 and 100.")) from None
    if not 0 <= threshold <= 100:
        raise TransitionRefused(_("The pass mark is a percentage between 0 and 100."))
    if int(min_experts) < 1:
        raise TransitionRefused(_("At least one expert is needed."))
    with transaction.atomic():
        last = CriteriaSheet.objects.select_for_update().filter(code=code).aggregate(v=Max("version"))["v"] or 0
        sheet = CriteriaSheet.objects.create(
            code=code, version=last + 1, title_kk=titles["kk"], title_ru=titles["ru"], title_en=titles["en"],
            threshold=threshold, min_experts=int(min_experts), created_by=actor,
        )
        Criterion.objects.bulk_create([Criterion(sheet=sheet, **r) for r in rows])
        record_event(action="expertise.sheet_created", object_type="projects.CriteriaSheet", object_id=sheet.pk, after={"code": code, "version": sheet.version}, actor=actor)
    return sheet


def new_sheet_version(*, sheet, actor, threshold=None, min_experts: int | None = None, criteria: Sequence[Mapping[str, Any]] | None = None) -> Any:
    """The next version of ``sheet``: its criteria copied (or ``criteria`` instead), with the changes given."""
    if criteria is None:
        criteria = [
            {f: getattr(c, f) for f in ("code", "name_kk", "name_ru", "name_en", "weight", "min_score", "max_score", "not_applicable_allowed")}
            for c in sheet.criteria.all()
        ]
    return create_sheet(
        code=sheet.code, titles={"kk": sheet.title_kk, "ru": sheet.title_ru, "en": sheet.title_en},
        threshold=sheet.threshold if threshold is None else threshold, min_experts=sheet.min_experts if min_experts is None else min_experts,
        criteria=criteria, actor=actor,
    )


def current_sheet(code: str | None = None):
    """The latest version of sheet ``code`` (or of the latest sheet) valid today."""
    from niokr.projects.models import CriteriaSheet

    qs = CriteriaSheet.objects.filter(valid_from__lte=timezone.localdate())
    if code:
        qs = qs.filter(code=code)
    return qs.order_by("-version", "-created_at").first()


# --- expertise ------------------------------------------------------------------------------------


def open_expertise(*, programme, actor, sheet=None) -> Any:
    """Open the expertise of ``programme``'s current version, scored on ``sheet`` (default: the current sheet)."""
    from niokr.projects.models import Expertise, Programme

    _coordinator(actor)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        if programme.status != ProgrammeStatus.IN_EXPERTISE:
            raise TransitionRefused(_("The programme is not in state expertise (its status is «%(status)s»).") % {"status": ProgrammeStatus(programme.status).label})
        version = programme.current
        if Expertise.objects.filter(version=version).exists():
            raise TransitionRefused(_("This version of the programme already has its expertise."))
        sheet = sheet or current_sheet()
        if sheet is None or not sheet.criteria.exists():
            raise TransitionRefused(_("There is no criteria sheet to score on; create one first."))
        expertise = Expertise.objects.create(
            reference=f"EXP-{programme.reference}-v{version.number}", version=version, sheet=sheet, min_experts=sheet.min_experts, created_by=actor,
        )
        record_event(
            action="expertise.opened", object_type="projects.Expertise", object_id=expertise.pk,
            after={"status": expertise.status, "version": str(version), "sheet": str(sheet)}, actor=actor,
        )
    return expertise


def assign_expert(*, expertise, expert, actor, day=None) -> Any:
    """Assign ``expert`` (a register entry) — refused, with the path, when conflicted with the applicant or the proposed performer."""
    from niokr.accounts.notifications import notify
    from niokr.projects.models import ExpertAssignment, Expertise, StateExpert

    _coordinator(actor)
    day = day or timezone.localdate()
    with transaction.atomic():
        expertise = Expertise.objects.select_for_update().select_related("version__programme").get(pk=expertise.pk)
        if expertise.status not in (ExpertiseStatus.ASSIGNED, ExpertiseStatus.SCORING):
            raise TransitionRefused(_("Experts are assigned only before the conclusion."))
        if not StateExpert.objects.serving_on(day).filter(pk=expert.pk).exists():
            raise TransitionRefused(_("The expert's term in the register does not cover today."))
        if ExpertAssignment.objects.filter(expertise=expertise, expert=expert).exists():
            raise TransitionRefused(_("The expert is already assigned to this expertise."))
        if ExpertAssignment.objects.filter(expertise=expertise, expert__user_id=expert.user_id).exists():
            raise TransitionRefused(_("The person is already assigned to this expertise."))
        version = expertise.version
        found = conflicts_of([expert], [version.programme.applicant_id, version.performer_id], day)
        if found:
            raise TransitionRefused(
                _("The expert cannot be assigned: their organisation is within two links of the applicant or the proposed performer: %(path)s.") % {"path": conflict_path_text(found[expert.pk])},
                code="conflict",
            )
        assignment = ExpertAssignment.objects.create(expertise=expertise, expert=expert, assigned_by=actor)
        record_event(
            action="expertise.expert_assigned", object_type="projects.Expertise", object_id=expertise.pk,
            after={"expert": expert.pk, "organisation": expert.organisation.bin}, actor=actor,
        )
        workflows()  # the notification kinds are registered with the processes
        notify(
            expert.user, "lifecycle.expertise_assigned", {"expertise": expertise.reference, "programme": version.programme.reference, "link": expertise_link(expertise)},
            link=expertise_link(expertise),
        )
    return assignment


def assignment_of(expertise, user):
    """The user's assignment to ``expertise`` (``None`` when they are not assigned)."""
    ids = [r.pk for r in expert_records(user)]
    if not ids:
        return None
    return expertise.assignments.filter(expert_id__in=ids).select_related("expert").first()


def _parse_score(criterion, value, not_applicable: bool) -> int | None:
    if not_applicable:
        if not criterion.not_applicable_allowed:
            raise TransitionRefused(_("Criterion «%(name)s» may not be marked not applicable.") % {"name": criterion.code})
        return None
    if value is None or str(value).strip() == "":
        raise TransitionRefused(_("Give a score for criterion «%(name)s».") % {"name": criterion.code})
    try:
        number = int(str(value).strip())
    except ValueError:
        raise TransitionRefused(_("The score for criterion «%(name)s» is a whole number.") % {"name": criterion.code}) from None
    if not 0 <= number <= criterion.max_score:
        raise TransitionRefused(_("The score for criterion «%(name)s» lies between 0 and %(max)s.") % {"name": criterion.code, "max": criterion.max_score})
    return number


def record_scores(*, expertise, actor, scores: Mapping[str, Mapping[str, Any]]) -> int:
    """Record the assigned expert's scores: ``{criterion code: {"score", "not_applicable", "comment"}}``.

    Every score is checked before any is written; a criterion scored again is replaced (until the
    conclusion). Returns the number of criteria written.
    """
    from niokr.projects.models import Expertise, ExpertScore

    with transaction.atomic():
        expertise = Expertise.objects.select_for_update().get(pk=expertise.pk)
        assignment = assignment_of(expertise, actor)
        if assignment is None:
            raise TransitionRefused(_("Only an expert assigned to this expertise scores it."), code=FORBIDDEN)
        if expertise.status != ExpertiseStatus.SCORING:
            raise TransitionRefused(_("Scores are recorded only while the scoring is open."))
        criteria = {c.code: c for c in expertise.sheet.criteria.all()}
        unknown = sorted(set(scores) - set(criteria))
        if unknown:
            raise TransitionRefused(_("The sheet has no criterion %(codes)s.") % {"codes": ", ".join(unknown)})
        parsed = []
        for code, given in scores.items():
            criterion = criteria[code]
            na = bool(given.get("not_applicable"))
            comment = str(given.get("comment") or "").strip()
            if len(comment) > COMMENT_LENGTH:
                raise TransitionRefused(_("A comment is at most %(n)s characters.") % {"n": COMMENT_LENGTH})
            parsed.append((criterion, _parse_score(criterion, given.get("score"), na), na, comment))
        now = timezone.now()
        for criterion, score, na, comment in parsed:
            ExpertScore.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"score": score, "not_applicable": na, "comment": comment, "scored_at": now})
        record_event(
            action="expertise.scored", object_type="projects.Expertise", object_id=expertise.pk,
            after={"expert": assignment.expert_id, "scores": {c.code: ("n/a" if na else s) for c, s, na, _c in parsed}}, actor=actor,
        )
    return len(parsed)


def _rules_and_scores(expertise):
    from niokr.projects.models import ExpertScore

    criteria = list(expertise.sheet.criteria.all())
    rules = [CriterionRule(c.code, c.weight, c.min_score, c.max_score, c.not_applicable_allowed) for c in criteria]
    by_code: dict[str, list[int | None]] = {c.code: [] for c in criteria}
    for code, score, na in ExpertScore.objects.filter(assignment__expertise=expertise).values_list("criterion__code", "score", "not_applicable"):
        by_code[code].append(None if na else score)
    return rules, by_code


def compute(expertise) -> Conclusion:
    """The conclusion from every score recorded (raises ``ValueError`` if a criterion has none)."""
    rules, scores = _rules_and_scores(expertise)
    return conclude(rules, scores, expertise.sheet.threshold)


def preview(expertise) -> Conclusion | None:
    """The conclusion the scores so far give (``None`` while a criterion has no score)."""
    try:
        return compute(expertise)
    except ValueError:
        return None


def take(expertise, transition: str, user, *, conclusion: str = "", reason: str = "") -> Outcome:
    """Take a transition of the expertise workflow (``start_scoring``, ``conclude``, ``cancel``) as ``user``."""
    from niokr.projects.lifecycle.processes.expertise import EXPERTISE

    context = {"conclusion": conclusion} if transition == "conclude" else {}
    return perform(EXPERTISE, expertise, transition, user, reason=reason, context=context)
