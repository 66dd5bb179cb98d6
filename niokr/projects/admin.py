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
