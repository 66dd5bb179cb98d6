"""A ministry's scientific-technical council: members, sessions, agenda, recusals and votes.

The quorum and majority a session is decided under are recorded *on the session* when it is
planned (DOMAIN §7 item 3 is a gap of the law; the defaults are in ADR 0012), so a result can always
be recomputed under the policy that was in force. A closed agenda item's result is written once and
never changed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from niokr.core.choices import Authority
from niokr.projects.choices import CouncilPosition, MajorityBase, Outcome, RecusalSource, SessionStatus, VoteChoice, VoteSource


def _authorities(user):
    from niokr.projects.lifecycle.councils import readable_authorities

    return readable_authorities(user)


class CouncilQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The councils of the ministries whose council ``user`` sits on, serves or regulates (all: auditors)."""
        authorities = _authorities(user)
        return self if authorities is None else self.filter(authority__in=authorities)


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The sessions of the councils ``user`` may read (company staff: none — they read results on their programmes)."""
        authorities = _authorities(user)
        return self if authorities is None else self.filter(council__authority__in=authorities)


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The items of the sessions ``user`` may read, and the decided items on the programmes of ``user``'s company."""
        from niokr.accounts.scoping import scope_for

        authorities = _authorities(user)
        if authorities is None:
            return self
        own = Q(decided_at__isnull=False, version__programme__applicant_id__in=scope_for(user).company_ids)
        return self.filter(Q(session__council__authority__in=authorities) | own)


class VoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The votes of the sessions ``user`` may read (an open vote: the council, its ministry's regulators, auditors)."""
        authorities = _authorities(user)
        return self if authorities is None else self.filter(item__session__council__authority__in=authorities)


class Council(models.Model):
    """The scientific-technical council of one ministry (competent authority)."""

    authority = models.CharField(_("ministry"), max_length=16, choices=Authority.choices, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["authority"]
        verbose_name = _("scientific-technical council")
        verbose_name_plural = _("scientific-technical councils")

    def __str__(self) -> str:
        return self.name_ru


class CouncilMemberQuerySet(models.QuerySet):
    def serving_on(self, day):
        """Members whose term covers ``day``."""
        return self.filter(Q(term_from__lte=day), Q(term_to__isnull=True) | Q(term_to__gte=day))

    def voting(self):
        return self.exclude(position=CouncilPosition.SECRETARY)


class CouncilMember(models.Model):
    """A person on a council for a term, with the organisation they come from (for conflicts)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="members", verbose_name=_("scientific-technical council"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("person"))
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="council_members", verbose_name=_("organisation"))
    position = models.CharField(_("position"), max_length=16, choices=CouncilPosition.choices, default=CouncilPosition.MEMBER)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True)

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        ordering = ["council", "position", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=models.F("term_from")), name="council_member_term_ordered",
                violation_error_message=_("The term ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        from niokr.accounts.people import person_name

        return person_name(self.user)


class CouncilSession(models.Model):
    """A sitting of a council with its agenda and the voting policy in force."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("scientific-technical council"))
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    held_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    vote_closes_at = models.DateTimeField(_("vote closes"), null=True, blank=True, help_text=_("Empty: the secretary closes the vote"))
    source = models.CharField(_("votes"), max_length=16, choices=VoteSource.choices, default=VoteSource.ELECTRONIC)
    # The policy in force (ADR 0012): quorum as a share of all members, majority as a share of a base.
    quorum_num = models.PositiveSmallIntegerField(_("quorum, numerator"), default=2, validators=[MinValueValidator(1)])
    quorum_den = models.PositiveSmallIntegerField(_("quorum, denominator"), default=3, validators=[MinValueValidator(1)])
    majority_num = models.PositiveSmallIntegerField(_("majority, numerator"), default=2, validators=[MinValueValidator(1)])
    majority_den = models.PositiveSmallIntegerField(_("majority, denominator"), default=3, validators=[MinValueValidator(1)])
    majority_base = models.CharField(_("majority counted"), max_length=16, choices=MajorityBase.choices, default=MajorityBase.PRESENT_VOTING)
    abstentions_count = models.BooleanField(_("abstentions count as votes cast"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opened by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        constraints = [
            models.CheckConstraint(condition=Q(quorum_num__lte=models.F("quorum_den")), name="session_quorum_share", violation_error_message=_("The quorum is a share of at most all members.")),
            models.CheckConstraint(condition=Q(majority_num__lte=models.F("majority_den")), name="session_majority_share", violation_error_message=_("The majority is a share of at most all votes.")),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def policy(self):
        from niokr.projects.lifecycle.votes import Policy

        return Policy(self.quorum_num, self.quorum_den, self.majority_num, self.majority_den, self.majority_base, self.abstentions_count)


class Attendance(models.Model):
    """Who of the council's members was present at a session (a voting member absent cannot vote)."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("council session"))
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("council member"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_unique", violation_error_message=_("The member's attendance is already recorded."))]


class AgendaItem(models.Model):
    """One programme version on a session's agenda, and — once the vote closes — its result."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="items", verbose_name=_("council session"))
    order = models.PositiveSmallIntegerField(_("item"), default=1)
    version = models.ForeignKey("projects.ProgrammeVersion", on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("programme version"))
    outcome = models.CharField(_("result"), max_length=16, choices=Outcome.choices, blank=True)
    #: The tally as decided (immutable): counts, quorum and majority needed, the policy, the recusals.
    tally = models.JSONField(_("tally"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "version"], name="agenda_item_unique", violation_error_message=_("The programme is already on this session's agenda.")),
        ]

    def __str__(self) -> str:
        return f"{self.session.reference} · {self.order}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = type(self)._base_manager.filter(pk=self.pk).values("outcome", "tally", "decided_at").first()
            if stored and stored["decided_at"] is not None and (stored["outcome"], stored["tally"]) != (self.outcome, self.tally):
                raise ValueError("a council decision is immutable")
        super().save(*args, **kwargs)


class Recusal(models.Model):
    """A member who does not vote on an item: found in the affiliation graph or declared."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("agenda item"))
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="recusals", verbose_name=_("council member"))
    source = models.CharField(_("found"), max_length=16, choices=RecusalSource.choices)
    #: The affiliation path as BINs and names, from the member's organisation to the party.
    path = models.JSONField(_("affiliation path"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_unique", violation_error_message=_("The member is already recused from this item."))]


class Vote(models.Model):
    """One member's open vote on one item; cast once."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes", verbose_name=_("agenda item"))
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="votes", verbose_name=_("council member"))
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    source = models.CharField(_("cast"), max_length=16, choices=VoteSource.choices, default=VoteSource.ELECTRONIC)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["item", "member"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="vote_once", violation_error_message=_("The member has already voted on this item."))]
