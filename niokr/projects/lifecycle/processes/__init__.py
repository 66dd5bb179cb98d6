"""Every process of the lifecycle, declared on the workflow engine; importing this registers them."""

from niokr.projects.lifecycle import messages  # noqa: F401  (the notification kinds)
from niokr.projects.lifecycle.processes import programme  # noqa: F401
