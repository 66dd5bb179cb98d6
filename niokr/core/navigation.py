"""The navigation bar: the main menu, the search box and the help link.

Each app names its entry pages; an entry whose page is not installed is left out. An entry names
who it is for: the dotted path of a ``callable(user) -> bool`` (a path, not an import, so that
``core`` stays below the apps it lists). Each role's menu holds only the pages it has a use for —
a performer is not offered a dashboard of rights it does not hold. The menu is no security: every
page refuses by itself what a user may not see.

An entry may also take its URL from the user (their own organisation's page) and show a count (the
document requests a company has still to answer), both by dotted path too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy, pgettext_lazy

__all__ = ["Entry", "MENU", "POLICY_TABS", "navigation", "tabs"]


@dataclass(frozen=True)
class Entry:
    """One entry of the main menu.

    Attributes:
        name: the URL name of its page (reversed without arguments), unless ``url`` is given.
        label: what the menu says.
        who: dotted path of ``callable(user) -> bool``: whom the entry is for (empty: every signed-in user).
        url: dotted path of ``callable(user) -> str``: the page, when it depends on the user.
        section: the path prefix under which the entry is the current one (default: its URL); several
            prefixes are separated by ``|``.
        badge: dotted path of ``callable(user) -> int``: a count shown beside the label (0: none).
    """

    name: str
    label: str
    who: str = ""
    url: str = ""
    section: str = ""
    badge: str = ""


_AUDIENCE = "niokr.help.audience"

#: The main menu, in its order. The labels are the menu's short forms (context "menu").
MENU = [
    Entry("home", pgettext_lazy("menu", "My organisation"), who=f"{_AUDIENCE}.works_for_organisations", url=f"{_AUDIENCE}.own_page"),
    Entry("obligations:dashboard", pgettext_lazy("menu", "Dashboard"), who=f"{_AUDIENCE}.reads_obligations"),
    Entry("registry:organisation-list", pgettext_lazy("menu", "Registry"), who=f"{_AUDIENCE}.reads_registry", section="/registry/organisations/"),
    Entry("registry:right-list", pgettext_lazy("menu", "Rights"), who=f"{_AUDIENCE}.reads_obligations"),
    Entry("projects:agreement-list", pgettext_lazy("menu", "Agreements"), who=f"{_AUDIENCE}.has_scope", section="/projects/"),
    Entry("lifecycle:programme-list", gettext_lazy("Programmes"), who="niokr.projects.lifecycle.programme_views.reads_programmes", section="/lifecycle/programmes/"),
    # The council's secretary and members: the sessions (agenda, attendance, the vote) and the councils.
    Entry("lifecycle:session-list", gettext_lazy("Council"), who="niokr.projects.lifecycle.councils.sits_on_council", section="/lifecycle/sessions/"),
    Entry("lifecycle:expertise-list", gettext_lazy("Expertise"), who="niokr.projects.lifecycle.review_views.reads_expertise", section="/lifecycle/expertise/"),
    Entry("lifecycle:call-list", gettext_lazy("Calls"), who="niokr.projects.lifecycle.review_views.reads_calls", section="/lifecycle/calls/"),
    Entry("lifecycle:pool", gettext_lazy("Pool 401103"), who="niokr.projects.lifecycle.review_views.reads_pool"),
    # Results: the registry (with the projects) for everyone with a scope; a subsoil user's "what our 1% produced".
    Entry("lifecycle:result-list", gettext_lazy("Results"), who="niokr.projects.lifecycle.result_views.reads_results", section="/lifecycle/results/"),
    Entry("lifecycle:produced-own", gettext_lazy("What our R&D money produced"), who="niokr.projects.lifecycle.result_views.funds_research", section="/lifecycle/produced/"),
    Entry("intake:submission-list", pgettext_lazy("menu", "Submissions"), who=f"{_AUDIENCE}.reads_submissions"),
    Entry("obligations:regime-list", pgettext_lazy("menu", "Regimes"), who=f"{_AUDIENCE}.reads_obligations"),
    Entry("intake:job-list", pgettext_lazy("menu", "Jobs"), who=f"{_AUDIENCE}.has_jobs"),
    # Control: its flags for the control body and regulators; the cases and notices for company
    # staff, with the count of document requests they have still to answer.
    Entry("control:flag-list", pgettext_lazy("menu", "Control"), who="niokr.control.views.reads_control", section="/control/"),
    Entry("control:case-list", pgettext_lazy("menu", "Control"), who="niokr.control.views.answers_cases", section="/control/", badge=f"{_AUDIENCE}.pending_requests"),
    # The technology policy: one entry to its first area the user may use (portfolios, audit and TRL,
    # foresight, ranking); the areas' pages link each other by the tabs of :data:`POLICY_TABS`.
    Entry(
        "portfolio:index", pgettext_lazy("menu", "Technology policy"), who=f"{_AUDIENCE}.uses_policy", url=f"{_AUDIENCE}.policy_page",
        section="/portfolio/|/capability/|/foresight/|/ranking/",
    ),
    Entry("admin:index", pgettext_lazy("menu", "Administration"), who=f"{_AUDIENCE}.is_staff"),
]

#: Where the technology policy's pages live (their pages show :data:`POLICY_TABS`).
POLICY_PREFIXES = ("/portfolio/", "/capability/", "/foresight/", "/ranking/")
#: The technology policy's areas: the tabs over their pages, each for whom its app's rule says.
POLICY_TABS = [
    Entry("portfolio:index", gettext_lazy("Priority portfolios"), who="niokr.portfolio.access.may_view_portfolio", section="/portfolio/"),
    Entry("capability:audit-list", gettext_lazy("Technology audit and TRL"), who="niokr.capability.access.may_use_capability", section="/capability/"),
    Entry("foresight:exercise-list", gettext_lazy("Foresight"), who="niokr.foresight.access.may_use_foresight", section="/foresight/"),
    Entry("ranking:ranking-list", gettext_lazy("Ranking of technologies"), who="niokr.ranking.access.may_read_rankings", section="/ranking/"),
]

#: The search box's and the help pages' URL names (left out of the bar when not installed).
SEARCH, HELP, GLOSSARY = "search:results", "help:index", "help:glossary"
#: The notifications page and the count of a person's unread notifications (one indexed count a page).
NOTIFICATIONS, UNREAD = "accounts:notifications", "niokr.accounts.notifications.unread_count"


def navigation(request) -> dict:
    """Template context: ``menu`` (entries with ``name``, ``url``, ``label``, ``active``, ``badge``), the
    ``search_url``, ``help_url`` and ``glossary_url`` of the bar (empty when not installed), and the
    ``notifications_url`` with the count of the person's unread notifications (``notifications_unread``)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    # A page renders the context processors more than once (a table's template is rendered with a
    # context of its own): the bar is worked out once per request.
    bar = getattr(request, "_niokr_navigation", None)
    if bar is None:
        bar = request._niokr_navigation = {
            "menu": _entries(request),
            "search_url": _url(SEARCH),
            "help_url": _url(HELP),
            "glossary_url": _url(GLOSSARY),
            "notifications_url": _url(NOTIFICATIONS),
            "notifications_unread": import_string(UNREAD)(request.user) if _url(NOTIFICATIONS) else 0,
            # The technology policy's pages carry the tabs of its areas.
            "policy_tabs": tabs(request) if request.path.startswith(POLICY_PREFIXES) else [],
        }
    return bar


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def tabs(request, entries=None) -> list[dict]:
    """The technology policy's tabs ``request.user`` may use (each as a menu entry), the current one marked."""
    return _entries(request, POLICY_TABS if entries is None else entries)


def _entries(request, entries_of=None) -> list[dict]:
    user, entries = request.user, []
    for entry in MENU if entries_of is None else entries_of:
        url = _url(entry.name)
        if not url:
            continue
        if entry.who and not import_string(entry.who)(user):
            continue
        if entry.url:
            url = import_string(entry.url)(user) or url
        sections = tuple((entry.section or url).split("|"))
        badge = import_string(entry.badge)(user) if entry.badge else 0
        entries.append({"name": entry.name, "url": url, "label": entry.label, "active": url != "/" and request.path.startswith(sections), "badge": badge})
    return entries
