"""Every workflow's graph is sound, and the engine refuses with a reason and changes nothing."""

from __future__ import annotations

import re

import pytest
from django.db import models

from niokr.projects.lifecycle.workflow import Transition, TransitionRefused, Workflow, workflows

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def test_every_process_is_registered():
    assert "programme" in workflows()


@pytest.mark.parametrize("name", sorted(workflows()))
def test_the_graph_is_sound(name):
    assert workflows()[name].problems() == []


@pytest.mark.parametrize("name", sorted(workflows()))
def test_every_step_and_state_reads_in_kazakh_and_russian(name):
    from django.utils import translation

    wf = workflows()[name]
    for lang in ("kk", "ru"):
        with translation.override(lang):
            words = [str(t.label) for t in wf.transitions] + [str(s.label) for s in wf.states]
            assert [w for w in words if not CYRILLIC.search(w)] == [], (name, lang)


class _S(models.TextChoices):
    A = "a"
    B = "b"
    C = "c"
    D = "d"


def _wf(transitions, finals=frozenset({"c"})):
    return Workflow(name="t", model="x.Y", states=_S, start="a", finals=finals, transitions=tuple(transitions), roles_of=lambda o, u: set())


def test_the_checker_finds_an_unreachable_state_a_dead_end_a_roleless_step_and_an_exit_from_a_final_state():
    wf = _wf([
        Transition("go", ("a",), "b", frozenset({"company"}), "go"),
        Transition("end", ("b",), "c", frozenset(), "end"),
        Transition("again", ("c",), "a", frozenset({"company"}), "again"),
    ])
    problems = "\n".join(wf.problems())
    assert "end: names no role" in problems
    assert "'d' cannot be reached" in problems
    assert "'d' is not final and has no way out" in problems
    assert "the final state 'c' has a way out" in problems


def test_a_sound_graph_has_no_problems():
    wf = _wf([
        Transition("go", ("a",), "b", frozenset({"company"}), "go"),
        Transition("skip", ("a",), "d", frozenset({"company"}), "skip"),
        Transition("end", ("b", "d"), "c", frozenset({"company"}), "end"),
    ])
    assert wf.problems() == []


def test_an_unknown_step_is_refused_with_a_reason():
    wf = _wf([Transition("go", ("a",), "b", frozenset({"company"}), "go")])
    with pytest.raises(TransitionRefused) as refused:
        wf.transition("fly")
    assert refused.value.reason


def test_two_transitions_with_one_name_are_a_definition_error():
    with pytest.raises(ValueError):
        _wf([Transition("go", ("a",), "b", frozenset({"x"}), "go"), Transition("go", ("b",), "c", frozenset({"x"}), "go")])

