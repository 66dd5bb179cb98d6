"""The Delphi workflow: every change to an exercise goes through a function here.

Views, the generator and the tests call these functions; each checks who acts (:mod:`.access`), runs
in one transaction, locks the row whose state it changes (``select_for_update``) and writes the audit
trail. A refusal raises :class:`Refused` with the reason in the reader's language; nothing changes.

The order the method demands is enforced here, not in the pages:

1. the moderator chooses the scales and the consensus rules, then **locks** them (they never change
   afterwards: consensus is defined before anybody answers);
2. round 1 opens only with the rules locked, at least one item and at least three panellists;
3. panellists save and submit their answers while the round is open (again and again until it
   closes) and propose new items in round 1; the moderator accepts or declines each proposal before
   round 2 opens (an accepted one is rated from round 2);
4. closing a round computes its statistics once and freezes them (:mod:`.results`); a closed round is
   never reopened, edited or deleted;
5. round *n* > 1 opens only after round *n − 1* has closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from niokr.core.audit import record_event
from niokr.core.choices import PriorityDirection
from niokr.foresight import access, rules as consensus_rules
from niokr.foresight.models import (
    LIKERT_SCALES, Answer, Exercise, ExerciseStatus, Item, ItemKind, ItemStatus, Panel, Panellist, RealisationBand,
    Reminder, Response, Round, RoundStatus, Scale,
)

__all__ = [
    "Refused", "InvalidAnswers", "FORBIDDEN", "AnswerInput", "SCALE_RANGES", "MIN_PANELLISTS", "COMMENT_MAX",
    "create_exercise", "set_scales", "set_rules", "lock_rules", "add_panel", "add_panellist", "withdraw_panellist",
    "set_expertise", "add_item", "propose_item", "accept_proposal", "decline_proposal", "open_round", "response_of",
    "save_response", "submit_response", "close_round", "send_reminders", "close_exercise", "parse_value",
    "expected_answers", "rated_items",
]

FORBIDDEN = "forbidden"
#: Round 1 needs at least this many panellists on the panel (fewer cannot be anonymous).
MIN_PANELLISTS = 3
#: The longest comment a panellist may leave on an answer.
COMMENT_MAX = 2000
#: The longest item statement.
STATEMENT_MAX = 2000
#: The inclusive range of each scale's values.
SCALE_RANGES: dict[str, tuple[int, int]] = {
    Scale.IMPORTANCE: (1, 9),
    Scale.FEASIBILITY: (1, 9),
    Scale.REALISATION: (RealisationBand.BY_2030.value, RealisationBand.NEVER.value),
    Scale.CAPABILITY: (0, 100),
}
#: A reminder is not repeated to the same panellist within this time.
REMINDER_INTERVAL = timedelta(hours=20)

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
_ITEM_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")
_INTEGER = re.compile(r"^[0-9]{1,3}$")


class Refused(Exception):
    """An action refused: ``reason`` in the reader's language; ``code`` is ``forbidden`` for a 403."""

    def __init__(self, reason: str, *, code: str = "refused") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class InvalidAnswers(Refused):
    """Answers refused: ``errors`` maps ``(item_id, scale)`` (or ``None`` for the whole form) to the reason."""

    def __init__(self, errors: Mapping) -> None:
        self.errors = dict(errors)
        super().__init__(_("Some answers are not valid; nothing was saved."))


@dataclass(frozen=True)
class AnswerInput:
    """One rating as a panellist gives it: ``value`` as typed (text or number), or ``dont_know``."""

    item_id: int
    scale: str
    value: object = None
    dont_know: bool = False
    comment: str = ""


# --- helpers ---------------------------------------------------------------------------------------


def _require(condition: bool, reason: str, *, code: str = "refused") -> None:
    if not condition:
        raise Refused(reason, code=code)


def _moderator(actor, exercise: Exercise) -> None:
    _require(access.may_moderate(actor, exercise), _("Only the exercise's moderator may do this."), code=FORBIDDEN)


def _locked_exercise(exercise: Exercise) -> Exercise:
    return Exercise.objects.select_for_update().get(pk=exercise.pk)


