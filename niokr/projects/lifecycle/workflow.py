"""Declarative workflows: states, transitions with the roles allowed, guards that say why they refuse.

A process (a programme's review, a council session, an expertise, a call, a stage) is one
:class:`Workflow`: its states are a ``TextChoices`` enumeration, its transitions name the states they
leave, the state they reach, the roles that may take them and the guards that must hold. A guard is
a function ``guard(obj, context) -> str | None``: ``None`` when it holds, otherwise the reason, in
the reader's language, why the transition is refused ("the quorum is not reached: 5 of 13 present,
7 needed").

Nothing but :func:`perform` changes a status. It locks the object's row, re-reads it, checks that
the transition leaves the current state, that the user holds one of the roles the transition names
*for this object* (a member of *this* council, the payer of *this* agreement), and every guard; then
it applies the change, writes one audit event and sends the notifications, in one transaction. A
refusal raises :class:`TransitionRefused` with the reason and changes nothing.

Soundness (:meth:`Workflow.problems`): every state reachable from the start, every state that is
not final has a way out, every transition names at least one role — checked by a test for every
registered workflow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

__all__ = [
    "Guard",
    "Transition",
    "Workflow",
    "TransitionRefused",
    "Outcome",
    "register",
    "workflows",
    "workflow_of",
    "perform",
    "refusal",
    "available",
]

#: The role of what the system itself does (``user`` ``None``: a vote closed at its time).
SYSTEM = "system"

#: ``guard(obj, context) -> None`` when it holds, else the reason it refuses (the reader's language).
Guard = Callable[[Any, Mapping[str, Any]], "str | None"]
#: ``roles_of(obj, user) -> set of role names`` the user holds *for this object*.
RolesOf = Callable[[Any, Any], "set[str]"]
#: ``effect(obj, context)``: what the transition does besides the status (inside the transaction).
Effect = Callable[[Any, Mapping[str, Any]], None]
#: ``recipients(obj, context) -> [(user, kind, params), ...]``: who is asked to act, and about what.
Recipients = Callable[[Any, Mapping[str, Any]], Iterable[tuple[Any, str, Mapping[str, Any]]]]


class TransitionRefused(Exception):
    """A transition refused: ``reason`` says why in the reader's language; nothing was changed."""

    def __init__(self, reason: str, *, code: str = "refused") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Transition:
    """One step: from ``sources`` to ``target``, by ``roles``, if every guard holds."""

    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    label: Any  # a lazy translation: the button's words
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    notify: Recipients | None = None
    #: The audit action written for this transition (default: the workflow's name + the transition's).
    action: str = ""


@dataclass
class Workflow:
    """A process as data (see the module docstring)."""

    name: str
    model: type[models.Model] | str
    states: type[models.TextChoices]
    start: str
    finals: frozenset[str]
    transitions: tuple[Transition, ...]
    roles_of: RolesOf
    state_field: str = "status"
    _by_name: dict[str, Transition] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {t.name: t for t in self.transitions}
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"{self.name}: two transitions share a name")

    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise TransitionRefused(_("There is no such step in this process."), code="unknown") from None

    def state_label(self, value: str) -> str:
        return str(self.states(value).label)

    def problems(self) -> list[str]:
        """What makes the graph unsound (empty when it is sound); see the module docstring."""
        values = set(self.states.values)
        out = []
        if self.start not in values:
            out.append(f"{self.name}: the start {self.start!r} is not a state")
        for t in self.transitions:
            if not t.roles:
                out.append(f"{self.name}.{t.name}: names no role")
            for s in (*t.sources, t.target):
                if s not in values:
                    out.append(f"{self.name}.{t.name}: {s!r} is not a state")
        reached, frontier = {self.start}, [self.start]
        while frontier:
            state = frontier.pop()
            for t in self.transitions:
                if state in t.sources and t.target not in reached:
                    reached.add(t.target)
                    frontier.append(t.target)
        for state in sorted(values - reached):
            out.append(f"{self.name}: {state!r} cannot be reached from {self.start!r}")
        for state in sorted(values - set(self.finals)):
            if not any(state in t.sources and t.target != state for t in self.transitions):
                out.append(f"{self.name}: {state!r} is not final and has no way out")
        for state in self.finals:
            if any(state in t.sources for t in self.transitions):
                out.append(f"{self.name}: the final state {state!r} has a way out")
        return out

    def rows(self) -> list[dict[str, Any]]:
        """The workflow as a table (for the docs and the help page): one row per transition."""
        return [
            {
                "transition": t.name,
                "label": str(t.label),
                "from": [self.state_label(s) for s in t.sources],
                "to": self.state_label(t.target),
                "roles": sorted(t.roles),
                "guards": [(g.__doc__ or g.__name__).strip().splitlines()[0] for g in t.guards],
            }
            for t in self.transitions
        ]


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _REGISTRY[workflow.name] = workflow
    return workflow


