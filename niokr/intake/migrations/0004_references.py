"""Submissions and jobs get a business reference (SUB-2026-000042, JOB-2026-000007): the year they were
created (Asia/Almaty) and their number, filled here for the rows that exist."""

from django.db import migrations, models
from django.utils import timezone

from niokr.core.numbering import yearly_reference


def fill(apps, schema_editor):
    for model_name, prefix in (("Submission", "SUB"), ("JobRecord", "JOB")):
        model = apps.get_model("intake", model_name)
        for pk, created_at in model.objects.filter(reference__isnull=True).values_list("pk", "created_at").iterator():
            model.objects.filter(pk=pk).update(reference=yearly_reference(prefix, created_at or timezone.now(), pk))


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0003_submission_failed"),
    ]

    operations = [
        migrations.AddField(model_name="submission", name="reference", field=models.CharField(max_length=32, null=True, editable=False)),
        migrations.AddField(model_name="jobrecord", name="reference", field=models.CharField(max_length=32, null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="submission",
            name="reference",
            field=models.CharField(
                editable=False, max_length=32, unique=True, verbose_name="reference",
                help_text="The submission's number people quote and search by: SUB, the year it was received and a number (SUB-2026-000042)",
            ),
        ),
        migrations.AlterField(
            model_name="jobrecord",
            name="reference",
            field=models.CharField(
                editable=False, max_length=32, unique=True, verbose_name="reference",
                help_text="The job's number people quote: JOB, the year it was started and a number (JOB-2026-000007)",
            ),
        ),
    ]
