"""Seed version 1 of the default audit questionnaire (Rush–Bessant–Hobday, nine dimensions) and of
the readiness question sets (TRL per technology type, MRL, CRL), published.

The content is read from :mod:`niokr.capability.catalogue`; an existing version is left as it is
(a published version never changes), so the migration is safe to run on a database that has them.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from niokr.capability.catalogue import ensure_catalogue

    ensure_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [("capability", "0001_questionnaires_audits_assessments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
