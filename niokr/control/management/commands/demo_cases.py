"""``niokr demo_cases [--due-in DAYS]``: the demo's case in progress, after ``niokr control run``.

The demo auditor (``auditor``) opens an audit case on the flags of the demo company (the subsoil
user of the ``company`` login) and asks it for documents with a deadline; the company then sees the
request and its notice. Everything goes through the public services of the control app
(``open_case``, ``request_documents``), as an auditor would do it in the pages.

If the demo company has no current flag, the ``company`` login is moved to the flagged subsoil user
with the most flags, so that the case is always the company's own. Run again, it opens nothing new
while the company has an open case.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone, translation

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.control import services
from niokr.control.choices import CaseStatus
from niokr.control.models import AuditCase, Flag
from niokr.registry.models import Organisation

#: At most this many flags go into the demo case: the largest amounts, one per indicator.
CASE_FLAGS = 3

#: The request the demo auditor writes, in the language the auditor works in.
REQUEST_TEXT = {
    "ru": "Представьте договоры на выполнение НИОКР, акты выполненных работ и платёжные поручения по позициям дела.",
    "kk": "Іс бойынша ҒЗТКЖ орындауға арналған шарттарды, орындалған жұмыстар актілерін және төлем тапсырмаларын ұсыныңыз.",
    "en": "Please provide the R&D agreements, the acts of work performed and the payment orders for the items of the case.",
}
CASE_TITLE = {
    "ru": "Проверка расходов на НИОКР по выявленным признакам",
    "kk": "Анықталған белгілер бойынша ҒЗТКЖ шығыстарын тексеру",
    "en": "Review of R&D spending on the flags found",
}


class Command(BaseCommand):
    help = "Open the demo's audit case on the demo company's flags and request documents with a deadline."

    def add_arguments(self, parser):
        parser.add_argument("--due-in", type=int, default=14, help="days from today to the answer deadline (default 14)")

    def handle(self, *args, due_in: int, **options):
        if due_in < 0:
            raise CommandError("--due-in cannot be negative", returncode=2)
        User = get_user_model()
        auditor = User.objects.filter(username="auditor").first()
        company = User.objects.filter(username="company").first()
        if auditor is None or company is None:
            raise CommandError("the demo logins auditor and company do not exist: run niokr generate first", returncode=2)
        if not Flag.objects.current().exists():
            raise CommandError("no current control flags: run niokr control run first", returncode=2)
        with transaction.atomic():
            payer = self._demo_payer(company)
            existing = AuditCase.objects.filter(payer=payer).exclude(status__in=CaseStatus.closed()).order_by("id").first()
            if existing is not None:
                self.stdout.write(f"Demo case: {existing.reference} for {payer.name_ru} ({payer.bin}) is already open")
                return
            flags = self._case_flags(payer)
            language = auditor.language if auditor.language in REQUEST_TEXT else "ru"
            with translation.override(language):
                case = services.open_case(actor=auditor, flag_ids=flags, title=CASE_TITLE[language])
                due_on = timezone.localdate() + timedelta(days=due_in)
                services.request_documents(actor=auditor, case=case, text=REQUEST_TEXT[language], due_on=due_on)
        self.stdout.write(
            f"Demo case: {case.reference} for {payer.name_ru} ({payer.bin}), {len(flags)} flags, documents requested by {due_on:%d.%m.%Y}"
        )

    def _demo_payer(self, company) -> Organisation:
        """The ``company`` login's subsoil user if it is flagged, else the most flagged one (the login moves there)."""
        membership = Membership.objects.filter(user=company, role=Role.COMPANY).select_related("organisation").first()
        current = Flag.objects.current().filter(payer__isnull=False)
        if membership is not None and current.filter(payer_id=membership.organisation_id).exists():
            return membership.organisation
        top = current.values("payer_id").annotate(n=Count("id")).order_by("-n", "payer_id").first()
        payer = Organisation.objects.get(pk=top["payer_id"])
        Membership.objects.filter(user=company, role=Role.COMPANY).delete()
        Membership.objects.create(user=company, organisation=payer, role=Role.COMPANY)
        self.stdout.write(f"The company login now belongs to {payer.name_ru} ({payer.bin}), the most flagged subsoil user")
        return payer

    def _case_flags(self, payer: Organisation) -> list[int]:
        """One flag per indicator, the indicators with the largest amounts at stake first."""
        rows = (
            Flag.objects.current().filter(payer=payer).values("indicator")
            .annotate(total=Sum("amount"), n=Count("id")).order_by(F("total").desc(nulls_last=True), "-n", "indicator")
        )
        chosen = []
        for row in rows[:CASE_FLAGS]:
            flag = Flag.objects.current().filter(payer=payer, indicator=row["indicator"]).order_by(F("amount").desc(nulls_last=True), "id").first()
            chosen.append(flag.pk)
        return chosen