def _clean_text(value, *, field: str, required: bool, limit: int) -> str:
    """Text as stored: stripped; NUL bytes refused; at most ``limit`` characters."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        raise Refused(_("%(field)s contains a NUL character.") % {"field": field})
    text = text.strip()
    if required and not text:
        raise Refused(_("%(field)s is required.") % {"field": field})
    if len(text) > limit:
        raise Refused(_("%(field)s is longer than %(limit)s characters.") % {"field": field, "limit": limit})
    return text


def rated_items(exercise: Exercise, number: int):
    """The items rated in round ``number``: accepted, and in the questionnaire from that round or earlier."""
    return exercise.items.filter(status=ItemStatus.ACCEPTED, first_round__lte=number).order_by("order", "code")


def expected_answers(exercise: Exercise, number: int) -> list[tuple[Item, str]]:
    """Every (item, scale) a complete response to round ``number`` holds, in the questionnaire's order."""
    return [(item, scale) for item in rated_items(exercise, number) for scale in exercise.scales]


def parse_value(scale: str, raw) -> int | None:
    """The value typed for ``scale`` as an integer within its range; ``None`` when empty; :class:`ValueError` otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("boolean")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if text == "":
            return None
        if not _INTEGER.match(text):
            raise ValueError(text)
        value = int(text)
    low, high = SCALE_RANGES[scale]
    if not low <= value <= high:
        raise ValueError(value)
    return value


def _range_message(scale: str) -> str:
    low, high = SCALE_RANGES[scale]
    return _("Enter a whole number from %(low)s to %(high)s, or choose “don't know”.") % {"low": low, "high": high}


# --- the exercise and its rules --------------------------------------------------------------------


def create_exercise(actor, *, code: str, title_kk: str, title_ru: str, title_en: str = "", priority_direction: str,
                    moderator=None, scales: Iterable[str] | None = None) -> Exercise:
    """A new exercise in preparation with the default scales and consensus rules (not locked yet)."""
    _require(access.may_create_exercise(actor), _("Only a foresight moderator or an administrator starts an exercise."), code=FORBIDDEN)
    moderator = moderator or actor
    _require(access.is_moderator_role(moderator), _("The moderator must hold the foresight moderator's role."))
    code = _clean_text(code, field=_("Code"), required=True, limit=32).upper()
    _require(bool(_CODE.match(code)), _("The code is 2 to 32 capital Latin letters, digits and hyphens."))
    titles = {
        "title_kk": _clean_text(title_kk, field=_("Title (Kazakh)"), required=True, limit=300),
        "title_ru": _clean_text(title_ru, field=_("Title (Russian)"), required=True, limit=300),
        "title_en": _clean_text(title_en, field=_("Title (English)"), required=False, limit=300),
    }
    _require(priority_direction in PriorityDirection.values, _("Choose a priority direction."))
    chosen = _valid_scales(scales if scales is not None else Scale.values)
    with transaction.atomic():
        _require(not Exercise.objects.filter(code=code).exists(), _("An exercise with this code exists already."))
        exercise = Exercise.objects.create(
            code=code, priority_direction=priority_direction, moderator=moderator, scales=chosen,
            consensus_rules=consensus_rules.default_rules(), **titles,
        )
        record_event(action="foresight.exercise_created", object_type="foresight.Exercise", object_id=exercise.code, actor=actor,
                     after={"code": code, "priority_direction": priority_direction, "moderator": moderator.get_username(), "scales": chosen})
    return exercise


def _valid_scales(scales: Iterable[str]) -> list[str]:
    chosen = [s for s in Scale.values if s in set(scales)]  # the questionnaire's fixed order
    unknown = set(scales) - set(Scale.values)
    _require(not unknown, _("Unknown scale."))
    _require(Scale.IMPORTANCE in chosen, _("Importance is always rated: Kendall's W and the ranking are computed on it."))
    return chosen


def _editable_rules(exercise: Exercise) -> None:
    _require(not exercise.rules_locked, _("The scales and consensus rules are locked; they no longer change."))


def set_scales(actor, exercise: Exercise, scales: Iterable[str]) -> Exercise:
    """Choose the scales the items are rated on (until the rules are locked)."""
    _moderator(actor, exercise)
    chosen = _valid_scales(list(scales))
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _editable_rules(exercise)
        before = list(exercise.scales)
        exercise.scales = chosen
        exercise.save(update_fields=["scales"])
        record_event(action="foresight.scales_set", object_type="foresight.Exercise", object_id=exercise.code, actor=actor, before={"scales": before}, after={"scales": chosen})
    return exercise


def set_rules(actor, exercise: Exercise, values: Mapping) -> Exercise:
    """Set the consensus rules (validated by :mod:`.rules`) until they are locked."""
    _moderator(actor, exercise)
    try:
        cleaned = consensus_rules.clean_rules(values)
    except ValueError as exc:
        raise Refused(str(exc)) from exc
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _editable_rules(exercise)
        before = dict(exercise.consensus_rules)
        exercise.consensus_rules = cleaned
        exercise.save(update_fields=["consensus_rules"])
        record_event(action="foresight.rules_set", object_type="foresight.Exercise", object_id=exercise.code, actor=actor, before=before, after=cleaned)
    return exercise


def lock_rules(actor, exercise: Exercise) -> Exercise:
    """Lock the scales and the consensus rules: from now on they are the exercise's, unchanged."""
    _moderator(actor, exercise)
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _editable_rules(exercise)
        try:
            cleaned = consensus_rules.clean_rules(exercise.consensus_rules)
        except ValueError as exc:
            raise Refused(str(exc)) from exc
        _valid_scales(exercise.scales)
        exercise.consensus_rules = cleaned
        exercise.rules_locked_at = timezone.now()
        exercise.rules_locked_by = actor
        exercise.save(update_fields=["consensus_rules", "rules_locked_at", "rules_locked_by"])
        record_event(action="foresight.rules_locked", object_type="foresight.Exercise", object_id=exercise.code, actor=actor,
                     after={"rules": cleaned, "scales": list(exercise.scales)})
    return exercise


