"""Enumerations of the obligation domain. Values are the interchange codes of docs/formats/."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseType(models.TextChoices):
    AGGREGATE_INCOME = "aggregate_income", _("Aggregate annual income (SGD) of the previous year")
    PRODUCTION_COSTS = "production_costs", _("Production costs of the previous year")


class RateKind(models.TextChoices):
    FLOOR = "floor", _("At least the rate (floor)")
    EXACT = "exact", _("Exactly the rate")


class FirstDueRule(models.TextChoices):
    FROM_ASSIGNMENT = "from_assignment", _("Every year the regime is in force")
    SECOND_PRODUCTION_YEAR = "second_production_year", _("From the 2nd calendar year of production (licence issue for solid minerals)")


class Channel(models.TextChoices):
    DIRECT = "direct", _("Direct R&D spending with performers")
    BUDGET = "budget", _("Transfer to the republican budget, KBK 401103")


class CreditRule(models.TextChoices):
    NONE = "none", _("Over-fulfilment is not carried forward")
    CARRY_FORWARD = "carry_forward", _("Over-fulfilment is credited to later years")


class Rounding(models.TextChoices):
    TIYN = "tiyn", _("To the tiyn, half up")
    TENGE = "tenge", _("To the tenge, half up")


class BaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACCEPTED = "accepted", _("Accepted")


class BaseSource(models.TextChoices):
    REPORT = "report", _("Company report")
    LKU = "lku", _("Licence/contract conditions (LKU) report")
    AUDIT = "audit", _("Audit or inspection")
    TAX = "tax", _("Tax declaration")
    GENERATED = "generated", _("Synthetic data")


class EntryKind(models.TextChoices):
    OBLIGATION = "obligation", _("Obligation")
    DIRECT_SPEND = "direct_spend", _("Direct R&D spending")
    BUDGET_TRANSFER = "budget_transfer", _("Budget transfer (KBK 401103)")
    EXCLUSION = "exclusion", _("Exclusion")
    REVERSAL = "reversal", _("Reversal")


class YearStatus(models.TextChoices):
    NOT_DUE = "not_due", _("Not yet due")
    BASE_MISSING = "base_missing", _("Due, base not reported")
    NO_OBLIGATION = "no_obligation", _("No obligation (zero base)")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
