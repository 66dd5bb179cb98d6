"""Enumerations of the obligation domain. Values are the interchange codes of docs/formats/."""

from django.db import models

from niokr.core.labelled import reference_labels


@reference_labels
class BaseType(models.TextChoices):
    AGGREGATE_INCOME = "aggregate_income"
    PRODUCTION_COSTS = "production_costs"


@reference_labels
class RateKind(models.TextChoices):
    FLOOR = "floor"
    EXACT = "exact"


@reference_labels
class FirstDueRule(models.TextChoices):
    FROM_ASSIGNMENT = "from_assignment"
    SECOND_PRODUCTION_YEAR = "second_production_year"


@reference_labels
class Channel(models.TextChoices):
    DIRECT = "direct"
    BUDGET = "budget"


@reference_labels
class CreditRule(models.TextChoices):
    NONE = "none"
    CARRY_FORWARD = "carry_forward"


@reference_labels
class Rounding(models.TextChoices):
    TIYN = "tiyn"
    TENGE = "tenge"


@reference_labels
class BaseStatus(models.TextChoices):
    DRAFT = "draft"
    ACCEPTED = "accepted"


@reference_labels
class BaseSource(models.TextChoices):
    REPORT = "report"
    LKU = "lku"
    AUDIT = "audit"
    TAX = "tax"
    GENERATED = "generated"


@reference_labels
class EntryKind(models.TextChoices):
    OBLIGATION = "obligation"
    DIRECT_SPEND = "direct_spend"
    BUDGET_TRANSFER = "budget_transfer"
    EXCLUSION = "exclusion"
    REVERSAL = "reversal"


@reference_labels
class YearStatus(models.TextChoices):
    NOT_DUE = "not_due"
    BASE_MISSING = "base_missing"
    NO_OBLIGATION = "no_obligation"
    FULFILLED = "fulfilled"
    PARTLY = "partly"
    UNFULFILLED = "unfulfilled"


@reference_labels
class ReportingFrequency(models.TextChoices):
    """How often a regime asks for spending reports (``RuleRegime.reporting_frequency``)."""

    ANNUAL = "annual"
    QUARTERLY = "quarterly"
