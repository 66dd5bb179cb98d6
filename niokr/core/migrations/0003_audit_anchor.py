"""The ledger's seals and the database anchor of the audit chain (ADR 9).

PostgreSQL: the sequence ``core_audit_anchor`` holds the id of the last committed audit event; it is
advanced after each commit that wrote events and is never moved back by the application, so a trail
emptied or cut short leaves the anchor above the last stored event. SQLite keeps the same figure in
``sqlite_sequence`` (``AUTOINCREMENT`` on ``core_auditevent``), which deleting events does not lower.
"""

from django.db import migrations, models


def create_anchor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS core_audit_anchor MINVALUE 0 START 0")
        schema_editor.execute("SELECT setval('core_audit_anchor', COALESCE((SELECT max(id) FROM core_auditevent), 0))")


def drop_anchor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS core_audit_anchor")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_currency_rates'),
    ]

    operations = [
        migrations.CreateModel(
            name='LedgerSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveBigIntegerField(help_text='The seq of the seal_ledger event', unique=True)),
                ('runs', models.JSONField(help_text='The sealed entry ids as [first, last] runs of consecutive ids, ascending')),
                ('entry_hashes', models.BinaryField(help_text="The first 8 bytes of each sealed entry's SHA-256, in id order")),
            ],
            options={
                'ordering': ['seq'],
            },
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='ledger_gaps',
            field=models.JSONField(blank=True, default=list, help_text='Ledger ids below the mark not yet seen: [first, last, database time] each'),
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='ledger_sealed_through',
            field=models.BigIntegerField(default=0, help_text='Highest ledger entry id sealed so far'),
        ),
        migrations.RunPython(create_anchor, drop_anchor),
    ]
