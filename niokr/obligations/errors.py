"""Error codes of obligation operations (raised as ``ValidationError(code=...)``)."""

from enum import StrEnum


class ObligationError(StrEnum):
    UNKNOWN_REGIME = "unknown_regime"
    REGIME_NOT_FOR_MINERAL = "regime_not_for_mineral"
    NEGATIVE_BASE = "negative_base"
    BASE_YEAR_OUT_OF_RANGE = "base_year_out_of_range"
    DUPLICATE_ENTRY = "duplicate_entry"
    ALREADY_REVERSED = "already_reversed"
    REVERSING_A_REVERSAL = "reversing_a_reversal"
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    OUTSIDE_REGIME_LIFE = "outside_regime_life"
