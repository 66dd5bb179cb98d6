"""Error codes of ranking operations (raised as ``ValidationError(code=...)``)."""

from enum import StrEnum


class RankingError(StrEnum):
    FINAL = "final"
    CODE_TAKEN = "code_taken"
    BAD_CODE = "bad_code"
    TITLE_MISSING = "title_missing"
    TOO_MANY_CRITERIA = "too_many_criteria"
    TOO_FEW_CRITERIA = "too_few_criteria"
    TOO_MANY_CANDIDATES = "too_many_candidates"
    TOO_FEW_CANDIDATES = "too_few_candidates"
    NOT_ON_SAATY_SCALE = "not_on_saaty_scale"
    UNKNOWN_PAIR = "unknown_pair"
    COMPARISONS_INCOMPLETE = "comparisons_incomplete"
    SCORES_INCOMPLETE = "scores_incomplete"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    INCONSISTENT = "inconsistent"
    NO_FORESIGHT = "no_foresight"
    NO_CLOSED_ROUND = "no_closed_round"
    NO_RUN = "no_run"
    YEARS = "years"
    TEXT = "text"
