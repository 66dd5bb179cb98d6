"""The admin writes through the services and the audit trail."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from niokr.core.audit import verify_chain
from niokr.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("root", "root@example.kz", "a-long-admin-pass")
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_regime_assignment_with_an_unknown_code_is_refused(admin_client, build):
    right = build.right(build.org())
    response = admin_client.post("/admin/registry/regimeassignment/add/", {"right": right.pk, "regime_code": "NOPE", "valid_from": "2020-01-01", "legal_reason": "x"})
    assert response.status_code == 200 and "NOPE" in response.content.decode()
    assert right.regime_assignments.count() == 0


def test_an_admin_regime_assignment_goes_through_the_service(admin_client, build):
    right = build.right(build.org())
    response = admin_client.post("/admin/registry/regimeassignment/add/", {"right": right.pk, "regime_code": "CODE2017_COSTS", "valid_from": "2020-01-01", "legal_reason": "Code"})
    assert response.status_code == 302
    assert right.regime_assignments.get().valid_from == date(2020, 1, 1)
    assert AuditEvent.objects.filter(action="assign_regime").count() == 1


def test_an_admin_base_figure_is_a_new_revision(admin_client, build):
    right = build.right(build.org())
    for amount in ("100.00", "200.00"):
        response = admin_client.post("/admin/obligations/basefigure/add/", {"right": right.pk, "year": 2024, "base_type": "production_costs", "amount": amount, "source": "report", "status": "accepted"})
        assert response.status_code == 302
    assert list(right.base_figures.values_list("revision", "amount")) == [(1, 100), (2, 200)]


def test_an_admin_user_change_is_audited_without_the_password(admin_client):
    response = admin_client.post("/admin/accounts/user/add/", {
            "username": "analyst", "password1": "Zx-very-long-1", "password2": "Zx-very-long-1", "usable_password": "true",
            "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(object_type="accounts.User")
    assert "password" not in (event.after or {})
    assert verify_chain()[1] is None
