"""Programme services: create, edit (in place or as a new version), submit and withdraw.

Who applies: the staff of a subsoil user (a membership of role ``company``), for their own
organisation or for a subsidiary their organisation controls — an ownership edge of the affiliation
graph (``Affiliation`` of kind ``owner``) in force today with a share above 50 per cent or not given,
followed down the group (:func:`niokr.projects.lifecycle.access.applicant_ids`). A subsidiary's
staff do not apply for the holding.

What a programme covers decides where it goes: the rights chosen must be held by the applicant (or
one of the applicant's subsidiaries) and fall within the competence of one ministry
(``Authority.for_mineral_group``), whose scientific-technical council reviews it.

Versions: a draft is edited in place; an edit after submission writes a new version (the budget and
the rights of the current version copied, then changed) and never touches a submitted one; while
the programme is on a council's agenda, or once the council has taken it up, it is not edited.

Every input is checked before the database (:func:`clean_programme`), with messages in the user's
language; a refusal raises :class:`django.core.exceptions.ValidationError` (what was written is
wrong) or :class:`~niokr.projects.lifecycle.workflow.TransitionRefused` (the programme or the user
may not be changed now), and nothing is written. Status changes go through
:func:`~niokr.projects.lifecycle.workflow.perform`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.accounts.choices import Role
from niokr.core.audit import record_event
from niokr.core.choices import Authority, PriorityDirection, TCCSector
from niokr.core.money import MoneyError, parse_money
from niokr.core.numbering import assign_reference, pending_reference
from niokr.core.reference import label
from niokr.projects.choices import ProgrammeKind, ProgrammeStatus
from niokr.projects.lifecycle.access import applicant_ids, programme_roles, subsidiaries_of
from niokr.projects.lifecycle.workflow import TransitionRefused, perform, workflow_of
from niokr.projects.models import Agreement, Programme, ProgrammeBudget, ProgrammeVersion, Project
from niokr.registry.models import Organisation, SubsoilRight

__all__ = [
    "PREFIX",
    "FIELDS",
    "ProgrammeInput",
    "Change",
    "applicants_for",
    "rights_open_to",
    "clean_programme",
    "input_of",
    "comparable_of",
    "edit_refusal",
    "create_programme",
    "edit_programme",
    "submit_programme",
    "withdraw_programme",
    "version_diff",
    "parse_amount",
    "controllers_of",
    "link_refusal",
    "link_reason",
    "eligible_projects",
    "project_for_link",
    "link_project",
]

#: The prefix of a programme's reference (``PRG-2026-000042``).
PREFIX = "PRG"
#: The fields a version holds, in the order forms and diffs show them.
FIELDS = ("title_kk", "title_ru", "title_en", "abstract", "priority_direction", "tcc_sector", "trl_start", "trl_target", "performer", "rights", "budget")
TITLE_MAX = 500
ABSTRACT_MAX = 20_000
YEARS = (2000, 2100)
#: States in which the programme's text is no longer changed: on the agenda, in expertise, decided.
FROZEN = frozenset({ProgrammeStatus.IN_COUNCIL, ProgrammeStatus.IN_EXPERTISE, ProgrammeStatus.APPROVED, ProgrammeStatus.REJECTED, ProgrammeStatus.WITHDRAWN})

_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class ProgrammeInput:
    """What a version says, checked (see :func:`clean_programme`)."""

    title_kk: str
    title_ru: str
    title_en: str
    abstract: str
    priority_direction: str
    tcc_sector: str
    trl_start: int
    trl_target: int
    performer: Organisation | None
    rights: list[SubsoilRight]
    budget: list[tuple[int, Decimal]]
    authority: str = ""
    kind: str = ProgrammeKind.PROGRAMME

    def comparable(self) -> dict[str, Any]:
        """The values as compared between versions (rights by number, budget as year → amount)."""
        return {
            "title_kk": self.title_kk,
            "title_ru": self.title_ru,
            "title_en": self.title_en,
            "abstract": self.abstract,
            "priority_direction": self.priority_direction,
            "tcc_sector": self.tcc_sector,
            "trl_start": self.trl_start,
            "trl_target": self.trl_target,
            "performer": self.performer.bin if self.performer else "",
            "rights": sorted(r.number for r in self.rights),
            "budget": {year: amount for year, amount in sorted(self.budget)},
        }


@dataclass(frozen=True)
class Change:
    """One difference between two versions: the field, its label, and the values as read."""

    field: str
    label: str
    before: str
    after: str
    lines: tuple[tuple[str, str, str], ...] = field(default=())


# --- who may apply, and for what -------------------------------------------------------------


def applicants_for(user):
    """The organisations ``user`` may submit a programme for (their companies and subsidiaries), by name."""
    ids = applicant_ids(user)
    return Organisation.objects.filter(pk__in=ids).order_by("name_ru", "pk") if ids else Organisation.objects.none()


def rights_open_to(applicant: Organisation):
    """The rights a programme of ``applicant`` may cover: held by it or by one of its subsidiaries."""
    holders = {applicant.pk} | subsidiaries_of({applicant.pk})
    return SubsoilRight.objects.filter(holder_id__in=holders).select_related("holder").order_by("number")


# --- checking what was written -----------------------------------------------------------------


def parse_amount(value: object) -> Decimal:
    """An amount as people type it ("150 000 000,50", "150000000.50", a Decimal), or :class:`MoneyError`."""
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    else:
        raise MoneyError(f"{value!r} is not an amount")
    return parse_money(text)


def _text(raw: Mapping, name: str, errors: dict, *, maximum: int, required: bool = True) -> str:
    value = raw.get(name)
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.setdefault(name, []).append(_("This field is required."))
    elif len(value) > maximum:
        errors.setdefault(name, []).append(_("At most %(max)s characters.") % {"max": maximum})
    return value


def _script(value: str, name: str, errors: dict) -> None:
    """Kazakh and Russian titles in Cyrillic letters, the English title in Latin letters."""
    if not value:
        return
    cyrillic, latin = len(_CYRILLIC.findall(value)), len(_LATIN.findall(value))
    if name == "title_en":
        if cyrillic:
            errors.setdefault(name, []).append(_("Write the English title in Latin letters."))
        elif not latin:
            errors.setdefault(name, []).append(_("The English title has no words in Latin letters."))
    elif cyrillic == 0 or latin > cyrillic:
        message = _("Write the Kazakh title in Cyrillic letters.") if name == "title_kk" else _("Write the Russian title in Cyrillic letters.")
        errors.setdefault(name, []).append(message)


def _trl(raw: Mapping, name: str, errors: dict) -> int | None:
    value = raw.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.setdefault(name, []).append(_("This field is required."))
        return None
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdecimal():
        number = int(value.strip())
    if number is None or not 1 <= number <= 9:
        errors.setdefault(name, []).append(_("A technology readiness level is a whole number from 1 to 9."))
        return None
    return number


def _budget(lines: Iterable, errors: dict) -> list[tuple[int, Decimal]]:
    out: list[tuple[int, Decimal]] = []
    problems: list[str] = []
    if not isinstance(lines, (list, tuple)):
        errors.setdefault("budget", []).append(_("Each line of the budget is a year and an amount."))
        return out
    for line in lines:
        if isinstance(line, Mapping):
            year_raw, amount_raw = line.get("year"), line.get("amount")
        else:
            try:
                year_raw, amount_raw = line
            except (TypeError, ValueError):
                problems.append(_("Each line of the budget is a year and an amount."))
                continue
        try:
            if isinstance(year_raw, bool) or not str(year_raw).strip().isdecimal():
                raise ValueError(year_raw)
            year = int(str(year_raw).strip())
        except (TypeError, ValueError):
            problems.append(_("«%(value)s» is not a year.") % {"value": year_raw})
            continue
        if not YEARS[0] <= year <= YEARS[1]:
            problems.append(_("The year %(year)s is outside %(first)s–%(last)s.") % {"year": year, "first": YEARS[0], "last": YEARS[1]})
            continue
        if isinstance(amount_raw, float):
            problems.append(_("Year %(year)s: write the amount as text (e.g. \"150000000.00\"), not as a fractional number.") % {"year": year})
            continue
        try:
            amount = parse_amount(amount_raw)
        except MoneyError:
            problems.append(_("Year %(year)s: «%(value)s» is not an amount in tenge with at most two decimals.") % {"year": year, "value": amount_raw})
            continue
        if amount <= 0:
            problems.append(_("Year %(year)s: the amount is above zero.") % {"year": year})
            continue
        if any(y == year for y, _a in out):
            problems.append(_("The year %(year)s is in the budget twice.") % {"year": year})
            continue
        out.append((year, amount))
    if not out and not problems:
        problems.append(_("Give the budget: at least one year with its amount."))
    if problems:
        errors.setdefault("budget", []).extend(problems)
    return sorted(out)


def _performer(raw: Mapping, errors: dict) -> Organisation | None:
    value = raw.get("performer")
    if isinstance(value, Organisation):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    found = Organisation.objects.filter(bin=text).first() if text.isdigit() and len(text) == 12 else None
    if found is None:
        errors.setdefault("performer", []).append(_("No organisation with BIN %(bin)s is registered.") % {"bin": text})
    return found


def _rights(raw: Mapping, applicant: Organisation | None, errors: dict) -> tuple[list[SubsoilRight], str]:
    """The rights named (by number or as objects), and the ministry whose competence they are in."""
    values = raw.get("rights") or []
    if isinstance(values, str):
        values = re.split(r"[,;\n]", values)
    elif not isinstance(values, (list, tuple)):
        values = [values]
    numbers, rights = [], []
    for value in values:
        if isinstance(value, SubsoilRight):
            rights.append(value)
        elif str(value).strip():
            numbers.append(str(value).strip())
    if numbers:
        known = {r.number: r for r in SubsoilRight.objects.filter(number__in=numbers).select_related("holder")}
        for number in numbers:
            if number in known:
                rights.append(known[number])
            else:
                errors.setdefault("rights", []).append(_("No subsoil-use right numbered %(number)s is registered.") % {"number": number})
    rights = list({r.pk: r for r in rights}.values())
    if not rights:
        if "rights" not in errors:
            errors.setdefault("rights", []).append(_("Choose the subsoil-use rights whose obligation the programme covers."))
        return [], ""
    if applicant is not None:
        holders = {applicant.pk} | subsidiaries_of({applicant.pk})
        for right in rights:
            if right.holder_id not in holders:
                errors.setdefault("rights", []).append(
                    _("Right %(number)s is not held by %(applicant)s or its subsidiaries.") % {"number": right.number, "applicant": applicant.name(_language())}
                )
    authorities = sorted({Authority.for_mineral_group(r.mineral_group) for r in rights})
    if len(authorities) > 1:
        names = " — ".join(label(a, enum="core.Authority") for a in authorities)
        errors.setdefault("rights", []).append(
            _("The rights chosen fall within the competence of different ministries (%(ministries)s); a programme goes to one ministry's council: submit one programme per ministry.")
            % {"ministries": names}
        )
        return rights, ""
    return sorted(rights, key=lambda r: r.number), authorities[0]


def _language() -> str:
    from django.utils import translation

    lang = (translation.get_language() or "ru")[:2]
    return lang if lang in ("kk", "ru", "en") else "ru"


def clean_programme(raw: Mapping[str, Any], *, applicant: Organisation | None) -> ProgrammeInput:
    """Check what a programme's version says; :class:`ValidationError` (field → messages) when anything is wrong.

    ``raw`` holds plain values: the three titles, ``abstract``, ``priority_direction``,
    ``tcc_sector`` (may be empty), ``trl_start`` and ``trl_target`` (1–9), ``performer`` (a BIN or
    empty), ``rights`` (numbers) and ``budget`` (``[{"year", "amount"}]`` or ``[(year, amount)]``,
    amounts as text or Decimal). Messages are in the active language.
    """
    errors: dict[str, list[str]] = {}
    titles = {}
    for name in ("title_kk", "title_ru", "title_en"):
        titles[name] = _text(raw, name, errors, maximum=TITLE_MAX)
        _script(titles[name], name, errors)
    abstract = _text(raw, "abstract", errors, maximum=ABSTRACT_MAX)
    direction = str(raw.get("priority_direction") or "").strip()
    if direction not in PriorityDirection.values:
        errors.setdefault("priority_direction", []).append(_("Choose a priority direction."))
    sector = str(raw.get("tcc_sector") or "").strip()
    if sector and sector not in TCCSector.values:
        errors.setdefault("tcc_sector", []).append(_("Choose a TCC sector from the list, or none."))
    kind = str(raw.get("kind") or ProgrammeKind.PROGRAMME).strip()
    if kind not in ProgrammeKind.values:
        errors.setdefault("kind", []).append(_("Choose a programme or a technical assignment."))
    trl_start, trl_target = _trl(raw, "trl_start", errors), _trl(raw, "trl_target", errors)
    if trl_start is not None and trl_target is not None and trl_target < trl_start:
        errors.setdefault("trl_target", []).append(_("The target TRL is below the starting TRL."))
    performer = _performer(raw, errors)
    rights, authority = _rights(raw, applicant, errors)
    budget = _budget(raw.get("budget") or [], errors)
    if errors:
        raise ValidationError(errors)
    return ProgrammeInput(
        title_kk=titles["title_kk"], title_ru=titles["title_ru"], title_en=titles["title_en"], abstract=abstract,
        priority_direction=direction, tcc_sector=sector, trl_start=trl_start, trl_target=trl_target,
        performer=performer, rights=rights, budget=budget, authority=authority, kind=kind,
    )


def input_of(version: ProgrammeVersion) -> dict[str, Any]:
    """A version as the plain values :func:`clean_programme` reads (an edit starts from these)."""
    return {
        "kind": version.programme.kind,
        "title_kk": version.title_kk,
        "title_ru": version.title_ru,
        "title_en": version.title_en,
        "abstract": version.abstract,
        "priority_direction": version.priority_direction,
        "tcc_sector": version.tcc_sector,
        "trl_start": version.trl_start,
        "trl_target": version.trl_target,
        "performer": version.performer.bin if version.performer_id else "",
        "rights": [r.number for r in version.rights.order_by("number")],
        "budget": [{"year": line.year, "amount": line.amount} for line in version.budget.order_by("year")],
    }


def comparable_of(version: ProgrammeVersion) -> dict[str, Any]:
    """A stored version's values as :meth:`ProgrammeInput.comparable` gives them (no check: it is stored)."""
    return {
        "title_kk": version.title_kk,
        "title_ru": version.title_ru,
        "title_en": version.title_en,
        "abstract": version.abstract,
        "priority_direction": version.priority_direction,
        "tcc_sector": version.tcc_sector,
        "trl_start": version.trl_start,
        "trl_target": version.trl_target,
        "performer": version.performer.bin if version.performer_id else "",
        "rights": sorted(r.number for r in version.rights.all()),
        "budget": {line.year: line.amount for line in sorted(version.budget.all(), key=lambda line: line.year)},
    }


