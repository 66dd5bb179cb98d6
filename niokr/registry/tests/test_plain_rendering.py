"""Tables and forms written in Python give the markup django-tables2 and Django's templates give.

The list pages write their table bodies (:class:`~niokr.core.tables.PlainRowsTable`) and the
widgets of their filter forms (:class:`~niokr.core.filtersets.PlainWidgets`) without a template
per cell or per option; these tests render the same tables and widgets both ways and compare.
"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_filters.widgets import DateRangeWidget, RangeWidget
from django_tables2 import RequestConfig

from niokr.projects.models import Agreement, Payment
from niokr.projects.tables import AgreementTable, PaymentTable
from niokr.obligations.filtersets import DashboardFilterSet, LedgerEntryFilterSet
from niokr.obligations.models import LedgerEntry, RightYearBalance
from niokr.projects.filtersets import AgreementFilterSet, PaymentFilterSet
from niokr.core.filtersets import PLAIN_WIDGETS
from niokr.core.tables import PLAIN_TABLE_TEMPLATE, link, url_maker
from niokr.registry.filtersets import OrganisationFilterSet, SubsoilRightFilterSet
from niokr.registry.models import Organisation, SubsoilRight
from niokr.registry.tables import OrganisationTable, SubsoilRightTable
from niokr.registry.tests.test_pages import build_country

pytestmark = pytest.mark.django_db

DJANGO_TABLES2_TEMPLATE = settings.DJANGO_TABLES2_TEMPLATE
TABLE = Template("{% load django_tables2 %}{% render_table table %}")


@pytest.fixture
def country(build):
    """The registry tests' world, with markup characters in a name, a right number and a document number."""
    country = build_country(build)
    country.b.name_ru = country.b.name_en = 'ТОО "Мунай & <Бета>"'
    country.b.save()
    country.right_b.number = "B-200 & <1>"
    country.right_b.save()
    country.pay_bq.document_number = 'ПП "B" & <2>'
    country.pay_bq.save()
    return country


def _querysets(user):
    return {
        OrganisationTable: Organisation.objects.visible_to(user).with_rights_count(user).order_by("name_ru", "pk"),
        SubsoilRightTable: SubsoilRight.objects.visible_to(user).select_related("holder").with_current_regime().order_by("number"),
        AgreementTable: Agreement.objects.visible_to(user).select_related("payer", "performer").order_by("-signed_on", "-id"),
        PaymentTable: Payment.objects.visible_to(user).listed().order_by("-paid_on", "-id"),
    }


def _render(table_class, queryset, user, query: dict, template: str) -> str:
    request = RequestFactory().get("/", query)
    request.user = user
    table = table_class(queryset, user=user, template_name=template)
    RequestConfig(request, paginate={"per_page": 2}).configure(table)
    html = TABLE.render(Context({"table": table, "request": request}))
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", html)  # whitespace between tags is the templates' layout


