"""The authorization matrix: every URL of the project × every persona, with the status each must get.

URLs come from the resolver (:mod:`niokr.web_tests.routes`), so a page added later is in the matrix
the day it is added. Path parameters are filled with objects of company A (tables below); a URL the
tables cannot fill fails ``test_every_url_is_in_the_matrix``.

The rule, per area:

=================  =====================================================================================
area               expected status
=================  =====================================================================================
page               anonymous → 302 to the login page; signed in → 200 when the URL names no object or
                   an object the persona may see (its own organisation's, its regulator's mineral
                   scope, everything for auditor and administrator), else 404 — a page never answers
                   403 for an object, which would say that it exists
api                anonymous → 401/403; otherwise as for pages (200 or 404)
POST-only          a GET is refused: 405 (302 for anonymous on a login-protected view, 404 where the
                   object is looked up first)
redirect           ``/`` sends a signed-in user on to their start page (302, not to the login page),
                   or answers itself (200) when there is none
docs               the OpenAPI schema and its viewers: 200 for everyone (they describe, they hold no data)
public             the site's icon (``/favicon.ico``): 200 for everyone
admin              ``/admin/``: the administrator 200, everyone else 302 to the admin's login
accounts           the login page: 200 anonymous, 302 (already signed in) otherwise
=================  =====================================================================================

Who sees an object is :class:`Subject`: the organisations whose staff see it, the mineral groups
whose regulators see it, ``public`` (every signed-in user) or ``starter`` (only the user who
started a job). No page that answers a GET is restricted by role: a list shows a user what their
scope holds (an outsider gets an empty list), and a role-only operation (starting a recompute,
committing) is a POST, refused with 403 to other roles.
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from niokr.core.choices import MineralGroup
from niokr.core.views import ScopedTableView
from niokr.projects.models import Agreement
from niokr.web_tests.personas import PERSONAS, World, secret_pattern
from niokr.web_tests.routes import API_CONTRACT, CONTRACT, DOCS, Route, discover

pytestmark = pytest.mark.django_db

ALL_MINERALS = frozenset(MineralGroup.values)

#: The ranking's pages that name a ranking by its code.
RANKING_ROUTES = [f"ranking:ranking-{name}" for name in (
    "detail", "comparisons", "scores", "criterion-add", "criterion-remove", "candidate-add", "import", "compute", "finalise", "run",
    "analysis", "gap", "roadmap", "roadmap-remove", "report-pdf", "report-xlsx")]
#: The technology policy's objects (attributes of ``world.policy``).
POLICY_KEYS = {
    "exercise", "round_number", "ranking", "run_number", "criterion_code", "roadmap_entry", "audit", "audit_question_id", "assessment",
    "assessment_question_id", "assessed_project", "questionnaire", "question_set", "editable_question", "editable_readiness_question",
    "direction", "capability_organisation",
}
#: The policy's readers among the personas: every regulator, the auditor, the administrator.
POLICY_READERS = frozenset({"regulator_energy", "regulator_industry", "auditor", "admin"})
#: Pages of the technology policy that only its roles use: who gets 200, and what everyone else signed in gets.
ROLE_PAGES: dict[str, tuple[frozenset[str], set[int]]] = {
    "foresight:exercise-list": (POLICY_READERS, {404}),
    "ranking:ranking-list": (POLICY_READERS, {404}),
    # Starting a ranking is the policy analyst's (and an administrator's); anyone else is refused.
    "ranking:ranking-create": (frozenset({"admin"}), {403}),
    # A panellist's own questionnaire (no persona sits on a panel) and who answered what (the moderator's).
    "foresight:questionnaire": (frozenset(), {404}),
    "foresight:round-responses": (frozenset({"admin"}), {404}),
    # The generated answers keep no evidence file: there is nothing to download.
    "capability:audit-evidence": (frozenset(), {404}),
    "capability:assessment-evidence": (frozenset(), {404}),
}
#: Which object of the world fills a path parameter of a named URL (checked first).
PARAMETERS: dict[tuple[str, str], str] = {
    ("registry:organisation-detail", "pk"): "company_a",
    ("obligations:holder-detail", "pk"): "company_a",
    ("obligations:right-detail", "pk"): "right_a",
    ("obligations:regime-detail", "pk"): "regime",
    ("obligations:statement-pdf", "pk"): "company_a",
    ("obligations:statement-pdf", "year"): "year",
    ("projects:agreement-detail", "pk"): "agreement_a",
    ("projects:performer-detail", "pk"): "performer_org",
    ("intake:submission-detail", "pk"): "submission_a",
    ("intake:submission-report", "pk"): "submission_a",
    ("intake:submission-commit", "pk"): "submission_a",
    ("intake:organisation-submissions", "pk"): "company_a",
    ("intake:template", "kind"): "template_kind",
    ("intake:job-detail", "id"): "job_a",
    ("intake:job-detail", "pk"): "job_a",
    ("control:flag-detail", "pk"): "flag_a",
    ("control:risk-panel", "org_id"): "risk_a",
    ("control:case-detail", "pk"): "case_a",
    ("control:case-assign", "pk"): "case_a",
    ("control:case-request", "pk"): "case_a",
    ("control:case-findings", "pk"): "case_a",
    ("control:case-confirm", "pk"): "case_a",
    ("control:case-dismiss", "pk"): "case_a",
    ("control:request-answer", "pk"): "case_a",
    ("control:request-answer", "request_id"): "request_a",
    ("control:request-file", "pk"): "case_a",
    ("control:request-file", "request_id"): "request_a",
    **{(f"lifecycle:programme-{name}", "reference"): "programme_a_ref" for name in ("detail", "edit", "submit", "withdraw", "link-project")},
    **{(f"lifecycle:programme-{name}", "reference"): "programme_a_ref" for name in ("detail", "edit", "submit", "withdraw")},
    **{(f"lifecycle:stage-{name}", "pk"): "stage_a" for name in ("detail", "submit", "accept", "return", "link", "report")},
    ("lifecycle:act-report", "pk"): "stage_a",
    ("lifecycle:stage-plan", "pk"): "agreement_a",
    ("lifecycle:agreement-stages-export", "pk"): "agreement_a",
    **{(f"lifecycle:result-{name}", "reference"): "result_a_reference" for name in ("detail", "verify", "reject", "evidence", "evidence-file")},
    ("lifecycle:produced", "pk"): "company_a",
    ("projects:project-detail", "pk"): "project_a",
    **{(f"lifecycle-api:stage-{name}", "pk"): "stage_a" for name in ("detail", "submit", "accept", "return", "link")},
    **{(f"lifecycle-api:result-{name}", "reference"): "result_a_reference" for name in ("detail", "verify", "reject", "evidence")},
    **{(f"lifecycle:session-{name}", "reference"): "session_a_ref" for name in (
        "detail", "agenda", "attendance", "open", "close", "cancel", "declare", "vote", "minutes")},
    ("intake:council-votes-import", "reference"): "session_a_ref",
    **{(f"lifecycle:expertise-{name}", "reference"): "expertise_a_ref" for name in ("detail", "assign", "score", "start-scoring", "conclude", "cancel")},
    ("lifecycle:expertise-open", "reference"): "expertise_programme_ref",
    **{(f"lifecycle:call-{name}", "reference"): "call_a_ref" for name in ("detail", "apply", "open", "close", "decide")},
    **{(f"lifecycle:application-{name}", "reference"): "application_a_ref" for name in ("detail", "withdraw")},
    ("intake-api:council-votes-import", "pk"): "session_a",
    # The technology policy (niokr.web_tests.policy_world): the generated MedTech pilot.
    **{(f"foresight:{name}", "code"): "exercise" for name in (
        "exercise-detail", "exercise-post", "expertise", "round-results", "questionnaire", "propose", "round-responses")},
    **{(f"foresight:{name}", "number"): "round_number" for name in ("round-results", "questionnaire", "propose", "round-responses")},
    **{(name, "code"): "ranking" for name in RANKING_ROUTES},
    ("ranking:ranking-run", "number"): "run_number",
    ("ranking:ranking-criterion-remove", "criterion"): "criterion_code",
    ("ranking:ranking-roadmap-remove", "pk"): "roadmap_entry",
    **{(f"capability:{name}", "pk"): "audit" for name in ("audit-detail", "audit-answers", "audit-radar", "audit-evidence")},
    ("capability:audit-evidence", "question_id"): "audit_question_id",
    **{(f"capability:{name}", "pk"): "assessment" for name in ("assessment-detail", "assessment-answers", "assessment-correct", "assessment-evidence")},
    ("capability:assessment-evidence", "question_id"): "assessment_question_id",
    ("capability:project-detail", "pk"): "assessed_project",
    ("capability:organisation-detail", "pk"): "capability_organisation",
    **{(f"capability:{name}", "pk"): "questionnaire" for name in ("questionnaire-detail", "questionnaire-new-version", "questionnaire-publish")},
    ("capability:question-edit", "pk"): "editable_question",
    **{(f"capability:{name}", "pk"): "question_set" for name in ("question-set-detail", "question-set-new-version", "question-set-publish")},
    ("capability:readiness-question-edit", "pk"): "editable_readiness_question",
    ("portfolio:direction", "direction"): "direction",
}
#: API routes (and pages naming their model): the object of that model that fills ``pk``/``id``.
MODEL_OBJECTS: dict[str, str] = {
    "registry.Organisation": "company_a",
    "registry.SubsoilRight": "right_a",
    "obligations.RuleRegime": "regime",
    "obligations.BaseFigure": "base_figure_a",
    "obligations.RightYearBalance": "balance_a",
    "obligations.LedgerEntry": "ledger_entry_a",
    "projects.Agreement": "agreement_a",
    "projects.Payment": "payment_a",
    "intake.Submission": "submission_a",
    "intake.JobRecord": "job_a",
    "control.Flag": "flag_a",
    "control.AuditCase": "case_a",
    "projects.Stage": "stage_a",
    "projects.Programme": "programme_a_ref",
    "projects.Programme": "programme_a_ref",
    "projects.CouncilSession": "session_a",
    "projects.AgendaItem": "item_a",
    "projects.Vote": "vote_a",
    "projects.Expertise": "expertise_a_ref",
    "projects.Call": "call_a_ref",
    "projects.Application": "application_a_ref",
}
#: Parameters that mean the same wherever they appear.
GENERIC_PARAMETERS: dict[str, str] = {"year": "year", "kind": "template_kind"}
#: Pages that send a signed-in user on to another page.
REDIRECTS = {"home"}
#: How a model's rows belong to an organisation (for "B's list holds none of A's ids").
OWNER_PATHS: dict[str, str | None] = {
    "registry.Organisation": "pk",
    "registry.SubsoilRight": "holder",
    "obligations.BaseFigure": "right__holder",
    "obligations.RightYearBalance": "right__holder",
    "obligations.LedgerEntry": "right__holder",
    "obligations.BudgetTransfer": "right__holder",
    "obligations.RuleRegime": None,
    "projects.Agreement": "payer",
    "projects.Payment": "agreement__payer",
    "intake.Submission": "organisation",
    "intake.JobRecord": "organisation",
    "control.Flag": "payer",
    "control.RiskScore": "payer",
    "control.AuditCase": "payer",
    "control.Notice": "organisation",
    "projects.Stage": "agreement__payer",
    "projects.AcceptanceAct": "stage__agreement__payer",
    "projects.Result": "project__agreements__payer",
    "projects.Programme": "applicant",
    "accounts.Notification": None,
    "projects.Programme": "applicant",
    "accounts.Notification": None,
    "projects.CouncilSession": None,
    "projects.AgendaItem": "version__programme__applicant",
    "projects.Vote": "item__version__programme__applicant",
    "projects.Expertise": "version__programme__applicant",
    "projects.Call": None,
    "projects.Application": "applicant",
}
#: API lists of what no organisation owns: the indicator catalogue is code, not rows of a model.
UNOWNED_LISTS = {"control-api:indicator-list"}


@dataclass(frozen=True)
class Subject:
    """Who may see an object a URL names."""

    organisations: frozenset[int] = frozenset()
    minerals: frozenset[str] = frozenset()
    public: bool = False
    starter: str | None = None
    administrators_only: bool = False


def subject_of(world: World, key: str) -> Subject:
    a_orgs = frozenset({world.company_a.pk})
    if key in ("exercise", "ranking"):
        # A Delphi's frozen results and a final ranking: the policy's readers (every regulator, auditors), never
        # a company's or a performer's staff (the Delphi's moderator and panellists are not personas here).
        return Subject(minerals=ALL_MINERALS)
    if key == "audit":
        # An audit of the performer's organisation: its own staff and every reader of the capability layer.
        return Subject(organisations=frozenset({world.performer_org.pk}), minerals=ALL_MINERALS)
    if key in ("assessment", "assessed_project"):
        # A readiness assessment is seen as its project is, and by every reader of the capability layer.
        return Subject(organisations=world.policy.project_parties, minerals=ALL_MINERALS)
    if key == "capability_organisation":
        # An organisation's capability page: its own staff and every reader of the capability layer.
        return Subject(organisations=a_orgs, minerals=ALL_MINERALS)
    if key in ("editable_question", "editable_readiness_question"):
        # Editing a questionnaire's draft: assessors and administrators.
        return Subject(administrators_only=True)
    if key in ("company_a", "right_a", "base_figure_a", "balance_a", "ledger_entry_a", "submission_a"):
        return Subject(organisations=a_orgs, minerals=world.minerals_a)
    if key in ("agreement_a", "payment_a"):
        return Subject(organisations=a_orgs | {world.performer_org.pk}, minerals=world.minerals_a)
    if key == "performer_org":
        # Every regulator sees organisations other than subsoil users; a company sees a performer
        # through its own agreements with it.
        payers = Agreement.objects.filter(performer=world.performer_org).values_list("payer_id", flat=True)
        return Subject(organisations=frozenset({world.performer_org.pk, *payers}), minerals=ALL_MINERALS)
    if key == "job_a":
        return Subject(starter="company_a")
    if key in ("flag_a", "risk_a"):
        # Flags and risk scores are the control body's working papers: never the company's.
        return Subject(minerals=world.minerals_a)
    if key == "stage_a":
        # A stage is seen as its agreement is.
        return subject_of(world, "agreement_a")
    if key in ("project_a", "result_a", "result_a_reference"):
        # Every regulator sees the projects and their results; A (the only payer) and the performer see theirs.
        return Subject(organisations=a_orgs | {world.performer_org.pk}, minerals=ALL_MINERALS)
    if key == "programme_a_ref":
        # A submitted programme: the applicant, the proposed performer, the ministry's regulators (and its council).
        return Subject(organisations=a_orgs | {world.performer_org.pk}, minerals=world.minerals_a)
    if key == "programme_a_ref":
        # A submitted programme: the applicant, the proposed performer, the ministry's regulators (and its council).
        return Subject(organisations=a_orgs | {world.performer_org.pk}, minerals=world.minerals_a)
    if key in ("case_a", "request_a"):
        # A's case: its documents were requested, so A's staff see it.
        return Subject(organisations=a_orgs, minerals=world.minerals_a)
    if key in ("session_a", "session_a_ref", "vote_a"):
        # A council's sessions and open votes: its members and secretary, its ministry's regulators, auditors.
        return Subject(minerals=world.minerals_a)
    if key == "expertise_a_ref":
        # A state expertise: the applicant's staff, its ministry's regulators (and NCSTE, MSHE, auditors).
        return Subject(organisations=a_orgs, minerals=world.minerals_a)
    if key == "application_a_ref":
        # After the deadline: the applicant's staff, every regulator, auditors (before it: the applicant only).
        return Subject(organisations=a_orgs, minerals=ALL_MINERALS)
    if key == "item_a":
        # A decided item: also the applicant's staff (the result on their own programme).
        return Subject(organisations=a_orgs, minerals=world.minerals_a)
    return Subject(public=True)


def value_of(world: World, key: str):
    if key in POLICY_KEYS:
        policy = world.policy
        if key in ("exercise", "ranking"):
            return getattr(policy, key).code
        if key == "assessed_project":
            return policy.assessment.project_id
        if key == "editable_question":
            return policy.audit_question_id
        if key == "editable_readiness_question":
            return policy.readiness_question.pk
        if key == "direction":
            return "medtech"
        if key == "capability_organisation":
            return world.company_a.pk
        value = getattr(policy, key)
        return value if isinstance(value, (int, str)) else value.pk
    if key == "year":
        return world.year
    if key == "template_kind":
        return "base_figures"
    if key == "programme_a_ref":
        return world.programme_a.reference
    if key == "programme_a_ref":
        return world.programme_a.reference
    if key == "risk_a":
        return world.company_a.pk
    if key == "result_a_reference":
        return world.result_a.reference
    if key and key.endswith("_ref"):
        return getattr(world, key.removesuffix("_ref")).reference
    return getattr(world, key).pk


def object_key(route: Route, param: str) -> str | None:
    """The world's object that fills ``param`` of ``route`` (``None``: the matrix cannot fill it)."""
    if (route.name, param) in PARAMETERS:
        return PARAMETERS[route.name, param]
    model = route.model
    if model is not None and param in ("pk", "id", getattr(route.view_class, "lookup_field", "pk")):
        return MODEL_OBJECTS.get(model._meta.label)
    return GENERIC_PARAMETERS.get(param)


