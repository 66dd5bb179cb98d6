"""The capability part of the MedTech pilot in the synthetic country: audits of the performers and TRL histories.

Built from the already-loaded generated country through the capability services (so every row has
its audit-trail event and passes the same checks a person's input does):

* technology audits (assessor audits with the default Rush–Bessant–Hobday questionnaire) of the
  performers of MedTech projects, some as before/after pairs linked to one of their projects, and of
  a few AgriTech and GreenTech performers; the performer demo login's organisation also fills in a
  self-assessment when it is among them;
* TRL histories (two or three assessments each, now and then a correction) of MedTech projects —
  mostly medical devices, anchored to the EAEU registration events — and of a few AgriTech and
  GreenTech projects; MRL and CRL for some medical devices.

Deterministic: one ``random.Random(f"{seed}:capability")``, ordered queries, dates from the projects'
own calendars (never after today). Evidence is named with a SHA-256 but not kept (as a document
reported from elsewhere).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from django.utils import timezone

from niokr.accounts.models import Membership
from niokr.capability import services
from niokr.capability.choices import AnswerType
from niokr.capability.models import Question, Questionnaire, ReadinessQuestionSet
from niokr.projects.models import Project

__all__ = ["build", "LIMITS"]

#: How much the pilot builds at most (a national country has thousands of MedTech projects).
LIMITS = {"medtech_projects": 80, "medtech_performers": 60, "other_projects": 10, "other_performers": 6, "mrl": 12, "crl": 6}

#: Technology types of MedTech projects and their weights.
MEDTECH_TYPES = (("medical_device", 6), ("software", 3), ("process", 1))

_EVIDENCE = {
    "medical_device": {
        6: "Протокол технических испытаний и исследований биологического действия",
        7: "Разрешение на проведение клинических испытаний",
        8: "Регистрационное удостоверение медицинского изделия ЕАЭС",
    },
    "agricultural": {6: "Отчёт о многолетних испытаниях", 8: "Свидетельство о включении в Государственный реестр"},
}


def _assessor():
    membership = Membership.objects.filter(role="assessor").select_related("user").order_by("id").first()
    if membership is None:
        raise RuntimeError("the capability pilot needs a user with the assessor role (the demo logins give one)")
    return membership.user


def _clamp(day: date, today: date) -> date:
    return min(max(day, services.EARLIEST_DATE), today)


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _evidence(name: str) -> services.Evidence:
    return services.Evidence(name=f"{name}.pdf", sha256=hashlib.sha256(name.encode("utf-8")).hexdigest())


def _audit(rng, questionnaire, questions, organisation, actor, day, *, level: float, project=None, phase="", kind="assessor") -> None:
    """One submitted audit whose scores scatter around ``level`` (1–4) with a per-dimension bias."""
    audit = services.start_audit(organisation=organisation, questionnaire=questionnaire, kind=kind, actor=actor, audit_date=day, project=project, phase=phase)
    bias = {}
    answers = {}
    for question in questions:
        code = question.dimension.code
        bias.setdefault(code, rng.gauss(0, 0.45))
        score = round(level + bias[code] + rng.gauss(0, 0.4))
        answers[question.pk] = services.AnswerInput(max(1, min(4, score)), comment="")
    services.save_audit_answers(audit=audit, answers=answers, actor=actor)
    services.submit_audit(audit=audit, actor=actor)


def _assessment(rng, question_set, questions, project, actor, day, level: int, *, technology: str, corrects=None, note="") -> object:
    """A submitted assessment whose answers reach exactly ``level`` (a question of the next level fails)."""
    assessment = services.start_assessment(project=project, question_set=question_set, actor=actor, assessment_date=day, corrects=corrects, note=note)
    failing = rng.choice([q for q in questions if q.level == level + 1]) if level < question_set.max_level else None
    answers = {}
    for question in questions:
        percent = question.answer_type == AnswerType.PERCENT
        if question.level <= level:
            value = rng.randint(question.threshold, 100) if percent else 100
        elif question is failing or question.level > level + 1:
            value = rng.randint(0, question.threshold - 1) if percent else 0
        else:
            value = rng.randint(0, 100) if percent else rng.choice([0, 100])
        named = _EVIDENCE.get(technology, {}).get(question.level) if question.level <= level else None
        answers[question.pk] = services.AnswerInput(value, evidence=_evidence(f"{named} {project.code}") if named else None)
    services.save_assessment_answers(assessment=assessment, answers=answers, actor=actor)
    return services.submit_assessment(assessment=assessment, actor=actor)


def _history(rng, sets, project, actor, today, technology: str, counts: dict, kind_code: str) -> None:
    """Two or three assessments of ``project`` over its life, readiness rising toward its target."""
    question_set, questions = sets[kind_code]
    start = _clamp(project.start_date, today)  # an assessment is dated no earlier than the services accept
    end = _clamp(project.end_date, today)
    if start > today or end < start:
        return
    top = question_set.max_level
    low = project.trl_start if kind_code.startswith("trl") and project.trl_start else rng.randint(1, max(1, top // 3))
    high = project.trl_target if kind_code.startswith("trl") and project.trl_target else min(top, low + rng.randint(1, 3))
    n = rng.choice((2, 3, 3))
    days = sorted(_between(rng, start, end) for _ in range(n))
    levels = sorted(min(top, max(1, low + round((high - low) * k / max(n - 1, 1)) - rng.randint(0, 1))) for k in range(n))
    last = None
    for day, level in zip(days, levels, strict=True):
        last = _assessment(rng, question_set, questions, project, actor, day, level, technology=technology)
        counts["assessments"] += 1
    if last is not None and rng.random() < 0.12 and last.level > 1:
        note = "Уточнение: подтверждающий документ последнего уровня не представлен"
        _assessment(rng, question_set, questions, project, actor, _clamp(last.assessment_date + timedelta(days=rng.randint(5, 40)), today), last.level - 1,
                    technology=technology, corrects=last, note=note)
        counts["assessments"] += 1
        counts["corrections"] += 1


def build(seed: int) -> dict[str, int]:
    """Build the capability pilot on the loaded country; the number of rows made by kind."""
    from niokr.capability.catalogue import ensure_catalogue

    ensure_catalogue()  # the reference content a flushed database lacks (as the rule regimes are restored)
    rng = random.Random(f"{seed}:capability")
    today = timezone.localdate()
    actor = _assessor()
    questionnaire = Questionnaire.objects.published().filter(code="rbh-tca").order_by("-version").first()
    questions = list(Question.objects.filter(dimension__questionnaire=questionnaire).select_related("dimension").order_by("dimension__order", "order"))
    sets = {}
    for question_set in ReadinessQuestionSet.objects.published().order_by("code", "-version"):
        sets.setdefault(question_set.code, (question_set, list(question_set.questions.order_by("level", "order"))))
    counts = {"audits": 0, "audit_pairs": 0, "self_assessments": 0, "assessments": 0, "corrections": 0, "projects_assessed": 0}

    medtech = list(Project.objects.filter(priority_direction="medtech", start_date__lte=today).select_related("performer").order_by("code"))
    performers: dict[int, list] = {}
    for project in medtech:
        performers.setdefault(project.performer_id, []).append(project)
    staff = {m.organisation_id: m.user for m in Membership.objects.filter(role__in=("performer", "company")).select_related("user").order_by("id")}

    # Audits of the MedTech performers (some before/after pairs around one of their projects).
    for org_id in sorted(performers)[: LIMITS["medtech_performers"]]:
        organisation = performers[org_id][0].performer
        level = min(3.6, max(1.3, rng.gauss(2.3, 0.55)))
        project = performers[org_id][0]
        if rng.random() < 0.4 and project.end_date <= today:
            _audit(rng, questionnaire, questions, organisation, actor, _clamp(project.start_date, today), level=level, project=project, phase="before")
            _audit(rng, questionnaire, questions, organisation, actor, _clamp(project.end_date, today), level=min(4.0, level + rng.uniform(0.2, 0.8)), project=project, phase="after")
            counts["audits"] += 2
            counts["audit_pairs"] += 1
        else:
            _audit(rng, questionnaire, questions, organisation, actor, _between(rng, max(project.start_date, date(2023, 1, 1)), today), level=level)
            counts["audits"] += 1
        if org_id in staff:
            _audit(rng, questionnaire, questions, organisation, staff[org_id], today, level=min(4.0, level + 0.4), kind="self")
            counts["audits"] += 1
            counts["self_assessments"] += 1

    # TRL histories of the MedTech projects; MRL and CRL for some medical devices.
    mrl = crl = 0
    for project in medtech[: LIMITS["medtech_projects"]]:
        technology = rng.choices([t for t, _w in MEDTECH_TYPES], weights=[w for _t, w in MEDTECH_TYPES])[0]
        _history(rng, sets, project, actor, today, technology, counts, f"trl-{technology.replace('_', '-')}")
        counts["projects_assessed"] += 1
        if technology == "medical_device" and mrl < LIMITS["mrl"]:
            _history(rng, sets, project, actor, today, technology, counts, "mrl-general")
            mrl += 1
        if technology == "medical_device" and crl < LIMITS["crl"] and rng.random() < 0.5:
            _history(rng, sets, project, actor, today, technology, counts, "crl-general")
            crl += 1

    # A few AgriTech and GreenTech projects and performers.
    for direction, choices in (("agritech", ("agricultural",)), ("greentech", ("process", "hardware"))):
        projects = list(Project.objects.filter(priority_direction=direction, start_date__lte=today).select_related("performer").order_by("code")[: LIMITS["other_projects"]])
        for project in projects:
            technology = rng.choice(choices)
            _history(rng, sets, project, actor, today, technology, counts, f"trl-{technology}")
            counts["projects_assessed"] += 1
        seen = []
        for project in projects:
            if project.performer_id in seen or project.performer_id in performers or len(seen) >= LIMITS["other_performers"]:
                continue
            seen.append(project.performer_id)
            _audit(rng, questionnaire, questions, project.performer, actor, _between(rng, date(2023, 1, 1), today), level=min(3.6, max(1.3, rng.gauss(2.1, 0.5))))
            counts["audits"] += 1
    return counts
