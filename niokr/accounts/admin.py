from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from niokr.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(User)
class NiokrUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*UserAdmin.fieldsets, ("NIOKR", {"fields": ("language",)}))
