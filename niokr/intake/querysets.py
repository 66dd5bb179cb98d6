"""Scoped querysets of the intake app: every read goes through ``visible_to(user)``."""

from __future__ import annotations

from django.db import models

from niokr.accounts.scoping import scope_for
from niokr.registry.models import Organisation

__all__ = ["SubmissionQuerySet", "JobRecordQuerySet"]


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Submissions ``user`` may see.

        Administrators and auditors: all. Regulators: the submissions of the organisations they
        see (``Organisation.objects.visible_to``: holders of rights in their competence, and every
        organisation that is not a subsoil user). Company and performer staff: their organisations'.
        """
        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.nothing:
            return self.none()
        if not scope.mineral_groups:
            return self.filter(organisation_id__in=scope.organisation_ids)
        return self.filter(organisation__in=Organisation.objects.visible_to(user).values("pk"))


class JobRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Jobs ``user`` may see: their own; administrators and auditors see every job."""
        scope = scope_for(user)
        if scope.everything:
            return self
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(started_by=user)
