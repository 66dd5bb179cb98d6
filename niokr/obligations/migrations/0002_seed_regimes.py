"""Seed the rule-regime catalogue from ``niokr.obligations.catalogue`` (DOMAIN.md §1)."""

from django.db import migrations


def seed(apps, schema_editor):
    from niokr.obligations.catalogue import REGIMES

    RuleRegime = apps.get_model("obligations", "RuleRegime")
    for spec in REGIMES:
        fields = {k: v for k, v in spec.items() if k not in {"code", "version"}}
        RuleRegime.objects.update_or_create(code=spec["code"], version=spec["version"], defaults=fields)


def unseed(apps, schema_editor):
    from niokr.obligations.catalogue import REGIMES

    RuleRegime = apps.get_model("obligations", "RuleRegime")
    for spec in REGIMES:
        RuleRegime.objects.filter(code=spec["code"], version=spec["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [("obligations", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
