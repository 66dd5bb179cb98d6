"""Forms for the custom user model (Django's own are bound to ``auth.User``)."""

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from niokr.accounts.models import User


class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username",)


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
