"""Role personas over the small synthetic country (seed 1), for the cross-cutting web tests.

``build_world()`` runs ``niokr generate --scale small --seed 1`` and ``recompute`` (balances come
from the generated base figures and payments), then picks the two tenants the tests compare:

* company A — the demo ``company`` login's subsoil user (solid minerals: the Ministry of Industry's
  competence);
* company B — the subsoil user holding hydrocarbon rights only (the Ministry of Energy's competence)
  with the most agreements, not affiliated with A;

and gives every role a login:

============================  =====================================================================
persona                       membership
============================  =====================================================================
``anonymous``                 not signed in
``company_a``                 company staff of A (the demo ``company``)
``company_b``                 company staff of B
``performer``                 performer staff of the institute with the most agreements paid by A
``regulator_energy``          regulator, Ministry of Energy (hydrocarbons; the demo ``regulator``)
``regulator_industry``        regulator, Ministry of Industry (solid and common minerals;
                              the demo ``regulator_mic``)
``auditor``                   auditor (reads everything; the demo ``auditor``)
``admin``                     superuser (the demo ``admin``)
``outsider``                  signed in, no membership at all
============================  =====================================================================

Each tenant also gets one submission (A: a base-figures file that fails validation, so its error
report has content; B: a valid one), and A's staff one queued validation job. Control: a national
run with flags and scores of both tenants, and an audit case of A whose document request A has
answered with a file (:mod:`niokr.web_tests.control_world`).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import Client

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.accounts.scoping import Scope, scope_for
from niokr.intake import services as intake_services
from niokr.intake.services import receive_submission
from niokr.intake.tasks import start_validation
from niokr.obligations import services as obligation_services
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime
from niokr.projects.models import Agreement, Payment
from niokr.registry.models import Affiliation, Organisation, SubsoilRight
from niokr.synthetic.country import DEFAULT_DEMO_PASSWORD
from niokr.web_tests.control_world import build_control
from niokr.web_tests.programme_world import build_programme
from niokr.web_tests.delivery_world import build_delivery
from niokr.web_tests.council_world import build_council
from niokr.web_tests.policy_world import build_policy
from niokr.web_tests.review_world import build_review

__all__ = ["PERSONAS", "PASSWORD", "World", "build_world", "base_figures_csv", "secret_pattern"]

PERSONAS = ("anonymous", "company_a", "company_b", "performer", "regulator_energy", "regulator_industry", "auditor", "admin", "outsider")
PASSWORD = os.environ.get("NIOKR_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
DEMO_LOGIN = {"company_a": "company", "regulator_energy": "regulator", "regulator_industry": "regulator_mic", "auditor": "auditor", "admin": "admin"}
BASE_FIGURES_HEADER = ("Номер контракта/лицензии", "Год", "Вид базы", "Сумма, тенге", "Документ-основание")


def base_figures_csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    """A base-figures report as an accountant saves it from Excel (cp1251, ``;``).

    Args:
        rows: (right number, year, base type, amount as written, e.g. ``1 000 000,00``).
    """
    lines = [";".join(BASE_FIGURES_HEADER)] + [";".join((*row, "")) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def secret_pattern(tokens: list[str]) -> re.Pattern:
    """A pattern finding any of ``tokens`` as a whole word (``428-ML`` is not found in ``1428-ML``)."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(tokens), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@dataclass
class World:
    """The small country with the personas' logins and the objects the tests address."""

    company_a: Organisation
    company_b: Organisation
    performer_org: Organisation
    right_a: SubsoilRight
    right_b: SubsoilRight
    agreement_a: Agreement
    payment_a: Payment
    base_figure_a: BaseFigure
    balance_a: RightYearBalance
    ledger_entry_a: LedgerEntry
    regime: RuleRegime
    submission_a: object
    submission_b: object
    job_a: object
    year: int
    users: dict = field(default_factory=dict)
    flag_a: object = None
    case_a: object = None
    request_a: object = None
    programme_a: object = None
    project_a: object = None
    stage_a: object = None
    result_a: object = None
    session_a: object = None
    item_a: object = None
    vote_a: object = None
    expertise_a: object = None
    expertise_programme: object = None
    call_a: object = None
    application_a: object = None
    policy: object = None

    def client(self, persona: str, **kwargs) -> Client:
        """A test client signed in as ``persona`` (``anonymous``: not signed in)."""
        client = Client(**kwargs)
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client

    def scope(self, persona: str) -> Scope:
        """What ``persona`` may see (the scope every ``visible_to`` applies)."""
        if persona == "anonymous":
            return Scope()
        user = get_user_model().objects.get(pk=self.users[persona].pk)
        return scope_for(user)

    @property
    def minerals_a(self) -> frozenset[str]:
        return frozenset(self.company_a.rights.values_list("mineral_group", flat=True))

    def secrets_of_a(self, *, with_bin: bool = True) -> list[str]:
        """Strings that identify company A and must never reach company B: BIN, names, right numbers."""
        tokens = [self.company_a.name_kk, self.company_a.name_ru, self.company_a.name_en]
        tokens += list(self.company_a.rights.values_list("number", flat=True))
        if with_bin:
            tokens.append(self.company_a.bin)
        return [t for t in tokens if t]


def _user(username: str, *, role: str | None = None, organisation: Organisation | None = None, authority: str = ""):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@niokr.example")
    if role:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role, defaults={"authority": authority})
    return user


