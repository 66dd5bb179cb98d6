from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from niokr.accounts.forms import UserCreateForm, UserEditForm
from niokr.accounts.models import Membership, User
from niokr.accounts.people import person_name
from niokr.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from niokr.core.audit import action_label, object_type_label
from niokr.core.models import AuditEvent

#: The name fields of the person behind an audit event, read with the events (one query for the page).
_PERSON_FIELDS = ("first_name", "last_name", "name_kk", "name_en")


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


class _LabelledFilter(admin.SimpleListFilter):
    """A filter on a stored key that offers the keys present, each by its label in the reader's language."""

    field = ""

    def label_of(self, key: str) -> str:
        raise NotImplementedError

    def lookups(self, request, model_admin):
        keys = AuditEvent.objects.order_by().values_list(self.field, flat=True).distinct()
        return sorted(((key, self.label_of(key)) for key in keys), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class ActionFilter(_LabelledFilter):
    title = _("action")
    parameter_name = field = "action"

    def label_of(self, key: str) -> str:
        return action_label(key)


class ObjectTypeFilter(_LabelledFilter):
    title = _("object")
    parameter_name = field = "object_type"

    def label_of(self, key: str) -> str:
        return object_type_label(key)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The trail as a person reads it: when, who (by name), what was done (a label), to what (the model's name)."""

    list_display = ("seq", "when", "person", "what", "about")
    list_filter = (ActionFilter, ObjectTypeFilter)
    search_fields = ("object_id", "actor_name", "request_id")

    def get_queryset(self, request):
        people = User.objects.filter(pk=OuterRef("actor_id"))
        return super().get_queryset(request).annotate(**{f"actor_{f}": Subquery(people.values(f)[:1]) for f in _PERSON_FIELDS})

    @admin.display(description=_("Time"), ordering="created_at")
    def when(self, event):
        return event.created_at

    @admin.display(description=_("Person"), ordering="actor_name")
    def person(self, event):
        names = {f: getattr(event, f"actor_{f}", None) for f in _PERSON_FIELDS}
        if event.actor_id is None or all(v is None for v in names.values()):
            return person_name(event.actor_name)  # the account is gone, or the system acted
        return person_name(User(username=event.actor_name, **{f: v or "" for f, v in names.items()}))

    @admin.display(description=_("Action"), ordering="action")
    def what(self, event):
        return action_label(event.action)

    @admin.display(description=_("Object"), ordering="object_type")
    def about(self, event):
        return object_type_label(event.object_type)


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class PeopleTokenAdmin(TokenAdmin):
    """API tokens: the account to give one to is chosen by the person's name, the list shows it too."""

    list_display = ("key", "person", "created")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["form_class"] = _PersonChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Person"), ordering="user__last_name")
    def person(self, token):
        return person_name(token.user)


admin.site.unregister(TokenProxy)
admin.site.register(TokenProxy, PeopleTokenAdmin)


from niokr.accounts.models import Notification  # noqa: E402
from niokr.accounts.notifications import text_of  # noqa: E402


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Notifications as sent: read-only (the person marks them read on their page)."""

    list_display = ("created_at", "person", "text", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("user__username", "user__last_name", "kind")
    list_select_related = ("user",)

    @admin.display(description=_("Person"), ordering="user__last_name")
    def person(self, note):
        return person_name(note.user)

    @admin.display(description=_("Text"))
    def text(self, note):
        return text_of(note)