# --- who may change it now ---------------------------------------------------------------------


def _on_an_open_agenda(version: ProgrammeVersion | None) -> bool:
    if version is None:
        return False
    return version.agenda_items.filter(decided_at__isnull=True, session__status__in=("planned", "voting")).exists()


def edit_refusal(programme: Programme, user) -> str | None:
    """Why ``user`` may not edit ``programme`` now (``None``: they may)."""
    if Role.COMPANY not in programme_roles(programme, user):
        return _("Only the applicant's staff edit a programme.")
    if programme.status in FROZEN:
        if programme.status == ProgrammeStatus.IN_COUNCIL:
            return _("The programme is on a council session's agenda: it is not edited until the council has decided.")
        return _("A programme with the status «%(status)s» is no longer edited.") % {"status": ProgrammeStatus(programme.status).label}
    if _on_an_open_agenda(programme.current):
        return _("The programme is on a council session's agenda: it is not edited until the council has decided.")
    return None


# --- writing -----------------------------------------------------------------------------------


def _write_version(programme: Programme, data: ProgrammeInput, *, number: int, actor, submitted: bool) -> ProgrammeVersion:
    version = ProgrammeVersion.objects.create(
        programme=programme, number=number, title_kk=data.title_kk, title_ru=data.title_ru, title_en=data.title_en, abstract=data.abstract,
        priority_direction=data.priority_direction, tcc_sector=data.tcc_sector, trl_start=data.trl_start, trl_target=data.trl_target,
        performer=data.performer, submitted_at=timezone.now() if submitted else None, created_by=actor,
    )
    version.rights.set(data.rights)
    ProgrammeBudget.objects.bulk_create([ProgrammeBudget(version=version, year=year, amount=amount) for year, amount in data.budget])
    return version


