"""Enumerations of the priority portfolios."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SubjectKind", "Provenance"]


class SubjectKind(models.TextChoices):
    """What a priority tag is about: the four kinds of record the 1% money and its results are kept in."""

    PROJECT = "project", _("R&D project")
    AGREEMENT = "agreement", _("R&D agreement")
    PAYMENT = "payment", _("payment")
    RESULT = "result", _("R&D result")


class Provenance(models.TextChoices):
    """Where the tag that counts for a record comes from (the portfolio shows each share apart).

    ``confirmed``: a person confirmed or corrected it; ``source``: the record's own column (a
    project's priority direction, an agreement's direction from its report); ``suggested``: only the
    classifier's suggestion exists — never counted in a priority's share; ``none``: no tag at all.
    """

    CONFIRMED = "confirmed", _("confirmed by an analyst")
    SOURCE = "source", _("from the source data")
    SUGGESTED = "suggested", _("suggested only, not confirmed")
    NONE = "none", _("no tag")
