"""A realistic synthetic country for NIOKR Monitor: ``generate_country(scale=..., seed=...)``.

A plain package (not a Django app): it sits above every app, imports them, and no app imports it
except the ``generate`` command. See ``docs/synthetic-data.md`` for what is generated and for the
truth file of labelled problems.
"""

from niokr.synthetic.country import DEMO_LOGINS, GenerationError, GenerationSummary, generate_country
from niokr.synthetic.scales import SCALES

__all__ = ["generate_country", "GenerationSummary", "GenerationError", "SCALES", "DEMO_LOGINS"]