def _pick_company_b(company_a: Organisation) -> Organisation:
    """The hydrocarbon-only subsoil user with the most agreements that is not affiliated with A."""
    affiliated = set(Affiliation.objects.filter(source=company_a).values_list("target_id", flat=True))
    affiliated |= set(Affiliation.objects.filter(target=company_a).values_list("source_id", flat=True))
    candidates = (
        Organisation.objects.filter(kind="subsoil_user", rights__mineral_group="hydrocarbons")
        .exclude(rights__mineral_group__in=["solid", "common", "uranium"])
        .exclude(pk__in=affiliated | {company_a.pk})
        .annotate(agreements=Count("agreements_paid", distinct=True))
        .order_by("-agreements", "pk")
    )
    company_b = candidates.first()
    if company_b is None:
        raise RuntimeError("the small country has no hydrocarbon-only subsoil user unrelated to company A")
    return company_b


def build_world(*, seed: int = 1) -> World:
    """Generate the small country, recompute the balances and create the personas (see module doc)."""
    call_command("generate", scale="small", seed=seed, replace=True, stdout=io.StringIO(), stderr=io.StringIO())
    obligation_services.recompute()
    User = get_user_model()
    users = {persona: User.objects.get(username=login) for persona, login in DEMO_LOGIN.items()}
    company_a = users["company_a"].memberships.get(role=Role.COMPANY).organisation
    if set(company_a.rights.values_list("mineral_group", flat=True)) & {"hydrocarbons"}:
        raise RuntimeError("company A is expected outside the Ministry of Energy's competence")
    company_b = _pick_company_b(company_a)
    performer_org = (
        Organisation.objects.filter(agreements_performed__payer=company_a)
        .annotate(n=Count("agreements_performed", filter=Q(agreements_performed__payer=company_a)))
        .order_by("-n", "pk")
        .first()
    )
    users["company_b"] = _user("company_b", role=Role.COMPANY, organisation=company_b)
    users["performer"] = _user("performer_a", role=Role.PERFORMER, organisation=performer_org)
    users["outsider"] = _user("outsider")

    right_a = company_a.rights.order_by("number").first()
    right_b = company_b.rights.order_by("number").first()
    agreement_a = Agreement.objects.filter(payer=company_a, performer=performer_org).order_by("pk").first()
    payment_a = Payment.objects.filter(agreement=agreement_a).order_by("pk").first() or Payment.objects.filter(right__holder=company_a).order_by("pk").first()
    balance_a = RightYearBalance.objects.filter(right__holder=company_a).order_by("-year", "right__number").first()
    year = balance_a.year
    invalid = base_figures_csv([(right_a.number, str(year), "production_costs", "много")])
    valid = base_figures_csv([(right_b.number, str(year), "production_costs", "1 000 000,00")])
    submission_a = receive_submission(organisation=company_a, kind="base_figures", data=invalid, filename="base-a.csv", period_year=year, actor=users["company_a"]).submission
    submission_b = receive_submission(organisation=company_b, kind="base_figures", data=valid, filename="base-b.csv", period_year=year, actor=users["company_b"]).submission
    assert submission_a.status == "invalid" and submission_b.status == "valid", (submission_a.problems, submission_b.problems)
    stored = intake_services.store_upload([invalid])
    job_a = start_validation(actor=users["company_a"], organisation=company_a, kind="base_figures", year=year, quarter=None, filename="base-a-again.csv", stored=stored)
    control = build_control(company_a=company_a, company_b=company_b, payment_a=payment_a, agreement_a=agreement_a, right_a=right_a, year=year, auditor=users["auditor"])
    programme_a = build_programme(company_a=company_a, right_a=right_a, performer_org=performer_org, user=users["company_a"])
    delivery = build_delivery(agreement_a=agreement_a, performer_org=performer_org)
    # A council of A's ministry that decided a programme of A (an organisation outside the affiliation graph seats the members).
    seat_org = Organisation.objects.filter(affiliations_out__isnull=True, affiliations_in__isnull=True).exclude(kind="subsoil_user").order_by("pk").first()
    council = build_council(company_a=company_a, seat_org=seat_org, authority="industry", password=PASSWORD)
    # A state expertise of a programme of A, and a call (deadline passed, ranked) to which A applied.
    review = build_review(company_a=company_a, seat_org=seat_org, right_a=right_a, password=PASSWORD)
    policy = build_policy(performer_org=performer_org)
    return World(
        company_a=company_a,
        company_b=company_b,
        performer_org=performer_org,
        right_a=right_a,
        right_b=right_b,
        agreement_a=agreement_a,
        payment_a=payment_a,
        base_figure_a=BaseFigure.objects.filter(right__holder=company_a).order_by("pk").first(),
        balance_a=balance_a,
        ledger_entry_a=LedgerEntry.objects.filter(right__holder=company_a).order_by("pk").first(),
        regime=RuleRegime.objects.order_by("pk").first(),
        submission_a=submission_a,
        submission_b=submission_b,
        job_a=job_a,
        year=year,
        users=users,
        flag_a=control.flag_a,
        case_a=control.case_a,
        request_a=control.request_a,
        programme_a=programme_a,
        project_a=delivery.project_a,
        stage_a=delivery.stage_a,
        result_a=delivery.result_a,
        session_a=council.session_a,
        item_a=council.item_a,
        vote_a=council.vote_a,
        expertise_a=review.expertise_a,
        expertise_programme=review.expertise_programme,
        call_a=review.call_a,
        application_a=review.application_a,
        policy=policy,
    )
