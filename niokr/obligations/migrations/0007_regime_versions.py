"""Rule regimes as effective-dated versions, and budget transfers that fulfil only once confirmed.

* ``RuleRegime.count_direct_before_change``: the transition parameter of ADR 3 (off by default).
* A regime version cannot end before it starts.
* ``BudgetTransfer.confirmed_on`` and ``confirmation``: when and by what the treasury confirmed a
  transfer; only a confirmed transfer carries them. Fulfilment posted earlier for a transfer the
  treasury never confirmed is reversed (run ``niokr recompute`` afterwards).
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def reverse_unconfirmed_transfers(apps, schema_editor):
    """Reverse the fulfilment posted for transfers the treasury never confirmed (the ledger is append-only)."""
    BudgetTransfer = apps.get_model("obligations", "BudgetTransfer")
    LedgerEntry = apps.get_model("obligations", "LedgerEntry")
    pending = [str(pk) for pk in BudgetTransfer.objects.filter(treasury_confirmed=False).values_list("pk", flat=True)]
    for start in range(0, len(pending), 5000):
        entries = LedgerEntry.objects.filter(kind="budget_transfer", source_type="obligations.BudgetTransfer", source_id__in=pending[start : start + 5000]).exclude(
            Exists(LedgerEntry.objects.filter(reverses=OuterRef("pk")))
        )
        for entry in entries.iterator():
            LedgerEntry.objects.create(
                right_id=entry.right_id, year=entry.year, kind="reversal", target_kind=entry.kind, channel=entry.channel, amount=entry.amount,
                entry_date=entry.entry_date, performer_id=entry.performer_id, reverses=entry, source_type=entry.source_type, source_id=entry.source_id,
                reference="transfer not confirmed by the treasury", idempotency_key=f"reversal:{entry.pk}",
            )


class Migration(migrations.Migration):

    dependencies = [
        ('obligations', '0006_figures_change_log'),
    ]

    operations = [
        migrations.RunPython(reverse_unconfirmed_transfers, migrations.RunPython.noop),
        migrations.AddField(
            model_name='budgettransfer',
            name='confirmation',
            field=models.CharField(blank=True, db_default='', default='', help_text="Where the confirmation came from: SUB-<id> for a treasury file, else the treasury's document", max_length=64, verbose_name='confirmation'),
        ),
        migrations.AddField(
            model_name='budgettransfer',
            name='confirmed_on',
            field=models.DateField(blank=True, help_text="The day the treasury's confirmation was recorded", null=True, verbose_name='confirmed on'),
        ),
        migrations.AddField(
            model_name='ruleregime',
            name='count_direct_before_change',
            field=models.BooleanField(db_default=False, default=False, help_text='In the year a right moves to this budget regime from a direct one, direct spending made before the change date counts alongside budget transfers', verbose_name='count direct spending before the change of channel'),
        ),
        migrations.AlterField(
            model_name='budgettransfer',
            name='treasury_confirmed',
            field=models.BooleanField(default=False, help_text='Only money the treasury received fulfils an obligation: an unconfirmed transfer is pending and posts nothing', verbose_name='confirmed by the treasury'),
        ),
        migrations.AddConstraint(
            model_name='budgettransfer',
            constraint=models.CheckConstraint(condition=models.Q(('treasury_confirmed', True), models.Q(('confirmation', ''), ('confirmed_on__isnull', True)), _connector='OR'), name='budget_transfer_confirmation_only_if_confirmed', violation_error_message='Only a confirmed transfer has a confirmation date or document.'),
        ),
        migrations.AddConstraint(
            model_name='ruleregime',
            constraint=models.CheckConstraint(condition=models.Q(('effective_to__isnull', True), ('effective_to__gte', models.F('effective_from')), _connector='OR'), name='regime_effective_period_ordered', violation_error_message='A regime version cannot end before it starts.'),
        ),
    ]