# --- panels, panellists, items ----------------------------------------------------------------------


def _not_closed(exercise: Exercise) -> None:
    _require(exercise.status != ExerciseStatus.CLOSED, _("The exercise is completed; it no longer changes."))


def add_panel(actor, exercise: Exercise, *, name_kk: str, name_ru: str, name_en: str = "") -> Panel:
    _moderator(actor, exercise)
    names = {
        "name_kk": _clean_text(name_kk, field=_("Name (Kazakh)"), required=True, limit=200),
        "name_ru": _clean_text(name_ru, field=_("Name (Russian)"), required=True, limit=200),
        "name_en": _clean_text(name_en, field=_("Name (English)"), required=False, limit=200),
    }
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _not_closed(exercise)
        panel = Panel.objects.create(exercise=exercise, **names)
        record_event(action="foresight.panel_added", object_type="foresight.Panel", object_id=panel.pk, actor=actor, after=names)
    return panel


def _expertise(value) -> int:
    try:
        level = int(str(value).strip())
    except (TypeError, ValueError):
        raise Refused(_("Expertise is rated from 1 to 5.")) from None
    _require(1 <= level <= 5, _("Expertise is rated from 1 to 5."))
    return level


def add_panellist(actor, exercise: Exercise, *, panel: Panel, user, expertise) -> Panellist:
    """Seat ``user`` (holding the panellist role) on ``panel``: before round 1 closes, once per exercise."""
    _moderator(actor, exercise)
    level = _expertise(expertise)
    _require(panel.exercise_id == exercise.pk, _("The panel belongs to another exercise."))
    _require(access.is_panellist_role(user), _("The person must hold the panellist's role."))
    _require(user.pk != exercise.moderator_id, _("The moderator does not sit on their own panel."))
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _not_closed(exercise)
        _require(not exercise.rounds.filter(number=1, status=RoundStatus.CLOSED).exists(),
                 _("Round 1 is closed: a panellist who joined now would have no first-round answer."))
        _require(not Panellist.objects.filter(exercise=exercise, user=user).exists(), _("The person already sits on this exercise's panel."))
        seat = Panellist.objects.create(exercise=exercise, panel=panel, user=user, expertise=level)
        record_event(action="foresight.panellist_added", object_type="foresight.Panellist", object_id=seat.pk, actor=actor,
                     after={"exercise": exercise.code, "panel": panel.pk, "user": user.get_username(), "expertise": level})
    return seat


