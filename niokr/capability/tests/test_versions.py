"""The seeded questionnaire and question sets, and the rule that a published version never changes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from niokr.capability import services
from niokr.capability.catalogue import READINESS_SETS, RBH_QUESTIONNAIRE
from niokr.capability.models import Dimension, Question, Questionnaire, ReadinessQuestion, ReadinessQuestionSet
from niokr.capability.models.common import Frozen, validate_trilingual
from niokr.core.models import AuditEvent

pytestmark = pytest.mark.django_db

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile("[А-Яа-яЁё]")


def _texts(value):
    validate_trilingual(value)
    assert value["kk"] != value["ru"], value["kk"]  # a translation, not the Russian copied
    assert CYRILLIC.search(value["ru"]), value["ru"]
    assert not CYRILLIC.search(value["en"]), value["en"]


def test_the_default_questionnaire_has_the_nine_rbh_dimensions_in_three_languages():
    q = Questionnaire.objects.get(code="rbh-tca", version=1)
    assert q.is_published and q.published_at
    codes = list(Dimension.objects.filter(questionnaire=q).order_by("order").values_list("code", flat=True))
    assert codes == ["awareness", "searching", "competencies", "strategy", "assessing", "acquiring", "implementing", "learning", "linkages"]
    for dimension in Dimension.objects.filter(questionnaire=q):
        _texts(dimension.title)
        questions = list(dimension.questions.all())
        assert 2 <= len(questions) <= 3
        for question in questions:
            _texts(question.text)
            assert len(question.anchors) == 4
            for anchor in question.anchors:
                validate_trilingual(anchor)
    kazakh = [question.text["kk"] for question in Question.objects.filter(dimension__questionnaire=q)]
    assert sum(bool(KAZAKH_LETTERS.search(text)) for text in kazakh) >= 0.9 * len(kazakh)  # written in Kazakh letters
    assert Question.objects.filter(dimension__questionnaire=q).count() == sum(len(d["questions"]) for d in RBH_QUESTIONNAIRE["dimensions"]) == 22


@pytest.mark.parametrize("code", ["trl-hardware", "trl-software", "trl-process", "trl-medical-device", "trl-agricultural"])
def test_every_trl_set_asks_two_to_four_questions_at_each_level(code):
    question_set = ReadinessQuestionSet.objects.get(code=code, version=1)
    assert question_set.is_published and question_set.kind == "trl" and question_set.max_level == 9
    for level in range(1, 10):
        questions = list(question_set.questions.filter(level=level))
        assert 2 <= len(questions) <= 4, (code, level)
        for question in questions:
            _texts(question.text)


def test_the_medical_device_set_anchors_levels_7_and_8_to_the_eaeu_registration_events():
    question_set = ReadinessQuestionSet.objects.get(code="trl-medical-device", version=1)
    level7 = " ".join(q.text["ru"] for q in question_set.questions.filter(level=7))
    level8 = " ".join(q.text["ru"] for q in question_set.questions.filter(level=8))
    assert "разрешение на проведение клинических" in level7 and "№ 29" in level7
    assert "Национального центра экспертизы лекарственных средств и медицинских изделий" in level7
    assert "регистрационное досье" in level8 and "регистрационное удостоверение" in level8 and "№ 46" in level8


def test_mrl_and_crl_run_on_the_same_engine_with_their_own_scales():
    mrl = ReadinessQuestionSet.objects.get(code="mrl-general")
    crl = ReadinessQuestionSet.objects.get(code="crl-general")
    assert (mrl.kind, mrl.max_level, mrl.questions.count()) == ("mrl", 10, 10)
    assert (crl.kind, crl.max_level, crl.questions.count()) == ("crl", 6, 6)
    assert len(READINESS_SETS) == 7


def test_a_published_questionnaire_and_its_questions_refuse_every_write(world):
    q = world.questionnaire
    question = Question.objects.filter(dimension__questionnaire=q).first()
    question.text = {**question.text, "en": "Changed?"}
    with pytest.raises(Frozen):
        question.save()
    with pytest.raises(Frozen):
        question.delete()
    with pytest.raises(Frozen):
        Dimension.objects.create(questionnaire=q, code="extra", order=99, title={"kk": "Қосымша", "ru": "Доп", "en": "Extra"})
    q.title = {**q.title, "en": "Other"}
    with pytest.raises(Frozen):
        q.save()
    with pytest.raises(Frozen):
        Questionnaire.objects.get(pk=q.pk).delete()
    assert Question.objects.get(pk=question.pk).text["en"] != "Changed?"


def test_the_service_refuses_to_edit_a_published_question(world):
    question = Question.objects.filter(dimension__questionnaire=world.questionnaire).first()
    with pytest.raises(ValidationError) as refused:
        services.edit_question(question=question, text={"kk": "Сұрақ", "ru": "Вопрос", "en": "Question"}, anchors=question.anchors, actor=world.users["assessor"])
    assert refused.value.code == "published"


def test_a_change_is_a_new_version_and_the_old_one_stays_as_it_was(world):
    actor = world.users["assessor"]
    v1 = world.questionnaire
    v2 = services.draft_questionnaire_version(source=v1, actor=actor)
    assert (v2.code, v2.version, v2.status, v2.based_on_id) == (v1.code, 2, "draft", v1.pk)
    assert Question.objects.filter(dimension__questionnaire=v2).count() == 22
    question = Question.objects.filter(dimension__questionnaire=v2).order_by("dimension__order", "order").first()
    services.edit_question(question=question, text={"kk": "Жаңа сұрақ", "ru": "Новый вопрос", "en": "A new question"}, anchors=question.anchors, actor=actor)
    with pytest.raises(ValidationError) as twice:
        services.draft_questionnaire_version(source=v1, actor=actor)
    assert twice.value.code == "draft_exists"
    services.publish_questionnaire(questionnaire=v2, actor=actor)
    v2.refresh_from_db()
    assert v2.is_published
    original = Question.objects.filter(dimension__questionnaire=v1).order_by("dimension__order", "order").first()
    assert original.text["ru"] != "Новый вопрос"
    actions = list(AuditEvent.objects.filter(action__startswith="capability.questionnaire").values_list("action", flat=True))
    assert actions == ["capability.questionnaire.draft", "capability.questionnaire.edit_question", "capability.questionnaire.publish"]


def test_a_draft_version_of_an_empty_dimension_is_not_published(world):
    actor = world.users["assessor"]
    draft = Questionnaire.objects.create(code="empty", version=1, valid_from=date(2025, 1, 1), title={"kk": "Бос", "ru": "Пусто", "en": "Empty"})
    Dimension.objects.create(questionnaire=draft, code="one", order=1, title={"kk": "Бір", "ru": "Один", "en": "One"})
    with pytest.raises(ValidationError) as refused:
        services.publish_questionnaire(questionnaire=draft, actor=actor)
    assert refused.value.code == "incomplete_version"


def test_a_question_set_with_a_level_gap_is_not_published_and_a_copy_is(world):
    actor = world.users["assessor"]
    draft = services.draft_question_set_version(source=world.question_set(), actor=actor)
    assert draft.version == 2 and draft.questions.count() == world.question_set().questions.count()
    ReadinessQuestion.objects.filter(question_set=draft, level=5).delete()
    with pytest.raises(ValidationError) as refused:
        services.publish_question_set(question_set=draft, actor=actor)
    assert refused.value.code == "incomplete_version" and "5" in refused.value.messages[0]


def test_editing_a_readiness_question_checks_its_threshold(world):
    actor = world.users["assessor"]
    draft = services.draft_question_set_version(source=world.question_set(), actor=actor)
    question = draft.questions.get(level=6, order=1)
    with pytest.raises(ValidationError):
        services.edit_readiness_question(question=question, text=question.text, answer_type="percent", threshold=101, actor=actor)
    services.edit_readiness_question(question=question, text=question.text, answer_type="percent", threshold=75, actor=actor)
    assert ReadinessQuestion.objects.get(pk=question.pk).threshold == 75
    yes_no = services.edit_readiness_question(question=question, text=question.text, answer_type="yes_no", threshold=20, actor=actor)
    assert yes_no.threshold == 100


@pytest.mark.parametrize("persona", ["performer_p", "regulator", "policy_analyst", "auditor", "outsider"])
def test_only_assessors_and_administrators_make_versions(world, persona):
    with pytest.raises(PermissionDenied):
        services.draft_questionnaire_version(source=world.questionnaire, actor=world.users[persona])
    assert Questionnaire.objects.filter(code="rbh-tca").count() == 1
