"""``niokr demo``: migrate, generate the small synthetic country, recompute, run control once, open the
demo's case in progress, and serve it."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Set up and serve the demo: migrate, generate --scale small, recompute, control run, demo_cases, runserver."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data only")

    def handle(self, *args, addrport, seed, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("generate", scale="small", seed=seed, replace=True)
        call_command("recompute")
        call_command("control", "run")
        call_command("demo_cases")
        password = os.environ.get("NIOKR_DEMO_PASSWORD", "niokr-demo-2026")
        self.stdout.write(
            f"\nNIOKR Monitor demo: http://{addrport}/\n"
            f"Logins (password {password}): regulator, regulator_mic, company, performer, auditor, admin\n"
        )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)