def _audit_values(data: ProgrammeInput) -> dict[str, Any]:
    values = data.comparable()
    values["budget"] = {str(y): f"{a:.2f}" for y, a in values["budget"].items()}
    values["abstract"] = f"{len(data.abstract)} characters"
    return values


def create_programme(*, actor, applicant: Organisation, raw: Mapping[str, Any]) -> Programme:
    """Create a draft programme (version 1) of ``applicant`` from what ``actor`` wrote.

    Raises:
        TransitionRefused: ``actor`` may not apply for ``applicant``.
        ValidationError: what was written is wrong (field → messages); nothing is written.
    """
    if applicant is None or applicant.pk not in applicant_ids(actor):
        raise TransitionRefused(_("You may submit programmes only for your own organisation and its subsidiaries."), code="forbidden")
    data = clean_programme(raw, applicant=applicant)
    with transaction.atomic():
        programme = Programme.objects.create(
            reference=pending_reference(), kind=data.kind, applicant=applicant, authority=data.authority, status=ProgrammeStatus.DRAFT, created_by=actor
        )
        assign_reference(programme, PREFIX)
        _write_version(programme, data, number=1, actor=actor, submitted=False)
        record_event(
            action="programme.create", object_type="projects.Programme", object_id=programme.reference,
            after={"reference": programme.reference, "applicant": applicant.bin, "authority": data.authority, "version": 1, **_audit_values(data)}, actor=actor,
        )
    return programme


