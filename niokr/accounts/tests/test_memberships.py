"""A membership counts only while it is in force: an expired or future one grants nothing, anywhere.

The one definition (``active_membership_q`` / ``Membership.is_active_on``) is read by scoping, by
intake's right to submit, by the audit-case rights and by the list of assignable auditors; each is
checked here with a membership that ended yesterday, one that starts tomorrow, and one in force
(bounds inclusive).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from niokr.accounts.choices import Role
from niokr.accounts.models import Membership
from niokr.accounts.scoping import scope_for
from niokr.control.forms import auditors
from niokr.control.services import can_audit
from niokr.intake.formats import Kind
from niokr.intake.services import may_submit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
WINDOWS = {
    "expired": (TODAY - timedelta(days=30), TODAY - timedelta(days=1)),
    "future": (TODAY + timedelta(days=1), None),
    "ends_today": (TODAY - timedelta(days=30), TODAY),
    "starts_today": (TODAY, None),
    "open": (None, None),
}
ACTIVE = {"ends_today", "starts_today", "open"}


def _member(name, organisation, role, window):
    user = get_user_model().objects.create_user(username=name, password="x-very-long-pass")
    valid_from, valid_to = WINDOWS[window]
    Membership.objects.create(user=user, organisation=organisation, role=role, valid_from=valid_from, valid_to=valid_to)
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize("window", sorted(WINDOWS))
def test_company_staff_see_and_submit_only_while_the_membership_holds(build, window):
    company = build.org(name="ТОО «Членство»")
    user = _member(f"staff-{window}", company, Role.COMPANY, window)
    active = window in ACTIVE
    assert (company.pk in scope_for(user).organisation_ids) is active
    assert (company.pk in scope_for(user).company_ids) is active
    assert may_submit(user, company, Kind.SPENDING.value) is active
    assert Membership.objects.active_on().filter(user=user).exists() is active
    assert Membership.objects.get(user=user).is_active_on() is active


@pytest.mark.parametrize("window", sorted(WINDOWS))
def test_an_auditor_audits_and_is_assignable_only_while_the_membership_holds(build, window):
    chamber = build.org(kind="state_body", name="Аудиторская палата", region="astana")
    user = _member(f"auditor-{window}", chamber, Role.AUDITOR, window)
    active = window in ACTIVE
    assert scope_for(user).everything is active
    assert can_audit(user) is active
    assert auditors().filter(pk=user.pk).exists() is active


def test_the_queryset_and_the_instance_agree_on_every_day_around_the_bounds(build):
    company = build.org(name="ТОО «Границы»")
    user = get_user_model().objects.create_user(username="bounds", password="x-very-long-pass")
    m = Membership.objects.create(user=user, organisation=company, role=Role.COMPANY, valid_from=TODAY - timedelta(days=2), valid_to=TODAY + timedelta(days=2))
    for offset in range(-4, 5):
        day = TODAY + timedelta(days=offset)
        assert Membership.objects.active_on(day).filter(pk=m.pk).exists() is m.is_active_on(day) is (abs(offset) <= 2)
