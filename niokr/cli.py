"""The ``niokr`` console script: Django's management commands with the settings preset.

``niokr audit verify``, ``niokr simulate FILE``, ``niokr generate --scale small --seed 1``,
``niokr recompute``, ``niokr bench``, ``niokr serve``, ``niokr demo`` …
"""

from __future__ import annotations

import os
import sys

ALIASES = {"serve": "runserver"}


def main(argv: list[str] | None = None) -> None:
    """Run a NIOKR Monitor command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "niokr.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(__doc__.strip())
        args = ["help"]
    else:
        args[0] = ALIASES.get(args[0], args[0])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["niokr", *args])


if __name__ == "__main__":
    main()