def edit_programme(*, actor, programme: Programme, raw: Mapping[str, Any]) -> ProgrammeVersion:
    """Change what ``programme`` says: its draft in place, or — once submitted — as a new version.

    ``raw`` may name only some fields: the others keep the current version's values (its budget
    and rights are copied). An edit that changes nothing is refused.

    Raises:
        TransitionRefused: the user or the programme's state forbids the edit (the reason says which).
        ValidationError: what was written is wrong; nothing is written.
    """
    why = edit_refusal(programme, actor)
    if why:
        raise TransitionRefused(why, code="forbidden" if Role.COMPANY not in programme_roles(programme, actor) else "refused")
    current = programme.current
    merged = input_of(current) | {k: v for k, v in raw.items() if k in FIELDS}
    data = clean_programme(merged, applicant=programme.applicant)
    before = comparable_of(current)
    if data.comparable() == before:
        raise ValidationError({"non_field_errors": [_("Nothing was changed.")]}, code="unchanged")
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        why = edit_refusal(locked, actor)
        if why:
            raise TransitionRefused(why)
        current = locked.current
        if locked.status != ProgrammeStatus.DRAFT and data.authority != locked.authority:
            raise ValidationError(
                {"rights": [_("A submitted programme stays with the council of %(ministry)s: choose rights within that ministry's competence.") % {"ministry": label(locked.authority, enum="core.Authority")}]}
            )
        changed = sorted(k for k, v in data.comparable().items() if before.get(k) != v)
        if locked.status == ProgrammeStatus.DRAFT and current.submitted_at is None:
            version = _rewrite(current, data)
            if data.authority != locked.authority:
                locked.authority = data.authority
                locked.save(update_fields=["authority"])
            action = "programme.edit"
        else:
            version = _write_version(locked, data, number=current.number + 1, actor=actor, submitted=True)
            action = "programme.new_version"
        record_event(
            action=action, object_type="projects.Programme", object_id=locked.reference,
            before={"version": current.number, **{k: _audit_value(k, before[k]) for k in changed}},
            after={"version": version.number, **{k: _audit_value(k, data.comparable()[k]) for k in changed}},
            actor=actor,
        )
    return version


