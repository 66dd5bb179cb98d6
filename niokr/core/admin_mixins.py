"""Admin helpers: every change made in the admin is written to the audit trail in its transaction."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict

from niokr.core.audit import record_event


SECRET_FIELDS = {"password"}


def _snapshot(obj) -> dict:
    """The object's fields for the audit trail; secrets are never copied into it."""
    return {k: (v if not hasattr(v, "pk") else v.pk) for k, v in model_to_dict(obj).items() if k not in SECRET_FIELDS}


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions append audit events (actor = the admin user)."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = None
            if change and obj.pk:
                before = _snapshot(type(obj).objects.get(pk=obj.pk))
            super().save_model(request, obj, form, change)
            record_event(action="update" if change else "create", object_type=obj._meta.label, object_id=obj.pk, before=before, after=_snapshot(obj), reason="admin", actor=request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_event(action="delete", object_type=obj._meta.label, object_id=obj.pk, before=_snapshot(obj), reason="admin", actor=request.user)
            super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                record_event(action="delete", object_type=obj._meta.label, object_id=obj.pk, before=_snapshot(obj), reason="admin", actor=request.user)
                obj.delete()
            for obj in instances:
                created = obj.pk is None
                obj.save()
                record_event(action="create" if created else "update", object_type=obj._meta.label, object_id=obj.pk, after=_snapshot(obj), reason="admin", actor=request.user)
            formset.save_m2m()


class ReadOnlyAdmin(admin.ModelAdmin):
    """For append-only or derived data: viewable, never edited through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