def workflows() -> dict[str, Workflow]:
    """Every registered workflow by name (the definitions are imported on first use)."""
    from niokr.projects.lifecycle import processes  # noqa: F401  (registers)

    return dict(_REGISTRY)


def workflow_of(name: str) -> Workflow:
    return workflows()[name]


def _state(workflow: Workflow, obj) -> str:
    return getattr(obj, workflow.state_field)


def refusal(workflow: Workflow, obj, name: str, user, context: Mapping[str, Any] | None = None) -> str | None:
    """Why ``user`` may not take transition ``name`` on ``obj`` now (``None``: they may)."""
    context = dict(context or {})
    t = workflow.transition(name)
    state = _state(workflow, obj)
    if state not in t.sources:
        return _("This step cannot be taken while the status is «%(state)s».") % {"state": workflow.state_label(state)}
    held = workflow.roles_of(obj, user) if user is not None else {SYSTEM}
    if not (held & t.roles):
        return _("Your role does not allow this step.")
    for guard in t.guards:
        reason = guard(obj, context | {"user": user})
        if reason:
            return reason
    return None


def available(workflow: Workflow, obj, user, context: Mapping[str, Any] | None = None) -> list[tuple[Transition, str | None]]:
    """The transitions out of ``obj``'s state the user holds a role for, each with its refusal (or ``None``)."""
    state = _state(workflow, obj)
    held = workflow.roles_of(obj, user) if user is not None else {SYSTEM}
    out = []
    for t in workflow.transitions:
        if state in t.sources and held & t.roles:
            out.append((t, refusal(workflow, obj, t.name, user, context)))
    return out


@dataclass(frozen=True)
class Outcome:
    obj: Any
    before: str
    after: str
    event_seq: int


def perform(workflow: Workflow, obj, name: str, user, *, reason: str = "", context: Mapping[str, Any] | None = None) -> Outcome:
    """Take transition ``name`` on ``obj`` as ``user``: check, change, audit, notify — or refuse.

    Raises :class:`TransitionRefused` (nothing changed) when the state, the role or a guard forbids it.
    """
    from niokr.accounts.notifications import notify
    from niokr.core.audit import record_event

    t = workflow.transition(name)
    context = dict(context or {})
    with transaction.atomic():
        model = type(obj)
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        why = refusal(workflow, locked, name, user, context)
        if why:
            raise TransitionRefused(why)
        before = _state(workflow, locked)
        setattr(locked, workflow.state_field, t.target)
        locked.save(update_fields=[workflow.state_field])
        if t.effect is not None:
            t.effect(locked, context | {"user": user, "before": before})
        event = record_event(
            action=t.action or f"{workflow.name}.{t.name}",
            object_type=f"{model._meta.app_label}.{model.__name__}",
            object_id=locked.pk,
            before={workflow.state_field: before},
            after={workflow.state_field: t.target, **dict(context.get("audit") or {})},
            reason=reason,
            actor=user,
        )
        if t.notify is not None:
            for recipient, kind, params in t.notify(locked, context | {"user": user}):
                if recipient is not None and recipient != user:
                    notify(recipient, kind, params)
    setattr(obj, workflow.state_field, t.target)
    return Outcome(locked, before, t.target, event.seq)