def _audit_value(name: str, value):
    if name == "budget":
        return {str(y): f"{a:.2f}" for y, a in value.items()}
    if name == "abstract":
        return f"{len(value)} characters"
    return value


def _rewrite(version: ProgrammeVersion, data: ProgrammeInput) -> ProgrammeVersion:
    for name in ("title_kk", "title_ru", "title_en", "abstract", "priority_direction", "tcc_sector", "trl_start", "trl_target", "performer"):
        setattr(version, name, getattr(data, name))
    version.save()
    version.rights.set(data.rights)
    version.budget.all().delete()
    ProgrammeBudget.objects.bulk_create([ProgrammeBudget(version=version, year=year, amount=amount) for year, amount in data.budget])
    return version


def submit_programme(*, actor, programme: Programme, reason: str = ""):
    """Submit the programme to its ministry's council (the workflow's ``submit``)."""
    return perform(workflow_of("programme"), programme, "submit", actor, reason=reason)


def withdraw_programme(*, actor, programme: Programme, reason: str = ""):
    """Withdraw the programme (a draft or a submitted one not yet on an agenda)."""
    if _on_an_open_agenda(programme.current):
        raise TransitionRefused(_("The programme is on a council session's agenda: it is not edited until the council has decided."))
    return perform(workflow_of("programme"), programme, "withdraw", actor, reason=reason)


