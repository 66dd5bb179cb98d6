"""The programme of the web tests' small country: company A's, submitted to its ministry's council.

Written through the services as company A's staff would: the first of A's rights, A's performer as
the proposed performer, a budget of two years; then submitted (so the ministry's regulators read it,
and the council's secretaries are notified). The company's staff receive a notification too, so
the notifications page and API have a row to show.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from niokr.accounts.notifications import notify
from niokr.projects.lifecycle.programmes import create_programme, submit_programme

__all__ = ["build_programme"]


def build_programme(*, company_a, right_a, performer_org, user):
    """Company A's submitted programme (see the module docstring)."""
    actor = get_user_model().objects.get(pk=user.pk)
    raw = {
        "kind": "programme",
        "title_kk": "Кен орнын цифрлық басқару",
        "title_ru": "Цифровое управление месторождением",
        "title_en": "Digital management of the deposit",
        "abstract": "Цифровой двойник месторождения.",
        "priority_direction": "greentech",
        "tcc_sector": "industry",
        "trl_start": 3,
        "trl_target": 6,
        "performer": performer_org.bin,
        "rights": [right_a.number],
        "budget": [{"year": 2026, "amount": "120000000.00"}, {"year": 2027, "amount": "80000000.00"}],
    }
    programme = create_programme(actor=actor, applicant=company_a, raw=raw)
    submit_programme(actor=get_user_model().objects.get(pk=user.pk), programme=programme)
    with transaction.atomic():
        notify(actor, "lifecycle.programme_submitted", {"programme": programme.reference, "link": f"/lifecycle/programmes/{programme.reference}/"})
    programme.refresh_from_db()
    return programme
