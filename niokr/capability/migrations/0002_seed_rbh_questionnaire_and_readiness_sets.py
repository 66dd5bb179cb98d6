"""Seed version 1 of the default audit questionnaire (Rush–Bessant–Hobday, nine dimensions) and of
the readiness question sets (TRL per technology type, MRL, CRL), published.

The content is read from :mod:`niokr.capability.catalogue`; an existing version is left as it is
(a published version never changes), so the migration is safe to run on a database that has them.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from niokr.capability.catalogue import READINESS_SETS, RBH_QUESTIONNAIRE

    Questionnaire = apps.get_model("capability", "Questionnaire")
    Dimension = apps.get_model("capability", "Dimension")
    Question = apps.get_model("capability", "Question")
    QuestionSet = apps.get_model("capability", "ReadinessQuestionSet")
    ReadinessQuestion = apps.get_model("capability", "ReadinessQuestion")
    now = timezone.now()

    spec = RBH_QUESTIONNAIRE
    if not Questionnaire.objects.filter(code=spec["code"], version=spec["version"]).exists():
        questionnaire = Questionnaire.objects.create(
            code=spec["code"], version=spec["version"], status="published", published_at=now,
            valid_from=date.fromisoformat(spec["valid_from"]), title=spec["title"],
        )
        for d_order, d in enumerate(spec["dimensions"], start=1):
            dimension = Dimension.objects.create(questionnaire=questionnaire, code=d["code"], order=d_order, title=d["title"])
            Question.objects.bulk_create(
                Question(dimension=dimension, code=f"{d['code']}.{q_order}", order=q_order, text=q["text"], anchors=q["anchors"])
                for q_order, q in enumerate(d["questions"], start=1)
            )

    for spec in READINESS_SETS:
        if QuestionSet.objects.filter(code=spec["code"], version=spec["version"]).exists():
            continue
        question_set = QuestionSet.objects.create(
            code=spec["code"], version=spec["version"], kind=spec["kind"], technology_type=spec["technology_type"], max_level=spec["max_level"],
            status="published", published_at=now, valid_from=date.fromisoformat(spec["valid_from"]), title=spec["title"],
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


class Migration(migrations.Migration):
    dependencies = [("capability", "0001_questionnaires_audits_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
