"""Roles a membership grants (DESIGN.md §1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGULATOR = "regulator", _("Regulator analyst")
    COMPANY = "company", _("Subsoil user staff")
    PERFORMER = "performer", _("R&D performer staff")
    COUNCIL_MEMBER = "council_member", _("Scientific-technical council member")
    EXPERT = "expert", _("State expert")
    TCC_ANALYST = "tcc_analyst", _("Technology competence centre analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