# --- reading: what changed between versions ----------------------------------------------------


def _field_labels() -> dict[str, str]:
    meta = ProgrammeVersion._meta
    labels = {name: str(meta.get_field(name).verbose_name) for name in FIELDS if name != "budget"}
    labels["budget"] = _("budget by year")
    return labels


def _shown(name: str, value) -> str:
    from niokr.core.templatetags.niokr import money

    if value in (None, "", []):
        return "—"
    if name == "priority_direction":
        return label(value, enum="core.PriorityDirection")
    if name == "tcc_sector":
        return label(value, enum="core.TCCSector")
    if name == "rights":
        return ", ".join(value)
    if name == "performer":
        org = Organisation.objects.filter(bin=value).first()
        return f"{org.name(_language())} ({value})" if org else value
    if name == "budget":
        return "; ".join(f"{y}: {money(a)}" for y, a in value.items())
    return str(value)


def version_diff(old: ProgrammeVersion, new: ProgrammeVersion) -> list[Change]:
    """What ``new`` changed against ``old``, field by field, as read (the budget line by line)."""
    from niokr.core.templatetags.niokr import money

    before, after = comparable_of(old), comparable_of(new)
    labels = _field_labels()
    out = []
    for name in FIELDS:
        if before[name] == after[name]:
            continue
        lines: tuple = ()
        if name == "budget":
            years = sorted(set(before["budget"]) | set(after["budget"]))
            lines = tuple(
                (str(y), money(before["budget"][y]) if y in before["budget"] else "—", money(after["budget"][y]) if y in after["budget"] else "—")
                for y in years
                if before["budget"].get(y) != after["budget"].get(y)
            )
        out.append(Change(name, labels[name], _shown(name, before[name]), _shown(name, after[name]), lines))
    return out


# --- the project that carries out an approved programme -----------------------------------------


