"""A regime's rate reads the same wherever it is shown: ``1.00 %`` in English, ``1,00 %`` in Kazakh and Russian."""

from __future__ import annotations

import pytest
from django.urls import reverse

from niokr.obligations.models import RuleRegime

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, rate", [("en", "1.00\u00a0%"), ("ru", "1,00\u00a0%"), ("kk", "1,00\u00a0%")])
def test_the_rate_is_one_percentage_on_the_list_and_on_the_regime_page(country, personas, language, rate):
    client = personas.client(None, None, language=language)
    regime = RuleRegime.objects.get(code="CODE2017_COSTS")
    listing = client.get(reverse("obligations:regime-list")).content.decode()
    detail = client.get(reverse("obligations:regime-detail", args=[regime.pk])).content.decode()
    assert rate in listing and rate in detail
    for page in (listing, detail):
        assert "1.000 %" not in page and "1,000 %" not in page
