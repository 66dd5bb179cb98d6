"""The API's compiled representations give exactly what DRF's own ``to_representation`` gives.

Every serializer that uses :class:`~niokr.core.api.CompiledRepresentation` is run over rows of the
demo country (organisations with statuses, rights with regime history, balances with reasons,
ledger entries with reversals, agreements and payments in foreign currencies) both ways.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from rest_framework import serializers

from niokr.core.api import CompiledRepresentation
from niokr.obligations.api.serializers import BaseFigureSerializer, LedgerEntrySerializer, RightYearBalanceSerializer, RuleRegimeSerializer
from niokr.obligations.models import BaseFigure, LedgerEntry, RightYearBalance, RuleRegime
from niokr.obligations.services import recompute
from niokr.projects.api.serializers import AgreementSerializer, PaymentSerializer
from niokr.projects.models import Agreement, Payment
from niokr.registry.api.serializers import OrganisationSerializer, SubsoilRightSerializer
from niokr.registry.models import Organisation, SubsoilRight

pytestmark = pytest.mark.django_db

ROWS = 300


@pytest.fixture
def country():
    call_command("generate", scale="small", seed=1, stdout=io.StringIO(), stderr=io.StringIO())
    recompute()


def _compare(serializer_class, queryset):
    rows = list(queryset[:ROWS])
    assert rows, f"no rows for {serializer_class.__name__}"
    serializer = serializer_class(rows, many=True)
    compiled = serializer.data
    child = serializer.child
    assert [child.drf_representation(row) for row in rows] == compiled


def test_compiled_representations_equal_drf_ones(country):
    with translation.override("kk"):
        _compare(OrganisationSerializer, Organisation.objects.prefetch_related("attributes").order_by("-id"))
        _compare(SubsoilRightSerializer, SubsoilRight.objects.select_related("holder").with_current_regime().prefetch_related("regime_assignments"))
        _compare(RuleRegimeSerializer, RuleRegime.objects.all())
        _compare(BaseFigureSerializer, BaseFigure.objects.order_by("-id"))
        _compare(RightYearBalanceSerializer, RightYearBalance.objects.select_related("right").order_by("status", "id"))
        _compare(LedgerEntrySerializer, LedgerEntry.objects.select_related("reversed_by").order_by("-id"))
        _compare(AgreementSerializer, Agreement.objects.select_related("payer", "performer", "project").order_by("-id"))
        _compare(PaymentSerializer, Payment.objects.listed().order_by("currency", "-id"))
        _compare(PaymentSerializer, Payment.objects.listed().exclude(currency="KZT"))


def test_every_api_serializer_of_a_list_is_compiled():
    for serializer_class in (
        OrganisationSerializer, SubsoilRightSerializer, RuleRegimeSerializer, BaseFigureSerializer,
        RightYearBalanceSerializer, LedgerEntrySerializer, AgreementSerializer, PaymentSerializer,
    ):
        assert issubclass(serializer_class, CompiledRepresentation)


class _Holder:
    def __init__(self, **values):
        self.__dict__.update(values)

    def method(self):
        return "called"


class _Plain(CompiledRepresentation, serializers.Serializer):
    text = serializers.CharField()
    nested = serializers.CharField(source="inner.text", allow_null=True)
    mapping = serializers.CharField(source="data.key")
    called = serializers.CharField(source="method")
    missing = serializers.CharField(source="absent", required=False)
    whole = serializers.SerializerMethodField()

    def get_whole(self, obj) -> str:
        return f"whole {obj.text}"


@pytest.mark.parametrize(
    "row",
    [
        _Holder(text="a", inner=_Holder(text="b"), data={"key": "c"}),
        _Holder(text="a", inner=None, data={"key": "c"}),
        _Holder(text=1, inner=_Holder(text=2), data={"key": 3}, absent="here"),
    ],
)
def test_mappings_callables_missing_and_empty_links_take_drfs_path(row):
    serializer = _Plain()
    assert serializer.to_representation(row) == serializer.drf_representation(row)
