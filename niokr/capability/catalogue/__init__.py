"""The default content the capability app is seeded with: the audit questionnaire and the readiness question sets.

Plain data (trilingual dictionaries), read by the data migrations that seed version 1 of each. A
published version never changes: changing this content later does not change what is stored; a new
version is made through the services (or a new data migration that adds version 2).
"""

from niokr.capability.catalogue.audit import RBH_QUESTIONNAIRE
from niokr.capability.catalogue.readiness import READINESS_SETS

__all__ = ["RBH_QUESTIONNAIRE", "READINESS_SETS"]