def withdraw_panellist(actor, panellist: Panellist) -> Panellist:
    """Record that a panellist left the panel (their answers stay; they are no longer invited or reminded)."""
    exercise = panellist.exercise
    _require(access.may_moderate(actor, exercise) or panellist.user_id == getattr(actor, "pk", None), _("Only the moderator or the panellist may do this."), code=FORBIDDEN)
    with transaction.atomic():
        seat = Panellist.objects.select_for_update().get(pk=panellist.pk)
        _require(seat.withdrew_at is None, _("The panellist has already left the panel."))
        seat.withdrew_at = timezone.now()
        seat.save(update_fields=["withdrew_at"])
        record_event(action="foresight.panellist_withdrew", object_type="foresight.Panellist", object_id=seat.pk, actor=actor, after={"withdrew_at": seat.withdrew_at})
    return seat


def set_expertise(actor, panellist: Panellist, expertise) -> Panellist:
    """The panellist rates their own expertise on the exercise's topic (1–5), while the exercise runs."""
    _require(panellist.user_id == getattr(actor, "pk", None) and access.is_panellist_role(actor), _("Only the panellist rates their own expertise."), code=FORBIDDEN)
    level = _expertise(expertise)
    with transaction.atomic():
        seat = Panellist.objects.select_for_update().select_related("exercise").get(pk=panellist.pk)
        _not_closed(seat.exercise)
        before = seat.expertise
        seat.expertise = level
        seat.save(update_fields=["expertise"])
        record_event(action="foresight.expertise_rated", object_type="foresight.Panellist", object_id=seat.pk, actor=actor, before={"expertise": before}, after={"expertise": level})
    return seat


def _statements(statement_kk, statement_ru, statement_en, *, required_kk_ru: bool = True) -> dict[str, str]:
    return {
        "statement_kk": _clean_text(statement_kk, field=_("Statement (Kazakh)"), required=required_kk_ru, limit=STATEMENT_MAX),
        "statement_ru": _clean_text(statement_ru, field=_("Statement (Russian)"), required=required_kk_ru, limit=STATEMENT_MAX),
        "statement_en": _clean_text(statement_en, field=_("Statement (English)"), required=False, limit=STATEMENT_MAX),
    }


def add_item(actor, exercise: Exercise, *, code: str, statement_kk: str, statement_ru: str, statement_en: str = "",
             kind: str = ItemKind.TECHNOLOGY, order: int | None = None) -> Item:
    """An item of the prepared questionnaire (before round 1 opens)."""
    _moderator(actor, exercise)
    code = _clean_text(code, field=_("Code"), required=True, limit=16).upper()
    _require(bool(_ITEM_CODE.match(code)), _("An item's code is up to 16 capital Latin letters, digits and hyphens."))
    _require(kind in ItemKind.values, _("Choose the kind of item."))
    texts = _statements(statement_kk, statement_ru, statement_en)
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _not_closed(exercise)
        _require(not exercise.rounds.exists(), _("Round 1 has opened: new items come only from the panellists' proposals."))
        _require(not exercise.items.filter(code=code).exists(), _("An item with this code exists already."))
        if order is None:
            order = (exercise.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item = Item.objects.create(exercise=exercise, code=code, kind=kind, order=order, status=ItemStatus.ACCEPTED, first_round=1, **texts)
        record_event(action="foresight.item_added", object_type="foresight.Item", object_id=item.pk, actor=actor, after={"code": code, "kind": kind, **texts})
    return item


def _next_proposal_code(exercise: Exercise) -> str:
    taken = set(exercise.items.values_list("code", flat=True))
    n = 1
    while f"P{n:02d}" in taken:
        n += 1
    return f"P{n:02d}"


def propose_item(actor, round_: Round, *, statement: str, language: str, kind: str = ItemKind.TECHNOLOGY) -> Item:
    """A panellist proposes an item in round 1 (in their language); the moderator decides on it."""
    exercise = round_.exercise
    seat = access.seat_of(actor, exercise)
    _require(seat is not None, _("Only a panellist of this exercise proposes items."), code=FORBIDDEN)
    _require(seat.withdrew_at is None, _("You have left the panel."), code=FORBIDDEN)
    _require(kind in ItemKind.values, _("Choose the kind of item."))
    language = language if language in ("kk", "ru", "en") else "ru"
    text = _clean_text(statement, field=_("Statement"), required=True, limit=STATEMENT_MAX)
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round_.pk)
        _require(current.number == 1 and current.status == RoundStatus.OPEN, _("Items are proposed while round 1 is open."))
        _require(exercise.items.filter(proposed_by=seat).count() < 5, _("A panellist proposes at most five items."))
        order = (exercise.items.aggregate(m=Max("order"))["m"] or 0) + 1
        # the round's row is locked: proposals are numbered one at a time
        item = Item.objects.create(
            exercise=exercise, code=_next_proposal_code(exercise), kind=kind, order=order, status=ItemStatus.PROPOSED,
            proposed_by=seat, first_round=2, **{f"statement_{lang}": (text if lang == language else "") for lang in ("kk", "ru", "en")},
        )
        record_event(action="foresight.item_proposed", object_type="foresight.Item", object_id=item.pk, actor=actor, after={"code": item.code, "language": language})
    return item


