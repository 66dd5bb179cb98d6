"""`niokr load`: registry data and bases, all or nothing, with errors naming the field and value."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from conftest import make_bin
from niokr.core.models import AuditEvent
from niokr.obligations.models import BaseFigure, RightYearBalance
from niokr.obligations.services import recompute
from niokr.registry.models import Organisation, SubsoilRight

pytestmark = pytest.mark.django_db

HOLDER = make_bin("1905")
DOC = {
    "organisations": [
        {
            "bin": HOLDER, "name_kk": "«Жайық Мұнай» ЖШС", "name_ru": "ТОО «Жайык Мунай»", "name_en": "Zhaiyk Munai LLP",
            "kind": "subsoil_user", "region": "west_kazakhstan", "registered_on": "2019-05-14",
        },
        {
            "bin": make_bin("0802"), "name_kk": "Ғылыми институт", "name_ru": "Научный институт", "name_en": "Research institute",
            "kind": "research_institute", "region": "almaty_city", "registered_on": "2008-02-01",
            "attributes": [{"kind": "kazakhstani_supplier", "valid_from": "2010-01-01", "evidence": "97% citizens"}],
        },
    ],
    "rights": [
        {
            "number": "ЖМ-2019-01", "holder_bin": HOLDER, "mineral_group": "hydrocarbons", "right_type": "hc_production",
            "region": "west_kazakhstan", "signed_on": "2019-06-01", "production_start": "2020-03-01",
            "regimes": [{"code": "CODE2017_COSTS", "from": "2019-06-01", "legal_reason": "Code art. 129"}, {"code": "BUDGET2026_COSTS", "from": "2026-02-23", "legal_reason": "order No 37604"}],
        }
    ],
    "bases": [{"right": "ЖМ-2019-01", "year": 2025, "base_type": "production_costs", "amount": "12345678900.00", "source": "report"}],
}


def load(tmp_path, doc):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("load", str(path), stdout=out, stderr=err)
        return 0, out.getvalue(), None
    except CommandError as exc:
        return exc.returncode, out.getvalue(), json.loads(err.getvalue().splitlines()[0])["error"]


def nothing_written():
    return Organisation.objects.count() == 0 and SubsoilRight.objects.count() == 0 and BaseFigure.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_it_loads_a_registry_that_the_engine_computes(tmp_path):
    code, out, _ = load(tmp_path, DOC)
    assert code == 0 and "2 organisations" in out
    recompute()
    assert RightYearBalance.objects.get(right__number="ЖМ-2019-01", year=2026).obligation == 123456789


@pytest.mark.parametrize(
    ("mutate", "field", "value"),
    [
        (lambda d: d["organisations"][0].__setitem__("bin", HOLDER[:-1] + str((int(HOLDER[-1]) + 1) % 10)), "organisations[0].bin", None),
        (lambda d: d["bases"][0].__setitem__("amount", "-100.00"), "bases[0].amount", "-100.00"),
        (lambda d: d["bases"][0].__setitem__("amount", 100.5), "bases[0].amount", 100.5),
        (lambda d: d["rights"][0]["regimes"][1].__setitem__("code", "BUDGET2030"), "rights[0].regimes[1].code", "BUDGET2030"),
        (lambda d: d["rights"][0].__setitem__("holder_bin", "000000000000"), "rights[0].holder_bin", "000000000000"),
    ],
    ids=["invalid-bin", "negative-base", "base-as-number", "unknown-regime", "unknown-holder"],
)
def test_bad_input_names_the_field_and_value_and_writes_nothing(tmp_path, mutate, field, value):
    doc = copy.deepcopy(DOC)
    mutate(doc)
    code, _, error = load(tmp_path, doc)
    assert code == 2
    assert error["field"] == field
    if value is not None:
        assert error["value"] == value
    assert nothing_written()


def test_an_invalid_bin_message_names_the_bin(tmp_path):
    doc = copy.deepcopy(DOC)
    bad = HOLDER[:-1] + str((int(HOLDER[-1]) + 1) % 10)
    doc["organisations"][0]["bin"] = bad
    with translation.override("en"):
        _, _, error = load(tmp_path, doc)
    assert bad in error["message"] and "check digit" in error["message"]