@pytest.mark.parametrize("persona", ["auditor", "regulator_energy", "company_b", "performer_p", "outsider"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_plain_table_body_is_what_django_tables2_writes(country, persona, language):
    user = country.users[persona]
    with translation.override(language):
        for table_class, queryset in _querysets(user).items():
            for query in ({}, {"page": "2"}, {"sort": "-" + next(c.name for c in table_class(queryset.none()).columns if c.orderable)}):
                plain = _render(table_class, queryset, user, query, PLAIN_TABLE_TEMPLATE)
                templated = _render(table_class, queryset, user, query, DJANGO_TABLES2_TEMPLATE)
                assert plain == templated, (table_class.__name__, query)


def test_an_empty_plain_table_says_so(country):
    user = country.users["auditor"]
    with translation.override("en"):
        plain = _render(PaymentTable, Payment.objects.none(), user, {}, PLAIN_TABLE_TEMPLATE)
        assert plain == _render(PaymentTable, Payment.objects.none(), user, {}, DJANGO_TABLES2_TEMPLATE)
    assert "No payments match: none is visible to you with these filters." in plain


def test_every_empty_table_says_why_it_is_empty(country):
    """A plain-rows table and any other django-tables2 table give one line: their own text, or why."""
    from niokr.obligations.tables import RegimeTable
    from niokr.obligations.models import RuleRegime

    user = country.users["auditor"]
    with translation.override("en"):
        plain = _render(OrganisationTable, Organisation.objects.none(), user, {}, PLAIN_TABLE_TEMPLATE)
        request = RequestFactory().get("/")
        regimes = RequestConfig(request).configure(RegimeTable(RuleRegime.objects.none()))
        other = TABLE.render(Context({"table": regimes, "request": request}))
        for html in (plain, other):
            assert html.count('<tr class="empty-row">') == 1 and "<th" in html
        assert "No rule regime matches these filters." in other
        generic = _render(AgreementTable, Agreement.objects.none(), user, {}, PLAIN_TABLE_TEMPLATE).replace("No agreements match", "")
        assert "none is visible to you with these filters" in generic
        # A table without a text of its own says whether the filters or the data leave it empty.
        bare = AgreementTable(Agreement.objects.none(), user=user, empty_text="")
        for query, expected in (({}, "Nothing has been recorded here yet."), ({"payer": "x"}, "Nothing matches these filters.")):
            request = RequestFactory().get("/", query)
            RequestConfig(request).configure(bare)
            html = TABLE.render(Context({"table": bare, "request": request}))
            assert expected in html, query


def test_a_plain_table_links_rows_as_reverse_does(country):
    make = url_maker("registry:organisation-detail")
    for pk in (1, 42, 10**12):
        assert make(pk) == reverse("registry:organisation-detail", args=[pk])
    assert url_maker("registry:no-such-page") is None


@pytest.mark.parametrize("text", ['A & <B> "c"', mark_safe("<b>bold</b>"), gettext_lazy("Payments"), 5])
def test_a_link_is_what_format_html_writes(text):
    assert link("/x/?a=1&b=2", text) == format_html('<a href="{}">{}</a>', "/x/?a=1&b=2", text)
    assert link(None, text) is text


CHOICES = [("", "Any <one>"), ("a&b", "A & B"), ("Group", [("g1", "G1"), ("g2", 'G"2')]), (3, "three")]
SCALARS = [None, "", "a&b", "g2", 3, '"<x>"']
CASES = [
    *((forms.Select(choices=CHOICES), v) for v in SCALARS),
    *((forms.Select(attrs={"class": "form-select", "disabled": True, "data-x": False}, choices=CHOICES), v) for v in SCALARS),
    *((forms.TextInput(attrs={"placeholder": 'a "b" & c'}), v) for v in SCALARS),
    *((forms.NumberInput(), v) for v in (None, 3, "4")),
    *((forms.DateInput(attrs={"type": "date"}), v) for v in (None, "2025-01-02")),
    (forms.HiddenInput(), "7"),
    *((RangeWidget(attrs={"class": "x"}), v) for v in (None, ["1", "<2>"], [None, "3"])),
    *((DateRangeWidget(), v) for v in (None, ["2025-01-01", ""])),
]


@pytest.mark.parametrize(("widget", "value"), CASES)
def test_a_plain_widget_is_what_djangos_template_writes(widget, value):
    widget.is_required = True
    assert widget.render("name<", value, {"id": "id_name"}, PLAIN_WIDGETS) == widget.render("name<", value, {"id": "id_name"}, DjangoTemplates())


FORMS = [
    (OrganisationFilterSet, Organisation, {"q": 'Кен "Альфа" & <b>', "kind": "university", "region": "astana", "mineral_group": "solid"}),
    (SubsoilRightFilterSet, SubsoilRight, {"regime": "LEGACY_INCOME", "holder": "x"}),
    (AgreementFilterSet, Agreement, {"amount_min": "1", "amount_max": "oops", "signed_after": "2024-01-01", "direction": "medtech"}),
    (PaymentFilterSet, Payment, {"paid_before": "2025-02-01", "currency": "usd", "agreement": "7", "year": "99999"}),
    (DashboardFilterSet, RightYearBalance, {"year": "2025", "region": "atyrau"}),
    (LedgerEntryFilterSet, LedgerEntry, {"kind": "direct_spend", "date_from": "2025-01-01", "entry": "-1"}),
]


@pytest.mark.parametrize(("filterset_class", "model", "data"), FORMS, ids=lambda x: getattr(x, "__name__", ""))
@pytest.mark.parametrize("bound", [True, False])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_filter_forms_are_written_as_djangos_templates_write_them(country, filterset_class, model, data, bound, language):
    extra = {"years": [2024, 2025, 2026]} if filterset_class is DashboardFilterSet else {}
    with translation.override(language):
        form = filterset_class(data if bound else None, queryset=model.objects.all(), **extra).form
        assert form.renderer is PLAIN_WIDGETS
        form.is_valid()
        plain = [str(field) for field in form]
        form.renderer = DjangoTemplates()
        assert plain == [str(field) for field in form]


def test_the_regime_codes_are_read_once_per_form_and_shown_by_name(country, django_assert_num_queries):
    from niokr.obligations.describe import forget_regime_titles

    forget_regime_titles()
    with translation.override("en"):
        form = SubsoilRightFilterSet({"regime": "LEGACY_INCOME"}, queryset=SubsoilRight.objects.all()).form
        with django_assert_num_queries(2):  # the codes assigned; the titles of regimes the catalogue does not name
            regime = str(form["regime"])
    # A code without a regime behind it is its own name; a regime of the catalogue is shown by its name, sent by its code.
    assert '<option value="LEGACY_INCOME" selected>LEGACY_INCOME</option>' in regime
    assert '<option value="CODE2017_COSTS">2017 Code: 1% of production costs</option>' in regime
