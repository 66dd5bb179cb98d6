"""The append-only fulfilment ledger, treasury transfers and the derived per-year balances."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from niokr.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS
from niokr.obligations.choices import Channel, EntryKind, YearStatus
from niokr.obligations.querysets import RightScopedQuerySet

MONEY = {"max_digits": MONEY_MAX_DIGITS, "decimal_places": MONEY_DECIMAL_PLACES}


class BudgetTransfer(models.Model):
    """A treasury payment order under KBK 401103 attributed to a right and a year."""

    payer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="budget_transfers", verbose_name=_("payer"))
    right = models.ForeignKey("registry.SubsoilRight", on_delete=models.PROTECT, related_name="budget_transfers", verbose_name=_("subsoil-use right"))
    order_number = models.CharField(_("payment order number"), max_length=64)
    paid_on = models.DateField(_("payment date"))
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    kbk = models.CharField(_("KBK"), max_length=6, default="401103")
    for_year = models.PositiveSmallIntegerField(_("year credited"), null=True, blank=True)
    treasury_confirmed = models.BooleanField(_("confirmed by the treasury"), default=False, help_text=_("Only money the treasury received fulfils an obligation: an unconfirmed transfer is pending and posts nothing"))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True, help_text=_("The day the treasury's confirmation was recorded"))
    confirmation = models.CharField(_("confirmation"), max_length=64, blank=True, default="", db_default="", help_text=_("Where the confirmation came from: SUB-<id> for a treasury file, else the treasury's document"))
    source_submission = models.PositiveBigIntegerField(_("submission"), null=True, blank=True, help_text=_("The intake submission the transfer came from"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RightScopedQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on"]
        verbose_name = _("budget transfer")
        verbose_name_plural = _("budget transfers")
        constraints = [
            # A payment order once per payer and date; a correction's submission may repeat it.
            models.UniqueConstraint(fields=["payer", "order_number", "paid_on"], condition=Q(source_submission__isnull=True), name="budget_transfer_unique_order"),
            models.UniqueConstraint(fields=["payer", "order_number", "paid_on", "source_submission"], condition=Q(source_submission__isnull=False), name="budget_transfer_unique_order_per_submission"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_transfer_positive", violation_error_message=_("A transfer amount is positive.")),
            models.CheckConstraint(
                condition=Q(treasury_confirmed=True) | Q(confirmed_on__isnull=True, confirmation=""),
                name="budget_transfer_confirmation_only_if_confirmed",
                violation_error_message=_("Only a confirmed transfer has a confirmation date or document."),
            ),
        ]

    def __str__(self) -> str:
        return f"№{self.order_number} {self.paid_on} {self.amount}"


class LedgerEntry(models.Model):
    """One append-only entry. Amounts are never negative; a reversal undoes the entry it names.

    ``year`` is the contract-year the entry counts toward. Fulfilment entries carry the channel,
    the date and the performer so that eligibility can be judged under the year's regime.
    An exclusion removes fulfilment (it copies the excluded line's channel, date and performer).
    """

    right = models.ForeignKey("registry.SubsoilRight", on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("subsoil-use right"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    target_kind = models.CharField(_("kind affected"), max_length=16, choices=EntryKind.choices, help_text=_("The kind of entry a reversal undoes; the entry's own kind otherwise"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, blank=True)
    amount = models.DecimalField(_("amount, KZT"), **MONEY)
    entry_date = models.DateField(_("date"))
    performer = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("performer"))
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by", verbose_name=_("reverses"))
    source_type = models.CharField(_("source type"), max_length=48, blank=True)
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    regime_code = models.CharField(_("regime"), max_length=32, blank=True)
    regime_version = models.PositiveIntegerField(null=True, blank=True)
    base_figure = models.ForeignKey("obligations.BaseFigure", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("base figure"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=160, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RightScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["right", "year"], name="ledger_right_year_idx"),
            # National figures of one year by channel read this index alone (PostgreSQL: index-only).
            models.Index(fields=["year", "kind"], include=["channel", "target_kind", "amount", "right"], name="ledger_year_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="ledger_amount_not_negative", violation_error_message=_("Ledger amounts are never negative; use a reversal.")),
            models.CheckConstraint(
                condition=Q(kind="reversal", reverses__isnull=False) | (~Q(kind="reversal") & Q(reverses__isnull=True)),
                name="ledger_reversal_names_entry",
                violation_error_message=_("A reversal names the entry it reverses, and only a reversal does."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.right_id}/{self.year} {self.amount}"


class RightYearBalance(models.Model):
    """The engine's result for a right-year, rebuilt by ``niokr recompute`` from the ledger.

    A projection, never edited by hand: every figure comes with the reasons that produced it.
    """

    right = models.ForeignKey("registry.SubsoilRight", on_delete=models.CASCADE, related_name="balances", verbose_name=_("subsoil-use right"))
    year = models.PositiveSmallIntegerField(_("year"))
    regime_code = models.CharField(_("regime"), max_length=32)
    regime_version = models.PositiveIntegerField()
    base_type = models.CharField(_("base type"), max_length=32)
    base_year = models.PositiveSmallIntegerField(_("base year"))
    base_amount = models.DecimalField(_("base"), null=True, blank=True, **MONEY)
    base_figure = models.ForeignKey("obligations.BaseFigure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("base figure"))
    obligation = models.DecimalField(_("obligation"), null=True, blank=True, **MONEY)
    fulfilled = models.DecimalField(_("eligible fulfilment"), **MONEY)
    ineligible = models.DecimalField(_("ineligible"), **MONEY)
    credit_in = models.DecimalField(_("credit brought forward"), **MONEY)
    credit_out = models.DecimalField(_("credit carried forward"), **MONEY)
    arrears = models.DecimalField(_("arrears"), null=True, blank=True, **MONEY)
    status = models.CharField(_("status"), max_length=16, choices=YearStatus.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    ineligible_detail = models.JSONField(_("ineligible lines"), default=list)
    fingerprint = models.CharField(max_length=32, default="", help_text=_("Digest of the figures and reasons; a recompute rewrites only rows whose digest changed"))
    computed_at = models.DateTimeField(help_text=_("When these figures were last changed by a recompute"))

    objects = RightScopedQuerySet.as_manager()

    class Meta:
        ordering = ["right", "year"]
        verbose_name = _("right-year balance")
        verbose_name_plural = _("right-year balances")
        constraints = [models.UniqueConstraint(fields=["right", "year"], name="balance_right_year_unique")]
        indexes = [models.Index(fields=["year", "status"], name="balance_year_status_idx")]

    def __str__(self) -> str:
        return f"{self.right_id}/{self.year}: {self.status}"
