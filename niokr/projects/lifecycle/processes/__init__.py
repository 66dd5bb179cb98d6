"""Every process of the lifecycle, declared on the workflow engine; importing this registers them."""

from niokr.projects.lifecycle import messages  # noqa: F401  (the notification kinds)
from niokr.projects.lifecycle.processes import programme  # noqa: F401
from niokr.projects.lifecycle.processes import council  # noqa: F401
from niokr.projects.lifecycle.processes import delivery  # noqa: F401
from niokr.projects.lifecycle.processes import results  # noqa: F401
from niokr.projects.lifecycle.processes import expertise  # noqa: F401
from niokr.projects.lifecycle.processes import selection  # noqa: F401
