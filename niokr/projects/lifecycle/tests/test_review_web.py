"""Pages, API and admin of the expertise and the selection: sealed applications, refusals with reasons, nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from niokr.core.models import AuditEvent
from niokr.projects.lifecycle import selection as svc
from niokr.projects.lifecycle.tests.review_world import add_transfer, build_review_world, future, past, run_expertise, scores
from niokr.projects.models import Application, Call, Expertise

YEAR = timezone.now().year
SECRET = "Секретное содержание заявки"
NOBODY_BEFORE = ("officer", "regulator", "auditor", "admin", "superuser", "coordinator", "outsider", "rival_staff")


@pytest.fixture
def world(build, db):
    return build_review_world(build)


@pytest.fixture
def sealed(world, build):
    """An open call with the applicant's application (its statement a secret) before the deadline."""
    right = build.right(world.orgs["applicant"])
    add_transfer(world.orgs["applicant"], right, "1000000000.00", date(YEAR, 1, 15))
    run_expertise(world, world.programme, {"e1": scores(8, 6, 4), "e2": scores(8, 6)})
    call = svc.create_call(reference="CALL-W", titles={"kk": "Байқау", "ru": "Конкурс", "en": "Call"}, year=YEAR, directions=["greentech"], amount="500000000", deadline=future(), actor=world.user("officer"))
    svc.take_call(call, "open", world.user("officer"))
    application = svc.apply(call=call, programme=world.programme, amount="123456789.00", statement=SECRET, actor=world.user("applicant_staff"))
    world.call, world.application = Call.objects.get(pk=call.pk), application
    return world


def _snapshot():
    return (AuditEvent.objects.count(), list(Application.objects.values_list("status", "rank", "score")), list(Call.objects.values_list("status")))


# --- sealed --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", NOBODY_BEFORE)
def test_before_the_deadline_no_page_shows_an_applications_content(sealed, who):
    w, before = sealed, _snapshot()
    client = w.client(who)
    page = client.get(f"/lifecycle/applications/{w.application.reference}/")
    assert page.status_code in (403, 404)
    assert SECRET not in page.content.decode() and "123" not in page.content.decode().replace("\u202f", "")
    call_page = client.get(f"/lifecycle/calls/{w.call.reference}/")
    if call_page.status_code == 200:
        text = call_page.content.decode()
        assert SECRET not in text and w.application.reference not in text and w.programme.reference not in text
    assert _snapshot() == before


@pytest.mark.parametrize("who", NOBODY_BEFORE)
def test_before_the_deadline_the_api_gives_no_applications_content(sealed, who):
    w, before = sealed, _snapshot()
    client = w.client(who)
    assert client.get(f"/api/v1/lifecycle/applications/{w.application.reference}/").status_code in (403, 404)
    listing = client.get("/api/v1/lifecycle/applications/")
    assert listing.status_code in (200, 403)
    assert SECRET not in listing.content.decode()
    detail = client.get(f"/api/v1/lifecycle/calls/{w.call.reference}/")
    if detail.status_code == 200:
        body = detail.json()
        assert body["ranking"] == [] and body["applications_count"] == 1 and SECRET not in detail.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["superuser", "admin"])
def test_before_the_deadline_the_admin_lists_no_sealed_application_and_opens_none(sealed, who):
    w = sealed
    client = w.client(who)
    listing = client.get("/admin/projects/application/")
    assert listing.status_code in (200, 403)
    assert SECRET not in listing.content.decode() and w.application.reference not in listing.content.decode()
    page = client.get(f"/admin/projects/application/{w.application.pk}/change/")
    assert page.status_code in (302, 403, 404) and SECRET not in page.content.decode()


def test_the_applicant_reads_its_own_application_and_sees_its_status(sealed):
    w = sealed
    page = w.client("applicant_staff").get(f"/lifecycle/applications/{w.application.reference}/")
    assert page.status_code == 200 and SECRET in page.content.decode()
    assert w.client("applicant_staff").get(f"/api/v1/lifecycle/applications/{w.application.reference}/").json()["statement"] == SECRET


@pytest.mark.parametrize("who", ["officer", "regulator", "auditor", "superuser"])
def test_after_the_deadline_the_regulator_officer_and_auditor_read_it(sealed, who):
    w = sealed
    Call.objects.filter(pk=w.call.pk).update(deadline=past())
    svc.close_due()
    page = w.client(who).get(f"/lifecycle/applications/{w.application.reference}/")
    assert page.status_code == 200 and SECRET in page.content.decode()
    assert w.client(who).get(f"/api/v1/lifecycle/applications/{w.application.reference}/").status_code == 200
    assert w.application.reference in w.client(who).get(f"/lifecycle/calls/{w.call.reference}/").content.decode()


def test_after_the_deadline_the_superuser_admin_shows_it(sealed):
    w = sealed
    Call.objects.filter(pk=w.call.pk).update(deadline=past())
    assert w.client("superuser").get(f"/admin/projects/application/{w.application.pk}/change/").status_code == 200


# --- refusals through pages and API --------------------------------------------------------------


