"""``niokr demo_cases [--due-in DAYS]``: the demo's case in progress, after ``niokr control run``.

The demo auditor (``auditor``) opens an audit case on the flags of the demo company (the subsoil
user of the ``company`` login) and asks it for documents with a deadline; the company then sees the
request and its notice. Everything goes through the public services of the control app
(``open_case``, ``request_documents``), as an auditor would do it in the pages.

If the demo company has no current flag, the ``company`` login is moved to the flagged subsoil user
with the most flags, so that the case is always the company's own. Run again, it opens nothing new
while the company has an open case.

``--verdicts`` first writes the control body's past audits: closed cases on the flags of years already
audited, with a verdict on each flag (``niokr.synthetic.verdicts``: the truth file's labels, what an
auditor weighs, noise), for ``niokr control learn``. They carry verdicts only: the demo posts no ledger
exclusions for them, so the country's balances stay as generated. The truth file is ``--truth`` or
the one ``niokr generate`` wrote last (``DATA_DIR/truth-<scale>-<seed>.json``, checked against the
hash its audit event recorded). Written once: with closed cases present, nothing is added. The demo's
open case then takes flags no past case has decided.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.utils import timezone, translation

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.control import services
from niokr.control.choices import CaseStatus, ItemDecision
from niokr.control.models import AuditCase, CaseItem, ControlRun, Flag
from niokr.core.audit import record_event
from niokr.core.models import AuditEvent
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


#: The past cases' titles, reasons and findings, in the language the auditor works in.
PAST_TITLE = {
    "ru": "Проверка расходов на НИОКР за {year} год",
    "kk": "{year} жылғы ҒЗТКЖ шығыстарын тексеру",
    "en": "Review of R&D spending of {year}",
}
PAST_CONFIRMED = {
    "ru": "Нарушения подтверждены по {confirmed} из {items} позиций; по остальным представленные документы объясняют признаки.",
    "kk": "{items} позицияның {confirmed} бойынша бұзушылықтар расталды; қалғандары бойынша ұсынылған құжаттар белгілерді түсіндіреді.",
    "en": "Violations confirmed on {confirmed} of {items} items; for the others the documents provided explain the flags.",
}
PAST_DISMISSED = {
    "ru": "Нарушения не подтвердились: представленные документы объясняют все признаки.",
    "kk": "Бұзушылықтар расталмады: ұсынылған құжаттар барлық белгілерді түсіндіреді.",
    "en": "No violation confirmed: the documents provided explain every flag.",
}
PAST_FINDINGS = {
    "ru": "Решение прошлых лет; исключения из учёта в демонстрационных данных по нему не проводились.",
    "kk": "Өткен жылдардың шешімі; демонстрациялық деректерде ол бойынша есептен алып тастау жүргізілмеді.",
    "en": "A past year's decision; the demo data post no ledger exclusions for it.",
}


class Command(BaseCommand):
    help = "Open the demo's audit case on the demo company's flags and request documents with a deadline."

    def add_arguments(self, parser):
        parser.add_argument("--due-in", type=int, default=14, help="days from today to the answer deadline (default 14)")
        parser.add_argument("--verdicts", action="store_true", help="first write the past years' closed cases with auditors' verdicts (for niokr control learn)")
        parser.add_argument("--truth", type=Path, help="--verdicts: the truth file of the generated country (default: the one niokr generate wrote last)")

    def handle(self, *args, due_in: int, verdicts: bool = False, truth: Path | None = None, **options):
        if due_in < 0:
            raise CommandError("--due-in cannot be negative", returncode=2)
        User = get_user_model()
        auditor = User.objects.filter(username="auditor").first()
        company = User.objects.filter(username="company").first()
        if auditor is None or company is None:
            raise CommandError("the demo logins auditor and company do not exist: run niokr generate first", returncode=2)
        if not Flag.objects.current().exists():
            raise CommandError("no current control flags: run niokr control run first", returncode=2)
        if verdicts:
            self._past_verdicts(auditor, truth)
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
        """One flag per indicator, the indicators with the largest amounts at stake first (flags no past case decided, if any)."""
        decided = CaseItem.objects.filter(
            indicator=OuterRef("indicator"), subject_type=OuterRef("subject_type"), subject_id=OuterRef("subject_id"),
        ).exclude(decision=ItemDecision.PENDING)
        flags = Flag.objects.current().filter(payer=payer)
        undecided = flags.exclude(Exists(decided))
        if undecided.exists():
            flags = undecided
        rows = (
            flags.values("indicator")
            .annotate(total=Sum("amount"), n=Count("id")).order_by(F("total").desc(nulls_last=True), "-n", "indicator")
        )
        chosen = []
        for row in rows[:CASE_FLAGS]:
            flag = flags.filter(indicator=row["indicator"]).order_by(F("amount").desc(nulls_last=True), "id").first()
            chosen.append(flag.pk)
        return chosen

    def _truth(self, path: Path | None) -> tuple[Path, int, str]:
        """The truth file, the generator's seed and the file's SHA-256."""
        import json

        if path is not None:
            if not path.is_file():
                raise CommandError(f"--truth: {path} does not exist", returncode=2)
            data = path.read_bytes()
            head = json.loads(data)
            if not isinstance(head, dict) or "seed" not in head:
                raise CommandError(f"--truth: {path} does not say the seed it was generated from", returncode=2)
            return path, int(head["seed"]), hashlib.sha256(data).hexdigest()
        event = AuditEvent.objects.filter(action="generate").order_by("-seq").first()
        if event is None or not event.after:
            raise CommandError("--verdicts: no generated country is recorded: run niokr generate first, or give --truth", returncode=2)
        after = event.after
        path = Path(settings.DATA_DIR) / f"truth-{after['scale']}-{after['seed']}.json"
        if not path.is_file():
            raise CommandError(f"--verdicts: the truth file {path} is missing: give --truth", returncode=2)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha != after.get("truth_sha256"):
            raise CommandError(f"--verdicts: {path} is not the truth file of the generated country (its hash differs): give --truth", returncode=2)
        return path, int(after["seed"]), sha

    def _past_verdicts(self, auditor, truth: Path | None) -> None:
        """The past years' closed cases with a verdict on each flag (once)."""
        from niokr.control import learning
        from niokr.control.evaluation import flag_key, load_truth, subject_keys
        from niokr.control.indicators import catalogue
        from niokr.synthetic.verdicts import FlagFact, past_cases

        if AuditCase.objects.filter(status__in=CaseStatus.closed()).exists():
            self.stdout.write("Past cases: closed cases exist already; none added")
            return
        path, seed, sha = self._truth(truth)
        labels: dict[tuple, set[str]] = {}
        for problem in load_truth(path):
            for key in subject_keys(problem):
                labels.setdefault(key, set()).add(problem["code"])
        scored_on = {i.code: set(i.truth_codes) for i in catalogue()}
        national = ControlRun.objects.filter(status="completed", payer__isnull=True).order_by("-id").first()
        today = national.as_of if national is not None else timezone.localdate()
        rows, raw = learning.flag_features(today=today)
        facts = []
        for r, f in zip(rows, raw.iter_rows(named=True), strict=True):
            if r["payer_id"] is None:
                continue
            codes = labels.get(flag_key(r["subject_type"], r["subject_id"], r["key_year"]), set())
            own = bool(codes & scored_on.get(r["indicator"], set()))
            facts.append(FlagFact(
                flag_id=r["row_id"], indicator=r["indicator"], year=r["year"], payer_id=r["payer_id"], amount=r["amount"], share=f["share"],
                performer_kind=f["performer_kind"], performer_age=f["performer_age"], own=own, other=bool(codes) and not own,
            ))
        cases = past_cases(facts, seed=seed, today=today)
        language = auditor.language if auditor.language in PAST_TITLE else "ru"
        flags = {}
        ids = [fid for case in cases for fid, _v in case.items]
        for i in range(0, len(ids), 5000):
            flags.update({f.pk: f for f in Flag.objects.filter(pk__in=ids[i : i + 5000])})

        def moment(day, hour: int):
            return timezone.make_aware(datetime.combine(day, time(hour, 0)))

        with transaction.atomic():
            written = AuditCase.objects.bulk_create([
                AuditCase(
                    reference=f"pending-{uuid.uuid4().hex[:24]}", payer_id=case.payer_id, title=PAST_TITLE[language].format(year=case.year),
                    status=CaseStatus.CONFIRMED if case.confirmed else CaseStatus.DISMISSED, assignee=auditor, opened_by=auditor,
                    findings=PAST_FINDINGS[language],
                    decision_reason=(PAST_CONFIRMED[language].format(confirmed=sum(v for _f, v in case.items), items=len(case.items)) if case.confirmed else PAST_DISMISSED[language]),
                    closed_at=moment(case.closed_on, 17),
                )
                for case in cases
            ])
            for row, case in zip(written, cases, strict=True):
                row.opened_at = moment(case.opened_on, 10)
                row.reference = f"CASE-{case.opened_on.year}-{row.pk:06d}"
            AuditCase.objects.bulk_update(written, ["opened_at", "reference"], batch_size=1000)
            CaseItem.objects.bulk_create([
                CaseItem(
                    case=row, indicator=flags[fid].indicator, version=flags[fid].version, subject_type=flags[fid].subject_type, subject_id=flags[fid].subject_id,
                    year=flags[fid].year, amount=flags[fid].amount, evidence=flags[fid].evidence, decision=ItemDecision.CONFIRMED if verdict else ItemDecision.DISMISSED,
                )
                for row, case in zip(written, cases, strict=True) for fid, verdict in case.items
            ], batch_size=2000)
            confirmed = sum(v for case in cases for _f, v in case.items)
            record_event(
                action="synthetic_verdicts", object_type="control.AuditCase", object_id=f"seed:{seed}", actor=auditor,
                after={"cases": len(cases), "items": len(ids), "confirmed": confirmed, "truth_sha256": sha}, reason="past audits of the synthetic country",
            )
        years = sorted({case.year for case in cases})
        span = f", years {years[0]}–{years[-1]}" if years else ""
        self.stdout.write(f"Past cases: {len(cases)} closed cases, {len(ids)} verdicts ({confirmed} confirmed){span}")