def controllers_of(organisation_ids, day=None) -> dict[int, frozenset[int]]:
    """Each organisation of ``organisation_ids`` with those controlling it (itself included), on ``day``.

    The inverse of :func:`~niokr.projects.lifecycle.access.subsidiaries_of`: the same ownership
    edges (kind ``owner``, in force, share above 50 per cent or not given), followed up the group.
    """
    from django.db.models import Q

    from niokr.projects.lifecycle.access import CONTROL_SHARE
    from niokr.registry.models import Affiliation

    day = day or timezone.localdate()
    owners: dict[int, set[int]] = {}
    seen: set[int] = set()
    frontier = set(organisation_ids)
    while frontier:
        seen |= frontier
        edges = list(
            Affiliation.objects.filter(kind="owner", target_id__in=frontier, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .filter(Q(share__isnull=True) | Q(share__gt=CONTROL_SHARE))
            .values_list("source_id", "target_id")
        )
        for source, target in edges:
            owners.setdefault(target, set()).add(source)
        frontier = {source for source, _target in edges} - seen
    out = {}
    for org in organisation_ids:
        found, todo = {org}, [org]
        while todo:
            for owner in owners.get(todo.pop(), ()):
                if owner not in found:
                    found.add(owner)
                    todo.append(owner)
        out[org] = frozenset(found)
    return out


def link_refusal(
    *, status: str, programme_id: int | None, linked_project_id: int | None, project_id: int | None, project_programme_id: int | None,
    applicant_id: int, proposed_performer_id: int | None, project_performer_id: int | None, payers: dict[int, frozenset[int]],
) -> str | None:
    """Why the project may not be linked to the programme, as a code (``None``: it may). Pure.

    The rules the service, the page and the intake share: the programme is approved; it is not
    carried out by another project; the project carries out no other programme; and the project is
    funded by an agreement whose payer is the applicant or one of its subsidiaries (``payers``: each
    payer of the project's agreements with those controlling it), or it is performed by the
    programme's proposed performer and no organisation outside the applicant's group pays for it.

    Codes: ``not_approved``, ``programme_linked``, ``project_linked``, ``not_funded``.
    """
    if status != ProgrammeStatus.APPROVED:
        return "not_approved"
    if linked_project_id is not None and linked_project_id != project_id:
        return "programme_linked"
    if project_programme_id is not None and project_programme_id != programme_id:
        return "project_linked"
    inside = [payer for payer, controllers in payers.items() if applicant_id in controllers]
    if inside:
        return None
    if proposed_performer_id is not None and project_performer_id == proposed_performer_id and not payers:
        return None
    return "not_funded"


def link_reason(code: str, *, programme: Programme, project_code: str, other: str = "") -> str:
    """A refusal code of :func:`link_refusal` as a sentence in the user's language."""
    if code == "not_approved":
        return _("Only an approved programme is linked to the project that carries it out; programme %(reference)s is «%(status)s».") % {
            "reference": programme.reference, "status": ProgrammeStatus(programme.status).label}
    if code == "programme_linked":
        return _("Programme %(reference)s is already carried out by project %(project)s; a link is corrected only by an administrator.") % {
            "reference": programme.reference, "project": other}
    if code == "project_linked":
        return _("Project %(project)s already carries out programme %(other)s.") % {"project": project_code, "other": other}
    return _("Project %(project)s is neither funded by an agreement paid by %(applicant)s or its subsidiaries nor a project of the programme's proposed performer without an agreement.") % {
        "project": project_code, "applicant": programme.applicant.name(_language())}


def _facts(programme: Programme, project: Project) -> dict[str, Any]:
    current = programme.current
    payers = set(Agreement.objects.filter(project=project).values_list("payer_id", flat=True))
    return {
        "status": programme.status, "programme_id": programme.pk, "linked_project_id": programme.project_id, "project_id": project.pk,
        "project_programme_id": Programme.objects.filter(project=project).values_list("pk", flat=True).first(),
        "applicant_id": programme.applicant_id, "proposed_performer_id": current.performer_id if current else None,
        "project_performer_id": project.performer_id, "payers": controllers_of(payers),
    }


def _refusal_text(code: str, programme: Programme, project: Project) -> str:
    other = ""
    if code == "programme_linked":
        other = Project.objects.filter(pk=programme.project_id).values_list("code", flat=True).first() or ""
    elif code == "project_linked":
        other = Programme.objects.filter(project=project).values_list("reference", flat=True).first() or ""
    return link_reason(code, programme=programme, project_code=project.code, other=other)


def _candidates_q(programme: Programme):
    from django.db.models import Q

    current = programme.current
    group = {programme.applicant_id} | subsidiaries_of({programme.applicant_id})
    q = Q(agreements__payer_id__in=group)
    if current is not None and current.performer_id:
        q |= Q(performer_id=current.performer_id, agreements__isnull=True)
    return q


def eligible_projects(programme: Programme, *, limit: int = 500) -> list[Project]:
    """The projects ``programme`` may be linked to, by code (:func:`link_refusal`'s rules are the scope:
    the projects its applicant's group pays for, the proposed performer's projects without an agreement)."""
    if programme.project_id is not None or programme.status != ProgrammeStatus.APPROVED:
        return []
    found = Project.objects.filter(programme__isnull=True).filter(_candidates_q(programme)).distinct().order_by("code")[:limit]
    return list(found)


def project_for_link(programme: Programme, user, code: str) -> Project | None:
    """The project of ``code`` the user may name for ``programme``: one they see, or one of its candidates (else ``None``)."""
    code = (code or "").strip()
    if not code:
        return None
    visible = Project.objects.visible_to(user).filter(code=code)
    return visible.first() or Project.objects.filter(code=code).filter(_candidates_q(programme)).distinct().first()


def _link(programme: Programme, project: Project, actor, *, source: str = "") -> bool:
    """Link ``project`` to ``programme`` (the core the page, the API and the intake share); ``False``: it already was.

    Checks :func:`link_refusal` under a lock of both rows; fills the project's empty TRL start and
    target from the programme's current version; one audit event ``programme.link_project``.
    Raises :class:`TransitionRefused` (nothing changed).
    """
    with transaction.atomic():
        locked = Programme.objects.select_for_update().select_related("applicant").get(pk=programme.pk)
        target = Project.objects.select_for_update().get(pk=project.pk)
        code = link_refusal(**_facts(locked, target))
        if code:
            raise TransitionRefused(_refusal_text(code, locked, target))
        if locked.project_id == target.pk:
            return False
        current = locked.current
        before = {"project": None, "trl_start": target.trl_start, "trl_target": target.trl_target}
        filled = []
        if current is not None:
            start = target.trl_start if target.trl_start is not None else current.trl_start
            goal = target.trl_target if target.trl_target is not None else current.trl_target
            if start is not None and goal is not None and goal >= start:
                for name, value in (("trl_start", start), ("trl_target", goal)):
                    if getattr(target, name) is None:
                        setattr(target, name, value)
                        filled.append(name)
        if filled:
            target.save(update_fields=filled)
        locked.project = target
        locked.save(update_fields=["project"])
        after = {"project": target.code, "version": current.number if current else None, "trl_start": target.trl_start, "trl_target": target.trl_target}
        if source:
            after["source"] = source
        record_event(action="programme.link_project", object_type="projects.Programme", object_id=locked.reference, before=before, after=after, actor=actor)
    programme.project = target
    return True


def link_project(programme: Programme, project: Project, actor) -> bool:
    """Record that ``project`` carries out the approved ``programme`` (see :func:`link_refusal`).

    Allowed to the applicant's staff (or its holding's). A link is a fact and is not undone here: a
    mistaken link is corrected by an administrator. Returns ``False`` when the link was already there.

    Raises:
        TransitionRefused: the user may not (``code="forbidden"``) or the rules refuse; nothing changed.
    """
    if Role.COMPANY not in programme_roles(programme, actor):
        raise TransitionRefused(_("Only the applicant's staff link a programme to the project that carries it out."), code="forbidden")
    return _link(programme, project, actor)