def test_closing_before_the_deadline_is_refused_on_the_page_and_in_the_api_with_nothing_changed(sealed):
    w, before = sealed, _snapshot()
    page = w.client("officer", "ru").post(f"/lifecycle/calls/{w.call.reference}/close/", follow=True)
    assert "запечатан" in page.content.decode() or "срок" in page.content.decode().lower()
    api = w.client("officer").post(f"/api/v1/lifecycle/calls/{w.call.reference}/close/")
    assert api.status_code == 400 and api.json()
    forbidden = w.client("regulator").post(f"/api/v1/lifecycle/calls/{w.call.reference}/close/")
    assert forbidden.status_code == 403
    assert _snapshot() == before


def test_a_decision_beyond_the_amount_is_refused_through_the_api(sealed, world):
    w = sealed
    Call.objects.filter(pk=w.call.pk).update(deadline=past(), amount=100)
    svc.take_call(Call.objects.get(pk=w.call.pk), "close", w.user("officer"))
    before = _snapshot()
    r = w.client("officer", "en").post(f"/api/v1/lifecycle/calls/{w.call.reference}/decide/", {"awarded": [w.application.reference]}, content_type="application/json")
    assert r.status_code == 400 and "превышает" in r.json()["error"]["message"]
    assert _snapshot() == before
    ok = w.client("officer").post(f"/api/v1/lifecycle/calls/{w.call.reference}/decide/", {"awarded": []}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "decided"


def test_the_expertise_through_pages_conflict_refusal_shows_the_path(world):
    c = world.client("coordinator", "ru")
    assert c.post(f"/lifecycle/expertise/open/{world.programme.reference}/").status_code == 302
    exp = Expertise.objects.get()
    before = AuditEvent.objects.count()
    page = c.post(f"/lifecycle/expertise/{exp.reference}/assign/", {"expert": world.experts["e_near"].pk}, follow=True)
    text = page.content.decode()
    assert "Университет" in text and "Заявитель" in text and AuditEvent.objects.count() == before
    for name in ("e1", "e2"):
        c.post(f"/lifecycle/expertise/{exp.reference}/assign/", {"expert": world.experts[name].pk})
    c.post(f"/lifecycle/expertise/{exp.reference}/start-scoring/")
    for name in ("e1", "e2"):
        form = world.client(name).get(f"/lifecycle/expertise/{exp.reference}/score/")
        assert form.status_code == 200
        world.client(name).post(f"/lifecycle/expertise/{exp.reference}/score/", {"score-novelty": "8", "score-feasibility": "6", "na-export": "on"})
    assert world.client("e2").get(f"/lifecycle/expertise/{exp.reference}/score/").status_code == 200
    assert world.client("e_near").get(f"/lifecycle/expertise/{exp.reference}/").status_code == 404
    refused = c.post(f"/lifecycle/expertise/{exp.reference}/conclude/", {"conclusion": ""}, follow=True)
    exp.refresh_from_db()
    assert exp.status == "scoring"
    c.post(f"/lifecycle/expertise/{exp.reference}/conclude/", {"conclusion": "Положительное заключение."})
    exp.refresh_from_db()
    world.programme.refresh_from_db()
    assert exp.status == "concluded" and exp.positive and world.programme.status == "approved"
    assert refused.status_code == 200


def test_the_expertise_api_refuses_a_role_with_403_and_a_guard_with_400(world):
    r = world.client("e1").post("/api/v1/lifecycle/expertise/", {"programme": world.programme.reference}, content_type="application/json")
    assert r.status_code in (403, 404)
    r = world.client("coordinator").post("/api/v1/lifecycle/expertise/", {"programme": world.programme.reference}, content_type="application/json")
    assert r.status_code == 201
    ref = r.json()["reference"]
    conflict = world.client("coordinator").post(f"/api/v1/lifecycle/expertise/{ref}/assign/", {"expert": world.experts["e_near"].pk}, content_type="application/json")
    assert conflict.status_code == 400
    guard = world.client("coordinator").post(f"/api/v1/lifecycle/expertise/{ref}/start-scoring/")
    assert guard.status_code == 400
    role = world.client("applicant_staff").post(f"/api/v1/lifecycle/expertise/{ref}/start-scoring/")
    assert role.status_code in (403, 404)
    assert Expertise.objects.get().status == "assigned"


def test_the_pool_page_shows_tables_a_chart_and_exports(sealed):
    w = sealed
    page = w.client("regulator").get("/lifecycle/pool/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    csv = w.client("regulator").get("/lifecycle/pool/?export=csv")
    assert csv.status_code == 200 and b"1000000000.00" in b"".join(csv.streaming_content if hasattr(csv, "streaming_content") else [csv.content])
    assert "<svg" not in w.client("applicant_staff").get("/lifecycle/pool/").content.decode()
    assert w.client("regulator").get("/api/v1/lifecycle/pool/").status_code == 200
    assert w.client("applicant_staff").get("/api/v1/lifecycle/pool/").json() == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_pages_render_in_each_language(sealed, lang):
    w = sealed
    for who, url in (
        ("officer", "/lifecycle/calls/"), ("officer", f"/lifecycle/calls/{w.call.reference}/"), ("officer", "/lifecycle/calls/new/"),
        ("applicant_staff", f"/lifecycle/calls/{w.call.reference}/"), ("coordinator", "/lifecycle/expertise/"),
        ("coordinator", "/lifecycle/expertise/sheets/"), ("coordinator", f"/lifecycle/expertise/{Expertise.objects.get().reference}/"),
        ("regulator", "/lifecycle/pool/"),
    ):
        assert w.client(who, lang).get(url).status_code == 200, (who, url)
