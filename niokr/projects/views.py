"""Pages of the projects app: agreements, payments and the performer page, scoped to the user.

The payment list stands on a national table of about 1.5 million rows: it is paginated without
counting the rows, and ordered so that the first page never sorts the whole table
(``PaymentQuerySet.latest_first``).
"""

from __future__ import annotations

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_tables2.paginators import LazyPaginator

from niokr.core.templatetags.niokr import localized
from niokr.core.views import ListPage
from niokr.projects.filtersets import AgreementFilterSet, PaymentFilterSet
from niokr.projects.models import Agreement, Payment, Project
from niokr.projects.querysets import YearOf, broad_scope
from niokr.projects.tables import AgreementTable, PartyLinks, PaymentTable
from niokr.registry.models import Organisation, SubsoilRight

__all__ = ["AgreementListView", "AgreementDetailView", "PaymentListView", "PerformerDetailView"]

#: Agreements listed on a performer page; the rest are one click away in the agreement list.
PERFORMER_AGREEMENTS_SHOWN = 200


def _payments(user):
    return Payment.objects.visible_to(user).listed()


class AgreementListView(ListPage):
    """R&D agreements between payers and performers."""

    model = Agreement
    filterset_class = AgreementFilterSet
    table_class = AgreementTable
    title = capfirst(_("R&D agreements"))
    export_name = "agreements"
    template_name = "projects/list.html"

    def get_base_queryset(self):
        return Agreement.objects.visible_to(self.request.user).select_related("payer", "performer").order_by("-signed_on", "-id")


class PaymentListView(ListPage):
    """Payments under R&D agreements, latest first (see ``PaymentQuerySet.latest_first``)."""

    model = Payment
    filterset_class = PaymentFilterSet
    table_class = PaymentTable
    paginator_class = LazyPaginator
    title = capfirst(_("Payments"))
    export_name = "payments"
    template_name = "projects/list.html"

    def get_base_queryset(self):
        return _payments(self.request.user)

    def order_rows(self, queryset, *, filtered: bool):
        return queryset.latest_first(broad=broad_scope(self.request.user) and not filtered)


class AgreementDetailView(ListPage):
    """One agreement: parties, subject, amount, period, and the payments under it the user may see."""

    model = Payment
    filterset_class = PaymentFilterSet
    table_class = PaymentTable
    template_name = "projects/agreement_detail.html"
    show_filters = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            scoped = Agreement.objects.visible_to(request.user).select_related("payer", "performer", "project")
            self.agreement = get_object_or_404(scoped, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_table_kwargs(self):
        return {"user": self.request.user, "exclude": ("payer", "performer", "agreement")}

    def get_export_name(self) -> str:
        # A file name is ASCII; the agreement is named by its payer's BIN and its date, not by an id.
        return f"agreement-{self.agreement.payer.bin}-{self.agreement.signed_on:%Y-%m-%d}-payments"

    def get_base_queryset(self):
        return _payments(self.request.user).filter(agreement=self.agreement).order_by("-paid_on", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.agreement
        user = self.request.user
        paid = Payment.objects.visible_to(user).filter(agreement=agreement).aggregate(total=Sum("amount"), n=Count("id"), first=Min("paid_on"), last=Max("paid_on"))
        project = agreement.project if agreement.project_id and Project.objects.visible_to(user).filter(pk=agreement.project_id).exists() else None
        links = PartyLinks(user)
        # The rights the agreement's payments were credited to, linked only where the user may open them.
        rights = SubsoilRight.objects.filter(pk__in=Payment.objects.visible_to(user).filter(agreement=agreement).values("right_id")).order_by("number")
        context.update(
            rights=[(right, links.right_url(right)) for right in rights],
            title=_("Agreement No %(number)s") % {"number": agreement.number},
            agreement=agreement,
            paid=paid,
            remaining=agreement.amount - (paid["total"] or 0),
            project=project,
            payer_url=links.payer_url(agreement),
            performer_url=links.performer_url(agreement),
        )
        # The calendar plan: stages planned, accepted by acts and paid (niokr.projects.lifecycle.delivery).
        from niokr.projects.lifecycle.delivery_views import plan_context

        context.update(plan_context(agreement, user))
        return context


class PerformerDetailView(ListPage):
    """The performer page: what an R&D performer received, by year and by subsoil user, and from which agreements.

    A performer's staff see their own organisation; a company's staff see a performer through
    their own agreements with it (and only those); regulators and auditors per their scope.
    """

    model = Payment
    filterset_class = PaymentFilterSet
    table_class = PaymentTable
    template_name = "projects/performer_detail.html"
    show_filters = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            user = request.user
            performed = Agreement.objects.visible_to(user).filter(performer=OuterRef("pk"))
            reachable = Organisation.objects.filter(Q(pk__in=Organisation.objects.visible_to(user).values("pk")) | Exists(performed))
            self.performer = get_object_or_404(reachable, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_table_kwargs(self):
        return {"user": self.request.user, "exclude": ("performer",)}

    def get_export_name(self) -> str:
        return f"performer-{self.performer.bin}-payments"

    def get_base_queryset(self):
        return _payments(self.request.user).filter(agreement__performer=self.performer).order_by("-paid_on", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        org = self.performer
        received = Payment.objects.visible_to(user).filter(agreement__performer=org).order_by()
        by_year = list(received.annotate(year=YearOf("paid_on")).values("year").annotate(total=Sum("amount"), n=Count("id")).order_by("-year"))
        by_payer = list(
            received.values("agreement__payer").annotate(total=Sum("amount"), n=Count("id"), first=Min("paid_on"), last=Max("paid_on")).order_by("-total")
        )
        payer_ids = [row["agreement__payer"] for row in by_payer]
        agreements = Agreement.objects.visible_to(user).filter(performer=org)
        agreement_count = agreements.count()
        shown = list(agreements.select_related("payer").order_by("payer__name_ru", "payer_id", "-signed_on", "-id")[:PERFORMER_AGREEMENTS_SHOWN])
        payer_ids += [a.payer_id for a in shown]
        payers = Organisation.objects.in_bulk(set(payer_ids))
        visible_payers = set(Organisation.objects.visible_to(user).filter(pk__in=payers).values_list("pk", flat=True))
        for row in by_payer:
            row["payer"] = payers.get(row["agreement__payer"])
            row["visible"] = row["agreement__payer"] in visible_payers
        for agreement in shown:
            agreement.payer_visible = agreement.payer_id in visible_payers
        context.update(
            title=localized(org, "name"),
            performer=org,
            by_year=by_year,
            by_payer=by_payer,
            total=sum((row["total"] for row in by_year), start=0),
            payment_count=sum(row["n"] for row in by_year),
            agreements=shown,
            agreement_count=agreement_count,
            organisation_visible=Organisation.objects.visible_to(user).filter(pk=org.pk).exists(),
        )
        # The portfolio: the performer's projects and results (niokr.projects.lifecycle.result_views).
        from niokr.projects.lifecycle.result_views import portfolio_of

        context.update(portfolio_of(org, user))
        return context