def _decidable_proposal(actor, item: Item) -> Item:
    exercise = item.exercise
    _moderator(actor, exercise)
    current = Item.objects.select_for_update().get(pk=item.pk)
    _require(current.status == ItemStatus.PROPOSED, _("This proposal has been decided already."))
    _require(not exercise.rounds.filter(number__gte=2).exists(), _("Round 2 has opened: proposals are no longer decided."))
    return current


def accept_proposal(actor, item: Item, *, statement_kk: str, statement_ru: str, statement_en: str = "") -> Item:
    """Take a proposal into the questionnaire from round 2, with its statement in Kazakh and Russian."""
    texts = _statements(statement_kk, statement_ru, statement_en)
    with transaction.atomic():
        current = _decidable_proposal(actor, item)
        for name, value in texts.items():
            setattr(current, name, value)
        current.status = ItemStatus.ACCEPTED
        current.first_round = 2
        current.save(update_fields=[*texts, "status", "first_round"])
        record_event(action="foresight.proposal_accepted", object_type="foresight.Item", object_id=current.pk, actor=actor, after={"code": current.code, **texts})
    return current


def decline_proposal(actor, item: Item) -> Item:
    with transaction.atomic():
        current = _decidable_proposal(actor, item)
        current.status = ItemStatus.DECLINED
        current.save(update_fields=["status"])
        record_event(action="foresight.proposal_declined", object_type="foresight.Item", object_id=current.pk, actor=actor, after={"code": current.code})
    return current


# --- rounds ------------------------------------------------------------------------------------------


def _active_panellists(exercise: Exercise):
    return exercise.panellists.filter(withdrew_at__isnull=True)


def _questionnaire_link(round_: Round) -> str:
    return reverse("foresight:questionnaire", args=[round_.exercise.code, round_.number])


def _title(exercise: Exercise) -> dict[str, str]:
    return {"kk": exercise.title_kk, "ru": exercise.title_ru, "en": exercise.title_en or exercise.title_ru}


