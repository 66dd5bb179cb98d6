"""An organisation's principal activity (OKED code): validated, loaded by `niokr load`, shown on its page."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_bin
from niokr.accounts.models import Membership
from niokr.obligations.loader import LoadError, load_registry
from niokr.registry.models import Organisation
from niokr.registry.models.organisation import normalise_oked, validate_oked


def _org(oked, bin_=None) -> dict:
    return {
        "bin": bin_ or make_bin("1805"), "name_kk": "«Сауда үйі» ЖШС", "name_ru": "ТОО «Торговый дом»", "name_en": "Trading House LLP",
        "kind": "company", "region": "astana", "registered_on": "2018-05-02", **({} if oked is None else {"oked": oked}),
    }


@pytest.mark.parametrize("code", ["72", "72.1", "72.19", "72.19.0", "46.75", ""])
def test_oked_codes_in_the_forms_registers_write_them_are_valid(code):
    validate_oked(code)


@pytest.mark.parametrize("code", ["7", "72.", "72.193", "72.19.01", "72-19", "G46", "72.19.0.1", "abc"])
def test_anything_else_is_refused_with_a_message_in_the_users_language(code):
    for lang, words in (("en", "is not an OKED code"), ("ru", "не код ОКЭД"), ("kk", "ЭҚЖЖ коды емес")):
        with translation.override(lang):
            with pytest.raises(ValidationError) as caught:
                validate_oked(code)
            assert words in caught.value.messages[0] and code in caught.value.messages[0], lang


@given(st.from_regex(r"\A[0-9]{2,5}\Z"))
def test_digits_alone_are_dotted_into_a_valid_code(digits):
    code = normalise_oked(digits)
    validate_oked(code)
    assert code.replace(".", "") == digits


def test_normalising_trims_and_keeps_what_it_cannot_read():
    assert normalise_oked(" 72.19. ") == "72.19" and normalise_oked(None) == "" and normalise_oked(72.19) == "72.19" and normalise_oked("G46") == "G46"


@pytest.mark.django_db
def test_niokr_load_records_the_principal_activity():
    document = {"organisations": [_org("46.75"), _org("72190"), _org(None)]}
    load_registry(document)
    codes = {o["bin"]: Organisation.objects.get(bin=o["bin"]).oked for o in document["organisations"]}
    assert list(codes.values()) == ["46.75", "72.19.0", ""]


@pytest.mark.django_db
def test_niokr_load_refuses_a_bad_code_naming_the_field_and_writes_nothing(tmp_path):
    good, bad = _org("72.19"), _org("72-19")
    with translation.override("en"), pytest.raises(LoadError) as caught:
        load_registry({"organisations": [good, bad]})
    assert caught.value.field == "organisations[1].oked" and caught.value.value == "72-19" and "not an OKED code" in caught.value.message
    assert not Organisation.objects.filter(bin__in=[good["bin"], bad["bin"]]).exists()
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"organisations": [bad]}), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load", str(path), stderr=err)


@pytest.mark.django_db
def test_the_organisation_page_shows_the_principal_activity(build):
    trader = build.org(kind="company", name="ТОО «Торговый дом»")
    trader.oked = "46.75"
    trader.save()
    auditor = get_user_model().objects.create_user(username="auditor-oked", language="ru")
    Membership.objects.create(user=auditor, organisation=build.org(kind="state_body", name="Палата", region="astana"), role="auditor")
    client = Client()
    client.force_login(auditor)
    page = client.get(reverse("registry:organisation-detail", args=[trader.pk])).content.decode()
    assert "Основной вид деятельности (ОКЭД)" in page and "46.75" in page
