from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from niokr.core.admin_mixins import AuditedAdmin
from niokr.projects.models import Agreement, Project


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ("code", "title_ru", "performer", "priority_direction", "tcc_sector", "trl_start", "trl_target", "trl_reached", "status")
    empty_value_display = _("not reported")  # an empty TRL is one the project's source did not report
    list_filter = ("priority_direction", "tcc_sector", "status")
    search_fields = ("code", "title_ru", "title_kk", "title_en")
    raw_id_fields = ("performer",)


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("number", "payer", "performer", "signed_on", "amount", "project")
    search_fields = ("number", "payer__bin", "performer__bin")
    raw_id_fields = ("payer", "performer", "project")

from niokr.projects import admin_review  # noqa: E402,F401  (the expertise and the selection)


# --- Scientific-technical councils: councils and members are configured here; sessions, items,
# recusals and votes change only through the council's services (their status through the workflow).

from niokr.core.admin_mixins import ReadOnlyAdmin  # noqa: E402
from niokr.projects.models import AgendaItem, Council, CouncilMember, CouncilSession, Vote  # noqa: E402


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ("user", "organisation")
    fields = ("user", "organisation", "position", "term_from", "term_to")


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ("authority", "name_ru")
    inlines = [CouncilMemberInline]


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "council", "held_on", "status", "source", "vote_closes_at")
    list_filter = ("status", "source", "council")
    search_fields = ("reference",)


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ("session", "order", "version", "outcome", "decided_at")
    list_filter = ("outcome",)
    search_fields = ("session__reference", "version__programme__reference")


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("item", "member", "choice", "source", "cast_at")
    list_filter = ("choice", "source")

from niokr.projects import admin_delivery  # noqa: E402,F401  (stages, acceptance acts, results)
from niokr.projects import admin_programmes  # noqa: E402,F401  (programmes and their versions)