def open_round(actor, exercise: Exercise, *, deadline: date | None = None, notify_panel: bool = True) -> Round:
    """Open the next round (see the module's rules) and tell the panellists it awaits their answers."""
    from niokr.accounts.notifications import notify

    _moderator(actor, exercise)
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _not_closed(exercise)
        last = exercise.rounds.order_by("-number").first()
        number = 1 if last is None else last.number + 1
        if number == 1:
            _require(exercise.rules_locked, _("Lock the consensus rules before round 1: consensus is defined before anybody answers."))
            _require(rated_items(exercise, 1).exists(), _("Round 1 needs at least one item."))
            _require(_active_panellists(exercise).count() >= MIN_PANELLISTS, _("Round 1 needs at least %(n)s panellists.") % {"n": MIN_PANELLISTS})
        else:
            _require(last.status == RoundStatus.CLOSED, _("Round %(n)s must close before the next opens.") % {"n": last.number})
            _require(not exercise.items.filter(status=ItemStatus.PROPOSED).exists(), _("Accept or decline every proposed item before round 2 opens."))
            _require(_active_panellists(exercise).exists(), _("Nobody is left on the panel."))
        if deadline is not None:
            _require(deadline >= timezone.localdate(), _("The deadline has passed already."))
        round_ = Round.objects.create(exercise=exercise, number=number, status=RoundStatus.OPEN, opened_at=timezone.now(), deadline=deadline)
        if exercise.status == ExerciseStatus.DRAFT:
            exercise.status = ExerciseStatus.RUNNING
            exercise.save(update_fields=["status"])
        record_event(action="foresight.round_opened", object_type="foresight.Round", object_id=round_.pk, actor=actor,
                     after={"exercise": exercise.code, "number": number, "deadline": deadline})
        if notify_panel:
            link = _questionnaire_link(round_)
            for seat in _active_panellists(exercise).select_related("user").order_by("pk"):
                if seat.user.is_active:
                    notify(seat.user, "foresight.round_opened", {"exercise": _title(exercise), "round": number, "about": f"foresight:{round_.pk}"}, link=link)
    return round_


def response_of(panellist: Panellist, round_: Round) -> Response | None:
    return Response.objects.filter(round=round_, panellist=panellist).first()


def save_response(actor, round_: Round, answers: Iterable[AnswerInput], *, submit: bool = False) -> Response:
    """Save the actor's answers to an open round; ``submit``: every item × scale must be answered.

    Answers not given are left as they were. A submitted response may be changed and submitted again
    until the round closes. Every answer is validated before anything is written.
    """
    exercise = round_.exercise
    seat = access.seat_of(actor, exercise)
    _require(seat is not None, _("Only a panellist of this exercise answers its questionnaire."), code=FORBIDDEN)
    _require(seat.withdrew_at is None, _("You have left the panel."), code=FORBIDDEN)
    answers = list(answers)
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round_.pk)
        _require(current.status == RoundStatus.OPEN, _("The round is not open for answers: a closed round's answers never change."))
        items = {item.pk: item for item in rated_items(exercise, current.number)}
        errors: dict = {}
        cleaned: dict[tuple[int, str], tuple[int | None, bool, str]] = {}
        for given in answers:
            key = (given.item_id, given.scale)
            if given.item_id not in items or given.scale not in exercise.scales:
                errors[None] = _("An answer names an item or scale that is not in this round's questionnaire.")
                continue
            if key in cleaned:
                errors[key] = _("The same item and scale is answered twice.")
                continue
            try:
                comment = _clean_text(given.comment, field=_("Comment"), required=False, limit=COMMENT_MAX)
            except Refused as exc:
                errors[key] = exc.reason
                continue
            try:
                value = parse_value(given.scale, given.value)
            except ValueError:
                errors[key] = _range_message(given.scale)
                continue
            dont_know = bool(given.dont_know)
            if dont_know and value is not None:
                errors[key] = _("Give a value or choose “don't know”, not both.")
                continue
            if not dont_know and value is None:
                if comment:
                    errors[key] = _("A comment needs a value or “don't know”.")
                continue  # nothing answered here: left as it was
            cleaned[key] = (value, dont_know, comment)
        if errors:
            raise InvalidAnswers(errors)
        response, _created = Response.objects.select_for_update().get_or_create(round=current, panellist=seat)
        existing = {(a.item_id, a.scale): a for a in response.answers.all()}
        for (item_id, scale), (value, dont_know, comment) in cleaned.items():
            answer = existing.get((item_id, scale))
            if answer is None:
                existing[(item_id, scale)] = Answer.objects.create(response=response, item_id=item_id, scale=scale, value=value, dont_know=dont_know, comment=comment)
            elif (answer.value, answer.dont_know, answer.comment) != (value, dont_know, comment):
                answer.value, answer.dont_know, answer.comment = value, dont_know, comment
                answer.save(update_fields=["value", "dont_know", "comment"])
        if submit:
            missing = [(item, scale) for item, scale in expected_answers(exercise, current.number) if (item.pk, scale) not in existing]
            if missing:
                raise InvalidAnswers({(item.pk, scale): _("Answer this, or choose “don't know”.") for item, scale in missing})
            response.submitted_at = timezone.now()
        response.updated_at = timezone.now()
        response.save(update_fields=["submitted_at", "updated_at"])
        if submit:
            # The trail records that a response was submitted, never its values (anonymity).
            record_event(action="foresight.response_submitted", object_type="foresight.Round", object_id=current.pk, actor=actor,
                         after={"exercise": exercise.code, "round": current.number, "answers": len(existing)})
    return response


