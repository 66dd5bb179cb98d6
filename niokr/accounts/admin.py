from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from niokr.accounts.forms import UserCreateForm, UserEditForm
from niokr.accounts.models import Membership, User
from niokr.core.admin_mixins import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(User)
class NiokrUserAdmin(AuditedAdmin, UserAdmin):
    """Users and memberships; every change is in the audit trail (passwords never are)."""

    inlines = [MembershipInline]
    add_form = UserCreateForm
    form = UserEditForm
    fieldsets = (*UserAdmin.fieldsets, ("NIOKR", {"fields": ("language",)}))
