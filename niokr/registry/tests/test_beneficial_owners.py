"""Beneficial owners: each rule refused with a message at its field, the database's constraints behind
them, `niokr load`'s section, the control engine's frame, and the administration pages."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_bin
from niokr.core.models import AuditEvent
from niokr.obligations.loader import LoadError, load_registry
from niokr.registry.countries import ISO_3166_ALPHA2, normalise_country, validate_country
from niokr.registry.models import BeneficialOwner, Organisation
from niokr.registry.services import record_beneficial_owner

pytestmark = pytest.mark.django_db

IIN = "900101300007"  # born 01.01.1990 (DOMAIN.md's worked example)


def _owner(organisation, **values) -> dict:
    base = {"organisation": organisation, "name": "John Smith", "kind": "natural_person", "country": "GB", "share": Decimal("60"), "valid_from": date(2020, 1, 1)}
    base.update(values)
    return base


def _errors(organisation, **values) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            record_beneficial_owner(**_owner(organisation, **values))
        return {field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()}


def test_an_owner_is_recorded_with_its_audit_event_and_the_country_read_in_capitals(build):
    company = build.org(kind="company")
    owner = record_beneficial_owner(**_owner(company, country=" gb ", name=" John Smith "))
    assert (owner.country, owner.name, owner.is_foreign, owner.is_valid_on(date(2024, 1, 1)), owner.is_valid_on(date(2019, 1, 1))) == ("GB", "John Smith", True, True, False)
    assert AuditEvent.objects.filter(object_type="registry.BeneficialOwner", object_id=str(owner.pk), action="create").exists()
    kazakh = record_beneficial_owner(**_owner(company, name="Айгүл Сейітова", country="KZ", identifier=IIN, share=Decimal("40")))
    legal = record_beneficial_owner(**_owner(company, name="ТОО «Холдинг»", kind="legal_entity", country="KZ", identifier=make_bin("1011"), share=None))
    assert not kazakh.is_foreign and legal.share is None and company.beneficial_owners.count() == 3


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"country": "XX"}, "country", "not a country code"),
        ({"country": "KZ"}, "identifier", "identified by its IIN or BIN"),
        ({"country": "KZ", "identifier": "900101300008"}, "identifier", "check digit"),
        ({"country": "KZ", "identifier": IIN, "kind": "legal_entity"}, "identifier", "it is an IIN"),
        ({"country": "KZ", "identifier": "12345"}, "identifier", "12 digits"),
        ({"share": Decimal("0")}, "share", "above 0 and at most 100 per cent"),
        ({"share": Decimal("100.5")}, "share", "above 0 and at most 100 per cent"),
        ({"valid_to": date(2019, 12, 31)}, "valid_to", "before its start"),
        ({"kind": "trust"}, "kind", ""),
        ({"name": ""}, "name", ""),
    ],
)
def test_each_rule_is_refused_at_its_field(build, values, field, words):
    errors = _errors(build.org(kind="company"), **values)
    assert field in errors and words in " ".join(errors[field]), errors
    assert not BeneficialOwner.objects.exists()


def test_an_organisation_is_not_its_own_owner(build):
    company = build.org(kind="company")
    errors = _errors(company, kind="legal_entity", country="KZ", identifier=company.bin)
    assert "not its own owner" in " ".join(errors["identifier"])


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"country": "XX"}, "beneficial_owner_country_code"),
        ({"country": "KZ", "identifier": ""}, "beneficial_owner_kazakh_identified"),
        ({"share": Decimal("0")}, "beneficial_owner_share_range"),
        ({"valid_to": date(2019, 1, 1)}, "beneficial_owner_period_ordered"),
        ({"kind": "trust"}, "beneficial_owner_kind_known"),
    ],
)
def test_the_database_holds_the_same_rules(build, values, constraint):
    company = build.org(kind="company")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        BeneficialOwner.objects.create(**_owner(company, **values))
    assert constraint in str(caught.value) or "CHECK constraint failed" in str(caught.value)


def test_a_rule_message_reads_in_the_users_language(build):
    company = build.org(kind="company")
    for language in ("kk", "ru"):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            record_beneficial_owner(**_owner(company, country="XX"))
        assert "XX" in " ".join(caught.value.message_dict["country"])


def test_the_country_list_is_iso_3166_alpha_2():
    assert len(ISO_3166_ALPHA2) == 249 and {"KZ", "RU", "CN", "GB", "NL", "US", "TR", "KG"} <= ISO_3166_ALPHA2
    assert normalise_country(" kz") == "KZ" and normalise_country(None) == ""
    for bad in ("", "kz", "KAZ", "XK", "EU", "UK"):
        with pytest.raises(ValidationError):
            validate_country(bad)


@given(st.sampled_from(sorted(ISO_3166_ALPHA2)))
def test_every_listed_code_is_accepted(code):
    validate_country(code)


# -- niokr load ------------------------------------------------------------------------------------------

HOLDING, PERFORMER = make_bin("1011"), make_bin("1205")


def _document(*owners) -> dict:
    org = {"name_kk": "ЖШС", "name_ru": "ТОО", "name_en": "LLP", "kind": "company", "region": "astana", "registered_on": "2012-05-02"}
    return {
        "organisations": [{**org, "bin": HOLDING}, {**org, "bin": PERFORMER}],
        "affiliations": [{"source_bin": HOLDING, "target_bin": PERFORMER, "kind": "owner", "share": "100", "valid_from": "2020-01-01"}],
        "beneficial_owners": list(owners),
    }


FOREIGN_OWNER = {"organisation_bin": HOLDING, "name": "John Smith", "kind": "natural_person", "country": "GB", "foreign_identifier": "P1234567",
                 "share": "60", "valid_from": "2020-01-01", "valid_to": None, "source": "выписка из реестра бенефициаров"}
KAZAKH_OWNER = {"organisation_bin": HOLDING, "name": "Айгүл Сейітова", "kind": "natural_person", "country": "KZ", "identifier": IIN, "share": 40, "valid_from": "2020-01-01"}


def test_niokr_load_reads_the_beneficial_owners_section(tmp_path):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(_document(FOREIGN_OWNER, KAZAKH_OWNER), ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("load", str(path), stdout=out)
    assert "2 beneficial owners" in out.getvalue()
    owners = {o.name: o for o in BeneficialOwner.objects.filter(organisation__bin=HOLDING)}
    assert owners["John Smith"].foreign_identifier == "P1234567" and owners["John Smith"].share == Decimal("60") and owners["John Smith"].source.startswith("выписка")
    assert owners["Айгүл Сейітова"].identifier == IIN and owners["Айгүл Сейітова"].share == Decimal("40")


def test_owners_of_an_organisation_already_registered_are_loaded_alone(build):
    company = build.org(kind="company")
    load_registry({"beneficial_owners": [{**FOREIGN_OWNER, "organisation_bin": company.bin}]})
    assert company.beneficial_owners.get().country == "GB"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"organisation_bin": "150340000109"}, "beneficial_owners[1].organisation_bin", "no organisation with this BIN"),
        ({"share": "sixty"}, "beneficial_owners[1].share", "a share is a number"),
        ({"share": True}, "beneficial_owners[1].share", "a share is a number"),
        ({"valid_from": "01.01.2020"}, "beneficial_owners[1].valid_from", "YYYY-MM-DD"),
        ({"country": "KZ", "identifier": ""}, "beneficial_owners[1].identifier", "IIN or BIN"),
        ({"country": "Kazakhstan"}, "beneficial_owners[1].country", "not a country code"),
        ({"share": "120"}, "beneficial_owners[1].share", "at most 100 per cent"),
        ({"name": 5}, "beneficial_owners[1].name", "must be a string"),
    ],
)
def test_a_bad_owner_stops_the_load_naming_its_field_and_nothing_is_written(change, field, words):
    with translation.override("en"), pytest.raises(LoadError) as caught:
        load_registry(_document(KAZAKH_OWNER, {**FOREIGN_OWNER, **change}))
    assert caught.value.field == field and words in caught.value.message, (caught.value.field, caught.value.message)
    assert not Organisation.objects.filter(bin=HOLDING).exists() and not BeneficialOwner.objects.exists()


def test_the_command_reports_the_owners_field_on_standard_error(tmp_path):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(_document({**FOREIGN_OWNER, "country": "XX"})), encoding="utf-8")
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("load", str(path), stderr=err)
    assert json.loads(err.getvalue())["error"]["field"] == "beneficial_owners[0].country"


# -- the control engine's frame, and the foreign owner it finds ----------------------------------------------


def test_the_frame_reads_the_owners_and_nk45_looks_through_them():
    from niokr.control.extract import extract_frames
    from niokr.control.indicators.identity import ownership_paths

    load_registry(_document(FOREIGN_OWNER, KAZAKH_OWNER))
    frames = extract_frames(as_of=date(2026, 1, 1))
    owners = frames["beneficial_owners"].sort("owner_name")
    assert owners.columns == ["org_id", "owner_name", "owner_kind", "identifier", "country", "share", "valid_from", "valid_to"]
    assert owners["country"].to_list() == ["GB", "KZ"] and owners["share"].to_list() == [60.0, 40.0]
    performer = Organisation.objects.get(bin=PERFORMER)
    import polars as pl

    paths = ownership_paths(frames, pl.DataFrame({"start_id": [performer.pk]}), max_levels=5).filter(pl.col("foreign"))
    assert paths["factor"].to_list() == [0.6] and paths["owner_label"].to_list() == ["John Smith (GB)"]


# -- the administration pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_admin_lists_owners_and_shows_them_under_the_organisation(build, language):
    company = build.org(kind="company")
    record_beneficial_owner(**_owner(company))
    user = get_user_model().objects.create_superuser(f"root-owners-{language}", password="x-very-long-pass", language=language)
    client = Client()
    client.force_login(user)
    listing = client.get("/admin/registry/beneficialowner/")
    assert listing.status_code == 200 and "John Smith" in listing.content.decode()
    change = client.get(f"/admin/registry/organisation/{company.pk}/change/")
    assert change.status_code == 200 and "John Smith" in change.content.decode()