def submit_response(actor, round_: Round, answers: Iterable[AnswerInput] = ()) -> Response:
    return save_response(actor, round_, answers, submit=True)


def close_round(actor, round_: Round) -> Round:
    """Close an open round: compute its statistics once and freeze them (:func:`.results.freeze`)."""
    from niokr.foresight import results

    exercise = round_.exercise
    _moderator(actor, exercise)
    with transaction.atomic():
        current = Round.objects.select_for_update().select_related("exercise").get(pk=round_.pk)
        _require(current.status == RoundStatus.OPEN, _("Only an open round closes; a closed round is never reopened."))
        current.status = RoundStatus.CLOSED
        current.closed_at = timezone.now()
        current.save(update_fields=["status", "closed_at"])
        summary = results.freeze(current)
        record_event(action="foresight.round_closed", object_type="foresight.Round", object_id=current.pk, actor=actor,
                     after={"exercise": exercise.code, "number": current.number, "invited": summary.invited, "responded": summary.responded, "dropped": summary.dropped})
    return current


def send_reminders(actor, round_: Round, *, now=None) -> list[Panellist]:
    """Remind, personally, the panellists on the panel who have not submitted this open round's answers."""
    from niokr.accounts.notifications import notify

    exercise = round_.exercise
    _moderator(actor, exercise)
    now = now or timezone.now()
    sent: list[Panellist] = []
    with transaction.atomic():
        current = Round.objects.select_for_update().get(pk=round_.pk)
        _require(current.status == RoundStatus.OPEN, _("Reminders are sent while the round is open."))
        submitted = set(current.responses.filter(submitted_at__isnull=False).values_list("panellist_id", flat=True))
        recent = set(current.reminders.filter(sent_at__gt=now - REMINDER_INTERVAL).values_list("panellist_id", flat=True))
        total = len(expected_answers(exercise, current.number))
        link = _questionnaire_link(current)
        for seat in _active_panellists(exercise).select_related("user").order_by("pk"):
            if seat.pk in submitted or seat.pk in recent or not seat.user.is_active:
                continue
            response = response_of(seat, current)
            given = response.answers.count() if response else 0
            params = {"exercise": _title(exercise), "round": current.number, "missing": max(total - given, 0), "total": total, "about": f"foresight:{current.pk}"}
            if current.deadline:
                notify(seat.user, "foresight.reminder", {**params, "due": {"date": current.deadline.isoformat()}}, link=link)
            else:
                notify(seat.user, "foresight.reminder_open", params, link=link)
            Reminder.objects.create(round=current, panellist=seat, sent_at=now)
            sent.append(seat)
        record_event(action="foresight.reminders_sent", object_type="foresight.Round", object_id=current.pk, actor=actor, after={"sent": len(sent)})
    return sent


def close_exercise(actor, exercise: Exercise) -> Exercise:
    """Complete the exercise: no round open; nothing changes afterwards."""
    _moderator(actor, exercise)
    with transaction.atomic():
        exercise = _locked_exercise(exercise)
        _not_closed(exercise)
        _require(not exercise.rounds.filter(status=RoundStatus.OPEN).exists(), _("Close the open round first."))
        exercise.status = ExerciseStatus.CLOSED
        exercise.save(update_fields=["status"])
        record_event(action="foresight.exercise_closed", object_type="foresight.Exercise", object_id=exercise.code, actor=actor, after={"rounds": exercise.rounds.count()})
    return exercise


def likert(scale: str) -> bool:
    return scale in LIKERT_SCALES
