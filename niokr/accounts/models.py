"""Users and their memberships (user × organisation × role)."""

import re

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.accounts.choices import Role
from niokr.core.choices import Authority, Language

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


class User(AbstractUser):
    """A person who logs in; what they see comes from their memberships."""

    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.RU)
    #: The person's name as written in Kazakh and in English (Latin letters); the first and last name
    #: are the Russian one. Empty: the first and last name are shown.
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300, blank=True, default="", db_default="")
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def name_ru(self) -> str:
        """The first and last name, for the ``localized`` filter (``{{ user|localized:"name" }}``)."""
        return self.get_full_name()

    def clean(self) -> None:
        super().clean()
        if _CYRILLIC.search(self.name_en or ""):
            raise ValidationError({"name_en": ValidationError(_("The English text is written in Latin letters."), code="english_in_cyrillic")})


def active_membership_q(day=None, prefix: str = "") -> Q:
    """Memberships in force on ``day`` (default today): the one definition of an active membership.

    ``valid_from`` and ``valid_to`` are both inclusive; an empty bound is open. ``prefix`` reaches
    the membership from another model (``"memberships__"`` from a user).
    """
    day = day or timezone.localdate()
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day=None):
        """The memberships in force on ``day`` (default today)."""
        return self.filter(active_membership_q(day))


class Membership(models.Model):
    """A user's role in an organisation. A regulator's membership names its competent authority."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    authority = models.CharField(_("competent authority"), max_length=16, choices=Authority.choices, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique"),
            models.CheckConstraint(
                condition=~models.Q(role="regulator") | ~models.Q(authority=""),
                name="membership_regulator_has_authority",
                violation_error_message=_("A regulator's membership names its competent authority."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation_id}"

    def is_active_on(self, day=None) -> bool:
        """Whether the membership is in force on ``day`` (default today); as :func:`active_membership_q`."""
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


class Notification(models.Model):
    """A message to one person in the system: something they are asked to do or should know.

    The words are not stored: ``kind`` names a message of :mod:`niokr.accounts.notifications` and
    ``params`` its values, so the inbox reads in the language the person reads it in. Trilingual
    values are stored as ``{"kk": …, "ru": …, "en": …}``.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient"))
    kind = models.CharField(_("kind"), max_length=48)
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True, help_text=_("The page where the person acts (a path on this site)"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        from niokr.accounts.notifications import text_of

        return text_of(self)
