"""The search results page: what the navigation bar's box found, grouped by kind, each item linked."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from niokr.help.audience import reads_registry
from niokr.projects.models import Agreement
from niokr.registry.models import Organisation, SubsoilRight
from niokr.registry.querysets import HOLDER_KINDS
from niokr.search.services import LIMIT, MAX_QUERY, MIN_QUERY, find

__all__ = ["search"]


@require_safe
@login_required
def search(request):
    """``?q=``: organisations by BIN or name, rights, agreements, payments, submissions and audit cases by number."""
    results = find(request.user, request.GET.get("q", ""))
    query = results.query
    context = {
        "title": _("Search"),
        "query": query,
        "results": results,
        "limit": LIMIT,
        "min_query": MIN_QUERY,
        "max_query": MAX_QUERY,
    }
    if query.usable:
        context.update(_links(request.user, results))
    return render(request, "search/results.html", context)


def _links(user, results) -> dict:
    """Where each found item leads, only to pages the user may open; and the filtered lists for "more"."""
    # A subsoil user's page for the organisations the user sees as such; the performer page for
    # the others (company staff find their performers through their agreements).
    organisations = results.organisations.items
    seen = set(Organisation.objects.visible_to(user).filter(pk__in=[o.pk for o in organisations]).values_list("pk", flat=True)) if organisations else set()
    for org in organisations:
        if org.kind in HOLDER_KINDS and org.pk in seen:
            org.search_url = reverse("obligations:holder-detail", args=[org.pk])
        else:
            org.search_url = reverse("projects:performer-detail", args=[org.pk])
    # A payment's right or agreement may lie outside what the user sees (a performer sees the
    # payments it received, not the payer's rights): those are named, not linked.
    payments = results.payments.items
    rights = {p.right_id for p in payments}
    agreements = {p.agreement_id for p in payments}
    open_rights = set(SubsoilRight.objects.visible_to(user).filter(pk__in=rights).values_list("pk", flat=True)) if rights else set()
    open_agreements = set(Agreement.objects.visible_to(user).filter(pk__in=agreements).values_list("pk", flat=True)) if agreements else set()
    for payment in payments:
        payment.right_url = reverse("obligations:right-detail", args=[payment.right_id]) if payment.right_id in open_rights else ""
        payment.agreement_url = reverse("projects:agreement-detail", args=[payment.agreement_id]) if payment.agreement_id in open_agreements else ""
    text = results.query.text
    more = {
        "rights": f"{reverse('registry:right-list')}?{urlencode({'q': text})}",
        "agreements": f"{reverse('projects:agreement-list')}?{urlencode({'number': text})}",
        "submissions": f"{reverse('intake:submission-list')}?{urlencode({'reference': text})}",
        "cases": f"{reverse('control:case-list')}?{urlencode({'reference': text})}",
        "programmes": f"{reverse('lifecycle:programme-list')}?{urlencode({'reference': text})}",
    }
    if reads_registry(user):
        more["organisations"] = f"{reverse('registry:organisation-list')}?{urlencode({'q': text})}"
    return {"more": more}
