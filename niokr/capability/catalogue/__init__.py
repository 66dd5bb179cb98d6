"""The default content the capability app is seeded with: the audit questionnaire and the readiness question sets.

Plain data (trilingual dictionaries), read by the data migrations that seed version 1 of each. A
published version never changes: changing this content later does not change what is stored; a new
version is made through the services (or a new data migration that adds version 2).
"""

from datetime import date

from niokr.capability.catalogue.audit import RBH_QUESTIONNAIRE
from niokr.capability.catalogue.readiness import READINESS_SETS

__all__ = ["RBH_QUESTIONNAIRE", "READINESS_SETS", "ensure_catalogue"]


def ensure_catalogue(apps=None) -> None:
    """Create the default questionnaire and readiness question sets that the database lacks (published;
    an existing version is never changed). ``apps``: a migration's historical registry (default: the
    current models) — a flushed test database or a new one gets them back."""
    from django.apps import apps as current
    from django.utils import timezone

    apps = apps or current
    Questionnaire = apps.get_model("capability", "Questionnaire")
    Dimension = apps.get_model("capability", "Dimension")
    Question = apps.get_model("capability", "Question")
    QuestionSet = apps.get_model("capability", "ReadinessQuestionSet")
    ReadinessQuestion = apps.get_model("capability", "ReadinessQuestion")
    now = timezone.now()

    spec = RBH_QUESTIONNAIRE
    if not Questionnaire.objects.filter(code=spec["code"], version=spec["version"]).exists():
        # Made as a draft with its content, then published (a published version takes no new content).
        questionnaire = Questionnaire.objects.create(
            code=spec["code"], version=spec["version"], status="draft", valid_from=date.fromisoformat(spec["valid_from"]), title=spec["title"],
        )
        for d_order, d in enumerate(spec["dimensions"], start=1):
            dimension = Dimension.objects.create(questionnaire=questionnaire, code=d["code"], order=d_order, title=d["title"])
            Question.objects.bulk_create(
                Question(dimension=dimension, code=f"{d['code']}.{q_order}", order=q_order, text=q["text"], anchors=q["anchors"])
                for q_order, q in enumerate(d["questions"], start=1)
            )
        Questionnaire.objects.filter(pk=questionnaire.pk).update(status="published", published_at=now)

    for spec in READINESS_SETS:
        if QuestionSet.objects.filter(code=spec["code"], version=spec["version"]).exists():
            continue
        question_set = QuestionSet.objects.create(
            code=spec["code"], version=spec["version"], kind=spec["kind"], technology_type=spec["technology_type"], max_level=spec["max_level"],
            status="draft", valid_from=date.fromisoformat(spec["valid_from"]), title=spec["title"],
        )
        orders: dict[int, int] = {}
        rows = []
        for q in spec["questions"]:
            orders[q["level"]] = orders.get(q["level"], 0) + 1
            rows.append(ReadinessQuestion(
                question_set=question_set, code=f"l{q['level']}.{orders[q['level']]}", level=q["level"], order=orders[q["level"]],
                text=q["text"], answer_type=q["answer_type"], threshold=q["threshold"],
            ))
        ReadinessQuestion.objects.bulk_create(rows)
        QuestionSet.objects.filter(pk=question_set.pk).update(status="published", published_at=now)