def url_of(world: World, route: Route) -> tuple[str, list[str]]:
    keys = [object_key(route, p) for p in route.params]
    kwargs = {p: value_of(world, k) for p, k in zip(route.params, keys)}
    return reverse(route.name, kwargs=kwargs), [k for k in keys if k]


def may_see(world: World, persona: str, subject: Subject) -> bool:
    if subject.administrators_only:
        return persona == "admin"
    scope = world.scope(persona)
    if scope.everything:
        return True
    if subject.public:
        return persona != "anonymous"
    if subject.starter:
        return persona == subject.starter
    return bool(scope.organisation_ids & subject.organisations) or bool(scope.mineral_groups & subject.minerals)


def expected(world: World, route: Route, persona: str) -> set[int]:
    """The statuses ``persona`` may get for a GET of ``route`` (see the module's table)."""
    anonymous = persona == "anonymous"
    if route.name in DOCS or route.area == "public":
        return {200}
    if route.area == "admin":
        return {200} if persona == "admin" else {302}
    if route.name == "accounts:login":
        return {200} if anonymous else {302}
    if not route.answers_get:
        if anonymous:
            return {401, 403, 405} if route.area == "api" else {302, 405}
        return {404, 405}
    if anonymous:
        return {401, 403} if route.area == "api" else {302}
    if route.name in REDIRECTS:
        return {200, 302}
    if route.name in ROLE_PAGES:
        allowed, others = ROLE_PAGES[route.name]
        return {200} if persona in allowed else others
    _url, keys = url_of(world, route)
    for key in keys:
        if not may_see(world, persona, subject_of(world, key)):
            return {404}
    return {200}


