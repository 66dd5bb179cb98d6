"""Pages of the registry: organisations and rights, each scoped to what the user may see.

They are :class:`niokr.core.views.ListPage` pages, the list page every app builds on.
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.templatetags.niokr import localized
from niokr.core.views import ListPage
from niokr.registry.filtersets import OrganisationFilterSet, SubsoilRightFilterSet
from niokr.registry.models import Affiliation, Organisation, SubsoilRight
from niokr.registry.querysets import HOLDER_KINDS
from niokr.registry.tables import OrganisationTable, SubsoilRightTable

__all__ = ["OrganisationListView", "OrganisationDetailView", "SubsoilRightListView"]


class OrganisationListView(ListPage):
    """The organisation registry."""

    model = Organisation
    filterset_class = OrganisationFilterSet
    table_class = OrganisationTable
    title = _("Organisations")
    export_name = "organisations"

    def get_base_queryset(self):
        return Organisation.objects.visible_to(self.request.user).with_rights_count(self.request.user).order_by("name_ru", "pk")


class SubsoilRightListView(ListPage):
    """Subsoil-use rights (contracts and licences)."""

    model = SubsoilRight
    filterset_class = SubsoilRightFilterSet
    table_class = SubsoilRightTable
    title = _("Subsoil-use rights")
    export_name = "rights"

    def get_base_queryset(self):
        return SubsoilRight.objects.visible_to(self.request.user).select_related("holder").with_current_regime().order_by("number")


class OrganisationDetailView(ListPage):
    """One organisation: identity, statuses, affiliations, and the table of its rights the user may see."""

    model = SubsoilRight
    filterset_class = SubsoilRightFilterSet
    table_class = SubsoilRightTable
    template_name = "registry/organisation_detail.html"
    show_filters = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # 404 for what lies outside the user's scope, before the page or the export.
            self.organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_table_kwargs(self):
        return {"user": self.request.user, "exclude": ("holder", "holder_bin"), "empty_text": _("This organisation holds no subsoil-use right visible to you.")}

    def get_export_name(self) -> str:
        return f"rights-{self.organisation.bin}"

    def get_base_queryset(self):
        return SubsoilRight.objects.visible_to(self.request.user).filter(holder=self.organisation).select_related("holder").with_current_regime().order_by("number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.organisation
        user = self.request.user
        visible = Organisation.objects.visible_to(user)
        edges = Affiliation.objects.select_related("source", "target").order_by("-valid_from", "pk")
        parents = list(edges.filter(target=org, source__in=visible))
        children = list(edges.filter(source=org, target__in=visible))
        today = timezone.localdate()
        attributes = list(org.attributes.order_by("kind", "-valid_from"))
        for attribute in attributes:
            attribute.current = attribute.is_valid_on(today)
        hidden = Affiliation.objects.filter((Q(target=org) & ~Q(source__in=visible)) | (Q(source=org) & ~Q(target__in=visible))).count()
        context.update(
            title=localized(org, "name"),
            organisation=org,
            attributes=attributes,
            parents=parents,
            children=children,
            hidden_affiliations=hidden,
            holds_rights=org.kind in HOLDER_KINDS or SubsoilRight.objects.filter(holder=org).exists(),
            # The performer page exists for performers and for anyone who performed an agreement.
            performs=org.kind not in HOLDER_KINDS or org.agreements_performed.exists(),
        )
        return context

