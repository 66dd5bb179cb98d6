"""Codes of the capability services' refusals (``ValidationError.code``): tests and the API match on them."""

from enum import StrEnum

__all__ = ["Error"]


class Error(StrEnum):
    DATE_MISSING = "date_missing"
    DATE_IN_FUTURE = "date_in_future"
    DATE_TOO_EARLY = "date_too_early"
    BAD_TEXT = "bad_text"
    BAD_EVIDENCE = "bad_evidence"
    BAD_KIND = "bad_kind"
    BAD_ANSWER = "bad_answer"
    DRAFT_EXISTS = "draft_exists"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"
    NOT_IN_FORCE = "not_in_force"
    INCOMPLETE_VERSION = "incomplete_version"
    PHASE_MISSING = "phase_missing"
    PHASE_WITHOUT_PROJECT = "phase_without_project"
    NOT_A_PARTY = "not_a_party"
    SUBMITTED = "submitted"
    NOT_SUBMITTED = "not_submitted"
    UNANSWERED = "unanswered"
    FOREIGN_QUESTION = "foreign_question"
    CORRECTION_MISMATCH = "correction_mismatch"
    REASON_MISSING = "reason_missing"