ROUTES = discover()
GET_ROUTES = [r for r in ROUTES if r.answers_get]


def route_id(route: Route) -> str:
    return route.name or route.pattern


def test_every_url_is_in_the_matrix():
    """A new URL whose parameters the tables above cannot fill must be added to them."""
    unfilled = [f"{route} needs {p!r}" for route in ROUTES for p in route.params if object_key(route, p) is None]
    unnamed = [route.pattern for route in ROUTES if not route.name]
    assert unfilled == [] and unnamed == []


def test_every_url_of_the_contract_is_served():
    names = {route.name for route in ROUTES}
    assert [name for name in CONTRACT if name not in names] == []


def test_every_api_namespace_lists_its_models():
    listed = {(route.namespace, route.model._meta.label) for route in ROUTES if route.is_api_list and route.model is not None}
    missing = [f"{ns}: {label}" for ns, labels in API_CONTRACT.items() for label in labels if (ns, label) not in listed]
    assert missing == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_every_url_answers_every_persona_as_the_matrix_says(world, route, persona):
    url, _keys = url_of(world, route)
    response = world.client(persona).get(url)
    want = expected(world, route, persona)
    assert response.status_code in want, f"GET {url} as {persona}: {response.status_code}, expected {sorted(want)}"
    if response.status_code == 302 and route.area == "page":
        to_login = response["Location"].startswith(reverse("accounts:login"))
        assert to_login == (persona == "anonymous"), response["Location"]


def _text(response) -> str:
    """What a person or a program reads in a response: HTML/JSON text, a CSV or an XLSX's XML parts."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xml"))
    elif "json" in kind:
        data = json.loads(content or b"null")
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k not in ("next", "previous")}
        return json.dumps(data, ensure_ascii=False)
    return html.unescape(content.decode("utf-8-sig", errors="replace"))


def _lists(world: World) -> list[Route]:
    """GET routes that company B may open and that name no object (lists, forms, dashboards)."""
    return [r for r in _readable(world) if not r.params]


def _readable(world: World) -> list[Route]:
    """Every GET page and API endpoint company B may open (lists, and objects B may see too)."""
    return [r for r in GET_ROUTES if r.area in ("page", "api") and expected(world, r, "company_b") == {200}]


def test_company_b_sees_nothing_of_company_a_on_any_page_or_api_response(world):
    secrets = secret_pattern(world.secrets_of_a())
    client, own = world.client("company_b"), world.client("company_a")
    leaks, seen_by_a = [], 0
    for route in _readable(world):
        url, _ = url_of(world, route)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        found = secrets.findall(_text(response))
        if found:
            leaks.append(f"{url}: {sorted(set(found))}")
        if not route.params and secrets.findall(_text(own.get(url))):
            seen_by_a += 1
    assert leaks == []
    assert seen_by_a >= 3, "company A's own lists show its data (the search above finds what it looks for)"


def test_exports_of_every_list_page_hold_no_row_of_another_company(world):
    secrets = secret_pattern(world.secrets_of_a())
    client = world.client("company_b")
    checked = []
    for route in _lists(world):
        if route.area != "page":
            continue
        is_table = route.view_class is not None and issubclass(route.view_class, ScopedTableView)
        url, _ = url_of(world, route)
        for fmt in ("xlsx", "csv"):
            response = client.get(url, {"export": fmt})
            downloaded = "attachment" in response.get("Content-Disposition", "")
            if is_table:
                assert response.status_code == 200 and downloaded, f"{url}?export={fmt}: a list page downloads its table"
            if downloaded:
                checked.append(f"{url}?export={fmt}")
                assert not secrets.findall(_text(response)), f"{url}?export={fmt} holds company A's data"
    tables = [r for r in _lists(world) if r.view_class is not None and issubclass(r.view_class, ScopedTableView)]
    assert tables and len(checked) >= 2 * len(tables)
    own = [world.client("company_a").get(url_of(world, r)[0], {"export": "csv"}) for r in tables]
    assert any(secrets.findall(_text(response)) for response in own), "company A's own exports hold its rows"


def test_searching_for_company_a_as_company_b_finds_nothing(world):
    # The BIN itself is echoed in the search box and the export links: look for A's names and rights.
    secrets = secret_pattern(world.secrets_of_a(with_bin=False))
    client = world.client("company_b")
    leaks = []
    for route in _lists(world):
        url, _ = url_of(world, route)
        response = client.get(url, {"q": world.company_a.bin, "search": world.company_a.bin})
        if response.status_code != 200:
            leaks.append(f"{url}?q=…: {response.status_code}")
            continue
        found = secrets.findall(_text(response))
        if found:
            leaks.append(f"{url}?q={world.company_a.bin}: {sorted(set(found))}")
        if route.is_api_list:
            data = response.json()
            a_ids = _ids_of_a(world, route)
            leaked = {item.get("id") for item in data.get("results", [])} & a_ids
            assert not leaked, f"{url}?q=…: ids of company A {sorted(leaked)[:10]}"
    assert leaks == []


def _ids_of_a(world: World, route: Route) -> set:
    label = route.model._meta.label if route.model is not None else None
    path = OWNER_PATHS.get(label)
    if path is None:
        return set()
    return set(route.model._default_manager.filter(**{path: world.company_a.pk}).values_list("pk", flat=True))


@pytest.mark.parametrize("route", [r for r in GET_ROUTES if r.is_api_list and r.name not in UNOWNED_LISTS], ids=route_id)
def test_an_api_list_of_company_b_holds_none_of_company_a_ids(world, route):
    assert route.model is not None and route.model._meta.label in OWNER_PATHS, f"{route}: add its model to OWNER_PATHS"
    a_ids = _ids_of_a(world, route)
    client = world.client("company_b")
    url, _ = url_of(world, route)
    seen, page = set(), 1
    while page:
        response = client.get(url, {"page": page, "page_size": 500})
        assert response.status_code == 200, f"{url}: {response.status_code}"
        data = response.json()
        assert "results" in data, f"{url}: a list is paginated ({{count, next, previous, results}})"
        ids = [item.get("id") for item in data["results"]]
        assert None not in ids, f"{url}: every item carries its id"
        seen.update(ids)
        page = page + 1 if data.get("next") else 0
        assert page <= 50, f"{url}: more than 25,000 rows for one company of the small country"
    if OWNER_PATHS[route.model._meta.label] is not None:
        assert a_ids, f"company A has no {route.model._meta.verbose_name_plural} to compare with"
    assert not (seen & a_ids), f"{url}: company B receives ids of company A: {sorted(seen & a_ids)[:10]}"


@pytest.mark.parametrize("route", [r for r in GET_ROUTES if r.area in ("page", "api") and not r.params], ids=route_id)
def test_a_page_or_list_runs_a_bounded_number_of_queries(world, route):
    """The administrator sees the most rows; a query per row would show here (50 rows a page)."""
    client = world.client("admin")
    url, _ = url_of(world, route)
    client.get(url)  # the session and caches are warm for the measured request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in expected(world, route, "admin")
    assert len(queries) <= 30, f"{url}: {len(queries)} queries:\n" + "\n".join(q["sql"][:160] for q in queries.captured_queries)


def test_every_persona_has_a_login(world):
    assert set(PERSONAS) == set(world.users) | {"anonymous"}
